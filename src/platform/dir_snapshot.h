// SPDX-License-Identifier: Apache-2.0
// A directory listing read whole, shared by the POSIX and Windows
// wd_os_dir_* (platform_fs.h). Cookies are entry indices: cookie n resumes
// after the n-th entry of the snapshot, which stays the same until the
// stream is sought to 0 (a new snapshot). Why not the host's positions:
// telldir values and Windows' directory scans give no stable, resumable
// numbers across streams, while WASI cookies must be.
#ifndef WD_PLATFORM_DIR_SNAPSHOT_H
#define WD_PLATFORM_DIR_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "platform/platform_fs.h"

typedef struct wd_dirsnap_ent {
  uint64_t ino;
  size_t name; // offset of the NUL-terminated name in `names`
  size_t len;
  uint8_t type;
} wd_dirsnap_ent_t;

typedef struct wd_dirsnap {
  wd_dirsnap_ent_t *ents;
  size_t n, cap;
  char *names;
  size_t nlen, ncap;
  size_t pos; // index of the next entry to return
  bool fresh; // a snapshot was just taken and nothing returned from it
} wd_dirsnap_t;

// Empties the snapshot (before loading a new one).
void wd_dirsnap_clear(wd_dirsnap_t *s);
// Appends an entry; WD_ENOMEM if it cannot.
wd_errno_t wd_dirsnap_add(wd_dirsnap_t *s, const char *name, size_t len, uint64_t ino,
                          uint8_t type);
// Positions at a cookie other than 0 (0 is the caller's: a new snapshot
// unless one was just taken).
void wd_dirsnap_seek(wd_dirsnap_t *s, uint64_t cookie);
// wd_os_dir_next over the snapshot.
void wd_dirsnap_next(wd_dirsnap_t *s, wd_os_dirent_t *out, bool *end);
void wd_dirsnap_free(wd_dirsnap_t *s);

#endif
