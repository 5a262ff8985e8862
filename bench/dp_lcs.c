/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dp_lcs: dynamic programming over two generated DNA-like strings: the
 * length of the longest common subsequence and the Levenshtein edit
 * distance, each in O(n) memory with one or two rolling rows. The second
 * string is a mutated copy of the first (substitutions, insertions and
 * deletions), so the answers are far from trivial.
 *
 * Size: the length of the strings.
 */
#include "bench.h"

static uint32_t lcs(const char *a, uint32_t na, const char *b, uint32_t nb, uint32_t *row) {
  /* row[j] = LCS(a[0..i), b[0..j)); diag carries the previous row's j-1. */
  memset(row, 0, sizeof(uint32_t) * (nb + 1));
  for (uint32_t i = 1; i <= na; i++) {
    uint32_t diag = 0;
    char ai = a[i - 1];
    for (uint32_t j = 1; j <= nb; j++) {
      uint32_t up = row[j];
      uint32_t v;
      if (ai == b[j - 1])
        v = diag + 1;
      else
        v = up > row[j - 1] ? up : row[j - 1];
      diag = up;
      row[j] = v;
    }
  }
  return row[nb];
}

static uint32_t edit_distance(const char *a, uint32_t na, const char *b, uint32_t nb,
                              uint32_t *prev, uint32_t *cur) {
  for (uint32_t j = 0; j <= nb; j++)
    prev[j] = j;
  for (uint32_t i = 1; i <= na; i++) {
    cur[0] = i;
    char ai = a[i - 1];
    for (uint32_t j = 1; j <= nb; j++) {
      uint32_t sub = prev[j - 1] + (ai != b[j - 1]);
      uint32_t del = prev[j] + 1;
      uint32_t ins = cur[j - 1] + 1;
      uint32_t m = sub < del ? sub : del;
      cur[j] = m < ins ? m : ins;
    }
    uint32_t *t = prev;
    prev = cur;
    cur = t;
  }
  return prev[nb];
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 20000, 600);
  uint32_t n = sz.n;
  static const char alphabet[4] = {'A', 'C', 'G', 'T'};
  char *a = malloc(n);
  char *b = malloc(n + n / 8 + 1);
  uint32_t *r1 = malloc(sizeof(uint32_t) * (n + n / 8 + 2));
  uint32_t *r2 = malloc(sizeof(uint32_t) * (n + n / 8 + 2));
  if (!a || !b || !r1 || !r2) {
    fprintf(stderr, "dp_lcs: out of memory\n");
    return 2;
  }
  rng_t r = rng_new(2024);
  for (uint32_t i = 0; i < n; i++)
    a[i] = alphabet[rng_below(&r, 4)];
  uint32_t nb = 0;
  for (uint32_t i = 0; i < n && nb < n + n / 8; i++) {
    uint32_t p = rng_below(&r, 100);
    if (p < 8) /* substitution */
      b[nb++] = alphabet[rng_below(&r, 4)];
    else if (p < 12) /* deletion */
      continue;
    else if (p < 16) { /* insertion */
      b[nb++] = alphabet[rng_below(&r, 4)];
      b[nb++] = a[i];
    } else
      b[nb++] = a[i];
  }
  uint32_t l = lcs(a, n, b, nb, r1);
  uint32_t d = edit_distance(a, n, b, nb, r1, r2);
  uint64_t h = mix64(mix64(mix64(0, nb), l), d);
  printf("dp_lcs: |a|=%" PRIu32 " |b|=%" PRIu32 " lcs=%" PRIu32 " edit=%" PRIu32 "\n", n, nb, l, d);
  free(a);
  free(b);
  free(r1);
  free(r2);
  return bench_check_u64("dp_lcs", sz, h, 0x3adf8e97c4a25281ull, 0x8d2cd72a1d80b043ull);
}
