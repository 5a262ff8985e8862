// SPDX-License-Identifier: Apache-2.0
// fd_filestat_get/set_size/set_times: size, nlink and ino agree with
// path_filestat_get; set_size grows with zeros and shrinks; timestamps keep
// nanoseconds; atim+atim_now / mtim+mtim_now are EINVAL; *_now use the
// current time. argv[1], if given: the host's file time granularity in ns
// (Windows keeps file times in 100 ns units), to which the times set are
// expected truncated; without it, to the nanosecond.
#include "wasi_check.h"

static uint64_t grain = 1;
// A time as a host with that granularity keeps it.
static uint64_t kept(uint64_t t) { return t / grain * grain; }

int main(int argc, char **argv) {
  if (argc > 1 && strtoull(argv[1], NULL, 10) > 0)
    grain = strtoull(argv[1], NULL, 10);
  int32_t fd = create_file(PRE, "t.txt", 0);
  write_all(fd, "abcde", 5);
  __wasi_filestat_t st, ps;
  CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
  CHECK_EQ("filetype", st.filetype, __WASI_FILETYPE_REGULAR_FILE);
  CHECK_EQ("size", st.size, 5);
  CHECK_EQ("nlink", st.nlink, 1);
  CHECK_TRUE("ino != 0", st.ino != 0);
  CHECK_OK("path_filestat_get", p_stat(PRE, 0, "t.txt", &ps));
  CHECK_EQ("same ino as path_filestat_get", ps.ino, st.ino);
  CHECK_EQ("same dev as path_filestat_get", ps.dev, st.dev);
  CHECK_OK("set_size(100)", __wasi_fd_filestat_set_size(fd, 100));
  CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
  CHECK_EQ("size after grow", st.size, 100);
  char buf[128];
  __wasi_iovec_t iv = {(uint8_t *)buf, sizeof buf};
  __wasi_size_t n = 0;
  memset(buf, 1, sizeof buf);
  CHECK_OK("pread", __wasi_fd_pread(fd, &iv, 1, 0, &n));
  CHECK_EQ("pread after grow", n, 100);
  int nonzero = 0;
  for (int i = 5; i < 100; i++)
    nonzero += buf[i] != 0;
  CHECK_EQ("non-zero bytes in grown part", nonzero, 0);
  CHECK_OK("set_size(3)", __wasi_fd_filestat_set_size(fd, 3));
  CHECK_OK("pread", __wasi_fd_pread(fd, &iv, 1, 0, &n));
  CHECK_TRUE("content after shrink 'abc'", n == 3 && memcmp(buf, "abc", 3) == 0);

  const uint64_t at = 1600000000123456789ull, mt = 1500000000987654321ull;
  CHECK_OK("set_times(atim, mtim)",
           __wasi_fd_filestat_set_times(fd, at, mt, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
  CHECK_EQ("atim kept to the nanosecond", st.atim, kept(at));
  CHECK_EQ("mtim kept to the nanosecond", st.mtim, kept(mt));
  CHECK_OK("set_times(mtim only)",
           __wasi_fd_filestat_set_times(fd, 0, mt + 1, __WASI_FSTFLAGS_MTIM));
  CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
  CHECK_EQ("atim untouched when only mtim set", st.atim, kept(at));
  CHECK_EQ("mtim set alone", st.mtim, kept(mt + 1));
  CHECK_OK("set_times(no flags)", __wasi_fd_filestat_set_times(fd, 1, 1, 0));
  CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
  CHECK_EQ("no flags: atim untouched", st.atim, kept(at));
  CHECK_ERRNO(
      "set_times(atim|atim_now)",
      __wasi_fd_filestat_set_times(fd, 1, 1, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
      __WASI_ERRNO_INVAL);
  CHECK_ERRNO(
      "set_times(mtim|mtim_now)",
      __wasi_fd_filestat_set_times(fd, 1, 1, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW),
      __WASI_ERRNO_INVAL);
  CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
  CHECK_EQ("refused set_times left atim", st.atim, kept(at));
  CHECK_EQ("refused set_times left mtim", st.mtim, kept(mt + 1));
  uint64_t now = now_ns(__WASI_CLOCKID_REALTIME);
  CHECK_OK("set_times(mtim_now)", __wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
  CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
  CHECK_TRUE("mtim_now is within 10 s of realtime",
             st.mtim + 10000000000ull > now && st.mtim < now + 10000000000ull);
  CHECK_EQ("mtim_now left atim", st.atim, kept(at));

  CHECK_OK("path_filestat_set_times",
           raw_path_filestat_set_times(PRE, 0, "t.txt", 5, (int64_t)(at + 7), (int64_t)(mt + 9),
                                       __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  CHECK_OK("path_filestat_get", p_stat(PRE, 0, "t.txt", &ps));
  CHECK_EQ("path atim to the nanosecond", ps.atim, kept(at + 7));
  CHECK_EQ("path mtim to the nanosecond", ps.mtim, kept(mt + 9));
  CHECK_ERRNO("path_filestat_set_times(atim|atim_now)",
              raw_path_filestat_set_times(PRE, 0, "t.txt", 5, 1, 1,
                                          __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
              __WASI_ERRNO_INVAL);
  CHECK_ERRNO_IN("fd_filestat_set_size on a directory", __wasi_fd_filestat_set_size(PRE, 0),
                 __WASI_ERRNO_ISDIR, __WASI_ERRNO_INVAL, __WASI_ERRNO_BADF,
                 __WASI_ERRNO_NOTCAPABLE);
  CHECK_ERRNO("fd_filestat_get(bad fd)", __wasi_fd_filestat_get(444, &st), __WASI_ERRNO_BADF);
  CHECK_OK("fd_filestat_get(preopen)", __wasi_fd_filestat_get(PRE, &st));
  CHECK_EQ("preopen filetype", st.filetype, __WASI_FILETYPE_DIRECTORY);
  done();
}
