// SPDX-License-Identifier: Apache-2.0
// WASI functions of the process: arguments, environment, clocks,
// randomness, exit, signals and yielding.
#include "wasi/wasi_abi.h"

// Writes a string table (argv or environ): `count` pointers at ptrs, the
// NUL-terminated strings packed at buf.
static wd_errno_t put_strings(wasi_call_t *c, char **strs, size_t count, size_t bytes,
                              uint32_t ptrs, uint32_t buf) {
  if (!gm_ok(c, ptrs, (uint64_t)count * 4) || !gm_ok(c, buf, bytes))
    return WD_EFAULT;
  uint32_t at = buf;
  for (size_t i = 0; i < count; i++) {
    size_t n = strlen(strs[i]) + 1;
    put_u32(gm(c, ptrs + (uint32_t)(4 * i)), at);
    memcpy(gm(c, at), strs[i], n);
    at += (uint32_t)n;
  }
  return WD_ESUCCESS;
}

static wd_errno_t put_sizes(wasi_call_t *c, size_t count, size_t bytes, uint32_t pcount,
                            uint32_t pbytes) {
  if (!gm_ok(c, pcount, 4) || !gm_ok(c, pbytes, 4))
    return WD_EFAULT;
  put_u32(gm(c, pcount), (uint32_t)count);
  put_u32(gm(c, pbytes), (uint32_t)bytes);
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_args_get(wasi_call_t *c, const ward_val_t *a) {
  return put_strings(c, c->w->argv, c->w->argc, c->w->argv_bytes, arg32(a, 0), arg32(a, 1));
}

wd_errno_t wd_wasi_args_sizes_get(wasi_call_t *c, const ward_val_t *a) {
  return put_sizes(c, c->w->argc, c->w->argv_bytes, arg32(a, 0), arg32(a, 1));
}

wd_errno_t wd_wasi_environ_get(wasi_call_t *c, const ward_val_t *a) {
  return put_strings(c, c->w->env, c->w->envc, c->w->env_bytes, arg32(a, 0), arg32(a, 1));
}

wd_errno_t wd_wasi_environ_sizes_get(wasi_call_t *c, const ward_val_t *a) {
  return put_sizes(c, c->w->envc, c->w->env_bytes, arg32(a, 0), arg32(a, 1));
}

wd_errno_t wd_wasi_clock_res_get(wasi_call_t *c, const ward_val_t *a) {
  uint64_t ns;
  wd_errno_t e = wd_os_clock_res(arg32(a, 0), &ns);
  return e ? e : out_u64(c, arg32(a, 1), ns);
}

wd_errno_t wd_wasi_clock_time_get(wasi_call_t *c, const ward_val_t *a) {
  uint64_t ns; // the precision argument (a[1]) is a hint we need not use
  wd_errno_t e = wd_os_clock_time(arg32(a, 0), &ns);
  return e ? e : out_u64(c, arg32(a, 2), ns);
}

wd_errno_t wd_wasi_random_get(wasi_call_t *c, const ward_val_t *a) {
  uint32_t buf = arg32(a, 0), len = arg32(a, 1);
  if (!gm_ok(c, buf, len))
    return WD_EFAULT;
  return len ? wd_os_random(gm(c, buf), len) : WD_ESUCCESS;
}

wd_errno_t wd_wasi_proc_exit(wasi_call_t *c, const ward_val_t *a) {
  c->trap = ward_trap_new_exit((int)arg32(a, 0));
  return WD_ESUCCESS;
}

// proc_raise: a signal whose default action ends a process ends the guest
// as if it had been killed by it (exit status 128 + the signal's number);
// those whose default action is to ignore them, or to stop or continue a
// process, change nothing. The numbers are WASI's (witx `signal`).
wd_errno_t wd_wasi_proc_raise(wasi_call_t *c, const ward_val_t *a) {
  uint32_t sig = arg32(a, 0);
  if (sig > 30)
    return WD_EINVAL;
  switch (sig) {
  case 0:  // none
  case 16: // chld
  case 17: // cont
  case 18: // stop
  case 19: // tstp
  case 20: // ttin
  case 21: // ttou
  case 22: // urg
  case 27: // winch
    return WD_ESUCCESS;
  default: c->trap = ward_trap_new_exit(128 + (int)sig); return WD_ESUCCESS;
  }
}

wd_errno_t wd_wasi_sched_yield(wasi_call_t *c, const ward_val_t *a) {
  (void)c;
  (void)a;
  wd_os_yield();
  return WD_ESUCCESS;
}
