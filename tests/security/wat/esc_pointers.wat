;; SPDX-License-Identifier: Apache-2.0
;; Guest pointers at the end of memory and around 4 GiB in path calls, from
;; inside the sandbox (fd 3): argv[1] picks one case. Each must fail with
;; EFAULT (21) or trap (the runner accepts 134 + "wasm trap"), and never act
;; on a clamped or wrapped path: the last bytes of memory hold
;; "../outside/secret.txt", so a runtime that clamps a crossing path to the
;; end of memory would try to leave the sandbox. Case 9 is the control: a
;; readlink whose buffer overlaps its own path works. The runner checks the
;; canary from the host.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_readlink" (func $path_readlink (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_symlink" (func $path_symlink (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_rename" (func $path_rename (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_link" (func $path_link (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory" (func $path_create_directory (param i32 i32 i32) (result i32)))
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
    "case number given (1-10)\00"                                  ;; 0
    "path_open: path crossing the end of memory\00"                ;; 1
    "path_open: path at 0xfffffffd (wraps 4 GiB)\00"               ;; 2
    "path_open: path length 0xffffffff\00"                         ;; 3
    "path_readlink: buffer crossing the end of memory\00"          ;; 4
    "path_symlink: target crossing the end of memory\00"           ;; 5
    "path_rename: new path at 0xfffffffe (wraps 4 GiB)\00"         ;; 6
    "path_link: new path crossing the end of memory\00"            ;; 7
    "path_create_directory: path crossing the end of memory\00"    ;; 8
    "path_readlink into its own path buffer (control): errno\00"   ;; 9
    "fd_read: buffer at 0xfffffff0 (wraps 4 GiB)\00"               ;; 10
    "  readlink length\00"                                         ;; 11
    "  readlink content starts with '../o'\00"                     ;; 12
  )
  (data (i32.const 65515) "../outside/secret.txt")
  (data (i32.const 0x1000) "up")
  (data (i32.const 0x1010) "mine")
  (data (i32.const 0x1020) "sl")
  (func (export "_start")
    (local $case i32) (local $e i32)
    (local.set $case (call $arg1))
    (local.set $e (i32.const -1))
    (block $sel
      (if (i32.eq (local.get $case) (i32.const 1))
        (then (local.set $e (call $path_open (i32.const 3) (i32.const 1) (i32.const 65515) (i32.const 40)
          (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 2))
        (then (local.set $e (call $path_open (i32.const 3) (i32.const 1) (i32.const 0xfffffffd) (i32.const 10)
          (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 3))
        (then (local.set $e (call $path_open (i32.const 3) (i32.const 1) (i32.const 0x1000) (i32.const 0xffffffff)
          (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 4))
        (then (local.set $e (call $path_readlink (i32.const 3) (i32.const 0x1000) (i32.const 2)
          (i32.const 65530) (i32.const 100) (i32.const 0x50))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 5))
        (then (local.set $e (call $path_symlink (i32.const 65515) (i32.const 40) (i32.const 3)
          (i32.const 0x1020) (i32.const 2))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 6))
        (then (local.set $e (call $path_rename (i32.const 3) (i32.const 0x1010) (i32.const 4) (i32.const 3)
          (i32.const 0xfffffffe) (i32.const 4))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 7))
        (then (local.set $e (call $path_link (i32.const 3) (i32.const 0) (i32.const 0x1010) (i32.const 4) (i32.const 3)
          (i32.const 65515) (i32.const 40))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 8))
        (then (local.set $e (call $path_create_directory (i32.const 3) (i32.const 65515) (i32.const 30))) (br $sel)))
      (if (i32.eq (local.get $case) (i32.const 9))
        (then
          (call $check (i32.const 9)
            (i64.extend_i32_u (call $path_readlink (i32.const 3) (i32.const 0x1000) (i32.const 2)
              (i32.const 0x1000) (i32.const 64) (i32.const 0x50)))
            (i64.const 0))
          (call $check (i32.const 11) (i64.load32_u (i32.const 0x50)) (i64.const 10))
          (call $check (i32.const 12) (i64.load32_u (i32.const 0x1000)) (i64.const 0x6f2f2e2e))
          (call $done)
          (return)))
      (if (i32.eq (local.get $case) (i32.const 10))
        (then
          (i32.store (i32.const 0x60) (i32.const 0xfffffff0))
          (i32.store (i32.const 0x64) (i32.const 0x20))
          (local.set $e (call $fd_read (i32.const 0) (i32.const 0x60) (i32.const 1) (i32.const 0x50))) (br $sel)))
      (call $check (i32.const 0) (i64.extend_i32_u (local.get $case)) (i64.const 1))
      (call $done)
      (return))
    (call $check (local.get $case) (i64.extend_i32_u (local.get $e)) (i64.const 21))
    (call $done))
)
