;; `ward wast` and `(either ...)` results (relaxed SIMD): a result passes if
;; it matches any alternative. Lines marked FAIL must be reported.

(module
  (func (export "one") (result i32) (i32.const 1))
  (func (export "v128-id") (param v128) (result v128) (local.get 0)))

(assert_return (invoke "one") (either (i32.const 0) (i32.const 1)))
(assert_return (invoke "one") (either (i32.const 1)))
(assert_return (invoke "v128-id" (v128.const i32x4 1 2 3 4))
  (either (v128.const i32x4 0 0 0 0) (v128.const i64x2 0x0000000200000001 0x0000000400000003)))
(assert_return (invoke "v128-id" (v128.const f32x4 nan 0 0 0))
  (either (v128.const f32x4 1 0 0 0) (v128.const f32x4 nan:canonical 0 0 0)))
(assert_return (invoke "one") (either (i32.const 2) (i32.const 3))) ;; FAIL assert_return
(assert_return (invoke "v128-id" (v128.const f32x4 nan:0x1 0 0 0)) ;; FAIL assert_return
  (either (v128.const f32x4 nan:canonical 0 0 0) (v128.const f32x4 nan:arithmetic 0 0 0)))
