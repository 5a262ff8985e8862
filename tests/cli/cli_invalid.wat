;; SPDX-License-Identifier: Apache-2.0
;; Well-formed but invalid (converted with wat2wasm --no-check): the body
;; leaves an i64 where an i32 result is declared.
(module
  (func (export "f") (result i32) (i64.const 0)))
