// SPDX-License-Identifier: Apache-2.0
// WASI configuration and state: what the host grants, the descriptor table
// it starts with, and the functions defined in a linker (by group).
#include <stdio.h>

#include "runtime/rt.h"
#include "util/alloc.h"
#include "wasi/wasi_abi.h"

#define WD_WASI_MAX_FDS 4096

// ---- the function table ------------------------------------------------------------

const wasi_fn_t wd_wasi_fns[] = {
    {"args_get", WARD_WASI_ARGS, "ii", wd_wasi_args_get, WASI_BOTH},
    {"args_sizes_get", WARD_WASI_ARGS, "ii", wd_wasi_args_sizes_get, WASI_BOTH},
    {"environ_get", WARD_WASI_ARGS, "ii", wd_wasi_environ_get, WASI_BOTH},
    {"environ_sizes_get", WARD_WASI_ARGS, "ii", wd_wasi_environ_sizes_get, WASI_BOTH},
    {"clock_res_get", WARD_WASI_CLOCKS, "ii", wd_wasi_clock_res_get, WASI_BOTH},
    {"clock_time_get", WARD_WASI_CLOCKS, "iIi", wd_wasi_clock_time_get, WASI_BOTH},
    {"fd_advise", WARD_WASI_FD, "iIIi", wd_wasi_fd_advise, WASI_BOTH},
    {"fd_allocate", WARD_WASI_FD, "iII", wd_wasi_fd_allocate, WASI_BOTH},
    {"fd_close", WARD_WASI_FD, "i", wd_wasi_fd_close, WASI_BOTH},
    {"fd_datasync", WARD_WASI_FD, "i", wd_wasi_fd_datasync, WASI_BOTH},
    {"fd_fdstat_get", WARD_WASI_FD, "ii", wd_wasi_fd_fdstat_get, WASI_BOTH},
    {"fd_fdstat_set_flags", WARD_WASI_FD, "ii", wd_wasi_fd_fdstat_set_flags, WASI_BOTH},
    {"fd_fdstat_set_rights", WARD_WASI_FD, "iII", wd_wasi_fd_fdstat_set_rights, WASI_BOTH},
    {"fd_filestat_get", WARD_WASI_FD, "ii", wd_wasi_fd_filestat_get, WASI_BOTH},
    {"fd_filestat_set_size", WARD_WASI_FD, "iI", wd_wasi_fd_filestat_set_size, WASI_BOTH},
    {"fd_filestat_set_times", WARD_WASI_FD, "iIIi", wd_wasi_fd_filestat_set_times, WASI_BOTH},
    {"fd_pread", WARD_WASI_FD, "iiiIi", wd_wasi_fd_pread, WASI_BOTH},
    {"fd_prestat_get", WARD_WASI_FD, "ii", wd_wasi_fd_prestat_get, WASI_BOTH},
    {"fd_prestat_dir_name", WARD_WASI_FD, "iii", wd_wasi_fd_prestat_dir_name, WASI_BOTH},
    {"fd_pwrite", WARD_WASI_FD, "iiiIi", wd_wasi_fd_pwrite, WASI_BOTH},
    {"fd_read", WARD_WASI_FD, "iiii", wd_wasi_fd_read, WASI_BOTH},
    {"fd_readdir", WARD_WASI_FD, "iiiIi", wd_wasi_fd_readdir, WASI_BOTH},
    {"fd_renumber", WARD_WASI_FD, "ii", wd_wasi_fd_renumber, WASI_BOTH},
    {"fd_seek", WARD_WASI_FD, "iIii", wd_wasi_fd_seek, WASI_BOTH},
    {"fd_sync", WARD_WASI_FD, "i", wd_wasi_fd_sync, WASI_BOTH},
    {"fd_tell", WARD_WASI_FD, "ii", wd_wasi_fd_tell, WASI_BOTH},
    {"fd_write", WARD_WASI_FD, "iiii", wd_wasi_fd_write, WASI_BOTH},
    {"path_create_directory", WARD_WASI_PATH, "iii", wd_wasi_path_create_directory, WASI_BOTH},
    {"path_filestat_get", WARD_WASI_PATH, "iiiii", wd_wasi_path_filestat_get, WASI_BOTH},
    {"path_filestat_set_times", WARD_WASI_PATH, "iiiiIIi", wd_wasi_path_filestat_set_times,
     WASI_BOTH},
    {"path_link", WARD_WASI_PATH, "iiiiiii", wd_wasi_path_link, WASI_BOTH},
    {"path_open", WARD_WASI_PATH, "iiiiiIIii", wd_wasi_path_open, WASI_BOTH},
    {"path_readlink", WARD_WASI_PATH, "iiiiii", wd_wasi_path_readlink, WASI_BOTH},
    {"path_remove_directory", WARD_WASI_PATH, "iii", wd_wasi_path_remove_directory, WASI_BOTH},
    {"path_rename", WARD_WASI_PATH, "iiiiii", wd_wasi_path_rename, WASI_BOTH},
    {"path_symlink", WARD_WASI_PATH, "iiiii", wd_wasi_path_symlink, WASI_BOTH},
    {"path_unlink_file", WARD_WASI_PATH, "iii", wd_wasi_path_unlink_file, WASI_BOTH},
    {"poll_oneoff", WARD_WASI_POLL, "iiii", wd_wasi_poll_oneoff, WASI_BOTH},
    {"proc_exit", WARD_WASI_PROC, "i", wd_wasi_proc_exit, WASI_BOTH},
    {"proc_raise", WARD_WASI_PROC, "i", wd_wasi_proc_raise, WASI_BOTH},
    {"sched_yield", WARD_WASI_PROC, "", wd_wasi_sched_yield, WASI_BOTH},
    {"random_get", WARD_WASI_RANDOM, "ii", wd_wasi_random_get, WASI_BOTH},
    {"sock_accept", WARD_WASI_SOCK, "iii", wd_wasi_sock_accept, WASI_PREVIEW1_ONLY},
    {"sock_recv", WARD_WASI_SOCK, "iiiiii", wd_wasi_sock_recv, WASI_BOTH},
    {"sock_send", WARD_WASI_SOCK, "iiiii", wd_wasi_sock_send, WASI_BOTH},
    {"sock_shutdown", WARD_WASI_SOCK, "ii", wd_wasi_sock_shutdown, WASI_BOTH},
    {NULL, 0, NULL, NULL, 0},
};

static const char *const k_group_names[] = {"args", "clocks", "random", "fd",
                                            "path", "poll",   "proc",   "sock"};

const char *ward_wasi_group_name(ward_wasi_group_t g) {
  for (unsigned i = 0; i < 8; i++)
    if ((unsigned)g == 1u << i)
      return k_group_names[i];
  return NULL;
}

ward_wasi_group_t ward_wasi_group_from_name(const char *name, size_t len) {
  for (unsigned i = 0; i < 8; i++)
    if (strlen(k_group_names[i]) == len && memcmp(k_group_names[i], name, len) == 0)
      return (ward_wasi_group_t)(1u << i);
  return (ward_wasi_group_t)0;
}

// A few errno names for messages to the host.
static const char *errno_text(wd_errno_t e) {
  switch (e) {
  case WD_ENOENT: return "no such file or directory";
  case WD_ENOTDIR: return "not a directory";
  case WD_EACCES: return "permission denied";
  case WD_EPERM: return "operation not permitted";
  case WD_ELOOP: return "too many levels of symbolic links";
  case WD_EADDRINUSE: return "address in use";
  case WD_EADDRNOTAVAIL: return "address not available";
  case WD_EINVAL: return "invalid argument";
  case WD_EMFILE: return "too many open files";
  case WD_ENOMEM: return "out of memory";
  default: return "error";
  }
}

static ward_error_t *oom(void) { return wd_error_new(WD_ERR_RESOURCE, "out of memory"); }

// ---- configuration -------------------------------------------------------------------

ward_wasi_config_t *ward_wasi_config_new(void) {
  ward_wasi_config_t *cfg = wd_calloc(1, sizeof *cfg);
  if (!cfg)
    return NULL;
  for (int i = 0; i < 3; i++)
    cfg->stdio[i] = i;
  cfg->groups = WARD_WASI_ALL;
  return cfg;
}

static void free_strings(char **s, size_t n) {
  for (size_t i = 0; i < n; i++)
    wd_free(s[i]);
  wd_free(s);
}

void ward_wasi_config_delete(ward_wasi_config_t *cfg) {
  if (!cfg)
    return;
  free_strings(cfg->argv, cfg->argc);
  free_strings(cfg->env, cfg->envc);
  for (size_t i = 0; i < cfg->ndirs; i++) {
    wd_free(cfg->dirs[i].host);
    wd_free(cfg->dirs[i].guest);
  }
  wd_free(cfg->dirs);
  for (size_t i = 0; i < cfg->nsocks; i++)
    if (cfg->socks[i] != WD_OS_NO_FD)
      wd_os_close(cfg->socks[i]);
  wd_free(cfg->socks);
  wd_free(cfg);
}

ward_error_t *ward_wasi_config_set_args(ward_wasi_config_t *cfg, size_t argc,
                                        const char *const *argv) {
  char **v = wd_calloc(argc ? argc : 1, sizeof *v);
  if (!v)
    return oom();
  for (size_t i = 0; i < argc; i++) {
    v[i] = wd_strndup(argv[i], strlen(argv[i]));
    if (!v[i]) {
      free_strings(v, i);
      return oom();
    }
  }
  free_strings(cfg->argv, cfg->argc);
  cfg->argv = v;
  cfg->argc = argc;
  return NULL;
}

ward_error_t *ward_wasi_config_add_env(ward_wasi_config_t *cfg, const char *name,
                                       const char *value) {
  size_t nl = strlen(name), vl = strlen(value);
  if (nl == 0 || memchr(name, '=', nl))
    return wd_error_new(WD_ERR_ARGUMENT, "invalid environment variable name '%s'", name);
  char *kv = wd_malloc(nl + vl + 2);
  if (!kv)
    return oom();
  memcpy(kv, name, nl);
  kv[nl] = '=';
  memcpy(kv + nl + 1, value, vl + 1);
  char **v = wd_realloc(cfg->env, (cfg->envc + 1) * sizeof *v);
  if (!v) {
    wd_free(kv);
    return oom();
  }
  v[cfg->envc++] = kv;
  cfg->env = v;
  return NULL;
}

ward_error_t *ward_wasi_config_preopen_dir(ward_wasi_config_t *cfg, const char *host_path,
                                           const char *guest_path, ward_wasi_dir_perms_t perms) {
  wd_os_fd_t fd;
  wd_errno_t e = wd_os_open_dir(host_path, &fd);
  if (e)
    return wd_error_new(WD_ERR_ARGUMENT, "cannot open directory %s: %s", host_path, errno_text(e));
  wd_os_close(fd);
  wd_wasi_preopen_t *d = wd_realloc(cfg->dirs, (cfg->ndirs + 1) * sizeof *d);
  if (!d)
    return oom();
  cfg->dirs = d;
  d = &cfg->dirs[cfg->ndirs];
  d->host = wd_strndup(host_path, strlen(host_path));
  d->guest = wd_strndup(guest_path, strlen(guest_path));
  d->perms = (unsigned)perms;
  if (!d->host || !d->guest) {
    wd_free(d->host);
    wd_free(d->guest);
    return oom();
  }
  cfg->ndirs++;
  return NULL;
}

ward_error_t *ward_wasi_config_tcplisten(ward_wasi_config_t *cfg, const char *addr) {
  wd_os_fd_t fd;
  wd_errno_t e = wd_os_tcp_listen(addr, &fd);
  if (e)
    return wd_error_new(WD_ERR_ARGUMENT, "cannot listen on %s: %s", addr, errno_text(e));
  wd_os_fd_t *s = wd_realloc(cfg->socks, (cfg->nsocks + 1) * sizeof *s);
  if (!s) {
    wd_os_close(fd);
    return oom();
  }
  s[cfg->nsocks++] = fd;
  cfg->socks = s;
  return NULL;
}

void ward_wasi_config_set_stdio(ward_wasi_config_t *cfg, int in, int out, int err) {
  cfg->stdio[0] = in;
  cfg->stdio[1] = out;
  cfg->stdio[2] = err;
}

void ward_wasi_config_set_groups(ward_wasi_config_t *cfg, unsigned groups, bool stub) {
  cfg->groups = groups & WARD_WASI_ALL;
  cfg->stub = stub;
}

// ---- the state -------------------------------------------------------------------------

static wd_errno_t copy_strings(char **src, size_t n, char ***out, size_t *bytes) {
  *out = wd_calloc(n ? n : 1, sizeof **out);
  if (!*out)
    return WD_ENOMEM;
  *bytes = 0;
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(src[i]);
    (*out)[i] = wd_strndup(src[i], len);
    if (!(*out)[i])
      return WD_ENOMEM;
    *bytes += len + 1;
  }
  return WD_ESUCCESS;
}

typedef struct wasi_binding {
  ward_wasi_t *w;
  const wasi_fn_t *fn;
  bool unstable;
} wasi_binding_t;

static ward_trap_t *trampoline(void *env, ward_caller_t *caller, const ward_val_t *args,
                               size_t nargs, ward_val_t *results, size_t nresults) {
  (void)nargs;
  wasi_binding_t *b = env;
  ward_wasi_t *w = b->w;
  wasi_call_t c = {w, NULL, 0, b->unstable, NULL};
  ward_instance_t *inst = caller ? caller->inst : NULL;
  if (inst != w->mem_inst) { // the guest's memory, looked up once per instance
    ward_extern_t ext;
    w->mem = NULL;
    if (inst && ward_instance_export(inst, "memory", 6, &ext) && ext.kind == WARD_EXTERN_MEMORY)
      w->mem = ext.of.memory;
    w->mem_inst = inst;
  }
  if (w->mem) {
    c.mem = w->mem->data;
    c.memsize = w->mem->size;
  }
  wd_errno_t e = b->fn->impl(&c, args);
  if (c.trap)
    return c.trap;
  if (nresults) {
    results[0].kind = WARD_I32;
    results[0].of.i32 = e;
  }
  return NULL;
}

static ward_trap_t *stub(void *env, ward_caller_t *caller, const ward_val_t *args, size_t nargs,
                         ward_val_t *results, size_t nresults) {
  (void)caller;
  (void)args;
  (void)nargs;
  wasi_binding_t *b = env;
  if (nresults == 0) { // proc_exit cannot report an errno
    char msg[96];
    snprintf(msg, sizeof msg, "WASI function %s is not granted to this module", b->fn->name);
    return ward_trap_new(msg);
  }
  results[0].kind = WARD_I32;
  results[0].of.i32 = WD_ENOSYS;
  return NULL;
}

static ward_error_t *define_all(ward_wasi_t *w, ward_linker_t *linker, ward_store_t *store,
                                wasi_binding_t *bindings) {
  size_t k = 0;
  for (int variant = 0; variant < 2; variant++) {
    const char *module = variant ? "wasi_unstable" : "wasi_snapshot_preview1";
    size_t mlen = strlen(module);
    for (const wasi_fn_t *fn = wd_wasi_fns; fn->name; fn++) {
      if (variant && fn->where == WASI_PREVIEW1_ONLY)
        continue;
      bool granted = (w->groups & fn->group) != 0;
      if (!granted && !w->stub) {
        char why[64];
        snprintf(why, sizeof why, "the WASI group \"%s\" is not granted",
                 ward_wasi_group_name((ward_wasi_group_t)fn->group));
        if (!wd_linker_deny(linker, module, mlen, fn->name, strlen(fn->name), why))
          return oom();
        continue;
      }
      ward_valkind_t params[12];
      size_t np = strlen(fn->sig);
      for (size_t i = 0; i < np; i++)
        params[i] = fn->sig[i] == 'I' ? WARD_I64 : WARD_I32;
      ward_valkind_t result = WARD_I32;
      bool noresult = strcmp(fn->name, "proc_exit") == 0;
      ward_functype_t *ft = ward_functype_new(params, np, &result, noresult ? 0 : 1);
      if (!ft)
        return oom();
      wasi_binding_t *b = &bindings[k++];
      b->w = w;
      b->fn = fn;
      b->unstable = variant == 1;
      ward_extern_t ext;
      ext.kind = WARD_EXTERN_FUNC;
      ext.of.func = ward_func_new(store, ft, granted ? trampoline : stub, b, NULL);
      ward_functype_delete(ft);
      if (!ext.of.func)
        return oom();
      ward_error_t *err =
          ward_linker_define(linker, module, mlen, fn->name, strlen(fn->name), &ext);
      if (err)
        return err;
    }
  }
  return NULL;
}

ward_error_t *ward_wasi_new(ward_linker_t *linker, ward_store_t *store,
                            const ward_wasi_config_t *cfg, ward_wasi_t **out) {
  *out = NULL;
  ward_wasi_t *w = wd_calloc(1, sizeof *w);
  if (!w)
    return oom();
  w->store = store;
  w->max_fds = WD_WASI_MAX_FDS;
  w->groups = cfg->groups;
  w->stub = cfg->stub;
  size_t nfn = 0;
  while (wd_wasi_fns[nfn].name)
    nfn++;
  wasi_binding_t *bindings = wd_calloc(2 * nfn, sizeof *bindings);
  w->bindings = bindings;
  w->nfds = (uint32_t)(3 + cfg->ndirs + cfg->nsocks);
  w->fds = wd_calloc(w->nfds, sizeof *w->fds);
  ward_error_t *err = NULL;
  if (!bindings || !w->fds || copy_strings(cfg->argv, cfg->argc, &w->argv, &w->argv_bytes) ||
      copy_strings(cfg->env, cfg->envc, &w->env, &w->env_bytes)) {
    err = oom();
    goto fail;
  }
  w->argc = cfg->argc;
  w->envc = cfg->envc;
  static const uint64_t stdio_rights[3] = {
      WD_R_FD_READ | WD_R_POLL_FD_READWRITE | WD_R_FD_FILESTAT_GET | WD_R_FD_FDSTAT_SET_FLAGS,
      WD_R_FD_WRITE | WD_R_POLL_FD_READWRITE | WD_R_FD_FILESTAT_GET | WD_R_FD_FDSTAT_SET_FLAGS,
      WD_R_FD_WRITE | WD_R_POLL_FD_READWRITE | WD_R_FD_FILESTAT_GET | WD_R_FD_FDSTAT_SET_FLAGS,
  };
  for (uint32_t i = 0; i < 3; i++) {
    if (cfg->stdio[i] < 0)
      continue;
    wd_os_fd_t os = (wd_os_fd_t)cfg->stdio[i];
    if (wd_wasi_fd_place(w, i, os, false, wd_wasi_os_type(os), stdio_rights[i], 0)) {
      err = oom();
      goto fail;
    }
  }
  uint32_t next = 3;
  for (size_t i = 0; i < cfg->ndirs; i++, next++) {
    const wd_wasi_preopen_t *d = &cfg->dirs[i];
    wd_os_fd_t os;
    wd_errno_t e = wd_os_open_dir(d->host, &os);
    if (e) {
      err = wd_error_new(WD_ERR_ARGUMENT, "cannot open directory %s: %s", d->host, errno_text(e));
      goto fail;
    }
    bool rw = d->perms & WARD_WASI_DIR_WRITE;
    uint64_t base = rw ? WD_DIR_RIGHTS : WD_DIR_RIGHTS_RO;
    uint64_t inh = rw ? WD_DIR_RIGHTS | WD_FILE_RIGHTS : WD_DIR_RIGHTS_RO | WD_FILE_RIGHTS_RO;
    if (wd_wasi_fd_place(w, next, os, true, WD_FILETYPE_DIRECTORY, base, inh)) {
      wd_os_close(os);
      err = oom();
      goto fail;
    }
    size_t glen = strlen(d->guest);
    w->fds[next].preopen = wd_strndup(d->guest, glen);
    w->fds[next].preopen_len = glen;
    if (!w->fds[next].preopen) {
      err = oom();
      goto fail;
    }
  }
  ward_wasi_config_t *mcfg = (ward_wasi_config_t *)(uintptr_t)cfg; // sockets move to us
  for (size_t i = 0; i < cfg->nsocks; i++) {
    if (mcfg->socks[i] == WD_OS_NO_FD)
      continue;
    if (wd_wasi_fd_place(w, next++, mcfg->socks[i], true, WD_FILETYPE_SOCKET_STREAM,
                         WD_LISTEN_RIGHTS, 0)) {
      err = oom();
      goto fail;
    }
    mcfg->socks[i] = WD_OS_NO_FD;
  }
  if ((err = define_all(w, linker, store, bindings)) != NULL)
    goto fail;
  *out = w;
  return NULL;
fail:
  ward_wasi_delete(w);
  return err;
}

void ward_wasi_delete(ward_wasi_t *w) {
  if (!w)
    return;
  for (uint32_t i = 0; i < w->nfds; i++)
    if (w->fds[i].used)
      wd_wasi_fd_release(w, i);
  wd_free(w->fds);
  free_strings(w->argv, w->argc);
  free_strings(w->env, w->envc);
  wd_free(w->bindings);
  wd_free(w);
}

ward_error_t *ward_wasi_run_start(ward_wasi_t *w, ward_instance_t *inst, int *status,
                                  ward_trap_t **trap) {
  *trap = NULL;
  *status = 0;
  ward_extern_t ext;
  if (!ward_instance_export(inst, "_start", 6, &ext) || ext.kind != WARD_EXTERN_FUNC)
    return wd_error_new(WD_ERR_ARGUMENT, "the module has no `_start` function");
  const ward_functype_t *ft = ward_func_type(ext.of.func);
  if (ward_functype_param_count(ft) || ward_functype_result_count(ft))
    return wd_error_new(WD_ERR_ARGUMENT, "`_start` must take and return nothing");
  (void)w;
  ward_error_t *err = ward_func_call(inst->store, ext.of.func, NULL, 0, NULL, 0, trap);
  if (err)
    return err;
  if (*trap && ward_trap_exit_status(*trap, status)) {
    ward_trap_delete(*trap);
    *trap = NULL;
  } else if (*trap) {
    *status = 134;
  }
  return NULL;
}
