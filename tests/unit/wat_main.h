// SPDX-License-Identifier: Apache-2.0
// main() for a unit test of the public API over one text module: converts
// the module to binary and runs the test's run(bytes, n, eager) with lazy
// translation, then eager, and prints the counts of check.h. Included once
// per test program, after check.h and the test's run().
#ifndef WD_TEST_WAT_MAIN_H
#define WD_TEST_WAT_MAIN_H

#include <stdio.h>
#include <stdlib.h>

#include "text/text.h"

#define WAT_TEST_MAIN(name, wat)                                                                   \
  int main(void) {                                                                                 \
    uint8_t *bytes = NULL;                                                                         \
    size_t n = 0;                                                                                  \
    wd_text_error_t terr;                                                                          \
    bool ok = wd_wat_to_wasm(wat, sizeof wat - 1, &bytes, &n, &terr);                              \
    CHECK(ok);                                                                                     \
    if (!ok)                                                                                       \
      printf("%s\n", terr.msg);                                                                    \
    if (ok) {                                                                                      \
      run(bytes, n, false);                                                                        \
      run(bytes, n, true);                                                                         \
      free(bytes);                                                                                 \
    }                                                                                              \
    printf("%s: %d passed, %d failed\n", name, passed, failed);                                    \
    return failed ? 1 : 0;                                                                         \
  }

#endif
