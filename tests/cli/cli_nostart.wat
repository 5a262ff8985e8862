;; SPDX-License-Identifier: Apache-2.0
;; No `_start`: running it without --invoke is an error.
(module
  (func (export "main") (result i32) (i32.const 7)))
