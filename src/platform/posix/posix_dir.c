// SPDX-License-Identifier: Apache-2.0
// POSIX directory listing for fd_readdir (platform_fs.h wd_os_dir_*): the
// listing is read whole into a snapshot (../dir_snapshot.h) and cookies are
// entry indices. Why not telldir/seekdir: telldir values are longs that
// need not be monotonic or survive another DIR stream (macOS hands out
// per-stream tokens), while WASI cookies must be stable and resume right
// after the entry that returned them.
#define _GNU_SOURCE 1
#define _DEFAULT_SOURCE 1
#define _DARWIN_C_SOURCE 1
#define _FILE_OFFSET_BITS 64
#define _TIME_BITS 64 // 64-bit time_t on 32-bit glibc hosts (needs the line above)
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "platform/dir_snapshot.h"
#include "platform/platform_fs.h"
#include "platform/posix/posix_errno.h"
#include "platform/posix/posix_fd.h"
#include "util/alloc.h"

struct wd_os_dir {
  int fd; // the caller's directory descriptor (not ours to close)
  wd_dirsnap_t snap;
};

// The entry's type without following a symlink: d_type when the file
// system fills it in, else lstat of the name.
static uint8_t entry_type(int dfd, const struct dirent *de) {
#ifdef DT_UNKNOWN
  switch (de->d_type) {
  case DT_REG: return WD_FILETYPE_REGULAR_FILE;
  case DT_DIR: return WD_FILETYPE_DIRECTORY;
  case DT_LNK: return WD_FILETYPE_SYMBOLIC_LINK;
  case DT_CHR: return WD_FILETYPE_CHARACTER_DEVICE;
  case DT_BLK: return WD_FILETYPE_BLOCK_DEVICE;
#ifdef DT_SOCK // not in wasi-libc
  case DT_SOCK: return WD_FILETYPE_SOCKET_STREAM;
#endif
  case DT_FIFO: return WD_FILETYPE_UNKNOWN;
  default: break;
  }
#endif
  struct stat st;
  if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
    return wd_posix_filetype(st.st_mode);
  return WD_FILETYPE_UNKNOWN;
}

// A descriptor of our own on the directory, with its own offset, so that
// two streams (or the guest's fd) never move each other's position. Falls
// back to a duplicate (sharing the offset, rewound before use) when the
// directory cannot be looked up again: no search permission, removed.
static int own_dir_fd(int fd) {
  int nfd;
  do
    nfd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOCTTY);
  while (nfd < 0 && errno == EINTR);
  if (nfd >= 0)
    return nfd;
#ifdef F_DUPFD_CLOEXEC
  return fcntl(fd, F_DUPFD_CLOEXEC, 0);
#else // WASI: no dup
  return -1;
#endif
}

// Takes a fresh snapshot of the directory into d (replacing the old one).
static wd_errno_t load(wd_os_dir_t *d) {
  wd_dirsnap_clear(&d->snap);
  int nfd = own_dir_fd(d->fd);
  if (nfd < 0)
    return wd_os_errno(errno);
  DIR *dp = fdopendir(nfd);
  if (!dp) {
    wd_errno_t e = wd_os_errno(errno);
    close(nfd);
    return e;
  }
  rewinddir(dp);
  wd_errno_t e = WD_ESUCCESS;
  bool dot = false, dotdot = false;
  for (;;) {
    errno = 0;
    struct dirent *de = readdir(dp);
    if (!de) {
      if (errno != 0)
        e = wd_os_errno(errno);
      break;
    }
    size_t len = strlen(de->d_name);
    if (len == 1 && de->d_name[0] == '.')
      dot = true;
    if (len == 2 && de->d_name[0] == '.' && de->d_name[1] == '.')
      dotdot = true;
    if ((e = wd_dirsnap_add(&d->snap, de->d_name, len, (uint64_t)de->d_ino, entry_type(nfd, de))) !=
        WD_ESUCCESS)
      break;
  }
  // POSIX readdir normally lists "." and ".."; WASI guests rely on them
  // (an empty directory has exactly two entries), so supply any missing.
  struct stat st;
  if (!e && !dot && fstat(nfd, &st) == 0)
    e = wd_dirsnap_add(&d->snap, ".", 1, (uint64_t)st.st_ino, WD_FILETYPE_DIRECTORY);
  if (!e && !dotdot && fstatat(nfd, "..", &st, 0) == 0)
    e = wd_dirsnap_add(&d->snap, "..", 2, (uint64_t)st.st_ino, WD_FILETYPE_DIRECTORY);
  closedir(dp); // closes nfd
  if (e) {
    wd_dirsnap_clear(&d->snap);
    return e;
  }
  d->snap.fresh = true;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_dir_open(wd_os_fd_t fd, wd_os_dir_t **out) {
  *out = NULL;
  if (wd_posix_hfd(fd) < 0)
    return WD_EBADF;
  wd_os_dir_t *d = wd_calloc(1, sizeof *d);
  if (!d)
    return WD_ENOMEM;
  d->fd = wd_posix_hfd(fd);
  wd_errno_t e = load(d);
  if (e) {
    wd_os_dir_close(d);
    return e;
  }
  *out = d;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_dir_seek(wd_os_dir_t *d, uint64_t cookie) {
  if (cookie == 0)
    return d->snap.fresh ? WD_ESUCCESS : load(d);
  wd_dirsnap_seek(&d->snap, cookie);
  return WD_ESUCCESS;
}

wd_errno_t wd_os_dir_next(wd_os_dir_t *d, wd_os_dirent_t *out, bool *end) {
  wd_dirsnap_next(&d->snap, out, end);
  return WD_ESUCCESS;
}

void wd_os_dir_close(wd_os_dir_t *d) {
  if (!d)
    return;
  wd_dirsnap_free(&d->snap);
  wd_free(d);
}
