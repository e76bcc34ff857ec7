#!/bin/bash
# Video to ASCII end to end: `glyphfx render clip.mp4 -o out.mp4` (decode,
# cell analysis, render, encode, the clip's own audio muxed) against ffmpeg
# alone transcoding the same clip with the same x264 settings, alternating,
# medians of VE2E_REPEAT runs, in one run.
#
# usage: bench/video_e2e.sh [GLYPHFX]   (default: $GLYPHFX_BIN, else build/tools/glyphfx)
# env:   VE2E_SIZE=1280x720 VE2E_SECONDS=10 VE2E_REPEAT=3 VE2E_PRESET=veryfast
#
# The clip: testsrc2 with a sine tone, H.264 + AAC at the render size and
# 24 fps, so neither side scales or resamples. Both sides encode libx264 at
# the production CRF (20) and the preset, AAC 192k, +faststart. glyphfx's
# side includes its analysis of the clip's audio (the features cache is
# removed before each run) and the verify pass it makes of its output.
# Ratios: wall-clock fps (what a user sees) and CPU seconds (user + system,
# children included: steadier on a shared machine).
set -eu
G=${1:-${GLYPHFX_BIN:-build/tools/glyphfx}}
SIZE=${VE2E_SIZE:-1280x720}
SECS=${VE2E_SECONDS:-10}
REPEAT=${VE2E_REPEAT:-3}
PRESET=${VE2E_PRESET:-veryfast}
FPS=24
CRF=20
D=$(mktemp -d /tmp/glyphfx-ve2e-XXXXXX)
trap 'rm -rf "$D"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
timed() { # NAME CMD...: appends "wall cpu" of CMD (children included) to $D/t_NAME
    local name=$1
    shift
    /usr/bin/time -f "%e %U %S" -o "$D/one" "$@"
    awk '{ print $1, $2 + $3 }' "$D/one" >>"$D/t_$name"
}
col() { cut -d' ' -f"$1" <"$D/t_$2" | median; }

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
ffmpeg -v error -nostdin -f lavfi -i "testsrc2=size=$SIZE:rate=$FPS:duration=$SECS" \
    -f lavfi -i "sine=frequency=220:duration=$SECS" -c:v libx264 -preset "$PRESET" -crf 18 \
    -pix_fmt yuv420p -c:a aac -b:a 192k -shortest "$D/clip.mp4"
: >"$D/t_g" && : >"$D/t_ff"
for _ in $(seq "$REPEAT"); do
    rm -f "$D"/.clip.mp4.glyphfx-features*
    timed g "$G" render "$D/clip.mp4" -o "$D/g.mp4" --quality production --resolution "$SIZE" \
        --fps $FPS --crf $CRF --preset "$PRESET" --quiet
    timed ff ffmpeg -v error -nostdin -y -i "$D/clip.mp4" -c:v libx264 -preset "$PRESET" \
        -crf $CRF -pix_fmt yuv420p -c:a aac -b:a 192k -movflags +faststart "$D/f.mp4"
done
frames=$((SECS * FPS))
ff_wall=$(col 1 ff) ff_cpu=$(col 2 ff) g_wall=$(col 1 g) g_cpu=$(col 2 g)
echo "$SIZE, $frames frames, preset $PRESET, crf $CRF, median of $REPEAT:"
echo "  ffmpeg transcoding:   $ff_wall s wall, $ff_cpu s CPU"
echo "  glyphfx video->ASCII: $g_wall s wall, $g_cpu s CPU"
echo "  glyphfx at $(ratio "$ff_wall" "$g_wall")x ffmpeg's speed (wall), $(ratio "$ff_cpu" "$g_cpu")x (CPU)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
