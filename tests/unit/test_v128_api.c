// SPDX-License-Identifier: Apache-2.0
// v128 values through the public API: a wasm export taking and returning
// v128 (ward_func_call), and a host function (ward_func_new) that wasm
// calls with a v128 argument and whose v128 result it uses; lazy and eager.
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "ward.h"
#include "check.h"
#include "wat_main.h"

static const char k_wat[] =
    "(module\n"
    "  (import \"env\" \"h\" (func $h (param v128 i32) (result v128)))\n"
    "  (func (export \"f\") (param v128) (result v128)\n"
    "    (i8x16.add (call $h (local.get 0) (i32.const 7))\n"
    "               (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16))))\n";

static int g_calls;

// h(v, k): every byte of v xor k.
static ward_trap_t *host_h(void *env, ward_caller_t *caller, const ward_val_t *args, size_t nargs,
                           ward_val_t *results, size_t nresults) {
  (void)env, (void)caller;
  g_calls++;
  if (nargs != 2 || nresults != 1 || args[0].kind != WARD_V128 || args[1].kind != WARD_I32)
    return ward_trap_new("bad host call");
  results[0].kind = WARD_V128;
  for (int i = 0; i < 16; i++)
    results[0].of.v128[i] = (uint8_t)(args[0].of.v128[i] ^ (uint8_t)args[1].of.i32);
  return NULL;
}

static void run(const uint8_t *bytes, size_t n, bool eager) {
  wat_env_t w;
  bool loaded = wat_env_open(&w, bytes, n, eager);
  ward_store_t *s = w.s;
  ward_module_t *m = w.m;
  ward_error_t *err = NULL;
  if (!loaded)
    goto out;
  ward_valkind_t params[2] = {WARD_V128, WARD_I32}, results[1] = {WARD_V128};
  ward_instance_t *inst = wat_instance_with_host(s, m, params, 2, results, 1, host_h);
  ward_trap_t *trap = NULL;
  ward_extern_t ex;
  if (inst && ward_instance_export(inst, "f", 1, &ex)) {
    ward_val_t arg = {.kind = WARD_V128}, res;
    memset(&res, 0, sizeof res);
    for (int i = 0; i < 16; i++)
      arg.of.v128[i] = (uint8_t)(0xf0 + i);
    g_calls = 0;
    trap = NULL;
    err = ward_func_call(s, ex.of.func, &arg, 1, &res, 1, &trap);
    CHECK(err == NULL && trap == NULL);
    CHECK(g_calls == 1);
    CHECK(res.kind == WARD_V128);
    bool same = true;
    for (int i = 0; i < 16; i++)
      same &= res.of.v128[i] == (uint8_t)(((0xf0 + i) ^ 7) + i + 1);
    CHECK(same);
    if (err)
      ward_error_delete(err);
    if (trap)
      ward_trap_delete(trap);
  } else {
    CHECK(!"no export f");
  }
out:
  wat_env_close(&w);
}

WAT_TEST_MAIN("v128_api", k_wat)
