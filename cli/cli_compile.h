// SPDX-License-Identifier: Apache-2.0
// `ward compile`: writes a module, validated and translated, as a
// precompiled module that `ward run --allow-precompiled` runs.
#ifndef WD_CLI_COMPILE_H
#define WD_CLI_COMPILE_H

// The text of `ward compile --help`.
extern const char wd_cli_compile_usage_text[];

// Runs `ward compile` with its arguments from argv[i]; returns the exit
// status (0, 1 on an error, 2 on a bad command line).
int wd_cli_compile_main(int argc, char **argv, int i);

#endif
