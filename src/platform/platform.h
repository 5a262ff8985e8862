// SPDX-License-Identifier: Apache-2.0
// The only interface to the operating system. Core part: virtual memory.
#ifndef WD_PLATFORM_H
#define WD_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>

// Reserves `size` bytes of inaccessible address space; NULL on failure or
// where the platform cannot reserve without committing.
void *wd_os_reserve(size_t size);
// Makes [p, p + size) readable and writable, zero-filled on first use.
bool wd_os_commit(void *p, size_t size);
// Returns a reservation to the system.
void wd_os_release(void *p, size_t size);
// The page size of the system.
size_t wd_os_page_size(void);

#endif
