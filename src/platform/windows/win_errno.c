// SPDX-License-Identifier: Apache-2.0
// Win32 error codes and NTSTATUS values -> WASI errno for the Windows
// platform: the single translation table.
#include <winsock2.h>
#include <windows.h>
#include <winternl.h>

#include "platform/windows/win_errno.h"

wd_errno_t wd_win_error(uint32_t err) {
  // One row per code: kept as a table.
  // clang-format off
  switch (err) {
  case ERROR_SUCCESS: return WD_ESUCCESS;
  case ERROR_FILE_NOT_FOUND: return WD_ENOENT;
  case ERROR_PATH_NOT_FOUND: return WD_ENOENT;
  case ERROR_INVALID_NAME: return WD_ENOENT;
  case ERROR_BAD_PATHNAME: return WD_ENOENT;
  case ERROR_INVALID_DRIVE: return WD_ENOENT;
  case ERROR_BAD_NETPATH: return WD_ENOENT;
  case ERROR_BAD_NET_NAME: return WD_ENOENT;
  case ERROR_DELETE_PENDING: return WD_ENOENT;
  case ERROR_TOO_MANY_OPEN_FILES: return WD_EMFILE;
  case ERROR_ACCESS_DENIED: return WD_EACCES;
  case ERROR_PRIVILEGE_NOT_HELD: return WD_EPERM;
  case ERROR_INVALID_HANDLE: return WD_EBADF;
  case ERROR_NOT_ENOUGH_MEMORY: return WD_ENOMEM;
  case ERROR_OUTOFMEMORY: return WD_ENOMEM;
  case ERROR_COMMITMENT_LIMIT: return WD_ENOMEM;
  case ERROR_WRITE_PROTECT: return WD_EROFS;
  case ERROR_NOT_READY: return WD_EBUSY;
  case ERROR_CRC: return WD_EIO;
  case ERROR_SEEK: return WD_EIO;
  case ERROR_SHARING_VIOLATION: return WD_EBUSY;
  case ERROR_LOCK_VIOLATION: return WD_EBUSY;
  case ERROR_HANDLE_EOF: return WD_ESUCCESS;
  case ERROR_HANDLE_DISK_FULL: return WD_ENOSPC;
  case ERROR_DISK_FULL: return WD_ENOSPC;
  case ERROR_NOT_SUPPORTED: return WD_ENOTSUP;
  case ERROR_FILE_EXISTS: return WD_EEXIST;
  case ERROR_ALREADY_EXISTS: return WD_EEXIST;
  case ERROR_CANNOT_MAKE: return WD_EACCES;
  case ERROR_INVALID_PARAMETER: return WD_EINVAL;
  case ERROR_BROKEN_PIPE: return WD_EPIPE;
  case ERROR_NO_DATA: return WD_EPIPE;
  case ERROR_PIPE_NOT_CONNECTED: return WD_EPIPE;
  case ERROR_OPEN_FAILED: return WD_EIO;
  case ERROR_BUFFER_OVERFLOW: return WD_ENAMETOOLONG;
  case ERROR_FILENAME_EXCED_RANGE: return WD_ENAMETOOLONG;
  case ERROR_INSUFFICIENT_BUFFER: return WD_ENOBUFS;
  case ERROR_INVALID_FUNCTION: return WD_EINVAL;
  case ERROR_CALL_NOT_IMPLEMENTED: return WD_ENOSYS;
  case ERROR_DIR_NOT_EMPTY: return WD_ENOTEMPTY;
  case ERROR_DIRECTORY: return WD_ENOTDIR;
  case ERROR_BUSY: return WD_EBUSY;
  case ERROR_NEGATIVE_SEEK: return WD_EINVAL;
  case ERROR_NOT_SAME_DEVICE: return WD_EXDEV;
  case ERROR_TOO_MANY_LINKS: return WD_EMLINK;
  case ERROR_NOT_A_REPARSE_POINT: return WD_EINVAL;
  case ERROR_CANT_RESOLVE_FILENAME: return WD_ELOOP;
  case 681: return WD_ELOOP; // ERROR_STOPPED_ON_SYMLINK
  case ERROR_NO_UNICODE_TRANSLATION: return WD_EILSEQ;
  case ERROR_FILE_TOO_LARGE: return WD_EFBIG;
  case ERROR_NOT_LOCKED: return WD_ENOLCK;
  case ERROR_OPERATION_ABORTED: return WD_EINTR;
  case ERROR_IO_PENDING: return WD_EAGAIN;
  case ERROR_NO_SYSTEM_RESOURCES: return WD_ENOMEM;
  case ERROR_TIMEOUT: return WD_ETIMEDOUT;
  case ERROR_CANT_ACCESS_FILE: return WD_EACCES;
  case WSAEINTR: return WD_EINTR;
  case WSAEBADF: return WD_EBADF;
  case WSAEACCES: return WD_EACCES;
  case WSAEFAULT: return WD_EFAULT;
  case WSAEINVAL: return WD_EINVAL;
  case WSAEMFILE: return WD_EMFILE;
  case WSAEWOULDBLOCK: return WD_EAGAIN;
  case WSAEINPROGRESS: return WD_EINPROGRESS;
  case WSAEALREADY: return WD_EALREADY;
  case WSAENOTSOCK: return WD_ENOTSOCK;
  case WSAEDESTADDRREQ: return WD_EDESTADDRREQ;
  case WSAEMSGSIZE: return WD_EMSGSIZE;
  case WSAEPROTOTYPE: return WD_EPROTOTYPE;
  case WSAENOPROTOOPT: return WD_ENOPROTOOPT;
  case WSAEPROTONOSUPPORT: return WD_EPROTONOSUPPORT;
  case WSAESOCKTNOSUPPORT: return WD_EPROTONOSUPPORT;
  case WSAEOPNOTSUPP: return WD_ENOTSUP;
  case WSAEPFNOSUPPORT: return WD_EAFNOSUPPORT;
  case WSAEAFNOSUPPORT: return WD_EAFNOSUPPORT;
  case WSAEADDRINUSE: return WD_EADDRINUSE;
  case WSAEADDRNOTAVAIL: return WD_EADDRNOTAVAIL;
  case WSAENETDOWN: return WD_ENETDOWN;
  case WSAENETUNREACH: return WD_ENETUNREACH;
  case WSAENETRESET: return WD_ENETRESET;
  case WSAECONNABORTED: return WD_ECONNABORTED;
  case WSAECONNRESET: return WD_ECONNRESET;
  case WSAENOBUFS: return WD_ENOBUFS;
  case WSAEISCONN: return WD_EISCONN;
  case WSAENOTCONN: return WD_ENOTCONN;
  case WSAESHUTDOWN: return WD_EPIPE; // a send after shutdown(SD_SEND)
  case WSAETIMEDOUT: return WD_ETIMEDOUT;
  case WSAECONNREFUSED: return WD_ECONNREFUSED;
  case WSAELOOP: return WD_ELOOP;
  case WSAENAMETOOLONG: return WD_ENAMETOOLONG;
  case WSAEHOSTDOWN: return WD_EHOSTUNREACH;
  case WSAEHOSTUNREACH: return WD_EHOSTUNREACH;
  case WSAENOTEMPTY: return WD_ENOTEMPTY;
  case WSAEDQUOT: return WD_EDQUOT;
  case WSAESTALE: return WD_ESTALE;
  case WSANOTINITIALISED: return WD_EIO;
  default: return WD_EIO;
  }
  // clang-format on
}

wd_errno_t wd_win_status(int32_t status) {
  if (status >= 0)
    return WD_ESUCCESS; // NT_SUCCESS: success and informational codes
  // The codes whose Win32 translation loses what POSIX distinguishes.
  switch ((uint32_t)status) {
  case 0xC0000034u: return WD_ENOENT;        // STATUS_OBJECT_NAME_NOT_FOUND
  case 0xC000003Au: return WD_ENOENT;        // STATUS_OBJECT_PATH_NOT_FOUND
  case 0xC0000033u: return WD_EINVAL;        // STATUS_OBJECT_NAME_INVALID
  case 0xC0000035u: return WD_EEXIST;        // STATUS_OBJECT_NAME_COLLISION
  case 0xC00000BAu: return WD_EISDIR;        // STATUS_FILE_IS_A_DIRECTORY
  case 0xC0000103u: return WD_ENOTDIR;       // STATUS_NOT_A_DIRECTORY
  case 0xC0000101u: return WD_ENOTEMPTY;     // STATUS_DIRECTORY_NOT_EMPTY
  case 0xC0000056u: return WD_ENOENT;        // STATUS_DELETE_PENDING
  case 0xC0000024u: return WD_EBADF;         // STATUS_OBJECT_TYPE_MISMATCH
  case 0xC0000008u: return WD_EBADF;         // STATUS_INVALID_HANDLE
  case 0xC0000043u: return WD_EBUSY;         // STATUS_SHARING_VIOLATION
  case 0xC0000022u: return WD_EACCES;        // STATUS_ACCESS_DENIED
  case 0xC0000121u: return WD_EACCES;        // STATUS_CANNOT_DELETE
  case 0xC0000061u: return WD_EPERM;         // STATUS_PRIVILEGE_NOT_HELD
  case 0xC0000280u: return WD_ELOOP;         // STATUS_REPARSE_POINT_NOT_RESOLVED
  case 0x80000000u | 0x2Du: return WD_ELOOP; // STATUS_STOPPED_ON_SYMLINK
  case 0xC00000D4u: return WD_EXDEV;         // STATUS_NOT_SAME_DEVICE
  case 0xC0000275u: return WD_EINVAL;        // STATUS_NOT_A_REPARSE_POINT
  case 0xC00000BBu: return WD_ENOTSUP;       // STATUS_NOT_SUPPORTED
  case 0xC0000002u: return WD_ENOTSUP;       // STATUS_NOT_IMPLEMENTED
  case 0xC0000010u: return WD_ENOTSUP;       // STATUS_INVALID_DEVICE_REQUEST
  case 0xC0000106u: return WD_ENAMETOOLONG;  // STATUS_NAME_TOO_LONG
  default: return wd_win_error(RtlNtStatusToDosError((NTSTATUS)status));
  }
}

wd_errno_t wd_win_last_error(void) { return wd_win_error(GetLastError()); }
