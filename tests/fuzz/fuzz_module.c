// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: any bytes through ward_module_new (decode, validate,
// compile). It must return a module or an error, never crash, leak or read
// outside the input. Built and run by scripts/fuzz.sh.
#include <stddef.h>
#include <stdint.h>

#include "ward.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static ward_engine_t *engine;
  if (!engine) {
    // Eager: translate every body, so the translator is fuzzed too.
    ward_config_t cfg;
    ward_config_init(&cfg);
    cfg.eager_compile = true;
    engine = ward_engine_new(&cfg);
  }
  ward_module_t *module = NULL;
  ward_error_t *err = ward_module_new(engine, data, size, &module);
  if (err) {
    // Every error says what kind it is and has a message.
    if (!ward_error_message(err)[0] || ward_error_kind(err) == 0)
      __builtin_trap();
    ward_error_delete(err);
  }
  ward_module_delete(module);
  return 0;
}
