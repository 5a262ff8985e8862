# SPDX-License-Identifier: Apache-2.0
# No position-independent code on WASI: nothing is linked dynamically, and
# with -fPIC clang leaves the __c_longjmp tag of the setjmp lowering to a
# dynamic linker instead of defining it (wasm-ld then finds it undefined).
set(CMAKE_C_COMPILE_OPTIONS_PIC "")
set(CMAKE_C_COMPILE_OPTIONS_PIE "")
