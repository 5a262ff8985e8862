// SPDX-License-Identifier: Apache-2.0
// Nothing writes through the read-only preopen (fd 4, --dir-ro): no
// truncation, creation, writing, unlink, rmdir, rename, mkdir, symlink, link,
// set_times, set_size, allocate, and rights cannot be added back; a
// directory opened under it is read-only too. Controls: reading works.
#include "esc.h"

#define S(p) (p), (int32_t)strlen(p)
#define WR __WASI_RIGHTS_FD_WRITE

int main(void) {
  char buf[64];
  read_file(RO, "file.txt", buf, sizeof buf);
  CHECK_TRUE("ro/file.txt readable (control)", strncmp(buf, "read-only content", 17) == 0);
  __wasi_fdstat_t st;
  CHECK_OK("fd_fdstat_get(ro)", __wasi_fd_fdstat_get(RO, &st));
  CHECK_EQ("ro preopen: no path_create_file right",
           st.fs_rights_base & __WASI_RIGHTS_PATH_CREATE_FILE, 0);
  CHECK_EQ("ro preopen: inheriting has no fd_write", st.fs_rights_inheriting & WR, 0);
  DENY_OPEN("open ro/file.txt with trunc", RO, 0, S("file.txt"), __WASI_OFLAGS_TRUNC, R_RO,
            E_READONLY);
  DENY_OPEN("creat ro/new.txt", RO, 0, S("new.txt"), __WASI_OFLAGS_CREAT, R_RO, E_READONLY);
  DENY_OPEN("creat|excl ro/new2.txt", RO, 0, S("new2.txt"),
            __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, R_RO, E_READONLY);
  int32_t fd = -1;
  int32_t e = p_open(RO, 0, "file.txt", 0, R_RW, R_RW, 0, &fd);
  if (e == 0) {
    CHECK_OK("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &st));
    CHECK_EQ("file opened from ro asking for write has no fd_write", st.fs_rights_base & WR, 0);
    __wasi_ciovec_t cv = {(const uint8_t *)"PWNED", 5};
    __wasi_size_t n;
    CHECK_ERRNO_IN("fd_write on it", __wasi_fd_write(fd, &cv, 1, &n), E_READONLY);
    CHECK_ERRNO_IN("fd_pwrite on it", __wasi_fd_pwrite(fd, &cv, 1, 0, &n), E_READONLY);
    CHECK_ERRNO_IN("fd_filestat_set_size on it", __wasi_fd_filestat_set_size(fd, 0), E_READONLY);
    CHECK_ERRNO_IN("fd_allocate on it", __wasi_fd_allocate(fd, 0, 4096), E_READONLY,
                   __WASI_ERRNO_NOTSUP);
    CHECK_ERRNO_IN(
        "fd_filestat_set_times on it",
        __wasi_fd_filestat_set_times(fd, 1, 1, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM),
        E_READONLY);
    CHECK_ERRNO("fd_fdstat_set_rights adding fd_write",
                __wasi_fd_fdstat_set_rights(fd, st.fs_rights_base | WR, st.fs_rights_inheriting),
                __WASI_ERRNO_NOTCAPABLE);
    CHECK_ERRNO_IN("fd_write after the refused set_rights", __wasi_fd_write(fd, &cv, 1, &n),
                   E_READONLY);
  } else {
    CHECK_ERRNO_IN("open ro/file.txt for writing", e, E_READONLY);
  }
  CHECK_ERRNO_IN("unlink ro/file.txt", p_unlink(RO, "file.txt"), E_READONLY);
  CHECK_ERRNO_IN("rmdir ro/empty", p_rmdir(RO, "empty"), E_READONLY);
  CHECK_ERRNO_IN("mkdir ro/d", p_mkdir(RO, "d"), E_READONLY);
  CHECK_ERRNO_IN("rename ro/file.txt -> ro/renamed.txt",
                 p_rename(RO, "file.txt", RO, "renamed.txt"), E_READONLY);
  CHECK_ERRNO_IN("symlink at ro/sl", p_symlink("file.txt", RO, "sl"), E_READONLY);
  CHECK_ERRNO_IN("link ro/file.txt -> ro/hl", p_link(RO, 0, "file.txt", RO, "hl"), E_READONLY);
  CHECK_ERRNO_IN("set_times ro/file.txt",
                 raw_path_filestat_set_times(RO, 0, S("file.txt"), 1, 1,
                                             __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM),
                 E_READONLY);
  CHECK_ERRNO_IN("set_times ro/file.txt (now)",
                 raw_path_filestat_set_times(RO, 0, S("file.txt"), 0, 0,
                                             __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW),
                 E_READONLY);
  CHECK_OK("fd_fdstat_get(ro)", __wasi_fd_fdstat_get(RO, &st));
  CHECK_ERRNO("fd_fdstat_set_rights(ro) adding path_create_file",
              __wasi_fd_fdstat_set_rights(RO, st.fs_rights_base | __WASI_RIGHTS_PATH_CREATE_FILE,
                                          st.fs_rights_inheriting | WR),
              __WASI_ERRNO_NOTCAPABLE);
  DENY_OPEN("creat ro/new3.txt after the refused set_rights", RO, 0, S("new3.txt"),
            __WASI_OFLAGS_CREAT, R_RO, E_READONLY);
  int32_t sub = -1;
  e = p_open(RO, 0, "sub", __WASI_OFLAGS_DIRECTORY, ALL_RIGHTS & ~(uint64_t)WR, ALL_RIGHTS, 0,
             &sub);
  if (e != 0)
    e = p_open(RO, 0, "sub", __WASI_OFLAGS_DIRECTORY, dir_rights(RO), dir_inh(RO), 0, &sub);
  REQUIRE_OK("open ro/sub", e);
  DENY_OPEN("creat ro/sub/new.txt via the derived fd", sub, 0, S("new.txt"), __WASI_OFLAGS_CREAT,
            R_RO, E_READONLY);
  DENY_OPEN("trunc ro/sub/inner.txt via the derived fd", sub, 0, S("inner.txt"),
            __WASI_OFLAGS_TRUNC, R_RO, E_READONLY);
  CHECK_ERRNO_IN("unlink ro/sub/inner.txt via the derived fd", p_unlink(sub, "inner.txt"),
                 E_READONLY);
  CHECK_ERRNO_IN("mkdir via the derived fd", p_mkdir(sub, "d"), E_READONLY);
  done();
}
