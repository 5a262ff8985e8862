// SPDX-License-Identifier: Apache-2.0
// The memory operations on any memory, out of line: those on a memory other
// than 0 (multi-memory) or on a 64-bit one (memory64), whose handlers
// (ops.def M_LOAD ... M_MEMORY_FILL, V_LOAD_M ...) only call these, so that
// they cost the dispatch function nothing: there memory 0 is fast, its base
// and size in registers. A `mem` unit names the memory: its index << 1, | 1
// if it is 64-bit (its address operands are then i64 cells, else i32 ones).
// Every access is checked, guard pages or not, in 64 bits and with no sum
// that could wrap: a 64-bit address plus a 64-bit offset may overflow.
#include "interp/exec_mem.h"

#include <stdbool.h>
#include <string.h>

#include "interp/exec_simd.h"
#include "interp/mem_le.h"

static inline ward_memory_t *any_mem(const ward_instance_t *inst, uint32_t unit) {
  return inst->memories[unit >> 1];
}
// An address (or length) operand of the memory's address type.
static inline uint64_t any_val(const wd_cell_t *c, uint32_t unit) {
  return (unit & 1) ? c->i64 : c->i32;
}
// Whether [a, a + n) lies within s bytes.
static inline bool in_range(uint64_t a, uint64_t n, uint64_t s) { return a <= s && n <= s - a; }

// The host address of the n bytes at the address in cell acell plus off, in
// the memory of unit; NULL if they are out of bounds.
static inline uint8_t *any_at(const ward_instance_t *inst, const wd_cell_t *fp, uint32_t unit,
                              uint32_t acell, uint64_t off, uint64_t n) {
  const ward_memory_t *m = any_mem(inst, unit);
  uint64_t a = any_val(&fp[acell], unit);
  if (off > m->size || !in_range(a, n, m->size - off))
    return NULL;
  return m->data + off + a;
}

// A load (M_LOAD D A I(mem) L(offset) I(fn)) or a store (M_STORE A B ...)
// of each ops.def row; false if out of bounds.
#define WD_OP_LOAD(name, field, type, n, expr)                                                     \
  static bool any_##name(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip) {         \
    const uint8_t *p = any_at(inst, fp, ip[3], ip[2], WD_IMM64(ip[4], ip[5]), n);                  \
    if (!p)                                                                                        \
      return false;                                                                                \
    fp[ip[1]].field = (type)(expr);                                                                \
    return true;                                                                                   \
  }
#define WD_OP_STORE(name, n, field, stmt)                                                          \
  static bool any_##name(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip) {         \
    uint8_t *p = any_at(inst, fp, ip[3], ip[1], WD_IMM64(ip[4], ip[5]), n);                        \
    if (!p)                                                                                        \
      return false;                                                                                \
    wd_cell_t v = fp[ip[2]];                                                                       \
    stmt;                                                                                          \
    return true;                                                                                   \
  }
#include "interp/ops.def"
const wd_any_fn_t wd_any_fns[WD_MF_COUNT_] = {
#define WD_OP_LOAD(name, field, type, n, expr) any_##name,
#define WD_OP_STORE(name, n, field, stmt) any_##name,
#include "interp/ops.def"
};

// memory.size: D I(mem).
void wd_any_size(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip) {
  uint64_t pages = any_mem(inst, ip[2])->pages;
  if (ip[2] & 1)
    fp[ip[1]].i64 = pages;
  else
    WD_PUT_I32(fp[ip[1]], (uint32_t)pages);
}
// memory.grow: D A I(mem); -1 (of the address type) if it cannot.
void wd_any_grow(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip) {
  int64_t r = wd_memory_grow(any_mem(inst, ip[3]), any_val(&fp[ip[2]], ip[3]));
  if (ip[3] & 1)
    fp[ip[1]].i64 = (uint64_t)r;
  else
    WD_PUT_I32(fp[ip[1]], (uint32_t)r);
}
// memory.init: I(seg) A(dst) B(src) C(n) I(mem); the source and length are
// i32s.
ward_trapcode_t wd_any_init(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip) {
  const wd_dataseg_t *seg = &inst->datas[ip[1]];
  ward_memory_t *m = any_mem(inst, ip[5]);
  uint64_t d = any_val(&fp[ip[2]], ip[5]), src = fp[ip[3]].i32, n = fp[ip[4]].i32;
  if (!in_range(src, n, seg->len) || !in_range(d, n, m->size))
    return WARD_TRAP_MEMORY_OOB;
  return wd_bulk_move(inst->store, m->data + d, seg->bytes + src, n, n / 16);
}
// memory.copy: A(dst) B(src) C(n) I(dst mem) I(src mem); the length is an
// i64 only if both memories are 64-bit.
ward_trapcode_t wd_any_copy(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip) {
  ward_memory_t *md = any_mem(inst, ip[4]), *ms = any_mem(inst, ip[5]);
  uint64_t d = any_val(&fp[ip[1]], ip[4]), src = any_val(&fp[ip[2]], ip[5]);
  uint64_t n = any_val(&fp[ip[3]], ip[4] & ip[5]);
  if (!in_range(src, n, ms->size) || !in_range(d, n, md->size))
    return WARD_TRAP_MEMORY_OOB;
  return wd_bulk_move(inst->store, md->data + d, ms->data + src, n, n / 16);
}
// memory.fill: A(dst) B(value) C(n) I(mem).
ward_trapcode_t wd_any_fill(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip) {
  ward_memory_t *m = any_mem(inst, ip[4]);
  uint64_t d = any_val(&fp[ip[1]], ip[4]), n = any_val(&fp[ip[3]], ip[4]);
  if (!in_range(d, n, m->size))
    return WARD_TRAP_MEMORY_OOB;
  return wd_bulk_fill(inst->store, m->data + d, (uint8_t)fp[ip[2]].i32, n);
}

// ---- bulk operations under limits ---------------------------------------------

static inline bool interrupted(const ward_store_t *s) {
  return (s->meter & WD_METER_INTR) && atomic_load_explicit(&s->intr, memory_order_relaxed);
}

ward_trapcode_t wd_bulk_charge(ward_store_t *s, uint64_t units) {
  if (s->meter & WD_METER_FUEL) {
    if (s->fuel < 0 || units > (uint64_t)s->fuel) {
      s->fuel = 0;
      return WARD_TRAP_OUT_OF_FUEL;
    }
    s->fuel -= (int64_t)units;
  }
  return interrupted(s) ? WARD_TRAP_INTERRUPT : 0;
}

ward_trapcode_t wd_bulk_fill(ward_store_t *s, uint8_t *p, uint8_t v, uint64_t n) {
  if (!s->meter) {
    if (n)
      memset(p, v, (size_t)n);
    return 0;
  }
  ward_trapcode_t tc = wd_bulk_charge(s, n / 16);
  for (uint64_t done = 0; !tc && done < n;) {
    size_t step = n - done < WD_BULK_STEP ? (size_t)(n - done) : WD_BULK_STEP;
    memset(p + done, v, step);
    done += step;
    if (done < n && interrupted(s))
      tc = WARD_TRAP_INTERRUPT;
  }
  return tc;
}

ward_trapcode_t wd_bulk_move(ward_store_t *s, void *dst, const void *src, uint64_t n,
                             uint64_t units) {
  if (!s->meter) {
    if (n)
      memmove(dst, src, (size_t)n);
    return 0;
  }
  ward_trapcode_t tc = wd_bulk_charge(s, units);
  uint8_t *d = dst;
  const uint8_t *from = src;
  // Steps in the direction that never overwrites source bytes not yet
  // copied: down from the end when the destination lies above the source.
  bool down = d > from;
  for (uint64_t done = 0; !tc && done < n;) {
    size_t step = n - done < WD_BULK_STEP ? (size_t)(n - done) : WD_BULK_STEP;
    uint64_t at = down ? n - done - step : done;
    memmove(d + at, from + at, step);
    done += step;
    if (done < n && interrupted(s))
      tc = WARD_TRAP_INTERRUPT;
  }
  return tc;
}

ward_trapcode_t wd_bulk_fill_refs(ward_store_t *s, void **p, void *v, uint64_t n) {
  if (!s->meter) {
    for (uint64_t k = 0; k < n; k++)
      p[k] = v;
    return 0;
  }
  ward_trapcode_t tc = wd_bulk_charge(s, n);
  const uint64_t per = WD_BULK_STEP / sizeof *p;
  for (uint64_t done = 0; !tc && done < n;) {
    uint64_t step = n - done < per ? n - done : per;
    for (uint64_t k = 0; k < step; k++)
      p[done + k] = v;
    done += step;
    if (done < n && interrupted(s))
      tc = WARD_TRAP_INTERRUPT;
  }
  return tc;
}

// The vector memory operations: the address (units: mem, the address cell,
// the offset's halves, the bytes), then the vector function (unit fn) with
// the host address. V_LOAD_M D A I(mem) I(offset) I(fn) I(bytes) I(offset
// hi); V_LOAD_LANE_M D A B I(mem) I(offset) I(fn) I(bytes) I(lane) I(offset
// hi); V_STORE_M A B I(mem) I(offset) I(fn) I(bytes) I(lane) I(offset hi).
static bool any_vector(wd_cell_t *fp, const uint32_t *ip, uint8_t *p, uint32_t fn) {
  if (!p)
    return false;
  WD_SIMD_FNS()[fn](fp, ip, p);
  return true;
}
bool wd_any_vload(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip) {
  return any_vector(fp, ip, any_at(inst, fp, ip[3], ip[2], WD_IMM64(ip[4], ip[7]), ip[6]), ip[5]);
}
bool wd_any_vload_lane(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip) {
  return any_vector(fp, ip, any_at(inst, fp, ip[4], ip[2], WD_IMM64(ip[5], ip[9]), ip[7]), ip[6]);
}
bool wd_any_vstore(const ward_instance_t *inst, wd_cell_t *fp, const uint32_t *ip) {
  return any_vector(fp, ip, any_at(inst, fp, ip[3], ip[1], WD_IMM64(ip[4], ip[8]), ip[6]), ip[5]);
}
