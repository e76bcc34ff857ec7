# End to end: glyphfx render makes a finished video with sound.
#  - 3 s of the built-in demo at the draft profile to MP4: h264 + aac streams,
#    duration within one frame of 3 s, the exact frame count, no temporary
#    files left, and `glyphfx verify` agrees on the durations;
#  - a song given as input sets the length and is muxed in;
#  - .gif and .webm outputs.
set -u
G=${GLYPHFX_BIN:?GLYPHFX_BIN not set}
D=$(mktemp -d /tmp/glyphfx-test-video-XXXXXX)
export TMPDIR=$D/tmp
mkdir -p "$TMPDIR"
trap 'rm -rf "$D"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# probe FILE ENTRY: one ffprobe value per line, e.g. stream=codec_name
probe() { ffprobe -v error -show_entries "$2" -of default=nw=1:nk=1 "$1"; }
# within A B TOLERANCE
within() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'; }
only_file() { # DIR NAME: NAME is the only entry of DIR
    local entries
    entries=$(ls -A "$1")
    [ "$entries" = "$2" ] || fail "$1 holds '$entries', expected only $2"
}

# --- the demo, 3 s, draft (960x540 @ 12 fps) ----------------------------
mkdir "$D/out"
"$G" render -o "$D/out/demo.mp4" --duration 3 --quality draft --quiet >"$D/render.log" 2>&1 ||
    { cat "$D/render.log"; fail "render of the demo exited $?"; }
only_file "$D/out" demo.mp4
codecs=$(probe "$D/out/demo.mp4" stream=codec_name | tr '\n' ' ')
[ "$codecs" = "h264 aac " ] || fail "streams '$codecs', expected 'h264 aac '"
fps=12
frames=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames \
    -of default=nw=1:nk=1 "$D/out/demo.mp4")
[ "$frames" = 36 ] || fail "$frames frames, expected 36 (3 s at $fps fps)"
size=$(probe "$D/out/demo.mp4" stream=width,height | tr '\n' x)
[ "$size" = "960x540x" ] || fail "size $size, expected 960x540"
vdur=$(probe "$D/out/demo.mp4" format=duration)
within "$vdur" 3 "$(awk "BEGIN { print 1 / $fps }")" || fail "duration $vdur s, expected 3 s within one frame"
for s in v a; do
    d=$(ffprobe -v error -select_streams $s:0 -show_entries stream=duration -of default=nw=1:nk=1 "$D/out/demo.mp4")
    within "$d" 3 "$(awk "BEGIN { print 1 / $fps }")" || fail "stream $s lasts $d s, expected 3 s within one frame"
done
pix=$(probe "$D/out/demo.mp4" stream=pix_fmt | head -1)
[ "$pix" = yuv420p ] || fail "pixel format $pix, expected yuv420p"
"$G" verify "$D/out/demo.mp4" --samples 3 >"$D/verify.log" 2>&1
grep -q "durations: .* agree" "$D/verify.log" || { cat "$D/verify.log"; fail "verify: durations do not agree"; }
[ "$(grep -c 't= ' "$D/verify.log")" = 3 ] || { cat "$D/verify.log"; fail "verify printed no 3 samples"; }
[ -z "$(ls -A "$TMPDIR")" ] || fail "temporary files left in TMPDIR: $(ls -A "$TMPDIR")"

# --- a song as input: its length sets the video's ------------------------
ffmpeg -v error -nostdin -f lavfi -i "sine=frequency=110:duration=2" -f lavfi -i "anoisesrc=d=2:a=0.1" \
    -filter_complex amix=inputs=2 -ac 2 "$D/song.wav" || fail "cannot make the test song"
"$G" render "$D/song.wav" -o "$D/out/song.mp4" --resolution 320x180 --fps 10 --quiet 2>"$D/song.log" ||
    { cat "$D/song.log"; fail "render of a song exited non-zero"; }
frames=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames \
    -of default=nw=1:nk=1 "$D/out/song.mp4")
[ "$frames" = 20 ] || fail "song: $frames frames, expected 20 (2 s at 10 fps)"
[ "$(probe "$D/out/song.mp4" stream=codec_name | tr '\n' ' ')" = "h264 aac " ] || fail "song: streams"
[ -f "$D/.song.wav.glyphfx-features" ] || fail "no feature cache next to the song"

# --- GIF and WebM ---------------------------------------------------------
"$G" render -o "$D/out/clip.gif" --duration 1 --resolution 160x90 --fps 8 --quiet 2>"$D/gif.log" ||
    { cat "$D/gif.log"; fail "gif render"; }
[ "$(probe "$D/out/clip.gif" stream=codec_name)" = gif ] || fail "clip.gif is not a GIF"
if ffmpeg -hide_banner -encoders 2>/dev/null | grep -q " libvpx-vp9 "; then
    "$G" render -o "$D/out/clip.webm" --duration 1 --resolution 160x90 --fps 8 --quiet 2>"$D/webm.log" ||
        { cat "$D/webm.log"; fail "webm render"; }
    [ "$(probe "$D/out/clip.webm" stream=codec_name | head -1)" = vp9 ] || fail "clip.webm is not VP9"
fi
[ -z "$(ls -A "$D/out" | grep -v -x -e demo.mp4 -e song.mp4 -e clip.gif -e clip.webm)" ] ||
    fail "stray files in the output directory: $(ls -A "$D/out")"
echo "ok"
