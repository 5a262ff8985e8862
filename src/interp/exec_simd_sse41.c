// SPDX-License-Identifier: Apache-2.0
// exec_simd.c built a second time, with SSSE3 and SSE4.1 (CMake adds
// -mssse3 -msse4.1 to this file alone on x86 when the compiler takes them
// and defines WD_SIMD_SSE41_TABLE): the table wd_simd_select takes on a CPU
// that has both. Elsewhere this unit is empty.
#if defined(WD_SIMD_SSE41_TABLE) && WD_SIMD_SSE41_TABLE
#if !defined(__SSSE3__) || !defined(__SSE4_1__)
#error "exec_simd_sse41.c must be compiled with -mssse3 -msse4.1"
#endif
#define WD_SIMD_VARIANT 1
#define WD_SIMD_TABLE wd_simd_fns_sse41
#include "interp/exec_simd.c"
#else
typedef int wd_exec_simd_sse41_empty; // ISO C wants a declaration in every unit
#endif
