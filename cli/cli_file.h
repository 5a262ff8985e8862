// SPDX-License-Identifier: Apache-2.0
// The `ward` command's input files: reading them whole, and turning a text
// module (.wat) into a binary one when that is what a file holds.
#ifndef WD_CLI_FILE_H
#define WD_CLI_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "ward.h"

// Reads a whole file with stdio into a malloc'ed buffer of *size bytes,
// followed by a NUL that *size does not count (so text may be read as a
// C string). Returns NULL (and leaves errno) on failure.
uint8_t *wd_cli_read_file(const char *path, size_t *size);

// The binary module in a file's contents `bytes[size]`: the file itself if
// it is binary (it begins with "\0asm", or with any NUL byte, which no text
// does), else the text module parsed into a new buffer that replaces
// *bytes (the old one is freed). Returns 0, or 1 after printing
// `FILE:LINE:COL: message` (a text parse error) or `ward: ...` to stderr.
int wd_cli_to_binary(const char *file, uint8_t **bytes, size_t *size);

// Prints a module error of FILE as one line on stderr: `ward: FILE:
// malformed module: MESSAGE (at byte offset 0x...)` and the like.
void wd_cli_report_error(const char *file, const ward_error_t *err);

#endif
