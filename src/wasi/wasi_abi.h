// SPDX-License-Identifier: Apache-2.0
// WASI's guest-ABI layer: one call's view of guest memory, with every
// (pointer, length) bounds-checked in 64-bit arithmetic before any access.
#ifndef WD_WASI_ABI_H
#define WD_WASI_ABI_H

#include <string.h>

#include "wasi/wasi_ctx.h"

typedef struct wasi_call {
  ward_wasi_t *w;
  uint8_t *mem;      // the guest's memory, or NULL
  uint64_t memsize;  // 0 without a memory: every pointer is then out of range
  bool unstable;     // called through wasi_unstable (older layouts)
  ward_trap_t *trap; // set to end the call with a trap (proc_exit)
} wasi_call_t;

// An implementation: the raw wasm arguments in, an errno out.
typedef wd_errno_t (*wasi_impl_t)(wasi_call_t *c, const ward_val_t *a);

typedef struct wasi_fn {
  const char *name;
  unsigned group;  // ward_wasi_group_t
  const char *sig; // parameter types: 'i' i32, 'I' i64; the result is i32
  wasi_impl_t impl;
  uint8_t where; // WASI_BOTH, WASI_PREVIEW1_ONLY
} wasi_fn_t;

enum { WASI_BOTH = 0, WASI_PREVIEW1_ONLY = 1 };

// The table of every function (wasi_fns.c), terminated by a NULL name.
extern const wasi_fn_t wd_wasi_fns[];

// The argument a[i] as a 32- or 64-bit unsigned value.
static inline uint32_t arg32(const ward_val_t *a, int i) { return (uint32_t)a[i].of.i32; }
static inline uint64_t arg64(const ward_val_t *a, int i) { return (uint64_t)a[i].of.i64; }

// Whether [ptr, ptr + len) lies in guest memory.
static inline bool gm_ok(const wasi_call_t *c, uint32_t ptr, uint64_t len) {
  return (uint64_t)ptr + len <= c->memsize;
}
static inline uint8_t *gm(const wasi_call_t *c, uint32_t ptr) { return c->mem + ptr; }

// Little-endian stores and loads at any alignment (callers check ranges).
static inline void put_u16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
}
static inline void put_u32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++)
    p[i] = (uint8_t)(v >> (8 * i));
}
static inline void put_u64(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++)
    p[i] = (uint8_t)(v >> (8 * i));
}
static inline uint16_t get_u16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t get_u32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t get_u64(const uint8_t *p) {
  return (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
}

// Stores a u32 / u64 result through a guest out-pointer; WD_EFAULT if out
// of range.
static inline wd_errno_t out_u32(wasi_call_t *c, uint32_t ptr, uint32_t v) {
  if (!gm_ok(c, ptr, 4))
    return WD_EFAULT;
  put_u32(gm(c, ptr), v);
  return WD_ESUCCESS;
}
static inline wd_errno_t out_u64(wasi_call_t *c, uint32_t ptr, uint64_t v) {
  if (!gm_ok(c, ptr, 8))
    return WD_EFAULT;
  put_u64(gm(c, ptr), v);
  return WD_ESUCCESS;
}

#define WD_IOV_MAX 1024

// Reads a guest (c)iovec array into host iovecs pointing into guest
// memory, checking the array and each buffer: WD_EFAULT, or WD_EINVAL for
// more than WD_IOV_MAX entries.
wd_errno_t wd_wasi_iovs(wasi_call_t *c, uint32_t iovs, uint32_t n, wd_os_iovec_t *out);

// Guest path: (ptr, len) checked, resolved against directory fd `fd` which
// must have `rights`.
wd_errno_t wd_wasi_path(wasi_call_t *c, uint32_t fd, uint64_t rights, uint32_t ptr, uint32_t len,
                        bool follow, wd_wasi_path_t *out);

// The functions, by area (wasi_proc.c, wasi_fd.c, wasi_fs.c, wasi_poll.c).
#define WASI_IMPL(name) wd_errno_t wd_wasi_##name(wasi_call_t *c, const ward_val_t *a)
WASI_IMPL(args_get);
WASI_IMPL(args_sizes_get);
WASI_IMPL(environ_get);
WASI_IMPL(environ_sizes_get);
WASI_IMPL(clock_res_get);
WASI_IMPL(clock_time_get);
WASI_IMPL(random_get);
WASI_IMPL(proc_exit);
WASI_IMPL(proc_raise);
WASI_IMPL(sched_yield);
WASI_IMPL(fd_advise);
WASI_IMPL(fd_allocate);
WASI_IMPL(fd_close);
WASI_IMPL(fd_datasync);
WASI_IMPL(fd_fdstat_get);
WASI_IMPL(fd_fdstat_set_flags);
WASI_IMPL(fd_fdstat_set_rights);
WASI_IMPL(fd_filestat_get);
WASI_IMPL(fd_filestat_set_size);
WASI_IMPL(fd_filestat_set_times);
WASI_IMPL(fd_pread);
WASI_IMPL(fd_prestat_get);
WASI_IMPL(fd_prestat_dir_name);
WASI_IMPL(fd_pwrite);
WASI_IMPL(fd_read);
WASI_IMPL(fd_readdir);
WASI_IMPL(fd_renumber);
WASI_IMPL(fd_seek);
WASI_IMPL(fd_sync);
WASI_IMPL(fd_tell);
WASI_IMPL(fd_write);
WASI_IMPL(path_create_directory);
WASI_IMPL(path_filestat_get);
WASI_IMPL(path_filestat_set_times);
WASI_IMPL(path_link);
WASI_IMPL(path_open);
WASI_IMPL(path_readlink);
WASI_IMPL(path_remove_directory);
WASI_IMPL(path_rename);
WASI_IMPL(path_symlink);
WASI_IMPL(path_unlink_file);
WASI_IMPL(poll_oneoff);
WASI_IMPL(sock_accept);
WASI_IMPL(sock_recv);
WASI_IMPL(sock_send);
WASI_IMPL(sock_shutdown);

// Checks fst_flags: known bits only, never a time and "now" for the same
// timestamp (WD_EINVAL).
wd_errno_t wd_wasi_check_fst(uint32_t fst);

// Writes a filestat in the caller's layout (64 bytes, or 56 for
// wasi_unstable).
wd_errno_t wd_wasi_put_filestat(wasi_call_t *c, uint32_t ptr, const wd_os_stat_t *st);

#endif
