#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/, clang, ASan + UBSan) in build-fuzz/
# and runs each for SECONDS (default 60) from its seeds in fuzz/corpus/NAME/
# with fuzz/NAME.dict. Nothing is written into the source tree: the inputs a
# run discovers stay in build-fuzz/corpus/NAME/ (the next run starts from
# them too), a crash's input goes to build-fuzz/crashes/ and its path is
# printed. Exit 1 if a harness failed.
#   tools/fuzz.sh [SECONDS] [NAME...]        (NAME: scene, parts, bench_results, options, srt)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
names=("$@")
((${#names[@]})) || names=(scene parts bench_results options srt)

build=$(tools/setup.sh --fuzz | tail -n 1)
mkdir -p "$build/crashes"
failed=0
for name in "${names[@]}"; do
  mkdir -p "$build/corpus/$name"
  log=$build/fuzz-$name.log
  echo "== fuzz_$name: ${seconds} s (log: $log)" >&2
  quiet=()
  # the option parser prints a line per refusal, and --help its usage
  [ "$name" = options ] && quiet=(-close_fd_mask=3)
  if "$build/fuzz/fuzz_$name" "$build/corpus/$name" "fuzz/corpus/$name" -dict="fuzz/$name.dict" "${quiet[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$build/crashes/$name-" -print_final_stats=1 >"$log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" >&2 || true
  else
    failed=1
    tail -n 40 "$log" >&2
    grep -o "Test unit written to .*" "$log" >&2 || true
  fi
done
exit $failed
