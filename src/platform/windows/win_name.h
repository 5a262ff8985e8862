// SPDX-License-Identifier: Apache-2.0
// The check every name passes before the Windows platform layer gives it to
// the OS. Pure (no Windows headers), so that its unit test runs on every
// host (tests/unit/test_win_name.c).
#ifndef WD_PLATFORM_WIN_NAME_H
#define WD_PLATFORM_WIN_NAME_H

#include "wasi/wasi_types.h"

// Whether `name` (UTF-8, NUL-terminated) may be opened, created or looked
// up relative to a directory handle on Windows: WD_ESUCCESS, or why not.
//
//   WD_ENOENT       empty name (as openat(dir, "") on POSIX)
//   WD_EILSEQ       not valid UTF-8 (no UTF-16 form)
//   WD_ENOTCAPABLE  names that could reach outside the directory: "..",
//                   a slash or backslash (separators, hence also UNC, the
//                   "\\?\" and "\\.\" prefixes, absolute paths), ':' (drive letters such
//                   as "C:" and "C:foo", alternate data streams
//                   "file:stream"), DOS device names (CON, PRN, AUX, NUL,
//                   COM0-9, LPT0-9, COM and LPT with a superscript 1-3,
//                   CONIN$, CONOUT$; any case, with any extension or
//                   trailing spaces: "nul.txt", "Con  ", "com1.tar.gz")
//   WD_EINVAL       names Windows cannot hold or would alias: a final '.'
//                   or ' ' (Win32 strips them: "secret." names "secret"),
//                   the characters < > " | ? * and control characters
//
// "." (the directory itself) is accepted.
wd_errno_t wd_win_name_check(const char *name);

#endif
