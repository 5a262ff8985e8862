// SPDX-License-Identifier: Apache-2.0
// path_rename: moves a file (same ino), replaces an existing file, moves a
// directory onto an empty one, refuses a non-empty target directory
// (ENOTEMPTY), a file onto a directory (EISDIR), a directory onto a file
// (ENOTDIR) and a missing source (ENOENT); works between two dir fds.
#include "wasi_check.h"

int main(void) {
  __wasi_filestat_t st, st2;
  int32_t f = create_file(PRE, "a", 0);
  write_all(f, "A", 1);
  (void)__wasi_fd_close(f);
  CHECK_OK("stat a", p_stat(PRE, 0, "a", &st));
  CHECK_OK("rename a -> b", p_rename(PRE, "a", PRE, "b"));
  CHECK_ERRNO("a is gone", p_stat(PRE, 0, "a", &st2), __WASI_ERRNO_NOENT);
  CHECK_OK("stat b", p_stat(PRE, 0, "b", &st2));
  CHECK_EQ("b is the same file", st2.ino, st.ino);
  f = create_file(PRE, "c", 0);
  write_all(f, "CC", 2);
  (void)__wasi_fd_close(f);
  CHECK_OK("rename b -> c (replaces)", p_rename(PRE, "b", PRE, "c"));
  CHECK_OK("stat c", p_stat(PRE, 0, "c", &st2));
  CHECK_EQ("c is the renamed file", st2.ino, st.ino);
  CHECK_EQ("c has b's size", st2.size, 1);
  CHECK_OK("mkdir d1", p_mkdir(PRE, "d1"));
  CHECK_OK("mkdir d2", p_mkdir(PRE, "d2"));
  CHECK_OK("mkdir full", p_mkdir(PRE, "full"));
  f = create_file(PRE, "full/x", 0);
  (void)__wasi_fd_close(f);
  CHECK_ERRNO("rename d1 onto non-empty dir", p_rename(PRE, "d1", PRE, "full"),
              __WASI_ERRNO_NOTEMPTY);
  CHECK_OK("full/x still there", p_stat(PRE, 0, "full/x", &st2));
  CHECK_OK("rename d1 onto empty d2", p_rename(PRE, "d1", PRE, "d2"));
  CHECK_ERRNO("d1 is gone", p_stat(PRE, 0, "d1", &st2), __WASI_ERRNO_NOENT);
  CHECK_ERRNO("rename file onto a dir", p_rename(PRE, "c", PRE, "d2"), __WASI_ERRNO_ISDIR);
  CHECK_ERRNO("rename dir onto a file", p_rename(PRE, "d2", PRE, "c"), __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO("rename missing", p_rename(PRE, "missing", PRE, "z"), __WASI_ERRNO_NOENT);
  CHECK_ERRNO_IN("rename a dir into itself", p_rename(PRE, "full", PRE, "full/sub"),
                 __WASI_ERRNO_INVAL);
  int32_t d = -1;
  REQUIRE_OK("open full",
             p_open(PRE, 0, "full", __WASI_OFLAGS_DIRECTORY, dir_rights(PRE), dir_inh(PRE), 0, &d));
  CHECK_OK("rename c -> full/moved via two dir fds", p_rename(PRE, "c", d, "moved"));
  CHECK_OK("stat full/moved", p_stat(PRE, 0, "full/moved", &st2));
  CHECK_EQ("moved file keeps its ino", st2.ino, st.ino);
  CHECK_OK("rename d2/ -> d3/ (trailing slashes on directories)", p_rename(PRE, "d2/", PRE, "d3/"));
  CHECK_OK("d3 exists", p_stat(PRE, 0, "d3", &st2));
  CHECK_ERRNO("rename file/ (trailing slash on a file)", p_rename(PRE, "full/moved/", PRE, "q"),
              __WASI_ERRNO_NOTDIR);
  done();
}
