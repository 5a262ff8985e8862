// SPDX-License-Identifier: Apache-2.0
// fd_pread/fd_pwrite use the given offset and leave the fd offset alone;
// pwrite past EOF zero-fills; pwrite on an append fd still writes at the
// offset (Linux pwrite + O_APPEND appends: the runtime must not).
#include "wasi_check.h"

static __wasi_filesize_t tell(int32_t fd) {
  __wasi_filesize_t p = 0;
  CHECK_OK("fd_tell", __wasi_fd_tell(fd, &p));
  return p;
}

int main(void) {
  int32_t fd = create_file(PRE, "p.txt", 0);
  write_all(fd, "0123456789", 10);
  char buf[32];
  memset(buf, 0, sizeof buf);
  __wasi_iovec_t iv[2] = {{(uint8_t *)buf, 2}, {(uint8_t *)buf + 2, 2}};
  __wasi_size_t n = 0;
  CHECK_OK("fd_pread 4 at 2", __wasi_fd_pread(fd, iv, 2, 2, &n));
  CHECK_EQ("fd_pread count", n, 4);
  CHECK_TRUE("fd_pread data '2345'", memcmp(buf, "2345", 4) == 0);
  CHECK_EQ("offset unchanged by pread", tell(fd), 10);
  __wasi_ciovec_t cv = {(const uint8_t *)"ab", 2};
  CHECK_OK("fd_pwrite 'ab' at 1", __wasi_fd_pwrite(fd, &cv, 1, 1, &n));
  CHECK_EQ("fd_pwrite count", n, 2);
  CHECK_EQ("offset unchanged by pwrite", tell(fd), 10);
  __wasi_ciovec_t z = {(const uint8_t *)"Z", 1};
  CHECK_OK("fd_pwrite 'Z' at 15", __wasi_fd_pwrite(fd, &z, 1, 15, &n));
  __wasi_filestat_t st;
  CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
  CHECK_EQ("size after pwrite past EOF", st.size, 16);
  __wasi_iovec_t all = {(uint8_t *)buf, sizeof buf};
  CHECK_OK("fd_pread all at 0", __wasi_fd_pread(fd, &all, 1, 0, &n));
  CHECK_EQ("fd_pread all count", n, 16);
  CHECK_TRUE("content '0ab3456789\\0\\0\\0\\0\\0Z'", memcmp(buf, "0ab3456789\0\0\0\0\0Z", 16) == 0);
  CHECK_OK("fd_pread at 100", __wasi_fd_pread(fd, &all, 1, 100, &n));
  CHECK_EQ("fd_pread past EOF reads 0", n, 0);
  CHECK_OK("fd_close", __wasi_fd_close(fd));

  int32_t ap = -1;
  REQUIRE_OK("open with append", p_open(PRE, 0, "p.txt", 0, R_RW, 0, __WASI_FDFLAGS_APPEND, &ap));
  __wasi_ciovec_t xy = {(const uint8_t *)"XY", 2};
  CHECK_OK("fd_pwrite 'XY' at 0 on append fd", __wasi_fd_pwrite(ap, &xy, 1, 0, &n));
  CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(ap, &st));
  CHECK_EQ("size unchanged by pwrite at 0 on append fd", st.size, 16);
  write_all(ap, "E", 1);
  CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(ap, &st));
  CHECK_EQ("fd_write on append fd appends", st.size, 17);
  memset(buf, 0, sizeof buf);
  CHECK_OK("fd_pread all at 0", __wasi_fd_pread(ap, &all, 1, 0, &n));
  CHECK_TRUE("content 'XYb3456789\\0\\0\\0\\0\\0ZE'",
             n == 17 && memcmp(buf, "XYb3456789\0\0\0\0\0ZE", 17) == 0);
  done();
}
