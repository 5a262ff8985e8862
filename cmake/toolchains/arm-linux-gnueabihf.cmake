# SPDX-License-Identifier: Apache-2.0
# Cross build for arm-linux-gnueabihf, tests under qemu-arm (see debian-cross.cmake).
set(WARD_CROSS_TRIPLE arm-linux-gnueabihf)
set(WARD_CROSS_QEMU qemu-arm)
set(CMAKE_SYSTEM_PROCESSOR arm)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
