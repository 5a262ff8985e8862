// SPDX-License-Identifier: Apache-2.0
// Modules and instances: decode+validate+compile, import matching,
// instantiation in the spec's order, exports, calls, and errors.
#include <stdarg.h>
#include <string.h>

#include "interp/code.h"
#include "interp/exec_gc.h"
#include "ir/rtt.h"
#include "runtime/gc.h"
#include "runtime/rt.h"
#include "util/alloc.h"
#include "util/leb128.h"

// ---- errors -----------------------------------------------------------------

ward_error_t *wd_error_from(const wd_diag_t *d) {
  ward_error_t *e = wd_calloc(1, sizeof *e);
  if (e)
    e->d = *d;
  return e;
}

ward_error_t *wd_error_new(wd_status_t st, const char *fmt, ...) {
  wd_diag_t d;
  va_list ap;
  wd_diag_clear(&d);
  va_start(ap, fmt);
  wd_diag_vset(&d, st, WD_NO_OFFSET, fmt, ap);
  va_end(ap);
  return wd_error_from(&d);
}

static ward_errkind_t errkind(wd_status_t st) {
  switch (st) {
  case WD_ERR_MALFORMED: return WARD_ERROR_MALFORMED;
  case WD_ERR_INVALID: return WARD_ERROR_INVALID;
  case WD_ERR_UNLINKABLE: return WARD_ERROR_UNLINKABLE;
  case WD_ERR_UNINSTANTIABLE: return WARD_ERROR_UNINSTANTIABLE;
  case WD_ERR_TRAP: return WARD_ERROR_TRAP;
  case WD_ERR_RESOURCE: return WARD_ERROR_RESOURCE;
  default: return WARD_ERROR_ARGUMENT;
  }
}

ward_errkind_t ward_error_kind(const ward_error_t *e) { return errkind(e->d.status); }
const char *ward_error_message(const ward_error_t *e) { return e->d.msg; }
size_t ward_error_offset(const ward_error_t *e) { return e->d.offset; }
uint32_t ward_error_func(const ward_error_t *e) { return e->d.func; }
void ward_error_delete(ward_error_t *e) { wd_free(e); }

// ---- modules ----------------------------------------------------------------

// Frees a decoded module and the code compiled for it.
static void module_free(wd_module_t *m) {
  for (uint32_t i = 0; i < m->nbodies; i++)
    wd_code_free(m->bodies[i].code);
  wd_module_free(m);
}

static void plan_free(ward_module_t *mod);

ward_error_t *ward_module_new(ward_engine_t *engine, const uint8_t *bytes, size_t size,
                              ward_module_t **out) {
  wd_diag_t d;
  wd_diag_clear(&d);
  *out = NULL;
  if (!bytes && size)
    return wd_error_new(WD_ERR_ARGUMENT, "no bytes");
  wd_module_t *m = NULL;
  if (wd_bin_decode(bytes, size, engine->cfg.features, &m, &d) != WD_OK)
    return wd_error_from(&d);
  if (wd_valid_types(m, &d) != WD_OK) {
    ward_error_t *e = wd_error_from(&d);
    wd_module_free(m);
    return e;
  }
  if (!wd_rtt_canon_module(engine->rtts, m)) {
    wd_module_free(m);
    return wd_error_new(WD_ERR_RESOURCE, "out of memory");
  }
  m->meter = engine->meter;
  if (wd_valid_module(m, &d) != WD_OK ||
      wd_compile_module(m, !engine->cfg.eager_compile, &d) != WD_OK) {
    // The spec decodes everything before it validates anything: a body
    // that is malformed wins over an invalid module.
    wd_diag_t d2;
    wd_diag_clear(&d2);
    ward_error_t *e = wd_error_from(wd_bin_skim_bodies(m, &d2) != WD_OK ? &d2 : &d);
    wd_module_free(m);
    return e;
  }
  ward_module_t *mod = wd_calloc(1, sizeof *mod);
  if (!mod) {
    module_free(m);
    return wd_error_new(WD_ERR_RESOURCE, "out of memory");
  }
  mod->engine = engine;
  mod->m = m;
  if (!wd_module_plan(mod)) {
    ward_module_delete(mod);
    return wd_error_new(WD_ERR_RESOURCE, "out of memory");
  }
  *out = mod;
  return NULL;
}

void ward_module_delete(ward_module_t *module) {
  if (!module)
    return;
  plan_free(module);
  module_free(module->m);
  wd_free(module);
}

size_t ward_module_import_count(const ward_module_t *m) { return m->m->nimports; }

void ward_module_import(const ward_module_t *m, size_t i, ward_importdesc_t *out) {
  const wd_import_t *im = &m->m->imports[i];
  out->module = im->module;
  out->module_len = im->module_len;
  out->name = im->name;
  out->name_len = im->name_len;
  out->kind = (ward_externkind_t)im->kind;
}

size_t ward_module_export_count(const ward_module_t *m) { return m->m->nexports; }

void ward_module_export(const ward_module_t *m, size_t i, ward_exportdesc_t *out) {
  const wd_export_t *ex = &m->m->exports[i];
  out->name = ex->name;
  out->name_len = ex->name_len;
  out->kind = (ward_externkind_t)ex->kind;
}

// ---- constant expressions -------------------------------------------------------

// A GC allocation in a constant expression: struct.new (sub 0),
// struct.new_default (1), array.new (6), array.new_default (7),
// array.new_fixed (8, n elements) of type t, its operands popped from
// stack and the reference pushed. Never collects (nothing of the instance
// is a root yet). False if out of memory.
static bool const_alloc(const ward_instance_t *inst, uint32_t sub, uint32_t t, uint32_t n,
                        wd_cell_t (*stack)[2], size_t *sp) {
  const wd_rtt_t *rtt = inst->m->rtts[t];
  wd_gcobj_t *o;
  if (sub <= 1) {
    o = wd_gc_new_struct(inst->store, rtt, NULL);
    if (!o)
      return false;
    if (sub == 0) {
      *sp -= rtt->nfields;
      for (uint32_t k = 0; k < rtt->nfields; k++)
        wd_gc_store(WD_GC_PAYLOAD(o) + rtt->fields[k].offset, rtt->fields[k].size, stack[*sp + k]);
    }
  } else {
    wd_cell_t fill[2] = {{0}, {0}};
    if (sub == 6 || sub == 7)
      n = stack[--*sp][0].i32;
    if (sub == 6) {
      --*sp;
      fill[0] = stack[*sp][0];
      fill[1] = stack[*sp][1];
    }
    o = wd_gc_new_array(inst->store, rtt, n, NULL);
    if (!o)
      return false;
    uint8_t *p = WD_GC_PAYLOAD(o);
    if (sub == 8)
      *sp -= n;
    for (uint32_t i = 0; i < n && sub != 7; i++)
      wd_gc_store(p + (size_t)i * rtt->size, rtt->size, sub == 8 ? stack[*sp + i] : fill);
  }
  stack[*sp][0].ref = o;
  stack[*sp][1].i64 = 0;
  ++*sp;
  return true;
}

typedef enum const_result {
  CONST_OK,
  CONST_NO_MEMORY,
  CONST_NEEDS_INSTANCE, // global.get, ref.func or an allocation, and no instance
} const_result_t;

// Evaluates a validated constant expression of module m against the
// instance built so far (imported and earlier globals, all functions), or
// against none (inst NULL) where it needs none. The value goes to out.
// CONST_NO_MEMORY if out of memory (a long extended-constant expression
// needs a stack of its own: it is at most one value per byte deep).
static const_result_t eval_const(const wd_module_t *m, const ward_instance_t *inst,
                                 wd_constexpr_t ce, wd_cell_t out[2]) {
  const uint8_t *p = m->bytes + ce.off, *end = p + ce.len;
  wd_cell_t small[16][2];
  wd_cell_t(*stack)[2] = ce.len <= 16 ? small : wd_calloc(ce.len, sizeof *stack);
  if (!stack)
    return CONST_NO_MEMORY;
  const_result_t r = CONST_NO_MEMORY;
  size_t sp = 0;
  memset(small, 0, sizeof small);
  while (p < end) {
    uint8_t op = *p++;
    size_t len = 0;
    int64_t sv;
    uint64_t uv;
    switch (op) {
    case 0x41:
      wd_leb_read_signed(p, end, 32, &sv, &len);
      WD_PUT_I32(stack[sp++][0], (uint32_t)sv);
      break;
    case 0x42:
      wd_leb_read_signed(p, end, 64, &sv, &len);
      stack[sp++][0].i64 = (uint64_t)sv;
      break;
    case 0x43:
      memcpy(&stack[sp++][0].f32, p, 4); // validated: 4 bytes present
      len = 4;
      break;
    case 0x44:
      memcpy(&stack[sp++][0].f64, p, 8);
      len = 8;
      break;
    case 0xFD: // v128.const (prefix 0xFD, sub-opcode 12)
      wd_leb_read_unsigned(p, end, 32, &uv, &len);
      memcpy(stack[sp++], p + len, 16);
      len += 16;
      break;
    case 0xD0: // ref.null heaptype (an s33)
      wd_leb_read_signed(p, end, 33, &sv, &len);
      stack[sp++][0].ref = NULL;
      break;
    case 0xFB: { // GC (Wasm 3.0): the allocations, and ref.i31
      uint64_t sub, t = 0, n = 0;
      size_t l2 = 0;
      wd_leb_read_unsigned(p, end, 32, &sub, &len);
      if (sub != 26 && sub != 27 && sub != 28) {
        wd_leb_read_unsigned(p + len, end, 32, &t, &l2);
        len += l2;
      }
      if (sub == 8) {
        wd_leb_read_unsigned(p + len, end, 32, &n, &l2);
        len += l2;
      }
      if (sub == 28) { // ref.i31
        stack[sp - 1][0].ref = wd_i31_new(stack[sp - 1][0].i32);
        break;
      }
      if (sub == 26 || sub == 27) // the conversions: the same value (gc.h)
        break;
      if (!inst) {
        r = CONST_NEEDS_INSTANCE;
        goto fail;
      }
      if (!const_alloc(inst, (uint32_t)sub, (uint32_t)t, (uint32_t)n, stack, &sp))
        goto fail;
      break;
    }
    case 0xD2:
      if (!inst) {
        r = CONST_NEEDS_INSTANCE;
        goto fail;
      }
      wd_leb_read_unsigned(p, end, 32, &uv, &len);
      stack[sp++][0].ref = inst->funcs[uv];
      break;
    case 0x23: {
      if (!inst) {
        r = CONST_NEEDS_INSTANCE;
        goto fail;
      }
      wd_leb_read_unsigned(p, end, 32, &uv, &len);
      ward_global_t *g = inst->globals[uv];
      stack[sp][0] = g->val[0];
      stack[sp++][1] = g->val[1];
      break;
    }
    // Extended constant expressions (Wasm 3.0).
    case 0x6A:
      sp--;
      stack[sp - 1][0].i32 += stack[sp][0].i32;
      break;
    case 0x6B:
      sp--;
      stack[sp - 1][0].i32 -= stack[sp][0].i32;
      break;
    case 0x6C:
      sp--;
      stack[sp - 1][0].i32 *= stack[sp][0].i32;
      break;
    case 0x7C:
      sp--;
      stack[sp - 1][0].i64 += stack[sp][0].i64;
      break;
    case 0x7D:
      sp--;
      stack[sp - 1][0].i64 -= stack[sp][0].i64;
      break;
    case 0x7E:
      sp--;
      stack[sp - 1][0].i64 *= stack[sp][0].i64;
      break;
    default: // 0x0B end
      p = end;
      break;
    }
    p += len;
  }
  out[0] = stack[0][0];
  out[1] = stack[0][1];
  if (stack != small)
    wd_free(stack);
  return CONST_OK;
fail:
  if (stack != small)
    wd_free(stack);
  return r;
}

// The value of constant expression ce of the instance's module: k's if
// known, else evaluated. False if out of memory.
static bool const_value(const ward_instance_t *inst, const wd_known_t *k, wd_constexpr_t ce,
                        wd_cell_t out[2]) {
  if (k->known) {
    out[0] = k->val[0];
    out[1] = k->val[1];
    return true;
  }
  return eval_const(inst->m, inst, ce, out) == CONST_OK;
}

// ---- import matching ------------------------------------------------------------

static bool limits_match(const wd_limits_t *have, const wd_limits_t *want) {
  if (have->is64 != want->is64 || have->min < want->min)
    return false;
  if (want->has_max) {
    if (!have->has_max || have->max > want->max)
      return false;
  }
  return true;
}

static bool import_matches(const wd_module_t *m, const wd_import_t *im, const ward_extern_t *ex) {
  if ((uint8_t)ex->kind != im->kind)
    return false;
  switch (im->kind) {
  case WD_EXTERN_FUNC:
    return ex->of.func && m->sub[im->u.func_type].comp == WD_COMP_FUNC &&
           wd_rtt_sub(ex->of.func->rtt, m->rtts[im->u.func_type]);
  case WD_EXTERN_TABLE: {
    const ward_table_t *t = ex->of.table;
    wd_limits_t have = t->type.lim;
    have.min = t->size;
    return wd_vt_sub2(t->tm, t->type.elem, m, im->u.table.elem) &&
           wd_vt_sub2(m, im->u.table.elem, t->tm, t->type.elem) &&
           limits_match(&have, &im->u.table.lim);
  }
  case WD_EXTERN_MEMORY: {
    const ward_memory_t *mem = ex->of.memory;
    wd_limits_t have = mem->type.lim;
    have.min = mem->pages;
    return limits_match(&have, &im->u.memory.lim);
  }
  case WD_EXTERN_GLOBAL: {
    // An immutable global matches a supertype of its type, a mutable one
    // only its own type.
    const ward_global_t *g = ex->of.global;
    if (g->type.mut != im->u.global.mut)
      return false;
    return wd_vt_sub2(g->tm, g->type.type, m, im->u.global.type) &&
           (!g->type.mut || wd_vt_sub2(m, im->u.global.type, g->tm, g->type.type));
  }
  case WD_EXTERN_TAG: return ex->of.tag && ex->of.tag->rtt == m->rtts[im->u.tag_type];
  }
  return false;
}

// ---- instantiation --------------------------------------------------------------

static void instance_link(ward_store_t *s, ward_instance_t *inst) {
  inst->next = s->instances;
  s->instances = inst;
}

// The public API reads a function's type without its module (ward_func_type):
// a wasm function whose type names struct or array types by index gets, in
// own_type, its type with those as (ref null? any), so that they read as
// anyref (nullable or not as they were). Here for function type ft of m:
// *out gets that type (its types allocated), or types NULL if ft names no
// such type. False if out of memory.
static bool public_functype(const wd_module_t *m, const wd_functype_t *ft, wd_functype_t *out) {
  size_t n = (size_t)ft->nparams + ft->nresults;
  bool named = false;
  for (size_t k = 0; k < n; k++)
    named = named || wd_vt_kind(m, ft->types[k]) != wd_vt_kind(NULL, ft->types[k]);
  memset(out, 0, sizeof *out);
  if (!named)
    return true;
  *out = *ft;
  out->types = wd_malloc(n * sizeof *ft->types);
  if (!out->types)
    return false;
  for (size_t k = 0; k < n; k++) {
    wd_vt_t t = ft->types[k];
    out->types[k] = wd_valtype_is_ref(t)
                        ? WD_VT_REF(wd_vt_nullable(t), wd_vt_heap(wd_kind_vt(wd_vt_kind(m, t))))
                        : t;
  }
  return true;
}

// A table of at most this many entries at its creation has them in its
// instance's block.
#define TABLE_INLINE_MAX 1024

// Reserves n items of `size` bytes at *at (16-byte aligned) in a plan:
// their offset, or false if the block would overflow.
static bool place(size_t *at, size_t n, size_t size, size_t *offset) {
  *offset = *at;
  if (size && n > (SIZE_MAX - *at - 15) / size)
    return false;
  *at = (*at + n * size + 15) & ~(size_t)15;
  return true;
}

// FNV-1a over an export's name.
static uint32_t name_hash(const char *name, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (uint8_t)name[i]) * 16777619u;
  return h;
}

// Of `n` constant expressions, those that need no instance, evaluated. NULL
// if out of memory.
static wd_known_t *known_values(const wd_module_t *m, size_t n,
                                const wd_constexpr_t *(*expr)(const wd_module_t *, size_t)) {
  wd_known_t *k = wd_calloc(n ? n : 1, sizeof *k);
  for (size_t i = 0; k && i < n; i++) {
    const wd_constexpr_t *ce = expr(m, i);
    if (!ce)
      continue;
    const_result_t r = eval_const(m, NULL, *ce, k[i].val);
    if (r == CONST_NO_MEMORY) {
      wd_free(k);
      return NULL;
    }
    k[i].known = r == CONST_OK;
  }
  return k;
}

static const wd_constexpr_t *global_init(const wd_module_t *m, size_t i) {
  return &m->globals[i].init;
}
static const wd_constexpr_t *elem_offset(const wd_module_t *m, size_t i) {
  return m->elems[i].mode == WD_SEG_ACTIVE ? &m->elems[i].offset : NULL;
}
static const wd_constexpr_t *data_offset(const wd_module_t *m, size_t i) {
  return m->datas[i].mode == WD_SEG_ACTIVE ? &m->datas[i].offset : NULL;
}

bool wd_module_plan(ward_module_t *mod) {
  const wd_module_t *m = mod->m;
  wd_inst_plan_t *pl = &mod->plan;
  size_t at = 0, self, inline_entries = 0, refs = 0;
  for (uint32_t i = m->nimported_tables; i < m->ntables; i++)
    if (m->tables[i].lim.min <= TABLE_INLINE_MAX)
      inline_entries += (size_t)m->tables[i].lim.min;
  for (uint32_t i = 0; i < m->nelems; i++)
    refs += m->elems[i].count;
  if (!place(&at, 1, sizeof(ward_instance_t), &self) ||
      !place(&at, m->nfuncs, sizeof(ward_func_t *), &pl->funcs) ||
      !place(&at, m->ntables, sizeof(ward_table_t *), &pl->tables) ||
      !place(&at, m->nmemories, sizeof(ward_memory_t *), &pl->memories) ||
      !place(&at, m->nglobals, sizeof(ward_global_t *), &pl->globals) ||
      !place(&at, m->nelems, sizeof(wd_elemseg_t), &pl->elems) ||
      !place(&at, m->ndatas, sizeof(wd_dataseg_t), &pl->datas) ||
      !place(&at, m->ntags, sizeof(ward_tag_t *), &pl->tags) ||
      !place(&at, m->nbodies, sizeof(ward_func_t), &pl->own_funcs) ||
      !place(&at, m->ntags - m->nimported_tags, sizeof(ward_tag_t), &pl->own_tags) ||
      !place(&at, m->nglobals - m->nimported_globals, sizeof(ward_global_t), &pl->own_globals) ||
      !place(&at, m->ntables - m->nimported_tables, sizeof(ward_table_t), &pl->own_tables) ||
      !place(&at, m->nmemories - m->nimported_memories, sizeof(ward_memory_t), &pl->own_memories) ||
      !place(&at, inline_entries, sizeof(void *), &pl->table_elems) ||
      !place(&at, refs, sizeof(void *), &pl->elem_refs))
    return false;
  pl->size = at;
  pl->pub_types = wd_calloc(m->ntypes ? m->ntypes : 1, sizeof *pl->pub_types);
  if (!pl->pub_types)
    return false;
  for (uint32_t t = 0; t < m->ntypes; t++)
    if (m->sub[t].comp == WD_COMP_FUNC && !public_functype(m, &m->types[t], &pl->pub_types[t]))
      return false;
  pl->global_inits = known_values(m, m->nglobals - m->nimported_globals, global_init);
  pl->elem_offsets = known_values(m, m->nelems, elem_offset);
  pl->data_offsets = known_values(m, m->ndatas, data_offset);
  if (!pl->global_inits || !pl->elem_offsets || !pl->data_offsets)
    return false;
  if (m->nexports >= 8) {
    uint32_t nb = 16;
    while (nb < 2 * m->nexports)
      nb *= 2;
    pl->export_slots = wd_calloc(nb, sizeof *pl->export_slots);
    if (!pl->export_slots)
      return false;
    pl->nbuckets = nb;
    for (uint32_t i = 0; i < m->nexports; i++) {
      uint32_t h = name_hash(m->exports[i].name, m->exports[i].name_len) & (nb - 1);
      while (pl->export_slots[h])
        h = (h + 1) & (nb - 1);
      pl->export_slots[h] = i + 1;
    }
  }
  return true;
}

static void plan_free(ward_module_t *mod) {
  wd_inst_plan_t *pl = &mod->plan;
  for (uint32_t t = 0; pl->pub_types && t < mod->m->ntypes; t++)
    wd_free(pl->pub_types[t].types);
  wd_free(pl->pub_types);
  wd_free(pl->global_inits);
  wd_free(pl->elem_offsets);
  wd_free(pl->data_offsets);
  wd_free(pl->export_slots);
  memset(pl, 0, sizeof *pl);
}

ward_error_t *ward_instance_new(ward_store_t *s, const ward_module_t *module,
                                const ward_extern_t *imports, size_t nimports,
                                ward_instance_t **out, ward_trap_t **trap) {
  const wd_module_t *m = module->m;
  *out = NULL;
  if (trap)
    *trap = NULL;
  if (nimports != m->nimports)
    return wd_error_new(WD_ERR_UNLINKABLE, "unknown import: wrong number of imports");
  for (uint32_t i = 0; i < m->nimports; i++) {
    if (!import_matches(m, &m->imports[i], &imports[i])) {
      wd_diag_t d;
      wd_diag_clear(&d);
      wd_diag_set(&d, WD_ERR_UNLINKABLE, WD_NO_OFFSET, "incompatible import type for %s::%s",
                  m->imports[i].module, m->imports[i].name);
      return wd_error_from(&d);
    }
  }
  // One block: the instance, its arrays, and what it defines (the plan).
  const wd_inst_plan_t *pl = &module->plan;
  uint8_t *blk = wd_calloc(1, pl->size);
  if (!blk)
    return wd_error_new(WD_ERR_RESOURCE, "out of memory");
  ward_instance_t *inst = (ward_instance_t *)(void *)blk;
  inst->store = s;
  inst->module = module;
  inst->m = m;
  inst->funcs = (ward_func_t **)(void *)(blk + pl->funcs);
  inst->tables = (ward_table_t **)(void *)(blk + pl->tables);
  inst->memories = (ward_memory_t **)(void *)(blk + pl->memories);
  inst->globals = (ward_global_t **)(void *)(blk + pl->globals);
  inst->elems = (wd_elemseg_t *)(void *)(blk + pl->elems);
  inst->datas = (wd_dataseg_t *)(void *)(blk + pl->datas);
  inst->tags = (ward_tag_t **)(void *)(blk + pl->tags);
  inst->own_funcs = (ward_func_t *)(void *)(blk + pl->own_funcs);
  inst->own_tags = (ward_tag_t *)(void *)(blk + pl->own_tags);
  ward_global_t *own_globals = (ward_global_t *)(void *)(blk + pl->own_globals);
  ward_table_t *own_tables = (ward_table_t *)(void *)(blk + pl->own_tables);
  ward_memory_t *own_memories = (ward_memory_t *)(void *)(blk + pl->own_memories);
  void **table_elems = (void **)(void *)(blk + pl->table_elems);
  void **elem_refs = (void **)(void *)(blk + pl->elem_refs);
  instance_link(s, inst); // from here on the store frees it

  uint32_t nf = 0, nt = 0, nm = 0, ng = 0, ntg = 0;
  for (uint32_t i = 0; i < m->nimports; i++) {
    const ward_extern_t *ex = &imports[i];
    switch (m->imports[i].kind) {
    case WD_EXTERN_FUNC: inst->funcs[nf++] = ex->of.func; break;
    case WD_EXTERN_TABLE: inst->tables[nt++] = ex->of.table; break;
    case WD_EXTERN_MEMORY: inst->memories[nm++] = ex->of.memory; break;
    case WD_EXTERN_TAG: inst->tags[ntg++] = ex->of.tag; break;
    default: inst->globals[ng++] = ex->of.global; break;
    }
  }
  for (uint32_t i = 0; i < m->nbodies; i++, nf++) {
    ward_func_t *f = &inst->own_funcs[i];
    uint32_t ti = m->func_types[nf];
    f->type = &m->types[ti];
    f->rtt = m->rtts[ti];
    f->inst = inst;
    wd_func_set_code(f, wd_code_current(m->bodies[i].code));
    f->index = nf;
    f->own_type = pl->pub_types[ti]; // the module's (ward_func_type)
    inst->funcs[nf] = f;
  }
  for (uint32_t i = 0; ntg < m->ntags; ntg++, i++) {
    inst->own_tags[i].type = &m->types[m->tag_types[ntg]];
    inst->own_tags[i].rtt = m->rtts[m->tag_types[ntg]];
    inst->own_tags[i].tm = m;
    inst->tags[ntg] = &inst->own_tags[i];
  }
  for (uint32_t k = 0; nt < m->ntables; nt++, k++) {
    const wd_tabletype_t *tt = &m->tables[nt];
    wd_cell_t init[2] = {{0}, {0}};
    if (tt->has_init && eval_const(m, inst, tt->init, init) != CONST_OK)
      return wd_error_new(WD_ERR_RESOURCE, "out of memory");
    ward_table_t *t = &own_tables[k];
    void **elems = NULL;
    if (tt->lim.min <= TABLE_INLINE_MAX) { // as the plan counted
      elems = table_elems;
      table_elems += tt->lim.min;
    }
    t->in_instance = true;
    const char *why = NULL;
    if (!wd_table_init(s, t, tt, init[0].ref, elems, &why))
      return wd_error_new(WD_ERR_RESOURCE, "%s", why);
    t->tm = m;
    inst->tables[nt] = t;
  }
  for (uint32_t k = 0; nm < m->nmemories; nm++, k++) {
    const char *why = NULL;
    ward_memory_t *mem = &own_memories[k];
    mem->in_instance = true;
    if (!wd_memory_init(s, mem, &m->memories[nm], &why))
      return wd_error_new(WD_ERR_RESOURCE, "%s", why);
    inst->memories[nm] = mem;
  }
  inst->mem0 = m->nmemories ? inst->memories[0] : NULL;
  for (uint32_t k = 0; ng < m->nglobals; ng++, k++) {
    ward_global_t *g = &own_globals[k];
    g->in_instance = true;
    wd_global_init(s, g, &m->globals[k].type);
    g->tm = m;
    inst->globals[ng] = g;
    if (!const_value(inst, &pl->global_inits[k], m->globals[k].init, g->val))
      return wd_error_new(WD_ERR_RESOURCE, "out of memory");
  }
  for (uint32_t i = 0; i < m->nelems; i++) {
    const wd_elem_t *e = &m->elems[i];
    wd_elemseg_t *seg = &inst->elems[i];
    seg->refs = elem_refs;
    elem_refs += e->count;
    seg->n = e->count;
    for (uint32_t k = 0; k < e->count; k++) {
      if (e->funcs) {
        seg->refs[k] = inst->funcs[e->funcs[k]];
      } else {
        wd_cell_t v[2];
        if (eval_const(m, inst, e->exprs[k], v) != CONST_OK)
          return wd_error_new(WD_ERR_RESOURCE, "out of memory");
        seg->refs[k] = v[0].ref;
      }
    }
  }
  for (uint32_t i = 0; i < m->ndatas; i++) {
    inst->datas[i].bytes = m->bytes + m->datas[i].off;
    inst->datas[i].len = m->datas[i].len;
  }

  // Active segments, in order, as table.init / memory.init then drop.
  for (uint32_t i = 0; i < m->nelems; i++) {
    const wd_elem_t *e = &m->elems[i];
    wd_elemseg_t *seg = &inst->elems[i];
    if (e->mode == WD_SEG_ACTIVE) {
      wd_cell_t off[2];
      if (!const_value(inst, &pl->elem_offsets[i], e->offset, off))
        return wd_error_new(WD_ERR_RESOURCE, "out of memory");
      ward_table_t *t = inst->tables[e->table];
      uint64_t at = t->type.lim.is64 ? off[0].i64 : off[0].i32;
      if (at > t->size || seg->n > t->size - at) {
        if (trap)
          *trap = wd_trap_make(s, WARD_TRAP_TABLE_OOB, NULL, NULL, NULL);
        return NULL;
      }
      if (seg->n)
        memcpy(t->elems + at, seg->refs, seg->n * sizeof *seg->refs);
    }
    if (e->mode != WD_SEG_PASSIVE)
      seg->n = 0;
  }
  for (uint32_t i = 0; i < m->ndatas; i++) {
    const wd_data_t *d = &m->datas[i];
    if (d->mode != WD_SEG_ACTIVE)
      continue;
    wd_cell_t off[2];
    if (!const_value(inst, &pl->data_offsets[i], d->offset, off))
      return wd_error_new(WD_ERR_RESOURCE, "out of memory");
    ward_memory_t *mem = inst->memories[d->memory];
    uint64_t at = mem->type.lim.is64 ? off[0].i64 : off[0].i32;
    if (at > mem->size || d->len > mem->size - at) {
      if (trap)
        *trap = wd_trap_make(s, WARD_TRAP_MEMORY_OOB, NULL, NULL, NULL);
      return NULL;
    }
    if (d->len)
      memcpy(mem->data + at, m->bytes + d->off, d->len);
    inst->datas[i].len = 0;
  }
  if (m->has_start) {
    ward_trap_t *t = NULL;
    ward_error_t *err = ward_func_call(s, inst->funcs[m->start], NULL, 0, NULL, 0, &t);
    if (err)
      return err;
    if (t) {
      if (trap)
        *trap = t;
      else
        ward_trap_delete(t);
      return NULL;
    }
  }
  *out = inst;
  return NULL;
}

// ---- exports --------------------------------------------------------------------

static void export_extern(const ward_instance_t *inst, const wd_export_t *ex, ward_extern_t *out) {
  out->kind = (ward_externkind_t)ex->kind;
  switch (ex->kind) {
  case WD_EXTERN_FUNC: out->of.func = inst->funcs[ex->index]; break;
  case WD_EXTERN_TABLE: out->of.table = inst->tables[ex->index]; break;
  case WD_EXTERN_MEMORY: out->of.memory = inst->memories[ex->index]; break;
  case WD_EXTERN_TAG: out->of.tag = inst->tags[ex->index]; break;
  default: out->of.global = inst->globals[ex->index]; break;
  }
}

bool ward_instance_export(const ward_instance_t *inst, const char *name, size_t len,
                          ward_extern_t *out) {
  const wd_module_t *m = inst->m;
  const wd_inst_plan_t *pl = &inst->module->plan;
  if (pl->nbuckets) {
    uint32_t mask = pl->nbuckets - 1;
    for (uint32_t h = name_hash(name, len) & mask; pl->export_slots[h]; h = (h + 1) & mask) {
      const wd_export_t *ex = &m->exports[pl->export_slots[h] - 1];
      if (ex->name_len == len && memcmp(ex->name, name, len) == 0) {
        export_extern(inst, ex, out);
        return true;
      }
    }
    return false;
  }
  for (uint32_t i = 0; i < m->nexports; i++) {
    const wd_export_t *ex = &m->exports[i];
    if (ex->name_len == len && memcmp(ex->name, name, len) == 0) {
      export_extern(inst, ex, out);
      return true;
    }
  }
  return false;
}

size_t ward_instance_export_count(const ward_instance_t *inst) { return inst->m->nexports; }

void ward_instance_export_nth(const ward_instance_t *inst, size_t i, const char **name, size_t *len,
                              ward_extern_t *out) {
  const wd_export_t *ex = &inst->m->exports[i];
  *name = ex->name;
  *len = ex->name_len;
  export_extern(inst, ex, out);
}

bool ward_caller_export(ward_caller_t *caller, const char *name, size_t len, ward_extern_t *out) {
  if (!caller || !caller->inst)
    return false;
  return ward_instance_export(caller->inst, name, len, out);
}

// ---- calls ----------------------------------------------------------------------

ward_error_t *ward_func_call(ward_store_t *s, ward_func_t *f, const ward_val_t *args, size_t nargs,
                             ward_val_t *results, size_t nresults, ward_trap_t **trap) {
  *trap = NULL;
  const wd_functype_t *ft = f->type;
  if (nargs != ft->nparams || nresults != ft->nresults)
    return wd_error_new(WD_ERR_ARGUMENT, "wrong number of arguments or results");
  const wd_vt_t *pt = wd_functype_params(ft);
  const wd_module_t *fm = f->inst ? f->inst->m : NULL;
  for (size_t i = 0; i < nargs; i++)
    if (args[i].kind != wd_vt_kind(fm, pt[i]))
      return wd_error_new(WD_ERR_ARGUMENT, "argument of the wrong type");
  if (f->inst && f->inst->store != s)
    return wd_error_new(WD_ERR_ARGUMENT, "function belongs to another store");
  if (!wd_store_need_stack(s))
    return wd_error_new(WD_ERR_RESOURCE, "out of memory: cannot allocate the store's stack");
  wd_cell_t *base = s->sp;
  uint32_t need = ft->param_cells > ft->result_cells ? ft->param_cells : ft->result_cells;
  if (WD_STACK_SHORT(s, base + need > s->stack_end)) {
    *trap = wd_trap_make(s, WARD_TRAP_STACK_EXHAUSTED, NULL, NULL, NULL);
    return NULL;
  }
  // Boxing host pointers never collects: the boxes in earlier cells need
  // no other root until the call starts.
  uint32_t cell = 0;
  for (size_t i = 0; i < nargs; i++) {
    if (!wd_val_to_cell(s, &args[i], &base[cell]))
      return wd_error_new(WD_ERR_ARGUMENT, "argument not a reference of this store, or out of "
                                           "memory boxing it");
    cell += wd_valtype_cells(pt[i]);
  }
  *trap = wd_interp_call(s, f, base);
  if (*trap)
    return NULL;
  const wd_vt_t *rt = wd_functype_results(ft);
  cell = 0;
  for (size_t i = 0; i < nresults; i++) {
    if (!wd_cell_to_val(s, &base[cell], wd_vt_kind(fm, rt[i]), &results[i]))
      return wd_error_new(WD_ERR_RESOURCE, "out of memory handing out a result");
    cell += wd_valtype_cells(rt[i]);
  }
  return NULL;
}

// ---- host functions -------------------------------------------------------------

bool wd_functype_init(wd_functype_t *ft, const ward_valkind_t *params, size_t np,
                      const ward_valkind_t *results, size_t nr) {
  ft->types = wd_malloc((np + nr ? np + nr : 1) * sizeof *ft->types);
  if (!ft->types)
    return false;
  ft->nparams = (uint32_t)np;
  ft->nresults = (uint32_t)nr;
  ft->param_cells = ft->result_cells = 0;
  for (size_t i = 0; i < np; i++) {
    ft->types[i] = wd_kind_vt(params[i]);
    ft->param_cells += wd_valtype_cells(ft->types[i]);
  }
  for (size_t i = 0; i < nr; i++) {
    ft->types[np + i] = wd_kind_vt(results[i]);
    ft->result_cells += wd_valtype_cells(ft->types[np + i]);
  }
  return true;
}

struct ward_functype {
  wd_functype_t ft;
};

ward_functype_t *ward_functype_new(const ward_valkind_t *params, size_t nparams,
                                   const ward_valkind_t *results, size_t nresults) {
  ward_functype_t *t = wd_calloc(1, sizeof *t);
  if (!t)
    return NULL;
  if (!wd_functype_init(&t->ft, params, nparams, results, nresults)) {
    wd_free(t);
    return NULL;
  }
  return t;
}

void ward_functype_delete(ward_functype_t *ft) {
  if (!ft)
    return;
  wd_free(ft->ft.types);
  wd_free(ft);
}

// A wd_functype_t is the first member: the public handle views it.
static const ward_functype_t *public_type(const wd_functype_t *ft) {
  return (const ward_functype_t *)(const void *)ft;
}

size_t ward_functype_param_count(const ward_functype_t *ft) { return ft->ft.nparams; }
size_t ward_functype_result_count(const ward_functype_t *ft) { return ft->ft.nresults; }
// (Types from ward_func_type name no type indices but function types'.)
ward_valkind_t ward_functype_param(const ward_functype_t *ft, size_t i) {
  return wd_vt_kind(NULL, ft->ft.types[i]);
}
ward_valkind_t ward_functype_result(const ward_functype_t *ft, size_t i) {
  return wd_vt_kind(NULL, ft->ft.types[ft->ft.nparams + i]);
}
bool ward_functype_param_nullable(const ward_functype_t *ft, size_t i) {
  return wd_vt_nullable(ft->ft.types[i]);
}
bool ward_functype_result_nullable(const ward_functype_t *ft, size_t i) {
  return wd_vt_nullable(ft->ft.types[ft->ft.nparams + i]);
}

ward_func_t *ward_func_new(ward_store_t *s, const ward_functype_t *ft, ward_host_callback_t cb,
                           void *env, void (*finalizer)(void *)) {
  ward_func_t *f = wd_calloc(1, sizeof *f);
  if (!f)
    return NULL;
  f->call_cells = WD_CALL_SLOW;
  f->own_type = ft->ft;
  size_t nt = (size_t)ft->ft.nparams + ft->ft.nresults;
  f->own_type.types = wd_malloc((nt ? nt : 1) * sizeof *f->own_type.types);
  if (!f->own_type.types) {
    wd_free(f);
    return NULL;
  }
  memcpy(f->own_type.types, ft->ft.types, nt * sizeof *f->own_type.types);
  f->type = &f->own_type;
  f->rtt = wd_rtt_of_functype(s->engine->rtts, f->type);
  if (!f->rtt) {
    wd_free(f->own_type.types);
    wd_free(f);
    return NULL;
  }
  f->cb = cb;
  f->env = env;
  f->finalizer = finalizer;
  f->next = s->funcs;
  s->funcs = f;
  return f;
}

const ward_functype_t *ward_func_type(const ward_func_t *f) {
  return public_type(f->inst && f->own_type.types ? &f->own_type : f->type);
}

// ---- host tags --------------------------------------------------------------------

ward_error_t *ward_tag_new(ward_store_t *store, const ward_valkind_t *params, size_t nparams,
                           ward_tag_t **out) {
  *out = NULL;
  for (size_t i = 0; i < nparams; i++)
    if (!wd_valtype_is_num(wd_kind_vt(params[i])) && params[i] != WARD_V128 &&
        !wd_valtype_is_ref(wd_kind_vt(params[i])))
      return wd_error_new(WD_ERR_ARGUMENT, "a tag's parameter has an unknown value kind");
  ward_tag_t *t = wd_calloc(1, sizeof *t);
  if (!t || !wd_functype_init(&t->own_type, params, nparams, NULL, 0)) {
    wd_free(t);
    return wd_error_new(WD_ERR_RESOURCE, "out of memory");
  }
  t->type = &t->own_type;
  t->rtt = wd_rtt_of_functype(store->engine->rtts, t->type);
  if (!t->rtt) {
    wd_free(t->own_type.types);
    wd_free(t);
    return wd_error_new(WD_ERR_RESOURCE, "out of memory");
  }
  t->next = store->tags;
  store->tags = t;
  *out = t;
  return NULL;
}

size_t ward_tag_param_count(const ward_tag_t *tag) { return tag->type->nparams; }
ward_valkind_t ward_tag_param(const ward_tag_t *tag, size_t i) {
  return wd_vt_kind(tag->tm, wd_functype_params(tag->type)[i]);
}
