# Songs that are not quite files:
#  - a truncated MP3 renders, with a warning naming the decoded and the
#    stated duration (it used to shorten the video silently);
#  - a named pipe is refused at once with exit 2 and a line saying a regular
#    file is needed (it used to hang or fail obscurely), and nothing is
#    written;
#  - "-" (standard input) is refused with a line saying why.
set -u
G=${GLYPHFX_BIN:?GLYPHFX_BIN not set}
D=$(mktemp -d /tmp/glyphfx-test-audio-in-XXXXXX)
export TMPDIR=$D/tmp
mkdir -p "$TMPDIR"
trap 'rm -rf "$D"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$D" || exit 1

ffmpeg -v error -nostdin -f lavfi -i sine=d=20 -c:a libmp3lame -y full.mp3 || fail "cannot make an MP3"
head -c 100000 full.mp3 >cut.mp3
"$G" render cut.mp3 --quality draft --resolution 160x90 -o cut.mp4 >log 2>&1 ||
    { cat log; fail "render of a truncated MP3 exited $?"; }
grep -q 'warning: cut.mp3: decoded 1[0-9].[0-9] s of audio, but the file says it lasts 20.0 s' log ||
    { cat log; fail "no warning naming the decoded and the stated duration"; }
"$G" render full.mp3 --quality draft --resolution 160x90 -o full.mp4 >log 2>&1 ||
    { cat log; fail "render of the whole MP3 exited $?"; }
grep -q warning log && { cat log; fail "a whole MP3 gave a warning"; }

mkfifo song.fifo
timeout 10 "$G" render song.fifo --quality draft -o fifo.mp4 >log 2>&1
rc=$?
[ $rc = 2 ] || { cat log; fail "a named pipe as the song exited $rc, expected 2"; }
grep -q 'song.fifo: is a pipe; expected a regular audio file' log || { cat log; fail "unclear message for a pipe"; }
[ ! -e fifo.mp4 ] || fail "fifo.mp4 was written"
"$G" render - --quality draft -o stdin.mp4 >log 2>&1
rc=$?
[ $rc = 2 ] || { cat log; fail "'-' as the song exited $rc, expected 2"; }
grep -q -- '-: the song cannot come from standard input' log || { cat log; fail "unclear message for '-'"; }
[ ! -e stdin.mp4 ] || fail "stdin.mp4 was written"
echo "ok"
