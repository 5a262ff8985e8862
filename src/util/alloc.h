// SPDX-License-Identifier: Apache-2.0
// The one allocator hook for all heap use, so tests can inject failures.
#ifndef WD_UTIL_ALLOC_H
#define WD_UTIL_ALLOC_H

#include <stddef.h>

// The hook: realloc semantics (ptr NULL = malloc, size 0 = free; returns
// NULL on failure). The default is the C library's.
typedef void *(*wd_realloc_fn)(void *ud, void *ptr, size_t size);
void wd_set_allocator(wd_realloc_fn fn, void *ud);

void *wd_malloc(size_t size);
void *wd_calloc(size_t n, size_t size); // NULL on overflow of n * size
void *wd_realloc(void *ptr, size_t size);
void wd_free(void *ptr);
char *wd_strndup(const char *s, size_t n); // always NUL-terminates

// Grows *buf (of *cap elements of `elem` bytes) so that it holds at least
// `need` elements; doubles. Returns 0, or -1 on overflow or out of memory
// (the buffer is unchanged then).
int wd_grow(void **buf, size_t *cap, size_t need, size_t elem);

#endif
