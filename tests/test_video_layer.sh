# The clip inside a scene: a "video" layer (the clip's cells on the layer's
# grid, blended like any layer), the bg_video field under it hued by the
# clip, and a layer's opacity following a video feature. Checks:
#  - 1 worker, 2 workers and a frame range give the same PNG bytes;
#  - the frames are not black, and differ from the same scene with the
#    video layer's brightness at 0 (the layer shows);
#  - a scene that names the clip without one, or a bad "video" value, gets
#    one line and exit 2, and writes nothing;
#  - without a video layer, --video puts the clip on top (the same bytes as
#    a scene ending in {"video": true} on the sm grid).
set -u
G=${GLYPHFX_BIN:?GLYPHFX_BIN not set}
command -v ffmpeg >/dev/null || { echo "skipped: needs ffmpeg"; exit 77; }
D=$(mktemp -d /tmp/glyphfx-test-video-layer-XXXXXX)
export TMPDIR=$D/tmp
mkdir -p "$TMPDIR"
trap 'rm -rf "$D"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

ffmpeg -v error -nostdin -f lavfi -i testsrc2=size=320x180:rate=25:duration=2 \
    -c:v mpeg4 -bf 2 -g 12 -q:v 4 "$D/clip.mp4" || fail "cannot make the clip"

scene() { # FILE BRIGHTNESS
    cat >"$1" <<EOF
{"version": 2, "segments": [{"start": 0, "end": 2, "layers": [
  {"effect": "bg_video", "hue": "effect", "grid": "md", "colours": "rainbow"},
  {"effect": "plasma", "blend": "screen",
   "opacity": {"base": 0.1, "feature": "video_brightness", "amount": 0.8}},
  {"video": {"brightness": $2, "edges": false}, "grid": "sm", "palette": "dense",
   "blend": "lighten"}]}]}
EOF
}
scene "$D/scene.json" 0.9
scene "$D/dark.json" 0

render() { # NAME ARGS...: PNGs into $D/NAME
    local name=$1
    shift
    "$G" render "$@" --png-dir "$D/$name" --quality draft --fps 12 --duration 2 --quiet \
        >"$D/$name.log" 2>&1 || { cat "$D/$name.log"; fail "render $name exited $?"; }
}
render one --scene "$D/scene.json" --video "$D/clip.mp4" --workers 1
render two --scene "$D/scene.json" --video "$D/clip.mp4" --workers 2
render part --scene "$D/scene.json" --video "$D/clip.mp4" --workers 2 --frames 9:15
render dark --scene "$D/dark.json" --video "$D/clip.mp4" --workers 1

n=$(ls "$D/one" | wc -l)
[ "$n" -eq 24 ] || fail "$n frames, expected 24 (2 s at 12 fps)"
for f in "$D"/one/*.png; do
    name=$(basename "$f")
    cmp -s "$f" "$D/two/$name" || fail "$name differs between 1 and 2 workers"
done
for f in "$D"/part/*.png; do
    cmp -s "$f" "$D/one/$(basename "$f")" || fail "$(basename "$f") differs rendered alone"
done
[ "$(ls "$D/part" | wc -l)" -eq 6 ] || fail "frames 9:15 gave $(ls "$D/part" | wc -l) files"
cmp -s "$D/one/frame_000010.png" "$D/dark/frame_000010.png" &&
    fail "the video layer does not show (same bytes at brightness 0)"
"$G" render --scene "$D/scene.json" --video "$D/clip.mp4" --test-frame 1 -o "$D/t.png" \
    --quality draft >"$D/t.log" 2>&1 || { cat "$D/t.log"; fail "test frame"; }
mean=$(sed -n 's/.*mean \([0-9.]*\).*/\1/p' "$D/t.log" | head -n 1)
awk -v m="${mean:-0}" 'BEGIN { exit !(m > 5) }' || { cat "$D/t.log"; fail "a dark test frame"; }

# --video with a scene that has no video layer: the clip on top, as a
# final {"video": true} layer would put it.
cat >"$D/plain.json" <<EOF
{"version": 2, "segments": [{"start": 0, "end": 2, "layers": [{"effect": "plasma"}]}]}
EOF
cat >"$D/explicit.json" <<EOF
{"version": 2, "segments": [{"start": 0, "end": 2, "layers": [{"effect": "plasma"},
  {"video": true}]}]}
EOF
render implicit --scene "$D/plain.json" --video "$D/clip.mp4" --frames 5:6
render explicit --scene "$D/explicit.json" --video "$D/clip.mp4" --frames 5:6
cmp -s "$D/implicit/frame_000005.png" "$D/explicit/frame_000005.png" ||
    fail "--video without a video layer is not the clip on top"

refused() { # NAME EXPECTED ARGS...
    local name=$1 want=$2
    shift 2
    "$G" render "$@" --png-dir "$D/refused" --quality draft --duration 1 2>"$D/err"
    local rc=$?
    [ "$rc" -eq 2 ] || fail "$name: exit $rc, expected 2"
    [ "$(grep -c . "$D/err")" -eq 1 ] || { cat "$D/err"; fail "$name: expected one line"; }
    grep -qF -- "$want" "$D/err" || { cat "$D/err"; fail "$name: no '$want' in the message"; }
    [ ! -e "$D/refused" ] || fail "$name: wrote $D/refused"
}
refused "no clip" "shows a clip, and none is given" --scene "$D/scene.json"
cat >"$D/bad.json" <<EOF
{"version": 2, "segments": [{"start": 0, "end": 2, "layers": [{"video": 3}]}]}
EOF
refused "video: 3" 'segments[0].layers[0].video' --scene "$D/bad.json" --video "$D/clip.mp4"
cat >"$D/both.json" <<EOF
{"version": 2, "segments": [{"start": 0, "end": 2, "layers": [{"video": true, "effect": "fire"}]}]}
EOF
refused "video and effect" "more than one of effect, text and video" --scene "$D/both.json" \
    --video "$D/clip.mp4"
cat >"$D/feature.json" <<EOF
{"version": 2, "segments": [{"start": 0, "end": 2, "effect": "plasma",
  "opacity": {"base": 0.5, "feature": "video_glow", "amount": 1}}]}
EOF
refused "unknown video feature" "video_brightness" --scene "$D/feature.json"
echo "ok: video layers, bg_video and video features"
