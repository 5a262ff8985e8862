// SPDX-License-Identifier: Apache-2.0
// The engine's pools (src/runtime/pool.c; ward_config_t.pool_memories,
// pool_stacks, pool_keep_resident): a memory reservation that a deleted
// store gave back is the next store's, zeroed, at its own size, with
// accesses beyond that size still trapping (with guard pages: still
// faulting in a registered range); a pooled stack runs deep recursion up to
// the configured limits, exactly where a new one does; the pools hold no
// more than their capacities; engine delete releases what they hold (ASan
// checks the heap; with guard pages, the registry says which reservations
// are still registered); several threads share one engine's pools.
#define _POSIX_C_SOURCE 200809L // threads.h: fork, waitpid, kill, nanosleep
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/guard_registry.h"
#include "platform/platform.h" // WD_GUARD_PAGES
#include "runtime/rt.h"
#include "text/text.h"
#include "ward.h"
#include "check.h"
#include "threads.h"

#define PAGE 65536

// Function indices: store 0, load 1, grow 2, size 3, rec 4.
static const char k_mem_wat[] =
    "(module\n"
    "  (memory (export \"m\") 1 4)\n"
    "  (data (i32.const 16) \"ward\")\n"
    "  (func (export \"store\") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))\n"
    "  (func (export \"load\") (param i32) (result i32) (i32.load8_u (local.get 0)))\n"
    "  (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0)))\n"
    "  (func (export \"size\") (result i32) (memory.size))\n"
    "  (func (export \"rec\") (param i32) (result i32)\n"
    "    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))\n"
    "      (else (i32.add (i32.const 1) (call 4 (i32.sub (local.get 0) (i32.const 1))))))))\n";

// The same maximum (so that with explicit bounds checks it reserves as
// much), but 3 pages from the start.
static const char k_big_wat[] =
    "(module\n"
    "  (memory (export \"m\") 3 4)\n"
    "  (func (export \"load\") (param i32) (result i32) (i32.load8_u (local.get 0))))\n";

typedef struct env {
  ward_engine_t *e;
  ward_module_t *mem, *big;
} env_t;

static uint8_t *g_mem_bin, *g_big_bin, *g_wide_bin;
static size_t g_mem_len, g_big_len, g_wide_len;

// A function with 9000 locals (a frame wider than 8192 cells), which sets
// the last one and returns it.
static bool wide_module(void) {
  const char head[] = "(module (func (export \"wide\") (result i32) (local";
  const char tail[] = ") (local.set 8999 (i32.const 7)) (local.get 8999)))";
  size_t n = sizeof head - 1 + 9000 * 4 + sizeof tail;
  char *wat = malloc(n);
  if (!wat)
    return false;
  char *p = wat;
  memcpy(p, head, sizeof head - 1);
  p += sizeof head - 1;
  for (int i = 0; i < 9000; i++, p += 4)
    memcpy(p, i == 8999 ? " i32" : " i64", 4);
  memcpy(p, tail, sizeof tail);
  wd_text_error_t terr;
  bool ok = wd_wat_to_wasm(wat, strlen(wat), &g_wide_bin, &g_wide_len, &terr);
  free(wat);
  return ok;
}

static env_t env_open(uint32_t pool_memories, uint32_t pool_stacks, uint32_t max_depth,
                      size_t stack_cells) {
  ward_config_t cfg;
  ward_config_init(&cfg);
  cfg.pool_memories = pool_memories;
  cfg.pool_stacks = pool_stacks;
  if (max_depth)
    cfg.max_call_depth = max_depth;
  if (stack_cells)
    cfg.stack_cells = stack_cells;
  env_t v = {ward_engine_new(&cfg), NULL, NULL};
  CHECK(v.e != NULL);
  CHECK(ward_module_new(v.e, g_mem_bin, g_mem_len, &v.mem) == NULL);
  CHECK(ward_module_new(v.e, g_big_bin, g_big_len, &v.big) == NULL);
  return v;
}

static void env_close(env_t *v) {
  ward_module_delete(v->mem);
  ward_module_delete(v->big);
  ward_engine_delete(v->e);
}

typedef struct inst {
  ward_store_t *s;
  ward_instance_t *i;
} inst_t;

static inst_t inst_new(const env_t *v, const ward_module_t *mod) {
  inst_t in = {ward_store_new(v->e), NULL};
  ward_trap_t *trap = NULL;
  CHECK(in.s && ward_instance_new(in.s, mod, NULL, 0, &in.i, &trap) == NULL && !trap && in.i);
  return in;
}

static ward_extern_t get_export(const inst_t *in, const char *name) {
  ward_extern_t ex;
  memset(&ex, 0, sizeof ex);
  CHECK(ward_instance_export(in->i, name, strlen(name), &ex));
  return ex;
}

// Calls export `name` with up to two i32 arguments: its i32 result (0 for
// none), or -1 for a trap, whose code goes to *code (if not NULL).
static int64_t call(const inst_t *in, const char *name, int nargs, int32_t a, int32_t b,
                    ward_trapcode_t *code) {
  ward_func_t *f = get_export(in, name).of.func;
  ward_val_t args[2] = {{.kind = WARD_I32, .of.i32 = a}, {.kind = WARD_I32, .of.i32 = b}};
  ward_val_t res;
  memset(&res, 0, sizeof res);
  size_t nres = ward_functype_result_count(ward_func_type(f));
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_func_call(in->s, f, args, (size_t)nargs, &res, nres, &trap);
  CHECK(!err);
  ward_error_delete(err);
  if (trap) {
    if (code)
      *code = ward_trap_code(trap);
    ward_trap_delete(trap);
    return -1;
  }
  return nres ? (int64_t)(uint32_t)res.of.i32 : 0;
}

static int64_t load(const inst_t *in, uint32_t addr) {
  return call(in, "load", 1, (int32_t)addr, 0, NULL);
}

// An access at addr traps as out of bounds.
static bool load_traps(const inst_t *in, uint32_t addr) {
  ward_trapcode_t code = WARD_TRAP_UNREACHABLE;
  return call(in, "load", 1, (int32_t)addr, 0, &code) == -1 && code == WARD_TRAP_MEMORY_OOB;
}

static uint8_t *mem_base(const inst_t *in) {
  return ward_memory_data(get_export(in, "m").of.memory);
}

// ---- a reused reservation ----------------------------------------------------------

static void test_memory_reuse(void) {
  env_t v = env_open(1, 1, 0, 0);
  // The first user dirties the data segment, the resident prefix (32 KiB),
  // beyond it, the last byte, grows to 3 pages and writes the new ones too.
  inst_t a = inst_new(&v, v.mem);
  uint8_t *base = mem_base(&a);
  // A build that keeps memories in the heap (WARD_MEMORY_RESERVATION=0)
  // pools none: the rest holds all the same.
  const bool pooled = get_export(&a, "m").of.memory->reserved != 0;
  CHECK(load(&a, 16) == 'w');
  const uint32_t dirty[] = {16, 100, 40000, PAGE - 1};
  for (size_t k = 0; k < sizeof dirty / sizeof *dirty; k++)
    call(&a, "store", 2, (int32_t)dirty[k], 0x5a, NULL);
  CHECK(call(&a, "grow", 1, 2, 0, NULL) == 1);
  call(&a, "store", 2, 2 * PAGE + 5, 0x5a, NULL);
  mem_base(&a)[3 * PAGE - 1] = 0x5a; // from the host
  ward_store_delete(a.s);
  CHECK(!pooled || (v.e->pool.nmems == 1 && v.e->pool.mems[0].base == base));

  // The next one gets the same reservation: its own size (1 page), zeros
  // but for its data segment, a trap beyond the size, and zeros in the
  // pages it grows into.
  inst_t b = inst_new(&v, v.mem);
  CHECK(!pooled || mem_base(&b) == base);
  CHECK(v.e->pool.nmems == 0);
  CHECK(call(&b, "size", 0, 0, 0, NULL) == 1);
  CHECK(ward_memory_size(get_export(&b, "m").of.memory) == PAGE);
  CHECK(load(&b, 16) == 'w' && load(&b, 19) == 'd');
  for (size_t k = 1; k < sizeof dirty / sizeof *dirty; k++)
    CHECK(load(&b, dirty[k]) == 0);
  CHECK(load_traps(&b, PAGE));         // the old second page
  CHECK(load_traps(&b, 2 * PAGE + 5)); // the old third page
  CHECK(load_traps(&b, 3 * PAGE - 1));
  CHECK(call(&b, "grow", 1, 2, 0, NULL) == 1);
  CHECK(load(&b, 2 * PAGE + 5) == 0 && load(&b, 3 * PAGE - 1) == 0);
  CHECK(load_traps(&b, 3 * PAGE));
  ward_store_delete(b.s);

  // A smaller one, then a larger one: the pooled reservation is
  // accessible for 1 page and must be made so for 3.
  inst_t c = inst_new(&v, v.mem);
  CHECK((!pooled || mem_base(&c) == base) && load(&c, 40000) == 0);
  ward_store_delete(c.s);
  inst_t d = inst_new(&v, v.big);
  CHECK(!pooled || mem_base(&d) == base);
  CHECK(load(&d, 2 * PAGE + 5) == 0 && load(&d, 3 * PAGE - 1) == 0);
  CHECK(load_traps(&d, 3 * PAGE));
  ward_store_delete(d.s);

  // Host memories share the pool.
  ward_store_t *s = ward_store_new(v.e);
  ward_memory_t *hm = NULL;
  CHECK(ward_memory_new(s, 1, 4, &hm) == NULL && hm);
  CHECK(!pooled || ward_memory_data(hm) == base);
  CHECK(ward_memory_size(hm) == PAGE);
  bool zero = true;
  for (size_t k = 0; k < PAGE; k++)
    zero = zero && ward_memory_data(hm)[k] == 0;
  CHECK(zero);
  memset(ward_memory_data(hm), 0x77, PAGE);
  ward_store_delete(s);
  inst_t f = inst_new(&v, v.mem);
  CHECK((!pooled || mem_base(&f) == base) && load(&f, 0) == 0 && load(&f, PAGE - 1) == 0);
  ward_store_delete(f.s);
  env_close(&v);
}

// ---- a reused stack -----------------------------------------------------------------

// rec(n) succeeds (returning n) with the given limits, in a store whose
// stack is the pool's if there is one.
static bool rec_ok(const env_t *v, int32_t n, ward_trapcode_t *code) {
  inst_t in = inst_new(v, v->mem);
  bool ok = call(&in, "rec", 1, n, 0, code) == n;
  ward_store_delete(in.s);
  return ok;
}

static void test_stack_reuse(void) {
  // 5000 frames (beyond the 2048 a 64 KiB resident prefix holds): rec(n)
  // pushes n frame records (the outermost call none), so rec(5000) is the
  // deepest, as in a build without pools.
  env_t v = env_open(1, 1, 5000, 0);
  inst_t a = inst_new(&v, v.mem);
  CHECK(call(&a, "rec", 1, 10, 0, NULL) == 10);
  void *blk = a.s->stack_block;
  // The soft limits: the frame records in the first page, ...
  CHECK(blk && (void *)a.s->frames == blk && a.s->max_depth == WD_POOL_INLINE_FRAMES);
  // ... then in the frame array's resident part, ...
  CHECK(call(&a, "rec", 1, 100, 0, NULL) == 100);
  CHECK((void *)a.s->frames != blk && a.s->max_depth < a.s->depth_limit && !a.s->stack_deep);
  ward_store_delete(a.s);
  CHECK(v.e->pool.nstacks == 1 && v.e->pool.stacks[0] == blk);

  inst_t b = inst_new(&v, v.mem);
  CHECK(call(&b, "rec", 1, 5000, 0, NULL) == 5000);
  CHECK(b.s->stack_block == blk && b.s->stack_deep && b.s->max_depth == 5000);
  ward_store_delete(b.s);
  // Deep once, given back, and the next store starts at the soft limits
  // again, and goes as deep.
  inst_t c = inst_new(&v, v.mem);
  CHECK(call(&c, "rec", 1, 3, 0, NULL) == 3);
  CHECK(c.s->stack_block == blk && !c.s->stack_deep && c.s->max_depth < 5000);
  CHECK(call(&c, "rec", 1, 5000, 0, NULL) == 5000);
  ward_trapcode_t code = WARD_TRAP_UNREACHABLE;
  CHECK(call(&c, "rec", 1, 5001, 0, &code) == -1 && code == WARD_TRAP_STACK_EXHAUSTED);
  CHECK(call(&c, "rec", 1, 4999, 0, NULL) == 4999);
  ward_store_delete(c.s);
  for (int round = 0; round < 3; round++) {
    code = WARD_TRAP_UNREACHABLE;
    CHECK(rec_ok(&v, 5000, NULL));
    CHECK(!rec_ok(&v, 5001, &code) && code == WARD_TRAP_STACK_EXHAUSTED);
  }
  env_close(&v);

  // 10,000 value cells (beyond the 8192 of the resident prefix), 2 per
  // frame: rec(4995) is the deepest, as in a build without pools.
  v = env_open(1, 1, 100000, 10000);
  for (int round = 0; round < 3; round++) {
    code = WARD_TRAP_UNREACHABLE;
    CHECK(rec_ok(&v, 4995, NULL));
    CHECK(!rec_ok(&v, 4996, &code) && code == WARD_TRAP_STACK_EXHAUSTED);
  }
  CHECK(v.e->pool.nstacks == 1);
  env_close(&v);

  // The default limits, pooled: 50,000 deep, several times.
  v = env_open(1, 1, 0, 0);
  for (int round = 0; round < 3; round++)
    CHECK(rec_ok(&v, 50000, NULL));
  // A first call whose frame alone passes the cells' soft limit (8192):
  // both steps at once.
  ward_module_t *wide = NULL;
  CHECK(ward_module_new(v.e, g_wide_bin, g_wide_len, &wide) == NULL);
  for (int round = 0; round < 2; round++) {
    inst_t w = inst_new(&v, wide);
    CHECK(call(&w, "wide", 0, 0, 0, NULL) == 7);
    CHECK(w.s->stack_deep);
    ward_store_delete(w.s);
  }
  ward_module_delete(wide);
  env_close(&v);
}

// ---- capacity and release ---------------------------------------------------------

static bool registered(const void *base) {
#if WD_GUARD_PAGES
  return wd_guard_registered(base);
#else
  (void)base;
  return false;
#endif
}

static void test_capacity(void) {
  for (uint32_t cap = 0; cap <= 2; cap += 2) {
    env_t v = env_open(cap, cap, 0, 0);
    enum { N = 4 };
    inst_t in[N];
    uint8_t *bases[N];
    bool pooled = true; // with reserved memories (see test_memory_reuse)
    for (int k = 0; k < N; k++) {
      in[k] = inst_new(&v, v.mem);
      bases[k] = mem_base(&in[k]);
      pooled = pooled && get_export(&in[k], "m").of.memory->reserved != 0;
      CHECK(call(&in[k], "rec", 1, 100, 0, NULL) == 100); // takes a stack
      CHECK(registered(bases[k]) == (WD_GUARD_PAGES != 0));
    }
    for (int k = 0; k < N; k++)
      ward_store_delete(in[k].s);
    CHECK(v.e->pool.nmems == (pooled ? cap : 0) && v.e->pool.nstacks == cap);
    // The first `cap` given back are kept (registered), the rest released.
    for (int k = 0; k < N; k++)
      CHECK(registered(bases[k]) == (WD_GUARD_PAGES != 0 && k < (int)cap));
    // The pool is taken from first.
    inst_t again = inst_new(&v, v.mem);
    CHECK(cap == 0 || !pooled || mem_base(&again) == bases[0] || mem_base(&again) == bases[1]);
    ward_store_delete(again.s);
    env_close(&v); // releases all: nothing left registered, ASan finds no leak
    for (int k = 0; k < N; k++)
      CHECK(!registered(bases[k]));
  }
}

// ---- threads ----------------------------------------------------------------------

#define NTHREADS 4
#define ROUNDS 200

typedef struct worker {
  const env_t *v;
  int id;
  atomic_int *bad;
} worker_t;

// Each round: a new store sees zeros where the last one (of any thread)
// wrote, writes its own, grows, recurses past the soft limits now and then.
static THREAD_FN worker(void *arg) {
  worker_t *w = arg;
  for (int r = 0; r < ROUNDS; r++) {
    inst_t in = inst_new(w->v, w->v->mem);
    bool ok = load(&in, 100) == 0 && load(&in, 40000) == 0 && load(&in, 16) == 'w' &&
              call(&in, "size", 0, 0, 0, NULL) == 1 && load_traps(&in, PAGE);
    call(&in, "store", 2, 100, w->id + 1, NULL);
    call(&in, "store", 2, 40000, w->id + 1, NULL);
    ok = ok && call(&in, "grow", 1, 1, 0, NULL) == 1 && load(&in, PAGE + 7) == 0;
    call(&in, "store", 2, PAGE + 7, 9, NULL);
    ok = ok && call(&in, "rec", 1, r % 10 ? 50 : 5000, 0, NULL) == (r % 10 ? 50 : 5000);
    ward_store_delete(in.s);
    if (!ok)
      atomic_fetch_add(w->bad, 1);
  }
  return THREAD_END;
}

static void test_threads(void) {
  if (!test_threads_work()) {
    printf("SKIP: test_pool's threads: threads do not start here (qemu-i386 7.2 never returns "
           "from pthread_create)\n");
    return;
  }
  env_t v = env_open(2, 2, 0, 0);
  atomic_int bad = 0;
  worker_t w[NTHREADS];
  thread_t t[NTHREADS];
  bool started[NTHREADS];
  for (int k = 0; k < NTHREADS; k++) {
    w[k] = (worker_t){&v, k, &bad};
    started[k] = thread_start(&t[k], worker, &w[k]);
    CHECK(started[k]);
  }
  for (int k = 0; k < NTHREADS; k++)
    if (started[k])
      thread_join(t[k]);
  CHECK(atomic_load(&bad) == 0);
  CHECK(v.e->pool.nmems <= 2 && v.e->pool.nstacks <= 2);
  env_close(&v);
}

int main(void) {
  wd_text_error_t terr;
  CHECK(wd_wat_to_wasm(k_mem_wat, sizeof k_mem_wat - 1, &g_mem_bin, &g_mem_len, &terr));
  CHECK(wd_wat_to_wasm(k_big_wat, sizeof k_big_wat - 1, &g_big_bin, &g_big_len, &terr));
  CHECK(wide_module());
  if (!g_mem_bin || !g_big_bin || !g_wide_bin)
    return 1;
  test_memory_reuse();
  test_stack_reuse();
  test_capacity();
  test_threads();
  free(g_mem_bin);
  free(g_big_bin);
  free(g_wide_bin);
  printf("pool: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
