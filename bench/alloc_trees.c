/* SPDX-License-Identifier: Apache-2.0 */
/*
 * alloc_trees: allocation-heavy work in the manner of the binary-trees
 * benchmark: one long-lived tree of depth n, and many short-lived trees of
 * depths 4, 6, ... n, each built node by node with malloc, walked and freed
 * node by node. Nodes carry a value so the walk has something to sum.
 *
 * Size: the maximum depth (at least 6).
 */
#include "bench.h"

typedef struct node {
  struct node *left, *right;
  uint32_t value;
} node;

static node *build(uint32_t depth, uint32_t value) {
  node *n = malloc(sizeof *n);
  if (!n) {
    fprintf(stderr, "alloc_trees: out of memory\n");
    exit(2);
  }
  n->value = value;
  if (depth == 0) {
    n->left = n->right = NULL;
  } else {
    n->left = build(depth - 1, 2 * value);
    n->right = build(depth - 1, 2 * value + 1);
  }
  return n;
}

/* Returns the node count; adds the values into *sum. */
static uint32_t walk(const node *n, uint64_t *sum) {
  *sum += n->value;
  if (!n->left)
    return 1;
  return 1 + walk(n->left, sum) + walk(n->right, sum);
}

static void release(node *n) {
  if (n->left) {
    release(n->left);
    release(n->right);
  }
  free(n);
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 18, 10);
  uint32_t max_depth = sz.n < 6 ? 6 : sz.n;
  uint64_t h = 0xcbf29ce484222325ull, sum = 0;

  node *stretch = build(max_depth + 1, 1);
  h = mix64(h, walk(stretch, &sum));
  release(stretch);

  node *long_lived = build(max_depth, 1);
  for (uint32_t d = 4; d <= max_depth; d += 2) {
    uint32_t iterations = 1u << (max_depth - d + 4);
    uint64_t nodes = 0;
    for (uint32_t i = 0; i < iterations; i++) {
      node *t = build(d, i);
      nodes += walk(t, &sum);
      release(t);
    }
    h = mix64(h, nodes);
  }
  h = mix64(h, walk(long_lived, &sum));
  release(long_lived);
  h = mix64(h, sum);
  return bench_check_u64("alloc_trees", sz, h, 0x448963cb5e2e7102ull, 0x5f3b1a33efa5f13bull);
}
