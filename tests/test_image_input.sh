# glyphfx render --video with images: a still image (its picture on every
# frame) and a 10-image sequence, by printf pattern and by glob, drawn as
# ASCII over a song's frames:
#  - 1 and 2 workers give identical PNG files, and a --frames range rendered
#    alone (a worker starting mid-sequence: a seek) matches them;
#  - the pattern and the glob naming the same files give the same frames;
#  - the picture shows: a frame differs from the song rendered without it;
#  - bad input (a file that is not an image, an empty glob, a pattern that
#    matches nothing, --image-fps without --video) gets one line naming it
#    and what was expected, exit 2, and no output folder.
set -u
G=${GLYPHFX_BIN:?GLYPHFX_BIN not set}
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null ||
    { echo "skipped: needs ffmpeg and ffprobe"; exit 77; }
D=$(mktemp -d /tmp/glyphfx-test-image-input-XXXXXX)
export TMPDIR=$D/tmp
mkdir -p "$TMPDIR" "$D/shots"
trap 'rm -rf "$D"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

ffmpeg -v error -nostdin -f lavfi -i sine=frequency=220:duration=2 "$D/song.wav" ||
    fail "cannot make the song"
ffmpeg -v error -nostdin -f lavfi -i testsrc2=size=320x180 -frames:v 1 "$D/still.png" ||
    fail "cannot make the still"
ffmpeg -v error -nostdin -f lavfi -i testsrc2=size=320x180:rate=10 -frames:v 10 \
    "$D/shots/img_%04d.png" || fail "cannot make the sequence"
[ "$(ls "$D/shots" | wc -l)" -eq 10 ] || fail "expected 10 images in $D/shots"

render() { # NAME ARGS...: PNGs into $D/NAME
    local name=$1
    shift
    "$G" render "$D/song.wav" "$@" --png-dir "$D/$name" --quality draft --quiet \
        >"$D/$name.log" 2>&1
    local rc=$?
    [ $rc -eq 0 ] || { cat "$D/$name.log"; fail "render $name exited $rc"; }
}
same() { # A B FIRST LAST: frames FIRST..LAST-1 of $D/A and $D/B are the same files
    for ((i = $3; i < $4; i++)); do
        name=$(printf 'frame_%06d.png' "$i")
        [ -f "$D/$1/$name" ] || fail "$1/$name missing"
        cmp -s "$D/$1/$name" "$D/$2/$name" || fail "$name differs between $1 and $2"
    done
}

render song --workers 1
n=$(ls "$D/song" | wc -l)
[ "$n" -ge 20 ] || fail "$n frames from a 2 s song at 12 fps"

render still1 --video "$D/still.png" --workers 1
render still2 --video "$D/still.png" --workers 2
render still_part --video "$D/still.png" --workers 2 --frames 13:20
same still1 still2 0 "$n"
same still1 still_part 13 20

# 10 images at 6 fps cover the first 20 frames: a range in the middle seeks
render pattern1 --video "$D/shots/img_%04d.png" --image-fps 6 --workers 1
render pattern2 --video "$D/shots/img_%04d.png" --image-fps 6 --workers 2
render pattern_part --video "$D/shots/img_%04d.png" --image-fps 6 --workers 2 --frames 11:17
same pattern1 pattern2 0 "$n"
same pattern1 pattern_part 11 17
render glob1 --video "$D/shots/*.png" --workers 1
render glob2 --video "$D/shots/*.png" --workers 2
render pattern12 --video "$D/shots/img_%04d.png" --workers 1
same glob1 glob2 0 "$n"
same glob1 pattern12 0 "$n"

for shown in still1:13 pattern1:13 pattern_part:13 glob1:5; do
    name=$(printf 'frame_%06d.png' "${shown#*:}")
    cmp -s "$D/${shown%:*}/$name" "$D/song/$name" &&
        fail "${shown%:*}/$name is the song's alone: no picture drawn"
done
# past the last image (10 at 12 fps) the sequence is black: the song alone
cmp -s "$D/glob1/frame_000015.png" "$D/song/frame_000015.png" ||
    fail "frame 15 of glob1, past the last image, is not the song's alone"

bad() { # WHAT WORDS ARGS...: one line naming WHAT and WORDS, exit 2, no output
    local what=$1 words=$2
    shift 2
    "$G" render "$D/song.wav" "$@" --png-dir "$D/bad" --quality draft 2>"$D/bad.err" >/dev/null
    local rc=$?
    [ $rc -eq 2 ] && [ "$(grep -c . "$D/bad.err")" -eq 1 ] && grep -qF -- "$what" "$D/bad.err" &&
        grep -qF -- "$words" "$D/bad.err" ||
        { cat "$D/bad.err"; fail "$*: exit $rc; expected 2 and one line naming $what, $words"; }
    [ ! -e "$D/bad" ] || fail "$*: wrote $D/bad"
}
echo "not an image" >"$D/notes.png"
bad "$D/notes.png" "expected a video or image" --video "$D/notes.png"
bad "$D/shots/*.jpg" "matches no file; expected images" --video "$D/shots/*.jpg"
bad "$D/shots/shot_%03d.png" "matches no file; expected images" --video "$D/shots/shot_%03d.png"
bad "--image-fps" "--video" --image-fps 6
echo "ok: a still and a sequence (pattern, glob) render identical for 1 and 2 workers and a range"
