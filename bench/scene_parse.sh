#!/usr/bin/env bash
# Scene-file parsing time against the number of sections: generates scenes of
# N quarter-second sections and times one draft test frame for each (the rest of
# the run is the same for every N; the 1-section run shows that fixed cost).
#   bench/scene_parse.sh [BUILD_DIR] [N...]      (default N: 1 1000 10000 100000)
set -euo pipefail
build=${1:-build}
shift || true
counts=("$@")
((${#counts[@]})) || counts=(1 1000 10000 100000)
G=$(cd "$build" && pwd)/tools/glyphfx
work=$(mktemp -d /tmp/glyphfx-scene-parse-XXXXXX)
trap 'rm -rf "$work"' EXIT

effects=(plasma rings fire tunnel)
for n in "${counts[@]}"; do
  scene=$work/scene-$n.json
  awk -v n="$n" -v fx="${effects[*]}" 'BEGIN {
    split(fx, e, " ");
    printf "{\"segments\": [\n";
    for (i = 0; i < n; i++)
      printf "{\"start\":%.2f,\"end\":%.2f,\"effect\":\"%s\"}%s\n",
             i / 4, (i + 1) / 4, e[i % 4 + 1], i + 1 < n ? "," : "";
    printf "]}\n";
  }' > "$scene"
  start=$(date +%s.%N)
  "$G" render --scene "$scene" --test-frame 0.5 -o "$work/f.png" --quality draft \
    --resolution 160x90 > /dev/null
  end=$(date +%s.%N)
  printf '%7d sections  %6.1f MB  %8.3f s\n' "$n" "$(du -k "$scene" | awk '{print $1 / 1024}')" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')"
done
