;; SPDX-License-Identifier: Apache-2.0
;; The guest of examples/embed: the module embed.c loads and drives. Turned
;; into a binary module (what ward_module_new reads) with wabt's wat2wasm;
;; --debug-names keeps the function names below for trap backtraces:
;;
;;   wat2wasm --debug-names guest.wat -o guest.wasm
(module $guest
  ;; What the host provides: log(ptr, len) prints the len bytes of this
  ;; module's memory at ptr.
  (import "host" "log" (func $log (param i32 i32)))

  ;; One 64 KiB page, exported so that the host can read and write it.
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from the guest")

  ;; Says hello through the host's log function.
  (func $greet (export "greet")
    (call $log (i32.const 16) (i32.const 20)))

  ;; Logs len bytes at ptr: with a range outside memory, the host's log
  ;; function refuses and traps.
  (func $log_at (export "log_at") (param $ptr i32) (param $len i32)
    (call $log (local.get $ptr) (local.get $len)))

  ;; Two results: the quotient and the remainder. Dividing by zero traps.
  (func $divide (param $a i32) (param $b i32) (result i32)
    (i32.div_u (local.get $a) (local.get $b)))
  (func $divmod (export "divmod") (param $a i32) (param $b i32) (result i32 i32)
    (call $divide (local.get $a) (local.get $b))
    (i32.rem_u (local.get $a) (local.get $b)))

  ;; Turns the ASCII letters of memory[ptr, ptr+len) to upper case in place;
  ;; returns how many it changed.
  (func $upcase (export "upcase") (param $ptr i32) (param $len i32) (result i32)
    (local $end i32) (local $c i32) (local $changed i32)
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $ptr)))
        (if (i32.and (i32.ge_u (local.get $c) (i32.const 97))   ;; 'a'
                     (i32.le_u (local.get $c) (i32.const 122))) ;; 'z'
          (then
            (i32.store8 (local.get $ptr) (i32.sub (local.get $c) (i32.const 32)))
            (local.set $changed (i32.add (local.get $changed) (i32.const 1)))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (br $next)))
    (local.get $changed))

  ;; Calls itself n times deep; returns n. Deep enough, it runs into the
  ;; engine's max_call_depth.
  (func $recurse (export "recurse") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (call $recurse (i32.sub (local.get $n) (i32.const 1)))
                     (i32.const 1)))))

  ;; memory.grow: the old size in pages, or -1 if the memory cannot grow
  ;; (beyond the engine's max_memory_pages).
  (func $grow (export "grow") (param $pages i32) (result i32)
    (memory.grow (local.get $pages)))

  ;; Never returns: only fuel or an interrupt stops it.
  (func $spin (export "spin")
    (loop $forever (br $forever))))
