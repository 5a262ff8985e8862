#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The benchmark suite: builds every program in bench/ natively (gcc -O2) and
# for wasm32-wasi (clang -O2), runs them under native, ward, node and any peer
# runtime given, and writes the medians, slowdowns, start-up times and peak
# memory as tables, CSV and an SVG chart. See docs/performance.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [OPTIONS]

Builds the benchmarks into OUT/native and OUT/wasm, runs each under every
runtime (native, ward, node, and wasm3/iwasm when given), interleaved over
ROUNDS rounds (in each round: for each program, for each runtime), and
reports the median time per program and runtime, the slowdown against native
and its geometric mean, the hello-world start-up time and the peak RSS.

Options:
  --quick            small sizes and 1 round (a smoke test of the suite)
  --rounds N         rounds of the full suite (default 3; 1 with --quick)
  --only NAME[,...]  run only these programs (e.g. --only matmul,sort)
  --out DIR          output directory (default build/bench)
  --ward PATH        the ward binary (default build/release/ward, which is
                     first built with `cmake --preset release` and
                     `cmake --build --preset release`)
  --wasm3 PATH       also run wasm3 (or set WASM3=PATH)
  --iwasm PATH       also run WAMR's iwasm (or set IWASM=PATH)
  --node PATH        the node binary (default `node`, or NODE=PATH)
  --no-node          do not run node
  --startup-runs N   runs of hello.wasm for the start-up time (default 20)
  -h, --help         this message

Environment: CC (default gcc) and WASM_CC (default clang) choose the
compilers; CFLAGS_EXTRA is added to both compilations.

Output in OUT: results.csv (program, runtime, median seconds, slowdown,
peak RSS), startup.csv, raw.csv (every run), chart.svg, summary.txt.
EOF
}

die() {
  echo "run.sh: $*" >&2
  exit 2
}

# ---- options ----

root=$(cd "$(dirname "$0")/.." && pwd)
bench_dir="$root/bench"
quick=0
rounds=""
only=""
out="$root/build/bench"
ward=""
wasm3=${WASM3:-}
iwasm=${IWASM:-}
node=${NODE:-node}
use_node=1
startup_runs=20

while [ $# -gt 0 ]; do
  case $1 in
  --quick) quick=1 ;;
  --rounds) rounds=${2:?--rounds needs a value}; shift ;;
  --rounds=*) rounds=${1#*=} ;;
  --only) only=${2:?--only needs a value}; shift ;;
  --only=*) only=${1#*=} ;;
  --out) out=${2:?--out needs a value}; shift ;;
  --out=*) out=${1#*=} ;;
  --ward) ward=${2:?--ward needs a value}; shift ;;
  --ward=*) ward=${1#*=} ;;
  --wasm3) wasm3=${2:?--wasm3 needs a value}; shift ;;
  --wasm3=*) wasm3=${1#*=} ;;
  --iwasm) iwasm=${2:?--iwasm needs a value}; shift ;;
  --iwasm=*) iwasm=${1#*=} ;;
  --node) node=${2:?--node needs a value}; shift ;;
  --node=*) node=${1#*=} ;;
  --no-node) use_node=0 ;;
  --startup-runs) startup_runs=${2:?--startup-runs needs a value}; shift ;;
  --startup-runs=*) startup_runs=${1#*=} ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done

[ -n "$rounds" ] || rounds=$((quick ? 1 : 3))
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive integer"
[[ $startup_runs =~ ^[1-9][0-9]*$ ]] || die "--startup-runs must be a positive integer"
if [ $quick = 1 ]; then size=quick; else size=full; fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian: apt-get install time)"

# ---- the programs ----

all_programs=()
for src in "$bench_dir"/*.c; do
  name=$(basename "$src" .c)
  [ "$name" = hello ] || all_programs+=("$name")
done
if [ -n "$only" ]; then
  programs=()
  IFS=, read -r -a wanted <<<"$only"
  for name in "${wanted[@]}"; do
    if [ ! -f "$bench_dir/$name.c" ] || [ "$name" = hello ]; then
      die "no such benchmark: $name"
    fi
    programs+=("$name")
  done
else
  programs=("${all_programs[@]}")
fi

# ---- build ----

cc=${CC:-gcc}
wasm_cc=${WASM_CC:-clang}
read -r -a extra_flags <<<"${CFLAGS_EXTRA:-}"
common_flags=(-O2 -std=c11 -Wall -Wextra "${extra_flags[@]}")
mkdir -p "$out/native" "$out/wasm"

echo "==> building the benchmarks into $out"
for name in "${programs[@]}" hello; do
  src="$bench_dir/$name.c"
  "$cc" "${common_flags[@]}" -o "$out/native/$name" "$src" -lm
  "$wasm_cc" --target=wasm32-wasi -mbulk-memory "${common_flags[@]}" \
    -o "$out/wasm/$name.wasm" "$src"
done

if [ -z "$ward" ]; then
  echo "==> building ward (release preset)"
  if ! (cd "$root" && { [ -f build/release/build.ninja ] || cmake --preset release; } &&
    cmake --build --preset release) >"$out/ward-build.log" 2>&1; then
    tail -n 20 "$out/ward-build.log" >&2
    die "building ward failed (log: $out/ward-build.log)"
  fi
  ward="$root/build/release/ward"
fi

# ---- runtimes: name and command prefix (the .wasm file and args follow) ----

runtimes=(native)
declare -A prefix=()
add_runtime() { # NAME PATH [ARGS...]
  local name=$1 path=$2
  shift 2
  command -v "$path" >/dev/null || die "$name: not found: $path"
  runtimes+=("$name")
  prefix[$name]="$(printf '%q ' "$(command -v "$path")" "$@")"
}
add_runtime ward "$ward" run
if [ $use_node = 1 ]; then
  add_runtime node "$node" --no-turbo-fast-api-calls --no-warnings "$bench_dir/node_wasi_runner.mjs"
fi
[ -z "$wasm3" ] || add_runtime wasm3 "$wasm3"
[ -z "$iwasm" ] || add_runtime iwasm "$iwasm"

# The command line running program $2 under runtime $1 (an eval-able string).
command_for() {
  local rt=$1 name=$2
  if [ "$rt" = native ]; then
    printf '%q' "$out/native/$name"
  else
    printf '%s%q' "${prefix[$rt]}" "$out/wasm/$name.wasm"
  fi
}

now_us() { echo "${EPOCHREALTIME/./}"; }

# Runs one command; sets run_s (seconds), run_rss (KiB) and run_ok (1/0).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
measure() {
  local cmd=$1 t0 t1 status=0
  t0=$(now_us)
  eval "/usr/bin/time -f %M -o $tmp/rss $cmd" >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
  t1=$(now_us)
  run_s=$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.6f", d / 1e6 }')
  run_rss=$(tail -n 1 "$tmp/rss")
  [[ $run_rss =~ ^[0-9]+$ ]] || run_rss=0
  run_ok=0
  if [ $status -eq 0 ] && grep -q ' OK$' "$tmp/stdout"; then
    run_ok=1
  fi
}

# ---- the suite ----

echo "==> runtimes: ${runtimes[*]}; programs: ${#programs[@]}; rounds: $rounds; size: $size"
raw="$out/raw.csv"
echo "round,program,runtime,seconds,max_rss_kb,ok" >"$raw"
failures=0
for ((round = 1; round <= rounds; round++)); do
  for name in "${programs[@]}"; do
    line="round $round/$rounds  $(printf '%-14s' "$name")"
    for rt in "${runtimes[@]}"; do
      measure "$(command_for "$rt" "$name") $size"
      echo "$round,$name,$rt,$run_s,$run_rss,$run_ok" >>"$raw"
      if [ $run_ok = 1 ]; then
        line+=$(printf '  %s %.2fs' "$rt" "$run_s")
      else
        line+="  $rt FAILED"
        failures=$((failures + 1))
        {
          echo "run.sh: $name under $rt failed; its output:"
          tail -n 5 "$tmp/stdout" "$tmp/stderr"
        } >&2
      fi
    done
    echo "$line"
  done
done

# ---- start-up: hello.wasm, median of N runs (after one warm-up run) ----

echo "==> start-up: hello world, median of $startup_runs runs"
startup="$out/startup.csv"
echo "runtime,median_ms,min_ms,max_rss_kb,runs" >"$startup"
for rt in "${runtimes[@]}"; do
  cmd=$(command_for "$rt" hello)
  if ! eval "$cmd" >/dev/null 2>&1; then
    echo "run.sh: hello under $rt failed" >&2
    echo "$rt,,,,0" >>"$startup"
    failures=$((failures + 1))
    continue
  fi
  : >"$tmp/times"
  for ((i = 0; i < startup_runs; i++)); do
    t0=$(now_us)
    eval "$cmd" >/dev/null 2>&1
    t1=$(now_us)
    echo $((t1 - t0)) >>"$tmp/times"
  done
  measure "$cmd"
  sort -n "$tmp/times" | awk -v rt="$rt" -v rss="$run_rss" '
    { t[NR] = $1 }
    END {
      med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "%s,%.3f,%.3f,%d,%d\n", rt, med / 1000, t[1] / 1000, rss, NR
    }' >>"$startup"
done

# ---- summary: medians, slowdowns, geomeans ----

results="$out/results.csv"
awk -F, -v order="${runtimes[*]}" -v progs="${programs[*]}" '
  NR == 1 { next }
  $6 == 1 {
    n = ++cnt[$2 SUBSEP $3]; v[$2 SUBSEP $3 SUBSEP n] = $4
    if ($5 > rss[$2 SUBSEP $3]) rss[$2 SUBSEP $3] = $5
  }
  function median(key, n,   i, j, a, t) {
    for (i = 1; i <= n; i++) a[i] = v[key SUBSEP i]
    for (i = 2; i <= n; i++)  # insertion sort; n is small
      for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    nr = split(order, rts, " ")
    np = split(progs, ps, " ")
    print "program,runtime,median_s,slowdown,max_rss_kb,runs_ok"
    for (p = 1; p <= np; p++) {
      base = cnt[ps[p] SUBSEP "native"] ? median(ps[p] SUBSEP "native", cnt[ps[p] SUBSEP "native"]) : 0
      for (r = 1; r <= nr; r++) {
        key = ps[p] SUBSEP rts[r]
        if (!cnt[key] || !base) {
          printf "%s,%s,,,,0\n", ps[p], rts[r]
          continue
        }
        m = median(key, cnt[key])
        printf "%s,%s,%.4f,%.3f,%d,%d\n", ps[p], rts[r], m, m / base, rss[key], cnt[key]
        logsum[rts[r]] += log(m / base); gn[rts[r]]++
      }
    }
    for (r = 1; r <= nr; r++)
      if (gn[rts[r]])
        printf "GEOMEAN,%s,,%.3f,,%d\n", rts[r], exp(logsum[rts[r]] / gn[rts[r]]), gn[rts[r]]
  }' "$raw" >"$results"

# The tables, to the terminal and to summary.txt.
{
  echo
  echo "Median seconds over $rounds round(s) (size: $size), and slowdown against native"
  awk -F, -v order="${runtimes[*]}" '
    NR == 1 { next }
    { key = $1 SUBSEP $2; med[key] = $3; slow[key] = $4; if (!($1 in seen)) { seen[$1] = 1; prog[++np] = $1 } }
    END {
      nr = split(order, rts, " ")
      printf "%-14s", "program"
      for (r = 1; r <= nr; r++) printf " %16s", rts[r]
      printf "\n"
      for (p = 1; p <= np; p++) {
        printf "%-14s", (prog[p] == "GEOMEAN" ? "geomean" : prog[p])
        for (r = 1; r <= nr; r++) {
          key = prog[p] SUBSEP rts[r]
          if (prog[p] == "GEOMEAN")
            cell = slow[key] == "" ? "-" : sprintf("x%.2f", slow[key])
          else if (med[key] == "")
            cell = "FAILED"
          else if (rts[r] == "native")
            cell = sprintf("%.3fs", med[key])
          else
            cell = sprintf("%.2fs x%.1f", med[key], slow[key])
          printf " %16s", cell
        }
        printf "\n"
      }
    }' "$results"
  echo
  echo "Peak memory (max RSS, MiB, the largest over the rounds)"
  awk -F, -v order="${runtimes[*]}" '
    NR == 1 || $1 == "GEOMEAN" { next }
    { rss[$1 SUBSEP $2] = $5; if (!($1 in seen)) { seen[$1] = 1; prog[++np] = $1 } }
    END {
      nr = split(order, rts, " ")
      printf "%-14s", "program"
      for (r = 1; r <= nr; r++) printf " %9s", rts[r]
      printf "\n"
      for (p = 1; p <= np; p++) {
        printf "%-14s", prog[p]
        for (r = 1; r <= nr; r++) {
          kb = rss[prog[p] SUBSEP rts[r]]
          if (kb == "") printf " %9s", "-"; else printf " %9.1f", kb / 1024
        }
        printf "\n"
      }
    }' "$results"
  echo
  echo "Start-up: hello world ($startup_runs runs)"
  awk -F, 'NR == 1 { printf "%-8s %10s %10s %12s\n", "runtime", "median ms", "min ms", "max RSS MiB"; next }
    $2 == "" { printf "%-8s %10s\n", $1, "FAILED"; next }
    { printf "%-8s %10.2f %10.2f %12.1f\n", $1, $2, $3, $4 / 1024 }' "$startup"
} | tee "$out/summary.txt"

# ---- the chart ----

label="$(date -u +%Y-%m-%d), $(nproc) cores, $rounds round(s), size $size"
awk -F, -v title="ward benchmark suite: slowdown against native gcc -O2" \
  -v subtitle="$label; median per program; log scale, lower is better" \
  -f "$bench_dir/chart.awk" "$results" >"$out/chart.svg"

echo
echo "wrote $results, $startup, $raw, $out/summary.txt, $out/chart.svg"
if [ $failures -gt 0 ]; then
  echo "run.sh: $failures run(s) failed (see above)" >&2
  exit 1
fi
