// SPDX-License-Identifier: Apache-2.0
// The `ward` command's options: the command line, and the WASI grants it
// makes. Nothing is granted unless an option names it.
#include "cli_opts.h"

#include "cli_host.h"
#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The help, in two parts (ISO C bounds a string literal at 4095 bytes).
static const char k_usage_head[] =
    "Usage: ward run [OPTIONS] FILE.wasm [ARGS...]\n"
    "       ward [OPTIONS] FILE.wasm [ARGS...]\n"
    "       ward compile [-W FEATURES] FILE [-o OUT]   (see ward compile --help)\n"
    "       ward wast [-v] [--eager] FILE.wast...   (see ward wast --help)\n"
    "       ward help | --help\n"
    "       ward --version\n"
    "\n"
    "Runs a WebAssembly module: instantiates it with WASI (preview1) for its\n"
    "imports and calls its `_start` export. The module reaches only what the\n"
    "options grant: by default no directory, no environment variable and no\n"
    "socket; its stdin, stdout and stderr are ward's. Options come before FILE;\n"
    "everything after FILE goes to the module, whose argv[0] is FILE. FILE may\n"
    "be binary (.wasm) or text (.wat): its first bytes decide, not its name.\n"
    "\n"
    "Options:\n"
    "  --dir HOST[::GUEST]      grant the host directory HOST, read-write, as GUEST\n"
    "                           (default: HOST)          e.g. --dir .::/\n"
    "  --dir-ro HOST[::GUEST]   the same, read-only      e.g. --dir-ro data::/data\n"
    "  --env NAME=VALUE         set NAME in the module's environment\n"
    "                                                    e.g. --env HOME=/\n"
    "  --env NAME               pass the host's NAME through (nothing if unset)\n"
    "                                                    e.g. --env TERM\n"
    "  --tcplisten ADDR         grant a TCP socket listening on ADDR (IP:PORT)\n"
    "                                                    e.g. --tcplisten [::1]:8080\n"
    "  --deny GROUP[,GROUP...]  withhold WASI functions (importing one is an\n"
    "                           error); GROUPs: args, clocks, random, fd, path,\n"
    "                           poll, proc, sock         e.g. --deny sock,path\n"
    "  --deny-stub              withheld functions link, and return ENOSYS (52)\n"
    "                                                    e.g. --deny fd --deny-stub\n"
    "  -W, --wasm FEATURE[=y|n][,...]\n"
    "                           turn WebAssembly features on (y, the default)\n"
    "                           or off (n); all are on unless turned off:\n"
    "                           simd, relaxed-simd, tail-call, extended-const,\n"
    "                           multi-memory, memory64, exceptions,\n"
    "                           legacy-exceptions, function-references, gc\n"
    "                                                    e.g. -W gc=n,tail-call=n\n"
    "  -O, --optimize KEY=VALUE[,...]\n"
    "                           engine settings; the one so far:\n"
    "                           memory-reservation=SIZE: with explicit bounds\n"
    "                           checks, a memory reserves the address range it\n"
    "                           may grow to only if that is at most SIZE bytes\n"
    "                           (K, M, G suffixes; 0: never, memories live in\n"
    "                           the heap; for emulators and small address\n"
    "                           spaces)                  e.g. -O memory-reservation=0\n"
    "";
static const char k_usage_tail[] =
    "  --fuel N                 run with N units of fuel: each wasm instruction\n"
    "                           costs one (bulk memory and table operations one\n"
    "                           per 16 bytes or element); trap \"all fuel\n"
    "                           consumed\" when it runs out e.g. --fuel 1000000\n"
    "  --timeout DURATION       stop the guest (trap \"interrupt\") once it has\n"
    "                           run this long: a number with ns, us, ms, s, m or h\n"
    "                           (bare: seconds)          e.g. --timeout 1.5s\n"
    "  --max-memory-size SIZE   the most bytes of linear memory the module may\n"
    "                           hold in all (K, M, G suffixes); a memory.grow\n"
    "                           beyond it returns -1     e.g. --max-memory-size 64M\n"
    "  --max-table-elements N   the most table elements in all; a table.grow\n"
    "                           beyond it returns -1     e.g. --max-table-elements 10000\n"
    "  --invoke NAME            call the export NAME instead of `_start`, with\n"
    "                           ARGS as its arguments (i32/i64: decimal or\n"
    "                           0x-hex; f32/f64: decimal, nan, inf, -inf), and\n"
    "                           print each result on its own line\n"
    "                                                    e.g. --invoke fib\n"
    "  --allow-precompiled      FILE may be a precompiled module (the output of\n"
    "                           ward compile), whose code is run as it is, not\n"
    "                           validated: only for files you trust\n"
    "                                                    e.g. --allow-precompiled app.cwasm\n"
    "  -h, --help               print this help\n"
    "  --                       end of options: the next argument is FILE\n"
    "\n"
    "Every option taking a value also takes the form --option=VALUE. --dir,\n"
    "--dir-ro, --env, --tcplisten and --deny may be repeated. The module gets\n"
    "the directories as fds 3, 4, ... in command-line order, then the sockets.\n"
    "\n"
    "Examples:\n"
    "  ward run --dir .::/ --env HOME=/ app.wasm arg1\n"
    "  ward run --dir-ro /usr/share/dict::/dict --deny sock app.wasm /dict/words\n"
    "  ward run --invoke fib fib.wasm 30\n"
    "\n"
    "Exit status: the module's own (its proc_exit code; 0 when `_start`\n"
    "returns), 1 on an error, 2 on a bad command line, 134 when the module\n"
    "traps.\n";

void wd_cli_usage(FILE *f) {
  fputs(k_usage_head, f);
  fputs(k_usage_tail, f);
}

int wd_cli_usage_error_of(const char *usage, const char *what, const char *arg) {
  if (arg)
    fprintf(stderr, "ward: %s `%s`\n\n", what, arg);
  else
    fprintf(stderr, "ward: %s\n\n", what);
  if (usage)
    fputs(usage, stderr);
  else
    wd_cli_usage(stderr);
  return WD_CLI_EXIT_USAGE;
}

int wd_cli_usage_error(const char *what, const char *arg) {
  return wd_cli_usage_error_of(NULL, what, arg);
}

// Matches argv[*i] against the option `name` taking a value, as
// `--name VALUE` or `--name=VALUE`. Returns 0 if it is another option, 1
// with *value set (and *i past a separate value), or -1 if the value is
// missing.
static int option_value(int argc, char **argv, int *i, const char *name, const char **value) {
  const char *a = argv[*i];
  size_t n = strlen(name);
  if (strncmp(a, name, n) != 0)
    return 0;
  if (a[n] == '=') {
    *value = a + n + 1;
    return 1;
  }
  if (a[n] != '\0')
    return 0;
  if (*i + 1 >= argc)
    return -1;
  *value = argv[++*i];
  return 1;
}

int wd_cli_wasm_option(int argc, char **argv, int *i, uint32_t *features, const char *usage) {
  const char *a = argv[*i], *v = NULL;
  int m;
  if (a[0] == '-' && a[1] == 'W' && a[2] != '\0' && a[2] != '=') {
    v = a + 2; // -WFEATURES
    m = 1;
  } else if ((m = option_value(argc, argv, i, "-W", &v)) == 0 &&
             (m = option_value(argc, argv, i, "--wasm", &v)) == 0) {
    return 0;
  }
  if (m < 0) {
    fprintf(stderr, "ward: -W needs a feature: FEATURE[=y|n][,...]\n\n%s", usage);
    return WD_CLI_EXIT_USAGE;
  }
  if (!wd_cli_wasm_flags(v, features)) {
    fprintf(stderr, "\n%s", usage);
    return WD_CLI_EXIT_USAGE;
  }
  return 1;
}

// SIZE: decimal digits and an optional K, M, G or T (powers of 1024, with
// an optional "iB" or "B"), at most UINT64_MAX.
static bool parse_size(const char *v, size_t len, uint64_t *out) {
  size_t i = 0;
  uint64_t n = 0;
  for (; i < len && v[i] >= '0' && v[i] <= '9'; i++) {
    if (n > (UINT64_MAX - (uint64_t)(v[i] - '0')) / 10)
      return false;
    n = n * 10 + (uint64_t)(v[i] - '0');
  }
  if (i == 0)
    return false;
  unsigned shift = 0;
  if (i < len) {
    const char *units = "KMGT";
    const char *u = v[i] ? strchr(units, v[i] & ~0x20) : NULL; // either case
    if (!u)
      return false;
    shift = 10 * (unsigned)(u - units + 1);
    i++;
    size_t rest = len - i;
    if (!(rest == 0 || (rest == 1 && v[i] == 'B') || (rest == 2 && memcmp(v + i, "iB", 2) == 0)))
      return false;
  }
  if (shift && n > (UINT64_MAX >> shift))
    return false;
  *out = n << shift;
  return true;
}

// N: decimal digits, at most UINT64_MAX.
static bool parse_u64(const char *v, uint64_t *out) {
  uint64_t n = 0;
  size_t i = 0;
  for (; v[i] >= '0' && v[i] <= '9'; i++) {
    if (n > (UINT64_MAX - (uint64_t)(v[i] - '0')) / 10)
      return false;
    n = n * 10 + (uint64_t)(v[i] - '0');
  }
  if (i == 0 || v[i] != '\0')
    return false;
  *out = n;
  return true;
}

bool wd_cli_parse_duration(const char *v, uint64_t *ns) {
  // The number as an integer part and up to nine decimals, in nanoseconds
  // of its unit (so 1.5s is exact).
  uint64_t whole = 0, frac = 0, scale = 1000000000u;
  size_t i = 0;
  for (; v[i] >= '0' && v[i] <= '9'; i++) {
    if (whole > (UINT64_MAX - 9) / 10)
      return false;
    whole = whole * 10 + (uint64_t)(v[i] - '0');
  }
  bool digits = i > 0;
  if (v[i] == '.') {
    i++;
    for (uint64_t step = 100000000u; v[i] >= '0' && v[i] <= '9'; i++, step /= 10) {
      frac += (uint64_t)(v[i] - '0') * step;
      digits = true;
    }
  }
  if (!digits)
    return false;
  static const struct {
    const char *name;
    uint64_t ns;
  } k_units[] = {{"ns", 1},         {"us", 1000},        {"ms", 1000000},      {"s", 1000000000u},
                 {"", 1000000000u}, {"m", 60000000000u}, {"h", 3600000000000u}};
  for (size_t u = 0; u < sizeof k_units / sizeof k_units[0]; u++) {
    if (strcmp(v + i, k_units[u].name) != 0)
      continue;
    uint64_t per = k_units[u].ns;
    if (whole > UINT64_MAX / per)
      return false;
    // frac is in billionths of the unit: per * frac / 1e9, without overflow.
    uint64_t part = per / scale * frac + (per % scale) * frac / scale;
    if (whole * per > UINT64_MAX - part)
      return false;
    *ns = whole * per + part;
    return true;
  }
  return false;
}

int wd_cli_limit_option(int argc, char **argv, int *i, wd_cli_limits_t *l, const char *usage) {
  const char *v = NULL;
  int m;
  if ((m = option_value(argc, argv, i, "--fuel", &v)) != 0) {
    if (m < 0)
      return wd_cli_usage_error_of(usage, "--fuel needs a number of units", NULL);
    if (!parse_u64(v, &l->fuel))
      return wd_cli_usage_error_of(usage, "--fuel wants a number of units (0 to 2^64-1), not", v);
    l->has_fuel = true;
  } else if ((m = option_value(argc, argv, i, "--timeout", &v)) != 0) {
    if (m < 0)
      return wd_cli_usage_error_of(usage, "--timeout needs a duration (e.g. 5s, 250ms)", NULL);
    if (!wd_cli_parse_duration(v, &l->timeout_ns))
      return wd_cli_usage_error_of(usage, "--timeout wants a duration (e.g. 5s, 250ms, 1.5m), not",
                                   v);
    l->has_timeout = true;
  } else if ((m = option_value(argc, argv, i, "--max-memory-size", &v)) != 0) {
    if (m < 0)
      return wd_cli_usage_error_of(usage, "--max-memory-size needs a size (e.g. 64M)", NULL);
    if (!parse_size(v, strlen(v), &l->max_memory_bytes))
      return wd_cli_usage_error_of(usage,
                                   "--max-memory-size wants a size (e.g. 0, 65536, 64M), not", v);
    l->has_max_memory = true;
  } else if ((m = option_value(argc, argv, i, "--max-table-elements", &v)) != 0) {
    if (m < 0)
      return wd_cli_usage_error_of(usage, "--max-table-elements needs a number", NULL);
    if (!parse_u64(v, &l->max_table_elems))
      return wd_cli_usage_error_of(usage, "--max-table-elements wants a number, not", v);
    l->has_max_table = true;
  } else {
    return 0;
  }
  return 1;
}

void wd_cli_limits_config(const wd_cli_limits_t *l, ward_config_t *cfg) {
  cfg->consume_fuel = l->has_fuel;
  cfg->interruptible = l->has_timeout;
}

bool wd_cli_limits_apply(ward_store_t *store, const wd_cli_limits_t *l,
                         ward_interrupt_handle_t **intr, ward_watchdog_t **watchdog) {
  *intr = NULL;
  *watchdog = NULL;
  if (l->has_fuel) {
    ward_error_t *e = ward_store_set_fuel(store, l->fuel);
    if (e) {
      ward_error_delete(e);
      return false;
    }
  }
  ward_store_limits_t sl;
  ward_store_limits_init(&sl);
  if (l->has_max_memory)
    sl.max_memory_bytes = l->max_memory_bytes;
  if (l->has_max_table)
    sl.max_table_elements = l->max_table_elems;
  ward_store_set_limits(store, &sl);
  if (l->has_timeout) {
    *intr = ward_interrupt_handle_new(store);
    *watchdog = *intr ? ward_watchdog_new(*intr, l->timeout_ns) : NULL;
    if (!*watchdog)
      return false;
  }
  return true;
}

void wd_cli_limits_end(ward_interrupt_handle_t *intr, ward_watchdog_t *watchdog) {
  if (watchdog)
    ward_watchdog_delete(watchdog);
  ward_interrupt_handle_delete(intr);
}

bool wd_cli_tuning_flags(const char *arg, wd_cli_tuning_t *t) {
  const char *p = arg;
  for (;;) {
    size_t n = strcspn(p, ",");
    size_t key_len = strcspn(p, ",=");
    static const char key[] = "memory-reservation";
    if (key_len != sizeof key - 1 || memcmp(p, key, key_len) != 0) {
      fprintf(stderr, "ward: -O: unknown setting `%.*s`; the settings are memory-reservation\n",
              (int)key_len, p);
      return false;
    }
    if (key_len == n || !parse_size(p + key_len + 1, n - key_len - 1, &t->memory_reservation)) {
      fprintf(stderr, "ward: -O: memory-reservation wants a size (e.g. 0, 65536, 4G), not `%.*s`\n",
              (int)(n > key_len ? n - key_len - 1 : 0), p + (n > key_len ? key_len + 1 : n));
      return false;
    }
    t->has_memory_reservation = true;
    if (p[n] == '\0')
      return true;
    p += n + 1;
  }
}

void wd_cli_tuning_apply(const wd_cli_tuning_t *t, ward_config_t *cfg) {
  if (t->has_memory_reservation)
    cfg->memory_reservation = t->memory_reservation;
}

bool wd_cli_wasm_flags(const char *arg, uint32_t *features) {
  const char *p = arg;
  for (;;) {
    size_t n = strcspn(p, ",");
    size_t name_len = strcspn(p, ",=");
    uint32_t bit = ward_feature_by_name(p, name_len);
    if (!bit) {
      fprintf(stderr,
              "ward: -W: unknown WebAssembly feature `%.*s`; the features are simd, "
              "relaxed-simd, tail-call, extended-const, multi-memory, memory64, exceptions, "
              "legacy-exceptions, function-references, gc\n",
              (int)name_len, p);
      return false;
    }
    bool on = true;
    if (name_len < n) {
      const char *v = p + name_len + 1;
      size_t vl = n - name_len - 1;
      if ((vl == 1 && *v == 'y') || (vl == 3 && memcmp(v, "yes", 3) == 0) ||
          (vl == 4 && memcmp(v, "true", 4) == 0))
        on = true;
      else if ((vl == 1 && *v == 'n') || (vl == 2 && memcmp(v, "no", 2) == 0) ||
               (vl == 5 && memcmp(v, "false", 5) == 0))
        on = false;
      else {
        fprintf(stderr, "ward: -W: `%.*s` wants y or n, not `%.*s`\n", (int)name_len, p, (int)vl,
                v);
        return false;
      }
    }
    *features = on ? *features | bit : *features & ~bit;
    if (p[n] == '\0')
      return true;
    p += n + 1;
  }
}

// Where HOST ends in HOST[::GUEST].
static size_t host_len(const char *arg) {
  const char *sep = strstr(arg, "::");
  return sep ? (size_t)(sep - arg) : strlen(arg);
}

// Checks a --dir argument: HOST must not be empty, nor GUEST if given.
static bool valid_dir_arg(const char *arg) {
  size_t n = host_len(arg);
  return n > 0 && (arg[n] == '\0' || arg[n + 2] != '\0');
}

// Adds the groups of a --deny list to *deny; prints a usage error and
// returns false on an unknown or empty name.
static bool parse_deny(const char *list, unsigned *deny) {
  const char *p = list;
  for (;;) {
    size_t n = strcspn(p, ",");
    ward_wasi_group_t g = n > 0 ? ward_wasi_group_from_name(p, n) : (ward_wasi_group_t)0;
    if (g == 0) {
      if (n == 0)
        fprintf(stderr, "ward: --deny: an empty group in `%s`; the groups are", list);
      else
        fprintf(stderr, "ward: --deny: unknown WASI function group `%.*s`; the groups are", (int)n,
                p);
      for (unsigned bit = 1; bit & WARD_WASI_ALL; bit <<= 1)
        fprintf(stderr, "%s %s", bit == 1 ? "" : ",", ward_wasi_group_name((ward_wasi_group_t)bit));
      fputs("\n\n", stderr);
      wd_cli_usage(stderr);
      return false;
    }
    *deny |= (unsigned)g;
    if (p[n] == '\0')
      return true;
    p += n + 1;
  }
}

void wd_cli_opts_free(wd_cli_opts_t *o) {
  free(o->grants);
  free(o->envs);
  o->grants = NULL;
  o->envs = NULL;
}

int wd_cli_parse_opts(int argc, char **argv, int i, wd_cli_opts_t *o) {
  memset(o, 0, sizeof *o);
  o->features = WARD_FEATURES_ALL;
  // Each option takes at least one argument, so argc entries suffice.
  size_t cap = argc > 0 ? (size_t)argc : 1;
  o->grants = malloc(cap * sizeof *o->grants);
  o->envs = malloc(cap * sizeof *o->envs);
  if (!o->grants || !o->envs) {
    wd_cli_opts_free(o);
    fprintf(stderr, "ward: out of memory\n");
    return EXIT_FAILURE;
  }
  int status = -1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    const char *v = NULL;
    int m;
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (a[0] != '-' || a[1] == '\0')
      break; // FILE ("-" alone is a file name too)
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      wd_cli_usage(stdout);
      status = 0;
    } else if (strcmp(a, "--deny-stub") == 0) {
      o->deny_stub = true;
    } else if (strcmp(a, "--allow-precompiled") == 0) {
      o->allow_precompiled = true;
    } else if (((a[1] == 'W' || a[1] == 'O') && a[2] != '\0' && a[2] != '=' &&
                (v = a + 2, m = 1)) ||
               (m = option_value(argc, argv, &i, "-W", &v)) != 0 ||
               (m = option_value(argc, argv, &i, "--wasm", &v)) != 0 ||
               (m = option_value(argc, argv, &i, "-O", &v)) != 0 ||
               (m = option_value(argc, argv, &i, "--optimize", &v)) != 0) {
      // -W/--wasm FEATURES or -O/--optimize SETTINGS
      bool w = a[1] == 'W' || strncmp(a, "--wasm", 6) == 0; // else -O, --optimize
      if (m < 0)
        status = wd_cli_usage_error(w ? "-W needs a feature: FEATURE[=y|n][,...]"
                                      : "-O needs a setting: KEY=VALUE[,...]",
                                    NULL);
      else if (w ? !wd_cli_wasm_flags(v, &o->features) : !wd_cli_tuning_flags(v, &o->tuning)) {
        fputs("\n", stderr);
        wd_cli_usage(stderr);
        status = WD_CLI_EXIT_USAGE;
      }
    } else if ((m = wd_cli_limit_option(argc, argv, &i, &o->limits, NULL)) != 0) {
      if (m != 1)
        status = m;
    } else if ((m = option_value(argc, argv, &i, "--invoke", &v)) != 0) {
      if (m < 0)
        status = wd_cli_usage_error("--invoke needs a function name", NULL);
      else
        o->invoke = v;
    } else if ((m = option_value(argc, argv, &i, "--dir", &v)) != 0 ||
               (m = option_value(argc, argv, &i, "--dir-ro", &v)) != 0) {
      bool ro = strncmp(a, "--dir-ro", 8) == 0;
      if (m < 0)
        status = wd_cli_usage_error(ro ? "--dir-ro needs a directory: HOST[::GUEST]"
                                       : "--dir needs a directory: HOST[::GUEST]",
                                    NULL);
      else if (!valid_dir_arg(v))
        status = wd_cli_usage_error(
            ro ? "--dir-ro wants HOST[::GUEST], not" : "--dir wants HOST[::GUEST], not", v);
      else
        o->grants[o->ngrants++] = (wd_cli_grant_t){ro ? WD_CLI_GRANT_DIR_RO : WD_CLI_GRANT_DIR, v};
    } else if ((m = option_value(argc, argv, &i, "--tcplisten", &v)) != 0) {
      if (m < 0)
        status = wd_cli_usage_error("--tcplisten needs an address: HOST:PORT", NULL);
      else if (*v == '\0')
        status = wd_cli_usage_error("--tcplisten wants HOST:PORT, not", v);
      else
        o->grants[o->ngrants++] = (wd_cli_grant_t){WD_CLI_GRANT_TCPLISTEN, v};
    } else if ((m = option_value(argc, argv, &i, "--env", &v)) != 0) {
      if (m < 0)
        status = wd_cli_usage_error("--env needs NAME=VALUE or NAME", NULL);
      else if (v[0] == '\0' || v[0] == '=')
        status = wd_cli_usage_error("--env wants NAME=VALUE or NAME, not", v);
      else
        o->envs[o->nenvs++] = v;
    } else if ((m = option_value(argc, argv, &i, "--deny", &v)) != 0) {
      if (m < 0)
        status = wd_cli_usage_error("--deny needs a list of groups: GROUP[,GROUP...]", NULL);
      else if (!parse_deny(v, &o->deny))
        status = WD_CLI_EXIT_USAGE;
    } else {
      status = wd_cli_usage_error("unknown option", a);
    }
    if (status >= 0) {
      wd_cli_opts_free(o);
      return status;
    }
  }
  if (i >= argc) {
    wd_cli_opts_free(o);
    return wd_cli_usage_error("missing FILE", NULL);
  }
  o->file = argv[i];
  o->args = argv + i + 1;
  o->nargs = argc - i - 1;
  return -1;
}

// The length of NAME in an --env argument NAME=VALUE or NAME.
static size_t env_name_len(const char *arg) { return strcspn(arg, "="); }

// Adds the environment variable of envs[k] to cfg, unless a later --env
// names the same variable (the last one wins) or it passes through a host
// variable that is unset. Returns false after printing an error.
static bool add_env(ward_wasi_config_t *cfg, const wd_cli_opts_t *o, size_t k) {
  const char *arg = o->envs[k];
  size_t n = env_name_len(arg);
  for (size_t j = k + 1; j < o->nenvs; j++) {
    const char *later = o->envs[j];
    if (env_name_len(later) == n && memcmp(later, arg, n) == 0) {
      char *v = later[n] == '=' ? NULL : wd_cli_getenv(later);
      bool set = later[n] == '=' || v != NULL;
      wd_free(v);
      if (set)
        return true; // overridden
    }
  }
  char *name = malloc(n + 1);
  if (!name) {
    fprintf(stderr, "ward: out of memory\n");
    return false;
  }
  memcpy(name, arg, n);
  name[n] = '\0';
  char *host = arg[n] == '=' ? NULL : wd_cli_getenv(name);
  const char *value = arg[n] == '=' ? arg + n + 1 : host;
  ward_error_t *err = value ? ward_wasi_config_add_env(cfg, name, value) : NULL;
  wd_free(host);
  free(name);
  if (err) {
    fprintf(stderr, "ward: --env %s: %s\n", arg, ward_error_message(err));
    ward_error_delete(err);
    return false;
  }
  return true;
}

// The reason in the library's message about `what` ("cannot open directory
// D: not a directory" gives "not a directory"), since ward's own message
// names `what` already; the whole message if it does not name it.
static const char *reason(const ward_error_t *err, const char *what) {
  const char *msg = ward_error_message(err);
  size_t n = strlen(what);
  const char *r = msg;
  for (const char *p = strstr(msg, what); p; p = strstr(p + 1, what))
    if (p[n] == ':' && p[n + 1] == ' ' && p[n + 2] != '\0')
      r = p + n + 2;
  return r;
}

// Preopens one --dir or --dir-ro. Returns false after printing an error.
static bool add_dir(ward_wasi_config_t *cfg, const wd_cli_grant_t *g) {
  const char *flag = g->kind == WD_CLI_GRANT_DIR_RO ? "--dir-ro" : "--dir";
  size_t n = host_len(g->arg);
  char *host = malloc(n + 1);
  if (!host) {
    fprintf(stderr, "ward: out of memory\n");
    return false;
  }
  memcpy(host, g->arg, n);
  host[n] = '\0';
  const char *guest = g->arg[n] ? g->arg + n + 2 : host;
  ward_wasi_dir_perms_t perms =
      g->kind == WD_CLI_GRANT_DIR_RO ? WARD_WASI_DIR_READ : WARD_WASI_DIR_RW;
  ward_error_t *err = ward_wasi_config_preopen_dir(cfg, host, guest, perms);
  if (err) {
    fprintf(stderr, "ward: %s %s: %s\n", flag, host, reason(err, host));
    ward_error_delete(err);
  }
  free(host);
  return err == NULL;
}

static bool add_tcplisten(ward_wasi_config_t *cfg, const wd_cli_grant_t *g) {
  ward_error_t *err = ward_wasi_config_tcplisten(cfg, g->arg);
  if (err) {
    fprintf(stderr, "ward: --tcplisten %s: %s\n", g->arg, reason(err, g->arg));
    ward_error_delete(err);
    return false;
  }
  return true;
}

// The guest's argv: FILE as given, then ARGS.
static bool set_args(ward_wasi_config_t *cfg, const wd_cli_opts_t *o) {
  size_t argc = (size_t)o->nargs + 1;
  const char **argv = malloc(argc * sizeof *argv);
  if (!argv) {
    fprintf(stderr, "ward: out of memory\n");
    return false;
  }
  argv[0] = o->file;
  for (int k = 0; k < o->nargs; k++)
    argv[k + 1] = o->args[k];
  ward_error_t *err = ward_wasi_config_set_args(cfg, argc, argv);
  free(argv);
  if (err) {
    fprintf(stderr, "ward: %s: %s\n", o->file, ward_error_message(err));
    ward_error_delete(err);
    return false;
  }
  return true;
}

ward_wasi_config_t *wd_cli_wasi_config(const wd_cli_opts_t *o) {
  ward_wasi_config_t *cfg = ward_wasi_config_new();
  if (!cfg) {
    fprintf(stderr, "ward: out of memory\n");
    return NULL;
  }
  bool ok = set_args(cfg, o);
  for (size_t k = 0; ok && k < o->nenvs; k++)
    ok = add_env(cfg, o, k);
  // Directories first, in command-line order, then the sockets.
  for (size_t k = 0; ok && k < o->ngrants; k++)
    if (o->grants[k].kind != WD_CLI_GRANT_TCPLISTEN)
      ok = add_dir(cfg, &o->grants[k]);
  for (size_t k = 0; ok && k < o->ngrants; k++)
    if (o->grants[k].kind == WD_CLI_GRANT_TCPLISTEN)
      ok = add_tcplisten(cfg, &o->grants[k]);
  if (!ok) {
    ward_wasi_config_delete(cfg);
    return NULL;
  }
  ward_wasi_config_set_groups(cfg, WARD_WASI_ALL & ~o->deny, o->deny_stub);
  return cfg;
}
