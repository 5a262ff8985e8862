// SPDX-License-Identifier: Apache-2.0
// The unit tests' check: CHECK(cond) counts a pass or prints the failing
// condition and its line. Each test prints the counts and exits 1 on any
// failure. Included once per test program. Threads may check too: the
// counts are atomic.
#ifndef WD_TEST_CHECK_H
#define WD_TEST_CHECK_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

static atomic_int passed, failed;

static void check(bool ok, const char *what, int line) {
  if (ok) {
    passed++;
  } else {
    failed++;
    printf("FAIL line %d: %s\n", line, what);
    fflush(stdout); // before a fork or a crash
  }
}
#define CHECK(cond) check((cond), #cond, __LINE__)

#endif
