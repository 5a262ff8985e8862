# SPDX-License-Identifier: Apache-2.0
# Cross build for arm-linux-gnueabihf (Debian: gcc-arm-linux-gnueabihf),
# tests run under qemu-user:
#   cmake -B build/arm-linux-gnueabihf -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/arm-linux-gnueabihf.cmake
#   cmake --build build/arm-linux-gnueabihf && ctest --test-dir build/arm-linux-gnueabihf
# ctest puts the emulator in front of the test executables, and the script
# tests get it as WARD_RUNNER (tests/lib/ward_runner.sh).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/arm-linux-gnueabihf)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-arm -L /usr/arm-linux-gnueabihf)
