// SPDX-License-Identifier: Apache-2.0
// fd_prestat_get/fd_prestat_dir_name: preopens are fds 3.. in command-line
// order with the guest names given in argv[1..]; the name is not
// NUL-terminated; a too-small buffer is an error; anything that is not a
// preopen (stdio, fds past the last preopen, opened files and dirs) is EBADF.
#include "wasi_check.h"

int main(int argc, char **argv) {
  REQUIRE_TRUE("argv lists the preopen names", argc >= 2);
  int npre = argc - 1;
  for (int i = 0; i < npre; i++) {
    int32_t fd = 3 + i;
    const char *want = argv[1 + i];
    size_t wl = strlen(want);
    __wasi_prestat_t ps;
    memset(&ps, 0x55, sizeof ps);
    char what[96];
    snprintf(what, sizeof what, "fd_prestat_get(%d)", fd);
    CHECK_OK(what, __wasi_fd_prestat_get(fd, &ps));
    CHECK_EQ("prestat tag is dir (0)", ps.tag, __WASI_PREOPENTYPE_DIR);
    snprintf(what, sizeof what, "name length of fd %d ('%s')", fd, want);
    CHECK_EQ(what, ps.u.dir.pr_name_len, wl);
    char name[256];
    memset(name, '#', sizeof name);
    snprintf(what, sizeof what, "fd_prestat_dir_name(%d, exact)", fd);
    CHECK_OK(what, __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, wl));
    wc_checks++;
    if (memcmp(name, want, wl) != 0)
      wc_fail("name of fd %d (got '%.*s', want '%s')", fd, (int)wl, name, want);
    CHECK_EQ("byte after the name untouched (exact buffer)", (uint8_t)name[wl], '#');
    memset(name, '#', sizeof name);
    CHECK_OK("fd_prestat_dir_name(larger buffer)",
             __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, wl + 10));
    CHECK_TRUE("name with a larger buffer", memcmp(name, want, wl) == 0);
    CHECK_TRUE("name is not NUL-terminated or padded beyond its length",
               (uint8_t)name[wl] == '#' || name[wl] == 0);
    if (wl > 0) {
      memset(name, '#', sizeof name);
      snprintf(what, sizeof what, "fd_prestat_dir_name(%d) with buf_len %zu", fd, wl - 1);
      CHECK_ERRNO_IN(what, __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, wl - 1),
                     __WASI_ERRNO_INVAL, __WASI_ERRNO_NAMETOOLONG);
      CHECK_EQ("short buffer: nothing written past buf_len", (uint8_t)name[wl - 1], '#');
    }
    wc_info("fd %d is preopen '%s'", fd, want);
  }
  __wasi_prestat_t ps;
  char name[64];
  int32_t after = 3 + npre;
  CHECK_ERRNO("fd_prestat_get(first fd after the preopens)", __wasi_fd_prestat_get(after, &ps),
              __WASI_ERRNO_BADF);
  CHECK_ERRNO("fd_prestat_dir_name(first fd after the preopens)",
              __wasi_fd_prestat_dir_name(after, (uint8_t *)name, sizeof name), __WASI_ERRNO_BADF);
  for (int s = 0; s < 3; s++)
    CHECK_ERRNO("fd_prestat_get(stdio)", __wasi_fd_prestat_get(s, &ps), __WASI_ERRNO_BADF);
  CHECK_ERRNO("fd_prestat_get(0xffffffff)", __wasi_fd_prestat_get(0xffffffffu, &ps),
              __WASI_ERRNO_BADF);
  int32_t f = create_file(3, "pf.txt", 0);
  CHECK_ERRNO("fd_prestat_get(opened file)", __wasi_fd_prestat_get(f, &ps), __WASI_ERRNO_BADF);
  int32_t d = -1;
  REQUIRE_OK("open '.'",
             p_open(3, 0, ".", __WASI_OFLAGS_DIRECTORY, dir_rights(PRE), dir_inh(PRE), 0, &d));
  CHECK_ERRNO("fd_prestat_get(opened directory)", __wasi_fd_prestat_get(d, &ps), __WASI_ERRNO_BADF);
  done();
}
