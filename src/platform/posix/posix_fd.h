// SPDX-License-Identifier: Apache-2.0
// Small helpers shared by the POSIX platform files: descriptor conversion
// and WASI file types of stat modes.
#ifndef WD_PLATFORM_POSIX_FD_H
#define WD_PLATFORM_POSIX_FD_H

#include <limits.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include "platform/platform_fs.h"

// The host descriptor behind fd. Anything out of range becomes -1 (EBADF),
// never a negative value such as AT_FDCWD, which would turn a relative *at
// call into a lookup in the process's working directory.
static inline int wd_posix_hfd(wd_os_fd_t fd) { return fd >= 0 && fd <= INT_MAX ? (int)fd : -1; }

// The WASI file type of a stat mode. Sockets are refined by SO_TYPE where
// there is a descriptor; FIFOs have no WASI file type.
static inline uint8_t wd_posix_filetype(mode_t m) {
  if (S_ISREG(m))
    return WD_FILETYPE_REGULAR_FILE;
  if (S_ISDIR(m))
    return WD_FILETYPE_DIRECTORY;
  if (S_ISLNK(m))
    return WD_FILETYPE_SYMBOLIC_LINK;
  if (S_ISCHR(m))
    return WD_FILETYPE_CHARACTER_DEVICE;
  if (S_ISBLK(m))
    return WD_FILETYPE_BLOCK_DEVICE;
  if (S_ISSOCK(m))
    return WD_FILETYPE_SOCKET_STREAM;
  return WD_FILETYPE_UNKNOWN;
}

// Nanoseconds since the epoch; times before it clamp to 0, times past
// 2554 saturate.
static inline uint64_t wd_posix_ns(const struct timespec *ts) {
  if (ts->tv_sec < 0)
    return 0;
  uint64_t sec = (uint64_t)ts->tv_sec;
  if (sec > (UINT64_MAX - 999999999u) / 1000000000u)
    return UINT64_MAX;
  return sec * 1000000000u + (uint64_t)ts->tv_nsec;
}

#endif
