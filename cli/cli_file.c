// SPDX-License-Identifier: Apache-2.0
// The `ward` command's input files (see cli_file.h).
#include "cli_file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli_host.h"
#include "text/text.h"

uint8_t *wd_cli_read_file(const char *path, size_t *size) {
  errno = 0;
  FILE *f = wd_cli_fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 64 * 1024, len = 0;
  uint8_t *buf = malloc(cap);
  if (!buf) {
    fclose(f);
    errno = ENOMEM;
    return NULL;
  }
  for (;;) {
    if (len + 1 >= cap) { // room for the data and the NUL after it
      uint8_t *p = cap <= SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
      if (!p) {
        free(buf);
        fclose(f);
        errno = ENOMEM;
        return NULL;
      }
      buf = p;
      cap *= 2;
    }
    size_t got = fread(buf + len, 1, cap - 1 - len, f);
    len += got;
    if (got == 0)
      break;
  }
  if (ferror(f)) {
    int e = errno ? errno : EIO;
    free(buf);
    fclose(f);
    errno = e;
    return NULL;
  }
  fclose(f);
  buf[len] = '\0';
  *size = len;
  return buf;
}

int wd_cli_to_binary(const char *file, uint8_t **bytes, size_t *size) {
  // No text begins with a NUL byte: such a file is a binary module, even a
  // broken one, and the decoder says what is wrong with it.
  if (wd_is_binary_module(*bytes, *size) || (*size > 0 && (*bytes)[0] == 0))
    return 0;
  uint8_t *wasm = NULL;
  size_t wasm_len = 0;
  wd_text_error_t err;
  err.line = err.col = 0;
  err.msg[0] = '\0';
  if (!wd_wat_to_wasm((const char *)*bytes, *size, &wasm, &wasm_len, &err)) {
    free(wasm);
    const char *msg = err.msg[0] ? err.msg : "cannot parse the text module";
    if (err.line > 0)
      fprintf(stderr, "%s:%u:%u: %s\n", file, (unsigned)err.line, (unsigned)err.col, msg);
    else
      fprintf(stderr, "%s: %s\n", file, msg);
    return 1;
  }
  free(*bytes);
  *bytes = wasm;
  *size = wasm_len;
  return 0;
}

void wd_cli_report_error(const char *file, const ward_error_t *err) {
  const char *kind = NULL;
  switch (ward_error_kind(err)) {
  case WARD_ERROR_MALFORMED: kind = "malformed"; break;
  case WARD_ERROR_INVALID: kind = "invalid"; break;
  default: break;
  }
  fprintf(stderr, "ward: %s: ", file);
  if (kind)
    fprintf(stderr, "%s module: ", kind);
  fputs(ward_error_message(err), stderr);
  size_t off = ward_error_offset(err);
  uint32_t func = ward_error_func(err);
  if (kind && func != UINT32_MAX && off != SIZE_MAX)
    fprintf(stderr, " (in function %u, at byte offset 0x%zx)", (unsigned)func, off);
  else if (kind && off != SIZE_MAX)
    fprintf(stderr, " (at byte offset 0x%zx)", off);
  fputc('\n', stderr);
}
