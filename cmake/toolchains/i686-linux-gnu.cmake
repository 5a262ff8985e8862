# SPDX-License-Identifier: Apache-2.0
# Cross build for i686-linux-gnu, tests under qemu-i386 (see debian-cross.cmake).
set(WARD_CROSS_TRIPLE i686-linux-gnu)
set(WARD_CROSS_QEMU qemu-i386)
set(CMAKE_SYSTEM_PROCESSOR i686)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
