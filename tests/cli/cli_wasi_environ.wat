;; SPDX-License-Identifier: Apache-2.0
;; A WASI command printing what environ_get gives it, one string a line;
;; it exits with the errno of a call that fails (99 if there is too much).
(module
  (import "wasi_snapshot_preview1" "environ_sizes_get"
    (func $sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)

  ;; Exits with errno unless it is 0.
  (func $check (param $errno i32)
    (if (local.get $errno) (then (call $proc_exit (local.get $errno)))))

  ;; Layout: 0 count, 4 buffer size, 8 iovec, 16 bytes written,
  ;; 1024 up to 1024 pointers, 8192 the strings (up to 56 KiB).
  (func (export "_start")
    (local $size i32) (local $i i32)
    (call $check (call $sizes_get (i32.const 0) (i32.const 4)))
    (local.set $size (i32.load (i32.const 4)))
    (if (i32.or (i32.gt_u (i32.load (i32.const 0)) (i32.const 1024))
                (i32.gt_u (local.get $size) (i32.const 57344)))
      (then (call $proc_exit (i32.const 99))))
    (call $check (call $get (i32.const 1024) (i32.const 8192)))
    ;; The strings are NUL-terminated, one after another: each NUL becomes
    ;; a newline, and the whole buffer is written at once.
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $size)))
        (if (i32.eqz (i32.load8_u offset=8192 (local.get $i)))
          (then (i32.store8 offset=8192 (local.get $i) (i32.const 10))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.store (i32.const 8) (i32.const 8192))
    (i32.store (i32.const 12) (local.get $size))
    (call $check (call $fd_write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 16)))))
