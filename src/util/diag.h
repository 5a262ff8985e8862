// SPDX-License-Identifier: Apache-2.0
// Diagnostics: the one error object the decoder, validator and runtime fill in.
#ifndef WD_UTIL_DIAG_H
#define WD_UTIL_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef enum wd_status {
  WD_OK = 0,
  WD_ERR_MALFORMED,      // the binary does not decode ("unexpected end", ...)
  WD_ERR_INVALID,        // it decodes but does not validate ("type mismatch", ...)
  WD_ERR_UNLINKABLE,     // imports do not resolve ("unknown import", ...)
  WD_ERR_UNINSTANTIABLE, // a segment or start function failed at instantiation
  WD_ERR_TRAP,           // execution trapped
  WD_ERR_RESOURCE,       // out of memory or a host limit
  WD_ERR_ARGUMENT,       // an embedder passed something unusable
} wd_status_t;

#define WD_NO_FUNC UINT32_MAX
#define WD_NO_OFFSET SIZE_MAX

typedef struct wd_diag {
  wd_status_t status;
  size_t offset; // byte offset in the module, or WD_NO_OFFSET
  uint32_t func; // function index for code errors, or WD_NO_FUNC
  char msg[256]; // spec wording first ("type mismatch"), then detail
} wd_diag_t;

// The format archetype of our printf-like functions. mingw-w64 builds
// format as C99 says (__USE_MINGW_ANSI_STDIO, set by the build: %zu, %llu,
// PRIu64), which GCC calls gnu_printf there; its "printf" is msvcrt's
// dialect, which has none of them.
#if defined(__MINGW32__)
#define WD_FORMAT_PRINTF gnu_printf
#else
#define WD_FORMAT_PRINTF printf
#endif

// Resets d to "no error".
void wd_diag_clear(wd_diag_t *d);

// Records the first error only: later calls while d->status != WD_OK are
// ignored, so the innermost, earliest cause wins. Returns `status`.
wd_status_t wd_diag_set(wd_diag_t *d, wd_status_t status, size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(WD_FORMAT_PRINTF, 4, 5)))
#endif
    ;

wd_status_t wd_diag_vset(wd_diag_t *d, wd_status_t status, size_t offset, const char *fmt,
                         va_list ap)
#if defined(__GNUC__)
    __attribute__((format(WD_FORMAT_PRINTF, 4, 0)))
#endif
    ;

#endif
