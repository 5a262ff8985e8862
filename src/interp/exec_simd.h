// SPDX-License-Identifier: Apache-2.0
// The vector instructions' out-of-line functions (exec_simd.c), one per row
// of src/ir/simd_ops.def, called by the interpreter's few generic SIMD
// handlers (ops.def V_OP1 ... V_STORE) through wd_simd_fns. Kept out of the
// dispatch function: its build cost grows with the square of its handlers.
#ifndef WD_INTERP_EXEC_SIMD_H
#define WD_INTERP_EXEC_SIMD_H

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
extern const wd_vfn_t wd_simd_fns[WD_VI_COUNT_];

#endif
