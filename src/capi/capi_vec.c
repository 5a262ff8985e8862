// SPDX-License-Identifier: Apache-2.0
// wasm.h: the vector functions of every vector type, and values.
#include <string.h>

#include "capi/capi.h"
#include "util/alloc.h"

// ---- the shared part ----------------------------------------------------------
// A vector is {size, data}; these work on its two fields for elements of
// `elem` bytes. A vector that cannot get its memory is left empty.

static void vec_empty(size_t *size, void **data) {
  *size = 0;
  *data = NULL;
}

// Room for n elements, zeroed (pointer vectors hold NULLs).
static void vec_alloc(size_t *size, void **data, size_t n, size_t elem) {
  vec_empty(size, data);
  if (n == 0)
    return;
  *data = wd_calloc(n, elem);
  if (*data)
    *size = n;
}

// n elements copied from src (shallow).
static void vec_from(size_t *size, void **data, size_t n, size_t elem, const void *src) {
  vec_alloc(size, data, n, elem);
  if (*size && src)
    memcpy(*data, src, n * elem);
}

// The functions of WASM_DECLARE_VEC (wasm.h) for wasm_NAME_vec_t whose
// elements are of type `elem`: `copy_elem(dst, src)` copies one element
// deeply and `delete_elem(p)` deletes the one at p.
#define WD_CAPI_VEC(name, elem, copy_elem, delete_elem)                                            \
  void wasm_##name##_vec_new_empty(wasm_##name##_vec_t *out) {                                     \
    vec_empty(&out->size, (void **)&out->data);                                                    \
  }                                                                                                \
  void wasm_##name##_vec_new_uninitialized(wasm_##name##_vec_t *out, size_t size) {                \
    vec_alloc(&out->size, (void **)&out->data, size, sizeof(elem));                                \
  }                                                                                                \
  void wasm_##name##_vec_new(wasm_##name##_vec_t *out, size_t size, elem const data[]) {           \
    vec_from(&out->size, (void **)&out->data, size, sizeof(elem), data);                           \
    for (size_t i = 0; i < size && out->size != size && data; i++) {                               \
      elem taken = data[i]; /* the vector could not take them: deleted */                          \
      delete_elem(&taken);                                                                         \
    }                                                                                              \
  }                                                                                                \
  void wasm_##name##_vec_copy(wasm_##name##_vec_t *out, const wasm_##name##_vec_t *src) {          \
    vec_alloc(&out->size, (void **)&out->data, src ? src->size : 0, sizeof(elem));                 \
    for (size_t i = 0; i < out->size; i++)                                                         \
      copy_elem(&out->data[i], &src->data[i]);                                                     \
  }                                                                                                \
  void wasm_##name##_vec_delete(wasm_##name##_vec_t *v) {                                          \
    if (!v)                                                                                        \
      return;                                                                                      \
    for (size_t i = 0; i < v->size && v->data; i++)                                                \
      delete_elem(&v->data[i]);                                                                    \
    wd_free(v->data);                                                                              \
    vec_empty(&v->size, (void **)&v->data);                                                        \
  }

// Vectors of owned pointers: elements copied with wasm_NAME_copy and
// deleted with wasm_NAME_delete (NULL elements are left alone).
#define WD_CAPI_PTR_VEC(name)                                                                      \
  static void copy_##name(wasm_##name##_t **dst, wasm_##name##_t *const *src) {                    \
    *dst = *src ? wasm_##name##_copy(*src) : NULL;                                                 \
  }                                                                                                \
  static void delete_##name(wasm_##name##_t **p) { wasm_##name##_delete(*p); }                     \
  WD_CAPI_VEC(name, wasm_##name##_t *, copy_##name, delete_##name)

static void copy_byte(wasm_byte_t *dst, const wasm_byte_t *src) { *dst = *src; }
static void delete_byte(wasm_byte_t *p) { (void)p; }

WD_CAPI_VEC(byte, wasm_byte_t, copy_byte, delete_byte)
WD_CAPI_VEC(val, wasm_val_t, wasm_val_copy, wasm_val_delete)
WD_CAPI_PTR_VEC(frame)
WD_CAPI_PTR_VEC(extern)
WD_CAPI_PTR_VEC(valtype)
WD_CAPI_PTR_VEC(functype)
WD_CAPI_PTR_VEC(globaltype)
WD_CAPI_PTR_VEC(tabletype)
WD_CAPI_PTR_VEC(memorytype)
WD_CAPI_PTR_VEC(externtype)
WD_CAPI_PTR_VEC(importtype)
WD_CAPI_PTR_VEC(exporttype)

// ---- values ---------------------------------------------------------------------

void wasm_val_delete(wasm_val_t *v) {
  if (v && wasm_valkind_is_ref(v->kind) && v->of.ref) {
    wasm_ref_delete(v->of.ref);
    v->of.ref = NULL;
  }
}

void wasm_val_copy(wasm_val_t *out, const wasm_val_t *v) {
  *out = *v;
  if (wasm_valkind_is_ref(v->kind) && v->of.ref)
    out->of.ref = wasm_ref_copy(v->of.ref);
}
