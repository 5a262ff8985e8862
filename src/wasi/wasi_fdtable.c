// SPDX-License-Identifier: Apache-2.0
// The guest's descriptor table: host descriptors with WASI rights.
#include <string.h>

#include "util/alloc.h"
#include "wasi/wasi_ctx.h"

wd_errno_t wd_wasi_fd_get(ward_wasi_t *w, uint32_t fd, uint64_t rights, wd_wasi_fd_t **out) {
  *out = NULL;
  if (fd >= w->nfds || !w->fds[fd].used)
    return WD_EBADF;
  wd_wasi_fd_t *f = &w->fds[fd];
  if ((f->base & rights) != rights)
    return WD_ENOTCAPABLE;
  *out = f;
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_fd_place(ward_wasi_t *w, uint32_t fd, wd_os_fd_t os, bool own, uint8_t type,
                            uint64_t base, uint64_t inheriting) {
  if (fd >= w->nfds) {
    if (fd >= w->max_fds)
      return WD_EMFILE;
    uint32_t n = w->nfds ? w->nfds * 2 : 16;
    if (n <= fd)
      n = fd + 1;
    if (n > w->max_fds)
      n = w->max_fds;
    wd_wasi_fd_t *nf = wd_realloc(w->fds, (size_t)n * sizeof *nf);
    if (!nf)
      return WD_ENOMEM;
    memset(nf + w->nfds, 0, (size_t)(n - w->nfds) * sizeof *nf);
    w->fds = nf;
    w->nfds = n;
  }
  wd_wasi_fd_t *f = &w->fds[fd];
  memset(f, 0, sizeof *f);
  f->used = true;
  f->own = own;
  f->type = type;
  f->os = os;
  f->base = base;
  f->inheriting = inheriting;
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_fd_add(ward_wasi_t *w, wd_os_fd_t os, uint8_t type, uint64_t base,
                          uint64_t inheriting, uint32_t *out) {
  uint32_t fd = 0;
  while (fd < w->nfds && w->fds[fd].used)
    fd++;
  wd_errno_t e = wd_wasi_fd_place(w, fd, os, true, type, base, inheriting);
  if (e) {
    wd_os_close(os);
    return e;
  }
  *out = fd;
  return WD_ESUCCESS;
}

void wd_wasi_fd_release(ward_wasi_t *w, uint32_t fd) {
  wd_wasi_fd_t *f = &w->fds[fd];
  if (f->dir)
    wd_os_dir_close(f->dir);
  if (f->own && f->os != WD_OS_NO_FD)
    wd_os_close(f->os);
  wd_free(f->preopen);
  memset(f, 0, sizeof *f);
  f->os = WD_OS_NO_FD;
}

uint8_t wd_wasi_os_type(wd_os_fd_t os) {
  wd_os_stat_t st;
  if (wd_os_fstat(os, &st) != WD_ESUCCESS)
    return WD_FILETYPE_UNKNOWN;
  return st.filetype;
}
