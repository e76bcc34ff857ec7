# Results files are read with a cap: one that is not a regular file
# (/dev/zero, a directory, a FIFO) or is over the cap is refused at once with
# one line, never read without limit.
set -u
bin=${GLYPHFX_BIN:?GLYPHFX_BIN is not set}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() { echo "FAIL: results cap: $*" >&2; failures=$((failures + 1)); }

printf '{"context": {"glyphfx_schema": "1"}, "benchmarks": [{"name": "blit/avx2/1080p", "run_name": "blit/avx2/1080p", "run_type": "iteration", "cpu_time": 1, "time_unit": "ms"}]}\n' >"$dir/good.json"

expect() {
    local want=$1 pattern=$2
    shift 2
    local out rc
    out=$(timeout 60 "$bin" bench "$@" 2>&1)
    rc=$?
    [ "$rc" = "$want" ] || fail "glyphfx bench $*: exit $rc, expected $want; output: $out"
    printf '%s\n' "$out" | grep -qE -- "$pattern" || fail "glyphfx bench $*: no /$pattern/ in: $out"
}

expect 2 '/dev/zero: not a regular file' --compare /dev/zero "$dir/good.json"
expect 2 "$dir: is a directory" --compare "$dir/good.json" "$dir"
mkfifo "$dir/fifo"
expect 2 'fifo: not a regular file' --compare "$dir/good.json" "$dir/fifo"
truncate -s 300M "$dir/huge.json"
expect 2 'huge.json: 314572800 bytes; expected a glyphfx bench results file of at most' \
    --compare "$dir/good.json" "$dir/huge.json"

[ $failures = 0 ] && echo "test_results_cap: ok"
exit $((failures > 0))
