// SPDX-License-Identifier: Apache-2.0
// The registry of guarded ranges (platform.h wd_os_guard_register and
// _unregister), shared by the POSIX and Windows fault handlers: both ask it
// whether a faulting address is theirs.
#ifndef WD_PLATFORM_GUARD_REGISTRY_H
#define WD_PLATFORM_GUARD_REGISTRY_H

#include <stdbool.h>

// Whether addr lies in a registered range. Lock-free and async-signal-safe:
// a fault handler may call it at any moment, also while another thread
// registers or unregisters a range.
bool wd_guard_registered(const void *addr);

#endif
