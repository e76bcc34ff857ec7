#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/, clang, ASan + UBSan) in build-fuzz/
# and runs each for SECONDS (default 60), starting from its seed corpus in
# fuzz/corpus/NAME/ with fuzz/NAME.dict. New inputs and any crash go to a
# temporary directory outside the tree; a crash's input is copied to
# build-fuzz/crashes/ and its path printed. Exit 1 if a harness failed.
#   tools/fuzz.sh [SECONDS] [NAME...]        (NAME: scene, manifest, bench_results)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
names=("$@")
((${#names[@]})) || names=(scene manifest bench_results)

tools/setup.sh --fuzz >/dev/null
build=build-fuzz
work=$(mktemp -d "${TMPDIR:-/tmp}/glyphfx-fuzz-run-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/crashes"
failed=0
for name in "${names[@]}"; do
  # a scratch corpus: the seeds stay as committed, new inputs land here
  mkdir -p "$work/$name"
  echo "== fuzz_$name: ${seconds} s" >&2
  if ! "$build/fuzz/fuzz_$name" "$work/$name" "fuzz/corpus/$name" -dict="fuzz/$name.dict" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$work/$name-" -print_final_stats=1 >"$work/$name.log" 2>&1; then
    failed=1
    tail -n 40 "$work/$name.log" >&2
    for crash in "$work/$name"-*; do
      [ -e "$crash" ] && cp "$crash" "$build/crashes/" && echo "fuzz_$name: input kept in $build/crashes/$(basename "$crash")" >&2
    done
  else
    grep -E '^stat::number_of_executed_units|^#[0-9]+ *DONE' "$work/$name.log" | tail -n 2 >&2 || true
  fi
done
exit $failed
