// SPDX-License-Identifier: Apache-2.0
// `ward wast`: runs WebAssembly spec scripts. The text layer (src/text)
// parses a script into commands whose modules are already binary; this
// file runs them through the public API (include/ward.h) against the
// `spectest` host module (cli_spectest.c), one engine, store and linker per
// script, and checks each assertion as the spec's reference interpreter
// does: exact bits for numbers, NaN patterns, v128 results lane by lane in
// the shape they were written in, and error and trap messages by prefix.
#include "cli_wast.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_file.h"
#include "cli_opts.h"
#include "cli_spectest.h"
#include "cli_vals.h"
#include "text/text.h"
#include "ward.h"

const char wd_cli_wast_usage_text[] =
    "Usage: ward wast [OPTIONS] FILE.wast...\n"
    "\n"
    "Runs WebAssembly spec scripts: defines, registers and instantiates their\n"
    "modules (with the `spectest` host module for imports), performs their\n"
    "actions and checks their assertions. Prints one line per failed command,\n"
    "FILE:LINE: KIND: REASON, then `N passed, M failed`.\n"
    "\n"
    "Options:\n"
    "  -v, --verbose  also print the expected and actual values of each failure,\n"
    "                 the spectest module's output, and each file's counts\n"
    "  --eager        translate every function when its module loads (by\n"
    "                 default each is translated on its first call)\n"
    "  -W, --wasm FEATURE[=y|n][,...]\n"
    "                 turn WebAssembly features on or off, as for ward run\n"
    "                 (see ward run --help); all are on by default\n"
    "  -O, --optimize KEY=VALUE[,...]\n"
    "                 engine settings, as for ward run (memory-reservation=SIZE)\n"
    "  --fuel N, --timeout DURATION, --max-memory-size SIZE,\n"
    "  --max-table-elements N\n"
    "                 the limits for untrusted code, as for ward run, on each\n"
    "                 script's store: a script that runs out of fuel or time\n"
    "                 fails its remaining commands with \"all fuel consumed\"\n"
    "                 or \"interrupt\"\n"
    "  -h, --help     print this help\n"
    "  --             end of options: every argument after it is a FILE\n"
    "\n"
    "Exit status: 0 if every script parsed and every command passed, 1 if not,\n"
    "2 on a bad command line.\n";

// (gnu_printf on mingw-w64, whose printf the build makes C99's: see
// src/util/diag.h WD_FORMAT_PRINTF.)
#if defined(__MINGW32__)
#define PRINTF_LIKE(f, a) __attribute__((format(gnu_printf, f, a)))
#elif defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

// ---------------------------------------------------------------------------
// State

typedef struct wast_opts {
  bool verbose;
  bool eager;
  uint32_t features;      // ward_feature_t bits
  wd_cli_tuning_t tuning; // -O
  wd_cli_limits_t limits; // --fuel, --timeout, ... (each script's store)
} wast_opts_t;

typedef enum result {
  R_PASS,
  R_PASS_AMBIGUOUS, // see contradicting_text()
  R_FAIL,
} result_t;

// Why a command failed: a short reason, always printed, and details
// (expected and actual values) printed with -v.
typedef struct msg {
  char reason[512];
  char detail[4096];
} msg_t;

typedef struct named {
  char *name;
  ward_instance_t *inst; // NULL if the module of that name failed to load
} named_t;

typedef struct runner {
  const wast_opts_t *opt;
  const char *file; // as given on the command line
  wd_wast_script_t *script;
  bool *quote_done; // per command: its QUOTE module was parsed
  ward_engine_t *engine;
  ward_store_t *store;
  ward_interrupt_handle_t *intr; // --timeout's
  ward_watchdog_t *watchdog;
  ward_linker_t *linker;
  ward_module_t **modules; // every module made; deleted after the store
  size_t nmodules, capmodules;
  named_t *named;
  size_t nnamed, capnamed;
  ward_instance_t *current; // the target of actions naming no module
  size_t passed, failed, ambiguous;
} runner_t;

PRINTF_LIKE(2, 3)
static void set_reason(msg_t *m, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(m->reason, sizeof m->reason, fmt, ap);
  va_end(ap);
}

// Appends to a fixed buffer, truncating quietly.
PRINTF_LIKE(3, 4)
static void append(char *buf, size_t size, const char *fmt, ...) {
  size_t n = strlen(buf);
  if (n + 1 >= size)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf + n, size - n, fmt, ap);
  va_end(ap);
}

// Writes a name (which may hold any byte) quoted and printable.
static void quote_name(char *buf, size_t size, const char *s, size_t len) {
  if (size == 0)
    return;
  buf[0] = '\0';
  append(buf, size, "\"");
  for (size_t i = 0; i < len && i < 200; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
      append(buf, size, "%c", c);
    else
      append(buf, size, "\\%02x", c);
  }
  append(buf, size, len > 200 ? "...\"" : "\"");
}

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static const char *trap_text(const ward_trap_t *t) {
  const char *s = ward_trap_message(t);
  return s ? s : "(no message)";
}

static const char *error_text(const ward_error_t *e) {
  const char *s = ward_error_message(e);
  return s ? s : "(no message)";
}

static bool remember_module(runner_t *r, ward_module_t *mod) {
  if (r->nmodules == r->capmodules) {
    size_t ncap = r->capmodules ? r->capmodules * 2 : 16;
    ward_module_t **nm = realloc(r->modules, ncap * sizeof *nm);
    if (nm == NULL)
      return false;
    r->modules = nm;
    r->capmodules = ncap;
  }
  r->modules[r->nmodules++] = mod;
  return true;
}

static named_t *find_named(runner_t *r, const char *name) {
  for (size_t i = 0; i < r->nnamed; i++)
    if (strcmp(r->named[i].name, name) == 0)
      return &r->named[i];
  return NULL;
}

static bool set_named(runner_t *r, const char *name, ward_instance_t *inst) {
  named_t *n = find_named(r, name);
  if (n != NULL) {
    n->inst = inst;
    return true;
  }
  if (r->nnamed == r->capnamed) {
    size_t ncap = r->capnamed ? r->capnamed * 2 : 8;
    named_t *nn = realloc(r->named, ncap * sizeof *nn);
    if (nn == NULL)
      return false;
    r->named = nn;
    r->capnamed = ncap;
  }
  size_t len = strlen(name);
  char *copy = malloc(len + 1);
  if (copy == NULL)
    return false;
  memcpy(copy, name, len + 1);
  r->named[r->nnamed].name = copy;
  r->named[r->nnamed].inst = inst;
  r->nnamed++;
  return true;
}

// The instance named `name` ($name without the $), or the current one if
// `name` is NULL. NULL, with a reason, if there is none.
static ward_instance_t *target_instance(runner_t *r, const char *name, msg_t *m) {
  if (name == NULL) {
    if (r->current == NULL)
      set_reason(m, "no current module (the last one failed to load?)");
    return r->current;
  }
  named_t *n = find_named(r, name);
  if (n == NULL) {
    set_reason(m, "unknown module $%s", name);
    return NULL;
  }
  if (n->inst == NULL)
    set_reason(m, "module $%s failed to load", name);
  return n->inst;
}

// ---------------------------------------------------------------------------
// Values

// Host reference N is the pointer N + 1, so that ref.extern 0 is not null.
static void *extern_ref(uint64_t n) { return (void *)(uintptr_t)(n + 1); }

// Heap types by their binary code (as wd_wast_val_t.heap holds them).

// Whether heap type ht belongs to the any hierarchy: any, eq, i31,
// struct, array, none.
static bool is_any_heap(uint8_t ht) { return (ht >= 0x6A && ht <= 0x6E) || ht == 0x71; }

static const char *heap_name(uint8_t ht) {
  switch (ht) {
  case 0x74: return "noexn";
  case 0x73: return "nofunc";
  case 0x72: return "noextern";
  case 0x71: return "none";
  case 0x70: return "func";
  case 0x6F: return "extern";
  case 0x6E: return "any";
  case 0x6D: return "eq";
  case 0x6C: return "i31";
  case 0x6B: return "struct";
  case 0x6A: return "array";
  case 0x69: return "exn";
  case 0: return "(any type)";
  default: return "?";
  }
}

static uint32_t lane_width(wd_wast_shape_t shape) {
  switch (shape) {
  case WD_SHAPE_I8X16: return 1;
  case WD_SHAPE_I16X8: return 2;
  case WD_SHAPE_I32X4:
  case WD_SHAPE_F32X4: return 4;
  case WD_SHAPE_I64X2:
  case WD_SHAPE_F64X2: return 8;
  }
  return 4;
}

static const char *shape_name(wd_wast_shape_t shape) {
  switch (shape) {
  case WD_SHAPE_I8X16: return "i8x16";
  case WD_SHAPE_I16X8: return "i16x8";
  case WD_SHAPE_I32X4: return "i32x4";
  case WD_SHAPE_I64X2: return "i64x2";
  case WD_SHAPE_F32X4: return "f32x4";
  case WD_SHAPE_F64X2: return "f64x2";
  }
  return "?";
}

// Lane i of a little-endian v128, zero-extended.
static uint64_t lane_bits(const uint8_t v[16], uint32_t width, uint32_t i) {
  uint64_t bits = 0;
  for (uint32_t k = 0; k < width; k++)
    bits |= (uint64_t)v[i * width + k] << (8 * k);
  return bits;
}

// Whether f32 (width 4) or f64 (width 8) bits match a NaN pattern:
// canonical is the quiet bit alone (either sign), arithmetic the quiet bit
// set, whatever the payload.
static bool nan_matches(wd_wast_pat_t pat, uint32_t width, uint64_t bits) {
  uint64_t quiet_exp = width == 4 ? UINT64_C(0x7FC00000) : UINT64_C(0x7FF8000000000000);
  uint64_t no_sign = width == 4 ? UINT64_C(0x7FFFFFFF) : UINT64_C(0x7FFFFFFFFFFFFFFF);
  if (pat == WD_PAT_NAN_CANONICAL)
    return (bits & no_sign) == quiet_exp;
  return (bits & quiet_exp) == quiet_exp;
}

// A float of width 4 or 8 from its bits, as text: the shortest decimal
// that reads back the same, or nan:0x<payload> for a NaN.
static void format_float_bits(char *buf, size_t size, uint32_t width, uint64_t bits) {
  bool neg = bits >> (width * 8 - 1);
  uint64_t exp_mask = width == 4 ? UINT64_C(0x7F800000) : UINT64_C(0x7FF0000000000000);
  uint64_t frac_mask = width == 4 ? UINT64_C(0x7FFFFF) : UINT64_C(0xFFFFFFFFFFFFF);
  if ((bits & exp_mask) == exp_mask && (bits & frac_mask) != 0) {
    snprintf(buf, size, "%snan:0x%" PRIx64, neg ? "-" : "", bits & frac_mask);
    return;
  }
  double x;
  if (width == 4) {
    uint32_t u = (uint32_t)bits;
    float f;
    memcpy(&f, &u, sizeof f);
    x = (double)f;
  } else {
    memcpy(&x, &bits, sizeof x);
  }
  wd_cli_format_float(x, width == 4, buf, size);
}

// One lane of a v128 in its shape: integers in signed decimal, floats as
// format_float_bits.
static void format_lane(char *buf, size_t size, wd_wast_shape_t shape, uint64_t bits) {
  uint32_t w = lane_width(shape);
  if (shape == WD_SHAPE_F32X4 || shape == WD_SHAPE_F64X2) {
    format_float_bits(buf, size, w, bits);
    return;
  }
  int64_t v;
  if (w == 8) {
    memcpy(&v, &bits, sizeof v);
  } else {
    uint64_t sign = UINT64_C(1) << (w * 8 - 1);
    v = (int64_t)(bits ^ sign) - (int64_t)sign;
  }
  snprintf(buf, size, "%" PRId64, v);
}

static void format_v128(char *buf, size_t size, wd_wast_shape_t shape, const uint8_t v[16],
                        const wd_wast_pat_t *pats) {
  uint32_t w = lane_width(shape);
  snprintf(buf, size, "v128:%s", shape_name(shape));
  for (uint32_t i = 0; i < 16 / w; i++) {
    char lane[64];
    if (pats != NULL && pats[i] != WD_PAT_EXACT)
      snprintf(lane, sizeof lane, "%s",
               pats[i] == WD_PAT_NAN_CANONICAL ? "nan:canonical" : "nan:arithmetic");
    else
      format_lane(lane, sizeof lane, shape, lane_bits(v, w, i));
    append(buf, size, " %s", lane);
  }
}

// An expected value or an argument, as text.
static void format_expected(char *buf, size_t size, const wd_wast_val_t *e) {
  switch (e->kind) {
  case WD_WV_I32: {
    uint32_t u = (uint32_t)e->bits;
    snprintf(buf, size, "i32:%" PRId32 " (0x%08" PRIx32 ")", (int32_t)u, u);
    break;
  }
  case WD_WV_I64: {
    int64_t v;
    memcpy(&v, &e->bits, sizeof v);
    snprintf(buf, size, "i64:%" PRId64 " (0x%016" PRIx64 ")", v, e->bits);
    break;
  }
  case WD_WV_F32:
  case WD_WV_F64: {
    uint32_t w = e->kind == WD_WV_F32 ? 4 : 8;
    const char *t = w == 4 ? "f32" : "f64";
    if (e->pat != WD_PAT_EXACT) {
      snprintf(buf, size, "%s:%s", t,
               e->pat == WD_PAT_NAN_CANONICAL ? "nan:canonical" : "nan:arithmetic");
    } else {
      char f[64];
      format_float_bits(f, sizeof f, w, e->bits);
      snprintf(buf, size, "%s:%s (0x%0*" PRIx64 ")", t, f, (int)w * 2, e->bits);
    }
    break;
  }
  case WD_WV_V128: format_v128(buf, size, e->shape, e->v128, e->lane_pat); break;
  case WD_WV_REF_NULL: snprintf(buf, size, "ref.null %s", heap_name(e->heap)); break;
  case WD_WV_REF_EXTERN: snprintf(buf, size, "ref.extern %" PRIu64, e->bits); break;
  case WD_WV_REF_FUNC: snprintf(buf, size, "ref.func"); break;
  case WD_WV_REF_HOST: snprintf(buf, size, "ref.host %" PRIu64, e->bits); break;
  case WD_WV_REF_TYPE: snprintf(buf, size, "ref.%s (non-null)", heap_name(e->heap)); break;
  default: snprintf(buf, size, "(unknown value kind %d)", (int)e->kind); break;
  }
}

// An actual value, as text; a v128 in `shape`.
static void format_actual(char *buf, size_t size, const ward_val_t *v, wd_wast_shape_t shape) {
  uint32_t u32;
  uint64_t u64;
  switch (v->kind) {
  case WARD_I32:
    memcpy(&u32, &v->of.i32, sizeof u32);
    snprintf(buf, size, "i32:%" PRId32 " (0x%08" PRIx32 ")", v->of.i32, u32);
    break;
  case WARD_I64:
    memcpy(&u64, &v->of.i64, sizeof u64);
    snprintf(buf, size, "i64:%" PRId64 " (0x%016" PRIx64 ")", v->of.i64, u64);
    break;
  case WARD_F32:
  case WARD_F64: {
    char f[64];
    uint32_t w = v->kind == WARD_F32 ? 4 : 8;
    if (w == 4) {
      memcpy(&u32, &v->of.f32, sizeof u32);
      u64 = u32;
    } else {
      memcpy(&u64, &v->of.f64, sizeof u64);
    }
    format_float_bits(f, sizeof f, w, u64);
    snprintf(buf, size, "%s:%s (0x%0*" PRIx64 ")", w == 4 ? "f32" : "f64", f, (int)w * 2, u64);
    break;
  }
  case WARD_V128: format_v128(buf, size, shape, v->of.v128, NULL); break;
  case WARD_FUNCREF:
    snprintf(buf, size, "%s", v->of.funcref ? "funcref (non-null)" : "ref.null func");
    break;
  case WARD_EXTERNREF:
    if (v->of.externref == NULL)
      snprintf(buf, size, "ref.null extern");
    else
      snprintf(buf, size, "ref.extern %" PRIuPTR, (uintptr_t)v->of.externref - 1);
    break;
  case WARD_EXNREF:
    snprintf(buf, size, "%s", v->of.exnref ? "exnref (non-null)" : "ref.null exn");
    break;
  case WARD_ANYREF:
    switch (ward_anyref_kind(v->of.anyref)) {
    case WARD_ANYREF_NULL: snprintf(buf, size, "ref.null any"); break;
    case WARD_ANYREF_I31:
      snprintf(buf, size, "ref.i31 %" PRIu32, ward_anyref_i31_get_u(v->of.anyref));
      break;
    case WARD_ANYREF_STRUCT: snprintf(buf, size, "ref.struct"); break;
    case WARD_ANYREF_ARRAY: snprintf(buf, size, "ref.array"); break;
    case WARD_ANYREF_HOST:
      snprintf(buf, size, "ref.host %" PRIuPTR, (uintptr_t)ward_anyref_host_ptr(v->of.anyref) - 1);
      break;
    }
    break;
  default: snprintf(buf, size, "(value of kind 0x%x)", (unsigned)v->kind); break;
  }
}

// An argument as a value; false (with a reason) if it cannot be made.
// A (ref.host N) is made in store (and rooted in the caller's scope).
static bool make_arg(ward_store_t *store, const wd_wast_val_t *a, ward_val_t *out, msg_t *m) {
  memset(out, 0, sizeof *out);
  switch (a->kind) {
  case WD_WV_I32: {
    uint32_t u = (uint32_t)a->bits;
    out->kind = WARD_I32;
    memcpy(&out->of.i32, &u, sizeof u);
    return true;
  }
  case WD_WV_I64:
    out->kind = WARD_I64;
    memcpy(&out->of.i64, &a->bits, sizeof a->bits);
    return true;
  case WD_WV_F32: {
    uint32_t u = (uint32_t)a->bits;
    out->kind = WARD_F32;
    memcpy(&out->of.f32, &u, sizeof u);
    return true;
  }
  case WD_WV_F64:
    out->kind = WARD_F64;
    memcpy(&out->of.f64, &a->bits, sizeof a->bits);
    return true;
  case WD_WV_V128:
    out->kind = WARD_V128;
    memcpy(out->of.v128, a->v128, 16);
    return true;
  case WD_WV_REF_NULL:
    if (a->heap == 0x70 || a->heap == 0x73) { // func, nofunc
      out->kind = WARD_FUNCREF;
      return true;
    }
    if (a->heap == 0x6F || a->heap == 0x72) { // extern, noextern
      out->kind = WARD_EXTERNREF;
      return true;
    }
    if (a->heap == 0x69 || a->heap == 0x74) { // exn, noexn
      out->kind = WARD_EXNREF;
      return true;
    }
    if (is_any_heap(a->heap)) {
      out->kind = WARD_ANYREF;
      return true;
    }
    set_reason(m, "argument ref.null of unsupported heap type 0x%02x", (unsigned)a->heap);
    return false;
  case WD_WV_REF_EXTERN:
  case WD_WV_REF_HOST:
    if (a->bits >= UINTPTR_MAX - 1) {
      set_reason(m, "argument ref.extern %" PRIu64 " is too large", a->bits);
      return false;
    }
    if (a->kind == WD_WV_REF_HOST) { // host reference N as an anyref
      out->kind = WARD_ANYREF;
      out->of.anyref = ward_anyref_from_host(store, extern_ref(a->bits));
      if (out->of.anyref == NULL) {
        set_reason(m, "out of memory");
        return false;
      }
      return true;
    }
    out->kind = WARD_EXTERNREF;
    out->of.externref = extern_ref(a->bits);
    return true;
  case WD_WV_REF_FUNC: set_reason(m, "a ref.func argument cannot be made"); return false;
  case WD_WV_REF_TYPE: set_reason(m, "a reference pattern is no argument"); return false;
  }
  set_reason(m, "argument of unknown kind %d", (int)a->kind);
  return false;
}

// Whether a result matches an expected value. For a v128, *lanes gets a
// bit per lane that differs.
static bool match_val(const wd_wast_val_t *e, const ward_val_t *got, uint32_t *lanes) {
  uint32_t g32;
  uint64_t g64;
  *lanes = 0;
  switch (e->kind) {
  case WD_WV_I32:
    memcpy(&g32, &got->of.i32, sizeof g32);
    return got->kind == WARD_I32 && g32 == (uint32_t)e->bits;
  case WD_WV_I64:
    memcpy(&g64, &got->of.i64, sizeof g64);
    return got->kind == WARD_I64 && g64 == e->bits;
  case WD_WV_F32:
    if (got->kind != WARD_F32)
      return false;
    memcpy(&g32, &got->of.f32, sizeof g32);
    return e->pat == WD_PAT_EXACT ? g32 == (uint32_t)e->bits : nan_matches(e->pat, 4, g32);
  case WD_WV_F64:
    if (got->kind != WARD_F64)
      return false;
    memcpy(&g64, &got->of.f64, sizeof g64);
    return e->pat == WD_PAT_EXACT ? g64 == e->bits : nan_matches(e->pat, 8, g64);
  case WD_WV_V128: {
    if (got->kind != WARD_V128)
      return false;
    uint32_t w = lane_width(e->shape);
    bool is_float = e->shape == WD_SHAPE_F32X4 || e->shape == WD_SHAPE_F64X2;
    for (uint32_t i = 0; i < 16 / w; i++) {
      uint64_t want = lane_bits(e->v128, w, i), have = lane_bits(got->of.v128, w, i);
      bool ok;
      if (e->lane_pat[i] == WD_PAT_EXACT)
        ok = want == have;
      else
        ok = is_float && nan_matches(e->lane_pat[i], w, have);
      if (!ok)
        *lanes |= UINT32_C(1) << i;
    }
    return *lanes == 0;
  }
  case WD_WV_REF_NULL: {
    bool fnull = got->kind == WARD_FUNCREF && got->of.funcref == NULL;
    bool enull = got->kind == WARD_EXTERNREF && got->of.externref == NULL;
    bool xnull = got->kind == WARD_EXNREF && got->of.exnref == NULL;
    bool anull = got->kind == WARD_ANYREF && got->of.anyref == NULL;
    if (e->heap == 0x70 || e->heap == 0x73) // func, nofunc
      return fnull;
    if (e->heap == 0x6F || e->heap == 0x72) // extern, noextern
      return enull;
    if (e->heap == 0x69 || e->heap == 0x74) // exn, noexn
      return xnull;
    if (is_any_heap(e->heap))
      return anull;
    // None given (or a type index): any null reference.
    return fnull || enull || xnull || anull;
  }
  case WD_WV_REF_EXTERN:
    return got->kind == WARD_EXTERNREF && e->bits < UINTPTR_MAX - 1 &&
           got->of.externref == extern_ref(e->bits);
  case WD_WV_REF_HOST: // an anyref boxing host reference N
    return got->kind == WARD_ANYREF && e->bits < UINTPTR_MAX - 1 &&
           ward_anyref_kind(got->of.anyref) == WARD_ANYREF_HOST &&
           ward_anyref_host_ptr(got->of.anyref) == extern_ref(e->bits);
  case WD_WV_REF_FUNC: return got->kind == WARD_FUNCREF && got->of.funcref != NULL;
  case WD_WV_REF_TYPE: { // a non-null reference of abstract heap type e->heap
    if (e->heap == 0x70)
      return got->kind == WARD_FUNCREF && got->of.funcref != NULL;
    if (e->heap == 0x6F)
      return got->kind == WARD_EXTERNREF && got->of.externref != NULL;
    if (e->heap == 0x69)
      return got->kind == WARD_EXNREF && got->of.exnref != NULL;
    if (got->kind != WARD_ANYREF)
      return false;
    ward_anyref_kind_t k = ward_anyref_kind(got->of.anyref);
    switch (e->heap) {
    case 0x6C: return k == WARD_ANYREF_I31;
    case 0x6B: return k == WARD_ANYREF_STRUCT;
    case 0x6A: return k == WARD_ANYREF_ARRAY;
    case 0x6D: return k == WARD_ANYREF_I31 || k == WARD_ANYREF_STRUCT || k == WARD_ANYREF_ARRAY;
    default: return k != WARD_ANYREF_NULL; // any
    }
  }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Modules

// The binary bytes of command idx's module, parsing a QUOTE module the
// first time. False if its text did not parse; then *perr says why.
static bool module_bytes(runner_t *r, size_t idx, const uint8_t **bytes, size_t *len,
                         const wd_text_error_t **perr) {
  wd_wast_module_t *mod = &r->script->cmds[idx].module;
  if (mod->form == WD_MOD_QUOTE && !r->quote_done[idx]) {
    wd_wast_parse_quote(mod);
    r->quote_done[idx] = true;
  }
  *perr = &mod->err;
  if (!mod->parsed && !(mod->form == WD_MOD_BINARY && mod->bytes != NULL))
    return false;
  *bytes = mod->bytes;
  *len = mod->len;
  return true;
}

// A text error's message, NUL-terminated whatever the parser left in it:
// copied to out, which has room for sizeof e->msg + 1 bytes.
static const char *text_error_msg(const wd_text_error_t *e, char *out) {
  memcpy(out, e->msg, sizeof e->msg);
  out[sizeof e->msg] = '\0';
  return out;
}

static void describe_text_error(char *buf, size_t size, const wd_text_error_t *e) {
  char tmp[sizeof e->msg + 1];
  const char *msg = text_error_msg(e, tmp);
  if (msg[0] == '\0')
    msg = "(no message)";
  if (e->line > 0)
    snprintf(buf, size, "%u:%u: %s", (unsigned)e->line, (unsigned)e->col, msg);
  else
    snprintf(buf, size, "%s", msg);
}

// Decodes command idx's module. Returns it (remembered, to be deleted after
// the store), or NULL: then *err holds a decoding error if `err` is given
// and decoding failed, else the reason is in m.
static ward_module_t *load_module(runner_t *r, size_t idx, ward_error_t **err, msg_t *m) {
  if (err != NULL)
    *err = NULL;
  const uint8_t *bytes = NULL;
  size_t len = 0;
  const wd_text_error_t *terr;
  if (!module_bytes(r, idx, &bytes, &len, &terr)) {
    char t[400];
    describe_text_error(t, sizeof t, terr);
    set_reason(m, "module did not parse: %s", t);
    return NULL;
  }
  ward_module_t *mod = NULL;
  ward_error_t *e = ward_module_new(r->engine, bytes, len, &mod);
  if (e != NULL) {
    if (err != NULL) {
      *err = e;
    } else {
      set_reason(m, "module failed to load: %s", error_text(e));
      ward_error_delete(e);
    }
    return NULL;
  }
  if (mod == NULL) {
    set_reason(m, "ward_module_new returned neither a module nor an error");
    return NULL;
  }
  if (!remember_module(r, mod)) {
    ward_module_delete(mod);
    set_reason(m, "out of memory");
    return NULL;
  }
  return mod;
}

// ---------------------------------------------------------------------------
// Actions

typedef struct action_out {
  ward_val_t *results; // nresults values
  size_t nresults;
  ward_trap_t *trap; // the action trapped
} action_out_t;

static void action_out_free(action_out_t *o) {
  free(o->results);
  if (o->trap != NULL)
    ward_trap_delete(o->trap);
  memset(o, 0, sizeof *o);
}

// Performs an invoke or get. True if it ran (it may have trapped: see
// out->trap); false with a reason if it could not be performed.
static bool run_action(runner_t *r, const wd_wast_action_t *a, action_out_t *out, msg_t *m) {
  memset(out, 0, sizeof *out);
  ward_instance_t *inst = target_instance(r, a->module, m);
  if (inst == NULL)
    return false;
  char qfield[512];
  quote_name(qfield, sizeof qfield, a->field ? a->field : "", a->field ? a->field_len : 0);
  ward_extern_t ext;
  if (a->field == NULL || !ward_instance_export(inst, a->field, a->field_len, &ext)) {
    set_reason(m, "no export %s", qfield);
    return false;
  }
  if (a->is_get) {
    if (ext.kind != WARD_EXTERN_GLOBAL) {
      set_reason(m, "export %s is not a global", qfield);
      return false;
    }
    out->results = calloc(1, sizeof *out->results);
    if (out->results == NULL) {
      set_reason(m, "out of memory");
      return false;
    }
    ward_global_get(ext.of.global, &out->results[0]);
    out->nresults = 1;
    return true;
  }
  if (ext.kind != WARD_EXTERN_FUNC) {
    set_reason(m, "export %s is not a function", qfield);
    return false;
  }
  ward_val_t *args = calloc(a->nargs + 1, sizeof *args);
  if (args == NULL) {
    set_reason(m, "out of memory");
    return false;
  }
  for (size_t i = 0; i < a->nargs; i++) {
    if (!make_arg(r->store, &a->args[i], &args[i], m)) {
      free(args);
      return false;
    }
  }
  const ward_functype_t *ft = ward_func_type(ext.of.func);
  size_t nres = ft ? ward_functype_result_count(ft) : 0;
  out->results = calloc(nres + 1, sizeof *out->results);
  if (out->results == NULL) {
    free(args);
    set_reason(m, "out of memory");
    return false;
  }
  out->nresults = nres;
  ward_trap_t *trap = NULL;
  ward_error_t *err =
      ward_func_call(r->store, ext.of.func, args, a->nargs, out->results, nres, &trap);
  free(args);
  if (err != NULL) {
    set_reason(m, "calling %s failed: %s", qfield, error_text(err));
    ward_error_delete(err);
    if (trap != NULL)
      ward_trap_delete(trap);
    action_out_free(out);
    return false;
  }
  out->trap = trap;
  return true;
}

// The results, as text, for details; v128 results in the shape of the
// corresponding value of `like` (if there is one).
static void append_results(char *buf, size_t size, const action_out_t *out,
                           const wd_wast_val_t *like, size_t nlike) {
  for (size_t i = 0; i < out->nresults; i++) {
    char got[512];
    wd_wast_shape_t shape =
        i < nlike && like[i].kind == WD_WV_V128 ? like[i].shape : WD_SHAPE_I32X4;
    format_actual(got, sizeof got, &out->results[i], shape);
    append(buf, size, "%s%s", i ? ", " : "", got);
  }
  if (out->nresults == 0)
    append(buf, size, "(none)");
}

// ---------------------------------------------------------------------------
// Commands

// Instantiates mod; it becomes the current instance, named name if not
// NULL (set_named before, so that this cannot fail).
static result_t instantiate(runner_t *r, ward_module_t *mod, const char *name, msg_t *m) {
  ward_instance_t *inst = NULL;
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_linker_instantiate(r->linker, r->store, mod, &inst, &trap);
  if (err != NULL) {
    set_reason(m, "instantiation failed: %s", error_text(err));
    ward_error_delete(err);
    if (trap != NULL)
      ward_trap_delete(trap);
    return R_FAIL;
  }
  if (trap != NULL) {
    set_reason(m, "instantiation trapped: %s", trap_text(trap));
    ward_trap_delete(trap);
    return R_FAIL;
  }
  if (inst == NULL) {
    set_reason(m, "instantiation returned no instance");
    return R_FAIL;
  }
  r->current = inst;
  if (name != NULL)
    set_named(r, name, inst); // exists already: cannot fail
  return R_PASS;
}

static result_t cmd_module(runner_t *r, size_t idx, msg_t *m) {
  const wd_wast_cmd_t *cmd = &r->script->cmds[idx];
  const char *name = cmd->module.name;
  // Until this module is instantiated, nothing is the current module.
  r->current = NULL;
  if (name != NULL && !set_named(r, name, NULL)) {
    set_reason(m, "out of memory");
    return R_FAIL;
  }
  ward_module_t *mod = load_module(r, idx, NULL, m);
  if (mod == NULL)
    return R_FAIL;
  if (cmd->module.definition) // (module definition ...): only defined
    return R_PASS;
  return instantiate(r, mod, name, m);
}

// (module instance $inst? $mod?): a new instance of the module of the last
// module command named $mod (or of the last one), named $inst.
static result_t cmd_instance(runner_t *r, size_t idx, msg_t *m) {
  const wd_wast_cmd_t *cmd = &r->script->cmds[idx];
  const char *want = cmd->def_module;
  size_t def = idx;
  while (def-- > 0) {
    const wd_wast_cmd_t *c = &r->script->cmds[def];
    if (c->kind == WD_WAST_MODULE &&
        (want == NULL || (c->module.name != NULL && strcmp(c->module.name, want) == 0)))
      break;
  }
  r->current = NULL;
  if (def == SIZE_MAX) {
    set_reason(m, "unknown module definition $%s", want ? want : "");
    return R_FAIL;
  }
  if (cmd->module.name != NULL && !set_named(r, cmd->module.name, NULL)) {
    set_reason(m, "out of memory");
    return R_FAIL;
  }
  ward_module_t *mod = load_module(r, def, NULL, m);
  if (mod == NULL)
    return R_FAIL;
  return instantiate(r, mod, cmd->module.name, m);
}

static result_t cmd_register(runner_t *r, const wd_wast_cmd_t *cmd, msg_t *m) {
  if (cmd->text == NULL) {
    set_reason(m, "register without a name");
    return R_FAIL;
  }
  ward_instance_t *inst = target_instance(r, cmd->reg_module, m);
  if (inst == NULL)
    return R_FAIL;
  ward_error_t *err = ward_linker_define_instance(r->linker, cmd->text, strlen(cmd->text), inst);
  if (err != NULL) {
    set_reason(m, "register failed: %s", error_text(err));
    ward_error_delete(err);
    return R_FAIL;
  }
  return R_PASS;
}

static result_t cmd_action(runner_t *r, const wd_wast_cmd_t *cmd, msg_t *m) {
  action_out_t out;
  if (!run_action(r, &cmd->action, &out, m))
    return R_FAIL;
  result_t res = R_PASS;
  if (out.trap != NULL) {
    set_reason(m, "unexpected trap: %s", trap_text(out.trap));
    res = R_FAIL;
  }
  action_out_free(&out);
  return res;
}

// Whether the results match one list of expected values; if not, a reason
// and details in m (when `explain`).
static bool match_results(const wd_wast_val_t *want, size_t nwant, const action_out_t *out,
                          bool explain, msg_t *m) {
  if (nwant != out->nresults) {
    if (explain) {
      set_reason(m, "expected %zu result%s, got %zu", nwant, nwant == 1 ? "" : "s", out->nresults);
      append(m->detail, sizeof m->detail, "got ");
      append_results(m->detail, sizeof m->detail, out, want, nwant);
    }
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < nwant; i++) {
    uint32_t lanes;
    if (match_val(&want[i], &out->results[i], &lanes))
      continue;
    if (!explain)
      return false;
    char w[1024], g[1024];
    format_expected(w, sizeof w, &want[i]);
    format_actual(g, sizeof g, &out->results[i],
                  want[i].kind == WD_WV_V128 ? want[i].shape : WD_SHAPE_I32X4);
    if (ok) {
      set_reason(m, "result %zu differs", i);
      if (lanes != 0) {
        append(m->reason, sizeof m->reason, " in lane%s", (lanes & (lanes - 1)) ? "s" : "");
        const char *sep = " ";
        for (uint32_t k = 0; k < 16; k++) {
          if (lanes & (UINT32_C(1) << k)) {
            append(m->reason, sizeof m->reason, "%s%u", sep, (unsigned)k);
            sep = ", ";
          }
        }
      }
    }
    append(m->detail, sizeof m->detail, "%sresult %zu: expected %s\n    result %zu: got      %s",
           ok ? "" : "\n    ", i, w, i, g);
    ok = false;
  }
  return ok;
}

static result_t cmd_assert_return(runner_t *r, const wd_wast_cmd_t *cmd, msg_t *m) {
  action_out_t out;
  if (!run_action(r, &cmd->action, &out, m))
    return R_FAIL;
  result_t res = R_FAIL;
  if (out.trap != NULL) {
    set_reason(m, "unexpected trap: %s", trap_text(out.trap));
  } else if (cmd->nalts == 0) { // no results expected
    if (match_results(NULL, 0, &out, true, m))
      res = R_PASS;
  } else if (cmd->nalts == 1) {
    if (match_results(cmd->alts[0], cmd->nalt_vals[0], &out, true, m))
      res = R_PASS;
  } else {
    // (either ...): any alternative may match.
    for (size_t i = 0; i < cmd->nalts && res == R_FAIL; i++)
      if (match_results(cmd->alts[i], cmd->nalt_vals[i], &out, false, m))
        res = R_PASS;
    if (res == R_FAIL) {
      set_reason(m, "the results match none of the %zu alternatives", cmd->nalts);
      for (size_t i = 0; i < cmd->nalts; i++) {
        append(m->detail, sizeof m->detail, "%salternative %zu:", i ? "\n    " : "", i);
        for (size_t k = 0; k < cmd->nalt_vals[i]; k++) {
          char w[1024];
          format_expected(w, sizeof w, &cmd->alts[i][k]);
          append(m->detail, sizeof m->detail, " %s", w);
        }
      }
      append(m->detail, sizeof m->detail, "\n    got ");
      append_results(m->detail, sizeof m->detail, &out, cmd->alts[0], cmd->nalt_vals[0]);
    }
  }
  action_out_free(&out);
  return res;
}

// assert_trap and assert_exhaustion of an action: it must trap with a
// message that begins with the expected text.
static result_t cmd_assert_trap(runner_t *r, const wd_wast_cmd_t *cmd, msg_t *m) {
  const char *text = cmd->text ? cmd->text : "";
  action_out_t out;
  if (!run_action(r, &cmd->action, &out, m))
    return R_FAIL;
  result_t res = R_FAIL;
  if (out.trap == NULL) {
    set_reason(m, "expected trap \"%s\", but it returned", text);
    append(m->detail, sizeof m->detail, "results: ");
    append_results(m->detail, sizeof m->detail, &out, NULL, 0);
  } else if (!starts_with(trap_text(out.trap), text)) {
    set_reason(m, "wrong trap message");
    append(m->detail, sizeof m->detail, "expected \"%s\", got \"%s\"", text, trap_text(out.trap));
  } else {
    res = R_PASS;
  }
  action_out_free(&out);
  return res;
}

// assert_exception: the action must end with a wasm exception that no
// wasm code caught.
static result_t cmd_assert_exception(runner_t *r, const wd_wast_cmd_t *cmd, msg_t *m) {
  action_out_t out;
  if (!run_action(r, &cmd->action, &out, m))
    return R_FAIL;
  result_t res = R_FAIL;
  if (out.trap == NULL) {
    set_reason(m, "expected an exception, but it returned");
    append(m->detail, sizeof m->detail, "results: ");
    append_results(m->detail, sizeof m->detail, &out, NULL, 0);
  } else if (ward_trap_code(out.trap) != WARD_TRAP_EXCEPTION) {
    set_reason(m, "expected an exception, but it trapped: %s", trap_text(out.trap));
  } else {
    res = R_PASS;
  }
  action_out_free(&out);
  return res;
}

// Some scripts hold two assert_invalid/assert_malformed commands whose
// modules are byte-identical but whose expected messages differ: the text
// told them apart, the binary cannot (in core-2.0, select.wast 320 and 324:
// `select (result)` with no types is encoded as plain `select`). No engine
// reading the binary can give both messages. Returns the other command's
// text when command idx is such a case and `got` begins with that text;
// NULL otherwise.
static const char *contradicting_text(runner_t *r, size_t idx, const char *got) {
  const wd_wast_cmd_t *cmd = &r->script->cmds[idx];
  const uint8_t *mine, *theirs;
  size_t mine_len, theirs_len;
  const wd_text_error_t *terr;
  if (cmd->text == NULL || !module_bytes(r, idx, &mine, &mine_len, &terr))
    return NULL;
  for (size_t i = 0; i < r->script->ncmds; i++) {
    const wd_wast_cmd_t *other = &r->script->cmds[i];
    if (i == idx ||
        (other->kind != WD_WAST_ASSERT_INVALID && other->kind != WD_WAST_ASSERT_MALFORMED) ||
        other->text == NULL || strcmp(other->text, cmd->text) == 0 ||
        !starts_with(got, other->text))
      continue;
    if (module_bytes(r, i, &theirs, &theirs_len, &terr) && theirs_len == mine_len &&
        (mine_len == 0 || memcmp(theirs, mine, mine_len) == 0))
      return other->text;
  }
  return NULL;
}

// Messages the spec renamed in Wasm 3.0: scripts of 2.0 expect the first,
// ward gives the second (the reference interpreter's wording of 3.0).
static const char *const k_renamed[][2] = {
    {"global is immutable", "immutable global"},
    {"malformed lane index", "i8 constant out of range"},
};

// Whether `got` begins with the expected text, or with its 3.0 wording.
static bool message_matches(const char *got, const char *text) {
  if (starts_with(got, text))
    return true;
  for (size_t i = 0; i < sizeof k_renamed / sizeof *k_renamed; i++)
    if (strcmp(text, k_renamed[i][0]) == 0 && starts_with(got, k_renamed[i][1]))
      return true;
  return false;
}

// assert_invalid and assert_malformed. A malformed module may fail in the
// text parser or in the binary decoder; either way the message must begin
// with the expected text, and a decoding error must be of the right kind.
// An invalid module must parse (its text is well-formed) and then fail to
// decode as invalid.
static result_t cmd_bad_module(runner_t *r, size_t idx, bool malformed, msg_t *m) {
  const wd_wast_cmd_t *cmd = &r->script->cmds[idx];
  const char *text = cmd->text ? cmd->text : "";
  const uint8_t *bytes;
  size_t len;
  const wd_text_error_t *terr;
  if (!module_bytes(r, idx, &bytes, &len, &terr)) {
    char tmp[sizeof terr->msg + 1];
    if (malformed && message_matches(text_error_msg(terr, tmp), text))
      return R_PASS;
    char t[400];
    describe_text_error(t, sizeof t, terr);
    if (malformed) {
      set_reason(m, "wrong text parse error");
      append(m->detail, sizeof m->detail, "expected \"%s\", got \"%s\"", text, t);
    } else {
      set_reason(m, "module did not parse: %s", t);
      append(m->detail, sizeof m->detail, "expected it to parse, then be invalid: \"%s\"", text);
    }
    return R_FAIL;
  }
  ward_error_t *err = NULL;
  ward_module_t *mod = load_module(r, idx, &err, m);
  if (mod != NULL) {
    set_reason(m, "module was accepted, expected \"%s\"", text);
    return R_FAIL;
  }
  if (err == NULL)
    return R_FAIL; // reason set
  ward_errkind_t want = malformed ? WARD_ERROR_MALFORMED : WARD_ERROR_INVALID;
  const char *got = error_text(err);
  result_t res = R_PASS;
  if (!message_matches(got, text)) {
    if (contradicting_text(r, idx, got) != NULL) {
      res = R_PASS_AMBIGUOUS;
    } else {
      set_reason(m, "wrong error message");
      append(m->detail, sizeof m->detail, "expected \"%s\", got \"%s\"", text, got);
      res = R_FAIL;
    }
  } else if (ward_error_kind(err) != want) {
    set_reason(m, "right message, wrong kind of error: %s, expected %s",
               ward_error_kind(err) == WARD_ERROR_MALFORMED ? "malformed"
               : ward_error_kind(err) == WARD_ERROR_INVALID ? "invalid"
                                                            : "other",
               malformed ? "malformed" : "invalid");
    res = R_FAIL;
  }
  ward_error_delete(err);
  return res;
}

// assert_unlinkable (the linker must refuse the module with the text) and
// assert_uninstantiable or assert_trap of a module (instantiation must trap
// with the text).
static result_t cmd_assert_instantiate(runner_t *r, size_t idx, bool want_trap, msg_t *m) {
  const wd_wast_cmd_t *cmd = &r->script->cmds[idx];
  const char *text = cmd->text ? cmd->text : "";
  ward_module_t *mod = load_module(r, idx, NULL, m);
  if (mod == NULL)
    return R_FAIL;
  ward_instance_t *inst = NULL;
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_linker_instantiate(r->linker, r->store, mod, &inst, &trap);
  result_t res = R_FAIL;
  if (err == NULL && trap == NULL) {
    set_reason(m, "instantiation succeeded, expected %s \"%s\"", want_trap ? "trap" : "error",
               text);
  } else if (want_trap && trap == NULL) {
    set_reason(m, "expected a trap, got an error");
    append(m->detail, sizeof m->detail, "expected trap \"%s\", got error \"%s\"", text,
           error_text(err));
  } else if (want_trap) {
    if (starts_with(trap_text(trap), text)) {
      res = R_PASS;
    } else {
      set_reason(m, "wrong trap message");
      append(m->detail, sizeof m->detail, "expected \"%s\", got \"%s\"", text, trap_text(trap));
    }
  } else if (err == NULL) {
    set_reason(m, "expected a link error, got a trap");
    append(m->detail, sizeof m->detail, "expected error \"%s\", got trap \"%s\"", text,
           trap_text(trap));
  } else if (!starts_with(error_text(err), text)) {
    set_reason(m, "wrong error message");
    append(m->detail, sizeof m->detail, "expected \"%s\", got \"%s\"", text, error_text(err));
  } else if (ward_error_kind(err) != WARD_ERROR_UNLINKABLE) {
    set_reason(m, "right message, but not a link error (kind %d)", (int)ward_error_kind(err));
  } else {
    res = R_PASS;
  }
  if (err != NULL)
    ward_error_delete(err);
  if (trap != NULL)
    ward_trap_delete(trap);
  return res;
}

static result_t run_command(runner_t *r, size_t idx, msg_t *m) {
  const wd_wast_cmd_t *cmd = &r->script->cmds[idx];
  switch (cmd->kind) {
  case WD_WAST_MODULE: return cmd_module(r, idx, m);
  case WD_WAST_REGISTER: return cmd_register(r, cmd, m);
  case WD_WAST_ACTION: return cmd_action(r, cmd, m);
  case WD_WAST_ASSERT_RETURN: return cmd_assert_return(r, cmd, m);
  case WD_WAST_ASSERT_TRAP:
    if (!cmd->has_action)
      return cmd_assert_instantiate(r, idx, true, m);
    return cmd_assert_trap(r, cmd, m);
  case WD_WAST_ASSERT_EXHAUSTION: return cmd_assert_trap(r, cmd, m);
  case WD_WAST_ASSERT_INVALID: return cmd_bad_module(r, idx, false, m);
  case WD_WAST_ASSERT_MALFORMED: return cmd_bad_module(r, idx, true, m);
  case WD_WAST_ASSERT_UNLINKABLE: return cmd_assert_instantiate(r, idx, false, m);
  case WD_WAST_ASSERT_UNINSTANTIABLE: return cmd_assert_instantiate(r, idx, true, m);
  case WD_WAST_ASSERT_EXCEPTION: return cmd_assert_exception(r, cmd, m);
  case WD_WAST_INSTANCE: return cmd_instance(r, idx, m);
  }
  set_reason(m, "unknown command kind %d", (int)cmd->kind);
  return R_FAIL;
}

static const char *command_name(const wd_wast_cmd_t *cmd) {
  switch (cmd->kind) {
  case WD_WAST_MODULE: return "module";
  case WD_WAST_REGISTER: return "register";
  case WD_WAST_ACTION: return cmd->action.is_get ? "get" : "invoke";
  case WD_WAST_ASSERT_RETURN: return "assert_return";
  case WD_WAST_ASSERT_TRAP: return "assert_trap";
  case WD_WAST_ASSERT_EXHAUSTION: return "assert_exhaustion";
  case WD_WAST_ASSERT_INVALID: return "assert_invalid";
  case WD_WAST_ASSERT_MALFORMED: return "assert_malformed";
  case WD_WAST_ASSERT_UNLINKABLE: return "assert_unlinkable";
  // Only wast2json's JSON has assert_uninstantiable: in a script it is
  // assert_trap of a module.
  case WD_WAST_ASSERT_UNINSTANTIABLE: return "assert_trap";
  case WD_WAST_ASSERT_EXCEPTION: return "assert_exception";
  case WD_WAST_INSTANCE: return "module instance";
  }
  return "command";
}

// Whether the command has an action (to describe with -v).
static bool has_action(const wd_wast_cmd_t *cmd) {
  switch (cmd->kind) {
  case WD_WAST_ACTION:
  case WD_WAST_ASSERT_RETURN:
  case WD_WAST_ASSERT_EXHAUSTION:
  case WD_WAST_ASSERT_EXCEPTION: return true;
  case WD_WAST_ASSERT_TRAP: return cmd->has_action;
  default: return false;
  }
}

static void report(const runner_t *r, const wd_wast_cmd_t *cmd, const msg_t *m) {
  printf("%s:%u: %s: %s\n", r->file, (unsigned)cmd->line, command_name(cmd),
         m->reason[0] ? m->reason : "failed");
  if (!r->opt->verbose)
    return;
  if (has_action(cmd)) {
    const wd_wast_action_t *a = &cmd->action;
    char q[512];
    quote_name(q, sizeof q, a->field ? a->field : "", a->field ? a->field_len : 0);
    printf("    %s %s%s%s", a->is_get ? "get" : "invoke", a->module ? "$" : "",
           a->module ? a->module : "", a->module ? " " : "");
    fputs(q, stdout);
    if (!a->is_get) {
      fputs(" (", stdout);
      for (size_t i = 0; i < a->nargs; i++) {
        char v[1024];
        format_expected(v, sizeof v, &a->args[i]);
        printf("%s%s", i ? ", " : "", v);
      }
      putchar(')');
    }
    putchar('\n');
  }
  if (m->detail[0])
    printf("    %s\n", m->detail);
}

// ---------------------------------------------------------------------------
// Scripts

static void runner_free(runner_t *r) {
  wd_cli_limits_end(r->intr, r->watchdog);
  // The modules must outlive the store holding their instances.
  if (r->linker != NULL)
    ward_linker_delete(r->linker);
  if (r->store != NULL)
    ward_store_delete(r->store);
  for (size_t i = 0; i < r->nmodules; i++)
    ward_module_delete(r->modules[i]);
  free(r->modules);
  for (size_t i = 0; i < r->nnamed; i++)
    free(r->named[i].name);
  free(r->named);
  if (r->engine != NULL)
    ward_engine_delete(r->engine);
  free(r->quote_done);
}

typedef struct totals {
  size_t passed, failed, ambiguous;
  size_t bad_files; // could not be read, or did not parse entirely
} totals_t;

// Runs one script, adding its counts to *t.
static void run_file(const char *path, const wast_opts_t *opt, totals_t *t) {
  runner_t r;
  memset(&r, 0, sizeof r);
  r.opt = opt;
  r.file = path;
  size_t size = 0;
  uint8_t *src = wd_cli_read_file(path, &size);
  if (src == NULL) {
    printf("%s: cannot read: %s\n", path, errno ? strerror(errno) : "error");
    t->failed++;
    t->bad_files++;
    return;
  }
  wd_wast_script_t script;
  memset(&script, 0, sizeof script);
  wd_text_error_t perr;
  memset(&perr, 0, sizeof perr);
  bool parsed = wd_wast_parse_features((const char *)src, size, opt->features, &script, &perr);
  free(src);
  r.script = &script;

  ward_config_t cfg;
  ward_config_init(&cfg);
  cfg.eager_compile = opt->eager;
  cfg.features = opt->features;
  wd_cli_tuning_apply(&opt->tuning, &cfg);
  wd_cli_limits_config(&opt->limits, &cfg);
  r.engine = ward_engine_new(&cfg);
  r.store = r.engine ? ward_store_new(r.engine) : NULL;
  r.linker = r.engine ? ward_linker_new(r.engine) : NULL;
  r.quote_done = calloc(script.ncmds + 1, sizeof *r.quote_done);
  char msg[512];
  if (r.store == NULL || r.linker == NULL || r.quote_done == NULL ||
      !wd_cli_limits_apply(r.store, &opt->limits, &r.intr, &r.watchdog)) {
    printf("%s: out of memory\n", path);
    r.failed++;
  } else if (!wd_cli_spectest_define(r.linker, r.store, opt->verbose, msg, sizeof msg)) {
    printf("%s: %s\n", path, msg);
    r.failed++;
  } else {
    for (size_t i = 0; i < script.ncmds; i++) {
      msg_t m;
      m.reason[0] = '\0';
      m.detail[0] = '\0';
      // What the command's values hold in the store is rooted until it
      // is done.
      size_t roots = ward_store_roots_enter(r.store);
      result_t res = run_command(&r, i, &m);
      ward_store_roots_leave(r.store, roots);
      fflush(stdout); // the spectest module prints with -v
      if (res == R_FAIL) {
        report(&r, &script.cmds[i], &m);
        r.failed++;
      } else if (script.cmds[i].kind != WD_WAST_REGISTER) {
        // `register` is not a test by itself (as in wabt's spectest-interp),
        // but a failed one is counted.
        r.passed++;
        if (res == R_PASS_AMBIGUOUS)
          r.ambiguous++;
      }
    }
  }
  if (!parsed) {
    // The commands before the error ran; the rest of the file cannot.
    char tmp[sizeof perr.msg + 1];
    const char *pm = perr.msg[0] ? text_error_msg(&perr, tmp) : "cannot parse the script";
    if (perr.line > 0)
      printf("%s:%u:%u: script parse error: %s\n", path, (unsigned)perr.line, (unsigned)perr.col,
             pm);
    else
      printf("%s: script parse error: %s\n", path, pm);
    r.failed++;
    t->bad_files++;
  }
  if (r.watchdog && ward_watchdog_fired(r.watchdog))
    printf("%s: stopped by --timeout\n", path);
  if (opt->verbose)
    printf("%s: %zu passed, %zu failed\n", path, r.passed, r.failed);
  fflush(stdout);
  t->passed += r.passed;
  t->failed += r.failed;
  t->ambiguous += r.ambiguous;
  runner_free(&r);
  wd_wast_free(&script);
}

static int wast_usage_error(const char *what, const char *arg) {
  return wd_cli_usage_error_of(wd_cli_wast_usage_text, what, arg);
}

int wd_cli_wast_main(int argc, char **argv, int i) {
  wast_opts_t opt;
  memset(&opt, 0, sizeof opt);
  opt.features = WARD_FEATURES_ALL;
  // Options first; then every argument is a FILE.
  for (; i < argc; i++) {
    const char *a = argv[i];
    int m;
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (a[0] != '-' || a[1] == '\0')
      break;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(wd_cli_wast_usage_text, stdout);
      return EXIT_SUCCESS;
    }
    if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)
      opt.verbose = true;
    else if (strcmp(a, "--eager") == 0)
      opt.eager = true;
    else if ((m = wd_cli_limit_option(argc, argv, &i, &opt.limits, wd_cli_wast_usage_text)) != 0) {
      if (m != 1)
        return m;
    } else if (a[1] == 'W' || strncmp(a, "--wasm", 6) == 0 || a[1] == 'O' ||
               strncmp(a, "--optimize", 10) == 0) {
      // -W/--wasm FEATURES and -O/--optimize SETTINGS: the value attached
      // (-Wgc=n, --wasm=gc=n) or the next argument.
      bool w = a[1] == 'W' || strncmp(a, "--wasm", 6) == 0; // else -O, --optimize
      const char *v = a[1] != '-' ? a + 2 : a + (w ? 6 : 10);
      if (*v == '=')
        v++;
      else if (*v == '\0') {
        if (i + 1 >= argc)
          return wast_usage_error(w ? "-W needs a feature: FEATURE[=y|n][,...]"
                                    : "-O needs a setting: KEY=VALUE[,...]",
                                  NULL);
        v = argv[++i];
      } else if (a[1] == '-')
        return wast_usage_error("unknown option", a);
      if (w ? !wd_cli_wasm_flags(v, &opt.features) : !wd_cli_tuning_flags(v, &opt.tuning)) {
        fprintf(stderr, "\n%s", wd_cli_wast_usage_text);
        return 2;
      }
    } else
      return wast_usage_error("unknown option", a);
  }
  if (i >= argc)
    return wast_usage_error("missing FILE.wast", NULL);
  totals_t t;
  memset(&t, 0, sizeof t);
  for (; i < argc; i++)
    run_file(argv[i], &opt, &t);
  printf("%zu passed, %zu failed\n", t.passed, t.failed);
  if (t.ambiguous > 0)
    printf("(%zu of the passed gave the message that a byte-identical module expects)\n",
           t.ambiguous);
  if (t.bad_files > 0)
    printf("(%zu file%s could not be read or parsed entirely)\n", t.bad_files,
           t.bad_files == 1 ? "" : "s");
  if (fflush(stdout) != 0)
    return EXIT_FAILURE;
  return t.failed == 0 && t.bad_files == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
