// SPDX-License-Identifier: Apache-2.0
// The guest half of the symlink-swap race: while the host's swapper keeps
// exchanging sandbox/swap between a real directory and a symlink to
// ../outside, this loops (for argv[1] ms, at most 200000 rounds) creating,
// truncating, writing, reading, mkdir-ing and linking through "swap/...".
// Whatever the timing, nothing may land in or come from outside: the runner
// checks the canary afterwards, and anything read is printed (so a leaked
// secret shows). Prints how many operations succeeded and failed.
#include "esc.h"

int main(int argc, char **argv) {
  REQUIRE_TRUE("argv[1] is the duration in ms", argc == 2);
  uint64_t end = now_ns(__WASI_CLOCKID_MONOTONIC) + (uint64_t)atoi(argv[1]) * 1000000ull;
  long ok = 0, err = 0, rounds = 0;
  __wasi_ciovec_t cv = {(const uint8_t *)"PWNED", 5};
  while (now_ns(__WASI_CLOCKID_MONOTONIC) < end && rounds < 200000) {
    rounds++;
    int32_t fd = -1;
    __wasi_size_t n;
    // 1. create + write
    if (p_open(PRE, 0, "swap/pwn.txt", __WASI_OFLAGS_CREAT, R_RW, 0, 0, &fd) == 0) {
      ok++;
      (void)__wasi_fd_write(fd, &cv, 1, &n);
      (void)__wasi_fd_close(fd);
    } else {
      err++;
    }
    // 2. truncate + read the secret (swap/secret.txt is a decoy when swap is the real dir)
    if (p_open(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "swap/secret.txt",
               rounds % 2 ? __WASI_OFLAGS_TRUNC : 0, R_RW, 0, 0, &fd) == 0) {
      ok++;
      char buf[128];
      __wasi_iovec_t iv = {(uint8_t *)buf, sizeof buf - 1};
      if (__wasi_fd_read(fd, &iv, 1, &n) == 0 && n > 0) {
        buf[n] = 0;
        if (strncmp(buf, "decoy", 5) != 0)
          printf("READ: %s\n", buf);
      }
      (void)__wasi_fd_close(fd);
    } else {
      err++;
    }
    // 3. mkdir, symlink, link, set_times, unlink through swap/
    if (p_mkdir(PRE, "swap/pwndir") == 0) {
      ok++;
      (void)p_rmdir(PRE, "swap/pwndir");
    } else {
      err++;
    }
    if (p_symlink("x", PRE, "swap/pwnlink") == 0) {
      ok++;
      (void)p_unlink(PRE, "swap/pwnlink");
    } else {
      err++;
    }
    if (p_link(PRE, 0, "swap/secret.txt", PRE, "hl.txt") == 0) {
      ok++;
      if (p_open(PRE, 0, "hl.txt", 0, R_RO, 0, 0, &fd) == 0) {
        char buf[128];
        __wasi_iovec_t iv = {(uint8_t *)buf, sizeof buf - 1};
        if (__wasi_fd_read(fd, &iv, 1, &n) == 0 && n > 0) {
          buf[n] = 0;
          if (strncmp(buf, "decoy", 5) != 0)
            printf("READ: %s\n", buf);
        }
        (void)__wasi_fd_close(fd);
      }
      (void)p_unlink(PRE, "hl.txt");
    } else {
      err++;
    }
    if (raw_path_filestat_set_times(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, S("swap/secret.txt"), 1,
                                    1, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM) == 0)
      ok++;
    else
      err++;
    if (p_rename(PRE, "swap/pwn.txt", PRE, "swap/pwn2.txt") == 0) {
      ok++;
      (void)p_unlink(PRE, "swap/pwn2.txt");
    } else {
      err++;
    }
  }
  printf("race: %ld rounds, %ld operations succeeded, %ld failed\n", rounds, ok, err);
  CHECK_TRUE("at least 50 rounds ran", rounds >= 50);
  CHECK_TRUE("some operations succeeded (swap was a directory at times)", ok > 0);
  done();
}
