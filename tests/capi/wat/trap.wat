;; capi_trap: traps raised by a host function and by wasm code.
(module
  (import "env" "fail" (func $fail (result i32)))
  (func $via (result i32) (call $fail))
  (func (export "host") (result i32) (call $via))
  (func (export "unreachable") (unreachable))
  (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0))))
