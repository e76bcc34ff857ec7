# A video render that runs out of disk: ffmpeg's failure is reported
# clearly, the exit is non-zero, and the video already there is untouched
# with nothing else left. Needs a small full-able filesystem: a 64 KiB tmpfs,
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
