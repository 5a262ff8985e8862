;; A script that stops parsing at line 6, column 43 (a `)` too many): the
;; commands before it run (3 pass), and the parse error is reported and
;; counted as one failure; line 7 does not run.
(module (func (export "f") (result i32) (i32.const 7)))
(assert_return (invoke "f") (i32.const 7))
(assert_return (invoke "f") (i32.const 7)))
(assert_return (invoke "f") (i32.const 7))
