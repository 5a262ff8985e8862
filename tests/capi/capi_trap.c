// SPDX-License-Identifier: Apache-2.0
// wasm.h traps: one a host function raises (its message, through wasm
// code, with the wasm frames that called it), ones wasm code raises
// (unreachable, integer divide by zero), their origin and trace (each
// frame's function index and the offsets of its instruction), ward's trap
// code behind them, and traps as references (copy, same, host info).
#include "capi_test.h"

static int g_trap_info_freed;

static wasm_trap_t *fail(void *env, const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  (void)args;
  (void)results;
  wasm_message_t msg;
  wasm_name_new_from_string_nt(&msg, "host says no");
  wasm_trap_t *trap = wasm_trap_new((wasm_store_t *)env, &msg);
  wasm_name_delete(&msg);
  return trap;
}

static void free_info(void *p) {
  CHECK(p == &g_trap_info_freed);
  g_trap_info_freed++;
}

// The frames of trap as their function indices, innermost first; returns
// how many there are.
static size_t trace_funcs(const wasm_trap_t *trap, uint32_t *out, size_t max,
                          const wasm_instance_t *instance) {
  wasm_frame_vec_t trace;
  wasm_trap_trace(trap, &trace);
  for (size_t i = 0; i < trace.size && i < max; i++) {
    out[i] = wasm_frame_func_index(trace.data[i]);
    CHECK(wasm_instance_same(wasm_frame_instance(trace.data[i]), instance));
  }
  size_t n = trace.size;
  wasm_frame_vec_delete(&trace);
  return n;
}

// Whether frame i of trap's trace is at byte func_off of its function and
// holds opcode op in the module's binary (bin): wasm_frame_func_offset
// counts from the function's body (its locals vector), so module_offset
// minus func_offset is the same for every instruction of a function.
static bool frame_at(const wasm_trap_t *trap, size_t i, size_t func_off, uint8_t op,
                     const wasm_byte_vec_t *bin) {
  wasm_frame_vec_t trace;
  wasm_trap_trace(trap, &trace);
  bool ok = false;
  if (i < trace.size) {
    size_t f = wasm_frame_func_offset(trace.data[i]), m = wasm_frame_module_offset(trace.data[i]);
    ok = f == func_off && m > f && m < bin->size && (uint8_t)bin->data[m] == op;
    if (!ok)
      printf("frame %zu: func_offset %zu, module_offset %zu\n", i, f, m);
  }
  wasm_frame_vec_delete(&trace);
  return ok;
}

int main(int argc, char **argv) {
  g_wat_dir = argc > 1 ? argv[1] : ".";
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *module = load_module(store, "trap");
  wasm_functype_t *type = wasm_functype_new_0_1(wasm_valtype_new_i32());
  wasm_func_t *fail_func = wasm_func_new_with_env(store, type, fail, store, NULL);
  wasm_functype_delete(type);
  wasm_extern_t *externs[] = {wasm_func_as_extern(fail_func)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
  wasm_extern_vec_t exports;
  wasm_instance_t *instance = instantiate(store, module, &imports, &exports);
  wasm_func_t *host = export_func(&exports, 0);
  wasm_func_t *unreach = export_func(&exports, 1);
  wasm_func_t *div = export_func(&exports, 2);
  char buf[256];
  uint32_t funcs[8];
  // The binary again, to check the opcode at each frame's offset.
  wasm_byte_vec_t bin = load_wat("trap");

  // The host's trap, through $via (1) and the export (2): the frames are
  // the wasm functions, the host function (0) is not one.
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_trap_t *trap = call(host, NULL, 0, r, 1);
  CHECK(trap != NULL);
  CHECK(strcmp(trap_text(trap, buf, sizeof buf), "host says no") == 0);
  CHECK(trace_funcs(trap, funcs, 8, instance) == 2 && funcs[0] == 1 && funcs[1] == 2);
  wasm_frame_t *origin = wasm_trap_origin(trap);
  CHECK(origin && wasm_frame_func_index(origin) == 1);
  // Each frame names its call (`call` at byte 1, after the empty locals).
  CHECK(origin && wasm_frame_func_offset(origin) == 1);
  CHECK(frame_at(trap, 0, 1, 0x10, &bin) && frame_at(trap, 1, 1, 0x10, &bin));
  wasm_frame_delete(origin);
  CHECK(ward_trap_code(ward_wasm_trap(trap)) == WARD_TRAP_HOST);
  wasm_trap_delete(trap);

  // unreachable (3) and division by zero (4), each its only frame.
  trap = call(unreach, NULL, 0, NULL, 0);
  CHECK(trap != NULL && strcmp(trap_text(trap, buf, sizeof buf), "unreachable") == 0);
  CHECK(trace_funcs(trap, funcs, 8, instance) == 1 && funcs[0] == 3);
  CHECK(frame_at(trap, 0, 1, 0x00, &bin));
  CHECK(ward_trap_code(ward_wasm_trap(trap)) == WARD_TRAP_UNREACHABLE);

  // A trap is a reference: copies are the same trap and share host info,
  // whose finalizer runs when the last reference goes.
  wasm_trap_t *copy = wasm_trap_copy(trap);
  CHECK(copy != trap && wasm_trap_same(copy, trap));
  wasm_trap_set_host_info_with_finalizer(trap, &g_trap_info_freed, free_info);
  CHECK(wasm_trap_get_host_info(copy) == &g_trap_info_freed);
  const wasm_ref_t *as_ref = wasm_trap_as_ref_const(copy);
  CHECK(wasm_ref_as_trap_const(as_ref) == copy && wasm_ref_as_func_const(as_ref) == NULL);
  CHECK(wasm_ref_get_host_info(as_ref) == &g_trap_info_freed);
  wasm_trap_delete(trap);
  CHECK(g_trap_info_freed == 0);
  CHECK(strcmp(trap_text(copy, buf, sizeof buf), "unreachable") == 0);
  wasm_trap_delete(copy);
  CHECK(g_trap_info_freed == 1);

  wasm_val_t args[1] = {WASM_I32_VAL(0)};
  trap = call(div, args, 1, r, 1);
  CHECK(trap != NULL && strcmp(trap_text(trap, buf, sizeof buf), "integer divide by zero") == 0);
  CHECK(trace_funcs(trap, funcs, 8, instance) == 1 && funcs[0] == 4);
  // i32.div_s after i32.const 1 (2 bytes) and local.get 0 (2 bytes).
  CHECK(frame_at(trap, 0, 5, 0x6D, &bin));
  CHECK(ward_trap_code(ward_wasm_trap(trap)) == WARD_TRAP_INT_DIV_ZERO);
  wasm_trap_delete(trap);
  args[0] = (wasm_val_t)WASM_I32_VAL(-1);
  CHECK(call(div, args, 1, r, 1) == NULL && r[0].of.i32 == -1);

  // A trap the host makes, with a message without its NUL; it has no frames.
  wasm_message_t msg = {5, (wasm_byte_t *)"plain text"};
  trap = wasm_trap_new(store, &msg);
  wasm_message_t out;
  wasm_trap_message(trap, &out);
  CHECK(out.size == 6 && memcmp(out.data, "plain", 6) == 0);
  wasm_byte_vec_delete(&out);
  CHECK(wasm_trap_origin(trap) == NULL);
  wasm_frame_vec_t none;
  wasm_trap_trace(trap, &none);
  CHECK(none.size == 0);
  wasm_frame_vec_delete(&none);
  // A trap may outlive its store; it keeps its message.
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_func_delete(fail_func);
  wasm_store_delete(store);
  CHECK(strcmp(trap_text(trap, buf, sizeof buf), "plain") == 0);
  CHECK(ward_wasm_trap(trap) == NULL);
  wasm_trap_delete(trap);
  wasm_byte_vec_delete(&bin);
  wasm_engine_delete(engine);
  return pass("capi_trap");
}
