;; capi_memory: an exported memory that wasm code and the host read, write
;; and grow.
(module
  (memory (export "mem") 1 4)
  (data (i32.const 100) "ward")
  (func (export "pages") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1))))
