# glyphfx verify on videos of a few frames, and on paths ffmpeg would read as
# something other than a file:
#  - a 1 s draft render (12 frames): every sample decodes, the last one is a
#    frame the video has, and no log is left in TMPDIR;
#  - 16 samples of a 3-frame video: each sampled frame exists;
#  - a song and an output whose names hold a colon ("a:b.wav", "c:d.mp4")
#    render and verify as the files they are;
#  - a text file is refused as bad input (exit 2), not judged "too dark".
set -u
G=${GLYPHFX_BIN:?GLYPHFX_BIN not set}
D=$(mktemp -d /tmp/glyphfx-test-verify-XXXXXX)
export TMPDIR=$D/tmp
mkdir -p "$TMPDIR"
trap 'rm -rf "$D"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$D" || exit 1

"$G" render --quality draft --duration 1 --quiet -o one.mp4 >render.log 2>&1 ||
    { cat render.log; fail "1 s render exited $?"; }
"$G" verify one.mp4 >verify.log 2>&1
rc=$?
[ $rc -le 1 ] || { cat verify.log; fail "verify of a 1 s video exited $rc"; }
grep -q 'cannot decode' verify.log && { cat verify.log; fail "a sample of the 1 s video did not decode"; }
n=$(grep -c '^  t=' verify.log)
[ "$n" = 8 ] || { cat verify.log; fail "$n samples, expected 8"; }
last=$(grep '^  t=' verify.log | tail -n 1 | sed 's/^  t= *\([0-9.]*\)s.*/\1/')
awk -v t="$last" 'BEGIN { exit !(t <= 0.92) }' || fail "last sample at $last s, after the last frame (0.917 s, printed 0.92)"
[ -z "$(ls -A "$TMPDIR")" ] || fail "left in TMPDIR: $(ls -A "$TMPDIR")"

"$G" render --quality draft --duration 0.25 --quiet -o three.mp4 >render.log 2>&1 ||
    { cat render.log; fail "3-frame render exited $?"; }
"$G" verify three.mp4 --samples 16 >verify.log 2>&1
rc=$?
[ $rc -le 1 ] || { cat verify.log; fail "verify --samples 16 of a 3-frame video exited $rc"; }

ffmpeg -v error -nostdin -f lavfi -i sine=d=1 -y file:a:b.wav || fail "cannot make a:b.wav"
"$G" render a:b.wav --quality draft --quiet -o c:d.mp4 >render.log 2>&1 ||
    { cat render.log; fail "render of a:b.wav to c:d.mp4 exited $?"; }
[ -s c:d.mp4 ] || fail "c:d.mp4 was not written"
"$G" verify c:d.mp4 >verify.log 2>&1
[ $? -le 1 ] || { cat verify.log; fail "verify c:d.mp4 failed"; }
grep -q 'aac audio' verify.log || { cat verify.log; fail "c:d.mp4 has no audio from a:b.wav"; }

echo "just text" >notes.txt
"$G" verify notes.txt >verify.log 2>&1
rc=$?
[ $rc = 2 ] || { cat verify.log; fail "verify of a text file exited $rc, expected 2"; }
grep -q 'notes.txt' verify.log || fail "the message does not name notes.txt"
echo "ok"
