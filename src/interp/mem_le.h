// SPDX-License-Identifier: Apache-2.0
// Little-endian loads and stores of 2, 4 and 8 bytes of linear memory at
// any alignment, for the interpreter (exec.c) and its out-of-line memory
// operations (exec_mem.c).
#ifndef WD_INTERP_MEM_LE_H
#define WD_INTERP_MEM_LE_H

#include <stdint.h>
#include <string.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define WD_BIG_ENDIAN 1
#endif

static inline uint16_t ld16(const uint8_t *p) {
  uint16_t v;
  memcpy(&v, p, 2);
#ifdef WD_BIG_ENDIAN
  v = (uint16_t)(v << 8 | v >> 8);
#endif
  return v;
}
static inline uint32_t ld32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
#ifdef WD_BIG_ENDIAN
  v = __builtin_bswap32(v);
#endif
  return v;
}
static inline uint64_t ld64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
#ifdef WD_BIG_ENDIAN
  v = __builtin_bswap64(v);
#endif
  return v;
}
static inline void st16(uint8_t *p, uint16_t v) {
#ifdef WD_BIG_ENDIAN
  v = (uint16_t)(v << 8 | v >> 8);
#endif
  memcpy(p, &v, 2);
}
static inline void st32(uint8_t *p, uint32_t v) {
#ifdef WD_BIG_ENDIAN
  v = __builtin_bswap32(v);
#endif
  memcpy(p, &v, 4);
}
static inline void st64(uint8_t *p, uint64_t v) {
#ifdef WD_BIG_ENDIAN
  v = __builtin_bswap64(v);
#endif
  memcpy(p, &v, 8);
}

#endif
