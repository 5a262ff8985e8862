// SPDX-License-Identifier: Apache-2.0
// fd_renumber(from, to): `to` then refers to from's file and `from` is
// closed; from == to is a no-op; `to` not open is EBADF; renumbering onto
// stderr and onto a preopen (fd 4, the second preopen) is allowed.
#include "wasi_check.h"

static uint64_t ino_of(const char *path) {
  __wasi_filestat_t st;
  CHECK_OK("path_filestat_get", p_stat(PRE, 0, path, &st));
  return st.ino;
}
static uint64_t fd_ino(int32_t fd) {
  __wasi_filestat_t st;
  CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
  return st.ino;
}

int main(void) {
  __wasi_prestat_t ps;
  REQUIRE_OK("fd 4 is a preopen", __wasi_fd_prestat_get(4, &ps));
  int32_t a = create_file(PRE, "a.txt", 0), b = create_file(PRE, "b.txt", 0);
  CHECK_OK("fd_renumber(a, b)", __wasi_fd_renumber(a, b));
  CHECK_EQ("b now refers to a.txt", fd_ino(b), ino_of("a.txt"));
  __wasi_fdstat_t st;
  CHECK_ERRNO("old fd a is closed", __wasi_fd_fdstat_get(a, &st), __WASI_ERRNO_BADF);
  CHECK_OK("fd_renumber(b, b)", __wasi_fd_renumber(b, b));
  CHECK_EQ("b still refers to a.txt after renumber(b, b)", fd_ino(b), ino_of("a.txt"));
  CHECK_ERRNO("fd_renumber(b, 1234) (not open)", __wasi_fd_renumber(b, 1234), __WASI_ERRNO_BADF);
  CHECK_EQ("b unchanged after failed renumber", fd_ino(b), ino_of("a.txt"));
  CHECK_ERRNO("fd 1234 still not open", __wasi_fd_fdstat_get(1234, &st), __WASI_ERRNO_BADF);
  CHECK_ERRNO("fd_renumber(999, b) (from not open)", __wasi_fd_renumber(999, b), __WASI_ERRNO_BADF);
  CHECK_EQ("b unchanged", fd_ino(b), ino_of("a.txt"));

  // Onto stderr: writes to fd 2 go to the file.
  int32_t o = create_file(PRE, "err.txt", 0);
  CHECK_OK("fd_renumber(o, 2)", __wasi_fd_renumber(o, 2));
  __wasi_ciovec_t cv = {(const uint8_t *)"via-fd2", 7};
  __wasi_size_t n;
  CHECK_OK("fd_write(2)", __wasi_fd_write(2, &cv, 1, &n));
  char buf[32];
  read_file(PRE, "err.txt", buf, sizeof buf);
  CHECK_TRUE("err.txt holds what was written to fd 2", strcmp(buf, "via-fd2") == 0);

  // Onto the second preopen.
  int32_t c = create_file(PRE, "c.txt", 0);
  CHECK_OK("fd_renumber(c, 4) (onto a preopen)", __wasi_fd_renumber(c, 4));
  CHECK_EQ("fd 4 now refers to c.txt", fd_ino(4), ino_of("c.txt"));
  CHECK_ERRNO("fd 4 is no longer a preopen", __wasi_fd_prestat_get(4, &ps), __WASI_ERRNO_BADF);
  CHECK_OK("fd_fdstat_get(4)", __wasi_fd_fdstat_get(4, &st));
  CHECK_EQ("fd 4 is a regular file", st.fs_filetype, __WASI_FILETYPE_REGULAR_FILE);
  int32_t x = -1;
  CHECK_ERRNO_IN("path_open through fd 4 (now a file)", p_open(4, 0, "c.txt", 0, R_RO, 0, 0, &x),
                 __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_BADF);
  done();
}
