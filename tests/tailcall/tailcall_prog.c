/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A C program built on guaranteed tail calls (clang's musttail), as fast
 * interpreters and functional-language runtimes are written: a bytecode
 * interpreter whose handlers tail-call the next one through a table
 * (return_call_indirect in wasm), and mutually recursive functions that
 * tail-call each other tens of millions of times (return_call), deep
 * enough that without tail calls the stack would overflow. Built with
 * clang-19 -mtail-call for wasm32-wasi and natively; both must print the
 * same lines.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#define MUSTTAIL __attribute__((musttail))

/* ---- a threaded interpreter: each handler ends in a tail call ---- */

enum { OP_PUSH, OP_MULK, OP_SWAP, OP_ADDN, OP_XSH, OP_DEC, OP_JNZ, OP_DROP, OP_HALT };

typedef struct vm {
  const int32_t *code;
  int64_t stack[16];
} vm_t;

typedef int64_t handler_t(vm_t *vm, const int32_t *pc, int64_t *sp);
static handler_t *const *handlers(void);

#define NEXT(pc, sp) MUSTTAIL return handlers()[*(pc)](vm, (pc), (sp))

static int64_t op_push(vm_t *vm, const int32_t *pc, int64_t *sp) {
  *sp++ = pc[1];
  NEXT(pc + 2, sp);
}
static int64_t op_mulk(vm_t *vm, const int32_t *pc, int64_t *sp) { /* top *= k */
  sp[-1] = (int64_t)((uint64_t)sp[-1] * (uint64_t)(int64_t)pc[1]);
  NEXT(pc + 2, sp);
}
static int64_t op_swap(vm_t *vm, const int32_t *pc, int64_t *sp) {
  int64_t t = sp[-1];
  sp[-1] = sp[-2];
  sp[-2] = t;
  NEXT(pc + 1, sp);
}
static int64_t op_addn(vm_t *vm, const int32_t *pc, int64_t *sp) { /* second += top */
  sp[-2] = (int64_t)((uint64_t)sp[-2] + (uint64_t)sp[-1]);
  NEXT(pc + 1, sp);
}
static int64_t op_xsh(vm_t *vm, const int32_t *pc, int64_t *sp) { /* second ^= second >> k */
  sp[-2] ^= (int64_t)((uint64_t)sp[-2] >> pc[1]);
  NEXT(pc + 2, sp);
}
static int64_t op_dec(vm_t *vm, const int32_t *pc, int64_t *sp) {
  sp[-1]--;
  NEXT(pc + 1, sp);
}
static int64_t op_jnz(vm_t *vm, const int32_t *pc, int64_t *sp) {
  if (sp[-1] != 0)
    NEXT(vm->code + pc[1], sp);
  NEXT(pc + 2, sp);
}
static int64_t op_drop(vm_t *vm, const int32_t *pc, int64_t *sp) {
  sp--;
  NEXT(pc + 1, sp);
}
static int64_t op_halt(vm_t *vm, const int32_t *pc, int64_t *sp) {
  (void)vm;
  (void)pc;
  return sp[-1];
}

static handler_t *const k_handlers[] = {op_push, op_mulk, op_swap, op_addn, op_xsh,
                                        op_dec,  op_jnz,  op_drop, op_halt};
static handler_t *const *handlers(void) { return k_handlers; }

/* acc = 1; for (i = n; i; i--) { acc = acc * 31 + i; acc ^= acc >> 7; } */
static int64_t run_vm(int32_t n) {
  // clang-format off
  const int32_t code[] = {
      OP_PUSH, 1, OP_PUSH, n,                  /* acc n */
      OP_SWAP, OP_MULK, 31, OP_SWAP, OP_ADDN, /* 4: acc*31+n n */
      OP_XSH,  7, OP_DEC,  OP_JNZ,  4,        /* acc n-1 */
      OP_DROP, OP_HALT,
  };
  // clang-format on
  vm_t vm = {.code = code};
  return handlers()[code[0]](&vm, code, vm.stack);
}

/* ---- mutual recursion in constant stack space ---- */

__attribute__((noinline)) static uint64_t is_odd(uint64_t n, uint64_t acc);
__attribute__((noinline)) static uint64_t is_even(uint64_t n, uint64_t acc) {
  if (n == 0)
    return acc;
  MUSTTAIL return is_odd(n - 1, acc * 3 + 1);
}
__attribute__((noinline)) static uint64_t is_odd(uint64_t n, uint64_t acc) {
  if (n == 0)
    return acc ^ 1;
  MUSTTAIL return is_even(n - 1, acc ^ (acc >> 3));
}

/* A continuation-passing loop through function pointers. */
typedef uint64_t step_t(uint64_t n, uint64_t acc);
static uint64_t step_a(uint64_t n, uint64_t acc);
static uint64_t step_b(uint64_t n, uint64_t acc);
static step_t *volatile k_steps[2] = {step_a, step_b};
static uint64_t step_a(uint64_t n, uint64_t acc) {
  if (n == 0)
    return acc;
  MUSTTAIL return k_steps[n & 1](n - 1, acc + n);
}
static uint64_t step_b(uint64_t n, uint64_t acc) {
  if (n == 0)
    return acc;
  MUSTTAIL return k_steps[(n >> 1) & 1](n - 1, acc * 5 + 3);
}

int main(void) {
  for (int32_t n = 1; n <= 100000; n *= 10)
    printf("vm(%" PRId32 ") = %" PRId64 "\n", n, run_vm(n));
  printf("vm(3000000) = %" PRId64 "\n", run_vm(3000000));
  printf("even(10000001) = %" PRIu64 "\n", is_even(10000001, 7));
  printf("even(30000000) = %" PRIu64 "\n", is_even(30000000, 7));
  printf("steps(20000000) = %" PRIu64 "\n", k_steps[0](20000000, 1));
  return 0;
}
