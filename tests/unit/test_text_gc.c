// SPDX-License-Identifier: Apache-2.0
// Unit tests for the text format of Wasm 3.0 GC (src/text): type
// definitions (struct, array, func; sub and sub final with supertypes;
// recursive groups with forward references; field names and packed
// fields; every reference type and shorthand), the rule by which an inline
// signature reuses a type, every 0xFB instruction and ref.eq in flat and
// folded forms, GC instructions in constant expressions, and the script
// values of the GC scripts. Each expected byte string is checked by hand
// against the spec's binary format (document/core/binary) and, for the
// instructions, against binaryen's wasm-opt output.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "check.h"
#include "wat_fails.h"

// The contents of section id (after its size) of the module src, as hex;
// "" if there is none, NULL (and a message) if src does not parse.
static char *section_hex(const char *src, uint8_t id) {
  uint8_t *b = NULL;
  size_t n;
  wd_text_error_t err;
  if (!wd_wat_to_wasm(src, strlen(src), &b, &n, &err)) {
    printf("  %s: %u:%u: %s\n", src, err.line, err.col, err.msg);
    return NULL;
  }
  char *hex = calloc(2 * n + 1, 1);
  for (size_t p = 8; hex && p < n;) {
    uint8_t sid = b[p];
    uint32_t size = 0, shift = 0;
    size_t q = p + 1;
    while (b[q] & 0x80)
      size |= (uint32_t)(b[q++] & 0x7f) << shift, shift += 7;
    size |= (uint32_t)b[q++] << shift;
    if (sid == id) {
      for (size_t i = 0; i < size; i++)
        snprintf(hex + 2 * i, 3, "%02x", b[q + i]);
      break;
    }
    p = q + size;
  }
  free(b);
  return hex;
}

// Whether section id of src is exactly hex.
static bool section_is(const char *src, uint8_t id, const char *hex) {
  char *got = section_hex(src, id);
  bool ok = got && strcmp(got, hex) == 0;
  if (got && !ok)
    printf("  %s: section %u is %s\n", src, id, got);
  free(got);
  return ok;
}

// The types of the instruction tests: 0 a struct with fields $a (i32) and
// $b (mut i8), 1 an array of (mut i16), 2 a function type; data $d and
// elem $e for the segment instructions.
#define TYPES                                                                                      \
  "(type $s (struct (field $a i32) (field $b (mut i8)))) (type $v (array (mut i16))) "             \
  "(type $f (func)) (data $d \"ab\") (elem $e func) "

// Whether the code of the one function (func_body: its instructions, no
// locals) after TYPES is hex, its end included.
static bool code_is(const char *func_body, const char *hex) {
  char src[4096], want[1024];
  snprintf(src, sizeof src, "(module " TYPES "(func %s))", func_body);
  // count 1, body size, no locals, the code
  size_t code = strlen(hex) / 2 + 1;
  int n = code < 0x80 ? snprintf(want, sizeof want, "01%02zx00%s", code, hex)
                      : snprintf(want, sizeof want, "01%02zx%02zx00%s", (code & 0x7f) | 0x80,
                                 code >> 7, hex);
  if (n < 0 || (size_t)n >= sizeof want)
    return false;
  char *got = section_hex(src, 10);
  bool ok = got && strcmp(got, want) == 0;
  if (got && !ok)
    printf("  %s: code %s, not %s\n", func_body, got, want);
  free(got);
  return ok;
}

// Whether src fails with a message starting with msg (every feature on).
static bool fails(const char *src, const char *msg) {
  return wat_fails_with(WARD_FEATURES_ALL, src, msg);
}

static void test_type_defs(void) {
  // struct: fields named and not, (field t*) for several, packed i8 and
  // i16, mutability (0x00 const, 0x01 var)
  CHECK(section_is("(type $t (struct (field $a i32) (field (mut i8)) (field i64 f32)))", 1,
                   "01"
                   "5f047f007801"
                   "7e007d00"));
  CHECK(section_is("(type (struct)) (type (struct (field (mut i16) (mut v128))))", 1,
                   "02"
                   "5f00"
                   "5f0277017b01"));
  // array, func
  CHECK(section_is("(type $a (array (mut i16))) (type (array i8)) (type (array (ref null 0)))", 1,
                   "03"
                   "5e7701"
                   "5e7800"
                   "5e630000"));
  CHECK(section_is("(type $f (func (param $x i32) (param i64 f32) (result f64)))", 1,
                   "01"
                   "60037f7e7d017c"));
  // sub: 0x50 (non-final) or 0x4F (final), the supertypes, the type;
  // final without supertypes is the type alone
  CHECK(section_is("(type $s (sub (struct))) (type $t (sub final $s (struct (field i32)))) "
                   "(type (sub $t (struct (field i32 i64)))) (type (sub final (func)))",
                   1,
                   "04"
                   "50005f00"
                   "4f01005f017f00"
                   "5001015f027f007e00"
                   "600000"));
  // supertypes by name or index, before or after (validation checks the order)
  CHECK(section_is("(type $a (sub 1 (func))) (type $b (sub (func)))", 1,
                   "02"
                   "500101600000"
                   "5000600000"));
  // rec groups: 0x4E and the count; names refer forward within the group
  // and across the module; one type alone in (rec) is as without it; an
  // empty (rec) is a group too
  CHECK(section_is(
      "(rec (type $a (struct (field (ref null $b)))) (type $b (struct (field (ref $a)))))", 1,
      "01"
      "4e02"
      "5f01630100"
      "5f01640000"));
  CHECK(section_is("(type $x (func (param (ref $y)))) (rec) (rec (type $y (struct))) "
                   "(rec (type $z (sub $y (struct))) (type (array (ref $z))))",
                   1,
                   "04"
                   "6001640100"
                   "4e00"
                   "5f00"
                   "4e02"
                   "5001015f00"
                   "5e640200"));
  // every reference type shorthand (nullable abstract heap types)
  CHECK(section_is("(type (func (param anyref eqref i31ref structref arrayref nullref funcref "
                   "nullfuncref externref nullexternref exnref nullexnref)))",
                   1,
                   "01"
                   "600c6e6d6c6b6a7170736f726974"
                   "00"));
  // (ref ht) for every abstract heap type; (ref null ht) is written as the
  // shorthand
  CHECK(section_is("(type (func (param (ref any) (ref eq) (ref i31) (ref struct) (ref array) "
                   "(ref none) (ref func) (ref nofunc) (ref extern) (ref noextern) (ref exn) "
                   "(ref noexn))))",
                   1,
                   "01"
                   "600c646e646d646c646b646a64716470647364"
                   "6f647264696474"
                   "00"));
  CHECK(section_is("(type (func (result (ref null any) (ref null nofunc) (ref null exn))))", 1,
                   "01"
                   "6000036e7369"));
  // type indices in heap types: s33, so 64 and up take two bytes
  CHECK(section_is("(type $t (func (param (ref null $t) (ref 0))))", 1,
                   "01"
                   "60026300640000"));
  // errors
  CHECK(fails("(type (struct (field $a i32) (field $a i64)))", "duplicate field $a"));
  CHECK(fails("(type $t (func)) (rec (type $t (struct)))", "duplicate type $t"));
  CHECK(fails("(type (struct (field $x))) (func)", "unexpected token"));
  CHECK(fails("(type (array i32 i64))", "unexpected token"));
  CHECK(fails("(type (sub final final (func)))", "unexpected token"));
  CHECK(fails("(rec (func))", "unexpected token"));
  CHECK(fails("(type (struct (field (ref $nope))))", "unknown type $nope"));
  CHECK(fails("(type (array i8)) (func (param i8))", "unknown operator i8"));
  // the first error of the module wins, though types are read first
  CHECK(fails("(func $f) (func $f) (type (struct (field $a i32) (field $a i64)))",
              "duplicate func $f"));
}

// A function's type (the function section) and the type section after an
// inline signature: reused only if there is a final function type without
// supertypes, alone in its recursive group, with that signature.
static void test_implicit_types(void) {
  CHECK(section_is("(type $f (func)) (func)", 3, "0100"));
  CHECK(section_is("(type (struct)) (type (sub final (func))) (func)", 3, "0101"));
  CHECK(section_is("(rec (type (func))) (func)", 3, "0100"));
  // non-final, with a supertype, in a group of two: a new type at the end
  CHECK(section_is("(type $s (sub (func))) (func)", 3, "0101"));
  CHECK(section_is("(type $s (sub (func))) (func)", 1,
                   "02"
                   "5000600000"
                   "600000"));
  CHECK(section_is("(type $b (sub (func))) (type (sub final $b (func))) (func)", 3, "0102"));
  CHECK(section_is("(rec (type (func)) (type (struct))) (func)", 3, "0102"));
  CHECK(section_is("(rec (type (func)) (type (struct))) (func)", 1,
                   "02"
                   "4e02600000"
                   "5f00"
                   "600000"));
  // the signature must be the same, references by index
  CHECK(section_is("(type $t (struct)) (type (func (param (ref $t)))) (func (param (ref 0)))", 3,
                   "0101"));
  CHECK(section_is("(type $t (struct)) (type (func (param (ref $t)))) (func (param (ref null 0)))",
                   3, "0102"));
  // the appended type is then reused, and block types use the rule too
  CHECK(section_is("(type (sub (func (param i32)))) (func (param i32)) (func (param i32) "
                   "(block (param i32) drop))",
                   3, "020101"));
  // (type x) with inline types: they must match a function type
  CHECK(fails("(type (struct)) (func (type 0) (param i32))", "inline function type"));
  CHECK(section_is("(type (struct)) (type $f (func (param i32))) (func (type $f) (param i32))", 3,
                   "0101"));
}

static void test_instrs(void) {
  CHECK(code_is("struct.new $s", "fb00000b"));
  CHECK(code_is("struct.new_default 0", "fb01000b"));
  CHECK(code_is("struct.get $s $a", "fb0200000b"));
  CHECK(code_is("struct.get_s $s $b", "fb0300010b"));
  CHECK(code_is("struct.get_u 0 1", "fb0400010b"));
  CHECK(code_is("struct.set $s $b", "fb0500010b"));
  CHECK(code_is("array.new $v", "fb06010b"));
  CHECK(code_is("array.new_default $v", "fb07010b"));
  CHECK(code_is("array.new_fixed $v 3", "fb0801030b"));
  CHECK(code_is("array.new_fixed 1 200", "fb0801c8010b"));
  CHECK(code_is("array.new_data $v $d", "fb0901000b"));
  CHECK(code_is("array.new_elem $v $e", "fb0a01000b"));
  CHECK(code_is("array.get $v", "fb0b010b"));
  CHECK(code_is("array.get_s $v", "fb0c010b"));
  CHECK(code_is("array.get_u $v", "fb0d010b"));
  CHECK(code_is("array.set $v", "fb0e010b"));
  CHECK(code_is("array.len", "fb0f0b"));
  CHECK(code_is("array.fill $v", "fb10010b"));
  CHECK(code_is("array.copy $v 1", "fb1101010b"));
  CHECK(code_is("array.init_data $v $d", "fb1201000b"));
  CHECK(code_is("array.init_elem $v $e", "fb1301000b"));
  // ref.test and ref.cast: (ref ht) 20/22, (ref null ht) 21/23
  CHECK(code_is("ref.test (ref $s)", "fb14000b"));
  CHECK(code_is("ref.test (ref null $v)", "fb15010b"));
  CHECK(code_is("ref.test i31ref", "fb156c0b"));
  CHECK(code_is("ref.cast (ref eq)", "fb166d0b"));
  CHECK(code_is("ref.cast nullref", "fb17710b"));
  CHECK(code_is("ref.cast (ref null struct)", "fb176b0b"));
  // br_on_cast(_fail) l rt1 rt2: flags (bit 0 rt1 nullable, bit 1 rt2
  // nullable), the label, the two heap types
  CHECK(code_is("(block $l (result anyref) br_on_cast $l anyref (ref $s))", "026e"
                                                                            "fb1801006e00"
                                                                            "0b0b"));
  CHECK(code_is("br_on_cast_fail 0 (ref null any) (ref null $v)", "fb1903006e010b"));
  CHECK(code_is("br_on_cast 0 (ref any) eqref", "fb1802006e6d0b"));
  CHECK(code_is("br_on_cast_fail 0 (ref any) (ref array)", "fb1900006e6a0b"));
  CHECK(code_is("any.convert_extern extern.convert_any", "fb1afb1b0b"));
  CHECK(code_is("ref.i31 i31.get_s i31.get_u", "fb1cfb1dfb1e0b"));
  CHECK(code_is("ref.eq", "d30b"));
  // folded: the operands first
  CHECK(code_is("(struct.get $s $a (ref.null $s))", "d000fb0200000b"));
  CHECK(code_is("(struct.set $s 1 (ref.null $s) (i32.const 7))", "d0004107fb0500010b"));
  CHECK(code_is("(ref.cast (ref $s) (ref.null any))", "d06efb16000b"));
  CHECK(code_is("(ref.test (ref null i31) (ref.i31 (i32.const 1)))", "4101fb1cfb156c0b"));
  CHECK(code_is("(block $l (result eqref) (br_on_cast $l anyref eqref (ref.null none)) drop "
                "(ref.null eq))",
                "026d"
                "d071fb1803006e6d"
                "1a"
                "d06d"
                "0b0b"));
  CHECK(code_is("(array.new_fixed $v 2 (i32.const 1) (i32.const 2))", "41014102fb0801020b"));
  CHECK(code_is("(array.copy $v $v (ref.null $v) (i32.const 0) (ref.null $v) (i32.const 0) "
                "(i32.const 1))",
                "d0014100"
                "d0014100"
                "4101"
                "fb1101010b"));
  CHECK(code_is("(ref.eq (ref.null eq) (ref.null none))", "d06dd071d30b"));
  // struct.get's field by name is looked up in that type's names
  CHECK(section_is("(type $p (struct (field $x i32) (field $y i32))) "
                   "(type $q (struct (field $y i64) (field $x i64))) "
                   "(func (struct.get $q $x (ref.null $q)) drop (struct.get $p $x (ref.null $p)) "
                   "drop)",
                   10,
                   "01"
                   "1000"
                   "d001fb0201011a"
                   "d000fb0200001a"
                   "0b"));
  // array.new_data and array.init_data need the data count section
  CHECK(section_is("(type $v (array i8)) (data $d \"\") (func (array.new_data $v $d "
                   "(i32.const 0) (i32.const 0)) drop)",
                   12, "01"));
  // errors
  CHECK(fails("(module " TYPES "(func struct.get $s $c))", "unknown field $c"));
  CHECK(fails("(module " TYPES "(func struct.get $v $a))", "unknown field $a"));
  CHECK(fails("(module " TYPES "(func ref.cast $s))", "unexpected token"));
  CHECK(fails("(module " TYPES "(func br_on_cast 0 anyref))", "unexpected token"));
  CHECK(fails("(module " TYPES "(func array.new_fixed $v))", "unexpected token"));
  CHECK(fails("(module " TYPES "(func array.copy $v))", "unexpected token"));
}

// GC instructions in constant expressions: globals, elem items, a table's
// initial value.
static void test_const_exprs(void) {
  CHECK(section_is("(type $s (struct (field i32) (field i32))) "
                   "(global (ref $s) (struct.new $s (i32.const 1) (i32.const 2))) "
                   "(global anyref (ref.i31 (i32.const 5)))",
                   6,
                   "02"
                   "64000041014102fb00000b"
                   "6e004105fb1c0b"));
  CHECK(section_is("(type $s (struct)) (elem $e (ref $s) (struct.new_default $s) "
                   "(item (struct.new_default $s)))",
                   9,
                   "01"
                   "056400"
                   "02"
                   "fb01000b"
                   "fb01000b"));
  CHECK(section_is("(type $v (array i8)) (table 1 (ref null $v) (array.new_fixed $v 0))", 4,
                   "01"
                   "4000"
                   "6300"
                   "0001"
                   "fb0800000b"));
  CHECK(section_is("(global externref (extern.convert_any (ref.null any)))", 6,
                   "01"
                   "6f00d06efb1b0b"));
  // elem of `funcref (ref.func x)*`: with typed references, function
  // indices would be (ref func), so the expressions are written
  CHECK(section_is("(func) (elem (i32.const 0) funcref (ref.func 0))", 9,
                   "01"
                   "044100"
                   "0b"
                   "01d2000b"));
  CHECK(section_is("(func) (elem (i32.const 0) (ref func) (ref.func 0))", 9,
                   "01"
                   "004100"
                   "0b"
                   "0100"));
}

// The script values of the GC scripts: (ref.host N) arguments and results,
// and the patterns for any non-null reference of an abstract type.
static void test_wast_values(void) {
  const char *src = "(assert_return (invoke \"f\" (ref.host 1) (ref.null struct)) (ref.host 2) "
                    "(ref) (ref.eq) (ref.i31) (ref.struct) (ref.array) (ref.exn) (ref.extern) "
                    "(ref.extern 3) (ref.func) (ref.null))";
  wd_wast_script_t S;
  wd_text_error_t err;
  bool ok = wd_wast_parse(src, strlen(src), &S, &err);
  CHECK(ok && S.ncmds == 1);
  if (ok && S.ncmds == 1) {
    const wd_wast_cmd_t *c = S.cmds;
    CHECK(c->action.nargs == 2 && c->action.args[0].kind == WD_WV_REF_HOST &&
          c->action.args[0].bits == 1 && c->action.args[1].kind == WD_WV_REF_NULL &&
          c->action.args[1].heap == 0x6b);
    const wd_wast_val_t *r = c->alts[0];
    CHECK(c->nalt_vals[0] == 11);
    CHECK(r[0].kind == WD_WV_REF_HOST && r[0].bits == 2);
    static const uint8_t heaps[] = {0x6e, 0x6d, 0x6c, 0x6b, 0x6a, 0x69, 0x6f};
    for (size_t i = 0; i < sizeof heaps; i++)
      CHECK(r[1 + i].kind == WD_WV_REF_TYPE && r[1 + i].heap == heaps[i]);
    CHECK(r[8].kind == WD_WV_REF_EXTERN && r[8].bits == 3);
    CHECK(r[9].kind == WD_WV_REF_FUNC);
    CHECK(r[10].kind == WD_WV_REF_NULL && r[10].heap == 0);
  }
  wd_wast_free(&S);
  // a script of bare fields may start with (rec ...)
  const char *bare = "(rec (type (struct)))";
  ok = wd_wast_parse(bare, strlen(bare), &S, &err);
  CHECK(ok && S.ncmds == 1 && S.cmds[0].module.parsed);
  wd_wast_free(&S);
}

int main(void) {
  test_type_defs();
  test_implicit_types();
  test_instrs();
  test_const_exprs();
  test_wast_values();
  printf("test_text_gc: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
