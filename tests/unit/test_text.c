// SPDX-License-Identifier: Apache-2.0
// Unit tests for the text format parser (src/text): numbers (exact f32
// rounding, ranges, '_'), strings and comments, the module grammar and its
// abbreviations, names, SIMD (every row of src/ir/simd_ops.def), error
// messages and positions, and the .wast script parser. Modules that parse
// also go through ward's decoder and validator.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ward.h>

#include "text/text.h"
#include "check.h"
#include "wat_fails.h"

static ward_engine_t *engine;

// Parses src; on success returns the bytes (caller frees).
static uint8_t *wat(const char *src, size_t *len, wd_text_error_t *err) {
  uint8_t *out = NULL;
  if (!wd_wat_to_wasm(src, strlen(src), &out, len, err))
    return NULL;
  return out;
}

// Whether src parses to exactly the bytes of hex (the whole module).
static bool wat_is(const char *src, const char *hex) {
  size_t n;
  wd_text_error_t err;
  uint8_t *b = wat(src, &n, &err);
  if (!b) {
    printf("  %s: %u:%u: %s\n", src, err.line, err.col, err.msg);
    return false;
  }
  bool ok = strlen(hex) == 2 * n;
  for (size_t i = 0; ok && i < n; i++) {
    char h[3];
    snprintf(h, sizeof h, "%02x", b[i]);
    ok = memcmp(h, hex + 2 * i, 2) == 0;
  }
  if (!ok) {
    printf("  %s: got ", src);
    for (size_t i = 0; i < n; i++)
      printf("%02x", b[i]);
    printf("\n");
  }
  free(b);
  return ok;
}

// Whether src parses and the result decodes and validates in ward.
static bool wat_valid(const char *src) {
  size_t n;
  wd_text_error_t err;
  uint8_t *b = wat(src, &n, &err);
  if (!b) {
    printf("  %s: %u:%u: %s\n", src, err.line, err.col, err.msg);
    return false;
  }
  ward_module_t *m = NULL;
  ward_error_t *e = ward_module_new(engine, b, n, &m);
  free(b);
  if (e) {
    printf("  %s: %s\n", src, ward_error_message(e));
    ward_error_delete(e);
    return false;
  }
  ward_module_delete(m);
  return true;
}

// Whether src fails with a message starting with msg at line:col (0: any).
static bool wat_fails(const char *src, const char *msg, uint32_t line, uint32_t col) {
  size_t n;
  wd_text_error_t err;
  uint8_t *b = wat(src, &n, &err);
  if (b) {
    free(b);
    printf("  %s: parsed\n", src);
    return false;
  }
  bool ok = strncmp(err.msg, msg, strlen(msg)) == 0 && (!line || err.line == line) &&
            (!col || err.col == col);
  if (!ok)
    printf("  %s: %u:%u: %s\n", src, err.line, err.col, err.msg);
  return ok;
}

// The bytes of the one function body's code (after locals), for short
// checks of instruction encodings: "(func ...)" with no locals.
static bool body_is(const char *func, const char *hex) {
  char src[4096];
  snprintf(src, sizeof src, "(module (memory 1) (table 1 funcref) %s)", func);
  size_t n;
  wd_text_error_t err;
  uint8_t *b = wat(src, &n, &err);
  if (!b) {
    printf("  %s: %u:%u: %s\n", func, err.line, err.col, err.msg);
    return false;
  }
  // find the code section
  size_t p = 8;
  bool ok = false;
  while (p + 1 < n) {
    uint8_t id = b[p];
    uint32_t size = 0, shift = 0;
    size_t q = p + 1;
    while (b[q] & 0x80)
      size |= (uint32_t)(b[q++] & 0x7f) << shift, shift += 7;
    size |= (uint32_t)b[q++] << shift;
    if (id == 10) {
      // count 1, body size (1 byte here), 0 local groups, code
      size_t code = q + 3, end = q + size;
      char got[2048] = "";
      for (size_t i = code; i < end && 2 * (i - code) + 2 < sizeof got; i++)
        snprintf(got + 2 * (i - code), 3, "%02x", b[i]);
      ok = strcmp(got, hex) == 0;
      if (!ok)
        printf("  %s: got %s\n", func, got);
      break;
    }
    p = q + size;
  }
  free(b);
  return ok;
}

static void test_numbers(void) {
  // i32: unsigned and signed ranges, hex, '_'
  CHECK(body_is("(func i32.const 0xffff_ffff drop)", "417f1a0b"));
  CHECK(body_is("(func i32.const -2147483648 drop)", "4180808080781a0b"));
  CHECK(body_is("(func i32.const 1_000 drop)", "41e8071a0b"));
  CHECK(wat_fails("(func i32.const 4294967296 drop)", "constant out of range", 1, 17));
  CHECK(wat_fails("(func i32.const -2147483649 drop)", "constant out of range", 0, 0));
  CHECK(wat_fails("(func i32.const 1__0 drop)", "unknown operator", 1, 17));
  CHECK(wat_fails("(func i32.const 0x drop)", "unknown operator", 0, 0));
  CHECK(body_is("(func i64.const -1 drop)", "427f1a0b"));
  CHECK(body_is("(func i64.const 0xffff_ffff_ffff_ffff drop)", "427f1a0b"));
  CHECK(wat_fails("(func i64.const 18446744073709551616 drop)", "constant out of range", 0, 0));
  // f32: rounding straight to float. Through double this would round
  // twice: 1 + 2^-24 + tiny is first rounded to 1 + 2^-24 (a tie), then
  // to even, 1.0; correctly rounded it is 1 + 2^-23.
  CHECK(body_is("(func f32.const 1.00000005960464477539062500001 drop)", "430100803f1a0b"));
  CHECK(body_is("(func f32.const 1.000000059604644775390625 drop)", "430000803f1a0b"));
  CHECK(body_is("(func f32.const 0x1.000001p0 drop)", "430000803f1a0b"));
  CHECK(body_is("(func f32.const 0x1.0000010000000001p0 drop)", "430100803f1a0b"));
  CHECK(body_is("(func f32.const -0x1p-149 drop)", "43010000801a0b"));
  CHECK(body_is("(func f32.const 0x1.fffffep127 drop)", "43ffff7f7f1a0b"));
  CHECK(wat_fails("(func f32.const 0x1.ffffffp127 drop)", "constant out of range", 0, 0));
  CHECK(wat_fails("(func f32.const 1e39 drop)", "constant out of range", 0, 0));
  CHECK(body_is("(func f32.const inf drop)", "430000807f1a0b"));
  CHECK(body_is("(func f32.const -nan drop)", "430000c0ff1a0b"));
  CHECK(body_is("(func f32.const nan:0x1 drop)", "430100807f1a0b"));
  CHECK(wat_fails("(func f32.const nan:0x800000 drop)", "constant out of range", 0, 0));
  CHECK(wat_fails("(func f32.const nan:0x0 drop)", "constant out of range", 0, 0));
  CHECK(body_is("(func f32.const 1_0.5e0_1 drop)", "430000d2421a0b")); // 105
  CHECK(wat_fails("(func f32.const 1._5 drop)", "unknown operator", 0, 0));
  // f64
  CHECK(body_is("(func f64.const 0.1 drop)", "449a9999999999b93f1a0b"));
  CHECK(body_is("(func f64.const -0 drop)", "4400000000000000801a0b"));
  CHECK(body_is("(func f64.const 0x1p-1074 drop)", "4401000000000000001a0b"));
  CHECK(body_is("(func f64.const nan:0xf_ffff_ffff_ffff drop)", "44ffffffffffffff7f1a0b"));
  CHECK(wat_fails("(func f64.const 1e309 drop)", "constant out of range", 0, 0));
  // 1 + 2^-53, the tie between 1 and the next double: to even (1.0), but
  // up when a nonzero digit follows, even 900 digits later.
  {
    static const char tie[] = "1.00000000000000011102230246251565404236316680908203125";
    char func[1200], digits[1000];
    memset(digits, '0', 900);
    digits[900] = 0;
    snprintf(func, sizeof func, "(func f64.const %s%s drop)", tie, digits);
    CHECK(body_is(func, "44000000000000f03f1a0b"));
    digits[899] = '1';
    snprintf(func, sizeof func, "(func f64.const %s%s drop)", tie, digits);
    CHECK(body_is(func, "44010000000000f03f1a0b"));
  }
  CHECK(wat_fails("(func (f32.const nan:arithmetic) drop)", "unexpected token", 0, 0));
}

static void test_strings_comments(void) {
  // escapes in a data segment; \u{1F600} is F0 9F 98 80
  CHECK(wat_is("(memory 1) (data (i32.const 0) \"\\t\\n\\r\\\\\\'\\\"\\41\\u{1F600}\\u{e9}\")",
               "0061736d01000000050301000"
               "10b13010041000b0d"
               "090a0d5c272241"
               "f09f9880c3a9"));
  // comments: nested block comments, line comments ending at CR or LF
  CHECK(wat_is("(module (; a (; nested ;) comment ;) ;; line\r(func))\n;; end",
               "0061736d01000000010401600000030201000a040102000b"));
  CHECK(wat_fails("(module (func)) (; open", "unclosed comment", 1, 17));
  CHECK(wat_fails("(module (export \"\\80\" (func 0)) (func))", "malformed UTF-8 encoding", 1, 17));
  CHECK(wat_fails("(module (func) (export \"a\\u{d800}\" (func 0)))", "unexpected end of string", 0,
                  0) ||
        wat_fails("(module (func) (export \"a\\u{d800}\" (func 0)))", "unknown operator", 0, 0) ||
        true); // any error will do: just no crash
  CHECK(wat_fails("(module (data $l\"a\"))", "unknown operator", 1, 15));
}

// Wasm 3.0's annotations, (@id ...), ignored wherever a token may be, and
// ids written as strings, $"...", the same id as $... of those characters.
static void test_annotations_ids(void) {
  const char *plain = "0061736d01000000010401600000030201000a040102000b";
  CHECK(
      wat_is("(@a) ((@b x (y (@z)) \"s\" ;; c\n) func (@c) (@\"q r\") (@d $x 0x1 , ; ]))", plain));
  CHECK(wat_is("(module (@a) $m (@a) (func (@a)) (@a))", plain));
  CHECK(wat_fails("(@)", "empty annotation id", 1, 1));
  CHECK(wat_fails("(@ x)", "empty annotation id", 1, 1));
  CHECK(wat_fails("(@\"\")", "empty annotation id", 1, 1));
  CHECK(wat_fails("(@\"\\ef\")", "malformed UTF-8", 1, 1));
  CHECK(wat_fails("(func) (@x (y)", "unclosed annotation", 1, 8));
  CHECK(wat_fails("(@x \"", "unclosed string", 1, 5));
  CHECK(wat_fails("(@a \x01)", "illegal character", 1, 5));
  CHECK(wat_fails("(@a \xc3\x9f)", "illegal character", 1, 5));
  CHECK(wat_fails("(@a \x80)", "malformed UTF-8 encoding", 1, 5));
  CHECK(wat_fails("(@x))", "unexpected token", 1, 5));
  CHECK(wat_fails("((@a)@b)", "unknown operator", 1, 6));
  CHECK(wat_fails("( @a)", "unknown operator", 1, 3));
  // $"..." ids: functions, locals, labels, types, fields
  CHECK(wat_is("(func $\"f\") (func call $f call $\"\\66\")",
               "0061736d01000000010401600000030302000"
               "00a0b020200"
               "0b0600100010000b"));
  CHECK(wat_valid("(type $\"t t\" (func (param i32))) (func (type $\"t t\") (param $\"x\" i32) "
                  "(local $\"\\u{e9}\" i32) local.get $x local.set $\"\xc3\xa9\" "
                  "block $\"l\" br $l end $\"l\" block $b end $\"b\")"));
  CHECK(wat_fails("(func $)", "empty identifier", 1, 7));
  CHECK(wat_fails("(func $\"\")", "empty identifier", 1, 7));
  CHECK(wat_fails("(func $ \"a\")", "empty identifier", 1, 7));
  CHECK(wat_fails("(func $\"\\ef\")", "malformed UTF-8 encoding", 1, 7));
  CHECK(wat_fails("(func $\"a\nb\")", "empty identifier", 1, 7));
  CHECK(wat_fails("(func $\"a\" $a)", "unexpected token", 1, 12));
  CHECK(wat_fails("(func $a) (func $\"a\")", "duplicate func $\"a\"", 1, 17));
  CHECK(wat_fails("(func block $a end $\"b\")", "mismatching label", 1, 20));
}

static void test_module(void) {
  // the empty module, with and without (module)
  CHECK(wat_is("(module)", "0061736d01000000"));
  CHECK(wat_is("", "0061736d01000000"));
  CHECK(wat_is("(module $m)", "0061736d01000000"));
  // implicit types: explicit ones first, then in order of first use
  CHECK(wat_is("(func (param i32)) (type (func)) (func (result f64) f64.const 0) "
               "(func (param i32))",
               "0061736d0100000001"
               "0c03600000"
               "60017f00"
               "6000017c"
               "0304030102010a"
               "130302000b"
               "0b00440000000000000000"
               "0b02000b"));
  // inline imports and exports, and the order of exports
  CHECK(wat_valid("(func $f (export \"a\") (export \"b\") (import \"m\" \"f\") (param i32)) "
                  "(memory (export \"mem\") 1) (global $g (mut i32) (i32.const 0)) "
                  "(export \"g\" (global $g)) (table 2 funcref) (elem (i32.const 0) $f $f)"));
  // inline elem and data abbreviations
  CHECK(wat_valid("(func $f) (table funcref (elem $f $f)) (memory (data \"ab\" \"c\"))"));
  CHECK(wat_valid(
      "(func $f) (table $t 1 externref) (table $u 2 funcref) "
      "(elem (table $u) (offset (i32.const 1)) func $f) "
      "(elem $p funcref (ref.func $f) (item ref.null func)) "
      "(elem declare func $f) (elem (table $t) (i32.const 0) externref (ref.null extern)) "
      "(func (table.init $u $p (i32.const 0) (i32.const 0) (i32.const 1)) "
      "(elem.drop $p))"));
  CHECK(wat_valid(
      "(memory 1) (data $d \"x\") (data (memory 0) (offset i32.const 1) \"y\") "
      "(func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop $d))"));
  // labels and locals by name, flat and folded forms, block types
  CHECK(wat_valid("(func $f (param $x i32) (result i32) (local $y i32) "
                  "(block $out (result i32) (loop $top (br_if $out (local.get $x) "
                  "(local.get $x)) (local.set $y (local.get $x)) br $top) unreachable) "
                  "local.get $y drop)"));
  CHECK(wat_valid("(func (result i32 i32) (i32.const 1) (if (param i32) (result i32 i32) "
                  "(i32.const 2) (then (i32.const 3)) (else (i32.const 4))))"));
  CHECK(wat_valid("(type $t (func (param i32) (result i32))) (func (param i32) (result i32) "
                  "local.get 0 block $b (type $t) (param i32) (result i32) end $b)"));
  CHECK(wat_valid("(table 1 funcref) (type $t (func (param i32))) (func $g (param i32)) "
                  "(func (call_indirect (type $t) (i32.const 1) (i32.const 0)) "
                  "(call_indirect 0 (param i32) (i32.const 1) (i32.const 0)))"));
  CHECK(wat_valid("(func (result i32) (select (result i32) (i32.const 1) (i32.const 2) "
                  "(i32.const 3)))"));
  CHECK(wat_valid("(elem declare func 0) (func (result funcref) (ref.func 0)) (func (result i32) "
                  "(ref.is_null (ref.null extern)))"));
  // errors
  CHECK(wat_fails("(module\n  (func (i32.add2)))", "unknown operator", 2, 10));
  CHECK(wat_fails("(func $f) (func $f)", "duplicate func", 1, 17));
  CHECK(wat_fails("(func (param $x i32) (local $x i32))", "duplicate local", 1, 29));
  CHECK(wat_fails("(func block $a br $b end)", "unknown label", 1, 19));
  CHECK(wat_fails("(func block $a end $b)", "mismatching label", 1, 20));
  CHECK(wat_fails("(func local.get $x)", "unknown local", 1, 17));
  CHECK(wat_fails("(func call $nope)", "unknown function", 1, 12));
  CHECK(wat_fails("(data (memory $m) (i32.const 0))", "unknown memory", 1, 15));
  CHECK(wat_fails("(func global.get $g drop)", "unknown global", 1, 18));
  CHECK(wat_fails("(func (drop (table.size $t)))", "unknown table", 1, 25));
  CHECK(wat_fails("(func elem.drop $e)", "unknown elem segment", 1, 17));
  CHECK(wat_fails("(func data.drop $d)", "unknown data segment", 1, 17));
  CHECK(wat_fails("(func (type $t))", "unknown type", 1, 13));
  CHECK(wat_fails("(type $t (func)) (type $t (func))", "duplicate type", 1, 24));
  CHECK(wat_fails("(memory $m 1) (memory $m 1)", "duplicate memory", 1, 23));
  CHECK(wat_fails("(type $t (func)) (func (type $t) (param i32))", "inline function type", 0, 0));
  CHECK(wat_fails("(func) (import \"\" \"\" (func))", "import after function", 1, 9));
  CHECK(wat_fails("(func) (start 0) (start 0)", "multiple start sections", 0, 0));
  CHECK(wat_fails("(memory 0x1_0000_0000_0000_0000)", "i64 constant out of range", 0, 0));
  CHECK(wat_fails("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))", "alignment", 1, 34));
  CHECK(wat_fails("(func (nop) (local i32))", "unexpected token", 0, 0));
  CHECK(wat_fails("(module (func)", "unexpected end", 0, 0));
  CHECK(wat_fails("(module) (func)", "unexpected token", 1, 10));
}

// Whether src fails with a message starting with msg when the text may use
// only the given features.
// Multi-memory and memory64 (Wasm 3.0): memory indices on the memory
// instructions, 64-bit memories and tables, limits and offsets.
static void test_memories(void) {
  // A memarg naming memory 1: flags with bit 6, the index, then the offset.
  CHECK(body_is("(memory $m 1) (func (drop (i32.load $m offset=4 (i32.const 0))))",
                "4100284201041a0b"));
  CHECK(body_is("(memory $m 1) (func (drop (i32.load 1 (i32.const 0))))", "4100284201001a0b"));
  CHECK(body_is("(func (drop (i32.load 0 offset=4 (i32.const 0))))", "41002802041a0b"));
  CHECK(body_is("(memory $m 1) (func (i64.store8 $m align=1 (i32.const 0) (i64.const 0)))",
                "410042003c4001000b"));
  CHECK(body_is("(memory $m 1) (func (drop (memory.size $m)))", "3f011a0b"));
  CHECK(body_is("(memory $m 1) (func (drop (memory.grow 1 (i32.const 1))))", "410140011a0b"));
  CHECK(body_is("(memory $m 1) (func (memory.copy $m 0 (i32.const 0) (i32.const 0) (i32.const "
                "0)))",
                "410041004100fc0a01000b"));
  CHECK(body_is("(memory $m 1) (func (memory.fill $m (i32.const 0) (i32.const 0) (i32.const 0)))",
                "410041004100fc0b010b"));
  CHECK(body_is("(memory $m 1) (data $d \"\") (func (memory.init $m $d (i32.const 0) (i32.const 0) "
                "(i32.const 0)))",
                "410041004100fc0800010b"));
  // A lane load: a number before the lane index is a memory index only if
  // another number (or offset=, align=) follows it.
  CHECK(body_is("(memory $m 1) (func (param v128) (drop (v128.load8_lane 1 (i32.const 0) "
                "(local.get 0))))",
                "41002000fd540000011a0b"));
  CHECK(body_is("(memory $m 1) (func (param v128) (drop (v128.load8_lane 1 1 (i32.const 0) "
                "(local.get 0))))",
                "41002000fd54400100011a0b"));
  // 64-bit memories and tables: flags 0x04, | 0x01 with a maximum; an
  // inline segment's offset is an i64.
  CHECK(wat_is("(memory i64 1 2)", "0061736d01000000050401050102"));
  CHECK(wat_is("(table i64 0x1_0000_0000 funcref)", "0061736d0100000004080170048080808010"));
  CHECK(wat_is("(memory i64 (data \"a\"))", "0061736d01000000050401050101"
                                            "0b07010042000b0161"));
  CHECK(body_is("(memory $m i64 1) (func (drop (i64.load $m offset=0x1_0000_0000 (i64.const 0))))",
                "420029430180808080101a0b"));
  CHECK(wat_fails("(memory 1) (memory (import \"a\" \"b\") 1)", "import after memory", 0, 0));
  CHECK(wat_valid("(memory (import \"a\" \"b\") i64 1) (memory 1) (memory $b 2) (data (memory "
                  "$b) (i32.const 0) \"x\") (func (result i64) (memory.size 0)) (func (param "
                  "i64 i32) (memory.copy 0 1 (local.get 0) (local.get 1) (local.get 1)))"));
  // Without memory64 the text is Wasm 2.0's: 32-bit limits and offsets.
  uint32_t v2 = WARD_FEATURES_ALL & ~(uint32_t)WARD_FEATURE_MEMORY64;
  CHECK(wat_fails_with(v2, "(memory 0x1_0000_0000)", "i32 constant out of range"));
  CHECK(wat_fails_with(v2, "(table 0 0x1_0000_0000 funcref)", "i32 constant out of range"));
  CHECK(wat_fails_with(v2, "(memory 1) (func (drop (i32.load offset=0x1_0000_0000 (i32.const 0))))",
                       "i32 constant out of range"));
  CHECK(wat_fails("(memory 1) (func (drop (i32.load offset=0x1_0000_0000_0000_0000 (i32.const "
                  "0))))",
                  "i64 constant out of range", 0, 0));
}

static void test_simd(void) {
  CHECK(body_is("(func v128.const i16x8 1 2 3 4 5 6 7 -1 drop)",
                "fd0c0100020003000400050006000700ffff1a0b"));
  CHECK(body_is("(func v128.const f32x4 1 -0 inf nan drop)", "fd0c0000803f00000080"
                                                             "0000807f0000c07f1a0b"));
  CHECK(body_is("(func (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 "
                "(v128.const i64x2 0 0) (v128.const i64x2 0 0)) drop)",
                "fd0c00000000000000000000000000000000fd0c00000000000000000000000000000000"
                "fd0d000102030405060708090a0b0c0d0e1f1a0b"));
  CHECK(body_is("(func (v128.load16_lane offset=8 3 (i32.const 0) (v128.const i64x2 0 0)) drop)",
                "4100fd0c00000000000000000000000000000000fd55010803"
                "1a0b"));
  CHECK(body_is("(func (i32x4.relaxed_dot_i8x16_i7x16_add_s (v128.const i64x2 0 0) "
                "(v128.const i64x2 0 0) (v128.const i64x2 0 0)) drop)",
                "fd0c00000000000000000000000000000000fd0c00000000000000000000000000000000"
                "fd0c00000000000000000000000000000000fd93021a0b"));
  CHECK(wat_fails("(func (v128.const i32x4 1 2 3) drop)", "wrong number of lane literals", 0, 0));
  CHECK(wat_fails("(func (v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0) drop)",
                  "constant out of range", 0, 0));
  CHECK(wat_fails("(func (i8x16.extract_lane_s 256 (v128.const i64x2 0 0)) drop)",
                  "i8 constant out of range", 0, 0));
  CHECK(wat_fails("(func (i8x16.shuffle 0 1 (v128.const i64x2 0 0) (v128.const i64x2 0 0)) drop)",
                  "invalid lane length", 0, 0));

  // Every row of simd_ops.def: the text name parses, with immediates of
  // its kind, into 0xFD, the sub-opcode and the immediates.
  struct row {
    const char *text;
    uint32_t sub;
    const char *imm;
    unsigned n;
  } rows[] = {
#define WD_SIMD(NAME, lname, text, sub, IMM, N, SIG) {text, sub, #IMM, N},
#include "ir/simd_ops.def"
#undef WD_SIMD
  };
  size_t nrows = sizeof rows / sizeof rows[0];
  CHECK(nrows == 256);
  unsigned good = 0;
  for (size_t i = 0; i < nrows; i++) {
    const struct row *r = &rows[i];
    char func[512], hex[256];
    const char *imm = "";
    char immhex[128] = "";
    unsigned lg = 0;
    while ((1u << lg) < r->n)
      lg++;
    if (!strcmp(r->imm, "MEMARG")) {
      imm = " offset=5";
      snprintf(immhex, sizeof immhex, "%02x05", lg);
    } else if (!strcmp(r->imm, "MEMARG_LANE")) {
      imm = " offset=5 1";
      snprintf(immhex, sizeof immhex, "%02x0501", lg);
    } else if (!strcmp(r->imm, "LANE")) {
      imm = " 1";
      snprintf(immhex, sizeof immhex, "01");
    } else if (!strcmp(r->imm, "CONST16")) {
      imm = " i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15";
      snprintf(immhex, sizeof immhex, "000102030405060708090a0b0c0d0e0f");
    } else if (!strcmp(r->imm, "SHUFFLE")) {
      imm = " 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0";
      snprintf(immhex, sizeof immhex, "0f0e0d0c0b0a09080706050403020100");
    }
    snprintf(func, sizeof func, "(func %s%s)", r->text, imm);
    if (r->sub < 0x80)
      snprintf(hex, sizeof hex, "fd%02x%s0b", r->sub, immhex);
    else
      snprintf(hex, sizeof hex, "fd%02x%02x%s0b", (r->sub & 0x7f) | 0x80, r->sub >> 7, immhex);
    if (body_is(func, hex))
      good++;
  }
  CHECK(good == nrows);
}

static void test_wast(void) {
  const char *src =
      "(module $M (func (export \"f\") (param i32) (result i32) local.get 0))\n"
      "(register \"m\" $M)\n"
      "(assert_return (invoke $M \"f\" (i32.const -1)) (i32.const 0xffffffff))\n"
      "(assert_return (invoke \"g\") (f32.const nan:canonical) (f64.const nan:arithmetic)\n"
      "  (v128.const f32x4 nan:canonical 1 -0 nan:arithmetic) (ref.null extern)\n"
      "  (ref.extern 7) (ref.func))\n"
      "(assert_return (invoke \"h\") (either (i32.const 1) (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 "
      "10 11 12 13 14 -1)))\n"
      "(assert_trap (invoke \"t\") \"unreachable\")\n"
      "(assert_trap (module (func $s unreachable) (start $s)) \"unreachable\")\n"
      "(assert_exhaustion (invoke \"r\") \"call stack exhausted\")\n"
      "(assert_malformed (module quote \"(func (i32.add2))\") \"unknown operator\")\n"
      "(assert_malformed (module (func (i32.add2))) \"unknown operator\")\n"
      "(assert_invalid (module binary \"\\00asm\" \"\\01\\00\\00\\00\") \"x\")\n"
      "(assert_unlinkable (module (import \"a\" \"b\" (func))) \"unknown import\")\n"
      "(assert_uninstantiable (module (func)) \"x\")\n"
      "(get \"glob\")\n"
      "(invoke $M \"f\" (i64.const 1) (f32.const 0x1p1) (v128.const i64x2 1 -1))\n";
  wd_wast_script_t S;
  wd_text_error_t err;
  bool ok = wd_wast_parse(src, strlen(src), &S, &err);
  CHECK(ok);
  if (!ok)
    printf("  %u:%u: %s\n", err.line, err.col, err.msg);
  CHECK(S.ncmds == 15);
  if (S.ncmds == 15) {
    wd_wast_cmd_t *c = S.cmds;
    CHECK(c[0].kind == WD_WAST_MODULE && c[0].module.parsed && c[0].module.form == WD_MOD_TEXT &&
          !strcmp(c[0].module.name, "M") && c[0].module.len > 8);
    CHECK(c[1].kind == WD_WAST_REGISTER && !strcmp(c[1].text, "m") &&
          !strcmp(c[1].reg_module, "M"));
    CHECK(c[2].kind == WD_WAST_ASSERT_RETURN && c[2].line == 3 && c[2].col == 1 &&
          !strcmp(c[2].action.module, "M") && c[2].action.nargs == 1 &&
          c[2].action.args[0].bits == 0xffffffffu && c[2].nalts == 1 && c[2].nalt_vals[0] == 1 &&
          c[2].alts[0][0].kind == WD_WV_I32 && c[2].alts[0][0].bits == 0xffffffffu);
    wd_wast_val_t *r = c[3].alts[0];
    CHECK(c[3].nalt_vals[0] == 6);
    CHECK(r[0].kind == WD_WV_F32 && r[0].pat == WD_PAT_NAN_CANONICAL);
    CHECK(r[1].kind == WD_WV_F64 && r[1].pat == WD_PAT_NAN_ARITHMETIC);
    CHECK(r[2].kind == WD_WV_V128 && r[2].shape == WD_SHAPE_F32X4 &&
          r[2].lane_pat[0] == WD_PAT_NAN_CANONICAL && r[2].lane_pat[1] == WD_PAT_EXACT &&
          r[2].lane_pat[3] == WD_PAT_NAN_ARITHMETIC && r[2].v128[4] == 0 && r[2].v128[7] == 0x3f &&
          r[2].v128[11] == 0x80);
    CHECK(r[3].kind == WD_WV_REF_NULL && r[3].heap == 0x6f);
    CHECK(r[4].kind == WD_WV_REF_EXTERN && r[4].bits == 7);
    CHECK(r[5].kind == WD_WV_REF_FUNC);
    CHECK(c[4].nalts == 2 && c[4].nalt_vals[0] == 1 && c[4].nalt_vals[1] == 1 &&
          c[4].alts[1][0].kind == WD_WV_V128 && c[4].alts[1][0].v128[15] == 0xff);
    CHECK(c[5].kind == WD_WAST_ASSERT_TRAP && c[5].has_action && !strcmp(c[5].text, "unreachable"));
    CHECK(c[6].kind == WD_WAST_ASSERT_TRAP && !c[6].has_action && c[6].module.parsed);
    CHECK(c[7].kind == WD_WAST_ASSERT_EXHAUSTION && c[7].has_action);
    CHECK(c[8].kind == WD_WAST_ASSERT_MALFORMED && c[8].module.form == WD_MOD_QUOTE &&
          !c[8].module.parsed && !strcmp(c[8].module.quote, "(func (i32.add2))"));
    wd_wast_parse_quote(&c[8].module);
    CHECK(!c[8].module.parsed && !strncmp(c[8].module.err.msg, "unknown operator", 16) &&
          c[8].module.err.line == 1 && c[8].module.err.col == 8);
    CHECK(c[9].kind == WD_WAST_ASSERT_MALFORMED && c[9].module.form == WD_MOD_TEXT &&
          !c[9].module.parsed && c[9].module.err.line == 12);
    CHECK(c[10].kind == WD_WAST_ASSERT_INVALID && c[10].module.form == WD_MOD_BINARY &&
          c[10].module.len == 8 && c[10].module.bytes[1] == 'a');
    CHECK(c[11].kind == WD_WAST_ASSERT_UNLINKABLE && c[11].module.parsed);
    CHECK(c[12].kind == WD_WAST_ASSERT_UNINSTANTIABLE && c[12].module.parsed);
    CHECK(c[13].kind == WD_WAST_ACTION && c[13].action.is_get &&
          !strcmp(c[13].action.field, "glob") && c[13].action.field_len == 4);
    CHECK(c[14].kind == WD_WAST_ACTION && c[14].action.nargs == 3 &&
          c[14].action.args[1].bits == 0x40000000u && c[14].action.args[2].v128[8] == 0xff);
  }
  wd_wast_free(&S);

  // A syntax error in the script itself.
  const char *bad = "(module)\n(assert_return (invoke \"f\" (i32.const 1)) (i32.const x))";
  ok = wd_wast_parse(bad, strlen(bad), &S, &err);
  CHECK(!ok && err.line == 2 && S.ncmds == 2);
  wd_wast_free(&S);

  // Wasm 3.0's (module definition ...) and (module instance $inst? $mod?)
  const char *inst = "(module definition $M (func))\n(module instance $I $M)\n"
                     "(module instance $M)\n(module instance)\n(module $\"N\")";
  ok = wd_wast_parse(inst, strlen(inst), &S, &err);
  CHECK(ok && S.ncmds == 5);
  if (ok && S.ncmds == 5) {
    wd_wast_cmd_t *c = S.cmds;
    CHECK(c[0].kind == WD_WAST_MODULE && c[0].module.definition && !strcmp(c[0].module.name, "M"));
    CHECK(c[1].kind == WD_WAST_INSTANCE && !strcmp(c[1].module.name, "I") &&
          !strcmp(c[1].def_module, "M"));
    CHECK(c[2].kind == WD_WAST_INSTANCE && !c[2].module.name && !strcmp(c[2].def_module, "M"));
    CHECK(c[3].kind == WD_WAST_INSTANCE && !c[3].module.name && !c[3].def_module);
    CHECK(c[4].kind == WD_WAST_MODULE && !strcmp(c[4].module.name, "N"));
  }
  wd_wast_free(&S);
}

int main(void) {
  ward_config_t cfg;
  ward_config_init(&cfg);
  engine = ward_engine_new(&cfg);
  test_numbers();
  test_strings_comments();
  test_annotations_ids();
  test_module();
  test_memories();
  test_simd();
  test_wast();
  ward_engine_delete(engine);
  printf("test_text: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
