;; capi_callback: host functions with and without an environment.
(module
  (import "env" "twice" (func $twice (param i64) (result i64)))
  (import "env" "next" (func $next (result i32)))
  (func (export "run") (param $x i64) (result i64)
    (i64.add (call $twice (local.get $x)) (i64.extend_i32_u (call $next)))))
