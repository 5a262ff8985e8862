// SPDX-License-Identifier: Apache-2.0
// ward-truncate: decodes every proper prefix of every spec test module and
// checks that ward_module_new rejects it (without reading past the end),
// except where the prefix ends exactly at a section boundary.
//
// Usage: ward-truncate DIR...            (every DIR/*/*.wasm, sorted)
//        ward-truncate FILE.wasm...
#define _POSIX_C_SOURCE 200809L // <dirent.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ward/extern.h> // before ward.h: see spectest.h
#include <ward.h>

typedef struct path_list {
  char **items;
  size_t count, cap;
} path_list_t;

static char *path_join(const char *dir, const char *name) {
  size_t a = strlen(dir), b = strlen(name);
  char *p = malloc(a + b + 2);
  if (p == NULL)
    return NULL;
  memcpy(p, dir, a);
  p[a] = '/';
  memcpy(p + a + 1, name, b + 1);
  return p;
}

static bool list_add(path_list_t *l, const char *path) {
  if (l->count == l->cap) {
    size_t ncap = l->cap ? l->cap * 2 : 256;
    char **ni = realloc(l->items, ncap * sizeof *ni);
    if (ni == NULL)
      return false;
    l->items = ni;
    l->cap = ncap;
  }
  size_t n = strlen(path);
  char *d = malloc(n + 1);
  if (d == NULL)
    return false;
  memcpy(d, path, n + 1);
  l->items[l->count++] = d;
  return true;
}

static void list_free(path_list_t *l) {
  for (size_t i = 0; i < l->count; i++)
    free(l->items[i]);
  free(l->items);
}

static int compare_paths(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

// Adds every DIR/*/*.wasm. False if DIR cannot be read.
static bool collect_dir(const char *dir, path_list_t *out) {
  DIR *d = opendir(dir);
  if (d == NULL)
    return false;
  struct dirent *ent;
  bool ok = true;
  while (ok && (ent = readdir(d)) != NULL) {
    if (ent->d_name[0] == '.')
      continue;
    char *sub = path_join(dir, ent->d_name);
    if (sub == NULL) {
      ok = false;
      break;
    }
    DIR *sd = opendir(sub);
    if (sd != NULL) {
      struct dirent *se;
      while (ok && (se = readdir(sd)) != NULL) {
        if (se->d_name[0] == '.' || !has_suffix(se->d_name, ".wasm"))
          continue;
        char *p = path_join(sub, se->d_name);
        ok = p != NULL && list_add(out, p);
        free(p);
      }
      closedir(sd);
    }
    free(sub);
  }
  closedir(d);
  if (!ok)
    errno = ENOMEM;
  return ok;
}

static bool read_file(const char *path, uint8_t **out, size_t *out_len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return false;
  uint8_t *data = NULL;
  size_t len = 0, cap = 0;
  bool ok = true;
  for (;;) {
    if (len == cap) {
      size_t ncap = cap ? cap * 2 : 65536;
      uint8_t *nd = realloc(data, ncap);
      if (nd == NULL) {
        ok = false;
        errno = ENOMEM;
        break;
      }
      data = nd;
      cap = ncap;
    }
    size_t n = fread(data + len, 1, cap - len, f);
    len += n;
    if (n == 0)
      break;
  }
  if (ok && ferror(f)) {
    ok = false;
    errno = EIO;
  }
  fclose(f);
  if (!ok) {
    free(data);
    return false;
  }
  *out = data;
  *out_len = len;
  return true;
}

// Marks boundary[n] for every n at which a prefix of the module ends exactly
// after its header or after a whole section, walking the section headers
// (id byte, LEB128 u32 size) for as long as they are consistent.
// boundary has size + 1 entries, all false on entry.
static void find_boundaries(const uint8_t *b, size_t size, bool *boundary) {
  static const uint8_t header[8] = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  if (size < 8 || memcmp(b, header, 8) != 0)
    return;
  boundary[8] = true;
  size_t pos = 8;
  while (pos < size) {
    pos++; // section id
    uint32_t len = 0;
    unsigned shift = 0;
    for (;;) {
      if (pos >= size)
        return;
      uint8_t byte = b[pos++];
      if (shift == 28 && (byte & 0xF0) != 0)
        return; // too long for a u32
      len |= (uint32_t)(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0)
        break;
      shift += 7;
      if (shift > 28)
        return;
    }
    if (len > size - pos)
      return;
    pos += len;
    boundary[pos] = true;
  }
}

// Checks every proper prefix of one module. Returns true if all behaved.
static bool check_file(ward_engine_t *engine, const char *path, size_t *prefixes) {
  uint8_t *bytes;
  size_t size;
  if (!read_file(path, &bytes, &size)) {
    printf("%s: cannot read: %s\n", path, strerror(errno));
    return false;
  }
  bool *boundary = calloc(size + 1, sizeof *boundary);
  if (boundary == NULL) {
    printf("%s: out of memory\n", path);
    free(bytes);
    return false;
  }
  find_boundaries(bytes, size, boundary);
  bool ok = true;
  size_t bad = 0;
  for (size_t n = 0; n < size; n++) {
    // An exactly sized copy, so that reading past the end is caught by ASan.
    uint8_t *prefix = malloc(n);
    if (prefix == NULL && n > 0) {
      printf("%s: out of memory\n", path);
      ok = false;
      break;
    }
    if (n > 0)
      memcpy(prefix, bytes, n);
    static const uint8_t empty[1] = {0};
    ward_module_t *mod = NULL;
    ward_error_t *err = ward_module_new(engine, prefix ? prefix : empty, n, &mod);
    free(prefix);
    (*prefixes)++;
    if (err != NULL) {
      ward_error_delete(err);
      continue;
    }
    if (mod == NULL) {
      if (bad++ == 0)
        printf("%s: prefix %zu/%zu: neither module nor error\n", path, n, size);
      ok = false;
      continue;
    }
    ward_module_delete(mod);
    if (!boundary[n]) {
      if (bad++ == 0)
        printf("%s: prefix %zu/%zu decoded OK but does not end at a section boundary\n", path, n,
               size);
      ok = false;
    }
  }
  if (bad > 1)
    printf("%s: %zu bad prefixes in all\n", path, bad);
  free(boundary);
  free(bytes);
  return ok;
}

int main(int argc, char **argv) {
  path_list_t paths = {NULL, 0, 0};
  int status = 2;
  if (argc < 2) {
    fprintf(stderr, "usage: ward-truncate DIR... | FILE.wasm...\n");
    return 2;
  }
  for (int i = 1; i < argc; i++) {
    size_t before = paths.count;
    if (has_suffix(argv[i], ".wasm")) {
      if (!list_add(&paths, argv[i])) {
        fprintf(stderr, "ward-truncate: out of memory\n");
        goto out;
      }
    } else if (!collect_dir(argv[i], &paths)) {
      fprintf(stderr, "ward-truncate: cannot read directory %s: %s\n", argv[i], strerror(errno));
      goto out;
    }
    qsort(paths.items + before, paths.count - before, sizeof *paths.items, compare_paths);
  }
  ward_engine_t *engine = ward_engine_new(NULL);
  if (engine == NULL) {
    fprintf(stderr, "ward-truncate: cannot create an engine\n");
    goto out;
  }
  size_t passed = 0, failed = 0, prefixes = 0;
  for (size_t i = 0; i < paths.count; i++) {
    if (check_file(engine, paths.items[i], &prefixes))
      passed++;
    else
      failed++;
    if ((i + 1) % 1000 == 0) {
      fprintf(stderr, "truncate: %zu/%zu files\n", i + 1, paths.count);
    }
    fflush(stdout);
  }
  ward_engine_delete(engine);
  printf("truncate: %zu prefixes of %zu files\n", prefixes, paths.count);
  printf("truncate: %zu passed, %zu failed\n", passed, failed);
  status = failed ? 1 : 0;
out:
  list_free(&paths);
  return status;
}
