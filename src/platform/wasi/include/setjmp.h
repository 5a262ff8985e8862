// SPDX-License-Identifier: Apache-2.0
// setjmp.h for wasm32-wasi, whose wasi-libc (Debian's) has none. Built with
// clang `-mllvm -wasm-enable-sjlj`, which rewrites the calls of setjmp and
// longjmp into wasm exception handling around src/platform/wasi/wasi_sjlj.c:
// nothing defines setjmp or longjmp themselves. jmp_buf only has to hold
// that file's record (struct wd_jmp), with room to spare.
#ifndef WD_WASI_SETJMP_H
#define WD_WASI_SETJMP_H
#ifndef __wasm__
#error "src/platform/wasi/include/setjmp.h is for wasm targets only"
#endif

typedef struct {
  unsigned long long words[4];
} jmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);

#endif
