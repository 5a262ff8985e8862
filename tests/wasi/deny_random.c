// SPDX-License-Identifier: Apache-2.0
// --deny random: run plainly, this module must fail to link (the runner
// checks); with --deny-stub, random_get returns ENOSYS (52) and writes
// nothing, while the granted groups still work.
#include "wasi_check.h"

int main(void) {
  uint8_t buf[16];
  memset(buf, 0x77, sizeof buf);
  CHECK_ERRNO("random_get (denied, stub)", __wasi_random_get(buf, sizeof buf), __WASI_ERRNO_NOSYS);
  int changed = 0;
  for (size_t i = 0; i < sizeof buf; i++)
    changed += buf[i] != 0x77;
  CHECK_EQ("bytes written by the stub", changed, 0);
  __wasi_timestamp_t t = 0;
  CHECK_OK("clock_time_get (granted)", __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &t));
  done();
}
