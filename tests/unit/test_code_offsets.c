// SPDX-License-Identifier: Apache-2.0
// The offset table of a code (interp/code_offsets.c): made from the
// positions and instruction offsets of its operations, looked up at every
// unit (across index marks, with long steps and steps back), read back
// from its bytes as a blob holds them, and bytes that are no such table
// refused.
#include <stdlib.h>
#include <string.h>

#include "interp/code.h"
#include "util/alloc.h"
#include "check.h"

enum { NOPS = 10000, N = 1000 };

static uint32_t g_starts[N], g_at[N];

// The offset (from the body's start at base) the operation holding unit
// pos stands for, by a linear walk of the lists.
static uint32_t expected(uint32_t pos, uint32_t base) {
  uint32_t off = UINT32_MAX;
  for (size_t i = 0; i < N && g_starts[i] <= pos; i++)
    off = g_at[i] - base;
  return off;
}

static bool all_right(const wd_code_t *code, uint32_t base) {
  for (uint32_t pos = 0; pos < NOPS; pos++)
    if (wd_code_offset(code, pos) != expected(pos, base))
      return false;
  return true;
}

int main(void) {
  // Operations 1 to 9 units long; instructions mostly a few bytes on, now
  // and then far on or back (a stub after the body), or the same as the
  // operation before (one instruction, several operations).
  const uint32_t base = 1000;
  uint32_t pos = 0, at = base + 3;
  srand(7);
  for (size_t i = 0; i < N; i++) {
    g_starts[i] = pos;
    g_at[i] = at;
    pos += 1 + (uint32_t)(rand() % 9);
    int r = rand() % 20;
    at = r == 0                      ? at + 300
         : r == 1 && at > base + 200 ? at - 150
         : r == 2                    ? at
                                     : at + 1 + rand() % 12;
  }
  CHECK(pos <= NOPS);
  wd_code_t code = {.nops = NOPS};
  CHECK(wd_code_set_offsets(&code, g_starts, g_at, N, base));
  CHECK(code.noffidx > 2); // the lookups cross index marks
  CHECK(all_right(&code, base));
  CHECK(wd_code_offset(&code, NOPS) == UINT32_MAX);

  // Back from its bytes, as a blob holds them.
  uint32_t len;
  const uint8_t *bytes = wd_code_offsets_bytes(&code, &len);
  CHECK(bytes && len > 0 && len < 3 * N);
  uint8_t *copy = malloc(len);
  memcpy(copy, bytes, len);
  uint32_t body_len = g_at[N - 1] - base + 400;
  wd_code_t back = {.nops = NOPS};
  CHECK(wd_code_load_offsets(&back, copy, len, body_len) == WD_OK);
  CHECK(back.noffidx == code.noffidx && back.offlen == len);
  CHECK(all_right(&back, base));
  wd_free(back.offidx);

  // Not such a table: cut short, an offset beyond the body, a position
  // beyond the code, a long entry's marker changed.
  wd_code_t bad = {.nops = NOPS};
  const uint8_t cut[] = {0x80, 5}, cut2[] = {0x80, 5, 0x86};
  CHECK(wd_code_load_offsets(&bad, cut, sizeof cut, body_len) == WD_ERR_MALFORMED);
  CHECK(wd_code_load_offsets(&bad, cut2, sizeof cut2, body_len) == WD_ERR_MALFORMED);
  CHECK(wd_code_load_offsets(&bad, copy, len, 10) == WD_ERR_MALFORMED);
  bad.nops = 100;
  CHECK(wd_code_load_offsets(&bad, copy, len, body_len) == WD_ERR_MALFORMED);
  bad.nops = NOPS;
  CHECK(copy[0] == 0x80); // the first entry: position 0, a long step
  copy[0] = 0x81;
  CHECK(wd_code_load_offsets(&bad, copy, len, body_len) == WD_ERR_MALFORMED);
  // A position that does not go up.
  const uint8_t same[] = {0x80, 5, 6, 0x80, 0, 2};
  CHECK(wd_code_load_offsets(&bad, same, sizeof same, body_len) == WD_ERR_MALFORMED);
  const uint8_t good[] = {0x80, 5, 6, 0x00, 0x80, 1, 3};
  CHECK(wd_code_load_offsets(&bad, good, sizeof good, body_len) == WD_OK);
  CHECK(wd_code_offset(&bad, 4) == UINT32_MAX && wd_code_offset(&bad, 5) == 3);
  CHECK(wd_code_offset(&bad, 6) == 4 && wd_code_offset(&bad, 7) == 2);
  wd_free(bad.offidx);
  free(copy);
  wd_free(code.offidx);
  printf("code_offsets: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
