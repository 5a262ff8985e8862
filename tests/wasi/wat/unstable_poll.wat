;; SPDX-License-Identifier: Apache-2.0
;; wasi_unstable poll_oneoff reads 56-byte subscriptions whose clock part is
;; {identifier u64 @16, id u32 @24, timeout @32, precision @40, flags @48}.
;; Two clock subscriptions (5 s and 10 ms): exactly the second fires, with
;; its userdata. A runtime using preview1's 48-byte layout reads a bad clock
;; id (0x1234) or the wrong userdata.
(module
  (import "wasi_unstable" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_unstable" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_unstable" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_unstable" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
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
    "poll_oneoff errno\00"           ;; 0
    "nevents\00"                     ;; 1
    "event userdata (the 10 ms subscription)\00" ;; 2
    "event error\00"                 ;; 3
    "event type (clock)\00"          ;; 4
    "returned within 2 s (not the 5 s subscription)\00" ;; 5
    "waited at least 10 ms\00"       ;; 6
  )
  (func (export "_start")
    (local $t0 i64) (local $dt i64)
    (memory.fill (i32.const 0x1000) (i32.const 0) (i32.const 112))
    ;; subscription 0 at 0x1000: userdata 0xAAAA, clock, identifier 0x1234,
    ;; monotonic, 5 s.
    (i64.store (i32.const 0x1000) (i64.const 0xAAAA))
    (i32.store8 (i32.const 0x1008) (i32.const 0))
    (i64.store (i32.const 0x1010) (i64.const 0x1234))
    (i32.store (i32.const 0x1018) (i32.const 1))
    (i64.store (i32.const 0x1020) (i64.const 5000000000))
    ;; subscription 1 at 0x1038 (56 bytes on): userdata 0xBBBB, 10 ms.
    (i64.store (i32.const 0x1038) (i64.const 0xBBBB))
    (i32.store8 (i32.const 0x1040) (i32.const 0))
    (i64.store (i32.const 0x1048) (i64.const 0x1234))
    (i32.store (i32.const 0x1050) (i32.const 1))
    (i64.store (i32.const 0x1058) (i64.const 10000000))
    (drop (call $clock_time_get (i32.const 1) (i64.const 0) (i32.const 0x40)))
    (local.set $t0 (i64.load (i32.const 0x40)))
    (memory.fill (i32.const 0x1100) (i32.const 0xCC) (i32.const 64))
    (call $check (i32.const 0)
      (i64.extend_i32_u (call $poll_oneoff (i32.const 0x1000) (i32.const 0x1100) (i32.const 2) (i32.const 0x48)))
      (i64.const 0))
    (drop (call $clock_time_get (i32.const 1) (i64.const 0) (i32.const 0x40)))
    (local.set $dt (i64.sub (i64.load (i32.const 0x40)) (local.get $t0)))
    (call $check (i32.const 1) (i64.load32_u (i32.const 0x48)) (i64.const 1))
    (call $check (i32.const 2) (i64.load (i32.const 0x1100)) (i64.const 0xBBBB))
    (call $check (i32.const 3) (i64.load16_u (i32.const 0x1108)) (i64.const 0))
    (call $check (i32.const 4) (i64.load8_u (i32.const 0x110a)) (i64.const 0))
    (call $check (i32.const 5) (i64.extend_i32_u (i64.lt_u (local.get $dt) (i64.const 2000000000))) (i64.const 1))
    (call $check (i32.const 6) (i64.extend_i32_u (i64.ge_u (local.get $dt) (i64.const 10000000))) (i64.const 1))
    (call $done))
)
