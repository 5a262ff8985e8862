// SPDX-License-Identifier: Apache-2.0
// random_get: length 0 succeeds and writes nothing; two fills differ; a
// large fill works and looks random (no byte value missing in 1 MiB).
#include "wasi_check.h"

int main(void) {
  uint8_t guard[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  CHECK_OK("random_get(len 0)", __wasi_random_get(guard, 0));
  CHECK_EQ("len 0 writes nothing", guard[0] + guard[7], 9);
  uint8_t a[64], b[64];
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  uint8_t *big = malloc((1 << 20) + 2);
  big[0] = 0x5A;
  big[(1 << 20) + 1] = 0xA5;
  CHECK_OK("random_get(64)", __wasi_random_get(a, sizeof a));
  CHECK_OK("random_get(64) again", __wasi_random_get(b, sizeof b));
  CHECK_TRUE("two 64-byte fills differ", memcmp(a, b, sizeof a) != 0);
  int zero = 0;
  for (size_t i = 0; i < sizeof a; i++)
    zero += a[i] == 0;
  CHECK_TRUE("64-byte fill is not mostly zero", zero < 16);
  CHECK_OK("random_get(1 MiB)", __wasi_random_get(big + 1, 1 << 20));
  CHECK_EQ("byte before the 1 MiB fill untouched", big[0], 0x5A);
  CHECK_EQ("byte after the 1 MiB fill untouched", big[(1 << 20) + 1], 0xA5);
  unsigned count[256] = {0};
  for (size_t i = 1; i <= (1 << 20); i++)
    count[big[i]]++;
  int missing = 0;
  unsigned maxc = 0;
  for (int i = 0; i < 256; i++) {
    missing += count[i] == 0;
    if (count[i] > maxc)
      maxc = count[i];
  }
  CHECK_EQ("byte values never produced in 1 MiB", missing, 0);
  CHECK_TRUE("no byte value over 2x its expected share (4096)", maxc < 8192);
  done();
}
