// SPDX-License-Identifier: Apache-2.0
// UTF-8 validation, following the well-formed byte sequence table of the
// Unicode standard (table 3-7).
#include "util/utf8.h"

static bool is_cont(uint8_t b) { return (b & 0xC0) == 0x80; }

bool wd_utf8_valid(const uint8_t *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint8_t b = s[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    size_t need;
    uint8_t lo = 0x80, hi = 0xBF; // allowed range of the second byte
    if (b >= 0xC2 && b <= 0xDF) {
      need = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2;
      if (b == 0xE0)
        lo = 0xA0; // overlong
      else if (b == 0xED)
        hi = 0x9F; // surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3;
      if (b == 0xF0)
        lo = 0x90; // overlong
      else if (b == 0xF4)
        hi = 0x8F; // above U+10FFFF
    } else {
      return false; // 0x80..0xC1 (continuation or overlong lead), 0xF5..0xFF
    }
    if (n - i - 1 < need)
      return false;
    if (s[i + 1] < lo || s[i + 1] > hi)
      return false;
    for (size_t k = 2; k <= need; k++)
      if (!is_cont(s[i + k]))
        return false;
    i += need + 1;
  }
  return true;
}
