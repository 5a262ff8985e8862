// SPDX-License-Identifier: Apache-2.0
// The binary decoder: sections, types, imports, segments, constant
// expressions and function-body framing into a wd_module_t (spec 5.5).
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "binary/opcode_imm.h"
#include "binary/reader.h"
#include "ir/module.h"
#include "util/alloc.h"
#include "util/utf8.h"

// The decoder's state. The section reader `r` is bounded by the end of the
// module, not of the section: as in the reference decoder, reading past a
// section's end is noticed afterwards ("section size mismatch"), and vector
// counts and lengths are checked against the bytes left in the module.
typedef struct dec {
  wd_module_t *m;
  wd_bin_reader_t r;
  wd_diag_t *diag;
  wd_bin_seq_t seq;     // scratch for constant expressions
  uint32_t nfunc_decls; // entries in the function section
  bool has_func_section;
  size_t ncustoms_cap;
  bool saw_name_section;
  uint32_t nbodies_done; // bodies framed and their locals decoded
} dec_t;

static bool oom(dec_t *d) {
  wd_diag_set(d->diag, WD_ERR_RESOURCE, wd_bin_offset(&d->r), "out of memory");
  return false;
}

// Zeroed array of n elements; n may be 0 (still returns a pointer).
static bool alloc_array(dec_t *d, void **out, size_t n, size_t elem) {
  *out = wd_calloc(n ? n : 1, elem);
  return *out != NULL || oom(d);
}

// name ::= vec(byte), valid UTF-8; copied and NUL-terminated.
static bool read_name(dec_t *d, char **out, uint32_t *out_len) {
  wd_bin_reader_t *r = &d->r;
  size_t at = wd_bin_offset(r);
  uint32_t n;
  const uint8_t *bytes = NULL;
  if (!wd_bin_read_len(r, &n) || !wd_bin_read_bytes(r, n, &bytes))
    return false;
  if (!wd_utf8_valid(bytes, n))
    return wd_bin_fail_at(r, at, "malformed UTF-8 encoding");
  *out = wd_strndup((const char *)bytes, n);
  if (*out == NULL)
    return oom(d);
  *out_len = n;
  return true;
}

// Whether the module may use a feature (WD_FEAT_*); if not, fails with
// "<feature> support is not enabled" at byte offset `at`, as invalid.
static bool need_feature(dec_t *d, size_t at, uint32_t feat) {
  if (d->m->features & feat)
    return true;
  if (d->diag->status == WD_OK)
    wd_diag_set(d->diag, WD_ERR_INVALID, at, "%s support is not enabled", wd_feature_name(feat));
  return false;
}

// limits. With memory64 (Wasm 3.0): a flags byte, bit 0 a maximum follows
// and bit 2 a 64-bit memory or table (0x00, 0x01, 0x04 or 0x05; anything
// else is "malformed limits flags"), then the bounds as u64 LEB128s.
// Without it (Wasm 2.0): 0x00 min | 0x01 min max, the flag read as a 1-bit
// LEB128 and the bounds as u32s; a flag of 0x04 or 0x05 is refused as
// memory64.
static bool read_limits(dec_t *d, wd_limits_t *lim) {
  size_t at = wd_bin_offset(&d->r);
  memset(lim, 0, sizeof *lim);
  if (!(d->m->features & WD_FEAT_MEMORY64)) {
    uint64_t flag;
    uint32_t v;
    uint8_t b;
    if (wd_bin_peek_u8(&d->r, &b) && (b == 0x04 || b == 0x05))
      return need_feature(d, at, WD_FEAT_MEMORY64);
    if (!wd_bin_read_uleb(&d->r, 1, &flag) || !wd_bin_read_u32(&d->r, &v))
      return false;
    lim->min = v;
    lim->has_max = flag == 1;
    if (lim->has_max) {
      if (!wd_bin_read_u32(&d->r, &v))
        return false;
      lim->max = v;
    }
    return true;
  }
  uint8_t flags;
  if (!wd_bin_read_u8(&d->r, &flags))
    return false;
  if (flags & ~0x05u)
    return wd_bin_fail_at(&d->r, at, "malformed limits flags");
  lim->has_max = flags & 1;
  lim->is64 = (flags & 4) != 0;
  return wd_bin_read_u64(&d->r, &lim->min) && (!lim->has_max || wd_bin_read_u64(&d->r, &lim->max));
}

// A value type, refused if it needs a feature turned off.
// (Reference types of features turned off are malformed: the reader
// knows the features.)
static bool read_valtype(dec_t *d, wd_bin_reader_t *r, wd_vt_t *out) {
  size_t at = wd_bin_offset(r);
  if (!wd_bin_read_valtype(r, out))
    return false;
  if (*out == WD_V128)
    return need_feature(d, at, WD_FEAT_SIMD);
  return true;
}

// A tag's type: the attribute 0 (an exception), then a type index.
static bool read_tagtype(dec_t *d, uint32_t *type) {
  size_t at = wd_bin_offset(&d->r);
  uint8_t attr;
  if (!wd_bin_read_u8(&d->r, &attr))
    return false;
  if (attr != 0)
    return wd_bin_fail_at(&d->r, at, "malformed tag attribute");
  return wd_bin_read_u32(&d->r, type);
}

static bool read_tabletype(dec_t *d, wd_tabletype_t *t) {
  return wd_bin_read_reftype(&d->r, &t->elem) && read_limits(d, &t->lim);
}

static bool read_globaltype(dec_t *d, wd_globaltype_t *g) {
  uint8_t mut = 0;
  if (!read_valtype(d, &d->r, &g->type))
    return false;
  size_t at = wd_bin_offset(&d->r);
  if (!wd_bin_read_u8(&d->r, &mut))
    return false;
  if (mut > 1)
    return wd_bin_fail_at(&d->r, at, "malformed mutability");
  g->mut = mut == 1;
  return true;
}

// A constant expression: instructions up to the matching `end`, decoded
// with the body decoder so that a missing `end` or a stray opcode is
// malformed here; whether they are constant is the validator's business.
static bool read_constexpr(dec_t *d, wd_constexpr_t *e) {
  size_t start = wd_bin_offset(&d->r);
  if (!wd_bin_skip_seq(&d->r, &d->seq, false))
    return false;
  e->off = (uint32_t)start;
  e->len = (uint32_t)(wd_bin_offset(&d->r) - start);
  return true;
}

// ---------------------------------------------------------------- sections

// A function type's parameters and results (after 0x60) into ft.
static bool read_functype(dec_t *d, wd_functype_t *ft) {
  uint32_t np, nr;
  if (!wd_bin_read_len(&d->r, &np))
    return false;
  const uint8_t *pstart = d->r.p; // read again below once the size is known
  for (uint32_t k = 0; k < np; k++) {
    wd_vt_t t;
    if (!read_valtype(d, &d->r, &t))
      return false;
  }
  if (!wd_bin_read_len(&d->r, &nr))
    return false;
  const uint8_t *rstart = d->r.p;
  if (!alloc_array(d, (void **)&ft->types, (size_t)np + nr, sizeof *ft->types))
    return false;
  ft->nparams = np;
  ft->nresults = nr;
  d->r.p = pstart;
  for (uint32_t k = 0; k < np; k++)
    if (!read_valtype(d, &d->r, &ft->types[k]))
      return false;
  d->r.p = rstart;
  for (uint32_t k = 0; k < nr; k++)
    if (!read_valtype(d, &d->r, &ft->types[np + k]))
      return false;
  for (uint32_t k = 0; k < np; k++)
    ft->param_cells += wd_valtype_cells(ft->types[k]);
  for (uint32_t k = 0; k < nr; k++)
    ft->result_cells += wd_valtype_cells(ft->types[np + k]);
  return true;
}

// fieldtype ::= storagetype mut, storagetype ::= valtype | i8 | i16.
static bool read_field(dec_t *d, wd_field_t *f) {
  uint8_t b = 0;
  if (!wd_bin_peek_u8(&d->r, &b))
    return wd_bin_fail_eof(&d->r);
  if (b == WD_PACKED_I8 || b == WD_PACKED_I16) {
    d->r.p++;
    f->type = b;
  } else if (!read_valtype(d, &d->r, &f->type)) {
    return false;
  }
  size_t at = wd_bin_offset(&d->r);
  uint8_t mut;
  if (!wd_bin_read_u8(&d->r, &mut))
    return false;
  if (mut > 1)
    return wd_bin_fail_at(&d->r, at, "malformed mutability");
  f->mut = mut;
  f->size = wd_storage_size(f->type);
  return true;
}

// A struct's fields, each at the next offset its size divides.
static bool read_struct(dec_t *d, wd_subtype_t *st) {
  uint32_t n;
  size_t at = wd_bin_offset(&d->r);
  if (!wd_bin_read_len(&d->r, &n))
    return false;
  if (n > WD_MAX_STRUCT_FIELDS) {
    wd_diag_set(d->diag, WD_ERR_INVALID, at, "too many struct fields (at most %u)",
                WD_MAX_STRUCT_FIELDS);
    return false;
  }
  if (!alloc_array(d, (void **)&st->fields, n, sizeof *st->fields))
    return false;
  st->nfields = n;
  uint64_t off = 0;
  for (uint32_t k = 0; k < n; k++) {
    wd_field_t *f = &st->fields[k];
    if (!read_field(d, f))
      return false;
    uint32_t align = f->size > 8 ? 8 : f->size;
    off = (off + align - 1) / align * align;
    f->offset = (uint32_t)off;
    off += f->size;
    if (off > UINT32_MAX / 2)
      return wd_bin_fail_at(&d->r, wd_bin_offset(&d->r), "struct too large");
  }
  st->size = (uint32_t)((off + 7) / 8 * 8);
  return true;
}

// The types of the module so far grow to hold n more.
static bool more_types(dec_t *d, uint32_t *cap, uint32_t n) {
  wd_module_t *m = d->m;
  uint64_t want = (uint64_t)m->ntypes + n;
  if (want > 1000000) // the spec's embedding limit on types
    return wd_bin_fail_at(&d->r, wd_bin_offset(&d->r), "too many types");
  if (want <= *cap)
    return true;
  uint32_t nc = *cap ? *cap : 8;
  while (nc < want)
    nc *= 2;
  wd_functype_t *t = wd_realloc(m->types, (size_t)nc * sizeof *t);
  if (!t)
    return oom(d);
  m->types = t;
  wd_subtype_t *sb = wd_realloc(m->sub, (size_t)nc * sizeof *sb);
  if (!sb)
    return oom(d);
  m->sub = sb;
  memset(t + *cap, 0, (size_t)(nc - *cap) * sizeof *t);
  memset(sb + *cap, 0, (size_t)(nc - *cap) * sizeof *sb);
  *cap = nc;
  return true;
}

// subtype ::= 0x50 vec(typeidx) comptype | 0x4F vec(typeidx) comptype
//           | comptype (final, no supertype)
static bool read_subtype(dec_t *d, uint32_t i, uint32_t rec, uint32_t rec_len) {
  wd_module_t *m = d->m;
  wd_subtype_t *st = &m->sub[i];
  st->rec = rec;
  st->rec_len = rec_len;
  st->final = true;
  st->super = UINT32_MAX;
  size_t at = wd_bin_offset(&d->r);
  uint8_t form = 0;
  if (!wd_bin_read_u8(&d->r, &form))
    return false;
  bool gc = m->features & WD_FEAT_GC;
  if (gc && (form == 0x50 || form == 0x4F)) {
    st->final = form == 0x4F;
    uint32_t n;
    if (!wd_bin_read_len(&d->r, &n))
      return false;
    if (n > 1)
      return wd_diag_set(d->diag, WD_ERR_INVALID, at, "multiple supertypes"), false;
    if (n == 1 && !wd_bin_read_u32(&d->r, &st->super))
      return false;
    at = wd_bin_offset(&d->r);
    if (!wd_bin_read_u8(&d->r, &form))
      return false;
  }
  if (form & 0x80)
    return wd_bin_fail_at(&d->r, at + 1, "integer representation too long");
  st->comp = form;
  if (form == WD_COMP_FUNC)
    return read_functype(d, &m->types[i]);
  if (gc && form == WD_COMP_STRUCT)
    return read_struct(d, st);
  if (gc && form == WD_COMP_ARRAY) {
    if (!alloc_array(d, (void **)&st->fields, 1, sizeof *st->fields) || !read_field(d, st->fields))
      return false;
    st->nfields = 1;
    st->size = st->fields[0].size;
    return true;
  }
  return wd_bin_fail_at(&d->r, at, gc ? "malformed composite type" : "malformed function type");
}

// typesec ::= vec(rectype), rectype ::= 0x4E vec(subtype) | subtype.
static bool sec_type(dec_t *d) {
  wd_module_t *m = d->m;
  uint32_t n, cap = 0;
  if (!wd_bin_read_len(&d->r, &n))
    return false;
  for (uint32_t g = 0; g < n; g++) {
    uint8_t b = 0;
    if (!wd_bin_peek_u8(&d->r, &b))
      return wd_bin_fail_eof(&d->r);
    uint32_t len = 1;
    if (b == 0x4E && (m->features & WD_FEAT_GC)) {
      d->r.p++;
      if (!wd_bin_read_len(&d->r, &len))
        return false;
    }
    if (!more_types(d, &cap, len))
      return false;
    uint32_t rec = m->ntypes;
    for (uint32_t k = 0; k < len; k++) {
      m->ntypes++;
      if (!read_subtype(d, rec + k, rec, len))
        return false;
    }
  }
  return true;
}

static bool sec_import(dec_t *d) {
  wd_module_t *m = d->m;
  uint32_t n;
  if (!wd_bin_read_len(&d->r, &n) || !alloc_array(d, (void **)&m->imports, n, sizeof *m->imports))
    return false;
  m->nimports = n;
  for (uint32_t i = 0; i < n; i++) {
    wd_import_t *im = &m->imports[i];
    if (!read_name(d, &im->module, &im->module_len) || !read_name(d, &im->name, &im->name_len))
      return false;
    size_t at = wd_bin_offset(&d->r);
    if (!wd_bin_read_u8(&d->r, &im->kind))
      return false;
    switch (im->kind) {
    case WD_EXTERN_FUNC:
      if (!wd_bin_read_u32(&d->r, &im->u.func_type))
        return false;
      m->nimported_funcs++;
      break;
    case WD_EXTERN_TABLE:
      if (!read_tabletype(d, &im->u.table))
        return false;
      m->nimported_tables++;
      break;
    case WD_EXTERN_MEMORY:
      if (!read_limits(d, &im->u.memory.lim))
        return false;
      m->nimported_memories++;
      break;
    case WD_EXTERN_GLOBAL:
      if (!read_globaltype(d, &im->u.global))
        return false;
      m->nimported_globals++;
      break;
    case WD_EXTERN_TAG:
      if (!(m->features & (WD_FEAT_EXCEPTIONS | WD_FEAT_LEGACY_EXCEPTIONS)))
        return wd_bin_fail_at(&d->r, at, "malformed import kind");
      if (!read_tagtype(d, &im->u.tag_type))
        return false;
      m->nimported_tags++;
      break;
    default: return wd_bin_fail_at(&d->r, at, "malformed import kind");
    }
  }
  return true;
}

// The index spaces: imports first, then `ndef` defined entities. Called when
// the defining section is read (imports are complete by then) or at the end.
static bool make_funcs(dec_t *d, uint32_t ndef) {
  wd_module_t *m = d->m;
  size_t total = (size_t)m->nimported_funcs + ndef;
  if (total > UINT32_MAX)
    return wd_bin_fail_at(&d->r, wd_bin_offset(&d->r), "too many functions");
  if (!alloc_array(d, (void **)&m->func_types, total, sizeof *m->func_types))
    return false;
  uint32_t k = 0;
  for (uint32_t i = 0; i < m->nimports; i++)
    if (m->imports[i].kind == WD_EXTERN_FUNC)
      m->func_types[k++] = m->imports[i].u.func_type;
  m->nfuncs = (uint32_t)total;
  return true;
}

static bool make_tables(dec_t *d, uint32_t ndef) {
  wd_module_t *m = d->m;
  size_t total = (size_t)m->nimported_tables + ndef;
  if (total > UINT32_MAX)
    return wd_bin_fail_at(&d->r, wd_bin_offset(&d->r), "too many tables");
  if (!alloc_array(d, (void **)&m->tables, total, sizeof *m->tables))
    return false;
  uint32_t k = 0;
  for (uint32_t i = 0; i < m->nimports; i++)
    if (m->imports[i].kind == WD_EXTERN_TABLE)
      m->tables[k++] = m->imports[i].u.table;
  m->ntables = (uint32_t)total;
  return true;
}

static bool make_memories(dec_t *d, uint32_t ndef) {
  wd_module_t *m = d->m;
  size_t total = (size_t)m->nimported_memories + ndef;
  if (total > UINT32_MAX)
    return wd_bin_fail_at(&d->r, wd_bin_offset(&d->r), "too many memories");
  if (!alloc_array(d, (void **)&m->memories, total, sizeof *m->memories))
    return false;
  uint32_t k = 0;
  for (uint32_t i = 0; i < m->nimports; i++)
    if (m->imports[i].kind == WD_EXTERN_MEMORY)
      m->memories[k++] = m->imports[i].u.memory;
  m->nmemories = (uint32_t)total;
  return true;
}

static bool make_globals(dec_t *d, uint32_t ndef) {
  wd_module_t *m = d->m;
  size_t total = (size_t)m->nimported_globals + ndef;
  if (total > UINT32_MAX)
    return wd_bin_fail_at(&d->r, wd_bin_offset(&d->r), "too many globals");
  if (!alloc_array(d, (void **)&m->global_types, total, sizeof *m->global_types) ||
      !alloc_array(d, (void **)&m->globals, ndef, sizeof *m->globals))
    return false;
  uint32_t k = 0;
  for (uint32_t i = 0; i < m->nimports; i++)
    if (m->imports[i].kind == WD_EXTERN_GLOBAL)
      m->global_types[k++] = m->imports[i].u.global;
  m->nglobals = (uint32_t)total;
  return true;
}

static bool make_tags(dec_t *d, uint32_t ndef) {
  wd_module_t *m = d->m;
  size_t total = (size_t)m->nimported_tags + ndef;
  if (total > UINT32_MAX)
    return wd_bin_fail_at(&d->r, wd_bin_offset(&d->r), "too many tags");
  if (!alloc_array(d, (void **)&m->tag_types, total, sizeof *m->tag_types))
    return false;
  uint32_t k = 0;
  for (uint32_t i = 0; i < m->nimports; i++)
    if (m->imports[i].kind == WD_EXTERN_TAG)
      m->tag_types[k++] = m->imports[i].u.tag_type;
  m->ntags = (uint32_t)total;
  return true;
}

static bool sec_function(dec_t *d) {
  wd_module_t *m = d->m;
  uint32_t n;
  if (!wd_bin_read_len(&d->r, &n) || !make_funcs(d, n))
    return false;
  d->has_func_section = true;
  d->nfunc_decls = n;
  for (uint32_t i = 0; i < n; i++)
    if (!wd_bin_read_u32(&d->r, &m->func_types[m->nimported_funcs + i]))
      return false;
  return true;
}

static bool sec_table(dec_t *d) {
  wd_module_t *m = d->m;
  uint32_t n;
  if (!wd_bin_read_len(&d->r, &n) || !make_tables(d, n))
    return false;
  for (uint32_t i = 0; i < n; i++) {
    wd_tabletype_t *t = &m->tables[m->nimported_tables + i];
    size_t at = wd_bin_offset(&d->r);
    uint8_t b = 0;
    // 0x40 0x00: a table type with an initial value (typed references).
    if (wd_bin_peek_u8(&d->r, &b) && b == 0x40) {
      uint8_t zero = 1;
      d->r.p++;
      if (!wd_bin_read_u8(&d->r, &zero))
        return false;
      if (zero != 0)
        return wd_bin_fail_at(&d->r, at, "malformed table");
      if (!read_tabletype(d, t) || !read_constexpr(d, &t->init))
        return false;
      t->has_init = true;
    } else if (!read_tabletype(d, t)) {
      return false;
    }
  }
  return true;
}

static bool sec_memory(dec_t *d) {
  wd_module_t *m = d->m;
  uint32_t n;
  if (!wd_bin_read_len(&d->r, &n) || !make_memories(d, n))
    return false;
  for (uint32_t i = 0; i < n; i++)
    if (!read_limits(d, &m->memories[m->nimported_memories + i].lim))
      return false;
  return true;
}

static bool sec_tag(dec_t *d, size_t at) {
  wd_module_t *m = d->m;
  uint32_t n;
  if (!(m->features & (WD_FEAT_EXCEPTIONS | WD_FEAT_LEGACY_EXCEPTIONS)))
    return wd_bin_fail_at(&d->r, at, "malformed section id");
  if (!wd_bin_read_len(&d->r, &n) || !make_tags(d, n))
    return false;
  for (uint32_t i = 0; i < n; i++)
    if (!read_tagtype(d, &m->tag_types[m->nimported_tags + i]))
      return false;
  return true;
}

static bool sec_global(dec_t *d) {
  wd_module_t *m = d->m;
  uint32_t n;
  if (!wd_bin_read_len(&d->r, &n) || !make_globals(d, n))
    return false;
  for (uint32_t i = 0; i < n; i++) {
    wd_global_t *g = &m->globals[i];
    if (!read_globaltype(d, &g->type) || !read_constexpr(d, &g->init))
      return false;
    m->global_types[m->nimported_globals + i] = g->type;
  }
  return true;
}

static bool sec_export(dec_t *d) {
  wd_module_t *m = d->m;
  uint32_t n;
  if (!wd_bin_read_len(&d->r, &n) || !alloc_array(d, (void **)&m->exports, n, sizeof *m->exports))
    return false;
  m->nexports = n;
  for (uint32_t i = 0; i < n; i++) {
    wd_export_t *ex = &m->exports[i];
    if (!read_name(d, &ex->name, &ex->name_len))
      return false;
    size_t at = wd_bin_offset(&d->r);
    if (!wd_bin_read_u8(&d->r, &ex->kind))
      return false;
    if (ex->kind > WD_EXTERN_TAG ||
        (ex->kind == WD_EXTERN_TAG &&
         !(m->features & (WD_FEAT_EXCEPTIONS | WD_FEAT_LEGACY_EXCEPTIONS))))
      return wd_bin_fail_at(&d->r, at, "malformed export kind");
    if (!wd_bin_read_u32(&d->r, &ex->index))
      return false;
  }
  return true;
}

static bool sec_start(dec_t *d) {
  d->m->has_start = true;
  return wd_bin_read_u32(&d->r, &d->m->start);
}

static bool read_elemkind(dec_t *d, wd_vt_t *out) {
  size_t at = wd_bin_offset(&d->r);
  uint8_t k = 0;
  if (!wd_bin_read_u8(&d->r, &k))
    return false;
  if (k != 0x00)
    return wd_bin_fail_at(&d->r, at, "malformed element kind");
  *out = WD_FUNCREF;
  return true;
}

// elem ::= flags (u32, 0..7) then, by bit: 0 passive/declarative,
// 1 explicit table index (active) or declarative (passive), 2 expressions
// instead of function indices (and a reftype instead of an elemkind).
static bool read_elem(dec_t *d, wd_elem_t *e) {
  size_t at = wd_bin_offset(&d->r);
  uint32_t flags;
  e->at = at;
  if (!wd_bin_read_u32(&d->r, &flags))
    return false;
  if (flags > 7)
    return wd_bin_fail_at(&d->r, at, "malformed elements segment kind");
  bool passive_or_decl = flags & 1, explicit_or_decl = flags & 2, exprs = flags & 4;
  e->type = WD_FUNCREF;
  e->table = 0;
  if (!passive_or_decl) {
    e->mode = WD_SEG_ACTIVE;
    if (explicit_or_decl && !wd_bin_read_u32(&d->r, &e->table))
      return false;
    if (!read_constexpr(d, &e->offset))
      return false;
  } else {
    e->mode = explicit_or_decl ? WD_SEG_DECLARATIVE : WD_SEG_PASSIVE;
  }
  if (passive_or_decl || explicit_or_decl) { // forms 1,2,3,5,6,7 name the type
    if (exprs ? !wd_bin_read_reftype(&d->r, &e->type) : !read_elemkind(d, &e->type))
      return false;
  }
  // Function indices are never null: with typed references their segment
  // is of (ref func) (Wasm 3.0), a subtype of funcref.
  if (!exprs && (d->m->features & (WD_FEAT_FUNCTION_REFERENCES | WD_FEAT_GC)))
    e->type = WD_VT_REF(false, WD_HT_FUNC);
  uint32_t n;
  if (!wd_bin_read_len(&d->r, &n))
    return false;
  e->count = n;
  if (exprs) {
    if (!alloc_array(d, (void **)&e->exprs, n, sizeof *e->exprs))
      return false;
    for (uint32_t i = 0; i < n; i++)
      if (!read_constexpr(d, &e->exprs[i]))
        return false;
  } else {
    if (!alloc_array(d, (void **)&e->funcs, n, sizeof *e->funcs))
      return false;
    for (uint32_t i = 0; i < n; i++)
      if (!wd_bin_read_u32(&d->r, &e->funcs[i]))
        return false;
  }
  return true;
}

static bool sec_elem(dec_t *d) {
  wd_module_t *m = d->m;
  uint32_t n;
  if (!wd_bin_read_len(&d->r, &n) || !alloc_array(d, (void **)&m->elems, n, sizeof *m->elems))
    return false;
  m->nelems = n;
  for (uint32_t i = 0; i < n; i++)
    if (!read_elem(d, &m->elems[i]))
      return false;
  return true;
}

static bool sec_datacount(dec_t *d) {
  d->m->has_datacount = true;
  return wd_bin_read_u32(&d->r, &d->m->datacount);
}

// The locals of one body: vec(count valtype), stored as runs; the total is
// summed in 64 bits and must stay below 2^32 ("too many locals").
static bool read_locals(dec_t *d, wd_funcbody_t *b) {
  wd_bin_reader_t br; // bounded by the body
  wd_bin_reader_init(&br, d->r.base, b->off, (size_t)b->off + b->len, d->diag);
  br.features = d->r.features;
  size_t at = wd_bin_offset(&br);
  uint32_t nruns;
  if (!wd_bin_read_len(&br, &nruns) ||
      !alloc_array(d, (void **)&b->localruns, nruns, sizeof *b->localruns))
    return false;
  uint64_t total = 0;
  uint32_t k = 0;
  for (uint32_t i = 0; i < nruns; i++) {
    uint32_t count;
    wd_vt_t t;
    if (!wd_bin_read_u32(&br, &count) || !read_valtype(d, &br, &t))
      return false;
    total += count;
    if (count != 0) {
      b->localruns[k].count = count;
      b->localruns[k].type = t;
      k++;
    }
  }
  if (total > UINT32_MAX)
    return wd_bin_fail_at(&br, at, "too many locals");
  b->nlocalruns = k;
  b->nlocals = total;
  b->code_off = (uint32_t)wd_bin_offset(&br);
  return true;
}

static bool sec_code(dec_t *d, size_t sec_end) {
  wd_module_t *m = d->m;
  uint32_t n;
  if (!wd_bin_read_len(&d->r, &n) || !alloc_array(d, (void **)&m->bodies, n, sizeof *m->bodies))
    return false;
  m->nbodies = n;
  for (uint32_t i = 0; i < n; i++) {
    wd_funcbody_t *b = &m->bodies[i];
    uint32_t size;
    if (!wd_bin_read_len(&d->r, &size))
      return false;
    size_t start = wd_bin_offset(&d->r);
    if (start + size > m->size) {
      d->r.p = d->r.end;
      return wd_bin_fail_eof(&d->r);
    }
    b->off = (uint32_t)start;
    b->len = size;
    if (!read_locals(d, b)) {
      d->diag->func = m->nimported_funcs + i;
      return false;
    }
    d->nbodies_done = i + 1;
    if (start + size > sec_end)
      return wd_bin_fail_at(&d->r, start, "section size mismatch");
    d->r.p += size;
  }
  return true;
}

static bool sec_data(dec_t *d) {
  wd_module_t *m = d->m;
  uint32_t n;
  if (!wd_bin_read_len(&d->r, &n) || !alloc_array(d, (void **)&m->datas, n, sizeof *m->datas))
    return false;
  m->ndatas = n;
  for (uint32_t i = 0; i < n; i++) {
    wd_data_t *s = &m->datas[i];
    size_t at = wd_bin_offset(&d->r);
    uint32_t flags;
    if (!wd_bin_read_u32(&d->r, &flags))
      return false;
    if (flags > 2)
      return wd_bin_fail_at(&d->r, at, "malformed data segment kind");
    s->mode = flags == 1 ? WD_SEG_PASSIVE : WD_SEG_ACTIVE;
    s->memory = 0;
    if (flags == 2 && !wd_bin_read_u32(&d->r, &s->memory))
      return false;
    if (flags != 1 && !read_constexpr(d, &s->offset))
      return false;
    uint32_t len;
    const uint8_t *bytes = NULL;
    if (!wd_bin_read_len(&d->r, &len) || !wd_bin_read_bytes(&d->r, len, &bytes))
      return false;
    s->off = (uint32_t)(bytes - d->r.base);
    s->len = len;
  }
  return true;
}

// ------------------------------------------------------------ name section

static int cmp_name(const void *a, const void *b) {
  uint32_t x = ((const wd_name_t *)a)->index, y = ((const wd_name_t *)b)->index;
  return x < y ? -1 : x > y;
}

static void free_names(wd_module_t *m) {
  wd_free(m->module_name);
  m->module_name = NULL;
  for (uint32_t i = 0; i < m->nfunc_names; i++)
    wd_free(m->func_names[i].name);
  wd_free(m->func_names);
  m->func_names = NULL;
  m->nfunc_names = 0;
}

// A name string inside the name section; false if malformed (no error kept).
static bool name_string(wd_bin_reader_t *r, char **out) {
  uint32_t n;
  const uint8_t *bytes = NULL;
  if (!wd_bin_read_len(r, &n) || !wd_bin_read_bytes(r, n, &bytes) || !wd_utf8_valid(bytes, n))
    return false;
  *out = wd_strndup((const char *)bytes, n);
  return *out != NULL;
}

// Parses the "name" section payload [off, end): the module name (subsection
// 0) and function names (subsection 1). Custom sections are not validated,
// so anything malformed (or out of memory) just drops the names.
static void parse_names(wd_module_t *m, size_t off, size_t end) {
  wd_diag_t scratch;
  wd_diag_clear(&scratch);
  wd_bin_reader_t r;
  wd_bin_reader_init(&r, m->bytes, off, end, &scratch);
  int last_id = -1;
  while (!wd_bin_at_end(&r)) {
    uint8_t id;
    uint32_t size;
    if (!wd_bin_read_u8(&r, &id) || !wd_bin_read_len(&r, &size) || (int)id <= last_id)
      goto drop;
    last_id = id;
    wd_bin_reader_t sub;
    wd_bin_reader_init(&sub, m->bytes, wd_bin_offset(&r), wd_bin_offset(&r) + size, &scratch);
    r.p += size;
    if (id == 0) {
      if (!name_string(&sub, &m->module_name))
        goto drop;
    } else if (id == 1) {
      uint32_t n;
      if (!wd_bin_read_len(&sub, &n))
        goto drop;
      m->func_names = wd_calloc(n ? n : 1, sizeof *m->func_names);
      if (m->func_names == NULL)
        goto drop;
      for (uint32_t i = 0; i < n; i++) {
        wd_name_t *nm = &m->func_names[i];
        if (!wd_bin_read_u32(&sub, &nm->index) || !name_string(&sub, &nm->name))
          goto drop;
        m->nfunc_names = i + 1;
      }
      bool sorted = true;
      for (uint32_t i = 1; i < n && sorted; i++)
        sorted = m->func_names[i - 1].index < m->func_names[i].index;
      if (!sorted) {
        qsort(m->func_names, n, sizeof *m->func_names, cmp_name);
        uint32_t k = 0; // drop duplicates, keeping the first
        for (uint32_t i = 0; i < n; i++) {
          if (k > 0 && m->func_names[k - 1].index == m->func_names[i].index)
            wd_free(m->func_names[i].name);
          else
            m->func_names[k++] = m->func_names[i];
        }
        m->nfunc_names = k;
      }
    } else {
      continue; // other subsections (locals, labels, ...) are not kept
    }
    if (!wd_bin_at_end(&sub))
      goto drop;
  }
  return;
drop:
  free_names(m);
}

static bool sec_custom(dec_t *d, size_t sec_end) {
  wd_module_t *m = d->m;
  char *name;
  uint32_t name_len;
  if (!read_name(d, &name, &name_len))
    return false;
  size_t payload = wd_bin_offset(&d->r);
  if (payload > sec_end || sec_end > m->size) {
    wd_free(name);
    d->r.p = d->r.end;
    return wd_bin_fail_eof(&d->r);
  }
  if (wd_grow((void **)&m->customs, &d->ncustoms_cap, (size_t)m->ncustoms + 1,
              sizeof *m->customs) != 0) {
    wd_free(name);
    return oom(d);
  }
  wd_custom_t *c = &m->customs[m->ncustoms++];
  c->name = name;
  c->off = (uint32_t)payload;
  c->len = (uint32_t)(sec_end - payload);
  if (!d->saw_name_section && name_len == 4 && memcmp(name, "name", 4) == 0) {
    d->saw_name_section = true;
    parse_names(m, payload, sec_end);
  }
  d->r.p = d->r.base + sec_end;
  return true;
}

// ------------------------------------------------------------------ module

// Marks ref.func targets in a constant expression (already well-formed).
static void mark_refs_in(const wd_module_t *m, wd_constexpr_t e) {
  wd_diag_t scratch;
  wd_diag_clear(&scratch);
  wd_bin_reader_t r;
  wd_bin_reader_init(&r, m->bytes, e.off, (size_t)e.off + e.len, &scratch);
  while (!wd_bin_at_end(&r)) {
    wd_bin_instr_t in;
    if (!wd_bin_skip_instr(&r, m->features, &in))
      return;
    if (in.op == 0xd2 && in.idx < m->nfuncs)
      m->declared_funcs[in.idx / 8] |= (uint8_t)(1u << (in.idx % 8));
  }
}

static void mark_func(const wd_module_t *m, uint32_t f) {
  if (f < m->nfuncs)
    m->declared_funcs[f / 8] |= (uint8_t)(1u << (f % 8));
}

// C.refs: function indices named anywhere but in function bodies and the
// start section (spec 3.4.10, "Modules").
static bool mark_declared(dec_t *d) {
  wd_module_t *m = d->m;
  if (!alloc_array(d, (void **)&m->declared_funcs, ((size_t)m->nfuncs + 7) / 8, 1))
    return false;
  for (uint32_t i = 0; i + m->nimported_globals < m->nglobals; i++)
    mark_refs_in(m, m->globals[i].init);
  for (uint32_t i = 0; i < m->nexports; i++)
    if (m->exports[i].kind == WD_EXTERN_FUNC)
      mark_func(m, m->exports[i].index);
  for (uint32_t i = 0; i < m->nelems; i++) {
    const wd_elem_t *e = &m->elems[i];
    if (e->mode == WD_SEG_ACTIVE)
      mark_refs_in(m, e->offset);
    for (uint32_t k = 0; k < e->count; k++) {
      if (e->funcs)
        mark_func(m, e->funcs[k]);
      else
        mark_refs_in(m, e->exprs[k]);
    }
  }
  for (uint32_t i = 0; i < m->ndatas; i++)
    if (m->datas[i].mode == WD_SEG_ACTIVE)
      mark_refs_in(m, m->datas[i].offset);
  return true;
}

// Section order rank by id (0 = custom, allowed anywhere); datacount (12)
// sits between element (9) and code (10), tag (13) between memory (5) and
// global (6).
static int section_rank(uint8_t id) {
  static const int rank[14] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};
  return rank[id];
}

static bool decode_sections(dec_t *d) {
  wd_module_t *m = d->m;
  wd_bin_reader_t *r = &d->r;
  int last = 0;
  while (!wd_bin_at_end(r)) {
    size_t id_at = wd_bin_offset(r);
    uint8_t id;
    if (!wd_bin_read_u8(r, &id))
      return false;
    if (id > 13)
      return wd_bin_fail_at(r, id_at, "malformed section id");
    if (id != 0) {
      // A repeated or out-of-order section: the reference decoder never gets
      // to read it and finds content left after the last section it knows.
      if (section_rank(id) <= last)
        return wd_bin_fail_at(r, id_at, "unexpected content after last section");
      last = section_rank(id);
    }
    uint32_t size;
    if (!wd_bin_read_len(r, &size))
      return false;
    size_t start = wd_bin_offset(r), end = start + size;
    bool ok;
    switch (id) {
    case 0: ok = sec_custom(d, end); break;
    case 1: ok = sec_type(d); break;
    case 2: ok = sec_import(d); break;
    case 3: ok = sec_function(d); break;
    case 4: ok = sec_table(d); break;
    case 5: ok = sec_memory(d); break;
    case 6: ok = sec_global(d); break;
    case 7: ok = sec_export(d); break;
    case 8: ok = sec_start(d); break;
    case 9: ok = sec_elem(d); break;
    case 10: ok = sec_code(d, end); break;
    case 11: ok = sec_data(d); break;
    case 12: ok = sec_datacount(d); break;
    default: ok = sec_tag(d, id_at); break;
    }
    if (!ok)
      return false;
    if (wd_bin_offset(r) != end)
      return wd_bin_fail_at(r, start, "section size mismatch");
  }
  size_t eof = m->size;
  if (d->nfunc_decls != m->nbodies)
    return wd_bin_fail_at(r, eof, "function and code section have inconsistent lengths");
  if (m->has_datacount && m->datacount != m->ndatas)
    return wd_bin_fail_at(r, eof, "data count and data section have inconsistent lengths");
  // Index spaces of kinds the module only imports.
  if (m->func_types == NULL && !make_funcs(d, 0))
    return false;
  if (m->tables == NULL && !make_tables(d, 0))
    return false;
  if (m->memories == NULL && !make_memories(d, 0))
    return false;
  if (m->global_types == NULL && !make_globals(d, 0))
    return false;
  if (m->tag_types == NULL && !make_tags(d, 0))
    return false;
  return mark_declared(d);
}

wd_status_t wd_bin_decode(const uint8_t *bytes, size_t size, uint32_t features, wd_module_t **out,
                          wd_diag_t *diag) {
  *out = NULL;
  if (size > UINT32_MAX) // offsets are 32-bit
    return wd_diag_set(diag, WD_ERR_RESOURCE, WD_NO_OFFSET, "module too large");
  // The preamble: reading a u32 past the end is "unexpected end".
  if (size < 4)
    return wd_diag_set(diag, WD_ERR_MALFORMED, size, "unexpected end");
  if (memcmp(bytes, "\0asm", 4) != 0)
    return wd_diag_set(diag, WD_ERR_MALFORMED, 0, "magic header not detected");
  if (size < 8)
    return wd_diag_set(diag, WD_ERR_MALFORMED, size, "unexpected end");
  if (memcmp(bytes + 4, "\1\0\0\0", 4) != 0)
    return wd_diag_set(diag, WD_ERR_MALFORMED, 4, "unknown binary version");

  wd_module_t *m = wd_calloc(1, sizeof *m);
  if (m == NULL)
    return wd_diag_set(diag, WD_ERR_RESOURCE, WD_NO_OFFSET, "out of memory");
  m->bytes = wd_malloc(size);
  if (m->bytes == NULL) {
    wd_free(m);
    return wd_diag_set(diag, WD_ERR_RESOURCE, WD_NO_OFFSET, "out of memory");
  }
  memcpy(m->bytes, bytes, size);
  m->size = size;
  m->features = features;

  wd_diag_t err;
  wd_diag_clear(&err);
  dec_t d;
  memset(&d, 0, sizeof d);
  d.m = m;
  d.diag = &err;
  wd_bin_seq_init(&d.seq);
  d.seq.features = features;
  d.seq.encoding = features;
  wd_bin_reader_init(&d.r, m->bytes, 8, size, &err);
  d.r.features = features;
  bool ok = decode_sections(&d);
  wd_bin_seq_free(&d.seq);
  if (!ok) {
    // The reference decoder reads each body's instructions as it goes, so
    // an error in an earlier body comes first.
    if (err.status == WD_ERR_MALFORMED && d.nbodies_done > 0) {
      wd_diag_t body;
      wd_diag_clear(&body);
      if (wd_bin_skim_first(m, d.nbodies_done, &body) != WD_OK)
        err = body;
    }
    if (err.status == WD_OK)
      wd_diag_set(&err, WD_ERR_MALFORMED, WD_NO_OFFSET, "malformed module");
    if (diag->status == WD_OK)
      *diag = err;
    wd_module_free(m);
    return err.status;
  }
  *out = m;
  return WD_OK;
}
