// SPDX-License-Identifier: Apache-2.0
// The SSE4.1 build of src/interp/simd.h, for test_simd.c: tests/CMakeLists.txt
// compiles this file with -msse4.1 on x86-64, and test_simd.c runs it only
// where the CPU has SSE4.1. Elsewhere the table is empty.
#if defined(__SSE4_1__)
#define SIMD_TABLE_FN simd_table_sse41
#include "simd_ops.h"
#else
#include "simd_ops.h"
simd_table simd_table_sse41(void) {
  simd_table t = {0, 0, "none"};
  return t;
}
#endif
