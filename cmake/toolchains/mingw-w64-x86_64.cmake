# SPDX-License-Identifier: Apache-2.0
# Cross-compiling ward for Windows x86-64 with mingw-w64:
#   cmake -B build/win -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/mingw-w64-x86_64.cmake
# Tests run through wine (CMAKE_CROSSCOMPILING_EMULATOR), so `ctest` works
# on a Linux host with wine installed.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(WARD_MINGW_PREFIX x86_64-w64-mingw32 CACHE STRING "mingw-w64 tool prefix")
set(CMAKE_C_COMPILER ${WARD_MINGW_PREFIX}-gcc)
set(CMAKE_RC_COMPILER ${WARD_MINGW_PREFIX}-windres)
set(CMAKE_FIND_ROOT_PATH /usr/${WARD_MINGW_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
find_program(WARD_WINE NAMES wine64 wine)
if(WARD_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${WARD_WINE})
endif()
