// SPDX-License-Identifier: Apache-2.0
// fd_read on stdin until EOF (0 bytes), echoing every chunk to stderr with
// fd_write over three iovecs (one of them empty). The runner feeds stdin
// from a file or a slow pipe and compares stderr with what it fed.
// Also: fd_write with no iovecs writes 0 bytes; fds 0-2 are open; fd 99 is not.
#include "wasi_check.h"

int main(void) {
  __wasi_fdstat_t st;
  CHECK_OK("fd_fdstat_get(0)", __wasi_fd_fdstat_get(0, &st));
  CHECK_TRUE("stdin has fd_read right", (st.fs_rights_base & __WASI_RIGHTS_FD_READ) != 0);
  CHECK_OK("fd_fdstat_get(2)", __wasi_fd_fdstat_get(2, &st));
  CHECK_TRUE("stderr has fd_write right", (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0);
  __wasi_size_t n = 77;
  CHECK_OK("fd_write(1) with 0 iovecs", __wasi_fd_write(1, NULL, 0, &n));
  CHECK_EQ("fd_write(1) with 0 iovecs writes 0", n, 0);
  uint8_t junk[4] = "abc";
  __wasi_ciovec_t civ = {junk, 3};
  __wasi_iovec_t iv = {junk, 3};
  CHECK_ERRNO("fd_write(99)", __wasi_fd_write(99, &civ, 1, &n), __WASI_ERRNO_BADF);
  CHECK_ERRNO("fd_read(99)", __wasi_fd_read(99, &iv, 1, &n), __WASI_ERRNO_BADF);

  static uint8_t buf[3000];
  size_t total = 0;
  int reads = 0;
  for (;;) {
    __wasi_iovec_t iovs[2] = {{buf, 1000}, {buf + 1000, sizeof buf - 1000}};
    __wasi_size_t got = 0;
    int32_t e = __wasi_fd_read(0, iovs, 2, &got);
    if (e != 0) {
      CHECK_OK("fd_read(0)", e);
      break;
    }
    reads++;
    if (got == 0)
      break;
    total += got;
    size_t a = got / 3, b = got - a;
    __wasi_ciovec_t out[3] = {{buf, a}, {buf + a, 0}, {buf + a, b}};
    __wasi_size_t put = 0;
    CHECK_OK("fd_write(2) of the chunk", __wasi_fd_write(2, out, 3, &put));
    if (put != got) {
      // stderr is a file in the tests: a short write here is a bug.
      CHECK_EQ("fd_write(2) wrote the whole chunk", put, got);
      break;
    }
    if (reads > 100000)
      break;
  }
  __wasi_size_t again = 5;
  CHECK_OK("fd_read(0) after EOF", __wasi_fd_read(0, &iv, 1, &again));
  CHECK_EQ("fd_read(0) after EOF returns 0", again, 0);
  wc_info("read %zu bytes from stdin in %d reads", total, reads);
  CHECK_TRUE("stdin was not empty", total > 0);
  done();
}
