;; SPDX-License-Identifier: Apache-2.0
;; A small example module for `ward run --invoke`: recursion, loops and
;; linear memory. Build it with `wat2wasm fib.wat -o fib.wasm`, then e.g.
;;   ward run --invoke fib fib.wasm 30      -> 832040
;;   ward run --invoke fac fib.wasm 20      -> 2432902008176640000
;;   ward run --invoke sieve fib.wasm 1000000 -> 78498
(module
  ;; One page to start; `sieve` grows it when it needs more.
  (memory (export "memory") 1)

  ;; fib(n): the n-th Fibonacci number, by plain double recursion (slow on
  ;; purpose: it measures calls).
  (func $fib (export "fib") (param $n i64) (result i64)
    (if (result i64) (i64.lt_s (local.get $n) (i64.const 2))
      (then (local.get $n))
      (else
        (i64.add
          (call $fib (i64.sub (local.get $n) (i64.const 1)))
          (call $fib (i64.sub (local.get $n) (i64.const 2)))))))

  ;; fac(n): n!, by a loop (wraps modulo 2^64 past 20!).
  (func $fac (export "fac") (param $n i64) (result i64)
    (local $acc i64)
    (local.set $acc (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i64.le_s (local.get $n) (i64.const 1)))
        (local.set $acc (i64.mul (local.get $acc) (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $next)))
    (local.get $acc))

  ;; sieve(n): how many primes are below n, by the sieve of Eratosthenes over
  ;; one byte per number in linear memory. Returns -1 if memory cannot grow.
  (func $sieve (export "sieve") (param $n i32) (result i32)
    (local $need i32) (local $i i32) (local $j i32) (local $count i32)
    (if (i32.lt_s (local.get $n) (i32.const 3))
      (then (return (i32.const 0))))
    ;; Pages needed for n bytes, rounded up; grow by the difference.
    (local.set $need
      (i32.sub
        (i32.shr_u (i32.add (local.get $n) (i32.const 65535)) (i32.const 16))
        (memory.size)))
    (if (i32.gt_s (local.get $need) (i32.const 0))
      (then
        (if (i32.eq (memory.grow (local.get $need)) (i32.const -1))
          (then (return (i32.const -1))))))
    ;; mem[i] = 1 means "i is composite"; start all clear.
    (memory.fill (i32.const 0) (i32.const 0) (local.get $n))
    (local.set $i (i32.const 2))
    (block $outer_done
      (loop $outer
        (br_if $outer_done
          (i32.gt_u (i32.mul (local.get $i) (local.get $i)) (local.get $n)))
        (if (i32.eqz (i32.load8_u (local.get $i)))
          (then
            (local.set $j (i32.mul (local.get $i) (local.get $i)))
            (block $inner_done
              (loop $inner
                (br_if $inner_done (i32.ge_u (local.get $j) (local.get $n)))
                (i32.store8 (local.get $j) (i32.const 1))
                (local.set $j (i32.add (local.get $j) (local.get $i)))
                (br $inner)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    ;; Count the numbers in [2, n) left unmarked.
    (local.set $i (i32.const 2))
    (block $count_done
      (loop $count_loop
        (br_if $count_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $count
          (i32.add (local.get $count) (i32.eqz (i32.load8_u (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $count_loop)))
    (local.get $count))

  ;; hypot(x, y): sqrt(x*x + y*y), to show float arguments and results.
  (func (export "hypot") (param $x f64) (param $y f64) (result f64)
    (f64.sqrt
      (f64.add
        (f64.mul (local.get $x) (local.get $x))
        (f64.mul (local.get $y) (local.get $y))))))
