// SPDX-License-Identifier: Apache-2.0
// ward: limits for untrusted code: fuel, interruption, and the memory and
// table elements a store may take.
//
// Fuel and interruption are checked by the code ward translates a module
// into, and only modules of an engine that asked for them carry the checks
// (ward_config_t.consume_fuel, .interruptible): an engine without them
// runs exactly the code it would run without this header.
//
// Where the checks are: at the head of every loop, on every call, and (with
// fuel) on entry to every function, so that no guest runs long without
// passing one (a loop, a recursion, or a chain of tail calls). The bulk
// operations of memory and tables (memory.fill, memory.copy, memory.init,
// table.fill, table.copy, table.init) check in steps of at most 1 MiB, so
// that a memory.fill of 4 GiB stops within a millisecond too; the GC's
// array operations (array.new, array.fill, array.copy, array.init_data,
// array.init_elem, ...) check once before they begin.
#ifndef WARD_LIMITS_H
#define WARD_LIMITS_H

#include "ward/common.h"
#include "ward/module.h"

#ifdef __cplusplus
extern "C" {
#endif

// ---- fuel ------------------------------------------------------------------
// Deterministic metering: each wasm instruction executed costs one unit of
// fuel (the structure costs nothing: block, loop, else, end, nop, and the
// try forms), and bulk operations cost one unit per 16 bytes of memory, or
// per element of a table or array, they touch, on top of their own. The
// cost of a run of straight code is charged as it begins (at a function's
// entry, a loop's head, and each place a branch lands), so a branch that
// leaves a run early has paid for all of it, and two runs of a guest with
// the same inputs consume the same fuel, to the unit, on every host and in
// every build.
// When fuel runs short, the guest traps with WARD_TRAP_OUT_OF_FUEL ("all
// fuel consumed") at the next check, having overdrawn by at most the code
// between two checks; the store's fuel is then 0.

// Sets the fuel of `store` (initially 0, so an engine with consume_fuel
// traps at once until the host gives fuel). An ARGUMENT error if the
// engine was not configured with consume_fuel.
WARD_API ward_error_t *ward_store_set_fuel(ward_store_t *store, uint64_t fuel);
// The fuel left. An ARGUMENT error if the engine has no consume_fuel.
WARD_API ward_error_t *ward_store_get_fuel(const ward_store_t *store, uint64_t *fuel);

// ---- interruption ----------------------------------------------------------
// Another thread may stop a running guest. After ward_store_interrupt, the
// store's wasm code traps with WARD_TRAP_INTERRUPT ("interrupt") at its
// next check, within a millisecond in a loop or a bulk operation. A guest
// inside a host function stops when the host function returns to it. The
// request stays until ward_store_interrupt_clear: a call into wasm made
// while it stands traps at the function's entry. It is safe at any moment:
// while wasm or a host function runs, during memory.grow, between two
// instantiations, before the store's first call.
//
// Only modules of an engine with `interruptible` have checks; others run
// to the end.

// Asks the store's running guest to stop. Safe from any thread while the
// store exists; a thread that may outlive the store uses a handle.
WARD_API void ward_store_interrupt(ward_store_t *store);
// Withdraws the request (the store's thread, between calls).
WARD_API void ward_store_interrupt_clear(ward_store_t *store);

// A handle that interrupts a store and may outlive it: after the store is
// deleted, ward_interrupt_handle_interrupt does nothing. NULL if out of
// memory. Each handle is freed with ward_interrupt_handle_delete, from any
// thread.
typedef struct ward_interrupt_handle ward_interrupt_handle_t;
WARD_API ward_interrupt_handle_t *ward_interrupt_handle_new(ward_store_t *store);
WARD_API void ward_interrupt_handle_interrupt(ward_interrupt_handle_t *h);
WARD_API void ward_interrupt_handle_delete(ward_interrupt_handle_t *h);

// A watchdog: a thread of ward's that interrupts the handle's store after
// `timeout_ns` nanoseconds, unless ward_watchdog_delete comes first. The
// CLI's --timeout. NULL if out of memory, or where the platform has no
// threads (WebAssembly). The handle must outlive the watchdog.
typedef struct ward_watchdog ward_watchdog_t;
WARD_API ward_watchdog_t *ward_watchdog_new(ward_interrupt_handle_t *h, uint64_t timeout_ns);
// Stops the watchdog (if it has not fired) and frees it.
WARD_API void ward_watchdog_delete(ward_watchdog_t *w);
// Whether the watchdog fired.
WARD_API bool ward_watchdog_fired(const ward_watchdog_t *w);

// ---- memory and tables -----------------------------------------------------
// Per store: the bytes of linear memory all its memories may take together,
// and the elements all its tables may hold together. Creating a memory or
// a table beyond them fails (instantiation: a RESOURCE error "memory limit
// exceeded" / "table limit exceeded"); growing beyond them fails as the
// spec says a failed growth does: memory.grow and table.grow return -1,
// and ward_memory_grow and ward_table_grow false. Nothing traps.

// Decides each growth (and each creation, where current is 0) of a memory
// or table of the store that the limits allow: `kind` is WARD_EXTERN_MEMORY
// (sizes in bytes) or WARD_EXTERN_TABLE (in elements); `maximum` is what
// the object may ever reach (its declared maximum, the engine's cap), or
// UINT64_MAX. Return false to refuse. Called on the store's thread; it
// must not call into the store.
typedef bool (*ward_grow_hook_t)(void *env, ward_externkind_t kind, uint64_t current,
                                 uint64_t desired, uint64_t maximum);

typedef struct ward_store_limits {
  uint64_t max_memory_bytes;   // all memories together (default UINT64_MAX: none)
  uint64_t max_table_elements; // all tables together (default UINT64_MAX: none)
  ward_grow_hook_t grow_hook;  // NULL: none
  void *grow_env;
} ward_store_limits_t;

// Fills *l with the defaults (no limit, no hook).
WARD_API void ward_store_limits_init(ward_store_limits_t *l);
// Sets the store's limits. Memories and tables that exist already count
// towards them (they may be over: they cannot grow then).
WARD_API void ward_store_set_limits(ward_store_t *store, const ward_store_limits_t *l);
// The bytes of linear memory and the table elements the store's memories
// and tables hold now.
WARD_API uint64_t ward_store_memory_bytes(const ward_store_t *store);
WARD_API uint64_t ward_store_table_elements(const ward_store_t *store);

#ifdef __cplusplus
}
#endif
#endif
