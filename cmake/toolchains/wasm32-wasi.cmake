# SPDX-License-Identifier: Apache-2.0
# ward itself built for wasm32-wasi (WASI preview1), to run under a wasm
# runtime, ward included: docs/wasm-self.md.
#
#   cmake -B build/wasm -G Ninja \
#     -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/wasm32-wasi.cmake
#   cmake --build build/wasm --target ward     # build/wasm/ward.wasm
#
# The compiler is clang-19: Debian's wasi-libc has no setjmp/longjmp, and
# clang-19 lowers them (`-mllvm -wasm-enable-sjlj`) to wasm exception
# instructions with our small runtime (src/platform/wasi/wasi_sjlj.c).
# The headers and libraries are Debian's wasi-libc (multiarch: clang finds
# /usr/include/wasm32-wasi and /usr/lib/wasm32-wasi by itself); the
# compiler-rt builtins for wasm32 come with clang-14
# (libclang-rt-14-dev-wasm32), so the link takes clang-14's resource
# directory. WARD_WASI_RESOURCE_DIR overrides it.
set(CMAKE_SYSTEM_NAME WASI)
set(CMAKE_SYSTEM_VERSION 1)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
# cmake/Platform/WASI.cmake
list(APPEND CMAKE_MODULE_PATH ${CMAKE_CURRENT_LIST_DIR}/..)

if(NOT CMAKE_C_COMPILER)
  find_program(WARD_WASI_CC NAMES clang-19 clang REQUIRED)
  set(CMAKE_C_COMPILER ${WARD_WASI_CC})
endif()
set(CMAKE_C_COMPILER_TARGET wasm32-wasi)

if(NOT WARD_WASI_RESOURCE_DIR)
  file(GLOB _ward_rt /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a)
  if(_ward_rt)
    list(GET _ward_rt 0 _ward_rt)
    get_filename_component(WARD_WASI_RESOURCE_DIR ${_ward_rt} DIRECTORY) # lib/wasi
    get_filename_component(WARD_WASI_RESOURCE_DIR ${WARD_WASI_RESOURCE_DIR} DIRECTORY) # lib
    get_filename_component(WARD_WASI_RESOURCE_DIR ${WARD_WASI_RESOURCE_DIR} DIRECTORY)
  endif()
endif()
set(WARD_WASI_RESOURCE_DIR "${WARD_WASI_RESOURCE_DIR}" CACHE PATH
    "Resource directory of a clang with libclang_rt.builtins-wasm32.a")
if(WARD_WASI_RESOURCE_DIR)
  set(CMAKE_EXE_LINKER_FLAGS_INIT "-resource-dir=${WARD_WASI_RESOURCE_DIR}")
endif()

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
