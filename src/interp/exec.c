// SPDX-License-Identifier: Apache-2.0
// The interpreter: runs compiled register code. Calls between wasm
// functions do not recurse on the native stack; traps leave through `trap`.
#include <stdio.h>
#include <string.h>

#include "interp/code.h"
#include "interp/numeric.h"
#include "runtime/rt.h"
#include "util/alloc.h"

#if defined(WD_DISPATCH_SWITCH) || !defined(__GNUC__)
#define WD_USE_SWITCH 1
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define WD_BIG_ENDIAN 1
#endif

// Little-endian accesses to linear memory at any alignment.
static inline uint16_t ld16(const uint8_t *p) {
  uint16_t v;
  memcpy(&v, p, 2);
#ifdef WD_BIG_ENDIAN
  v = (uint16_t)(v << 8 | v >> 8);
#endif
  return v;
}
static inline uint32_t ld32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
#ifdef WD_BIG_ENDIAN
  v = __builtin_bswap32(v);
#endif
  return v;
}
static inline uint64_t ld64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
#ifdef WD_BIG_ENDIAN
  v = __builtin_bswap64(v);
#endif
  return v;
}
static inline void st16(uint8_t *p, uint16_t v) {
#ifdef WD_BIG_ENDIAN
  v = (uint16_t)(v << 8 | v >> 8);
#endif
  memcpy(p, &v, 2);
}
static inline void st32(uint8_t *p, uint32_t v) {
#ifdef WD_BIG_ENDIAN
  v = __builtin_bswap32(v);
#endif
  memcpy(p, &v, 4);
}
static inline void st64(uint8_t *p, uint64_t v) {
#ifdef WD_BIG_ENDIAN
  v = __builtin_bswap64(v);
#endif
  memcpy(p, &v, 8);
}

static inline float imm_f32(const uint32_t *u) {
  float f;
  memcpy(&f, u, 4);
  return f;
}
static inline double imm_f64(const uint32_t *u) {
  uint64_t b = (uint64_t)u[0] | (uint64_t)u[1] << 32;
  double d;
  memcpy(&d, &b, 8);
  return d;
}

static ward_trapcode_t num_trap(int r) {
  switch (r) {
  case WD_NUM_DIV_ZERO: return WARD_TRAP_INT_DIV_ZERO;
  case WD_NUM_OVERFLOW: return WARD_TRAP_INT_OVERFLOW;
  default: return WARD_TRAP_BAD_CONVERSION;
  }
}

// Calls a host function with its arguments in cells at `args`; the
// results replace them. Returns NULL or the trap it raised.
static ward_trap_t *call_host(ward_store_t *s, ward_func_t *f, wd_cell_t *args,
                              ward_instance_t *caller_inst) {
  const wd_functype_t *ft = f->type;
  ward_val_t small[16];
  size_t n = (size_t)ft->nparams + ft->nresults;
  ward_val_t *vals = n <= 16 ? small : wd_calloc(n, sizeof *vals);
  if (!vals)
    return ward_trap_new("out of memory calling a host function");
  const uint8_t *pt = wd_functype_params(ft), *rt = wd_functype_results(ft);
  uint32_t cell = 0;
  for (uint32_t i = 0; i < ft->nparams; i++) {
    wd_cell_to_val(&args[cell], pt[i], &vals[i]);
    cell += wd_valtype_cells(pt[i]);
  }
  ward_val_t *res = vals + ft->nparams;
  for (uint32_t i = 0; i < ft->nresults; i++) {
    memset(&res[i], 0, sizeof res[i]);
    res[i].kind = (ward_valkind_t)rt[i];
  }
  ward_caller_t caller = {s, caller_inst};
  wd_cell_t *old_sp = s->sp;
  uint32_t top = ft->param_cells > ft->result_cells ? ft->param_cells : ft->result_cells;
  s->sp = args + top;
  ward_trap_t *trap = f->cb(f->env, &caller, vals, ft->nparams, res, ft->nresults);
  s->sp = old_sp;
  if (!trap) {
    cell = 0;
    for (uint32_t i = 0; i < ft->nresults; i++) {
      if (res[i].kind != (ward_valkind_t)rt[i]) {
        trap = ward_trap_new("host function returned a result of the wrong type");
        break;
      }
      wd_val_to_cell(&res[i], &args[cell]);
      cell += wd_valtype_cells(rt[i]);
    }
  }
  if (vals != small)
    wd_free(vals);
  return trap;
}

#define CELL_I32 i32
#define CELL_I64 i64
#define CELL_F32 f32
#define CELL_F64 f64
#define CELL(t) CELL_##t

// Operand access: the k-th unit after the opcode, as a frame cell.
#define R(k) fp[ip[k]]

#ifdef WD_OPSTATS
// Instrumented build (-DWARD_OPSTATS=ON): counts every executed operation
// and every pair of consecutive ones, printed at exit, to choose fused
// forms by measurement.
#include <stdlib.h>
static uint64_t g_opcount[WD_OP_COUNT_], g_pairs[WD_OP_COUNT_][WD_OP_COUNT_];
static unsigned g_prev;
static const char *const k_opnames[] = {
#define WD_OP_ANY(name) #name,
#include "interp/ops.def"
};
static void opstats_print(void) {
  FILE *f = stderr;
  const char *path = getenv("WARD_OPSTATS");
  if (path && *path)
    f = fopen(path, "a");
  if (!f)
    return;
  for (unsigned i = 0; i < WD_OP_COUNT_; i++)
    if (g_opcount[i])
      fprintf(f, "op %s %llu\n", k_opnames[i], (unsigned long long)g_opcount[i]);
  for (unsigned i = 0; i < WD_OP_COUNT_; i++)
    for (unsigned j = 0; j < WD_OP_COUNT_; j++)
      if (g_pairs[i][j])
        fprintf(f, "pair %s %s %llu\n", k_opnames[i], k_opnames[j],
                (unsigned long long)g_pairs[i][j]);
  if (f != stderr)
    fclose(f);
}
#define OPSTAT()                                                                                   \
  do {                                                                                             \
    static int reg_;                                                                               \
    if (!reg_) {                                                                                   \
      reg_ = 1;                                                                                    \
      atexit(opstats_print);                                                                       \
    }                                                                                              \
    g_opcount[*ip]++;                                                                              \
    g_pairs[g_prev][*ip]++;                                                                        \
    g_prev = *ip;                                                                                  \
  } while (0)
#else
#define OPSTAT() ((void)0)
#endif

#ifdef WD_USE_SWITCH
#define DISPATCH() goto dispatch
#define CASE(name) case WD_OP_##name:
#else
#define DISPATCH()                                                                                 \
  do {                                                                                             \
    OPSTAT();                                                                                      \
    goto *k_labels[*ip];                                                                           \
  } while (0)
#define CASE(name) L_##name:
#endif
#define NEXT(n)                                                                                    \
  do {                                                                                             \
    ip += (n);                                                                                     \
    DISPATCH();                                                                                    \
  } while (0)
#define TRAP(code)                                                                                 \
  do {                                                                                             \
    trapcode = (code);                                                                             \
    goto trap;                                                                                     \
  } while (0)
#define LOAD_MEM()                                                                                 \
  do {                                                                                             \
    ward_memory_t *m0_ = inst->mem0;                                                               \
    mem = m0_ ? m0_->data : NULL;                                                                  \
    memsize = m0_ ? m0_->size : 0;                                                                 \
  } while (0)
// Bounds-checked effective address of an n-byte access.
#define ADDR(p, ea, n)                                                                             \
  uint64_t ea_ = (ea);                                                                             \
  if (ea_ + (n) > memsize)                                                                         \
    TRAP(WARD_TRAP_MEMORY_OOB);                                                                    \
  uint8_t *p = mem + ea_
// Effective addresses: a cell plus the offset; a cell plus an addend,
// wrapped to 32 bits as the folded i32.add computes it, plus the offset.
#define EA(a, off) ((uint64_t)(a).i32 + (off))
#define EA_WRAP(a, addend, off) ((uint64_t)(uint32_t)((a).i32 + (addend)) + (off))

ward_trap_t *wd_interp_call(ward_store_t *s, ward_func_t *f, wd_cell_t *args) {
  if (!f->code)
    return call_host(s, f, args, NULL);
#ifndef WD_USE_SWITCH
  static const void *const k_labels[] = {
#define WD_OP_ANY(name) &&L_##name,
#include "interp/ops.def"
  };
#endif
  const uint32_t entry = s->depth;
  ward_func_t *cur = f;
  ward_instance_t *inst = f->inst;
  wd_cell_t *fp = args;
  const uint32_t *ip;
  uint8_t *mem;
  uint64_t memsize;
  ward_trapcode_t trapcode = WARD_TRAP_UNREACHABLE;
  uint32_t trapidx = 0; // the element index, for table traps
  ward_trap_t *host_trap = NULL;
  ward_func_t *callee;
  wd_cell_t *nfp;

  {
    const wd_code_t *code = f->code;
    if (fp + code->frame_cells > s->stack_end)
      TRAP(WARD_TRAP_STACK_EXHAUSTED);
    memset(fp + code->param_cells, 0, (size_t)(code->local_cells - code->param_cells) * sizeof *fp);
    ip = code->ops;
  }
  LOAD_MEM();
  DISPATCH();

#ifdef WD_USE_SWITCH
dispatch:
  switch ((enum wd_op) * ip) {
#endif

    CASE(UNREACHABLE) { TRAP(WARD_TRAP_UNREACHABLE); }
    CASE(BR) {
      ip += 1 + (int32_t)ip[1];
      DISPATCH();
    }
    CASE(BR_IF) {
      if (R(1).i32)
        ip += 2 + (int32_t)ip[2];
      else
        ip += 3;
      DISPATCH();
    }
    CASE(BR_UNLESS) {
      if (!R(1).i32)
        ip += 2 + (int32_t)ip[2];
      else
        ip += 3;
      DISPATCH();
    }
    CASE(BR_TABLE) {
      uint32_t i = R(1).i32, n = ip[2];
      const uint32_t *t = ip + 3 + (i < n ? i : n);
      ip = t + (int32_t)*t;
      DISPATCH();
    }
    CASE(RETURN) {
      if (s->depth == entry)
        goto done;
      wd_frame_t *fr = &s->frames[--s->depth];
      ip = fr->ip;
      fp = fr->fp;
      cur = fr->func;
      inst = cur->inst;
      LOAD_MEM();
      DISPATCH();
    }
    CASE(CALL) {
      callee = inst->funcs[ip[1]];
      nfp = fp + ip[2];
      ip += 3;
      goto do_call;
    }
    CASE(CALL_INDIRECT) {
      const wd_functype_t *ft = &inst->m->types[ip[1]];
      ward_table_t *t = inst->tables[ip[2]];
      uint32_t i = R(3).i32;
      trapidx = i;
      if (i >= t->size)
        TRAP(WARD_TRAP_UNDEFINED_ELEMENT);
      callee = t->elems[i];
      if (!callee)
        TRAP(WARD_TRAP_UNINITIALIZED_ELEMENT);
      if (callee->type != ft && !wd_functype_eq(callee->type, ft))
        TRAP(WARD_TRAP_INDIRECT_MISMATCH);
      nfp = fp + ip[4];
      ip += 5;
      goto do_call;
    }
    CASE(COPY) {
      R(1) = R(2);
      NEXT(3);
    }
    CASE(COPY128) {
      wd_cell_t lo = fp[ip[2]], hi = fp[ip[2] + 1];
      fp[ip[1]] = lo;
      fp[ip[1] + 1] = hi;
      NEXT(3);
    }
    CASE(COPY2) {
      R(1) = R(2);
      R(3) = R(4);
      NEXT(5);
    }
    CASE(ADDBR_NZ) {
      uint32_t d_ = R(2).i32 + ip[3];
      R(1).i32 = d_;
      if (d_)
        ip += 4 + (int32_t)ip[4];
      else
        ip += 5;
      DISPATCH();
    }
    CASE(ADDBR_Z) {
      uint32_t d_ = R(2).i32 + ip[3];
      R(1).i32 = d_;
      if (!d_)
        ip += 4 + (int32_t)ip[4];
      else
        ip += 5;
      DISPATCH();
    }
    CASE(CONST32) {
      R(1).i32 = ip[2];
      NEXT(3);
    }
    CASE(CONST64) {
      R(1).i64 = (uint64_t)ip[2] | (uint64_t)ip[3] << 32;
      NEXT(4);
    }
    CASE(SELECT) {
      wd_cell_t v = R(4).i32 ? R(2) : R(3);
      R(1) = v;
      NEXT(5);
    }
    CASE(SELECT128) {
      uint32_t src = R(4).i32 ? ip[2] : ip[3];
      wd_cell_t lo = fp[src], hi = fp[src + 1];
      fp[ip[1]] = lo;
      fp[ip[1] + 1] = hi;
      NEXT(5);
    }
    CASE(GLOBAL_GET) {
      R(1) = inst->globals[ip[2]]->val[0];
      NEXT(3);
    }
    CASE(GLOBAL_SET) {
      inst->globals[ip[1]]->val[0] = R(2);
      NEXT(3);
    }
    CASE(GLOBAL_GET128) {
      ward_global_t *g = inst->globals[ip[2]];
      fp[ip[1]] = g->val[0];
      fp[ip[1] + 1] = g->val[1];
      NEXT(3);
    }
    CASE(GLOBAL_SET128) {
      ward_global_t *g = inst->globals[ip[1]];
      g->val[0] = fp[ip[2]];
      g->val[1] = fp[ip[2] + 1];
      NEXT(3);
    }
    CASE(REF_IS_NULL) {
      R(1).i32 = R(2).ref == NULL;
      NEXT(3);
    }
    CASE(REF_FUNC) {
      R(1).ref = inst->funcs[ip[2]];
      NEXT(3);
    }
    CASE(I32_WRAP_I64) {
      R(1).i32 = (uint32_t)R(2).i64;
      NEXT(3);
    }

    // ---- memory -----------------------------------------------------------
#define WD_OP_LOAD(name, field, type, n, expr)                                                     \
  CASE(name) {                                                                                     \
    ADDR(p, EA(R(2), ip[3]), n);                                                                   \
    R(1).field = (type)(expr);                                                                     \
    NEXT(4);                                                                                       \
  }                                                                                                \
  CASE(name##_AI) {                                                                                \
    ADDR(p, EA_WRAP(R(2), ip[3], ip[4]), n);                                                       \
    R(1).field = (type)(expr);                                                                     \
    NEXT(5);                                                                                       \
  }                                                                                                \
  CASE(name##_AA) {                                                                                \
    ADDR(p, EA_WRAP(R(2), R(3).i32, ip[4]), n);                                                    \
    R(1).field = (type)(expr);                                                                     \
    NEXT(5);                                                                                       \
  }                                                                                                \
  CASE(name##_K) {                                                                                 \
    ADDR(p, (uint64_t)ip[2], n);                                                                   \
    R(1).field = (type)(expr);                                                                     \
    NEXT(3);                                                                                       \
  }
#define WD_OP_STORE(name, n, stmt)                                                                 \
  CASE(name) {                                                                                     \
    ADDR(p, EA(R(1), ip[3]), n);                                                                   \
    wd_cell_t v = R(2);                                                                            \
    stmt;                                                                                          \
    NEXT(4);                                                                                       \
  }                                                                                                \
  CASE(name##_AI) {                                                                                \
    ADDR(p, EA_WRAP(R(1), ip[3], ip[4]), n);                                                       \
    wd_cell_t v = R(2);                                                                            \
    stmt;                                                                                          \
    NEXT(5);                                                                                       \
  }                                                                                                \
  CASE(name##_K) {                                                                                 \
    ADDR(p, (uint64_t)ip[2], n);                                                                   \
    wd_cell_t v = R(1);                                                                            \
    stmt;                                                                                          \
    NEXT(3);                                                                                       \
  }
#define WD_OP_ANY(name)
#include "interp/ops.def"
    CASE(MEMORY_SIZE) {
      R(1).i32 = (uint32_t)inst->mem0->pages;
      NEXT(2);
    }
    CASE(MEMORY_GROW) {
      int64_t r = wd_memory_grow(inst->mem0, R(2).i32);
      R(1).i32 = (uint32_t)r;
      LOAD_MEM();
      NEXT(3);
    }
    CASE(MEMORY_INIT) {
      wd_dataseg_t *seg = &inst->datas[ip[1]];
      uint64_t d = R(2).i32, src = R(3).i32, n = R(4).i32;
      if (src + n > seg->len || d + n > memsize)
        TRAP(WARD_TRAP_MEMORY_OOB);
      if (n)
        memcpy(mem + d, seg->bytes + src, (size_t)n);
      NEXT(5);
    }
    CASE(DATA_DROP) {
      inst->datas[ip[1]].len = 0;
      NEXT(2);
    }
    CASE(MEMORY_COPY) {
      uint64_t d = R(1).i32, src = R(2).i32, n = R(3).i32;
      if (src + n > memsize || d + n > memsize)
        TRAP(WARD_TRAP_MEMORY_OOB);
      if (n)
        memmove(mem + d, mem + src, (size_t)n);
      NEXT(4);
    }
    CASE(MEMORY_FILL) {
      uint64_t d = R(1).i32, n = R(3).i32;
      if (d + n > memsize)
        TRAP(WARD_TRAP_MEMORY_OOB);
      if (n)
        memset(mem + d, (int)(uint8_t)R(2).i32, (size_t)n);
      NEXT(4);
    }

    // ---- tables -------------------------------------------------------------
    CASE(TABLE_GET) {
      ward_table_t *t = inst->tables[ip[2]];
      uint32_t i = R(3).i32;
      if (i >= t->size)
        TRAP(WARD_TRAP_TABLE_OOB);
      R(1).ref = t->elems[i];
      NEXT(4);
    }
    CASE(TABLE_SET) {
      ward_table_t *t = inst->tables[ip[1]];
      uint32_t i = R(2).i32;
      if (i >= t->size)
        TRAP(WARD_TRAP_TABLE_OOB);
      t->elems[i] = R(3).ref;
      NEXT(4);
    }
    CASE(TABLE_SIZE) {
      R(1).i32 = (uint32_t)inst->tables[ip[2]]->size;
      NEXT(3);
    }
    CASE(TABLE_GROW) {
      int64_t r = wd_table_grow(inst->tables[ip[2]], R(4).i32, R(3).ref);
      R(1).i32 = (uint32_t)r;
      NEXT(5);
    }
    CASE(TABLE_FILL) {
      ward_table_t *t = inst->tables[ip[1]];
      uint64_t i = R(2).i32, n = R(4).i32;
      void *ref = R(3).ref;
      if (i + n > t->size)
        TRAP(WARD_TRAP_TABLE_OOB);
      for (uint64_t k = 0; k < n; k++)
        t->elems[i + k] = ref;
      NEXT(5);
    }
    CASE(TABLE_COPY) {
      ward_table_t *td = inst->tables[ip[1]], *ts = inst->tables[ip[2]];
      uint64_t d = R(3).i32, src = R(4).i32, n = R(5).i32;
      if (src + n > ts->size || d + n > td->size)
        TRAP(WARD_TRAP_TABLE_OOB);
      if (n)
        memmove(td->elems + d, ts->elems + src, (size_t)n * sizeof *td->elems);
      NEXT(6);
    }
    CASE(TABLE_INIT) {
      ward_table_t *t = inst->tables[ip[1]];
      wd_elemseg_t *seg = &inst->elems[ip[2]];
      uint64_t d = R(3).i32, src = R(4).i32, n = R(5).i32;
      if (src + n > seg->n || d + n > t->size)
        TRAP(WARD_TRAP_TABLE_OOB);
      if (n)
        memcpy(t->elems + d, seg->refs + src, (size_t)n * sizeof *t->elems);
      NEXT(6);
    }
    CASE(ELEM_DROP) {
      inst->elems[ip[1]].n = 0;
      NEXT(2);
    }

    // ---- numeric operators, from ops.def --------------------------------------
#define H_UN(name, lname, tin, tout)                                                               \
  CASE(name) {                                                                                     \
    R(1).CELL(tout) = wd_num_##lname(R(2).CELL(tin));                                              \
    NEXT(3);                                                                                       \
  }
#define H_BIN(name, lname, tin, tout)                                                              \
  CASE(name) {                                                                                     \
    R(1).CELL(tout) = wd_num_##lname(R(2).CELL(tin), R(3).CELL(tin));                              \
    NEXT(4);                                                                                       \
  }
#define H_UNT(name, lname, tin, tout)                                                              \
  CASE(name) {                                                                                     \
    int r_ = wd_num_##lname(R(2).CELL(tin), &R(1).CELL(tout));                                     \
    if (r_)                                                                                        \
      TRAP(num_trap(r_));                                                                          \
    NEXT(3);                                                                                       \
  }
#define H_BINT(name, lname, tin, tout)                                                             \
  CASE(name) {                                                                                     \
    int r_ = wd_num_##lname(R(2).CELL(tin), R(3).CELL(tin), &R(1).CELL(tout));                     \
    if (r_)                                                                                        \
      TRAP(num_trap(r_));                                                                          \
    NEXT(4);                                                                                       \
  }
// Immediates: 32 bits, sign-extended for i64 operands.
#define IMM_I32(u) ((uint32_t)(u))
#define IMM_I64(u) ((uint64_t)(int64_t)(int32_t)(u))
#define H_BINIMM(name, lname, tin, tout)                                                           \
  CASE(name) {                                                                                     \
    R(1).CELL(tout) = wd_num_##lname(R(2).CELL(tin), IMM_##tin(ip[3]));                            \
    NEXT(4);                                                                                       \
  }
#define H_CMPBR(name, lname, tin)                                                                  \
  CASE(name) {                                                                                     \
    if (wd_num_##lname(R(1).CELL(tin), R(2).CELL(tin)))                                            \
      ip += 3 + (int32_t)ip[3];                                                                    \
    else                                                                                           \
      ip += 4;                                                                                     \
    DISPATCH();                                                                                    \
  }
#define H_CMPBR_IMM(name, lname, tin)                                                              \
  CASE(name) {                                                                                     \
    if (wd_num_##lname(R(1).CELL(tin), IMM_##tin(ip[2])))                                          \
      ip += 3 + (int32_t)ip[3];                                                                    \
    else                                                                                           \
      ip += 4;                                                                                     \
    DISPATCH();                                                                                    \
  }
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout) H_##shape(name, lname, tin, tout)
#define WD_OP_SIMPLE_FC(name, lname, sub, shape, tin, tout) H_##shape(name, lname, tin, tout)
#define WD_OP_BINIMM(name, base, lname, tin, tout) H_BINIMM(name, lname, tin, tout)
#define WD_OP_CMPBR(name, base, lname, tin) H_CMPBR(name, lname, tin)
#define WD_OP_CMPBR_IMM(name, base, lname, tin) H_CMPBR_IMM(name, lname, tin)
// The product is stored to a variable, so it is rounded before the add:
// C does not contract across statements, and the build sets
// -ffp-contract=off besides.
#define CTYPE_F32 float
#define CTYPE_F64 double
#define WD_OP_MULACC(name, type, expr)                                                             \
  CASE(name) {                                                                                     \
    CTYPE_##type p = R(2).CELL(type) * R(3).CELL(type);                                            \
    CTYPE_##type c = R(4).CELL(type);                                                              \
    R(1).CELL(type) = expr;                                                                        \
    NEXT(5);                                                                                       \
  }
// Float immediates: the constant's bits, one unit for f32, two for f64.
#define FIMM_F32(k) imm_f32(&ip[k])
#define FIMM_F64(k) imm_f64(&ip[k])
#define FLEN_F32 1
#define FLEN_F64 2
#define WD_OP_MULACC_IMM(name, type, expr)                                                         \
  CASE(name) {                                                                                     \
    CTYPE_##type p = R(2).CELL(type) * FIMM_##type(4);                                             \
    CTYPE_##type c = R(3).CELL(type);                                                              \
    R(1).CELL(type) = expr;                                                                        \
    NEXT(4 + FLEN_##type);                                                                         \
  }
#define WD_OP_FBINIMM(name, base, lname, type)                                                     \
  CASE(name) {                                                                                     \
    R(1).CELL(type) = wd_num_##lname(R(2).CELL(type), FIMM_##type(3));                             \
    NEXT(3 + FLEN_##type);                                                                         \
  }
#define WD_OP_FBINIMM_R(name, base, lname, type)                                                   \
  CASE(name) {                                                                                     \
    R(1).CELL(type) = wd_num_##lname(FIMM_##type(3), R(2).CELL(type));                             \
    NEXT(3 + FLEN_##type);                                                                         \
  }
// Loop latches: D = A + addend, then compare D and branch.
#define WD_OP_ADDBR_IMM(name, cmpbr, lname)                                                        \
  CASE(name) {                                                                                     \
    uint32_t d_ = R(2).i32 + ip[3];                                                                \
    R(1).i32 = d_;                                                                                 \
    if (wd_num_##lname(d_, ip[4]))                                                                 \
      ip += 5 + (int32_t)ip[5];                                                                    \
    else                                                                                           \
      ip += 6;                                                                                     \
    DISPATCH();                                                                                    \
  }
#define WD_OP_ADDBR(name, cmpbr, lname)                                                            \
  CASE(name) {                                                                                     \
    uint32_t d_ = R(2).i32 + ip[3];                                                                \
    R(1).i32 = d_;                                                                                 \
    if (wd_num_##lname(d_, R(4).i32))                                                              \
      ip += 5 + (int32_t)ip[5];                                                                    \
    else                                                                                           \
      ip += 6;                                                                                     \
    DISPATCH();                                                                                    \
  }
#define WD_OP_ANY(name)
#include "interp/ops.def"

#ifdef WD_USE_SWITCH
  default: TRAP(WARD_TRAP_UNREACHABLE);
  }
#endif

do_call:
  if (callee->code) {
    const wd_code_t *code = callee->code;
    if (s->depth >= s->max_depth || nfp + code->frame_cells > s->stack_end)
      TRAP(WARD_TRAP_STACK_EXHAUSTED);
    s->frames[s->depth++] = (wd_frame_t){ip, fp, cur};
    fp = nfp;
    cur = callee;
    memset(fp + code->param_cells, 0, (size_t)(code->local_cells - code->param_cells) * sizeof *fp);
    if (callee->inst != inst) {
      inst = callee->inst;
      LOAD_MEM();
    }
    ip = code->ops;
    DISPATCH();
  }
  if (s->depth >= s->max_depth || s->nesting >= 256)
    TRAP(WARD_TRAP_STACK_EXHAUSTED);
  s->frames[s->depth++] = (wd_frame_t){ip, fp, cur};
  s->nesting++;
  host_trap = call_host(s, callee, nfp, inst);
  s->nesting--;
  s->depth--;
  if (host_trap) {
    wd_trap_add_backtrace(host_trap, s, cur);
    s->depth = entry;
    return host_trap;
  }
  LOAD_MEM();
  DISPATCH();

trap : {
  char msg[64];
  const char *m = NULL;
  if (trapcode == WARD_TRAP_UNDEFINED_ELEMENT || trapcode == WARD_TRAP_UNINITIALIZED_ELEMENT) {
    snprintf(msg, sizeof msg, "%s %u", wd_trap_text(trapcode), trapidx);
    m = msg;
  }
  ward_trap_t *t = wd_trap_make(s, trapcode, m, cur);
  s->depth = entry;
  return t;
}
done:
  return NULL;
}
