// SPDX-License-Identifier: Apache-2.0
// args_sizes_get/args_get deliver exactly the arguments given on the ward
// command line, packed and NUL-terminated. Run with the arguments:
//   alpha "two words" "" "ünï=x"
#include "wasi_check.h"

int main(void) {
  static const char *const want[] = {"alpha", "two words", "", "\xc3\xbcn\xc3\xaf=x"};
  const size_t nwant = sizeof want / sizeof want[0];
  __wasi_size_t argc = 0, bufsize = 0;
  REQUIRE_OK("args_sizes_get", __wasi_args_sizes_get(&argc, &bufsize));
  wc_info("argc %u, argv_buf_size %u", (unsigned)argc, (unsigned)bufsize);
  REQUIRE_TRUE("argc is 1 + the 4 given arguments", argc == nwant + 1);
  uint8_t **argv = calloc(argc + 1, sizeof *argv);
  uint8_t *buf = malloc(bufsize + 16);
  memset(buf, 0xAA, bufsize + 16);
  REQUIRE_OK("args_get", __wasi_args_get(argv, buf));
  CHECK_EQ("byte after argv_buf untouched", buf[bufsize], 0xAA);
  CHECK_TRUE("argv[0] (program name) is not empty", argv[0] && argv[0][0] != 0);
  size_t total = 0;
  for (size_t i = 0; i < argc; i++) {
    CHECK_TRUE("argv[i] points into argv_buf", argv[i] >= buf && argv[i] < buf + bufsize);
    if (!(argv[i] >= buf && argv[i] < buf + bufsize))
      done();
    CHECK_TRUE("argv packed in order", argv[i] == buf + total);
    total += strlen((char *)argv[i]) + 1;
  }
  CHECK_EQ("argv_buf_size = sum of (len + 1)", bufsize, total);
  for (size_t i = 0; i < nwant; i++) {
    char what[64];
    snprintf(what, sizeof what, "argv[%zu] is '%s'", i + 1, want[i]);
    int same = strcmp((char *)argv[i + 1], want[i]) == 0;
    wc_checks++;
    if (!same)
      wc_fail("%s (got '%s', want '%s')", what, (char *)argv[i + 1], want[i]);
  }
  done();
}
