// SPDX-License-Identifier: Apache-2.0
// fd_advise accepts the 6 advice values and rejects others; fd_allocate
// extends the file (never shrinks); fd_sync/fd_datasync succeed on a file.
#include "wasi_check.h"

int main(void) {
  int32_t fd = create_file(PRE, "a.txt", 0);
  write_all(fd, "0123456789", 10);
  for (int adv = 0; adv <= 5; adv++) {
    char what[48];
    snprintf(what, sizeof what, "fd_advise(advice %d)", adv);
    CHECK_OK(what, __wasi_fd_advise(fd, 0, 10, (__wasi_advice_t)adv));
  }
  CHECK_ERRNO("fd_advise(advice 6)", __wasi_fd_advise(fd, 0, 10, 6), __WASI_ERRNO_INVAL);
  CHECK_ERRNO("fd_advise(bad fd)", __wasi_fd_advise(321, 0, 10, 0), __WASI_ERRNO_BADF);
  __wasi_filestat_t st;
  int32_t e = __wasi_fd_allocate(fd, 0, 100);
  if (e == __WASI_ERRNO_NOTSUP) {
    wc_info("fd_allocate not supported (allowed)");
  } else {
    CHECK_OK("fd_allocate(0, 100)", e);
    CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
    CHECK_EQ("size after fd_allocate(0, 100)", st.size, 100);
    CHECK_OK("fd_allocate(10, 20)", __wasi_fd_allocate(fd, 10, 20));
    CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
    CHECK_EQ("fd_allocate never shrinks", st.size, 100);
  }
  CHECK_OK("fd_sync", __wasi_fd_sync(fd));
  CHECK_OK("fd_datasync", __wasi_fd_datasync(fd));
  CHECK_ERRNO("fd_sync(bad fd)", __wasi_fd_sync(321), __WASI_ERRNO_BADF);
  done();
}
