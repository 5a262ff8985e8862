;; SPDX-License-Identifier: Apache-2.0
;; Overlapping guest buffers must work as if the host read all inputs
;; first: two iovecs on the same bytes, an iovec array overwritten by the
;; data read into it, nread stored inside the data buffer, poll_oneoff with
;; events written over its subscriptions, args_get with the pointer array
;; inside the string buffer. Run with stdin = the 64 bytes
;; "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!?" and args "x".
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
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
    "fd_read, two iovecs on the same 4 bytes: errno\00"  ;; 0
    "  nread\00"                                        ;; 1
    "  the bytes hold the second chunk ('4567')\00"     ;; 2
    "fd_read into its own iovec array: errno\00"        ;; 3
    "  nread\00"                                        ;; 4
    "  data ('89abcdef' as a little-endian u64)\00"     ;; 5
    "fd_read with nread inside the buffer: errno\00"    ;; 6
    "  nread (stored after the data)\00"                ;; 7
    "  first data bytes ('ghij')\00"                    ;; 8
    "poll_oneoff with events over subscriptions: errno\00" ;; 9
    "  nevents\00"                                      ;; 10
    "  event userdata\00"                               ;; 11
    "  event error\00"                                  ;; 12
    "  event type\00"                                   ;; 13
    "args_get with argv inside argv_buf: errno\00"      ;; 14
    "fd_write, two iovecs on the same bytes: nwritten\00" ;; 15
  )
  (data (i32.const 0x1000) "XY\n")
  (func (export "_start")
    ;; 1. two iovecs on 0x3000..0x3003
    (i32.store (i32.const 0x2000) (i32.const 0x3000))
    (i32.store (i32.const 0x2004) (i32.const 4))
    (i32.store (i32.const 0x2008) (i32.const 0x3000))
    (i32.store (i32.const 0x200c) (i32.const 4))
    (call $check (i32.const 0)
      (i64.extend_i32_u (call $fd_read (i32.const 0) (i32.const 0x2000) (i32.const 2) (i32.const 0x50))) (i64.const 0))
    (call $check (i32.const 1) (i64.load32_u (i32.const 0x50)) (i64.const 8))
    (call $check (i32.const 2) (i64.load32_u (i32.const 0x3000)) (i64.const 0x37363534))
    ;; 2. the iovec at 0x2100 points at itself, 8 bytes
    (i32.store (i32.const 0x2100) (i32.const 0x2100))
    (i32.store (i32.const 0x2104) (i32.const 8))
    (call $check (i32.const 3)
      (i64.extend_i32_u (call $fd_read (i32.const 0) (i32.const 0x2100) (i32.const 1) (i32.const 0x50))) (i64.const 0))
    (call $check (i32.const 4) (i64.load32_u (i32.const 0x50)) (i64.const 8))
    (call $check (i32.const 5) (i64.load (i32.const 0x2100)) (i64.const 0x6665646362613938))
    ;; 3. nread out-pointer at 0x3104, inside the 8-byte buffer 0x3100
    (i32.store (i32.const 0x2200) (i32.const 0x3100))
    (i32.store (i32.const 0x2204) (i32.const 8))
    (call $check (i32.const 6)
      (i64.extend_i32_u (call $fd_read (i32.const 0) (i32.const 0x2200) (i32.const 1) (i32.const 0x3104))) (i64.const 0))
    (call $check (i32.const 7) (i64.load32_u (i32.const 0x3104)) (i64.const 8))
    (call $check (i32.const 8) (i64.load32_u (i32.const 0x3100)) (i64.const 0x6a696867))
    ;; 4. poll_oneoff: a 1 ms clock at 0x4000, events written to 0x4000 too
    (memory.fill (i32.const 0x4000) (i32.const 0) (i32.const 48))
    (i64.store (i32.const 0x4000) (i64.const 0x5555))
    (i32.store (i32.const 0x4010) (i32.const 1))
    (i64.store (i32.const 0x4018) (i64.const 1000000))
    (call $check (i32.const 9)
      (i64.extend_i32_u (call $poll_oneoff (i32.const 0x4000) (i32.const 0x4000) (i32.const 1) (i32.const 0x50))) (i64.const 0))
    (call $check (i32.const 10) (i64.load32_u (i32.const 0x50)) (i64.const 1))
    (call $check (i32.const 11) (i64.load (i32.const 0x4000)) (i64.const 0x5555))
    (call $check (i32.const 12) (i64.load16_u (i32.const 0x4008)) (i64.const 0))
    (call $check (i32.const 13) (i64.load8_u (i32.const 0x400a)) (i64.const 0))
    ;; 5. args_get: argv array at 0x5000, strings from 0x5004
    (call $check (i32.const 14)
      (i64.extend_i32_u (call $args_get (i32.const 0x5000) (i32.const 0x5004))) (i64.const 0))
    ;; 6. fd_write of "XY" twice from the same bytes
    (i32.store (i32.const 0x2300) (i32.const 0x1000))
    (i32.store (i32.const 0x2304) (i32.const 2))
    (i32.store (i32.const 0x2308) (i32.const 0x1000))
    (i32.store (i32.const 0x230c) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0x2300) (i32.const 2) (i32.const 0x50)))
    (call $check (i32.const 15) (i64.load32_u (i32.const 0x50)) (i64.const 5))
    (call $done))
)
