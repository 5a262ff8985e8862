// SPDX-License-Identifier: Apache-2.0
// ward_config_t.memory_reservation: with explicit bounds checks, a memory
// whose range exceeds the setting (and every memory with 0) lives in the C
// heap and moves when it grows. Growing it from wasm and from the host must
// keep its contents, zero the new pages, and leave the interpreter using the
// new base; with guard pages the setting changes nothing, and the same
// checks hold. Run with 0, a bound below the memory's range, and the
// default.
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "ward.h"
#include "check.h"

#define EQ(a, b) CHECK((a) == (b))

static const char k_wat[] =
    "(module\n"
    "  (memory (export \"m\") 1 65)\n"
    "  (data (i32.const 100) \"ward\")\n"
    // Grows by n pages, then stores v at the last byte of the new size and
    // returns the old size in pages.
    "  (func (export \"grow_store\") (param i32 i32) (result i32)\n"
    "    (local i32)\n"
    "    (local.set 2 (memory.grow (local.get 0)))\n"
    "    (i32.store8 (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 1))\n"
    "                (local.get 1))\n"
    "    (local.get 2))\n"
    "  (func (export \"load8\") (param i32) (result i32) (i32.load8_u (local.get 0)))\n"
    "  (func (export \"sum\") (param i32 i32) (result i32) (local i32)\n" // bytes [a, b)
    "    (block (loop\n"
    "      (br_if 1 (i32.ge_u (local.get 0) (local.get 1)))\n"
    "      (local.set 2 (i32.add (local.get 2) (i32.load8_u (local.get 0))))\n"
    "      (local.set 0 (i32.add (local.get 0) (i32.const 1)))\n"
    "      (br 0)))\n"
    "    (local.get 2)))\n";

static ward_extern_t get_export(ward_instance_t *inst, const char *name) {
  ward_extern_t ex;
  memset(&ex, 0, sizeof ex);
  CHECK(ward_instance_export(inst, name, strlen(name), &ex));
  return ex;
}

// Calls f with up to two i32 arguments; its i32 result, or -1 on a trap.
static int64_t call2(ward_store_t *s, ward_func_t *f, int32_t a, int32_t b, size_t nargs) {
  ward_val_t args[2], res;
  memset(args, 0, sizeof args);
  memset(&res, 0, sizeof res);
  args[0].kind = args[1].kind = WARD_I32;
  args[0].of.i32 = a;
  args[1].of.i32 = b;
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_func_call(s, f, args, nargs, &res, 1, &trap);
  bool ok = !err && !trap;
  ward_error_delete(err);
  ward_trap_delete(trap);
  return ok ? (int64_t)(uint32_t)res.of.i32 : -1;
}

static void run_with(const uint8_t *bin, size_t n, bool set, uint64_t reservation) {
  ward_config_t cfg;
  ward_config_init(&cfg);
  if (set)
    cfg.memory_reservation = reservation;
  ward_engine_t *e = ward_engine_new(&cfg);
  ward_store_t *s = ward_store_new(e);
  ward_module_t *mod = NULL;
  CHECK(e && s && ward_module_new(e, bin, n, &mod) == NULL && mod);
  ward_instance_t *inst = NULL;
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_instance_new(s, mod, NULL, 0, &inst, &trap);
  CHECK(!err && !trap && inst);
  if (!inst) {
    ward_error_delete(err);
    ward_trap_delete(trap);
    ward_store_delete(s);
    ward_module_delete(mod);
    ward_engine_delete(e);
    return;
  }
  ward_memory_t *m = get_export(inst, "m").of.memory;
  ward_func_t *grow_store = get_export(inst, "grow_store").of.func;
  ward_func_t *load8 = get_export(inst, "load8").of.func;
  ward_func_t *sum = get_export(inst, "sum").of.func;
  CHECK(ward_memory_size(m) == 65536);
  CHECK(memcmp(ward_memory_data(m) + 100, "ward", 4) == 0);

  // Growth from wasm, several times (a heap memory moves, usually).
  uint32_t pages = 1;
  for (int i = 0; i < 6; i++) {
    int32_t by = 1 << i;
    EQ(call2(s, grow_store, by, 7 + i, 2), (int64_t)pages);
    pages += (uint32_t)by;
    CHECK(ward_memory_size(m) == (size_t)pages * 65536);
    EQ(call2(s, load8, 100, 0, 1), 'w');
    EQ(call2(s, load8, (int32_t)(pages * 65536 - 1), 0, 1), 7 + i);
    CHECK(ward_memory_data(m)[pages * 65536 - 1] == 7 + i);
  }
  // The new pages were zero but for the byte each growth stored: the
  // pages' sum is 'w' + 'a' + 'r' + 'd' and the six bytes.
  int64_t want = 'w' + 'a' + 'r' + 'd';
  for (int i = 0; i < 6; i++)
    want += 7 + i;
  EQ(call2(s, sum, 0, (int32_t)(pages * 65536), 2), want);
  // Past the maximum (65 pages): -1, nothing changes.
  EQ(call2(s, grow_store, 2, 1, 2), (int64_t)UINT32_MAX);
  CHECK(ward_memory_size(m) == (size_t)pages * 65536);
  // Out of bounds still traps.
  EQ(call2(s, load8, (int32_t)(pages * 65536), 0, 1), -1);

  // Growth from the host, and wasm sees the new base.
  uint64_t old = 0;
  CHECK(ward_memory_grow(m, 1, &old) && old == pages);
  pages++;
  ward_memory_data(m)[pages * 65536 - 2] = 99;
  EQ(call2(s, load8, (int32_t)(pages * 65536 - 2), 0, 1), 99);
  EQ(call2(s, load8, 103, 0, 1), 'd');

  ward_store_delete(s); // before the module its instance uses
  ward_module_delete(mod);
  ward_engine_delete(e);
}

int main(void) {
  uint8_t *bin = NULL;
  size_t n = 0;
  wd_text_error_t terr;
  CHECK(wd_wat_to_wasm(k_wat, sizeof k_wat - 1, &bin, &n, &terr));
  if (!bin)
    return 1;
  run_with(bin, n, true, 0);              // heap memories
  run_with(bin, n, true, 65 * 65536 - 1); // a range just above the bound: heap
  run_with(bin, n, true, 65 * 65536);     // exactly the range: reserved (64-bit)
  run_with(bin, n, false, 0);             // the default
  free(bin);
  printf("memory_reserve: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
