// SPDX-License-Identifier: Apache-2.0
// Windows directory listing for fd_readdir (platform_fs.h wd_os_dir_*): as
// on POSIX, the listing is read whole into a snapshot (../dir_snapshot.h)
// and a cookie is an entry index; seeking to 0 takes a new snapshot. Entries come from GetFileInformationByHandleEx with
// FileIdBothDirectoryInfo on a handle of our own (its own position), with
// the file ids as inode numbers.
#include <string.h>

#include "platform/dir_snapshot.h"
#include "platform/windows/win_errno.h"
#include "platform/windows/win_fs.h"
#include "util/alloc.h"

struct wd_os_dir {
  HANDLE dir; // the caller's directory handle (not ours to close)
  wd_dirsnap_t snap;
};

static uint8_t entry_type(const FILE_ID_BOTH_DIR_INFO *fi) {
  // For a reparse point EaSize holds the reparse tag.
  if ((fi->FileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) && IsReparseTagNameSurrogate(fi->EaSize))
    return WD_FILETYPE_SYMBOLIC_LINK;
  if (fi->FileAttributes & FILE_ATTRIBUTE_DIRECTORY)
    return WD_FILETYPE_DIRECTORY;
  if (fi->FileAttributes & FILE_ATTRIBUTE_DEVICE)
    return WD_FILETYPE_CHARACTER_DEVICE;
  return WD_FILETYPE_REGULAR_FILE;
}

static wd_errno_t load(wd_os_dir_t *d) {
  wd_dirsnap_clear(&d->snap);
  HANDLE h;
  wd_errno_t e = wd_win_open_at(d->dir, ".", FILE_LIST_DIRECTORY | FILE_READ_ATTRIBUTES, FILE_OPEN,
                                FILE_DIRECTORY_FILE, &h, NULL);
  if (e)
    return e;
  enum { BUF = 64 * 1024 };
  char *buf = wd_malloc(BUF);
  if (!buf) {
    CloseHandle(h);
    return WD_ENOMEM;
  }
  bool dot = false, dotdot = false, restart = true;
  while (!e) {
    if (!GetFileInformationByHandleEx(
            h, restart ? FileIdBothDirectoryRestartInfo : FileIdBothDirectoryInfo, buf, BUF)) {
      DWORD err = GetLastError();
      if (err != ERROR_NO_MORE_FILES)
        e = wd_win_error(err);
      break;
    }
    restart = false;
    for (size_t off = 0;;) {
      const FILE_ID_BOTH_DIR_INFO *fi = (const FILE_ID_BOTH_DIR_INFO *)(buf + off);
      char *name;
      size_t len;
      if ((e = wd_win_to_utf8(fi->FileName, fi->FileNameLength / sizeof(WCHAR), &name, &len)) != 0)
        break;
      dot |= len == 1 && name[0] == '.';
      dotdot |= len == 2 && name[0] == '.' && name[1] == '.';
      e = wd_dirsnap_add(&d->snap, name, len, (uint64_t)fi->FileId.QuadPart, entry_type(fi));
      wd_free(name);
      if (e || !fi->NextEntryOffset)
        break;
      off += fi->NextEntryOffset;
    }
  }
  wd_free(buf);
  // The root of a volume lists neither "." nor ".."; WASI guests rely on
  // both (an empty directory has exactly two entries).
  if (!e && !dot) {
    wd_os_stat_t st = {0};
    BY_HANDLE_FILE_INFORMATION bi;
    if (GetFileInformationByHandle(h, &bi))
      st.ino = ((uint64_t)bi.nFileIndexHigh << 32) | bi.nFileIndexLow;
    e = wd_dirsnap_add(&d->snap, ".", 1, st.ino, WD_FILETYPE_DIRECTORY);
  }
  if (!e && !dotdot)
    e = wd_dirsnap_add(&d->snap, "..", 2, 0,
                       WD_FILETYPE_DIRECTORY); // no way up from a handle: ino unknown
  CloseHandle(h);
  if (e) {
    wd_dirsnap_clear(&d->snap);
    return e;
  }
  d->snap.fresh = true;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_dir_open(wd_os_fd_t fd, wd_os_dir_t **out) {
  *out = NULL;
  HANDLE dh;
  wd_errno_t e = wd_win_dir_of(fd, &dh);
  if (e)
    return e;
  wd_os_dir_t *d = wd_calloc(1, sizeof *d);
  if (!d)
    return WD_ENOMEM;
  d->dir = dh;
  if ((e = load(d)) != 0) {
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
