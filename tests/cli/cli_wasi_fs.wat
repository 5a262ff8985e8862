;; SPDX-License-Identifier: Apache-2.0
;; A WASI module using preopened directories. `_start` prints the guest
;; name of each preopened directory (fds 3, 4, ... until one is not), one a
;; line. `cat` copies data.txt from the first preopen to stdout; `create`
;; creates new.txt there holding "new\n". Both return the errno of the call
;; that failed, or 0.
(module
  (import "wasi_snapshot_preview1" "fd_prestat_get"
    (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name"
    (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read"
    (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0 prestat, 8 iovec, 16 count, 20 opened fd, 32 names, 1024 buffer
  (data (i32.const 32) "data.txt")
  (data (i32.const 48) "new.txt")
  (data (i32.const 64) "new\n")

  ;; Writes len bytes at ptr to fd; returns the errno.
  (func $write (param $fd i32) (param $ptr i32) (param $len i32) (result i32)
    (i32.store (i32.const 8) (local.get $ptr))
    (i32.store (i32.const 12) (local.get $len))
    (call $fd_write (local.get $fd) (i32.const 8) (i32.const 1) (i32.const 16)))

  (func (export "_start")
    (local $fd i32) (local $len i32)
    (local.set $fd (i32.const 3))
    (block $done
      (loop $next
        (br_if $done (call $fd_prestat_get (local.get $fd) (i32.const 0)))
        (br_if $done (i32.load8_u (i32.const 0))) ;; not a directory
        (local.set $len (i32.load (i32.const 4)))
        (br_if $done (i32.gt_u (local.get $len) (i32.const 4096)))
        (br_if $done (call $fd_prestat_dir_name (local.get $fd) (i32.const 1024)
                                               (local.get $len)))
        (i32.store8 offset=1024 (local.get $len) (i32.const 10))
        (drop (call $write (i32.const 1) (i32.const 1024)
                           (i32.add (local.get $len) (i32.const 1))))
        (local.set $fd (i32.add (local.get $fd) (i32.const 1)))
        (br $next))))

  (func (export "cat") (result i32)
    (local $errno i32) (local $fd i32)
    ;; path_open(dir 3, follow symlinks, "data.txt", no oflags, fd_read)
    (local.set $errno (call $path_open (i32.const 3) (i32.const 1) (i32.const 32) (i32.const 8)
                                       (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0)
                                       (i32.const 20)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (local.set $fd (i32.load (i32.const 20)))
    (block $done
      (loop $next
        (i32.store (i32.const 8) (i32.const 1024))
        (i32.store (i32.const 12) (i32.const 4096))
        (local.set $errno (call $fd_read (local.get $fd) (i32.const 8) (i32.const 1)
                                         (i32.const 16)))
        (br_if $done (local.get $errno))
        (br_if $done (i32.eqz (i32.load (i32.const 16))))
        (local.set $errno (call $write (i32.const 1) (i32.const 1024)
                                       (i32.load (i32.const 16))))
        (br_if $done (local.get $errno))
        (br $next)))
    (drop (call $fd_close (local.get $fd)))
    (local.get $errno))

  (func (export "create") (result i32)
    (local $errno i32) (local $fd i32)
    ;; path_open(dir 3, "new.txt", creat|trunc, fd_write)
    (local.set $errno (call $path_open (i32.const 3) (i32.const 1) (i32.const 48) (i32.const 7)
                                       (i32.const 9) (i64.const 64) (i64.const 0) (i32.const 0)
                                       (i32.const 20)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (local.set $fd (i32.load (i32.const 20)))
    (local.set $errno (call $write (local.get $fd) (i32.const 64) (i32.const 4)))
    (drop (call $fd_close (local.get $fd)))
    (local.get $errno)))
