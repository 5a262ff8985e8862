// SPDX-License-Identifier: Apache-2.0
// `ward wast`: runs WebAssembly spec scripts (.wast) through ward's public
// API, as a user of the library would, and reports each failed command.
#ifndef WD_CLI_WAST_H
#define WD_CLI_WAST_H

// The text of `ward wast --help`.
extern const char wd_cli_wast_usage_text[];

// Runs `ward wast [OPTIONS] FILE.wast...`, its options and files being
// argv[i..argc). Prints one line per failed command, `FILE:LINE: KIND:
// REASON`, then `N passed, M failed`. Returns the exit status: 0 if every
// file parsed and every command passed, 1 if not, 2 for a bad command line.
int wd_cli_wast_main(int argc, char **argv, int i);

#endif
