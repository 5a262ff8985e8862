// SPDX-License-Identifier: Apache-2.0
// Compiled functions: the internal register code the interpreter runs.
#ifndef WD_INTERP_CODE_H
#define WD_INTERP_CODE_H

#include <stdint.h>

#include "ir/module.h"
#include "util/diag.h"

enum wd_op {
#define WD_OP_ANY(name) WD_OP_##name,
#include "interp/ops.def"
  WD_OP_COUNT_
};

// A compiled function. Its frame is params | locals | temporaries, in
// 8-byte cells; results are left in cells 0.. when it returns.
typedef struct wd_code {
  uint32_t *ops;
  uint32_t nops;
  uint32_t param_cells;
  uint32_t local_cells; // params + locals
  uint32_t frame_cells; // all the cells a frame needs
  uint32_t result_cells;
  uint32_t func; // function index
} wd_code_t;

// Validates every function body of m and compiles it (one pass each);
// sets m->bodies[i].code. Returns WD_OK, or WD_ERR_INVALID /
// WD_ERR_MALFORMED (with offset and function index in diag), or
// WD_ERR_RESOURCE.
wd_status_t wd_compile_module(wd_module_t *m, wd_diag_t *diag);

void wd_code_free(wd_code_t *code);

#endif
