;; SPDX-License-Identifier: Apache-2.0
;; Guest pointers the host must not follow: argv[1] picks one case; each
;; passes an out-of-bounds pointer or length (past the 64 KiB memory, or
;; wrapping around 4 GiB) and must get EFAULT (21). A trap is acceptable
;; too (the runner accepts status 134 with "wasm trap"); reading or writing
;; host memory, or a crash, is not. Memory is exactly one page, so 65536 is
;; the first invalid address. Run with --dir DIR (fd 3) and stdin from a
;; file.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_get" (func $fd_filestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory" (func $path_create_directory (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_pwrite" (func $fd_pwrite (param i32 i32 i32 i64 i32) (result i32)))
  (memory (export "memory") 1 1)
  ;; --- check helpers (same in every tests/*/wat module) -------------------
  ;; Memory map: 0x0000-0x00ff scratch (iovecs, out values), 0x0100-0x01ff
  ;; number formatting, 0x8000- the check names (NUL-separated, check i is
  ;; the i-th string), the rest free for the test.
  (global $checks (mut i32) (i32.const 0))
  (global $fails (mut i32) (i32.const 0))
  (data (i32.const 0x0200) "FAIL: ")
  (data (i32.const 0x0210) " (got ")
  (data (i32.const 0x0220) ", want ")
  (data (i32.const 0x0230) ")\n")
  (data (i32.const 0x0240) "ok: ")
  (data (i32.const 0x0250) " checks\n")
  (data (i32.const 0x0260) "FAIL: checks failed: ")
  (data (i32.const 0x0280) "\n")

  (func $print (param $p i32) (param $n i32)
    (i32.store (i32.const 0x00) (local.get $p))
    (i32.store (i32.const 0x04) (local.get $n))
    (drop (call $fd_write (i32.const 1) (i32.const 0x00) (i32.const 1) (i32.const 0x08))))

  (func $strlen (param $p i32) (result i32)
    (local $q i32)
    (local.set $q (local.get $p))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (i32.load8_u (local.get $q))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $l)))
    (i32.sub (local.get $q) (local.get $p)))

  ;; Prints v in decimal.
  (func $print_u64 (param $v i64)
    (local $p i32)
    (local.set $p (i32.const 0x01ff))
    (loop $l
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i64.store8 (local.get $p) (i64.add (i64.const 48) (i64.rem_u (local.get $v) (i64.const 10))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $l (i64.ne (local.get $v) (i64.const 0))))
    (call $print (local.get $p) (i32.sub (i32.const 0x01ff) (local.get $p))))

  ;; The name of check $id: the $id-th NUL-terminated string from 0x8000.
  (func $name (param $id i32) (result i32)
    (local $p i32)
    (local.set $p (i32.const 0x8000))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $id)))
        (local.set $p (i32.add (i32.add (local.get $p) (call $strlen (local.get $p))) (i32.const 1)))
        (local.set $id (i32.sub (local.get $id) (i32.const 1)))
        (br $l)))
    (local.get $p))

  ;; Check $id holds when got == want; otherwise prints
  ;; "FAIL: <name> (got G, want W)".
  (func $check (param $id i32) (param $got i64) (param $want i64)
    (local $n i32)
    (global.set $checks (i32.add (global.get $checks) (i32.const 1)))
    (if (i64.ne (local.get $got) (local.get $want))
      (then
        (global.set $fails (i32.add (global.get $fails) (i32.const 1)))
        (local.set $n (call $name (local.get $id)))
        (call $print (i32.const 0x0200) (i32.const 6))
        (call $print (local.get $n) (call $strlen (local.get $n)))
        (call $print (i32.const 0x0210) (i32.const 6))
        (call $print_u64 (local.get $got))
        (call $print (i32.const 0x0220) (i32.const 7))
        (call $print_u64 (local.get $want))
        (call $print (i32.const 0x0230) (i32.const 2)))))

  ;; Prints "ok: N checks" and returns, or exits 1 if a check failed.
  (func $done
    (if (i32.eqz (global.get $checks)) (then (call $proc_exit (i32.const 1))))
    (if (global.get $fails)
      (then
        (call $print (i32.const 0x0260) (i32.const 21))
        (call $print_u64 (i64.extend_i32_u (global.get $fails)))
        (call $print (i32.const 0x0280) (i32.const 1))
        (call $proc_exit (i32.const 1))))
    (call $print (i32.const 0x0240) (i32.const 4))
    (call $print_u64 (i64.extend_i32_u (global.get $checks)))
    (call $print (i32.const 0x0250) (i32.const 8)))

  ;; argv[1] as a decimal number (0 if absent); uses 0x0300-0x03ff.
  (func $arg1 (result i32)
    (local $p i32) (local $v i32) (local $c i32)
    (drop (call $args_sizes_get (i32.const 0x10) (i32.const 0x14)))
    (if (i32.lt_u (i32.load (i32.const 0x10)) (i32.const 2)) (then (return (i32.const 0))))
    (if (i32.gt_u (i32.load (i32.const 0x14)) (i32.const 0xc0)) (then (return (i32.const 0))))
    (drop (call $args_get (i32.const 0x0300) (i32.const 0x0340)))
    (local.set $p (i32.load (i32.const 0x0304)))
    (block $done
      (loop $l
        (local.set $c (i32.load8_u (local.get $p)))
        (br_if $done (i32.lt_u (local.get $c) (i32.const 48)))
        (br_if $done (i32.gt_u (local.get $c) (i32.const 57)))
        (local.set $v (i32.add (i32.mul (local.get $v) (i32.const 10)) (i32.sub (local.get $c) (i32.const 48))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $l)))
    (local.get $v))
  ;; --- end of check helpers -----------------------------------------------
  (data (i32.const 0x8000)
    "case number given (1-22)\00"                          ;; 0
    "fd_write: iovec array crossing the end of memory\00"  ;; 1
    "fd_write: iovec buffer crossing the end of memory\00" ;; 2
    "fd_write: iovec count 0x20000000 (array size wraps 32 bits)\00" ;; 3
    "fd_write: iovec array at 0xfffffff8 (wraps 4 GiB)\00" ;; 4
    "fd_write: buffer at 0xffffffff, len 2 (wraps 4 GiB)\00" ;; 5
    "fd_write: buffer len 0xffffffff\00"                   ;; 6
    "fd_write: nwritten out-pointer at 65535\00"           ;; 7
    "fd_read: buffer crossing the end of memory\00"        ;; 8
    "args_sizes_get: out-pointer at 65535\00"              ;; 9
    "args_get: argv array at 65534\00"                     ;; 10
    "clock_time_get: out-pointer at 65532\00"              ;; 11
    "random_get: buffer crossing the end of memory\00"     ;; 12
    "path_open: path crossing the end of memory\00"        ;; 13
    "poll_oneoff: subscriptions crossing the end of memory\00" ;; 14
    "poll_oneoff: events crossing the end of memory\00"    ;; 15
    "fd_readdir: buffer crossing the end of memory\00"     ;; 16
    "fd_prestat_dir_name: buffer crossing the end of memory\00" ;; 17
    "environ_get: environ array at 0xfffffffc\00"          ;; 18
    "fd_filestat_get: out-pointer crossing the end of memory\00" ;; 19
    "path_filestat_get: out-pointer crossing the end of memory\00" ;; 20
    "path_create_directory: path at 0xfffffff0, len 0x20 (wraps 4 GiB)\00" ;; 21
    "fd_pwrite: iovec array crossing the end of memory\00" ;; 22
  )
  ;; "LEAKED" at the very end of memory: if a runtime writes a partial buffer
  ;; that crosses the end, these bytes show up in stdout.
  (data (i32.const 65530) "LEAKED")
  (data (i32.const 0x1000) "subdir")
  (func (export "_start")
    (local $case i32) (local $e i32)
    (local.set $case (call $arg1))
    ;; a valid iovec at 0x40: {0x1000, 6}
    (i32.store (i32.const 0x40) (i32.const 0x1000))
    (i32.store (i32.const 0x44) (i32.const 6))
    (local.set $e (i32.const -1))
    (block $sel
      (if (i32.eq (local.get $case) (i32.const 1))
        (then (local.set $e (call $fd_write (i32.const 1) (i32.const 65532) (i32.const 1) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 2))
        (then
          (i32.store (i32.const 0x60) (i32.const 65530))
          (i32.store (i32.const 0x64) (i32.const 10))
          (local.set $e (call $fd_write (i32.const 1) (i32.const 0x60) (i32.const 1) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 3))
        (then (local.set $e (call $fd_write (i32.const 1) (i32.const 0x40) (i32.const 0x20000000) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 4))
        (then (local.set $e (call $fd_write (i32.const 1) (i32.const 0xfffffff8) (i32.const 2) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 5))
        (then
          (i32.store (i32.const 0x60) (i32.const 0xffffffff))
          (i32.store (i32.const 0x64) (i32.const 2))
          (local.set $e (call $fd_write (i32.const 1) (i32.const 0x60) (i32.const 1) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 6))
        (then
          (i32.store (i32.const 0x60) (i32.const 0x1000))
          (i32.store (i32.const 0x64) (i32.const 0xffffffff))
          (local.set $e (call $fd_write (i32.const 1) (i32.const 0x60) (i32.const 1) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 7))
        (then (local.set $e (call $fd_write (i32.const 1) (i32.const 0x40) (i32.const 1) (i32.const 65535))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 8))
        (then
          (i32.store (i32.const 0x60) (i32.const 65534))
          (i32.store (i32.const 0x64) (i32.const 100))
          (local.set $e (call $fd_read (i32.const 0) (i32.const 0x60) (i32.const 1) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 9))
        (then (local.set $e (call $args_sizes_get (i32.const 65535) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 10))
        (then (local.set $e (call $args_get (i32.const 65534) (i32.const 0x2000))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 11))
        (then (local.set $e (call $clock_time_get (i32.const 1) (i64.const 0) (i32.const 65532))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 12))
        (then (local.set $e (call $random_get (i32.const 65500) (i32.const 100))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 13))
        (then (local.set $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 65530) (i32.const 10)
          (i32.const 0) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 14))
        (then (local.set $e (call $poll_oneoff (i32.const 65500) (i32.const 0x2000) (i32.const 1) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 15))
        (then
          ;; one valid 1 ms clock subscription at 0x2000
          (memory.fill (i32.const 0x2000) (i32.const 0) (i32.const 48))
          (i32.store (i32.const 0x2010) (i32.const 1))
          (i64.store (i32.const 0x2018) (i64.const 1000000))
          (local.set $e (call $poll_oneoff (i32.const 0x2000) (i32.const 65520) (i32.const 1) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 16))
        (then (local.set $e (call $fd_readdir (i32.const 3) (i32.const 65500) (i32.const 1000) (i64.const 0) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 17))
        (then (local.set $e (call $fd_prestat_dir_name (i32.const 3) (i32.const 65535) (i32.const 100))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 18))
        (then (local.set $e (call $environ_get (i32.const 0xfffffffc) (i32.const 0x2000))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 19))
        (then (local.set $e (call $fd_filestat_get (i32.const 3) (i32.const 65500))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 20))
        (then
          (i32.store8 (i32.const 0x1100) (i32.const 46)) ;; "."
          (local.set $e (call $path_filestat_get (i32.const 3) (i32.const 0) (i32.const 0x1100) (i32.const 1) (i32.const 65500))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 21))
        (then (local.set $e (call $path_create_directory (i32.const 3) (i32.const 0xfffffff0) (i32.const 0x20))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 22))
        (then (local.set $e (call $fd_pwrite (i32.const 1) (i32.const 65532) (i32.const 1) (i64.const 0) (i32.const 0x50))) (br $sel)))
      (call $check (i32.const 0) (i64.extend_i32_u (local.get $case)) (i64.const 1))
      (call $done)
      (return))
    (call $check (local.get $case) (i64.extend_i32_u (local.get $e)) (i64.const 21))
    (call $done))
)
