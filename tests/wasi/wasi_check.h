// SPDX-License-Identifier: Apache-2.0
// Shared helpers for ward's WASI test programs (compiled to wasm32-wasi).
//
// Every program checks one behaviour. Each CHECK prints nothing when it
// holds and `FAIL: <what> (got X, want Y)` when it does not; a failed
// REQUIRE also exits 1 at once. done() prints `ok: <n> checks` and exits 0
// only if every check held, so the runner can tell a program that reached
// its end from one that exited early.
#ifndef WARD_WASI_CHECK_H
#define WARD_WASI_CHECK_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

static int wc_checks, wc_fails;

static void wc_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void wc_fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("FAIL: ");
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
  fflush(stdout);
  wc_fails++;
}

static void wc_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
__attribute__((unused)) static void wc_info(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("check: ");
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
  fflush(stdout);
}

// CHECK_EQ(what, got, want): integers (compared as unsigned 64-bit).
#define CHECK_EQ(what, got, want)                                                                  \
  do {                                                                                             \
    unsigned long long wc_g = (unsigned long long)(got), wc_w = (unsigned long long)(want);        \
    wc_checks++;                                                                                   \
    if (wc_g != wc_w)                                                                              \
      wc_fail("%s (got %llu, want %llu)", (what), wc_g, wc_w);                                     \
  } while (0)

// CHECK_TRUE(what, cond, got_fmt, got...): a condition; prints got on failure.
#define CHECK_TRUE(what, cond)                                                                     \
  do {                                                                                             \
    wc_checks++;                                                                                   \
    if (!(cond))                                                                                   \
      wc_fail("%s (got false, want true)", (what));                                                \
  } while (0)

// CHECK_ERRNO(what, call, want): a WASI call returns errno `want`.
#define CHECK_ERRNO(what, call, want)                                                              \
  do {                                                                                             \
    unsigned wc_e = (unsigned)(call), wc_w = (unsigned)(want);                                     \
    wc_checks++;                                                                                   \
    if (wc_e != wc_w)                                                                              \
      wc_fail("%s (got errno %u %s, want %u %s)", (what), wc_e, wc_errname(wc_e), wc_w,            \
              wc_errname(wc_w));                                                                   \
  } while (0)

// CHECK_OK(what, call): errno 0.
#define CHECK_OK(what, call) CHECK_ERRNO(what, call, 0)

// CHECK_ERRNO_IN(what, call, n, list...): errno is one of the listed.
#define CHECK_ERRNO_IN(what, call, ...)                                                            \
  do {                                                                                             \
    unsigned wc_e = (unsigned)(call);                                                              \
    const unsigned wc_set[] = {__VA_ARGS__};                                                       \
    int wc_ok = 0;                                                                                 \
    char wc_buf[160] = "";                                                                         \
    for (size_t wc_i = 0; wc_i < sizeof wc_set / sizeof wc_set[0]; wc_i++) {                       \
      if (wc_e == wc_set[wc_i])                                                                    \
        wc_ok = 1;                                                                                 \
      size_t wc_l = strlen(wc_buf);                                                                \
      snprintf(wc_buf + wc_l, sizeof wc_buf - wc_l, "%s%s", wc_i ? "|" : "",                       \
               wc_errname(wc_set[wc_i]));                                                          \
    }                                                                                              \
    wc_checks++;                                                                                   \
    if (!wc_ok)                                                                                    \
      wc_fail("%s (got errno %u %s, want %s)", (what), wc_e, wc_errname(wc_e), wc_buf);            \
  } while (0)

// REQUIRE_OK: like CHECK_OK but exits 1 at once on failure (later checks
// depend on it).
#define REQUIRE_OK(what, call)                                                                     \
  do {                                                                                             \
    int wc_before = wc_fails;                                                                      \
    CHECK_OK(what, call);                                                                          \
    if (wc_fails != wc_before) {                                                                   \
      printf("FAIL: giving up\n");                                                                 \
      exit(1);                                                                                     \
    }                                                                                              \
  } while (0)

#define REQUIRE_TRUE(what, cond)                                                                   \
  do {                                                                                             \
    int wc_before = wc_fails;                                                                      \
    CHECK_TRUE(what, cond);                                                                        \
    if (wc_fails != wc_before) {                                                                   \
      printf("FAIL: giving up\n");                                                                 \
      exit(1);                                                                                     \
    }                                                                                              \
  } while (0)

static const char *wc_errname(unsigned e) {
  static const char *const names[] = {
      "success",     "2big",           "acces",       "addrinuse",   "addrnotavail",
      "afnosupport", "again",          "already",     "badf",        "badmsg",
      "busy",        "canceled",       "child",       "connaborted", "connrefused",
      "connreset",   "deadlk",         "destaddrreq", "dom",         "dquot",
      "exist",       "fault",          "fbig",        "hostunreach", "idrm",
      "ilseq",       "inprogress",     "intr",        "inval",       "io",
      "isconn",      "isdir",          "loop",        "mfile",       "mlink",
      "msgsize",     "multihop",       "nametoolong", "netdown",     "netreset",
      "netunreach",  "nfile",          "nobufs",      "nodev",       "noent",
      "noexec",      "nolck",          "nolink",      "nomem",       "nomsg",
      "noprotoopt",  "nospc",          "nosys",       "notconn",     "notdir",
      "notempty",    "notrecoverable", "notsock",     "notsup",      "notty",
      "nxio",        "overflow",       "ownerdead",   "perm",        "pipe",
      "proto",       "protonosupport", "prototype",   "range",       "rofs",
      "spipe",       "srch",           "stale",       "timedout",    "txtbsy",
      "xdev",        "notcapable"};
  return e < sizeof names / sizeof names[0] ? names[e] : "?";
}

// Prints `ok: <n> checks` and exits 0, or exits 1 if any check failed.
__attribute__((unused)) static void done(void) {
  if (wc_checks == 0) {
    printf("FAIL: no checks ran\n");
    exit(1);
  }
  if (wc_fails) {
    printf("FAIL: %d of %d checks failed\n", wc_fails, wc_checks);
    fflush(stdout);
    exit(1);
  }
  printf("ok: %d checks\n", wc_checks);
  fflush(stdout);
  exit(0);
}

// --- Raw imports taking (ptr, len) strings, so tests control exact bytes ---
#define WC_IMPORT(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))

WC_IMPORT(path_open)
int32_t raw_path_open(int32_t fd, int32_t dirflags, const char *path, int32_t path_len,
                      int32_t oflags, int64_t base, int64_t inheriting, int32_t fdflags,
                      int32_t *fd_out);
WC_IMPORT(path_create_directory)
int32_t raw_path_create_directory(int32_t fd, const char *path, int32_t len);
WC_IMPORT(path_remove_directory)
int32_t raw_path_remove_directory(int32_t fd, const char *path, int32_t len);
WC_IMPORT(path_unlink_file)
int32_t raw_path_unlink_file(int32_t fd, const char *path, int32_t len);
WC_IMPORT(path_filestat_get)
int32_t raw_path_filestat_get(int32_t fd, int32_t flags, const char *path, int32_t len,
                              __wasi_filestat_t *out);
WC_IMPORT(path_filestat_set_times)
int32_t raw_path_filestat_set_times(int32_t fd, int32_t flags, const char *path, int32_t len,
                                    int64_t atim, int64_t mtim, int32_t fst_flags);
WC_IMPORT(path_link)
int32_t raw_path_link(int32_t old_fd, int32_t old_flags, const char *old_path, int32_t old_len,
                      int32_t new_fd, const char *new_path, int32_t new_len);
WC_IMPORT(path_readlink)
int32_t raw_path_readlink(int32_t fd, const char *path, int32_t len, char *buf, int32_t buf_len,
                          int32_t *used);
WC_IMPORT(path_rename)
int32_t raw_path_rename(int32_t fd, const char *old_path, int32_t old_len, int32_t new_fd,
                        const char *new_path, int32_t new_len);
WC_IMPORT(path_symlink)
int32_t raw_path_symlink(const char *old_path, int32_t old_len, int32_t fd, const char *new_path,
                         int32_t new_len);
WC_IMPORT(proc_raise)
int32_t raw_proc_raise(int32_t sig);

// Convenience wrappers on NUL-terminated C strings.
static inline int32_t p_open(int32_t dir, int32_t dirflags, const char *path, int32_t oflags,
                             uint64_t base, uint64_t inh, int32_t fdflags, int32_t *fd) {
  return raw_path_open(dir, dirflags, path, (int32_t)strlen(path), oflags, (int64_t)base,
                       (int64_t)inh, fdflags, fd);
}
static inline int32_t p_mkdir(int32_t dir, const char *p) {
  return raw_path_create_directory(dir, p, (int32_t)strlen(p));
}
static inline int32_t p_rmdir(int32_t dir, const char *p) {
  return raw_path_remove_directory(dir, p, (int32_t)strlen(p));
}
static inline int32_t p_unlink(int32_t dir, const char *p) {
  return raw_path_unlink_file(dir, p, (int32_t)strlen(p));
}
static inline int32_t p_stat(int32_t dir, int32_t flags, const char *p, __wasi_filestat_t *st) {
  return raw_path_filestat_get(dir, flags, p, (int32_t)strlen(p), st);
}
static inline int32_t p_link(int32_t ofd, int32_t oflags, const char *o, int32_t nfd,
                             const char *n) {
  return raw_path_link(ofd, oflags, o, (int32_t)strlen(o), nfd, n, (int32_t)strlen(n));
}
static inline int32_t p_rename(int32_t ofd, const char *o, int32_t nfd, const char *n) {
  return raw_path_rename(ofd, o, (int32_t)strlen(o), nfd, n, (int32_t)strlen(n));
}
static inline int32_t p_symlink(const char *target, int32_t fd, const char *n) {
  return raw_path_symlink(target, (int32_t)strlen(target), fd, n, (int32_t)strlen(n));
}
static inline int32_t p_readlink(int32_t fd, const char *p, char *buf, int32_t len, int32_t *used) {
  return raw_path_readlink(fd, p, (int32_t)strlen(p), buf, len, used);
}

#define R_ALL ((uint64_t)0x3FFFFFFF)
#define R_RW                                                                                       \
  (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK |                        \
   __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE |    \
   __WASI_RIGHTS_FD_FILESTAT_SET_TIMES | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS |                       \
   __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_ADVISE |                   \
   __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_POLL_FD_READWRITE)
#define R_RO                                                                                       \
  (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL |                         \
   __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_POLL_FD_READWRITE)

// The first preopen (the runner grants the test directory there).
#define PRE 3

// The rights to ask for when opening a directory under `dir`, as wasi-libc
// does for O_RDONLY|O_DIRECTORY: dir's inheriting rights minus the write
// rights (asking for more than the inheriting rights may be refused, and
// fd_write on a directory is EISDIR); dir_inh() is its inheriting rights.
static inline uint64_t dir_inh(int32_t dir) {
  __wasi_fdstat_t st;
  if (__wasi_fd_fdstat_get((__wasi_fd_t)dir, &st) != 0)
    return 0;
  return st.fs_rights_inheriting;
}
static inline uint64_t dir_rights(int32_t dir) {
  return dir_inh(dir) & ~(uint64_t)(__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_DATASYNC |
                                    __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE);
}

// Opens (creating/truncating) `path` under dir for reading and writing.
static inline int32_t create_file(int32_t dir, const char *path, int32_t fdflags) {
  int32_t fd = -1;
  int32_t e =
      p_open(dir, 0, path, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, R_RW, R_RW, fdflags, &fd);
  if (e != 0) {
    printf("FAIL: create %s (got errno %d %s, want 0 success)\nFAIL: giving up\n", path, e,
           wc_errname((unsigned)e));
    exit(1);
  }
  return fd;
}

// Writes all of buf to fd (fd_write), requiring success.
static inline void write_all(int32_t fd, const void *buf, size_t len) {
  const uint8_t *p = buf;
  while (len > 0) {
    __wasi_ciovec_t iov = {p, len};
    __wasi_size_t n = 0;
    int32_t e = __wasi_fd_write((__wasi_fd_t)fd, &iov, 1, &n);
    if (e != 0 || n == 0) {
      printf("FAIL: write_all fd %d (got errno %d, n %u, want 0 success)\nFAIL: giving up\n", fd, e,
             (unsigned)n);
      exit(1);
    }
    p += n;
    len -= n;
  }
}

// Reads up to len bytes at the current offset (loops until EOF or len).
static inline size_t read_some(int32_t fd, void *buf, size_t len) {
  uint8_t *p = buf;
  size_t got = 0;
  while (got < len) {
    __wasi_iovec_t iov = {p + got, len - got};
    __wasi_size_t n = 0;
    int32_t e = __wasi_fd_read((__wasi_fd_t)fd, &iov, 1, &n);
    if (e != 0) {
      printf("FAIL: read fd %d (got errno %d %s, want 0 success)\nFAIL: giving up\n", fd, e,
             wc_errname((unsigned)e));
      exit(1);
    }
    if (n == 0)
      break;
    got += n;
  }
  return got;
}

// The content of file `path` under dir (up to cap-1 bytes, NUL-terminated).
static inline size_t read_file(int32_t dir, const char *path, char *buf, size_t cap) {
  int32_t fd = -1;
  int32_t e = p_open(dir, 0, path, 0, R_RO, 0, 0, &fd);
  if (e != 0) {
    printf("FAIL: open %s for reading (got errno %d %s, want 0 success)\nFAIL: giving up\n", path,
           e, wc_errname((unsigned)e));
    exit(1);
  }
  size_t n = read_some(fd, buf, cap - 1);
  buf[n] = 0;
  (void)__wasi_fd_close((__wasi_fd_t)fd);
  return n;
}

static inline uint64_t now_ns(__wasi_clockid_t id) {
  __wasi_timestamp_t t = 0;
  int32_t e = __wasi_clock_time_get(id, 1, &t);
  if (e != 0) {
    printf("FAIL: clock_time_get(%u) (got errno %d, want 0)\nFAIL: giving up\n", (unsigned)id, e);
    exit(1);
  }
  return t;
}

#endif
