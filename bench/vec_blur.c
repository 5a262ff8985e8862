/* SPDX-License-Identifier: Apache-2.0 */
/*
 * vec_blur: 8-bit image filters written as plain loops for the compiler's
 * autovectoriser, over a 640 x 480 grey image: a separable 3 x 3 Gaussian
 * blur (1 2 1 horizontally into 16-bit rows, then vertically with
 * rounding), an unsharp mask (2 * image - blur, saturated to 0..255), a
 * threshold, and the pixel sum, repeated.
 *
 * All arithmetic is on integers, so every build computes the same pixels.
 * The borders are copied unfiltered.
 *
 * Size: the number of rounds (each blurs, sharpens and thresholds once).
 */
#include "bench.h"

#define W 640u
#define H 480u

static uint8_t img[W * H], blurred[W * H], tmp_img[W * H];
static uint16_t rows[3][W]; /* horizontally filtered rows, a ring of three */

/* The horizontal 1-2-1 pass of one row into 16 bits (interior pixels). */
static void hpass(uint16_t *restrict out, const uint8_t *restrict in) {
  out[0] = (uint16_t)(in[0] * 4);
  out[W - 1] = (uint16_t)(in[W - 1] * 4);
  for (uint32_t x = 1; x < W - 1; x++)
    out[x] = (uint16_t)(in[x - 1] + 2 * in[x] + in[x + 1]);
}

/* The vertical 1-2-1 pass: (a + 2b + c + 8) / 16, interior columns. */
static void vpass(uint8_t *restrict out, const uint16_t *restrict a, const uint16_t *restrict b,
                  const uint16_t *restrict c, const uint8_t *restrict orig) {
  out[0] = orig[0];
  out[W - 1] = orig[W - 1];
  for (uint32_t x = 1; x < W - 1; x++)
    out[x] = (uint8_t)((a[x] + 2 * b[x] + c[x] + 8) >> 4);
}

static void blur(uint8_t *restrict dst, const uint8_t *restrict src) {
  memcpy(dst, src, W);
  memcpy(dst + (H - 1) * W, src + (H - 1) * W, W);
  hpass(rows[0], src);
  hpass(rows[1], src + W);
  for (uint32_t y = 1; y < H - 1; y++) {
    hpass(rows[(y + 1) % 3], src + (y + 1) * W);
    vpass(dst + y * W, rows[(y - 1) % 3], rows[y % 3], rows[(y + 1) % 3], src + y * W);
  }
}

/* dst = clamp(2 * src - blur, 0, 255) */
static void sharpen(uint8_t *restrict dst, const uint8_t *restrict src,
                    const uint8_t *restrict bl) {
  for (uint32_t i = 0; i < W * H; i++) {
    int32_t v = 2 * src[i] - bl[i];
    v = v < 0 ? 0 : v;
    dst[i] = (uint8_t)(v > 255 ? 255 : v);
  }
}

/* Pixels above t become 255 - (255 - p) / 2, the others p / 2 + 16. */
static void tone(uint8_t *restrict dst, const uint8_t *restrict src, uint8_t t) {
  for (uint32_t i = 0; i < W * H; i++) {
    uint8_t p = src[i];
    dst[i] = p > t ? (uint8_t)(255 - ((255 - p) >> 1)) : (uint8_t)((p >> 1) + 16);
  }
}

static uint32_t pixel_sum(const uint8_t *p) {
  uint32_t s = 0;
  for (uint32_t i = 0; i < W * H; i++)
    s += p[i];
  return s;
}

/* A synthetic photograph: gradients, discs and noise. */
static void generate(uint8_t *p, rng_t *r) {
  for (uint32_t y = 0; y < H; y++)
    for (uint32_t x = 0; x < W; x++)
      p[y * W + x] = (uint8_t)((x * 255 / W + y * 128 / H) / 2 + rng_below(r, 32));
  for (int k = 0; k < 40; k++) {
    int32_t cx = (int32_t)rng_below(r, W), cy = (int32_t)rng_below(r, H);
    int32_t rad = 8 + (int32_t)rng_below(r, 60);
    uint8_t v = (uint8_t)rng_below(r, 256);
    for (int32_t y = cy - rad; y <= cy + rad; y++)
      for (int32_t x = cx - rad; x <= cx + rad; x++)
        if (x >= 0 && y >= 0 && x < (int32_t)W && y < (int32_t)H &&
            (x - cx) * (x - cx) + (y - cy) * (y - cy) <= rad * rad)
          p[y * W + x] = v;
  }
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 200, 4);
  rng_t r = rng_new(7);
  generate(img, &r);
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint32_t round = 0; round < sz.n; round++) {
    blur(blurred, img);
    h = mix64(h, pixel_sum(blurred));
    sharpen(tmp_img, img, blurred);
    h = mix64(h, pixel_sum(tmp_img));
    blur(blurred, tmp_img);
    tone(img, blurred, (uint8_t)(96 + round % 64));
    h = mix64(h, pixel_sum(img));
  }
  for (uint32_t i = 0; i < W * H; i += 97)
    h = mix64(h, img[i]);
  return bench_check_u64("vec_blur", sz, h, 0x90605cabd5fd9abdull, 0x61a3a5e1ff8fc608ull);
}
