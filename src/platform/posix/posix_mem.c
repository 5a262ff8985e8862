// SPDX-License-Identifier: Apache-2.0
// POSIX virtual memory: mmap reservations committed with mprotect.
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

size_t wd_os_page_size(void) {
  long n = sysconf(_SC_PAGESIZE);
  return n > 0 ? (size_t)n : 4096;
}
