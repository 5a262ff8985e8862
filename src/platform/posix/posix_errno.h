// SPDX-License-Identifier: Apache-2.0
// Host errno -> WASI errno: the one place the POSIX platform translates
// error numbers (used by every posix_*.c file).
#ifndef WD_POSIX_ERRNO_H
#define WD_POSIX_ERRNO_H

#include "wasi/wasi_types.h"

// The WASI errno for host errno value `host`. 0 gives WD_ESUCCESS; a value
// with no WASI counterpart gives WD_EIO.
wd_errno_t wd_os_errno(int host);

// As wd_os_errno, for the failure of an open with O_NOFOLLOW: the values
// some systems use for "the name is a symlink" (FreeBSD EMLINK, NetBSD
// EFTYPE) become WD_ELOOP, as Linux and macOS report it. Kept apart from
// wd_os_errno because EMLINK elsewhere (linkat) really means "too many links".
wd_errno_t wd_os_errno_open_nofollow(int host);

#endif
