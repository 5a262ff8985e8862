# SPDX-License-Identifier: Apache-2.0
# Cross build for aarch64-linux-gnu, tests under qemu-aarch64 (see debian-cross.cmake).
set(WARD_CROSS_TRIPLE aarch64-linux-gnu)
set(WARD_CROSS_QEMU qemu-aarch64)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
