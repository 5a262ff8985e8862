;; capi_serialize: a module that imports and exports, serialized and read
;; back.
(module
  (import "env" "add" (func $add (param i32 i32) (result i32)))
  (global $g (mut i32) (i32.const 40))
  (func (export "run") (param i32) (result i32)
    (call $add (global.get $g) (local.get 0))))
