/* SPDX-License-Identifier: Apache-2.0 */
/*
 * script_vm: a small scripting language, whole: a reader turns the source
 * text of a Lisp-like language into lists, a compiler turns them into
 * bytecode for a stack machine (54 opcodes, local slots, flat closures,
 * globals), and the interpreter (a switch in a loop) runs it, with
 * integers, strings, growable arrays and hash tables allocated from an
 * arena. The script it runs is a mix of what such scripts do: recursive
 * Fibonacci, higher-order functions (map, filter, fold, compose, adders),
 * a sieve, a quicksort with a comparator closure, records as hash tables,
 * word counting over generated text (string building, substrings, table
 * updates), digit sums of numbers printed to strings, and memoised Collatz
 * lengths. Every `emit` in the script feeds the checksum.
 *
 * Size: the number of rounds; each round reads, compiles and runs the
 * script with ROUND set to the round number, from an empty arena.
 */
#include "bench.h"

/* ---- the arena ---- */

static char *arena_mem;
static uint32_t arena_used, arena_cap;

static void *alloc(uint32_t n) {
  n = (n + 7u) & ~7u;
  if (arena_used + n > arena_cap) {
    fprintf(stderr, "script_vm: arena full\n");
    exit(2);
  }
  void *p = arena_mem + arena_used;
  arena_used += n;
  return p;
}

static void fail(const char *what, const char *detail) {
  fprintf(stderr, "script_vm: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  exit(2);
}

/* ---- values and objects ---- */

enum tag { V_NIL, V_FALSE, V_TRUE, V_INT, V_STR, V_ARR, V_DICT, V_FN };

typedef struct obj obj;
typedef struct {
  uint32_t tag;
  union {
    int32_t i;
    obj *o;
  } as;
} value;

typedef struct {
  uint32_t len, hash;
  char data[];
} string;

typedef struct {
  uint32_t len, cap;
  value *items;
} array;

typedef struct {
  value key, val;
} entry;

typedef struct {
  uint32_t count, cap; /* cap: a power of two */
  entry *entries;
} dict;

typedef struct proto proto;
typedef struct {
  proto *p;
  uint32_t nup;
  value up[];
} closure;

struct obj {
  uint32_t kind; /* V_STR, V_ARR, V_DICT, V_FN */
  union {
    string *s;
    array *a;
    dict *d;
    closure *c;
  } u;
};

static const value NIL = {V_NIL, {0}};
static value v_int(int32_t i) {
  value v = {V_INT, {0}};
  v.as.i = i;
  return v;
}
static value v_bool(int b) {
  value v = {b ? V_TRUE : V_FALSE, {0}};
  return v;
}
static value v_obj(uint32_t tag, obj *o) {
  value v = {tag, {0}};
  v.as.o = o;
  return v;
}
static int truthy(value v) { return v.tag != V_NIL && v.tag != V_FALSE; }

static uint32_t hash_bytes(const char *s, uint32_t n) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < n; i++)
    h = (h ^ (uint8_t)s[i]) * 16777619u;
  return h;
}

static value new_string(const char *s, uint32_t n) {
  obj *o = alloc(sizeof(obj));
  string *str = alloc((uint32_t)sizeof(string) + n + 1);
  str->len = n;
  memcpy(str->data, s, n);
  str->data[n] = '\0';
  str->hash = hash_bytes(s, n);
  o->kind = V_STR;
  o->u.s = str;
  return v_obj(V_STR, o);
}

static value new_array(uint32_t cap) {
  obj *o = alloc(sizeof(obj));
  array *a = alloc(sizeof(array));
  a->len = 0;
  a->cap = cap < 4 ? 4 : cap;
  a->items = alloc(a->cap * (uint32_t)sizeof(value));
  o->kind = V_ARR;
  o->u.a = a;
  return v_obj(V_ARR, o);
}

static void array_push(array *a, value v) {
  if (a->len == a->cap) {
    value *items = alloc(2 * a->cap * (uint32_t)sizeof(value));
    memcpy(items, a->items, a->len * sizeof(value));
    a->items = items;
    a->cap *= 2;
  }
  a->items[a->len++] = v;
}

static value new_dict(void) {
  obj *o = alloc(sizeof(obj));
  dict *d = alloc(sizeof(dict));
  d->count = 0;
  d->cap = 8;
  d->entries = alloc(d->cap * (uint32_t)sizeof(entry));
  memset(d->entries, 0, d->cap * sizeof(entry));
  o->kind = V_DICT;
  o->u.d = d;
  return v_obj(V_DICT, o);
}

static uint32_t hash_value(value v) {
  switch (v.tag) {
  case V_INT: {
    uint32_t x = (uint32_t)v.as.i * 0x9e3779b1u;
    return x ^ (x >> 15);
  }
  case V_STR: return v.as.o->u.s->hash;
  default: return v.tag * 0x85ebca6bu;
  }
}

static int values_equal(value a, value b) {
  if (a.tag != b.tag)
    return 0;
  switch (a.tag) {
  case V_INT: return a.as.i == b.as.i;
  case V_STR: {
    const string *x = a.as.o->u.s, *y = b.as.o->u.s;
    return x->len == y->len && x->hash == y->hash && memcmp(x->data, y->data, x->len) == 0;
  }
  case V_ARR:
  case V_DICT:
  case V_FN: return a.as.o == b.as.o;
  default: return 1;
  }
}

/* The slot holding key, or the empty slot where it would go. */
static entry *dict_find(dict *d, value key) {
  uint32_t mask = d->cap - 1;
  for (uint32_t i = hash_value(key) & mask;; i = (i + 1) & mask) {
    entry *e = &d->entries[i];
    if (e->key.tag == V_NIL || values_equal(e->key, key))
      return e;
  }
}

static void dict_put(dict *d, value key, value val) {
  if (key.tag == V_NIL)
    fail("nil key", NULL);
  if (4 * (d->count + 1) > 3 * d->cap) {
    entry *old = d->entries;
    uint32_t old_cap = d->cap;
    d->cap *= 2;
    d->entries = alloc(d->cap * (uint32_t)sizeof(entry));
    memset(d->entries, 0, d->cap * sizeof(entry));
    for (uint32_t i = 0; i < old_cap; i++)
      if (old[i].key.tag != V_NIL)
        *dict_find(d, old[i].key) = old[i];
  }
  entry *e = dict_find(d, key);
  if (e->key.tag == V_NIL) {
    d->count++;
    e->key = key;
  }
  e->val = val;
}

static value dict_get(dict *d, value key) {
  entry *e = dict_find(d, key);
  return e->key.tag == V_NIL ? NIL : e->val;
}

/* Appends the printed form of v (strings as they are) to buf. */
static uint32_t print_value(char *buf, uint32_t cap, value v) {
  switch (v.tag) {
  case V_INT: {
    char tmp[12];
    uint32_t n = 0, u = v.as.i < 0 ? 0u - (uint32_t)v.as.i : (uint32_t)v.as.i;
    do {
      tmp[n++] = (char)('0' + u % 10);
      u /= 10;
    } while (u);
    uint32_t k = 0;
    if (v.as.i < 0 && k < cap)
      buf[k++] = '-';
    while (n && k < cap)
      buf[k++] = tmp[--n];
    return k;
  }
  case V_STR: {
    uint32_t n = v.as.o->u.s->len;
    if (n > cap)
      fail("string too long", NULL);
    memcpy(buf, v.as.o->u.s->data, n);
    return n;
  }
  case V_NIL: memcpy(buf, "nil", cap < 3 ? cap : 3); return cap < 3 ? cap : 3;
  case V_TRUE: memcpy(buf, "true", cap < 4 ? cap : 4); return cap < 4 ? cap : 4;
  case V_FALSE: memcpy(buf, "false", cap < 5 ? cap : 5); return cap < 5 ? cap : 5;
  default: memcpy(buf, "<obj>", cap < 5 ? cap : 5); return cap < 5 ? cap : 5;
  }
}

/* ---- the reader: source text to lists ---- */

enum ast_kind { A_INT, A_SYM, A_STR, A_LIST };

typedef struct ast ast;
struct ast {
  enum ast_kind kind;
  int32_t ival; /* A_INT */
  uint32_t sym; /* A_SYM: interned id */
  value str;    /* A_STR */
  uint32_t n;   /* A_LIST */
  ast **items;
};

#define MAX_SYMS 512
static char sym_names[MAX_SYMS][24];
static uint32_t nsyms;

static uint32_t intern(const char *s, uint32_t n) {
  if (n >= sizeof sym_names[0])
    fail("symbol too long", NULL);
  for (uint32_t i = 0; i < nsyms; i++)
    if (memcmp(sym_names[i], s, n) == 0 && sym_names[i][n] == '\0')
      return i;
  if (nsyms == MAX_SYMS)
    fail("too many symbols", NULL);
  memcpy(sym_names[nsyms], s, n);
  sym_names[nsyms][n] = '\0';
  return nsyms++;
}

typedef struct {
  const char *s;
  uint32_t pos;
} reader;

static void skip_space(reader *r) {
  for (;;) {
    char c = r->s[r->pos];
    if (c == ';') {
      while (r->s[r->pos] && r->s[r->pos] != '\n')
        r->pos++;
    } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      r->pos++;
    } else {
      return;
    }
  }
}

static int is_delim(char c) {
  return c == '\0' || c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '(' || c == ')' ||
         c == ';';
}

static ast *new_ast(enum ast_kind k) {
  ast *a = alloc(sizeof(ast));
  memset(a, 0, sizeof *a);
  a->kind = k;
  return a;
}

static ast *read_form(reader *r) {
  skip_space(r);
  char c = r->s[r->pos];
  if (c == '\0')
    return NULL;
  if (c == '(') {
    r->pos++;
    ast *items[64];
    uint32_t n = 0;
    for (;;) {
      skip_space(r);
      if (r->s[r->pos] == ')') {
        r->pos++;
        break;
      }
      if (n == 64)
        fail("list too long", NULL);
      ast *item = read_form(r);
      if (!item)
        fail("unclosed (", NULL);
      items[n++] = item;
    }
    ast *a = new_ast(A_LIST);
    a->n = n;
    a->items = alloc(n * (uint32_t)sizeof(ast *) + 1);
    memcpy(a->items, items, n * sizeof(ast *));
    return a;
  }
  if (c == ')')
    fail("unexpected )", NULL);
  if (c == '"') {
    char buf[256];
    uint32_t n = 0;
    r->pos++;
    while (r->s[r->pos] != '"') {
      char ch = r->s[r->pos++];
      if (ch == '\0' || n == sizeof buf)
        fail("bad string literal", NULL);
      if (ch == '\\') {
        ch = r->s[r->pos++];
        ch = ch == 'n' ? '\n' : ch == 't' ? '\t' : ch;
      }
      buf[n++] = ch;
    }
    r->pos++;
    ast *a = new_ast(A_STR);
    a->str = new_string(buf, n);
    return a;
  }
  uint32_t start = r->pos;
  while (!is_delim(r->s[r->pos]))
    r->pos++;
  const char *tok = r->s + start;
  uint32_t len = r->pos - start;
  uint32_t i = tok[0] == '-' && len > 1 ? 1 : 0;
  int numeric = 1;
  for (uint32_t k = i; k < len; k++)
    numeric &= tok[k] >= '0' && tok[k] <= '9';
  if (numeric && i < len) {
    int32_t v = 0;
    for (uint32_t k = i; k < len; k++)
      v = (int32_t)((uint32_t)v * 10u + (uint32_t)(tok[k] - '0'));
    ast *a = new_ast(A_INT);
    a->ival = i ? -v : v;
    return a;
  }
  ast *a = new_ast(A_SYM);
  a->sym = intern(tok, len);
  return a;
}

/* ---- bytecode ---- */

enum op {
  OP_CONST,
  OP_INT,
  OP_NIL,
  OP_TRUE,
  OP_FALSE,
  OP_GETL,
  OP_SETL,
  OP_GETU,
  OP_GETG,
  OP_SETG,
  OP_POP,
  OP_DUP,
  OP_ADD,
  OP_ADDI,
  OP_SUB,
  OP_MUL,
  OP_DIV,
  OP_MOD,
  OP_NEG,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
  OP_EQ,
  OP_NE,
  OP_NOT,
  OP_BAND,
  OP_BOR,
  OP_BXOR,
  OP_SHL,
  OP_SHR,
  OP_JMP,
  OP_JF,
  OP_JFK,
  OP_JTK,
  OP_CALL,
  OP_RET,
  OP_CLOSURE,
  OP_ARR,
  OP_ARRAYN,
  OP_PUSH,
  OP_GET,
  OP_PUT,
  OP_LEN,
  OP_DICT,
  OP_DGET,
  OP_DPUT,
  OP_DHAS,
  OP_STR,
  OP_JOIN,
  OP_SUBSTR,
  OP_ORD,
  OP_CHR,
  OP_EMIT,
  OP_COUNT
};

#define MAX_CODE 4096
#define MAX_CONSTS 128
#define MAX_PROTOS 128
#define MAX_LOCALS 64
#define MAX_UPVALS 16

struct proto {
  int32_t code[MAX_CODE];
  uint32_t ncode;
  value consts[MAX_CONSTS];
  uint32_t nconsts;
  proto *protos[64]; /* nested functions, for OP_CLOSURE */
  uint32_t nprotos;
  uint32_t nparams, nslots;
  uint32_t nup;
  struct {
    uint8_t from_local; /* 1: the enclosing function's local slot; 0: its upvalue */
    uint8_t index;
  } up[MAX_UPVALS];
  uint32_t name;
};

/* ---- the compiler ---- */

typedef struct fstate fstate;
struct fstate {
  proto *p;
  fstate *parent;
  struct {
    uint32_t sym, slot;
  } locals[MAX_LOCALS];
  uint32_t nlocals; /* in scope */
  uint32_t up_syms[MAX_UPVALS];
};

#define MAX_GLOBALS 256
static int32_t global_of_sym[MAX_SYMS];
static value globals[MAX_GLOBALS];
static uint32_t nglobals;

static uint32_t S_DEF, S_DEFN, S_FN, S_LET, S_SET, S_IF, S_WHILE, S_BEGIN, S_AND, S_OR, S_TRUE,
    S_FALSE, S_NIL;

static const struct {
  const char *name;
  enum op op;
  int arity; /* -1: any number (folded for + and *, counted for arr and str) */
} builtins[] = {
    {"+", OP_ADD, -1},    {"-", OP_SUB, 2},     {"*", OP_MUL, -1},        {"/", OP_DIV, 2},
    {"%", OP_MOD, 2},     {"neg", OP_NEG, 1},   {"<", OP_LT, 2},          {"<=", OP_LE, 2},
    {">", OP_GT, 2},      {">=", OP_GE, 2},     {"=", OP_EQ, 2},          {"!=", OP_NE, 2},
    {"not", OP_NOT, 1},   {"band", OP_BAND, 2}, {"bor", OP_BOR, 2},       {"bxor", OP_BXOR, 2},
    {"shl", OP_SHL, 2},   {"shr", OP_SHR, 2},   {"arr", OP_ARR, -1},      {"array", OP_ARRAYN, 2},
    {"push", OP_PUSH, 2}, {"get", OP_GET, 2},   {"put", OP_PUT, 3},       {"len", OP_LEN, 1},
    {"dict", OP_DICT, 0}, {"dget", OP_DGET, 2}, {"dput", OP_DPUT, 3},     {"dhas", OP_DHAS, 2},
    {"str", OP_STR, -1},  {"join", OP_JOIN, 2}, {"substr", OP_SUBSTR, 3}, {"ord", OP_ORD, 2},
    {"chr", OP_CHR, 1},   {"emit", OP_EMIT, 1},
};
#define NBUILTINS (sizeof builtins / sizeof builtins[0])
static int32_t builtin_of_sym[MAX_SYMS];

static void emit_op(fstate *f, int32_t w) {
  if (f->p->ncode == MAX_CODE)
    fail("function too long", NULL);
  f->p->code[f->p->ncode++] = w;
}
static void emit1(fstate *f, enum op op, int32_t a) {
  emit_op(f, op);
  emit_op(f, a);
}
static uint32_t emit_jump(fstate *f, enum op op) {
  emit1(f, op, 0);
  return f->p->ncode - 1;
}
static void patch(fstate *f, uint32_t at) { f->p->code[at] = (int32_t)f->p->ncode; }

static uint32_t add_const(fstate *f, value v) {
  if (f->p->nconsts == MAX_CONSTS)
    fail("too many constants", NULL);
  f->p->consts[f->p->nconsts] = v;
  return f->p->nconsts++;
}

static uint32_t global_index(uint32_t sym) {
  if (global_of_sym[sym] < 0) {
    if (nglobals == MAX_GLOBALS)
      fail("too many globals", NULL);
    global_of_sym[sym] = (int32_t)nglobals;
    globals[nglobals++] = NIL;
  }
  return (uint32_t)global_of_sym[sym];
}

static int find_local(const fstate *f, uint32_t sym) {
  for (uint32_t i = f->nlocals; i-- > 0;)
    if (f->locals[i].sym == sym)
      return (int)f->locals[i].slot;
  return -1;
}

/* The upvalue index of sym in f (adding it), or -1 if it is a global. */
static int find_upval(fstate *f, uint32_t sym) {
  if (!f->parent)
    return -1;
  for (uint32_t i = 0; i < f->p->nup; i++)
    if (f->up_syms[i] == sym)
      return (int)i;
  int from_local = 1;
  int index = find_local(f->parent, sym);
  if (index < 0) {
    from_local = 0;
    index = find_upval(f->parent, sym);
    if (index < 0)
      return -1;
  }
  if (f->p->nup == MAX_UPVALS)
    fail("too many upvalues", NULL);
  uint32_t u = f->p->nup++;
  f->p->up[u].from_local = (uint8_t)from_local;
  f->p->up[u].index = (uint8_t)index;
  f->up_syms[u] = sym;
  return (int)u;
}

static uint32_t declare_local(fstate *f, uint32_t sym) {
  if (f->nlocals == MAX_LOCALS)
    fail("too many locals", NULL);
  uint32_t slot = f->nlocals;
  f->locals[f->nlocals].sym = sym;
  f->locals[f->nlocals++].slot = slot;
  if (slot + 1 > f->p->nslots)
    f->p->nslots = slot + 1;
  return slot;
}

static void compile_expr(fstate *f, const ast *e);

static void compile_body(fstate *f, ast *const *items, uint32_t n) {
  if (n == 0) {
    emit_op(f, OP_NIL);
    return;
  }
  for (uint32_t i = 0; i < n; i++) {
    compile_expr(f, items[i]);
    if (i + 1 < n)
      emit_op(f, OP_POP);
  }
}

static void compile_symbol(fstate *f, uint32_t sym) {
  if (sym == S_TRUE) {
    emit_op(f, OP_TRUE);
    return;
  }
  if (sym == S_FALSE) {
    emit_op(f, OP_FALSE);
    return;
  }
  if (sym == S_NIL) {
    emit_op(f, OP_NIL);
    return;
  }
  int slot = find_local(f, sym);
  if (slot >= 0) {
    emit1(f, OP_GETL, slot);
    return;
  }
  int up = find_upval(f, sym);
  if (up >= 0) {
    emit1(f, OP_GETU, up);
    return;
  }
  emit1(f, OP_GETG, (int32_t)global_index(sym));
}

/* (fn (params...) body...) into a new prototype; emits OP_CLOSURE. */
static void compile_fn(fstate *f, const ast *params, ast *const *body, uint32_t nbody,
                       uint32_t name) {
  if (params->kind != A_LIST)
    fail("fn: parameters must be a list", NULL);
  if (f->p->nprotos == 64)
    fail("too many nested functions", NULL);
  proto *p = alloc(sizeof(proto));
  memset(p, 0, sizeof *p);
  p->name = name;
  fstate *inner = alloc(sizeof(fstate));
  memset(inner, 0, sizeof *inner);
  inner->p = p;
  inner->parent = f;
  for (uint32_t i = 0; i < params->n; i++)
    declare_local(inner, params->items[i]->sym);
  p->nparams = params->n;
  compile_body(inner, body, nbody);
  emit_op(inner, OP_RET);
  f->p->protos[f->p->nprotos] = p;
  emit1(f, OP_CLOSURE, (int32_t)f->p->nprotos++);
}

static void compile_list(fstate *f, const ast *e) {
  if (e->n == 0) {
    emit_op(f, OP_NIL);
    return;
  }
  const ast *head = e->items[0];
  ast *const *args = e->items + 1;
  uint32_t nargs = e->n - 1;
  if (head->kind == A_SYM) {
    uint32_t s = head->sym;
    if (s == S_IF) {
      compile_expr(f, args[0]);
      uint32_t jf = emit_jump(f, OP_JF);
      compile_expr(f, args[1]);
      uint32_t jend = emit_jump(f, OP_JMP);
      patch(f, jf);
      if (nargs > 2)
        compile_expr(f, args[2]);
      else
        emit_op(f, OP_NIL);
      patch(f, jend);
      return;
    }
    if (s == S_WHILE) {
      uint32_t top = f->p->ncode;
      compile_expr(f, args[0]);
      uint32_t jf = emit_jump(f, OP_JF);
      for (uint32_t i = 1; i < nargs; i++) {
        compile_expr(f, args[i]);
        emit_op(f, OP_POP);
      }
      emit1(f, OP_JMP, (int32_t)top);
      patch(f, jf);
      emit_op(f, OP_NIL);
      return;
    }
    if (s == S_BEGIN) {
      compile_body(f, args, nargs);
      return;
    }
    if (s == S_AND || s == S_OR) {
      compile_expr(f, args[0]);
      uint32_t j = emit_jump(f, s == S_AND ? OP_JFK : OP_JTK);
      compile_expr(f, args[1]);
      patch(f, j);
      return;
    }
    if (s == S_LET) {
      const ast *binds = args[0];
      uint32_t saved = f->nlocals;
      for (uint32_t i = 0; i < binds->n; i++) {
        const ast *b = binds->items[i];
        compile_expr(f, b->items[1]);
        emit1(f, OP_SETL, (int32_t)declare_local(f, b->items[0]->sym));
      }
      compile_body(f, args + 1, nargs - 1);
      f->nlocals = saved;
      return;
    }
    if (s == S_SET) {
      uint32_t sym = args[0]->sym;
      compile_expr(f, args[1]);
      emit_op(f, OP_DUP);
      int slot = find_local(f, sym);
      if (slot >= 0) {
        emit1(f, OP_SETL, slot);
      } else {
        if (find_upval(f, sym) >= 0)
          fail("set!: captured variables are read-only", sym_names[sym]);
        emit1(f, OP_SETG, (int32_t)global_index(sym));
      }
      return;
    }
    if (s == S_DEF) {
      compile_expr(f, args[1]);
      emit1(f, OP_SETG, (int32_t)global_index(args[0]->sym));
      emit_op(f, OP_NIL);
      return;
    }
    if (s == S_DEFN) {
      uint32_t g = global_index(args[0]->sym);
      compile_fn(f, args[1], args + 2, nargs - 2, args[0]->sym);
      emit1(f, OP_SETG, (int32_t)g);
      emit_op(f, OP_NIL);
      return;
    }
    if (s == S_FN) {
      compile_fn(f, args[0], args + 1, nargs - 1, s);
      return;
    }
    int b = builtin_of_sym[s];
    if (b >= 0 && find_local(f, s) < 0) {
      enum op op = builtins[b].op;
      if (builtins[b].arity >= 0 && (uint32_t)builtins[b].arity != nargs)
        fail("wrong number of arguments to", sym_names[s]);
      if ((op == OP_ADD || op == OP_SUB) && nargs == 2 && args[1]->kind == A_INT) {
        compile_expr(f, args[0]);
        emit1(f, OP_ADDI, op == OP_ADD ? args[1]->ival : -args[1]->ival);
        return;
      }
      for (uint32_t i = 0; i < nargs; i++) {
        compile_expr(f, args[i]);
        if ((op == OP_ADD || op == OP_MUL) && i > 0)
          emit_op(f, op);
      }
      if (op == OP_ADD || op == OP_MUL)
        return;
      if (op == OP_ARR || op == OP_STR)
        emit1(f, op, (int32_t)nargs);
      else
        emit_op(f, op);
      return;
    }
  }
  compile_expr(f, head);
  for (uint32_t i = 0; i < nargs; i++)
    compile_expr(f, args[i]);
  emit1(f, OP_CALL, (int32_t)nargs);
}

static void compile_expr(fstate *f, const ast *e) {
  switch (e->kind) {
  case A_INT:
    if (e->ival >= -1000000 && e->ival <= 1000000)
      emit1(f, OP_INT, e->ival);
    else
      emit1(f, OP_CONST, (int32_t)add_const(f, v_int(e->ival)));
    break;
  case A_STR: emit1(f, OP_CONST, (int32_t)add_const(f, e->str)); break;
  case A_SYM: compile_symbol(f, e->sym); break;
  case A_LIST: compile_list(f, e); break;
  }
}

/* The whole script as the body of a function of no parameters. */
static proto *compile_script(const char *src) {
  reader r = {src, 0};
  ast *forms[256];
  uint32_t n = 0;
  for (ast *a; (a = read_form(&r)) != NULL;) {
    if (n == 256)
      fail("script too long", NULL);
    forms[n++] = a;
  }
  proto *p = alloc(sizeof(proto));
  memset(p, 0, sizeof *p);
  fstate *f = alloc(sizeof(fstate));
  memset(f, 0, sizeof *f);
  f->p = p;
  compile_body(f, forms, n);
  emit_op(f, OP_RET);
  return p;
}

/* ---- the interpreter ---- */

#define STACK 65536
#define FRAMES 2048

typedef struct {
  closure *fn;
  const int32_t *pc;
  value *base;
} frame;

static value stack[STACK];
static frame frames[FRAMES];
static uint64_t out_hash;

static value make_closure(proto *p, const closure *enclosing, const value *base) {
  obj *o = alloc(sizeof(obj));
  closure *c = alloc((uint32_t)sizeof(closure) + p->nup * (uint32_t)sizeof(value));
  c->p = p;
  c->nup = p->nup;
  for (uint32_t i = 0; i < p->nup; i++)
    c->up[i] = p->up[i].from_local ? base[p->up[i].index] : enclosing->up[p->up[i].index];
  o->kind = V_FN;
  o->u.c = c;
  return v_obj(V_FN, o);
}

static void type_error(const char *op) { fail("type error in", op); }

static int32_t want_int(value v, const char *op) {
  if (v.tag != V_INT)
    type_error(op);
  return v.as.i;
}

static void emit_value(value v) {
#ifdef SCRIPT_VM_TRACE /* -DSCRIPT_VM_TRACE: print what the script emits */
  if (v.tag == V_STR)
    printf("emit \"%.40s\"%s\n", v.as.o->u.s->data, v.as.o->u.s->len > 40 ? "..." : "");
  else if (v.tag == V_INT)
    printf("emit %" PRId32 "\n", v.as.i);
#endif
  switch (v.tag) {
  case V_INT: out_hash = mix64(out_hash, (uint32_t)v.as.i); break;
  case V_STR:
    out_hash = mix64(out_hash, (uint64_t)v.as.o->u.s->hash << 32 | v.as.o->u.s->len);
    break;
  default: out_hash = mix64(out_hash, 0xff00u + v.tag); break;
  }
}

static value concat(const value *vals, uint32_t n) {
  static char buf[1u << 20];
  uint32_t len = 0;
  for (uint32_t i = 0; i < n; i++)
    len += print_value(buf + len, (uint32_t)sizeof buf - len, vals[i]);
  return new_string(buf, len);
}

static value join(const array *a, value sep) {
  static char buf[1u << 22];
  uint32_t len = 0;
  for (uint32_t i = 0; i < a->len; i++) {
    if (i)
      len += print_value(buf + len, (uint32_t)sizeof buf - len, sep);
    len += print_value(buf + len, (uint32_t)sizeof buf - len, a->items[i]);
  }
  return new_string(buf, len);
}

static void run(proto *main_proto) {
  closure *fn = alloc(sizeof(closure));
  fn->p = main_proto;
  fn->nup = 0;
  value *base = stack;
  value *sp = base + main_proto->nslots;
  for (value *v = base; v < sp; v++)
    *v = NIL;
  const int32_t *pc = main_proto->code;
  frame *fp = frames;
  for (;;) {
    int32_t op = *pc++;
    switch (op) {
    case OP_CONST: *sp++ = fn->p->consts[*pc++]; break;
    case OP_INT: *sp++ = v_int(*pc++); break;
    case OP_NIL: *sp++ = NIL; break;
    case OP_TRUE: *sp++ = v_bool(1); break;
    case OP_FALSE: *sp++ = v_bool(0); break;
    case OP_GETL: *sp++ = base[*pc++]; break;
    case OP_SETL: base[*pc++] = *--sp; break;
    case OP_GETU: *sp++ = fn->up[*pc++]; break;
    case OP_GETG: *sp++ = globals[*pc++]; break;
    case OP_SETG: globals[*pc++] = *--sp; break;
    case OP_POP: sp--; break;
    case OP_DUP:
      *sp = sp[-1];
      sp++;
      break;
    case OP_ADDI:
      sp[-1] = v_int((int32_t)((uint32_t)want_int(sp[-1], "+") + (uint32_t)*pc++));
      break;
#define ARITH(name, sym, expr)                                                                     \
  case name: {                                                                                     \
    int32_t b = want_int(sp[-1], sym), a = want_int(sp[-2], sym);                                  \
    sp--;                                                                                          \
    sp[-1] = v_int(expr);                                                                          \
    break;                                                                                         \
  }
#define COMPARE(name, sym, expr)                                                                   \
  case name: {                                                                                     \
    int32_t b = want_int(sp[-1], sym), a = want_int(sp[-2], sym);                                  \
    sp--;                                                                                          \
    sp[-1] = v_bool(expr);                                                                         \
    break;                                                                                         \
  }
      ARITH(OP_ADD, "+", (int32_t)((uint32_t)a + (uint32_t)b))
      ARITH(OP_SUB, "-", (int32_t)((uint32_t)a - (uint32_t)b))
      ARITH(OP_MUL, "*", (int32_t)((uint32_t)a * (uint32_t)b))
      ARITH(OP_BAND, "band", a & b)
      ARITH(OP_BOR, "bor", a | b)
      ARITH(OP_BXOR, "bxor", a ^ b)
      ARITH(OP_SHL, "shl", (int32_t)((uint32_t)a << (b & 31)))
      ARITH(OP_SHR, "shr", (int32_t)((uint32_t)a >> (b & 31)))
      COMPARE(OP_LT, "<", a < b)
      COMPARE(OP_LE, "<=", a <= b)
      COMPARE(OP_GT, ">", a > b)
      COMPARE(OP_GE, ">=", a >= b)
#undef ARITH
#undef COMPARE
    case OP_DIV:
    case OP_MOD: {
      int32_t b = want_int(sp[-1], "/"), a = want_int(sp[-2], "/");
      if (b == 0 || (a == INT32_MIN && b == -1))
        fail("division by zero or overflow", NULL);
      sp--;
      sp[-1] = v_int(op == OP_DIV ? a / b : a % b);
      break;
    }
    case OP_NEG: sp[-1] = v_int((int32_t)(0u - (uint32_t)want_int(sp[-1], "neg"))); break;
    case OP_EQ:
    case OP_NE: {
      int eq = values_equal(sp[-2], sp[-1]);
      sp--;
      sp[-1] = v_bool(op == OP_EQ ? eq : !eq);
      break;
    }
    case OP_NOT: sp[-1] = v_bool(!truthy(sp[-1])); break;
    case OP_JMP: pc = fn->p->code + *pc; break;
    case OP_JF:
      if (truthy(*--sp))
        pc++;
      else
        pc = fn->p->code + *pc;
      break;
    case OP_JFK: /* and: keep the false value, else drop it */
      if (truthy(sp[-1])) {
        sp--;
        pc++;
      } else {
        pc = fn->p->code + *pc;
      }
      break;
    case OP_JTK: /* or */
      if (!truthy(sp[-1])) {
        sp--;
        pc++;
      } else {
        pc = fn->p->code + *pc;
      }
      break;
    case OP_CALL: {
      uint32_t n = (uint32_t)*pc++;
      value callee = sp[-1 - (int32_t)n];
      if (callee.tag != V_FN)
        fail("call of a non-function", NULL);
      closure *c = callee.as.o->u.c;
      if (c->p->nparams != n)
        fail("wrong number of arguments to", sym_names[c->p->name]);
      if (++fp == frames + FRAMES || sp + c->p->nslots + 64 > stack + STACK)
        fail("stack overflow", NULL);
      fp->fn = fn;
      fp->pc = pc;
      fp->base = base;
      fn = c;
      base = sp - n;
      for (sp = base + n; sp < base + c->p->nslots; sp++)
        *sp = NIL;
      pc = c->p->code;
      break;
    }
    case OP_RET: {
      value result = sp[-1];
      if (fp == frames)
        return;
      sp = base - 1; /* drop the arguments and the callee */
      *sp++ = result;
      fn = fp->fn;
      pc = fp->pc;
      base = fp->base;
      fp--;
      break;
    }
    case OP_CLOSURE: *sp++ = make_closure(fn->p->protos[*pc++], fn, base); break;
    case OP_ARR: {
      uint32_t n = (uint32_t)*pc++;
      value a = new_array(n);
      for (uint32_t i = 0; i < n; i++)
        array_push(a.as.o->u.a, sp[(int32_t)i - (int32_t)n]);
      sp -= n;
      *sp++ = a;
      break;
    }
    case OP_ARRAYN: {
      int32_t n = want_int(sp[-2], "array");
      value a = new_array((uint32_t)n);
      for (int32_t i = 0; i < n; i++)
        array_push(a.as.o->u.a, sp[-1]);
      sp--;
      sp[-1] = a;
      break;
    }
    case OP_PUSH:
      if (sp[-2].tag != V_ARR)
        type_error("push");
      array_push(sp[-2].as.o->u.a, sp[-1]);
      sp--;
      break;
    case OP_GET: {
      if (sp[-2].tag != V_ARR)
        type_error("get");
      const array *a = sp[-2].as.o->u.a;
      uint32_t i = (uint32_t)want_int(sp[-1], "get");
      sp--;
      sp[-1] = i < a->len ? a->items[i] : NIL;
      break;
    }
    case OP_PUT: {
      if (sp[-3].tag != V_ARR)
        type_error("put");
      array *a = sp[-3].as.o->u.a;
      uint32_t i = (uint32_t)want_int(sp[-2], "put");
      if (i >= a->len)
        fail("put: index out of range", NULL);
      a->items[i] = sp[-1];
      sp[-3] = sp[-1];
      sp -= 2;
      break;
    }
    case OP_LEN: {
      value v = sp[-1];
      int32_t n = v.tag == V_ARR    ? (int32_t)v.as.o->u.a->len
                  : v.tag == V_STR  ? (int32_t)v.as.o->u.s->len
                  : v.tag == V_DICT ? (int32_t)v.as.o->u.d->count
                                    : (type_error("len"), 0);
      sp[-1] = v_int(n);
      break;
    }
    case OP_DICT: *sp++ = new_dict(); break;
    case OP_DGET:
    case OP_DHAS: {
      if (sp[-2].tag != V_DICT)
        type_error("dget");
      value v = dict_get(sp[-2].as.o->u.d, sp[-1]);
      sp--;
      sp[-1] = op == OP_DGET ? v : v_bool(v.tag != V_NIL);
      break;
    }
    case OP_DPUT:
      if (sp[-3].tag != V_DICT)
        type_error("dput");
      dict_put(sp[-3].as.o->u.d, sp[-2], sp[-1]);
      sp[-3] = sp[-1];
      sp -= 2;
      break;
    case OP_STR: {
      uint32_t n = (uint32_t)*pc++;
      value s = concat(sp - n, n);
      sp -= n;
      *sp++ = s;
      break;
    }
    case OP_JOIN:
      if (sp[-2].tag != V_ARR)
        type_error("join");
      sp[-2] = join(sp[-2].as.o->u.a, sp[-1]);
      sp--;
      break;
    case OP_SUBSTR: {
      if (sp[-3].tag != V_STR)
        type_error("substr");
      const string *s = sp[-3].as.o->u.s;
      uint32_t from = (uint32_t)want_int(sp[-2], "substr"),
               n = (uint32_t)want_int(sp[-1], "substr");
      if (from > s->len || n > s->len - from)
        fail("substr: out of range", NULL);
      sp[-3] = new_string(s->data + from, n);
      sp -= 2;
      break;
    }
    case OP_ORD: {
      if (sp[-2].tag != V_STR)
        type_error("ord");
      const string *s = sp[-2].as.o->u.s;
      uint32_t i = (uint32_t)want_int(sp[-1], "ord");
      sp--;
      sp[-1] = i < s->len ? v_int((uint8_t)s->data[i]) : NIL;
      break;
    }
    case OP_CHR: {
      char c = (char)want_int(sp[-1], "chr");
      sp[-1] = new_string(&c, 1);
      break;
    }
    case OP_EMIT: emit_value(sp[-1]); break;
    default: fail("bad opcode", NULL);
    }
  }
}

/* ---- the script ---- */

/* The script, in parts (each below C's minimum string-literal limit),
 * joined into one text at start-up. */
static const char *const script_parts[] = {
    "; recursion\n"
    "(defn fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n"
    "(emit (fib (+ 21 (% ROUND 3))))\n",
    "; higher-order functions and closures\n"
    "(defn range (a b) (let ((r (arr)) (i a)) (while (< i b) (push r i) (set! i (+ i 1))) r))\n"
    "(defn map (xs f)\n"
    "  (let ((r (arr)) (i 0) (n (len xs)))\n"
    "    (while (< i n) (push r (f (get xs i))) (set! i (+ i 1)))\n"
    "    r))\n"
    "(defn filter (xs keep)\n"
    "  (let ((r (arr)) (i 0) (n (len xs)))\n"
    "    (while (< i n) (let ((x (get xs i))) (if (keep x) (push r x))) (set! i (+ i 1)))\n"
    "    r))\n"
    "(defn fold (xs f acc)\n"
    "  (let ((i 0) (n (len xs)))\n"
    "    (while (< i n) (set! acc (f acc (get xs i))) (set! i (+ i 1)))\n"
    "    acc))\n"
    "(defn make-adder (k) (fn (x) (+ x k)))\n"
    "(defn compose (f g) (fn (x) (f (g x))))\n"
    "(defn plus (a b) (+ a b))\n"
    "(def xs (range ROUND (+ ROUND 6000)))\n"
    "(def inc3 (compose (make-adder 1) (make-adder 2)))\n"
    "(emit (fold (map xs inc3) plus 0))\n"
    "(emit (len (filter xs (fn (x) (= (% x 3) 0)))))\n"
    "(let ((k 7)) (emit (fold (filter (map xs (fn (x) (* x k))) (fn (y) (= (band y 15) 1)))\n"
    "                         (fn (a b) (bxor (* a 31) b)) 0)))\n"
    "(defn counter () (let ((cell (arr 0))) (fn () (put cell 0 (+ (get cell 0) 1)))))\n"
    "(let ((c (counter)) (i 0)) (while (< i 5000) (c) (set! i (+ i 1))) (emit (c)))\n",
    "; a sieve\n"
    "(defn sieve (n)\n"
    "  (let ((flags (array n true)) (count 0) (i 2))\n"
    "    (while (< i n)\n"
    "      (if (get flags i)\n"
    "        (begin (set! count (+ count 1))\n"
    "          (let ((j (* i i))) (while (< j n) (put flags j false) (set! j (+ j i))))))\n"
    "      (set! i (+ i 1)))\n"
    "    count))\n"
    "(emit (sieve (+ 40000 ROUND)))\n",
    "; quicksort with a comparator\n"
    "(def seed (+ 12345 ROUND))\n"
    "(defn rand () (set! seed (band (+ (* seed 1103515245) 12345) 2147483647)) (shr seed 8))\n"
    "(defn swap (a i j) (let ((t (get a i))) (put a i (get a j)) (put a j t)))\n"
    "(defn qsort (a lo hi less)\n"
    "  (if (< lo hi)\n"
    "    (let ((p (get a (/ (+ lo hi) 2))) (i lo) (j hi))\n"
    "      (while (<= i j)\n"
    "        (while (less (get a i) p) (set! i (+ i 1)))\n"
    "        (while (less p (get a j)) (set! j (- j 1)))\n"
    "        (if (<= i j) (begin (swap a i j) (set! i (+ i 1)) (set! j (- j 1)))))\n"
    "      (qsort a lo j less)\n"
    "      (qsort a i hi less))))\n"
    "(defn sorted? (a less)\n"
    "  (let ((i 1) (ok true))\n"
    "    (while (and ok (< i (len a))) (if (less (get a i) (get a (- i 1))) (set! ok false))\n"
    "      (set! i (+ i 1)))\n"
    "    ok))\n"
    "(def nums (map (range 0 4000) (fn (i) (% (rand) 100000))))\n"
    "(qsort nums 0 (- (len nums) 1) (fn (a b) (< a b)))\n"
    "(emit (if (sorted? nums (fn (a b) (< a b))) (get nums 2000) -1))\n"
    "(def desc (fn (a b) (> a b)))\n"
    "(qsort nums 0 (- (len nums) 1) desc)\n"
    "(emit (if (sorted? nums desc) (get nums 10) -1))\n",
    "; records as tables\n"
    "(defn point (x y) (let ((p (dict))) (dput p \"x\" x) (dput p \"y\" y) p))\n"
    "(defn manhattan (p q)\n"
    "  (let ((dx (- (dget p \"x\") (dget q \"x\"))) (dy (- (dget p \"y\") (dget q \"y\"))))\n"
    "    (+ (if (< dx 0) (neg dx) dx) (if (< dy 0) (neg dy) dy))))\n"
    "(def pts (map (range 0 1500) (fn (i) (point (% (rand) 1000) (% (rand) 1000)))))\n"
    "(let ((i 1) (total 0))\n"
    "  (while (< i (len pts)) (set! total (+ total (manhattan (get pts i) (get pts (- i 1)))))\n"
    "    (set! i (+ i 1)))\n"
    "  (emit total))\n",
    "; strings: generated text, split into words, counted in a table\n"
    "(def syll (arr \"ka\" \"lo\" \"mi\" \"ne\" \"tor\" \"an\" \"qu\" \"el\" \"sa\" \"ri\"))\n"
    "(defn word ()\n"
    "  (let ((n (+ 1 (% (rand) 3))) (parts (arr)))\n"
    "    (while (> n 0) (push parts (get syll (% (rand) 10))) (set! n (- n 1)))\n"
    "    (join parts \"\")))\n"
    "(defn text (nwords) (join (map (range 0 nwords) (fn (i) (word))) \" \"))\n"
    "(defn split-words (s)\n"
    "  (let ((out (arr)) (i 0) (start 0) (n (len s)))\n"
    "    (while (< i n)\n"
    "      (if (= (ord s i) 32)\n"
    "        (begin (if (> i start) (push out (substr s start (- i start)))) (set! start (+ i "
    "1))))\n"
    "      (set! i (+ i 1)))\n"
    "    (if (> n start) (push out (substr s start (- n start))))\n"
    "    out))\n"
    "(defn count-words (ws)\n"
    "  (let ((d (dict)) (i 0))\n"
    "    (while (< i (len ws))\n"
    "      (let ((w (get ws i))) (dput d w (+ 1 (or (dget d w) 0))))\n"
    "      (set! i (+ i 1)))\n"
    "    d))\n"
    "(def t (text 5000))\n"
    "(def ws (split-words t))\n"
    "(def freq (count-words ws))\n"
    "(emit (len t))\n"
    "(emit (len ws))\n"
    "(emit (len freq))\n"
    "(emit (or (dget freq \"kalo\") 0))\n"
    "(emit (str \"words:\" (len ws) \" distinct:\" (len freq)))\n"
    "(defn upcase (s)\n"
    "  (let ((parts (arr)) (i 0))\n"
    "    (while (< i (len s))\n"
    "      (let ((c (ord s i))) (push parts (chr (if (and (>= c 97) (<= c 122)) (- c 32) c))))\n"
    "      (set! i (+ i 1)))\n"
    "    (join parts \"\")))\n"
    "(emit (upcase (substr t 0 2000)))\n"
    "(defn digit-sum (s)\n"
    "  (let ((i 0) (sum 0)) (while (< i (len s)) (set! sum (+ sum (- (ord s i) 48))) (set! i (+ i "
    "1)))\n"
    "    sum))\n"
    "(emit (fold (map (range 0 3000) (fn (i) (digit-sum (str (* i 7919))))) plus 0))\n",
    "; memoised Collatz lengths\n"
    "(def memo (dict))\n"
    "(defn collatz (n)\n"
    "  (if (= n 1) 0\n"
    "    (if (dhas memo n) (dget memo n)\n"
    "      (let ((r (+ 1 (collatz (if (= (% n 2) 0) (/ n 2) (+ (* 3 n) 1))))))\n"
    "        (dput memo n r)))))\n"
    "(let ((i 1) (best 0) (arg 0))\n"
    "  (while (< i 12000)\n"
    "    (let ((c (collatz i))) (if (> c best) (begin (set! best c) (set! arg i))))\n"
    "    (set! i (+ i 1)))\n"
    "  (emit best) (emit arg) (emit (len memo)))\n",
};

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 14, 1);
  arena_cap = 24u << 20;
  arena_mem = malloc(arena_cap);
  if (!arena_mem) {
    fprintf(stderr, "script_vm: out of memory\n");
    return 2;
  }
  static char script[8192];
  size_t used = 0;
  for (size_t i = 0; i < sizeof script_parts / sizeof script_parts[0]; i++) {
    size_t l = strlen(script_parts[i]);
    if (used + l + 2 > sizeof script) {
      fprintf(stderr, "script_vm: script too long\n");
      return 2;
    }
    memcpy(script + used, script_parts[i], l);
    used += l;
    script[used++] = '\n';
  }
  script[used] = '\0';
  uint64_t h = 0xcbf29ce484222325ull;
  uint32_t peak = 0;
  for (uint32_t round = 0; round < sz.n; round++) {
    arena_used = 0;
    nsyms = 0;
    nglobals = 0;
    for (uint32_t i = 0; i < MAX_SYMS; i++)
      global_of_sym[i] = builtin_of_sym[i] = -1;
    S_DEF = intern("def", 3);
    S_DEFN = intern("defn", 4);
    S_FN = intern("fn", 2);
    S_LET = intern("let", 3);
    S_SET = intern("set!", 4);
    S_IF = intern("if", 2);
    S_WHILE = intern("while", 5);
    S_BEGIN = intern("begin", 5);
    S_AND = intern("and", 3);
    S_OR = intern("or", 2);
    S_TRUE = intern("true", 4);
    S_FALSE = intern("false", 5);
    S_NIL = intern("nil", 3);
    for (uint32_t b = 0; b < NBUILTINS; b++)
      builtin_of_sym[intern(builtins[b].name, (uint32_t)strlen(builtins[b].name))] = (int32_t)b;
    globals[global_index(intern("ROUND", 5))] = v_int((int32_t)round);
    proto *p = compile_script(script);
    out_hash = 0;
    run(p);
    h = mix64(h, out_hash);
    if (arena_used > peak)
      peak = arena_used;
  }
  free(arena_mem);
  (void)peak;
  return bench_check_u64("script_vm", sz, h, 0x3369c373f9655cefull, 0x204c9da51c061385ull);
}
