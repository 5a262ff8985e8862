// SPDX-License-Identifier: Apache-2.0
// ward's Windows descriptors. A wd_os_fd_t is an index into a process-wide
// table (like a C runtime's file descriptors): each entry holds the HANDLE
// or SOCKET, what kind of object it is, and the flags Windows does not keep
// for a handle (append, non-blocking, the sync flags, lookup-only). Indices
// 0, 1 and 2 are the process's standard handles. Any other value, a closed
// index included, is WD_EBADF: no integer can name a handle ward did not
// put in the table.
#ifndef WD_WIN_FD_H
#define WD_WIN_FD_H

#include <winsock2.h>
#include <windows.h>

#include <stdbool.h>
#include <stdint.h>

#include "platform/platform_fs.h"

typedef enum wd_win_kind {
  WD_WK_FILE,    // a regular file (or a reparse point opened as itself)
  WD_WK_DIR,     // a directory
  WD_WK_SOCKET,  // a Winsock SOCKET
  WD_WK_CONSOLE, // a console input or screen buffer
  WD_WK_PIPE,    // an anonymous or named pipe
  WD_WK_CHAR,    // another character device (NUL, a serial port)
} wd_win_kind_t;

enum {
  WD_WF_READ = 1 << 0,  // opened for reading
  WD_WF_WRITE = 1 << 1, // opened for writing
  WD_WF_PATH = 1 << 2,  // lookup only (WD_OS_O_PATH)
  WD_WF_STD = 1 << 3,   // a standard handle: never closed by ward
};

typedef struct wd_win_fd {
  HANDLE h;         // the handle (a SOCKET cast to HANDLE for sockets)
  uint8_t kind;     // wd_win_kind_t
  uint8_t flags;    // WD_WF_*
  uint16_t fdflags; // WASI fdflags: append, nonblock, dsync, rsync, sync
} wd_win_fd_t;

// A copy of fd's entry: WD_EBADF if there is none.
wd_errno_t wd_win_fd_get(wd_os_fd_t fd, wd_win_fd_t *out);
// Adds an entry (taking ownership of its handle); WD_ENOMEM leaves the
// handle to the caller.
wd_errno_t wd_win_fd_add(const wd_win_fd_t *in, wd_os_fd_t *out);
// Replaces the WASI fdflags of fd's entry.
wd_errno_t wd_win_fd_set_fdflags(wd_os_fd_t fd, uint16_t fdflags);
// Removes fd's entry and gives it back (the caller closes the handle).
wd_errno_t wd_win_fd_take(wd_os_fd_t fd, wd_win_fd_t *out);
// The kind of an open handle that is not a file system object ward
// opened itself (standard handles, handles given by the embedder).
wd_win_kind_t wd_win_kind_of(HANDLE h);
// Puts an existing handle or SOCKET in the table (kind found by
// wd_win_kind_of; for tests and embedders). Takes ownership.
wd_errno_t wd_win_fd_wrap(HANDLE h, uint8_t flags, wd_os_fd_t *out);
// The handle (or SOCKET) behind fd, or INVALID_HANDLE_VALUE.
HANDLE wd_win_fd_handle(wd_os_fd_t fd);

#endif
