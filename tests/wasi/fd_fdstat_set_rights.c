// SPDX-License-Identifier: Apache-2.0
// fd_fdstat_set_rights can only remove rights: the removed right is gone
// (fd_write then fails), adding one back is ENOTCAPABLE; a directory fd's
// reduced inheriting rights bound the fds opened from it.
#include "wasi_check.h"

int main(void) {
  int32_t fd = create_file(PRE, "r.txt", 0);
  __wasi_fdstat_t st;
  REQUIRE_OK("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &st));
  REQUIRE_TRUE("new file fd has fd_write", (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0);
  __wasi_rights_t base = st.fs_rights_base & ~__WASI_RIGHTS_FD_WRITE;
  __wasi_rights_t inh = st.fs_rights_inheriting;
  CHECK_OK("set_rights removing fd_write", __wasi_fd_fdstat_set_rights(fd, base, inh));
  CHECK_OK("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &st));
  CHECK_EQ("base rights after removal", st.fs_rights_base, base);
  __wasi_ciovec_t cv = {(const uint8_t *)"x", 1};
  __wasi_size_t n = 0;
  CHECK_ERRNO_IN("fd_write without fd_write right", __wasi_fd_write(fd, &cv, 1, &n),
                 __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_BADF);
  CHECK_ERRNO("set_rights adding fd_write back",
              __wasi_fd_fdstat_set_rights(fd, base | __WASI_RIGHTS_FD_WRITE, inh),
              __WASI_ERRNO_NOTCAPABLE);
  CHECK_OK("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &st));
  CHECK_EQ("rights unchanged by a refused set_rights", st.fs_rights_base, base);
  CHECK_ERRNO("set_rights on a bad fd", __wasi_fd_fdstat_set_rights(555, 0, 0), __WASI_ERRNO_BADF);
  CHECK_OK("set_rights to the same rights", __wasi_fd_fdstat_set_rights(fd, base, inh));
  CHECK_OK("set_rights to nothing", __wasi_fd_fdstat_set_rights(fd, 0, 0));
  CHECK_ERRNO_IN("fd_read without fd_read right", __wasi_fd_read(fd, (__wasi_iovec_t *)&cv, 1, &n),
                 __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_BADF);

  // A directory with read-only inheriting rights.
  CHECK_OK("mkdir d", p_mkdir(PRE, "d"));
  int32_t f2 = create_file(PRE, "d/w.txt", 0);
  CHECK_OK("fd_close", __wasi_fd_close(f2));
  int32_t d = -1;
  REQUIRE_OK("open d",
             p_open(PRE, 0, "d", __WASI_OFLAGS_DIRECTORY, dir_rights(PRE), dir_inh(PRE), 0, &d));
  REQUIRE_OK("fd_fdstat_get(d)", __wasi_fd_fdstat_get(d, &st));
  CHECK_OK("reduce d's inheriting to read-only",
           __wasi_fd_fdstat_set_rights(d, st.fs_rights_base, st.fs_rights_inheriting & R_RO));
  int32_t w = -1;
  int32_t e = p_open(d, 0, "w.txt", 0, R_RW, 0, 0, &w);
  if (e == 0) {
    CHECK_OK("fd_fdstat_get(derived)", __wasi_fd_fdstat_get(w, &st));
    CHECK_EQ("derived fd has no fd_write", st.fs_rights_base & __WASI_RIGHTS_FD_WRITE, 0);
    CHECK_EQ("derived fd rights within parent's inheriting", st.fs_rights_base & ~R_RO, 0);
    CHECK_ERRNO_IN("fd_write on derived fd", __wasi_fd_write(w, &cv, 1, &n),
                   __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_BADF);
  } else {
    CHECK_ERRNO("open for writing under read-only inheriting", e, __WASI_ERRNO_NOTCAPABLE);
  }
  CHECK_OK("fd_fdstat_set_rights(d) removing path_open", __wasi_fd_fdstat_set_rights(d, 0, 0));
  CHECK_ERRNO("path_open without path_open right", p_open(d, 0, "w.txt", 0, R_RO, 0, 0, &w),
              __WASI_ERRNO_NOTCAPABLE);
  done();
}
