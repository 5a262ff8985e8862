// SPDX-License-Identifier: Apache-2.0
// wasm.h: values across the API, host functions and calls.
#include <stdio.h>
#include <string.h>

#include "capi/capi.h"
#include "util/alloc.h"

// ---- value kinds -------------------------------------------------------------------

wasm_valkind_t wd_capi_valkind(ward_valkind_t k) {
  switch (k) {
  case WARD_I32: return WASM_I32;
  case WARD_I64: return WASM_I64;
  case WARD_F32: return WASM_F32;
  case WARD_F64: return WASM_F64;
  case WARD_V128: return WARD_WASM_V128;
  case WARD_FUNCREF: return WASM_FUNCREF;
  case WARD_EXTERNREF: return WASM_EXTERNREF;
  case WARD_EXNREF: return WARD_WASM_EXNREF;
  case WARD_ANYREF: return WARD_WASM_ANYREF;
  }
  return WARD_WASM_ANYREF;
}

ward_valkind_t wd_capi_ward_valkind(wasm_valkind_t k) {
  switch (k) {
  case WASM_I32: return WARD_I32;
  case WASM_I64: return WARD_I64;
  case WASM_F32: return WARD_F32;
  case WASM_F64: return WARD_F64;
  case WARD_WASM_V128: return WARD_V128;
  case WASM_FUNCREF: return WARD_FUNCREF;
  case WASM_EXTERNREF: return WARD_EXTERNREF;
  case WARD_WASM_EXNREF: return WARD_EXNREF;
  default: return WARD_ANYREF;
  }
}

bool wd_capi_kind_ok(wasm_valkind_t k) {
  return k == WASM_I32 || k == WASM_I64 || k == WASM_F32 || k == WASM_F64 || k == WASM_EXTERNREF ||
         k == WASM_FUNCREF;
}

// ---- values --------------------------------------------------------------------------

const char *wd_capi_ref_to_ward(wasm_store_t *s, const wasm_ref_t *r, ward_valkind_t kind,
                                ward_val_t *out) {
  memset(out, 0, sizeof *out);
  out->kind = kind;
  if (!r)
    return NULL; // null
  if (kind == WARD_FUNCREF) {
    const wd_capi_obj_t *o = wd_capi_obj_of(r);
    if (r->kind != WD_REF_FUNC)
      return "a funcref must be a function";
    if (o->store != s)
      return "a function of another store";
    out->of.funcref = o->ptr;
    return NULL;
  }
  if (kind != WARD_EXTERNREF)
    return "a value type wasm.h cannot pass";
  // Any reference may be an externref: wasm code holds the record's
  // externref value (for modules and traps, a record the store makes).
  if (!r->target) // the trap wasm.h returns when out of memory
    return "a reference that stands for nothing";
  const wd_capi_obj_t *o = wd_capi_obj_of(r);
  if (!o)
    o = wd_capi_record(s, r->kind, r->target);
  if (!o)
    return WD_CAPI_OOM;
  if (o->store != s)
    return "a reference of another store";
  out->of.externref = o->ext;
  return NULL;
}

const char *wd_capi_to_ward(wasm_store_t *s, const wasm_val_t *v, ward_val_t *out) {
  if (!wd_capi_kind_ok(v->kind))
    return "a value kind wasm.h cannot pass";
  if (wasm_valkind_is_ref(v->kind))
    return wd_capi_ref_to_ward(s, v->of.ref, wd_capi_ward_valkind(v->kind), out);
  memset(out, 0, sizeof *out);
  out->kind = wd_capi_ward_valkind(v->kind);
  switch (v->kind) {
  case WASM_I32: out->of.i32 = v->of.i32; break;
  case WASM_I64: out->of.i64 = v->of.i64; break;
  case WASM_F32: out->of.f32 = v->of.f32; break;
  default: out->of.f64 = v->of.f64; break;
  }
  return NULL;
}

// The reference for an externref value p that wasm code or ward handed
// out: the record whose value it is, or (a host pointer put in through
// ward's own API) a foreign record made for it.
static wasm_ref_t *extern_ref(wasm_store_t *s, void *p) {
  wd_capi_obj_t *o = wd_capi_map_get(&s->by_ext, p);
  if (!o) {
    o = wd_calloc(1, sizeof *o);
    if (!o || wd_grow((void **)&s->objs, &s->capobjs, s->nobjs + 1, sizeof *s->objs)) {
      wd_free(o);
      return NULL;
    }
    o->kind = WD_REF_FOREIGN;
    o->store = s;
    o->ptr = o->ext = p;
    s->objs[s->nobjs++] = o;
    if (!wd_capi_map_put(&s->by_ext, p, o))
      return NULL;
  }
  return wd_capi_ref_new(o);
}

bool wd_capi_from_ward(wasm_store_t *s, const ward_val_t *v, wasm_val_t *out) {
  memset(out, 0, sizeof *out);
  out->kind = wd_capi_valkind(v->kind);
  switch (v->kind) {
  case WARD_I32: out->of.i32 = v->of.i32; return true;
  case WARD_I64: out->of.i64 = v->of.i64; return true;
  case WARD_F32: out->of.f32 = v->of.f32; return true;
  case WARD_F64: out->of.f64 = v->of.f64; return true;
  case WARD_FUNCREF:
    if (v->of.funcref) {
      wd_capi_obj_t *o = wd_capi_record(s, WD_REF_FUNC, v->of.funcref);
      out->of.ref = o ? wd_capi_ref_new(o) : NULL;
      return out->of.ref != NULL;
    }
    return true;
  case WARD_EXTERNREF:
    if (v->of.externref) {
      out->of.ref = extern_ref(s, v->of.externref);
      return out->of.ref != NULL;
    }
    return true;
  default: return true; // kinds wasm.h cannot carry: the kind alone
  }
}

// ---- host functions --------------------------------------------------------------------

// What a wasm.h host function needs when ward calls it.
typedef struct host_fn {
  wasm_store_t *store;
  wasm_func_callback_t cb;
  wasm_func_callback_with_env_t cb_env;
  void *env;
  void (*fin)(void *);
  size_t nresults;
  wasm_valkind_t result_kinds[]; // nresults
} host_fn_t;

// Called by ward_store_delete.
static void host_fn_free(void *env) {
  host_fn_t *h = env;
  if (h->fin)
    h->fin(h->env);
  wd_free(h);
}

static ward_trap_t *host_trap(const char *what, size_t i) {
  char msg[128];
  snprintf(msg, sizeof msg, "host function: %s %zu", what, i);
  return ward_trap_new(msg);
}

// ward's callback for every wasm.h host function: converts the arguments,
// calls the host, and converts its results back (references it returns
// must be of the store; a funcref a function).
static ward_trap_t *host_call(void *env, ward_caller_t *caller, const ward_val_t *args,
                              size_t nargs, ward_val_t *results, size_t nresults) {
  (void)caller;
  host_fn_t *h = env;
  wasm_store_t *s = h->store;
  wasm_val_t small[16];
  size_t n = nargs + nresults;
  wasm_val_t *vals = n <= 16 ? small : wd_calloc(n, sizeof *vals);
  if (!vals)
    return ward_trap_new(WD_CAPI_OOM);
  wasm_val_t *wargs = vals, *wres = vals + nargs;
  ward_trap_t *trap = NULL;
  size_t made = 0;
  for (; made < nargs; made++)
    if (!wd_capi_from_ward(s, &args[made], &wargs[made])) {
      trap = ward_trap_new(WD_CAPI_OOM);
      break;
    }
  for (size_t i = 0; i < nresults; i++) {
    memset(&wres[i], 0, sizeof wres[i]);
    wres[i].kind = h->result_kinds[i];
  }
  if (!trap) {
    wasm_val_vec_t av = {nargs, wargs}, rv = {nresults, wres};
    wasm_trap_t *t = h->cb_env ? h->cb_env(h->env, &av, &rv) : h->cb(&av, &rv);
    if (t)
      trap = wd_capi_trap_take(t);
  }
  for (size_t i = 0; i < made; i++)
    wasm_val_delete(&wargs[i]);
  for (size_t i = 0; i < nresults && !trap; i++) {
    if (wres[i].kind != h->result_kinds[i]) {
      trap = host_trap("returned a value of the wrong kind as result", i);
      break;
    }
    const char *why = wd_capi_to_ward(s, &wres[i], &results[i]);
    if (why)
      trap = host_trap(why, i);
  }
  for (size_t i = 0; i < nresults; i++)
    wasm_val_delete(&wres[i]);
  if (vals != small)
    wd_free(vals);
  return trap;
}

static wasm_func_t *func_new(wasm_store_t *store, const wasm_functype_t *type,
                             wasm_func_callback_t cb, wasm_func_callback_with_env_t cb_env,
                             void *env, void (*fin)(void *)) {
  if (!store || !type)
    return NULL;
  const wasm_valtype_vec_t *rs = wasm_functype_results(type);
  ward_functype_t *ft = wd_capi_ward_functype(type);
  host_fn_t *h = ft ? wd_calloc(1, sizeof *h + rs->size * sizeof h->result_kinds[0]) : NULL;
  if (!h) {
    ward_functype_delete(ft);
    return NULL;
  }
  h->store = store;
  h->cb = cb;
  h->cb_env = cb_env;
  h->env = env;
  h->nresults = rs->size;
  for (size_t i = 0; i < rs->size; i++)
    h->result_kinds[i] = wasm_valtype_kind(rs->data[i]);
  ward_func_t *f = ward_func_new(store->s, ft, host_call, h, host_fn_free);
  ward_functype_delete(ft);
  if (!f) {
    wd_free(h);
    return NULL;
  }
  h->fin = fin; // from here on the store calls it
  wd_capi_obj_t *o = wd_capi_record(store, WD_REF_FUNC, f);
  return o ? (wasm_func_t *)(void *)wd_capi_ref_new(o) : NULL;
}

wasm_func_t *wasm_func_new(wasm_store_t *store, const wasm_functype_t *type,
                           wasm_func_callback_t cb) {
  return func_new(store, type, cb, NULL, NULL, NULL);
}

wasm_func_t *wasm_func_new_with_env(wasm_store_t *store, const wasm_functype_t *type,
                                    wasm_func_callback_with_env_t cb, void *env,
                                    void (*finalizer)(void *)) {
  return func_new(store, type, NULL, cb, env, finalizer);
}

static ward_func_t *ward_func_of(const wasm_func_t *f) {
  return ((const wd_capi_obj_t *)((const wasm_ref_t *)(const void *)f)->target)->ptr;
}

wasm_functype_t *wasm_func_type(const wasm_func_t *f) {
  ward_extern_t ext = {.kind = WARD_EXTERN_FUNC, .of.func = ward_func_of(f)};
  ward_externtype_t t;
  if (!ward_extern_type(&ext, &t))
    return NULL;
  wasm_externtype_t *et = wd_capi_externtype(&t);
  ward_externtype_clear(&t);
  return wasm_externtype_as_functype(et);
}

size_t wasm_func_param_arity(const wasm_func_t *f) {
  return ward_functype_param_count(ward_func_type(ward_func_of(f)));
}
size_t wasm_func_result_arity(const wasm_func_t *f) {
  return ward_functype_result_count(ward_func_type(ward_func_of(f)));
}

// ---- calls ------------------------------------------------------------------------------

static wasm_trap_t *call_trap(wasm_store_t *s, const char *what, size_t i) {
  char msg[160];
  snprintf(msg, sizeof msg, "wasm_func_call: %s %zu", what, i);
  return wd_capi_trap_msg(s, msg);
}

wasm_trap_t *wasm_func_call(const wasm_func_t *func, const wasm_val_vec_t *args,
                            wasm_val_vec_t *results) {
  const wd_capi_obj_t *o = ((const wasm_ref_t *)(const void *)func)->target;
  wasm_store_t *s = o->store;
  ward_func_t *f = o->ptr;
  const ward_functype_t *ft = ward_func_type(f);
  size_t np = ward_functype_param_count(ft), nr = ward_functype_result_count(ft);
  size_t nargs = args ? args->size : 0, nres = results ? results->size : 0;
  if (nargs != np)
    return call_trap(s, "wrong number of arguments: the function takes", np);
  for (size_t i = 0; i < np + nr; i++) {
    ward_valkind_t k = i < np ? ward_functype_param(ft, i) : ward_functype_result(ft, i - np);
    if (!wd_capi_kind_ok(wd_capi_valkind(k)))
      return call_trap(s, "a value type wasm.h cannot pass (v128, anyref, exnref) at position", i);
  }
  ward_val_t small[16];
  ward_val_t *vals = np + nr <= 16 ? small : wd_calloc(np + nr, sizeof *vals);
  if (!vals)
    return wd_capi_trap_msg(s, WD_CAPI_OOM);
  ward_val_t *wargs = vals, *wres = vals + np;
  wasm_trap_t *trap = NULL;
  for (size_t i = 0; i < np && !trap; i++) {
    const char *why = args->data[i].kind != wd_capi_valkind(ward_functype_param(ft, i))
                          ? "argument of the wrong kind:"
                          : wd_capi_to_ward(s, &args->data[i], &wargs[i]);
    if (why)
      trap = call_trap(s, why, i);
  }
  ward_trap_t *wt = NULL;
  ward_error_t *err = trap ? NULL : ward_func_call(s->s, f, wargs, np, wres, nr, &wt);
  if (err) {
    trap = wd_capi_trap_msg(s, ward_error_message(err));
    ward_error_delete(err);
  } else if (wt) {
    trap = wd_capi_trap_new(s, wt);
  } else if (nres < nr) {
    // Checked once the call returns, as other engines do: a call that
    // traps needs no room for results.
    trap = call_trap(s, "no room for the results: the function returns", nr);
  }
  for (size_t i = 0; i < nr && !trap; i++)
    if (!wd_capi_from_ward(s, &wres[i], &results->data[i])) {
      for (size_t k = 0; k < i; k++)
        wasm_val_delete(&results->data[k]);
      trap = wd_capi_trap_msg(s, WD_CAPI_OOM);
    }
  if (vals != small)
    wd_free(vals);
  return trap;
}
