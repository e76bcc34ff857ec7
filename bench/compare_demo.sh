#!/bin/bash
# Shows that `glyphfx bench --compare` gives a stable verdict on this noisy
# machine: an unchanged build against itself five times (no false alarm),
# and a build with one kernel forced to scalar five times (caught each time).
#
#   bench/compare_demo.sh UNCHANGED_GLYPHFX FORCED_GLYPHFX OUTDIR
#
# Make FORCED from a copy of the tree whose kernels/<kernel>.c init installs
# only the scalar variant (e.g. every SIMD `case` of gfx_vignette_init made
# `return;`), built the same way as UNCHANGED. Prints each verdict and the
# worst slowdown between any two unchanged runs, the margin the compare
# tolerance must clear.
set -eu
if [ $# -ne 3 ]; then
    echo "usage: $0 UNCHANGED_GLYPHFX FORCED_GLYPHFX OUTDIR" >&2
    exit 2
fi
same=$1 forced=$2 out=$3
set="--stage blit,bloom,vignette,grain,crt,rgb_to_yuv420p,frame --isa sse41,avx2,avx512 --size 1080p
     --processes 3"
mkdir -p "$out"
"$same" bench $set --out "$out/base.json" >/dev/null 2>&1
for i in 1 2 3 4 5; do
    "$same" bench $set --out "$out/same$i.json" >/dev/null 2>&1
    rc=0
    "$same" bench --compare "$out/base.json" "$out/same$i.json" >"$out/cmp_same$i.txt" || rc=$?
    echo "unchanged run $i: exit $rc, $(tail -1 "$out/cmp_same$i.txt" | cut -d'(' -f1)"
done
for i in 1 2 3 4 5; do
    "$forced" bench $set --out "$out/forced$i.json" >/dev/null 2>&1
    rc=0
    "$same" bench --compare "$out/base.json" "$out/forced$i.json" >"$out/cmp_forced$i.txt" || rc=$?
    echo "forced run $i: exit $rc, $(tail -1 "$out/cmp_forced$i.txt" | cut -d'(' -f1)"
done
python3 - "$out" <<'PY'
import glob, json, sys
def minima(path):
    d = json.load(open(path))
    return {b["run_name"]: b["cpu_time"] for b in d["benchmarks"] if b.get("aggregate_name") == "min"}
runs = [minima(p) for p in [sys.argv[1] + "/base.json"] + sorted(glob.glob(sys.argv[1] + "/same*.json"))]
worst = max((b[n] / a[n], n) for a in runs for b in runs if a is not b for n in a)
print("worst slowdown of the fastest repetition between two unchanged runs: %.2fx (%s)" % worst)
PY
