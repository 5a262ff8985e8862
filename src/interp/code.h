// SPDX-License-Identifier: Apache-2.0
// Compiled functions: the internal register code the interpreter runs.
#ifndef WD_INTERP_CODE_H
#define WD_INTERP_CODE_H

#include <stdatomic.h>
#include <stdint.h>

#include "ir/module.h"
#include "util/alloc.h"
#include "util/diag.h"
#include "ward.h"

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

// Units per entry of a br_table (ops.def, JT): its jump, then the token of
// the operation the jump lands on.
#define WD_TABLE_ENTRY 2

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
  uint32_t entry_tok; // ops[0] (a call's ward_func_t keeps a copy: wd_func_set_code)
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
  // Where each operation came from (wd_code_offset): the offset table, at
  // the end of the block of ops (after its nops units): noffidx marks (3
  // units each, from offidx) index offtab, offlen bytes of entries
  // (code_offsets.c). NULL and 0 where there is none (a lazy code).
  uint32_t *offidx;
  const uint8_t *offtab;
  uint32_t noffidx, offlen;
  // A lazy code's translation, once the function's first call (in any
  // store, on any thread) made one; NULL until then. The one field of a
  // code written after its module was created: see wd_compile_lazy.
  _Atomic(const struct wd_code *) translation;
} wd_code_t;

// The unit that stands for each operation (indexed by enum wd_op) in the
// code the interpreter runs: the opcode itself, or where the dispatch is
// direct threaded, the place of its handler. Code is translated with
// opcodes and converted last.
const uint32_t *wd_interp_tokens(void);

#ifdef WD_OPSTATS
// The operation-counting build: a function's translation (its units, the
// starts of its operations, its pinned cell or UINT32_MAX), for the
// listing of the functions run most (exec.c, WARD_OPSTATS_SITES).
void wd_opstats_code(const uint32_t *ops, const uint32_t *starts, uint32_t nstarts, uint32_t n,
                     uint32_t func, uint32_t pin);
#endif

// The dispatch this build's interpreter uses: "tail" (tail calls between
// handlers), "goto" (computed goto, direct threaded), "goto-table" (computed
// goto through a table of labels: WD_OPSTATS) or "switch".
const char *wd_interp_dispatch(void);

// Whether machine address pc (of a guarded memory fault) lies in the
// handler of the operation whose unit is token: 1, or in another
// operation's handler: 0, taking a handler to run from its address to the
// next handler's; -1 where the dispatch gives handlers no addresses of
// their own (switch) or pc is not known.
int wd_interp_fault_in(uint32_t token, uintptr_t pc);
// Whether this build's handlers move ip to the next operation before they
// access memory, as far as that can be told without pc: the goto and
// switch builds (one function of all handlers, where the compilers start
// the next dispatch early), not the tail-call one (ip is the next
// handler's argument, set at the call). Measured on gcc 12 and clang 19
// (tests/unit/test_trap_offsets.c).
bool wd_interp_ip_moves_first(void);

// Validates every function body of m and compiles it (one pass each);
// sets m->bodies[i].code. Returns WD_OK, or WD_ERR_INVALID /
// WD_ERR_MALFORMED (with offset and function index in diag), or
// WD_ERR_RESOURCE. With `lazy`, bodies are only validated: each code's
// ops are a single LAZY operation, and the frame sizes are known, until
// wd_compile_lazy translates it on the function's first call.
wd_status_t wd_compile_module(wd_module_t *m, bool lazy, wd_diag_t *diag);

// The translation of a lazily compiled function's code (code->func of m),
// made now unless it was before; code itself if it is not lazy. NULL if out
// of memory. Safe to call from several threads at once for one module (a
// module may be shared between threads: include/ward.h): each translates
// into a code object of its own, and the first to publish it in
// code->translation wins; the others free theirs and return the winner's.
// A code object never changes once published, so a thread that reads the
// pointer may read the code without a lock.
const wd_code_t *wd_compile_lazy(const wd_module_t *m, const wd_code_t *code);

// Whether code is a lazy one (never translated in place: its translation
// is code->translation).
bool wd_code_is_lazy(const wd_code_t *code);

// What a call of code's function runs now: its translation if a first
// call has made one, else code itself (lazy, or translated when the module
// was created).
const wd_code_t *wd_code_current(const wd_code_t *code);

// Frees code and, for a lazy one, its translation.
void wd_code_free(wd_code_t *code);

// Makes code what wasm function f runs: f->code, and the copies of its
// fields that a call reads (runtime/rt.h, struct ward_func).
void wd_func_set_code(ward_func_t *f, const wd_code_t *code);

// ---- where each operation came from (code_offsets.c) ----------------------------
// A code's offset table names, for each operation, the wasm instruction it
// stands for, as a byte offset from the start of its function's body (the
// locals vector: wd_funcbody_t.off). An operation that does the work of
// several instructions (a fused form) stands for the one whose effect can
// trap or call: the load, the store, the call, the divide (compile.c says
// which for each fusion). Entries are kept only where the offset changes,
// delta-encoded; a trap looks one up (wd_code_offset), nothing else does.

// An offset table being made: its index marks and entries, in buffers a
// translator reuses from one function to the next (wd_offsets_free).
typedef struct wd_offsets_buf {
  uint32_t *marks;
  uint8_t *bytes;
  size_t nmarks, len, capm, capb;
} wd_offsets_buf_t;
// Makes in b the table of n operations: starts[i] is the position of
// operation i (ascending), at[i] the module byte offset of its
// instruction, base the body's start. False if out of memory.
bool wd_offsets_encode(wd_offsets_buf_t *b, const uint32_t *starts, const uint32_t *at, size_t n,
                       uint32_t base);
// The bytes the table in b takes in a code's block.
static inline size_t wd_offsets_size(const wd_offsets_buf_t *b) {
  return b->nmarks * 3 * sizeof(uint32_t) + b->len;
}
static inline void wd_offsets_free(wd_offsets_buf_t *b) {
  wd_free(b->marks);
  wd_free(b->bytes);
}
// Gives code the table in b, copied to block (wd_offsets_size bytes): the
// end of the block of code's ops, after its units, freed with them.
void wd_code_put_offsets(wd_code_t *code, uint32_t *block, const wd_offsets_buf_t *b);
// The encoded entries of code's table, *len bytes, and its index marks
// (*nmarks of them, 3 units each): what a serialized code holds; NULL and
// 0 if it has none.
const uint8_t *wd_code_offsets_bytes(const wd_code_t *code, uint32_t *len);
const uint32_t *wd_code_offsets_marks(const wd_code_t *code, uint32_t *nmarks);
// Gives code (its nops set) the table that block holds, as a serialized
// code has it: nmarks marks, then len bytes of entries (the end of its
// ops' block), after checking the marks (each position in the code, each
// offset below body_len, both ascending, each byte within the entries).
// The entries are taken as they are: a lookup reads nothing outside them,
// whatever they hold. False (code then has no table) if a mark is wrong.
bool wd_code_take_offsets(wd_code_t *code, uint32_t *block, uint32_t nmarks, uint32_t len,
                          uint32_t body_len);
// The offset (from the body's start) of the instruction that the operation
// holding unit `pos` of code stands for; UINT32_MAX if not known (pos
// outside the code, or no table).
uint32_t wd_code_offset(const wd_code_t *code, uint32_t pos);
// The operation of code (of module m) that made a memory access a guard
// page caught, found from the faulting thread's registers and pc
// (platform.h): the interpreter's ip, in one of the registers, points at
// it, or (where the handler moved ip on before the access) just past it.
// Of the operation at ip and the one before, the one whose wasm
// instruction is a load or store; if both are, the one whose handler pc
// lies in (wd_interp_fault_in), else the build's habit
// (wd_interp_ip_moves_first). A unit of it, or NULL if no register points
// into the code.
const uint32_t *wd_code_fault_at(const wd_code_t *code, const wd_module_t *m, const uintptr_t *regs,
                                 unsigned nregs, uintptr_t pc);

#endif
