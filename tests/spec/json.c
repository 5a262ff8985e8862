// SPDX-License-Identifier: Apache-2.0
// A small recursive-descent JSON reader (RFC 8259) for the spec test harness.
// It checks the grammar strictly and never reads past the given length.
#include "json.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 512

typedef struct parser {
  const char *start;
  const char *p;
  const char *end;
  unsigned depth;
  char *err;
  size_t errsize;
  bool failed;
} parser_t;

// A growable byte buffer for decoding strings.
typedef struct buf {
  char *data;
  size_t len, cap;
} buf_t;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
fail(parser_t *ps, const char *fmt, ...) {
  if (ps->failed)
    return;
  ps->failed = true;
  if (ps->err == NULL || ps->errsize == 0)
    return;
  int n = snprintf(ps->err, ps->errsize, "offset %zu: ", (size_t)(ps->p - ps->start));
  if (n < 0 || (size_t)n >= ps->errsize)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ps->err + n, ps->errsize - (size_t)n, fmt, ap);
  va_end(ap);
}

static bool buf_push(buf_t *b, const char *bytes, size_t n) {
  if (b->cap - b->len <= n) { // keep room for a terminating NUL
    size_t cap = b->cap ? b->cap : 32;
    while (cap - b->len <= n) {
      if (cap > SIZE_MAX / 2)
        return false;
      cap *= 2;
    }
    char *d = realloc(b->data, cap);
    if (d == NULL)
      return false;
    b->data = d;
    b->cap = cap;
  }
  memcpy(b->data + b->len, bytes, n);
  b->len += n;
  b->data[b->len] = '\0';
  return true;
}

static void skip_ws(parser_t *ps) {
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
    ps->p++;
}

static json_value_t *new_value(parser_t *ps, json_type_t type) {
  json_value_t *v = calloc(1, sizeof *v);
  if (v == NULL)
    fail(ps, "out of memory");
  else
    v->type = type;
  return v;
}

static int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

// Reads the 4 hex digits after "\u"; ps->p points at the first digit.
static bool read_hex4(parser_t *ps, uint32_t *out) {
  if (ps->end - ps->p < 4) {
    fail(ps, "truncated \\u escape");
    return false;
  }
  uint32_t v = 0;
  for (int i = 0; i < 4; i++) {
    int d = hex_digit(ps->p[i]);
    if (d < 0) {
      fail(ps, "bad hex digit in \\u escape");
      return false;
    }
    v = v * 16 + (uint32_t)d;
  }
  ps->p += 4;
  *out = v;
  return true;
}

static size_t utf8_encode(uint32_t cp, char out[4]) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

// Parses a string; ps->p points at the opening quote. On success the bytes
// (NUL-terminated) are in *out, owned by the caller.
static bool parse_string_raw(parser_t *ps, char **out, size_t *out_len) {
  buf_t b = {NULL, 0, 0};
  ps->p++; // opening quote
  for (;;) {
    // Copy a run of plain bytes at once.
    const char *run = ps->p;
    while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' && (unsigned char)*ps->p >= 0x20)
      ps->p++;
    if (ps->p > run && !buf_push(&b, run, (size_t)(ps->p - run))) {
      fail(ps, "out of memory");
      goto fail;
    }
    if (ps->p >= ps->end) {
      fail(ps, "unterminated string");
      goto fail;
    }
    char c = *ps->p;
    if (c == '"') {
      ps->p++;
      break;
    }
    if (c != '\\') {
      fail(ps, "control character in string");
      goto fail;
    }
    ps->p++;
    if (ps->p >= ps->end) {
      fail(ps, "unterminated escape");
      goto fail;
    }
    char e = *ps->p++;
    char enc[4];
    size_t n = 1;
    switch (e) {
    case '"': enc[0] = '"'; break;
    case '\\': enc[0] = '\\'; break;
    case '/': enc[0] = '/'; break;
    case 'b': enc[0] = '\b'; break;
    case 'f': enc[0] = '\f'; break;
    case 'n': enc[0] = '\n'; break;
    case 'r': enc[0] = '\r'; break;
    case 't': enc[0] = '\t'; break;
    case 'u': {
      uint32_t cp;
      if (!read_hex4(ps, &cp))
        goto fail;
      if (cp >= 0xDC00 && cp <= 0xDFFF) {
        fail(ps, "unpaired low surrogate");
        goto fail;
      }
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        uint32_t lo;
        if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u') {
          fail(ps, "unpaired high surrogate");
          goto fail;
        }
        ps->p += 2;
        if (!read_hex4(ps, &lo))
          goto fail;
        if (lo < 0xDC00 || lo > 0xDFFF) {
          fail(ps, "unpaired high surrogate");
          goto fail;
        }
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      }
      n = utf8_encode(cp, enc);
      break;
    }
    default:
      ps->p--;
      fail(ps, "bad escape '\\%c'", e);
      goto fail;
    }
    if (!buf_push(&b, enc, n)) {
      fail(ps, "out of memory");
      goto fail;
    }
  }
  if (b.data == NULL) {
    b.data = calloc(1, 1);
    if (b.data == NULL) {
      fail(ps, "out of memory");
      return false;
    }
  }
  *out = b.data;
  *out_len = b.len;
  return true;
fail:
  free(b.data);
  return false;
}

static json_value_t *parse_number(parser_t *ps) {
  const char *s = ps->p;
  const char *q = s;
  if (q < ps->end && *q == '-')
    q++;
  if (q < ps->end && *q == '0') {
    q++;
  } else if (q < ps->end && *q >= '1' && *q <= '9') {
    while (q < ps->end && *q >= '0' && *q <= '9')
      q++;
  } else {
    fail(ps, "bad number");
    return NULL;
  }
  if (q < ps->end && *q == '.') {
    q++;
    if (q >= ps->end || *q < '0' || *q > '9') {
      fail(ps, "bad number fraction");
      return NULL;
    }
    while (q < ps->end && *q >= '0' && *q <= '9')
      q++;
  }
  if (q < ps->end && (*q == 'e' || *q == 'E')) {
    q++;
    if (q < ps->end && (*q == '+' || *q == '-'))
      q++;
    if (q >= ps->end || *q < '0' || *q > '9') {
      fail(ps, "bad number exponent");
      return NULL;
    }
    while (q < ps->end && *q >= '0' && *q <= '9')
      q++;
  }
  // strtod needs a NUL-terminated copy; the text may not be terminated.
  size_t n = (size_t)(q - s);
  char *tmp = malloc(n + 1);
  if (tmp == NULL) {
    fail(ps, "out of memory");
    return NULL;
  }
  memcpy(tmp, s, n);
  tmp[n] = '\0';
  json_value_t *v = new_value(ps, JSON_NUMBER);
  if (v != NULL)
    v->number = strtod(tmp, NULL);
  free(tmp);
  ps->p = q;
  return v;
}

static bool match_word(parser_t *ps, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0) {
    fail(ps, "unexpected character");
    return false;
  }
  ps->p += n;
  return true;
}

static json_value_t *parse_value(parser_t *ps);

static json_value_t *parse_array(parser_t *ps) {
  json_value_t *v = new_value(ps, JSON_ARRAY);
  if (v == NULL)
    return NULL;
  size_t cap = 0;
  ps->p++; // '['
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == ']') {
    ps->p++;
    return v;
  }
  for (;;) {
    json_value_t *item = parse_value(ps);
    if (item == NULL)
      goto fail;
    if (v->count == cap) {
      size_t ncap = cap ? cap * 2 : 4;
      json_value_t **ni = realloc(v->items, ncap * sizeof *ni);
      if (ni == NULL) {
        json_free(item);
        fail(ps, "out of memory");
        goto fail;
      }
      v->items = ni;
      cap = ncap;
    }
    v->items[v->count++] = item;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ',') {
      ps->p++;
      continue;
    }
    if (ps->p < ps->end && *ps->p == ']') {
      ps->p++;
      return v;
    }
    fail(ps, "expected ',' or ']'");
    goto fail;
  }
fail:
  json_free(v);
  return NULL;
}

static json_value_t *parse_object(parser_t *ps) {
  json_value_t *v = new_value(ps, JSON_OBJECT);
  if (v == NULL)
    return NULL;
  size_t cap = 0;
  ps->p++; // '{'
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == '}') {
    ps->p++;
    return v;
  }
  for (;;) {
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != '"') {
      fail(ps, "expected a member name");
      goto fail;
    }
    char *key;
    size_t key_len;
    if (!parse_string_raw(ps, &key, &key_len))
      goto fail;
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != ':') {
      free(key);
      fail(ps, "expected ':'");
      goto fail;
    }
    ps->p++;
    json_value_t *item = parse_value(ps);
    if (item == NULL) {
      free(key);
      goto fail;
    }
    if (v->count == cap) {
      size_t ncap = cap ? cap * 2 : 4;
      json_member_t *nm = realloc(v->members, ncap * sizeof *nm);
      if (nm == NULL) {
        free(key);
        json_free(item);
        fail(ps, "out of memory");
        goto fail;
      }
      v->members = nm;
      cap = ncap;
    }
    v->members[v->count].key = key;
    v->members[v->count].key_len = key_len;
    v->members[v->count].value = item;
    v->count++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ',') {
      ps->p++;
      continue;
    }
    if (ps->p < ps->end && *ps->p == '}') {
      ps->p++;
      return v;
    }
    fail(ps, "expected ',' or '}'");
    goto fail;
  }
fail:
  json_free(v);
  return NULL;
}

static json_value_t *parse_value(parser_t *ps) {
  skip_ws(ps);
  if (ps->p >= ps->end) {
    fail(ps, "unexpected end of input");
    return NULL;
  }
  if (ps->depth >= JSON_MAX_DEPTH) {
    fail(ps, "nesting too deep");
    return NULL;
  }
  json_value_t *v = NULL;
  ps->depth++;
  switch (*ps->p) {
  case '{': v = parse_object(ps); break;
  case '[': v = parse_array(ps); break;
  case '"': {
    char *s;
    size_t n;
    if (parse_string_raw(ps, &s, &n)) {
      v = new_value(ps, JSON_STRING);
      if (v == NULL) {
        free(s);
      } else {
        v->str = s;
        v->str_len = n;
      }
    }
    break;
  }
  case 't':
    if (match_word(ps, "true") && (v = new_value(ps, JSON_BOOL)) != NULL)
      v->boolean = true;
    break;
  case 'f':
    if (match_word(ps, "false"))
      v = new_value(ps, JSON_BOOL);
    break;
  case 'n':
    if (match_word(ps, "null"))
      v = new_value(ps, JSON_NULL);
    break;
  default:
    if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
      v = parse_number(ps);
    else
      fail(ps, "unexpected character");
    break;
  }
  ps->depth--;
  return v;
}

json_value_t *json_parse(const char *text, size_t len, char *err, size_t errsize) {
  parser_t ps = {text, text, text + len, 0, err, errsize, false};
  if (err != NULL && errsize > 0)
    err[0] = '\0';
  if (text == NULL) {
    fail(&ps, "no input");
    return NULL;
  }
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
    ps.p += 3;
  json_value_t *v = parse_value(&ps);
  if (v == NULL)
    return NULL;
  skip_ws(&ps);
  if (ps.p != ps.end) {
    fail(&ps, "trailing characters after the document");
    json_free(v);
    return NULL;
  }
  return v;
}

void json_free(json_value_t *v) {
  if (v == NULL)
    return;
  // Recursion is bounded: json_parse refuses documents nested deeper than
  // JSON_MAX_DEPTH.
  switch (v->type) {
  case JSON_STRING: free(v->str); break;
  case JSON_ARRAY:
    for (size_t i = 0; i < v->count; i++)
      json_free(v->items[i]);
    free(v->items);
    break;
  case JSON_OBJECT:
    for (size_t i = 0; i < v->count; i++) {
      free(v->members[i].key);
      json_free(v->members[i].value);
    }
    free(v->members);
    break;
  default: break;
  }
  free(v);
}

const json_value_t *json_get(const json_value_t *obj, const char *key) {
  if (obj == NULL || obj->type != JSON_OBJECT || key == NULL)
    return NULL;
  size_t n = strlen(key);
  for (size_t i = 0; i < obj->count; i++) {
    const json_member_t *m = &obj->members[i];
    if (m->key_len == n && memcmp(m->key, key, n) == 0)
      return m->value;
  }
  return NULL;
}

const char *json_get_str(const json_value_t *obj, const char *key, size_t *len) {
  const json_value_t *v = json_get(obj, key);
  if (v == NULL || v->type != JSON_STRING)
    return NULL;
  if (len != NULL)
    *len = v->str_len;
  return v->str;
}

const json_value_t *json_get_array(const json_value_t *obj, const char *key) {
  const json_value_t *v = json_get(obj, key);
  return (v != NULL && v->type == JSON_ARRAY) ? v : NULL;
}
