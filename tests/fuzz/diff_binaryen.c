// SPDX-License-Identifier: Apache-2.0
// diff_binaryen MODULE.wasm: runs a module written by binaryen's
// `wasm-opt -ttf` under ward and prints what `wasm-opt --fuzz-exec-before`
// prints for it, line for line, so that scripts/fuzz-diff.sh can diff the
// two (after tests/fuzz/fuzz_diff_norm.py has normalised both).
//
// What binaryen 132's fuzz-exec does, and so what this does (its
// src/tools/execution-results.h and shell-interface.h):
// - the module's imports come from "fuzzing-support": log-i32/i64/f32/
//   f64/v128/funcref/externref/anyref print "[LoggingExternalInterface
//   logging V]" (an i64 as two
//   i32 halves, low first); throw(x) throws a JS exception if x is 0, else
//   the imported wasm tag "wasmtag" with x; call-export(i, flags) and
//   call-export-catch(i) call the i-th export "as JS" (zero arguments;
//   i64, v128, exnref and non-nullable reference parameters, and v128 and
//   exnref results, throw a
//   JS exception, as do a missing export and one that is not a function;
//   the catching one returns 1 if a wasm or JS exception came out, else 0;
//   traps go through both); call-ref(f, flags) and call-ref-catch(f) do the
//   same for a funcref (null: a JS exception); table-get(i) and
//   table-set(i, f) read and write the table exported as "table" (index out
//   of range, or during the start function: a JS exception); sleep(ms, id)
//   returns id. A JS exception is the tag "jstag" (externref) with the
//   payload externref 0xbad. Immutable externref globals imported from
//   "__fuzz_import" hold externref(N), N the sum of the characters of the
//   two names modulo 251 (a (ref extern) import too: an immutable global
//   of a non-null value has the non-nullable type).
// - after instantiation, every export in module order: a function gets
//   "[fuzz-exec] export NAME", is called with zero arguments, and its
//   results print as "[fuzz-exec] note result: NAME => V" (further
//   results each on a line of their own), an uncaught exception as
//   "[exception thrown: TAG V...]"; a global gets the export line and its
//   value as a logging line. Tags are named as binaryen's reader names
//   them: "tag$N" for the N-th defined tag (the module has no name
//   section), "imported-wasm-tag" and "imported-js-tag" for the two tags of
//   fuzzing-support.
// - values print as binaryen's Literal printer does: i32/i64 in decimal,
//   floats in its shortest-JS-like form (fmt_double), NaNs as
//   "[-]nan[:0xPAYLOAD]", v128 as "i32x4 0x........ x4", funcref as
//   "function" or "null", externref as "externref(N)" ("jserror" for the
//   JS payload), exnref as "object(null)"; a GC reference by what it is,
//   whatever its static type (an externref made of one included): an i31
//   as "i31ref(N)" (signed), a struct or array as "object(null)", a host
//   reference made any as "externref(N)". Results and globals' values are
//   read in a root scope of their own (ward/gc.h).
// - traps print "[trap MESSAGE]" with ward's message (binaryen's differ;
//   the normaliser maps both to the same words); call stack exhaustion
//   prints "[host limit ...]" as binaryen's stack limit does (the
//   normaliser stops comparing there).
// ward's side also needs the defined tags' identities: the module is given
// to ward with an extra export per defined tag appended to its export
// section (after the module's own, which keep their indices).
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ward.h"

#define TAG_EXPORT_PREFIX "\x01ward-diff-tag-"
#define JS_ERROR_PAYLOAD 0xbad

static ward_store_t *g_store;
static ward_instance_t *g_inst;
static size_t g_nexports;      // the module's own exports (without the tag ones)
static ward_tag_t *g_wasm_tag; // fuzzing-support.wasmtag (i32)
static ward_tag_t *g_js_tag;   // fuzzing-support.jstag (externref)
static ward_tag_t **g_tags;    // the defined tags, by defined index
static size_t g_ntags;
static ward_table_t *g_table;  // the export "table", if any
static bool g_in_start = true; // instantiating: exports are not there yet

// ---- externref payloads ----------------------------------------------------
// An externref of payload N is a pointer to g_ext[N]; NULL is null.

static char g_ext[4096];

static void *ext_of(unsigned payload) { return &g_ext[payload % sizeof g_ext]; }
static bool is_ext(const void *p) {
  return (const char *)p >= g_ext && (const char *)p < g_ext + sizeof g_ext;
}
static unsigned ext_payload(void *p) { return (unsigned)((char *)p - g_ext); }

// ---- printing as binaryen's Literal printer ----------------------------------

// Removes the character at p, moving the rest of the string left.
static void drop_char(char *p) { memmove(p, p + 1, strlen(p)); }

// One of numToString's two candidates (e: scientific); returns the
// absolute error of the text read back.
static double num_candidate(char *buf, size_t size, double d, bool integer, int e) {
  double back = 0;
  if (!integer) {
    for (int prec = 0; prec <= 18; prec++) {
      snprintf(buf, size, e ? "%.*e" : "%.*f", prec, d);
      back = strtod(buf, NULL);
      if (back == d)
        break;
    }
  } else if (d <= 18446744073709551615.0) {
    unsigned long long u = d < 18446744073709551615.0 ? (unsigned long long)d : ~0ull;
    snprintf(buf, size, "%llu", u);
    back = strtod(buf, NULL);
  } else {
    snprintf(buf, size, e ? "%e" : "%.0f", d);
    back = strtod(buf, NULL);
  }
  double err = fabs(back - d);
  char *dot = strchr(buf, '.');
  if (dot) {
    // Trailing zeros of the fraction go, then leading zeros of the number.
    char *end = dot + 1;
    while (*end >= '0' && *end <= '9')
      end++;
    end--;
    while (*end == '0')
      drop_char(end--);
    while (*buf == '0')
      drop_char(buf);
  } else if (!integer || !e) {
    // 12345000 -> 12345e3 (at least three zeros; digits past the 25th go).
    char *end = buf + strlen(buf) - 1, *t = end;
    while ((*t == '0' || t - buf > 24) && t > buf)
      t--;
    long zeros = end - t;
    if (zeros >= 3)
      snprintf(t + 1, size - (size_t)(t + 1 - buf), "e%ld", zeros);
  }
  return err;
}

// A finite, non-zero-or-positive-zero double as binaryen prints it.
static void fmt_double(char *out, size_t size, double d) {
  if (d == 0 && signbit(d)) {
    snprintf(out, size, "-0");
    return;
  }
  if (isinf(d)) {
    snprintf(out, size, d < 0 ? "-inf" : "inf");
    return;
  }
  bool neg = d < 0;
  d = fabs(d);
  bool integer = trunc(d) == d;
  char f[1024], e[1024];
  double err_f = num_candidate(f, sizeof f, d, integer, 0);
  double err_e = num_candidate(e, sizeof e, d, integer, 1);
  const char *text;
  if (err_e == err_f)
    text = strlen(e) < strlen(f) ? e : f;
  else
    text = err_e < err_f ? e : f;
  snprintf(out, size, "%s%s%s", neg ? "-" : "", text[0] == '.' ? "0" : "", text);
}

static void print_f32(float v) {
  uint32_t bits;
  memcpy(&bits, &v, 4);
  if (isnan(v)) {
    printf("%snan", bits >> 31 ? "-" : "");
    if (bits & 0x7fffff)
      printf(":0x%x", (unsigned)(bits & 0x7fffff));
    return;
  }
  char buf[1100];
  fmt_double(buf, sizeof buf, (double)v);
  fputs(buf, stdout);
}

static void print_f64(double v) {
  uint64_t bits;
  memcpy(&bits, &v, 8);
  if (isnan(v)) {
    printf("%snan", bits >> 63 ? "-" : "");
    if (bits & 0xfffffffffffffull)
      printf(":0x%llx", (unsigned long long)(bits & 0xfffffffffffffull));
    return;
  }
  char buf[1100];
  fmt_double(buf, sizeof buf, v);
  fputs(buf, stdout);
}

static void print_val(const ward_val_t *v) {
  switch (v->kind) {
  case WARD_I32: printf("%d", v->of.i32); break;
  case WARD_I64: printf("%lld", (long long)v->of.i64); break;
  case WARD_F32: print_f32(v->of.f32); break;
  case WARD_F64: print_f64(v->of.f64); break;
  case WARD_V128:
    printf("i32x4");
    for (int i = 0; i < 16; i += 4) {
      const uint8_t *b = v->of.v128 + i;
      printf(" 0x%08x", (unsigned)(b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24));
    }
    break;
  case WARD_FUNCREF: printf("%s", v->of.funcref ? "function" : "null"); break;
  case WARD_EXTERNREF:
    if (!v->of.externref) {
      printf("null");
    } else if (!is_ext(v->of.externref)) {
      // Not a host reference: what wasm code made extern (a struct, an
      // array, an i31), printed as binaryen prints what it is.
      ward_val_t a = {.kind = WARD_ANYREF};
      a.of.anyref = ward_anyref_from_host(g_store, v->of.externref);
      print_val(&a);
    } else if (ext_payload(v->of.externref) == JS_ERROR_PAYLOAD) {
      printf("jserror");
    } else {
      printf("externref(%u)", ext_payload(v->of.externref));
    }
    break;
  case WARD_ANYREF: // by what it is, whatever its static type
    switch (ward_anyref_kind(v->of.anyref)) {
    case WARD_ANYREF_NULL: printf("null"); break;
    case WARD_ANYREF_I31: printf("i31ref(%d)", ward_anyref_i31_get_s(v->of.anyref)); break;
    case WARD_ANYREF_HOST: {
      ward_val_t e = {.kind = WARD_EXTERNREF};
      e.of.externref = ward_anyref_host_ptr(v->of.anyref);
      print_val(&e);
      break;
    }
    default: printf("object(null)"); break;
    }
    break;
  case WARD_EXNREF: printf("%s", v->of.exnref ? "object(null)" : "null"); break;
  default: printf("?"); break;
  }
}

static const char *tag_name(const ward_tag_t *tag, char *buf, size_t size) {
  if (tag == g_wasm_tag)
    return "imported-wasm-tag";
  if (tag == g_js_tag)
    return "imported-js-tag";
  for (size_t i = 0; i < g_ntags; i++) {
    if (g_tags[i] == tag) {
      snprintf(buf, size, "tag$%zu", i);
      return buf;
    }
  }
  return "unknown-tag";
}

// Prints how a call ended in a trap, as fuzz-exec does.
static void print_trap(const ward_trap_t *trap) {
  ward_trapcode_t code = ward_trap_code(trap);
  if (code == WARD_TRAP_EXCEPTION) {
    char buf[64];
    printf("[exception thrown: %s", tag_name(ward_trap_exception_tag(trap), buf, sizeof buf));
    ward_val_t vals[64];
    size_t n = ward_trap_exception_args(trap, vals, 64);
    for (size_t i = 0; i < n && i < 64; i++) {
      putchar(' ');
      print_val(&vals[i]);
    }
    printf("]\n");
  } else if (code == WARD_TRAP_STACK_EXHAUSTED || code == WARD_TRAP_OUT_OF_MEMORY) {
    printf("[host limit %s]\n", ward_trap_message(trap));
  } else {
    printf("[trap %s]\n", ward_trap_message(trap));
    // The backtrace on stderr (not compared), for whoever looks into a
    // mismatch.
    for (size_t i = 0; i < ward_trap_frame_count(trap); i++) {
      ward_frame_t f;
      if (ward_trap_frame(trap, i, &f))
        fprintf(stderr, "  at func %u offset %zu\n", f.func_index, f.module_offset);
    }
  }
}

// ---- the fuzzing-support host functions -------------------------------------

static ward_trap_t *js_exception(void) {
  ward_val_t v = {.kind = WARD_EXTERNREF};
  v.of.externref = ext_of(JS_ERROR_PAYLOAD);
  return ward_trap_new_exception(g_store, g_js_tag, &v, 1);
}

// Whether a value of this kind throws when it crosses into or out of JS
// (as a parameter, i64 too: fuzz_shell passes 0, not a BigInt).
static bool js_boundary_throws(ward_valkind_t k, bool param) {
  return k == WARD_V128 || k == WARD_EXNREF || (param && k == WARD_I64);
}

// Calls f as JS would: zero arguments; NULL, or the trap or exception.
static ward_trap_t *call_as_js(ward_func_t *f) {
  const ward_functype_t *ft = ward_func_type(f);
  size_t np = ward_functype_param_count(ft), nr = ward_functype_result_count(ft);
  ward_val_t args[64], res[64];
  if (np > 64 || nr > 64)
    return ward_trap_new("diff_binaryen: too many parameters or results");
  for (size_t i = 0; i < np; i++) {
    ward_valkind_t k = ward_functype_param(ft, i);
    // A parameter JS cannot give a default value (a non-nullable reference)
    // throws as well.
    bool ref = k == WARD_FUNCREF || k == WARD_EXTERNREF || k == WARD_ANYREF;
    if (js_boundary_throws(k, true) || (ref && !ward_functype_param_nullable(ft, i)))
      return js_exception();
    memset(&args[i], 0, sizeof args[i]);
    args[i].kind = k;
  }
  for (size_t i = 0; i < nr; i++)
    if (js_boundary_throws(ward_functype_result(ft, i), false))
      return js_exception();
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_func_call(g_store, f, args, np, res, nr, &trap);
  if (err) {
    ward_trap_t *t = ward_trap_new(ward_error_message(err));
    ward_error_delete(err);
    return t;
  }
  return trap;
}

static ward_trap_t *call_export_as_js(int32_t index) {
  if (g_in_start || (uint32_t)index >= g_nexports)
    return js_exception();
  const char *name;
  size_t len;
  ward_extern_t ex;
  ward_instance_export_nth(g_inst, (uint32_t)index, &name, &len, &ex);
  if (ex.kind != WARD_EXTERN_FUNC)
    return js_exception();
  return call_as_js(ex.of.func);
}

static ward_trap_t *call_ref_as_js(ward_func_t *f) {
  if (!f)
    return js_exception();
  return call_as_js(f);
}

// A thrown trap that is an exception is caught (1); others go on.
static ward_trap_t *catching(ward_trap_t *trap, ward_val_t *result) {
  result->kind = WARD_I32;
  result->of.i32 = 0;
  if (trap && ward_trap_code(trap) == WARD_TRAP_EXCEPTION) {
    ward_trap_delete(trap);
    result->of.i32 = 1;
    return NULL;
  }
  return trap;
}

typedef enum host_kind {
  H_LOG,
  H_LOG_BRANCH,
  H_THROW,
  H_CALL_EXPORT,
  H_CALL_EXPORT_CATCH,
  H_CALL_REF,
  H_CALL_REF_CATCH,
  H_TABLE_GET,
  H_TABLE_SET,
  H_SLEEP,
} host_kind_t;

static ward_trap_t *host(void *env, ward_caller_t *caller, const ward_val_t *args, size_t nargs,
                         ward_val_t *results, size_t nresults) {
  (void)caller, (void)nresults;
  switch ((host_kind_t)(uintptr_t)env) {
  case H_LOG:
  case H_LOG_BRANCH:
    printf("[LoggingExternalInterface %s", env == (void *)H_LOG ? "logging" : "log-branch");
    for (size_t i = 0; i < nargs; i++) {
      if (args[i].kind == WARD_I64) {
        // As two i32 halves, the low one first (JS legalisation).
        printf(" %d %d", (int32_t)(uint32_t)args[i].of.i64,
               (int32_t)(uint32_t)((uint64_t)args[i].of.i64 >> 32));
      } else {
        putchar(' ');
        print_val(&args[i]);
      }
    }
    printf("]\n");
    if (env == (void *)H_LOG_BRANCH)
      results[0] = args[0];
    return NULL;
  case H_THROW:
    if (args[0].of.i32 == 0)
      return js_exception();
    return ward_trap_new_exception(g_store, g_wasm_tag, args, 1);
  case H_CALL_EXPORT: return call_export_as_js(args[0].of.i32);
  case H_CALL_EXPORT_CATCH: return catching(call_export_as_js(args[0].of.i32), &results[0]);
  case H_CALL_REF: return call_ref_as_js(args[0].of.funcref);
  case H_CALL_REF_CATCH: return catching(call_ref_as_js(args[0].of.funcref), &results[0]);
  case H_TABLE_GET:
  case H_TABLE_SET: {
    uint32_t index = (uint32_t)args[0].of.i32;
    if (!g_table || g_in_start || index >= ward_table_size(g_table))
      return js_exception();
    if (env == (void *)H_TABLE_SET) {
      ward_table_set(g_table, index, args[1]);
    } else {
      ward_table_get(g_table, index, &results[0]);
    }
    return NULL;
  }
  case H_SLEEP: results[0] = args[1]; return NULL;
  }
  return ward_trap_new("diff_binaryen: bad host function");
}

// The host function for fuzzing-support.NAME, with its type; NULL if
// unknown.
static ward_func_t *host_func(const char *name) {
  static const struct {
    const char *name;
    host_kind_t kind;
    // i I f F v r e a: i32 i64 f32 f64 v128 funcref externref anyref
    const char *params, *results;
  } k_funcs[] = {
      {"log-i32", H_LOG, "i", ""},
      {"log-i64", H_LOG, "I", ""},
      {"log-f32", H_LOG, "f", ""},
      {"log-f64", H_LOG, "F", ""},
      {"log-v128", H_LOG, "v", ""},
      {"log-funcref", H_LOG, "r", ""},
      {"log-externref", H_LOG, "e", ""},
      {"log-anyref", H_LOG, "a", ""},
      {"log-branch", H_LOG_BRANCH, "i", "i"},
      {"throw", H_THROW, "i", ""},
      {"call-export", H_CALL_EXPORT, "ii", ""},
      {"call-export-catch", H_CALL_EXPORT_CATCH, "i", "i"},
      {"call-ref", H_CALL_REF, "ri", ""},
      {"call-ref-catch", H_CALL_REF_CATCH, "r", "i"},
      {"table-get", H_TABLE_GET, "i", "r"},
      {"table-set", H_TABLE_SET, "ir", ""},
      {"sleep", H_SLEEP, "ii", "i"},
  };
  for (size_t i = 0; i < sizeof k_funcs / sizeof k_funcs[0]; i++) {
    if (strcmp(name, k_funcs[i].name) != 0)
      continue;
    ward_valkind_t p[4], r[4];
    size_t np = strlen(k_funcs[i].params), nr = strlen(k_funcs[i].results);
    for (size_t j = 0; j < np + nr; j++) {
      char c = j < np ? k_funcs[i].params[j] : k_funcs[i].results[j - np];
      ward_valkind_t k = c == 'i'   ? WARD_I32
                         : c == 'I' ? WARD_I64
                         : c == 'f' ? WARD_F32
                         : c == 'F' ? WARD_F64
                         : c == 'v' ? WARD_V128
                         : c == 'e' ? WARD_EXTERNREF
                         : c == 'a' ? WARD_ANYREF
                                    : WARD_FUNCREF;
      if (j < np)
        p[j] = k;
      else
        r[j - np] = k;
    }
    ward_functype_t *ft = ward_functype_new(p, np, r, nr);
    ward_func_t *f = ward_func_new(g_store, ft, host, (void *)(uintptr_t)k_funcs[i].kind, NULL);
    ward_functype_delete(ft);
    return f;
  }
  return NULL;
}

// ---- the module with its defined tags exported --------------------------------

typedef struct buf {
  uint8_t *p;
  size_t n, cap;
} buf_t;

static void put(buf_t *b, const void *p, size_t n) {
  if (b->n + n > b->cap) {
    b->cap = (b->n + n) * 2;
    b->p = realloc(b->p, b->cap);
    if (!b->p) {
      fprintf(stderr, "diff_binaryen: out of memory\n");
      exit(2);
    }
  }
  memcpy(b->p + b->n, p, n);
  b->n += n;
}

static void put_leb(buf_t *b, uint64_t v) {
  do {
    uint8_t byte = v & 0x7f;
    v >>= 7;
    if (v)
      byte |= 0x80;
    put(b, &byte, 1);
  } while (v);
}

static bool get_leb(const uint8_t *p, size_t n, size_t *pos, uint64_t *out) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (*pos >= n)
      return false;
    uint8_t byte = p[(*pos)++];
    v |= (uint64_t)(byte & 0x7f) << shift;
    if (!(byte & 0x80)) {
      *out = v;
      return true;
    }
  }
  return false;
}

// The export entries for tags first..first+count-1 (export count not
// included).
static void put_tag_exports(buf_t *b, uint64_t first, uint64_t count) {
  for (uint64_t i = 0; i < count; i++) {
    char name[64];
    int len = snprintf(name, sizeof name, TAG_EXPORT_PREFIX "%llu", (unsigned long long)i);
    put_leb(b, (uint64_t)len);
    put(b, name, (size_t)len);
    uint8_t kind = 4; // tag
    put(b, &kind, 1);
    put_leb(b, first + i);
  }
}

// An export section: `count` entries (`old`, `old_len` bytes) and one for
// each of the tags first..first+ntags-1.
static void put_export_section(buf_t *out, uint64_t count, const uint8_t *old, size_t old_len,
                               uint64_t first, uint64_t ntags) {
  buf_t sec = {0};
  put_leb(&sec, count + ntags);
  if (old)
    put(&sec, old, old_len);
  put_tag_exports(&sec, first, ntags);
  uint8_t id = 7;
  put(out, &id, 1);
  put_leb(out, sec.n);
  put(out, sec.p, sec.n);
  free(sec.p);
}

// Copies the module, adding an export for each of its defined tags (their
// indices follow the nimported imported ones). Returns the number of
// defined tags, or -1 if the sections cannot be walked.
static long export_tags(const uint8_t *m, size_t n, uint64_t nimported, buf_t *out) {
  size_t pos = 8;
  uint64_t ntags = 0;
  if (n < 8)
    return -1;
  // First pass: the tag count.
  while (pos < n) {
    uint8_t id = m[pos++];
    uint64_t size;
    if (!get_leb(m, n, &pos, &size) || size > n - pos)
      return -1;
    if (id == 13) {
      size_t p = pos;
      if (!get_leb(m, n, &p, &ntags))
        return -1;
    }
    pos += size;
  }
  put(out, m, 8);
  bool done = ntags == 0;
  pos = 8;
  while (pos < n) {
    size_t start = pos;
    uint8_t id = m[pos++];
    uint64_t size = 0;
    get_leb(m, n, &pos, &size);
    size_t body = pos;
    pos += size;
    // Sections that come after the export section (start, elem, datacount,
    // code, data): a new export section goes before the first of them.
    bool after = id == 8 || id == 9 || id == 10 || id == 11 || id == 12;
    if (!done && (id == 7 || after)) {
      uint64_t count = 0;
      size_t p = body;
      if (id == 7 && !get_leb(m, n, &p, &count))
        return -1;
      put_export_section(out, count, id == 7 ? m + p : NULL, pos - p, nimported, ntags);
      done = true;
      if (id == 7)
        continue;
    }
    put(out, m + start, pos - start);
  }
  if (!done)
    put_export_section(out, 0, NULL, 0, nimported, ntags);
  return (long)ntags;
}

// ---- main ---------------------------------------------------------------------

static uint8_t *read_file(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  buf_t b = {0};
  uint8_t chunk[65536];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
    put(&b, chunk, got);
  fclose(f);
  *n = b.n;
  return b.p ? b.p : malloc(1);
}

static ward_module_t *compile(ward_engine_t *engine, const uint8_t *bytes, size_t n) {
  ward_module_t *m = NULL;
  ward_error_t *err = ward_module_new(engine, bytes, n, &m);
  if (err) {
    // binaryen wrote it, so it should be valid: a line the diff shows.
    printf("[ward: module not accepted: %s]\n", ward_error_message(err));
    ward_error_delete(err);
    return NULL;
  }
  return m;
}

// The imports of `module`, from fuzzing-support and __fuzz_import, into
// imports[]; false (and a line saying which) if one cannot be given.
static bool provide_imports(const ward_module_t *module, ward_extern_t *imports, size_t nimports) {
  for (size_t i = 0; i < nimports; i++) {
    ward_importdesc_t d;
    ward_module_import(module, i, &d);
    char mod[256], name[256];
    snprintf(mod, sizeof mod, "%.*s", (int)d.module_len, d.module);
    snprintf(name, sizeof name, "%.*s", (int)d.name_len, d.name);
    imports[i].kind = d.kind;
    bool ok = false;
    if (strcmp(mod, "fuzzing-support") == 0 && d.kind == WARD_EXTERN_FUNC) {
      imports[i].of.func = host_func(name);
      ok = imports[i].of.func != NULL;
    } else if (strcmp(mod, "fuzzing-support") == 0 && d.kind == WARD_EXTERN_TAG) {
      imports[i].of.tag = strcmp(name, "wasmtag") == 0 ? g_wasm_tag
                          : strcmp(name, "jstag") == 0 ? g_js_tag
                                                       : NULL;
      ok = imports[i].of.tag != NULL;
    } else if (d.kind == WARD_EXTERN_GLOBAL) {
      // An immutable externref global of a payload from its names.
      unsigned payload = 0;
      for (size_t j = 0; j < d.module_len; j++)
        payload = (payload + (unsigned)(int)(signed char)d.module[j]) % 251;
      for (size_t j = 0; j < d.name_len; j++)
        payload = (payload + (unsigned)(int)(signed char)d.name[j]) % 251;
      ward_val_t v = {.kind = WARD_EXTERNREF};
      v.of.externref = ext_of(payload);
      ok = ward_global_new(g_store, WARD_EXTERNREF, false, v, &imports[i].of.global) == NULL;
    }
    if (!ok) {
      printf("[ward: cannot provide the import %s.%s]\n", mod, name);
      return false;
    }
  }
  return true;
}

// Calls export i, or prints the global it is, as fuzz-exec does.
static void run_export(size_t i) {
  const char *name;
  size_t len;
  ward_extern_t ex;
  ward_instance_export_nth(g_inst, i, &name, &len, &ex);
  if (ex.kind == WARD_EXTERN_GLOBAL) {
    ward_val_t v;
    size_t scope = ward_store_roots_enter(g_store);
    ward_global_get(ex.of.global, &v);
    printf("[fuzz-exec] export %.*s\n[LoggingExternalInterface logging ", (int)len, name);
    print_val(&v);
    printf("]\n");
    ward_store_roots_leave(g_store, scope);
    return;
  }
  if (ex.kind != WARD_EXTERN_FUNC)
    return;
  printf("[fuzz-exec] export %.*s\n", (int)len, name);
  fflush(stdout);
  const ward_functype_t *ft = ward_func_type(ex.of.func);
  size_t np = ward_functype_param_count(ft), nr = ward_functype_result_count(ft);
  ward_val_t *args = calloc(np + 1, sizeof *args), *res = calloc(nr + 1, sizeof *res);
  for (size_t j = 0; j < np; j++)
    args[j].kind = ward_functype_param(ft, j);
  ward_trap_t *trap = NULL;
  size_t scope = ward_store_roots_enter(g_store); // the results, until printed
  ward_error_t *err = ward_func_call(g_store, ex.of.func, args, np, res, nr, &trap);
  if (err) {
    printf("[ward: call failed: %s]\n", ward_error_message(err));
    ward_error_delete(err);
  } else if (trap) {
    print_trap(trap);
    ward_trap_delete(trap);
  } else if (nr > 0) {
    printf("[fuzz-exec] note result: %.*s => ", (int)len, name);
    for (size_t j = 0; j < nr; j++) {
      print_val(&res[j]);
      putchar('\n');
    }
  }
  ward_store_roots_leave(g_store, scope);
  free(args);
  free(res);
}

// Instantiates the module (its defined tags exported, ntags of them) and
// runs its exports.
static void run_module(ward_module_t *module, size_t nimports, size_t ntags) {
  ward_valkind_t i32 = WARD_I32, ext = WARD_EXTERNREF;
  ward_tag_new(g_store, &i32, 1, &g_wasm_tag);
  ward_tag_new(g_store, &ext, 1, &g_js_tag);
  ward_extern_t *imports = calloc(nimports ? nimports : 1, sizeof *imports);
  bool provided = provide_imports(module, imports, nimports);
  ward_trap_t *trap = NULL;
  ward_error_t *err =
      provided ? ward_instance_new(g_store, module, imports, nimports, &g_inst, &trap) : NULL;
  free(imports);
  if (!provided)
    return;
  if (err) {
    printf("[ward: instantiation failed: %s]\n", ward_error_message(err));
    ward_error_delete(err);
    return;
  }
  if (trap) {
    if (ward_trap_code(trap) == WARD_TRAP_EXCEPTION)
      printf("[exception thrown: failed to instantiate module]\n");
    else
      print_trap(trap);
    ward_trap_delete(trap);
    return;
  }
  g_in_start = false;
  g_ntags = ntags;
  g_tags = calloc(g_ntags ? g_ntags : 1, sizeof *g_tags);
  for (size_t i = 0; i < g_ntags; i++) {
    ward_extern_t ex;
    char tname[64];
    int len = snprintf(tname, sizeof tname, TAG_EXPORT_PREFIX "%zu", i);
    if (ward_instance_export(g_inst, tname, (size_t)len, &ex))
      g_tags[i] = ex.of.tag;
  }
  ward_extern_t tex;
  if (ward_instance_export(g_inst, "table", 5, &tex) && tex.kind == WARD_EXTERN_TABLE)
    g_table = tex.of.table;
  for (size_t i = 0; i < g_nexports; i++)
    run_export(i);
  free(g_tags);
}

static int run(const char *path) {
  size_t n;
  uint8_t *bytes = read_file(path, &n);
  if (!bytes) {
    fprintf(stderr, "diff_binaryen: cannot read %s\n", path);
    return 2;
  }
  ward_config_t cfg;
  ward_config_init(&cfg);
  // Deeper than binaryen's 200 frames, so that ward never runs out of stack
  // first; nested host calls (call-export) recurse on the C stack too.
  cfg.max_call_depth = 1000;
  // FUZZ_DIFF_LIMITS=interrupt (or fuel, or both): the code translated
  // with those checks (never triggered: no interrupt comes, the fuel is
  // more than any run uses), which must not change what it does.
  const char *limits = getenv("FUZZ_DIFF_LIMITS");
  if (limits && (!strcmp(limits, "interrupt") || !strcmp(limits, "both")))
    cfg.interruptible = true;
  if (limits && (!strcmp(limits, "fuel") || !strcmp(limits, "both")))
    cfg.consume_fuel = true;
  ward_engine_t *engine = ward_engine_new(&cfg);
  g_store = ward_store_new(engine);
  if (cfg.consume_fuel && g_store) {
    ward_error_t *err = ward_store_set_fuel(g_store, UINT64_MAX / 2);
    if (err) {
      fprintf(stderr, "diff_binaryen: %s\n", ward_error_message(err));
      ward_error_delete(err);
    }
  }
  buf_t patched = {0};
  ward_module_t *module = NULL, *plain = compile(engine, bytes, n);
  if (plain) {
    uint64_t nimported_tags = 0;
    size_t nimports = ward_module_import_count(plain);
    for (size_t i = 0; i < nimports; i++) {
      ward_importdesc_t d;
      ward_module_import(plain, i, &d);
      nimported_tags += d.kind == WARD_EXTERN_TAG;
    }
    g_nexports = ward_module_export_count(plain);
    long ntags = export_tags(bytes, n, nimported_tags, &patched);
    if (ntags < 0)
      printf("[ward: cannot walk the module's sections]\n");
    else if ((module = compile(engine, patched.p, patched.n)) != NULL)
      run_module(module, nimports, (size_t)ntags);
  }
  fflush(stdout);
  ward_store_delete(g_store);
  ward_module_delete(module);
  ward_module_delete(plain);
  ward_engine_delete(engine);
  free(patched.p);
  free(bytes);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: diff_binaryen MODULE.wasm\n");
    return 2;
  }
  return run(argv[1]);
}
