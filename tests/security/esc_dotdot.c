// SPDX-License-Identifier: Apache-2.0
// `..` above the preopen, directly or after descending ("a/../../x"), even
// when the path comes back inside ("a/../../sandbox/mine.txt"), fails with
// EPERM/ENOTCAPABLE for every path operation. Positive controls: the same
// operations on paths that stay inside succeed.
#include "esc.h"

int main(void) {
  // Positive controls (same rights and flags as the attempts below).
  CHECK_OK("mkdir a (control)", p_mkdir(PRE, "a"));
  int32_t fd = create_file(PRE, "a/../mine.txt", 0);
  write_all(fd, "mine", 4);
  (void)__wasi_fd_close(fd);
  CHECK_OK("open a/../mine.txt for reading (control)",
           p_open(PRE, 0, "a/../mine.txt", 0, R_RO, 0, 0, &fd));

  const char *reads[] = {"..",
                         "../outside/secret.txt",
                         "a/../../outside/secret.txt",
                         "./../outside/secret.txt",
                         "..//outside/secret.txt",
                         "a/./../../outside/secret.txt",
                         "../sandbox/mine.txt",
                         "a/../../sandbox/mine.txt",
                         "../sandbox-evil/evil.txt",
                         "../../../../../../etc/passwd",
                         "a/../../../../../../../../etc/passwd",
                         "../outside"};
  for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++) {
    char what[160];
    snprintf(what, sizeof what, "open '%s' for reading", reads[i]);
    DENY_OPEN(what, PRE, 0, S(reads[i]), 0, R_RO, E_ESCAPE);
    snprintf(what, sizeof what, "open '%s' for reading (follow)", reads[i]);
    DENY_OPEN(what, PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, S(reads[i]), 0, R_RO, E_ESCAPE);
    __wasi_filestat_t st;
    snprintf(what, sizeof what, "path_filestat_get '%s'", reads[i]);
    CHECK_ERRNO_IN(what, p_stat(PRE, 0, reads[i], &st), E_ESCAPE);
  }
  DENY_OPEN("open '..' as a directory", PRE, 0, S(".."), __WASI_OFLAGS_DIRECTORY, dir_rights(PRE),
            E_ESCAPE);
  DENY_OPEN("creat ../outside/new.txt", PRE, 0, S("../outside/new.txt"), __WASI_OFLAGS_CREAT, R_RW,
            E_ESCAPE);
  DENY_OPEN("creat a/../../outside/new.txt", PRE, 0, S("a/../../outside/new.txt"),
            __WASI_OFLAGS_CREAT, R_RW, E_ESCAPE);
  DENY_OPEN("creat ../new-in-parent.txt", PRE, 0, S("../new-in-parent.txt"), __WASI_OFLAGS_CREAT,
            R_RW, E_ESCAPE);
  DENY_OPEN("trunc ../outside/secret.txt", PRE, 0, S("../outside/secret.txt"), __WASI_OFLAGS_TRUNC,
            R_RW, E_ESCAPE);
  CHECK_ERRNO_IN("mkdir ../outside/newdir", p_mkdir(PRE, "../outside/newdir"), E_ESCAPE);
  CHECK_ERRNO_IN("mkdir ../newdir", p_mkdir(PRE, "../newdir"), E_ESCAPE);
  CHECK_ERRNO_IN("unlink ../outside/secret.txt", p_unlink(PRE, "../outside/secret.txt"), E_ESCAPE);
  CHECK_ERRNO_IN("rmdir ../outside", p_rmdir(PRE, "../outside"), E_ESCAPE);
  CHECK_ERRNO_IN("rmdir ..", p_rmdir(PRE, ".."), E_ESCAPE, __WASI_ERRNO_INVAL, __WASI_ERRNO_BUSY);
  CHECK_ERRNO_IN("rename ../outside/secret.txt -> stolen.txt",
                 p_rename(PRE, "../outside/secret.txt", PRE, "stolen.txt"), E_ESCAPE);
  CHECK_ERRNO_IN("rename mine.txt -> ../outside/mine.txt",
                 p_rename(PRE, "mine.txt", PRE, "../outside/mine.txt"), E_ESCAPE);
  CHECK_ERRNO_IN("rename a -> ../outside/a", p_rename(PRE, "a", PRE, "../outside/a"), E_ESCAPE);
  CHECK_ERRNO_IN("link ../outside/secret.txt -> hl.txt",
                 p_link(PRE, 0, "../outside/secret.txt", PRE, "hl.txt"), E_ESCAPE);
  CHECK_ERRNO_IN("link mine.txt -> ../outside/hl.txt",
                 p_link(PRE, 0, "mine.txt", PRE, "../outside/hl.txt"), E_ESCAPE);
  CHECK_ERRNO_IN("symlink at ../outside/sl", p_symlink("x", PRE, "../outside/sl"), E_ESCAPE);
  CHECK_ERRNO_IN("set_times ../outside/secret.txt",
                 raw_path_filestat_set_times(PRE, 0, S("../outside/secret.txt"), 1, 1,
                                             __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM),
                 E_ESCAPE);
  char buf[64];
  int32_t used;
  CHECK_ERRNO_IN("readlink ../outside/secret.txt",
                 p_readlink(PRE, "../outside/secret.txt", buf, sizeof buf, &used), E_ESCAPE);
  // `..` through a directory fd opened inside the sandbox stays bounded by
  // the sandbox too (the new fd is not a new root).
  int32_t a = -1;
  REQUIRE_OK("open a",
             p_open(PRE, 0, "a", __WASI_OFLAGS_DIRECTORY, dir_rights(PRE), dir_inh(PRE), 0, &a));
  DENY_OPEN("open ../../outside/secret.txt from a", a, 0, S("../../outside/secret.txt"), 0, R_RO,
            E_ESCAPE);
  done();
}
