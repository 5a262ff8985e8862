// SPDX-License-Identifier: Apache-2.0
// ward: WASI preview1 (wasi_snapshot_preview1, and the older wasi_unstable)
// for an instance, with no ambient authority: the guest reaches only the
// arguments, environment variables, directories, sockets and standard
// streams its host grants here.
#ifndef WARD_WASI_H
#define WARD_WASI_H

#include "ward/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ward_wasi_config ward_wasi_config_t;
typedef struct ward_wasi ward_wasi_t;

// Groups of WASI functions; a host grants a module some of them.
typedef enum ward_wasi_group {
  WARD_WASI_ARGS = 1 << 0,   // args_get, args_sizes_get, environ_get, environ_sizes_get
  WARD_WASI_CLOCKS = 1 << 1, // clock_res_get, clock_time_get
  WARD_WASI_RANDOM = 1 << 2, // random_get
  WARD_WASI_FD = 1 << 3,     // fd_* (descriptors, including stdio)
  WARD_WASI_PATH = 1 << 4,   // path_* (the file system under preopens)
  WARD_WASI_POLL = 1 << 5,   // poll_oneoff
  WARD_WASI_PROC = 1 << 6,   // proc_exit, proc_raise, sched_yield
  WARD_WASI_SOCK = 1 << 7,   // sock_accept, sock_recv, sock_send, sock_shutdown
  WARD_WASI_ALL = 0xFF,
} ward_wasi_group_t;

// The name of a group ("args", "clocks", "random", "fd", "path", "poll",
// "proc", "sock"), and the group of a name (0 if none).
WARD_API const char *ward_wasi_group_name(ward_wasi_group_t g);
WARD_API ward_wasi_group_t ward_wasi_group_from_name(const char *name, size_t len);

typedef enum ward_wasi_dir_perms {
  WARD_WASI_DIR_READ = 1,  // list, stat, open files for reading
  WARD_WASI_DIR_WRITE = 2, // create, write, truncate, rename, link, remove, set times
  WARD_WASI_DIR_RW = 3,
} ward_wasi_dir_perms_t;

// A new configuration granting nothing: no arguments, no environment, no
// directories, no sockets; the host's stdin, stdout and stderr as fds 0-2;
// all function groups. NULL if out of memory.
WARD_API ward_wasi_config_t *ward_wasi_config_new(void);
WARD_API void ward_wasi_config_delete(ward_wasi_config_t *cfg);

// The guest's argv (argv[0] is the program name). Copied.
WARD_API ward_error_t *ward_wasi_config_set_args(ward_wasi_config_t *cfg, size_t argc,
                                                 const char *const *argv);
// Adds NAME=VALUE to the guest's environment. Copied.
WARD_API ward_error_t *ward_wasi_config_add_env(ward_wasi_config_t *cfg, const char *name,
                                                const char *value);
// Grants the host directory `host_path` to the guest as `guest_path`, with
// `perms`. Preopens become fds 3, 4, ... in the order they are added. The
// directory is opened now: an error if it cannot be (the message names it).
WARD_API ward_error_t *ward_wasi_config_preopen_dir(ward_wasi_config_t *cfg, const char *host_path,
                                                    const char *guest_path,
                                                    ward_wasi_dir_perms_t perms);
// Grants a TCP socket listening on `addr` ("127.0.0.1:8080", "[::1]:8080"),
// as the next preopened fd; the guest may sock_accept on it.
WARD_API ward_error_t *ward_wasi_config_tcplisten(ward_wasi_config_t *cfg, const char *addr);
// Uses host descriptors (POSIX fds) as the guest's stdin, stdout, stderr;
// -1 leaves that one closed. The config does not close them.
WARD_API void ward_wasi_config_set_stdio(ward_wasi_config_t *cfg, int in, int out, int err);
// Grants only the function groups in `groups` (a ward_wasi_group_t mask).
// A module importing a function of a withheld group fails to link, naming
// the function; with `stub` true it links to a stub returning ENOSYS.
WARD_API void ward_wasi_config_set_groups(ward_wasi_config_t *cfg, unsigned groups, bool stub);

// Creates the WASI state from cfg (the config may be deleted afterwards)
// and defines its functions in `linker` under "wasi_snapshot_preview1" and
// "wasi_unstable". Instantiate the module with that linker and `store`.
WARD_API ward_error_t *ward_wasi_new(ward_linker_t *linker, ward_store_t *store,
                                     const ward_wasi_config_t *cfg, ward_wasi_t **out);
// Closes every descriptor the guest still holds, and frees the state.
// Call it before deleting the store.
WARD_API void ward_wasi_delete(ward_wasi_t *wasi);

// Runs the instance's `_start` with this WASI state. Returns the exit
// status: 0 when _start returns, the proc_exit code when the guest exits.
// A trap is returned through *trap (the status is then 134).
WARD_API ward_error_t *ward_wasi_run_start(ward_wasi_t *wasi, ward_instance_t *inst, int *status,
                                           ward_trap_t **trap);

#ifdef __cplusplus
}
#endif
#endif
