// SPDX-License-Identifier: Apache-2.0
// The translator's internal header, shared by src/interp/compile*.c: its
// state, operand and control-stack entries, and the small common helpers.
//
// Which file translates what:
// - compile.c: the walk over a body (errors, reading, emission, the operand
//   and control stacks, block types, control instructions, calls, locals,
//   globals, constants, compile_instr), translate, compile_func and lazy
//   translation;
// - compile_mem.c: loads and stores with their addressing forms (memarg),
//   and the 0xFC prefix (bulk memory, tables, saturating truncations);
// - compile_fuse.c: numeric operators and select, the fused forms
//   (immediates, compare-and-branch, latches, multiply-accumulate,
//   shift-ops, load-ops, add3, paired adds, fused calls) and taking back the
//   instruction just emitted;
// - compile_acc.c: the accumulator forms and the pairs switched to them;
// - compile_pin.c: the pinned local (its forms, the rewriting pass and the
//   choice of the local);
// - compile_disp.c: dispatch loops (a loop's head ending in a br_table,
//   copied to every branch back to it);
// - compile_simd.c: the 0xFD prefix (SIMD and relaxed SIMD: the generic
//   vector operations of ops.def).
#ifndef WD_INTERP_COMPILE_INT_H
#define WD_INTERP_COMPILE_INT_H

#include "interp/code.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "binary/reader.h"
#include "util/alloc.h"

// K_LOCADD: an i32 local plus a constant (local.get; i32.const; i32.add),
// kept unevaluated so that a load or store can fold it into its address.
enum { K_TEMP, K_LOCAL, K_CONST, K_LOCADD };

typedef struct opnd {
  wd_vt_t type; // WD_BOT for an unknown (polymorphic) value
  uint8_t kind;
  uint32_t home;  // the cell for its stack height
  uint32_t lslot; // K_LOCAL, K_LOCADD: the local's cell
  uint64_t cval;  // K_CONST: the value's bits; K_LOCADD: the addend
} opnd_t;

typedef struct ctrl {
  uint8_t opcode;   // 0x02 block, 0x03 loop, 0x04 if, 0x05 else, 0 function
  bool unreachable; // validation: the stack is polymorphic
  bool dead;        // translation: nothing here can run, emit nothing
  bool entry_dead;
  uint32_t height; // operand entries below this frame
  uint32_t cells;  // cell height below this frame
  const wd_vt_t *params, *results;
  uint32_t nparams, nresults;
  uint32_t target;   // loop: code position of the head
  uint32_t fixups;   // chain of forward jumps to the end (position + 1)
  uint32_t else_fix; // if: position + 1 of the jump to the else arm
  // Exceptions: 0x1F try_table and the legacy 0x06 try (0x07 once in a
  // catch arm, 0x19 in catch_all's) have a try record; catch clauses
  // landing at a label's end wait in its chain (catch index + 1).
  uint32_t try_idx; // WD_TRY_NONE if none
  uint32_t cfix;
  uint32_t slot;    // legacy try: the cell (from exn_base) of a caught exception
  bool rethrown;    // legacy try: a rethrow names one of its catch arms
  uint32_t initlog; // c->ninitlog when it began
} ctrl_t;

typedef struct comp {
  const wd_module_t *m;
  wd_diag_t *diag;
  wd_bin_reader_t r;
  uint32_t funcidx;
  const wd_functype_t *ft;
  // Locals (params first): type and cell of each.
  uint32_t nlocals;
  wd_vt_t *ltypes;
  uint32_t *lslots;
  uint64_t *lweight; // references to each, weighted by loop depth
  size_t lcap;
  // Locals of non-nullable reference types not set yet (has_unset: there
  // are such locals), and the log of those set, undone at a block's end.
  uint8_t *lunset;
  bool has_unset;
  uint32_t *initlog;
  size_t ninitlog, capinitlog;
  uint32_t local_cells;
  // Operand stack.
  opnd_t *stk;
  size_t nstk, capstk;
  uint32_t cells, max_cells;
  uint32_t nlocalrefs;
  opnd_t *scratch, *scratch2;
  size_t capscratch, capscratch2;
  // Control stack.
  ctrl_t *ctl;
  size_t nctl, capctl;
  // Code.
  uint32_t *code;
  size_t ncode, capcode;
  uint32_t last_dst; // position + 1 of the last instruction's D operand
  uint32_t last_dst_slot;
  uint32_t last_ins;  // position of the last instruction's opcode, or UINT32_MAX
  uint32_t prev_ins;  // the one before it (both UINT32_MAX across a label)
  uint32_t prev2_ins; // and the one before that
  bool oom;
  bool dry; // validate only: every frame is dead, nothing is emitted
  // Producer/consumer pairs that may pass their value in an accumulator,
  // settled at the next label or the function's end (wd_c_acc_flush), once
  // no fusion can take either instruction back any more.
  struct accpair *accs;
  size_t naccs, capaccs;
  // In code that checks for interrupts alone, where loops' heads have no
  // check of their own (meter_latches in compile.c): every jump back to a
  // loop's head, as the position of its jump unit or (catch) the index of
  // a catch clause landing there.
  struct backjump *backs;
  size_t nbacks, capbacks;
  // The pinned local's cell (UINT32_MAX: none), and the position of every
  // instruction, for the pass that gives it its register
  // (wd_c_pin_rewrite); with each, in at_of, the module byte offset of the
  // wasm instruction it stands for (the code's offset table, code.h): `at`,
  // the one being translated, when it was emitted, unless a fusion named
  // another (wd_c_relabel).
  uint32_t pin;
  uint32_t *starts, *at_of;
  size_t nstarts, capstarts, capat;
  uint32_t at;
  wd_offsets_buf_t offs; // the table being made from them
  // The handler table being built (code.h), the chain links of the catch
  // clauses waiting for a label, and the kept-exception cells needed.
  wd_try_t *tries;
  wd_catch_t *catches;
  uint32_t *cnext;
  size_t ntries, captries, ncatches, capcatches, capcnext;
  uint32_t nslots;
  // The kept-exception cells: exn_base (the end of the locals) on,
  // exn_reserve of them reserved (translate).
  uint32_t exn_base, exn_reserve;
  // Value types a block type names that k_single_types lacks (typed
  // references), in chunks that never move during a translation.
  struct vtchunk *vts;
  // Limits (m->meter): the position + 1 of the fuel unit of the check or
  // FUEL operation that begins the current run of straight code (0: none),
  // and the wasm instructions of the run so far.
  uint32_t fuel_at, fuel_n;
  // Loops whose head ends in a br_table, copied to the branches back to
  // them (compile_disp.c), and the units the copies have added.
  struct disp *disps;
  size_t ndisps, capdisps;
  uint32_t disp_units;
} comp_t;

typedef struct vtchunk {
  struct vtchunk *next;
  uint32_t used;
  wd_vt_t v[62];
} vtchunk_t;

typedef struct accpair {
  uint32_t p, c;     // positions of the producer and the consumer
  uint32_t slot;     // the temporary between them
  uint16_t op, form; // the consumer's operation and its accumulator form
  uint8_t field;     // the consumer's operand unit that reads the slot
  uint8_t cls;       // the accumulator: 1 integer, 2 f64
} accpair_t;

// ---- errors (compile.c) ---------------------------------------------------

bool wd_c_fail(comp_t *c, wd_status_t st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(WD_FORMAT_PRINTF, 3, 4)))
#endif
    ;
bool wd_c_oom(comp_t *c);

#define INVALID(...) wd_c_fail(c, WD_ERR_INVALID, __VA_ARGS__)
// Whether the module may use feature `feat` (WD_FEAT_*); else invalid:
// "<feature> support is not enabled".
#define NEED_FEATURE(feat)                                                                         \
  ((c->m->features & (feat)) != 0 ||                                                               \
   wd_c_fail(c, WD_ERR_INVALID, "%s support is not enabled", wd_feature_name(feat)))
#define MALFORMED(...) wd_c_fail(c, WD_ERR_MALFORMED, __VA_ARGS__)

// ---- reading (through the shared bounded reader) ----------------------------

static inline bool rd_u8(comp_t *c, uint8_t *out) { return wd_bin_read_u8(&c->r, out); }
static inline bool rd_u32(comp_t *c, uint32_t *out) { return wd_bin_read_u32(&c->r, out); }

// ---- emission -----------------------------------------------------------

static inline ctrl_t *top_ctrl(comp_t *c) { return &c->ctl[c->nctl - 1]; }
static inline bool is_dead(comp_t *c) { return top_ctrl(c)->dead; }

static inline uint32_t emit(comp_t *c, uint32_t w) {
  if (is_dead(c))
    return 0;
  if (wd_grow((void **)&c->code, &c->capcode, c->ncode + 1, sizeof *c->code)) {
    wd_c_oom(c);
    return 0;
  }
  c->code[c->ncode] = w;
  return (uint32_t)c->ncode++;
}

// Whether o reads a local (and must be taken before the local changes).
static inline bool reads_local(const opnd_t *o) {
  return o->kind == K_LOCAL || o->kind == K_LOCADD;
}

// Drops the recorded positions of instructions cut off since
// (wd_c_takeback, fusions): they are not there any more.
static inline void starts_trim(comp_t *c) {
  while (c->nstarts && c->starts[c->nstarts - 1] >= c->ncode)
    c->nstarts--;
}

// The wasm instruction the instruction just emitted stands for (its byte
// offset in the module: see comp_t.at_of), and a new one for it. Fusions
// that take back an instruction whose effect can trap (a load) keep its
// offset for the instruction they emit instead; see compile.c.
static inline bool last_started(comp_t *c) {
  starts_trim(c);
  return c->nstarts && c->last_ins != UINT32_MAX && c->starts[c->nstarts - 1] == c->last_ins;
}
static inline uint32_t wd_c_last_at(comp_t *c) {
  return last_started(c) ? c->at_of[c->nstarts - 1] : c->at;
}
static inline void wd_c_relabel(comp_t *c, uint32_t at) {
  if (last_started(c))
    c->at_of[c->nstarts - 1] = at;
}

// ---- operands -----------------------------------------------------------

// Whether a value of type actual may be used as one of type expected.
#define type_ok(actual, expected) wd_vt_sub(c->m, (actual), (expected))

// The cell holding o's value, for an operand that is in one (a local or a
// temporary in its home).
static inline bool in_cell(const opnd_t *o) { return o->kind == K_TEMP || o->kind == K_LOCAL; }
static inline uint32_t cell_of(const opnd_t *o) { return o->kind == K_LOCAL ? o->lslot : o->home; }

// ---- compile.c ----------------------------------------------------------

void wd_c_barrier(comp_t *c);
void wd_c_emit_op(comp_t *c, enum wd_op op);
void wd_c_emit_dst(comp_t *c, uint32_t slot);
// A jump unit back to code position target; a jump unit to f's label (back
// to a loop's head, or joining a block's chain of forward jumps).
void wd_c_emit_back(comp_t *c, uint32_t target);
void wd_c_emit_target(comp_t *c, ctrl_t *f);
// BR or its twin, up to its jump unit (its T unit, filled in later).
void wd_c_emit_br(comp_t *c, enum wd_op op);
// A branch's twin that checks for an interrupt (ops.def, WD_OP_TWIN), or 0.
uint32_t wd_c_twin(uint32_t op);
bool wd_c_push_entry(comp_t *c, opnd_t o);
bool wd_c_push_temp(comp_t *c, wd_vt_t type, uint32_t *home);
bool wd_c_pop(comp_t *c, wd_vt_t expected, opnd_t *out);
uint32_t wd_c_src_slot(comp_t *c, opnd_t *o);
bool wd_c_check_memory(comp_t *c, uint32_t idx);
bool wd_c_check_table(comp_t *c, uint32_t idx);

// ---- compile_mem.c ------------------------------------------------------

// A memory instruction's memory and offset.
typedef struct memarg {
  uint32_t mem;    // the memory index
  uint64_t offset; // below 2^32 for a 32-bit memory
  bool is64;       // a 64-bit memory (memory64): its addresses are i64
  bool any;        // the generic forms (ops.def M_*): not 32-bit memory 0
} memarg_t;

bool wd_c_do_load(comp_t *c, enum wd_op op, wd_vt_t type, uint32_t natural);
bool wd_c_do_store(comp_t *c, enum wd_op op, wd_vt_t type, uint32_t natural);
bool wd_c_do_memsize(comp_t *c, bool grow);
uint32_t wd_c_table_index(comp_t *c, uint32_t table, opnd_t *o);
bool wd_c_do_misc(comp_t *c);
bool wd_c_read_memarg(comp_t *c, uint32_t natural_log2, memarg_t *ma);
bool wd_c_check_elem(comp_t *c, uint32_t idx);
bool wd_c_check_data(comp_t *c, uint32_t idx);
// The unit naming memory ma->mem for the M_ forms: its index << 1, | 1 if
// 64-bit.
static inline uint32_t mem_unit(const memarg_t *ma) { return ma->mem << 1 | (ma->is64 ? 1u : 0u); }

// ---- compile_gc.c (and the helpers of compile.c it shares) -------------------

bool wd_c_do_gc(comp_t *c);
bool wd_c_scratch(comp_t *c, size_t n);
bool wd_c_pop_vals(comp_t *c, const wd_vt_t *types, uint32_t n, opnd_t *out);
void wd_c_to_home(comp_t *c, opnd_t *o);
// br_on_cast (24) and br_on_cast_fail (25), after their opcode.
bool wd_c_do_br_on_cast(comp_t *c, bool fail);

// ---- compile_simd.c -----------------------------------------------------

bool wd_c_do_simd(comp_t *c);

// ---- compile_fuse.c -----------------------------------------------------

bool wd_c_last_is(comp_t *c, enum wd_op op, const opnd_t *o);
void wd_c_takeback(comp_t *c);
bool wd_c_take_addend(comp_t *c, const opnd_t *a, uint32_t *cell, uint32_t *addend);
void wd_c_pair_addimm(comp_t *c);
void wd_c_emit_cond(comp_t *c, const opnd_t *cond, uint32_t cs, bool negate);
bool wd_c_do_unop(comp_t *c, enum wd_op op, wd_vt_t tin, wd_vt_t tout);
bool wd_c_do_binop(comp_t *c, enum wd_op op, wd_vt_t tin, wd_vt_t tout);
bool wd_c_do_select(comp_t *c, bool typed);
bool wd_c_fuse_call(comp_t *c, uint32_t func, uint32_t base);

// ---- compile_acc.c ------------------------------------------------------

// An operation's accumulator form reading operand A (wd_c_k_xa) or B
// (wd_c_k_xb) from an accumulator, + 1; 0 = none.
extern const uint16_t wd_c_k_xa[WD_OP_COUNT_];
extern const uint16_t wd_c_k_xb[WD_OP_COUNT_];
void wd_c_acc_note(comp_t *c, enum wd_op op, uint16_t form1, unsigned field, uint32_t slot,
                   wd_vt_t type);
void wd_c_acc_truncate(comp_t *c, uint32_t n);
// Drops what was noted about the code from position n on, cut off by a
// fusion (the accumulator pairs and the jumps back).
void wd_c_truncate_notes(comp_t *c, uint32_t n);
void wd_c_acc_flush(comp_t *c);

// ---- compile_disp.c -----------------------------------------------------

// A br_table just emitted, its table at code position `table` with count + 1
// entries whose targets are the control entries ctl_of[]: noted if it ends
// a loop's head that may be copied. Then the control entry `entry` ends
// (after its jumps are bound); and a `br` carrying no values to control
// entry `entry`: true if it is a noted loop and its head was copied in the
// branch's place (never in dead code).
// The unit where a br_table form's table begins (its entries run to the
// operation's end), or 0 if op is not a br_table.
uint32_t wd_c_table_at(uint32_t op);
void wd_c_disp_note(comp_t *c, uint32_t table, uint32_t count, const uint32_t *ctl_of);
void wd_c_disp_end(comp_t *c, uint32_t entry);
bool wd_c_disp_branch(comp_t *c, uint32_t entry);
void wd_c_disp_reset(comp_t *c);
void wd_c_disp_free(comp_t *c);

// ---- compile_pin.c ------------------------------------------------------

bool wd_c_pin_rewrite(comp_t *c);
void wd_c_pin_choose(const comp_t *c, uint32_t cand[2]);

#endif
