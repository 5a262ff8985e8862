// SPDX-License-Identifier: Apache-2.0
// Windows error codes -> WASI errno: the one place the Windows platform
// translates them (used by every win_*.c file).
#ifndef WD_WIN_ERRNO_H
#define WD_WIN_ERRNO_H

#include <stdint.h>

#include "wasi/wasi_types.h"

// The WASI errno for a Win32 error code (GetLastError, WSAGetLastError). 0
// gives WD_ESUCCESS; a code with no WASI counterpart gives WD_EIO.
wd_errno_t wd_win_error(uint32_t err);
// As wd_win_error, for the NTSTATUS of an Nt* call (0 and other success
// codes give WD_ESUCCESS).
wd_errno_t wd_win_status(int32_t status);
// wd_win_error(GetLastError()).
wd_errno_t wd_win_last_error(void);

#endif
