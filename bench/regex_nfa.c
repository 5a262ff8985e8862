/* SPDX-License-Identifier: Apache-2.0 */
/*
 * regex_nfa: a small regular-expression engine run over generated log
 * lines. A recursive-descent parser turns each of a dozen patterns
 * (literals, '.', classes with ranges and negation, \d \w \s, anchors,
 * * + ? and lazy *?, groups, alternation) into a syntax tree, a compiler
 * turns the tree into a program of NFA instructions, and two matchers run
 * the program on every line:
 *   - a backtracking matcher with a visited bitmap (as RE2's BitState):
 *     the leftmost match with the usual priorities, and its capture groups;
 *   - a Thompson-NFA simulation (a Pike VM over sparse sets of states):
 *     whether the line matches at all.
 * The two must agree on every line; the checksum covers the match counts,
 * positions and captured text.
 *
 * Size: the number of passes over the text (each with every pattern).
 */
#include "bench.h"

/* ---- syntax tree ---- */

enum node_kind {
  N_CHAR,
  N_ANY,
  N_CLASS,
  N_BOL,
  N_EOL,
  N_CAT,
  N_ALT,
  N_STAR,
  N_PLUS,
  N_QUEST,
  N_GROUP,
  N_EMPTY
};

typedef struct rnode rnode;
struct rnode {
  enum node_kind kind;
  int greedy;   /* N_STAR, N_PLUS, N_QUEST */
  uint8_t c;    /* N_CHAR */
  int cls;      /* N_CLASS: index into the class table */
  int group;    /* N_GROUP: capture index (1-based) */
  rnode *a, *b; /* operands */
};

#define MAX_NODES 512
#define MAX_CLASSES 32
#define MAX_GROUPS 4

typedef struct {
  uint32_t bits[8]; /* 256-bit set */
} cset;

typedef struct {
  const char *src;
  uint32_t pos;
  rnode nodes[MAX_NODES];
  uint32_t nnodes;
  cset classes[MAX_CLASSES];
  uint32_t nclasses;
  int ngroups;
} rparser;

static void parse_fail(const rparser *p, const char *why) {
  fprintf(stderr, "regex_nfa: bad pattern '%s' at %u: %s\n", p->src, p->pos, why);
  exit(2);
}

static rnode *mk(rparser *p, enum node_kind k, rnode *a, rnode *b) {
  if (p->nnodes == MAX_NODES)
    parse_fail(p, "too many nodes");
  rnode *n = &p->nodes[p->nnodes++];
  memset(n, 0, sizeof *n);
  n->kind = k;
  n->a = a;
  n->b = b;
  n->greedy = 1;
  return n;
}

static void cset_add(cset *s, uint8_t c) { s->bits[c >> 5] |= 1u << (c & 31); }
static int cset_has(const cset *s, uint8_t c) { return (s->bits[c >> 5] >> (c & 31)) & 1; }
static void cset_range(cset *s, uint8_t lo, uint8_t hi) {
  for (uint32_t c = lo; c <= hi; c++)
    cset_add(s, (uint8_t)c);
}

/* \d \w \s into a set; returns 0 for other escapes. */
static int class_escape(cset *s, char e) {
  switch (e) {
  case 'd': cset_range(s, '0', '9'); return 1;
  case 'w':
    cset_range(s, 'a', 'z');
    cset_range(s, 'A', 'Z');
    cset_range(s, '0', '9');
    cset_add(s, '_');
    return 1;
  case 's':
    cset_add(s, ' ');
    cset_add(s, '\t');
    return 1;
  default: return 0;
  }
}

static int new_class(rparser *p) {
  if (p->nclasses == MAX_CLASSES)
    parse_fail(p, "too many classes");
  memset(&p->classes[p->nclasses], 0, sizeof(cset));
  return (int)p->nclasses++;
}

static char peek(const rparser *p) { return p->src[p->pos]; }

static rnode *parse_alt(rparser *p);

static rnode *parse_class(rparser *p) {
  int idx = new_class(p);
  cset *s = &p->classes[idx];
  int negate = 0;
  p->pos++; /* [ */
  if (peek(p) == '^') {
    negate = 1;
    p->pos++;
  }
  int first = 1;
  while (peek(p) != ']' || first) {
    char c = peek(p);
    if (!c)
      parse_fail(p, "unterminated class");
    first = 0;
    p->pos++;
    if (c == '\\') {
      char e = p->src[p->pos++];
      if (!class_escape(s, e))
        cset_add(s, (uint8_t)e);
      continue;
    }
    if (peek(p) == '-' && p->src[p->pos + 1] != ']' && p->src[p->pos + 1]) {
      char hi = p->src[p->pos + 1];
      p->pos += 2;
      cset_range(s, (uint8_t)c, (uint8_t)hi);
    } else {
      cset_add(s, (uint8_t)c);
    }
  }
  p->pos++; /* ] */
  if (negate)
    for (int i = 0; i < 8; i++)
      s->bits[i] = ~s->bits[i];
  rnode *n = mk(p, N_CLASS, NULL, NULL);
  n->cls = idx;
  return n;
}

static rnode *parse_atom(rparser *p) {
  char c = peek(p);
  rnode *n;
  switch (c) {
  case '(': {
    p->pos++;
    int g = 0;
    if (p->src[p->pos] == '?' && p->src[p->pos + 1] == ':') {
      p->pos += 2; /* non-capturing */
    } else if (p->ngroups < MAX_GROUPS - 1) {
      g = ++p->ngroups;
    }
    rnode *inner = parse_alt(p);
    if (peek(p) != ')')
      parse_fail(p, "missing )");
    p->pos++;
    if (!g)
      return inner;
    n = mk(p, N_GROUP, inner, NULL);
    n->group = g;
    return n;
  }
  case '[': return parse_class(p);
  case '.': p->pos++; return mk(p, N_ANY, NULL, NULL);
  case '^': p->pos++; return mk(p, N_BOL, NULL, NULL);
  case '$': p->pos++; return mk(p, N_EOL, NULL, NULL);
  case '\\': {
    p->pos++;
    char e = p->src[p->pos++];
    int idx = new_class(p);
    if (class_escape(&p->classes[idx], e)) {
      n = mk(p, N_CLASS, NULL, NULL);
      n->cls = idx;
      return n;
    }
    p->nclasses--; /* a plain escaped character */
    n = mk(p, N_CHAR, NULL, NULL);
    n->c = (uint8_t)e;
    return n;
  }
  default:
    p->pos++;
    n = mk(p, N_CHAR, NULL, NULL);
    n->c = (uint8_t)c;
    return n;
  }
}

static rnode *parse_repeat(rparser *p) {
  rnode *n = parse_atom(p);
  for (;;) {
    char c = peek(p);
    enum node_kind k = c == '*' ? N_STAR : c == '+' ? N_PLUS : c == '?' ? N_QUEST : N_EMPTY;
    if (k == N_EMPTY)
      return n;
    p->pos++;
    n = mk(p, k, n, NULL);
    if (peek(p) == '?') {
      n->greedy = 0;
      p->pos++;
    }
  }
}

static rnode *parse_cat(rparser *p) {
  rnode *n = NULL;
  while (peek(p) && peek(p) != '|' && peek(p) != ')') {
    rnode *r = parse_repeat(p);
    n = n ? mk(p, N_CAT, n, r) : r;
  }
  return n ? n : mk(p, N_EMPTY, NULL, NULL);
}

static rnode *parse_alt(rparser *p) {
  rnode *n = parse_cat(p);
  while (peek(p) == '|') {
    p->pos++;
    n = mk(p, N_ALT, n, parse_cat(p));
  }
  return n;
}

/* ---- the NFA program ---- */

enum opcode { I_CHAR, I_ANY, I_CLASS, I_BOL, I_EOL, I_SPLIT, I_JMP, I_SAVE, I_MATCH };

typedef struct {
  uint8_t op;
  uint8_t c;
  uint16_t x, y; /* I_SPLIT: x is preferred; I_JMP: x; I_SAVE: slot x; I_CLASS: class x */
} inst;

#define MAX_INSTS 1024

typedef struct {
  inst code[MAX_INSTS];
  uint32_t n;
  cset classes[MAX_CLASSES];
  int nslots;
  const char *pattern;
} prog;

static uint32_t emit(prog *pg, enum opcode op, uint32_t x, uint32_t y) {
  if (pg->n == MAX_INSTS) {
    fprintf(stderr, "regex_nfa: program too long\n");
    exit(2);
  }
  pg->code[pg->n].op = (uint8_t)op;
  pg->code[pg->n].c = 0;
  pg->code[pg->n].x = (uint16_t)x;
  pg->code[pg->n].y = (uint16_t)y;
  return pg->n++;
}

static void compile_node(prog *pg, const rnode *n) {
  uint32_t split, jmp;
  switch (n->kind) {
  case N_CHAR: pg->code[emit(pg, I_CHAR, 0, 0)].c = n->c; break;
  case N_ANY: emit(pg, I_ANY, 0, 0); break;
  case N_CLASS: emit(pg, I_CLASS, (uint32_t)n->cls, 0); break;
  case N_BOL: emit(pg, I_BOL, 0, 0); break;
  case N_EOL: emit(pg, I_EOL, 0, 0); break;
  case N_EMPTY: break;
  case N_CAT:
    compile_node(pg, n->a);
    compile_node(pg, n->b);
    break;
  case N_ALT:
    split = emit(pg, I_SPLIT, 0, 0);
    pg->code[split].x = (uint16_t)pg->n;
    compile_node(pg, n->a);
    jmp = emit(pg, I_JMP, 0, 0);
    pg->code[split].y = (uint16_t)pg->n;
    compile_node(pg, n->b);
    pg->code[jmp].x = (uint16_t)pg->n;
    break;
  case N_STAR: /* L: split body, out; body; jmp L */
    split = emit(pg, I_SPLIT, 0, 0);
    compile_node(pg, n->a);
    emit(pg, I_JMP, split, 0);
    if (n->greedy) {
      pg->code[split].x = (uint16_t)(split + 1);
      pg->code[split].y = (uint16_t)pg->n;
    } else {
      pg->code[split].x = (uint16_t)pg->n;
      pg->code[split].y = (uint16_t)(split + 1);
    }
    break;
  case N_PLUS: { /* L: body; split L, out */
    uint32_t start = pg->n;
    compile_node(pg, n->a);
    split = emit(pg, I_SPLIT, 0, 0);
    pg->code[split].x = (uint16_t)(n->greedy ? start : pg->n);
    pg->code[split].y = (uint16_t)(n->greedy ? pg->n : start);
    break;
  }
  case N_QUEST:
    split = emit(pg, I_SPLIT, 0, 0);
    compile_node(pg, n->a);
    pg->code[split].x = (uint16_t)(n->greedy ? split + 1 : pg->n);
    pg->code[split].y = (uint16_t)(n->greedy ? pg->n : split + 1);
    break;
  case N_GROUP:
    emit(pg, I_SAVE, 2u * (uint32_t)n->group, 0);
    compile_node(pg, n->a);
    emit(pg, I_SAVE, 2u * (uint32_t)n->group + 1, 0);
    break;
  }
}

static void compile(prog *pg, const char *pattern) {
  static rparser p; /* large: keep it off the stack */
  memset(&p, 0, sizeof p);
  p.src = pattern;
  rnode *root = parse_alt(&p);
  if (peek(&p))
    parse_fail(&p, "unbalanced )");
  pg->n = 0;
  pg->pattern = pattern;
  emit(pg, I_SAVE, 0, 0);
  compile_node(pg, root);
  emit(pg, I_SAVE, 1, 0);
  emit(pg, I_MATCH, 0, 0);
  memcpy(pg->classes, p.classes, sizeof p.classes);
  pg->nslots = 2 * (p.ngroups + 1);
}

/* ---- matcher 1: backtracking with a visited bitmap ---- */

#define MAX_LINE 512
#define MAX_SLOTS (2 * MAX_GROUPS)

typedef struct {
  const prog *pg;
  const uint8_t *s;
  uint32_t len;
  uint32_t *visited; /* (pc, pos) bits */
  int32_t slots[MAX_SLOTS];
  uint32_t steps;
} backtracker;

static int visit(backtracker *bt, uint32_t pc, uint32_t pos) {
  uint32_t bit = pc * (bt->len + 1) + pos;
  uint32_t w = bit >> 5, m = 1u << (bit & 31);
  if (bt->visited[w] & m)
    return 0;
  bt->visited[w] |= m;
  return 1;
}

static int step_char(const prog *pg, const inst *in, uint8_t ch) {
  switch (in->op) {
  case I_CHAR: return in->c == ch;
  case I_ANY: return ch != '\n';
  case I_CLASS: return cset_has(&pg->classes[in->x], ch);
  default: return 0;
  }
}

static int bt_run(backtracker *bt, uint32_t pc, uint32_t pos) {
  for (;;) {
    if (!visit(bt, pc, pos))
      return 0;
    bt->steps++;
    const inst *in = &bt->pg->code[pc];
    switch (in->op) {
    case I_CHAR:
    case I_ANY:
    case I_CLASS:
      if (pos >= bt->len || !step_char(bt->pg, in, bt->s[pos]))
        return 0;
      pc++;
      pos++;
      break;
    case I_BOL:
      if (pos != 0)
        return 0;
      pc++;
      break;
    case I_EOL:
      if (pos != bt->len)
        return 0;
      pc++;
      break;
    case I_JMP: pc = in->x; break;
    case I_SPLIT:
      if (bt_run(bt, in->x, pos))
        return 1;
      pc = in->y;
      break;
    case I_SAVE: {
      int32_t old = bt->slots[in->x];
      bt->slots[in->x] = (int32_t)pos;
      if (bt_run(bt, pc + 1, pos))
        return 1;
      bt->slots[in->x] = old;
      return 0;
    }
    case I_MATCH: return 1;
    }
  }
}

/* The leftmost match in s[0..len): 1 with bt->slots filled, or 0. */
static int bt_search(backtracker *bt, const prog *pg, const uint8_t *s, uint32_t len) {
  bt->pg = pg;
  bt->s = s;
  bt->len = len;
  uint32_t words = (pg->n * (len + 1) + 31) / 32;
  memset(bt->visited, 0, words * sizeof(uint32_t));
  for (uint32_t start = 0; start <= len; start++) {
    for (int i = 0; i < pg->nslots; i++)
      bt->slots[i] = -1;
    if (bt_run(bt, 0, start))
      return 1;
  }
  return 0;
}

/* ---- matcher 2: Thompson NFA simulation over sparse sets ---- */

typedef struct {
  uint32_t n;
  uint16_t dense[MAX_INSTS];
  uint16_t sparse[MAX_INSTS];
} sparse_set;

static int set_has(const sparse_set *s, uint32_t pc) {
  uint32_t i = s->sparse[pc];
  return i < s->n && s->dense[i] == pc;
}

static void set_add(sparse_set *s, uint32_t pc) {
  s->sparse[pc] = (uint16_t)s->n;
  s->dense[s->n++] = (uint16_t)pc;
}

/* Follows the empty transitions from pc at position pos. */
static void add_thread(const prog *pg, sparse_set *s, uint32_t pc, uint32_t pos, uint32_t len) {
  if (set_has(s, pc))
    return;
  set_add(s, pc);
  const inst *in = &pg->code[pc];
  switch (in->op) {
  case I_JMP: add_thread(pg, s, in->x, pos, len); break;
  case I_SPLIT:
    add_thread(pg, s, in->x, pos, len);
    add_thread(pg, s, in->y, pos, len);
    break;
  case I_SAVE: add_thread(pg, s, pc + 1, pos, len); break;
  case I_BOL:
    if (pos == 0)
      add_thread(pg, s, pc + 1, pos, len);
    break;
  case I_EOL:
    if (pos == len)
      add_thread(pg, s, pc + 1, pos, len);
    break;
  default: break;
  }
}

static int nfa_search(const prog *pg, const uint8_t *s, uint32_t len, sparse_set *cur,
                      sparse_set *next) {
  cur->n = 0;
  for (uint32_t pos = 0;; pos++) {
    add_thread(pg, cur, 0, pos, len); /* unanchored: a thread may start anywhere */
    next->n = 0;
    for (uint32_t i = 0; i < cur->n; i++) {
      uint32_t pc = cur->dense[i];
      const inst *in = &pg->code[pc];
      if (in->op == I_MATCH)
        return 1;
      if (pos < len && step_char(pg, in, s[pos]))
        add_thread(pg, next, pc + 1, pos + 1, len);
    }
    if (pos >= len) {
      for (uint32_t i = 0; i < next->n; i++)
        if (pg->code[next->dense[i]].op == I_MATCH)
          return 1;
      return 0;
    }
    sparse_set *t = cur;
    cur = next;
    next = t;
  }
}

/* ---- the text: generated log lines ---- */

static const char *const users[] = {"alice", "bob",   "carol", "dave",
                                    "erin",  "frank", "grace", "heidi"};
static const char *const paths[] = {"/api/v1/items/",  "/api/v2/users/", "/static/img/",
                                    "/api/v1/orders/", "/login",         "/api/v2/items/"};
static const char *const levels[] = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
static const char *const msgs[] = {
    "ok",         "cache miss",     "upstream timeout after 30s", "retrying", "connection reset",
    "slow query", "user logged in", "timeout waiting for lock",   "done"};

static uint32_t gen_line(char *out, rng_t *r, uint32_t i) {
  /* one draw per statement: the order of arguments' evaluation is unspecified */
  uint32_t day = 1 + rng_below(r, 28), hour = rng_below(r, 24);
  uint32_t minute = rng_below(r, 60), second = rng_below(r, 60);
  const char *level = levels[rng_below(r, 6)];
  const char *user = users[rng_below(r, 8)];
  uint32_t uid = rng_below(r, 100);
  uint32_t ip1 = rng_below(r, 3), ip2 = rng_below(r, 256), ip3 = rng_below(r, 256);
  const char *method = rng_below(r, 4) ? "GET" : "POST";
  const char *path = paths[rng_below(r, 6)];
  uint32_t item = rng_below(r, 100000);
  uint32_t status = rng_below(r, 10) ? 200 + rng_below(r, 5) : 400 + rng_below(r, 200);
  uint32_t bytes = rng_below(r, 30000);
  const char *msg = msgs[rng_below(r, 9)];
  const char *contact = rng_below(r, 8) ? "" : " contact=ops@example.org";
  int n = snprintf(out, MAX_LINE,
                   "2026-%02u-%02u %02u:%02u:%02u %s user=%s%u ip=10.%u.%u.%u %s %s%u status=%u "
                   "bytes=%u msg=\"%s\"%s",
                   1 + i % 12, day, hour, minute, second, level, user, uid, ip1, ip2, ip3, method,
                   path, item, status, bytes, msg, contact);
  return (uint32_t)n;
}

static const char *const patterns[] = {
    "ERROR|WARN",
    "status=5\\d\\d",
    "user=([a-z]+)(\\d*) ",
    "ip=10\\.0\\.(\\d+)\\.\\d+",
    "(GET|POST) /api/v[12]/(items|users)/(\\d+)",
    "^\\d+-\\d+-\\d+ \\d+:\\d+:59",
    "msg=\"[^\"]*timeout[^\"]*\"",
    "a.*b.*c.*d",
    "[A-Za-z.]+@([a-z]+)\\.(com|org)",
    "bytes=(1\\d|2[0-4])\\d\\d\"?",
    "(\\w+)=(\\w+) .*?status=4",
    "\"$",
};
#define NPATTERNS (sizeof patterns / sizeof patterns[0])

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 3, 1);
  uint32_t nlines = sz.mode == BENCH_QUICK ? 300 : 3000;
  char *text = malloc((size_t)nlines * MAX_LINE);
  uint32_t *lens = malloc(sizeof(uint32_t) * nlines);
  static prog progs[NPATTERNS];
  static uint32_t visited[MAX_INSTS * (MAX_LINE + 1) / 32 + 1];
  static sparse_set set_a, set_b;
  if (!text || !lens) {
    fprintf(stderr, "regex_nfa: out of memory\n");
    return 2;
  }
  rng_t r = rng_new(1234);
  for (uint32_t i = 0; i < nlines; i++)
    lens[i] = gen_line(text + (size_t)i * MAX_LINE, &r, i);
  uint64_t h = 0xcbf29ce484222325ull;
  backtracker bt;
  bt.visited = visited;
  bt.steps = 0;
  for (uint32_t pass = 0; pass < sz.n; pass++) {
    for (uint32_t k = 0; k < NPATTERNS; k++) {
      compile(&progs[k], patterns[k]); /* compiled again each pass, as a tool would */
      h = mix64(h, progs[k].n);
    }
    /* Each pass starts at a different line, so passes differ. */
    for (uint32_t j = 0; j < nlines; j++) {
      uint32_t i = (j + pass * 997u) % nlines;
      const uint8_t *line = (const uint8_t *)text + (size_t)i * MAX_LINE;
      for (uint32_t k = 0; k < NPATTERNS; k++) {
        const prog *pg = &progs[k];
        int m1 = bt_search(&bt, pg, line, lens[i]);
        int m2 = nfa_search(pg, line, lens[i], &set_a, &set_b);
        if (m1 != m2) {
          fprintf(stderr, "regex_nfa: matchers disagree on '%s', line %u\n", pg->pattern, i);
          return 1;
        }
        if (!m1)
          continue;
        h = mix64(h, (uint64_t)k << 48 | (uint64_t)(uint32_t)bt.slots[0] << 16 |
                         (uint32_t)(bt.slots[1] - bt.slots[0]));
        for (int g = 2; g < pg->nslots; g += 2)
          if (bt.slots[g] >= 0)
            for (int32_t p = bt.slots[g]; p < bt.slots[g + 1]; p++)
              h = h * 31 + line[p];
      }
    }
    h = mix64(h, bt.steps);
  }
  free(text);
  free(lens);
  return bench_check_u64("regex_nfa", sz, h, 0x728f56f1bebff54eull, 0xc41456bedcdc25bdull);
}
