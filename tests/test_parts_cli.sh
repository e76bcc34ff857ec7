#!/usr/bin/env bash
# Parts from the command line: 4 shards run at the same time, then --join,
# give the frames of a one-process render (x264 lossless, decoded frame by
# frame); a shard started from another working directory finds the same
# parts; a shard with other settings is refused with one line; --join
# refuses, naming the missing parts, until every one is done; a user's file
# beside the output (clip.partial.mp4) survives all of it; a shard run again
# re-renders its own part only when it is damaged.
set -u
G=${GLYPHFX_BIN:?}
command -v ffmpeg >/dev/null || { echo "skip: no ffmpeg"; exit 77; }
work=$(mktemp -d /tmp/glyphfx-parts-cli-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
frame_md5() { ffmpeg -v error -i "$1" -map 0:v -f framemd5 - | grep -v '^#' | awk -F, '{print $NF}'; }

ffmpeg -v error -f lavfi -i sine=d=3 song.wav || { echo "skip: ffmpeg cannot make a wav"; exit 77; }
common=(--quality draft --resolution 160x90 --crf 0 --workers 1 --quiet)
mkdir out elsewhere
echo "the user's own file" >out/clip.partial.mp4

"$G" render song.wav -o one.mp4 "${common[@]}" || fail "one-process render"
frame_md5 one.mp4 >one.md5
[ -s one.md5 ] || fail "one.mp4 has no frames"

# all 4 shards at once, shard 3 started from another working directory
pids=()
for i in 1 2 4; do
  "$G" render song.wav -o out/clip.mp4 --shard $i/4 "${common[@]}" 2>shard$i.log &
  pids+=($!)
done
(cd elsewhere && exec "$G" render ../song.wav -o ../out/clip.mp4 --shard 3/4 "${common[@]}") 2>shard3.log &
pids+=($!)
for pid in "${pids[@]}"; do wait "$pid" || fail "a concurrent shard failed: $(cat shard*.log)"; done
[ -e out/clip.mp4 ] && fail "a shard joined"
[ -e out/clip.mp4.parts/part-0002.done ] || fail "shard 3/4 from elsewhere did not record part 2 in out/clip.mp4.parts"
[ "$(ls out/clip.mp4.parts/*.done | wc -l)" = 4 ] || fail "expected 4 part records: $(ls out/clip.mp4.parts)"

# --join with a part missing: one line naming it, exit 2
"$G" render song.wav -o out/half.mp4 --shard 1/2 "${common[@]}" || fail "shard 1/2 of half.mp4"
"$G" render song.wav -o out/half.mp4 --join "${common[@]}" 2>join.log
rc=$?
[ $rc = 2 ] || fail "--join with a part missing exited $rc, expected 2"
[ "$(wc -l <join.log)" = 1 ] || fail "--join with a part missing printed $(wc -l <join.log) lines"
grep -q 'parts missing or damaged (--shard 2/2' join.log || fail "--join did not name shard 2/2: $(cat join.log)"
rm -r out/half.mp4.parts

# other settings: refused with one line, nothing removed
"$G" render song.wav -o out/clip.mp4 --shard 2/4 --seed 9 "${common[@]}" 2>seed.log
rc=$?
[ $rc = 2 ] || fail "a shard with another --seed exited $rc, expected 2"
[ "$(wc -l <seed.log)" = 1 ] && grep -q 'planned with other settings' seed.log ||
  fail "a shard with another --seed: $(cat seed.log)"
"$G" render song.wav -o out/clip.mp4 --shard 2/3 "${common[@]}" 2>count.log
[ $? = 2 ] && grep -q 'planned with other settings' count.log || fail "a shard of another split: $(cat count.log)"
[ "$(ls out/clip.mp4.parts/*.done | wc -l)" = 4 ] || fail "a refused shard removed a part"

# a shard run again over its own damaged part (same size, other bytes) re-renders it
printf 'damage' | dd of=out/clip.mp4.parts/part-0001.mp4 bs=1 seek=200 conv=notrunc status=none
"$G" render song.wav -o out/clip.mp4 --shard 2/4 --quality draft --resolution 160x90 --crf 0 \
  --workers 1 2>again2.log || fail "shard 2/4 again"
grep -q 're-rendering part 1 .*damaged' again2.log || fail "shard 2/4 did not re-render its damaged part: $(cat again2.log)"
"$G" render song.wav -o out/clip.mp4 --shard 3/4 --quality draft --resolution 160x90 --crf 0 \
  --workers 1 2>again3.log || fail "shard 3/4 again"
grep -q '0 of 4 parts to render' again3.log || fail "shard 3/4 re-rendered its intact part: $(cat again3.log)"
"$G" render song.wav -o out/clip.mp4 --join "${common[@]}" || fail "--join"
frame_md5 out/clip.mp4 | cmp -s - one.md5 || fail "4 concurrent shards + --join differ from one process"
[ -e out/clip.mp4.parts ] && fail "the parts directory is left after the join"
[ "$(cat out/clip.partial.mp4)" = "the user's own file" ] || fail "the user's clip.partial.mp4 changed"
[ "$(ls -A out | sort | tr '\n' ' ')" = "clip.mp4 clip.partial.mp4 " ] || fail "left in out/: $(ls -A out)"

# a second join has no plan: one line, exit 2, the video untouched
"$G" render song.wav -o out/clip.mp4 --join "${common[@]}" 2>again.log
[ $? = 2 ] && grep -q 'no plan' again.log || fail "a join without parts: $(cat again.log)"
frame_md5 out/clip.mp4 | cmp -s - one.md5 || fail "a refused join changed the video"

if [ $failures -eq 0 ]; then echo "test_parts_cli: ok"; else echo "test_parts_cli: $failures failed"; fi
[ $failures -eq 0 ]
