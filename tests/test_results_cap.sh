# Results files are read with a cap: one that is not a regular file
# (/dev/zero, a directory, a FIFO) or is over the cap is refused at once with
# one line, never read without limit.
set -u
what="results cap"
source "$(cd "$(dirname "$0")" && pwd)/bench_cli.sh"

printf '{"context": {"glyphfx_schema": "1"}, "benchmarks": [{"name": "blit/avx2/1080p", "run_name": "blit/avx2/1080p", "run_type": "iteration", "cpu_time": 1, "time_unit": "ms"}]}\n' >"$dir/good.json"

expect 2 '/dev/zero: not a regular file' --compare /dev/zero "$dir/good.json"
expect 2 "$dir: is a directory" --compare "$dir/good.json" "$dir"
mkfifo "$dir/fifo"
expect 2 'fifo: not a regular file' --compare "$dir/good.json" "$dir/fifo"
truncate -s 300M "$dir/huge.json"
expect 2 'huge.json: 314572800 bytes; expected a glyphfx bench results file of at most' \
    --compare "$dir/good.json" "$dir/huge.json"

finish test_results_cap
