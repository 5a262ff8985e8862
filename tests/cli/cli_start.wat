;; SPDX-License-Identifier: Apache-2.0
;; A command module: `ward cli_start.wasm` calls `_start` and exits with 0.
(module
  (global $g (mut i32) (i32.const 0))
  (func (export "_start") (global.set $g (i32.const 1))))
