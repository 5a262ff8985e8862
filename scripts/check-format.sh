#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fails if any C source or header in the repository differs from what
# clang-format (with the checked-in .clang-format) makes of it.
# Fix with: clang-format -i $(git ls-files '*.c' '*.h')
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.c' '*.h')
bad=0
for f in "${files[@]}"; do
  if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
    echo "not formatted: $f"
    bad=$((bad + 1))
  fi
done
echo "format: $(( ${#files[@]} - bad )) passed, $bad failed"
[ "$bad" -eq 0 ]
