// SPDX-License-Identifier: Apache-2.0
// The descriptor table of the Windows platform layer (win_fd.h).
//
// A table rather than a tag bit in the HANDLE value: the layer must keep
// per-descriptor state that Windows does not (append mode is ward's own, so
// that pwrite can write at an offset on an appending descriptor; the WASI
// fdflags; lookup-only), and an index is checked against the table, so a
// stale or made-up descriptor is WD_EBADF rather than someone else's handle.
#include <string.h>

#include "platform/windows/win_fd.h"
#include "util/alloc.h"

enum { STD_SLOTS = 3 };

static SRWLOCK g_lock = SRWLOCK_INIT;
static wd_win_fd_t *g_ents; // g_ents[i].h == NULL: free
static size_t g_n, g_cap;   // g_n: one past the highest slot ever used
static bool g_std_done;

wd_win_kind_t wd_win_kind_of(HANDLE h) {
  switch (GetFileType(h)) {
  case FILE_TYPE_DISK: {
    BY_HANDLE_FILE_INFORMATION bi;
    if (GetFileInformationByHandle(h, &bi) && (bi.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY))
      return WD_WK_DIR;
    return WD_WK_FILE;
  }
  case FILE_TYPE_CHAR: {
    DWORD mode;
    return GetConsoleMode(h, &mode) ? WD_WK_CONSOLE : WD_WK_CHAR;
  }
  case FILE_TYPE_PIPE: {
    // Sockets are FILE_TYPE_PIPE too: only a socket has SO_TYPE.
    int type = 0, len = sizeof type;
    if (getsockopt((SOCKET)h, SOL_SOCKET, SO_TYPE, (char *)&type, &len) == 0)
      return WD_WK_SOCKET;
    return WD_WK_PIPE;
  }
  default: return WD_WK_CHAR;
  }
}

// Fills slots 0-2 from the standard handles, once (under the lock).
static void std_init_locked(void) {
  if (g_std_done)
    return;
  if (g_cap < STD_SLOTS) {
    void *p = g_ents;
    if (wd_grow(&p, &g_cap, STD_SLOTS, sizeof *g_ents) != 0)
      return;
    g_ents = p;
  }
  static const DWORD which[STD_SLOTS] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};
  for (int i = 0; i < STD_SLOTS; i++) {
    HANDLE h = GetStdHandle(which[i]);
    wd_win_fd_t *e = &g_ents[i];
    memset(e, 0, sizeof *e);
    if (h && h != INVALID_HANDLE_VALUE) {
      e->h = h;
      e->kind = (uint8_t)wd_win_kind_of(h);
      e->flags = WD_WF_STD | (i == 0 ? WD_WF_READ : WD_WF_WRITE);
    }
  }
  if (g_n < STD_SLOTS)
    g_n = STD_SLOTS;
  g_std_done = true;
}

static void std_init(void) {
  AcquireSRWLockShared(&g_lock);
  bool done = g_std_done;
  ReleaseSRWLockShared(&g_lock);
  if (done)
    return;
  AcquireSRWLockExclusive(&g_lock);
  std_init_locked();
  ReleaseSRWLockExclusive(&g_lock);
}

// The live entry of fd, or NULL; under the lock, the standard ones set up.
static wd_win_fd_t *entry_locked(wd_os_fd_t fd) {
  return fd >= 0 && (size_t)fd < g_n && g_ents[fd].h ? &g_ents[fd] : NULL;
}

wd_errno_t wd_win_fd_get(wd_os_fd_t fd, wd_win_fd_t *out) {
  memset(out, 0, sizeof *out);
  out->h = INVALID_HANDLE_VALUE;
  std_init();
  AcquireSRWLockShared(&g_lock);
  const wd_win_fd_t *ent = entry_locked(fd);
  if (ent)
    *out = *ent;
  ReleaseSRWLockShared(&g_lock);
  return ent ? WD_ESUCCESS : WD_EBADF;
}

wd_errno_t wd_win_fd_add(const wd_win_fd_t *in, wd_os_fd_t *out) {
  *out = WD_OS_NO_FD;
  AcquireSRWLockExclusive(&g_lock);
  std_init_locked();
  // The lowest free slot past the standard ones, as POSIX hands out fds.
  size_t i = STD_SLOTS;
  while (i < g_n && g_ents[i].h)
    i++;
  if (i >= g_cap) {
    void *p = g_ents;
    if (i > (size_t)INTPTR_MAX - 1 || wd_grow(&p, &g_cap, i + 1, sizeof *g_ents) != 0) {
      ReleaseSRWLockExclusive(&g_lock);
      return WD_ENOMEM;
    }
    g_ents = p;
  }
  g_ents[i] = *in;
  if (i >= g_n)
    g_n = i + 1;
  ReleaseSRWLockExclusive(&g_lock);
  *out = (wd_os_fd_t)i;
  return WD_ESUCCESS;
}

wd_errno_t wd_win_fd_set_fdflags(wd_os_fd_t fd, uint16_t fdflags) {
  std_init();
  AcquireSRWLockExclusive(&g_lock);
  wd_win_fd_t *ent = entry_locked(fd);
  if (ent)
    ent->fdflags = fdflags;
  ReleaseSRWLockExclusive(&g_lock);
  return ent ? WD_ESUCCESS : WD_EBADF;
}

wd_errno_t wd_win_fd_take(wd_os_fd_t fd, wd_win_fd_t *out) {
  memset(out, 0, sizeof *out);
  out->h = INVALID_HANDLE_VALUE;
  std_init();
  AcquireSRWLockExclusive(&g_lock);
  wd_win_fd_t *ent = entry_locked(fd);
  if (ent) {
    *out = *ent;
    memset(ent, 0, sizeof *ent);
  }
  ReleaseSRWLockExclusive(&g_lock);
  return ent ? WD_ESUCCESS : WD_EBADF;
}

wd_errno_t wd_win_fd_wrap(HANDLE h, uint8_t flags, wd_os_fd_t *out) {
  wd_win_fd_t ent = {.h = h, .kind = (uint8_t)wd_win_kind_of(h), .flags = flags};
  return wd_win_fd_add(&ent, out);
}

HANDLE wd_win_fd_handle(wd_os_fd_t fd) {
  wd_win_fd_t ent;
  return wd_win_fd_get(fd, &ent) == WD_ESUCCESS ? ent.h : INVALID_HANDLE_VALUE;
}
