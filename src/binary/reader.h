// SPDX-License-Identifier: Apache-2.0
// A bounded byte reader over a module's bytes, shared by the decoder, the
// body skimmer and the function-body compiler. Errors go to a wd_diag_t with
// the absolute module offset and the spec's wording.
#ifndef WD_BINARY_READER_H
#define WD_BINARY_READER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"
#include "util/leb128.h"

typedef struct wd_bin_reader {
  const uint8_t *base; // byte 0 of the module: offsets are p - base
  const uint8_t *p;    // the next byte to read
  const uint8_t *end;  // one past the last byte this reader may read
  wd_diag_t *diag;     // where errors go (first error wins)
  // The features (WD_FEAT_*, ir/module.h) whose types the value-type
  // readers accept: the type of a feature turned off is malformed, as it
  // was before the feature. All of them unless set after init.
  uint32_t features;
} wd_bin_reader_t;

#define WD_MSG_EOF "unexpected end of section or function"

// Sets r up to read base[off, end) (absolute offsets, off <= end).
static inline void wd_bin_reader_init(wd_bin_reader_t *r, const uint8_t *base, size_t off,
                                      size_t end, wd_diag_t *diag) {
  r->base = base;
  r->p = base + off;
  r->end = base + end;
  r->diag = diag;
  r->features = ~0u;
}

static inline size_t wd_bin_offset(const wd_bin_reader_t *r) { return (size_t)(r->p - r->base); }
static inline size_t wd_bin_end_offset(const wd_bin_reader_t *r) {
  return (size_t)(r->end - r->base);
}
static inline size_t wd_bin_remaining(const wd_bin_reader_t *r) { return (size_t)(r->end - r->p); }
static inline bool wd_bin_at_end(const wd_bin_reader_t *r) { return r->p >= r->end; }

// Records a malformed-module error at absolute offset `off`; returns false.
static inline bool wd_bin_fail_at(wd_bin_reader_t *r, size_t off, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(WD_FORMAT_PRINTF, 3, 4)))
#endif
    ;
static inline bool wd_bin_fail_at(wd_bin_reader_t *r, size_t off, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  wd_diag_vset(r->diag, WD_ERR_MALFORMED, off, fmt, ap);
  va_end(ap);
  return false;
}

// "unexpected end of section or function" at the reader's end; returns false.
// (Not through the variadic wd_bin_fail_at, so that compilers see the
// `false` and know a failed read leaves its output unused.)
static inline bool wd_bin_fail_eof(wd_bin_reader_t *r) {
  wd_diag_set(r->diag, WD_ERR_MALFORMED, wd_bin_end_offset(r), "%s", WD_MSG_EOF);
  return false;
}

static inline bool wd_bin_leb_fail(wd_bin_reader_t *r, wd_leb_status_t st, size_t len) {
  wd_diag_set(r->diag, WD_ERR_MALFORMED, wd_bin_offset(r) + len, "%s", wd_leb_message(st));
  return false;
}

static inline bool wd_bin_read_u8(wd_bin_reader_t *r, uint8_t *out) {
  if (r->p >= r->end)
    return wd_bin_fail_eof(r);
  *out = *r->p++;
  return true;
}

// The next byte without consuming it; false (and no error) at the end.
static inline bool wd_bin_peek_u8(const wd_bin_reader_t *r, uint8_t *out) {
  if (r->p >= r->end)
    return false;
  *out = *r->p;
  return true;
}

// Unsigned LEB128 of at most `bits` bits (1..64), e.g. 1 for limits flags.
static inline bool wd_bin_read_uleb(wd_bin_reader_t *r, unsigned bits, uint64_t *out) {
  size_t len;
  wd_leb_status_t st = wd_leb_read_unsigned(r->p, r->end, bits, out, &len);
  if (st != WD_LEB_OK)
    return wd_bin_leb_fail(r, st, len);
  r->p += len;
  return true;
}

static inline bool wd_bin_read_sleb(wd_bin_reader_t *r, unsigned bits, int64_t *out) {
  size_t len;
  wd_leb_status_t st = wd_leb_read_signed(r->p, r->end, bits, out, &len);
  if (st != WD_LEB_OK)
    return wd_bin_leb_fail(r, st, len);
  r->p += len;
  return true;
}

static inline bool wd_bin_read_u32(wd_bin_reader_t *r, uint32_t *out) {
  if (r->p < r->end && *r->p < 0x80) { // the common one-byte case
    *out = *r->p++;
    return true;
  }
  uint64_t v;
  if (!wd_bin_read_uleb(r, 32, &v))
    return false;
  *out = (uint32_t)v;
  return true;
}

static inline bool wd_bin_read_u64(wd_bin_reader_t *r, uint64_t *out) {
  return wd_bin_read_uleb(r, 64, out);
}

static inline bool wd_bin_read_s32(wd_bin_reader_t *r, int32_t *out) {
  int64_t v;
  if (!wd_bin_read_sleb(r, 32, &v))
    return false;
  *out = (int32_t)v; // in range by construction
  return true;
}

// Block types are s33: a negative value is a type code, else a type index.
static inline bool wd_bin_read_s33(wd_bin_reader_t *r, int64_t *out) {
  return wd_bin_read_sleb(r, 33, out);
}

static inline bool wd_bin_read_s64(wd_bin_reader_t *r, int64_t *out) {
  return wd_bin_read_sleb(r, 64, out);
}

// Little-endian fixed-width values (float bit patterns).
static inline bool wd_bin_read_f32_bits(wd_bin_reader_t *r, uint32_t *out) {
  if (wd_bin_remaining(r) < 4) {
    r->p = r->end;
    return wd_bin_fail_eof(r);
  }
  *out = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
         (uint32_t)r->p[3] << 24;
  r->p += 4;
  return true;
}

static inline bool wd_bin_read_f64_bits(wd_bin_reader_t *r, uint64_t *out) {
  if (wd_bin_remaining(r) < 8) {
    r->p = r->end;
    return wd_bin_fail_eof(r);
  }
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--)
    v = v << 8 | r->p[i];
  *out = v;
  r->p += 8;
  return true;
}

// n raw bytes: *out points into the module (not copied).
static inline bool wd_bin_read_bytes(wd_bin_reader_t *r, size_t n, const uint8_t **out) {
  if (wd_bin_remaining(r) < n) {
    r->p = r->end;
    return wd_bin_fail_eof(r);
  }
  *out = r->p;
  r->p += n;
  return true;
}

static inline bool wd_bin_skip(wd_bin_reader_t *r, size_t n) {
  const uint8_t *unused;
  return wd_bin_read_bytes(r, n, &unused);
}

// A u32 length or vector count. As in the reference decoder it must not
// exceed the bytes left counted from where the count itself starts, else
// "length out of bounds"; so a bogus huge count fails before any allocation
// and count * (element size >= 1 byte) stays within the module size.
static inline bool wd_bin_read_len(wd_bin_reader_t *r, uint32_t *out) {
  size_t at = wd_bin_offset(r);
  size_t left = wd_bin_remaining(r);
  if (!wd_bin_read_u32(r, out))
    return false;
  if (*out > left) {
    wd_diag_set(r->diag, WD_ERR_MALFORMED, at, "length out of bounds");
    return false;
  }
  return true;
}

#endif
