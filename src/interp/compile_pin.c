// SPDX-License-Identifier: Apache-2.0
// The pinned local: each operation's forms for it, the pass rewriting a
// translation to them, and the choice of the local.
#include "interp/compile_int.h"

#include <stddef.h>

// ---- the pinned local -------------------------------------------------------
// One i32 local per function, the most referenced one (weighted by loop
// depth), also lives in the interpreter's register l0: operations that
// read it take the register (forms _LA, _LB), and every operation that writes
// it writes both (_LD). The cell stays authoritative, so anything reading
// the cell is still right; the register is loaded on entry and kept in the
// call frame across calls. A local is pinned only if every instruction
// writing it has a _LD form; otherwise the function is translated again
// with the next candidate, or none. Only i32 locals are pinned: the forms
// an i64 would need (about 800 handlers) were almost never executed in the
// benchmarks (0.6 % of operations, mostly reading an i32 address), and the
// interpreter's build cost grows with the square of its handler count.

// PT(from, to, unit): operation `from` becomes `to` when its operand unit
// `unit` is the pinned local. Stored in 16 bits as (to + 1) | unit << 12.
_Static_assert(WD_OP_COUNT_ < 4095, "pin transitions keep an operation in 12 bits");
#define PT(from, to, unit) [WD_OP_##from] = (uint16_t)((WD_OP_##to + 1u) | (unsigned)(unit) << 12),
#define LD_ROWS_NONE_(n)
#define LD_ROWS_UNT_(n)
#define LD_ROWS_BINT_(n) PT(n, n##_LD, 1)
#define LA_ROWS_NONE_(n)
#define LA_ROWS_UNT_(n)
#define LA_ROWS_BINT_(n)
#define LB_ROWS_NONE_(n)
#define LB_ROWS_UNT_(n)
#define LB_ROWS_BINT_(n)
#define PIN_LOAD_FORMS(R, n) R(n, ) R(n, _AI) R(n, _AA) R(n, _SAA) R(n, _SAI)

// Writing the local: D (unit 1).
#define LD_ROWS_UN_(n) PT(n, n##_LD, 1) PT(n##_XA, n##_XA_LD, 1) PT(n##_LA, n##_LAD, 1)
#define LD_ROWS_BIN_(n)                                                                            \
  PT(n, n##_LD, 1)                                                                                 \
  PT(n##_XA, n##_XA_LD, 1)                                                                         \
  PT(n##_XB, n##_XB_LD, 1)                                                                         \
  PT(n##_LA, n##_LAD, 1)                                                                           \
  PT(n##_LB, n##_LBD, 1) PT(n##_XA_LB, n##_XA_LBD, 1) PT(n##_XB_LA, n##_XB_LAD, 1)
#define LD_ROWS_LATCH(n) PT(n, n##_LD, 1) PT(n##_LA, n##_LAD, 1)
#define LD_ROWS_LOAD(n, s) PT(n##s, n##s##_LD, 1) PT(n##s##_LA, n##s##_LAD, 1)
static const uint16_t k_ld[WD_OP_COUNT_] = {
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout)                                          \
  WD_PIN_FORMS(LD_ROWS_, shape, tin, tout)(name)
#define WD_OP_BINIMM(name, base, lname, tin, tout) WD_PIN_IF2(tin, tout, LD_ROWS_UN_(name))
#define WD_OP_SHIFTOP(name, type, oplname, shlname) WD_PIN_IF(type, LD_ROWS_BIN_(name))
#define WD_OP_ADDBR_IMM(name, cmpbr, lname) LD_ROWS_LATCH(name)
#define WD_OP_ADDBR(name, cmpbr, lname) LD_ROWS_LATCH(name)
#define WD_OP_LOAD(name, field, ctype, n, expr)                                                    \
  WD_PIN_IF(field, PIN_LOAD_FORMS(LD_ROWS_LOAD, name) PT(name##_AA_LB, name##_AA_LBD, 1)           \
                       PT(name##_SAA_LB, name##_SAA_LBD, 1) PT(name##_K, name##_K_LD, 1))
#define WD_OP_MULACC_IMM(name, type, expr)                                                         \
  WD_PIN_IF(type, PT(name, name##_LD, 1) PT(name##_XA, name##_XA_LD, 1))
#define WD_OP_MULACC(name, type, expr) WD_OP_MULACC_IMM(name, type, expr)
#define WD_OP_SELECT_CMP(name, base, lname)                                                        \
  PT(name, name##_LD, 1)                                                                           \
  PT(name##_IMM, name##_IMM_LD, 1)                                                                 \
  PT(name##_XC, name##_XC_LD, 1) PT(name##_IMM_XC, name##_IMM_XC_LD, 1)
#include "interp/ops.def"
    LD_ROWS_LATCH(ADDBR_NZ) LD_ROWS_LATCH(ADDBR_Z) LD_ROWS_LATCH(ANDBR_NZ) LD_ROWS_LATCH(ANDBR_Z)
        PT(COPY, COPY_LD, 1) PT(CONST32, CONST32_LD, 1) PT(SELECT, SELECT_LD, 1)
            PT(SELECT_XC, SELECT_XC_LD, 1) PT(GLOBAL_GET, GLOBAL_GET_LD, 1)
                PT(I32_WRAP_I64, I32_WRAP_I64_LD, 1) PT(I32_ADD3, I32_ADD3_LD, 1)
                    PT(I32_ADD3_XA, I32_ADD3_XA_LD, 1) PT(I32_ADD3_XB, I32_ADD3_XB_LD, 1)
                        PT(I32_ADD3_XC, I32_ADD3_XC_LD, 1) PT(I32_EXTRACT, I32_EXTRACT_LD, 1)
                            PT(I32_EXTRACT_XA, I32_EXTRACT_XA_LD, 1)
                                PT(I32_SHL_KA, I32_SHL_KA_LD, 1) PT(ADD_IMM2, ADD_IMM2_LD, 1)};

// Reading it as operand A.
#define LA_ROWS_UN_(n) PT(n, n##_LA, 2) PT(n##_LD, n##_LAD, 2) PT(n##_XD, n##_XD_LA, 2)
#define LA_ROWS_BIN_(n)                                                                            \
  PT(n, n##_LA, 2)                                                                                 \
  PT(n##_LD, n##_LAD, 2)                                                                           \
  PT(n##_XB, n##_XB_LA, 2)                                                                         \
  PT(n##_XB_LD, n##_XB_LAD, 2) PT(n##_XD, n##_XD_LA, 2) PT(n##_XBD, n##_XBD_LA, 2)
#define LA_ROWS_LATCH(n) PT(n, n##_LA, 2) PT(n##_LD, n##_LAD, 2)
#define LA_ROWS_LOAD(n, s, f)                                                                      \
  PT(n##s, n##s##_LA, 2) PT(n##s##_XD, n##s##_XD_LA, 2) WD_PIN_IF(f, PT(n##s##_LD, n##s##_LAD, 2))
#define LA_ROWS_LOADS(n, f)                                                                        \
  LA_ROWS_LOAD(n, , f)                                                                             \
  LA_ROWS_LOAD(n, _AI, f) LA_ROWS_LOAD(n, _AA, f) LA_ROWS_LOAD(n, _SAA, f) LA_ROWS_LOAD(n, _SAI, f)
static const uint16_t k_la[WD_OP_COUNT_] = {
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout)                                          \
  WD_PIN_FORMS(LA_ROWS_, shape, tin, tout)(name)
#define WD_OP_BINIMM(name, base, lname, tin, tout) WD_PIN_IF2(tin, tout, LA_ROWS_UN_(name))
#define WD_OP_SHIFTOP(name, type, oplname, shlname) WD_PIN_IF(type, LA_ROWS_BIN_(name))
#define WD_OP_ADDBR_IMM(name, cmpbr, lname) LA_ROWS_LATCH(name)
#define WD_OP_ADDBR(name, cmpbr, lname) LA_ROWS_LATCH(name)
#define WD_OP_CMPBR(name, base, lname, tin)                                                        \
  WD_PIN_IF(tin, PT(name, name##_LA, 1) PT(name##_XB, name##_XB_LA, 1))
#define WD_OP_CMPBR_IMM(name, base, lname, tin) WD_PIN_IF(tin, PT(name, name##_LA, 1))
#define WD_OP_LOAD(name, field, ctype, n, expr) LA_ROWS_LOADS(name, field)
#define WD_OP_STORE(name, n, field, stmt)                                                          \
  PT(name, name##_LA, 1)                                                                           \
  PT(name##_XB, name##_XB_LA, 1)                                                                   \
  PT(name##_AI, name##_AI_LA, 1)                                                                   \
  PT(name##_IMM, name##_IMM_LA, 1) PT(name##_AI_IMM, name##_AI_IMM_LA, 1)
#include "interp/ops.def"
    LA_ROWS_LATCH(ADDBR_NZ) LA_ROWS_LATCH(ADDBR_Z) LA_ROWS_LATCH(ANDBR_NZ) LA_ROWS_LATCH(ANDBR_Z)
        PT(COPY, COPY_LA, 2) PT(I32_ADDTO_M_IMM, I32_ADDTO_M_IMM_LA, 1)
            PT(ADD_IMM2_LD, ADD_IMM2_LAD, 2) PT(BR_TABLE_L32, BR_TABLE_L32_LA, 2)
                PT(BR_TABLE_L8U, BR_TABLE_L8U_LA, 2) PT(BR_TABLE_L32_SAA, BR_TABLE_L32_SAA_LA, 2)
                    PT(BR_TABLE_L32_SAI, BR_TABLE_L32_SAI_LA, 2)};

// Reading it as operand B.
#define LB_ROWS_UN_(n)
#define LB_ROWS_BIN_(n)                                                                            \
  PT(n, n##_LB, 3)                                                                                 \
  PT(n##_LD, n##_LBD, 3)                                                                           \
  PT(n##_XA, n##_XA_LB, 3)                                                                         \
  PT(n##_XA_LD, n##_XA_LBD, 3) PT(n##_XD, n##_XD_LB, 3) PT(n##_XAD, n##_XAD_LB, 3)
#define LB_ROWS_LOAD(n, s, f)                                                                      \
  PT(n##s, n##s##_LB, 3) PT(n##s##_XD, n##s##_XD_LB, 3) WD_PIN_IF(f, PT(n##s##_LD, n##s##_LBD, 3))
static const uint16_t k_lb[WD_OP_COUNT_] = {
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout)                                          \
  WD_PIN_FORMS(LB_ROWS_, shape, tin, tout)(name)
#define WD_OP_SHIFTOP(name, type, oplname, shlname) WD_PIN_IF(type, LB_ROWS_BIN_(name))
#define WD_OP_CMPBR(name, base, lname, tin)                                                        \
  WD_PIN_IF(tin, PT(name, name##_LB, 2) PT(name##_XA, name##_XA_LB, 2))
#define WD_OP_LOAD(name, field, ctype, n, expr)                                                    \
  LB_ROWS_LOAD(name, _AA, field) LB_ROWS_LOAD(name, _SAA, field)
#define WD_OP_STORE(name, n, field, stmt)                                                          \
  WD_PIN_IF(field, PT(name, name##_LB, 2) PT(name##_AI, name##_AI_LB, 2))
#include "interp/ops.def"
    PT(I32_SHL_KA, I32_SHL_KA_LB, 3) PT(I32_SHL_KA_XD, I32_SHL_KA_XD_LB, 3)};

// The operand layouts of the SPECIAL operations, and which others write no
// cell (the rest write operand unit 1, D). The layouts are one string
// table, with each operation's offset in it plus one: no pointers for the
// loader to relocate at every start.
struct layouts {
#define WD_OP_SPECIAL(name, layout) char name[sizeof layout];
#include "interp/ops.def"
};
static const struct layouts k_layouts = {
#define WD_OP_SPECIAL(name, layout) layout,
#include "interp/ops.def"
};
static const uint16_t k_layout_at[WD_OP_COUNT_] = {
#define WD_OP_SPECIAL(name, layout) [WD_OP_##name] = offsetof(struct layouts, name) + 1,
#include "interp/ops.def"
};
static const bool k_nodst[WD_OP_COUNT_] = {
#include "interp/ops_none.h"
#undef WD_OP_CMPBR
#undef WD_OP_CMPBR_IMM
#undef WD_OP_STORE
#undef WD_OP_TWIN // the twins but the latches' (WD_OP_TWIN_D), which write D
#define WD_OP_ANY(name) [WD_OP_##name] = true,
#include "interp/ops.def"
};

// The operand units (bit k: unit k) that op writes as cells.
static uint32_t written_units(enum wd_op op) {
  const char *l = k_layout_at[op] ? (const char *)&k_layouts + k_layout_at[op] - 1 : NULL;
  if (!l)
    return k_nodst[op] ? 0 : 1u << 1;
  uint32_t mask = 0, unit = 1;
  for (; *l && unit < 32; l++) {
    if (*l == '(') { // a comment: "(name)"
      while (l[1] && *l != ')')
        l++;
    } else if (*l == 'J' && l[1] == 'T') { // a br_table's entries: no cells
      break;
    } else if (*l != ' ' && *l != ')') {
      if (*l == 'D')
        mask |= 1u << unit;
      unit += *l == 'L' ? 2 : 1;
    }
  }
  return mask;
}

// Applies the transition t (a k_ld/k_la/k_lb entry) to the instruction at
// s if its operand unit names the pinned cell.
static bool pin_apply(comp_t *c, uint32_t s, uint32_t len, uint32_t t) {
  uint32_t unit = t >> 12;
  if (!t || unit >= len || c->code[s + unit] != c->pin)
    return false;
  c->code[s] = (t & 0xFFF) - 1;
  return true;
}

// Copies in a row with the pinned local among their destinations: the
// form that reloads its register from the first such cell after them.
static void pin_copies(comp_t *c, uint32_t s, enum wd_op op) {
  static const uint16_t k_copy_l[3][4] = {
      {WD_OP_COPY2_L1, WD_OP_COPY2_L3},
      {WD_OP_COPY3_L1, WD_OP_COPY3_L3, WD_OP_COPY3_L5},
      {WD_OP_COPY4_L1, WD_OP_COPY4_L3, WD_OP_COPY4_L5, WD_OP_COPY4_L7}};
  uint32_t n = op == WD_OP_COPY2 ? 2 : op == WD_OP_COPY3 ? 3 : 4;
  for (uint32_t k = 0; k < n; k++)
    if (c->code[s + 1 + 2 * k] == c->pin) {
      c->code[s] = k_copy_l[n - 2][k];
      return;
    }
}

// Rewrites the translated code for the pinned local c->pin; false (code
// then unusable) if an instruction writes it without a form for that.
bool wd_c_pin_rewrite(comp_t *c) {
  starts_trim(c);
  for (size_t i = 0; i < c->nstarts; i++) {
    uint32_t s = c->starts[i];
    uint32_t len = (uint32_t)((i + 1 < c->nstarts ? c->starts[i + 1] : c->ncode) - s);
    enum wd_op op = (enum wd_op)c->code[s];
    // The frame ends: its local no longer matters.
    if (op == WD_OP_COPY_RETURN || op == WD_OP_CONST_RETURN)
      continue;
    if (op == WD_OP_COPY2 || op == WD_OP_COPY3 || op == WD_OP_COPY4) {
      pin_copies(c, s, op);
      continue;
    }
    uint32_t w = written_units(op);
    for (uint32_t u = 1; u < len && u < 32; u++)
      if ((w >> u & 1) && c->code[s + u] == c->pin &&
          (k_ld[op] >> 12 != u || !pin_apply(c, s, len, k_ld[op])))
        return false;
    pin_apply(c, s, len, k_la[c->code[s]]);
    pin_apply(c, s, len, k_lb[c->code[s]]);
  }
  return true;
}

// The two i32 locals referenced most (by weight, inside loops) after a
// translation: the candidates for the pinned local, as cells.
void wd_c_pin_choose(const comp_t *c, uint32_t cand[2]) {
  uint64_t best[2] = {0, 0};
  cand[0] = cand[1] = UINT32_MAX;
  for (uint32_t i = 0; i < c->nlocals; i++) {
    uint64_t w = c->lweight[i];
    if (c->ltypes[i] != WD_I32 || w < 16 || w <= best[1])
      continue;
    if (w > best[0]) {
      best[1] = best[0], cand[1] = cand[0];
      best[0] = w, cand[0] = c->lslots[i];
    } else {
      best[1] = w, cand[1] = c->lslots[i];
    }
  }
}
