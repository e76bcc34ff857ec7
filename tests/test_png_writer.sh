#!/usr/bin/env bash
# The PNG sequence holds the same pixels through either writer: the SIMD
# encoder (default) and libpng (GLYPHFX_PNG=libpng), both decoded by ffmpeg;
# an unknown GLYPHFX_PNG is refused with one line naming it.
set -u
G=${GLYPHFX_BIN:?}
work=$(mktemp -d /tmp/glyphfx-png-writer-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

common=(--quality draft --resolution 333x187 --fps 12 --duration 1 --quiet)
pixels() { ffmpeg -v error -i "$1/frame_%06d.png" -f framemd5 -pix_fmt rgb24 - | grep -v '^#' | awk -F, '{print $NF}'; }

mkdir fast libpng bad
"$G" render --png-dir fast "${common[@]}" || fail "render with the default writer"
GLYPHFX_PNG=libpng "$G" render --png-dir libpng "${common[@]}" || fail "render with libpng"
[ "$(ls fast | wc -l)" -eq 12 ] || fail "expected 12 PNGs, got $(ls fast | wc -l)"
pixels fast >fast.md5
pixels libpng >libpng.md5
[ "$(wc -l <fast.md5)" -eq 12 ] || fail "ffmpeg decoded $(wc -l <fast.md5) frames of the SIMD encoder's 12"
cmp -s fast.md5 libpng.md5 || fail "the two writers' files decode to different pixels"
cmp -s fast/frame_000000.png libpng/frame_000000.png && fail "GLYPHFX_PNG=libpng wrote the same file"

if GLYPHFX_PNG=zopfli "$G" render --png-dir bad "${common[@]}" 2>err.txt; then
  fail "GLYPHFX_PNG=zopfli was accepted"
fi
grep -q "GLYPHFX_PNG=zopfli" err.txt || fail "no line names GLYPHFX_PNG=zopfli: $(cat err.txt)"
[ -z "$(ls bad)" ] || fail "a refused run left files: $(ls bad)"

[ "$failures" -eq 0 ] && echo "test_png_writer: ok"
exit $((failures > 0))
