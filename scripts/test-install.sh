#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Tests the installed package. Installs a build of ward into a temporary
# prefix and moves the prefix elsewhere (nothing installed may depend on
# where it was installed); checks the files there (the headers, no path of
# the source or build tree in the package files, the versions in CMake,
# pkg-config and ward.h agreeing, another minor version refused); then
# builds examples/embed against it four ways, checks that each linked the
# library it asked for, runs each and compares its output with
# examples/embed/expected.txt:
#   cmake-shared  CMake: find_package(ward), ward::ward (the shared library)
#   cmake-static  CMake: ward::ward_static
#   pc-shared     cc embed.c $(pkg-config --cflags --libs ward)
#   pc-static     cc -static embed.c $(pkg-config --static --cflags --libs ward)
#
# Usage: scripts/test-install.sh [TARGET]
#   TARGET: native (the default): the `ci` preset's build in build/ci,
#           configured and built as far as needed;
#           or a cross target: windows-x86_64 (under wine), linux-aarch64,
#           linux-i686, linux-armhf (under qemu-user), built in
#           build/cross-TARGET as scripts/test-cross.sh builds it (whose
#           tools they need installed); or wasm32-wasi, the `wasm` preset's
#           build in build/wasm, which has no shared library (so only the
#           static variants), run under a native ward (WARD_NATIVE, or
#           build/ci/ward).
# All else happens in a temporary directory, removed at exit. Exits
# non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
root=$PWD

target=${1:-native}
jobs=$(nproc 2>/dev/null || echo 2)
triple=""
runner=()
exe=""
case $target in
native) build=build/ci ;;
wasm32-wasi)
  build=build/wasm
  ward_native=${WARD_NATIVE:-$root/build/ci/ward}
  runner=("$ward_native" run --dir .::/)
  exe=.wasm
  ;;
windows-x86_64)
  triple=x86_64-w64-mingw32
  toolchain=mingw-w64-x86_64
  runner=(wine)
  exe=.exe
  export WINEDEBUG=-all
  ;;
linux-aarch64)
  triple=aarch64-linux-gnu
  runner=(qemu-aarch64)
  ;;
linux-i686)
  triple=i686-linux-gnu
  runner=(qemu-i386)
  ;;
linux-armhf)
  triple=arm-linux-gnueabihf
  runner=(qemu-arm)
  ;;
*)
  echo "usage: scripts/test-install.sh [native|windows-x86_64|linux-aarch64|linux-i686|linux-armhf|wasm32-wasi]" >&2
  exit 2
  ;;
esac
if [ -n "$triple" ]; then
  build=build/cross-$target
  cc=$triple-gcc
  objdump=$triple-objdump
  if [ "$target" != windows-x86_64 ]; then
    toolchain=$triple
    runner+=(-L "/usr/$triple")
  fi
  cross_args=(-DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/$toolchain.cmake")
elif [ "$target" = wasm32-wasi ]; then
  cc=clang-19
  objdump=true # no shared library to look for
  cross_args=(-DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/wasm32-wasi.cmake")
  if [ ! -x "$ward_native" ]; then
    echo "==> a native ward to run the example: build/ci"
    { [ -f build/ci/CMakeCache.txt ] || cmake --preset ci; } && cmake --build build/ci --target ward || exit 1
  fi
else
  cc=${CC:-cc}
  objdump=objdump
  cross_args=()
fi
for tool in cmake ninja pkg-config wat2wasm "$cc" "$objdump" ${runner[0]+"${runner[0]}"}; do
  command -v "$tool" >/dev/null ||
    { echo "test-install: $tool is missing (scripts/install-deps.sh, scripts/test-cross.sh)" >&2; exit 1; }
done

# --- Build and install -------------------------------------------------------
echo "==> install ($target): build $build"
if [ ! -f "$build/CMakeCache.txt" ]; then
  if [ "$target" = native ]; then
    cmake --preset ci || exit 1
  elif [ "$target" = wasm32-wasi ]; then
    cmake --preset wasm || exit 1
  else
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DWARD_WERROR=ON \
      -DBUILD_TESTING=ON "${cross_args[@]}" || exit 1
  fi
fi
# What the install rules take (the tests are not needed here).
libraries=(ward_static ward_shared)
[ "$target" = wasm32-wasi ] && libraries=(ward_static)
cmake --build "$build" -j"$jobs" --target ward "${libraries[@]}" || exit 1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ward-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/staging" >"$tmp/install.log" ||
  { cat "$tmp/install.log"; exit 1; }
mv "$tmp/staging" "$tmp/prefix"
prefix=$tmp/prefix
pc=$(cd "$prefix" && find . -path '*/pkgconfig/ward.pc' | sed 's|^\./||')
libdir=${pc%/pkgconfig/ward.pc}
if [ -z "$pc" ] || [ ! -f "$prefix/$libdir/cmake/ward/ward-config.cmake" ]; then
  echo "test-install: no ward.pc or ward-config.cmake under the prefix:" >&2
  (cd "$prefix" && find . -type f) >&2
  exit 1
fi
# Only this prefix's ward.pc; paths as they are (no sysroot prepended).
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig PKG_CONFIG_LIBDIR=$prefix/$libdir/pkgconfig
unset PKG_CONFIG_SYSROOT_DIR
shared=0
[ -e "$prefix/$libdir/libward.so" ] || [ -e "$prefix/bin/libward.dll" ] && shared=1

summary=()
failed=0
# record NAME STATUS: one summary line.
record() {
  summary+=("$1: $2")
  [ "$2" = ok ] || failed=1
}

# --- The installed files ------------------------------------------------------
echo "==> files"
problems=0
problem() {
  echo "  $*"
  problems=$((problems + 1))
}
diff -r include "$prefix/include" >/dev/null || problem "the installed headers differ from include/"
for f in "$libdir/libward.a" "$libdir/cmake/ward/ward-config-version.cmake" \
  "$libdir/cmake/ward/ward-targets.cmake" "bin/ward$exe"; do
  [ -f "$prefix/$f" ] || problem "missing: $f"
done
case $target in
windows-x86_64) libs=("$libdir/libward.dll.a" bin/libward.dll) ;;
wasm32-wasi) libs=() ;;
*) libs=("$libdir/libward.so") ;;
esac
for f in "${libs[@]}"; do
  [ -e "$prefix/$f" ] || problem "missing: $f"
done
if grep -rlF -e "$root" -e "$tmp/staging" "$prefix/$libdir/cmake" "$prefix/$pc"; then
  problem "absolute paths of the source, build or install directory in the files above"
fi
version=$(sed -n 's/^project(ward VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
header_version=$(sed -n 's/^#define WARD_VERSION "\(.*\)"/\1/p' include/ward/common.h)
pc_version=$(pkg-config --modversion ward)
if [ -z "$version" ] || [ "$pc_version" != "$version" ] || [ "$header_version" != "$version" ]; then
  problem "versions differ: CMakeLists.txt '$version', ward.pc '$pc_version', ward/common.h '$header_version'"
fi
# The package as CMake sees it: its version, its targets, and the next
# minor version refused (0.x: a minor version may change the API).
mkdir -p "$tmp/package"
major=${version%%.*}
minor=${version#*.}
minor=${minor%%.*}
cat >"$tmp/package/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.20)
project(ward_package_check LANGUAGES C)
find_package(ward $major.$minor REQUIRED)
if(NOT ward_VERSION STREQUAL "$version")
  message(FATAL_ERROR "ward_VERSION is '\${ward_VERSION}', not $version")
endif()
get_target_property(type ward::ward_static TYPE)
if(NOT type STREQUAL "STATIC_LIBRARY")
  message(FATAL_ERROR "ward::ward_static is a \${type}")
endif()
get_target_property(type ward::ward TYPE)
if(NOT type STREQUAL "$([ $shared = 1 ] && echo SHARED_LIBRARY || echo INTERFACE_LIBRARY)")
  message(FATAL_ERROR "ward::ward is a \${type}")
endif()
find_package(ward $major.$((minor + 1)) QUIET)
if(ward_FOUND)
  message(FATAL_ERROR "find_package(ward $major.$((minor + 1))) accepted ward \${ward_VERSION}")
endif()
EOF
package_args=(-DCMAKE_PREFIX_PATH="$prefix")
# The Linux cross toolchains look for packages under their sysroot only.
[ -n "$triple" ] && [ "$target" != windows-x86_64 ] &&
  package_args=(-Dward_DIR="$prefix/$libdir/cmake/ward")
if ! cmake -S "$tmp/package" -B "$tmp/package/build" -G Ninja "${cross_args[@]}" \
  "${package_args[@]}" >"$tmp/package.log" 2>&1; then
  cat "$tmp/package.log"
  problem "the CMake package check failed"
fi
if [ $problems -eq 0 ]; then record files ok; else record files FAILED; fi

# --- examples/embed against the package ---------------------------------------
warnings=(-Wall -Wextra -Wpedantic -Werror)
# check_run NAME DIR WANT_SHARED: DIR/embed linked ward's shared library
# if WANT_SHARED is 1 and did not otherwise; it runs and prints what
# examples/embed/expected.txt holds.
check_run() {
  local name=$1 dir=$2 want=$3 linked=0
  # (grep reads all its input: with -q, objdump could die of SIGPIPE, and
  # pipefail turn a match into a failure.)
  if [ "$target" = wasm32-wasi ]; then
    linked=0 # wasm32-wasi has no shared libraries
  elif [ "$target" = windows-x86_64 ]; then
    "$objdump" -p "$dir/embed$exe" | grep 'DLL Name: libward\.dll' >/dev/null && linked=1
  else
    "$objdump" -p "$dir/embed$exe" | grep 'NEEDED *libward\.so' >/dev/null && linked=1
  fi
  if [ $linked != "$want" ]; then
    echo "$name: embed$exe $([ $linked = 1 ] && echo links || echo "does not link") ward's shared library"
    record "$name" "FAILED (linked the wrong library)"
    return
  fi
  if ! (cd "$dir" && "${runner[@]}" "./embed$exe" guest.wasm) >"$dir/out.txt" 2>"$dir/err.txt"; then
    cat "$dir/out.txt" "$dir/err.txt"
    record "$name" "FAILED (exit status)"
    return
  fi
  if ! tr -d '\r' <"$dir/out.txt" | diff -u examples/embed/expected.txt -; then
    record "$name" "FAILED (output)"
    return
  fi
  record "$name" ok
}

# cmake_variant NAME STATIC(ON|OFF) WANT_SHARED
cmake_variant() {
  local name=$1 dir=$tmp/$1
  echo "==> $name"
  if ! cmake -S examples/embed -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_FLAGS="${warnings[*]}" -DEMBED_STATIC="$2" "${cross_args[@]}" "${package_args[@]}" \
    >"$dir.log" 2>&1 || ! cmake --build "$dir" >>"$dir.log" 2>&1; then
    cat "$dir.log"
    record "$name" "FAILED (build)"
    return
  fi
  check_run "$name" "$dir" "$3"
}

# pc_variant NAME WANT_SHARED CC-ARGS...: builds with pkg-config's flags.
pc_variant() {
  local name=$1 want=$2 dir=$tmp/$1
  shift 2
  echo "==> $name"
  mkdir -p "$dir"
  if ! wat2wasm --debug-names examples/embed/guest.wat -o "$dir/guest.wasm" ||
    ! "$cc" -std=c11 "${warnings[@]}" -o "$dir/embed$exe" examples/embed/embed.c "$@"; then
    record "$name" "FAILED (build)"
    return
  fi
  # Windows looks for DLLs beside the program.
  if [ "$want" = 1 ] && [ "$target" = windows-x86_64 ]; then
    cp "$prefix/bin/libward.dll" "$dir/"
  fi
  check_run "$name" "$dir" "$want"
}

if [ $shared = 1 ]; then
  cmake_variant cmake-shared OFF 1
fi
cmake_variant cmake-static ON 0
# pkg-config's flags, as words (the paths in them hold no spaces: mktemp).
pkg-config --exists ward || { echo "test-install: pkg-config finds no ward" >&2; exit 1; }
read -ra cflags <<<"$(pkg-config --cflags ward)"
if [ $shared = 1 ]; then
  read -ra ldflags <<<"$(pkg-config --libs ward)"
  [ "$target" != windows-x86_64 ] && ldflags+=("-Wl,-rpath,$prefix/$libdir")
  pc_variant pc-shared 1 "${cflags[@]}" "${ldflags[@]}"
fi
# A static program (wasm32-wasi's always are: -static would be unused).
static=(-static)
if [ "$target" = wasm32-wasi ]; then
  static=(--target=wasm32-wasi)
  resource=$(sed -n 's/^WARD_WASI_RESOURCE_DIR:PATH=//p' "$build/CMakeCache.txt")
  [ -n "$resource" ] && static+=(-resource-dir="$resource")
fi
read -ra ldflags <<<"$(pkg-config --static --libs ward)"
pc_variant pc-static 0 "${static[@]}" "${cflags[@]}" "${ldflags[@]}"

echo
echo "==> install ($target) summary"
printf '    %s\n' "${summary[@]}"
if [ $failed -ne 0 ]; then
  echo "FAILED"
  exit 1
fi
echo "all passed"
