// SPDX-License-Identifier: Apache-2.0
// fd_seek with set/cur/end, seeking past EOF, negative results and bad
// whence are EINVAL (offset unchanged), fd_tell agrees, seeking a directory
// fails.
#include "wasi_check.h"

int main(void) {
  int32_t fd = create_file(PRE, "s.txt", 0);
  char data[100];
  memset(data, 'x', sizeof data);
  write_all(fd, data, sizeof data);
  __wasi_filesize_t p = 0;
  CHECK_OK("seek(10, set)", __wasi_fd_seek(fd, 10, __WASI_WHENCE_SET, &p));
  CHECK_EQ("seek(10, set)", p, 10);
  CHECK_OK("seek(5, cur)", __wasi_fd_seek(fd, 5, __WASI_WHENCE_CUR, &p));
  CHECK_EQ("seek(5, cur)", p, 15);
  CHECK_OK("seek(-3, cur)", __wasi_fd_seek(fd, -3, __WASI_WHENCE_CUR, &p));
  CHECK_EQ("seek(-3, cur)", p, 12);
  CHECK_OK("seek(-1, end)", __wasi_fd_seek(fd, -1, __WASI_WHENCE_END, &p));
  CHECK_EQ("seek(-1, end)", p, 99);
  CHECK_OK("seek(0, end)", __wasi_fd_seek(fd, 0, __WASI_WHENCE_END, &p));
  CHECK_EQ("seek(0, end)", p, 100);
  CHECK_OK("seek(50, end)", __wasi_fd_seek(fd, 50, __WASI_WHENCE_END, &p));
  CHECK_EQ("seek(50, end) past EOF", p, 150);
  CHECK_OK("fd_tell", __wasi_fd_tell(fd, &p));
  CHECK_EQ("fd_tell after seek past EOF", p, 150);
  write_all(fd, "!", 1);
  __wasi_filestat_t st;
  CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
  CHECK_EQ("size after writing at 150", st.size, 151);
  p = 4242;
  CHECK_ERRNO("seek(-200, cur)", __wasi_fd_seek(fd, -200, __WASI_WHENCE_CUR, &p),
              __WASI_ERRNO_INVAL);
  CHECK_EQ("result untouched on error", p, 4242);
  CHECK_ERRNO("seek(-1, set)", __wasi_fd_seek(fd, -1, __WASI_WHENCE_SET, &p), __WASI_ERRNO_INVAL);
  CHECK_ERRNO("seek(-152, end)", __wasi_fd_seek(fd, -152, __WASI_WHENCE_END, &p),
              __WASI_ERRNO_INVAL);
  CHECK_ERRNO("seek whence 3", __wasi_fd_seek(fd, 0, 3, &p), __WASI_ERRNO_INVAL);
  CHECK_ERRNO("seek whence 255", __wasi_fd_seek(fd, 0, 255, &p), __WASI_ERRNO_INVAL);
  CHECK_OK("fd_tell", __wasi_fd_tell(fd, &p));
  CHECK_EQ("offset unchanged by failed seeks", p, 151);
  CHECK_ERRNO("seek on closed fd 77", __wasi_fd_seek(77, 0, __WASI_WHENCE_SET, &p),
              __WASI_ERRNO_BADF);
  CHECK_ERRNO_IN("seek on a directory", __wasi_fd_seek(PRE, 0, __WASI_WHENCE_CUR, &p),
                 __WASI_ERRNO_BADF, __WASI_ERRNO_ISDIR, __WASI_ERRNO_NOTCAPABLE);
  CHECK_ERRNO_IN("fd_tell on a directory", __wasi_fd_tell(PRE, &p), __WASI_ERRNO_BADF,
                 __WASI_ERRNO_ISDIR, __WASI_ERRNO_NOTCAPABLE);
  done();
}
