;; SPDX-License-Identifier: Apache-2.0
;; Fused forms for branchy integer code (src/interp/ops.def): a br_table on
;; an index just loaded (BR_TABLE_L32, BR_TABLE_L8U) or on a value plus a
;; constant (BR_TABLE_ADDI and its accumulator form); a constant shifted
;; left by a value (I32_SHL_KA and its forms), the count taken modulo 32. Each must compute
;; what the separate instructions compute: the loaded value still lands in
;; the local a local.tee names, out-of-range and wrapped indices take the
;; default, an access out of bounds traps before any branch.

(module
  (memory 1)
  (data (i32.const 0) "\00\01\02\03\04\05\ff\07")
  (data (i32.const 16) "\00\00\00\00\01\00\00\00\02\00\00\00\ff\ff\ff\ff\03\00\00\00")

  ;; i32.load + local.tee + br_table: the local keeps the loaded value.
  (func (export "l32_tee") (param $p i32) (result i32 i32)
    (local $x i32)
    block $d
      block $c
        block $b
          block $a
            local.get $p
            i32.load offset=16
            local.tee $x
            br_table $a $b $c $d
          end
          i32.const 100
          local.get $x
          return
        end
        i32.const 101
        local.get $x
        return
      end
      i32.const 102
      local.get $x
      return
    end
    i32.const 103
    local.get $x)
  ;; into a temporary
  (func (export "l32_tmp") (param $p i32) (result i32)
    block $b
      block $a
        local.get $p
        i32.load
        br_table $a $b
      end
      i32.const 10
      return
    end
    i32.const 11)
  (func (export "l8u") (param $p i32) (result i32)
    (local $x i32)
    block $c
      block $b
        block $a
          local.get $p
          i32.load8_u offset=1
          local.tee $x
          br_table $a $b $c
        end
        i32.const 20
        return
      end
      i32.const 21
      return
    end
    local.get $x)
  ;; a value plus a constant: from a local, from a temporary (the
  ;; accumulator form), wrapping below zero to a large index (the default)
  (func (export "addi_local") (param $p i32) (result i32)
    block $c
      block $b
        block $a
          local.get $p
          i32.const -5
          i32.add
          br_table $a $b $c
        end
        i32.const 30
        return
      end
      i32.const 31
      return
    end
    i32.const 32)
  (func (export "addi_loaded") (param $p i32) (result i32)
    block $c
      block $b
        block $a
          local.get $p
          i32.load8_u
          i32.const -3
          i32.add
          br_table $a $b $c
        end
        i32.const 40
        return
      end
      i32.const 41
      return
    end
    i32.const 42)
  ;; the sum taken before the local changes
  (func (export "addi_local_changes") (param $p i32) (result i32)
    block $b
      block $a
        local.get $p
        i32.const 1
        i32.add
        i32.const 7
        local.set $p
        br_table $a $b
      end
      local.get $p
      return
    end
    i32.const 50)
  ;; a dispatch loop in the manner of a bytecode interpreter: the program
  ;; counter (the most used local: pinned) moves on, the opcode is loaded
  ;; into a local and dispatched on; 0 adds 1, 1 doubles, 2 stops, 3..
  ;; (the default) adds 100.
  (func (export "vm") (param $pc i32) (result i32)
    (local $op i32) (local $acc i32)
    loop $next
      block $stop
        block $dbl
          block $inc
            block $other
              local.get $pc
              i32.const 1
              i32.add
              local.set $pc
              local.get $pc
              i32.load8_u offset=99
              local.tee $op
              br_table $inc $dbl $stop $other
            end
            local.get $acc
            i32.const 100
            i32.add
            local.set $acc
            br $next
          end
          local.get $acc
          i32.const 1
          i32.add
          local.set $acc
          br $next
        end
        local.get $acc
        i32.const 1
        i32.shl
        local.set $acc
        br $next
      end
    end
    local.get $acc
    local.get $op
    i32.const 1000
    i32.mul
    i32.add)
  (data (i32.const 100) "\00\00\01\00\07\01\02")
  ;; a pinned local as the loaded index
  (func (export "vm_pinned_op") (param $pc i32) (result i32)
    (local $op i32) (local $n i32)
    loop $next
      block $stop
        block $go
          local.get $pc
          i32.load8_u offset=100
          local.tee $op
          local.get $op
          local.get $op
          i32.add
          i32.add
          local.get $op
          i32.add
          drop
          local.get $op
          br_table $go $go $stop $go
        end
        local.get $n
        local.get $op
        i32.add
        local.set $n
        local.get $pc
        i32.const 1
        i32.add
        local.set $pc
        br $next
      end
    end
    local.get $n)
  ;; a constant shifted left by a value: from a local, a temporary in the
  ;; accumulator, into the accumulator, with the pinned local as the count
  ;; and as the destination
  (func (export "shl_k") (param $n i32) (result i32)
    i32.const 1
    local.get $n
    i32.shl)
  (func (export "shl_k_neg") (param $n i32) (result i32)
    i32.const -3
    local.get $n
    i32.const 1
    i32.add
    i32.shl)
  (func (export "shl_k_loaded") (param $p i32) (result i32)
    i32.const 5
    local.get $p
    i32.load8_u
    i32.shl)
  (func (export "shl_k_acc") (param $n i32) (param $m i32) (result i32)
    i32.const 1
    local.get $n
    i32.shl
    local.get $m
    i32.and)
  ;; a bitmap test in a loop: the count is the most used local (pinned)
  (func (export "bits_set") (param $w i32) (result i32)
    (local $i i32) (local $c i32)
    loop $l
      local.get $w
      i32.const 1
      local.get $i
      i32.shl
      i32.and
      if
        local.get $c
        i32.const 1
        i32.add
        local.set $c
      end
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 40
      i32.lt_u
      br_if $l
    end
    local.get $c)
  ;; into the pinned local
  (func (export "shl_into_pinned") (param $n i32) (result i32)
    (local $m i32) (local $k i32)
    loop $l
      i32.const 3
      local.get $k
      i32.shl
      local.set $m
      local.get $m
      local.get $m
      local.get $m
      i32.or
      i32.or
      local.get $m
      i32.or
      drop
      local.get $k
      i32.const 1
      i32.add
      local.tee $k
      local.get $n
      i32.lt_u
      br_if $l
    end
    local.get $m)

  ;; the pinned count, the result into a cell (its consumer has no
  ;; accumulator form)
  (func (export "shl_k_div") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    loop $l
      local.get $s
      i32.const 6
      local.get $i
      i32.shl
      i32.const 3
      i32.div_u
      i32.add
      local.set $s
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_u
      br_if $l
    end
    local.get $s)
)

(assert_return (invoke "l32_tee" (i32.const 0)) (i32.const 100) (i32.const 0))
(assert_return (invoke "l32_tee" (i32.const 4)) (i32.const 101) (i32.const 1))
(assert_return (invoke "l32_tee" (i32.const 8)) (i32.const 102) (i32.const 2))
(assert_return (invoke "l32_tee" (i32.const 12)) (i32.const 103) (i32.const -1))
(assert_return (invoke "l32_tee" (i32.const 16)) (i32.const 103) (i32.const 3))
(assert_return (invoke "l32_tee" (i32.const 1)) (i32.const 103) (i32.const 0x01000000))
(assert_trap (invoke "l32_tee" (i32.const 65520)) "out of bounds memory access")
(assert_trap (invoke "l32_tee" (i32.const -16)) "out of bounds memory access")
(assert_return (invoke "l32_tmp" (i32.const 16)) (i32.const 10))
(assert_return (invoke "l32_tmp" (i32.const 20)) (i32.const 11))
(assert_return (invoke "l32_tmp" (i32.const 28)) (i32.const 11))
(assert_trap (invoke "l32_tmp" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "l8u" (i32.const 99)) (i32.const 20))
(assert_return (invoke "l8u" (i32.const 65534)) (i32.const 20))
(assert_return (invoke "l8u" (i32.const 0)) (i32.const 21))
(assert_return (invoke "l8u" (i32.const 1)) (i32.const 2))
(assert_return (invoke "l8u" (i32.const 5)) (i32.const 255))
(assert_trap (invoke "l8u" (i32.const 65535)) "out of bounds memory access")
(assert_trap (invoke "l8u" (i32.const -1)) "out of bounds memory access")
(assert_return (invoke "addi_local" (i32.const 5)) (i32.const 30))
(assert_return (invoke "addi_local" (i32.const 6)) (i32.const 31))
(assert_return (invoke "addi_local" (i32.const 7)) (i32.const 32))
(assert_return (invoke "addi_local" (i32.const 4)) (i32.const 32))
(assert_return (invoke "addi_local" (i32.const 0x80000004)) (i32.const 32))
(assert_return (invoke "addi_loaded" (i32.const 3)) (i32.const 40))
(assert_return (invoke "addi_loaded" (i32.const 4)) (i32.const 41))
(assert_return (invoke "addi_loaded" (i32.const 2)) (i32.const 42))
(assert_return (invoke "addi_loaded" (i32.const 6)) (i32.const 42))
(assert_trap (invoke "addi_loaded" (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "addi_local_changes" (i32.const -1)) (i32.const 7))
(assert_return (invoke "addi_local_changes" (i32.const 0)) (i32.const 50))
(assert_return (invoke "vm" (i32.const 0)) (i32.const 2210))
(assert_return (invoke "vm" (i32.const 3)) (i32.const 2202))
(assert_return (invoke "vm_pinned_op" (i32.const 0)) (i32.const 9))
(assert_return (invoke "vm_pinned_op" (i32.const 4)) (i32.const 8))
(assert_return (invoke "vm_pinned_op" (i32.const 5)) (i32.const 1))
(assert_return (invoke "vm_pinned_op" (i32.const 6)) (i32.const 0))
(assert_return (invoke "shl_k" (i32.const 0)) (i32.const 1))
(assert_return (invoke "shl_k" (i32.const 31)) (i32.const 0x80000000))
(assert_return (invoke "shl_k" (i32.const 32)) (i32.const 1))
(assert_return (invoke "shl_k" (i32.const -1)) (i32.const 0x80000000))
(assert_return (invoke "shl_k_neg" (i32.const 3)) (i32.const -48))
(assert_return (invoke "shl_k_neg" (i32.const 30)) (i32.const 0x80000000))
(assert_return (invoke "shl_k_neg" (i32.const -1)) (i32.const -3))
(assert_return (invoke "shl_k_loaded" (i32.const 3)) (i32.const 40))
(assert_return (invoke "shl_k_loaded" (i32.const 6)) (i32.const 0x80000000))
(assert_trap (invoke "shl_k_loaded" (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "shl_k_acc" (i32.const 4) (i32.const 0x10)) (i32.const 0x10))
(assert_return (invoke "shl_k_acc" (i32.const 36) (i32.const -1)) (i32.const 0x10))
(assert_return (invoke "shl_k_acc" (i32.const 4) (i32.const 0xef)) (i32.const 0))
(assert_return (invoke "bits_set" (i32.const 0x80000001)) (i32.const 3))
(assert_return (invoke "bits_set" (i32.const -1)) (i32.const 40))
(assert_return (invoke "bits_set" (i32.const 0)) (i32.const 0))
(assert_return (invoke "shl_into_pinned" (i32.const 3)) (i32.const 12))
(assert_return (invoke "shl_into_pinned" (i32.const 33)) (i32.const 3))
(assert_return (invoke "shl_k_div" (i32.const 4)) (i32.const 30))
(assert_return (invoke "shl_k_div" (i32.const 34)) (i32.const 0xaaaaaaae))
