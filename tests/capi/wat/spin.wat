;; capi_limits: a loop of n rounds, and a memory that grows.
(module
  (memory (export "mem") 1 8)
  (func (export "spin") (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
