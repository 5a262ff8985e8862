// SPDX-License-Identifier: Apache-2.0
// Dispatch loops: the head of a loop that ends in a br_table, copied to
// every `br` back to that loop.
//
// An interpreter compiled to wasm runs a loop like
//
//   loop $next
//     (local.set $pc (i32.add (local.get $pc) (i32.const 4)))
//     block ... block                      ;; one per case
//       (br_table ... (i32.load (local.get $pc)))
//     end  ... case 0 ...  br $next
//     end  ... case 1 ...  br $next
//     ...
//
// Translated as it stands, every case ends in a `br` to the head, which
// runs the same few operations and the br_table's one indirect jump for
// every case: a dispatch that costs the `br`'s own, and a jump whose target
// the processor can predict only from the one place it is at. Here each
// `br $next` becomes a copy of the head's operations and of the br_table
// itself, so that the jump to the next case is made at the end of each case
// (the guest's own threaded code, where its C source could not write one),
// and the `br` is gone.
//
// The head qualifies when, at its br_table, nothing but plain blocks lies
// between the loop and the br_table, the operations from the loop's start
// to the br_table neither call, return nor throw, and jump only out of the
// loop (they are copied as they stand, but for a branch's jump unit, made
// anew for each copy: `while (pc < end) switch (*pc++)`), the loop takes
// no values and no target carries any. The copies are made from the code
// before the pinned-local pass, which then rewrites them with the rest, and
// each copied operation keeps the module offset of the one it copies, so
// that a trap in it names the wasm instruction that trapped.
//
// The table's targets are the blocks around the br_table (or labels around
// the loop). At a `br` in a case, the blocks of the cases before it are
// closed: their ends are recorded as they close, and the copy jumps back to
// them; the rest are still open, and the copy's entries join their chains
// of forward jumps, as the original's did.
#include "interp/compile_int.h"

#include <string.h>

// A conditional branch in a head (disp_t.brs): the operation (index in
// c->starts) and its target, an entry around the loop (index in c->ctl).
typedef struct disp_br {
  uint32_t k, entry;
} disp_br_t;

// A loop whose head ends in a br_table (comp_t.disps).
typedef struct disp {
  uint32_t loop;    // the loop's control entry (index in c->ctl)
  uint32_t nblocks; // blocks between the loop and the br_table
  uint32_t open;    // those still open: entries loop + 1 .. loop + open
  uint32_t si0;     // the head's first operation (index in c->starts)
  uint32_t si1;     // the br_table's
  uint32_t table;   // code position of its first entry
  uint32_t count;   // entries - 1
  uint32_t units;   // the units of one copy
  uint32_t *tgt;    // each entry's control entry
  uint32_t *ends;   // each block's end once closed (index: entry - loop - 1)
  uint32_t *stubs;  // and its check (BR_INTR) once made: position + 1
  disp_br_t brs[4]; // the head's branches out of the loop
  uint32_t nbrs;
} disp_t;

// The most units all copies in one function may add, and the longest head
// copied (operations before the br_table).
enum { DISP_BUDGET = 1u << 16, DISP_MAX_HEAD = 16, DISP_MAX_ENTRIES = 4096 };

// Operations that may be copied: all but jumps, calls, returns and throws
// (an exception thrown in a copy would look for its handler at the copy's
// position, in other tries than the head's).
static const bool k_copyable[WD_OP_COUNT_] = {
#include "interp/ops_none.h"
#undef WD_OP_SIMPLE
#undef WD_OP_SIMPLE_FC
#undef WD_OP_BINIMM
#undef WD_OP_MULACC
#undef WD_OP_MULACC_IMM
#undef WD_OP_FBINIMM
#undef WD_OP_FBINIMM_R
#undef WD_OP_LOAD
#undef WD_OP_LOAD_F64
#undef WD_OP_STORE
#undef WD_OP_FLOADOP
#undef WD_OP_SHIFTOP
#undef WD_OP_SELECT_CMP
#define WD_OP_ANY(name) [WD_OP_##name] = true,
#include "interp/ops.def"
#define C(name) [WD_OP_##name] = true,
    C(COPY) C(COPY128) C(COPY2) C(COPY3) C(COPY4) C(CONST32) C(CONST64) C(SELECT) C(SELECT_XC)
        C(SELECT128) C(GLOBAL_GET) C(GLOBAL_SET) C(GLOBAL_SET_X32) C(GLOBAL_SET_X64)
            C(GLOBAL_SET_XF) C(GLOBAL_GET128) C(GLOBAL_SET128) C(I32_WRAP_I64) C(I32_SHL_KA)
                C(I32_SHL_KA_XB) C(I32_SHL_KA_XD) C(ADD_IMM2) C(I32_STORE_ADDI) C(I64_STORE_ADDI)
                    C(I32_LOAD_ADDI) C(I32_ADD3) C(I32_ADD3_XA) C(I32_ADD3_XB) C(I32_ADD3_XC)
                        C(I32_ADD3_XD) C(I32_ADD3_XAD) C(I32_ADD3_XBD) C(I32_ADD3_XCD)
                            C(I64_STORE_XF) C(I32_EXTRACT) C(I32_EXTRACT_XA) C(I32_EXTRACT_XD)
                                C(I32_EXTRACT_XAD) C(CHECK_FUEL) C(CHECK_INTR) C(CHECK_FUEL_INTR)
                                    C(FUEL)
#undef C
};

// Branches whose jump is their last unit: they may be copied when they
// leave the loop (the unit is then made anew for each copy).
static const bool k_branch[WD_OP_COUNT_] = {
#include "interp/ops_none.h"
#undef WD_OP_CMPBR
#undef WD_OP_CMPBR_IMM
#undef WD_OP_ADDBR_IMM
#undef WD_OP_ADDBR
#define WD_OP_ANY(name) [WD_OP_##name] = true,
#include "interp/ops.def"
#define C(name) [WD_OP_##name] = true,
    C(BR) C(BR_IF) C(BR_UNLESS) C(BR_IF_XA) C(BR_UNLESS_XA) C(BR_IF_NULL) C(BR_IF_NONNULL)
        C(BR_UNLESS_TEST) C(BR_IF_TEST)
// The branches on zero of a latch or kept flag test, with their pinned forms.
#define ZBR(n) C(n) C(n##_LA) C(n##_LD) C(n##_LAD)
            ZBR(ADDBR_NZ) ZBR(ADDBR_Z) ZBR(ANDBR_NZ) ZBR(ANDBR_Z)
#undef ZBR
#undef C
};

// The entry around loop l that the jump unit at j goes to: a loop whose
// head it jumps back to (a negative offset), or a block whose chain of
// forward jumps holds it (a chain link: position + 1 or 0); UINT32_MAX if
// none (a block inside the loop, the function's label: a return).
static uint32_t target_entry(const comp_t *c, size_t l, uint32_t j) {
  int32_t v = (int32_t)c->code[j];
  for (size_t e = l; e-- > 0;) {
    const ctrl_t *f = &c->ctl[e];
    if (v < 0) {
      if (f->opcode == 0x03 && (int64_t)j + v == f->target)
        return (uint32_t)e;
    } else if (f->opcode != 0x03 && f->opcode != 0) {
      for (uint32_t link = f->fixups; link; link = c->code[link - 1])
        if (link - 1 == j)
          return (uint32_t)e;
    }
  }
  return UINT32_MAX;
}

// An ADDI_ head's table: after the add's three units, where its br_table's is.
// clang-format off
#define ADDI_AT(t) case WD_OP_ADDI_##t: return 3 + wd_c_table_at(WD_OP_##t);
#define ADDI_LA_AT(t) case WD_OP_ADDI_LA_##t##_LA: return 3 + wd_c_table_at(WD_OP_##t##_LA);
// clang-format on

// The unit where a br_table form's table begins (entries to the end of the
// operation), or 0 if op is not a br_table.
uint32_t wd_c_table_at(uint32_t op) {
  switch (op) {
  case WD_OP_BR_TABLE:
  case WD_OP_BR_TABLE_XA: return 3;
  case WD_OP_BR_TABLE_ADDI:
  case WD_OP_BR_TABLE_ADDI_XA: return 4;
  case WD_OP_BR_TABLE_L32:
  case WD_OP_BR_TABLE_L8U:
  case WD_OP_BR_TABLE_L32_LA:
  case WD_OP_BR_TABLE_L8U_LA: return 5;
  case WD_OP_BR_TABLE_L32_SAA:
  case WD_OP_BR_TABLE_L32_SAI:
  case WD_OP_BR_TABLE_L32_SAA_LA:
  case WD_OP_BR_TABLE_L32_SAI_LA: return 7;
#ifdef WD_DISPATCH_TAIL
    WD_ADDI_TABLES(ADDI_AT)
    WD_ADDI_LA_TABLES(ADDI_LA_AT)
#endif
  default: return 0;
  }
}

static void disp_drop(disp_t *d) {
  wd_free(d->tgt);
  wd_free(d->ends);
  wd_free(d->stubs);
}

void wd_c_disp_reset(comp_t *c) {
  for (size_t i = 0; i < c->ndisps; i++)
    disp_drop(&c->disps[i]);
  c->ndisps = 0;
  c->disp_units = 0;
}

void wd_c_disp_free(comp_t *c) {
  wd_c_disp_reset(c);
  wd_free(c->disps);
  c->disps = NULL;
  c->capdisps = 0;
}

void wd_c_disp_note(comp_t *c, uint32_t table, uint32_t count, const uint32_t *ctl_of) {
  if (c->oom || count + 1 > DISP_MAX_ENTRIES)
    return;
  // The loop: the first entry below the br_table that is not a plain block.
  size_t l = c->nctl - 1;
  while (l > 0 && c->ctl[l].opcode == 0x02 && c->ctl[l].try_idx == WD_TRY_NONE)
    l--;
  const ctrl_t *lf = &c->ctl[l];
  if (lf->opcode != 0x03 || lf->nparams || l == c->nctl - 1)
    return;
  for (uint32_t i = 0; i <= count; i++)
    if (c->ctl[ctl_of[i]].opcode == 0)
      return; // the function's label: a return, not a jump
  // The head: every operation from the loop's start to the br_table.
  starts_trim(c);
  if (!c->nstarts)
    return;
  uint32_t si1 = (uint32_t)c->nstarts - 1, si0 = si1;
  if (!wd_c_table_at(c->code[c->starts[si1]]))
    return;
  while (si0 > 0 && c->starts[si0 - 1] >= lf->target)
    si0--;
  if (c->starts[si0] != lf->target)
    return;
  if (si1 - si0 > DISP_MAX_HEAD)
    return;
  disp_br_t brs[4];
  uint32_t nbrs = 0;
  for (uint32_t k = si0; k < si1; k++) {
    uint32_t op = c->code[c->starts[k]];
    if (k_copyable[op])
      continue;
    if (!k_branch[op] || nbrs == 4)
      return;
    uint32_t e = target_entry(c, l, c->starts[k + 1] - 1);
    if (e == UINT32_MAX)
      return;
    brs[nbrs++] = (disp_br_t){k, e};
  }
  disp_t d = {
      .loop = (uint32_t)l,
      .nblocks = (uint32_t)(c->nctl - 1 - l),
      .si0 = si0,
      .si1 = si1,
      .table = table,
      .count = count,
      .units = (uint32_t)(c->ncode - lf->target),
  };
  d.open = d.nblocks;
  memcpy(d.brs, brs, sizeof brs);
  d.nbrs = nbrs;
  d.tgt = wd_malloc(((size_t)count + 1) * sizeof *d.tgt);
  d.ends = wd_calloc(d.nblocks, sizeof *d.ends);
  d.stubs = wd_calloc(d.nblocks, sizeof *d.stubs);
  if (!d.tgt || !d.ends || !d.stubs ||
      wd_grow((void **)&c->disps, &c->capdisps, c->ndisps + 1, sizeof *c->disps)) {
    disp_drop(&d);
    return; // (only a loss of speed)
  }
  memcpy(d.tgt, ctl_of, ((size_t)count + 1) * sizeof *d.tgt);
  c->disps[c->ndisps++] = d;
}

void wd_c_disp_end(comp_t *c, uint32_t entry) {
  for (size_t i = c->ndisps; i-- > 0;) {
    disp_t *d = &c->disps[i];
    if (d->loop == entry) {
      disp_drop(d);
      c->disps[i] = c->disps[--c->ndisps];
    } else if (d->open && entry == d->loop + d->open) {
      d->ends[--d->open] = (uint32_t)c->ncode;
    }
  }
}

// Whether target entry t of d is one of its blocks closed by now.
static bool closed(const disp_t *d, uint32_t t) { return t > d->loop + d->open; }

bool wd_c_disp_branch(comp_t *c, uint32_t entry) {
  disp_t *d = NULL;
  for (size_t i = 0; i < c->ndisps && !d; i++)
    if (c->disps[i].loop == entry)
      d = &c->disps[i];
  if (!d || is_dead(c) || c->disp_units + d->units > DISP_BUDGET)
    return false;
  c->disp_units += d->units;
  wd_c_barrier(c);
  // The head's operations and the br_table's units up to its table: each
  // operation as an instruction of its own, with its original's offset; a
  // branch out of the loop with its jump made anew.
  bool intr = c->m->meter == WD_METER_INTR;
  uint32_t b = 0;
  for (uint32_t k = d->si0; k <= d->si1 && !c->oom; k++) {
    uint32_t s = c->starts[k];
    if (intr && k == d->si0 && c->code[s] == WD_OP_CHECK_INTR)
      continue; // (below)
    uint32_t e = k < d->si1 ? c->starts[k + 1] : d->table;
    uint32_t at = c->at_of[k];
    bool br = b < d->nbrs && d->brs[b].k == k;
    wd_c_emit_op(c, (enum wd_op)c->code[s]);
    if (c->nstarts)
      c->at_of[c->nstarts - 1] = at;
    for (uint32_t u = s + 1; u < e - br; u++)
      emit(c, c->code[u]);
    if (br)
      wd_c_emit_target(c, &c->ctl[d->brs[b++].entry]);
  }
  // The table: back to a closed block's end or a loop's head, forward to
  // an open block's end.
  uint32_t table = (uint32_t)c->ncode;
  for (uint32_t i = 0; i <= d->count && !c->oom; i++) {
    uint32_t t = d->tgt[i];
    if (closed(d, t))
      wd_c_emit_back(c, d->ends[t - d->loop - 1]);
    else
      wd_c_emit_target(c, &c->ctl[t]);
    emit(c, 0); // (its token: compile.c, tokenize)
  }
  // With interruption alone, the copy has no check of its own, which would
  // cost every case a dispatch. Every cycle of jumps has a jump back, and
  // each of those must check (a loop's head, a latch's twin, these), so
  // that a guest still stops within its loop. Where the br_table has a
  // twin (the tail-call build), it is the twin (compile.c, meter_latches),
  // which checks when it jumps back. Otherwise its jumps back (to the ends
  // of closed blocks) go through a BR_INTR made once for each such end,
  // which checks and jumps.
  if (intr && wd_c_twin(c->code[c->starts[d->si1]]))
    intr = false;
  for (uint32_t i = 0; intr && i <= d->count && !c->oom; i++) {
    uint32_t t = d->tgt[i];
    if (!closed(d, t))
      continue;
    uint32_t *st = &d->stubs[t - d->loop - 1];
    if (!*st) {
      uint32_t at = (uint32_t)c->ncode;
      wd_c_emit_br(c, WD_OP_BR_INTR);
      wd_c_emit_back(c, d->ends[t - d->loop - 1]);
      if (c->oom)
        break;
      *st = at + 1;
    }
    uint32_t pos = table + i * WD_TABLE_ENTRY;
    c->code[pos] = (uint32_t)(int32_t)((int64_t)(*st - 1) - (int64_t)pos);
  }
  return !c->oom;
}
