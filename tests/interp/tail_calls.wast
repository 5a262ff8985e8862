;; SPDX-License-Identifier: Apache-2.0
;; Tail calls (return_call, return_call_indirect) in the interpreter:
;; - chains of millions of tail calls run in constant stack space (the
;;   default call-depth limit is 100,000 frames), self-recursive, mutually
;;   recursive through a table, and alternating between the two forms;
;; - the callee's frame replaces the caller's: arguments that are the
;;   caller's own locals in another order, more parameters than the caller
;;   has cells, fewer, v128 ones, and declared locals that start at zero
;;   although the caller's frame held other values there (few locals, and
;;   more than sixteen);
;; - a loop counter in a parameter (the pinned local's register is loaded
;;   from the new frame);
;; - into another instance, whose memory the callee then uses, and back:
;;   the caller of the function that made the tail call sees its own memory;
;; - into a host function, whose results (none here) are the function's;
;; - traps raised by the tail call itself and inside the callee;
;; - a tail call from the function the host called (the entry frame).

(module $A
  (memory 1)
  (data (i32.const 0) "\0b\00\00\00")
  (func (export "peek") (result i32) (i32.load (i32.const 0)))
  ;; counts n down in tail calls, returning acc + n(n+1)/2 mod 2^32
  (func $sum (export "sum") (param $n i32) (param $acc i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (local.get $acc))
      (else (return_call $sum (i32.sub (local.get $n) (i32.const 1))
                              (i32.add (local.get $acc) (local.get $n))))))
)
(register "A" $A)

(module
  (import "A" "peek" (func $peek (result i32)))
  (import "A" "sum" (func $asum (param i32 i32) (result i32)))
  (import "spectest" "print_i32" (func $print (param i32)))
  (memory 1)
  (data (i32.const 0) "\16\00\00\00")
  (type $ii_i (func (param i32 i32) (result i32)))
  (type $i_i (func (param i32) (result i32)))
  (table $t 4 funcref)
  (elem (table $t) (i32.const 0) func $even $odd $sum)

  ;; self recursion: 10,000,000 calls
  (func $count (export "count") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 77))
      (else (return_call $count (i32.sub (local.get $n) (i32.const 1))))))

  ;; mutual recursion through the table
  (func $even (param $n i32) (param $unused i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 1))
      (else (return_call_indirect $t (type $ii_i)
              (i32.sub (local.get $n) (i32.const 1)) (i32.const 0) (i32.const 1)))))
  (func $odd (param $n i32) (param $unused i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call_indirect $t (type $ii_i)
              (i32.sub (local.get $n) (i32.const 1)) (i32.const 0) (i32.const 0)))))
  (func (export "is_even") (param i32) (result i32)
    (return_call $even (local.get 0) (i32.const 0)))

  ;; the two forms alternating, with the table's sum in between
  (func $sum (param $n i32) (param $acc i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (local.get $acc))
      (else (return_call $sum2 (i32.sub (local.get $n) (i32.const 1))
                               (i32.add (local.get $acc) (local.get $n))))))
  (func $sum2 (param $n i32) (param $acc i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (local.get $acc))
      (else (return_call_indirect $t (type $ii_i)
              (i32.sub (local.get $n) (i32.const 1))
              (i32.add (local.get $acc) (local.get $n)) (i32.const 2)))))
  (func (export "sum_mixed") (param i32) (result i32)
    (return_call $sum (local.get 0) (i32.const 0)))
  ;; into the other instance's sum
  (func (export "sum_other") (param i32) (result i32)
    (return_call $asum (local.get 0) (i32.const 5)))

  ;; arguments swapped: (a, b) -> (b, a), three times
  (func $swap3 (param $a i32) (param $b i32) (param $k i32) (result i32)
    (if (result i32) (i32.eqz (local.get $k))
      (then (i32.sub (i32.mul (local.get $a) (i32.const 100)) (local.get $b)))
      (else (return_call $swap3 (local.get $b) (local.get $a)
                                (i32.sub (local.get $k) (i32.const 1))))))
  (func (export "swap") (param i32 i32) (result i32)
    (return_call $swap3 (local.get 0) (local.get 1) (i32.const 3)))

  ;; one parameter and dirty locals, into six parameters and eight locals
  (func $wide (param $a i32) (param $b i64) (param $c i32) (param $d f64) (param $e i32)
              (param $f i64) (result i64)
    (local $l1 i32) (local $l2 i64) (local $l3 i32) (local $l4 i64)
    (local $l5 i32) (local $l6 i64) (local $l7 i32) (local $l8 i64)
    (i64.add
      (i64.add (i64.extend_i32_u (i32.add (local.get $l1) (local.get $l3)))
               (i64.add (local.get $l2) (local.get $l4)))
      (i64.add
        (i64.add (i64.extend_i32_u (i32.add (local.get $l5) (local.get $l7)))
                 (i64.add (local.get $l6) (local.get $l8)))
        (i64.add
          (i64.add (i64.extend_i32_u (local.get $a)) (local.get $b))
          (i64.add (i64.extend_i32_u (i32.add (local.get $c) (local.get $e)))
                   (i64.add (i64.trunc_f64_s (local.get $d)) (local.get $f)))))))
  (func (export "narrow_to_wide") (param $x i32) (result i64)
    (local $p i32) (local $q i64) (local $r i32) (local $s i64)
    (local $t i32) (local $u i64) (local $v i32) (local $w i64)
    (local $y i64) (local $z i64)
    (local.set $p (i32.const -1)) (local.set $q (i64.const -1))
    (local.set $r (i32.const -1)) (local.set $s (i64.const -1))
    (local.set $t (i32.const -1)) (local.set $u (i64.const -1))
    (local.set $v (i32.const -1)) (local.set $w (i64.const -1))
    (local.set $y (i64.const -1)) (local.set $z (i64.const -1))
    (return_call $wide (local.get $x) (i64.const 2) (i32.const 3) (f64.const 4.5)
                       (i32.const 5) (i64.const 6000000000)))

  ;; six parameters into one, whose 17 locals start at zero
  (func $many_locals (param $x i32) (result i32)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    (i32.add (local.get $x)
      (i32.add (i32.add (i32.add (local.get 1) (local.get 5)) (i32.add (local.get 9) (local.get 12)))
               (i32.add (i32.add (local.get 15) (local.get 16)) (local.get 17)))))
  (func (export "wide_to_narrow") (param i32 i64 i32 i64 i32 i64) (result i32)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    (local.set 6 (i32.const 9)) (local.set 10 (i32.const 9)) (local.set 14 (i32.const 9))
    (local.set 18 (i32.const 9)) (local.set 23 (i32.const 9))
    (return_call $many_locals (i32.add (local.get 0) (local.get 4))))

  ;; v128 arguments, moved across
  (func $vsum (param $a v128) (param $k i32) (param $b v128) (result i32)
    (if (result i32) (i32.eqz (local.get $k))
      (then (i32x4.extract_lane 3 (i32x4.add (local.get $a) (local.get $b))))
      (else (return_call $vsum (local.get $b) (i32.sub (local.get $k) (i32.const 1))
                               (i32x4.add (local.get $a) (local.get $b))))))
  (func (export "vfib") (param $k i32) (result i32)
    (return_call $vsum (v128.const i32x4 0 0 0 0) (local.get $k) (v128.const i32x4 0 0 0 1)))

  ;; a loop over a parameter, entered by a tail call
  (func $loop (param $n i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (local.get $s))
  (func (export "loop_sum") (param i32) (result i32) (local i32)
    (local.set 1 (i32.const 1000))
    (return_call $loop (i32.add (local.get 0) (local.get 1))))

  ;; instances: the callee reads its own memory; the caller's caller its
  (func $to_a (result i32) (return_call $peek))
  (func (export "peek_a") (result i32) (return_call $peek))
  (func (export "peek_both") (result i32)
    (i32.add (i32.mul (call $to_a) (i32.const 1000)) (i32.load (i32.const 0))))

  ;; a host function
  (func $to_host (param i32) (return_call $print (local.get 0)))
  (func (export "host") (result i32)
    (call $to_host (i32.const 42))
    (i32.load (i32.const 0)))

  ;; traps
  (func $boom (param i32) (result i32) (unreachable))
  (func (export "trap_in_callee") (result i32) (return_call $boom (i32.const 1)))
  (func (export "trap_oob") (result i32)
    (return_call_indirect $t (type $ii_i) (i32.const 0) (i32.const 0) (i32.const 4)))
  (func (export "trap_null") (result i32)
    (return_call_indirect $t (type $ii_i) (i32.const 0) (i32.const 0) (i32.const 3)))
  (func (export "trap_type") (result i32)
    (return_call_indirect $t (type $i_i) (i32.const 0) (i32.const 0)))
)

(assert_return (invoke "count" (i32.const 0)) (i32.const 77))
(assert_return (invoke "count" (i32.const 10000000)) (i32.const 77))
(assert_return (invoke "is_even" (i32.const 1000001)) (i32.const 0))
(assert_return (invoke "is_even" (i32.const 3000000)) (i32.const 1))
(assert_return (invoke "sum_mixed" (i32.const 100)) (i32.const 5050))
(assert_return (invoke "sum_mixed" (i32.const 2000000)) (i32.const -1453759936))
(assert_return (invoke "sum_other" (i32.const 1000000)) (i32.const 1784293669))
(assert_return (invoke "swap" (i32.const 7) (i32.const 3)) (i32.const 293))
(assert_return (invoke "narrow_to_wide" (i32.const 1)) (i64.const 6000000015))
(assert_return (invoke "wide_to_narrow" (i32.const 1) (i64.const 2) (i32.const 3) (i64.const 4)
                                        (i32.const 5) (i64.const 6)) (i32.const 6))
(assert_return (invoke "vfib" (i32.const 0)) (i32.const 1))
(assert_return (invoke "vfib" (i32.const 10)) (i32.const 144))
(assert_return (invoke "loop_sum" (i32.const 0)) (i32.const 500500))
(assert_return (invoke "peek_a") (i32.const 11))
(assert_return (invoke "peek_both") (i32.const 11022))
(assert_return (invoke "host") (i32.const 22))
(assert_trap (invoke "trap_in_callee") "unreachable")
(assert_trap (invoke "trap_oob") "undefined element")
(assert_trap (invoke "trap_null") "uninitialized element")
(assert_trap (invoke "trap_type") "indirect call type mismatch")
;; the instance still works after its traps
(assert_return (invoke "count" (i32.const 1000)) (i32.const 77))

;; validation: the callee's results must be the function's
(assert_invalid
  (module (func $f (result i64) (i64.const 0))
          (func (result i32) (return_call $f)))
  "type mismatch")
(assert_invalid
  (module (type $t (func (result i32)))
          (table 1 funcref)
          (func (result i64) (return_call_indirect (type $t) (i32.const 0))))
  "type mismatch")
(assert_invalid
  (module (func $f (param i32)) (func (return_call $f (i64.const 1))))
  "type mismatch")
