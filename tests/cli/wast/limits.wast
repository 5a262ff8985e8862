;; Run only with limits (run_wast_tests.sh): `spin` never ends by itself.
(module
  (func (export "spin") (loop $l (br $l)))
  (func (export "one") (result i32) (i32.const 1)))
(assert_return (invoke "one") (i32.const 1))
(assert_return (invoke "spin")) ;; FAIL assert_return
(assert_return (invoke "one") (i32.const 1)) ;; FAIL assert_return
