// SPDX-License-Identifier: Apache-2.0
// fd_fdstat_get reports the append flag a file was opened with (and only
// WASI bits); fd_fdstat_set_flags toggles append without moving the
// offset and changes where fd_write lands; nonblock is accepted.
#include "wasi_check.h"

int main(void) {
  int32_t fd = create_file(PRE, "f.txt", 0);
  write_all(fd, "abcdef", 6);
  CHECK_OK("fd_close", __wasi_fd_close(fd));
  REQUIRE_OK("open with append", p_open(PRE, 0, "f.txt", 0, R_RW, 0, __WASI_FDFLAGS_APPEND, &fd));
  __wasi_fdstat_t st;
  CHECK_OK("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &st));
  CHECK_EQ("filetype regular_file", st.fs_filetype, __WASI_FILETYPE_REGULAR_FILE);
  CHECK_EQ("fs_flags is exactly append", st.fs_flags, __WASI_FDFLAGS_APPEND);
  __wasi_filesize_t p = 0;
  CHECK_OK("seek(1, set)", __wasi_fd_seek(fd, 1, __WASI_WHENCE_SET, &p));
  write_all(fd, "G", 1);
  char buf[32];
  read_file(PRE, "f.txt", buf, sizeof buf);
  CHECK_TRUE("append write landed at the end ('abcdefG')", strcmp(buf, "abcdefG") == 0);
  CHECK_OK("seek(2, set)", __wasi_fd_seek(fd, 2, __WASI_WHENCE_SET, &p));
  CHECK_OK("fd_fdstat_set_flags(0)", __wasi_fd_fdstat_set_flags(fd, 0));
  CHECK_OK("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &st));
  CHECK_EQ("fs_flags after clearing append", st.fs_flags, 0);
  CHECK_OK("fd_tell", __wasi_fd_tell(fd, &p));
  CHECK_EQ("offset unchanged by set_flags", p, 2);
  write_all(fd, "X", 1);
  read_file(PRE, "f.txt", buf, sizeof buf);
  CHECK_TRUE("write without append lands at the offset ('abXdefG')", strcmp(buf, "abXdefG") == 0);
  CHECK_OK("fd_fdstat_set_flags(append)", __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND));
  CHECK_OK("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &st));
  CHECK_EQ("fs_flags after setting append", st.fs_flags, __WASI_FDFLAGS_APPEND);
  write_all(fd, "Y", 1);
  read_file(PRE, "f.txt", buf, sizeof buf);
  CHECK_TRUE("write with append again lands at the end ('abXdefGY')", strcmp(buf, "abXdefGY") == 0);
  CHECK_OK("fd_fdstat_set_flags(nonblock)",
           __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_NONBLOCK));
  CHECK_ERRNO_IN("fd_fdstat_set_flags(0x8000) (not a WASI flag)",
                 __wasi_fd_fdstat_set_flags(fd, 0x8000), __WASI_ERRNO_INVAL, __WASI_ERRNO_NOTSUP);
  int32_t nb = -1;
  CHECK_OK("path_open with nonblock on a regular file",
           p_open(PRE, 0, "f.txt", 0, R_RO, 0, __WASI_FDFLAGS_NONBLOCK, &nb));
  CHECK_OK("fd_fdstat_get(preopen)", __wasi_fd_fdstat_get(PRE, &st));
  CHECK_EQ("preopen filetype directory", st.fs_filetype, __WASI_FILETYPE_DIRECTORY);
  CHECK_EQ("preopen fs_flags only WASI bits", st.fs_flags & ~0x1f, 0);
  CHECK_TRUE("preopen base has path_open", (st.fs_rights_base & __WASI_RIGHTS_PATH_OPEN) != 0);
  CHECK_TRUE("preopen inheriting has fd_read|fd_write",
             (st.fs_rights_inheriting & (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE)) ==
                 (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE));
  for (int s = 0; s < 3; s++) {
    CHECK_OK("fd_fdstat_get(stdio)", __wasi_fd_fdstat_get(s, &st));
    CHECK_EQ("stdio fs_flags only WASI bits", st.fs_flags & ~0x1f, 0);
  }
  CHECK_ERRNO("fd_fdstat_get(bad fd)", __wasi_fd_fdstat_get(1000, &st), __WASI_ERRNO_BADF);
  CHECK_ERRNO("fd_fdstat_set_flags(bad fd)", __wasi_fd_fdstat_set_flags(1000, 0),
              __WASI_ERRNO_BADF);
  done();
}
