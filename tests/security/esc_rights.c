// SPDX-License-Identifier: Apache-2.0
// Rights attenuation: a file opened read-only cannot be written by any
// route; a directory whose inheriting rights were reduced hands out no more
// than them, to files and to subdirectories (and their files) alike; a
// derived fd never exceeds its parent's inheriting rights. The runner
// checks keep.txt ("KEEP") is unchanged from the host.
#include "esc.h"

#define S(p) (p), (int32_t)strlen(p)
#define WR __WASI_RIGHTS_FD_WRITE
#define E_RIGHTS __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_BADF, __WASI_ERRNO_ACCES, __WASI_ERRNO_PERM

static void no_write(const char *what, int32_t fd) {
  __wasi_ciovec_t cv = {(const uint8_t *)"PWNED", 5};
  __wasi_size_t n;
  char w[160];
  snprintf(w, sizeof w, "%s: fd_write", what);
  CHECK_ERRNO_IN(w, __wasi_fd_write(fd, &cv, 1, &n), E_RIGHTS);
  snprintf(w, sizeof w, "%s: fd_pwrite", what);
  CHECK_ERRNO_IN(w, __wasi_fd_pwrite(fd, &cv, 1, 0, &n), E_RIGHTS);
  snprintf(w, sizeof w, "%s: fd_filestat_set_size", what);
  CHECK_ERRNO_IN(w, __wasi_fd_filestat_set_size(fd, 0), E_RIGHTS);
  snprintf(w, sizeof w, "%s: fd_allocate", what);
  CHECK_ERRNO_IN(w, __wasi_fd_allocate(fd, 0, 100), E_RIGHTS, __WASI_ERRNO_NOTSUP);
}

int main(void) {
  int32_t fd = -1;
  REQUIRE_OK("open keep.txt read-only", p_open(PRE, 0, "keep.txt", 0, R_RO, 0, 0, &fd));
  __wasi_fdstat_t st;
  CHECK_OK("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &st));
  CHECK_EQ("read-only fd has no fd_write", st.fs_rights_base & WR, 0);
  no_write("keep.txt opened read-only", fd);
  CHECK_ERRNO("add fd_write back", __wasi_fd_fdstat_set_rights(fd, st.fs_rights_base | WR, 0),
              __WASI_ERRNO_NOTCAPABLE);
  no_write("keep.txt after the refused set_rights", fd);

  // A directory fd with read-only inheriting rights.
  CHECK_OK("mkdir d", p_mkdir(PRE, "d"));
  CHECK_OK("mkdir d/sub", p_mkdir(PRE, "d/sub"));
  int32_t f = create_file(PRE, "d/sub/file.txt", 0);
  write_all(f, "KEEP", 4);
  (void)__wasi_fd_close(f);
  int32_t d = -1;
  REQUIRE_OK("open d",
             p_open(PRE, 0, "d", __WASI_OFLAGS_DIRECTORY, dir_rights(PRE), dir_inh(PRE), 0, &d));
  __wasi_fdstat_t ds;
  REQUIRE_OK("fd_fdstat_get(d)", __wasi_fd_fdstat_get(d, &ds));
  // Writing rights: fd_write etc. on files; on directories creat needs
  // path_create_file and trunc needs path_filestat_set_size (base rights).
  const uint64_t writing = WR | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_ALLOCATE |
                           __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_PATH_FILESTAT_SET_SIZE;
  uint64_t ro_inh = ds.fs_rights_inheriting & ~writing;
  REQUIRE_OK("reduce d's rights to read-only",
             __wasi_fd_fdstat_set_rights(d, ds.fs_rights_base & ~writing, ro_inh));
  int32_t sub = -1;
  int32_t e =
      p_open(d, 0, "sub", __WASI_OFLAGS_DIRECTORY, ds.fs_rights_base & ro_inh, ALL_RIGHTS, 0, &sub);
  if (e == __WASI_ERRNO_NOTCAPABLE) // asking for more inheriting than allowed may be refused
    e = p_open(d, 0, "sub", __WASI_OFLAGS_DIRECTORY, ds.fs_rights_base & ro_inh, ro_inh, 0, &sub);
  REQUIRE_OK("open d/sub", e);
  __wasi_fdstat_t ss;
  CHECK_OK("fd_fdstat_get(sub)", __wasi_fd_fdstat_get(sub, &ss));
  CHECK_EQ("sub's base within d's inheriting", ss.fs_rights_base & ~ro_inh, 0);
  CHECK_EQ("sub's inheriting within d's inheriting", ss.fs_rights_inheriting & ~ro_inh, 0);
  int32_t w = -1;
  e = p_open(sub, 0, "file.txt", 0, R_RW, 0, 0, &w);
  if (e == 0) {
    CHECK_OK("fd_fdstat_get(derived file)", __wasi_fd_fdstat_get(w, &st));
    CHECK_EQ("file under sub: rights within d's inheriting", st.fs_rights_base & ~ro_inh, 0);
    no_write("d/sub/file.txt via reduced d", w);
  } else {
    CHECK_ERRNO_IN("open d/sub/file.txt for writing", e, __WASI_ERRNO_NOTCAPABLE);
  }
  DENY_OPEN("creat via sub (no path_create_file inherited)", sub, 0, S("new.txt"),
            __WASI_OFLAGS_CREAT, R_RO, __WASI_ERRNO_NOTCAPABLE);
  DENY_OPEN("trunc via d", d, 0, S("sub/file.txt"), __WASI_OFLAGS_TRUNC, R_RO,
            __WASI_ERRNO_NOTCAPABLE);
  DENY_OPEN("trunc via sub", sub, 0, S("file.txt"), __WASI_OFLAGS_TRUNC, R_RO,
            __WASI_ERRNO_NOTCAPABLE);
  DENY_OPEN("creat via d", d, 0, S("new.txt"), __WASI_OFLAGS_CREAT, R_RO, __WASI_ERRNO_NOTCAPABLE);
  char buf[16];
  read_file(PRE, "d/sub/file.txt", buf, sizeof buf);
  CHECK_TRUE("d/sub/file.txt unchanged", strcmp(buf, "KEEP") == 0);
  done();
}
