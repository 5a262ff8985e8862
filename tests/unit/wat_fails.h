// SPDX-License-Identifier: Apache-2.0
// For the text-format unit tests: whether a module fails to parse with a
// message that starts with the one expected (printing what happened when
// not). Included once per test program.
#ifndef WD_TEST_WAT_FAILS_H
#define WD_TEST_WAT_FAILS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

// Whether src, with the WebAssembly features `features`, fails with a
// message starting with msg.
static bool wat_fails_with(uint32_t features, const char *src, const char *msg) {
  uint8_t *b = NULL;
  size_t n;
  wd_text_error_t err;
  if (wd_wat_to_wasm_features(src, strlen(src), features, &b, &n, &err)) {
    free(b);
    printf("  %s: parsed\n", src);
    return false;
  }
  bool ok = strncmp(err.msg, msg, strlen(msg)) == 0;
  if (!ok)
    printf("  %s: %u:%u: %s\n", src, err.line, err.col, err.msg);
  return ok;
}

#endif
