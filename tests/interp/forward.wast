;; SPDX-License-Identifier: Apache-2.0
;; Forwarders (src/ir/module.c, wd_module_forward): a function whose body is
;; only its parameters in order and a call of another function of the
;; module with the same type. A call of one goes straight to the end of the
;; chain (src/interp/compile.c, call_target), which must not change what
;; the program computes: several parameters and results, a chain longer
;; than the calls skip, a cycle (which recurses until the stack runs out),
;; functions that look like forwarders but are not (parameters out of
;; order, a different type, an extra instruction, a local, an import),
;; calls through a table and from the host, and a trap in the target.

(module
  (import "spectest" "print_i32" (func $print (param i32)))
  (type $ii (func (param i32 i32) (result i32 i64)))
  (table funcref (elem $w1 $sub))
  (global $count (mut i32) (i32.const 0))

  (func $sub (type $ii)
    global.get $count i32.const 1 i32.add global.set $count
    local.get 0 local.get 1 i32.sub
    local.get 0 i64.extend_i32_u local.get 1 i64.extend_i32_u i64.mul)
  ;; a chain of six forwarders to $sub
  (func $w1 (type $ii) local.get 0 local.get 1 call $w2)
  (func $w2 (type $ii) local.get 0 local.get 1 call $w3)
  (func $w3 (type $ii) local.get 0 local.get 1 call $w4)
  (func $w4 (type $ii) local.get 0 local.get 1 call $w5)
  (func $w5 (type $ii) local.get 0 local.get 1 call $w6)
  (func $w6 (type $ii) local.get 0 local.get 1 call $sub)
  (func (export "chain") (param i32 i32) (result i32 i64) local.get 0 local.get 1 call $w1)
  (func (export "chain_mid") (param i32 i32) (result i32 i64) local.get 0 local.get 1 call $w4)
  (func (export "by_table") (param i32 i32 i32) (result i32 i64)
    local.get 0 local.get 1 local.get 2 call_indirect (type $ii))
  (func (export "count") (result i32) global.get $count)
  (export "w1" (func $w1))

  ;; not forwarders: the parameters exchanged, an extra instruction, a
  ;; declared local, another type, an import
  (func $swap (type $ii) local.get 1 local.get 0 call $sub)
  (func $extra (type $ii) local.get 0 local.get 1 call $sub nop)
  (func $local (type $ii) (local i32) local.get 0 local.get 1 call $sub)
  (func $narrow (param i32 i32) (result i32 i64) local.get 0 local.get 1 call $sub)
  (func $imp (param i32) local.get 0 call $print)
  (func (export "swap") (param i32 i32) (result i32 i64) local.get 0 local.get 1 call $swap)
  (func (export "extra") (param i32 i32) (result i32 i64) local.get 0 local.get 1 call $extra)
  (func (export "local") (param i32 i32) (result i32 i64) local.get 0 local.get 1 call $local)
  (func (export "narrow") (param i32 i32) (result i32 i64) local.get 0 local.get 1 call $narrow)
  (func (export "imp") (param i32) local.get 0 call $imp)

  ;; a cycle of forwarders
  (func $c1 (param i32) (result i32) local.get 0 call $c2)
  (func $c2 (param i32) (result i32) local.get 0 call $c3)
  (func $c3 (param i32) (result i32) local.get 0 call $c1)
  (func (export "cycle") (param i32) (result i32) local.get 0 call $c1)

  ;; a trap at the end of the chain
  (func $div (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_u)
  (func $f1 (param i32 i32) (result i32) local.get 0 local.get 1 call $div)
  (func $f2 (param i32 i32) (result i32) local.get 0 local.get 1 call $f1)
  (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 call $f2))

(assert_return (invoke "chain" (i32.const 7) (i32.const 9)) (i32.const -2) (i64.const 63))
(assert_return (invoke "chain_mid" (i32.const -1) (i32.const -1)) (i32.const 0)
  (i64.const 0xfffffffe00000001))
(assert_return (invoke "by_table" (i32.const 10) (i32.const 3) (i32.const 0)) (i32.const 7)
  (i64.const 30))
(assert_return (invoke "by_table" (i32.const 10) (i32.const 3) (i32.const 1)) (i32.const 7)
  (i64.const 30))
(assert_return (invoke "w1" (i32.const 2) (i32.const 5)) (i32.const -3) (i64.const 10))
(assert_return (invoke "count") (i32.const 5))
(assert_return (invoke "swap" (i32.const 2) (i32.const 5)) (i32.const 3) (i64.const 10))
(assert_return (invoke "extra" (i32.const 2) (i32.const 5)) (i32.const -3) (i64.const 10))
(assert_return (invoke "local" (i32.const 2) (i32.const 5)) (i32.const -3) (i64.const 10))
(assert_return (invoke "narrow" (i32.const 2) (i32.const 5)) (i32.const -3) (i64.const 10))
(assert_return (invoke "count") (i32.const 9))
(assert_return (invoke "imp" (i32.const 42)))
(assert_exhaustion (invoke "cycle" (i32.const 1)) "call stack exhausted")
(assert_return (invoke "div" (i32.const 17) (i32.const 5)) (i32.const 3))
(assert_trap (invoke "div" (i32.const 17) (i32.const 0)) "integer divide by zero")
