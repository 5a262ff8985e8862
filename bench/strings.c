/* SPDX-License-Identifier: Apache-2.0 */
/*
 * strings: text processing on generated prose. Each round generates 256 KiB
 * of sentences made of pseudo-words (syllables from a fixed list), then:
 * tokenizes it into lower-case words and counts them in an open-addressing
 * hash table; sorts the distinct words with qsort and strcmp; counts
 * substrings with strstr and characters with strchr; splits lines with
 * strtok; and round-trips numbers through snprintf and strtol.
 *
 * Size: the number of rounds.
 */
#include "bench.h"

#include <ctype.h>

#define TEXT (256u * 1024u)
#define TABLE 65536u /* a power of two, well above the distinct word count */

static const char *const syllables[] = {"ka", "lo", "mi",  "ne",  "tor",  "the", "an",  "sa",
                                        "ri", "qu", "el",  "on",  "tion", "ber", "gra", "po",
                                        "fy", "ul", "dre", "ost", "ix",   "ma",  "ve",  "in"};
#define NSYL (sizeof syllables / sizeof syllables[0])

typedef struct {
  char *word; /* NULL if the slot is empty */
  uint32_t hash, count;
} slot;

static uint32_t fnv1a(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (uint8_t)s[i]) * 16777619u;
  return h;
}

/* Writes about `size` bytes of prose into text (NUL-terminated). */
static size_t generate(char *text, size_t size, rng_t *r) {
  size_t n = 0;
  int start = 1;
  while (n + 64 < size) {
    uint32_t nsyl = 1 + rng_below(r, 3) + (rng_below(r, 8) == 0);
    for (uint32_t s = 0; s < nsyl; s++) {
      const char *syl = syllables[rng_below(r, NSYL)];
      for (const char *c = syl; *c; c++)
        text[n++] = *c;
    }
    if (start) {
      size_t w = n;
      while (w > 0 && isalpha((unsigned char)text[w - 1]))
        w--;
      text[w] = (char)toupper((unsigned char)text[w]);
      start = 0;
    }
    uint32_t p = rng_below(r, 100);
    if (p < 6) {
      text[n++] = '.';
      text[n++] = rng_below(r, 4) ? ' ' : '\n';
      start = 1;
    } else if (p < 12) {
      text[n++] = ',';
      text[n++] = ' ';
    } else if (p < 14) {
      n += (size_t)snprintf(text + n, 16, " %u ", rng_below(r, 100000));
    } else {
      text[n++] = ' ';
    }
  }
  text[n] = '\0';
  return n;
}

static int cmp_words(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static uint64_t analyse(char *text, size_t len, slot *table, char *arena, char **list) {
  uint64_t h = 0;
  size_t arena_used = 0;
  uint32_t distinct = 0, words = 0;
  memset(table, 0, sizeof(slot) * TABLE);

  /* 1. Tokenize and count lower-case words. */
  char word[64];
  for (size_t i = 0; i < len;) {
    if (!isalpha((unsigned char)text[i])) {
      i++;
      continue;
    }
    size_t wl = 0;
    while (i < len && isalpha((unsigned char)text[i]) && wl < sizeof word - 1)
      word[wl++] = (char)tolower((unsigned char)text[i++]);
    word[wl] = '\0';
    words++;
    uint32_t hash = fnv1a(word, wl);
    for (uint32_t s = hash & (TABLE - 1);; s = (s + 1) & (TABLE - 1)) {
      if (!table[s].word) {
        if (distinct >= TABLE / 2) {
          fprintf(stderr, "strings: too many distinct words\n");
          exit(2);
        }
        table[s].word = memcpy(arena + arena_used, word, wl + 1);
        arena_used += wl + 1;
        table[s].hash = hash;
        table[s].count = 1;
        list[distinct++] = table[s].word;
        break;
      }
      if (table[s].hash == hash && strcmp(table[s].word, word) == 0) {
        table[s].count++;
        break;
      }
    }
  }
  h = mix64(mix64(h, words), distinct);

  /* 2. Sort the distinct words; digest every 16th one and the top count. */
  qsort(list, distinct, sizeof(char *), cmp_words);
  for (uint32_t i = 0; i < distinct; i += 16)
    h = mix64(h, fnv1a(list[i], strlen(list[i])));
  uint32_t best = 0;
  for (uint32_t s = 0; s < TABLE; s++)
    if (table[s].word && table[s].count > best)
      best = table[s].count;
  h = mix64(h, best);

  /* 3. Substring and character counts. */
  static const char *const needles[] = {"tion", "the", "ka lo", "ost, ", "Mi", "quon", ". The"};
  for (size_t k = 0; k < sizeof needles / sizeof needles[0]; k++) {
    uint32_t c = 0;
    for (const char *p = text; (p = strstr(p, needles[k])) != NULL; p++)
      c++;
    h = mix64(h, c);
  }
  uint32_t commas = 0;
  for (const char *p = text; (p = strchr(p, ',')) != NULL; p++)
    commas++;
  h = mix64(h, commas);

  /* 4. Lines and sentences with strtok (it writes NULs: runs last). */
  uint32_t lines = 0, longest = 0, numbers = 0;
  uint64_t numsum = 0;
  for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
    size_t l = strlen(line);
    lines++;
    if (l > longest)
      longest = (uint32_t)l;
  }
  /* 5. Numbers: parse the digits in the (now split) text back. */
  for (size_t i = 0; i < len; i++) {
    if (isdigit((unsigned char)text[i]) && (i == 0 || !isdigit((unsigned char)text[i - 1]))) {
      char *end;
      long v = strtol(text + i, &end, 10);
      char back[24];
      int bl = snprintf(back, sizeof back, "%ld", v);
      if ((size_t)bl == (size_t)(end - (text + i)))
        numbers++;
      numsum += (uint64_t)v;
    }
  }
  return mix64(mix64(mix64(mix64(h, lines), longest), numbers), numsum);
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 120, 2);
  char *text = malloc(TEXT);
  slot *table = malloc(sizeof(slot) * TABLE);
  char *arena = malloc(TEXT);
  char **list = malloc(sizeof(char *) * TABLE);
  if (!text || !table || !arena || !list) {
    fprintf(stderr, "strings: out of memory\n");
    return 2;
  }
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint32_t round = 0; round < sz.n; round++) {
    rng_t r = rng_new(1000 + round);
    size_t len = generate(text, TEXT, &r);
    h = mix64(h, analyse(text, len, table, arena, list));
  }
  free(text);
  free(table);
  free(arena);
  free(list);
  return bench_check_u64("strings", sz, h, 0xe1dc106494ff2334ull, 0x233dd5785f5192e6ull);
}
