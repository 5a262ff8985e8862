// SPDX-License-Identifier: Apache-2.0
// path_symlink stores the target string verbatim; path_readlink returns it
// (not NUL-terminated); a short buffer gets the first buf_len bytes and
// the call returns buf_len; readlink of a non-link is EINVAL; a symlink
// over an existing name is EEXIST; a dangling symlink can be created.
#include "wasi_check.h"

int main(void) {
  const char *target = "some/dir/../target.txt";
  size_t tl = strlen(target);
  CHECK_OK("symlink l -> some/dir/../target.txt", p_symlink(target, PRE, "l"));
  char buf[64];
  int32_t used = -1;
  memset(buf, '#', sizeof buf);
  CHECK_OK("readlink l", p_readlink(PRE, "l", buf, sizeof buf, &used));
  CHECK_EQ("readlink length", used, tl);
  CHECK_TRUE("readlink content is the target verbatim", memcmp(buf, target, tl) == 0);
  memset(buf, '#', sizeof buf);
  used = -1;
  CHECK_OK("readlink l with a 5-byte buffer", p_readlink(PRE, "l", buf, 5, &used));
  CHECK_EQ("short readlink returns buf_len", used, 5);
  CHECK_TRUE("short readlink has the first 5 bytes", memcmp(buf, "some/", 5) == 0);
  CHECK_EQ("nothing written past buf_len", (uint8_t)buf[5], '#');
  used = -1;
  CHECK_OK("readlink l with a 0-byte buffer", p_readlink(PRE, "l", buf, 0, &used));
  CHECK_EQ("zero-length readlink returns 0", used, 0);
  int32_t f = create_file(PRE, "file", 0);
  (void)__wasi_fd_close(f);
  CHECK_ERRNO("readlink of a regular file", p_readlink(PRE, "file", buf, sizeof buf, &used),
              __WASI_ERRNO_INVAL);
  CHECK_ERRNO("readlink of a missing name", p_readlink(PRE, "nope", buf, sizeof buf, &used),
              __WASI_ERRNO_NOENT);
  CHECK_ERRNO("symlink over an existing file", p_symlink("x", PRE, "file"), __WASI_ERRNO_EXIST);
  CHECK_ERRNO("symlink over an existing symlink", p_symlink("x", PRE, "l"), __WASI_ERRNO_EXIST);
  CHECK_ERRNO_IN("symlink named 'new/' (trailing slash, missing)", p_symlink("x", PRE, "new/"),
                 __WASI_ERRNO_NOENT);
  CHECK_OK("dangling symlink", p_symlink("does-not-exist", PRE, "dangling"));
  __wasi_filestat_t st;
  CHECK_OK("stat dangling (no follow)", p_stat(PRE, 0, "dangling", &st));
  CHECK_EQ("dangling is a symlink", st.filetype, __WASI_FILETYPE_SYMBOLIC_LINK);
  CHECK_ERRNO("stat dangling (follow)",
              p_stat(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "dangling", &st), __WASI_ERRNO_NOENT);
  CHECK_OK("mkdir some, some/dir", p_mkdir(PRE, "some") | p_mkdir(PRE, "some/dir"));
  f = create_file(PRE, "some/target.txt", 0);
  write_all(f, "T!", 2);
  (void)__wasi_fd_close(f);
  int32_t lf = -1;
  CHECK_OK("open l with symlink_follow (target has '..' inside the sandbox)",
           p_open(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "l", 0, R_RO, 0, 0, &lf));
  memset(buf, 0, sizeof buf);
  if (lf >= 0)
    read_some(lf, buf, sizeof buf - 1);
  CHECK_TRUE("opening l reads the target", strcmp(buf, "T!") == 0);
  done();
}
