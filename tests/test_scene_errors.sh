# Scene files: every kind of mistake gets one line naming the file, the JSON
# path, the value and what is allowed; exit 2; no output file appears. A good
# scene using every effect, shader, palette, colour set and hue mapping
# renders.
set -u
bin=${GLYPHFX_BIN:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# expect_error NAME JSON PATTERN...: each PATTERN must appear in the one line.
expect_error() {
    local name=$1 json=$2
    shift 2
    printf '%s' "$json" > "$work/$name.json"
    "$bin" render --scene "$work/$name.json" --test-frame 0.5 -o "$work/$name.png" \
        --quality draft --resolution 160x90 > "$work/out" 2> "$work/err"
    local rc=$? lines
    lines=$(grep -c . "$work/err")
    if [ "$rc" -ne 2 ]; then
        echo "FAIL $name: exit $rc, expected 2"; cat "$work/err"; failures=$((failures + 1)); return
    fi
    if [ "$lines" -ne 1 ]; then
        echo "FAIL $name: $lines lines on stderr, expected 1:"; cat "$work/err"
        failures=$((failures + 1)); return
    fi
    for pattern in "$work/$name.json" "$@"; do
        if ! grep -qF -- "$pattern" "$work/err"; then
            echo "FAIL $name: message lacks '$pattern':"; cat "$work/err"
            failures=$((failures + 1)); return
        fi
    done
    if [ -e "$work/$name.png" ]; then
        echo "FAIL $name: an output file was written"; failures=$((failures + 1)); return
    fi
    echo "ok   $name: $(cat "$work/err")"
}

seg='"start": 0, "end": 4, "effect": "plasma"'
expect_error bad_json '{"segments": [{"start": 0,, }]}' "invalid JSON at line 1"
expect_error not_object '[1, 2]' "(top)" "expected an object"
expect_error no_segments '{"segments": []}' "segments" "at least one segment"
expect_error top_key '{"segments": [{'"$seg"'}], "tempo": 3}' '"tempo"' "expected version|segments"
expect_error unknown_key '{"segments": [{'"$seg"', "efect": "x"}]}' "segments[0]" '"efect"' "effect"
expect_error unknown_effect '{"segments": [{"start": 0, "end": 4, "effect": "plasmaa"}]}' \
    "segments[0].effect" '"plasmaa"' "plasma" "rain"
expect_error effect_not_string '{"segments": [{"start": 0, "end": 4, "effect": 3}]}' \
    "segments[0].effect" "3 is not a string"
expect_error unknown_ramp '{"segments": [{'"$seg"', "palette": "zigzag"}]}' \
    "segments[0].palette" '"zigzag"' "shade" "braille"
expect_error unknown_colours '{"segments": [{'"$seg"', "colours": "teal"}]}' \
    "segments[0].colours" '"teal"' "vaporwave"
expect_error unknown_hue '{"segments": [{'"$seg"', "hue": "rainbow"}]}' \
    "segments[0].hue" '"rainbow"' "angle|distance|value|time|index|effect"
expect_error unknown_grid '{"segments": [{'"$seg"', "grid": "huge"}]}' \
    "segments[0].grid" '"huge"' "xs|sm|md|lg|xl|xxl"
expect_error unknown_shader '{"segments": [{'"$seg"'}, {"start": 4, "end": 8, "effect": "rings",
    "shaders": [{"name": "bloom"}, {"name": "blom"}]}]}' \
    "segments[1].shaders[1].name" '"blom"' "bloom|vignette|crt"
expect_error shader_param '{"segments": [{'"$seg"', "shaders": [{"name": "grain", "params": {"amt": 3}}]}]}' \
    "segments[0].shaders[0].params.amt" "not a parameter of grain" "amount"
expect_error shader_range '{"segments": [{'"$seg"', "shaders": [{"name": "vignette", "params": {"strength": 5}}]}]}' \
    "segments[0].shaders[0].params.strength" "5 is out of range" "0..2"
expect_error effect_param '{"segments": [{'"$seg"', "params": {"wobble": 1}}]}' \
    "segments[0].params.wobble" "not a parameter of plasma" "scale|speed"
expect_error effect_range '{"segments": [{'"$seg"', "params": {"speed": 99}}]}' \
    "segments[0].params.speed" "99 is out of range" "0..5"
expect_error feature_unknown '{"segments": [{'"$seg"', "params": {"speed": {"base": 1, "feature": "loudness", "amount": 1}}}]}' \
    "segments[0].params.speed.feature" '"loudness"' "rms|sub|bass"
expect_error feature_amount '{"segments": [{'"$seg"', "params": {"speed": {"base": 1, "feature": "rms", "amount": 50}}}]}' \
    "segments[0].params.speed.amount" "50 is out of range"
expect_error constant_param '{"segments": [{'"$seg"', "shaders": [{"name": "crt", "params": {"curvature": {"base": 0.1, "feature": "rms", "amount": 0.1}}}]}]}' \
    "segments[0].shaders[0].params.curvature" "must be a constant"
expect_error end_before_start '{"segments": [{"start": 5, "end": 4, "effect": "plasma"}]}' \
    "segments[0].end" "4 is not after start 5"
expect_error negative_time '{"segments": [{"start": -1, "end": 4, "effect": "plasma"}]}' \
    "segments[0].start" "-1 is out of range"
expect_error overlap '{"segments": [{'"$seg"'}, {"start": 3, "end": 8, "effect": "rings"}]}' \
    "segments[1].start" "3 is before the end of segments[0] (4)" "must not overlap"
expect_error out_of_order '{"segments": [{"start": 10, "end": 12, "effect": "plasma"}, {"start": 0, "end": 4, "effect": "rings"}]}' \
    "segments[1].start" "0 is before the end of segments[0] (12)"
expect_error transition '{"segments": [{'"$seg"', "transition": "wipe"}]}' \
    "segments[0].transition" '"wipe"' "cut|crossfade"
expect_error fade_range '{"segments": [{'"$seg"', "transition": "crossfade", "fade": 0}]}' \
    "segments[0].fade" "0 is out of range" "0.05..10"
expect_error gamma_type '{"segments": [{'"$seg"', "gamma": "high"}]}' \
    "segments[0].gamma" '"high" is not a number'
# cJSON keeps both copies of a repeated key and a lookup takes the first, so
# the second would be ignored without a word.
expect_error duplicate_key '{"segments": [{'"$seg"', "effect": "rings"}]}' \
    "segments[0]" 'duplicate key "effect"' "expected each key once"
expect_error duplicate_top '{"segments": [{'"$seg"'}], "segments": [{'"$seg"'}]}' \
    "(top)" 'duplicate key "segments"'
expect_error duplicate_param '{"segments": [{'"$seg"', "params": {"speed": 1, "speed": 2}}]}' \
    "segments[0].params.speed" 'duplicate parameter "speed"'
expect_error duplicate_shader_key '{"segments": [{'"$seg"', "shaders": [{"name": "bloom", "name": "crt"}]}]}' \
    "segments[0].shaders[0]" 'duplicate key "name"'
# \u0000 decodes to a NUL that ends the C string: "plasma\u0000x" would read
# as "plasma", "start\u0000x" as "start".
expect_error nul_value '{"segments": [{"start": 0, "end": 4, "effect": "plasma\u0000x"}]}' \
    "segments[0].effect" '"plasma\u0000..."' "NUL character"
expect_error nul_key '{"segments": [{'"$seg"', "fade\u0000x": 1}]}' \
    "segments[0]" 'key "fade\u0000..."' "NUL character"
expect_error nul_shader '{"segments": [{'"$seg"', "shaders": [{"name": "crt"}, {"name": "bloom\u0000"}]}]}' \
    "segments[0].shaders[1].name" '"bloom\u0000..."'
# An escaped backslash before u0000 is no NUL.
expect_error not_nul '{"segments": [{"start": 0, "end": 4, "effect": "plasma\\u0000"}]}' \
    "segments[0].effect" '"plasma\u0000" is not an effect'

# Version 2: layers, masks, feedback, transitions, keyframes, beats, cuts.
v2='"version": 2, '
expect_error version '{"version": 3, "segments": [{'"$seg"'}]}' "version" "3 is out of range" "1..2"
expect_error version_frac '{"version": 1.5, "segments": [{'"$seg"'}]}' "version" "1.5 is not a version"
expect_error v1_layers '{"segments": [{"start": 0, "end": 4, "layers": [{"effect": "plasma"}]}]}' \
    "segments[0]" 'unknown key "layers"'
expect_error v1_wipe '{"segments": [{'"$seg"', "transition": "iris"}]}' \
    "segments[0].transition" '"iris" is new in scene version 2' "cut|crossfade"
expect_error layers_empty '{'"$v2"'"segments": [{"start": 0, "end": 4, "layers": []}]}' \
    "segments[0].layers" "1 to 6 layers"
expect_error layer_and_effect '{'"$v2"'"segments": [{"start": 0, "end": 4, "effect": "fire", "layers": [{"effect": "plasma"}]}]}' \
    "segments[0]" 'unknown key "effect"'
expect_error layer_blend '{'"$v2"'"segments": [{"start": 0, "end": 4, "layers": [{"effect": "plasma", "blend": "glow"}]}]}' \
    "segments[0].layers[0].blend" '"glow" is not a blend mode' "screen" "grain_merge"
expect_error layer_opacity '{'"$v2"'"segments": [{"start": 0, "end": 4, "layers": [{"effect": "plasma", "opacity": 2}]}]}' \
    "segments[0].layers[0].opacity" "2 is out of range" "0..1"
expect_error mask_kind '{'"$v2"'"segments": [{'"$seg"', "mask": "mask_star"}]}' \
    "segments[0].mask" '"mask_star" is not a mask' "mask_circle"
expect_error mask_param '{'"$v2"'"segments": [{'"$seg"', "mask": {"kind": "mask_circle", "radius": 9}}]}' \
    "segments[0].mask.radius" "9 is out of range"
expect_error mask_operand '{'"$v2"'"segments": [{'"$seg"', "mask": {"kind": "mask_union", "a": "mask_circle"}}]}' \
    "segments[0].mask" 'needs operand "b"'
expect_error mask_setting '{'"$v2"'"segments": [{'"$seg"', "mask": {"kind": "mask_circle", "size": 1}}]}' \
    "segments[0].mask.size" 'not a setting of mask_circle'
expect_error mask_direction '{'"$v2"'"segments": [{'"$seg"', "mask": {"kind": "mask_wipe_h", "direction": "up"}}]}' \
    "segments[0].mask" '"up"'
expect_error feedback_preset '{'"$v2"'"segments": [{'"$seg"', "feedback": "warp"}]}' \
    "segments[0].feedback" '"warp" is not a feedback preset' "rainbow_trails"
expect_error feedback_decay '{'"$v2"'"segments": [{'"$seg"', "feedback": {"decay": 1.5}}]}' \
    "segments[0].feedback.decay" "1.5"
expect_error transition_easing '{'"$v2"'"segments": [{'"$seg"'}, {"start": 4, "end": 8, "effect": "rings", "transition": {"name": "iris", "easing": "wobble"}}]}' \
    "segments[1].transition.easing" '"wobble" is not an easing' "in_out_cubic"
expect_error field_morph_grid '{'"$v2"'"segments": [{'"$seg"'}, {"start": 4, "end": 8, "effect": "rings", "grid": "lg", "transition": "field_morph"}]}' \
    "segments[1].transition" "field_morph" "same grid"
expect_error keyframes_order '{'"$v2"'"segments": [{'"$seg"', "params": {"speed": {"keyframes": [[2, 1], [1, 2]]}}}]}' \
    "segments[0].params.speed.keyframes[1]"
expect_error keyframe_range '{'"$v2"'"segments": [{'"$seg"', "params": {"speed": {"keyframes": [[0, 1], [1, 99]]}}}]}' \
    "segments[0].params.speed.keyframes[1][1]" "99 is out of range"
expect_error cycle_empty '{'"$v2"'"segments": [{'"$seg"', "cycle": {"every_beats": 2}}]}' \
    "segments[0].cycle" "cycles nothing"
expect_error beats_window '{'"$v2"'"segments": [{'"$seg"', "shaders": [{"name": "invert", "beats": {"of": 2, "at": 2}}]}]}' \
    "segments[0].shaders[0].beats.at" "2 is out of range" "0..1"
expect_error cuts_rule '{'"$v2"'"cuts": {"at": "silence"}, "segments": [{'"$seg"'}]}' \
    "cuts.at" '"silence" is not a cut rule' "energy_drops"
expect_error cuts_v1 '{"cuts": {"every_beats": 4}, "segments": [{'"$seg"'}]}' \
    "cuts" "new in scene version 2"

# A missing file.
"$bin" render --scene "$work/nope.json" --test-frame 0 -o "$work/nope.png" --quality draft \
    2> "$work/err" > /dev/null
if [ $? -ne 2 ] || ! grep -qF "$work/nope.json: cannot open scene file" "$work/err"; then
    echo "FAIL missing scene file:"; cat "$work/err"; failures=$((failures + 1))
else
    echo "ok   missing: $(cat "$work/err")"
fi

# A good scene reaching every effect, shader, palette, colour set and hue
# mapping renders without complaint.
python3 - "$bin" > "$work/all.json" <<'EOF'
import json, subprocess, sys
listing = subprocess.run([sys.argv[1], "render", "--list"], capture_output=True, text=True).stdout
sections, current = {}, None
for line in listing.splitlines():
    if line.endswith(":") and not line.startswith(" "):
        current = line[:-1]; sections[current] = []
    elif line.startswith("  ") and not line.startswith("    ") and current:
        sections[current].append(line.split()[0])
    elif ":" in line and not line.startswith(" "):
        key, _, rest = line.partition(":")
        sections[key] = rest.split()
effects, shaders = sections["effects"], sections["shaders"]
ramps, colours, hues = sections["palettes (characters)"], sections["colours"], sections["hue mappings"]
n = max(len(effects), len(ramps), len(colours), len(hues))
segs = []
for i in range(n):
    segs.append({"start": i, "end": i + 1, "effect": effects[i % len(effects)],
                 "palette": ramps[i % len(ramps)], "colours": colours[i % len(colours)],
                 "hue": hues[i % len(hues)], "transition": ["cut", "crossfade"][i % 2],
                 "shaders": [{"name": shaders[(i + k) % len(shaders)]} for k in range(3)]})
json.dump({"segments": segs}, sys.stdout)
EOF
# bg_video reads a clip: a still test pattern serves.
ffmpeg -v error -f lavfi -i testsrc=size=160x90 -frames:v 1 "$work/pattern.png"
"$bin" render --scene "$work/all.json" --png-dir "$work" --quality draft --resolution 160x90 \
    --fps 4 --video "$work/pattern.png" > "$work/out" 2> "$work/err"
rc=$?
frames=$(ls "$work"/frame_*.png 2>/dev/null | wc -l)
if [ $rc -ne 0 ] || [ "$frames" -lt 12 ]; then
    echo "FAIL the full scene: exit $rc, $frames frames"; cat "$work/err"; failures=$((failures + 1))
else
    echo "ok   a scene using everything renders ($frames frames)"
fi

[ $failures -eq 0 ] && echo "ok: scene errors" || echo "FAIL: $failures"
exit $((failures > 0))
