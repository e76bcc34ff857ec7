#!/usr/bin/env bash
# Runs the whole glyphfx test suite (installing and building first if needed).
# Usage: tools/test.sh [--sanitize|--tsan]
#   --sanitize   the suite in the ASan+UBSan build (build-asan/)
#   --tsan       the threaded tests (workers, segments, shards, determinism)
#                in the ThreadSanitizer build (build-tsan/)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(tools/setup.sh "$@" | tail -n 1)
run=()
select=()
if [ "${1:-}" = "--sanitize" ]; then
  # leak checks stay on; ffmpeg children are not instrumented
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
elif [ "${1:-}" = "--tsan" ]; then
  # ffmpeg children are not instrumented; tests/tsan.supp says what is
  # suppressed and why. A report makes glyphfx exit 66, failing its test.
  export TSAN_OPTIONS="suppressions=$PWD/tests/tsan.supp second_deadlock_stack=1"
  # TSan's shadow memory needs a fixed layout: kernels with more address
  # randomization (vm.mmap_rnd_bits > 28) make it fail with "unexpected
  # memory mapping" until randomization is turned off for the run.
  if "$build/tools/glyphfx" --version 2>&1 | grep -q "unexpected memory mapping"; then
    echo "glyphfx test: ThreadSanitizer needs address randomization off here: running under setarch -R" >&2
    run=(setarch "$(uname -m)" -R)
  fi
  select=(-R '^(test_workers|test_parts|test_parallel|test_determinism)$')
fi
"${run[@]}" ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "${select[@]}"
