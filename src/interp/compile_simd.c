// SPDX-License-Identifier: Apache-2.0
// The translation of the 0xFD prefix: every SIMD and relaxed-SIMD
// instruction of src/ir/simd_ops.def. Its immediates are read and checked
// (memarg alignment, lane indices), its operands popped and its result
// pushed by the SIG column, and it becomes one of the generic vector
// operations of ops.def (V_OP1 ... V_STORE), whose `fn` unit is the
// instruction's row: the interpreter calls that row's function in
// exec_simd.c. The most frequent ones (v128.load and store, the common
// adds, multiplies and compares, 32-bit splats and broadcasts) get an
// inline operation of their own instead (ops.def V128_LOAD ... VI_*).
#include "interp/compile_int.h"

#include "interp/exec_simd.h"

enum { IM_NONE, IM_MEMARG, IM_MEMARG_LANE, IM_LANE, IM_CONST16, IM_SHUFFLE };
enum {
  SG_LOAD,
  SG_STORE,
  SG_LOAD_LANE,
  SG_STORE_LANE,
  SG_CONST,
  SG_V_V,
  SG_VV_V,
  SG_VVV_V,
  SG_I32_V,
  SG_I64_V,
  SG_F32_V,
  SG_F64_V,
  SG_V_I32,
  SG_V_I64,
  SG_V_F32,
  SG_V_F64,
  SG_VI32_V,
  SG_VI64_V,
  SG_VF32_V,
  SG_VF64_V,
};

typedef struct vrow {
  uint8_t imm, n, sig;
} vrow_t;

static const vrow_t k_rows[WD_VI_COUNT_] = {
#define WD_SIMD(NAME, lname, text, sub, IMM, N, SIG) {IM_##IMM, N, SG_##SIG},
#include "ir/simd_ops.def"
#undef WD_SIMD
};

// The row of each sub-opcode, + 1 (0: unassigned).
#define WD_SIMD_SUBS 0x114
static const uint16_t k_by_sub[WD_SIMD_SUBS] = {
#define WD_SIMD(NAME, lname, text, sub, IMM, N, SIG) [sub] = WD_VI_##NAME + 1,
#include "ir/simd_ops.def"
#undef WD_SIMD
};

// The operand types of each signature (up to three, the scalar or vector
// one of each letter) and its result type (0: none).
typedef struct vsig {
  uint8_t nin, in[3], out;
} vsig_t;
static const vsig_t k_sigs[] = {
    [SG_LOAD] = {1, {WD_I32}, WD_V128},
    [SG_STORE] = {2, {WD_I32, WD_V128}, 0},
    [SG_LOAD_LANE] = {2, {WD_I32, WD_V128}, WD_V128},
    [SG_STORE_LANE] = {2, {WD_I32, WD_V128}, 0},
    [SG_CONST] = {0, {0}, WD_V128},
    [SG_V_V] = {1, {WD_V128}, WD_V128},
    [SG_VV_V] = {2, {WD_V128, WD_V128}, WD_V128},
    [SG_VVV_V] = {3, {WD_V128, WD_V128, WD_V128}, WD_V128},
    [SG_I32_V] = {1, {WD_I32}, WD_V128},
    [SG_I64_V] = {1, {WD_I64}, WD_V128},
    [SG_F32_V] = {1, {WD_F32}, WD_V128},
    [SG_F64_V] = {1, {WD_F64}, WD_V128},
    [SG_V_I32] = {1, {WD_V128}, WD_I32},
    [SG_V_I64] = {1, {WD_V128}, WD_I64},
    [SG_V_F32] = {1, {WD_V128}, WD_F32},
    [SG_V_F64] = {1, {WD_V128}, WD_F64},
    [SG_VI32_V] = {2, {WD_V128, WD_I32}, WD_V128},
    [SG_VI64_V] = {2, {WD_V128, WD_I64}, WD_V128},
    [SG_VF32_V] = {2, {WD_V128, WD_F32}, WD_V128},
    [SG_VF64_V] = {2, {WD_V128, WD_F64}, WD_V128},
};

// The binary instructions with an inline handler of their own (ops.def
// VI_*): their operation, or 0.
static const uint16_t k_inline[WD_VI_COUNT_] = {
#define VI(NAME) [WD_VI_##NAME] = WD_OP_VI_##NAME,
    VI(I8X16_ADD) VI(I8X16_EQ) VI(I16X8_ADD) VI(I32X4_ADD) VI(I32X4_SUB) VI(F32X4_ADD) VI(F32X4_SUB)
        VI(F32X4_MUL) VI(F64X2_ADD) VI(F64X2_MUL) VI(V128_AND) VI(V128_OR)
#undef VI
};

static uint32_t log2_of(uint32_t n) {
  uint32_t k = 0;
  while (n > 1u << k)
    k++;
  return k;
}

static bool read_lane(comp_t *c, uint32_t lanes, uint32_t *lane) {
  uint8_t b;
  if (!rd_u8(c, &b))
    return false;
  *lane = b;
  if (b >= lanes)
    return INVALID("invalid lane index");
  return true;
}

// A memory operation on any memory (ops.def V_LOAD_M ...): the layout of
// V_LOAD, V_LOAD_LANE or V_STORE with I(mem) for the addend and the offset's
// high half last.
static bool any_memory(comp_t *c, uint32_t fn, const vrow_t *row, const memarg_t *ma,
                       const uint32_t *s, uint32_t home, uint32_t lane) {
  bool load = row->sig == SG_LOAD || row->sig == SG_LOAD_LANE;
  wd_c_emit_op(c, row->sig == SG_LOAD        ? WD_OP_V_LOAD_M
                  : row->sig == SG_LOAD_LANE ? WD_OP_V_LOAD_LANE_M
                                             : WD_OP_V_STORE_M);
  if (load)
    wd_c_emit_dst(c, home);
  emit(c, s[0]);
  if (row->sig != SG_LOAD)
    emit(c, s[1]);
  emit(c, mem_unit(ma));
  emit(c, (uint32_t)ma->offset);
  emit(c, fn);
  emit(c, row->n);
  if (row->sig != SG_LOAD)
    emit(c, lane);
  emit(c, (uint32_t)(ma->offset >> 32));
  return true;
}

bool wd_c_do_simd(comp_t *c) {
  uint32_t sub;
  if (!rd_u32(c, &sub))
    return false;
  if (sub >= WD_SIMD_SUBS || !k_by_sub[sub])
    return MALFORMED("illegal opcode");
  if (sub >= 0x100 && !NEED_FEATURE(WD_FEAT_RELAXED_SIMD))
    return false;
  uint32_t fn = k_by_sub[sub] - 1u;
  const vrow_t *row = &k_rows[fn];
  uint32_t off = 0, lane = 0, imm[4] = {0, 0, 0, 0};
  memarg_t ma = {0};
  switch (row->imm) {
  case IM_MEMARG:
    if (!wd_c_read_memarg(c, log2_of(row->n), &ma))
      return false;
    break;
  case IM_MEMARG_LANE:
    if (!wd_c_read_memarg(c, log2_of(row->n), &ma) || !read_lane(c, 16u / row->n, &lane))
      return false;
    break;
  case IM_LANE:
    if (!read_lane(c, row->n, &lane))
      return false;
    break;
  case IM_CONST16:
  case IM_SHUFFLE:
    for (uint32_t i = 0; i < 16; i++) {
      uint8_t b;
      if (!rd_u8(c, &b))
        return false;
      if (row->imm == IM_SHUFFLE && b >= 32)
        return INVALID("invalid lane index");
      imm[i / 4] |= (uint32_t)b << (8 * (i % 4));
    }
    break;
  default: break;
  }
  const vsig_t *sg = &k_sigs[row->sig];
  bool memop = row->imm == IM_MEMARG || row->imm == IM_MEMARG_LANE;
  opnd_t in[3];
  for (uint32_t i = sg->nin; i-- > 0;) // a 64-bit memory's address is an i64
    if (!wd_c_pop(c, i == 0 && memop && ma.is64 ? WD_I64 : sg->in[i], &in[i]))
      return false;
  uint32_t s[3] = {0, 0, 0}, addend = 0, first = 0;
  off = (uint32_t)ma.offset;
  // A memory operation's address folds in as base + addend (memory 0).
  if (memop && !ma.any && wd_c_take_addend(c, &in[0], &s[0], &addend))
    first = 1;
  for (uint32_t i = first; i < sg->nin; i++)
    s[i] = wd_c_src_slot(c, &in[i]);
  uint32_t home = 0;
  if (sg->out && !wd_c_push_temp(c, sg->out, &home))
    return false;
  if (memop && ma.any)
    return any_memory(c, fn, row, &ma, s, home, lane);
  switch (row->sig) {
  case SG_CONST:
    wd_c_emit_op(c, WD_OP_V_CONST);
    wd_c_emit_dst(c, home);
    for (int i = 0; i < 4; i++)
      emit(c, imm[i]);
    return true;
  case SG_LOAD: // D A I(addend) I(offset) [I(fn) I(bytes)]
    wd_c_emit_op(c, fn == WD_VI_V128_LOAD ? WD_OP_V128_LOAD : WD_OP_V_LOAD);
    wd_c_emit_dst(c, home);
    emit(c, s[0]);
    emit(c, addend);
    emit(c, off);
    if (fn != WD_VI_V128_LOAD) {
      emit(c, fn);
      emit(c, row->n);
    }
    return true;
  case SG_LOAD_LANE: // D A B I(addend) I(offset) I(fn) I(bytes) I(lane)
    wd_c_emit_op(c, WD_OP_V_LOAD_LANE);
    wd_c_emit_dst(c, home);
    emit(c, s[0]);
    emit(c, s[1]);
    emit(c, addend);
    emit(c, off);
    emit(c, fn);
    emit(c, row->n);
    emit(c, lane);
    return true;
  case SG_STORE:
  case SG_STORE_LANE: // A B I(addend) I(offset) [I(fn) I(bytes) I(lane)]
    wd_c_emit_op(c, fn == WD_VI_V128_STORE ? WD_OP_V128_STORE : WD_OP_V_STORE);
    emit(c, s[0]);
    emit(c, s[1]);
    emit(c, addend);
    emit(c, off);
    if (fn != WD_VI_V128_STORE) {
      emit(c, fn);
      emit(c, row->n);
      emit(c, lane);
    }
    return true;
  case SG_I32_V:
  case SG_F32_V:
    if (fn == WD_VI_I32X4_SPLAT || fn == WD_VI_F32X4_SPLAT) { // the same bits in every lane
      wd_c_emit_op(c, WD_OP_V_SPLAT32);
      wd_c_emit_dst(c, home);
      emit(c, s[0]);
      return true;
    }
    break;
  case SG_VV_V:
    if (k_inline[fn]) {
      wd_c_emit_op(c, (enum wd_op)k_inline[fn]);
      wd_c_emit_dst(c, home);
      emit(c, s[0]);
      emit(c, s[1]);
      return true;
    }
    break;
  default: break;
  }
  if (row->imm == IM_SHUFFLE) {
    uint32_t k = imm[0] & 31u;
    if (imm[0] == imm[1] && imm[0] == imm[2] && imm[0] == imm[3] && k % 4 == 0 &&
        imm[0] == (k | (k + 1) << 8 | (k + 2) << 16 | (k + 3) << 24)) {
      // One 32-bit lane in all four (a broadcast, as in splatting a
      // matrix element): D A I(its byte offset).
      wd_c_emit_op(c, WD_OP_V_BCAST32);
      wd_c_emit_dst(c, home);
      emit(c, k < 16 ? s[0] : s[1]);
      emit(c, k % 16);
      return true;
    }
    // D A B and the 16 lane bytes
    wd_c_emit_op(c, WD_OP_V_SHUFFLE);
    wd_c_emit_dst(c, home);
    emit(c, s[0]);
    emit(c, s[1]);
    for (int i = 0; i < 4; i++)
      emit(c, imm[i]);
    return true;
  }
  static const enum wd_op k_by_arity[4] = {WD_OP_V_OP1, WD_OP_V_OP1, WD_OP_V_OP2, WD_OP_V_OP3};
  wd_c_emit_op(c, k_by_arity[sg->nin]);
  wd_c_emit_dst(c, home);
  for (uint32_t i = 0; i < sg->nin; i++)
    emit(c, s[i]);
  emit(c, fn);
  if (sg->nin < 3)
    emit(c, lane); // V_OP1, V_OP2: I(lane)
  return true;
}
