;; SPDX-License-Identifier: Apache-2.0
;; Tail calls against loops (bench/calls.sh): the same sum of
;; 1..n (mod 2^32), as a loop with br_if, as a function calling itself with
;; return_call, and through a table with return_call_indirect.
(module
  (type $step (func (param i32 i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) func $tail_indirect)
  (func (export "loop") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc))
  (func $tail (param $n i32) (param $acc i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (local.get $acc))
      (else (return_call $tail (i32.sub (local.get $n) (i32.const 1))
                               (i32.add (local.get $acc) (local.get $n))))))
  (func (export "tail") (param $n i32) (result i32) (call $tail (local.get $n) (i32.const 0)))
  (func $tail_indirect (param $n i32) (param $acc i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (local.get $acc))
      (else (return_call_indirect (type $step) (i32.sub (local.get $n) (i32.const 1))
                                  (i32.add (local.get $acc) (local.get $n)) (i32.const 0)))))
  (func (export "tail_indirect") (param $n i32) (result i32)
    (call $tail_indirect (local.get $n) (i32.const 0)))
)
