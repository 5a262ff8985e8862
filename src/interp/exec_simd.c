// SPDX-License-Identifier: Apache-2.0
// The vector instructions, out of line: one small function per row of
// src/ir/simd_ops.def, generated from its IMM and SIG columns, each reading
// its operands from the frame through the operand units of its ops.def
// operation and calling the exact semantics of src/interp/simd.h
// (wd_v_<lname>). A v128 lives in two adjacent 8-byte cells, in memory
// order.
#include "interp/exec_simd.h"

#include <stdbool.h>
#include <string.h>

#include "interp/simd.h"

#ifndef WD_SIMD_SSE41_TABLE
#define WD_SIMD_SSE41_TABLE 0
#endif

static inline wd_v128_t vget(const wd_cell_t *fp, uint32_t cell) { return wd_v_load(&fp[cell]); }
static inline void vput(wd_cell_t *fp, uint32_t cell, wd_v128_t v) { wd_v_store(&fp[cell], v); }

// Little-endian reads and writes of 1..8 bytes of linear memory (the host
// is little-endian: simd.h checks); RD_16 passes the address (wd_v_load).
static inline uint32_t rd16(const uint8_t *p) {
  uint16_t v;
  memcpy(&v, p, 2);
  return v;
}
static inline uint32_t rd32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}
static inline uint64_t rd64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}
static inline void wr16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static inline void wr32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static inline void wr64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
#define RD_1(p) ((uint32_t)(p)[0])
#define RD_2(p) rd16(p)
#define RD_4(p) rd32(p)
#define RD_8(p) rd64(p)
#define RD_16(p) (p)
#define WR_1(p, v) ((p)[0] = (v))
#define WR_2(p, v) wr16(p, v)
#define WR_4(p, v) wr32(p, v)
#define WR_8(p, v) wr64(p, v)

// Scalar operands and results, by the SIG letters.
#define CELL_I32 i32
#define CELL_I64 i64
#define CELL_F32 f32
#define CELL_F64 f64

#define FN(NAME) static void f_##NAME(wd_cell_t *fp, const uint32_t *ip, uint8_t *p)

// Pure operations (p unused). V_OP1: D A I(fn) I(lane); V_OP2: D A B I(fn)
// I(lane); V_OP3: D A B C I(fn).
#define F_NONE_V_V(NAME, l, N)                                                                     \
  FN(NAME) { vput(fp, ip[1], wd_v_##l(vget(fp, ip[2]))); }
#define F_NONE_VV_V(NAME, l, N)                                                                    \
  FN(NAME) { vput(fp, ip[1], wd_v_##l(vget(fp, ip[2]), vget(fp, ip[3]))); }
#define F_NONE_VVV_V(NAME, l, N)                                                                   \
  FN(NAME) { vput(fp, ip[1], wd_v_##l(vget(fp, ip[2]), vget(fp, ip[3]), vget(fp, ip[4]))); }
#define F_NONE_VI32_V(NAME, l, N) /* shifts */                                                     \
  FN(NAME) { vput(fp, ip[1], wd_v_##l(vget(fp, ip[2]), fp[ip[3]].i32)); }
#define F_SPLAT(NAME, l, T)                                                                        \
  FN(NAME) { vput(fp, ip[1], wd_v_##l(fp[ip[2]].CELL_##T)); }
#define F_NONE_I32_V(NAME, l, N) F_SPLAT(NAME, l, I32)
#define F_NONE_I64_V(NAME, l, N) F_SPLAT(NAME, l, I64)
#define F_NONE_F32_V(NAME, l, N) F_SPLAT(NAME, l, F32)
#define F_NONE_F64_V(NAME, l, N) F_SPLAT(NAME, l, F64)
#define F_NONE_V_I32(NAME, l, N) /* any_true, all_true, bitmask */                                 \
  FN(NAME) { WD_PUT_I32(fp[ip[1]], wd_v_##l(vget(fp, ip[2]))); }
#define F_EXTRACT(NAME, l, T)                                                                      \
  FN(NAME) { fp[ip[1]].CELL_##T = wd_v_##l(vget(fp, ip[2]), ip[4]); }
#define F_LANE_V_I32(NAME, l, N) F_EXTRACT(NAME, l, I32)
#define F_LANE_V_I64(NAME, l, N) F_EXTRACT(NAME, l, I64)
#define F_LANE_V_F32(NAME, l, N) F_EXTRACT(NAME, l, F32)
#define F_LANE_V_F64(NAME, l, N) F_EXTRACT(NAME, l, F64)
#define F_REPLACE(NAME, l, T)                                                                      \
  FN(NAME) { vput(fp, ip[1], wd_v_##l(vget(fp, ip[2]), ip[5], fp[ip[3]].CELL_##T)); }
#define F_LANE_VI32_V(NAME, l, N) F_REPLACE(NAME, l, I32)
#define F_LANE_VI64_V(NAME, l, N) F_REPLACE(NAME, l, I64)
#define F_LANE_VF32_V(NAME, l, N) F_REPLACE(NAME, l, F32)
#define F_LANE_VF64_V(NAME, l, N) F_REPLACE(NAME, l, F64)
// V_CONST: D and the 16 bytes in four units (the handler does it inline).
#define F_CONST16_CONST(NAME, l, N)                                                                \
  FN(NAME) {                                                                                       \
    uint8_t b_[16];                                                                                \
    memcpy(b_, &ip[2], 16);                                                                        \
    vput(fp, ip[1], wd_v_##l(b_));                                                                 \
  }
// V_SHUFFLE: D A B and the 16 lane bytes in four units.
#define F_SHUFFLE_VV_V(NAME, l, N)                                                                 \
  FN(NAME) {                                                                                       \
    uint8_t idx_[16];                                                                              \
    memcpy(idx_, &ip[4], 16);                                                                      \
    vput(fp, ip[1], wd_v_##l(vget(fp, ip[2]), vget(fp, ip[3]), idx_));                             \
  }

// Memory (p: the N bytes accessed, bounds-checked by the handler).
// V_LOAD: D A I(addend) I(offset) I(fn) I(bytes).
#define F_MEMARG_LOAD(NAME, l, N)                                                                  \
  FN(NAME) { vput(fp, ip[1], wd_v_##l(RD_##N(p))); }
// V_STORE: A B I(addend) I(offset) I(fn) I(bytes) I(lane); v128.store is
// the only plain one.
#define F_MEMARG_STORE(NAME, l, N)                                                                 \
  FN(NAME) { wd_v_##l(p, vget(fp, ip[2])); }
// V_LOAD_LANE: D A B I(addend) I(offset) I(fn) I(bytes) I(lane).
#define F_MEMARG_LANE_LOAD_LANE(NAME, l, N)                                                        \
  FN(NAME) { vput(fp, ip[1], wd_v_##l(vget(fp, ip[3]), ip[8], RD_##N(p))); }
#define F_MEMARG_LANE_STORE_LANE(NAME, l, N)                                                       \
  FN(NAME) { WR_##N(p, wd_v_##l(vget(fp, ip[2]), ip[7])); }

#define WD_SIMD(NAME, lname, text, sub, IMM, N, SIG) F_##IMM##_##SIG(NAME, lname, N)
#include "ir/simd_ops.def"
#undef WD_SIMD

#ifndef WD_SIMD_TABLE
#define WD_SIMD_TABLE wd_simd_fns_base
#endif
const wd_vfn_t WD_SIMD_TABLE[WD_VI_COUNT_] = {
#define WD_SIMD(NAME, lname, text, sub, IMM, N, SIG) f_##NAME,
#include "ir/simd_ops.def"
#undef WD_SIMD
};

// ---- the table the interpreter uses ------------------------------------------
// The base table above is built for the compilation target (SSE2 on x86-64,
// NEON on arm64, or the portable code). On x86, exec_simd_sse41.c builds the
// same functions again with SSSE3 and SSE4.1 (pshufb for shuffles and
// swizzles, pmulld, blends, ptest, rounding, the 8- to 64-bit extensions),
// and wd_simd_select takes that table when the CPU has both.
#ifndef WD_SIMD_VARIANT
#include <stdlib.h>
#include <string.h>
#if WD_SIMD_SSE41_TABLE
extern const wd_vfn_t wd_simd_fns_sse41[WD_VI_COUNT_];
#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
static bool cpu_has_sse41(void) {
  int r[4];
  __cpuid(r, 1);
  return (r[2] >> 9 & 1) && (r[2] >> 19 & 1); // SSSE3, SSE4.1
}
#else
#include <cpuid.h>
static bool cpu_has_sse41(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d))
    return false;
  return (c & bit_SSSE3) && (c & bit_SSE4_1);
}
#endif
#endif

_Atomic(const wd_vfn_t *) wd_simd_fns = wd_simd_fns_base;

void wd_simd_select(void) {
  // Once per process: cpuid is slow in a virtual machine (it traps to the
  // hypervisor), and the answer does not change.
  static atomic_bool chosen;
  if (atomic_load_explicit(&chosen, memory_order_relaxed))
    return;
#if WD_SIMD_SSE41_TABLE
  // WARD_SIMD=base keeps the base table (to test it on a newer CPU).
  const char *want = getenv("WARD_SIMD");
  if (cpu_has_sse41() && !(want && strcmp(want, "base") == 0))
    atomic_store_explicit(&wd_simd_fns, wd_simd_fns_sse41, memory_order_relaxed);
#endif
  atomic_store_explicit(&chosen, true, memory_order_relaxed);
}
#endif
