;; SPDX-License-Identifier: Apache-2.0
;; Extended constant expressions (Wasm 3.0): i32 and i64 add, sub and mul
;; in global initialisers and segment offsets, wrapping as the instructions
;; do; expressions deeper than the evaluator's small fixed stack (41 values
;; nested, 30 pushed before the first multiply); global.get of a defined
;; global before it (with gc, as Wasm 3.0 allows); and the errors.

(module
  (global $base (import "spectest" "global_i32") i32)
  (global $g1 i32 (i32.add (global.get $base) (i32.const 10)))
  (global $g2 i32 (i32.mul (global.get $g1) (i32.const 3)))
  (global $neg i32 (i32.sub (i32.const 5) (i32.const 7)))
  (global $wrap i32 (i32.mul (i32.const 0x10000) (i32.const 0x10001)))
  (global $w64 i64 (i64.sub (i64.const 0) (i64.mul (i64.const 0x100000000) (i64.const 0x100000001))))
  (global $deep i32 (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.const 1) (i32.const 0)) (i32.const 1)) (i32.const 2)) (i32.const 3)) (i32.const 4)) (i32.const 5)) (i32.const 6)) (i32.const 7)) (i32.const 8)) (i32.const 9)) (i32.const 10)) (i32.const 11)) (i32.const 12)) (i32.const 13)) (i32.const 14)) (i32.const 15)) (i32.const 16)) (i32.const 17)) (i32.const 18)) (i32.const 19)) (i32.const 20)) (i32.const 21)) (i32.const 22)) (i32.const 23)) (i32.const 24)) (i32.const 25)) (i32.const 26)) (i32.const 27)) (i32.const 28)) (i32.const 29)) (i32.const 30)) (i32.const 31)) (i32.const 32)) (i32.const 33)) (i32.const 34)) (i32.const 35)) (i32.const 36)) (i32.const 37)) (i32.const 38)) (i32.const 39)))
  (global $flat i64 (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) (i64.const 3) i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul i64.mul)
  (memory 1)
  (data (i32.add (global.get $g1) (i32.const 6)) "\2a")
  (table 40 funcref)
  (elem (i32.sub (global.get $g2) (i32.const 2000)) func $f)
  (func $f (result i32) (i32.const 99))
  (func (export "g1") (result i32) (global.get $g1))
  (func (export "g2") (result i32) (global.get $g2))
  (func (export "neg") (result i32) (global.get $neg))
  (func (export "wrap") (result i32) (global.get $wrap))
  (func (export "w64") (result i64) (global.get $w64))
  (func (export "deep") (result i32) (global.get $deep))
  (func (export "flat") (result i64) (global.get $flat))
  (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
)
;; spectest's global_i32 is 666
(assert_return (invoke "g1") (i32.const 676))
(assert_return (invoke "g2") (i32.const 2028))
(assert_return (invoke "neg") (i32.const -2))
(assert_return (invoke "wrap") (i32.const 0x10000))
(assert_return (invoke "w64") (i64.const -0x100000000))
(assert_return (invoke "deep") (i32.const 781))
(assert_return (invoke "flat") (i64.const 205891132094649))
(assert_return (invoke "byte" (i32.const 682)) (i32.const 42))
(assert_return (invoke "byte" (i32.const 681)) (i32.const 0))
(assert_return (invoke "call" (i32.const 28)) (i32.const 99))
(assert_trap (invoke "call" (i32.const 27)) "uninitialized element")

;; an offset that lands out of bounds traps at instantiation
(assert_trap
  (module (memory 1) (data (i32.mul (i32.const 0x8000) (i32.const 2)) "\01"))
  "out of bounds memory access")

(assert_invalid
  (module (global i32 (i32.add (i32.const 1) (i64.const 2))))
  "type mismatch")
(assert_invalid
  (module (global i64 (i64.add (i64.const 1))))
  "type mismatch")
(assert_invalid
  (module (global i32 (i32.const 1) (i32.const 2) (i32.add) (i32.const 3)))
  "type mismatch")
(assert_invalid
  (module (global i32 (i32.div_s (i32.const 1) (i32.const 2))))
  "constant expression required")
(assert_invalid
  (module (global i64 (i64.and (i64.const 1) (i64.const 2))))
  "constant expression required")
(assert_invalid
  (module (global $m (mut i32) (i32.const 0)) (global i32 (i32.add (global.get $m) (i32.const 1))))
  "constant expression required")
(assert_invalid
  (module (global $a i32 (global.get $b)) (global $b i32 (i32.const 0)))
  "unknown global")
(assert_invalid
  (module (global $a i32 (i32.add (global.get $a) (i32.const 1))))
  "unknown global")
