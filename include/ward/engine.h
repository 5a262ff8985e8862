// SPDX-License-Identifier: Apache-2.0
// ward: engines (configuration shared by modules) and stores (runtime objects).
#ifndef WARD_ENGINE_H
#define WARD_ENGINE_H

#include "ward/common.h"

#ifdef __cplusplus
extern "C" {
#endif

// WebAssembly features beyond 2.0's core, which a config may turn off (all
// are on by default). A module that uses a feature turned off is refused
// as invalid, with a message naming the feature as the CLI's -W does
// ("tail-call support is not enabled").
typedef enum ward_feature {
  WARD_FEATURE_SIMD = 1u << 0,                // -W simd: v128 and the 0xfd prefix
  WARD_FEATURE_RELAXED_SIMD = 1u << 1,        // -W relaxed-simd
  WARD_FEATURE_TAIL_CALL = 1u << 2,           // -W tail-call: return_call*
  WARD_FEATURE_EXTENDED_CONST = 1u << 3,      // -W extended-const
  WARD_FEATURE_MULTI_MEMORY = 1u << 4,        // -W multi-memory
  WARD_FEATURE_MEMORY64 = 1u << 5,            // -W memory64: 64-bit memories and tables
  WARD_FEATURE_EXCEPTIONS = 1u << 6,          // -W exceptions: try_table, throw, exnref
  WARD_FEATURE_LEGACY_EXCEPTIONS = 1u << 7,   // -W legacy-exceptions: try, catch, delegate
  WARD_FEATURE_FUNCTION_REFERENCES = 1u << 8, // -W function-references
  WARD_FEATURE_GC = 1u << 9,                  // -W gc
  WARD_FEATURES_ALL = (1u << 10) - 1,
} ward_feature_t;

// The -W name of one feature bit ("tail-call"), or NULL.
WARD_API const char *ward_feature_name(uint32_t feature);
// The bit of a feature by its -W name, or 0 if there is none.
WARD_API uint32_t ward_feature_by_name(const char *name, size_t len);

typedef struct ward_config {
  size_t struct_size;        // sizeof(ward_config_t), set by ward_config_init
  uint32_t max_call_depth;   // wasm frames on one call stack (default 100,000)
  size_t stack_cells;        // 8-byte cells of value stack per store (default 4 Mi)
  uint32_t max_memory_pages; // cap on any memory's size in 64 KiB pages (default 65536)
  uint32_t max_table_elems;  // cap on any table's size (default 10,000,000)
  // Translate every function to interpreter code when the module is
  // created. By default (false) a module is validated when it is created
  // and each function is translated on its first call.
  bool eager_compile;
  // The ward_feature_t bits enabled (default WARD_FEATURES_ALL).
  uint32_t features;
  // Explicit bounds checks only (a build with WARD_BOUNDS=explicit, and
  // every 32-bit host): a linear memory reserves the whole address range it
  // may grow to when that is at most this many bytes, so that its base never
  // moves; otherwise (and always with 0) it lives in the C heap and moves
  // when it grows. Reservations cost an emulator such as qemu-user real
  // memory (docs/portability.md), and a host with little address space
  // runs out of it. Guard pages (the default on 64-bit hosts) always
  // reserve 8 GiB + 64 KiB per memory and ignore this. Default: no bound
  // (UINT64_MAX), or what the build set with -DWARD_MEMORY_RESERVATION=N.
  // The CLI's -O memory-reservation=SIZE.
  uint64_t memory_reservation;
  // Limits for untrusted code (ward/limits.h). Modules of an engine with
  // consume_fuel carry fuel checks (ward_store_set_fuel; the CLI's
  // --fuel); with interruptible, interruption checks (ward_store_interrupt;
  // the CLI's --timeout). Both off (the default), code carries neither and
  // runs as fast as ever.
  bool consume_fuel;
  bool interruptible;
  // Pools: a deleted store gives the reservations of its linear memories
  // and its value stack back to the engine, which keeps up to
  // pool_memories reservations (default 16) and pool_stacks stacks
  // (default 16, 2 on 32-bit hosts) for the next stores of any thread, so
  // that creating those costs no system calls (0: none is kept). A pooled
  // memory is zeroed first: a new instance never sees an old one's data,
  // size or grown pages, and accesses beyond its own size still trap. Its
  // first pool_keep_resident bytes (default 32 KiB) are zeroed in place
  // and stay resident, so that the next memory does not fault them in
  // again; the rest goes back to the system. A pooled stack keeps at most
  // 64 KiB of cells and 64 KiB of frame records resident. Held at most:
  // pool_memories times the address space of a memory (8 GiB + 64 KiB with
  // guard pages) and pool_keep_resident bytes of memory, and pool_stacks
  // times the address space of a stack (stack_cells cells and
  // max_call_depth frame records, about 35 MiB by default) and 128 KiB.
  // ward_engine_delete frees them. Heap memories (see memory_reservation)
  // are never pooled.
  uint32_t pool_memories;
  uint32_t pool_stacks;
  size_t pool_keep_resident;
} ward_config_t;

// Fills *cfg with the defaults.
WARD_API void ward_config_init(ward_config_t *cfg);

// A new engine; cfg may be NULL for the defaults. NULL if out of memory.
WARD_API ward_engine_t *ward_engine_new(const ward_config_t *cfg);
WARD_API void ward_engine_delete(ward_engine_t *engine);

// A new store: the home of instances, functions, tables, memories and
// globals, all freed by ward_store_delete. NULL if out of memory. Its
// value stack and frame records are taken from the engine's pool (or
// made) on its first call, and given back by ward_store_delete.
WARD_API ward_store_t *ward_store_new(ward_engine_t *engine);
WARD_API void ward_store_delete(ward_store_t *store);

#ifdef __cplusplus
}
#endif
#endif
