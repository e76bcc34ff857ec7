# An output that is one of the inputs is refused before anything runs, by
# file identity (the default SONG.mp4 of a SONG.mp4 input, -o the input, a
# hard link or symlink to it, the scene file, the font), for a video, a test
# frame and a contact sheet: one line naming both, exit 2, the input intact.
set -u
G=${GLYPHFX_BIN:?GLYPHFX_BIN not set}
D=$(mktemp -d /tmp/glyphfx-test-same-XXXXXX)
trap 'rm -rf "$D"' EXIT
failures=0
fail() { echo "FAIL: output is input: $*" >&2; failures=$((failures + 1)); }
command -v ffmpeg >/dev/null || { echo "SKIP: no ffmpeg"; exit 77; }

cd "$D" || exit 1
ffmpeg -v error -f lavfi -i testsrc=size=160x90:rate=12:duration=3 \
    -f lavfi -i sine=frequency=440:duration=3 -shortest -c:v libx264 -c:a aac clip.mp4 ||
    { echo "SKIP: ffmpeg cannot make a test clip"; exit 77; }
ffmpeg -v error -f lavfi -i sine=frequency=440:duration=3 song.mp3 || exit 1
echo '{"segments": [{"start": 0, "end": 4, "effect": "plasma"}]}' >scene.json
cp /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf font.ttf 2>/dev/null
ln song.mp3 hard.mp3
ln -s song.mp3 link.mp3
mkdir sub
for f in clip.mp4 song.mp3 scene.json; do md5sum "$f"; done >sums

# refuse WANT-PATTERN ARGS...: exit 2, one line matching, inputs unchanged
refuse() {
    local pattern=$1
    shift
    local out rc
    out=$(timeout 120 "$G" render "$@" 2>&1)
    rc=$?
    [ "$rc" = 2 ] || fail "glyphfx render $*: exit $rc, expected 2; output: $out"
    printf '%s\n' "$out" | grep -qE -- "$pattern" || fail "glyphfx render $*: no /$pattern/ in: $out"
    md5sum -c --quiet sums >/dev/null 2>&1 || fail "glyphfx render $*: changed an input"
    [ -z "$(ls -A | grep glyphfx-tmp)" ] || fail "glyphfx render $*: left $(ls -A | grep glyphfx-tmp)"
}
same='is the same file as'
refuse "clip.mp4 $same the input clip.mp4" clip.mp4 --quality draft --duration 1
refuse "-o song.mp3 $same the input song.mp3" song.mp3 -o song.mp3 --quality draft --duration 1
refuse "-o sub/../song.mp3 $same the input song.mp3" song.mp3 -o sub/../song.mp3 --quality draft
refuse "-o hard.mp3 $same the input song.mp3" song.mp3 -o hard.mp3 --quality draft
refuse "-o song.mp3 $same the input link.mp3" link.mp3 -o song.mp3 --quality draft
refuse "--test-frame output song.mp3 $same the input song.mp3" song.mp3 --test-frame 1 -o song.mp3
refuse "--contact-sheet song.mp3 $same the input song.mp3" song.mp3 --contact-sheet song.mp3
refuse "-o scene.json $same --scene scene.json" --scene scene.json -o scene.json --quality draft
refuse "--test-frame output ./scene.json $same --scene scene.json" \
    --scene scene.json --test-frame 0 -o ./scene.json
if [ -f font.ttf ]; then
    refuse "--contact-sheet font.ttf $same --font font.ttf" --font font.ttf --contact-sheet font.ttf
fi

# a different name is still fine
out=$(timeout 120 "$G" render song.mp3 --test-frame 1 -o frame.png --quality draft 2>&1) ||
    fail "a test frame beside the input: $out"
[ -s frame.png ] || fail "no frame.png"

[ $failures = 0 ] && echo "test_output_is_input: ok"
exit $((failures > 0))
