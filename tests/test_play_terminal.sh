# glyphfx play in a terminal emulator (tests/play_terminal.py): in a pty of a
# fixed size, fed to Debian's python3-pyte, the frames show the scene's
# characters in colour at each colour depth, a resize redraws at the new
# size, and after the end or a Ctrl-C the main screen is back with the
# cursor shown and the colour reset; with no terminal, one line and a
# non-zero exit. Installs python3-pyte when missing and root; skips otherwise.
set -u
bin=${GLYPHFX_BIN:?GLYPHFX_BIN is not set}
src=${GLYPHFX_SOURCE_DIR:?GLYPHFX_SOURCE_DIR is not set}
# shellcheck source=../tools/packages.sh
. "$src/tools/packages.sh"
rc=0
glyphfx_install_missing test_play_terminal python3-pyte || rc=$?
[ $rc -eq 0 ] || { echo "SKIP: test_play_terminal: python3-pyte cannot be installed here"; exit 77; }
# Debian's package is for Debian's python, whatever python3 is first on PATH
/usr/bin/python3 -c 'import pyte' 2>/dev/null ||
    { echo "SKIP: test_play_terminal: /usr/bin/python3 cannot import pyte"; exit 77; }
exec /usr/bin/python3 "$src/tests/play_terminal.py" "$bin"
