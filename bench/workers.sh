#!/usr/bin/env bash
# Worker scaling (issue 6): render-only throughput into the null sink with 1
# and 2.. workers, end-to-end fps with one encoder against --parts 2, and
# the peak memory per worker. Medians of RUNS runs, the variants interleaved
# in each run so machine noise hits them alike.
#   bench/workers.sh [BUILD_DIR] [SECONDS] [RUNS]
# SECONDS is the encoded length; render-only runs render six times as many
# frames, so worker start-up (each builds its renderer) weighs little.
set -euo pipefail
build=${1:-build}
seconds=${2:-10}
runs=${3:-3}
G=$(cd "$build" && pwd)/tools/glyphfx
work=$(mktemp -d /tmp/glyphfx-workers-XXXXXX)
trap 'rm -rf "$work"' EXIT
max_workers=$(nproc)

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# fps of one render: frames / wall seconds, from glyphfx's own closing line
fps_of() { grep -o '([0-9.]* fps' | tr -d '(' | cut -d' ' -f1; }

for res in 1280x720 1920x1080; do
  echo "== $res production, 24 fps, ${seconds} s encoded ($((6 * seconds)) s render-only), median of $runs"
  declare -A fps=()
  for ((r = 0; r < runs; r++)); do
    for w in $(seq 1 "$max_workers"); do
      fps[null$w]+="$("$G" render --null --quality production --resolution $res --duration "$((6 * seconds))" \
        --workers "$w" 2>&1 | fps_of) "
    done
    rm -f "$work"/*.mp4
    for mode in one seg2; do
      extra=(); [ $mode = seg2 ] && extra=(--parts 2)
      fps[$mode]+="$("$G" render -o "$work/$mode.mp4" --quality production --resolution $res \
        --duration "$seconds" "${extra[@]}" 2>&1 | grep -E 'frames in|joined' | head -1 | fps_of) "
    done
  done
  one=$(echo "${fps[null1]}" | tr ' ' '\n' | grep . | median)
  for w in $(seq 1 "$max_workers"); do
    m=$(echo "${fps[null$w]}" | tr ' ' '\n' | grep . | median)
    printf '  render only, %d worker(s): %7.1f fps  (%.2fx of 1 worker)\n' "$w" "$m" \
      "$(echo "$m / $one" | bc -l)"
  done
  for mode in one seg2; do
    m=$(echo "${fps[$mode]}" | tr ' ' '\n' | grep . | median)
    printf '  end to end, %-12s %7.1f fps\n' "$([ $mode = one ] && echo '1 encoder:' || echo 'parts 2:')" "${m:-0}"
  done
  for w in 1 2; do
    kb=$(/usr/bin/time -f '%M' "$G" render --null --quality production --resolution $res \
      --duration 2 --workers $w 2>&1 >/dev/null | tail -1)
    printf '  peak RSS with %d worker(s): %.1f MB\n' "$w" "$(echo "$kb / 1024" | bc -l)"
  done
  unset fps
done
