;; SPDX-License-Identifier: Apache-2.0
;; What a call costs (bench/calls.sh): the same sum of 1..n (mod 2^32) as a
;; loop that adds in line, as a loop that calls a function to add, and as
;; one that calls it through a table. The callee is the smallest a call
;; can have (two parameters, one result, no locals), so the difference to
;; the first form is the call and its return.
(module
  (type $add_t (func (param i32 i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) func $add)
  (func $add (param $a i32) (param $b i32) (result i32)
    (i32.add (local.get $a) (local.get $b)))
  (func (export "loop") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc))
  (func (export "call") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (call $add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc))
  (func (export "call_indirect") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc
          (call_indirect (type $add_t) (local.get $acc) (local.get $n) (i32.const 0)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc))
)
