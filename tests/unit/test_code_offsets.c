// SPDX-License-Identifier: Apache-2.0
// The offset table of a code (interp/code_offsets.c): made from the
// positions and instruction offsets of its operations, looked up at every
// unit (across index marks, with long steps and steps back), taken back as
// a blob holds it (wrong marks refused), and entries of any bytes looked
// up without reading past them.
#include <stdlib.h>
#include <string.h>

#include "interp/code.h"
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
  wd_offsets_buf_t buf = {0};
  CHECK(wd_offsets_encode(&buf, g_starts, g_at, N, base));
  uint32_t *block = malloc(wd_offsets_size(&buf));
  wd_code_t code = {.nops = NOPS};
  wd_code_put_offsets(&code, block, &buf);
  wd_offsets_free(&buf);
  CHECK(code.noffidx > 2); // the lookups cross index marks
  CHECK(all_right(&code, base));
  CHECK(wd_code_offset(&code, NOPS) == UINT32_MAX);

  // Back as a blob holds it: its marks and entries, the marks checked.
  uint32_t len, nmarks;
  const uint8_t *bytes = wd_code_offsets_bytes(&code, &len);
  const uint32_t *marks = wd_code_offsets_marks(&code, &nmarks);
  CHECK(bytes && len > 0 && len < 3 * N && nmarks == code.noffidx);
  uint32_t body_len = g_at[N - 1] - base + 400;
  size_t size = (size_t)nmarks * 12 + len;
  uint32_t *copy = malloc(size);
  memcpy(copy, marks, (size_t)nmarks * 12);
  memcpy(copy + 3 * (size_t)nmarks, bytes, len);
  wd_code_t back = {.nops = NOPS};
  CHECK(wd_code_take_offsets(&back, copy, nmarks, len, body_len));
  CHECK(all_right(&back, base));
  // Marks that are wrong: a position beyond the code, an offset beyond the
  // body, a byte beyond the entries, marks out of order.
  wd_code_t bad = {.nops = 100};
  CHECK(!wd_code_take_offsets(&bad, copy, nmarks, len, body_len));
  CHECK(bad.offtab == NULL && wd_code_offset(&bad, 0) == UINT32_MAX);
  bad.nops = NOPS;
  CHECK(!wd_code_take_offsets(&bad, copy, nmarks, len, 10));
  CHECK(!wd_code_take_offsets(&bad, copy, nmarks, copy[2] - 1, body_len));
  uint32_t t = copy[3];
  copy[3] = copy[0];
  CHECK(!wd_code_take_offsets(&bad, copy, nmarks, len, body_len));
  copy[3] = t;
  // Entries of any bytes: lookups stop at the first malformed entry and
  // read nothing beyond them (ASan builds check), here without marks.
  srand(11);
  uint8_t junk[64];
  for (int round = 0; round < 200; round++) {
    for (size_t i = 0; i < sizeof junk; i++)
      junk[i] = (uint8_t)(rand() % 3 == 0 ? 0x80 : rand());
    size_t n = 1 + (size_t)(rand() % (int)sizeof junk);
    uint8_t *exact = malloc(n); // its own block: a read past it is caught
    memcpy(exact, junk, n);
    wd_code_t j = {.nops = 1000, .offtab = exact, .offlen = (uint32_t)n};
    for (uint32_t p = 0; p < 1000; p += 7)
      (void)wd_code_offset(&j, p);
    free(exact);
  }
  // A table by hand: long entries, a short one, a step back.
  const uint8_t good[] = {0x80, 5, 6, 0x00, 0x80, 1, 3};
  wd_code_t hand = {.nops = 10, .offtab = good, .offlen = sizeof good};
  CHECK(wd_code_offset(&hand, 4) == UINT32_MAX && wd_code_offset(&hand, 5) == 3);
  CHECK(wd_code_offset(&hand, 6) == 4 && wd_code_offset(&hand, 7) == 2);
  CHECK(wd_code_offset(&hand, 9) == 2 && wd_code_offset(&hand, 10) == UINT32_MAX);
  free(copy);
  free(block);
  printf("code_offsets: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
