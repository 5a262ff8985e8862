/* SPDX-License-Identifier: Apache-2.0 */
/*
 * sort: sorts the same pseudo-random 32-bit integers twice, with a
 * quicksort (median of three, insertion sort below 16 elements, recursion
 * on the smaller half) and a top-down mergesort with one scratch buffer,
 * then checks that both results are sorted and identical.
 *
 * Size: the number of integers.
 */
#include "bench.h"

static void insertion_sort(uint32_t *a, int32_t lo, int32_t hi) {
  for (int32_t i = lo + 1; i <= hi; i++) {
    uint32_t v = a[i];
    int32_t j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static void swap(uint32_t *a, int32_t i, int32_t j) {
  uint32_t t = a[i];
  a[i] = a[j];
  a[j] = t;
}

static void quicksort(uint32_t *a, int32_t lo, int32_t hi) {
  while (hi - lo >= 16) {
    int32_t mid = lo + (hi - lo) / 2;
    if (a[mid] < a[lo])
      swap(a, mid, lo);
    if (a[hi] < a[lo])
      swap(a, hi, lo);
    if (a[hi] < a[mid])
      swap(a, hi, mid);
    uint32_t pivot = a[mid];
    int32_t i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot)
        i++;
      while (a[j] > pivot)
        j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    /* Recurse on the smaller part, loop on the larger: O(log n) depth. */
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
  insertion_sort(a, lo, hi);
}

static void merge_sort_rec(uint32_t *a, uint32_t *tmp, uint32_t lo, uint32_t hi) {
  if (hi - lo < 2)
    return;
  uint32_t mid = lo + (hi - lo) / 2;
  merge_sort_rec(a, tmp, lo, mid);
  merge_sort_rec(a, tmp, mid, hi);
  if (a[mid - 1] <= a[mid])
    return;
  uint32_t i = lo, j = mid, k = lo;
  while (i < mid && j < hi)
    tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
  while (i < mid)
    tmp[k++] = a[i++];
  while (j < hi)
    tmp[k++] = a[j++];
  memcpy(a + lo, tmp + lo, sizeof(uint32_t) * (hi - lo));
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 4000000, 50000);
  uint32_t n = sz.n;
  uint32_t *q = malloc(sizeof(uint32_t) * n);
  uint32_t *m = malloc(sizeof(uint32_t) * n);
  uint32_t *tmp = malloc(sizeof(uint32_t) * n);
  if (!q || !m || !tmp) {
    fprintf(stderr, "sort: out of memory\n");
    return 2;
  }
  rng_t r = rng_new(12345);
  for (uint32_t i = 0; i < n; i++) /* some duplicates: values below 4n */
    q[i] = m[i] = rng_below(&r, 4 * n);
  quicksort(q, 0, (int32_t)n - 1);
  merge_sort_rec(m, tmp, 0, n);
  uint64_t h = 0xcbf29ce484222325ull;
  uint32_t dups = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (q[i] != m[i] || (i > 0 && q[i - 1] > q[i])) {
      printf("sort: results differ or unsorted at %" PRIu32 "\n", i);
      return 1;
    }
    dups += i > 0 && q[i - 1] == q[i];
    if ((i & 63) == 0)
      h = mix64(h, q[i]);
  }
  h = mix64(h, dups);
  free(q);
  free(m);
  free(tmp);
  return bench_check_u64("sort", sz, h, 0x663274ee4a79cc28ull, 0xc0f35d8861f01952ull);
}
