// SPDX-License-Identifier: Apache-2.0
// Windows guard-page traps (platform.h) on x86-64: a vectored exception
// handler, the per-thread scopes it returns to (the registry of guarded
// ranges it reads: ../guard_registry.c).
//
// How the handler returns to a scope: it does not call longjmp. mingw-w64's
// setjmp records the frame for an SEH unwind, and longjmp then unwinds
// from the caller's frame with RtlUnwindEx, which from inside a vectored
// handler (below the faulting frame, on the dispatcher's stack) is not
// safe. Instead the handler loads the registers the scope's jmp_buf holds
// (the non-volatile ones, rsp, rip, MXCSR and the x87 control word) into
// the exception's CONTEXT, with rax = 1 as setjmp's second return value,
// and returns EXCEPTION_CONTINUE_EXECUTION: the system resumes the thread
// exactly where longjmp would have left it, with nothing to unwind (the
// frames in between are C frames with no handlers, as on POSIX, where the
// signal handler's longjmp skips them the same way).
#include <windows.h>

#include <setjmp.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "platform/guard_registry.h"
#include "platform/platform.h"

#if !defined(_M_X64) && !defined(__x86_64__)
#error "the Windows guard-page handler is written for x86-64 (its CONTEXT and jmp_buf)"
#endif

_Static_assert(sizeof(jmp_buf) >= sizeof(_JUMP_BUFFER), "jmp_buf holds a _JUMP_BUFFER");

// ---- scopes ---------------------------------------------------------------------
// The innermost open scope of each thread, in a TLS slot: TlsGetValue never
// allocates or takes a lock, so the handler may call it whatever the thread
// was doing (GCC's emulated _Thread_local may allocate on first use).

static DWORD g_tls = TLS_OUT_OF_INDEXES;
static INIT_ONCE g_tls_once = INIT_ONCE_STATIC_INIT;

static BOOL CALLBACK tls_init(PINIT_ONCE once, PVOID param, PVOID *ctx) {
  (void)once, (void)param, (void)ctx;
  g_tls = TlsAlloc();
  return g_tls != TLS_OUT_OF_INDEXES;
}

static bool tls_ready(void) {
  return InitOnceExecuteOnce(&g_tls_once, tls_init, NULL, NULL) && g_tls != TLS_OUT_OF_INDEXES;
}

void wd_os_guard_enter(wd_os_guard_scope_t *sc, jmp_buf *jb) {
  if (!tls_ready()) {
    sc->prev = NULL;
    sc->jb = jb;
    return; // no TLS slot: nothing can catch (wd_os_guard_init failed too)
  }
  sc->prev = TlsGetValue(g_tls);
  sc->jb = jb;
  // The handler runs on this thread: a compiler barrier orders the scope's
  // fields before its publication.
  atomic_signal_fence(memory_order_release);
  TlsSetValue(g_tls, sc);
}

void wd_os_guard_leave(wd_os_guard_scope_t *sc) {
  if (g_tls != TLS_OUT_OF_INDEXES)
    TlsSetValue(g_tls, sc->prev);
}

// ---- the handler ----------------------------------------------------------------

// Resumes the thread at the jmp_buf's setjmp, returning 1 there.
static void resume_at(CONTEXT *c, const jmp_buf *jb) {
  _JUMP_BUFFER b;
  memcpy(&b, jb, sizeof b);
  c->Rbx = b.Rbx;
  c->Rsp = b.Rsp;
  c->Rbp = b.Rbp;
  c->Rsi = b.Rsi;
  c->Rdi = b.Rdi;
  c->R12 = b.R12;
  c->R13 = b.R13;
  c->R14 = b.R14;
  c->R15 = b.R15;
  c->Rip = b.Rip;
  c->Rax = 1;
  c->MxCsr = b.MxCsr;
  c->FltSave.MxCsr = b.MxCsr;
  c->FltSave.ControlWord = b.FpCsr;
  const SETJMP_FLOAT128 *x = &b.Xmm6;
  M128A *dst = &c->Xmm6;
  for (int i = 0; i < 10; i++) // xmm6-xmm15: non-volatile in the Windows x64 ABI
    memcpy(&dst[i], &x[i], sizeof dst[i]);
  c->ContextFlags |= CONTEXT_CONTROL | CONTEXT_INTEGER | CONTEXT_FLOATING_POINT;
}

// Only access violations are ours: EXCEPTION_STACK_OVERFLOW (a thread
// running off its stack) has its own code, and a fault outside every
// registered range, or on a thread with no open scope (or a host-call
// scope, jb NULL), goes on to the next handler, then to SEH and the
// unhandled-exception filter, as without ward.
static LONG CALLBACK on_exception(EXCEPTION_POINTERS *ep) {
  const EXCEPTION_RECORD *er = ep->ExceptionRecord;
  if (er->ExceptionCode != EXCEPTION_ACCESS_VIOLATION || er->NumberParameters < 2)
    return EXCEPTION_CONTINUE_SEARCH;
  const void *addr = (const void *)er->ExceptionInformation[1];
  if (!wd_guard_registered(addr) || g_tls == TLS_OUT_OF_INDEXES)
    return EXCEPTION_CONTINUE_SEARCH;
  wd_os_guard_scope_t *top = TlsGetValue(g_tls);
  atomic_signal_fence(memory_order_acquire);
  if (!top || !top->jb)
    return EXCEPTION_CONTINUE_SEARCH;
  // The general registers at the fault (platform.h), before resume_at
  // overwrites them.
  const CONTEXT *c = ep->ContextRecord;
  const DWORD64 regs[] = {c->Rax, c->Rcx, c->Rdx, c->Rbx, c->Rsp, c->Rbp, c->Rsi, c->Rdi,
                          c->R8,  c->R9,  c->R10, c->R11, c->R12, c->R13, c->R14, c->R15};
  for (unsigned i = 0; i < sizeof regs / sizeof *regs; i++)
    top->regs[i] = (uintptr_t)regs[i];
  top->nregs = sizeof regs / sizeof *regs;
  top->pc = (uintptr_t)c->Rip;
  resume_at(ep->ContextRecord, (const jmp_buf *)top->jb);
  return EXCEPTION_CONTINUE_EXECUTION;
}

static INIT_ONCE g_init_once = INIT_ONCE_STATIC_INIT;

static BOOL CALLBACK guard_init_once(PINIT_ONCE once, PVOID param, PVOID *ctx) {
  (void)once, (void)param, (void)ctx;
  // First in the chain: ours are decided before any handler installed
  // earlier, which still sees every fault that is not ours.
  return tls_ready() && AddVectoredExceptionHandler(1, on_exception) != NULL;
}

bool wd_os_guard_init(void) {
  return InitOnceExecuteOnce(&g_init_once, guard_init_once, NULL, NULL) != 0;
}
