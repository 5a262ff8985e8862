#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The benchmark suite: builds every program in bench/ natively (gcc -O2) and
# for wasm32-wasi (clang -O2), runs them under native, ward, node and any peer
# runtime given, and writes the medians, slowdowns, start-up times and peak
# memory as tables, CSV and an SVG chart. The vector programs (bench/vec_*.c)
# are built three ways (native with SSE4.1, wasm scalar, wasm -msimd128) and
# reported in tables of their own. See docs/performance.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [OPTIONS]

Builds the benchmarks into OUT/native and OUT/wasm, runs each under every
runtime (native, ward, node, and wasm3/iwasm when given), interleaved over
ROUNDS rounds (in each round: for each program, for each runtime), and
reports the median time per program and runtime, the slowdown against native
and its geometric mean, the hello-world start-up time and the peak RSS.

The vector programs (bench/vec_*.c) are built natively with SSE4.1 vectors
(gcc -O3 -msse4.1) and twice for wasm32-wasi (-O3 without and with
-msimd128); every wasm runtime runs the scalar build, and the SIMD build if
it runs a SIMD module at all (probed once; a runtime without SIMD shows -).
They get two tables of their own: the slowdown against the vectorised
native build, and the SIMD build's speed-up over the scalar one.

Options:
  --quick            small sizes and 1 round (a smoke test of the suite)
  --rounds N         rounds of the full suite (default 3; 1 with --quick)
  --only NAME[,...]  run only these programs (e.g. --only matmul,sort,vec_dot)
  --no-vector        leave out the vector programs (bench/vec_*.c)
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
compilers; CFLAGS_EXTRA is added to both compilations. WASM_SIMD_CC (default
clang-19 if installed, else WASM_CC) compiles the vector programs' two wasm
builds (linked by WASM_CC, whose wasi-libc and builtins are used).

Output in OUT: results.csv (program, runtime, median seconds, slowdown,
peak RSS), vector.csv (the vector programs: per runtime and build), startup.csv,
raw.csv (every run), chart.svg, summary.txt.
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
use_vector=1
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
  --no-vector) use_vector=0 ;;
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

# programs: the scalar suite; vec_programs: the vector programs (vec_*.c)
all_programs=()
all_vec_programs=()
for src in "$bench_dir"/*.c; do
  name=$(basename "$src" .c)
  case $name in
  hello) ;;
  instantiate) ;; # a host program of the API (bench/instantiate.sh)
  interrupt) ;;   # a host program: the interruption latency (bench/interrupt.sh)
  gc_*) ;; # the native halves of the GC benchmarks (bench/gc.sh)
  host_*) ;; # host programs over ward's C API (bench/precompiled.sh)
  vec_*) all_vec_programs+=("$name") ;;
  *) all_programs+=("$name") ;;
  esac
done
if [ -n "$only" ]; then
  programs=()
  vec_programs=()
  IFS=, read -r -a wanted <<<"$only"
  for name in "${wanted[@]}"; do
    if [ ! -f "$bench_dir/$name.c" ] || [ "$name" = hello ] || [ "$name" = instantiate ] ||
      [ "$name" = interrupt ]; then
      die "no such benchmark: $name"
    fi
    case $name in
    vec_*) vec_programs+=("$name") ;;
    *) programs+=("$name") ;;
    esac
  done
else
  programs=("${all_programs[@]}")
  vec_programs=("${all_vec_programs[@]}")
fi
[ $use_vector = 1 ] || vec_programs=()

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

# The vector programs, three ways: native with SSE4.1 (the host's vectors; gcc
# -O3 vectorises the plain loops, the intrinsics paths use SSE), wasm scalar
# and wasm -msimd128, both from WASM_SIMD_CC (compiled to an object, linked
# by WASM_CC: Debian's clang-19 has no wasm32 builtins library of its own).
# -ffp-contract=off: no a*b+c fused into an FMA, so all three builds compute
# the same floats and print the same checksum.
if [ -n "${WASM_SIMD_CC:-}" ]; then
  wasm_simd_cc=$WASM_SIMD_CC
elif command -v clang-19 >/dev/null; then
  wasm_simd_cc=clang-19
else
  wasm_simd_cc=$wasm_cc
fi
vec_flags=(-O3 -std=c11 -Wall -Wextra -ffp-contract=off "${extra_flags[@]}")
native_vec_flags=() # other hosts: their compiler's default vectors (NEON on arm64)
[ "$(uname -m)" != x86_64 ] || native_vec_flags=(-msse4.1)
for name in "${vec_programs[@]}"; do
  src="$bench_dir/$name.c"
  "$cc" "${vec_flags[@]}" "${native_vec_flags[@]}" -o "$out/native/$name" "$src" -lm
  for build in scalar simd; do
    simd_flag=()
    suffix=.wasm
    if [ $build = simd ]; then
      simd_flag=(-msimd128)
      suffix=.simd.wasm
    fi
    "$wasm_simd_cc" --target=wasm32-wasi -mbulk-memory "${vec_flags[@]}" "${simd_flag[@]}" \
      -c -o "$out/wasm/$name.$build.o" "$src"
    "$wasm_cc" --target=wasm32-wasi -o "$out/wasm/$name$suffix" "$out/wasm/$name.$build.o"
    rm -f "$out/wasm/$name.$build.o"
  done
  # The SIMD build must contain vector instructions, the scalar one none.
  if command -v wasm-objdump >/dev/null; then
    count_v128() { wasm-objdump -d "$1" | grep -cE 'v128|[if](8x16|16x8|32x4|64x2)\.' || true; }
    n_scalar=$(count_v128 "$out/wasm/$name.wasm")
    n_simd=$(count_v128 "$out/wasm/$name.simd.wasm")
    [ "$n_scalar" = 0 ] || die "$name.wasm (scalar) contains $n_scalar SIMD instructions"
    [ "$n_simd" -gt 0 ] || die "$name.simd.wasm contains no SIMD instruction"
    echo "    $name: $n_simd SIMD instructions in the -msimd128 build, none in the scalar one"
  fi
done

if [ -z "$ward" ]; then
  echo "==> building ward (release preset: clang-19, tail calls)"
  # Configured each time: a build/release left from before the preset named
  # its compiler is configured again with clang-19.
  if ! (cd "$root" && cmake --preset release &&
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
    # vec_x.simd: the -msimd128 build of vector program vec_x
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

# ---- which runtimes run SIMD modules (the vector programs' -msimd128 builds) ----

declare -A has_simd=()
if [ ${#vec_programs[@]} -gt 0 ]; then
  probe=${vec_programs[0]}.simd
  line="==> SIMD ($probe quick):"
  for rt in "${runtimes[@]}"; do
    [ "$rt" != native ] || continue
    measure "$(command_for "$rt" "$probe") quick"
    if [ $run_ok = 1 ]; then
      has_simd[$rt]=1
      line+=" $rt yes;"
    else
      has_simd[$rt]=0
      line+=" $rt no ($(tail -n 1 "$tmp/stderr" "$tmp/stdout" 2>/dev/null | grep -v '^==>' | grep -v '^$' | head -n 1 | cut -c1-60));"
    fi
  done
  echo "$line"
fi

# ---- the suite ----

echo "==> runtimes: ${runtimes[*]}; programs: ${#programs[@]} + ${#vec_programs[@]} vector; rounds: $rounds; size: $size"
raw="$out/raw.csv"
echo "round,program,runtime,seconds,max_rss_kb,ok" >"$raw"
failures=0
# Runs $1 (a program, or vec_x.simd) under runtime $2, appends to raw.csv
# and to $line (labelled $3, default the runtime).
run_one() {
  local name=$1 rt=$2 label=${3:-$2}
  measure "$(command_for "$rt" "$name") $size"
  echo "$round,$name,$rt,$run_s,$run_rss,$run_ok" >>"$raw"
  if [ $run_ok = 1 ]; then
    line+=$(printf '  %s %.2fs' "$label" "$run_s")
  else
    line+="  $label FAILED"
    failures=$((failures + 1))
    {
      echo "run.sh: $name under $rt failed; its output:"
      tail -n 5 "$tmp/stdout" "$tmp/stderr"
    } >&2
  fi
}
for ((round = 1; round <= rounds; round++)); do
  for name in "${programs[@]}"; do
    line="round $round/$rounds  $(printf '%-14s' "$name")"
    for rt in "${runtimes[@]}"; do
      run_one "$name" "$rt"
    done
    echo "$line"
  done
  # vector programs: native, then each runtime on the scalar and the SIMD build
  for name in "${vec_programs[@]}"; do
    line="round $round/$rounds  $(printf '%-14s' "$name")"
    for rt in "${runtimes[@]}"; do
      run_one "$name" "$rt"
      if [ "$rt" != native ] && [ "${has_simd[$rt]}" = 1 ]; then
        run_one "$name.simd" "$rt" "$rt+simd"
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

# The vector programs: per runtime the scalar and the SIMD build against the
# vectorised native build, and the SIMD build's speed-up over the scalar one.
vector="$out/vector.csv"
awk -F, -v order="${runtimes[*]}" -v progs="${vec_programs[*]}" '
  NR == 1 { next }
  $6 == 1 {
    n = ++cnt[$2 SUBSEP $3]; v[$2 SUBSEP $3 SUBSEP n] = $4
    if ($5 > rss[$2 SUBSEP $3]) rss[$2 SUBSEP $3] = $5
  }
  function median(key, n,   i, j, a, t) {
    for (i = 1; i <= n; i++) a[i] = v[key SUBSEP i]
    for (i = 2; i <= n; i++)
      for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    nr = split(order, rts, " ")
    np = split(progs, ps, " ")
    print "program,runtime,build,median_s,slowdown,simd_speedup,max_rss_kb,runs_ok"
    for (p = 1; p <= np; p++) {
      nk = ps[p] SUBSEP "native"
      base = cnt[nk] ? median(nk, cnt[nk]) : 0
      if (base) printf "%s,native,native,%.4f,1.000,,%d,%d\n", ps[p], base, rss[nk], cnt[nk]
      else printf "%s,native,native,,,,,0\n", ps[p]
      for (r = 1; r <= nr; r++) {
        if (rts[r] == "native") continue
        sk = ps[p] SUBSEP rts[r]; vk = ps[p] ".simd" SUBSEP rts[r]
        sm = cnt[sk] ? median(sk, cnt[sk]) : 0
        vm = cnt[vk] ? median(vk, cnt[vk]) : 0
        if (sm && base) {
          printf "%s,%s,scalar,%.4f,%.3f,,%d,%d\n", ps[p], rts[r], sm, sm / base, rss[sk], cnt[sk]
          ls[rts[r]] += log(sm / base); ns[rts[r]]++
        } else printf "%s,%s,scalar,,,,,0\n", ps[p], rts[r]
        if (vm && base) {
          printf "%s,%s,simd,%.4f,%.3f,", ps[p], rts[r], vm, vm / base
          if (sm) { printf "%.3f", sm / vm; lu[rts[r]] += log(sm / vm); nu[rts[r]]++ }
          printf ",%d,%d\n", rss[vk], cnt[vk]
          lv[rts[r]] += log(vm / base); nv[rts[r]]++
        } else printf "%s,%s,simd,,,,,0\n", ps[p], rts[r]
      }
    }
    for (r = 1; r <= nr; r++) {
      if (ns[rts[r]]) printf "GEOMEAN,%s,scalar,,%.3f,,,%d\n", rts[r], exp(ls[rts[r]] / ns[rts[r]]), ns[rts[r]]
      if (nv[rts[r]]) {
        printf "GEOMEAN,%s,simd,,%.3f,", rts[r], exp(lv[rts[r]] / nv[rts[r]])
        if (nu[rts[r]]) printf "%.3f", exp(lu[rts[r]] / nu[rts[r]])
        printf ",,%d\n", nv[rts[r]]
      }
    }
  }' "$raw" >"$vector"

# The tables, to the terminal and to summary.txt.
{
  if [ ${#programs[@]} -gt 0 ]; then
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
  fi
  if [ ${#vec_programs[@]} -gt 0 ]; then
    echo
    echo "Vector programs: median seconds over $rounds round(s) (size: $size), and slowdown against"
    echo "native gcc -O3 -msse4.1 (vectorised); RT = the scalar wasm build, RT+simd = -msimd128"
    awk -F, -v order="${runtimes[*]}" '
      NR == 1 { next }
      { key = $1 SUBSEP $2 SUBSEP $3; med[key] = $4; slow[key] = $5; ok[key] = $8
        if (!($1 in seen)) { seen[$1] = 1; prog[++np] = $1 } }
      END {
        nr = split(order, rts, " ")
        printf "%-14s", "program"
        for (r = 1; r <= nr; r++)
          if (rts[r] == "native") printf " %14s", "native"
          else printf " %14s %14s", rts[r], rts[r] "+simd"
        printf "\n"
        for (p = 1; p <= np; p++) {
          printf "%-14s", (prog[p] == "GEOMEAN" ? "geomean" : prog[p])
          for (r = 1; r <= nr; r++) {
            nb = split(rts[r] == "native" ? "native" : "scalar simd", builds, " ")
            for (b = 1; b <= nb; b++) {
              key = prog[p] SUBSEP rts[r] SUBSEP builds[b]
              if (prog[p] == "GEOMEAN")
                cell = slow[key] == "" ? "-" : sprintf("x%.2f", slow[key])
              else if (med[key] == "")
                cell = "-"
              else if (rts[r] == "native")
                cell = sprintf("%.3fs", med[key])
              else
                cell = sprintf("%.2fs x%.1f", med[key], slow[key])
              printf " %14s", cell
            }
          }
          printf "\n"
        }
      }' "$vector"
    echo
    echo "SIMD speed-up: the scalar wasm build's median time over the -msimd128 build's (- : not run)"
    awk -F, -v order="${runtimes[*]}" '
      NR == 1 { next }
      $3 == "simd" { up[$1 SUBSEP $2] = $6; if (!($1 in seen)) { seen[$1] = 1; prog[++np] = $1 } }
      END {
        nr = split(order, rts, " ")
        printf "%-14s", "program"
        for (r = 1; r <= nr; r++) if (rts[r] != "native") printf " %9s", rts[r]
        printf "\n"
        for (p = 1; p <= np; p++) {
          printf "%-14s", (prog[p] == "GEOMEAN" ? "geomean" : prog[p])
          for (r = 1; r <= nr; r++) {
            if (rts[r] == "native") continue
            u = up[prog[p] SUBSEP rts[r]]
            printf " %9s", u == "" ? "-" : sprintf("x%.2f", u)
          }
          printf "\n"
        }
      }' "$vector"
  fi
  echo
  echo "Start-up: hello world ($startup_runs runs)"
  awk -F, 'NR == 1 { printf "%-8s %10s %10s %12s\n", "runtime", "median ms", "min ms", "max RSS MiB"; next }
    $2 == "" { printf "%-8s %10s\n", $1, "FAILED"; next }
    { printf "%-8s %10.2f %10.2f %12.1f\n", $1, $2, $3, $4 / 1024 }' "$startup"
} | tee "$out/summary.txt"

# ---- the chart ----

label="$(date -u +%Y-%m-%d), $(nproc) cores, $rounds round(s), size $size"
chart=""
if [ ${#programs[@]} -gt 0 ]; then
  awk -F, -v title="ward benchmark suite: slowdown against native gcc -O2" \
    -v subtitle="$label; median per program; log scale, lower is better" \
    -f "$bench_dir/chart.awk" "$results" >"$out/chart.svg"
  chart=", $out/chart.svg"
fi

echo
echo "wrote $results, $vector, $startup, $raw, $out/summary.txt$chart"
if [ $failures -gt 0 ]; then
  echo "run.sh: $failures run(s) failed (see above)" >&2
  exit 1
fi
