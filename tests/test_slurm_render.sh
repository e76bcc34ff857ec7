#!/usr/bin/env bash
# glyphfx render --slurm on a real single-node Slurm cluster
# (tests/slurm/cluster.sh): one command plans, submits 4 shards as a job
# array and a join that waits for them, and with --wait exits 0 once the
# joined video exists, with the frames of a one-process render (x264
# lossless, decoded frame by frame). An array task cancelled mid-way leaves
# no half part counted as done, and the printed retry command (--resume)
# submits only the missing part and finishes the same frames. The same shard
# submitted twice at once leaves one valid part. Prints the Slurm path's
# overhead against a local render of the same song, measured in this run.
# Exit 77 (skipped) when this machine cannot run Slurm.
set -u
G=${GLYPHFX_BIN:?}
G=$(cd "$(dirname "$G")" && pwd)/$(basename "$G")
here=$(cd "$(dirname "$0")" && pwd)
command -v ffmpeg >/dev/null || { echo "skip: no ffmpeg"; exit 77; }
source "$here/slurm/cluster.sh"

cluster=$(mktemp -d "${TMPDIR:-/tmp}/glyphfx-slurm.XXXXXX")
dir=$(mktemp -d "${TMPDIR:-/tmp}/glyphfx-slurm-render.XXXXXX")
trap 'slurm_cluster_down "$cluster"; rm -rf "$dir"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
info() { echo "test_slurm_render: $*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
frame_md5() { ffmpeg -v error -i "$1" -map 0:v -f framemd5 - | grep -v '^#' | awk -F, '{print $NF}'; }
record() { scontrol -o show job "$1" 2>/dev/null | grep -o 'JobId=[0-9]*\|ArrayTaskId=[^ ]*\|JobState=[^ ]*\|Reason=[^ ]*' | tr '\n' ' '; }

slurm_cluster_up "$cluster"
rc=$?
if [ $rc = 77 ]; then
    info "skipped: this machine cannot run a Slurm cluster (see above)"
    exit 77
fi
[ $rc = 0 ] || { echo "FAIL: the cluster did not come up" >&2; exit 1; }

mkdir -p "$dir/work/out" "$dir/elsewhere"
cd "$dir/work"
ffmpeg -v error -f lavfi -i sine=d=3 song.wav || { info "skip: ffmpeg cannot make a wav"; exit 77; }
common=(--quality draft --resolution 160x90 --crf 0 --quiet)

# 1. the local reference and the Slurm render of the same song, timed
"$G" render song.wav -o warm.mp4 "${common[@]}" || fail "warm-up render" # fills the feature cache
t=$(now)
"$G" render song.wav -o local.mp4 "${common[@]}" || fail "local render"
local_s=$(since "$t")
frame_md5 local.mp4 >local.md5
t=$(now)
"$G" render song.wav -o out/v.mp4 "${common[@]}" --slurm 4 --wait >ids 2>slurm.log ||
    { cat slurm.log >&2; fail "--slurm 4 --wait exited non-zero"; }
slurm_s=$(since "$t")
read -r array join <ids
[ -n "${join:-}" ] || { cat slurm.log >&2; echo "FAIL: --slurm printed no job ids" >&2; exit 1; }
grep -q 'squeue -j' slurm.log || fail "--slurm did not say how to watch the jobs"
grep -q 'parts done' slurm.log || fail "--wait showed no progress"
[ "$(slurm_job_state "$join")" = COMPLETED ] || fail "join $join: $(record "$join")"
frame_md5 out/v.mp4 | cmp -s - local.md5 || fail "--slurm 4 frames differ from a local render"
[ -e out/v.mp4.parts ] && fail "the parts are left after the join"
sed 's/^/  | /' slurm.log
info "overhead: local render $local_s s; --slurm 4 --wait (submit to join done) $slurm_s s;" \
    "Slurm path costs $(awk -v a="$slurm_s" -v b="$local_s" 'BEGIN { printf "%+.2f s (%.1fx)", a - b, a / b }')"

# 2. one array task cancelled while it renders, then the retry
ffmpeg -v error -f lavfi -i sine=d=20 long.wav
slow=(--quality draft --resolution 640x360 --crf 0 --workers 1 --quiet)
"$G" render long.wav -o long-local.mp4 "${slow[@]}" || fail "local render of the long song"
"$G" render long.wav -o out/long.mp4 "${slow[@]}" --slurm 4 --slurm-opt --cpus-per-task=1 \
    --wait >ids 2>submit.log &
waiter=$!
for i in $(seq 1 100); do
    [ -s ids ] && break
    sleep 0.1
done
read -r array join <ids
[ -n "${join:-}" ] || { cat submit.log >&2; echo "FAIL: --slurm printed no job ids" >&2; exit 1; }
# wait until task 2 is running and ffmpeg is writing its part, then cancel it
for i in $(seq 1 1200); do
    [ -n "$(find out/long.mp4.parts -name '.*part-0001.*.mp4' -size +1k 2>/dev/null)" ] && break
    sleep 0.05
done
[ "$(slurm_job_state "${array}_2")" = RUNNING ] || fail "task ${array}_2 is not running: $(record "${array}_2")"
scancel "${array}_2"
slurm_wait_jobs 300 "$array" "$join" || fail "array $array / join $join did not end: $(record "$array") / $(record "$join")"
[ "$(slurm_job_state "$join")" = CANCELLED ] || fail "join after a cancelled task: $(record "$join")"
wait $waiter
rc=$?
[ $rc = 1 ] || fail "--wait exited $rc after a cancelled task, expected 1"
grep -q "join job $join ended CANCELLED" submit.log || fail "--wait did not say the join was cancelled: $(cat submit.log)"
[ -e out/long.mp4 ] && fail "a video appeared although a part was cancelled"
[ -e out/long.mp4.parts/part-0001.done ] && fail "the cancelled part 1 is recorded as done"
"$G" render long.wav -o out/long.mp4 "${slow[@]}" --join 2>join.log
[ $? = 2 ] && grep -q 'missing or damaged (--shard 2/4' join.log || fail "--join after the cancel: $(cat join.log)"
retry=$(grep -A1 'retry the missing parts' submit.log | tail -1)
case "$retry" in *--resume*) ;; *) fail "no retry command printed: $(cat submit.log)" ;; esac
# the printed command, from another directory, with --wait
(cd "$dir/elsewhere" && eval "${retry/glyphfx/$G} --wait") >ids 2>retry.log ||
    { cat retry.log >&2; fail "the retry command failed"; }
grep -q 'submitted shards 2 of 4' retry.log || fail "the retry did not submit only shard 2: $(cat retry.log)"
frame_md5 out/long.mp4 | cmp -s - <(frame_md5 long-local.mp4) || fail "the retried video differs from a local render"

# 3. the same shard submitted twice at once
shard=("$G" render "$dir/work/song.wav" -o "$dir/work/out/dup.mp4" "${common[@]}")
a=$(sbatch --parsable -o "$dir/dup-a.log" --wrap "exec ${shard[*]} --shard 1/2") || fail "sbatch a"
b=$(sbatch --parsable -o "$dir/dup-b.log" --wrap "exec ${shard[*]} --shard 1/2") || fail "sbatch b"
slurm_wait_jobs 120 "$a" "$b" || fail "duplicate shards did not end"
[ "$(slurm_job_state "$a") $(slurm_job_state "$b")" = "COMPLETED COMPLETED" ] ||
    fail "duplicate shards: $(record "$a") / $(record "$b")"
"${shard[@]}" --shard 2/2 || fail "shard 2/2"
"${shard[@]}" --join || fail "join after a shard ran twice"
frame_md5 out/dup.mp4 | cmp -s - local.md5 || fail "a shard run twice at once gave other frames"

if [ $failures != 0 ]; then
    for f in "$cluster"/log/slurmctld.log "$dir"/work/out/*.slurm/*.log; do
        [ -f "$f" ] || continue
        echo "--- $f" >&2
        tail -n 15 "$f" >&2
    done
    exit 1
fi
info "ok"
