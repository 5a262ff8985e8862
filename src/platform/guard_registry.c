// SPDX-License-Identifier: Apache-2.0
// The registry of guarded ranges that the fault handlers read
// (guard_registry.h; platform.h wd_os_guard_register/_unregister).
//
// A chain of blocks of slots. The first block is static; more are added
// under the lock when every slot is taken, and never freed, so a handler
// can walk the chain at any time. A slot is free when its base is NULL.
// Writers (under the lock) set `end` before publishing `base`; a reader
// reads base, end, then base again, and trusts the pair only if base did
// not change in between.
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "platform/guard_registry.h"
#include "platform/platform.h"
#include "platform/platform_fs.h" // wd_os_yield

_Static_assert(ATOMIC_POINTER_LOCK_FREE == 2, "the fault handler needs lock-free atomic pointers");

#define SLOTS_PER_BLOCK 64

typedef struct guard_slot {
  _Atomic(char *) base;
  _Atomic(char *) end;
} guard_slot_t;

typedef struct guard_block {
  guard_slot_t slots[SLOTS_PER_BLOCK];
  _Atomic(struct guard_block *) next;
} guard_block_t;

static guard_block_t g_first;

// Writers only (registering a memory is rare and short): a spin lock that
// needs no initialisation and no thread library on any platform.
static atomic_flag g_lock = ATOMIC_FLAG_INIT;

static void lock(void) {
  while (atomic_flag_test_and_set_explicit(&g_lock, memory_order_acquire))
    wd_os_yield();
}

static void unlock(void) { atomic_flag_clear_explicit(&g_lock, memory_order_release); }

bool wd_os_guard_register(void *base, size_t size) {
  char *b = base;
  guard_slot_t *free_slot = NULL;
  lock();
  guard_block_t *blk = &g_first, *last = NULL;
  for (; blk && !free_slot; last = blk, blk = atomic_load(&blk->next))
    for (int i = 0; i < SLOTS_PER_BLOCK; i++)
      if (!atomic_load_explicit(&blk->slots[i].base, memory_order_relaxed)) {
        free_slot = &blk->slots[i];
        break;
      }
  if (!free_slot) {
    guard_block_t *nb = calloc(1, sizeof *nb);
    if (!nb) {
      unlock();
      return false;
    }
    free_slot = &nb->slots[0];
    atomic_store(&last->next, nb);
  }
  atomic_store_explicit(&free_slot->end, b + size, memory_order_relaxed);
  atomic_store_explicit(&free_slot->base, b, memory_order_release);
  unlock();
  return true;
}

void wd_os_guard_unregister(void *base) {
  if (!base)
    return;
  lock();
  for (guard_block_t *blk = &g_first; blk; blk = atomic_load(&blk->next))
    for (int i = 0; i < SLOTS_PER_BLOCK; i++)
      if (atomic_load_explicit(&blk->slots[i].base, memory_order_relaxed) == base) {
        atomic_store_explicit(&blk->slots[i].base, NULL, memory_order_release);
        unlock();
        return;
      }
  unlock();
}

bool wd_guard_registered(const void *addr) {
  uintptr_t a = (uintptr_t)addr;
  for (guard_block_t *blk = &g_first; blk;
       blk = atomic_load_explicit(&blk->next, memory_order_acquire))
    for (int i = 0; i < SLOTS_PER_BLOCK; i++) {
      guard_slot_t *s = &blk->slots[i];
      char *b = atomic_load_explicit(&s->base, memory_order_acquire);
      if (!b)
        continue;
      char *e = atomic_load_explicit(&s->end, memory_order_acquire);
      if (a >= (uintptr_t)b && a < (uintptr_t)e &&
          atomic_load_explicit(&s->base, memory_order_acquire) == b)
        return true;
    }
  return false;
}
