#!/usr/bin/env bash
# A contact sheet of examples/*.json: each example rendered at preview
# quality, small and at a low frame rate, and six frames spread over its
# length laid out as one row (rows in file-name order, printed on stderr).
#   tools/examples_sheet.sh [BUILD_DIR] [OUT.png]   (default build, BUILD_DIR/examples_sheet.png)
# Needs ffmpeg (its tile filter). Cheap: 320x180 at 4 fps, one worker each.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out=${2:-$build/examples_sheet.png}
bin=$build/tools/glyphfx
per_row=6
command -v ffmpeg >/dev/null || { echo "examples_sheet: needs ffmpeg" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/tiles"
tile=0 rows=0
for scene in "$root"/examples/*.json; do
    name=$(basename "$scene" .json)
    mkdir "$work/$name"
    "$bin" render --scene "$scene" --quality preview --resolution 320x180 --fps 4 \
        --workers 1 --png-dir "$work/$name" -q
    frames=("$work/$name"/frame_*.png)
    n=${#frames[@]}
    for ((k = 0; k < per_row; k++)); do
        cp "${frames[$(((2 * k + 1) * n / (2 * per_row)))]}" "$(printf '%s/tiles/%04d.png' "$work" $tile)"
        tile=$((tile + 1))
    done
    rows=$((rows + 1))
    echo "row $rows: $name ($n frames)" >&2
done
ffmpeg -loglevel error -y -i "$work/tiles/%04d.png" \
    -vf "tile=${per_row}x${rows}:padding=4:color=0x202020" -frames:v 1 "$work/sheet.png"
mv "$work/sheet.png" "$out"
echo "$out"
