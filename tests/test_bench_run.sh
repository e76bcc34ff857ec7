# One tiny real run of glyphfx bench (a single small benchmark, two short
# repetitions, in two processes merged into one file): --out writes Google
# Benchmark JSON whose context names the
# CPU, topology, ISA, glyphfx version and commit, with every counter, and a
# results file compares equal to itself. Timings are not checked here.
set -u
bin=${GLYPHFX_BIN:?GLYPHFX_BIN is not set}
if [ ! -x "$(dirname "$bin")/glyphfx_bench" ]; then
    echo "SKIP: test_bench_run: glyphfx_bench not built (GLYPHFX_BUILD_BENCH=OFF)"
    exit 77
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

out=$("$bin" bench --stage vignette --isa scalar --size 540p --repetitions 2 --min-time 0.01 \
    --processes 2 --out "$dir/run.json" 2>"$dir/stderr")
rc=$?
[ $rc = 0 ] || fail "bench run exited $rc: $(cat "$dir/stderr")"
printf '%s\n' "$out" | grep -qE '^vignette/scalar/540p +[0-9.]+ +[0-9.]+ +0\.17 +[0-9]+% (within|OVER)' ||
    fail "no summary line for vignette/scalar/540p in: $out"
ls "$dir" | grep -q tmp && fail "a temporary file was left behind"

if command -v python3 >/dev/null; then
    python3 - "$dir/run.json" <<'PY' || fail "results JSON lacks a field"
import json, subprocess, sys
d = json.load(open(sys.argv[1]))
ctx = d["context"]
for key in ("glyphfx_schema", "glyphfx_version", "glyphfx_commit", "cpu_model", "topology",
            "isa_available", "isa_best", "x_memcpy_uses"):
    assert ctx.get(key), key
assert ctx["glyphfx_schema"] == "1"
assert ctx["glyphfx_processes"] == "2", ctx
assert "PU" in ctx["topology"] and "L1" in ctx["topology"], ctx["topology"]
medians = [b for b in d["benchmarks"] if b.get("aggregate_name") == "median"]
assert [b["run_name"] for b in medians] == ["vignette/scalar/540p"], medians
b = medians[0]
for key in ("ms_per_frame", "GB/s", "budget_ms", "budget_used", "seed_budget_used", "memcpy_ms",
            "x_memcpy"):
    assert b.get(key, 0) > 0, key
# the counters agree with each other and with Google Benchmark's CPU time
assert abs(b["ms_per_frame"] - b["cpu_time"]) < 1e-6 * b["cpu_time"] + 1e-9, b
assert abs(b["budget_used"] - b["ms_per_frame"] / b["budget_ms"]) < 1e-6, b
assert abs(b["budget_ms"] - 0.7 * 960 * 540 / (1920 * 1080)) < 1e-9, b
PY
fi

"$bin" bench --compare "$dir/run.json" "$dir/run.json" >"$dir/cmp" 2>&1 ||
    fail "a results file does not compare equal to itself: $(cat "$dir/cmp")"
grep -q '^0 slower, 0 faster, 1 the same' "$dir/cmp" || fail "unexpected verdicts: $(cat "$dir/cmp")"

[ $failures = 0 ] && echo "test_bench_run: ok"
exit $((failures > 0))
