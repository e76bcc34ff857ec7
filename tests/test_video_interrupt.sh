# Ctrl-C mid-render: glyphfx ends ffmpeg, removes its temporary files and
# exits 130; no partial video appears and an existing one survives.
set -u
G=${GLYPHFX_BIN:?GLYPHFX_BIN not set}
D=$(mktemp -d /tmp/glyphfx-test-int-XXXXXX)
export TMPDIR=$D/tmp
mkdir -p "$TMPDIR" "$D/out"
trap 'rm -rf "$D"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "old video" >"$D/out/clip.mp4"
"$G" render -o "$D/out/clip.mp4" --quality draft --resolution 320x180 --fps 24 --duration 60 --quiet 2>"$D/stderr" &
pid=$!
# Wait until ffmpeg has started writing its temporary file.
for _ in $(seq 1 400); do
    ls -A "$D/out" | grep -q glyphfx-tmp && break
    sleep 0.05
done
ls -A "$D/out" | grep -q glyphfx-tmp || { kill $pid; fail "no temporary output appeared"; }
sleep 0.3
kill -INT $pid
wait $pid
rc=$?
[ $rc = 130 ] || { cat "$D/stderr"; fail "exit $rc after SIGINT, expected 130"; }
[ "$(ls -A "$D/out")" = clip.mp4 ] || fail "left $(ls -A "$D/out") in the output directory"
[ "$(cat "$D/out/clip.mp4")" = "old video" ] || fail "the existing video was changed"
[ -z "$(ls -A "$TMPDIR")" ] || fail "temporary files left: $(ls -A "$TMPDIR")"
grep -q -i "interrupt" "$D/stderr" || { cat "$D/stderr"; fail "no message about the interrupt"; }
# No ffmpeg of ours still running.
sleep 0.2
if pgrep -f "$D/out/.clip.glyphfx-tmp." >/dev/null; then fail "ffmpeg still running after the interrupt"; fi

# SIGTERM behaves the same.
"$G" render -o "$D/out/clip.mp4" --quality draft --resolution 320x180 --fps 24 --duration 60 --quiet 2>"$D/stderr" &
pid=$!
for _ in $(seq 1 400); do
    ls -A "$D/out" | grep -q glyphfx-tmp && break
    sleep 0.05
done
kill -TERM $pid
wait $pid
rc=$?
[ $rc = 130 ] || { cat "$D/stderr"; fail "exit $rc after SIGTERM, expected 130"; }
[ "$(ls -A "$D/out")" = clip.mp4 ] || fail "SIGTERM: left $(ls -A "$D/out")"
[ -z "$(ls -A "$TMPDIR")" ] || fail "SIGTERM: temporary files left: $(ls -A "$TMPDIR")"
echo "ok"
