// SPDX-License-Identifier: Apache-2.0
// Limits for untrusted code (include/ward/limits.h): fuel (deterministic,
// refuelled, charged for bulk operations), interruption (a loop, a chain of
// tail calls, a recursion, a memory.fill of 4 GiB, a host function, a
// request standing between calls and instantiations, a handle outliving its
// store), the store's memory and table limits with their hook, and the
// call stack's limit reached from every kind of call. Each with lazy and
// eager translation.
#define _POSIX_C_SOURCE 200809L // fork, waitpid, kill, nanosleep
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/rt.h"
#include "text/text.h"
#include "ward.h"
#include "check.h"

#include "threads.h"

// An export `latch_NAME` (param $n i32) of a loop closed by `close`.
#define LATCH(name, close)                                                                         \
  "  (func (export \"latch_" name                                                                  \
  "\") (param $n i32) (local $i i32) (local $c i32) (local $k i32)\n"                              \
  "    (global.set $g (i32.const 0)) (local.set $k (local.get $n))\n"                              \
  "    (block $done (loop $l\n"                                                                    \
  "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"                                  \
  "      (global.set $g (local.get $i))\n"                                                         \
  "      (if (i32.eq (local.get $i) (i32.const 1000)) (then (call $wait)))\n"                      \
  "      " close "))\n"                                                                            \
  "    (global.set $g (i32.const -1)))\n"

static const char k_wat[] =
    "(module\n"
    "  (import \"host\" \"wait\" (func $wait))\n"
    "  (import \"host\" \"reenter\" (func $reenter))\n"
    "  (type $v (func))\n"
    "  (memory (export \"memory\") 1 65536)\n"
    "  (table $t 2 funcref)\n"
    "  (elem (table $t) (i32.const 0) func $rec_indirect $rec_host)\n"
    "  (global $g (mut i32) (i32.const 0))\n"
    "  (func (export \"spin\") (loop $l (br $l)))\n"
    // count(n): n iterations of a loop of a few instructions.
    "  (func (export \"count\") (param $n i32) (result i32) (local $i i32)\n"
    "    (block $done (loop $l\n"
    "      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))\n"
    "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
    "      (br $l)))\n"
    "    (local.get $i))\n"
    "  (func $tail (export \"tail\") (param i32) (return_call $tail (local.get 0)))\n"
    "  (func $ping (param i32) (return_call $pong (local.get 0)))\n"
    "  (func $pong (export \"pingpong\") (param i32) (return_call $ping (local.get 0)))\n"
    "  (func $rec (export \"rec\") (param i32) (result i32)\n"
    "    (i32.add (call $rec (local.get 0)) (i32.const 1)))\n"
    "  (func $rec_indirect (export \"rec_indirect\")\n"
    "    (call_indirect (type $v) (i32.const 0)))\n"
    "  (func $rec_ref (export \"rec_ref\") (call_ref $v (ref.func $rec_ref)))\n"
    "  (func $rec_host (export \"rec_host\") (call $reenter))\n"
    "  (func (export \"fill\") (param $n i32)\n"
    "    (memory.fill (i32.const 0) (i32.const 7) (local.get $n)))\n"
    "  (func (export \"fill_all\") (memory.fill (i32.const 0) (i32.const 7) (i32.const -1)))\n"
    "  (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0)))\n"
    "  (func (export \"tgrow\") (param i32) (result i32)\n"
    "    (table.grow $t (ref.null func) (local.get 0)))\n"
    "  (func (export \"wait_then_loop\") (call $wait) (loop $l (br $l)))\n"
    "  (func (export \"reenter_then_loop\") (local $i i32) (call $reenter)\n"
    "    (loop $l (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1)))\n"
    "                               (i32.const 100000000)))))\n"
    "  (func (export \"oob\") (drop (i32.load offset=8 (i32.const -4))))\n"
    "  (func (export \"bump\") (global.set $g (i32.add (global.get $g) (i32.const 1))))\n"
    "  (func (export \"get\") (result i32) (global.get $g))\n"
    ")\n";

// Loops closed by each kind of branch (the latch forms of interp/ops.def),
// as pieces of one module's text: each iteration counts in $g and, at the
// 1000th, has "wait" ask for an interrupt, which the loop's next check obeys.
static const char *const k_wat_latch[] = {
    "(module\n"
    "  (import \"host\" \"wait\" (func $wait))\n"
    "  (import \"host\" \"reenter\" (func $reenter))\n"
    "  (global $g (mut i32) (i32.const 0))\n"
    "  (global $null (mut funcref) (ref.null func))\n"
    "  (tag $e)\n"
    "  (func (export \"get\") (result i32) (global.get $g))\n",
    LATCH("br", "(br_if $done (i32.ge_u (local.get $i) (local.get $n))) (br $l)"),
    LATCH("br_if", "(local.set $c (i32.lt_u (local.get $i) (local.get $n)))"
                   "(br_if $l (local.get $c))"),
    LATCH("br_unless", "(br_if $l (i32.eqz (i32.ge_u (local.get $i) (local.get $n))))"),
    LATCH("cmp", "(br_if $l (i32.lt_u (local.get $i) (local.get $n)))"),
    LATCH("cmp_imm", "(br_if $l (i32.ne (local.get $i) (i32.const 5000)))"),
    LATCH("cmp_acc",
          "(br_if $l (i32.gt_s (local.get $n) (i32.add (local.get $i) (local.get $c))))"),
    LATCH("add_cmp_imm", "(br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const -1)))"
                         "(i32.const 0)))"),
    LATCH("add_cmp", "(br_if $l (i32.gt_u (local.tee $k (i32.add (local.get $k) (i32.const -1)))"
                     "(local.get $i)))"),
    LATCH("add_nz", "(br_if $l (local.tee $k (i32.add (local.get $k) (i32.const -1))))"),
    LATCH("cmp64", "(br_if $l (i64.lt_u (i64.extend_i32_u (local.get $i)) (i64.const 5000)))"),
    LATCH("table", "(br_table $l $done (i32.ge_u (local.get $i) (local.get $n)))"),
    // Jumps back of other kinds: a branch on a null reference, and a catch
    // clause landing on the loop's head after a throw (no twin: it goes
    // through a check of its own where loops' heads have none).
    LATCH("null", "(br_if $done (i32.ge_u (local.get $i) (local.get $n)))"
                  "(drop (br_on_null $l (global.get $null)))"),
    LATCH("catch", "(br_if $done (i32.ge_u (local.get $i) (local.get $n)))"
                   "(try_table (catch $e $l) (throw $e))"),
    // A dispatch loop (compile_disp.c): its head, the check and a br_table,
    // copied to each `br $l`, which then checks in the copy.
    "  (func (export \"latch_dispatch\") (param $n i32) (local $i i32) (local $c i32)\n"
    "    (global.set $g (i32.const 0))\n"
    "    (block $done (loop $l\n"
    "      (block $b (block $a (br_table $a $b $done (local.get $c)))\n"
    "        (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
    "        (global.set $g (local.get $i))\n"
    "        (if (i32.eq (local.get $i) (i32.const 1000)) (then (call $wait)))\n"
    "        (local.set $c (i32.ge_u (local.get $i) (local.get $n)))\n"
    "        (br $l))\n"
    "      (local.set $c (i32.const 2)) (br $l)))\n"
    "    (global.set $g (i32.const -1)))\n"
    // One whose head adds to pc and loads the index first (one operation
    // in the tail-call build: ADDI_BR_TABLE_L32).
    "  (memory 1)\n"
    "  (func (export \"latch_dispatch_load\") (param $n i32) (local $i i32) (local $p i32)\n"
    "    (local $q i32)\n"
    "    (global.set $g (i32.const 0))\n"
    "    (block $done (loop $l\n"
    "      (local.set $q (i32.add (local.get $p) (i32.const 4)))\n"
    "      (block $b (block $a (br_table $a $b $done (i32.load (local.get $p))))\n"
    "        (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
    "        (global.set $g (local.get $i))\n"
    "        (if (i32.eq (local.get $i) (i32.const 1000)) (then (call $wait)))\n"
    "        (local.set $p (i32.and (local.get $q) (i32.const 0xff)))\n"
    "        (if (i32.ge_u (local.get $i) (local.get $n))\n"
    "          (then (i32.store (local.get $p) (i32.const 2))))\n"
    "        (br $l))\n"
    "      (br $l)))\n"
    "    (global.set $g (i32.const -1)))\n",
    ")\n"};

// A module whose start function loops forever.
static const char k_wat_start[] = "(module (func $s (loop $l (br $l))) (start $s))";
// A module with a memory of 4 pages and a table of 10 elements.
static const char k_wat_big[] = "(module (memory 4) (table 10 funcref))";

static uint8_t *g_bytes, *g_start, *g_big, *g_latch;
static size_t g_n, g_nstart, g_nbig, g_nlatch;
static bool g_eager;

static uint8_t *to_wasm(const char *wat, size_t len, size_t *n) {
  uint8_t *out = NULL;
  wd_text_error_t terr;
  if (!wd_wat_to_wasm(wat, len, &out, n, &terr)) {
    printf("text: %s\n", terr.msg);
    return NULL;
  }
  return out;
}

// A store of an engine with the given limits and its instance of k_wat.
typedef struct env {
  ward_engine_t *e;
  ward_store_t *s;
  ward_module_t *m;
  ward_instance_t *inst;
  ward_func_t *host_wait, *host_reenter;
} env_t;

static ward_interrupt_handle_t *g_wait_handle; // host "wait" interrupts through it
static bool g_wait_clears;                     // and then clears the interrupt again
static bool g_reenter_inner; // host "reenter" runs wait_then_loop, and drops its trap
static env_t *g_env;

static ward_trap_t *host_wait(void *env, ward_caller_t *caller, const ward_val_t *args,
                              size_t nargs, ward_val_t *results, size_t nresults) {
  // The store is interrupted while this host function runs; the guest stops
  // when it gets control back.
  if (g_wait_handle)
    ward_interrupt_handle_interrupt(g_wait_handle);
  if (g_wait_clears)
    ward_store_interrupt_clear(g_env->s);
  return NULL;
}

// Calls the instance's rec_host again: host -> wasm -> host ... without end.
static ward_trap_t *host_reenter(void *env, ward_caller_t *caller, const ward_val_t *args,
                                 size_t nargs, ward_val_t *results, size_t nresults) {
  const char *name = g_reenter_inner ? "wait_then_loop" : "rec_host";
  ward_extern_t ex;
  if (!ward_caller_export(caller, name, strlen(name), &ex))
    return ward_trap_new("no export");
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_func_call(g_env->s, ex.of.func, NULL, 0, NULL, 0, &trap);
  if (err) {
    ward_error_delete(err);
    return ward_trap_new("error");
  }
  if (g_reenter_inner) {
    // The inner run stopped; the host goes on with the outer one.
    CHECK(trap && ward_trap_code(trap) == WARD_TRAP_INTERRUPT);
    if (trap)
      ward_trap_delete(trap);
    return NULL;
  }
  return trap;
}

static bool env_open_of(env_t *v, const uint8_t *bytes, size_t n, bool fuel, bool intr) {
  memset(v, 0, sizeof *v);
  ward_config_t cfg;
  ward_config_init(&cfg);
  cfg.eager_compile = g_eager;
  cfg.consume_fuel = fuel;
  cfg.interruptible = intr;
  cfg.max_call_depth = 2000;
  v->e = ward_engine_new(&cfg);
  v->s = ward_store_new(v->e);
  ward_error_t *err = ward_module_new(v->e, bytes, n, &v->m);
  CHECK(err == NULL);
  if (err) {
    ward_error_delete(err);
    return false;
  }
  ward_functype_t *ft = ward_functype_new(NULL, 0, NULL, 0);
  v->host_wait = ward_func_new(v->s, ft, host_wait, NULL, NULL);
  v->host_reenter = ward_func_new(v->s, ft, host_reenter, NULL, NULL);
  ward_functype_delete(ft);
  ward_extern_t imports[2] = {{WARD_EXTERN_FUNC, {.func = v->host_wait}},
                              {WARD_EXTERN_FUNC, {.func = v->host_reenter}}};
  ward_trap_t *trap = NULL;
  err = ward_instance_new(v->s, v->m, imports, 2, &v->inst, &trap);
  CHECK(err == NULL && trap == NULL);
  if (err)
    ward_error_delete(err);
  if (trap)
    ward_trap_delete(trap);
  g_env = v;
  return v->inst != NULL;
}

static bool env_open(env_t *v, bool fuel, bool intr) {
  return env_open_of(v, g_bytes, g_n, fuel, intr);
}

static void env_close(env_t *v) {
  ward_store_delete(v->s);
  ward_module_delete(v->m);
  ward_engine_delete(v->e);
}

// Calls export `name` with up to one i32 argument; returns the trap code
// (0: none) and the i32 result in *out.
static int call(env_t *v, const char *name, const int32_t *arg, int32_t *out) {
  ward_extern_t ex;
  if (!ward_instance_export(v->inst, name, strlen(name), &ex))
    return -1;
  const ward_functype_t *ft = ward_func_type(ex.of.func);
  ward_val_t a = {.kind = WARD_I32, .of.i32 = arg ? *arg : 0}, r = {.kind = WARD_I32};
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_func_call(v->s, ex.of.func, &a, ward_functype_param_count(ft), &r,
                                     ward_functype_result_count(ft), &trap);
  if (err) {
    ward_error_delete(err);
    return -1;
  }
  int code = 0;
  if (trap) {
    code = (int)ward_trap_code(trap);
    ward_trap_delete(trap);
  }
  if (out)
    *out = r.of.i32;
  return code;
}

static uint64_t fuel_left(env_t *v) {
  uint64_t f = 0;
  ward_error_t *err = ward_store_get_fuel(v->s, &f);
  CHECK(err == NULL);
  if (err)
    ward_error_delete(err);
  return f;
}

static void set_fuel(env_t *v, uint64_t f) {
  ward_error_t *err = ward_store_set_fuel(v->s, f);
  CHECK(err == NULL);
  if (err)
    ward_error_delete(err);
}

// The fuel count(n) consumes, from a store with plenty.
static uint64_t count_cost(env_t *v, int32_t n) {
  set_fuel(v, 1000000000);
  int32_t r = 0;
  CHECK(call(v, "count", &n, &r) == 0 && r == n);
  return 1000000000 - fuel_left(v);
}

static void test_fuel(void) {
  env_t v;
  if (!env_open(&v, true, false))
    return;
  // A new store has none: the first call traps at once.
  CHECK(fuel_left(&v) == 0);
  int32_t n = 10;
  CHECK(call(&v, "count", &n, NULL) == WARD_TRAP_OUT_OF_FUEL);
  // Deterministic, and linear in the iterations: the same cost per
  // iteration, each of a handful of instructions.
  uint64_t c10 = count_cost(&v, 10), c20 = count_cost(&v, 20), c1000 = count_cost(&v, 1000);
  CHECK(c10 == count_cost(&v, 10));
  uint64_t per = (c20 - c10) / 10;
  CHECK(per >= 5 && per <= 12);
  CHECK(c1000 - c10 == per * 990);
  // Exactly enough runs; one unit less traps, "all fuel consumed", and the
  // store's fuel is then 0.
  set_fuel(&v, c1000);
  n = 1000;
  CHECK(call(&v, "count", &n, NULL) == 0 && fuel_left(&v) == 0);
  set_fuel(&v, c1000 - per - 1);
  CHECK(call(&v, "count", &n, NULL) == WARD_TRAP_OUT_OF_FUEL && fuel_left(&v) == 0);
  ward_extern_t ex;
  ward_instance_export(v.inst, "count", 5, &ex);
  ward_val_t a = {.kind = WARD_I32, .of.i32 = 1000}, r;
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_func_call(v.s, ex.of.func, &a, 1, &r, 1, &trap);
  CHECK(err == NULL && trap && strcmp(ward_trap_message(trap), "all fuel consumed") == 0);
  ward_trap_delete(trap);
  // Refuelled, it runs again.
  set_fuel(&v, 1000000);
  CHECK(call(&v, "count", &n, NULL) == 0);
  // Loops without end, by a loop or by tail calls, run out.
  set_fuel(&v, 100000);
  CHECK(call(&v, "spin", NULL, NULL) == WARD_TRAP_OUT_OF_FUEL);
  set_fuel(&v, 100000);
  CHECK(call(&v, "tail", &n, NULL) == WARD_TRAP_OUT_OF_FUEL);
  set_fuel(&v, 100000);
  CHECK(call(&v, "pingpong", &n, NULL) == WARD_TRAP_OUT_OF_FUEL);
  // Bulk operations pay by size: 1 unit per 16 bytes.
  set_fuel(&v, 1000000);
  n = 0;
  CHECK(call(&v, "fill", &n, NULL) == 0);
  uint64_t f0 = 1000000 - fuel_left(&v);
  set_fuel(&v, 1000000);
  n = 65536;
  CHECK(call(&v, "fill", &n, NULL) == 0);
  CHECK(1000000 - fuel_left(&v) == f0 + 4096);
  // Short of that, the fill traps before it writes anything.
  ward_extern_t mem;
  ward_instance_export(v.inst, "memory", 6, &mem);
  memset(ward_memory_data(mem.of.memory), 0, 65536);
  set_fuel(&v, 4000);
  CHECK(call(&v, "fill", &n, NULL) == WARD_TRAP_OUT_OF_FUEL);
  CHECK(ward_memory_data(mem.of.memory)[0] == 0 && ward_memory_data(mem.of.memory)[65535] == 0);
  // A serialized module keeps its checks, and only an engine that asks for
  // the same ones takes it.
  uint8_t *blob = NULL;
  size_t nblob = 0;
  err = ward_module_serialize(v.m, &blob, &nblob);
  CHECK(err == NULL);
  ward_engine_t *plain = ward_engine_new(NULL);
  ward_module_t *dm = NULL;
  err = ward_module_deserialize(plain, blob, nblob, &dm);
  CHECK(err && strstr(ward_error_message(err), "fuel checks"));
  if (err)
    ward_error_delete(err);
  err = ward_module_deserialize(v.e, blob, nblob, &dm);
  CHECK(err == NULL && dm);
  ward_module_delete(dm);
  ward_engine_delete(plain);
  ward_module_serialized_free(blob);
  // Fuel is an error where the engine does not meter.
  env_close(&v);
  if (!env_open(&v, false, false))
    return;
  uint64_t f;
  err = ward_store_set_fuel(v.s, 5);
  CHECK(err && ward_error_kind(err) == WARD_ERROR_ARGUMENT);
  ward_error_delete(err);
  err = ward_store_get_fuel(v.s, &f);
  CHECK(err && ward_error_kind(err) == WARD_ERROR_ARGUMENT);
  ward_error_delete(err);
  n = 100000;
  CHECK(call(&v, "count", &n, NULL) == 0); // no fuel, no limit
  env_close(&v);
}

// Whether watchdogs (threads of ward's) start here (threads.h).
static bool g_watchdogs;

// Runs export `name` under a watchdog that interrupts after `ms`; returns
// the trap code. -2 where the platform has no threads (no watchdog).
static int interrupted_after(env_t *v, const char *name, const int32_t *arg, unsigned ms) {
  if (!g_watchdogs)
    return -2;
  ward_interrupt_handle_t *h = ward_interrupt_handle_new(v->s);
  ward_watchdog_t *w = h ? ward_watchdog_new(h, (uint64_t)ms * 1000000u) : NULL;
  if (!w) {
    ward_interrupt_handle_delete(h);
    return -2;
  }
  int code = call(v, name, arg, NULL);
  CHECK(ward_watchdog_fired(w));
  ward_watchdog_delete(w);
  ward_interrupt_handle_delete(h);
  ward_store_interrupt_clear(v->s);
  return code;
}

static void test_interrupt(void) {
  env_t v;
  if (!env_open(&v, false, true))
    return;
  int32_t n = 5;
  int code = interrupted_after(&v, "spin", NULL, 20);
  if (code == -2) {
    printf("SKIP: interruption by a watchdog: no threads here (WebAssembly), or none that\n"
           "      start (qemu-i386 7.2 never returns from pthread_create)\n");
  } else {
    CHECK(code == WARD_TRAP_INTERRUPT);
    CHECK(interrupted_after(&v, "tail", &n, 20) == WARD_TRAP_INTERRUPT);
    CHECK(interrupted_after(&v, "pingpong", &n, 20) == WARD_TRAP_INTERRUPT);
    // A memory.fill of 4 GiB (a memory of 65536 pages) stops part way.
    ward_extern_t mem;
    ward_instance_export(v.inst, "memory", 6, &mem);
    uint64_t old;
    if (ward_memory_grow(mem.of.memory, 65535, &old)) {
      CHECK(interrupted_after(&v, "fill_all", NULL, 20) == WARD_TRAP_INTERRUPT);
    } else {
      printf("SKIP: memory.fill of 4 GiB: cannot grow a memory to 4 GiB here\n");
    }
  }
  // From inside a host function: the guest stops once it returns.
  g_wait_handle = ward_interrupt_handle_new(v.s);
  CHECK(call(&v, "wait_then_loop", NULL, NULL) == WARD_TRAP_INTERRUPT);
  ward_store_interrupt_clear(v.s);
  // From a run nested in a host call: the outer run, which the host goes
  // on with after the inner one stopped, stops too.
  g_reenter_inner = true;
  CHECK(call(&v, "reenter_then_loop", NULL, NULL) == WARD_TRAP_INTERRUPT);
  g_reenter_inner = false;
  // No run is left with a flag for an interrupt to set, neither after
  // those nor after a trap whose run left by longjmp (a memory fault
  // with guard pages).
  ward_store_interrupt_clear(v.s);
  CHECK(atomic_load(&v.s->run_intr) == NULL);
  CHECK(call(&v, "oob", NULL, NULL) == WARD_TRAP_MEMORY_OOB);
  CHECK(atomic_load(&v.s->run_intr) == NULL);
  ward_store_interrupt(v.s);
  // The request stands: the next call into wasm traps at its entry, and
  // so does a start function, and a host growing memory is not disturbed.
  CHECK(call(&v, "bump", NULL, NULL) == WARD_TRAP_INTERRUPT);
  ward_memory_t *hm = NULL;
  ward_error_t *err = ward_memory_new(v.s, 1, 10, &hm);
  CHECK(err == NULL && ward_memory_grow(hm, 1, NULL) && ward_memory_pages(hm) == 2);
  ward_module_t *sm = NULL;
  err = ward_module_new(v.e, g_start, g_nstart, &sm);
  CHECK(err == NULL);
  ward_instance_t *si = NULL;
  ward_trap_t *trap = NULL;
  err = ward_instance_new(v.s, sm, NULL, 0, &si, &trap);
  CHECK(err == NULL && trap && ward_trap_code(trap) == WARD_TRAP_INTERRUPT);
  if (trap)
    ward_trap_delete(trap);
  // Cleared, the store runs again; bump ran not once while it stood.
  ward_store_interrupt_clear(v.s);
  int32_t r = -1;
  CHECK(call(&v, "bump", NULL, NULL) == 0 && call(&v, "get", NULL, &r) == 0 && r == 1);
  // A recursion is stopped at its next call, not by the stack's limit.
  ward_store_interrupt(v.s);
  CHECK(call(&v, "rec", &n, NULL) == WARD_TRAP_INTERRUPT);
  ward_store_interrupt_clear(v.s);
  CHECK(call(&v, "rec", &n, NULL) == WARD_TRAP_STACK_EXHAUSTED);
  // A handle may outlive its store: interrupting through it then does
  // nothing (ASan would see a write to freed memory).
  ward_interrupt_handle_t *late = g_wait_handle;
  g_wait_handle = NULL;
  env_close(&v);
  ward_interrupt_handle_interrupt(late);
  ward_interrupt_handle_delete(late);
  ward_module_delete(sm);
}

static uint64_t g_hook_calls, g_hook_last[3];
static bool g_hook_refuse;
static bool grow_hook(void *env, ward_externkind_t kind, uint64_t current, uint64_t desired,
                      uint64_t maximum) {
  g_hook_calls++;
  g_hook_last[0] = current;
  g_hook_last[1] = desired;
  g_hook_last[2] = maximum;
  CHECK(env == &g_hook_calls);
  return !g_hook_refuse;
}

static void test_memory_limits(void) {
  env_t v;
  if (!env_open(&v, false, false))
    return;
  g_hook_calls = 0;
  // One memory of 1 page, one table of 2 elements.
  CHECK(ward_store_memory_bytes(v.s) == 65536 && ward_store_table_elements(v.s) == 2);
  ward_store_limits_t l;
  ward_store_limits_init(&l);
  l.max_memory_bytes = 3 * 65536;
  l.max_table_elements = 5;
  l.grow_hook = grow_hook;
  l.grow_env = &g_hook_calls;
  ward_store_set_limits(v.s, &l);
  int32_t k = 2, r = 0;
  CHECK(call(&v, "grow", &k, &r) == 0 && r == 1); // 3 pages: at the limit
  CHECK(g_hook_calls == 1 && g_hook_last[0] == 65536 && g_hook_last[1] == 3 * 65536 &&
        g_hook_last[2] == 65536ull * 65536);
  k = 1;
  CHECK(call(&v, "grow", &k, &r) == 0 && r == -1); // beyond: -1, no trap
  CHECK(g_hook_calls == 1);                        // the limit refused before the hook was asked
  k = 0;
  CHECK(call(&v, "grow", &k, &r) == 0 && r == 3); // no growth: allowed
  k = 3;
  CHECK(call(&v, "tgrow", &k, &r) == 0 && r == 2); // 5 elements
  k = 1;
  CHECK(call(&v, "tgrow", &k, &r) == 0 && r == -1);
  CHECK(ward_store_memory_bytes(v.s) == 3 * 65536 && ward_store_table_elements(v.s) == 5);
  // The hook refuses: -1 too, and the host's growth fails the same way.
  l.max_memory_bytes = UINT64_MAX;
  ward_store_set_limits(v.s, &l);
  g_hook_refuse = true;
  k = 1;
  CHECK(call(&v, "grow", &k, &r) == 0 && r == -1);
  ward_extern_t mem;
  ward_instance_export(v.inst, "memory", 6, &mem);
  CHECK(!ward_memory_grow(mem.of.memory, 1, NULL));
  g_hook_refuse = false;
  CHECK(call(&v, "grow", &k, &r) == 0 && r == 3);
  // Instantiation over the limit fails with a RESOURCE error.
  l.max_memory_bytes = 5 * 65536;
  l.max_table_elements = UINT64_MAX;
  l.grow_hook = NULL;
  ward_store_set_limits(v.s, &l);
  ward_module_t *bm = NULL;
  ward_error_t *err = ward_module_new(v.e, g_big, g_nbig, &bm);
  CHECK(err == NULL);
  ward_instance_t *bi = NULL;
  ward_trap_t *trap = NULL;
  err = ward_instance_new(v.s, bm, NULL, 0, &bi, &trap);
  CHECK(err && ward_error_kind(err) == WARD_ERROR_RESOURCE &&
        strstr(ward_error_message(err), "memory limit exceeded"));
  if (err)
    ward_error_delete(err);
  l.max_memory_bytes = UINT64_MAX;
  l.max_table_elements = 5;
  ward_store_set_limits(v.s, &l);
  err = ward_instance_new(v.s, bm, NULL, 0, &bi, &trap);
  CHECK(err && strstr(ward_error_message(err), "table limit exceeded"));
  if (err)
    ward_error_delete(err);
  // A host-made memory counts too.
  ward_memory_t *hm = NULL;
  l.max_table_elements = UINT64_MAX;
  l.max_memory_bytes = ward_store_memory_bytes(v.s) + 65536;
  ward_store_set_limits(v.s, &l);
  err = ward_memory_new(v.s, 2, WARD_NO_MAX, &hm);
  CHECK(err && ward_error_kind(err) == WARD_ERROR_RESOURCE);
  if (err)
    ward_error_delete(err);
  err = ward_memory_new(v.s, 1, WARD_NO_MAX, &hm);
  CHECK(err == NULL && hm);
  env_close(&v); // first: the store may hold a failed instance of bm
  ward_module_delete(bm);
}

// A recursion without end, from every kind of call, traps cleanly with
// "call stack exhausted", and the store works afterwards.
static void test_stack(void) {
  env_t v;
  if (!env_open(&v, false, false))
    return;
  int32_t n = 1, r = 0;
  CHECK(call(&v, "rec", &n, NULL) == WARD_TRAP_STACK_EXHAUSTED);
  CHECK(call(&v, "rec_indirect", NULL, NULL) == WARD_TRAP_STACK_EXHAUSTED);
  CHECK(call(&v, "rec_ref", NULL, NULL) == WARD_TRAP_STACK_EXHAUSTED);
  CHECK(call(&v, "rec_host", NULL, NULL) == WARD_TRAP_STACK_EXHAUSTED);
  CHECK(call(&v, "bump", NULL, NULL) == 0 && call(&v, "get", NULL, &r) == 0 && r == 1);
  env_close(&v);
}

// Loops closed by every kind of branch stop at their first check after
// the request: within the iteration that made it. With fuel too, the
// checks are those of the loop's head (no check of the branches' own).
static void test_latches(bool fuel) {
  static const char *const k_names[] = {
      "latch_br",      "latch_br_if",    "latch_br_unless",    "latch_cmp",
      "latch_cmp_imm", "latch_cmp_acc",  "latch_add_cmp_imm",  "latch_add_cmp",
      "latch_add_nz",  "latch_cmp64",    "latch_table",        "latch_null",
      "latch_catch",   "latch_dispatch", "latch_dispatch_load"};
  env_t v;
  if (!env_open_of(&v, g_latch, g_nlatch, fuel, true))
    return;
  if (fuel)
    set_fuel(&v, UINT64_MAX / 2);
  g_wait_handle = ward_interrupt_handle_new(v.s);
  int32_t n = 100000000;
  for (size_t i = 0; i < sizeof k_names / sizeof *k_names; i++) {
    int32_t r = 0;
    int code = call(&v, k_names[i], &n, NULL);
    ward_store_interrupt_clear(v.s);
    CHECK(call(&v, "get", NULL, &r) == 0);
    if (code != WARD_TRAP_INTERRUPT || r != 1000)
      printf("  %s (fuel %d): trap %d after %d iterations\n", k_names[i], fuel, code, (int)r);
    CHECK(code == WARD_TRAP_INTERRUPT && r == 1000);
  }
  // An interrupt the host clears before the guest gets control back does
  // not stop it: each loop runs to its end.
  g_wait_clears = true;
  n = 5000;
  for (size_t i = 0; i < sizeof k_names / sizeof *k_names; i++) {
    int32_t r = 0;
    int code = call(&v, k_names[i], &n, NULL);
    CHECK(call(&v, "get", NULL, &r) == 0);
    if (code != 0 || r != -1)
      printf("  %s (fuel %d), interrupt cleared: trap %d, $g %d\n", k_names[i], fuel, code, (int)r);
    CHECK(code == 0 && r == -1);
  }
  g_wait_clears = false;
  ward_interrupt_handle_delete(g_wait_handle);
  g_wait_handle = NULL;
  env_close(&v);
}

int main(void) {
  g_bytes = to_wasm(k_wat, sizeof k_wat - 1, &g_n);
  g_start = to_wasm(k_wat_start, sizeof k_wat_start - 1, &g_nstart);
  g_big = to_wasm(k_wat_big, sizeof k_wat_big - 1, &g_nbig);
  char latch[8192] = "";
  for (size_t i = 0; i < sizeof k_wat_latch / sizeof *k_wat_latch; i++)
    strncat(latch, k_wat_latch[i], sizeof latch - strlen(latch) - 1);
  g_latch = to_wasm(latch, strlen(latch), &g_nlatch);
  g_watchdogs = test_threads_work();
  CHECK(g_bytes && g_start && g_big && g_latch);
  if (g_bytes && g_start && g_big && g_latch) {
    for (int eager = 0; eager < 2; eager++) {
      g_eager = eager;
      test_fuel();
      test_interrupt();
      test_latches(false);
      test_latches(true);
      test_memory_limits();
      test_stack();
    }
  }
  free(g_bytes);
  free(g_start);
  free(g_big);
  free(g_latch);
  printf("test_limits: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
