// SPDX-License-Identifier: Apache-2.0
// wd_os_iovec_t arrays -> struct iovec arrays for readv/writev/recvmsg and
// friends, shared by the POSIX file and socket code (header-only, static).
#ifndef WD_POSIX_IOV_H
#define WD_POSIX_IOV_H

#include <limits.h>
#include <sys/types.h>
#include <sys/uio.h>

#include "platform/platform_fs.h"
#include "util/alloc.h"

#ifndef IOV_MAX
#define IOV_MAX 1024
#endif

enum { WD_IOV_STACK = 16 };

// A converted vector: `v[0..n)`, in `stack` or on the heap.
typedef struct wd_iov {
  struct iovec *v;
  int n;
  struct iovec stack[WD_IOV_STACK];
} wd_iov_t;

// Converts iov[0..n) into t. Never fails: a vector longer than the host
// accepts (IOV_MAX entries, SSIZE_MAX bytes in total) or than can be
// allocated is cut short, which only makes the transfer short (and a short
// count is not an error for any caller). Release with wd_iov_free.
static inline void wd_iov_init(wd_iov_t *t, const wd_os_iovec_t *iov, size_t n) {
  size_t max = n < (size_t)IOV_MAX ? n : (size_t)IOV_MAX;
  t->v = t->stack;
  if (max > WD_IOV_STACK) {
    struct iovec *heap = wd_malloc(max * sizeof *heap);
    if (heap)
      t->v = heap;
    else
      max = WD_IOV_STACK;
  }
  size_t total = 0, i = 0;
  for (; i < max; i++) {
    size_t len = iov[i].len;
    if (len > (size_t)SSIZE_MAX - total)
      len = (size_t)SSIZE_MAX - total;
    t->v[i].iov_base = iov[i].buf;
    t->v[i].iov_len = len;
    total += len;
    if (total == (size_t)SSIZE_MAX) {
      i++;
      break;
    }
  }
  t->n = (int)i;
}

static inline void wd_iov_free(wd_iov_t *t) {
  if (t->v != t->stack)
    wd_free(t->v);
  t->v = t->stack;
  t->n = 0;
}

#endif
