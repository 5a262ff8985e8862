#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every compiler and dispatch mode: builds ward with each (in a build
# directory of its own), times the build and the compilation of
# src/interp/exec.c (the largest by far: one function of every handler in
# the goto and switch modes), and runs the scalar benchmark programs under
# the builds chosen, interleaved and pinned to one CPU, as times relative to
# the first of them. See docs/performance.md, "Compilers".
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/compilers.sh [OPTIONS]

For each CC:MODE of --configs: configures build/compilers/build/CC-MODE
(Release, WARD_DISPATCH=MODE, no tests), builds the `ward` target from
scratch with -jJOBS and times it, then compiles exec.c once more alone
under /usr/bin/time -v (its command from compile_commands.json) for its
time and peak memory. A configuration the build refuses (gcc has no
musttail for `tail`) is listed as refused. Then runs every scalar program
of bench/ (not hello, instantiate, gc_*, vec_*) under the ward of each CC:MODE of
--bench, ROUNDS rounds (in each round: for each program, for each build,
the builds' order rotating from round to round), pinned with taskset to
CPU, and reports the median time per program and build and its ratio to
the first build of --bench, with the geometric means. The time is the
process's CPU time (user + system) by default: on a machine shared with
other work, a run's wall time also counts the time others took from its
CPU.

Options:
  --configs LIST   CC:MODE,... to build (default: gcc-12 and gcc-11 goto,
                   switch and tail; clang-14 and clang-19 tail, goto, switch)
  --bench LIST     CC:MODE,... to run, the first the reference (default
                   gcc-12:goto,gcc-11:goto,clang-14:tail,clang-19:tail,
                   clang-14:goto,clang-19:goto)
  --only NAMES     run only these programs (comma-separated)
  --rounds N       rounds of the benchmark (default 3)
  --size SIZE      the programs' size argument: full (default), quick or N
  --metric M       cpu (user + system seconds, the default) or wall
  --jobs N         build jobs (default 2)
  --cpu N          the CPU the benchmark runs on (default 1)
  --wasm DIR       the programs' NAME.wasm (default: built into OUT/wasm
                   with WASM_CC, default clang, as bench/run.sh does)
  --no-build       reuse the builds of an earlier run (OUT/bin)
  --no-bench       build and time only
  --report         only summarise OUT/raw.csv again (of a run cut short)
  --out DIR        output directory (default build/compilers)
  -h, --help       this message

Output in OUT: builds.csv (compiler, version, mode, status, whole build
seconds, exec.c seconds, user seconds and peak RSS in MB, load average
before), raw.csv (every run), speed.csv (medians and ratios), summary.md
(both as Markdown tables).
EOF
}

die() {
  echo "compilers.sh: $*" >&2
  exit 2
}

root=$(cd "$(dirname "$0")/.." && pwd)
configs=gcc-12:goto,gcc-12:switch,gcc-12:tail,gcc-11:goto,gcc-11:switch
configs+=,clang-14:tail,clang-14:goto,clang-14:switch,clang-19:tail,clang-19:goto,clang-19:switch
bench=gcc-12:goto,gcc-11:goto,clang-14:tail,clang-19:tail,clang-14:goto,clang-19:goto
only=""
rounds=3
size=full
metric=cpu
jobs=2
cpu=1
wasm=""
do_build=1
do_bench=1
do_run=1
out="$root/build/compilers"
while [ $# -gt 0 ]; do
  case $1 in
  --configs) configs=${2:?}; shift ;;
  --bench) bench=${2:?}; shift ;;
  --only) only=${2:?}; shift ;;
  --rounds) rounds=${2:?}; shift ;;
  --size) size=${2:?}; shift ;;
  --metric) metric=${2:?}; shift ;;
  --jobs) jobs=${2:?}; shift ;;
  --cpu) cpu=${2:?}; shift ;;
  --wasm) wasm=${2:?}; shift ;;
  --no-build) do_build=0 ;;
  --no-bench) do_bench=0 ;;
  --report) do_build=0 do_run=0 ;;
  --out) out=${2:?}; shift ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$out/build" "$out/bin"
out=$(cd "$out" && pwd)
IFS=, read -r -a config_list <<<"$configs"
IFS=, read -r -a bench_list <<<"$bench"
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
now_us() { echo "${EPOCHREALTIME/./}"; }
secs() { awk -v d="$1" 'BEGIN { printf "%.1f", d / 1e6 }'; }

# ---- builds ----

# The compile command of exec.c from a build directory's
# compile_commands.json, writing its object to $2 instead.
exec_c_command() {
  python3 - "$1/compile_commands.json" "$2" <<'PY'
import json, shlex, sys
for e in json.load(open(sys.argv[1])):
    if e["file"].endswith("/src/interp/exec.c"):
        c = shlex.split(e["command"])
        c[c.index("-o") + 1] = sys.argv[2]
        print(shlex.join(c))
PY
}

if [ $do_build = 1 ]; then
  csv="$out/builds.csv"
  echo "compiler,version,mode,status,build_s,exec_c_s,exec_c_user_s,exec_c_rss_mb,load" >"$csv"
  for cfg in "${config_list[@]}"; do
    cc=${cfg%%:*} mode=${cfg#*:}
    dir="$out/build/$cc-$mode"
    version=$("$cc" -dumpfullversion 2>/dev/null || "$cc" -dumpversion)
    rm -rf "$dir"
    if ! cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER="$cc" \
      -DWARD_DISPATCH="$mode" -DBUILD_TESTING=OFF >"$out/$cc-$mode.configure.log" 2>&1; then
      why=$(grep -m1 -A1 'CMake Error' "$out/$cc-$mode.configure.log" | tail -n 1 | sed 's/^ *//')
      echo "==> $cc $version $mode: refused by the configure step: $why"
      echo "$cc,$version,$mode,refused,,,,,$(loadavg)" >>"$csv"
      continue
    fi
    load=$(loadavg)
    t0=$(now_us)
    cmake --build "$dir" --target ward -j "$jobs" >"$out/$cc-$mode.build.log" 2>&1 ||
      die "$cc $mode: build failed (log: $out/$cc-$mode.build.log)"
    t1=$(now_us)
    cp "$dir/ward" "$out/bin/$cc-$mode"
    # exec.c alone, for its peak memory (the build's largest process).
    cmd=$(exec_c_command "$dir" "$out/exec.o")
    (cd "$dir" && eval "/usr/bin/time -v -o $out/time.txt $cmd") >/dev/null 2>&1 ||
      die "$cc $mode: compiling exec.c alone failed"
    rm -f "$out/exec.o"
    wall=$(sed -n 's/.*Elapsed (wall clock).*: //p' "$out/time.txt" |
      awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }')
    user=$(sed -n 's/.*User time (seconds): //p' "$out/time.txt")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
    rss_mb=$((rss / 1024))
    echo "==> $cc $version $mode: ward in $(secs $((t1 - t0))) s at -j$jobs;" \
      "exec.c $wall s ($user s user), $rss_mb MB; load before: $load"
    echo "$cc,$version,$mode,ok,$(secs $((t1 - t0))),$wall,$user,$rss_mb,$load" >>"$csv"
  done
fi

[ $do_bench = 1 ] || exit 0

# ---- the benchmark ----

if [ $do_run = 1 ] && [ -z "$wasm" ]; then
  wasm="$out/wasm"
  mkdir -p "$wasm"
  for src in "$root"/bench/*.c; do
    name=$(basename "$src" .c)
    case $name in hello | instantiate | gc_* | vec_*) continue ;; esac
    "${WASM_CC:-clang}" --target=wasm32-wasi -mbulk-memory -O2 -std=c11 -Wall -Wextra \
      -o "$wasm/$name.wasm" "$src"
  done
fi
programs=()
if [ -n "$only" ]; then
  IFS=, read -r -a programs <<<"$only"
else
  for src in "$root"/bench/*.c; do
    name=$(basename "$src" .c)
    case $name in hello | instantiate | gc_* | vec_*) ;; *) programs+=("$name") ;; esac
  done
fi
for cfg in "${bench_list[@]}"; do
  [ $do_run = 0 ] || [ -x "$out/bin/${cfg/:/-}" ] || die "no build of $cfg in $out/bin (build it with --configs $cfg)"
done

raw="$out/raw.csv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nb=${#bench_list[@]}
[ $do_run = 1 ] || rounds=0
[ $do_run = 0 ] || echo "round,program,build,wall_s,cpu_s,ok" >"$raw"
echo "==> ${#programs[@]} programs ($size), $rounds rounds, on CPU $cpu (wall/cpu seconds):" \
  "${bench_list[*]}; load: $(loadavg)"
for round in $(seq 1 "$rounds"); do # none with --report
  for name in "${programs[@]}"; do
    line="round $round $name:"
    for k in $(seq 0 $((nb - 1))); do
      cfg=${bench_list[$(((k + round - 1) % nb))]}
      ok=0
      if taskset -c "$cpu" /usr/bin/time -f "%e %U %S" -o "$tmp/time" \
        "$out/bin/${cfg/:/-}" run "$wasm/$name.wasm" "$size" >"$tmp/stdout" 2>&1 &&
        grep -q ' OK$' "$tmp/stdout"; then
        ok=1
      fi
      read -r wall user sys <"$tmp/time"
      cpu_s=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
      echo "$round,$name,$cfg,$wall,$cpu_s,$ok" >>"$raw"
      [ $ok = 1 ] || echo "compilers.sh: $name under $cfg failed" >&2
      line+=" $cfg $wall/$cpu_s"
    done
    echo "$line"
  done
done

# Medians per program and build, their ratios to the first build, and the
# geometric means of the ratios.
col=5
[ "$metric" = cpu ] || col=4
awk -F, -v refcfg="${bench_list[0]}" -v order="$bench" -v col=$col '
  NR > 1 && $6 == 1 { t[$2 "," $3] = t[$2 "," $3] " " $col; if (!($2 in seen)) { seen[$2] = 1; progs[++np] = $2 } }
  function median(s,   a, n, i, j, x) {
    n = split(s, a, " ")
    for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    nc = split(order, cfgs, ",")
    print "program,build,median_s,ratio" > "'"$out"'/speed.csv"
    hdr = "| program |"; sep = "|---|"
    for (c = 1; c <= nc; c++) { hdr = hdr " " cfgs[c] " |"; sep = sep "---:|" }
    print hdr; print sep
    for (p = 1; p <= np; p++) {
      ref = median(t[progs[p] "," refcfg]); row = "| " progs[p] " |"
      for (c = 1; c <= nc; c++) {
        m = median(t[progs[p] "," cfgs[c]]); r = m / ref
        lg[c] += log(r); row = row sprintf(" %.2f s (%.3f) |", m, r)
        printf "%s,%s,%.4f,%.4f\n", progs[p], cfgs[c], m, r > "'"$out"'/speed.csv"
      }
      print row
    }
    row = "| **geomean** |"
    for (c = 1; c <= nc; c++) row = row sprintf(" **%.3f** |", exp(lg[c] / np))
    print row
  }' "$raw" >"$tmp/speed.md"

{
  if [ -f "$out/builds.csv" ]; then
    echo "| compiler | version | mode | ward at -j$jobs | exec.c | exec.c user | exec.c peak RSS | load before |"
    echo "|---|---|---|---:|---:|---:|---:|---|"
    awk -F, 'NR > 1 {
      if ($4 == "ok") printf "| %s | %s | %s | %s s | %s s | %s s | %s MB | %s |\n", $1, $2, $3, $5, $6, $7, $8, $9
      else printf "| %s | %s | %s | %s | | | | %s |\n", $1, $2, $3, $4, $9 }' "$out/builds.csv"
    echo
  fi
  echo "Median $metric time per program ($size, rounds: $(tail -n 1 "$raw" | cut -d, -f1), CPU $cpu) and its ratio to ${bench_list[0]}:"
  echo
  cat "$tmp/speed.md"
} >"$out/summary.md"
cat "$out/summary.md"
