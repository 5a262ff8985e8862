;; capi_threads: each thread's instance reports its id and the sum 1..id.
(module
  (import "env" "report" (func $report (param i32 i32)))
  (global $id (import "env" "id") i32)
  (func (export "run")
    (local $i i32) (local $sum i32)
    (block $done
      (loop $l
        (br_if $done (i32.gt_u (local.get $i) (global.get $id)))
        (local.set $sum (i32.add (local.get $sum) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (call $report (global.get $id) (local.get $sum))))
