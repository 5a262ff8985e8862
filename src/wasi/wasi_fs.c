// SPDX-License-Identifier: Apache-2.0
// WASI functions on paths (path_*): each resolves its guest path inside
// the directory descriptor it names, checks that descriptor's rights, then
// acts on (directory, name) with an *at call that does not follow links.
#include "util/alloc.h"
#include "wasi/wasi_abi.h"

wd_errno_t wd_wasi_path(wasi_call_t *c, uint32_t fd, uint64_t rights, uint32_t ptr, uint32_t len,
                        bool follow, wd_wasi_path_t *out) {
  wd_wasi_fd_t *f;
  memset(out, 0, sizeof *out);
  out->dir = WD_OS_NO_FD;
  wd_errno_t e = wd_wasi_fd_get(c->w, fd, 0, &f);
  if (e)
    return e;
  if (f->type != WD_FILETYPE_DIRECTORY)
    return WD_ENOTDIR;
  if ((f->base & rights) != rights)
    return WD_ENOTCAPABLE;
  if (!gm_ok(c, ptr, len))
    return WD_EFAULT;
  return wd_wasi_path_resolve(f, (const char *)gm(c, ptr), len, follow, out);
}

// A path that ended in '/' must name a directory.
static wd_errno_t check_trailing(const wd_wasi_path_t *p) {
  if (!p->trailing_slash)
    return WD_ESUCCESS;
  wd_os_stat_t st;
  wd_errno_t e = wd_os_fstatat(p->dir, p->name, false, &st);
  if (e)
    return e;
  return st.filetype == WD_FILETYPE_DIRECTORY ? WD_ESUCCESS : WD_ENOTDIR;
}

wd_errno_t wd_wasi_path_open(wasi_call_t *c, const ward_val_t *a) {
  uint32_t dirflags = arg32(a, 1), oflags = arg32(a, 4), fdflags = arg32(a, 7);
  uint64_t want_base = arg64(a, 5), want_inh = arg64(a, 6);
  uint32_t outp = arg32(a, 8);
  if (oflags & ~(uint32_t)(WD_OFLAG_CREAT | WD_OFLAG_DIRECTORY | WD_OFLAG_EXCL | WD_OFLAG_TRUNC))
    return WD_EINVAL;
  if (fdflags & ~(uint32_t)(WD_FDFLAG_APPEND | WD_FDFLAG_DSYNC | WD_FDFLAG_NONBLOCK |
                            WD_FDFLAG_RSYNC | WD_FDFLAG_SYNC))
    return WD_EINVAL;
  if (!gm_ok(c, outp, 4))
    return WD_EFAULT;
  uint64_t need = WD_R_PATH_OPEN;
  if (oflags & WD_OFLAG_CREAT)
    need |= WD_R_PATH_CREATE_FILE;
  if (oflags & WD_OFLAG_TRUNC)
    need |= WD_R_PATH_FILESTAT_SET_SIZE;
  wd_wasi_fd_t *parent;
  wd_errno_t e = wd_wasi_fd_get(c->w, arg32(a, 0), 0, &parent);
  if (e)
    return e;
  uint64_t inh = parent->inheriting;
  // Synchronous writes need the sync rights the new descriptor would get.
  uint64_t sync = ((fdflags & WD_FDFLAG_DSYNC) ? WD_R_FD_DATASYNC : 0) |
                  ((fdflags & (WD_FDFLAG_RSYNC | WD_FDFLAG_SYNC)) ? WD_R_FD_SYNC : 0);
  if ((inh & sync) != sync)
    return WD_ENOTCAPABLE;
  // creat|excl never follows a final symlink: it must not exist at all.
  bool excl = (oflags & (WD_OFLAG_CREAT | WD_OFLAG_EXCL)) == (WD_OFLAG_CREAT | WD_OFLAG_EXCL);
  wd_wasi_path_t p;
  e = wd_wasi_path(c, arg32(a, 0), need, arg32(a, 2), arg32(a, 3),
                   !excl && (dirflags & WD_LOOKUP_SYMLINK_FOLLOW), &p);
  if (e)
    return e;
  if (p.trailing_slash && (oflags & WD_OFLAG_CREAT)) {
    // Creating "name/": only a directory could match, and path_open does
    // not create directories.
    wd_os_stat_t st;
    e = wd_os_fstatat(p.dir, p.name, false, &st);
    if (!e)
      e = st.filetype == WD_FILETYPE_DIRECTORY ? WD_EISDIR : WD_ENOTDIR;
    wd_wasi_path_done(&p);
    return e;
  }
  // A new descriptor never has more rights than its parent passes on.
  uint64_t base = want_base & inh, ninh = want_inh & inh;
  bool rd = base & (WD_R_FD_READ | WD_R_FD_READDIR);
  bool wr = base & (WD_R_FD_WRITE | WD_R_FD_ALLOCATE | WD_R_FD_FILESTAT_SET_SIZE);
  uint32_t flags = WD_OS_O_NOFOLLOW;
  flags |= wr ? (rd ? WD_OS_O_READ | WD_OS_O_WRITE : WD_OS_O_WRITE) : WD_OS_O_READ;
  if (oflags & WD_OFLAG_CREAT)
    flags |= WD_OS_O_CREAT;
  if (oflags & WD_OFLAG_EXCL)
    flags |= WD_OS_O_EXCL;
  if (oflags & WD_OFLAG_TRUNC)
    flags |= WD_OS_O_TRUNC;
  if ((oflags & WD_OFLAG_DIRECTORY) || p.trailing_slash)
    flags |= WD_OS_O_DIRECTORY;
  if (fdflags & WD_FDFLAG_APPEND)
    flags |= WD_OS_O_APPEND;
  if (fdflags & WD_FDFLAG_NONBLOCK)
    flags |= WD_OS_O_NONBLOCK;
  if (fdflags & WD_FDFLAG_DSYNC)
    flags |= WD_OS_O_DSYNC;
  if (fdflags & WD_FDFLAG_SYNC)
    flags |= WD_OS_O_SYNC;
  if (fdflags & WD_FDFLAG_RSYNC)
    flags |= WD_OS_O_RSYNC;
  wd_os_fd_t os;
  e = wd_os_openat(p.dir, p.name, flags, &os);
  wd_wasi_path_done(&p);
  if (e)
    return e;
  uint8_t type = wd_wasi_os_type(os);
  if (type == WD_FILETYPE_DIRECTORY) {
    base &= WD_DIR_RIGHTS;
  } else {
    base &= WD_FILE_RIGHTS;
    if (!wr)
      base &= ~(WD_R_FD_WRITE | WD_R_FD_ALLOCATE | WD_R_FD_FILESTAT_SET_SIZE);
    if (!rd)
      base &= ~WD_R_FD_READ;
  }
  uint32_t fd;
  if ((e = wd_wasi_fd_add(c->w, os, type, base, ninh, &fd)) != 0)
    return e;
  put_u32(gm(c, outp), fd);
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_path_create_directory(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_path_t p;
  wd_errno_t e =
      wd_wasi_path(c, arg32(a, 0), WD_R_PATH_CREATE_DIRECTORY, arg32(a, 1), arg32(a, 2), false, &p);
  if (e)
    return e;
  e = wd_os_mkdirat(p.dir, p.name);
  wd_wasi_path_done(&p);
  return e;
}

wd_errno_t wd_wasi_path_filestat_get(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_path_t p;
  wd_os_stat_t st;
  wd_errno_t e = wd_wasi_path(c, arg32(a, 0), WD_R_PATH_FILESTAT_GET, arg32(a, 2), arg32(a, 3),
                              arg32(a, 1) & WD_LOOKUP_SYMLINK_FOLLOW, &p);
  if (e)
    return e;
  e = wd_os_fstatat(p.dir, p.name, false, &st);
  if (!e && p.trailing_slash && st.filetype != WD_FILETYPE_DIRECTORY)
    e = WD_ENOTDIR;
  wd_wasi_path_done(&p);
  return e ? e : wd_wasi_put_filestat(c, arg32(a, 4), &st);
}

wd_errno_t wd_wasi_path_filestat_set_times(wasi_call_t *c, const ward_val_t *a) {
  uint32_t fst = arg32(a, 6);
  wd_errno_t e = wd_wasi_check_fst(fst);
  if (e)
    return e;
  wd_wasi_path_t p;
  e = wd_wasi_path(c, arg32(a, 0), WD_R_PATH_FILESTAT_SET_TIMES, arg32(a, 2), arg32(a, 3),
                   arg32(a, 1) & WD_LOOKUP_SYMLINK_FOLLOW, &p);
  if (e)
    return e;
  if (!(e = check_trailing(&p)))
    e = wd_os_utimensat(p.dir, p.name, false, arg64(a, 4), arg64(a, 5), (uint16_t)fst);
  wd_wasi_path_done(&p);
  return e;
}

wd_errno_t wd_wasi_path_link(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_path_t from, to;
  wd_errno_t e = wd_wasi_path(c, arg32(a, 0), WD_R_PATH_LINK_SOURCE, arg32(a, 2), arg32(a, 3),
                              arg32(a, 1) & WD_LOOKUP_SYMLINK_FOLLOW, &from);
  if (e)
    return e;
  e = wd_wasi_path(c, arg32(a, 4), WD_R_PATH_LINK_TARGET, arg32(a, 5), arg32(a, 6), false, &to);
  if (!e) {
    if (!(e = check_trailing(&from)))
      e = to.trailing_slash ? WD_ENOENT : wd_os_linkat(from.dir, from.name, to.dir, to.name);
    wd_wasi_path_done(&to);
  }
  wd_wasi_path_done(&from);
  return e;
}

wd_errno_t wd_wasi_path_readlink(wasi_call_t *c, const ward_val_t *a) {
  uint32_t buf = arg32(a, 3), len = arg32(a, 4), outp = arg32(a, 5);
  if (!gm_ok(c, buf, len) || !gm_ok(c, outp, 4))
    return WD_EFAULT;
  wd_wasi_path_t p;
  wd_errno_t e =
      wd_wasi_path(c, arg32(a, 0), WD_R_PATH_READLINK, arg32(a, 1), arg32(a, 2), false, &p);
  if (e)
    return e;
  size_t full = 0;
  e = wd_os_readlinkat(p.dir, p.name, (char *)gm(c, buf), len, &full);
  wd_wasi_path_done(&p);
  if (e)
    return e;
  // A buffer too small gets the start of the target, and its size.
  put_u32(gm(c, outp), (uint32_t)(full < len ? full : len));
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_path_remove_directory(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_path_t p;
  wd_errno_t e =
      wd_wasi_path(c, arg32(a, 0), WD_R_PATH_REMOVE_DIRECTORY, arg32(a, 1), arg32(a, 2), false, &p);
  if (e)
    return e;
  e = strcmp(p.name, ".") == 0 ? WD_EINVAL : wd_os_unlinkat(p.dir, p.name, true);
  wd_wasi_path_done(&p);
  return e;
}

wd_errno_t wd_wasi_path_rename(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_path_t from, to;
  wd_errno_t e =
      wd_wasi_path(c, arg32(a, 0), WD_R_PATH_RENAME_SOURCE, arg32(a, 1), arg32(a, 2), false, &from);
  if (e)
    return e;
  e = wd_wasi_path(c, arg32(a, 3), WD_R_PATH_RENAME_TARGET, arg32(a, 4), arg32(a, 5), false, &to);
  if (!e) {
    if (!(e = check_trailing(&from))) {
      if (to.trailing_slash) {
        wd_os_stat_t st;
        if (wd_os_fstatat(from.dir, from.name, false, &st) == WD_ESUCCESS &&
            st.filetype != WD_FILETYPE_DIRECTORY)
          e = WD_ENOTDIR;
      }
      if (!e)
        e = wd_os_renameat(from.dir, from.name, to.dir, to.name);
    }
    wd_wasi_path_done(&to);
  }
  wd_wasi_path_done(&from);
  return e;
}

wd_errno_t wd_wasi_path_symlink(wasi_call_t *c, const ward_val_t *a) {
  uint32_t optr = arg32(a, 0), olen = arg32(a, 1);
  if (!gm_ok(c, optr, olen))
    return WD_EFAULT;
  if (olen == 0)
    return WD_ENOENT;
  if (memchr(gm(c, optr), '\0', olen))
    return WD_EILSEQ;
  if (olen > 4096)
    return WD_ENAMETOOLONG;
  // An absolute target could only ever name a host path: refused, so that
  // no link in a granted directory points a host program outside it.
  if (gm(c, optr)[0] == '/')
    return WD_ENOTCAPABLE;
  // Any other target is stored as it is: only a string, followed later
  // (if at all) by the sandbox walk.
  char *target = wd_strndup((const char *)gm(c, optr), olen);
  if (!target)
    return WD_ENOMEM;
  wd_wasi_path_t p;
  wd_errno_t e =
      wd_wasi_path(c, arg32(a, 2), WD_R_PATH_SYMLINK, arg32(a, 3), arg32(a, 4), false, &p);
  if (!e) {
    if (p.trailing_slash) {
      wd_os_stat_t st;
      e = wd_os_fstatat(p.dir, p.name, false, &st) == WD_ESUCCESS ? WD_EEXIST : WD_ENOENT;
    } else {
      e = wd_os_symlinkat(target, p.dir, p.name);
    }
    wd_wasi_path_done(&p);
  }
  wd_free(target);
  return e;
}

wd_errno_t wd_wasi_path_unlink_file(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_path_t p;
  wd_errno_t e =
      wd_wasi_path(c, arg32(a, 0), WD_R_PATH_UNLINK_FILE, arg32(a, 1), arg32(a, 2), false, &p);
  if (e)
    return e;
  if (p.trailing_slash) {
    wd_os_stat_t st;
    e = wd_os_fstatat(p.dir, p.name, false, &st);
    if (!e)
      e = st.filetype == WD_FILETYPE_DIRECTORY ? WD_EISDIR : WD_ENOTDIR;
  } else {
    e = wd_os_unlinkat(p.dir, p.name, false);
  }
  wd_wasi_path_done(&p);
  return e;
}
