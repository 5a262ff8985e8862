// SPDX-License-Identifier: Apache-2.0
// Bounded LEB128 readers that never read past `end` and tell the spec's three
// malformed cases apart: too many bytes, unused bits set, and running out.
#ifndef WD_UTIL_LEB128_H
#define WD_UTIL_LEB128_H

#include <stddef.h>
#include <stdint.h>

typedef enum wd_leb_status {
  WD_LEB_OK = 0,
  WD_LEB_END,       // the bytes ran out before the last byte
  WD_LEB_TOO_LONG,  // more bytes than ceil(bits / 7): "integer representation too long"
  WD_LEB_TOO_LARGE, // the last byte's unused bits are not a zero/sign extension:
                    // "integer too large"
} wd_leb_status_t;

// Reads an unsigned LEB128 of at most `bits` bits (1..64) from [p, end).
// On WD_LEB_OK sets *out and *len (bytes read). On an error sets *len to the
// index (from p) of the byte at fault: the byte with bad unused bits, the byte
// past the longest allowed encoding, or `end`. *out is then unspecified.
// The checks follow the spec's reference decoder byte by byte, so that a
// too-long encoding is reported as such even when it also hits `end`.
wd_leb_status_t wd_leb_read_unsigned(const uint8_t *p, const uint8_t *end, unsigned bits,
                                     uint64_t *out, size_t *len);

// The same for a signed (two's complement) LEB128 of at most `bits` bits;
// *out is sign-extended to 64 bits.
wd_leb_status_t wd_leb_read_signed(const uint8_t *p, const uint8_t *end, unsigned bits,
                                   int64_t *out, size_t *len);

// The spec's wording for a status: "integer too large", ...; "unexpected end
// of section or function" for WD_LEB_END; "" for WD_LEB_OK.
const char *wd_leb_message(wd_leb_status_t st);

#endif
