#!/bin/bash
# Shows the counting gate and the A/B timing at work: N runs of an unchanged
# build (any exit 1 is a false alarm) and N runs of a build with a planted
# slowdown (each must be caught), for both.
#
#   bench/gate_demo.sh UNCHANGED_TOOLS_DIR PLANTED_TOOLS_DIR OUTDIR [N]
#
# A tools dir holds glyphfx and glyphfx_bench (build/tools, or a copy of
# it). Make PLANTED from a temporary local patch, e.g. at the end of
# gfx_vignette_avx2 (kernels/x86/vignette_avx2.c)
#     for (volatile long i = 0; i < (long)width * height / K; i++)
#         ;
# K = 70 adds about 5% to its instruction count, K = 20 about 10% to its
# time at 1080p on a 2-vCPU EPYC. COUNT_STAGES and AB_STAGES narrow the two
# (defaults: the whole counting baseline; vignette,grain,blit with avx2);
# ONLY=count or ONLY=ab runs one of the two.
set -u
if [ $# -lt 3 ]; then
    echo "usage: $0 UNCHANGED_TOOLS_DIR PLANTED_TOOLS_DIR OUTDIR [N]" >&2
    exit 2
fi
same=$1 planted=$2 out=$3 n=${4:-10}
cd "$(dirname "$0")/.."
mkdir -p "$out"
count_set=()
[ -n "${COUNT_STAGES:-}" ] && count_set=(--stage "$COUNT_STAGES")
ab_set=(--stage "${AB_STAGES:-vignette,grain,blit}" --isa avx2)
tally() { # label exit-status file
    echo "$1: exit $2, $(grep -E '^[0-9]+ (more|slower)' "$3" | tail -1)"
}
for kind in same planted; do
    dir=$same
    [ $kind = planted ] && dir=$planted
    for i in $(seq "$n"); do
        [ "${ONLY:-count}" = count ] || break
        start=$(date +%s)
        rc=0
        "$dir/glyphfx" bench --count --compare results/counts-baseline.json "${count_set[@]}" \
            >"$out/count_${kind}_$i.txt" 2>&1 || rc=$?
        tally "count $kind $i ($(($(date +%s) - start)) s)" $rc "$out/count_${kind}_$i.txt"
    done
    for i in $(seq "$n"); do
        [ "${ONLY:-ab}" = ab ] || break
        rc=0
        "$dir/glyphfx" bench --ab "$same" "${ab_set[@]}" >"$out/ab_${kind}_$i.txt" 2>&1 || rc=$?
        tally "ab $kind $i" $rc "$out/ab_${kind}_$i.txt"
    done
done
