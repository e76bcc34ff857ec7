#!/bin/bash
# PNG sequences three ways on the same frames, measured in one run:
#   glyphfx render --png-dir (the SIMD encoder, the default)
#   GLYPHFX_PNG=libpng glyphfx render --png-dir (libpng, zlib level 1, Z_RLE)
#   ffmpeg -c:v png -compression_level 1 -threads 1 from the raw frames
# Each glyphfx run is the whole command (render and write, default workers);
# ffmpeg encodes the frames glyphfx made, decoded to a raw rgb24 file first.
# Reports wall and CPU seconds (user + system: steady under load) per run,
# medians of PNG_REPEAT alternating runs, and the total bytes of each.
#
# usage: bench/png_writers.sh [GLYPHFX]   (default: $GLYPHFX_BIN, else build/tools/glyphfx)
# env:   PNG_QUALITY=production  PNG_SECONDS=4  PNG_REPEAT=3
set -eu
G=${1:-${GLYPHFX_BIN:-build/tools/glyphfx}}
QUALITY=${PNG_QUALITY:-production}
SECS=${PNG_SECONDS:-4}
REPEAT=${PNG_REPEAT:-3}
D=$(mktemp -d /tmp/glyphfx-png-writers-XXXXXX)
trap 'rm -rf "$D"' EXIT

# "wall cpu" of one command
timed() {
  /usr/bin/time -f "%e %U %S" -o "$D/t" "$@" >/dev/null
  awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$D/t"
}
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

for w in glyphfx libpng ffmpeg; do : >"$D/$w.wall"; : >"$D/$w.cpu"; done
for i in $(seq "$REPEAT"); do
  for w in glyphfx libpng; do
    rm -rf "$D/$w" && mkdir "$D/$w"
    GLYPHFX_PNG=$w timed "$G" render --png-dir "$D/$w" --quality "$QUALITY" --duration "$SECS" --quiet |
      { read -r wall cpu; echo "$wall" >>"$D/$w.wall"; echo "$cpu" >>"$D/$w.cpu"; }
  done
  if [ "$i" = 1 ]; then
    size=$(ffprobe -v error -select_streams v -show_entries stream=width,height -of csv=p=0:s=x \
      "$D/glyphfx/frame_000000.png")
    ffmpeg -v error -i "$D/glyphfx/frame_%06d.png" -f rawvideo -pix_fmt rgb24 "$D/raw.rgb"
  fi
  rm -rf "$D/ffmpeg" && mkdir "$D/ffmpeg"
  timed ffmpeg -v error -threads 1 -f rawvideo -pix_fmt rgb24 -s "$size" -i "$D/raw.rgb" \
    -threads 1 -c:v png -compression_level 1 "$D/ffmpeg/%06d.png" |
    { read -r wall cpu; echo "$wall" >>"$D/ffmpeg.wall"; echo "$cpu" >>"$D/ffmpeg.cpu"; }
done

frames=$(ls "$D/glyphfx" | wc -l)
echo "$frames frames of $size ($QUALITY, ${SECS} s), medians of $REPEAT runs"
printf '%-8s %8s %8s %12s %10s %8s\n' writer wall_s cpu_s cpu_ms/frame MB size_x
ref=$(du -sb "$D/libpng" | cut -f1)
for w in glyphfx libpng ffmpeg; do
  wall=$(median <"$D/$w.wall") cpu=$(median <"$D/$w.cpu") bytes=$(du -sb "$D/$w" | cut -f1)
  awk -v w="$w" -v wall="$wall" -v cpu="$cpu" -v n="$frames" -v b="$bytes" -v r="$ref" \
    'BEGIN {printf "%-8s %8.2f %8.2f %12.1f %10.1f %8.3f\n", w, wall, cpu, 1000 * cpu / n, b / 1e6, b / r}'
done
echo "(size_x: total bytes against GLYPHFX_PNG=libpng; ffmpeg's CPU excludes rendering, glyphfx's includes it)"
