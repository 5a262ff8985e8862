// SPDX-License-Identifier: Apache-2.0
// fd_readdir fills the buffer completely: for every buffer size L the
// result is min(L, T) bytes (T = the whole listing), the bytes are a prefix
// of the whole listing (the last entry cut anywhere, header included), and
// nothing past bufused is written.
#include "wasi_check.h"

int main(void) {
  REQUIRE_OK("mkdir t", p_mkdir(PRE, "t"));
  int32_t f = create_file(PRE, "t/a_rather_long_file_name_of_exactly_40chr", 0);
  (void)__wasi_fd_close(f);
  f = create_file(PRE, "t/b", 0);
  (void)__wasi_fd_close(f);
  int32_t d = -1;
  REQUIRE_OK("open t",
             p_open(PRE, 0, "t", __WASI_OFLAGS_DIRECTORY, dir_rights(PRE), dir_inh(PRE), 0, &d));
  static uint8_t whole[4096], part[4200];
  __wasi_size_t total = 0;
  REQUIRE_OK("fd_readdir (whole)", __wasi_fd_readdir(d, whole, sizeof whole, 0, &total));
  wc_info("whole listing is %u bytes", (unsigned)total);
  CHECK_EQ("whole listing size (4 headers + names)", total, 4 * 24 + 1 + 2 + 40 + 1);
  int bad_len = 0, bad_prefix = 0, bad_tail = 0, errors = 0;
  for (size_t len = 1; len <= total + 16; len++) {
    memset(part, 0xEE, sizeof part);
    __wasi_size_t used = 0;
    if (__wasi_fd_readdir(d, part, len, 0, &used) != 0) {
      errors++;
      continue;
    }
    size_t want = len < total ? len : total;
    if (used != want) {
      if (bad_len++ < 3)
        wc_fail("bufused for buf_len %zu (got %u, want %zu)", len, (unsigned)used, want);
    }
    if (memcmp(part, whole, used < want ? used : want) != 0)
      bad_prefix++;
    if (part[len] != 0xEE || part[len + 1] != 0xEE)
      bad_tail++;
  }
  CHECK_EQ("fd_readdir errors for small buffers", errors, 0);
  CHECK_EQ("buffer sizes with wrong bufused", bad_len, 0);
  CHECK_EQ("buffer sizes whose bytes are not a prefix of the listing", bad_prefix, 0);
  CHECK_EQ("buffer sizes with bytes written past buf_len", bad_tail, 0);
  done();
}
