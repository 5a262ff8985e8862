/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lz77: an LZ77 compressor with hash chains and its decompressor, round
 * tripping generated, compressible data (words from a small vocabulary, runs
 * and some noise).
 *
 * Compressed format, a sequence of tokens:
 *   0x00..0x7f  a literal run: the byte + 1 literal bytes follow (1..128);
 *   0x80..0xff  a match: length (byte & 0x7f) + MIN_MATCH, then the distance
 *               back (1..WINDOW) as two bytes, little-endian.
 *
 * Size: the number of rounds; each compresses and decompresses 1 MiB.
 */
#include "bench.h"

#define INPUT (1u << 20)
#define WINDOW 32768u
#define MIN_MATCH 4u
#define MAX_MATCH (0x7fu + MIN_MATCH)
#define HASH_BITS 15
#define MAX_CHAIN 24

static uint32_t hash4(const uint8_t *p) {
  uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
  return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* head[h]: the last position + 1 with hash h (0: none); prev[pos % WINDOW]:
 * the previous position + 1 with the same hash. */
static int32_t head[1u << HASH_BITS];
static int32_t prev[WINDOW];

static size_t flush_literals(uint8_t *out, size_t o, const uint8_t *lit, size_t n) {
  while (n) {
    size_t run = n < 128 ? n : 128;
    out[o++] = (uint8_t)(run - 1);
    memcpy(out + o, lit, run);
    o += run;
    lit += run;
    n -= run;
  }
  return o;
}

static void insert(const uint8_t *in, uint32_t pos) {
  uint32_t h = hash4(in + pos);
  prev[pos % WINDOW] = head[h];
  head[h] = (int32_t)pos + 1;
}

/* Returns the compressed size; out must hold n + n / 128 + 16 bytes. */
static size_t compress(const uint8_t *in, size_t n, uint8_t *out) {
  memset(head, 0, sizeof head);
  size_t o = 0, lit_start = 0;
  uint32_t pos = 0;
  while (pos + MIN_MATCH <= n) {
    uint32_t best_len = 0, best_dist = 0;
    int32_t cand = head[hash4(in + pos)];
    for (int chain = 0; cand && chain < MAX_CHAIN; chain++) {
      uint32_t c = (uint32_t)cand - 1;
      uint32_t dist = pos - c;
      if (dist > WINDOW)
        break;
      uint32_t limit = n - pos < MAX_MATCH ? (uint32_t)(n - pos) : MAX_MATCH;
      if (in[c + best_len] == in[pos + best_len]) {
        uint32_t l = 0;
        while (l < limit && in[c + l] == in[pos + l])
          l++;
        if (l > best_len) {
          best_len = l;
          best_dist = dist;
          if (l == limit)
            break;
        }
      }
      cand = prev[c % WINDOW];
    }
    if (best_len >= MIN_MATCH) {
      o = flush_literals(out, o, in + lit_start, pos - lit_start);
      out[o++] = (uint8_t)(0x80 | (best_len - MIN_MATCH));
      out[o++] = (uint8_t)(best_dist & 0xff);
      out[o++] = (uint8_t)(best_dist >> 8);
      uint32_t end = pos + best_len;
      for (; pos < end; pos++)
        if (pos + MIN_MATCH <= n)
          insert(in, pos);
      lit_start = pos;
    } else {
      insert(in, pos);
      pos++;
    }
  }
  return flush_literals(out, o, in + lit_start, n - lit_start);
}

/* Returns the decompressed size, or 0 on a malformed stream. */
static size_t decompress(const uint8_t *in, size_t n, uint8_t *out, size_t cap) {
  size_t i = 0, o = 0;
  while (i < n) {
    uint8_t t = in[i++];
    if (t < 0x80) {
      size_t run = (size_t)t + 1;
      if (i + run > n || o + run > cap)
        return 0;
      memcpy(out + o, in + i, run);
      i += run;
      o += run;
    } else {
      if (i + 2 > n)
        return 0;
      size_t len = (t & 0x7fu) + MIN_MATCH;
      size_t dist = (size_t)in[i] | (size_t)in[i + 1] << 8;
      i += 2;
      if (dist == 0 || dist > o || o + len > cap)
        return 0;
      /* Byte by byte: the source may overlap the bytes being written. */
      for (size_t k = 0; k < len; k++, o++)
        out[o] = out[o - dist];
    }
  }
  return o;
}

static void generate(uint8_t *buf, size_t n, rng_t *r) {
  static const char *const words[] = {"compress", "window", "match",   "literal", "distance",
                                      "the",      "of",     "and",     "stream",  "token",
                                      "hash",     "chain",  "buffer",  "decode",  "a",
                                      "length",   "byte",   "encoder", "round",   "trip"};
  size_t i = 0;
  while (i < n) {
    uint32_t p = rng_below(r, 100);
    if (p < 80) { /* a word and a separator */
      const char *w = words[rng_below(r, sizeof words / sizeof words[0])];
      while (*w && i < n)
        buf[i++] = (uint8_t)*w++;
      if (i < n)
        buf[i++] = rng_below(r, 10) ? ' ' : '\n';
    } else if (p < 90) { /* a run of one byte */
      uint8_t c = (uint8_t)rng_below(r, 256);
      for (uint32_t k = 3 + rng_below(r, 40); k && i < n; k--)
        buf[i++] = c;
    } else { /* noise */
      for (uint32_t k = 1 + rng_below(r, 16); k && i < n; k--)
        buf[i++] = (uint8_t)rng_u32(r);
    }
  }
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 50, 1);
  uint8_t *in = malloc(INPUT);
  uint8_t *packed = malloc(INPUT + INPUT / 128 + 16);
  uint8_t *back = malloc(INPUT);
  if (!in || !packed || !back) {
    fprintf(stderr, "lz77: out of memory\n");
    return 2;
  }
  uint64_t h = 0xcbf29ce484222325ull, total = 0;
  for (uint32_t round = 0; round < sz.n; round++) {
    rng_t r = rng_new(77 + round);
    generate(in, INPUT, &r);
    size_t plen = compress(in, INPUT, packed);
    size_t blen = decompress(packed, plen, back, INPUT);
    if (blen != INPUT || memcmp(in, back, INPUT) != 0) {
      printf("lz77: round %" PRIu32 ": round trip failed\n", round);
      return 1;
    }
    total += plen;
    h = mix64(h, plen);
    for (size_t i = 0; i < plen; i += 97)
      h = mix64(h, packed[i]);
  }
  printf("lz77: %" PRIu32 " x %u bytes -> %" PRIu64 " bytes (%.1f%%)\n", sz.n, INPUT, total,
         100.0 * (double)total / ((double)INPUT * sz.n));
  free(in);
  free(packed);
  free(back);
  return bench_check_u64("lz77", sz, h, 0x2ab76c8ea5ce41a3ull, 0xe41bd2a14ee995ceull);
}
