#!/usr/bin/env bash
# Wisdom (glyphfx tune): `tune --quick --out F` writes a file probe reports;
# frames are the same bytes whatever wisdom picks (the slowest variant of
# every kernel, the fastest, or none), in PNG and in lossless MP4 (the
# yuv420p kernel); wisdom from another machine is ignored with a note, a
# broken file with a one-line warning, and neither stops a render; the
# default path, GLYPHFX_WISDOM=none and a forced ISA behave as documented.
set -u
G=${GLYPHFX_BIN:?}
command -v python3 >/dev/null || { echo "skip: python3 is needed to edit wisdom files"; exit 77; }
work=$(mktemp -d /tmp/glyphfx-wisdom-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
export XDG_CONFIG_HOME="$work/config" HOME="$work/home"
unset GLYPHFX_ISA
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok   $*"; }

# jsonq FILE EXPR: python's truth of EXPR over the JSON document d.
jsonq() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$@"; }
# jsonedit IN OUT STATEMENTS: rewrite a JSON document d.
jsonedit() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); exec(sys.argv[3]); json.dump(d, open(sys.argv[2], "w"), indent=1)' "$@"; }

# --- tune writes a valid file, and probe reports it
GLYPHFX_WISDOM=none "$G" tune --quick --out tuned.json > tune.out 2> tune.err || fail "tune --quick exit $?"
cat tune.out
jsonq tuned.json 'd["glyphfx_wisdom"] == 1 and len(d["sizes"]) == 4 and all(len(s["kernels"]) == 9 for s in d["sizes"]) and d["machine"]["cpu_model"] and d["glyphfx"]["commit"]' &&
    ok "tune --quick wrote 4 sizes x 9 kernels" || fail "tuned.json lacks sizes, kernels or identity"
jsonq tuned.json 'all(k["best"] in k["ms"] and k["ms"][k["best"]] == min(k["ms"].values()) for s in d["sizes"] for k in s["kernels"].values())' &&
    ok "each best is its fastest timing" || fail "a best is not the fastest of its timings"
GLYPHFX_WISDOM="$work/tuned.json" "$G" probe --json > probe.json 2> probe.err || fail "probe with wisdom exit $?"
jsonq probe.json 'd["wisdom"]["state"] == "used" and d["wisdom"]["file"] == sys.argv[3] and all(k["from"] == "wisdom" for k in d["wisdom"]["kernels"].values())' "$work/tuned.json" &&
    ok "probe --json reports the tuned file, every kernel from wisdom" || { fail "probe --json does not report the wisdom"; cat probe.err; }
GLYPHFX_WISDOM="$work/tuned.json" "$G" probe > probe.txt 2>&1
grep -q "^wisdom  *$work/tuned.json" probe.txt && ok "probe's text names the file" || fail "probe's text lacks the wisdom line"

# --- the slowest variant of every kernel: same bytes
jsonedit tuned.json slow.json '
for s in d["sizes"]:
    for k in s["kernels"].values():
        k["best"] = max(k["ms"], key=k["ms"].get)'
GLYPHFX_WISDOM="$work/slow.json" "$G" --version > version.out 2> version.err
slow_blit=$(python3 -c 'import json; d=json.load(open("slow.json")); print([s for s in d["sizes"] if s["profile"] == "production"][0]["kernels"]["blit"]["best"])')
grep -Eq "^  blit +$slow_blit +wisdom" version.out && [ ! -s version.err ] &&
    ok "--version: blit runs the slowest variant ($slow_blit) from wisdom" || { fail "--version does not show the slow choice"; cat version.out version.err; }

cat > scene.json <<'EOF'
{"segments": [{"start": 0, "end": 1, "effect": "rain", "palette": "code", "colours": "matrix",
  "shaders": [{"name": "bloom"}, {"name": "vignette"}, {"name": "crt"}, {"name": "scanlines"},
              {"name": "grain"}]}]}
EOF
common=(--scene scene.json --quality production --resolution 320x180 --fps 6 --duration 1 --workers 2 --quiet)
# render NAME WISDOM: PNGs into png_NAME, stderr into NAME.err
render() {
    mkdir -p "png_$1"
    GLYPHFX_WISDOM="$2" "$G" render --png-dir "png_$1" "${common[@]}" 2> "$1.err" || fail "render $1: exit $?"
}
same_frames() {
    local n=0
    for f in png_none/frame_*.png; do
        cmp -s "$f" "png_$1/${f##*/}" || { fail "$1: ${f##*/} differs from the render without wisdom"; return; }
        n=$((n + 1))
    done
    [ "$n" -gt 0 ] && [ "$(ls "png_$1" | wc -l)" -eq "$n" ] && ok "$1: $n frames, same bytes as without wisdom" ||
        fail "$1: frame counts differ ($n)"
}
render none none
render slow "$work/slow.json"
render fast "$work/tuned.json"
same_frames slow
same_frames fast

if command -v ffmpeg >/dev/null && ffmpeg -hide_banner -encoders 2>/dev/null | grep -q libx264; then
    frame_md5() { ffmpeg -v error -i "$1" -map 0:v -f framemd5 - | grep -v '^#' | awk -F, '{print $NF}'; }
    GLYPHFX_WISDOM=none "$G" render -o none.mp4 --crf 0 "${common[@]}" 2> mp4_none.err || fail "mp4 without wisdom"
    GLYPHFX_WISDOM="$work/slow.json" "$G" render -o slow.mp4 --crf 0 "${common[@]}" 2> mp4_slow.err || fail "mp4 with slow wisdom"
    [ -n "$(frame_md5 none.mp4)" ] && [ "$(frame_md5 none.mp4)" = "$(frame_md5 slow.mp4)" ] &&
        ok "lossless MP4 (yuv420p kernel): same decoded frames" || fail "lossless MP4 frames differ with slow wisdom"
else
    echo "skip: MP4 comparison (no ffmpeg with libx264)"
fi

# --- another machine's wisdom: a note, ignored, the render unaffected
jsonedit slow.json other.json 'd["machine"]["cpu_model"] = "Imaginary CPU 9000"'
render other "$work/other.json"
same_frames other
[ "$(grep -c . other.err)" -eq 1 ] && grep -q "note: wisdom $work/other.json is from another machine" other.err &&
    ok "another machine: $(cat other.err)" || { fail "another machine: expected one note"; cat other.err; }
jsonedit slow.json flags.json 'd["machine"]["cpu_flags"] = "sse2"'
GLYPHFX_WISDOM="$work/flags.json" "$G" --version > flags.out 2> flags.err
grep -q "another machine.*cpu flags" flags.err && grep -q "^ISA in use: " flags.out &&
    ok "other cpu flags: ignored with a note" || { fail "other cpu flags not noted"; cat flags.err; }

# --- broken files: one warning line naming the file, ignored, the render goes on
head -c 200 tuned.json > truncated.json
render truncated "$work/truncated.json"
same_frames truncated
[ "$(grep -c . truncated.err)" -eq 1 ] && grep -q "warning: wisdom $work/truncated.json: not valid JSON" truncated.err &&
    ok "truncated: $(cat truncated.err)" || { fail "truncated file: expected one warning"; cat truncated.err; }
jsonedit tuned.json badtype.json 'd["sizes"] = 5'
GLYPHFX_WISDOM="$work/badtype.json" "$G" --version > /dev/null 2> badtype.err || fail "--version with a bad file fails"
grep -q "warning: wisdom $work/badtype.json: sizes: expected an array" badtype.err &&
    ok "wrong type: $(cat badtype.err)" || { fail "wrong type not named"; cat badtype.err; }
GLYPHFX_WISDOM="$work/missing.json" "$G" --version > /dev/null 2> missing.err
grep -q "warning: wisdom $work/missing.json: .*No such file" missing.err &&
    ok "missing named file: $(cat missing.err)" || { fail "missing file not reported"; cat missing.err; }

# --- names this CPU or glyphfx lacks: that kernel keeps its default
jsonedit slow.json unknown.json '
for s in d["sizes"]:
    s["kernels"]["blit"]["best"] = "avx1024"'
GLYPHFX_WISDOM="$work/unknown.json" "$G" --version > unknown.out 2> unknown.err
grep -Eq "^  blit +[a-z0-9]+ +default: no choice" unknown.out && grep -q "avx1024" unknown.out && [ ! -s unknown.err ] &&
    ok "an unknown ISA name: blit keeps its default" || { fail "unknown ISA name"; cat unknown.out unknown.err; }
lacking=""
for isa in avx512 avx2 sse41; do
    "$G" --version --isa "$isa" > /dev/null 2>&1 || { lacking=$isa; break; }
done
if [ -n "$lacking" ]; then
    jsonedit slow.json lacking.json "
for s in d['sizes']:
    s['kernels']['grain']['best'] = '$lacking'"
    GLYPHFX_WISDOM="$work/lacking.json" "$G" --version > lacking.out 2>&1
    grep -Eq "^  grain .*default: wisdom names $lacking, which this CPU or build lacks" lacking.out &&
        ok "a variant this CPU lacks ($lacking): ignored" || { fail "lacking variant"; cat lacking.out; }
else
    echo "skip: a variant this CPU lacks (it has every level)"
fi

# --- where wisdom comes from, and what overrides it
mkdir -p "$XDG_CONFIG_HOME/glyphfx" "$HOME/.config/glyphfx"
cp slow.json "$XDG_CONFIG_HOME/glyphfx/wisdom.json"
env -u GLYPHFX_WISDOM "$G" --version > default.out 2>&1
grep -q "^wisdom  *$XDG_CONFIG_HOME/glyphfx/wisdom.json" default.out &&
    ok "default path under XDG_CONFIG_HOME" || { fail "XDG default path not used"; cat default.out; }
cp slow.json "$HOME/.config/glyphfx/wisdom.json"
env -u GLYPHFX_WISDOM -u XDG_CONFIG_HOME "$G" --version > home.out 2>&1
grep -q "^wisdom  *$HOME/.config/glyphfx/wisdom.json" home.out &&
    ok "default path under HOME" || { fail "HOME default path not used"; cat home.out; }
GLYPHFX_WISDOM=none "$G" --version > nowisdom.out 2>&1
grep -q "^wisdom  *disabled: GLYPHFX_WISDOM=none" nowisdom.out && ok "GLYPHFX_WISDOM=none" || { fail "none"; cat nowisdom.out; }
env -u GLYPHFX_WISDOM GLYPHFX_ISA=scalar "$G" --version > forced.out 2>&1
grep -q "^wisdom  *overridden" forced.out && grep -q "^ISA in use: scalar" forced.out &&
    ok "GLYPHFX_ISA overrides wisdom" || { fail "GLYPHFX_ISA does not override"; cat forced.out; }
env -u GLYPHFX_WISDOM "$G" --isa sse41 --version > forced2.out 2>&1
grep -q "^wisdom  *overridden" forced2.out && grep -q "^ISA in use: sse41" forced2.out &&
    ok "--isa overrides wisdom" || { fail "--isa does not override"; cat forced2.out; }

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "all wisdom checks passed"
