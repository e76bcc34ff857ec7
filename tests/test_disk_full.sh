# A render that runs out of disk: ffmpeg's failure is reported clearly, the
# exit is non-zero, and the video already there is untouched with nothing
# else left. PNG frames and test frames say "No space left on device" with
# the path (not libpng's "Write Error") and exit 1, a failure of the machine,
# not 2, bad input. Needs a small full-able filesystem: a 64 KiB tmpfs,
# which only root may mount. Where that is not possible the test exits 77
# (a ctest skip) and says why, rather than passing without having run.
set -u
G=${GLYPHFX_BIN:?GLYPHFX_BIN not set}
D=$(mktemp -d /tmp/glyphfx-test-full-XXXXXX)
export TMPDIR=$D/tmp
mkdir -p "$TMPDIR" "$D/full"
MOUNTED=
cleanup() {
    [ -n "$MOUNTED" ] && umount "$MOUNTED" 2>/dev/null
    rm -rf "$D"
}
trap cleanup EXIT
fail() { echo "FAIL: disk full: $*" >&2; exit 1; }

if [ "$(id -u)" != 0 ]; then
    echo "SKIP: disk full needs root to mount a small tmpfs (running as uid $(id -u))"
    exit 77
fi
if ! mount -t tmpfs -o size=64k tmpfs "$D/full" 2>/dev/null; then
    echo "SKIP: disk full: cannot mount a small tmpfs here (no permission to mount)"
    exit 77
fi
MOUNTED=$D/full

echo "old video" >"$D/full/old.mp4"
"$G" render -o "$D/full/old.mp4" --resolution 640x360 --fps 12 --duration 4 --crf 0 --quiet \
    >"$D/stdout" 2>"$D/stderr" && fail "exit 0"
grep -q "ffmpeg failed" "$D/stderr" || { cat "$D/stderr"; fail "no clear message"; }
[ "$(ls -A "$D/full")" = old.mp4 ] || fail "left $(ls -A "$D/full")"
[ "$(cat "$D/full/old.mp4")" = "old video" ] || fail "changed the existing video"
left=$(ls -A "$TMPDIR" | grep -v '^glyphfx-encode-.*\.log$')
[ -z "$left" ] || fail "temporary files left: $left"
echo "ok: disk full: $(grep -m1 'ffmpeg failed' "$D/stderr")"

# The rest of the small filesystem filled up: every PNG write fails at once.
dd if=/dev/zero of="$D/full/filler" bs=4k 2>/dev/null
# expect_full NAME PATH-PATTERN ARGS...: exit 1, a line with the path and the
# system's reason, old.mp4 and the filler the only files left
expect_full() {
    local name=$1 pattern=$2
    shift 2
    "$G" render --resolution 640x360 --fps 12 --duration 1 --quiet "$@" \
        >"$D/stdout" 2>"$D/stderr"
    local rc=$?
    [ $rc = 1 ] || { cat "$D/stderr"; fail "$name: exit $rc, expected 1"; }
    grep -qE "$pattern.*No space left on device" "$D/stderr" ||
        { cat "$D/stderr"; fail "$name: no 'No space left on device' naming the file"; }
    grep -q "Write Error" "$D/stderr" && fail "$name: libpng's bare 'Write Error'"
    [ "$(ls -A "$D/full" | sort | tr '\n' ' ')" = "filler old.mp4 " ] ||
        fail "$name: left $(ls -A "$D/full")"
    [ "$(cat "$D/full/old.mp4")" = "old video" ] || fail "$name: changed the existing video"
    echo "ok: disk full: $name: $(grep -m1 'No space' "$D/stderr")"
}
expect_full "test frame" "$D/full/frame.png" --test-frame 0.5 -o "$D/full/frame.png"
expect_full "png frames" "$D/full/.*frame_0+\.png" --png-dir "$D/full"
expect_full "contact sheet" "$D/full/sheet.png" --contact-sheet "$D/full/sheet.png"
