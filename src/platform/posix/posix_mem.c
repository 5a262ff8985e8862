// SPDX-License-Identifier: Apache-2.0
// POSIX virtual memory: mmap reservations committed with mprotect, and
// given back with MAP_FIXED mappings over them (or madvise on Linux).
#define _DEFAULT_SOURCE 1
#include <sys/mman.h>
#include <unistd.h>

#include "platform/platform.h"

// MAP_NORESERVE (no swap accounted for a reservation that stays mostly
// untouched) is Linux's and some others'; FreeBSD and OpenBSD do not define
// it, and a PROT_NONE mapping reserves nothing there anyway.
#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif

void *wd_os_reserve(size_t size) {
  void *p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

bool wd_os_commit(void *p, size_t size) {
  return size == 0 || mprotect(p, size, PROT_READ | PROT_WRITE) == 0;
}

void wd_os_release(void *p, size_t size) {
  if (p)
    munmap(p, size);
}

// MAP_FIXED over part of a mapping replaces those pages by new ones in one
// step (no moment at which another thread's mmap could take the range).
bool wd_os_decommit(void *p, size_t size) {
  return size == 0 || mmap(p, size, PROT_NONE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0) == p;
}

bool wd_os_discard(void *p, size_t size) {
  if (size == 0)
    return true;
#ifdef __linux__
  // Linux frees the pages of a private anonymous mapping and fills them
  // with zeros on their next use, without touching the mapping itself.
  return madvise(p, size, MADV_DONTNEED) == 0;
#else
  // Elsewhere MADV_DONTNEED may keep the contents (macOS, the BSDs): map
  // fresh zero pages over the range instead.
  return mmap(p, size, PROT_READ | PROT_WRITE,
              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0) == p;
#endif
}

size_t wd_os_page_size(void) {
  long n = sysconf(_SC_PAGESIZE);
  return n > 0 ? (size_t)n : 4096;
}
