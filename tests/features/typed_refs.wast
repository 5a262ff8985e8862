;; SPDX-License-Identifier: Apache-2.0
;; Typed function references (Wasm 3.0) in the interpreter, beyond the
;; spec scripts:
;; - call_ref through a funcref kept in a local, a global and a table;
;; - return_call_ref a million times in a row (constant stack space),
;;   alternating between two functions;
;; - null: call_ref and return_call_ref trap with "null function reference",
;;   ref.as_non_null with "null reference";
;; - br_on_null and br_on_non_null in a loop, with values below the
;;   reference carried to the label;
;; - a non-nullable local set in a block is unset again after it.

(module
  (type $ii (func (param i32) (result i32)))
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (global $g (mut (ref null $ii)) (ref.func $dbl))
  (table $t 2 (ref null $ii))
  (elem declare func $inc $dbl $even $odd)

  (func (export "via_local") (param i32) (result i32) (local $f (ref null $ii))
    (local.set $f (ref.func $inc))
    (call_ref $ii (local.get 0) (local.get $f)))
  (func (export "via_global") (param i32) (result i32)
    (call_ref $ii (local.get 0) (global.get $g)))
  (func (export "via_table") (param i32) (result i32)
    (table.set $t (i32.const 1) (ref.func $inc))
    (call_ref $ii (local.get 0) (table.get $t (i32.const 1))))
  (func (export "null_call") (result i32)
    (call_ref $ii (i32.const 0) (ref.null $ii)))
  (func (export "null_as") (drop (ref.as_non_null (ref.null func))))

  ;; mutual recursion by return_call_ref: even(n) / odd(n)
  (type $bi (func (param i32) (result i32)))
  (func $even (type $bi)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 1))
      (else (return_call_ref $bi (i32.sub (local.get 0) (i32.const 1)) (ref.func $odd)))))
  (func $odd (type $bi)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call_ref $bi (i32.sub (local.get 0) (i32.const 1)) (ref.func $even)))))
  (func (export "is_even") (param i32) (result i32) (call $even (local.get 0)))
  (func (export "tail_null") (result i32)
    (return_call_ref $bi (i32.const 1) (ref.null $bi)))

  ;; adds 1 for each of n references that is null and 1000 for each that is
  ;; not: br_on_null carries the counter past a drop, br_on_non_null carries
  ;; counter + 1000 and the reference
  (func (export "count_nulls") (param $n i32) (result i32) (local $c i32) (local $r funcref)
    (loop $l
      (local.set $r (if (result funcref) (i32.rem_u (local.get $n) (i32.const 3))
                      (then (ref.func $inc)) (else (ref.null func))))
      (local.set $c
        (block $null (result i32)
          (local.get $c)
          (br_on_null $null (local.get $r))
          (drop)))
      (local.set $c
        (block $nonnull (result i32 funcref)
          (i32.add (local.get $c) (i32.const 1000))
          (br_on_non_null $nonnull (local.get $r))
          (i32.sub (i32.const 1000))
          (i32.const 1)
          (i32.add)
          (ref.null func))
        (drop))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (local.get $c))

  (func (export "nonnull_local") (param $p i32) (result i32) (local $f (ref $ii))
    (local.set $f (ref.func $dbl))
    (call_ref $ii (local.get $p) (local.get $f)))
)

(assert_return (invoke "via_local" (i32.const 41)) (i32.const 42))
(assert_return (invoke "via_global" (i32.const 21)) (i32.const 42))
(assert_return (invoke "via_table" (i32.const 9)) (i32.const 10))
(assert_trap (invoke "null_call") "null function reference")
(assert_trap (invoke "null_as") "null reference")
(assert_return (invoke "is_even" (i32.const 1000000)) (i32.const 1))
(assert_return (invoke "is_even" (i32.const 999999)) (i32.const 0))
(assert_trap (invoke "tail_null") "null function reference")
(assert_return (invoke "count_nulls" (i32.const 30)) (i32.const 20010))
(assert_return (invoke "nonnull_local" (i32.const 4)) (i32.const 8))

(assert_invalid
  (module (type $ii (func (param i32) (result i32)))
    (func (param i32) (result i32) (local $f (ref $ii))
      (block (local.set $f (ref.func 0)))
      (call_ref $ii (local.get 0) (local.get $f)))
    (elem declare func 0))
  "uninitialized local")
(assert_invalid
  (module (type $ii (func (param i32) (result i32)))
    (func (result i32) (call_ref $ii (i32.const 0) (ref.null func))))
  "type mismatch")
