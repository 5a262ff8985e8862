;; SPDX-License-Identifier: Apache-2.0
;; Exception handling (Wasm 3.0: try_table, throw, throw_ref, exnref) in the
;; interpreter, beyond the spec scripts:
;; - tags across instances: an imported tag is the exporter's (caught by
;;   either name), two tags of one type are not the same tag, and an
;;   exception crosses instance boundaries both ways;
;; - catch clauses that land at a loop's head, at a block's end, at the
;;   function's own label (a return of the values), several clauses in
;;   order, and a try_table with parameters;
;; - exnref: kept in a local, a global and a table, thrown again later
;;   (throw_ref) and caught again with its values; null traps;
;; - values of every type (i32, i64, f32, f64, v128, funcref) and many of
;;   them;
;; - the frames between the throw and the handler are gone (locals of the
;;   catching function are kept, calls after the catch work, deep recursion
;;   unwinds);
;; - a tail call leaves the try_table it is in (its handlers no longer
;;   apply);
;; - traps are not exceptions: catch_all does not catch them.

(module $A
  (tag $ea (export "ea") (param i32))
  (func (export "throw_a") (param i32) (throw $ea (local.get 0)))
)
(register "A" $A)

(module $B0
  (import "A" "throw_a" (func $throw_a (param i32)))
  (func (export "cb") (param i32) (call $throw_a (i32.add (local.get 0) (i32.const 1))))
)
(register "B0" $B0)

;; catches what B0 throws with A's tag, through B0's function
(module $A1
  (import "A" "ea" (tag $ea (param i32)))
  (import "B0" "cb" (func $b_cb (param i32)))
  (func (export "catch_through_b") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $ea $h) (call $b_cb (local.get 0)))
      (i32.const -1)))
)
(register "A1" $A1)

(module
  (import "A" "ea" (tag $ea (param i32)))
  (import "A" "ea" (tag $ea2 (param i32)))
  (import "A" "throw_a" (func $throw_a (param i32)))
  (import "A1" "catch_through_b" (func $catch_through_b (param i32) (result i32)))
  (tag $mine (param i32))
  (tag $e0)
  (tag $ev (param i32 i64 f32 f64 v128 funcref))
  (tag $many (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32))
  (global $g (mut exnref) (ref.null exn))
  (table $t 2 exnref)
  (table $ft 1 funcref)
  (elem (table $ft) (i32.const 0) func $id)
  (func $id (param i32) (result i32) (local.get 0))

  ;; the imported tag, by both its names; not by an unrelated tag of the same type
  (func (export "imported") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $ea2 $h) (call $throw_a (local.get 0)))
      (i32.const -1)))
  (func (export "not_mine") (param i32) (result i32)
    (block $outer (result i32)
      (block $h (result i32)
        (try_table (catch $mine $h) (catch $ea $outer) (call $throw_a (local.get 0)))
        (i32.const -1))
      (i32.const 1000)
      (i32.add)))
  (func (export "through_b") (param i32) (result i32) (call $catch_through_b (local.get 0)))

  ;; a catch that lands at a loop's head: count the throws
  (func (export "loop_target") (param $n i32) (result i32) (local $k i32)
    (i32.const 0)
    (loop $l (param i32)
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (drop)
      (if (i32.gt_s (local.get $n) (i32.const 0))
        (then
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (try_table (catch $mine $l) (throw $mine (local.get $n))))))
    (local.get $k))

  ;; a catch at the function's label: the values are returned
  (func (export "function_label") (param i32) (result i32)
    (try_table (catch $mine 0) (throw $mine (i32.mul (local.get 0) (i32.const 3))))
    (i32.const -1))
  (func (export "function_label_all_ref") (result i32)
    (ref.is_null (call $ret_ref)))
  (func $ret_ref (result exnref)
    (try_table (catch_all_ref 0) (throw $e0))
    (ref.null exn))

  ;; clauses in order: the first that matches
  (func (export "order") (param i32) (result i32)
    (block $a
      (block $b
        (block $c (result i32)
          (try_table (catch $e0 $a) (catch $mine $c) (catch_all $b)
            (if (i32.eqz (local.get 0)) (then (throw $e0)))
            (if (i32.eq (local.get 0) (i32.const 1)) (then (throw $mine (i32.const 77))))
            (call $throw_a (local.get 0)))
          (return (i32.const -1)))
        (return))
      (return (i32.const 200)))
    (i32.const 100))

  ;; a try_table with parameters
  (func (export "params") (param i32) (result i32)
    (block $h (result i32)
      (local.get 0)
      (try_table (param i32) (result i32) (catch $mine $h)
        (i32.const 5)
        (i32.add)
        (throw $mine))
      ))

  ;; exnref in a local, a global and a table; thrown again later
  (func (export "keep") (param i32) (result i32) (local $x exnref)
    (block $h (result i32 exnref)
      (try_table (catch_ref $mine $h) (throw $mine (local.get 0)))
      (unreachable))
    (local.set $x)
    (drop)
    (global.set $g (local.get $x))
    (table.set $t (i32.const 1) (global.get $g))
    (block $h2 (result i32)
      (try_table (catch $mine $h2) (throw_ref (table.get $t (i32.const 1))))
      (i32.const -1)))
  (func (export "keep_twice") (param i32) (result i32) (local $x exnref)
    (block $h (result i32 exnref)
      (try_table (catch_ref $mine $h) (throw $mine (local.get 0)))
      (unreachable))
    (local.set $x)
    (drop)
    (block $h1 (result i32)
      (try_table (catch $mine $h1) (throw_ref (local.get $x)))
      (unreachable))
    (block $h2 (result i32)
      (try_table (catch $mine $h2) (throw_ref (local.get $x)))
      (unreachable))
    (i32.add))
  (func (export "null_ref") (throw_ref (ref.null exn)))
  (func (export "is_null") (result i32) (ref.is_null (global.get $g)))

  ;; values of every type
  (func (export "values") (result i32)
    (local $a i32) (local $b i64) (local $c f32) (local $d f64) (local $v v128) (local $f funcref)
    (block $h (result i32 i64 f32 f64 v128 funcref)
      (try_table (catch $ev $h)
        (throw $ev (i32.const 1) (i64.const 2) (f32.const 3.5) (f64.const 4.25)
                   (v128.const i32x4 5 6 7 8) (ref.func $id)))
      (unreachable))
    (local.set $f) (local.set $v) (local.set $d) (local.set $c) (local.set $b) (local.set $a)
    (i32.add
      (i32.add (i32.add (local.get $a) (i32.wrap_i64 (local.get $b)))
               (i32.add (i32.trunc_f32_s (local.get $c)) (i32.trunc_f64_s (local.get $d))))
      (i32.add (i32.add (i32x4.extract_lane 3 (local.get $v)) (i32x4.extract_lane 0 (local.get $v)))
               (ref.is_null (local.get $f)))))
  (func (export "many") (result i32)
    (block $h (result i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
      (try_table (catch $many $h)
        (throw $many (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5)
                     (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10)
                     (i32.const 11) (i32.const 12) (i32.const 13) (i32.const 14) (i32.const 15)
                     (i32.const 16) (i32.const 17) (i32.const 18) (i32.const 19) (i32.const 20)))
      (unreachable))
    (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add)
    (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add)
    (i32.add))

  ;; deep recursion unwound at once; the catching function's locals kept
  (func $deep (param i32)
    (if (i32.eqz (local.get 0)) (then (throw $mine (i32.const 5))))
    (call $deep (i32.sub (local.get 0) (i32.const 1))))
  (func (export "deep") (param i32) (result i32) (local $x i32)
    (local.set $x (i32.const 1000))
    (block $h (result i32)
      (try_table (catch $mine $h) (call $deep (local.get 0)))
      (i32.const -1))
    (local.get $x)
    (i32.add)
    (call $id (i32.const 1))
    (i32.add))

  ;; a tail call leaves the try_table: the caller's handler catches
  (func $tail_thrower (param i32) (result i32) (throw $mine (local.get 0)))
  (func $tail_from_try (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $mine $h)
        (return_call $tail_thrower (local.get 0)))
      (return))
    (drop)
    (i32.const -100))
  (func (export "tail") (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $mine $h) (call $tail_from_try (local.get 0)))
      (return))
    (i32.const 1)
    (i32.add))

  ;; a trap is not an exception
  (func (export "trap") (result i32)
    (block $h
      (try_table (catch_all $h) (unreachable)))
    (i32.const 1))
  (func (export "div") (param i32) (result i32)
    (block $h
      (try_table (catch_all $h) (drop (i32.div_s (i32.const 1) (local.get 0))))
      (return (i32.const 2)))
    (i32.const 3))
)

(assert_return (invoke "imported" (i32.const 7)) (i32.const 7))
(assert_return (invoke "not_mine" (i32.const 7)) (i32.const 7))
(assert_return (invoke "through_b" (i32.const 41)) (i32.const 42))
(assert_return (invoke "loop_target" (i32.const 0)) (i32.const 1))
(assert_return (invoke "loop_target" (i32.const 100000)) (i32.const 100001))
(assert_return (invoke "function_label" (i32.const 5)) (i32.const 15))
(assert_return (invoke "function_label_all_ref") (i32.const 0))
(assert_return (invoke "order" (i32.const 0)) (i32.const 100))
(assert_return (invoke "order" (i32.const 1)) (i32.const 77))
(assert_return (invoke "order" (i32.const 2)) (i32.const 200))
(assert_return (invoke "params" (i32.const 10)) (i32.const 15))
(assert_return (invoke "keep" (i32.const 31)) (i32.const 31))
(assert_return (invoke "is_null") (i32.const 0))
(assert_return (invoke "keep_twice" (i32.const 4)) (i32.const 8))
(assert_trap (invoke "null_ref") "null exception reference")
(assert_return (invoke "values") (i32.const 23))
(assert_return (invoke "many") (i32.const 210))
(assert_return (invoke "deep" (i32.const 5000)) (i32.const 1006))
(assert_return (invoke "tail" (i32.const 6)) (i32.const 7))
(assert_trap (invoke "trap") "unreachable")
(assert_return (invoke "div" (i32.const 1)) (i32.const 2))
(assert_trap (invoke "div" (i32.const 0)) "integer divide by zero")

;; validation
(assert_invalid
  (module (tag (param i32)) (func (block $h (try_table (catch 0 $h)))))
  "type mismatch")
(assert_invalid
  (module (tag) (func (block $h (result i32) (try_table (catch_ref 0 $h)) (unreachable))))
  "type mismatch")
(assert_invalid
  (module (func (block $h (try_table (catch_all_ref $h)))))
  "type mismatch")
(assert_invalid (module (func (try_table (catch 0 0)))) "unknown tag")
(assert_invalid (module (func (throw 1))) "unknown tag")
(assert_invalid (module (func (throw_ref (i32.const 0)))) "type mismatch")
(assert_invalid (module (tag (result i32))) "non-empty tag result type")
(assert_invalid (module (func (try_table (catch_all 1)))) "unknown label")
