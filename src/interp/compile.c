// SPDX-License-Identifier: Apache-2.0
// Validation and translation of function bodies in one pass: the spec's
// operand/control-stack algorithm, emitting register code over frame cells.
//
// Each operand-stack entry knows where its value is: in its "home" cell
// (the temporary cell for its stack height), in a local's cell (local.get
// emits nothing), or as a constant (emits nothing until a cell is needed).
// At control-flow joins every value a label carries is in its home cell.
//
// The rest of the translator: compile_mem.c, compile_fuse.c, compile_acc.c
// and compile_pin.c (compile_int.h says which file translates what).
#include "interp/compile_int.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "binary/opcode_imm.h"
#include "binary/reader.h"
#include "util/alloc.h"

// The ops of every function not translated yet: its LAZY unit alone.
static const uint32_t *lazy_ops(void) { return wd_interp_tokens() + WD_OP_LAZY; }

static const wd_vt_t k_single_types[] = {WD_I32,  WD_I64,     WD_F32,       WD_F64,
                                         WD_V128, WD_FUNCREF, WD_EXTERNREF, WD_EXNREF};

// ---- errors -------------------------------------------------------------

bool wd_c_fail(comp_t *c, wd_status_t st, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (c->diag->status == WD_OK) {
    wd_diag_vset(c->diag, st, wd_bin_offset(&c->r), fmt, ap);
  }
  va_end(ap);
  return false;
}

bool wd_c_oom(comp_t *c) {
  c->oom = true;
  return wd_c_fail(c, WD_ERR_RESOURCE, "out of memory compiling a function");
}

// ---- emission -----------------------------------------------------------
// (emit and the other small helpers are inline in compile_int.h; the
// rewriting of the instructions just emitted is in compile_fuse.c)

// No instruction before this point may be fused with one after it: a jump
// may land here.
void wd_c_barrier(comp_t *c) {
  wd_c_acc_flush(c);
  c->last_dst = 0;
  c->last_ins = c->prev_ins = c->prev2_ins = UINT32_MAX;
}

// Records an instruction starting at code position pos, standing for the
// wasm instruction at module offset at (comp_t.starts, at_of).
static bool add_start(comp_t *c, uint32_t pos, uint32_t at) {
  if (wd_grow((void **)&c->starts, &c->capstarts, c->nstarts + 1, sizeof *c->starts) ||
      (c->nstarts >= c->capat &&
       wd_grow((void **)&c->at_of, &c->capat, c->nstarts + 1, sizeof *c->at_of))) {
    wd_c_oom(c);
    return false;
  }
  c->at_of[c->nstarts] = at;
  c->starts[c->nstarts++] = pos;
  return true;
}

// The end of instruction i (index in c->starts): where the next begins.
static uint32_t op_end(const comp_t *c, size_t i) {
  return (uint32_t)(i + 1 < c->nstarts ? c->starts[i + 1] : c->ncode);
}

void wd_c_emit_op(comp_t *c, enum wd_op op) {
  if (!is_dead(c)) {
    starts_trim(c);
    add_start(c, (uint32_t)c->ncode, c->at);
  }
  c->last_dst = 0;
  c->prev2_ins = c->prev_ins;
  c->prev_ins = c->last_ins;
  // Out of memory, the code may not have been allocated at all: nothing
  // emitted from then on is an instruction to fuse with.
  c->last_ins = is_dead(c) || c->oom ? UINT32_MAX : (uint32_t)c->ncode;
  emit(c, (uint32_t)op);
  if (c->oom)
    c->last_ins = UINT32_MAX;
}

// Emits a destination operand and remembers it for local.set retargeting.
void wd_c_emit_dst(comp_t *c, uint32_t slot) {
  uint32_t pos = emit(c, slot);
  if (!is_dead(c) && !c->oom) {
    c->last_dst = pos + 1;
    c->last_dst_slot = slot;
  }
}

static void emit_const(comp_t *c, wd_vt_t type, uint32_t dst, uint64_t v) {
  if (type == WD_I32 || type == WD_F32) {
    wd_c_emit_op(c, WD_OP_CONST32);
    wd_c_emit_dst(c, dst);
    emit(c, (uint32_t)v);
  } else {
    wd_c_emit_op(c, WD_OP_CONST64);
    wd_c_emit_dst(c, dst);
    emit(c, (uint32_t)v);
    emit(c, (uint32_t)(v >> 32));
  }
}

static void emit_copy(comp_t *c, wd_vt_t type, uint32_t dst, uint32_t src) {
  if (dst == src)
    return;
  // Copies in a row (up to four): one instruction doing them in order
  // (wd_c_pin_rewrite gives it the form for the pinned local among them).
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
  wd_c_emit_op(c, type == WD_V128 ? WD_OP_COPY128 : WD_OP_COPY);
  wd_c_emit_dst(c, dst);
  emit(c, src);
}

static void emit_addimm(comp_t *c, uint32_t dst, uint32_t src, uint32_t addend) {
  wd_c_emit_op(c, WD_OP_I32_ADD_IMM);
  wd_c_emit_dst(c, dst);
  emit(c, src);
  emit(c, addend);
  wd_c_pair_addimm(c);
}

// A forward jump operand added to a chain (*chain holds position + 1).
static void emit_fwd(comp_t *c, uint32_t *chain) {
  if (is_dead(c))
    return;
  uint32_t pos = emit(c, *chain);
  if (!c->oom)
    *chain = pos + 1;
}

void wd_c_emit_back(comp_t *c, uint32_t target) {
  if (is_dead(c))
    return;
  uint32_t pos = (uint32_t)c->ncode;
  emit(c, (uint32_t)(int32_t)((int64_t)target - (int64_t)pos));
}

// ---- limits (include/ward/limits.h) -------------------------------------------
// In modules whose engine asks for fuel (m->meter), every run of straight
// code begins with an operation that charges its wasm instructions: a check
// (CHECK_*, which also traps when the fuel is overdrawn or an interrupt is
// asked for) at the function's entry and at each loop's head, which every
// repetition passes, and FUEL at the other places a branch lands. A run
// ends where the next begins, so a branch that leaves one early has paid
// for all of it: the count is an upper bound, the same on every host and in
// every build.
//
// Interruption alone checks on every jump back to a loop's head, and
// before each tail call (return_call*: a chain of them may loop without a
// loop); a call needs no check, as an interrupt makes the depth check
// every call makes fail (runtime/limits.c), and so does a function's entry
// from the host (wd_interp_call). Where every branch that may close a loop
// has a twin that checks (the tail-call build, ops.def), the loops' heads
// have no check of their own, and code that falls into a loop pays
// nothing; elsewhere (HEAD_CHECKS) each head has one (meter_latches).
#ifdef WD_DISPATCH_TAIL
#define HEAD_CHECKS 0
#else
#define HEAD_CHECKS 1
#endif

// A jump back to a loop's head (comp_t.backs).
typedef struct backjump {
  uint32_t at;   // the jump unit's position, or the catch clause's index
  uint32_t head; // the head's position
  bool catch_;
} backjump_t;

// Whether a loop's head has a check of its own (see above).
static bool head_checks(const comp_t *c) {
  return c->m->meter && (HEAD_CHECKS || c->m->meter != WD_METER_INTR);
}

// Notes a jump back to the loop's head `head` (see comp_t.backs).
static void note_back(comp_t *c, uint32_t at, uint32_t head, bool catch_) {
  if (c->m->meter != WD_METER_INTR || HEAD_CHECKS || c->oom)
    return;
  if (wd_grow((void **)&c->backs, &c->capbacks, c->nbacks + 1, sizeof *c->backs)) {
    wd_c_oom(c);
    return;
  }
  c->backs[c->nbacks++] = (backjump_t){at, head, catch_};
}

void wd_c_truncate_notes(comp_t *c, uint32_t n) {
  wd_c_acc_truncate(c, n);
  // Noted in the order emitted: those cut off are the last ones.
  while (c->nbacks && !c->backs[c->nbacks - 1].catch_ && c->backs[c->nbacks - 1].at >= n)
    c->nbacks--;
}

// Sets the fuel of the run that ends here.
static void meter_close(comp_t *c) {
  if (c->fuel_at && !c->oom)
    c->code[c->fuel_at - 1] = c->fuel_n;
  c->fuel_at = 0;
}

// Begins a run: with a check, or where a branch lands.
static void meter_run(comp_t *c, bool check) {
  uint32_t meter = c->m->meter;
  if (!meter || is_dead(c) || (!check && !(meter & WD_METER_FUEL)))
    return;
  meter_close(c);
  enum wd_op op = !check                   ? WD_OP_FUEL
                  : meter == WD_METER_FUEL ? WD_OP_CHECK_FUEL
                  : meter == WD_METER_INTR ? WD_OP_CHECK_INTR
                                           : WD_OP_CHECK_FUEL_INTR;
  wd_c_emit_op(c, op);
  uint32_t pos = emit(c, 0);
  if (!c->oom) {
    c->fuel_at = pos + 1;
    c->fuel_n = 0;
  }
  wd_c_barrier(c);
}

// Each branch's twin that checks for an interrupt (ops.def), or 0; and
// each twin's branch.
static const uint16_t k_twin[WD_OP_COUNT_] = {
#define WD_OP_TWIN(name) [WD_OP_##name] = WD_OP_##name##_INTR,
#include "interp/ops.def"
};
static const uint16_t k_untwin[WD_OP_COUNT_] = {
#define WD_OP_TWIN(name) [WD_OP_##name##_INTR] = WD_OP_##name,
#include "interp/ops.def"
};

uint32_t wd_c_twin(uint32_t op) { return op < WD_OP_COUNT_ ? k_twin[op] : 0; }

// The instruction that code position `at` lies in (index in c->starts).
static size_t start_of(const comp_t *c, uint32_t at) {
  size_t lo = 0, hi = c->nstarts; // starts[lo - 1] <= at < starts[hi]
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c->starts[mid] <= at)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo ? lo - 1 : 0;
}

// Where heads have checks (HEAD_CHECKS, or fuel too): with interruption
// alone, gives every branch landing on a CHECK_INTR (a loop's head, or a
// tail call) its twin, which checks itself, and moves its jump past the
// check: a loop's back edge then costs a test, not a dispatch of its own.
// The check stays for the code that falls into the loop, and for the
// branches without a twin. A branch's jump is its last unit (ops.def).
static void twin_latches(comp_t *c) {
  for (size_t i = 0; i < c->nstarts; i++) {
    uint32_t s = c->starts[i];
    uint16_t twin = k_twin[c->code[s]];
    if (!twin || wd_c_table_at(c->code[s]))
      continue;
    uint32_t j = op_end(c, i) - 1;
    int64_t to = (int64_t)j + (int32_t)c->code[j];
    if (to < 0 || to >= (int64_t)c->ncode || c->code[to] != WD_OP_CHECK_INTR)
      continue;
    c->code[s] = twin;
    c->code[j] += 2;
  }
}

// Appends a check for the jumps back to `head` that cannot check
// themselves: BR_INTR, back to the head. Its position, or UINT32_MAX out
// of memory.
static uint32_t head_stub(comp_t *c, uint32_t head, uint32_t at_of) {
  uint32_t at = (uint32_t)c->ncode;
  if (wd_grow((void **)&c->code, &c->capcode, c->ncode + 3, sizeof *c->code)) {
    wd_c_oom(c);
    return UINT32_MAX;
  }
  if (!add_start(c, at, at_of))
    return UINT32_MAX;
  c->code[at] = WD_OP_BR_INTR;
  c->code[at + 1] = 0; // (its T: tokenize)
  c->code[at + 2] = (uint32_t)(int32_t)((int64_t)head - (int64_t)(at + 2));
  c->ncode += 3;
  return at;
}

// Where heads have no checks: gives every jump back to a loop's head
// (comp_t.backs) a check. A branch whose jump it is becomes its twin,
// which checks when taken; a br_table its twin, which checks when it jumps
// back; any other jump, and a catch clause landing on the head, goes
// through a BR_INTR made for the head after the function's code. Every
// cycle of jumps has a jump back, so a guest still stops within its loop.
static bool check_backs(comp_t *c) {
  uint32_t stub_head = UINT32_MAX, stub = 0; // the last stub made
  for (size_t k = 0; k < c->nbacks; k++) {
    const backjump_t *b = &c->backs[k];
    if (!b->catch_) {
      uint32_t at = b->at;
      if (at >= c->ncode || (int64_t)at + (int32_t)c->code[at] != b->head)
        continue; // (cut off and made anew: noted again)
      size_t i = start_of(c, at);
      uint32_t s = c->starts[i];
      uint32_t op = k_untwin[c->code[s]] ? k_untwin[c->code[s]] : c->code[s];
      uint32_t end = op_end(c, i);
      uint32_t table = wd_c_table_at(op);
      if (k_twin[op] && (table ? at >= s + table : at == end - 1)) {
        c->code[s] = k_twin[op];
        continue;
      }
    }
    if (b->head != stub_head) {
      // The stub's trap names the loop's first instruction.
      size_t h = start_of(c, b->head);
      stub = head_stub(c, b->head, c->nstarts ? c->at_of[h] : c->at);
      if (stub == UINT32_MAX)
        return false;
      stub_head = b->head;
    }
    if (b->catch_)
      c->catches[b->at].landing = stub;
    else
      c->code[b->at] = (uint32_t)(int32_t)((int64_t)stub - (int64_t)b->at);
  }
  return true;
}

// Gives every br_table with a jump back its twin where it has one, which
// checks when it jumps back: a dispatch loop's copies of its head, jumping
// back to earlier cases, rely on it (compile_disp.c).
static void twin_tables(comp_t *c) {
  for (size_t i = 0; i < c->nstarts; i++) {
    uint32_t s = c->starts[i], table = wd_c_table_at(c->code[s]);
    if (!table || !k_twin[c->code[s]])
      continue;
    uint32_t end = op_end(c, i);
    for (uint32_t u = s + table; u < end; u += WD_TABLE_ENTRY)
      if ((int32_t)c->code[u] < 0) {
        c->code[s] = k_twin[c->code[s]];
        break;
      }
  }
}

// The opcodes in ops (a copy of the code) become the units the interpreter
// dispatches on, and each T unit (ops.def) the unit of the operation that
// its jump lands on: a BR's, each entry's of a br_table.
static void tokenize(const comp_t *c, uint32_t *ops) {
  const uint32_t *tokens = wd_interp_tokens();
#define LANDING(j) tokens[c->code[(int64_t)(j) + (int32_t)c->code[j]]]
  for (size_t i = 0; i < c->nstarts; i++) {
    uint32_t s = c->starts[i], op = c->code[s];
    ops[s] = tokens[op];
    if (op == WD_OP_BR || op == WD_OP_BR_INTR)
      ops[s + 1] = LANDING(s + 2);
    uint32_t table = wd_c_table_at(k_untwin[op] ? k_untwin[op] : op), end = op_end(c, i);
    for (uint32_t u = s + table; table && u + 1 < end; u += WD_TABLE_ENTRY)
      ops[u + 1] = LANDING(u);
  }
#undef LANDING
}

// Gives the jumps back their checks, in code that checks for interrupts
// alone (the rest check at the loops' heads: meter_run).
static bool meter_latches(comp_t *c) {
  if (c->m->meter != WD_METER_INTR)
    return true;
  starts_trim(c);
  twin_tables(c);
  if (HEAD_CHECKS) {
    twin_latches(c);
    return true;
  }
  return check_backs(c);
}

// Whether wasm instruction opc costs fuel: all but the structure.
static bool meter_counts(uint8_t opc) {
  switch (opc) {
  case 0x01: // nop
  case 0x02: // block
  case 0x03: // loop
  case 0x05: // else
  case 0x06: // try
  case 0x07: // catch
  case 0x0B: // end
  case 0x18: // delegate
  case 0x19: // catch_all
  case 0x1F: // try_table
    return false;
  default: return true;
  }
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
  wd_c_barrier(c);
}

// ---- operand stack ------------------------------------------------------

bool wd_c_push_entry(comp_t *c, opnd_t o) {
  if (wd_grow((void **)&c->stk, &c->capstk, c->nstk + 1, sizeof *c->stk))
    return wd_c_oom(c);
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

bool wd_c_push_temp(comp_t *c, wd_vt_t type, uint32_t *home) {
  opnd_t o = {.type = type, .kind = K_TEMP};
  if (!wd_c_push_entry(c, o))
    return false;
  if (home)
    *home = c->stk[c->nstk - 1].home;
  return true;
}

static bool push_const(comp_t *c, wd_vt_t type, uint64_t v) {
  opnd_t o = {.type = type, .kind = K_CONST, .cval = v};
  return wd_c_push_entry(c, o);
}

// Pops one entry; `expected` WD_BOT accepts any type.
bool wd_c_pop(comp_t *c, wd_vt_t expected, opnd_t *out) {
  ctrl_t *f = top_ctrl(c);
  *out = (opnd_t){.type = WD_BOT}; // defined on every path, errors included
  if (c->nstk == f->height) {
    if (f->unreachable) {
      *out = (opnd_t){.type = WD_BOT, .kind = K_TEMP, .home = c->local_cells + c->cells};
      return true;
    }
    return INVALID("type mismatch: instruction requires [%s] but stack has []",
                   expected == WD_BOT ? "any" : wd_valtype_name(expected));
  }
  opnd_t o = c->stk[--c->nstk];
  c->cells = o.home - c->local_cells;
  if (reads_local(&o))
    c->nlocalrefs--;
  if (!type_ok(o.type, expected))
    return INVALID("type mismatch: instruction requires [%s] but stack has [%s]",
                   wd_valtype_name(expected), wd_valtype_name(o.type));
  *out = o;
  return true;
}

static bool scratch(comp_t *c, size_t n) {
  if (wd_grow((void **)&c->scratch, &c->capscratch, n, sizeof *c->scratch))
    return wd_c_oom(c);
  return true;
}

// Pops values of `types` (n of them) into out[0..n) in stack order.
static bool pop_vals(comp_t *c, const wd_vt_t *types, uint32_t n, opnd_t *out) {
  for (uint32_t i = n; i-- > 0;)
    if (!wd_c_pop(c, types[i], &out[i]))
      return false;
  return true;
}

// Pushes back popped values, keeping where they are; unknown ones become
// temporaries of the given types, or stay unknown when types is NULL (the
// spec's push_vals(pop_vals(..)) for br_table).
static bool push_back(comp_t *c, const wd_vt_t *types, uint32_t n, const opnd_t *vals) {
  for (uint32_t i = 0; i < n; i++) {
    opnd_t o = vals[i];
    if (o.type == WD_BOT)
      o = (opnd_t){.type = types ? types[i] : WD_BOT, .kind = K_TEMP};
    else if (types) // the label's type, which may be above the value's
      o.type = types[i];
    if (!wd_c_push_entry(c, o))
      return false;
  }
  return true;
}

bool wd_c_scratch(comp_t *c, size_t n) { return scratch(c, n); }
bool wd_c_pop_vals(comp_t *c, const wd_vt_t *types, uint32_t n, opnd_t *out) {
  return pop_vals(c, types, n, out);
}

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
uint32_t wd_c_src_slot(comp_t *c, opnd_t *o) {
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

void wd_c_to_home(comp_t *c, opnd_t *o) { to_home(c, o); }

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

static bool push_ctrl(comp_t *c, uint8_t opcode, const wd_vt_t *params, uint32_t np,
                      const wd_vt_t *results, uint32_t nr) {
  if (wd_grow((void **)&c->ctl, &c->capctl, c->nctl + 1, sizeof *c->ctl))
    return wd_c_oom(c);
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
  f->try_idx = WD_TRY_NONE;
  f->initlog = (uint32_t)c->ninitlog;
  return true;
}

// The locals set since block f began are unset again (the end of f, or
// the start of its else or catch arm).
static void reset_inits(comp_t *c, const ctrl_t *f) {
  while (c->ninitlog > f->initlog)
    c->lunset[c->initlog[--c->ninitlog]] = 1;
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

static void label_types(const ctrl_t *f, const wd_vt_t **types, uint32_t *n) {
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
    wd_c_oom(c);
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
  // An i32 constant just before, then nothing but this return: the two in
  // one, CONST_RETURN (the frame ends, so where the constant went matters
  // only if that is a result cell). If a label lies between them (the
  // constant was the last value of a block the function ends after), the
  // return stays for the branches to it.
  starts_trim(c);
  size_t ns = c->nstarts;
  uint32_t s = ns ? c->starts[ns - 1] : UINT32_MAX;
  if (s != UINT32_MAX && s + 3 == c->ncode && c->code[s] == WD_OP_CONST32) {
    c->code[s] = WD_OP_CONST_RETURN;
    if (c->last_ins == s) {
      c->last_dst = 0;
      return;
    }
  }
  if (c->last_ins != UINT32_MAX && c->last_ins + 3 == c->ncode &&
      c->code[c->last_ins] == WD_OP_COPY) {
    // ... and a local's copy just after a label with an i32 constant into
    // that local before it: the fall into the label returns the constant.
    uint32_t k = ns >= 2 ? c->starts[ns - 2] : UINT32_MAX;
    if (s == c->last_ins && k != UINT32_MAX && k + 3 == s && c->code[k] == WD_OP_CONST32 &&
        c->code[k + 1] == c->code[s + 2]) {
      c->code[k] = WD_OP_CONST_RETURN;
      c->code[k + 1] = c->code[s + 1];
    }
    c->code[c->last_ins] = WD_OP_COPY_RETURN; // the copy, then return
    c->last_dst = 0;
    return;
  }
  wd_c_emit_op(c, WD_OP_RETURN);
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
  wd_c_emit_br(c, WD_OP_BR);
  wd_c_emit_target(c, f);
}

void wd_c_emit_br(comp_t *c, enum wd_op op) {
  wd_c_emit_op(c, op);
  emit(c, 0);
}

// Emits the jump word of a conditional or table branch to f that needs no
// copies.
void wd_c_emit_target(comp_t *c, ctrl_t *f) {
  if (f->opcode == 0x03) {
    if (!is_dead(c))
      note_back(c, (uint32_t)c->ncode, f->target, false);
    wd_c_emit_back(c, f->target);
  } else {
    emit_fwd(c, &f->fixups);
  }
}

// ---- block types --------------------------------------------------------

// A slot holding type t for the rest of the translation (a block type of
// one value that k_single_types lacks). NULL if out of memory.
static const wd_vt_t *intern_type(comp_t *c, wd_vt_t t) {
  vtchunk_t *k = c->vts;
  while (k && k->used == sizeof k->v / sizeof *k->v)
    k = k->next;
  if (!k) {
    k = wd_calloc(1, sizeof *k);
    if (!k) {
      wd_c_oom(c);
      return NULL;
    }
    k->next = c->vts;
    c->vts = k;
  }
  k->v[k->used] = t;
  return &k->v[k->used++];
}

static bool read_blocktype(comp_t *c, const wd_vt_t **params, uint32_t *np, const wd_vt_t **results,
                           uint32_t *nr) {
  wd_bin_blocktype_t bt;
  if (!wd_bin_read_blocktype(&c->r, &bt))
    return false;
  *params = *results = NULL;
  *np = *nr = 0;
  if (bt.kind == WD_BT_VALUE) {
    if (!wd_vt_known(bt.type, c->m->ntypes))
      return INVALID("unknown type %u", wd_vt_heap(bt.type) - WD_HT_IDX);
    for (size_t i = 0; i < sizeof k_single_types / sizeof *k_single_types; i++)
      if (bt.type == k_single_types[i])
        *results = &k_single_types[i];
    if (!*results && !(*results = intern_type(c, bt.type)))
      return false;
    *nr = 1;
  } else if (bt.kind == WD_BT_INDEX) {
    if (bt.index >= c->m->ntypes)
      return INVALID("unknown type %u", bt.index);
    if (c->m->sub[bt.index].comp != WD_COMP_FUNC)
      return INVALID("non-function type %u", bt.index);
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

bool wd_c_check_memory(comp_t *c, uint32_t idx) {
  if (idx >= c->m->nmemories)
    return INVALID("unknown memory %u", idx);
  return true;
}

bool wd_c_check_table(comp_t *c, uint32_t idx) {
  if (idx >= c->m->ntables)
    return INVALID("unknown table %u", idx);
  return true;
}

// The callee's frame begins at `base` and needs no cells of ours beyond
// its results, which land in base..; accounts for them as temporaries.
static bool push_results(comp_t *c, const wd_functype_t *ft) {
  const wd_vt_t *rt = wd_functype_results(ft);
  for (uint32_t i = 0; i < ft->nresults; i++)
    if (!wd_c_push_temp(c, rt[i], NULL))
      return false;
  return true;
}

// call (op CALL), call_indirect (`top` the index type of table a1)
// or call_ref (`top` the reference type of the callee); with `tail`,
// return_call and the others: the callee's results must match the
// function's, and nothing follows. The arguments go to their homes, where
// the callee's frame begins (a tail call's callee moves them to the
// frame's start).
static bool do_call(comp_t *c, const wd_functype_t *ft, enum wd_op op, uint32_t a0, uint32_t a1,
                    wd_vt_t top, bool tail) {
  if (tail) {
    const wd_functype_t *own = c->ft;
    if (ft->nresults != own->nresults)
      return INVALID("type mismatch");
    for (uint32_t i = 0; i < ft->nresults; i++)
      if (!type_ok(wd_functype_results(ft)[i], wd_functype_results(own)[i]))
        return INVALID("type mismatch");
  }
  bool via_table = op == WD_OP_CALL_INDIRECT || op == WD_OP_RETURN_CALL_INDIRECT;
  opnd_t callee = {0};
  if (top && !wd_c_pop(c, top, &callee))
    return false;
  if (!scratch(c, ft->nparams))
    return false;
  opnd_t *args = c->scratch;
  if (!pop_vals(c, wd_functype_params(ft), ft->nparams, args))
    return false;
  uint32_t base = c->local_cells + c->cells;
  uint32_t cslot = via_table ? wd_c_table_index(c, a1, &callee)
                   : top     ? wd_c_src_slot(c, &callee)
                             : 0;
  for (uint32_t i = 0; i < ft->nparams; i++)
    to_home(c, &args[i]);
  // A call of a forwarder goes to the end of its chain (wd_module_skip):
  // the same arguments, results and effects, one call and return fewer for
  // each forwarder. A trap's backtrace puts their frames back
  // (runtime/trap.c). Not where fuel is metered: a forwarder's instructions
  // cost fuel. An interrupt is still seen: the end of the chain checks for
  // one where the forwarder would have.
  if (op == WD_OP_CALL && !(c->m->meter & WD_METER_FUEL))
    a0 = wd_module_skip(c->m, a0, NULL, NULL, NULL);
  if (!tail && !top && wd_c_fuse_call(c, a0, base))
    return push_results(c, ft);
  wd_c_emit_op(c, op);
  emit(c, a0);
  if (via_table)
    emit(c, a1);
  if (top)
    emit(c, cslot);
  emit(c, base);
  if (tail) {
    set_unreachable(c);
    return true;
  }
  return push_results(c, ft);
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
  if (c->has_unset && c->lunset[idx]) { // set until the end of the block
    if (wd_grow((void **)&c->initlog, &c->capinitlog, c->ninitlog + 1, sizeof *c->initlog))
      return wd_c_oom(c);
    c->initlog[c->ninitlog++] = idx;
    c->lunset[idx] = 0;
  }
  note_local(c, idx);
  wd_vt_t t = c->ltypes[idx];
  uint32_t ls = c->lslots[idx];
  opnd_t v;
  if (!wd_c_pop(c, t, &v))
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
    return wd_c_push_entry(c, o);
  }
  return true;
}

static bool do_block(comp_t *c, uint8_t opcode) {
  const wd_vt_t *params, *results;
  uint32_t np, nr;
  if (!read_blocktype(c, &params, &np, &results, &nr))
    return false;
  opnd_t cond = {0};
  if (opcode == 0x04 && !wd_c_pop(c, WD_I32, &cond))
    return false;
  if (!scratch(c, np))
    return false;
  if (!pop_vals(c, params, np, c->scratch))
    return false;
  uint32_t cs = opcode == 0x04 ? wd_c_src_slot(c, &cond) : 0;
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
    wd_c_barrier(c);
    if (head_checks(c))
      meter_run(c, true);
  } else if (opcode == 0x04) {
    wd_c_emit_cond(c, &cond, cs, true);
    emit_fwd(c, &f->else_fix);
  }
  return push_back(c, params, np, c->scratch);
}

// The end of a block's arm (end, else, catch): its results must be all
// that is left above the block's height. Values beyond them are "type
// mismatch: block requires [results] but stack has [all of them]", the
// reference interpreter's wording; then pops the results into c->scratch.
static bool pop_block_results(comp_t *c, ctrl_t *f) {
  if (c->nstk > f->height + f->nresults) {
    char want[160] = "", have[160] = "";
    size_t w = 0, h = 0;
    for (uint32_t i = 0; i < f->nresults && w < sizeof want; i++)
      w += (size_t)snprintf(want + w, sizeof want - w, "%s%s", i ? " " : "",
                            wd_valtype_name(f->results[i]));
    for (size_t i = f->height; i < c->nstk && h < sizeof have; i++)
      h += (size_t)snprintf(have + h, sizeof have - h, "%s%s", i > f->height ? " " : "",
                            wd_valtype_name(c->stk[i].type));
    return INVALID("type mismatch: block requires [%s] but stack has [%s]", want, have);
  }
  if (!scratch(c, f->nresults) || !pop_vals(c, f->results, f->nresults, c->scratch))
    return false;
  if (c->nstk != f->height)
    return INVALID("type mismatch");
  return true;
}

static bool do_else(comp_t *c) {
  ctrl_t *f = top_ctrl(c);
  if (f->opcode != 0x04)
    return MALFORMED("else without if");
  if (!pop_block_results(c, f))
    return false;
  for (uint32_t i = 0; i < f->nresults; i++)
    to_home(c, &c->scratch[i]);
  wd_c_emit_br(c, WD_OP_BR);
  emit_fwd(c, &f->fixups);
  f->opcode = 0x05;
  f->unreachable = false;
  f->dead = f->entry_dead;
  if (c->has_unset)
    reset_inits(c, f);
  bind(c, f->else_fix);
  bool landed = f->else_fix != 0;
  f->else_fix = 0;
  if (landed)
    meter_run(c, false);
  for (uint32_t i = 0; i < f->nparams; i++)
    if (!wd_c_push_temp(c, f->params[i], NULL))
      return false;
  return true;
}

static void bind_catches(comp_t *c, ctrl_t *f);
static bool emit_return_pads(comp_t *c);

// `end` of a block, loop, if or else; returns true at the function's end
// through *fn_end.
static bool do_end(comp_t *c, bool *fn_end) {
  ctrl_t *f = top_ctrl(c);
  if (!pop_block_results(c, f))
    return false;
  if (f->try_idx != WD_TRY_NONE) {
    if (f->opcode == 0x1F || f->opcode == 0x06) // the body ends here
      c->tries[f->try_idx].end = (uint32_t)c->ncode;
    if (f->opcode != 0x1F && !f->rethrown) // no rethrow: nothing to keep
      for (size_t k = 0; k < c->ncatches; k++)
        if (c->catches[k].owner == f->try_idx && c->catches[k].kind == WD_CATCH_KEEP)
          c->catches[k].kind = WD_CATCH_VALUES;
  }
  if (f->opcode == 0x04) {
    // An if without else: the false arm passes the params through.
    if (f->nparams != f->nresults ||
        (f->nparams && memcmp(f->params, f->results, f->nparams * sizeof *f->params) != 0))
      return INVALID("type mismatch");
  }
  if (f->opcode == 0) {
    emit_return(c, c->scratch, f->nresults);
    if (!emit_return_pads(c))
      return false;
    *fn_end = true;
    c->nctl--;
    return true;
  }
  for (uint32_t i = 0; i < f->nresults; i++)
    to_home(c, &c->scratch[i]);
  bool landed = f->fixups || f->else_fix || f->cfix;
  bind(c, f->fixups);
  bind(c, f->else_fix);
  bind_catches(c, f);
  wd_c_disp_end(c, (uint32_t)(c->nctl - 1));
  if (c->has_unset)
    reset_inits(c, f);
  const wd_vt_t *results = f->results;
  uint32_t nr = f->nresults;
  c->nctl--;
  if (landed)
    meter_run(c, false);
  for (uint32_t i = 0; i < nr; i++)
    if (!wd_c_push_temp(c, results[i], NULL))
      return false;
  return true;
}

// ---- exceptions ---------------------------------------------------------
// A try (try_table, legacy try) records the code range of its body and its
// catch clauses (code.h); the interpreter looks the range up when an
// exception reaches the function. A clause lands at its label: a loop's
// head, or the end of a block, bound with the block's own jumps
// (bind_catches), or, for the function's label, a return emitted after
// the body (emit_return_pads).

// The innermost try whose body the translation is in, or WD_TRY_NONE.
static uint32_t current_try(const comp_t *c) {
  for (size_t i = c->nctl; i-- > 0;) {
    const ctrl_t *f = &c->ctl[i];
    if ((f->opcode == 0x1F || f->opcode == 0x06) && f->try_idx != WD_TRY_NONE)
      return f->try_idx;
  }
  return WD_TRY_NONE;
}

// Gives the block just pushed (a try_table or try) its try record, its body
// starting here.
static bool open_try(comp_t *c) {
  uint32_t parent = current_try(c);
  ctrl_t *f = top_ctrl(c);
  if (is_dead(c))
    return true;
  if (wd_grow((void **)&c->tries, &c->captries, c->ntries + 1, sizeof *c->tries))
    return wd_c_oom(c);
  wd_c_barrier(c);
  f->try_idx = (uint32_t)c->ntries;
  c->tries[c->ntries++] = (wd_try_t){.start = (uint32_t)c->ncode,
                                     .end = (uint32_t)c->ncode,
                                     .parent = parent,
                                     .delegate = WD_TRY_NONE};
  return true;
}

// Adds a catch clause of try `owner`: landing at the label of ctl[target]
// (its values in that label's homes), or here when target is SIZE_MAX
// (a legacy catch arm, whose values are the arm's first stack entries).
static bool add_catch(comp_t *c, uint32_t owner, uint32_t tag, uint8_t kind, size_t target,
                      uint32_t slot) {
  if (wd_grow((void **)&c->catches, &c->capcatches, c->ncatches + 1, sizeof *c->catches) ||
      wd_grow((void **)&c->cnext, &c->capcnext, c->ncatches + 1, sizeof *c->cnext))
    return wd_c_oom(c);
  uint32_t k = (uint32_t)c->ncatches++;
  wd_catch_t *h = &c->catches[k];
  *h = (wd_catch_t){.tag = tag, .kind = kind, .slot = slot, .owner = owner};
  c->cnext[k] = 0;
  if (target == SIZE_MAX) {
    h->landing = (uint32_t)c->ncode;
    h->dst = c->local_cells + c->cells;
    return true;
  }
  ctrl_t *f = &c->ctl[target];
  h->dst = c->local_cells + f->cells;
  if (f->opcode == 0x03) {
    h->landing = f->target;
    note_back(c, k, f->target, true);
  } else {
    c->cnext[k] = f->cfix;
    f->cfix = k + 1;
  }
  return true;
}

// The catch clauses waiting for f's label land here.
static void bind_catches(comp_t *c, ctrl_t *f) {
  for (uint32_t k = f->cfix; k; k = c->cnext[k - 1])
    c->catches[k - 1].landing = (uint32_t)c->ncode;
  f->cfix = 0;
}

// After the function's body: for each clause landing at the function's
// label, a return of the values from their homes.
static bool emit_return_pads(comp_t *c) {
  ctrl_t *f = &c->ctl[0];
  if (!f->cfix || c->dry)
    return true;
  const wd_vt_t *rt = wd_functype_results(c->ft);
  uint32_t n = c->ft->nresults;
  opnd_t *vals = wd_calloc(n ? n : 1, sizeof *vals);
  if (!vals)
    return wd_c_oom(c);
  uint32_t cell = c->local_cells;
  for (uint32_t i = 0; i < n; i++) {
    vals[i] = (opnd_t){.type = rt[i], .kind = K_TEMP, .home = cell};
    cell += wd_valtype_cells(rt[i]);
  }
  f->dead = false;
  for (uint32_t k = f->cfix; k && !c->oom; k = c->cnext[k - 1]) {
    wd_c_barrier(c);
    c->catches[k - 1].landing = (uint32_t)c->ncode;
    emit_return(c, vals, n);
  }
  f->cfix = 0;
  wd_free(vals);
  return !c->oom;
}

// The types a catch clause hands its label: the tag's, then the exception,
// a (ref exn), for the _ref forms. Each must match the label's type.
static bool check_catch(comp_t *c, const ctrl_t *f, uint32_t tag, bool ref) {
  const wd_vt_t *lt;
  uint32_t n;
  label_types(f, &lt, &n);
  uint32_t np = 0;
  const wd_vt_t *pt = NULL;
  if (tag != WD_CATCH_ALL) {
    const wd_functype_t *ft = &c->m->types[c->m->tag_types[tag]];
    pt = wd_functype_params(ft);
    np = ft->nparams;
  }
  if (n != np + (ref ? 1u : 0u) || (ref && !type_ok(WD_VT_REF(false, WD_HT_EXN), lt[np])))
    return INVALID("type mismatch");
  for (uint32_t i = 0; i < np; i++)
    if (!type_ok(pt[i], lt[i]))
      return INVALID("type mismatch");
  return true;
}

static bool check_tag(comp_t *c, uint32_t tag) {
  if (tag >= c->m->ntags)
    return INVALID("unknown tag %u", tag);
  return true;
}

// try_table blocktype vec(catch) instr* end
static bool do_try_table(comp_t *c) {
  if (!NEED_FEATURE(WD_FEAT_EXCEPTIONS))
    return false;
  const wd_vt_t *params, *results;
  uint32_t np, nr, n;
  if (!read_blocktype(c, &params, &np, &results, &nr) || !wd_bin_read_len(&c->r, &n))
    return false;
  // The clauses: kind, tag (catch, catch_ref), label, checked against the
  // labels outside the try_table.
  uint32_t *cl = wd_malloc(((size_t)n * 3 + 1) * sizeof *cl);
  if (!cl)
    return wd_c_oom(c);
  bool ok = true;
  for (uint32_t i = 0; ok && i < n; i++) {
    uint8_t kind;
    uint32_t tag = WD_CATCH_ALL, depth;
    ctrl_t *f;
    ok = rd_u8(c, &kind);
    if (ok && kind > 3)
      ok = MALFORMED("malformed catch clause");
    if (ok && kind < 2)
      ok = rd_u32(c, &tag) && check_tag(c, tag);
    ok = ok && rd_u32(c, &depth) && label(c, depth, &f) &&
         check_catch(c, f, tag, kind == 1 || kind == 3);
    if (ok) {
      cl[3 * i] = kind;
      cl[3 * i + 1] = tag;
      cl[3 * i + 2] = (uint32_t)(c->nctl - 1 - depth);
    }
  }
  if (ok)
    ok = scratch(c, np) && pop_vals(c, params, np, c->scratch);
  if (ok) {
    for (uint32_t i = 0; i < np; i++)
      to_home(c, &c->scratch[i]);
    spill_locals(c, UINT32_MAX);
    ok = push_ctrl(c, 0x1F, params, np, results, nr) && open_try(c);
  }
  uint32_t t = ok ? top_ctrl(c)->try_idx : WD_TRY_NONE;
  for (uint32_t i = 0; ok && t != WD_TRY_NONE && i < n; i++)
    ok = add_catch(c, t, cl[3 * i + 1], cl[3 * i] & 1 ? WD_CATCH_REF : WD_CATCH_VALUES,
                   cl[3 * i + 2], 0);
  wd_free(cl);
  return ok && push_back(c, params, np, c->scratch);
}

// The legacy try: `try blocktype`, its body, then catch arms or a delegate.
static bool do_try(comp_t *c) {
  if (!NEED_FEATURE(WD_FEAT_LEGACY_EXCEPTIONS) || !do_block(c, 0x06))
    return false;
  // The cell that keeps a caught exception for rethrow: one per legacy try
  // around this one.
  uint32_t slot = 0;
  for (size_t i = 0; i + 1 < c->nctl; i++)
    slot += c->ctl[i].opcode == 0x06 || c->ctl[i].opcode == 0x07 || c->ctl[i].opcode == 0x19;
  top_ctrl(c)->slot = slot;
  return open_try(c);
}

// `catch tag` (all: `catch_all`) of a legacy try: the arm before it ends
// as an `else` arm does, and this one lands here with the tag's values.
static bool do_catch(comp_t *c, bool all) {
  ctrl_t *f = top_ctrl(c);
  uint32_t tag = WD_CATCH_ALL;
  if (!all && !rd_u32(c, &tag))
    return false;
  if (f->opcode != 0x06 && f->opcode != 0x07)
    return f->opcode == 0x19 ? INVALID("catch after catch_all")
                             : MALFORMED(all ? "catch_all without try" : "catch without try");
  if (!all && !check_tag(c, tag))
    return false;
  if (!pop_block_results(c, f))
    return false;
  if (f->opcode == 0x06 && f->try_idx != WD_TRY_NONE)
    c->tries[f->try_idx].end = (uint32_t)c->ncode;
  for (uint32_t i = 0; i < f->nresults; i++)
    to_home(c, &c->scratch[i]);
  wd_c_emit_br(c, WD_OP_BR);
  emit_fwd(c, &f->fixups);
  f->opcode = all ? 0x19 : 0x07;
  f->unreachable = false;
  f->dead = f->entry_dead;
  if (c->has_unset)
    reset_inits(c, f);
  wd_c_barrier(c);
  if (f->try_idx != WD_TRY_NONE && !add_catch(c, f->try_idx, tag, WD_CATCH_KEEP, SIZE_MAX, f->slot))
    return false;
  if (all)
    return true;
  const wd_functype_t *ft = &c->m->types[c->m->tag_types[tag]];
  const wd_vt_t *pt = wd_functype_params(ft);
  for (uint32_t i = 0; i < ft->nparams; i++)
    if (!wd_c_push_temp(c, pt[i], NULL))
      return false;
  return true;
}

// `delegate l` ends a legacy try: what its body throws and does not catch
// goes to the try around label l (its catch clauses), or to the caller.
static bool do_delegate(comp_t *c, bool *fn_end) {
  ctrl_t *f = top_ctrl(c);
  uint32_t depth;
  if (!rd_u32(c, &depth))
    return false;
  if (f->opcode != 0x06)
    return MALFORMED("delegate without try");
  // The label is one of those outside the try.
  ctrl_t *lf;
  if (!label(c, depth + 1, &lf))
    return false;
  if (f->try_idx != WD_TRY_NONE) {
    uint32_t to = WD_TRY_CALLER;
    for (size_t i = (size_t)(lf - c->ctl) + 1; i-- > 0;) {
      const ctrl_t *g = &c->ctl[i];
      if ((g->opcode == 0x06 || g->opcode == 0x1F) && g->try_idx != WD_TRY_NONE) {
        to = g->try_idx;
        break;
      }
    }
    c->tries[f->try_idx].delegate = to;
  }
  return do_end(c, fn_end);
}

// rethrow l: the exception caught by the catch arm at label l.
static bool do_rethrow(comp_t *c, uint32_t depth) {
  ctrl_t *f;
  if (!NEED_FEATURE(WD_FEAT_LEGACY_EXCEPTIONS) || !label(c, depth, &f))
    return false;
  if (f->opcode != 0x07 && f->opcode != 0x19)
    return INVALID("invalid rethrow label");
  if (!is_dead(c)) {
    f->rethrown = true;
    if (f->slot + 1 > c->nslots)
      c->nslots = f->slot + 1;
    wd_c_emit_op(c, WD_OP_RETHROW);
    emit(c, f->slot);
  }
  set_unreachable(c);
  return true;
}

// throw tag: the values to their homes, from where the exception takes them.
static bool do_throw(comp_t *c, uint32_t tag) {
  if (!(c->m->features & (WD_FEAT_EXCEPTIONS | WD_FEAT_LEGACY_EXCEPTIONS)))
    return NEED_FEATURE(WD_FEAT_EXCEPTIONS);
  if (!check_tag(c, tag))
    return false;
  const wd_functype_t *ft = &c->m->types[c->m->tag_types[tag]];
  if (!scratch(c, ft->nparams) || !pop_vals(c, wd_functype_params(ft), ft->nparams, c->scratch))
    return false;
  uint32_t base = c->local_cells + c->cells;
  for (uint32_t i = 0; i < ft->nparams; i++)
    to_home(c, &c->scratch[i]);
  wd_c_emit_op(c, WD_OP_THROW);
  emit(c, tag);
  emit(c, base);
  set_unreachable(c);
  return true;
}

static bool do_throw_ref(comp_t *c) {
  opnd_t o;
  if (!NEED_FEATURE(WD_FEAT_EXCEPTIONS) || !wd_c_pop(c, WD_EXNREF, &o))
    return false;
  uint32_t os = wd_c_src_slot(c, &o);
  wd_c_emit_op(c, WD_OP_THROW_REF);
  emit(c, os);
  set_unreachable(c);
  return true;
}

static bool do_br(comp_t *c, uint32_t depth) {
  ctrl_t *f;
  const wd_vt_t *lt;
  uint32_t n;
  if (!label(c, depth, &f))
    return false;
  label_types(f, &lt, &n);
  if (!scratch(c, n) || !pop_vals(c, lt, n, c->scratch))
    return false;
  if (n || !wd_c_disp_branch(c, (uint32_t)(f - c->ctl)))
    emit_branch(c, f, c->scratch, n);
  set_unreachable(c);
  return true;
}

static bool do_br_if(comp_t *c, uint32_t depth) {
  ctrl_t *f;
  const wd_vt_t *lt;
  uint32_t n;
  opnd_t cond;
  if (!label(c, depth, &f) || !wd_c_pop(c, WD_I32, &cond))
    return false;
  label_types(f, &lt, &n);
  if (!scratch(c, n) || !pop_vals(c, lt, n, c->scratch))
    return false;
  uint32_t cs = wd_c_src_slot(c, &cond);
  if (!is_dead(c)) {
    if (branch_moves(c, f, c->scratch, n)) {
      uint32_t skip = 0;
      wd_c_emit_cond(c, &cond, cs, true);
      emit_fwd(c, &skip);
      emit_branch(c, f, c->scratch, n);
      bind(c, skip);
    } else {
      wd_c_emit_cond(c, &cond, cs, false);
      wd_c_emit_target(c, f);
    }
  }
  return push_back(c, lt, n, c->scratch);
}

#ifdef WD_DISPATCH_TAIL
// The dispatch head of an add and then the loaded br_table t (ops.def
// WD_ADDI_TABLES): its ADDI_LA_ form where la (both read the pinned local)
// and t has one, else its ADDI_ form.
// clang-format off
#define ADDI_HEAD(t) case WD_OP_##t: return WD_OP_ADDI_##t;
#define ADDI_LA_HEAD(t) case WD_OP_##t: return WD_OP_ADDI_LA_##t##_LA;
// clang-format on
static enum wd_op addi_head(enum wd_op t, bool la) {
  if (la)
    switch (t) {
      WD_ADDI_LA_TABLES(ADDI_LA_HEAD)
    default: break;
    }
  switch (t) {
    WD_ADDI_TABLES(ADDI_HEAD)
  default: return t;
  }
}
#endif

static bool do_br_table(comp_t *c) {
  uint32_t count;
  if (!wd_bin_read_len(&c->r, &count))
    return false;
  if (count >= UINT32_MAX / WD_TABLE_ENTRY / 2)
    return wd_c_oom(c); // a table beyond the code's 32-bit positions
  uint32_t *depths = wd_malloc(((size_t)count + 1) * sizeof *depths);
  if (!depths)
    return wd_c_oom(c);
  bool ok = true;
  for (uint32_t i = 0; ok && i <= count; i++)
    ok = rd_u32(c, &depths[i]);
  opnd_t idx;
  ctrl_t *fd;
  const wd_vt_t *lt;
  uint32_t arity = 0;
  if (ok)
    ok = wd_c_pop(c, WD_I32, &idx) && label(c, depths[count], &fd);
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
    // An index that is a value plus a constant: the add folded in.
    uint32_t aslot = 0, addend = 0;
    bool addi = wd_c_take_addend(c, &idx, &aslot, &addend);
    uint32_t is = addi ? aslot : wd_c_src_slot(c, &idx);
    // An index loaded by the instruction just emitted.
    uint32_t q = c->last_ins;
    enum wd_op lop = q == UINT32_MAX ? WD_OP_COUNT_ : (enum wd_op)c->code[q];
    enum wd_op lfused = lop == WD_OP_I32_LOAD       ? WD_OP_BR_TABLE_L32
                        : lop == WD_OP_I32_LOAD_SAA ? WD_OP_BR_TABLE_L32_SAA
                        : lop == WD_OP_I32_LOAD_SAI ? WD_OP_BR_TABLE_L32_SAI
                        : lop == WD_OP_I32_LOAD8_U  ? WD_OP_BR_TABLE_L8U
                                                    : WD_OP_COUNT_;
    // The load is the last instruction (the fused operation is its units,
    // then the count and the table).
    if (lfused != WD_OP_COUNT_ && q + wd_c_table_at(lfused) - 1 != c->ncode)
      lfused = WD_OP_COUNT_;
    uint32_t lunits = (uint32_t)c->ncode - q - 2; // its address and offset, after D
    if (addi) {
      wd_c_acc_note(c, WD_OP_BR_TABLE_ADDI, wd_c_k_xa[WD_OP_BR_TABLE_ADDI], 1, is, WD_I32);
      wd_c_emit_op(c, WD_OP_BR_TABLE_ADDI);
      emit(c, is);
      emit(c, addend);
    } else if (lfused != WD_OP_COUNT_ && in_cell(&idx) && c->code[q + 1] == is && is != c->pin) {
      // One instruction loads the index (into its cell, as the load did:
      // a local.tee may have put it there) and branches.
      uint32_t units[4], load_at = wd_c_last_at(c);
      memcpy(units, &c->code[q + 2], lunits * sizeof *units);
      wd_c_takeback(c);
#ifdef WD_DISPATCH_TAIL
      // After an i32.add of a constant (not into the pinned local, which
      // needs I32_ADD_IMM's own form): both in one operation, its ADDI_LA_
      // form where both read the pinned local (pc), chosen here since the
      // pinned local's rewrite changes one operand at a time. The scaled
      // index's form has none: its base would be the pinned local.
      uint32_t p = c->last_ins;
      if (p != UINT32_MAX && p + 4 == c->ncode && c->code[p] == WD_OP_I32_ADD_IMM &&
          c->code[p + 1] != c->pin) {
        c->code[p] = addi_head(lfused, c->code[p + 2] == c->pin && units[0] == c->pin);
      } else
#endif
        wd_c_emit_op(c, lfused);
      wd_c_relabel(c, load_at); // what can trap is the load
      emit(c, is);
      for (uint32_t i = 0; i < lunits; i++)
        emit(c, units[i]);
    } else {
      if (idx.kind == K_TEMP)
        wd_c_acc_note(c, WD_OP_BR_TABLE, wd_c_k_xa[WD_OP_BR_TABLE], 1, is, WD_I32);
      wd_c_emit_op(c, WD_OP_BR_TABLE);
      emit(c, is);
    }
    emit(c, count);
    uint32_t table = (uint32_t)c->ncode;
    for (uint32_t i = 0; i < (count + 1) * WD_TABLE_ENTRY; i++)
      emit(c, 0); // (the tokens when the code is tokenized: tokenize)
    // Targets that need copies jump to a stub after the table.
    for (uint32_t i = 0; i <= count && !c->oom; i++) {
      ctrl_t *f = &c->ctl[c->nctl - 1 - depths[i]];
      uint32_t pos = table + i * WD_TABLE_ENTRY;
      if (branch_moves(c, f, c->scratch, arity)) {
        uint32_t j = 0;
        while (j < i && depths[j] != depths[i])
          j++;
        if (j < i) { // the same label again: reuse its jump
          uint32_t jpos = table + j * WD_TABLE_ENTRY;
          int32_t rel = (int32_t)c->code[jpos] - (int32_t)(pos - jpos);
          c->code[pos] = (uint32_t)rel;
          continue;
        }
        c->code[pos] = (uint32_t)((int64_t)c->ncode - (int64_t)pos);
        emit_branch(c, f, c->scratch, arity);
      } else if (f->opcode == 0x03) {
        c->code[pos] = (uint32_t)(int32_t)((int64_t)f->target - (int64_t)pos);
        note_back(c, pos, f->target, false);
      } else {
        c->code[pos] = f->fixups;
        f->fixups = pos + 1;
      }
    }
    // A dispatch loop's head (compile_disp.c): the targets as control
    // entries.
    if (!arity && !c->oom) {
      for (uint32_t i = 0; i <= count; i++)
        depths[i] = (uint32_t)(c->nctl - 1 - depths[i]);
      wd_c_disp_note(c, table, count, depths);
    }
  }
  wd_free(depths);
  if (ok)
    set_unreachable(c);
  return ok;
}

// Pops a value of any reference type (or unknown: the stack is
// polymorphic).
static bool pop_ref(comp_t *c, opnd_t *o) {
  if (!wd_c_pop(c, WD_BOT, o))
    return false;
  if (o->type != WD_BOT && !wd_valtype_is_ref(o->type))
    return INVALID("type mismatch");
  return true;
}

// ref.as_non_null (0xD4), br_on_null l (0xD5), br_on_non_null l (0xD6):
// the reference on top is tested for null; as_non_null traps on it,
// br_on_null branches with the values below it, br_on_non_null branches
// with them and the reference (which the label's last type must take).
static bool do_ref_null_test(comp_t *c, uint8_t opc) {
  uint32_t depth = 0;
  ctrl_t *f = NULL;
  if (opc != 0xD4 && (!rd_u32(c, &depth) || !label(c, depth, &f)))
    return false;
  opnd_t r;
  if (!pop_ref(c, &r))
    return false;
  // The reference, known not null: (ref ht); unknown heap type if the
  // stack was polymorphic.
  wd_vt_t nn = r.type == WD_BOT ? WD_BOT : WD_VT_REF(false, wd_vt_heap(r.type));
  uint32_t rs = wd_c_src_slot(c, &r);
  if (opc == 0xD4) {
    uint32_t home;
    if (!wd_c_push_temp(c, nn, &home))
      return false;
    wd_c_emit_op(c, WD_OP_REF_AS_NON_NULL);
    wd_c_emit_dst(c, home);
    emit(c, rs);
    return true;
  }
  const wd_vt_t *lt;
  uint32_t n;
  label_types(f, &lt, &n);
  if (opc == 0xD6) {
    // The label takes the values below and the reference last.
    if (n == 0 || !type_ok(nn, lt[n - 1]))
      return INVALID("type mismatch");
    n--;
  }
  if (!scratch(c, n + 1) || !pop_vals(c, lt, n, c->scratch))
    return false;
  opnd_t *vals = c->scratch;
  if (opc == 0xD6) // the reference goes with them, from its home
    vals[n] = (opnd_t){.type = nn, .kind = K_TEMP, .home = r.home};
  if (!is_dead(c)) {
    // As br_if on the test: the values (and for br_on_non_null the
    // reference) to the label's homes on the branch.
    uint32_t nb = n + (opc == 0xD6);
    if (opc == 0xD6 && rs != r.home)
      emit_copy(c, nn, r.home, rs);
    uint32_t skip = 0;
    wd_c_emit_op(c, opc == 0xD5 ? WD_OP_BR_IF_NONNULL : WD_OP_BR_IF_NULL);
    emit(c, rs);
    emit_fwd(c, &skip);
    emit_branch(c, f, vals, nb);
    bind(c, skip);
  }
  if (!push_back(c, lt, n, vals))
    return false;
  if (opc == 0xD5) { // on: the reference, not null
    opnd_t o = r;
    o.type = nn;
    return wd_c_push_entry(c, o);
  }
  return true;
}

// br_on_cast l rt1 rt2 and br_on_cast_fail (after 0xFB 24 or 25): the
// reference (of rt1) goes to label l, as its last value, if it is (for
// _fail: if it is not) of rt2; else it stays, known to be of rt1 minus
// rt2 (of rt2).
bool wd_c_do_br_on_cast(comp_t *c, bool fail) {
  uint8_t flags;
  uint32_t depth, h1, h2;
  ctrl_t *f;
  if (!rd_u8(c, &flags))
    return false;
  if (flags > 3)
    return MALFORMED("malformed br_on_cast flags");
  if (!rd_u32(c, &depth) || !wd_bin_read_heaptype(&c->r, &h1) || !wd_bin_read_heaptype(&c->r, &h2))
    return false;
  if (!label(c, depth, &f))
    return false;
  wd_vt_t rt1 = WD_VT_REF(flags & 1, h1), rt2 = WD_VT_REF(flags & 2, h2);
  if (!wd_vt_known(rt1, c->m->ntypes) || !wd_vt_known(rt2, c->m->ntypes))
    return INVALID("unknown type");
  if (!type_ok(rt2, rt1))
    return INVALID("type mismatch");
  wd_vt_t diff = WD_VT_REF((flags & 1) && !(flags & 2), h1);
  wd_vt_t taken = fail ? diff : rt2, stays = fail ? rt2 : diff;
  opnd_t r;
  if (!wd_c_pop(c, rt1, &r))
    return false;
  uint32_t rs = wd_c_src_slot(c, &r);
  const wd_vt_t *lt;
  uint32_t n;
  label_types(f, &lt, &n);
  if (n == 0 || !type_ok(taken, lt[n - 1]))
    return INVALID("type mismatch");
  n--;
  if (!scratch(c, n + 1) || !pop_vals(c, lt, n, c->scratch))
    return false;
  opnd_t *vals = c->scratch;
  vals[n] = (opnd_t){.type = taken, .kind = K_TEMP, .home = r.home};
  if (!is_dead(c)) {
    if (rs != r.home)
      emit_copy(c, taken, r.home, rs);
    uint32_t skip = 0;
    wd_c_emit_op(c, fail ? WD_OP_BR_IF_TEST : WD_OP_BR_UNLESS_TEST);
    emit(c, rs);
    emit(c, h2);
    emit(c, (flags & 2) != 0);
    emit_fwd(c, &skip);
    emit_branch(c, f, vals, n + 1);
    bind(c, skip);
  }
  if (!push_back(c, lt, n, vals))
    return false;
  opnd_t o = r;
  o.type = stays;
  return wd_c_push_entry(c, o);
}

// Maps one-byte numeric opcodes to their row in ops.def.
typedef struct simple_op {
  uint16_t op; // enum wd_op + 1; 0 = not a simple operator
  uint8_t shape, tin, tout;
} simple_op_t;

enum { SH_UN = 1, SH_BIN = 2, SH_UNT = SH_UN, SH_BINT = SH_BIN };
static const simple_op_t k_simple[256] = {
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout)                                          \
  [wasm] = {WD_OP_##name + 1, SH_##shape, WD_##tin, WD_##tout},
#include "interp/ops.def"
};

static bool compile_instr(comp_t *c, uint8_t opc, bool *fn_end) {
  uint32_t a, b;
  opnd_t o;
  uint32_t home;
  switch (opc) {
  case 0x00: // unreachable
    wd_c_emit_op(c, WD_OP_UNREACHABLE);
    set_unreachable(c);
    return true;
  case 0x01: // nop
    return true;
  case 0x02:
  case 0x03:
  case 0x04: return do_block(c, opc);
  case 0x05: return do_else(c);
  case 0x06: return do_try(c);
  case 0x07: return NEED_FEATURE(WD_FEAT_LEGACY_EXCEPTIONS) && do_catch(c, false);
  case 0x19: return NEED_FEATURE(WD_FEAT_LEGACY_EXCEPTIONS) && do_catch(c, true);
  case 0x18: return NEED_FEATURE(WD_FEAT_LEGACY_EXCEPTIONS) && do_delegate(c, fn_end);
  case 0x09: return rd_u32(c, &a) && do_rethrow(c, a);
  case 0x08: return rd_u32(c, &a) && do_throw(c, a);
  case 0x0A: return do_throw_ref(c);
  case 0x1F: return do_try_table(c);
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
  case 0x10:   // call
  case 0x12: { // return_call
    bool tail = opc == 0x12;
    if ((tail && !NEED_FEATURE(WD_FEAT_TAIL_CALL)) || !rd_u32(c, &a))
      return false;
    if (a >= c->m->nfuncs)
      return INVALID("unknown function %u", a);
    return do_call(c, &c->m->types[c->m->func_types[a]], tail ? WD_OP_RETURN_CALL : WD_OP_CALL, a,
                   0, 0, tail);
  }
  case 0x11:   // call_indirect type table
  case 0x13: { // return_call_indirect type table
    bool tail = opc == 0x13;
    if ((tail && !NEED_FEATURE(WD_FEAT_TAIL_CALL)) || !rd_u32(c, &a) || !rd_u32(c, &b))
      return false;
    if (!wd_c_check_table(c, b))
      return false;
    if (a >= c->m->ntypes)
      return INVALID("unknown type %u", a);
    if (c->m->sub[a].comp != WD_COMP_FUNC)
      return INVALID("non-function type %u", a);
    if (!type_ok(c->m->tables[b].elem, WD_FUNCREF))
      return INVALID("type mismatch");
    return do_call(c, &c->m->types[a], tail ? WD_OP_RETURN_CALL_INDIRECT : WD_OP_CALL_INDIRECT, a,
                   b, wd_addrtype(&c->m->tables[b].lim), tail);
  }
  case 0x14:   // call_ref type
  case 0x15: { // return_call_ref type
    bool tail = opc == 0x15;
    if (!NEED_FEATURE(WD_FEAT_FUNCTION_REFERENCES) || (tail && !NEED_FEATURE(WD_FEAT_TAIL_CALL)) ||
        !rd_u32(c, &a))
      return false;
    if (a >= c->m->ntypes)
      return INVALID("unknown type %u", a);
    if (c->m->sub[a].comp != WD_COMP_FUNC)
      return INVALID("non-function type %u", a);
    return do_call(c, &c->m->types[a], tail ? WD_OP_RETURN_CALL_REF : WD_OP_CALL_REF, a, 0,
                   WD_VT_REF(true, WD_HT_IDX + a), tail);
  }
  case 0x1A: // drop
    return wd_c_pop(c, WD_BOT, &o);
  case 0x1B:
  case 0x1C: return wd_c_do_select(c, opc == 0x1C);
  case 0x20: // local.get
    if (!rd_u32(c, &a) || !check_local(c, a))
      return false;
    note_local(c, a);
    if (c->has_unset && c->lunset[a])
      return INVALID("uninitialized local %u", a);
    o = (opnd_t){.type = c->ltypes[a], .kind = K_LOCAL, .lslot = c->lslots[a]};
    return wd_c_push_entry(c, o);
  case 0x21:
  case 0x22: return rd_u32(c, &a) && do_local_set(c, a, opc == 0x22);
  case 0x23: { // global.get
    if (!rd_u32(c, &a))
      return false;
    if (a >= c->m->nglobals)
      return INVALID("unknown global %u", a);
    wd_vt_t t = c->m->global_types[a].type;
    if (!wd_c_push_temp(c, t, &home))
      return false;
    wd_c_emit_op(c, t == WD_V128 ? WD_OP_GLOBAL_GET128 : WD_OP_GLOBAL_GET);
    wd_c_emit_dst(c, home);
    emit(c, a);
    return true;
  }
  case 0x24: { // global.set
    if (!rd_u32(c, &a))
      return false;
    if (a >= c->m->nglobals)
      return INVALID("unknown global %u", a);
    if (!c->m->global_types[a].mut)
      return INVALID("immutable global");
    wd_vt_t t = c->m->global_types[a].type;
    if (!wd_c_pop(c, t, &o))
      return false;
    uint32_t os = wd_c_src_slot(c, &o);
    if (o.kind == K_TEMP && t != WD_V128) {
      enum wd_op form = t == WD_I64   ? WD_OP_GLOBAL_SET_X64
                        : t == WD_F64 ? WD_OP_GLOBAL_SET_XF
                                      : WD_OP_GLOBAL_SET_X32;
      wd_c_acc_note(c, WD_OP_GLOBAL_SET, form + 1, 2, os, t);
    }
    wd_c_emit_op(c, t == WD_V128 ? WD_OP_GLOBAL_SET128 : WD_OP_GLOBAL_SET);
    emit(c, a);
    emit(c, os);
    return true;
  }
  case 0x25: { // table.get
    if (!rd_u32(c, &a) || !wd_c_check_table(c, a) ||
        !wd_c_pop(c, wd_addrtype(&c->m->tables[a].lim), &o))
      return false;
    uint32_t os = wd_c_table_index(c, a, &o);
    if (!wd_c_push_temp(c, c->m->tables[a].elem, &home))
      return false;
    wd_c_emit_op(c, WD_OP_TABLE_GET);
    wd_c_emit_dst(c, home);
    emit(c, a);
    emit(c, os);
    return true;
  }
  case 0x26: { // table.set
    opnd_t i;
    if (!rd_u32(c, &a) || !wd_c_check_table(c, a))
      return false;
    if (!wd_c_pop(c, c->m->tables[a].elem, &o) ||
        !wd_c_pop(c, wd_addrtype(&c->m->tables[a].lim), &i))
      return false;
    uint32_t is = wd_c_table_index(c, a, &i), os = wd_c_src_slot(c, &o);
    wd_c_emit_op(c, WD_OP_TABLE_SET);
    emit(c, a);
    emit(c, is);
    emit(c, os);
    return true;
  }
  case 0x28: return wd_c_do_load(c, WD_OP_I32_LOAD, WD_I32, 2);
  case 0x29: return wd_c_do_load(c, WD_OP_I64_LOAD, WD_I64, 3);
  case 0x2A: return wd_c_do_load(c, WD_OP_I32_LOAD, WD_F32, 2);
  case 0x2B: return wd_c_do_load(c, WD_OP_I64_LOAD, WD_F64, 3);
  case 0x2C: return wd_c_do_load(c, WD_OP_I32_LOAD8_S, WD_I32, 0);
  case 0x2D: return wd_c_do_load(c, WD_OP_I32_LOAD8_U, WD_I32, 0);
  case 0x2E: return wd_c_do_load(c, WD_OP_I32_LOAD16_S, WD_I32, 1);
  case 0x2F: return wd_c_do_load(c, WD_OP_I32_LOAD16_U, WD_I32, 1);
  case 0x30: return wd_c_do_load(c, WD_OP_I64_LOAD8_S, WD_I64, 0);
  case 0x31: return wd_c_do_load(c, WD_OP_I64_LOAD8_U, WD_I64, 0);
  case 0x32: return wd_c_do_load(c, WD_OP_I64_LOAD16_S, WD_I64, 1);
  case 0x33: return wd_c_do_load(c, WD_OP_I64_LOAD16_U, WD_I64, 1);
  case 0x34: return wd_c_do_load(c, WD_OP_I64_LOAD32_S, WD_I64, 2);
  case 0x35: return wd_c_do_load(c, WD_OP_I64_LOAD32_U, WD_I64, 2);
  case 0x36: return wd_c_do_store(c, WD_OP_I32_STORE, WD_I32, 2);
  case 0x37: return wd_c_do_store(c, WD_OP_I64_STORE, WD_I64, 3);
  case 0x38: return wd_c_do_store(c, WD_OP_I32_STORE, WD_F32, 2);
  case 0x39: return wd_c_do_store(c, WD_OP_I64_STORE, WD_F64, 3);
  case 0x3A: return wd_c_do_store(c, WD_OP_I32_STORE8, WD_I32, 0);
  case 0x3B: return wd_c_do_store(c, WD_OP_I32_STORE16, WD_I32, 1);
  case 0x3C: return wd_c_do_store(c, WD_OP_I64_STORE8, WD_I64, 0);
  case 0x3D: return wd_c_do_store(c, WD_OP_I64_STORE16, WD_I64, 1);
  case 0x3E: return wd_c_do_store(c, WD_OP_I64_STORE32, WD_I64, 2);
  case 0x3F: // memory.size
  case 0x40: // memory.grow
    return wd_c_do_memsize(c, opc == 0x40);
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
    return wd_c_do_unop(c, WD_OP_I32_WRAP_I64, WD_I64, WD_I32);
  case 0xBC:
  case 0xBD:
  case 0xBE:
  case 0xBF: { // reinterpretations: same bits
    static const wd_vt_t from[4] = {WD_F32, WD_F64, WD_I32, WD_I64};
    static const wd_vt_t to[4] = {WD_I32, WD_I64, WD_F32, WD_F64};
    if (!wd_c_pop(c, from[opc - 0xBC], &o))
      return false;
    o.type = to[opc - 0xBC];
    return wd_c_push_entry(c, o);
  }
  case 0xD0: { // ref.null ht
    uint32_t ht;
    if (!wd_bin_read_heaptype(&c->r, &ht))
      return false;
    if (!wd_vt_known(WD_VT_REF(true, ht), c->m->ntypes))
      return INVALID("unknown type %u", ht - WD_HT_IDX);
    return push_const(c, WD_VT_REF(true, ht), 0);
  }
  case 0xD4: // ref.as_non_null
  case 0xD5: // br_on_null l
  case 0xD6: // br_on_non_null l
    return NEED_FEATURE(WD_FEAT_FUNCTION_REFERENCES) && do_ref_null_test(c, opc);
  case 0xD1: { // ref.is_null
    if (!pop_ref(c, &o))
      return false;
    uint32_t os = wd_c_src_slot(c, &o);
    if (!wd_c_push_temp(c, WD_I32, &home))
      return false;
    wd_c_emit_op(c, WD_OP_REF_IS_NULL);
    wd_c_emit_dst(c, home);
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
    if (!wd_c_push_temp(c, wd_func_ref_type(c->m, a), &home))
      return false;
    wd_c_emit_op(c, WD_OP_REF_FUNC);
    wd_c_emit_dst(c, home);
    emit(c, a);
    return true;
  case 0xD3: { // ref.eq
    opnd_t x, y;
    if (!NEED_FEATURE(WD_FEAT_GC) || !wd_c_pop(c, WD_VT_REF(true, WD_HT_EQ), &y) ||
        !wd_c_pop(c, WD_VT_REF(true, WD_HT_EQ), &x))
      return false;
    uint32_t xs = wd_c_src_slot(c, &x), ys = wd_c_src_slot(c, &y);
    if (!wd_c_push_temp(c, WD_I32, &home))
      return false;
    wd_c_emit_op(c, WD_OP_REF_EQ);
    wd_c_emit_dst(c, home);
    emit(c, xs);
    emit(c, ys);
    return true;
  }
  case 0xFB: return wd_c_do_gc(c);
  case 0xFC: return wd_c_do_misc(c);
  case 0xFD: return NEED_FEATURE(WD_FEAT_SIMD) && wd_c_do_simd(c);
  default: break;
  }
  const simple_op_t *s = &k_simple[opc];
  if (s->op == 0)
    return MALFORMED("illegal opcode");
  enum wd_op op = (enum wd_op)(s->op - 1);
  return s->shape == SH_UN ? wd_c_do_unop(c, op, s->tin, s->tout)
                           : wd_c_do_binop(c, op, s->tin, s->tout);
}

// Upper bound on the cells of one frame's locals; far above real programs.
#define WD_MAX_LOCAL_CELLS (1u << 20)

static bool setup_locals(comp_t *c, const wd_funcbody_t *body) {
  uint64_t n = (uint64_t)c->ft->nparams + body->nlocals;
  if (n > WD_MAX_LOCAL_CELLS)
    return wd_c_fail(c, WD_ERR_RESOURCE, "too many locals");
  if (n > c->lcap) {
    wd_free(c->ltypes);
    wd_free(c->lslots);
    wd_free(c->lweight);
    wd_free(c->lunset);
    c->lunset = wd_malloc((size_t)n);
    c->ltypes = wd_malloc((size_t)n * sizeof *c->ltypes);
    c->lslots = wd_malloc((size_t)n * sizeof *c->lslots);
    c->lweight = wd_malloc((size_t)n * sizeof *c->lweight);
    c->lcap = (size_t)n;
    if (!c->ltypes || !c->lslots || !c->lweight || !c->lunset) {
      c->lcap = 0;
      return wd_c_oom(c);
    }
  }
  uint32_t k = 0, cell = 0;
  const wd_vt_t *pt = wd_functype_params(c->ft);
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
    return wd_c_fail(c, WD_ERR_RESOURCE, "too many locals");
  c->nlocals = k;
  c->has_unset = false;
  c->ninitlog = 0;
  for (uint32_t i = 0; i < k; i++) {
    // Declared locals of non-nullable reference types must be set first.
    c->lunset[i] =
        i >= c->ft->nparams && wd_valtype_is_ref(c->ltypes[i]) && !wd_vt_nullable(c->ltypes[i]);
    c->has_unset |= c->lunset[i];
  }
  if (k)
    memset(c->lweight, 0, k * sizeof *c->lweight);
  c->local_cells = cell;
  return true;
}

// Validates (c->dry) or translates one body into c->code, for the pinned
// local c->pin.
static bool translate_once(comp_t *c, uint32_t bodyidx) {
  const wd_module_t *m = c->m;
  wd_funcbody_t *body = &m->bodies[bodyidx];
  c->funcidx = m->nimported_funcs + bodyidx;
  c->ft = &m->types[m->func_types[c->funcidx]];
  wd_bin_reader_init(&c->r, m->bytes, body->code_off, (size_t)body->off + body->len, c->diag);
  c->r.features = m->features;
  c->nstk = c->nctl = c->ncode = 0;
  c->naccs = c->nstarts = c->nbacks = 0;
  c->ntries = c->ncatches = 0;
  wd_c_disp_reset(c);
  c->nslots = 0;
  for (vtchunk_t *k = c->vts; k; k = k->next)
    k->used = 0;
  c->cells = c->max_cells = c->nlocalrefs = 0;
  wd_c_barrier(c);
  if (!setup_locals(c, body))
    return false;
  // The cells keeping caught exceptions for rethrow, right after the
  // locals: below every temporary, so that no callee's frame (which starts
  // at its arguments' homes) overlaps them.
  c->exn_base = c->local_cells;
  c->local_cells += c->exn_reserve;
  if (!push_ctrl(c, 0, NULL, 0, wd_functype_results(c->ft), c->ft->nresults))
    return false;
  c->at = body->code_off; // the entry's check: the first instruction
  c->fuel_at = 0;
  if (m->meter & WD_METER_FUEL)
    meter_run(c, true);
  bool fn_end = false;
  while (!fn_end) {
    uint8_t opc;
    c->at = (uint32_t)wd_bin_offset(&c->r);
    if (!rd_u8(c, &opc))
      return false;
    if (c->fuel_at && !is_dead(c) && meter_counts(opc))
      c->fuel_n++;
    if (m->meter == WD_METER_INTR && (opc == 0x12 || opc == 0x13 || opc == 0x15))
      meter_run(c, true); // CHECK_INTR before a tail call
    if (!compile_instr(c, opc, &fn_end))
      return false;
    if (c->oom)
      return false;
  }
  meter_close(c);
  if (!wd_bin_at_end(&c->r))
    return MALFORMED("section size mismatch");
  wd_c_acc_flush(c);
  return !c->oom;
}

// Translates one body; a body whose legacy catch arms keep exceptions for
// rethrow (found in a first pass) is translated again with their cells
// reserved after the locals.
static bool translate(comp_t *c, uint32_t bodyidx) {
  c->exn_reserve = 0;
  if (!translate_once(c, bodyidx))
    return false;
  if (c->nslots == 0)
    return true;
  c->exn_reserve = c->nslots;
  return translate_once(c, bodyidx);
}

// Gives code the handler table of the translation: the tries, and their
// catch clauses grouped by try in clause order (a legacy try's arms come
// after the clauses of the tries in its body). False if out of memory.
static bool copy_handlers(comp_t *c, wd_code_t *code) {
  code->ntries = (uint32_t)c->ntries;
  code->ncatches = (uint32_t)c->ncatches;
  code->tries = NULL;
  code->catches = NULL;
  if (!c->ntries)
    return true;
  code->tries = wd_malloc(c->ntries * sizeof *code->tries);
  code->catches = wd_malloc((c->ncatches ? c->ncatches : 1) * sizeof *code->catches);
  if (!code->tries || !code->catches) {
    wd_free(code->tries);
    wd_free(code->catches);
    code->tries = NULL;
    code->catches = NULL;
    return false;
  }
  memcpy(code->tries, c->tries, c->ntries * sizeof *code->tries);
  for (size_t t = 0; t < c->ntries; t++)
    code->tries[t].n = 0;
  for (size_t k = 0; k < c->ncatches; k++)
    code->tries[c->catches[k].owner].n++;
  uint32_t at = 0;
  for (size_t t = 0; t < c->ntries; t++) {
    code->tries[t].first = at;
    at += code->tries[t].n;
    code->tries[t].n = 0;
  }
  for (size_t k = 0; k < c->ncatches; k++) {
    wd_try_t *t = &code->tries[c->catches[k].owner];
    code->catches[t->first + t->n++] = c->catches[k];
  }
  return true;
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
    wd_c_pin_choose(c, cand);
    plain = true;
  }
  uint32_t pin = UINT32_MAX;
  for (int k = 0; k < 2 && !c->dry && cand[k] != UINT32_MAX; k++) {
    c->pin = cand[k];
    plain = false;
    if (!translate(c, bodyidx))
      return false;
    if (wd_c_pin_rewrite(c)) {
      pin = cand[k];
      break;
    }
  }
  c->pin = UINT32_MAX;
  if (pin == UINT32_MAX && !plain && !translate(c, bodyidx))
    return false;
  wd_code_t *code = into ? into : wd_calloc(1, sizeof *code);
  if (!code)
    return wd_c_oom(c);
  if (c->dry) {
    code->ops = lazy_ops();
    code->nops = 0;
    code->entry_tok = code->ops[0];
  } else {
    // The units, then the offset table, in one block.
    starts_trim(c);
    uint32_t *ops = NULL;
    if (meter_latches(c) && wd_offsets_encode(&c->offs, c->starts, c->at_of, c->nstarts, body->off))
      ops = wd_malloc(c->ncode * sizeof *code->ops + wd_offsets_size(&c->offs));
    if (!ops) {
      if (!into)
        wd_free(code);
      return wd_c_oom(c);
    }
    memcpy(ops, c->code, c->ncode * sizeof *code->ops);
    tokenize(c, ops);
#ifdef WD_OPSTATS
    wd_opstats_code(ops, c->starts, (uint32_t)c->nstarts, (uint32_t)c->ncode, c->funcidx, pin);
#endif
    code->ops = ops;
    code->nops = (uint32_t)c->ncode;
    code->entry_tok = ops[0];
    wd_code_put_offsets(code, ops + c->ncode, &c->offs);
  }
  if (!c->dry && !copy_handlers(c, code)) {
    if (!into)
      wd_code_free(code);
    return wd_c_oom(c);
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
  code->exn_base = c->exn_base;
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
  wd_free(c->lunset);
  wd_free(c->initlog);
  wd_free(c->starts);
  wd_free(c->at_of);
  wd_offsets_free(&c->offs);
  wd_free(c->stk);
  wd_free(c->scratch);
  wd_free(c->scratch2);
  wd_free(c->ctl);
  wd_free(c->code);
  wd_free(c->accs);
  wd_free(c->backs);
  wd_free(c->tries);
  wd_free(c->catches);
  wd_free(c->cnext);
  wd_c_disp_free(c);
  for (vtchunk_t *k = c->vts, *n; k; k = n) {
    n = k->next;
    wd_free(k);
  }
}

bool wd_code_is_lazy(const wd_code_t *code) { return code->ops == lazy_ops(); }

const wd_code_t *wd_code_current(const wd_code_t *code) {
  if (!wd_code_is_lazy(code))
    return code;
  const wd_code_t *t = atomic_load_explicit(&code->translation, memory_order_acquire);
  return t ? t : code;
}

const wd_code_t *wd_compile_lazy(const wd_module_t *m, const wd_code_t *code) {
  const wd_code_t *done = wd_code_current(code);
  if (done != code || !wd_code_is_lazy(code))
    return done;
  // A code object of this thread's own: the lazy one is shared, and other
  // threads may read it (its frame size, when they call the function) or
  // translate it too at this moment.
  wd_code_t *mine = wd_calloc(1, sizeof *mine);
  if (!mine)
    return NULL;
  mine->pin_cand[0] = code->pin_cand[0];
  mine->pin_cand[1] = code->pin_cand[1];
  comp_t c;
  wd_diag_t diag;
  memset(&c, 0, sizeof c);
  wd_diag_clear(&diag);
  c.m = m;
  c.diag = &diag;
  // Validated when the module was created: only running out of memory can
  // fail here.
  bool ok = compile_func(&c, code->func - m->nimported_funcs, mine);
  comp_free(&c);
  if (!ok || !mine->ops) {
    wd_code_free(mine);
    return NULL;
  }
  // Published with release order (its fields are written before), read
  // with acquire (wd_code_current). The loser of a race frees its own.
  const wd_code_t *expected = NULL;
  wd_code_t *lazy = (wd_code_t *)(uintptr_t)code; // only its atomic field
  if (atomic_compare_exchange_strong_explicit(&lazy->translation, &expected, mine,
                                              memory_order_acq_rel, memory_order_acquire))
    return mine;
  wd_code_free(mine);
  return expected;
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
  if (wd_code_is_lazy(code)) {
    const wd_code_t *t = atomic_load_explicit(&code->translation, memory_order_acquire);
    wd_code_free((wd_code_t *)(uintptr_t)t);
  } else {
    wd_free((void *)(uintptr_t)code->ops);
  }
  wd_free(code->tries);
  wd_free(code->catches);
  wd_free(code);
}
