// SPDX-License-Identifier: Apache-2.0
// Absolute paths are never resolved on the host: "/etc/passwd", "/", the
// host path of the canary (argv[1]) and of the sandbox itself (argv[2]) all
// fail with EPERM/ENOTCAPABLE, for reads and writes.
#include "esc.h"

int main(int argc, char **argv) {
  REQUIRE_TRUE("argv: OUTSIDE SANDBOX host paths", argc == 3);
  char secret[512], created[512], inside[512];
  snprintf(secret, sizeof secret, "%s/secret.txt", argv[1]);
  snprintf(created, sizeof created, "%s/created.txt", argv[1]);
  snprintf(inside, sizeof inside, "%s/inside.txt", argv[2]);
  int32_t fd = create_file(PRE, "inside.txt", 0);
  (void)__wasi_fd_close(fd);
  CHECK_OK("open inside.txt (control)", p_open(PRE, 0, "inside.txt", 0, R_RO, 0, 0, &fd));
  const char *reads[] = {"/etc/passwd",         "/",   "/tmp", "//etc/passwd",
                         "/sandbox/inside.txt", "/..", secret, inside};
  for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++) {
    char what[600];
    snprintf(what, sizeof what, "open '%s'", reads[i]);
    DENY_OPEN(what, PRE, 0, S(reads[i]), 0, R_RO, E_ESCAPE);
    snprintf(what, sizeof what, "open '%s' (follow)", reads[i]);
    DENY_OPEN(what, PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, S(reads[i]), 0, R_RO, E_ESCAPE);
    __wasi_filestat_t st;
    snprintf(what, sizeof what, "path_filestat_get '%s'", reads[i]);
    CHECK_ERRNO_IN(what, p_stat(PRE, 0, reads[i], &st), E_ESCAPE);
  }
  DENY_OPEN("creat <outside>/created.txt", PRE, 0, S(created), __WASI_OFLAGS_CREAT, R_RW, E_ESCAPE);
  DENY_OPEN("trunc <outside>/secret.txt", PRE, 0, S(secret), __WASI_OFLAGS_TRUNC, R_RW, E_ESCAPE);
  DENY_OPEN("creat /tmp/ward-escape.txt", PRE, 0, S("/tmp/ward-escape.txt"), __WASI_OFLAGS_CREAT,
            R_RW, E_ESCAPE);
  CHECK_ERRNO_IN("mkdir <outside>/d", p_mkdir(PRE, created), E_ESCAPE);
  CHECK_ERRNO_IN("unlink <outside>/secret.txt", p_unlink(PRE, secret), E_ESCAPE);
  CHECK_ERRNO_IN("rename <outside>/secret.txt -> stolen", p_rename(PRE, secret, PRE, "stolen"),
                 E_ESCAPE);
  CHECK_ERRNO_IN("rename inside.txt -> <outside>/created.txt",
                 p_rename(PRE, "inside.txt", PRE, created), E_ESCAPE);
  CHECK_ERRNO_IN("link <outside>/secret.txt -> hl", p_link(PRE, 0, secret, PRE, "hl"), E_ESCAPE);
  CHECK_ERRNO_IN("link inside.txt -> <outside>/created.txt",
                 p_link(PRE, 0, "inside.txt", PRE, created), E_ESCAPE);
  CHECK_ERRNO_IN("symlink at <outside>/created.txt", p_symlink("x", PRE, created), E_ESCAPE);
  CHECK_ERRNO_IN("set_times <outside>/secret.txt",
                 raw_path_filestat_set_times(PRE, 0, S(secret), 1, 1,
                                             __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM),
                 E_ESCAPE);
  done();
}
