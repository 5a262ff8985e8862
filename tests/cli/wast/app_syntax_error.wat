;; `ward run` on a text module with a syntax error at line 4, column 6.
(module
  (func (export "add") (param i32 i32) (result i32)
    (i32.frobnicate (local.get 0) (local.get 1))))
