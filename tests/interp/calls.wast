;; SPDX-License-Identifier: Apache-2.0
;; Calls, copies and select in the interpreter (src/interp/ops.def):
;; - a callee's declared locals start at zero even where an earlier frame
;;   left other values, with few locals (zeroed by eight stores, into the
;;   frame's slack), with nine to sixteen (two runs of eight stores that
;;   overlap) and with more (zeroed in full);
;; - a call fused with the copies before it (CALL_C1, CALL_C2): arguments
;;   that are locals, a local.set just before a call, a copy into the
;;   pinned local just before one (not fused);
;; - copies in a row with the pinned local as a destination at each place
;;   (COPY2_L1 to COPY4_L7), read back through the register;
;; - select on every type, both ways, keeping NaN bits.
;; Expected values from V8 (node 20).

(module
  (memory 1)
  ;; leaves its eight locals and the cells above them non-zero
  (func $dirty (param $x i32) (result i32)
    (local $a i32) (local $b i64) (local $c i32) (local $d f64)
    (local $e i32) (local $f i32) (local $g i64) (local $h i32)
    (local.set $a (i32.add (local.get $x) (i32.const 1)))
    (local.set $b (i64.const -1))
    (local.set $c (i32.const 77))
    (local.set $d (f64.const 2.5))
    (local.set $e (i32.const -9))
    (local.set $f (i32.const 1234))
    (local.set $g (i64.const 0x7fff00000000))
    (local.set $h (i32.const 5))
    (i32.add (i32.add (i32.add (local.get $a) (i32.wrap_i64 (local.get $b))) (local.get $c))
             (i32.add (i32.add (local.get $e) (local.get $f)) (local.get $h))))
  ;; two parameters and one local: zeroed by the four stores
  (func $few (param $p i32) (param $q i32) (result i64)
    (local $z i64)
    (i64.add (local.get $z) (i64.extend_i32_u (i32.add (local.get $p) (local.get $q)))))
  ;; seven locals of every type: each must read zero
  (func $many (param $p i32) (result i32)
    (local $a i32) (local $b i64) (local $c f32) (local $d f64)
    (local $e i32) (local $f i64) (local $g i32)
    (i32.add
      (i32.add (i32.add (local.get $p) (local.get $a)) (i32.wrap_i64 (local.get $b)))
      (i32.add
        (i32.add (i32.trunc_f32_s (local.get $c)) (i32.trunc_f64_s (local.get $d)))
        (i32.add (i32.add (local.get $e) (i32.wrap_i64 (local.get $f))) (local.get $g)))))
  (func (export "fresh_locals") (result i64)
    (local $s i64)
    (drop (call $dirty (i32.const 10)))
    (local.set $s (call $few (i32.const 3) (i32.const 4)))
    (drop (call $dirty (i32.const 11)))
    (i64.add (local.get $s) (i64.extend_i32_u (call $many (i32.const 100)))))
  ;; leaves twenty-four locals non-zero
  (func $dirty24 (param $x i64) (result i64)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (local.set 1 (i64.add (local.get 0) (i64.const 1)))
    (local.set 2 (i64.add (local.get 0) (i64.const 2)))
    (local.set 3 (i64.add (local.get 0) (i64.const 3)))
    (local.set 4 (i64.add (local.get 0) (i64.const 4)))
    (local.set 5 (i64.add (local.get 0) (i64.const 5)))
    (local.set 6 (i64.add (local.get 0) (i64.const 6)))
    (local.set 7 (i64.add (local.get 0) (i64.const 7)))
    (local.set 8 (i64.add (local.get 0) (i64.const 8)))
    (local.set 9 (i64.add (local.get 0) (i64.const 9)))
    (local.set 10 (i64.add (local.get 0) (i64.const 10)))
    (local.set 11 (i64.add (local.get 0) (i64.const 11)))
    (local.set 12 (i64.add (local.get 0) (i64.const 12)))
    (local.set 13 (i64.add (local.get 0) (i64.const 13)))
    (local.set 14 (i64.add (local.get 0) (i64.const 14)))
    (local.set 15 (i64.add (local.get 0) (i64.const 15)))
    (local.set 16 (i64.add (local.get 0) (i64.const 16)))
    (local.set 17 (i64.add (local.get 0) (i64.const 17)))
    (local.set 18 (i64.add (local.get 0) (i64.const 18)))
    (local.set 19 (i64.add (local.get 0) (i64.const 19)))
    (local.set 20 (i64.add (local.get 0) (i64.const 20)))
    (local.set 21 (i64.add (local.get 0) (i64.const 21)))
    (local.set 22 (i64.add (local.get 0) (i64.const 22)))
    (local.set 23 (i64.add (local.get 0) (i64.const 23)))
    (local.set 24 (i64.add (local.get 0) (i64.const 24)))
    (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (local.get 1) (local.get 2)) (local.get 3)) (local.get 4)) (local.get 5)) (local.get 6)) (local.get 7)) (local.get 8)) (local.get 9)) (local.get 10)) (local.get 11)) (local.get 12)) (local.get 13)) (local.get 14)) (local.get 15)) (local.get 16)) (local.get 17)) (local.get 18)) (local.get 19)) (local.get 20)) (local.get 21)) (local.get 22)) (local.get 23)) (local.get 24)))
  ;; nine, twelve, sixteen and twenty locals: each must read zero
  (func $locals9 (param $p i64) (result i64)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (local.get 0) (i64.mul (local.get 1) (i64.const 1))) (i64.mul (local.get 2) (i64.const 2))) (i64.mul (local.get 3) (i64.const 3))) (i64.mul (local.get 4) (i64.const 4))) (i64.mul (local.get 5) (i64.const 5))) (i64.mul (local.get 6) (i64.const 6))) (i64.mul (local.get 7) (i64.const 7))) (i64.mul (local.get 8) (i64.const 8))) (i64.mul (local.get 9) (i64.const 9))))
  (func $locals12 (param $p i64) (result i64)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (local.get 0) (i64.mul (local.get 1) (i64.const 1))) (i64.mul (local.get 2) (i64.const 2))) (i64.mul (local.get 3) (i64.const 3))) (i64.mul (local.get 4) (i64.const 4))) (i64.mul (local.get 5) (i64.const 5))) (i64.mul (local.get 6) (i64.const 6))) (i64.mul (local.get 7) (i64.const 7))) (i64.mul (local.get 8) (i64.const 8))) (i64.mul (local.get 9) (i64.const 9))) (i64.mul (local.get 10) (i64.const 10))) (i64.mul (local.get 11) (i64.const 11))) (i64.mul (local.get 12) (i64.const 12))))
  (func $locals16 (param $p i64) (result i64)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (local.get 0) (i64.mul (local.get 1) (i64.const 1))) (i64.mul (local.get 2) (i64.const 2))) (i64.mul (local.get 3) (i64.const 3))) (i64.mul (local.get 4) (i64.const 4))) (i64.mul (local.get 5) (i64.const 5))) (i64.mul (local.get 6) (i64.const 6))) (i64.mul (local.get 7) (i64.const 7))) (i64.mul (local.get 8) (i64.const 8))) (i64.mul (local.get 9) (i64.const 9))) (i64.mul (local.get 10) (i64.const 10))) (i64.mul (local.get 11) (i64.const 11))) (i64.mul (local.get 12) (i64.const 12))) (i64.mul (local.get 13) (i64.const 13))) (i64.mul (local.get 14) (i64.const 14))) (i64.mul (local.get 15) (i64.const 15))) (i64.mul (local.get 16) (i64.const 16))))
  (func $locals20 (param $p i64) (result i64)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add (local.get 0) (i64.mul (local.get 1) (i64.const 1))) (i64.mul (local.get 2) (i64.const 2))) (i64.mul (local.get 3) (i64.const 3))) (i64.mul (local.get 4) (i64.const 4))) (i64.mul (local.get 5) (i64.const 5))) (i64.mul (local.get 6) (i64.const 6))) (i64.mul (local.get 7) (i64.const 7))) (i64.mul (local.get 8) (i64.const 8))) (i64.mul (local.get 9) (i64.const 9))) (i64.mul (local.get 10) (i64.const 10))) (i64.mul (local.get 11) (i64.const 11))) (i64.mul (local.get 12) (i64.const 12))) (i64.mul (local.get 13) (i64.const 13))) (i64.mul (local.get 14) (i64.const 14))) (i64.mul (local.get 15) (i64.const 15))) (i64.mul (local.get 16) (i64.const 16))) (i64.mul (local.get 17) (i64.const 17))) (i64.mul (local.get 18) (i64.const 18))) (i64.mul (local.get 19) (i64.const 19))) (i64.mul (local.get 20) (i64.const 20))))
  (func (export "fresh_locals_wide") (result i64)
    (local $s i64)
    (drop (call $dirty24 (i64.const 1000)))
    (local.set $s (call $locals9 (i64.const 1)))
    (drop (call $dirty24 (i64.const 1000)))
    (local.set $s (i64.add (local.get $s) (call $locals12 (i64.const 20))))
    (drop (call $dirty24 (i64.const 1000)))
    (local.set $s (i64.add (local.get $s) (call $locals16 (i64.const 300))))
    (drop (call $dirty24 (i64.const 1000)))
    (i64.add (local.get $s) (call $locals20 (i64.const 4000))))
  ;; a recursive function whose frames overlap the dirty ones in turn
  (func $depth (param $n i32) (result i32)
    (local $acc i32)
    (if (i32.eqz (local.get $n)) (then (return (local.get $acc))))
    (drop (call $dirty (local.get $n)))
    (local.set $acc (call $depth (i32.sub (local.get $n) (i32.const 1))))
    (i32.add (local.get $acc) (local.get $n)))
  (func (export "fresh_recursive") (param $n i32) (result i32)
    (call $depth (local.get $n)))

  ;; calls whose arguments are locals (copied into the callee's frame)
  (func $sub3 (param $a i32) (param $b i32) (param $c i32) (result i32)
    (i32.sub (i32.sub (local.get $a) (local.get $b)) (local.get $c)))
  (func $sub2 (param $a i32) (param $b i32) (result i32)
    (i32.sub (local.get $a) (local.get $b)))
  (func $tak (param $x i32) (param $y i32) (param $z i32) (result i32)
    (if (result i32) (i32.lt_s (local.get $y) (local.get $x))
      (then
        (call $tak
          (call $tak (i32.sub (local.get $x) (i32.const 1)) (local.get $y) (local.get $z))
          (call $tak (i32.sub (local.get $y) (i32.const 1)) (local.get $z) (local.get $x))
          (call $tak (i32.sub (local.get $z) (i32.const 1)) (local.get $x) (local.get $y))))
      (else (local.get $z))))
  (func (export "tak") (param i32 i32 i32) (result i32)
    (call $tak (local.get 0) (local.get 1) (local.get 2)))
  (func $neg (param $a i32) (result i32)
    (i32.sub (i32.const 0) (local.get $a)))
  (func (export "args_copied") (param $a i32) (param $b i32) (param $c i32) (result i32)
    (i32.add
      (i32.add
        (i32.add (call $sub3 (local.get $c) (local.get $a) (local.get $b))
                 (call $sub2 (local.get $b) (local.get $a)))
        (call $sub3 (i32.const 1000) (local.get $a) (local.get $a)))
      (i32.add (call $sub2 (i32.add (local.get $a) (i32.const 1)) (local.get $c))
               (call $neg (local.get $b)))))
  ;; a local.set (a copy) just before calls: the local changes first
  (func (export "set_then_call") (param $n i32) (result i32)
    (local $i i32) (local $t i32) (local $s i32)
    (loop $l
      (local.set $t (local.get $i))
      (local.set $s (i32.add (local.get $s) (call $sub2 (local.get $t) (local.get $s))))
      (local.set $t (local.get $s))
      (local.set $s (i32.xor (call $sub2 (local.get $n) (local.get $i)) (local.get $t)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $s))
  ;; the hot local (pinned) set by a copy just before a call, read after
  (func (export "pinned_copy_call") (param $n i32) (result i32)
    (local $i i32) (local $p i32) (local $q i32)
    (loop $l
      (local.set $q (i32.add (local.get $q) (local.get $p)))
      (local.set $p (local.get $i))
      (local.set $q (i32.add (local.get $q) (call $sub2 (local.get $p) (local.get $q))))
      (local.set $p (local.get $q))
      (local.set $q (i32.add (call $sub2 (local.get $p) (local.get $i)) (local.get $p)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.add (local.get $p) (local.get $q)))

  ;; copies in a row with the pinned local ($p, the loop's counter-like
  ;; hot local) as the first, second, third or fourth destination
  (func (export "copies_pinned") (param $n i32) (result i32)
    (local $p i32) (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $i i32)
    (local.set $a (i32.const 3))
    (local.set $b (i32.const 5))
    (local.set $c (i32.const 7))
    (loop $l
      ;; two copies, the pinned local first; then second
      (local.set $p (local.get $a)) (local.set $d (local.get $p))
      (local.set $a (i32.add (local.get $p) (local.get $d)))
      (local.set $d (local.get $b)) (local.set $p (local.get $d))
      (local.set $b (i32.xor (local.get $p) (i32.const 0x55)))
      ;; three copies, the pinned local first, second, third
      (local.set $p (local.get $c)) (local.set $d (local.get $a)) (local.set $c (local.get $b))
      (local.set $a (i32.add (local.get $a) (local.get $p)))
      (local.set $d (local.get $c)) (local.set $p (local.get $b)) (local.set $c (local.get $a))
      (local.set $b (i32.sub (local.get $b) (local.get $p)))
      (local.set $d (local.get $a)) (local.set $c (local.get $b)) (local.set $p (local.get $d))
      (local.set $c (i32.add (local.get $c) (i32.mul (local.get $p) (i32.const 3))))
      ;; four copies, the pinned local at each place; a swap through it
      (local.set $p (local.get $a)) (local.set $a (local.get $b))
      (local.set $b (local.get $p)) (local.set $d (local.get $c))
      (local.set $c (i32.add (local.get $c) (local.get $p)))
      (local.set $d (local.get $b)) (local.set $p (local.get $c))
      (local.set $c (local.get $a)) (local.set $a (local.get $d))
      (local.set $a (i32.rotl (local.get $a) (local.get $p)))
      (local.set $d (local.get $a)) (local.set $a (local.get $c))
      (local.set $p (local.get $b)) (local.set $b (local.get $d))
      (local.set $b (i32.add (local.get $b) (local.get $p)))
      (local.set $d (local.get $c)) (local.set $c (local.get $b))
      (local.set $b (local.get $a)) (local.set $p (local.get $d))
      (local.set $a (i32.xor (local.get $a) (local.get $p)))
      ;; the pinned local twice among the destinations
      (local.set $p (local.get $b)) (local.set $p (local.get $c))
      (local.set $c (i32.add (local.get $c) (local.get $p)))
      (local.set $i (i32.add (local.get $i) (local.get $p)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32.xor (i32.add (i32.add (local.get $a) (local.get $b)) (i32.add (local.get $c) (local.get $d)))
             (i32.add (local.get $p) (local.get $i))))

  ;; select on each type and both ways
  (func (export "select_i32") (param $c i32) (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (local.get $c)))
  (func (export "select_i64") (param $c i32) (param $a i64) (param $b i64) (result i64)
    (select (local.get $a) (local.get $b) (local.get $c)))
  (func (export "select_f32") (param $c i32) (param $a f32) (param $b f32) (result f32)
    (select (local.get $a) (local.get $b) (local.get $c)))
  (func (export "select_f64") (param $c i32) (param $a f64) (param $b f64) (result f64)
    (select (local.get $a) (local.get $b) (local.get $c)))
  ;; select on a comparison, into a running maximum and minimum
  (func (export "select_minmax") (param $n i32) (result i64)
    (local $i i32) (local $x i32) (local $max i32) (local $min i32)
    (local.set $min (i32.const -1))
    (loop $l
      (local.set $x (i32.mul (i32.xor (local.get $i) (i32.const 0x5bd1e995))
                             (i32.const 0x01000193)))
      (local.set $max (select (local.get $x) (local.get $max)
                              (i32.gt_u (local.get $x) (local.get $max))))
      (local.set $min (select (local.get $x) (local.get $min)
                              (i32.lt_s (local.get $x) (local.get $min))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $max)) (i64.const 32))
            (i64.extend_i32_u (local.get $min))))
)

(assert_return (invoke "fresh_locals") (i64.const 107))
(assert_return (invoke "fresh_locals_wide") (i64.const 4321))
(assert_return (invoke "fresh_recursive" (i32.const 50)) (i32.const 1275))
(assert_return (invoke "tak" (i32.const 18) (i32.const 12) (i32.const 6)) (i32.const 7))
(assert_return (invoke "tak" (i32.const 12) (i32.const 8) (i32.const 4)) (i32.const 5))
(assert_return (invoke "args_copied" (i32.const 7) (i32.const 30) (i32.const 500)) (i32.const 950))
(assert_return (invoke "set_then_call" (i32.const 100)) (i32.const 98))
(assert_return (invoke "pinned_copy_call" (i32.const 100)) (i32.const 198))
(assert_return (invoke "copies_pinned" (i32.const 1000)) (i32.const 2147392667))
(assert_return (invoke "select_i32" (i32.const 1) (i32.const 11) (i32.const 22)) (i32.const 11))
(assert_return (invoke "select_i32" (i32.const 0) (i32.const 11) (i32.const 22)) (i32.const 22))
(assert_return (invoke "select_i32" (i32.const -2147483648) (i32.const 11) (i32.const 22)) (i32.const 11))
(assert_return (invoke "select_i64" (i32.const 2) (i64.const -1) (i64.const 0x123456789)) (i64.const -1))
(assert_return (invoke "select_i64" (i32.const 0) (i64.const -1) (i64.const 0x123456789)) (i64.const 0x123456789))
(assert_return (invoke "select_f32" (i32.const 1) (f32.const nan:0x200001) (f32.const 1.5)) (f32.const nan:0x200001))
(assert_return (invoke "select_f32" (i32.const 0) (f32.const 1.5) (f32.const -0.0)) (f32.const -0.0))
(assert_return (invoke "select_f64" (i32.const 7) (f64.const -nan:0x4000000000001) (f64.const 2.0)) (f64.const -nan:0x4000000000001))
(assert_return (invoke "select_f64" (i32.const 0) (f64.const 2.0) (f64.const -0x1p-1074)) (f64.const -0x1p-1074))
(assert_return (invoke "select_minmax" (i32.const 1000)) (i64.const -38940731151107665))

;; Calls between instances: each call runs the callee in its own instance,
;; so a direct call there takes that instance's function at the index (the
;; interpreter keeps the current instance's function array at hand), and a
;; return goes back to the caller's. Both modules have functions 0 to 2
;; computing different things at the same indices.
(module $calls_a
  (func $a0 (param i32) (result i32) local.get 0 i32.const 100 i32.add)
  (func $a1 (param i32) (result i32) local.get 0 i32.const 3 i32.mul)
  (func (export "a2") (param i32) (result i32)
    local.get 0 call $a0 call $a1))
(register "calls_a" $calls_a)
(module
  (import "calls_a" "a2" (func $a2 (param i32) (result i32)))
  (table funcref (elem $a2 $b1))
  (type $t (func (param i32) (result i32)))
  (func $b1 (param i32) (result i32) local.get 0 i32.const 7 i32.sub)
  (func $b2 (param i32) (result i32) local.get 0 i32.const 1 i32.shl)
  ;; (x + 100) * 3, then - 7, then * 2, then through the table: a2 and b1
  (func (export "mixed") (param i32) (result i32)
    local.get 0 call $a2 call $b1 call $b2
    i32.const 0 call_indirect (type $t)
    i32.const 1 call_indirect (type $t)))
(assert_return (invoke "mixed" (i32.const 1)) (i32.const 2069))
(assert_return (invoke "mixed" (i32.const -100)) (i32.const 251))
