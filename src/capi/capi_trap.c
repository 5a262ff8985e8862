// SPDX-License-Identifier: Apache-2.0
// wasm.h: traps and their frames.
#include <string.h>

#include "capi/capi.h"
#include "util/alloc.h"

struct wasm_frame_t {
  wd_capi_frame_t f;
};

// The trap to return when there is no memory to make one: its target is
// NULL, and deleting or copying it does nothing (capi_store.c).
static wasm_ref_t g_oom_trap = {WD_REF_TRAP, NULL};

static void trap_link(wasm_store_t *s, wd_capi_trap_t *b) {
  b->store = s;
  b->prev = NULL;
  b->next = s->traps;
  if (s->traps)
    s->traps->prev = b;
  s->traps = b;
}

static void trap_unlink(wd_capi_trap_t *b) {
  if (!b->store)
    return;
  if (b->prev)
    b->prev->next = b->next;
  else
    b->store->traps = b->next;
  if (b->next)
    b->next->prev = b->prev;
  b->prev = b->next = NULL;
  b->store = NULL;
}

// The frames of ward trap t, with their instances' records in s. Where the
// interpreter does not know the instruction's offset (ward/trap.h says
// when), a frame names the start of its function's body.
static bool frames_of(wasm_store_t *s, const ward_trap_t *t, wd_capi_trap_t *b) {
  size_t n = ward_trap_frame_count(t);
  if (n == 0)
    return true;
  b->frames = wd_calloc(n, sizeof *b->frames);
  if (!b->frames)
    return false;
  for (size_t i = 0; i < n; i++) {
    ward_frame_t f;
    wd_capi_frame_t *cf = &b->frames[b->nframes];
    if (!ward_trap_frame(t, i, &f))
      break;
    cf->inst = f.instance && s ? wd_capi_record(s, WD_REF_INSTANCE, f.instance) : NULL;
    cf->func_index = f.func_index;
    if (f.module_offset != SIZE_MAX && f.func_start != SIZE_MAX) {
      cf->module_offset = f.module_offset;
      cf->func_offset = f.module_offset - f.func_start;
    } else {
      cf->module_offset = f.func_start;
      cf->func_offset = 0;
    }
    b->nframes++;
  }
  return true;
}

wasm_trap_t *wd_capi_trap_new(wasm_store_t *s, ward_trap_t *t) {
  wd_capi_trap_t *b = t ? wd_calloc(1, sizeof *b) : NULL;
  const char *msg = t ? ward_trap_message(t) : "";
  if (b)
    b->msg = wd_strndup(msg, strlen(msg));
  if (!b || !b->msg || !frames_of(s, t, b)) {
    if (b)
      wd_free(b->msg);
    wd_free(b);
    ward_trap_delete(t);
    return (wasm_trap_t *)(void *)&g_oom_trap;
  }
  b->t = t;
  if (s)
    trap_link(s, b);
  wasm_ref_t *r = wd_capi_ref_of(WD_REF_TRAP, b);
  if (!r) {
    wd_capi_trap_release(b); // its only reference was never made: refs was 0
    return (wasm_trap_t *)(void *)&g_oom_trap;
  }
  return (wasm_trap_t *)(void *)r;
}

wasm_trap_t *wd_capi_trap_msg(wasm_store_t *s, const char *msg) {
  return wd_capi_trap_new(s, ward_trap_new(msg));
}

static void trap_free(wd_capi_trap_t *b) {
  trap_unlink(b);
  if (b->info.fin)
    b->info.fin(b->info.info);
  ward_trap_delete(b->t);
  wd_free(b->frames);
  wd_free(b->msg);
  wd_free(b);
}

void wd_capi_trap_release(wd_capi_trap_t *b) {
  if (b->refs <= 1)
    trap_free(b);
  else
    b->refs--;
}

ward_trap_t *wd_capi_trap_take(wasm_trap_t *trap) {
  wasm_ref_t *r = (wasm_ref_t *)(void *)trap;
  wd_capi_trap_t *b = r->target;
  if (!b)
    return ward_trap_new(WD_CAPI_OOM);
  ward_trap_t *t;
  if (b->refs == 1 && b->t) { // nothing else sees it: hand ward its trap
    t = b->t;
    b->t = NULL;
  } else {
    t = ward_trap_new(b->msg);
  }
  wasm_trap_delete(trap);
  return t;
}

void wd_capi_traps_detach(wasm_store_t *s) {
  while (s->traps) {
    wd_capi_trap_t *b = s->traps;
    ward_trap_delete(b->t);
    b->t = NULL;
    for (size_t i = 0; i < b->nframes; i++)
      b->frames[i].inst = NULL;
    trap_unlink(b);
  }
}

const ward_trap_t *ward_wasm_trap(const wasm_trap_t *trap) {
  const wd_capi_trap_t *b = ((const wasm_ref_t *)(const void *)trap)->target;
  return b ? b->t : NULL;
}

// ---- the API -------------------------------------------------------------------------

wasm_trap_t *wasm_trap_new(wasm_store_t *store, const wasm_message_t *message) {
  // The message need not end with its NUL: a copy that does.
  size_t n = message ? message->size : 0;
  if (n && message->data[n - 1] == '\0')
    n--;
  char *msg = wd_strndup(n ? message->data : "", n);
  if (!msg)
    return (wasm_trap_t *)(void *)&g_oom_trap;
  wasm_trap_t *t = wd_capi_trap_msg(store, msg);
  wd_free(msg);
  return t;
}

void wasm_trap_message(const wasm_trap_t *trap, wasm_message_t *out) {
  const wd_capi_trap_t *b = ((const wasm_ref_t *)(const void *)trap)->target;
  const char *msg = b ? b->msg : WD_CAPI_OOM;
  wasm_name_new(out, strlen(msg) + 1, msg);
}

static wasm_frame_t *frame_new(const wd_capi_frame_t *cf) {
  wasm_frame_t *f = wd_malloc(sizeof *f);
  if (f)
    f->f = *cf;
  return f;
}

wasm_frame_t *wasm_trap_origin(const wasm_trap_t *trap) {
  const wd_capi_trap_t *b = ((const wasm_ref_t *)(const void *)trap)->target;
  return b && b->nframes ? frame_new(&b->frames[0]) : NULL;
}

void wasm_trap_trace(const wasm_trap_t *trap, wasm_frame_vec_t *out) {
  const wd_capi_trap_t *b = ((const wasm_ref_t *)(const void *)trap)->target;
  size_t n = b ? b->nframes : 0;
  wasm_frame_vec_new_uninitialized(out, n);
  for (size_t i = 0; i < out->size; i++)
    if (!(out->data[i] = frame_new(&b->frames[i]))) {
      wasm_frame_vec_delete(out); // out of memory: no frames
      return;
    }
}

void wasm_frame_delete(wasm_frame_t *frame) { wd_free(frame); }

wasm_frame_t *wasm_frame_copy(const wasm_frame_t *frame) {
  return frame ? frame_new(&frame->f) : NULL;
}

// The instance's record keeps the reference: every frame of an instance
// gives the same one.
wasm_instance_t *wasm_frame_instance(const wasm_frame_t *frame) {
  wd_capi_obj_t *o = frame->f.inst;
  if (o && !o->self)
    o->self = wd_capi_ref_new(o);
  return o ? (wasm_instance_t *)(void *)o->self : NULL;
}
uint32_t wasm_frame_func_index(const wasm_frame_t *frame) { return frame->f.func_index; }
size_t wasm_frame_func_offset(const wasm_frame_t *frame) { return frame->f.func_offset; }
size_t wasm_frame_module_offset(const wasm_frame_t *frame) { return frame->f.module_offset; }
