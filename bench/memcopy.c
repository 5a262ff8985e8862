/* SPDX-License-Identifier: Apache-2.0 */
/*
 * memcopy: memory-bound bulk operations on 8 MiB buffers: memset, whole
 * buffer memcpy, memmove with overlapping ranges in both directions,
 * thousands of small and medium copies at random offsets, and a word-wise
 * XOR pass. Built for wasm with -mbulk-memory, clang turns the memcpy,
 * memmove and memset calls into memory.copy and memory.fill.
 *
 * Size: the number of rounds.
 */
#include "bench.h"

#define SIZE (8u << 20)

static uint64_t hash_words(const uint8_t *p, size_t n, uint64_t h) {
  const uint64_t *w = (const uint64_t *)p;
  for (size_t i = 0; i < n / 8; i += 509) /* a sparse sample */
    h = mix64(h, w[i]);
  return h;
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 700, 2);
  uint8_t *src = malloc(SIZE), *dst = malloc(SIZE);
  if (!src || !dst) {
    fprintf(stderr, "memcopy: out of memory\n");
    return 2;
  }
  rng_t r = rng_new(99);
  for (uint32_t i = 0; i < SIZE; i += 8) {
    uint64_t x = rng_next(&r);
    memcpy(src + i, &x, 8);
  }
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint32_t round = 0; round < sz.n; round++) {
    memset(dst, (int)(round & 0xff), SIZE);
    h = hash_words(dst, SIZE, h);
    memcpy(dst, src, SIZE);
    /* Overlapping moves: shift the buffer up, then down. */
    uint32_t shift = 1 + round % 13;
    memmove(dst + shift, dst, SIZE - shift);
    memmove(dst, dst + 2 * shift, SIZE - 2 * shift);
    h = hash_words(dst, SIZE, h);
    /* Many small copies (1..256 bytes) and fewer medium ones (up to 64K). */
    for (int i = 0; i < 20000; i++) {
      uint32_t len = 1 + rng_below(&r, 256);
      uint32_t from = rng_below(&r, SIZE - len), to = rng_below(&r, SIZE - len);
      memcpy(dst + to, src + from, len);
    }
    for (int i = 0; i < 200; i++) {
      uint32_t len = 1 + rng_below(&r, 65536);
      uint32_t from = rng_below(&r, SIZE - len), to = rng_below(&r, SIZE - len);
      memmove(dst + to, dst + from, len);
      memset(src + from, (int)(i & 0xff), len / 16);
    }
    /* A plain loop the compiler may not turn into a library call. */
    uint64_t *dw = (uint64_t *)dst;
    const uint64_t *sw = (const uint64_t *)src;
    for (uint32_t i = 0; i < SIZE / 8; i += 4)
      dw[i] ^= sw[i] + i;
    h = hash_words(dst, SIZE, h);
    /* Feed part of the result back into the source. */
    memcpy(src + (round * 4096u) % (SIZE / 2), dst + SIZE / 2, SIZE / 4);
  }
  free(src);
  free(dst);
  return bench_check_u64("memcopy", sz, h, 0x1bb2c4a462b38480ull, 0x5ac8da113394d823ull);
}
