;; capi_table: a funcref table that wasm code calls through and the host
;; reads, writes and grows.
(module
  (type $unop (func (param i32) (result i32)))
  (table (export "table") 3 6 funcref)
  (func $inc (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $neg (export "neg") (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
  (func (export "call") (param $i i32) (param $x i32) (result i32)
    (call_indirect (type $unop) (local.get $x) (local.get $i)))
  (func (export "size") (result i32) (table.size))
  (elem (i32.const 1) $inc $neg))
