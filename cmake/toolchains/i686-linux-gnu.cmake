# SPDX-License-Identifier: Apache-2.0
# Cross build for i686-linux-gnu (Debian: gcc-i686-linux-gnu),
# tests run under qemu-user:
#   cmake -B build/i686-linux-gnu -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/i686-linux-gnu.cmake
#   cmake --build build/i686-linux-gnu && ctest --test-dir build/i686-linux-gnu
# ctest puts the emulator in front of the test executables, and the script
# tests get it as WARD_RUNNER (tests/lib/ward_runner.sh).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR i686)
set(CMAKE_C_COMPILER i686-linux-gnu-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/i686-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-i386 -L /usr/i686-linux-gnu)
