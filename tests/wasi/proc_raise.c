// SPDX-License-Identifier: Apache-2.0
// proc_raise: an invalid signal number is not success; a terminating signal
// (SIGTERM = 15) either fails with an errno (ENOSYS/ENOTSUP) or ends the
// program — it must never return success and let the program go on. The
// runner accepts: exit 0 with "ok:" (errno returned), or a non-zero status
// that is not a host crash (not 139/SIGSEGV).
#include "wasi_check.h"

int main(void) {
  int32_t e = raw_proc_raise(200);
  wc_checks++;
  if (e == 0)
    wc_fail("proc_raise(200) (got success, want an errno)");
  else
    wc_info("proc_raise(200) -> %d %s", e, wc_errname((unsigned)e));
  fflush(stdout);
  e = raw_proc_raise(15);
  wc_checks++;
  if (e == 0)
    wc_fail("proc_raise(SIGTERM) returned success (got 0, want an errno or termination)");
  else
    wc_info("proc_raise(SIGTERM) -> %d %s", e, wc_errname((unsigned)e));
  done();
}
