// SPDX-License-Identifier: Apache-2.0
// The `ward` command's values: parsing arguments and printing results of
// `--invoke`, in the forms wasmtime's command line uses.
#ifndef WD_CLI_VALS_H
#define WD_CLI_VALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ward.h"

// Parses `text` as a value of `kind` into *out (its kind set too).
// i32/i64: decimal or 0x-hex, with an optional sign; the signed and the
// unsigned range are both accepted (`4294967295` and `-1` are the same i32).
// f32/f64: decimal or hex floats, `nan`, `inf`, `-inf` (any case).
// v128: 0x-hex (up to 32 digits) or decimal, as one 128-bit integer.
// References (funcref, externref, exnref, anyref): only `null` or `ref.null`.
// Returns false if `text` is not entirely such a value.
bool wd_cli_parse_val(ward_valkind_t kind, const char *text, ward_val_t *out);

// Formats v into buf (NUL-terminated, truncated to size) the way it is
// printed as a result: integers in signed decimal; floats in the shortest
// decimal that reads back as the same value, without an exponent (`1.5`,
// `3`, `-0`, `NaN`, `inf`); v128 as 0x and 32 hex digits; references as
// `ref.null`, `<funcref>`, `<exnref>`, `ref.extern` (an externref wasm code
// made), and anyrefs as `ref.i31 N` (signed), `ref.struct`, `ref.array` or
// `ref.host 0x...`. 512 bytes always suffice.
void wd_cli_format_val(const ward_val_t *v, char *buf, size_t size);

// The shortest round-tripping decimal of a float, as above; f32 if
// `single` (then `x` must be a float value widened to double).
void wd_cli_format_float(double x, bool single, char *buf, size_t size);

#endif
