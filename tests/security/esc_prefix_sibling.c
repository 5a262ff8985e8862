// SPDX-License-Identifier: Apache-2.0
// The preopen is X/sandbox; its sibling X/sandbox-evil shares its name as a
// prefix (a string-prefix check on host paths would let it through). No
// path reaches the sibling: "../sandbox-evil/...", the host's absolute path
// of the sibling (argv[1]), "evil" (a planted symlink to ../sandbox-evil),
// "../sandbox/../sandbox-evil/evil.txt".
#include "esc.h"

int main(int argc, char **argv) {
  REQUIRE_TRUE("argv: host path of sandbox-evil", argc == 2);
  char abs_evil[512], abs_new[512];
  snprintf(abs_evil, sizeof abs_evil, "%s/evil.txt", argv[1]);
  snprintf(abs_new, sizeof abs_new, "%s/new.txt", argv[1]);
  const char *reads[] = {"../sandbox-evil/evil.txt",
                         "../sandbox-evil",
                         "evil/evil.txt",
                         "evil",
                         "../sandbox/../sandbox-evil/evil.txt",
                         "./../sandbox-evil/evil.txt",
                         abs_evil};
  for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++) {
    char what[600];
    snprintf(what, sizeof what, "open '%s' (follow)", reads[i]);
    DENY_OPEN(what, PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, S(reads[i]), 0, R_RO);
    snprintf(what, sizeof what, "open '%s'", reads[i]);
    DENY_OPEN(what, PRE, 0, S(reads[i]), 0, R_RO);
  }
  DENY_OPEN("creat ../sandbox-evil/new.txt", PRE, 0, S("../sandbox-evil/new.txt"),
            __WASI_OFLAGS_CREAT, R_RW, E_ESCAPE);
  DENY_OPEN("creat evil/new.txt (follow)", PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW,
            S("evil/new.txt"), __WASI_OFLAGS_CREAT, R_RW);
  DENY_OPEN("creat <abs sandbox-evil>/new.txt", PRE, 0, S(abs_new), __WASI_OFLAGS_CREAT, R_RW,
            E_ESCAPE);
  DENY("mkdir ../sandbox-evil/d", p_mkdir(PRE, "../sandbox-evil/d"));
  DENY("rename ../sandbox-evil/evil.txt -> here",
       p_rename(PRE, "../sandbox-evil/evil.txt", PRE, "here"));
  DENY("link ../sandbox-evil/evil.txt -> here2",
       p_link(PRE, 0, "../sandbox-evil/evil.txt", PRE, "here2"));
  int32_t fd = create_file(PRE, "control.txt", 0);
  CHECK_TRUE("control file created in the sandbox", fd >= 0);
  done();
}
