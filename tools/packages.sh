# Installing the Debian packages a script needs: sourced by tools/setup.sh,
# tools/test_aarch64.sh and the tests that bring their own tools.
#
# glyphfx_install_missing WHO PACKAGE...
#   Installs those of PACKAGE... that are not installed (no recommends; an
#   `apt-get update` first only when the package lists are needed). Returns
#   0 when all are there afterwards; 77 when some are missing and this is not
#   root with apt-get, or the mirror cannot deliver them (a line on stderr,
#   prefixed with WHO, says which and how to install them by hand).

# Fonts the glyph atlas falls back to for characters DejaVu Sans Mono lacks
# (render/frame/font.h). fonts-motoya-l-cedar (1.9 MB installed) has every
# half-width katakana of the "kata" and "katakana" ramps, so matrix rain
# gets its glyphs by default; the other Japanese candidates are 8-91 MB
# (vlgothic 8, takao and ipafont gothic 12, noto-cjk 91) and sawarabi
# gothic (1.8 MB) lacks most half-width katakana.
GLYPHFX_FALLBACK_FONTS=(fonts-motoya-l-cedar)

glyphfx_install_missing() {
    local who=$1 missing=() p
    shift
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "$who: missing ${missing[*]}, and this is not root with apt-get to install them" \
            "(sudo apt-get install --no-install-recommends ${missing[*]})" >&2
        return 77
    fi
    echo "$who: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    # try the lists this machine has; fetch fresh ones only when they fail
    if apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
        return 0
    fi
    apt-get update -qq >&2 || true
    if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; then
        echo "$who: cannot install ${missing[*]} (no package mirror?)" >&2
        return 77
    fi
}
