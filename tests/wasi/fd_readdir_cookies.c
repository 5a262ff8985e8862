// SPDX-License-Identifier: Apache-2.0
// fd_readdir over 150 entries with a 128-byte buffer: following d_next
// cookies visits every entry exactly once, cookies are stable (re-reading
// from a saved cookie gives the same next entry, twice), and the order
// matches one large read.
#include "wasi_check.h"

#define NFILES 150
#define MAXE 400

static char names[MAXE][64];
static uint64_t nexts[MAXE];

// Reads the whole directory with buffers of buf_len; returns the count.
static int read_all(int32_t d, size_t buf_len, int *calls) {
  static uint8_t buf[65536];
  uint64_t cookie = 0;
  int n = 0;
  *calls = 0;
  for (;;) {
    __wasi_size_t used = 0;
    if (++*calls > 5000) {
      wc_fail("fd_readdir never reaches the end (got > 5000 calls, want about %d)", NFILES);
      return n;
    }
    int32_t e = __wasi_fd_readdir(d, buf, buf_len, cookie, &used);
    if (e) {
      CHECK_OK("fd_readdir", e);
      return n;
    }
    size_t off = 0;
    int got = 0;
    while (off + sizeof(__wasi_dirent_t) <= used) {
      __wasi_dirent_t de;
      memcpy(&de, buf + off, sizeof de);
      if (off + sizeof de + de.d_namlen > used)
        break; // truncated last entry
      if (n < MAXE && de.d_namlen < 64) {
        memcpy(names[n], buf + off + sizeof de, de.d_namlen);
        names[n][de.d_namlen] = 0;
        nexts[n] = de.d_next;
        n++;
      }
      cookie = de.d_next;
      got++;
      off += sizeof de + de.d_namlen;
    }
    if (used < buf_len)
      return n; // end of directory
    if (got == 0) {
      wc_fail("fd_readdir: no whole entry fits in %zu bytes (got 0 entries)", buf_len);
      return n;
    }
  }
}

int main(void) {
  REQUIRE_OK("mkdir many", p_mkdir(PRE, "many"));
  for (int i = 0; i < NFILES; i++) {
    char p[80];
    snprintf(p, sizeof p, "many/f%03d_%.*s", i, i % 23, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    int32_t fd = create_file(PRE, p, 0);
    (void)__wasi_fd_close(fd);
  }
  int32_t d = -1;
  REQUIRE_OK("open many",
             p_open(PRE, 0, "many", __WASI_OFLAGS_DIRECTORY, dir_rights(PRE), dir_inh(PRE), 0, &d));
  int calls = 0;
  int n = read_all(d, 128, &calls);
  wc_info("%d entries in %d fd_readdir calls with a 128-byte buffer", n, calls);
  CHECK_EQ("entries listed (150 + . + ..)", n, NFILES + 2);
  int seen[NFILES] = {0}, dots = 0, bad = 0;
  for (int i = 0; i < n; i++) {
    int k;
    if (!strcmp(names[i], ".") || !strcmp(names[i], ".."))
      dots++;
    else if (sscanf(names[i], "f%03d_", &k) == 1 && k >= 0 && k < NFILES)
      seen[k]++;
    else
      bad++;
  }
  CHECK_EQ("'.' and '..' listed once each", dots, 2);
  CHECK_EQ("unknown names", bad, 0);
  int dup = 0, missing = 0;
  for (int i = 0; i < NFILES; i++) {
    dup += seen[i] > 1;
    missing += seen[i] == 0;
  }
  CHECK_EQ("files listed more than once", dup, 0);
  CHECK_EQ("files never listed", missing, 0);
  // Save the small-buffer order, compare with one big read.
  static char order[MAXE][64];
  static uint64_t cookies[MAXE];
  memcpy(order, names, sizeof order);
  memcpy(cookies, nexts, sizeof cookies);
  int calls2 = 0;
  int n2 = read_all(d, 65536, &calls2);
  CHECK_EQ("one big read lists as many", n2, n);
  int differ = 0;
  for (int i = 0; i < n && i < n2; i++)
    differ += strcmp(order[i], names[i]) != 0;
  CHECK_EQ("entries in a different order than the small-buffer pass", differ, 0);
  // Resume twice from the cookie after entry 50: both give entry 51.
  if (n > 60) {
    static uint8_t buf[256];
    for (int round = 0; round < 2; round++) {
      __wasi_size_t used = 0;
      CHECK_OK("fd_readdir from a saved cookie",
               __wasi_fd_readdir(d, buf, sizeof buf, cookies[50], &used));
      __wasi_dirent_t de;
      memcpy(&de, buf, sizeof de);
      char nm[64] = "";
      if (used >= sizeof de + de.d_namlen && de.d_namlen < 64)
        memcpy(nm, buf + sizeof de, de.d_namlen);
      wc_checks++;
      if (strcmp(nm, order[51]) != 0)
        wc_fail("entry after saved cookie (got '%s', want '%s')", nm, order[51]);
      CHECK_EQ("its d_next is the saved one", de.d_next, cookies[51]);
    }
  }
  done();
}
