;; capi_global: imported and exported globals, constant and mutable, read
;; and written by wasm code and by the host.
(module
  (global $in_const (import "env" "const_i32") i32)
  (global $in_var (import "env" "var_f64") (mut f64))
  (global (export "const_i64") i64 (i64.const -5))
  (global $out_var (export "var_f32") (mut f32) (f32.const 2.5))
  (func (export "get_in_const") (result i32) (global.get $in_const))
  (func (export "get_in_var") (result f64) (global.get $in_var))
  (func (export "set_in_var") (param f64) (global.set $in_var (local.get 0)))
  (func (export "get_out_var") (result f32) (global.get $out_var))
  (func (export "set_out_var") (param f32) (global.set $out_var (local.get 0))))
