// SPDX-License-Identifier: Apache-2.0
// setjmp and longjmp for wasm32 programs that clang builds with
// `-mllvm -wasm-enable-sjlj` (Debian's wasi-libc has no runtime for them).
// The compiler turns each setjmp into a call of __wasm_setjmp(env, label,
// id), where id stands for the running invocation of the calling function
// and label for the place after that setjmp; longjmp becomes
// __wasm_longjmp(env, val), which throws the __c_longjmp exception with a
// pointer to {env, val}; the functions that called setjmp catch it and ask
// __wasm_setjmp_test(env, id) for the label to go on at (0: not theirs,
// throw it on). Built with clang-19 -mexception-handling.
#include <stdint.h>

// Called only from code that the compiler generates; declared for the
// warnings' sake.
void __wasm_setjmp(void *env, uint32_t label, void *id);
uint32_t __wasm_setjmp_test(void *env, void *id);
_Noreturn void __wasm_longjmp(void *env, int val);

struct wd_jmp {
  void *id;       // the invocation that called setjmp
  uint32_t label; // where it goes on
  struct {
    void *env;
    int val;
  } arg; // what longjmp throws
};

void __wasm_setjmp(void *env, uint32_t label, void *id) {
  struct wd_jmp *j = env;
  j->id = id;
  j->label = label;
}

uint32_t __wasm_setjmp_test(void *env, void *id) {
  struct wd_jmp *j = env;
  return j->id == id ? j->label : 0;
}

_Noreturn void __wasm_longjmp(void *env, int val) {
  struct wd_jmp *j = env;
  j->arg.env = env;
  j->arg.val = val ? val : 1;       // setjmp never returns 0 for a longjmp
  __builtin_wasm_throw(1, &j->arg); // tag 1: __c_longjmp
}
