// SPDX-License-Identifier: Apache-2.0
// Host-side helper of tests/security/run_security_tests.sh, in place of
// GNU stat -c and md5sum: for each path read from standard input (one a
// line), one line (from lstat, symbolic links not followed)
//   NAME|TYPE|SIZE|MTIME|CTIME|NLINK|MODE|INODE
// with the times in seconds.nanoseconds and MODE the permission bits in
// octal, then for a symbolic link its target, for a regular file its
// contents in hexadecimal (up to 64 KiB; beyond that a 64-bit FNV-1a hash
// of them, after the size). Exits 1 if a path could not be read.
// Usage: lsfiles <PATHS
#if !defined(__APPLE__)
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#if defined(__APPLE__)
#define MTIME(st) ((st).st_mtimespec)
#define CTIME(st) ((st).st_ctimespec)
#else
#define MTIME(st) ((st).st_mtim)
#define CTIME(st) ((st).st_ctim)
#endif

static const char *type_name(mode_t m) {
  if (S_ISREG(m))
    return "file";
  if (S_ISDIR(m))
    return "directory";
  if (S_ISLNK(m))
    return "symlink";
  if (S_ISFIFO(m))
    return "fifo";
  if (S_ISSOCK(m))
    return "socket";
  if (S_ISCHR(m))
    return "char-device";
  if (S_ISBLK(m))
    return "block-device";
  return "other";
}

static int contents(const char *path, long long size) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    printf("unreadable: %s\n", strerror(errno));
    return 1;
  }
  uint64_t h = 14695981039346656037u;
  int c;
  while ((c = getc(f)) != EOF) {
    if (size <= 65536)
      printf("%02x", (unsigned)c);
    h = (h ^ (unsigned)c) * 1099511628211u;
  }
  if (size > 65536)
    printf("fnv1a64:%016llx", (unsigned long long)h);
  putchar('\n');
  fclose(f);
  return 0;
}

int main(void) {
  char path[4096];
  int bad = 0;
  while (fgets(path, sizeof path, stdin)) {
    size_t n = strlen(path);
    if (n > 0 && path[n - 1] == '\n')
      path[--n] = '\0';
    struct stat st;
    if (lstat(path, &st) != 0) {
      printf("%s|missing: %s\n", path, strerror(errno));
      bad = 1;
      continue;
    }
    printf("%s|%s|%lld|%lld.%09ld|%lld.%09ld|%lu|%o|%llu\n", path, type_name(st.st_mode),
           (long long)st.st_size, (long long)MTIME(st).tv_sec, (long)MTIME(st).tv_nsec,
           (long long)CTIME(st).tv_sec, (long)CTIME(st).tv_nsec, (unsigned long)st.st_nlink,
           (unsigned)(st.st_mode & 07777), (unsigned long long)st.st_ino);
    if (S_ISLNK(st.st_mode)) {
      char target[4096];
      ssize_t len = readlink(path, target, sizeof target - 1);
      if (len < 0) {
        printf("unreadable link: %s\n", strerror(errno));
        bad = 1;
      } else {
        target[len] = '\0';
        printf("%s\n", target);
      }
    } else if (S_ISREG(st.st_mode)) {
      bad |= contents(path, (long long)st.st_size);
    }
  }
  return bad;
}
