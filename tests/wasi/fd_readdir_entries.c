// SPDX-License-Identifier: Apache-2.0
// fd_readdir lists `.` and `..` plus every entry, with d_ino equal to the
// entry's filestat ino (not followed) and d_type from the entry itself
// (a symlink is a symbolic_link); an empty directory has exactly 2 entries.
#include "wasi_check.h"

struct ent {
  char name[64];
  uint64_t ino, next;
  uint8_t type;
};

static int list(int32_t dir, struct ent *out, int max) {
  static uint8_t buf[8192];
  __wasi_size_t used = 0;
  CHECK_OK("fd_readdir", __wasi_fd_readdir(dir, buf, sizeof buf, 0, &used));
  CHECK_TRUE("whole listing fits (bufused < buf_len)", used < sizeof buf);
  int n = 0;
  size_t off = 0;
  while (off + sizeof(__wasi_dirent_t) <= used && n < max) {
    __wasi_dirent_t de;
    memcpy(&de, buf + off, sizeof de);
    off += sizeof de;
    if (off + de.d_namlen > used || de.d_namlen >= sizeof out[n].name) {
      wc_fail("dirent name runs past bufused (got namlen %u at %zu, want <= %u)",
              (unsigned)de.d_namlen, off, (unsigned)used);
      break;
    }
    memcpy(out[n].name, buf + off, de.d_namlen);
    out[n].name[de.d_namlen] = 0;
    out[n].ino = de.d_ino;
    out[n].next = de.d_next;
    out[n].type = de.d_type;
    off += de.d_namlen;
    n++;
  }
  CHECK_EQ("entries end exactly at bufused", off, used);
  return n;
}

static struct ent *find(struct ent *e, int n, const char *name) {
  for (int i = 0; i < n; i++)
    if (strcmp(e[i].name, name) == 0)
      return &e[i];
  return NULL;
}

int main(void) {
  REQUIRE_OK("mkdir d", p_mkdir(PRE, "d"));
  REQUIRE_OK("mkdir d/sub", p_mkdir(PRE, "d/sub"));
  REQUIRE_OK("mkdir e", p_mkdir(PRE, "e"));
  int32_t f = create_file(PRE, "d/file", 0);
  CHECK_OK("fd_close", __wasi_fd_close(f));
  REQUIRE_OK("symlink d/link -> file", p_symlink("file", PRE, "d/link"));
  int32_t d = -1;
  REQUIRE_OK("open d",
             p_open(PRE, 0, "d", __WASI_OFLAGS_DIRECTORY, dir_rights(PRE), dir_inh(PRE), 0, &d));
  struct ent e[16];
  int n = list(d, e, 16);
  wc_info("d has %d entries", n);
  CHECK_EQ("d lists 5 entries (., .., file, sub, link)", n, 5);
  const char *names[] = {".", "..", "file", "sub", "link"};
  const char *paths[] = {"d", ".", "d/file", "d/sub", "d/link"};
  const uint8_t types[] = {__WASI_FILETYPE_DIRECTORY, __WASI_FILETYPE_DIRECTORY,
                           __WASI_FILETYPE_REGULAR_FILE, __WASI_FILETYPE_DIRECTORY,
                           __WASI_FILETYPE_SYMBOLIC_LINK};
  for (int i = 0; i < 5; i++) {
    char what[80];
    struct ent *x = find(e, n, names[i]);
    snprintf(what, sizeof what, "entry '%s' present", names[i]);
    CHECK_TRUE(what, x != NULL);
    if (!x)
      continue;
    __wasi_filestat_t st;
    CHECK_OK("path_filestat_get (no follow)", p_stat(PRE, 0, paths[i], &st));
    snprintf(what, sizeof what, "d_ino of '%s' == filestat ino", names[i]);
    CHECK_EQ(what, x->ino, st.ino);
    snprintf(what, sizeof what, "d_type of '%s'", names[i]);
    CHECK_EQ(what, x->type, types[i]);
  }
  __wasi_filestat_t dst;
  CHECK_OK("fd_filestat_get(d)", __wasi_fd_filestat_get(d, &dst));
  struct ent *dot = find(e, n, ".");
  CHECK_TRUE("'.' d_ino == fd_filestat_get(dir).ino", dot && dot->ino == dst.ino);
  // Cookies: each d_next differs and resuming at the last one gives nothing.
  for (int i = 0; i + 1 < n; i++)
    CHECK_TRUE("d_next values differ", e[i].next != e[i + 1].next);
  static uint8_t buf[512];
  __wasi_size_t used = 99;
  CHECK_OK("fd_readdir at the last d_next",
           __wasi_fd_readdir(d, buf, sizeof buf, e[n - 1].next, &used));
  CHECK_EQ("nothing after the last entry", used, 0);

  int32_t ed = -1;
  REQUIRE_OK("open e",
             p_open(PRE, 0, "e", __WASI_OFLAGS_DIRECTORY, dir_rights(PRE), dir_inh(PRE), 0, &ed));
  n = list(ed, e, 16);
  CHECK_EQ("empty directory lists 2 entries", n, 2);
  CHECK_TRUE("empty directory has '.'", find(e, n, ".") != NULL);
  CHECK_TRUE("empty directory has '..'", find(e, n, "..") != NULL);
  CHECK_ERRNO("fd_readdir on a bad fd", __wasi_fd_readdir(999, buf, sizeof buf, 0, &used),
              __WASI_ERRNO_BADF);
  int32_t file = -1;
  REQUIRE_OK("open d/file", p_open(PRE, 0, "d/file", 0, R_RO, 0, 0, &file));
  CHECK_ERRNO_IN("fd_readdir on a file", __wasi_fd_readdir(file, buf, sizeof buf, 0, &used),
                 __WASI_ERRNO_NOTDIR, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  done();
}
