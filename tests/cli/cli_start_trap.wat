;; SPDX-License-Identifier: Apache-2.0
;; A start function that traps while the module is instantiated.
(module
  (func $boom (unreachable))
  (start $boom)
  (func (export "_start")))
