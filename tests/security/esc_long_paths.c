// SPDX-License-Identifier: Apache-2.0
// Over-long paths and components fail cleanly (ENAMETOOLONG or another
// error; never a crash, never success): a 300-byte component, a 5000-byte
// path, a 1 MiB path, 4000 "../" in a row, 2000 nested "a/".
#include "esc.h"

int main(void) {
  static char p[(1 << 20) + 16];
  memset(p, 'x', 300);
  DENY_OPEN("creat a 300-byte name", PRE, 0, PL(p, 300), __WASI_OFLAGS_CREAT, R_RW,
            __WASI_ERRNO_NAMETOOLONG);
  CHECK_ERRNO("mkdir a 300-byte name", raw_path_create_directory(PRE, p, 300),
              __WASI_ERRNO_NAMETOOLONG);
  memset(p, 'y', 5000);
  DENY_OPEN("creat a 5000-byte name", PRE, 0, PL(p, 5000), __WASI_OFLAGS_CREAT, R_RW,
            __WASI_ERRNO_NAMETOOLONG);
  for (int i = 0; i < 5000; i += 2) {
    p[i] = 'a';
    p[i + 1] = '/';
  }
  DENY_OPEN("open a 5000-byte path of a/a/...", PRE, 0, PL(p, 5000), 0, R_RO,
            __WASI_ERRNO_NAMETOOLONG, __WASI_ERRNO_NOENT);
  for (int i = 0; i < (1 << 20); i += 2) {
    p[i] = 'b';
    p[i + 1] = '/';
  }
  DENY_OPEN("open a 1 MiB path", PRE, 0, PL(p, 1 << 20), 0, R_RO, __WASI_ERRNO_NAMETOOLONG,
            __WASI_ERRNO_NOENT);
  DENY("mkdir a 1 MiB path", raw_path_create_directory(PRE, p, 1 << 20));
  for (int i = 0; i < 12000; i += 3)
    memcpy(p + i, "../", 3);
  DENY_OPEN("open 4000 x '../'", PRE, 0, PL(p, 12000), 0, R_RO, E_ESCAPE, __WASI_ERRNO_NAMETOOLONG);
  memcpy(p + 12000, "outside/secret.txt", 18);
  DENY_OPEN("open 4000 x '../' + outside/secret.txt", PRE, 0, PL(p, 12018), 0, R_RO, E_ESCAPE,
            __WASI_ERRNO_NAMETOOLONG);
  for (int i = 0; i < 4000; i += 2)
    memcpy(p + i, "./", 2);
  memcpy(p + 4000, "../outside/secret.txt", 21);
  DENY_OPEN("open 2000 x './' + ../outside/secret.txt", PRE, 0, PL(p, 4021), 0, R_RO, E_ESCAPE,
            __WASI_ERRNO_NAMETOOLONG);
  // A deep but legal path still works (control): 100 nested directories.
  char deep[256];
  size_t len = 0;
  int made = 0;
  for (int i = 0; i < 100; i++) {
    deep[len++] = 'd';
    deep[len] = 0;
    if (p_mkdir(PRE, deep) == 0)
      made++;
    deep[len++] = '/';
  }
  CHECK_EQ("100 nested directories created (control)", made, 100);
  done();
}
