// SPDX-License-Identifier: Apache-2.0
// setjmp/longjmp the way interpreters use them for errors (Lua's pcall and
// error): an expression evaluator whose errors, raised deep in its
// recursion, jump back to the innermost protected call. Covers nested
// protected calls, an error re-raised from a handler to the one outside
// it, a jump past several installed handlers to an outer one, volatile
// locals changed between setjmp and longjmp, longjmp(env, 0) (setjmp then
// returns 1), and a long long loop of errors. Built for wasm32 with clang
// `-mllvm -wasm-enable-sjlj` (exception instructions) and natively; the
// two outputs must be identical (tests/eh/run_sjlj_prog.sh).
#include <stdio.h>
#include <string.h>

#include <setjmp.h>

// ---- protected calls --------------------------------------------------------

struct handler {
  jmp_buf env;
  struct handler *prev;
  char msg[64];
};
static struct handler *g_top;

static _Noreturn void raise_error(int code, const char *msg) {
  struct handler *h = g_top;
  snprintf(h->msg, sizeof h->msg, "%s", msg);
  longjmp(h->env, code);
}

// Calls fn(arg) under a new handler: 0 if it returned, else the error code
// (its message in msg).
static int protect(long long (*fn)(const char *), const char *arg, long long *result, char *msg) {
  struct handler h;
  h.prev = g_top;
  h.msg[0] = '\0';
  g_top = &h;
  int code = setjmp(h.env);
  if (code == 0) {
    *result = fn(arg);
    g_top = h.prev;
    return 0;
  }
  g_top = h.prev;
  strcpy(msg, h.msg);
  return code;
}

// ---- an expression evaluator: + - * / % ( ) and integers ---------------------

static const char *g_p;
static int g_depth;

static long long expr(void);

static long long primary(void) {
  while (*g_p == ' ')
    g_p++;
  if (*g_p == '(') {
    if (++g_depth > 50)
      raise_error(3, "nesting too deep");
    g_p++;
    long long v = expr();
    while (*g_p == ' ')
      g_p++;
    if (*g_p != ')')
      raise_error(2, "missing )");
    g_p++;
    g_depth--;
    return v;
  }
  if (*g_p == '-') {
    g_p++;
    return -primary();
  }
  if (*g_p < '0' || *g_p > '9')
    raise_error(2, "unexpected character");
  long long v = 0;
  while (*g_p >= '0' && *g_p <= '9')
    v = v * 10 + (*g_p++ - '0');
  return v;
}

static long long term(void) {
  long long v = primary();
  for (;;) {
    while (*g_p == ' ')
      g_p++;
    char op = *g_p;
    if (op != '*' && op != '/' && op != '%')
      return v;
    g_p++;
    long long r = primary();
    if (op != '*' && r == 0)
      raise_error(1, "division by zero");
    v = op == '*' ? v * r : op == '/' ? v / r : v % r;
  }
}

static long long expr(void) {
  long long v = term();
  for (;;) {
    while (*g_p == ' ')
      g_p++;
    char op = *g_p;
    if (op != '+' && op != '-')
      return v;
    g_p++;
    long long r = term();
    v = op == '+' ? v + r : v - r;
  }
}

static long long eval(const char *s) {
  g_p = s;
  g_depth = 0;
  long long v = expr();
  if (*g_p != '\0')
    raise_error(2, "trailing characters");
  return v;
}

// ---- nested protected calls ---------------------------------------------------

// Evaluates s under an inner handler; an error there is reported and
// re-raised (with code + 10) to the handler outside.
static long long eval_reraise(const char *s) {
  long long v;
  char msg[64];
  int code = protect(eval, s, &v, msg);
  if (code) {
    printf("  inner handler: error %d (%s), raising it again\n", code, msg);
    raise_error(code + 10, msg);
  }
  return v;
}

// Installs three handlers of its own, then fails in the innermost frame:
// the jump goes to the handler of the caller, past the three.
static int g_installed;
static long long skip_level(const char *s) {
  struct handler h;
  h.prev = g_top;
  g_top = &h;
  if (setjmp(h.env) != 0) {
    printf("  never here\n");
    return -1;
  }
  g_installed++;
  if (*s)
    return skip_level(s + 1);
  // Remove this call's handlers before raising to the outer one.
  for (int i = 0; i < g_installed; i++)
    g_top = g_top->prev;
  raise_error(7, "past the inner handlers");
}

static int zero_val(void) {
  jmp_buf env;
  volatile int calls = 0;
  int r = setjmp(env);
  calls++;
  if (calls == 1)
    longjmp(env, 0);
  return r * 100 + calls;
}

int main(void) {
  static const char *const exprs[] = {
      "1 + 2 * 3",
      "(1 + 2) * 3",
      "100 / (5 - 5)",
      "7 % 0",
      "((((((2))))))",
      "2 * (3 + 4",
      "12 $ 4",
      "-(-(-5)) * 2",
      "1000000 * 1000000",
      "17 % 5 + 3 / 2",
      ("((((((((((((((((((((((((((((((((((((((((((((((((("
       "(((((1)))))))))))))))))))))))))))))))))))))))))))))))))))))))"),
  };
  for (size_t i = 0; i < sizeof exprs / sizeof *exprs; i++) {
    long long v;
    char msg[64];
    int code = protect(eval, exprs[i], &v, msg);
    if (code)
      printf("%-20.20s error %d: %s\n", exprs[i], code, msg);
    else
      printf("%-20.20s = %lld\n", exprs[i], v);
  }

  printf("re-raise:\n");
  for (int i = 0; i < 2; i++) {
    long long v;
    char msg[64];
    int code = protect(eval_reraise, i ? "6 / 3" : "6 / (3 - 3)", &v, msg);
    printf("  outer handler: code %d, %s %lld\n", code, code ? msg : "value", code ? 0 : v);
  }

  printf("skip:\n");
  {
    long long v;
    char msg[64];
    int code = protect(skip_level, "abc", &v, msg);
    printf("  code %d (%s) after %d inner handlers\n", code, msg, g_installed);
  }

  printf("volatile locals:\n");
  {
    jmp_buf env;
    volatile int count = 0;
    volatile long long sum = 0;
    int r = setjmp(env);
    sum += r;
    if (++count < 5)
      longjmp(env, count * 10);
    printf("  count %d, sum %lld\n", count, sum);
  }

  printf("longjmp(env, 0): %d\n", zero_val());

  printf("many errors:\n");
  {
    long long errors = 0, total = 0;
    for (int i = 0; i < 200000; i++) {
      long long v;
      char msg[64];
      char buf[32];
      snprintf(buf, sizeof buf, "%d / (%d %% 7)", i, i);
      if (protect(eval, buf, &v, msg))
        errors++;
      else
        total += v;
    }
    printf("  %lld errors, total %lld\n", errors, total);
  }
  return 0;
}
