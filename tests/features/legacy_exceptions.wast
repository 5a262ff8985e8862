;; SPDX-License-Identifier: Apache-2.0
;; The legacy exception instructions (try, catch, catch_all, delegate,
;; rethrow) that LLVM and Emscripten emit by default: values of one and two
;; tags, catch_all, nesting, rethrow from a catch arm and of an outer arm,
;; delegate to an enclosing try, past a try, to a block and to the caller,
;; an exception raised in a catch arm, locals kept across a throw, a loop of
;; throws, exceptions nothing catches, and a trap that catch_all does not
;; catch. Expected values from V8 (node 20), which runs this encoding.

(module
  (tag $e0)
  (tag $e1 (param i32))
  (tag $e2 (param i32 i64))
  (func $throw0 (throw $e0))
  (func $throw1 (param i32) (throw $e1 (local.get 0)))
  (func $throw2 (param i32 i64) (throw $e2 (local.get 0) (local.get 1)))

  ;; catch with values, and catch_all
  (func (export "catch1") (param i32) (result i32)
    (try (result i32)
      (do (call $throw1 (local.get 0)) (i32.const 0))
      (catch $e1 (i32.add (i32.const 100)))
      (catch_all (i32.const -1))))
  (func (export "catch2") (param i32) (result i64) (local $t i64)
    (try (result i64)
      (do (call $throw2 (local.get 0) (i64.const 7)) (i64.const 0))
      (catch $e2 (local.set $t) (i64.extend_i32_u) (local.get $t) (i64.add))))
  (func (export "catch_all") (result i32)
    (try (result i32)
      (do (call $throw0) (i32.const 0))
      (catch $e1 (drop) (i32.const 1))
      (catch_all (i32.const 2))))
  (func (export "no_throw") (result i32)
    (try (result i32)
      (do (i32.const 5))
      (catch_all (i32.const 6))))
  ;; nested: the inner try does not catch $e0, the outer does
  (func (export "nested") (param i32) (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (if (local.get 0) (then (call $throw0)) (else (call $throw1 (i32.const 3)))) (i32.const 0))
          (catch $e1 (drop) (i32.const 10))))
      (catch $e0 (i32.const 20))))
  ;; rethrow from a catch arm, caught outside
  (func (export "rethrow") (param i32) (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw1 (local.get 0)) (i32.const 0))
          (catch $e1 (drop) (rethrow 0))))
      (catch $e1 (i32.mul (i32.const 2)))))
  ;; rethrow of an outer catch from an inner one
  (func (export "rethrow_outer") (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw1 (i32.const 4)) (i32.const 0))
          (catch $e1
            (drop)
            (try (result i32)
              (do (call $throw0) (i32.const 0))
              (catch $e0 (rethrow 1))))))
      (catch $e1)
      (catch $e0 (i32.const -5))))
  ;; rethrow in catch_all, then uncaught
  (func (export "rethrow_all") (param i32) (result i32)
    (try (result i32)
      (do (call $throw1 (local.get 0)) (i32.const 0))
      (catch_all (rethrow 0))))
  ;; delegate to an enclosing try
  (func (export "delegate") (param i32) (result i32)
    (try $t (result i32)
      (do
        (try (result i32)
          (do (call $throw1 (local.get 0)) (i32.const 1))
          (delegate $t)))
      (catch $e1 (i32.add (i32.const 1000)))))
  ;; delegate skips the try in between
  (func (export "delegate_skip") (result i32)
    (try $outer (result i32)
      (do
        (try (result i32)
          (do
            (try (result i32)
              (do (call $throw0) (i32.const 1))
              (delegate $outer)))
          (catch $e0 (i32.const 2))))
      (catch $e0 (i32.const 3))))
  ;; delegate to a block: the try around the block
  (func (export "delegate_block") (result i32)
    (try (result i32)
      (do
        (block $b (result i32)
          (try (result i32)
            (do (call $throw0) (i32.const 1))
            (delegate $b))))
      (catch $e0 (i32.const 4))))
  ;; delegate to the caller
  (func $deleg_out (result i32)
    (try (result i32)
      (do (call $throw1 (i32.const 9)) (i32.const 1))
      (delegate 0)))
  (func (export "delegate_caller") (result i32)
    (try (result i32)
      (do (call $deleg_out))
      (catch $e1 (i32.add (i32.const 50)))))
  ;; an exception in a catch arm is not caught by the same try
  (func (export "in_catch_arm") (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw0) (i32.const 1))
          (catch $e0 (call $throw1 (i32.const 8)) (i32.const 2))
          (catch $e1 (drop) (i32.const 3))))
      (catch $e1 (i32.add (i32.const 30)))))
  ;; throw directly in the try body, locals kept
  (func (export "locals") (param i32) (result i32) (local $x i32)
    (local.set $x (i32.const 11))
    (try
      (do (local.set $x (i32.add (local.get $x) (local.get 0))) (throw $e0))
      (catch $e0 (local.set $x (i32.mul (local.get $x) (i32.const 2)))))
    (local.get $x))
  ;; a loop that throws and catches many times
  (func (export "loop") (param $n i32) (result i32) (local $s i32)
    (loop $l
      (try
        (do (call $throw1 (local.get $n)))
        (catch $e1 (local.set $s (i32.add (local.get $s)))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (local.get $s))
  ;; uncaught
  (func (export "uncaught") (result i32)
    (try (result i32)
      (do (call $throw1 (i32.const 1)) (i32.const 0))
      (catch $e0 (i32.const 1))))
  ;; a trap is not caught by catch_all
  (func (export "trap") (result i32)
    (try (result i32)
      (do (unreachable))
      (catch_all (i32.const 1))))
)

(assert_return (invoke "catch1" (i32.const 5)) (i32.const 105))
(assert_return (invoke "catch2" (i32.const 3)) (i64.const 10))
(assert_return (invoke "catch_all") (i32.const 2))
(assert_return (invoke "no_throw") (i32.const 5))
(assert_return (invoke "nested" (i32.const 1)) (i32.const 20))
(assert_return (invoke "nested" (i32.const 0)) (i32.const 10))
(assert_return (invoke "rethrow" (i32.const 21)) (i32.const 42))
(assert_return (invoke "rethrow_outer") (i32.const 4))
(assert_exception (invoke "rethrow_all" (i32.const 3)))
(assert_return (invoke "delegate" (i32.const 7)) (i32.const 1007))
(assert_return (invoke "delegate_skip") (i32.const 3))
(assert_return (invoke "delegate_block") (i32.const 4))
(assert_return (invoke "delegate_caller") (i32.const 59))
(assert_return (invoke "in_catch_arm") (i32.const 38))
(assert_return (invoke "locals" (i32.const 4)) (i32.const 30))
(assert_return (invoke "loop" (i32.const 100000)) (i32.const 705082704))
(assert_exception (invoke "uncaught"))
(assert_trap (invoke "trap") "unreachable")

;; validation
(assert_invalid (module (func (try (do) (catch 0)))) "unknown tag")
(assert_invalid (module (tag) (func (block (rethrow 0)))) "invalid rethrow label")
(assert_invalid (module (tag) (func (try (do (rethrow 0)) (catch 0)))) "invalid rethrow label")
(assert_invalid
  (module (tag (param i64)) (func (result i32) (try (result i32) (do (i32.const 1)) (catch 0))))
  "type mismatch")
(assert_invalid
  (module (tag (param i64)) (func (try (do) (catch 0 (drop (i32.eqz))))))
  "type mismatch")


;; A kept exception survives a call in its catch arm: the callee's frame
;; (twenty locals set to -1) must not overlap the cell that keeps it for
;; rethrow.
(module
  (tag $e (param i32))
  (func $clobber (param i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (local.set 1 (i64.const -1)) (local.set 2 (i64.const -1)) (local.set 3 (i64.const -1))
    (local.set 4 (i64.const -1)) (local.set 5 (i64.const -1)) (local.set 6 (i64.const -1))
    (local.set 7 (i64.const -1)) (local.set 8 (i64.const -1)) (local.set 9 (i64.const -1))
    (local.set 10 (i64.const -1)) (local.set 11 (i64.const -1)) (local.set 12 (i64.const -1))
    (local.get 0))
  (func (export "f") (result i32)
    (try (result i32)
      (do
        (try
          (do (throw $e (i32.const 42)))
          (catch $e
            (drop (call $clobber (i32.const 1)))
            (drop)
            (rethrow 0)))
        (i32.const 0))
      (catch $e)))
)
(assert_return (invoke "f") (i32.const 42))
