;; capi_reflect: one import and one export of every kind, with limits.
(module
  (import "env" "f" (func (param i32 externref) (result f64)))
  (import "env" "g" (global (mut i64)))
  (import "other" "t" (table 1 8 funcref))
  (import "other" "m" (memory 2))
  (func (export "func") (param f32 f64) (result i32 i64) (i32.const 0) (i64.const 0))
  (global (export "global") f32 (f32.const 1))
  (table (export "table") 3 externref)
  (memory (export "memory") 1 5))
