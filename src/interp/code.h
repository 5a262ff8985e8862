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

// The loads and stores of ops.def as the fn unit of M_LOAD and M_STORE
// (a load or store on any memory): WD_MF_<its row's name>.
enum wd_mem_fn {
#define WD_OP_LOAD(name, field, ctype, n, expr) WD_MF_##name,
#define WD_OP_STORE(name, n, field, stmt) WD_MF_##name,
#include "interp/ops.def"
  WD_MF_COUNT_
};

// Every frame has at least this many cells past its parameters, so that
// the interpreter may zero that many locals without asking how many.
#define WD_FRAME_SLACK 8

// Exception handlers. A try (try_table, or the legacy try) covers a range
// of its function's code; its catch clauses say where a matching exception
// lands and where its values go.
enum {
  WD_CATCH_VALUES = 0, // the tag's values (none for catch_all)
  WD_CATCH_REF = 1,    // the values, then the exception as an exnref
  WD_CATCH_KEEP = 2,   // the values, and the exception kept for rethrow
};
#define WD_CATCH_ALL UINT32_MAX // as the tag: catch_all
#define WD_TRY_NONE UINT32_MAX
#define WD_TRY_CALLER (UINT32_MAX - 1)
typedef struct wd_catch {
  uint32_t tag;     // the tag's index in the module, or WD_CATCH_ALL
  uint32_t landing; // code position to go on at
  uint32_t dst;     // cell of the first value
  uint32_t slot;    // WD_CATCH_KEEP: the exception goes to cell exn_base + slot
  uint32_t owner;   // its try
  uint8_t kind;
} wd_catch_t;
typedef struct wd_try {
  uint32_t start, end; // the code range of its body: [start, end)
  uint32_t parent;     // the try around it, or WD_TRY_NONE
  uint32_t first, n;   // its catch clauses
  // A legacy `delegate`: the try that handles what its body throws, or
  // WD_TRY_CALLER (the function's caller); WD_TRY_NONE for the others.
  uint32_t delegate;
} wd_try_t;

// A compiled function. Its frame is params | locals | temporaries, in
// 8-byte cells; results are left in cells 0.. when it returns.
typedef struct wd_code {
  const uint32_t *ops;
  uint32_t nops;
  uint32_t param_cells;
  uint32_t local_cells; // params + locals
  uint32_t frame_cells; // all the cells a frame needs
  uint32_t result_cells;
  uint32_t func; // function index
  // The pinned local's cell (ops.def), whose value the interpreter keeps in
  // a register too; 0 when there is none (the register is then unused).
  uint32_t pin;
  // Candidates for it, most referenced first (UINT32_MAX: none), found by
  // the validating pass of a lazily translated function.
  uint32_t pin_cand[2];
  // Exception handlers, innermost last among those that nest (tries in the
  // order they begin), and the cells that keep caught exceptions for
  // rethrow: from exn_base (the end of the declared locals) on, counted in
  // local_cells, so below every temporary and every callee's frame.
  wd_try_t *tries;
  wd_catch_t *catches;
  uint32_t ntries, ncatches;
  uint32_t exn_base;
} wd_code_t;

// The unit that stands for each operation (indexed by enum wd_op) in the
// code the interpreter runs: the opcode itself, or where the dispatch is
// direct threaded, the place of its handler. Code is translated with
// opcodes and converted last.
const uint32_t *wd_interp_tokens(void);

// The dispatch this build's interpreter uses: "tail" (tail calls between
// handlers), "goto" (computed goto, direct threaded), "goto-table" (computed
// goto through a table of labels: WD_OPSTATS) or "switch".
const char *wd_interp_dispatch(void);

// Validates every function body of m and compiles it (one pass each);
// sets m->bodies[i].code. Returns WD_OK, or WD_ERR_INVALID /
// WD_ERR_MALFORMED (with offset and function index in diag), or
// WD_ERR_RESOURCE. With `lazy`, bodies are only validated: each code's
// ops are a single LAZY operation, and the frame sizes are known, until
// wd_compile_lazy translates it on the function's first call.
wd_status_t wd_compile_module(wd_module_t *m, bool lazy, wd_diag_t *diag);

// Translates the body of a lazily compiled function (code->func of m) into
// code, in place. False if out of memory (code is then unchanged).
bool wd_compile_lazy(const wd_module_t *m, wd_code_t *code);

// Whether code has not been translated yet.
bool wd_code_is_lazy(const wd_code_t *code);

void wd_code_free(wd_code_t *code);

#endif
