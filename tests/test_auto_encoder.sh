# --quality auto counts the encoder for a video: the estimate line says
# "to render and encode", and an encoder made slow (a wrapper ffmpeg first
# in PATH that reads the measurement's input at 0.15x real time, -readrate,
# so each frame costs 1/(0.15 fps) seconds: every profile's estimate is then
# 6.7x the video's length) makes auto pick draft for 600 s of video (4000 s
# at any profile, over the hour), where the renderer alone keeps a bigger
# profile. PNG frames measure the renderer only.
set -u
G=${GLYPHFX_BIN:?GLYPHFX_BIN not set}
D=$(mktemp -d /tmp/glyphfx-test-auto-XXXXXX)
trap 'rm -rf "$D"' EXIT
failures=0
fail() { echo "FAIL: auto encoder: $*" >&2; failures=$((failures + 1)); }
real=$(command -v ffmpeg) || { echo "SKIP: no ffmpeg"; exit 77; }

mkdir "$D/bin"
cat >"$D/bin/ffmpeg" <<EOF2
#!/bin/sh
case " \$* " in
*" -f null - "*) exec "$real" -readrate 0.15 "\$@" ;;
esac
exec "$real" "\$@"
EOF2
chmod +x "$D/bin/ffmpeg"

# auto_line LABEL ARGS...: auto's line of glyphfx render ARGS (two frames) in $line
auto_line() {
    local label=$1
    shift
    timeout 300 "$G" render --frames 0:2 "$@" 2>"$D/err" >/dev/null ||
        fail "$label: exit $?: $(cat "$D/err")"
    line=$(grep -m1 'quality auto' "$D/err")
}

auto_line "real ffmpeg" -o "$D/a.mp4" --duration 60
printf '%s\n' "$line" | grep -qE 'ms/frame encoding at .* about [0-9]+ s to render and encode 60 s of video' ||
    fail "the estimate does not count the encoder: $line"

PATH=$D/bin:$PATH auto_line "slow encoder" -o "$D/b.mp4" --duration 600
printf '%s\n' "$line" | grep -qE 'auto -> draft: .*the encoder sets the pace' ||
    fail "a slow encoder did not make auto pick draft: $line"

# the renderer alone for frames that are not encoded
PATH=$D/bin:$PATH auto_line "png" --png-dir "$D/png" --duration 600
printf '%s\n' "$line" | grep -q 'encod' && fail "PNG frames counted an encoder: $line"
printf '%s\n' "$line" | grep -q 's of rendering for 600 s' || fail "PNG: $line"

[ $failures = 0 ] && echo "test_auto_encoder: ok"
exit $((failures > 0))
