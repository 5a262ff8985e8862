// SPDX-License-Identifier: Apache-2.0
// TEMPORARY allocation without collection (replaced by the collector).
#include "runtime/gc.h"

#include "util/alloc.h"

wd_gcobj_t *wd_gc_new_struct(ward_store_t *s, const wd_rtt_t *rtt, wd_cell_t *top) {
  wd_gcobj_t *o = wd_calloc(1, sizeof *o + rtt->size);
  if (o) {
    o->rtt = rtt;
    o->kind = WD_GC_STRUCT;
  }
  return o;
}

wd_gcobj_t *wd_gc_new_array(ward_store_t *s, const wd_rtt_t *rtt, uint32_t len, wd_cell_t *top) {
  if ((uint64_t)len * rtt->size > (1u << 30))
    return NULL;
  wd_gcobj_t *o = wd_calloc(1, sizeof *o + (size_t)len * rtt->size);
  if (o) {
    o->rtt = rtt;
    o->kind = WD_GC_ARRAY;
    o->len = len;
  }
  return o;
}
