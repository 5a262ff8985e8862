;; 64-bit memories and tables (memory64) in the interpreter: every access to
;; a 64-bit memory goes through the generic operations (ops.def M_LOAD ...),
;; checked in 64 bits without wrapping; 64-bit tables narrow their i64
;; indices (ops.def TABLE_INDEX64). The edges: offsets near 2^64, an address
;; plus an offset that overflows, memory.grow that fails (-1 as an i64),
;; memory.size as an i64, copies between 32- and 64-bit memories.

(module
  (memory $m i64 1 3)
  (memory $n 1)
  (data (memory $m) (i64.const 0xfff8) "\01\02\03\04\05\06\07\08")

  (func (export "load") (param $a i64) (result i64) (i64.load $m (local.get $a)))
  (func (export "load8") (param $a i64) (result i32) (i32.load8_u $m (local.get $a)))
  (func (export "store") (param $a i64) (param $v i64) (i64.store $m (local.get $a) (local.get $v)))
  (func (export "load_off1") (param $a i64) (result i32) (i32.load8_u $m offset=1 (local.get $a)))
  (func (export "load_offmax") (param $a i64) (result i32)
    (i32.load8_u $m offset=0xffff_ffff_ffff_ffff (local.get $a)))
  (func (export "load_off_2^64-8") (param $a i64) (result i64)
    (i64.load $m offset=0xffff_ffff_ffff_fff8 (local.get $a)))
  (func (export "load_off_4g") (param $a i64) (result i32)
    (i32.load $m offset=0x1_0000_0000 (local.get $a)))
  (func (export "size") (result i64) (memory.size $m))
  (func (export "grow") (param $d i64) (result i64) (memory.grow $m (local.get $d)))
  (func (export "fill") (param $d i64) (param $v i32) (param $n i64)
    (memory.fill $m (local.get $d) (local.get $v) (local.get $n)))
  ;; memory.copy between a 64-bit and a 32-bit memory: each address of its
  ;; memory's type, the length an i32 (the smaller type).
  (func (export "copy_to32") (param $d i32) (param $s i64) (param $n i32)
    (memory.copy $n $m (local.get $d) (local.get $s) (local.get $n)))
  (func (export "copy_to64") (param $d i64) (param $s i32) (param $n i32)
    (memory.copy $m $n (local.get $d) (local.get $s) (local.get $n)))
  (func (export "copy64") (param $d i64) (param $s i64) (param $n i64)
    (memory.copy $m $m (local.get $d) (local.get $s) (local.get $n)))
  (func (export "load32") (param $a i32) (result i64) (i64.load $n (local.get $a)))
  (func (export "v_load") (param $a i64) (result i64)
    (i64x2.extract_lane 0 (v128.load $m offset=0x8 (local.get $a))))
  (func (export "v_store_lane") (param $a i64)
    (v128.store16_lane $m 7 (local.get $a) (v128.const i16x8 0 0 0 0 0 0 0 0x1234)))
)

;; The data segment at an i64 offset, the last bytes.
(assert_return (invoke "load" (i64.const 0xfff8)) (i64.const 0x0807060504030201))
(assert_return (invoke "load8" (i64.const 0xffff)) (i32.const 8))
(assert_trap (invoke "load8" (i64.const 0x10000)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const 0xfff9)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const -1)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const 0x1_0000_0000)) "out of bounds memory access")
;; An address plus an offset beyond 2^64 does not wrap around to 0.
(assert_return (invoke "load_off1" (i64.const 0xfffe)) (i32.const 8))
(assert_trap (invoke "load_off1" (i64.const 0xffff)) "out of bounds memory access")
(assert_trap (invoke "load_off1" (i64.const -1)) "out of bounds memory access")
(assert_trap (invoke "load_offmax" (i64.const 0)) "out of bounds memory access")
(assert_trap (invoke "load_offmax" (i64.const 1)) "out of bounds memory access")
(assert_trap (invoke "load_off_2^64-8" (i64.const 8)) "out of bounds memory access")
(assert_trap (invoke "load_off_2^64-8" (i64.const 0x10)) "out of bounds memory access")
(assert_trap (invoke "load_off_4g" (i64.const 0)) "out of bounds memory access")
(assert_trap (invoke "load_off_4g" (i64.const 0xffff_ffff_0000_0000)) "out of bounds memory access")
(invoke "store" (i64.const 0) (i64.const 0x1122334455667788))
(assert_trap (invoke "store" (i64.const 0xfff9) (i64.const 0)) "out of bounds memory access")
(assert_return (invoke "load" (i64.const 0xfff8)) (i64.const 0x0807060504030201))

;; memory.size and memory.grow as i64s; -1 when it cannot grow.
(assert_return (invoke "size") (i64.const 1))
(assert_return (invoke "grow" (i64.const 1)) (i64.const 1))
(assert_return (invoke "size") (i64.const 2))
(assert_return (invoke "grow" (i64.const 2)) (i64.const -1)) ;; beyond the maximum
(assert_return (invoke "grow" (i64.const 0x1_0000_0000_0000)) (i64.const -1))
(assert_return (invoke "grow" (i64.const -1)) (i64.const -1))
(assert_return (invoke "grow" (i64.const 1)) (i64.const 2))
(assert_return (invoke "grow" (i64.const 0)) (i64.const 3))
(assert_return (invoke "load" (i64.const 0x2fff8)) (i64.const 0))
(assert_trap (invoke "load" (i64.const 0x2fff9)) "out of bounds memory access")

;; memory.fill with i64 lengths.
(invoke "fill" (i64.const 0x2fffe) (i32.const 0xaa) (i64.const 2))
(assert_return (invoke "load8" (i64.const 0x2ffff)) (i32.const 0xaa))
(assert_trap (invoke "fill" (i64.const 0x2fffe) (i32.const 0) (i64.const 3)) "out of bounds memory access")
(invoke "fill" (i64.const 0x30000) (i32.const 0) (i64.const 0))
(assert_trap (invoke "fill" (i64.const -1) (i32.const 0) (i64.const 0)) "out of bounds memory access")
(assert_trap (invoke "fill" (i64.const 1) (i32.const 0) (i64.const -1)) "out of bounds memory access")
(assert_return (invoke "load8" (i64.const 0x2ffff)) (i32.const 0xaa))

;; memory.copy between the two memories, and within the 64-bit one.
(invoke "copy_to32" (i32.const 0x10) (i64.const 0) (i32.const 8))
(assert_return (invoke "load32" (i32.const 0x10)) (i64.const 0x1122334455667788))
(invoke "copy_to64" (i64.const 0x20000) (i32.const 0x10) (i32.const 8))
(assert_return (invoke "load" (i64.const 0x20000)) (i64.const 0x1122334455667788))
(assert_trap (invoke "copy_to64" (i64.const 0x2fffc) (i32.const 0x10) (i32.const 8)) "out of bounds memory access")
(assert_trap (invoke "copy_to32" (i32.const 0xfffc) (i64.const 0) (i32.const 8)) "out of bounds memory access")
(assert_trap (invoke "copy_to32" (i32.const 0) (i64.const 0xffff_ffff_ffff_fff8) (i32.const 8)) "out of bounds memory access")
(assert_trap (invoke "copy_to64" (i64.const 0x1_0000_0000) (i32.const 0) (i32.const 0)) "out of bounds memory access")
(invoke "copy64" (i64.const 1) (i64.const 0) (i64.const 8))
(assert_return (invoke "load" (i64.const 0)) (i64.const 0x2233445566778888))
(assert_trap (invoke "copy64" (i64.const 0) (i64.const 0) (i64.const 0x30001)) "out of bounds memory access")
(assert_trap (invoke "copy64" (i64.const 0) (i64.const 1) (i64.const -1)) "out of bounds memory access")

;; Vectors on the 64-bit memory.
(assert_return (invoke "v_load" (i64.const 0xfff0)) (i64.const 0x0807060504030201))
(assert_trap (invoke "v_load" (i64.const 0x2fff8)) "out of bounds memory access")
(assert_trap (invoke "v_load" (i64.const 0xffff_ffff_ffff_fff8)) "out of bounds memory access")
(invoke "v_store_lane" (i64.const 0x2fffe))
(assert_return (invoke "load8" (i64.const 0x2ffff)) (i32.const 0x12))
(assert_trap (invoke "v_store_lane" (i64.const 0x2ffff)) "out of bounds memory access")

;; Without a maximum, growth stops at the engine's limit (65536 pages by
;; default), -1 beyond it.
(module
  (memory i64 1)
  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
  (func (export "size") (result i64) (memory.size))
)
(assert_return (invoke "grow" (i64.const 0x10000)) (i64.const -1))
(assert_return (invoke "grow" (i64.const 0x1_0000_0000_0000)) (i64.const -1))
(assert_return (invoke "grow" (i64.const 1)) (i64.const 1))
(assert_return (invoke "size") (i64.const 2))

;; 64-bit tables: i64 indices, sizes and lengths; an index of 2^32 or more
;; is out of bounds, never wrapped.
(module
  (type $t (func (result i32)))
  (table $t64 i64 4 6 funcref)
  (table $t32 2 funcref)
  (elem (table $t64) (i64.const 1) func $f1 $f2)
  (elem $e func $f2 $f1)
  (func $f1 (result i32) (i32.const 1))
  (func $f2 (result i32) (i32.const 2))
  (func (export "call") (param i64) (result i32) (call_indirect $t64 (type $t) (local.get 0)))
  (func (export "call32") (param i32) (result i32) (call_indirect $t32 (type $t) (local.get 0)))
  (func (export "size") (result i64) (table.size $t64))
  (func (export "grow") (param i64) (result i64) (table.grow $t64 (ref.null func) (local.get 0)))
  (func (export "is_null") (param i64) (result i32) (ref.is_null (table.get $t64 (local.get 0))))
  (func (export "set") (param i64) (table.set $t64 (local.get 0) (ref.func $f1)))
  (func (export "fill") (param i64 i64) (table.fill $t64 (local.get 0) (ref.func $f2) (local.get 1)))
  (func (export "copy_to32") (param i32 i64 i32)
    (table.copy $t32 $t64 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i64 i32 i32)
    (table.init $t64 $e (local.get 0) (local.get 1) (local.get 2)))
)
(assert_return (invoke "call" (i64.const 1)) (i32.const 1))
(assert_return (invoke "call" (i64.const 2)) (i32.const 2))
(assert_trap (invoke "call" (i64.const 0)) "uninitialized element")
(assert_trap (invoke "call" (i64.const 4)) "undefined element")
(assert_trap (invoke "call" (i64.const 0x1_0000_0001)) "undefined element")
(assert_trap (invoke "call" (i64.const -1)) "undefined element")
(assert_return (invoke "size") (i64.const 4))
(assert_return (invoke "grow" (i64.const 2)) (i64.const 4))
(assert_return (invoke "size") (i64.const 6))
(assert_return (invoke "grow" (i64.const 1)) (i64.const -1))
(assert_return (invoke "grow" (i64.const 0x1_0000_0000)) (i64.const -1))
(assert_return (invoke "grow" (i64.const -1)) (i64.const -1))
(assert_return (invoke "is_null" (i64.const 5)) (i32.const 1))
(assert_trap (invoke "is_null" (i64.const 6)) "out of bounds table access")
(assert_trap (invoke "is_null" (i64.const 0x1_0000_0001)) "out of bounds table access")
(invoke "set" (i64.const 5))
(assert_return (invoke "call" (i64.const 5)) (i32.const 1))
(assert_trap (invoke "set" (i64.const 0x1_0000_0005)) "out of bounds table access")
(invoke "fill" (i64.const 4) (i64.const 2))
(assert_return (invoke "call" (i64.const 4)) (i32.const 2))
(assert_return (invoke "call" (i64.const 5)) (i32.const 2))
(assert_trap (invoke "fill" (i64.const 5) (i64.const 2)) "out of bounds table access")
(assert_trap (invoke "fill" (i64.const 0x1_0000_0000) (i64.const 0)) "out of bounds table access")
(assert_trap (invoke "fill" (i64.const 0) (i64.const 0x1_0000_0001)) "out of bounds table access")
(invoke "copy_to32" (i32.const 0) (i64.const 1) (i32.const 2))
(assert_return (invoke "call32" (i32.const 0)) (i32.const 1))
(assert_return (invoke "call32" (i32.const 1)) (i32.const 2))
(assert_trap (invoke "copy_to32" (i32.const 1) (i64.const 5) (i32.const 2)) "out of bounds table access")
(invoke "init" (i64.const 0) (i32.const 0) (i32.const 2))
(assert_return (invoke "call" (i64.const 0)) (i32.const 2))
(assert_return (invoke "call" (i64.const 1)) (i32.const 1))
(assert_trap (invoke "init" (i64.const 0x1_0000_0000) (i32.const 0) (i32.const 0)) "out of bounds table access")

;; Imports match the address type: spectest's table64 is a 64-bit table.
(module
  (import "spectest" "table64" (table i64 10 funcref))
  (func (export "size") (result i64) (table.size 0))
)
(assert_return (invoke "size") (i64.const 10))
(assert_unlinkable
  (module (import "spectest" "table" (table i64 10 funcref)))
  "incompatible import type")
(assert_unlinkable
  (module (import "spectest" "memory" (memory i64 1)))
  "incompatible import type")
