// SPDX-License-Identifier: Apache-2.0
// UTF-8 validation for names ("malformed UTF-8 encoding" in the spec tests).
#ifndef WD_UTIL_UTF8_H
#define WD_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// True when s[0..n) is well-formed UTF-8 (RFC 3629): no overlong forms, no
// surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequence.
// U+0000 is allowed (names may contain NUL).
bool wd_utf8_valid(const uint8_t *s, size_t n);

#endif
