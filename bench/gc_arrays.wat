;; SPDX-License-Identifier: Apache-2.0
;; gc_arrays: bench/gc_arrays.c with Wasm GC arrays: n times an i32 array
;; of 16 to 1039 elements (array.new), half of the shorter of it and the
;; array before it copied in (array.copy), kept in a ring of 256 (an array
;; of references) whose oldest entry it replaces, left to the collector.
;; run(n) returns the C program's checksum for size n / 1000.
(module
  (type $ints (array (mut i32)))
  (type $ring (array (mut (ref null $ints))))

  (func $mix64 (param $h i64) (param $v i64) (result i64)
    (local.set $h (i64.mul (i64.xor (local.get $h) (local.get $v))
                           (i64.const 0x100000001b3)))
    (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 29))))

  (func (export "run") (param $n i32) (result i64)
    (local $ring (ref $ring)) (local $x i64) (local $h i64) (local $i i32) (local $len i32)
    (local $a (ref null $ints)) (local $prev (ref null $ints)) (local $prev_len i32)
    (local $copy i32) (local $k i32) (local $e (ref null $ints))
    (local.set $ring (array.new_default $ring (i32.const 256)))
    (local.set $x (i64.const 1))
    (local.set $h (i64.const 0xcbf29ce484222325))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $x (i64.add (i64.mul (local.get $x) (i64.const 6364136223846793005))
                               (i64.const 1442695040888963407)))
        (local.set $len (i32.add (i32.const 16)
                                 (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 54)))))
        (local.set $a (array.new $ints (local.get $i) (local.get $len)))
        (local.set $copy (i32.const 0))
        (if (i32.eqz (ref.is_null (local.get $prev)))
          (then
            (local.set $copy (i32.shr_u
              (select (local.get $prev_len) (local.get $len)
                      (i32.lt_u (local.get $prev_len) (local.get $len)))
              (i32.const 1)))
            (array.copy $ints $ints (local.get $a) (i32.const 0)
                                    (local.get $prev) (i32.const 0) (local.get $copy))))
        (local.set $h (call $mix64 (local.get $h)
          (i64.add (i64.add (i64.extend_i32_u
                              (array.get $ints (local.get $a)
                                               (i32.shr_u (local.get $len) (i32.const 2))))
                            (i64.extend_i32_u (local.get $prev_len)))
                   (i64.extend_i32_u (local.get $copy)))))
        (array.set $ring (local.get $ring) (i32.rem_u (local.get $i) (i32.const 256))
                   (local.get $a))
        (local.set $prev (local.get $a))
        (local.set $prev_len (local.get $len))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.set $k (i32.const 0))
    (loop $each
      (local.set $e (array.get $ring (local.get $ring) (local.get $k)))
      (if (i32.eqz (ref.is_null (local.get $e)))
        (then (local.set $h (call $mix64 (local.get $h) (i64.extend_i32_u
          (array.get $ints (local.get $e)
                           (i32.sub (array.len (local.get $e)) (i32.const 1))))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $each (i32.lt_u (local.get $k) (i32.const 256))))
    (local.get $h))
)
