#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# WASI preview1 tests: compiles tests/wasi/*.c (clang --target=wasm32-wasi +
# wasi-libc), tests/wasi/wat/*.wat (wat2wasm) and the native helpers into
# BUILD_DIR/wasi-tests/, then runs each test with `ward run` in a fresh
# temporary directory and checks its exit status, its final "ok: N checks"
# line (a program that stops before its checks cannot pass), and any
# host-side expectation (stderr echo, files created, a TCP reply).
#
# Usage: run_wasi_tests.sh BUILD_DIR [WARD] [FILTER]
#   WARD defaults to BUILD_DIR/ward; FILTER is a substring of test names.
# Prints "wasi: N passed, N failed" as its last line; exits 1 if any failed,
# 2 if the toolchain (clang's wasm32 target, wasi-libc, wat2wasm, cc) is
# missing — it is required (scripts/install-deps.sh installs it).
# ward runs through $WARD_RUNNER, the host helpers (host/*.c,
# ../lib/host/watchdog.c) are built with $HOST_CC: tests/lib/ward_runner.sh.
set -u

build=${1:?usage: run_wasi_tests.sh BUILD_DIR [WARD] [FILTER]}
WARD=${2:-$build/ward}
filter=${3:-}
[ -x "$WARD" ] && WARD=$(cd "$(dirname "$WARD")" && pwd)/$(basename "$WARD")
src=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib/ward_runner.sh
. "$src/../lib/ward_runner.sh"
nl='
'
out=$build/wasi-tests
mkdir -p "$out/bin" "$out/runs"
out=$(cd "$out" && pwd)
bin=$out/bin

CLANG=${CLANG:-clang}
WAT2WASM=${WAT2WASM:-wat2wasm}

# --- toolchain ------------------------------------------------------------
missing() {
  echo "wasi: SKIPPED: $1"
  echo "wasi: install clang, lld, wasi-libc, libclang-rt-14-dev-wasm32 and wabt (scripts/install-deps.sh)"
  echo "wasi: 0 passed, 0 failed"
  exit 2
}
[ -x "$WARD" ] || missing "no ward binary at $WARD"
command -v "$CLANG" >/dev/null 2>&1 || missing "clang not found"
command -v "$WAT2WASM" >/dev/null 2>&1 || missing "wat2wasm not found"
command -v "$HOST_CC" >/dev/null 2>&1 || missing "$HOST_CC (the host's C compiler) not found"
printf '#include <stdio.h>\nint main(void){puts("x");return 0;}\n' >"$out/probe.c"
if ! "$CLANG" --target=wasm32-wasi -O2 "$out/probe.c" -o "$out/probe.wasm" 2>"$out/probe.log"; then
  sed 's/^/  /' "$out/probe.log"
  missing "clang cannot build for wasm32-wasi (no wasm32 target, wasi-libc or libclang_rt.builtins-wasm32)"
fi

# --- build ------------------------------------------------------------------
# Rebuilds an output when it is older than its source or the shared header.
# shellcheck disable=SC3013 # -nt: POSIX.1-2024, and every sh we run on
stale() { [ ! -e "$1" ] || [ "$2" -nt "$1" ] || { [ -n "${3:-}" ] && [ "$3" -nt "$1" ]; }; }
build_failed=0
for c in "$src"/*.c; do
  name=$(basename "$c" .c)
  if stale "$bin/$name.wasm" "$c" "$src/wasi_check.h"; then
    "$CLANG" --target=wasm32-wasi -O2 -Wall -Wextra -Wno-unused-parameter \
      "$c" -o "$bin/$name.wasm" || { echo "wasi: BUILD FAILED: $c"; build_failed=1; }
  fi
done
for w in "$src"/wat/*.wat; do
  name=$(basename "$w" .wat)
  if stale "$bin/$name.wasm" "$w"; then
    "$WAT2WASM" --debug-names "$w" -o "$bin/$name.wasm" || { echo "wasi: BUILD FAILED: $w"; build_failed=1; }
  fi
done
build_host_tool tcp_client "$src/host/tcp_client.c" "$bin" || build_failed=1
build_host_tool watchdog "$ward_lib/host/watchdog.c" "$bin" || build_failed=1
WARD_WATCHDOG=$bin/watchdog

# --- running ----------------------------------------------------------------
passed=0
failed=0
failures=

# Per-test state, set by run_test.
T='' SB='' D2='' D3='' status=''

new_dirs() {
  T=$(mktemp -d "$out/runs/$1.XXXXXX")
  SB=$T/sandbox D2=$T/second D3=$T/third
  mkdir -p "$SB" "$D2" "$D3"
}

show() {
  echo "  command: ward run $*"
  echo "  status:  $status"
  echo "  stdout:"; sed -n '1,40s/^/    /p' "$T/stdout"
  echo "  stderr:"; sed -n '1,20s/^/    /p' "$T/stderr"
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

# has_ok: the guest printed its final "ok: N checks" line (N > 0) and no
# FAIL line.
has_ok() {
  grep -Eq '^ok: [1-9][0-9]* checks' "$T/stdout" && ! grep -q '^FAIL' "$T/stdout"
}

# run_guest STDIN ARGS...: runs `ward run ARGS` in $T with stdin from the
# file STDIN ("-" for /dev/null), killed after 30 s. Sets status.
run_guest() {
  rg_in=$1
  shift
  [ "$rg_in" = - ] && rg_in=/dev/null
  (cd "$T" && WARD_PASS=from-host && export WARD_PASS &&
    run_ward_limited 30 run "$@" <"$rg_in" >"$T/stdout" 2>"$T/stderr")
  status=$?
}

# has_hook NAME: a function NAME is defined.
has_hook() { command -v "$1" >/dev/null 2>&1; }

# t NAME WASM WANT STDIN 'FLAGS' [ARGS...]
#   WANT: ok (status 0 + ok line), exit:N (status N + ok line),
#         link:FUNC (status 1, stderr names FUNC, guest never ran),
#         trap (status 134 + "wasm trap" on stderr + ok line),
#         fault (ok line with status 0, or a trap: status 134 + "wasm trap"),
#         raise (ok line with status 0, or any status but 0/139 without FAIL)
#   STDIN: - for /dev/null, or a file name under $T (made by a setup hook).
#   FLAGS: ward options, eval'ed after $T/$SB/$D2/$D3 exist.
#   Hooks: setup_NAME runs before, check_NAME after (return 1 = failure).
t() {
  name=$1 wasm=$2 want=$3 in=$4 flags=$5
  shift 5
  case $name in *"$filter"*) ;; *) return ;; esac
  if [ ! -e "$bin/$wasm.wasm" ]; then
    fail "$name" "$wasm.wasm was not built"
    return
  fi
  new_dirs "$name"
  if has_hook "setup_$name"; then "setup_$name"; fi
  # ward's arguments: FLAGS (split as the shell would), the module, ARGS
  eval "set -- $flags \"\$bin/\$wasm.wasm\" \"\$@\""
  [ "$in" != - ] && in=$T/$in
  run_guest "$in" "$@"
  why=
  if timed_out "$status" "$T/stderr"; then why="timed out: killed after 30 s"; fi
  [ -n "$why" ] || case $want in
    ok) [ "$status" = 0 ] || why="exit status $status, want 0"
        [ -z "$why" ] && ! has_ok && why="no final 'ok: N checks' line (or a FAIL line)" ;;
    exit:*) [ "$status" = "${want#exit:}" ] || why="exit status $status, want ${want#exit:}"
        [ -z "$why" ] && ! has_ok && why="no 'ok:' line before exiting" ;;
    link:*) if [ "$status" != 1 ]; then why="exit status $status, want 1 (link error)"
        elif ! grep -q "${want#link:}" "$T/stderr"; then why="stderr does not name ${want#link:}"
        elif [ -s "$T/stdout" ]; then why="the guest ran (stdout not empty)"
        elif [ "$(wc -l <"$T/stderr" | tr -d ' ')" -ne 1 ]; then why="link error is not one line"; fi ;;
    trap) if [ "$status" != 134 ]; then why="exit status $status, want 134"
        elif ! grep -q 'wasm trap' "$T/stderr"; then why="no 'wasm trap' on stderr"
        elif ! has_ok; then why="output before the trap lost"; fi ;;
    fault) if [ "$status" = 0 ]; then has_ok || why="no ok line (EFAULT not returned)"
        elif [ "$status" = 134 ]; then grep -q 'wasm trap' "$T/stderr" || why="status 134 without 'wasm trap'"
        else why="exit status $status, want 0 (EFAULT) or 134 (trap)"; fi ;;
    raise) if grep -q '^FAIL' "$T/stdout"; then why="a FAIL line"
        elif [ "$status" = 0 ]; then has_ok || why="no ok line"
        elif [ "$status" = 139 ] || { [ "$status" -ge 124 ] && [ "$status" -le 127 ]; }; then why="exit status $status (crash/timeout)"
        elif ! grep -q 'proc_raise(200) ->' "$T/stdout"; then why="terminated before the checks ran"; fi ;;
    *) why="bad expectation '$want' in the table" ;;
  esac
  if [ -z "$why" ] && has_hook "check_$name"; then
    msg=$("check_$name") || why=${msg:-host-side check failed}
  fi
  if [ -z "$why" ]; then
    pass "$name"
    rm -rf "$T"
  else
    fail "$name" "$why"
    show "$@"
  fi
}

# --- host-side setup and checks ----------------------------------------------
# check_* print a reason and return 1 on failure, print nothing on success.

# random_bytes N00: N00 random bytes (reads of 100 bytes from /dev/urandom are
# never short).
random_bytes() { dd if=/dev/urandom bs=100 count="$1" 2>/dev/null; }
setup_stdin_file() { random_bytes 200 >"$T/in"; printf 'end\n' >>"$T/in"; }
check_stdin_file() { cmp -s "$T/in" "$T/stderr" || { echo "stderr is not the bytes fed to stdin"; return 1; }; }

setup_stdin_pipe() {
  random_bytes 90 >"$T/in"
  # Feed it in three parts with pauses, through a pipe: bytes 1-100,
  # 101-4100, and the rest.
  mkfifo "$T/fifo"
  { dd if="$T/in" bs=100 count=1 2>/dev/null; sleep 0.3
    dd if="$T/in" bs=100 skip=1 count=40 2>/dev/null; sleep 0.2
    tail -c +4101 "$T/in"; } >"$T/fifo" &
}
check_stdin_pipe() { cmp -s "$T/in" "$T/stderr" || { echo "stderr is not the bytes fed through the pipe"; return 1; }; }

check_close_preopen() {
  [ ! -e "$SB/x" ] || { echo "a file was created through the closed preopen"; return 1; }
  [ -f "$D2/y" ] || { echo "the second preopen did not create y"; return 1; }
}

check_fd_file_rw() { [ "$(cat "$SB/rw.txt")" = "hello world" ] || { echo "host file content wrong"; return 1; }; }

setup_bad_pointers() { printf 'some stdin data for fd_read\n' >"$T/in"; }
check_bad_pointers() { ! grep -q LEAK "$T/stdout" || { echo "bytes beyond memory reached stdout"; return 1; }; }

setup_overlap() { printf '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!?' >"$T/in"; }
check_overlap() { grep -q 'XYXY' "$T/stdout" || { echo "fd_write of overlapping iovecs did not print XYXY"; return 1; }; }

# --- the tests ----------------------------------------------------------------
DIR='--dir "$SB::/sandbox"'
# tl NAME WASM: a test (ok, with one preopen) whose guest makes symlinks with
# path_symlink, which Wine cannot do (no FSCTL_SET_REPARSE_POINT: ENOTSUP).
tl() {
  if under_wine; then
    skip "$1" "its guest creates symlinks (path_symlink), which Wine cannot make for a Windows program (ENOTSUP)"
  else
    t "$1" "$2" ok - "$DIR"
  fi
}

t args_exact args_exact ok - '' alpha "two words" "" "ünï=x"
t environ_exact environ_exact ok - '--env A=1 --env "B=x y" --env EMPTY= --env WARD_PASS' \
  "A=1" "B=x y" "EMPTY=" "WARD_PASS=from-host"
t environ_empty environ_exact ok - ''
t clocks clocks ok - '' "$(date +%s)"
t random_get random_get ok - ''
t stdin_file stdin_echo ok in ''
t stdin_pipe stdin_echo ok fifo ''
t fd_file_rw fd_file_rw ok - "$DIR"
t fd_pread_pwrite fd_pread_pwrite ok - "$DIR"
t fd_seek_tell fd_seek_tell ok - "$DIR"
t fd_fdstat_flags fd_fdstat_flags ok - "$DIR"
t fd_fdstat_set_rights fd_fdstat_set_rights ok - "$DIR"
if windows_target "$WARD"; then
  # Windows keeps file times in 100 ns units: the times set come back
  # truncated to them.
  t fd_filestat fd_filestat ok - "$DIR" 100
else
  t fd_filestat fd_filestat ok - "$DIR"
fi
t fd_advise_allocate_sync fd_advise_allocate_sync ok - "$DIR"
t dir_fd_ops dir_fd_ops ok - "$DIR"
tl fd_readdir_entries fd_readdir_entries
t fd_readdir_cookies fd_readdir_cookies ok - "$DIR"
t fd_readdir_truncated fd_readdir_truncated ok - "$DIR"
t fd_renumber fd_renumber ok - "$DIR"' --dir "$D2::/second"'
t fd_prestat fd_prestat ok - '--dir "$SB::/sandbox" --dir-ro "$D2::ro" --dir "$D3::/"' /sandbox ro /
t close_preopen close_preopen ok - '--dir "$SB::/a" --dir "$D2::/b"'
t path_open_creat_excl_trunc path_open_creat_excl_trunc ok - "$DIR"
t path_open_errors path_open_errors ok - "$DIR"
t path_open_dot path_open_dot ok - "$DIR"
tl path_open_nofollow path_open_nofollow
tl path_directories path_directories
t path_rename path_rename ok - "$DIR"
tl path_link path_link
tl path_symlink_readlink path_symlink_readlink
tl path_filestat_symlink path_filestat_symlink
tl path_trailing_slash path_trailing_slash
t poll_oneoff_clock poll_oneoff_clock ok - ''
t poll_oneoff_fds poll_oneoff_fds ok - "$DIR"
t poll_oneoff_sleep poll_oneoff_sleep ok - ''
t sched_yield sched_yield ok - ''
t proc_exit_33 proc_exit_code exit:33 - '' 33
t proc_exit_0 proc_exit_code exit:0 - '' 0
t proc_exit_1 proc_exit_code exit:1 - '' 1
t proc_raise proc_raise raise - ''
t trap_exit trap_exit trap - ''
t sock_errors sock_errors ok - "$DIR"
t deny_random_link deny_random link:random_get - '--deny random'
t deny_random_stub deny_random ok - '--deny random --deny-stub'
t deny_groups_link deny_random link:random_get - '--deny clocks,random'
t unstable_layout unstable_layout ok - "$DIR"
t unstable_poll unstable_poll ok - ''
t overlap overlap ok in '' x
c=1
while [ "$c" -le 22 ]; do
  eval "setup_bad_pointers_$c() { setup_bad_pointers; }; check_bad_pointers_$c() { check_bad_pointers; }"
  t "bad_pointers_$c" bad_pointers fault in "$DIR" "$c"
  c=$((c + 1))
done

# sock_echo: ward serves on a loopback port, the native client talks to it.
sock_test() {
  name=sock_echo
  case $name in *"$filter"*) ;; *) return ;; esac
  new_dirs "$name"
  why=
  for _ in 1 2 3; do
    port=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 30000))
    (cd "$T" && run_ward_limited 30 run --tcplisten "127.0.0.1:$port" "$bin/sock_echo.wasm" \
      </dev/null >"$T/stdout" 2>"$T/stderr") &
    pid=$!
    sleep 0.3
    if kill -0 "$pid" 2>/dev/null; then
      "$bin/tcp_client" 127.0.0.1 "$port" "hello, ward!$nl" "HELLO, WARD!$nl" >"$T/client" 2>&1
      client_status=$?
    else
      echo "ward exited before a client connected" >"$T/client"
      client_status=1
    fi
    wait "$pid"
    status=$?
    grep -qi 'in use' "$T/stderr" || break
  done
  if timed_out "$status" "$T/stderr"; then why="timed out: killed after 30 s"
  elif [ "$client_status" != 0 ]; then why="client: $(tr '\n' ' ' <"$T/client")"
  elif [ "$status" != 0 ]; then why="exit status $status, want 0"
  elif ! has_ok; then why="no final ok line"; fi
  if [ -z "$why" ]; then pass "$name"; rm -rf "$T"
  else fail "$name" "$why"; show --tcplisten "127.0.0.1:$port" sock_echo.wasm; fi
}
sock_test

if [ "$build_failed" = 1 ]; then
  fail build "some test programs did not build (see above)"
fi
if [ -n "$failures" ]; then
  echo "failed:$failures"
fi
if [ "$skipped" -gt 0 ]; then
  echo "wasi: $passed passed, $failed failed, $skipped skipped (SKIP lines above)"
else
  echo "wasi: $passed passed, $failed failed"
fi
[ "$failed" = 0 ]
