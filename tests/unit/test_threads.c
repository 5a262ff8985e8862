// SPDX-License-Identifier: Apache-2.0
// Engines and modules shared between threads (include/ward.h): in each
// round, a new module of one engine, translated lazily, is run by eight
// threads at once, each creating stores one after another, instantiating
// the module (with a host function of its own), calling functions whose
// first call translates them (the threads start in different places, so
// that several translate one function at the same moment), growing
// memory, trapping (out of bounds, divide by zero, an uncaught exception),
// catching an exception, allocating GC objects and collecting, and
// deleting the store (one of them also serializes the module meanwhile);
// while four more threads create modules with GC types in the same
// engine, whose canonical types must come out the same in every thread,
// and link across threads. Run under TSan by the `tsan` preset (README),
// where a data race is a failure.
#define _POSIX_C_SOURCE 200809L // threads.h: fork, waitpid, kill, nanosleep
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/code.h"
#include "ir/rtt.h"
#include "runtime/rt.h"
#include "text/text.h"
#include "ward.h"
#include "check.h"
#include "threads.h"

enum {
  NRUNNERS = 8, // threads running the shared module
  NMAKERS = 4,  // threads creating modules
  ROUNDS = 8,   // modules shared, one after another
  ITERS = 6,    // stores each runner makes per round
  NF = 24,      // small functions, each translated on its first call
  NMADE = 5,    // modules each maker creates per round
};

// What a thread saw go wrong: a count, and the first failure.
typedef struct report {
  int failed;
  char first[160];
} report_t;

static void fail(report_t *r, const char *what, long got, long want) {
  if (r->failed++ == 0)
    snprintf(r->first, sizeof r->first, "%s: got %ld, want %ld", what, got, want);
}

// ---- the shared module ------------------------------------------------------

static const char k_body[] =
    "  (func $fib (export \"fib\") (param i32) (result i32)\n"
    "    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))\n"
    "      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))\n"
    "                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))\n"
    "  (func (export \"grow\") (param i32) (result i32) (local $old i32)\n"
    "    (local.set $old (memory.grow (local.get 0)))\n"
    "    (if (i32.eq (local.get $old) (i32.const -1)) (then (return (i32.const -1))))\n"
    "    (i32.store (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4))\n"
    "      (local.get $old))\n"
    "    (i32.load (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4))))\n"
    "  (func (export \"oob\") (param i32) (result i32) (i32.load (i32.const -4)))\n"
    "  (func (export \"div\") (param i32) (result i32) (i32.div_s (i32.const 100) (local.get 0)))\n"
    "  (func (export \"catch\") (param i32) (result i32)\n"
    "    (block $c (result i32)\n"
    "      (try_table (catch $e $c) (throw $e (i32.mul (local.get 0) (i32.const 3))))\n"
    "      (i32.const -1)))\n"
    "  (func (export \"uncaught\") (param i32) (result i32) (throw $e (local.get 0)))\n"
    "  (func (export \"gc\") (param i32) (result i32)\n"
    "    (local $i i32) (local $s i32) (local $p (ref null $pt)) (local $a (ref null $arr))\n"
    "    (local.set $a (array.new $arr (i64.const 0) (i32.const 16)))\n"
    "    (loop $l\n"
    "      (local.set $p (struct.new $pt (local.get $i)))\n"
    "      (array.set $arr (local.get $a) (i32.and (local.get $i) (i32.const 15))\n"
    "        (i64.extend_i32_u (struct.get $pt $v (local.get $p))))\n"
    "      (local.set $s (i32.add (local.get $s) (struct.get $pt $v (local.get $p))))\n"
    "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
    "      (br_if $l (i32.lt_u (local.get $i) (local.get 0))))\n"
    "    (local.get $s))\n"
    "  (func (export \"callhost\") (param i32) (result i32) (call $host (local.get 0)))\n"
    ")\n";

// The shared module's text: the functions above and NF small ones,
// fK(x) = x * K + K.
static char *shared_wat(void) {
  size_t cap = sizeof k_body + 512 + NF * 128;
  char *t = malloc(cap);
  if (!t)
    return NULL;
  size_t n = (size_t)snprintf(t, cap,
                              "(module\n"
                              "  (import \"env\" \"host\" (func $host (param i32) (result i32)))\n"
                              "  (type $pt (struct (field $v (mut i32))))\n"
                              "  (type $arr (array (mut i64)))\n"
                              "  (tag $e (param i32))\n"
                              "  (memory 1 64)\n");
  for (int k = 0; k < NF; k++)
    n += (size_t)snprintf(t + n, cap - n,
                          "  (func (export \"f%d\") (param i32) (result i32)\n"
                          "    (i32.add (i32.mul (local.get 0) (i32.const %d)) (i32.const %d)))\n",
                          k, k, k);
  snprintf(t + n, cap - n, "%s", k_body);
  return t;
}

static uint8_t *to_binary(const char *text, size_t *n) {
  uint8_t *bytes = NULL;
  wd_text_error_t err;
  if (!wd_wat_to_wasm(text, strlen(text), &bytes, n, &err)) {
    printf("wat: %u:%u: %s\n", (unsigned)err.line, (unsigned)err.col, err.msg);
    return NULL;
  }
  return bytes;
}

// host(x) = x + 1000
static ward_trap_t *host(void *env, ward_caller_t *caller, const ward_val_t *args, size_t nargs,
                         ward_val_t *results, size_t nresults) {
  (void)env, (void)caller, (void)nargs, (void)nresults;
  results[0].kind = WARD_I32;
  results[0].of.i32 = args[0].of.i32 + 1000;
  return NULL;
}

// Calls export name(x) of inst (x only if it takes a parameter): its i32 result, or with trapped set, the
// trap's code.
static int32_t call(ward_store_t *s, ward_instance_t *inst, const char *name, int32_t x,
                    bool *trapped) {
  ward_extern_t ex;
  *trapped = false;
  if (!ward_instance_export(inst, name, strlen(name), &ex) || ex.kind != WARD_EXTERN_FUNC) {
    *trapped = true;
    return -1;
  }
  ward_val_t arg = {.kind = WARD_I32, .of.i32 = x}, res = {.kind = WARD_I32};
  ward_trap_t *trap = NULL;
  size_t nargs = ward_functype_param_count(ward_func_type(ex.of.func));
  ward_error_t *err = ward_func_call(s, ex.of.func, &arg, nargs, &res, 1, &trap);
  if (err) {
    ward_error_delete(err);
    *trapped = true;
    return -2;
  }
  if (trap) {
    int32_t code = (int32_t)ward_trap_code(trap);
    ward_trap_delete(trap);
    *trapped = true;
    return code;
  }
  return res.of.i32;
}

typedef struct runner {
  ward_engine_t *engine;
  const ward_module_t *module;
  int id;
  report_t r;
} runner_t;

static void expect(report_t *r, ward_store_t *s, ward_instance_t *inst, const char *name, int32_t x,
                   int32_t want, bool want_trap) {
  bool trapped;
  int32_t got = call(s, inst, name, x, &trapped);
  if (trapped != want_trap || got != want) {
    char what[64];
    snprintf(what, sizeof what, "%s(%d)%s", name, (int)x, trapped ? " trapped" : "");
    fail(r, what, got, want);
  }
}

static void run_one_store(runner_t *t, int iter) {
  report_t *r = &t->r;
  ward_store_t *s = ward_store_new(t->engine);
  ward_functype_t *ft =
      ward_functype_new((ward_valkind_t[]){WARD_I32}, 1, (ward_valkind_t[]){WARD_I32}, 1);
  if (!s || !ft) {
    fail(r, "store or type", 0, 1);
    ward_functype_delete(ft);
    ward_store_delete(s);
    return;
  }
  ward_extern_t imp = {.kind = WARD_EXTERN_FUNC};
  imp.of.func = ward_func_new(s, ft, host, NULL, NULL);
  ward_functype_delete(ft);
  ward_instance_t *inst = NULL;
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_instance_new(s, t->module, &imp, 1, &inst, &trap);
  if (err || trap || !inst) {
    fail(r, "instantiate", 0, 1);
    if (err)
      ward_error_delete(err);
    if (trap)
      ward_trap_delete(trap);
    ward_store_delete(s);
    return;
  }
  // Each thread begins at another function, so that first calls meet.
  int32_t x = t->id + iter;
  for (int k = 0; k < NF; k++) {
    int j = (k + t->id * 3) % NF;
    char name[16];
    snprintf(name, sizeof name, "f%d", j);
    expect(r, s, inst, name, x, x * j + j, false);
  }
  expect(r, s, inst, "fib", 15, 610, false);
  expect(r, s, inst, "grow", 1, 1, false);
  expect(r, s, inst, "grow", 2, 2, false);
  expect(r, s, inst, "grow", 100, -1, false); // beyond the maximum
  expect(r, s, inst, "oob", 0, WARD_TRAP_MEMORY_OOB, true);
  expect(r, s, inst, "div", 0, WARD_TRAP_INT_DIV_ZERO, true);
  expect(r, s, inst, "div", 7, 14, false);
  expect(r, s, inst, "catch", 5 + t->id, 3 * (5 + t->id), false);
  expect(r, s, inst, "uncaught", 9, WARD_TRAP_EXCEPTION, true);
  expect(r, s, inst, "gc", 3000, 3000 * 2999 / 2, false);
  ward_store_gc(s);
  expect(r, s, inst, "callhost", x, x + 1000, false);
  ward_store_delete(s);
}

static THREAD_FN runner_main(void *arg) {
  runner_t *t = arg;
  for (int i = 0; i < ITERS; i++) {
    run_one_store(t, i);
    // One runner serializes the module while the others run it, which
    // translates every function not yet translated (wd_compile_lazy).
    if (t->id == NRUNNERS - 1 && i == 0) {
      uint8_t *blob = NULL;
      size_t size = 0;
      ward_error_t *err = ward_module_serialize(t->module, &blob, &size);
      if (err || !blob || size == 0)
        fail(&t->r, "serialize", 0, 1);
      if (err)
        ward_error_delete(err);
      ward_module_serialized_free(blob);
    }
  }
  return THREAD_END;
}

// ---- modules made on several threads at once --------------------------------

// Every maker's "shared" module: one recursive group of two struct types,
// a final subtype, a function type over them, and a function of it.
static const char k_made_shared[] =
    "(module\n"
    "  (rec (type $a (sub (struct (field (ref null $b)))))\n"
    "       (type $b (sub (struct (field (ref null $a)) (field i32)))))\n"
    "  (type $c (sub final $a (struct (field (ref null $b)) (field f64))))\n"
    "  (type $f (func (param (ref null $a)) (result i32)))\n"
    "  (func (export \"get\") (type $f) (ref.is_null (local.get 0))))\n";

// A maker's own module: the same group, and a struct of as many i64
// fields as the maker's number plus one (a type of its own); it imports a
// function of type $f and calls it.
static char *own_wat(int id) {
  char fields[256] = "";
  for (int i = 0; i <= id; i++)
    strcat(fields, " (field i64)");
  size_t cap = 1024;
  char *t = malloc(cap);
  if (t)
    snprintf(t, cap,
             "(module\n"
             "  (rec (type $a (sub (struct (field (ref null $b)))))\n"
             "       (type $b (sub (struct (field (ref null $a)) (field i32)))))\n"
             "  (type $own (struct%s))\n"
             "  (type $f (func (param (ref null $a)) (result i32)))\n"
             "  (import \"p\" \"get\" (func $get (type $f)))\n"
             "  (func (export \"call\") (result i32) (call $get (ref.null $a))))\n",
             fields);
  return t;
}

typedef struct maker {
  ward_engine_t *engine;
  const uint8_t *shared;
  size_t shared_n;
  uint8_t *own;
  size_t own_n;
  ward_module_t *made[2 * NMADE]; // shared, own, shared, own, ...
  report_t r;
} maker_t;

static THREAD_FN maker_main(void *arg) {
  maker_t *t = arg;
  for (int i = 0; i < NMADE; i++) {
    ward_error_t *err = ward_module_new(t->engine, t->shared, t->shared_n, &t->made[2 * i]);
    if (!err)
      err = ward_module_new(t->engine, t->own, t->own_n, &t->made[2 * i + 1]);
    if (err) {
      fail(&t->r, ward_error_message(err), 0, 1);
      ward_error_delete(err);
    }
  }
  return THREAD_END;
}

// Checks the makers' modules: the same canonical types for the same
// definitions, made by any thread; a type of each maker's own; and a
// maker's module links to the function of another's, which it can only if
// their function types are the same canonical type.
static void check_made(ward_engine_t *e, maker_t *mk) {
  const ward_module_t *first = mk[0].made[0];
  if (!first)
    return;
  const wd_rtt_t *own_types[NMAKERS];
  for (int t = 0; t < NMAKERS; t++) {
    own_types[t] = NULL;
    for (int i = 0; i < 2 * NMADE; i++) {
      const ward_module_t *m = mk[t].made[i];
      CHECK(m != NULL);
      if (!m)
        continue;
      if (i % 2 == 0) {
        for (uint32_t k = 0; k < 4; k++)
          CHECK(m->m->rtts[k] == first->m->rtts[k]);
      } else {
        CHECK(m->m->rtts[0] == first->m->rtts[0] && m->m->rtts[1] == first->m->rtts[1]);
        CHECK(m->m->rtts[3] == first->m->rtts[3]); // $f
        if (!own_types[t])
          own_types[t] = m->m->rtts[2];
        CHECK(m->m->rtts[2] == own_types[t]);
      }
    }
  }
  for (int t = 0; t < NMAKERS; t++)
    for (int u = t + 1; u < NMAKERS; u++)
      CHECK(own_types[t] != own_types[u]);
  ward_store_t *s = ward_store_new(e);
  ward_instance_t *p = NULL;
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_instance_new(s, first, NULL, 0, &p, &trap);
  CHECK(!err && !trap && p);
  ward_extern_t get;
  if (p && ward_instance_export(p, "get", 3, &get)) {
    for (int t = 0; t < NMAKERS; t++) {
      const ward_module_t *m = mk[t].made[2 * NMADE - 1];
      ward_instance_t *q = NULL;
      if (!m)
        continue;
      err = ward_instance_new(s, m, &get, 1, &q, &trap);
      CHECK(!err && !trap && q);
      if (err)
        ward_error_delete(err);
      bool trapped;
      if (q)
        CHECK(call(s, q, "call", 0, &trapped) == 1 && !trapped);
    }
  }
  ward_store_delete(s);
}

// ---- main -----------------------------------------------------------------------

int main(void) {
  if (!test_threads_work()) {
    printf("SKIP: test_threads: threads do not start here (qemu-i386 7.2 never returns from "
           "pthread_create)\n");
    return 77;
  }
  char *text = shared_wat();
  size_t n = 0, sn = 0;
  uint8_t *bytes = text ? to_binary(text, &n) : NULL;
  uint8_t *shared = to_binary(k_made_shared, &sn);
  CHECK(bytes != NULL && shared != NULL);
  ward_config_t cfg;
  ward_config_init(&cfg);
  cfg.stack_cells = (size_t)1 << 16; // eight stores at a time: keep them small
  cfg.max_call_depth = 1000;
  ward_engine_t *e = ward_engine_new(&cfg); // lazy translation (the default)
  maker_t makers[NMAKERS];
  memset(makers, 0, sizeof makers);
  for (int t = 0; t < NMAKERS; t++) {
    char *own = own_wat(t);
    makers[t].engine = e;
    makers[t].shared = shared;
    makers[t].shared_n = sn;
    makers[t].own = own ? to_binary(own, &makers[t].own_n) : NULL;
    CHECK(makers[t].own != NULL);
    free(own);
  }
  for (int round = 0; bytes && shared && round < ROUNDS; round++) {
    ward_module_t *m = NULL;
    ward_error_t *err = ward_module_new(e, bytes, n, &m);
    CHECK(err == NULL && m != NULL);
    if (err) {
      printf("module: %s\n", ward_error_message(err));
      ward_error_delete(err);
      break;
    }
    for (uint32_t i = 0; i < m->m->nbodies; i++)
      CHECK(wd_code_is_lazy(wd_code_current(m->m->bodies[i].code)));
    runner_t runners[NRUNNERS];
    thread_t threads[NRUNNERS + NMAKERS];
    bool started[NRUNNERS + NMAKERS];
    for (int t = 0; t < NRUNNERS; t++) {
      runners[t] = (runner_t){.engine = e, .module = m, .id = t};
      started[t] = thread_start(&threads[t], runner_main, &runners[t]);
      CHECK(started[t]);
    }
    for (int t = 0; t < NMAKERS; t++) {
      memset(makers[t].made, 0, sizeof makers[t].made);
      started[NRUNNERS + t] = thread_start(&threads[NRUNNERS + t], maker_main, &makers[t]);
      CHECK(started[NRUNNERS + t]);
    }
    for (int t = 0; t < NRUNNERS + NMAKERS; t++)
      if (started[t])
        thread_join(threads[t]);
    for (int t = 0; t < NRUNNERS; t++) {
      CHECK(runners[t].r.failed == 0);
      if (runners[t].r.failed)
        printf("round %d, runner %d: %d failures, first %s\n", round, t, runners[t].r.failed,
               runners[t].r.first);
    }
    for (int t = 0; t < NMAKERS; t++) {
      CHECK(makers[t].r.failed == 0);
      if (makers[t].r.failed)
        printf("round %d, maker %d: %s\n", round, t, makers[t].r.first);
    }
    // Every function was called, so each has its one translation now.
    for (uint32_t i = 0; i < m->m->nbodies; i++)
      CHECK(!wd_code_is_lazy(wd_code_current(m->m->bodies[i].code)));
    check_made(e, makers);
    for (int t = 0; t < NMAKERS; t++)
      for (int i = 0; i < 2 * NMADE; i++)
        ward_module_delete(makers[t].made[i]);
    ward_module_delete(m);
  }
  for (int t = 0; t < NMAKERS; t++)
    free(makers[t].own);
  ward_engine_delete(e);
  free(text);
  free(bytes);
  free(shared);
  printf("threads: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
