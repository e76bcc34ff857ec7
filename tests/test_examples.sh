# examples/*.json: every example scene parses and renders (tiny, draft,
# its whole length at a low frame rate, so every section, transition, mask
# and feedback buffer runs), and together the examples name every blend
# mode, mask kind, transition, easing, feedback preset and transform that
# `glyphfx render --list` names, so examples/README.md's claim stays true.
set -u
bin=${GLYPHFX_BIN:?}
src=${GLYPHFX_SOURCE_DIR:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

scenes=("$src"/examples/*.json)
if [ ! -e "${scenes[0]}" ]; then
    echo "FAIL no examples in $src/examples"; exit 1
fi
# Scenes that show a clip get a generated one.
ffmpeg -v error -nostdin -f lavfi -i testsrc2=size=160x90:rate=12:duration=20 -c:v mpeg4 \
    "$work/clip.mp4" || { echo "FAIL cannot make a clip"; exit 1; }
for scene in "${scenes[@]}"; do
    name=$(basename "$scene" .json)
    mkdir "$work/$name"
    clip=()
    grep -q '"video"\|"bg_video"' "$scene" && clip=(--video "$work/clip.mp4")
    if ! "$bin" render --scene "$scene" --quality draft --resolution 160x90 --fps 3 \
        --workers 1 --png-dir "$work/$name" -q "${clip[@]}" > "$work/$name.log" 2>&1; then
        echo "FAIL $name: render failed:"; cat "$work/$name.log"
        failures=$((failures + 1)); continue
    fi
    frames=$(find "$work/$name" -name 'frame_*.png' | wc -l)
    if [ "$frames" -lt 3 ]; then
        echo "FAIL $name: $frames frames written, expected its whole length at 3 fps"
        failures=$((failures + 1)); continue
    fi
    echo "ok   $name: $frames frames"
done

if ! command -v python3 >/dev/null; then
    echo "SKIP coverage: python3 is needed to read the examples' JSON (frames rendered: $failures failures)"
    [ "$failures" -eq 0 ] && exit 77 || exit 1
fi
"$bin" render --list > "$work/list" || { echo "FAIL render --list"; exit 1; }
python3 - "$work/list" "${scenes[@]}" <<'PY' || failures=$((failures + 1))
import json, re, sys

listing = open(sys.argv[1]).read()

def names_after(prefix):
    """The names on the --list line that starts with prefix, after its last colon."""
    for line in listing.splitlines():
        if line.startswith(prefix):
            return set(re.split(r"[ |]+", line.rsplit(":", 1)[1].strip()))
    sys.exit(f"FAIL --list has no line starting {prefix!r}")

want = {
    "blend mode": names_after("blend modes"),
    "mask kind": set(re.findall(r"^  (mask_\w+)", listing, re.M)),
    "transition": names_after("transitions"),
    "easing": names_after("easings"),
    "feedback preset": names_after("  presets"),
    "transform": names_after("transforms"),
}
for what, names in want.items():
    if len(names) < 5:
        sys.exit(f"FAIL --list names only {sorted(names)} as {what}s")
used = {what: set() for what in want}

def walk(v, key=None):
    if isinstance(v, dict):
        for k, x in v.items():
            if k == "blend" and isinstance(x, str):
                used["blend mode"].add(x)
            elif k in ("mask", "kind") and isinstance(x, str):
                used["mask kind"].add(x)
            elif k == "transition":
                used["transition"].add(x if isinstance(x, str) else x.get("name"))
            elif k == "easing":
                used["easing"].add(x)
            elif k == "keyframes":
                used["easing"].update(p[2] for p in x if len(p) == 3)
            elif k == "feedback":
                used["feedback preset"].add(x if isinstance(x, str) else x.get("preset"))
            elif k == "transform" and isinstance(x, list):
                used["transform"].update(t.get("type") for t in x if isinstance(t, dict))
            walk(x, k)
    elif isinstance(v, list):
        for x in v:
            walk(x, key)

bad = 0
for path in sys.argv[2:]:
    scene = json.load(open(path))
    if scene.get("version") != 2:
        print(f"FAIL {path}: \"version\" is {scene.get('version')}, expected 2")
        bad += 1
    walk(scene)
for what, names in want.items():
    missing = sorted(names - used[what])
    if missing:
        print(f"FAIL no example uses the {what}s {' '.join(missing)}")
        bad += 1
    else:
        print(f"ok   every {what} ({len(names)}) appears in an example")
sys.exit(1 if bad else 0)
PY

[ "$failures" -eq 0 ] || { echo "$failures failures"; exit 1; }
