// SPDX-License-Identifier: Apache-2.0
// An engine's pools (ward_config_t.pool_memories, pool_stacks,
// pool_keep_resident): linear-memory reservations and execution stacks
// that deleted stores gave back, kept for the next ones, so that a store
// and an instance cost no system calls when the pools have what they need.
//
// Everything pooled is clean: a pooled memory reads as zeros in full and
// is accessible in a prefix that the next user resizes to its own size
// (wd_pool_take_memory); a pooled stack holds stale values, which nothing
// reads (locals are zeroed on entry, temporaries written before they are
// read). The first pool_keep_resident bytes of a memory, and the first
// WD_POOL_STACK_KEEP bytes of a stack's cells and frame records, stay
// resident, so that the next user does not fault them in again.
//
// Several threads may take and give at once (one store each): a spin lock
// guards the few pointer operations; the zeroing runs outside it.
#ifndef WD_RUNTIME_POOL_H
#define WD_RUNTIME_POOL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// Bytes of a pooled stack's cells, and of its frame records, that stay
// resident (ward_config_t.pool_stacks).
#define WD_POOL_STACK_KEEP ((size_t)64 * 1024)
// Frame records that share a stack's first page with its first cells.
#define WD_POOL_INLINE_FRAMES 64

typedef struct wd_pooled_memory {
  uint8_t *base;
  size_t reserved;  // bytes of address space
  size_t committed; // bytes accessible from base, all zero
} wd_pooled_memory_t;

typedef struct wd_pool {
  atomic_flag lock;
  wd_pooled_memory_t *mems;
  uint32_t nmems, cap_mems;
  void **stacks;
  uint32_t nstacks, cap_stacks;
  size_t keep;            // bytes kept resident at the start of a memory (page multiple)
  size_t stack_cells;     // one stack: this many value cells ...
  uint32_t stack_frames;  // ... and frame records
  uint32_t inline_frames; // records in its first page (WD_POOL_INLINE_FRAMES at most)
  size_t cells_offset;    // where its cells start, after those
  size_t frames_offset;   // where its frame array starts
  size_t stack_bytes;     // the reservation of one stack
} wd_pool_t;

struct ward_config;
struct ward_store;

// Sets up an empty pool for an engine of configuration cfg. False if out
// of memory.
bool wd_pool_init(wd_pool_t *p, const struct ward_config *cfg);
// Returns everything pooled to the system.
void wd_pool_free(wd_pool_t *p);

// A pooled reservation of at least `reserve` bytes, made accessible for
// exactly its first `size` bytes (size <= reserve), which read as zeros,
// in *base and *reserved. False if the pool has none (or resizing it
// failed: then it is released).
bool wd_pool_take_memory(wd_pool_t *p, size_t reserve, size_t size, uint8_t **base,
                         size_t *reserved);
// Takes back a reservation whose first `committed` bytes are accessible:
// zeroes it and keeps it if the pool has room, else releases it (with
// guard pages, the caller registered it; it is unregistered here when
// released, and stays registered while pooled).
void wd_pool_give_memory(wd_pool_t *p, uint8_t *base, size_t reserved, size_t committed);

// Gives store s its value stack and frame array: a pooled one, or a new
// one. Until calls go deep (wd_store_deepen) the store uses only the
// stack's first page, then its resident part (pool.c). False if out of
// memory.
bool wd_pool_take_stack(wd_pool_t *p, struct ward_store *s);
// Takes back store s's stack (if it has one): kept, with what a deep call
// touched beyond the prefix given back to the system, if the pool has
// room; else released.
void wd_pool_give_stack(wd_pool_t *p, struct ward_store *s);

#endif
