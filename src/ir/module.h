// SPDX-License-Identifier: Apache-2.0
// The decoded module: types, imports, functions, code ranges, segments, names.
// Produced by the decoder (src/binary), checked by the validator (src/valid),
// compiled by src/interp and instantiated by src/runtime.
#ifndef WD_IR_MODULE_H
#define WD_IR_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"

// Heap types (Wasm 3.0): the abstract ones by their binary code; a type
// index i as WD_HT_IDX + i.
enum {
  WD_HT_NOEXN = 0x74,
  WD_HT_NOFUNC = 0x73,
  WD_HT_NOEXTERN = 0x72,
  WD_HT_NONE = 0x71,
  WD_HT_FUNC = 0x70,
  WD_HT_EXTERN = 0x6F,
  WD_HT_ANY = 0x6E,
  WD_HT_EQ = 0x6D,
  WD_HT_I31 = 0x6C,
  WD_HT_STRUCT = 0x6B,
  WD_HT_ARRAY = 0x6A,
  WD_HT_EXN = 0x69,
  WD_HT_IDX = 0x80,
};

// A value type, in 32 bits. A number or vector type is its binary code; a
// reference type (ref null? ht) is WD_REFNULL (0x63) or WD_REF (0x64) in
// the low byte and its heap type (above) in the bits from 8 on. The
// shorthands funcref, externref and exnref are (ref null func), ... .
typedef uint32_t wd_vt_t;
#define WD_VT_REF(nullable, ht) (((nullable) ? 0x63u : 0x64u) | ((uint32_t)(ht) << 8))
enum {
  WD_I32 = 0x7F,
  WD_I64 = 0x7E,
  WD_F32 = 0x7D,
  WD_F64 = 0x7C,
  WD_V128 = 0x7B,
  WD_REFNULL = 0x63,
  WD_REF = 0x64,
  WD_FUNCREF = WD_REFNULL | WD_HT_FUNC << 8,
  WD_EXTERNREF = WD_REFNULL | WD_HT_EXTERN << 8,
  WD_EXNREF = WD_REFNULL | WD_HT_EXN << 8, // exception handling (Wasm 3.0)
  WD_BOT = 0x00, // validator only: the unknown type of a polymorphic stack
};

static inline bool wd_valtype_is_ref(wd_vt_t t) {
  return (t & 0xFF) == WD_REFNULL || (t & 0xFF) == WD_REF;
}
static inline bool wd_vt_nullable(wd_vt_t t) { return (t & 0xFF) == WD_REFNULL; }
static inline uint32_t wd_vt_heap(wd_vt_t t) { return t >> 8; }
// Cells (8 bytes each) a value of type t takes in a frame: v128 takes two.
static inline uint32_t wd_valtype_cells(wd_vt_t t) { return t == WD_V128 ? 2u : 1u; }
static inline bool wd_valtype_is_num(wd_vt_t t) {
  return t == WD_I32 || t == WD_I64 || t == WD_F32 || t == WD_F64;
}
// "i32", ..., "funcref", "(ref null 3)"; the name of a reference type with
// a type index is written in a buffer of the calling thread's, which the
// next few calls reuse.
const char *wd_valtype_name(wd_vt_t t);

// Features beyond 2.0's core that a module may use only when enabled: the
// same bits as ward_feature_t (include/ward/engine.h).
enum {
  WD_FEAT_SIMD = 1u << 0,
  WD_FEAT_RELAXED_SIMD = 1u << 1,
  WD_FEAT_TAIL_CALL = 1u << 2,
  WD_FEAT_EXTENDED_CONST = 1u << 3,
  WD_FEAT_MULTI_MEMORY = 1u << 4,
  WD_FEAT_MEMORY64 = 1u << 5,
  WD_FEAT_EXCEPTIONS = 1u << 6,
  WD_FEAT_LEGACY_EXCEPTIONS = 1u << 7,
  WD_FEAT_FUNCTION_REFERENCES = 1u << 8,
  WD_FEAT_GC = 1u << 9,
  WD_FEAT_ALL = (1u << 10) - 1,
};
// The name of one feature bit as the CLI's -W takes it ("tail-call"), or
// NULL; the bit of a name, or 0.
const char *wd_feature_name(uint32_t feat);
uint32_t wd_feature_by_name(const char *name, size_t len);

typedef enum wd_externkind {
  WD_EXTERN_FUNC = 0,
  WD_EXTERN_TABLE = 1,
  WD_EXTERN_MEMORY = 2,
  WD_EXTERN_GLOBAL = 3,
  WD_EXTERN_TAG = 4, // exception handling (Wasm 3.0)
} wd_externkind_t;

typedef struct wd_functype {
  uint32_t nparams, nresults;
  wd_vt_t *types;        // nparams + nresults value types: params, then results
  uint32_t param_cells;  // cells the params take (v128 counts 2)
  uint32_t result_cells; // cells the results take
} wd_functype_t;

static inline const wd_vt_t *wd_functype_params(const wd_functype_t *ft) { return ft->types; }
static inline const wd_vt_t *wd_functype_results(const wd_functype_t *ft) {
  return ft->types + ft->nparams;
}

// Composite types (Wasm 3.0 GC) by their binary code, and the packed
// storage types a struct field or array element may have besides value
// types.
enum { WD_COMP_FUNC = 0x60, WD_COMP_STRUCT = 0x5F, WD_COMP_ARRAY = 0x5E };
enum { WD_PACKED_I8 = 0x78, WD_PACKED_I16 = 0x77 };

// A struct field or an array's element type.
typedef struct wd_field {
  wd_vt_t type; // a value type, WD_PACKED_I8 or WD_PACKED_I16
  bool mut;
  uint8_t size;    // bytes it takes: 1, 2, 4, 8 or 16
  uint32_t offset; // struct fields: from the start of the payload
} wd_field_t;

// Bytes a field of storage type t takes.
static inline uint8_t wd_storage_size(wd_vt_t t) {
  switch (t) {
  case WD_PACKED_I8: return 1;
  case WD_PACKED_I16: return 2;
  case WD_I32:
  case WD_F32: return 4;
  case WD_V128: return 16;
  default: return 8; // i64, f64, references
  }
}

// Whether storage type t is packed; the value type a field of type t
// gives and takes (i32 for the packed ones); whether it has a default value
// (numbers, vectors, packed, nullable references).
static inline bool wd_storage_packed(wd_vt_t t) { return t == WD_PACKED_I8 || t == WD_PACKED_I16; }
static inline wd_vt_t wd_storage_unpacked(wd_vt_t t) {
  return wd_storage_packed(t) ? (wd_vt_t)WD_I32 : t;
}
static inline bool wd_storage_defaultable(wd_vt_t t) {
  return !wd_valtype_is_ref(t) || wd_vt_nullable(t);
}

struct wd_rtt;

// A defined type as its module declares it (m->sub[i]; for function types
// m->types[i] is the signature, for the others it is empty).
typedef struct wd_subtype {
  uint8_t comp; // WD_COMP_*
  bool final;
  uint32_t super;   // declared supertype, or UINT32_MAX
  uint32_t rec;     // first type index of its recursive group
  uint32_t rec_len; // types in that group
  uint32_t nfields; // struct: its fields; array: 1, the element
  wd_field_t *fields;
  uint32_t size; // struct: payload bytes; array: bytes per element
} wd_subtype_t;

typedef struct wd_limits {
  uint64_t min;
  uint64_t max; // valid when has_max
  bool has_max;
  bool is64; // memory64: a 64-bit memory or table (addresses and indices are i64)
} wd_limits_t;

// A constant expression: a byte range in wd_module_t.bytes holding the
// instructions, including the final `end` (0x0B).
typedef struct wd_constexpr {
  uint32_t off, len;
} wd_constexpr_t;

typedef struct wd_tabletype {
  wd_vt_t elem; // a reference type
  wd_limits_t lim;
  // A defined table's initial value (typed references), else null.
  bool has_init;
  wd_constexpr_t init;
} wd_tabletype_t;

typedef struct wd_memtype {
  wd_limits_t lim; // in 64 KiB pages
} wd_memtype_t;

// The value type of an address (or index, length) into a memory or table of
// these limits: i64 for a 64-bit one (memory64), else i32.
static inline wd_vt_t wd_addrtype(const wd_limits_t *lim) { return lim->is64 ? WD_I64 : WD_I32; }

typedef struct wd_globaltype {
  wd_vt_t type;
  bool mut;
} wd_globaltype_t;

typedef struct wd_import {
  char *module, *name; // NUL-terminated copies (validated UTF-8)
  uint32_t module_len, name_len;
  uint8_t kind; // wd_externkind_t
  union {
    uint32_t func_type; // type index
    wd_tabletype_t table;
    wd_memtype_t memory;
    wd_globaltype_t global;
    uint32_t tag_type; // type index (a function type without results)
  } u;
} wd_import_t;

typedef struct wd_export {
  char *name; // NUL-terminated copy
  uint32_t name_len;
  uint8_t kind; // wd_externkind_t
  uint32_t index;
} wd_export_t;

typedef struct wd_global {
  wd_globaltype_t type;
  wd_constexpr_t init;
} wd_global_t;

typedef enum wd_segmode {
  WD_SEG_ACTIVE = 0,
  WD_SEG_PASSIVE = 1,
  WD_SEG_DECLARATIVE = 2,
} wd_segmode_t;

typedef struct wd_elem {
  uint8_t mode;          // wd_segmode_t
  wd_vt_t type;          // a reference type
  uint32_t table;        // active only
  wd_constexpr_t offset; // active only
  uint32_t count;
  // Exactly one of these is set: function indices (the elemkind forms,
  // flags 0-3) or one constant expression per item (flags 4-7).
  uint32_t *funcs;
  wd_constexpr_t *exprs;
  size_t at; // byte offset of the segment, for diagnostics
} wd_elem_t;

typedef struct wd_data {
  uint8_t mode; // WD_SEG_ACTIVE or WD_SEG_PASSIVE
  uint32_t memory;
  wd_constexpr_t offset; // active only
  uint32_t off, len;     // the bytes, in wd_module_t.bytes
} wd_data_t;

// A local declaration run: `count` locals of `type`.
typedef struct wd_localrun {
  uint32_t count;
  wd_vt_t type;
} wd_localrun_t;

struct wd_code; // compiled code (src/interp), opaque here

typedef struct wd_funcbody {
  uint32_t off, len; // the whole body in bytes (from the locals vector to `end`)
  uint32_t code_off; // where the instructions start (after the locals)
  uint32_t nlocalruns;
  wd_localrun_t *localruns;
  uint64_t nlocals;     // total declared locals (excluding params)
  struct wd_code *code; // set by the compiler
} wd_funcbody_t;

typedef struct wd_name {
  uint32_t index;
  char *name; // NUL-terminated
} wd_name_t;

typedef struct wd_custom {
  char *name;
  uint32_t off, len; // payload after the name, in wd_module_t.bytes
} wd_custom_t;

// Limits (include/ward/limits.h): the checks a module's code carries
// (wd_module_t.meter), and those a store's engine asks for (ward_store.meter).
enum { WD_METER_FUEL = 1, WD_METER_INTR = 2 };

typedef struct wd_module {
  uint8_t *bytes; // an owned copy of the binary; every off/len points here
  size_t size;
  uint32_t features; // the WD_FEAT_* bits it may use
  // The checks its code carries (WD_METER_*), from the engine's
  // consume_fuel and interruptible; set before it is compiled.
  uint32_t meter;

  uint32_t ntypes;
  wd_functype_t *types; // function types' signatures (empty for the others)
  wd_subtype_t *sub;    // every type's declaration
  // Each type's canonical type in the engine (ir/rtt.h), set once the
  // module is validated far enough: equal pointers are the same type, in
  // this module and across modules.
  const struct wd_rtt **rtts;

  uint32_t nimports;
  wd_import_t *imports;

  // Index spaces: imported entities first, then those the module defines.
  uint32_t nfuncs, nimported_funcs;
  uint32_t *func_types; // nfuncs type indices
  uint32_t ntables, nimported_tables;
  wd_tabletype_t *tables;
  uint32_t nmemories, nimported_memories;
  wd_memtype_t *memories;
  uint32_t nglobals, nimported_globals;
  wd_globaltype_t *global_types; // nglobals, imported ones included
  wd_global_t *globals;          // nglobals - nimported_globals defined ones
  uint32_t ntags, nimported_tags;
  uint32_t *tag_types; // ntags type indices

  uint32_t nexports;
  wd_export_t *exports;

  bool has_start;
  uint32_t start;

  uint32_t nelems;
  wd_elem_t *elems;

  bool has_datacount;
  uint32_t datacount;
  uint32_t ndatas;
  wd_data_t *datas;

  uint32_t nbodies; // == nfuncs - nimported_funcs once decoded
  wd_funcbody_t *bodies;

  // Functions that may be referenced by ref.func in code: those in element
  // segments, exports and global initializers (C.refs in the spec). A bitmap
  // of nfuncs bits, filled by the decoder.
  uint8_t *declared_funcs;

  // From the "name" custom section, when present and well-formed.
  char *module_name;
  uint32_t nfunc_names;
  wd_name_t *func_names; // sorted by index

  uint32_t ncustoms;
  wd_custom_t *customs;
} wd_module_t;

// Decodes a binary module. Copies `bytes`; the caller keeps its buffer.
// On success returns WD_OK and *out owns a module to free with
// wd_module_free. On failure returns WD_ERR_MALFORMED (the spec's message,
// e.g. "unexpected end", and the byte offset in `diag`) or WD_ERR_RESOURCE.
// Function bodies are only split and their locals decoded here; their
// instructions are read by the validator (src/valid).
// `features` (WD_FEAT_*) are the features the module may use.
wd_status_t wd_bin_decode(const uint8_t *bytes, size_t size, uint32_t features, wd_module_t **out,
                          wd_diag_t *diag);

// Checks every function body's instructions for malformed encodings only
// (illegal opcodes, bad LEB128s, "zero byte expected", missing `end`...),
// without validating types. Used when validation fails, so that a module
// that is both malformed and invalid reports "malformed" as the spec's
// decode-then-validate order does. Returns WD_OK or WD_ERR_MALFORMED.
wd_status_t wd_bin_skim_bodies(const wd_module_t *m, wd_diag_t *diag);

// The most values array.new_fixed takes, in a function or a constant
// expression: the JS API's limit for web engines ("too many array
// elements").
#define WD_MAX_ARRAY_NEW_FIXED 10000
// The most fields a struct type has: the JS API's limit ("too many struct
// fields"). It also bounds what a struct.new in unreachable code, which
// pops its operands without bytes to match, costs the translator.
#define WD_MAX_STRUCT_FIELDS 10000

// Checks the type section's references to type indices ("unknown type")
// and the depth of supertype chains (at most 63): what must hold before the
// types are canonicalised (ir/rtt.h).
wd_status_t wd_valid_types(const wd_module_t *m, wd_diag_t *diag);

// Validates everything except function bodies (the types canonicalised): limits, index references,
// constant expressions, export names, the start function, segments.
// Returns WD_OK or WD_ERR_INVALID with the spec's wording.
wd_status_t wd_valid_module(const wd_module_t *m, wd_diag_t *diag);

// Whether value type a matches b (a is a subtype of b, or either is
// WD_BOT) in module m: numbers and vectors only themselves; a reference
// type a nullable one only if that is nullable, with heap types matching:
// a function type (and nofunc) func, extern and noextern extern, exn and
// noexn exn, equivalent function types each other.
bool wd_vt_sub(const wd_module_t *m, wd_vt_t a, wd_vt_t b);
// Whether the type indices value type t refers to are below `limit`.
static inline bool wd_vt_known(wd_vt_t t, uint32_t limit) {
  return !wd_valtype_is_ref(t) || wd_vt_heap(t) < WD_HT_IDX || wd_vt_heap(t) - WD_HT_IDX < limit;
}
// The type of ref.func of function f: (ref $t) of its type with typed
// references, funcref without.
static inline wd_vt_t wd_func_ref_type(const wd_module_t *m, uint32_t f) {
  if (!(m->features & (WD_FEAT_FUNCTION_REFERENCES | WD_FEAT_GC)))
    return WD_FUNCREF;
  return WD_VT_REF(false, WD_HT_IDX + m->func_types[f]);
}
// Whether heap type a (of module ma) is b (of module mb) or below it: the
// same check as wd_vt_sub, for two modules (import matching).
bool wd_vt_sub2(const wd_module_t *ma, wd_vt_t a, const wd_module_t *mb, wd_vt_t b);
// The composite kind of type index i (WD_COMP_*).
static inline uint8_t wd_type_comp(const wd_module_t *m, uint32_t i) { return m->sub[i].comp; }

void wd_module_free(wd_module_t *m);

// The function's name from the name section, or NULL.
const char *wd_module_func_name(const wd_module_t *m, uint32_t funcidx);

// A forwarder: a function of the module whose body is only `local.get 0 ...
// local.get n-1, call g, end` with its n parameters in order, no locals,
// and g a function of the module (not imported) of the same type index
// (`malloc` calling `dlmalloc`). Returns g, with *call_at set to the
// module offset of the call; UINT32_MAX if f is not one (or its body is
// not yet split).
uint32_t wd_module_forward(const wd_module_t *m, uint32_t f, uint32_t *call_at);
// The longest chain of forwarders a call skips.
#define WD_FORWARD_MAX 4
// Where a direct call of f goes when its forwarders are skipped: the end of
// the chain from f (f itself if it is no forwarder), at most WD_FORWARD_MAX
// forwarders on. The forwarders skipped, in order, go to chain[0..*n) and
// the module offsets of their calls to calls[0..*n) (each may be NULL).
uint32_t wd_module_skip(const wd_module_t *m, uint32_t f, uint32_t chain[WD_FORWARD_MAX],
                        uint32_t calls[WD_FORWARD_MAX], uint32_t *n);
// Whether the module's bytes at offset `at` are a `call`; sets *f to its
// function.
bool wd_module_call_at(const wd_module_t *m, size_t at, uint32_t *f);

#endif
