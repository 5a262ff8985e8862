#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Sandbox-escape tests for ward's WASI. Builds tests/security/*.c (wasm32-wasi),
# tests/security/wat/*.wat and the native swapper into BUILD_DIR/security-tests/,
# then runs each guest against a fresh layout:
#   X/sandbox        --dir X/sandbox::/sandbox       (fd 3, read-write)
#   X/ro             --dir-ro X/ro::/ro              (fd 4, read-only)
#   X/outside        canary: secret.txt holds a fresh random secret
#   X/sandbox-evil   sibling sharing the preopen's name as a prefix
# plus host-planted symlinks in the sandbox (up -> ../outside, abs ->
# /etc/passwd, absout -> X/outside, absdir -> /, dotdot -> .., evil ->
# ../sandbox-evil, deep/link -> ../../outside/secret.txt, loop -> loop, a
# 41-link chain c0..c40 and a 5-link chain s0..s4). Every test passes only if
# the guest reached its final "ok: N checks" AND, checked from the host,
# nothing outside X/sandbox changed (names, types, sizes, times, link counts,
# inodes, modes, contents, link targets) AND no secret (nor /etc/passwd's
# content) appeared in the guest's output.
#
# Usage: run_security_tests.sh BUILD_DIR [WARD] [FILTER]
# Last line: "security: N passed, N failed"; exit 1 on failure, 2 if the
# toolchain is missing. ward runs through $WARD_RUNNER, the host helpers
# (host/swapper.c, ../lib/host/{watchdog,lsfiles}.c) are built with
# $HOST_CC: tests/lib/ward_runner.sh.
set -u

build=${1:?usage: run_security_tests.sh BUILD_DIR [WARD] [FILTER]}
WARD=${2:-$build/ward}
filter=${3:-}
[ -x "$WARD" ] && WARD=$(cd "$(dirname "$WARD")" && pwd)/$(basename "$WARD")
src=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib/ward_runner.sh
. "$src/../lib/ward_runner.sh"
out=$build/security-tests
mkdir -p "$out/bin" "$out/runs"
out=$(cd "$out" && pwd)
bin=$out/bin
CLANG=${CLANG:-clang}
WAT2WASM=${WAT2WASM:-wat2wasm}
RACE_MS=${RACE_MS:-3000}

missing() {
  echo "security: SKIPPED: $1"
  echo "security: install clang, lld, wasi-libc, libclang-rt-14-dev-wasm32 and wabt (scripts/install-deps.sh)"
  echo "security: 0 passed, 0 failed"
  exit 2
}
[ -x "$WARD" ] || missing "no ward binary at $WARD"
command -v "$CLANG" >/dev/null 2>&1 || missing "clang not found"
command -v "$WAT2WASM" >/dev/null 2>&1 || missing "wat2wasm not found"
command -v "$HOST_CC" >/dev/null 2>&1 || missing "$HOST_CC (the host's C compiler) not found"
printf '#include <stdio.h>\nint main(void){puts("x");return 0;}\n' >"$out/probe.c"
"$CLANG" --target=wasm32-wasi -O2 "$out/probe.c" -o "$out/probe.wasm" 2>"$out/probe.log" ||
  missing "clang cannot build for wasm32-wasi (no wasm32 target, wasi-libc or libclang_rt.builtins-wasm32)"

# shellcheck disable=SC3013 # -nt: POSIX.1-2024, and every sh we run on
stale() { [ ! -e "$1" ] || [ "$2" -nt "$1" ] || { [ -n "${3:-}" ] && [ "$3" -nt "$1" ]; }; }
build_failed=0
for c in "$src"/*.c; do
  name=$(basename "$c" .c)
  # shellcheck disable=SC3013
  if stale "$bin/$name.wasm" "$c" "$src/esc.h" || [ "$src/../wasi/wasi_check.h" -nt "$bin/$name.wasm" ]; then
    "$CLANG" --target=wasm32-wasi -O2 -Wall -Wextra -Wno-unused-parameter "$c" -o "$bin/$name.wasm" ||
      { echo "security: BUILD FAILED: $c"; build_failed=1; }
  fi
done
for w in "$src"/wat/*.wat; do
  name=$(basename "$w" .wat)
  if stale "$bin/$name.wasm" "$w"; then
    "$WAT2WASM" --debug-names "$w" -o "$bin/$name.wasm" || { echo "security: BUILD FAILED: $w"; build_failed=1; }
  fi
done
build_host_tool swapper "$src/host/swapper.c" "$bin" || build_failed=1
build_host_tool watchdog "$ward_lib/host/watchdog.c" "$bin" || build_failed=1
build_host_tool lsfiles "$ward_lib/host/lsfiles.c" "$bin" || build_failed=1
WARD_WATCHDOG=$bin/watchdog

passed=0
failed=0
failures=
T='' X='' secret='' status=''

# A fresh layout under $T/x.
layout() {
  T=$(mktemp -d "$out/runs/$1.XXXXXX")
  X=$T/x
  mkdir -p "$X/sandbox/deep" "$X/ro/sub" "$X/ro/empty" "$X/outside/dir" "$X/sandbox-evil"
  secret="SECRET-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$secret" >"$X/outside/secret.txt"
  printf 'outside dir file\n' >"$X/outside/dir/f.txt"
  printf 'EVIL %s\n' "$secret" >"$X/sandbox-evil/evil.txt"
  printf 'read-only content\n' >"$X/ro/file.txt"
  printf 'inner\n' >"$X/ro/sub/inner.txt"
  printf 'real' >"$X/sandbox/real.txt"
  printf 'KEEP' >"$X/sandbox/keep.txt"
  ln -s ../outside "$X/sandbox/up"
  ln -s /etc/passwd "$X/sandbox/abs"
  ln -s "$X/outside" "$X/sandbox/absout"
  ln -s / "$X/sandbox/absdir"
  ln -s .. "$X/sandbox/dotdot"
  ln -s ../sandbox-evil "$X/sandbox/evil"
  ln -s ../../outside/secret.txt "$X/sandbox/deep/link"
  ln -s loop "$X/sandbox/loop"
  i=0
  while [ "$i" -le 39 ]; do ln -s "c$((i + 1))" "$X/sandbox/c$i"; i=$((i + 1)); done
  ln -s real.txt "$X/sandbox/c40"
  for i in 0 1 2 3; do ln -s "s$((i + 1))" "$X/sandbox/s$i"; done
  ln -s real.txt "$X/sandbox/s4"
  # For the race: swap is a real directory (with a decoy secret), alt a link out.
  mkdir "$X/sandbox/swap"
  printf 'decoy\n' >"$X/sandbox/swap/secret.txt"
  ln -s ../outside "$X/sandbox/alt"
  touch -t 202001020304.05 "$X/outside/secret.txt" "$X/ro/file.txt"
}

# Everything outside X/sandbox, as text (X itself included: new names in X
# change its mtime; atime is left out: reads may update it): for each path,
# name, type, size, mtime and ctime (in ns), link count, mode and inode, and
# a link's target or a file's contents (../lib/host/lsfiles.c).
manifest() {
  (cd "$X" && find . -path ./sandbox -prune -o -print | LC_ALL=C sort | "$bin/lsfiles")
  ls -la /tmp/ward-escape.txt 2>/dev/null
}

pass() { passed=$((passed + 1)); echo "PASS: $1"; }
skipped=0
# skip NAME REASON: the test NAME cannot run on this target.
skip() {
  case $1 in *"$filter"*) ;; *) return ;; esac
  skipped=$((skipped + 1))
  echo "SKIP: $1: $2"
}
fail() {
  failed=$((failed + 1))
  failures="$failures $1"
  echo "FAIL: $1: $2"
}
show() {
  echo "  command: ward run $*"
  echo "  status:  $status"
  echo "  stdout:"; sed -n '1,40s/^/    /p' "$T/stdout"
  echo "  stderr:"; sed -n '1,20s/^/    /p' "$T/stderr"
}
has_ok() { grep -Eq '^ok: [1-9][0-9]* checks' "$T/stdout" && ! grep -q '^FAIL' "$T/stdout"; }

# The host-side verdict: prints a reason and returns 1 if anything escaped.
host_check() {
  manifest >"$T/after"
  if ! cmp -s "$T/before" "$T/after"; then
    echo "outside the sandbox changed: $(diff "$T/before" "$T/after" | grep '^[<>]' | head -n 4 | tr '\n' ' ')"
    return 1
  fi
  if grep -qF "$secret" "$T/stdout" "$T/stderr"; then echo "the secret appeared in the guest's output"; return 1; fi
  if grep -q 'root:.*:0:0:' "$T/stdout" "$T/stderr"; then echo "/etc/passwd content in the guest's output"; return 1; fi
  if grep -Eq 'LEAKED CONTENT|^READ: ' "$T/stdout"; then echo "the guest read something it should not have"; return 1; fi
  return 0
}

# subst_x ARG: ARG with each @X@ replaced by $X.
subst_x() {
  sx_rest=$1 sx_done=
  while :; do
    case $sx_rest in
      *@X@*) sx_done=$sx_done${sx_rest%%@X@*}$X sx_rest=${sx_rest#*@X@} ;;
      *) break ;;
    esac
  done
  printf '%s\n' "$sx_done$sx_rest"
}

# t NAME WASM WANT [ARGS...]; WANT: ok, or fault (ok line, or a trap).
# ward runs with the two preopens, the module and ARGS (@X@ replaced).
t() {
  name=$1 wasm=$2 want=$3
  shift 3
  case $name in *"$filter"*) ;; *) return ;; esac
  [ -e "$bin/$wasm.wasm" ] || { fail "$name" "$wasm.wasm was not built"; return; }
  layout "$name"
  manifest >"$T/before"
  n=$#
  while [ "$n" -gt 0 ]; do
    set -- "$@" "$(subst_x "$1")"
    shift
    n=$((n - 1))
  done
  set -- --dir "$X/sandbox::/sandbox" --dir-ro "$X/ro::/ro" "$bin/$wasm.wasm" "$@"
  printf 'stdin bytes for fd_read\n' >"$T/in"
  (cd "$T" && run_ward_limited 60 run "$@" <"$T/in" >"$T/stdout" 2>"$T/stderr")
  status=$?
  why=
  if timed_out "$status" "$T/stderr"; then why="timed out: killed after 60 s"; fi
  [ -n "$why" ] || case $want in
    ok) if [ "$status" != 0 ]; then why="exit status $status, want 0"
        elif ! has_ok; then why="no final 'ok: N checks' line (or a FAIL line)"; fi ;;
    fault) if [ "$status" = 0 ]; then has_ok || why="no ok line (EFAULT not returned)"
        elif [ "$status" = 134 ]; then grep -q 'wasm trap' "$T/stderr" || why="status 134 without 'wasm trap'"
        else why="exit status $status, want 0 (EFAULT) or 134 (trap)"; fi ;;
  esac
  msg=$(host_check) || why="${why:+$why; }HOST: $msg"
  if [ -z "$why" ]; then pass "$name"; rm -rf "$T"
  else fail "$name" "$why"; show "$@"; fi
}

t esc_dotdot esc_dotdot ok
t esc_absolute esc_absolute ok @X@/outside @X@/sandbox
if under_wine; then
  # The planted links are what they point to for ward under Wine: reading
  # one's text is refused as well (the guest's hidden-links mode).
  t esc_symlinks esc_symlinks ok hidden-links
else
  t esc_symlinks esc_symlinks ok
fi
t esc_prefix_sibling esc_prefix_sibling ok @X@/sandbox-evil
t esc_hardlink_rename esc_hardlink_rename ok
t esc_readonly esc_readonly ok
t esc_nul_bytes esc_nul_bytes ok
if under_wine; then
  skip esc_long_paths "its control (100 nested directories) needs final paths over 260 characters, and Wine's GetFinalPathNameByHandleW fails beyond MAX_PATH, so ward refuses the deepest ones"
else
  t esc_long_paths esc_long_paths ok
fi
t esc_rights esc_rights ok
t esc_renumber esc_renumber ok
for c in 1 2 3 4 5 6 7 8 10; do t "esc_pointers_$c" esc_pointers fault "$c"; done
if under_wine; then
  skip esc_pointers_9_overlap "its control reads the planted link 'up' with path_readlink, and under Wine a Unix symlink is no link to ward (it is refused, ENOTCAPABLE)"
else
  t esc_pointers_9_overlap esc_pointers ok 9
fi

# The symlink-swap race: the guest hammers swap/... while the host swaps it.
race() {
  name=race_symlink_swap
  case $name in *"$filter"*) ;; *) return ;; esac
  if under_wine; then
    # Seen: the guest read outside/secret.txt. Wine follows a Unix symlink
    # inside its own path lookup, where no Windows program sees a link, and
    # computes a handle's final path by a second lookup later: a swap in
    # between passes ward's final-path check. On Windows a link is a reparse
    # point, which ward never lets the system follow (docs/portability.md).
    skip "$name" "Wine follows Unix symlinks invisibly and re-resolves final paths later: a host-side swap race escapes under Wine (not on Windows, where links are reparse points ward never follows)"
    return
  fi
  layout "$name"
  manifest >"$T/before"
  set -- --dir "$X/sandbox::/sandbox" --dir-ro "$X/ro::/ro" "$bin/race_guest.wasm" "$RACE_MS"
  (cd "$T" && run_ward_limited 60 run "$@" </dev/null >"$T/stdout" 2>"$T/stderr") &
  pid=$!
  "$bin/swapper" "$X/sandbox" 100000 "$RACE_MS" >"$T/swapper" 2>&1
  sw=$?
  wait "$pid"
  status=$?
  why=
  swaps=$(sed -n 's/^swapper: \([0-9]*\) swaps$/\1/p' "$T/swapper")
  rounds=$(sed -n 's/^race: \([0-9]*\) rounds.*/\1/p' "$T/stdout")
  echo "race: $(cat "$T/swapper"); guest: $(grep '^race:' "$T/stdout" || echo 'no report')"
  if timed_out "$status" "$T/stderr"; then why="timed out: killed after 60 s"
  elif [ "$sw" != 0 ]; then why="swapper failed: $(cat "$T/swapper")"
  elif [ -z "$swaps" ] || [ "$swaps" -lt 100 ]; then why="only ${swaps:-0} swaps (want >= 100)"
  elif [ "$status" != 0 ]; then why="exit status $status, want 0"
  elif ! has_ok; then why="no final ok line"
  elif [ -z "$rounds" ]; then why="no round count"; fi
  msg=$(host_check) || why="${why:+$why; }HOST: $msg (escapes during the race)"
  if [ -z "$why" ]; then pass "$name"; rm -rf "$T"
  else fail "$name" "$why"; show "$@"; fi
}
race

[ "$build_failed" = 1 ] && fail build "some test programs did not build (see above)"
[ -n "$failures" ] && echo "failed:$failures"
if [ "$skipped" -gt 0 ]; then
  echo "security: $passed passed, $failed failed, $skipped skipped (SKIP lines above)"
else
  echo "security: $passed passed, $failed failed"
fi
[ "$failed" = 0 ]
