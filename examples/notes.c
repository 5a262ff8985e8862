// SPDX-License-Identifier: Apache-2.0
// A small WASI program for ward's README: it keeps a notes file in the
// directory it is granted, lists that directory, and reports its arguments
// and environment. Build: clang --target=wasm32-wasi -O2 notes.c -o notes.wasm
// Run:   ward run --dir ./notes-dir::/notes --env USER=ada notes.wasm "buy milk"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int main(int argc, char **argv) {
  printf("I was started as %s with %d argument(s)\n", argv[0], argc - 1);
  const char *user = getenv("USER");
  printf("USER is %s\n", user ? user : "not set (nothing is granted by default)");

  // Append each argument as a note.
  FILE *f = fopen("/notes/notes.txt", "a");
  if (!f) {
    printf("cannot open /notes/notes.txt: %s (was --dir given?)\n", strerror(errno));
    return 1;
  }
  for (int i = 1; i < argc; i++)
    fprintf(f, "%s: %s\n", user ? user : "someone", argv[i]);
  fclose(f);
  printf("added %d note(s) to /notes/notes.txt\n", argc - 1);

  // Read the whole file back.
  f = fopen("/notes/notes.txt", "r");
  char line[256];
  int n = 0;
  while (f && fgets(line, sizeof line, f))
    printf("  note %d: %s", ++n, line);
  if (f)
    fclose(f);

  // List the directory with sizes.
  DIR *d = opendir("/notes");
  struct dirent *e;
  printf("/notes holds:\n");
  while (d && (e = readdir(d))) {
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "/notes/%s", e->d_name);
    if (stat(path, &st) == 0)
      printf("  %-12s %6lld bytes%s\n", e->d_name, (long long)st.st_size,
             S_ISDIR(st.st_mode) ? " (directory)" : "");
    else // ".." of the granted directory lies outside the sandbox
      printf("  %-12s (%s)\n", e->d_name, strerror(errno));
  }
  if (d)
    closedir(d);

  // The sandbox: nothing outside the granted directory is reachable.
  FILE *out = fopen("/notes/../../etc/passwd", "r");
  printf("reading /etc/passwd through ..: %s\n",
         out ? "succeeded (a sandbox bug!)" : strerror(errno));
  return out ? 1 : 0;
}
