;; SPDX-License-Identifier: Apache-2.0
;; Values passed between adjacent instructions in the accumulators
;; (src/interp/ops.def): i32, i64 and f32 bits in one, f64 in the other.
;; Chains of each kind, NaN bits kept exactly, reinterpretations between
;; the two accumulators, comparisons, branches and stores from them.

(module
  (memory 1)
  (func (export "i32_chain") (param i32 i32 i32) (result i32)
    local.get 0 local.get 1 i32.mul local.get 2 i32.sub
    i32.const 3 i32.shl local.get 0 i32.xor i32.popcnt
    local.get 1 i32.add i32.const 7 i32.rem_u)
  (func (export "i64_chain") (param i64 i64) (result i64)
    local.get 0 local.get 1 i64.mul i64.const 13 i64.rotl
    local.get 1 local.get 0 i64.sub i64.and i64.clz local.get 0 i64.add)
  (func (export "f64_chain") (param f64 f64) (result f64)
    local.get 0 local.get 1 f64.mul f64.const 0.5 f64.add
    local.get 1 f64.div f64.sqrt f64.neg local.get 0 f64.min)
  (func (export "f32_chain") (param f32 f32) (result f32)
    local.get 0 local.get 1 f32.add f32.const 3 f32.mul f32.floor local.get 1 f32.sub)
  ;; NaN payloads through the accumulator: neg, abs, copysign keep bits
  (func (export "f32_nan_bits") (param i32) (result i32)
    local.get 0 f32.reinterpret_i32 f32.neg f32.abs i32.reinterpret_f32)
  (func (export "f64_nan_bits") (param i64) (result i64)
    local.get 0 f64.reinterpret_i64 f64.neg f64.const -1 f64.copysign
    i64.reinterpret_f64)
  ;; an i64 result read as f64 and back: the value moves between the two
  ;; accumulators through its cell
  (func (export "i64_to_f64") (param i64 i64) (result f64)
    local.get 0 local.get 1 i64.add f64.reinterpret_i64 f64.const 1 f64.add)
  (func (export "f64_to_i64") (param f64) (result i64)
    local.get 0 f64.const 2 f64.mul i64.reinterpret_f64 i64.const 1 i64.add)
  (func (export "f32_to_i32") (param f32) (result i32)
    local.get 0 f32.const 2 f32.mul i32.reinterpret_f32 i32.const 1 i32.add)
  (func (export "i32_to_f32") (param i32) (result f32)
    local.get 0 i32.const 1 i32.shl f32.reinterpret_i32 f32.const 0 f32.add)
  ;; conversions and comparisons between the two
  (func (export "convert") (param i32) (result f64)
    local.get 0 i32.const 3 i32.mul f64.convert_i32_s f64.const 0.25 f64.mul
    f32.demote_f64 f32.sqrt f64.promote_f32)
  (func (export "compare") (param f64 f64) (result i32)
    local.get 0 local.get 1 f64.sub f64.const 0 f64.lt local.get 0 f64.const 2 f64.mul
    local.get 1 f64.ge i32.add)
  ;; branches on a value from the accumulator
  (func (export "branch") (param i32 i32) (result i32)
    block
      local.get 0 local.get 1 i32.add i32.const 10 i32.gt_s br_if 0
      local.get 0 local.get 1 i32.mul local.get 1 i32.lt_u br_if 0
      i32.const 1 return
    end
    i32.const 2)
  (func (export "loop_sum") (param i32) (result i64)
    (local i64)
    loop
      local.get 1 local.get 0 i64.extend_i32_u i64.const 3 i64.mul i64.add local.set 1
      local.get 0 i32.const 1 i32.sub local.tee 0 br_if 0
    end
    local.get 1)
  ;; loads into the accumulators, in every addressing form
  (func (export "loads") (param i32 i32) (result i64)
    local.get 0 i32.load i32.const 1 i32.add
    local.get 0 i32.const 4 i32.add i32.load16_u i32.add
    local.get 0 local.get 1 i32.add i32.load8_s i32.add
    local.get 0 local.get 1 i32.const 2 i32.shl i32.add i32.load i32.xor
    local.get 1 i32.const 2 i32.shl i32.const 8 i32.add i32.load i32.sub
    i32.const 12 i32.load i32.add
    i64.extend_i32_u local.get 0 i64.load offset=8 i64.mul)
  (func (export "load_f64_bits") (param i32) (result i64)
    local.get 0 f64.load f64.neg i64.reinterpret_f64)
  (func (export "load_i64_as_f64") (param i32) (result f64)
    local.get 0 i32.const 8 i32.add i64.load f64.reinterpret_i64 f64.const 2 f64.mul)
  (func (export "load_f32") (param i32) (result f32)
    local.get 0 f32.load f32.const 1 f32.add)
  (func (export "put64") (param i32 i64) local.get 0 local.get 1 i64.store)
  ;; fused forms reading and writing the accumulators
  (func (export "shiftop_acc") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.mul local.get 0 i32.const 5 i32.rotl i32.xor i32.const 1 i32.add
    local.get 0 local.get 1 local.get 0 i32.add i32.const 7 i32.shl i32.xor i32.add)
  (func (export "shiftop64_acc") (param i64 i64) (result i64)
    local.get 1 local.get 0 local.get 1 i64.sub i64.const 3 i64.shr_u i64.or i64.const 9 i64.mul)
  (func (export "mulacc_acc") (param f64 f64 f64) (result f64)
    local.get 0 local.get 1 f64.add f64.const 0.5 f64.mul local.get 2 f64.add f64.neg)
  (func (export "loadop_acc") (param f64 f64 i32) (result f64)
    local.get 0 local.get 1 f64.mul local.get 2 f64.load f64.add f64.sqrt)
  (func (export "table_acc") (param i32) (result i32)
    block block block
      local.get 0 i32.const 1 i32.add br_table 0 1 2
    end i32.const 10 return
    end i32.const 20 return
    end i32.const 30)
  ;; three-way adds with any operand from the accumulator, and the sum to it
  (func (export "add3_acc") (param i32 i32 i32 i32) (result i32)
    local.get 0 local.get 1 i32.mul local.get 2 i32.add local.get 3 i32.add i32.const 1 i32.shl
    local.get 2 local.get 0 local.get 1 i32.mul i32.add local.get 3 i32.add i32.xor
    local.get 0 local.get 3 i32.mul local.get 1 local.get 2 i32.add i32.add i32.sub)
  ;; br_if, select and global.set on a value just computed; bit fields
  (global $gi (mut i32) (i32.const 0))
  (global $gl (mut i64) (i64.const 0))
  (global $gf (mut f32) (f32.const 0))
  (global $gd (mut f64) (f64.const 0))
  (func (export "br_acc") (param i32) (result i32)
    block
      local.get 0 i32.const 6 i32.and br_if 0
      i32.const 1 return
    end
    block
      local.get 0 i32.const 1 i32.xor i32.eqz br_if 0
      i32.const 2 return
    end
    i32.const 3)
  (func (export "select_acc") (param i32 i32 i32) (result i32)
    local.get 0 local.get 1 local.get 2 i32.const 3 i32.and select
    local.get 1 local.get 0 local.get 2 i32.const 1 i32.add i32.const 5 i32.lt_u select
    i32.add)
  (func (export "globals_acc") (param i32 i64 f32 f64) (result f64)
    local.get 0 i32.const 1 i32.add global.set $gi
    local.get 1 i64.const 2 i64.mul global.set $gl
    local.get 2 f32.const 3 f32.add global.set $gf
    local.get 3 f64.const 4 f64.add global.set $gd
    global.get $gi f64.convert_i32_s global.get $gl f64.convert_i64_s f64.add
    global.get $gf f64.promote_f32 f64.add global.get $gd f64.add)
  (func (export "extract_acc") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add i32.const 4 i32.shr_u i32.const 0xff i32.and i32.const 3 i32.mul)
  ;; stores of values from the accumulators
  (func (export "stores") (param i32 i64 f32 f64) (result i64)
    i32.const 0 local.get 0 i32.const 1 i32.add i32.store
    i32.const 8 local.get 1 i64.const 1 i64.sub i64.store
    i32.const 16 local.get 2 f32.const 1 f32.add f32.store
    i32.const 24 local.get 3 f64.const 1 f64.add f64.store
    i32.const 32 local.get 1 i64.const 2 i64.add i64.store16
    i32.const 0 i64.load i32.const 16 i64.load i64.xor
    i32.const 8 i64.load i64.add i32.const 24 i64.load i64.add
    i32.const 32 i64.load16_u i64.add)
)

(assert_return (invoke "i32_chain" (i32.const 7) (i32.const 9) (i32.const 5)) (i32.const 2))
(assert_return (invoke "i32_chain" (i32.const -7) (i32.const 123456) (i32.const 99)) (i32.const 5))
(assert_return (invoke "i64_chain" (i64.const 0x123456789) (i64.const -77)) (i64.const 0x123456789))
(assert_return (invoke "i64_chain" (i64.const 3) (i64.const 5)) (i64.const 67))
(assert_return (invoke "f64_chain" (f64.const 3) (f64.const 2)) (f64.const -1.8027756377319946))
(assert_return (invoke "f64_chain" (f64.const -3) (f64.const 2)) (f64.const nan:arithmetic))
(assert_return (invoke "f32_chain" (f32.const 1.25) (f32.const 2.5)) (f32.const 8.5))
(assert_return (invoke "f32_nan_bits" (i32.const 0xff800001)) (i32.const 0x7f800001))
(assert_return (invoke "f32_nan_bits" (i32.const 0x7fa00005)) (i32.const 0x7fa00005))
(assert_return (invoke "f64_nan_bits" (i64.const 0x7ff0000000000003)) (i64.const 0xfff0000000000003))
(assert_return (invoke "f64_nan_bits" (i64.const 0x3ff0000000000000)) (i64.const 0xbff0000000000000))
(assert_return (invoke "i64_to_f64" (i64.const 0x3ff0000000000000) (i64.const 0)) (f64.const 2))
(assert_return (invoke "i64_to_f64" (i64.const 0x4000000000000000) (i64.const 0x0008000000000000)) (f64.const 4))
(assert_return (invoke "f64_to_i64" (f64.const 1)) (i64.const 0x4000000000000001))
(assert_return (invoke "f32_to_i32" (f32.const 1)) (i32.const 0x40000001))
(assert_return (invoke "i32_to_f32" (i32.const 0x1fc00000)) (f32.const 1))
(assert_return (invoke "convert" (i32.const 12)) (f64.const 3))
(assert_return (invoke "compare" (f64.const 1) (f64.const 2)) (i32.const 2))
(assert_return (invoke "compare" (f64.const 3) (f64.const 2)) (i32.const 1))
(assert_return (invoke "compare" (f64.const nan) (f64.const 2)) (i32.const 0))
(assert_return (invoke "branch" (i32.const 6) (i32.const 5)) (i32.const 2))
(assert_return (invoke "branch" (i32.const 0) (i32.const 5)) (i32.const 2))
(assert_return (invoke "branch" (i32.const 3) (i32.const 2)) (i32.const 1))
(assert_return (invoke "loop_sum" (i32.const 100)) (i64.const 15150))
(assert_return (invoke "stores" (i32.const 41) (i64.const 1000) (f32.const 0.5) (f64.const 2)) (i64.const 4613937819310622715))
(assert_return (invoke "shiftop_acc" (i32.const 3) (i32.const 7)) (i32.const 1401))
(assert_return (invoke "shiftop_acc" (i32.const -123456) (i32.const 987)) (i32.const 141417376))
(assert_return (invoke "shiftop64_acc" (i64.const 100) (i64.const 1000)) (i64.const 2305843009213693799))
(assert_return (invoke "mulacc_acc" (f64.const 1) (f64.const 2) (f64.const 0.25)) (f64.const -1.75))
(assert_return (invoke "table_acc" (i32.const -1)) (i32.const 10))
(assert_return (invoke "table_acc" (i32.const 0)) (i32.const 20))
(assert_return (invoke "table_acc" (i32.const 1)) (i32.const 30))
(assert_return (invoke "table_acc" (i32.const 7)) (i32.const 30))
(assert_return (invoke "add3_acc" (i32.const 3) (i32.const 5) (i32.const 7) (i32.const 11)) (i32.const 54))
(assert_return (invoke "add3_acc" (i32.const -100000) (i32.const 77777) (i32.const 3) (i32.const -9)) (i32.const 1353444986))
(assert_return (invoke "br_acc" (i32.const 2)) (i32.const 2))
(assert_return (invoke "br_acc" (i32.const 1)) (i32.const 1))
(assert_return (invoke "br_acc" (i32.const 8)) (i32.const 1))
(assert_return (invoke "br_acc" (i32.const 9)) (i32.const 1))
(assert_return (invoke "select_acc" (i32.const 10) (i32.const 20) (i32.const 4)) (i32.const 30))
(assert_return (invoke "select_acc" (i32.const 10) (i32.const 20) (i32.const 3)) (i32.const 30))
(assert_return (invoke "select_acc" (i32.const 10) (i32.const 20) (i32.const 9)) (i32.const 20))
(assert_return (invoke "select_acc" (i32.const 10) (i32.const 20) (i32.const -1)) (i32.const 30))
(assert_return (invoke "globals_acc" (i32.const 1) (i64.const 10) (f32.const 0.5) (f64.const 0.25)) (f64.const 29.75))
(assert_return (invoke "extract_acc" (i32.const 0x1230) (i32.const 0x0f)) (i32.const 0x69))
(assert_return (invoke "put64" (i32.const 1000) (i64.const 0x7ff4000000000001)))
(assert_return (invoke "put64" (i32.const 1008) (i64.const 0x3ff8000000000000)))
(assert_return (invoke "load_f64_bits" (i32.const 1000)) (i64.const 0xfff4000000000001))
(assert_return (invoke "load_i64_as_f64" (i32.const 1000)) (f64.const 3))
(assert_return (invoke "load_f32" (i32.const 1012)) (f32.const 2.9375))
(assert_return (invoke "loadop_acc" (f64.const 0.5) (f64.const 1.5) (i32.const 1008)) (f64.const 1.5))
(assert_return (invoke "put64" (i32.const 0) (i64.const 0x0807060504030201)))
(assert_return (invoke "put64" (i32.const 8) (i64.const 0x100f0e0d0c0b0a09)))
(assert_return (invoke "loads" (i32.const 0) (i32.const 1)) (i64.const 7511463123156792940))
(assert_return (invoke "loads" (i32.const 3) (i32.const 2)) (i64.const -7914499603668661744))
