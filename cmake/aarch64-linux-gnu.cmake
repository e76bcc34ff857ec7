# Cross build for aarch64 Linux with Debian's cross compiler, run under qemu:
#   apt-get install --no-install-recommends gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static
#   cmake -S . -B build-aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake -DGLYPHFX_KERNELS_ONLY=ON
#   cmake --build build-aarch64 && ctest --test-dir build-aarch64
# (tools/test_aarch64.sh does all of it.) Only the kernels-only build is
# meant to cross: the render libraries' dependencies have no arm64 packages
# installed here.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# Headers and libraries from the arm64 sysroot only, programs from the host.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Static executables: qemu-aarch64-static runs them without an arm64 dynamic
# loader or sysroot (-L), and ctest runs every test through it.
set(CMAKE_EXE_LINKER_FLAGS_INIT -static)
find_program(GLYPHFX_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64)
if(GLYPHFX_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${GLYPHFX_QEMU_AARCH64})
endif()
