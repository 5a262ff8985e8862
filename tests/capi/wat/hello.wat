;; capi_hello: a host function without parameters, called twice.
(module
  (import "env" "hello" (func $hello))
  (func (export "run")
    (call $hello)
    (call $hello)))
