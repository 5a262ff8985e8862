// SPDX-License-Identifier: Apache-2.0
// The allocator hook and small helpers over it.
#include "util/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *default_realloc(void *ud, void *ptr, size_t size) {
  (void)ud;
  if (size == 0) {
    free(ptr);
    return NULL;
  }
  return realloc(ptr, size);
}

static wd_realloc_fn g_realloc = default_realloc;
static void *g_ud;

void wd_set_allocator(wd_realloc_fn fn, void *ud) {
  g_realloc = fn ? fn : default_realloc;
  g_ud = fn ? ud : NULL;
}

void *wd_malloc(size_t size) { return g_realloc(g_ud, NULL, size ? size : 1); }

void *wd_calloc(size_t n, size_t size) {
  if (size != 0 && n > SIZE_MAX / size)
    return NULL;
  size_t total = n * size;
  void *p = wd_malloc(total);
  if (p)
    memset(p, 0, total ? total : 1);
  return p;
}

void *wd_realloc(void *ptr, size_t size) { return g_realloc(g_ud, ptr, size ? size : 1); }

void wd_free(void *ptr) {
  if (ptr)
    g_realloc(g_ud, ptr, 0);
}

char *wd_strndup(const char *s, size_t n) {
  char *p = wd_malloc(n + 1);
  if (p) {
    if (n)
      memcpy(p, s, n);
    p[n] = '\0';
  }
  return p;
}

int wd_grow(void **buf, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap)
    return 0;
  size_t ncap = *cap ? *cap : 8;
  while (ncap < need) {
    if (ncap > SIZE_MAX / 2)
      return -1;
    ncap *= 2;
  }
  if (elem && ncap > SIZE_MAX / elem)
    return -1;
  void *p = wd_realloc(*buf, ncap * elem);
  if (!p)
    return -1;
  *buf = p;
  *cap = ncap;
  return 0;
}
