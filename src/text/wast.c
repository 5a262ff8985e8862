// SPDX-License-Identifier: Apache-2.0
// Spec scripts (.wast): a list of commands, each a module (text, binary
// or quoted text), a register, an action (invoke, get) or an assertion.
// Text modules are parsed here, through the same parser as .wat files; one
// that does not parse is recorded in its command (parsed = false, err) and
// the script goes on. Quoted modules are parsed by wd_wast_parse_quote.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/wat.h"

typedef struct script_parser {
  wd_parser_t P; // tokens, error and jump buffer
  wd_wast_script_t *S;
  size_t cap;
} script_parser_t;

static bool at_kw(wd_parser_t *P, const char *kw) { return wd_is_kw(P, wd_peek(P, 0), kw); }

// A copy of a $name without the $ (of $"name": the string), or NULL if
// there is none.
static char *opt_name(wd_parser_t *P) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind != TK_ID)
    return NULL;
  P->pos++;
  size_t len;
  const char *name = wd_id(P, t, &len, false);
  char *s = wd_xrealloc(P, NULL, len + 1);
  memcpy(s, name, len);
  s[len] = 0;
  return s;
}

// Decodes one string token into a new NUL-terminated string.
static char *string_tok(wd_parser_t *P, size_t *len) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind != TK_STR)
    wd_unexpected(P, t);
  P->pos++;
  uint8_t *s = wd_xrealloc(P, NULL, t->len + 1);
  size_t n = wd_str_decode(P->src, t, s);
  s[n] = 0;
  if (len)
    *len = n;
  return (char *)s;
}

// Concatenates string tokens into *out (NUL-terminated).
static void strings(wd_parser_t *P, uint8_t **out, size_t *len) {
  size_t total = 1;
  for (size_t k = P->pos; P->t[k].kind == TK_STR; k++)
    total += P->t[k].len;
  uint8_t *b = wd_xrealloc(P, NULL, total);
  *out = b;
  size_t n = 0;
  while (wd_peek(P, 0)->kind == TK_STR)
    n += wd_str_decode(P->src, wd_next(P), b + n);
  b[n] = 0;
  *len = n;
}

// Skips to the ')' closing the s-expression whose '(' is at open.
static void skip_to_close(wd_parser_t *P, size_t open) {
  P->pos = open;
  size_t depth = 0;
  for (;;) {
    const wd_tok_t *t = wd_peek(P, 0);
    if (t->kind == TK_EOF || t->kind == TK_BAD)
      wd_unexpected(P, t);
    P->pos++;
    if (t->kind == TK_LPAR)
      depth++;
    else if (t->kind == TK_RPAR && --depth == 0)
      return;
  }
}

// (module $name? ...) at '('; fills m.
static void parse_module(wd_parser_t *P, wd_wast_module_t *m) {
  size_t open = P->pos;
  wd_expect_lpar(P);
  wd_expect_kw(P, "module");
  if (at_kw(P, "definition")) {
    P->pos++;
    m->definition = true;
  }
  m->name = opt_name(P);
  if (at_kw(P, "binary")) {
    P->pos++;
    m->form = WD_MOD_BINARY;
    strings(P, &m->bytes, &m->len);
    m->parsed = true;
    wd_expect_rpar(P);
    return;
  }
  if (at_kw(P, "quote")) {
    P->pos++;
    m->form = WD_MOD_QUOTE;
    m->features = P->features;
    uint8_t *q;
    strings(P, &q, &m->quote_len);
    m->quote = (char *)q;
    wd_expect_rpar(P);
    return;
  }
  m->form = WD_MOD_TEXT;
  size_t pos = P->pos;
  m->parsed =
      wd_wat_module(P->src, P->srclen, P->t, P->nt, &pos, P->features, &m->bytes, &m->len, &m->err);
  if (m->parsed && P->t[pos].kind == TK_RPAR) {
    P->pos = pos + 1;
    return;
  }
  if (m->parsed) {
    // fields parsed but something else follows
    const wd_tok_t *t = &P->t[pos];
    free(m->bytes);
    m->bytes = NULL;
    m->len = 0;
    m->parsed = false;
    m->err.line = t->line;
    m->err.col = t->col;
    snprintf(m->err.msg, sizeof m->err.msg, "%s",
             t->kind == TK_EOF   ? "unexpected end"
             : t->kind == TK_BAD ? wd_bad_msg(t)
                                 : "unexpected token");
  }
  skip_to_close(P, open);
}

static bool is_module(wd_parser_t *P) { return wd_peek_sexp(P, "module"); }

static const struct {
  const char *name;
  wd_wast_shape_t shape;
  unsigned lanes;
} shapes[] = {{"i8x16", WD_SHAPE_I8X16, 16}, {"i16x8", WD_SHAPE_I16X8, 8},
              {"i32x4", WD_SHAPE_I32X4, 4},  {"i64x2", WD_SHAPE_I64X2, 2},
              {"f32x4", WD_SHAPE_F32X4, 4},  {"f64x2", WD_SHAPE_F64X2, 2}};

// A number token as an integer of the given width.
static uint64_t int_tok(wd_parser_t *P, unsigned bits) {
  const wd_tok_t *t = wd_peek(P, 0);
  uint64_t v = 0;
  if (t->kind != TK_NUM)
    wd_unexpected(P, t);
  wd_numst_t st = wd_num_int(P->src + t->off, t->len, bits, &v);
  if (st == NUM_SYNTAX)
    wd_unexpected(P, t);
  if (st == NUM_RANGE)
    wd_fail(P, t, "constant out of range");
  P->pos++;
  return v;
}

// A float token, or a NaN pattern when allowed.
static uint64_t float_tok(wd_parser_t *P, bool f32, bool pats, wd_wast_pat_t *pat) {
  const wd_tok_t *t = wd_peek(P, 0);
  *pat = WD_PAT_EXACT;
  if (pats && wd_is_kw(P, t, "nan:canonical")) {
    P->pos++;
    *pat = WD_PAT_NAN_CANONICAL;
    return f32 ? 0x7fc00000u : 0x7ff8000000000000u;
  }
  if (pats && wd_is_kw(P, t, "nan:arithmetic")) {
    P->pos++;
    *pat = WD_PAT_NAN_ARITHMETIC;
    return f32 ? 0x7fc00000u : 0x7ff8000000000000u;
  }
  if (t->kind != TK_NUM && t->kind != TK_KW)
    wd_unexpected(P, t);
  uint64_t v = 0;
  wd_numst_t st;
  if (f32) {
    uint32_t b = 0;
    st = wd_num_f32(P->src + t->off, t->len, &b);
    v = b;
  } else {
    st = wd_num_f64(P->src + t->off, t->len, &v);
  }
  if (st == NUM_SYNTAX)
    wd_unexpected(P, t);
  if (st == NUM_RANGE)
    wd_fail(P, t, "constant out of range");
  P->pos++;
  return v;
}

// The result patterns (ref), (ref.any), (ref.eq), (ref.i31), (ref.struct),
// (ref.array) and (ref.exn) (keyword t): any non-null reference of that heap
// type.
static bool ref_type_pat(wd_parser_t *P, const wd_tok_t *t, uint8_t *heap) {
  static const struct {
    const char *kw;
    uint8_t heap;
  } pats[] = {{"ref", WD_HT_ANY},     {"ref.any", WD_HT_ANY},       {"ref.eq", WD_HT_EQ},
              {"ref.i31", WD_HT_I31}, {"ref.struct", WD_HT_STRUCT}, {"ref.array", WD_HT_ARRAY},
              {"ref.exn", WD_HT_EXN}};
  for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++)
    if (wd_is_kw(P, t, pats[i].kw)) {
      *heap = pats[i].heap;
      return true;
    }
  return false;
}

// A constant (arguments) or a result pattern (pats): (i32.const ...) etc.
static void parse_value(wd_parser_t *P, wd_wast_val_t *v, bool pats) {
  memset(v, 0, sizeof *v);
  wd_expect_lpar(P);
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind != TK_KW)
    wd_unexpected(P, t);
  P->pos++;
  if (wd_is_kw(P, t, "i32.const")) {
    v->kind = WD_WV_I32;
    v->bits = int_tok(P, 32);
  } else if (wd_is_kw(P, t, "i64.const")) {
    v->kind = WD_WV_I64;
    v->bits = int_tok(P, 64);
  } else if (wd_is_kw(P, t, "f32.const")) {
    v->kind = WD_WV_F32;
    v->bits = float_tok(P, true, pats, &v->pat);
  } else if (wd_is_kw(P, t, "f64.const")) {
    v->kind = WD_WV_F64;
    v->bits = float_tok(P, false, pats, &v->pat);
  } else if (wd_is_kw(P, t, "v128.const")) {
    v->kind = WD_WV_V128;
    const wd_tok_t *s = wd_peek(P, 0);
    int k = -1;
    for (int i = 0; i < 6; i++)
      if (wd_is_kw(P, s, shapes[i].name))
        k = i;
    if (k < 0)
      wd_unexpected(P, s);
    P->pos++;
    v->shape = shapes[k].shape;
    unsigned lanes = shapes[k].lanes, bytes = 16 / lanes;
    for (unsigned i = 0; i < lanes; i++) {
      uint64_t x;
      if (v->shape == WD_SHAPE_F32X4 || v->shape == WD_SHAPE_F64X2)
        x = float_tok(P, v->shape == WD_SHAPE_F32X4, pats, &v->lane_pat[i]);
      else
        x = int_tok(P, bytes * 8);
      for (unsigned b = 0; b < bytes; b++)
        v->v128[i * bytes + b] = (uint8_t)(x >> (8 * b));
    }
  } else if (wd_is_kw(P, t, "ref.null")) {
    // (ref.null ht), or in a result (ref.null): any null reference
    v->kind = WD_WV_REF_NULL;
    v->heap = 0;
    if (wd_peek(P, 0)->kind != TK_RPAR || !pats) {
      uint32_t ht = wd_parse_heaptype(P);
      v->heap = ht >= WD_HT_IDX ? WD_HT_FUNC : (uint8_t)ht; // function types: func's
    }
  } else if (wd_is_kw(P, t, "ref.extern") && pats && wd_peek(P, 0)->kind == TK_RPAR) {
    v->kind = WD_WV_REF_TYPE; // (ref.extern): any non-null externref
    v->heap = WD_HT_EXTERN;
  } else if (wd_is_kw(P, t, "ref.extern")) {
    v->kind = WD_WV_REF_EXTERN;
    if (wd_peek(P, 0)->kind == TK_NUM)
      v->bits = int_tok(P, 64);
  } else if (wd_is_kw(P, t, "ref.host")) {
    v->kind = WD_WV_REF_HOST;
    v->bits = int_tok(P, 64);
  } else if (pats && ref_type_pat(P, t, &v->heap)) {
    v->kind = WD_WV_REF_TYPE;
  } else if (wd_is_kw(P, t, "ref.func") && pats) {
    v->kind = WD_WV_REF_FUNC;
    if (wd_peek(P, 0)->kind == TK_NUM || wd_peek(P, 0)->kind == TK_ID)
      P->pos++;
  } else {
    wd_unexpected(P, t);
  }
  wd_expect_rpar(P);
}

// (invoke $mod? "name" const*) | (get $mod? "name")
static void parse_action(wd_parser_t *P, wd_wast_action_t *a) {
  wd_expect_lpar(P);
  if (at_kw(P, "invoke")) {
    a->is_get = false;
  } else if (at_kw(P, "get")) {
    a->is_get = true;
  } else {
    wd_unexpected(P, wd_peek(P, 0));
  }
  P->pos++;
  a->module = opt_name(P);
  a->field = string_tok(P, &a->field_len);
  if (!a->is_get) {
    size_t cap = 0;
    while (wd_peek(P, 0)->kind == TK_LPAR) {
      if (a->nargs == cap) {
        cap = cap ? cap * 2 : 4;
        a->args = wd_xrealloc(P, a->args, cap * sizeof *a->args);
      }
      parse_value(P, &a->args[a->nargs], false);
      a->nargs++;
    }
  }
  wd_expect_rpar(P);
}

static wd_wast_cmd_t *new_cmd(script_parser_t *SP, wd_wast_cmdkind_t kind, const wd_tok_t *at) {
  wd_wast_script_t *S = SP->S;
  if (S->ncmds == SP->cap) {
    SP->cap = SP->cap ? SP->cap * 2 : 64;
    S->cmds = wd_xrealloc(&SP->P, S->cmds, SP->cap * sizeof *S->cmds);
  }
  wd_wast_cmd_t *c = &S->cmds[S->ncmds++];
  memset(c, 0, sizeof *c);
  c->kind = kind;
  c->line = at->line;
  c->col = at->col;
  return c;
}

// The results of assert_return: value* or (either value*).
static void parse_results(wd_parser_t *P, wd_wast_cmd_t *c) {
  if (wd_peek_sexp(P, "either")) {
    P->pos += 2;
    size_t cap = 0;
    while (wd_peek(P, 0)->kind == TK_LPAR) {
      if (c->nalts == cap) {
        cap = cap ? cap * 2 : 4;
        c->alts = wd_xrealloc(P, c->alts, cap * sizeof *c->alts);
        c->nalt_vals = wd_xrealloc(P, c->nalt_vals, cap * sizeof *c->nalt_vals);
      }
      c->alts[c->nalts] = NULL;
      c->nalt_vals[c->nalts] = 1;
      c->nalts++;
      c->alts[c->nalts - 1] = wd_xrealloc(P, NULL, sizeof(wd_wast_val_t));
      parse_value(P, c->alts[c->nalts - 1], true);
    }
    wd_expect_rpar(P);
    return;
  }
  c->alts = wd_xrealloc(P, NULL, sizeof *c->alts);
  c->nalt_vals = wd_xrealloc(P, NULL, sizeof *c->nalt_vals);
  c->alts[0] = NULL;
  c->nalt_vals[0] = 0;
  c->nalts = 1;
  size_t cap = 0;
  while (wd_peek(P, 0)->kind == TK_LPAR) {
    if (c->nalt_vals[0] == cap) {
      cap = cap ? cap * 2 : 4;
      c->alts[0] = wd_xrealloc(P, c->alts[0], cap * sizeof **c->alts);
    }
    parse_value(P, &c->alts[0][c->nalt_vals[0]], true);
    c->nalt_vals[0]++;
  }
}

static void parse_command(script_parser_t *SP) {
  wd_parser_t *P = &SP->P;
  const wd_tok_t *open = wd_peek(P, 0);
  if (open->kind != TK_LPAR)
    wd_unexpected(P, open);
  const wd_tok_t *kw = wd_peek(P, 1);
  if (wd_is_kw(P, kw, "module") && wd_is_kw(P, wd_peek(P, 2), "instance")) {
    // (module instance $inst? $mod?): with one name, the module's
    wd_wast_cmd_t *c = new_cmd(SP, WD_WAST_INSTANCE, open);
    P->pos += 3;
    char *first = opt_name(P);
    c->def_module = opt_name(P);
    if (c->def_module)
      c->module.name = first;
    else
      c->def_module = first;
    wd_expect_rpar(P);
    return;
  }
  if (wd_is_kw(P, kw, "module")) {
    wd_wast_cmd_t *c = new_cmd(SP, WD_WAST_MODULE, open);
    parse_module(P, &c->module);
    return;
  }
  P->pos += 2;
  if (wd_is_kw(P, kw, "register")) {
    wd_wast_cmd_t *c = new_cmd(SP, WD_WAST_REGISTER, open);
    c->text = string_tok(P, NULL);
    c->reg_module = opt_name(P);
  } else if (wd_is_kw(P, kw, "invoke") || wd_is_kw(P, kw, "get")) {
    wd_wast_cmd_t *c = new_cmd(SP, WD_WAST_ACTION, open);
    P->pos -= 2;
    parse_action(P, &c->action);
    c->has_action = true;
    return;
  } else if (wd_is_kw(P, kw, "assert_return")) {
    wd_wast_cmd_t *c = new_cmd(SP, WD_WAST_ASSERT_RETURN, open);
    parse_action(P, &c->action);
    c->has_action = true;
    parse_results(P, c);
  } else if (wd_is_kw(P, kw, "assert_exception")) {
    wd_wast_cmd_t *c = new_cmd(SP, WD_WAST_ASSERT_EXCEPTION, open);
    parse_action(P, &c->action);
    c->has_action = true;
  } else if (wd_is_kw(P, kw, "assert_trap") || wd_is_kw(P, kw, "assert_exhaustion")) {
    bool trap = wd_is_kw(P, kw, "assert_trap");
    wd_wast_cmd_t *c = new_cmd(SP, trap ? WD_WAST_ASSERT_TRAP : WD_WAST_ASSERT_EXHAUSTION, open);
    if (trap && is_module(P)) {
      parse_module(P, &c->module);
    } else {
      parse_action(P, &c->action);
      c->has_action = true;
    }
    c->text = string_tok(P, NULL);
  } else {
    static const struct {
      const char *name;
      wd_wast_cmdkind_t kind;
    } asserts[] = {{"assert_invalid", WD_WAST_ASSERT_INVALID},
                   {"assert_malformed", WD_WAST_ASSERT_MALFORMED},
                   {"assert_unlinkable", WD_WAST_ASSERT_UNLINKABLE},
                   {"assert_uninstantiable", WD_WAST_ASSERT_UNINSTANTIABLE}};
    size_t i = 0;
    while (i < 4 && !wd_is_kw(P, kw, asserts[i].name))
      i++;
    if (i == 4)
      wd_unexpected(P, kw);
    wd_wast_cmd_t *c = new_cmd(SP, asserts[i].kind, open);
    parse_module(P, &c->module);
    c->text = string_tok(P, NULL);
  }
  wd_expect_rpar(P);
}

// Whether the script starts with a module field rather than a command.
static bool bare_module(wd_parser_t *P) {
  static const char *const fields[] = {"type",   "rec",    "import", "func", "table", "memory",
                                       "global", "export", "start",  "elem", "data",  "tag"};
  if (wd_peek(P, 0)->kind != TK_LPAR)
    return false;
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
    if (wd_is_kw(P, wd_peek(P, 1), fields[i]))
      return true;
  return false;
}

bool wd_wast_parse(const char *src, size_t len, wd_wast_script_t *script, wd_text_error_t *err) {
  return wd_wast_parse_features(src, len, WARD_FEATURES_ALL, script, err);
}

bool wd_wast_parse_features(const char *src, size_t len, uint32_t features,
                            wd_wast_script_t *script, wd_text_error_t *err) {
  script->cmds = NULL;
  script->ncmds = 0;
  memset(err, 0, sizeof *err);
  wd_toks_t toks;
  if (!wd_lex(src, len, &toks)) {
    snprintf(err->msg, sizeof err->msg, "out of memory");
    return false;
  }
  script_parser_t *SP = calloc(1, sizeof *SP);
  if (!SP) {
    free(toks.v);
    snprintf(err->msg, sizeof err->msg, "out of memory");
    return false;
  }
  SP->S = script;
  wd_parser_t *P = &SP->P;
  P->src = src;
  P->srclen = len;
  P->t = toks.v;
  P->nt = toks.n;
  P->err = err;
  P->features = features;
  P->jbp = &P->jb;
  bool ok = false;
  if (setjmp(P->jb) == 0) {
    if (bare_module(P)) {
      // A script may be the fields of one module, without (module ...).
      wd_wast_cmd_t *c = new_cmd(SP, WD_WAST_MODULE, wd_peek(P, 0));
      c->module.form = WD_MOD_TEXT;
      c->module.parsed = wd_wat_to_wasm_features(src, len, features, &c->module.bytes,
                                                 &c->module.len, &c->module.err);
    } else {
      while (wd_peek(P, 0)->kind != TK_EOF)
        parse_command(SP);
    }
    ok = true;
  }
  free(toks.v);
  wd_buf_free(&P->idtmp);
  free(SP);
  return ok;
}

void wd_wast_parse_quote(wd_wast_module_t *m) {
  if (m->form != WD_MOD_QUOTE)
    return;
  free(m->bytes);
  m->bytes = NULL;
  m->len = 0;
  m->parsed = wd_wat_to_wasm_features(m->quote ? m->quote : "", m->quote_len, m->features,
                                      &m->bytes, &m->len, &m->err);
}

static void free_module(wd_wast_module_t *m) {
  free(m->name);
  free(m->bytes);
  free(m->quote);
}

void wd_wast_free(wd_wast_script_t *script) {
  for (size_t i = 0; i < script->ncmds; i++) {
    wd_wast_cmd_t *c = &script->cmds[i];
    free_module(&c->module);
    free(c->action.module);
    free(c->action.field);
    free(c->action.args);
    for (size_t k = 0; k < c->nalts; k++)
      free(c->alts[k]);
    free(c->alts);
    free(c->nalt_vals);
    free(c->text);
    free(c->reg_module);
    free(c->def_module);
  }
  free(script->cmds);
  script->cmds = NULL;
  script->ncmds = 0;
}
