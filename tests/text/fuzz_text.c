// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the text format: any bytes through wd_wat_to_wasm
// (a module that parses must then decode and validate, or fail with an
// error, in ward_module_new) and through wd_wast_parse (every quoted module
// parsed too). Never a crash, a leak or a read outside the input.
//
//   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
//     tests/text/fuzz_text.c <ward library objects> -lm -o fuzz_text
//   ./fuzz_text -dict=... CORPUS_DIR   (seeds: the .wast scripts)
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "text/text.h"
#include "ward.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static ward_engine_t *engine;
  if (!engine) {
    ward_config_t cfg;
    ward_config_init(&cfg);
    engine = ward_engine_new(&cfg);
  }
  const char *src = (const char *)data;
  uint8_t *bin = NULL;
  size_t len = 0;
  wd_text_error_t err;
  if (wd_wat_to_wasm(src, size, &bin, &len, &err)) {
    ward_module_t *module = NULL;
    ward_error_t *e = ward_module_new(engine, bin, len, &module);
    if (e)
      ward_error_delete(e);
    ward_module_delete(module);
    free(bin);
  } else if (!err.msg[0]) {
    __builtin_trap(); // every failure says why
  }
  wd_wast_script_t script;
  wd_wast_parse(src, size, &script, &err);
  for (size_t i = 0; i < script.ncmds; i++)
    wd_wast_parse_quote(&script.cmds[i].module);
  wd_wast_free(&script);
  return 0;
}
