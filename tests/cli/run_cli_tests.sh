#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Tests of the `ward` command: exit statuses, --invoke values, traps, error
# messages, and WASI programs with the grants the options make.
# Usage: run_cli_tests.sh WARD WORKDIR [WAT2WASM]
# Exits 0 if all pass, 1 if any fail, 77 (skipped) without wat2wasm.
set -u

# shellcheck disable=SC2034 # WARD: run by run_ward (tests/lib/ward_runner.sh)
WARD=$1
work=$2
wat2wasm=${3:-wat2wasm}
src=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib/ward_runner.sh
. "$src/../lib/ward_runner.sh"
nl='
'
case $WARD in /*) ;; *) WARD=$PWD/$WARD ;; esac # the tests cd to $work

if ! command -v "$wat2wasm" >/dev/null 2>&1; then
  echo "cli: wat2wasm not found (install wabt); skipping"
  exit 77
fi

mkdir -p "$work"
for wat in "$src"/*.wat; do
  name=$(basename "$wat" .wat)
  nocheck= # --debug-names: keep function names for backtraces
  [ "$name" = cli_invalid ] && nocheck=--no-check
  "$wat2wasm" --debug-names ${nocheck:+"$nocheck"} "$wat" -o "$work/$name.wasm" || {
    echo "cli: wat2wasm failed on $wat"
    exit 1
  }
done
# Binary garbage (text would be parsed as a .wat: see run_wast_tests.sh).
printf '\0this is not a wasm module\n' >"$work/cli_garbage.wasm"

passed=0
failed=0
out=
err=
status=

# Runs ward with the given arguments; sets out, err and status.
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

# is_line TEXT ERE: TEXT is one line (no newline) that matches the extended
# regular expression ERE.
is_line() {
  case $1 in *"$nl"*) return 1 ;; esac
  printf '%s\n' "$1" | grep -Eq -- "$2"
}

# expect NAME STATUS STDOUT ARGS...: runs ward ARGS, wants exactly that
# exit status and standard output.
expect() {
  e_name=$1 e_status=$2 e_out=$3
  shift 3
  run "$@"
  if [ "$status" = "$e_status" ] && [ "$out" = "$e_out" ]; then
    pass
  else
    fail "$e_name (want status $e_status, stdout '$e_out')"
  fi
}

# expect_err NAME TEXT: the last run's stderr contains TEXT.
expect_err() {
  if contains "$err" "$2"; then pass; else fail "$1 (want stderr containing '$2')"; fi
}

# expect_err_lines NAME N: the last run's stderr has exactly N lines.
expect_err_lines() {
  n=$(printf '%s\n' "$err" | wc -l | tr -d ' ')
  if [ -n "$err" ] && [ "$n" -eq "$2" ]; then pass; else fail "$1 (want $2 stderr lines)"; fi
}

# -W: WebAssembly features on and off (the modules are text: wabt's
# wat2wasm may not know the instructions)
tc=$src/features/tail_call.wat
sd=$src/features/simd.wat
expect "tail call on by default" 0 "7" run --invoke down "$tc" 100000000
expect "-W tail-call=y" 0 "7" run -W tail-call=y --invoke down "$tc" 5
expect "-W tail-call=n" 1 "" run -W tail-call=n --invoke down "$tc" 5
expect_err "-W tail-call=n names the feature" "tail-call support is not enabled"
expect "-Wtail-call=n" 1 "" run -Wtail-call=n --invoke down "$tc" 5
expect "--wasm=tail-call=n,simd=y" 1 "" run --wasm=tail-call=n,simd=y --invoke down "$tc" 5
expect "-W off then on" 0 "7" run -W tail-call=n -W tail-call --invoke down "$tc" 5
expect "-W simd=n" 1 "" run -W simd=n --invoke lane "$sd"
expect_err "-W simd=n names the feature" "simd support is not enabled"
expect "-W gc=n leaves simd" 0 "3" run -W gc=n --invoke lane "$sd"
expect "-W unknown feature" 2 "" run -W frob=n --invoke lane "$sd"
expect_err "-W unknown feature lists them" "the features are simd, relaxed-simd"
expect_err "-W unknown feature prints usage" "Usage: ward run"
expect "-W bad value" 2 "" run -W simd=maybe --invoke lane "$sd"
expect "-W without a value" 2 "" run -W
run wast -W tail-call=n "$src/../interp/tail_calls.wast"
[ "$status" = 1 ] && contains "$out" "tail-call support is not enabled" && pass ||
  fail "wast -W tail-call=n refuses the modules, naming the feature"

# -O: engine settings (memory-reservation: heap memories with explicit
# bounds checks, ignored with guard pages; growth works either way)
gw=$work/grow.wat
printf '%s\n' '(module (memory 1 8) (func (export "grow") (param i32) (result i32)' \
  '(drop (memory.grow (local.get 0))) (i32.store8 (i32.const 300000) (i32.const 7))' \
  '(i32.add (memory.size) (i32.load8_u (i32.const 300000)))))' >"$gw"
expect "-O memory-reservation=0" 0 "12" run -O memory-reservation=0 --invoke grow "$gw" 4
expect "-Omemory-reservation=64K" 0 "12" run -Omemory-reservation=64K --invoke grow "$gw" 4
expect "--optimize=memory-reservation=1GiB" 0 "12" run --optimize=memory-reservation=1GiB --invoke grow "$gw" 4
expect "-O unknown setting" 2 "" run -O frob=1 --invoke grow "$gw" 4
expect_err "-O unknown setting names the settings" "the settings are memory-reservation"
expect "-O bad size" 2 "" run -O memory-reservation=12X --invoke grow "$gw" 4
expect_err "-O bad size says why" "memory-reservation wants a size"
expect "-O size overflow" 2 "" run -O memory-reservation=99999999999999999999 --invoke grow "$gw" 4
expect "-O without a value" 2 "" run -O
run wast -O memory-reservation=0 "$src/../interp/memory64.wast"
[ "$status" = 0 ] && contains "$out" " 0 failed" && pass || fail "wast -O memory-reservation=0"

# Limits (include/ward/limits.h): --fuel, --timeout, --max-memory-size,
# --max-table-elements
lw=$work/limits.wat
printf '%s\n' '(module (memory 1) (table 1 funcref)' \
  '(func (export "spin") (loop $l (br $l)))' \
  '(func (export "count") (param $n i32) (result i32) (local $i i32)' \
  '  (block $d (loop $l (br_if $d (i32.ge_u (local.get $i) (local.get $n)))' \
  '    (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $l))) (local.get $i))' \
  '(func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))' \
  '(func (export "tgrow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))' >"$lw"
expect "--fuel enough" 0 "10" run --fuel 1000 --invoke count "$lw" 10
expect "--fuel too little" 134 "" run --fuel 1000 --invoke count "$lw" 1000
expect_err "--fuel trap message" "wasm trap: all fuel consumed"
expect "--fuel=N, a loop without end" 134 "" run --fuel=100000 --invoke spin "$lw"
expect "--fuel bad" 2 "" run --fuel 12x --invoke spin "$lw"
expect_err "--fuel bad says why" "--fuel wants a number of units"
expect "--fuel without a value" 2 "" run --fuel
if under_qemu_i386; then
  echo "SKIP: --timeout: qemu-i386 never returns from pthread_create, and --timeout's watchdog is a thread"
else
  expect "--timeout stops a loop" 134 "" run --timeout 100ms --invoke spin "$lw"
  expect_err "--timeout trap message" "wasm trap: interrupt"
  expect_err "--timeout names itself" "stopped by --timeout"
  expect "--timeout not reached" 0 "5" run --timeout=1h --invoke count "$lw" 5
  expect "--timeout 0.05s" 134 "" run --timeout 0.05s --invoke spin "$lw"
fi
expect "--timeout bad unit" 2 "" run --timeout 5y --invoke spin "$lw"
expect_err "--timeout bad says why" "--timeout wants a duration"
expect "--max-memory-size allows" 0 "1" run --max-memory-size 128K --invoke grow "$lw" 1
expect "--max-memory-size refuses: -1" 0 "-1" run --max-memory-size 128K --invoke grow "$lw" 2
expect "--max-memory-size below the module's" 1 "" run --max-memory-size 1K --invoke grow "$lw" 0
expect_err "--max-memory-size below the module's: message" "memory limit exceeded"
expect "--max-memory-size bad" 2 "" run --max-memory-size lots --invoke grow "$lw" 1
expect "--max-table-elements allows" 0 "1" run --max-table-elements 3 --invoke tgrow "$lw" 2
expect "--max-table-elements refuses: -1" 0 "-1" run --max-table-elements 3 --invoke tgrow "$lw" 3
expect "--max-table-elements bad" 2 "" run --max-table-elements -1 --invoke tgrow "$lw" 3

v=$work/cli_values.wasm
t=$work/cli_trap.wasm

# --version, help, usage errors
run --version
[ "$status" = 0 ] && is_line "$out" '^ward [0-9]+\.[0-9]+\.[0-9]+$' && pass || fail "--version"
run --help
help_text=$out
[ "$status" = 0 ] && contains "$help_text" "Usage: ward run" && pass || fail "--help prints usage"
expect "help command" 0 "$help_text" help
expect "run --help" 0 "$help_text" run --help
expect "bad flag" 2 "" run --frobnicate "$v"
expect_err "bad flag names the flag" "--frobnicate"
expect_err "bad flag prints usage" "Usage: ward run"
expect "bad flag, shorthand" 2 "" --frobnicate "$v"
expect "no arguments" 2 ""
expect "run without FILE" 2 "" run
expect "--invoke without NAME" 2 "" run --invoke
expect "-h" 0 "$help_text" run -h
for opt in --dir --dir-ro --env --tcplisten --deny --deny-stub --invoke --help; do
  contains "$help_text" " $opt " && pass || fail "--help documents $opt"
done
contains "$help_text" "ward run --dir .::/ --env HOME=/ app.wasm arg1" && pass ||
  fail "--help has the example"

# --invoke: arguments by parameter type, one result a line
expect "i32 add" 0 "-3" run --invoke add_i32 "$v" 2 -5
expect "i32 hex" 0 "17" run --invoke add_i32 "$v" 0x10 1
expect "i32 unsigned wraps" 0 "0" run --invoke add_i32 "$v" 4294967295 1
expect "i32 min" 0 "-2147483648" run --invoke add_i32 "$v" -2147483648 0
expect "i32 out of range" 1 "" run --invoke add_i32 "$v" 4294967296 0
expect_err "i32 out of range names the type" "not a valid i32"
expect "i32 not a number" 1 "" run --invoke add_i32 "$v" 1x 0
expect "i64 add wraps" 0 "-9223372036854775808" run --invoke add_i64 "$v" 9223372036854775807 1
expect "i64 hex" 0 "-1" run --invoke add_i64 "$v" 0xffffffffffffffff 0
expect "f32 mul" 0 "3" run --invoke mul_f32 "$v" 1.5 2
expect "f32 shortest" 0 "0.1" run --invoke id_f32 "$v" 0.1
expect "f32 fraction" 0 "1.5" run --invoke id_f32 "$v" 1.5
expect "f64 third" 0 "0.3333333333333333" run --invoke div_f64 "$v" 1 3
expect "f64 inf" 0 "inf" run --invoke div_f64 "$v" 1 0
expect "f64 -inf" 0 "-inf" run --invoke div_f64 "$v" -1 0
expect "f64 nan result" 0 "NaN" run --invoke div_f64 "$v" 0 0
expect "v128 in and out" 0 "0x0f0e0d0c0b0a09080706050403020100" \
  run --invoke v128_op "$v" 0x000102030405060708090a0b0c0d0e0f 0
expect "v128 lanes" 0 "0x0f000001000000010000000100000001" \
  run --invoke v128_op "$v" 0x0f 0x00000001000000010000000100000001
expect "f64 nan/inf args" 0 "NaN" run --invoke div_f64 "$v" nan inf
expect "f64 hex float" 0 "0.25" run --invoke div_f64 "$v" 0x1p-1 2
expect "multi-value" 0 "1${nl}-2${nl}3.5${nl}-0" run --invoke multi "$v"
# references: only null can be passed; anyref and externref results print
# as ref.null (the text module is ward's to read: wat2wasm may lack GC types)
printf '(module (func (export "id_any") (param anyref) (result anyref externref) (local.get 0) (ref.null extern)))\n' >"$work/anyref.wat"
expect "anyref null" 0 "ref.null${nl}ref.null" run --invoke id_any "$work/anyref.wat" null
expect "no params, no results" 0 "" run --invoke nop "$v"
expect "--invoke=NAME" 0 "3" --invoke=add_i32 "$v" 1 2
expect "too few arguments" 1 "" run --invoke add_i32 "$v" 1
expect_err "too few lists the types" "takes 2 arguments (i32, i32)"
expect "too many arguments" 1 "" run --invoke nop "$v" 1
expect "no such export" 1 "" run --invoke nothere "$v"
expect_err "no such export names it" "nothere"
expect "export not a function" 1 "" run --invoke not_a_func "$v"

# _start, the shorthand, `--`, guest arguments after FILE
expect "_start" 0 "" run "$work/cli_start.wasm"
expect "shorthand" 0 "" "$work/cli_start.wasm"
expect "-- separator" 0 "" run -- "$work/cli_start.wasm"
expect "flags after FILE go to the guest" 0 "" "$work/cli_start.wasm" --frobnicate
expect "no _start" 1 "" "$work/cli_nostart.wasm"
expect_err "no _start message" "no \`_start\` export; use --invoke NAME"
expect "unknown import" 1 "" "$work/cli_import.wasm"
expect_err_lines "unknown import is one line" 1
expect_err "unknown import names it" "missing"

# traps: status 134, message, backtrace innermost first with names
expect "trap status" 134 "" run --invoke outer "$t"
expect_err "trap message" "Error: wasm trap: unreachable"
expect_err "trap backtrace header" "wasm backtrace:"
# (each frame names its instruction's byte offset: cli_trap.wat's
# unreachable at 0x30, the call in $outer at 0x34, i32.div_s at 0x3d)
expect_err "trap frame 0 is inner, at the unreachable" "0: 0x30 - inner [#0]"
expect_err "trap frame 1 is outer, at the call" "1: 0x34 - outer [#1]"
expect "divide by zero" 134 "" run --invoke div "$t" 1 0
expect_err "divide by zero message" "integer divide by zero"
expect_err "divide by zero names the division" "0: 0x3d - div [#2]"
expect "no trap" 0 "3" run --invoke div "$t" 7 2
expect "start function traps" 134 "" "$work/cli_start_trap.wasm"
expect_err "start trap message" "Error: wasm trap: unreachable"

# WASI options: usage errors (status 2) before anything is opened
h=$work/cli_wasi_hello.wasm
expect "--dir without HOST" 2 "" run --dir
expect_err "--dir without HOST says so" "--dir needs a directory"
expect "--dir-ro without HOST" 2 "" run --dir-ro
expect "--dir with an empty HOST" 2 "" run --dir ::/ "$h"
expect_err "--dir with an empty HOST names it" "\`::/\`"
expect "--dir with an empty GUEST" 2 "" run --dir .:: "$h"
expect "--env without NAME" 2 "" run --env
expect "--env with an empty NAME" 2 "" run --env =x "$h"
expect "--env= with nothing" 2 "" run --env= "$h"
expect "--tcplisten without ADDR" 2 "" run --tcplisten
expect "--deny without GROUP" 2 "" run --deny
expect "--deny bogus" 2 "" run --deny bogus "$h"
expect_err "--deny bogus names it" "unknown WASI function group \`bogus\`"
expect_err "--deny bogus lists the groups" "args, clocks, random, fd, path, poll, proc, sock"
expect "--deny with a bogus group in a list" 2 "" run --deny fd,bogus "$h"
expect "--deny with an empty group" 2 "" run --deny fd, "$h"
expect "--deny-stub takes no value" 2 "" run --deny-stub=1 "$h"
expect "unknown --flag=value" 2 "" run --frobnicate=1 "$h"

# WASI: stdout, proc_exit, --invoke, --deny
expect "WASI hello exits 7" 7 "hello" run "$h"
expect "WASI hello, shorthand" 7 "hello" "$h"
expect "--invoke can call WASI" 0 "hello${nl}0" run --invoke greet "$h"
expect "--deny fd" 1 "" run --deny fd "$h"
expect_err "--deny fd names fd_write" "fd_write"
expect_err_lines "--deny fd is one line" 1
expect "--deny=fd" 1 "" run --deny=fd "$h"
expect "--deny repeated" 1 "" run --deny sock --deny fd "$h"
expect "--deny proc" 1 "" run --deny proc "$h"
expect_err "--deny proc names proc_exit" "proc_exit"
expect "--deny of groups not imported" 7 "hello" run --deny args,clocks,random,path,poll,sock "$h"
expect "--deny fd --deny-stub: ENOSYS" 52 "" run --deny fd --deny-stub "$h"
expect "--deny-stub first" 52 "" --deny-stub --deny=fd,sock "$h"
expect "--deny proc --deny-stub: proc_exit traps" 134 "hello" run --deny proc --deny-stub "$h"
expect_err "--deny proc --deny-stub message" "proc_exit"

# WASI: the guest's argv is FILE, then everything after it
a=$work/cli_wasi_args.wasm
expect "argv[0] is FILE" 0 "$a" run "$a"
expect "argv after FILE" 0 "$a${nl}x${nl}--dir${nl}${nl}y z${nl}-" run "$a" x --dir "" "y z" -
expect "argv after --" 0 "$a${nl}--" run -- "$a" --
cd "$work" || exit 1
expect "argv[0] is FILE as given" 0 "./cli_wasi_args.wasm${nl}1" run ./cli_wasi_args.wasm 1
cd - >/dev/null || exit 1
expect "--deny args" 1 "" run --deny args "$a"
expect_err "--deny args names the import" "args_sizes_get"

# WASI: only the environment variables granted
e=$work/cli_wasi_environ.wasm
export WARD_CLI_SECRET=secret
unset WARD_CLI_UNSET
expect "no environment by default" 0 "" run "$e"
expect "--env NAME=VALUE" 0 "A=1" run --env A=1 "$e"
expect "--env forms" 0 "A=1${nl}B=x=y${nl}C=" run --env A=1 --env=B=x=y --env C= "$e"
expect "--env NAME passes the host's" 0 "WARD_CLI_SECRET=secret" run --env WARD_CLI_SECRET "$e"
expect "--env NAME unset passes nothing" 0 "" run --env WARD_CLI_UNSET "$e"
expect "--env: the last one wins" 0 "A=2" run --env A=1 --env A=2 "$e"

# WASI: preopened directories and sockets
f=$work/cli_wasi_fs.wasm
rm -rf "$work/d1" "$work/d2"
mkdir -p "$work/d1" "$work/d2"
printf 'data\n' >"$work/d1/data.txt"
expect "--dir nonexistent" 1 "" run --dir "$work/nope" "$f"
expect_err "--dir nonexistent message" "ward: --dir $work/nope: "
expect_err_lines "--dir nonexistent is one line" 1
expect "--dir-ro nonexistent" 1 "" run --dir-ro "$work/nope::/x" "$f"
expect_err "--dir-ro nonexistent message" "ward: --dir-ro $work/nope: "
expect "--dir not a directory" 1 "" run --dir "$work/d1/data.txt" "$f"
expect_err "--dir not a directory message" "ward: --dir $work/d1/data.txt: "
expect "--tcplisten bad address" 1 "" run --tcplisten nonsense "$f"
expect_err "--tcplisten bad address message" "ward: --tcplisten nonsense: "
expect "no directory by default" 0 "" run "$f"
expect "preopens in command-line order" 0 "/${nl}/ro${nl}$work/d2" \
  run --dir "$work/d1::/" --dir-ro "$work/d2::/ro" --dir="$work/d2" "$f"
expect "sockets after the directories" 0 "/${nl}/ro" \
  run --tcplisten 127.0.0.1:0 --dir "$work/d1::/" --dir-ro="$work/d2::/ro" "$f"
expect "no directory: EBADF" 0 "8" run --invoke cat "$f"
expect "read through --dir" 0 "data${nl}0" run --dir "$work/d1::/" --invoke cat "$f"
expect "read through --dir-ro" 0 "data${nl}0" run --dir-ro "$work/d1" --invoke cat "$f"
run --dir-ro "$work/d1::/" --invoke create "$f"
[ "$status" = 0 ] && is_line "$out" '^[1-9][0-9]*$' && [ ! -e "$work/d1/new.txt" ] && pass ||
  fail "--dir-ro cannot create a file"
expect "create through --dir" 0 "0" run --dir "$work/d1::/" --invoke create "$f"
[ "$(cat "$work/d1/new.txt" 2>/dev/null)" = new ] && pass || fail "--dir created new.txt"

# bad files: one line, exit 1
expect "malformed" 1 "" "$work/cli_garbage.wasm"
expect_err_lines "malformed is one line" 1
expect_err "malformed message" "cli_garbage.wasm: malformed module: "
expect_err "malformed offset" "(at byte offset 0x"
expect "invalid" 1 "" "$work/cli_invalid.wasm"
expect_err_lines "invalid is one line" 1
expect_err "invalid message" "cli_invalid.wasm: invalid module: type mismatch"
expect_err "invalid names the function and offset" "(in function 0, at byte offset 0x"
expect "missing file" 1 "" "$work/nope.wasm"
expect_err "missing file message" "ward: $work/nope.wasm: No such file or directory"
expect_err_lines "missing file is one line" 1
expect "directory" 1 "" "$work"

# -W: a module using a feature turned off is refused (text modules, which
# ward parses itself)
printf '(module (memory 1) (memory $b 1) (func (export "_start")))\n' >"$work/multi_memory.wat"
printf '(module (memory i64 1) (func (export "_start")))\n' >"$work/memory64.wat"
printf '(module (table i64 1 funcref) (func (export "_start")))\n' >"$work/table64.wat"
expect "multi-memory by default" 0 "" run "$work/multi_memory.wat"
expect "-W multi-memory=n" 1 "" run -W multi-memory=n "$work/multi_memory.wat"
expect_err "-W multi-memory=n message" "invalid module: multiple memories (multi-memory support is not enabled)"
expect "memory64 by default" 0 "" run "$work/memory64.wat"
expect "-W memory64=n" 1 "" run -W memory64=n "$work/memory64.wat"
expect_err "-W memory64=n message" "invalid module: memory64 support is not enabled"
expect "-W memory64=n, a table" 1 "" run --wasm memory64=n "$work/table64.wat"
expect_err "-W memory64=n, a table: message" "invalid module: memory64 support is not enabled"

# ward compile, and running its output with --allow-precompiled
cp "$v" "$work/pre.wasm"
expect "compile" 0 "" compile "$work/pre.wasm"
[ -s "$work/pre.cwasm" ] && pass || fail "compile writes FILE.cwasm by default"
expect "precompiled --invoke" 0 "-3" run --allow-precompiled --invoke add_i32 "$work/pre.cwasm" 2 -5
expect "precompiled multi-value" 0 "1${nl}-2${nl}3.5${nl}-0" run --allow-precompiled --invoke multi "$work/pre.cwasm"
expect "precompiled without --allow-precompiled" 1 "" run --invoke add_i32 "$work/pre.cwasm" 2 -5
expect_err "precompiled without the flag says which" "runs only with --allow-precompiled"
expect_err_lines "precompiled without the flag is one line" 1
expect "precompiled, shorthand without the flag" 1 "" "$work/pre.cwasm"
expect "compile -o" 0 "" compile "$t" -o "$work/trap.bin"
expect "precompiled trap" 134 "" run --allow-precompiled --invoke outer "$work/trap.bin"
expect_err "precompiled trap backtrace" "0: 0x30 - inner"
expect_err "precompiled trap backtrace, caller" "1: 0x34 - outer"
expect "compile --output=" 0 "" compile --output="$work/hello.cwasm" "$h"
expect "precompiled WASI" 7 "hello" run --allow-precompiled "$work/hello.cwasm"
expect "compile a text module" 0 "" compile "$gw"
expect "precompiled text module" 0 "12" run --allow-precompiled --invoke grow "$work/grow.cwasm" 4
expect "compile -W" 0 "" compile -W tail-call=n "$v" -o "$work/notail.cwasm"
expect "precompiled with other features" 1 "" run --allow-precompiled --invoke nop "$work/notail.cwasm"
expect_err "other features are named" "compiled with tail-call off, and the engine has it on"
expect "precompiled with the same features" 0 "" run -W tail-call=n --allow-precompiled --invoke nop "$work/notail.cwasm"
head -c 100 "$work/pre.cwasm" >"$work/cut.cwasm"
expect "truncated precompiled" 1 "" run --allow-precompiled --invoke nop "$work/cut.cwasm"
expect_err "truncated precompiled message" "corrupt module blob: checksum mismatch"
expect_err_lines "truncated precompiled is one line" 1
expect "compile a precompiled module" 1 "" compile "$work/pre.cwasm" -o "$work/twice.cwasm"
expect_err "compile a precompiled module says so" "is a precompiled module already"
expect "compile invalid" 1 "" compile "$work/cli_invalid.wasm"
expect_err "compile invalid message" "cli_invalid.wasm: invalid module: type mismatch"
[ ! -e "$work/cli_invalid.cwasm" ] && pass || fail "compile writes nothing for an invalid module"
expect "compile missing file" 1 "" compile "$work/nope.wasm"
expect_err "compile missing file message" "ward: $work/nope.wasm: No such file or directory"
expect "compile unwritable output" 1 "" compile "$v" -o "$work/nodir/x.cwasm"
expect_err "compile unwritable output names it" "ward: $work/nodir/x.cwasm: "
expect "compile without FILE" 2 "" compile
expect "compile two FILEs" 2 "" compile "$v" "$t"
expect "compile -o without a name" 2 "" compile "$v" -o
expect "compile unknown option" 2 "" compile --frobnicate "$v"
expect_err "compile usage" "Usage: ward compile"
run compile --help
[ "$status" = 0 ] && contains "$out" "Usage: ward compile" && contains "$out" "--allow-precompiled" &&
  pass || fail "compile --help"
contains "$help_text" " --allow-precompiled " && contains "$help_text" "ward compile" && pass ||
  fail "--help documents compile and --allow-precompiled"

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
