// SPDX-License-Identifier: Apache-2.0
// Several memories and 64-bit ones through the C API: memories and tables
// made by the host (ward_memory_new64, ward_table_new64) and imported, the
// memories of an instance by export name, and data written through
// ward_memory_data seen by the module's loads (and the other way round).
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "ward.h"
#include "check.h"

static const char k_wat[] = "(module\n"
                            "  (import \"host\" \"m64\" (memory $h i64 1 2))\n"
                            "  (import \"host\" \"t64\" (table i64 3 funcref))\n"
                            "  (memory $a (export \"a\") 1)\n"
                            "  (memory $b (export \"b\") i64 2)\n"
                            "  (export \"h\" (memory $h))\n"
                            "  (data (memory $a) (i32.const 8) \"\\2a\")\n"
                            "  (data (memory $b) (i64.const 0x1ffff) \"\\07\")\n"
                            "  (func (export \"peek\") (param i64) (result i32)\n"
                            "    (i32.add (i32.load8_u $h (local.get 0))\n"
                            "             (i32.add (i32.load8_u $a (i32.wrap_i64 (local.get 0)))\n"
                            "                      (i32.load8_u $b (local.get 0)))))\n"
                            "  (func (export \"poke\") (param i64 i32)\n"
                            "    (i32.store8 $b (local.get 0) (local.get 1)))\n"
                            "  (func (export \"tsize\") (result i64) (table.size 0)))\n";

static ward_func_t *func(ward_instance_t *inst, const char *name) {
  ward_extern_t ex;
  if (!ward_instance_export(inst, name, strlen(name), &ex) || ex.kind != WARD_EXTERN_FUNC)
    return NULL;
  return ex.of.func;
}

static ward_memory_t *memory(ward_instance_t *inst, const char *name) {
  ward_extern_t ex;
  if (!ward_instance_export(inst, name, strlen(name), &ex) || ex.kind != WARD_EXTERN_MEMORY)
    return NULL;
  return ex.of.memory;
}

// Calls f with one i64 (and an optional i32), returning its i32 or i64
// result, -1 on a trap or an error.
static int64_t call(ward_store_t *s, ward_func_t *f, int64_t x, int nargs, int32_t y) {
  ward_val_t args[2], res;
  memset(args, 0, sizeof args);
  args[0].kind = WARD_I64;
  args[0].of.i64 = x;
  args[1].kind = WARD_I32;
  args[1].of.i32 = y;
  ward_trap_t *trap = NULL;
  memset(&res, 0, sizeof res);
  size_t nres = nargs == 2 ? 0 : 1;
  ward_error_t *err = ward_func_call(s, f, args, (size_t)nargs, &res, nres, &trap);
  bool ok = err == NULL && trap == NULL;
  ward_error_delete(err); // both take NULL
  ward_trap_delete(trap);
  if (!ok)
    return -1;
  return nres == 0 ? 0 : res.kind == WARD_I64 ? res.of.i64 : res.of.i32;
}

int main(void) {
  ward_engine_t *e = ward_engine_new(NULL);
  ward_store_t *s = ward_store_new(e);
  CHECK(e != NULL && s != NULL);

  // The host's 64-bit memory and table; limits a 32-bit one cannot have.
  ward_memory_t *h = NULL;
  ward_error_t *err = ward_memory_new64(s, 1, 2, &h);
  CHECK(err == NULL && h != NULL && ward_memory_is64(h));
  ward_memory_t *big = NULL;
  err = ward_memory_new64(s, 0, (uint64_t)1 << 40, &big);
  CHECK(err == NULL && big != NULL); // a maximum beyond 4 GiB, capped by the engine
  err = ward_memory_new64(s, 0, ((uint64_t)1 << 48) + 1, &big);
  CHECK(err != NULL && big == NULL);
  if (err)
    ward_error_delete(err);
  ward_memory_t *m32 = NULL;
  err = ward_memory_new(s, 1, 2, &m32);
  CHECK(err == NULL && m32 != NULL && !ward_memory_is64(m32));
  ward_val_t null = {.kind = WARD_FUNCREF};
  ward_table_t *t = NULL;
  err = ward_table_new64(s, WARD_FUNCREF, 3, 5, null, &t);
  CHECK(err == NULL && t != NULL && ward_table_is64(t) && ward_table_size(t) == 3);
  if (!h || !t || !m32)
    return 1;
  ward_memory_data(h)[0x10] = 100;

  uint8_t *bin = NULL;
  size_t n = 0;
  wd_text_error_t terr;
  CHECK(wd_wat_to_wasm(k_wat, sizeof k_wat - 1, &bin, &n, &terr));
  ward_module_t *mod = NULL;
  err = ward_module_new(e, bin, n, &mod);
  free(bin);
  CHECK(err == NULL && mod != NULL);
  if (!mod)
    return 1;

  // A 32-bit memory does not satisfy a 64-bit import.
  ward_extern_t imports[2];
  imports[0].kind = WARD_EXTERN_MEMORY;
  imports[0].of.memory = m32;
  imports[1].kind = WARD_EXTERN_TABLE;
  imports[1].of.table = t;
  ward_instance_t *inst = NULL;
  ward_trap_t *trap = NULL;
  err = ward_instance_new(s, mod, imports, 2, &inst, &trap);
  CHECK(err != NULL && ward_error_kind(err) == WARD_ERROR_UNLINKABLE);
  if (err)
    ward_error_delete(err);

  imports[0].of.memory = h;
  inst = NULL;
  err = ward_instance_new(s, mod, imports, 2, &inst, &trap);
  CHECK(err == NULL && trap == NULL && inst != NULL);
  if (inst) {
    ward_memory_t *a = memory(inst, "a"), *b = memory(inst, "b");
    CHECK(a != NULL && b != NULL && a != b && memory(inst, "h") == h);
    if (a && b) {
      CHECK(!ward_memory_is64(a) && ward_memory_is64(b));
      CHECK(ward_memory_pages(a) == 1 && ward_memory_pages(b) == 2);
      CHECK(ward_memory_size(b) == 0x20000);
      CHECK(ward_memory_data(a)[8] == 42 && ward_memory_data(b)[0x1ffff] == 7);
      ward_memory_data(a)[0x10] = 20;
      ward_memory_data(b)[0x10] = 3;
      CHECK(call(s, func(inst, "peek"), 0x10, 1, 0) == 123);
      CHECK(call(s, func(inst, "peek"), 8, 1, 0) == 42);
      CHECK(call(s, func(inst, "peek"), 0x10000, 1, 0) == -1); // out of $a and $h
      CHECK(call(s, func(inst, "poke"), 0x1fffe, 2, 9) == 0);
      CHECK(ward_memory_data(b)[0x1fffe] == 9);
      CHECK(call(s, func(inst, "poke"), 0x20000, 2, 9) == -1);
      uint64_t old = 0;
      CHECK(ward_memory_grow(b, 1, &old) && old == 2);
      CHECK(call(s, func(inst, "poke"), 0x20000, 2, 9) == 0);
      CHECK(ward_memory_data(b)[0x20000] == 9);
    }
    CHECK(call(s, func(inst, "tsize"), 0, 0, 0) == 3);
  }
  ward_store_delete(s);
  ward_module_delete(mod);
  ward_engine_delete(e);
  printf("memories_api: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
