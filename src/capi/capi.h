// SPDX-License-Identifier: Apache-2.0
// The wasm.h layer's objects: engines, stores, the records a store keeps
// for its objects, references to them, module and trap bodies, and the
// conversions between wasm.h values and ward's.
//
// Every reference of the API (wasm_func_t, wasm_extern_t, wasm_ref_t, ...)
// is one small allocation, struct wasm_ref_t: a kind and a target. The
// public struct types other than wasm_ref_t are never defined; the casts
// between them return the same pointer, and this layer reads every one of
// them as a wasm_ref_t. The target is
// - for functions, globals, tables, memories, tags, instances and foreign
//   objects: the store's record of the object (wd_capi_obj_t), one per
//   object, which holds its host info and lives until wasm_store_delete;
// - for modules: the module body (wd_capi_module_t), reference counted
//   across threads;
// - for traps: the trap body (wd_capi_trap_t), reference counted.
#ifndef WD_CAPI_CAPI_H
#define WD_CAPI_CAPI_H

#include <stdatomic.h>

#include "ward.h"
#include "ward/wasm_ext.h"
#include "wasm.h"

// Kinds of references: the first five are extern kinds, numbered as
// wasm_externkind_t (and WARD_WASM_EXTERN_TAG).
enum {
  WD_REF_FUNC = WASM_EXTERN_FUNC,
  WD_REF_GLOBAL = WASM_EXTERN_GLOBAL,
  WD_REF_TABLE = WASM_EXTERN_TABLE,
  WD_REF_MEMORY = WASM_EXTERN_MEMORY,
  WD_REF_TAG = WARD_WASM_EXTERN_TAG,
  WD_REF_INSTANCE,
  WD_REF_FOREIGN,
  WD_REF_MODULE,
  WD_REF_TRAP,
};

static inline bool wd_capi_is_extern_kind(uint8_t kind) { return kind <= WD_REF_TAG; }

// Host info and its finalizer.
typedef struct wd_capi_info {
  void *info;
  void (*fin)(void *);
} wd_capi_info_t;

// A store's record of one of its objects (see above). Modules and traps get
// a record too when they are passed to wasm as externrefs: it holds a
// reference to their body until the store is deleted.
typedef struct wd_capi_obj {
  uint8_t kind;
  wasm_store_t *store;
  // The ward object (ward_func_t, ..., ward_instance_t), the module or trap
  // body; for a foreign object NULL, or the host pointer it stands for.
  void *ptr;
  // What wasm code holds as an externref for this object: the record's own
  // address, or the host pointer a foreign record stands for.
  void *ext;
  wd_capi_info_t info;
  // A reference the record owns, for functions that return one the caller
  // does not own (wasm_frame_instance); made when first asked for.
  wasm_ref_t *self;
} wd_capi_obj_t;

struct wasm_ref_t {
  uint8_t kind;
  void *target; // wd_capi_obj_t, wd_capi_module_t or wd_capi_trap_t
};

typedef struct wd_capi_module {
  atomic_size_t refs; // references, shared tokens, and stores that instantiated it
  ward_module_t *m;
  wasm_engine_t *engine;
  wd_capi_info_t info;
} wd_capi_module_t;

// A frame of a trap, as the trap keeps it.
typedef struct wd_capi_frame {
  wd_capi_obj_t *inst; // the instance's record, or NULL
  uint32_t func_index;
  size_t func_offset, module_offset;
} wd_capi_frame_t;

typedef struct wd_capi_trap {
  size_t refs;
  ward_trap_t *t;      // NULL once its store is deleted
  wasm_store_t *store; // NULL for a trap made without one, or once it is deleted
  char *msg;           // NUL-terminated copy of t's message
  size_t nframes;
  wd_capi_frame_t *frames;
  wd_capi_info_t info;
  struct wd_capi_trap *prev, *next; // the store's live traps
} wd_capi_trap_t;

// A pointer-keyed hash map (open addressing; entries are never removed).
typedef struct wd_capi_map {
  void **keys, **vals;
  size_t cap, n;
} wd_capi_map_t;

struct wasm_config_t {
  ward_config_t cfg;
};

struct wasm_engine_t {
  ward_engine_t *e;
};

struct wasm_store_t {
  ward_store_t *s;
  wasm_engine_t *engine;
  wd_capi_map_t by_ptr; // ward object or body -> record
  wd_capi_map_t by_ext; // externref value -> record
  wd_capi_obj_t **objs; // every record, in the order made
  size_t nobjs, capobjs;
  wd_capi_module_t **modules; // bodies instantiated here, each held once
  size_t nmodules, capmodules;
  wd_capi_trap_t *traps;  // live traps made in this store
  ward_wasi_wasm_t *wasi; // WASI states (capi_wasi.c)
};

struct wasm_shared_module_t {
  wd_capi_module_t *body;
};

// Allocation failure of a function that cannot report it otherwise.
#define WD_CAPI_OOM "out of memory"

// ---- records and references (capi_store.c) ----------------------------------

void *wd_capi_map_get(const wd_capi_map_t *m, const void *key);
bool wd_capi_map_put(wd_capi_map_t *m, void *key, void *val);

// The record of ward object (or body) ptr of kind `kind` in s, made if it
// has none yet. NULL if out of memory.
wd_capi_obj_t *wd_capi_record(wasm_store_t *s, uint8_t kind, void *ptr);
// A new reference to record o (for module and trap records: to their
// body). NULL if out of memory.
wasm_ref_t *wd_capi_ref_new(wd_capi_obj_t *o);
// A new reference of kind `kind` to target (a record or body; bodies gain
// a reference). NULL if out of memory.
wasm_ref_t *wd_capi_ref_of(uint8_t kind, void *target);
// The record a reference of a store object targets, or NULL for a module
// or trap reference (and for NULL).
wd_capi_obj_t *wd_capi_obj_of(const wasm_ref_t *r);
// The ward extern an extern reference stands for; false for a reference
// of another kind.
bool wd_capi_extern_of(const wasm_ref_t *r, ward_extern_t *out);
// The reference kind of a ward extern kind, and back.
uint8_t wd_capi_ref_kind(ward_externkind_t k);
ward_externkind_t wd_capi_ward_kind(uint8_t ref_kind);
// A reference to what a ward extern is, in s. NULL if out of memory.
wasm_ref_t *wd_capi_extern_ref(wasm_store_t *s, const ward_extern_t *ext);

// Holds a reference to module body b in s until s is deleted (once per
// body). False if out of memory.
bool wd_capi_store_hold(wasm_store_t *s, wd_capi_module_t *b);
void wd_capi_module_release(wd_capi_module_t *b);

// ---- values (capi_func.c) -------------------------------------------------------

// The wasm.h kind of a ward value kind, and back (0xFF: none).
wasm_valkind_t wd_capi_valkind(ward_valkind_t k);
ward_valkind_t wd_capi_ward_valkind(wasm_valkind_t k);
// Whether values of a kind can cross the API (numbers, externref, funcref).
bool wd_capi_kind_ok(wasm_valkind_t k);
// A wasm.h value as a ward value of the same kind for store s (references
// must be of s; a funcref must be a function). NULL on success, else why not.
const char *wd_capi_to_ward(wasm_store_t *s, const wasm_val_t *v, ward_val_t *out);
// A ward value as a wasm.h value; references become new references the
// caller owns. False if out of memory (then *out holds no reference).
bool wd_capi_from_ward(wasm_store_t *s, const ward_val_t *v, wasm_val_t *out);
// A wasm.h reference as a ward value of kind `kind` (funcref or
// externref). NULL on success, else why not.
const char *wd_capi_ref_to_ward(wasm_store_t *s, const wasm_ref_t *r, ward_valkind_t kind,
                                ward_val_t *out);

// ---- traps (capi_trap.c) ----------------------------------------------------------

// A new trap that takes ward trap t (NULL: a static out-of-memory trap
// that deleting leaves alone).
wasm_trap_t *wd_capi_trap_new(wasm_store_t *s, ward_trap_t *t);
// A new trap with a message (a ward host trap).
wasm_trap_t *wd_capi_trap_msg(wasm_store_t *s, const char *msg);
// The ward trap to return from a host function for trap `t`, which this
// takes (its ward trap when nothing else refers to it, else a copy of its
// message).
ward_trap_t *wd_capi_trap_take(wasm_trap_t *t);
void wd_capi_trap_release(wd_capi_trap_t *b);
// Gives up the store's hold on the traps it made (wasm_store_delete): their
// ward traps are deleted, their messages kept.
void wd_capi_traps_detach(wasm_store_t *s);

// ---- types (capi_types.c) -----------------------------------------------------------

// A wasm.h extern type of a ward one (its function type copied). NULL if
// out of memory.
wasm_externtype_t *wd_capi_externtype(const ward_externtype_t *t);
// The ward function type of a wasm.h one; NULL if out of memory or if a
// value kind cannot cross the API.
ward_functype_t *wd_capi_ward_functype(const wasm_functype_t *ft);
// A wasm.h limit of a ward one (UINT64_MAX: wasm_limits_max_default).
uint32_t wd_capi_limit(uint64_t v);

// ---- WASI (capi_wasi.c) -----------------------------------------------------------

void wd_capi_wasi_free(wasm_store_t *s);

#endif
