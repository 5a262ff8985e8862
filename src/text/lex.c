// SPDX-License-Identifier: Apache-2.0
// The text format's lexer: splits the source into parentheses, keywords,
// $ids, strings and numbers, skipping white space and comments, with the
// 1-based line and column of each token. A run of characters and strings
// that is not one valid token (`$l"a"`, `0drop`) becomes a TK_BAD token the
// parser reports as "unknown operator" when it reaches it.
#include <stdlib.h>
#include <string.h>

#include "text/wat.h"
#include "util/utf8.h"

typedef struct lexer {
  const char *s;
  size_t n, i;
  uint32_t line;
  size_t line_start;
  wd_toks_t *out;
  size_t cap;
  bool oom;
} lexer_t;

static bool is_idchar(unsigned char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
    return true;
  return c != 0 && strchr("!#$%&'*+-./:<=>?@\\^_`|~", c) != NULL;
}

static int hexval(unsigned char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static void push(lexer_t *L, uint8_t kind, uint8_t bad, size_t start, uint32_t line, uint32_t col) {
  if (L->oom)
    return;
  if (L->out->n == L->cap) {
    size_t nc = L->cap ? L->cap * 2 : 256;
    wd_tok_t *v = realloc(L->out->v, nc * sizeof *v);
    if (!v) {
      L->oom = true;
      return;
    }
    L->out->v = v;
    L->cap = nc;
  }
  wd_tok_t *t = &L->out->v[L->out->n++];
  t->kind = kind;
  t->bad = bad;
  t->line = line;
  t->col = col;
  t->off = start;
  t->len = L->i - start;
}

// Length of the UTF-8 sequence at s[i] (1..4), or 0 if malformed.
static size_t utf8_len(const char *str, size_t n, size_t i) {
  const unsigned char *s = (const unsigned char *)str;
  unsigned c = s[i];
  if (c < 0x80)
    return 1;
  size_t len;
  unsigned min;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > n)
    return 0;
  for (size_t k = 1; k < len; k++) {
    if ((s[i + k] & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (s[i + k] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))
    return 0;
  return len;
}

// Scans a string literal at s[i] == '"'; returns false if malformed
// (L->i is then where the problem is).
static bool scan_string(lexer_t *L) {
  const char *s = L->s;
  size_t i = L->i + 1;
  for (;;) {
    if (i >= L->n) {
      L->i = i;
      return false;
    }
    unsigned char c = (unsigned char)s[i];
    if (c == '"') {
      L->i = i + 1;
      return true;
    }
    if (c < 0x20 || c == 0x7f) {
      L->i = i;
      return false;
    }
    if (c == '\\') {
      if (i + 1 >= L->n) {
        L->i = i;
        return false;
      }
      unsigned char e = (unsigned char)s[i + 1];
      if (strchr("tnr\"'\\", e) && e) {
        i += 2;
      } else if (e == 'u') {
        if (i + 2 >= L->n || s[i + 2] != '{') {
          L->i = i;
          return false;
        }
        size_t k = i + 3;
        uint32_t v = 0;
        size_t digits = 0;
        bool last_us = true;
        while (k < L->n && (hexval((unsigned char)s[k]) >= 0 || s[k] == '_')) {
          if (s[k] == '_') {
            if (last_us)
              break;
            last_us = true;
          } else {
            last_us = false;
            if (v < 0x110000)
              v = v * 16 + (uint32_t)hexval((unsigned char)s[k]);
            digits++;
          }
          k++;
        }
        if (!digits || last_us || k >= L->n || s[k] != '}' || v >= 0x110000 ||
            (v >= 0xD800 && v < 0xE000)) {
          L->i = i;
          return false;
        }
        i = k + 1;
      } else if (hexval(e) >= 0 && i + 2 < L->n && hexval((unsigned char)s[i + 2]) >= 0) {
        i += 3;
      } else {
        L->i = i;
        return false;
      }
    } else if (c >= 0x80) {
      size_t l = utf8_len(s, L->n, i);
      if (!l) {
        L->i = i;
        return false;
      }
      i += l;
    } else {
      i++;
    }
  }
}

size_t wd_str_decode(const char *src, const wd_tok_t *t, uint8_t *out) {
  const char *s = src + t->off + 1;
  const char *end = src + t->off + t->len - 1;
  size_t n = 0;
  while (s < end) {
    if (*s != '\\') {
      out[n++] = (uint8_t)*s++;
      continue;
    }
    char e = s[1];
    switch (e) {
    case 't': out[n++] = '\t', s += 2; break;
    case 'n': out[n++] = '\n', s += 2; break;
    case 'r': out[n++] = '\r', s += 2; break;
    case '"': out[n++] = '"', s += 2; break;
    case '\'': out[n++] = '\'', s += 2; break;
    case '\\': out[n++] = '\\', s += 2; break;
    case 'u': {
      uint32_t v = 0;
      s += 3;
      while (*s != '}') {
        if (*s != '_')
          v = v * 16 + (uint32_t)hexval((unsigned char)*s);
        s++;
      }
      s++;
      if (v < 0x80) {
        out[n++] = (uint8_t)v;
      } else if (v < 0x800) {
        out[n++] = (uint8_t)(0xC0 | (v >> 6));
        out[n++] = (uint8_t)(0x80 | (v & 0x3F));
      } else if (v < 0x10000) {
        out[n++] = (uint8_t)(0xE0 | (v >> 12));
        out[n++] = (uint8_t)(0x80 | ((v >> 6) & 0x3F));
        out[n++] = (uint8_t)(0x80 | (v & 0x3F));
      } else {
        out[n++] = (uint8_t)(0xF0 | (v >> 18));
        out[n++] = (uint8_t)(0x80 | ((v >> 12) & 0x3F));
        out[n++] = (uint8_t)(0x80 | ((v >> 6) & 0x3F));
        out[n++] = (uint8_t)(0x80 | (v & 0x3F));
      }
      break;
    }
    default:
      out[n++] = (uint8_t)(hexval((unsigned char)s[1]) * 16 + hexval((unsigned char)s[2]));
      s += 3;
      break;
    }
  }
  return n;
}

// Skips white space and comments. Returns false on an unclosed block
// comment or a malformed character (a TK_BAD has then been pushed).
static bool skip_space(lexer_t *L) {
  const char *s = L->s;
  while (L->i < L->n) {
    char c = s[L->i];
    if (c == ' ' || c == '\t') {
      L->i++;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && L->i + 1 < L->n && s[L->i + 1] == '\n')
        L->i++;
      L->i++;
      L->line++;
      L->line_start = L->i;
    } else if (c == ';' && L->i + 1 < L->n && s[L->i + 1] == ';') {
      while (L->i < L->n && s[L->i] != '\n' && s[L->i] != '\r') {
        size_t l = utf8_len(s, L->n, L->i);
        if (!l) {
          size_t at = L->i++;
          push(L, TK_BAD, BAD_UTF8, at, L->line, (uint32_t)(at - L->line_start + 1));
          continue;
        }
        L->i += l;
      }
    } else if (c == '(' && L->i + 1 < L->n && s[L->i + 1] == ';') {
      size_t start = L->i;
      uint32_t line = L->line, col = (uint32_t)(L->i - L->line_start + 1);
      size_t depth = 1;
      L->i += 2;
      while (depth) {
        if (L->i >= L->n) {
          L->i = start;
          push(L, TK_BAD, BAD_COMMENT, start, line, col);
          return false;
        }
        char d = s[L->i];
        if (d == '(' && L->i + 1 < L->n && s[L->i + 1] == ';') {
          depth++;
          L->i += 2;
        } else if (d == ';' && L->i + 1 < L->n && s[L->i + 1] == ')') {
          depth--;
          L->i += 2;
        } else if (d == '\n' || d == '\r') {
          if (d == '\r' && L->i + 1 < L->n && s[L->i + 1] == '\n')
            L->i++;
          L->i++;
          L->line++;
          L->line_start = L->i;
        } else {
          size_t l = utf8_len(s, L->n, L->i);
          if (!l) {
            size_t at = L->i++;
            push(L, TK_BAD, BAD_UTF8, at, L->line, (uint32_t)(at - L->line_start + 1));
            continue;
          }
          L->i += l;
        }
      }
    } else {
      break;
    }
  }
  return true;
}

// A keyword nan:... is either a float (nan:0x...) or one of the two NaN
// patterns of scripts; anything else is no token.
static bool nan_ok(const char *s, size_t n) {
  if (n < 4 || memcmp(s, "nan:", 4) != 0)
    return true;
  if (wd_num_syntax(s, n))
    return true;
  return (n == 13 && memcmp(s, "nan:canonical", 13) == 0) ||
         (n == 14 && memcmp(s, "nan:arithmetic", 14) == 0);
}

// Whether the id $"..." at start (up to L->i) is well-formed: not empty,
// and valid UTF-8 once decoded; if not, *bad says why.
static bool quoted_id(lexer_t *L, size_t start, uint8_t *bad) {
  wd_tok_t str = {.kind = TK_STR, .off = start + 1, .len = L->i - start - 1};
  if (str.len == 2) {
    *bad = BAD_EMPTY_ID;
    return false;
  }
  uint8_t *tmp = malloc(str.len);
  if (!tmp) {
    L->oom = true;
    return false;
  }
  bool ok = wd_utf8_valid(tmp, wd_str_decode(L->s, &str, tmp));
  free(tmp);
  if (!ok)
    *bad = BAD_UTF8;
  return ok;
}

// Skips the annotation (@id ...) at L->i, which may hold any tokens and
// balanced parentheses (annotations among them), and is ignored wherever it
// is. Returns false (with a TK_BAD pushed) if it is malformed: an empty or
// malformed id, a character no token may hold, a malformed string, or no
// closing ')'.
static bool annotation(lexer_t *L) {
  const char *s = L->s;
  size_t start = L->i;
  uint32_t line = L->line, col = (uint32_t)(L->i - L->line_start + 1);
  L->i += 2; // (@
  size_t id = L->i;
  uint8_t bad = BAD_EMPTY_ANNOT;
  if (L->i < L->n && s[L->i] == '"') {
    if (!scan_string(L) || !quoted_id(L, id - 1, &bad)) {
      if (bad == BAD_EMPTY_ID)
        bad = BAD_EMPTY_ANNOT;
      push(L, TK_BAD, bad, start, line, col);
      return false;
    }
  } else {
    while (L->i < L->n && is_idchar((unsigned char)s[L->i]))
      L->i++;
    if (L->i == id) {
      push(L, TK_BAD, BAD_EMPTY_ANNOT, start, line, col);
      return false;
    }
  }
  size_t depth = 1;
  while (depth) {
    if (!skip_space(L))
      return false;
    if (L->i >= L->n) {
      L->i = start;
      push(L, TK_BAD, BAD_ANNOT, start, line, col);
      return false;
    }
    size_t at = L->i;
    uint32_t acol = (uint32_t)(L->i - L->line_start + 1);
    unsigned char c = (unsigned char)s[L->i];
    if (c == '(') {
      depth++;
      L->i++;
    } else if (c == ')') {
      depth--;
      L->i++;
    } else if (c == '"') {
      if (!scan_string(L)) {
        bool eof = L->i >= L->n;
        L->i = at;
        push(L, TK_BAD, eof ? BAD_UNCLOSED_STRING : BAD_STRING, at, L->line, acol);
        return false;
      }
    } else if (c >= 0x20 && c < 0x7f) {
      L->i++; // any other printable character: part of some token
    } else {
      size_t l = utf8_len(s, L->n, L->i);
      push(L, TK_BAD, l ? BAD_CHAR : BAD_UTF8, at, L->line, acol);
      return false;
    }
  }
  return true;
}

bool wd_lex(const char *src, size_t len, wd_toks_t *out) {
  lexer_t L = {.s = src, .n = len, .line = 1, .out = out};
  out->v = NULL;
  out->n = 0;
  for (;;) {
    if (!skip_space(&L))
      break;
    if (L.i >= L.n)
      break;
    size_t start = L.i;
    uint32_t col = (uint32_t)(L.i - L.line_start + 1);
    unsigned char c = (unsigned char)src[L.i];
    if (c == '(' && L.i + 1 < L.n && src[L.i + 1] == '@') {
      if (!annotation(&L))
        break;
    } else if (c == '(') {
      L.i++;
      push(&L, TK_LPAR, 0, start, L.line, col);
    } else if (c == ')') {
      L.i++;
      push(&L, TK_RPAR, 0, start, L.line, col);
    } else if (is_idchar(c) || c == '"') {
      // A run of idchars and strings with nothing between them.
      size_t nstr = 0, nchar = 0;
      bool ok = true, eof = false; // eof: a string the end cuts off
      while (L.i < L.n) {
        unsigned char d = (unsigned char)src[L.i];
        if (d == '"') {
          if (!scan_string(&L)) {
            ok = false;
            eof = L.i >= L.n;
            break;
          }
          nstr++;
        } else if (is_idchar(d)) {
          L.i++;
          nchar++;
        } else {
          break;
        }
      }
      if (!ok) {
        // Malformed: go on after its closing quote, if it has one.
        bool closed = false;
        while (L.i < L.n && src[L.i] != '\n' && src[L.i] != '\r') {
          if (src[L.i] == '\\' && L.i + 1 < L.n && src[L.i + 1] != '\n' && src[L.i + 1] != '\r') {
            L.i += 2;
          } else if (src[L.i++] == '"') {
            closed = true;
            break;
          }
        }
        size_t end = L.i;
        L.i = start;
        // $ then a malformed string: an empty id, as $ alone is
        bool id = c == '$' && nchar == 1 && nstr == 0;
        push(&L, TK_BAD, id ? BAD_EMPTY_ID : BAD_STRING, start, L.line, col);
        if (!id && eof)
          L.out->v[L.out->n - 1].bad = BAD_UNCLOSED_STRING;
        if (!closed)
          break;
        L.i = end;
        L.out->v[L.out->n - 1].len = end - start;
        continue;
      }
      uint8_t kind, bad = BAD_RESERVED;
      if (nstr == 1 && nchar == 0) {
        kind = TK_STR;
      } else if (c == '$' && nstr == 1 && nchar == 1 && src[start + 1] == '"') {
        // $"name": an id, of at least one character of valid UTF-8
        kind = quoted_id(&L, start, &bad) ? TK_ID : TK_BAD;
      } else if (nstr) {
        kind = TK_BAD;
      } else if (c == '$') {
        kind = L.i - start > 1 ? TK_ID : TK_BAD;
        bad = BAD_EMPTY_ID;
      } else if (c >= 'a' && c <= 'z') {
        kind = nan_ok(src + start, L.i - start) ? TK_KW : TK_BAD;
      } else if ((c >= '0' && c <= '9') || c == '+' || c == '-') {
        kind = wd_num_syntax(src + start, L.i - start) ? TK_NUM : TK_BAD;
      } else {
        kind = TK_BAD;
      }
      push(&L, kind, bad, start, L.line, col);
    } else {
      size_t l = utf8_len(src, L.n, L.i);
      L.i += l ? l : 1;
      push(&L, TK_BAD, l ? BAD_CHAR : BAD_UTF8, start, L.line, col);
    }
  }
  uint32_t col = (uint32_t)(L.i - L.line_start + 1);
  size_t end = L.i;
  L.i = L.n;
  push(&L, TK_EOF, 0, end, L.line, col);
  if (L.oom) {
    free(out->v);
    out->v = NULL;
    out->n = 0;
    return false;
  }
  return true;
}
