// SPDX-License-Identifier: Apache-2.0
// Lazy translation: a module is validated when it is created and each
// function translated on its first call; with eager_compile, all at once.
// An invalid body is rejected at creation either way.
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "interp/code.h"
#include "runtime/rt.h"
#include "ward.h"
#include "check.h"

// (func (export "f") (param i32) (result i32) local.get 0 i32.const 1 i32.add)
// (func (export "g") (param i32) (result i32) local.get 0 call 0 call 0)
static const uint8_t k_module[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,       // header
    0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,       // type: (i32) -> i32
    0x03, 0x03, 0x02, 0x00, 0x00,                         // funcs: 2 of type 0
    0x07, 0x09, 0x02, 0x01, 'f',  0x00, 0x00,             // export "f" func 0
    0x01, 'g',  0x00, 0x01,                               // export "g" func 1
    0x0a, 0x12, 0x02,                                     // code: 2 bodies
    0x07, 0x00, 0x20, 0x00, 0x41, 0x01, 0x6a, 0x0b,       // f
    0x08, 0x00, 0x20, 0x00, 0x10, 0x00, 0x10, 0x00, 0x0b, // g
};
// The same with f's body `local.get 0 i32.add`: invalid (type mismatch).
static const uint8_t k_invalid[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01,
    0x7f, 0x01, 0x7f, 0x03, 0x03, 0x02, 0x00, 0x00, 0x07, 0x09, 0x02, 0x01, 'f',
    0x00, 0x00, 0x01, 'g',  0x00, 0x01, 0x0a, 0x10, 0x02, 0x05, 0x00, 0x20, 0x00,
    0x6a, 0x0b, 0x08, 0x00, 0x20, 0x00, 0x10, 0x00, 0x10, 0x00, 0x0b,
};

static ward_module_t *load(ward_engine_t *e, const uint8_t *bytes, size_t n) {
  ward_module_t *m = NULL;
  ward_error_t *err = ward_module_new(e, bytes, n, &m);
  if (err) {
    ward_error_delete(err);
    return NULL;
  }
  return m;
}

static int32_t call(ward_store_t *s, ward_instance_t *inst, const char *name, int32_t x) {
  ward_extern_t ex;
  if (!ward_instance_export(inst, name, strlen(name), &ex))
    return -1;
  ward_val_t arg = {.kind = WARD_I32, .of.i32 = x}, res;
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_func_call(s, ex.of.func, &arg, 1, &res, 1, &trap);
  if (err || trap) {
    if (err)
      ward_error_delete(err);
    if (trap)
      ward_trap_delete(trap);
    return -1;
  }
  return res.of.i32;
}

static void run(bool eager) {
  ward_config_t cfg;
  ward_config_init(&cfg);
  cfg.eager_compile = eager;
  ward_engine_t *e = ward_engine_new(&cfg);
  ward_store_t *s = ward_store_new(e);
  CHECK(load(e, k_invalid, sizeof k_invalid) == NULL); // rejected either way
  ward_instance_t *inst = NULL;
  ward_module_t *m = load(e, k_module, sizeof k_module);
  CHECK(m != NULL);
  if (!m)
    goto out;
  CHECK(m->m->nbodies == 2);
  CHECK(wd_code_is_lazy(m->m->bodies[0].code) == !eager);
  CHECK(wd_code_is_lazy(m->m->bodies[1].code) == !eager);
  CHECK(m->m->bodies[0].code->frame_cells >= 2);
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_instance_new(s, m, NULL, 0, &inst, &trap);
  CHECK(err == NULL && trap == NULL && inst != NULL);
  if (inst) {
    CHECK(call(s, inst, "f", 41) == 42);
    CHECK(!wd_code_is_lazy(wd_code_current(m->m->bodies[0].code)));
    CHECK(wd_code_is_lazy(wd_code_current(m->m->bodies[1].code)) == !eager); // g not called yet
    CHECK(call(s, inst, "g", 1) == 3);
    CHECK(!wd_code_is_lazy(wd_code_current(m->m->bodies[1].code)));
    const wd_code_t *g = wd_code_current(m->m->bodies[1].code);
    CHECK(call(s, inst, "g", -5) == -3); // translated once, runs again
    CHECK(wd_code_current(m->m->bodies[1].code) == g);
    // A second instance (in the same store) runs the translation the first
    // one's call made, and translates nothing again.
    ward_instance_t *inst2 = NULL;
    err = ward_instance_new(s, m, NULL, 0, &inst2, &trap);
    CHECK(err == NULL && trap == NULL && inst2 != NULL);
    if (inst2) {
      CHECK(inst2->own_funcs[1].code == g);
      CHECK(call(s, inst2, "g", 2) == 4);
      CHECK(wd_code_current(m->m->bodies[1].code) == g);
    }
  }
out:
  ward_store_delete(s); // instances use their module: the store goes first
  if (m)
    ward_module_delete(m);
  ward_engine_delete(e);
}

int main(void) {
  run(false);
  run(true);
  printf("lazy: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
