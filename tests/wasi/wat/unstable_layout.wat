;; SPDX-License-Identifier: Apache-2.0
;; wasi_unstable (snapshot 0) differs from preview1 in numbering and
;; layout; a runtime must convert. Checks, through raw wasi_unstable
;; imports: whence numbering (cur 0, end 1, set 2), the 56-byte filestat
;; (nlink u32 at 20, size at 24, times at 32/40/48; nothing written at 56+)
;; from fd_filestat_get and path_filestat_get. Run with --dir DIR (fd 3).
(module
  (import "wasi_unstable" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_unstable" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_unstable" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_unstable" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_filestat_get" (func $fd_filestat_get (param i32 i32) (result i32)))
  (import "wasi_unstable" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
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
    "path_open u.txt errno\00"            ;; 0
    "fd_write errno\00"                   ;; 1
    "fd_write count\00"                   ;; 2
    "fd_seek(3, whence 2 = SET) errno\00" ;; 3
    "fd_seek(3, whence 2 = SET) offset\00";; 4
    "fd_seek(2, whence 0 = CUR) errno\00" ;; 5
    "fd_seek(2, whence 0 = CUR) offset\00";; 6
    "fd_seek(-1, whence 1 = END) errno\00";; 7
    "fd_seek(-1, whence 1 = END) offset\00" ;; 8
    "fd_seek(whence 3) errno (want EINVAL)\00" ;; 9
    "fd_filestat_get errno\00"            ;; 10
    "filestat.filetype (u8 at 16)\00"     ;; 11
    "filestat.nlink (u32 at 20)\00"       ;; 12
    "filestat.size (u64 at 24)\00"        ;; 13
    "filestat.mtim (at 40) is after 2001\00" ;; 14
    "bytes 56..63 untouched (56-byte filestat)\00" ;; 15
    "path_filestat_get errno\00"          ;; 16
    "path_filestat_get size (u64 at 24)\00" ;; 17
    "path_filestat_get nlink (u32 at 20)\00" ;; 18
    "path_filestat_get bytes 56..63 untouched\00" ;; 19
    "filestat.ino (at 8) equals path_filestat_get's\00" ;; 20
  )
  (data (i32.const 0x1000) "u.txt")
  (data (i32.const 0x1010) "0123456789")
  (func (export "_start")
    (local $fd i32)
    ;; path_open(3, 0, "u.txt", creat|trunc, all rights, all, 0, &fd @0x20)
    (call $check (i32.const 0)
      (i64.extend_i32_u (call $path_open (i32.const 3) (i32.const 0) (i32.const 0x1000) (i32.const 5)
        (i32.const 9) (i64.const 0x200066) (i64.const 0) (i32.const 0) (i32.const 0x20)))
      ;; rights: fd_read, fd_seek, fd_tell, fd_write, fd_filestat_get
      (i64.const 0))
    (local.set $fd (i32.load (i32.const 0x20)))
    (i32.store (i32.const 0x30) (i32.const 0x1010))
    (i32.store (i32.const 0x34) (i32.const 10))
    (call $check (i32.const 1)
      (i64.extend_i32_u (call $fd_write (local.get $fd) (i32.const 0x30) (i32.const 1) (i32.const 0x38)))
      (i64.const 0))
    (call $check (i32.const 2) (i64.load32_u (i32.const 0x38)) (i64.const 10))
    (call $check (i32.const 3)
      (i64.extend_i32_u (call $fd_seek (local.get $fd) (i64.const 3) (i32.const 2) (i32.const 0x40)))
      (i64.const 0))
    (call $check (i32.const 4) (i64.load (i32.const 0x40)) (i64.const 3))
    (call $check (i32.const 5)
      (i64.extend_i32_u (call $fd_seek (local.get $fd) (i64.const 2) (i32.const 0) (i32.const 0x40)))
      (i64.const 0))
    (call $check (i32.const 6) (i64.load (i32.const 0x40)) (i64.const 5))
    (call $check (i32.const 7)
      (i64.extend_i32_u (call $fd_seek (local.get $fd) (i64.const -1) (i32.const 1) (i32.const 0x40)))
      (i64.const 0))
    (call $check (i32.const 8) (i64.load (i32.const 0x40)) (i64.const 9))
    (call $check (i32.const 9)
      (i64.extend_i32_u (call $fd_seek (local.get $fd) (i64.const 0) (i32.const 3) (i32.const 0x40)))
      (i64.const 28))
    ;; filestat into 0x2000, with 0xEE sentinels up to 0x2048.
    (memory.fill (i32.const 0x2000) (i32.const 0xEE) (i32.const 0x48))
    (call $check (i32.const 10)
      (i64.extend_i32_u (call $fd_filestat_get (local.get $fd) (i32.const 0x2000)))
      (i64.const 0))
    (call $check (i32.const 11) (i64.load8_u (i32.const 0x2010)) (i64.const 4))
    (call $check (i32.const 12) (i64.load32_u (i32.const 0x2014)) (i64.const 1))
    (call $check (i32.const 13) (i64.load (i32.const 0x2018)) (i64.const 10))
    (call $check (i32.const 14)
      (i64.extend_i32_u (i64.gt_u (i64.load (i32.const 0x2028)) (i64.const 1000000000000000000)))
      (i64.const 1))
    (call $check (i32.const 15) (i64.load (i32.const 0x2038)) (i64.const 0xEEEEEEEEEEEEEEEE))
    (memory.fill (i32.const 0x2100) (i32.const 0xEE) (i32.const 0x48))
    (call $check (i32.const 16)
      (i64.extend_i32_u (call $path_filestat_get (i32.const 3) (i32.const 0) (i32.const 0x1000) (i32.const 5)
        (i32.const 0x2100)))
      (i64.const 0))
    (call $check (i32.const 17) (i64.load (i32.const 0x2118)) (i64.const 10))
    (call $check (i32.const 18) (i64.load32_u (i32.const 0x2114)) (i64.const 1))
    (call $check (i32.const 19) (i64.load (i32.const 0x2138)) (i64.const 0xEEEEEEEEEEEEEEEE))
    (call $check (i32.const 20) (i64.load (i32.const 0x2108)) (i64.load (i32.const 0x2008)))
    (call $done))
)
