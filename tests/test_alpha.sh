#!/usr/bin/env bash
# --alpha: the RGBA PNG sequence holds exactly rgba_unpremultiply of the
# opaque render's frames (and gives them back over black); the .mov is
# ProRes 4444 with an alpha pixel format, the .webm VP9 tagged alpha_mode=1,
# and a decoded frame's alpha is 0 where the opaque frame is black and 255
# where it is bright; outputs that cannot carry alpha (and modes that write
# no frames) are refused with one line, and nothing is written over.
set -u
G=${GLYPHFX_BIN:?}
check=${GLYPHFX_BINARY_DIR:?}/tests/alpha_check
for tool in ffmpeg ffprobe; do
  command -v $tool >/dev/null || { echo "test_alpha: skipped: no $tool in PATH"; exit 77; }
done
for encoder in prores_ks libvpx-vp9; do
  ffmpeg -hide_banner -encoders 2>/dev/null | grep -q " $encoder " ||
    { echo "test_alpha: skipped: this ffmpeg has no $encoder"; exit 77; }
done
work=$(mktemp -d /tmp/glyphfx-alpha-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# The same song for every render, so videos and PNGs get the same features;
# production has bright pixels (a channel at 250 and above) at this size.
ffmpeg -v error -f lavfi -i "sine=frequency=220:duration=2" -af volume=8 song.wav ||
  { echo "test_alpha: skipped: ffmpeg cannot make a test song"; exit 77; }
common=(song.wav --quality production --resolution 320x180 --fps 12 --duration 1 --quiet)

# ------------------------------------------------------------ PNG sequence
mkdir rgba rgb
"$G" render "${common[@]}" --alpha --png-dir rgba || fail "render --alpha --png-dir"
"$G" render "${common[@]}" --png-dir rgb || fail "render --png-dir"
[ "$(ls rgba | wc -l)" -eq 12 ] || fail "expected 12 RGBA PNGs, got $(ls rgba | wc -l)"
for f in rgb/frame_*.png; do
  "$check" png "rgba/${f#rgb/}" "$f" >/dev/null || fail "$("$check" png "rgba/${f#rgb/}" "$f" 2>&1)"
done
GLYPHFX_PNG=libpng "$G" render "${common[@]}" --alpha --png-dir libpng-rgba ||
  fail "render --alpha with GLYPHFX_PNG=libpng"
"$check" png libpng-rgba/frame_000006.png rgb/frame_000006.png >/dev/null ||
  fail "libpng's RGBA file: $("$check" png libpng-rgba/frame_000006.png rgb/frame_000006.png 2>&1)"

# ------------------------------------------------------------------ videos
# decoded_alpha VIDEO FRAME TOLERANCE [DECODER]: alpha_check on that frame
decoded_alpha() {
  local n; n=$(printf %06d "$2")
  ffmpeg -v error ${4:+-c:v $4} -i "$1" -vf "select=eq(n\,$2)" -frames:v 1 -f rawvideo \
    -pix_fmt rgba -y frame.rgba || { fail "ffmpeg cannot decode frame $2 of $1"; return; }
  "$check" decoded frame.rgba "rgb/frame_$n.png" "$3" >check.txt ||
    fail "$1 frame $2: $(cat check.txt)"
}

"$G" render "${common[@]}" --alpha -o out.mov || fail "render --alpha -o out.mov"
ffprobe -v error -show_streams out.mov >mov.txt || fail "ffprobe cannot read out.mov"
grep -q '^codec_name=prores$' mov.txt || fail "out.mov is not ProRes: $(grep codec_name mov.txt)"
grep -q '^profile=4444$' mov.txt || fail "out.mov is not ProRes 4444: $(grep profile mov.txt)"
grep -Eq '^pix_fmt=yuva444p1[02]le$' mov.txt || fail "out.mov has no alpha: $(grep pix_fmt mov.txt)"
for frame in 0 6 11; do decoded_alpha out.mov $frame 1; done

"$G" render "${common[@]}" --alpha -o out.webm || fail "render --alpha -o out.webm"
ffprobe -v error -show_streams out.webm >webm.txt || fail "ffprobe cannot read out.webm"
grep -q '^codec_name=vp9$' webm.txt || fail "out.webm is not VP9: $(grep codec_name webm.txt)"
grep -q '^TAG:alpha_mode=1$' webm.txt || fail "out.webm is not tagged alpha_mode=1"
# VP9's alpha is lossy (its CRF): near 0 and near 255, not exact
for frame in 0 11; do decoded_alpha out.webm $frame 40 libvpx-vp9; done

# Without --alpha a .mov is opaque ProRes 4444 and a .webm plain VP9.
"$G" render "${common[@]}" -o opaque.mov || fail "render -o opaque.mov"
ffprobe -v error -show_streams opaque.mov | grep -Eq '^pix_fmt=yuv444p1[02]le$' ||
  fail "opaque.mov: $(ffprobe -v error -show_streams opaque.mov | grep pix_fmt)"

# With --alpha and no -o the default output is SONG.mov (an MP4 cannot).
"$G" render "${common[@]}" --alpha 2>/dev/null || fail "render --alpha without -o"
[ -s song.mov ] || fail "--alpha without -o wrote no song.mov: $(ls)"

# ------------------------------------------------------- refused, untouched
echo keep >kept.mp4
echo keep >kept.gif
echo keep >kept.mov
for out in kept.mp4 kept.gif; do
  if "$G" render "${common[@]}" --alpha -o $out 2>err.txt; then
    fail "--alpha -o $out was accepted"
  fi
  [ "$(wc -l <err.txt)" -eq 1 ] || fail "--alpha -o $out: not one line: $(cat err.txt)"
  for word in "$out" .mov .webm --png-dir; do
    grep -q -- "$word" err.txt || fail "--alpha -o $out: the line does not say $word: $(cat err.txt)"
  done
  [ "$(cat $out)" = keep ] || fail "the refused run changed $out"
done
for mode in "--test-frame 0" "--contact-sheet sheet.png" "--null"; do
  if "$G" render "${common[@]}" --alpha $mode 2>err.txt; then
    fail "--alpha $mode was accepted"
  fi
  [ "$(wc -l <err.txt)" -eq 1 ] && grep -q -- "${mode%% *}" err.txt ||
    fail "--alpha $mode: expected one line naming it: $(cat err.txt)"
done
[ ! -e sheet.png ] && [ ! -e test_frame.png ] || fail "a refused mode wrote a file: $(ls)"
# A .mov refused (an odd size) or interrupted mid-way keeps the old file.
if "$G" render song.wav --quality production --resolution 321x181 --fps 12 --duration 1 --quiet \
  --alpha -o kept.mov 2>err.txt; then
  fail "an odd size was accepted for .mov"
fi
[ "$(cat kept.mov)" = keep ] || fail "the refused run changed kept.mov"
ffmpeg -v error -f lavfi -i "sine=frequency=220:duration=120" long.wav
# (one SIGINT to glyphfx alone: GNU timeout sends a second to the group,
# and a second Ctrl-C means "out now", without cleaning up)
"$G" render long.wav --quality production --resolution 320x180 --fps 12 --quiet --alpha \
  -o kept.mov 2>err.txt &
pid=$!
sleep 2
kill -INT $pid
wait $pid
rc=$?
[ $rc -eq 130 ] || fail "interrupted --alpha -o kept.mov: exit $rc, expected 130: $(cat err.txt)"
[ "$(cat kept.mov)" = keep ] || fail "the interrupted run changed kept.mov"
[ -z "$(ls -A | grep glyphfx-tmp)" ] || fail "temporary files left: $(ls -A | grep glyphfx-tmp)"

[ "$failures" -eq 0 ] && echo "test_alpha: ok"
exit $((failures > 0))
