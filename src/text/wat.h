// SPDX-License-Identifier: Apache-2.0
// Internal declarations shared by the text-format parser's files: tokens,
// the lexer, number literals, byte buffers and the parser state.
#ifndef WD_TEXT_WAT_H
#define WD_TEXT_WAT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ir/module.h"
#include "text/text.h"

// ---- tokens (lex.c) ----------------------------------------------------------

typedef enum wd_tk {
  TK_EOF,
  TK_LPAR,
  TK_RPAR,
  TK_KW,  // a keyword: starts with a lower-case letter
  TK_ID,  // $name or $"name" (the same id; see wd_id)
  TK_STR, // "..." (validated; decode with wd_str_decode)
  TK_NUM, // starts with a digit or a sign (not necessarily a valid number)
  TK_BAD, // a malformed token; bad says why
} wd_tk_t;

typedef enum wd_tkbad {
  BAD_RESERVED,        // not a token the grammar knows: "unknown operator"
  BAD_STRING,          // unterminated string or bad escape
  BAD_COMMENT,         // unterminated block comment
  BAD_UTF8,            // malformed UTF-8 in the source
  BAD_CHAR,            // a character that cannot start a token
  BAD_EMPTY_ID,        // `$` alone, `$""`, or `$` before a malformed string
  BAD_EMPTY_ANNOT,     // (@ without an id
  BAD_ANNOT,           // an annotation without its ')'
  BAD_UNCLOSED_STRING, // a string that the end of the text cuts off
} wd_tkbad_t;

typedef struct wd_tok {
  uint8_t kind, bad;
  uint32_t line, col;
  size_t off, len;
} wd_tok_t;

typedef struct wd_toks {
  wd_tok_t *v;
  size_t n;
} wd_toks_t;

// Splits src into tokens, always ending with TK_EOF (a lexical error ends
// the tokens with a TK_BAD then TK_EOF). Returns false only when out of memory.
bool wd_lex(const char *src, size_t len, wd_toks_t *out);
// Decodes the string token t (quotes included) into out (at least t->len
// bytes); returns its length.
size_t wd_str_decode(const char *src, const wd_tok_t *t, uint8_t *out);

// ---- numbers (num.c) ---------------------------------------------------------

typedef enum wd_numst { NUM_OK, NUM_SYNTAX, NUM_RANGE } wd_numst_t;

// Unsigned integer (decimal or 0x hex, '_' between digits), at most max.
wd_numst_t wd_num_uint(const char *s, size_t n, uint64_t max, uint64_t *out);
// iN literal (N = 8, 16, 32 or 64): unsigned up to 2^N-1, or signed.
wd_numst_t wd_num_int(const char *s, size_t n, unsigned bits, uint64_t *out);
// Whether s is a number of any kind (range not checked).
bool wd_num_syntax(const char *s, size_t n);
// Float literals, correctly rounded, as their bit patterns.
wd_numst_t wd_num_f32(const char *s, size_t n, uint32_t *out);
wd_numst_t wd_num_f64(const char *s, size_t n, uint64_t *out);

// Bits of the float literal lit (float.c): [sign] digits [. digits]
// [e|E [sign] digits], or [sign] 0x hexdigits [. hexdigits] p|P [sign]
// digits, without '_'; rounded to nearest even. Returns false if it rounds
// to infinity; *oom if memory ran out.
bool wd_float_bits(const char *lit, bool f32, uint64_t *bits, bool *oom);

// ---- byte buffers (buf.c) ----------------------------------------------------

typedef struct wd_buf {
  uint8_t *p;
  size_t n, cap;
} wd_buf_t;

struct wd_parser;
void wd_buf_byte(struct wd_parser *P, wd_buf_t *b, uint8_t v);
void wd_buf_bytes(struct wd_parser *P, wd_buf_t *b, const void *v, size_t n);
void wd_buf_u32(struct wd_parser *P, wd_buf_t *b, uint32_t v);
void wd_buf_u64(struct wd_parser *P, wd_buf_t *b, uint64_t v);
void wd_buf_s32(struct wd_parser *P, wd_buf_t *b, int32_t v);
void wd_buf_s64(struct wd_parser *P, wd_buf_t *b, int64_t v);
void wd_buf_free(wd_buf_t *b);

// ---- name tables (names.c) ---------------------------------------------------

// Maps $names (pointers into the source) to indices.
typedef struct wd_names {
  struct wd_name_ent {
    const char *s;
    size_t len;
    uint32_t idx;
  } * ent;
  size_t cap, count;
} wd_names_t;

// Adds name -> idx; returns false if it is already there.
bool wd_names_add(struct wd_parser *P, wd_names_t *t, const char *s, size_t len, uint32_t idx);
bool wd_names_get(const wd_names_t *t, const char *s, size_t len, uint32_t *idx);
void wd_names_free(wd_names_t *t);

// ---- the module being built (module.c, instr.c) ------------------------------

// The name of the id token t, without the $: for $"..." the string's
// (UTF-8, checked by the lexer) bytes, so that $abc and $"abc" are the
// same id. With keep the pointer stays valid for the parse (names that are
// bound); without, only until the next call.
struct wd_parser;
const char *wd_id(struct wd_parser *P, const struct wd_tok *t, size_t *len, bool keep);
// Binds the id token t (the parser at it) to idx in `names`, past it:
// params, locals and fields. A name bound twice fails with "duplicate
// WHAT $name".
void wd_bind_id(struct wd_parser *P, const struct wd_tok *t, wd_names_t *names, uint32_t idx,
                const char *what);

// Index spaces; SP_FUNC to SP_TAG in the order of their extern kinds.
enum { SP_TYPE, SP_FUNC, SP_TABLE, SP_MEM, SP_GLOBAL, SP_TAG, SP_ELEM, SP_DATA, SP_COUNT };

// A defined type: a function, struct or array type (Wasm 3.0 GC), final
// or not, with its declared supertypes. The types of a module come in
// recursive groups (wd_parser_t.groups), consecutive in index order.
typedef struct wd_ftype {
  uint8_t kind;            // WD_COMP_FUNC, WD_COMP_STRUCT or WD_COMP_ARRAY
  bool final;              // `sub` without `final` makes it non-final
  uint32_t np, nr;         // func: params and results; struct: np fields; array: np = 1
  wd_vt_t *t;              // np then nr value types; fields: storage types (i8, i16 packed)
  uint8_t *key;            // the allocation: np (4 bytes), then t; a function's signature key
  uint8_t *mut;            // struct and array: whether each of the np fields is mutable
  uint32_t nsuper, *super; // the declared supertypes
  wd_names_t fields;       // struct: the field names
} wd_ftype_t;

typedef struct wd_label {
  const char *name; // NULL if none
  size_t len;
} wd_label_t;

typedef struct wd_parser {
  const char *src;
  size_t srclen;
  wd_tok_t *t;
  size_t nt, pos;
  wd_text_error_t *err;
  // The features (WD_FEAT_*) the text may use where the grammar depends on
  // them: without memory64, limits and memarg offsets are u32s ("i32
  // constant out of range"), as in Wasm 2.0.
  uint32_t features;
  jmp_buf jb;     // where a failure goes (through jbp)
  jmp_buf *jbp;   // the jump buffer in use: &jb, or a nested one
  unsigned depth; // nesting of folded instructions
  unsigned nest;  // nesting of instructions of any form
  wd_names_t ops; // instr.c: operator names

  // index spaces: names and counts (from the first pass)
  wd_names_t names[SP_COUNT];
  uint32_t count[SP_COUNT];   // first pass: entries seen so far
  uint32_t nimport[SP_COUNT]; // imports of func/table/mem/global
  uint32_t cur[SP_COUNT];     // second pass: entries defined so far
  // the first error of pass 1, reported when pass 2 reaches its field
  bool soft_failed;
  size_t soft_field, field_start;
  wd_text_error_t soft_err, pass1_err;

  // types: the explicit ones, then those type uses added
  wd_ftype_t *types;
  uint32_t ntypes, ntypes_explicit, types_cap;
  uint32_t *groups; // the size of each recursive group, in order (0 for `(rec)`)
  uint32_t ngroups, groups_cap;
  // signature key -> the first type an inline signature may reuse: a final
  // function type without supertypes, alone in its group
  wd_names_t sigs;
  wd_buf_t keybuf;

  // the function being parsed
  wd_names_t locals;
  uint32_t nlocals;
  wd_label_t *labels;
  size_t nlabels, labels_cap;
  wd_buf_t sig;             // the signature being read
  wd_buf_t scratch[4];      // temporaries of the field parsers
  wd_names_t scratch_names; // the field names of the struct type being read
  wd_buf_t idtmp;           // wd_id: a $"..." id decoded for a look-up
  char **ids;               // wd_id: those decoded to be kept (names bound)
  size_t nids, ids_cap;
  wd_buf_t body;  // the function body being written
  wd_buf_t *fold; // instr.c: per folded-nesting level
  size_t nfold;
  bool uses_datacount; // memory.init or data.drop seen
  wd_buf_t clauses;    // instr.c: the catch clauses of a try_table

  // sections being written
  wd_buf_t sec_import, sec_func, sec_table, sec_mem, sec_global, sec_export, sec_elem, sec_code,
      sec_data, sec_tag;
  uint32_t n_import, n_func, n_table, n_mem, n_global, n_export, n_elem, n_code, n_data, n_tag;
  bool has_start;
  uint32_t start;
} wd_parser_t;

// What is wrong with a TK_BAD token.
const char *wd_bad_msg(const wd_tok_t *t);
// Fails the parse at token t (or the current token if NULL); never returns.
#if defined(__GNUC__)
__attribute__((format(WD_FORMAT_PRINTF, 3, 4)))
#endif
_Noreturn void
wd_fail(wd_parser_t *P, const wd_tok_t *t, const char *fmt, ...);
// realloc, failing the parse when out of memory (p then stays with its owner).
void *wd_xrealloc(wd_parser_t *P, void *p, size_t n);

// Token helpers (module.c).
_Noreturn void wd_unexpected(wd_parser_t *P, const wd_tok_t *t); // "unexpected token"/"end"
bool wd_peek_sexp_at(wd_parser_t *P, size_t ahead, const char *kw);
bool wd_skip_sexp(wd_parser_t *P); // false at the end of the tokens
// SP_FUNC, SP_TABLE, SP_MEM, SP_GLOBAL or SP_TAG for func/table/memory/
// global/tag, else -1.
int wd_kind_space(wd_parser_t *P, const wd_tok_t *t);
void wd_parse_name(wd_parser_t *P, wd_buf_t *out);    // a UTF-8 name, length first
void wd_parse_strings(wd_parser_t *P, wd_buf_t *out); // string*, concatenated
const wd_tok_t *wd_peek(wd_parser_t *P, size_t ahead);
const wd_tok_t *wd_next(wd_parser_t *P);
bool wd_is_kw(wd_parser_t *P, const wd_tok_t *t, const char *kw);
// True if the next tokens are '(' kw.
bool wd_peek_sexp(wd_parser_t *P, const char *kw);
void wd_expect_lpar(wd_parser_t *P);
void wd_expect_rpar(wd_parser_t *P);
void wd_expect_kw(wd_parser_t *P, const char *kw);
uint32_t wd_parse_u32(wd_parser_t *P);
// An unsigned number up to max; "i32 constant out of range" (max below
// 2^32) or "i64 constant out of range" beyond it.
uint64_t wd_parse_uint(wd_parser_t *P, uint64_t max);
// An index (number or $name) in space sp.
uint32_t wd_parse_idx(wd_parser_t *P, int sp);
bool wd_peek_idx(wd_parser_t *P);
// Value types, reference types and heap types (a type index as
// WD_HT_IDX + index), and their binary encodings.
wd_vt_t wd_parse_valtype(wd_parser_t *P);
wd_vt_t wd_parse_reftype(wd_parser_t *P);
uint32_t wd_parse_heaptype(wd_parser_t *P);
// Whether a reference type starts at the next token, and how many tokens
// it takes.
bool wd_is_reftype_start(wd_parser_t *P);
size_t wd_reftype_len(wd_parser_t *P);
void wd_put_valtype(wd_parser_t *P, wd_buf_t *out, wd_vt_t t);
void wd_put_heaptype(wd_parser_t *P, wd_buf_t *out, uint32_t ht);
// The function type at index idx, or NULL if there is none (yet) or it is
// a struct or array type.
const wd_ftype_t *wd_func_type(wd_parser_t *P, uint32_t idx);
// A type use: (type x)? (param ...)* (result ...)*; returns the type index.
// If names is not NULL, parameter ids go there (function definitions).
uint32_t wd_parse_typeuse(wd_parser_t *P, wd_names_t *names, uint32_t *nparams, bool block);
// (param ...)* (result ...)* into sig, params first. Parameter ids go to
// names if not NULL; allow_ids false makes them an error (block types).
void wd_parse_sig(wd_parser_t *P, wd_buf_t *sig, uint32_t *np, uint32_t *nr, wd_names_t *names,
                  bool allow_ids);
uint32_t wd_find_or_add_type(wd_parser_t *P, const wd_vt_t *t, uint32_t np, uint32_t nr);

// One module field, '(' to ')' (fields.c).
void wd_parse_field(wd_parser_t *P);

// Instructions (instr.c).
void wd_parse_instrs(wd_parser_t *P, wd_buf_t *out);
// A constant expression up to ')' (does not write end).
void wd_parse_expr(wd_parser_t *P, wd_buf_t *out);
// One instruction (plain, block or folded).
void wd_parse_one_instr(wd_parser_t *P, wd_buf_t *out);

// Parses module fields from toks[*pos] on (module.c); on success *pos is
// at the token after the last field.
// features: as wd_parser_t.features.
bool wd_wat_module(const char *src, size_t srclen, wd_tok_t *toks, size_t nt, size_t *pos,
                   uint32_t features, uint8_t **out, size_t *out_len, wd_text_error_t *err);

#endif
