;; `ward run` on a text module (run_wast_tests.sh).
(module
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "_start")))
