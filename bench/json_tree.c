/* SPDX-License-Identifier: Apache-2.0 */
/*
 * json_tree: a JSON parser of the usual shape. A generator writes a 2 MiB
 * document (an array of records: numbers with fractions and exponents,
 * strings with escapes and \u sequences, nested objects and arrays, true,
 * false, null); each round a tokenizer and a recursive-descent parser build
 * a tree of nodes (objects as member lists), queries walk it (look up keys,
 * follow paths, filter and sum), a serializer writes it back as compact
 * JSON, the output is parsed again and the two trees are compared deeply.
 *
 * Numbers are kept exactly, as a decimal mantissa and exponent (no strtod),
 * so every build computes the same checksum.
 *
 * Size: the number of rounds.
 */
#include "bench.h"

/* ---- a growable byte buffer ---- */

typedef struct {
  char *p;
  uint32_t len, cap;
} sbuf;

static void sb_grow(sbuf *b, uint32_t more) {
  if (b->len + more <= b->cap)
    return;
  uint32_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + more)
    cap *= 2;
  b->p = realloc(b->p, cap);
  if (!b->p) {
    fprintf(stderr, "json_tree: out of memory\n");
    exit(2);
  }
  b->cap = cap;
}
static void sb_putc(sbuf *b, char c) {
  sb_grow(b, 1);
  b->p[b->len++] = c;
}
static void sb_puts(sbuf *b, const char *s) {
  uint32_t n = (uint32_t)strlen(s);
  sb_grow(b, n);
  memcpy(b->p + b->len, s, n);
  b->len += n;
}
static void sb_putn(sbuf *b, const char *s, uint32_t n) {
  sb_grow(b, n);
  memcpy(b->p + b->len, s, n);
  b->len += n;
}
static void sb_int(sbuf *b, int64_t v) {
  char tmp[24];
  int n = 0;
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do {
    tmp[n++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0)
    sb_putc(b, '-');
  while (n)
    sb_putc(b, tmp[--n]);
}

/* ---- the tree ---- */

enum kind { J_NULL, J_FALSE, J_TRUE, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct node node;
struct node {
  uint8_t kind;
  int16_t exp;     /* J_NUM: value = mant * 10^exp */
  uint32_t len;    /* J_STR: bytes; J_ARR/J_OBJ: children */
  int64_t mant;    /* J_NUM */
  const char *str; /* J_STR: the decoded bytes (not NUL-terminated) */
  const char *key; /* a member of an object: its key */
  uint32_t key_len;
  node *first, *last, *next; /* children; siblings */
};

/* An arena of nodes and decoded strings, reset every parse. */
typedef struct {
  char *mem;
  uint32_t used, cap;
} arena;

static void *arena_alloc(arena *a, uint32_t n) {
  n = (n + 7u) & ~7u;
  if (a->used + n > a->cap) {
    fprintf(stderr, "json_tree: arena full\n");
    exit(2);
  }
  void *p = a->mem + a->used;
  a->used += n;
  return p;
}

static node *new_node(arena *a, enum kind k) {
  node *n = arena_alloc(a, sizeof(node));
  memset(n, 0, sizeof *n);
  n->kind = (uint8_t)k;
  return n;
}

static void append(node *parent, node *child) {
  if (parent->last)
    parent->last->next = child;
  else
    parent->first = child;
  parent->last = child;
  parent->len++;
}

/* ---- the tokenizer ---- */

enum tok {
  T_EOF,
  T_LBRACE,
  T_RBRACE,
  T_LBRACK,
  T_RBRACK,
  T_COLON,
  T_COMMA,
  T_STR,
  T_NUM,
  T_TRUE,
  T_FALSE,
  T_NULL,
  T_ERR
};

typedef struct {
  const char *src;
  uint32_t pos, len;
  arena *ar;
  /* the current token's value */
  const char *str;
  uint32_t str_len;
  int64_t mant;
  int16_t exp;
} lexer;

static int is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static uint32_t utf8_encode(char *out, uint32_t cp) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xc0 | cp >> 6);
    out[1] = (char)(0x80 | (cp & 0x3f));
    return 2;
  }
  out[0] = (char)(0xe0 | cp >> 12);
  out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
  out[2] = (char)(0x80 | (cp & 0x3f));
  return 3;
}

/* A string token: copies the decoded bytes into the arena. */
static enum tok lex_string(lexer *lx) {
  uint32_t start = ++lx->pos; /* after the quote */
  uint32_t end = start;
  int escaped = 0;
  while (end < lx->len && lx->src[end] != '"') {
    if (lx->src[end] == '\\') {
      escaped = 1;
      end++;
    }
    end++;
  }
  if (end >= lx->len)
    return T_ERR;
  if (!escaped) { /* the common case: no copy needed */
    lx->str = lx->src + start;
    lx->str_len = end - start;
    lx->pos = end + 1;
    return T_STR;
  }
  char *out = arena_alloc(lx->ar, end - start);
  uint32_t n = 0;
  for (uint32_t i = start; i < end; i++) {
    char c = lx->src[i];
    if (c != '\\') {
      out[n++] = c;
      continue;
    }
    c = lx->src[++i];
    switch (c) {
    case 'n': out[n++] = '\n'; break;
    case 't': out[n++] = '\t'; break;
    case 'r': out[n++] = '\r'; break;
    case 'b': out[n++] = '\b'; break;
    case 'f': out[n++] = '\f'; break;
    case 'u': {
      uint32_t cp = 0;
      for (int k = 1; k <= 4; k++) {
        int v = hex_value(lx->src[i + k]);
        if (v < 0)
          return T_ERR;
        cp = cp << 4 | (uint32_t)v;
      }
      i += 4;
      n += utf8_encode(out + n, cp);
      break;
    }
    default: out[n++] = c; break; /* \" \\ \/ */
    }
  }
  lx->str = out;
  lx->str_len = n;
  lx->pos = end + 1;
  return T_STR;
}

/* A number token, exactly: mantissa digits and a decimal exponent. */
static enum tok lex_number(lexer *lx) {
  const char *s = lx->src;
  uint32_t i = lx->pos;
  int neg = 0;
  int64_t mant = 0;
  int32_t exp = 0;
  if (s[i] == '-') {
    neg = 1;
    i++;
  }
  if (!is_digit(s[i]))
    return T_ERR;
  while (i < lx->len && is_digit(s[i]))
    mant = mant * 10 + (s[i++] - '0');
  if (i < lx->len && s[i] == '.') {
    i++;
    while (i < lx->len && is_digit(s[i])) {
      mant = mant * 10 + (s[i++] - '0');
      exp--;
    }
  }
  if (i < lx->len && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    int eneg = 0;
    int32_t e = 0;
    if (s[i] == '+' || s[i] == '-')
      eneg = s[i++] == '-';
    while (i < lx->len && is_digit(s[i]))
      e = e * 10 + (s[i++] - '0');
    exp += eneg ? -e : e;
  }
  /* normalise: no trailing zeros in the mantissa */
  while (mant != 0 && mant % 10 == 0) {
    mant /= 10;
    exp++;
  }
  lx->mant = neg ? -mant : mant;
  lx->exp = (int16_t)exp;
  lx->pos = i;
  return T_NUM;
}

static int lex_word(lexer *lx, const char *w, uint32_t n) {
  if (lx->pos + n > lx->len || memcmp(lx->src + lx->pos, w, n) != 0)
    return 0;
  lx->pos += n;
  return 1;
}

static enum tok next_token(lexer *lx) {
  while (lx->pos < lx->len && is_space(lx->src[lx->pos]))
    lx->pos++;
  if (lx->pos >= lx->len)
    return T_EOF;
  char c = lx->src[lx->pos];
  switch (c) {
  case '{': lx->pos++; return T_LBRACE;
  case '}': lx->pos++; return T_RBRACE;
  case '[': lx->pos++; return T_LBRACK;
  case ']': lx->pos++; return T_RBRACK;
  case ':': lx->pos++; return T_COLON;
  case ',': lx->pos++; return T_COMMA;
  case '"': return lex_string(lx);
  case 't': return lex_word(lx, "true", 4) ? T_TRUE : T_ERR;
  case 'f': return lex_word(lx, "false", 5) ? T_FALSE : T_ERR;
  case 'n': return lex_word(lx, "null", 4) ? T_NULL : T_ERR;
  default: return c == '-' || is_digit(c) ? lex_number(lx) : T_ERR;
  }
}

/* ---- the parser ---- */

typedef struct {
  lexer lx;
  enum tok tok;
  int failed;
} parser;

static void advance(parser *p) { p->tok = next_token(&p->lx); }

static node *parse_value(parser *p, int depth);

static node *parse_array(parser *p, int depth) {
  node *arr = new_node(p->lx.ar, J_ARR);
  advance(p);
  if (p->tok == T_RBRACK) {
    advance(p);
    return arr;
  }
  for (;;) {
    node *v = parse_value(p, depth + 1);
    if (!v)
      return NULL;
    append(arr, v);
    if (p->tok == T_COMMA) {
      advance(p);
      continue;
    }
    if (p->tok != T_RBRACK)
      return NULL;
    advance(p);
    return arr;
  }
}

static node *parse_object(parser *p, int depth) {
  node *obj = new_node(p->lx.ar, J_OBJ);
  advance(p);
  if (p->tok == T_RBRACE) {
    advance(p);
    return obj;
  }
  for (;;) {
    if (p->tok != T_STR)
      return NULL;
    const char *key = p->lx.str;
    uint32_t key_len = p->lx.str_len;
    advance(p);
    if (p->tok != T_COLON)
      return NULL;
    advance(p);
    node *v = parse_value(p, depth + 1);
    if (!v)
      return NULL;
    v->key = key;
    v->key_len = key_len;
    append(obj, v);
    if (p->tok == T_COMMA) {
      advance(p);
      continue;
    }
    if (p->tok != T_RBRACE)
      return NULL;
    advance(p);
    return obj;
  }
}

static node *parse_value(parser *p, int depth) {
  if (depth > 64)
    return NULL;
  node *n;
  switch (p->tok) {
  case T_LBRACE: return parse_object(p, depth);
  case T_LBRACK: return parse_array(p, depth);
  case T_STR:
    n = new_node(p->lx.ar, J_STR);
    n->str = p->lx.str;
    n->len = p->lx.str_len;
    break;
  case T_NUM:
    n = new_node(p->lx.ar, J_NUM);
    n->mant = p->lx.mant;
    n->exp = p->lx.exp;
    break;
  case T_TRUE: n = new_node(p->lx.ar, J_TRUE); break;
  case T_FALSE: n = new_node(p->lx.ar, J_FALSE); break;
  case T_NULL: n = new_node(p->lx.ar, J_NULL); break;
  default: return NULL;
  }
  advance(p);
  return n;
}

static node *parse(const char *src, uint32_t len, arena *ar) {
  parser p = {{src, 0, len, ar, NULL, 0, 0, 0}, T_EOF, 0};
  advance(&p);
  node *root = parse_value(&p, 0);
  if (!root || p.tok != T_EOF) {
    fprintf(stderr, "json_tree: parse error at byte %u\n", p.lx.pos);
    exit(2);
  }
  return root;
}

/* ---- queries ---- */

static int key_is(const node *n, const char *key) {
  size_t l = strlen(key);
  return n->key_len == l && memcmp(n->key, key, l) == 0;
}

static const node *get(const node *obj, const char *key) {
  if (!obj || obj->kind != J_OBJ)
    return NULL;
  for (const node *c = obj->first; c; c = c->next)
    if (key_is(c, key))
      return c;
  return NULL;
}

/* A dotted path of keys, e.g. "geo.lat". */
static const node *path(const node *n, const char *p) {
  char key[32];
  while (n && *p) {
    uint32_t k = 0;
    while (*p && *p != '.' && k < sizeof key - 1)
      key[k++] = *p++;
    key[k] = '\0';
    if (*p == '.')
      p++;
    n = get(n, key);
  }
  return n;
}

/* A number scaled to thousandths, truncated. */
static int64_t milli(const node *n) {
  if (!n || n->kind != J_NUM)
    return 0;
  int64_t v = n->mant;
  int e = n->exp + 3;
  for (; e > 0; e--)
    v *= 10;
  for (; e < 0; e++)
    v /= 10;
  return v;
}

static int str_eq(const node *n, const char *s) {
  size_t l = strlen(s);
  return n && n->kind == J_STR && n->len == l && memcmp(n->str, s, l) == 0;
}

typedef struct {
  int64_t score_sum, lat_sum, hist_sum;
  uint32_t active, with_tag, with_parent, deep;
} stats;

static void query_record(const node *rec, stats *st) {
  st->score_sum += milli(get(rec, "score"));
  st->lat_sum += milli(path(rec, "geo.lat")) - milli(path(rec, "geo.lon"));
  const node *a = get(rec, "active");
  if (a && a->kind == J_TRUE)
    st->active++;
  const node *par = get(rec, "parent");
  if (par && par->kind == J_NUM)
    st->with_parent++;
  const node *tags = get(rec, "tags");
  if (tags && tags->kind == J_ARR)
    for (const node *t = tags->first; t; t = t->next)
      if (str_eq(t, "blue") || str_eq(t, "urgent")) {
        st->with_tag++;
        break;
      }
  const node *hist = get(rec, "history");
  if (hist && hist->kind == J_ARR)
    for (const node *e = hist->first; e; e = e->next) {
      int64_t t = milli(get(e, "t"));
      if (t % 3000 == 0)
        st->hist_sum += milli(get(e, "v"));
    }
  if (path(rec, "meta.owner.name"))
    st->deep++;
}

/* A structural hash of the whole tree. */
static uint64_t hash_tree(const node *n, uint64_t h) {
  h = mix64(h, n->kind);
  if (n->key)
    for (uint32_t i = 0; i < n->key_len; i++)
      h = h * 31 + (uint8_t)n->key[i];
  switch (n->kind) {
  case J_NUM: return mix64(h, (uint64_t)n->mant ^ (uint64_t)(int64_t)n->exp << 56);
  case J_STR:
    for (uint32_t i = 0; i < n->len; i++)
      h = h * 131 + (uint8_t)n->str[i];
    return h;
  case J_ARR:
  case J_OBJ:
    for (const node *c = n->first; c; c = c->next)
      h = hash_tree(c, h);
    return mix64(h, n->len);
  default: return h;
  }
}

static int tree_equal(const node *a, const node *b) {
  if (a->kind != b->kind || a->len != b->len || a->key_len != b->key_len)
    return 0;
  if (a->key_len && memcmp(a->key, b->key, a->key_len) != 0)
    return 0;
  switch (a->kind) {
  case J_NUM: return a->mant == b->mant && a->exp == b->exp;
  case J_STR: return memcmp(a->str, b->str, a->len) == 0;
  case J_ARR:
  case J_OBJ:
    for (const node *x = a->first, *y = b->first; x; x = x->next, y = y->next)
      if (!tree_equal(x, y))
        return 0;
    return 1;
  default: return 1;
  }
}

/* ---- the serializer ---- */

static void write_string(sbuf *b, const char *s, uint32_t n) {
  static const char hex[] = "0123456789abcdef";
  sb_putc(b, '"');
  for (uint32_t i = 0; i < n; i++) {
    uint8_t c = (uint8_t)s[i];
    if (c == '"' || c == '\\') {
      sb_putc(b, '\\');
      sb_putc(b, (char)c);
    } else if (c == '\n') {
      sb_puts(b, "\\n");
    } else if (c == '\t') {
      sb_puts(b, "\\t");
    } else if (c < 0x20) {
      char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      sb_putn(b, u, 6);
    } else {
      sb_putc(b, (char)c);
    }
  }
  sb_putc(b, '"');
}

static void write_number(sbuf *b, int64_t mant, int exp) {
  sb_int(b, mant);
  if (exp != 0) {
    sb_putc(b, 'e');
    sb_int(b, exp);
  }
}

static void write_tree(sbuf *b, const node *n) {
  switch (n->kind) {
  case J_NULL: sb_puts(b, "null"); break;
  case J_TRUE: sb_puts(b, "true"); break;
  case J_FALSE: sb_puts(b, "false"); break;
  case J_NUM: write_number(b, n->mant, n->exp); break;
  case J_STR: write_string(b, n->str, n->len); break;
  case J_ARR:
    sb_putc(b, '[');
    for (const node *c = n->first; c; c = c->next) {
      if (c != n->first)
        sb_putc(b, ',');
      write_tree(b, c);
    }
    sb_putc(b, ']');
    break;
  case J_OBJ:
    sb_putc(b, '{');
    for (const node *c = n->first; c; c = c->next) {
      if (c != n->first)
        sb_putc(b, ',');
      write_string(b, c->key, c->key_len);
      sb_putc(b, ':');
      write_tree(b, c);
    }
    sb_putc(b, '}');
    break;
  }
}

/* ---- the generator (pretty-printed, with the features a parser meets) ---- */

static const char *const words[] = {"red",  "blue",   "green", "urgent", "later", "alpha",
                                    "beta", "gamma",  "delta", "north",  "south", "quiet",
                                    "loud", "stable", "draft", "final"};
#define NWORDS (sizeof words / sizeof words[0])

static void gen_indent(sbuf *b, int depth) {
  sb_putc(b, '\n');
  for (int i = 0; i < depth; i++)
    sb_puts(b, "  ");
}

static void gen_key(sbuf *b, const char *k, int depth) {
  gen_indent(b, depth);
  sb_putc(b, '"');
  sb_puts(b, k);
  sb_puts(b, "\": ");
}

static void gen_text(sbuf *b, rng_t *r) {
  sb_putc(b, '"');
  uint32_t nw = 1 + rng_below(r, 6);
  for (uint32_t i = 0; i < nw; i++) {
    if (i)
      sb_putc(b, ' ');
    sb_puts(b, words[rng_below(r, NWORDS)]);
    uint32_t e = rng_below(r, 40);
    if (e == 0)
      sb_puts(b, "\\\"q\\\"");
    else if (e == 1)
      sb_puts(b, "\\n");
    else if (e == 2)
      sb_puts(b, "\\u00e9t\\u00e9");
    else if (e == 3)
      sb_puts(b, "\\\\");
  }
  sb_putc(b, '"');
}

static void gen_decimal(sbuf *b, rng_t *r) {
  int64_t whole = (int64_t)rng_below(r, 20000) - 10000;
  sb_int(b, whole);
  uint32_t kind = rng_below(r, 4);
  if (kind >= 1) {
    char frac[8];
    snprintf(frac, sizeof frac, ".%03u", rng_below(r, 1000));
    sb_puts(b, frac);
  }
  if (kind == 3) {
    sb_puts(b, rng_below(r, 2) ? "e+2" : "E-1");
  }
}

static void gen_record(sbuf *b, rng_t *r, uint32_t id, int depth) {
  sb_putc(b, '{');
  gen_key(b, "id", depth + 1);
  sb_int(b, id);
  sb_putc(b, ',');
  gen_key(b, "name", depth + 1);
  gen_text(b, r);
  sb_putc(b, ',');
  gen_key(b, "score", depth + 1);
  gen_decimal(b, r);
  sb_putc(b, ',');
  gen_key(b, "active", depth + 1);
  sb_puts(b, rng_below(r, 3) ? "true" : "false");
  sb_putc(b, ',');
  gen_key(b, "parent", depth + 1);
  if (rng_below(r, 4) == 0)
    sb_puts(b, "null");
  else
    sb_int(b, rng_below(r, id + 1));
  sb_putc(b, ',');
  gen_key(b, "tags", depth + 1);
  sb_putc(b, '[');
  uint32_t nt = rng_below(r, 5);
  for (uint32_t i = 0; i < nt; i++) {
    if (i)
      sb_puts(b, ", ");
    sb_putc(b, '"');
    sb_puts(b, words[rng_below(r, NWORDS)]);
    sb_putc(b, '"');
  }
  sb_puts(b, "],");
  gen_key(b, "geo", depth + 1);
  sb_puts(b, "{\"lat\": ");
  gen_decimal(b, r);
  sb_puts(b, ", \"lon\": ");
  gen_decimal(b, r);
  sb_puts(b, "},");
  gen_key(b, "history", depth + 1);
  sb_putc(b, '[');
  uint32_t nh = rng_below(r, 8);
  for (uint32_t i = 0; i < nh; i++) {
    if (i)
      sb_putc(b, ',');
    gen_indent(b, depth + 2);
    sb_puts(b, "{\"t\": ");
    sb_int(b, 1000 * (int64_t)rng_below(r, 50));
    sb_puts(b, ", \"v\": ");
    gen_decimal(b, r);
    sb_puts(b, ", \"ok\": ");
    sb_puts(b, rng_below(r, 2) ? "true" : "null");
    sb_putc(b, '}');
  }
  sb_puts(b, "]");
  if (rng_below(r, 3) == 0) {
    sb_putc(b, ',');
    gen_key(b, "meta", depth + 1);
    sb_puts(b, "{\"owner\": {\"name\": ");
    gen_text(b, r);
    sb_puts(b, ", \"since\": ");
    sb_int(b, 1990 + rng_below(r, 40));
    sb_puts(b, "}, \"notes\": []}");
  }
  if (depth < 3 && rng_below(r, 6) == 0) {
    sb_putc(b, ',');
    gen_key(b, "children", depth + 1);
    sb_putc(b, '[');
    uint32_t nc = 1 + rng_below(r, 3);
    for (uint32_t i = 0; i < nc; i++) {
      if (i)
        sb_putc(b, ',');
      gen_indent(b, depth + 2);
      gen_record(b, r, id * 10 + i, depth + 2);
    }
    sb_putc(b, ']');
  }
  gen_indent(b, depth);
  sb_putc(b, '}');
}

static void generate(sbuf *b, uint32_t bytes, rng_t *r) {
  sb_puts(b, "{\"version\": 3, \"generator\": \"ward bench\", \"records\": [");
  uint32_t id = 0;
  while (b->len < bytes) {
    if (id)
      sb_putc(b, ',');
    gen_indent(b, 1);
    gen_record(b, r, id++, 1);
  }
  sb_puts(b, "\n]}\n");
}

/* ---- the benchmark ---- */

static void walk_records(const node *records, stats *st) {
  for (const node *rec = records->first; rec; rec = rec->next) {
    query_record(rec, st);
    const node *kids = get(rec, "children");
    if (kids)
      walk_records(kids, st);
  }
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 8, 1);
  uint32_t doc_bytes = sz.mode == BENCH_QUICK ? 256u * 1024u : 2u * 1024u * 1024u;
  rng_t r = rng_new(31337);
  sbuf doc = {0}, out = {0};
  generate(&doc, doc_bytes, &r);
  arena a1 = {malloc(16u << 20), 0, 16u << 20}, a2 = {malloc(16u << 20), 0, 16u << 20};
  if (!a1.mem || !a2.mem) {
    fprintf(stderr, "json_tree: out of memory\n");
    return 2;
  }
  uint64_t h = mix64(0xcbf29ce484222325ull, doc.len);
  for (uint32_t round = 0; round < sz.n; round++) {
    a1.used = a2.used = 0;
    node *root = parse(doc.p, doc.len, &a1);
    stats st = {0};
    const node *records = get(root, "records");
    if (!records) {
      fprintf(stderr, "json_tree: no records\n");
      return 2;
    }
    walk_records(records, &st);
    h = mix64(h, (uint64_t)st.score_sum);
    h = mix64(h, (uint64_t)st.lat_sum);
    h = mix64(h, (uint64_t)st.hist_sum);
    h = mix64(h, (uint64_t)st.active << 40 | (uint64_t)st.with_tag << 20 | st.with_parent);
    h = mix64(h, st.deep);
    h = mix64(h, hash_tree(root, round));
    out.len = 0;
    write_tree(&out, root);
    node *again = parse(out.p, out.len, &a2);
    if (!tree_equal(root, again)) {
      fprintf(stderr, "json_tree: the serialized tree parses differently\n");
      return 1;
    }
    h = mix64(h, (uint64_t)out.len << 32 | records->len);
  }
  free(a1.mem);
  free(a2.mem);
  free(doc.p);
  free(out.p);
  return bench_check_u64("json_tree", sz, h, 0x1649c86293ccb713ull, 0x7b5ca6cfb31a43d9ull);
}
