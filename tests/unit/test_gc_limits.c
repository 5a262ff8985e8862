// SPDX-License-Identifier: Apache-2.0
// The limits on GC types, at sizes a .wast script cannot hold: modules
// built here byte by byte go through ward_module_new, which must refuse
// those over a limit with a clear error, quickly and in little memory, and
// take the large ones below it.
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ward.h"
#include "check.h"

typedef struct buf {
  uint8_t *p;
  size_t n, cap;
} buf_t;

static void put(buf_t *b, const void *bytes, size_t n) {
  if (b->n + n > b->cap) {
    b->cap = (b->n + n) * 2;
    b->p = realloc(b->p, b->cap);
    if (!b->p) {
      printf("out of memory\n");
      exit(1);
    }
  }
  memcpy(b->p + b->n, bytes, n);
  b->n += n;
}

static void byte(buf_t *b, uint8_t x) { put(b, &x, 1); }

static void leb(buf_t *b, uint32_t x) {
  do {
    uint8_t c = x & 0x7f;
    x >>= 7;
    byte(b, c | (x ? 0x80 : 0));
  } while (x);
}

// The module of a type section whose body (after the count) is `body`.
static buf_t type_module(uint32_t count, const buf_t *body) {
  buf_t sec = {0}, m = {0};
  leb(&sec, count);
  put(&sec, body->p, body->n);
  put(&m, "\0asm\1\0\0\0", 8);
  byte(&m, 1);
  leb(&m, (uint32_t)sec.n);
  put(&m, sec.p, sec.n);
  free(sec.p);
  return m;
}

// ward_module_new's error for the module, "" if it was accepted.
static char msg[256];
static const char *load(ward_engine_t *e, const buf_t *m) {
  ward_module_t *mod = NULL;
  ward_error_t *err = ward_module_new(e, m->p, m->n, &mod);
  msg[0] = '\0';
  if (err) {
    snprintf(msg, sizeof msg, "%s", ward_error_message(err));
    ward_error_delete(err);
  }
  ward_module_delete(mod);
  return msg;
}

// A chain of n struct types, each (but the first) a subtype of the one
// before: depth n - 1.
static buf_t chain(uint32_t n) {
  buf_t body = {0};
  for (uint32_t k = 0; k < n; k++) {
    byte(&body, 0x50); // sub, not final
    if (k == 0) {
      leb(&body, 0);
    } else {
      leb(&body, 1);
      leb(&body, k - 1);
    }
    byte(&body, 0x5f); // struct
    leb(&body, 0);
  }
  buf_t m = type_module(n, &body);
  free(body.p);
  return m;
}

static void test_depth(ward_engine_t *e) {
  buf_t m = chain(64); // depth 63: the limit
  CHECK(strcmp(load(e, &m), "") == 0);
  free(m.p);
  m = chain(65);
  CHECK(strstr(load(e, &m), "subtype depth of type 64 over the limit of 63") != NULL);
  free(m.p);
  // 100,000 deep (700 kB): refused before its types are made, which
  // would have taken 40 GB (each holds its chain of supertypes).
  m = chain(100000);
  CHECK(strstr(load(e, &m), "subtype depth of type 64 over the limit of 63") != NULL);
  free(m.p);
}

static void test_types(ward_engine_t *e) {
  // 1,000,000 types, the limit, each in a group of its own, the last
  // 999,999 subtypes of the first (depth 1).
  buf_t body = {0};
  byte(&body, 0x50);
  leb(&body, 0);
  byte(&body, 0x5f);
  leb(&body, 0);
  for (uint32_t k = 1; k < 1000000; k++) {
    static const uint8_t sub0[] = {0x50, 0x01, 0x00, 0x5f, 0x00};
    put(&body, sub0, sizeof sub0);
  }
  buf_t m = type_module(1000000, &body);
  CHECK(strcmp(load(e, &m), "") == 0);
  free(m.p);
  // One more: the limit held even where the arrays need not grow.
  static const uint8_t func[] = {0x60, 0x00, 0x00};
  put(&body, func, sizeof func);
  m = type_module(1000001, &body);
  CHECK(strstr(load(e, &m), "too many types") != NULL);
  free(m.p);
  free(body.p);
}

// A struct of n i8 fields.
static buf_t wide_struct(uint32_t n) {
  buf_t body = {0};
  byte(&body, 0x5f);
  leb(&body, n);
  for (uint32_t k = 0; k < n; k++) {
    byte(&body, 0x78); // i8
    byte(&body, 0x00); // immutable
  }
  buf_t m = type_module(1, &body);
  free(body.p);
  return m;
}

static void test_fields(ward_engine_t *e) {
  buf_t m = wide_struct(10000); // the limit
  CHECK(strcmp(load(e, &m), "") == 0);
  free(m.p);
  m = wide_struct(10001);
  CHECK(strstr(load(e, &m), "too many struct fields") != NULL);
  free(m.p);
}

int main(void) {
  ward_engine_t *e = ward_engine_new(NULL);
  test_depth(e);
  test_types(e);
  test_fields(e);
  ward_engine_delete(e);
  printf("test_gc_limits: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
