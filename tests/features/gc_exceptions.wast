;; SPDX-License-Identifier: Apache-2.0
;; Exceptions are objects of the collected heap: a loop throws and catches
;; a hundred thousand of them (enough allocation for collections to run
;; while it does), keeping each one's exnref in a local for an iteration
;; and one of them in a global, which must survive every collection.

(module
  (tag $t (param i32))
  (global $keep (mut exnref) (ref.null exn))
  (func $thrower (param i32) (throw $t (local.get 0)))
  (func (export "churn") (param i32) (result i32)
    (local $sum i32) (local $e exnref) (local $v i32)
    (loop $l
      (block $c (result i32 exnref)
        (try_table (catch_ref $t $c) (call $thrower (local.get 0)))
        (unreachable))
      (local.set $e)
      (local.set $v)
      (local.set $sum (i32.add (local.get $sum) (local.get $v)))
      (if (i32.eq (local.get $v) (i32.const 50000))
        (then (global.set $keep (local.get $e))))
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get $sum))
  (func (export "rethrow_kept") (result i32)
    (block $c (result i32)
      (try_table (catch $t $c) (throw_ref (global.get $keep)))
      (i32.const -1)))
  (func (export "uncaught") (throw_ref (global.get $keep)))
)

(assert_return (invoke "churn" (i32.const 100000)) (i32.const 705082704))
(assert_return (invoke "rethrow_kept") (i32.const 50000))
(assert_return (invoke "churn" (i32.const 100000)) (i32.const 705082704))
(assert_return (invoke "rethrow_kept") (i32.const 50000))
(assert_exception (invoke "uncaught"))
(assert_return (invoke "rethrow_kept") (i32.const 50000))
