// SPDX-License-Identifier: Apache-2.0
// Windows calls that read or change names (platform_fs.h): readlinkat,
// mkdirat, unlinkat, renameat, linkat, symlinkat. Each opens its name(s)
// relative to a directory handle (wd_win_open_at) and acts on the handle:
// delete and rename through SetFileInformationByHandle, hard links through
// NtSetInformationFile, the target directory of a rename or link given as a
// handle (RootDirectory) too, so no path string is ever resolved.
#include "platform/windows/win_fs.h"

#include <winioctl.h>

#include <stddef.h>
#include <string.h>

#include "platform/windows/win_errno.h"
#include "platform/windows/win_name.h"
#include "util/alloc.h"

#ifndef IO_REPARSE_TAG_LX_SYMLINK
#define IO_REPARSE_TAG_LX_SYMLINK 0xA000001DL // WSL's symlinks: a UTF-8 target
#endif

// The reparse data layouts of symlinks, junctions and WSL symlinks
// (Microsoft's REPARSE_DATA_BUFFER, which the user-mode headers lack).
typedef struct reparse_data {
  ULONG tag;
  USHORT data_len;
  USHORT reserved;
  union {
    struct {
      USHORT sub_off, sub_len, print_off, print_len;
      ULONG flags;
      WCHAR path[1];
    } sym;
    struct {
      USHORT sub_off, sub_len, print_off, print_len;
      WCHAR path[1];
    } mount;
    struct {
      ULONG version;
      char target[1];
    } lx;
  } u;
} reparse_data_t;

// Classes of Windows 10 1607 and 1709 that older headers leave out.
#define WD_FILE_DISPOSITION_INFO_EX ((FILE_INFO_BY_HANDLE_CLASS)21) // FileDispositionInfoEx
#define WD_FILE_RENAME_INFO_EX ((FILE_INFO_BY_HANDLE_CLASS)22)      // FileRenameInfoEx

#define REPARSE_MAX (16 * 1024) // MAXIMUM_REPARSE_DATA_BUFFER_SIZE

// "\??\C:\x" (an NT path of the object manager) -> "C:\x".
static void strip_nt_prefix(const WCHAR **p, size_t *n) {
  if (*n >= 4 && (*p)[0] == L'\\' && (*p)[1] == L'?' && (*p)[2] == L'?' && (*p)[3] == L'\\') {
    *p += 4;
    *n -= 4;
  }
}

wd_errno_t wd_win_link_target(HANDLE h, char **out, size_t *len) {
  *out = NULL;
  *len = 0;
  reparse_data_t *rd = wd_malloc(REPARSE_MAX);
  if (!rd)
    return WD_ENOMEM;
  DWORD got = 0;
  wd_errno_t e = WD_ESUCCESS;
  if (!DeviceIoControl(h, FSCTL_GET_REPARSE_POINT, NULL, 0, rd, REPARSE_MAX, &got, NULL)) {
    e = wd_win_last_error();
    wd_free(rd);
    return e;
  }
  const WCHAR *w = NULL;
  size_t wn = 0;
  bool relative = false;
  size_t hdr = offsetof(reparse_data_t, u);
  if (rd->tag == (ULONG)IO_REPARSE_TAG_SYMLINK &&
      got >= hdr + offsetof(__typeof__(rd->u.sym), path)) {
    relative = (rd->u.sym.flags & SYMLINK_FLAG_RELATIVE) != 0;
    // The print name is what the link was created with; the substitute
    // name is the NT form. Relative links store the same in both.
    USHORT off = rd->u.sym.print_len ? rd->u.sym.print_off : rd->u.sym.sub_off;
    USHORT n = rd->u.sym.print_len ? rd->u.sym.print_len : rd->u.sym.sub_len;
    w = (const WCHAR *)((const char *)rd->u.sym.path + off);
    wn = n / sizeof(WCHAR);
    if ((const char *)(w + wn) > (const char *)rd + got)
      e = WD_EIO;
  } else if (rd->tag == (ULONG)IO_REPARSE_TAG_MOUNT_POINT &&
             got >= hdr + offsetof(__typeof__(rd->u.mount), path)) {
    USHORT off = rd->u.mount.print_len ? rd->u.mount.print_off : rd->u.mount.sub_off;
    USHORT n = rd->u.mount.print_len ? rd->u.mount.print_len : rd->u.mount.sub_len;
    w = (const WCHAR *)((const char *)rd->u.mount.path + off);
    wn = n / sizeof(WCHAR);
    if ((const char *)(w + wn) > (const char *)rd + got)
      e = WD_EIO;
  } else if (rd->tag == (ULONG)IO_REPARSE_TAG_LX_SYMLINK && rd->data_len >= 4 &&
             got >= hdr + rd->data_len) {
    size_t n = rd->data_len - 4u;
    char *s = wd_malloc(n + 1);
    if (!s) {
      wd_free(rd);
      return WD_ENOMEM;
    }
    memcpy(s, rd->u.lx.target, n);
    s[n] = '\0';
    wd_free(rd);
    *out = s;
    *len = n;
    return WD_ESUCCESS;
  } else {
    e = WD_EINVAL; // a reparse point that is not a link
  }
  if (!e) {
    strip_nt_prefix(&w, &wn);
    e = wd_win_to_utf8(w, wn, out, len);
  }
  wd_free(rd);
  if (e)
    return e;
  // A relative target uses '/' as WASI does; an absolute one ("C:\x",
  // "\\server\share") is given as Windows prints it, and the WASI walk
  // refuses to follow it (its components do not pass wd_win_name_check).
  if (relative)
    for (char *p = *out; *p; p++)
      if (*p == '\\')
        *p = '/';
  return WD_ESUCCESS;
}

wd_errno_t wd_os_readlinkat(wd_os_fd_t dir, const char *name, char *buf, size_t size, size_t *len) {
  *len = 0;
  HANDLE dh, h;
  wd_errno_t e = wd_win_dir_of(dir, &dh);
  if (e || (e = wd_win_open_at(dh, name, FILE_READ_ATTRIBUTES, FILE_OPEN, 0, &h, NULL)) != 0)
    return e;
  DWORD attrs, tag;
  bool link;
  char *t = NULL;
  size_t n = 0;
  e = wd_win_attrs(h, &attrs, &tag, &link);
  if (!e)
    e = link ? wd_win_link_target(h, &t, &n) : WD_EINVAL;
  CloseHandle(h);
  if (e)
    return e;
  memcpy(buf, t, n < size ? n : size);
  wd_free(t);
  *len = n;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_mkdirat(wd_os_fd_t dir, const char *name) {
  HANDLE dh, h;
  wd_errno_t e = wd_win_dir_of(dir, &dh);
  if (e || (e = wd_win_open_at(dh, name, FILE_LIST_DIRECTORY, FILE_CREATE, FILE_DIRECTORY_FILE, &h,
                               NULL)) != 0)
    return e;
  CloseHandle(h);
  return WD_ESUCCESS;
}

// Opens `name` in `dir` as itself (never following a link) with DELETE
// access, for unlinking or renaming it; *is_dir: a directory that is not a
// link (a link to a directory is a name like a file's, as on POSIX).
static wd_errno_t open_for_delete(wd_os_fd_t dir, const char *name, HANDLE *h, bool *is_dir) {
  HANDLE dh;
  wd_errno_t e = wd_win_dir_of(dir, &dh);
  if (e ||
      (e = wd_win_open_at(dh, name, DELETE | FILE_READ_ATTRIBUTES, FILE_OPEN, 0, h, NULL)) != 0)
    return e;
  DWORD attrs, tag;
  bool link;
  if ((e = wd_win_attrs(*h, &attrs, &tag, &link)) != 0) {
    CloseHandle(*h);
    *h = INVALID_HANDLE_VALUE;
    return e;
  }
  *is_dir = (attrs & FILE_ATTRIBUTE_DIRECTORY) && !link;
  return WD_ESUCCESS;
}

static bool class_unsupported(DWORD err) {
  return err == ERROR_INVALID_PARAMETER || err == ERROR_NOT_SUPPORTED ||
         err == ERROR_INVALID_FUNCTION || err == ERROR_CALL_NOT_IMPLEMENTED;
}

// Deletes the file open as h: POSIX semantics where the file system has
// them (the name goes at once, even while other handles are open), else
// the classic delete-on-close.
static wd_errno_t delete_handle(HANDLE h) {
  FILE_DISPOSITION_INFO_EX dx = {.Flags = FILE_DISPOSITION_FLAG_DELETE |
                                          FILE_DISPOSITION_FLAG_POSIX_SEMANTICS |
                                          FILE_DISPOSITION_FLAG_IGNORE_READONLY_ATTRIBUTE};
  if (SetFileInformationByHandle(h, WD_FILE_DISPOSITION_INFO_EX, &dx, sizeof dx))
    return WD_ESUCCESS;
  DWORD err = GetLastError();
  if (!class_unsupported(err))
    return wd_win_error(err);
  FILE_DISPOSITION_INFO d = {.DeleteFile = TRUE};
  if (SetFileInformationByHandle(h, FileDispositionInfo, &d, sizeof d))
    return WD_ESUCCESS;
  return wd_win_last_error();
}

wd_errno_t wd_os_unlinkat(wd_os_fd_t dir, const char *name, bool is_dir) {
  HANDLE h;
  bool dir_obj;
  wd_errno_t e = open_for_delete(dir, name, &h, &dir_obj);
  if (e)
    return e;
  if (dir_obj != is_dir)
    e = dir_obj ? WD_EISDIR : WD_ENOTDIR;
  else
    e = delete_handle(h);
  CloseHandle(h);
  return e;
}

// A FILE_RENAME_INFO / FILE_LINK_INFORMATION for `name` relative to the
// directory handle `root` (the two have the same layout: a flag word, the
// root, the name's length and the name).
typedef struct name_info {
  union {
    BOOLEAN replace;
    ULONG flags;
  } u;
  HANDLE root;
  ULONG len; // in bytes
  WCHAR name[1];
} name_info_t;

NTSTATUS NTAPI NtSetInformationFile(HANDLE, PIO_STATUS_BLOCK, PVOID, ULONG, FILE_INFORMATION_CLASS);

static NTSTATUS set_info(HANDLE h, void *info, DWORD size, int cls) {
  IO_STATUS_BLOCK io;
  memset(&io, 0, sizeof io);
  return NtSetInformationFile(h, &io, info, size, (FILE_INFORMATION_CLASS)cls);
}

// Whether an NTSTATUS says the information class is not supported.
static bool class_unsupported_status(NTSTATUS st) {
  switch ((uint32_t)st) {
  case 0xC0000003u: // STATUS_INVALID_INFO_CLASS
  case 0xC0000002u: // STATUS_NOT_IMPLEMENTED
  case 0xC00000BBu: // STATUS_NOT_SUPPORTED
  case 0xC000000Du: // STATUS_INVALID_PARAMETER
    return true;
  default: return false;
  }
}

static wd_errno_t make_name_info(HANDLE root, const char *name, name_info_t **out, DWORD *size) {
  *out = NULL;
  wd_errno_t e = wd_win_name_check(name);
  if (e)
    return e;
  if (strcmp(name, ".") == 0)
    return WD_EBUSY; // the directory itself is not a new name in it
  WCHAR *w;
  size_t wn;
  if ((e = wd_win_to_utf16(name, strlen(name), &w, &wn)) != 0)
    return e;
  size_t sz = offsetof(name_info_t, name) + (wn + 1) * sizeof(WCHAR);
  name_info_t *ni = wd_calloc(1, sz);
  if (!ni) {
    wd_free(w);
    return WD_ENOMEM;
  }
  ni->root = root;
  ni->len = (ULONG)(wn * sizeof(WCHAR));
  memcpy(ni->name, w, (wn + 1) * sizeof(WCHAR));
  wd_free(w);
  *out = ni;
  *size = (DWORD)sz;
  return WD_ESUCCESS;
}

// Whether the directory open as h has no entries but "." and "..".
static bool dir_empty(HANDLE h) {
  union {
    FILE_ID_BOTH_DIR_INFO info;
    char raw[4096];
  } buf;
  bool restart = true;
  for (;;) {
    if (!GetFileInformationByHandleEx(
            h, restart ? FileIdBothDirectoryRestartInfo : FileIdBothDirectoryInfo, &buf,
            sizeof buf))
      return GetLastError() == ERROR_NO_MORE_FILES;
    restart = false;
    const char *p = buf.raw;
    for (;;) {
      const FILE_ID_BOTH_DIR_INFO *fi = (const FILE_ID_BOTH_DIR_INFO *)p;
      size_t n = fi->FileNameLength / sizeof(WCHAR);
      bool dots = (n == 1 && fi->FileName[0] == L'.') ||
                  (n == 2 && fi->FileName[0] == L'.' && fi->FileName[1] == L'.');
      if (!dots)
        return false;
      if (!fi->NextEntryOffset)
        break;
      p += fi->NextEntryOffset;
    }
  }
}

wd_errno_t wd_os_renameat(wd_os_fd_t odir, const char *oname, wd_os_fd_t ndir, const char *nname) {
  HANDLE ndh;
  wd_errno_t e = wd_win_dir_of(ndir, &ndh);
  if (e)
    return e;
  HANDLE h;
  bool src_dir;
  if ((e = open_for_delete(odir, oname, &h, &src_dir)) != 0)
    return e;
  name_info_t *ni = NULL;
  DWORD sz = 0;
  if ((e = make_name_info(ndh, nname, &ni, &sz)) != 0) {
    CloseHandle(h);
    return e;
  }
  // POSIX rules for an existing target, which Windows does not follow: a
  // file may replace a file, a directory an empty directory.
  HANDLE t;
  bool dst_dir;
  wd_errno_t te = open_for_delete(ndir, nname, &t, &dst_dir);
  if (te == WD_ESUCCESS) {
    if (src_dir && !dst_dir)
      e = WD_ENOTDIR;
    else if (!src_dir && dst_dir)
      e = WD_EISDIR;
    else if (dst_dir) {
      // Windows never renames onto a directory: remove the empty one first
      // (a window in which the target name is missing).
      HANDLE tl;
      if (wd_win_open_at(t, ".", FILE_LIST_DIRECTORY, FILE_OPEN, FILE_DIRECTORY_FILE, &tl, NULL) ==
          WD_ESUCCESS) {
        e = dir_empty(tl) ? WD_ESUCCESS : WD_ENOTEMPTY;
        CloseHandle(tl);
      }
      if (!e)
        e = delete_handle(t);
    }
    CloseHandle(t);
  }
  if (!e) {
    // NtSetInformationFile itself: kernelbase's FileRenameInfo path may
    // turn a relative name into a path under the current directory (Wine
    // does), where the name must stay relative to the handle in `root`.
    ni->u.flags = 1 | 2; // FILE_RENAME_REPLACE_IF_EXISTS | FILE_RENAME_POSIX_SEMANTICS
    NTSTATUS st = set_info(h, ni, sz, 65); // FileRenameInformationEx
    if (class_unsupported_status(st)) {
      ni->u.flags = 0;
      ni->u.replace = TRUE;
      st = set_info(h, ni, sz, 10); // FileRenameInformation
    }
    e = wd_win_status(st);
  }
  wd_free(ni);
  CloseHandle(h);
  return e;
}

wd_errno_t wd_os_linkat(wd_os_fd_t odir, const char *oname, wd_os_fd_t ndir, const char *nname) {
  HANDLE odh, ndh, h;
  wd_errno_t e = wd_win_dir_of(odir, &odh);
  if (e || (e = wd_win_dir_of(ndir, &ndh)) != 0)
    return e;
  // Opened as itself: a link at oname is linked, never its target.
  if ((e = wd_win_open_at(odh, oname, FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES, FILE_OPEN, 0,
                          &h, NULL)) != 0)
    return e;
  DWORD attrs, tag;
  bool link;
  if ((e = wd_win_attrs(h, &attrs, &tag, &link)) == 0 && (attrs & FILE_ATTRIBUTE_DIRECTORY) &&
      !link)
    e = WD_EPERM; // no hard links to directories
  name_info_t *ni = NULL;
  DWORD sz = 0;
  if (!e)
    e = make_name_info(ndh, nname, &ni, &sz);
  if (!e) {
    ni->u.flags = 0; // ReplaceIfExists FALSE: an existing name is EEXIST
    IO_STATUS_BLOCK io;
    memset(&io, 0, sizeof io);
    NTSTATUS st =
        NtSetInformationFile(h, &io, ni, sz, (FILE_INFORMATION_CLASS)11); // FileLinkInformation
    e = wd_win_status(st);
  }
  wd_free(ni);
  CloseHandle(h);
  return e;
}

// Whether `target`, taken relative to dir, names a directory: Windows
// links are typed. Only a one-component target (or ".", "..") is looked at;
// anything else becomes a file link unless it ends in '/'.
static bool target_is_dir(HANDLE dh, const char *target) {
  size_t n = strlen(target);
  if (n == 0)
    return false;
  if (target[n - 1] == '/' || strcmp(target, ".") == 0 || strcmp(target, "..") == 0)
    return true;
  if (strchr(target, '/'))
    return false;
  HANDLE h;
  if (wd_win_open_at(dh, target, FILE_READ_ATTRIBUTES, FILE_OPEN, 0, &h, NULL) != 0)
    return false;
  DWORD attrs, tag;
  bool link;
  bool dir = wd_win_attrs(h, &attrs, &tag, &link) == 0 && (attrs & FILE_ATTRIBUTE_DIRECTORY);
  CloseHandle(h);
  return dir;
}

wd_errno_t wd_os_symlinkat(const char *target, wd_os_fd_t dir, const char *name) {
  HANDLE dh;
  wd_errno_t e = wd_win_dir_of(dir, &dh);
  if (e)
    return e;
  WCHAR *w;
  size_t wn;
  if ((e = wd_win_to_utf16(target, strlen(target), &w, &wn)) != 0)
    return e;
  for (size_t i = 0; i < wn; i++)
    if (w[i] == L'/')
      w[i] = L'\\';
  size_t bytes = wn * sizeof(WCHAR);
  size_t path_off = offsetof(reparse_data_t, u.sym.path);
  if (path_off + 2 * bytes > REPARSE_MAX) {
    wd_free(w);
    return WD_ENAMETOOLONG;
  }
  reparse_data_t *rd = wd_calloc(1, path_off + 2 * bytes);
  if (!rd) {
    wd_free(w);
    return WD_ENOMEM;
  }
  // CreateSymbolicLinkW takes a path, not a directory handle: the link is
  // made here instead, as a new file relative to the handle that then gets
  // the symlink's reparse data. Every target is stored as relative (the
  // guest's paths are relative to its own directories, and an absolute
  // WASI target "/x" would otherwise be taken as "\x" on the current drive).
  rd->tag = (ULONG)IO_REPARSE_TAG_SYMLINK;
  rd->data_len = (USHORT)(path_off - offsetof(reparse_data_t, u) + 2 * bytes);
  rd->u.sym.sub_off = 0;
  rd->u.sym.sub_len = (USHORT)bytes;
  rd->u.sym.print_off = (USHORT)bytes;
  rd->u.sym.print_len = (USHORT)bytes;
  rd->u.sym.flags = SYMLINK_FLAG_RELATIVE;
  memcpy(rd->u.sym.path, w, bytes);
  memcpy((char *)rd->u.sym.path + bytes, w, bytes);
  wd_free(w);
  bool as_dir = target_is_dir(dh, target);
  HANDLE h;
  e = wd_win_open_at(dh, name, FILE_WRITE_ATTRIBUTES | FILE_WRITE_DATA | DELETE, FILE_CREATE,
                     as_dir ? FILE_DIRECTORY_FILE : FILE_NON_DIRECTORY_FILE, &h, NULL);
  if (!e) {
    DWORD got;
    if (!DeviceIoControl(h, FSCTL_SET_REPARSE_POINT, rd, path_off + 2 * bytes, NULL, 0, &got,
                         NULL)) {
      DWORD err = GetLastError();
      // Without the privilege (or Developer Mode) a symlink is EPERM;
      // a file system without reparse points: ENOTSUP.
      e = err == ERROR_PRIVILEGE_NOT_HELD || err == ERROR_ACCESS_DENIED ? WD_EPERM
          : class_unsupported(err)                                      ? WD_ENOTSUP
                                                                        : wd_win_error(err);
      delete_handle(h); // the placeholder goes
    }
    CloseHandle(h);
  }
  wd_free(rd);
  return e;
}
