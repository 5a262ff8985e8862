// SPDX-License-Identifier: Apache-2.0
// Numeric operators, select and conditional branches, and the fused forms
// they may take: one instruction for a pair or triple of wasm instructions.
#include "interp/compile_int.h"

#include "binary/opcode_imm.h"

#include <string.h>

// ---- the instructions just emitted: taking back, pairing -------------------

// Whether the instruction just emitted is `op` writing its result (its D
// operand) to the home of temporary o, which nothing else reads: it can
// be taken back and folded into o's consumer.
bool wd_c_last_is(comp_t *c, enum wd_op op, const opnd_t *o) {
  return !is_dead(c) && o->kind == K_TEMP && c->last_ins != UINT32_MAX &&
         c->last_dst == c->last_ins + 2 && c->last_dst_slot == o->home &&
         c->code[c->last_ins] == (uint32_t)op;
}

// Which of a binary operator's operands (b first) the instruction just
// emitted, `op`, produced (see wd_c_last_is); NULL if neither.
static const opnd_t *produced_by(comp_t *c, enum wd_op op, const opnd_t *a, const opnd_t *b) {
  return wd_c_last_is(c, op, b) ? b : wd_c_last_is(c, op, a) ? a : NULL;
}

// Removes the instruction just emitted (to emit a fused one instead).
void wd_c_takeback(comp_t *c) {
  wd_c_truncate_notes(c, c->last_ins);
  c->ncode = c->last_ins;
  c->last_ins = c->prev_ins;
  c->prev_ins = c->prev2_ins;
  c->prev2_ins = UINT32_MAX;
  c->last_dst = 0;
}

// An i32 operand that is a value plus a constant, for an instruction that
// adds it itself: a local plus a constant (K_LOCADD), or an i32.add of a
// constant just emitted (taken back). Sets the value's cell and the addend;
// false, with nothing changed, for any other operand.
bool wd_c_take_addend(comp_t *c, const opnd_t *a, uint32_t *cell, uint32_t *addend) {
  if (a->kind == K_LOCADD) {
    *cell = a->lslot;
    *addend = (uint32_t)a->cval;
    return true;
  }
  if (!wd_c_last_is(c, WD_OP_I32_ADD_IMM, a))
    return false;
  *cell = c->code[c->last_ins + 2];
  *addend = c->code[c->last_ins + 3];
  wd_c_takeback(c);
  return true;
}

// An i32 add of a constant just emitted after another one, or after a
// plain i32 or i64 store, or after a plain i32 load of the value it adds
// to: one instruction doing both, in order.
void wd_c_pair_addimm(comp_t *c) {
  uint32_t p = c->prev_ins, q = c->last_ins;
  if (is_dead(c) || c->oom || p == UINT32_MAX || q == UINT32_MAX || q + 4 != c->ncode ||
      c->code[q] != WD_OP_I32_ADD_IMM)
    return;
  uint32_t plen = c->code[p] == WD_OP_F64_ADDTO_MAI ? 5 : 4;
  if (p + plen != q)
    return;
  // Only an add into a local: a temporary's consumer may fold the add in
  // (an address, a latch), which is worth more than the pair.
  if (c->code[q + 1] >= c->local_cells)
    return;
  // Nor the second into the pinned local: ADD_IMM2 has forms for the
  // first only (_LD, _LAD: wd_c_pin_rewrite).
  if (c->code[q + 1] == c->pin)
    return;
  enum wd_op pair;
  bool flow = false; // the add reads the first's D: its operand unit goes
  if (c->code[p] == WD_OP_I32_LOAD) {
    // Only the value loaded, which the handler adds to in a register; and
    // not loaded into the pinned local, for which there is no _LD form.
    if (c->code[q + 2] != c->code[p + 1] || c->code[p + 1] == c->pin)
      return;
    pair = WD_OP_I32_LOAD_ADDI;
    flow = true;
  } else if (c->code[p] == WD_OP_I32_ADD_IMM)
    pair = WD_OP_ADD_IMM2;
  else if (c->code[p] == WD_OP_I32_STORE) // a store, then the add
    pair = WD_OP_I32_STORE_ADDI;
  else if (c->code[p] == WD_OP_I64_STORE)
    pair = WD_OP_I64_STORE_ADDI;
  else if (c->code[p] == WD_OP_F64_ADDTO_M)
    pair = WD_OP_F64_ADDTO_M_ADDI;
  else if (c->code[p] == WD_OP_F64_ADDTO_MAI)
    pair = WD_OP_F64_ADDTO_MAI_ADDI;
  else
    return;
  bool open = c->last_dst == q + 2; // the second D may still be retargeted
  c->code[p] = pair;
  c->code[q] = c->code[q + 1];
  if (flow) {
    c->code[q + 1] = c->code[q + 3];
  } else {
    c->code[q + 1] = c->code[q + 2];
    c->code[q + 2] = c->code[q + 3];
  }
  wd_c_truncate_notes(c, q);
  c->ncode = q + (flow ? 2 : 3);
  if (c->nstarts && c->starts[c->nstarts - 1] == q)
    c->nstarts--;
  c->last_ins = p;
  c->prev_ins = UINT32_MAX;
  c->last_dst = open ? q + 1 : 0;
}

// ---- fused forms (ops.def) ------------------------------------------------

// An operation's fused forms, by kind (each + 1; 0 = none): an operator's
// form with an immediate right operand (F_IMM) and back (F_BASE); its
// compare-and-branch forms (F_BR, F_BRIMM) and back (F_CMPBR_BASE); float
// operators with a constant right (F_FIMM) or left (F_FRIMM) operand;
// select on a comparison (F_SELECT, also with a constant); loop latches
// (F_LATCH, from the compare-and-branch). One switch over a few hundred
// cases, not a table per kind over all 3,306 operations (6.5 KiB each).
enum fuse_kind { F_IMM, F_BASE, F_BR, F_BRIMM, F_CMPBR_BASE, F_FIMM, F_FRIMM, F_SELECT, F_LATCH };
#define FK(kind, from) ((unsigned)(kind)*WD_OP_COUNT_ + WD_OP_##from)
#define FUSED(kind, from, to)                                                                      \
  case FK(kind, from): return WD_OP_##to + 1u;
static unsigned fused_form(enum fuse_kind k, unsigned op) {
  switch ((unsigned)k * WD_OP_COUNT_ + op) {
#define WD_OP_BINIMM(name, base, lname, tin, tout)                                                 \
  FUSED(F_IMM, base, name) FUSED(F_BASE, name, base)
#define WD_OP_CMPBR(name, base, lname, tin) FUSED(F_BR, base, name) FUSED(F_CMPBR_BASE, name, base)
#define WD_OP_CMPBR_IMM(name, base, lname, tin) FUSED(F_BRIMM, base, name)
#define WD_OP_TESTBR(name, lname)     // picked by name (emit_fused_branch)
#define WD_OP_TESTBR_IMM(name, lname) // likewise
#define WD_OP_FBINIMM(name, base, lname, type) FUSED(F_FIMM, base, name)
#define WD_OP_FBINIMM_R(name, base, lname, type) FUSED(F_FRIMM, base, name)
#define WD_OP_SELECT_CMP(name, base, lname)                                                        \
  FUSED(F_SELECT, base, name) FUSED(F_SELECT, base##_IMM, name##_IMM)
#define WD_OP_ADDBR_IMM(name, cmpbr, lname) FUSED(F_LATCH, cmpbr, name)
#define WD_OP_ADDBR(name, cmpbr, lname) FUSED(F_LATCH, cmpbr, name)
#include "interp/ops.def"
  default: return 0;
  }
}
#undef FUSED
#undef FK

// An integer comparison with its operands exchanged (a < b is b > a), or
// negated (!(a < b) is a >= b); -1 for other operators.
static int cmp_swap(enum wd_op op) {
  switch (op) {
  case WD_OP_I32_EQ:
  case WD_OP_I32_NE:
  case WD_OP_I64_EQ:
  case WD_OP_I64_NE: return op;
  case WD_OP_I32_LT_S: return WD_OP_I32_GT_S;
  case WD_OP_I32_GT_S: return WD_OP_I32_LT_S;
  case WD_OP_I32_LT_U: return WD_OP_I32_GT_U;
  case WD_OP_I32_GT_U: return WD_OP_I32_LT_U;
  case WD_OP_I32_LE_S: return WD_OP_I32_GE_S;
  case WD_OP_I32_GE_S: return WD_OP_I32_LE_S;
  case WD_OP_I32_LE_U: return WD_OP_I32_GE_U;
  case WD_OP_I32_GE_U: return WD_OP_I32_LE_U;
  case WD_OP_I64_LT_S: return WD_OP_I64_GT_S;
  case WD_OP_I64_GT_S: return WD_OP_I64_LT_S;
  case WD_OP_I64_LT_U: return WD_OP_I64_GT_U;
  case WD_OP_I64_GT_U: return WD_OP_I64_LT_U;
  case WD_OP_I64_LE_S: return WD_OP_I64_GE_S;
  case WD_OP_I64_GE_S: return WD_OP_I64_LE_S;
  case WD_OP_I64_LE_U: return WD_OP_I64_GE_U;
  case WD_OP_I64_GE_U: return WD_OP_I64_LE_U;
  default: return -1;
  }
}

static int cmp_negate(enum wd_op op) {
  switch (op) {
  case WD_OP_I32_EQ: return WD_OP_I32_NE;
  case WD_OP_I32_NE: return WD_OP_I32_EQ;
  case WD_OP_I32_LT_S: return WD_OP_I32_GE_S;
  case WD_OP_I32_GE_S: return WD_OP_I32_LT_S;
  case WD_OP_I32_LT_U: return WD_OP_I32_GE_U;
  case WD_OP_I32_GE_U: return WD_OP_I32_LT_U;
  case WD_OP_I32_GT_S: return WD_OP_I32_LE_S;
  case WD_OP_I32_LE_S: return WD_OP_I32_GT_S;
  case WD_OP_I32_GT_U: return WD_OP_I32_LE_U;
  case WD_OP_I32_LE_U: return WD_OP_I32_GT_U;
  case WD_OP_I64_EQ: return WD_OP_I64_NE;
  case WD_OP_I64_NE: return WD_OP_I64_EQ;
  case WD_OP_I64_LT_S: return WD_OP_I64_GE_S;
  case WD_OP_I64_GE_S: return WD_OP_I64_LT_S;
  case WD_OP_I64_LT_U: return WD_OP_I64_GE_U;
  case WD_OP_I64_GE_U: return WD_OP_I64_LT_U;
  case WD_OP_I64_GT_S: return WD_OP_I64_LE_S;
  case WD_OP_I64_LE_S: return WD_OP_I64_GT_S;
  case WD_OP_I64_GT_U: return WD_OP_I64_LE_U;
  case WD_OP_I64_LE_U: return WD_OP_I64_GT_U;
  default: return -1;
  }
}

static bool commutes(enum wd_op op) {
  switch (op) {
  case WD_OP_I32_ADD:
  case WD_OP_I32_MUL:
  case WD_OP_I32_AND:
  case WD_OP_I32_OR:
  case WD_OP_I32_XOR:
  case WD_OP_I64_ADD:
  case WD_OP_I64_MUL:
  case WD_OP_I64_AND:
  case WD_OP_I64_OR:
  case WD_OP_I64_XOR: return true;
  default: return false;
  }
}

// Whether a constant of type t fits the 32-bit immediate of a fused form.
static bool imm_fits(wd_vt_t t, uint64_t v) {
  return t == WD_I32 || (int64_t)v == (int64_t)(int32_t)(uint32_t)v;
}

// A conditional branch about to be emitted on `cond`: when cond is the
// result of the instruction just emitted and that is an integer
// comparison, i32.eqz or i32.and (a branch on a flag: taken if a bit is
// set, or with `negate` if none is), the instruction is taken back and
// the branch does it itself. Emits the branch's opcode and operands (the caller adds
// the jump word) and returns true; returns false and emits nothing else.
// `negate`: branch when cond is false.
static bool emit_fused_branch(comp_t *c, const opnd_t *cond, bool negate) {
  if (is_dead(c) || cond->kind != K_TEMP || c->last_ins == UINT32_MAX ||
      c->last_dst != c->last_ins + 2 || c->last_dst_slot != cond->home)
    return false;
  uint32_t pos = c->last_ins;
  enum wd_op op = (enum wd_op)c->code[pos];
  uint32_t a = c->code[pos + 2];
  if (op == WD_OP_I32_EQZ) {
    wd_c_takeback(c);
    wd_c_emit_op(c, negate ? WD_OP_BR_IF : WD_OP_BR_UNLESS);
    emit(c, a);
    return true;
  }
  bool imm = fused_form(F_BASE, op) != 0;
  enum wd_op base = imm ? (enum wd_op)(fused_form(F_BASE, op) - 1) : op;
  enum wd_op br;
  if (base == WD_OP_I32_AND) {
    br = imm ? (negate ? WD_OP_BR_I32_TESTZ_IMM : WD_OP_BR_I32_TEST_IMM)
             : (negate ? WD_OP_BR_I32_TESTZ : WD_OP_BR_I32_TEST);
  } else {
    if (cmp_negate(base) < 0)
      return false;
    if (negate)
      base = (enum wd_op)cmp_negate(base);
    br = (enum wd_op)((imm ? fused_form(F_BRIMM, base) : fused_form(F_BR, base)) - 1);
  }
  uint32_t b = c->code[pos + 3];
  wd_c_takeback(c);
  // The operands are integers (i32 or i64: the same accumulator).
  if (!imm)
    wd_c_acc_note(c, br, wd_c_k_xb[br], 2, b, WD_I64);
  wd_c_acc_note(c, br, wd_c_k_xa[br], 1, a, WD_I64);
  wd_c_emit_op(c, br);
  emit(c, a);
  emit(c, b);
  return true;
}

// Takes back the two instructions from p on and emits op D A I [B] in
// their place (the caller adds the jump word).
static void replace_pair(comp_t *c, uint32_t p, enum wd_op op, uint32_t d, uint32_t x, uint32_t k,
                         uint32_t b, bool has_b) {
  wd_c_truncate_notes(c, p);
  c->ncode = p;
  c->last_ins = c->prev_ins = UINT32_MAX;
  wd_c_emit_op(c, op);
  emit(c, d);
  emit(c, x);
  emit(c, k);
  if (has_b)
    emit(c, b);
}

// A conditional branch just emitted (without its jump word) whose operand
// A is the result of an i32 add of a constant just before it: one loop
// latch instruction instead (ops.def WD_OP_ADDBR*); or of an i32 and of
// a constant, whose result the branch tests for zero: one flag test that
// keeps its result (WD_OP_ANDBR*).
static void fuse_latch(comp_t *c) {
  if (is_dead(c) || c->last_ins == UINT32_MAX || c->prev_ins == UINT32_MAX)
    return;
  uint32_t p = c->prev_ins, q = c->last_ins;
  if (c->code[p] == WD_OP_ADD_IMM2 && p + 7 == q && q + 4 > c->ncode &&
      (c->code[q + 1] == c->code[p + 4] ||
       (q + 2 < c->ncode && c->code[q + 2] == c->code[p + 4]))) {
    // The latch's add was paired with the add before it (wd_c_pair_addimm):
    // the two apart again, the latch being worth more than the pair.
    uint32_t u[7], b[3], nb = (uint32_t)c->ncode - q;
    memcpy(u, &c->code[p], sizeof u);
    memcpy(b, &c->code[q], nb * sizeof *b);
    wd_c_truncate_notes(c, p);
    c->ncode = p;
    c->last_ins = c->prev_ins = UINT32_MAX;
    for (int i = 0; i < 2; i++) {
      wd_c_emit_op(c, WD_OP_I32_ADD_IMM);
      for (int j = 1; j <= 3; j++)
        emit(c, u[3 * i + j]);
    }
    wd_c_emit_op(c, (enum wd_op)b[0]);
    for (uint32_t j = 1; j < nb; j++)
      emit(c, b[j]);
    p = c->prev_ins;
    q = c->last_ins;
  }
  if (p + 4 != q)
    return;
  enum wd_op op = (enum wd_op)c->code[q];
  uint32_t d = c->code[p + 1], x = c->code[p + 2], k = c->code[p + 3];
  if (c->code[p] == WD_OP_I32_AND_IMM) {
    // A flag test whose result is kept (`if ((f = x & MASK))`).
    if ((op != WD_OP_BR_IF && op != WD_OP_BR_UNLESS) || c->code[q + 1] != d)
      return;
    replace_pair(c, p, op == WD_OP_BR_IF ? WD_OP_ANDBR_NZ : WD_OP_ANDBR_Z, d, x, k, 0, false);
    return;
  }
  if (c->code[p] != WD_OP_I32_ADD_IMM)
    return;
  if (c->code[q + 1] != d) {
    // `n != i` after `i += k`: compare the other way round (i != n).
    if (!fused_form(F_CMPBR_BASE, op) || c->code[q + 2] != d)
      return;
    int sw = cmp_swap((enum wd_op)(fused_form(F_CMPBR_BASE, op) - 1));
    if (sw < 0 || !fused_form(F_BR, sw))
      return;
    uint32_t t = c->code[q + 1];
    c->code[q + 1] = d;
    c->code[q + 2] = t;
    op = (enum wd_op)(fused_form(F_BR, sw) - 1);
    c->code[q] = op;
  }
  enum wd_op fused;
  bool has_b = true;
  if (op == WD_OP_BR_IF || op == WD_OP_BR_UNLESS) {
    fused = op == WD_OP_BR_IF ? WD_OP_ADDBR_NZ : WD_OP_ADDBR_Z;
    has_b = false;
  } else if (fused_form(F_LATCH, op)) {
    fused = (enum wd_op)(fused_form(F_LATCH, op) - 1);
  } else {
    return;
  }
  replace_pair(c, p, fused, d, x, k, has_b ? c->code[q + 2] : 0, has_b);
}

// A conditional branch on cond (in cell cs), fused with the comparison or
// the latch before it where possible; the caller adds the jump word.
void wd_c_emit_cond(comp_t *c, const opnd_t *cond, uint32_t cs, bool negate) {
  if (!emit_fused_branch(c, cond, negate)) {
    enum wd_op br = negate ? WD_OP_BR_UNLESS : WD_OP_BR_IF;
    if (cond->kind == K_TEMP)
      wd_c_acc_note(c, br, (negate ? WD_OP_BR_UNLESS_XA : WD_OP_BR_IF_XA) + 1, 1, cs, WD_I32);
    wd_c_emit_op(c, br);
    emit(c, cs);
  }
  fuse_latch(c);
}

bool wd_c_do_unop(comp_t *c, enum wd_op op, wd_vt_t tin, wd_vt_t tout) {
  opnd_t a;
  uint32_t home;
  if (!wd_c_pop(c, tin, &a))
    return false;
  uint32_t as = wd_c_src_slot(c, &a);
  if (!wd_c_push_temp(c, tout, &home))
    return false;
  if (a.kind == K_TEMP)
    wd_c_acc_note(c, op, wd_c_k_xa[op], 2, as, tin);
  wd_c_emit_op(c, op);
  wd_c_emit_dst(c, home);
  emit(c, as);
  return true;
}

// A float add or subtract of the product the instruction just emitted
// computed, or an i32 add of one: takes the multiply back and emits one
// multiply-accumulate (D A B C, or D A C K by a constant). Returns
// false, emitting nothing, where that does not apply.
static bool fuse_mulacc(comp_t *c, enum wd_op op, const opnd_t *a, const opnd_t *b, wd_vt_t type) {
  bool i32 = op == WD_OP_I32_ADD;
  bool add = op == WD_OP_F32_ADD || op == WD_OP_F64_ADD || i32;
  bool sub = op == WD_OP_F32_SUB || op == WD_OP_F64_SUB;
  if ((!add && !sub) || is_dead(c) || c->last_ins == UINT32_MAX || c->last_dst != c->last_ins + 2)
    return false;
  bool f64 = type == WD_F64;
  uint32_t pos = c->last_ins;
  bool kmul = c->code[pos] == (uint32_t)(i32   ? WD_OP_I32_MUL_IMM
                                         : f64 ? WD_OP_F64_MUL_IMM
                                               : WD_OP_F32_MUL_IMM);
  if (!kmul && c->code[pos] != (uint32_t)(i32   ? WD_OP_I32_MUL
                                          : f64 ? WD_OP_F64_MUL
                                                : WD_OP_F32_MUL))
    return false;
  bool right = b->kind == K_TEMP && b->home == c->last_dst_slot;
  bool left = !right && a->kind == K_TEMP && a->home == c->last_dst_slot;
  const opnd_t *other = right ? a : b;
  // A constant would be written to its home first, which may be a cell the
  // multiply reads: leave that case unfused (and an i32 operand that is a
  // local plus a constant, which has no cell yet).
  if ((!right && !left) || !in_cell(other))
    return false;
  enum wd_op fused = i32    ? (kmul ? WD_OP_I32_MULADD_IMM : WD_OP_I32_MULADD)
                     : add  ? (f64 ? WD_OP_F64_MULADD : WD_OP_F32_MULADD)
                     : left ? (f64 ? WD_OP_F64_MULSUB : WD_OP_F32_MULSUB)
                            : (f64 ? WD_OP_F64_SUBMUL : WD_OP_F32_SUBMUL);
  if (kmul && !i32) { // the _IMM form of the same row
    static const uint16_t plain[] = {
#define WD_OP_MULACC(name, type, expr) WD_OP_##name,
#include "interp/ops.def"
    };
    static const uint16_t withk[] = {
#define WD_OP_MULACC_IMM(name, type, expr) WD_OP_##name,
#include "interp/ops.def"
    };
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
      if (plain[i] == fused) {
        fused = (enum wd_op)withk[i];
        break;
      }
  }
  uint32_t ma = c->code[pos + 2], mb = c->code[pos + 3];
  uint32_t mb_hi = f64 && kmul ? c->code[pos + 4] : 0;
  uint32_t os = cell_of(other);
  uint32_t home;
  wd_c_takeback(c);
  if (!wd_c_push_temp(c, type, &home))
    return false;
  // An i32 product's factors commute: the one the instruction before
  // produced goes first, where the accumulator form reads it.
  uint32_t p = c->last_ins;
  if (i32 && !kmul && p != UINT32_MAX && c->code[p + 1] == mb && mb != ma) {
    mb = ma;
    ma = c->code[p + 1];
  }
  if (kmul || i32)
    wd_c_acc_note(c, fused, wd_c_k_xa[fused], 2, ma, type);
  wd_c_emit_op(c, fused);
  wd_c_emit_dst(c, home);
  emit(c, ma);
  if (kmul) { // D A C K
    emit(c, os);
    emit(c, mb);
    if (f64)
      emit(c, mb_hi);
  } else { // D A B C
    emit(c, mb);
    emit(c, os);
  }
  return true;
}

// xor, or or add of a value just shifted or rotated by a constant: takes
// the shift back and emits one WD_OP_SHIFTOP (D A B I).
static bool fuse_shiftop(comp_t *c, enum wd_op op, const opnd_t *a, const opnd_t *b, wd_vt_t t) {
  static const enum wd_op ops32[] = {WD_OP_I32_XOR, WD_OP_I32_OR, WD_OP_I32_ADD};
  static const enum wd_op ops64[] = {WD_OP_I64_XOR, WD_OP_I64_OR, WD_OP_I64_ADD};
  static const enum wd_op sh32[] = {WD_OP_I32_SHL_IMM, WD_OP_I32_SHR_U_IMM, WD_OP_I32_ROTL_IMM,
                                    WD_OP_I32_ROTR_IMM};
  static const enum wd_op sh64[] = {WD_OP_I64_SHL_IMM, WD_OP_I64_SHR_U_IMM, WD_OP_I64_ROTL_IMM,
                                    WD_OP_I64_ROTR_IMM};
  bool w = t == WD_I64;
  if ((t != WD_I32 && t != WD_I64) || !in_cell(a) || !in_cell(b))
    return false;
  int oi = -1;
  for (int i = 0; i < 3; i++)
    if (op == (w ? ops64 : ops32)[i])
      oi = i;
  if (oi < 0)
    return false;
  for (int si = 0; si < 4; si++) {
    enum wd_op sh = (w ? sh64 : sh32)[si];
    const opnd_t *shifted = produced_by(c, sh, a, b);
    if (!shifted)
      continue;
    const opnd_t *other = shifted == b ? a : b; // the three operators commute
    uint32_t pos = c->last_ins;
    uint32_t src = c->code[pos + 2], k = c->code[pos + 3];
    uint32_t os = cell_of(other);
    uint32_t home;
    wd_c_takeback(c);
    if (!wd_c_push_temp(c, t, &home))
      return false;
    static const uint16_t fused[] = {
    // the rows, in order: i32 then i64
#define WD_OP_SHIFTOP(name, type, oplname, shlname) WD_OP_##name,
#include "interp/ops.def"
    };
    enum wd_op f = (enum wd_op)fused[(w ? 12 : 0) + oi * 4 + si];
    wd_c_acc_note(c, f, wd_c_k_xb[f], 3, src, t);
    if (other->kind == K_TEMP)
      wd_c_acc_note(c, f, wd_c_k_xa[f], 2, os, t);
    wd_c_emit_op(c, f);
    wd_c_emit_dst(c, home);
    emit(c, os);
    emit(c, src);
    emit(c, k);
    return true;
  }
  return false;
}

// An f64 add, multiply or subtract of a value just loaded (f64.load, plain
// or with an added constant): takes the load back and emits one
// WD_OP_FLOADOP form that loads the operand itself.
static bool fuse_loadop(comp_t *c, enum wd_op op, const opnd_t *a, const opnd_t *b) {
  if (op != WD_OP_F64_ADD && op != WD_OP_F64_MUL && op != WD_OP_F64_SUB)
    return false;
  const opnd_t *loaded = NULL;
  bool ai = false;
  if (wd_c_last_is(c, WD_OP_I64_LOAD, b) || (ai = wd_c_last_is(c, WD_OP_I64_LOAD_AI, b)))
    loaded = b;
  else if (wd_c_last_is(c, WD_OP_I64_LOAD, a) || (ai = wd_c_last_is(c, WD_OP_I64_LOAD_AI, a)))
    loaded = a;
  const opnd_t *other = loaded == b ? a : b;
  if (!loaded || !in_cell(other))
    return false;
  enum wd_op f;
  switch (op) {
  case WD_OP_F64_ADD: f = WD_OP_F64_ADD_M; break;
  case WD_OP_F64_MUL: f = WD_OP_F64_MUL_M; break;
  default: f = loaded == b ? WD_OP_F64_SUB_M : WD_OP_F64_RSUB_M; break;
  }
  uint32_t pos = c->last_ins;
  uint32_t addr = c->code[pos + 2], k1 = c->code[pos + 3], k2 = ai ? c->code[pos + 4] : 0;
  uint32_t os = cell_of(other);
  uint32_t home, load_at = wd_c_last_at(c);
  wd_c_takeback(c);
  if (!wd_c_push_temp(c, WD_F64, &home))
    return false;
  f = (enum wd_op)(f + (ai ? 1 : 0)); // _MAI follows _M
  if (other->kind == K_TEMP)
    wd_c_acc_note(c, f, wd_c_k_xa[f], 2, os, WD_F64);
  wd_c_emit_op(c, f);
  wd_c_relabel(c, load_at); // what can trap is the load
  wd_c_emit_dst(c, home);
  emit(c, os);
  emit(c, addr);
  emit(c, k1);
  if (ai)
    emit(c, k2);
  return true;
}

// An i32 add of the sum just computed: one I32_ADD3.
static bool fuse_add3(comp_t *c, enum wd_op op, const opnd_t *a, const opnd_t *b) {
  if (op != WD_OP_I32_ADD || !in_cell(a) || !in_cell(b))
    return false;
  const opnd_t *sum = produced_by(c, WD_OP_I32_ADD, a, b);
  if (!sum)
    return false;
  const opnd_t *other = sum == b ? a : b;
  uint32_t pos = c->last_ins;
  uint32_t x = c->code[pos + 2], y = c->code[pos + 3];
  uint32_t os = cell_of(other);
  uint32_t home;
  wd_c_takeback(c);
  if (!wd_c_push_temp(c, WD_I32, &home))
    return false;
  // Any one operand may come from the accumulator (a sum, a load...).
  wd_c_acc_note(c, WD_OP_I32_ADD3, WD_OP_I32_ADD3_XA + 1, 2, x, WD_I32);
  wd_c_acc_note(c, WD_OP_I32_ADD3, WD_OP_I32_ADD3_XB + 1, 3, y, WD_I32);
  if (other->kind == K_TEMP)
    wd_c_acc_note(c, WD_OP_I32_ADD3, WD_OP_I32_ADD3_XC + 1, 4, os, WD_I32);
  wd_c_emit_op(c, WD_OP_I32_ADD3);
  wd_c_emit_dst(c, home);
  emit(c, x);
  emit(c, y);
  emit(c, os);
  return true;
}

// A sign extension written as two shifts, (x << k) >> k with shr_s, where
// k leaves 8, 16 (or 32, in i64) bits: the extend instruction instead.
static bool fuse_sign_extend(comp_t *c, enum wd_op op, const opnd_t *a, const opnd_t *b,
                             wd_vt_t tout) {
  bool i64 = op == WD_OP_I64_SHR_S;
  if ((op != WD_OP_I32_SHR_S && !i64) || b->kind != K_CONST ||
      !wd_c_last_is(c, i64 ? WD_OP_I64_SHL_IMM : WD_OP_I32_SHL_IMM, a))
    return false;
  uint32_t bits = i64 ? 64 : 32, k = (uint32_t)b->cval & (bits - 1), pos = c->last_ins;
  if ((c->code[pos + 3] & (bits - 1)) != k)
    return false;
  enum wd_op ext;
  if (bits - k == 8)
    ext = i64 ? WD_OP_I64_EXTEND8_S : WD_OP_I32_EXTEND8_S;
  else if (bits - k == 16)
    ext = i64 ? WD_OP_I64_EXTEND16_S : WD_OP_I32_EXTEND16_S;
  else if (i64 && k == 32)
    ext = WD_OP_I64_EXTEND32_S;
  else
    return false;
  uint32_t x = c->code[pos + 2], home;
  wd_c_takeback(c);
  if (!wd_c_push_temp(c, tout, &home))
    return false;
  wd_c_acc_note(c, ext, wd_c_k_xa[ext], 2, x, tout);
  wd_c_emit_op(c, ext);
  wd_c_emit_dst(c, home);
  emit(c, x);
  return true;
}

bool wd_c_do_binop(comp_t *c, enum wd_op op, wd_vt_t tin, wd_vt_t tout) {
  opnd_t a, b;
  uint32_t home;
  if (!wd_c_pop(c, tin, &b) || !wd_c_pop(c, tin, &a))
    return false;
  if (fuse_mulacc(c, op, &a, &b, tin) || fuse_loadop(c, op, &a, &b))
    return true;
  if (op == WD_OP_I32_SUB && b.kind == K_CONST && a.kind != K_CONST) {
    op = WD_OP_I32_ADD; // x - k is x + (-k) in 32-bit wrapping arithmetic
    b.cval = (uint32_t)(0u - (uint32_t)b.cval);
  }
  if (op == WD_OP_I32_ADD && a.kind == K_CONST && b.kind != K_CONST) {
    opnd_t t = a;
    a = b;
    b = t;
  }
  if (op == WD_OP_I32_ADD && b.kind == K_CONST && (a.kind == K_LOCAL || a.kind == K_LOCADD)) {
    // local + k (+ k'): kept as an operand, evaluated where it is used.
    opnd_t o = {.type = WD_I32, .kind = K_LOCADD, .lslot = a.lslot};
    o.cval = (uint32_t)((a.kind == K_LOCADD ? (uint32_t)a.cval : 0) + (uint32_t)b.cval);
    return wd_c_push_entry(c, o);
  }
  if (fused_form(F_FIMM, op) && (a.kind == K_CONST) != (b.kind == K_CONST)) {
    // A float operator with one constant operand: the constant inline.
    bool right = b.kind == K_CONST;
    if (!right && (op == WD_OP_F32_ADD || op == WD_OP_F64_ADD || op == WD_OP_F32_MUL ||
                   op == WD_OP_F64_MUL)) {
      opnd_t t = a; // exact: IEEE addition and multiplication commute
      a = b;
      b = t;
      right = true;
    }
    if (right || fused_form(F_FRIMM, op)) {
      const opnd_t *k = right ? &b : &a;
      opnd_t *x = right ? &a : &b;
      uint64_t bits = k->cval;
      uint32_t xs = wd_c_src_slot(c, x);
      if (!wd_c_push_temp(c, tout, &home))
        return false;
      enum wd_op fop = (enum wd_op)((right ? fused_form(F_FIMM, op) : fused_form(F_FRIMM, op)) - 1);
      if (x->kind == K_TEMP)
        wd_c_acc_note(c, fop, wd_c_k_xa[fop], 2, xs, tin);
      wd_c_emit_op(c, fop);
      wd_c_emit_dst(c, home);
      emit(c, xs);
      emit(c, (uint32_t)bits);
      if (tin == WD_F64)
        emit(c, (uint32_t)(bits >> 32));
      return true;
    }
  }
  if (fused_form(F_IMM, op) && a.kind == K_CONST && b.kind != K_CONST && imm_fits(tin, a.cval)) {
    // A constant on the left: exchange the operands where that is exact.
    if (commutes(op) || cmp_swap(op) >= 0) {
      op = commutes(op) ? op : (enum wd_op)cmp_swap(op);
      opnd_t t = a;
      a = b;
      b = t;
    }
  }
  if (fuse_sign_extend(c, op, &a, &b, tout))
    return true;
  if (op == WD_OP_I32_AND && b.kind == K_CONST && wd_c_last_is(c, WD_OP_I32_SHR_U_IMM, &a)) {
    // A bit field: (x >> s) & mask.
    uint32_t pos = c->last_ins;
    uint32_t x = c->code[pos + 2], sh = c->code[pos + 3];
    wd_c_takeback(c);
    if (!wd_c_push_temp(c, tout, &home))
      return false;
    wd_c_acc_note(c, WD_OP_I32_EXTRACT, WD_OP_I32_EXTRACT_XA + 1, 2, x, WD_I32);
    wd_c_emit_op(c, WD_OP_I32_EXTRACT);
    wd_c_emit_dst(c, home);
    emit(c, x);
    emit(c, sh);
    emit(c, (uint32_t)b.cval);
    return true;
  }
  if (fused_form(F_IMM, op) && b.kind == K_CONST && imm_fits(tin, b.cval)) {
    uint32_t as = wd_c_src_slot(c, &a);
    if (!wd_c_push_temp(c, tout, &home))
      return false;
    enum wd_op iop = (enum wd_op)(fused_form(F_IMM, op) - 1);
    if (a.kind == K_TEMP)
      wd_c_acc_note(c, iop, wd_c_k_xa[iop], 2, as, tin);
    wd_c_emit_op(c, iop);
    wd_c_emit_dst(c, home);
    emit(c, as);
    emit(c, (uint32_t)b.cval);
    if (op == WD_OP_I32_ADD)
      wd_c_pair_addimm(c);
    return true;
  }
  if (op == WD_OP_I32_SHL && a.kind == K_CONST && b.kind != K_CONST) {
    // A constant shifted by a value (a bit mask): the constant inline.
    uint32_t bs = wd_c_src_slot(c, &b);
    if (!wd_c_push_temp(c, tout, &home))
      return false;
    if (b.kind == K_TEMP)
      wd_c_acc_note(c, WD_OP_I32_SHL_KA, wd_c_k_xb[WD_OP_I32_SHL_KA], 3, bs, WD_I32);
    wd_c_emit_op(c, WD_OP_I32_SHL_KA);
    wd_c_emit_dst(c, home);
    emit(c, (uint32_t)a.cval);
    emit(c, bs);
    return true;
  }
  if (fuse_shiftop(c, op, &a, &b, tout) || fuse_add3(c, op, &a, &b))
    return true;
  uint32_t as = wd_c_src_slot(c, &a);
  uint32_t bs = wd_c_src_slot(c, &b);
  if (!wd_c_push_temp(c, tout, &home))
    return false;
  if (b.kind == K_TEMP)
    wd_c_acc_note(c, op, wd_c_k_xb[op], 3, bs, tin);
  if (a.kind == K_TEMP)
    wd_c_acc_note(c, op, wd_c_k_xa[op], 2, as, tin);
  wd_c_emit_op(c, op);
  wd_c_emit_dst(c, home);
  emit(c, as);
  emit(c, bs);
  return true;
}

// ---- select -------------------------------------------------------------

bool wd_c_do_select(comp_t *c, bool typed) {
  wd_vt_t t = WD_BOT;
  if (typed) {
    uint32_t n;
    if (!rd_u32(c, &n))
      return false;
    if (n != 1)
      return INVALID("invalid result arity");
    if (!wd_bin_read_valtype(&c->r, &t))
      return false;
    if (!wd_vt_known(t, c->m->ntypes))
      return INVALID("unknown type %u", wd_vt_heap(t) - WD_HT_IDX);
  }
  opnd_t cond, a, b;
  if (!wd_c_pop(c, WD_I32, &cond) || !wd_c_pop(c, t, &b) || !wd_c_pop(c, t, &a))
    return false;
  if (!typed) {
    if (!type_ok(a.type, b.type))
      return INVALID("type mismatch");
    t = a.type == WD_BOT ? b.type : a.type;
    if (wd_valtype_is_ref(t))
      return INVALID("type mismatch");
  }
  uint32_t home;
  if (t != WD_V128 && in_cell(&a) && in_cell(&b) && cond.kind == K_TEMP && !is_dead(c) &&
      c->last_ins != UINT32_MAX && fused_form(F_SELECT, c->code[c->last_ins]) &&
      wd_c_last_is(c, (enum wd_op)c->code[c->last_ins], &cond)) {
    // select on the comparison just computed: one SELECT_<cmp>.
    uint32_t pos = c->last_ins;
    enum wd_op sel = (enum wd_op)(fused_form(F_SELECT, c->code[pos]) - 1);
    uint32_t c1 = c->code[pos + 2], c2 = c->code[pos + 3];
    uint32_t as = cell_of(&a), bs = cell_of(&b);
    wd_c_takeback(c);
    if (!wd_c_push_temp(c, t, &home))
      return false;
    // (the _XC form, the comparison's first operand from the accumulator,
    // is two rows on: NAME, NAME_IMM, NAME_XC, NAME_IMM_XC)
    wd_c_acc_note(c, sel, sel + 2 + 1, 4, c1, WD_I32);
    wd_c_emit_op(c, sel);
    wd_c_emit_dst(c, home);
    emit(c, as);
    emit(c, bs);
    emit(c, c1);
    emit(c, c2);
    return true;
  }
  uint32_t as = wd_c_src_slot(c, &a), bs = wd_c_src_slot(c, &b), cs = wd_c_src_slot(c, &cond);
  if (!wd_c_push_temp(c, t, &home))
    return false;
  if (t != WD_V128 && cond.kind == K_TEMP)
    wd_c_acc_note(c, WD_OP_SELECT, WD_OP_SELECT_XC + 1, 4, cs, WD_I32);
  wd_c_emit_op(c, t == WD_V128 ? WD_OP_SELECT128 : WD_OP_SELECT);
  wd_c_emit_dst(c, home);
  emit(c, as);
  emit(c, bs);
  emit(c, cs);
  return true;
}

// ---- calls --------------------------------------------------------------

// A direct call after one or two copies (its arguments, mostly): one
// instruction, if none of them writes the pinned local.
bool wd_c_fuse_call(comp_t *c, uint32_t func, uint32_t base) {
  uint32_t li = c->last_ins;
  if (li == UINT32_MAX || is_dead(c))
    return false;
  enum wd_op op;
  if (c->code[li] == WD_OP_COPY && li + 3 == c->ncode)
    op = WD_OP_CALL_C1;
  else if (c->code[li] == WD_OP_COPY2 && li + 5 == c->ncode && c->code[li + 3] != c->pin)
    op = WD_OP_CALL_C2;
  else
    return false;
  if (c->code[li + 1] == c->pin)
    return false;
  c->code[li] = op;
  emit(c, func);
  emit(c, base);
  c->last_dst = 0;
  wd_c_relabel(c, c->at); // the call (the copies may be an earlier instruction's)
  return true;
}
