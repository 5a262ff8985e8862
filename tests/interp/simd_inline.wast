;; SPDX-License-Identifier: Apache-2.0
;; The vector instructions with an inline handler of their own (ops.def
;; V128_LOAD ... VI_*) and the folded addresses of every vector memory
;; operation (an i32.add of a constant to a local, K_LOCADD, or to a value
;; just computed, taken back): the sum wraps to 32 bits before the offset is
;; added, and the bounds check covers all 16 bytes. The shuffles that
;; repeat one 32-bit lane (V_BCAST32) against near misses that must stay
;; general shuffles. Expected values worked out by hand from the spec.

(module
  (memory 1)
  (data (i32.const 0) "\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f")
  (data (i32.const 16) "\10\11\12\13\14\15\16\17\18\19\1a\1b\1c\1d\1e\1f")

  ;; v128.load: a local plus a constant (K_LOCADD), then the offset.
  (func (export "load_locadd") (param $p i32) (result i64)
    (i64x2.extract_lane 0 (v128.load offset=4 (i32.add (local.get $p) (i32.const 8)))))
  ;; a computed base plus a constant: the i32.add is taken back.
  (func (export "load_tmpadd") (param $p i32) (result i64)
    (i64x2.extract_lane 1
      (v128.load offset=1 (i32.add (i32.mul (local.get $p) (i32.const 2)) (i32.const 3)))))
  ;; the plain form, no constant.
  (func (export "load_plain") (param $p i32) (result i32)
    (i32x4.extract_lane 3 (v128.load (local.get $p))))
  ;; the sum wraps: p + 0x20 with p = 0xfffffff0 is 0x10.
  (func (export "load_wrap") (param $p i32) (result i32)
    (i32x4.extract_lane 0 (v128.load (i32.add (local.get $p) (i32.const 0x20)))))
  ;; the offset does not wrap.
  (func (export "load_offset_oob") (param $p i32) (result i32)
    (i32x4.extract_lane 0 (v128.load offset=0xfffffff0 (i32.add (local.get $p) (i32.const 0x20)))))

  ;; v128.store with both folded forms, read back whole.
  (func (export "store_locadd") (param $p i32) (param $x i32) (result i32)
    (v128.store offset=2 (i32.add (local.get $p) (i32.const 6)) (i32x4.splat (local.get $x)))
    (i32.load (i32.add (local.get $p) (i32.const 20))))
  (func (export "store_tmpadd") (param $p i32) (param $x i64) (result i64)
    (v128.store offset=8 (i32.add (i32.shl (local.get $p) (i32.const 1)) (i32.const 8))
      (i64x2.splat (local.get $x)))
    (i64.load offset=24 (i32.shl (local.get $p) (i32.const 1))))
  (func (export "store_oob") (param $p i32)
    (v128.store (i32.add (local.get $p) (i32.const 0x10)) (v128.const i64x2 -1 -1)))

  ;; the lane and extending forms with folded addresses (V_LOAD,
  ;; V_LOAD_LANE, V_STORE with an addend).
  (func (export "load8x8_locadd") (param $p i32) (result i32)
    (i16x8.extract_lane_u 7 (v128.load8x8_u offset=1 (i32.add (local.get $p) (i32.const 2)))))
  (func (export "load32_lane_locadd") (param $p i32) (result i32)
    (i32x4.extract_lane 2
      (v128.load32_lane offset=4 2 (i32.add (local.get $p) (i32.const 4)) (v128.const i32x4 0 0 0 0))))
  (func (export "store16_lane_tmpadd") (param $p i32) (result i32)
    (v128.store16_lane offset=2 5
      (i32.add (i32.mul (local.get $p) (i32.const 3)) (i32.const 1))
      (v128.const i16x8 0 1 2 3 4 0x7abc 6 7))
    (i32.load16_u offset=3 (i32.mul (local.get $p) (i32.const 3))))
  (func (export "load64_zero_oob") (param $p i32) (result i64)
    (i64x2.extract_lane 0 (v128.load64_zero offset=8 (i32.add (local.get $p) (i32.const 0xfff0)))))

  ;; the inline binary operations, lane by lane.
  (func (export "i8x16_add") (result v128)
    (i8x16.add (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 255)
               (v128.const i8x16 16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 2)))
  (func (export "i8x16_eq") (result v128)
    (i8x16.eq (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)
              (v128.const i8x16 1 0 3 0 5 0 7 0 9 0 11 0 13 0 15 0)))
  (func (export "i16x8_add") (result v128)
    (i16x8.add (v128.const i16x8 1 -1 32767 -32768 100 200 300 400)
               (v128.const i16x8 1 1 1 -1 -100 -200 -300 65535)))
  (func (export "i32x4_add") (result v128)
    (i32x4.add (v128.const i32x4 1 -1 0x7fffffff 0x80000000) (v128.const i32x4 2 1 1 -1)))
  (func (export "i32x4_sub") (result v128)
    (i32x4.sub (v128.const i32x4 1 0 0x80000000 5) (v128.const i32x4 2 1 1 -5)))
  (func (export "f32x4_add") (result v128)
    (f32x4.add (v128.const f32x4 1.5 -0 inf 0x1p-149) (v128.const f32x4 2.25 0 -1 0x1p-149)))
  (func (export "f32x4_sub") (result v128)
    (f32x4.sub (v128.const f32x4 1.5 0 inf 1e38) (v128.const f32x4 2.25 0 inf -1e38)))
  (func (export "f32x4_mul") (result v128)
    (f32x4.mul (v128.const f32x4 1.5 -0 inf 3) (v128.const f32x4 -2 5 0 0x1p127)))
  (func (export "f64x2_add") (result v128)
    (f64x2.add (v128.const f64x2 0.1 -inf) (v128.const f64x2 0.2 -inf)))
  (func (export "f64x2_mul") (result v128)
    (f64x2.mul (v128.const f64x2 -0 0x1p1000) (v128.const f64x2 3 0x1p100)))
  (func (export "v128_and") (result v128)
    (v128.and (v128.const i64x2 0x00ff00ff00ff00ff 0x0123456789abcdef)
              (v128.const i64x2 0x0f0f0f0f0f0f0f0f -1)))
  (func (export "v128_or") (result v128)
    (v128.or (v128.const i64x2 0x00ff00ff00ff00ff 0x0123456789abcdef)
             (v128.const i64x2 0x0f0f0f0f0f0f0f0f 0)))

  ;; i32x4.splat and f32x4.splat (V_SPLAT32): the bits as they are, a NaN's
  ;; payload included.
  (func (export "i32x4_splat") (param $x i32) (result v128) (i32x4.splat (local.get $x)))
  (func (export "f32x4_splat_bits") (param $x i32) (result v128)
    (f32x4.splat (f32.reinterpret_i32 (local.get $x))))

  ;; broadcasts of each 32-bit lane of either operand, and near misses.
  (func (export "bcast_a1") (result v128)
    (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7
      (v128.const i32x4 10 11 12 13) (v128.const i32x4 20 21 22 23)))
  (func (export "bcast_a3") (result v128)
    (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15
      (v128.const i32x4 10 11 12 13) (v128.const i32x4 20 21 22 23)))
  (func (export "bcast_b0") (result v128)
    (i8x16.shuffle 16 17 18 19 16 17 18 19 16 17 18 19 16 17 18 19
      (v128.const i32x4 10 11 12 13) (v128.const i32x4 20 21 22 23)))
  (func (export "bcast_b2") (result v128)
    (i8x16.shuffle 24 25 26 27 24 25 26 27 24 25 26 27 24 25 26 27
      (v128.const i32x4 10 11 12 13) (v128.const i32x4 20 21 22 23)))
  ;; not 4-byte aligned: bytes 1..4 repeated, a general shuffle.
  (func (export "bcast_unaligned") (result v128)
    (i8x16.shuffle 1 2 3 4 1 2 3 4 1 2 3 4 1 2 3 4
      (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15) (v128.const i64x2 0 0)))
  ;; crossing from a into b (bytes 14 15 16 17): a general shuffle.
  (func (export "bcast_cross") (result v128)
    (i8x16.shuffle 14 15 16 17 14 15 16 17 14 15 16 17 14 15 16 17
      (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
      (v128.const i8x16 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31)))
  ;; the same lane bytes in a different order: not a broadcast.
  (func (export "bcast_swapped") (result v128)
    (i8x16.shuffle 5 4 6 7 4 5 6 7 4 5 6 7 4 5 6 7
      (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15) (v128.const i64x2 0 0)))

  ;; a loop over the memory with the pinned local (the most used i32) as
  ;; the address base of a folded load and store: sums 4 x 4 lanes.
  (func (export "loop_sum") (param $n i32) (result i32)
    (local $i i32) (local $acc v128)
    (loop $l
      (local.set $acc (i32x4.add (local.get $acc)
                        (v128.load offset=0 (i32.add (local.get $i) (i32.const 0)))))
      (v128.store offset=64 (i32.add (local.get $i) (i32.const 16)) (local.get $acc))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i32x4.extract_lane 0 (local.get $acc)))
)

(assert_return (invoke "load_locadd" (i32.const 1)) (i64.const 0x14131211100f0e0d))
(assert_return (invoke "load_tmpadd" (i32.const 2)) (i64.const 0x1716151413121110))
(assert_return (invoke "load_tmpadd" (i32.const 0)) (i64.const 0x131211100f0e0d0c))
(assert_return (invoke "load_plain" (i32.const 3)) (i32.const 0x1211100f))
(assert_return (invoke "load_wrap" (i32.const 0xfffffff0)) (i32.const 0x13121110))
(assert_trap (invoke "load_offset_oob" (i32.const 0xfffffff0)) "out of bounds memory access")
(assert_trap (invoke "load_plain" (i32.const 65521)) "out of bounds memory access")
(assert_return (invoke "load_plain" (i32.const 65520)) (i32.const 0))

(assert_return (invoke "store_locadd" (i32.const 100) (i32.const 0x01020304)) (i32.const 0x01020304))
(assert_return (invoke "store_tmpadd" (i32.const 200) (i64.const -2)) (i64.const -2))
(assert_trap (invoke "store_oob" (i32.const 65505)) "out of bounds memory access")
(assert_return (invoke "store_oob" (i32.const 65504)))

(assert_return (invoke "load8x8_locadd" (i32.const 0)) (i32.const 10))
(assert_return (invoke "load32_lane_locadd" (i32.const 4)) (i32.const 0x0f0e0d0c))
(assert_return (invoke "store16_lane_tmpadd" (i32.const 300)) (i32.const 0x7abc))
(assert_trap (invoke "load64_zero_oob" (i32.const 9)) "out of bounds memory access")

(assert_return (invoke "i8x16_add")
  (v128.const i8x16 17 17 17 17 17 17 17 17 17 17 17 17 17 17 17 1))
(assert_return (invoke "i8x16_eq")
  (v128.const i8x16 -1 0 -1 0 -1 0 -1 0 -1 0 -1 0 -1 0 -1 0))
(assert_return (invoke "i16x8_add") (v128.const i16x8 2 0 -32768 32767 0 0 0 399))
(assert_return (invoke "i32x4_add") (v128.const i32x4 3 0 0x80000000 0x7fffffff))
(assert_return (invoke "i32x4_sub") (v128.const i32x4 -1 -1 0x7fffffff 10))
(assert_return (invoke "f32x4_add") (v128.const f32x4 3.75 0 inf 0x1p-148))
(assert_return (invoke "f32x4_sub") (v128.const f32x4 -0.75 0 nan:arithmetic 2e38))
(assert_return (invoke "f32x4_mul") (v128.const f32x4 -3 -0 nan:arithmetic inf))
(assert_return (invoke "f64x2_add") (v128.const f64x2 0x1.3333333333334p-2 -inf))
(assert_return (invoke "f64x2_mul") (v128.const f64x2 -0 inf))
(assert_return (invoke "v128_and") (v128.const i64x2 0x000f000f000f000f 0x0123456789abcdef))
(assert_return (invoke "v128_or") (v128.const i64x2 0x0fff0fff0fff0fff 0x0123456789abcdef))

(assert_return (invoke "i32x4_splat" (i32.const -7)) (v128.const i32x4 -7 -7 -7 -7))
(assert_return (invoke "f32x4_splat_bits" (i32.const 0x7fa00001))
  (v128.const i32x4 0x7fa00001 0x7fa00001 0x7fa00001 0x7fa00001))
(assert_return (invoke "f32x4_splat_bits" (i32.const 0x80000000))
  (v128.const f32x4 -0 -0 -0 -0))

(assert_return (invoke "bcast_a1") (v128.const i32x4 11 11 11 11))
(assert_return (invoke "bcast_a3") (v128.const i32x4 13 13 13 13))
(assert_return (invoke "bcast_b0") (v128.const i32x4 20 20 20 20))
(assert_return (invoke "bcast_b2") (v128.const i32x4 22 22 22 22))
(assert_return (invoke "bcast_unaligned")
  (v128.const i8x16 1 2 3 4 1 2 3 4 1 2 3 4 1 2 3 4))
(assert_return (invoke "bcast_cross")
  (v128.const i8x16 14 15 16 17 14 15 16 17 14 15 16 17 14 15 16 17))
(assert_return (invoke "bcast_swapped")
  (v128.const i8x16 5 4 6 7 4 5 6 7 4 5 6 7 4 5 6 7))

;; bytes 0..31 are 00..1f: the first two 16-byte blocks summed as i32x4,
;; lane 0: 0x03020100 + 0x13121110.
(assert_return (invoke "loop_sum" (i32.const 32)) (i32.const 0x16141210))
