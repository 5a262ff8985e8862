// SPDX-License-Identifier: Apache-2.0
// Serialized modules (ward_module_serialize / _deserialize): a module of
// imports, exports, memory growth, a table, SIMD, GC types and both kinds
// of exceptions gives the same results and traps from its blob as from its
// bytes, with every function's code installed (none translated again) and
// equal to the original's; a blob of another build, format version or
// feature set is refused with a message naming the difference; and no
// damaged blob (cut at every length, each bit flipped, each word replaced
// with its checksum made right again) gets anything but an error or, for
// the last kind, possibly a module, never a crash (run under ASan).
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/code.h"
#include "runtime/rt.h"
#include "runtime/serialize.h"
#include "text/text.h"
#include "ward.h"
#include "check.h"

static const char k_wat[] =
    "(module\n"
    "  (import \"env\" \"add\" (func $add (param i32 i32) (result i32)))\n"
    "  (type $point (struct (field $x (mut i32)) (field $y i64)))\n"
    "  (rec (type $node (sub (struct (field $next (ref null $node)) (field $v i32))))\n"
    "       (type $leaf (sub final $node (struct (field $next (ref null $node)) (field $v i32)"
    " (field $w f64)))))\n"
    "  (type $ints (array (mut i32)))\n"
    "  (type $i2i (func (param i32) (result i32)))\n"
    "  (tag $e (param i32))\n"
    "  (tag $e2 (param i32 i64))\n"
    "  (memory (export \"mem\") 1 4)\n"
    "  (data (i32.const 16) \"ward\")\n"
    "  (global $g (mut i32) (i32.const 7))\n"
    "  (table 2 funcref)\n"
    "  (elem (i32.const 0) $double $fib)\n"
    "  (func $double (type $i2i) (i32.mul (local.get 0) (i32.const 2)))\n"
    "  (func $fib (export \"fib\") (type $i2i) (local $a i32) (local $b i32) (local $t i32)\n"
    "    (local.set $b (i32.const 1))\n"
    "    (block $done (loop $l\n"
    "      (br_if $done (i32.eqz (local.get 0)))\n"
    "      (local.set $t (i32.add (local.get $a) (local.get $b)))\n"
    "      (local.set $a (local.get $b)) (local.set $b (local.get $t))\n"
    "      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))\n"
    "      (br $l)))\n"
    "    (local.get $a))\n"
    "  (func (export \"host\") (param i32) (result i32)\n"
    "    (call $add (local.get 0) (global.get $g)))\n"
    "  (func (export \"indirect\") (param i32 i32) (result i32)\n"
    "    (call_indirect (type $i2i) (local.get 1) (local.get 0)))\n"
    "  (func (export \"grow\") (param i32) (result i32)\n"
    "    (drop (memory.grow (local.get 0)))\n"
    "    (i32.store (i32.const 70000) (i32.load (i32.const 16)))\n"
    "    (i32.add (memory.size) (i32.load8_u (i32.const 70001))))\n"
    "  (func (export \"simd\") (param i32) (result i32)\n"
    "    (i32x4.extract_lane 3 (i32x4.add (i32x4.splat (local.get 0))\n"
    "      (v128.const i32x4 1 2 3 4))))\n"
    "  (func (export \"gc\") (param i32) (result i32)\n"
    "    (local $p (ref $point)) (local $n (ref null $node)) (local $a (ref $ints))\n"
    "    (local.set $p (struct.new $point (local.get 0) (i64.const 5)))\n"
    "    (struct.set $point $x (local.get $p) (i32.add (struct.get $point $x (local.get $p))"
    " (i32.const 1)))\n"
    "    (local.set $n (struct.new $leaf (struct.new $node (ref.null $node) (i32.const 3))"
    " (i32.const 4) (f64.const 0.5)))\n"
    "    (local.set $a (array.new $ints (local.get 0) (i32.const 3)))\n"
    "    (array.set $ints (local.get $a) (i32.const 1) (i32.const 100))\n"
    "    (i32.add (i32.add (struct.get $point $x (local.get $p))\n"
    "                      (struct.get $node $v (struct.get $node $next (local.get $n))))\n"
    "      (i32.add (array.get $ints (local.get $a) (i32.const 1))\n"
    "        (i32.add (array.len (local.get $a))\n"
    "          (i32.mul (i32.const 1000) (ref.test (ref $leaf) (local.get $n)))))))\n"
    "  (func $thrower (param i32) (if (local.get 0) (then (throw $e (local.get 0)))))\n"
    "  (func (export \"exn\") (param i32) (result i32)\n"
    "    (block $c (result i32)\n"
    "      (try_table (catch $e $c) (call $thrower (local.get 0)))\n"
    "      (i32.const -1)))\n"
    "  (func (export \"legacy\") (param i32) (result i32)\n"
    "    (try (result i32)\n"
    "      (do (try (result i32)\n"
    "        (do (call $thrower (local.get 0)) (i32.const 0))\n"
    "        (delegate 0)))\n"
    "      (catch $e (i32.add (i32.const 100)))\n"
    "      (catch_all (i32.const -2))))\n"
    "  (func (export \"escape\") (param i32) (throw $e2 (local.get 0) (i64.const 9)))\n"
    "  (func (export \"trap\") (param i32) (result i32)\n"
    "    (i32.div_u (i32.const 1) (local.get 0)))\n"
    ")\n";

// A small module for the damage tests: each of its blob's bits is flipped.
static const char k_small_wat[] = "(module (memory 1) (tag $t (param i32))\n"
                                  "  (func (export \"f\") (param i32) (result i32)\n"
                                  "    (block $c (result i32) (try_table (catch $t $c)\n"
                                  "      (throw $t (i32.add (local.get 0) (i32.const 1))))\n"
                                  "      (i32.const 0))))\n";

static uint8_t *wat(const char *text, size_t *n) {
  uint8_t *bytes = NULL;
  wd_text_error_t terr;
  if (!wd_wat_to_wasm(text, strlen(text), &bytes, n, &terr)) {
    printf("wat: %s\n", terr.msg);
    return NULL;
  }
  return bytes;
}

static ward_trap_t *host_add(void *env, ward_caller_t *caller, const ward_val_t *args, size_t nargs,
                             ward_val_t *results, size_t nresults) {
  (void)env, (void)caller, (void)nargs, (void)nresults;
  results[0].kind = WARD_I32;
  results[0].of.i32 = args[0].of.i32 + args[1].of.i32;
  return NULL;
}

// What a call gave: a value, or a trap's code (and for an exception its
// first value).
typedef struct outcome {
  bool trapped;
  int32_t value;
  int code;
} outcome_t;

static outcome_t call(ward_store_t *s, ward_instance_t *inst, const char *name, int32_t a,
                      int32_t b) {
  outcome_t o = {0};
  ward_extern_t ex;
  if (!ward_instance_export(inst, name, strlen(name), &ex) || ex.kind != WARD_EXTERN_FUNC) {
    o.trapped = true;
    o.code = -1;
    return o;
  }
  const ward_functype_t *ft = ward_func_type(ex.of.func);
  size_t np = ward_functype_param_count(ft), nr = ward_functype_result_count(ft);
  ward_val_t args[2] = {{.kind = WARD_I32, .of.i32 = a}, {.kind = WARD_I32, .of.i32 = b}};
  ward_val_t res[1];
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_func_call(s, ex.of.func, args, np, res, nr, &trap);
  if (err) {
    ward_error_delete(err);
    o.trapped = true;
    o.code = -2;
  } else if (trap) {
    o.trapped = true;
    o.code = (int)ward_trap_code(trap);
    ward_val_t v[2];
    if (ward_trap_exception_args(trap, v, 2) == 2)
      o.value = v[0].of.i32;
    ward_trap_delete(trap);
  } else if (nr == 1) {
    o.value = res[0].of.i32;
  }
  return o;
}

typedef struct probe {
  const char *name;
  int32_t a, b;
} probe_t;

static const probe_t k_probes[] = {
    {"fib", 20, 0},     {"fib", 1, 0},  {"host", 5, 0}, {"indirect", 0, 21}, {"indirect", 1, 10},
    {"indirect", 2, 1}, {"grow", 1, 0}, {"grow", 0, 0}, {"grow", 2, 0},      {"simd", 10, 0},
    {"gc", 7, 0},       {"exn", 4, 0},  {"exn", 0, 0},  {"legacy", 3, 0},    {"legacy", 0, 0},
    {"escape", 11, 0},  {"trap", 0, 0}, {"trap", 1, 0},
};
enum { NPROBES = sizeof k_probes / sizeof *k_probes };

// Runs every probe on a new instance of m in a new store; false if it
// could not be instantiated.
static bool run_probes(ward_engine_t *e, const ward_module_t *m, outcome_t *out) {
  ward_store_t *s = ward_store_new(e);
  ward_functype_t *ft =
      ward_functype_new((ward_valkind_t[]){WARD_I32, WARD_I32}, 2, (ward_valkind_t[]){WARD_I32}, 1);
  ward_extern_t imp = {.kind = WARD_EXTERN_FUNC};
  imp.of.func = ward_func_new(s, ft, host_add, NULL, NULL);
  ward_functype_delete(ft);
  ward_instance_t *inst = NULL;
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_instance_new(s, m, &imp, 1, &inst, &trap);
  bool ok = !err && !trap && inst;
  if (err)
    ward_error_delete(err);
  if (trap)
    ward_trap_delete(trap);
  for (size_t i = 0; ok && i < NPROBES; i++)
    out[i] = call(s, inst, k_probes[i].name, k_probes[i].a, k_probes[i].b);
  ward_store_delete(s);
  return ok;
}

static ward_engine_t *engine(bool eager, uint32_t features) {
  ward_config_t cfg;
  ward_config_init(&cfg);
  cfg.eager_compile = eager;
  cfg.features = features;
  return ward_engine_new(&cfg);
}

static ward_module_t *module_new(ward_engine_t *e, const uint8_t *bytes, size_t n) {
  ward_module_t *m = NULL;
  ward_error_t *err = ward_module_new(e, bytes, n, &m);
  if (err) {
    printf("module: %s\n", ward_error_message(err));
    ward_error_delete(err);
  }
  return m;
}

// The module of blob, or NULL; with `want` set, the error it must give
// (its message must contain want).
static ward_module_t *from_blob(ward_engine_t *e, const uint8_t *blob, size_t n, const char *want) {
  ward_module_t *m = (ward_module_t *)(uintptr_t)1;
  ward_error_t *err = ward_module_deserialize(e, blob, n, &m);
  if (want) {
    CHECK(err != NULL && m == NULL);
    if (err && !strstr(ward_error_message(err), want)) {
      printf("error '%s' lacks '%s'\n", ward_error_message(err), want);
      CHECK(!"the error names the problem");
    }
  } else if (err) {
    printf("deserialize: %s\n", ward_error_message(err));
  }
  if (err) {
    CHECK(ward_error_kind(err) == WARD_ERROR_MALFORMED ||
          ward_error_kind(err) == WARD_ERROR_RESOURCE);
    ward_error_delete(err);
  }
  return err ? NULL : m;
}

// Field by field: a catch's padding bytes may differ.
static bool same_catches(const wd_code_t *a, const wd_code_t *b) {
  for (uint32_t i = 0; i < a->ncatches; i++) {
    const wd_catch_t *x = &a->catches[i], *y = &b->catches[i];
    if (x->tag != y->tag || x->landing != y->landing || x->dst != y->dst || x->slot != y->slot ||
        x->owner != y->owner || x->kind != y->kind)
      return false;
  }
  return true;
}

static bool same_code(const wd_code_t *a, const wd_code_t *b) {
  return a->nops == b->nops && memcmp(a->ops, b->ops, a->nops * sizeof *a->ops) == 0 &&
         a->param_cells == b->param_cells && a->local_cells == b->local_cells &&
         a->frame_cells == b->frame_cells && a->result_cells == b->result_cells &&
         a->func == b->func && a->pin == b->pin && a->exn_base == b->exn_base &&
         a->ntries == b->ntries && a->ncatches == b->ncatches &&
         (!a->ntries || memcmp(a->tries, b->tries, a->ntries * sizeof *a->tries) == 0) &&
         same_catches(a, b);
}

// Serialize in one engine, deserialize in `other` (lazy translation there:
// the blob's code must be installed anyway) and in the same one; the same
// results either way.
static void round_trip(const uint8_t *bytes, size_t n, bool eager) {
  ward_engine_t *e = engine(eager, WARD_FEATURES_ALL), *other = engine(false, WARD_FEATURES_ALL);
  ward_module_t *m = module_new(e, bytes, n);
  CHECK(m != NULL);
  if (!m)
    goto out;
  outcome_t want[NPROBES], got[NPROBES];
  CHECK(run_probes(e, m, want)); // with lazy translation: some functions run, some not
  CHECK(want[0].value == 6765 && want[2].value == 12 && want[3].value == 42);
  CHECK(want[4].value == 55 && want[5].trapped); // table index 1 is fib; 2 is out of bounds
  CHECK(want[6].value == 2 + 'a' && want[7].value == 2 + 'a' && want[8].value == 4 + 'a');
  CHECK(want[9].value == 14 && want[10].value == 8 + 3 + 100 + 3 + 1000);
  CHECK(want[11].value == 4 && want[12].value == -1 && want[13].value == 103 &&
        want[14].value == 0);
  CHECK(want[15].trapped && want[15].code == WARD_TRAP_EXCEPTION && want[15].value == 11);
  CHECK(want[16].trapped && want[16].code == WARD_TRAP_INT_DIV_ZERO && !want[17].trapped);
  uint8_t *blob = NULL;
  size_t size = 0;
  ward_error_t *err = ward_module_serialize(m, &blob, &size);
  CHECK(err == NULL && blob != NULL && size > n);
  if (err)
    ward_error_delete(err);
  if (!blob)
    goto out;
  CHECK(ward_module_is_serialized(blob, size));
  CHECK(!ward_module_is_serialized(bytes, n));
  for (uint32_t i = 0; i < m->m->nbodies; i++) // serializing translated them all
    CHECK(!wd_code_is_lazy(wd_code_current(m->m->bodies[i].code)));
  ward_engine_t *engines[2] = {other, e};
  for (int k = 0; k < 2; k++) {
    ward_module_t *d = from_blob(engines[k], blob, size, NULL);
    CHECK(d != NULL);
    if (!d)
      continue;
    CHECK(d->m->nbodies == m->m->nbodies);
    for (uint32_t i = 0; i < d->m->nbodies; i++) {
      CHECK(!wd_code_is_lazy(d->m->bodies[i].code));
      CHECK(same_code(d->m->bodies[i].code, wd_code_current(m->m->bodies[i].code)));
    }
    // The same engine: the same canonical types.
    if (engines[k] == e)
      for (uint32_t i = 0; i < d->m->ntypes; i++)
        CHECK(d->m->rtts[i] == m->m->rtts[i]);
    const wd_code_t *codes[64];
    for (uint32_t i = 0; i < d->m->nbodies && i < 64; i++)
      codes[i] = d->m->bodies[i].code;
    memset(got, 0, sizeof got);
    CHECK(run_probes(engines[k], d, got));
    for (size_t i = 0; i < NPROBES; i++) {
      bool same = got[i].trapped == want[i].trapped && got[i].value == want[i].value &&
                  got[i].code == want[i].code;
      if (!same)
        printf("probe %s(%d): %d/%d/%d, from the bytes %d/%d/%d\n", k_probes[i].name, k_probes[i].a,
               got[i].trapped, got[i].value, got[i].code, want[i].trapped, want[i].value,
               want[i].code);
      CHECK(same);
    }
    for (uint32_t i = 0; i < d->m->nbodies && i < 64; i++)
      CHECK(d->m->bodies[i].code == codes[i]); // nothing translated again
    // Serializing it again gives the same blob.
    uint8_t *again = NULL;
    size_t again_size = 0;
    err = ward_module_serialize(d, &again, &again_size);
    CHECK(err == NULL && again_size == size && again && memcmp(again, blob, size) == 0);
    if (err)
      ward_error_delete(err);
    ward_module_serialized_free(again);
    ward_module_delete(d);
  }
  ward_module_serialized_free(blob);
out:
  if (m)
    ward_module_delete(m);
  ward_engine_delete(e);
  ward_engine_delete(other);
}

// Sets the blob's checksum right after a change.
static void reseal(uint8_t *blob, size_t n) {
  uint64_t sum = wd_ser_checksum(blob, n - WD_SER_CHECKSUM_LEN);
  for (int i = 0; i < 8; i++)
    blob[n - WD_SER_CHECKSUM_LEN + i] = (uint8_t)(sum >> (8 * i));
}

// The module of bytes in e (*m, for the caller to delete) and its blob, of
// *size bytes; NULL if either fails.
static uint8_t *blob_of(ward_engine_t *e, const uint8_t *bytes, size_t n, ward_module_t **m,
                        size_t *size) {
  uint8_t *blob = NULL;
  *m = module_new(e, bytes, n);
  ward_error_t *err = *m ? ward_module_serialize(*m, &blob, size) : NULL;
  CHECK(*m && !err && blob);
  if (err)
    ward_error_delete(err);
  return blob;
}

// Blobs that must be refused, with the reason in the message.
static void refusals(const uint8_t *bytes, size_t n) {
  ward_engine_t *e = engine(false, WARD_FEATURES_ALL);
  ward_engine_t *no_gc = engine(false, WARD_FEATURES_ALL & ~WARD_FEATURE_GC);
  ward_module_t *m = NULL;
  size_t size = 0;
  uint8_t *blob = blob_of(e, bytes, n, &m, &size);
  ward_error_t *err = NULL;
  if (!blob)
    goto out;
  uint8_t *copy = malloc(size);
  from_blob(e, bytes, n, "not a serialized ward module");
  from_blob(e, NULL, 0, "not a serialized ward module");
  from_blob(no_gc, blob, size, "compiled with gc on, and the engine has it off");
  // A blob compiled without GC, read by an engine with it.
  ward_module_t *m2 = module_new(no_gc, (const uint8_t *)"\0asm\1\0\0\0", 8);
  uint8_t *blob2 = NULL;
  size_t size2 = 0;
  if (m2 && !(err = ward_module_serialize(m2, &blob2, &size2)))
    from_blob(e, blob2, size2, "compiled with gc off, and the engine has it on");
  else if (err)
    ward_error_delete(err);
  ward_module_serialized_free(blob2);
  if (m2)
    ward_module_delete(m2);
  // Another format version.
  memcpy(copy, blob, size);
  copy[WD_SER_MAGIC_LEN] ^= 1;
  from_blob(e, copy, size, "its format is version 3, this ward reads version 2");
  // Another build: its fingerprint's first field says another version.
  memcpy(copy, blob, size);
  uint8_t *w = memchr(copy, '=', size);
  CHECK(w && memcmp(w - 4, "ward=", 5) == 0);
  if (w) {
    w[1] = '9';
    reseal(copy, size);
    from_blob(e, copy, size, "compiled by another build of ward (ward=9");
  }
  // Another dispatch (the third field).
  memcpy(copy, blob, size);
  uint8_t *dsp = NULL;
  for (size_t i = 0; i + 9 < size && !dsp; i++)
    if (memcmp(copy + i, "dispatch=", 9) == 0)
      dsp = copy + i + 9;
  CHECK(dsp != NULL);
  if (dsp) {
    dsp[0] ^= 0x20; // tail -> Tail, ...
    reseal(copy, size);
    from_blob(e, copy, size, "this build has dispatch=");
  }
  // The checksum itself.
  memcpy(copy, blob, size);
  copy[size / 2] ^= 0x10;
  from_blob(e, copy, size, "corrupt module blob: checksum mismatch");
  free(copy);
  ward_module_serialized_free(blob);
out:
  if (m)
    ward_module_delete(m);
  ward_engine_delete(e);
  ward_engine_delete(no_gc);
}

// Whether blob[n] is refused: an error and no module (a module it gives
// is deleted, never run).
static bool is_refused(ward_engine_t *e, const uint8_t *blob, size_t n) {
  ward_module_t *m = NULL;
  ward_error_t *err = ward_module_deserialize(e, blob, n, &m);
  CHECK((err == NULL) == (m != NULL));
  if (err)
    ward_error_delete(err);
  if (m)
    ward_module_delete(m);
  return err != NULL;
}

// Damage of every kind to a small blob: errors, never crashes.
static void damage(const uint8_t *bytes, size_t n) {
  ward_engine_t *e = engine(false, WARD_FEATURES_ALL);
  ward_module_t *m = NULL;
  size_t size = 0;
  uint8_t *blob = blob_of(e, bytes, n, &m, &size);
  ward_error_t *err = NULL;
  if (!blob)
    goto out;
  // It works whole.
  ward_module_t *d = from_blob(e, blob, size, NULL);
  CHECK(d != NULL);
  if (d) {
    outcome_t o;
    ward_store_t *s = ward_store_new(e);
    ward_instance_t *inst = NULL;
    ward_trap_t *trap = NULL;
    err = ward_instance_new(s, d, NULL, 0, &inst, &trap);
    CHECK(!err && !trap && inst);
    if (inst) {
      o = call(s, inst, "f", 41, 0);
      CHECK(!o.trapped && o.value == 42);
    }
    ward_store_delete(s);
    ward_module_delete(d);
  }
  // Cut at every length: each copy exactly that long, so that ASan sees a
  // read past its end.
  int refused = 0;
  for (size_t len = 0; len < size; len++) {
    uint8_t *cut = malloc(len ? len : 1);
    memcpy(cut, blob, len);
    refused += is_refused(e, cut, len);
    free(cut);
  }
  CHECK(refused == (int)size);
  // Each bit flipped.
  uint8_t *copy = malloc(size);
  refused = 0;
  for (size_t bit = 0; bit < size * 8; bit++) {
    memcpy(copy, blob, size);
    copy[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    refused += is_refused(e, copy, size);
  }
  CHECK(refused == (int)size * 8);
  // Each 32-bit word after the version replaced, the checksum made right:
  // what a crafted blob can do. The reader must stay in bounds (ASan); it
  // may accept what it cannot tell from a real blob (the code itself), so
  // nothing it accepts is run.
  static const uint32_t k_vals[] = {0, 1, 0xffffffffu, 0x7fffffffu, 0x40000000u, 0x10000u};
  int accepted = 0;
  for (size_t at = WD_SER_MAGIC_LEN + 4; at + 4 <= size - WD_SER_CHECKSUM_LEN; at++) {
    for (size_t v = 0; v < sizeof k_vals / sizeof *k_vals + 1; v++) {
      memcpy(copy, blob, size);
      uint32_t x = v < sizeof k_vals / sizeof *k_vals ? k_vals[v] : copy[at] ^ 0x80u;
      if (v < sizeof k_vals / sizeof *k_vals)
        for (int j = 0; j < 4; j++)
          copy[at + j] = (uint8_t)(x >> (8 * j));
      else
        copy[at] = (uint8_t)x;
      reseal(copy, size);
      accepted += !is_refused(e, copy, size);
    }
  }
  CHECK(accepted > 0); // the code's units: a changed operand is still a blob
  free(copy);
  ward_module_serialized_free(blob);
out:
  if (m)
    ward_module_delete(m);
  ward_engine_delete(e);
}

int main(void) {
  size_t n = 0, sn = 0;
  uint8_t *bytes = wat(k_wat, &n), *small = wat(k_small_wat, &sn);
  CHECK(bytes != NULL && small != NULL);
  if (bytes && small) {
    round_trip(bytes, n, false);
    round_trip(bytes, n, true);
    refusals(bytes, n);
    damage(small, sn);
  }
  free(bytes);
  free(small);
  printf("serialize: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
