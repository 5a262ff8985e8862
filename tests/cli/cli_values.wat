;; SPDX-License-Identifier: Apache-2.0
;; `ward run --invoke` argument parsing and result printing for each type.
(module
  (func (export "add_i32") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "add_i64") (param i64 i64) (result i64)
    (i64.add (local.get 0) (local.get 1)))
  (func (export "mul_f32") (param f32 f32) (result f32)
    (f32.mul (local.get 0) (local.get 1)))
  (func (export "id_f32") (param f32) (result f32) (local.get 0))
  (func (export "div_f64") (param f64 f64) (result f64)
    (f64.div (local.get 0) (local.get 1)))
  (func (export "multi") (result i32 i64 f32 f64)
    (i32.const 1) (i64.const -2) (f32.const 3.5) (f64.const -0))
  (func (export "nop"))
  ;; v128: lanes reversed and added to the second argument
  (func (export "v128_op") (param v128 v128) (result v128)
    (i32x4.add (i8x16.shuffle 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0 (local.get 0) (local.get 0))
               (local.get 1)))
  (global (export "not_a_func") i32 (i32.const 0)))
