// SPDX-License-Identifier: Apache-2.0
// POSIX directory listing for fd_readdir (platform_fs.h wd_os_dir_*): the
// listing is read whole into a cache and cookies are entry indices.
//
// Why a cache rather than telldir/seekdir: telldir values are longs that
// need not be monotonic or survive another DIR stream (macOS hands out
// per-stream tokens), while WASI cookies must be stable and resume right
// after the entry that returned them. Index n means "after the n-th entry
// of this stream's snapshot"; seeking to 0 takes a fresh snapshot.
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

#include "platform/platform_fs.h"
#include "platform/posix/posix_errno.h"
#include "platform/posix/posix_fd.h"
#include "util/alloc.h"

typedef struct ent {
  uint64_t ino;
  size_t name; // offset of the NUL-terminated name in `names`
  size_t len;
  uint8_t type;
} ent_t;

struct wd_os_dir {
  int fd; // the caller's directory descriptor (not ours to close)
  ent_t *ents;
  size_t n, cap;
  char *names;
  size_t nlen, ncap;
  size_t pos; // index of the next entry to return
  bool fresh; // a snapshot was just taken and nothing returned from it
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
  case DT_SOCK: return WD_FILETYPE_SOCKET_STREAM;
  case DT_FIFO: return WD_FILETYPE_UNKNOWN;
  default: break;
  }
#endif
  struct stat st;
  if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
    return wd_posix_filetype(st.st_mode);
  return WD_FILETYPE_UNKNOWN;
}

static wd_errno_t add(wd_os_dir_t *d, const char *name, size_t len, uint64_t ino, uint8_t type) {
  void *p = d->ents;
  if (wd_grow(&p, &d->cap, d->n + 1, sizeof(ent_t)) != 0)
    return WD_ENOMEM;
  d->ents = p;
  p = d->names;
  if (len > SIZE_MAX - d->nlen - 1 || wd_grow(&p, &d->ncap, d->nlen + len + 1, 1) != 0)
    return WD_ENOMEM;
  d->names = p;
  memcpy(d->names + d->nlen, name, len);
  d->names[d->nlen + len] = '\0';
  d->ents[d->n++] = (ent_t){.ino = ino, .name = d->nlen, .len = len, .type = type};
  d->nlen += len + 1;
  return WD_ESUCCESS;
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
  return fcntl(fd, F_DUPFD_CLOEXEC, 0);
}

// Takes a fresh snapshot of the directory into d (replacing the old one).
static wd_errno_t load(wd_os_dir_t *d) {
  d->n = 0;
  d->nlen = 0;
  d->pos = 0;
  d->fresh = false;
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
    if ((e = add(d, de->d_name, len, (uint64_t)de->d_ino, entry_type(nfd, de))) != WD_ESUCCESS)
      break;
  }
  // POSIX readdir normally lists "." and ".."; WASI guests rely on them
  // (an empty directory has exactly two entries), so supply any missing.
  struct stat st;
  if (!e && !dot && fstat(nfd, &st) == 0)
    e = add(d, ".", 1, (uint64_t)st.st_ino, WD_FILETYPE_DIRECTORY);
  if (!e && !dotdot && fstatat(nfd, "..", &st, 0) == 0)
    e = add(d, "..", 2, (uint64_t)st.st_ino, WD_FILETYPE_DIRECTORY);
  closedir(dp); // closes nfd
  if (e) {
    d->n = 0;
    d->nlen = 0;
    return e;
  }
  d->fresh = true;
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
    return d->fresh ? WD_ESUCCESS : load(d);
  // A cookie this stream returned is at most n; anything larger is the end.
  d->pos = cookie < (uint64_t)d->n ? (size_t)cookie : d->n;
  d->fresh = false;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_dir_next(wd_os_dir_t *d, wd_os_dirent_t *out, bool *end) {
  memset(out, 0, sizeof *out);
  d->fresh = false;
  if (d->pos >= d->n) {
    *end = true;
    return WD_ESUCCESS;
  }
  const ent_t *en = &d->ents[d->pos++];
  *end = false;
  out->next = (uint64_t)d->pos;
  out->ino = en->ino;
  out->type = en->type;
  out->name = d->names + en->name;
  out->namelen = en->len;
  return WD_ESUCCESS;
}

void wd_os_dir_close(wd_os_dir_t *d) {
  if (!d)
    return;
  wd_free(d->ents);
  wd_free(d->names);
  wd_free(d);
}
