;; SPDX-License-Identifier: Apache-2.0
;; gc_trees: bench/alloc_trees.c with Wasm GC structs instead of malloc and
;; free: the same trees (one stretch tree of depth n + 1, one long-lived
;; tree of depth n, and 2^(n - d + 4) short-lived trees of each depth d =
;; 4, 6, ... n), built, walked and dropped to the collector. run(n) returns
;; the same checksum as the C program for size n.
(module
  (type $node (struct (field $left (ref null $node)) (field $right (ref null $node))
                      (field $value i32)))
  (global $sum (mut i64) (i64.const 0))

  (func $mix64 (param $h i64) (param $v i64) (result i64)
    (local.set $h (i64.mul (i64.xor (local.get $h) (local.get $v))
                           (i64.const 0x100000001b3)))
    (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 29))))

  (func $build (param $depth i32) (param $value i32) (result (ref $node))
    (if (result (ref $node)) (i32.eqz (local.get $depth))
      (then (struct.new $node (ref.null $node) (ref.null $node) (local.get $value)))
      (else
        (struct.new $node
          (call $build (i32.sub (local.get $depth) (i32.const 1))
                       (i32.shl (local.get $value) (i32.const 1)))
          (call $build (i32.sub (local.get $depth) (i32.const 1))
                       (i32.add (i32.shl (local.get $value) (i32.const 1)) (i32.const 1)))
          (local.get $value)))))

  ;; The node count; adds the values into $sum.
  (func $walk (param $n (ref $node)) (result i32)
    (local $l (ref null $node))
    (global.set $sum (i64.add (global.get $sum)
                              (i64.extend_i32_u (struct.get $node $value (local.get $n)))))
    (local.set $l (struct.get $node $left (local.get $n)))
    (if (result i32) (ref.is_null (local.get $l))
      (then (i32.const 1))
      (else
        (i32.add (i32.add (i32.const 1) (call $walk (ref.as_non_null (local.get $l))))
                 (call $walk (ref.as_non_null (struct.get $node $right (local.get $n))))))))

  (func (export "run") (param $n i32) (result i64)
    (local $h i64) (local $long (ref null $node)) (local $d i32) (local $i i32)
    (local $iters i32) (local $nodes i64)
    (if (i32.lt_u (local.get $n) (i32.const 6)) (then (local.set $n (i32.const 6))))
    (global.set $sum (i64.const 0))
    (local.set $h (i64.const 0xcbf29ce484222325))
    (local.set $h (call $mix64 (local.get $h) (i64.extend_i32_u
      (call $walk (call $build (i32.add (local.get $n) (i32.const 1)) (i32.const 1))))))
    (local.set $long (call $build (local.get $n) (i32.const 1)))
    (local.set $d (i32.const 4))
    (block $done
      (loop $depths
        (br_if $done (i32.gt_u (local.get $d) (local.get $n)))
        (local.set $iters (i32.shl (i32.const 1)
                                   (i32.add (i32.sub (local.get $n) (local.get $d)) (i32.const 4))))
        (local.set $nodes (i64.const 0))
        (local.set $i (i32.const 0))
        (loop $trees
          (local.set $nodes (i64.add (local.get $nodes) (i64.extend_i32_u
            (call $walk (call $build (local.get $d) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $trees (i32.lt_u (local.get $i) (local.get $iters))))
        (local.set $h (call $mix64 (local.get $h) (local.get $nodes)))
        (local.set $d (i32.add (local.get $d) (i32.const 2)))
        (br $depths)))
    (local.set $h (call $mix64 (local.get $h)
                               (i64.extend_i32_u (call $walk (ref.as_non_null (local.get $long))))))
    (call $mix64 (local.get $h) (global.get $sum)))
)
