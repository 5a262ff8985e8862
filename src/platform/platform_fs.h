// SPDX-License-Identifier: Apache-2.0
// The operating-system interface for WASI: openat-style file system calls,
// directory listing, poll, clocks, randomness and sockets. Every call
// returns a WASI errno (wd_errno_t; 0 is success); host errno values are
// translated in exactly one place (the platform's errno mapping).
//
// Names passed to the *at calls are single path components (no '/'), and
// NUL-terminated. The sandbox walk (src/wasi) decides which directory and
// which name; these calls never resolve a path on their own beyond that.
#ifndef WD_PLATFORM_FS_H
#define WD_PLATFORM_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wasi/wasi_types.h"

// A host descriptor (POSIX: a file descriptor; Windows: a HANDLE later).
typedef intptr_t wd_os_fd_t;
#define WD_OS_NO_FD ((wd_os_fd_t)-1)

// Open flags for wd_os_openat.
enum {
  WD_OS_O_READ = 1 << 0,
  WD_OS_O_WRITE = 1 << 1,
  WD_OS_O_CREAT = 1 << 2,
  WD_OS_O_EXCL = 1 << 3,
  WD_OS_O_TRUNC = 1 << 4,
  WD_OS_O_DIRECTORY = 1 << 5, // fail with WD_ENOTDIR unless a directory
  WD_OS_O_NOFOLLOW = 1 << 6,  // a symlink as the name fails with WD_ELOOP
  WD_OS_O_APPEND = 1 << 7,
  WD_OS_O_NONBLOCK = 1 << 8,
  WD_OS_O_DSYNC = 1 << 9,
  WD_OS_O_SYNC = 1 << 10,
  WD_OS_O_RSYNC = 1 << 11,
  WD_OS_O_PATH = 1 << 12, // for lookups only (Linux O_PATH; elsewhere O_RDONLY)
};

// File status, in WASI's terms.
typedef struct wd_os_stat {
  uint64_t dev, ino, nlink, size;
  uint64_t atim, mtim, ctim; // nanoseconds since the epoch
  uint8_t filetype;          // wd_filetype_t
} wd_os_stat_t;

typedef struct wd_os_iovec {
  void *buf;
  size_t len;
} wd_os_iovec_t;

// ---- descriptors ----------------------------------------------------------

// Opens a directory by host path (for preopens): WD_ENOTDIR if it is not one.
wd_errno_t wd_os_open_dir(const char *host_path, wd_os_fd_t *out);
// Opens `name` relative to directory `dir` with WD_OS_O_* flags (mode 0666
// for created files, before the umask). Close-on-exec always.
wd_errno_t wd_os_openat(wd_os_fd_t dir, const char *name, uint32_t flags, wd_os_fd_t *out);
wd_errno_t wd_os_close(wd_os_fd_t fd);
// The host's own stdin/stdout/stderr (0, 1, 2 on POSIX).
wd_os_fd_t wd_os_stdio(int which);

wd_errno_t wd_os_fstat(wd_os_fd_t fd, wd_os_stat_t *out);
// Status of `name` in `dir`; follow: whether a final symlink is followed.
wd_errno_t wd_os_fstatat(wd_os_fd_t dir, const char *name, bool follow, wd_os_stat_t *out);

// Reads a symlink's target into buf (not NUL-terminated). *len gets the
// target's full length, which may exceed `size` (then buf holds a prefix).
wd_errno_t wd_os_readlinkat(wd_os_fd_t dir, const char *name, char *buf, size_t size, size_t *len);
wd_errno_t wd_os_mkdirat(wd_os_fd_t dir, const char *name);
// Removes a file (is_dir false) or an empty directory (is_dir true).
// Removing a directory as a file gives WD_EISDIR on every platform.
wd_errno_t wd_os_unlinkat(wd_os_fd_t dir, const char *name, bool is_dir);
wd_errno_t wd_os_renameat(wd_os_fd_t odir, const char *oname, wd_os_fd_t ndir, const char *nname);
// A hard link; never follows a symlink at oname.
wd_errno_t wd_os_linkat(wd_os_fd_t odir, const char *oname, wd_os_fd_t ndir, const char *nname);
wd_errno_t wd_os_symlinkat(const char *target, wd_os_fd_t dir, const char *name);

// Sets times: fst_flags are WASI's (WD_FSTFLAG_ATIM, _ATIM_NOW, _MTIM,
// _MTIM_NOW); a time not named is left as it is. name NULL: `dir` itself.
wd_errno_t wd_os_utimensat(wd_os_fd_t dir, const char *name, bool follow, uint64_t atim,
                           uint64_t mtim, uint16_t fst_flags);
wd_errno_t wd_os_futimens(wd_os_fd_t fd, uint64_t atim, uint64_t mtim, uint16_t fst_flags);

wd_errno_t wd_os_ftruncate(wd_os_fd_t fd, uint64_t size);
wd_errno_t wd_os_fallocate(wd_os_fd_t fd, uint64_t offset, uint64_t len);
wd_errno_t wd_os_fadvise(wd_os_fd_t fd, uint64_t offset, uint64_t len, uint8_t advice);
wd_errno_t wd_os_fsync(wd_os_fd_t fd);
wd_errno_t wd_os_fdatasync(wd_os_fd_t fd);

// Scatter/gather I/O; a short count is not an error. A read from a
// non-blocking descriptor with nothing to read gives WD_EAGAIN.
wd_errno_t wd_os_readv(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, size_t *nread);
wd_errno_t wd_os_writev(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, size_t *nwritten);
wd_errno_t wd_os_preadv(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, uint64_t offset,
                        size_t *nread);
// Writes at `offset` even when the descriptor is in append mode.
wd_errno_t wd_os_pwritev(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, uint64_t offset,
                         size_t *nwritten);
// whence: WD_WHENCE_SET, _CUR, _END (preview1 numbering).
wd_errno_t wd_os_seek(wd_os_fd_t fd, int64_t offset, uint8_t whence, uint64_t *newoffset);

// The descriptor's WASI fdflags (append, nonblock, dsync, rsync, sync).
wd_errno_t wd_os_get_fdflags(wd_os_fd_t fd, uint16_t *fdflags);
// Sets append and nonblock; other bits give WD_ENOTSUP.
wd_errno_t wd_os_set_fdflags(wd_os_fd_t fd, uint16_t fdflags);
// Whether fd is a terminal.
bool wd_os_isatty(wd_os_fd_t fd);

// ---- directories ------------------------------------------------------------

typedef struct wd_os_dir wd_os_dir_t;

typedef struct wd_os_dirent {
  uint64_t next;    // the cookie that resumes after this entry
  uint64_t ino;     // the real inode number
  uint8_t type;     // wd_filetype_t, from the entry (symlinks not followed)
  const char *name; // valid until the next call on the stream
  size_t namelen;
} wd_os_dirent_t;

// A listing of the open directory fd (which stays owned by the caller).
wd_errno_t wd_os_dir_open(wd_os_fd_t fd, wd_os_dir_t **out);
// Positions the stream at `cookie`: 0 is the start, else a `next` value
// this stream returned. Includes "." and "..".
wd_errno_t wd_os_dir_seek(wd_os_dir_t *d, uint64_t cookie);
// The next entry; *end set (and WD_ESUCCESS) when there are no more.
wd_errno_t wd_os_dir_next(wd_os_dir_t *d, wd_os_dirent_t *out, bool *end);
void wd_os_dir_close(wd_os_dir_t *d);

// ---- poll -----------------------------------------------------------------------

enum { WD_OS_POLL_READ = 1, WD_OS_POLL_WRITE = 2 };
typedef struct wd_os_pollfd {
  wd_os_fd_t fd;
  uint8_t events;  // WD_OS_POLL_READ / _WRITE
  uint8_t revents; // set: the events ready, plus
  bool hangup;     // the peer hung up
  bool error;      // the descriptor is in error (or invalid)
} wd_os_pollfd_t;
// Waits until one of fds is ready or timeout_ns passes (negative: forever).
// n may be 0 (a pure sleep). *nready counts ready entries.
wd_errno_t wd_os_poll(wd_os_pollfd_t *fds, size_t n, int64_t timeout_ns, size_t *nready);
// Bytes that can be read at once (FIONREAD), or 0 if unknown.
uint64_t wd_os_readable_bytes(wd_os_fd_t fd);

// ---- clocks, randomness, processes ------------------------------------------------

// WASI clock ids: WD_CLOCK_REALTIME, _MONOTONIC, _PROCESS_CPUTIME, _THREAD_CPUTIME.
wd_errno_t wd_os_clock_time(uint32_t clock_id, uint64_t *ns);
wd_errno_t wd_os_clock_res(uint32_t clock_id, uint64_t *ns);
// Fills buf from the system's secure random source.
wd_errno_t wd_os_random(void *buf, size_t len);
void wd_os_yield(void);
// Sleeps for ns nanoseconds (interrupted sleeps continue).
void wd_os_sleep(uint64_t ns);

// ---- sockets ------------------------------------------------------------------------

// A TCP socket listening on "IPv4:PORT" or "[IPv6]:PORT".
wd_errno_t wd_os_tcp_listen(const char *addr, wd_os_fd_t *out);
wd_errno_t wd_os_accept(wd_os_fd_t fd, bool nonblock, wd_os_fd_t *out);
// riflags: WD_RIFLAG_RECV_PEEK, _RECV_WAITALL. *roflags gets
// WD_ROFLAG_RECV_DATA_TRUNCATED where the platform can tell.
wd_errno_t wd_os_recv(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, uint16_t riflags,
                      size_t *nread, uint16_t *roflags);
wd_errno_t wd_os_send(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, size_t *nwritten);
// how: WD_SDFLAG_RD | WD_SDFLAG_WR. A non-socket gives WD_ENOTSOCK.
wd_errno_t wd_os_shutdown(wd_os_fd_t fd, uint8_t how);

#endif
