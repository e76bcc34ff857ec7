# The per-effect benchmark stages: one fx_<effect>/c/1080p per effect that
# `glyphfx render --list` shows, chosen by --stage fx_all or by name, and
# never by the default selection (nor by --size alone); one tiny real run of
# an effect and of a simulation reports the effect budget (0.5 ms) and says
# which of the two it timed. Timings are not checked here.
set -u
bin=${GLYPHFX_BIN:?GLYPHFX_BIN is not set}
if [ ! -x "$(dirname "$bin")/glyphfx_bench" ]; then
    echo "SKIP: test_fx_bench: glyphfx_bench not built (GLYPHFX_BUILD_BENCH=OFF)"
    exit 77
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

"$bin" render --list > "$dir/effects" || fail "render --list exited $?"
sed -n '/^effects:/,/^[^ ]/p' "$dir/effects" | sed -n 's/^  \([a-z0-9_][a-z0-9_]*\) .*/\1/p' |
    sort > "$dir/effect_names"
n_effects=$(wc -l < "$dir/effect_names")
[ "$n_effects" -ge 12 ] || fail "render --list shows $n_effects effects; expected at least 12"

"$bin" bench --list --stage fx_all > "$dir/fx" 2>&1 || fail "bench --list --stage fx_all: exit $?"
sed -n 's|^fx_\(.*\)/c/1080p$|\1|p' "$dir/fx" | sort > "$dir/fx_names"
cmp -s "$dir/effect_names" "$dir/fx_names" ||
    fail "fx_ stages differ from the effects: $(diff "$dir/effect_names" "$dir/fx_names" | tr '\n' ' ')"
[ "$(wc -l < "$dir/fx")" = "$n_effects" ] || fail "--stage fx_all lists other benchmarks: $(cat "$dir/fx")"

"$bin" bench --list > "$dir/default" 2>&1 || fail "bench --list: exit $?"
grep -q '^blit/' "$dir/default" || fail "the default selection lost blit"
grep -q '^fx_' "$dir/default" && fail "the default selection holds fx_ stages"
"$bin" bench --list --size 1080p > "$dir/sized" 2>&1 || fail "bench --list --size 1080p: exit $?"
grep -q '^effect/c/1080p$' "$dir/sized" || fail "--size 1080p lost effect/c/1080p"
grep -q '^fx_' "$dir/sized" && fail "--size 1080p alone selects fx_ stages"

"$bin" bench --list --stage fx_plasma,blit --size 1080p --isa c,scalar > "$dir/named" 2>&1
[ "$(cat "$dir/named")" = "$(printf 'blit/scalar/1080p\nfx_plasma/c/1080p')" ] ||
    fail "--stage fx_plasma,blit selects: $(cat "$dir/named")"
"$bin" bench --list --stage fx_nonesuch > "$dir/bad" 2>&1 && fail "an unknown fx_ stage was accepted"
grep -q 'fx_all' "$dir/bad" || fail "the unknown-stage message does not offer fx_all: $(cat "$dir/bad")"

out=$("$bin" bench --stage fx_plasma,fx_game_of_life --repetitions 1 --min-time 0.01 2>"$dir/stderr")
rc=$?
[ $rc = 0 ] || fail "bench run exited $rc: $(cat "$dir/stderr")"
printf '%s\n' "$out" | grep -qE '^fx_plasma/c/1080p +[0-9.]+ +0\.50 +[0-9]+% (within|OVER) .* render; md grid' ||
    fail "no summary line for fx_plasma/c/1080p in: $out"
printf '%s\n' "$out" | grep -qE '^fx_game_of_life/c/1080p +[0-9.]+ +0\.50 +[0-9]+% (within|OVER) .* step \+ render; md grid' ||
    fail "no step + render line for fx_game_of_life/c/1080p in: $out"

[ $failures = 0 ] && echo "test_fx_bench: ok"
exit $((failures > 0))
