// SPDX-License-Identifier: Apache-2.0
// fd_renumber cannot widen access: renumbering the read-only preopen (4)
// onto the writable one's number (3) makes fd 3 read-only; renumbering a
// file onto a preopen number makes that number a file (no path access);
// renumbering a directory onto stdin keeps it confined (and not readable as a
// stream). The runner checks ro/ and outside/ are unchanged.
#include "esc.h"

int main(void) {
  int32_t f = create_file(PRE, "f.txt", 0);
  int32_t sbdir = -1;
  REQUIRE_OK("open sandbox '.'", p_open(PRE, 0, ".", __WASI_OFLAGS_DIRECTORY, dir_rights(PRE),
                                        dir_inh(PRE), 0, &sbdir));
  CHECK_OK("fd_renumber(sandbox dir, 0) (onto stdin)", __wasi_fd_renumber(sbdir, 0));
  char b[8];
  __wasi_iovec_t iv = {(uint8_t *)b, sizeof b};
  __wasi_size_t n;
  CHECK_ERRNO_IN("fd_read(0) now a directory", __wasi_fd_read(0, &iv, 1, &n), __WASI_ERRNO_BADF,
                 __WASI_ERRNO_ISDIR, __WASI_ERRNO_NOTCAPABLE);
  int32_t probe = -1;
  CHECK_OK("open f.txt via fd 0 (control)", p_open(0, 0, "f.txt", 0, R_RO, 0, 0, &probe));
  DENY_OPEN("open ../outside/secret.txt via fd 0", 0, 0, S("../outside/secret.txt"), 0, R_RO,
            E_ESCAPE);
  DENY_OPEN("open /etc/passwd via fd 0", 0, 0, S("/etc/passwd"), 0, R_RO, E_ESCAPE);
  CHECK_OK("fd_renumber(4, 3) (ro onto rw's number)", __wasi_fd_renumber(RO, 3));
  __wasi_fdstat_t st;
  CHECK_ERRNO("fd 4 closed after renumber", __wasi_fd_fdstat_get(RO, &st), __WASI_ERRNO_BADF);
  CHECK_OK("fd_fdstat_get(3)", __wasi_fd_fdstat_get(3, &st));
  CHECK_EQ("fd 3 (now ro) has no path_create_file",
           st.fs_rights_base & __WASI_RIGHTS_PATH_CREATE_FILE, 0);
  DENY_OPEN("creat via fd 3 (now ro)", 3, 0, S("planted.txt"), __WASI_OFLAGS_CREAT, R_RO,
            E_READONLY);
  DENY_OPEN("trunc file.txt via fd 3 (now ro)", 3, 0, S("file.txt"), __WASI_OFLAGS_TRUNC, R_RO,
            E_READONLY);
  CHECK_ERRNO_IN("unlink file.txt via fd 3 (now ro)", p_unlink(3, "file.txt"), E_READONLY);
  CHECK_ERRNO_IN("mkdir via fd 3 (now ro)", p_mkdir(3, "d"), E_READONLY);
  CHECK_OK("fd_renumber(file, 3)", __wasi_fd_renumber(f, 3));
  DENY_OPEN("path_open via fd 3 (now a file)", 3, 0, S("../outside/secret.txt"), 0, R_RO,
            __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOTCAPABLE, E_ESCAPE, __WASI_ERRNO_BADF);
  DENY_OPEN("path_open '.' via fd 3 (now a file)", 3, 0, S("."), 0, R_RO, __WASI_ERRNO_NOTDIR,
            __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_BADF);
  done();
}
