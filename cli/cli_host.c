// SPDX-License-Identifier: Apache-2.0
// The `ward` command's strings from the host, as UTF-8 (see cli_host.h).
#include "cli_host.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>

#include "platform/windows/win_fs.h" // <windows.h>, and the UTF-8 conversions

// The library's conversions (src/platform/windows/win_fs.h), with the whole
// NUL-terminated string; results are wd_malloc'ed.
static WCHAR *to_wide(const char *s) {
  WCHAR *w;
  size_t n;
  wd_errno_t e = wd_win_to_utf16(s, strlen(s), &w, &n);
  if (e)
    errno = e == WD_ENOMEM ? ENOMEM : EILSEQ;
  return e ? NULL : w;
}
static char *to_utf8(const WCHAR *w) {
  char *s;
  size_t n;
  return wd_win_to_utf8(w, wcslen(w), &s, &n) ? NULL : s;
}

FILE *wd_cli_fopen(const char *path, const char *mode) {
  WCHAR *wpath = to_wide(path);
  WCHAR *wmode = wpath ? to_wide(mode) : NULL;
  FILE *f = wmode ? _wfopen(wpath, wmode) : NULL;
  wd_free(wpath);
  wd_free(wmode);
  return f;
}

char *wd_cli_getenv(const char *name) {
  WCHAR *wname = to_wide(name);
  const WCHAR *v = wname ? _wgetenv(wname) : NULL;
  wd_free(wname);
  return v ? to_utf8(v) : NULL;
}

char **wd_cli_win_args(int argc, wchar_t **wargv) {
  _setmode(_fileno(stdout), _O_BINARY);
  _setmode(_fileno(stderr), _O_BINARY);
  char **argv = wd_calloc((size_t)argc + 1, sizeof *argv);
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
  char *s = wd_malloc(n);
  if (s)
    memcpy(s, v, n);
  return s;
}

#endif
