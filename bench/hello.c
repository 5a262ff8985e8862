/* SPDX-License-Identifier: Apache-2.0 */
/* hello: the start-up benchmark, a program that does almost nothing. */
#include <stdio.h>

int main(void) {
  puts("hello, world");
  return 0;
}
