// SPDX-License-Identifier: Apache-2.0
// POSIX guard-page traps (platform.h): SIGSEGV and SIGBUS handlers, the
// per-thread scopes they jump to, and a per-thread alternate signal stack to
// run them on (the registry of guarded ranges: ../guard_registry.c).
//
// Everything the handler touches is async-signal-safe: lock-free atomics in
// the registry, a lock-free atomic thread-local pointer for the scopes, and
// sigaction/raise/longjmp.
#define _DEFAULT_SOURCE 1
#define _DARWIN_C_SOURCE 1
#ifdef __linux__
#define _GNU_SOURCE 1 // REG_RIP
#endif
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__))
#include <ucontext.h>
#define WD_FAULT_REGS 1
#endif

#include "platform/guard_registry.h"
#include "platform/platform.h"

_Static_assert(ATOMIC_POINTER_LOCK_FREE == 2, "the fault handler needs lock-free atomic pointers");

// The handler reads the thread-local scope pointer; with the initial-exec
// model that read is a fixed offset from the thread pointer and never calls
// into the dynamic loader (which may allocate) from a signal handler.
#if defined(__GNUC__) && defined(__ELF__)
#define WD_TLS _Thread_local __attribute__((tls_model("initial-exec")))
#else
#define WD_TLS _Thread_local
#endif

// The registry of guarded ranges is shared with the Windows handler:
// src/platform/guard_registry.c.

// ---- scopes ---------------------------------------------------------------------
// The innermost open scope of this thread. Only this thread and its own
// signal handler touch it, so signal fences order the scope's fields before
// its publication (no hardware barrier is needed).

static WD_TLS _Atomic(wd_os_guard_scope_t *) g_top;

// ---- alternate signal stacks -----------------------------------------------------
// A thread's first scope gives it an alternate signal stack unless it has
// one. Ours are malloc'ed and freed by a thread-exit destructor (the main
// thread's stays until the process ends).

#define ALTSTACK_SIZE ((size_t)64 * 1024)

static WD_TLS bool g_altstack_checked;
static pthread_key_t g_altstack_key;
static bool g_altstack_key_ok;
static pthread_once_t g_altstack_once = PTHREAD_ONCE_INIT;

static void altstack_free(void *p) {
  stack_t cur;
  if (sigaltstack(NULL, &cur) == 0 && cur.ss_sp == p && !(cur.ss_flags & SS_ONSTACK)) {
    stack_t off = {0};
    off.ss_flags = SS_DISABLE;
    sigaltstack(&off, NULL);
  }
  free(p);
}

static void altstack_key_init(void) {
  g_altstack_key_ok = pthread_key_create(&g_altstack_key, altstack_free) == 0;
}

static void altstack_ensure(void) {
  g_altstack_checked = true;
  stack_t cur;
  if (sigaltstack(NULL, &cur) != 0 || !(cur.ss_flags & SS_DISABLE))
    return; // the thread has one already (or we cannot tell)
  pthread_once(&g_altstack_once, altstack_key_init);
  if (!g_altstack_key_ok)
    return;
  size_t size = ALTSTACK_SIZE;
  if ((size_t)SIGSTKSZ > size)
    size = (size_t)SIGSTKSZ;
  stack_t ss = {0};
  ss.ss_sp = malloc(size);
  ss.ss_size = size;
  if (!ss.ss_sp)
    return;
  if (sigaltstack(&ss, NULL) != 0 || pthread_setspecific(g_altstack_key, ss.ss_sp) != 0) {
    stack_t off = {0};
    off.ss_flags = SS_DISABLE;
    sigaltstack(&off, NULL);
    free(ss.ss_sp);
  }
}

void wd_os_guard_enter(wd_os_guard_scope_t *sc, jmp_buf *jb) {
  if (!g_altstack_checked)
    altstack_ensure();
  sc->prev = atomic_load_explicit(&g_top, memory_order_relaxed);
  sc->jb = jb;
  atomic_signal_fence(memory_order_release);
  atomic_store_explicit(&g_top, sc, memory_order_relaxed);
}

void wd_os_guard_leave(wd_os_guard_scope_t *sc) {
  atomic_store_explicit(&g_top, sc->prev, memory_order_relaxed);
}

// ---- the handlers ---------------------------------------------------------------

static struct sigaction g_prev_segv, g_prev_bus;
static pthread_once_t g_init_once = PTHREAD_ONCE_INIT;
static bool g_init_ok;

// Whether a signal was sent by a process (kill, raise, sigqueue, ...)
// rather than raised by a fault; si_addr means nothing then.
static bool sent_by_process(int code) {
#ifdef __linux__
  return code <= 0; // SI_USER, SI_QUEUE, SI_TKILL, ... are all <= 0 on Linux
#else
  return code == SI_USER || code == SI_QUEUE || code == SI_TIMER || code == SI_MESGQ ||
         code == SI_ASYNCIO;
#endif
}

// Passes a signal that is not ours to the handler installed before ours.
static void chain(int sig, siginfo_t *si, void *uctx) {
  const struct sigaction *prev = sig == SIGBUS ? &g_prev_bus : &g_prev_segv;
  if (prev->sa_flags & SA_SIGINFO) {
    prev->sa_sigaction(sig, si, uctx);
    return;
  }
  if (prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN) {
    prev->sa_handler(sig);
    return;
  }
  bool sent = sent_by_process(si->si_code);
  if (prev->sa_handler == SIG_IGN && sent)
    return; // ignored, as it would have been
  // The default action (also for an ignored fault, which the kernel does
  // not let a process ignore): put it back and let the signal come again.
  // A fault does so by itself when the instruction is restarted on return;
  // a sent signal is raised again (SA_NODEFER: it is not blocked here).
  struct sigaction dfl = {0};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, NULL);
  if (sent)
    raise(sig);
}

// Copies the general registers and the pc of the fault's context to the
// scope (platform.h): Linux on x86-64 and arm64; none elsewhere.
static void save_regs(wd_os_guard_scope_t *sc, const void *uctx) {
  unsigned n = 0;
  uintptr_t pc = 0;
#ifdef WD_FAULT_REGS
  const ucontext_t *uc = uctx;
#if defined(__x86_64__)
#define WD_FAULT_REG_ARRAY uc->uc_mcontext.gregs // r8..r15, rdi, ..., rip, flags...
  pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#else
#define WD_FAULT_REG_ARRAY uc->uc_mcontext.regs // x0..x30
  pc = (uintptr_t)uc->uc_mcontext.pc;
#endif
  size_t count = sizeof WD_FAULT_REG_ARRAY / sizeof WD_FAULT_REG_ARRAY[0];
  for (; n < count && n < WD_OS_FAULT_REGS; n++)
    sc->regs[n] = (uintptr_t)WD_FAULT_REG_ARRAY[n];
#undef WD_FAULT_REG_ARRAY
#else
  (void)uctx;
#endif
  sc->nregs = n;
  sc->pc = pc;
}

// The handler runs on the alternate stack (SA_ONSTACK) with nothing
// blocked (SA_NODEFER, empty sa_mask), so the signal mask in the handler is
// the mask at the fault, and a plain longjmp (which does not restore masks)
// leaves the thread exactly as a siglongjmp would, without its system call.
// Leaving the alternate stack by longjmp is fine: the kernel decides whether
// a thread is on it from the stack pointer alone. Callers keep scopes around
// code that faults only synchronously in guarded memory (never inside a
// library call that is not async-signal-safe), so jumping out of the
// handler leaves no lock held.
static void on_fault(int sig, siginfo_t *si, void *uctx) {
  int saved_errno = errno;
  if (!sent_by_process(si->si_code) && wd_guard_registered(si->si_addr)) {
    wd_os_guard_scope_t *top = atomic_load_explicit(&g_top, memory_order_relaxed);
    atomic_signal_fence(memory_order_acquire);
    if (top && top->jb) {
      save_regs(top, uctx);
      longjmp(*top->jb, 1);
    }
  }
  chain(sig, si, uctx);
  errno = saved_errno;
}

// Installs on_fault for sig, keeping the handler it replaces in *prev.
// *prev is read first, so that it is complete before on_fault can run.
static bool install(int sig, struct sigaction *prev) {
  struct sigaction sa = {0};
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  return sigaction(sig, NULL, prev) == 0 && sigaction(sig, &sa, NULL) == 0;
}

static void guard_init_once(void) {
  if (!install(SIGSEGV, &g_prev_segv))
    return;
  if (!install(SIGBUS, &g_prev_bus)) {
    sigaction(SIGSEGV, &g_prev_segv, NULL);
    return;
  }
  g_init_ok = true;
}

bool wd_os_guard_init(void) {
  pthread_once(&g_init_once, guard_init_once);
  return g_init_ok;
}
