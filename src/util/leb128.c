// SPDX-License-Identifier: Apache-2.0
// Bounded LEB128 readers (see leb128.h); the byte-by-byte checks mirror the
// spec's reference interpreter so that the error messages match its tests.
#include "util/leb128.h"

wd_leb_status_t wd_leb_read_unsigned(const uint8_t *p, const uint8_t *end, unsigned bits,
                                     uint64_t *out, size_t *len) {
  size_t avail = (size_t)(end - p);
  uint64_t result = 0;
  unsigned shift = 0;
  size_t i = 0;
  for (;;) {
    if (shift >= bits) {
      *len = i;
      return WD_LEB_TOO_LONG;
    }
    if (i >= avail) {
      *len = i;
      return WD_LEB_END;
    }
    uint8_t b = p[i];
    unsigned left = bits - shift; // value bits this byte may still carry
    if (left < 7 && ((unsigned)(b & 0x7f) >> left) != 0) {
      *len = i;
      return WD_LEB_TOO_LARGE;
    }
    result |= (uint64_t)(b & 0x7f) << shift;
    i++;
    if ((b & 0x80) == 0)
      break;
    shift += 7;
  }
  *out = result;
  *len = i;
  return WD_LEB_OK;
}

wd_leb_status_t wd_leb_read_signed(const uint8_t *p, const uint8_t *end, unsigned bits,
                                   int64_t *out, size_t *len) {
  size_t avail = (size_t)(end - p);
  uint64_t result = 0;
  unsigned shift = 0;
  size_t i = 0;
  for (;;) {
    if (shift >= bits) {
      *len = i;
      return WD_LEB_TOO_LONG;
    }
    if (i >= avail) {
      *len = i;
      return WD_LEB_END;
    }
    uint8_t b = p[i];
    unsigned left = bits - shift;
    if (left < 7) {
      // The bits above the value's top bit (the sign) must all equal it.
      unsigned mask = (0x7fu << (left - 1)) & 0x7fu;
      unsigned got = b & mask;
      if (got != 0 && got != mask) {
        *len = i;
        return WD_LEB_TOO_LARGE;
      }
    }
    result |= (uint64_t)(b & 0x7f) << shift;
    i++;
    shift += 7;
    if ((b & 0x80) == 0) {
      if (shift < 64 && (b & 0x40) != 0)
        result |= ~(uint64_t)0 << shift;
      break;
    }
  }
  // Two's complement conversion without implementation-defined casts.
  *out = result <= (uint64_t)INT64_MAX ? (int64_t)result : -(int64_t)(~result) - 1;
  *len = i;
  return WD_LEB_OK;
}

const char *wd_leb_message(wd_leb_status_t st) {
  switch (st) {
  case WD_LEB_OK: return "";
  case WD_LEB_END: return "unexpected end of section or function";
  case WD_LEB_TOO_LONG: return "integer representation too long";
  case WD_LEB_TOO_LARGE: return "integer too large";
  }
  return "malformed integer";
}
