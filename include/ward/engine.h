// SPDX-License-Identifier: Apache-2.0
// ward: engines (configuration shared by modules) and stores (runtime objects).
#ifndef WARD_ENGINE_H
#define WARD_ENGINE_H

#include "ward/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ward_config {
  size_t struct_size;        // sizeof(ward_config_t), set by ward_config_init
  uint32_t max_call_depth;   // wasm frames on one call stack (default 10000)
  size_t stack_cells;        // 8-byte cells of value stack per store (default 1 Mi)
  uint32_t max_memory_pages; // cap on any memory's size in 64 KiB pages (default 65536)
  uint32_t max_table_elems;  // cap on any table's size (default 10,000,000)
  // Translate every function to interpreter code when the module is
  // created. By default (false) a module is validated when it is created
  // and each function is translated on its first call.
  bool eager_compile;
} ward_config_t;

// Fills *cfg with the defaults.
WARD_API void ward_config_init(ward_config_t *cfg);

// A new engine; cfg may be NULL for the defaults. NULL if out of memory.
WARD_API ward_engine_t *ward_engine_new(const ward_config_t *cfg);
WARD_API void ward_engine_delete(ward_engine_t *engine);

// A new store: the home of instances, functions, tables, memories and
// globals, all freed by ward_store_delete. NULL if out of memory.
WARD_API ward_store_t *ward_store_new(ward_engine_t *engine);
WARD_API void ward_store_delete(ward_store_t *store);

#ifdef __cplusplus
}
#endif
#endif
