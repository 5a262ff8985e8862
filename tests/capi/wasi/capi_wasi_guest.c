// SPDX-License-Identifier: Apache-2.0
// The WASI guest of capi_wasi (built for wasm32-wasi): reads its
// arguments, an environment variable and /data/in.txt, calls a host
// function of the embedder's, writes /data/out.txt and exits with status 7;
// with the argument "abort" it traps instead.
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((import_module("env"), import_name("mix"))) int mix(int a, int b);

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "abort") == 0)
    abort();
  if (argc != 3)
    return 1;
  const char *env = getenv("CAPI_WASI");
  FILE *in = fopen("/data/in.txt", "r");
  if (!env || !in)
    return 2;
  char line[128] = {0};
  if (!fgets(line, sizeof line, in))
    return 3;
  fclose(in);
  for (char *p = line; *p; p++)
    *p = (char)toupper((unsigned char)*p);
  FILE *out = fopen("/data/out.txt", "w");
  if (!out)
    return 4;
  fprintf(out, "%s %s %s %d %s", argv[1], argv[2], env, mix(6, 7), line);
  fclose(out);
  exit(7);
}
