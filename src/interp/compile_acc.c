// SPDX-License-Identifier: Apache-2.0
// Accumulators: each operation's forms that pass a value in a machine
// register, and the producer/consumer pairs switched to them.
#include "interp/compile_int.h"

// Accumulator forms (ops.def): an operation's form reading operand A (xa)
// or B (xb) from an accumulator, and the form writing its result to one
// (xd; from a plain form or from an _XA/_XB form). Each + 1; 0 = none.
#define ACC_UN_XA(n) [WD_OP_##n] = WD_OP_##n##_XA + 1,
#define ACC_UN_XD(n) [WD_OP_##n] = WD_OP_##n##_XD + 1, [WD_OP_##n##_XA] = WD_OP_##n##_XAD + 1,
#define ACC_BIN_XB(n) [WD_OP_##n] = WD_OP_##n##_XB + 1,
#define ACC_BIN_XD(n) ACC_UN_XD(n)[WD_OP_##n##_XB] = WD_OP_##n##_XBD + 1,
#define ACC_NONE(n)
#define ACC_UNT_XA ACC_NONE
#define ACC_BINT_XA ACC_NONE
#define ACC_BIN_XA ACC_UN_XA
#define ACC_UNT_XB ACC_NONE
#define ACC_BINT_XB ACC_NONE
#define ACC_UN_XB ACC_NONE
#define ACC_UNT_XD ACC_NONE
#define ACC_BINT_XD ACC_NONE
const uint16_t wd_c_k_xa[WD_OP_COUNT_] = {
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout) ACC_##shape##_XA(name)
#define WD_OP_SIMPLE_FC(name, lname, sub, shape, tin, tout) ACC_##shape##_XA(name)
#define WD_OP_BINIMM(name, base, lname, tin, tout) ACC_UN_XA(name)
#define WD_OP_FBINIMM(name, base, lname, type) ACC_UN_XA(name)
#define WD_OP_FBINIMM_R(name, base, lname, type) ACC_UN_XA(name)
#define WD_OP_CMPBR(name, base, lname, tin) ACC_UN_XA(name)
#define WD_OP_CMPBR_IMM(name, base, lname, tin) ACC_UN_XA(name)
#define WD_OP_SHIFTOP(name, type, oplname, shlname) ACC_UN_XA(name)
#define WD_OP_MULACC_IMM(name, type, expr) ACC_UN_XA(name)
#define WD_OP_MULACC(name, type, expr) WD_PIN_IF(type, ACC_UN_XA(name))
#define WD_OP_FLOADOP(name, expr) ACC_UN_XA(name##_M) ACC_UN_XA(name##_MAI)
#include "interp/ops.def"
    [WD_OP_BR_TABLE] = WD_OP_BR_TABLE_XA + 1,
    [WD_OP_BR_TABLE_ADDI] = WD_OP_BR_TABLE_ADDI_XA + 1,
};
const uint16_t wd_c_k_xb[WD_OP_COUNT_] = {
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout) ACC_##shape##_XB(name)
#define WD_OP_CMPBR(name, base, lname, tin) ACC_BIN_XB(name)
#define WD_OP_STORE(name, n, field, stmt) ACC_BIN_XB(name)
#define WD_OP_SHIFTOP(name, type, oplname, shlname) ACC_BIN_XB(name)
#include "interp/ops.def"
    [WD_OP_I32_SHL_KA] = WD_OP_I32_SHL_KA_XB + 1,
};
#define ACC_LOAD_XD(n, s)                                                                          \
  [WD_OP_##n##s] = WD_OP_##n##s##_XD + 1, [WD_OP_##n##s##_XD] = WD_OP_##n##s##_XD + 1,
static const uint16_t k_xd[WD_OP_COUNT_] = {
#define WD_OP_LOAD(name, field, ctype, n, expr)                                                    \
  ACC_LOAD_XD(name, )                                                                              \
  ACC_LOAD_XD(name, _AI)                                                                           \
  ACC_LOAD_XD(name, _AA) ACC_LOAD_XD(name, _K) ACC_LOAD_XD(name, _SAA) ACC_LOAD_XD(name, _SAI)
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout) ACC_##shape##_XD(name)
#define WD_OP_SIMPLE_FC(name, lname, sub, shape, tin, tout) ACC_##shape##_XD(name)
#define WD_OP_BINIMM(name, base, lname, tin, tout) ACC_UN_XD(name)
#define WD_OP_FBINIMM(name, base, lname, type) ACC_UN_XD(name)
#define WD_OP_FBINIMM_R(name, base, lname, type) ACC_UN_XD(name)
#define WD_OP_SHIFTOP(name, type, oplname, shlname) ACC_BIN_XD(name)
#define WD_OP_MULACC_IMM(name, type, expr) ACC_UN_XD(name)
#define WD_OP_FLOADOP(name, expr) ACC_UN_XD(name##_M) ACC_UN_XD(name##_MAI)
#include "interp/ops.def"
    [WD_OP_I32_ADD3] = WD_OP_I32_ADD3_XD + 1,
    [WD_OP_I32_ADD3_XA] = WD_OP_I32_ADD3_XAD + 1,
    [WD_OP_I32_ADD3_XB] = WD_OP_I32_ADD3_XBD + 1,
    [WD_OP_I32_ADD3_XC] = WD_OP_I32_ADD3_XCD + 1,
    [WD_OP_I32_EXTRACT] = WD_OP_I32_EXTRACT_XD + 1,
    [WD_OP_I32_EXTRACT_XA] = WD_OP_I32_EXTRACT_XAD + 1,
    [WD_OP_I32_SHL_KA] = WD_OP_I32_SHL_KA_XD + 1,
};
// f64.load's forms into the f64 accumulator.
#define ACC_LOAD_XF(n, s) [WD_OP_##n##s] = WD_OP_##n##s##_XF + 1,
static const uint16_t k_xdf[WD_OP_COUNT_] = {
    ACC_LOAD_XF(I64_LOAD, ) ACC_LOAD_XF(I64_LOAD, _AI) ACC_LOAD_XF(I64_LOAD, _AA)
        ACC_LOAD_XF(I64_LOAD, _K) ACC_LOAD_XF(I64_LOAD, _SAA) ACC_LOAD_XF(I64_LOAD, _SAI)};
// The accumulator a producer's result goes to: 1 the integer one (i32, i64,
// f32 bits), 2 the f64 one, 3 either (a load: by the value's type).
// Indexed by the plain form.
#define ACC_OUT_I32 1
#define ACC_OUT_I64 1
#define ACC_OUT_F32 1
#define ACC_OUT_F64 2
static const uint8_t k_acc_out[WD_OP_COUNT_] = {
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout) [WD_OP_##name] = ACC_OUT_##tout,
#define WD_OP_SIMPLE_FC(name, lname, sub, shape, tin, tout) [WD_OP_##name] = ACC_OUT_##tout,
#define WD_OP_BINIMM(name, base, lname, tin, tout) [WD_OP_##name] = ACC_OUT_##tout,
#define WD_OP_FBINIMM(name, base, lname, type) [WD_OP_##name] = ACC_OUT_##type,
#define WD_OP_FBINIMM_R(name, base, lname, type) [WD_OP_##name] = ACC_OUT_##type,
#define WD_OP_SHIFTOP(name, type, oplname, shlname) [WD_OP_##name] = ACC_OUT_##type,
#define WD_OP_MULACC_IMM(name, type, expr) [WD_OP_##name] = ACC_OUT_##type,
#define WD_OP_FLOADOP(name, expr) [WD_OP_##name##_M] = 2, [WD_OP_##name##_MAI] = 2,
#define WD_OP_LOAD(name, field, ctype, n, expr)                                                    \
  [WD_OP_##name] = 3, [WD_OP_##name##_AI] = 3, [WD_OP_##name##_AA] = 3, [WD_OP_##name##_K] = 3,    \
  [WD_OP_##name##_SAA] = 3, [WD_OP_##name##_SAI] = 3,
#include "interp/ops.def"
    [WD_OP_I32_ADD3] = 1,
    [WD_OP_I32_EXTRACT] = 1,
    [WD_OP_I32_SHL_KA] = 1,
};

static uint8_t acc_class(wd_vt_t type) {
  switch (type) {
  case WD_I32:
  case WD_I64:
  case WD_F32: return 1;
  case WD_F64: return 2;
  default: return 0;
  }
}

// The consumer about to be emitted (operation op, at the current end of
// the code) reads temporary `slot`, of the given type, in operand unit
// `field` and has the accumulator form `form1` (+ 1; 0 = none). If the
// instruction just emitted produced that slot and has an accumulator form
// for the same accumulator, note the pair: wd_c_acc_flush switches both.
void wd_c_acc_note(comp_t *c, enum wd_op op, uint16_t form1, unsigned field, uint32_t slot,
                   wd_vt_t type) {
  uint32_t p = c->last_ins;
  if (!form1 || is_dead(c) || c->oom || p == UINT32_MAX || slot < c->local_cells)
    return;
  enum wd_op prod = (enum wd_op)c->code[p];
  uint8_t cls = acc_class(type), out = k_acc_out[prod];
  if (!k_xd[prod] || c->code[p + 1] != slot || !cls || (out != cls && out != 3) ||
      (out == 3 && cls == 2 && !k_xdf[prod]))
    return;
  if (wd_grow((void **)&c->accs, &c->capaccs, c->naccs + 1, sizeof *c->accs)) {
    wd_c_oom(c);
    return;
  }
  c->accs[c->naccs++] = (accpair_t){.p = p,
                                    .c = (uint32_t)c->ncode,
                                    .slot = slot,
                                    .op = (uint16_t)op,
                                    .form = (uint16_t)(form1 - 1),
                                    .field = (uint8_t)field,
                                    .cls = cls};
}

// The code is cut back to n units: pairs with a consumer from n on are gone.
void wd_c_acc_truncate(comp_t *c, uint32_t n) {
  while (c->naccs && c->accs[c->naccs - 1].c >= n)
    c->naccs--;
}

// Switches every noted pair that is still intact to its accumulator forms.
void wd_c_acc_flush(comp_t *c) {
  for (size_t i = 0; i < c->naccs; i++) {
    const accpair_t *a = &c->accs[i];
    uint32_t prod = c->code[a->p];
    // A load into the f64 accumulator has its own forms.
    uint16_t pf = a->cls == 2 && k_acc_out[prod] == 3 ? k_xdf[prod] : k_xd[prod];
    if (c->code[a->c] != a->op || c->code[a->c + a->field] != a->slot || !pf ||
        c->code[a->p + 1] != a->slot)
      continue;
    c->code[a->p] = pf - 1u;
    c->code[a->c] = a->form;
  }
  c->naccs = 0;
}
