// SPDX-License-Identifier: Apache-2.0
// Limits for untrusted code (include/ward/limits.h): fuel, interruption
// and its handles and watchdogs, and the store's memory and table limits.
// The checks themselves are in the code the translator emits
// (interp/compile.c: CHECK_*, FUEL) and in the bulk operations
// (interp/exec.c).
#include <stdlib.h>

#include "platform/platform.h"
#include "platform/platform_fs.h"
#include "runtime/rt.h"
#include "util/alloc.h"

// ---- fuel ---------------------------------------------------------------------

ward_error_t *ward_store_set_fuel(ward_store_t *store, uint64_t fuel) {
  if (!(store->meter & WD_METER_FUEL))
    return wd_error_new(WD_ERR_ARGUMENT, "fuel is not enabled: the engine's config needs "
                                         "consume_fuel");
  store->fuel = fuel > INT64_MAX ? INT64_MAX : (int64_t)fuel;
  return NULL;
}

ward_error_t *ward_store_get_fuel(const ward_store_t *store, uint64_t *fuel) {
  if (!(store->meter & WD_METER_FUEL))
    return wd_error_new(WD_ERR_ARGUMENT, "fuel is not enabled: the engine's config needs "
                                         "consume_fuel");
  *fuel = store->fuel > 0 ? (uint64_t)store->fuel : 0;
  return NULL;
}

// ---- interruption -------------------------------------------------------------

void wd_store_release(ward_store_t *s) {
  if (atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) == 1)
    wd_free(s);
}

ward_trapcode_t wd_depth_trap(const ward_store_t *s) {
  return atomic_load_explicit(&s->intr, memory_order_relaxed) ? WARD_TRAP_INTERRUPT
                                                              : WARD_TRAP_STACK_EXHAUSTED;
}

void ward_store_interrupt(ward_store_t *store) {
  atomic_store(&store->intr, 1);
  // Calls check the depth anyway: a limit of 0 stops them too (rt.h).
  if (store->meter & WD_METER_INTR) {
    atomic_store(&store->max_depth, 0);
    // The running code's own flag. Counted as a setter first: the run
    // that owns the flag waits for its setters to finish before it ends.
    atomic_fetch_add(&store->intr_setters, 1);
    _Atomic uint32_t *flag = atomic_load(&store->run_intr);
    if (flag)
      atomic_store(flag, 1);
    atomic_fetch_sub(&store->intr_setters, 1);
  }
}

// All sequentially consistent. An interrupt writes intr, then reads
// run_intr; a run writes run_intr, then reads intr: one of them sees the
// other's write, so the flag of a run that begins or resumes as an
// interrupt comes is set by one side or the other. A setter that read a
// flag before its run ended was counted before the run's read of the
// count, so the run waits for it, and no setter writes to a flag gone.
_Atomic uint32_t *wd_store_run_enter(ward_store_t *s, _Atomic uint32_t *flag) {
  atomic_init(flag, 0);
  _Atomic uint32_t *outer = atomic_exchange(&s->run_intr, flag);
  if (atomic_load(&s->intr))
    atomic_store(flag, 1);
  return outer;
}

void wd_store_run_leave(ward_store_t *s, _Atomic uint32_t *outer) {
  atomic_store(&s->run_intr, outer);
  while (atomic_load(&s->intr_setters))
    wd_os_yield();
  // An interrupt while the inner run was on set its flag only: the outer
  // run, if the host goes on with it, stops at its next check.
  if (outer && atomic_load(&s->intr))
    atomic_store(outer, 1);
}

void ward_store_interrupt_clear(ward_store_t *store) {
  atomic_store(&store->intr, 0);
  atomic_store(&store->max_depth, store->depth_soft);
}

// Sequentially consistent: an interrupt (intr, then max_depth 0) and this
// (max_depth, then intr read) racing leave max_depth 0, whichever wins.
void wd_store_set_depth(ward_store_t *s, uint32_t d) {
  s->depth_soft = d;
  atomic_store(&s->max_depth, d);
  if ((s->meter & WD_METER_INTR) && atomic_load(&s->intr))
    atomic_store(&s->max_depth, 0);
}

struct ward_interrupt_handle {
  ward_store_t *store; // holds a reference to its struct (rt.h)
};

ward_interrupt_handle_t *ward_interrupt_handle_new(ward_store_t *store) {
  ward_interrupt_handle_t *h = wd_malloc(sizeof *h);
  if (!h)
    return NULL;
  h->store = store;
  atomic_fetch_add_explicit(&store->refs, 1, memory_order_relaxed);
  return h;
}

void ward_interrupt_handle_interrupt(ward_interrupt_handle_t *h) {
  // After ward_store_delete, these write to the struct the handle keeps.
  ward_store_interrupt(h->store);
}

void ward_interrupt_handle_delete(ward_interrupt_handle_t *h) {
  if (!h)
    return;
  wd_store_release(h->store);
  wd_free(h);
}

struct ward_watchdog {
  wd_os_timer_t *timer;
  ward_interrupt_handle_t *h;
  _Atomic uint32_t fired;
};

static void watchdog_fire(void *arg) {
  ward_watchdog_t *w = arg;
  atomic_store_explicit(&w->fired, 1, memory_order_relaxed);
  ward_interrupt_handle_interrupt(w->h);
}

ward_watchdog_t *ward_watchdog_new(ward_interrupt_handle_t *h, uint64_t timeout_ns) {
  ward_watchdog_t *w = wd_calloc(1, sizeof *w);
  if (!w)
    return NULL;
  w->h = h;
  atomic_init(&w->fired, 0);
  w->timer = wd_os_timer_start(timeout_ns, watchdog_fire, w);
  if (!w->timer) {
    wd_free(w);
    return NULL;
  }
  return w;
}

void ward_watchdog_delete(ward_watchdog_t *w) {
  if (!w)
    return;
  wd_os_timer_stop(w->timer);
  wd_free(w);
}

bool ward_watchdog_fired(const ward_watchdog_t *w) {
  return atomic_load_explicit(&w->fired, memory_order_relaxed) != 0;
}

// ---- memory and tables --------------------------------------------------------

void ward_store_limits_init(ward_store_limits_t *l) {
  l->max_memory_bytes = UINT64_MAX;
  l->max_table_elements = UINT64_MAX;
  l->grow_hook = NULL;
  l->grow_env = NULL;
}

void ward_store_set_limits(ward_store_t *store, const ward_store_limits_t *l) {
  store->limits = *l;
}

uint64_t ward_store_memory_bytes(const ward_store_t *store) { return store->mem_bytes; }
uint64_t ward_store_table_elements(const ward_store_t *store) { return store->table_elems; }

bool wd_limits_allow(ward_store_t *s, ward_externkind_t kind, uint64_t current, uint64_t desired,
                     uint64_t maximum) {
  if (desired <= current && current != 0)
    return true;
  uint64_t total = kind == WARD_EXTERN_MEMORY ? s->mem_bytes : s->table_elems;
  uint64_t limit =
      kind == WARD_EXTERN_MEMORY ? s->limits.max_memory_bytes : s->limits.max_table_elements;
  // The store's total after the change: total - current + desired.
  if (desired - current > limit || total > limit - (desired - current))
    return false;
  return !s->limits.grow_hook ||
         s->limits.grow_hook(s->limits.grow_env, kind, current, desired, maximum);
}
