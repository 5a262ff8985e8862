;; SPDX-License-Identifier: Apache-2.0
;; A long run through many kinds of handlers (branches, calls, loads,
;; stores, arithmetic, a table branch): run under a small native stack by
;; tests/interp/run_stack.sh, it proves that dispatch does not grow the
;; native stack (handlers reached by tail calls must really be jumps).
(module
  (memory 1)
  (func $f (param i32) (result i32)
    block (result i32)
      block
        block
          block
            local.get 0 i32.const 3 i32.and
            br_table 0 1 2 2
          end
          local.get 0 i32.const 1 i32.add br 2
        end
        local.get 0 i32.const 2 i32.mul br 1
      end
      local.get 0 f64.convert_i32_u f64.const 0.5 f64.mul i32.trunc_f64_u
    end)
  (func (export "run") (param i32) (result i32)
    (local i32 i32)
    loop
      local.get 2 call $f local.get 1 i32.add local.set 2
      i32.const 64 local.get 2 i32.store
      i32.const 64 i32.load i32.const 7 i32.rotl local.set 2
      local.get 1 i32.const 1 i32.add local.tee 1
      local.get 0 i32.ne br_if 0
    end
    local.get 2))
