;; SPDX-License-Identifier: Apache-2.0
;; A WASI command: `_start` writes "hello\n" to stdout and exits with 7, or
;; with fd_write's errno if that fails (52, ENOSYS, under --deny fd
;; --deny-stub). `greet` writes the same and returns the errno, for --invoke.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello\n")

  ;; One iovec at 0 (buffer 16, length 6); the count written goes to 8.
  (func $hello (result i32)
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 6))
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))

  (func (export "greet") (result i32) (call $hello))

  (func (export "_start")
    (local $errno i32)
    (local.set $errno (call $hello))
    (call $proc_exit (select (local.get $errno) (i32.const 7) (local.get $errno)))))
