// SPDX-License-Identifier: Apache-2.0
// proc_exit(argv[1]) becomes ward's exit status; nothing after it runs.
// (The runner checks the status; this program prints its checks before.)
#include "wasi_check.h"

int main(int argc, char **argv) {
  REQUIRE_TRUE("argv[1] is the exit code", argc == 2);
  unsigned code = (unsigned)atoi(argv[1]);
  CHECK_TRUE("exit code parsed", code < 256);
  if (wc_fails)
    return 1;
  printf("ok: %d checks, exiting with %u\n", wc_checks, code);
  fflush(stdout);
  __wasi_proc_exit(code);
  printf("FAIL: proc_exit returned (got return, want no return)\n");
  return 99;
}
