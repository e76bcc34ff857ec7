# The regression gate never passes without comparing: a results file whose
# times are all 0 or -1, one where every benchmark was skipped, a number that
# is not finite, and --tolerance nan.
set -u
what="compare gate"
source "$(cd "$(dirname "$0")" && pwd)/bench_cli.sh"

# results NAME TIME [ERROR]: two stages and a reference, every time TIME ms
results() {
    local err=${3:+, \"error_occurred\": true, \"error_message\": \"no such ISA\"}
    {
        printf '{"context": {"glyphfx_schema": "1", "cpu_model": "test CPU"},\n "benchmarks": [\n'
        local first=1 b
        for b in blit/avx2/1080p vignette/avx2/1080p memcpy/hot/1080p; do
            [ $first = 1 ] || printf ',\n'
            first=0
            printf '  {"name": "%s", "run_name": "%s", "run_type": "iteration", "cpu_time": %s, "time_unit": "ms"%s}' \
                "$b" "$b" "$2" "$err"
        done
        printf '\n]}\n'
    } >"$dir/$1.json"
}
results good 1.0
results zero 0
results minus -1
results skipped 1.0 error
results inf 1e999

expect 0 '0 slower, 0 faster, 2 the same' --compare "$dir/good.json" "$dir/good.json"
expect 2 'blit/avx2/1080p: no usable time' --compare "$dir/zero.json" "$dir/zero.json"
expect 2 'no usable time \(-1 ms' --compare "$dir/minus.json" "$dir/minus.json"
expect 2 'no usable time \(1 ms in .*good.json, 0 ms in .*zero.json' \
    --compare "$dir/good.json" "$dir/zero.json"
expect 2 'no benchmark compared' --compare "$dir/skipped.json" "$dir/skipped.json"
expect 2 'inf.json: blit/avx2/1080p: "cpu_time" is inf; expected a finite number' \
    --compare "$dir/good.json" "$dir/inf.json"
expect 2 'inf.json: .*expected a finite number' --in "$dir/inf.json" --report "$dir/r.svg"
for t in nan inf -inf NaN; do
    expect 2 "--tolerance $t: expected a number from 0 to 1000" \
        --compare "$dir/good.json" "$dir/good.json" --tolerance "$t"
done

finish test_compare_gate
