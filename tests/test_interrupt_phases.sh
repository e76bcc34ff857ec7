# Ctrl-C is honoured within a moment in every phase, not only while frames
# are rendered:
#  - ffmpeg stalled (SIGSTOP) with the pipe full: glyphfx does not wait for
#    it to resume, ends it, removes the partial video and exits 130;
#  - while the built-in soundtrack of a long --duration is synthesized;
#  - while a long song is decoded and analyzed.
# Each time: exit 130 within 3 s of the signal (the bug was 52 s, 6.5 s and
# forever), a line saying it was interrupted, the old output intact and no
# temporary file left.
set -u
G=${GLYPHFX_BIN:?GLYPHFX_BIN not set}
D=$(mktemp -d /tmp/glyphfx-test-intph-XXXXXX)
export TMPDIR=$D/tmp
mkdir -p "$TMPDIR" "$D/out"
trap 'pkill -CONT -P $$ 2>/dev/null; rm -rf "$D"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
now() { date +%s.%N; }

# interrupt_after PID SECONDS_TO_WAIT LABEL: SIGINT, then checks the outcome
interrupt_and_check() {
    local pid=$1 label=$2 t0 t1 rc
    t0=$(now)
    kill -INT "$pid"
    wait "$pid"
    rc=$?
    t1=$(now)
    [ $rc = 130 ] || { cat "$D/stderr"; fail "$label: exit $rc after SIGINT, expected 130"; }
    awk -v a="$t0" -v b="$t1" 'BEGIN { exit !(b - a < 3) }' ||
        fail "$label: took $(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }') s to exit after SIGINT"
    grep -qi interrupt "$D/stderr" || { cat "$D/stderr"; fail "$label: no line about the interrupt"; }
    [ "$(ls -A "$D/out")" = clip.mp4 ] || fail "$label: left $(ls -A "$D/out") in the output directory"
    [ "$(cat "$D/out/clip.mp4")" = "old video" ] || fail "$label: the existing video was changed"
    [ -z "$(ls -A "$TMPDIR")" ] || fail "$label: temporary files left: $(ls -A "$TMPDIR")"
}
echo "old video" >"$D/out/clip.mp4"

# --- ffmpeg stalled -------------------------------------------------------
"$G" render -o "$D/out/clip.mp4" --quality draft --resolution 640x360 --fps 24 --duration 120 \
    --quiet 2>"$D/stderr" &
pid=$!
ff=
for _ in $(seq 1 400); do
    ff=$(pgrep -P "$pid" ffmpeg) && [ "$(ls -A "$D/out" | wc -l)" -gt 1 ] && break
    sleep 0.05
done
[ -n "$ff" ] || { kill "$pid"; fail "stalled: ffmpeg did not start"; }
kill -STOP "$ff"
sleep 1 # the renderer fills the pipe and blocks on it
interrupt_and_check "$pid" "stalled ffmpeg"
sleep 0.2
kill -0 "$ff" 2>/dev/null && fail "stalled: ffmpeg $ff still there after the interrupt"

# --- synthesis of the built-in soundtrack ---------------------------------
"$G" render -o "$D/out/clip.mp4" --quality draft --duration 600 --quiet 2>"$D/stderr" &
pid=$!
sleep 1
interrupt_and_check "$pid" "synthesis"

# --- decoding and analysis of a long song ---------------------------------
song=$D/song.wav # an hour at 8 kHz: 58 MB, decoded and analyzed for seconds
ffmpeg -v error -nostdin -f lavfi -i "sine=f=220:r=8000:d=3600" -ac 1 -y "$song" ||
    fail "cannot make the song"
"$G" render "$song" -o "$D/out/clip.mp4" --quality draft --quiet 2>"$D/stderr" &
pid=$!
sleep 1
interrupt_and_check "$pid" "analysis"
echo "ok"
