// SPDX-License-Identifier: Apache-2.0
// ward-truncate: decodes every proper prefix of every spec test module and
// checks that ward_module_new rejects it (without reading past the end),
// except where the prefix ends exactly at a section boundary. For modules
// that decode whole, it also cuts each section short with its size fixed.
//
// Usage: ward-truncate DIR...            (every DIR/*/*.wasm, sorted)
//        ward-truncate FILE.wasm...
#define _POSIX_C_SOURCE 200809L // <dirent.h>
#define _FILE_OFFSET_BITS 64    // readdir and stat on 32-bit hosts

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
  int err = 0; // a readdir's error
  while (ok && (errno = 0, ent = readdir(d)) != NULL) {
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
      while (ok && (errno = 0, se = readdir(sd)) != NULL) {
        if (se->d_name[0] == '.' || !has_suffix(se->d_name, ".wasm"))
          continue;
        char *p = path_join(sub, se->d_name);
        ok = p != NULL && list_add(out, p);
        free(p);
      }
      if (ok && errno != 0) {
        err = errno;
        ok = false;
      }
      closedir(sd);
    }
    free(sub);
  }
  if (ok)
    err = errno; // 0 at the end of the listing
  else if (err == 0)
    err = ENOMEM;
  closedir(d);
  errno = err;
  return err == 0;
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

// One section of a module: where its header starts, where its body starts
// and ends, and its id.
typedef struct section {
  size_t start, body, end;
  uint8_t id;
} section_t;

// Walks the section headers (id byte, LEB128 u32 size) for as long as they
// are consistent, marking boundary[n] for every n at which a prefix ends
// exactly after the module header or after a whole section, and recording
// the sections in secs (which has room for size / 2 + 1 entries).
// boundary has size + 1 entries, all false on entry. Returns the number of
// sections recorded.
static size_t find_sections(const uint8_t *b, size_t size, bool *boundary, section_t *secs) {
  static const uint8_t header[8] = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  size_t nsecs = 0;
  if (size < 8 || memcmp(b, header, 8) != 0)
    return 0;
  boundary[8] = true;
  size_t pos = 8;
  while (pos < size) {
    size_t start = pos;
    uint8_t id = b[pos++];
    uint32_t len = 0;
    unsigned shift = 0;
    for (;;) {
      if (pos >= size)
        return nsecs;
      uint8_t byte = b[pos++];
      if (shift == 28 && (byte & 0xF0) != 0)
        return nsecs; // too long for a u32
      len |= (uint32_t)(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0)
        break;
      shift += 7;
      if (shift > 28)
        return nsecs;
    }
    if (len > size - pos)
      return nsecs;
    secs[nsecs].start = start;
    secs[nsecs].body = pos;
    secs[nsecs].end = pos + len;
    secs[nsecs].id = id;
    nsecs++; // each section takes at least 2 bytes: size / 2 + 1 is room enough
    pos += len;
    boundary[pos] = true;
  }
  return nsecs;
}

// Decodes an exactly sized heap copy of bytes[0..n) (so that reading past
// the end is caught by ASan). Returns whether it decoded; *odd is set if
// ward_module_new returned neither a module nor an error.
static bool decodes(ward_engine_t *engine, const uint8_t *bytes, size_t n, bool *odd) {
  static const uint8_t empty[1] = {0};
  uint8_t *copy = NULL;
  if (n > 0) {
    copy = malloc(n);
    if (copy == NULL) {
      fprintf(stderr, "ward-truncate: out of memory\n");
      exit(2);
    }
    memcpy(copy, bytes, n);
  }
  ward_module_t *mod = NULL;
  ward_error_t *err = ward_module_new(engine, copy ? copy : empty, n, &mod);
  free(copy);
  *odd = false;
  if (err != NULL) {
    ward_error_delete(err);
    return false;
  }
  if (mod == NULL) {
    *odd = true;
    return false;
  }
  ward_module_delete(mod);
  return true;
}

typedef struct file_check {
  const char *path;
  size_t bad;
  size_t decodes; // ward_module_new calls
} file_check_t;

static void bad_prefix(file_check_t *fc, const char *what, size_t n, size_t size) {
  if (fc->bad++ == 0)
    printf("%s: %s %zu/%zu\n", fc->path, what, n, size);
}

// Appends the minimal LEB128 encoding of v to out; returns its length.
static size_t put_leb_u32(uint8_t *out, uint32_t v) {
  size_t n = 0;
  do {
    uint8_t byte = v & 0x7F;
    v >>= 7;
    out[n++] = (uint8_t)(byte | (v ? 0x80 : 0));
  } while (v);
  return n;
}

// For a module that decodes whole: every section truncated inside its body,
// with its size field rewritten to match and the later sections dropped,
// must be rejected too (this reaches the section decoders, which a plain
// prefix does not: the outer size check stops it). Custom sections are
// exempt: any tail of their contents is allowed to be cut.
static void check_resized(ward_engine_t *engine, const uint8_t *bytes, size_t size,
                          const section_t *secs, size_t nsecs, file_check_t *fc) {
  uint8_t *buf = malloc(size + 5);
  if (buf == NULL) {
    fprintf(stderr, "ward-truncate: out of memory\n");
    exit(2);
  }
  for (size_t k = 0; k < nsecs; k++) {
    const section_t *sec = &secs[k];
    if (sec->id == 0)
      continue;
    memcpy(buf, bytes, sec->start);
    buf[sec->start] = sec->id;
    for (size_t n = sec->body; n < sec->end; n++) {
      size_t len = n - sec->body;
      size_t pos = sec->start + 1 + put_leb_u32(buf + sec->start + 1, (uint32_t)len);
      memcpy(buf + pos, bytes + sec->body, len);
      bool odd;
      fc->decodes++;
      if (decodes(engine, buf, pos + len, &odd))
        bad_prefix(fc, "section body cut short (size fixed) but decoded OK at", n, size);
      else if (odd)
        bad_prefix(fc, "neither module nor error for a cut section at", n, size);
    }
  }
  free(buf);
}

// Checks every proper prefix of one module. Returns true if all behaved.
static bool check_file(ward_engine_t *engine, const char *path, size_t *ndecodes) {
  uint8_t *bytes;
  size_t size;
  if (!read_file(path, &bytes, &size)) {
    printf("%s: cannot read: %s\n", path, strerror(errno));
    return false;
  }
  bool *boundary = calloc(size + 1, sizeof *boundary);
  section_t *secs = malloc((size / 2 + 1) * sizeof *secs);
  if (boundary == NULL || secs == NULL) {
    fprintf(stderr, "ward-truncate: out of memory\n");
    exit(2);
  }
  size_t nsecs = find_sections(bytes, size, boundary, secs);
  file_check_t fc = {path, 0, 0};
  bool odd;
  for (size_t n = 0; n < size; n++) {
    fc.decodes++;
    if (decodes(engine, bytes, n, &odd)) {
      if (!boundary[n])
        bad_prefix(&fc, "decoded OK but does not end at a section boundary: prefix", n, size);
    } else if (odd) {
      bad_prefix(&fc, "neither module nor error for prefix", n, size);
    }
  }
  fc.decodes++;
  if (decodes(engine, bytes, size, &odd))
    check_resized(engine, bytes, size, secs, nsecs, &fc);
  if (fc.bad > 1)
    printf("%s: %zu bad cuts in all\n", path, fc.bad);
  *ndecodes += fc.decodes;
  free(secs);
  free(boundary);
  free(bytes);
  return fc.bad == 0;
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
  // Eager: every cut module that validates is translated too.
  ward_config_t cfg;
  ward_config_init(&cfg);
  cfg.eager_compile = true;
  ward_engine_t *engine = ward_engine_new(&cfg);
  if (engine == NULL) {
    fprintf(stderr, "ward-truncate: cannot create an engine\n");
    goto out;
  }
  size_t passed = 0, failed = 0, ndecodes = 0;
  for (size_t i = 0; i < paths.count; i++) {
    if (check_file(engine, paths.items[i], &ndecodes))
      passed++;
    else
      failed++;
    if ((i + 1) % 1000 == 0) {
      fprintf(stderr, "truncate: %zu/%zu files\n", i + 1, paths.count);
    }
    fflush(stdout);
  }
  ward_engine_delete(engine);
  printf("truncate: %zu decodes of %zu files\n", ndecodes, paths.count);
  printf("truncate: %zu passed, %zu failed\n", passed, failed);
  status = failed ? 1 : 0;
out:
  list_free(&paths);
  return status;
}
