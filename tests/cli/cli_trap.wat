;; SPDX-License-Identifier: Apache-2.0
;; Traps: exit status 134, the message, and a backtrace with the names of
;; the name section (wat2wasm --debug-names), innermost first, each with
;; its instruction's byte offset (run_cli_tests.sh names them).
(module
  (func $inner (unreachable))
  (func $outer (export "outer") (call $inner))
  (func $div (export "div") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1))))
