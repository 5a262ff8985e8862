;; SPDX-License-Identifier: Apache-2.0
;; A module that needs SIMD (run_cli_tests.sh: -W simd).
(module
  (func (export "lane") (result i32)
    (i32x4.extract_lane 2 (v128.const i32x4 1 2 3 4))))
