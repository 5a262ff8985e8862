;; Multi-memory in the interpreter: memory 0 keeps its registers and its
;; fused forms, every other memory goes through the generic operations
;; (ops.def M_*, V_*_M), which read the memory from the instance and check
;; each access explicitly. Loads and stores of every width on memories 1
;; and 2, the exact bounds, memory.grow of one memory while another is in
;; use, copies between memories, data segments, and a memory imported twice.

(module
  (memory $m0 1)
  (memory $m1 1 4)
  (memory $m2 2)
  (data (memory $m2) (i32.const 0x1fffc) "\01\02\03\04")
  (data (memory $m1) (i32.const 16) "\f0\e1\d2\c3\b4\a5\96\87")
  (data $passive "\aa\bb\cc\dd")

  ;; Every load and store width, on memory 1 and memory 2.
  (func (export "rw1") (param $a i32) (result i64)
    (local $s i64)
    (i64.store $m1 (local.get $a) (i64.const 0x8877665544332211))
    (local.set $s (i64.load $m1 (local.get $a)))
    (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (i32.load $m1 offset=4 (local.get $a)))))
    (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (i32.load8_s $m1 offset=7 (local.get $a)))))
    (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (i32.load8_u $m1 offset=7 (local.get $a)))))
    (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (i32.load16_s $m1 offset=6 (local.get $a)))))
    (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (i32.load16_u $m1 offset=6 (local.get $a)))))
    (local.set $s (i64.add (local.get $s) (i64.load8_s $m1 offset=7 (local.get $a))))
    (local.set $s (i64.add (local.get $s) (i64.load8_u $m1 offset=7 (local.get $a))))
    (local.set $s (i64.add (local.get $s) (i64.load16_s $m1 offset=6 (local.get $a))))
    (local.set $s (i64.add (local.get $s) (i64.load16_u $m1 offset=6 (local.get $a))))
    (local.set $s (i64.add (local.get $s) (i64.load32_s $m1 offset=4 (local.get $a))))
    (local.set $s (i64.add (local.get $s) (i64.load32_u $m1 offset=4 (local.get $a))))
    (local.get $s))
  (func (export "stores2") (param $a i32) (result i64)
    (i64.store $m2 (local.get $a) (i64.const -1))
    (i32.store8 $m2 (local.get $a) (i32.const 0x101))
    (i32.store16 $m2 offset=2 (local.get $a) (i32.const 0x10203))
    (i64.store8 $m2 offset=1 (local.get $a) (i64.const 0x7))
    (i64.store16 $m2 offset=4 (local.get $a) (i64.const 0x30405))
    (i64.store32 $m2 offset=6 (local.get $a) (i64.const 0x1_0a0b0c0d))
    (i64.load $m2 (local.get $a)))
  (func (export "f32rw2") (param $a i32) (param $x f32) (result f32)
    (f32.store $m2 (local.get $a) (local.get $x))
    (f32.load $m2 (local.get $a)))
  (func (export "f64rw1") (param $a i32) (param $x f64) (result f64)
    (f64.store $m1 offset=8 (local.get $a) (local.get $x))
    (f64.load $m1 offset=8 (local.get $a)))
  ;; Memory 0 is untouched by all of that.
  (func (export "load0") (param $a i32) (result i64) (i64.load $m0 (local.get $a)))
  (func (export "load1") (param $a i32) (result i64) (i64.load $m1 (local.get $a)))
  (func (export "load2_8") (param $a i32) (result i32) (i32.load8_u $m2 (local.get $a)))
  (func (export "load2_32") (param $a i32) (result i32) (i32.load $m2 (local.get $a)))
  (func (export "store1_8") (param $a i32) (param $v i32) (i32.store8 $m1 (local.get $a) (local.get $v)))
  (func (export "load1_k") (result i32) (i32.load $m1 offset=0xfffc (i32.const 0)))
  (func (export "load1_32o") (param $a i32) (result i32) (i32.load $m1 offset=0xfffd (local.get $a)))

  ;; memory.size and memory.grow of memory 1, with memory 0 used before and
  ;; after in the same function (its registers must stay right).
  (func (export "grow1") (param $d i32) (result i32)
    (local $r i32)
    (i32.store $m0 (i32.const 100) (i32.const 7))
    (local.set $r (memory.grow $m1 (local.get $d)))
    (i32.store $m0 (i32.const 104) (i32.add (i32.load $m0 (i32.const 100)) (local.get $r)))
    (i32.add (i32.load $m0 (i32.const 104)) (i32.mul (memory.size $m1) (i32.const 1000))))
  (func (export "size") (result i32)
    (i32.add (i32.add (memory.size $m0) (i32.mul (memory.size $m1) (i32.const 10)))
             (i32.mul (memory.size $m2) (i32.const 100))))
  (func (export "grow0") (param $d i32) (result i32) (memory.grow $m0 (local.get $d)))
  ;; After memory 0 grows, its new pages are in bounds.
  (func (export "store0_64k") (param $v i32) (i32.store $m0 (i32.const 0x10000) (local.get $v)))
  (func (export "load0_64k") (result i32) (i32.load $m0 (i32.const 0x10000)))

  ;; Bulk operations across memories.
  (func (export "copy") (param $d i32) (param $s i32) (param $n i32)
    (memory.copy $m1 $m2 (local.get $d) (local.get $s) (local.get $n)))
  (func (export "copy11") (param $d i32) (param $s i32) (param $n i32)
    (memory.copy $m1 $m1 (local.get $d) (local.get $s) (local.get $n)))
  (func (export "copy01") (param $d i32) (param $s i32) (param $n i32)
    (memory.copy $m0 $m1 (local.get $d) (local.get $s) (local.get $n)))
  (func (export "fill2") (param $d i32) (param $v i32) (param $n i32)
    (memory.fill $m2 (local.get $d) (local.get $v) (local.get $n)))
  (func (export "init1") (param $d i32) (param $s i32) (param $n i32)
    (memory.init $m1 $passive (local.get $d) (local.get $s) (local.get $n)))

  ;; Vectors on memory 1.
  (func (export "v1") (param $a i32) (result i32)
    (v128.store $m1 offset=32 (local.get $a)
      (i32x4.add (v128.load $m1 offset=16 (local.get $a)) (v128.const i32x4 1 1 1 1)))
    (v128.store8_lane $m1 3 (local.get $a) (v128.load32_splat $m1 offset=16 (local.get $a)))
    (i32.add (i32x4.extract_lane 0 (v128.load $m1 offset=32 (local.get $a)))
             (i32x4.extract_lane 0 (v128.load8_lane $m1 0 (local.get $a) (v128.const i64x2 0 0)))))
  (func (export "v1_bad") (param $a i32)
    (v128.store $m1 (local.get $a) (v128.const i64x2 0 0)))

)

;; Loads and stores of every width.
(assert_return (invoke "rw1" (i32.const 0))
  (i64.const 0x88776657dd99770c))
(assert_return (invoke "stores2" (i32.const 8)) (i64.const 0x0c0d040502030701))
(assert_return (invoke "f32rw2" (i32.const 4) (f32.const -1.5)) (f32.const -1.5))
(assert_return (invoke "f64rw1" (i32.const 100) (f64.const 0x1.8p+1000)) (f64.const 0x1.8p+1000))
(assert_return (invoke "load0" (i32.const 0)) (i64.const 0))
(assert_return (invoke "load0" (i32.const 8)) (i64.const 0))

;; Data segments landed in their memories.
(assert_return (invoke "load2_32" (i32.const 0x1fffc)) (i32.const 0x04030201))
(assert_return (invoke "load1" (i32.const 16)) (i64.const 0x8796a5b4c3d2e1f0))
(assert_return (invoke "load0" (i32.const 16)) (i64.const 0))

;; The exact edge: the last byte in, one past it out (with and without an
;; offset, and an offset that alone goes past the end).
(assert_return (invoke "load2_8" (i32.const 0x1ffff)) (i32.const 4))
(assert_trap (invoke "load2_8" (i32.const 0x20000)) "out of bounds memory access")
(assert_return (invoke "load2_32" (i32.const 0x1fffc)) (i32.const 0x04030201))
(assert_trap (invoke "load2_32" (i32.const 0x1fffd)) "out of bounds memory access")
(assert_trap (invoke "load2_32" (i32.const -1)) "out of bounds memory access")
(assert_return (invoke "load1_k") (i32.const 0))
(assert_trap (invoke "load1_32o" (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "load1_32o" (i32.const 0xffffffff)) "out of bounds memory access")
(invoke "store1_8" (i32.const 0xffff) (i32.const 9))
(assert_trap (invoke "store1_8" (i32.const 0x10000) (i32.const 9)) "out of bounds memory access")
(assert_trap (invoke "rw1" (i32.const 0xfff9)) "out of bounds memory access")
(assert_return (invoke "rw1" (i32.const 0xfff8)) (i64.const 0x88776657dd99770c))

;; Growing memory 1 (as memory 0 is read and written around it): 1000 *
;; size + 7 + the old size.
(assert_return (invoke "size") (i32.const 211))
(assert_return (invoke "grow1" (i32.const 1)) (i32.const 2008))
(assert_return (invoke "grow1" (i32.const 0)) (i32.const 2009))
(assert_return (invoke "grow1" (i32.const 3)) (i32.const 2006)) ;; beyond the maximum: -1
(assert_return (invoke "grow1" (i32.const 2)) (i32.const 4009))
(assert_return (invoke "size") (i32.const 241))
(assert_return (invoke "load2_8" (i32.const 0x1ffff)) (i32.const 4))
(assert_return (invoke "load1_32o" (i32.const 0)) (i32.const 0x00887766)) ;; now in bounds
;; Memory 0's registers follow its own growth; memory 1 did not disturb them.
(assert_trap (invoke "load0_64k") "out of bounds memory access")
(assert_return (invoke "grow0" (i32.const 1)) (i32.const 1))
(invoke "store0_64k" (i32.const 42))
(assert_return (invoke "load0_64k") (i32.const 42))
(assert_return (invoke "size") (i32.const 242))

;; Copies between memories, within one (overlapping both ways), to memory 0,
;; and out of bounds (nothing written).
(invoke "copy" (i32.const 0x200) (i32.const 0x1fffc) (i32.const 4))
(assert_return (invoke "load1" (i32.const 0x1fc)) (i64.const 0x0403020100000000))
(assert_trap (invoke "copy" (i32.const 0x300) (i32.const 0x1fffd) (i32.const 4)) "out of bounds memory access")
(assert_return (invoke "load1" (i32.const 0x300)) (i64.const 0))
(assert_trap (invoke "copy" (i32.const 0x3fffd) (i32.const 0) (i32.const 4)) "out of bounds memory access")
(invoke "copy" (i32.const 0x40000) (i32.const 0x20000) (i32.const 0))
(assert_trap (invoke "copy" (i32.const 0x40001) (i32.const 0) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "copy" (i32.const 0) (i32.const 0x20001) (i32.const 0)) "out of bounds memory access")
(invoke "copy11" (i32.const 0x201) (i32.const 0x200) (i32.const 4))
(assert_return (invoke "load1" (i32.const 0x1fc)) (i64.const 0x0302010100000000))
(invoke "copy11" (i32.const 0x1ff) (i32.const 0x200) (i32.const 5))
(assert_return (invoke "load1" (i32.const 0x1fc)) (i64.const 0x0403020101000000))
(invoke "copy01" (i32.const 0x20) (i32.const 0x1fc) (i32.const 8))
(assert_return (invoke "load0" (i32.const 0x20)) (i64.const 0x0403020101000000))
(assert_trap (invoke "copy01" (i32.const 0x1fffc) (i32.const 0) (i32.const 5)) "out of bounds memory access")

;; memory.fill and memory.init on other memories.
(invoke "fill2" (i32.const 0x1fffe) (i32.const 0x1ee) (i32.const 2))
(assert_return (invoke "load2_32" (i32.const 0x1fffc)) (i32.const 0xeeee0201))
(assert_trap (invoke "fill2" (i32.const 0x1fffe) (i32.const 0) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "load2_32" (i32.const 0x1fffc)) (i32.const 0xeeee0201))
(invoke "init1" (i32.const 0x3fffe) (i32.const 2) (i32.const 2))
(assert_return (invoke "load1" (i32.const 0x3fff8)) (i64.const 0xddcc000000000000))
(assert_trap (invoke "init1" (i32.const 0x3fffe) (i32.const 1) (i32.const 3)) "out of bounds memory access")
(assert_trap (invoke "init1" (i32.const 0) (i32.const 2) (i32.const 3)) "out of bounds memory access")

;; Vectors.
(assert_return (invoke "v1" (i32.const 0)) (i32.const 0xc3d2e2b4))
(assert_return (invoke "load1" (i32.const 0)) (i64.const 0x88776655443322c3))
(assert_return (invoke "load1" (i32.const 32)) (i64.const 0x8796a5b5c3d2e1f1))
(assert_trap (invoke "v1_bad" (i32.const 0x3fff1)) "out of bounds memory access")

;; A value loaded from memory 1 into the hottest local: the first candidate
;; for the pinned local has no form for the generic load, so the function is
;; translated with the next one.
(module
  (memory 1)
  (memory $m 1)
  (data (memory $m) (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a")
  (func (export "walk") (param $n i32) (result i32)
    (local $i i32) (local $c i32)
    (loop $l
      (local.set $i (i32.load8_u $m (local.get $i)))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i32.add (i32.mul (local.get $c) (i32.const 100)) (local.get $i)))
)
(assert_return (invoke "walk" (i32.const 5)) (i32.const 505))
(assert_return (invoke "walk" (i32.const 1)) (i32.const 101))

;; A memory imported twice is memory 0 and memory 1 at once: growing it as
;; memory 1 is seen by memory 0's registers.
(module $exporter (memory (export "mem") 1))
(register "ex" $exporter)
(module
  (import "ex" "mem" (memory $a 1))
  (import "ex" "mem" (memory $b 1))
  (func (export "grow_b") (result i32)
    (drop (memory.grow $b (i32.const 1)))
    (i32.store $a (i32.const 0x10000) (i32.const 5))
    (i32.add (i32.load $a (i32.const 0x10000)) (memory.size $a)))
  (func (export "load_b") (param i32) (result i32) (i32.load $b (local.get 0)))
)
(assert_return (invoke "grow_b") (i32.const 7))
(assert_return (invoke "load_b" (i32.const 0x10000)) (i32.const 5))
(assert_trap (invoke "load_b" (i32.const 0x1fffd)) "out of bounds memory access")
