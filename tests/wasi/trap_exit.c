// SPDX-License-Identifier: Apache-2.0
// A trap after WASI output: ward exits 134 and prints "Error: wasm trap"
// (the runner checks), and what was written before the trap is kept.
#include "wasi_check.h"

int main(void) {
  CHECK_OK("sched_yield", __wasi_sched_yield());
  printf("ok: %d checks, now trapping\n", wc_checks);
  fflush(stdout);
  __builtin_trap();
}
