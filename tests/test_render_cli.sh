# glyphfx render on the command line: bad input gets one line naming the
# value and exit 2 without touching outputs; a PNG sequence, a test frame and
# a contact sheet come out whole; a run that fails mid-way leaves no PNG
# under a final name.
set -u
bin=${GLYPHFX_BIN:?}
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# expect_bad NAME PATTERN ARGS...: exit 2, one line on stderr containing PATTERN.
expect_bad() {
    local name=$1 pattern=$2
    shift 2
    "$bin" render "$@" > "$work/out" 2> "$work/err"
    local rc=$?
    if [ $rc -ne 2 ]; then
        fail "$name: exit $rc, expected 2"; cat "$work/err"; return
    fi
    if [ "$(grep -c . "$work/err")" -ne 1 ] || ! grep -qF -- "$pattern" "$work/err"; then
        fail "$name: expected one line with '$pattern', got:"; cat "$work/err"; return
    fi
    echo "ok   $name: $(cat "$work/err")"
}

quick=(--quality draft --resolution 160x90)
mkdir -p "$work/out_dir"
expect_bad res_zero "--resolution 0x0" --resolution 0x0 --png-dir "$work/out_dir"
expect_bad res_negative "--resolution -640x480" --resolution -640x480 --png-dir "$work/out_dir"
expect_bad res_too_big "--resolution 7681x4320" --resolution 7681x4320 --png-dir "$work/out_dir"
expect_bad res_too_tall "--resolution 1920x4321" --resolution 1920x4321 --png-dir "$work/out_dir"
expect_bad res_garbage "--resolution big" --resolution big --png-dir "$work/out_dir"
expect_bad fps_zero "--fps 0" --fps 0 --png-dir "$work/out_dir"
expect_bad fps_high "--fps 241" --fps 241 --png-dir "$work/out_dir"
expect_bad fps_text "--fps fast" --fps fast --png-dir "$work/out_dir"
expect_bad quality "--quality ultra" --quality ultra --png-dir "$work/out_dir"
expect_bad frames_reversed "--frames 10:5" --frames 10:5 --png-dir "$work/out_dir"
expect_bad frames_past_end "--frames 0:1000" "${quick[@]}" --fps 10 --duration 2 --frames 0:1000 \
    --png-dir "$work/out_dir"
expect_bad duration "--duration -3" --duration -3 --png-dir "$work/out_dir"
expect_bad seed "--seed -1" --seed -1 --png-dir "$work/out_dir"
expect_bad unknown_option "--colour" --colour red --png-dir "$work/out_dir"
expect_bad unknown_option_last "--colour: unknown option" --png-dir "$work/out_dir" --colour
# After "--" every argument is the input, even one that looks like an option.
expect_bad after_dashes "$work/--null.wav" "${quick[@]}" --png-dir "$work/out_dir" -- "$work/--null.wav"
expect_bad font_missing "$work/none.ttf" --font "$work/none.ttf" "${quick[@]}" --png-dir "$work/out_dir"
echo "not a font" > "$work/fake.ttf"
expect_bad font_not_font "$work/fake.ttf: not a scalable font" --font "$work/fake.ttf" "${quick[@]}" \
    --png-dir "$work/out_dir"
# (a missing --png-dir is made: tests/test_png_dir_create.sh)
expect_bad dir_is_file "$work/fake.ttf: exists and is not a directory" "${quick[@]}" \
    --png-dir "$work/fake.ttf"
# (a read-only output directory: tests/test_readonly_output.sh, which needs
# a mount as root and is a ctest skip where it cannot make one)
[ -z "$(ls -A "$work/out_dir")" ] || fail "bad input left files in the output directory"

# A short PNG sequence: every frame present, decodable, nothing temporary left.
"$bin" render "${quick[@]}" --fps 8 --duration 2 --frames 3:9 --png-dir "$work/out_dir" \
    > "$work/out" 2> "$work/err" || { fail "png sequence: exit $?"; cat "$work/err"; }
for f in 3 4 5 6 7 8; do
    file="$work/out_dir/frame_$(printf %06d $f).png"
    head -c 8 "$file" 2>/dev/null | od -An -tx1 | grep -q "89 50 4e 47" || fail "missing or bad $file"
done
[ "$(ls -A "$work/out_dir" | wc -l)" -eq 6 ] || { fail "png sequence: expected exactly 6 files:"; ls -A "$work/out_dir"; }
echo "ok   png sequence: $(ls "$work/out_dir" | tr '\n' ' ')"

# A test frame prints its brightness and is not black.
"$bin" render --quality draft --test-frame 4 -o "$work/test.png" > "$work/out" 2> "$work/err" ||
    { fail "test frame: exit $?"; cat "$work/err"; }
mean=$(sed -n 's/.* mean \([0-9.]*\) max.*/\1/p' "$work/out")
if [ -z "$mean" ] || ! awk -v m="$mean" 'BEGIN { exit !(m > 5) }'; then
    fail "test frame: expected 'mean M max N' with M > 5, got: $(cat "$work/out")"
else
    echo "ok   test frame: $(cat "$work/out")"
fi

# The contact sheet has a tile per effect.
"$bin" render --contact-sheet "$work/sheet.png" > "$work/out" 2> "$work/err" ||
    { fail "contact sheet: exit $?"; cat "$work/err"; }
effects=$("$bin" render --list | awk '/^effects:/ {e=1; next} /^[a-z]/ {e=0} e && /^  [a-z]/' | wc -l)
tiles=$(grep -c " mean " "$work/out")
[ -s "$work/sheet.png" ] && [ "$tiles" -eq "$effects" ] || fail "contact sheet: $tiles tiles for $effects effects"
echo "ok   contact sheet: $tiles tiles"
# The other groups: a tile per shader, ramp, colour set and hue mapping.
for group in shaders:shaders "ramps:palettes (characters)" colours:colours "hues:hue mappings"; do
    sheet=${group%%:*} section=${group#*:}
    "$bin" render --contact-sheet "$work/$sheet.png" --sheet "$sheet" > "$work/out" 2> "$work/err" ||
        { fail "--sheet $sheet: exit $?"; cat "$work/err"; }
    want=$("$bin" render --list | awk -v s="$section:" '
        index($0, s) == 1 { rest = substr($0, length(s) + 1); if (rest ~ /[a-z]/) { print split(rest, a, " "); exit } e = 1; next }
        /^[a-z]/ { if (e) exit } e && /^  [a-z]/ { n++ } END { if (n) print n }')
    tiles=$(grep -c " mean " "$work/out")
    [ -s "$work/$sheet.png" ] && [ "$tiles" -eq "${want:-0}" ] ||
        fail "--sheet $sheet: $tiles tiles for ${want:-0} items"
    echo "ok   --sheet $sheet: $tiles tiles"
done
# The effect groups' sheets: a tile per effect whose --list line ends with
# the group, and only those effects.
"$bin" render --list > "$work/list"
for group in fields:field characters:character particles:particles simulations:simulation; do
    sheet=${group%%:*} kind=${group#*:}
    "$bin" render --contact-sheet "$work/$sheet.png" --sheet "$sheet" > "$work/out" 2> "$work/err" ||
        { fail "--sheet $sheet: exit $?"; cat "$work/err"; }
    awk -v k="($kind)" '/^effects:/ {e=1; next} /^[a-z]/ {e=0}
        e && /^  [a-z]/ && $NF == k { print $1 }' "$work/list" | sort > "$work/want"
    awk '/ mean / { print $1 }' "$work/out" | sort > "$work/got"
    want=$(wc -l < "$work/want") tiles=$(wc -l < "$work/got")
    [ -s "$work/$sheet.png" ] && [ "$want" -gt 0 ] && cmp -s "$work/want" "$work/got" ||
        fail "--sheet $sheet: tiles $(tr '\n' ' ' < "$work/got")for the $kind effects $(tr '\n' ' ' < "$work/want")"
    echo "ok   --sheet $sheet: $tiles tiles"
done

# A run that fails mid-way (the file size limit stops the first PNG) leaves
# no PNG under a final name and no temporary directory; the user's file stays.
mkdir "$work/limited"
echo "the user's own file" > "$work/limited/frame_000001.png"
( trap '' XFSZ; ulimit -f 40; exec "$bin" render --quality draft --resolution 640x360 --fps 8 \
    --duration 2 --frames 0:8 --png-dir "$work/limited" ) > "$work/out" 2> "$work/err"
rc=$?
left=$(ls -A "$work/limited")
if [ $rc -eq 0 ] || [ "$left" != "frame_000001.png" ] ||
    [ "$(cat "$work/limited/frame_000001.png")" != "the user's own file" ]; then
    fail "failed run: exit $rc, left: $left"; cat "$work/err"
else
    echo "ok   failed run cleaned up: $(tail -1 "$work/err")"
fi

# A run that fails while moving the frames into place (a directory in the
# way of frame 5) takes back the frames it had already moved.
mkdir -p "$work/blocked/frame_000005.png"
"$bin" render "${quick[@]}" --fps 8 --duration 2 --frames 3:9 --png-dir "$work/blocked" \
    > "$work/out" 2> "$work/err"
rc=$?
left=$(ls -A "$work/blocked")
if [ $rc -eq 0 ] || [ "$left" != "frame_000005.png" ]; then
    fail "failed finish: exit $rc, left: $left"; cat "$work/err"
else
    echo "ok   failed finish cleaned up: $(tail -1 "$work/err")"
fi

[ $failures -eq 0 ] && echo "ok: render command line" || echo "FAIL: $failures"
exit $((failures > 0))
