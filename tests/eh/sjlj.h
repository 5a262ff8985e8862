// SPDX-License-Identifier: Apache-2.0
// setjmp.h for the test programs: the C library's natively; for wasm32,
// whose wasi-libc has none, a jmp_buf large enough for sjlj_rt.c's record.
#ifndef WD_TEST_SJLJ_H
#define WD_TEST_SJLJ_H
#ifdef __wasm__
typedef struct {
  unsigned long long words[4];
} jmp_buf[1];
int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);
#else
#include <setjmp.h>
#endif
#endif
