# glyphfx bench --report on a results file with markup in every string
# field (context, each part of a benchmark name, label, error message): the
# SVG and the HTML carry it as text, never as markup, and stay well-formed.
set -u
bin=${GLYPHFX_BIN:?GLYPHFX_BIN is not set}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() { echo "FAIL: report escape: $*" >&2; failures=$((failures + 1)); }

X='<img src=x onerror=alert(1)>'
cat >"$dir/evil.json" <<EOF2
{"context": {"glyphfx_schema": "1", "cpu_model": "$X", "topology": "$X", "isa_best": "$X",
             "glyphfx_version": "$X", "glyphfx_commit": "$X"},
 "benchmarks": [
  {"name": "$X/$X/$X", "run_name": "$X/$X/$X", "run_type": "iteration", "cpu_time": 1.0,
   "time_unit": "ms", "budget_ms": 2.0, "budget_used": 0.5, "memcpy_ms": 0.1, "x_memcpy": 10,
   "GB/s": 3, "seed_budget_used": 0.1, "label": "$X"},
  {"name": "blit/$X/1080p", "run_name": "blit/$X/1080p", "run_type": "iteration",
   "cpu_time": 0, "time_unit": "ms", "error_occurred": true, "error_message": "$X"}
 ]}
EOF2

for f in r.svg r.html; do
    out=$("$bin" bench --in "$dir/evil.json" --report "$dir/$f" 2>&1) || fail "$f: exit $?: $out"
    [ -s "$dir/$f" ] || { fail "$f was not written"; continue; }
    if grep -qi '<img' "$dir/$f"; then
        fail "$f carries the markup: $(grep -io '.\{30\}<img.\{10\}' "$dir/$f" | head -3)"
    fi
    grep -q '&lt;img src=x onerror=alert(1)&gt;' "$dir/$f" || fail "$f lost the text"
    if command -v python3 >/dev/null; then
        python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$dir/$f" ||
            fail "$f is not well-formed"
    fi
done
[ $failures = 0 ] && echo "test_report_escape: ok"
exit $((failures > 0))
