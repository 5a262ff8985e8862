// SPDX-License-Identifier: Apache-2.0
// The interpreter: runs compiled register code. Calls between wasm
// functions do not recurse on the native stack; traps leave through `trap`.
#include <stdio.h>
#include <string.h>

#include "interp/code.h"
#include "interp/exec_gc.h"
#include "interp/exec_mem.h"
#include "interp/exec_simd.h"
#include "interp/mem_le.h"
#include "platform/platform.h"
#include "interp/numeric.h"
#include "interp/simd.h"
#include "ir/rtt.h"
#include "runtime/gc.h"
#include "runtime/rt.h"
#include "util/alloc.h"

#if defined(WD_DISPATCH_TAIL)
#define WD_TAIL 1
#ifndef WD_OPSTATS
#define WD_TAIL_DIRECT 1 // direct threaded too (wd_interp_tokens)
#endif
#elif defined(WD_DISPATCH_SWITCH) || !defined(__GNUC__)
#define WD_USE_SWITCH 1
#elif !defined(WD_OPSTATS)
#define WD_DIRECT 1 // computed goto, direct threaded (wd_interp_tokens)
#endif

#if defined(__GNUC__)
#define WD_NOINLINE __attribute__((noinline))
#else
#define WD_NOINLINE
#endif

// Bit casts between floats and their bits.
static inline float f32_of_bits(uint32_t b) {
  float f;
  memcpy(&f, &b, 4);
  return f;
}
static inline uint32_t bits_of_f32(float f) {
  uint32_t b;
  memcpy(&b, &f, 4);
  return b;
}
static inline double f64_of_bits(uint64_t b) {
  double d;
  memcpy(&d, &b, 8);
  return d;
}
// Float immediates in the code: f32 in one unit, f64 in two (low first).
static inline float imm_f32(const uint32_t *u) { return f32_of_bits(u[0]); }
static inline double imm_f64(const uint32_t *u) {
  return f64_of_bits((uint64_t)u[0] | (uint64_t)u[1] << 32);
}

// Zeroes the declared locals of a new frame at fp. Most functions have a
// few: eight stores, which their frames leave room for (compile.c), cost
// less than a call to memset; up to twice that many (ZERO_FEW_MAX), two
// runs of eight that overlap.
#define ZERO_FEW_MAX (2 * WD_FRAME_SLACK)
// n cells at z, n at most ZERO_FEW_MAX: no call out.
static inline void zero_few(wd_cell_t *z, uint32_t n) {
  for (int i = 0; i < WD_FRAME_SLACK; i++)
    z[i].i64 = 0;
  if (n > WD_FRAME_SLACK) {
    wd_cell_t *t = z + n - WD_FRAME_SLACK;
    for (int i = 0; i < WD_FRAME_SLACK; i++)
      t[i].i64 = 0;
  }
}
static inline void zero_locals(wd_cell_t *fp, const wd_code_t *code) {
  wd_cell_t *z = fp + code->param_cells;
  uint32_t n = code->local_cells - code->param_cells;
  if (n <= WD_FRAME_SLACK)
    zero_few(z, WD_FRAME_SLACK); // one run
  else if (n <= ZERO_FEW_MAX)
    zero_few(z, n);
  else
    memset(z, 0, (size_t)n * sizeof *z);
}

void wd_func_set_code(ward_func_t *f, const wd_code_t *code) {
  f->code = code;
  f->entry = code->ops;
  f->entry_tok = code->entry_tok;
  f->pin = code->pin;
  f->zero_at = code->param_cells;
  f->zero_cells = code->local_cells - code->param_cells;
  f->call_cells = f->zero_cells <= ZERO_FEW_MAX ? code->frame_cells : WD_CALL_SLOW;
}

// select's value, of two values both loaded (which leaves the compiler
// free to pick a conditional move over a branch).
static inline uint64_t select64(uint32_t c, uint64_t a, uint64_t b) { return c ? a : b; }

static ward_trapcode_t num_trap(int r) {
  switch (r) {
  case WD_NUM_DIV_ZERO: return WARD_TRAP_INT_DIV_ZERO;
  case WD_NUM_OVERFLOW: return WARD_TRAP_INT_OVERFLOW;
  default: return WARD_TRAP_BAD_CONVERSION;
  }
}

// Calls a host function with its arguments in cells at `args`; the
// results replace them. `top` is the top of the caller's frame (at least
// args plus the cells of the arguments and results): the value-stack cells
// below it are roots while the host function runs, and when it has
// returned, for the collection its results' boxes may call for. Returns
// NULL or the trap it raised.
static ward_trap_t *call_host(ward_store_t *s, ward_func_t *f, wd_cell_t *args,
                              ward_instance_t *caller_inst, wd_cell_t *top) {
  const wd_functype_t *ft = f->type;
  ward_val_t small[16];
  size_t n = (size_t)ft->nparams + ft->nresults;
  ward_val_t *vals = n <= 16 ? small : wd_calloc(n, sizeof *vals);
  if (!vals)
    return ward_trap_new("out of memory calling a host function");
  // The arguments the host gets are rooted until it returns.
  size_t roots = ward_store_roots_enter(s);
  const wd_vt_t *pt = wd_functype_params(ft), *rt = wd_functype_results(ft);
  uint32_t cell = 0;
  bool ok = true;
  for (uint32_t i = 0; i < ft->nparams; i++) {
    ok = wd_cell_to_val(s, &args[cell], wd_vt_kind(NULL, pt[i]), &vals[i]) && ok;
    cell += wd_valtype_cells(pt[i]);
  }
  ward_val_t *res = vals + ft->nparams;
  for (uint32_t i = 0; i < ft->nresults; i++) {
    memset(&res[i], 0, sizeof res[i]);
    res[i].kind = wd_vt_kind(NULL, rt[i]);
  }
  ward_caller_t caller = {s, caller_inst};
  wd_cell_t *old_sp = s->sp, *old_top = s->gc.host_top;
  uint32_t cells = ft->param_cells > ft->result_cells ? ft->param_cells : ft->result_cells;
  s->sp = args + cells;
  // The highest top of the host calls in progress: a collection during
  // this one scans the frames of all of them.
  s->gc.host_top = top > s->sp ? top : s->sp;
  if (old_top > s->gc.host_top)
    s->gc.host_top = old_top;
  ward_trap_t *trap = NULL;
  if (ok) {
#if WD_GUARD_PAGES
    // Host code runs outside the wasm fault scope: a fault there is a crash.
    wd_os_guard_scope_t host_scope;
    wd_os_guard_enter(&host_scope, NULL);
#endif
    trap = f->cb(f->env, &caller, vals, ft->nparams, res, ft->nresults);
#if WD_GUARD_PAGES
    wd_os_guard_leave(&host_scope);
#endif
  } else {
    trap = ward_trap_new("out of memory calling a host function");
  }
  if (!trap) {
    // Boxing host pointers never collects: the boxes in earlier cells need
    // no other root until the results are all in place.
    cell = 0;
    for (uint32_t i = 0; i < ft->nresults; i++) {
      if (res[i].kind != wd_vt_kind(NULL, rt[i]) || !wd_val_to_cell(s, &res[i], &args[cell])) {
        trap = ward_trap_new("host function returned a result of the wrong type (or a "
                             "reference not of this store)");
        break;
      }
      cell += wd_valtype_cells(rt[i]);
    }
  }
  s->sp = old_sp;
  s->gc.host_top = old_top;
  ward_store_roots_leave(s, roots);
  if (vals != small)
    wd_free(vals);
  // Host functions may allocate boxes without wasm code allocating
  // anything: collect here too when they are due.
  if (!trap)
    wd_gc_maybe_collect(s, top);
  return trap;
}

#define CELL_I32 i32
#define CELL_I64 i64
#define CELL_F32 f32
#define CELL_F64 f64
#define CELL(t) CELL_##t

// Operand access: the k-th unit after the opcode, as a frame cell.
#define R(k) fp[ip[k]]
// A v128 operand (two cells from the k-th unit's), read or written whole.
#define VGET(k) wd_v_load(&fp[ip[k]])
#define VPUT(k, v) wd_v_store(&fp[ip[k]], (v))

#ifdef WD_OPSTATS
// Instrumented build (-DWARD_OPSTATS=ON): counts every executed operation
// and every pair of consecutive ones, printed at exit, to choose fused
// forms by measurement. With WARD_OPSTATS_SITES=K set as well, it counts
// each operation where it stands in the code too, and prints the K
// functions that ran the most operations as translated, each operation
// with its count and units: which sequences a fusion would serve.
#include <stdlib.h>
static uint64_t g_opcount[WD_OP_COUNT_], g_pairs[WD_OP_COUNT_][WD_OP_COUNT_];
static unsigned g_prev;
static int g_opstats_registered;
static const char *const k_opnames[] = {
#define WD_OP_ANY(name) #name,
#include "interp/ops.def"
};
// Sites: an open-addressed table of operation addresses and counts, and
// a copy of every translation (the code may be freed before exit).
enum { SITE_BITS = 21 };
typedef struct {
  const uint32_t *ip;
  uint64_t n;
} site_t;
typedef struct {
  const uint32_t *at; // where the code ran
  uint32_t *units, *starts, n, nstarts, func, pin;
  uint64_t total;
} site_code_t;
static site_t *g_sites;
static site_code_t *g_codes;
static size_t g_ncodes, g_capcodes;
static int g_sites_on = -1;

static bool sites_on(void) {
  if (g_sites_on < 0) {
    const char *k = getenv("WARD_OPSTATS_SITES");
    g_sites_on = k && atoi(k) > 0;
    if (g_sites_on && !(g_sites = calloc((size_t)1 << SITE_BITS, sizeof *g_sites)))
      g_sites_on = 0;
  }
  return g_sites_on;
}

// ip's slot in the table: its own, or the empty one where it goes (NULL
// when the table is full).
static site_t *site_slot(const uint32_t *ip) {
  size_t mask = ((size_t)1 << SITE_BITS) - 1;
  size_t h = (size_t)(((uint64_t)(uintptr_t)ip >> 2) * 0x9E3779B97F4A7C15u >> (64 - SITE_BITS));
  for (size_t k = 0; k <= mask; k++, h = (h + 1) & mask)
    if (g_sites[h].ip == ip || !g_sites[h].ip)
      return &g_sites[h];
  return NULL;
}

static void site_count(const uint32_t *ip) {
  site_t *s = site_slot(ip);
  if (s) {
    s->ip = ip;
    s->n++;
  }
}

void wd_opstats_code(const uint32_t *ops, const uint32_t *starts, uint32_t nstarts, uint32_t n,
                     uint32_t func, uint32_t pin) {
  if (!sites_on())
    return;
  if (g_ncodes == g_capcodes) {
    size_t cap = g_capcodes ? 2 * g_capcodes : 256;
    site_code_t *c = realloc(g_codes, cap * sizeof *c);
    if (!c)
      return;
    g_codes = c, g_capcodes = cap;
  }
  site_code_t *c = &g_codes[g_ncodes];
  c->units = malloc(n * sizeof *ops);
  c->starts = malloc(nstarts * sizeof *starts);
  if (!c->units || !c->starts) {
    free(c->units);
    free(c->starts);
    return;
  }
  memcpy(c->units, ops, n * sizeof *ops);
  memcpy(c->starts, starts, nstarts * sizeof *starts);
  c->at = ops, c->n = n, c->nstarts = nstarts, c->func = func, c->pin = pin, c->total = 0;
  g_ncodes++;
}

// The newest translation holding ip (an older one may have been freed
// and its memory reused).
static site_code_t *site_code_of(const uint32_t *ip) {
  for (size_t i = g_ncodes; i-- > 0;)
    if (ip >= g_codes[i].at && ip < g_codes[i].at + g_codes[i].n)
      return &g_codes[i];
  return NULL;
}

static int by_total(const void *a, const void *b) {
  uint64_t x = (*(site_code_t *const *)a)->total, y = (*(site_code_t *const *)b)->total;
  return x < y ? 1 : x > y ? -1 : 0;
}

static uint64_t site_get(const uint32_t *ip) {
  const site_t *s = site_slot(ip);
  return s && s->ip ? s->n : 0;
}

static void sites_print(FILE *f, uint64_t all) {
  size_t mask = ((size_t)1 << SITE_BITS) - 1;
  for (size_t h = 0; h <= mask; h++) {
    site_code_t *c = g_sites[h].ip ? site_code_of(g_sites[h].ip) : NULL;
    if (c)
      c->total += g_sites[h].n;
  }
  site_code_t **order = malloc(g_ncodes * sizeof *order);
  if (!order)
    return;
  for (size_t i = 0; i < g_ncodes; i++)
    order[i] = &g_codes[i];
  qsort(order, g_ncodes, sizeof *order, by_total);
  size_t k = (size_t)atoi(getenv("WARD_OPSTATS_SITES"));
  for (size_t i = 0; i < k && i < g_ncodes && order[i]->total; i++) {
    const site_code_t *c = order[i];
    fprintf(f, "func %u pin %d: %.2f%% of operations\n", c->func,
            c->pin == UINT32_MAX ? -1 : (int)c->pin,
            100.0 * (double)c->total / (double)(all ? all : 1));
    for (uint32_t j = 0; j < c->nstarts; j++) {
      uint32_t s = c->starts[j], e = j + 1 < c->nstarts ? c->starts[j + 1] : c->n;
      uint64_t n = site_get(c->at + s);
      if (n * 10000 < c->total) // under 0.01 % of the function's
        continue;
      fprintf(f, "  %6u %12llu %6.2f%% %-26s", s, (unsigned long long)n,
              100.0 * (double)n / (double)(all ? all : 1),
              c->units[s] < WD_OP_COUNT_ ? k_opnames[c->units[s]] : "?");
      for (uint32_t u = s + 1; u < e && u < s + 8; u++)
        fprintf(f, " %d", (int32_t)c->units[u]);
      fprintf(f, e > s + 8 ? " ...\n" : "\n");
    }
  }
  free(order);
}

static void opstats_print(void) {
  FILE *f = stderr;
  const char *path = getenv("WARD_OPSTATS");
  if (path && *path)
    f = fopen(path, "a");
  if (!f)
    return;
  uint64_t all = 0;
  for (unsigned i = 0; i < WD_OP_COUNT_; i++)
    if (g_opcount[i])
      fprintf(f, "op %s %llu\n", k_opnames[i], (unsigned long long)g_opcount[i]),
          all += g_opcount[i];
  for (unsigned i = 0; i < WD_OP_COUNT_; i++)
    for (unsigned j = 0; j < WD_OP_COUNT_; j++)
      if (g_pairs[i][j])
        fprintf(f, "pair %s %s %llu\n", k_opnames[i], k_opnames[j],
                (unsigned long long)g_pairs[i][j]);
  if (sites_on())
    sites_print(f, all);
  if (f != stderr)
    fclose(f);
}
#define OPSTAT()                                                                                   \
  do {                                                                                             \
    if (!g_opstats_registered) {                                                                   \
      g_opstats_registered = 1;                                                                    \
      atexit(opstats_print);                                                                       \
    }                                                                                              \
    g_opcount[*ip]++;                                                                              \
    g_pairs[g_prev][*ip]++;                                                                        \
    g_prev = *ip;                                                                                  \
    if (g_sites)                                                                                   \
      site_count(ip);                                                                              \
  } while (0)
#else
#define OPSTAT() ((void)0)
#endif

// Continues with the operation n units on.
#define NEXT(n)                                                                                    \
  do {                                                                                             \
    ip += (n);                                                                                     \
    DISPATCH();                                                                                    \
  } while (0)
// What follows INST: its memory 0, and (SET_INST_ARRAYS) its functions
// and table 0.
#define LOAD_MEM()                                                                                 \
  do {                                                                                             \
    ward_memory_t *m0_ = INST->mem0;                                                               \
    mem = m0_ ? m0_->data : NULL;                                                                  \
    MEMSIZE = m0_ ? m0_->size : 0;                                                                 \
    SET_INST_ARRAYS();                                                                             \
  } while (0)
#if WD_GUARD_PAGES
// The address of an n-byte access. Guard pages: any ea (below 2^33) lies in
// the memory's reservation, and an access beyond its size faults.
#define ADDR(p, ea, n) uint8_t *p = mem + (ea)
#define TRACK_CUR(f) (S->cur_func = (f))
#else
// Bounds-checked effective address of an n-byte access.
#define ADDR(p, ea, n)                                                                             \
  uint64_t ea_ = (ea);                                                                             \
  if (ea_ + (n) > MEMSIZE)                                                                         \
    TRAP(WARD_TRAP_MEMORY_OOB);                                                                    \
  uint8_t *p = mem + ea_
#define TRACK_CUR(f) ((void)0)
#endif
// Effective addresses: a cell plus the offset; a cell plus an addend,
// wrapped to 32 bits as the folded i32.add computes it, plus the offset.
#define EA(a, off) ((uint64_t)(a).i32 + (off))
#define EA_WRAP(a, addend, off) ((uint64_t)(uint32_t)((a).i32 + (addend)) + (off))

// The state a handler reaches beyond ip, fp and the memory: in locals of
// wd_interp_call (goto, switch), or in this context (tail calls).
typedef struct wd_ictx {
  ward_store_t *s;
  ward_instance_t *inst;
  ward_func_t *cur;
  uint32_t entry;
  ward_trapcode_t trapcode;
  uint32_t trapidx; // the element index, for table traps
  ward_trap_t *host_trap;
  ward_func_t *callee;
  wd_cell_t *nfp;
  ward_func_t **funcs;  // inst->funcs, one load nearer a call (FUNCS)
  ward_table_t *table0; // inst's table 0 or NULL, two nearer a call_indirect (TABLE)
  uint64_t memsize;     // memory 0's size, where it is not a handler argument
  ward_exn_t *exn;      // the exception being thrown
  // A unit of the operation that trapped (its wasm instruction names the
  // innermost frame), set on the trap path only; NULL: not known.
  const uint32_t *at;
  // Set by ward_store_interrupt while this run goes on (interruption on:
  // wd_store_run_enter), read by the loops' checks (CHECK_INTERRUPT).
  _Atomic uint32_t intr;
} wd_ictx_t;

#ifdef WD_TAIL
// Sets the context's copies of what the handlers reach of cx->inst
// through it (FUNCS, TABLE).
static inline void set_inst_arrays(wd_ictx_t *cx) {
  const ward_instance_t *in = cx->inst;
  cx->funcs = in->funcs;
  cx->table0 = in->m->ntables ? in->tables[0] : NULL;
}
#endif

// Builds the trap for a trap code raised at depth `entry`.
static ward_trap_t *make_trap(wd_ictx_t *cx) {
  if (cx->trapcode == WARD_TRAP_EXCEPTION) {
    ward_trap_t *t = wd_trap_exception(cx->s, cx->exn, cx->cur, cx->at);
    cx->s->depth = cx->entry;
    return t;
  }
  char msg[64];
  const char *m = NULL;
  ward_trapcode_t code = cx->trapcode;
  if (code == WARD_TRAP_UNDEFINED_ELEMENT || code == WARD_TRAP_UNINITIALIZED_ELEMENT) {
    snprintf(msg, sizeof msg, "%s %u", wd_trap_text(code), cx->trapidx);
    m = msg;
  }
  ward_trap_t *t = wd_trap_make(cx->s, code, m, cx->cur, cx->at);
  cx->s->depth = cx->entry;
  return t;
}

// The catch clause of the function running `cur` at ip (ip - 1 lies in
// the instruction that threw, or in the call it is returning from) that
// takes exception e, or NULL.
static const wd_catch_t *catch_in(const ward_func_t *cur, const uint32_t *ip, const ward_exn_t *e) {
  const wd_code_t *code = cur->code;
  uint32_t pos = (uint32_t)(ip - code->ops) - 1, t = WD_TRY_NONE;
  for (uint32_t i = code->ntries; i-- > 0;)
    if (code->tries[i].start <= pos && pos < code->tries[i].end) {
      t = i;
      break;
    }
  while (t != WD_TRY_NONE) {
    const wd_try_t *tr = &code->tries[t];
    if (tr->delegate != WD_TRY_NONE) {
      if (tr->delegate == WD_TRY_CALLER)
        return NULL;
      t = tr->delegate;
      continue;
    }
    for (uint32_t k = 0; k < tr->n; k++) {
      const wd_catch_t *h = &code->catches[tr->first + k];
      if (h->tag == WD_CATCH_ALL || cur->inst->tags[h->tag] == e->tag)
        return h;
    }
    t = tr->parent;
  }
  return NULL;
}

// Finds the handler of exception e thrown in `cur` at ip: in that function,
// or in its callers' frames down to depth `entry`. Returns it with the
// depth of its frame in *at (s->depth for cur's), or NULL if none.
static const wd_catch_t *find_catch(const ward_store_t *s, const ward_func_t *cur,
                                    const uint32_t *ip, uint32_t entry, const ward_exn_t *e,
                                    uint32_t *at) {
  const wd_catch_t *h = catch_in(cur, ip, e);
  uint32_t d = s->depth;
  while (!h && d > entry) {
    const wd_frame_t *fr = &s->frames[--d];
    h = catch_in(fr->func, fr->ip, e);
  }
  *at = d;
  return h;
}

// Lands exception e at catch clause h in the frame at fp: its values, and
// the exception itself where the clause keeps it; otherwise nothing refers
// to it any more and the collector frees it.
static void land(ward_exn_t *e, const wd_catch_t *h, wd_cell_t *fp, const wd_code_t *code) {
  uint32_t n = h->tag == WD_CATCH_ALL ? 0 : e->ncells;
  if (n)
    memcpy(fp + h->dst, e->vals, (size_t)n * sizeof *fp);
  if (h->kind == WD_CATCH_REF)
    fp[h->dst + n].ref = e;
  else if (h->kind == WD_CATCH_KEEP)
    fp[code->exn_base + h->slot].ref = e;
}

static ward_trap_t *host_trapped(wd_ictx_t *cx, ward_trap_t *t) {
  wd_trap_add_backtrace(t, cx->s, cx->cur, cx->at);
  cx->s->depth = cx->entry;
  return t;
}

// Traps with ip past the start of the operation that traps: a call that
// has set ip to its return address, a throw. The trap path reads ip as a
// unit of the operation (a frame record's return address minus one, the
// same), so these step back one unit first. Host traps (HOST_TRAP) always
// come from such a call.
#define TRAP_AFTER(code)                                                                           \
  do {                                                                                             \
    ip -= 1;                                                                                       \
    TRAP(code);                                                                                    \
  } while (0)

#ifdef WD_TAIL
// ---- dispatch by tail calls ---------------------------------------------------
// Every handler is a function that ends by calling the next one with
// `musttail`, so the calls are jumps and the VM state stays in argument
// registers; `preserve_none` (clang 19+) frees all registers for it.
#if defined(__has_attribute)
#if __has_attribute(preserve_none)
#define WD_HATTR __attribute__((preserve_none))
#define WD_HB_ARG 1
#if !WD_GUARD_PAGES
#define WD_MEMSIZE_ARG 1
#endif
#endif
#endif
#ifndef WD_HATTR
#define WD_HATTR
#endif
#define MUSTTAIL __attribute__((musttail))

enum { WD_R_DONE, WD_R_TRAP, WD_R_HOST_TRAP };
#if defined(WD_MEMSIZE_ARG)
// preserve_none leaves a dozen argument registers: the address the
// direct-threaded units count from (hb) is one, which every handler would
// otherwise compute again, and memory 0's size, which bounds checks read,
// another. The eighth argument's register is x86-64's shift count (cl):
// ip, which every handler changes anyway, goes there, so that a handler
// shifting by a variable count has no value passed through to move out of
// its way.
#define HARGS                                                                                      \
  wd_cell_t *fp, uint8_t *mem, uint64_t memsize, wd_ictx_t *cx, uint64_t acc, uint64_t l0,         \
      uintptr_t hb, const uint32_t *ip, double facc
#define HPASS fp, mem, memsize, cx, acc, l0, hb, ip, facc
#define HSTART(ip, fp, m, cx, l0)                                                                  \
  fp, (m) ? (m)->data : NULL, (m) ? (m)->size : 0, cx, 0, l0, HB_FIRST, ip, 0.0
#define HB hb
#define MEMSIZE memsize
#elif defined(WD_HB_ARG)
// The same with guard pages, where only the bulk operations and memory.size
// and memory.grow read memory 0's size: it stays in the context, which
// leaves one register more to the handlers that call (and cl free).
#define HARGS                                                                                      \
  wd_cell_t *fp, uint8_t *mem, wd_ictx_t *cx, uint64_t acc, uint64_t l0, uintptr_t hb,             \
      const uint32_t *ip, double facc
#define HPASS fp, mem, cx, acc, l0, hb, ip, facc
#define HSTART(ip, fp, m, cx, l0) fp, (m) ? (m)->data : NULL, cx, 0, l0, HB_FIRST, ip, 0.0
#define HB hb
#define MEMSIZE (cx->memsize)
#else
// The C calling convention passes six integer arguments in registers on
// x86-64 (eight on arm64): the size, read only by bounds checks and bulk
// operations, stays in the context, so that every argument is a register.
#define HARGS                                                                                      \
  const uint32_t *ip, wd_cell_t *fp, uint8_t *mem, wd_ictx_t *cx, uint64_t acc, uint64_t l0,       \
      double facc
#define HPASS ip, fp, mem, cx, acc, l0, facc
#define HSTART(ip, fp, m, cx, l0) ip, fp, (m) ? (m)->data : NULL, cx, 0, l0, 0.0
#define HB HB_FIRST
#define MEMSIZE (cx->memsize)
#endif
typedef WD_HATTR int (*wd_handler_t)(HARGS);

#define WD_OP_ANY(name) static WD_HATTR int h_##name(HARGS);
#include "interp/ops.def"
static WD_HATTR int h_do_call(HARGS);
static WD_HATTR int h_do_tail_call(HARGS);
static WD_HATTR int h_do_throw(HARGS);

static const wd_handler_t k_handlers[] = {
#define WD_OP_ANY(name) h_##name,
#include "interp/ops.def"
};
#ifdef WD_TAIL_DIRECT
// Direct threading: each operation's unit holds its handler's distance
// from h_UNREACHABLE (wd_interp_tokens), so no table is read to dispatch.
// The distances are known only when the program is linked: the first
// call of wd_interp_tokens works them out.
#define HB_FIRST ((uintptr_t)h_UNREACHABLE)
#define HANDLER_AT(base, unit) ((wd_handler_t)((base) + (uintptr_t)(intptr_t)(int32_t)(unit)))
#else
#define HB_FIRST ((uintptr_t)0)
#define HANDLER_AT(base, unit) k_handlers[unit]
#endif

#define S (cx->s)
#define INST (cx->inst)
#define CUR (cx->cur)
#define ENTRY (cx->entry)
#define CALLEE (cx->callee)
#define NFP (cx->nfp)
#define FUNCS (cx->funcs)
#define TABLE(t) ((t) ? INST->tables[t] : cx->table0)
#define SET_INST_ARRAYS() set_inst_arrays(cx)
#define HANDLER(fn) static WD_HATTR int fn(HARGS)
#define CASE(name) HANDLER(h_##name)
#define AUX(name) HANDLER(h_##name)
#define DISPATCH() DISPATCH_TOKEN(*ip)
// Dispatches on tok, the unit of the operation at ip (read elsewhere).
#define DISPATCH_TOKEN(tok)                                                                        \
  do {                                                                                             \
    OPSTAT();                                                                                      \
    MUSTTAIL return HANDLER_AT(HB, tok)(HPASS);                                                    \
  } while (0)
#define TRAP(code)                                                                                 \
  do {                                                                                             \
    cx->trapcode = (code);                                                                         \
    cx->at = ip;                                                                                   \
    return WD_R_TRAP;                                                                              \
  } while (0)
#define TRAPIDX(i) (cx->trapidx = (i))
#define HOST_TRAP(t)                                                                               \
  do {                                                                                             \
    cx->host_trap = (t);                                                                           \
    cx->at = ip - 1;                                                                               \
    return WD_R_HOST_TRAP;                                                                         \
  } while (0)
#define DONE() return WD_R_DONE
#define DO_CALL() MUSTTAIL return h_do_call(HPASS)
#define DO_TAIL_CALL() MUSTTAIL return h_do_tail_call(HPASS)
#define DO_THROW() MUSTTAIL return h_do_throw(HPASS)
#define EXN (cx->exn)
// Goes on as operation `name` (its handler) would at ip.
#define GOTO_OP(name) MUSTTAIL return h_##name(HPASS)

#include "interp/exec_ops.h"

WD_NOINLINE static ward_trap_t *run(ward_store_t *s, ward_func_t *f, wd_cell_t *args) {
  ward_memory_t *m0 = f->inst->mem0;
  wd_ictx_t cx = {
      .s = s, .inst = f->inst, .cur = f, .entry = s->depth, .memsize = m0 ? m0->size : 0};
  set_inst_arrays(&cx);
  const wd_code_t *code = f->code;
  if (WD_STACK_SHORT(s, args + code->frame_cells > s->stack_end)) {
    cx.trapcode = WARD_TRAP_STACK_EXHAUSTED;
    return make_trap(&cx);
  }
  // Before ip is worked out: kept across this call, a copy of it could
  // stay in a register the handlers leave alone, for the search of a
  // guarded fault's ip among the registers to take (wd_code_fault_at).
  const bool intr = s->meter & WD_METER_INTR;
  _Atomic uint32_t *outer = intr ? wd_store_run_enter(s, &cx.intr) : NULL;
  zero_locals(args, code);
  const uint32_t *ip = code->ops;
  int r = HANDLER_AT(HB_FIRST, *ip)(HSTART(ip, args, m0, &cx, args[code->pin].i64));
  if (intr)
    wd_store_run_leave(s, outer);
  if (r == WD_R_DONE)
    return NULL;
  return r == WD_R_TRAP ? make_trap(&cx) : host_trapped(&cx, cx.host_trap);
}

#else
// ---- dispatch in one function: computed goto, or switch -------------------------
#ifdef WD_USE_SWITCH
#define DISPATCH()                                                                                 \
  do {                                                                                             \
    OPSTAT();                                                                                      \
    goto dispatch;                                                                                 \
  } while (0)
#define DISPATCH_TOKEN(tok)                                                                        \
  do {                                                                                             \
    (void)(tok);                                                                                   \
    DISPATCH();                                                                                    \
  } while (0)
// The label lets another handler go on as this one (GOTO_OP).
#define CASE(name)                                                                                 \
  case WD_OP_##name:                                                                               \
    L_##name:
#elif defined(WD_DIRECT)
// Direct threading: each operation's unit holds its handler's distance
// from L_UNREACHABLE (wd_interp_tokens), so no table is read to dispatch.
#define DISPATCH() DISPATCH_TOKEN(*ip)
// Dispatches on tok, the unit of the operation at ip (read elsewhere).
#define DISPATCH_TOKEN(tok) goto *(const void *)((const char *)&&L_UNREACHABLE + (int32_t)(tok))
#define CASE(name) L_##name:
#else
#define DISPATCH() DISPATCH_TOKEN(*ip)
#define DISPATCH_TOKEN(tok)                                                                        \
  do {                                                                                             \
    OPSTAT();                                                                                      \
    goto *k_labels[tok];                                                                           \
  } while (0)
#define CASE(name) L_##name:
#endif
#define AUX(name)                                                                                  \
  name:
#if defined(__GNUC__) && !defined(__clang__) && !defined(WD_USE_SWITCH)
// Marks a handler, or a shared tail, cold (GCC's label attribute; clang has
// none): the handlers seldom run that call out of this function. gcc 12
// gives the function with the twins (ops.def) the registers it gave it
// without them only with these labels: without, it kept the store in the
// stack frame (docs/limits.md, "The twins and gcc").
#define COLD_CASE(name)                                                                            \
  CASE(name)                                                                                       \
  __attribute__((cold));
#define COLD_AUX(name)                                                                             \
  AUX(name)                                                                                        \
  __attribute__((cold));
#define COLD_LABEL __attribute__((cold));
#else
#define COLD_LABEL
#endif
#define S s
#define INST inst
#define CUR cur
#define ENTRY entry
#define CALLEE callee
#define NFP nfp
#define FUNCS (inst->funcs)
#define TABLE(t) (inst->tables[t])
#define SET_INST_ARRAYS() ((void)0)
#define TRAP(code)                                                                                 \
  do {                                                                                             \
    trapcode = (code);                                                                             \
    goto trap;                                                                                     \
  } while (0)
#define TRAPIDX(i) (trapidx = (i))
#define HOST_TRAP(t)                                                                               \
  do {                                                                                             \
    host_trap = (t);                                                                               \
    goto host_trapped;                                                                             \
  } while (0)
#define DONE() goto done
#define DO_CALL() goto do_call
#define DO_TAIL_CALL() goto do_tail_call
#define DO_THROW() goto do_throw
#define EXN exn
#define GOTO_OP(name) goto L_##name
#define MEMSIZE memsize

// Diagnostics scoped to run(), the one function of every handler.
#if defined(__GNUC__)
#pragma GCC diagnostic push
#ifndef WD_USE_SWITCH
// Computed goto (`&&label`, `goto *`) is a GNU C extension, used only in
// this mode, which has the portable switch as its fallback: -Wpedantic
// (clang: -Wgnu-label-as-value) would flag each of its 10,308 uses.
#pragma GCC diagnostic ignored "-Wpedantic"
#endif
#ifdef WD_USE_SWITCH
// Every case has a label too, for the few that GOTO_OP jumps to.
#pragma GCC diagnostic ignored "-Wunused-label"
#endif
#ifdef __clang__
// Clang's front end analyses a function for -Wuninitialized in time that
// grows with its variables times its blocks: for this one, 2 minutes of
// exec.c's build with clang-14 and clang-19 alike (the switch mode too),
// against a fraction of a second for the rest. The handlers get that
// analysis in the tail-call build, where each is a function of its own,
// and GCC's own in the default build (docs/performance.md, Compilers).
#pragma clang diagnostic ignored "-Wuninitialized"
#endif
#endif

#ifdef WD_DIRECT
// With tokens set, only stores there the units that stand for the
// operations (wd_interp_tokens), and in *first (unless NULL) the address
// of the first handler, which they count from.
WD_NOINLINE static ward_trap_t *run(ward_store_t *s, ward_func_t *f, wd_cell_t *args,
                                    const uint32_t **tokens, uintptr_t *first) {
  static const uint32_t k_tokens[] = {
#define WD_OP_ANY(name) (uint32_t)((const char *)&&L_##name - (const char *)&&L_UNREACHABLE),
#include "interp/ops.def"
  };
  if (tokens) {
    *tokens = k_tokens;
    if (first)
      *first = (uintptr_t) && L_UNREACHABLE;
    return NULL;
  }
#else
WD_NOINLINE static ward_trap_t *run(ward_store_t *s, ward_func_t *f, wd_cell_t *args) {
#ifndef WD_USE_SWITCH
  static const void *const k_labels[] = {
#define WD_OP_ANY(name) &&L_##name,
#include "interp/ops.def"
  };
#endif
#endif
  const uint32_t entry = s->depth;
  ward_func_t *cur = f;
  ward_instance_t *inst = f->inst;
  wd_cell_t *fp = args;
  const uint32_t *ip = NULL; // read by the trap path (NULL: before the first operation)
  uint8_t *mem;
  uint64_t memsize;
  ward_trapcode_t trapcode = WARD_TRAP_UNREACHABLE;
  uint32_t trapidx = 0;
  ward_trap_t *host_trap = NULL;
  ward_func_t *callee;
  wd_cell_t *nfp;
  ward_exn_t *exn = NULL;
  uint64_t acc = 0; // the accumulators (ops.def)
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
  // gcc's allocator may otherwise keep it in memory in this large function.
  register double facc __asm__("xmm15") = 0;
#else
  double facc = 0;
#endif
  uint64_t l0 = 0; // the pinned local (ops.def)

  {
    const wd_code_t *code = f->code;
    if (WD_STACK_SHORT(s, fp + code->frame_cells > s->stack_end))
      TRAP(WARD_TRAP_STACK_EXHAUSTED);
    zero_locals(fp, code);
    l0 = fp[code->pin].i64;
    ip = code->ops;
  }
  LOAD_MEM();
  DISPATCH();

#ifdef WD_USE_SWITCH
dispatch:
  switch ((enum wd_op) * ip) {
#endif

#include "interp/exec_ops.h"

#ifdef WD_USE_SWITCH
  default: TRAP(WARD_TRAP_UNREACHABLE);
  }
#endif

trap:
  COLD_LABEL {
    wd_ictx_t cx = {.s = s,
                    .cur = cur,
                    .entry = entry,
                    .trapcode = trapcode,
                    .trapidx = trapidx,
                    .exn = exn,
                    .at = ip};
    return make_trap(&cx);
  }
host_trapped:
  COLD_LABEL {
    wd_ictx_t cx = {.s = s, .cur = cur, .entry = entry, .at = ip - 1};
    return host_trapped(&cx, host_trap);
  }
done:
  return NULL;
}
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
#endif

#ifdef WD_DIRECT
#define RUN(s, f, args) run(s, f, args, NULL, NULL)
const uint32_t *wd_interp_tokens(void) {
  const uint32_t *t;
  run(NULL, NULL, NULL, &t, NULL);
  return t;
}
#elif defined(WD_TAIL_DIRECT)
#define RUN(s, f, args) run(s, f, args)
// 0: not worked out, 1: being worked out, 2: ready.
static atomic_int k_tokens_state;
static uint32_t k_tokens[WD_OP_COUNT_];
const uint32_t *wd_interp_tokens(void) {
  if (atomic_load_explicit(&k_tokens_state, memory_order_acquire) != 2) {
    int none = 0;
    if (atomic_compare_exchange_strong(&k_tokens_state, &none, 1)) {
      for (size_t i = 0; i < WD_OP_COUNT_; i++)
        k_tokens[i] = (uint32_t)((uintptr_t)k_handlers[i] - (uintptr_t)h_UNREACHABLE);
      atomic_store_explicit(&k_tokens_state, 2, memory_order_release);
    } else {
      // Another thread is at it: a loop of a few hundred subtractions.
      while (atomic_load_explicit(&k_tokens_state, memory_order_acquire) != 2)
        ;
    }
  }
  return k_tokens;
}
#else
#define RUN(s, f, args) run(s, f, args)
static const uint32_t k_op_ids[] = {
#define WD_OP_ANY(name) WD_OP_##name,
#include "interp/ops.def"
};
const uint32_t *wd_interp_tokens(void) { return k_op_ids; }
#endif

// The address of the handler of the operation whose unit is token (first:
// the first handler's, in the goto build); 0 where handlers have no address
// of their own (switch, or the instrumented goto-table build).
static uintptr_t handler_at(uint32_t token, uintptr_t first) {
#if defined(WD_TAIL_DIRECT)
  (void)first;
  return (uintptr_t)HANDLER_AT(HB_FIRST, token);
#elif defined(WD_TAIL)
  (void)first;
  return token < WD_OP_COUNT_ ? (uintptr_t)k_handlers[token] : 0;
#elif defined(WD_DIRECT)
  return first + (uintptr_t)(intptr_t)(int32_t)token;
#else
  (void)token, (void)first;
  return 0;
#endif
}

int wd_interp_fault_in(uint32_t token, uintptr_t pc) {
  const uint32_t *tokens;
  uintptr_t first = 0, best = 0;
#ifdef WD_DIRECT
  run(NULL, NULL, NULL, &tokens, &first);
#else
  tokens = wd_interp_tokens();
#endif
  uintptr_t mine = handler_at(token, first);
  if (!mine || !pc)
    return -1;
  for (size_t i = 0; i < WD_OP_COUNT_; i++) {
    uintptr_t h = handler_at(tokens[i], first);
    if (h <= pc && h > best)
      best = h;
  }
  return best ? best == mine : -1;
}

bool wd_interp_ip_moves_first(void) {
#if defined(WD_TAIL)
  return false;
#else
  return true;
#endif
}

const char *wd_interp_dispatch(void) {
#if defined(WD_TAIL)
  return "tail";
#elif defined(WD_USE_SWITCH)
  return "switch";
#elif defined(WD_DIRECT)
  return "goto";
#else
  return "goto-table";
#endif
}

// Runs wasm function f (or host function) with its arguments in cells at
// args; the results replace them.
ward_trap_t *wd_interp_call(ward_store_t *s, ward_func_t *f, wd_cell_t *args) {
  // An interrupt stands (include/ward/limits.h): no call into wasm runs.
  if ((s->meter & WD_METER_INTR) && f->code &&
      atomic_load_explicit(&s->intr, memory_order_relaxed)) {
    wd_ictx_t cx = {.s = s, .cur = f, .entry = s->depth, .trapcode = WARD_TRAP_INTERRUPT};
    return make_trap(&cx);
  }
  if (!f->code) {
    const wd_functype_t *ft = f->type;
    return call_host(s, f, args, NULL,
                     args +
                         (ft->param_cells > ft->result_cells ? ft->param_cells : ft->result_cells));
  }
#if WD_GUARD_PAGES
  // A fault beyond a memory's size comes back here by longjmp.
  const uint32_t entry = s->depth;
  ward_func_t *outer = s->cur_func;
#ifdef WD_TAIL
  // The flag run() makes its own, given back here if it leaves by longjmp.
  _Atomic uint32_t *outer_intr = atomic_load(&s->run_intr);
#endif
  wd_os_guard_scope_t sc;
  jmp_buf jb;
  wd_os_guard_enter(&sc, &jb);
  if (setjmp(jb)) {
    wd_os_guard_leave(&sc);
#ifdef WD_TAIL
    if (s->meter & WD_METER_INTR)
      wd_store_run_leave(s, outer_intr);
#endif
    wd_ictx_t cx = {.s = s,
                    .cur = s->cur_func,
                    .entry = entry,
                    .trapcode = WARD_TRAP_MEMORY_OOB,
                    .at = s->cur_func ? wd_code_fault_at(s->cur_func->code, s->cur_func->inst->m,
                                                         sc.regs, sc.nregs, sc.pc)
                                      : NULL};
    ward_trap_t *t = make_trap(&cx);
    s->cur_func = outer;
    return t;
  }
  s->cur_func = f;
  ward_trap_t *t = RUN(s, f, args);
  wd_os_guard_leave(&sc);
  s->cur_func = outer;
  return t;
#else
  return RUN(s, f, args);
#endif
}
