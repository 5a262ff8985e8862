// SPDX-License-Identifier: Apache-2.0
// Interruption latency (include/ward/limits.h): how long a guest takes to
// stop after another thread calls ward_store_interrupt, in a tight loop, a
// loop of calls, a chain of tail calls, and bulk operations of 4 GiB
// (memory.fill and memory.copy) and of a large table (table.fill). For
// each, ROUNDS runs (default 20) with the interrupt 5 to 25 ms in; prints
// the median and the largest latency in microseconds. POSIX (threads and
// clock_gettime); built and run by bench/interrupt.sh.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/text.h"
#include "ward.h"

static const char k_wat[] =
    "(module\n"
    "  (memory 65536 65536)\n"
    "  (table 8000000 funcref)\n"
    "  (func $f (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))\n"
    "  (func (export \"loop\") (local i32) (loop $l\n"
    "    (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br $l)))\n"
    "  (func (export \"calls\") (local i32) (loop $l\n"
    "    (local.set 0 (call $f (local.get 0))) (br $l)))\n"
    "  (func $t (export \"tail\") (return_call $t))\n"
    "  (func (export \"fill\") (loop $l\n"
    "    (memory.fill (i32.const 0) (i32.const 1) (i32.const -1)) (br $l)))\n"
    "  (func (export \"copy\") (loop $l\n"
    "    (memory.copy (i32.const 1) (i32.const 0) (i32.const -2)) (br $l)))\n"
    "  (func (export \"table_fill\") (loop $l\n"
    "    (table.fill (i32.const 0) (ref.null func) (i32.const 8000000)) (br $l)))\n"
    ")\n";

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

typedef struct shot {
  ward_store_t *store;
  unsigned delay_ms;
  double at; // when the interrupt was asked for
} shot_t;

static void *interrupter(void *p) {
  shot_t *s = p;
  struct timespec d = {0, (long)s->delay_ms * 1000000L};
  nanosleep(&d, NULL);
  s->at = now_us();
  ward_store_interrupt(s->store);
  return NULL;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 20;
  if (rounds < 1 || rounds > 1000)
    rounds = 20;
  uint8_t *bytes = NULL;
  size_t n = 0;
  wd_text_error_t terr;
  if (!wd_wat_to_wasm(k_wat, sizeof k_wat - 1, &bytes, &n, &terr)) {
    fprintf(stderr, "interrupt: %s\n", terr.msg);
    return 1;
  }
  ward_config_t cfg;
  ward_config_init(&cfg);
  cfg.interruptible = true;
  ward_engine_t *e = ward_engine_new(&cfg);
  ward_module_t *m = NULL;
  ward_error_t *err = ward_module_new(e, bytes, n, &m);
  free(bytes);
  if (err) {
    fprintf(stderr, "interrupt: %s\n", ward_error_message(err));
    return 1;
  }
  ward_store_t *s = ward_store_new(e);
  ward_instance_t *inst = NULL;
  ward_trap_t *trap = NULL;
  err = ward_instance_new(s, m, NULL, 0, &inst, &trap);
  if (err || trap) {
    fprintf(stderr, "interrupt: cannot instantiate (%s)\n",
            err ? ward_error_message(err) : ward_trap_message(trap));
    return 1;
  }
  static const char *const k_names[] = {"loop", "calls", "tail", "fill", "copy", "table_fill"};
  printf("%-12s %12s %12s   (microseconds from ward_store_interrupt to the trap)\n", "guest",
         "median", "max");
  double *lat = malloc((size_t)rounds * sizeof *lat);
  for (size_t k = 0; k < sizeof k_names / sizeof k_names[0]; k++) {
    ward_extern_t ex;
    ward_instance_export(inst, k_names[k], strlen(k_names[k]), &ex);
    for (int r = 0; r < rounds; r++) {
      shot_t shot = {s, 5 + (unsigned)(r % 5) * 5, 0};
      pthread_t th;
      pthread_create(&th, NULL, interrupter, &shot);
      trap = NULL;
      err = ward_func_call(s, ex.of.func, NULL, 0, NULL, 0, &trap);
      double end = now_us();
      pthread_join(th, NULL);
      if (err || !trap || ward_trap_code(trap) != WARD_TRAP_INTERRUPT) {
        fprintf(stderr, "interrupt: %s did not stop with an interrupt\n", k_names[k]);
        return 1;
      }
      ward_trap_delete(trap);
      ward_store_interrupt_clear(s);
      lat[r] = end - shot.at;
    }
    qsort(lat, (size_t)rounds, sizeof *lat, cmp);
    printf("%-12s %12.1f %12.1f\n", k_names[k], lat[rounds / 2], lat[rounds - 1]);
  }
  free(lat);
  ward_store_delete(s);
  ward_module_delete(m);
  ward_engine_delete(e);
  return 0;
}
