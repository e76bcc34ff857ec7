#!/usr/bin/env bash
# Runs the whole glyphfx test suite (installing and building first if needed).
# Usage: tools/test.sh [--sanitize]   (--sanitize: in the ASan+UBSan build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(tools/setup.sh "$@" | tail -n 1)
if [ "${1:-}" = "--sanitize" ]; then
  # leak checks stay on; ffmpeg children are not instrumented
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
