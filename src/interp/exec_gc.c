// SPDX-License-Identifier: Apache-2.0
// The garbage-collection instructions out of line (exec_gc.h), and the
// reference type test.
#include "interp/exec_gc.h"

#include <string.h>

#include "interp/code.h"
#include "interp/exec_mem.h"
#include "interp/mem_le.h"
#include "ir/rtt.h"
#include "runtime/gc.h"

void wd_gc_store(uint8_t *p, uint32_t size, const wd_cell_t *v) {
  switch (size) {
  case 1: *p = (uint8_t)v->i32; break;
  case 2: {
    uint16_t x = (uint16_t)v->i32;
    memcpy(p, &x, 2);
    break;
  }
  case 4: memcpy(p, v, 4); break;
  case 8: memcpy(p, v, 8); break;
  default: memcpy(p, v, 16); break;
  }
}

// The bytes an access of kind k moves.
static uint32_t access_size(uint32_t k) {
  static const uint8_t sizes[] = {1, 1, 2, 2, 4, 8, 16};
  return sizes[k];
}

// Reads the field or element of kind k at p into cell d (two for v128).
static void load(wd_cell_t *d, const uint8_t *p, uint32_t k) {
  switch (k) {
  case WD_GC_ACCESS_8S: WD_PUT_I32(*d, (uint32_t)(int32_t)(int8_t)*p); break;
  case WD_GC_ACCESS_8U: WD_PUT_I32(*d, *p); break;
  case WD_GC_ACCESS_16S:
  case WD_GC_ACCESS_16U: {
    uint16_t v;
    memcpy(&v, p, 2);
    WD_PUT_I32(*d, k == WD_GC_ACCESS_16S ? (uint32_t)(int32_t)(int16_t)v : v);
    break;
  }
  case WD_GC_ACCESS_32: {
    uint32_t v;
    memcpy(&v, p, 4);
    WD_PUT_I32(*d, v);
    break;
  }
  case WD_GC_ACCESS_64: memcpy(&d->i64, p, 8); break;
  default: memcpy(d, p, 16); break;
  }
}

// SGET D A I(offset) I(kind), SSET A B I(offset) I(kind).
bool wd_gc_sget(wd_cell_t *fp, const uint32_t *ip) {
  wd_gcobj_t *o = fp[ip[2]].ref;
  if (!o)
    return false;
  load(&fp[ip[1]], WD_GC_PAYLOAD(o) + ip[3], ip[4]);
  return true;
}
bool wd_gc_sset(wd_cell_t *fp, const uint32_t *ip) {
  wd_gcobj_t *o = fp[ip[1]].ref;
  if (!o)
    return false;
  wd_gc_store(WD_GC_PAYLOAD(o) + ip[3], access_size(ip[4]), &fp[ip[2]]);
  return true;
}

// Whether [at, at + n) lies within a range of `len`.
static bool in_range(uint64_t at, uint64_t n, uint64_t len) { return at <= len && n <= len - at; }

// The array in cell a, checked to hold elements [at, at + n): 0, or the
// trap (null, or out of bounds).
static ward_trapcode_t array_span(const wd_cell_t *fp, uint32_t a, uint64_t at, uint64_t n,
                                  wd_gcobj_t **out) {
  wd_gcobj_t *o = fp[a].ref;
  if (!o)
    return WARD_TRAP_NULL_ARRAY;
  if (!in_range(at, n, o->len))
    return WARD_TRAP_ARRAY_OOB;
  *out = o;
  return 0;
}

// The element of array cell a at index cell i; NULL and the trap in *tc.
static uint8_t *element(wd_cell_t *fp, uint32_t a, uint32_t i, uint32_t size, ward_trapcode_t *tc) {
  wd_gcobj_t *o;
  uint32_t idx = fp[i].i32;
  if ((*tc = array_span(fp, a, idx, 1, &o)) != 0)
    return NULL;
  return WD_GC_PAYLOAD(o) + (size_t)idx * size;
}

// AGET D A B I(kind), ASET A B C I(kind).
ward_trapcode_t wd_gc_aget(wd_cell_t *fp, const uint32_t *ip) {
  ward_trapcode_t tc = 0;
  const uint8_t *p = element(fp, ip[2], ip[3], access_size(ip[4]), &tc);
  if (p)
    load(&fp[ip[1]], p, ip[4]);
  return tc;
}
ward_trapcode_t wd_gc_aset(wd_cell_t *fp, const uint32_t *ip) {
  ward_trapcode_t tc = 0;
  uint8_t *p = element(fp, ip[1], ip[2], access_size(ip[4]), &tc);
  if (p)
    wd_gc_store(p, access_size(ip[4]), &fp[ip[3]]);
  return tc;
}

bool wd_gc_test(const ward_instance_t *inst, void *r, uint32_t ht, bool null) {
  if (!r)
    return null;
  if (ht >= WD_HT_IDX) {
    const wd_rtt_t *want = inst->m->rtts[ht - WD_HT_IDX];
    if (want->comp == WD_COMP_FUNC)
      return wd_rtt_sub(((const ward_func_t *)r)->rtt, want);
    wd_gcobj_t *o = wd_ref_obj(r);
    return o && o->rtt && wd_rtt_sub(o->rtt, want);
  }
  switch (ht) {
  case WD_HT_EQ: {
    wd_gcobj_t *o = wd_ref_obj(r);
    return !o || wd_gc_kind(o) == WD_GC_STRUCT || wd_gc_kind(o) == WD_GC_ARRAY;
  }
  case WD_HT_I31: return wd_ref_is_i31(r);
  case WD_HT_STRUCT: {
    wd_gcobj_t *o = wd_ref_obj(r);
    return o && wd_gc_kind(o) == WD_GC_STRUCT;
  }
  case WD_HT_ARRAY: {
    wd_gcobj_t *o = wd_ref_obj(r);
    return o && wd_gc_kind(o) == WD_GC_ARRAY;
  }
  case WD_HT_NONE:
  case WD_HT_NOFUNC:
  case WD_HT_NOEXTERN:
  case WD_HT_NOEXN: return false;
  default: return true; // any, func, extern, exn: the top of its hierarchy
  }
}

#define D (ip[2])
#define A (ip[3])
#define B (ip[4])
#define C (ip[5])
#define E (ip[6])
#define F (ip[7])
#define X (ip[8])
#define Y (ip[9])

static const wd_rtt_t *type_x(const ward_instance_t *inst, const uint32_t *ip) {
  return inst->m->rtts[X];
}

// Cells a value of a field takes (v128: two).
static uint32_t field_cells(const wd_field_t *f) { return f->size == 16 ? 2 : 1; }

static ward_trapcode_t struct_new(ward_store_t *s, ward_instance_t *inst, wd_cell_t *fp,
                                  const uint32_t *ip, wd_cell_t *top) {
  const wd_rtt_t *t = type_x(inst, ip);
  wd_gcobj_t *o = wd_gc_new_struct(s, t, top);
  if (!o)
    return WARD_TRAP_OUT_OF_MEMORY;
  uint8_t *p = WD_GC_PAYLOAD(o);
  const wd_cell_t *v = fp + A;
  for (uint32_t k = 0; k < t->nfields; k++) {
    wd_gc_store(p + t->fields[k].offset, t->fields[k].size, v);
    v += field_cells(&t->fields[k]);
  }
  fp[D].ref = o;
  return 0;
}

static ward_trapcode_t struct_new_default(ward_store_t *s, ward_instance_t *inst, wd_cell_t *fp,
                                          const uint32_t *ip, wd_cell_t *top) {
  wd_gcobj_t *o = wd_gc_new_struct(s, type_x(inst, ip), top);
  if (!o)
    return WARD_TRAP_OUT_OF_MEMORY;
  fp[D].ref = o;
  return 0;
}

// A new array of type t and length n, zeroed; NULL (trap *tc) if it
// cannot be had.
static wd_gcobj_t *new_array(ward_store_t *s, const wd_rtt_t *t, uint64_t n, wd_cell_t *top) {
  if (n > UINT32_MAX)
    return NULL;
  return wd_gc_new_array(s, t, (uint32_t)n, top);
}

static ward_trapcode_t array_new(ward_store_t *s, ward_instance_t *inst, wd_cell_t *fp,
                                 const uint32_t *ip, wd_cell_t *top) {
  const wd_rtt_t *t = type_x(inst, ip);
  uint32_t n = fp[B].i32;
  ward_trapcode_t tc;
  if (s->meter && (tc = wd_bulk_charge(s, n)) != 0)
    return tc;
  wd_cell_t v[2] = {fp[A], t->size == 16 ? fp[A + 1] : fp[A]};
  wd_gcobj_t *o = new_array(s, t, n, top);
  if (!o)
    return WARD_TRAP_OUT_OF_MEMORY;
  uint8_t *p = WD_GC_PAYLOAD(o);
  bool zero = true;
  for (uint32_t k = 0; k < t->size && k < 8; k++)
    zero = zero && ((const uint8_t *)v)[k] == 0;
  if (!zero || t->size == 16)
    for (uint32_t i = 0; i < n; i++)
      wd_gc_store(p + (size_t)i * t->size, t->size, v);
  fp[D].ref = o;
  return 0;
}

static ward_trapcode_t array_new_default(ward_store_t *s, ward_instance_t *inst, wd_cell_t *fp,
                                         const uint32_t *ip, wd_cell_t *top) {
  uint32_t n = fp[B].i32;
  ward_trapcode_t tc;
  if (s->meter && (tc = wd_bulk_charge(s, n)) != 0)
    return tc;
  wd_gcobj_t *o = new_array(s, type_x(inst, ip), n, top);
  if (!o)
    return WARD_TRAP_OUT_OF_MEMORY;
  fp[D].ref = o;
  return 0;
}

static ward_trapcode_t array_new_fixed(ward_store_t *s, ward_instance_t *inst, wd_cell_t *fp,
                                       const uint32_t *ip, wd_cell_t *top) {
  const wd_rtt_t *t = type_x(inst, ip);
  wd_gcobj_t *o = new_array(s, t, Y, top);
  if (!o)
    return WARD_TRAP_OUT_OF_MEMORY;
  uint8_t *p = WD_GC_PAYLOAD(o);
  uint32_t step = t->size == 16 ? 2 : 1;
  for (uint32_t i = 0; i < Y; i++)
    wd_gc_store(p + (size_t)i * t->size, t->size, fp + A + (size_t)i * step);
  fp[D].ref = o;
  return 0;
}

// Copies n elements of size `size` from little-endian bytes src to p.
static void from_data(uint8_t *p, const uint8_t *src, uint64_t n, uint32_t size) {
  for (uint64_t i = 0; i < n; i++, p += size, src += size) {
    wd_cell_t v[2];
    switch (size) {
    case 1: WD_PUT_I32(v[0], *src); break;
    case 2: WD_PUT_I32(v[0], ld16(src)); break;
    case 4: WD_PUT_I32(v[0], ld32(src)); break;
    case 8: v[0].i64 = ld64(src); break;
    default: memcpy(v, src, 16); break;
    }
    wd_gc_store(p, size, v);
  }
}

static ward_trapcode_t array_new_data(ward_store_t *s, ward_instance_t *inst, wd_cell_t *fp,
                                      const uint32_t *ip, wd_cell_t *top) {
  const wd_rtt_t *t = type_x(inst, ip);
  const wd_dataseg_t *seg = &inst->datas[Y];
  uint64_t at = fp[A].i32, n = fp[B].i32;
  if (!in_range(at, n * t->size, seg->len))
    return WARD_TRAP_MEMORY_OOB;
  ward_trapcode_t tc;
  if (s->meter && (tc = wd_bulk_charge(s, n)) != 0)
    return tc;
  wd_gcobj_t *o = new_array(s, t, n, top);
  if (!o)
    return WARD_TRAP_OUT_OF_MEMORY;
  from_data(WD_GC_PAYLOAD(o), inst->datas[Y].bytes + at, n, t->size);
  fp[D].ref = o;
  return 0;
}

// Stores n references of an element segment to 8-byte slots at p.
static void from_elems(uint8_t *p, void *const *refs, uint64_t n) {
  for (uint64_t i = 0; i < n; i++) {
    wd_cell_t v = {.i64 = 0};
    v.ref = refs[i];
    memcpy(p + i * 8, &v, 8);
  }
}

static ward_trapcode_t array_new_elem(ward_store_t *s, ward_instance_t *inst, wd_cell_t *fp,
                                      const uint32_t *ip, wd_cell_t *top) {
  const wd_rtt_t *t = type_x(inst, ip);
  const wd_elemseg_t *seg = &inst->elems[Y];
  uint64_t at = fp[A].i32, n = fp[B].i32;
  if (!in_range(at, n, seg->n))
    return WARD_TRAP_TABLE_OOB;
  ward_trapcode_t tc;
  if (s->meter && (tc = wd_bulk_charge(s, n)) != 0)
    return tc;
  wd_gcobj_t *o = new_array(s, t, n, top);
  if (!o)
    return WARD_TRAP_OUT_OF_MEMORY;
  from_elems(WD_GC_PAYLOAD(o), inst->elems[Y].refs + at, n);
  fp[D].ref = o;
  return 0;
}

static ward_trapcode_t array_fill(ward_store_t *s, ward_instance_t *inst, wd_cell_t *fp,
                                  const uint32_t *ip, wd_cell_t *top) {
  wd_gcobj_t *o;
  uint64_t at = fp[B].i32, n = fp[E].i32;
  ward_trapcode_t tc = array_span(fp, A, at, n, &o);
  if (tc)
    return tc;
  if (s->meter && (tc = wd_bulk_charge(s, n)) != 0)
    return tc;
  uint32_t size = o->rtt->size;
  uint8_t *p = WD_GC_PAYLOAD(o) + at * size;
  for (uint64_t i = 0; i < n; i++)
    wd_gc_store(p + i * size, size, fp + C);
  return 0;
}

static ward_trapcode_t array_copy(ward_store_t *s, ward_instance_t *inst, wd_cell_t *fp,
                                  const uint32_t *ip, wd_cell_t *top) {
  wd_gcobj_t *d = fp[A].ref, *src = fp[C].ref;
  if (!d || !src)
    return WARD_TRAP_NULL_ARRAY;
  uint64_t di = fp[B].i32, si = fp[E].i32, n = fp[F].i32;
  if (!in_range(di, n, d->len) || !in_range(si, n, src->len))
    return WARD_TRAP_ARRAY_OOB;
  ward_trapcode_t tc;
  if (s->meter && (tc = wd_bulk_charge(s, n)) != 0)
    return tc;
  uint32_t size = d->rtt->size;
  if (n)
    memmove(WD_GC_PAYLOAD(d) + di * size, WD_GC_PAYLOAD(src) + si * size, (size_t)(n * size));
  return 0;
}

static ward_trapcode_t array_init_data(ward_store_t *s, ward_instance_t *inst, wd_cell_t *fp,
                                       const uint32_t *ip, wd_cell_t *top) {
  wd_gcobj_t *o;
  const wd_dataseg_t *seg = &inst->datas[Y];
  uint64_t at = fp[B].i32, from = fp[C].i32, n = fp[E].i32;
  ward_trapcode_t tc = array_span(fp, A, at, n, &o);
  if (tc)
    return tc;
  uint32_t size = o->rtt->size;
  if (!in_range(from, n * size, seg->len))
    return WARD_TRAP_MEMORY_OOB;
  if (s->meter && (tc = wd_bulk_charge(s, n)) != 0)
    return tc;
  from_data(WD_GC_PAYLOAD(o) + at * size, seg->bytes + from, n, size);
  return 0;
}

static ward_trapcode_t array_init_elem(ward_store_t *s, ward_instance_t *inst, wd_cell_t *fp,
                                       const uint32_t *ip, wd_cell_t *top) {
  wd_gcobj_t *o;
  const wd_elemseg_t *seg = &inst->elems[Y];
  uint64_t at = fp[B].i32, from = fp[C].i32, n = fp[E].i32;
  ward_trapcode_t tc = array_span(fp, A, at, n, &o);
  if (tc)
    return tc;
  if (!in_range(from, n, seg->n))
    return WARD_TRAP_TABLE_OOB;
  if (s->meter && (tc = wd_bulk_charge(s, n)) != 0)
    return tc;
  from_elems(WD_GC_PAYLOAD(o) + at * 8, seg->refs + from, n);
  return 0;
}

// Each returns 0, or the trap it raises. top: the running frame's end (the
// collector scans the cells below it).
typedef ward_trapcode_t (*wd_gc_fn_t)(ward_store_t *s, ward_instance_t *inst, wd_cell_t *fp,
                                      const uint32_t *ip, wd_cell_t *top);
static const wd_gc_fn_t k_gc_fns[WD_GC_FN_COUNT_] = {
    [WD_GC_FN_STRUCT_NEW] = struct_new,
    [WD_GC_FN_STRUCT_NEW_DEFAULT] = struct_new_default,
    [WD_GC_FN_ARRAY_NEW] = array_new,
    [WD_GC_FN_ARRAY_NEW_DEFAULT] = array_new_default,
    [WD_GC_FN_ARRAY_NEW_FIXED] = array_new_fixed,
    [WD_GC_FN_ARRAY_NEW_DATA] = array_new_data,
    [WD_GC_FN_ARRAY_NEW_ELEM] = array_new_elem,
    [WD_GC_FN_ARRAY_FILL] = array_fill,
    [WD_GC_FN_ARRAY_COPY] = array_copy,
    [WD_GC_FN_ARRAY_INIT_DATA] = array_init_data,
    [WD_GC_FN_ARRAY_INIT_ELEM] = array_init_elem,
};

ward_trapcode_t wd_gc_op(const ward_func_t *cur, wd_cell_t *fp, const uint32_t *ip) {
  ward_instance_t *inst = cur->inst;
  return k_gc_fns[ip[1]](inst->store, inst, fp, ip, fp + cur->code->frame_cells);
}
