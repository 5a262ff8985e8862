;; SPDX-License-Identifier: Apache-2.0
;; An import the command does not provide: instantiation fails.
(module
  (import "env" "missing" (func $missing))
  (func (export "_start") (call $missing)))
