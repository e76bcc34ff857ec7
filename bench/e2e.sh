#!/bin/bash
# End-to-end speed of `glyphfx render` to MP4, against ffmpeg alone encoding
# the same frames from a raw file with the same settings, measured in one
# run (alternating, medians of E2E_REPEAT runs); and the analysis time of a
# 3-minute song (decode + features, cache removed first).
#
# usage: bench/e2e.sh [GLYPHFX]        (default: $GLYPHFX_BIN, else build/tools/glyphfx)
# env:   E2E_SIZES="1280x720 1920x1080"  E2E_SECONDS=8  E2E_REPEAT=5  E2E_PRESET=veryfast
#
# The frames: one lossless render (--crf 0) decoded to raw yuv420p, so the
# encoder-only run sees exactly the frames glyphfx made. Both sides encode
# with libx264 at the production CRF and the same preset, mux the same audio
# as AAC 192k, and write MP4 with +faststart. glyphfx's side is timed as the
# whole command: start-up, the built-in soundtrack and its analysis, the
# frames, the pipe and ffmpeg. Both pipe formats (rgb24 and yuv420p) are run.
#
# Two ratios: wall-clock fps (what a user sees; noisy on a shared machine,
# hence medians) and CPU seconds (user + system, children included: steady
# under load, and on a saturated machine wall time follows it).
set -eu
G=${1:-${GLYPHFX_BIN:-build/tools/glyphfx}}
SIZES=${E2E_SIZES:-1280x720 1920x1080}
SECS=${E2E_SECONDS:-8}
REPEAT=${E2E_REPEAT:-5}
PRESET=${E2E_PRESET:-veryfast}
FPS=24 # production
CRF=20 # production
D=$(mktemp -d /tmp/glyphfx-e2e-XXXXXX)
trap 'rm -rf "$D"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
fps_of() { awk -v f="$1" -v s="$2" 'BEGIN { printf "%.1f", f / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# timed NAME CMD...: appends "wall cpu" seconds of CMD (children included) to $D/t_NAME
timed() {
    local name=$1
    shift
    /usr/bin/time -f "%e %U %S" -o "$D/one" "$@"
    awk '{ print $1, $2 + $3 }' "$D/one" >>"$D/t_$name"
}
col() { cut -d' ' -f"$1" <"$D/t_$2" | median; }

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "glyphfx: $("$G" --version | head -1); preset $PRESET, crf $CRF, $FPS fps, $SECS s per run, median of $REPEAT"
frames=$((SECS * FPS))
for size in $SIZES; do
    common=(--quality production --resolution "$size" --duration "$SECS" --preset "$PRESET" --quiet)
    "$G" render -o "$D/ref.mp4" "${common[@]}" --crf 0
    ffmpeg -v error -nostdin -y -i "$D/ref.mp4" -f rawvideo -pix_fmt yuv420p "$D/frames.yuv"
    ffmpeg -v error -nostdin -y -i "$D/ref.mp4" -vn -c:a pcm_s16le "$D/audio.wav"
    : >"$D/t_yuv" && : >"$D/t_rgb" && : >"$D/t_ff"
    for _ in $(seq "$REPEAT"); do
        GLYPHFX_PIPE=yuv420p timed yuv "$G" render -o "$D/g.mp4" "${common[@]}"
        GLYPHFX_PIPE=rgb24 timed rgb "$G" render -o "$D/g.mp4" "${common[@]}"
        timed ff ffmpeg -v error -nostdin -y -f rawvideo -pix_fmt yuv420p -color_range tv -colorspace bt709 \
            -video_size "$size" -framerate $FPS -i "$D/frames.yuv" -t "$SECS" -i "$D/audio.wav" \
            -map 0:v:0 -map 1:a:0 -c:v libx264 -preset "$PRESET" -crf $CRF -pix_fmt yuv420p \
            -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv \
            -c:a aac -b:a 192k -shortest -movflags +faststart -f mp4 "$D/f.mp4"
    done
    ff_wall=$(col 1 ff) ff_cpu=$(col 2 ff)
    echo "$size production, $frames frames: ffmpeg alone $(fps_of $frames "$ff_wall") fps ($ff_wall s wall, $ff_cpu s CPU)"
    for pipe in yuv rgb; do
        wall=$(col 1 $pipe) cpu=$(col 2 $pipe)
        echo "  glyphfx, ${pipe} pipe: $(fps_of $frames "$wall") fps ($wall s wall, $cpu s CPU):" \
            "wall ratio $(ratio "$ff_wall" "$wall"), CPU ratio $(ratio "$ff_cpu" "$cpu")"
    done
    rm -f "$D/frames.yuv"
done

# A 3-minute song: the built-in soundtrack looped to 180 s, as MP3.
"$G" render -o "$D/st.mp4" --resolution 64x36 --fps 4 --duration 30 --quiet
ffmpeg -v error -nostdin -stream_loop 5 -i "$D/st.mp4" -vn -t 180 -c:a libmp3lame -b:a 192k "$D/song.mp3"
ffmpeg -v error -nostdin -i "$D/song.mp3" "$D/song.wav"
for song in song.mp3 song.wav; do
    : >"$D/t_an"
    for _ in $(seq "$REPEAT"); do
        rm -f "$D/.$song.glyphfx-features"
        "$G" render "$D/$song" --null --frames 0:1 --quality draft --fps $FPS 2>&1 |
            sed -n 's/.*analyzed in \([0-9.]*\) s.*/\1/p' >>"$D/t_an"
    done
    echo "analysis of a 3-minute $song (decode + features, $FPS fps): median $(median <"$D/t_an") s" \
        "of $(tr '\n' ' ' <"$D/t_an")"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
