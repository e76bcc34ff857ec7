#!/usr/bin/env bash
# The NEON kernels as an aarch64 compiler builds them, run under qemu-user:
#  1. cross-builds kernels/ and the checkasm tests (build-aarch64/, kernels
#     only, static) and runs them all with ctest, each through
#     qemu-aarch64-static (the toolchain's cross-compiling emulator);
#  2. checks that the grain kernel uses the native 32-bit vector multiply
#     there (off ARM it takes SIMDe's workaround);
#  3. compares every kernel's NEON output digest on fixed cases, native
#     aarch64 against SIMDe on this host (build-kernels/);
#  4. runs checkasm --bench once as a smoke test (its timings are emulated).
# Installs the missing Debian packages when root. Exit 77: they are missing
# and cannot be installed here (the caller counts that as skipped).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static libsimde-dev cmake ninja-build)
. tools/packages.sh
rc=0
glyphfx_install_missing test_aarch64 "${packages[@]}" || rc=$?
[ $rc -eq 0 ] || exit $rc

arm=build-aarch64 host=build-kernels
qemu=$(command -v qemu-aarch64-static)
jobs=$(nproc)
# Read by checkasm --bench: whatever the timings say, they are qemu's.
export GLYPHFX_EMULATED=qemu

echo "== aarch64 cross build ($arm)"
cmake -S . -B "$arm" -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake \
  -DGLYPHFX_KERNELS_ONLY=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo --no-warn-unused-cli >/dev/null
cmake --build "$arm" -j "$jobs"

echo "== checkasm under $qemu"
ctest --test-dir "$arm" --output-on-failure -j "$jobs"

echo "== native NEON multiply in gfx_grain_neon"
muls=$(aarch64-linux-gnu-objdump -d --no-show-raw-insn "$arm/tests/checkasm_grain" |
  awk '/<gfx_grain_neon>:/,/^$/' | grep -cE $'\tmul\tv[0-9]+\\.4s' || true)
if [ "$muls" -eq 0 ]; then
  echo "test_aarch64: gfx_grain_neon has no 'mul vN.4s': the SIMDe workaround was compiled for aarch64" >&2
  exit 1
fi
echo "gfx_grain_neon: $muls native 'mul vN.4s' (vmulq_u32), no widening workaround"

echo "== same bytes: NEON native on aarch64 vs through SIMDe on $(uname -m) ($host)"
cmake -S . -B "$host" -G Ninja -DGLYPHFX_KERNELS_ONLY=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo --no-warn-unused-cli >/dev/null
cmake --build "$host" -j "$jobs"
status=0
for test in "$arm"/tests/checkasm_*; do
  name=$(basename "$test")
  native=$("$qemu" "$test" --digest --isa neon | grep '^  digest ' || true)
  simde=$("$host/tests/$name" --digest --isa neon | grep '^  digest ' || true)
  if [ -z "$native" ] || [ "$native" != "$simde" ]; then
    echo "DIFFERENT $name:"
    diff <(echo "$simde") <(echo "$native") | sed 's/^/  /' || true
    status=1
  else
    echo "$native" | sed "s/^  digest /same /; s/ (scalar on the same cases: [0-9a-f]*)//"
  fi
done
if [ "$status" -ne 0 ]; then
  echo "test_aarch64: NEON output on aarch64 differs from SIMDe's on the same cases (< SIMDe, > aarch64)" >&2
  exit 1
fi

echo "== bench smoke test under qemu"
for test in "$arm"/tests/checkasm_*; do
  "$qemu" "$test" --bench --isa neon --iterations 20 | grep -E 'emulated|bench |FAIL'
done
