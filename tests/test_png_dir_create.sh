# --png-dir DIR that does not exist is created with its parents (mkdir -p,
# mode 0777 less the umask); a path that exists and is not a directory is
# refused (exit 2, one line); a render that fails or is interrupted removes
# the directories it created (only those, only while empty) and keeps one
# that was already there.
set -u
G=${GLYPHFX_BIN:?GLYPHFX_BIN not set}
D=$(mktemp -d /tmp/glyphfx-test-pngdir-XXXXXX)
trap 'rm -rf "$D"' EXIT
failures=0
fail() { echo "FAIL: png-dir create: $*" >&2; failures=$((failures + 1)); }
quick=(--quality draft --resolution 320x180 --fps 12 --duration 0.5 --quiet)
umask 022

# created, with parents
"$G" render "${quick[@]}" --png-dir "$D/new/deep/frames" 2>"$D/err" ||
    fail "missing directory: exit $?: $(cat "$D/err")"
[ -f "$D/new/deep/frames/frame_000000.png" ] || fail "no frames in the new directory"
[ "$(stat -c %a "$D/new/deep/frames")" = 755 ] || fail "mode $(stat -c %a "$D/new/deep/frames")"
# a test frame into a missing --png-dir
"$G" render "${quick[@]}" --test-frame 0 --png-dir "$D/tf/x" >/dev/null 2>"$D/err" ||
    fail "test frame into a missing directory: exit $?: $(cat "$D/err")"
[ -f "$D/tf/x/test_frame.png" ] || fail "no test_frame.png in the new directory"

# not a directory: refused, nothing made
touch "$D/file"
out=$("$G" render "${quick[@]}" --png-dir "$D/file" 2>&1)
rc=$?
[ $rc = 2 ] || fail "a file as --png-dir: exit $rc, expected 2"
printf '%s\n' "$out" | grep -q "file: exists and is not a directory" || fail "a file: $out"
out=$("$G" render "${quick[@]}" --png-dir "$D/file/sub" 2>&1)
[ $? = 2 ] || fail "under a file: expected exit 2: $out"

# a failed render (a bad scene file) takes back what it made, and only that
echo '{' >"$D/bad.json"
mkdir "$D/old"
"$G" render "${quick[@]}" --scene "$D/bad.json" --png-dir "$D/old/made/here" 2>"$D/err"
rc=$?
[ $rc = 2 ] || fail "bad scene: exit $rc, expected 2: $(cat "$D/err")"
[ -e "$D/old/made" ] && fail "a failed render left $D/old/made"
[ -d "$D/old" ] || fail "a failed render removed a directory it did not make"

# interrupted while rendering: the same
"$G" render --quality draft --resolution 320x180 --fps 24 --duration 600 --quiet \
    --png-dir "$D/old/int/frames" 2>"$D/err" &
pid=$!
for _ in $(seq 1 200); do
    [ -n "$(ls -A "$D/old/int/frames" 2>/dev/null)" ] && break
    sleep 0.05
done
[ -d "$D/old/int/frames" ] || fail "interrupt: the directory was not made"
kill -INT $pid
wait $pid
rc=$?
[ $rc = 130 ] || fail "interrupt: exit $rc, expected 130: $(cat "$D/err")"
[ -e "$D/old/int" ] && fail "an interrupted render left $(find "$D/old/int")"
[ -d "$D/old" ] || fail "an interrupted render removed a directory it did not make"

[ $failures = 0 ] && echo "test_png_dir_create: ok"
exit $((failures > 0))
