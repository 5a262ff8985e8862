// SPDX-License-Identifier: Apache-2.0
// The vector instructions' out-of-line functions (exec_simd.c), one per row
// of src/ir/simd_ops.def, called by the interpreter's few generic SIMD
// handlers (ops.def V_OP1 ... V_STORE) through wd_simd_fns. Kept out of the
// dispatch function: its build cost grows with the square of its handlers.
#ifndef WD_INTERP_EXEC_SIMD_H
#define WD_INTERP_EXEC_SIMD_H

#include <stdatomic.h>
#include <stdint.h>

#include "runtime/rt.h"

// The rows of simd_ops.def, in order: an instruction's index in
// wd_simd_fns, the `fn` immediate of its operation.
enum wd_simd_op {
#define WD_SIMD(NAME, lname, text, sub, IMM, N, SIG) WD_VI_##NAME,
#include "ir/simd_ops.def"
#undef WD_SIMD
  WD_VI_COUNT_
};

// Does the instruction whose operation starts at ip (the operand layout of
// ops.def for its V_ operation) in the frame fp; p is the host address of a
// memory access, already bounds-checked (NULL for the others).
typedef void (*wd_vfn_t)(wd_cell_t *fp, const uint32_t *ip, uint8_t *p);

// The table in use: the functions built for the compilation target, or on
// x86 with a CPU that has them, the ones built with SSSE3 and SSE4.1.
// Chosen once per process by wd_simd_select (called by ward_engine_new);
// the environment variable WARD_SIMD=base keeps the target's table.
extern _Atomic(const wd_vfn_t *) wd_simd_fns;
void wd_simd_select(void);
#define WD_SIMD_FNS() atomic_load_explicit(&wd_simd_fns, memory_order_relaxed)

#endif
