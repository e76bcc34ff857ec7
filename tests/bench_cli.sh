# What the tests of `glyphfx bench` on crafted results files share. Set
# `what` (the subject of each FAIL line), then source this file; it sets
#   bin  the glyphfx under test (GLYPHFX_BIN)
#   dir  a temporary directory, removed on exit
# and defines
#   fail MESSAGE...           one FAIL line, counted
#   expect RC PATTERN ARGS... glyphfx bench ARGS exits RC and prints PATTERN
#   finish NAME               "NAME: ok" when nothing failed; exits 0 or 1
bin=${GLYPHFX_BIN:?GLYPHFX_BIN is not set}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() { echo "FAIL: $what: $*" >&2; failures=$((failures + 1)); }

expect() {
    local want=$1 pattern=$2
    shift 2
    local out rc
    out=$(timeout 60 "$bin" bench "$@" 2>&1)
    rc=$?
    [ "$rc" = "$want" ] || fail "glyphfx bench $*: exit $rc, expected $want; output: $out"
    printf '%s\n' "$out" | grep -qE -- "$pattern" || fail "glyphfx bench $*: no /$pattern/ in: $out"
}

finish() {
    [ $failures = 0 ] && echo "$1: ok"
    exit $((failures > 0))
}
