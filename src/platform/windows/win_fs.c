// SPDX-License-Identifier: Apache-2.0
// Windows file system calls for WASI (platform_fs.h): descriptors, relative
// opens, status, times, sizes, sync, scatter/gather I/O, seek and fdflags.
// The calls that change names (mkdir, unlink, rename, links) are in
// win_link.c.
//
// Every name is opened relative to a directory handle with NtCreateFile
// (OBJECT_ATTRIBUTES.RootDirectory), after wd_win_name_check: no path string
// is ever built, so nothing can be re-interpreted by Win32's DOS path rules
// (drive letters, devices, "\\?\"), and a reparse point is opened as itself
// (FILE_OPEN_REPARSE_POINT), never followed by the OS.
#include "platform/windows/win_fs.h"

#include <limits.h>
#include <string.h>
#include <wchar.h>

#include "platform/windows/win_errno.h"
#include "platform/windows/win_name.h"
#include "util/alloc.h"

// Every WD_OS_O_* bit this file understands.
#define KNOWN_OPEN_FLAGS ((uint32_t)((WD_OS_O_PATH << 1) - 1))

#define SHARE_ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)

// 1601-01-01 to 1970-01-01 in 100 ns units.
#define EPOCH_DIFF 116444736000000000LL

uint64_t wd_win_filetime_ns(int64_t ft) {
  if (ft <= EPOCH_DIFF)
    return 0;
  uint64_t t = (uint64_t)(ft - EPOCH_DIFF);
  return t > UINT64_MAX / 100 ? UINT64_MAX : t * 100;
}

int64_t wd_win_ns_filetime(uint64_t ns) { return (int64_t)(ns / 100) + EPOCH_DIFF; }

// ---- UTF-8 and UTF-16 --------------------------------------------------------------

wd_errno_t wd_win_to_utf16(const char *s, size_t len, WCHAR **out, size_t *wlen) {
  *out = NULL;
  *wlen = 0;
  if (len > INT_MAX / 2)
    return WD_ENAMETOOLONG;
  int n = len ? MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, (int)len, NULL, 0) : 0;
  if (len && n <= 0)
    return WD_EILSEQ;
  WCHAR *w = wd_malloc(((size_t)n + 1) * sizeof *w);
  if (!w)
    return WD_ENOMEM;
  if (n && MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, (int)len, w, n) != n) {
    wd_free(w);
    return WD_EILSEQ;
  }
  w[n] = 0;
  *out = w;
  *wlen = (size_t)n;
  return WD_ESUCCESS;
}

wd_errno_t wd_win_to_utf8(const WCHAR *w, size_t wlen, char **out, size_t *len) {
  *out = NULL;
  *len = 0;
  if (wlen > INT_MAX / 4)
    return WD_ENAMETOOLONG;
  // Unpaired surrogates (names Windows allows, UTF-8 cannot carry) become
  // U+FFFD: such a name can be listed, not opened again.
  int n = wlen ? WideCharToMultiByte(CP_UTF8, 0, w, (int)wlen, NULL, 0, NULL, NULL) : 0;
  if (wlen && n <= 0)
    return WD_EILSEQ;
  char *s = wd_malloc((size_t)n + 1);
  if (!s)
    return WD_ENOMEM;
  if (n && WideCharToMultiByte(CP_UTF8, 0, w, (int)wlen, s, n, NULL, NULL) != n) {
    wd_free(s);
    return WD_EILSEQ;
  }
  s[n] = '\0';
  *out = s;
  *len = (size_t)n;
  return WD_ESUCCESS;
}

// ---- relative opens ----------------------------------------------------------------

wd_errno_t wd_win_dir_of(wd_os_fd_t dir, HANDLE *out) {
  *out = INVALID_HANDLE_VALUE;
  wd_win_fd_t ent;
  wd_errno_t e = wd_win_fd_get(dir, &ent);
  if (e)
    return e;
  if (ent.kind != WD_WK_DIR)
    return WD_ENOTDIR;
  *out = ent.h;
  return WD_ESUCCESS;
}

// The final path of an open handle (GetFinalPathNameByHandleW, with the
// volume's DOS name), wd_malloc'ed; NULL if there is none.
static WCHAR *final_path(HANDLE h, size_t *len) {
  DWORD cap = 260;
  for (int tries = 0; tries < 4; tries++) {
    WCHAR *w = wd_malloc(((size_t)cap + 1) * sizeof *w);
    if (!w)
      return NULL;
    DWORD n = GetFinalPathNameByHandleW(h, w, cap + 1, FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
    if (n > 0 && n <= cap) {
      *len = n;
      return w;
    }
    wd_free(w);
    if (n == 0)
      return NULL;
    cap = n;
  }
  return NULL;
}

// Whether the object open as h lies directly in the directory open as dir,
// by their final paths. On Windows FILE_OPEN_REPARSE_POINT already keeps
// the OS from following a link; this catches hosts where a link is not a
// reparse point at all: under Wine a Unix symlink looks like an ordinary
// file or directory, and the OS follows it silently. The name's case and
// form may differ (an 8.3 short name gives the long one), so the test is
// "dir's path, a separator, then one component".
static bool directly_in(HANDLE dir, HANDLE h) {
  size_t dn, hn;
  WCHAR *dp = final_path(dir, &dn), *hp = dp ? final_path(h, &hn) : NULL;
  bool ok = false;
  if (dp && hp) {
    while (dn > 0 && dp[dn - 1] == L'\\')
      dn--; // a volume root ends in a separator
    ok = hn > dn + 1 && hp[dn] == L'\\' &&
         CompareStringOrdinal(dp, (int)dn, hp, (int)dn, TRUE) == CSTR_EQUAL &&
         !wmemchr(hp + dn + 1, L'\\', hn - dn - 1);
  }
  wd_free(dp);
  wd_free(hp);
  return ok;
}

wd_errno_t wd_win_open_at(HANDLE dir, const char *name, ACCESS_MASK access, ULONG disposition,
                          ULONG options, HANDLE *out, bool *created) {
  *out = INVALID_HANDLE_VALUE;
  if (created)
    *created = false;
  wd_errno_t e = wd_win_name_check(name);
  if (e)
    return e;
  WCHAR *w = NULL;
  size_t wlen = 0;
  // "." is the directory itself: an empty name relative to its handle.
  if (strcmp(name, ".") != 0 && (e = wd_win_to_utf16(name, strlen(name), &w, &wlen)) != 0)
    return e;
  if (wlen * sizeof(WCHAR) > 0xfffe) {
    wd_free(w);
    return WD_ENAMETOOLONG;
  }
  UNICODE_STRING us;
  us.Buffer = w;
  us.Length = (USHORT)(wlen * sizeof(WCHAR));
  us.MaximumLength = us.Length;
  OBJECT_ATTRIBUTES oa;
  // Case-insensitive as every Win32 open; OBJ_DONT_REPARSE is not set
  // because FILE_OPEN_REPARSE_POINT already stops at the final name and
  // there is no other name to reparse.
  InitializeObjectAttributes(&oa, &us, OBJ_CASE_INSENSITIVE, dir, NULL);
  IO_STATUS_BLOCK io;
  memset(&io, 0, sizeof io);
  HANDLE h = NULL;
  bool self = w == NULL;
  // DELETE with any disposition that may create: a file created where the
  // check below refuses is removed again.
  bool may_create = disposition != FILE_OPEN && disposition != FILE_OVERWRITE;
  NTSTATUS st =
      NtCreateFile(&h, access | SYNCHRONIZE | (may_create ? DELETE : 0), &oa, &io, NULL,
                   FILE_ATTRIBUTE_NORMAL, SHARE_ALL, disposition,
                   options | FILE_SYNCHRONOUS_IO_NONALERT | FILE_OPEN_REPARSE_POINT, NULL, 0);
  wd_free(w);
  if (!NT_SUCCESS(st))
    return wd_win_status(st);
  if (!self && !directly_in(dir, h)) {
    // Resolved somewhere else: refuse, and undo a creation there.
    if (io.Information == FILE_CREATED) {
      FILE_DISPOSITION_INFO d = {.DeleteFile = TRUE};
      SetFileInformationByHandle(h, FileDispositionInfo, &d, sizeof d);
    }
    CloseHandle(h);
    return WD_ENOTCAPABLE;
  }
  if (created)
    *created = io.Information == FILE_CREATED;
  *out = h;
  return WD_ESUCCESS;
}

wd_errno_t wd_win_attrs(HANDLE h, DWORD *attrs, DWORD *tag, bool *link) {
  FILE_ATTRIBUTE_TAG_INFO ti;
  *attrs = 0;
  *tag = 0;
  *link = false;
  if (!GetFileInformationByHandleEx(h, FileAttributeTagInfo, &ti, sizeof ti)) {
    BY_HANDLE_FILE_INFORMATION bi; // file systems without the class
    if (!GetFileInformationByHandle(h, &bi))
      return wd_win_last_error();
    ti.FileAttributes = bi.dwFileAttributes;
    ti.ReparseTag = 0;
  }
  *attrs = ti.FileAttributes;
  if (ti.FileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) {
    *tag = ti.ReparseTag;
    *link = IsReparseTagNameSurrogate(ti.ReparseTag) != 0;
  }
  return WD_ESUCCESS;
}

static wd_errno_t set_size(HANDLE h, uint64_t size) {
  FILE_END_OF_FILE_INFO eof;
  eof.EndOfFile.QuadPart = (LONGLONG)size;
  if (!SetFileInformationByHandle(h, FileEndOfFileInfo, &eof, sizeof eof))
    return wd_win_last_error();
  return WD_ESUCCESS;
}

// ---- descriptors --------------------------------------------------------------------

wd_errno_t wd_os_open_dir(const char *host_path, wd_os_fd_t *out) {
  *out = WD_OS_NO_FD;
  WCHAR *w;
  size_t wlen;
  wd_errno_t e = wd_win_to_utf16(host_path, strlen(host_path), &w, &wlen);
  if (e)
    return e;
  // The preopen path is the user's, trusted as given (links in it are
  // followed as the user's shell would); everything below it is opened
  // relative to this handle.
  HANDLE h =
      CreateFileW(w, FILE_LIST_DIRECTORY | FILE_TRAVERSE | FILE_READ_ATTRIBUTES | SYNCHRONIZE,
                  SHARE_ALL, NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
  wd_free(w);
  if (h == INVALID_HANDLE_VALUE)
    return wd_win_last_error();
  if (wd_win_kind_of(h) != WD_WK_DIR) {
    CloseHandle(h);
    return WD_ENOTDIR;
  }
  wd_win_fd_t ent = {.h = h, .kind = WD_WK_DIR, .flags = WD_WF_READ};
  if ((e = wd_win_fd_add(&ent, out)) != 0)
    CloseHandle(h);
  return e;
}

wd_errno_t wd_os_openat(wd_os_fd_t dir, const char *name, uint32_t flags, wd_os_fd_t *out) {
  *out = WD_OS_NO_FD;
  if (flags & ~KNOWN_OPEN_FLAGS)
    return WD_EINVAL;
  HANDLE dh;
  wd_errno_t e = wd_win_dir_of(dir, &dh);
  if (e)
    return e;
  bool path = (flags & WD_OS_O_PATH) != 0;
  bool rd = !path && ((flags & WD_OS_O_READ) || !(flags & WD_OS_O_WRITE));
  bool wr = !path && (flags & WD_OS_O_WRITE);
  ACCESS_MASK access = FILE_READ_ATTRIBUTES;
  ULONG options = 0;
  if (rd)
    access |= FILE_GENERIC_READ;
  if (wr)
    access |= FILE_GENERIC_WRITE;
  if (flags & WD_OS_O_DIRECTORY) {
    // Listing and lookups below it, also for a lookup-only handle.
    access |= FILE_LIST_DIRECTORY | FILE_TRAVERSE;
    options |= FILE_DIRECTORY_FILE;
  }
  if (wr)
    options |= FILE_NON_DIRECTORY_FILE; // a directory opened for writing: EISDIR
  if (!path && (flags & (WD_OS_O_DSYNC | WD_OS_O_SYNC | WD_OS_O_RSYNC)))
    options |= FILE_WRITE_THROUGH;
  // Truncation is done after the open, once the name is known not to be a
  // link (FILE_OVERWRITE would act on a reparse point itself).
  ULONG disp = FILE_OPEN;
  if (!path && (flags & WD_OS_O_CREAT))
    disp = (flags & WD_OS_O_EXCL) ? FILE_CREATE : FILE_OPEN_IF;
  HANDLE h;
  bool created;
  if ((e = wd_win_open_at(dh, name, access, disp, options, &h, &created)) != 0)
    return e;
  DWORD attrs, tag;
  bool link;
  if ((e = wd_win_attrs(h, &attrs, &tag, &link)) != 0) {
    CloseHandle(h);
    return e;
  }
  if (link) {
    // A link is never followed here: the WASI walk follows links itself,
    // one component at a time; with or without O_NOFOLLOW it is ELOOP.
    CloseHandle(h);
    return WD_ELOOP;
  }
  bool is_dir = (attrs & FILE_ATTRIBUTE_DIRECTORY) != 0;
  if (is_dir && !(flags & WD_OS_O_DIRECTORY)) {
    // A directory opened without FILE_DIRECTORY_FILE lacks list and
    // traverse access: open it again, relative to itself, with them.
    HANDLE h2;
    if (wd_win_open_at(h, ".", FILE_LIST_DIRECTORY | FILE_TRAVERSE | FILE_READ_ATTRIBUTES,
                       FILE_OPEN, FILE_DIRECTORY_FILE, &h2, NULL) == WD_ESUCCESS) {
      CloseHandle(h);
      h = h2;
    }
  }
  if (wr && !is_dir && !created && (flags & WD_OS_O_TRUNC) && (e = set_size(h, 0)) != 0) {
    CloseHandle(h);
    return e;
  }
  wd_win_fd_t ent = {.h = h};
  ent.kind = (uint8_t)(is_dir ? WD_WK_DIR : wd_win_kind_of(h));
  ent.flags = (uint8_t)((rd ? WD_WF_READ : 0) | (wr ? WD_WF_WRITE : 0) | (path ? WD_WF_PATH : 0));
  if (!path) {
    if (flags & WD_OS_O_APPEND)
      ent.fdflags |= WD_FDFLAG_APPEND;
    if (flags & WD_OS_O_NONBLOCK)
      ent.fdflags |= WD_FDFLAG_NONBLOCK;
    if (flags & WD_OS_O_DSYNC)
      ent.fdflags |= WD_FDFLAG_DSYNC;
    if (flags & WD_OS_O_SYNC)
      ent.fdflags |= WD_FDFLAG_SYNC;
    if (flags & WD_OS_O_RSYNC)
      ent.fdflags |= WD_FDFLAG_RSYNC;
  }
  if ((e = wd_win_fd_add(&ent, out)) != 0)
    CloseHandle(h);
  return e;
}

wd_errno_t wd_os_close(wd_os_fd_t fd) {
  wd_win_fd_t ent;
  wd_errno_t e = wd_win_fd_take(fd, &ent);
  if (e)
    return e;
  if (ent.flags & WD_WF_STD)
    return WD_ESUCCESS; // the process's standard handle stays open
  if (ent.kind == WD_WK_SOCKET)
    return closesocket((SOCKET)ent.h) == 0 ? WD_ESUCCESS
                                           : wd_win_error((uint32_t)WSAGetLastError());
  return CloseHandle(ent.h) ? WD_ESUCCESS : wd_win_last_error();
}

wd_os_fd_t wd_os_stdio(int which) {
  return which >= 0 && which <= 2 ? (wd_os_fd_t)which : WD_OS_NO_FD;
}

// ---- status -------------------------------------------------------------------------

// Status of an open file-system handle.
static wd_errno_t stat_handle(HANDLE h, wd_os_stat_t *out) {
  memset(out, 0, sizeof *out);
  BY_HANDLE_FILE_INFORMATION bi;
  if (!GetFileInformationByHandle(h, &bi))
    return wd_win_last_error();
  out->dev = bi.dwVolumeSerialNumber;
  out->ino = ((uint64_t)bi.nFileIndexHigh << 32) | bi.nFileIndexLow;
  out->nlink = bi.nNumberOfLinks;
  out->size = ((uint64_t)bi.nFileSizeHigh << 32) | bi.nFileSizeLow;
  FILE_ID_INFO id; // 64-bit volume serial and 128-bit id (ReFS)
  if (GetFileInformationByHandleEx(h, FileIdInfo, &id, sizeof id)) {
    uint64_t lo, hi;
    memcpy(&lo, id.FileId.Identifier, 8);
    memcpy(&hi, id.FileId.Identifier + 8, 8);
    out->dev = id.VolumeSerialNumber;
    out->ino = lo ^ hi; // NTFS ids have hi == 0: the same number as listings give
  }
  FILE_BASIC_INFO basic;
  if (GetFileInformationByHandleEx(h, FileBasicInfo, &basic, sizeof basic)) {
    out->atim = wd_win_filetime_ns(basic.LastAccessTime.QuadPart);
    out->mtim = wd_win_filetime_ns(basic.LastWriteTime.QuadPart);
    out->ctim = wd_win_filetime_ns(basic.ChangeTime.QuadPart);
  } else {
    ULARGE_INTEGER a = {.LowPart = bi.ftLastAccessTime.dwLowDateTime,
                        .HighPart = bi.ftLastAccessTime.dwHighDateTime};
    ULARGE_INTEGER m = {.LowPart = bi.ftLastWriteTime.dwLowDateTime,
                        .HighPart = bi.ftLastWriteTime.dwHighDateTime};
    out->atim = wd_win_filetime_ns((int64_t)a.QuadPart);
    out->mtim = out->ctim = wd_win_filetime_ns((int64_t)m.QuadPart);
  }
  DWORD attrs, tag;
  bool link;
  wd_errno_t e = wd_win_attrs(h, &attrs, &tag, &link);
  if (e)
    return e;
  if (link) {
    out->filetype = WD_FILETYPE_SYMBOLIC_LINK;
    // A link's size is its target's length, as POSIX lstat gives.
    char *t;
    size_t tlen;
    if (wd_win_link_target(h, &t, &tlen) == WD_ESUCCESS) {
      out->size = tlen;
      wd_free(t);
    }
  } else {
    out->filetype =
        (attrs & FILE_ATTRIBUTE_DIRECTORY) ? WD_FILETYPE_DIRECTORY : WD_FILETYPE_REGULAR_FILE;
  }
  return WD_ESUCCESS;
}

wd_errno_t wd_os_fstat(wd_os_fd_t fd, wd_os_stat_t *out) {
  memset(out, 0, sizeof *out);
  wd_win_fd_t ent;
  wd_errno_t e = wd_win_fd_get(fd, &ent);
  if (e)
    return e;
  switch (ent.kind) {
  case WD_WK_FILE:
  case WD_WK_DIR: return stat_handle(ent.h, out);
  case WD_WK_SOCKET: {
    int type = 0, len = sizeof type;
    getsockopt((SOCKET)ent.h, SOL_SOCKET, SO_TYPE, (char *)&type, &len);
    out->filetype = type == SOCK_DGRAM    ? WD_FILETYPE_SOCKET_DGRAM
                    : type == SOCK_STREAM ? WD_FILETYPE_SOCKET_STREAM
                                          : WD_FILETYPE_UNKNOWN;
    out->nlink = 1;
    return WD_ESUCCESS;
  }
  case WD_WK_CONSOLE:
  case WD_WK_CHAR: out->filetype = WD_FILETYPE_CHARACTER_DEVICE; break;
  default: out->filetype = WD_FILETYPE_UNKNOWN; break; // pipes: FIFOs have no WASI type
  }
  out->nlink = 1;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_fstatat(wd_os_fd_t dir, const char *name, bool follow, wd_os_stat_t *out) {
  memset(out, 0, sizeof *out);
  HANDLE dh, h;
  wd_errno_t e = wd_win_dir_of(dir, &dh);
  if (e || (e = wd_win_open_at(dh, name, FILE_READ_ATTRIBUTES, FILE_OPEN, 0, &h, NULL)) != 0)
    return e;
  e = stat_handle(h, out);
  if (!e && follow && out->filetype == WD_FILETYPE_SYMBOLIC_LINK)
    e = WD_ELOOP; // ward never lets the OS follow a link (see wd_os_openat)
  CloseHandle(h);
  return e;
}

// ---- times ---------------------------------------------------------------------------

static wd_errno_t set_times(HANDLE h, uint64_t atim, uint64_t mtim, uint16_t fl) {
  if (fl & ~(WD_FSTFLAG_ATIM | WD_FSTFLAG_ATIM_NOW | WD_FSTFLAG_MTIM | WD_FSTFLAG_MTIM_NOW))
    return WD_EINVAL;
  if (((fl & WD_FSTFLAG_ATIM) && (fl & WD_FSTFLAG_ATIM_NOW)) ||
      ((fl & WD_FSTFLAG_MTIM) && (fl & WD_FSTFLAG_MTIM_NOW)))
    return WD_EINVAL;
  FILETIME now;
  GetSystemTimePreciseAsFileTime(&now);
  ULARGE_INTEGER n = {.LowPart = now.dwLowDateTime, .HighPart = now.dwHighDateTime};
  // Zero fields are left as they are (SetFileInformationByHandle).
  FILE_BASIC_INFO bi;
  memset(&bi, 0, sizeof bi);
  if (fl & WD_FSTFLAG_ATIM)
    bi.LastAccessTime.QuadPart = wd_win_ns_filetime(atim);
  else if (fl & WD_FSTFLAG_ATIM_NOW)
    bi.LastAccessTime.QuadPart = (LONGLONG)n.QuadPart;
  if (fl & WD_FSTFLAG_MTIM)
    bi.LastWriteTime.QuadPart = wd_win_ns_filetime(mtim);
  else if (fl & WD_FSTFLAG_MTIM_NOW)
    bi.LastWriteTime.QuadPart = (LONGLONG)n.QuadPart;
  if (!SetFileInformationByHandle(h, FileBasicInfo, &bi, sizeof bi))
    return wd_win_last_error();
  return WD_ESUCCESS;
}

wd_errno_t wd_os_utimensat(wd_os_fd_t dir, const char *name, bool follow, uint64_t atim,
                           uint64_t mtim, uint16_t fst_flags) {
  if (!name)
    return wd_os_futimens(dir, atim, mtim, fst_flags);
  HANDLE dh, h;
  wd_errno_t e = wd_win_dir_of(dir, &dh);
  if (e || (e = wd_win_open_at(dh, name, FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES, FILE_OPEN, 0,
                               &h, NULL)) != 0)
    return e;
  DWORD attrs, tag;
  bool link;
  e = wd_win_attrs(h, &attrs, &tag, &link);
  if (!e && follow && link)
    e = WD_ELOOP;
  if (!e)
    e = set_times(h, atim, mtim, fst_flags);
  CloseHandle(h);
  return e;
}

wd_errno_t wd_os_futimens(wd_os_fd_t fd, uint64_t atim, uint64_t mtim, uint16_t fst_flags) {
  wd_win_fd_t ent;
  wd_errno_t e = wd_win_fd_get(fd, &ent);
  if (e)
    return e;
  if (ent.kind != WD_WK_FILE && ent.kind != WD_WK_DIR)
    return WD_EINVAL;
  e = set_times(ent.h, atim, mtim, fst_flags);
  if (e == WD_EACCES) {
    // The handle lacks FILE_WRITE_ATTRIBUTES (opened for reading): POSIX
    // lets the owner set times through any descriptor, so open the same
    // file again, relative to its own handle, with that right.
    HANDLE h2;
    if (wd_win_open_at(ent.h, ".", FILE_WRITE_ATTRIBUTES, FILE_OPEN, 0, &h2, NULL) == 0) {
      e = set_times(h2, atim, mtim, fst_flags);
      CloseHandle(h2);
    }
  }
  return e;
}

// ---- sizes, advice, sync ---------------------------------------------------------------

// The entry of fd if it is a regular file open for writing.
static wd_errno_t writable_file(wd_os_fd_t fd, wd_win_fd_t *ent) {
  wd_errno_t e = wd_win_fd_get(fd, ent);
  if (e)
    return e;
  if (ent->kind == WD_WK_PIPE || ent->kind == WD_WK_SOCKET)
    return WD_ESPIPE;
  if (ent->kind == WD_WK_DIR)
    return WD_EISDIR;
  if (ent->kind != WD_WK_FILE)
    return WD_EINVAL;
  if (!(ent->flags & WD_WF_WRITE))
    return WD_EBADF;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_ftruncate(wd_os_fd_t fd, uint64_t size) {
  if (size > (uint64_t)INT64_MAX)
    return WD_EFBIG;
  wd_win_fd_t ent;
  wd_errno_t e = writable_file(fd, &ent);
  return e ? (e == WD_ESPIPE ? WD_EINVAL : e) : set_size(ent.h, size);
}

wd_errno_t wd_os_fallocate(wd_os_fd_t fd, uint64_t offset, uint64_t len) {
  if (offset > (uint64_t)INT64_MAX || len > (uint64_t)INT64_MAX - offset)
    return WD_EFBIG;
  if (len == 0)
    return WD_EINVAL;
  wd_win_fd_t ent;
  wd_errno_t e = writable_file(fd, &ent);
  if (e)
    return e == WD_EINVAL ? WD_ENODEV : e;
  LARGE_INTEGER cur;
  if (!GetFileSizeEx(ent.h, &cur))
    return wd_win_last_error();
  if ((uint64_t)cur.QuadPart >= offset + len)
    return WD_ESUCCESS;
  // Extending sets the size fd_allocate promises; NTFS zero-fills lazily.
  return set_size(ent.h, offset + len);
}

wd_errno_t wd_os_fadvise(wd_os_fd_t fd, uint64_t offset, uint64_t len, uint8_t advice) {
  if (offset > (uint64_t)INT64_MAX || len > (uint64_t)INT64_MAX)
    return WD_EINVAL;
  if (advice > WD_ADVICE_NOREUSE)
    return WD_EINVAL;
  wd_win_fd_t ent;
  wd_errno_t e = wd_win_fd_get(fd, &ent);
  if (e)
    return e;
  if (ent.kind == WD_WK_PIPE || ent.kind == WD_WK_SOCKET)
    return WD_ESPIPE;
  return WD_ESUCCESS; // advice is only advice: Windows has no per-range hints
}

static wd_errno_t flush(wd_os_fd_t fd) {
  wd_win_fd_t ent;
  wd_errno_t e = wd_win_fd_get(fd, &ent);
  if (e)
    return e;
  if (ent.kind != WD_WK_FILE && ent.kind != WD_WK_DIR)
    return WD_EINVAL; // as fsync on a terminal or pipe
  // FlushFileBuffers needs write access; a read-only descriptor (or a
  // directory) has nothing of ours to flush.
  if (ent.kind == WD_WK_DIR || !(ent.flags & WD_WF_WRITE))
    return WD_ESUCCESS;
  return FlushFileBuffers(ent.h) ? WD_ESUCCESS : wd_win_last_error();
}

wd_errno_t wd_os_fsync(wd_os_fd_t fd) { return flush(fd); }
wd_errno_t wd_os_fdatasync(wd_os_fd_t fd) { return flush(fd); }

// ---- I/O --------------------------------------------------------------------------------

// One ReadFile/WriteFile size: DWORD counts, kept well below 4 GiB.
#define IO_CHUNK ((DWORD)1 << 30)

// A console write: UTF-8 -> UTF-16 and WriteConsoleW, so that text shows
// as written whatever the console's code page. All bytes count as written
// (an invalid or split sequence shows as U+FFFD).
static wd_errno_t console_write(HANDLE h, const char *p, size_t len) {
  while (len > 0) {
    int n = len > 8192 ? 8192 : (int)len;
    // Do not split a UTF-8 sequence between two chunks.
    while (n < (int)len && n > 0 && ((unsigned char)p[n] & 0xc0) == 0x80)
      n--;
    if (n == 0)
      n = len > 8192 ? 8192 : (int)len;
    WCHAR w[8192];
    int wn = MultiByteToWideChar(CP_UTF8, 0, p, n, w, 8192);
    DWORD done = 0;
    if (wn > 0 && !WriteConsoleW(h, w, (DWORD)wn, &done, NULL))
      return wd_win_last_error();
    p += n;
    len -= (size_t)n;
  }
  return WD_ESUCCESS;
}

// Reads or writes iov in order with ReadFile/WriteFile; at `off` when off
// is non-NULL (off->QuadPart -1: at the end of the file, atomically), else
// at the file position. Stops at the first short transfer; an error after
// some bytes is reported as the short count.
static wd_errno_t handle_io(HANDLE h, const wd_os_iovec_t *iov, size_t n, bool out,
                            const LARGE_INTEGER *off, size_t *done) {
  *done = 0;
  uint64_t pos = off ? (uint64_t)off->QuadPart : 0;
  for (size_t i = 0; i < n; i++) {
    char *p = iov[i].buf;
    size_t left = iov[i].len;
    while (left > 0) {
      DWORD want = left > IO_CHUNK ? IO_CHUNK : (DWORD)left, got = 0;
      OVERLAPPED ov;
      memset(&ov, 0, sizeof ov);
      if (off) {
        ov.Offset = (DWORD)pos;
        ov.OffsetHigh = (DWORD)(pos >> 32);
      }
      BOOL ok = out ? WriteFile(h, p, want, &got, off ? &ov : NULL)
                    : ReadFile(h, p, want, &got, off ? &ov : NULL);
      if (!ok) {
        DWORD err = GetLastError();
        if (!out && (err == ERROR_HANDLE_EOF || err == ERROR_BROKEN_PIPE))
          return WD_ESUCCESS; // end of file; a pipe whose writer is gone
        return *done > 0 ? WD_ESUCCESS : wd_win_error(err);
      }
      *done += got;
      if (off && pos != UINT64_MAX)
        pos += got;
      if (got < want)
        return WD_ESUCCESS;
      p += got;
      left -= got;
    }
  }
  return WD_ESUCCESS;
}

// The entry of fd for reading or writing: sockets go to wd_os_recv/send.
static wd_errno_t io_entry(wd_os_fd_t fd, bool out, wd_win_fd_t *ent) {
  wd_errno_t e = wd_win_fd_get(fd, ent);
  if (e)
    return e;
  if (ent->kind == WD_WK_DIR)
    return WD_EISDIR;
  if (ent->flags & WD_WF_PATH)
    return WD_EBADF;
  if (out ? !(ent->flags & WD_WF_WRITE) : !(ent->flags & WD_WF_READ))
    return WD_EBADF;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_readv(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, size_t *nread) {
  *nread = 0;
  wd_win_fd_t ent;
  wd_errno_t e = io_entry(fd, false, &ent);
  if (e)
    return e;
  if (ent.kind == WD_WK_SOCKET) {
    uint16_t ro;
    return wd_os_recv(fd, iov, n, 0, nread, &ro);
  }
  if (ent.kind == WD_WK_PIPE && (ent.fdflags & WD_FDFLAG_NONBLOCK)) {
    // Anonymous pipes have no non-blocking mode: look before reading.
    DWORD avail = 0;
    if (!PeekNamedPipe(ent.h, NULL, 0, NULL, &avail, NULL)) {
      DWORD err = GetLastError();
      return err == ERROR_BROKEN_PIPE ? WD_ESUCCESS : wd_win_error(err);
    }
    if (avail == 0)
      return WD_EAGAIN;
  }
  return handle_io(ent.h, iov, n, false, NULL, nread);
}

wd_errno_t wd_os_writev(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, size_t *nwritten) {
  *nwritten = 0;
  wd_win_fd_t ent;
  wd_errno_t e = io_entry(fd, true, &ent);
  if (e)
    return e;
  if (ent.kind == WD_WK_SOCKET)
    return wd_os_send(fd, iov, n, nwritten);
  if (ent.kind == WD_WK_CONSOLE) {
    for (size_t i = 0; i < n; i++) {
      if ((e = console_write(ent.h, iov[i].buf, iov[i].len)) != 0)
        return *nwritten > 0 ? WD_ESUCCESS : e;
      *nwritten += iov[i].len;
    }
    return WD_ESUCCESS;
  }
  if (ent.kind == WD_WK_FILE && (ent.fdflags & WD_FDFLAG_APPEND)) {
    // Append mode is ward's own flag (so that pwrite can still write at an
    // offset): each buffer is written at the end of the file, which
    // WriteFile does atomically for the offset 0xFFFFFFFF:FFFFFFFF, and
    // which leaves the file position after the data, as O_APPEND does.
    LARGE_INTEGER end;
    end.QuadPart = -1;
    size_t done = 0;
    for (size_t i = 0; i < n; i++) {
      size_t d;
      e = handle_io(ent.h, &iov[i], 1, true, &end, &d);
      if (e == WD_EINVAL) {
        // A file system without atomic appends: seek to the end and write.
        LARGE_INTEGER zero = {0};
        if (!SetFilePointerEx(ent.h, zero, NULL, FILE_END))
          e = wd_win_last_error();
        else
          e = handle_io(ent.h, &iov[i], 1, true, NULL, &d);
      }
      if (e)
        return done > 0 ? (*nwritten = done, WD_ESUCCESS) : e;
      done += d;
      if (d < iov[i].len)
        break;
    }
    *nwritten = done;
    return WD_ESUCCESS;
  }
  return handle_io(ent.h, iov, n, true, NULL, nwritten);
}

// preadv/pwritev: a transfer at an offset. On a handle opened for
// synchronous I/O, ReadFile/WriteFile with an offset also move the file
// position; POSIX says they do not, so the position is put back (not
// atomic against another thread using the same descriptor).
static wd_errno_t positioned_io(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, uint64_t offset,
                                bool out, size_t *done) {
  *done = 0;
  if (offset > (uint64_t)INT64_MAX)
    return WD_EINVAL;
  wd_win_fd_t ent;
  wd_errno_t e = io_entry(fd, out, &ent);
  if (e)
    return e;
  if (ent.kind != WD_WK_FILE)
    return WD_ESPIPE;
  LARGE_INTEGER zero = {0}, saved;
  if (!SetFilePointerEx(ent.h, zero, &saved, FILE_CURRENT))
    return wd_win_last_error();
  LARGE_INTEGER off;
  off.QuadPart = (LONGLONG)offset;
  e = handle_io(ent.h, iov, n, out, &off, done);
  SetFilePointerEx(ent.h, saved, NULL, FILE_BEGIN);
  return e;
}

wd_errno_t wd_os_preadv(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, uint64_t offset,
                        size_t *nread) {
  return positioned_io(fd, iov, n, offset, false, nread);
}

wd_errno_t wd_os_pwritev(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, uint64_t offset,
                         size_t *nwritten) {
  return positioned_io(fd, iov, n, offset, true, nwritten);
}

wd_errno_t wd_os_seek(wd_os_fd_t fd, int64_t offset, uint8_t whence, uint64_t *newoffset) {
  DWORD w;
  switch (whence) {
  case WD_WHENCE_SET: w = FILE_BEGIN; break;
  case WD_WHENCE_CUR: w = FILE_CURRENT; break;
  case WD_WHENCE_END: w = FILE_END; break;
  default: return WD_EINVAL;
  }
  wd_win_fd_t ent;
  wd_errno_t e = wd_win_fd_get(fd, &ent);
  if (e)
    return e;
  if (ent.kind != WD_WK_FILE && ent.kind != WD_WK_DIR)
    return WD_ESPIPE;
  LARGE_INTEGER d, r;
  d.QuadPart = offset;
  if (!SetFilePointerEx(ent.h, d, &r, w))
    return wd_win_last_error();
  *newoffset = (uint64_t)r.QuadPart;
  return WD_ESUCCESS;
}

// ---- descriptor flags ----------------------------------------------------------------

wd_errno_t wd_os_get_fdflags(wd_os_fd_t fd, uint16_t *fdflags) {
  *fdflags = 0;
  wd_win_fd_t ent;
  wd_errno_t e = wd_win_fd_get(fd, &ent);
  if (!e)
    *fdflags = ent.fdflags;
  return e;
}

wd_errno_t wd_os_set_fdflags(wd_os_fd_t fd, uint16_t fdflags) {
  if (fdflags & ~(WD_FDFLAG_APPEND | WD_FDFLAG_NONBLOCK))
    return WD_ENOTSUP;
  wd_win_fd_t ent;
  wd_errno_t e = wd_win_fd_get(fd, &ent);
  if (e)
    return e;
  if (ent.kind == WD_WK_SOCKET) {
    u_long nb = (fdflags & WD_FDFLAG_NONBLOCK) != 0;
    if (ioctlsocket((SOCKET)ent.h, FIONBIO, &nb) != 0)
      return wd_win_error((uint32_t)WSAGetLastError());
  }
  uint16_t keep = ent.fdflags & ~(WD_FDFLAG_APPEND | WD_FDFLAG_NONBLOCK);
  return wd_win_fd_set_fdflags(fd, keep | fdflags);
}

bool wd_os_isatty(wd_os_fd_t fd) {
  wd_win_fd_t ent;
  return wd_win_fd_get(fd, &ent) == WD_ESUCCESS && ent.kind == WD_WK_CONSOLE;
}
