/* SPDX-License-Identifier: Apache-2.0 */
/*
 * sha256: SHA-256 (FIPS 180-4) over a generated stream of pseudo-random
 * bytes, fed in odd-sized pieces to exercise the buffering. The program
 * first checks the standard test vectors ("abc" and the 448-bit message).
 *
 * Size: the stream length in MiB. `sha256 dump [quick|full|N]` writes the
 * stream itself to stdout instead, so that the expected digests can be
 * checked with an independent tool: `./sha256 dump quick | sha256sum`.
 */
#include "bench.h"

typedef struct {
  uint32_t h[8];
  uint8_t buf[64];
  uint32_t used;
  uint64_t total;
} sha256_t;

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static inline uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static void compress(uint32_t h[8], const uint8_t *p) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
           p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
  uint32_t e = h[4], f = h[5], g = h[6], k = h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    k = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += k;
}

static void sha_init(sha256_t *s) {
  static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(s->h, iv, sizeof iv);
  s->used = 0;
  s->total = 0;
}

static void sha_update(sha256_t *s, const uint8_t *p, size_t n) {
  s->total += n;
  if (s->used) {
    size_t take = 64 - s->used < n ? 64 - s->used : n;
    memcpy(s->buf + s->used, p, take);
    s->used += (uint32_t)take;
    p += take;
    n -= take;
    if (s->used < 64)
      return;
    compress(s->h, s->buf);
    s->used = 0;
  }
  for (; n >= 64; p += 64, n -= 64)
    compress(s->h, p);
  memcpy(s->buf, p, n);
  s->used = (uint32_t)n;
}

static void sha_final(sha256_t *s, uint8_t out[32]) {
  uint64_t bits = s->total * 8;
  uint8_t pad[72] = {0x80};
  size_t padlen = (s->used < 56 ? 56 : 120) - s->used;
  sha_update(s, pad, padlen);
  uint8_t len[8];
  for (int i = 0; i < 8; i++)
    len[i] = (uint8_t)(bits >> (56 - 8 * i));
  sha_update(s, len, 8);
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 4; j++)
      out[4 * i + j] = (uint8_t)(s->h[i] >> (24 - 8 * j));
}

static void to_hex(const uint8_t d[32], char out[65]) {
  for (int i = 0; i < 32; i++)
    snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static int self_test(void) {
  static const struct {
    const char *msg, *hex;
  } v[] = {
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
  };
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
    sha256_t s;
    uint8_t d[32];
    char hex[65];
    sha_init(&s);
    sha_update(&s, (const uint8_t *)v[i].msg, strlen(v[i].msg));
    sha_final(&s, d);
    to_hex(d, hex);
    if (strcmp(hex, v[i].hex) != 0) {
      printf("sha256: test vector %zu failed: %s\n", i, hex);
      return 1;
    }
  }
  return 0;
}

#define CHUNK 65536

int main(int argc, char **argv) {
  int dump = argc > 1 && strcmp(argv[1], "dump") == 0;
  if (dump) {
    argc--;
    argv++;
  }
  bench_size_t sz = bench_size(argc, argv, 200, 4);
  if (!dump && self_test())
    return 1;
  static uint8_t chunk[CHUNK];
  rng_t r = rng_new(0x5a256);
  sha256_t s;
  sha_init(&s);
  uint64_t left = (uint64_t)sz.n << 20;
  uint32_t piece = 1;
  while (left) {
    for (uint32_t i = 0; i < CHUNK; i += 8) {
      uint64_t x = rng_next(&r);
      memcpy(chunk + i, &x, 8); /* little-endian on both targets */
    }
    size_t n = left < CHUNK ? (size_t)left : CHUNK;
    if (dump) {
      fwrite(chunk, 1, n, stdout);
    } else {
      /* Feed the chunk in pieces of varying (often odd) sizes. */
      for (size_t off = 0; off < n;) {
        size_t take = piece < n - off ? piece : n - off;
        sha_update(&s, chunk + off, take);
        off += take;
        piece = piece * 5 % 8191 + 1;
      }
    }
    left -= n;
  }
  if (dump)
    return 0;
  uint8_t d[32];
  char hex[65];
  sha_final(&s, d);
  to_hex(d, hex);
  /* Both digests were checked with `./sha256 dump full|quick | sha256sum`. */
  static const char *const want_full =
      "6c10d27f5182128d43e952d431a2c785f0381fcfe70e0d67a6229c15402bd931";
  static const char *const want_quick =
      "4fe0561231da4ddfde72de7a521c61405a8496e64762dc8c6ff1c89c3acdf9cd";
  if (sz.mode == BENCH_CUSTOM) {
    printf("sha256: n=%" PRIu32 " digest %s (unchecked)\n", sz.n, hex);
    return 0;
  }
  const char *want = sz.mode == BENCH_FULL ? want_full : want_quick;
  if (strcmp(hex, want) != 0) {
    printf("sha256: n=%" PRIu32 " digest %s MISMATCH, expected %s\n", sz.n, hex, want);
    return 1;
  }
  printf("sha256: n=%" PRIu32 " digest %s OK\n", sz.n, hex);
  return 0;
}
