// SPDX-License-Identifier: Apache-2.0
// Unit test of the Windows name check (src/platform/windows/win_name.c):
// a pure function, so it runs on every host. Every form the Windows layer
// must refuse before a name reaches the OS, and look-alikes it must accept.
#include <stdint.h>
#include <stdio.h>

#include "platform/windows/win_name.h"

static int passed, failed;

static void expect(const char *name, wd_errno_t want, int line) {
  wd_errno_t got = wd_win_name_check(name);
  if (got == want) {
    passed++;
    return;
  }
  failed++;
  printf("FAIL line %d: \"%s\": got %u, want %u\n", line, name, (unsigned)got, (unsigned)want);
}
#define OK(name) expect(name, WD_ESUCCESS, __LINE__)
#define REFUSED(name, e) expect(name, e, __LINE__)

int main(void) {
  // Ordinary names and look-alikes of the refused ones.
  OK("a");
  OK(".");
  OK("a.b");
  OK("...a");
  OK(".hidden");
  OK("file.txt");
  OK("console");
  OK("nul_");
  OK("nullable");
  OK("_nul");
  OK("com10");
  OK("lpt10");
  OK("com");
  OK("comx");
  OK("conin");
  OK("conout$x");
  OK("aux1");
  OK("prn2.txt");
  OK("x.nul");
  OK(" nul"); // a leading space is part of the name
  OK("com\xc2\xb9x");
  OK("com\xc2\xb4");     // U+00B4 is not a superscript digit
  OK("com\xe2\x81\xb4"); // superscript four: not a device
  OK("caf\xc3\xa9");
  OK("\xe6\x97\xa5\xe6\x9c\xac");
  OK("\xf0\x9f\x98\x80"); // U+1F600: a surrogate pair in UTF-16
  OK("a b");
  OK("a;b,c=d+e[f]g{h}i'j`k~l!m@n#o$p%q^r&s(t)u");

  // Empty and invalid UTF-8.
  REFUSED("", WD_ENOENT);
  REFUSED("\xff", WD_EILSEQ);
  REFUSED("a\xc3", WD_EILSEQ);            // truncated sequence
  REFUSED("\xc0\xaf", WD_EILSEQ);         // overlong '/'
  REFUSED("\xed\xa0\x80", WD_EILSEQ);     // a UTF-16 surrogate
  REFUSED("\xf4\x90\x80\x80", WD_EILSEQ); // beyond U+10FFFF

  // Leaving the directory: parent, separators, absolute and prefixed paths.
  REFUSED("..", WD_ENOTCAPABLE);
  REFUSED("a/b", WD_ENOTCAPABLE);
  REFUSED("/", WD_ENOTCAPABLE);
  REFUSED("a\\b", WD_ENOTCAPABLE);
  REFUSED("\\", WD_ENOTCAPABLE);
  REFUSED("..\\x", WD_ENOTCAPABLE);
  REFUSED("\\\\server\\share", WD_ENOTCAPABLE);
  REFUSED("\\\\?\\C:\\", WD_ENOTCAPABLE);
  REFUSED("\\\\.\\PhysicalDrive0", WD_ENOTCAPABLE);
  REFUSED("\\??\\C:\\", WD_ENOTCAPABLE);
  REFUSED("C:\\windows", WD_ENOTCAPABLE);
  REFUSED("C:/windows", WD_ENOTCAPABLE);

  // Drive letters anywhere, and alternate data streams.
  REFUSED("C:", WD_ENOTCAPABLE);
  REFUSED("c:", WD_ENOTCAPABLE);
  REFUSED("C:foo", WD_ENOTCAPABLE);
  REFUSED("file:stream", WD_ENOTCAPABLE);
  REFUSED("file::$DATA", WD_ENOTCAPABLE);
  REFUSED("dir:$I30:$INDEX_ALLOCATION", WD_ENOTCAPABLE);
  REFUSED(":", WD_ENOTCAPABLE);
  REFUSED("a:", WD_ENOTCAPABLE);

  // DOS devices, in any case, with extensions and trailing spaces or dots.
  static const char *const devices[] = {"CON",
                                        "PRN",
                                        "AUX",
                                        "NUL",
                                        "con",
                                        "Nul",
                                        "cOn",
                                        "COM0",
                                        "COM1",
                                        "COM9",
                                        "com5",
                                        "LPT0",
                                        "LPT1",
                                        "LPT9",
                                        "lpt3",
                                        "CONIN$",
                                        "CONOUT$",
                                        "conin$",
                                        "nul.txt",
                                        "NUL.tar.gz",
                                        "con.",
                                        "CON ",
                                        "nul  ",
                                        "nul .txt",
                                        "com1.log",
                                        "aux.c",
                                        "COM\xc2\xb9",
                                        "COM\xc2\xb2",
                                        "COM\xc2\xb3",
                                        "lpt\xc2\xb9",
                                        "LPT\xc2\xb3.txt",
                                        "conout$.x",
                                        "NUL...",
                                        "prn. "};
  for (size_t i = 0; i < sizeof devices / sizeof devices[0]; i++)
    REFUSED(devices[i], WD_ENOTCAPABLE);

  // Names Win32 would alias (final dot or space) and characters it forbids.
  REFUSED("secret.", WD_EINVAL);
  REFUSED("secret ", WD_EINVAL);
  REFUSED("secret. .", WD_EINVAL);
  REFUSED("...", WD_EINVAL);
  REFUSED(" ", WD_EINVAL);
  REFUSED("a<b", WD_EINVAL);
  REFUSED("a>b", WD_EINVAL);
  REFUSED("a\"b", WD_EINVAL);
  REFUSED("a|b", WD_EINVAL);
  REFUSED("a?b", WD_EINVAL);
  REFUSED("a*b", WD_EINVAL);
  REFUSED("*", WD_EINVAL);
  REFUSED("a\tb", WD_EINVAL);
  REFUSED("a\nb", WD_EINVAL);
  REFUSED("\x01", WD_EINVAL);
  REFUSED("a\x1f", WD_EINVAL);

  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
