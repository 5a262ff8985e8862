;; capi_start: a start function that traps two calls deep.
(module
  (import "env" "started" (func $started))
  (func $deeper (unreachable))
  (func $start (call $started) (call $deeper))
  (start $start))
