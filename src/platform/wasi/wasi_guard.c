// SPDX-License-Identifier: Apache-2.0
// Guard pages on WASI: impossible (no signals, no memory protection), and
// the build never asks for them there (CMakeLists.txt: WARD_BOUNDS=guard
// needs a 64-bit host, and wasm32 takes explicit bounds checks). The calls
// exist for the interface's sake (the range registry is the shared
// src/platform/guard_registry.c) and do nothing; init fails so that a
// caller that asked anyway hears that there are no fault traps.
#include "platform/platform.h"

bool wd_os_guard_init(void) { return false; }

void wd_os_guard_enter(wd_os_guard_scope_t *sc, jmp_buf *jb) {
  sc->prev = NULL;
  sc->jb = jb;
  sc->nregs = 0;
  sc->pc = 0;
}

void wd_os_guard_leave(wd_os_guard_scope_t *sc) { (void)sc; }
