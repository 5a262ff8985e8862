;; SPDX-License-Identifier: Apache-2.0
;; Values of the any and extern hierarchies crossing between ward wast (the
;; host) and wasm code, with what works before the GC instructions: host
;; references as externrefs, (ref.host N) as anyrefs (boxes of host
;; references), nulls of every heap type, and the result patterns.

(module
  (global $g (mut anyref) (ref.null any))
  (table $t 4 anyref)
  (func (export "id_any") (param anyref) (result anyref) (local.get 0))
  (func (export "id_eq") (param eqref) (result eqref) (local.get 0))
  (func (export "id_extern") (param externref) (result externref) (local.get 0))
  (func (export "null_none") (result nullref) (ref.null none))
  (func (export "null_noextern") (result nullexternref) (ref.null noextern))
  (func (export "null_nofunc") (result nullfuncref) (ref.null nofunc))
  (func (export "set") (param anyref) (global.set $g (local.get 0)))
  (func (export "get") (result anyref) (global.get $g))
  (func (export "tset") (param i32 anyref) (table.set $t (local.get 0) (local.get 1)))
  (func (export "tget") (param i32) (result anyref) (table.get $t (local.get 0)))
  (func (export "is_null") (param anyref) (result i32) (ref.is_null (local.get 0)))
)

(assert_return (invoke "id_any" (ref.host 1)) (ref.host 1))
(assert_return (invoke "id_any" (ref.host 0)) (ref.any))
(assert_return (invoke "id_any" (ref.null any)) (ref.null any))
(assert_return (invoke "id_any" (ref.null none)) (ref.null))
(assert_return (invoke "id_any" (ref.null i31)) (ref.null none))
(assert_return (invoke "id_eq" (ref.null eq)) (ref.null struct))
(assert_return (invoke "id_extern" (ref.extern 3)) (ref.extern 3))
(assert_return (invoke "id_extern" (ref.extern 0)) (ref.extern))
(assert_return (invoke "id_extern" (ref.null extern)) (ref.null noextern))
(assert_return (invoke "null_none") (ref.null any))
(assert_return (invoke "null_noextern") (ref.null extern))
(assert_return (invoke "null_nofunc") (ref.null func))
(assert_return (invoke "is_null" (ref.host 2)) (i32.const 0))
(assert_return (invoke "is_null" (ref.null any)) (i32.const 1))

;; Host boxes kept by a global and a table outlive the commands that made
;; them; the same host reference is the same box.
(invoke "set" (ref.host 7))
(invoke "tset" (i32.const 2) (ref.host 8))
(assert_return (invoke "get") (ref.host 7))
(assert_return (invoke "tget" (i32.const 2)) (ref.host 8))
(assert_return (invoke "tget" (i32.const 1)) (ref.null any))
