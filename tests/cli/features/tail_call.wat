;; SPDX-License-Identifier: Apache-2.0
;; A module that needs tail calls (run_cli_tests.sh: -W tail-call).
(module
  (func $down (export "down") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 7))
      (else (return_call $down (i32.sub (local.get $n) (i32.const 1)))))))
