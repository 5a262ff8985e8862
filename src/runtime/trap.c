// SPDX-License-Identifier: Apache-2.0
// Traps: one code enum, one message table, and the wasm backtrace.
#include <stdio.h>
#include <string.h>

#include "interp/code.h"
#include "runtime/gc.h"
#include "runtime/rt.h"
#include "util/alloc.h"

const char *wd_trap_text(ward_trapcode_t code) {
  switch (code) {
  case WARD_TRAP_UNREACHABLE: return "unreachable";
  case WARD_TRAP_INT_DIV_ZERO: return "integer divide by zero";
  case WARD_TRAP_INT_OVERFLOW: return "integer overflow";
  case WARD_TRAP_BAD_CONVERSION: return "invalid conversion to integer";
  case WARD_TRAP_MEMORY_OOB: return "out of bounds memory access";
  case WARD_TRAP_TABLE_OOB: return "out of bounds table access";
  case WARD_TRAP_UNDEFINED_ELEMENT: return "undefined element";
  case WARD_TRAP_UNINITIALIZED_ELEMENT: return "uninitialized element";
  case WARD_TRAP_INDIRECT_MISMATCH: return "indirect call type mismatch";
  case WARD_TRAP_NULL_REFERENCE: return "null reference";
  case WARD_TRAP_STACK_EXHAUSTED: return "call stack exhausted";
  case WARD_TRAP_HOST: return "host trap";
  case WARD_TRAP_EXIT: return "exit";
  case WARD_TRAP_OUT_OF_MEMORY: return "out of memory translating a function";
  case WARD_TRAP_EXCEPTION: return "uncaught exception";
  case WARD_TRAP_NULL_EXCEPTION: return "null exception reference";
  case WARD_TRAP_NULL_FUNCTION: return "null function reference";
  case WARD_TRAP_NULL_STRUCT: return "null structure reference";
  case WARD_TRAP_NULL_ARRAY: return "null array reference";
  case WARD_TRAP_NULL_I31: return "null i31 reference";
  case WARD_TRAP_ARRAY_OOB: return "out of bounds array access";
  case WARD_TRAP_CAST_FAILURE: return "cast failure";
  case WARD_TRAP_OUT_OF_FUEL: return "all fuel consumed";
  case WARD_TRAP_INTERRUPT: return "interrupt";
  }
  return "trap";
}

static ward_trap_t *trap_alloc(ward_trapcode_t code, const char *msg) {
  ward_trap_t *t = wd_calloc(1, sizeof *t);
  if (!t)
    return NULL;
  t->code = code;
  t->msg = wd_strndup(msg, strlen(msg));
  if (!t->msg) {
    wd_free(t);
    return NULL;
  }
  return t;
}

// A trap when memory is too short to make one: static and never freed.
static ward_trap_t g_oom_trap = {.code = WARD_TRAP_HOST, .msg = (char *)"out of memory"};

// Gives trap t exception e, which it keeps alive (on the store's list of
// such traps, a root of the collector) until it is deleted or gives it up.
static void hold_exn(ward_trap_t *t, ward_store_t *s, ward_exn_t *e) {
  t->exn = e;
  t->store = s;
  t->gc_prev = NULL;
  t->gc_next = s->gc.traps;
  if (s->gc.traps)
    s->gc.traps->gc_prev = t;
  s->gc.traps = t;
}

static void release_exn(ward_trap_t *t) {
  if (!t->exn || !t->store)
    return;
  if (t->gc_prev)
    t->gc_prev->gc_next = t->gc_next;
  else
    t->store->gc.traps = t->gc_next;
  if (t->gc_next)
    t->gc_next->gc_prev = t->gc_prev;
  t->gc_prev = t->gc_next = NULL;
  t->exn = NULL;
}

// The frame of wasm function f, at the operation holding unit `at` of its
// code (NULL: not known).
static void frame_of(ward_func_t *f, const uint32_t *at, ward_frame_t *out) {
  const wd_module_t *m = f->inst->m;
  out->func_index = f->index;
  out->func_name = wd_module_func_name(m, f->index);
  out->module_name = m->module_name;
  out->module_offset = SIZE_MAX;
  out->instance = f->inst;
  uint32_t body = f->index - m->nimported_funcs;
  out->func_start = body < m->nbodies ? m->bodies[body].off : SIZE_MAX;
  const wd_code_t *code = f->code;
  uintptr_t a = (uintptr_t)at, ops = code ? (uintptr_t)code->ops : 0;
  if (out->func_start == SIZE_MAX || !at || !code || a < ops ||
      (a - ops) / sizeof *code->ops >= code->nops)
    return;
  uint32_t rel = wd_code_offset(code, (uint32_t)((a - ops) / sizeof *code->ops));
  if (rel != UINT32_MAX)
    out->module_offset = out->func_start + rel;
}

// The forwarders a call skipped (interp/compile.c, do_call): where the
// caller's frame `caller` is at a call of a forwarder and its callee is
// another function (the end of the chain, or one that the end called with
// return_call), the chain as the translator skipped it (wd_module_skip);
// 0 if none.
static uint32_t skipped(const ward_frame_t *caller, const ward_func_t *callee,
                        uint32_t chain[WD_FORWARD_MAX], uint32_t calls[WD_FORWARD_MAX]) {
  const wd_module_t *m = caller->instance->m;
  uint32_t f, n;
  if (!wd_module_call_at(m, caller->module_offset, &f) ||
      (callee && callee->inst == caller->instance && callee->index == f))
    return 0;
  wd_module_skip(m, f, chain, calls, &n);
  return n;
}

// The backtrace's frames from the store's frame records, innermost first,
// into out (NULL: only counted); returns how many.
static size_t trace(ward_store_t *s, ward_func_t *cur, const uint32_t *at, ward_frame_t *out) {
  size_t k = 0;
  if (cur && cur->inst) {
    if (out)
      frame_of(cur, at, &out[k]);
    k++;
  }
  ward_func_t *callee = cur;
  for (uint32_t i = s->depth; i-- > 0;) {
    const wd_frame_t *fr = &s->frames[i];
    if (fr->func && fr->func->inst) {
      ward_frame_t caller;
      frame_of(fr->func, fr->ip ? fr->ip - 1 : NULL, &caller);
      uint32_t chain[WD_FORWARD_MAX], calls[WD_FORWARD_MAX];
      for (uint32_t j = skipped(&caller, callee, chain, calls); j-- > 0; k++) {
        if (out) {
          frame_of(fr->func->inst->funcs[chain[j]], NULL, &out[k]);
          out[k].module_offset = calls[j];
        }
      }
      if (out)
        out[k] = caller;
      k++;
    }
    callee = fr->func;
  }
  return k;
}

void wd_trap_add_backtrace(ward_trap_t *t, ward_store_t *s, ward_func_t *cur, const uint32_t *at) {
  if (!t || t == &g_oom_trap || t->nframes)
    return;
  size_t n = trace(s, cur, at, NULL);
  if (n == 0)
    return;
  t->frames = wd_calloc(n, sizeof *t->frames);
  if (!t->frames)
    return;
  t->nframes = trace(s, cur, at, t->frames);
}

ward_trap_t *wd_trap_make(ward_store_t *s, ward_trapcode_t code, const char *msg, ward_func_t *cur,
                          const uint32_t *at) {
  ward_trap_t *t = trap_alloc(code, msg ? msg : wd_trap_text(code));
  if (!t)
    return &g_oom_trap;
  wd_trap_add_backtrace(t, s, cur, at);
  return t;
}

ward_trap_t *ward_trap_new(const char *message) {
  ward_trap_t *t = trap_alloc(WARD_TRAP_HOST, message ? message : "host trap");
  return t ? t : &g_oom_trap;
}

ward_trap_t *ward_trap_new_exit(int status) {
  char buf[64];
  snprintf(buf, sizeof buf, "exit with status %d", status);
  ward_trap_t *t = trap_alloc(WARD_TRAP_EXIT, buf);
  if (!t)
    return &g_oom_trap;
  t->exit_status = status;
  return t;
}

void ward_trap_delete(ward_trap_t *t) {
  if (!t || t == &g_oom_trap)
    return;
  release_exn(t);
  wd_free(t->msg);
  wd_free(t->frames);
  wd_free(t);
}

ward_trapcode_t ward_trap_code(const ward_trap_t *t) { return t->code; }
const char *ward_trap_message(const ward_trap_t *t) { return t->msg; }

bool ward_trap_exit_status(const ward_trap_t *t, int *status) {
  if (t->code != WARD_TRAP_EXIT)
    return false;
  if (status)
    *status = t->exit_status;
  return true;
}

size_t ward_trap_frame_count(const ward_trap_t *t) { return t->nframes; }

bool ward_trap_frame(const ward_trap_t *t, size_t i, ward_frame_t *out) {
  if (i >= t->nframes)
    return false;
  *out = t->frames[i];
  return true;
}

size_t ward_trap_format(const ward_trap_t *t, char *buf, size_t size) {
  size_t len = 0;
  int n = snprintf(buf, size, "%s\n", t->msg);
  if (n > 0)
    len += (size_t)n;
  if (t->nframes) {
    n = snprintf(len < size ? buf + len : NULL, len < size ? size - len : 0, "wasm backtrace:\n");
    if (n > 0)
      len += (size_t)n;
  }
  for (size_t i = 0; i < t->nframes; i++) {
    // "    0: 0x1a3 - module!func [#3]", as wasmtime (without the offset
    // where it is not known).
    const ward_frame_t *f = &t->frames[i];
    char at[32] = "";
    if (f->module_offset != SIZE_MAX)
      snprintf(at, sizeof at, "0x%zx - ", f->module_offset);
    n = snprintf(len < size ? buf + len : NULL, len < size ? size - len : 0,
                 "    %zu: %s%s%s%s [#%u]\n", i, at, f->module_name ? f->module_name : "",
                 f->module_name ? "!" : "", f->func_name ? f->func_name : "<unnamed>",
                 f->func_index);
    if (n > 0)
      len += (size_t)n;
  }
  return len;
}

// ---- exceptions -----------------------------------------------------------

ward_exn_t *wd_exn_new(ward_store_t *s, ward_tag_t *tag, const wd_cell_t *vals, wd_cell_t *top) {
  uint32_t n = tag->type->param_cells;
  ward_exn_t *e =
      (ward_exn_t *)wd_gc_alloc(s, WD_GC_EXN, sizeof *e + (size_t)n * sizeof *e->vals, top);
  if (!e)
    return NULL;
  e->tag = tag;
  e->ncells = n;
  if (n)
    memcpy(e->vals, vals, (size_t)n * sizeof *e->vals);
  return e;
}

ward_trap_t *wd_trap_exception(ward_store_t *s, ward_exn_t *e, ward_func_t *cur,
                               const uint32_t *at) {
  ward_trap_t *t = wd_trap_make(s, WARD_TRAP_EXCEPTION, NULL, cur, at);
  if (t != &g_oom_trap)
    hold_exn(t, s, e);
  return t;
}

ward_exn_t *wd_trap_take_exn(ward_trap_t *t) {
  if (!t || t == &g_oom_trap || t->code != WARD_TRAP_EXCEPTION || !t->exn)
    return NULL;
  ward_exn_t *e = t->exn;
  release_exn(t);
  ward_trap_delete(t);
  return e;
}

ward_trap_t *ward_trap_new_exception(ward_store_t *store, ward_tag_t *tag, const ward_val_t *args,
                                     size_t nargs) {
  const wd_functype_t *ft = tag ? tag->type : NULL;
  if (!store || !ft || nargs != ft->nparams)
    return NULL;
  wd_cell_t small[16];
  wd_cell_t *cells = ft->param_cells <= 16 ? small : wd_calloc(ft->param_cells, sizeof *cells);
  if (!cells)
    return NULL;
  const wd_vt_t *pt = wd_functype_params(ft);
  uint32_t k = 0;
  bool ok = true;
  for (size_t i = 0; i < nargs && ok; i++) {
    ok = args[i].kind == wd_vt_kind(tag->tm, pt[i]) && wd_val_to_cell(store, &args[i], &cells[k]);
    k += wd_valtype_cells(pt[i]);
  }
  // Neither allocation collects: the boxes in cells need no other root.
  ward_exn_t *e = ok ? wd_exn_new(store, tag, cells, NULL) : NULL;
  if (cells != small)
    wd_free(cells);
  if (!e)
    return NULL;
  ward_trap_t *t = trap_alloc(WARD_TRAP_EXCEPTION, wd_trap_text(WARD_TRAP_EXCEPTION));
  if (!t)
    return NULL; // e is garbage
  hold_exn(t, store, e);
  return t;
}

ward_tag_t *ward_trap_exception_tag(const ward_trap_t *t) {
  return t && t->code == WARD_TRAP_EXCEPTION && t->exn ? t->exn->tag : NULL;
}

size_t ward_trap_exception_args(const ward_trap_t *t, ward_val_t *out, size_t max) {
  if (!ward_trap_exception_tag(t))
    return 0;
  const wd_functype_t *ft = t->exn->tag->type;
  const wd_vt_t *pt = wd_functype_params(ft);
  uint32_t k = 0;
  for (uint32_t i = 0; i < ft->nparams; i++) {
    if (i < max)
      wd_cell_to_val(t->store, &t->exn->vals[k], wd_vt_kind(t->exn->tag->tm, pt[i]), &out[i]);
    k += wd_valtype_cells(pt[i]);
  }
  return ft->nparams;
}
