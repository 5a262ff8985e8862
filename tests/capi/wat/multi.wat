;; capi_multi: several parameters and results of mixed types, through a
;; host function and back.
(module
  (import "env" "rotate" (func $rotate (param i32 i64 f32 f64) (result i64 f32 f64 i32)))
  (func (export "twice") (param i32 i64 f32 f64) (result i32 i64 f32 f64)
    (local $a i64) (local $b f32) (local $c f64) (local $d i32)
    (call $rotate (local.get 0) (local.get 1) (local.get 2) (local.get 3))
    (local.set $d) (local.set $c) (local.set $b) (local.set $a)
    ;; rotate the rotation back, each value doubled
    (i32.mul (local.get $d) (i32.const 2))
    (i64.mul (local.get $a) (i64.const 2))
    (f32.mul (local.get $b) (f32.const 2))
    (f64.mul (local.get $c) (f64.const 2)))
  (func (export "three") (result i32 i32 i32)
    (i32.const 1) (i32.const 2) (i32.const 3)))
