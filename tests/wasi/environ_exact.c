// SPDX-License-Identifier: Apache-2.0
// environ_sizes_get/environ_get deliver exactly the variables granted with
// --env, and nothing of the host's environment. argv[1..] lists the
// expected NAME=VALUE strings (possibly none); the runner passes
//   --env A=1 --env "B=x y" --env EMPTY= --env WARD_PASS  (WARD_PASS=from-host
// set in ward's own environment) and HOME/PATH etc. are in ward's
// environment too but must not appear.
#include "wasi_check.h"

int main(int argc, char **argv) {
  __wasi_size_t n = 0, bufsize = 0;
  REQUIRE_OK("environ_sizes_get", __wasi_environ_sizes_get(&n, &bufsize));
  wc_info("%u variables, %u bytes", (unsigned)n, (unsigned)bufsize);
  CHECK_EQ("number of variables", n, (unsigned)(argc - 1));
  uint8_t **env = calloc(n + 1, sizeof *env);
  uint8_t *buf = malloc(bufsize + 1);
  REQUIRE_OK("environ_get", __wasi_environ_get(env, buf));
  size_t total = 0;
  for (size_t i = 0; i < n; i++) {
    REQUIRE_TRUE("environ[i] points into environ_buf", env[i] >= buf && env[i] < buf + bufsize);
    total += strlen((char *)env[i]) + 1;
    int found = 0;
    for (int j = 1; j < argc; j++)
      if (strcmp((char *)env[i], argv[j]) == 0)
        found = 1;
    wc_checks++;
    if (!found)
      wc_fail("unexpected variable in guest environment (got '%s', want none)", env[i]);
  }
  CHECK_EQ("environ_buf_size = sum of (len + 1)", bufsize, total);
  for (int j = 1; j < argc; j++) {
    int found = 0;
    for (size_t i = 0; i < n; i++)
      if (strcmp((char *)env[i], argv[j]) == 0)
        found = 1;
    wc_checks++;
    if (!found)
      wc_fail("variable granted with --env (got missing, want '%s')", argv[j]);
  }
  // libc's view agrees.
  CHECK_TRUE("getenv(\"HOME\") is not inherited", getenv("HOME") == NULL);
  CHECK_TRUE("getenv(\"PATH\") is not inherited", getenv("PATH") == NULL);
  done();
}
