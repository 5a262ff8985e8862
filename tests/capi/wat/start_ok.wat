;; capi_start: a start function that runs to its end and sets a global.
(module
  (import "env" "started" (func $started))
  (global (export "ready") (mut i32) (i32.const 0))
  (func $start (call $started) (global.set 0 (i32.const 1)))
  (start $start))
