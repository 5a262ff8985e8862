// SPDX-License-Identifier: Apache-2.0
// The standard WebAssembly C API (github.com/WebAssembly/wasm-c-api,
// include/wasm.h), as ward implements it: the same names, signatures,
// struct layouts and constant values, so that a program written for that
// header builds against this one, and one built with that header links
// against libward. Written for ward from the API's documented interface.
//
// Ownership. `own` marks what changes hands:
// - an `own T *` result belongs to the caller, who frees it with the
//   matching *_delete; an `own` parameter passes the object to the callee;
// - an `own` vector owns its array and every element in it;
// - a parameter named `out` receives something the caller then owns.
// Everything else is borrowed. wasm_func_t, wasm_global_t, wasm_table_t,
// wasm_memory_t, wasm_extern_t, wasm_instance_t, wasm_foreign_t,
// wasm_trap_t, wasm_module_t and wasm_ref_t are references: deleting one
// frees the reference, not what it refers to. Functions, globals, tables,
// memories, instances and foreign objects live in their store until
// wasm_store_delete; a module lives until its last reference and the last
// store that instantiated it are gone; a trap until its last reference.
// The wasm_X_as_Y casts return the same reference seen as another type:
// delete it once, through any of its types.
//
// Threads: an engine and a shared module (wasm_module_share) may be used
// from any thread; a store, and everything in it, by one thread at a time.
//
// How ward differs from what the API leaves open or from other engines
// (value kinds outside the API, trap frames, host info, errors) is written
// down in docs/wasm-c-api.md. Settings and features of ward's own that a
// wasm.h program may use are in ward/wasm_ext.h.
#ifndef WASM_H
#define WASM_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

// How the functions are exported: the same convention as ward's own API
// (ward/common.h). A program that links ward's DLL on Windows defines
// WARD_SHARED; a program may also define WASM_API_EXTERN itself.
#ifndef WASM_API_EXTERN
#if defined(_WIN32) && defined(WARD_SHARED_BUILD)
#define WASM_API_EXTERN __declspec(dllexport)
#elif defined(_WIN32) && defined(WARD_SHARED)
#define WASM_API_EXTERN __declspec(dllimport)
#elif defined(__GNUC__)
#define WASM_API_EXTERN __attribute__((visibility("default")))
#else
#define WASM_API_EXTERN
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

// ---- machine types --------------------------------------------------------

typedef char byte_t;
typedef float float32_t;
typedef double float64_t;

// The API passes floats and doubles as IEEE single and double words.
#ifdef __cplusplus
static_assert(sizeof(float32_t) == 4 && sizeof(float64_t) == 8, "IEEE float sizes");
#else
_Static_assert(sizeof(float32_t) == 4 && sizeof(float64_t) == 8, "IEEE float sizes");
#endif

// Marks ownership (see the top of this file); it expands to nothing.
#define own

// ---- declaration patterns ---------------------------------------------------
// The API declares its families of functions with these patterns; other
// headers that extend wasm.h use them as well.

// An owned object type and its destructor.
#define WASM_DECLARE_OWN(name)                                                                     \
  typedef struct wasm_##name##_t wasm_##name##_t;                                                  \
  WASM_API_EXTERN void wasm_##name##_delete(own wasm_##name##_t *);

// A vector of `name` elements (ptr_or_none is `*` for vectors of owned
// pointers, empty for vectors of values):
//   _new_empty         size 0, data NULL
//   _new_uninitialized room for size elements (pointers NULL)
//   _new               takes the elements (shallow: the array is copied, the
//                      elements' ownership moves into the vector)
//   _copy              a deep copy: each element copied
//   _delete            deletes the elements and the array; the vector is
//                      left empty
// On running out of memory a new vector is empty (and the elements _new
// was given are deleted).
#define WASM_DECLARE_VEC(name, ptr_or_none)                                                        \
  typedef struct wasm_##name##_vec_t {                                                             \
    size_t size;                                                                                   \
    wasm_##name##_t ptr_or_none *data;                                                             \
  } wasm_##name##_vec_t;                                                                           \
  WASM_API_EXTERN void wasm_##name##_vec_new_empty(own wasm_##name##_vec_t *out);                  \
  WASM_API_EXTERN void wasm_##name##_vec_new_uninitialized(own wasm_##name##_vec_t *out,           \
                                                           size_t size);                           \
  WASM_API_EXTERN void wasm_##name##_vec_new(own wasm_##name##_vec_t *out, size_t size,            \
                                             own wasm_##name##_t ptr_or_none const data[]);        \
  WASM_API_EXTERN void wasm_##name##_vec_copy(own wasm_##name##_vec_t *out,                        \
                                              const wasm_##name##_vec_t *src);                     \
  WASM_API_EXTERN void wasm_##name##_vec_delete(own wasm_##name##_vec_t *);

// A type description: owned, in vectors, copyable.
#define WASM_DECLARE_TYPE(name)                                                                    \
  WASM_DECLARE_OWN(name)                                                                           \
  WASM_DECLARE_VEC(name, *)                                                                        \
  WASM_API_EXTERN own wasm_##name##_t *wasm_##name##_copy(const wasm_##name##_t *);

// What every reference has. _copy makes another reference to the same
// object, _same says whether two refer to the same object. Host info is a
// pointer the host attaches to the object (not to the reference): every
// reference to the object sees it. Its finalizer, if any, is called with
// it when the object goes away (for objects of a store: wasm_store_delete;
// modules and traps: their last reference) or when host info of another
// pointer replaces it.
#define WASM_DECLARE_REF_BASE(name)                                                                \
  WASM_DECLARE_OWN(name)                                                                           \
  WASM_API_EXTERN own wasm_##name##_t *wasm_##name##_copy(const wasm_##name##_t *);                \
  WASM_API_EXTERN bool wasm_##name##_same(const wasm_##name##_t *, const wasm_##name##_t *);       \
  WASM_API_EXTERN void *wasm_##name##_get_host_info(const wasm_##name##_t *);                      \
  WASM_API_EXTERN void wasm_##name##_set_host_info(wasm_##name##_t *, void *info);                 \
  WASM_API_EXTERN void wasm_##name##_set_host_info_with_finalizer(wasm_##name##_t *, void *info,   \
                                                                  void (*finalizer)(void *));

// A reference of a particular kind, seen as a wasm_ref_t and back (the
// cast back gives NULL for a reference of another kind).
#define WASM_DECLARE_REF(name)                                                                     \
  WASM_DECLARE_REF_BASE(name)                                                                      \
  WASM_API_EXTERN wasm_ref_t *wasm_##name##_as_ref(wasm_##name##_t *);                             \
  WASM_API_EXTERN wasm_##name##_t *wasm_ref_as_##name(wasm_ref_t *);                               \
  WASM_API_EXTERN const wasm_ref_t *wasm_##name##_as_ref_const(const wasm_##name##_t *);           \
  WASM_API_EXTERN const wasm_##name##_t *wasm_ref_as_##name##_const(const wasm_ref_t *);

// A reference that can be handed to another thread: _share gives an owned
// token any thread may _obtain a reference from, in a store of its own.
#define WASM_DECLARE_SHARABLE_REF(name)                                                            \
  WASM_DECLARE_REF(name)                                                                           \
  WASM_DECLARE_OWN(shared_##name)                                                                  \
  WASM_API_EXTERN own wasm_shared_##name##_t *wasm_##name##_share(const wasm_##name##_t *);        \
  WASM_API_EXTERN own wasm_##name##_t *wasm_##name##_obtain(wasm_store_t *,                        \
                                                            const wasm_shared_##name##_t *);

// ---- bytes and names ----------------------------------------------------------

typedef byte_t wasm_byte_t;
WASM_DECLARE_VEC(byte, )

// A name is a byte vector (UTF-8, not NUL-terminated unless made with
// wasm_name_new_from_string_nt).
typedef wasm_byte_vec_t wasm_name_t;

#define wasm_name wasm_byte_vec
#define wasm_name_new wasm_byte_vec_new
#define wasm_name_new_empty wasm_byte_vec_new_empty
#define wasm_name_new_uninitialized wasm_byte_vec_new_uninitialized
#define wasm_name_new_new_uninitialized wasm_byte_vec_new_uninitialized // the API's spelling
#define wasm_name_copy wasm_byte_vec_copy
#define wasm_name_delete wasm_byte_vec_delete

// The bytes of s, without its NUL ...
static inline void wasm_name_new_from_string(own wasm_name_t *out, const char *s) {
  wasm_name_new(out, strlen(s), s);
}
// ... and with it (what trap messages hold).
static inline void wasm_name_new_from_string_nt(own wasm_name_t *out, const char *s) {
  wasm_name_new(out, strlen(s) + 1, s);
}

// ---- engines and stores ---------------------------------------------------------

// Engine settings: ward's ward_config_t (ward_wasm_config in ward/wasm_ext.h
// gives access to it), with ward's defaults.
WASM_DECLARE_OWN(config)
WASM_API_EXTERN own wasm_config_t *wasm_config_new(void);

// An engine compiles modules; stores of the same engine share them.
WASM_DECLARE_OWN(engine)
WASM_API_EXTERN own wasm_engine_t *wasm_engine_new(void);
// Takes the config (it is deleted here, whatever the outcome).
WASM_API_EXTERN own wasm_engine_t *wasm_engine_new_with_config(own wasm_config_t *);

// A store holds instances and what they and the host create. Delete a
// store before its engine.
WASM_DECLARE_OWN(store)
WASM_API_EXTERN own wasm_store_t *wasm_store_new(wasm_engine_t *);

// ---- types ------------------------------------------------------------------------

typedef uint8_t wasm_mutability_t;
enum wasm_mutability_enum {
  WASM_CONST = 0,
  WASM_VAR = 1,
};

// Limits of a table (elements) or memory (64 KiB pages). A max of
// wasm_limits_max_default means none.
typedef struct wasm_limits_t {
  uint32_t min;
  uint32_t max;
} wasm_limits_t;

static const uint32_t wasm_limits_max_default = 0xffffffff;

// Value types. Kinds below WASM_EXTERNREF are numbers, the others
// references. (ward reports types the API has no name for with the kinds
// of ward/wasm_ext.h: v128 as 4, anyref as 130, exnref as 131; values of
// those kinds cannot cross the API.)
WASM_DECLARE_TYPE(valtype)

typedef uint8_t wasm_valkind_t;
enum wasm_valkind_enum {
  WASM_I32 = 0,
  WASM_I64 = 1,
  WASM_F32 = 2,
  WASM_F64 = 3,
  WASM_EXTERNREF = 128,
  WASM_FUNCREF = 129,
};

WASM_API_EXTERN own wasm_valtype_t *wasm_valtype_new(wasm_valkind_t);
WASM_API_EXTERN wasm_valkind_t wasm_valtype_kind(const wasm_valtype_t *);

static inline bool wasm_valkind_is_num(wasm_valkind_t k) { return k < WASM_EXTERNREF; }
static inline bool wasm_valkind_is_ref(wasm_valkind_t k) { return k >= WASM_EXTERNREF; }
static inline bool wasm_valtype_is_num(const wasm_valtype_t *t) {
  return wasm_valkind_is_num(wasm_valtype_kind(t));
}
static inline bool wasm_valtype_is_ref(const wasm_valtype_t *t) {
  return wasm_valkind_is_ref(wasm_valtype_kind(t));
}

// Function types: take both vectors (their elements move into the type).
WASM_DECLARE_TYPE(functype)
WASM_API_EXTERN own wasm_functype_t *wasm_functype_new(own wasm_valtype_vec_t *params,
                                                       own wasm_valtype_vec_t *results);
WASM_API_EXTERN const wasm_valtype_vec_t *wasm_functype_params(const wasm_functype_t *);
WASM_API_EXTERN const wasm_valtype_vec_t *wasm_functype_results(const wasm_functype_t *);

WASM_DECLARE_TYPE(globaltype)
WASM_API_EXTERN own wasm_globaltype_t *wasm_globaltype_new(own wasm_valtype_t *, wasm_mutability_t);
WASM_API_EXTERN const wasm_valtype_t *wasm_globaltype_content(const wasm_globaltype_t *);
WASM_API_EXTERN wasm_mutability_t wasm_globaltype_mutability(const wasm_globaltype_t *);

WASM_DECLARE_TYPE(tabletype)
WASM_API_EXTERN own wasm_tabletype_t *wasm_tabletype_new(own wasm_valtype_t *,
                                                         const wasm_limits_t *);
WASM_API_EXTERN const wasm_valtype_t *wasm_tabletype_element(const wasm_tabletype_t *);
WASM_API_EXTERN const wasm_limits_t *wasm_tabletype_limits(const wasm_tabletype_t *);

WASM_DECLARE_TYPE(memorytype)
WASM_API_EXTERN own wasm_memorytype_t *wasm_memorytype_new(const wasm_limits_t *);
WASM_API_EXTERN const wasm_limits_t *wasm_memorytype_limits(const wasm_memorytype_t *);

// Extern types: any of the four above. The casts return the same object
// (NULL when the kind differs); delete it once.
WASM_DECLARE_TYPE(externtype)

typedef uint8_t wasm_externkind_t;
enum wasm_externkind_enum {
  WASM_EXTERN_FUNC = 0,
  WASM_EXTERN_GLOBAL = 1,
  WASM_EXTERN_TABLE = 2,
  WASM_EXTERN_MEMORY = 3,
};

WASM_API_EXTERN wasm_externkind_t wasm_externtype_kind(const wasm_externtype_t *);

WASM_API_EXTERN wasm_externtype_t *wasm_functype_as_externtype(wasm_functype_t *);
WASM_API_EXTERN wasm_externtype_t *wasm_globaltype_as_externtype(wasm_globaltype_t *);
WASM_API_EXTERN wasm_externtype_t *wasm_tabletype_as_externtype(wasm_tabletype_t *);
WASM_API_EXTERN wasm_externtype_t *wasm_memorytype_as_externtype(wasm_memorytype_t *);

WASM_API_EXTERN wasm_functype_t *wasm_externtype_as_functype(wasm_externtype_t *);
WASM_API_EXTERN wasm_globaltype_t *wasm_externtype_as_globaltype(wasm_externtype_t *);
WASM_API_EXTERN wasm_tabletype_t *wasm_externtype_as_tabletype(wasm_externtype_t *);
WASM_API_EXTERN wasm_memorytype_t *wasm_externtype_as_memorytype(wasm_externtype_t *);

WASM_API_EXTERN const wasm_externtype_t *wasm_functype_as_externtype_const(const wasm_functype_t *);
WASM_API_EXTERN const wasm_externtype_t *
wasm_globaltype_as_externtype_const(const wasm_globaltype_t *);
WASM_API_EXTERN const wasm_externtype_t *
wasm_tabletype_as_externtype_const(const wasm_tabletype_t *);
WASM_API_EXTERN const wasm_externtype_t *
wasm_memorytype_as_externtype_const(const wasm_memorytype_t *);

WASM_API_EXTERN const wasm_functype_t *wasm_externtype_as_functype_const(const wasm_externtype_t *);
WASM_API_EXTERN const wasm_globaltype_t *
wasm_externtype_as_globaltype_const(const wasm_externtype_t *);
WASM_API_EXTERN const wasm_tabletype_t *
wasm_externtype_as_tabletype_const(const wasm_externtype_t *);
WASM_API_EXTERN const wasm_memorytype_t *
wasm_externtype_as_memorytype_const(const wasm_externtype_t *);

// An import: module name, item name and type (all three taken).
WASM_DECLARE_TYPE(importtype)
WASM_API_EXTERN own wasm_importtype_t *
wasm_importtype_new(own wasm_name_t *module, own wasm_name_t *name, own wasm_externtype_t *);
WASM_API_EXTERN const wasm_name_t *wasm_importtype_module(const wasm_importtype_t *);
WASM_API_EXTERN const wasm_name_t *wasm_importtype_name(const wasm_importtype_t *);
WASM_API_EXTERN const wasm_externtype_t *wasm_importtype_type(const wasm_importtype_t *);

// An export: name and type (both taken).
WASM_DECLARE_TYPE(exporttype)
WASM_API_EXTERN own wasm_exporttype_t *wasm_exporttype_new(own wasm_name_t *,
                                                           own wasm_externtype_t *);
WASM_API_EXTERN const wasm_name_t *wasm_exporttype_name(const wasm_exporttype_t *);
WASM_API_EXTERN const wasm_externtype_t *wasm_exporttype_type(const wasm_exporttype_t *);

// ---- values and references ----------------------------------------------------------

struct wasm_ref_t;

// A value. For WASM_EXTERNREF and WASM_FUNCREF `of.ref` is a reference
// (NULL: the null reference), which an owned value owns: wasm_val_delete
// deletes it, wasm_val_copy copies it. An externref may be any reference
// (a foreign object, a function, ...); a funcref must be a function.
typedef struct wasm_val_t {
  wasm_valkind_t kind;
  union {
    int32_t i32;
    int64_t i64;
    float32_t f32;
    float64_t f64;
    struct wasm_ref_t *ref;
  } of;
} wasm_val_t;

WASM_API_EXTERN void wasm_val_delete(own wasm_val_t *v);
WASM_API_EXTERN void wasm_val_copy(own wasm_val_t *out, const wasm_val_t *);

WASM_DECLARE_VEC(val, )

// Any reference; the *_as_ref casts view the others as one.
WASM_DECLARE_REF_BASE(ref)

// ---- traps ----------------------------------------------------------------------------

// A frame of a trap's wasm backtrace: the instance, the function's index
// in its module, and the offset of the position in the function body and
// in the module. (ward names each frame's function; the offsets are those
// of the function's start: docs/wasm-c-api.md.)
WASM_DECLARE_OWN(frame)
WASM_DECLARE_VEC(frame, *)
WASM_API_EXTERN own wasm_frame_t *wasm_frame_copy(const wasm_frame_t *);

// The instance, or NULL: a reference its store owns (the same for every
// frame of the instance), valid until the store is deleted.
WASM_API_EXTERN struct wasm_instance_t *wasm_frame_instance(const wasm_frame_t *);
WASM_API_EXTERN uint32_t wasm_frame_func_index(const wasm_frame_t *);
WASM_API_EXTERN size_t wasm_frame_func_offset(const wasm_frame_t *);
WASM_API_EXTERN size_t wasm_frame_module_offset(const wasm_frame_t *);

// A trap message, NUL-terminated (its size counts the NUL).
typedef wasm_name_t wasm_message_t;

WASM_DECLARE_REF(trap)

// A trap for a host function to return (the message is copied; it need not
// end with a NUL).
WASM_API_EXTERN own wasm_trap_t *wasm_trap_new(wasm_store_t *store, const wasm_message_t *);
WASM_API_EXTERN void wasm_trap_message(const wasm_trap_t *, own wasm_message_t *out);
// The innermost frame, or NULL if the trap has no wasm frames.
WASM_API_EXTERN own wasm_frame_t *wasm_trap_origin(const wasm_trap_t *);
// Every frame, innermost first.
WASM_API_EXTERN void wasm_trap_trace(const wasm_trap_t *, own wasm_frame_vec_t *out);

// ---- foreign objects -------------------------------------------------------------------

// An object of the host's, to pass to wasm as an externref and to carry
// host info; it lives until its store is deleted.
WASM_DECLARE_REF(foreign)
WASM_API_EXTERN own wasm_foreign_t *wasm_foreign_new(wasm_store_t *);

// ---- modules -----------------------------------------------------------------------------

WASM_DECLARE_SHARABLE_REF(module)

// Decodes, validates and compiles a binary module (copied); NULL if it is
// malformed or invalid (ward_wasm_module_new in ward/wasm_ext.h says why).
WASM_API_EXTERN own wasm_module_t *wasm_module_new(wasm_store_t *, const wasm_byte_vec_t *binary);
WASM_API_EXTERN bool wasm_module_validate(wasm_store_t *, const wasm_byte_vec_t *binary);

WASM_API_EXTERN void wasm_module_imports(const wasm_module_t *, own wasm_importtype_vec_t *out);
WASM_API_EXTERN void wasm_module_exports(const wasm_module_t *, own wasm_exporttype_vec_t *out);

// A compiled module as bytes, and back, for the same build of ward. The
// code in the bytes is run as it is, not validated: deserialize only what
// your program serialized (docs/wasm-c-api.md).
WASM_API_EXTERN void wasm_module_serialize(const wasm_module_t *, own wasm_byte_vec_t *out);
WASM_API_EXTERN own wasm_module_t *wasm_module_deserialize(wasm_store_t *, const wasm_byte_vec_t *);

// ---- functions --------------------------------------------------------------------------

WASM_DECLARE_REF(func)

// A host function. It reads args and writes every result (kind and
// value); results come set to the expected kinds with zero values.
// Returning a trap unwinds the wasm code that called it (the trap is taken).
typedef own wasm_trap_t *(*wasm_func_callback_t)(const wasm_val_vec_t *args,
                                                 own wasm_val_vec_t *results);
typedef own wasm_trap_t *(*wasm_func_callback_with_env_t)(void *env, const wasm_val_vec_t *args,
                                                          wasm_val_vec_t *results);

WASM_API_EXTERN own wasm_func_t *wasm_func_new(wasm_store_t *, const wasm_functype_t *,
                                               wasm_func_callback_t);
// `finalizer`, if set, is called with env when the store is deleted.
WASM_API_EXTERN own wasm_func_t *wasm_func_new_with_env(wasm_store_t *, const wasm_functype_t *type,
                                                        wasm_func_callback_with_env_t, void *env,
                                                        void (*finalizer)(void *));

WASM_API_EXTERN own wasm_functype_t *wasm_func_type(const wasm_func_t *);
WASM_API_EXTERN size_t wasm_func_param_arity(const wasm_func_t *);
WASM_API_EXTERN size_t wasm_func_result_arity(const wasm_func_t *);

// Calls the function: NULL on success (results filled in; references in
// them are the caller's), or a trap. Arguments that do not fit the
// function's type give a trap saying so, and so does a results vector too
// short for the results (checked when the call returns, so a call that
// traps needs none).
WASM_API_EXTERN own wasm_trap_t *wasm_func_call(const wasm_func_t *, const wasm_val_vec_t *args,
                                                wasm_val_vec_t *results);

// ---- globals ----------------------------------------------------------------------------

WASM_DECLARE_REF(global)

// NULL if the value's kind is not the type's.
WASM_API_EXTERN own wasm_global_t *wasm_global_new(wasm_store_t *, const wasm_globaltype_t *,
                                                   const wasm_val_t *);
WASM_API_EXTERN own wasm_globaltype_t *wasm_global_type(const wasm_global_t *);
WASM_API_EXTERN void wasm_global_get(const wasm_global_t *, own wasm_val_t *out);
// Does nothing if the global is immutable or the value's kind differs.
WASM_API_EXTERN void wasm_global_set(wasm_global_t *, const wasm_val_t *);

// ---- tables -----------------------------------------------------------------------------

WASM_DECLARE_REF(table)

typedef uint32_t wasm_table_size_t;

// A table of the type's element kind, every entry `init` (NULL: null).
WASM_API_EXTERN own wasm_table_t *wasm_table_new(wasm_store_t *, const wasm_tabletype_t *,
                                                 wasm_ref_t *init);
WASM_API_EXTERN own wasm_tabletype_t *wasm_table_type(const wasm_table_t *);
// Entry `index`: NULL for a null entry or an index out of bounds.
WASM_API_EXTERN own wasm_ref_t *wasm_table_get(const wasm_table_t *, wasm_table_size_t index);
// False for an index out of bounds or a reference of the wrong kind.
WASM_API_EXTERN bool wasm_table_set(wasm_table_t *, wasm_table_size_t index, wasm_ref_t *);
WASM_API_EXTERN wasm_table_size_t wasm_table_size(const wasm_table_t *);
// False (nothing changed) beyond the table's maximum.
WASM_API_EXTERN bool wasm_table_grow(wasm_table_t *, wasm_table_size_t delta, wasm_ref_t *init);

// ---- memories ---------------------------------------------------------------------------

WASM_DECLARE_REF(memory)

typedef uint32_t wasm_memory_pages_t;

static const size_t MEMORY_PAGE_SIZE = 0x10000;

WASM_API_EXTERN own wasm_memory_t *wasm_memory_new(wasm_store_t *, const wasm_memorytype_t *);
WASM_API_EXTERN own wasm_memorytype_t *wasm_memory_type(const wasm_memory_t *);
// The bytes, valid until the memory grows (it may move then).
WASM_API_EXTERN byte_t *wasm_memory_data(wasm_memory_t *);
WASM_API_EXTERN size_t wasm_memory_data_size(const wasm_memory_t *);
WASM_API_EXTERN wasm_memory_pages_t wasm_memory_size(const wasm_memory_t *);
// False (nothing changed) beyond the memory's maximum.
WASM_API_EXTERN bool wasm_memory_grow(wasm_memory_t *, wasm_memory_pages_t delta);

// ---- externals ---------------------------------------------------------------------------

// A function, global, table or memory (ward: or an exception tag, of kind
// WARD_WASM_EXTERN_TAG), as instances export and import them.
WASM_DECLARE_REF(extern)
WASM_DECLARE_VEC(extern, *)

WASM_API_EXTERN wasm_externkind_t wasm_extern_kind(const wasm_extern_t *);
WASM_API_EXTERN own wasm_externtype_t *wasm_extern_type(const wasm_extern_t *);

WASM_API_EXTERN wasm_extern_t *wasm_func_as_extern(wasm_func_t *);
WASM_API_EXTERN wasm_extern_t *wasm_global_as_extern(wasm_global_t *);
WASM_API_EXTERN wasm_extern_t *wasm_table_as_extern(wasm_table_t *);
WASM_API_EXTERN wasm_extern_t *wasm_memory_as_extern(wasm_memory_t *);

WASM_API_EXTERN wasm_func_t *wasm_extern_as_func(wasm_extern_t *);
WASM_API_EXTERN wasm_global_t *wasm_extern_as_global(wasm_extern_t *);
WASM_API_EXTERN wasm_table_t *wasm_extern_as_table(wasm_extern_t *);
WASM_API_EXTERN wasm_memory_t *wasm_extern_as_memory(wasm_extern_t *);

WASM_API_EXTERN const wasm_extern_t *wasm_func_as_extern_const(const wasm_func_t *);
WASM_API_EXTERN const wasm_extern_t *wasm_global_as_extern_const(const wasm_global_t *);
WASM_API_EXTERN const wasm_extern_t *wasm_table_as_extern_const(const wasm_table_t *);
WASM_API_EXTERN const wasm_extern_t *wasm_memory_as_extern_const(const wasm_memory_t *);

WASM_API_EXTERN const wasm_func_t *wasm_extern_as_func_const(const wasm_extern_t *);
WASM_API_EXTERN const wasm_global_t *wasm_extern_as_global_const(const wasm_extern_t *);
WASM_API_EXTERN const wasm_table_t *wasm_extern_as_table_const(const wasm_extern_t *);
WASM_API_EXTERN const wasm_memory_t *wasm_extern_as_memory_const(const wasm_extern_t *);

// ---- instances ---------------------------------------------------------------------------

WASM_DECLARE_REF(instance)

// Instantiates the module with `imports` in its import order (NULL: none).
// NULL on failure: if `trap` is not NULL it receives the trap the start
// function or a segment raised, or a trap whose message says why linking
// failed ("incompatible import type for M::N").
WASM_API_EXTERN own wasm_instance_t *wasm_instance_new(wasm_store_t *, const wasm_module_t *,
                                                       const wasm_extern_vec_t *imports,
                                                       own wasm_trap_t **trap);
// The exports, in the module's export order.
WASM_API_EXTERN void wasm_instance_exports(const wasm_instance_t *, own wasm_extern_vec_t *out);

// ---- shorthands --------------------------------------------------------------------------

#define WASM_EMPTY_VEC                                                                             \
  { 0, NULL }
#define WASM_ARRAY_VEC(array)                                                                      \
  { sizeof(array) / sizeof(*(array)), array }

static inline own wasm_valtype_t *wasm_valtype_new_i32(void) { return wasm_valtype_new(WASM_I32); }
static inline own wasm_valtype_t *wasm_valtype_new_i64(void) { return wasm_valtype_new(WASM_I64); }
static inline own wasm_valtype_t *wasm_valtype_new_f32(void) { return wasm_valtype_new(WASM_F32); }
static inline own wasm_valtype_t *wasm_valtype_new_f64(void) { return wasm_valtype_new(WASM_F64); }
static inline own wasm_valtype_t *wasm_valtype_new_externref(void) {
  return wasm_valtype_new(WASM_EXTERNREF);
}
static inline own wasm_valtype_t *wasm_valtype_new_funcref(void) {
  return wasm_valtype_new(WASM_FUNCREF);
}

// wasm_functype_new_P_R: a function type of P parameters and R results,
// taking the value types given.
static inline own wasm_functype_t *ward_wasm_functype_of(size_t np, wasm_valtype_t **ps, size_t nr,
                                                         wasm_valtype_t **rs) {
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new(&params, np, ps);
  wasm_valtype_vec_new(&results, nr, rs);
  return wasm_functype_new(&params, &results);
}

static inline own wasm_functype_t *wasm_functype_new_0_0(void) {
  return ward_wasm_functype_of(0, NULL, 0, NULL);
}
static inline own wasm_functype_t *wasm_functype_new_1_0(own wasm_valtype_t *p) {
  wasm_valtype_t *ps[1] = {p};
  return ward_wasm_functype_of(1, ps, 0, NULL);
}
static inline own wasm_functype_t *wasm_functype_new_2_0(own wasm_valtype_t *p1,
                                                         own wasm_valtype_t *p2) {
  wasm_valtype_t *ps[2] = {p1, p2};
  return ward_wasm_functype_of(2, ps, 0, NULL);
}
static inline own wasm_functype_t *
wasm_functype_new_3_0(own wasm_valtype_t *p1, own wasm_valtype_t *p2, own wasm_valtype_t *p3) {
  wasm_valtype_t *ps[3] = {p1, p2, p3};
  return ward_wasm_functype_of(3, ps, 0, NULL);
}
static inline own wasm_functype_t *wasm_functype_new_0_1(own wasm_valtype_t *r) {
  wasm_valtype_t *rs[1] = {r};
  return ward_wasm_functype_of(0, NULL, 1, rs);
}
static inline own wasm_functype_t *wasm_functype_new_1_1(own wasm_valtype_t *p,
                                                         own wasm_valtype_t *r) {
  wasm_valtype_t *ps[1] = {p}, *rs[1] = {r};
  return ward_wasm_functype_of(1, ps, 1, rs);
}
static inline own wasm_functype_t *
wasm_functype_new_2_1(own wasm_valtype_t *p1, own wasm_valtype_t *p2, own wasm_valtype_t *r) {
  wasm_valtype_t *ps[2] = {p1, p2}, *rs[1] = {r};
  return ward_wasm_functype_of(2, ps, 1, rs);
}
static inline own wasm_functype_t *wasm_functype_new_3_1(own wasm_valtype_t *p1,
                                                         own wasm_valtype_t *p2,
                                                         own wasm_valtype_t *p3,
                                                         own wasm_valtype_t *r) {
  wasm_valtype_t *ps[3] = {p1, p2, p3}, *rs[1] = {r};
  return ward_wasm_functype_of(3, ps, 1, rs);
}
static inline own wasm_functype_t *wasm_functype_new_0_2(own wasm_valtype_t *r1,
                                                         own wasm_valtype_t *r2) {
  wasm_valtype_t *rs[2] = {r1, r2};
  return ward_wasm_functype_of(0, NULL, 2, rs);
}
static inline own wasm_functype_t *
wasm_functype_new_1_2(own wasm_valtype_t *p, own wasm_valtype_t *r1, own wasm_valtype_t *r2) {
  wasm_valtype_t *ps[1] = {p}, *rs[2] = {r1, r2};
  return ward_wasm_functype_of(1, ps, 2, rs);
}
static inline own wasm_functype_t *wasm_functype_new_2_2(own wasm_valtype_t *p1,
                                                         own wasm_valtype_t *p2,
                                                         own wasm_valtype_t *r1,
                                                         own wasm_valtype_t *r2) {
  wasm_valtype_t *ps[2] = {p1, p2}, *rs[2] = {r1, r2};
  return ward_wasm_functype_of(2, ps, 2, rs);
}
static inline own wasm_functype_t *
wasm_functype_new_3_2(own wasm_valtype_t *p1, own wasm_valtype_t *p2, own wasm_valtype_t *p3,
                      own wasm_valtype_t *r1, own wasm_valtype_t *r2) {
  wasm_valtype_t *ps[3] = {p1, p2, p3}, *rs[2] = {r1, r2};
  return ward_wasm_functype_of(3, ps, 2, rs);
}

// A host pointer as an integer value of the pointer's width, and back.
static inline void wasm_val_init_ptr(own wasm_val_t *out, void *p) {
#if UINTPTR_MAX == UINT32_MAX
  out->kind = WASM_I32;
  out->of.i32 = (int32_t)(intptr_t)p;
#else
  out->kind = WASM_I64;
  out->of.i64 = (int64_t)(intptr_t)p;
#endif
}
static inline void *wasm_val_ptr(const wasm_val_t *val) {
#if UINTPTR_MAX == UINT32_MAX
  return (void *)(intptr_t)val->of.i32;
#else
  return (void *)(intptr_t)val->of.i64;
#endif
}

// Initializers of wasm_val_t.
#define WASM_I32_VAL(i)                                                                            \
  {                                                                                                \
    .kind = WASM_I32, .of = {.i32 = i }                                                            \
  }
#define WASM_I64_VAL(i)                                                                            \
  {                                                                                                \
    .kind = WASM_I64, .of = {.i64 = i }                                                            \
  }
#define WASM_F32_VAL(z)                                                                            \
  {                                                                                                \
    .kind = WASM_F32, .of = {.f32 = z }                                                            \
  }
#define WASM_F64_VAL(z)                                                                            \
  {                                                                                                \
    .kind = WASM_F64, .of = {.f64 = z }                                                            \
  }
#define WASM_REF_VAL(r)                                                                            \
  {                                                                                                \
    .kind = WASM_EXTERNREF, .of = {.ref = r }                                                      \
  }
#define WASM_INIT_VAL                                                                              \
  {                                                                                                \
    .kind = WASM_EXTERNREF, .of = {.ref = NULL }                                                   \
  }

#undef own

#ifdef __cplusplus
}
#endif
#endif
