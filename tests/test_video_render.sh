# glyphfx render of a clip (a song with a video stream): the clip is drawn as
# ASCII over the frames, with its own sound, and the frames are the same
# bytes whatever the worker count or frame range:
#  - 1 worker and 2 workers over the whole clip give identical PNG files;
#  - frames 13..19 rendered alone (a worker starting mid-clip: a seek) match;
#  - the clip's picture shows: a frame differs from the same render of the
#    clip's sound alone (no picture);
#  - to MP4 the clip's audio is muxed in;
#  - a hybrid (a song and --video CLIP) draws the clip's picture the same way.
set -u
G=${GLYPHFX_BIN:?GLYPHFX_BIN not set}
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null ||
    { echo "skipped: needs ffmpeg and ffprobe"; exit 77; }
D=$(mktemp -d /tmp/glyphfx-test-video-render-XXXXXX)
export TMPDIR=$D/tmp
mkdir -p "$TMPDIR"
trap 'rm -rf "$D"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

ffmpeg -v error -nostdin -f lavfi -i testsrc2=size=320x180:rate=25:duration=2 \
    -f lavfi -i sine=frequency=220:duration=2 -c:v mpeg4 -bf 2 -g 12 -q:v 4 -c:a aac \
    -shortest "$D/clip.mp4" || fail "cannot make the clip"
ffmpeg -v error -nostdin -i "$D/clip.mp4" -vn "$D/sound.wav" || fail "cannot extract the sound"

render() { # NAME ARGS...: PNGs into $D/NAME
    local name=$1
    shift
    "$G" render "$@" --png-dir "$D/$name" --quality draft --quiet >"$D/$name.log" 2>&1 ||
        { cat "$D/$name.log"; fail "render $name exited $?"; }
}
render one "$D/clip.mp4" --workers 1
render two "$D/clip.mp4" --workers 2
render part "$D/clip.mp4" --workers 2 --frames 13:20
render sound "$D/sound.wav" --workers 1

n=$(ls "$D/one" | wc -l)
[ "$n" -ge 20 ] || fail "$n frames from a 2 s clip at 12 fps"
for f in "$D"/one/*.png; do
    name=$(basename "$f")
    cmp -s "$f" "$D/two/$name" || fail "$name differs between 1 and 2 workers"
done
for i in 13 14 15 16 17 18 19; do
    name=$(printf 'frame_%06d.png' "$i")
    cmp -s "$D/one/$name" "$D/part/$name" || fail "$name differs when rendered as part of 13..19"
done
cmp -s "$D/one/frame_000010.png" "$D/sound/frame_000010.png" &&
    fail "frame 10 of the clip is the same as of its sound alone: no picture drawn"

# A hybrid: a song (here the clip's sound) and --video CLIP: the same bytes
# for any worker count or range, and the clip's picture drawn.
render hybrid1 "$D/sound.wav" --video "$D/clip.mp4" --workers 1
render hybrid "$D/sound.wav" --video "$D/clip.mp4" --workers 2
render hybrid_part "$D/sound.wav" --video "$D/clip.mp4" --workers 3 --frames 7:12
for f in "$D"/hybrid1/*.png; do
    cmp -s "$f" "$D/hybrid/$(basename "$f")" || fail "$(basename "$f"): hybrid differs with 2 workers"
done
for i in 7 8 9 10 11; do
    name=$(printf 'frame_%06d.png' "$i")
    cmp -s "$D/hybrid1/$name" "$D/hybrid_part/$name" || fail "$name differs in the hybrid range 7..11"
done
cmp -s "$D/hybrid1/frame_000010.png" "$D/sound/frame_000010.png" &&
    fail "frame 10 of the hybrid is the song's alone: no picture drawn"
"$G" render "$D/sound.wav" --video "$D/sound.wav" --png-dir "$D/bad" --quality draft 2>"$D/bad.err"
[ $? -eq 2 ] && [ "$(grep -c . "$D/bad.err")" -eq 1 ] && grep -q "expected a video" "$D/bad.err" ||
    { cat "$D/bad.err"; fail "--video with a sound file: expected one line and exit 2"; }

"$G" render "$D/clip.mp4" -o "$D/out.mp4" --quality draft --quiet >"$D/mp4.log" 2>&1 ||
    { cat "$D/mp4.log"; fail "render to MP4 exited $?"; }
streams=$(ffprobe -v error -show_entries stream=codec_type -of default=nw=1:nk=1 "$D/out.mp4" |
    tr '\n' ' ')
[ "$streams" = "video audio " ] || fail "out.mp4 holds '$streams', expected 'video audio '"
echo "ok: clip renders identical for 1 and 2 workers and a frame range, with its sound, and as a hybrid"
