// SPDX-License-Identifier: Apache-2.0
// The sandbox walk: guest paths resolved one component at a time with
// openat(O_NOFOLLOW), a stack of directory handles and a symlink budget,
// so that no lookup ever leaves the directory it started from.
#include <string.h>

#include "util/alloc.h"
#include "wasi/wasi_ctx.h"

#define WD_SYMLINK_BUDGET 40 // as Linux: the 41st link in a chain fails
#define WD_PATH_MAX 4096     // longer guest paths and link targets: ENAMETOOLONG
#define WD_NAME_MAX 255      // longest component

typedef struct walk {
  wd_os_fd_t *stk; // stk[0] is the base directory (not ours); the rest we opened
  size_t depth, cap;
  char *work; // the path still to walk
  size_t len, pos;
  int budget;
} walk_t;

static void walk_free(walk_t *w, size_t keep_top) {
  size_t end = keep_top ? w->depth - 1 : w->depth;
  for (size_t i = 1; i < end; i++)
    wd_os_close(w->stk[i]);
  wd_free(w->stk);
  wd_free(w->work);
}

static wd_errno_t push(walk_t *w, wd_os_fd_t fd) {
  if (wd_grow((void **)&w->stk, &w->cap, w->depth + 1, sizeof *w->stk)) {
    wd_os_close(fd);
    return WD_ENOMEM;
  }
  w->stk[w->depth++] = fd;
  return WD_ESUCCESS;
}

// Leaves the current directory for its parent; never above the base.
static wd_errno_t pop(walk_t *w) {
  if (w->depth == 1)
    return WD_ENOTCAPABLE;
  wd_os_close(w->stk[--w->depth]);
  return WD_ESUCCESS;
}

// Replaces the component just read (a symlink named `name` in the current
// directory) by its target: the walk goes on with target + rest.
static wd_errno_t expand(walk_t *w, const char *name, size_t rest) {
  if (--w->budget < 0)
    return WD_ELOOP;
  char target[WD_PATH_MAX];
  size_t tlen;
  wd_errno_t e = wd_os_readlinkat(w->stk[w->depth - 1], name, target, sizeof target, &tlen);
  if (e)
    return e;
  if (tlen >= sizeof target)
    return WD_ENAMETOOLONG;
  if (tlen == 0)
    return WD_ENOENT;
  if (memchr(target, '\0', tlen))
    return WD_EILSEQ;
  if (target[0] == '/')
    return WD_ENOTCAPABLE; // absolute targets lead out of the sandbox
  size_t rlen = w->len - rest;
  if (tlen + rlen > WD_PATH_MAX)
    return WD_ENAMETOOLONG;
  char *nw = wd_malloc(tlen + rlen + 1);
  if (!nw)
    return WD_ENOMEM;
  memcpy(nw, target, tlen);
  memcpy(nw + tlen, w->work + rest, rlen);
  nw[tlen + rlen] = '\0';
  wd_free(w->work);
  w->work = nw;
  w->len = tlen + rlen;
  w->pos = 0;
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_path_resolve(const wd_wasi_fd_t *base, const char *path, size_t len, bool follow,
                                wd_wasi_path_t *out) {
  memset(out, 0, sizeof *out);
  out->dir = WD_OS_NO_FD;
  if (len == 0)
    return WD_ENOENT;
  if (memchr(path, '\0', len))
    return WD_EILSEQ;
  if (len > WD_PATH_MAX)
    return WD_ENAMETOOLONG;
  if (path[0] == '/')
    return WD_ENOTCAPABLE;

  walk_t w = {0};
  w.budget = WD_SYMLINK_BUDGET;
  w.work = wd_strndup(path, len);
  w.len = len;
  char *name = wd_malloc(WD_NAME_MAX + 1);
  wd_errno_t e = (w.work && name) ? push(&w, base->os) : WD_ENOMEM;
  bool trailing = false;
  if (e)
    goto fail;
  for (;;) {
    while (w.pos < w.len && w.work[w.pos] == '/')
      w.pos++;
    if (w.pos == w.len) { // nothing after a '/': the directory itself
      strcpy(name, ".");
      trailing = true;
      break;
    }
    size_t start = w.pos, end = start;
    while (end < w.len && w.work[end] != '/')
      end++;
    size_t clen = end - start;
    size_t after = end;
    while (after < w.len && w.work[after] == '/')
      after++;
    bool last = after == w.len;
    trailing = last && end < w.len;
    if (clen > WD_NAME_MAX) {
      e = WD_ENAMETOOLONG;
      goto fail;
    }
    memcpy(name, w.work + start, clen);
    name[clen] = '\0';
    bool dot = clen == 1 && name[0] == '.';
    bool dotdot = clen == 2 && name[0] == '.' && name[1] == '.';
    wd_os_fd_t top = w.stk[w.depth - 1];
    if (dot || dotdot) {
      if (dotdot && (e = pop(&w)) != WD_ESUCCESS)
        goto fail;
      w.pos = end;
      if (last) {
        strcpy(name, ".");
        break;
      }
      continue;
    }
    if (last && !follow && !trailing)
      break;
    if (last) {
      // Follow a final symlink (asked for, or forced by a trailing slash).
      wd_os_stat_t st;
      if (wd_os_fstatat(top, name, false, &st) == WD_ESUCCESS &&
          st.filetype == WD_FILETYPE_SYMBOLIC_LINK) {
        if ((e = expand(&w, name, end)) != WD_ESUCCESS)
          goto fail;
        continue;
      }
      break;
    }
    wd_os_fd_t next;
    e = wd_os_openat(top, name, WD_OS_O_PATH | WD_OS_O_DIRECTORY | WD_OS_O_NOFOLLOW, &next);
    if (e == WD_ESUCCESS) {
      if ((e = push(&w, next)) != WD_ESUCCESS)
        goto fail;
      w.pos = end;
      continue;
    }
    if (e == WD_ELOOP || e == WD_ENOTDIR || e == WD_EMLINK) {
      wd_os_stat_t st;
      wd_errno_t se = wd_os_fstatat(top, name, false, &st);
      if (se == WD_ESUCCESS && st.filetype == WD_FILETYPE_SYMBOLIC_LINK) {
        if ((e = expand(&w, name, end)) != WD_ESUCCESS)
          goto fail;
        continue;
      }
      if (se == WD_ESUCCESS)
        e = WD_ENOTDIR;
    }
    goto fail;
  }
  out->dir = w.stk[w.depth - 1];
  out->own_dir = w.depth > 1;
  out->name = name;
  out->buf = name;
  out->trailing_slash = trailing;
  walk_free(&w, 1);
  return WD_ESUCCESS;

fail:
  wd_free(name);
  if (w.stk) {
    for (size_t i = 1; i < w.depth; i++)
      wd_os_close(w.stk[i]);
    w.depth = 1;
  }
  walk_free(&w, 0);
  return e;
}

void wd_wasi_path_done(wd_wasi_path_t *p) {
  if (p->own_dir && p->dir != WD_OS_NO_FD)
    wd_os_close(p->dir);
  wd_free(p->buf);
  memset(p, 0, sizeof *p);
  p->dir = WD_OS_NO_FD;
}
