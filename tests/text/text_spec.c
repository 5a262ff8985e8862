// SPDX-License-Identifier: Apache-2.0
// Checks the text parser against the spec scripts and wabt's conversions:
//
//   text_spec [--set 3.0] SPEC_DIR [NAME...]
//   text_spec --wat IN.wat OUT.wasm     (converts one module)
//
// For each SPEC_DIR/core-2.0-wast/NAME.wast, parses the script with
// wd_wast_parse, then, using SPEC_DIR/core-2.0/NAME/NAME.json (wast2json's
// list of commands, matched by line):
//   - every module command, and every module of assert_invalid,
//     assert_unlinkable, assert_uninstantiable and assert_trap (which must
//     parse), must give exactly the bytes of wabt's NAME.N.wasm;
//   - every assert_malformed of a text or quoted module must fail to parse
//     with a message that starts with the expected text.
// Binary modules (module binary ...) are compared too. Prints every
// failure and the counts; exits 1 if anything failed.
#define _POSIX_C_SOURCE 200809L
#define _FILE_OFFSET_BITS 64 // readdir and stat on 32-bit hosts
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

typedef struct jcmd {
  unsigned line;
  char type[32];
  char filename[128];
  char text[256];
  bool text_module;
} jcmd_t;

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  char *b = malloc(cap + 1);
  size_t r;
  while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
    n += r;
    if (n == cap) {
      char *nb = realloc(b, cap * 2 + 1);
      if (!nb) {
        free(b);
        b = NULL;
        break;
      }
      b = nb;
      cap *= 2;
    }
  }
  fclose(f);
  if (b)
    b[n] = 0;
  *len = n;
  return b;
}

// Copies the JSON string value of "key": "..." in line into out.
static bool json_str(const char *line, const char *key, char *out, size_t cap) {
  char pat[64];
  snprintf(pat, sizeof pat, "\"%s\": \"", key);
  const char *p = strstr(line, pat);
  if (!p)
    return false;
  p += strlen(pat);
  size_t n = 0;
  while (*p && *p != '"' && n + 1 < cap) {
    if (*p == '\\' && p[1])
      p++;
    out[n++] = *p++;
  }
  out[n] = 0;
  return true;
}

// The commands of a wast2json .json file (one per line).
static jcmd_t *load_json(const char *path, size_t *n) {
  size_t len;
  char *s = read_file(path, &len);
  *n = 0;
  if (!s)
    return NULL;
  size_t cap = 64;
  jcmd_t *v = malloc(cap * sizeof *v);
  for (char *line = s; line && *line;) {
    char *nl = strchr(line, '\n');
    if (nl)
      *nl = 0;
    const char *lp = strstr(line, "\"line\": ");
    if (strstr(line, "{\"type\": ") && lp) {
      if (*n == cap) {
        cap *= 2;
        v = realloc(v, cap * sizeof *v);
      }
      jcmd_t *c = &v[(*n)++];
      memset(c, 0, sizeof *c);
      c->line = (unsigned)atoi(lp + 8);
      json_str(line, "type", c->type, sizeof c->type);
      json_str(line, "filename", c->filename, sizeof c->filename);
      json_str(line, "text", c->text, sizeof c->text);
      c->text_module = strstr(line, "\"module_type\": \"text\"") != NULL;
    }
    line = nl ? nl + 1 : NULL;
  }
  free(s);
  return v;
}

// wast2json gives a module command the line of its '(', an assertion the
// line of the module in it: take the first command at or after line.
static const jcmd_t *find_cmd(const jcmd_t *v, size_t n, unsigned line) {
  for (size_t i = 0; i < n; i++)
    if (v[i].line >= line)
      return &v[i];
  return NULL;
}

// Modules where our bytes differ from wabt 1.0.32's on purpose; ours must
// then be exactly these bytes.
static const struct known {
  const char *script;
  unsigned line;
  const char *hex;
} known[] = {
    // A body uses data.drop / memory.init but the module has no data
    // segment: we still write the data count section (count 0), as the
    // binary format requires for those instructions; wabt leaves it out,
    // which turns the expected validation error ("unknown data segment",
    // "unknown memory 0") into a malformed module. The rest is identical.
    {"memory_init", 189,
     "0061736d0100000001040160000003020100070801047465737400000c01000a07010500fc09000b"},
    {"memory_init", 226,
     "0061736d0100000001040160000003020100070801047465737400000c01000a0f010d0041d20941014101fc08"
     "01000b"},
    // `select (result)`: a typed select with no types (0x1C 0x00), which the
    // test expects to fail validation with "invalid result arity"; wabt
    // writes an untyped select (0x1B) instead.
    {"select", 323, "0061736d01000000010401600000030201000a0a010800010141011c000b"},
};

static bool matches_known(const char *name, unsigned line, const uint8_t *b, size_t n) {
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
    if (strcmp(known[i].script, name) != 0 || known[i].line != line)
      continue;
    if (strlen(known[i].hex) != 2 * n)
      return false;
    for (size_t k = 0; k < n; k++) {
      char h[3];
      snprintf(h, sizeof h, "%02x", b[k]);
      if (memcmp(h, known[i].hex + 2 * k, 2) != 0)
        return false;
    }
    return true;
  }
  return false;
}

static const char *set = "2.0"; // --set 3.0: the Wasm 3.0 scripts
static unsigned n_known, n_same, n_diff, n_mal_ok, n_mal_bad, n_other_bad;

static void compare(const char *dir, const char *name, const wd_wast_cmd_t *c, const jcmd_t *j) {
  const wd_wast_module_t *m = &c->module;
  if (!m->parsed) {
    printf("%s:%u: module does not parse: %u:%u: %s\n", name, c->line, m->err.line, m->err.col,
           m->err.msg);
    n_diff++;
    return;
  }
  if (!j || !j->filename[0]) {
    printf("%s:%u: no wabt module for this line\n", name, c->line);
    n_other_bad++;
    return;
  }
  char path[1024];
  snprintf(path, sizeof path, "%s/core-%s/%s/%s", dir, set, name, j->filename);
  size_t len;
  char *want = read_file(path, &len);
  if (!want) {
    printf("%s:%u: cannot read %s\n", name, c->line, path);
    n_other_bad++;
    return;
  }
  if (len == m->len && memcmp(want, m->bytes, len) == 0) {
    n_same++;
  } else if (matches_known(name, c->line, m->bytes, m->len)) {
    n_known++;
  } else {
    size_t k = 0;
    while (k < len && k < m->len && (uint8_t)want[k] == m->bytes[k])
      k++;
    printf("%s:%u: bytes differ from %s at offset %zu (%zu vs %zu bytes)\n", name, c->line,
           j->filename, k, m->len, len);
    n_diff++;
  }
  free(want);
}

// Whether got is the Wasm 3.0 wording of the 2.0 message text: the spec
// renamed "malformed lane index" (ward gives the 3.0 one).
static bool renamed(const char *text, const char *got) {
  static const char want[] = "i8 constant out of range";
  return strcmp(text, "malformed lane index") == 0 && strncmp(got, want, sizeof want - 1) == 0;
}

static void check_script(const char *dir, const char *name) {
  char path[1024];
  snprintf(path, sizeof path, "%s/core-%s-wast/%s.wast", dir, set, name);
  size_t len;
  char *src = read_file(path, &len);
  if (!src) {
    printf("%s: cannot read %s\n", name, path);
    n_other_bad++;
    return;
  }
  snprintf(path, sizeof path, "%s/core-%s/%s/%s.json", dir, set, name, name);
  size_t nj;
  jcmd_t *js = load_json(path, &nj);
  wd_wast_script_t S;
  wd_text_error_t err;
  // Wasm 2.0's text has 32-bit limits and offsets: without memory64; and
  // its funcref segments of `ref.func`s are function indices: without
  // typed references.
  uint32_t features = WARD_FEATURES_ALL;
  if (strcmp(set, "2.0") == 0)
    features &= ~(uint32_t)(WARD_FEATURE_MULTI_MEMORY | WARD_FEATURE_MEMORY64 |
                            WARD_FEATURE_FUNCTION_REFERENCES | WARD_FEATURE_GC);
  if (!wd_wast_parse_features(src, len, features, &S, &err)) {
    printf("%s: script does not parse: %u:%u: %s\n", name, err.line, err.col, err.msg);
    n_other_bad++;
  }
  for (size_t i = 0; i < S.ncmds; i++) {
    wd_wast_cmd_t *c = &S.cmds[i];
    const jcmd_t *j = find_cmd(js, nj, c->line);
    switch (c->kind) {
    case WD_WAST_MODULE:
    case WD_WAST_ASSERT_INVALID:
    case WD_WAST_ASSERT_UNLINKABLE:
    case WD_WAST_ASSERT_UNINSTANTIABLE:
    case WD_WAST_ASSERT_TRAP:
      if (c->kind == WD_WAST_ASSERT_TRAP && c->has_action)
        break;
      if (c->module.form == WD_MOD_QUOTE)
        wd_wast_parse_quote(&c->module);
      compare(dir, name, c, j);
      break;
    case WD_WAST_ASSERT_MALFORMED:
      if (c->module.form == WD_MOD_BINARY)
        break;
      if (c->module.form == WD_MOD_QUOTE)
        wd_wast_parse_quote(&c->module);
      if (c->module.parsed) {
        printf("%s:%u: malformed module parses (expected \"%s\")\n", name, c->line, c->text);
        n_mal_bad++;
      } else if (strncmp(c->module.err.msg, c->text, strlen(c->text)) != 0 &&
                 !renamed(c->text, c->module.err.msg)) {
        printf("%s:%u: expected \"%s\", got %u:%u: \"%s\"\n", name, c->line, c->text,
               c->module.err.line, c->module.err.col, c->module.err.msg);
        n_mal_bad++;
      } else {
        n_mal_ok++;
      }
      break;
    default: break;
    }
  }
  wd_wast_free(&S);
  free(js);
  free(src);
}

// --wat IN OUT: converts one text module (for tests/text/simd_ops_check.py).
static int wat_to_wasm(const char *in, const char *out) {
  size_t len;
  char *src = read_file(in, &len);
  if (!src) {
    fprintf(stderr, "cannot read %s\n", in);
    return 2;
  }
  uint8_t *bin;
  size_t n;
  wd_text_error_t err;
  bool ok = wd_wat_to_wasm(src, len, &bin, &n, &err);
  free(src);
  if (!ok) {
    fprintf(stderr, "%s:%u:%u: %s\n", in, err.line, err.col, err.msg);
    return 1;
  }
  FILE *f = fopen(out, "wb");
  if (!f || fwrite(bin, 1, n, f) != n) {
    fprintf(stderr, "cannot write %s\n", out);
    if (f)
      fclose(f);
    free(bin);
    return 2;
  }
  fclose(f);
  free(bin);
  return 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: text_spec [--set 3.0] SPEC_DIR [NAME...]\n");
    return 2;
  }
  if (argc == 4 && strcmp(argv[1], "--wat") == 0)
    return wat_to_wasm(argv[2], argv[3]);
  int a = 1;
  if (argc > 3 && strcmp(argv[1], "--set") == 0) {
    set = argv[2];
    a = 3;
  }
  const char *dir = argv[a];
  if (argc > a + 1) {
    for (int i = a + 1; i < argc; i++)
      check_script(dir, argv[i]);
  } else {
    char path[1024];
    snprintf(path, sizeof path, "%s/core-%s-wast", dir, set);
    DIR *d = opendir(path);
    if (!d) {
      fprintf(stderr, "cannot list %s\n", path);
      return 2;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((errno = 0, e = readdir(d)) != NULL) {
      size_t l = strlen(e->d_name);
      if (l > 5 && strcmp(e->d_name + l - 5, ".wast") == 0) {
        names = realloc(names, (n + 1) * sizeof *names);
        names[n] = malloc(l - 4);
        memcpy(names[n], e->d_name, l - 5);
        names[n][l - 5] = 0;
        n++;
      }
    }
    if (errno != 0) {
      fprintf(stderr, "cannot list %s: %s\n", path, strerror(errno));
      return 2;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
      check_script(dir, names[i]);
      free(names[i]);
    }
    free(names);
  }
  printf("modules: %u byte-identical to wabt, %u known differences (checked), %u differ\n", n_same,
         n_known, n_diff);
  printf("text assert_malformed: %u with the expected message, %u not\n", n_mal_ok, n_mal_bad);
  printf("other problems: %u\n", n_other_bad);
  return n_diff || n_mal_bad || n_other_bad ? 1 : 0;
}
