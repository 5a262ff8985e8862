// SPDX-License-Identifier: Apache-2.0
// WASI functions on descriptors (fd_*): rights checked, structs laid out
// as preview1 (or wasi_unstable) defines them.
#include "util/alloc.h"
#include "wasi/wasi_abi.h"

wd_errno_t wd_wasi_iovs(wasi_call_t *c, uint32_t iovs, uint32_t n, wd_os_iovec_t *out) {
  if (!gm_ok(c, iovs, (uint64_t)n * 8))
    return WD_EFAULT;
  if (n > WD_IOV_MAX)
    return WD_EINVAL;
  for (uint32_t i = 0; i < n; i++) {
    const uint8_t *e = gm(c, iovs + 8 * i);
    uint32_t ptr = get_u32(e), len = get_u32(e + 4);
    if (!gm_ok(c, ptr, len))
      return WD_EFAULT;
    out[i].buf = gm(c, ptr);
    out[i].len = len;
  }
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_put_filestat(wasi_call_t *c, uint32_t ptr, const wd_os_stat_t *st) {
  uint8_t b[64] = {0};
  size_t size;
  put_u64(b, st->dev);
  put_u64(b + 8, st->ino);
  b[16] = st->filetype;
  if (c->unstable) { // nlink is a u32 at 20, and everything after moves up 8
    put_u32(b + 20, st->nlink > UINT32_MAX ? UINT32_MAX : (uint32_t)st->nlink);
    put_u64(b + 24, st->size);
    put_u64(b + 32, st->atim);
    put_u64(b + 40, st->mtim);
    put_u64(b + 48, st->ctim);
    size = 56;
  } else {
    put_u64(b + 24, st->nlink);
    put_u64(b + 32, st->size);
    put_u64(b + 40, st->atim);
    put_u64(b + 48, st->mtim);
    put_u64(b + 56, st->ctim);
    size = 64;
  }
  if (!gm_ok(c, ptr, size))
    return WD_EFAULT;
  memcpy(gm(c, ptr), b, size);
  return WD_ESUCCESS;
}

// Directories have no seek, read or write: report isdir rather than a
// missing right, as POSIX does.
static wd_errno_t get_file(wasi_call_t *c, uint32_t fd, uint64_t rights, wd_wasi_fd_t **out) {
  wd_errno_t e = wd_wasi_fd_get(c->w, fd, 0, out);
  if (e)
    return e;
  if ((*out)->type == WD_FILETYPE_DIRECTORY &&
      (rights & (WD_R_FD_READ | WD_R_FD_WRITE | WD_R_FD_SEEK | WD_R_FD_TELL | WD_R_FD_ALLOCATE |
                 WD_R_FD_FILESTAT_SET_SIZE)))
    return WD_EISDIR;
  return ((*out)->base & rights) == rights ? WD_ESUCCESS : WD_ENOTCAPABLE;
}

wd_errno_t wd_wasi_fd_advise(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_fd_t *f;
  uint32_t advice = arg32(a, 3);
  if (advice > WD_ADVICE_NOREUSE)
    return WD_EINVAL;
  wd_errno_t e = get_file(c, arg32(a, 0), WD_R_FD_ADVISE, &f);
  return e ? e : wd_os_fadvise(f->os, arg64(a, 1), arg64(a, 2), (uint8_t)advice);
}

wd_errno_t wd_wasi_fd_allocate(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_fd_t *f;
  wd_errno_t e = get_file(c, arg32(a, 0), WD_R_FD_ALLOCATE, &f);
  return e ? e : wd_os_fallocate(f->os, arg64(a, 1), arg64(a, 2));
}

wd_errno_t wd_wasi_fd_close(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_fd_t *f;
  wd_errno_t e = wd_wasi_fd_get(c->w, arg32(a, 0), 0, &f);
  if (e)
    return e;
  wd_wasi_fd_release(c->w, arg32(a, 0));
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_fd_datasync(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_fd_t *f;
  wd_errno_t e = wd_wasi_fd_get(c->w, arg32(a, 0), WD_R_FD_DATASYNC, &f);
  return e ? e : wd_os_fdatasync(f->os);
}

wd_errno_t wd_wasi_fd_sync(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_fd_t *f;
  wd_errno_t e = wd_wasi_fd_get(c->w, arg32(a, 0), WD_R_FD_SYNC, &f);
  return e ? e : wd_os_fsync(f->os);
}

wd_errno_t wd_wasi_fd_fdstat_get(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_fd_t *f;
  wd_errno_t e = wd_wasi_fd_get(c->w, arg32(a, 0), 0, &f);
  if (e)
    return e;
  uint16_t flags = 0;
  if (f->type != WD_FILETYPE_DIRECTORY && (e = wd_os_get_fdflags(f->os, &flags)) != 0)
    return e;
  uint8_t b[24] = {0};
  b[0] = f->type;
  put_u16(b + 2, flags);
  put_u64(b + 8, f->base);
  put_u64(b + 16, f->inheriting);
  uint32_t ptr = arg32(a, 1);
  if (!gm_ok(c, ptr, sizeof b))
    return WD_EFAULT;
  memcpy(gm(c, ptr), b, sizeof b);
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_fd_fdstat_set_flags(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_fd_t *f;
  uint32_t flags = arg32(a, 1);
  wd_errno_t e = wd_wasi_fd_get(c->w, arg32(a, 0), WD_R_FD_FDSTAT_SET_FLAGS, &f);
  if (e)
    return e;
  if (flags & ~(uint32_t)(WD_FDFLAG_APPEND | WD_FDFLAG_NONBLOCK | WD_FDFLAG_DSYNC |
                          WD_FDFLAG_RSYNC | WD_FDFLAG_SYNC))
    return WD_EINVAL;
  if (f->type == WD_FILETYPE_DIRECTORY)
    return flags ? WD_EISDIR : WD_ESUCCESS;
  return wd_os_set_fdflags(f->os, (uint16_t)flags);
}

wd_errno_t wd_wasi_fd_fdstat_set_rights(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_fd_t *f;
  uint64_t base = arg64(a, 1), inh = arg64(a, 2);
  wd_errno_t e = wd_wasi_fd_get(c->w, arg32(a, 0), 0, &f);
  if (e)
    return e;
  if ((base & ~f->base) || (inh & ~f->inheriting))
    return WD_ENOTCAPABLE; // rights can only be dropped
  f->base = base;
  f->inheriting = inh;
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_fd_filestat_get(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_fd_t *f;
  wd_os_stat_t st;
  wd_errno_t e = wd_wasi_fd_get(c->w, arg32(a, 0), WD_R_FD_FILESTAT_GET, &f);
  if (e || (e = wd_os_fstat(f->os, &st)) != 0)
    return e;
  if (f->type == WD_FILETYPE_SOCKET_STREAM)
    st.filetype = WD_FILETYPE_SOCKET_STREAM;
  return wd_wasi_put_filestat(c, arg32(a, 1), &st);
}

wd_errno_t wd_wasi_fd_filestat_set_size(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_fd_t *f;
  wd_errno_t e = get_file(c, arg32(a, 0), WD_R_FD_FILESTAT_SET_SIZE, &f);
  return e ? e : wd_os_ftruncate(f->os, arg64(a, 1));
}

wd_errno_t wd_wasi_check_fst(uint32_t fst) {
  if (fst &
      ~(uint32_t)(WD_FSTFLAG_ATIM | WD_FSTFLAG_ATIM_NOW | WD_FSTFLAG_MTIM | WD_FSTFLAG_MTIM_NOW))
    return WD_EINVAL;
  if (((fst & WD_FSTFLAG_ATIM) && (fst & WD_FSTFLAG_ATIM_NOW)) ||
      ((fst & WD_FSTFLAG_MTIM) && (fst & WD_FSTFLAG_MTIM_NOW)))
    return WD_EINVAL; // a time and "now" for it at once
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_fd_filestat_set_times(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_fd_t *f;
  uint32_t fst = arg32(a, 3);
  wd_errno_t e = wd_wasi_check_fst(fst);
  if (e || (e = wd_wasi_fd_get(c->w, arg32(a, 0), WD_R_FD_FILESTAT_SET_TIMES, &f)) != 0)
    return e;
  return wd_os_futimens(f->os, arg64(a, 1), arg64(a, 2), (uint16_t)fst);
}

// fd_read, fd_write, fd_pread, fd_pwrite. Guest memory is checked first,
// then the descriptor.
static wd_errno_t do_io(wasi_call_t *c, const ward_val_t *a, bool write, bool positioned) {
  wd_os_iovec_t iov[WD_IOV_MAX];
  uint32_t n = arg32(a, 2);
  uint32_t outp = positioned ? arg32(a, 4) : arg32(a, 3);
  wd_errno_t e = wd_wasi_iovs(c, arg32(a, 1), n, iov);
  if (e)
    return e;
  if (!gm_ok(c, outp, 4))
    return WD_EFAULT;
  wd_wasi_fd_t *f;
  uint64_t rights = (write ? WD_R_FD_WRITE : WD_R_FD_READ) | (positioned ? WD_R_FD_SEEK : 0);
  if ((e = get_file(c, arg32(a, 0), rights, &f)) != 0)
    return e;
  size_t done = 0;
  if (positioned)
    e = write ? wd_os_pwritev(f->os, iov, n, arg64(a, 3), &done)
              : wd_os_preadv(f->os, iov, n, arg64(a, 3), &done);
  else
    e = write ? wd_os_writev(f->os, iov, n, &done) : wd_os_readv(f->os, iov, n, &done);
  if (e)
    return e;
  put_u32(gm(c, outp), (uint32_t)done);
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_fd_read(wasi_call_t *c, const ward_val_t *a) {
  return do_io(c, a, false, false);
}
wd_errno_t wd_wasi_fd_write(wasi_call_t *c, const ward_val_t *a) {
  return do_io(c, a, true, false);
}
wd_errno_t wd_wasi_fd_pread(wasi_call_t *c, const ward_val_t *a) {
  return do_io(c, a, false, true);
}
wd_errno_t wd_wasi_fd_pwrite(wasi_call_t *c, const ward_val_t *a) {
  return do_io(c, a, true, true);
}

// The preopened directory fd; any other descriptor is WD_EBADF.
static wd_errno_t get_preopen(wasi_call_t *c, uint32_t fd, wd_wasi_fd_t **out) {
  wd_errno_t e = wd_wasi_fd_get(c->w, fd, 0, out);
  return e ? e : (*out)->preopen ? WD_ESUCCESS : WD_EBADF;
}

wd_errno_t wd_wasi_fd_prestat_get(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_fd_t *f;
  wd_errno_t e = get_preopen(c, arg32(a, 0), &f);
  if (e)
    return e;
  uint32_t ptr = arg32(a, 1);
  if (!gm_ok(c, ptr, 8))
    return WD_EFAULT;
  uint8_t b[8] = {0}; // tag 0: a directory
  put_u32(b + 4, (uint32_t)f->preopen_len);
  memcpy(gm(c, ptr), b, 8);
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_fd_prestat_dir_name(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_fd_t *f;
  wd_errno_t e = get_preopen(c, arg32(a, 0), &f);
  if (e)
    return e;
  uint32_t ptr = arg32(a, 1), len = arg32(a, 2);
  if (len < f->preopen_len)
    return WD_ENAMETOOLONG;
  if (!gm_ok(c, ptr, f->preopen_len))
    return WD_EFAULT;
  memcpy(gm(c, ptr), f->preopen, f->preopen_len);
  return WD_ESUCCESS;
}

// fd_readdir: entries from `cookie` on, each a 24-byte dirent and its name;
// the last may be cut short. bufused < buf_len means the end was reached.
wd_errno_t wd_wasi_fd_readdir(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_fd_t *f;
  wd_errno_t e = wd_wasi_fd_get(c->w, arg32(a, 0), WD_R_FD_READDIR, &f);
  if (e)
    return e;
  if (f->type != WD_FILETYPE_DIRECTORY)
    return WD_ENOTDIR;
  uint32_t buf = arg32(a, 1), len = arg32(a, 2), outp = arg32(a, 4);
  uint64_t cookie = arg64(a, 3);
  if (!gm_ok(c, buf, len) || !gm_ok(c, outp, 4))
    return WD_EFAULT;
  if (!f->dir) {
    if ((e = wd_os_dir_open(f->os, &f->dir)) != 0)
      return e;
    f->dir_pos = 0;
  }
  if (cookie != f->dir_pos) {
    if ((e = wd_os_dir_seek(f->dir, cookie)) != 0)
      return e;
    f->dir_pos = cookie;
  }
  uint32_t used = 0;
  while (used < len) {
    wd_os_dirent_t de;
    bool end;
    if ((e = wd_os_dir_next(f->dir, &de, &end)) != 0)
      return e;
    if (end)
      break;
    uint8_t hdr[24] = {0};
    put_u64(hdr, de.next);
    put_u64(hdr + 8, de.ino);
    put_u32(hdr + 16, (uint32_t)de.namelen);
    hdr[20] = de.type;
    uint32_t room = len - used;
    uint32_t n = room < 24 ? room : 24;
    memcpy(gm(c, buf + used), hdr, n);
    used += n;
    room = len - used;
    n = de.namelen < room ? (uint32_t)de.namelen : room;
    memcpy(gm(c, buf + used), de.name, n);
    used += n;
    if (n < de.namelen || used == len) {
      // The stream has moved past an entry the guest may ask for again.
      f->dir_pos = UINT64_MAX;
      if (n == de.namelen)
        f->dir_pos = de.next;
      break;
    }
    f->dir_pos = de.next;
  }
  put_u32(gm(c, outp), used);
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_fd_renumber(wasi_call_t *c, const ward_val_t *a) {
  uint32_t from = arg32(a, 0), to = arg32(a, 1);
  wd_wasi_fd_t *ff, *ft;
  wd_errno_t e = wd_wasi_fd_get(c->w, from, 0, &ff);
  if (e || (e = wd_wasi_fd_get(c->w, to, 0, &ft)) != 0)
    return e;
  if (from == to)
    return WD_ESUCCESS;
  wd_wasi_fd_release(c->w, to);
  c->w->fds[to] = c->w->fds[from];
  memset(&c->w->fds[from], 0, sizeof c->w->fds[from]);
  c->w->fds[from].os = WD_OS_NO_FD;
  return WD_ESUCCESS;
}

static uint8_t whence_of(const wasi_call_t *c, uint32_t w, bool *ok) {
  *ok = w <= 2;
  if (!c->unstable)
    return (uint8_t)w;
  static const uint8_t map[3] = {WD_WHENCE_CUR, WD_WHENCE_END, WD_WHENCE_SET};
  return *ok ? map[w] : 0;
}

wd_errno_t wd_wasi_fd_seek(wasi_call_t *c, const ward_val_t *a) {
  bool ok;
  int64_t off = (int64_t)arg64(a, 1);
  uint8_t whence = whence_of(c, arg32(a, 2), &ok);
  if (!ok)
    return WD_EINVAL;
  // fd_tell's right allows asking where we are.
  uint64_t right = (off == 0 && whence == WD_WHENCE_CUR) ? WD_R_FD_TELL : WD_R_FD_SEEK;
  wd_wasi_fd_t *f;
  wd_errno_t e = get_file(c, arg32(a, 0), 0, &f);
  if (e)
    return e;
  if (!(f->base & right) && !(f->base & WD_R_FD_SEEK))
    return WD_ENOTCAPABLE;
  uint64_t pos;
  if ((e = wd_os_seek(f->os, off, whence, &pos)) != 0)
    return e;
  return out_u64(c, arg32(a, 3), pos);
}

wd_errno_t wd_wasi_fd_tell(wasi_call_t *c, const ward_val_t *a) {
  wd_wasi_fd_t *f;
  wd_errno_t e = get_file(c, arg32(a, 0), WD_R_FD_TELL, &f);
  if (e)
    return e;
  uint64_t pos;
  if ((e = wd_os_seek(f->os, 0, WD_WHENCE_CUR, &pos)) != 0)
    return e;
  return out_u64(c, arg32(a, 1), pos);
}
