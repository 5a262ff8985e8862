// SPDX-License-Identifier: Apache-2.0
// `ward compile FILE [-o OUT]`: the module of FILE (binary or text),
// validated and with every function translated, written to OUT as a blob
// of ward_module_serialize (include/ward/module.h), as `wasmtime compile`
// writes a .cwasm file.
#include "cli_compile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_file.h"
#include "cli_host.h"
#include "cli_opts.h"
#include "ward.h"

const char wd_cli_compile_usage_text[] =
    "Usage: ward compile [OPTIONS] FILE [-o OUT]\n"
    "\n"
    "Validates the module in FILE (binary .wasm or text .wat), translates every\n"
    "function to interpreter code, and writes both to OUT as a precompiled\n"
    "module, which `ward run --allow-precompiled OUT` runs without validating\n"
    "or translating anything again. A precompiled module runs only under the\n"
    "same build of ward, with the same -W features; its code is trusted, so\n"
    "run only precompiled modules you made.\n"
    "\n"
    "Options:\n"
    "  -o, --output OUT   the file to write (default: FILE with its extension,\n"
    "                     if any, replaced by .cwasm)\n"
    "  -W, --wasm FEATURE[=y|n][,...]\n"
    "                     turn WebAssembly features on or off, as for ward run\n"
    "                     (see ward run --help); all are on by default\n"
    "  -h, --help         print this help\n"
    "  --                 end of options: the next argument is FILE\n"
    "\n"
    "Example:\n"
    "  ward compile app.wasm && ward run --allow-precompiled app.cwasm\n"
    "\n"
    "Exit status: 0 when OUT is written, 1 on an error, 2 on a bad command line.\n";

static int usage_error(const char *what, const char *arg) {
  return wd_cli_usage_error_of(wd_cli_compile_usage_text, what, arg);
}

// FILE with the extension of its last component replaced by .cwasm (added
// if it has none); NULL if out of memory.
static char *default_output(const char *file) {
  size_t n = strlen(file), base = n;
  while (base > 0 && file[base - 1] != '/' && file[base - 1] != '\\')
    base--;
  const char *dot = strrchr(file + base, '.');
  size_t stem = dot && dot > file + base ? (size_t)(dot - file) : n;
  char *out = malloc(stem + sizeof ".cwasm");
  if (out) {
    memcpy(out, file, stem);
    memcpy(out + stem, ".cwasm", sizeof ".cwasm");
  }
  return out;
}

static bool write_file(const char *path, const uint8_t *data, size_t size) {
  errno = 0;
  FILE *f = wd_cli_fopen(path, "wb");
  if (!f)
    return false;
  bool ok = fwrite(data, 1, size, f) == size;
  int e = errno;
  if (fclose(f) != 0 && ok) {
    ok = false;
    e = errno;
  }
  errno = e;
  return ok;
}

// Compiles file into the blob *out of *size bytes; 0, or 1 after printing
// why not.
static int compile(const char *file, uint32_t features, uint8_t **out, size_t *size) {
  size_t n = 0;
  uint8_t *bytes = wd_cli_read_file(file, &n);
  if (!bytes) {
    fprintf(stderr, "ward: %s: %s\n", file, errno ? strerror(errno) : "cannot read file");
    return 1;
  }
  if (ward_module_is_serialized(bytes, n)) {
    fprintf(stderr, "ward: %s: is a precompiled module already\n", file);
    free(bytes);
    return 1;
  }
  if (wd_cli_to_binary(file, &bytes, &n) != 0) {
    free(bytes);
    return 1;
  }
  ward_config_t cfg;
  ward_config_init(&cfg);
  cfg.features = features;
  cfg.eager_compile = true; // every function is needed
  ward_engine_t *engine = ward_engine_new(&cfg);
  ward_module_t *module = NULL;
  ward_error_t *err = NULL;
  int status = 1;
  if (!engine) {
    fprintf(stderr, "ward: out of memory\n");
    goto done;
  }
  err = ward_module_new(engine, bytes, n, &module);
  if (!err)
    err = ward_module_serialize(module, out, size);
  if (err)
    wd_cli_report_error(file, err);
  else
    status = 0;
done:
  free(bytes);
  if (err)
    ward_error_delete(err);
  if (module)
    ward_module_delete(module);
  if (engine)
    ward_engine_delete(engine);
  return status;
}

int wd_cli_compile_main(int argc, char **argv, int i) {
  const char *file = NULL, *output = NULL;
  uint32_t features = WARD_FEATURES_ALL;
  bool options = true;
  for (; i < argc; i++) {
    const char *a = argv[i];
    int m;
    if (options && strcmp(a, "--") == 0) {
      options = false;
    } else if (options && (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)) {
      fputs(wd_cli_compile_usage_text, stdout);
      return EXIT_SUCCESS;
    } else if (options && (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 ||
                           strncmp(a, "--output=", 9) == 0)) {
      if (strncmp(a, "--output=", 9) == 0)
        output = a + 9;
      else if (i + 1 < argc)
        output = argv[++i];
      else
        return usage_error("-o needs a file name", NULL);
      if (*output == '\0')
        return usage_error("-o needs a file name", NULL);
    } else if (options && (m = wd_cli_wasm_option(argc, argv, &i, &features,
                                                  wd_cli_compile_usage_text)) != 0) {
      if (m != 1)
        return m;
    } else if (options && a[0] == '-' && a[1] != '\0') {
      return usage_error("unknown option", a);
    } else if (file) {
      return usage_error("one FILE only; unexpected", a);
    } else {
      file = a;
    }
  }
  if (!file)
    return usage_error("missing FILE", NULL);
  char *def = output ? NULL : default_output(file);
  if (!output && !def) {
    fprintf(stderr, "ward: out of memory\n");
    return EXIT_FAILURE;
  }
  uint8_t *blob = NULL;
  size_t size = 0;
  int status = compile(file, features, &blob, &size);
  const char *path = output ? output : def;
  if (status == 0 && !write_file(path, blob, size)) {
    fprintf(stderr, "ward: %s: %s\n", path, errno ? strerror(errno) : "cannot write file");
    status = EXIT_FAILURE;
  }
  ward_module_serialized_free(blob);
  free(def);
  return status;
}
