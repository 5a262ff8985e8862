// SPDX-License-Identifier: Apache-2.0
// The translation of memory instructions: loads and stores with their
// addressing forms, and the 0xFC prefix (bulk memory, tables, saturating
// truncations).
#include "interp/compile_int.h"

#include "binary/opcode_imm.h"

#include <string.h>

// ---- indices and memargs --------------------------------------------------

bool wd_c_check_elem(comp_t *c, uint32_t idx) {
  if (idx >= c->m->nelems)
    return INVALID("unknown elem segment %u", idx);
  return true;
}

// Data indices in code need the data count section (a malformed module
// without it), but an index beyond every segment is first of all invalid:
// the spec tests expect that for binaries with neither.
bool wd_c_check_data(comp_t *c, uint32_t idx) {
  uint32_t n = c->m->has_datacount ? c->m->datacount : c->m->ndatas;
  if (idx >= n)
    return INVALID("unknown data segment %u", idx);
  if (!c->m->has_datacount)
    return MALFORMED("data count section required");
  return true;
}

// Sets up ma for memory idx (checked to exist).
static bool memory_of(comp_t *c, uint32_t idx, memarg_t *ma) {
  if (!wd_c_check_memory(c, idx))
    return false;
  ma->mem = idx;
  ma->offset = 0;
  ma->is64 = c->m->memories[idx].lim.is64;
  ma->any = idx != 0 || ma->is64;
  return true;
}

// Reads a memarg: the memory must exist, the alignment may not exceed the
// access's natural one, and the offset of a 32-bit memory is below 2^32.
bool wd_c_read_memarg(comp_t *c, uint32_t natural_log2, memarg_t *ma) {
  wd_bin_memarg_t b;
  if (!wd_bin_read_memarg(&c->r, c->m->features, &b) || !memory_of(c, b.mem, ma))
    return false;
  if (b.align > natural_log2)
    return INVALID("alignment must not be larger than natural");
  if (!ma->is64 && b.offset > UINT32_MAX)
    return INVALID("offset out of range");
  ma->offset = b.offset;
  return true;
}

// A memory index of memory.size, .grow, .fill, .copy or .init, into ma.
static bool read_memory(comp_t *c, memarg_t *ma) {
  uint32_t idx;
  return wd_bin_read_memidx(&c->r, c->m->features, &idx) && memory_of(c, idx, ma);
}

// The address type of ma's memory.
static wd_vt_t addr_type(const memarg_t *ma) { return ma->is64 ? WD_I64 : WD_I32; }

// The fn unit of M_LOAD and M_STORE for each load and store (code.h).
static const uint8_t k_any_fn[WD_OP_COUNT_] = {
#define WD_OP_LOAD(name, field, ctype, n, expr) [WD_OP_##name] = WD_MF_##name,
#define WD_OP_STORE(name, n, field, stmt) [WD_OP_##name] = WD_MF_##name,
#include "interp/ops.def"
};

// Emits load or store op on any memory: M_LOAD D A, or M_STORE A B, then
// I(mem) L(offset) I(fn).
static void emit_any(comp_t *c, enum wd_op op, bool load, uint32_t d, uint32_t a, uint32_t b,
                     const memarg_t *ma) {
  wd_c_emit_op(c, load ? WD_OP_M_LOAD : WD_OP_M_STORE);
  if (load)
    wd_c_emit_dst(c, d);
  emit(c, a);
  if (!load)
    emit(c, b);
  emit(c, mem_unit(ma));
  emit(c, (uint32_t)ma->offset);
  emit(c, (uint32_t)(ma->offset >> 32));
  emit(c, k_any_fn[op]);
}

// ---- loads and stores ----------------------------------------------------

// Addressing forms (ops.def WD_OP_LOAD, WD_OP_STORE): the operation + 1 is
// its _AI form, + 2 _AA (loads), and the last one _K; a store's forms with
// a constant value are + 7 (_IMM) and + 8 (_AI_IMM).
enum {
  F_AI = 1,
  F_AA = 2,
  F_LOAD_K = 3,
  F_SAA = 4,
  F_SAI = 5,
  F_STORE_K = 2,
  F_STORE_IMM = 7,
  F_STORE_AI_IMM = 8
};
#define WD_OP_STORE(name, n, field, stmt)                                                          \
  _Static_assert(WD_OP_##name##_IMM == WD_OP_##name + F_STORE_IMM &&                               \
                     WD_OP_##name##_AI_IMM == WD_OP_##name + F_STORE_AI_IMM,                       \
                 "a store's constant-value forms (ops.def)");
#include "interp/ops.def"

bool wd_c_do_load(comp_t *c, enum wd_op op, wd_vt_t type, uint32_t natural) {
  memarg_t ma;
  opnd_t a;
  uint32_t home;
  if (!wd_c_read_memarg(c, natural, &ma) || !wd_c_pop(c, addr_type(&ma), &a))
    return false;
  if (ma.any) {
    uint32_t as = wd_c_src_slot(c, &a);
    if (!wd_c_push_temp(c, type, &home))
      return false;
    emit_any(c, op, true, home, as, 0, &ma);
    return true;
  }
  uint32_t off = (uint32_t)ma.offset;
  if (a.kind == K_CONST && (uint64_t)(uint32_t)a.cval + off <= UINT32_MAX) {
    if (!wd_c_push_temp(c, type, &home))
      return false;
    wd_c_emit_op(c, (enum wd_op)(op + F_LOAD_K));
    wd_c_emit_dst(c, home);
    emit(c, (uint32_t)a.cval + off);
    return true;
  }
  if (a.kind == K_LOCADD) {
    if (!wd_c_push_temp(c, type, &home))
      return false;
    wd_c_emit_op(c, (enum wd_op)(op + F_AI));
    wd_c_emit_dst(c, home);
    emit(c, a.lslot);
    emit(c, (uint32_t)a.cval);
    emit(c, off);
    return true;
  }
  if (wd_c_last_is(c, WD_OP_I32_ADD_SHL, &a)) {
    // A scaled index, base + (index << k), which the shift-op fusion has
    // made one instruction (D A B I(k)): take it back into the load.
    uint32_t pos = c->last_ins;
    uint32_t base = c->code[pos + 2], index = c->code[pos + 3], sh = c->code[pos + 4] & 31;
    wd_c_takeback(c);
    if (!wd_c_push_temp(c, type, &home))
      return false;
    wd_c_emit_op(c, (enum wd_op)(op + F_SAA)); // D A B I(shift) I(offset)
    wd_c_emit_dst(c, home);
    emit(c, base);
    emit(c, index);
    emit(c, sh);
    emit(c, off);
    return true;
  }
  if (wd_c_last_is(c, WD_OP_I32_ADD, &a) || wd_c_last_is(c, WD_OP_I32_ADD_IMM, &a)) {
    // The address is the sum just computed: take it back.
    uint32_t pos = c->last_ins;
    bool imm = c->code[pos] == WD_OP_I32_ADD_IMM;
    uint32_t x = c->code[pos + 2], y = c->code[pos + 3];
    // A scaled index plus a constant: the instruction before shifted a
    // value by a constant into the temporary that the sum reads (and
    // nothing else will).
    uint32_t q = c->prev_ins;
    if (imm && q != UINT32_MAX && q + 4 == pos && c->code[q] == WD_OP_I32_SHL_IMM &&
        c->code[q + 1] >= c->local_cells && c->code[q + 1] == x) {
      uint32_t sa = c->code[q + 2], sh = c->code[q + 3] & 31;
      uint32_t r = c->prev2_ins;
      uint32_t start = q;
      if (r != UINT32_MAX && r + 4 == q && c->code[r] == WD_OP_I32_ADD_IMM &&
          c->code[r + 1] == sa && sa >= c->local_cells) {
        // ((A + k1) << s) + k2 is (A << s) + ((k1 << s) + k2) in 32 bits:
        // an index plus a constant (a[i + 1]) folds in as well.
        y = (c->code[r + 3] << sh) + y;
        sa = c->code[r + 2];
        start = r;
      }
      // Taken back one by one, so that the instruction before them stays
      // the last one (a dispatch head's add: do_br_table).
      wd_c_takeback(c);
      wd_c_takeback(c);
      if (start != q)
        wd_c_takeback(c);
      if (!wd_c_push_temp(c, type, &home))
        return false;
      wd_c_emit_op(c, (enum wd_op)(op + F_SAI)); // D A I(shift) I(addend) I(offset)
      wd_c_emit_dst(c, home);
      emit(c, sa);
      emit(c, sh);
      emit(c, y);
      emit(c, off);
      return true;
    }
    wd_c_takeback(c);
    if (!wd_c_push_temp(c, type, &home))
      return false;
    wd_c_emit_op(c, (enum wd_op)(op + (imm ? F_AI : F_AA)));
    wd_c_emit_dst(c, home);
    emit(c, x);
    emit(c, y);
    emit(c, off);
    return true;
  }
  uint32_t as = wd_c_src_slot(c, &a);
  if (!wd_c_push_temp(c, type, &home))
    return false;
  wd_c_emit_op(c, op);
  wd_c_emit_dst(c, home);
  emit(c, as);
  emit(c, off);
  return true;
}

bool wd_c_do_store(comp_t *c, enum wd_op op, wd_vt_t type, uint32_t natural) {
  memarg_t ma;
  opnd_t a, v;
  if (!wd_c_read_memarg(c, natural, &ma) || !wd_c_pop(c, type, &v) ||
      !wd_c_pop(c, addr_type(&ma), &a))
    return false;
  if (ma.any) {
    uint32_t as = wd_c_src_slot(c, &a);
    uint32_t vs = wd_c_src_slot(c, &v);
    emit_any(c, op, false, 0, as, vs, &ma);
    return true;
  }
  uint32_t off = (uint32_t)ma.offset;
  if (a.kind == K_CONST && (uint64_t)(uint32_t)a.cval + off <= UINT32_MAX) {
    uint32_t vs = wd_c_src_slot(c, &v);
    wd_c_emit_op(c, (enum wd_op)(op + F_STORE_K));
    emit(c, vs);
    emit(c, (uint32_t)a.cval + off);
    return true;
  }
  // A constant value goes in the instruction when its unit holds it: any
  // value for a store of 32 bits or fewer, else one that 32 bits
  // sign-extend to (zeros, small counts, -1).
  if (v.kind == K_CONST &&
      (op != WD_OP_I64_STORE || (int64_t)v.cval == (int64_t)(int32_t)(uint32_t)v.cval)) {
    uint32_t val = (uint32_t)v.cval;
    bool ai = a.kind == K_LOCADD;
    uint32_t as = ai ? a.lslot : wd_c_src_slot(c, &a);
    wd_c_emit_op(c, (enum wd_op)(op + (ai ? F_STORE_AI_IMM : F_STORE_IMM)));
    emit(c, as);
    emit(c, val);
    if (ai)
      emit(c, (uint32_t)a.cval);
    emit(c, off);
    return true;
  }
  if (a.kind == K_LOCADD) {
    uint32_t vs = wd_c_src_slot(c, &v);
    wd_c_emit_op(c, (enum wd_op)(op + F_AI));
    emit(c, a.lslot);
    emit(c, vs);
    emit(c, (uint32_t)a.cval);
    emit(c, off);
    return true;
  }
  // f64 add to memory: the value is the sum just computed from a load of
  // the same address (same cell, addend and offset).
  if (op == WD_OP_I64_STORE && type == WD_F64 &&
      (wd_c_last_is(c, WD_OP_F64_ADD_M, &v) || wd_c_last_is(c, WD_OP_F64_ADD_MAI, &v))) {
    uint32_t pos = c->last_ins;
    bool ai = c->code[pos] == WD_OP_F64_ADD_MAI;
    uint32_t x = c->code[pos + 2], b = c->code[pos + 3], k1 = c->code[pos + 4];
    uint32_t k2 = ai ? c->code[pos + 5] : 0;
    bool same = ai ? a.kind == K_LOCADD && a.lslot == b && (uint32_t)a.cval == k1 && k2 == off
                   : ((a.kind == K_LOCAL && a.lslot == b) || (a.kind == K_TEMP && a.home == b)) &&
                         k1 == off;
    if (same) {
      uint32_t load_at = wd_c_last_at(c);
      wd_c_takeback(c);
      wd_c_emit_op(c, ai ? WD_OP_F64_ADDTO_MAI : WD_OP_F64_ADDTO_M);
      wd_c_relabel(c, load_at); // the load, which traps first
      emit(c, x);
      emit(c, b);
      emit(c, k1);
      if (ai)
        emit(c, k2);
      return true;
    }
  }
  // An f64 in memory changed by a product, `v[i] -= a * b`: the value is
  // F64_SUBMUL's or F64_MULADD's, whose C is an f64.load of the same
  // address (a local's cell, and the offset) into a temporary, just before
  // it or before an F64_MUL before it (which reads no memory: the load may
  // come after it). The multiply goes back, then the one operation.
  if (op == WD_OP_I64_STORE && type == WD_F64 && a.kind == K_LOCAL &&
      (wd_c_last_is(c, WD_OP_F64_SUBMUL, &v) || wd_c_last_is(c, WD_OP_F64_MULADD, &v))) {
    uint32_t pos = c->last_ins, q = c->prev_ins, r = c->prev2_ins, m = c->code[pos + 4];
    uint32_t ld = UINT32_MAX;
    if (q != UINT32_MAX && q + 4 == pos && c->code[q] == WD_OP_I64_LOAD)
      ld = q;
    else if (q != UINT32_MAX && r != UINT32_MAX && r + 4 == q && q + 4 == pos &&
             c->code[q] == WD_OP_F64_MUL && c->code[r] == WD_OP_I64_LOAD)
      ld = r;
    if (ld != UINT32_MAX && c->code[ld + 1] == m && m >= c->local_cells &&
        c->code[ld + 2] == a.lslot && c->code[ld + 3] == off) {
      enum wd_op fused = c->code[pos] == WD_OP_F64_SUBMUL ? WD_OP_F64_SUBMUL_M : WD_OP_F64_MULADD_M;
      uint32_t x = c->code[pos + 2], y = c->code[pos + 3], mul[3];
      memcpy(mul, &c->code[q + 1], sizeof mul);
      wd_c_takeback(c); // the multiply-accumulate
      if (ld == r)
        wd_c_takeback(c); // the multiply
      uint32_t load_at = wd_c_last_at(c);
      wd_c_takeback(c); // the load
      if (ld == r) {
        wd_c_emit_op(c, WD_OP_F64_MUL);
        for (int i = 0; i < 3; i++)
          emit(c, mul[i]);
      }
      wd_c_emit_op(c, fused);
      wd_c_relabel(c, load_at); // the load, which traps first
      emit(c, x);
      emit(c, y);
      emit(c, a.lslot);
      emit(c, off);
      return true;
    }
  }
  // An i32 in memory increased by a constant, `p->n += k`: the value is
  // the sum just computed from the load just before, of the same address
  // (a local's cell, and the offset), into a temporary nothing else reads.
  uint32_t q = c->prev_ins, pos = c->last_ins;
  if (op == WD_OP_I32_STORE && wd_c_last_is(c, WD_OP_I32_ADD_IMM, &v) && q != UINT32_MAX &&
      q + 4 == pos && c->code[q] == WD_OP_I32_LOAD && c->code[q + 1] == c->code[pos + 2] &&
      c->code[q + 1] >= c->local_cells && c->code[q + 3] == off && a.kind == K_LOCAL &&
      a.lslot == c->code[q + 2]) {
    uint32_t k = c->code[pos + 3];
    wd_c_takeback(c);                   // the add
    uint32_t load_at = wd_c_last_at(c); // the load, which traps first
    wd_c_truncate_notes(c, q);
    c->ncode = q;
    wd_c_barrier(c);
    wd_c_emit_op(c, WD_OP_I32_ADDTO_M_IMM);
    wd_c_relabel(c, load_at);
    emit(c, a.lslot);
    emit(c, off);
    emit(c, k);
    return true;
  }
  uint32_t as = wd_c_src_slot(c, &a);
  uint32_t vs = wd_c_src_slot(c, &v);
  if (v.kind == K_TEMP)
    wd_c_acc_note(c, op, type == WD_F64 ? WD_OP_I64_STORE_XF + 1 : wd_c_k_xb[op], 2, vs, type);
  wd_c_emit_op(c, op);
  emit(c, as);
  emit(c, vs);
  emit(c, off);
  return true;
}

// memory.size and memory.grow (with their memory index).
bool wd_c_do_memsize(comp_t *c, bool grow) {
  memarg_t ma;
  uint32_t home;
  if (!read_memory(c, &ma))
    return false;
  if (!ma.any) {
    if (grow)
      return wd_c_do_unop(c, WD_OP_MEMORY_GROW, WD_I32, WD_I32);
    if (!wd_c_push_temp(c, WD_I32, &home))
      return false;
    wd_c_emit_op(c, WD_OP_MEMORY_SIZE);
    wd_c_emit_dst(c, home);
    return true;
  }
  opnd_t n;
  uint32_t ns = 0;
  if (grow) {
    if (!wd_c_pop(c, addr_type(&ma), &n))
      return false;
    ns = wd_c_src_slot(c, &n);
  }
  if (!wd_c_push_temp(c, addr_type(&ma), &home))
    return false;
  wd_c_emit_op(c, grow ? WD_OP_M_MEMORY_GROW : WD_OP_M_MEMORY_SIZE);
  wd_c_emit_dst(c, home);
  if (grow)
    emit(c, ns);
  emit(c, mem_unit(&ma));
  return true;
}

// ---- the 0xFC prefix -----------------------------------------------------

// The address type of table t (memory64: i64 for a 64-bit table).
static wd_vt_t table_at(comp_t *c, uint32_t t) { return wd_addrtype(&c->m->tables[t].lim); }

// An i64 operand's value as the u32 the table operations take (ops.def
// TABLE_INDEX64), in its home; its cell.
static uint32_t narrow(comp_t *c, opnd_t *o) {
  uint32_t a = wd_c_src_slot(c, o);
  wd_c_emit_op(c, WD_OP_TABLE_INDEX64);
  emit(c, o->home);
  emit(c, a);
  return o->home;
}

// The cell holding the index (or length) o into table t, an operand of its
// address type, as a u32.
uint32_t wd_c_table_index(comp_t *c, uint32_t table, opnd_t *o) {
  return table_at(c, table) == WD_I64 ? narrow(c, o) : wd_c_src_slot(c, o);
}

// A 64-bit table's size (TABLE_SIZE, TABLE_GROW) made an i64 in its cell.
static void widen_result(comp_t *c, uint32_t table, enum wd_op extend, uint32_t home) {
  if (table_at(c, table) != WD_I64)
    return;
  wd_c_emit_op(c, extend);
  wd_c_emit_dst(c, home);
  emit(c, home);
}

// Pops three operands of the given types (the last one on top) and returns
// their cells; with `table`, the i64 ones as u32 table indices (the memory
// operations' M_ forms take them whole).
static bool pop_operands(comp_t *c, const wd_vt_t *types, bool table, uint32_t *slots) {
  opnd_t o[3];
  for (uint32_t i = 3; i-- > 0;)
    if (!wd_c_pop(c, types[i], &o[i]))
      return false;
  for (uint32_t i = 0; i < 3; i++)
    slots[i] = table && types[i] == WD_I64 ? narrow(c, &o[i]) : wd_c_src_slot(c, &o[i]);
  return true;
}

// memory.init (seg: its data segment), memory.copy (mb: the source memory)
// or memory.fill (op, their ops.def row for memory 0) with its three
// operands of the given types; the M_ form (with the memories last) if a
// memory is not 32-bit memory 0.
static bool bulk(comp_t *c, enum wd_op op, const uint32_t *seg, const wd_vt_t *types,
                 const memarg_t *ma, const memarg_t *mb) {
  static const uint16_t k_any[3] = {WD_OP_M_MEMORY_INIT, WD_OP_M_MEMORY_COPY, WD_OP_M_MEMORY_FILL};
  uint32_t s[3];
  if (!pop_operands(c, types, false, s))
    return false;
  bool any = ma->any || (mb && mb->any);
  unsigned k = op == WD_OP_MEMORY_INIT ? 0 : op == WD_OP_MEMORY_COPY ? 1 : 2;
  wd_c_emit_op(c, any ? (enum wd_op)k_any[k] : op);
  if (seg)
    emit(c, *seg);
  for (int i = 0; i < 3; i++)
    emit(c, s[i]);
  if (any)
    emit(c, mem_unit(ma));
  if (any && mb)
    emit(c, mem_unit(mb));
  return true;
}

// The 0xFC prefix: saturating truncations, bulk memory and table operations.
bool wd_c_do_misc(comp_t *c) {
  uint32_t sub, a, b;
  uint32_t s[3];
  memarg_t ma, mb;
  if (!rd_u32(c, &sub))
    return false;
  if (sub <= 7) {
    static const struct {
      enum wd_op op;
      wd_vt_t tin, tout;
    } sat[8] = {
        {WD_OP_I32_TRUNC_SAT_F32_S, WD_F32, WD_I32}, {WD_OP_I32_TRUNC_SAT_F32_U, WD_F32, WD_I32},
        {WD_OP_I32_TRUNC_SAT_F64_S, WD_F64, WD_I32}, {WD_OP_I32_TRUNC_SAT_F64_U, WD_F64, WD_I32},
        {WD_OP_I64_TRUNC_SAT_F32_S, WD_F32, WD_I64}, {WD_OP_I64_TRUNC_SAT_F32_U, WD_F32, WD_I64},
        {WD_OP_I64_TRUNC_SAT_F64_S, WD_F64, WD_I64}, {WD_OP_I64_TRUNC_SAT_F64_U, WD_F64, WD_I64},
    };
    return wd_c_do_unop(c, sat[sub].op, sat[sub].tin, sat[sub].tout);
  }
  switch (sub) {
  case 8: { // memory.init data memory: [d s n], d of the memory's address type
    if (!rd_u32(c, &a) || !read_memory(c, &ma) || !wd_c_check_data(c, a))
      return false;
    const wd_vt_t types[3] = {addr_type(&ma), WD_I32, WD_I32};
    return bulk(c, WD_OP_MEMORY_INIT, &a, types, &ma, NULL);
  }
  case 9: // data.drop
    if (!rd_u32(c, &a) || !wd_c_check_data(c, a))
      return false;
    wd_c_emit_op(c, WD_OP_DATA_DROP);
    emit(c, a);
    return true;
  case 10: { // memory.copy dst src: [d s n], n an i64 only if both are 64-bit
    if (!read_memory(c, &ma) || !read_memory(c, &mb))
      return false;
    const wd_vt_t types[3] = {addr_type(&ma), addr_type(&mb), ma.is64 && mb.is64 ? WD_I64 : WD_I32};
    return bulk(c, WD_OP_MEMORY_COPY, NULL, types, &ma, &mb);
  }
  case 11: { // memory.fill memory: [d v n], d and n of its address type
    if (!read_memory(c, &ma))
      return false;
    const wd_vt_t types[3] = {addr_type(&ma), WD_I32, addr_type(&ma)};
    return bulk(c, WD_OP_MEMORY_FILL, NULL, types, &ma, NULL);
  }
  case 12: { // table.init elem table: [d s n], d of the table's address type
    if (!rd_u32(c, &b) || !rd_u32(c, &a) || !wd_c_check_table(c, a) || !wd_c_check_elem(c, b))
      return false;
    if (!type_ok(c->m->elems[b].type, c->m->tables[a].elem))
      return INVALID("type mismatch");
    const wd_vt_t types[3] = {table_at(c, a), WD_I32, WD_I32};
    if (!pop_operands(c, types, true, s))
      return false;
    wd_c_emit_op(c, WD_OP_TABLE_INIT);
    emit(c, a);
    emit(c, b);
    break;
  }
  case 13: // elem.drop
    if (!rd_u32(c, &a) || !wd_c_check_elem(c, a))
      return false;
    wd_c_emit_op(c, WD_OP_ELEM_DROP);
    emit(c, a);
    return true;
  case 14: { // table.copy dst src: [d s n], n an i64 only if both are 64-bit
    if (!rd_u32(c, &a) || !rd_u32(c, &b) || !wd_c_check_table(c, a) || !wd_c_check_table(c, b))
      return false;
    if (!type_ok(c->m->tables[b].elem, c->m->tables[a].elem))
      return INVALID("type mismatch");
    wd_vt_t n64 = table_at(c, a) == WD_I64 && table_at(c, b) == WD_I64 ? WD_I64 : WD_I32;
    const wd_vt_t types[3] = {table_at(c, a), table_at(c, b), n64};
    if (!pop_operands(c, types, true, s))
      return false;
    wd_c_emit_op(c, WD_OP_TABLE_COPY);
    emit(c, a);
    emit(c, b);
    break;
  }
  case 15: { // table.grow: [ref n] -> old size, n and the result of its address type
    opnd_t n, r;
    uint32_t home;
    if (!rd_u32(c, &a) || !wd_c_check_table(c, a))
      return false;
    if (!wd_c_pop(c, table_at(c, a), &n) || !wd_c_pop(c, c->m->tables[a].elem, &r))
      return false;
    uint32_t rs = wd_c_src_slot(c, &r), ns = wd_c_table_index(c, a, &n);
    if (!wd_c_push_temp(c, table_at(c, a), &home))
      return false;
    wd_c_emit_op(c, WD_OP_TABLE_GROW);
    wd_c_emit_dst(c, home);
    emit(c, a);
    emit(c, rs);
    emit(c, ns);
    widen_result(c, a, WD_OP_I64_EXTEND_I32_S, home); // -1 stays -1
    return true;
  }
  case 16: { // table.size
    uint32_t home;
    if (!rd_u32(c, &a) || !wd_c_check_table(c, a) || !wd_c_push_temp(c, table_at(c, a), &home))
      return false;
    wd_c_emit_op(c, WD_OP_TABLE_SIZE);
    wd_c_emit_dst(c, home);
    emit(c, a);
    widen_result(c, a, WD_OP_I64_EXTEND_I32_U, home);
    return true;
  }
  case 17: { // table.fill: [i ref n], i and n of the table's address type
    if (!rd_u32(c, &a) || !wd_c_check_table(c, a))
      return false;
    const wd_vt_t types[3] = {table_at(c, a), c->m->tables[a].elem, table_at(c, a)};
    if (!pop_operands(c, types, true, s))
      return false;
    wd_c_emit_op(c, WD_OP_TABLE_FILL);
    emit(c, a);
    break;
  }
  default: return MALFORMED("illegal opcode");
  }
  emit(c, s[0]);
  emit(c, s[1]);
  emit(c, s[2]);
  return true;
}
