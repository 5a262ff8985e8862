;; SPDX-License-Identifier: Apache-2.0
;; The pinned local (src/interp/ops.def): in each function's hottest loop a
;; local that the interpreter keeps in a register as well as its cell.
;; Every kind of instruction writing it (operators, shift-ops, loads,
;; select, constants, copies, global.get, bit fields, latches, wrap), reading
;; it (addresses, indexes, stored values, comparisons and branches on either
;; side), calls and recursion between functions that pin their own local,
;; a local written by a division (I32_DIV_U_LD and the other i32 divisions'
;; forms), and two adds of constants in a row, the first into the pinned
;; local (ADD_IMM2_LD, _LAD), or the second a loop's latch (kept apart).
;; Expected values from V8 (node 20).

(module
  (memory 1)
  (global $g (mut i32) (i32.const 5))
  ;; a latch on the pinned local, read by mul and compare
  (func (export "latch_sum") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.mul (local.get $i) (i32.const 3))))
      (local.set $s (i32.xor (local.get $s) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_s (local.get $i) (local.get $n))))
    (i32.add (local.get $s) (local.get $i)))
  ;; xorshift: shift-ops reading and writing the pinned local
  (func (export "xorshift") (param $x i32) (param $n i32) (result i32)
    (loop $l
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
      (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
      (local.set $x (i32.add (local.get $x) (i32.rotl (local.get $x) (i32.const 7))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $x))
  ;; i64: multiply-add, extend and wrap
  (func (export "lcg64") (param $x i64) (param $n i32) (result i64)
    (loop $l
      (local.set $x (i64.add (i64.mul (local.get $x) (i64.const 6364136223846793005))
                             (i64.const 1442695040888963407)))
      (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 29))))
      (local.set $x (i64.add (local.get $x) (i64.extend_i32_u (local.get $n))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $x))
  (func (export "wrap_into") (param $y i64) (param $n i32) (result i32)
    (local $x i32)
    (loop $l
      (local.set $y (i64.add (local.get $y) (i64.const 0x100000003)))
      (local.set $x (i32.wrap_i64 (local.get $y)))
      (local.set $x (i32.add (local.get $x) (local.get $x)))
      (local.set $x (i32.sub (local.get $x) (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $x))
  ;; a linked list: the pinned pointer loaded from memory, fields read
  ;; through it
  (func (export "list_walk") (param $n i32) (result i32)
    (local $p i32) (local $s i32) (local $i i32)
    (loop $b
      (i32.store (i32.mul (local.get $i) (i32.const 8))
                 (i32.mul (i32.add (local.get $i) (i32.const 1)) (i32.const 8)))
      (i32.store offset=4 (i32.mul (local.get $i) (i32.const 8))
                 (i32.mul (local.get $i) (local.get $i)))
      (br_if $b (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.store (i32.mul (i32.sub (local.get $n) (i32.const 1)) (i32.const 8)) (i32.const 0))
    (local.set $p (i32.const 0))
    (loop $w
      (local.set $s (i32.add (local.get $s) (i32.load offset=4 (local.get $p))))
      (local.set $s (i32.add (local.get $s) (i32.load8_u offset=4 (local.get $p))))
      (local.set $p (i32.load (local.get $p)))
      (br_if $w (local.get $p)))
    (local.get $s))
  ;; indexed loads and stores with the pinned index
  (func (export "index_rw") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $a
      (i32.store (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
      (i32.store16 offset=8192 (i32.add (local.get $i) (local.get $i)) (local.get $i))
      (br_if $a (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.set $i (i32.const 0))
    (loop $r
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $s (i32.add (local.get $s)
        (i32.load16_u offset=8192 (i32.add (local.get $i) (local.get $i)))))
      (local.set $s (i32.xor (local.get $s)
        (i32.load offset=1024 (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2)))))
      (br_if $r (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $s))
  ;; select, constants, copies, global.get, bit fields into the local
  (func (export "writers") (param $n i32) (result i32)
    (local $x i32) (local $y i32) (local $t i32)
    (local.set $y (i32.const 3))
    (loop $l
      (local.set $x (select (local.get $x) (local.get $y) (i32.lt_s (local.get $x) (local.get $y))))
      (local.set $x (i32.add (local.get $x) (i32.const 11)))
      (if (i32.gt_u (local.get $x) (i32.const 200)) (then (local.set $x (i32.const 7))))
      (local.set $t (local.get $x))
      (local.set $x (local.get $y))
      (local.set $y (i32.add (local.get $t) (local.get $x)))
      (local.set $x (i32.and (i32.shr_u (local.get $x) (i32.const 2)) (i32.const 63)))
      (local.set $x (i32.add (i32.add (local.get $x) (local.get $y)) (local.get $n)))
      (local.set $x (select (local.get $y) (local.get $x) (local.get $n)))
      (if (i32.eqz (i32.and (local.get $n) (i32.const 7)))
        (then (local.set $x (global.get $g))))
      (global.set $g (i32.add (global.get $g) (local.get $x)))
      (local.set $y (i32.and (local.get $y) (i32.const 0xffff)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32.add (i32.mul (local.get $x) (i32.const 31)) (i32.add (local.get $y) (global.get $g))))
  ;; comparisons and branches on the pinned local, either side
  (func (export "cmp_br") (param $n i32) (result i32)
    (local $x i32) (local $c i32)
    (loop $l
      (block $b
        (br_if $b (i32.lt_s (local.get $x) (i32.const 10)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br_if $b (i32.gt_u (local.get $n) (local.get $x)))
        (local.set $c (i32.add (local.get $c) (i32.const 100))))
      (local.set $x (i32.add (local.get $x) (i32.const 3)))
      (br_if $l (i32.ge_s (local.get $n) (local.get $x))))
    (i32.add (local.get $c) (i32.mul (local.get $x) (i32.const 1000))))
  ;; a call in the loop: the callee pins its own local; the caller's must
  ;; come back after the return
  (func $inner (param $k i32) (result i32)
    (local $j i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.xor (local.get $j) (local.get $k))))
      (br_if $l (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 9))))
    (local.get $s))
  (func (export "call_in_loop") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (call $inner (local.get $i))))
      (local.set $s (i32.sub (local.get $s) (local.get $i)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.add (local.get $s) (local.get $i)))
  ;; recursion with a loop in each frame
  (func $rec (export "rec") (param $d i32) (result i32)
    (local $i i32) (local $s i32)
    (if (i32.eqz (local.get $d)) (then (return (i32.const 1))))
    (loop $l
      (local.set $s (i32.add (local.get $s) (local.get $i)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $d))))
    (i32.add (local.get $s) (i32.mul (call $rec (i32.sub (local.get $d) (i32.const 1))) (local.get $i))))
  ;; the local divided: no form writes it from a division, so it is not
  ;; pinned (another local may be)
  (func (export "digits") (param $x i32) (result i32)
    (local $c i32)
    (loop $l
      (local.set $c (i32.add (local.get $c) (i32.rem_u (local.get $x) (i32.const 10))))
      (local.set $x (i32.div_u (local.get $x) (i32.const 10)))
      (br_if $l (local.get $x)))
    (local.get $c))
  ;; the pinned local written by each i32 division in turn (a division by
  ;; zero, or of -2^31 by -1, traps with the local as it was)
  (func (export "divs") (param $x i32) (param $d i32) (param $n i32) (result i32)
    (loop $l
      (local.set $x (i32.div_s (local.get $x) (local.get $d)))
      (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 7)) (i32.const 123457)))
      (local.set $x (i32.rem_s (local.get $x) (i32.const 1000003)))
      (local.set $x (i32.add (local.get $x) (i32.const 0x40000000)))
      (local.set $x (i32.div_u (local.get $x) (i32.const 3)))
      (local.set $x (i32.rem_u (local.get $x) (local.get $d)))
      (local.set $x (i32.sub (i32.const 0) (i32.add (local.get $x) (local.get $n))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $x))
  ;; two adds of constants in a row, the first into the pinned local: from
  ;; it (ADD_IMM2_LAD) and from another local (ADD_IMM2_LD); a latch after
  ;; the second, which stays one (ADDBR_NZ)
  (func (export "add2") (param $p i32) (param $n i32) (result i32)
    (local $s i32) (local $q i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.and (local.get $p) (i32.const 0xff))))
      (local.set $s (i32.xor (local.get $s) (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 3)))
      (local.set $q (i32.add (local.get $q) (i32.const 5)))
      (local.set $s (i32.add (local.get $s) (local.get $q)))
      (local.set $p (i32.add (local.get $q) (i32.const -1)))
      (local.set $q (i32.add (local.get $q) (i32.const 2)))
      (local.set $s (i32.rotl (local.get $s) (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $l (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (i32.add (local.get $s) (i32.mul (local.get $p) (i32.const 1000))))
  ;; the result left in a parameter cell that is also the pinned local
  (func (export "ret_param") (param $x i32) (param $n i32) (result i32)
    (loop $l
      (local.set $x (i32.add (local.get $x) (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $x))
)

(assert_return (invoke "latch_sum" (i32.const 1000)) (i32.const 1470504))
(assert_return (invoke "latch_sum" (i32.const 1)) (i32.const 1))
(assert_return (invoke "xorshift" (i32.const -1831433054) (i32.const 1000)) (i32.const -430828561))
(assert_return (invoke "lcg64" (i64.const 1) (i32.const 500)) (i64.const -6314082032689284319))
(assert_return (invoke "lcg64" (i64.const -7) (i32.const 3)) (i64.const 8400676644889191171))
(assert_return (invoke "wrap_into" (i64.const 4886718345) (i32.const 300)) (i32.const 1183503897))
(assert_return (invoke "list_walk" (i32.const 200)) (i32.const 2667608))
(assert_return (invoke "index_rw" (i32.const 300)) (i32.const 85692))
(assert_return (invoke "writers" (i32.const 500)) (i32.const 95713))
(assert_return (invoke "cmp_br" (i32.const 100)) (i32.const 102030))
(assert_return (invoke "cmp_br" (i32.const 5)) (i32.const 6000))
(assert_return (invoke "call_in_loop" (i32.const 50)) (i32.const 9914))
(assert_return (invoke "rec" (i32.const 30)) (i32.const 54603475))
(assert_return (invoke "digits" (i32.const 1234567890)) (i32.const 45))
(assert_return (invoke "digits" (i32.const 7)) (i32.const 7))
(assert_return (invoke "ret_param" (i32.const 5) (i32.const 100)) (i32.const 5055))
(assert_return (invoke "divs" (i32.const 1000000) (i32.const 7) (i32.const 20)) (i32.const -7))
(assert_return (invoke "divs" (i32.const -7) (i32.const -3) (i32.const 5)) (i32.const -358170087))
(assert_trap (invoke "divs" (i32.const 5) (i32.const 0) (i32.const 5)) "integer divide by zero")
(assert_trap (invoke "divs" (i32.const 0x80000000) (i32.const -1) (i32.const 5)) "integer overflow")
(assert_return (invoke "add2" (i32.const 0) (i32.const 10)) (i32.const -1976424612))
(assert_return (invoke "add2" (i32.const 100) (i32.const 1)) (i32.const 5080))
