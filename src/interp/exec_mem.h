// SPDX-License-Identifier: Apache-2.0
// The memory operations on any memory (exec_mem.c), called by the
// interpreter's handlers of ops.def M_LOAD ... M_MEMORY_FILL and V_LOAD_M
// ...: a memory other than 0, or a 64-bit one. Each takes the instance,
// the frame and the operation's units (their ops.def layout); those that
// return bool return false for an access out of bounds.
#ifndef WD_INTERP_EXEC_MEM_H
#define WD_INTERP_EXEC_MEM_H

#include <stdbool.h>
#include <stdint.h>

#include "interp/code.h"
#include "runtime/rt.h"

// A 64-bit immediate (an offset) of two units.
#define WD_IMM64(lo, hi) ((uint64_t)(lo) | (uint64_t)(hi) << 32)

// M_LOAD D A I(mem) L(offset) I(fn) and M_STORE A B ...: the load or store
// of row fn (code.h WD_MF_*).
typedef bool (*wd_any_fn_t)(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip);
extern const wd_any_fn_t wd_any_fns[WD_MF_COUNT_];

void wd_any_size(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip); // M_MEMORY_SIZE
void wd_any_grow(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip); // M_MEMORY_GROW
// memory.init, memory.copy and memory.fill: 0, or the trap code (out of
// bounds, or a limit's: fuel, interrupt).
ward_trapcode_t wd_any_init(const ward_instance_t *inst, wd_cell_t *fp,
                            const uint32_t *ip); // M_MEMORY_INIT
ward_trapcode_t wd_any_copy(const ward_instance_t *inst, wd_cell_t *fp,
                            const uint32_t *ip); // M_MEMORY_COPY
ward_trapcode_t wd_any_fill(const ward_instance_t *inst, wd_cell_t *fp,
                            const uint32_t *ip); // M_MEMORY_FILL
// The vector memory operations (V_LOAD_M, V_LOAD_LANE_M, V_STORE_M): the
// address checked, then the instruction's function (exec_simd.h).
bool wd_any_vload(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip);
bool wd_any_vload_lane(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip);
bool wd_any_vstore(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip);

// Bulk operations: the handlers call these instead of memset and memmove,
// one call whatever the store (a branch and a second call in each handler
// cost the dispatch function 5% of its speed: gcc laid it out worse).
// Without limits (s->meter 0) they are memset and memmove. Under limits
// (include/ward/limits.h), each charges its fuel (one unit per 16 bytes, or
// per element), trapping before it does anything if the store has not
// that much, then works in steps of at most WD_BULK_STEP bytes with an
// interrupt check before each. They return 0 or the trap code.
#define WD_BULK_STEP ((size_t)1 << 20)
ward_trapcode_t wd_bulk_charge(ward_store_t *s, uint64_t units);
ward_trapcode_t wd_bulk_fill(ward_store_t *s, uint8_t *p, uint8_t v, uint64_t n);
// Copies n bytes, which may overlap, charging `units`.
ward_trapcode_t wd_bulk_move(ward_store_t *s, void *dst, const void *src, uint64_t n,
                             uint64_t units);
// Stores v in n table slots.
ward_trapcode_t wd_bulk_fill_refs(ward_store_t *s, void **p, void *v, uint64_t n);

#endif
