# Faults during a video render, each checked for the exit status, the
# message, the old output surviving and nothing left behind:
#  - ffmpeg killed (SIGKILL) mid-render: exit 1, a line naming ffmpeg's log
#    and quoting its tail;
#  - SIGTERM while frames are rendered: exit 130, a line about the interrupt;
#  - SIGTERM during the join of a --segments render (caught by watching for
#    the concat ffmpeg; the join is short, so when it is missed the test
#    says so and checks the finished video instead);
#  - two renders to the same output at once: both finish (or one fails
#    cleanly), and the output is one complete video (ffprobe's frame count).
set -u
G=${GLYPHFX_BIN:?GLYPHFX_BIN not set}
command -v ffprobe >/dev/null || { echo "SKIP: faults: no ffprobe"; exit 77; }
D=$(mktemp -d /tmp/glyphfx-test-faults-XXXXXX)
export TMPDIR=$D/tmp
mkdir -p "$TMPDIR" "$D/out"
trap 'rm -rf "$D"' EXIT
failures=0
fail() { echo "FAIL: faults: $*" >&2; failures=$((failures + 1)); }
small=(--quality draft --resolution 320x180 --fps 12)
old="old video"

reset_output() {
    rm -rf "$D/out" && mkdir "$D/out" && echo "$old" >"$D/out/v.mp4"
    rm -f "$TMPDIR"/*
}
# check LABEL RC WANT_RC PATTERN: exit status, message, old output, leftovers
check() {
    local label=$1 rc=$2 want=$3 pattern=$4
    [ "$rc" = "$want" ] || fail "$label: exit $rc, expected $want: $(cat "$D/err")"
    grep -qE -- "$pattern" "$D/err" || fail "$label: no /$pattern/ in: $(cat "$D/err")"
    [ "$(cat "$D/out/v.mp4" 2>/dev/null)" = "$old" ] || fail "$label: the old video was changed"
    local left
    left=$(ls -A "$D/out" | grep -v '^v\.mp4$' | grep -v '^v\.mp4\.parts$')
    [ -z "$left" ] || fail "$label: left $left beside the output"
    if [ -d "$D/out/v.mp4.parts" ]; then
        left=$(find "$D/out/v.mp4.parts" -name '*glyphfx-tmp*')
        [ -z "$left" ] || fail "$label: left temporaries in the parts: $left"
    fi
    left=$(ls -A "$TMPDIR" | grep -v '^glyphfx-encode-.*\.log$')
    [ -z "$left" ] || fail "$label: left $left in TMPDIR"
    echo "ok: faults: $label: $(grep -m1 -E -- "$pattern" "$D/err")"
}
# wait_child PID PATTERN: the pid of PID's ffmpeg child whose command line
# matches PATTERN, once a temporary output exists; empty after 20 s
wait_child() {
    local pid=$1 pattern=$2 ff
    for _ in $(seq 1 2000); do
        ff=$(pgrep -P "$pid" -f -- "$pattern" | head -1)
        [ -n "$ff" ] && { echo "$ff"; return; }
        kill -0 "$pid" 2>/dev/null || return
        sleep 0.01
    done
}

# --- ffmpeg killed mid-render ----------------------------------------------
reset_output
"$G" render -o "$D/out/v.mp4" "${small[@]}" --duration 120 --quiet 2>"$D/err" &
pid=$!
ff=$(wait_child $pid 'ffmpeg.*glyphfx-tmp')
if [ -z "$ff" ]; then
    fail "ffmpeg killed: ffmpeg never started"
else
    sleep 0.5
    kill -KILL "$ff"
    wait $pid
    check "ffmpeg killed" $? 1 "ffmpeg failed .*its log .*glyphfx-encode-.*\.log ends:"
fi
wait $pid 2>/dev/null

# --- SIGTERM while rendering -------------------------------------------------
reset_output
"$G" render -o "$D/out/v.mp4" "${small[@]}" --duration 120 --quiet 2>"$D/err" &
pid=$!
ff=$(wait_child $pid 'ffmpeg.*glyphfx-tmp')
[ -n "$ff" ] || fail "SIGTERM: ffmpeg never started"
sleep 0.5
kill -TERM $pid
wait $pid
check "SIGTERM while rendering" $? 130 "interrupt"
[ -n "$ff" ] && kill -0 "$ff" 2>/dev/null && fail "SIGTERM: ffmpeg $ff outlived glyphfx"

# --- SIGTERM during the join of --segments -------------------------------------
reset_output
"$G" render -o "$D/out/v.mp4" "${small[@]}" --duration 60 --segments 6 2>"$D/err" &
pid=$!
ff=$(wait_child $pid 'ffmpeg.*concat')
if [ -n "$ff" ]; then
    kill -TERM $pid
    wait $pid
    rc=$?
    if [ $rc = 0 ]; then
        echo "note: faults: SIGTERM came as the join finished; checking the video instead"
        frames=$(ffprobe -v error -count_frames -select_streams v:0 \
            -show_entries stream=nb_read_frames -of csv=p=0 "$D/out/v.mp4")
        [ "$frames" = 720 ] || fail "join: a finished video with $frames frames, expected 720"
    else
        check "SIGTERM during the join" $rc 130 "interrupt"
    fi
else
    wait $pid
    echo "note: faults: the join was over before it could be caught (exit $?); not tested"
fi

# --- two renders to one output at once -------------------------------------------
reset_output
"$G" render -o "$D/out/v.mp4" "${small[@]}" --duration 2 --seed 1 --quiet 2>"$D/err1" &
p1=$!
"$G" render -o "$D/out/v.mp4" "${small[@]}" --duration 2 --seed 2 --quiet 2>"$D/err2" &
p2=$!
wait $p1
r1=$?
wait $p2
r2=$?
[ $r1 = 0 ] || [ $r2 = 0 ] || fail "two renders: both failed ($r1: $(cat "$D/err1"); $r2: $(cat "$D/err2"))"
for r in $r1:err1 $r2:err2; do
    [ "${r%%:*}" = 0 ] || [ "$(grep -c . "$D/${r#*:}")" -le 3 ] ||
        fail "two renders: a failure without a clear line: $(cat "$D/${r#*:}")"
done
frames=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames \
    -of csv=p=0 "$D/out/v.mp4")
[ "$frames" = 24 ] || fail "two renders: the output has '$frames' frames, expected 24"
left=$(ls -A "$D/out" | grep -v '^v\.mp4$')
[ -z "$left" ] || fail "two renders: left $left"
left=$(ls -A "$TMPDIR" | grep -v '^glyphfx-encode-.*\.log$')
[ -z "$left" ] || fail "two renders: left $left in TMPDIR"
echo "ok: faults: two renders at once: exits $r1 and $r2, one video of $frames frames"

[ $failures = 0 ] && echo "test_faults: ok"
exit $((failures > 0))
