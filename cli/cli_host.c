// SPDX-License-Identifier: Apache-2.0
// The `ward` command's strings from the host, as UTF-8 (see cli_host.h).
#include "cli_host.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <windows.h>

// A malloc'ed UTF-16 copy of the UTF-8 string S, or NULL (errno set).
static wchar_t *to_wide(const char *s) {
  int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
  if (n <= 0) {
    errno = EILSEQ;
    return NULL;
  }
  wchar_t *w = malloc((size_t)n * sizeof *w);
  if (!w) {
    errno = ENOMEM;
    return NULL;
  }
  MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
  return w;
}

// A malloc'ed UTF-8 copy of the UTF-16 string W, or NULL. A lone surrogate
// becomes U+FFFD: such a name cannot be passed on as UTF-8 otherwise.
static char *to_utf8(const wchar_t *w) {
  int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
  if (n <= 0)
    return NULL;
  char *s = malloc((size_t)n);
  if (s)
    WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
  return s;
}

FILE *wd_cli_fopen(const char *path, const char *mode) {
  wchar_t *wpath = to_wide(path);
  wchar_t *wmode = wpath ? to_wide(mode) : NULL;
  FILE *f = wmode ? _wfopen(wpath, wmode) : NULL;
  free(wpath);
  free(wmode);
  return f;
}

char *wd_cli_getenv(const char *name) {
  wchar_t *wname = to_wide(name);
  const wchar_t *v = wname ? _wgetenv(wname) : NULL;
  free(wname);
  return v ? to_utf8(v) : NULL;
}

char **wd_cli_win_args(int argc, wchar_t **wargv) {
  _setmode(_fileno(stdout), _O_BINARY);
  _setmode(_fileno(stderr), _O_BINARY);
  char **argv = calloc((size_t)argc + 1, sizeof *argv);
  for (int i = 0; argv && i < argc; i++) {
    argv[i] = to_utf8(wargv[i]);
    if (!argv[i])
      argv = NULL; // reported below; a process about to exit
  }
  if (!argv) {
    fputs("ward: out of memory\n", stderr);
    exit(EXIT_FAILURE);
  }
  return argv;
}

#else

FILE *wd_cli_fopen(const char *path, const char *mode) { return fopen(path, mode); }

char *wd_cli_getenv(const char *name) {
  const char *v = getenv(name);
  if (!v)
    return NULL;
  size_t n = strlen(v) + 1;
  char *s = malloc(n);
  if (s)
    memcpy(s, v, n);
  return s;
}

#endif
