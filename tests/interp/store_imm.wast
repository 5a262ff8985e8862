;; SPDX-License-Identifier: Apache-2.0
;; Stores of a constant value (ops.def WD_OP_STORE: NAME_IMM, NAME_AI_IMM and
;; their forms with the pinned local as the address): the value is an
;; immediate unit, sign-extended into a 64-bit cell, so a 64-bit constant
;; that 32 bits do not sign-extend to must keep its own cell; the narrow
;; stores write only their low bytes; the address wraps like any other
;; store's, and a store out of bounds traps before it writes anything.

(module
  (memory 1)

  ;; every width, the address in a local (NAME_IMM)
  (func (export "i32") (param i32) (result i32)
    local.get 0 i32.const 0xdeadbeef i32.store
    local.get 0 i32.load)
  (func (export "i32_8") (param i32) (result i32)
    local.get 0 i32.const 0 i32.store
    local.get 0 i32.const 0x1ff i32.store8 offset=1
    local.get 0 i32.load)
  (func (export "i32_16") (param i32) (result i32)
    local.get 0 i32.const 0 i32.store
    local.get 0 i32.const -2 i32.store16 offset=2
    local.get 0 i32.load)
  (func (export "i64") (param i32 i32) (result i64)
    local.get 0 i64.const -1 i64.store
    local.get 1 i64.const 0x7fffffff i64.store
    local.get 0 i64.load local.get 1 i64.load i64.xor)
  (func (export "i64_neg") (param i32) (result i64)
    local.get 0 i64.const -2147483648 i64.store
    local.get 0 i64.load)
  ;; 2^31 and 2^32 + 5 are not 32 bits sign-extended: their own cells
  (func (export "i64_wide") (param i32) (result i64)
    local.get 0 i64.const 0x80000000 i64.store
    local.get 0 i64.load)
  (func (export "i64_wide2") (param i32) (result i64)
    local.get 0 i64.const 0x100000005 i64.store offset=8
    local.get 0 i64.load offset=8)
  (func (export "i64_narrow") (param i32) (result i64)
    local.get 0 i64.const 0 i64.store
    local.get 0 i64.const 0x123456789abcdef0 i64.store8
    local.get 0 i64.const 0x123456789abcdef0 i64.store16 offset=2
    local.get 0 i64.const 0x123456789abcdef0 i64.store32 offset=4
    local.get 0 i64.load)
  (func (export "f32") (param i32) (result i32)
    local.get 0 f32.const -0x1.8p0 f32.store
    local.get 0 i32.load)
  (func (export "f64") (param i32) (result i64)
    local.get 0 f64.const -0.0 f64.store
    local.get 0 i64.load)
  (func (export "f64_zero") (param i32) (result i64)
    local.get 0 i64.const -1 i64.store
    local.get 0 f64.const 0.0 f64.store
    local.get 0 i64.load)

  ;; the address a local plus a constant (NAME_AI_IMM): the sum wraps at
  ;; 2^32 before the offset is added
  (func (export "ai") (param i32) (result i32)
    local.get 0 i32.const 16 i32.add i32.const 0x55667788 i32.store offset=4
    i32.const 20 i32.load)
  (func (export "ai8") (param i32) (result i32)
    i32.const 40 i32.const 0 i32.store
    local.get 0 i32.const 8 i32.add i32.const 0xab i32.store8 offset=1
    i32.const 40 i32.load)
  (func (export "ai64") (param i32) (result i64)
    local.get 0 i32.const 8 i32.add i64.const -3 i64.store
    local.get 0 i64.load offset=8)
  ;; the address computed into a temporary
  (func (export "tmp") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.mul i32.const 0x01020304 i32.store
    local.get 0 local.get 1 i32.mul i32.load)

  ;; a constant address and value: the constant-address form keeps it
  (func (export "both_const") (result i32)
    i32.const 96 i32.const 77 i32.store
    i32.const 96 i32.load)

  ;; the pinned local as the address (_IMM_LA, _AI_IMM_LA): a fill loop
  ;; whose pointer is its most used local
  (func (export "fill") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (i32.store8 (local.get $p) (i32.const 7))
        (i32.store8 offset=1 (local.get $p) (i32.const 0x109))
        (i32.store16 (i32.add (local.get $p) (i32.const 2)) (i32.const 0x0302))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    ;; the sum of the words written, read back before $p
    (local.set $s (i32.load offset=0 (i32.sub (local.get $p) (i32.const 4))))
    (local.get $s))
  (func (export "sum") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $s))
  (func (export "fill64") (param $p i32) (param $n i32) (result i64)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (i64.store (local.get $p) (i64.const -5))
        (i64.store offset=8 (i32.add (local.get $p) (i32.const 8)) (i64.const 6))
        (local.set $p (i32.add (local.get $p) (i32.const 24)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (i64.add (i64.load offset=0 (i32.sub (local.get $p) (i32.const 24)))
             (i64.load offset=16 (i32.sub (local.get $p) (i32.const 24)))))
  (func (export "fill32") (param $p i32) (param $n i32) (result i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (i32.store (local.get $p) (i32.const -7))
        (i32.store offset=2 (i32.add (local.get $p) (i32.const 2)) (i32.const 9))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (i32.add (i32.load offset=0 (i32.sub (local.get $p) (i32.const 8)))
             (i32.load offset=4 (i32.sub (local.get $p) (i32.const 8)))))

  ;; out of bounds: nothing written
  (func (export "oob") (param i32) local.get 0 i32.const -1 i32.store)
  (func (export "oob_ai") (param i32) local.get 0 i32.const 4 i32.add i64.const 1 i64.store)
  (func (export "oob_off") (param i32) local.get 0 i32.const 9 i32.store8 offset=4294967295)
  (func (export "load") (param i32) (result i32) local.get 0 i32.load)
)

(assert_return (invoke "i32" (i32.const 0)) (i32.const 0xdeadbeef))
(assert_return (invoke "i32_8" (i32.const 8)) (i32.const 0xff00))
(assert_return (invoke "i32_16" (i32.const 8)) (i32.const 0xfffe0000))
(assert_return (invoke "i64" (i32.const 16) (i32.const 24)) (i64.const 0xffffffff80000000))
(assert_return (invoke "i64_neg" (i32.const 16)) (i64.const -2147483648))
(assert_return (invoke "i64_wide" (i32.const 16)) (i64.const 0x80000000))
(assert_return (invoke "i64_wide2" (i32.const 16)) (i64.const 0x100000005))
(assert_return (invoke "i64_narrow" (i32.const 32)) (i64.const 0x9abcdef0def000f0))
(assert_return (invoke "f32" (i32.const 48)) (i32.const 0xbfc00000))
(assert_return (invoke "f64" (i32.const 48)) (i64.const 0x8000000000000000))
(assert_return (invoke "f64_zero" (i32.const 48)) (i64.const 0))
(assert_return (invoke "ai" (i32.const 0)) (i32.const 0x55667788))
(assert_return (invoke "ai" (i32.const -16)) (i32.const 0x55667788))
(assert_return (invoke "load" (i32.const 4)) (i32.const 0x55667788))
(assert_return (invoke "ai8" (i32.const 31)) (i32.const 0xab))
(assert_return (invoke "ai8" (i32.const -8)) (i32.const 0))
(assert_trap (invoke "ai8" (i32.const -9)) "out of bounds memory access")
(assert_return (invoke "ai64" (i32.const 64)) (i64.const -3))
(assert_return (invoke "tmp" (i32.const 8) (i32.const 10)) (i32.const 0x01020304))
(assert_return (invoke "both_const") (i32.const 77))
(assert_return (invoke "fill" (i32.const 1000) (i32.const 100)) (i32.const 0x03020907))
(assert_return (invoke "sum" (i32.const 1000) (i32.const 400)) (i32.const 2100))
(assert_return (invoke "fill32" (i32.const 4000) (i32.const 30)) (i32.const 2))
(assert_return (invoke "fill64" (i32.const 2000) (i32.const 50)) (i64.const 1))
(assert_return (invoke "load" (i32.const 65532)) (i32.const 0))
(assert_trap (invoke "oob" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "load" (i32.const 65532)) (i32.const 0))
(assert_trap (invoke "oob" (i32.const -1)) "out of bounds memory access")
(assert_trap (invoke "oob_ai" (i32.const 65526)) "out of bounds memory access")
(assert_return (invoke "load" (i32.const 65528)) (i32.const 0))
(assert_return (invoke "load" (i32.const 65532)) (i32.const 0))
(assert_trap (invoke "oob_off" (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "load" (i32.const 0)) (i32.const 0xdeadabef))
