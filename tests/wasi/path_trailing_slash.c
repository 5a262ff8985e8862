// SPDX-License-Identifier: Apache-2.0
// Trailing slashes: "file/" and "file//" are ENOTDIR for open and stat;
// "dir/" opens and stats the directory; "link-to-dir/" follows the link even
// without symlink_follow.
#include "wasi_check.h"

int main(void) {
  int32_t f = create_file(PRE, "file", 0);
  (void)__wasi_fd_close(f);
  CHECK_OK("mkdir dir", p_mkdir(PRE, "dir"));
  CHECK_OK("symlink dl -> dir", p_symlink("dir", PRE, "dl"));
  CHECK_OK("symlink fl -> file", p_symlink("file", PRE, "fl"));
  int32_t fd = -1;
  __wasi_filestat_t st;
  CHECK_ERRNO("open 'file/'", p_open(PRE, 0, "file/", 0, R_RO, 0, 0, &fd), __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO("open 'file//'", p_open(PRE, 0, "file//", 0, R_RO, 0, 0, &fd), __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO("stat 'file/'", p_stat(PRE, 0, "file/", &st), __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO_IN("open 'file/' with creat",
                 p_open(PRE, 0, "file/", __WASI_OFLAGS_CREAT, R_RW, 0, 0, &fd), __WASI_ERRNO_NOTDIR,
                 __WASI_ERRNO_ISDIR);
  CHECK_ERRNO_IN("creat 'new/'", p_open(PRE, 0, "new/", __WASI_OFLAGS_CREAT, R_RW, 0, 0, &fd),
                 __WASI_ERRNO_ISDIR, __WASI_ERRNO_NOENT, __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO("'new/' was not created as a file", p_stat(PRE, 0, "new", &st), __WASI_ERRNO_NOENT);
  CHECK_OK("open 'dir/'",
           p_open(PRE, 0, "dir/", __WASI_OFLAGS_DIRECTORY, dir_rights(PRE), 0, 0, &fd));
  CHECK_OK("stat 'dir/'", p_stat(PRE, 0, "dir/", &st));
  CHECK_EQ("'dir/' is a directory", st.filetype, __WASI_FILETYPE_DIRECTORY);
  CHECK_OK("stat 'dl/' (no follow flag; the slash follows)", p_stat(PRE, 0, "dl/", &st));
  CHECK_EQ("'dl/' is the directory", st.filetype, __WASI_FILETYPE_DIRECTORY);
  CHECK_ERRNO("stat 'fl/'", p_stat(PRE, 0, "fl/", &st), __WASI_ERRNO_NOTDIR);
  done();
}
