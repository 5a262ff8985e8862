// SPDX-License-Identifier: Apache-2.0
// POSIX file system calls for WASI (platform_fs.h): descriptors, the *at
// calls, status, times, sizes, sync, scatter/gather I/O, seek and fdflags.
#define _GNU_SOURCE 1
#define _DEFAULT_SOURCE 1
#define _DARWIN_C_SOURCE 1
#define _FILE_OFFSET_BITS 64
#define _TIME_BITS 64 // 64-bit time_t on 32-bit glibc hosts (needs the line above)
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h> // renameat
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "platform/platform_fs.h"
#include "platform/posix/posix_errno.h"
#include "platform/posix/posix_fd.h"
#include "platform/posix/posix_iov.h"
#include "util/alloc.h"

// Every WD_OS_O_* bit this file understands.
#define KNOWN_OPEN_FLAGS ((uint32_t)((WD_OS_O_PATH << 1) - 1))

static wd_errno_t last_error(void) { return wd_os_errno(errno); }

static void stat_out(const struct stat *st, wd_os_stat_t *out) {
  memset(out, 0, sizeof *out);
  out->dev = (uint64_t)st->st_dev;
  out->ino = (uint64_t)st->st_ino;
  out->nlink = (uint64_t)st->st_nlink;
  out->size = st->st_size < 0 ? 0 : (uint64_t)st->st_size;
#ifdef __APPLE__
  out->atim = wd_posix_ns(&st->st_atimespec);
  out->mtim = wd_posix_ns(&st->st_mtimespec);
  out->ctim = wd_posix_ns(&st->st_ctimespec);
#else
  out->atim = wd_posix_ns(&st->st_atim);
  out->mtim = wd_posix_ns(&st->st_mtim);
  out->ctim = wd_posix_ns(&st->st_ctim);
#endif
  out->filetype = wd_posix_filetype(st->st_mode);
}

// ---- descriptors --------------------------------------------------------------

wd_errno_t wd_os_open_dir(const char *host_path, wd_os_fd_t *out) {
  *out = WD_OS_NO_FD;
  int fd;
  do
    fd = open(host_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return last_error();
  *out = fd;
  return WD_ESUCCESS;
}

// Host open(2) flags for WD_OS_O_* flags (close-on-exec always; never
// acquire a controlling terminal).
static int host_open_flags(uint32_t flags) {
  int of = O_CLOEXEC | O_NOCTTY;
  if (flags & WD_OS_O_DIRECTORY)
    of |= O_DIRECTORY;
  if (flags & WD_OS_O_NOFOLLOW)
    of |= O_NOFOLLOW;
  if (flags & WD_OS_O_PATH) {
    // A descriptor for lookups only; access mode and the rest do not apply.
#ifdef O_PATH
    of |= O_PATH;
#else
    of |= O_RDONLY | O_NONBLOCK; // O_NONBLOCK: opening a FIFO must not block
#endif
    return of;
  }
  if ((flags & WD_OS_O_READ) && (flags & WD_OS_O_WRITE))
    of |= O_RDWR;
  else if (flags & WD_OS_O_WRITE)
    of |= O_WRONLY;
  else
    of |= O_RDONLY;
  if (flags & WD_OS_O_CREAT)
    of |= O_CREAT;
  if (flags & WD_OS_O_EXCL)
    of |= O_EXCL;
  if (flags & WD_OS_O_TRUNC)
    of |= O_TRUNC;
  if (flags & WD_OS_O_APPEND)
    of |= O_APPEND;
  if (flags & WD_OS_O_NONBLOCK)
    of |= O_NONBLOCK;
  if (flags & WD_OS_O_SYNC)
    of |= O_SYNC;
  if (flags & WD_OS_O_DSYNC) {
#ifdef O_DSYNC
    of |= O_DSYNC;
#else
    of |= O_SYNC;
#endif
  }
  if (flags & WD_OS_O_RSYNC) {
#ifdef O_RSYNC
    of |= O_RSYNC;
#else
    of |= O_SYNC; // stronger than asked: reads then also wait for writes
#endif
  }
  return of;
}

static int open_retry(int dir, const char *name, int of) {
  int fd;
  do
    fd = openat(dir, name, of, 0666);
  while (fd < 0 && errno == EINTR);
  return fd;
}

wd_errno_t wd_os_openat(wd_os_fd_t dir, const char *name, uint32_t flags, wd_os_fd_t *out) {
  *out = WD_OS_NO_FD;
  if (flags & ~KNOWN_OPEN_FLAGS)
    return WD_EINVAL;
  bool nofollow = (flags & WD_OS_O_NOFOLLOW) != 0;
  int of = host_open_flags(flags);
  int fd = open_retry(wd_posix_hfd(dir), name, of);
#if !defined(O_PATH) && defined(O_SEARCH)
  // Without O_PATH a lookup-only directory is opened for reading, which a
  // directory with search but no read permission refuses; O_SEARCH does not.
  if (fd < 0 && errno == EACCES && (flags & WD_OS_O_PATH) && (flags & WD_OS_O_DIRECTORY))
    fd = open_retry(wd_posix_hfd(dir), name, (of & ~(O_RDONLY | O_NONBLOCK)) | O_SEARCH);
#endif
  if (fd < 0)
    return nofollow ? wd_os_errno_open_nofollow(errno) : last_error();
#ifdef O_PATH
  // O_PATH | O_NOFOLLOW opens a symlink itself instead of failing (without
  // O_DIRECTORY, which gives ENOTDIR): report it as every other open does.
  if (nofollow && (flags & WD_OS_O_PATH) && !(flags & WD_OS_O_DIRECTORY)) {
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISLNK(st.st_mode)) {
      close(fd);
      return WD_ELOOP;
    }
  }
#endif
  *out = fd;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_close(wd_os_fd_t fd) {
  // EINTR is not retried: the descriptor is gone on Linux and macOS either
  // way, and a retry could close a number another thread just reused.
  if (close(wd_posix_hfd(fd)) != 0 && errno != EINTR)
    return last_error();
  return WD_ESUCCESS;
}

wd_os_fd_t wd_os_stdio(int which) {
  return which >= 0 && which <= 2 ? (wd_os_fd_t)which : WD_OS_NO_FD;
}

wd_errno_t wd_os_fstat(wd_os_fd_t fd, wd_os_stat_t *out) {
  struct stat st;
  if (fstat(wd_posix_hfd(fd), &st) != 0)
    return last_error();
  stat_out(&st, out);
  if (S_ISSOCK(st.st_mode)) {
    int type = 0;
    socklen_t len = sizeof type;
    if (getsockopt(wd_posix_hfd(fd), SOL_SOCKET, SO_TYPE, &type, &len) == 0)
      out->filetype = type == SOCK_DGRAM    ? WD_FILETYPE_SOCKET_DGRAM
                      : type == SOCK_STREAM ? WD_FILETYPE_SOCKET_STREAM
                                            : WD_FILETYPE_UNKNOWN;
  }
  return WD_ESUCCESS;
}

wd_errno_t wd_os_fstatat(wd_os_fd_t dir, const char *name, bool follow, wd_os_stat_t *out) {
  struct stat st;
  if (fstatat(wd_posix_hfd(dir), name, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) != 0)
    return last_error();
  stat_out(&st, out);
  return WD_ESUCCESS;
}

wd_errno_t wd_os_readlinkat(wd_os_fd_t dir, const char *name, char *buf, size_t size, size_t *len) {
  *len = 0;
  if (size > 0) {
    ssize_t r = readlinkat(wd_posix_hfd(dir), name, buf, size);
    if (r < 0)
      return last_error();
    if ((size_t)r < size) {
      *len = (size_t)r;
      return WD_ESUCCESS;
    }
  }
  // The target may be longer than buf: readlink only ever says "at least
  // this long", so read it whole into a growing buffer to learn its length.
  size_t cap = size < 256 ? 256 : size;
  for (;;) {
    if (cap > SIZE_MAX / 2 || cap > (size_t)SSIZE_MAX / 2)
      return WD_ENOMEM;
    cap *= 2;
    char *tmp = wd_malloc(cap);
    if (!tmp)
      return WD_ENOMEM;
    ssize_t r = readlinkat(wd_posix_hfd(dir), name, tmp, cap);
    if (r < 0) {
      wd_errno_t e = last_error();
      wd_free(tmp);
      return e;
    }
    if ((size_t)r < cap) {
      size_t n = (size_t)r;
      if (size > 0)
        memcpy(buf, tmp, n < size ? n : size); // the same snapshot as *len
      wd_free(tmp);
      *len = n;
      return WD_ESUCCESS;
    }
    wd_free(tmp);
  }
}

wd_errno_t wd_os_mkdirat(wd_os_fd_t dir, const char *name) {
  if (mkdirat(wd_posix_hfd(dir), name, 0777) != 0)
    return last_error();
  return WD_ESUCCESS;
}

wd_errno_t wd_os_unlinkat(wd_os_fd_t dir, const char *name, bool is_dir) {
  if (unlinkat(wd_posix_hfd(dir), name, is_dir ? AT_REMOVEDIR : 0) == 0)
    return WD_ESUCCESS;
  int e = errno;
  if (!is_dir && e == EPERM) {
    // macOS (and POSIX) report unlink(2) of a directory as EPERM; Linux
    // says EISDIR, which is what WASI guests expect (path_unlink_file).
    struct stat st;
    if (fstatat(wd_posix_hfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
      return WD_EISDIR;
  }
  if (is_dir && e == EEXIST)
    return WD_ENOTEMPTY; // POSIX allows either for a non-empty directory
  return wd_os_errno(e);
}

wd_errno_t wd_os_renameat(wd_os_fd_t odir, const char *oname, wd_os_fd_t ndir, const char *nname) {
  if (renameat(wd_posix_hfd(odir), oname, wd_posix_hfd(ndir), nname) == 0)
    return WD_ESUCCESS;
  if (errno == EEXIST)
    return WD_ENOTEMPTY; // a non-empty target directory, as ENOTEMPTY elsewhere
  return last_error();
}

wd_errno_t wd_os_linkat(wd_os_fd_t odir, const char *oname, wd_os_fd_t ndir, const char *nname) {
  // Flags 0: a symlink at oname is linked itself, not its target.
  if (linkat(wd_posix_hfd(odir), oname, wd_posix_hfd(ndir), nname, 0) != 0)
    return last_error();
  return WD_ESUCCESS;
}

wd_errno_t wd_os_symlinkat(const char *target, wd_os_fd_t dir, const char *name) {
  if (symlinkat(target, wd_posix_hfd(dir), name) != 0)
    return last_error();
  return WD_ESUCCESS;
}

// ---- times -----------------------------------------------------------------------

static wd_errno_t ns_timespec(uint64_t ns, struct timespec *ts) {
  uint64_t sec = ns / 1000000000u;
  time_t t = (time_t)sec;
  if (t < 0 || (uint64_t)t != sec)
    return WD_EOVERFLOW; // only where time_t is 32 bits
  ts->tv_sec = t;
  ts->tv_nsec = (long)(ns % 1000000000u);
  return WD_ESUCCESS;
}

// The two timespecs for utimensat/futimens from WASI's fst_flags: a time
// neither set nor "now" is UTIME_OMIT. A time both set and "now" (or an
// unknown flag) is WD_EINVAL (fstflags_validate).
static wd_errno_t make_times(uint64_t atim, uint64_t mtim, uint16_t fl, struct timespec ts[2]) {
  if (fl & ~(WD_FSTFLAG_ATIM | WD_FSTFLAG_ATIM_NOW | WD_FSTFLAG_MTIM | WD_FSTFLAG_MTIM_NOW))
    return WD_EINVAL;
  if (((fl & WD_FSTFLAG_ATIM) && (fl & WD_FSTFLAG_ATIM_NOW)) ||
      ((fl & WD_FSTFLAG_MTIM) && (fl & WD_FSTFLAG_MTIM_NOW)))
    return WD_EINVAL;
  const uint64_t val[2] = {atim, mtim};
  const uint16_t set[2] = {WD_FSTFLAG_ATIM, WD_FSTFLAG_MTIM};
  const uint16_t now[2] = {WD_FSTFLAG_ATIM_NOW, WD_FSTFLAG_MTIM_NOW};
  for (int i = 0; i < 2; i++) {
    if (fl & set[i]) {
      wd_errno_t e = ns_timespec(val[i], &ts[i]);
      if (e)
        return e;
    } else {
      ts[i].tv_sec = 0;
      ts[i].tv_nsec = (fl & now[i]) ? UTIME_NOW : UTIME_OMIT;
    }
  }
  return WD_ESUCCESS;
}

wd_errno_t wd_os_utimensat(wd_os_fd_t dir, const char *name, bool follow, uint64_t atim,
                           uint64_t mtim, uint16_t fst_flags) {
  if (!name)
    return wd_os_futimens(dir, atim, mtim, fst_flags);
  struct timespec ts[2];
  wd_errno_t e = make_times(atim, mtim, fst_flags, ts);
  if (e)
    return e;
  if (utimensat(wd_posix_hfd(dir), name, ts, follow ? 0 : AT_SYMLINK_NOFOLLOW) != 0)
    return last_error();
  return WD_ESUCCESS;
}

wd_errno_t wd_os_futimens(wd_os_fd_t fd, uint64_t atim, uint64_t mtim, uint16_t fst_flags) {
  struct timespec ts[2];
  wd_errno_t e = make_times(atim, mtim, fst_flags, ts);
  if (e)
    return e;
  if (futimens(wd_posix_hfd(fd), ts) != 0)
    return last_error();
  return WD_ESUCCESS;
}

// ---- sizes, advice, sync ----------------------------------------------------------

wd_errno_t wd_os_ftruncate(wd_os_fd_t fd, uint64_t size) {
  if (size > (uint64_t)INT64_MAX)
    return WD_EFBIG;
  int r;
  do
    r = ftruncate(wd_posix_hfd(fd), (off_t)size);
  while (r != 0 && errno == EINTR);
  return r == 0 ? WD_ESUCCESS : last_error();
}

wd_errno_t wd_os_fallocate(wd_os_fd_t fd, uint64_t offset, uint64_t len) {
  if (offset > (uint64_t)INT64_MAX || len > (uint64_t)INT64_MAX - offset)
    return WD_EFBIG;
  if (len == 0)
    return WD_EINVAL; // as posix_fallocate says, on every platform
#if defined(__linux__)
  int r;
  do
    r = posix_fallocate(wd_posix_hfd(fd), (off_t)offset, (off_t)len);
  while (r == EINTR);
  return wd_os_errno(r);
#else
  // No posix_fallocate (macOS): extend the file with zeros if it is
  // shorter, which gives the size fd_allocate promises (the blocks are
  // reserved lazily, as on a file system without preallocation).
  struct stat st;
  if (fstat(wd_posix_hfd(fd), &st) != 0)
    return last_error();
  if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))
    return WD_ESPIPE;
  if (S_ISDIR(st.st_mode))
    return WD_EISDIR;
  if (!S_ISREG(st.st_mode))
    return WD_ENODEV;
  int fl = fcntl(wd_posix_hfd(fd), F_GETFL);
  if (fl < 0)
    return last_error();
  if ((fl & O_ACCMODE) == O_RDONLY)
    return WD_EBADF;
  if (st.st_size >= (off_t)(offset + len))
    return WD_ESUCCESS;
  return wd_os_ftruncate(fd, offset + len);
#endif
}

wd_errno_t wd_os_fadvise(wd_os_fd_t fd, uint64_t offset, uint64_t len, uint8_t advice) {
  if (offset > (uint64_t)INT64_MAX || len > (uint64_t)INT64_MAX)
    return WD_EINVAL;
#if defined(__linux__)
  static const int host_advice[] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                                    POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED,   POSIX_FADV_NOREUSE};
  if (advice >= sizeof host_advice / sizeof host_advice[0])
    return WD_EINVAL;
  int r;
  do
    r = posix_fadvise(wd_posix_hfd(fd), (off_t)offset, (off_t)len, host_advice[advice]);
  while (r == EINTR);
  return wd_os_errno(r);
#else
  // Advice is only advice: check the arguments as Linux does and accept.
  if (advice > WD_ADVICE_NOREUSE)
    return WD_EINVAL;
  struct stat st;
  if (fstat(wd_posix_hfd(fd), &st) != 0)
    return last_error();
  if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))
    return WD_ESPIPE;
  return WD_ESUCCESS;
#endif
}

wd_errno_t wd_os_fsync(wd_os_fd_t fd) {
  int r;
  do
    r = fsync(wd_posix_hfd(fd));
  while (r != 0 && errno == EINTR);
  return r == 0 ? WD_ESUCCESS : last_error();
}

wd_errno_t wd_os_fdatasync(wd_os_fd_t fd) {
  int r;
  do {
#if defined(__APPLE__)
    r = fsync(wd_posix_hfd(fd)); // fdatasync is not declared by the macOS SDK
#else
    r = fdatasync(wd_posix_hfd(fd));
#endif
  } while (r != 0 && errno == EINTR);
  return r == 0 ? WD_ESUCCESS : last_error();
}

// ---- I/O ------------------------------------------------------------------------

wd_errno_t wd_os_readv(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, size_t *nread) {
  *nread = 0;
  wd_iov_t t;
  wd_iov_init(&t, iov, n);
  char dummy;
  ssize_t r;
  do // no buffers: a zero-length read still checks the descriptor
    r = t.n == 0 ? read(wd_posix_hfd(fd), &dummy, 0) : readv(wd_posix_hfd(fd), t.v, t.n);
  while (r < 0 && errno == EINTR);
  wd_iov_free(&t);
  if (r < 0)
    return last_error();
  *nread = (size_t)r;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_writev(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, size_t *nwritten) {
  *nwritten = 0;
  wd_iov_t t;
  wd_iov_init(&t, iov, n);
  char dummy = 0;
  ssize_t r;
  do
    r = t.n == 0 ? write(wd_posix_hfd(fd), &dummy, 0) : writev(wd_posix_hfd(fd), t.v, t.n);
  while (r < 0 && errno == EINTR);
  wd_iov_free(&t);
  if (r < 0)
    return last_error();
  *nwritten = (size_t)r;
  return WD_ESUCCESS;
}

#if defined(__linux__)
static ssize_t host_preadv(int fd, const struct iovec *v, int n, off_t off) {
  return preadv(fd, v, n, off);
}
static ssize_t host_pwritev(int fd, const struct iovec *v, int n, off_t off) {
  return pwritev(fd, v, n, off);
}
#else
// One pread/pwrite per buffer (preadv needs macOS 11): stops at the first
// short transfer; an error after some bytes is reported as the short count.
static ssize_t host_piov(int fd, const struct iovec *v, int n, off_t off, bool out) {
  ssize_t total = 0;
  for (int i = 0; i < n; i++) {
    ssize_t r = out ? pwrite(fd, v[i].iov_base, v[i].iov_len, off + total)
                    : pread(fd, v[i].iov_base, v[i].iov_len, off + total);
    if (r < 0)
      return total > 0 ? total : -1;
    total += r;
    if ((size_t)r < v[i].iov_len)
      break;
  }
  return total;
}
static ssize_t host_preadv(int fd, const struct iovec *v, int n, off_t off) {
  return host_piov(fd, v, n, off, false);
}
static ssize_t host_pwritev(int fd, const struct iovec *v, int n, off_t off) {
  return host_piov(fd, v, n, off, true);
}
#endif

wd_errno_t wd_os_preadv(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, uint64_t offset,
                        size_t *nread) {
  *nread = 0;
  if (offset > (uint64_t)INT64_MAX)
    return WD_EINVAL;
  wd_iov_t t;
  wd_iov_init(&t, iov, n);
  char dummy;
  ssize_t r;
  do
    r = t.n == 0 ? pread(wd_posix_hfd(fd), &dummy, 0, (off_t)offset)
                 : host_preadv(wd_posix_hfd(fd), t.v, t.n, (off_t)offset);
  while (r < 0 && errno == EINTR);
  wd_iov_free(&t);
  if (r < 0)
    return last_error();
  *nread = (size_t)r;
  return WD_ESUCCESS;
}

#if defined(__linux__)
// pwritev2 is a glibc 2.26 wrapper (musl 1.2.3 has none): without it, the
// fallback below.
#if !defined(__GLIBC__) || __GLIBC__ < 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ < 26)
#define WD_OS_NO_RWF_NOAPPEND 1
#endif
#ifndef RWF_NOAPPEND
#define RWF_NOAPPEND 0x00000020 // the kernel's per-write "ignore O_APPEND" (Linux 6.9)
#endif

// pwritev on a descriptor in append mode. Linux ignores the offset of
// pwrite(2) under O_APPEND (a documented deviation from POSIX), so: first
// pwritev2(RWF_NOAPPEND) (Linux 6.9+); on older kernels clear O_APPEND
// around the write and restore it. That window is visible to other users
// of the same open file description (another thread's write in it would
// not append), the one unavoidable race; ward's own descriptors are not
// shared with other processes.
static ssize_t pwritev_noappend(int fd, const struct iovec *v, int n, off_t off, int fl) {
#if !defined(WD_OS_NO_RWF_NOAPPEND) // lets a test build exercise the fallback
  ssize_t r;
  do
    r = pwritev2(fd, v, n, off, RWF_NOAPPEND);
  while (r < 0 && errno == EINTR);
  if (r >= 0 || (errno != EOPNOTSUPP && errno != ENOSYS && errno != EINVAL))
    return r;
#endif
  if (fcntl(fd, F_SETFL, fl & ~O_APPEND) != 0)
    return -1;
  ssize_t w;
  do
    w = pwritev(fd, v, n, off);
  while (w < 0 && errno == EINTR);
  int saved = errno;
  while (fcntl(fd, F_SETFL, fl) != 0 && errno == EINTR) {
  }
  errno = saved;
  return w;
}
#endif

wd_errno_t wd_os_pwritev(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, uint64_t offset,
                         size_t *nwritten) {
  *nwritten = 0;
  if (offset > (uint64_t)INT64_MAX)
    return WD_EINVAL;
  wd_iov_t t;
  wd_iov_init(&t, iov, n);
  char dummy = 0;
  struct iovec none = {&dummy, 0};
  const struct iovec *v = t.n == 0 ? &none : t.v;
  int cnt = t.n == 0 ? 1 : t.n;
  ssize_t r;
#if defined(__linux__)
  int fl = fcntl(wd_posix_hfd(fd), F_GETFL);
  if (fl < 0) {
    wd_iov_free(&t);
    return last_error();
  }
  if (fl & O_APPEND) {
    r = pwritev_noappend(wd_posix_hfd(fd), v, cnt, (off_t)offset, fl);
  } else {
    do
      r = host_pwritev(wd_posix_hfd(fd), v, cnt, (off_t)offset);
    while (r < 0 && errno == EINTR);
  }
#else
  do
    r = host_pwritev(wd_posix_hfd(fd), v, cnt, (off_t)offset);
  while (r < 0 && errno == EINTR);
#endif
  wd_errno_t e = r < 0 ? last_error() : WD_ESUCCESS;
  wd_iov_free(&t);
  if (e)
    return e;
  *nwritten = (size_t)r;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_seek(wd_os_fd_t fd, int64_t offset, uint8_t whence, uint64_t *newoffset) {
  int w;
  switch (whence) {
  case WD_WHENCE_SET: w = SEEK_SET; break;
  case WD_WHENCE_CUR: w = SEEK_CUR; break;
  case WD_WHENCE_END: w = SEEK_END; break;
  default: return WD_EINVAL;
  }
  off_t r = lseek(wd_posix_hfd(fd), (off_t)offset, w);
  if (r < 0)
    return last_error();
  *newoffset = (uint64_t)r;
  return WD_ESUCCESS;
}

// ---- descriptor flags ------------------------------------------------------------

wd_errno_t wd_os_get_fdflags(wd_os_fd_t fd, uint16_t *fdflags) {
  *fdflags = 0;
  int fl = fcntl(wd_posix_hfd(fd), F_GETFL);
  if (fl < 0)
    return last_error();
  uint16_t f = 0;
  if (fl & O_APPEND)
    f |= WD_FDFLAG_APPEND;
  if (fl & O_NONBLOCK)
    f |= WD_FDFLAG_NONBLOCK;
#ifdef O_DSYNC
  if (fl & O_DSYNC)
    f |= WD_FDFLAG_DSYNC;
#endif
  if ((fl & O_SYNC) == O_SYNC)
    f |= WD_FDFLAG_SYNC;
#ifdef O_RSYNC
  // Tested in C, not #if: wasi-libc's O_RSYNC has a cast in it.
  if (O_RSYNC != O_SYNC && (fl & O_RSYNC) == O_RSYNC)
    f |= WD_FDFLAG_RSYNC;
#endif
  *fdflags = f;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_set_fdflags(wd_os_fd_t fd, uint16_t fdflags) {
  if (fdflags & ~(WD_FDFLAG_APPEND | WD_FDFLAG_NONBLOCK))
    return WD_ENOTSUP;
  int fl = fcntl(wd_posix_hfd(fd), F_GETFL);
  if (fl < 0)
    return last_error();
  int nf = fl & ~(O_APPEND | O_NONBLOCK);
  if (fdflags & WD_FDFLAG_APPEND)
    nf |= O_APPEND;
  if (fdflags & WD_FDFLAG_NONBLOCK)
    nf |= O_NONBLOCK;
  // Changing O_APPEND does not move the file offset (wazero#1865).
  if (nf != fl && fcntl(wd_posix_hfd(fd), F_SETFL, nf) != 0)
    return last_error();
  return WD_ESUCCESS;
}

bool wd_os_isatty(wd_os_fd_t fd) { return isatty(wd_posix_hfd(fd)) == 1; }
