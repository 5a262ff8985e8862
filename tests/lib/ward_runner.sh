# SPDX-License-Identifier: Apache-2.0
# Sourced by the test scripts (POSIX sh): the one place that runs the
# programs built for the target (ward, and the test programs ctest hands
# to a script), and the host-side helpers the scripts build.
#
# WARD_RUNNER: words put in front of every run of a target program, for a
#   cross build: an emulator (`qemu-aarch64 -L /usr/aarch64-linux-gnu`) or
#   `wine`. Empty or unset: the programs run directly. ctest sets it from
#   CMAKE_CROSSCOMPILING_EMULATOR (tests/CMakeLists.txt). It is split at
#   blanks, without quoting (no word can hold a blank), and not globbed.
# HOST_CC: the compiler of the helpers that run on the build machine
#   (tests/lib/host/*.c, tests/*/host/*.c): default $CC, then cc. Never the
#   cross compiler: ctest sets HOST_CC in a cross build (WARD_HOST_CC).
#
# The sourcing script sets WARD (the ward binary) before calling run_ward,
# and WARD_WATCHDOG (built with build_host_tool watchdog) before calling a
# *_limited function. The scripts keep IFS at its default.

# shellcheck disable=SC2034 # ward_lib and HOST_CC: for the sourcing script
{
  HOST_CC=${HOST_CC:-${CC:-cc}}
  ward_lib=$(cd "$(dirname "$0")/../lib" && pwd)
}
WARD_WATCHDOG=${WARD_WATCHDOG:-}

# ward_exec LIMIT PROGRAM ARGS...: runs the target program PROGRAM with
# ARGS, through $WARD_RUNNER. LIMIT `-`: no time limit; a number of
# seconds: the watchdog kills it after that long (exit status 124 and the
# line `watchdog: PROGRAM killed after N s` on stderr; see
# tests/lib/host/watchdog.c).
ward_exec() {
  _we_limit=$1
  shift
  set -f
  if [ "$_we_limit" = - ]; then
    # shellcheck disable=SC2086 # the runner is a list of words
    set -- ${WARD_RUNNER:-} "$@"
  else
    # shellcheck disable=SC2086
    set -- "$WARD_WATCHDOG" "$_we_limit" ${WARD_RUNNER:-} "$@"
  fi
  set +f
  "$@"
}

# under_wine: the runner is Wine (its first word is wine or wine64, by any
# path). Wine cannot create symlinks for a Windows program, and shows a Unix
# symlink to it as what the link points to (docs/portability.md, "What Wine
# can and cannot test"): the scripts skip or adapt those checks.
under_wine() {
  set -f
  # shellcheck disable=SC2086 # the runner is a list of words
  set -- ${WARD_RUNNER:-}
  set +f
  case ${1:-} in wine | wine64 | */wine | */wine64) return 0 ;; esac
  return 1
}

# under_qemu_i386: the runner is qemu-user for i386, whose version 7.2
# never returns from pthread_create (docs/portability.md): the scripts skip
# what needs a thread (ward run --timeout).
under_qemu_i386() {
  set -f
  # shellcheck disable=SC2086 # the runner is a list of words
  set -- ${WARD_RUNNER:-}
  set +f
  case ${1:-} in qemu-i386 | */qemu-i386) return 0 ;; esac
  return 1
}

# windows_target PROGRAM: PROGRAM is built for Windows (its name ends in .exe).
windows_target() { case $1 in *.exe) return 0 ;; esac; return 1; }

# run_target PROGRAM ARGS...: a target program, no time limit.
run_target() { ward_exec - "$@"; }

# run_ward ARGS...: $WARD with ARGS, no time limit.
run_ward() { ward_exec - "$WARD" "$@"; }

# run_ward_limited SECONDS ARGS...: $WARD with ARGS, killed after SECONDS.
run_ward_limited() {
  _rwl_limit=$1
  shift
  ward_exec "$_rwl_limit" "$WARD" "$@"
}

# timed_out STATUS STDERR_FILE: the run that ended with STATUS and wrote
# STDERR_FILE was killed by the watchdog.
timed_out() {
  [ "$1" = 124 ] && grep -q '^watchdog: .* killed after [0-9]* s$' "$2"
}

# build_host_tool NAME SOURCE OUT_DIR: compiles SOURCE (C, for the build
# machine) into OUT_DIR/NAME with $HOST_CC unless OUT_DIR/NAME is newer.
# Returns 1, with a message, if it does not build.
# (test's -nt: in POSIX.1-2024, and in every sh of the BSDs and macOS,
# dash, bash and busybox.)
build_host_tool() {
  # shellcheck disable=SC3013
  if [ -e "$3/$1" ] && ! [ "$2" -nt "$3/$1" ]; then return 0; fi
  "$HOST_CC" -O2 -Wall -Wextra "$2" -o "$3/$1" && return 0
  echo "BUILD FAILED: $2 (host compiler $HOST_CC)"
  return 1
}
