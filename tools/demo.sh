#!/usr/bin/env bash
# The quick start's first command: installs what is missing, builds, and runs
# the main job, rendering the demo video (demo.mp4 in the current directory)
# from the built-in soundtrack. Extra arguments go to `glyphfx render`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$("$root/tools/setup.sh" | tail -n 1)
exec "$root/$build/tools/glyphfx" render "$@"
