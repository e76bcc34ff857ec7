#!/usr/bin/env bash
# glyphfx render --lyrics: the cues appear as text over the show while they
# are on screen and not before; a scene's own lyric layer takes them; a
# missing, malformed or overlapping SRT, or a lyric layer without lyrics,
# is refused with one line and writes nothing.
set -u
G=${GLYPHFX_BIN:?}
srt=$(dirname "$0")/srt
work=$(mktemp -d /tmp/glyphfx-lyrics-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
common=(--quality draft --resolution 320x180 --fps 8 --duration 4 --quiet)

mkdir plain with
"$G" render --png-dir plain "${common[@]}" || fail "render without lyrics"
"$G" render --png-dir with --lyrics "$srt/song.srt" "${common[@]}" || fail "render with lyrics"
# song.srt's first cue runs 0.5-3 s: frame 2 (0.25 s) is before it, 20 (2.5 s) inside
cmp -s plain/frame_000002.png with/frame_000002.png || fail "a frame before the first cue changed"
cmp -s plain/frame_000020.png with/frame_000020.png && fail "no lyrics drawn at 2.5 s"

cat > scene.json <<'JSON'
{"version": 2, "segments": [{"start": 0, "end": 4, "layers": [
  {"effect": "plasma"},
  {"text": {"kind": "flash"}, "grid": "lg", "blend": "lighten"}]}]}
JSON
mkdir scene
"$G" render --png-dir scene --scene scene.json --lyrics "$srt/song.srt" "${common[@]}" \
  || fail "a scene with a flash lyric layer"

refused() { # name, expected text, args...
  local name=$1 want=$2; shift 2
  rm -rf out && mkdir out
  "$G" render --png-dir out "$@" "${common[@]}" 2> err
  local rc=$?
  [ "$rc" -eq 2 ] || fail "$name: exit $rc, expected 2"
  [ "$(grep -c . err)" -eq 1 ] || { fail "$name: expected one line:"; cat err; }
  grep -qF -- "$want" err || { fail "$name: message lacks '$want':"; cat err; }
  [ -z "$(ls out)" ] || fail "$name: frames were written"
}
refused missing "nope.srt" --lyrics nope.srt
refused overlap "overlap.srt" --lyrics "$srt/overlap.srt"
refused bad_utf8 "bad_utf8.srt" --lyrics "$srt/bad_utf8.srt"
refused no_lyrics "shows lyrics; expected --lyrics FILE.srt" --scene scene.json

[ "$failures" -eq 0 ] && echo "ok: lyrics drawn in their cue, bad SRTs refused"
exit $((failures > 0))
