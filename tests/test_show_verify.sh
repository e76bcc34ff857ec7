# The built-in show passes its own check: `glyphfx render` with no input, at
# a quality profile and a duration, then `glyphfx verify` on the video must
# exit 0 (every sample above its brightness target, audio and video of one
# length). Short clips are the hard case: under 8 bars the built-in
# soundtrack is all groove, so every sample but the first is held to the
# active target (mean > 15), and the show is only its first one to three
# sections.
#
# Draft at 1, 2, 3, 5 and 8 s; preview and production at 1 and 3 s
# (tests/test_brightness.c checks the same shows in-process, on the RGB
# canvas rather than the decoded video). The 1 s clips and every draft clip
# render at the profile's own size. The preview and production 3 s clips,
# the costly ones, render at half the width and height: --resolution keeps
# the profile's grid scale and shader level, so glyphs, bloom and scanlines
# keep their size in pixels and the frame shows a quarter of the cells;
# on these shows that moves a sample's mean by about 1-3 either way
# (in-process, production 3 s: 22.7-27.3 at 960x540 against 23.8-25.7 at
# 1920x1080). Each verdict and the lowest active mean are printed.
set -u
G=${GLYPHFX_BIN:?GLYPHFX_BIN not set}
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null ||
    { echo "skip: ffmpeg and ffprobe are needed"; exit 77; }
D=$(mktemp -d /tmp/glyphfx-test-show-XXXXXX)
trap 'rm -rf "$D"' EXIT
failures=0

# show QUALITY SECONDS [RENDER OPTIONS...]: renders the built-in show and
# verifies it.
show() {
    local quality=$1 seconds=$2 out="$D/$1-$2s.mp4"
    shift 2
    if ! "$G" render --quality "$quality" --duration "$seconds" --quiet "$@" -o "$out" \
        >"$D/render.log" 2>&1; then
        cat "$D/render.log"
        echo "FAIL $quality ${seconds} s${*:+ $*}: render exited non-zero"
        failures=$((failures + 1))
        return
    fi
    "$G" verify "$out" >"$D/verify.log" 2>&1
    local rc=$?
    local low
    low=$(awk '/^  t=/ && $7 == "active" { if (min == "" || $4 < min) min = $4 }
               END { print min == "" ? "-" : min }' "$D/verify.log")
    if [ $rc -ne 0 ]; then
        cat "$D/verify.log"
        echo "FAIL $quality ${seconds} s${*:+ $*}: verify exited $rc"
        failures=$((failures + 1))
    else
        echo "ok   $quality ${seconds} s${*:+ $*}: lowest active mean $low"
    fi
    rm -f "$out"
}

for s in 1 2 3 5 8; do show draft "$s"; done
show preview 1
show preview 3 --resolution 640x360
show production 1
show production 3 --resolution 960x540

[ $failures -eq 0 ] || { echo "$failures show(s) failed glyphfx verify"; exit 1; }
echo "ok"
