// SPDX-License-Identifier: Apache-2.0
// sched_yield succeeds (many times in a row).
#include "wasi_check.h"

int main(void) {
  int bad = 0;
  for (int i = 0; i < 1000; i++)
    bad += __wasi_sched_yield() != 0;
  CHECK_OK("sched_yield", __wasi_sched_yield());
  CHECK_EQ("failed sched_yield calls out of 1000", bad, 0);
  done();
}
