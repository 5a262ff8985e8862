// SPDX-License-Identifier: Apache-2.0
// Helpers for the sandbox-escape tests. The runner lays out, for every test:
//   X/sandbox        read-write preopen, fd 3 ("/sandbox")
//   X/ro             read-only preopen, fd 4 ("/ro"): file.txt, sub/inner.txt
//   X/outside        the canary: secret.txt holds a random secret
//   X/sandbox-evil   a sibling sharing the preopen's name as a prefix
// and symlinks inside the sandbox (see run_security_tests.sh). After each
// test it checks from the host that nothing outside the sandbox changed and
// that the secrets never appeared in the guest's output. Guests print what a
// wrongly successful open reads, so a leak is visible to the host too.
#ifndef WARD_ESC_H
#define WARD_ESC_H
#include "../wasi/wasi_check.h"

#define RO 4

// Errnos for a path that leaves the directory (absolute, `..` above it).
#define E_ESCAPE __WASI_ERRNO_PERM, __WASI_ERRNO_NOTCAPABLE
// Errnos for writes through a read-only preopen.
#define E_READONLY                                                                                 \
  __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_PERM, __WASI_ERRNO_ACCES, __WASI_ERRNO_ROFS,               \
      __WASI_ERRNO_BADF

// Prints up to 200 bytes of fd (after an open that should have failed).
__attribute__((unused)) static void leak(int32_t fd) {
  char buf[201];
  __wasi_iovec_t iv = {(uint8_t *)buf, 200};
  __wasi_size_t n = 0;
  if (__wasi_fd_read((__wasi_fd_t)fd, &iv, 1, &n) == 0 && n > 0) {
    buf[n] = 0;
    printf("LEAKED CONTENT: %s\n", buf);
  }
  __wasi_ciovec_t cv = {(const uint8_t *)"PWNED", 5};
  (void)__wasi_fd_write((__wasi_fd_t)fd, &cv, 1, &n);
  (void)__wasi_fd_close((__wasi_fd_t)fd);
}

// A path argument: S("text") for a C string, PL(ptr, len) for exact bytes.
#define S(p) (p), (int32_t)strlen(p)
#define PL(p, l) (p), (int32_t)(l)

// The open must fail with one of the listed errnos (any errno if none).
// `pathlen` is S(...) or PL(...).
#define DENY_OPEN(what, dir, lookup, pathlen, oflags, rights, ...)                                 \
  do {                                                                                             \
    int32_t de_fd = -1;                                                                            \
    int32_t de_e = raw_path_open((dir), (lookup), pathlen, (oflags), (int64_t)(rights),            \
                                 (int64_t)(rights), 0, &de_fd);                                    \
    if (de_e == 0) {                                                                               \
      wc_checks++;                                                                                 \
      wc_fail("%s (got success fd %d, want an error)", (what), de_fd);                             \
      leak(de_fd);                                                                                 \
    } else {                                                                                       \
      const unsigned de_set[] = {0, ##__VA_ARGS__};                                                \
      if (sizeof de_set / sizeof de_set[0] > 1) {                                                  \
        CHECK_ERRNO_IN(what, de_e, ##__VA_ARGS__);                                                 \
      } else {                                                                                     \
        wc_checks++;                                                                               \
      }                                                                                            \
    }                                                                                              \
  } while (0)

// Any errno but success.
#define DENY(what, call)                                                                           \
  do {                                                                                             \
    int32_t dn_e = (call);                                                                         \
    wc_checks++;                                                                                   \
    if (dn_e == 0)                                                                                 \
      wc_fail("%s (got success, want an error)", (what));                                          \
  } while (0)

#define ALL_RIGHTS ((uint64_t)0x3FFFFFFF)
#endif
