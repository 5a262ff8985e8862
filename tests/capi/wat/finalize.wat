;; capi_finalize: a small module instantiated many times.
(module
  (func (export "f") (result i32) (i32.const 1))
  (global (export "g") (mut i32) (i32.const 0)))
