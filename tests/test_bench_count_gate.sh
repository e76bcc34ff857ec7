# glyphfx bench --count --compare on hand-made counts files: unchanged and
# within 3% (exit 0), 3% more or fewer in Ir or est. cycles (exit 1, the
# re-record command printed), skipped stages not judged, a bad file (exit
# 2); then, where valgrind is installed, one stage counted for real against
# the committed baseline.
set -u
bin=${GLYPHFX_BIN:?GLYPHFX_BIN is not set}
src=${GLYPHFX_SOURCE_DIR:?GLYPHFX_SOURCE_DIR is not set}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# counts NAME then "benchmark Ir D1_misses" lines (or "benchmark skipped")
counts() {
    local name=$1 first=1
    {
        printf '{"context": {"glyphfx_counts_schema": "1", "glyphfx_commit": "abc"},\n "counts": [\n'
        while read -r bench ir d1; do
            [ $first = 1 ] || printf ',\n'
            first=0
            if [ "$ir" = skipped ]; then
                printf '  {"name": "%s", "skipped": true, "note": "lacks it"}' "$bench"
            else
                printf '  {"name": "%s", "Ir": %s, "D1_misses": %s, "LL_misses": 0}' "$bench" "$ir" "$d1"
            fi
        done
        printf '\n]}\n'
    } >"$dir/$name.json"
}

counts base <<EOF2
blit/avx2/540p 1000000 10000
vignette/avx2/540p 2000000 0
grain/avx512/540p skipped
EOF2
counts same <<EOF2
blit/avx2/540p 1000000 10000
vignette/avx2/540p 2059000 0
grain/avx512/540p skipped
EOF2
counts more <<EOF2
blit/avx2/540p 1000000 10000
vignette/avx2/540p 2060000 0
grain/avx512/540p skipped
EOF2
counts fewer_misses <<EOF2
blit/avx2/540p 1000000 6000
vignette/avx2/540p 2000000 0
grain/avx512/540p skipped
EOF2

expect() { # status file args...
    local want=$1 out=$2
    shift 2
    local rc=0
    "$bin" bench --count "$@" >"$dir/$out" 2>&1 || rc=$?
    [ $rc = "$want" ] || fail "bench --count $*: exit $rc, expected $want: $(cat "$dir/$out")"
}
expect 0 same.txt --compare "$dir/base.json" "$dir/same.json"
grep -q '^0 more, 0 fewer, 2 the same.*1 not compared' "$dir/same.txt" ||
    fail "+2.95% not the same: $(cat "$dir/same.txt")"
expect 1 more.txt --compare "$dir/base.json" "$dir/more.json"
grep -q 'vignette/avx2/540p .* MORE' "$dir/more.txt" || fail "+3% not MORE: $(cat "$dir/more.txt")"
grep -q 'glyphfx bench --count --compare .*base.json --out .*base.json' "$dir/more.txt" ||
    fail "no re-record command: $(cat "$dir/more.txt")"
# blit: same Ir, est. cycles 1100000 -> 1060000 (-3.6%): faster is flagged too
expect 1 fewer.txt --compare "$dir/base.json" "$dir/fewer_misses.json"
grep -q 'blit/avx2/540p .* FEWER' "$dir/fewer.txt" || fail "-3.6% not FEWER: $(cat "$dir/fewer.txt")"
expect 0 tol.txt --compare "$dir/base.json" "$dir/more.json" --threshold 5
echo '{"context": {}, "counts": []}' >"$dir/bad.json"
expect 2 bad.txt --compare "$dir/bad.json" "$dir/same.json"
grep -q 'glyphfx_counts_schema' "$dir/bad.txt" || fail "bad file message: $(cat "$dir/bad.txt")"
expect 2 opt.txt --threshold x
expect 2 missing.txt --compare "$dir/nope.json" "$dir/same.json"

# one stage for real, where valgrind and the bench binary are (the sanitizer
# build has no bench)
if command -v valgrind >/dev/null && [ "$(uname -m)" = x86_64 ] &&
    [ -x "$(dirname "$bin")/glyphfx_bench" ]; then
    expect 0 real.txt --compare "$src/results/counts-baseline.json" --stage vignette --isa avx2 \
        --jobs 1
    grep -qE '^vignette/avx2/540p .* same$|not compared' "$dir/real.txt" ||
        fail "vignette/avx2 against the baseline: $(cat "$dir/real.txt")"
else
    echo "valgrind or glyphfx_bench missing (or not x86-64): the real count is not tried"
fi
[ $failures = 0 ] || exit 1
echo "bench --count: all checks passed"
