#!/usr/bin/env bash
# Frame f is the same bytes for any worker count, pinning, part count,
# shard split and ISA (PNG output, and x264-lossless MP4 decoded frame by
# frame); --resume re-renders exactly the missing and damaged parts; bad
# worker, shard and frame values are refused without deleting anything.
set -u
G=${GLYPHFX_BIN:?}
work=$(mktemp -d /tmp/glyphfx-parallel-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

common=(--quality draft --resolution 320x180 --fps 12 --duration 2 --quiet)

png_hash() { (cd "$1" && sha256sum frame_*.png | sha256sum | cut -c1-64); }
frame_md5() { ffmpeg -v error -i "$1" -map 0:v -f framemd5 - | grep -v '^#' | awk -F, '{print $NF}'; }

# --- PNG: workers, pinning, ISAs
mkdir png_ref
"$G" render --png-dir png_ref --workers 1 --pin none "${common[@]}" || fail "1-worker PNG render"
ref=$(png_hash png_ref)
[ "$(ls png_ref | wc -l)" -eq 24 ] || fail "expected 24 PNGs, got $(ls png_ref | wc -l)"
for setup in "--workers 2 --pin core" "--workers 3 --pin pu" "--workers 5 --pin none"; do
  rm -rf png && mkdir png
  # shellcheck disable=SC2086
  "$G" render --png-dir png $setup "${common[@]}" || fail "PNG render with $setup"
  [ "$(png_hash png)" = "$ref" ] || fail "PNG frames differ with $setup"
done
for isa in scalar sse41 avx2 avx512 neon; do
  if ! "$G" --version --isa "$isa" >/dev/null 2>&1; then
    echo "skip: PNG render on $isa: not available on this CPU or build"
    continue
  fi
  rm -rf png && mkdir png
  GLYPHFX_ISA=$isa "$G" render --png-dir png --workers 2 "${common[@]}" || fail "PNG render on $isa"
  [ "$(png_hash png)" = "$ref" ] || fail "PNG frames differ on $isa"
done

# --- MP4, lossless: one encoder, segments, shards, another ISA
"$G" render -o one.mp4 --crf 0 --workers 1 "${common[@]}" || fail "single-encoder MP4"
frame_md5 one.mp4 >one.md5
[ "$(wc -l <one.md5)" -eq 24 ] || fail "one.mp4 has $(wc -l <one.md5) frames, expected 24"
"$G" render -o seg.mp4 --crf 0 --parts 4 "${common[@]}" || fail "--parts 4"
[ -e seg.mp4.parts ] && fail "parts left behind after the join"
frame_md5 seg.mp4 | cmp -s - one.md5 || fail "--parts 4 frames differ from one encoder"
"$G" render -o alias.mp4 --crf 0 --segments 3 "${common[@]}" || fail "--segments 3 (the alias)"
frame_md5 alias.mp4 | cmp -s - one.md5 || fail "--segments 3 frames differ from one encoder"
for i in 1 2 3; do
  GLYPHFX_ISA=sse41 "$G" render -o shard.mp4 --crf 0 --shard $i/3 "${common[@]}" || fail "--shard $i/3"
done
[ -e shard.mp4 ] && fail "a shard joined"
"$G" render -o shard.mp4 --crf 0 --join "${common[@]}" || fail "--join after 3 shards"
frame_md5 shard.mp4 | cmp -s - one.md5 || fail "3 shards (sse41) differ from one encoder"
ffprobe -v error -show_entries stream=codec_name -of csv=p=0 seg.mp4 | sort | tr '\n' ' ' \
  | grep -q 'aac h264' || fail "joined video lacks h264 + aac streams"

# --- resume after a simulated kill: shards 1..3 of 4 done, then one deleted, one damaged
for i in 1 2 3; do
  "$G" render -o res.mp4 --crf 0 --shard $i/4 "${common[@]}" || fail "--shard $i/4"
done
[ -e res.mp4 ] && fail "a shard joined"
rm res.mp4.parts/part-0000.mp4
printf 'damage' | dd of=res.mp4.parts/part-0001.mp4 bs=1 seek=100 conv=notrunc status=none
cp res.mp4.parts/part-0002.mp4 intact-before.mp4
"$G" render -o res.mp4 --crf 0 --resume --quality draft --resolution 320x180 --fps 12 \
  --duration 2 2>resume.log || { cat resume.log; fail "--resume"; }
grep -q 're-rendering part 0 .*missing' resume.log || fail "part 0 not re-rendered as missing"
grep -q 're-rendering part 1 .*damaged' resume.log || fail "part 1 not re-rendered as damaged"
grep -q 're-rendering part 2' resume.log && fail "the intact part 2 was re-rendered"
grep -q '3 of 4 parts to render' resume.log || fail "resume did not plan parts 0, 1 and 3"
frame_md5 res.mp4 | cmp -s - one.md5 || fail "resumed video differs from one encoder"

# --- bad input: one line, exit 2, nothing deleted
expect_refusal() { # expected-text args...
  local want=$1; shift
  "$G" render "$@" >out.log 2>&1
  local rc=$?
  [ $rc -eq 2 ] || fail "'$*' exited $rc, expected 2"
  grep -q -- "$want" out.log || { fail "'$*' did not say '$want'"; cat out.log >&2; }
}
expect_refusal "--workers -1" -o x.mp4 --workers -1 "${common[@]}"
expect_refusal "4x the" -o x.mp4 --workers 100000 "${common[@]}"
expect_refusal "--shard 5/4" -o x.mp4 --shard 5/4 "${common[@]}"
expect_refusal "--frames 10:5" -o x.mp4 --frames 10:5 "${common[@]}"
expect_refusal "--pin socket" -o x.mp4 --pin socket "${common[@]}"
"$G" render -o keep.mp4 --crf 0 --shard 1/2 "${common[@]}" || fail "--shard 1/2"
expect_refusal "use --resume" -o keep.mp4 --crf 0 --segments 2 "${common[@]}"
[ -e keep.mp4.parts/part-0000.mp4 ] || fail "a refused run deleted a finished part"
expect_refusal "other settings" -o keep.mp4 --resume --seed 7 "${common[@]}"
[ -e keep.mp4.parts/part-0000.mp4 ] || fail "a refused resume deleted a finished part"
# a clip or lyrics change every frame too: parts made without them are not reused
printf '1\n00:00:00,000 --> 00:00:01,500\nhello\n' > words.srt
ffmpeg -v error -nostdin -f lavfi -i testsrc=size=64x36 -frames:v 1 still.png || fail "ffmpeg"
expect_refusal "other settings" -o keep.mp4 --resume --lyrics words.srt "${common[@]}"
expect_refusal "other settings" -o keep.mp4 --resume --video still.png "${common[@]}"
[ -e keep.mp4.parts/part-0000.mp4 ] || fail "a refused resume deleted a finished part"
expect_refusal "cannot join .*1 of 2 parts missing or damaged (--shard 2/2" -o keep.mp4 --crf 0 --join "${common[@]}"
[ -e keep.mp4.parts/part-0000.mp4 ] || fail "a refused join deleted a finished part"

if [ $failures -eq 0 ]; then echo "test_parallel: ok"; else echo "test_parallel: $failures failed"; fi
[ $failures -eq 0 ]
