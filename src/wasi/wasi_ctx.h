// SPDX-License-Identifier: Apache-2.0
// WASI's sandbox layer: the descriptor table with rights, the path walk
// that keeps every lookup inside its preopen, and the state of one guest.
#ifndef WD_WASI_CTX_H
#define WD_WASI_CTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "platform/platform_fs.h"
#include "wasi/wasi_types.h"
#include "ward.h"

// Rights a directory descriptor may carry, and a file's.
#define WD_DIR_RIGHTS_RO                                                                           \
  (WD_R_PATH_OPEN | WD_R_FD_READDIR | WD_R_PATH_READLINK | WD_R_PATH_FILESTAT_GET |                \
   WD_R_FD_FILESTAT_GET | WD_R_POLL_FD_READWRITE | WD_R_FD_FDSTAT_SET_FLAGS)
#define WD_DIR_RIGHTS                                                                              \
  (WD_DIR_RIGHTS_RO | WD_R_PATH_CREATE_DIRECTORY | WD_R_PATH_CREATE_FILE | WD_R_PATH_LINK_SOURCE | \
   WD_R_PATH_LINK_TARGET | WD_R_PATH_RENAME_SOURCE | WD_R_PATH_RENAME_TARGET |                     \
   WD_R_PATH_FILESTAT_SET_SIZE | WD_R_PATH_FILESTAT_SET_TIMES | WD_R_FD_FILESTAT_SET_TIMES |       \
   WD_R_PATH_SYMLINK | WD_R_PATH_REMOVE_DIRECTORY | WD_R_PATH_UNLINK_FILE | WD_R_FD_SYNC |         \
   WD_R_FD_DATASYNC)
#define WD_FILE_RIGHTS_RO                                                                          \
  (WD_R_FD_READ | WD_R_FD_SEEK | WD_R_FD_TELL | WD_R_FD_ADVISE | WD_R_FD_FILESTAT_GET |            \
   WD_R_POLL_FD_READWRITE | WD_R_FD_FDSTAT_SET_FLAGS)
#define WD_FILE_RIGHTS                                                                             \
  (WD_FILE_RIGHTS_RO | WD_R_FD_DATASYNC | WD_R_FD_SYNC | WD_R_FD_WRITE | WD_R_FD_ALLOCATE |        \
   WD_R_FD_FILESTAT_SET_SIZE | WD_R_FD_FILESTAT_SET_TIMES)
#define WD_SOCK_RIGHTS                                                                             \
  (WD_R_FD_READ | WD_R_FD_WRITE | WD_R_POLL_FD_READWRITE | WD_R_SOCK_SHUTDOWN |                    \
   WD_R_FD_FILESTAT_GET | WD_R_FD_FDSTAT_SET_FLAGS)
#define WD_LISTEN_RIGHTS                                                                           \
  (WD_R_SOCK_ACCEPT | WD_R_POLL_FD_READWRITE | WD_R_FD_FILESTAT_GET | WD_R_FD_FDSTAT_SET_FLAGS)

typedef struct wd_wasi_fd {
  bool used;
  bool own;     // close `os` when the guest closes it
  uint8_t type; // wd_filetype_t
  wd_os_fd_t os;
  uint64_t base, inheriting; // rights
  char *preopen;             // the guest's name for a preopened directory, else NULL
  size_t preopen_len;
  wd_os_dir_t *dir; // fd_readdir's stream, opened on first use
  uint64_t dir_pos; // the cookie `dir` is positioned at
} wd_wasi_fd_t;

typedef struct wd_wasi_preopen {
  char *host, *guest;
  unsigned perms; // ward_wasi_dir_perms_t
} wd_wasi_preopen_t;

struct ward_wasi_config {
  char **argv;
  size_t argc;
  char **env; // "NAME=VALUE"
  size_t envc;
  wd_wasi_preopen_t *dirs;
  size_t ndirs;
  wd_os_fd_t *socks; // listening sockets, handed to the first ward_wasi_new
  size_t nsocks;
  int stdio[3];
  unsigned groups;
  bool stub;
};

struct ward_wasi {
  ward_store_t *store;
  char **argv, **env;
  size_t argc, envc, argv_bytes, env_bytes;
  wd_wasi_fd_t *fds;
  uint32_t nfds; // slots in fds
  uint32_t max_fds;
  unsigned groups;
  bool stub;
  ward_instance_t *mem_inst; // the instance `mem` was found in
  ward_memory_t *mem;
  void *bindings; // what each defined function is bound to (wasi_config.c)
};

// ---- descriptor table (wasi_fdtable.c) ----------------------------------------

// The descriptor fd if it is open and has all of `rights`: WD_EBADF if it is
// not open, WD_ENOTCAPABLE if it lacks a right.
wd_errno_t wd_wasi_fd_get(ward_wasi_t *w, uint32_t fd, uint64_t rights, wd_wasi_fd_t **out);
// Puts an open host descriptor in the lowest free slot; WD_EMFILE if the
// table is full (the descriptor is then closed).
wd_errno_t wd_wasi_fd_add(ward_wasi_t *w, wd_os_fd_t os, uint8_t type, uint64_t base,
                          uint64_t inheriting, uint32_t *out);
// Puts a host descriptor in slot `fd`, which must be free (WD_EMFILE past
// the table's limit). `own`: close it when the guest closes the slot.
wd_errno_t wd_wasi_fd_place(ward_wasi_t *w, uint32_t fd, wd_os_fd_t os, bool own, uint8_t type,
                            uint64_t base, uint64_t inheriting);
// Closes slot `fd` (whose validity the caller checked).
void wd_wasi_fd_release(ward_wasi_t *w, uint32_t fd);
// The WASI file type of a host descriptor.
uint8_t wd_wasi_os_type(wd_os_fd_t os);

// ---- the path walk (wasi_path.c) ------------------------------------------------

// Where a guest path leads: the directory that holds its last component and
// that component's name. `dir` is closed by wd_wasi_path_done.
typedef struct wd_wasi_path {
  wd_os_fd_t dir;
  bool own_dir;
  char *name;          // NUL-terminated single component ("." for the directory)
  bool trailing_slash; // the path ended in '/'
  char *buf;           // storage behind name
} wd_wasi_path_t;

// Resolves `path` (guest bytes, not NUL-terminated) against the directory
// descriptor `base`, one component at a time, never leaving it: `..` above
// it, absolute paths and symlinks leading out give WD_ENOTCAPABLE. Symlinks
// in intermediate components are followed (40 at most: WD_ELOOP); the last
// one only when `follow`.
wd_errno_t wd_wasi_path_resolve(const wd_wasi_fd_t *base, const char *path, size_t len, bool follow,
                                wd_wasi_path_t *out);
void wd_wasi_path_done(wd_wasi_path_t *p);

#endif
