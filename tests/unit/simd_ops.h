// SPDX-License-Identifier: Apache-2.0
// The operations of src/interp/simd.h as a table of uniform wrappers, for
// tests/unit/test_simd.c. Included by several translation units, each with
// its own build of simd.h: test_simd.c (the host's vector path as the build
// targets it), simd_portable.c (WD_SIMD_PORTABLE=1) and simd_sse41.c (built
// with -msse4.1 on x86-64). Each defines SIMD_TABLE_FN, the name of the
// function that returns its table, before including this file; without it,
// only the shared declarations are seen.
#ifndef WD_TEST_SIMD_OPS_H
#define WD_TEST_SIMD_OPS_H

#include <stdint.h>

#include "interp/simd.h"

// The operands every wrapper takes: up to three vectors, a scalar (shift
// count, splat or replaced value, bytes read by a load) and a lane immediate.
typedef struct simd_in {
  wd_v128_t a, b, c;
  uint64_t x;
  unsigned imm;
} simd_in;

typedef void (*simd_fn)(wd_v128_t *r, const simd_in *in);

// How two results of one operation may differ: not at all, or, in float
// lanes where both are NaN, in the NaN's sign and payload (NaNs produced by
// arithmetic; each must still be a quiet NaN, and canonical when all NaN
// operands are: test_simd.c checks that separately).
enum { SIMD_EXACT, SIMD_NAN32, SIMD_NAN64 };

typedef struct simd_op {
  const char *name;
  simd_fn fn;
  int nan;
} simd_op;

// Each translation unit's table and the path its simd.h build took.
typedef struct simd_table {
  const simd_op *ops;
  unsigned count;
  const char *path;
} simd_table;

simd_table simd_table_native(void);
simd_table simd_table_portable(void);
simd_table simd_table_sse41(void); // count 0 where not built with SSE4.1

// X(name, shape, nan): every instruction of simd.h. Shapes name the wrapper.
#define SIMD_OPS(X)                                                                                \
  X(v128_const, CONST, SIMD_EXACT)                                                                 \
  X(load8x8_s, LOAD64, SIMD_EXACT)                                                                 \
  X(load8x8_u, LOAD64, SIMD_EXACT)                                                                 \
  X(load16x4_s, LOAD64, SIMD_EXACT)                                                                \
  X(load16x4_u, LOAD64, SIMD_EXACT)                                                                \
  X(load32x2_s, LOAD64, SIMD_EXACT)                                                                \
  X(load32x2_u, LOAD64, SIMD_EXACT)                                                                \
  X(load8_splat, LOAD32, SIMD_EXACT)                                                               \
  X(load16_splat, LOAD32, SIMD_EXACT)                                                              \
  X(load32_splat, LOAD32, SIMD_EXACT)                                                              \
  X(load64_splat, LOAD64, SIMD_EXACT)                                                              \
  X(load32_zero, LOAD32, SIMD_EXACT)                                                               \
  X(load64_zero, LOAD64, SIMD_EXACT)                                                               \
  X(load8_lane, LDLANE32, SIMD_EXACT)                                                              \
  X(load16_lane, LDLANE32, SIMD_EXACT)                                                             \
  X(load32_lane, LDLANE32, SIMD_EXACT)                                                             \
  X(load64_lane, LDLANE64, SIMD_EXACT)                                                             \
  X(store8_lane, STLANE, SIMD_EXACT)                                                               \
  X(store16_lane, STLANE, SIMD_EXACT)                                                              \
  X(store32_lane, STLANE, SIMD_EXACT)                                                              \
  X(store64_lane, STLANE, SIMD_EXACT)                                                              \
  X(i8x16_shuffle, SHUF, SIMD_EXACT)                                                               \
  X(i8x16_swizzle, VV, SIMD_EXACT)                                                                 \
  X(i8x16_splat, SPLAT32, SIMD_EXACT)                                                              \
  X(i16x8_splat, SPLAT32, SIMD_EXACT)                                                              \
  X(i32x4_splat, SPLAT32, SIMD_EXACT)                                                              \
  X(i64x2_splat, SPLAT64, SIMD_EXACT)                                                              \
  X(f32x4_splat, SPLATF32, SIMD_EXACT)                                                             \
  X(f64x2_splat, SPLATF64, SIMD_EXACT)                                                             \
  X(i8x16_extract_lane_s, EXT32, SIMD_EXACT)                                                       \
  X(i8x16_extract_lane_u, EXT32, SIMD_EXACT)                                                       \
  X(i8x16_replace_lane, REP32, SIMD_EXACT)                                                         \
  X(i16x8_extract_lane_s, EXT32, SIMD_EXACT)                                                       \
  X(i16x8_extract_lane_u, EXT32, SIMD_EXACT)                                                       \
  X(i16x8_replace_lane, REP32, SIMD_EXACT)                                                         \
  X(i32x4_extract_lane, EXT32, SIMD_EXACT)                                                         \
  X(i32x4_replace_lane, REP32, SIMD_EXACT)                                                         \
  X(i64x2_extract_lane, EXT64, SIMD_EXACT)                                                         \
  X(i64x2_replace_lane, REP64, SIMD_EXACT)                                                         \
  X(f32x4_extract_lane, EXTF32, SIMD_EXACT)                                                        \
  X(f32x4_replace_lane, REPF32, SIMD_EXACT)                                                        \
  X(f64x2_extract_lane, EXTF64, SIMD_EXACT)                                                        \
  X(f64x2_replace_lane, REPF64, SIMD_EXACT)                                                        \
  X(i8x16_eq, VV, SIMD_EXACT)                                                                      \
  X(i8x16_ne, VV, SIMD_EXACT)                                                                      \
  X(i8x16_lt_s, VV, SIMD_EXACT)                                                                    \
  X(i8x16_lt_u, VV, SIMD_EXACT)                                                                    \
  X(i8x16_gt_s, VV, SIMD_EXACT)                                                                    \
  X(i8x16_gt_u, VV, SIMD_EXACT)                                                                    \
  X(i8x16_le_s, VV, SIMD_EXACT)                                                                    \
  X(i8x16_le_u, VV, SIMD_EXACT)                                                                    \
  X(i8x16_ge_s, VV, SIMD_EXACT)                                                                    \
  X(i8x16_ge_u, VV, SIMD_EXACT)                                                                    \
  X(i16x8_eq, VV, SIMD_EXACT)                                                                      \
  X(i16x8_ne, VV, SIMD_EXACT)                                                                      \
  X(i16x8_lt_s, VV, SIMD_EXACT)                                                                    \
  X(i16x8_lt_u, VV, SIMD_EXACT)                                                                    \
  X(i16x8_gt_s, VV, SIMD_EXACT)                                                                    \
  X(i16x8_gt_u, VV, SIMD_EXACT)                                                                    \
  X(i16x8_le_s, VV, SIMD_EXACT)                                                                    \
  X(i16x8_le_u, VV, SIMD_EXACT)                                                                    \
  X(i16x8_ge_s, VV, SIMD_EXACT)                                                                    \
  X(i16x8_ge_u, VV, SIMD_EXACT)                                                                    \
  X(i32x4_eq, VV, SIMD_EXACT)                                                                      \
  X(i32x4_ne, VV, SIMD_EXACT)                                                                      \
  X(i32x4_lt_s, VV, SIMD_EXACT)                                                                    \
  X(i32x4_lt_u, VV, SIMD_EXACT)                                                                    \
  X(i32x4_gt_s, VV, SIMD_EXACT)                                                                    \
  X(i32x4_gt_u, VV, SIMD_EXACT)                                                                    \
  X(i32x4_le_s, VV, SIMD_EXACT)                                                                    \
  X(i32x4_le_u, VV, SIMD_EXACT)                                                                    \
  X(i32x4_ge_s, VV, SIMD_EXACT)                                                                    \
  X(i32x4_ge_u, VV, SIMD_EXACT)                                                                    \
  X(f32x4_eq, VV, SIMD_EXACT)                                                                      \
  X(f32x4_ne, VV, SIMD_EXACT)                                                                      \
  X(f32x4_lt, VV, SIMD_EXACT)                                                                      \
  X(f32x4_gt, VV, SIMD_EXACT)                                                                      \
  X(f32x4_le, VV, SIMD_EXACT)                                                                      \
  X(f32x4_ge, VV, SIMD_EXACT)                                                                      \
  X(f64x2_eq, VV, SIMD_EXACT)                                                                      \
  X(f64x2_ne, VV, SIMD_EXACT)                                                                      \
  X(f64x2_lt, VV, SIMD_EXACT)                                                                      \
  X(f64x2_gt, VV, SIMD_EXACT)                                                                      \
  X(f64x2_le, VV, SIMD_EXACT)                                                                      \
  X(f64x2_ge, VV, SIMD_EXACT)                                                                      \
  X(v128_not, V, SIMD_EXACT)                                                                       \
  X(v128_and, VV, SIMD_EXACT)                                                                      \
  X(v128_andnot, VV, SIMD_EXACT)                                                                   \
  X(v128_or, VV, SIMD_EXACT)                                                                       \
  X(v128_xor, VV, SIMD_EXACT)                                                                      \
  X(v128_bitselect, VVV, SIMD_EXACT)                                                               \
  X(v128_any_true, TEST, SIMD_EXACT)                                                               \
  X(f32x4_demote_f64x2_zero, V, SIMD_EXACT)                                                        \
  X(f64x2_promote_low_f32x4, V, SIMD_EXACT)                                                        \
  X(i8x16_abs, V, SIMD_EXACT)                                                                      \
  X(i8x16_neg, V, SIMD_EXACT)                                                                      \
  X(i8x16_popcnt, V, SIMD_EXACT)                                                                   \
  X(i8x16_all_true, TEST, SIMD_EXACT)                                                              \
  X(i8x16_bitmask, TEST, SIMD_EXACT)                                                               \
  X(i8x16_narrow_i16x8_s, VV, SIMD_EXACT)                                                          \
  X(i8x16_narrow_i16x8_u, VV, SIMD_EXACT)                                                          \
  X(f32x4_ceil, V, SIMD_EXACT)                                                                     \
  X(f32x4_floor, V, SIMD_EXACT)                                                                    \
  X(f32x4_trunc, V, SIMD_EXACT)                                                                    \
  X(f32x4_nearest, V, SIMD_EXACT)                                                                  \
  X(i8x16_shl, SHIFT, SIMD_EXACT)                                                                  \
  X(i8x16_shr_s, SHIFT, SIMD_EXACT)                                                                \
  X(i8x16_shr_u, SHIFT, SIMD_EXACT)                                                                \
  X(i8x16_add, VV, SIMD_EXACT)                                                                     \
  X(i8x16_add_sat_s, VV, SIMD_EXACT)                                                               \
  X(i8x16_add_sat_u, VV, SIMD_EXACT)                                                               \
  X(i8x16_sub, VV, SIMD_EXACT)                                                                     \
  X(i8x16_sub_sat_s, VV, SIMD_EXACT)                                                               \
  X(i8x16_sub_sat_u, VV, SIMD_EXACT)                                                               \
  X(f64x2_ceil, V, SIMD_EXACT)                                                                     \
  X(f64x2_floor, V, SIMD_EXACT)                                                                    \
  X(i8x16_min_s, VV, SIMD_EXACT)                                                                   \
  X(i8x16_min_u, VV, SIMD_EXACT)                                                                   \
  X(i8x16_max_s, VV, SIMD_EXACT)                                                                   \
  X(i8x16_max_u, VV, SIMD_EXACT)                                                                   \
  X(f64x2_trunc, V, SIMD_EXACT)                                                                    \
  X(i8x16_avgr_u, VV, SIMD_EXACT)                                                                  \
  X(i16x8_extadd_pairwise_i8x16_s, V, SIMD_EXACT)                                                  \
  X(i16x8_extadd_pairwise_i8x16_u, V, SIMD_EXACT)                                                  \
  X(i32x4_extadd_pairwise_i16x8_s, V, SIMD_EXACT)                                                  \
  X(i32x4_extadd_pairwise_i16x8_u, V, SIMD_EXACT)                                                  \
  X(i16x8_abs, V, SIMD_EXACT)                                                                      \
  X(i16x8_neg, V, SIMD_EXACT)                                                                      \
  X(i16x8_q15mulr_sat_s, VV, SIMD_EXACT)                                                           \
  X(i16x8_all_true, TEST, SIMD_EXACT)                                                              \
  X(i16x8_bitmask, TEST, SIMD_EXACT)                                                               \
  X(i16x8_narrow_i32x4_s, VV, SIMD_EXACT)                                                          \
  X(i16x8_narrow_i32x4_u, VV, SIMD_EXACT)                                                          \
  X(i16x8_extend_low_i8x16_s, V, SIMD_EXACT)                                                       \
  X(i16x8_extend_high_i8x16_s, V, SIMD_EXACT)                                                      \
  X(i16x8_extend_low_i8x16_u, V, SIMD_EXACT)                                                       \
  X(i16x8_extend_high_i8x16_u, V, SIMD_EXACT)                                                      \
  X(i16x8_shl, SHIFT, SIMD_EXACT)                                                                  \
  X(i16x8_shr_s, SHIFT, SIMD_EXACT)                                                                \
  X(i16x8_shr_u, SHIFT, SIMD_EXACT)                                                                \
  X(i16x8_add, VV, SIMD_EXACT)                                                                     \
  X(i16x8_add_sat_s, VV, SIMD_EXACT)                                                               \
  X(i16x8_add_sat_u, VV, SIMD_EXACT)                                                               \
  X(i16x8_sub, VV, SIMD_EXACT)                                                                     \
  X(i16x8_sub_sat_s, VV, SIMD_EXACT)                                                               \
  X(i16x8_sub_sat_u, VV, SIMD_EXACT)                                                               \
  X(f64x2_nearest, V, SIMD_EXACT)                                                                  \
  X(i16x8_mul, VV, SIMD_EXACT)                                                                     \
  X(i16x8_min_s, VV, SIMD_EXACT)                                                                   \
  X(i16x8_min_u, VV, SIMD_EXACT)                                                                   \
  X(i16x8_max_s, VV, SIMD_EXACT)                                                                   \
  X(i16x8_max_u, VV, SIMD_EXACT)                                                                   \
  X(i16x8_avgr_u, VV, SIMD_EXACT)                                                                  \
  X(i16x8_extmul_low_i8x16_s, VV, SIMD_EXACT)                                                      \
  X(i16x8_extmul_high_i8x16_s, VV, SIMD_EXACT)                                                     \
  X(i16x8_extmul_low_i8x16_u, VV, SIMD_EXACT)                                                      \
  X(i16x8_extmul_high_i8x16_u, VV, SIMD_EXACT)                                                     \
  X(i32x4_abs, V, SIMD_EXACT)                                                                      \
  X(i32x4_neg, V, SIMD_EXACT)                                                                      \
  X(i32x4_all_true, TEST, SIMD_EXACT)                                                              \
  X(i32x4_bitmask, TEST, SIMD_EXACT)                                                               \
  X(i32x4_extend_low_i16x8_s, V, SIMD_EXACT)                                                       \
  X(i32x4_extend_high_i16x8_s, V, SIMD_EXACT)                                                      \
  X(i32x4_extend_low_i16x8_u, V, SIMD_EXACT)                                                       \
  X(i32x4_extend_high_i16x8_u, V, SIMD_EXACT)                                                      \
  X(i32x4_shl, SHIFT, SIMD_EXACT)                                                                  \
  X(i32x4_shr_s, SHIFT, SIMD_EXACT)                                                                \
  X(i32x4_shr_u, SHIFT, SIMD_EXACT)                                                                \
  X(i32x4_add, VV, SIMD_EXACT)                                                                     \
  X(i32x4_sub, VV, SIMD_EXACT)                                                                     \
  X(i32x4_mul, VV, SIMD_EXACT)                                                                     \
  X(i32x4_min_s, VV, SIMD_EXACT)                                                                   \
  X(i32x4_min_u, VV, SIMD_EXACT)                                                                   \
  X(i32x4_max_s, VV, SIMD_EXACT)                                                                   \
  X(i32x4_max_u, VV, SIMD_EXACT)                                                                   \
  X(i32x4_dot_i16x8_s, VV, SIMD_EXACT)                                                             \
  X(i32x4_extmul_low_i16x8_s, VV, SIMD_EXACT)                                                      \
  X(i32x4_extmul_high_i16x8_s, VV, SIMD_EXACT)                                                     \
  X(i32x4_extmul_low_i16x8_u, VV, SIMD_EXACT)                                                      \
  X(i32x4_extmul_high_i16x8_u, VV, SIMD_EXACT)                                                     \
  X(i64x2_abs, V, SIMD_EXACT)                                                                      \
  X(i64x2_neg, V, SIMD_EXACT)                                                                      \
  X(i64x2_all_true, TEST, SIMD_EXACT)                                                              \
  X(i64x2_bitmask, TEST, SIMD_EXACT)                                                               \
  X(i64x2_extend_low_i32x4_s, V, SIMD_EXACT)                                                       \
  X(i64x2_extend_high_i32x4_s, V, SIMD_EXACT)                                                      \
  X(i64x2_extend_low_i32x4_u, V, SIMD_EXACT)                                                       \
  X(i64x2_extend_high_i32x4_u, V, SIMD_EXACT)                                                      \
  X(i64x2_shl, SHIFT, SIMD_EXACT)                                                                  \
  X(i64x2_shr_s, SHIFT, SIMD_EXACT)                                                                \
  X(i64x2_shr_u, SHIFT, SIMD_EXACT)                                                                \
  X(i64x2_add, VV, SIMD_EXACT)                                                                     \
  X(i64x2_sub, VV, SIMD_EXACT)                                                                     \
  X(i64x2_mul, VV, SIMD_EXACT)                                                                     \
  X(i64x2_eq, VV, SIMD_EXACT)                                                                      \
  X(i64x2_ne, VV, SIMD_EXACT)                                                                      \
  X(i64x2_lt_s, VV, SIMD_EXACT)                                                                    \
  X(i64x2_gt_s, VV, SIMD_EXACT)                                                                    \
  X(i64x2_le_s, VV, SIMD_EXACT)                                                                    \
  X(i64x2_ge_s, VV, SIMD_EXACT)                                                                    \
  X(i64x2_extmul_low_i32x4_s, VV, SIMD_EXACT)                                                      \
  X(i64x2_extmul_high_i32x4_s, VV, SIMD_EXACT)                                                     \
  X(i64x2_extmul_low_i32x4_u, VV, SIMD_EXACT)                                                      \
  X(i64x2_extmul_high_i32x4_u, VV, SIMD_EXACT)                                                     \
  X(f32x4_abs, V, SIMD_EXACT)                                                                      \
  X(f32x4_neg, V, SIMD_EXACT)                                                                      \
  X(f32x4_sqrt, V, SIMD_NAN32)                                                                     \
  X(f32x4_add, VV, SIMD_NAN32)                                                                     \
  X(f32x4_sub, VV, SIMD_NAN32)                                                                     \
  X(f32x4_mul, VV, SIMD_NAN32)                                                                     \
  X(f32x4_div, VV, SIMD_NAN32)                                                                     \
  X(f32x4_min, VV, SIMD_EXACT)                                                                     \
  X(f32x4_max, VV, SIMD_EXACT)                                                                     \
  X(f32x4_pmin, VV, SIMD_EXACT)                                                                    \
  X(f32x4_pmax, VV, SIMD_EXACT)                                                                    \
  X(f64x2_abs, V, SIMD_EXACT)                                                                      \
  X(f64x2_neg, V, SIMD_EXACT)                                                                      \
  X(f64x2_sqrt, V, SIMD_NAN64)                                                                     \
  X(f64x2_add, VV, SIMD_NAN64)                                                                     \
  X(f64x2_sub, VV, SIMD_NAN64)                                                                     \
  X(f64x2_mul, VV, SIMD_NAN64)                                                                     \
  X(f64x2_div, VV, SIMD_NAN64)                                                                     \
  X(f64x2_min, VV, SIMD_EXACT)                                                                     \
  X(f64x2_max, VV, SIMD_EXACT)                                                                     \
  X(f64x2_pmin, VV, SIMD_EXACT)                                                                    \
  X(f64x2_pmax, VV, SIMD_EXACT)                                                                    \
  X(i32x4_trunc_sat_f32x4_s, V, SIMD_EXACT)                                                        \
  X(i32x4_trunc_sat_f32x4_u, V, SIMD_EXACT)                                                        \
  X(f32x4_convert_i32x4_s, V, SIMD_EXACT)                                                          \
  X(f32x4_convert_i32x4_u, V, SIMD_EXACT)                                                          \
  X(i32x4_trunc_sat_f64x2_s_zero, V, SIMD_EXACT)                                                   \
  X(i32x4_trunc_sat_f64x2_u_zero, V, SIMD_EXACT)                                                   \
  X(f64x2_convert_low_i32x4_s, V, SIMD_EXACT)                                                      \
  X(f64x2_convert_low_i32x4_u, V, SIMD_EXACT)                                                      \
  X(i8x16_relaxed_swizzle, VV, SIMD_EXACT)                                                         \
  X(i32x4_relaxed_trunc_f32x4_s, V, SIMD_EXACT)                                                    \
  X(i32x4_relaxed_trunc_f32x4_u, V, SIMD_EXACT)                                                    \
  X(i32x4_relaxed_trunc_f64x2_s_zero, V, SIMD_EXACT)                                               \
  X(i32x4_relaxed_trunc_f64x2_u_zero, V, SIMD_EXACT)                                               \
  X(f32x4_relaxed_madd, VVV, SIMD_NAN32)                                                           \
  X(f32x4_relaxed_nmadd, VVV, SIMD_NAN32)                                                          \
  X(f64x2_relaxed_madd, VVV, SIMD_NAN64)                                                           \
  X(f64x2_relaxed_nmadd, VVV, SIMD_NAN64)                                                          \
  X(i8x16_relaxed_laneselect, VVV, SIMD_EXACT)                                                     \
  X(i16x8_relaxed_laneselect, VVV, SIMD_EXACT)                                                     \
  X(i32x4_relaxed_laneselect, VVV, SIMD_EXACT)                                                     \
  X(i64x2_relaxed_laneselect, VVV, SIMD_EXACT)                                                     \
  X(f32x4_relaxed_min, VV, SIMD_EXACT)                                                             \
  X(f32x4_relaxed_max, VV, SIMD_EXACT)                                                             \
  X(f64x2_relaxed_min, VV, SIMD_EXACT)                                                             \
  X(f64x2_relaxed_max, VV, SIMD_EXACT)                                                             \
  X(i16x8_relaxed_q15mulr_s, VV, SIMD_EXACT)                                                       \
  X(i16x8_relaxed_dot_i8x16_i7x16_s, VV, SIMD_EXACT)                                               \
  X(i32x4_relaxed_dot_i8x16_i7x16_add_s, VVV, SIMD_EXACT)

#endif // WD_TEST_SIMD_OPS_H

// --- The wrappers and the table, once per including translation unit --------
#ifdef SIMD_TABLE_FN

#define SIMD_W_CONST(n) *r = wd_v_##n(in->a.u8);
#define SIMD_W_V(n) *r = wd_v_##n(in->a);
#define SIMD_W_VV(n) *r = wd_v_##n(in->a, in->b);
#define SIMD_W_VVV(n) *r = wd_v_##n(in->a, in->b, in->c);
#define SIMD_W_SHIFT(n) *r = wd_v_##n(in->a, (uint32_t)in->x);
#define SIMD_W_SHUF(n) *r = wd_v_##n(in->a, in->b, in->c.u8);
#define SIMD_W_TEST(n) r->u32[0] = wd_v_##n(in->a);
#define SIMD_W_EXT32(n) r->u32[0] = wd_v_##n(in->a, in->imm);
#define SIMD_W_EXT64(n) r->u64[0] = wd_v_##n(in->a, in->imm);
#define SIMD_W_EXTF32(n) r->u32[0] = wd_num_f32_bits(wd_v_##n(in->a, in->imm));
#define SIMD_W_EXTF64(n) r->u64[0] = wd_num_f64_bits(wd_v_##n(in->a, in->imm));
#define SIMD_W_STLANE(n) r->u64[0] = wd_v_##n(in->a, in->imm);
#define SIMD_W_REP32(n) *r = wd_v_##n(in->a, in->imm, (uint32_t)in->x);
#define SIMD_W_REP64(n) *r = wd_v_##n(in->a, in->imm, in->x);
#define SIMD_W_LDLANE32(n) *r = wd_v_##n(in->a, in->imm, (uint32_t)in->x);
#define SIMD_W_LDLANE64(n) *r = wd_v_##n(in->a, in->imm, in->x);
#define SIMD_W_REPF32(n) *r = wd_v_##n(in->a, in->imm, wd_num_f32_from_bits((uint32_t)in->x));
#define SIMD_W_REPF64(n) *r = wd_v_##n(in->a, in->imm, wd_num_f64_from_bits(in->x));
#define SIMD_W_SPLAT32(n) *r = wd_v_##n((uint32_t)in->x);
#define SIMD_W_SPLAT64(n) *r = wd_v_##n(in->x);
#define SIMD_W_SPLATF32(n) *r = wd_v_##n(wd_num_f32_from_bits((uint32_t)in->x));
#define SIMD_W_SPLATF64(n) *r = wd_v_##n(wd_num_f64_from_bits(in->x));
#define SIMD_W_LOAD32(n) *r = wd_v_##n((uint32_t)in->x);
#define SIMD_W_LOAD64(n) *r = wd_v_##n(in->x);

// Scalar results go to the low bytes of a zeroed vector.
#define SIMD_WRAP(n, shape, nan)                                                                   \
  static void simd_w_##n(wd_v128_t *r, const simd_in *in) {                                        \
    memset(r, 0, sizeof *r);                                                                       \
    SIMD_W_##shape(n)                                                                              \
  }
SIMD_OPS(SIMD_WRAP)
#undef SIMD_WRAP

#define SIMD_ENTRY(n, shape, nan) {#n, simd_w_##n, nan},
static const simd_op simd_ops_here[] = {SIMD_OPS(SIMD_ENTRY)};
#undef SIMD_ENTRY

simd_table SIMD_TABLE_FN(void) {
  simd_table t;
  t.ops = simd_ops_here;
  t.count = (unsigned)(sizeof simd_ops_here / sizeof simd_ops_here[0]);
  t.path = WD_SIMD_NEON    ? "neon"
           : WD_SIMD_SSE41 ? "sse4.1"
           : WD_SIMD_SSSE3 ? "ssse3"
           : WD_SIMD_SSE2  ? "sse2"
                           : "portable";
  return t;
}

#endif // SIMD_TABLE_FN
