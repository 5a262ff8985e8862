;; `ward wast` on a script where every command must pass (run_wast_tests.sh).
;; It touches every kind of command and value the runner handles.

(module $lib
  (global (export "g") i32 (i32.const 42))
  (global (export "big") i64 (i64.const -1))
  (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))
(register "lib" $lib)
(register "lib2")

(module $main
  (import "lib" "twice" (func $twice (param i32) (result i32)))
  (import "lib2" "g" (global $g i32))
  (import "spectest" "print_i32" (func $print (param i32)))
  (table $t 2 funcref)
  (elem (table $t) (i32.const 0) func $twice)
  (func (export "call-twice") (param i32) (result i32) (call $twice (local.get 0)))
  (func (export "g-plus") (param i32) (result i32) (i32.add (global.get $g) (local.get 0)))
  (func (export "print") (call $print (i32.const 1)))
  (func (export "i64-id") (param i64) (result i64) (local.get 0))
  (func (export "f32-id") (param f32) (result f32) (local.get 0))
  (func (export "f64-id") (param f64) (result f64) (local.get 0))
  (func (export "f32-nan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
  (func (export "f64-nan") (param f64) (result f64) (f64.add (local.get 0) (f64.const 1)))
  (func (export "multi") (result i32 i64 f32 f64)
    (i32.const -1) (i64.const 0x8000000000000000) (f32.const -0x1p-149) (f64.const -0))
  (func (export "v128-id") (param v128) (result v128) (local.get 0))
  (func (export "v128-mix") (param v128 i32) (result i32 v128) (local.get 1) (local.get 0))
  (func (export "extern-id") (param externref) (result externref) (local.get 0))
  (func (export "null-func") (result funcref) (ref.null func))
  (func (export "some-func") (result funcref) (table.get $t (i32.const 0)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $loop (export "loop") (call $loop))
  (func (export "unreachable") (unreachable)))

;; invoke, get, named and current modules
(invoke "print")
(assert_return (invoke "call-twice" (i32.const 21)) (i32.const 42))
(assert_return (invoke $main "g-plus" (i32.const -43)) (i32.const -1))
(assert_return (invoke $lib "twice" (i32.const 0x7fffffff)) (i32.const -2))
(assert_return (get $lib "g") (i32.const 42))
(assert_return (get $lib "big") (i64.const 0xffffffffffffffff))

;; numbers: exact bits, NaN patterns, several results
(assert_return (invoke "i64-id" (i64.const -9223372036854775808)) (i64.const 0x8000000000000000))
(assert_return (invoke "f32-id" (f32.const -0)) (f32.const -0))
(assert_return (invoke "f32-id" (f32.const nan:0x200000)) (f32.const nan:0x200000))
(assert_return (invoke "f32-id" (f32.const -nan)) (f32.const nan:canonical))
(assert_return (invoke "f32-id" (f32.const nan:0x400001)) (f32.const nan:arithmetic))
(assert_return (invoke "f32-nan") (f32.const nan:canonical))
(assert_return (invoke "f64-id" (f64.const 0x1.fffffffffffffp+1023)) (f64.const 0x1.fffffffffffffp+1023))
(assert_return (invoke "f64-nan" (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic))
(assert_return (invoke "multi")
  (i32.const 0xffffffff) (i64.const -0x8000000000000000) (f32.const -0x1p-149) (f64.const -0))

;; v128 arguments and results, lane by lane in the shape written
(assert_return (invoke "v128-id" (v128.const i32x4 1 -1 0x80000000 4)) (v128.const i32x4 1 -1 0x80000000 4))
(assert_return (invoke "v128-id" (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 -1))
  (v128.const i16x8 0x0201 0x0403 0x0605 0x0807 0x0a09 0x0c0b 0x0e0d 0xff0f))
(assert_return (invoke "v128-id" (v128.const f32x4 nan -nan:0x400001 1.5 -0))
  (v128.const f32x4 nan:canonical nan:arithmetic 1.5 -0))
(assert_return (invoke "v128-id" (v128.const f64x2 -nan 0x1p-1074))
  (v128.const f64x2 nan:canonical 0x1p-1074))
(assert_return (invoke "v128-mix" (v128.const i64x2 -1 2) (i32.const 7))
  (i32.const 7) (v128.const i64x2 0xffffffffffffffff 2))

;; references
(assert_return (invoke "extern-id" (ref.extern 1)) (ref.extern 1))
(assert_return (invoke "extern-id" (ref.extern 0)) (ref.extern 0))
(assert_return (invoke "extern-id" (ref.null extern)) (ref.null extern))
(assert_return (invoke "null-func") (ref.null func))
(assert_return (invoke "some-func") (ref.func))

;; traps and exhaustion
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div" (i32.const 0x80000000) (i32.const -1)) "integer overflow")
(assert_trap (invoke "unreachable") "unreachable")
(assert_exhaustion (invoke "loop") "call stack exhausted")
(assert_trap (module (func $f unreachable) (start $f)) "unreachable")

;; modules that must not load, link or instantiate
(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_malformed (module binary "\00asm" "\02\00\00\00") "unknown binary version")
(assert_malformed (module quote "(func (i32.const 0) (i32.frob))") "unknown operator")
(assert_unlinkable (module (import "lib" "nothere" (func))) "unknown import")
(assert_unlinkable (module (import "lib" "g" (global i64))) "incompatible import type")

;; module forms: binary, quote, and a second current module
(module binary
  "\00asm" "\01\00\00\00"
  "\01\05\01\60\00\01\7f"               ;; type: () -> i32
  "\03\02\01\00"                         ;; func 0: type 0
  "\07\07\01\03\6f\6e\65\00\00"           ;; export "one" = func 0
  "\0a\06\01\04\00\41\01\0b")            ;; body: i32.const 1
(assert_return (invoke "one") (i32.const 1))
(module quote "(func (export \"two\") (result i32) (i32.const 2))")
(assert_return (invoke "two") (i32.const 2))
(assert_return (invoke $main "call-twice" (i32.const 2)) (i32.const 4))
