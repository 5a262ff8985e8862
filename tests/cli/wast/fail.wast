;; `ward wast` on a script with deliberately wrong expectations: each line
;; marked FAIL must be reported as `fail.wast:LINE: KIND: ...`, the others
;; pass (run_wast_tests.sh checks the lines, the counts and the status).

(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "f32-id") (param f32) (result f32) (local.get 0))
  (func (export "v128-id") (param v128) (result v128) (local.get 0))
  (func (export "two") (result i32 i64) (i32.const 1) (i64.const 2))
  (func (export "ok")))

(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4)) ;; FAIL assert_return
(assert_return (invoke "f32-id" (f32.const nan:0x200000)) (f32.const nan:canonical)) ;; FAIL assert_return
(assert_return (invoke "f32-id" (f32.const 1)) (f32.const -1)) ;; FAIL assert_return
(assert_return (invoke "v128-id" (v128.const f32x4 nan 1 1 nan)) (v128.const f32x4 nan:canonical 1 nan:canonical nan:canonical)) ;; FAIL assert_return
(assert_return (invoke "v128-id" (v128.const f32x4 nan 1 -0 nan)) (v128.const f32x4 nan:canonical 1 -0 nan:arithmetic))
(assert_return (invoke "v128-id" (v128.const i16x8 0 1 2 3 4 5 6 7)) (v128.const i16x8 0 1 2 3 4 5 6 8)) ;; FAIL assert_return
(assert_return (invoke "two") (i32.const 1)) ;; FAIL assert_return
(assert_return (invoke "nothere")) ;; FAIL assert_return
(assert_trap (invoke "ok") "unreachable") ;; FAIL assert_trap
(assert_exhaustion (invoke "ok") "call stack exhausted") ;; FAIL assert_exhaustion
(assert_trap (module (func)) "unreachable") ;; FAIL assert_trap
(assert_trap (module (func $f (i32.const 1) (i32.const 0) (i32.div_u) (drop)) (start $f)) "integer overflow") ;; FAIL assert_trap
(assert_invalid (module (func (result i32) (i32.const 0))) "type mismatch") ;; FAIL assert_invalid
(assert_malformed (module binary "\00asm" "\01\00\00\00") "unexpected end") ;; FAIL assert_malformed
(assert_unlinkable (module (import "spectest" "print_i32" (func (param i32)))) "unknown import") ;; FAIL assert_unlinkable
(assert_unlinkable (module (import "spectest" "print_i32" (func (param i64)))) "unknown import") ;; FAIL assert_unlinkable
(module (import "spectest" "nothere" (func))) ;; FAIL module
(invoke "ok") ;; FAIL invoke
(module (func (export "f32-id") (param f32) (result f32) (local.get 0))
        (func (export "v128-id") (param v128) (result v128) (local.get 0)))
(assert_return (invoke "f32-id" (f32.const nan:0x400001)) (f32.const nan:arithmetic))
(assert_return (invoke "f32-id" (f32.const nan:0x400001)) (f32.const nan:canonical)) ;; FAIL assert_return
(assert_return (invoke "v128-id" (v128.const f64x2 1 nan:0x8000000000001)) (v128.const f64x2 1 nan:canonical)) ;; FAIL assert_return
(module (func (export "div") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1))))
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer overflow") ;; FAIL assert_trap
(assert_malformed (module quote "(func (i32.frob))") "unknown operator")
(assert_malformed (module quote "(func (i32.frob))") "unexpected token") ;; FAIL assert_malformed
(assert_malformed (module quote "(func (i32.const 0) (drop))") "unknown operator") ;; FAIL assert_malformed
