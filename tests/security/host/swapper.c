// SPDX-License-Identifier: Apache-2.0
// The host half of the symlink-swap race. Atomically exchanges two names
// (renameat2 RENAME_EXCHANGE): DIR/swap and DIR/alt, one a real directory,
// the other a symlink to ../outside, ITERATIONS times or until MAX_MS
// milliseconds pass, whichever comes first; then prints the count.
// Usage: swapper DIR ITERATIONS MAX_MS
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: swapper DIR ITERATIONS MAX_MS\n");
    return 2;
  }
  int dir = open(argv[1], O_RDONLY | O_DIRECTORY);
  if (dir < 0) {
    perror("swapper: open");
    return 1;
  }
  long n = atol(argv[2]), done = 0;
  double end = now_ms() + atof(argv[3]);
  while (done < n && now_ms() < end) {
    if (syscall(SYS_renameat2, dir, "swap", dir, "alt", RENAME_EXCHANGE) != 0) {
      perror("swapper: renameat2(RENAME_EXCHANGE)");
      return 1;
    }
    done++;
    // A short pause so each state lasts long enough to be hit.
    struct timespec ts = {0, 50 * 1000};
    nanosleep(&ts, NULL);
  }
  printf("swapper: %ld swaps\n", done);
  return 0;
}
