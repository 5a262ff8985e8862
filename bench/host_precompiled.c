// SPDX-License-Identifier: Apache-2.0
// Start-up with precompiled modules: the time ward_module_new takes to
// create a module from its binary with every function translated
// (eager_compile), and with only validation (lazy translation, the
// default), against ward_module_deserialize from the module's blob
// (ward_module_serialize). A host program over ward's C API, built and
// run by bench/precompiled.sh; docs/performance.md, "Precompiled modules".
// Usage: host_precompiled FILE.wasm [ROUNDS]   (default 21 rounds; medians)
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ward.h"

static double now_ms(void) {
  struct timespec ts;
  timespec_get(&ts, TIME_UTC);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return v[n / 2];
}

static void fail(const char *what, ward_error_t *err) {
  fprintf(stderr, "host_precompiled: %s: %s\n", what, err ? ward_error_message(err) : "failed");
  exit(1);
}

// Milliseconds of one creation of a module from data[size] in engine e:
// from the binary, or (blob) from a blob.
static double time_create(ward_engine_t *e, const uint8_t *data, size_t size, bool blob) {
  ward_module_t *m = NULL;
  double t0 = now_ms();
  ward_error_t *err =
      blob ? ward_module_deserialize(e, data, size, &m) : ward_module_new(e, data, size, &m);
  double t = now_ms() - t0;
  if (err)
    fail("creating the module", err);
  ward_module_delete(m);
  return t;
}

static ward_engine_t *engine(bool eager) {
  ward_config_t cfg;
  ward_config_init(&cfg);
  cfg.eager_compile = eager;
  ward_engine_t *e = ward_engine_new(&cfg);
  if (!e)
    fail("out of memory", NULL);
  return e;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: host_precompiled FILE.wasm [ROUNDS]\n");
    return 2;
  }
  int rounds = argc > 2 ? atoi(argv[2]) : 21;
  if (rounds < 1)
    rounds = 1;
  FILE *f = fopen(argv[1], "rb");
  if (!f)
    fail(argv[1], NULL);
  size_t cap = 1 << 20, size = 0, got;
  uint8_t *bytes = malloc(cap);
  while (bytes && (got = fread(bytes + size, 1, cap - size, f)) > 0) {
    size += got;
    if (size == cap && !(bytes = realloc(bytes, cap *= 2)))
      break;
  }
  fclose(f);
  if (!bytes)
    fail("out of memory", NULL);
  ward_engine_t *eager = engine(true), *lazy = engine(false);
  ward_module_t *m = NULL;
  ward_error_t *err = ward_module_new(eager, bytes, size, &m);
  if (err)
    fail(argv[1], err);
  uint8_t *blob = NULL;
  size_t blob_size = 0;
  if ((err = ward_module_serialize(m, &blob, &blob_size)) != NULL)
    fail("serializing", err);
  ward_module_delete(m);
  // The three interleaved, round by round, so that a change in the
  // machine's load touches each alike.
  double *t = malloc(3 * (size_t)rounds * sizeof *t);
  if (!t)
    fail("out of memory", NULL);
  for (int r = 0; r < rounds; r++) {
    t[r] = time_create(eager, bytes, size, false);
    t[rounds + r] = time_create(lazy, bytes, size, false);
    t[2 * rounds + r] = time_create(lazy, blob, blob_size, true);
  }
  double t_eager = median(t, rounds), t_lazy = median(t + rounds, rounds);
  double t_blob = median(t + 2 * rounds, rounds);
  free(t);
  printf("%s: %zu bytes, blob %zu bytes; median of %d, ms:\n", argv[1], size, blob_size, rounds);
  printf("  ward_module_new, eager (every function translated)  %8.3f\n", t_eager);
  printf("  ward_module_new, lazy (validated only)               %8.3f\n", t_lazy);
  printf(
      "  ward_module_deserialize (from the blob)              %8.3f  (%.1fx faster than eager)\n",
      t_blob, t_blob > 0 ? t_eager / t_blob : 0.0);
  ward_module_serialized_free(blob);
  free(bytes);
  ward_engine_delete(eager);
  ward_engine_delete(lazy);
  return 0;
}
