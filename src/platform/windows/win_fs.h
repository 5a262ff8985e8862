// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the Windows file-system files (win_fs.c, win_link.c,
// win_dir.c): relative opens through NtCreateFile, reparse points, UTF-16.
#ifndef WD_WIN_FS_H
#define WD_WIN_FS_H

#include <winsock2.h>
#include <windows.h>
#include <winternl.h>

#include <stdbool.h>
#include <stdint.h>

#include "platform/windows/win_fd.h"

// The directory handle behind `dir`: WD_EBADF if there is none, WD_ENOTDIR
// if it is not a directory.
wd_errno_t wd_win_dir_of(wd_os_fd_t dir, HANDLE *out);

// Opens `name` (one component, checked by wd_win_name_check; "." is the
// directory itself) relative to the directory handle `dir` with
// NtCreateFile: the OS resolves nothing but that one name in that one
// directory, and a reparse point (symlink, junction) is opened as itself,
// never followed (FILE_OPEN_REPARSE_POINT). `options` are NtCreateFile's
// create options (synchronous I/O is always added); *created says whether
// the file was created.
wd_errno_t wd_win_open_at(HANDLE dir, const char *name, ACCESS_MASK access, ULONG disposition,
                          ULONG options, HANDLE *out, bool *created);

// The attributes of an open handle and, for a reparse point, its tag.
// *link: the reparse point is a link (a name surrogate: symlink, junction,
// WSL symlink), which ward never follows.
wd_errno_t wd_win_attrs(HANDLE h, DWORD *attrs, DWORD *tag, bool *link);

// The target of the link open as h, as UTF-8 with '/' separators for a
// relative target, an absolute one as Windows prints it. *out is
// wd_malloc'ed. WD_EINVAL if h is not a link.
wd_errno_t wd_win_link_target(HANDLE h, char **out, size_t *len);

// UTF-16 -> UTF-8 into a new NUL-terminated wd_malloc'ed string.
wd_errno_t wd_win_to_utf8(const WCHAR *w, size_t wlen, char **out, size_t *len);
// UTF-8 -> UTF-16 (WD_EILSEQ if not valid UTF-8) into a new NUL-terminated
// wd_malloc'ed string; *wlen in WCHARs without the NUL.
wd_errno_t wd_win_to_utf16(const char *s, size_t len, WCHAR **out, size_t *wlen);

// File times: 100 ns units since 1601 <-> ns since 1970 (clamped to 0 and
// saturated, as on POSIX).
uint64_t wd_win_filetime_ns(int64_t ft);
int64_t wd_win_ns_filetime(uint64_t ns);

#endif
