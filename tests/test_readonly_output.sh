# Output into a directory the user may not write: `glyphfx render` says so
# in one line and exits 2, for a PNG sequence, a video, a test frame and a
# contact sheet (before rendering its tiles, not after), and leaves nothing
# behind. Needs a read-only directory: permission bits for a normal
# user; root writes through those, so as root a read-only tmpfs mount is the
# honest test. Where neither is possible the test exits 77 (a ctest skip)
# and says why, rather than passing without having run.
set -u
bin=${GLYPHFX_BIN:?}
work=$(mktemp -d)
ro=$work/readonly
mounted=
cleanup() {
    [ -n "$mounted" ] && umount "$mounted" 2>/dev/null
    chmod -R u+w "$work"
    rm -rf "$work"
}
trap cleanup EXIT
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR" "$ro"
if [ "$(id -u)" -ne 0 ]; then
    chmod 555 "$ro"
elif mount -t tmpfs -o size=1m,ro tmpfs "$ro" 2>/dev/null; then
    mounted=$ro
else
    echo "SKIP: running as root without permission to mount a read-only tmpfs:" \
        "no read-only directory to test with"
    exit 77
fi

failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# expect_bad NAME PATTERN ARGS...: exit 2, one line on stderr matching PATTERN,
# nothing left in the read-only directory.
expect_bad() {
    local name=$1 pattern=$2
    shift 2
    "$bin" render "$@" > "$work/out" 2> "$work/err"
    local rc=$?
    if [ $rc -ne 2 ]; then
        fail "$name: exit $rc, expected 2"; cat "$work/err"; return
    fi
    if [ "$(grep -c . "$work/err")" -ne 1 ] || ! grep -qE -- "$pattern" "$work/err"; then
        fail "$name: expected one line matching '$pattern', got:"; cat "$work/err"; return
    fi
    if [ -n "$(ls -A "$ro")" ]; then
        fail "$name: left $(ls -A "$ro") in the read-only directory"; return
    fi
    echo "ok   $name: $(cat "$work/err")"
}

quick=(--quality draft --resolution 160x90 --fps 8)
expect_bad png_dir_readonly "not writable" "${quick[@]}" --png-dir "$ro"
expect_bad video_dir_readonly "readonly.*not writable" "${quick[@]}" --quiet --duration 1 \
    -o "$ro/x.mp4"
expect_bad test_frame_readonly "readonly/f\.png.*(Read-only|Permission)" "${quick[@]}" \
    --test-frame 0 -o "$ro/f.png"
expect_bad contact_sheet_readonly "contact-sheet $ro/sheet\.png.*(Read-only|Permission)" \
    "${quick[@]}" --contact-sheet "$ro/sheet.png"
[ -s "$work/out" ] && fail "contact_sheet_readonly: rendered the tiles first: $(head -2 "$work/out")"
left=$(ls -A "$TMPDIR" | grep -v '^glyphfx-encode-.*\.log$')
[ -z "$left" ] || fail "temporary files left: $left"

[ $failures -eq 0 ] && echo "ok: read-only output" || echo "FAIL: $failures"
exit $((failures > 0))
