;; `ward run` on a text module that parses but does not validate.
(module (func (export "_start") (result i32) (i64.const 0)))
