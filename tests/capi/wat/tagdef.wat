;; capi_ext: what wasm.h has no names for: an exception tag, and a v128 in
;; a function's type.
(module
  (tag (export "t") (param i64))
  (func (export "splat") (param i32) (result v128) (i32x4.splat (local.get 0))))
