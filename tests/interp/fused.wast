;; SPDX-License-Identifier: Apache-2.0
;; The interpreter's fused forms (src/interp/ops.def) must compute exactly
;; what the wasm instructions they replace compute: address wrapping,
;; traps, operand order, rounding, and locals changed between a read and
;; its use.

(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")
  (data (i32.const 65528) "\a1\a2\a3\a4\a5\a6\a7\a8")

  ;; local + constant folded into the address (the _AI forms); the sum
  ;; wraps at 2^32 before the offset is added.
  (func (export "load_ai") (param i32) (result i32)
    local.get 0 i32.const 8 i32.add i32.load)
  (func (export "load_ai_off") (param i32) (result i32)
    local.get 0 i32.const 8 i32.add i32.load offset=4)
  (func (export "load_sub") (param i32) (result i32)
    local.get 0 i32.const 4 i32.sub i32.load8_u)
  (func (export "load_ai64") (param i32) (result i64)
    local.get 0 i32.const 65536 i32.add i64.load offset=0)
  ;; a temporary plus a constant, and a sum of two values (_AA)
  (func (export "load_tmp_ai") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.mul i32.const 2 i32.add i32.load16_u)
  (func (export "load_aa") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add i32.load8_s offset=1)
  (func (export "load_aa64") (param i32 i32) (result i64)
    local.get 0 local.get 1 i32.add i64.load32_s)
  ;; a scaled index: base + (i << k), (i << k) + constant (_SAA, _SAI); the
  ;; shift count is taken modulo 32
  (func (export "load_saa") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.const 2 i32.shl i32.add i32.load)
  (func (export "load_saa_swapped") (param i32 i32) (result i32)
    local.get 1 i32.const 33 i32.shl local.get 0 i32.add i32.load8_u offset=1)
  ;; ... and as the shift-op fusion makes it (I32_ADD_SHL), taken into the
  ;; load: an index loaded just before, a sum kept by local.tee, an f64
  ;; multiplied, and a loop whose pinned local is the index
  (func (export "load_saa_loaded") (param i32 i32) (result i64)
    local.get 0 local.get 1 i32.load8_u i32.const 3 i32.shl i32.add i64.load)
  (func (export "load_saa_tee") (param i32 i32) (result i32 i32)
    (local i32)
    local.get 0 local.get 1 i32.const 34 i32.shl i32.add local.tee 2 i32.load16_s offset=2
    local.get 2)
  (func (export "load_saa_f64") (param i32 i32) (result f64)
    local.get 1 i32.const 3 i32.shl local.get 0 i32.add f64.load f64.const 0.5 f64.mul)
  (func (export "load_saa_loop") (param i32 i32) (result i32)
    (local i32 i32)
    loop
      local.get 3 local.get 0 local.get 2 i32.const 1 i32.shl i32.add i32.load16_u i32.add
      local.set 3
      local.get 2 i32.const 1 i32.add local.tee 2 local.get 1 i32.lt_u br_if 0
    end
    local.get 3)
  (func (export "load_sai") (param i32) (result i64)
    local.get 0 i32.const 3 i32.shl i32.const 8 i32.add i64.load)
  (func (export "load_sai_tee") (param i32) (result i32 i32)
    (local i32)
    local.get 0 i32.const 2 i32.shl local.tee 1 i32.const 4 i32.add i32.load8_u
    local.get 1)
  ;; constant addresses (_K), with the offset
  (func (export "load_k") (result i32) i32.const 4 i32.load offset=4)
  (func (export "load_k_oob") (result i32) i32.const 65533 i32.load)
  (func (export "load_k_wrapless") (result i32) i32.const -4 i32.load offset=8)
  (func (export "store_k") (param i32) (result i32)
    i32.const 100 local.get 0 i32.store16 offset=2
    i32.const 102 i32.load16_u)
  (func (export "store_k_oob") (param i32) i32.const 65535 local.get 0 i32.store16)
  (func (export "store_ai") (param i32 i64) (result i64)
    local.get 0 i32.const 16 i32.add local.get 1 i64.store offset=8
    local.get 0 i32.const 24 i32.add i64.load)
  ;; the local changes between the read of `local + k` and the load
  (func (export "local_changes") (param i32) (result i32)
    local.get 0 i32.const 4 i32.add
    i32.const 0 local.set 0
    i32.load8_u)
  (func (export "local_tee_changes") (param i32) (result i32 i32)
    local.get 0 i32.const 1 i32.add
    local.get 0 i32.const 10 i32.add local.tee 0
    i32.load8_u)
  ;; `local + k` as a value: block result, branch value, call argument,
  ;; select operand, global, return value
  (global $g (mut i32) (i32.const 0))
  (func $id (param i32) (result i32) local.get 0)
  (func (export "locadd_values") (param i32) (result i32)
    (local i32)
    block (result i32) local.get 0 i32.const 1 i32.add end
    block (result i32) local.get 0 i32.const 2 i32.add local.get 0 br_if 0 drop i32.const 7 end
    i32.add
    local.get 0 i32.const 3 i32.add call $id i32.add
    local.get 0 i32.const 4 i32.add i32.const 0 local.get 0 select i32.add
    local.get 0 i32.const -5 i32.add global.set $g
    global.get $g i32.add
    local.get 0 i32.const 6 i32.add i32.const 1 i32.add i32.add)
  (func (export "sub_min") (param i32) (result i32)
    local.get 0 i32.const 0x80000000 i32.sub)

  ;; float operators with a constant operand
  (func (export "f64_rsub") (param f64) (result f64) f64.const 0 local.get 0 f64.sub)
  (func (export "f64_sub_k") (param f64) (result f64) local.get 0 f64.const 0 f64.sub)
  (func (export "f64_rdiv") (param f64) (result f64) f64.const 1 local.get 0 f64.div)
  (func (export "f64_div_k") (param f64) (result f64) local.get 0 f64.const 4 f64.div)
  (func (export "f64_kmul") (param f64) (result f64) f64.const -4 local.get 0 f64.mul)
  (func (export "f32_rsub") (param f32) (result f32) f32.const 1.5 local.get 0 f32.sub)
  (func (export "f32_rdiv") (param f32) (result f32) f32.const 3 local.get 0 f32.div)
  (func (export "f32_add_k") (param f32) (result f32) local.get 0 f32.const 0.25 f32.add)
  ;; multiply by a constant, then add: two roundings, never a fused
  ;; multiply-add (that would give 2^-104 here)
  (func (export "f64_kmuladd") (param f64 f64) (result f64)
    local.get 0 f64.const 0x1.0000000000001p+0 f64.mul local.get 1 f64.add)
  (func (export "f64_kmulsub") (param f64 f64) (result f64)
    local.get 1 local.get 0 f64.const 0x1.0000000000001p+0 f64.mul f64.sub)
  (func (export "f32_kmuladd") (param f32 f32) (result f32)
    local.get 0 f32.const 0x1.000002p+0 f32.mul local.get 1 f32.add)
  ;; i32: a product by a constant added to a value (I32_MULADD_IMM), which
  ;; wraps as the two instructions do: the product on either side, the
  ;; multiplicand loaded just before (_XA), into the pinned local (_LD,
  ;; _XA_LD), and the cases left unfused (a local plus a constant, a
  ;; constant)
  (func (export "i32_kmuladd") (param i32 i32) (result i32)
    local.get 0 i32.const 6 i32.mul local.get 1 i32.add)
  (func (export "i32_addkmul") (param i32 i32) (result i32)
    local.get 1 local.get 0 i32.const -12 i32.mul i32.add)
  (func (export "i32_kmuladd_loaded") (param i32 i32) (result i32)
    local.get 1 local.get 0 i32.load8_u i32.const 0x10001 i32.mul i32.add)
  (func (export "i32_kmuladd_locadd") (param i32 i32) (result i32)
    local.get 0 i32.const 6 i32.mul local.get 1 i32.const 5 i32.add i32.add)
  (func (export "i32_kmuladd_const") (param i32) (result i32)
    local.get 0 i32.const 6 i32.mul i32.const 7 i32.add)
  ;; sum of a[i].b over records of 6 bytes at p, with the record's address
  ;; in the pinned local (the most used)
  (func (export "i32_kmuladd_pinned") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $r i32) (local $s i32)
    loop $l
      local.get $i i32.const 6 i32.mul local.get $p i32.add local.set $r
      local.get $s local.get $r i32.load8_u offset=1 i32.add
      local.get $r i32.load8_u i32.add local.set $s
      local.get $r i32.load8_u offset=2 local.get $r i32.load8_u offset=3 i32.add
      local.get $r i32.load8_u offset=4 i32.add local.get $s i32.add local.set $s
      local.get $i i32.const 1 i32.add local.tee $i local.get $n i32.lt_u br_if $l
    end
    local.get $s)
  (func (export "i32_kmuladd_pinned_xa") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $r i32) (local $s i32)
    loop $l
      local.get $p local.get $i i32.load8_u i32.const 3 i32.mul i32.add local.set $r
      local.get $s local.get $r i32.load8_u i32.add local.get $r i32.load8_u offset=1 i32.add
      local.get $r i32.load8_u offset=2 i32.add local.get $r i32.load8_u offset=3 i32.add
      local.set $s
      local.get $i i32.const 1 i32.add local.tee $i local.get $n i32.lt_u br_if $l
    end
    local.get $s)
  ;; an i32 in memory increased by a constant (I32_ADDTO_M_IMM, _LA in the
  ;; loop, whose address is the pinned local), wrapping; and the sequences
  ;; left alone: another address, another offset, the sum kept
  (func (export "addto_m") (param i32) (result i32)
    local.get 0 local.get 0 i32.load offset=4 i32.const -3 i32.add i32.store offset=4
    local.get 0 i32.load offset=4)
  (func (export "addto_m_loop") (param $p i32) (param $n i32) (result i32)
    loop $l
      local.get $p local.get $p i32.load i32.const 0x01010101 i32.add i32.store
      local.get $p i32.const 4 i32.add local.set $p
      local.get $n i32.const 1 i32.sub local.tee $n br_if $l
    end
    local.get $p i32.const 4 i32.sub i32.load)
  (func (export "addto_m_other") (param i32 i32) (result i32)
    local.get 1 local.get 0 i32.load i32.const 1 i32.add i32.store
    local.get 0 local.get 0 i32.load i32.const 1 i32.add i32.store offset=1
    local.get 1 i32.load local.get 0 i32.load i32.add)
  (func (export "addto_m_kept") (param i32) (result i32)
    (local i32)
    local.get 0 local.get 0 i32.load i32.const 7 i32.add local.tee 1 i32.store
    local.get 1)
  ;; i32: a product of two values added to a third (I32_MULADD), wrapping:
  ;; the product on either side, a factor loaded just before, as either
  ;; operand of the product (_XA), into the pinned local (_LD, _XA_LD)
  (func (export "i32_muladd") (param i32 i32 i32) (result i32)
    local.get 0 local.get 1 i32.mul local.get 2 i32.add)
  (func (export "i32_addmul") (param i32 i32 i32) (result i32)
    local.get 2 local.get 0 local.get 1 i32.mul i32.add)
  (func (export "i32_muladd_loaded") (param i32 i32 i32) (result i32)
    local.get 0 i32.load8_u local.get 1 i32.mul local.get 2 i32.add)
  (func (export "i32_muladd_loaded_b") (param i32 i32 i32) (result i32)
    local.get 1 local.get 0 i32.load8_u i32.mul local.get 2 i32.add)
  ;; s += p[i] * p[i + 8], s the pinned local
  (func (export "i32_muladd_pinned_xa") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    loop $l
      local.get $p local.get $i i32.add i32.load8_u
      local.get $p local.get $i i32.add i32.load8_u offset=8
      i32.mul local.get $s i32.add local.set $s
      local.get $s i32.const 1 i32.xor local.set $s
      local.get $s i32.const 1 i32.rotl local.set $s
      local.get $i i32.const 1 i32.add local.tee $i local.get $n i32.lt_u br_if $l
    end
    local.get $s)
  (func (export "i32_muladd_pinned") (param $x i32) (param $y i32) (param $n i32) (result i32)
    (local $s i32)
    loop $l
      local.get $x local.get $y i32.mul local.get $s i32.add local.set $s
      local.get $s i32.const 1 i32.xor local.set $s
      local.get $x i32.const 0x10001 i32.add local.set $x
      local.get $n i32.const 1 i32.sub local.tee $n br_if $l
    end
    local.get $s)
  ;; an f64 in memory changed by a product (F64_SUBMUL_M, F64_MULADD_M):
  ;; the load just before the product, or before a multiply before it, two
  ;; roundings (1 + 2^-51 less (1 + 2^-52)^2 rounded is 0, fused it would
  ;; be -2^-104); left alone at another offset
  (func (export "f64_submul_m") (param $p i32) (param $a f64) (param $b f64) (result f64)
    local.get $p local.get $p f64.load offset=8 local.get $a local.get $b f64.mul f64.sub
    f64.store offset=8
    local.get $p f64.load offset=8)
  (func (export "f64_submul_m2") (param $p i32) (param $a f64) (param $b f64) (param $c f64)
    (result f64)
    local.get $p local.get $p f64.load local.get $a local.get $b f64.mul local.get $c f64.mul
    f64.sub f64.store
    local.get $p f64.load)
  (func (export "f64_muladd_m") (param $p i32) (param $a f64) (param $b f64) (result f64)
    local.get $p local.get $p f64.load local.get $a local.get $b f64.mul f64.add f64.store
    local.get $p f64.load)
  (func (export "f64_muladd_m_other") (param $p i32) (param $a f64) (param $b f64) (result f64)
    local.get $p local.get $p f64.load local.get $a local.get $b f64.mul f64.add
    f64.store offset=8
    local.get $p f64.load offset=8)
  (func (export "f64_set") (param $p i32) (param $x f64)
    local.get $p local.get $x f64.store)
  ;; an i32 constant, then return (CONST_RETURN): a return, the function's
  ;; end, and the end of a block whose last value is a constant into the
  ;; local the function returns, with a branch that carries another one
  ;; (the pinned local in the loop's case); left unfused where that local
  ;; is the parameter in the result's cell
  (func (export "ret_k") (param i32) (result i32)
    local.get 0 if i32.const 7 return end i32.const -1)
  (func (export "ret_k_block") (param i32) (result i32)
    (local i32)
    block
      i32.const 1 local.set 1
      local.get 0 br_if 0
      i32.const 0 local.set 1
    end
    local.get 1)
  (func (export "ret_k_loop") (param $n i32) (result i32)
    (local $r i32)
    block $done
      loop $l
        local.get $r i32.const 3 i32.add local.set $r
        local.get $r local.get $n i32.ge_u br_if $done
        local.get $r i32.const 50 i32.lt_u br_if $l
      end
      i32.const 0 local.set $r
    end
    local.get $r)
  (func (export "ret_k_param") (param $r i32) (param $n i32) (result i32)
    block $done
      loop $l
        local.get $r i32.const 3 i32.add local.set $r
        local.get $r local.get $n i32.ge_u br_if $done
        local.get $r i32.const 50 i32.lt_u br_if $l
      end
      i32.const -2 local.set $r
    end
    local.get $r)

  ;; rotations by a constant
  (func (export "rotl_k") (param i32) (result i32) local.get 0 i32.const 7 i32.rotl)
  (func (export "rotr64_k") (param i64) (result i64) local.get 0 i64.const 68 i64.rotr)

  ;; loop latches: add then compare and branch
  (func (export "latch_ne") (param i32) (result i32)
    (local i32 i32)
    loop
      local.get 2 local.get 1 i32.add local.set 2
      local.get 1 i32.const 1 i32.add local.tee 1
      local.get 0 i32.ne br_if 0
    end
    local.get 2)
  (func (export "latch_lt_imm") (result i32)
    (local i32 i32)
    loop
      local.get 1 i32.const 1 i32.add local.set 1
      local.get 0 i32.const 3 i32.add local.tee 0
      i32.const 100 i32.lt_s br_if 0
    end
    local.get 0 local.get 1 i32.const 1000 i32.mul i32.add)
  (func (export "latch_nz") (param i32) (result i32)
    (local i32)
    loop
      local.get 1 i32.const 2 i32.add local.set 1
      local.get 0 i32.const 1 i32.sub local.tee 0
      br_if 0
    end
    local.get 1)
  (func (export "latch_self") (param i32) (result i32)
    ;; compares the new value with itself: never taken
    loop
      local.get 0 i32.const 1 i32.add local.tee 0
      local.get 0 i32.ne br_if 0
    end
    local.get 0)
  (func (export "latch_unsigned") (param i32) (result i32)
    (local i32)
    loop
      local.get 1 i32.const 1 i32.add local.set 1
      local.get 0 i32.const 0x40000000 i32.add local.tee 0
      i32.const 0x80000000 i32.lt_u br_if 0
    end
    local.get 1)

  ;; two adds of constants in a row, in order (the second reads the first)
  (func (export "add_pair") (param i32 i32) (result i32 i32)
    local.get 0 i32.const 1 i32.add local.set 0
    local.get 0 i32.const 4 i32.add local.set 1
    local.get 0 local.get 1)
  ;; xor/or/add of a shifted or rotated value (either operand)
  (func (export "xorshift64") (param i64) (result i64)
    local.get 0 local.get 0 i64.const 13 i64.shl i64.xor local.tee 0
    local.get 0 i64.const 7 i64.shr_u i64.xor local.tee 0
    local.get 0 i64.const 17 i64.shl i64.xor)
  (func (export "shiftop32") (param i32 i32) (result i32)
    local.get 0 i32.const 33 i32.shl local.get 1 i32.or
    local.get 1 i32.const 7 i32.rotr i32.add
    local.get 0 i32.const 30 i32.shr_u i32.xor
    local.get 1 i32.const 5 i32.rotl i32.add)
  (func (export "shiftop64") (param i64 i64) (result i64)
    local.get 0 local.get 1 i64.const 65 i64.shl i64.add
    local.get 1 i64.const 3 i64.rotl i64.or
    local.get 0 i64.const 60 i64.rotr i64.add)
  ;; select on an i32 comparison (of two values, or with a constant)
  (func (export "select_lt_s") (param i32 i32 i32 i32) (result i32)
    local.get 2 local.get 3 local.get 0 local.get 1 i32.lt_s select)
  (func (export "select_ge_u_k") (param i32 i32 i32) (result i32)
    local.get 1 local.get 2 local.get 0 i32.const 10 i32.ge_u select)
  (func (export "select_tmp") (param i32 i32) (result i64)
    local.get 0 i64.extend_i32_u local.get 1 i64.extend_i32_s
    local.get 0 local.get 1 i32.ne select)

  ;; f64 operators with an operand loaded just before (either side)
  (func (export "f64_loadop") (param i32 f64) (result f64)
    local.get 1 local.get 0 f64.load f64.add
    local.get 0 i32.const 8 i32.add f64.load f64.mul
    local.get 0 f64.load offset=16 f64.sub)
  (func (export "f64_loadop_r") (param i32 f64) (result f64)
    local.get 0 i32.const -8 i32.add f64.load local.get 1 f64.sub)
  (func (export "f64_store") (param i32 f64) (local.get 0) (local.get 1) (f64.store))

  ;; f64 add to memory: [p] += x, [p + 8] += x
  (func (export "f64_addto") (param i32 f64) (result f64)
    local.get 0 local.get 0 f64.load local.get 1 f64.add f64.store
    local.get 0 i32.const 8 i32.add local.get 1 local.get 0 i32.const 8 i32.add f64.load f64.add
    f64.store
    local.get 0 f64.load local.get 0 f64.load offset=8 f64.add)
  ;; a store followed by a pointer bump; a bit field
  (func (export "store_bump") (param i32 i32) (result i32)
    (local i32)
    local.get 0 local.set 2
    loop
      local.get 2 local.get 1 i32.store
      local.get 2 i32.const 4 i32.add local.set 2
      local.get 1 i32.const 1 i32.add local.tee 1
      i32.const 4 i32.and i32.eqz br_if 0
    end
    local.get 2 local.get 0 i32.sub local.get 0 i32.load offset=4 i32.add)
  (func (export "extract") (param i32) (result i32)
    local.get 0 i32.const 28 i32.shr_u i32.const 0xe i32.and
    local.get 0 i32.const 36 i32.shr_u i32.const 0xff i32.and i32.const 8 i32.shl i32.or)

  ;; sums of three values; an index plus a constant, scaled (a[i + k])
  (func (export "add3") (param i32 i32 i32 i32) (result i32)
    local.get 0 local.get 1 i32.add local.get 2 i32.add
    local.get 3 local.get 0 local.get 1 i32.add i32.add i32.add)
  (func (export "load_index_plus") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add i32.const 2 i32.shl i32.const 4 i32.add i32.load)
  ;; four copies in a row, in order: a rotation of five values
  (func (export "rotate5") (param i32 i32 i32 i32 i32) (result i32 i32 i32 i32 i32)
    (local i32)
    local.get 0 local.set 5
    local.get 1 local.set 0
    local.get 2 local.set 1
    local.get 3 local.set 2
    local.get 4 local.set 3
    local.get 5 local.set 4
    local.get 0 local.get 1 local.get 2 local.get 3 local.get 4)

  ;; [p] += x then a pointer bump, in a loop; a latch compared the other
  ;; way round (n != i)
  (func (export "addto_loop") (param i32 i32 f64) (result f64)
    (local i32)
    local.get 0 local.set 3
    loop
      local.get 3 local.get 3 f64.load local.get 2 f64.add f64.store
      local.get 3 i32.const 8 i32.add local.set 3
      local.get 3 i32.const 8 i32.add local.get 3 i32.const 8 i32.add f64.load local.get 2 f64.add
      f64.store
      local.get 3 i32.const 8 i32.add local.set 3
      local.get 1 local.get 3 i32.ne br_if 0
    end
    local.get 0 f64.load local.get 0 f64.load offset=8 f64.add
    local.get 0 f64.load offset=16 f64.add local.get 0 f64.load offset=24 f64.add)
  (func (export "latch_swapped") (param i32) (result i32)
    (local i32 i32)
    loop
      local.get 2 local.get 1 i32.add local.set 2
      local.get 0 local.get 1 i32.const 1 i32.add local.tee 1 i32.gt_u br_if 0
    end
    local.get 2)

  ;; two copies in a row, in order: a swap through the stack
  (func (export "swap") (param i32 i32) (result i32 i32)
    local.get 0 local.get 1 local.set 0 local.set 1 local.get 0 local.get 1)
  (func (export "rotate3") (param i32 i32 i32) (result i32 i32 i32)
    (local i32)
    local.get 0 local.set 3
    local.get 1 local.set 0
    local.get 2 local.set 1
    local.get 3 local.set 2
    local.get 0 local.get 1 local.get 2)
)

(assert_return (invoke "load_ai" (i32.const 0)) (i32.const 0x0c0b0a09))
(assert_return (invoke "load_ai" (i32.const -8)) (i32.const 0x04030201))
(assert_return (invoke "load_ai" (i32.const -4)) (i32.const 0x08070605))
(assert_return (invoke "load_ai_off" (i32.const -8)) (i32.const 0x08070605))
(assert_trap (invoke "load_ai_off" (i32.const -12)) "out of bounds memory access")
(assert_return (invoke "load_ai" (i32.const 65524)) (i32.const 0xa8a7a6a5))
(assert_trap (invoke "load_ai" (i32.const 65525)) "out of bounds memory access")
(assert_trap (invoke "load_ai" (i32.const -9)) "out of bounds memory access")
(assert_return (invoke "load_sub" (i32.const 4)) (i32.const 1))
(assert_return (invoke "load_sub" (i32.const 19)) (i32.const 16))
(assert_trap (invoke "load_sub" (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "load_ai64" (i32.const -65536)) (i64.const 0x0807060504030201))
(assert_return (invoke "load_ai64" (i32.const -8)) (i64.const 0xa8a7a6a5a4a3a2a1))
(assert_trap (invoke "load_ai64" (i32.const -7)) "out of bounds memory access")
(assert_return (invoke "load_tmp_ai" (i32.const 3) (i32.const 2)) (i32.const 0x0a09))
(assert_return (invoke "load_tmp_ai" (i32.const 0x10000) (i32.const 0x10000)) (i32.const 0x0403))
(assert_trap (invoke "load_tmp_ai" (i32.const 65534) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "load_aa" (i32.const 2) (i32.const 3)) (i32.const 7))
(assert_return (invoke "load_aa" (i32.const -1) (i32.const 66)) (i32.const 0))
(assert_return (invoke "load_aa" (i32.const 65530) (i32.const 1)) (i32.const -91))
(assert_return (invoke "load_aa" (i32.const -1) (i32.const 2)) (i32.const 3))
(assert_trap (invoke "load_aa" (i32.const -1) (i32.const -1)) "out of bounds memory access")
(assert_trap (invoke "load_aa" (i32.const 65535) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "load_aa64" (i32.const 65531) (i32.const -3)) (i64.const 0xffffffffa4a3a2a1))
(assert_return (invoke "load_saa" (i32.const -4) (i32.const 2)) (i32.const 0x08070605))
(assert_return (invoke "load_saa" (i32.const 4) (i32.const 0x40000001)) (i32.const 0x0c0b0a09))
(assert_trap (invoke "load_saa" (i32.const 65532) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "load_saa_swapped" (i32.const 1) (i32.const 3)) (i32.const 9))
(assert_return (invoke "load_saa_swapped" (i32.const -2) (i32.const 0x80000002)) (i32.const 4))
(assert_return (invoke "load_saa_loaded" (i32.const 0) (i32.const 0)) (i64.const 0x100f0e0d0c0b0a09))
(assert_return (invoke "load_saa_loaded" (i32.const -8) (i32.const 1)) (i64.const 0x100f0e0d0c0b0a09))
(assert_return (invoke "load_saa_loaded" (i32.const 65512) (i32.const 1)) (i64.const 0xa8a7a6a5a4a3a2a1))
(assert_trap (invoke "load_saa_loaded" (i32.const 65513) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "load_saa_tee" (i32.const 1) (i32.const 1)) (i32.const 0x0908) (i32.const 5))
(assert_return (invoke "load_saa_tee" (i32.const -4) (i32.const 0x40000002)) (i32.const 0x0807) (i32.const 4))
(assert_return (invoke "load_saa_tee" (i32.const 65520) (i32.const 2)) (i32.const 0xffffa4a3) (i32.const 65528))
(assert_trap (invoke "load_saa_tee" (i32.const 65531) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "load_saa_f64" (i32.const 65528) (i32.const 0)) (f64.const -0x1.7a6a5a4a3a2a1p-374))
(assert_return (invoke "load_saa_f64" (i32.const 65520) (i32.const 0x20000001)) (f64.const -0x1.7a6a5a4a3a2a1p-374))
(assert_trap (invoke "load_saa_f64" (i32.const 65529) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "load_saa_loop" (i32.const 0) (i32.const 8)) (i32.const 0x4840))
(assert_return (invoke "load_saa_loop" (i32.const 4) (i32.const 3)) (i32.const 0x1815))
(assert_trap (invoke "load_saa_loop" (i32.const 65530) (i32.const 4)) "out of bounds memory access")
(assert_return (invoke "load_sai" (i32.const 0)) (i64.const 0x100f0e0d0c0b0a09))
(assert_return (invoke "load_sai" (i32.const 0x20000000)) (i64.const 0x100f0e0d0c0b0a09))
(assert_return (invoke "load_sai" (i32.const 8190)) (i64.const 0xa8a7a6a5a4a3a2a1))
(assert_trap (invoke "load_sai" (i32.const 8191)) "out of bounds memory access")
(assert_return (invoke "load_sai_tee" (i32.const 2)) (i32.const 13) (i32.const 8))
(assert_return (invoke "load_k") (i32.const 0x0c0b0a09))
(assert_trap (invoke "load_k_oob") "out of bounds memory access")
(assert_trap (invoke "load_k_wrapless") "out of bounds memory access")
(assert_return (invoke "store_k" (i32.const 0x1234)) (i32.const 0x1234))
(assert_trap (invoke "store_k_oob" (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "store_ai" (i32.const 200) (i64.const 0x1122334455667788)) (i64.const 0x1122334455667788))
(assert_return (invoke "store_ai" (i32.const -8) (i64.const 77)) (i64.const 77))
(assert_trap (invoke "store_ai" (i32.const 65520) (i64.const 1)) "out of bounds memory access")
(assert_return (invoke "local_changes" (i32.const 8)) (i32.const 13))
(assert_return (invoke "local_tee_changes" (i32.const 2)) (i32.const 3) (i32.const 13))
(assert_return (invoke "locadd_values" (i32.const 10)) (i32.const 72))
(assert_return (invoke "locadd_values" (i32.const 0)) (i32.const 13))
(assert_return (invoke "sub_min" (i32.const 5)) (i32.const 0x80000005))
(assert_return (invoke "sub_min" (i32.const 0x80000000)) (i32.const 0))

(assert_return (invoke "f64_rsub" (f64.const 0)) (f64.const 0))
(assert_return (invoke "f64_rsub" (f64.const -0)) (f64.const 0))
(assert_return (invoke "f64_rsub" (f64.const 2.5)) (f64.const -2.5))
(assert_return (invoke "f64_sub_k" (f64.const -0)) (f64.const -0))
(assert_return (invoke "f64_rdiv" (f64.const 4)) (f64.const 0.25))
(assert_return (invoke "f64_rdiv" (f64.const -0)) (f64.const -inf))
(assert_return (invoke "f64_div_k" (f64.const 1)) (f64.const 0.25))
(assert_return (invoke "f64_kmul" (f64.const 0.5)) (f64.const -2))
(assert_return (invoke "f64_kmul" (f64.const nan)) (f64.const nan:arithmetic))
(assert_return (invoke "f32_rsub" (f32.const 0.5)) (f32.const 1))
(assert_return (invoke "f32_rdiv" (f32.const 2)) (f32.const 1.5))
(assert_return (invoke "f32_add_k" (f32.const 1)) (f32.const 1.25))
(assert_return (invoke "f64_kmuladd" (f64.const 0x1.0000000000001p+0) (f64.const -0x1.0000000000002p+0)) (f64.const 0))
(assert_return (invoke "f64_kmulsub" (f64.const 0x1.0000000000001p+0) (f64.const 0x1.0000000000002p+0)) (f64.const 0))
(assert_return (invoke "f64_kmuladd" (f64.const 2) (f64.const 1)) (f64.const 0x1.8000000000001p+1))
(assert_return (invoke "addto_m" (i32.const 0x200)) (i32.const -3))
(assert_return (invoke "addto_m" (i32.const 0x200)) (i32.const -6))
(assert_trap (invoke "addto_m" (i32.const 65529)) "out of bounds memory access")
(assert_return (invoke "addto_m_loop" (i32.const 0x300) (i32.const 3)) (i32.const 0x01010101))
(assert_return (invoke "addto_m_loop" (i32.const 0x300) (i32.const 3)) (i32.const 0x02020202))
(assert_return (invoke "addto_m_loop" (i32.const 0x304) (i32.const 3)) (i32.const 0x01010101))
(assert_trap (invoke "addto_m_loop" (i32.const 65533) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "addto_m_other" (i32.const 0x400) (i32.const 0x410)) (i32.const 0x101))
(assert_return (invoke "addto_m_kept" (i32.const 0x500)) (i32.const 7))
(assert_return (invoke "addto_m_kept" (i32.const 0x500)) (i32.const 14))
(assert_return (invoke "i32_muladd" (i32.const 7) (i32.const 6) (i32.const 100)) (i32.const 142))
(assert_return (invoke "i32_muladd" (i32.const 0x10000) (i32.const 0x10001) (i32.const 5)) (i32.const 0x10005))
(assert_return (invoke "i32_addmul" (i32.const -3) (i32.const 5) (i32.const 15)) (i32.const 0))
(assert_return (invoke "i32_addmul" (i32.const 0x40000000) (i32.const 4) (i32.const -1)) (i32.const -1))
(assert_return (invoke "i32_muladd_loaded" (i32.const 3) (i32.const 1000) (i32.const 2)) (i32.const 4002))
(assert_return (invoke "i32_muladd_loaded" (i32.const 65535) (i32.const 0x1000000) (i32.const 1)) (i32.const 0xa8000001))
(assert_trap (invoke "i32_muladd_loaded" (i32.const 65536) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "i32_muladd_loaded_b" (i32.const 3) (i32.const 1000) (i32.const 2)) (i32.const 4002))
(assert_return (invoke "i32_muladd_loaded_b" (i32.const 65528) (i32.const -1) (i32.const 0)) (i32.const -0xa1))
(assert_trap (invoke "i32_muladd_loaded_b" (i32.const -1) (i32.const 1) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "i32_muladd_pinned_xa" (i32.const 0) (i32.const 4)) (i32.const 522))
(assert_trap (invoke "i32_muladd_pinned_xa" (i32.const 65530) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "i32_muladd_pinned" (i32.const 3) (i32.const 0x10000) (i32.const 5)) (i32.const 1638401))
(invoke "f64_set" (i32.const 0x608) (f64.const 0x1.0000000000002p+0))
(assert_return (invoke "f64_submul_m" (i32.const 0x600) (f64.const 0x1.0000000000001p+0)
                 (f64.const 0x1.0000000000001p+0)) (f64.const 0))
(assert_return (invoke "f64_submul_m" (i32.const 0x600) (f64.const 3) (f64.const -0.5)) (f64.const 1.5))
(assert_trap (invoke "f64_submul_m" (i32.const 65530) (f64.const 1) (f64.const 1)) "out of bounds memory access")
(invoke "f64_set" (i32.const 0x610) (f64.const 10))
(assert_return (invoke "f64_submul_m2" (i32.const 0x610) (f64.const 2) (f64.const 3) (f64.const 0.25)) (f64.const 8.5))
(assert_return (invoke "f64_submul_m2" (i32.const 0x610) (f64.const inf) (f64.const 1) (f64.const 1)) (f64.const -inf))
(assert_return (invoke "f64_submul_m2" (i32.const 0x610) (f64.const -inf) (f64.const 1) (f64.const 1)) (f64.const nan:canonical))
(assert_trap (invoke "f64_submul_m2" (i32.const 65529) (f64.const 1) (f64.const 1) (f64.const 1)) "out of bounds memory access")
(invoke "f64_set" (i32.const 0x620) (f64.const -0x1.0000000000002p+0))
(assert_return (invoke "f64_muladd_m" (i32.const 0x620) (f64.const 0x1.0000000000001p+0)
                 (f64.const 0x1.0000000000001p+0)) (f64.const 0))
(assert_return (invoke "f64_muladd_m" (i32.const 0x620) (f64.const 1.5) (f64.const 2)) (f64.const 3))
(invoke "f64_set" (i32.const 0x630) (f64.const 1))
(invoke "f64_set" (i32.const 0x638) (f64.const 100))
(assert_return (invoke "f64_muladd_m_other" (i32.const 0x630) (f64.const 2) (f64.const 4)) (f64.const 9))
(assert_return (invoke "f64_muladd_m_other" (i32.const 0x630) (f64.const 2) (f64.const 4)) (f64.const 9))
(assert_return (invoke "ret_k" (i32.const 1)) (i32.const 7))
(assert_return (invoke "ret_k" (i32.const 0)) (i32.const -1))
(assert_return (invoke "ret_k_block" (i32.const 0)) (i32.const 0))
(assert_return (invoke "ret_k_block" (i32.const 5)) (i32.const 1))
(assert_return (invoke "ret_k_loop" (i32.const 10)) (i32.const 12))
(assert_return (invoke "ret_k_loop" (i32.const 1000)) (i32.const 0))
(assert_return (invoke "ret_k_param" (i32.const 1) (i32.const 10)) (i32.const 10))
(assert_return (invoke "ret_k_param" (i32.const 1) (i32.const 1000)) (i32.const -2))
(assert_return (invoke "i32_kmuladd" (i32.const 7) (i32.const 100)) (i32.const 142))
(assert_return (invoke "i32_kmuladd" (i32.const 0x2aaaaaab) (i32.const -2)) (i32.const 0))
(assert_return (invoke "i32_kmuladd" (i32.const -1) (i32.const 6)) (i32.const 0))
(assert_return (invoke "i32_addkmul" (i32.const 3) (i32.const 40)) (i32.const 4))
(assert_return (invoke "i32_addkmul" (i32.const 0x80000000) (i32.const 5)) (i32.const 5))
(assert_return (invoke "i32_kmuladd_loaded" (i32.const 2) (i32.const 1)) (i32.const 0x30004))
(assert_return (invoke "i32_kmuladd_loaded" (i32.const 65529) (i32.const -1)) (i32.const 0xa200a1))
(assert_trap (invoke "i32_kmuladd_loaded" (i32.const 65536) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "i32_kmuladd_locadd" (i32.const 10) (i32.const -5)) (i32.const 60))
(assert_return (invoke "i32_kmuladd_const" (i32.const 0x80000000)) (i32.const 7))
(assert_return (invoke "i32_kmuladd_pinned" (i32.const 0) (i32.const 2)) (i32.const 60))
(assert_return (invoke "i32_kmuladd_pinned" (i32.const 65524) (i32.const 2)) (i32.const 986))
(assert_trap (invoke "i32_kmuladd_pinned" (i32.const 65526) (i32.const 2)) "out of bounds memory access")
(assert_return (invoke "i32_kmuladd_pinned_xa" (i32.const 0) (i32.const 2)) (i32.const 56))
(assert_return (invoke "i32_kmuladd_pinned_xa" (i32.const 65522) (i32.const 1)) (i32.const 0xa1))
(assert_return (invoke "i32_kmuladd_pinned_xa" (i32.const -3) (i32.const 1)) (i32.const 10))
(assert_return (invoke "f32_kmuladd" (f32.const 0x1.000002p+0) (f32.const -0x1.000004p+0)) (f32.const 0))

(assert_return (invoke "rotl_k" (i32.const 0x80000001)) (i32.const 0xc0))
(assert_return (invoke "rotr64_k" (i64.const 0x10)) (i64.const 1))

(assert_return (invoke "latch_ne" (i32.const 10)) (i32.const 45))
(assert_return (invoke "latch_ne" (i32.const 1)) (i32.const 0))
(assert_return (invoke "latch_lt_imm") (i32.const 34102))
(assert_return (invoke "latch_nz" (i32.const 5)) (i32.const 10))
(assert_return (invoke "latch_nz" (i32.const -3)) (i32.const -6))
(assert_return (invoke "latch_self" (i32.const 41)) (i32.const 42))
(assert_return (invoke "latch_unsigned" (i32.const 0)) (i32.const 2))

(assert_return (invoke "f64_store" (i32.const 1000) (f64.const 1.5)))
(assert_return (invoke "f64_store" (i32.const 1008) (f64.const 4)))
(assert_return (invoke "f64_store" (i32.const 1016) (f64.const 0.25)))
(assert_return (invoke "f64_loadop" (i32.const 1000) (f64.const 2)) (f64.const 13.75))
(assert_trap (invoke "f64_loadop" (i32.const 65528) (f64.const 2)) "out of bounds memory access")
(assert_return (invoke "f64_loadop_r" (i32.const 1008) (f64.const 0.5)) (f64.const 1))
(assert_trap (invoke "f64_loadop_r" (i32.const 4) (f64.const 0)) "out of bounds memory access")
(assert_trap (invoke "f64_loadop_r" (i32.const 3) (f64.const 0)) "out of bounds memory access")
(assert_return (invoke "f64_addto" (i32.const 1000) (f64.const 1)) (f64.const 7.5))
(assert_trap (invoke "f64_addto" (i32.const 65528) (f64.const 1)) "out of bounds memory access")
(assert_return (invoke "store_bump" (i32.const 2000) (i32.const 0)) (i32.const 17))
(assert_return (invoke "extract" (i32.const 0xf1234567)) (i32.const 0x560e))
(assert_return (invoke "add3" (i32.const 1) (i32.const 2) (i32.const 4) (i32.const 8)) (i32.const 18))
(assert_return (invoke "add3" (i32.const -1) (i32.const -1) (i32.const 3) (i32.const 0)) (i32.const -1))
(assert_return (invoke "load_index_plus" (i32.const 0)) (i32.const 0x0c0b0a09))
(assert_return (invoke "load_index_plus" (i32.const 0x3fffffff)) (i32.const 0x08070605))
(assert_trap (invoke "load_index_plus" (i32.const -3)) "out of bounds memory access")
(assert_trap (invoke "load_index_plus" (i32.const 16382)) "out of bounds memory access")
(assert_return (invoke "rotate5" (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5)) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 1))
(assert_return (invoke "f64_store" (i32.const 3000) (f64.const 1)))
(assert_return (invoke "f64_store" (i32.const 3008) (f64.const 2)))
(assert_return (invoke "f64_store" (i32.const 3016) (f64.const 3)))
(assert_return (invoke "f64_store" (i32.const 3024) (f64.const 4)))
(assert_return (invoke "addto_loop" (i32.const 3000) (i32.const 3032) (f64.const 0.5)) (f64.const 11.5))
(assert_trap (invoke "addto_loop" (i32.const 65520) (i32.const 0) (f64.const 1)) "out of bounds memory access")
(assert_return (invoke "latch_swapped" (i32.const 10)) (i32.const 45))
(assert_return (invoke "latch_swapped" (i32.const 0)) (i32.const 0))
(assert_return (invoke "add_pair" (i32.const 10) (i32.const 0)) (i32.const 11) (i32.const 15))
(assert_return (invoke "add_pair" (i32.const -1) (i32.const 0)) (i32.const 0) (i32.const 4))
(assert_return (invoke "xorshift64" (i64.const 1)) (i64.const 0x40822041))
(assert_return (invoke "xorshift64" (i64.const 0x123456789abcdef)) (i64.const 0x3f2800d6569e01b4))
(assert_return (invoke "shiftop32" (i32.const 0x80000003) (i32.const 0x12345678)) (i32.const 0x48e38e2a))
(assert_return (invoke "shiftop64" (i64.const 0x8000000000000001) (i64.const 3)) (i64.const 0x8000000000000037))
(assert_return (invoke "select_lt_s" (i32.const -1) (i32.const 1) (i32.const 5) (i32.const 6)) (i32.const 5))
(assert_return (invoke "select_lt_s" (i32.const 1) (i32.const -1) (i32.const 5) (i32.const 6)) (i32.const 6))
(assert_return (invoke "select_ge_u_k" (i32.const -1) (i32.const 5) (i32.const 6)) (i32.const 5))
(assert_return (invoke "select_ge_u_k" (i32.const 9) (i32.const 5) (i32.const 6)) (i32.const 6))
(assert_return (invoke "select_tmp" (i32.const -1) (i32.const -2)) (i64.const 0xffffffff))
(assert_return (invoke "select_tmp" (i32.const -2) (i32.const -2)) (i64.const -2))
(assert_return (invoke "swap" (i32.const 1) (i32.const 2)) (i32.const 2) (i32.const 1))
(assert_return (invoke "rotate3" (i32.const 1) (i32.const 2) (i32.const 3)) (i32.const 2) (i32.const 3) (i32.const 1))

;; A branch on an i32.and (ops_latch.def, WD_OP_TESTBR): br_if is taken if
;; the operands share a set bit, an if skips its body if they share none;
;; with operands in cells, a constant, the accumulator and the pinned
;; local, and as the branch back of a loop (which interruption twins).
(module
  (func (export "and_br_if") (param i32 i32) (result i32)
    block
      local.get 0 local.get 1 i32.and br_if 0
      i32.const 0 return
    end
    i32.const 1)
  (func (export "and_if") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.and
    if (result i32) i32.const 1 else i32.const 0 end)
  (func (export "and_k_br_if") (param i32) (result i32)
    block
      local.get 0 i32.const 0x80000001 i32.and br_if 0
      i32.const 0 return
    end
    i32.const 1)
  (func (export "and_k_if") (param i32) (result i32)
    local.get 0 i32.const 0x80000001 i32.and
    if (result i32) i32.const 1 else i32.const 0 end)
  (func (export "and_acc_a") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.shr_u i32.const 1 i32.and
    if (result i32) i32.const 1 else i32.const 0 end)
  (func (export "and_acc_b") (param i32 i32) (result i32)
    local.get 0 local.get 1 local.get 1 i32.mul i32.and
    if (result i32) i32.const 1 else i32.const 0 end)
  ;; the set bits of x, one if per bit
  (func (export "popcnt_loop") (param i32) (result i32)
    (local i32 i32)
    i32.const 1 local.set 1
    loop
      local.get 0 local.get 1 i32.and
      if local.get 2 i32.const 1 i32.add local.set 2 end
      local.get 1 i32.const 1 i32.shl local.tee 1
      br_if 0
    end
    local.get 2)
  ;; the zeros below the lowest set bit: a flag ends the loop
  (func (export "ctz_loop") (param i32) (result i32)
    (local i32)
    local.get 0 i32.eqz if i32.const 32 return end
    block
      loop
        local.get 0 i32.const 1 i32.and br_if 1
        local.get 0 i32.const 1 i32.shr_u local.set 0
        local.get 1 i32.const 1 i32.add local.set 1
        br 0
      end
    end
    local.get 1)
  ;; the ones at the bottom of x: a flag is the branch back
  (func (export "low_ones") (param i32) (result i32)
    (local i32)
    block
      local.get 0 i32.const 1 i32.and i32.eqz br_if 0
      loop
        local.get 1 i32.const 1 i32.add local.set 1
        local.get 0 i32.const 1 i32.shr_u local.tee 0
        i32.const 1 i32.and br_if 0
      end
    end
    local.get 1))

(assert_return (invoke "and_br_if" (i32.const 6) (i32.const 3)) (i32.const 1))
(assert_return (invoke "and_br_if" (i32.const 4) (i32.const 3)) (i32.const 0))
(assert_return (invoke "and_br_if" (i32.const 0x80000000) (i32.const -1)) (i32.const 1))
(assert_return (invoke "and_br_if" (i32.const 0) (i32.const -1)) (i32.const 0))
(assert_return (invoke "and_if" (i32.const 6) (i32.const 3)) (i32.const 1))
(assert_return (invoke "and_if" (i32.const 4) (i32.const 3)) (i32.const 0))
(assert_return (invoke "and_if" (i32.const 0x80000000) (i32.const 0x80000000)) (i32.const 1))
(assert_return (invoke "and_k_br_if" (i32.const 0x80000000)) (i32.const 1))
(assert_return (invoke "and_k_br_if" (i32.const 1)) (i32.const 1))
(assert_return (invoke "and_k_br_if" (i32.const 0x7ffffffe)) (i32.const 0))
(assert_return (invoke "and_k_if" (i32.const 0x80000000)) (i32.const 1))
(assert_return (invoke "and_k_if" (i32.const 3)) (i32.const 1))
(assert_return (invoke "and_k_if" (i32.const 0x7ffffffe)) (i32.const 0))
(assert_return (invoke "and_acc_a" (i32.const 10) (i32.const 1)) (i32.const 1))
(assert_return (invoke "and_acc_a" (i32.const 10) (i32.const 2)) (i32.const 0))
(assert_return (invoke "and_acc_a" (i32.const 0x80000000) (i32.const 31)) (i32.const 1))
(assert_return (invoke "and_acc_b" (i32.const 4) (i32.const 2)) (i32.const 1))
(assert_return (invoke "and_acc_b" (i32.const 3) (i32.const 2)) (i32.const 0))
(assert_return (invoke "popcnt_loop" (i32.const 0)) (i32.const 0))
(assert_return (invoke "popcnt_loop" (i32.const -1)) (i32.const 32))
(assert_return (invoke "popcnt_loop" (i32.const 0x80000001)) (i32.const 2))
(assert_return (invoke "popcnt_loop" (i32.const 0x12345678)) (i32.const 13))
(assert_return (invoke "ctz_loop" (i32.const 8)) (i32.const 3))
(assert_return (invoke "ctz_loop" (i32.const 0x80000000)) (i32.const 31))
(assert_return (invoke "ctz_loop" (i32.const 1)) (i32.const 0))
(assert_return (invoke "ctz_loop" (i32.const 0)) (i32.const 32))
(assert_return (invoke "low_ones" (i32.const 7)) (i32.const 3))
(assert_return (invoke "low_ones" (i32.const 0)) (i32.const 0))
(assert_return (invoke "low_ones" (i32.const -1)) (i32.const 32))
(assert_return (invoke "low_ones" (i32.const 11)) (i32.const 2))

;; A flag test whose result is kept (ops.def ANDBR_*): an i32.and of a
;; constant into a local, then a branch on that local, is one instruction
;; that writes the local and branches; with the pinned local as its operand,
;; its result, or both, and as the branch back of a loop.
(module
  (func (export "keep_br_if") (param i32) (result i32)
    (local i32)
    block
      local.get 0 i32.const 0x80000006 i32.and local.tee 1 br_if 0
      i32.const -1 return
    end
    local.get 1)
  (func (export "keep_if") (param i32) (result i32)
    (local i32)
    local.get 0 i32.const 0x80000006 i32.and local.tee 1
    if (result i32) local.get 1 else i32.const -1 end)
  ;; x & 7 into x itself (the pinned local both operand and result), in a
  ;; loop that then counts up to the next multiple of 8
  (func (export "keep_self") (param i32) (result i32)
    (local i32)
    loop
      local.get 0 i32.const 7 i32.and local.tee 0
      if
        local.get 0 i32.const 1 i32.add local.set 0
        local.get 1 i32.const 1 i32.add local.set 1
        local.get 0 i32.const 8 i32.lt_u br_if 1
      end
    end
    local.get 1)
  ;; the bits of x from the lowest up, until a clear one: the flag kept in a
  ;; local is the loop's branch back
  (func (export "keep_back") (param i32) (result i32)
    (local i32 i32)
    loop
      local.get 2 i32.const 1 i32.add local.set 2
      local.get 0 local.get 1 i32.shr_u local.set 0
      i32.const 1 local.set 1
      local.get 0 i32.const 1 i32.and local.tee 1
      br_if 0
    end
    local.get 2)
  ;; the set bits of x counted through a flag kept in a local that the
  ;; loop uses most (the pinned local as the result alone)
  (func (export "keep_into") (param i32) (result i32)
    (local i32 i32)
    loop
      local.get 0 i32.const 1 i32.and local.tee 1
      if
        local.get 1 local.get 2 i32.add local.set 2
        local.get 1 local.get 1 i32.xor local.set 1
      end
      local.get 1 local.get 0 i32.add i32.const 1 i32.shr_u local.tee 0
      br_if 0
    end
    local.get 2))

(assert_return (invoke "keep_br_if" (i32.const 7)) (i32.const 6))
(assert_return (invoke "keep_br_if" (i32.const 0x80000000)) (i32.const 0x80000000))
(assert_return (invoke "keep_br_if" (i32.const 9)) (i32.const -1))
(assert_return (invoke "keep_br_if" (i32.const 0)) (i32.const -1))
(assert_return (invoke "keep_if" (i32.const 4)) (i32.const 4))
(assert_return (invoke "keep_if" (i32.const -1)) (i32.const 0x80000006))
(assert_return (invoke "keep_if" (i32.const 0x7ffffff9)) (i32.const -1))
(assert_return (invoke "keep_self" (i32.const 0)) (i32.const 0))
(assert_return (invoke "keep_self" (i32.const 8)) (i32.const 0))
(assert_return (invoke "keep_self" (i32.const 5)) (i32.const 3))
(assert_return (invoke "keep_self" (i32.const 0x11)) (i32.const 7))
(assert_return (invoke "keep_back" (i32.const 0)) (i32.const 1))
(assert_return (invoke "keep_back" (i32.const 1)) (i32.const 2))
(assert_return (invoke "keep_back" (i32.const 7)) (i32.const 4))
(assert_return (invoke "keep_back" (i32.const -1)) (i32.const 33))
(assert_return (invoke "keep_into" (i32.const 13)) (i32.const 3))
(assert_return (invoke "keep_into" (i32.const 0)) (i32.const 0))
(assert_return (invoke "keep_into" (i32.const -1)) (i32.const 32))
(assert_return (invoke "keep_into" (i32.const 0x80000000)) (i32.const 1))

;; An i32 load and an add of a constant to the value loaded, both kept
;; (I32_LOAD_ADDI): the add into another local, into the same one, into
;; the address's local; wrapping; a trap leaves the add undone; and in a
;; loop whose pinned local is neither of the two.
(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")
  (data (i32.const 65528) "\a1\a2\a3\a4\a5\a6\a7\a8")
  (global $g (mut i32) (i32.const 0))
  (func (export "ldadd") (param i32) (result i32) (local i32 i32)
    local.get 0 i32.load offset=4 local.set 1
    local.get 1 i32.const -3 i32.add local.set 2
    local.get 1 i32.const 16 i32.shl local.get 2 i32.xor)
  (func (export "ldadd_wrap") (param i32) (result i64) (local i32 i32)
    local.get 0 i32.load local.set 1
    local.get 1 i32.const 0x5758595b i32.add local.set 2
    local.get 1 i64.extend_i32_u i64.const 32 i64.shl local.get 2 i64.extend_i32_u i64.or)
  (func (export "ldadd_same") (param i32) (result i32) (local i32)
    local.get 0 i32.load local.set 1
    local.get 1 i32.const 1 i32.add local.set 1
    local.get 1)
  (func (export "ldadd_addr") (param i32) (result i32) (local i32)
    local.get 0 i32.load local.set 1
    local.get 1 i32.const 7 i32.add local.set 0
    local.get 0 local.get 1 i32.sub)
  (func (export "ldadd_trap") (param i32) (local i32 i32)
    i32.const 5 local.set 2
    local.get 0 i32.load local.set 1
    local.get 1 i32.const 1 i32.add local.set 2
    local.get 2 global.set $g)
  (func (export "g") (result i32) global.get $g)
  ;; sum over the four words of (w + 1) * (index + 1), counting down
  (func (export "ldadd_loop") (param i32) (result i32) (local i32 i32 i32 i32)
    i32.const 16 local.set 1
    loop
      local.get 1 i32.const -4 i32.add local.tee 1 i32.load local.set 2
      local.get 2 i32.const 1 i32.add local.set 3
      local.get 4 local.get 3 local.get 1 i32.const 4 i32.add i32.mul i32.add
      local.get 2 i32.xor local.set 4
      local.get 1
      br_if 0
    end
    local.get 4 local.get 0 i32.add))

(assert_return (invoke "ldadd" (i32.const 0)) (i32.const 0x0e020602))
(assert_return (invoke "ldadd" (i32.const 65524)) (i32.const 0x0602a29e))
(assert_return (invoke "ldadd_wrap" (i32.const 65532)) (i64.const 0xa8a7a6a500000000))
(assert_return (invoke "ldadd_wrap" (i32.const 0)) (i64.const 0x040302015b5b5b5c))
(assert_return (invoke "ldadd_same" (i32.const 8)) (i32.const 0x0c0b0a0a))
(assert_return (invoke "ldadd_same" (i32.const 65532)) (i32.const 0xa8a7a6a6))
(assert_return (invoke "ldadd_addr" (i32.const 4)) (i32.const 7))
(assert_return (invoke "ldadd_addr" (i32.const 65531)) (i32.const 7))
(assert_trap (invoke "ldadd_trap" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "g") (i32.const 0))
(invoke "ldadd_trap" (i32.const 12))
(assert_return (invoke "g") (i32.const 0x100f0e0e))
(assert_return (invoke "ldadd_loop" (i32.const 0)) (i32.const 0xf1cfa1a0))

;; A sign extension written as two shifts, (x << k) >> k (the extend
;; instruction instead, where k leaves 8, 16 or, in i64, 32 bits): counts
;; taken modulo the width, a count that differs, the shifted value kept in
;; a local, and a loaded byte.
(module
  (memory 1)
  (data (i32.const 0) "\80\7f\ff\01\00\80\ff\7f")
  (func (export "sx8") (param i32) (result i32)
    local.get 0 i32.const 24 i32.shl i32.const 24 i32.shr_s)
  (func (export "sx16") (param i32) (result i32)
    local.get 0 i32.const 16 i32.shl i32.const 16 i32.shr_s)
  (func (export "sx8_mod") (param i32) (result i32)
    local.get 0 i32.const 56 i32.shl i32.const -8 i32.shr_s)
  (func (export "sx_differ") (param i32) (result i32)
    local.get 0 i32.const 24 i32.shl i32.const 16 i32.shr_s)
  (func (export "sx_kept") (param i32) (result i32) (local i32)
    local.get 0 i32.const 24 i32.shl local.tee 1 i32.const 24 i32.shr_s
    local.get 1 i32.xor)
  (func (export "sx_load") (param i32) (result i32)
    local.get 0 i32.load8_u i32.const 24 i32.shl i32.const 24 i32.shr_s
    i32.const 3 i32.mul)
  (func (export "sx64_8") (param i64) (result i64)
    local.get 0 i64.const 56 i64.shl i64.const 56 i64.shr_s)
  (func (export "sx64_16") (param i64) (result i64)
    local.get 0 i64.const 48 i64.shl i64.const 48 i64.shr_s)
  (func (export "sx64_32") (param i64) (result i64)
    local.get 0 i64.const 32 i64.shl i64.const 96 i64.shr_s)
  (func (export "sx64_differ") (param i64) (result i64)
    local.get 0 i64.const 40 i64.shl i64.const 40 i64.shr_s))

(assert_return (invoke "sx8" (i32.const 0x1234567f)) (i32.const 0x7f))
(assert_return (invoke "sx8" (i32.const 0x12345680)) (i32.const -128))
(assert_return (invoke "sx16" (i32.const 0x12348000)) (i32.const -32768))
(assert_return (invoke "sx16" (i32.const 0xffff7fff)) (i32.const 0x7fff))
(assert_return (invoke "sx8_mod" (i32.const 0x1ff)) (i32.const -1))
(assert_return (invoke "sx8_mod" (i32.const 0x17f)) (i32.const 0x7f))
(assert_return (invoke "sx_differ" (i32.const 0x80)) (i32.const -32768))
(assert_return (invoke "sx_differ" (i32.const 0x7f)) (i32.const 0x7f00))
(assert_return (invoke "sx_kept" (i32.const 0x80)) (i32.const 0x7fffff80))
(assert_return (invoke "sx_load" (i32.const 0)) (i32.const -384))
(assert_return (invoke "sx_load" (i32.const 1)) (i32.const 381))
(assert_return (invoke "sx_load" (i32.const 2)) (i32.const -3))
(assert_return (invoke "sx64_8" (i64.const 0x1234567890abcd80)) (i64.const -128))
(assert_return (invoke "sx64_16" (i64.const 0x123456789abc7fff)) (i64.const 0x7fff))
(assert_return (invoke "sx64_16" (i64.const 0x1234567890ab8000)) (i64.const -32768))
(assert_return (invoke "sx64_32" (i64.const 0x1234567880000000)) (i64.const -2147483648))
(assert_return (invoke "sx64_32" (i64.const 0xffffffff7fffffff)) (i64.const 0x7fffffff))
(assert_return (invoke "sx64_differ" (i64.const 0x12345678ff800000)) (i64.const -8388608))
