// SPDX-License-Identifier: Apache-2.0
// Translating the garbage-collection instructions (Wasm 3.0 GC: the 0xFB
// prefix, and ref.eq): their typing, and the operations of ops.def they
// become (inline field and element accesses, type tests; GC_OP for the
// rest, src/interp/exec_gc.h).
#include <string.h>

#include "binary/opcode_imm.h"
#include "interp/compile_int.h"
#include "interp/exec_gc.h"

// Reads a type index that must name a type of composite kind comp.
static bool read_type(comp_t *c, uint8_t comp, uint32_t *out) {
  if (!rd_u32(c, out))
    return false;
  if (*out >= c->m->ntypes)
    return INVALID("unknown type %u", *out);
  if (c->m->sub[*out].comp != comp)
    return INVALID(comp == WD_COMP_STRUCT ? "non-structure type %u" : "non-array type %u", *out);
  return true;
}

// The access kind (exec_gc.h) of a field of `size` bytes: sx 1 signed, 2
// unsigned (packed reads), 0 otherwise.
static uint32_t access_kind(uint32_t size, int sx) {
  switch (size) {
  case 1: return sx == 1 ? WD_GC_ACCESS_8S : WD_GC_ACCESS_8U;
  case 2: return sx == 1 ? WD_GC_ACCESS_16S : WD_GC_ACCESS_16U;
  case 4: return WD_GC_ACCESS_32;
  case 8: return WD_GC_ACCESS_64;
  default: return WD_GC_ACCESS_128;
  }
}

static const wd_subtype_t *sub_of(comp_t *c, uint32_t t) { return &c->m->sub[t]; }

static wd_vt_t ref_of(uint32_t t, bool null) { return WD_VT_REF(null, WD_HT_IDX + t); }

// Emits GC_OP fn with its nine units (unused ones 0).
static void emit_gc(comp_t *c, enum wd_gc_fn fn, uint32_t d, uint32_t a, uint32_t b, uint32_t cc,
                    uint32_t e, uint32_t f, uint32_t x, uint32_t y) {
  wd_c_emit_op(c, WD_OP_GC_OP);
  const uint32_t u[9] = {fn, d, a, b, cc, e, f, x, y};
  for (int i = 0; i < 9; i++)
    emit(c, u[i]);
}

// Pops n values of the given types to consecutive cells (their homes),
// the first at *base; pushes nothing.
static bool pop_to_homes(comp_t *c, const wd_vt_t *types, uint32_t n, uint32_t *base) {
  if (!wd_c_scratch(c, n))
    return false;
  opnd_t *vals = c->scratch;
  if (!wd_c_pop_vals(c, types, n, vals))
    return false;
  *base = c->local_cells + c->cells;
  for (uint32_t i = 0; i < n; i++)
    wd_c_to_home(c, &vals[i]);
  return true;
}

// The fields' value types of struct type st, in an array to free (*own);
// false if out of memory.
static bool field_types(comp_t *c, const wd_subtype_t *st, wd_vt_t **own) {
  *own = wd_malloc((st->nfields ? st->nfields : 1) * sizeof **own);
  if (!*own)
    return wd_c_oom(c);
  for (uint32_t k = 0; k < st->nfields; k++)
    (*own)[k] = wd_storage_unpacked(st->fields[k].type);
  return true;
}

static bool struct_new(comp_t *c, bool dflt) {
  uint32_t t, home;
  if (!read_type(c, WD_COMP_STRUCT, &t))
    return false;
  const wd_subtype_t *st = sub_of(c, t);
  if (dflt) {
    for (uint32_t k = 0; k < st->nfields; k++)
      if (!wd_storage_defaultable(st->fields[k].type))
        return INVALID("field type is not defaultable");
    if (!wd_c_push_temp(c, ref_of(t, false), &home))
      return false;
    emit_gc(c, WD_GC_FN_STRUCT_NEW_DEFAULT, home, 0, 0, 0, 0, 0, t, 0);
    return true;
  }
  wd_vt_t *types;
  if (!field_types(c, st, &types))
    return false;
  uint32_t base;
  bool ok = pop_to_homes(c, types, st->nfields, &base);
  wd_free(types);
  if (!ok || !wd_c_push_temp(c, ref_of(t, false), &home))
    return false;
  emit_gc(c, WD_GC_FN_STRUCT_NEW, home, base, 0, 0, 0, 0, t, 0);
  return true;
}

// struct.get (sx 0), struct.get_s (1), struct.get_u (2).
// The immediates of struct.get and struct.set: a struct type and one of
// its fields.
static bool read_field(comp_t *c, uint32_t *t, const wd_field_t **fd) {
  uint32_t f;
  if (!read_type(c, WD_COMP_STRUCT, t) || !rd_u32(c, &f))
    return false;
  const wd_subtype_t *st = sub_of(c, *t);
  if (f >= st->nfields)
    return INVALID("unknown field %u", f);
  *fd = &st->fields[f];
  return true;
}

static bool struct_get(comp_t *c, int sx) {
  uint32_t t, home;
  const wd_field_t *fd;
  if (!read_field(c, &t, &fd))
    return false;
  if (wd_storage_packed(fd->type) != (sx != 0))
    return INVALID(sx ? "field is unpacked" : "field is packed");
  opnd_t r;
  if (!wd_c_pop(c, ref_of(t, true), &r))
    return false;
  uint32_t rs = wd_c_src_slot(c, &r);
  if (!wd_c_push_temp(c, wd_storage_unpacked(fd->type), &home))
    return false;
  wd_c_emit_op(c, WD_OP_SGET);
  wd_c_emit_dst(c, home);
  emit(c, rs);
  emit(c, fd->offset);
  emit(c, access_kind(fd->size, sx));
  return true;
}

static bool struct_set(comp_t *c) {
  uint32_t t;
  const wd_field_t *fd;
  if (!read_field(c, &t, &fd))
    return false;
  if (!fd->mut)
    return INVALID("immutable field");
  opnd_t v, r;
  if (!wd_c_pop(c, wd_storage_unpacked(fd->type), &v) || !wd_c_pop(c, ref_of(t, true), &r))
    return false;
  uint32_t rs = wd_c_src_slot(c, &r), vs = wd_c_src_slot(c, &v);
  wd_c_emit_op(c, WD_OP_SSET);
  emit(c, rs);
  emit(c, vs);
  emit(c, fd->offset);
  emit(c, access_kind(fd->size, 0));
  return true;
}

static bool array_new(comp_t *c, uint32_t sub) {
  uint32_t t, home, y = 0;
  if (!read_type(c, WD_COMP_ARRAY, &t))
    return false;
  const wd_field_t *el = &sub_of(c, t)->fields[0];
  wd_vt_t et = wd_storage_unpacked(el->type);
  if (sub == 8 && !rd_u32(c, &y)) // array.new_fixed $t n
    return false;
  if (sub == 9) { // array.new_data $t $d
    if (!rd_u32(c, &y) || !wd_c_check_data(c, y))
      return false;
    if (wd_valtype_is_ref(et))
      return INVALID("array type is not numeric or vector");
  }
  if (sub == 10) { // array.new_elem $t $e
    if (!rd_u32(c, &y) || !wd_c_check_elem(c, y))
      return false;
    if (!type_ok(c->m->elems[y].type, et))
      return INVALID("type mismatch");
  }
  if (sub == 7 && !wd_storage_defaultable(el->type))
    return INVALID("array type is not defaultable");
  opnd_t v = {0}, n = {0}, a = {0};
  uint32_t base = 0;
  switch (sub) {
  case 6: // array.new: [value n]
    if (!wd_c_pop(c, WD_I32, &n) || !wd_c_pop(c, et, &v))
      return false;
    break;
  case 7: // array.new_default: [n]
    if (!wd_c_pop(c, WD_I32, &n))
      return false;
    break;
  case 8: { // array.new_fixed: y values
    if (y > WD_MAX_ARRAY_NEW_FIXED)
      return INVALID("too many array elements");
    wd_vt_t *types = wd_malloc((y ? y : 1) * sizeof *types);
    if (!types)
      return wd_c_oom(c);
    for (uint32_t k = 0; k < y; k++)
      types[k] = et;
    bool ok = pop_to_homes(c, types, y, &base);
    wd_free(types);
    if (!ok)
      return false;
    break;
  }
  default: // new_data, new_elem: [offset n]
    if (!wd_c_pop(c, WD_I32, &n) || !wd_c_pop(c, WD_I32, &a))
      return false;
    break;
  }
  static const enum wd_gc_fn fns[5] = {WD_GC_FN_ARRAY_NEW, WD_GC_FN_ARRAY_NEW_DEFAULT,
                                       WD_GC_FN_ARRAY_NEW_FIXED, WD_GC_FN_ARRAY_NEW_DATA,
                                       WD_GC_FN_ARRAY_NEW_ELEM};
  uint32_t as = 0, ns = 0;
  if (sub == 6)
    as = wd_c_src_slot(c, &v);
  else if (sub == 9 || sub == 10)
    as = wd_c_src_slot(c, &a);
  else if (sub == 8)
    as = base;
  if (sub != 8)
    ns = wd_c_src_slot(c, &n);
  if (!wd_c_push_temp(c, ref_of(t, false), &home))
    return false;
  emit_gc(c, fns[sub - 6], home, as, ns, 0, 0, 0, t, y);
  return true;
}

// array.get (sx 0), array.get_s (1), array.get_u (2).
static bool array_get(comp_t *c, int sx) {
  uint32_t t, home;
  if (!read_type(c, WD_COMP_ARRAY, &t))
    return false;
  const wd_field_t *el = &sub_of(c, t)->fields[0];
  if (wd_storage_packed(el->type) != (sx != 0))
    return INVALID(sx ? "array is unpacked" : "array is packed");
  opnd_t i, r;
  if (!wd_c_pop(c, WD_I32, &i) || !wd_c_pop(c, ref_of(t, true), &r))
    return false;
  uint32_t rs = wd_c_src_slot(c, &r), is = wd_c_src_slot(c, &i);
  if (!wd_c_push_temp(c, wd_storage_unpacked(el->type), &home))
    return false;
  wd_c_emit_op(c, WD_OP_AGET);
  wd_c_emit_dst(c, home);
  emit(c, rs);
  emit(c, is);
  emit(c, access_kind(el->size, sx));
  return true;
}

// A mutable array type's index for array.set, fill, copy and the inits.
static bool read_mut_array(comp_t *c, uint32_t *t) {
  if (!read_type(c, WD_COMP_ARRAY, t))
    return false;
  if (!sub_of(c, *t)->fields[0].mut)
    return INVALID("immutable array");
  return true;
}

static bool array_set(comp_t *c) {
  uint32_t t;
  if (!read_mut_array(c, &t))
    return false;
  const wd_field_t *el = &sub_of(c, t)->fields[0];
  opnd_t v, i, r;
  if (!wd_c_pop(c, wd_storage_unpacked(el->type), &v) || !wd_c_pop(c, WD_I32, &i) ||
      !wd_c_pop(c, ref_of(t, true), &r))
    return false;
  uint32_t rs = wd_c_src_slot(c, &r), is = wd_c_src_slot(c, &i), vs = wd_c_src_slot(c, &v);
  wd_c_emit_op(c, WD_OP_ASET);
  emit(c, rs);
  emit(c, is);
  emit(c, vs);
  emit(c, access_kind(el->size, 0));
  return true;
}

// array.fill (16), array.copy (17), array.init_data (18), array.init_elem
// (19): all read cells only.
static bool array_bulk(comp_t *c, uint32_t sub) {
  uint32_t t, y = 0;
  if (!read_mut_array(c, &t))
    return false;
  wd_vt_t et = wd_storage_unpacked(sub_of(c, t)->fields[0].type);
  wd_vt_t types[5];
  uint32_t n;
  switch (sub) {
  case 16: // [ref i32 value i32]
    types[0] = ref_of(t, true), types[1] = WD_I32, types[2] = et, types[3] = WD_I32;
    n = 4;
    break;
  case 17: { // array.copy $t $t2: [ref i32 ref2 i32 i32]
    uint32_t t2;
    if (!read_type(c, WD_COMP_ARRAY, &t2))
      return false;
    const wd_field_t *a = &sub_of(c, t)->fields[0], *b = &sub_of(c, t2)->fields[0];
    bool match = wd_storage_packed(a->type) || wd_storage_packed(b->type)
                     ? a->type == b->type
                     : type_ok(b->type, a->type);
    if (!match)
      return INVALID("array types do not match");
    types[0] = ref_of(t, true), types[1] = WD_I32, types[2] = ref_of(t2, true);
    types[3] = WD_I32, types[4] = WD_I32;
    n = 5;
    break;
  }
  default: // the inits: [ref i32 i32 i32]
    if (!rd_u32(c, &y))
      return false;
    if (sub == 18) {
      if (!wd_c_check_data(c, y))
        return false;
      if (wd_valtype_is_ref(et))
        return INVALID("array type is not numeric or vector");
    } else {
      if (!wd_c_check_elem(c, y))
        return false;
      if (!type_ok(c->m->elems[y].type, et))
        return INVALID("type mismatch");
    }
    types[0] = ref_of(t, true), types[1] = WD_I32, types[2] = WD_I32, types[3] = WD_I32;
    n = 4;
    break;
  }
  opnd_t v[5];
  if (!wd_c_pop_vals(c, types, n, v))
    return false;
  uint32_t s[5] = {0};
  for (uint32_t k = 0; k < n; k++)
    s[k] = wd_c_src_slot(c, &v[k]);
  static const enum wd_gc_fn fns[4] = {WD_GC_FN_ARRAY_FILL, WD_GC_FN_ARRAY_COPY,
                                       WD_GC_FN_ARRAY_INIT_DATA, WD_GC_FN_ARRAY_INIT_ELEM};
  emit_gc(c, fns[sub - 16], 0, s[0], s[1], s[2], s[3], s[4], t, y);
  return true;
}

// The top of heap type ht's hierarchy.
static uint32_t top_of(const wd_module_t *m, uint32_t ht) {
  if (ht >= WD_HT_IDX)
    return m->sub[ht - WD_HT_IDX].comp == WD_COMP_FUNC ? WD_HT_FUNC : WD_HT_ANY;
  switch (ht) {
  case WD_HT_FUNC:
  case WD_HT_NOFUNC: return WD_HT_FUNC;
  case WD_HT_EXTERN:
  case WD_HT_NOEXTERN: return WD_HT_EXTERN;
  case WD_HT_EXN:
  case WD_HT_NOEXN: return WD_HT_EXN;
  default: return WD_HT_ANY;
  }
}

static bool read_ht(comp_t *c, uint32_t *ht) {
  if (!wd_bin_read_heaptype(&c->r, ht))
    return false;
  if (*ht >= WD_HT_IDX && *ht - WD_HT_IDX >= c->m->ntypes)
    return INVALID("unknown type %u", *ht - WD_HT_IDX);
  return true;
}

// ref.test (20, 21) and ref.cast (22, 23): the odd ones take null.
static bool ref_test(comp_t *c, uint32_t sub) {
  uint32_t ht, home;
  if (!read_ht(c, &ht))
    return false;
  bool null = sub & 1;
  opnd_t r;
  if (!wd_c_pop(c, WD_VT_REF(true, top_of(c->m, ht)), &r))
    return false;
  uint32_t rs = wd_c_src_slot(c, &r);
  bool cast = sub >= 22;
  if (!wd_c_push_temp(c, cast ? WD_VT_REF(null, ht) : (wd_vt_t)WD_I32, &home))
    return false;
  wd_c_emit_op(c, cast ? WD_OP_REF_CAST : WD_OP_REF_TEST);
  wd_c_emit_dst(c, home);
  emit(c, rs);
  emit(c, ht);
  emit(c, null);
  return true;
}

// any.convert_extern (26), extern.convert_any (27): the same value in the
// other hierarchy (gc.h: one representation), nullability kept.
static bool convert(comp_t *c, uint32_t sub) {
  uint32_t from = sub == 26 ? WD_HT_EXTERN : WD_HT_ANY, to = sub == 26 ? WD_HT_ANY : WD_HT_EXTERN;
  opnd_t r;
  if (!wd_c_pop(c, WD_VT_REF(true, from), &r))
    return false;
  if (r.type != WD_BOT)
    r.type = WD_VT_REF(wd_vt_nullable(r.type), to);
  else
    r = (opnd_t){.type = WD_VT_REF(true, to), .kind = K_TEMP, .home = r.home};
  return wd_c_push_entry(c, r);
}

bool wd_c_do_gc(comp_t *c) {
  uint32_t sub;
  if (!rd_u32(c, &sub))
    return false;
  if (!NEED_FEATURE(WD_FEAT_GC))
    return false;
  switch (sub) {
  case 0:
  case 1: return struct_new(c, sub == 1);
  case 2:
  case 3:
  case 4: return struct_get(c, (int)sub - 2);
  case 5: return struct_set(c);
  case 6:
  case 7:
  case 8:
  case 9:
  case 10: return array_new(c, sub);
  case 11:
  case 12:
  case 13: return array_get(c, (int)sub - 11);
  case 14: return array_set(c);
  case 15: return wd_c_do_unop(c, WD_OP_ARRAY_LEN, WD_VT_REF(true, WD_HT_ARRAY), WD_I32);
  case 16:
  case 17:
  case 18:
  case 19: return array_bulk(c, sub);
  case 20:
  case 21:
  case 22:
  case 23: return ref_test(c, sub);
  case 24:
  case 25: return wd_c_do_br_on_cast(c, sub == 25);
  case 26:
  case 27: return convert(c, sub);
  case 28: return wd_c_do_unop(c, WD_OP_REF_I31, WD_I32, WD_VT_REF(false, WD_HT_I31));
  case 29: return wd_c_do_unop(c, WD_OP_I31_GET_S, WD_VT_REF(true, WD_HT_I31), WD_I32);
  case 30: return wd_c_do_unop(c, WD_OP_I31_GET_U, WD_VT_REF(true, WD_HT_I31), WD_I32);
  default: return MALFORMED("illegal opcode");
  }
}
