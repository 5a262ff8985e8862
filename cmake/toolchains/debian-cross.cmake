# SPDX-License-Identifier: Apache-2.0
# The common part of this folder's toolchain files: Debian's cross gcc for
# WARD_CROSS_TRIPLE (package gcc-<triple>), its libraries and headers under
# /usr/<triple>, and qemu-user (WARD_CROSS_QEMU, package qemu-user) as the
# emulator ctest runs the tests with; the script tests get it as
# WARD_RUNNER (tests/lib/ward_runner.sh). Build and test:
#   cmake -B build/<triple> -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/<triple>.cmake
#   cmake --build build/<triple> && ctest --test-dir build/<triple> -j2
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_C_COMPILER ${WARD_CROSS_TRIPLE}-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/${WARD_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_CROSSCOMPILING_EMULATOR ${WARD_CROSS_QEMU} -L /usr/${WARD_CROSS_TRIPLE})
