// SPDX-License-Identifier: Apache-2.0
// The `spectest` host module that the WebAssembly spec tests import (used by
// `ward wast`).
#ifndef WD_CLI_SPECTEST_H
#define WD_CLI_SPECTEST_H

#include <stdbool.h>
#include <stddef.h>

#include <ward.h>

// Creates the spectest functions, globals, table and memory in `store` and
// defines them under the module name "spectest" in `linker`:
//   print, print_i32, print_i64, print_f32, print_f64, print_i32_f32,
//   print_f64_f64 (functions with no results; they print their arguments to
//   stdout only if `verbose`), global_i32 = 666, global_i64 = 666,
//   global_f32 = 666.6f, global_f64 = 666.6 (all immutable), table (funcref,
//   10..20) and memory (1..2 pages).
// Returns true, or false with a message in msg[msgsize].
bool wd_cli_spectest_define(ward_linker_t *linker, ward_store_t *store, bool verbose, char *msg,
                            size_t msgsize);

#endif
