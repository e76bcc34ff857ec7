#!/usr/bin/env bash
# glyphfx render --narration: a text spoken by espeak-ng is mixed under the
# song (or the built-in soundtrack) in the video's audio: the audio lasts as
# long as the video and differs from the render without narration, the
# picture does not; the temporaries are gone afterwards. A missing, empty or
# non-UTF-8 text, an output without sound, --voice alone and a missing
# espeak-ng are refused with one line, exit 2, nothing written. Installs
# espeak-ng when missing and root; skips otherwise.
set -u
G=${GLYPHFX_BIN:?GLYPHFX_BIN is not set}
src=${GLYPHFX_SOURCE_DIR:?GLYPHFX_SOURCE_DIR is not set}
# shellcheck source=../tools/packages.sh
. "$src/tools/packages.sh"
rc=0
glyphfx_install_missing test_narration espeak-ng || rc=$?
[ $rc -eq 0 ] || { echo "SKIP: test_narration: espeak-ng cannot be installed here"; exit 77; }
work=$(mktemp -d /tmp/glyphfx-narration-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir tmp
export TMPDIR=$work/tmp
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
common=(--quality draft --resolution 320x180 --duration 3 --quiet)

ffmpeg -nostdin -v error -f lavfi -i "sine=frequency=330:duration=4" song.wav ||
  { echo "FAIL: cannot make the test song"; exit 1; }
echo "Once upon a time, a small program drew music with letters." > story.txt

duration() { # stream (a or v), file
  ffprobe -v error -select_streams "$1:0" -show_entries stream=duration -of csv=p=0 "$2"
}
decoded_md5() { # stream (a or v), file
  ffmpeg -nostdin -v error -i "$2" -map "0:$1:0" -f md5 - 2>/dev/null
}

"$G" render song.wav "${common[@]}" -o plain.mp4 || fail "render without narration"
"$G" render song.wav "${common[@]}" --narration story.txt -o told.mp4 ||
  fail "render with narration"
a=$(duration a told.mp4) v=$(duration v told.mp4)
[ -n "$a" ] || fail "the narrated video has no audio stream"
awk -v a="${a:-0}" -v v="${v:-0}" 'BEGIN { d = a - v; exit !(v > 2.9 && d < 0.1 && d > -0.1) }' ||
  fail "audio lasts ${a:-?} s, video ${v:-?} s; expected about 3 s each, within 0.1 s"
[ "$(decoded_md5 a told.mp4)" != "$(decoded_md5 a plain.mp4)" ] ||
  fail "the narration left the audio unchanged"
[ "$(decoded_md5 v told.mp4)" = "$(decoded_md5 v plain.mp4)" ] ||
  fail "the narration changed the frames"
# the speech is there: above 1.5 kHz, where the 330 Hz song has next to
# nothing, the mix is at least 20 dB louder than the song alone
treble_rms() {
  ffmpeg -nostdin -i "$1" -map 0:a:0 -af highpass=f=1500,highpass=f=1500,astats=measure_perchannel=none \
    -f null - 2>&1 | awk '/RMS level dB/ { print $NF }'
}
p=$(treble_rms plain.mp4) t=$(treble_rms told.mp4)
awk -v p="${p:-0}" -v t="${t:-0}" 'BEGIN { exit !(t - p >= 20) }' ||
  fail "above 1.5 kHz the mix is at ${t:-?} dB, the song alone at ${p:-?} dB; expected 20 dB more"

"$G" render "${common[@]}" --narration story.txt --voice en -o soundtrack.mp4 ||
  fail "narration over the built-in soundtrack"
a=$(duration a soundtrack.mp4)
[ -n "$a" ] || fail "narration over the built-in soundtrack: no audio stream"
# espeak-ng's audio library (PulseAudio's client) makes its own pulse-*
# runtime folder in TMPDIR even when it only writes a file: not glyphfx's.
ours() { ls -A tmp | grep -v '^pulse-' || true; }
[ -z "$(ours)" ] || fail "temporaries left in TMPDIR: $(ours)"

refused() { # name, expected text, output file, args...
  local name=$1 want=$2 out=$3; shift 3
  PATH=${run_path:-$PATH} "$G" render "$@" 2> err
  local rc=$?
  [ "$rc" -eq 2 ] || fail "$name: exit $rc, expected 2"
  [ "$(grep -c . err)" -eq 1 ] || { fail "$name: expected one line:"; cat err; }
  grep -qF -- "$want" err || { fail "$name: message lacks '$want':"; cat err; }
  [ ! -e "$out" ] || fail "$name: $out was written"
  [ -z "$(ours)" ] || fail "$name: temporaries left in TMPDIR: $(ours)"
}
: > empty.txt
printf '   \n\t\n' > blank.txt
printf 'caf\xe9\n' > latin1.txt
refused "missing text" "nothing.txt" out.mp4 song.wav "${common[@]}" --narration nothing.txt -o out.mp4
refused "empty text" "empty" out.mp4 song.wav "${common[@]}" --narration empty.txt -o out.mp4
refused "blank text" "only white space" out.mp4 song.wav "${common[@]}" --narration blank.txt -o out.mp4
refused "invalid UTF-8" "byte 3 (0xe9) is not valid UTF-8" out.mp4 \
  song.wav "${common[@]}" --narration latin1.txt -o out.mp4
refused "PNG frames" "no sound" frames song.wav "${common[@]}" --narration story.txt --png-dir frames
refused "GIF" "a GIF has no sound" out.gif song.wav "${common[@]}" --narration story.txt -o out.gif
refused "--voice alone" "--voice en: goes with --narration" out.mp4 song.wav "${common[@]}" \
  --voice en -o out.mp4

# no espeak-ng in PATH (ffmpeg still there)
mkdir bin
for p in ffmpeg ffprobe; do ln -s "$(command -v "$p")" "bin/$p"; done
run_path=$work/bin refused "no espeak-ng" "apt-get install espeak-ng" out.mp4 \
  song.wav "${common[@]}" --narration story.txt -o out.mp4

# a voice espeak-ng lacks fails as a program's failure, writing nothing
"$G" render song.wav "${common[@]}" --narration story.txt --voice zzz -o out.mp4 2> err
rc=$?
[ "$rc" -eq 1 ] || { fail "unknown voice: exit $rc, expected 1"; cat err; }
grep -qF "espeak-ng failed" err || { fail "unknown voice: message lacks 'espeak-ng failed':"; cat err; }
[ ! -e out.mp4 ] || fail "unknown voice: out.mp4 was written"

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "narration: ok"
