// SPDX-License-Identifier: Apache-2.0
// ward: values, value kinds, and errors shared by every part of the API.
#ifndef WARD_COMMON_H
#define WARD_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Windows: the library's own objects export the API (WARD_SHARED_BUILD, set
// by its build); a program that links ward.dll defines WARD_SHARED to import
// it; a program that links the static library defines neither.
#if defined(_WIN32) && defined(WARD_SHARED_BUILD)
#define WARD_API __declspec(dllexport)
#elif defined(_WIN32) && defined(WARD_SHARED)
#define WARD_API __declspec(dllimport)
#elif defined(__GNUC__)
#define WARD_API __attribute__((visibility("default")))
#else
#define WARD_API
#endif

#define WARD_VERSION "0.1.0"

typedef struct ward_engine ward_engine_t;
typedef struct ward_store ward_store_t;
typedef struct ward_module ward_module_t;
typedef struct ward_instance ward_instance_t;
typedef struct ward_linker ward_linker_t;
typedef struct ward_func ward_func_t;
typedef struct ward_functype ward_functype_t;
typedef struct ward_memory ward_memory_t;
typedef struct ward_table ward_table_t;
typedef struct ward_global ward_global_t;
typedef struct ward_trap ward_trap_t;
typedef struct ward_error ward_error_t;
typedef struct ward_caller ward_caller_t;
typedef struct ward_extern ward_extern_t;
typedef struct ward_tag ward_tag_t;
typedef struct ward_exn ward_exn_t;

// Value kinds; the numbers are the binary encodings of the value types.
typedef enum ward_valkind {
  WARD_I32 = 0x7F,
  WARD_I64 = 0x7E,
  WARD_F32 = 0x7D,
  WARD_F64 = 0x7C,
  WARD_V128 = 0x7B,
  WARD_FUNCREF = 0x70,
  WARD_EXTERNREF = 0x6F,
  WARD_EXNREF = 0x69, // a caught exception (exception handling)
  WARD_ANYREF = 0x6E, // a reference of the any hierarchy (GC): see ward/gc.h
} ward_valkind_t;

// A value. A null funcref is NULL; an externref is any host pointer, NULL
// being the null reference (wasm code may also hand out externrefs of its
// own making: see ward/gc.h); an anyref is opaque (ward/gc.h), NULL being
// null. References of the exn and any hierarchies that the store hands to
// the host stay valid while the host's root scope lasts (ward/gc.h).
typedef struct ward_val {
  ward_valkind_t kind;
  union {
    int32_t i32;
    int64_t i64;
    float f32;
    double f64;
    uint8_t v128[16];
    ward_func_t *funcref;
    void *externref;
    ward_exn_t *exnref; // owned by the store
    void *anyref;       // owned by the store
  } of;
} ward_val_t;

// The name of a value kind ("i32", ..., "externref").
WARD_API const char *ward_valkind_name(ward_valkind_t kind);

// Why an operation failed.
typedef enum ward_errkind {
  WARD_ERROR_MALFORMED = 1,  // the bytes are not a well-formed binary module
  WARD_ERROR_INVALID,        // the module does not validate
  WARD_ERROR_UNLINKABLE,     // an import is missing or has the wrong type
  WARD_ERROR_UNINSTANTIABLE, // instantiation trapped (segments, start)
  WARD_ERROR_TRAP,           // unused by errors; traps are ward_trap_t
  WARD_ERROR_RESOURCE,       // out of memory, or a configured limit
  WARD_ERROR_ARGUMENT,       // the caller passed something unusable
} ward_errkind_t;

WARD_API ward_errkind_t ward_error_kind(const ward_error_t *e);
// The message: the spec's wording first ("type mismatch"), then detail.
WARD_API const char *ward_error_message(const ward_error_t *e);
// Byte offset in the module the error refers to, or SIZE_MAX.
WARD_API size_t ward_error_offset(const ward_error_t *e);
// Function index for errors in code, or UINT32_MAX.
WARD_API uint32_t ward_error_func(const ward_error_t *e);
WARD_API void ward_error_delete(ward_error_t *e);

#ifdef __cplusplus
}
#endif
#endif
