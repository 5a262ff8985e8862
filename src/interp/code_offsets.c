// SPDX-License-Identifier: Apache-2.0
// A code's offset table (code.h): for each operation of the translated
// code, the wasm instruction it stands for.
//
// The table is a list of entries (pos, off): from code position pos on,
// until the next entry, the operations stand for the instruction at byte
// off of the function's body. An entry is kept only where off changes
// (most wasm instructions give one operation, and local.get and constants
// none). Each is encoded as the difference from the one before (from
// (0, 0) for the first): one byte 0PPPOOOO for the usual small steps (the
// position 1 to 8 units on, the offset 1 to 16 bytes on: 92 % of the
// entries of the benchmark programs), else the byte 0x80 and both
// differences as unsigned LEB128s, the offset's zigzag-encoded (it may go
// back: the code does not always follow the body's order). Every STRIDE
// entries an index mark holds the state after that entry (pos, off, the
// byte after it), so that a lookup finds its mark by binary search and
// decodes at most STRIDE - 1 entries from there. A lookup never reads
// outside the entries or past a malformed one, whatever bytes they hold,
// so a serialized code's entries are taken as they are (its marks are
// checked: wd_code_take_offsets).
#include <string.h>

#include "interp/code.h"
#include "util/alloc.h"

enum { STRIDE = 64 };

static uint64_t zigzag(int64_t d) { return d < 0 ? ((uint64_t)-d << 1) - 1 : (uint64_t)d << 1; }
static int64_t unzigzag(uint64_t z) { return z & 1 ? -(int64_t)(z >> 1) - 1 : (int64_t)(z >> 1); }

static uint8_t *put_uleb(uint8_t *p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = (uint8_t)(v | 0x80);
    v >>= 7;
  }
  *p++ = (uint8_t)v;
  return p;
}

// Reads an unsigned LEB128 of at most 35 bits (5 bytes: a position's or a
// zigzagged offset's difference) from bytes [*at, len); false if it is cut
// short or longer.
static bool get_uleb(const uint8_t *b, uint32_t len, uint32_t *at, uint64_t *out) {
  uint64_t v = 0;
  for (unsigned shift = 0; shift < 35; shift += 7) {
    if (*at >= len)
      return false;
    uint8_t byte = b[(*at)++];
    v |= (uint64_t)(byte & 0x7F) << shift;
    if (!(byte & 0x80)) {
      *out = v;
      return true;
    }
  }
  return false;
}

enum { LONG = 0x80 }; // the first byte of an entry in the long form

static bool is_short(uint64_t dpos, int64_t doff) {
  return dpos >= 1 && dpos <= 8 && doff >= 1 && doff <= 16;
}

static uint8_t *put_entry(uint8_t *p, uint32_t dpos, int64_t doff) {
  if (is_short(dpos, doff)) {
    *p++ = (uint8_t)((dpos - 1) << 4 | (uint32_t)(doff - 1));
    return p;
  }
  *p++ = LONG;
  p = put_uleb(p, dpos);
  return put_uleb(p, zigzag(doff));
}

// The state of a walk over the entries: the last entry read (pos, off) and
// the byte after it.
typedef struct walk {
  uint32_t pos, off, at;
} walk_t;

// Reads the next entry into w; false (w unchanged) at the end or at a
// malformed one.
static bool next_entry(const uint8_t *b, uint32_t len, walk_t *w) {
  uint64_t dpos, zoff;
  int64_t doff;
  walk_t n = *w;
  if (n.at >= len || b[n.at] > LONG)
    return false;
  uint8_t first = b[n.at++];
  if (first != LONG) {
    dpos = (uint64_t)(first >> 4) + 1;
    doff = (int64_t)(first & 15) + 1;
  } else if (get_uleb(b, len, &n.at, &dpos) && get_uleb(b, len, &n.at, &zoff)) {
    doff = unzigzag(zoff);
  } else {
    return false;
  }
  int64_t off = (int64_t)w->off + doff;
  if ((uint64_t)w->pos + dpos > UINT32_MAX || off < 0 || off > UINT32_MAX)
    return false;
  n.pos = (uint32_t)(w->pos + dpos);
  n.off = (uint32_t)off;
  *w = n;
  return true;
}

bool wd_offsets_encode(wd_offsets_buf_t *b, const uint32_t *starts, const uint32_t *at, size_t n,
                       uint32_t base) {
  b->nmarks = b->len = 0;
  // Room for the longest entries (11 bytes) and a mark every STRIDE.
  if (n > (SIZE_MAX - 16) / 11 || wd_grow((void **)&b->bytes, &b->capb, n * 11 + 1, 1) ||
      wd_grow((void **)&b->marks, &b->capm, (n / STRIDE) * 3 + 1, sizeof *b->marks))
    return false;
  uint8_t *p = b->bytes;
  uint32_t *mark = b->marks;
  uint32_t pos = 0, off = 0;
  size_t count = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t o = at[i] - base;
    if (count && o == off)
      continue;
    p = put_entry(p, starts[i] - pos, (int64_t)o - (int64_t)off);
    pos = starts[i];
    off = o;
    if (++count % STRIDE == 0) {
      mark[0] = pos;
      mark[1] = off;
      mark[2] = (uint32_t)(p - b->bytes);
      mark += 3;
    }
  }
  b->len = (size_t)(p - b->bytes);
  b->nmarks = count / STRIDE;
  return b->len <= UINT32_MAX;
}

void wd_code_put_offsets(wd_code_t *code, uint32_t *block, const wd_offsets_buf_t *b) {
  size_t m = b->nmarks * 3;
  if (m)
    memcpy(block, b->marks, m * sizeof *block);
  if (b->len)
    memcpy(block + m, b->bytes, b->len);
  code->offidx = block;
  code->noffidx = (uint32_t)b->nmarks;
  code->offtab = (const uint8_t *)(block + m);
  code->offlen = (uint32_t)b->len;
}

const uint8_t *wd_code_offsets_bytes(const wd_code_t *code, uint32_t *len) {
  *len = code->offlen;
  return code->offtab;
}

const uint32_t *wd_code_offsets_marks(const wd_code_t *code, uint32_t *nmarks) {
  *nmarks = code->noffidx;
  return code->offidx;
}

bool wd_code_take_offsets(wd_code_t *code, uint32_t *block, uint32_t nmarks, uint32_t len,
                          uint32_t body_len) {
  code->offidx = NULL;
  code->offtab = NULL;
  code->noffidx = code->offlen = 0;
  // The marks must be what a walk could reach: positions in the code and
  // offsets in the body, both going up, and bytes in the entries.
  for (uint32_t k = 0; k < nmarks; k++) {
    const uint32_t *m = block + (size_t)k * 3;
    if (m[0] >= code->nops || m[1] >= body_len || m[2] > len ||
        (k && (m[0] <= m[-3] || m[2] <= m[-1])))
      return false;
  }
  code->offidx = block;
  code->noffidx = nmarks;
  code->offtab = (const uint8_t *)(block + (size_t)nmarks * 3);
  code->offlen = len;
  return true;
}

uint32_t wd_code_offset(const wd_code_t *code, uint32_t pos) {
  if (!code->offtab || pos >= code->nops)
    return UINT32_MAX;
  // The last mark at or before pos, by binary search; else the start.
  walk_t w = {0, 0, 0};
  bool found = false;
  uint32_t lo = 0, hi = code->noffidx;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (code->offidx[3 * mid] <= pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo) {
    const uint32_t *m = &code->offidx[3 * (lo - 1)];
    w = (walk_t){m[0], m[1], m[2]};
    found = true;
  }
  walk_t n = w;
  while (next_entry(code->offtab, code->offlen, &n) && n.pos <= pos) {
    w = n;
    found = true;
  }
  return found ? w.off : UINT32_MAX;
}

// Whether the wasm instruction at body[off] (of a body of len bytes)
// accesses linear memory where a guard page can catch it: a load or store,
// or a vector one.
static bool accesses_memory(const uint8_t *body, uint32_t len, uint32_t off) {
  if (off >= len)
    return false;
  uint8_t op = body[off];
  if (op >= 0x28 && op <= 0x3E)
    return true;
  if (op != 0xFD)
    return false;
  uint32_t at = off + 1;
  uint64_t sub;
  return get_uleb(body, len, &at, &sub) && (sub <= 11 || (sub >= 84 && sub <= 93));
}

// Whether the operation at position pos of code (where ip points) made a
// faulting access rather than the one before it, whose instruction is at
// offset `prev`; both instructions access memory (wd_code_fault_at).
static bool fault_at_ip(const wd_code_t *code, uint32_t pos, uint32_t prev, uintptr_t pc) {
  uint32_t token = code->ops[pos];
  int in = wd_interp_fault_in(token, pc);
  if (in == 0)
    return false;
  // pc in the handler of the operation at ip: unless the one before is of
  // the same kind (a unit of its instruction with the same token: its
  // start, or by chance an operand), the handler tells.
  bool same = false;
  for (uint32_t p = pos > 16 ? pos - 16 : 0; p < pos && !same; p++)
    same = code->ops[p] == token && wd_code_offset(code, p) == prev;
  return in == 1 && !same ? true : !wd_interp_ip_moves_first();
}

const uint32_t *wd_code_fault_at(const wd_code_t *code, const wd_module_t *m, const uintptr_t *regs,
                                 unsigned nregs, uintptr_t pc) {
  uint32_t bi = code->func - m->nimported_funcs;
  if (!code->offtab || bi >= m->nbodies)
    return NULL;
  const uint8_t *body = m->bytes + m->bodies[bi].off;
  uint32_t len = m->bodies[bi].len;
  // The candidates, lowest first: each register value that points at a
  // unit of the code, or just past its end.
  uintptr_t lo = (uintptr_t)code->ops, last = 0;
  for (;;) {
    uintptr_t c = UINTPTR_MAX;
    for (unsigned i = 0; i < nregs; i++) {
      uintptr_t r = regs[i];
      if (r >= lo && (r - lo) % sizeof *code->ops == 0 &&
          (r - lo) / sizeof *code->ops <= code->nops && r > last && r < c)
        c = r;
    }
    if (c == UINTPTR_MAX)
      return NULL;
    last = c;
    // ip at the operation that made the access, or past it.
    uint32_t pos = (uint32_t)((c - lo) / sizeof *code->ops);
    uint32_t prev = pos > 0 ? wd_code_offset(code, pos - 1) : UINT32_MAX;
    bool at = pos < code->nops && accesses_memory(body, len, wd_code_offset(code, pos));
    bool before = accesses_memory(body, len, prev);
    if (at && (!before || fault_at_ip(code, pos, prev, pc)))
      return code->ops + pos;
    if (before)
      return code->ops + pos - 1;
  }
}
