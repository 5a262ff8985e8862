// SPDX-License-Identifier: Apache-2.0
// Instantiation cost through the public API (docs/performance.md,
// Instantiation): microseconds per (ward_store_new + ward_instance_new +
// export lookup + one call + ward_store_delete) for three module shapes,
// and the resident memory each of many live instances of the small shape
// takes. A host program, not a wasm one (bench/run.sh leaves it out); built
// and run by bench/instantiate.sh.
//
// The shapes are encoded here, so that any runtime can be given the same
// bytes (--write DIR writes them as a.wasm, b.wasm, c.wasm):
//   a  one function, no memory, no table;
//   b  a memory of 2 pages (at most 16), a table of 2 functions, 3 globals,
//      a 64-byte data segment, a call_indirect;
//   c  a C-program-like module: a memory of 17 pages with no maximum, 100
//      functions (a call chain 99 deep), a table of 16, 5 globals, 4 KiB of
//      data in two segments, 12 exports.
//
// Usage: instantiate [--label L] [--iters N] [--rounds R] [--live N]
//                    [--pool N] [--keep BYTES] [--write DIR] [SHAPE...]
// (--pool and --keep set ward_config_t.pool_memories and pool_stacks, and
// pool_keep_resident.)
// Prints one line per shape, "inst L SHAPE MICROSECONDS" (CPU time per
// iteration, user and system: the median of R rounds of N iterations), and with --live N (N > 0) the line
// "live L b N BYTES_RSS BYTES_PAGETABLES" (per instance; page tables where
// /proc/self/status tells them, else 0).
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "ward.h"

// ---- a small wasm encoder --------------------------------------------------------

typedef struct buf {
  uint8_t *p;
  size_t n, cap;
} buf_t;

static void put(buf_t *b, const void *data, size_t n) {
  if (b->n + n > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->n + n)
      cap *= 2;
    uint8_t *p = realloc(b->p, cap);
    if (!p) {
      fprintf(stderr, "instantiate: out of memory\n");
      exit(2);
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->n, data, n);
  b->n += n;
}

static void byte(buf_t *b, uint8_t v) { put(b, &v, 1); }

static void uleb(buf_t *b, uint64_t v) {
  do {
    uint8_t c = v & 0x7f;
    v >>= 7;
    byte(b, (uint8_t)(c | (v ? 0x80 : 0)));
  } while (v);
}

static void sleb(buf_t *b, int64_t v) {
  for (;;) {
    uint8_t c = (uint8_t)(v & 0x7f);
    v >>= 7; // arithmetic on every compiler we build with
    bool done = (v == 0 && !(c & 0x40)) || (v == -1 && (c & 0x40));
    byte(b, (uint8_t)(c | (done ? 0 : 0x80)));
    if (done)
      return;
  }
}

static void name(buf_t *b, const char *s) {
  uleb(b, strlen(s));
  put(b, s, strlen(s));
}

// Appends section `id` with the contents of `sec`, and empties `sec`.
static void section(buf_t *mod, uint8_t id, buf_t *sec) {
  byte(mod, id);
  uleb(mod, sec->n);
  put(mod, sec->p, sec->n);
  sec->n = 0;
}

static void header(buf_t *mod) { put(mod, "\0asm\1\0\0\0", 8); }

enum { I32 = 0x7f, I64 = 0x7e, F64 = 0x7c, FUNCREF = 0x70 };
enum { CALL = 0x10, CALL_INDIRECT = 0x11, LOCAL_GET = 0x20, GLOBAL_GET = 0x23 };
enum { GLOBAL_SET = 0x24, I32_LOAD = 0x28, I32_CONST = 0x41, I32_ADD = 0x6a, I32_MUL = 0x6c };
enum { END = 0x0b };

// An instruction with one index immediate (local.get, global.set, call...).
static void op_index(buf_t *b, uint8_t op, uint64_t index) {
  byte(b, op);
  uleb(b, index);
}

static void i32_const(buf_t *b, int32_t v) {
  byte(b, I32_CONST);
  sleb(b, v);
}

// i32.load with alignment 2 and offset 0 of the address on the stack.
static void i32_load(buf_t *b) {
  byte(b, I32_LOAD);
  uleb(b, 2);
  uleb(b, 0);
}

// call_indirect of type `type` through table 0.
static void call_indirect(buf_t *b, uint32_t type) {
  byte(b, CALL_INDIRECT);
  uleb(b, type);
  uleb(b, 0);
}

// A function type (params i32 ...) -> (i32).
static void functype(buf_t *s, int nparams) {
  byte(s, 0x60);
  uleb(s, (uint64_t)nparams);
  for (int i = 0; i < nparams; i++)
    byte(s, I32);
  byte(s, 1);
  byte(s, I32);
}

// The header, the types () -> i32 (0) and (i32) -> i32 (1), and the
// function section: n functions, the first of type 0, the rest of type 1.
static void prologue(buf_t *mod, buf_t *s, uint32_t n) {
  header(mod);
  uleb(s, 2);
  functype(s, 0);
  functype(s, 1);
  section(mod, 1, s);
  uleb(s, n);
  for (uint32_t i = 0; i < n; i++)
    uleb(s, i ? 1 : 0);
  section(mod, 3, s);
}

// A table or memory's limits: min, and max unless it is UINT32_MAX.
static void limits(buf_t *s, uint32_t min, uint32_t max) {
  byte(s, max != UINT32_MAX);
  uleb(s, min);
  if (max != UINT32_MAX)
    uleb(s, max);
}

// The table section: one funcref table of n entries, and the memory
// section: one memory of min pages, at most max (UINT32_MAX: none).
static void table_and_memory(buf_t *mod, buf_t *s, uint32_t n, uint32_t min, uint32_t max) {
  uleb(s, 1);
  byte(s, FUNCREF);
  limits(s, n, n);
  section(mod, 4, s);
  uleb(s, 1);
  limits(s, min, max);
  section(mod, 5, s);
}

// Appends a function body (no locals) from `code` and its `end`.
static void body(buf_t *s, buf_t *code) {
  byte(code, END);
  uleb(s, code->n + 1);
  byte(s, 0); // no local declarations
  put(s, code->p, code->n);
  code->n = 0;
}

// (param i32) (result i32): local.get 0, i32.const k, op (and call f).
static void body_unary(buf_t *s, buf_t *c, int32_t k, uint8_t op, uint32_t call) {
  op_index(c, LOCAL_GET, 0);
  i32_const(c, k);
  byte(c, op);
  if (call)
    op_index(c, CALL, call);
  body(s, c);
}

// A global of type `type` initialised with an i32.const v (or i64.const)
// or, for f64, the double 1.5.
static void global(buf_t *s, uint8_t type, bool mut, int32_t v) {
  byte(s, type);
  byte(s, mut);
  if (type == F64) {
    double d = 1.5;
    byte(s, 0x44);
    put(s, &d, 8); // little-endian hosts only (x86-64, AArch64)
  } else {
    byte(s, type == I64 ? 0x42 : I32_CONST);
    sleb(s, v);
  }
  byte(s, END);
}

static void export_item(buf_t *s, const char *n, uint8_t kind, uint32_t index) {
  name(s, n);
  byte(s, kind);
  uleb(s, index);
}

// An active segment of table or memory 0 at offset `at`: its header.
static void active_at(buf_t *s, int32_t at) {
  uleb(s, 0);
  i32_const(s, at);
  byte(s, END);
}

// (a): (func (export "run") (result i32) (i32.const 42)).
static void shape_a(buf_t *mod) {
  buf_t s = {0}, c = {0};
  prologue(mod, &s, 1);
  uleb(&s, 1);
  export_item(&s, "run", 0, 0);
  section(mod, 7, &s);
  uleb(&s, 1);
  i32_const(&c, 42);
  body(&s, &c);
  section(mod, 10, &s);
  free(s.p);
  free(c.p);
}

// (b): memory 2..16, table of 2 (f1, f2), globals $sp (mut i32 1024),
// i64 7, mut f64 1.5, data "0123..." (64 bytes) at 1024, and
//   run() = load32(1024) + call_indirect[1](5) + $sp, stored to $sp
// f1(x) = x + 1, f2(x) = x * 2.
static void shape_b(buf_t *mod) {
  buf_t s = {0}, c = {0};
  prologue(mod, &s, 3);
  table_and_memory(mod, &s, 2, 2, 16);
  uleb(&s, 3); // globals
  global(&s, I32, true, 1024);
  global(&s, I64, false, 7);
  global(&s, F64, true, 0);
  section(mod, 6, &s);
  uleb(&s, 2);
  export_item(&s, "run", 0, 0);
  export_item(&s, "memory", 2, 0);
  section(mod, 7, &s);
  uleb(&s, 1); // elem: table[0..2) = f1 f2
  active_at(&s, 0);
  uleb(&s, 2);
  uleb(&s, 1);
  uleb(&s, 2);
  section(mod, 9, &s);
  uleb(&s, 3); // code
  i32_const(&c, 1024);
  i32_load(&c);
  i32_const(&c, 5);
  i32_const(&c, 1);
  call_indirect(&c, 1);
  byte(&c, I32_ADD);
  op_index(&c, GLOBAL_GET, 0);
  byte(&c, I32_ADD);
  op_index(&c, GLOBAL_SET, 0);
  op_index(&c, GLOBAL_GET, 0);
  body(&s, &c);
  body_unary(&s, &c, 1, I32_ADD, 0);
  body_unary(&s, &c, 2, I32_MUL, 0);
  section(mod, 10, &s);
  uleb(&s, 1); // data: 64 bytes at 1024
  active_at(&s, 1024);
  uleb(&s, 64);
  for (int i = 0; i < 64; i++)
    byte(&s, (uint8_t)('0' + i % 10));
  section(mod, 11, &s);
  free(s.p);
  free(c.p);
}

// What run() of (b) returns: "0123" as a little-endian i32, + 10 + 1024.
#define B_RESULT (0x33323130 + 10 + 1024)

// (c): memory 17 (no maximum), table of 16, 100 functions: run() (type 0)
// returns f1(0) + call_indirect[2](1) (f3) + load32(1024); fK(x) =
// fK+1(x + K) for K < 99, f99(x) = x + 99 (so f1(0) = 4950); exports
// memory, run and f1..f10.
static void shape_c(buf_t *mod) {
  buf_t s = {0}, c = {0};
  prologue(mod, &s, 100);
  table_and_memory(mod, &s, 16, 17, UINT32_MAX);
  uleb(&s, 5); // $sp (mut i32), then __data_end-like constants
  for (int i = 0; i < 5; i++)
    global(&s, I32, i == 0, i == 0 ? 17 * 65536 : 5120 + 1024 * i);
  section(mod, 6, &s);
  uleb(&s, 12);
  export_item(&s, "memory", 2, 0);
  export_item(&s, "run", 0, 0);
  for (int i = 1; i <= 10; i++) {
    char n[8];
    snprintf(n, sizeof n, "f%d", i);
    export_item(&s, n, 0, (uint32_t)i);
  }
  section(mod, 7, &s);
  uleb(&s, 1); // elem: table[0..16) = f1..f16
  active_at(&s, 0);
  uleb(&s, 16);
  for (int i = 1; i <= 16; i++)
    uleb(&s, (uint64_t)i);
  section(mod, 9, &s);
  uleb(&s, 100);
  i32_const(&c, 0); // run
  op_index(&c, CALL, 1);
  i32_const(&c, 1);
  i32_const(&c, 2);
  call_indirect(&c, 1);
  byte(&c, I32_ADD);
  i32_const(&c, 1024);
  i32_load(&c);
  byte(&c, I32_ADD);
  body(&s, &c);
  for (int k = 1; k < 100; k++)
    body_unary(&s, &c, k, I32_ADD, k < 99 ? (uint32_t)k + 1 : 0);
  section(mod, 10, &s);
  uleb(&s, 2); // data: 3 KiB at 1024, 1 KiB at 8192
  for (int seg = 0; seg < 2; seg++) {
    active_at(&s, seg ? 8192 : 1024);
    uleb(&s, seg ? 1024 : 3072);
    for (int i = 0; i < (seg ? 1024 : 3072); i++)
      byte(&s, (uint8_t)(i * 7 + seg));
  }
  section(mod, 11, &s);
  free(s.p);
  free(c.p);
}

// f1(0) (1 + ... + 99) + f3(1) (1 + 3 + ... + 99 = 4950 - 1 - 2 + 1) +
// the first 4 data bytes (0, 7, 14, 21 little-endian).
#define C_RESULT (4950 + 4948 + 0x150e0700)

typedef struct shape {
  const char *name;
  void (*encode)(buf_t *);
  int32_t result;
} shape_t;

static const shape_t k_shapes[] = {
    {"a", shape_a, 42},
    {"b", shape_b, B_RESULT},
    {"c", shape_c, C_RESULT},
};

// ---- measuring ---------------------------------------------------------------------

// The process's CPU time (user and system): what instantiating costs,
// without the time other processes on a busy machine take from it.
static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void fail(const char *what, ward_error_t *err, ward_trap_t *trap) {
  fprintf(stderr, "instantiate: %s: %s\n", what,
          err    ? ward_error_message(err)
          : trap ? ward_trap_message(trap)
                 : "failed");
  exit(1);
}

// One store with one instance of `mod`, its "run" called once and checked.
static ward_store_t *instance_once(ward_engine_t *e, const ward_module_t *mod, int32_t want) {
  ward_store_t *s = ward_store_new(e);
  if (!s)
    fail("ward_store_new", NULL, NULL);
  ward_instance_t *inst = NULL;
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_instance_new(s, mod, NULL, 0, &inst, &trap);
  if (err || trap)
    fail("ward_instance_new", err, trap);
  ward_extern_t run;
  if (!ward_instance_export(inst, "run", 3, &run) || run.kind != WARD_EXTERN_FUNC)
    fail("no export run", NULL, NULL);
  ward_val_t res;
  err = ward_func_call(s, run.of.func, NULL, 0, &res, 1, &trap);
  if (err || trap)
    fail("run", err, trap);
  if (res.of.i32 != want) {
    fprintf(stderr, "instantiate: run returned %d, expected %d\n", (int)res.of.i32, (int)want);
    exit(1);
  }
  return s;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

// Resident bytes of this process, and of its page tables (0 where unknown).
static void resident(uint64_t *rss, uint64_t *pte) {
  *rss = *pte = 0;
  FILE *f = fopen("/proc/self/status", "r");
  if (f) {
    char line[256];
    unsigned long long kib;
    while (fgets(line, sizeof line, f)) {
      if (sscanf(line, "VmRSS: %llu kB", &kib) == 1)
        *rss = (uint64_t)kib * 1024;
      else if (sscanf(line, "VmPTE: %llu kB", &kib) == 1)
        *pte = (uint64_t)kib * 1024;
    }
    fclose(f);
  }
  if (*rss)
    return;
  // Elsewhere the peak, which is the current size after a steady climb:
  // kilobytes on Linux and the BSDs, bytes on macOS.
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) == 0) {
#ifdef __APPLE__
    *rss = (uint64_t)ru.ru_maxrss;
#else
    *rss = (uint64_t)ru.ru_maxrss * 1024;
#endif
  }
}

static void usage(void) {
  fprintf(stderr, "usage: instantiate [--label L] [--iters N] [--rounds R] [--live N] "
                  "[--pool N] [--keep BYTES] [--write DIR] [a|b|c...]\n");
  exit(2);
}

int main(int argc, char **argv) {
  const char *label = "ward", *write_dir = NULL;
  long iters = 20000, rounds = 5, live = 0, keep = -1, pool = -1;
  bool want[3] = {false, false, false}, any = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (i + 1 < argc && strcmp(a, "--label") == 0)
      label = argv[++i];
    else if (i + 1 < argc && strcmp(a, "--iters") == 0)
      iters = strtol(argv[++i], NULL, 10);
    else if (i + 1 < argc && strcmp(a, "--rounds") == 0)
      rounds = strtol(argv[++i], NULL, 10);
    else if (i + 1 < argc && strcmp(a, "--live") == 0)
      live = strtol(argv[++i], NULL, 10);
    else if (i + 1 < argc && strcmp(a, "--keep") == 0)
      keep = strtol(argv[++i], NULL, 10);
    else if (i + 1 < argc && strcmp(a, "--pool") == 0)
      pool = strtol(argv[++i], NULL, 10);
    else if (i + 1 < argc && strcmp(a, "--write") == 0)
      write_dir = argv[++i];
    else if (strlen(a) == 1 && a[0] >= 'a' && a[0] <= 'c')
      want[a[0] - 'a'] = any = true;
    else
      usage();
  }
  if (iters <= 0 || rounds <= 0 || rounds > 99 || live < 0)
    usage();
  if (!any)
    want[0] = want[1] = want[2] = true;

  buf_t bytes[3] = {{0}};
  for (int k = 0; k < 3; k++)
    k_shapes[k].encode(&bytes[k]);
  if (write_dir) {
    for (int k = 0; k < 3; k++) {
      char path[4096];
      snprintf(path, sizeof path, "%s/%s.wasm", write_dir, k_shapes[k].name);
      FILE *f = fopen(path, "wb");
      if (!f || fwrite(bytes[k].p, 1, bytes[k].n, f) != bytes[k].n || fclose(f) != 0) {
        fprintf(stderr, "instantiate: cannot write %s\n", path);
        return 1;
      }
    }
    return 0;
  }

  ward_config_t cfg;
  ward_config_init(&cfg);
  if (keep >= 0)
    cfg.pool_keep_resident = (size_t)keep;
  if (pool >= 0)
    cfg.pool_memories = cfg.pool_stacks = (uint32_t)pool;
  ward_engine_t *e = ward_engine_new(&cfg);
  ward_module_t *mods[3] = {NULL, NULL, NULL};
  for (int k = 0; k < 3; k++) {
    ward_error_t *err = ward_module_new(e, bytes[k].p, bytes[k].n, &mods[k]);
    if (err)
      fail("ward_module_new", err, NULL);
  }

  for (int k = 0; k < 3; k++) {
    if (!want[k])
      continue;
    for (long i = 0; i < iters / 10 + 1; i++) // warm up: compile, fill the pools
      ward_store_delete(instance_once(e, mods[k], k_shapes[k].result));
    double us[99];
    for (long r = 0; r < rounds; r++) {
      double t0 = now();
      for (long i = 0; i < iters; i++)
        ward_store_delete(instance_once(e, mods[k], k_shapes[k].result));
      us[r] = (now() - t0) / (double)iters * 1e6;
    }
    qsort(us, (size_t)rounds, sizeof *us, cmp_double);
    printf("inst %s %s %.3f\n", label, k_shapes[k].name, us[rounds / 2]);
    fflush(stdout);
  }

  if (live > 0) {
    ward_store_t **stores = calloc((size_t)live, sizeof *stores);
    if (!stores)
      fail("calloc", NULL, NULL);
    memset(stores, 0xff, (size_t)live * sizeof *stores); // resident before counting
    uint64_t rss0, pte0, rss1, pte1;
    resident(&rss0, &pte0);
    for (long i = 0; i < live; i++)
      stores[i] = instance_once(e, mods[1], B_RESULT);
    resident(&rss1, &pte1);
    printf("live %s b %ld %.0f %.0f\n", label, live, (double)(rss1 - rss0) / (double)live,
           (double)(pte1 - pte0) / (double)live);
    for (long i = 0; i < live; i++)
      ward_store_delete(stores[i]);
    free(stores);
  }
  for (int k = 0; k < 3; k++) {
    ward_module_delete(mods[k]);
    free(bytes[k].p);
  }
  ward_engine_delete(e);
  return 0;
}
