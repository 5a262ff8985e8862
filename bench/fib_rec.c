/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fib_rec: call-heavy recursion. Each round runs a naive recursive
 * Fibonacci, the Ackermann function and Takeuchi's tak function, with
 * arguments varying by round so the compiler can not hoist the calls out of
 * the loop. The recursion stays shallow (under ~520 frames) so that every
 * runtime's default stack is enough.
 *
 * Size: the number of rounds.
 */
#include "bench.h"

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static uint32_t ack(uint32_t m, uint32_t n) {
  if (m == 0)
    return n + 1;
  if (n == 0)
    return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

static int32_t tak(int32_t x, int32_t y, int32_t z) {
  if (y < x)
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
  return z;
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 3600, 40);
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint32_t r = 0; r < sz.n; r++) {
    h = mix64(h, fib(20 + r % 5));
    h = mix64(h, ack(2 + (r & 1), 3 + r % 3));
    h = mix64(h, (uint32_t)tak(16 + (int32_t)(r % 3), 10 + (int32_t)(r % 2), 4));
  }
  return bench_check_u64("fib_rec", sz, h, 0xaf2943f380718be3ull, 0x25c3161475e5ce2ull);
}
