;; capi_ext: imports a tag, throws it, and exports it again.
(module
  (import "env" "t" (tag $t (param i64)))
  (export "same_t" (tag $t))
  (func (export "throw") (param i64) (throw $t (local.get 0))))
