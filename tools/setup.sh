#!/usr/bin/env bash
# Installs the Debian 12 packages glyphfx needs (only the missing ones) and
# builds it. Usage: tools/setup.sh [--sanitize|--tsan|--fuzz]
#   --sanitize   build the ASan+UBSan variant in build-asan/ instead of build/
#   --tsan       build the ThreadSanitizer variant in build-tsan/
#   --fuzz       build the libFuzzer harnesses with clang in build-fuzz/
# Prints the build directory on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git
  libsimde-dev libfreetype-dev libfontconfig-dev fonts-dejavu-core
  libhwloc-dev libbenchmark-dev libpng-dev libfftw3-dev libcjson-dev
  ffmpeg valgrind
)
# valgrind runs the counting gate (glyphfx bench --count, in .ci/run).
# Test-only packages are not here: test_slurm_cluster installs slurmctld,
# slurmd, slurm-client and munge itself when missing (tests/slurm/cluster.sh;
# about 10-20 s) and is skipped where it cannot; test_play_terminal installs
# python3-pyte (a terminal emulator for Python) the same way.
# clang (Debian 12: clang-14); its libFuzzer and sanitizer runtimes are only
# recommended, and recommendations are not installed here
[ "${1:-}" = "--fuzz" ] && packages+=(clang libclang-rt-dev)

. tools/packages.sh
packages+=("${GLYPHFX_FALLBACK_FONTS[@]}")
rc=0
glyphfx_install_missing "glyphfx setup" "${packages[@]}" || rc=$?
if [ $rc -ne 0 ]; then
  echo "glyphfx setup: run this as root, or install the packages named above" >&2
  exit 1
fi

build=build
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "${1:-}" = "--sanitize" ]; then
  build=build-asan
  flags+=(-DGLYPHFX_SANITIZE=ON -DGLYPHFX_BUILD_BENCH=OFF)
elif [ "${1:-}" = "--tsan" ]; then
  build=build-tsan
  flags+=(-DGLYPHFX_TSAN=ON -DGLYPHFX_BUILD_BENCH=OFF)
elif [ "${1:-}" = "--fuzz" ]; then
  build=build-fuzz
  flags+=(-DGLYPHFX_FUZZ=ON -DGLYPHFX_BUILD_BENCH=OFF -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++)
elif [ -n "${1:-}" ]; then
  echo "glyphfx setup: unknown option '$1'; expected --sanitize, --tsan, --fuzz or nothing" >&2
  exit 2
fi
cmake -S . -B "$build" -G Ninja "${flags[@]}" >&2
if [ "$build" = build-fuzz ]; then
  # only the harnesses: the rest of the tree is tested in the other builds
  cmake --build "$build" --target fuzz_scene fuzz_parts fuzz_bench_results fuzz_options fuzz_srt >&2
else
  cmake --build "$build" >&2
fi
echo "$build"
