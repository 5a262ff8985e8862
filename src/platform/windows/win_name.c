// SPDX-License-Identifier: Apache-2.0
// Names refused before they reach Windows (win_name.h). ward opens names
// relative to a directory handle with NtCreateFile, which does not apply
// Win32's DOS path rules; the checks are a second line, and they keep
// guests from creating files that Win32 programs (and the user) cannot
// open or would confuse with a device. The known escapes on Windows hosts
// came through exactly these forms: a device name such as NUL or COM1 in a
// component, and a component with a drive prefix ("C:foo").
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "platform/windows/win_name.h"

// Whether s[0..n) is valid UTF-8 (shortest forms, no surrogates, at most
// U+10FFFF), as MultiByteToWideChar(MB_ERR_INVALID_CHARS) demands.
static bool utf8_ok(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    size_t len;
    uint32_t cp, min;
    if (c < 0x80) {
      i++;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      len = 2, cp = c & 0x1f, min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3, cp = c & 0x0f, min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (n - i < len)
      return false;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xc0) != 0x80)
        return false;
      cp = (cp << 6) | (s[i + k] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += len;
  }
  return true;
}

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

// Whether s[0..n) equals the lower-case ASCII word w, ignoring case.
static bool word_is(const char *s, size_t n, const char *w) {
  if (strlen(w) != n)
    return false;
  for (size_t i = 0; i < n; i++)
    if (lower(s[i]) != w[i])
      return false;
  return true;
}

// Whether the name is a DOS device: what comes before the first '.', less
// trailing spaces, is one of the reserved words (Win32 turns "nul.txt" and
// "CON  " into the device too).
static bool is_device(const char *name) {
  size_t n = strcspn(name, ".");
  while (n > 0 && name[n - 1] == ' ')
    n--;
  static const char *const words[] = {"con", "prn", "aux", "nul", "conin$", "conout$"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (word_is(name, n, words[i]))
      return true;
  if (n < 4 || !(word_is(name, 3, "com") || word_is(name, 3, "lpt")))
    return false;
  if (n == 4 && name[3] >= '0' && name[3] <= '9')
    return true;
  // COM¹, COM², COM³ (and LPT): U+00B9, U+00B2, U+00B3 in UTF-8.
  const unsigned char *t = (const unsigned char *)name + 3;
  return n == 5 && t[0] == 0xc2 && (t[1] == 0xb9 || t[1] == 0xb2 || t[1] == 0xb3);
}

wd_errno_t wd_win_name_check(const char *name) {
  if (!name || !name[0])
    return WD_ENOENT;
  size_t n = strlen(name);
  if (!utf8_ok((const unsigned char *)name, n))
    return WD_EILSEQ;
  if (strcmp(name, ".") == 0)
    return WD_ESUCCESS;
  if (strcmp(name, "..") == 0 || strpbrk(name, "/\\:"))
    return WD_ENOTCAPABLE;
  if (is_device(name))
    return WD_ENOTCAPABLE;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)name[i];
    if (c < 0x20 || strchr("<>\"|?*", c))
      return WD_EINVAL;
  }
  if (name[n - 1] == '.' || name[n - 1] == ' ')
    return WD_EINVAL;
  return WD_ESUCCESS;
}
