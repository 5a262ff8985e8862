// SPDX-License-Identifier: Apache-2.0
// Host errno -> WASI errno for the POSIX platform (Linux, macOS, the BSDs):
// the single translation table, after the witx errno list.
#define _DEFAULT_SOURCE 1
#define _DARWIN_C_SOURCE 1
#include <errno.h>

#include "platform/posix/posix_errno.h"

wd_errno_t wd_os_errno(int host) {
  // One row per errno: kept as a table.
  // clang-format off
  switch (host) {
  case 0: return WD_ESUCCESS;
  case E2BIG: return WD_E2BIG;
  case EACCES: return WD_EACCES;
  case EADDRINUSE: return WD_EADDRINUSE;
  case EADDRNOTAVAIL: return WD_EADDRNOTAVAIL;
  case EAFNOSUPPORT: return WD_EAFNOSUPPORT;
  case EAGAIN: return WD_EAGAIN;
#if defined(EWOULDBLOCK) && EWOULDBLOCK != EAGAIN
  case EWOULDBLOCK: return WD_EAGAIN;
#endif
  case EALREADY: return WD_EALREADY;
  case EBADF: return WD_EBADF;
#ifdef EBADMSG
  case EBADMSG: return WD_EBADMSG;
#endif
  case EBUSY: return WD_EBUSY;
#ifdef ECANCELED
  case ECANCELED: return WD_ECANCELED;
#endif
  case ECHILD: return WD_ECHILD;
  case ECONNABORTED: return WD_ECONNABORTED;
  case ECONNREFUSED: return WD_ECONNREFUSED;
  case ECONNRESET: return WD_ECONNRESET;
  case EDEADLK: return WD_EDEADLK;
#if defined(EDEADLOCK) && EDEADLOCK != EDEADLK
  case EDEADLOCK: return WD_EDEADLK;
#endif
  case EDESTADDRREQ: return WD_EDESTADDRREQ;
  case EDOM: return WD_EDOM;
#ifdef EDQUOT
  case EDQUOT: return WD_EDQUOT;
#endif
  case EEXIST: return WD_EEXIST;
  case EFAULT: return WD_EFAULT;
  case EFBIG: return WD_EFBIG;
  case EHOSTUNREACH: return WD_EHOSTUNREACH;
#ifdef EHOSTDOWN
  case EHOSTDOWN: return WD_EHOSTUNREACH;
#endif
#ifdef EIDRM
  case EIDRM: return WD_EIDRM;
#endif
  case EILSEQ: return WD_EILSEQ;
  case EINPROGRESS: return WD_EINPROGRESS;
  case EINTR: return WD_EINTR;
  case EINVAL: return WD_EINVAL;
  case EIO: return WD_EIO;
  case EISCONN: return WD_EISCONN;
  case EISDIR: return WD_EISDIR;
  case ELOOP: return WD_ELOOP;
  case EMFILE: return WD_EMFILE;
  case EMLINK: return WD_EMLINK;
  case EMSGSIZE: return WD_EMSGSIZE;
#ifdef EMULTIHOP
  case EMULTIHOP: return WD_EMULTIHOP;
#endif
  case ENAMETOOLONG: return WD_ENAMETOOLONG;
  case ENETDOWN: return WD_ENETDOWN;
  case ENETRESET: return WD_ENETRESET;
  case ENETUNREACH: return WD_ENETUNREACH;
  case ENFILE: return WD_ENFILE;
  case ENOBUFS: return WD_ENOBUFS;
  case ENODEV: return WD_ENODEV;
  case ENOENT: return WD_ENOENT;
  case ENOEXEC: return WD_ENOEXEC;
  case ENOLCK: return WD_ENOLCK;
#ifdef ENOLINK
  case ENOLINK: return WD_ENOLINK;
#endif
  case ENOMEM: return WD_ENOMEM;
#ifdef ENOMSG
  case ENOMSG: return WD_ENOMSG;
#endif
  case ENOPROTOOPT: return WD_ENOPROTOOPT;
  case ENOSPC: return WD_ENOSPC;
  case ENOSYS: return WD_ENOSYS;
  case ENOTCONN: return WD_ENOTCONN;
  case ENOTDIR: return WD_ENOTDIR;
  case ENOTEMPTY: return WD_ENOTEMPTY;
#ifdef ENOTRECOVERABLE
  case ENOTRECOVERABLE: return WD_ENOTRECOVERABLE;
#endif
  case ENOTSOCK: return WD_ENOTSOCK;
#ifdef ENOTSUP
  case ENOTSUP: return WD_ENOTSUP;
#endif
#if defined(EOPNOTSUPP) && (!defined(ENOTSUP) || EOPNOTSUPP != ENOTSUP)
  case EOPNOTSUPP: return WD_ENOTSUP;
#endif
  case ENOTTY: return WD_ENOTTY;
  case ENXIO: return WD_ENXIO;
#ifdef EOVERFLOW
  case EOVERFLOW: return WD_EOVERFLOW;
#endif
#ifdef EOWNERDEAD
  case EOWNERDEAD: return WD_EOWNERDEAD;
#endif
  case EPERM: return WD_EPERM;
  case EPIPE: return WD_EPIPE;
#ifdef ESHUTDOWN
  case ESHUTDOWN: return WD_EPIPE; // send after shutdown(SHUT_WR) on some systems
#endif
#ifdef EPROTO
  case EPROTO: return WD_EPROTO;
#endif
  case EPROTONOSUPPORT: return WD_EPROTONOSUPPORT;
#ifdef EPFNOSUPPORT
  case EPFNOSUPPORT: return WD_EAFNOSUPPORT;
#endif
#ifdef ESOCKTNOSUPPORT
  case ESOCKTNOSUPPORT: return WD_EPROTONOSUPPORT;
#endif
  case EPROTOTYPE: return WD_EPROTOTYPE;
  case ERANGE: return WD_ERANGE;
  case EROFS: return WD_EROFS;
  case ESPIPE: return WD_ESPIPE;
  case ESRCH: return WD_ESRCH;
#ifdef ESTALE
  case ESTALE: return WD_ESTALE;
#endif
  case ETIMEDOUT: return WD_ETIMEDOUT;
  case ETXTBSY: return WD_ETXTBSY;
  case EXDEV: return WD_EXDEV;
#ifdef ENOTCAPABLE
  case ENOTCAPABLE: return WD_ENOTCAPABLE; // FreeBSD Capsicum
#endif
#ifdef ENOTBLK
  case ENOTBLK: return WD_EINVAL;
#endif
#if defined(ENODATA) && (!defined(ENOATTR) || ENODATA != ENOATTR)
  case ENODATA: return WD_ENOENT;
#endif
#ifdef ENOATTR
  case ENOATTR: return WD_ENOENT;
#endif
#ifdef EDOOFUS
  case EDOOFUS: return WD_EINVAL;
#endif
  default: return WD_EIO;
  }
  // clang-format on
}

wd_errno_t wd_os_errno_open_nofollow(int host) {
  switch (host) {
  case EMLINK: return WD_ELOOP;
#ifdef EFTYPE
  case EFTYPE: return WD_ELOOP;
#endif
  default: return wd_os_errno(host);
  }
}
