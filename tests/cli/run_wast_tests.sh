#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Tests of `ward wast` (the spec-script runner) and of `ward run` on text
# modules, with the scripts and modules in tests/cli/wast/.
#
# A script's lines that end in `;; FAIL KIND` must be reported, and nothing
# else: `FILE:LINE: KIND: ...` for each, then the summary `P passed, F
# failed`, exit status 1. Scripts without such lines must pass entirely.
# Usage: run_wast_tests.sh WARD WORKDIR
# Exits 0 if all pass, 1 if any fail.
set -u

# shellcheck disable=SC2034 # WARD: run by run_ward (tests/lib/ward_runner.sh)
WARD=$1
work=$2
# shellcheck source=../lib/ward_runner.sh
. "$(dirname "$0")/../lib/ward_runner.sh"
src=$(cd "$(dirname "$0")/wast" && pwd)
mkdir -p "$work"
nl='
'
# Absolute paths: the scripts run from their own directory.
case $WARD in /*) ;; *) WARD=$PWD/$WARD ;; esac
case $work in /*) ;; *) work=$PWD/$work ;; esac
cd "$src" || exit 1 # scripts are named as given: FILE is `fail.wast`

passed=0
failed=0
out=
err=
status=

run() {
  out=$(run_ward "$@" 2>"$work/stderr")
  status=$?
  err=$(cat "$work/stderr")
}

pass() { passed=$((passed + 1)); }
# indent TEXT: TEXT with its lines after the first indented under a label.
indent() { printf '%s\n' "$1" | sed '2,$s/^/          /'; }
fail() {
  failed=$((failed + 1))
  echo "FAIL: $1"
  echo "  status: $status"
  echo "  stdout: $(indent "$out")"
  echo "  stderr: $(indent "$err")"
}

# contains TEXT PART: TEXT contains PART (a plain string).
contains() { case $1 in *"$2"*) return 0 ;; esac; return 1; }

# check NAME WANT_STATUS: the last run exited with WANT_STATUS.
check_status() {
  if [ "$status" = "$2" ]; then pass; else fail "$1 (want status $2)"; fi
}

# check_out NAME TEXT: the last run's stdout contains TEXT.
check_out() {
  if contains "$out" "$2"; then pass; else fail "$1 (want stdout containing '$2')"; fi
}

# check_err NAME TEXT: the last run's stderr contains TEXT.
check_err() {
  if contains "$err" "$2"; then pass; else fail "$1 (want stderr containing '$2')"; fi
}

# check_summary NAME P F: the summary line is exactly `P passed, F failed`,
# alone on its line.
check_summary() {
  if printf '%s\n' "$out" | grep -qx "$2 passed, $3 failed"; then
    pass
  else
    fail "$1 (want the line '$2 passed, $3 failed')"
  fi
}

# The lines a script expects to be reported: `FILE:LINE: KIND:`, sorted.
expected_failures() {
  grep -n ';; FAIL ' "$1" | sed -E 's/^([0-9]+):.*;; FAIL ([a-z_]+).*$/'"$1"':\1: \2:/' | sort
}

# check_script FILE PASSES [OPTIONS...]: runs `ward wast OPTIONS FILE` and
# checks the failures it reports (file, line and kind), the summary and the
# exit status.
check_script() {
  file=$1 passes=$2
  shift 2
  run wast "$@" "$file"
  want=$(expected_failures "$file")
  got=$(printf '%s\n' "$out" | grep -E "^$file:[0-9]+: " | sed -E 's/^([^:]+:[0-9]+: [a-z_]+:).*$/\1/' | sort)
  nfail=$(printf '%s' "$want" | grep -c .)
  if [ "$want" = "$got" ]; then
    pass
  else
    fail "$file $*: reported failures (want:$nl$want${nl}got:$nl$got)"
  fi
  check_summary "$file $*" "$passes" "$nfail"
  if [ "$nfail" -gt 0 ]; then check_status "$file $*" 1; else check_status "$file $*" 0; fi
}

# --- scripts that pass, and scripts with wrong expectations -------------------
check_script pass.wast 42
check_script pass.wast 42 --eager
check_script fail.wast 8
check_script fail.wast 8 --eager
check_script either.wast 5

# -v: the expected and actual values, the action, the spectest output
run wast -v fail.wast
check_out "-v shows the expected value" "result 0: expected i32:4 (0x00000004)"
check_out "-v shows the actual value" "result 0: got      i32:3 (0x00000003)"
check_out "-v shows the action" 'invoke "add" (i32:1 (0x00000001), i32:2 (0x00000002))'
check_out "-v shows the lanes in the shape written" \
  "result 0: expected v128:i16x8 0 1 2 3 4 5 6 8"
check_out "-v names the lane" "fail.wast:16: assert_return: result 0 differs in lane 2"
check_out "-v gives each file's counts" "fail.wast: 8 passed, 22 failed"
check_summary "-v summary" 8 22
run wast --verbose pass.wast
check_out "--verbose prints the spectest output" "spectest.print(i32:1)"
check_status "--verbose pass" 0

# several files: one summary over all of them
run wast pass.wast either.wast fail.wast
check_summary "several files" 55 24
check_status "several files" 1
[ "$(printf '%s\n' "$out" | grep -cE '^[0-9]+ passed, [0-9]+ failed$')" = 1 ] && pass ||
  fail "several files: one summary line"

# a script that stops parsing: what came before runs, the error counts
run wast syntax_error.wast
check_status "script syntax error" 1
check_summary "script syntax error" 3 1
check_out "script syntax error names the place" "syntax_error.wast:6:43: script parse error: "

# files that cannot be read
run wast nothere.wast
check_status "missing script" 1
check_out "missing script names it" "nothere.wast: cannot read"
check_summary "missing script" 0 1

# the command line
run wast -h
check_status "wast -h" 0
check_out "wast -h prints the usage" "Usage: ward wast [OPTIONS] FILE.wast..."
for opt in --verbose --eager --fuel --timeout --help; do
  check_out "wast -h documents $opt" "$opt"
done
run wast --help
check_status "wast --help" 0
run --help
check_out "ward --help names ward wast" "ward wast [-v] [--eager] FILE.wast..."
check_out "ward --help mentions text modules" "text (.wat)"
run wast --frobnicate pass.wast
check_status "wast bad flag" 2
check_err "wast bad flag names it" "--frobnicate"
check_err "wast bad flag prints the usage" "Usage: ward wast"
run wast
check_status "wast without FILE" 2
check_err "wast without FILE prints the usage" "Usage: ward wast"
run wast -- pass.wast
check_status "wast -- FILE" 0

# limits on each script's store: fuel runs out in a loop, and stays out
check_script limits.wast 2 --fuel 100000
check_out "wast --fuel: the trap" "limits.wast:6: assert_return: unexpected trap: all fuel consumed"
check_script pass.wast 42 --fuel 100000000
if under_qemu_i386; then
  echo "SKIP: wast --timeout: qemu-i386 never returns from pthread_create, and the watchdog is a thread"
else
  check_script limits.wast 2 --timeout 100ms
  check_out "wast --timeout: the trap" "limits.wast:6: assert_return: unexpected trap: interrupt"
  check_out "wast --timeout names itself" "limits.wast: stopped by --timeout"
  check_script pass.wast 42 --timeout 1h
fi
run wast --fuel x pass.wast
check_status "wast --fuel x" 2
check_err "wast --fuel x says why" "--fuel wants a number of units"
check_err "wast --fuel x prints wast's usage" "Usage: ward wast"

# --- `ward run` on text modules: the contents decide, not the name -----------
run run --invoke add app.wat 2 3
check_status "run app.wat" 0
[ "$out" = 5 ] && pass || fail "run app.wat prints 5"
run --invoke add app.wat 40 2
[ "$status" = 0 ] && [ "$out" = 42 ] && pass || fail "shorthand on app.wat"
run run app.wat
check_status "run app.wat's _start" 0
cp app.wat "$work/app_text.wasm"
run run --invoke add "$work/app_text.wasm" 1 1
[ "$status" = 0 ] && [ "$out" = 2 ] && pass || fail "a text module named .wasm"
run run ../cli_wasi_hello.wat
[ "$status" = 7 ] && [ "$out" = hello ] && pass || fail "a WASI program in text (exit 7, hello)"
run ../cli_wasi_args.wat x y
[ "$status" = 0 ] && [ "$out" = "../cli_wasi_args.wat${nl}x${nl}y" ] && pass || fail "WASI argv of a .wat"
run run app_syntax_error.wat
check_status "run a .wat with a syntax error" 1
# one line: FILE:LINE:COL: and a message
case $err in
  *"$nl"*) false ;;
  *) printf '%s\n' "$err" | grep -Eq '^app_syntax_error\.wat:4:[0-9]+: .+$' ;;
esac && pass ||
  fail "syntax error is one line FILE:LINE:COL: message"
run run app_invalid.wat
check_status "run an invalid .wat" 1
check_err "invalid .wat says why" "app_invalid.wat: invalid module: type mismatch"
printf '\0asm\2\0\0\0' >"$work/bad_version.wat"
run run "$work/bad_version.wat"
check_status "a binary module named .wat" 1
check_err "a binary module named .wat is decoded" "malformed module: unknown binary version"

echo "cli-wast: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
