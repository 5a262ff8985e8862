;; SPDX-License-Identifier: Apache-2.0
;; Dispatch loops (src/interp/compile_disp.c): a loop whose head ends in a
;; br_table is copied, head and table, to every `br` back to it. The copies
;; must do what the branch back would have done: every kind of target
;; (cases before the one running, whose blocks are closed, cases after it,
;; still open, the loop itself, a block around the loop, the default), a
;; `br` from inside an `if`, a nested block and an inner loop, each form of
;; the br_table (an index loaded, loaded as a byte, plus a constant, a plain
;; value), the pinned local (pc, the most used) and a trap in the copied load.

(module
  (memory 1)
  ;; A stack machine, one i32 word an operation; the head reads it and
  ;; moves pc to the next word:
  ;; 0 halt, 1 push k, 2 add, 3 sub, 4 mul, 5 dup, 6 jz t, 7 jmp t,
  ;; 8 swap, 9 over, 10 drop, 11 arg, 12 nop (its entry is the loop
  ;; itself), 13 mulloop (multiply by repeated addition in an inner loop),
  ;; anything else traps (unreachable). Jump targets are addresses.
  ;;
  ;; sum of 1..n at 0x100:
  ;;   push 0; arg; L: dup; jz E; swap; over; add; swap; push 1; sub; nop; jmp L;
  ;;   E: drop; halt
  (data (i32.const 0x100)
    "\01\00\00\00\00\00\00\00" "\0b\00\00\00"
    "\05\00\00\00" "\06\00\00\00\40\01\00\00" "\08\00\00\00" "\09\00\00\00" "\02\00\00\00"
    "\08\00\00\00" "\01\00\00\00\01\00\00\00" "\03\00\00\00" "\0c\00\00\00"
    "\07\00\00\00\0c\01\00\00"
    "\0a\00\00\00" "\00\00\00\00")
  ;; factorial of n at 0x200, with mulloop:
  ;;   push 1; arg; L: dup; jz E; swap; over; mulloop; swap; push 1; sub; jmp L;
  ;;   E: drop; halt
  (data (i32.const 0x200)
    "\01\00\00\00\01\00\00\00" "\0b\00\00\00"
    "\05\00\00\00" "\06\00\00\00\3c\02\00\00" "\08\00\00\00" "\09\00\00\00" "\0d\00\00\00"
    "\08\00\00\00" "\01\00\00\00\01\00\00\00" "\03\00\00\00"
    "\07\00\00\00\0c\02\00\00"
    "\0a\00\00\00" "\00\00\00\00")
  ;; (arg - 3) * (arg + 2) with mul at 0x300: arg; push 3; sub; arg; push 2; add; mul; halt
  (data (i32.const 0x300)
    "\0b\00\00\00" "\01\00\00\00\03\00\00\00" "\03\00\00\00"
    "\0b\00\00\00" "\01\00\00\00\02\00\00\00" "\02\00\00\00" "\04\00\00\00" "\00\00\00\00")
  ;; an unknown operation at 0x380: push 1; 99
  (data (i32.const 0x380) "\01\00\00\00\01\00\00\00" "\63\00\00\00")
  ;; a jump out of memory at 0x3c0: push 1; jmp 0xfffffff0
  (data (i32.const 0x3c0) "\01\00\00\00\01\00\00\00" "\07\00\00\00\f0\ff\ff\ff")

  (func (export "stack") (param $pc i32) (param $arg i32) (result i32)
    (local $sp i32) (local $op i32) (local $a i32) (local $b i32)
    i32.const 0x8000
    local.set $sp
    block $exit
      loop $next
        local.get $pc
        i32.load
        local.set $op
        local.get $pc
        i32.const 4
        i32.add
        local.set $pc
        block $bad
        block $mulloop
        block $arg
        block $drop
        block $over
        block $swap
        block $jmp
        block $jz
        block $dup
        block $mul
        block $sub
        block $add
        block $push
          local.get $op
          br_table $exit $push $add $sub $mul $dup $jz $jmp $swap $over $drop $arg $next
                   $mulloop $bad
        end ;; push
        local.get $sp
        local.get $pc
        i32.load
        i32.store
        local.get $sp
        i32.const 4
        i32.add
        local.set $sp
        local.get $pc
        i32.const 4
        i32.add
        local.set $pc
        br $next
        end ;; add: from a nested block and an if
        block $in
          local.get $sp
          i32.const 8
          i32.sub
          local.tee $sp
          local.get $sp
          i32.load
          local.get $sp
          i32.load offset=4
          i32.add
          i32.store
          local.get $sp
          i32.const 4
          i32.add
          local.set $sp
          local.get $sp
          if
            br $next
          end
          br $in
        end
        unreachable
        end ;; sub
        local.get $sp
        i32.const 8
        i32.sub
        local.tee $sp
        local.get $sp
        i32.load
        local.get $sp
        i32.load offset=4
        i32.sub
        i32.store
        local.get $sp
        i32.const 4
        i32.add
        local.set $sp
        br $next
        end ;; mul
        local.get $sp
        i32.const 8
        i32.sub
        local.tee $sp
        local.get $sp
        i32.load
        local.get $sp
        i32.load offset=4
        i32.mul
        i32.store
        local.get $sp
        i32.const 4
        i32.add
        local.set $sp
        br $next
        end ;; dup
        local.get $sp
        local.get $sp
        i32.const 4
        i32.sub
        i32.load
        i32.store
        local.get $sp
        i32.const 4
        i32.add
        local.set $sp
        br $next
        end ;; jz t
        local.get $sp
        i32.const 4
        i32.sub
        local.tee $sp
        i32.load
        if
          local.get $pc
          i32.const 4
          i32.add
          local.set $pc
          br $next
        end
        local.get $pc
        i32.load
        local.set $pc
        br $next
        end ;; jmp t
        local.get $pc
        i32.load
        local.set $pc
        br $next
        end ;; swap
        local.get $sp
        i32.const 8
        i32.sub
        local.tee $a
        i32.load
        local.set $b
        local.get $a
        local.get $a
        i32.load offset=4
        i32.store
        local.get $a
        local.get $b
        i32.store offset=4
        br $next
        end ;; over
        local.get $sp
        local.get $sp
        i32.const 8
        i32.sub
        i32.load
        i32.store
        local.get $sp
        i32.const 4
        i32.add
        local.set $sp
        br $next
        end ;; drop
        local.get $sp
        i32.const 4
        i32.sub
        local.set $sp
        br $next
        end ;; arg
        local.get $sp
        local.get $arg
        i32.store
        local.get $sp
        i32.const 4
        i32.add
        local.set $sp
        br $next
        end ;; mulloop: a * b by adding a, b times, in a loop of its own
        local.get $sp
        i32.const 8
        i32.sub
        local.tee $sp
        i32.load offset=4
        local.set $b
        i32.const 0
        local.set $a
        loop $m
          local.get $b
          i32.eqz
          if
            local.get $sp
            local.get $a
            i32.store
            local.get $sp
            i32.const 4
            i32.add
            local.set $sp
            br $next
          end
          local.get $a
          local.get $sp
          i32.load
          i32.add
          local.set $a
          local.get $b
          i32.const 1
          i32.sub
          local.set $b
          br $m
        end
        unreachable
        end ;; bad
        unreachable
      end
      unreachable
    end
    ;; halt: the top of the stack
    local.get $sp
    i32.const 4
    i32.sub
    i32.load)

  ;; A counter machine in bytes at 0x500, the br_table's index the byte
  ;; minus one (a value plus a constant), pc advanced in the head:
  ;; 1 r += 1, 2 r *= 2, 3 r -= 1, 4 if --n goto start, 0 halt (-1: the
  ;; default, out of the loop).
  (data (i32.const 0x500) "\01\02\01\02\03\04\00")
  (func (export "bytes") (param $n i32) (result i32)
    (local $pc i32) (local $r i32) (local $op i32)
    i32.const 0x4ff
    local.set $pc
    block $halt
      loop $next
        local.get $pc
        i32.const 1
        i32.add
        local.set $pc
        local.get $pc
        i32.load8_u
        local.set $op
        block $jnz
        block $dec
        block $dbl
        block $inc
          local.get $op
          i32.const -1
          i32.add
          br_table $inc $dbl $dec $jnz $halt
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br $next
        end
        local.get $r
        i32.const 1
        i32.shl
        local.set $r
        br $next
        end
        local.get $r
        i32.const 1
        i32.sub
        local.set $r
        br $next
        end
        local.get $n
        i32.const 1
        i32.sub
        local.tee $n
        i32.eqz
        br_if $next
        i32.const 0x4ff
        local.set $pc
        br $next
      end
    end
    local.get $r)

  ;; The same with the byte loaded by the br_table itself and a plain index.
  (func (export "bytes8") (param $n i32) (result i32)
    (local $pc i32) (local $r i32)
    i32.const 0x4ff
    local.set $pc
    block $halt
      loop $next
        local.get $pc
        i32.const 1
        i32.add
        local.set $pc
        block $jnz
        block $dec
        block $dbl
        block $inc
          local.get $pc
          i32.load8_u
          br_table $halt $inc $dbl $dec $jnz $halt
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br $next
        end
        local.get $r
        i32.const 1
        i32.shl
        local.set $r
        br $next
        end
        local.get $r
        i32.const 1
        i32.sub
        local.set $r
        br $next
        end
        local.get $n
        i32.const 1
        i32.sub
        local.tee $n
        i32.eqz
        br_if $next
        i32.const 0x4ff
        local.set $pc
        br $next
      end
    end
    local.get $r)

  ;; The loop's head tests two conditions first (`while (pc < end)`, and a
  ;; restart of the outer loop when r is 6, which the outer head moves on): branches out of the loop, forward to the
  ;; block around it and back to the outer loop's head, copied with it.
  (func (export "guarded") (param $n i32) (result i32)
    (local $pc i32) (local $r i32)
    loop $again
      local.get $r
      i32.const 6
      i32.eq
      if
        local.get $r
        i32.const 1
        i32.add
        local.set $r
      end
      i32.const 0x4ff
      local.set $pc
      block $halt
        loop $next
          local.get $pc
          i32.const 1
          i32.add
          local.tee $pc
          i32.const 0x505
          i32.ge_u
          br_if $halt
          local.get $r
          i32.const 6
          i32.eq
          br_if $again
          block $dec
          block $dbl
          block $inc
            local.get $pc
            i32.load8_u
            i32.const -1
            i32.add
            br_table $inc $dbl $dec $halt
          end
          local.get $r
          i32.const 1
          i32.add
          local.set $r
          br $next
          end
          local.get $r
          i32.const 1
          i32.shl
          local.set $r
          br $next
          end
          local.get $r
          i32.const 1
          i32.sub
          local.set $r
          br $next
        end
      end
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get $r)
)

(assert_return (invoke "stack" (i32.const 0x100) (i32.const 0)) (i32.const 0))
(assert_return (invoke "stack" (i32.const 0x100) (i32.const 1)) (i32.const 1))
(assert_return (invoke "stack" (i32.const 0x100) (i32.const 100)) (i32.const 5050))
(assert_return (invoke "stack" (i32.const 0x100) (i32.const 1000)) (i32.const 500500))
(assert_return (invoke "stack" (i32.const 0x200) (i32.const 0)) (i32.const 1))
(assert_return (invoke "stack" (i32.const 0x200) (i32.const 5)) (i32.const 120))
(assert_return (invoke "stack" (i32.const 0x200) (i32.const 10)) (i32.const 3628800))
(assert_return (invoke "stack" (i32.const 0x300) (i32.const 7)) (i32.const 36))
(assert_return (invoke "stack" (i32.const 0x300) (i32.const 1)) (i32.const -6))
(assert_trap (invoke "stack" (i32.const 0x380) (i32.const 0)) "unreachable")
(assert_trap (invoke "stack" (i32.const 0x3c0) (i32.const 0)) "out of bounds memory access")
;; r: ((0 + 1) * 2 + 1) * 2 - 1 = 5, then n - 1 more rounds of the same
;; from r: r' = (((r + 1) * 2 + 1) * 2) - 1 = 4r + 5
(assert_return (invoke "bytes" (i32.const 1)) (i32.const 5))
(assert_return (invoke "bytes" (i32.const 2)) (i32.const 25))
(assert_return (invoke "bytes" (i32.const 3)) (i32.const 105))
(assert_return (invoke "bytes8" (i32.const 1)) (i32.const 5))
(assert_return (invoke "bytes8" (i32.const 3)) (i32.const 105))
(assert_return (invoke "bytes8" (i32.const 16)) (i32.const -1431655767))
(assert_return (invoke "guarded" (i32.const 1)) (i32.const 33))
(assert_return (invoke "guarded" (i32.const 2)) (i32.const 137))
(assert_return (invoke "guarded" (i32.const 3)) (i32.const 553))
(assert_return (invoke "guarded" (i32.const 5)) (i32.const 8873))
(assert_return (invoke "guarded" (i32.const 8)) (i32.const 567977))
(assert_return (invoke "guarded" (i32.const 20)) (i32.const -1431655767))

;; A head that adds to pc before it loads the operation from the old pc
;; (clang's `switch (*pc++)`): one operation in the tail-call build
;; (ADDI_BR_TABLE_L32), copied to each case's `br`. The loaded index stays
;; in its local, and a load out of bounds traps.
(module
  (memory 1)
  ;; 1 inc (acc + op), 2 dbl (acc * op), 0 halt; at 0x40: inc inc dbl inc dbl halt
  (data (i32.const 0x40)
    "\01\00\00\00" "\01\00\00\00" "\02\00\00\00" "\01\00\00\00" "\02\00\00\00" "\00\00\00\00")
  (func (export "run") (param $pc i32) (result i32)
    (local $next i32) (local $op i32) (local $acc i32)
    (block $exit
      (loop $l
        (local.set $next (i32.add (local.get $pc) (i32.const 4)))
        (block $dbl
          (block $inc
            (block $halt
              (br_table $halt $inc $dbl $halt (local.tee $op (i32.load (local.get $pc)))))
            (br $exit))
          (local.set $acc (i32.add (local.get $acc) (local.get $op)))
          (local.set $pc (local.get $next))
          (br $l))
        (local.set $acc (i32.mul (local.get $acc) (local.get $op)))
        (local.set $pc (local.get $next))
        (br $l)))
    ;; acc 10, op 0 at the halt, next just past it (0x58)
    (i32.add (i32.mul (local.get $acc) (i32.const 1000))
             (i32.add (local.get $op) (local.get $next))))
)
(assert_return (invoke "run" (i32.const 0x40)) (i32.const 10088))
(assert_return (invoke "run" (i32.const 0x50)) (i32.const 88))
(assert_trap (invoke "run" (i32.const 0xfffffffe)) "out of bounds memory access")

;; A head that loads the operation from an array indexed by pc,
;; `switch (code[pc++])`: the scaled-index load and the br_table in one
;; operation (BR_TABLE_L32_SAI with a constant base, BR_TABLE_L32_SAA with
;; a base in a local), pc read from the pinned local's register or from its
;; cell, copied to each case's `br`; the index wraps at 2^32 as i32.shl
;; and i32.add do, and a load out of bounds traps.
(module
  (memory 1)
  ;; words at 0x400: 1 k (acc += k), 2 (acc *= 2), 3 t (n -= 1, then jump to
  ;; word t unless n is 0), 0 halt. Word 0: 1 5; 2; 1 1; 0 = 11.
  ;; Word 8: 1 3; 3 8; 0 = 3 n.
  (data (i32.const 0x400)
    "\01\00\00\00\05\00\00\00" "\02\00\00\00" "\01\00\00\00\01\00\00\00" "\00\00\00\00"
    "\09\00\00\00\00\00\00\00"
    "\01\00\00\00\03\00\00\00" "\03\00\00\00\08\00\00\00" "\00\00\00\00")
  ;; at 0x480, one byte an operation, and at 0x490 one word: 1 (acc += 1),
  ;; 2 (acc *= 2), 0 halt: inc inc dbl inc dbl halt = 10, then a 9
  (data (i32.const 0x480) "\01\01\02\01\02\00\09")
  (data (i32.const 0x490)
    "\01\00\00\00" "\01\00\00\00" "\02\00\00\00" "\01\00\00\00" "\02\00\00\00" "\00\00\00\00"
    "\09\00\00\00")
  ;; pc (the most used local) pinned: BR_TABLE_L32_SAI_LA
  (func (export "sai") (param $pc i32) (param $n i32) (result i32)
    (local $acc i32)
    (loop $next
      (block $bad
        (block $jnz
          (block $dbl
            (block $add
              (block $halt
                (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
                (br_table $halt $add $dbl $jnz $bad
                  (i32.load (i32.add (i32.shl (local.get $pc) (i32.const 2))
                                     (i32.const 0x3fc)))))
              (return (local.get $acc)))
            (local.set $acc (i32.add (local.get $acc)
              (i32.load (i32.add (i32.shl (local.get $pc) (i32.const 2)) (i32.const 0x400)))))
            (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
            (br $next))
          (local.set $acc (i32.shl (local.get $acc) (i32.const 1)))
          (br $next))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $pc
          (if (result i32) (local.get $n)
            (then (i32.load (i32.add (i32.shl (local.get $pc) (i32.const 2)) (i32.const 0x400))))
            (else (i32.add (local.get $pc) (i32.const 1)))))
        (br $next))
      (unreachable))
    (unreachable))
  ;; code in a local, pc in a cell (acc is the most used local):
  ;; BR_TABLE_L32_SAA
  (func (export "saa") (param $code i32) (param $pc i32) (param $n i32) (result i32)
    (local $acc i32)
    (loop $next
      (block $bad
        (block $jnz
          (block $dbl
            (block $add
              (block $halt
                (br_table $halt $add $dbl $jnz $bad
                  (i32.load (i32.add (local.get $code)
                                     (i32.shl (local.get $pc) (i32.const 2))))))
              (return (i32.add (local.get $acc) (i32.mul (local.get $acc) (local.get $acc)))))
            (local.set $acc (i32.add (i32.add (local.get $acc) (local.get $acc))
              (i32.sub (i32.load offset=4 (i32.add (local.get $code)
                                                   (i32.shl (local.get $pc) (i32.const 2))))
                       (local.get $acc))))
            (local.set $pc (i32.add (local.get $pc) (i32.const 2)))
            (br $next))
          (local.set $acc (i32.add (local.get $acc) (local.get $acc)))
          (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
          (br $next))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $pc
          (if (result i32) (local.get $n)
            (then (i32.load offset=4 (i32.add (local.get $code)
                                              (i32.shl (local.get $pc) (i32.const 2)))))
            (else (i32.add (local.get $pc) (i32.const 2)))))
        (br $next))
      (unreachable))
    (unreachable))
  ;; a pointer pc, pinned, stepped by each case: BR_TABLE_L32_LA, BR_TABLE_L8U_LA
  (func (export "ptr32") (param $pc i32) (result i32)
    (local $acc i32)
    (loop $next
      (block $bad
        (block $dbl
          (block $inc
            (block $halt
              (br_table $halt $inc $dbl $bad (i32.load (local.get $pc))))
            (return (local.get $acc)))
          (local.set $acc (i32.add (local.get $acc) (i32.const 1)))
          (local.set $pc (i32.add (local.get $pc) (i32.const 4)))
          (br $next))
        (local.set $acc (i32.shl (local.get $acc) (i32.const 1)))
        (local.set $pc (i32.add (local.get $pc) (i32.const 4)))
        (br $next))
      (unreachable))
    (unreachable))
  (func (export "ptr8") (param $pc i32) (result i32)
    (local $acc i32)
    (loop $next
      (block $bad
        (block $dbl
          (block $inc
            (block $halt
              (br_table $halt $inc $dbl $bad (i32.load8_u (local.get $pc))))
            (return (local.get $acc)))
          (local.set $acc (i32.add (local.get $acc) (i32.const 1)))
          (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
          (br $next))
        (local.set $acc (i32.shl (local.get $acc) (i32.const 1)))
        (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
        (br $next))
      (unreachable))
    (unreachable))
)
(assert_return (invoke "sai" (i32.const 0) (i32.const 0)) (i32.const 11))
(assert_return (invoke "sai" (i32.const 8) (i32.const 1)) (i32.const 3))
(assert_return (invoke "sai" (i32.const 8) (i32.const 7)) (i32.const 21))
(assert_return (invoke "sai" (i32.const 0x40000000) (i32.const 0)) (i32.const 11))
(assert_trap (invoke "sai" (i32.const 6) (i32.const 0)) "unreachable")
(assert_trap (invoke "sai" (i32.const 0x3f00) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "saa" (i32.const 0x400) (i32.const 0) (i32.const 0)) (i32.const 132))
(assert_return (invoke "saa" (i32.const 0x400) (i32.const 8) (i32.const 4)) (i32.const 156))
(assert_return (invoke "saa" (i32.const 0x3f0) (i32.const 4) (i32.const 0)) (i32.const 132))
(assert_return (invoke "saa" (i32.const 0x500) (i32.const 0xffffffc0) (i32.const 0)) (i32.const 132))
(assert_trap (invoke "saa" (i32.const 0x400) (i32.const 6) (i32.const 0)) "unreachable")
(assert_trap (invoke "saa" (i32.const 0xfffc) (i32.const 1) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "ptr32" (i32.const 0x490)) (i32.const 10))
(assert_return (invoke "ptr32" (i32.const 0x49c)) (i32.const 2))
(assert_trap (invoke "ptr32" (i32.const 0x4a8)) "unreachable")
(assert_trap (invoke "ptr32" (i32.const 0xfffd)) "out of bounds memory access")
(assert_return (invoke "ptr8" (i32.const 0x480)) (i32.const 10))
(assert_return (invoke "ptr8" (i32.const 0x483)) (i32.const 2))
(assert_trap (invoke "ptr8" (i32.const 0x486)) "unreachable")
(assert_trap (invoke "ptr8" (i32.const 0x10000)) "out of bounds memory access")

;; A head that works out the next pc and then loads the operation at pc
;; (`next = pc + 1; switch (code[pc])`): the add, the load and the br_table
;; in one operation in the tail-call build (ADDI_ and ADDI_LA_ forms of the
;; loaded br_tables: the add's A in a cell or in the pinned local's
;; register, and so the load's), copied to each case's `br`. The programs
;; and the results are those of the module above.
(module
  (memory 1)
  (data (i32.const 0x400)
    "\01\00\00\00\05\00\00\00" "\02\00\00\00" "\01\00\00\00\01\00\00\00" "\00\00\00\00"
    "\09\00\00\00\00\00\00\00"
    "\01\00\00\00\03\00\00\00" "\03\00\00\00\08\00\00\00" "\00\00\00\00")
  (data (i32.const 0x480) "\01\01\02\01\02\00\09")
  (data (i32.const 0x490)
    "\01\00\00\00" "\01\00\00\00" "\02\00\00\00" "\01\00\00\00" "\02\00\00\00" "\00\00\00\00"
    "\09\00\00\00")
  ;; pc pinned: ADDI_LA_BR_TABLE_L32_SAI_LA
  (func (export "sai") (param $pc i32) (param $n i32) (result i32)
    (local $next i32) (local $acc i32)
    (loop $l
      (block $bad
        (block $jnz
          (block $dbl
            (block $add
              (block $halt
                (local.set $next (i32.add (local.get $pc) (i32.const 1)))
                (br_table $halt $add $dbl $jnz $bad
                  (i32.load (i32.add (i32.shl (local.get $pc) (i32.const 2))
                                     (i32.const 0x400)))))
              (return (local.get $acc)))
            (local.set $acc (i32.add (local.get $acc)
              (i32.load (i32.add (i32.shl (local.get $next) (i32.const 2)) (i32.const 0x400)))))
            (local.set $pc (i32.add (local.get $pc) (i32.const 2)))
            (br $l))
          (local.set $acc (i32.shl (local.get $acc) (i32.const 1)))
          (local.set $pc (local.get $next))
          (br $l))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $pc
          (if (result i32) (local.get $n)
            (then (i32.load (i32.add (i32.shl (local.get $next) (i32.const 2)) (i32.const 0x400))))
            (else (i32.add (local.get $pc) (i32.const 2)))))
        (br $l))
      (unreachable))
    (unreachable))
  ;; code in a local, pc in a cell (acc pinned): ADDI_BR_TABLE_L32_SAA
  (func (export "saa") (param $code i32) (param $pc i32) (param $n i32) (result i32)
    (local $next i32) (local $acc i32)
    (loop $l
      (block $bad
        (block $jnz
          (block $dbl
            (block $add
              (block $halt
                (local.set $next (i32.add (local.get $pc) (i32.const 1)))
                (br_table $halt $add $dbl $jnz $bad
                  (i32.load (i32.add (local.get $code)
                                     (i32.shl (local.get $pc) (i32.const 2))))))
              (return (i32.add (local.get $acc) (i32.mul (local.get $acc) (local.get $acc)))))
            (local.set $acc (i32.add (i32.add (local.get $acc) (local.get $acc))
              (i32.sub (i32.load (i32.add (local.get $code)
                                          (i32.shl (local.get $next) (i32.const 2))))
                       (local.get $acc))))
            (local.set $pc (i32.add (local.get $next) (i32.const 1)))
            (br $l))
          (local.set $acc (i32.add (local.get $acc) (local.get $acc)))
          (local.set $pc (local.get $next))
          (br $l))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $pc
          (if (result i32) (local.get $n)
            (then (i32.load (i32.add (local.get $code)
                                     (i32.shl (local.get $next) (i32.const 2)))))
            (else (i32.add (local.get $next) (i32.const 1)))))
        (br $l))
      (unreachable))
    (unreachable))
  ;; a pointer pc, pinned (each case steps it itself), and 1000 * acc +
  ;; next - pc: ADDI_LA_BR_TABLE_L32_LA, ADDI_LA_BR_TABLE_L8U_LA
  (func (export "ptr32") (param $pc i32) (result i32)
    (local $next i32) (local $acc i32)
    (loop $l
      (block $bad
        (block $dbl
          (block $inc
            (block $halt
              (local.set $next (i32.add (local.get $pc) (i32.const 4)))
              (br_table $halt $inc $dbl $bad (i32.load (local.get $pc))))
            (return (i32.add (i32.mul (local.get $acc) (i32.const 1000))
                             (i32.sub (local.get $next) (local.get $pc)))))
          (local.set $acc (i32.add (local.get $acc) (i32.const 1)))
          (local.set $pc (i32.add (local.get $pc) (i32.const 4)))
          (br $l))
        (local.set $acc (i32.shl (local.get $acc) (i32.const 1)))
        (local.set $pc (i32.add (local.get $pc) (i32.const 4)))
        (br $l))
      (unreachable))
    (unreachable))
  (func (export "ptr8") (param $pc i32) (result i32)
    (local $next i32) (local $acc i32)
    (loop $l
      (block $bad
        (block $dbl
          (block $inc
            (block $halt
              (local.set $next (i32.add (local.get $pc) (i32.const 1)))
              (br_table $halt $inc $dbl $bad (i32.load8_u (local.get $pc))))
            (return (i32.add (i32.mul (local.get $acc) (i32.const 1000))
                             (i32.sub (local.get $next) (local.get $pc)))))
          (local.set $acc (i32.add (local.get $acc) (i32.const 1)))
          (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
          (br $l))
        (local.set $acc (i32.shl (local.get $acc) (i32.const 1)))
        (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
        (br $l))
      (unreachable))
    (unreachable))
  ;; pc in a cell, the steps counted in the pinned local: ADDI_BR_TABLE_L8U,
  ;; and 100 * acc + steps
  (func (export "ptr8c") (param $pc i32) (result i32)
    (local $next i32) (local $acc i32) (local $steps i32)
    (loop $l
      (block $bad
        (block $dbl
          (block $inc
            (block $halt
              (local.set $next (i32.add (local.get $pc) (i32.const 1)))
              (br_table $halt $inc $dbl $bad (i32.load8_u (local.get $pc))))
            (return (i32.add (i32.mul (local.get $acc) (i32.const 100)) (local.get $steps))))
          (local.set $acc (i32.add (local.get $acc) (i32.const 1)))
          (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
          (local.set $steps (i32.and (local.get $steps) (i32.const 0xff)))
          (local.set $pc (local.get $next))
          (br $l))
        (local.set $acc (i32.shl (local.get $acc) (i32.const 1)))
        (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
        (local.set $steps (i32.and (local.get $steps) (i32.const 0xff)))
        (local.set $pc (local.get $next))
        (br $l))
      (unreachable))
    (unreachable))
  ;; the same with words indexed by pc from 0x490: ADDI_BR_TABLE_L32_SAI
  (func (export "saic") (param $pc i32) (result i32)
    (local $next i32) (local $acc i32) (local $steps i32)
    (loop $l
      (block $bad
        (block $dbl
          (block $inc
            (block $halt
              (local.set $next (i32.add (local.get $pc) (i32.const 1)))
              (br_table $halt $inc $dbl $bad
                (i32.load (i32.add (i32.shl (local.get $pc) (i32.const 2)) (i32.const 0x490)))))
            (return (i32.add (i32.mul (local.get $acc) (i32.const 100)) (local.get $steps))))
          (local.set $acc (i32.add (local.get $acc) (i32.const 1)))
          (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
          (local.set $steps (i32.and (local.get $steps) (i32.const 0xff)))
          (local.set $pc (local.get $next))
          (br $l))
        (local.set $acc (i32.shl (local.get $acc) (i32.const 1)))
        (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
        (local.set $steps (i32.and (local.get $steps) (i32.const 0xff)))
        (local.set $pc (local.get $next))
        (br $l))
      (unreachable))
    (unreachable))
)
(assert_return (invoke "sai" (i32.const 0) (i32.const 0)) (i32.const 11))
(assert_return (invoke "sai" (i32.const 8) (i32.const 1)) (i32.const 3))
(assert_return (invoke "sai" (i32.const 8) (i32.const 7)) (i32.const 21))
(assert_return (invoke "sai" (i32.const 0x40000000) (i32.const 0)) (i32.const 11))
(assert_trap (invoke "sai" (i32.const 6) (i32.const 0)) "unreachable")
(assert_trap (invoke "sai" (i32.const 0x3f00) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "saa" (i32.const 0x400) (i32.const 0) (i32.const 0)) (i32.const 132))
(assert_return (invoke "saa" (i32.const 0x400) (i32.const 8) (i32.const 4)) (i32.const 156))
(assert_return (invoke "saa" (i32.const 0x3f0) (i32.const 4) (i32.const 0)) (i32.const 132))
(assert_return (invoke "saa" (i32.const 0x500) (i32.const 0xffffffc0) (i32.const 0)) (i32.const 132))
(assert_trap (invoke "saa" (i32.const 0x400) (i32.const 6) (i32.const 0)) "unreachable")
(assert_trap (invoke "saa" (i32.const 0xfffc) (i32.const 1) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "ptr32" (i32.const 0x490)) (i32.const 10004))
(assert_return (invoke "ptr32" (i32.const 0x49c)) (i32.const 2004))
(assert_trap (invoke "ptr32" (i32.const 0x4a8)) "unreachable")
(assert_trap (invoke "ptr32" (i32.const 0xfffd)) "out of bounds memory access")
(assert_return (invoke "ptr8" (i32.const 0x480)) (i32.const 10001))
(assert_return (invoke "ptr8" (i32.const 0x483)) (i32.const 2001))
(assert_trap (invoke "ptr8" (i32.const 0x486)) "unreachable")
(assert_trap (invoke "ptr8" (i32.const 0x10000)) "out of bounds memory access")
(assert_return (invoke "ptr8c" (i32.const 0x480)) (i32.const 1005))
(assert_return (invoke "ptr8c" (i32.const 0x483)) (i32.const 202))
(assert_trap (invoke "ptr8c" (i32.const 0x486)) "unreachable")
(assert_trap (invoke "ptr8c" (i32.const 0x10000)) "out of bounds memory access")
(assert_return (invoke "saic" (i32.const 0)) (i32.const 1005))
(assert_return (invoke "saic" (i32.const 3)) (i32.const 202))
(assert_trap (invoke "saic" (i32.const 6)) "unreachable")
(assert_return (invoke "saic" (i32.const 0x40000000)) (i32.const 1005))
(assert_trap (invoke "saic" (i32.const 0x3ee0)) "out of bounds memory access")
