// SPDX-License-Identifier: Apache-2.0
// Windows virtual memory: VirtualAlloc reservations (MEM_RESERVE) committed
// page by page (MEM_COMMIT). Only committed pages count against the
// system's commit limit, so an 8 GiB guard reservation costs address space
// alone.
#include <windows.h>

#include "platform/platform.h"

void *wd_os_reserve(size_t size) { return VirtualAlloc(NULL, size, MEM_RESERVE, PAGE_NOACCESS); }

bool wd_os_commit(void *p, size_t size) {
  // Committed pages are zero-filled on first use, as the header asks.
  return size == 0 || VirtualAlloc(p, size, MEM_COMMIT, PAGE_READWRITE) != NULL;
}

void wd_os_release(void *p, size_t size) {
  (void)size; // MEM_RELEASE frees the whole reservation and wants size 0
  if (p)
    VirtualFree(p, 0, MEM_RELEASE);
}

bool wd_os_decommit(void *p, size_t size) {
  return size == 0 || VirtualFree(p, size, MEM_DECOMMIT) != 0;
}

// MEM_RESET would keep the pages' contents until the system needs the
// memory: decommit and commit again instead, which reads zeros.
bool wd_os_discard(void *p, size_t size) {
  return size == 0 || (VirtualFree(p, size, MEM_DECOMMIT) != 0 &&
                       VirtualAlloc(p, size, MEM_COMMIT, PAGE_READWRITE) != NULL);
}

size_t wd_os_page_size(void) {
  SYSTEM_INFO si;
  GetSystemInfo(&si);
  return si.dwPageSize ? (size_t)si.dwPageSize : 4096;
}
