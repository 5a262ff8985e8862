// SPDX-License-Identifier: Apache-2.0
// path_link makes a hard link (same ino, nlink 2); an existing target is
// EEXIST; a directory source is EPERM/EACCES; without follow a symlink
// source links the symlink itself, with follow its target.
#include "wasi_check.h"

int main(void) {
  int32_t f = create_file(PRE, "file", 0);
  write_all(f, "data", 4);
  __wasi_filestat_t st, st2;
  CHECK_OK("link file -> hard", p_link(PRE, 0, "file", PRE, "hard"));
  CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(f, &st));
  CHECK_EQ("nlink after link", st.nlink, 2);
  CHECK_OK("stat hard", p_stat(PRE, 0, "hard", &st2));
  CHECK_EQ("hard link has the same ino", st2.ino, st.ino);
  CHECK_ERRNO("link onto an existing name", p_link(PRE, 0, "file", PRE, "hard"),
              __WASI_ERRNO_EXIST);
  CHECK_ERRNO("link onto itself", p_link(PRE, 0, "file", PRE, "file"), __WASI_ERRNO_EXIST);
  CHECK_OK("mkdir sub", p_mkdir(PRE, "sub"));
  CHECK_ERRNO_IN("link a directory", p_link(PRE, 0, "sub", PRE, "sublink"), __WASI_ERRNO_PERM,
                 __WASI_ERRNO_ACCES);
  CHECK_ERRNO("link missing source", p_link(PRE, 0, "missing", PRE, "m2"), __WASI_ERRNO_NOENT);
  CHECK_OK("symlink sym -> file", p_symlink("file", PRE, "sym"));
  CHECK_OK("link sym (no follow) -> lsym", p_link(PRE, 0, "sym", PRE, "lsym"));
  CHECK_OK("stat lsym (no follow)", p_stat(PRE, 0, "lsym", &st2));
  CHECK_EQ("lsym is a symlink", st2.filetype, __WASI_FILETYPE_SYMBOLIC_LINK);
  int32_t e = p_link(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "sym", PRE, "fsym");
  if (e == 0) {
    CHECK_OK("stat fsym (no follow)", p_stat(PRE, 0, "fsym", &st2));
    CHECK_EQ("link with follow links the target", st2.ino, st.ino);
  } else {
    CHECK_ERRNO_IN("link with follow", e, __WASI_ERRNO_INVAL, __WASI_ERRNO_NOTSUP);
  }
  CHECK_OK("unlink file", p_unlink(PRE, "file"));
  char buf[16];
  read_file(PRE, "hard", buf, sizeof buf);
  CHECK_TRUE("data still reachable through the hard link", strcmp(buf, "data") == 0);
  done();
}
