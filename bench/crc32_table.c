/* SPDX-License-Identifier: Apache-2.0 */
/*
 * crc32_table: CRC-32 (the reflected 0xEDB88320 polynomial of zlib and
 * Ethernet) over a generated 1 MiB buffer, computed both byte at a time with
 * one 256-entry table and four bytes at a time with four tables (slicing by
 * four), which must agree. Checks "123456789" -> 0xCBF43926 first.
 *
 * Size: the number of passes over the buffer (the CRC runs on across
 * passes, as if over one long stream).
 */
#include "bench.h"

#define BUF (1u << 20)

static uint32_t table[4][256];

static void make_tables(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++)
      c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; i++)
    for (int t = 1; t < 4; t++)
      table[t][i] = (table[t - 1][i] >> 8) ^ table[0][table[t - 1][i] & 0xff];
}

/* The running value is kept inverted between calls (crc = ~state). */
static uint32_t crc_bytewise(uint32_t crc, const uint8_t *p, size_t n) {
  crc = ~crc;
  while (n--)
    crc = table[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static uint32_t crc_slice4(uint32_t crc, const uint8_t *p, size_t n) {
  crc = ~crc;
  while (n >= 4) {
    crc ^= (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    crc = table[3][crc & 0xff] ^ table[2][(crc >> 8) & 0xff] ^ table[1][(crc >> 16) & 0xff] ^
          table[0][crc >> 24];
    p += 4;
    n -= 4;
  }
  while (n--)
    crc = table[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 320, 4);
  make_tables();
  const char *check = "123456789";
  if (crc_bytewise(0, (const uint8_t *)check, 9) != 0xcbf43926u ||
      crc_slice4(0, (const uint8_t *)check, 9) != 0xcbf43926u) {
    printf("crc32_table: check value of \"123456789\" is wrong\n");
    return 1;
  }
  uint8_t *buf = malloc(BUF);
  if (!buf) {
    fprintf(stderr, "crc32_table: out of memory\n");
    return 2;
  }
  rng_t r = rng_new(0xc3c32);
  for (uint32_t i = 0; i < BUF; i++)
    buf[i] = (uint8_t)(rng_next(&r) >> 56);
  uint32_t a = 0, b = 0;
  for (uint32_t pass = 0; pass < sz.n; pass++) {
    /* An odd length and offset so the slicing tail is exercised too. */
    size_t off = pass % 3, len = BUF - off - pass % 5;
    if (pass % 4 == 0)
      a = crc_bytewise(a, buf + off, len);
    else
      a = crc_slice4(a, buf + off, len);
    if (pass % 4 == 1)
      b = crc_bytewise(b, buf + off, len);
    else
      b = crc_slice4(b, buf + off, len);
  }
  free(buf);
  if (a != b) {
    printf("crc32_table: byte-wise 0x%08" PRIx32 " != sliced 0x%08" PRIx32 "\n", a, b);
    return 1;
  }
  return bench_check_u64("crc32_table", sz, a, 0x3eacdcd7ull, 0x7f8c37f2ull);
}
