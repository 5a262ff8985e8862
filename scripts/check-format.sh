#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Fails if any C source or header in the repository differs from what
# clang-format (with the checked-in .clang-format) makes of it.
# Fix with: clang-format -i $(git ls-files '*.c' '*.h')
set -eu
cd "$(dirname "$0")/.."
files=$(git ls-files '*.c' '*.h')
total=0
bad=0
# one name a line, not globbed
set -f
IFS='
'
for f in $files; do
  total=$((total + 1))
  if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
    echo "not formatted: $f"
    bad=$((bad + 1))
  fi
done
echo "format: $((total - bad)) passed, $bad failed"
[ "$bad" -eq 0 ]
