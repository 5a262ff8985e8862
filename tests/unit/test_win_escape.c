// SPDX-License-Identifier: Apache-2.0
// Windows only: real escape attempts through the platform layer
// (src/platform/windows), each of which must be refused with the right
// errno before or by the OS, in a fresh directory under %TEMP%. Elsewhere
// it prints that it is skipped.
#include <stdio.h>

#ifndef _WIN32

int main(void) {
  printf("skipped: the Windows platform layer is not built on this host\n");
  return 0;
}

#else

#include <windows.h>

#include <string.h>

#include "platform/platform_fs.h"

#include "check.h"

static void expect(wd_errno_t got, wd_errno_t want, const char *what, int line) {
  if (got == want) {
    passed++;
    return;
  }
  failed++;
  printf("FAIL line %d: %s: got %u, want %u\n", line, what, (unsigned)got, (unsigned)want);
}
#define EQ(expr, want) expect((expr), (want), #expr, __LINE__)

static wd_os_fd_t g_root;

// Every call that takes a name refuses it the same way.
static void refused_everywhere(const char *name, wd_errno_t want, int line) {
  wd_os_fd_t fd = WD_OS_NO_FD;
  wd_os_stat_t st;
  char buf[64];
  size_t len;
  expect(wd_os_openat(g_root, name, WD_OS_O_READ, &fd), want, name, line);
  CHECK(fd == WD_OS_NO_FD);
  expect(wd_os_openat(g_root, name, WD_OS_O_WRITE | WD_OS_O_CREAT, &fd), want, name, line);
  expect(wd_os_openat(g_root, name, WD_OS_O_PATH | WD_OS_O_DIRECTORY, &fd), want, name, line);
  expect(wd_os_fstatat(g_root, name, false, &st), want, name, line);
  expect(wd_os_mkdirat(g_root, name), want, name, line);
  expect(wd_os_unlinkat(g_root, name, false), want, name, line);
  expect(wd_os_readlinkat(g_root, name, buf, sizeof buf, &len), want, name, line);
  expect(wd_os_utimensat(g_root, name, false, 0, 0, WD_FSTFLAG_MTIM_NOW), want, name, line);
  expect(wd_os_symlinkat("x", g_root, name), want, name, line);
  expect(wd_os_renameat(g_root, "inside", g_root, name), want, name, line);
  expect(wd_os_linkat(g_root, "inside", g_root, name), want, name, line);
  expect(wd_os_renameat(g_root, name, g_root, "other"), want, name, line);
}
#define REFUSED(name, e) refused_everywhere((name), (e), __LINE__)

static bool exists(const char *path) { return GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES; }

int main(void) {
  char tmp[MAX_PATH], dir[MAX_PATH];
  if (!GetTempPathA(sizeof tmp, tmp)) {
    printf("no temporary directory\n");
    return 1;
  }
  snprintf(dir, sizeof dir, "%sward-test-win-escape-%lu", tmp,
           (unsigned long)GetCurrentProcessId());
  if (!CreateDirectoryA(dir, NULL) || wd_os_open_dir(dir, &g_root) != WD_ESUCCESS) {
    printf("cannot make %s\n", dir);
    return 1;
  }
  // A file to rename and link from.
  wd_os_fd_t fd;
  EQ(wd_os_openat(g_root, "inside", WD_OS_O_WRITE | WD_OS_O_CREAT, &fd), WD_ESUCCESS);
  wd_os_close(fd);

  REFUSED("..", WD_ENOTCAPABLE);
  REFUSED("C:\\windows", WD_ENOTCAPABLE);
  REFUSED("C:\\windows\\win.ini", WD_ENOTCAPABLE);
  REFUSED("C:", WD_ENOTCAPABLE);
  REFUSED("C:windows", WD_ENOTCAPABLE);
  REFUSED("\\\\?\\C:\\", WD_ENOTCAPABLE);
  REFUSED("\\\\.\\C:", WD_ENOTCAPABLE);
  REFUSED("\\\\localhost\\C$", WD_ENOTCAPABLE);
  REFUSED("\\windows", WD_ENOTCAPABLE);
  REFUSED("/windows", WD_ENOTCAPABLE);
  REFUSED("..\\..", WD_ENOTCAPABLE);
  REFUSED("CON", WD_ENOTCAPABLE);
  REFUSED("conout$", WD_ENOTCAPABLE);
  REFUSED("nul.txt", WD_ENOTCAPABLE);
  REFUSED("NUL", WD_ENOTCAPABLE);
  REFUSED("com1", WD_ENOTCAPABLE);
  REFUSED("LPT1.log", WD_ENOTCAPABLE);
  REFUSED("COM\xc2\xb9", WD_ENOTCAPABLE);
  REFUSED("inside:stream", WD_ENOTCAPABLE);
  REFUSED("inside::$DATA", WD_ENOTCAPABLE);
  REFUSED("inside.", WD_EINVAL);
  REFUSED("inside ", WD_EINVAL);
  REFUSED("a*", WD_EINVAL);
  REFUSED("a?", WD_EINVAL);
  REFUSED("", WD_ENOENT);
  REFUSED("\xff", WD_EILSEQ);

  // Nothing was created anywhere by the attempts above.
  char p[MAX_PATH + 32];
  snprintf(p, sizeof p, "%s\\other", dir);
  CHECK(!exists(p));
  snprintf(p, sizeof p, "%s\\x", dir);
  CHECK(!exists(p));
  snprintf(p, sizeof p, "%s\\inside", dir);
  CHECK(exists(p));
  snprintf(p, sizeof p, "%s\\inside:stream", dir);
  CHECK(!exists(p));

  // The look-alikes are ordinary names.
  static const char *const fine[] = {"console", "nul_", "com10", "a.b", "CON_", "auxiliary"};
  for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++) {
    EQ(wd_os_openat(g_root, fine[i], WD_OS_O_WRITE | WD_OS_O_CREAT, &fd), WD_ESUCCESS);
    wd_os_close(fd);
    EQ(wd_os_unlinkat(g_root, fine[i], false), WD_ESUCCESS);
  }
  // "." is the directory itself.
  wd_os_stat_t st;
  EQ(wd_os_fstatat(g_root, ".", false, &st), WD_ESUCCESS);
  CHECK(st.filetype == WD_FILETYPE_DIRECTORY);

  EQ(wd_os_unlinkat(g_root, "inside", false), WD_ESUCCESS);
  wd_os_close(g_root);
  CHECK(RemoveDirectoryA(dir));
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}

#endif
