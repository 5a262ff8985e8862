;; SPDX-License-Identifier: Apache-2.0
;; The pinned local and vector instructions (src/interp/ops.def V_OP1): an
;; i32 local written by extract_lane (which has no pinned-local form, _LD)
;; through local.set retargeting, inside a loop and read by ordinary
;; arithmetic. It is the most referenced local, so the translator tries it
;; first; the pass must refuse it (and pin another local, or none), or the
;; register would keep a stale value. Expected values from a model of the
;; loops in Python.

(module
  ;; i8x16.extract_lane_u into $x, then $x read by mul, add, xor and
  ;; replace_lane, which changes the lane read next time.
  (func (export "extract_u8") (param $n i32) (result i32)
    (local $i i32) (local $x i32) (local $v v128)
    (local.set $v (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 200))
    (loop $l
      (local.set $x (i8x16.extract_lane_u 15 (local.get $v)))
      (local.set $x (i32.add (local.get $x) (i32.mul (local.get $x) (i32.const 3))))
      (local.set $x (i32.xor (local.get $x) (local.get $i)))
      (local.set $v (i32x4.replace_lane 3 (local.get $v)
                      (i32.add (local.get $x) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_s (local.get $i) (local.get $n))))
    (local.get $x))
  ;; i32x4.extract_lane into $x, then arithmetic on $x and a vector add of
  ;; its splat.
  (func (export "extract_i32") (param $n i32) (result i32)
    (local $i i32) (local $x i32) (local $v v128)
    (local.set $v (v128.const i32x4 7 11 13 17))
    (loop $l
      (local.set $x (i32x4.extract_lane 2 (local.get $v)))
      (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 5)) (local.get $i)))
      (local.set $v (i32x4.add (local.get $v) (i32x4.splat (local.get $x))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_s (local.get $i) (local.get $n))))
    (i32.add (local.get $x) (i32x4.extract_lane 0 (local.get $v))))
  ;; the same with the loop counter the only other i32 local, read by
  ;; the vector too (i8x16.splat of the counter, any_true, bitmask).
  (func (export "bitmask_count") (param $n i32) (result i32)
    (local $x i32) (local $v v128)
    (loop $l
      (local.set $v (i8x16.splat (local.get $n)))
      (local.set $x (i32.add (local.get $x) (i8x16.bitmask (local.get $v))))
      (local.set $x (i32.add (local.get $x) (v128.any_true (local.get $v))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $x))
)

(assert_return (invoke "extract_u8" (i32.const 1)) (i32.const 800))
(assert_return (invoke "extract_u8" (i32.const 10)) (i32.const 9))
(assert_return (invoke "extract_u8" (i32.const 1000)) (i32.const 999))
(assert_return (invoke "extract_i32" (i32.const 1)) (i32.const 137))
(assert_return (invoke "extract_i32" (i32.const 10)) (i32.const 1445544706))
(assert_return (invoke "extract_i32" (i32.const 1000)) (i32.const 1889785404))
(assert_return (invoke "bitmask_count" (i32.const 1)) (i32.const 1))
(assert_return (invoke "bitmask_count" (i32.const 300)) (i32.const 8388779))
