// SPDX-License-Identifier: Apache-2.0
// The only interface to the operating system. Core part: virtual memory and
// the guard-page traps of linear memory.
#ifndef WD_PLATFORM_H
#define WD_PLATFORM_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// Reserves `size` bytes of inaccessible address space; NULL on failure or
// where the platform cannot reserve without committing.
void *wd_os_reserve(size_t size);
// Makes [p, p + size) readable and writable, zero-filled on first use.
bool wd_os_commit(void *p, size_t size);
// Returns a reservation to the system.
void wd_os_release(void *p, size_t size);
// Makes committed pages [p, p + size) inaccessible again, as if reserved and
// never committed: their memory goes back to the system and their contents
// are lost (a later wd_os_commit reads zeros). False on failure (the range
// may then still be accessible).
bool wd_os_decommit(void *p, size_t size);
// Zero-fills committed pages [p, p + size), which stay readable and
// writable, and returns their memory to the system (the next use of a page
// faults a zero page in). False on failure (the contents are then unknown).
bool wd_os_discard(void *p, size_t size);
// The page size of the system.
size_t wd_os_page_size(void);

// ---- guard pages --------------------------------------------------------------
// With WD_GUARD_PAGES (set by the build: -DWARD_BOUNDS=guard, or auto on a
// 64-bit POSIX host) every linear memory reserves WD_GUARD_RESERVE bytes and
// commits only its current size; an access beyond the size faults instead
// of being checked, and the fault becomes a trap through the calls below.
// Without it (explicit bounds checks) the calls exist but nothing uses them.
#ifndef WD_GUARD_PAGES
#define WD_GUARD_PAGES 0
#endif

// Address space reserved per memory with guard pages: 8 GiB + 64 KiB. A
// wasm address is a u32 base plus a u32 offset (< 8 GiB) and an access
// touches at most 16 bytes past it, so no access of a 32-bit memory can
// leave the reservation, whatever the memory's size.
#define WD_GUARD_RESERVE ((UINT64_C(8) << 30) + UINT64_C(65536))

// Installs the process's fault handlers (SIGSEGV and SIGBUS on POSIX), once
// per process however often and from whichever threads it is called. A
// fault is ours when its address lies in a registered range and the
// faulting thread has an open scope; then the handler jumps to the
// innermost scope's jmp_buf. Any other fault goes to the handler that was
// installed before (or, if there was none, kills the process as it would
// have). False if the handlers could not be installed.
bool wd_os_guard_init(void);
// Registers [base, base + size) as a guarded range in the process-wide
// registry that the fault handler reads (without locks, so it may run at
// any moment). False if out of memory.
bool wd_os_guard_register(void *base, size_t size);
// Removes the range that starts at `base` (call it before releasing the
// range); nothing if there is none.
void wd_os_guard_unregister(void *base);

// A scope: where a guarded fault on this thread returns. Scopes nest, one
// stack per thread; the innermost one catches. Before it jumps, the handler
// copies the faulting thread's general registers (their values at the
// fault, in no set order) to regs, nregs of them, and the address of the
// faulting machine instruction to pc: 0 and 0 where the system does not
// give them (the interpreter looks for its own instruction pointer there).
// Linux on x86-64 and arm64, and Windows, give them.
#define WD_OS_FAULT_REGS 32
typedef struct wd_os_guard_scope {
  struct wd_os_guard_scope *prev;
  jmp_buf *jb;
  uintptr_t regs[WD_OS_FAULT_REGS];
  unsigned nregs;
  uintptr_t pc;
} wd_os_guard_scope_t;

// Opens scope `sc` on this thread: a guarded fault until the matching
// wd_os_guard_leave does longjmp(*jb, 1). The caller owns both objects and
// keeps them alive until it leaves. Use it as
//
//   jmp_buf jb;
//   wd_os_guard_scope_t sc;
//   wd_os_guard_enter(&sc, &jb);
//   if (setjmp(jb)) {           // a guarded fault came back here
//     wd_os_guard_leave(&sc);
//     ... out of bounds trap ...
//   }
//   ... accesses to guarded memory ...
//   wd_os_guard_leave(&sc);
//
// (enter before setjmp, so that `sc` does not change between setjmp and the
// jump; locals changed in between must be volatile, as with any longjmp).
// The first scope of a thread also gives the thread an alternate signal
// stack if it has none, so that a fault is handled even when the thread's
// stack is nearly exhausted. A scope with jb NULL catches nothing: the
// interpreter opens one around host functions, so that a fault in host code
// is never taken for a wasm trap.
void wd_os_guard_enter(wd_os_guard_scope_t *sc, jmp_buf *jb);
// Closes `sc`: the innermost scope becomes the one that was open when `sc`
// was entered (so scopes inside `sc` that were never left are dropped too).
// The trap path after setjmp must leave as well: the jump pops nothing.
void wd_os_guard_leave(wd_os_guard_scope_t *sc);

// ---- timers ---------------------------------------------------------------------
// A thread that calls fn(arg) once, `ns` nanoseconds (of a monotonic clock)
// after wd_os_timer_start, unless wd_os_timer_stop comes first. NULL if the
// thread cannot be made, or where the platform has no threads (WASI).
typedef struct wd_os_timer wd_os_timer_t;
wd_os_timer_t *wd_os_timer_start(uint64_t ns, void (*fn)(void *), void *arg);
// Cancels the timer if it has not fired, waits for its thread to end and
// frees it. Returns whether fn was called.
bool wd_os_timer_stop(wd_os_timer_t *t);

// ---- mutexes --------------------------------------------------------------------
// A lock for state that threads share (an engine's registry of canonical
// types): POSIX threads' mutex, a Windows SRW lock, and on WASI, which has
// no threads, nothing. Not recursive. Hold one only for a short, bounded
// piece of work, and never return to the embedder while holding it.
typedef struct wd_mutex wd_mutex_t;

// A new unlocked mutex; NULL if out of memory.
wd_mutex_t *wd_mutex_new(void);
// Frees an unlocked mutex; NULL does nothing.
void wd_mutex_free(wd_mutex_t *m);
void wd_mutex_lock(wd_mutex_t *m);
void wd_mutex_unlock(wd_mutex_t *m);

#endif
