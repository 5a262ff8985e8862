// SPDX-License-Identifier: Apache-2.0
// path_filestat_get without symlink_follow describes the link (type
// symbolic_link, size = target length); with follow, the target.
// path_filestat_set_times without follow changes the link's own times and
// not the target's; with follow, the target's.
#include "wasi_check.h"

int main(void) {
  int32_t f = create_file(PRE, "target", 0);
  write_all(f, "0123456789", 10);
  (void)__wasi_fd_close(f);
  CHECK_OK("symlink link -> target", p_symlink("target", PRE, "link"));
  __wasi_filestat_t ls, ts, fs;
  CHECK_OK("stat link (no follow)", p_stat(PRE, 0, "link", &ls));
  CHECK_EQ("no follow: filetype symbolic_link", ls.filetype, __WASI_FILETYPE_SYMBOLIC_LINK);
  CHECK_EQ("no follow: size = target length", ls.size, 6);
  CHECK_OK("stat target", p_stat(PRE, 0, "target", &ts));
  CHECK_TRUE("no follow: link has its own ino", ls.ino != ts.ino);
  CHECK_OK("stat link (follow)", p_stat(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link", &fs));
  CHECK_EQ("follow: filetype regular_file", fs.filetype, __WASI_FILETYPE_REGULAR_FILE);
  CHECK_EQ("follow: size 10", fs.size, 10);
  CHECK_EQ("follow: target's ino", fs.ino, ts.ino);

  const uint64_t t1 = 1400000000111111111ull, t2 = 1300000000222222222ull;
  CHECK_OK("set_times on link (no follow)",
           raw_path_filestat_set_times(PRE, 0, "link", 4, (int64_t)t1, (int64_t)t1,
                                       __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  __wasi_filestat_t a, b;
  CHECK_OK("stat link (no follow)", p_stat(PRE, 0, "link", &a));
  CHECK_OK("stat target", p_stat(PRE, 0, "target", &b));
  CHECK_EQ("no follow: the link's mtim changed", a.mtim, t1);
  CHECK_TRUE("no follow: the target's mtim did not change", b.mtim != t1);
  CHECK_EQ("no follow: target mtim as before", b.mtim, ts.mtim);
  CHECK_OK("set_times on link (follow)",
           raw_path_filestat_set_times(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link", 4,
                                       (int64_t)t2, (int64_t)t2,
                                       __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  CHECK_OK("stat target", p_stat(PRE, 0, "target", &b));
  CHECK_OK("stat link (no follow)", p_stat(PRE, 0, "link", &a));
  CHECK_EQ("follow: the target's mtim changed", b.mtim, t2);
  CHECK_EQ("follow: the link's mtim unchanged", a.mtim, t1);
  done();
}
