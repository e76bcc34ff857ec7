# glyphfx bench --compare on hand-made result files: the verdicts (faster,
# slower, within noise, noisy runs, references not judged), the bad files
# (missing, not JSON, another schema, another set: one line, exit 2), bad
# filters (the valid list), and a report that is well-formed XML.
set -u
bin=${GLYPHFX_BIN:?GLYPHFX_BIN is not set}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# results NAME SCHEMA then "benchmark median_ms cv [min_ms]" lines on stdin
results() {
    local name=$1 schema=$2 first=1
    {
        printf '{"context": {"glyphfx_schema": "%s", "cpu_model": "test CPU", "glyphfx_commit": "abc"},\n' "$schema"
        printf ' "benchmarks": [\n'
        while read -r bench ms cv min; do
            [ $first = 1 ] || printf ',\n'
            first=0
            [ -n "$min" ] && printf '  {"name": "%s_min", "run_name": "%s", "run_type": "aggregate", "aggregate_name": "min", "repetitions": 5, "cpu_time": %s, "time_unit": "ms"},\n' \
                "$bench" "$bench" "$min"
            printf '  {"name": "%s_median", "run_name": "%s", "run_type": "aggregate", "aggregate_name": "median", "repetitions": 5, "cpu_time": %s, "time_unit": "ms", "budget_ms": 1.0, "budget_used": %s, "memcpy_ms": 0.1, "x_memcpy": %s},\n' \
                "$bench" "$bench" "$ms" "$ms" "$(awk "BEGIN{print $ms/0.1}")"
            printf '  {"name": "%s_cv", "run_name": "%s", "run_type": "aggregate", "aggregate_name": "cv", "aggregate_unit": "percentage", "repetitions": 5, "cpu_time": %s, "time_unit": "ms"}' \
                "$bench" "$bench" "$cv"
        done
        printf '\n]}\n'
    } >"$dir/$name.json"
}

results base 1 <<EOF
blit/avx2/1080p 1.0 0.01
vignette/avx2/1080p 0.5 0.01
memcpy/hot/1080p 0.12 0.01
EOF
results faster 1 <<EOF
blit/avx2/1080p 0.5 0.01
vignette/avx2/1080p 0.5 0.01
memcpy/hot/1080p 0.12 0.01
EOF
results slower 1 <<EOF
blit/avx2/1080p 1.0 0.01
vignette/avx2/1080p 2.0 0.01
memcpy/hot/1080p 0.12 0.01
EOF
results noise 1 <<EOF
blit/avx2/1080p 1.1 0.01
vignette/avx2/1080p 0.45 0.01
memcpy/hot/1080p 0.12 0.01
EOF
# 55% slower, but these runs scatter by 30%: 2 x (0.01 + 0.30) = 62% tolerance
results noisy 1 <<EOF
blit/avx2/1080p 1.55 0.30
vignette/avx2/1080p 0.5 0.30
memcpy/hot/1080p 0.12 0.01
EOF
# the median doubled but the fastest repetition did not: compare judges the fastest
results slow_median 1 <<EOF
blit/avx2/1080p 2.0 0.01 1.1
vignette/avx2/1080p 0.5 0.01 0.5
memcpy/hot/1080p 0.12 0.01
EOF
# and the other way round: a fast median does not hide a slower fastest run
results slow_min 1 <<EOF
blit/avx2/1080p 1.0 0.01 1.8
vignette/avx2/1080p 0.5 0.01 0.5
memcpy/hot/1080p 0.12 0.01
EOF
# a reference measurement doubling is reported, not judged
results memcpy_slow 1 <<EOF
blit/avx2/1080p 1.0 0.01
vignette/avx2/1080p 0.5 0.01
memcpy/hot/1080p 0.24 0.01
EOF
results other_set 1 <<EOF
blit/avx2/1080p 1.0 0.01
grain/avx2/1080p 0.5 0.01
memcpy/hot/1080p 0.12 0.01
EOF
results schema2 2 <<EOF
blit/avx2/1080p 1.0 0.01
vignette/avx2/1080p 0.5 0.01
memcpy/hot/1080p 0.12 0.01
EOF
echo '{"benchmarks": [' >"$dir/truncated.json"

# expect_rc WANT PATTERN ARGS...: exit status WANT and PATTERN in the output
expect() {
    local want=$1 pattern=$2
    shift 2
    local out rc
    out=$("$bin" bench "$@" 2>&1)
    rc=$?
    [ "$rc" = "$want" ] || fail "glyphfx bench $*: exit $rc, expected $want; output: $out"
    printf '%s\n' "$out" | grep -qE -- "$pattern" || fail "glyphfx bench $*: no /$pattern/ in: $out"
}

expect 0 'blit/avx2/1080p +1\.000 +0\.500 +-50\.0% .*faster' --compare "$dir/base.json" "$dir/faster.json"
expect 1 'vignette/avx2/1080p .*\+300\.0% .*SLOWER' --compare "$dir/base.json" "$dir/slower.json"
expect 0 '^0 slower, 0 faster, 2 the same' --compare "$dir/base.json" "$dir/noise.json"
expect 0 'blit/avx2/1080p .*\+55\.0% +62% +same' --compare "$dir/base.json" "$dir/noisy.json"
expect 0 'blit/avx2/1080p +1\.000 +1\.100 +\+10\.0% .*same' --compare "$dir/base.json" "$dir/slow_median.json"
expect 1 'blit/avx2/1080p +1\.000 +1\.800 +\+80\.0% .*SLOWER' --compare "$dir/base.json" "$dir/slow_min.json"
expect 0 'memcpy/hot/1080p .*reference, not judged' --compare "$dir/base.json" "$dir/memcpy_slow.json"
# a tighter tolerance turns the 10% of "noise" into a regression
expect 1 'blit/avx2/1080p .*SLOWER' --compare "$dir/base.json" "$dir/noise.json" --tolerance 5

expect 2 'hold different benchmarks: 1 only in the first \(vignette/avx2/1080p' \
    --compare "$dir/base.json" "$dir/other_set.json"
expect 2 "missing.json: cannot open" --compare "$dir/missing.json" "$dir/base.json"
expect 2 "truncated.json: not JSON" --compare "$dir/base.json" "$dir/truncated.json"
expect 2 "schema2.json: results schema '2'; this glyphfx reads schema 1" \
    --compare "$dir/base.json" "$dir/schema2.json"
echo '{"context": {}, "benchmarks": []}' >"$dir/foreign.json"
expect 2 "foreign.json: no context.glyphfx_schema" --in "$dir/foreign.json"

# filters are checked against the names the bench binary registers
if [ -x "$(dirname "$bin")/glyphfx_bench" ]; then
    expect 2 '--stage nope: unknown; expected one of: .*blit.*vignette' --stage nope
    expect 2 '--isa avx9: unknown; expected one of: scalar sse41 avx2 avx512 neon' --isa avx9
    expect 2 '--size 8k: unknown; expected one of: 540p 720p 1080p 2160p' --size 8k
fi
expect 2 "unknown option '--bogus'" --bogus

# the report: written, well-formed, with a bar per benchmark
expect 0 'report: .*r\.svg' --in "$dir/slower.json" --report "$dir/r.svg"
expect 0 'report: .*r\.html' --in "$dir/slower.json" --report "$dir/r.html"
expect 2 'expected a name ending in \.html or \.svg' --in "$dir/slower.json" --report "$dir/r.pdf"
for f in r.svg r.html; do
    if [ ! -s "$dir/$f" ]; then
        fail "$f was not written"
    elif command -v python3 >/dev/null; then
        python3 - "$dir/$f" <<'PY' || fail "$f is not well-formed or lacks the bars"
import sys, xml.dom.minidom
doc = xml.dom.minidom.parse(sys.argv[1])
titles = [t.firstChild.data for t in doc.getElementsByTagName("title") if t.firstChild]
assert any(t.startswith("vignette/avx2/1080p: 2.000 ms") for t in titles), titles
PY
    fi
done
ls "$dir" | grep -q tmp && fail "a temporary file was left behind: $(ls "$dir")"

[ $failures = 0 ] && echo "test_compare: ok"
exit $((failures > 0))
