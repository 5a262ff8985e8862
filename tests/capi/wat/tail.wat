;; capi_ext: a module that needs the tail-call feature.
(module
  (func $f (result i32) (i32.const 1))
  (func (export "g") (result i32) (return_call $f)))
