// SPDX-License-Identifier: Apache-2.0
// Module-level validation (spec 3.4): everything but function bodies, in the
// order of the reference interpreter so that the first error matches.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "binary/opcode_imm.h"
#include "binary/reader.h"
#include "ir/module.h"
#include "util/alloc.h"

#define MAX_PAGES 65536u

static wd_status_t invalid(wd_diag_t *diag, size_t at, const char *msg, uint32_t idx) {
  // The spec's tests expect the index after some messages ("unknown global 0").
  return wd_diag_set(diag, WD_ERR_INVALID, at, "%s %u", msg, idx);
}

static wd_status_t check_limits(const wd_limits_t *lim, uint64_t range, const char *range_msg,
                                size_t at, wd_diag_t *diag) {
  if (lim->min > range || (lim->has_max && lim->max > range))
    return wd_diag_set(diag, WD_ERR_INVALID, at, "%s", range_msg);
  if (lim->has_max && lim->min > lim->max)
    return wd_diag_set(diag, WD_ERR_INVALID, at, "size minimum must not be greater than maximum");
  return WD_OK;
}

// A 64-bit table (memory64) may hold up to 2^64-1 elements, a 64-bit memory
// 2^48 pages (the whole 64-bit address space).
static wd_status_t check_table(const wd_tabletype_t *t, size_t at, wd_diag_t *diag) {
  if (t->lim.is64)
    return check_limits(&t->lim, UINT64_MAX, "table size must be at most 2^64-1", at, diag);
  return check_limits(&t->lim, UINT32_MAX, "table size must be at most 2^32-1", at, diag);
}

static wd_status_t check_memory(const wd_memtype_t *t, size_t at, wd_diag_t *diag) {
  if (t->lim.is64)
    return check_limits(&t->lim, (uint64_t)1 << 48, "memory size must be at most 2^48 pages", at,
                        diag);
  return check_limits(&t->lim, MAX_PAGES, "memory size must be at most 65536 pages (4GiB)", at,
                      diag);
}

// Pops a value of type t from a constant expression's type stack.
static bool pop_t(const wd_module_t *m, wd_vt_t *stk, size_t *depth, wd_vt_t t) {
  if (*depth == 0 || !wd_vt_sub(m, stk[*depth - 1], t))
    return false;
  --*depth;
  return true;
}

// Types a GC instruction of a constant expression (0xFB: struct.new,
// struct.new_default, array.new, array.new_default, array.new_fixed,
// the conversions, ref.i31): pops its operands, its result in *t.
static wd_status_t const_gc(const wd_module_t *m, const wd_bin_instr_t *in, wd_vt_t *stk,
                            size_t *depth, wd_vt_t *t, wd_diag_t *diag) {
  uint32_t sub = in->sub;
  if (sub == 28) {
    *t = WD_VT_REF(false, WD_HT_I31);
    return pop_t(m, stk, depth, WD_I32)
               ? WD_OK
               : wd_diag_set(diag, WD_ERR_INVALID, in->at, "type mismatch");
  }
  if (sub == 26 || sub == 27) {
    uint32_t from = sub == 26 ? WD_HT_EXTERN : WD_HT_ANY, to = sub == 26 ? WD_HT_ANY : WD_HT_EXTERN;
    if (*depth == 0 || !wd_vt_sub(m, stk[*depth - 1], WD_VT_REF(true, from)))
      return wd_diag_set(diag, WD_ERR_INVALID, in->at, "type mismatch");
    *t = WD_VT_REF(wd_vt_nullable(stk[--*depth]), to);
    return WD_OK;
  }
  uint32_t x = in->idx;
  if (x >= m->ntypes)
    return invalid(diag, in->at, "unknown type", x);
  const wd_subtype_t *st = &m->sub[x];
  if (st->comp != (sub <= 1 ? WD_COMP_STRUCT : WD_COMP_ARRAY))
    return wd_diag_set(diag, WD_ERR_INVALID, in->at, "type mismatch");
  *t = WD_VT_REF(false, WD_HT_IDX + x);
  bool ok = true;
  switch (sub) {
  case 0:
    for (uint32_t k = st->nfields; k-- > 0 && ok;)
      ok = pop_t(m, stk, depth, wd_storage_unpacked(st->fields[k].type));
    break;
  case 1:
    for (uint32_t k = 0; k < st->nfields; k++)
      if (!wd_storage_defaultable(st->fields[k].type))
        return wd_diag_set(diag, WD_ERR_INVALID, in->at, "field type is not defaultable");
    break;
  case 6:
    ok = pop_t(m, stk, depth, WD_I32) &&
         pop_t(m, stk, depth, wd_storage_unpacked(st->fields[0].type));
    break;
  case 7: ok = pop_t(m, stk, depth, WD_I32); break;
  default: // array.new_fixed
    if (in->idx2 > WD_MAX_ARRAY_NEW_FIXED)
      return wd_diag_set(diag, WD_ERR_INVALID, in->at, "too many array elements");
    for (uint32_t k = 0; k < in->idx2 && ok; k++)
      ok = pop_t(m, stk, depth, wd_storage_unpacked(st->fields[0].type));
    break;
  }
  return ok ? WD_OK : wd_diag_set(diag, WD_ERR_INVALID, in->at, "type mismatch");
}

// A constant expression of type `want` (spec 3.3.10): t.const, ref.null,
// ref.func, global.get of an immutable global the expression may see, and
// with extended-const the i32 and i64 add, sub and mul. The globals it may
// see are the imported ones (`visible` = nimported_globals), or with gc
// (Wasm 3.0) also the defined ones before it (`visible`). As in the
// reference, every instruction is first checked to be constant, then the
// sequence is typed.
static wd_status_t check_const(const wd_module_t *m, wd_constexpr_t e, wd_vt_t want,
                               uint32_t visible, wd_diag_t *diag) {
  wd_diag_t scratch;
  wd_bin_reader_t r;
  size_t end = (size_t)e.off + e.len;
  if (e.len == 0 || end > m->size)
    return wd_diag_set(diag, WD_ERR_INVALID, e.off, "type mismatch");
  if (!(m->features & WD_FEAT_GC))
    visible = m->nimported_globals;
  bool ext = (m->features & WD_FEAT_EXTENDED_CONST) != 0;
  // Pass 1: constness (excluding the final `end`).
  wd_diag_clear(&scratch);
  wd_bin_reader_init(&r, m->bytes, e.off, end - 1, &scratch);
  while (!wd_bin_at_end(&r)) {
    wd_bin_instr_t in;
    if (!wd_bin_skip_instr(&r, m->features, &in))
      return wd_diag_set(diag, WD_ERR_INVALID, wd_bin_offset(&r), "constant expression required");
    switch (in.op) {
    case 0x41:
    case 0x42:
    case 0x43:
    case 0x44:
    case 0xd0:
    case 0xd2: break;
    case 0x6a: // i32.add, sub, mul
    case 0x6b:
    case 0x6c:
    case 0x7c: // i64.add, sub, mul
    case 0x7d:
    case 0x7e:
      if (!ext)
        return wd_diag_set(diag, WD_ERR_INVALID, in.at, "constant expression required");
      break;
    case 0x23:
      if (in.idx >= visible)
        return invalid(diag, in.at, "unknown global", in.idx);
      if (m->global_types[in.idx].mut)
        return wd_diag_set(diag, WD_ERR_INVALID, in.at, "constant expression required");
      break;
    case 0xfd:
      if (in.sub == 0x0c) // v128.const
        break;
      return wd_diag_set(diag, WD_ERR_INVALID, in.at, "constant expression required");
    case 0xfb: // GC: the allocations, ref.i31, the conversions
      if ((m->features & WD_FEAT_GC) &&
          (in.sub <= 1 || (in.sub >= 6 && in.sub <= 8) || (in.sub >= 26 && in.sub <= 28)))
        break;
      return wd_diag_set(diag, WD_ERR_INVALID, in.at, "constant expression required");
    default: return wd_diag_set(diag, WD_ERR_INVALID, in.at, "constant expression required");
    }
  }
  // Pass 2: typing, over a stack of types (each push is one byte at
  // least, so the expression's length bounds its depth).
  wd_vt_t small[32];
  wd_vt_t *stk = e.len <= 32 ? small : wd_malloc(e.len * sizeof *stk);
  if (!stk)
    return wd_diag_set(diag, WD_ERR_RESOURCE, WD_NO_OFFSET, "out of memory");
  wd_bin_reader_init(&r, m->bytes, e.off, end - 1, &scratch);
  size_t depth = 0;
  size_t at = e.off;
  wd_status_t st = WD_OK;
  while (st == WD_OK && !wd_bin_at_end(&r)) {
    wd_bin_instr_t in;
    if (!wd_bin_skip_instr(&r, m->features, &in))
      break;
    wd_vt_t t = WD_BOT;
    at = in.at;
    switch (in.op) {
    case 0x41: t = WD_I32; break;
    case 0x42: t = WD_I64; break;
    case 0x43: t = WD_F32; break;
    case 0x44: t = WD_F64; break;
    case 0xd0:
      t = WD_VT_REF(true, in.idx);
      if (!wd_vt_known(t, m->ntypes))
        st = invalid(diag, in.at, "unknown type", in.idx - WD_HT_IDX);
      break;
    case 0xd2:
      if (in.idx >= m->nfuncs)
        st = invalid(diag, in.at, "unknown function", in.idx);
      t = st == WD_OK ? wd_func_ref_type(m, in.idx) : WD_FUNCREF;
      break;
    case 0x23: t = m->global_types[in.idx].type; break;
    case 0x6a:
    case 0x6b:
    case 0x6c:
    case 0x7c:
    case 0x7d:
    case 0x7e:
      t = in.op < 0x7c ? WD_I32 : WD_I64;
      if (depth < 2 || stk[depth - 1] != t || stk[depth - 2] != t)
        st = wd_diag_set(diag, WD_ERR_INVALID, in.at, "type mismatch");
      else
        depth -= 2;
      break;
    case 0xfb: st = const_gc(m, &in, stk, &depth, &t, diag); break;
    default: t = WD_V128; break;
    }
    stk[depth++] = t;
  }
  if (st == WD_OK && (depth != 1 || !wd_vt_sub(m, stk[0], want)))
    st = wd_diag_set(diag, WD_ERR_INVALID, depth ? at : e.off, "type mismatch");
  if (stk != small)
    wd_free(stk);
  return st;
}

static wd_status_t check_func_ref(const wd_module_t *m, uint32_t f, size_t at, wd_diag_t *diag) {
  if (f >= m->nfuncs)
    return invalid(diag, at, "unknown function", f);
  return WD_OK;
}

static wd_status_t check_elem(const wd_module_t *m, const wd_elem_t *e, wd_diag_t *diag) {
  wd_status_t st;
  for (uint32_t k = 0; k < e->count; k++) {
    if (e->funcs)
      st = check_func_ref(m, e->funcs[k], e->at, diag);
    else
      st = check_const(m, e->exprs[k], e->type, m->nglobals, diag);
    if (st != WD_OK)
      return st;
  }
  if (e->mode != WD_SEG_ACTIVE)
    return WD_OK;
  if (e->table >= m->ntables)
    return invalid(diag, e->at, "unknown table", e->table);
  if (!wd_vt_sub(m, e->type, m->tables[e->table].elem))
    return wd_diag_set(diag, WD_ERR_INVALID, e->at, "type mismatch");
  return check_const(m, e->offset, wd_addrtype(&m->tables[e->table].lim), m->nglobals, diag);
}

static int cmp_export(const void *a, const void *b) {
  const wd_export_t *x = *(const wd_export_t *const *)a;
  const wd_export_t *y = *(const wd_export_t *const *)b;
  if (x->name_len != y->name_len)
    return x->name_len < y->name_len ? -1 : 1;
  int c = x->name_len ? memcmp(x->name, y->name, x->name_len) : 0;
  if (c != 0)
    return c;
  return x < y ? -1 : x > y; // stable: earlier exports first
}

// The index of the first export whose name an earlier export already has,
// or nexports; UINT32_MAX if out of memory.
static uint32_t first_duplicate_export(const wd_module_t *m) {
  if (m->nexports < 2)
    return m->nexports;
  const wd_export_t **v = wd_calloc(m->nexports, sizeof *v);
  if (v == NULL)
    return UINT32_MAX;
  for (uint32_t i = 0; i < m->nexports; i++)
    v[i] = &m->exports[i];
  qsort(v, m->nexports, sizeof *v, cmp_export);
  uint32_t first = m->nexports;
  for (uint32_t i = 1; i < m->nexports; i++) {
    const wd_export_t *a = v[i - 1], *b = v[i];
    if (a->name_len == b->name_len && memcmp(a->name, b->name, a->name_len) == 0) {
      uint32_t idx = (uint32_t)(b - m->exports);
      if (idx < first)
        first = idx;
    }
  }
  wd_free(v);
  return first;
}

static wd_status_t check_export(const wd_module_t *m, const wd_export_t *ex, wd_diag_t *diag) {
  switch (ex->kind) {
  case WD_EXTERN_FUNC:
    if (ex->index >= m->nfuncs)
      return invalid(diag, WD_NO_OFFSET, "unknown function", ex->index);
    break;
  case WD_EXTERN_TABLE:
    if (ex->index >= m->ntables)
      return invalid(diag, WD_NO_OFFSET, "unknown table", ex->index);
    break;
  case WD_EXTERN_MEMORY:
    if (ex->index >= m->nmemories)
      return invalid(diag, WD_NO_OFFSET, "unknown memory", ex->index);
    break;
  case WD_EXTERN_TAG:
    if (ex->index >= m->ntags)
      return invalid(diag, WD_NO_OFFSET, "unknown tag", ex->index);
    break;
  default:
    if (ex->index >= m->nglobals)
      return invalid(diag, WD_NO_OFFSET, "unknown global", ex->index);
    break;
  }
  return WD_OK;
}

// A tag's type: a function type without results.
static wd_status_t check_tag(const wd_module_t *m, uint32_t type, wd_diag_t *diag) {
  if (type >= m->ntypes)
    return invalid(diag, WD_NO_OFFSET, "unknown type", type);
  if (m->sub[type].comp != WD_COMP_FUNC)
    return invalid(diag, WD_NO_OFFSET, "non-function type", type);
  if (m->types[type].nresults != 0)
    return wd_diag_set(diag, WD_ERR_INVALID, WD_NO_OFFSET, "non-empty tag result type");
  return WD_OK;
}

// The type indices in value type t name types of the module.
static wd_status_t check_vt(const wd_module_t *m, wd_vt_t t, wd_diag_t *diag) {
  if (!wd_vt_known(t, m->ntypes))
    return invalid(diag, WD_NO_OFFSET, "unknown type", wd_vt_heap(t) - WD_HT_IDX);
  return WD_OK;
}

// The longest supertype chain a type may have: the JS API's limit for web
// engines (a type without a supertype has depth 0); the core spec leaves
// such limits to the implementation. Each canonical type holds its whole
// chain (ir/rtt.h), so without a bound a chain of n types would take memory
// quadratic in n: 400 MB for 10,000 types, 40 GB for 100,000 (a module of
// some hundred kilobytes).
#define MAX_SUBTYPE_DEPTH 63

wd_status_t wd_valid_types(const wd_module_t *m, wd_diag_t *diag) {
  // A type refers to types of its own recursive group and to those before
  // it; its supertype comes before it.
  for (uint32_t i = 0; i < m->ntypes; i++) {
    const wd_subtype_t *st = &m->sub[i];
    uint32_t limit = st->rec + st->rec_len;
    if (st->super != UINT32_MAX && st->super >= i)
      return invalid(diag, WD_NO_OFFSET, "unknown type", st->super);
    // Each supertype before it: the walk ends.
    uint32_t depth = 0;
    for (uint32_t x = st->super; x != UINT32_MAX; x = m->sub[x].super)
      if (++depth > MAX_SUBTYPE_DEPTH)
        return wd_diag_set(diag, WD_ERR_INVALID, WD_NO_OFFSET,
                           "subtype depth of type %u over the limit of %d", i, MAX_SUBTYPE_DEPTH);
    const wd_functype_t *ft = &m->types[i];
    for (uint32_t k = 0; k < ft->nparams + ft->nresults; k++)
      if (!wd_vt_known(ft->types[k], limit))
        return invalid(diag, WD_NO_OFFSET, "unknown type", wd_vt_heap(ft->types[k]) - WD_HT_IDX);
    for (uint32_t k = 0; k < st->nfields; k++)
      if (!wd_vt_known(st->fields[k].type, limit))
        return invalid(diag, WD_NO_OFFSET, "unknown type",
                       wd_vt_heap(st->fields[k].type) - WD_HT_IDX);
  }
  return WD_OK;
}

// A field (or element) of a subtype matches its supertype's: the same
// mutability, and a mutable one the same type, an immutable one a subtype.
static bool field_sub(const wd_module_t *m, const wd_field_t *a, const wd_field_t *b) {
  if (a->mut != b->mut)
    return false;
  if (wd_storage_packed(a->type) || wd_storage_packed(b->type))
    return a->type == b->type;
  return wd_vt_sub(m, a->type, b->type) && (!a->mut || wd_vt_sub(m, b->type, a->type));
}

// Type i matches the supertype it declares (spec 3.0, "defined types").
static bool sub_ok(const wd_module_t *m, uint32_t i) {
  const wd_subtype_t *st = &m->sub[i], *sp = &m->sub[st->super];
  if (sp->final || sp->comp != st->comp)
    return false;
  if (st->comp == WD_COMP_FUNC) {
    const wd_functype_t *a = &m->types[i], *b = &m->types[st->super];
    if (a->nparams != b->nparams || a->nresults != b->nresults)
      return false;
    for (uint32_t k = 0; k < a->nparams; k++)
      if (!wd_vt_sub(m, b->types[k], a->types[k]))
        return false;
    for (uint32_t k = a->nparams; k < a->nparams + a->nresults; k++)
      if (!wd_vt_sub(m, a->types[k], b->types[k]))
        return false;
    return true;
  }
  if (st->nfields < sp->nfields)
    return false;
  for (uint32_t k = 0; k < sp->nfields; k++)
    if (!field_sub(m, &st->fields[k], &sp->fields[k]))
      return false;
  return true;
}

wd_status_t wd_valid_module(const wd_module_t *m, wd_diag_t *diag) {
  wd_status_t st;
  for (uint32_t i = 0; i < m->ntypes; i++)
    if (m->sub[i].super != UINT32_MAX && !sub_ok(m, i))
      return wd_diag_set(diag, WD_ERR_INVALID, WD_NO_OFFSET, "sub type");
  for (uint32_t g = 0; g < m->nglobals; g++)
    if ((st = check_vt(m, m->global_types[g].type, diag)) != WD_OK)
      return st;
  for (uint32_t t = 0; t < m->ntables; t++)
    if ((st = check_vt(m, m->tables[t].elem, diag)) != WD_OK)
      return st;
  for (uint32_t e = 0; e < m->nelems; e++)
    if ((st = check_vt(m, m->elems[e].type, diag)) != WD_OK)
      return st;
  for (uint32_t b = 0; b < m->nbodies; b++)
    for (uint32_t r = 0; r < m->bodies[b].nlocalruns; r++)
      if ((st = check_vt(m, m->bodies[b].localruns[r].type, diag)) != WD_OK)
        return st;
  // Imports.
  for (uint32_t i = 0; i < m->nimports; i++) {
    const wd_import_t *im = &m->imports[i];
    switch (im->kind) {
    case WD_EXTERN_FUNC:
      if (im->u.func_type >= m->ntypes)
        return invalid(diag, WD_NO_OFFSET, "unknown type", im->u.func_type);
      if (m->sub[im->u.func_type].comp != WD_COMP_FUNC)
        return invalid(diag, WD_NO_OFFSET, "non-function type", im->u.func_type);
      break;
    case WD_EXTERN_TABLE:
      if ((st = check_table(&im->u.table, WD_NO_OFFSET, diag)) != WD_OK)
        return st;
      break;
    case WD_EXTERN_MEMORY:
      if ((st = check_memory(&im->u.memory, WD_NO_OFFSET, diag)) != WD_OK)
        return st;
      break;
    default: break;
    }
  }
  // Defined functions' types.
  for (uint32_t f = m->nimported_funcs; f < m->nfuncs; f++) {
    if (m->func_types[f] >= m->ntypes || m->sub[m->func_types[f]].comp != WD_COMP_FUNC) {
      st = invalid(diag, WD_NO_OFFSET,
                   m->func_types[f] >= m->ntypes ? "unknown type" : "non-function type",
                   m->func_types[f]);
      diag->func = f;
      return st;
    }
  }
  for (uint32_t t = 0; t < m->ntags; t++)
    if ((st = check_tag(m, m->tag_types[t], diag)) != WD_OK)
      return st;
  // Globals: constant initializers of the declared type.
  for (uint32_t g = m->nimported_globals; g < m->nglobals; g++) {
    const wd_global_t *gl = &m->globals[g - m->nimported_globals];
    if ((st = check_const(m, gl->init, gl->type.type, g, diag)) != WD_OK)
      return st;
  }
  for (uint32_t t = m->nimported_tables; t < m->ntables; t++) {
    const wd_tabletype_t *tt = &m->tables[t];
    if ((st = check_table(tt, WD_NO_OFFSET, diag)) != WD_OK)
      return st;
    // Its initial value, which may read imported globals only; a table of
    // a non-nullable type must have one.
    if (tt->has_init)
      st = check_const(m, tt->init, tt->elem, m->nimported_globals, diag);
    else if (!wd_vt_nullable(tt->elem))
      st = wd_diag_set(diag, WD_ERR_INVALID, WD_NO_OFFSET, "type mismatch");
    if (st != WD_OK)
      return st;
  }
  for (uint32_t i = m->nimported_memories; i < m->nmemories; i++)
    if ((st = check_memory(&m->memories[i], WD_NO_OFFSET, diag)) != WD_OK)
      return st;
  for (uint32_t i = 0; i < m->nelems; i++)
    if ((st = check_elem(m, &m->elems[i], diag)) != WD_OK)
      return st;
  for (uint32_t i = 0; i < m->ndatas; i++) {
    const wd_data_t *s = &m->datas[i];
    if (s->mode != WD_SEG_ACTIVE)
      continue;
    if (s->memory >= m->nmemories)
      return invalid(diag, s->offset.off, "unknown memory", s->memory);
    if ((st = check_const(m, s->offset, wd_addrtype(&m->memories[s->memory].lim), m->nglobals,
                          diag)) != WD_OK)
      return st;
  }
  // (Function bodies are validated by src/valid's body validator.)
  if (m->has_start) {
    if (m->start >= m->nfuncs)
      return invalid(diag, WD_NO_OFFSET, "unknown function", m->start);
    const wd_functype_t *ft = &m->types[m->func_types[m->start]];
    if (ft->nparams != 0 || ft->nresults != 0)
      return wd_diag_set(diag, WD_ERR_INVALID, WD_NO_OFFSET,
                         "start function must have type [] -> []");
  }
  uint32_t dup = first_duplicate_export(m);
  if (dup == UINT32_MAX)
    return wd_diag_set(diag, WD_ERR_RESOURCE, WD_NO_OFFSET, "out of memory");
  for (uint32_t i = 0; i < m->nexports; i++) {
    if ((st = check_export(m, &m->exports[i], diag)) != WD_OK)
      return st;
    if (i == dup)
      return wd_diag_set(diag, WD_ERR_INVALID, WD_NO_OFFSET, "duplicate export name \"%s\"",
                         m->exports[i].name);
  }
  // Without multi-memory, Wasm 2.0's rule and its wording, and the feature
  // that would allow the module.
  if (m->nmemories > 1 && !(m->features & WD_FEAT_MULTI_MEMORY))
    return wd_diag_set(diag, WD_ERR_INVALID, WD_NO_OFFSET,
                       "multiple memories (%s support is not enabled)",
                       wd_feature_name(WD_FEAT_MULTI_MEMORY));
  return WD_OK;
}
