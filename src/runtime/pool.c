// SPDX-License-Identifier: Apache-2.0
// An engine's pools of memory reservations and execution stacks (pool.h).
#include <string.h>

#include "platform/platform.h"
#include "platform/platform_fs.h" // wd_os_yield
#include "runtime/pool.h"
#include "runtime/rt.h"
#include "util/alloc.h"

// Writers hold it for a few pointer operations; a waiter yields its CPU.
static void lock(wd_pool_t *p) {
  while (atomic_flag_test_and_set_explicit(&p->lock, memory_order_acquire))
    wd_os_yield();
}

static void unlock(wd_pool_t *p) { atomic_flag_clear_explicit(&p->lock, memory_order_release); }

// n rounded up to a multiple of the page size, or 0 if that overflows.
static size_t page_round(size_t n, size_t page) {
  return n > SIZE_MAX - (page - 1) ? 0 : (n + page - 1) / page * page;
}

bool wd_pool_init(wd_pool_t *p, const ward_config_t *cfg) {
  memset(p, 0, sizeof *p);
  atomic_flag_clear(&p->lock);
  size_t page = wd_os_page_size();
  p->keep = page_round(cfg->pool_keep_resident, page);
  if (cfg->pool_keep_resident && !p->keep)
    p->keep = SIZE_MAX / page * page;
  p->stack_cells = cfg->stack_cells;
  p->stack_frames = cfg->max_call_depth;
  // One reservation per stack: the first frame records and the cells
  // (sharing the first page), then the frame array, from a page boundary
  // (stack_bytes 0: too large to reserve, the heap's turn).
  p->inline_frames =
      p->stack_frames < WD_POOL_INLINE_FRAMES ? p->stack_frames : WD_POOL_INLINE_FRAMES;
  p->cells_offset = (size_t)p->inline_frames * sizeof(wd_frame_t);
  size_t cells = p->stack_cells <= (SIZE_MAX - p->cells_offset) / sizeof(wd_cell_t)
                     ? page_round(p->cells_offset + p->stack_cells * sizeof(wd_cell_t), page)
                     : 0;
  size_t frames = page_round((size_t)p->stack_frames * sizeof(wd_frame_t), page);
  if (cells && frames && cells <= SIZE_MAX - frames) {
    p->frames_offset = cells;
    p->stack_bytes = cells + frames;
  }
  p->cap_mems = cfg->pool_memories;
  p->cap_stacks = cfg->pool_stacks;
  if (p->cap_mems) {
    p->mems = wd_calloc(p->cap_mems, sizeof *p->mems);
    if (!p->mems)
      return false;
  }
  if (p->cap_stacks) {
    p->stacks = wd_calloc(p->cap_stacks, sizeof *p->stacks);
    if (!p->stacks) {
      wd_free(p->mems);
      return false;
    }
  }
  return true;
}

static void release_memory(uint8_t *base, size_t reserved) {
#if WD_GUARD_PAGES
  wd_os_guard_unregister(base);
#endif
  wd_os_release(base, reserved);
}

void wd_pool_free(wd_pool_t *p) {
  for (uint32_t i = 0; i < p->nmems; i++)
    release_memory(p->mems[i].base, p->mems[i].reserved);
  for (uint32_t i = 0; i < p->nstacks; i++)
    wd_os_release(p->stacks[i], p->stack_bytes);
  wd_free(p->mems);
  wd_free(p->stacks);
  p->mems = NULL;
  p->stacks = NULL;
  p->nmems = p->nstacks = 0;
}

// ---- memories -------------------------------------------------------------------

bool wd_pool_take_memory(wd_pool_t *p, size_t reserve, size_t size, uint8_t **base,
                         size_t *reserved) {
  wd_pooled_memory_t e = {0};
  lock(p);
  // The smallest that is large enough: with explicit bounds checks the
  // reservations differ (each is its memory's whole range).
  uint32_t best = p->nmems;
  for (uint32_t i = 0; i < p->nmems; i++)
    if (p->mems[i].reserved >= reserve &&
        (best == p->nmems || p->mems[i].reserved < p->mems[best].reserved))
      best = i;
  if (best < p->nmems) {
    e = p->mems[best];
    p->mems[best] = p->mems[--p->nmems];
  }
  unlock(p);
  if (!e.base)
    return false;
  // Exactly [0, size) accessible: with guard pages an access beyond it
  // must fault. Everything beyond `committed` is zero already.
  bool ok = true;
  if (e.committed > size)
    ok = wd_os_decommit(e.base + size, e.committed - size);
  else if (e.committed < size)
    ok = wd_os_commit(e.base + e.committed, size - e.committed);
  if (!ok) {
    release_memory(e.base, e.reserved);
    return false;
  }
  *base = e.base;
  *reserved = e.reserved;
  return true;
}

// Whether the pool of stacks (or of memories) has room for one more.
static bool has_room(wd_pool_t *p, bool stacks) {
  lock(p);
  bool room = stacks ? p->nstacks < p->cap_stacks : p->nmems < p->cap_mems;
  unlock(p);
  return room;
}

void wd_pool_give_memory(wd_pool_t *p, uint8_t *base, size_t reserved, size_t committed) {
  // Zeroed outside the lock: the first `keep` bytes in place (their pages
  // stay resident), the rest given back.
  bool keep = has_room(p, false);
  if (keep) {
    size_t k = committed < p->keep ? committed : p->keep;
    memset(base, 0, k);
    keep = wd_os_discard(base + k, committed - k);
  }
  if (keep) {
    lock(p);
    keep = p->nmems < p->cap_mems;
    if (keep)
      p->mems[p->nmems++] = (wd_pooled_memory_t){base, reserved, committed};
    unlock(p);
  }
  if (!keep)
    release_memory(base, reserved);
}

// ---- stacks ---------------------------------------------------------------------

// A pooled stack is used in three steps, so that a shallow store touches
// one page, and pages beyond WD_POOL_STACK_KEEP bytes of cells and of frame
// records only when a call goes deep (those are given back to the system
// when the stack returns to the pool; nothing else is, nor zeroed: see
// pool.h): the first frame records in the first page, before the cells,
// then the frame array up to its soft limit (the records move there), then
// everything. wd_store_deepen takes one step.
static size_t soft_cells(const wd_pool_t *p) {
  size_t n = WD_POOL_STACK_KEEP / sizeof(wd_cell_t);
  return n < p->stack_cells ? n : p->stack_cells;
}

static uint32_t soft_frames(const wd_pool_t *p) {
  size_t n = WD_POOL_STACK_KEEP / sizeof(wd_frame_t);
  return n < p->stack_frames ? (uint32_t)n : p->stack_frames;
}

bool wd_pool_take_stack(wd_pool_t *p, ward_store_t *s) {
  uint8_t *blk = NULL;
  lock(p);
  if (p->nstacks)
    blk = p->stacks[--p->nstacks];
  unlock(p);
  if (!blk && p->stack_bytes) {
    blk = wd_os_reserve(p->stack_bytes);
    // Committed in full: untouched pages cost address space, not memory.
    if (blk && !wd_os_commit(blk, p->stack_bytes)) {
      wd_os_release(blk, p->stack_bytes);
      blk = NULL;
    }
  }
  if (blk) {
    s->stack_block = blk;
    s->stack = (wd_cell_t *)(void *)(blk + p->cells_offset);
    s->frames = (wd_frame_t *)(void *)blk;
    s->stack_limit = s->stack + p->stack_cells;
    s->depth_limit = p->stack_frames;
    s->stack_end = s->stack + soft_cells(p);
    wd_store_set_depth(s, p->inline_frames);
  } else {
    // No reservations here (WASI) or none to be had: from the heap, in
    // full, never pooled. Neither needs zeroing (see pool.h).
    if (p->stack_cells <= SIZE_MAX / sizeof *s->stack)
      s->stack = wd_malloc(p->stack_cells * sizeof *s->stack);
    s->frames = wd_malloc((size_t)p->stack_frames * sizeof *s->frames);
    if (!s->stack || !s->frames) {
      wd_free(s->stack);
      wd_free(s->frames);
      s->stack = NULL;
      s->frames = NULL;
      return false;
    }
    s->stack_end = s->stack_limit = s->stack + p->stack_cells;
    s->depth_limit = p->stack_frames;
    wd_store_set_depth(s, p->stack_frames);
  }
  s->sp = s->stack;
  s->stack_deep = false;
  return true;
}

void wd_pool_give_stack(wd_pool_t *p, ward_store_t *s) {
  uint8_t *blk = s->stack_block;
  if (!blk) {
    wd_free(s->stack);
    wd_free(s->frames);
  } else {
    bool keep = has_room(p, true);
    if (keep && s->stack_deep) {
      // Beyond the soft limits.
      size_t cells = p->cells_offset + soft_cells(p) * sizeof(wd_cell_t);
      size_t frames = p->frames_offset + soft_frames(p) * sizeof(wd_frame_t);
      size_t page = wd_os_page_size();
      cells = page_round(cells, page);
      frames = page_round(frames, page);
      keep = (cells >= p->frames_offset || wd_os_discard(blk + cells, p->frames_offset - cells)) &&
             (frames >= p->stack_bytes || wd_os_discard(blk + frames, p->stack_bytes - frames));
    }
    if (keep) {
      lock(p);
      keep = p->nstacks < p->cap_stacks;
      if (keep)
        p->stacks[p->nstacks++] = blk;
      unlock(p);
    }
    if (!keep)
      wd_os_release(blk, p->stack_bytes);
  }
  s->stack_block = NULL;
  s->stack = s->stack_end = s->stack_limit = s->sp = NULL;
  s->frames = NULL;
  s->depth_limit = 0;
  wd_store_set_depth(s, 0);
}

bool wd_store_deepen(ward_store_t *s) {
  const wd_pool_t *p = &s->engine->pool;
  uint8_t *blk = s->stack_block;
  if (blk && s->frames == (wd_frame_t *)(void *)blk && p->inline_frames < p->stack_frames) {
    // The frame array, resident part: the records move (nothing keeps a
    // pointer to one across a call).
    wd_frame_t *array = (wd_frame_t *)(void *)(blk + p->frames_offset);
    if (s->depth)
      memcpy(array, s->frames, (size_t)s->depth * sizeof *array);
    s->frames = array;
    wd_store_set_depth(s, soft_frames(p));
    return true;
  }
  if (s->stack_end == s->stack_limit && s->depth_soft == s->depth_limit)
    return false;
  s->stack_end = s->stack_limit;
  wd_store_set_depth(s, s->depth_limit);
  s->stack_deep = true;
  return true;
}
