// SPDX-License-Identifier: Apache-2.0
// Unit tests for the bounded LEB128 readers and the UTF-8 validator: edge
// cases of length, unused bits, sign extension and truncation.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/leb128.h"
#include "util/utf8.h"
#include "check.h"

static wd_leb_status_t u(const uint8_t *p, size_t n, unsigned bits, uint64_t *v, size_t *len) {
  return wd_leb_read_unsigned(p, p + n, bits, v, len);
}

static wd_leb_status_t s(const uint8_t *p, size_t n, unsigned bits, int64_t *v, size_t *len) {
  return wd_leb_read_signed(p, p + n, bits, v, len);
}

static void test_unsigned(void) {
  uint64_t v;
  size_t len;
  static const uint8_t zero[] = {0x00};
  CHECK(u(zero, 1, 32, &v, &len) == WD_LEB_OK && v == 0 && len == 1);
  static const uint8_t long_zero[] = {0x80, 0x80, 0x80, 0x80, 0x00};
  CHECK(u(long_zero, 5, 32, &v, &len) == WD_LEB_OK && v == 0 && len == 5);
  static const uint8_t max32[] = {0xff, 0xff, 0xff, 0xff, 0x0f};
  CHECK(u(max32, 5, 32, &v, &len) == WD_LEB_OK && v == UINT32_MAX && len == 5);
  static const uint8_t big32[] = {0xff, 0xff, 0xff, 0xff, 0x1f};
  CHECK(u(big32, 5, 32, &v, &len) == WD_LEB_TOO_LARGE && len == 4);
  static const uint8_t six[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  CHECK(u(six, 6, 32, &v, &len) == WD_LEB_TOO_LONG && len == 5);
  // Too long is reported even when the bytes also run out there.
  CHECK(u(six, 5, 32, &v, &len) == WD_LEB_TOO_LONG && len == 5);
  static const uint8_t cont[] = {0x80, 0x80};
  CHECK(u(cont, 2, 32, &v, &len) == WD_LEB_END && len == 2);
  CHECK(u(cont, 0, 32, &v, &len) == WD_LEB_END && len == 0);
  // 1-bit values (limits flags).
  static const uint8_t one[] = {0x01}, two[] = {0x02}, long_one[] = {0x81, 0x00};
  CHECK(u(one, 1, 1, &v, &len) == WD_LEB_OK && v == 1);
  CHECK(u(two, 1, 1, &v, &len) == WD_LEB_TOO_LARGE && len == 0);
  CHECK(u(long_one, 2, 1, &v, &len) == WD_LEB_TOO_LONG && len == 1);
  static const uint8_t max64[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
  CHECK(u(max64, 10, 64, &v, &len) == WD_LEB_OK && v == UINT64_MAX && len == 10);
  static const uint8_t big64[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};
  CHECK(u(big64, 10, 64, &v, &len) == WD_LEB_TOO_LARGE && len == 9);
  static const uint8_t eleven[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
                                   0x80, 0x80, 0x80, 0x80, 0x00};
  CHECK(u(eleven, 11, 64, &v, &len) == WD_LEB_TOO_LONG && len == 10);
  static const uint8_t x624485[] = {0xe5, 0x8e, 0x26};
  CHECK(u(x624485, 3, 32, &v, &len) == WD_LEB_OK && v == 624485 && len == 3);
}

static void test_signed(void) {
  int64_t v;
  size_t len;
  static const uint8_t m1[] = {0x7f};
  CHECK(s(m1, 1, 32, &v, &len) == WD_LEB_OK && v == -1 && len == 1);
  static const uint8_t m64[] = {0x40};
  CHECK(s(m64, 1, 32, &v, &len) == WD_LEB_OK && v == -64);
  static const uint8_t p64[] = {0xc0, 0x00};
  CHECK(s(p64, 2, 32, &v, &len) == WD_LEB_OK && v == 64 && len == 2);
  static const uint8_t min32[] = {0x80, 0x80, 0x80, 0x80, 0x78};
  CHECK(s(min32, 5, 32, &v, &len) == WD_LEB_OK && v == INT32_MIN);
  static const uint8_t max32[] = {0xff, 0xff, 0xff, 0xff, 0x07};
  CHECK(s(max32, 5, 32, &v, &len) == WD_LEB_OK && v == INT32_MAX);
  // Unused bits of the fifth byte must all equal the sign bit.
  static const uint8_t bad1[] = {0xff, 0xff, 0xff, 0xff, 0x0f};
  CHECK(s(bad1, 5, 32, &v, &len) == WD_LEB_TOO_LARGE && len == 4);
  static const uint8_t bad2[] = {0x80, 0x80, 0x80, 0x80, 0x70};
  CHECK(s(bad2, 5, 32, &v, &len) == WD_LEB_TOO_LARGE);
  static const uint8_t long_m1[] = {0xff, 0xff, 0xff, 0xff, 0x7f};
  CHECK(s(long_m1, 5, 32, &v, &len) == WD_LEB_OK && v == -1);
  static const uint8_t too_long[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0x7f};
  CHECK(s(too_long, 6, 32, &v, &len) == WD_LEB_TOO_LONG && len == 5);
  static const uint8_t min64[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f};
  CHECK(s(min64, 10, 64, &v, &len) == WD_LEB_OK && v == INT64_MIN);
  static const uint8_t max64[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00};
  CHECK(s(max64, 10, 64, &v, &len) == WD_LEB_OK && v == INT64_MAX);
  static const uint8_t bad64[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
  CHECK(s(bad64, 10, 64, &v, &len) == WD_LEB_TOO_LARGE && len == 9);
  // s33 (block types): the full u32 range of type indices fits.
  static const uint8_t t4g[] = {0xff, 0xff, 0xff, 0xff, 0x0f};
  CHECK(s(t4g, 5, 33, &v, &len) == WD_LEB_OK && v == 0xffffffffll);
  static const uint8_t t_bad[] = {0xff, 0xff, 0xff, 0xff, 0x1f};
  CHECK(s(t_bad, 5, 33, &v, &len) == WD_LEB_TOO_LARGE);
  // 7-bit values (types): one byte only.
  static const uint8_t e0[] = {0xe0, 0x7f};
  CHECK(s(e0, 2, 7, &v, &len) == WD_LEB_TOO_LONG && len == 1);
  CHECK(s(e0, 0, 32, &v, &len) == WD_LEB_END && len == 0);
  CHECK(wd_leb_message(WD_LEB_TOO_LONG)[0] == 'i');
}

static bool utf8(const char *str, size_t n) { return wd_utf8_valid((const uint8_t *)str, n); }

static void test_utf8(void) {
  CHECK(utf8("", 0));
  CHECK(utf8("abc", 3));
  CHECK(utf8("\0", 1));
  CHECK(utf8("\xc2\x80", 2));          // U+0080
  CHECK(utf8("\xdf\xbf", 2));          // U+07FF
  CHECK(utf8("\xe0\xa0\x80", 3));      // U+0800
  CHECK(utf8("\xed\x9f\xbf", 3));      // U+D7FF
  CHECK(utf8("\xee\x80\x80", 3));      // U+E000
  CHECK(utf8("\xef\xbf\xbf", 3));      // U+FFFF
  CHECK(utf8("\xf0\x90\x80\x80", 4));  // U+10000
  CHECK(utf8("\xf4\x8f\xbf\xbf", 4));  // U+10FFFF
  CHECK(!utf8("\x80", 1));             // lone continuation
  CHECK(!utf8("\xc0\x80", 2));         // overlong NUL
  CHECK(!utf8("\xc1\xbf", 2));         // overlong
  CHECK(!utf8("\xe0\x9f\xbf", 3));     // overlong
  CHECK(!utf8("\xed\xa0\x80", 3));     // surrogate U+D800
  CHECK(!utf8("\xed\xbf\xbf", 3));     // surrogate U+DFFF
  CHECK(!utf8("\xf0\x8f\xbf\xbf", 4)); // overlong
  CHECK(!utf8("\xf4\x90\x80\x80", 4)); // U+110000
  CHECK(!utf8("\xf5\x80\x80\x80", 4)); // bad lead
  CHECK(!utf8("\xff", 1));
  CHECK(!utf8("\xc2", 1));             // truncated
  CHECK(!utf8("\xe0\xa0", 2));         // truncated
  CHECK(!utf8("\xf0\x90\x80", 3));     // truncated
  CHECK(!utf8("\xe2\x28\xa1", 3));     // bad continuation
  CHECK(!utf8("\xf0\x90\x28\x80", 4)); // bad continuation
  CHECK(!utf8("a\xc2", 2));            // truncated at the end
}

int main(void) {
  test_unsigned();
  test_signed();
  test_utf8();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
