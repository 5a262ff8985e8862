// SPDX-License-Identifier: Apache-2.0
// path_open "." of a preopen works with any rights (even none) and gives
// the preopen's directory; "./.", "sub/.." and "sub/./.." stay inside and
// resolve to it too.
#include "wasi_check.h"

int main(void) {
  __wasi_filestat_t pre, st;
  REQUIRE_OK("fd_filestat_get(preopen)", __wasi_fd_filestat_get(PRE, &pre));
  CHECK_OK("mkdir sub", p_mkdir(PRE, "sub"));
  const char *paths[] = {".", "./.", "sub/..", "sub/./..", "./sub/../."};
  for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
    int32_t fd = -1;
    char what[80];
    snprintf(what, sizeof what, "open '%s' with all rights", paths[i]);
    CHECK_OK(what, p_open(PRE, 0, paths[i], __WASI_OFLAGS_DIRECTORY, dir_rights(PRE), dir_inh(PRE),
                          0, &fd));
    if (fd < 0)
      continue;
    CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
    snprintf(what, sizeof what, "'%s' is the preopen's directory (ino)", paths[i]);
    CHECK_EQ(what, st.ino, pre.ino);
    CHECK_OK("fd_close", __wasi_fd_close(fd));
  }
  int32_t fd = -1;
  CHECK_OK("open '.' with no rights", p_open(PRE, 0, ".", 0, 0, 0, 0, &fd));
  CHECK_OK("open '.' with no rights, oflags::directory",
           p_open(PRE, 0, ".", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd));
  __wasi_fdstat_t fs;
  CHECK_OK("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &fs));
  CHECK_EQ("it is a directory", fs.fs_filetype, __WASI_FILETYPE_DIRECTORY);
  done();
}
