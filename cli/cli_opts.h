// SPDX-License-Identifier: Apache-2.0
// The `ward` command's options: parsing the command line, and turning the
// grants it names (directories, environment variables, sockets, function
// groups) into a WASI configuration.
#ifndef WD_CLI_OPTS_H
#define WD_CLI_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ward.h"

// Exit statuses besides 0 (success) and 1 (any error).
enum {
  WD_CLI_EXIT_USAGE = 2,  // a bad command line
  WD_CLI_EXIT_TRAP = 134, // a wasm trap: 128 + SIGABRT, as wasmtime on Unix
};

// The engine settings of -O (--optimize) KEY=VALUE[,...], for `run` and
// `wast`: applied to a ward_config_t by wd_cli_tuning_apply.
typedef struct wd_cli_tuning {
  bool has_memory_reservation;
  uint64_t memory_reservation; // -O memory-reservation=SIZE
} wd_cli_tuning_t;

// The limits for untrusted code (include/ward/limits.h) the options set.
typedef struct wd_cli_limits {
  bool has_fuel, has_timeout, has_max_memory, has_max_table;
  uint64_t fuel;             // --fuel N
  uint64_t timeout_ns;       // --timeout DURATION
  uint64_t max_memory_bytes; // --max-memory-size SIZE
  uint64_t max_table_elems;  // --max-table-elements N
} wd_cli_limits_t;

// Parses DURATION: a decimal number (a fraction allowed) with a unit, ns,
// us, ms, s, m or h; a bare number is seconds. False if it is not one, or
// beyond 2^64 - 1 ns.
bool wd_cli_parse_duration(const char *v, uint64_t *ns);

// Matches argv[*i] against the limit options --fuel N, --timeout DURATION,
// --max-memory-size SIZE and --max-table-elements N (`--name VALUE` or
// `--name=VALUE`), for `run` and `wast`. Returns 0 if it is none of them,
// 1 with its value in *l (and *i past a separate value), or
// WD_CLI_EXIT_USAGE after printing what is wrong and `usage` (NULL: ward
// run's).
int wd_cli_limit_option(int argc, char **argv, int *i, wd_cli_limits_t *l, const char *usage);
// Sets what the limits need in an engine's configuration: fuel, interrupt checks.
void wd_cli_limits_config(const wd_cli_limits_t *l, ward_config_t *cfg);
// Sets the limits on a store of such an engine; a timeout's watchdog
// starts now (*intr and *watchdog, NULL without one; freed by
// wd_cli_limits_end). False if out of memory (or on a platform without
// threads, for a timeout).
bool wd_cli_limits_apply(ward_store_t *store, const wd_cli_limits_t *l,
                         ward_interrupt_handle_t **intr, ward_watchdog_t **watchdog);
// Stops and frees what wd_cli_limits_apply started.
void wd_cli_limits_end(ward_interrupt_handle_t *intr, ward_watchdog_t *watchdog);

// What a --dir, --dir-ro or --tcplisten grants, as written.
typedef enum wd_cli_grant_kind {
  WD_CLI_GRANT_DIR,       // --dir HOST[::GUEST]
  WD_CLI_GRANT_DIR_RO,    // --dir-ro HOST[::GUEST]
  WD_CLI_GRANT_TCPLISTEN, // --tcplisten ADDR
} wd_cli_grant_kind_t;

typedef struct wd_cli_grant {
  wd_cli_grant_kind_t kind;
  const char *arg; // the option's argument, as given
} wd_cli_grant_t;

typedef struct wd_cli_opts {
  const char *invoke; // --invoke NAME, or NULL for `_start`
  const char *file;
  char **args; // what follows FILE
  int nargs;
  wd_cli_grant_t *grants; // in command-line order
  size_t ngrants;
  const char **envs; // --env arguments: NAME=VALUE or NAME
  size_t nenvs;
  unsigned deny;          // withheld ward_wasi_group_t bits
  bool deny_stub;         // withheld functions become ENOSYS stubs
  uint32_t features;      // ward_feature_t bits, from -W (default all)
  wd_cli_tuning_t tuning; // -O
  wd_cli_limits_t limits; // --fuel, --timeout, --max-memory-size, --max-table-elements
  bool allow_precompiled; // --allow-precompiled: FILE may be a `ward compile` output
} wd_cli_opts_t;

// Prints the text of `ward --help` to f.
void wd_cli_usage(FILE *f);

// Prints "ward: WHAT `ARG`" (or "ward: WHAT") and the usage to stderr;
// returns WD_CLI_EXIT_USAGE.
int wd_cli_usage_error(const char *what, const char *arg);
// The same with another command's usage text (`ward wast`, `ward compile`;
// NULL: ward run's).
int wd_cli_usage_error_of(const char *usage, const char *what, const char *arg);

// Applies one -W (--wasm) argument, NAME[=y|n][,NAME[=y|n]...], to the
// ward_feature_t bits *features. Returns false after printing what is
// wrong (an unknown feature: the list of known ones).
bool wd_cli_wasm_flags(const char *arg, uint32_t *features);

// If argv[*i] is -W or --wasm (its value attached, or the next argument,
// past which *i then moves), applies it to *features. Returns 0 if argv[*i]
// is another argument, 1 when it was applied, or WD_CLI_EXIT_USAGE after
// printing what is wrong and `usage`.
int wd_cli_wasm_option(int argc, char **argv, int *i, uint32_t *features, const char *usage);

// Applies one -O argument, KEY=VALUE[,...], to *t. The one key so far:
// memory-reservation=SIZE (bytes, or with a K, M, G or T suffix: KiB and
// so on). Returns false after printing what is wrong.
bool wd_cli_tuning_flags(const char *arg, wd_cli_tuning_t *t);
// Sets in *cfg what *t names.
void wd_cli_tuning_apply(const wd_cli_tuning_t *t, ward_config_t *cfg);

// Parses [OPTIONS] FILE [ARGS...] from argv[i]. Returns -1 to go on and run
// (then free the options with wd_cli_opts_free), or the status to exit
// with (having printed the help, or a usage error).
int wd_cli_parse_opts(int argc, char **argv, int i, wd_cli_opts_t *o);
void wd_cli_opts_free(wd_cli_opts_t *o);

// Builds the WASI configuration the options grant: the guest's argv (FILE,
// then ARGS), its environment, its preopened directories then sockets, and
// its function groups. Returns NULL after printing why to stderr (a
// directory or socket that cannot be opened, out of memory).
ward_wasi_config_t *wd_cli_wasi_config(const wd_cli_opts_t *o);

#endif
