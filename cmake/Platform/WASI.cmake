# SPDX-License-Identifier: Apache-2.0
# The WASI "system" for CMake 3.25, which knows none: programs are .wasm
# files, and there are no shared libraries (cmake/toolchains/wasm32-wasi.cmake
# puts this directory on the module path).
set(CMAKE_EXECUTABLE_SUFFIX ".wasm")
set(CMAKE_STATIC_LIBRARY_PREFIX "lib")
set(CMAKE_STATIC_LIBRARY_SUFFIX ".a")
set_property(GLOBAL PROPERTY TARGET_SUPPORTS_SHARED_LIBS FALSE)
