// SPDX-License-Identifier: Apache-2.0
// Each frame of a trap names the byte offset of its instruction
// (ward_frame_t.module_offset): unreachable, integer division by zero (by
// a value and by a constant), out-of-bounds loads and stores (caught by a
// guard page in the default build, by an explicit check in the `explicit`
// preset), their fused forms (an address with an added constant or a
// scaled index folded in, a load folded into an f64 add or into br_table,
// with an add before it, a load and a store in a row, an f64 in memory
// less a product), a trap in a callee (the caller's frame
// names its call), a call fused with the copies before it, a host
// function that traps (called and tail-called), an exception nothing
// catches, and call-stack exhaustion; lazily and eagerly translated, and
// again from a serialized module.
//
// Each expected offset is counted by hand from the start of the function's
// body (its locals vector), where wasm_frame_func_offset counts from too:
// `00` (no locals) is byte 0, then each instruction's bytes in order, as
// the module's comments show (function index: offsets).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ward.h"
#include "platform/platform.h" // WD_GUARD_PAGES
#include "check.h"
#include "wat_main.h"

static const char k_wat[] =
    "(module\n"
    "  ;; 0: the host function env.h\n"
    "  (import \"env\" \"h\" (func $h (param i32)))\n"
    "  (tag $e (param i32))\n"
    "  (memory 1)\n"
    "  ;; 1: +1 nop, +2 unreachable\n"
    "  (func $unr (export \"unr\") nop unreachable)\n"
    "  ;; 2: +1 local.get 0, +3 local.get 1, +5 i32.div_s\n"
    "  (func $div (export \"div\") (param i32 i32) (result i32)\n"
    "    local.get 0 local.get 1 i32.div_s)\n"
    "  ;; 3: +1 local.get 0, +3 i32.const 0, +5 i32.rem_u (by a constant)\n"
    "  (func (export \"remk\") (param i32) (result i32)\n"
    "    local.get 0 i32.const 0 i32.rem_u)\n"
    "  ;; 4: +1 local.get 0, +3 i32.load offset=4, +6 i32.const 1, +8 i32.add\n"
    "  (func (export \"load\") (param i32) (result i32)\n"
    "    local.get 0 i32.load offset=4 i32.const 1 i32.add)\n"
    "  ;; 5: +1 local.get 0, +3 i32.const 8, +5 i32.add, +6 i32.load\n"
    "  (func (export \"fold\") (param i32) (result i32)\n"
    "    local.get 0 i32.const 8 i32.add i32.load)\n"
    "  ;; 6: +1 local.get 0, +3 local.get 1, +5 i32.const 2, +7 i32.shl, +8 i32.add, +9 i32.load\n"
    "  (func (export \"scaled\") (param i32 i32) (result i32)\n"
    "    local.get 0 local.get 1 i32.const 2 i32.shl i32.add i32.load)\n"
    "  ;; 7: +1 local.get 0, +3 local.get 1, +5 i32.load, +8 i32.store\n"
    "  (func (export \"copy\") (param i32 i32)\n"
    "    local.get 0 local.get 1 i32.load i32.store)\n"
    "  ;; 8: +1 local.get 1, +3 local.get 0, +5 f64.load, +8 f64.add\n"
    "  (func (export \"addm\") (param i32 f64) (result f64)\n"
    "    local.get 1 local.get 0 f64.load f64.add)\n"
    "  ;; 9: +1 block, +3 block, +5 local.get 0, +7 i32.load, +10 br_table\n"
    "  (func (export \"brt\") (param i32) (result i32)\n"
    "    block block local.get 0 i32.load br_table 0 1 end\n"
    "    i32.const 1 return end i32.const 2)\n"
    "  ;; 10: +1 i32.const 7, +3 local.get 0, +5 call $div\n"
    "  (func (export \"outer\") (param i32) (result i32)\n"
    "    i32.const 7 local.get 0 call $div)\n"
    "  ;; 11: locals 01 01 7f (+0..+2), +3 local.get 0, +5 local.set 1, +7 call\n"
    "  (func (export \"relabel\") (param i32) (local i32)\n"
    "    local.get 0 local.set 1 call $unr)\n"
    "  ;; 12: +1 local.get 0, +3 call $h\n"
    "  (func (export \"callh\") (param i32) local.get 0 call $h)\n"
    "  ;; 13: +1 local.get 0, +3 return_call $h\n"
    "  (func (export \"tailh\") (param i32) local.get 0 return_call $h)\n"
    "  ;; 14: +1 local.get 0, +3 throw $e\n"
    "  (func $thrower (param i32) local.get 0 throw $e)\n"
    "  ;; 15: +1 local.get 0, +3 call $thrower\n"
    "  (func (export \"throws\") (param i32) local.get 0 call $thrower)\n"
    "  ;; 16: +1 local.get 0, +3 i32.const 1, +5 i32.add, +6 call $rec\n"
    "  (func $rec (export \"rec\") (param i32) (result i32)\n"
    "    local.get 0 i32.const 1 i32.add call $rec)\n"
    "  ;; 17: +1 local.get 0, +3 i32.load, +6 local.get 1, +8 i32.load, +11 i32.add\n"
    "  (func (export \"two\") (param i32 i32) (result i32)\n"
    "    local.get 0 i32.load local.get 1 i32.load i32.add)\n"
    "  ;; 18: +1 local.get 0, +3 local.get 1, +5 i32.store, +8 local.get 0, +10 local.get 1, +12 "
    "i32.store offset=4\n"
    "  (func (export \"stores\") (param i32 i32)\n"
    "    local.get 0 local.get 1 i32.store\n"
    "    local.get 0 local.get 1 i32.store offset=4)\n";
// (The text goes on here: C11 promises string literals of 4,095 bytes.)
static const char k_wat2[] =
    "  ;; 19: +1 block, +3 block, +5 local.get 0, +7 local.get 1, +9 i32.const 2, +11 i32.shl,\n"
    "  ;; +12 i32.add, +13 i32.load, +16 br_table (a scaled index loaded into br_table)\n"
    "  (func (export \"brts\") (param i32 i32) (result i32)\n"
    "    block block local.get 0 local.get 1 i32.const 2 i32.shl i32.add i32.load\n"
    "    br_table 0 1 end i32.const 1 return end i32.const 2)\n"
    "  ;; 20: +1 local.get 0, +3 local.get 0, +5 i32.load, +8 i32.const 1, +10 i32.add,\n"
    "  ;; +11 i32.store (an i32 in memory increased by a constant)\n"
    "  (func (export \"incr\") (param i32)\n"
    "    local.get 0 local.get 0 i32.load i32.const 1 i32.add i32.store)\n"
    "  ;; 21: locals 01 01 7f (+0..+2), +3 block, +5 block, +7 local.get 1, +9 i32.const 1,\n"
    "  ;; +11 i32.add, +12 local.set 2, +14 local.get 0, +16 local.get 1, +18 i32.const 2,\n"
    "  ;; +20 i32.shl, +21 i32.add, +22 i32.load, +25 br_table (a dispatch head: `next = pc\n"
    "  ;; + 1; switch (code[pc])`, in the tail-call build one operation)\n"
    "  (func (export \"head\") (param i32 i32) (result i32) (local i32)\n"
    "    block block local.get 1 i32.const 1 i32.add local.set 2\n"
    "    local.get 0 local.get 1 i32.const 2 i32.shl i32.add i32.load\n"
    "    br_table 0 1 end local.get 2 return end i32.const 2)\n"
    "  ;; 22: +1 local.get 0, +3 local.get 0, +5 f64.load, +8 local.get 1, +10 local.get 1,\n"
    "  ;; +12 f64.mul, +13 local.get 1, +15 f64.mul, +16 f64.sub, +17 f64.store (an f64 in\n"
    "  ;; memory less a product: the first multiply, then one operation)\n"
    "  (func (export \"subm\") (param i32 f64)\n"
    "    local.get 0 local.get 0 f64.load local.get 1 local.get 1 f64.mul local.get 1 f64.mul\n"
    "    f64.sub f64.store)\n"
    "  ;; 23: locals 01 02 7f (+0..+2), +3 local.get 0, +5 i32.load, +8 local.set 1,\n"
    "  ;; +10 local.get 1, +12 i32.const 1, +14 i32.add, +15 local.set 2 (a load and an add\n"
    "  ;; to the value loaded: one operation)\n"
    "  (func (export \"ldadd\") (param i32) (result i32) (local i32 i32)\n"
    "    local.get 0 i32.load local.set 1 local.get 1 i32.const 1 i32.add local.set 2\n"
    "    local.get 1 local.get 2 i32.mul)\n"
    "  ;; 24: +0 locals 00, +1 unreachable; 25 and 26: forwarders (+1 local.get 0, +3 call\n"
    "  ;; 24 and 25), which the call of 26 in 27 (+3) skips: the backtrace names them\n"
    "  (func (param i32) (result i32) unreachable)\n"
    "  (func (param i32) (result i32) local.get 0 call 24)\n"
    "  (func (param i32) (result i32) local.get 0 call 25)\n"
    "  (func (export \"fwd\") (param i32) (result i32) local.get 0 call 26)\n"
    "  ;; 28: +3 return_call 24; 29: a forwarder to 28 (+3 call), skipped by 30's call (+3)\n"
    "  (func (param i32) (result i32) local.get 0 return_call 24)\n"
    "  (func (param i32) (result i32) local.get 0 call 28)\n"
    "  (func (export \"fwdtail\") (param i32) (result i32) local.get 0 call 29)\n"
    ")\n";

// Whether a memory fault a guard page caught names its instruction: the
// interpreter finds its ip among the registers at the fault, where an
// optimized build keeps it; an unoptimized one (the asan preset) keeps it
// in memory, so the frame may name no instruction there (never a wrong
// one). Explicit bounds checks always name it.
#if WD_GUARD_PAGES && !defined(__OPTIMIZE__)
static const bool k_fault_may_be_unknown = true;
#else
static const bool k_fault_may_be_unknown = false;
#endif

// The module's bytes, to check the opcode at each offset a frame names.
static const uint8_t *g_bytes;
static size_t g_size;

static ward_trap_t *host_h(void *env, ward_caller_t *caller, const ward_val_t *args, size_t nargs,
                           ward_val_t *results, size_t nresults) {
  (void)env, (void)caller, (void)results, (void)nresults;
  return nargs == 1 && args[0].of.i32 != 0 ? ward_trap_new("host says no") : NULL;
}

// Calls export `name` with up to two i32 arguments (and an f64 one for
// addm), which must trap with `code`; then checks its first nexp frames:
// frame i is function func[i] at byte rel[i] of its body, where the module
// holds opcode op[i]. Returns the trap (the caller deletes it) or NULL.
static ward_trap_t *expect_trap(ward_store_t *s, ward_instance_t *inst, const char *name,
                                const ward_val_t *args, size_t nargs, ward_trapcode_t code,
                                size_t nexp, const uint32_t *func, const size_t *rel,
                                const uint8_t *op) {
  ward_extern_t ex;
  if (!ward_instance_export(inst, name, strlen(name), &ex) || ex.kind != WARD_EXTERN_FUNC) {
    CHECK(!"export found");
    return NULL;
  }
  ward_val_t res[1];
  ward_trap_t *trap = NULL;
  size_t nres = ward_functype_result_count(ward_func_type(ex.of.func));
  ward_error_t *err = ward_func_call(s, ex.of.func, args, nargs, res, nres, &trap);
  CHECK(err == NULL && trap != NULL);
  if (err)
    ward_error_delete(err);
  if (!trap)
    return NULL;
  CHECK(ward_trap_code(trap) == code);
  CHECK(ward_trap_frame_count(trap) >= nexp);
  for (size_t i = 0; i < nexp; i++) {
    ward_frame_t f;
    bool ok = ward_trap_frame(trap, i, &f);
    CHECK(ok);
    if (!ok)
      break;
    if (i == 0 && code == WARD_TRAP_MEMORY_OOB && k_fault_may_be_unknown &&
        f.module_offset == SIZE_MAX && f.func_index == func[0])
      continue;
    bool right = f.func_index == func[i] && f.module_offset != SIZE_MAX &&
                 f.func_start != SIZE_MAX && f.module_offset - f.func_start == rel[i] &&
                 f.module_offset < g_size && g_bytes[f.module_offset] == op[i];
    if (!right)
      printf("%s: frame %zu: function %u at %zd (want %u at %zu)\n", name, i, f.func_index,
             f.module_offset == SIZE_MAX ? (ptrdiff_t)-1
                                         : (ptrdiff_t)(f.module_offset - f.func_start),
             func[i], rel[i]);
    CHECK(right);
  }
  return trap;
}

static ward_val_t i32(int32_t v) {
  ward_val_t x = {.kind = WARD_I32};
  x.of.i32 = v;
  return x;
}

// One trap, its innermost frame only.
#define EXPECT1(name, code, fn, at, opc, ...)                                                      \
  do {                                                                                             \
    ward_val_t a_[] = {__VA_ARGS__};                                                               \
    uint32_t f_[] = {fn};                                                                          \
    size_t r_[] = {at};                                                                            \
    uint8_t o_[] = {opc};                                                                          \
    ward_trap_delete(expect_trap(s, inst, name, a_, sizeof a_ / sizeof *a_, code, 1, f_, r_, o_)); \
  } while (0)

static void checks(ward_store_t *s, ward_module_t *m) {
  ward_valkind_t hp[1] = {WARD_I32};
  ward_instance_t *inst = wat_instance_with_host(s, m, hp, 1, NULL, 0, host_h);
  ward_trap_t *trap = NULL;
  if (!inst)
    return;
  const ward_trapcode_t oob = WARD_TRAP_MEMORY_OOB;

  // unreachable, and its text: "    0: 0x<offset> - <unnamed> [#1]".
  trap = expect_trap(s, inst, "unr", NULL, 0, WARD_TRAP_UNREACHABLE, 1, (uint32_t[]){1},
                     (size_t[]){2}, (uint8_t[]){0x00});
  if (trap) {
    ward_frame_t f;
    char text[256], want[64];
    ward_trap_frame(trap, 0, &f);
    ward_trap_format(trap, text, sizeof text);
    snprintf(want, sizeof want, "\n    0: 0x%zx - ", f.module_offset);
    CHECK(strstr(text, want) != NULL);
    ward_trap_delete(trap);
  }
  EXPECT1("div", WARD_TRAP_INT_DIV_ZERO, 2, 5, 0x6D, i32(1), i32(0));
  EXPECT1("remk", WARD_TRAP_INT_DIV_ZERO, 3, 5, 0x70, i32(1));
  // Loads and stores beyond the memory (64 KiB).
  EXPECT1("load", oob, 4, 3, 0x28, i32(65534));
  EXPECT1("fold", oob, 5, 6, 0x28, i32(65530));
  EXPECT1("scaled", oob, 6, 9, 0x28, i32(8), i32(20000));
  EXPECT1("copy", oob, 7, 5, 0x28, i32(0), i32(70000));
  EXPECT1("copy", oob, 7, 8, 0x36, i32(70000), i32(0));
  // Two accesses in a row: where a guard page caught the fault, ip may
  // point at either (wd_code_fault_at tells them apart).
  EXPECT1("two", oob, 17, 3, 0x28, i32(70000), i32(0));
  EXPECT1("two", oob, 17, 8, 0x28, i32(0), i32(70000));
  EXPECT1("stores", oob, 18, 5, 0x36, i32(70000), i32(0));
  EXPECT1("stores", oob, 18, 12, 0x36, i32(65532), i32(0));
  ward_val_t am[2] = {i32(65532), {.kind = WARD_F64}};
  ward_trap_delete(expect_trap(s, inst, "addm", am, 2, oob, 1, (uint32_t[]){8}, (size_t[]){5},
                               (uint8_t[]){0x2B}));
  ward_trap_delete(expect_trap(s, inst, "subm", am, 2, oob, 1, (uint32_t[]){22}, (size_t[]){5},
                               (uint8_t[]){0x2B}));
  EXPECT1("brt", oob, 9, 7, 0x28, i32(-4));
  EXPECT1("brts", oob, 19, 13, 0x28, i32(65532), i32(1));
  EXPECT1("incr", oob, 20, 5, 0x28, i32(65533));
  EXPECT1("head", oob, 21, 22, 0x28, i32(65532), i32(1));
  EXPECT1("ldadd", oob, 23, 5, 0x28, i32(65533));
  // Forwarders skipped by a call (interp/compile.c, do_call): their frames
  // are put back, also where the end of the chain made a tail call.
  ward_val_t one = i32(1);
  ward_trap_t *fwd =
      expect_trap(s, inst, "fwd", &one, 1, WARD_TRAP_UNREACHABLE, 4, (uint32_t[]){24, 25, 26, 27},
                  (size_t[]){1, 3, 3, 3}, (uint8_t[]){0x00, 0x10, 0x10, 0x10});
  CHECK(fwd && ward_trap_frame_count(fwd) == 4);
  ward_trap_delete(fwd);
  fwd = expect_trap(s, inst, "fwdtail", &one, 1, WARD_TRAP_UNREACHABLE, 3, (uint32_t[]){24, 29, 30},
                    (size_t[]){1, 3, 3}, (uint8_t[]){0x00, 0x10, 0x10});
  CHECK(fwd && ward_trap_frame_count(fwd) == 3);
  ward_trap_delete(fwd);
  // In a callee: the caller's frame names its call (fused with the copy
  // of an argument before it).
  ward_val_t zero = i32(0);
  ward_trap_delete(expect_trap(s, inst, "outer", &zero, 1, WARD_TRAP_INT_DIV_ZERO, 2,
                               (uint32_t[]){2, 10}, (size_t[]){5, 5}, (uint8_t[]){0x6D, 0x10}));
  // The call fused with the copy of an earlier local.set names the call.
  ward_trap_delete(expect_trap(s, inst, "relabel", &zero, 1, WARD_TRAP_UNREACHABLE, 2,
                               (uint32_t[]){1, 11}, (size_t[]){2, 7}, (uint8_t[]){0x00, 0x10}));
  // A host function's trap: the frame of its caller names the call.
  EXPECT1("callh", WARD_TRAP_HOST, 12, 3, 0x10, i32(1));
  EXPECT1("tailh", WARD_TRAP_HOST, 13, 3, 0x12, i32(1));
  // An exception nothing catches: the throw, then the call.
  ward_trap_delete(expect_trap(s, inst, "throws", &zero, 1, WARD_TRAP_EXCEPTION, 2,
                               (uint32_t[]){14, 15}, (size_t[]){3, 3}, (uint8_t[]){0x08, 0x10}));
  // The call that found the stack exhausted, and the calls below it.
  ward_trap_delete(expect_trap(s, inst, "rec", &zero, 1, WARD_TRAP_STACK_EXHAUSTED, 2,
                               (uint32_t[]){16, 16}, (size_t[]){6, 6}, (uint8_t[]){0x10, 0x10}));
}

static void run(const uint8_t *bytes, size_t n, bool eager) {
  g_bytes = bytes;
  g_size = n;
  wat_env_t w;
  if (wat_env_open(&w, bytes, n, eager))
    checks(w.s, w.m);
  // The offsets survive serialization (eagerly: once is enough).
  if (eager && w.m) {
    uint8_t *blob = NULL;
    size_t size = 0;
    ward_module_t *m2 = NULL;
    ward_error_t *err = ward_module_serialize(w.m, &blob, &size);
    CHECK(err == NULL);
    if (!err)
      err = ward_module_deserialize(w.e, blob, size, &m2);
    CHECK(err == NULL && m2 != NULL);
    if (err)
      ward_error_delete(err);
    if (m2) {
      ward_store_t *s2 = ward_store_new(w.e);
      checks(s2, m2);
      ward_store_delete(s2);
      ward_module_delete(m2);
    }
    ward_module_serialized_free(blob);
  }
  wat_env_close(&w);
}

// The module's text, both parts.
static const char *module_text(void) {
  static char text[sizeof k_wat + sizeof k_wat2];
  memcpy(text, k_wat, sizeof k_wat - 1);
  memcpy(text + sizeof k_wat - 1, k_wat2, sizeof k_wat2);
  return text;
}

WAT_TEST_MAIN("trap_offsets", module_text())
