// SPDX-License-Identifier: Apache-2.0
// Validation and translation of function bodies in one pass: the spec's
// operand/control-stack algorithm, emitting register code over frame cells.
//
// Each operand-stack entry knows where its value is: in its "home" cell
// (the temporary cell for its stack height), in a local's cell (local.get
// emits nothing), or as a constant (emits nothing until a cell is needed).
// At control-flow joins every value a label carries is in its home cell.
#include "interp/code.h"

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "binary/opcode_imm.h"
#include "binary/reader.h"
#include "util/alloc.h"

// K_LOCADD: an i32 local plus a constant (local.get; i32.const; i32.add),
// kept unevaluated so that a load or store can fold it into its address.
enum { K_TEMP, K_LOCAL, K_CONST, K_LOCADD };

typedef struct opnd {
  uint8_t type; // wd_valtype_t, WD_BOT for an unknown (polymorphic) value
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
  const uint8_t *params, *results;
  uint32_t nparams, nresults;
  uint32_t target;   // loop: code position of the head
  uint32_t fixups;   // chain of forward jumps to the end (position + 1)
  uint32_t else_fix; // if: position + 1 of the jump to the else arm
} ctrl_t;

typedef struct comp {
  const wd_module_t *m;
  wd_diag_t *diag;
  wd_bin_reader_t r;
  uint32_t funcidx;
  const wd_functype_t *ft;
  // Locals (params first): type and cell of each.
  uint32_t nlocals;
  uint8_t *ltypes;
  uint32_t *lslots;
  uint64_t *lweight; // references to each, weighted by loop depth
  size_t lcap;
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
  // settled at the next label or the function's end (acc_flush), once no
  // fusion can take either instruction back any more.
  struct accpair *accs;
  size_t naccs, capaccs;
  // The pinned local's cell (UINT32_MAX: none), and the position of every
  // instruction, for the pass that gives it its register (pin_rewrite).
  uint32_t pin;
  uint32_t *starts;
  size_t nstarts, capstarts;
} comp_t;

typedef struct accpair {
  uint32_t p, c;     // positions of the producer and the consumer
  uint32_t slot;     // the temporary between them
  uint16_t op, form; // the consumer's operation and its accumulator form
  uint8_t field;     // the consumer's operand unit that reads the slot
  uint8_t cls;       // the accumulator: 1 integer, 2 f64
} accpair_t;

// The ops of every function not translated yet: its LAZY unit alone.
static const uint32_t *lazy_ops(void) { return wd_interp_tokens() + WD_OP_LAZY; }

static const uint8_t k_single_types[] = {WD_I32,  WD_I64,     WD_F32,      WD_F64,
                                         WD_V128, WD_FUNCREF, WD_EXTERNREF};

// ---- errors -------------------------------------------------------------

static bool fail(comp_t *c, wd_status_t st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static bool fail(comp_t *c, wd_status_t st, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (c->diag->status == WD_OK) {
    wd_diag_vset(c->diag, st, wd_bin_offset(&c->r), fmt, ap);
  }
  va_end(ap);
  return false;
}

#define INVALID(...) fail(c, WD_ERR_INVALID, __VA_ARGS__)
#define MALFORMED(...) fail(c, WD_ERR_MALFORMED, __VA_ARGS__)

static bool oom(comp_t *c) {
  c->oom = true;
  return fail(c, WD_ERR_RESOURCE, "out of memory compiling a function");
}

// ---- reading (through the shared bounded reader) ----------------------------

static bool rd_u8(comp_t *c, uint8_t *out) { return wd_bin_read_u8(&c->r, out); }
static bool rd_u32(comp_t *c, uint32_t *out) { return wd_bin_read_u32(&c->r, out); }

// ---- emission -----------------------------------------------------------

static ctrl_t *top_ctrl(comp_t *c) { return &c->ctl[c->nctl - 1]; }
static bool is_dead(comp_t *c) { return top_ctrl(c)->dead; }

static uint32_t emit(comp_t *c, uint32_t w) {
  if (is_dead(c))
    return 0;
  if (wd_grow((void **)&c->code, &c->capcode, c->ncode + 1, sizeof *c->code)) {
    oom(c);
    return 0;
  }
  c->code[c->ncode] = w;
  return (uint32_t)c->ncode++;
}

// Whether o reads a local (and must be taken before the local changes).
static bool reads_local(const opnd_t *o) { return o->kind == K_LOCAL || o->kind == K_LOCADD; }

// No instruction before this point may be fused with one after it: a jump
// may land here.
static void acc_flush(comp_t *c);
static void acc_truncate(comp_t *c, uint32_t n);

static void barrier(comp_t *c) {
  acc_flush(c);
  c->last_dst = 0;
  c->last_ins = c->prev_ins = c->prev2_ins = UINT32_MAX;
}

// Drops the recorded positions of instructions cut off since (takeback,
// fusions): they are not there any more.
static void starts_trim(comp_t *c) {
  while (c->nstarts && c->starts[c->nstarts - 1] >= c->ncode)
    c->nstarts--;
}

static void emit_op(comp_t *c, enum wd_op op) {
  if (!is_dead(c)) {
    starts_trim(c);
    if (wd_grow((void **)&c->starts, &c->capstarts, c->nstarts + 1, sizeof *c->starts))
      oom(c);
    else
      c->starts[c->nstarts++] = (uint32_t)c->ncode;
  }
  c->last_dst = 0;
  c->prev2_ins = c->prev_ins;
  c->prev_ins = c->last_ins;
  c->last_ins = is_dead(c) ? UINT32_MAX : (uint32_t)c->ncode;
  emit(c, (uint32_t)op);
}

// Emits a destination operand and remembers it for local.set retargeting.
static void emit_dst(comp_t *c, uint32_t slot) {
  uint32_t pos = emit(c, slot);
  if (!is_dead(c) && !c->oom) {
    c->last_dst = pos + 1;
    c->last_dst_slot = slot;
  }
}

static void emit_const(comp_t *c, uint8_t type, uint32_t dst, uint64_t v) {
  if (type == WD_I32 || type == WD_F32) {
    emit_op(c, WD_OP_CONST32);
    emit_dst(c, dst);
    emit(c, (uint32_t)v);
  } else {
    emit_op(c, WD_OP_CONST64);
    emit_dst(c, dst);
    emit(c, (uint32_t)v);
    emit(c, (uint32_t)(v >> 32));
  }
}

static void emit_copy(comp_t *c, uint8_t type, uint32_t dst, uint32_t src) {
  if (dst == src)
    return;
  // Copies in a row (up to four): one instruction doing them in order
  // (pin_rewrite gives it the form for the pinned local among them).
  uint32_t li = c->last_ins;
  enum wd_op grown = WD_OP_COUNT_;
  if (type != WD_V128 && !is_dead(c) && li != UINT32_MAX) {
    if (li + 3 == c->ncode && c->code[li] == WD_OP_COPY)
      grown = WD_OP_COPY2;
    else if (li + 5 == c->ncode && c->code[li] == WD_OP_COPY2)
      grown = WD_OP_COPY3;
    else if (li + 7 == c->ncode && c->code[li] == WD_OP_COPY3)
      grown = WD_OP_COPY4;
  }
  if (grown != WD_OP_COUNT_) {
    c->code[li] = grown;
    emit(c, dst);
    c->last_dst = (uint32_t)c->ncode; // position + 1 of the second D
    c->last_dst_slot = dst;
    emit(c, src);
    return;
  }
  emit_op(c, type == WD_V128 ? WD_OP_COPY128 : WD_OP_COPY);
  emit_dst(c, dst);
  emit(c, src);
}

// An i32 add of a constant just emitted after another one, or after a
// plain i32 or i64 store: one instruction doing both, in order.
static void pair_addimm(comp_t *c) {
  uint32_t p = c->prev_ins, q = c->last_ins;
  if (is_dead(c) || c->oom || p == UINT32_MAX || q == UINT32_MAX || q + 4 != c->ncode ||
      c->code[q] != WD_OP_I32_ADD_IMM)
    return;
  uint32_t plen = c->code[p] == WD_OP_F64_ADDTO_MAI ? 5 : 4;
  if (p + plen != q)
    return;
  // Only an add into a local: a temporary's consumer may fold the add in
  // (an address, a latch), which is worth more than the pair.
  if (c->code[q + 1] >= c->local_cells)
    return;
  // Nor into the pinned local: ADD_IMM2 has no form for it.
  if (c->code[q + 1] == c->pin || (c->code[p] == WD_OP_I32_ADD_IMM && c->code[p + 1] == c->pin))
    return;
  enum wd_op pair;
  if (c->code[p] == WD_OP_I32_ADD_IMM)
    pair = WD_OP_ADD_IMM2;
  else if (c->code[p] == WD_OP_I32_STORE) // a store, then the add
    pair = WD_OP_I32_STORE_ADDI;
  else if (c->code[p] == WD_OP_I64_STORE)
    pair = WD_OP_I64_STORE_ADDI;
  else if (c->code[p] == WD_OP_F64_ADDTO_M)
    pair = WD_OP_F64_ADDTO_M_ADDI;
  else if (c->code[p] == WD_OP_F64_ADDTO_MAI)
    pair = WD_OP_F64_ADDTO_MAI_ADDI;
  else
    return;
  bool open = c->last_dst == q + 2; // the second D may still be retargeted
  c->code[p] = pair;
  c->code[q] = c->code[q + 1];
  c->code[q + 1] = c->code[q + 2];
  c->code[q + 2] = c->code[q + 3];
  acc_truncate(c, q);
  c->ncode = q + 3;
  if (c->nstarts && c->starts[c->nstarts - 1] == q)
    c->nstarts--;
  c->last_ins = p;
  c->prev_ins = UINT32_MAX;
  c->last_dst = open ? q + 1 : 0;
}

static void emit_addimm(comp_t *c, uint32_t dst, uint32_t src, uint32_t addend) {
  emit_op(c, WD_OP_I32_ADD_IMM);
  emit_dst(c, dst);
  emit(c, src);
  emit(c, addend);
  pair_addimm(c);
}

// A forward jump operand added to a chain (*chain holds position + 1).
static void emit_fwd(comp_t *c, uint32_t *chain) {
  if (is_dead(c))
    return;
  uint32_t pos = emit(c, *chain);
  if (!c->oom)
    *chain = pos + 1;
}

static void emit_back(comp_t *c, uint32_t target) {
  if (is_dead(c))
    return;
  uint32_t pos = (uint32_t)c->ncode;
  emit(c, (uint32_t)(int32_t)((int64_t)target - (int64_t)pos));
}

// Points every jump in the chain at the current position.
static void bind(comp_t *c, uint32_t chain) {
  uint32_t here = (uint32_t)c->ncode;
  while (chain) {
    uint32_t pos = chain - 1;
    uint32_t next = c->code[pos];
    c->code[pos] = (uint32_t)(int32_t)((int64_t)here - (int64_t)pos);
    chain = next;
  }
  barrier(c);
}

// ---- operand stack ------------------------------------------------------

static bool push_entry(comp_t *c, opnd_t o) {
  if (wd_grow((void **)&c->stk, &c->capstk, c->nstk + 1, sizeof *c->stk))
    return oom(c);
  o.home = c->local_cells + c->cells;
  uint32_t n = o.type == WD_BOT ? 1 : wd_valtype_cells(o.type);
  c->cells += n;
  if (c->cells > c->max_cells)
    c->max_cells = c->cells;
  if (reads_local(&o))
    c->nlocalrefs++;
  c->stk[c->nstk++] = o;
  return true;
}

static bool push_temp(comp_t *c, uint8_t type, uint32_t *home) {
  opnd_t o = {.type = type, .kind = K_TEMP};
  if (!push_entry(c, o))
    return false;
  if (home)
    *home = c->stk[c->nstk - 1].home;
  return true;
}

static bool push_const(comp_t *c, uint8_t type, uint64_t v) {
  opnd_t o = {.type = type, .kind = K_CONST, .cval = v};
  return push_entry(c, o);
}

static bool type_ok(uint8_t actual, uint8_t expected) {
  return actual == expected || actual == WD_BOT || expected == WD_BOT;
}

// Pops one entry; `expected` WD_BOT accepts any type.
static bool pop(comp_t *c, uint8_t expected, opnd_t *out) {
  ctrl_t *f = top_ctrl(c);
  *out = (opnd_t){.type = WD_BOT}; // defined on every path, errors included
  if (c->nstk == f->height) {
    if (f->unreachable) {
      *out = (opnd_t){.type = WD_BOT, .kind = K_TEMP, .home = c->local_cells + c->cells};
      return true;
    }
    return INVALID("type mismatch");
  }
  opnd_t o = c->stk[--c->nstk];
  c->cells = o.home - c->local_cells;
  if (reads_local(&o))
    c->nlocalrefs--;
  if (!type_ok(o.type, expected))
    return INVALID("type mismatch");
  *out = o;
  return true;
}

static bool scratch(comp_t *c, size_t n) {
  if (wd_grow((void **)&c->scratch, &c->capscratch, n, sizeof *c->scratch))
    return oom(c);
  return true;
}

// Pops values of `types` (n of them) into out[0..n) in stack order.
static bool pop_vals(comp_t *c, const uint8_t *types, uint32_t n, opnd_t *out) {
  for (uint32_t i = n; i-- > 0;)
    if (!pop(c, types[i], &out[i]))
      return false;
  return true;
}

// Pushes back popped values, keeping where they are; unknown ones become
// temporaries of the given types, or stay unknown when types is NULL (the
// spec's push_vals(pop_vals(..)) for br_table).
static bool push_back(comp_t *c, const uint8_t *types, uint32_t n, const opnd_t *vals) {
  for (uint32_t i = 0; i < n; i++) {
    opnd_t o = vals[i];
    if (o.type == WD_BOT)
      o = (opnd_t){.type = types ? types[i] : WD_BOT, .kind = K_TEMP};
    if (!push_entry(c, o))
      return false;
  }
  return true;
}

static void emit_addimm(comp_t *c, uint32_t dst, uint32_t src, uint32_t addend);

// The cell holding o's value, for an operand that is in one (a local or a
// temporary in its home).
static bool in_cell(const opnd_t *o) { return o->kind == K_TEMP || o->kind == K_LOCAL; }
static uint32_t cell_of(const opnd_t *o) { return o->kind == K_LOCAL ? o->lslot : o->home; }

// Writes the value of o (a constant, a local or a local plus a constant)
// to cell dst.
static void emit_value(comp_t *c, const opnd_t *o, uint32_t dst) {
  if (o->kind == K_CONST)
    emit_const(c, o->type, dst, o->cval);
  else if (o->kind == K_LOCADD)
    emit_addimm(c, dst, o->lslot, (uint32_t)o->cval);
  else
    emit_copy(c, o->type, dst, cell_of(o));
}

// The cell holding the value of o, computing a constant or a sum in its
// home.
static uint32_t src_slot(comp_t *c, opnd_t *o) {
  if (o->kind == K_CONST || o->kind == K_LOCADD) {
    emit_value(c, o, o->home);
    o->kind = K_TEMP;
    return o->home;
  }
  return cell_of(o);
}

// Makes sure o's value is in its home cell.
static void to_home(comp_t *c, opnd_t *o) {
  if (o->kind != K_TEMP)
    emit_value(c, o, o->home);
  o->kind = K_TEMP;
}

// Moves every stack entry that reads a local (all locals if slot is
// UINT32_MAX) into its home, before that local changes or control splits.
static void spill_locals(comp_t *c, uint32_t slot) {
  if (c->nlocalrefs == 0)
    return;
  for (size_t i = 0; i < c->nstk; i++) {
    opnd_t *o = &c->stk[i];
    if (reads_local(o) && (slot == UINT32_MAX || o->lslot == slot)) {
      to_home(c, o);
      c->nlocalrefs--;
    }
  }
}

// ---- control stack ------------------------------------------------------

static bool push_ctrl(comp_t *c, uint8_t opcode, const uint8_t *params, uint32_t np,
                      const uint8_t *results, uint32_t nr) {
  if (wd_grow((void **)&c->ctl, &c->capctl, c->nctl + 1, sizeof *c->ctl))
    return oom(c);
  bool dead = c->nctl ? is_dead(c) : c->dry;
  ctrl_t *f = &c->ctl[c->nctl++];
  memset(f, 0, sizeof *f);
  f->opcode = opcode;
  f->dead = f->entry_dead = dead;
  f->height = (uint32_t)c->nstk;
  f->cells = c->cells;
  f->params = params;
  f->nparams = np;
  f->results = results;
  f->nresults = nr;
  return true;
}

static void set_unreachable(comp_t *c) {
  ctrl_t *f = top_ctrl(c);
  while (c->nstk > f->height) {
    opnd_t *o = &c->stk[--c->nstk];
    if (reads_local(o))
      c->nlocalrefs--;
  }
  c->cells = f->cells;
  f->unreachable = true;
  f->dead = true;
}

static void label_types(const ctrl_t *f, const uint8_t **types, uint32_t *n) {
  if (f->opcode == 0x03) {
    *types = f->params;
    *n = f->nparams;
  } else {
    *types = f->results;
    *n = f->nresults;
  }
}

static bool label(comp_t *c, uint32_t depth, ctrl_t **out) {
  *out = &c->ctl[c->nctl - 1];
  if (depth >= c->nctl)
    return INVALID("unknown label %u", depth);
  *out = &c->ctl[c->nctl - 1 - depth];
  return true;
}

// Copies the values vals[0..n) to the function's result cells and returns.
// vals is not changed: the caller may still need where the values are.
static void emit_return(comp_t *c, const opnd_t *in, uint32_t n) {
  if (is_dead(c))
    return;
  if (wd_grow((void **)&c->scratch2, &c->capscratch2, n, sizeof *c->scratch2)) {
    oom(c);
    return;
  }
  opnd_t *vals = c->scratch2;
  if (n)
    memcpy(vals, in, n * sizeof *vals);
  uint32_t rc = c->ft->result_cells;
  // A local read that lies in the result cells could be overwritten by an
  // earlier copy: move such values to their homes (above all locals) first.
  for (uint32_t i = 0; i < n; i++)
    if (reads_local(&vals[i]) && vals[i].lslot < rc)
      to_home(c, &vals[i]);
  uint32_t dst = 0;
  for (uint32_t i = 0; i < n; i++) {
    emit_value(c, &vals[i], dst);
    dst += wd_valtype_cells(vals[i].type);
  }
  if (c->last_ins != UINT32_MAX && c->last_ins + 3 == c->ncode &&
      c->code[c->last_ins] == WD_OP_COPY) {
    c->code[c->last_ins] = WD_OP_COPY_RETURN; // the copy, then return
    c->last_dst = 0;
    return;
  }
  emit_op(c, WD_OP_RETURN);
}

// Does branching to f with vals need any copy?
static bool branch_moves(comp_t *c, const ctrl_t *f, const opnd_t *vals, uint32_t n) {
  if (f->opcode == 0)
    return true; // to the function: a return
  uint32_t dst = c->local_cells + f->cells;
  for (uint32_t i = 0; i < n; i++) {
    if (vals[i].kind != K_TEMP || vals[i].home != dst)
      return true;
    dst += wd_valtype_cells(vals[i].type);
  }
  return false;
}

// Emits the copies and the jump of a branch to f carrying vals[0..n).
static void emit_branch(comp_t *c, ctrl_t *f, const opnd_t *vals, uint32_t n) {
  if (is_dead(c))
    return;
  if (f->opcode == 0) {
    emit_return(c, vals, n);
    return;
  }
  uint32_t dst = c->local_cells + f->cells;
  for (uint32_t i = 0; i < n; i++) {
    emit_value(c, &vals[i], dst);
    dst += wd_valtype_cells(vals[i].type);
  }
  emit_op(c, WD_OP_BR);
  if (f->opcode == 0x03)
    emit_back(c, f->target);
  else
    emit_fwd(c, &f->fixups);
}

// Emits the jump word of a conditional or table branch to f that needs no
// copies.
static void emit_target(comp_t *c, ctrl_t *f) {
  if (f->opcode == 0x03)
    emit_back(c, f->target);
  else
    emit_fwd(c, &f->fixups);
}

// ---- block types --------------------------------------------------------

static bool read_blocktype(comp_t *c, const uint8_t **params, uint32_t *np, const uint8_t **results,
                           uint32_t *nr) {
  wd_bin_blocktype_t bt;
  if (!wd_bin_read_blocktype(&c->r, &bt))
    return false;
  *params = *results = NULL;
  *np = *nr = 0;
  if (bt.kind == WD_BT_VALUE) {
    for (size_t i = 0; i < sizeof k_single_types; i++)
      if (bt.type == k_single_types[i])
        *results = &k_single_types[i];
    *nr = 1;
  } else if (bt.kind == WD_BT_INDEX) {
    if (bt.index >= c->m->ntypes)
      return INVALID("unknown type %u", bt.index);
    const wd_functype_t *ft = &c->m->types[bt.index];
    *params = wd_functype_params(ft);
    *np = ft->nparams;
    *results = wd_functype_results(ft);
    *nr = ft->nresults;
  }
  return true;
}

// ---- instructions -------------------------------------------------------

static bool check_local(comp_t *c, uint32_t idx) {
  if (idx >= c->nlocals)
    return INVALID("unknown local %u", idx);
  return true;
}

static bool check_memory(comp_t *c, uint32_t idx) {
  if (idx >= c->m->nmemories)
    return INVALID("unknown memory %u", idx);
  return true;
}

static bool check_table(comp_t *c, uint32_t idx) {
  if (idx >= c->m->ntables)
    return INVALID("unknown table %u", idx);
  return true;
}

static bool check_elem(comp_t *c, uint32_t idx) {
  if (idx >= c->m->nelems)
    return INVALID("unknown elem segment %u", idx);
  return true;
}

// Data indices in code need the data count section (a malformed module
// without it), but an index beyond every segment is first of all invalid:
// the spec tests expect that for binaries with neither.
static bool check_data(comp_t *c, uint32_t idx) {
  uint32_t n = c->m->has_datacount ? c->m->datacount : c->m->ndatas;
  if (idx >= n)
    return INVALID("unknown data segment %u", idx);
  if (!c->m->has_datacount)
    return MALFORMED("data count section required");
  return true;
}

// Reads a memarg; the alignment may not exceed the access's natural one.
static bool read_memarg(comp_t *c, uint32_t natural_log2, uint32_t *offset) {
  wd_bin_memarg_t ma;
  if (!wd_bin_read_memarg(&c->r, &ma))
    return false;
  uint32_t align = ma.align;
  *offset = ma.offset;
  if (!check_memory(c, 0))
    return false;
  if (align > natural_log2)
    return INVALID("alignment must not be larger than natural");
  return true;
}

// Accumulator forms (ops.def): an operation's form reading operand A (xa)
// or B (xb) from an accumulator, and the form writing its result to one
// (xd; from a plain form or from an _XA/_XB form). Each + 1; 0 = none.
#define ACC_UN_XA(n) [WD_OP_##n] = WD_OP_##n##_XA + 1,
#define ACC_UN_XD(n) [WD_OP_##n] = WD_OP_##n##_XD + 1, [WD_OP_##n##_XA] = WD_OP_##n##_XAD + 1,
#define ACC_BIN_XB(n) [WD_OP_##n] = WD_OP_##n##_XB + 1,
#define ACC_BIN_XD(n) ACC_UN_XD(n)[WD_OP_##n##_XB] = WD_OP_##n##_XBD + 1,
#define ACC_NONE(n)
#define ACC_UNT_XA ACC_NONE
#define ACC_BINT_XA ACC_NONE
#define ACC_BIN_XA ACC_UN_XA
#define ACC_UNT_XB ACC_NONE
#define ACC_BINT_XB ACC_NONE
#define ACC_UN_XB ACC_NONE
#define ACC_UNT_XD ACC_NONE
#define ACC_BINT_XD ACC_NONE
static const uint16_t k_xa[WD_OP_COUNT_] = {
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout) ACC_##shape##_XA(name)
#define WD_OP_SIMPLE_FC(name, lname, sub, shape, tin, tout) ACC_##shape##_XA(name)
#define WD_OP_BINIMM(name, base, lname, tin, tout) ACC_UN_XA(name)
#define WD_OP_FBINIMM(name, base, lname, type) ACC_UN_XA(name)
#define WD_OP_FBINIMM_R(name, base, lname, type) ACC_UN_XA(name)
#define WD_OP_CMPBR(name, base, lname, tin) ACC_UN_XA(name)
#define WD_OP_CMPBR_IMM(name, base, lname, tin) ACC_UN_XA(name)
#define WD_OP_SHIFTOP(name, type, oplname, shlname) ACC_UN_XA(name)
#define WD_OP_MULACC_IMM(name, type, expr) ACC_UN_XA(name)
#define WD_OP_FLOADOP(name, expr) ACC_UN_XA(name##_M) ACC_UN_XA(name##_MAI)
#include "interp/ops.def"
    [WD_OP_BR_TABLE] = WD_OP_BR_TABLE_XA + 1,
};
static const uint16_t k_xb[WD_OP_COUNT_] = {
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout) ACC_##shape##_XB(name)
#define WD_OP_CMPBR(name, base, lname, tin) ACC_BIN_XB(name)
#define WD_OP_STORE(name, n, field, stmt) ACC_BIN_XB(name)
#define WD_OP_SHIFTOP(name, type, oplname, shlname) ACC_BIN_XB(name)
#include "interp/ops.def"
};
#define ACC_LOAD_XD(n, s)                                                                          \
  [WD_OP_##n##s] = WD_OP_##n##s##_XD + 1, [WD_OP_##n##s##_XD] = WD_OP_##n##s##_XD + 1,
static const uint16_t k_xd[WD_OP_COUNT_] = {
#define WD_OP_LOAD(name, field, ctype, n, expr)                                                    \
  ACC_LOAD_XD(name, )                                                                              \
  ACC_LOAD_XD(name, _AI)                                                                           \
  ACC_LOAD_XD(name, _AA) ACC_LOAD_XD(name, _K) ACC_LOAD_XD(name, _SAA) ACC_LOAD_XD(name, _SAI)
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout) ACC_##shape##_XD(name)
#define WD_OP_SIMPLE_FC(name, lname, sub, shape, tin, tout) ACC_##shape##_XD(name)
#define WD_OP_BINIMM(name, base, lname, tin, tout) ACC_UN_XD(name)
#define WD_OP_FBINIMM(name, base, lname, type) ACC_UN_XD(name)
#define WD_OP_FBINIMM_R(name, base, lname, type) ACC_UN_XD(name)
#define WD_OP_SHIFTOP(name, type, oplname, shlname) ACC_BIN_XD(name)
#define WD_OP_MULACC_IMM(name, type, expr) ACC_UN_XD(name)
#define WD_OP_FLOADOP(name, expr) ACC_UN_XD(name##_M) ACC_UN_XD(name##_MAI)
#include "interp/ops.def"
    [WD_OP_I32_ADD3] = WD_OP_I32_ADD3_XD + 1,
    [WD_OP_I32_ADD3_XA] = WD_OP_I32_ADD3_XAD + 1,
    [WD_OP_I32_ADD3_XB] = WD_OP_I32_ADD3_XBD + 1,
    [WD_OP_I32_ADD3_XC] = WD_OP_I32_ADD3_XCD + 1,
    [WD_OP_I32_EXTRACT] = WD_OP_I32_EXTRACT_XD + 1,
    [WD_OP_I32_EXTRACT_XA] = WD_OP_I32_EXTRACT_XAD + 1,
};
// f64.load's forms into the f64 accumulator.
#define ACC_LOAD_XF(n, s) [WD_OP_##n##s] = WD_OP_##n##s##_XF + 1,
static const uint16_t k_xdf[WD_OP_COUNT_] = {
    ACC_LOAD_XF(I64_LOAD, ) ACC_LOAD_XF(I64_LOAD, _AI) ACC_LOAD_XF(I64_LOAD, _AA)
        ACC_LOAD_XF(I64_LOAD, _K) ACC_LOAD_XF(I64_LOAD, _SAA) ACC_LOAD_XF(I64_LOAD, _SAI)};
// The accumulator a producer's result goes to: 1 the integer one (i32, i64,
// f32 bits), 2 the f64 one, 3 either (a load: by the value's type).
// Indexed by the plain form.
#define ACC_OUT_I32 1
#define ACC_OUT_I64 1
#define ACC_OUT_F32 1
#define ACC_OUT_F64 2
static const uint8_t k_acc_out[WD_OP_COUNT_] = {
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout) [WD_OP_##name] = ACC_OUT_##tout,
#define WD_OP_SIMPLE_FC(name, lname, sub, shape, tin, tout) [WD_OP_##name] = ACC_OUT_##tout,
#define WD_OP_BINIMM(name, base, lname, tin, tout) [WD_OP_##name] = ACC_OUT_##tout,
#define WD_OP_FBINIMM(name, base, lname, type) [WD_OP_##name] = ACC_OUT_##type,
#define WD_OP_FBINIMM_R(name, base, lname, type) [WD_OP_##name] = ACC_OUT_##type,
#define WD_OP_SHIFTOP(name, type, oplname, shlname) [WD_OP_##name] = ACC_OUT_##type,
#define WD_OP_MULACC_IMM(name, type, expr) [WD_OP_##name] = ACC_OUT_##type,
#define WD_OP_FLOADOP(name, expr) [WD_OP_##name##_M] = 2, [WD_OP_##name##_MAI] = 2,
#define WD_OP_LOAD(name, field, ctype, n, expr)                                                    \
  [WD_OP_##name] = 3, [WD_OP_##name##_AI] = 3, [WD_OP_##name##_AA] = 3, [WD_OP_##name##_K] = 3,    \
  [WD_OP_##name##_SAA] = 3, [WD_OP_##name##_SAI] = 3,
#include "interp/ops.def"
    [WD_OP_I32_ADD3] = 1,
    [WD_OP_I32_EXTRACT] = 1,
};

static uint8_t acc_class(uint8_t type) {
  switch (type) {
  case WD_I32:
  case WD_I64:
  case WD_F32: return 1;
  case WD_F64: return 2;
  default: return 0;
  }
}

// The consumer about to be emitted (operation op, at the current end of
// the code) reads temporary `slot`, of the given type, in operand unit
// `field` and has the accumulator form `form1` (+ 1; 0 = none). If the
// instruction just emitted produced that slot and has an accumulator form
// for the same accumulator, note the pair: acc_flush switches both.
static void acc_note(comp_t *c, enum wd_op op, uint16_t form1, unsigned field, uint32_t slot,
                     uint8_t type) {
  uint32_t p = c->last_ins;
  if (!form1 || is_dead(c) || c->oom || p == UINT32_MAX || slot < c->local_cells)
    return;
  enum wd_op prod = (enum wd_op)c->code[p];
  uint8_t cls = acc_class(type), out = k_acc_out[prod];
  if (!k_xd[prod] || c->code[p + 1] != slot || !cls || (out != cls && out != 3) ||
      (out == 3 && cls == 2 && !k_xdf[prod]))
    return;
  if (wd_grow((void **)&c->accs, &c->capaccs, c->naccs + 1, sizeof *c->accs)) {
    oom(c);
    return;
  }
  c->accs[c->naccs++] = (accpair_t){.p = p,
                                    .c = (uint32_t)c->ncode,
                                    .slot = slot,
                                    .op = (uint16_t)op,
                                    .form = (uint16_t)(form1 - 1),
                                    .field = (uint8_t)field,
                                    .cls = cls};
}

// The code is cut back to n units: pairs with a consumer from n on are gone.
static void acc_truncate(comp_t *c, uint32_t n) {
  while (c->naccs && c->accs[c->naccs - 1].c >= n)
    c->naccs--;
}

// Switches every noted pair that is still intact to its accumulator forms.
static void acc_flush(comp_t *c) {
  for (size_t i = 0; i < c->naccs; i++) {
    const accpair_t *a = &c->accs[i];
    uint32_t prod = c->code[a->p];
    // A load into the f64 accumulator has its own forms.
    uint16_t pf = a->cls == 2 && k_acc_out[prod] == 3 ? k_xdf[prod] : k_xd[prod];
    if (c->code[a->c] != a->op || c->code[a->c + a->field] != a->slot || !pf ||
        c->code[a->p + 1] != a->slot)
      continue;
    c->code[a->p] = pf - 1u;
    c->code[a->c] = a->form;
  }
  c->naccs = 0;
}

// Whether the instruction just emitted is `op` writing its result (its D
// operand) to the home of temporary o, which nothing else reads: it can
// be taken back and folded into o's consumer.
static bool last_is(comp_t *c, enum wd_op op, const opnd_t *o) {
  return !is_dead(c) && o->kind == K_TEMP && c->last_ins != UINT32_MAX &&
         c->last_dst == c->last_ins + 2 && c->last_dst_slot == o->home &&
         c->code[c->last_ins] == (uint32_t)op;
}

// Which of a binary operator's operands (b first) the instruction just
// emitted, `op`, produced (see last_is); NULL if neither.
static const opnd_t *produced_by(comp_t *c, enum wd_op op, const opnd_t *a, const opnd_t *b) {
  return last_is(c, op, b) ? b : last_is(c, op, a) ? a : NULL;
}

// Removes the instruction just emitted (to emit a fused one instead).
static void takeback(comp_t *c) {
  acc_truncate(c, c->last_ins);
  c->ncode = c->last_ins;
  c->last_ins = c->prev_ins;
  c->prev_ins = c->prev2_ins;
  c->prev2_ins = UINT32_MAX;
  c->last_dst = 0;
}

// Addressing forms (ops.def WD_OP_LOAD, WD_OP_STORE): the operation + 1 is
// its _AI form, + 2 _AA (loads), and the last one _K.
enum { F_AI = 1, F_AA = 2, F_LOAD_K = 3, F_SAA = 4, F_SAI = 5, F_STORE_K = 2 };

static bool do_load(comp_t *c, enum wd_op op, uint8_t type, uint32_t natural) {
  uint32_t off;
  opnd_t a;
  uint32_t home;
  if (!read_memarg(c, natural, &off) || !pop(c, WD_I32, &a))
    return false;
  if (a.kind == K_CONST && (uint64_t)(uint32_t)a.cval + off <= UINT32_MAX) {
    if (!push_temp(c, type, &home))
      return false;
    emit_op(c, (enum wd_op)(op + F_LOAD_K));
    emit_dst(c, home);
    emit(c, (uint32_t)a.cval + off);
    return true;
  }
  if (a.kind == K_LOCADD) {
    if (!push_temp(c, type, &home))
      return false;
    emit_op(c, (enum wd_op)(op + F_AI));
    emit_dst(c, home);
    emit(c, a.lslot);
    emit(c, (uint32_t)a.cval);
    emit(c, off);
    return true;
  }
  if (last_is(c, WD_OP_I32_ADD, &a) || last_is(c, WD_OP_I32_ADD_IMM, &a)) {
    // The address is the sum just computed: take it back.
    uint32_t pos = c->last_ins;
    bool imm = c->code[pos] == WD_OP_I32_ADD_IMM;
    uint32_t x = c->code[pos + 2], y = c->code[pos + 3];
    // A scaled index: the instruction before shifted a value by a constant
    // into a temporary that the sum reads (and nothing else will).
    uint32_t q = c->prev_ins;
    if (q != UINT32_MAX && q + 4 == pos && c->code[q] == WD_OP_I32_SHL_IMM &&
        c->code[q + 1] >= c->local_cells) {
      uint32_t sd = c->code[q + 1], sa = c->code[q + 2], sh = c->code[q + 3] & 31;
      bool sai = imm && x == sd;
      bool saa = !imm && (x == sd) != (y == sd);
      uint32_t r = c->prev2_ins;
      uint32_t start = q;
      if (sai && r != UINT32_MAX && r + 4 == q && c->code[r] == WD_OP_I32_ADD_IMM &&
          c->code[r + 1] == sa && sa >= c->local_cells) {
        // ((A + k1) << s) + k2 is (A << s) + ((k1 << s) + k2) in 32 bits:
        // an index plus a constant (a[i + 1]) folds in as well.
        y = (c->code[r + 3] << sh) + y;
        sa = c->code[r + 2];
        start = r;
      }
      if (sai || saa) {
        uint32_t base = x == sd ? y : x;
        acc_truncate(c, start);
        c->ncode = start;
        barrier(c);
        if (!push_temp(c, type, &home))
          return false;
        emit_op(c, (enum wd_op)(op + (sai ? F_SAI : F_SAA)));
        emit_dst(c, home);
        if (sai) { // D A I(shift) I(addend) I(offset)
          emit(c, sa);
          emit(c, sh);
          emit(c, y);
        } else { // D A B I(shift) I(offset)
          emit(c, base);
          emit(c, sa);
          emit(c, sh);
        }
        emit(c, off);
        return true;
      }
    }
    takeback(c);
    if (!push_temp(c, type, &home))
      return false;
    emit_op(c, (enum wd_op)(op + (imm ? F_AI : F_AA)));
    emit_dst(c, home);
    emit(c, x);
    emit(c, y);
    emit(c, off);
    return true;
  }
  uint32_t as = src_slot(c, &a);
  if (!push_temp(c, type, &home))
    return false;
  emit_op(c, op);
  emit_dst(c, home);
  emit(c, as);
  emit(c, off);
  return true;
}

static bool do_store(comp_t *c, enum wd_op op, uint8_t type, uint32_t natural) {
  uint32_t off;
  opnd_t a, v;
  if (!read_memarg(c, natural, &off) || !pop(c, type, &v) || !pop(c, WD_I32, &a))
    return false;
  if (a.kind == K_CONST && (uint64_t)(uint32_t)a.cval + off <= UINT32_MAX) {
    uint32_t vs = src_slot(c, &v);
    emit_op(c, (enum wd_op)(op + F_STORE_K));
    emit(c, vs);
    emit(c, (uint32_t)a.cval + off);
    return true;
  }
  if (a.kind == K_LOCADD) {
    uint32_t vs = src_slot(c, &v);
    emit_op(c, (enum wd_op)(op + F_AI));
    emit(c, a.lslot);
    emit(c, vs);
    emit(c, (uint32_t)a.cval);
    emit(c, off);
    return true;
  }
  // f64 add to memory: the value is the sum just computed from a load of
  // the same address (same cell, addend and offset).
  if (op == WD_OP_I64_STORE && type == WD_F64 &&
      (last_is(c, WD_OP_F64_ADD_M, &v) || last_is(c, WD_OP_F64_ADD_MAI, &v))) {
    uint32_t pos = c->last_ins;
    bool ai = c->code[pos] == WD_OP_F64_ADD_MAI;
    uint32_t x = c->code[pos + 2], b = c->code[pos + 3], k1 = c->code[pos + 4];
    uint32_t k2 = ai ? c->code[pos + 5] : 0;
    bool same = ai ? a.kind == K_LOCADD && a.lslot == b && (uint32_t)a.cval == k1 && k2 == off
                   : ((a.kind == K_LOCAL && a.lslot == b) || (a.kind == K_TEMP && a.home == b)) &&
                         k1 == off;
    if (same) {
      takeback(c);
      emit_op(c, ai ? WD_OP_F64_ADDTO_MAI : WD_OP_F64_ADDTO_M);
      emit(c, x);
      emit(c, b);
      emit(c, k1);
      if (ai)
        emit(c, k2);
      return true;
    }
  }
  uint32_t as = src_slot(c, &a);
  uint32_t vs = src_slot(c, &v);
  if (v.kind == K_TEMP)
    acc_note(c, op, type == WD_F64 ? WD_OP_I64_STORE_XF + 1 : k_xb[op], 2, vs, type);
  emit_op(c, op);
  emit(c, as);
  emit(c, vs);
  emit(c, off);
  return true;
}

// ---- fused forms (ops.def) ------------------------------------------------

// An operation's fused forms, by kind (each + 1; 0 = none): an operator's
// form with an immediate right operand (F_IMM) and back (F_BASE); its
// compare-and-branch forms (F_BR, F_BRIMM) and back (F_CMPBR_BASE); float
// operators with a constant right (F_FIMM) or left (F_FRIMM) operand;
// select on a comparison (F_SELECT, also with a constant); loop latches
// (F_LATCH, from the compare-and-branch). One switch over a few hundred
// cases, not a table per kind over all 3,306 operations (6.5 KiB each).
enum fuse_kind { F_IMM, F_BASE, F_BR, F_BRIMM, F_CMPBR_BASE, F_FIMM, F_FRIMM, F_SELECT, F_LATCH };
#define FK(kind, from) ((unsigned)(kind)*WD_OP_COUNT_ + WD_OP_##from)
#define FUSED(kind, from, to)                                                                      \
  case FK(kind, from): return WD_OP_##to + 1u;
static unsigned fused_form(enum fuse_kind k, unsigned op) {
  switch ((unsigned)k * WD_OP_COUNT_ + op) {
#define WD_OP_BINIMM(name, base, lname, tin, tout)                                                 \
  FUSED(F_IMM, base, name) FUSED(F_BASE, name, base)
#define WD_OP_CMPBR(name, base, lname, tin) FUSED(F_BR, base, name) FUSED(F_CMPBR_BASE, name, base)
#define WD_OP_CMPBR_IMM(name, base, lname, tin) FUSED(F_BRIMM, base, name)
#define WD_OP_FBINIMM(name, base, lname, type) FUSED(F_FIMM, base, name)
#define WD_OP_FBINIMM_R(name, base, lname, type) FUSED(F_FRIMM, base, name)
#define WD_OP_SELECT_CMP(name, base, lname)                                                        \
  FUSED(F_SELECT, base, name) FUSED(F_SELECT, base##_IMM, name##_IMM)
#define WD_OP_ADDBR_IMM(name, cmpbr, lname) FUSED(F_LATCH, cmpbr, name)
#define WD_OP_ADDBR(name, cmpbr, lname) FUSED(F_LATCH, cmpbr, name)
#include "interp/ops.def"
  default: return 0;
  }
}
#undef FUSED
#undef FK

// An integer comparison with its operands exchanged (a < b is b > a), or
// negated (!(a < b) is a >= b); -1 for other operators.
static int cmp_swap(enum wd_op op) {
  switch (op) {
  case WD_OP_I32_EQ:
  case WD_OP_I32_NE:
  case WD_OP_I64_EQ:
  case WD_OP_I64_NE: return op;
  case WD_OP_I32_LT_S: return WD_OP_I32_GT_S;
  case WD_OP_I32_GT_S: return WD_OP_I32_LT_S;
  case WD_OP_I32_LT_U: return WD_OP_I32_GT_U;
  case WD_OP_I32_GT_U: return WD_OP_I32_LT_U;
  case WD_OP_I32_LE_S: return WD_OP_I32_GE_S;
  case WD_OP_I32_GE_S: return WD_OP_I32_LE_S;
  case WD_OP_I32_LE_U: return WD_OP_I32_GE_U;
  case WD_OP_I32_GE_U: return WD_OP_I32_LE_U;
  case WD_OP_I64_LT_S: return WD_OP_I64_GT_S;
  case WD_OP_I64_GT_S: return WD_OP_I64_LT_S;
  case WD_OP_I64_LT_U: return WD_OP_I64_GT_U;
  case WD_OP_I64_GT_U: return WD_OP_I64_LT_U;
  case WD_OP_I64_LE_S: return WD_OP_I64_GE_S;
  case WD_OP_I64_GE_S: return WD_OP_I64_LE_S;
  case WD_OP_I64_LE_U: return WD_OP_I64_GE_U;
  case WD_OP_I64_GE_U: return WD_OP_I64_LE_U;
  default: return -1;
  }
}

static int cmp_negate(enum wd_op op) {
  switch (op) {
  case WD_OP_I32_EQ: return WD_OP_I32_NE;
  case WD_OP_I32_NE: return WD_OP_I32_EQ;
  case WD_OP_I32_LT_S: return WD_OP_I32_GE_S;
  case WD_OP_I32_GE_S: return WD_OP_I32_LT_S;
  case WD_OP_I32_LT_U: return WD_OP_I32_GE_U;
  case WD_OP_I32_GE_U: return WD_OP_I32_LT_U;
  case WD_OP_I32_GT_S: return WD_OP_I32_LE_S;
  case WD_OP_I32_LE_S: return WD_OP_I32_GT_S;
  case WD_OP_I32_GT_U: return WD_OP_I32_LE_U;
  case WD_OP_I32_LE_U: return WD_OP_I32_GT_U;
  case WD_OP_I64_EQ: return WD_OP_I64_NE;
  case WD_OP_I64_NE: return WD_OP_I64_EQ;
  case WD_OP_I64_LT_S: return WD_OP_I64_GE_S;
  case WD_OP_I64_GE_S: return WD_OP_I64_LT_S;
  case WD_OP_I64_LT_U: return WD_OP_I64_GE_U;
  case WD_OP_I64_GE_U: return WD_OP_I64_LT_U;
  case WD_OP_I64_GT_S: return WD_OP_I64_LE_S;
  case WD_OP_I64_LE_S: return WD_OP_I64_GT_S;
  case WD_OP_I64_GT_U: return WD_OP_I64_LE_U;
  case WD_OP_I64_LE_U: return WD_OP_I64_GT_U;
  default: return -1;
  }
}

static bool commutes(enum wd_op op) {
  switch (op) {
  case WD_OP_I32_ADD:
  case WD_OP_I32_MUL:
  case WD_OP_I32_AND:
  case WD_OP_I32_OR:
  case WD_OP_I32_XOR:
  case WD_OP_I64_ADD:
  case WD_OP_I64_MUL:
  case WD_OP_I64_AND:
  case WD_OP_I64_OR:
  case WD_OP_I64_XOR: return true;
  default: return false;
  }
}

// Whether a constant of type t fits the 32-bit immediate of a fused form.
static bool imm_fits(uint8_t t, uint64_t v) {
  return t == WD_I32 || (int64_t)v == (int64_t)(int32_t)(uint32_t)v;
}

// A conditional branch about to be emitted on `cond`: when cond is the
// result of the instruction just emitted and that is an integer
// comparison (or i32.eqz), the comparison is taken back and the branch
// does it itself. Emits the branch's opcode and operands (the caller adds
// the jump word) and returns true; returns false and emits nothing else.
// `negate`: branch when cond is false.
static bool emit_fused_branch(comp_t *c, const opnd_t *cond, bool negate) {
  if (is_dead(c) || cond->kind != K_TEMP || c->last_ins == UINT32_MAX ||
      c->last_dst != c->last_ins + 2 || c->last_dst_slot != cond->home)
    return false;
  uint32_t pos = c->last_ins;
  enum wd_op op = (enum wd_op)c->code[pos];
  uint32_t a = c->code[pos + 2];
  if (op == WD_OP_I32_EQZ) {
    takeback(c);
    emit_op(c, negate ? WD_OP_BR_IF : WD_OP_BR_UNLESS);
    emit(c, a);
    return true;
  }
  bool imm = fused_form(F_BASE, op) != 0;
  enum wd_op base = imm ? (enum wd_op)(fused_form(F_BASE, op) - 1) : op;
  if (cmp_negate(base) < 0)
    return false;
  if (negate)
    base = (enum wd_op)cmp_negate(base);
  uint32_t b = c->code[pos + 3];
  takeback(c);
  enum wd_op br = (enum wd_op)((imm ? fused_form(F_BRIMM, base) : fused_form(F_BR, base)) - 1);
  // The operands are integers (i32 or i64: the same accumulator).
  if (!imm)
    acc_note(c, br, k_xb[br], 2, b, WD_I64);
  acc_note(c, br, k_xa[br], 1, a, WD_I64);
  emit_op(c, br);
  emit(c, a);
  emit(c, b);
  return true;
}

// A conditional branch just emitted (without its jump word) whose operand
// A is the result of an i32 add of a constant just before it: one loop
// latch instruction instead (ops.def WD_OP_ADDBR*).
static void fuse_latch(comp_t *c) {
  if (is_dead(c) || c->last_ins == UINT32_MAX || c->prev_ins == UINT32_MAX)
    return;
  uint32_t p = c->prev_ins, q = c->last_ins;
  if (p + 4 != q || c->code[p] != WD_OP_I32_ADD_IMM)
    return;
  enum wd_op op = (enum wd_op)c->code[q];
  uint32_t d = c->code[p + 1], x = c->code[p + 2], k = c->code[p + 3];
  if (c->code[q + 1] != d) {
    // `n != i` after `i += k`: compare the other way round (i != n).
    if (!fused_form(F_CMPBR_BASE, op) || c->code[q + 2] != d)
      return;
    int sw = cmp_swap((enum wd_op)(fused_form(F_CMPBR_BASE, op) - 1));
    if (sw < 0 || !fused_form(F_BR, sw))
      return;
    uint32_t t = c->code[q + 1];
    c->code[q + 1] = d;
    c->code[q + 2] = t;
    op = (enum wd_op)(fused_form(F_BR, sw) - 1);
    c->code[q] = op;
  }
  enum wd_op fused;
  bool has_b = true;
  if (op == WD_OP_BR_IF || op == WD_OP_BR_UNLESS) {
    fused = op == WD_OP_BR_IF ? WD_OP_ADDBR_NZ : WD_OP_ADDBR_Z;
    has_b = false;
  } else if (fused_form(F_LATCH, op)) {
    fused = (enum wd_op)(fused_form(F_LATCH, op) - 1);
  } else {
    return;
  }
  uint32_t b = has_b ? c->code[q + 2] : 0;
  acc_truncate(c, p);
  c->ncode = p;
  c->last_ins = c->prev_ins = UINT32_MAX;
  emit_op(c, fused);
  emit(c, d);
  emit(c, x);
  emit(c, k);
  if (has_b)
    emit(c, b);
}

// A conditional branch on cond (in cell cs), fused with the comparison or
// the latch before it where possible; the caller adds the jump word.
static void emit_cond(comp_t *c, const opnd_t *cond, uint32_t cs, bool negate) {
  if (!emit_fused_branch(c, cond, negate)) {
    enum wd_op br = negate ? WD_OP_BR_UNLESS : WD_OP_BR_IF;
    if (cond->kind == K_TEMP)
      acc_note(c, br, (negate ? WD_OP_BR_UNLESS_XA : WD_OP_BR_IF_XA) + 1, 1, cs, WD_I32);
    emit_op(c, br);
    emit(c, cs);
  }
  fuse_latch(c);
}

static bool do_unop(comp_t *c, enum wd_op op, uint8_t tin, uint8_t tout) {
  opnd_t a;
  uint32_t home;
  if (!pop(c, tin, &a))
    return false;
  uint32_t as = src_slot(c, &a);
  if (!push_temp(c, tout, &home))
    return false;
  if (a.kind == K_TEMP)
    acc_note(c, op, k_xa[op], 2, as, tin);
  emit_op(c, op);
  emit_dst(c, home);
  emit(c, as);
  return true;
}

// A float add or subtract of the product the instruction just emitted
// computed: takes the multiply back and emits one multiply-accumulate
// (D A B C). Returns false, emitting nothing, where that does not apply.
static bool fuse_mulacc(comp_t *c, enum wd_op op, const opnd_t *a, const opnd_t *b, uint8_t type) {
  bool add = op == WD_OP_F32_ADD || op == WD_OP_F64_ADD;
  bool sub = op == WD_OP_F32_SUB || op == WD_OP_F64_SUB;
  if ((!add && !sub) || is_dead(c) || c->last_ins == UINT32_MAX || c->last_dst != c->last_ins + 2)
    return false;
  bool f64 = type == WD_F64;
  uint32_t pos = c->last_ins;
  bool kmul = c->code[pos] == (uint32_t)(f64 ? WD_OP_F64_MUL_IMM : WD_OP_F32_MUL_IMM);
  if (c->code[pos] != (uint32_t)(f64 ? WD_OP_F64_MUL : WD_OP_F32_MUL) && !kmul)
    return false;
  bool right = b->kind == K_TEMP && b->home == c->last_dst_slot;
  bool left = !right && a->kind == K_TEMP && a->home == c->last_dst_slot;
  const opnd_t *other = right ? a : b;
  // A constant would be written to its home first, which may be a cell the
  // multiply reads: leave that case unfused.
  if ((!right && !left) || other->kind == K_CONST)
    return false;
  enum wd_op fused = add    ? (f64 ? WD_OP_F64_MULADD : WD_OP_F32_MULADD)
                     : left ? (f64 ? WD_OP_F64_MULSUB : WD_OP_F32_MULSUB)
                            : (f64 ? WD_OP_F64_SUBMUL : WD_OP_F32_SUBMUL);
  if (kmul) { // the _IMM form of the same row
    static const uint16_t plain[] = {
#define WD_OP_MULACC(name, type, expr) WD_OP_##name,
#include "interp/ops.def"
    };
    static const uint16_t withk[] = {
#define WD_OP_MULACC_IMM(name, type, expr) WD_OP_##name,
#include "interp/ops.def"
    };
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
      if (plain[i] == fused) {
        fused = (enum wd_op)withk[i];
        break;
      }
  }
  uint32_t ma = c->code[pos + 2], mb = c->code[pos + 3];
  uint32_t mb_hi = f64 && kmul ? c->code[pos + 4] : 0;
  uint32_t os = cell_of(other);
  uint32_t home;
  takeback(c);
  if (!push_temp(c, type, &home))
    return false;
  if (kmul)
    acc_note(c, fused, k_xa[fused], 2, ma, type);
  emit_op(c, fused);
  emit_dst(c, home);
  emit(c, ma);
  if (kmul) { // D A C K
    emit(c, os);
    emit(c, mb);
    if (f64)
      emit(c, mb_hi);
  } else { // D A B C
    emit(c, mb);
    emit(c, os);
  }
  return true;
}

// xor, or or add of a value just shifted or rotated by a constant: takes
// the shift back and emits one WD_OP_SHIFTOP (D A B I).
static bool fuse_shiftop(comp_t *c, enum wd_op op, const opnd_t *a, const opnd_t *b, uint8_t t) {
  static const enum wd_op ops32[] = {WD_OP_I32_XOR, WD_OP_I32_OR, WD_OP_I32_ADD};
  static const enum wd_op ops64[] = {WD_OP_I64_XOR, WD_OP_I64_OR, WD_OP_I64_ADD};
  static const enum wd_op sh32[] = {WD_OP_I32_SHL_IMM, WD_OP_I32_SHR_U_IMM, WD_OP_I32_ROTL_IMM,
                                    WD_OP_I32_ROTR_IMM};
  static const enum wd_op sh64[] = {WD_OP_I64_SHL_IMM, WD_OP_I64_SHR_U_IMM, WD_OP_I64_ROTL_IMM,
                                    WD_OP_I64_ROTR_IMM};
  bool w = t == WD_I64;
  if ((t != WD_I32 && t != WD_I64) || !in_cell(a) || !in_cell(b))
    return false;
  int oi = -1;
  for (int i = 0; i < 3; i++)
    if (op == (w ? ops64 : ops32)[i])
      oi = i;
  if (oi < 0)
    return false;
  for (int si = 0; si < 4; si++) {
    enum wd_op sh = (w ? sh64 : sh32)[si];
    const opnd_t *shifted = produced_by(c, sh, a, b);
    if (!shifted)
      continue;
    const opnd_t *other = shifted == b ? a : b; // the three operators commute
    uint32_t pos = c->last_ins;
    uint32_t src = c->code[pos + 2], k = c->code[pos + 3];
    uint32_t os = cell_of(other);
    uint32_t home;
    takeback(c);
    if (!push_temp(c, t, &home))
      return false;
    static const uint16_t fused[] = {
    // the rows, in order: i32 then i64
#define WD_OP_SHIFTOP(name, type, oplname, shlname) WD_OP_##name,
#include "interp/ops.def"
    };
    enum wd_op f = (enum wd_op)fused[(w ? 12 : 0) + oi * 4 + si];
    acc_note(c, f, k_xb[f], 3, src, t);
    if (other->kind == K_TEMP)
      acc_note(c, f, k_xa[f], 2, os, t);
    emit_op(c, f);
    emit_dst(c, home);
    emit(c, os);
    emit(c, src);
    emit(c, k);
    return true;
  }
  return false;
}

// An f64 add, multiply or subtract of a value just loaded (f64.load, plain
// or with an added constant): takes the load back and emits one
// WD_OP_FLOADOP form that loads the operand itself.
static bool fuse_loadop(comp_t *c, enum wd_op op, const opnd_t *a, const opnd_t *b) {
  if (op != WD_OP_F64_ADD && op != WD_OP_F64_MUL && op != WD_OP_F64_SUB)
    return false;
  const opnd_t *loaded = NULL;
  bool ai = false;
  if (last_is(c, WD_OP_I64_LOAD, b) || (ai = last_is(c, WD_OP_I64_LOAD_AI, b)))
    loaded = b;
  else if (last_is(c, WD_OP_I64_LOAD, a) || (ai = last_is(c, WD_OP_I64_LOAD_AI, a)))
    loaded = a;
  const opnd_t *other = loaded == b ? a : b;
  if (!loaded || !in_cell(other))
    return false;
  enum wd_op f;
  switch (op) {
  case WD_OP_F64_ADD: f = WD_OP_F64_ADD_M; break;
  case WD_OP_F64_MUL: f = WD_OP_F64_MUL_M; break;
  default: f = loaded == b ? WD_OP_F64_SUB_M : WD_OP_F64_RSUB_M; break;
  }
  uint32_t pos = c->last_ins;
  uint32_t addr = c->code[pos + 2], k1 = c->code[pos + 3], k2 = ai ? c->code[pos + 4] : 0;
  uint32_t os = cell_of(other);
  uint32_t home;
  takeback(c);
  if (!push_temp(c, WD_F64, &home))
    return false;
  f = (enum wd_op)(f + (ai ? 1 : 0)); // _MAI follows _M
  if (other->kind == K_TEMP)
    acc_note(c, f, k_xa[f], 2, os, WD_F64);
  emit_op(c, f);
  emit_dst(c, home);
  emit(c, os);
  emit(c, addr);
  emit(c, k1);
  if (ai)
    emit(c, k2);
  return true;
}

// An i32 add of the sum just computed: one I32_ADD3.
static bool fuse_add3(comp_t *c, enum wd_op op, const opnd_t *a, const opnd_t *b) {
  if (op != WD_OP_I32_ADD || !in_cell(a) || !in_cell(b))
    return false;
  const opnd_t *sum = produced_by(c, WD_OP_I32_ADD, a, b);
  if (!sum)
    return false;
  const opnd_t *other = sum == b ? a : b;
  uint32_t pos = c->last_ins;
  uint32_t x = c->code[pos + 2], y = c->code[pos + 3];
  uint32_t os = cell_of(other);
  uint32_t home;
  takeback(c);
  if (!push_temp(c, WD_I32, &home))
    return false;
  // Any one operand may come from the accumulator (a sum, a load...).
  acc_note(c, WD_OP_I32_ADD3, WD_OP_I32_ADD3_XA + 1, 2, x, WD_I32);
  acc_note(c, WD_OP_I32_ADD3, WD_OP_I32_ADD3_XB + 1, 3, y, WD_I32);
  if (other->kind == K_TEMP)
    acc_note(c, WD_OP_I32_ADD3, WD_OP_I32_ADD3_XC + 1, 4, os, WD_I32);
  emit_op(c, WD_OP_I32_ADD3);
  emit_dst(c, home);
  emit(c, x);
  emit(c, y);
  emit(c, os);
  return true;
}

static bool do_binop(comp_t *c, enum wd_op op, uint8_t tin, uint8_t tout) {
  opnd_t a, b;
  uint32_t home;
  if (!pop(c, tin, &b) || !pop(c, tin, &a))
    return false;
  if (fuse_mulacc(c, op, &a, &b, tin) || fuse_loadop(c, op, &a, &b))
    return true;
  if (op == WD_OP_I32_SUB && b.kind == K_CONST && a.kind != K_CONST) {
    op = WD_OP_I32_ADD; // x - k is x + (-k) in 32-bit wrapping arithmetic
    b.cval = (uint32_t)(0u - (uint32_t)b.cval);
  }
  if (op == WD_OP_I32_ADD && a.kind == K_CONST && b.kind != K_CONST) {
    opnd_t t = a;
    a = b;
    b = t;
  }
  if (op == WD_OP_I32_ADD && b.kind == K_CONST && (a.kind == K_LOCAL || a.kind == K_LOCADD)) {
    // local + k (+ k'): kept as an operand, evaluated where it is used.
    opnd_t o = {.type = WD_I32, .kind = K_LOCADD, .lslot = a.lslot};
    o.cval = (uint32_t)((a.kind == K_LOCADD ? (uint32_t)a.cval : 0) + (uint32_t)b.cval);
    return push_entry(c, o);
  }
  if (fused_form(F_FIMM, op) && (a.kind == K_CONST) != (b.kind == K_CONST)) {
    // A float operator with one constant operand: the constant inline.
    bool right = b.kind == K_CONST;
    if (!right && (op == WD_OP_F32_ADD || op == WD_OP_F64_ADD || op == WD_OP_F32_MUL ||
                   op == WD_OP_F64_MUL)) {
      opnd_t t = a; // exact: IEEE addition and multiplication commute
      a = b;
      b = t;
      right = true;
    }
    if (right || fused_form(F_FRIMM, op)) {
      const opnd_t *k = right ? &b : &a;
      opnd_t *x = right ? &a : &b;
      uint64_t bits = k->cval;
      uint32_t xs = src_slot(c, x);
      if (!push_temp(c, tout, &home))
        return false;
      enum wd_op fop = (enum wd_op)((right ? fused_form(F_FIMM, op) : fused_form(F_FRIMM, op)) - 1);
      if (x->kind == K_TEMP)
        acc_note(c, fop, k_xa[fop], 2, xs, tin);
      emit_op(c, fop);
      emit_dst(c, home);
      emit(c, xs);
      emit(c, (uint32_t)bits);
      if (tin == WD_F64)
        emit(c, (uint32_t)(bits >> 32));
      return true;
    }
  }
  if (fused_form(F_IMM, op) && a.kind == K_CONST && b.kind != K_CONST && imm_fits(tin, a.cval)) {
    // A constant on the left: exchange the operands where that is exact.
    if (commutes(op) || cmp_swap(op) >= 0) {
      op = commutes(op) ? op : (enum wd_op)cmp_swap(op);
      opnd_t t = a;
      a = b;
      b = t;
    }
  }
  if (op == WD_OP_I32_AND && b.kind == K_CONST && last_is(c, WD_OP_I32_SHR_U_IMM, &a)) {
    // A bit field: (x >> s) & mask.
    uint32_t pos = c->last_ins;
    uint32_t x = c->code[pos + 2], sh = c->code[pos + 3];
    takeback(c);
    if (!push_temp(c, tout, &home))
      return false;
    acc_note(c, WD_OP_I32_EXTRACT, WD_OP_I32_EXTRACT_XA + 1, 2, x, WD_I32);
    emit_op(c, WD_OP_I32_EXTRACT);
    emit_dst(c, home);
    emit(c, x);
    emit(c, sh);
    emit(c, (uint32_t)b.cval);
    return true;
  }
  if (fused_form(F_IMM, op) && b.kind == K_CONST && imm_fits(tin, b.cval)) {
    uint32_t as = src_slot(c, &a);
    if (!push_temp(c, tout, &home))
      return false;
    enum wd_op iop = (enum wd_op)(fused_form(F_IMM, op) - 1);
    if (a.kind == K_TEMP)
      acc_note(c, iop, k_xa[iop], 2, as, tin);
    emit_op(c, iop);
    emit_dst(c, home);
    emit(c, as);
    emit(c, (uint32_t)b.cval);
    if (op == WD_OP_I32_ADD)
      pair_addimm(c);
    return true;
  }
  if (fuse_shiftop(c, op, &a, &b, tout) || fuse_add3(c, op, &a, &b))
    return true;
  uint32_t as = src_slot(c, &a);
  uint32_t bs = src_slot(c, &b);
  if (!push_temp(c, tout, &home))
    return false;
  if (b.kind == K_TEMP)
    acc_note(c, op, k_xb[op], 3, bs, tin);
  if (a.kind == K_TEMP)
    acc_note(c, op, k_xa[op], 2, as, tin);
  emit_op(c, op);
  emit_dst(c, home);
  emit(c, as);
  emit(c, bs);
  return true;
}

// Pops n i32 operands (the last one on top) and returns their cells.
static bool pop_i32s(comp_t *c, uint32_t n, uint32_t *slots) {
  opnd_t o[3];
  for (uint32_t i = n; i-- > 0;)
    if (!pop(c, WD_I32, &o[i]))
      return false;
  for (uint32_t i = 0; i < n; i++)
    slots[i] = src_slot(c, &o[i]);
  return true;
}

// A direct call after one or two copies (its arguments, mostly): one
// instruction, if none of them writes the pinned local.
static bool fuse_call(comp_t *c, uint32_t func, uint32_t base) {
  uint32_t li = c->last_ins;
  if (li == UINT32_MAX || is_dead(c))
    return false;
  enum wd_op op;
  if (c->code[li] == WD_OP_COPY && li + 3 == c->ncode)
    op = WD_OP_CALL_C1;
  else if (c->code[li] == WD_OP_COPY2 && li + 5 == c->ncode && c->code[li + 3] != c->pin)
    op = WD_OP_CALL_C2;
  else
    return false;
  if (c->code[li + 1] == c->pin)
    return false;
  c->code[li] = op;
  emit(c, func);
  emit(c, base);
  c->last_dst = 0;
  return true;
}

// The callee's frame begins at `base` and needs no cells of ours beyond
// its results, which land in base..; accounts for them as temporaries.
static bool push_results(comp_t *c, const wd_functype_t *ft) {
  const uint8_t *rt = wd_functype_results(ft);
  for (uint32_t i = 0; i < ft->nresults; i++)
    if (!push_temp(c, rt[i], NULL))
      return false;
  return true;
}

static bool do_call(comp_t *c, const wd_functype_t *ft, enum wd_op op, uint32_t a0, uint32_t a1,
                    bool indirect) {
  opnd_t idx = {0};
  if (indirect && !pop(c, WD_I32, &idx))
    return false;
  if (!scratch(c, ft->nparams))
    return false;
  opnd_t *args = c->scratch;
  if (!pop_vals(c, wd_functype_params(ft), ft->nparams, args))
    return false;
  uint32_t base = c->local_cells + c->cells;
  uint32_t islot = indirect ? src_slot(c, &idx) : 0;
  for (uint32_t i = 0; i < ft->nparams; i++)
    to_home(c, &args[i]);
  if (!indirect && fuse_call(c, a0, base))
    return push_results(c, ft);
  emit_op(c, op);
  emit(c, a0);
  if (indirect) {
    emit(c, a1);
    emit(c, islot);
  }
  emit(c, base);
  return push_results(c, ft);
}

static bool do_select(comp_t *c, bool typed) {
  uint8_t t = WD_BOT;
  if (typed) {
    uint32_t n;
    if (!rd_u32(c, &n))
      return false;
    if (n != 1)
      return INVALID("invalid result arity");
    if (!wd_bin_read_valtype(&c->r, &t))
      return false;
  }
  opnd_t cond, a, b;
  if (!pop(c, WD_I32, &cond) || !pop(c, t, &b) || !pop(c, t, &a))
    return false;
  if (!typed) {
    if (!type_ok(a.type, b.type))
      return INVALID("type mismatch");
    t = a.type == WD_BOT ? b.type : a.type;
    if (wd_valtype_is_ref(t))
      return INVALID("type mismatch");
  }
  uint32_t home;
  if (t != WD_V128 && in_cell(&a) && in_cell(&b) && cond.kind == K_TEMP && !is_dead(c) &&
      c->last_ins != UINT32_MAX && fused_form(F_SELECT, c->code[c->last_ins]) &&
      last_is(c, (enum wd_op)c->code[c->last_ins], &cond)) {
    // select on the comparison just computed: one SELECT_<cmp>.
    uint32_t pos = c->last_ins;
    enum wd_op sel = (enum wd_op)(fused_form(F_SELECT, c->code[pos]) - 1);
    uint32_t c1 = c->code[pos + 2], c2 = c->code[pos + 3];
    uint32_t as = cell_of(&a), bs = cell_of(&b);
    takeback(c);
    if (!push_temp(c, t, &home))
      return false;
    // (the _XC form, the comparison's first operand from the accumulator,
    // is two rows on: NAME, NAME_IMM, NAME_XC, NAME_IMM_XC)
    acc_note(c, sel, sel + 2 + 1, 4, c1, WD_I32);
    emit_op(c, sel);
    emit_dst(c, home);
    emit(c, as);
    emit(c, bs);
    emit(c, c1);
    emit(c, c2);
    return true;
  }
  uint32_t as = src_slot(c, &a), bs = src_slot(c, &b), cs = src_slot(c, &cond);
  if (!push_temp(c, t, &home))
    return false;
  if (t != WD_V128 && cond.kind == K_TEMP)
    acc_note(c, WD_OP_SELECT, WD_OP_SELECT_XC + 1, 4, cs, WD_I32);
  emit_op(c, t == WD_V128 ? WD_OP_SELECT128 : WD_OP_SELECT);
  emit_dst(c, home);
  emit(c, as);
  emit(c, bs);
  emit(c, cs);
  return true;
}

// Counts a reference to local idx for the choice of the pinned local: 8^d
// for one inside d loops.
static void note_local(comp_t *c, uint32_t idx) {
  unsigned d = 0;
  for (size_t i = 0; i < c->nctl; i++)
    d += c->ctl[i].opcode == 0x03;
  c->lweight[idx] += (uint64_t)1 << (3 * (d < 6 ? d : 6));
}

static bool do_local_set(comp_t *c, uint32_t idx, bool tee) {
  if (!check_local(c, idx))
    return false;
  note_local(c, idx);
  uint8_t t = c->ltypes[idx];
  uint32_t ls = c->lslots[idx];
  opnd_t v;
  if (!pop(c, t, &v))
    return false;
  if (!is_dead(c)) {
    bool refs = false;
    if (c->nlocalrefs)
      for (size_t i = 0; i < c->nstk && !refs; i++)
        refs = reads_local(&c->stk[i]) && c->stk[i].lslot == ls;
    if (v.kind == K_TEMP && c->last_dst && c->last_dst_slot == v.home && !refs) {
      c->code[c->last_dst - 1] = ls; // the producer writes the local directly
      c->last_dst = 0;
    } else {
      if (refs)
        spill_locals(c, ls);
      emit_value(c, &v, ls);
      c->last_dst = 0;
    }
  }
  if (tee) {
    opnd_t o = {.type = t, .kind = K_LOCAL, .lslot = ls};
    return push_entry(c, o);
  }
  return true;
}

static bool do_block(comp_t *c, uint8_t opcode) {
  const uint8_t *params, *results;
  uint32_t np, nr;
  if (!read_blocktype(c, &params, &np, &results, &nr))
    return false;
  opnd_t cond = {0};
  if (opcode == 0x04 && !pop(c, WD_I32, &cond))
    return false;
  if (!scratch(c, np))
    return false;
  if (!pop_vals(c, params, np, c->scratch))
    return false;
  uint32_t cs = opcode == 0x04 ? src_slot(c, &cond) : 0;
  // Values entering a block live in their homes; reads of locals below
  // are taken now, since a branch inside may change the local.
  for (uint32_t i = 0; i < np; i++)
    to_home(c, &c->scratch[i]);
  spill_locals(c, UINT32_MAX);
  if (!push_ctrl(c, opcode, params, np, results, nr))
    return false;
  ctrl_t *f = top_ctrl(c);
  if (opcode == 0x03) {
    f->target = (uint32_t)c->ncode;
    barrier(c);
  } else if (opcode == 0x04) {
    emit_cond(c, &cond, cs, true);
    emit_fwd(c, &f->else_fix);
  }
  return push_back(c, params, np, c->scratch);
}

static bool do_else(comp_t *c) {
  ctrl_t *f = top_ctrl(c);
  if (f->opcode != 0x04)
    return MALFORMED("else without if");
  if (!scratch(c, f->nresults) || !pop_vals(c, f->results, f->nresults, c->scratch))
    return false;
  if (c->nstk != f->height)
    return INVALID("type mismatch");
  for (uint32_t i = 0; i < f->nresults; i++)
    to_home(c, &c->scratch[i]);
  emit_op(c, WD_OP_BR);
  emit_fwd(c, &f->fixups);
  f->opcode = 0x05;
  f->unreachable = false;
  f->dead = f->entry_dead;
  bind(c, f->else_fix);
  f->else_fix = 0;
  for (uint32_t i = 0; i < f->nparams; i++)
    if (!push_temp(c, f->params[i], NULL))
      return false;
  return true;
}

// `end` of a block, loop, if or else; returns true at the function's end
// through *fn_end.
static bool do_end(comp_t *c, bool *fn_end) {
  ctrl_t *f = top_ctrl(c);
  if (!scratch(c, f->nresults) || !pop_vals(c, f->results, f->nresults, c->scratch))
    return false;
  if (c->nstk != f->height)
    return INVALID("type mismatch");
  if (f->opcode == 0x04) {
    // An if without else: the false arm passes the params through.
    if (f->nparams != f->nresults || (f->nparams && memcmp(f->params, f->results, f->nparams) != 0))
      return INVALID("type mismatch");
  }
  if (f->opcode == 0) {
    emit_return(c, c->scratch, f->nresults);
    *fn_end = true;
    c->nctl--;
    return true;
  }
  for (uint32_t i = 0; i < f->nresults; i++)
    to_home(c, &c->scratch[i]);
  bind(c, f->fixups);
  bind(c, f->else_fix);
  const uint8_t *results = f->results;
  uint32_t nr = f->nresults;
  c->nctl--;
  for (uint32_t i = 0; i < nr; i++)
    if (!push_temp(c, results[i], NULL))
      return false;
  return true;
}

static bool do_br(comp_t *c, uint32_t depth) {
  ctrl_t *f;
  const uint8_t *lt;
  uint32_t n;
  if (!label(c, depth, &f))
    return false;
  label_types(f, &lt, &n);
  if (!scratch(c, n) || !pop_vals(c, lt, n, c->scratch))
    return false;
  emit_branch(c, f, c->scratch, n);
  set_unreachable(c);
  return true;
}

static bool do_br_if(comp_t *c, uint32_t depth) {
  ctrl_t *f;
  const uint8_t *lt;
  uint32_t n;
  opnd_t cond;
  if (!label(c, depth, &f) || !pop(c, WD_I32, &cond))
    return false;
  label_types(f, &lt, &n);
  if (!scratch(c, n) || !pop_vals(c, lt, n, c->scratch))
    return false;
  uint32_t cs = src_slot(c, &cond);
  if (!is_dead(c)) {
    if (branch_moves(c, f, c->scratch, n)) {
      uint32_t skip = 0;
      emit_cond(c, &cond, cs, true);
      emit_fwd(c, &skip);
      emit_branch(c, f, c->scratch, n);
      bind(c, skip);
    } else {
      emit_cond(c, &cond, cs, false);
      emit_target(c, f);
    }
  }
  return push_back(c, lt, n, c->scratch);
}

static bool do_br_table(comp_t *c) {
  uint32_t count;
  if (!wd_bin_read_len(&c->r, &count))
    return false;
  uint32_t *depths = wd_malloc(((size_t)count + 1) * sizeof *depths);
  if (!depths)
    return oom(c);
  bool ok = true;
  for (uint32_t i = 0; ok && i <= count; i++)
    ok = rd_u32(c, &depths[i]);
  opnd_t idx;
  ctrl_t *fd;
  const uint8_t *lt;
  uint32_t arity = 0;
  if (ok)
    ok = pop(c, WD_I32, &idx) && label(c, depths[count], &fd);
  if (ok) {
    label_types(fd, &lt, &arity);
    ok = scratch(c, arity);
  }
  for (uint32_t i = 0; ok && i <= count; i++) {
    ctrl_t *f;
    uint32_t n;
    ok = label(c, depths[i], &f);
    if (!ok)
      break;
    label_types(f, &lt, &n);
    if (n != arity) {
      ok = INVALID("type mismatch");
      break;
    }
    ok = pop_vals(c, lt, n, c->scratch) && push_back(c, NULL, n, c->scratch);
  }
  if (ok) {
    label_types(fd, &lt, &arity);
    ok = pop_vals(c, lt, arity, c->scratch);
  }
  if (ok && !is_dead(c)) {
    uint32_t is = src_slot(c, &idx);
    if (idx.kind == K_TEMP)
      acc_note(c, WD_OP_BR_TABLE, k_xa[WD_OP_BR_TABLE], 1, is, WD_I32);
    emit_op(c, WD_OP_BR_TABLE);
    emit(c, is);
    emit(c, count);
    uint32_t table = (uint32_t)c->ncode;
    for (uint32_t i = 0; i <= count; i++)
      emit(c, 0);
    // Targets that need copies jump to a stub after the table.
    for (uint32_t i = 0; i <= count && !c->oom; i++) {
      ctrl_t *f = &c->ctl[c->nctl - 1 - depths[i]];
      uint32_t pos = table + i;
      if (branch_moves(c, f, c->scratch, arity)) {
        uint32_t j = 0;
        while (j < i && depths[j] != depths[i])
          j++;
        if (j < i) { // the same label again: reuse its jump
          int32_t rel = (int32_t)c->code[table + j] + (int32_t)(j - i);
          c->code[pos] = (uint32_t)rel;
          continue;
        }
        c->code[pos] = (uint32_t)((int64_t)c->ncode - (int64_t)pos);
        emit_branch(c, f, c->scratch, arity);
      } else if (f->opcode == 0x03) {
        c->code[pos] = (uint32_t)(int32_t)((int64_t)f->target - (int64_t)pos);
      } else {
        c->code[pos] = f->fixups;
        f->fixups = pos + 1;
      }
    }
  }
  wd_free(depths);
  if (ok)
    set_unreachable(c);
  return ok;
}

static bool do_misc(comp_t *c) {
  uint32_t sub, a, b;
  uint32_t s[3];
  if (!rd_u32(c, &sub))
    return false;
  if (sub <= 7) {
    static const struct {
      enum wd_op op;
      uint8_t tin, tout;
    } sat[8] = {
        {WD_OP_I32_TRUNC_SAT_F32_S, WD_F32, WD_I32}, {WD_OP_I32_TRUNC_SAT_F32_U, WD_F32, WD_I32},
        {WD_OP_I32_TRUNC_SAT_F64_S, WD_F64, WD_I32}, {WD_OP_I32_TRUNC_SAT_F64_U, WD_F64, WD_I32},
        {WD_OP_I64_TRUNC_SAT_F32_S, WD_F32, WD_I64}, {WD_OP_I64_TRUNC_SAT_F32_U, WD_F32, WD_I64},
        {WD_OP_I64_TRUNC_SAT_F64_S, WD_F64, WD_I64}, {WD_OP_I64_TRUNC_SAT_F64_U, WD_F64, WD_I64},
    };
    return do_unop(c, sat[sub].op, sat[sub].tin, sat[sub].tout);
  }
  uint8_t zero;
  switch (sub) {
  case 8: // memory.init
    if (!rd_u32(c, &a) || !rd_u8(c, &zero))
      return false;
    if (zero != 0)
      return MALFORMED("zero byte expected");
    if (!check_memory(c, 0) || !check_data(c, a) || !pop_i32s(c, 3, s))
      return false;
    emit_op(c, WD_OP_MEMORY_INIT);
    emit(c, a);
    break;
  case 9: // data.drop
    if (!rd_u32(c, &a) || !check_data(c, a))
      return false;
    emit_op(c, WD_OP_DATA_DROP);
    emit(c, a);
    return true;
  case 10: // memory.copy
    if (!rd_u8(c, &zero))
      return false;
    if (zero != 0)
      return MALFORMED("zero byte expected");
    if (!rd_u8(c, &zero))
      return false;
    if (zero != 0)
      return MALFORMED("zero byte expected");
    if (!check_memory(c, 0) || !pop_i32s(c, 3, s))
      return false;
    emit_op(c, WD_OP_MEMORY_COPY);
    break;
  case 11: // memory.fill
    if (!rd_u8(c, &zero))
      return false;
    if (zero != 0)
      return MALFORMED("zero byte expected");
    if (!check_memory(c, 0) || !pop_i32s(c, 3, s))
      return false;
    emit_op(c, WD_OP_MEMORY_FILL);
    break;
  case 12: { // table.init elem table
    if (!rd_u32(c, &b) || !rd_u32(c, &a) || !check_table(c, a) || !check_elem(c, b))
      return false;
    if (c->m->elems[b].type != c->m->tables[a].elem)
      return INVALID("type mismatch");
    if (!pop_i32s(c, 3, s))
      return false;
    emit_op(c, WD_OP_TABLE_INIT);
    emit(c, a);
    emit(c, b);
    break;
  }
  case 13: // elem.drop
    if (!rd_u32(c, &a) || !check_elem(c, a))
      return false;
    emit_op(c, WD_OP_ELEM_DROP);
    emit(c, a);
    return true;
  case 14: // table.copy dst src
    if (!rd_u32(c, &a) || !rd_u32(c, &b) || !check_table(c, a) || !check_table(c, b))
      return false;
    if (c->m->tables[a].elem != c->m->tables[b].elem)
      return INVALID("type mismatch");
    if (!pop_i32s(c, 3, s))
      return false;
    emit_op(c, WD_OP_TABLE_COPY);
    emit(c, a);
    emit(c, b);
    break;
  case 15: { // table.grow
    opnd_t n, r;
    uint32_t home;
    if (!rd_u32(c, &a) || !check_table(c, a))
      return false;
    if (!pop(c, WD_I32, &n) || !pop(c, c->m->tables[a].elem, &r))
      return false;
    uint32_t rs = src_slot(c, &r), ns = src_slot(c, &n);
    if (!push_temp(c, WD_I32, &home))
      return false;
    emit_op(c, WD_OP_TABLE_GROW);
    emit_dst(c, home);
    emit(c, a);
    emit(c, rs);
    emit(c, ns);
    return true;
  }
  case 16: { // table.size
    uint32_t home;
    if (!rd_u32(c, &a) || !check_table(c, a) || !push_temp(c, WD_I32, &home))
      return false;
    emit_op(c, WD_OP_TABLE_SIZE);
    emit_dst(c, home);
    emit(c, a);
    return true;
  }
  case 17: { // table.fill
    opnd_t i, r, n;
    if (!rd_u32(c, &a) || !check_table(c, a))
      return false;
    if (!pop(c, WD_I32, &n) || !pop(c, c->m->tables[a].elem, &r) || !pop(c, WD_I32, &i))
      return false;
    s[0] = src_slot(c, &i);
    s[1] = src_slot(c, &r);
    s[2] = src_slot(c, &n);
    emit_op(c, WD_OP_TABLE_FILL);
    emit(c, a);
    break;
  }
  default: return MALFORMED("illegal opcode");
  }
  emit(c, s[0]);
  emit(c, s[1]);
  emit(c, s[2]);
  return true;
}

// Maps one-byte numeric opcodes to their row in ops.def.
typedef struct simple_op {
  uint16_t op; // enum wd_op + 1; 0 = not a simple operator
  uint8_t shape, tin, tout;
} simple_op_t;

enum { SH_UN = 1, SH_BIN = 2 };
#define UN SH_UN
#define UNT SH_UN
#define BIN SH_BIN
#define BINT SH_BIN
#define I32 WD_I32
#define I64 WD_I64
#define F32 WD_F32
#define F64 WD_F64
static const simple_op_t k_simple[256] = {
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout)                                          \
  [wasm] = {WD_OP_##name + 1, shape, tin, tout},
#include "interp/ops.def"
};
#undef UN
#undef UNT
#undef BIN
#undef BINT
#undef I32
#undef I64
#undef F32
#undef F64

static bool compile_instr(comp_t *c, uint8_t opc, bool *fn_end) {
  uint32_t a, b;
  uint8_t byte;
  opnd_t o;
  uint32_t home;
  switch (opc) {
  case 0x00: // unreachable
    emit_op(c, WD_OP_UNREACHABLE);
    set_unreachable(c);
    return true;
  case 0x01: // nop
    return true;
  case 0x02:
  case 0x03:
  case 0x04: return do_block(c, opc);
  case 0x05: return do_else(c);
  case 0x0B: return do_end(c, fn_end);
  case 0x0C: return rd_u32(c, &a) && do_br(c, a);
  case 0x0D: return rd_u32(c, &a) && do_br_if(c, a);
  case 0x0E: return do_br_table(c);
  case 0x0F: { // return
    const wd_functype_t *ft = c->ft;
    if (!scratch(c, ft->nresults) ||
        !pop_vals(c, wd_functype_results(ft), ft->nresults, c->scratch))
      return false;
    emit_return(c, c->scratch, ft->nresults);
    set_unreachable(c);
    return true;
  }
  case 0x10: // call
    if (!rd_u32(c, &a))
      return false;
    if (a >= c->m->nfuncs)
      return INVALID("unknown function %u", a);
    return do_call(c, &c->m->types[c->m->func_types[a]], WD_OP_CALL, a, 0, false);
  case 0x11: // call_indirect type table
    if (!rd_u32(c, &a) || !rd_u32(c, &b))
      return false;
    if (!check_table(c, b))
      return false;
    if (a >= c->m->ntypes)
      return INVALID("unknown type %u", a);
    if (c->m->tables[b].elem != WD_FUNCREF)
      return INVALID("type mismatch");
    return do_call(c, &c->m->types[a], WD_OP_CALL_INDIRECT, a, b, true);
  case 0x1A: // drop
    return pop(c, WD_BOT, &o);
  case 0x1B:
  case 0x1C: return do_select(c, opc == 0x1C);
  case 0x20: // local.get
    if (!rd_u32(c, &a) || !check_local(c, a))
      return false;
    note_local(c, a);
    o = (opnd_t){.type = c->ltypes[a], .kind = K_LOCAL, .lslot = c->lslots[a]};
    return push_entry(c, o);
  case 0x21:
  case 0x22: return rd_u32(c, &a) && do_local_set(c, a, opc == 0x22);
  case 0x23: { // global.get
    if (!rd_u32(c, &a))
      return false;
    if (a >= c->m->nglobals)
      return INVALID("unknown global %u", a);
    uint8_t t = c->m->global_types[a].type;
    if (!push_temp(c, t, &home))
      return false;
    emit_op(c, t == WD_V128 ? WD_OP_GLOBAL_GET128 : WD_OP_GLOBAL_GET);
    emit_dst(c, home);
    emit(c, a);
    return true;
  }
  case 0x24: { // global.set
    if (!rd_u32(c, &a))
      return false;
    if (a >= c->m->nglobals)
      return INVALID("unknown global %u", a);
    if (!c->m->global_types[a].mut)
      return INVALID("global is immutable");
    uint8_t t = c->m->global_types[a].type;
    if (!pop(c, t, &o))
      return false;
    uint32_t os = src_slot(c, &o);
    if (o.kind == K_TEMP && t != WD_V128) {
      enum wd_op form = t == WD_I64   ? WD_OP_GLOBAL_SET_X64
                        : t == WD_F64 ? WD_OP_GLOBAL_SET_XF
                                      : WD_OP_GLOBAL_SET_X32;
      acc_note(c, WD_OP_GLOBAL_SET, form + 1, 2, os, t);
    }
    emit_op(c, t == WD_V128 ? WD_OP_GLOBAL_SET128 : WD_OP_GLOBAL_SET);
    emit(c, a);
    emit(c, os);
    return true;
  }
  case 0x25: { // table.get
    if (!rd_u32(c, &a) || !check_table(c, a) || !pop(c, WD_I32, &o))
      return false;
    uint32_t os = src_slot(c, &o);
    if (!push_temp(c, c->m->tables[a].elem, &home))
      return false;
    emit_op(c, WD_OP_TABLE_GET);
    emit_dst(c, home);
    emit(c, a);
    emit(c, os);
    return true;
  }
  case 0x26: { // table.set
    opnd_t i;
    if (!rd_u32(c, &a) || !check_table(c, a))
      return false;
    if (!pop(c, c->m->tables[a].elem, &o) || !pop(c, WD_I32, &i))
      return false;
    uint32_t is = src_slot(c, &i), os = src_slot(c, &o);
    emit_op(c, WD_OP_TABLE_SET);
    emit(c, a);
    emit(c, is);
    emit(c, os);
    return true;
  }
  case 0x28: return do_load(c, WD_OP_I32_LOAD, WD_I32, 2);
  case 0x29: return do_load(c, WD_OP_I64_LOAD, WD_I64, 3);
  case 0x2A: return do_load(c, WD_OP_I32_LOAD, WD_F32, 2);
  case 0x2B: return do_load(c, WD_OP_I64_LOAD, WD_F64, 3);
  case 0x2C: return do_load(c, WD_OP_I32_LOAD8_S, WD_I32, 0);
  case 0x2D: return do_load(c, WD_OP_I32_LOAD8_U, WD_I32, 0);
  case 0x2E: return do_load(c, WD_OP_I32_LOAD16_S, WD_I32, 1);
  case 0x2F: return do_load(c, WD_OP_I32_LOAD16_U, WD_I32, 1);
  case 0x30: return do_load(c, WD_OP_I64_LOAD8_S, WD_I64, 0);
  case 0x31: return do_load(c, WD_OP_I64_LOAD8_U, WD_I64, 0);
  case 0x32: return do_load(c, WD_OP_I64_LOAD16_S, WD_I64, 1);
  case 0x33: return do_load(c, WD_OP_I64_LOAD16_U, WD_I64, 1);
  case 0x34: return do_load(c, WD_OP_I64_LOAD32_S, WD_I64, 2);
  case 0x35: return do_load(c, WD_OP_I64_LOAD32_U, WD_I64, 2);
  case 0x36: return do_store(c, WD_OP_I32_STORE, WD_I32, 2);
  case 0x37: return do_store(c, WD_OP_I64_STORE, WD_I64, 3);
  case 0x38: return do_store(c, WD_OP_I32_STORE, WD_F32, 2);
  case 0x39: return do_store(c, WD_OP_I64_STORE, WD_F64, 3);
  case 0x3A: return do_store(c, WD_OP_I32_STORE8, WD_I32, 0);
  case 0x3B: return do_store(c, WD_OP_I32_STORE16, WD_I32, 1);
  case 0x3C: return do_store(c, WD_OP_I64_STORE8, WD_I64, 0);
  case 0x3D: return do_store(c, WD_OP_I64_STORE16, WD_I64, 1);
  case 0x3E: return do_store(c, WD_OP_I64_STORE32, WD_I64, 2);
  case 0x3F: // memory.size
    if (!rd_u8(c, &byte))
      return false;
    if (byte != 0)
      return MALFORMED("zero byte expected");
    if (!check_memory(c, 0) || !push_temp(c, WD_I32, &home))
      return false;
    emit_op(c, WD_OP_MEMORY_SIZE);
    emit_dst(c, home);
    return true;
  case 0x40: { // memory.grow
    if (!rd_u8(c, &byte))
      return false;
    if (byte != 0)
      return MALFORMED("zero byte expected");
    if (!check_memory(c, 0))
      return false;
    return do_unop(c, WD_OP_MEMORY_GROW, WD_I32, WD_I32);
  }
  case 0x41: {
    int32_t v;
    return wd_bin_read_s32(&c->r, &v) && push_const(c, WD_I32, (uint32_t)v);
  }
  case 0x42: {
    int64_t v;
    return wd_bin_read_s64(&c->r, &v) && push_const(c, WD_I64, (uint64_t)v);
  }
  case 0x43: {
    uint32_t v;
    return wd_bin_read_f32_bits(&c->r, &v) && push_const(c, WD_F32, v);
  }
  case 0x44: {
    uint64_t v;
    return wd_bin_read_f64_bits(&c->r, &v) && push_const(c, WD_F64, v);
  }
  case 0xA7: // i32.wrap_i64
    return do_unop(c, WD_OP_I32_WRAP_I64, WD_I64, WD_I32);
  case 0xBC:
  case 0xBD:
  case 0xBE:
  case 0xBF: { // reinterpretations: same bits
    static const uint8_t from[4] = {WD_F32, WD_F64, WD_I32, WD_I64};
    static const uint8_t to[4] = {WD_I32, WD_I64, WD_F32, WD_F64};
    if (!pop(c, from[opc - 0xBC], &o))
      return false;
    o.type = to[opc - 0xBC];
    return push_entry(c, o);
  }
  case 0xD0: // ref.null t
    return wd_bin_read_reftype(&c->r, &byte) && push_const(c, byte, 0);
  case 0xD1: { // ref.is_null
    if (!pop(c, WD_BOT, &o))
      return false;
    if (!wd_valtype_is_ref(o.type) && o.type != WD_BOT)
      return INVALID("type mismatch");
    uint32_t os = src_slot(c, &o);
    if (!push_temp(c, WD_I32, &home))
      return false;
    emit_op(c, WD_OP_REF_IS_NULL);
    emit_dst(c, home);
    emit(c, os);
    return true;
  }
  case 0xD2: // ref.func
    if (!rd_u32(c, &a))
      return false;
    if (a >= c->m->nfuncs)
      return INVALID("unknown function %u", a);
    if (!c->m->declared_funcs || !(c->m->declared_funcs[a / 8] & (1u << (a % 8))))
      return INVALID("undeclared function reference");
    if (!push_temp(c, WD_FUNCREF, &home))
      return false;
    emit_op(c, WD_OP_REF_FUNC);
    emit_dst(c, home);
    emit(c, a);
    return true;
  case 0xFC: return do_misc(c);
  default: break;
  }
  const simple_op_t *s = &k_simple[opc];
  if (s->op == 0)
    return MALFORMED("illegal opcode");
  enum wd_op op = (enum wd_op)(s->op - 1);
  return s->shape == SH_UN ? do_unop(c, op, s->tin, s->tout) : do_binop(c, op, s->tin, s->tout);
}

// Upper bound on the cells of one frame's locals; far above real programs.
#define WD_MAX_LOCAL_CELLS (1u << 20)

static bool setup_locals(comp_t *c, const wd_funcbody_t *body) {
  uint64_t n = (uint64_t)c->ft->nparams + body->nlocals;
  if (n > WD_MAX_LOCAL_CELLS)
    return fail(c, WD_ERR_RESOURCE, "too many locals");
  if (n > c->lcap) {
    wd_free(c->ltypes);
    wd_free(c->lslots);
    wd_free(c->lweight);
    c->ltypes = wd_malloc((size_t)n);
    c->lslots = wd_malloc((size_t)n * sizeof *c->lslots);
    c->lweight = wd_malloc((size_t)n * sizeof *c->lweight);
    c->lcap = (size_t)n;
    if (!c->ltypes || !c->lslots || !c->lweight) {
      c->lcap = 0;
      return oom(c);
    }
  }
  uint32_t k = 0, cell = 0;
  const uint8_t *pt = wd_functype_params(c->ft);
  for (uint32_t i = 0; i < c->ft->nparams; i++, k++) {
    c->ltypes[k] = pt[i];
    c->lslots[k] = cell;
    cell += wd_valtype_cells(pt[i]);
  }
  for (uint32_t r = 0; r < body->nlocalruns; r++) {
    for (uint32_t i = 0; i < body->localruns[r].count; i++, k++) {
      c->ltypes[k] = body->localruns[r].type;
      c->lslots[k] = cell;
      cell += wd_valtype_cells(body->localruns[r].type);
    }
  }
  if (cell > WD_MAX_LOCAL_CELLS)
    return fail(c, WD_ERR_RESOURCE, "too many locals");
  c->nlocals = k;
  if (k)
    memset(c->lweight, 0, k * sizeof *c->lweight);
  c->local_cells = cell;
  return true;
}

// ---- the pinned local -------------------------------------------------------
// One i32 or i64 local per function, the most referenced one (weighted by
// loop depth), also lives in the interpreter's register l0: operations that
// read it take the register (forms _LA, _LB), and every operation that writes
// it writes both (_LD). The cell stays authoritative, so anything reading
// the cell is still right; the register is loaded on entry and kept in the
// call frame across calls. A local is pinned only if every instruction
// writing it has a _LD form; otherwise the function is translated again
// with the next candidate, or none.

// PT(from, to, unit): operation `from` becomes `to` when its operand unit
// `unit` is the pinned local. Stored in 16 bits as (to + 1) | unit << 12.
_Static_assert(WD_OP_COUNT_ < 4095, "pin transitions keep an operation in 12 bits");
#define PT(from, to, unit) [WD_OP_##from] = (uint16_t)((WD_OP_##to + 1u) | (unsigned)(unit) << 12),
#define LD_ROWS_NONE_(n)
#define LD_ROWS_UNT_(n)
#define LD_ROWS_BINT_(n)
#define LA_ROWS_NONE_(n)
#define LA_ROWS_UNT_(n)
#define LA_ROWS_BINT_(n)
#define LB_ROWS_NONE_(n)
#define LB_ROWS_UNT_(n)
#define LB_ROWS_BINT_(n)
#define PIN_LOAD_FORMS(R, n) R(n, ) R(n, _AI) R(n, _AA) R(n, _SAA) R(n, _SAI)

// Writing the local: D (unit 1).
#define LD_ROWS_UN_(n) PT(n, n##_LD, 1) PT(n##_XA, n##_XA_LD, 1) PT(n##_LA, n##_LAD, 1)
#define LD_ROWS_BIN_(n)                                                                            \
  PT(n, n##_LD, 1)                                                                                 \
  PT(n##_XA, n##_XA_LD, 1)                                                                         \
  PT(n##_XB, n##_XB_LD, 1)                                                                         \
  PT(n##_LA, n##_LAD, 1)                                                                           \
  PT(n##_LB, n##_LBD, 1) PT(n##_XA_LB, n##_XA_LBD, 1) PT(n##_XB_LA, n##_XB_LAD, 1)
#define LD_ROWS_LATCH(n) PT(n, n##_LD, 1) PT(n##_LA, n##_LAD, 1)
#define LD_ROWS_LOAD(n, s) PT(n##s, n##s##_LD, 1) PT(n##s##_LA, n##s##_LAD, 1)
static const uint16_t k_ld[WD_OP_COUNT_] = {
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout)                                          \
  WD_PIN_FORMS(LD_ROWS_, shape, tin, tout)(name)
#define WD_OP_BINIMM(name, base, lname, tin, tout) LD_ROWS_UN_(name)
#define WD_OP_SHIFTOP(name, type, oplname, shlname) LD_ROWS_BIN_(name)
#define WD_OP_ADDBR_IMM(name, cmpbr, lname) LD_ROWS_LATCH(name)
#define WD_OP_ADDBR(name, cmpbr, lname) LD_ROWS_LATCH(name)
#define WD_OP_LOAD(name, field, ctype, n, expr)                                                    \
  PIN_LOAD_FORMS(LD_ROWS_LOAD, name)                                                               \
  PT(name##_AA_LB, name##_AA_LBD, 1)                                                               \
  PT(name##_SAA_LB, name##_SAA_LBD, 1) PT(name##_K, name##_K_LD, 1)
#define WD_OP_SELECT_CMP(name, base, lname)                                                        \
  PT(name, name##_LD, 1)                                                                           \
  PT(name##_IMM, name##_IMM_LD, 1)                                                                 \
  PT(name##_XC, name##_XC_LD, 1) PT(name##_IMM_XC, name##_IMM_XC_LD, 1)
#include "interp/ops.def"
    LD_ROWS_LATCH(ADDBR_NZ) LD_ROWS_LATCH(ADDBR_Z) PT(COPY, COPY_LD, 1) PT(CONST32, CONST32_LD, 1)
        PT(CONST64, CONST64_LD, 1) PT(SELECT, SELECT_LD, 1) PT(SELECT_XC, SELECT_XC_LD, 1)
            PT(GLOBAL_GET, GLOBAL_GET_LD, 1) PT(I32_WRAP_I64, I32_WRAP_I64_LD, 1)
                PT(I32_ADD3, I32_ADD3_LD, 1) PT(I32_ADD3_XA, I32_ADD3_XA_LD, 1)
                    PT(I32_ADD3_XB, I32_ADD3_XB_LD, 1) PT(I32_ADD3_XC, I32_ADD3_XC_LD, 1)
                        PT(I32_EXTRACT, I32_EXTRACT_LD, 1)
                            PT(I32_EXTRACT_XA, I32_EXTRACT_XA_LD, 1)};

// Reading it as operand A.
#define LA_ROWS_UN_(n) PT(n, n##_LA, 2) PT(n##_LD, n##_LAD, 2) PT(n##_XD, n##_XD_LA, 2)
#define LA_ROWS_BIN_(n)                                                                            \
  PT(n, n##_LA, 2)                                                                                 \
  PT(n##_LD, n##_LAD, 2)                                                                           \
  PT(n##_XB, n##_XB_LA, 2)                                                                         \
  PT(n##_XB_LD, n##_XB_LAD, 2) PT(n##_XD, n##_XD_LA, 2) PT(n##_XBD, n##_XBD_LA, 2)
#define LA_ROWS_LATCH(n) PT(n, n##_LA, 2) PT(n##_LD, n##_LAD, 2)
#define LA_ROWS_LOAD(n, s)                                                                         \
  PT(n##s, n##s##_LA, 2) PT(n##s##_LD, n##s##_LAD, 2) PT(n##s##_XD, n##s##_XD_LA, 2)
static const uint16_t k_la[WD_OP_COUNT_] = {
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout)                                          \
  WD_PIN_FORMS(LA_ROWS_, shape, tin, tout)(name)
#define WD_OP_BINIMM(name, base, lname, tin, tout) LA_ROWS_UN_(name)
#define WD_OP_SHIFTOP(name, type, oplname, shlname) LA_ROWS_BIN_(name)
#define WD_OP_ADDBR_IMM(name, cmpbr, lname) LA_ROWS_LATCH(name)
#define WD_OP_ADDBR(name, cmpbr, lname) LA_ROWS_LATCH(name)
#define WD_OP_CMPBR(name, base, lname, tin) PT(name, name##_LA, 1) PT(name##_XB, name##_XB_LA, 1)
#define WD_OP_CMPBR_IMM(name, base, lname, tin) PT(name, name##_LA, 1)
#define WD_OP_LOAD(name, field, ctype, n, expr) PIN_LOAD_FORMS(LA_ROWS_LOAD, name)
#define WD_OP_STORE(name, n, field, stmt)                                                          \
  PT(name, name##_LA, 1) PT(name##_XB, name##_XB_LA, 1) PT(name##_AI, name##_AI_LA, 1)
#include "interp/ops.def"
    LA_ROWS_LATCH(ADDBR_NZ) LA_ROWS_LATCH(ADDBR_Z) PT(COPY, COPY_LA, 2)};

// Reading it as operand B.
#define LB_ROWS_UN_(n)
#define LB_ROWS_BIN_(n)                                                                            \
  PT(n, n##_LB, 3)                                                                                 \
  PT(n##_LD, n##_LBD, 3)                                                                           \
  PT(n##_XA, n##_XA_LB, 3)                                                                         \
  PT(n##_XA_LD, n##_XA_LBD, 3) PT(n##_XD, n##_XD_LB, 3) PT(n##_XAD, n##_XAD_LB, 3)
#define LB_ROWS_LOAD(n, s)                                                                         \
  PT(n##s, n##s##_LB, 3) PT(n##s##_LD, n##s##_LBD, 3) PT(n##s##_XD, n##s##_XD_LB, 3)
static const uint16_t k_lb[WD_OP_COUNT_] = {
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout)                                          \
  WD_PIN_FORMS(LB_ROWS_, shape, tin, tout)(name)
#define WD_OP_SHIFTOP(name, type, oplname, shlname) LB_ROWS_BIN_(name)
#define WD_OP_CMPBR(name, base, lname, tin) PT(name, name##_LB, 2) PT(name##_XA, name##_XA_LB, 2)
#define WD_OP_LOAD(name, field, ctype, n, expr) LB_ROWS_LOAD(name, _AA) LB_ROWS_LOAD(name, _SAA)
#define WD_OP_STORE(name, n, field, stmt) PT(name, name##_LB, 2) PT(name##_AI, name##_AI_LB, 2)
#include "interp/ops.def"
};

// The operand layouts of the SPECIAL operations, and which others write no
// cell (the rest write operand unit 1, D). The layouts are one string
// table, with each operation's offset in it plus one: no pointers for the
// loader to relocate at every start.
struct layouts {
#define WD_OP_SPECIAL(name, layout) char name[sizeof layout];
#include "interp/ops.def"
};
static const struct layouts k_layouts = {
#define WD_OP_SPECIAL(name, layout) layout,
#include "interp/ops.def"
};
static const uint16_t k_layout_at[WD_OP_COUNT_] = {
#define WD_OP_SPECIAL(name, layout) [WD_OP_##name] = offsetof(struct layouts, name) + 1,
#include "interp/ops.def"
};
static const bool k_nodst[WD_OP_COUNT_] = {
#define WD_OP_ANY(name) [WD_OP_##name] = true,
#define WD_OP_SPECIAL(name, layout)
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout)
#define WD_OP_SIMPLE_FC(name, lname, sub, shape, tin, tout)
#define WD_OP_BINIMM(name, base, lname, tin, tout)
#define WD_OP_MULACC(name, type, expr)
#define WD_OP_MULACC_IMM(name, type, expr)
#define WD_OP_FBINIMM(name, base, lname, type)
#define WD_OP_FBINIMM_R(name, base, lname, type)
#define WD_OP_LOAD(name, field, ctype, n, expr)
#define WD_OP_LOAD_F64(name)
#define WD_OP_FLOADOP(name, expr)
#define WD_OP_SHIFTOP(name, type, oplname, shlname)
#define WD_OP_SELECT_CMP(name, base, lname)
#define WD_OP_ADDBR_IMM(name, cmpbr, lname)
#define WD_OP_ADDBR(name, cmpbr, lname)
#include "interp/ops.def"
};

// The operand units (bit k: unit k) that op writes as cells.
static uint32_t written_units(enum wd_op op) {
  const char *l = k_layout_at[op] ? (const char *)&k_layouts + k_layout_at[op] - 1 : NULL;
  if (!l)
    return k_nodst[op] ? 0 : 1u << 1;
  uint32_t mask = 0, unit = 1;
  for (; *l && unit < 32; l++) {
    if (*l == '(') { // a comment: "(name)"
      while (l[1] && *l != ')')
        l++;
    } else if (*l == 'J' && l[1] == '*') { // a variable run of jumps: no cells
      break;
    } else if (*l != ' ' && *l != ')') {
      if (*l == 'D')
        mask |= 1u << unit;
      unit += *l == 'L' ? 2 : 1;
    }
  }
  return mask;
}

// Applies the transition t (a k_ld/k_la/k_lb entry) to the instruction at
// s if its operand unit names the pinned cell.
static bool pin_apply(comp_t *c, uint32_t s, uint32_t len, uint32_t t) {
  uint32_t unit = t >> 12;
  if (!t || unit >= len || c->code[s + unit] != c->pin)
    return false;
  c->code[s] = (t & 0xFFF) - 1;
  return true;
}

// Copies in a row with the pinned local among their destinations: the
// form that reloads its register from the first such cell after them.
static void pin_copies(comp_t *c, uint32_t s, enum wd_op op) {
  static const uint16_t k_copy_l[3][4] = {
      {WD_OP_COPY2_L1, WD_OP_COPY2_L3},
      {WD_OP_COPY3_L1, WD_OP_COPY3_L3, WD_OP_COPY3_L5},
      {WD_OP_COPY4_L1, WD_OP_COPY4_L3, WD_OP_COPY4_L5, WD_OP_COPY4_L7}};
  uint32_t n = op == WD_OP_COPY2 ? 2 : op == WD_OP_COPY3 ? 3 : 4;
  for (uint32_t k = 0; k < n; k++)
    if (c->code[s + 1 + 2 * k] == c->pin) {
      c->code[s] = k_copy_l[n - 2][k];
      return;
    }
}

// Rewrites the translated code for the pinned local c->pin; false (code
// then unusable) if an instruction writes it without a form for that.
static bool pin_rewrite(comp_t *c) {
  starts_trim(c);
  for (size_t i = 0; i < c->nstarts; i++) {
    uint32_t s = c->starts[i];
    uint32_t len = (uint32_t)((i + 1 < c->nstarts ? c->starts[i + 1] : c->ncode) - s);
    enum wd_op op = (enum wd_op)c->code[s];
    if (op == WD_OP_COPY_RETURN) // the frame ends: its local no longer matters
      continue;
    if (op == WD_OP_COPY2 || op == WD_OP_COPY3 || op == WD_OP_COPY4) {
      pin_copies(c, s, op);
      continue;
    }
    uint32_t w = written_units(op);
    for (uint32_t u = 1; u < len && u < 32; u++)
      if ((w >> u & 1) && c->code[s + u] == c->pin &&
          (k_ld[op] >> 12 != u || !pin_apply(c, s, len, k_ld[op])))
        return false;
    pin_apply(c, s, len, k_la[c->code[s]]);
    pin_apply(c, s, len, k_lb[c->code[s]]);
  }
  return true;
}

// Validates (c->dry) or translates one body into c->code, for the pinned
// local c->pin.
static bool translate(comp_t *c, uint32_t bodyidx) {
  const wd_module_t *m = c->m;
  wd_funcbody_t *body = &m->bodies[bodyidx];
  c->funcidx = m->nimported_funcs + bodyidx;
  c->ft = &m->types[m->func_types[c->funcidx]];
  wd_bin_reader_init(&c->r, m->bytes, body->code_off, (size_t)body->off + body->len, c->diag);
  c->nstk = c->nctl = c->ncode = 0;
  c->naccs = c->nstarts = 0;
  c->cells = c->max_cells = c->nlocalrefs = 0;
  barrier(c);
  if (!setup_locals(c, body))
    return false;
  if (!push_ctrl(c, 0, NULL, 0, wd_functype_results(c->ft), c->ft->nresults))
    return false;
  bool fn_end = false;
  while (!fn_end) {
    uint8_t opc;
    if (!rd_u8(c, &opc) || !compile_instr(c, opc, &fn_end))
      return false;
    if (c->oom)
      return false;
  }
  if (!wd_bin_at_end(&c->r))
    return MALFORMED("section size mismatch");
  acc_flush(c);
  return !c->oom;
}

// The two i32/i64 locals referenced most (by weight, inside loops) after a
// translation: the candidates for the pinned local, as cells.
static void pin_choose(const comp_t *c, uint32_t cand[2]) {
  uint64_t best[2] = {0, 0};
  cand[0] = cand[1] = UINT32_MAX;
  for (uint32_t i = 0; i < c->nlocals; i++) {
    uint64_t w = c->lweight[i];
    if ((c->ltypes[i] != WD_I32 && c->ltypes[i] != WD_I64) || w < 16 || w <= best[1])
      continue;
    if (w > best[0]) {
      best[1] = best[0], cand[1] = cand[0];
      best[0] = w, cand[0] = c->lslots[i];
    } else {
      best[1] = w, cand[1] = c->lslots[i];
    }
  }
}

// Validates (c->dry) or translates one body; into: the code to fill in
// place (a lazy one, whose candidates for the pinned local the validating
// pass found), or NULL for a new one.
static bool compile_func(comp_t *c, uint32_t bodyidx, wd_code_t *into) {
  const wd_module_t *m = c->m;
  wd_funcbody_t *body = &m->bodies[bodyidx];
  uint32_t cand[2];
  bool plain = false; // c->code holds a translation without a pinned local
  c->pin = UINT32_MAX;
  if (into) {
    cand[0] = into->pin_cand[0];
    cand[1] = into->pin_cand[1];
  } else {
    if (!translate(c, bodyidx))
      return false;
    pin_choose(c, cand);
    plain = true;
  }
  uint32_t pin = UINT32_MAX;
  for (int k = 0; k < 2 && !c->dry && cand[k] != UINT32_MAX; k++) {
    c->pin = cand[k];
    plain = false;
    if (!translate(c, bodyidx))
      return false;
    if (pin_rewrite(c)) {
      pin = cand[k];
      break;
    }
  }
  c->pin = UINT32_MAX;
  if (pin == UINT32_MAX && !plain && !translate(c, bodyidx))
    return false;
  wd_code_t *code = into ? into : wd_calloc(1, sizeof *code);
  if (!code)
    return oom(c);
  if (c->dry) {
    code->ops = lazy_ops();
    code->nops = 0;
  } else {
    uint32_t *ops = wd_malloc(c->ncode * sizeof *code->ops);
    if (!ops) {
      if (!into)
        wd_free(code);
      return oom(c);
    }
    memcpy(ops, c->code, c->ncode * sizeof *code->ops);
    // The opcodes become the units the interpreter dispatches on.
    const uint32_t *tokens = wd_interp_tokens();
    starts_trim(c);
    for (size_t i = 0; i < c->nstarts; i++)
      ops[c->starts[i]] = tokens[ops[c->starts[i]]];
    code->ops = ops;
    code->nops = (uint32_t)c->ncode;
  }
  code->param_cells = c->ft->param_cells;
  code->local_cells = c->local_cells;
  code->result_cells = c->ft->result_cells;
  uint32_t frame = c->local_cells + c->max_cells;
  if (frame < code->result_cells)
    frame = code->result_cells;
  // At least one cell (the interpreter loads the pinned register from
  // cell 0 when there is no pinned local), and the slack for zeroing.
  if (frame < code->param_cells + WD_FRAME_SLACK)
    frame = code->param_cells + WD_FRAME_SLACK;
  code->frame_cells = frame;
  code->func = c->funcidx;
  code->pin = pin == UINT32_MAX ? 0 : pin;
  code->pin_cand[0] = cand[0];
  code->pin_cand[1] = cand[1];
  if (!into)
    body->code = code;
  return true;
}

static void comp_free(comp_t *c) {
  wd_free(c->ltypes);
  wd_free(c->lslots);
  wd_free(c->lweight);
  wd_free(c->starts);
  wd_free(c->stk);
  wd_free(c->scratch);
  wd_free(c->scratch2);
  wd_free(c->ctl);
  wd_free(c->code);
  wd_free(c->accs);
}

bool wd_code_is_lazy(const wd_code_t *code) { return code->ops == lazy_ops(); }

bool wd_compile_lazy(const wd_module_t *m, wd_code_t *code) {
  if (!wd_code_is_lazy(code))
    return true;
  comp_t c;
  wd_diag_t diag;
  memset(&c, 0, sizeof c);
  wd_diag_clear(&diag);
  c.m = m;
  c.diag = &diag;
  // Validated when the module was created: only running out of memory can
  // fail here.
  bool ok = compile_func(&c, code->func - m->nimported_funcs, code);
  comp_free(&c);
  return ok && !wd_code_is_lazy(code);
}

wd_status_t wd_compile_module(wd_module_t *m, bool lazy, wd_diag_t *diag) {
  comp_t c;
  memset(&c, 0, sizeof c);
  c.m = m;
  c.diag = diag;
  c.dry = lazy;
  wd_status_t st = WD_OK;
  for (uint32_t i = 0; i < m->nbodies; i++) {
    if (!compile_func(&c, i, NULL)) {
      st = diag->status != WD_OK ? diag->status : WD_ERR_INVALID;
      diag->func = c.funcidx;
      for (uint32_t k = 0; k < i; k++) {
        wd_code_free(m->bodies[k].code);
        m->bodies[k].code = NULL;
      }
      break;
    }
  }
  comp_free(&c);
  return st;
}

void wd_code_free(wd_code_t *code) {
  if (!code)
    return;
  if (!wd_code_is_lazy(code))
    wd_free((void *)(uintptr_t)code->ops);
  wd_free(code);
}
