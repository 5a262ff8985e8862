// SPDX-License-Identifier: Apache-2.0
// wast_modules [--valid] OUTDIR FILE.wast...: writes every module of the
// scripts that parses to a binary (text and binary forms, those of
// assertions too) to OUTDIR/NAME.N.wasm, NAME the script's base name;
// with --valid only those ward_module_new accepts. scripts/fuzz.sh seeds
// the module fuzzer with them (the Wasm 3.0 scripts, which wabt could not
// all convert), scripts/fuzz-diff.sh gives the valid ones to wasm-opt -ttf
// as initial contents.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "ward.h"

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

// Whether ward accepts the module (every feature on).
static bool valid(ward_engine_t *engine, const uint8_t *bytes, size_t len) {
  ward_module_t *m = NULL;
  ward_error_t *err = ward_module_new(engine, bytes, len, &m);
  if (err)
    ward_error_delete(err);
  ward_module_delete(m);
  return err == NULL;
}

int main(int argc, char **argv) {
  bool only_valid = argc > 1 && strcmp(argv[1], "--valid") == 0;
  argv += only_valid;
  argc -= only_valid;
  if (argc < 3) {
    fprintf(stderr, "usage: wast_modules [--valid] OUTDIR FILE.wast...\n");
    return 2;
  }
  ward_engine_t *engine = ward_engine_new(NULL);
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
      if (!m->bytes || !m->len || (only_valid && !valid(engine, m->bytes, m->len)))
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
  ward_engine_delete(engine);
  printf("wast_modules: %zu modules\n", written);
  return 0;
}
