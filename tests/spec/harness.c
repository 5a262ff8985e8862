// SPDX-License-Identifier: Apache-2.0
// ward-spec: runs the WebAssembly spec test scripts, as converted to JSON by
// wabt's wast2json, against ward's public API (see ../shared/spec/README.md).
//
// Usage: ward-spec [-v] [--eager] [--line N | --upto N] FILE.json...
//        ward-spec [-v] --dir DIR          (every DIR/*/*.json, sorted)
//        ward-spec --parse-only FILE.json... | --dir DIR
#define _POSIX_C_SOURCE 200809L // <dirent.h>

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "cli_spectest.h" // cli/: the spectest host module, shared with `ward wast`

// ---------------------------------------------------------------------------
// Options and counters

typedef enum line_mode {
  LINE_ALL,   // run every command
  LINE_STATE, // --line N: commands before N that build state, then line N
  LINE_UPTO,  // --upto N: every command before N silently, then line N
} line_mode_t;

typedef struct options {
  bool verbose;
  bool parse_only;
  line_mode_t line_mode;
  long line;
  bool eager; // --eager: translate every function when its module loads
} options_t;

typedef struct counts {
  size_t passed, failed, skipped;
  size_t ambiguous;    // of passed: see contradicting_text()
  size_t skipped_text; // of skipped: assert_malformed/invalid in text form
  size_t skipped_simd; // of skipped: v128 values or simd_* files
} counts_t;

typedef enum result {
  RES_PASS,
  RES_PASS_AMBIGUOUS,
  RES_FAIL,
  RES_SKIP_TEXT,
  RES_SKIP_SIMD,
} result_t;

// Why a command failed: a short reason, always printed, and details
// (expected vs got) printed with -v.
typedef struct msg {
  char reason[512];
  char detail[2048];
} msg_t;

typedef struct named_instance {
  char *name;
  size_t len;
  ward_instance_t *inst; // NULL if the module of that name failed to load
} named_instance_t;

typedef struct script {
  const options_t *opt;
  const char *display; // the name used in failure reports ("i32.wast")
  char *dir;           // the JSON's directory, for module file names
  ward_engine_t *engine;
  ward_store_t *store;
  ward_linker_t *linker;
  ward_module_t **modules; // all modules made; deleted after the store
  size_t nmodules, capmodules;
  named_instance_t *named;
  size_t nnamed, capnamed;
  ward_instance_t *current;     // target of actions without "module"
  const json_value_t *commands; // the whole script, for cross-checks
  counts_t counts;
} script_t;

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

PRINTF_LIKE(2, 3)
static void set_reason(msg_t *m, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(m->reason, sizeof m->reason, fmt, ap);
  va_end(ap);
}

PRINTF_LIKE(2, 3)
static void set_detail(msg_t *m, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(m->detail, sizeof m->detail, fmt, ap);
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

// Writes a byte string (a wasm name, which may hold any byte) printably.
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

// ---------------------------------------------------------------------------
// Files

// Reads a whole file into an exactly sized heap buffer (at least 1 byte is
// allocated). Returns false and sets errno on failure.
static bool read_file(const char *path, uint8_t **out, size_t *out_len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return false;
  uint8_t *data = NULL;
  size_t len = 0, cap = 0;
  for (;;) {
    if (len == cap) {
      size_t ncap = cap ? cap * 2 : 65536;
      uint8_t *nd = realloc(data, ncap);
      if (nd == NULL)
        goto fail;
      data = nd;
      cap = ncap;
    }
    size_t n = fread(data + len, 1, cap - len, f);
    len += n;
    if (n == 0)
      break;
  }
  if (ferror(f))
    goto fail;
  fclose(f);
  // Shrink to the exact size so that over-reads are caught by ASan.
  uint8_t *exact = malloc(len ? len : 1);
  if (exact == NULL) {
    free(data);
    errno = ENOMEM;
    return false;
  }
  if (len > 0)
    memcpy(exact, data, len);
  free(data);
  *out = exact;
  *out_len = len;
  return true;
fail:
  free(data);
  fclose(f);
  if (errno == 0)
    errno = EIO;
  return false;
}

static char *str_dup(const char *s) {
  size_t n = strlen(s);
  char *d = malloc(n + 1);
  if (d != NULL)
    memcpy(d, s, n + 1);
  return d;
}

static char *dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (slash == NULL)
    return str_dup(".");
  size_t n = (size_t)(slash - path);
  if (n == 0)
    n = 1; // "/x.json"
  char *d = malloc(n + 1);
  if (d == NULL)
    return NULL;
  memcpy(d, path, n);
  d[n] = '\0';
  return d;
}

static const char *base_of(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

// dir + "/" + name; NULL if out of memory.
static char *path_join(const char *dir, const char *name) {
  size_t a = strlen(dir), b = strlen(name);
  char *p = malloc(a + b + 2);
  if (p == NULL)
    return NULL;
  memcpy(p, dir, a);
  p[a] = '/';
  memcpy(p + a + 1, name, b + 1);
  return p;
}

// ---------------------------------------------------------------------------
// Script state

static bool remember_module(script_t *sc, ward_module_t *m) {
  if (sc->nmodules == sc->capmodules) {
    size_t ncap = sc->capmodules ? sc->capmodules * 2 : 16;
    ward_module_t **nm = realloc(sc->modules, ncap * sizeof *nm);
    if (nm == NULL)
      return false;
    sc->modules = nm;
    sc->capmodules = ncap;
  }
  sc->modules[sc->nmodules++] = m;
  return true;
}

static named_instance_t *find_named(script_t *sc, const char *name, size_t len) {
  for (size_t i = 0; i < sc->nnamed; i++) {
    if (sc->named[i].len == len && memcmp(sc->named[i].name, name, len) == 0)
      return &sc->named[i];
  }
  return NULL;
}

static bool set_named(script_t *sc, const char *name, size_t len, ward_instance_t *inst) {
  named_instance_t *n = find_named(sc, name, len);
  if (n != NULL) {
    n->inst = inst;
    return true;
  }
  if (sc->nnamed == sc->capnamed) {
    size_t ncap = sc->capnamed ? sc->capnamed * 2 : 8;
    named_instance_t *nn = realloc(sc->named, ncap * sizeof *nn);
    if (nn == NULL)
      return false;
    sc->named = nn;
    sc->capnamed = ncap;
  }
  char *copy = malloc(len + 1);
  if (copy == NULL)
    return false;
  memcpy(copy, name, len);
  copy[len] = '\0';
  sc->named[sc->nnamed].name = copy;
  sc->named[sc->nnamed].len = len;
  sc->named[sc->nnamed].inst = inst;
  sc->nnamed++;
  return true;
}

// The instance a command targets: its "module"/"name" member if present,
// else the current one. NULL (with a reason) if there is none.
static ward_instance_t *target_instance(script_t *sc, const json_value_t *obj, const char *key,
                                        msg_t *m) {
  size_t len;
  const char *name = json_get_str(obj, key, &len);
  if (name == NULL) {
    if (json_get(obj, key) != NULL) {
      set_reason(m, "\"%s\" is not a string", key);
      return NULL;
    }
    if (sc->current == NULL)
      set_reason(m, "no current module (the last one failed to load?)");
    return sc->current;
  }
  named_instance_t *n = find_named(sc, name, len);
  if (n == NULL) {
    char q[256];
    quote_name(q, sizeof q, name, len);
    set_reason(m, "unknown module %s", q);
    return NULL;
  }
  if (n->inst == NULL) {
    char q[256];
    quote_name(q, sizeof q, name, len);
    set_reason(m, "module %s failed to load", q);
  }
  return n->inst;
}

// ---------------------------------------------------------------------------
// Values

// Parses an unsigned decimal string of at most `max`.
static bool parse_u64(const char *s, uint64_t max, uint64_t *out) {
  if (s == NULL || *s == '\0')
    return false;
  uint64_t v = 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9')
      return false;
    uint64_t d = (uint64_t)(*s - '0');
    if (v > (max - d) / 10)
      return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

static bool parse_kind(const char *type, ward_valkind_t *out) {
  static const struct {
    const char *name;
    ward_valkind_t kind;
  } kinds[] = {
      {"i32", WARD_I32},
      {"i64", WARD_I64},
      {"f32", WARD_F32},
      {"f64", WARD_F64},
      {"v128", WARD_V128},
      {"funcref", WARD_FUNCREF},
      {"externref", WARD_EXTERNREF},
  };
  if (type == NULL)
    return false;
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    if (strcmp(type, kinds[i].name) == 0) {
      *out = kinds[i].kind;
      return true;
    }
  }
  return false;
}

// Whether any value in the array (or in the "either" alternatives) is a v128.
static bool has_v128(const json_value_t *arr) {
  if (arr == NULL || arr->type != JSON_ARRAY)
    return false;
  for (size_t i = 0; i < arr->count; i++) {
    const char *t = json_get_str(arr->items[i], "type", NULL);
    if (t != NULL && strcmp(t, "v128") == 0)
      return true;
  }
  return false;
}

// Converts a JSON argument to a value. False (with a reason) if unusable.
static bool parse_arg(const json_value_t *jv, ward_val_t *out, msg_t *m) {
  memset(out, 0, sizeof *out);
  const char *type = json_get_str(jv, "type", NULL);
  const char *value = json_get_str(jv, "value", NULL);
  ward_valkind_t kind;
  if (!parse_kind(type, &kind)) {
    set_reason(m, "argument with unknown type \"%s\"", type ? type : "(none)");
    return false;
  }
  out->kind = kind;
  if (value == NULL) {
    set_reason(m, "%s argument without a string value", type);
    return false;
  }
  uint64_t bits = 0;
  switch (kind) {
  case WARD_I32:
  case WARD_F32:
    if (!parse_u64(value, UINT32_MAX, &bits))
      break;
    if (kind == WARD_I32) {
      uint32_t u = (uint32_t)bits;
      memcpy(&out->of.i32, &u, sizeof u);
    } else {
      uint32_t u = (uint32_t)bits;
      memcpy(&out->of.f32, &u, sizeof u);
    }
    return true;
  case WARD_I64:
  case WARD_F64:
    if (!parse_u64(value, UINT64_MAX, &bits))
      break;
    if (kind == WARD_I64)
      memcpy(&out->of.i64, &bits, sizeof bits);
    else
      memcpy(&out->of.f64, &bits, sizeof bits);
    return true;
  case WARD_EXTERNREF:
    if (strcmp(value, "null") == 0) {
      out->of.externref = NULL;
      return true;
    }
    if (!parse_u64(value, UINTPTR_MAX - 1, &bits))
      break;
    // Host reference N is the pointer N + 1, so that 0 is not null.
    out->of.externref = (void *)(uintptr_t)(bits + 1);
    return true;
  case WARD_FUNCREF:
    if (strcmp(value, "null") == 0) {
      out->of.funcref = NULL;
      return true;
    }
    set_reason(m, "non-null funcref argument \"%s\" cannot be made", value);
    return false;
  default: break;
  }
  set_reason(m, "bad %s argument \"%s\"", type, value);
  return false;
}

static void format_val(char *buf, size_t size, const ward_val_t *v) {
  uint32_t u32;
  uint64_t u64;
  switch (v->kind) {
  case WARD_I32:
    memcpy(&u32, &v->of.i32, sizeof u32);
    snprintf(buf, size, "i32:%" PRIu32 " (0x%08" PRIx32 ")", u32, u32);
    break;
  case WARD_I64:
    memcpy(&u64, &v->of.i64, sizeof u64);
    snprintf(buf, size, "i64:%" PRIu64 " (0x%016" PRIx64 ")", u64, u64);
    break;
  case WARD_F32:
    memcpy(&u32, &v->of.f32, sizeof u32);
    snprintf(buf, size, "f32:%" PRIu32 " (0x%08" PRIx32 " = %.9g)", u32, u32, (double)v->of.f32);
    break;
  case WARD_F64:
    memcpy(&u64, &v->of.f64, sizeof u64);
    snprintf(buf, size, "f64:%" PRIu64 " (0x%016" PRIx64 " = %.17g)", u64, u64, v->of.f64);
    break;
  case WARD_FUNCREF: snprintf(buf, size, "funcref:%s", v->of.funcref ? "non-null" : "null"); break;
  case WARD_EXTERNREF:
    if (v->of.externref == NULL)
      snprintf(buf, size, "externref:null");
    else
      snprintf(buf, size, "externref:%" PRIuPTR, (uintptr_t)v->of.externref - 1);
    break;
  default:
    snprintf(buf, size, "%s", ward_valkind_name(v->kind) ? ward_valkind_name(v->kind) : "?");
    break;
  }
}

// Compares a result with an expected JSON value. True if it matches; else
// false with a description of the expected value in want[size].
static bool match_val(const json_value_t *jv, const ward_val_t *got, char *want, size_t size) {
  const char *type = json_get_str(jv, "type", NULL);
  const char *value = json_get_str(jv, "value", NULL);
  ward_valkind_t kind;
  snprintf(want, size, "%s:%s", type ? type : "(no type)", value ? value : "(no value)");
  if (!parse_kind(type, &kind) || value == NULL)
    return false;
  if (got->kind != kind)
    return false;
  uint64_t bits = 0;
  uint32_t g32;
  uint64_t g64;
  switch (kind) {
  case WARD_I32:
    memcpy(&g32, &got->of.i32, sizeof g32);
    return parse_u64(value, UINT32_MAX, &bits) && g32 == bits;
  case WARD_I64:
    memcpy(&g64, &got->of.i64, sizeof g64);
    return parse_u64(value, UINT64_MAX, &bits) && g64 == bits;
  case WARD_F32:
    memcpy(&g32, &got->of.f32, sizeof g32);
    // Canonical NaN: quiet bit only, either sign. Arithmetic: quiet bit set.
    if (strcmp(value, "nan:canonical") == 0)
      return (g32 & 0x7FFFFFFFu) == 0x7FC00000u;
    if (strcmp(value, "nan:arithmetic") == 0)
      return (g32 & 0x7FC00000u) == 0x7FC00000u;
    return parse_u64(value, UINT32_MAX, &bits) && g32 == bits;
  case WARD_F64:
    memcpy(&g64, &got->of.f64, sizeof g64);
    if (strcmp(value, "nan:canonical") == 0)
      return (g64 & 0x7FFFFFFFFFFFFFFFu) == 0x7FF8000000000000u;
    if (strcmp(value, "nan:arithmetic") == 0)
      return (g64 & 0x7FF8000000000000u) == 0x7FF8000000000000u;
    return parse_u64(value, UINT64_MAX, &bits) && g64 == bits;
  case WARD_FUNCREF:
    if (strcmp(value, "null") == 0)
      return got->of.funcref == NULL;
    return got->of.funcref != NULL;
  case WARD_EXTERNREF:
    if (strcmp(value, "null") == 0)
      return got->of.externref == NULL;
    if (!parse_u64(value, UINTPTR_MAX - 1, &bits))
      return false;
    return got->of.externref == (void *)(uintptr_t)(bits + 1);
  default: return false;
  }
}

// ---------------------------------------------------------------------------
// Actions

typedef struct action_out {
  ward_val_t *results; // owned; nresults values
  size_t nresults;
  ward_trap_t *trap; // owned; set if the action trapped
} action_out_t;

static void action_out_free(action_out_t *o) {
  free(o->results);
  if (o->trap != NULL)
    ward_trap_delete(o->trap);
  o->results = NULL;
  o->trap = NULL;
  o->nresults = 0;
}

// Performs an "invoke" or "get" action. RES_PASS if it ran (it may have
// trapped: see out->trap), RES_SKIP_SIMD if it involves v128, RES_FAIL with a
// reason if it could not be performed.
static result_t run_action(script_t *sc, const json_value_t *action, action_out_t *out, msg_t *m) {
  memset(out, 0, sizeof *out);
  if (action == NULL || action->type != JSON_OBJECT) {
    set_reason(m, "command without an action");
    return RES_FAIL;
  }
  const char *type = json_get_str(action, "type", NULL);
  size_t field_len;
  const char *field = json_get_str(action, "field", &field_len);
  if (type == NULL || field == NULL) {
    set_reason(m, "action without type or field");
    return RES_FAIL;
  }
  const json_value_t *args = json_get_array(action, "args");
  if (has_v128(args))
    return RES_SKIP_SIMD;
  ward_instance_t *inst = target_instance(sc, action, "module", m);
  if (inst == NULL)
    return RES_FAIL;

  char qfield[512];
  quote_name(qfield, sizeof qfield, field, field_len);
  ward_extern_t ext;
  if (!ward_instance_export(inst, field, field_len, &ext)) {
    set_reason(m, "no export %s", qfield);
    return RES_FAIL;
  }

  if (strcmp(type, "get") == 0) {
    if (ext.kind != WARD_EXTERN_GLOBAL) {
      set_reason(m, "export %s is not a global", qfield);
      return RES_FAIL;
    }
    out->results = calloc(1, sizeof *out->results);
    if (out->results == NULL) {
      set_reason(m, "out of memory");
      return RES_FAIL;
    }
    ward_global_get(ext.of.global, &out->results[0]);
    out->nresults = 1;
    return RES_PASS;
  }
  if (strcmp(type, "invoke") != 0) {
    set_reason(m, "unknown action type \"%s\"", type);
    return RES_FAIL;
  }
  if (ext.kind != WARD_EXTERN_FUNC) {
    set_reason(m, "export %s is not a function", qfield);
    return RES_FAIL;
  }
  if (args == NULL) {
    set_reason(m, "invoke without args");
    return RES_FAIL;
  }
  size_t nargs = args->count;
  ward_val_t *argv = calloc(nargs ? nargs : 1, sizeof *argv);
  if (argv == NULL) {
    set_reason(m, "out of memory");
    return RES_FAIL;
  }
  for (size_t i = 0; i < nargs; i++) {
    if (!parse_arg(args->items[i], &argv[i], m)) {
      free(argv);
      return RES_FAIL;
    }
  }
  const ward_functype_t *ft = ward_func_type(ext.of.func);
  size_t nres = ft ? ward_functype_result_count(ft) : 0;
  out->results = calloc(nres ? nres : 1, sizeof *out->results);
  if (out->results == NULL) {
    free(argv);
    set_reason(m, "out of memory");
    return RES_FAIL;
  }
  out->nresults = nres;
  ward_trap_t *trap = NULL;
  ward_error_t *err =
      ward_func_call(sc->store, ext.of.func, argv, nargs, out->results, nres, &trap);
  free(argv);
  if (err != NULL) {
    set_reason(m, "calling %s failed: %s", qfield, ward_error_message(err));
    ward_error_delete(err);
    if (trap != NULL)
      ward_trap_delete(trap);
    action_out_free(out);
    return RES_FAIL;
  }
  out->trap = trap;
  return RES_PASS;
}

static const char *trap_text(const ward_trap_t *t) {
  const char *s = ward_trap_message(t);
  return s ? s : "(no message)";
}

static const char *error_text(const ward_error_t *e) {
  const char *s = ward_error_message(e);
  return s ? s : "(no message)";
}

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

// ---------------------------------------------------------------------------
// Commands

static result_t cmd_action(script_t *sc, const json_value_t *cmd, msg_t *m) {
  action_out_t out;
  result_t r = run_action(sc, json_get(cmd, "action"), &out, m);
  if (r != RES_PASS)
    return r;
  if (out.trap != NULL) {
    set_reason(m, "unexpected trap: %s", trap_text(out.trap));
    r = RES_FAIL;
  }
  action_out_free(&out);
  return r;
}

static bool match_results(const json_value_t *expected, const action_out_t *out, msg_t *m) {
  char got[256], want[256];
  if (expected->count != out->nresults) {
    set_reason(m, "expected %zu results, got %zu", expected->count, out->nresults);
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < out->nresults; i++) {
    if (match_val(expected->items[i], &out->results[i], want, sizeof want))
      continue;
    format_val(got, sizeof got, &out->results[i]);
    if (ok)
      set_reason(m, "result %zu differs", i);
    append(m->detail, sizeof m->detail, "%sresult %zu: expected %s, got %s", ok ? "" : "; ", i,
           want, got);
    ok = false;
  }
  return ok;
}

static result_t cmd_assert_return(script_t *sc, const json_value_t *cmd, msg_t *m) {
  const json_value_t *expected = json_get_array(cmd, "expected");
  const json_value_t *either = json_get_array(cmd, "either");
  if (has_v128(expected) || has_v128(either))
    return RES_SKIP_SIMD;
  if (expected == NULL && either == NULL) {
    set_reason(m, "assert_return without expected results");
    return RES_FAIL;
  }
  action_out_t out;
  result_t r = run_action(sc, json_get(cmd, "action"), &out, m);
  if (r != RES_PASS)
    return r;
  if (out.trap != NULL) {
    set_reason(m, "unexpected trap: %s", trap_text(out.trap));
    r = RES_FAIL;
  } else if (expected != NULL) {
    if (!match_results(expected, &out, m))
      r = RES_FAIL;
  } else {
    // Wasm 3.0 relaxed semantics: one result, equal to any alternative.
    char want[256], got[256];
    r = RES_FAIL;
    if (out.nresults != 1) {
      set_reason(m, "expected 1 result, got %zu", out.nresults);
    } else {
      for (size_t i = 0; i < either->count && r == RES_FAIL; i++)
        if (match_val(either->items[i], &out.results[0], want, sizeof want))
          r = RES_PASS;
      if (r == RES_FAIL) {
        format_val(got, sizeof got, &out.results[0]);
        set_reason(m, "result matches none of %zu alternatives", either->count);
        set_detail(m, "got %s", got);
      }
    }
  }
  action_out_free(&out);
  return r;
}

// assert_trap and assert_exhaustion: the action must trap with the text.
static result_t cmd_assert_trap(script_t *sc, const json_value_t *cmd, msg_t *m) {
  const char *text = json_get_str(cmd, "text", NULL);
  if (has_v128(json_get_array(cmd, "expected")))
    return RES_SKIP_SIMD;
  if (text == NULL) {
    set_reason(m, "command without text");
    return RES_FAIL;
  }
  action_out_t out;
  result_t r = run_action(sc, json_get(cmd, "action"), &out, m);
  if (r != RES_PASS)
    return r;
  if (out.trap == NULL) {
    set_reason(m, "expected trap \"%s\", but it returned", text);
    char got[256];
    for (size_t i = 0; i < out.nresults; i++) {
      format_val(got, sizeof got, &out.results[i]);
      append(m->detail, sizeof m->detail, "%s%s", i ? ", " : "results: ", got);
    }
    r = RES_FAIL;
  } else if (!starts_with(trap_text(out.trap), text)) {
    set_reason(m, "wrong trap message");
    set_detail(m, "expected \"%s\", got \"%s\"", text, trap_text(out.trap));
    r = RES_FAIL;
  }
  action_out_free(&out);
  return r;
}

// Decodes the module file named by cmd's "filename". NULL with a reason on
// failure; if `err` is given, a decoding error is handed to the caller there
// instead (the result is then NULL too).
static ward_module_t *load_module(script_t *sc, const json_value_t *cmd, ward_error_t **err,
                                  msg_t *m) {
  if (err != NULL)
    *err = NULL;
  const char *filename = json_get_str(cmd, "filename", NULL);
  if (filename == NULL) {
    set_reason(m, "command without filename");
    return NULL;
  }
  char *path = path_join(sc->dir, filename);
  if (path == NULL) {
    set_reason(m, "out of memory");
    return NULL;
  }
  uint8_t *bytes;
  size_t size;
  if (!read_file(path, &bytes, &size)) {
    set_reason(m, "cannot read %s: %s", path, strerror(errno));
    free(path);
    return NULL;
  }
  free(path);
  ward_module_t *mod = NULL;
  ward_error_t *e = ward_module_new(sc->engine, bytes, size, &mod);
  free(bytes);
  if (e != NULL) {
    if (err != NULL) {
      *err = e;
    } else {
      set_reason(m, "module %s failed to load: %s", filename, error_text(e));
      ward_error_delete(e);
    }
    return NULL;
  }
  if (mod == NULL) {
    set_reason(m, "ward_module_new returned neither module nor error");
    return NULL;
  }
  if (!remember_module(sc, mod)) {
    ward_module_delete(mod);
    set_reason(m, "out of memory");
    return NULL;
  }
  return mod;
}

static result_t cmd_module(script_t *sc, const json_value_t *cmd, msg_t *m) {
  size_t name_len = 0;
  const char *name = json_get_str(cmd, "name", &name_len);
  // Until this module is instantiated, nothing is the current module.
  sc->current = NULL;
  if (name != NULL && !set_named(sc, name, name_len, NULL)) {
    set_reason(m, "out of memory");
    return RES_FAIL;
  }
  ward_module_t *mod = load_module(sc, cmd, NULL, m);
  if (mod == NULL)
    return RES_FAIL;
  ward_instance_t *inst = NULL;
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_linker_instantiate(sc->linker, sc->store, mod, &inst, &trap);
  if (err != NULL) {
    set_reason(m, "instantiation failed: %s", error_text(err));
    ward_error_delete(err);
    if (trap != NULL)
      ward_trap_delete(trap);
    return RES_FAIL;
  }
  if (trap != NULL) {
    set_reason(m, "instantiation trapped: %s", trap_text(trap));
    ward_trap_delete(trap);
    return RES_FAIL;
  }
  if (inst == NULL) {
    set_reason(m, "instantiation returned no instance");
    return RES_FAIL;
  }
  sc->current = inst;
  if (name != NULL)
    set_named(sc, name, name_len, inst); // exists already: cannot fail
  return RES_PASS;
}

static result_t cmd_register(script_t *sc, const json_value_t *cmd, msg_t *m) {
  size_t as_len;
  const char *as = json_get_str(cmd, "as", &as_len);
  if (as == NULL) {
    set_reason(m, "register without \"as\"");
    return RES_FAIL;
  }
  ward_instance_t *inst = target_instance(sc, cmd, "name", m);
  if (inst == NULL)
    return RES_FAIL;
  ward_error_t *err = ward_linker_define_instance(sc->linker, as, as_len, inst);
  if (err != NULL) {
    set_reason(m, "register failed: %s", error_text(err));
    ward_error_delete(err);
    return RES_FAIL;
  }
  return RES_PASS;
}

// assert_invalid and assert_malformed: decoding must fail with the text.
// Some scripts hold two assert_invalid/assert_malformed commands whose
// binary modules are byte-identical but whose expected messages differ:
// the text format told them apart and wast2json wrote the same bytes (in
// core-2.0, select.wast 320 and 324: `select (result)` with no types is
// encoded as plain `select`). No engine reading the binary can give both
// messages. Returns the other command's text when `cmd` is such a case
// and `got` begins with that text; NULL otherwise.
static const char *contradicting_text(script_t *sc, const json_value_t *cmd, const char *got) {
  const char *file = json_get_str(cmd, "filename", NULL);
  const char *text = json_get_str(cmd, "text", NULL);
  if (file == NULL || text == NULL || sc->commands == NULL)
    return NULL;
  char *path = path_join(sc->dir, file);
  uint8_t *mine = NULL;
  size_t mine_len = 0;
  bool ok = path != NULL && read_file(path, &mine, &mine_len);
  free(path);
  if (!ok)
    return NULL;
  const char *found = NULL;
  for (size_t i = 0; i < sc->commands->count && found == NULL; i++) {
    const json_value_t *other = sc->commands->items[i];
    const char *otype = json_get_str(other, "type", NULL);
    const char *ofile = json_get_str(other, "filename", NULL);
    const char *otext = json_get_str(other, "text", NULL);
    const char *omt = json_get_str(other, "module_type", NULL);
    if (other == cmd || otype == NULL || ofile == NULL || otext == NULL ||
        (strcmp(otype, "assert_invalid") != 0 && strcmp(otype, "assert_malformed") != 0) ||
        (omt != NULL && strcmp(omt, "binary") != 0) || strcmp(otext, text) == 0 ||
        !starts_with(got, otext))
      continue;
    char *opath = path_join(sc->dir, ofile);
    uint8_t *theirs = NULL;
    size_t theirs_len = 0;
    if (opath != NULL && read_file(opath, &theirs, &theirs_len) && theirs_len == mine_len &&
        memcmp(theirs, mine, mine_len) == 0)
      found = otext;
    free(theirs);
    free(opath);
  }
  free(mine);
  return found;
}

static result_t cmd_assert_bad_module(script_t *sc, const json_value_t *cmd, const char *type,
                                      msg_t *m) {
  const char *module_type = json_get_str(cmd, "module_type", NULL);
  if (module_type != NULL && strcmp(module_type, "text") == 0)
    return RES_SKIP_TEXT;
  if (module_type != NULL && strcmp(module_type, "binary") != 0) {
    set_reason(m, "unknown module_type \"%s\"", module_type);
    return RES_FAIL;
  }
  const char *text = json_get_str(cmd, "text", NULL);
  if (text == NULL) {
    set_reason(m, "command without text");
    return RES_FAIL;
  }
  ward_errkind_t want_kind =
      strcmp(type, "assert_malformed") == 0 ? WARD_ERROR_MALFORMED : WARD_ERROR_INVALID;
  ward_error_t *err = NULL;
  m->reason[0] = '\0';
  ward_module_t *mod = load_module(sc, cmd, &err, m);
  if (mod != NULL) {
    set_reason(m, "module was accepted, expected \"%s\"", text);
    return RES_FAIL;
  }
  if (err == NULL)
    return RES_FAIL; // could not even read it; reason set
  result_t r = RES_PASS;
  const char *got = error_text(err);
  if (!starts_with(got, text)) {
    const char *other = contradicting_text(sc, cmd, got);
    if (other != NULL) {
      set_detail(m, "expected \"%s\", got \"%s\", which a byte-identical module expects", text,
                 got);
      r = RES_PASS_AMBIGUOUS;
    } else {
      set_reason(m, "wrong error message");
      set_detail(m, "expected \"%s\", got \"%s\"", text, got);
      r = RES_FAIL;
    }
  } else if (ward_error_kind(err) != want_kind) {
    set_reason(m, "right message, wrong error kind");
    set_detail(m, "expected kind %d (%s), got kind %d", (int)want_kind,
               want_kind == WARD_ERROR_MALFORMED ? "MALFORMED" : "INVALID",
               (int)ward_error_kind(err));
    r = RES_FAIL;
  }
  ward_error_delete(err);
  return r;
}

// assert_unlinkable (the linker must refuse it with the text) and
// assert_uninstantiable (instantiation must trap with the text).
static result_t cmd_assert_instantiate(script_t *sc, const json_value_t *cmd, bool want_trap,
                                       msg_t *m) {
  const char *text = json_get_str(cmd, "text", NULL);
  if (text == NULL) {
    set_reason(m, "command without text");
    return RES_FAIL;
  }
  ward_module_t *mod = load_module(sc, cmd, NULL, m);
  if (mod == NULL)
    return RES_FAIL;
  ward_instance_t *inst = NULL;
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_linker_instantiate(sc->linker, sc->store, mod, &inst, &trap);
  result_t r = RES_FAIL;
  if (err == NULL && trap == NULL) {
    set_reason(m, "instantiation succeeded, expected %s \"%s\"", want_trap ? "trap" : "error",
               text);
  } else if (want_trap && trap == NULL) {
    set_reason(m, "expected a trap, got an error");
    set_detail(m, "expected trap \"%s\", got error \"%s\"", text, error_text(err));
  } else if (want_trap) {
    if (starts_with(trap_text(trap), text)) {
      r = RES_PASS;
    } else {
      set_reason(m, "wrong trap message");
      set_detail(m, "expected \"%s\", got \"%s\"", text, trap_text(trap));
    }
  } else if (err == NULL) {
    set_reason(m, "expected a link error, got a trap");
    set_detail(m, "expected error \"%s\", got trap \"%s\"", text, trap_text(trap));
  } else if (!starts_with(error_text(err), text)) {
    set_reason(m, "wrong error message");
    set_detail(m, "expected \"%s\", got \"%s\"", text, error_text(err));
  } else if (ward_error_kind(err) != WARD_ERROR_UNLINKABLE) {
    set_reason(m, "right message, wrong error kind");
    set_detail(m, "expected kind %d (UNLINKABLE), got kind %d", (int)WARD_ERROR_UNLINKABLE,
               (int)ward_error_kind(err));
  } else {
    r = RES_PASS;
  }
  if (err != NULL)
    ward_error_delete(err);
  if (trap != NULL)
    ward_trap_delete(trap);
  return r;
}

static result_t run_command(script_t *sc, const json_value_t *cmd, const char *type, msg_t *m) {
  if (strcmp(type, "module") == 0)
    return cmd_module(sc, cmd, m);
  if (strcmp(type, "register") == 0)
    return cmd_register(sc, cmd, m);
  if (strcmp(type, "action") == 0)
    return cmd_action(sc, cmd, m);
  if (strcmp(type, "assert_return") == 0)
    return cmd_assert_return(sc, cmd, m);
  if (strcmp(type, "assert_trap") == 0 || strcmp(type, "assert_exhaustion") == 0)
    return cmd_assert_trap(sc, cmd, m);
  if (strcmp(type, "assert_invalid") == 0 || strcmp(type, "assert_malformed") == 0)
    return cmd_assert_bad_module(sc, cmd, type, m);
  if (strcmp(type, "assert_unlinkable") == 0)
    return cmd_assert_instantiate(sc, cmd, false, m);
  if (strcmp(type, "assert_uninstantiable") == 0)
    return cmd_assert_instantiate(sc, cmd, true, m);
  set_reason(m, "unknown command type");
  return RES_FAIL;
}

// Whether a command changes the state later commands see (run before the
// line picked by --line).
static bool builds_state(const char *type) {
  return strcmp(type, "module") == 0 || strcmp(type, "register") == 0 ||
         strcmp(type, "action") == 0 || strcmp(type, "assert_uninstantiable") == 0;
}

static long command_line(const json_value_t *cmd) {
  const json_value_t *line = json_get(cmd, "line");
  if (line == NULL || line->type != JSON_NUMBER || !(line->number >= 0) || line->number > 1e9)
    return 0;
  return (long)line->number;
}

// Describes cmd's action ("invoke "f" (i32:1, f32:2)") or module file.
static void describe_command(const json_value_t *cmd, char *buf, size_t size) {
  buf[0] = '\0';
  const json_value_t *action = json_get(cmd, "action");
  const char *filename = json_get_str(cmd, "filename", NULL);
  if (action == NULL) {
    if (filename != NULL)
      snprintf(buf, size, "module file %s", filename);
    return;
  }
  size_t field_len = 0;
  const char *field = json_get_str(action, "field", &field_len);
  const char *atype = json_get_str(action, "type", NULL);
  const char *module = json_get_str(action, "module", NULL);
  char q[256];
  quote_name(q, sizeof q, field ? field : "", field ? field_len : 0);
  append(buf, size, "%s %s%s%s", atype ? atype : "?", module ? module : "", module ? "." : "", q);
  const json_value_t *args = json_get_array(action, "args");
  if (args == NULL)
    return;
  append(buf, size, "(");
  for (size_t i = 0; i < args->count; i++) {
    const char *t = json_get_str(args->items[i], "type", NULL);
    const char *v = json_get_str(args->items[i], "value", NULL);
    append(buf, size, "%s%s:%s", i ? ", " : "", t ? t : "?", v ? v : "?");
  }
  append(buf, size, ")");
}

static void report(const script_t *sc, const json_value_t *cmd, long line, const char *type,
                   const msg_t *m, bool setup) {
  printf("%s:%ld: %s%s: %s\n", sc->display, line, setup ? "(setup) " : "", type,
         m->reason[0] ? m->reason : "failed");
  if (!sc->opt->verbose)
    return;
  char what[1024];
  describe_command(cmd, what, sizeof what);
  if (what[0])
    printf("    %s\n", what);
  if (m->detail[0])
    printf("    %s\n", m->detail);
}

static void count_result(counts_t *c, result_t r) {
  switch (r) {
  case RES_PASS: c->passed++; break;
  case RES_PASS_AMBIGUOUS:
    c->passed++;
    c->ambiguous++;
    break;
  case RES_FAIL: c->failed++; break;
  case RES_SKIP_TEXT:
    c->skipped++;
    c->skipped_text++;
    break;
  case RES_SKIP_SIMD:
    c->skipped++;
    c->skipped_simd++;
    break;
  }
}

// ---------------------------------------------------------------------------
// Scripts

static const json_value_t *load_script(const char *path, json_value_t **root_out, char *err,
                                       size_t errsize) {
  uint8_t *text;
  size_t len;
  *root_out = NULL;
  if (!read_file(path, &text, &len)) {
    snprintf(err, errsize, "cannot read: %s", strerror(errno));
    return NULL;
  }
  json_value_t *root = json_parse((const char *)text, len, err, errsize);
  free(text);
  if (root == NULL)
    return NULL;
  *root_out = root;
  const json_value_t *commands = json_get_array(root, "commands");
  if (commands == NULL)
    snprintf(err, errsize, "no \"commands\" array");
  return commands;
}

static bool is_simd_script(const char *path) { return strncmp(base_of(path), "simd_", 5) == 0; }

static void script_free(script_t *sc) {
  if (sc->linker != NULL)
    ward_linker_delete(sc->linker);
  if (sc->store != NULL)
    ward_store_delete(sc->store);
  for (size_t i = 0; i < sc->nmodules; i++)
    ward_module_delete(sc->modules[i]);
  free(sc->modules);
  for (size_t i = 0; i < sc->nnamed; i++)
    free(sc->named[i].name);
  free(sc->named);
  if (sc->engine != NULL)
    ward_engine_delete(sc->engine);
  free(sc->dir);
}

// Runs one script; adds its counts to *total and prints its summary line.
static void run_script(const char *path, const options_t *opt, counts_t *total) {
  char name[256];
  snprintf(name, sizeof name, "%s", base_of(path));
  char *dot = strrchr(name, '.');
  if (dot != NULL && strcmp(dot, ".json") == 0)
    *dot = '\0';

  script_t sc;
  memset(&sc, 0, sizeof sc);
  sc.opt = opt;
  sc.display = path;

  char err[512];
  json_value_t *root = NULL;
  const json_value_t *commands = load_script(path, &root, err, sizeof err);
  if (commands == NULL) {
    printf("%s: cannot load script: %s\n", path, err);
    sc.counts.failed++;
    goto done;
  }
  char display[300];
  const char *source = json_get_str(root, "source_filename", NULL);
  snprintf(display, sizeof display, "%s", source ? source : path);
  sc.display = display;
  sc.commands = commands;

  if (is_simd_script(path)) {
    for (size_t i = 0; i < commands->count; i++) {
      const char *type = json_get_str(commands->items[i], "type", NULL);
      if (type != NULL && strcmp(type, "register") == 0)
        continue;
      if (opt->line_mode != LINE_ALL && command_line(commands->items[i]) != opt->line)
        continue;
      count_result(&sc.counts, RES_SKIP_SIMD);
    }
    goto done;
  }

  sc.dir = dir_of(path);
  ward_config_t cfg;
  ward_config_init(&cfg);
  cfg.eager_compile = opt->eager;
  sc.engine = ward_engine_new(&cfg);
  sc.store = sc.engine ? ward_store_new(sc.engine) : NULL;
  sc.linker = sc.engine ? ward_linker_new(sc.engine) : NULL;
  if (sc.dir == NULL || sc.store == NULL || sc.linker == NULL) {
    printf("%s: cannot create engine, store or linker\n", path);
    sc.counts.failed++;
    goto done;
  }
  char msg[512];
  if (!wd_cli_spectest_define(sc.linker, sc.store, opt->verbose, msg, sizeof msg)) {
    printf("%s: %s\n", path, msg);
    sc.counts.failed++;
    goto done;
  }

  bool found_line = false;
  for (size_t i = 0; i < commands->count; i++) {
    const json_value_t *cmd = commands->items[i];
    long line = command_line(cmd);
    const char *type = json_get_str(cmd, "type", NULL);
    bool setup = false;
    if (opt->line_mode != LINE_ALL) {
      if (line > opt->line)
        break;
      if (line < opt->line) {
        if (opt->line_mode == LINE_STATE && (type == NULL || !builds_state(type)))
          continue;
        setup = true;
      }
    }
    if (!setup && line == opt->line)
      found_line = true;
    msg_t m;
    m.reason[0] = '\0';
    m.detail[0] = '\0';
    if (type == NULL) {
      set_reason(&m, "command without a type");
      report(&sc, cmd, line, "?", &m, setup);
      if (!setup)
        sc.counts.failed++;
      continue;
    }
    result_t r = run_command(&sc, cmd, type, &m);
    if (r == RES_FAIL && (!setup || opt->verbose))
      report(&sc, cmd, line, type, &m, setup);
    if (setup)
      continue;
    // `register` is not a test by itself (as in wabt's spectest-interp), but
    // a failed one is counted.
    if (strcmp(type, "register") == 0 && r == RES_PASS)
      continue;
    count_result(&sc.counts, r);
  }
  if (opt->line_mode != LINE_ALL && !found_line)
    printf("%s: no command at line %ld\n", sc.display, opt->line);

done:
  printf("%s: %zu passed, %zu failed, %zu skipped\n", name, sc.counts.passed, sc.counts.failed,
         sc.counts.skipped);
  fflush(stdout);
  script_free(&sc);
  json_free(root);
  total->passed += sc.counts.passed;
  total->failed += sc.counts.failed;
  total->skipped += sc.counts.skipped;
  total->skipped_text += sc.counts.skipped_text;
  total->skipped_simd += sc.counts.skipped_simd;
  total->ambiguous += sc.counts.ambiguous;
}

// --parse-only: parses the script and tallies its commands by type.
typedef struct tally {
  char type[32];
  size_t count;
} tally_t;

static bool parse_script_only(const char *path, tally_t *tallies, size_t *ntallies,
                              size_t max_tallies, size_t *total_cmds) {
  char err[512];
  json_value_t *root = NULL;
  const json_value_t *commands = load_script(path, &root, err, sizeof err);
  if (commands == NULL) {
    printf("%s: %s\n", path, err);
    json_free(root);
    return false;
  }
  for (size_t i = 0; i < commands->count; i++) {
    const char *type = json_get_str(commands->items[i], "type", NULL);
    if (type == NULL)
      type = "(none)";
    size_t k = 0;
    while (k < *ntallies && strcmp(tallies[k].type, type) != 0)
      k++;
    if (k == *ntallies) {
      if (*ntallies == max_tallies)
        continue;
      snprintf(tallies[k].type, sizeof tallies[k].type, "%s", type);
      tallies[k].count = 0;
      (*ntallies)++;
    }
    tallies[k].count++;
  }
  *total_cmds += commands->count;
  json_free(root);
  return true;
}

// ---------------------------------------------------------------------------
// Command line

typedef struct path_list {
  char **items;
  size_t count, cap;
} path_list_t;

static bool list_add(path_list_t *l, const char *path) {
  if (l->count == l->cap) {
    size_t ncap = l->cap ? l->cap * 2 : 64;
    char **ni = realloc(l->items, ncap * sizeof *ni);
    if (ni == NULL)
      return false;
    l->items = ni;
    l->cap = ncap;
  }
  char *d = str_dup(path);
  if (d == NULL)
    return false;
  l->items[l->count++] = d;
  return true;
}

static void list_free(path_list_t *l) {
  for (size_t i = 0; i < l->count; i++)
    free(l->items[i]);
  free(l->items);
}

static int compare_paths(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

// Adds every DIR/*/*.json. False if DIR cannot be read.
static bool collect_dir(const char *dir, path_list_t *out) {
  DIR *d = opendir(dir);
  if (d == NULL)
    return false;
  struct dirent *ent;
  while ((ent = readdir(d)) != NULL) {
    if (ent->d_name[0] == '.')
      continue;
    char *sub = path_join(dir, ent->d_name);
    if (sub == NULL)
      break;
    DIR *sd = opendir(sub);
    if (sd != NULL) {
      struct dirent *se;
      while ((se = readdir(sd)) != NULL) {
        if (se->d_name[0] == '.' || !has_suffix(se->d_name, ".json"))
          continue;
        char *p = path_join(sub, se->d_name);
        if (p == NULL || !list_add(out, p)) {
          free(p);
          break;
        }
        free(p);
      }
      closedir(sd);
    }
    free(sub);
  }
  closedir(d);
  return true;
}

static void usage(void) {
  fprintf(stderr, "usage: ward-spec [-v] [--eager] [--line N | --upto N] FILE.json...\n"
                  "       ward-spec [-v] --dir DIR\n"
                  "       ward-spec --parse-only (FILE.json... | --dir DIR)\n"
                  "  -v          print spectest output and failure details\n"
                  "  --eager     translate every function when its module loads (the\n"
                  "              default translates each on its first call)\n"
                  "  --line N    run only the assertions at line N (after the modules,\n"
                  "              registrations and actions before it)\n"
                  "  --upto N    like --line, but run every command before line N too\n"
                  "  --dir DIR   run every DIR/*/*.json in sorted order\n");
}

int main(int argc, char **argv) {
  options_t opt;
  memset(&opt, 0, sizeof opt);
  path_list_t paths = {NULL, 0, 0};
  int status = 2;

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
      opt.verbose = true;
    } else if (strcmp(a, "--eager") == 0) {
      opt.eager = true;
    } else if (strcmp(a, "--parse-only") == 0) {
      opt.parse_only = true;
    } else if (strcmp(a, "--line") == 0 || strcmp(a, "--upto") == 0) {
      uint64_t n;
      if (i + 1 >= argc || !parse_u64(argv[i + 1], 1000000000, &n) || n == 0) {
        usage();
        goto out;
      }
      opt.line_mode = strcmp(a, "--line") == 0 ? LINE_STATE : LINE_UPTO;
      opt.line = (long)n;
      i++;
    } else if (strcmp(a, "--dir") == 0) {
      if (i + 1 >= argc) {
        usage();
        goto out;
      }
      size_t before = paths.count;
      if (!collect_dir(argv[i + 1], &paths)) {
        fprintf(stderr, "ward-spec: cannot read directory %s: %s\n", argv[i + 1], strerror(errno));
        goto out;
      }
      qsort(paths.items + before, paths.count - before, sizeof *paths.items, compare_paths);
      i++;
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      usage();
      status = 0;
      goto out;
    } else if (a[0] == '-') {
      fprintf(stderr, "ward-spec: unknown option %s\n", a);
      usage();
      goto out;
    } else if (!list_add(&paths, a)) {
      fprintf(stderr, "ward-spec: out of memory\n");
      goto out;
    }
  }
  if (paths.count == 0) {
    usage();
    goto out;
  }

  if (opt.parse_only) {
    tally_t tallies[64];
    size_t ntallies = 0, total_cmds = 0, bad = 0;
    for (size_t i = 0; i < paths.count; i++)
      if (!parse_script_only(paths.items[i], tallies, &ntallies, 64, &total_cmds))
        bad++;
    for (size_t k = 0; k < ntallies; k++)
      printf("%-24s %zu\n", tallies[k].type, tallies[k].count);
    printf("parse: %zu scripts, %zu commands, %zu unreadable\n", paths.count, total_cmds, bad);
    status = bad ? 1 : 0;
    goto out;
  }

  counts_t total;
  memset(&total, 0, sizeof total);
  for (size_t i = 0; i < paths.count; i++)
    run_script(paths.items[i], &opt, &total);
  printf("skipped: %zu text-format modules, %zu simd (v128)\n", total.skipped_text,
         total.skipped_simd);
  if (total.ambiguous)
    printf("passed with a message that a byte-identical module expects: %zu\n", total.ambiguous);
  printf("spec: %zu passed, %zu failed, %zu skipped\n", total.passed, total.failed, total.skipped);
  status = total.failed ? 1 : 0;

out:
  list_free(&paths);
  return status;
}
