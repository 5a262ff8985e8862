// SPDX-License-Identifier: Apache-2.0
// wast_modules OUTDIR FILE.wast...: writes every module of the scripts that
// parses to a binary (text and binary forms, those of assertions too) to
// OUTDIR/NAME.N.wasm, NAME the script's base name. scripts/fuzz.sh seeds
// the module fuzzer with them (the Wasm 3.0 scripts, which wabt could not
// all convert).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  char *p = malloc(cap);
  size_t got;
  while (p && (got = fread(p + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      char *q = realloc(p, cap *= 2);
      if (!q) {
        free(p);
        p = NULL;
      }
      p = q;
    }
  }
  fclose(f);
  *len = n;
  return p;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: wast_modules OUTDIR FILE.wast...\n");
    return 2;
  }
  size_t written = 0;
  for (int a = 2; a < argc; a++) {
    size_t len;
    char *src = read_all(argv[a], &len);
    if (!src) {
      fprintf(stderr, "wast_modules: cannot read %s\n", argv[a]);
      return 1;
    }
    const char *base = strrchr(argv[a], '/');
    base = base ? base + 1 : argv[a];
    int stem = (int)(strstr(base, ".wast") ? (size_t)(strstr(base, ".wast") - base) : strlen(base));
    wd_wast_script_t script;
    wd_text_error_t err;
    wd_wast_parse(src, len, &script, &err);
    for (size_t i = 0; i < script.ncmds; i++) {
      wd_wast_module_t *m = &script.cmds[i].module;
      if (m->form == WD_MOD_QUOTE)
        wd_wast_parse_quote(m);
      if (!m->bytes || !m->len)
        continue;
      char path[4096];
      snprintf(path, sizeof path, "%s/%.*s.%zu.wasm", argv[1], stem, base, i);
      FILE *out = fopen(path, "wb");
      if (!out || fwrite(m->bytes, 1, m->len, out) != m->len) {
        fprintf(stderr, "wast_modules: cannot write %s\n", path);
        return 1;
      }
      fclose(out);
      written++;
    }
    wd_wast_free(&script);
    free(src);
  }
  printf("wast_modules: %zu modules\n", written);
  return 0;
}
