// SPDX-License-Identifier: Apache-2.0
// Encoding-only decoding of instructions: skipping one instruction with its
// immediates, skipping a structured sequence, and wd_bin_skim_bodies.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "binary/opcode_imm.h"
#include "binary/reader.h"
#include "ir/module.h"
#include "util/alloc.h"

// A byte read as the reference decoder's s7: a continuation bit means the
// encoding is longer than a 7-bit value allows.
static bool read_s7(wd_bin_reader_t *r, uint8_t *out) {
  if (!wd_bin_read_u8(r, out))
    return false;
  if (*out & 0x80)
    return wd_bin_fail_at(r, wd_bin_offset(r), "integer representation too long");
  return true;
}

// The feature an abstract heap type (binary code ht) needs, 0 if none,
// or UINT32_MAX if ht is not one.
static uint32_t heap_feature(uint8_t ht) {
  switch (ht) {
  case WD_HT_FUNC:
  case WD_HT_EXTERN: return 0;
  case WD_HT_EXN: return WD_FEAT_EXCEPTIONS;
  case WD_HT_NOEXN: return WD_FEAT_EXCEPTIONS | WD_FEAT_GC;
  case WD_HT_ANY:
  case WD_HT_EQ:
  case WD_HT_I31:
  case WD_HT_STRUCT:
  case WD_HT_ARRAY:
  case WD_HT_NONE:
  case WD_HT_NOFUNC:
  case WD_HT_NOEXTERN: return WD_FEAT_GC;
  default: return UINT32_MAX;
  }
}

// Whether the reader's features allow what `need` names (any of its bits;
// noexn needs both exceptions and gc).
static bool allowed(const wd_bin_reader_t *r, uint32_t need) {
  if (need == (WD_FEAT_EXCEPTIONS | WD_FEAT_GC))
    return (r->features & need) == need;
  return need == 0 || (r->features & need) != 0;
}

bool wd_bin_read_heaptype(wd_bin_reader_t *r, uint32_t *out) {
  size_t at = wd_bin_offset(r);
  uint8_t b = 0;
  if (!wd_bin_peek_u8(r, &b))
    return wd_bin_fail_eof(r);
  if ((b & 0xC0) == 0x40) { // a one-byte negative s33: an abstract heap type
    r->p++;
    uint32_t need = heap_feature(b);
    if (need == UINT32_MAX || !allowed(r, need))
      return wd_bin_fail_at(r, at, "malformed heap type");
    *out = b;
    return true;
  }
  int64_t v;
  if (!wd_bin_read_s33(r, &v))
    return false;
  if (v < 0 || v >= (int64_t)(UINT32_MAX >> 8) - WD_HT_IDX)
    return wd_bin_fail_at(r, at, "malformed heap type");
  *out = WD_HT_IDX + (uint32_t)v;
  return true;
}

// A reference type after its first byte b (at offset at): (ref ht),
// (ref null ht), or a shorthand; `what` names the error.
static bool read_ref(wd_bin_reader_t *r, uint8_t b, size_t at, wd_vt_t *out, const char *what) {
  if (b == WD_REF || b == WD_REFNULL) {
    if (!(r->features & (WD_FEAT_FUNCTION_REFERENCES | WD_FEAT_GC)))
      return wd_bin_fail_at(r, at, "%s", what);
    uint32_t ht;
    if (!wd_bin_read_heaptype(r, &ht))
      return false;
    *out = WD_VT_REF(b == WD_REFNULL, ht);
    return true;
  }
  uint32_t need = heap_feature(b);
  if (need == UINT32_MAX || !allowed(r, need))
    return wd_bin_fail_at(r, at, "%s", what);
  *out = WD_VT_REF(true, b);
  return true;
}

bool wd_bin_read_valtype(wd_bin_reader_t *r, wd_vt_t *out) {
  size_t at = wd_bin_offset(r);
  uint8_t b;
  if (!read_s7(r, &b))
    return false;
  switch (b) {
  case WD_I32:
  case WD_I64:
  case WD_F32:
  case WD_F64:
  case WD_V128: *out = b; return true;
  default: return read_ref(r, b, at, out, "malformed value type");
  }
}

bool wd_bin_read_reftype(wd_bin_reader_t *r, wd_vt_t *out) {
  size_t at = wd_bin_offset(r);
  uint8_t b;
  if (!read_s7(r, &b))
    return false;
  return read_ref(r, b, at, out, "malformed reference type");
}

bool wd_bin_read_blocktype(wd_bin_reader_t *r, wd_bin_blocktype_t *out) {
  uint8_t b = 0;
  out->type = 0;
  out->index = 0;
  if (!wd_bin_peek_u8(r, &b))
    return wd_bin_fail_eof(r);
  if (b == 0x40) {
    r->p++;
    out->kind = WD_BT_EMPTY;
    return true;
  }
  if ((b & 0xC0) == 0x40) { // a one-byte negative s33: a value type
    out->kind = WD_BT_VALUE;
    return wd_bin_read_valtype(r, &out->type);
  }
  int64_t v;
  if (!wd_bin_read_s33(r, &v))
    return false;
  out->kind = WD_BT_INDEX;
  out->index = v < 0 ? UINT32_MAX : (uint32_t)v;
  return true;
}

bool wd_bin_read_memarg(wd_bin_reader_t *r, uint32_t features, wd_bin_memarg_t *out) {
  size_t at = wd_bin_offset(r);
  uint32_t flags;
  out->mem = 0;
  if (!wd_bin_read_u32(r, &flags))
    return false;
  bool multi = (features & WD_FEAT_MULTI_MEMORY) != 0;
  if (flags >= (multi ? 128u : 32u))
    return wd_bin_fail_at(r, at, "malformed memop flags");
  out->align = flags & 63;
  if ((flags & 64) && !wd_bin_read_u32(r, &out->mem))
    return false;
  if (features & WD_FEAT_MEMORY64)
    return wd_bin_read_u64(r, &out->offset);
  uint32_t off;
  if (!wd_bin_read_u32(r, &off))
    return false;
  out->offset = off;
  return true;
}

static bool read_zero(wd_bin_reader_t *r) {
  uint8_t b = 0;
  size_t at = wd_bin_offset(r);
  if (!wd_bin_read_u8(r, &b))
    return false;
  if (b != 0)
    return wd_bin_fail_at(r, at, "zero byte expected");
  return true;
}

bool wd_bin_read_memidx(wd_bin_reader_t *r, uint32_t features, uint32_t *out) {
  *out = 0;
  if (features & WD_FEAT_MULTI_MEMORY)
    return wd_bin_read_u32(r, out);
  return read_zero(r);
}

static bool skip_u32(wd_bin_reader_t *r) {
  uint32_t v;
  return wd_bin_read_u32(r, &v);
}

static bool skip_memarg(wd_bin_reader_t *r, uint32_t features) {
  wd_bin_memarg_t ma;
  return wd_bin_read_memarg(r, features, &ma);
}

static bool skip_memidx(wd_bin_reader_t *r, uint32_t features) {
  uint32_t idx;
  return wd_bin_read_memidx(r, features, &idx);
}

static bool illegal2(wd_bin_reader_t *r, const wd_bin_instr_t *in) {
  return wd_bin_fail_at(r, in->at, "illegal opcode %02x %x", in->op, (unsigned)in->sub);
}

static bool skip_fc(wd_bin_reader_t *r, uint32_t features, wd_bin_instr_t *in) {
  switch (in->sub) {
  case 0:
  case 1:
  case 2:
  case 3:
  case 4:
  case 5:
  case 6:
  case 7: // trunc_sat
    return true;
  case 8: // memory.init dataidx memidx
    return wd_bin_read_u32(r, &in->idx) && skip_memidx(r, features);
  case 9:  // data.drop
  case 13: // elem.drop
  case 15: // table.grow
  case 16: // table.size
  case 17: // table.fill
    return wd_bin_read_u32(r, &in->idx);
  case 10: // memory.copy memidx memidx
    return skip_memidx(r, features) && skip_memidx(r, features);
  case 11: // memory.fill memidx
    return skip_memidx(r, features);
  case 12: // table.init elemidx tableidx
  case 14: // table.copy dst src
    return wd_bin_read_u32(r, &in->idx) && skip_u32(r);
  default: return illegal2(r, in);
  }
}

// SIMD sub-opcodes that Wasm 2.0 leaves unassigned below 0x100.
static bool simd_unassigned(uint32_t op) {
  switch (op) {
  case 0x9a:
  case 0xa2:
  case 0xa5:
  case 0xa6:
  case 0xaf:
  case 0xb0:
  case 0xb2:
  case 0xb3:
  case 0xb4:
  case 0xbb:
  case 0xc2:
  case 0xc5:
  case 0xc6:
  case 0xcf:
  case 0xd0:
  case 0xd2:
  case 0xd3:
  case 0xd4:
  case 0xe2:
  case 0xee: return true;
  default: return false;
  }
}

static bool skip_fd(wd_bin_reader_t *r, uint32_t features, wd_bin_instr_t *in) {
  uint32_t op = in->sub;
  if (op > 0x113 || simd_unassigned(op)) // 0x100-0x113: relaxed SIMD
    return illegal2(r, in);
  if (op <= 0x0b || op == 0x5c || op == 0x5d) // loads, stores, load_zero
    return skip_memarg(r, features);
  if (op == 0x0c || op == 0x0d) // v128.const, i8x16.shuffle: 16 bytes
    return wd_bin_skip(r, 16);
  if (op >= 0x15 && op <= 0x22) { // extract/replace lane: lane index byte
    uint8_t lane;
    return wd_bin_read_u8(r, &lane);
  }
  if (op >= 0x54 && op <= 0x5b) { // load/store lane: memarg, lane byte
    uint8_t lane;
    return skip_memarg(r, features) && wd_bin_read_u8(r, &lane);
  }
  return true;
}

// The GC instructions (0xFB prefix, Wasm 3.0): their immediates.
static bool skip_fb(wd_bin_reader_t *r, wd_bin_instr_t *in) {
  uint32_t op = in->sub;
  switch (op) {
  case 0: // struct.new, struct.new_default: typeidx
  case 1:
  case 6: // array.new, array.new_default: typeidx
  case 7:
  case 11: // array.get(_s, _u), array.set, array.fill: typeidx
  case 12:
  case 13:
  case 14:
  case 16: return wd_bin_read_u32(r, &in->idx);
  case 2: // struct.get(_s, _u), struct.set: typeidx fieldidx
  case 3:
  case 4:
  case 5:
  case 8: // array.new_fixed: typeidx n
  case 9: // array.new_data, array.new_elem: typeidx segment
  case 10:
  case 17: // array.copy: typeidx typeidx
  case 18: // array.init_data, array.init_elem: typeidx segment
  case 19: return wd_bin_read_u32(r, &in->idx) && wd_bin_read_u32(r, &in->idx2);
  case 20: // ref.test, ref.cast (null): heaptype
  case 21:
  case 22:
  case 23: return wd_bin_read_heaptype(r, &in->idx);
  case 24: // br_on_cast(_fail): flags labelidx heaptype heaptype
  case 25: {
    size_t at = wd_bin_offset(r);
    uint8_t flags;
    uint32_t h;
    if (!wd_bin_read_u8(r, &flags))
      return false;
    if (flags > 3)
      return wd_bin_fail_at(r, at, "malformed br_on_cast flags");
    return wd_bin_read_u32(r, &in->idx) && wd_bin_read_heaptype(r, &h) &&
           wd_bin_read_heaptype(r, &h);
  }
  case 15: // array.len
  case 26: // any.convert_extern, extern.convert_any
  case 27:
  case 28: // ref.i31, i31.get_s, i31.get_u
  case 29:
  case 30: return true;
  default: return illegal2(r, in);
  }
}

bool wd_bin_skip_instr(wd_bin_reader_t *r, uint32_t features, wd_bin_instr_t *in) {
  in->at = wd_bin_offset(r);
  in->sub = 0;
  in->idx = 0;
  in->idx2 = 0;
  if (!wd_bin_read_u8(r, &in->op))
    return false;
  uint8_t op = in->op;
  switch (op) {
  case 0x00:
  case 0x01:
  case 0x05:
  case 0x0b:
  case 0x0f:
  case 0x1a:
  case 0x1b:
  case 0x0a: // throw_ref
  case 0x19: // catch_all (legacy)
  case 0xd4: // ref.as_non_null
  case 0xd3: // ref.eq
  case 0xd1: return true;
  case 0x02:
  case 0x03:
  case 0x04:
  case 0x06:   // try (legacy)
  case 0x1f: { // try_table, whose catch clauses follow
    wd_bin_blocktype_t bt;
    if (!wd_bin_read_blocktype(r, &bt))
      return false;
    in->idx = bt.kind == WD_BT_INDEX ? bt.index : bt.type;
    if (op == 0x1f) {
      uint32_t n;
      if (!wd_bin_read_len(r, &n))
        return false;
      for (uint32_t i = 0; i < n; i++) {
        size_t at = wd_bin_offset(r);
        uint8_t k;
        if (!wd_bin_read_u8(r, &k))
          return false;
        if (k > 3)
          return wd_bin_fail_at(r, at, "malformed catch clause");
        if ((k < 2 && !skip_u32(r)) || !skip_u32(r)) // tag (catch, catch_ref), label
          return false;
      }
    }
    return true;
  }
  case 0x14: // call_ref, return_call_ref
  case 0x15:
  case 0xd5: // br_on_null, br_on_non_null
  case 0xd6:
  case 0x07: // catch (legacy)
  case 0x08: // throw
  case 0x09: // rethrow (legacy)
  case 0x18: // delegate (legacy)
  case 0x0c:
  case 0x0d:
  case 0x10:
  case 0x12: // br, br_if, call, return_call
  case 0x20:
  case 0x21:
  case 0x22:
  case 0x23:
  case 0x24: // local.*, global.*
  case 0x25:
  case 0x26: // table.get, table.set
  case 0xd2: // ref.func
    return wd_bin_read_u32(r, &in->idx);
  case 0x0e: { // br_table vec(labelidx) labelidx
    uint32_t n;
    if (!wd_bin_read_len(r, &n))
      return false;
    in->idx = n;
    for (uint32_t i = 0; i <= n; i++)
      if (!skip_u32(r))
        return false;
    return true;
  }
  case 0x11:
  case 0x13: // call_indirect, return_call_indirect: typeidx tableidx
    return wd_bin_read_u32(r, &in->idx) && skip_u32(r);
  case 0x1c: { // select vec(valtype)
    uint32_t n;
    if (!wd_bin_read_len(r, &n))
      return false;
    in->idx = n;
    for (uint32_t i = 0; i < n; i++) {
      wd_vt_t t;
      if (!wd_bin_read_valtype(r, &t))
        return false;
    }
    return true;
  }
  case 0x3f:
  case 0x40: // memory.size, memory.grow
    return skip_memidx(r, features);
  case 0x41: {
    int32_t v;
    return wd_bin_read_s32(r, &v);
  }
  case 0x42: {
    int64_t v;
    return wd_bin_read_s64(r, &v);
  }
  case 0x43: return wd_bin_skip(r, 4);
  case 0x44: return wd_bin_skip(r, 8);
  case 0xd0: // ref.null heaptype
    return wd_bin_read_heaptype(r, &in->idx);
  case 0xfb:
  case 0xfc:
  case 0xfd:
    if (!wd_bin_read_u32(r, &in->sub))
      return false;
    return op == 0xfb   ? skip_fb(r, in)
           : op == 0xfc ? skip_fc(r, features, in)
                        : skip_fd(r, features, in);
  default: break;
  }
  if (op >= 0x28 && op <= 0x3e) // loads and stores
    return skip_memarg(r, features);
  if (op >= 0x45 && op <= 0xc4) // numeric instructions without immediates
    return true;
  return wd_bin_fail_at(r, in->at, "illegal opcode %02x", op);
}

void wd_bin_seq_init(wd_bin_seq_t *s) {
  s->kinds = NULL;
  s->cap = 0;
  s->data_min = UINT32_MAX;
  s->data_at = 0;
  s->features = WD_FEAT_ALL;
  s->encoding = WD_FEAT_ALL;
}

// The features one of which an opcode needs, or 0.
static uint32_t op_features(uint8_t op) {
  switch (op) {
  case 0x06: // try, catch, rethrow, delegate, catch_all
  case 0x07:
  case 0x09:
  case 0x18:
  case 0x19: return WD_FEAT_LEGACY_EXCEPTIONS;
  case 0x08: return WD_FEAT_EXCEPTIONS | WD_FEAT_LEGACY_EXCEPTIONS; // throw
  case 0x0a:                                                        // throw_ref, try_table
  case 0x1f: return WD_FEAT_EXCEPTIONS;
  case 0x12: // return_call, return_call_indirect
  case 0x13: return WD_FEAT_TAIL_CALL;
  case 0x14: // call_ref, ref.as_non_null, br_on_null, br_on_non_null
  case 0xd4:
  case 0xd5:
  case 0xd6: return WD_FEAT_FUNCTION_REFERENCES | WD_FEAT_GC;
  case 0x15: return WD_FEAT_FUNCTION_REFERENCES; // return_call_ref
  case 0xd3:                                     // ref.eq, the 0xFB prefix
  case 0xfb: return WD_FEAT_GC;
  default: return 0;
  }
}

void wd_bin_seq_free(wd_bin_seq_t *s) {
  wd_free(s->kinds);
  s->kinds = NULL;
  s->cap = 0;
}

bool wd_bin_skip_seq(wd_bin_reader_t *r, wd_bin_seq_t *s, bool bounded) {
  size_t depth = 0; // blocks open inside the sequence
  for (;;) {
    if (wd_bin_at_end(r)) {
      if (bounded)
        return wd_bin_fail_at(r, wd_bin_offset(r), "END opcode expected");
      return wd_bin_fail_eof(r);
    }
    wd_bin_instr_t in;
    size_t at = wd_bin_offset(r);
    uint8_t op0 = r->p < r->end ? *r->p : 0;
    uint32_t need = op_features(op0);
    if (need && !(s->features & need))
      return wd_bin_fail_at(r, at, "illegal opcode %02x", op0);
    if (!wd_bin_skip_instr(r, s->encoding, &in))
      return false;
    switch (in.op) {
    case 0x02:
    case 0x03:
    case 0x04:
    case 0x06:
    case 0x1f:
      if (wd_grow((void **)&s->kinds, &s->cap, depth + 1, 1) != 0) {
        wd_diag_set(r->diag, WD_ERR_RESOURCE, in.at, "out of memory");
        return false;
      }
      s->kinds[depth++] = in.op == 0x04 ? 1 : 0;
      break;
    case 0x05:
      // Only an `if` without an else yet takes an else; anywhere else the
      // reference decoder stops the block there and wants its `end`.
      if (depth == 0 || s->kinds[depth - 1] != 1)
        return wd_bin_fail_at(r, in.at, "END opcode expected");
      s->kinds[depth - 1] = 2;
      break;
    case 0x0b:
    case 0x18: // delegate ends a legacy try
      if (depth == 0)
        return in.op == 0x0b || wd_bin_fail_at(r, in.at, "END opcode expected");
      depth--;
      break;
    case 0xfc:
      if ((in.sub == 8 || in.sub == 9) && in.idx < s->data_min) {
        s->data_min = in.idx;
        s->data_at = in.at;
      }
      break;
    default: break;
    }
  }
}

// Each body is read as the reference decoder reads it: up to its final
// `end` with only the module's end as a bound, and then the body's size
// must match ("section size mismatch"). So a missing `end` shows as the
// next body's bytes being misread ("END opcode expected"), or as running
// into the module's end.
static wd_status_t skim(const wd_module_t *m, uint32_t n, wd_bin_seq_t *s, wd_diag_t *diag) {
  for (uint32_t i = 0; i < n; i++) {
    const wd_funcbody_t *b = &m->bodies[i];
    wd_bin_reader_t r;
    wd_bin_reader_init(&r, m->bytes, b->code_off, m->size, diag);
    bool ok = wd_bin_skip_seq(&r, s, false);
    if (ok && wd_bin_offset(&r) != (size_t)b->off + b->len)
      ok = wd_bin_fail_at(&r, b->off, "section size mismatch");
    if (!ok) {
      if (diag->func == WD_NO_FUNC)
        diag->func = m->nimported_funcs + i;
      return diag->status != WD_OK ? diag->status : WD_ERR_MALFORMED;
    }
  }
  return WD_OK;
}

wd_status_t wd_bin_skim_first(const wd_module_t *m, uint32_t n, wd_diag_t *diag) {
  wd_bin_seq_t s;
  wd_bin_seq_init(&s);
  s.encoding = m->features;
  wd_status_t st = skim(m, n, &s, diag);
  wd_bin_seq_free(&s);
  return st;
}

wd_status_t wd_bin_skim_bodies(const wd_module_t *m, wd_diag_t *diag) {
  wd_bin_seq_t s;
  wd_bin_seq_init(&s);
  s.encoding = m->features;
  wd_status_t st = skim(m, m->nbodies, &s, diag);
  wd_bin_seq_free(&s);
  if (st != WD_OK)
    return st;
  // memory.init and data.drop need the data count section (spec 5.5.16).
  // A use of a data index the module lacks is left to validation ("unknown
  // data segment"): the spec tests expect that for binaries wast2json wrote
  // without a data count section because the module has no data segments.
  if (s.data_min < m->ndatas && !m->has_datacount)
    return wd_diag_set(diag, WD_ERR_MALFORMED, s.data_at, "data count section required");
  return WD_OK;
}
