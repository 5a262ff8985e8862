// SPDX-License-Identifier: Apache-2.0
// path_create_directory / path_remove_directory / path_unlink_file:
// EEXIST on an existing name; a non-empty directory is ENOTEMPTY; removing
// a file as a directory is ENOTDIR; unlinking a directory is EISDIR;
// unlinking a missing file is ENOENT; "dir/" with a trailing slash works for
// directory operations.
#include "wasi_check.h"

int main(void) {
  CHECK_OK("mkdir d", p_mkdir(PRE, "d"));
  CHECK_ERRNO("mkdir d again", p_mkdir(PRE, "d"), __WASI_ERRNO_EXIST);
  CHECK_OK("mkdir d/e/", p_mkdir(PRE, "d/e/"));
  int32_t f = create_file(PRE, "d/file", 0);
  (void)__wasi_fd_close(f);
  CHECK_ERRNO("mkdir over a file", p_mkdir(PRE, "d/file"), __WASI_ERRNO_EXIST);
  CHECK_ERRNO("rmdir non-empty d", p_rmdir(PRE, "d"), __WASI_ERRNO_NOTEMPTY);
  CHECK_ERRNO("rmdir a file", p_rmdir(PRE, "d/file"), __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO("unlink a directory", p_unlink(PRE, "d/e"), __WASI_ERRNO_ISDIR);
  CHECK_ERRNO("unlink a directory with a slash", p_unlink(PRE, "d/e/"), __WASI_ERRNO_ISDIR);
  CHECK_ERRNO("unlink 'file/'", p_unlink(PRE, "d/file/"), __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO("unlink missing", p_unlink(PRE, "d/missing"), __WASI_ERRNO_NOENT);
  CHECK_ERRNO("rmdir missing", p_rmdir(PRE, "d/missing"), __WASI_ERRNO_NOENT);
  CHECK_OK("unlink d/file", p_unlink(PRE, "d/file"));
  __wasi_filestat_t st;
  CHECK_ERRNO("d/file is gone", p_stat(PRE, 0, "d/file", &st), __WASI_ERRNO_NOENT);
  CHECK_OK("rmdir d/e/ (trailing slash)", p_rmdir(PRE, "d/e/"));
  CHECK_OK("rmdir d (now empty)", p_rmdir(PRE, "d"));
  CHECK_ERRNO("d is gone", p_stat(PRE, 0, "d", &st), __WASI_ERRNO_NOENT);
  CHECK_OK("mkdir s", p_mkdir(PRE, "s"));
  CHECK_OK("symlink sl -> s", p_symlink("s", PRE, "sl"));
  CHECK_ERRNO("rmdir a symlink to a directory", p_rmdir(PRE, "sl"), __WASI_ERRNO_NOTDIR);
  CHECK_OK("unlink a symlink to a directory (removes the link)", p_unlink(PRE, "sl"));
  CHECK_OK("s survives", p_stat(PRE, 0, "s", &st));
  CHECK_EQ("s is a directory", st.filetype, __WASI_FILETYPE_DIRECTORY);
  CHECK_ERRNO_IN("rmdir '.'", p_rmdir(PRE, "."), __WASI_ERRNO_INVAL, __WASI_ERRNO_BUSY,
                 __WASI_ERRNO_PERM, __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_ACCES);
  done();
}
