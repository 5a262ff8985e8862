// SPDX-License-Identifier: Apache-2.0
// Instructions of the text format: plain (flat) and folded forms, blocks
// with labels and block types, and every immediate (indices by number or
// $name, memargs, constants, v128 lanes), written as binary code.
#include <stdlib.h>
#include <string.h>

#include "text/wat.h"

// How an instruction's immediates are written.
enum {
  I_NONE,
  I_BLOCK, // block, loop, if
  I_ELSE,
  I_END,
  I_LABEL,
  I_BR_TABLE,
  I_FUNC,
  I_CALL_INDIRECT,
  I_LOCAL,
  I_GLOBAL,
  I_TABLE, // an optional table index
  I_TABLE_COPY,
  I_TABLE_INIT,
  I_ELEM,
  I_MEM, // an optional memory index
  I_MEMORY_INIT,
  I_DATA,
  I_MEMORY_COPY,
  I_MEMARG,
  I_I32,
  I_I64,
  I_F32,
  I_F64,
  I_SELECT,
  I_REF_NULL,
  I_S_NONE, // SIMD, as in simd_ops.def
  I_S_MEMARG,
  I_S_MEMARG_LANE,
  I_S_LANE,
  I_S_CONST16,
  I_S_SHUFFLE,
  I_TRY_TABLE,  // try_table: a block with catch clauses
  I_TRY,        // the legacy try
  I_CATCH,      // its catch and catch_all arms
  I_DELEGATE,   // and its delegate
  I_TAG,        // a tag index (throw)
  I_TYPE,       // a type index (call_ref, struct.new, array.get ...)
  I_FIELD,      // a struct type and its field (struct.get, struct.set)
  I_TYPE_N,     // a type and a count (array.new_fixed)
  I_TYPE_DATA,  // a type and a data segment (array.new_data, array.init_data)
  I_TYPE_ELEM,  // a type and an elem segment (array.new_elem, array.init_elem)
  I_TYPE_TYPE,  // two types (array.copy)
  I_CAST,       // a reference type; nullable: the opcode + 1 (ref.test, ref.cast)
  I_BR_ON_CAST, // a label and two reference types (br_on_cast, br_on_cast_fail)
};

typedef struct opinfo {
  const char *name;
  uint8_t prefix; // 0, 0xFB, 0xFC or 0xFD
  uint16_t op;
  uint8_t imm;
  uint8_t n; // memarg: natural alignment in bytes; lane: lane count
} opinfo_t;

#define OP(name, op, imm)                                                                          \
  { name, 0, op, imm, 0 }
#define MEM(name, op, n)                                                                           \
  { name, 0, op, I_MEMARG, n }
#define FC(name, op, imm)                                                                          \
  { name, 0xFC, op, imm, 0 }
#define GC(name, op, imm)                                                                          \
  { name, 0xFB, op, imm, 0 }
static const opinfo_t ops[] = {
    OP("unreachable", 0x00, I_NONE),
    OP("nop", 0x01, I_NONE),
    OP("block", 0x02, I_BLOCK),
    OP("loop", 0x03, I_BLOCK),
    OP("if", 0x04, I_BLOCK),
    OP("else", 0x05, I_ELSE),
    OP("end", 0x0b, I_END),
    OP("br", 0x0c, I_LABEL),
    OP("br_if", 0x0d, I_LABEL),
    OP("br_table", 0x0e, I_BR_TABLE),
    OP("return", 0x0f, I_NONE),
    OP("call", 0x10, I_FUNC),
    OP("call_indirect", 0x11, I_CALL_INDIRECT),
    OP("return_call", 0x12, I_FUNC),
    OP("return_call_indirect", 0x13, I_CALL_INDIRECT),
    OP("try_table", 0x1f, I_TRY_TABLE),
    OP("throw", 0x08, I_TAG),
    OP("throw_ref", 0x0a, I_NONE),
    OP("try", 0x06, I_TRY),
    OP("catch", 0x07, I_CATCH),
    OP("catch_all", 0x19, I_CATCH),
    OP("delegate", 0x18, I_DELEGATE),
    OP("rethrow", 0x09, I_LABEL),
    OP("call_ref", 0x14, I_TYPE),
    OP("return_call_ref", 0x15, I_TYPE),
    OP("ref.as_non_null", 0xd4, I_NONE),
    OP("br_on_null", 0xd5, I_LABEL),
    OP("br_on_non_null", 0xd6, I_LABEL),
    OP("drop", 0x1a, I_NONE),
    OP("select", 0x1b, I_SELECT),
    OP("local.get", 0x20, I_LOCAL),
    OP("local.set", 0x21, I_LOCAL),
    OP("local.tee", 0x22, I_LOCAL),
    OP("global.get", 0x23, I_GLOBAL),
    OP("global.set", 0x24, I_GLOBAL),
    OP("table.get", 0x25, I_TABLE),
    OP("table.set", 0x26, I_TABLE),
    MEM("i32.load", 0x28, 4),
    MEM("i64.load", 0x29, 8),
    MEM("f32.load", 0x2a, 4),
    MEM("f64.load", 0x2b, 8),
    MEM("i32.load8_s", 0x2c, 1),
    MEM("i32.load8_u", 0x2d, 1),
    MEM("i32.load16_s", 0x2e, 2),
    MEM("i32.load16_u", 0x2f, 2),
    MEM("i64.load8_s", 0x30, 1),
    MEM("i64.load8_u", 0x31, 1),
    MEM("i64.load16_s", 0x32, 2),
    MEM("i64.load16_u", 0x33, 2),
    MEM("i64.load32_s", 0x34, 4),
    MEM("i64.load32_u", 0x35, 4),
    MEM("i32.store", 0x36, 4),
    MEM("i64.store", 0x37, 8),
    MEM("f32.store", 0x38, 4),
    MEM("f64.store", 0x39, 8),
    MEM("i32.store8", 0x3a, 1),
    MEM("i32.store16", 0x3b, 2),
    MEM("i64.store8", 0x3c, 1),
    MEM("i64.store16", 0x3d, 2),
    MEM("i64.store32", 0x3e, 4),
    OP("memory.size", 0x3f, I_MEM),
    OP("memory.grow", 0x40, I_MEM),
    OP("i32.const", 0x41, I_I32),
    OP("i64.const", 0x42, I_I64),
    OP("f32.const", 0x43, I_F32),
    OP("f64.const", 0x44, I_F64),
    // numeric, 0x45-0xc4
    OP("i32.eqz", 0x45, I_NONE),
    OP("i32.eq", 0x46, I_NONE),
    OP("i32.ne", 0x47, I_NONE),
    OP("i32.lt_s", 0x48, I_NONE),
    OP("i32.lt_u", 0x49, I_NONE),
    OP("i32.gt_s", 0x4a, I_NONE),
    OP("i32.gt_u", 0x4b, I_NONE),
    OP("i32.le_s", 0x4c, I_NONE),
    OP("i32.le_u", 0x4d, I_NONE),
    OP("i32.ge_s", 0x4e, I_NONE),
    OP("i32.ge_u", 0x4f, I_NONE),
    OP("i64.eqz", 0x50, I_NONE),
    OP("i64.eq", 0x51, I_NONE),
    OP("i64.ne", 0x52, I_NONE),
    OP("i64.lt_s", 0x53, I_NONE),
    OP("i64.lt_u", 0x54, I_NONE),
    OP("i64.gt_s", 0x55, I_NONE),
    OP("i64.gt_u", 0x56, I_NONE),
    OP("i64.le_s", 0x57, I_NONE),
    OP("i64.le_u", 0x58, I_NONE),
    OP("i64.ge_s", 0x59, I_NONE),
    OP("i64.ge_u", 0x5a, I_NONE),
    OP("f32.eq", 0x5b, I_NONE),
    OP("f32.ne", 0x5c, I_NONE),
    OP("f32.lt", 0x5d, I_NONE),
    OP("f32.gt", 0x5e, I_NONE),
    OP("f32.le", 0x5f, I_NONE),
    OP("f32.ge", 0x60, I_NONE),
    OP("f64.eq", 0x61, I_NONE),
    OP("f64.ne", 0x62, I_NONE),
    OP("f64.lt", 0x63, I_NONE),
    OP("f64.gt", 0x64, I_NONE),
    OP("f64.le", 0x65, I_NONE),
    OP("f64.ge", 0x66, I_NONE),
    OP("i32.clz", 0x67, I_NONE),
    OP("i32.ctz", 0x68, I_NONE),
    OP("i32.popcnt", 0x69, I_NONE),
    OP("i32.add", 0x6a, I_NONE),
    OP("i32.sub", 0x6b, I_NONE),
    OP("i32.mul", 0x6c, I_NONE),
    OP("i32.div_s", 0x6d, I_NONE),
    OP("i32.div_u", 0x6e, I_NONE),
    OP("i32.rem_s", 0x6f, I_NONE),
    OP("i32.rem_u", 0x70, I_NONE),
    OP("i32.and", 0x71, I_NONE),
    OP("i32.or", 0x72, I_NONE),
    OP("i32.xor", 0x73, I_NONE),
    OP("i32.shl", 0x74, I_NONE),
    OP("i32.shr_s", 0x75, I_NONE),
    OP("i32.shr_u", 0x76, I_NONE),
    OP("i32.rotl", 0x77, I_NONE),
    OP("i32.rotr", 0x78, I_NONE),
    OP("i64.clz", 0x79, I_NONE),
    OP("i64.ctz", 0x7a, I_NONE),
    OP("i64.popcnt", 0x7b, I_NONE),
    OP("i64.add", 0x7c, I_NONE),
    OP("i64.sub", 0x7d, I_NONE),
    OP("i64.mul", 0x7e, I_NONE),
    OP("i64.div_s", 0x7f, I_NONE),
    OP("i64.div_u", 0x80, I_NONE),
    OP("i64.rem_s", 0x81, I_NONE),
    OP("i64.rem_u", 0x82, I_NONE),
    OP("i64.and", 0x83, I_NONE),
    OP("i64.or", 0x84, I_NONE),
    OP("i64.xor", 0x85, I_NONE),
    OP("i64.shl", 0x86, I_NONE),
    OP("i64.shr_s", 0x87, I_NONE),
    OP("i64.shr_u", 0x88, I_NONE),
    OP("i64.rotl", 0x89, I_NONE),
    OP("i64.rotr", 0x8a, I_NONE),
    OP("f32.abs", 0x8b, I_NONE),
    OP("f32.neg", 0x8c, I_NONE),
    OP("f32.ceil", 0x8d, I_NONE),
    OP("f32.floor", 0x8e, I_NONE),
    OP("f32.trunc", 0x8f, I_NONE),
    OP("f32.nearest", 0x90, I_NONE),
    OP("f32.sqrt", 0x91, I_NONE),
    OP("f32.add", 0x92, I_NONE),
    OP("f32.sub", 0x93, I_NONE),
    OP("f32.mul", 0x94, I_NONE),
    OP("f32.div", 0x95, I_NONE),
    OP("f32.min", 0x96, I_NONE),
    OP("f32.max", 0x97, I_NONE),
    OP("f32.copysign", 0x98, I_NONE),
    OP("f64.abs", 0x99, I_NONE),
    OP("f64.neg", 0x9a, I_NONE),
    OP("f64.ceil", 0x9b, I_NONE),
    OP("f64.floor", 0x9c, I_NONE),
    OP("f64.trunc", 0x9d, I_NONE),
    OP("f64.nearest", 0x9e, I_NONE),
    OP("f64.sqrt", 0x9f, I_NONE),
    OP("f64.add", 0xa0, I_NONE),
    OP("f64.sub", 0xa1, I_NONE),
    OP("f64.mul", 0xa2, I_NONE),
    OP("f64.div", 0xa3, I_NONE),
    OP("f64.min", 0xa4, I_NONE),
    OP("f64.max", 0xa5, I_NONE),
    OP("f64.copysign", 0xa6, I_NONE),
    OP("i32.wrap_i64", 0xa7, I_NONE),
    OP("i32.trunc_f32_s", 0xa8, I_NONE),
    OP("i32.trunc_f32_u", 0xa9, I_NONE),
    OP("i32.trunc_f64_s", 0xaa, I_NONE),
    OP("i32.trunc_f64_u", 0xab, I_NONE),
    OP("i64.extend_i32_s", 0xac, I_NONE),
    OP("i64.extend_i32_u", 0xad, I_NONE),
    OP("i64.trunc_f32_s", 0xae, I_NONE),
    OP("i64.trunc_f32_u", 0xaf, I_NONE),
    OP("i64.trunc_f64_s", 0xb0, I_NONE),
    OP("i64.trunc_f64_u", 0xb1, I_NONE),
    OP("f32.convert_i32_s", 0xb2, I_NONE),
    OP("f32.convert_i32_u", 0xb3, I_NONE),
    OP("f32.convert_i64_s", 0xb4, I_NONE),
    OP("f32.convert_i64_u", 0xb5, I_NONE),
    OP("f32.demote_f64", 0xb6, I_NONE),
    OP("f64.convert_i32_s", 0xb7, I_NONE),
    OP("f64.convert_i32_u", 0xb8, I_NONE),
    OP("f64.convert_i64_s", 0xb9, I_NONE),
    OP("f64.convert_i64_u", 0xba, I_NONE),
    OP("f64.promote_f32", 0xbb, I_NONE),
    OP("i32.reinterpret_f32", 0xbc, I_NONE),
    OP("i64.reinterpret_f64", 0xbd, I_NONE),
    OP("f32.reinterpret_i32", 0xbe, I_NONE),
    OP("f64.reinterpret_i64", 0xbf, I_NONE),
    OP("i32.extend8_s", 0xc0, I_NONE),
    OP("i32.extend16_s", 0xc1, I_NONE),
    OP("i64.extend8_s", 0xc2, I_NONE),
    OP("i64.extend16_s", 0xc3, I_NONE),
    OP("i64.extend32_s", 0xc4, I_NONE),
    OP("ref.null", 0xd0, I_REF_NULL),
    OP("ref.is_null", 0xd1, I_NONE),
    OP("ref.func", 0xd2, I_FUNC),
    OP("ref.eq", 0xd3, I_NONE),
    // 0xFB prefix: garbage collection (Wasm 3.0)
    GC("struct.new", 0, I_TYPE),
    GC("struct.new_default", 1, I_TYPE),
    GC("struct.get", 2, I_FIELD),
    GC("struct.get_s", 3, I_FIELD),
    GC("struct.get_u", 4, I_FIELD),
    GC("struct.set", 5, I_FIELD),
    GC("array.new", 6, I_TYPE),
    GC("array.new_default", 7, I_TYPE),
    GC("array.new_fixed", 8, I_TYPE_N),
    GC("array.new_data", 9, I_TYPE_DATA),
    GC("array.new_elem", 10, I_TYPE_ELEM),
    GC("array.get", 11, I_TYPE),
    GC("array.get_s", 12, I_TYPE),
    GC("array.get_u", 13, I_TYPE),
    GC("array.set", 14, I_TYPE),
    GC("array.len", 15, I_NONE),
    GC("array.fill", 16, I_TYPE),
    GC("array.copy", 17, I_TYPE_TYPE),
    GC("array.init_data", 18, I_TYPE_DATA),
    GC("array.init_elem", 19, I_TYPE_ELEM),
    GC("ref.test", 20, I_CAST),
    GC("ref.cast", 22, I_CAST),
    GC("br_on_cast", 24, I_BR_ON_CAST),
    GC("br_on_cast_fail", 25, I_BR_ON_CAST),
    GC("any.convert_extern", 26, I_NONE),
    GC("extern.convert_any", 27, I_NONE),
    GC("ref.i31", 28, I_NONE),
    GC("i31.get_s", 29, I_NONE),
    GC("i31.get_u", 30, I_NONE),
    // 0xFC prefix
    FC("i32.trunc_sat_f32_s", 0, I_NONE),
    FC("i32.trunc_sat_f32_u", 1, I_NONE),
    FC("i32.trunc_sat_f64_s", 2, I_NONE),
    FC("i32.trunc_sat_f64_u", 3, I_NONE),
    FC("i64.trunc_sat_f32_s", 4, I_NONE),
    FC("i64.trunc_sat_f32_u", 5, I_NONE),
    FC("i64.trunc_sat_f64_s", 6, I_NONE),
    FC("i64.trunc_sat_f64_u", 7, I_NONE),
    FC("memory.init", 8, I_MEMORY_INIT),
    FC("data.drop", 9, I_DATA),
    FC("memory.copy", 10, I_MEMORY_COPY),
    FC("memory.fill", 11, I_MEM),
    FC("table.init", 12, I_TABLE_INIT),
    FC("elem.drop", 13, I_ELEM),
    FC("table.copy", 14, I_TABLE_COPY),
    FC("table.grow", 15, I_TABLE),
    FC("table.size", 16, I_TABLE),
    FC("table.fill", 17, I_TABLE),
// 0xFD prefix: SIMD
#define WD_SIMD(NAME, lname, text, sub, IMM, N, SIG) {text, 0xFD, sub, I_S_##IMM, N},
#include "ir/simd_ops.def"
#undef WD_SIMD
};
#undef OP
#undef MEM
#undef FC
#undef GC

enum { NOPS = sizeof ops / sizeof ops[0] };

// The operator table is looked up through a name table built on first use
// in each parse (it keeps the parser free of global state).
static const opinfo_t *find_op(wd_parser_t *P, const wd_tok_t *t) {
  if (!P->ops.cap) {
    for (uint32_t i = 0; i < NOPS; i++)
      wd_names_add(P, &P->ops, ops[i].name, strlen(ops[i].name), i);
  }
  uint32_t i;
  if (!wd_names_get(&P->ops, P->src + t->off, t->len, &i))
    return NULL;
  return &ops[i];
}

static wd_buf_t *fold_buf(wd_parser_t *P, unsigned level) {
  if (level >= P->nfold) {
    size_t n = P->nfold ? P->nfold * 2 : 16;
    while (n <= level)
      n *= 2;
    P->fold = wd_xrealloc(P, P->fold, n * sizeof *P->fold);
    memset(P->fold + P->nfold, 0, (n - P->nfold) * sizeof *P->fold);
    P->nfold = n;
  }
  return &P->fold[level];
}

// ---- labels and locals ----------------------------------------------------------

static void push_label(wd_parser_t *P, const wd_tok_t *id) {
  if (P->nlabels == P->labels_cap) {
    P->labels_cap = P->labels_cap ? P->labels_cap * 2 : 16;
    P->labels = wd_xrealloc(P, P->labels, P->labels_cap * sizeof *P->labels);
  }
  wd_label_t *l = &P->labels[P->nlabels++];
  l->name = id ? wd_id(P, id, &l->len, true) : NULL;
  if (!id)
    l->len = 0;
}

static uint32_t parse_label(wd_parser_t *P) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind == TK_ID) {
    size_t len;
    const char *name = wd_id(P, t, &len, false);
    for (size_t i = P->nlabels; i-- > 0;) {
      const wd_label_t *l = &P->labels[i];
      if (l->name && l->len == len && memcmp(l->name, name, len) == 0) {
        P->pos++;
        return (uint32_t)(P->nlabels - 1 - i);
      }
    }
    wd_fail(P, t, "unknown label %.*s", (int)t->len, P->src + t->off);
  }
  return wd_parse_u32(P);
}

static uint32_t parse_local(wd_parser_t *P) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind == TK_ID) {
    uint32_t idx;
    size_t len;
    const char *name = wd_id(P, t, &len, false);
    if (!wd_names_get(&P->locals, name, len, &idx))
      wd_fail(P, t, "unknown local %.*s", (int)t->len, P->src + t->off);
    P->pos++;
    return idx;
  }
  return wd_parse_u32(P);
}

// ---- immediates -------------------------------------------------------------------

// A block type: (type x)? (param t*)* (result t*)*, written as 0x40, a
// value type or a type index.
static void blocktype(wd_parser_t *P, wd_buf_t *out) {
  uint32_t np, nr;
  if (wd_peek_sexp(P, "type")) {
    uint32_t idx = wd_parse_typeuse(P, NULL, &np, true);
    const wd_ftype_t *ft = wd_func_type(P, idx);
    if (ft && ft->np == 0 && ft->nr == 0)
      wd_buf_byte(P, out, 0x40);
    else if (ft && ft->np == 0 && ft->nr == 1)
      wd_put_valtype(P, out, ft->t[0]);
    else
      wd_buf_s64(P, out, idx);
    return;
  }
  wd_parse_sig(P, &P->sig, &np, &nr, NULL, false);
  const wd_vt_t *sig = (const wd_vt_t *)(void *)P->sig.p;
  if (np == 0 && nr <= 1) {
    if (nr)
      wd_put_valtype(P, out, sig[0]);
    else
      wd_buf_byte(P, out, 0x40);
    return;
  }
  wd_buf_s64(P, out, wd_find_or_add_type(P, sig, np, nr));
}

static bool is_memarg_kw(wd_parser_t *P, const wd_tok_t *t) {
  return t->kind == TK_KW && ((t->len > 7 && memcmp(P->src + t->off, "offset=", 7) == 0) ||
                              (t->len > 6 && memcmp(P->src + t->off, "align=", 6) == 0));
}

// The number after offset= or align= (skip: that many characters): up to
// 2^64-1 with memory64 (validation then says what is out of range), else
// 2^32-1 as in Wasm 2.0.
static uint64_t memarg_num(wd_parser_t *P, const wd_tok_t *t, size_t skip) {
  bool wide = (P->features & WARD_FEATURE_MEMORY64) != 0;
  uint64_t v = 0;
  wd_numst_t st =
      wd_num_uint(P->src + t->off + skip, t->len - skip, wide ? UINT64_MAX : UINT32_MAX, &v);
  if (st == NUM_SYNTAX)
    wd_fail(P, t, "unknown operator");
  if (st == NUM_RANGE)
    wd_fail(P, t, "%s constant out of range", wide ? "i64" : "i32");
  P->pos++;
  return v;
}

// memidx? offset=? align=? (multi-memory: a memory index first), written
// as the flags (bit 6: a memory index follows), the index if not 0, and
// the offset, up to 2^64-1 with memory64 (else 2^32-1). With a lane index
// after the memarg (lane), a number is the memory index only if another
// number or offset=/align= follows it.
static void memarg(wd_parser_t *P, wd_buf_t *out, unsigned natural, bool lane) {
  uint64_t offset = 0, align = natural;
  uint32_t mem = 0;
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind == TK_ID || (t->kind == TK_NUM && (!lane || wd_peek(P, 1)->kind == TK_NUM ||
                                                 is_memarg_kw(P, wd_peek(P, 1))))) {
    mem = wd_parse_idx(P, SP_MEM);
    t = wd_peek(P, 0);
  }
  if (t->kind == TK_KW && t->len > 7 && memcmp(P->src + t->off, "offset=", 7) == 0) {
    offset = memarg_num(P, t, 7);
    t = wd_peek(P, 0);
  }
  if (t->kind == TK_KW && t->len > 6 && memcmp(P->src + t->off, "align=", 6) == 0) {
    align = memarg_num(P, t, 6);
    if (align == 0 || (align & (align - 1)))
      wd_fail(P, t, "alignment must be a power of two");
  }
  uint32_t lg = 0;
  while (((uint64_t)1 << lg) < align)
    lg++;
  wd_buf_u32(P, out, lg | (mem ? 0x40 : 0));
  if (mem)
    wd_buf_u32(P, out, mem);
  wd_buf_u64(P, out, offset);
}

// An optional memory index (0 if none).
static uint32_t opt_memidx(wd_parser_t *P) { return wd_peek_idx(P) ? wd_parse_idx(P, SP_MEM) : 0; }

// Two indices of space sp, or none for 0 0 (table.copy, memory.copy).
static void idx_pair(wd_parser_t *P, wd_buf_t *out, int sp) {
  uint32_t dst = 0, src = 0;
  if (wd_peek_idx(P)) {
    dst = wd_parse_idx(P, sp);
    src = wd_parse_idx(P, sp);
  }
  wd_buf_u32(P, out, dst);
  wd_buf_u32(P, out, src);
}

// An index of space sp before the segment index of table.init or
// memory.init, if two indices follow; else 0.
static uint32_t first_of_two(wd_parser_t *P, int sp) {
  const wd_tok_t *second = wd_peek(P, 1);
  if (wd_peek_idx(P) && (second->kind == TK_ID || second->kind == TK_NUM))
    return wd_parse_idx(P, sp);
  return 0;
}

static uint8_t lane_index(wd_parser_t *P) {
  const wd_tok_t *t = wd_peek(P, 0);
  uint64_t v;
  if (t->kind != TK_NUM)
    wd_unexpected(P, t);
  wd_numst_t st = wd_num_uint(P->src + t->off, t->len, 255, &v);
  if (st == NUM_SYNTAX)
    wd_unexpected(P, t);
  if (st == NUM_RANGE)
    wd_fail(P, t, "i8 constant out of range"); // Wasm 2.0: "malformed lane index"
  P->pos++;
  return (uint8_t)v;
}

static void const_int(wd_parser_t *P, unsigned bits, uint64_t *v) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind != TK_NUM)
    wd_unexpected(P, t);
  wd_numst_t st = wd_num_int(P->src + t->off, t->len, bits, v);
  if (st == NUM_SYNTAX)
    wd_unexpected(P, t);
  if (st == NUM_RANGE)
    wd_fail(P, t, "constant out of range");
  P->pos++;
}

static void const_float(wd_parser_t *P, bool f32, uint64_t *v) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind != TK_NUM && t->kind != TK_KW)
    wd_unexpected(P, t);
  wd_numst_t st;
  if (f32) {
    uint32_t b = 0;
    st = wd_num_f32(P->src + t->off, t->len, &b);
    *v = b;
  } else {
    st = wd_num_f64(P->src + t->off, t->len, v);
  }
  if (st == NUM_SYNTAX)
    wd_unexpected(P, t);
  if (st == NUM_RANGE)
    wd_fail(P, t, "constant out of range");
  P->pos++;
}

static void put_le(wd_parser_t *P, wd_buf_t *out, uint64_t v, unsigned bytes) {
  for (unsigned i = 0; i < bytes; i++)
    wd_buf_byte(P, out, (uint8_t)(v >> (8 * i)));
}

// v128.const shape lanes...
static void v128_const(wd_parser_t *P, wd_buf_t *out) {
  static const struct {
    const char *name;
    unsigned lanes, bits;
    bool fl;
  } shapes[] = {{"i8x16", 16, 8, false}, {"i16x8", 8, 16, false}, {"i32x4", 4, 32, false},
                {"i64x2", 2, 64, false}, {"f32x4", 4, 32, true},  {"f64x2", 2, 64, true}};
  const wd_tok_t *t = wd_peek(P, 0);
  int s = -1;
  for (int i = 0; i < 6; i++)
    if (wd_is_kw(P, t, shapes[i].name))
      s = i;
  if (s < 0)
    wd_unexpected(P, t);
  P->pos++;
  // Count the literals first: too few or too many is its own error.
  unsigned count = 0;
  while (count <= shapes[s].lanes) {
    const wd_tok_t *l = wd_peek(P, count);
    bool lit = l->kind == TK_NUM ||
               (shapes[s].fl && l->kind == TK_KW && wd_num_syntax(P->src + l->off, l->len));
    if (!lit)
      break;
    count++;
  }
  if (count != shapes[s].lanes)
    wd_fail(P, wd_peek(P, count < shapes[s].lanes ? count : shapes[s].lanes),
            "wrong number of lane literals");
  for (unsigned i = 0; i < shapes[s].lanes; i++) {
    uint64_t v;
    if (shapes[s].fl)
      const_float(P, shapes[s].bits == 32, &v);
    else
      const_int(P, shapes[s].bits, &v);
    put_le(P, out, v, shapes[s].bits / 8);
  }
}

static void shuffle(wd_parser_t *P, wd_buf_t *out) {
  for (int i = 0; i < 16; i++) {
    const wd_tok_t *t = wd_peek(P, 0);
    if (t->kind != TK_NUM && t->kind != TK_KW)
      wd_fail(P, t, "invalid lane length");
    uint64_t v;
    if (wd_num_uint(P->src + t->off, t->len, 255, &v) != NUM_OK)
      wd_fail(P, t, "i8 constant out of range"); // Wasm 2.0: "malformed lane index"
    P->pos++;
    wd_buf_byte(P, out, (uint8_t)v);
  }
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind == TK_NUM || t->kind == TK_KW)
    wd_fail(P, t, "invalid lane length");
}

// A field of struct type ti: its index, or a $name of that type's fields.
static uint32_t parse_field(wd_parser_t *P, uint32_t ti) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind != TK_ID)
    return wd_parse_u32(P);
  uint32_t idx;
  size_t len;
  const char *name = wd_id(P, t, &len, false);
  if (ti >= P->ntypes || !wd_names_get(&P->types[ti].fields, name, len, &idx))
    wd_fail(P, t, "unknown field %.*s", (int)t->len, P->src + t->off);
  P->pos++;
  return idx;
}

// Writes the opcode and the immediates of a non-block instruction.
static void op_imm(wd_parser_t *P, const opinfo_t *o, wd_buf_t *out) {
  if (o->imm == I_CAST) {
    // ref.test/ref.cast rt: (ref null ht) is the next opcode, then ht.
    wd_vt_t rt = wd_parse_reftype(P);
    wd_buf_byte(P, out, o->prefix);
    wd_buf_u32(P, out, o->op + (wd_vt_nullable(rt) ? 1 : 0));
    wd_put_heaptype(P, out, wd_vt_heap(rt));
    return;
  }
  if (o->prefix) {
    wd_buf_byte(P, out, o->prefix);
    wd_buf_u32(P, out, o->op);
  } else if (o->imm != I_SELECT) {
    wd_buf_byte(P, out, (uint8_t)o->op);
  }
  switch (o->imm) {
  case I_NONE:
  case I_S_NONE: break;
  case I_LABEL: wd_buf_u32(P, out, parse_label(P)); break;
  case I_BR_TABLE: {
    wd_buf_t *tmp = &P->scratch[3];
    tmp->n = 0;
    uint32_t n = 0;
    while (wd_peek_idx(P)) {
      wd_buf_u32(P, tmp, parse_label(P));
      n++;
    }
    if (!n)
      wd_unexpected(P, wd_peek(P, 0));
    wd_buf_u32(P, out, n - 1);
    wd_buf_bytes(P, out, tmp->p, tmp->n);
    break;
  }
  case I_FUNC: wd_buf_u32(P, out, wd_parse_idx(P, SP_FUNC)); break;
  case I_CALL_INDIRECT: {
    uint32_t table = 0, np;
    if (wd_peek_idx(P))
      table = wd_parse_idx(P, SP_TABLE);
    wd_buf_u32(P, out, wd_parse_typeuse(P, NULL, &np, true));
    wd_buf_u32(P, out, table);
    break;
  }
  case I_LOCAL: wd_buf_u32(P, out, parse_local(P)); break;
  case I_GLOBAL: wd_buf_u32(P, out, wd_parse_idx(P, SP_GLOBAL)); break;
  case I_TABLE: wd_buf_u32(P, out, wd_peek_idx(P) ? wd_parse_idx(P, SP_TABLE) : 0); break;
  case I_TABLE_COPY: idx_pair(P, out, SP_TABLE); break;
  case I_TABLE_INIT: {
    // table.init elem | table.init table elem
    uint32_t table = first_of_two(P, SP_TABLE);
    uint32_t elem = wd_parse_idx(P, SP_ELEM);
    wd_buf_u32(P, out, elem);
    wd_buf_u32(P, out, table);
    break;
  }
  case I_ELEM: wd_buf_u32(P, out, wd_parse_idx(P, SP_ELEM)); break;
  case I_MEM: wd_buf_u32(P, out, opt_memidx(P)); break;
  case I_MEMORY_INIT: { // memory.init data | memory.init memory data
    P->uses_datacount = true;
    uint32_t mem = first_of_two(P, SP_MEM);
    wd_buf_u32(P, out, wd_parse_idx(P, SP_DATA));
    wd_buf_u32(P, out, mem);
    break;
  }
  case I_DATA:
    P->uses_datacount = true;
    wd_buf_u32(P, out, wd_parse_idx(P, SP_DATA));
    break;
  case I_MEMORY_COPY: idx_pair(P, out, SP_MEM); break; // memory.copy | memory.copy dst src
  case I_MEMARG:
  case I_S_MEMARG: memarg(P, out, o->n, false); break;
  case I_S_MEMARG_LANE:
    memarg(P, out, o->n, true);
    wd_buf_byte(P, out, lane_index(P));
    break;
  case I_S_LANE: wd_buf_byte(P, out, lane_index(P)); break;
  case I_I32: {
    uint64_t v;
    const_int(P, 32, &v);
    wd_buf_s32(P, out, (int32_t)(uint32_t)v);
    break;
  }
  case I_I64: {
    uint64_t v;
    const_int(P, 64, &v);
    wd_buf_s64(P, out, (int64_t)v);
    break;
  }
  case I_F32: {
    uint64_t v;
    const_float(P, true, &v);
    put_le(P, out, v, 4);
    break;
  }
  case I_F64: {
    uint64_t v;
    const_float(P, false, &v);
    put_le(P, out, v, 8);
    break;
  }
  case I_SELECT: {
    if (!wd_peek_sexp(P, "result")) {
      wd_buf_byte(P, out, 0x1b);
      break;
    }
    wd_buf_t *tmp = &P->scratch[3];
    tmp->n = 0;
    uint32_t n = 0;
    while (wd_peek_sexp(P, "result")) {
      P->pos += 2;
      while (wd_peek(P, 0)->kind != TK_RPAR) {
        wd_put_valtype(P, tmp, wd_parse_valtype(P));
        n++;
      }
      wd_expect_rpar(P);
    }
    wd_buf_byte(P, out, 0x1c);
    wd_buf_u32(P, out, n);
    wd_buf_bytes(P, out, tmp->p, tmp->n);
    break;
  }
  case I_REF_NULL: wd_put_heaptype(P, out, wd_parse_heaptype(P)); break;
  case I_TYPE: wd_buf_u32(P, out, wd_parse_idx(P, SP_TYPE)); break;
  case I_FIELD: {
    uint32_t ti = wd_parse_idx(P, SP_TYPE);
    wd_buf_u32(P, out, ti);
    wd_buf_u32(P, out, parse_field(P, ti));
    break;
  }
  case I_TYPE_N:
    wd_buf_u32(P, out, wd_parse_idx(P, SP_TYPE));
    wd_buf_u32(P, out, wd_parse_u32(P));
    break;
  case I_TYPE_DATA:
    P->uses_datacount = true; // data indices in code need the data count section
    wd_buf_u32(P, out, wd_parse_idx(P, SP_TYPE));
    wd_buf_u32(P, out, wd_parse_idx(P, SP_DATA));
    break;
  case I_TYPE_ELEM:
    wd_buf_u32(P, out, wd_parse_idx(P, SP_TYPE));
    wd_buf_u32(P, out, wd_parse_idx(P, SP_ELEM));
    break;
  case I_TYPE_TYPE:
    wd_buf_u32(P, out, wd_parse_idx(P, SP_TYPE));
    wd_buf_u32(P, out, wd_parse_idx(P, SP_TYPE));
    break;
  case I_BR_ON_CAST: {
    // label rt1 rt2, written as flags (bit 0: rt1 nullable, bit 1: rt2
    // nullable), the label, then the two heap types
    uint32_t l = parse_label(P);
    wd_vt_t rt1 = wd_parse_reftype(P), rt2 = wd_parse_reftype(P);
    wd_buf_byte(P, out, (uint8_t)((wd_vt_nullable(rt1) ? 1 : 0) | (wd_vt_nullable(rt2) ? 2 : 0)));
    wd_buf_u32(P, out, l);
    wd_put_heaptype(P, out, wd_vt_heap(rt1));
    wd_put_heaptype(P, out, wd_vt_heap(rt2));
    break;
  }
  case I_TAG: wd_buf_u32(P, out, wd_parse_idx(P, SP_TAG)); break;
  case I_S_CONST16: v128_const(P, out); break;
  case I_S_SHUFFLE: shuffle(P, out); break;
  default: wd_unexpected(P, wd_peek(P, 0));
  }
}

// ---- instructions -------------------------------------------------------------------

static void instr(wd_parser_t *P, wd_buf_t *out);

// Instructions nest (blocks, folded operands) by recursion: this bounds
// the C stack a text can take.
#define WD_MAX_NEST 3000

// The label after `end` or `else`, if any, must be the block's (the
// innermost label).
static void check_end_label(wd_parser_t *P) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind != TK_ID)
    return;
  const wd_label_t *l = &P->labels[P->nlabels - 1];
  size_t len;
  const char *name = wd_id(P, t, &len, false);
  if (!l->name || l->len != len || memcmp(l->name, name, len) != 0)
    wd_fail(P, t, "mismatching label");
  P->pos++;
}

static const wd_tok_t *opt_label(wd_parser_t *P) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind != TK_ID)
    return NULL;
  P->pos++;
  return t;
}

// The catch clauses of a try_table, (catch x l) (catch_ref x l)
// (catch_all l) (catch_all_ref l), written as their count then each; the
// labels are those outside the try_table.
static void catch_clauses(wd_parser_t *P, wd_buf_t *out) {
  static const char *const kinds[4] = {"catch", "catch_ref", "catch_all", "catch_all_ref"};
  wd_buf_t *b = &P->clauses;
  b->n = 0;
  uint32_t n = 0;
  for (;;) {
    int k = 0;
    while (k < 4 && !wd_peek_sexp(P, kinds[k]))
      k++;
    if (k == 4)
      break;
    P->pos += 2;
    wd_buf_byte(P, b, (uint8_t)k);
    if (k < 2)
      wd_buf_u32(P, b, wd_parse_idx(P, SP_TAG));
    wd_buf_u32(P, b, parse_label(P));
    wd_expect_rpar(P);
    n++;
  }
  wd_buf_u32(P, out, n);
  wd_buf_bytes(P, out, b->p, b->n);
}

// The arms of a legacy try after its body, flat (catch x instr*, catch_all
// instr*, then end; or delegate l) or folded ((catch x instr*)...,
// (delegate l)). Returns true if it ended with delegate (no end then).
static bool try_arms(wd_parser_t *P, wd_buf_t *out, bool flat) {
  // catch* catch_all?, or delegate alone: anything after catch_all, or a
  // delegate after a catch, is not part of the try.
  bool any = false, after_all = false;
  for (;;) {
    const wd_tok_t *t = flat ? wd_peek(P, 0) : wd_peek(P, 1);
    if (!flat && wd_peek(P, 0)->kind != TK_LPAR)
      return false;
    bool all = wd_is_kw(P, t, "catch_all"), delegate = wd_is_kw(P, t, "delegate");
    if ((after_all && (all || delegate || wd_is_kw(P, t, "catch"))) || (any && delegate))
      wd_unexpected(P, t);
    if (wd_is_kw(P, t, "catch") || all) {
      any = true;
      after_all = all;
      P->pos += flat ? 1 : 2;
      wd_buf_byte(P, out, all ? 0x19 : 0x07);
      if (!all)
        wd_buf_u32(P, out, wd_parse_idx(P, SP_TAG));
      wd_parse_instrs(P, out);
      if (!flat)
        wd_expect_rpar(P);
    } else if (delegate) {
      P->pos += flat ? 1 : 2;
      P->nlabels--; // the label is one outside the try
      uint32_t l = parse_label(P);
      P->nlabels++;
      wd_buf_byte(P, out, 0x18);
      wd_buf_u32(P, out, l);
      if (!flat)
        wd_expect_rpar(P);
      return true;
    } else {
      return false;
    }
  }
}

// The head of a block (not an if): the opcode, the block type, a
// try_table's catch clauses; then the block's label.
static void block_head(wd_parser_t *P, const opinfo_t *o, wd_buf_t *out, const wd_tok_t *label) {
  wd_buf_byte(P, out, (uint8_t)o->op);
  blocktype(P, out);
  if (o->imm == I_TRY_TABLE)
    catch_clauses(P, out);
  push_label(P, label);
}

// block/loop/if/try_table/try ... end, flat.
static void flat_block(wd_parser_t *P, const opinfo_t *o, wd_buf_t *out) {
  const wd_tok_t *label = opt_label(P);
  block_head(P, o, out, label);
  wd_parse_instrs(P, out);
  if (o->imm == I_TRY && try_arms(P, out, true)) {
    P->nlabels--;
    return;
  }
  if (o->op == 0x04 && wd_is_kw(P, wd_peek(P, 0), "else")) {
    P->pos++;
    check_end_label(P);
    size_t at = out->n;
    wd_buf_byte(P, out, 0x05);
    wd_parse_instrs(P, out);
    if (out->n == at + 1)
      out->n = at; // an empty else is left out, as wabt does
  }
  if (!wd_is_kw(P, wd_peek(P, 0), "end"))
    wd_unexpected(P, wd_peek(P, 0));
  P->pos++;
  check_end_label(P);
  wd_buf_byte(P, out, 0x0b);
  P->nlabels--;
}

// Keywords that start a clause, not an instruction.
static bool is_clause(wd_parser_t *P, const wd_tok_t *t) {
  static const char *const kws[] = {"param",  "result", "local",     "type",         "export",
                                    "import", "then",   "else",      "item",         "offset",
                                    "mut",    "do",     "catch_ref", "catch_all_ref"};
  for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++)
    if (wd_is_kw(P, t, kws[i]))
      return true;
  return false;
}

static void folded(wd_parser_t *P, wd_buf_t *out) {
  P->pos++; // (
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind != TK_KW)
    wd_unexpected(P, t);
  const opinfo_t *o = find_op(P, t);
  if (!o) {
    if (is_clause(P, t))
      wd_unexpected(P, t);
    wd_fail(P, t, "unknown operator %.*s", (int)t->len, P->src + t->off);
  }
  P->pos++;
  if (o->imm == I_BLOCK) {
    const wd_tok_t *label = opt_label(P);
    if (o->op == 0x04) {
      // (if label bt cond* (then ...) (else ...)?)
      wd_buf_t *hdr = fold_buf(P, P->depth);
      hdr->n = 0;
      blocktype(P, hdr);
      while (wd_peek(P, 0)->kind == TK_LPAR && !wd_peek_sexp(P, "then")) {
        P->depth++;
        instr(P, out);
        P->depth--;
      }
      hdr = fold_buf(P, P->depth);
      wd_buf_byte(P, out, 0x04);
      wd_buf_bytes(P, out, hdr->p, hdr->n);
      push_label(P, label);
      if (!wd_peek_sexp(P, "then"))
        wd_unexpected(P, wd_peek(P, 0));
      P->pos += 2;
      wd_parse_instrs(P, out);
      wd_expect_rpar(P);
      if (wd_peek_sexp(P, "else")) {
        P->pos += 2;
        size_t at = out->n;
        wd_buf_byte(P, out, 0x05);
        wd_parse_instrs(P, out);
        wd_expect_rpar(P);
        if (out->n == at + 1)
          out->n = at; // an empty else is left out, as wabt does
      }
    } else {
      block_head(P, o, out, label);
      wd_parse_instrs(P, out);
    }
    wd_expect_rpar(P);
    wd_buf_byte(P, out, 0x0b);
    P->nlabels--;
    return;
  }
  if (o->imm == I_TRY_TABLE || o->imm == I_TRY) {
    // (try_table label? bt clause* instr*), (try label? bt (do instr*) arm*)
    block_head(P, o, out, opt_label(P));
    if (o->imm == I_TRY_TABLE) {
      wd_parse_instrs(P, out);
    } else {
      if (!wd_peek_sexp(P, "do"))
        wd_unexpected(P, wd_peek(P, 0));
      P->pos += 2;
      wd_parse_instrs(P, out);
      wd_expect_rpar(P);
      if (try_arms(P, out, false)) {
        wd_expect_rpar(P);
        P->nlabels--;
        return;
      }
    }
    wd_expect_rpar(P);
    wd_buf_byte(P, out, 0x0b);
    P->nlabels--;
    return;
  }
  if (o->imm == I_ELSE || o->imm == I_END || o->imm == I_CATCH || o->imm == I_DELEGATE)
    wd_unexpected(P, t);
  unsigned level = P->depth;
  wd_buf_t *b = fold_buf(P, level);
  b->n = 0;
  op_imm(P, o, b);
  while (wd_peek(P, 0)->kind == TK_LPAR) {
    P->depth++;
    instr(P, out);
    P->depth--;
  }
  wd_expect_rpar(P);
  b = fold_buf(P, level); // the array may have moved
  wd_buf_bytes(P, out, b->p, b->n);
}

static void instr(wd_parser_t *P, wd_buf_t *out) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (++P->nest > WD_MAX_NEST)
    wd_fail(P, t, "nesting too deep");
  if (t->kind == TK_LPAR) {
    folded(P, out);
  } else if (t->kind == TK_KW) {
    const opinfo_t *o = find_op(P, t);
    if (!o)
      wd_fail(P, t, "unknown operator %.*s", (int)t->len, P->src + t->off);
    P->pos++;
    if (o->imm == I_BLOCK || o->imm == I_TRY_TABLE || o->imm == I_TRY)
      flat_block(P, o, out);
    else if (o->imm == I_ELSE || o->imm == I_END || o->imm == I_CATCH || o->imm == I_DELEGATE)
      wd_unexpected(P, t);
    else
      op_imm(P, o, out);
  } else {
    wd_unexpected(P, t);
  }
  P->nest--;
}

void wd_parse_instrs(wd_parser_t *P, wd_buf_t *out) {
  for (;;) {
    const wd_tok_t *t = wd_peek(P, 0);
    if (t->kind == TK_RPAR || t->kind == TK_EOF)
      return;
    if (wd_is_kw(P, t, "end") || wd_is_kw(P, t, "else") || wd_is_kw(P, t, "catch") ||
        wd_is_kw(P, t, "catch_all") || wd_is_kw(P, t, "delegate"))
      return;
    instr(P, out);
  }
}

void wd_parse_expr(wd_parser_t *P, wd_buf_t *out) { wd_parse_instrs(P, out); }

void wd_parse_one_instr(wd_parser_t *P, wd_buf_t *out) {
  if (wd_peek(P, 0)->kind != TK_LPAR)
    wd_unexpected(P, wd_peek(P, 0));
  instr(P, out);
}
