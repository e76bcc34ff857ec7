#!/usr/bin/env bash
# Installs the Debian 12 packages glyphfx needs (only the missing ones) and
# builds it. Usage: tools/setup.sh [--sanitize]
#   --sanitize   build the ASan+UBSan variant in build-asan/ instead of build/
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
# about 10-20 s) and is skipped where it cannot.

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "glyphfx setup: missing packages: ${missing[*]}; run this as root (or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "glyphfx setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

build=build
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "${1:-}" = "--sanitize" ]; then
  build=build-asan
  flags+=(-DGLYPHFX_SANITIZE=ON -DGLYPHFX_BUILD_BENCH=OFF)
elif [ -n "${1:-}" ]; then
  echo "glyphfx setup: unknown option '$1'; expected --sanitize or nothing" >&2
  exit 2
fi
cmake -S . -B "$build" -G Ninja "${flags[@]}" >&2
cmake --build "$build" >&2
echo "$build"
