# The bench report in a real browser: a short real run of glyphfx bench with
# --scaling writes the HTML report, Debian's chromium opens it headless, and
# the page must hold the charts (--dump-dom: one roofline point per stage
# shown, the ceiling steps, one scaling point per worker count and the ideal
# line) and show them (the screenshot: drawn pixels, the roofline points'
# blue and the scaling curve's red). Installs chromium when missing and
# root (about 30 s, 120 MB download, 410 MB on disk); skips otherwise.
# GLYPHFX_KEEP_SCREENSHOT=DIR keeps report.html and report.png there.
set -u
bin=${GLYPHFX_BIN:?GLYPHFX_BIN is not set}
ink=${GLYPHFX_BINARY_DIR:?GLYPHFX_BINARY_DIR is not set}/tests/png_ink
if [ ! -x "$(dirname "$bin")/glyphfx_bench" ]; then
    echo "SKIP: test_report_browser: glyphfx_bench not built (GLYPHFX_BUILD_BENCH=OFF)"
    exit 77
fi
# shellcheck source=../tools/packages.sh
. "${GLYPHFX_SOURCE_DIR:?GLYPHFX_SOURCE_DIR is not set}/tools/packages.sh"
rc=0
glyphfx_install_missing test_report_browser chromium || rc=$?
[ $rc -eq 0 ] || { echo "SKIP: test_report_browser: chromium cannot be installed here"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

"$bin" bench --stage blit,vignette --isa scalar --size 540p,1080p --repetitions 1 \
    --min-time 0.01 --scaling --scaling-duration 1 --out "$dir/run.json" \
    --report "$dir/report.html" >"$dir/stdout" 2>"$dir/stderr" ||
    { fail "bench exited $?: $(tail -3 "$dir/stderr")"; exit 1; }
grep -q '^roofline:' "$dir/stdout" || fail "no roofline table in the summary"
grep -q '^worker scaling' "$dir/stdout" || fail "no scaling table in the summary"
points=4 # blit and vignette at two sizes
workers=$(grep -c '"efficiency"' "$dir/run.json")
[ "$workers" -ge 1 ] || fail "no scaling points in the results"
grep -q '"glyphfx_bandwidth"' "$dir/run.json" || fail "no bandwidths in the results context"
[ "$(grep -c '"roofline_share"' "$dir/run.json")" -ge $points ] ||
    fail "fewer than $points benchmarks with a roofline share"

browse() {
    timeout 60 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$dir/profile" "$@" "file://$dir/report.html" 2>>"$dir/chromium.log"
}
browse --dump-dom >"$dir/dom.html" || fail "chromium --dump-dom failed: $(tail -3 "$dir/chromium.log")"
count() { grep -o "$1" "$dir/dom.html" | wc -l; }
[ "$(count '<svg[^>]*id="roofline"')" = 1 ] || fail "no roofline chart in the DOM"
[ "$(count '<svg[^>]*id="scaling"')" = 1 ] || fail "no scaling chart in the DOM"
[ "$(count 'class="stage-point"')" = $points ] ||
    fail "$(count 'class="stage-point"') roofline points in the DOM; expected $points"
[ "$(count 'class="scaling-point"')" = "$workers" ] ||
    fail "$(count 'class="scaling-point"') scaling points in the DOM; expected $workers"
[ "$(count 'class="ceiling"')" = 1 ] && [ "$(count 'class="ceiling-all"')" = 1 ] ||
    fail "the ceiling steps are not both in the DOM"
[ "$(count 'class="ideal"')" = 1 ] || fail "no ideal scaling line in the DOM"

browse --screenshot="$dir/report.png" --window-size=1200,1600 >/dev/null ||
    fail "chromium --screenshot failed: $(tail -3 "$dir/chromium.log")"
if [ -s "$dir/report.png" ]; then
    # blue: the first size's roofline points (#4e79a7); red: the scaling curve (#e15759);
    # the scalar bars are grey and the budget line #d00
    read -r size _ drawn _ blue < <("$ink" "$dir/report.png" 4e79a7)
    read -r _ _ _ _ red < <("$ink" "$dir/report.png" e15759)
    echo "test_report_browser: screenshot $size, $drawn drawn pixels, $blue blue, $red red"
    [ "${size:-}" = 1200x1600 ] || fail "screenshot is ${size:-unreadable}; expected 1200x1600"
    [ "${drawn:-0}" -gt 20000 ] || fail "the screenshot is nearly blank (${drawn:-0} drawn pixels)"
    [ "${blue:-0}" -gt 60 ] || fail "roofline points not visible (${blue:-0} blue pixels)"
    [ "${red:-0}" -gt 300 ] || fail "scaling curve not visible (${red:-0} red pixels)"
else
    fail "no screenshot written"
fi
if [ -n "${GLYPHFX_KEEP_SCREENSHOT:-}" ]; then
    mkdir -p "$GLYPHFX_KEEP_SCREENSHOT" && cp "$dir/report.html" "$dir/report.png" \
        "$dir/run.json" "$GLYPHFX_KEEP_SCREENSHOT/"
fi

[ $failures = 0 ] && echo "test_report_browser: ok"
exit $((failures > 0))
