// SPDX-License-Identifier: Apache-2.0
// The portable (plain C) build of src/interp/simd.h, for test_simd.c.
#undef WD_SIMD_PORTABLE
#define WD_SIMD_PORTABLE 1
#define SIMD_TABLE_FN simd_table_portable
#include "simd_ops.h"
