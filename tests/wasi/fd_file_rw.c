// SPDX-License-Identifier: Apache-2.0
// fd_write/fd_read on a regular file: gathering and scattering iovecs, reads
// at EOF return 0, a read-only fd cannot write, a write-only fd cannot read,
// a closed fd is EBADF.
#include "wasi_check.h"

int main(void) {
  int32_t fd = create_file(PRE, "rw.txt", 0);
  __wasi_ciovec_t out[3] = {
      {(const uint8_t *)"hello", 5}, {(const uint8_t *)"", 0}, {(const uint8_t *)" world", 6}};
  __wasi_size_t n = 0;
  CHECK_OK("fd_write 3 iovecs", __wasi_fd_write(fd, out, 3, &n));
  CHECK_EQ("fd_write wrote 11", n, 11);
  __wasi_filesize_t pos = 99;
  CHECK_OK("fd_seek(0, set)", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
  CHECK_EQ("fd_seek result", pos, 0);
  char a[4], b[3], c[100];
  memset(c, 0, sizeof c);
  __wasi_iovec_t in[3] = {{(uint8_t *)a, 4}, {(uint8_t *)b, 3}, {(uint8_t *)c, sizeof c}};
  CHECK_OK("fd_read 3 iovecs", __wasi_fd_read(fd, in, 3, &n));
  CHECK_EQ("fd_read read 11", n, 11);
  CHECK_TRUE("iovec 1 = 'hell'", memcmp(a, "hell", 4) == 0);
  CHECK_TRUE("iovec 2 = 'o w'", memcmp(b, "o w", 3) == 0);
  CHECK_TRUE("iovec 3 = 'orld'", memcmp(c, "orld", 4) == 0 && c[4] == 0);
  CHECK_OK("fd_read at EOF", __wasi_fd_read(fd, in, 3, &n));
  CHECK_EQ("fd_read at EOF returns 0", n, 0);
  CHECK_OK("fd_tell", __wasi_fd_tell(fd, &pos));
  CHECK_EQ("fd_tell after reading all", pos, 11);
  CHECK_OK("fd_close", __wasi_fd_close(fd));
  CHECK_ERRNO("fd_close again", __wasi_fd_close(fd), __WASI_ERRNO_BADF);
  CHECK_ERRNO("fd_write on closed fd", __wasi_fd_write(fd, out, 1, &n), __WASI_ERRNO_BADF);
  CHECK_ERRNO("fd_read on closed fd", __wasi_fd_read(fd, in, 1, &n), __WASI_ERRNO_BADF);

  int32_t ro = -1;
  REQUIRE_OK("open read-only", p_open(PRE, 0, "rw.txt", 0, R_RO, 0, 0, &ro));
  CHECK_ERRNO_IN("fd_write on read-only fd", __wasi_fd_write(ro, out, 1, &n), __WASI_ERRNO_BADF,
                 __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_ACCES);
  CHECK_OK("fd_read on read-only fd", __wasi_fd_read(ro, in, 1, &n));
  CHECK_EQ("fd_read on read-only fd reads 4", n, 4);
  int32_t wo = -1;
  REQUIRE_OK("open write-only", p_open(PRE, 0, "rw.txt", 0, __WASI_RIGHTS_FD_WRITE, 0, 0, &wo));
  CHECK_ERRNO_IN("fd_read on write-only fd", __wasi_fd_read(wo, in, 1, &n), __WASI_ERRNO_BADF,
                 __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_ACCES);
  CHECK_OK("fd_write on write-only fd", __wasi_fd_write(wo, out, 1, &n));
  char all[32];
  CHECK_EQ("file length", read_file(PRE, "rw.txt", all, sizeof all), 11);
  CHECK_TRUE("file content after overwrite at 0", strcmp(all, "hello world") == 0);
  done();
}
