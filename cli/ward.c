// SPDX-License-Identifier: Apache-2.0
// The `ward` command: runs the `_start` of a WebAssembly module (binary or
// text) with WASI, or calls one of its exports with `--invoke` and prints the
// results (as wasmtime does). The options and the WASI grants are in
// cli_opts.c; `ward wast`, which runs spec scripts, is in cli_wast.c;
// `ward compile`, which writes precompiled modules, in cli_compile.c.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_compile.h"
#include "cli_file.h"
#include "cli_host.h"
#include "cli_opts.h"
#include "cli_vals.h"
#include "cli_wast.h"
#include "ward.h"

// Writes a name from the module's name section; control bytes are escaped
// so that a module cannot drive the terminal.
static void put_name(const char *s, FILE *f) {
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c < 0x20 || c == 0x7f)
      fprintf(f, "\\x%02x", c);
    else
      fputc(c, f);
  }
}

// Reports a trap and returns the exit status: the guest's own for an exit,
// WD_CLI_EXIT_TRAP otherwise.
static int report_trap(const ward_trap_t *trap) {
  int status;
  if (ward_trap_exit_status(trap, &status))
    return status;
  fflush(stdout);
  const char *msg = ward_trap_message(trap);
  fprintf(stderr, "Error: wasm trap: %s\n", msg ? msg : "unknown trap");
  size_t n = ward_trap_frame_count(trap);
  if (n > 0)
    fputs("wasm backtrace:\n", stderr);
  for (size_t i = 0; i < n; i++) {
    ward_frame_t fr;
    if (!ward_trap_frame(trap, i, &fr))
      break;
    // As ward_trap_format: "    0: 0x1a3 - module!func [#3]".
    fprintf(stderr, "    %zu: ", i);
    if (fr.module_offset != SIZE_MAX)
      fprintf(stderr, "0x%zx - ", fr.module_offset);
    if (fr.module_name) {
      put_name(fr.module_name, stderr);
      fputc('!', stderr);
    }
    put_name(fr.func_name ? fr.func_name : "<unnamed>", stderr);
    fprintf(stderr, " [#%u]", (unsigned)fr.func_index);
    fputc('\n', stderr);
  }
  return WD_CLI_EXIT_TRAP;
}

// "i32, f64" for the parameter types of ft.
static void print_param_types(const ward_functype_t *ft, FILE *f) {
  size_t n = ward_functype_param_count(ft);
  for (size_t i = 0; i < n; i++)
    fprintf(f, "%s%s", i ? ", " : "", ward_valkind_name(ward_functype_param(ft, i)));
}

// Calls f with the command line's arguments and prints its results.
static int invoke(ward_store_t *store, ward_func_t *func, const wd_cli_opts_t *o) {
  const ward_functype_t *ft = ward_func_type(func);
  size_t nparams = ward_functype_param_count(ft);
  size_t nresults = ward_functype_result_count(ft);
  const char *name = o->invoke ? o->invoke : "_start";
  if ((size_t)o->nargs != nparams) {
    fprintf(stderr, "ward: `%s` takes %zu argument%s (", name, nparams, nparams == 1 ? "" : "s");
    print_param_types(ft, stderr);
    fprintf(stderr, "), but %d %s given\n", o->nargs, o->nargs == 1 ? "was" : "were");
    return EXIT_FAILURE;
  }
  ward_val_t *args = calloc(nparams + 1, sizeof *args);
  ward_val_t *results = calloc(nresults + 1, sizeof *results);
  int status = EXIT_FAILURE;
  // The results stay rooted until printed.
  size_t roots = ward_store_roots_enter(store);
  if (!args || !results) {
    fprintf(stderr, "ward: out of memory\n");
    goto done;
  }
  for (size_t i = 0; i < nparams; i++) {
    ward_valkind_t kind = ward_functype_param(ft, i);
    if (!wd_cli_parse_val(kind, o->args[i], &args[i])) {
      fprintf(stderr, "ward: argument %zu of `%s`: `%s` is not a valid %s\n", i + 1, name,
              o->args[i], ward_valkind_name(kind));
      goto done;
    }
  }
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_func_call(store, func, args, nparams, results, nresults, &trap);
  if (err) {
    fprintf(stderr, "ward: failed to invoke `%s`: %s\n", name, ward_error_message(err));
    ward_error_delete(err);
    goto done;
  }
  if (trap) {
    status = report_trap(trap);
    ward_trap_delete(trap);
    goto done;
  }
  for (size_t i = 0; i < nresults; i++) {
    char text[512];
    wd_cli_format_val(&results[i], text, sizeof text);
    puts(text);
  }
  status = EXIT_SUCCESS;
done:
  ward_store_roots_leave(store, roots);
  free(args);
  free(results);
  return status;
}

// Runs `_start` with WASI; returns the exit status.
static int run_start(ward_wasi_t *wasi, ward_instance_t *inst, const char *file) {
  int status = EXIT_FAILURE;
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_wasi_run_start(wasi, inst, &status, &trap);
  if (err) {
    fprintf(stderr, "ward: %s: %s\n", file, ward_error_message(err));
    ward_error_delete(err);
    status = EXIT_FAILURE;
  }
  if (trap) {
    status = report_trap(trap);
    ward_trap_delete(trap);
  }
  return status;
}

static int run(const wd_cli_opts_t *o) {
  int status = EXIT_FAILURE;
  ward_engine_t *engine = NULL;
  ward_module_t *module = NULL;
  ward_store_t *store = NULL;
  ward_linker_t *linker = NULL;
  ward_wasi_config_t *cfg = NULL;
  ward_wasi_t *wasi = NULL;
  ward_error_t *err = NULL;
  ward_trap_t *trap = NULL;
  ward_interrupt_handle_t *intr = NULL;
  ward_watchdog_t *watchdog = NULL;

  size_t size = 0;
  uint8_t *bytes = wd_cli_read_file(o->file, &size);
  if (!bytes) {
    fprintf(stderr, "ward: %s: %s\n", o->file, errno ? strerror(errno) : "cannot read file");
    return EXIT_FAILURE;
  }
  // A precompiled module (`ward compile`) holds code that is run without
  // being validated: only when the user says so, as wasmtime asks.
  bool precompiled = ward_module_is_serialized(bytes, size);
  if (precompiled && !o->allow_precompiled) {
    fprintf(stderr,
            "ward: %s: a precompiled module (ward compile) runs only with --allow-precompiled\n",
            o->file);
    free(bytes);
    return EXIT_FAILURE;
  }
  // A text module (.wat) is turned into a binary one first: what the file
  // holds decides, not its name.
  if (!precompiled && wd_cli_to_binary(o->file, &bytes, &size) != 0) {
    free(bytes);
    return EXIT_FAILURE;
  }
  ward_config_t ecfg;
  ward_config_init(&ecfg);
  ecfg.features = o->features;
  wd_cli_limits_config(&o->limits, &ecfg);
  wd_cli_tuning_apply(&o->tuning, &ecfg);
  engine = ward_engine_new(&ecfg);
  if (engine && precompiled)
    err = ward_module_deserialize(engine, bytes, size, &module);
  else if (engine)
    err = ward_module_new(engine, bytes, size, &module);
  free(bytes); // the module keeps its own copy
  if (!engine)
    goto oom;
  if (err && precompiled && ward_error_kind(err) == WARD_ERROR_MALFORMED) {
    // "incompatible module blob: ...", "corrupt module blob: ..."
    fprintf(stderr, "ward: %s: %s\n", o->file, ward_error_message(err));
    goto done;
  }
  if (err) {
    wd_cli_report_error(o->file, err);
    goto done;
  }
  // The grants are opened once the module is known to be valid.
  cfg = wd_cli_wasi_config(o);
  if (!cfg)
    goto done;
  store = ward_store_new(engine);
  linker = ward_linker_new(engine);
  if (!store || !linker)
    goto oom;
  if (!wd_cli_limits_apply(store, &o->limits, &intr, &watchdog))
    goto oom;
  err = ward_wasi_new(linker, store, cfg, &wasi);
  ward_wasi_config_delete(cfg);
  cfg = NULL;
  if (err) {
    fprintf(stderr, "ward: cannot set up WASI: %s\n", ward_error_message(err));
    goto done;
  }

  ward_instance_t *inst = NULL;
  err = ward_linker_instantiate(linker, store, module, &inst, &trap);
  if (err) {
    wd_cli_report_error(o->file, err);
    goto done;
  }
  if (trap) {
    status = report_trap(trap);
    goto done;
  }

  const char *name = o->invoke ? o->invoke : "_start";
  ward_extern_t ext;
  if (!ward_instance_export(inst, name, strlen(name), &ext)) {
    if (o->invoke)
      fprintf(stderr, "ward: %s: no export named `%s`\n", o->file, name);
    else
      fprintf(stderr, "ward: %s: no `_start` export; use --invoke NAME\n", o->file);
    goto done;
  }
  if (ext.kind != WARD_EXTERN_FUNC) {
    fprintf(stderr, "ward: %s: export `%s` is not a function\n", o->file, name);
    goto done;
  }
  // `_start` gets the arguments after FILE through WASI's args_get; an
  // export named by --invoke gets them as its parameters.
  if (o->invoke)
    status = invoke(store, ext.of.func, o);
  else
    status = run_start(wasi, inst, o->file);
  goto done;

oom:
  fprintf(stderr, "ward: out of memory\n");
done:
  if (watchdog && ward_watchdog_fired(watchdog))
    fprintf(stderr, "ward: %s: stopped by --timeout\n", o->file);
  wd_cli_limits_end(intr, watchdog);
  if (trap)
    ward_trap_delete(trap);
  if (err)
    ward_error_delete(err);
  if (cfg)
    ward_wasi_config_delete(cfg);
  // WASI closes the guest's descriptors before its store goes; the module
  // must outlive the stores it was instantiated in.
  if (wasi)
    ward_wasi_delete(wasi);
  if (store)
    ward_store_delete(store);
  if (linker)
    ward_linker_delete(linker);
  if (module)
    ward_module_delete(module);
  if (engine)
    ward_engine_delete(engine);
  if (fflush(stdout) != 0 && status == EXIT_SUCCESS)
    status = EXIT_FAILURE;
  return status;
}

static int ward_main(int argc, char **argv) {
  if (argc < 2)
    return wd_cli_usage_error("missing FILE", NULL);
  const char *cmd = argv[1];
  if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
    wd_cli_usage(stdout);
    return EXIT_SUCCESS;
  }
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
    puts("ward " WARD_VERSION);
    return EXIT_SUCCESS;
  }
  if (strcmp(cmd, "wast") == 0)
    return wd_cli_wast_main(argc, argv, 2);
  if (strcmp(cmd, "compile") == 0)
    return wd_cli_compile_main(argc, argv, 2);
  wd_cli_opts_t opts;
  int status = wd_cli_parse_opts(argc, argv, strcmp(cmd, "run") == 0 ? 2 : 1, &opts);
  if (status >= 0)
    return status;
  status = run(&opts);
  wd_cli_opts_free(&opts);
  return status;
}

#ifdef _WIN32
// The wide entry point (linked with -municode): the command line in UTF-16,
// which wd_cli_win_args turns into UTF-8 (cli_host.h).
int wmain(int argc, wchar_t **wargv);
int wmain(int argc, wchar_t **wargv) { return ward_main(argc, wd_cli_win_args(argc, wargv)); }
#else
int main(int argc, char **argv) { return ward_main(argc, argv); }
#endif
