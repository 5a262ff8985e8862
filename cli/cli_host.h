// SPDX-License-Identifier: Apache-2.0
// What the `ward` command takes from its host as strings: the command line,
// environment variables and file names, always as UTF-8. On POSIX hosts
// these are the bytes as given. On Windows the C runtime's `main`, `getenv`
// and `fopen` use the ANSI code page, which cannot represent most names and
// would hand a guest bytes that are not UTF-8, so ward goes through the
// wide-character calls and converts.
#ifndef WD_CLI_HOST_H
#define WD_CLI_HOST_H

#include <stdio.h>

// fopen for a UTF-8 file name.
FILE *wd_cli_fopen(const char *path, const char *mode);

// The host's environment variable NAME as a UTF-8 string, or NULL if it is
// unset (or memory ran out). The caller frees it with wd_free.
char *wd_cli_getenv(const char *name);

#ifdef _WIN32
#include <wchar.h>
// The command line as UTF-8 (argv[argc] is NULL), for wmain; exits with a
// message if memory runs out. Also puts stdout and stderr in binary mode:
// ward's own output then has the same bytes on every host (LF line ends,
// as the guest's output, which WASI writes unchanged).
char **wd_cli_win_args(int argc, wchar_t **wargv);
#endif

#endif
