// SPDX-License-Identifier: Apache-2.0
// The garbage-collection instructions done out of line (ops.def GC_OP),
// and the reference type test the inline ones share.
#ifndef WD_INTERP_EXEC_GC_H
#define WD_INTERP_EXEC_GC_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime/rt.h"

// GC_OP's fn unit. The units: ip[1] fn, ip[2] d, ip[3] a, ip[4] b,
// ip[5] c, ip[6] e, ip[7] f (cells), ip[8] x, ip[9] y (immediates):
//   STRUCT_NEW          d = new struct of type x, fields from cells a on
//   STRUCT_NEW_DEFAULT  d = new struct of type x, fields zero or null
//   ARRAY_NEW           d = new array of type x, b elements of value a
//   ARRAY_NEW_DEFAULT   d = new array of type x, b elements zero or null
//   ARRAY_NEW_FIXED     d = new array of type x, y elements from cells a on
//   ARRAY_NEW_DATA      d = new array of type x, b elements from data
//                       segment y at byte a
//   ARRAY_NEW_ELEM      the same from element segment y at element a
//   ARRAY_FILL          array a (type x), b.. b + e set to value c
//   ARRAY_COPY          array a (type x) from b on = array c from e on, f
//                       elements (overlapping as memmove)
//   ARRAY_INIT_DATA     array a (type x) from b on = data segment y from
//                       byte c on, e elements
//   ARRAY_INIT_ELEM     the same from element segment y
enum wd_gc_fn {
  WD_GC_FN_STRUCT_NEW,
  WD_GC_FN_STRUCT_NEW_DEFAULT,
  WD_GC_FN_ARRAY_NEW,
  WD_GC_FN_ARRAY_NEW_DEFAULT,
  WD_GC_FN_ARRAY_NEW_FIXED,
  WD_GC_FN_ARRAY_NEW_DATA,
  WD_GC_FN_ARRAY_NEW_ELEM,
  WD_GC_FN_ARRAY_FILL,
  WD_GC_FN_ARRAY_COPY,
  WD_GC_FN_ARRAY_INIT_DATA,
  WD_GC_FN_ARRAY_INIT_ELEM,
  WD_GC_FN_COUNT_
};
#define WD_GC_OP_UNITS 10 // GC_OP and its nine operand units

// Runs the GC_OP at ip in the frame fp of function cur: 0, or the trap it
// raises. (Three arguments only: the handler stays small, and the
// dispatch function's registers undisturbed.)
ward_trapcode_t wd_gc_op(const ward_func_t *cur, wd_cell_t *fp, const uint32_t *ip);

// The kinds of field and element access (ops.def SGET, SSET, AGET,
// ASET): the size, and for the packed reads the extension.
enum {
  WD_GC_ACCESS_8S,
  WD_GC_ACCESS_8U,
  WD_GC_ACCESS_16S,
  WD_GC_ACCESS_16U,
  WD_GC_ACCESS_32,
  WD_GC_ACCESS_64,
  WD_GC_ACCESS_128,
};
// The field and element accesses: false (SGET, SSET) for a null struct;
// 0 or the trap (AGET, ASET).
bool wd_gc_sget(wd_cell_t *fp, const uint32_t *ip);
bool wd_gc_sset(wd_cell_t *fp, const uint32_t *ip);
ward_trapcode_t wd_gc_aget(wd_cell_t *fp, const uint32_t *ip);
ward_trapcode_t wd_gc_aset(wd_cell_t *fp, const uint32_t *ip);

// Whether reference r (of ht's hierarchy) is of heap type ht (an abstract
// one, or WD_HT_IDX + a type index of inst's module), or null with `null`.
bool wd_gc_test(const ward_instance_t *inst, void *r, uint32_t ht, bool null);

// Stores the value in cells v (one, or two for a v128) to a field or
// element of `size` bytes at p, and loads one back: the storage of the
// struct and array payloads.
void wd_gc_store(uint8_t *p, uint32_t size, const wd_cell_t *v);

#endif
