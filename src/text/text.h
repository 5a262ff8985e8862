// SPDX-License-Identifier: Apache-2.0
// The WebAssembly text format (.wat) and spec scripts (.wast).
//
// The text layer turns text into the binary format, which then goes through
// the binary decoder like any .wasm file: the engine below never knows which
// it read. A parse error carries the 1-based line and column of the token
// where it was found and, where the spec suite expects one, the spec's
// wording ("unknown operator", "alignment", "i32 constant out of range",
// "unexpected token", "unknown type", "inline function type", ...).
#ifndef WD_TEXT_TEXT_H
#define WD_TEXT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ward.h>

typedef struct wd_text_error {
  uint32_t line, col; // 1-based; 0 if unknown
  char msg[256];      // the spec's wording first, then detail
} wd_text_error_t;

// Parses a text module: the contents of a .wat file, either one
// `(module $name? ...)` or its fields alone. On success returns true and a
// malloc'ed binary module in *out (*out_len bytes; the caller frees it).
// On failure returns false with *err filled in.
bool wd_wat_to_wasm(const char *src, size_t len, uint8_t **out, size_t *out_len,
                    wd_text_error_t *err);
// The same for a text that may use only the features given (ward_feature_t
// bits), where the grammar depends on them: without memory64, limits and
// memarg offsets must fit in 32 bits ("i32 constant out of range"), as in
// Wasm 2.0. wd_wat_to_wasm allows every feature.
bool wd_wat_to_wasm_features(const char *src, size_t len, uint32_t features, uint8_t **out,
                             size_t *out_len, wd_text_error_t *err);

// Whether bytes look like a binary module ("\0asm"); anything else is taken
// as text.
static inline bool wd_is_binary_module(const uint8_t *bytes, size_t len) {
  return len >= 4 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm';
}

// ---- spec scripts (.wast) ---------------------------------------------------

// A constant in an action's arguments, or a pattern in an expected result.
typedef enum wd_wast_pat {
  WD_PAT_EXACT,          // bits must equal
  WD_PAT_NAN_CANONICAL,  // nan:canonical
  WD_PAT_NAN_ARITHMETIC, // nan:arithmetic
} wd_wast_pat_t;

typedef enum wd_wast_valkind {
  WD_WV_I32,
  WD_WV_I64,
  WD_WV_F32,
  WD_WV_F64,
  WD_WV_V128,
  WD_WV_REF_NULL,   // (ref.null func|extern|...): any null reference of that heap type
  WD_WV_REF_EXTERN, // (ref.extern N): host reference N
  WD_WV_REF_FUNC,   // (ref.func): any non-null funcref (results only)
  WD_WV_REF_HOST,   // (ref.host N): host reference N as an internal (any) reference
  // (ref), (ref.eq), (ref.i31), (ref.struct), (ref.array), (ref.exn),
  // (ref.extern): any non-null reference of that abstract heap type (heap;
  // WD_HT_ANY for (ref)); results only
  WD_WV_REF_TYPE,
} wd_wast_valkind_t;

// v128 lane shapes, as written in `(v128.const i8x16 ...)`.
typedef enum wd_wast_shape {
  WD_SHAPE_I8X16,
  WD_SHAPE_I16X8,
  WD_SHAPE_I32X4,
  WD_SHAPE_I64X2,
  WD_SHAPE_F32X4,
  WD_SHAPE_F64X2,
} wd_wast_shape_t;

typedef struct wd_wast_val {
  wd_wast_valkind_t kind;
  wd_wast_pat_t pat; // i32/i64: EXACT; f32/f64: any; v128: see lane_pat
  uint8_t heap;      // REF_NULL, REF_TYPE: the heap type's binary code (0x70 func, 0x6F extern),
                     // REF_NULL: 0 for any
  wd_wast_shape_t shape;      // V128: the lane shape it was written in
  wd_wast_pat_t lane_pat[16]; // V128: per lane (only f32x4/f64x2 lanes may be NaN patterns)
  uint64_t bits;              // I32/I64/F32/F64 bits (zero-extended); REF_EXTERN, REF_HOST: N
  uint8_t v128[16];           // V128: little-endian bytes
} wd_wast_val_t;

typedef enum wd_wast_cmdkind {
  WD_WAST_MODULE,                // (module ...): define and instantiate
  WD_WAST_REGISTER,              // (register "name" $mod?)
  WD_WAST_ACTION,                // a bare (invoke ...) or (get ...)
  WD_WAST_ASSERT_RETURN,         // (assert_return action expected*)
  WD_WAST_ASSERT_TRAP,           // (assert_trap action "msg") or (assert_trap module "msg")
  WD_WAST_ASSERT_EXHAUSTION,     // (assert_exhaustion action "msg")
  WD_WAST_ASSERT_INVALID,        // (assert_invalid module "msg")
  WD_WAST_ASSERT_MALFORMED,      // (assert_malformed module "msg")
  WD_WAST_ASSERT_UNLINKABLE,     // (assert_unlinkable module "msg")
  WD_WAST_ASSERT_UNINSTANTIABLE, // (assert_uninstantiable module "msg"), and assert_trap of a module
  WD_WAST_ASSERT_EXCEPTION,      // (assert_exception action): a wasm exception escapes
  WD_WAST_INSTANCE,              // (module instance $inst? $mod?): instantiate a module defined
} wd_wast_cmdkind_t;

typedef enum wd_wast_modform {
  WD_MOD_TEXT,   // (module $name? field*): parsed when the script was read
  WD_MOD_BINARY, // (module $name? binary "..."*)
  WD_MOD_QUOTE,  // (module $name? quote "..."*): text, parsed when run
} wd_wast_modform_t;

typedef struct wd_wast_module {
  wd_wast_modform_t form;
  bool definition; // (module definition ...): defined (decoded and validated), not instantiated
  char *name;      // "$name" without the $, or NULL
  uint8_t *bytes;  // the binary module, if it parsed (TEXT, BINARY; QUOTE after running)
  size_t len;
  bool parsed; // false: the text did not parse; err says why
  wd_text_error_t err;
  char *quote; // QUOTE: the concatenated strings, NUL-terminated
  size_t quote_len;
  uint32_t features; // QUOTE: those of the script (wd_wast_parse_features)
} wd_wast_module_t;

typedef struct wd_wast_action {
  bool is_get;  // (get $mod? "name") rather than (invoke $mod? "name" const*)
  char *module; // "$mod" without the $, or NULL for the current module
  char *field;  // the export's name (may hold any byte; field_len counts them)
  size_t field_len;
  wd_wast_val_t *args;
  size_t nargs;
} wd_wast_action_t;

typedef struct wd_wast_cmd {
  wd_wast_cmdkind_t kind;
  uint32_t line, col;      // where the command starts in the script
  wd_wast_module_t module; // MODULE and the module assertions
  wd_wast_action_t action; // ACTION, ASSERT_RETURN/TRAP/EXHAUSTION with an action
  bool has_action;         // ASSERT_TRAP: an action (true) or a module (false)
  // ASSERT_RETURN: the expected results. Usually one alternative
  // (nalts == 1); `(either r1 r2 ...)` (relaxed SIMD) gives several, each
  // one value: alts[i] is the i-th acceptable result list.
  wd_wast_val_t **alts;
  size_t *nalt_vals;
  size_t nalts;
  char *text;       // the expected message of an assertion; REGISTER: the name
  char *reg_module; // REGISTER: "$mod" without the $, or NULL for the current one
  // INSTANCE: the instance's name is module.name (NULL if none); def_module
  // names the module (defined by an earlier module command), NULL for the
  // last one
  char *def_module;
} wd_wast_cmd_t;

typedef struct wd_wast_script {
  wd_wast_cmd_t *cmds;
  size_t ncmds;
} wd_wast_script_t;

// Parses a whole .wast script. On a syntax error in the script itself
// (not inside a module, which is recorded in that command), returns false
// with *err filled in; *script then holds the commands read before it.
bool wd_wast_parse(const char *src, size_t len, wd_wast_script_t *script, wd_text_error_t *err);
// The same for a script whose modules may use only the given features
// (as wd_wat_to_wasm_features); wd_wast_parse allows every feature.
bool wd_wast_parse_features(const char *src, size_t len, uint32_t features,
                            wd_wast_script_t *script, wd_text_error_t *err);
// Parses a QUOTE module's text into its bytes (module->parsed, ->err).
void wd_wast_parse_quote(wd_wast_module_t *module);
void wd_wast_free(wd_wast_script_t *script);

#endif
