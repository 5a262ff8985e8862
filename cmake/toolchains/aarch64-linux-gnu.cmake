# SPDX-License-Identifier: Apache-2.0
# Cross build for aarch64-linux-gnu (Debian: gcc-aarch64-linux-gnu),
# tests run under qemu-user:
#   cmake -B build/aarch64-linux-gnu -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake
#   cmake --build build/aarch64-linux-gnu && ctest --test-dir build/aarch64-linux-gnu
# ctest puts the emulator in front of the test executables, and the script
# tests get it as WARD_RUNNER (tests/lib/ward_runner.sh).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/aarch64-linux-gnu)
