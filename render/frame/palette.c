#include "palette.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The catalogue's 29 ramps (section 8), glyphs and order as written there,
 * then the three older ramps it has no name for. */
static const struct {
    const char *name, *chars;
} ramps[] = {
    {"default", " .`'-:;!><=+*^~?/|(){}[]#&$@%"},
    {"dense", " .:;+=xX$#@█"},
    {"minimal", " .:-=+#@"},
    {"binary", " █"},
    {"gradient", " ░▒▓█"},
    {"blocks", " ░▒▓█▄▀▐▌"},
    {"blocks_ext", " ▖▗▘▙▚▛▜▝▞▟░▒▓█"},
    {"shade", " ░▒▓█▇▆▅▄▃▂▁"},
    {"math", " ·∘∙•°±∓x÷≈≠≡≤≥∞∫∑∏√∇∂∆Ω"},
    {"box", " ─│┌┐└┘├┤┬┴┼═║╔╗╚╝╠╣╦╩╬"},
    {"circuit", " .·─│┌┐└┘┼○●□■∆∇≡"},
    {"rune", " .ᚠᚢᚦᚱᚷᛁᛇᛒᛖᛚᛞᛟ"},
    {"alchemic", " ☉☽♀♂♃♄♅♆♇♈♉♊♋"},
    {"zodiac", " ♈♉♊♋♌♍♎♏♐♑♒♓"},
    {"arrows", " ←↑→↓↔↕↖↗↘↙↩↪↻➡"},
    {"music", " ♪♫♬♩♭♮♯○●"},
    {"kata", " ·ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷ"},
    {"greek", " αβγδεζηθικλμνξπρστφψω"},
    {"cyrillic", " абвгдежзиклмнопрстуфхцчш"},
    {"arabic", " ابتثجحخدذرزسشصضط"},
    {"dots", " ⋅∘∙●◉◎◆✦★"},
    {"stars", " ·✧✦✩✨★✶✳✸"},
    {"braille", " ⠁⠂⠃⠄⠅⠆⠇⠈⠉⠊⠋⠌⠍⠎⠏⠐⠑⠒⠓⠔⠕⠖⠗⠘⠙⠚⠛⠜⠝⠞⠟⠿"},
    {"halffill", " ◔◑◕◐◒◓◖◗◙"},
    {"hatch", " ▣▤▥▦▧▨▩"},
    {"hermes", " .·~=≈∞⚡☿✦★⊕◊◆▲▼●■"},
    {"ocean", " ~≈≈≈∼⌇≈≋≌≈"},
    {"organic", " .°∘•◦◉❂✿❁❃"},
    {"machine", " _─│┌┐┼≡■█▓▒░"},
    {"quadrant", " ▗▚▙█"},
    {"katakana", " ｰｨｩｪｫｬｭｮｯｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ"},
    {"code", " .:;=+<>{}[]/|01#$%&@"},
    /* glyph sets for the character effects' glyph picks (effect.h), not
     * densities: their effects name a character by its place here */
    {"corrupt", " █▄▀▐▌ｦｧｨｩｪｫ"},
    {"scan", " |║!1l"},
    {"terminal", " 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_x"},
    {"part_energy", " *+#@⚡✦★█▓"},
    {"part_spark", " ·•●★✶*+"},
    {"part_leaf", " ❀❁❂❃✿☘•"},
    {"part_snow", " ❄❅❆·•*○"},
    {"part_rain", " |│┃║/\\"},
    {"part_bubble", " ○◎◉●∘∙°"},
    {"part_data", " 01{}[]<>|/\\"},
    {"part_hex", " 0123456789ABCDEF"},
    {"part_binary", " 01"},
    {"part_rune", " ᚠᚢᚦᚱᚷᛁᛇᛒᛖᛚᛞᛟ✦★"},
    {"part_zodiac", " ♈♉♊♋♌♍♎♏♐♑♒♓"},
    {"part_dot", " ·•●"},
    {"part_dash", " -=~─═"},
};
#define N_RAMPS (int)(sizeof ramps / sizeof ramps[0])
#define FALLBACK_RAMP "code"

int gfx_ramp_count(void)
{
    return N_RAMPS;
}
const char *gfx_ramp_name(int ramp)
{
    return ramps[ramp].name;
}
const char *gfx_ramp_chars(int ramp)
{
    return ramps[ramp].chars;
}

int gfx_ramp_find(const char *name)
{
    for (int i = 0; i < N_RAMPS; i++)
        if (!strcmp(name, ramps[i].name))
            return i;
    return -1;
}

/* Returns how many visible characters the font lacked; the first is kept
 * in *first_missing for the report. */
static int resolve_chars(gfx_ramp_glyphs *out, const char *chars, gfx_font *font,
                         uint32_t *first_missing)
{
    int missing = 0;
    out->glyph[0] = 0;
    out->n = 1;
    uint32_t cp;
    while ((cp = gfx_utf8_next(&chars)) && out->n < GFX_RAMP_MAX) {
        if (cp == ' ')
            continue;
        uint16_t g = gfx_font_glyph(font, cp);
        if (g)
            out->glyph[out->n++] = g;
        else if (!missing++)
            *first_missing = cp;
    }
    return missing;
}

void gfx_ramp_resolve_chars(gfx_ramp_glyphs *out, const char *name, const char *chars,
                            gfx_font *font, const gfx_warn *warn)
{
    uint32_t first = 0;
    int missing = resolve_chars(out, chars, font, &first);
    if (!missing)
        return;
    if (out->n >= 3) {
        gfx_warnf(warn,
                  "%s and the installed fonts lack %d character(s) of palette \"%s\" (first "
                  "U+%04X); dropped from it",
                  gfx_font_path(font), missing, name, (unsigned)first);
        return;
    }
    gfx_warnf(warn,
              "%s and the installed fonts lack the characters of palette \"%s\" (U+%04X...); "
              "using \"%s\" instead",
              gfx_font_path(font), name, (unsigned)first, FALLBACK_RAMP);
    resolve_chars(out, ramps[gfx_ramp_find(FALLBACK_RAMP)].chars, font, &first);
}

void gfx_ramp_resolve(gfx_ramp_glyphs *out, int ramp, gfx_font *font, const gfx_warn *warn)
{
    gfx_ramp_resolve_chars(out, ramps[ramp].name, ramps[ramp].chars, font, warn);
}

int gfx_ramp_check_chars(const char *chars, char *why, size_t why_size)
{
    int visible = 0;
    const char *p = chars;
    uint32_t cp;
    while (*p) {
        const char *at = p;
        cp = gfx_utf8_next(&p);
        /* U+FFFD from a one-byte step is an invalid byte, not the character */
        if (cp == 0xFFFD && p - at == 1) {
            snprintf(why, why_size, "byte %d is not UTF-8", (int)(at - chars));
            return -1;
        }
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            snprintf(why, why_size, "holds control character U+%04X", (unsigned)cp);
            return -1;
        }
        visible += cp != ' ';
    }
    if (visible < 1 || visible > GFX_RAMP_MAX - 1) {
        snprintf(why, why_size, "has %d characters besides spaces; expected 1..%d", visible,
                 GFX_RAMP_MAX - 1);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ colour palettes */
#define MAX_STOPS 6
static const struct {
    const char *name;
    int n_stops;
    uint8_t stops[MAX_STOPS][3]; /* evenly spaced, first = faint end */
    int discrete, interpolation;
} palettes[] = {
    {"neon", 4, {{255, 0, 170}, {170, 0, 255}, {0, 200, 255}, {0, 255, 140}}, 0, 0},
    {"matrix", 3, {{0, 150, 40}, {40, 240, 90}, {210, 255, 210}}, 0, 0},
    /* matrix's green, lit as a phosphor screen: the faint end carries some
     * red and blue, so dim trails read as more than a third of their green */
    {"phosphor", 3, {{30, 200, 90}, {110, 255, 150}, {225, 255, 225}}, 0, 0},
    {"amber", 3, {{170, 70, 0}, {255, 160, 0}, {255, 230, 150}}, 0, 0},
    {"cyberpunk", 4, {{255, 0, 110}, {140, 0, 255}, {0, 230, 255}, {250, 250, 0}}, 0, 0},
    {"vaporwave",
     5,
     {{255, 113, 206}, {185, 103, 255}, {1, 205, 254}, {5, 255, 161}, {255, 251, 150}},
     0,
     0},
    {"ice", 3, {{40, 110, 230}, {60, 190, 255}, {230, 250, 255}}, 0, 0},
    {"fire", 4, {{190, 30, 0}, {255, 80, 0}, {255, 180, 20}, {255, 250, 200}}, 0, 0},
    {"mono", 2, {{200, 200, 200}, {255, 255, 255}}, 0, 0},
    {"sunset", 4, {{150, 40, 190}, {255, 50, 100}, {255, 140, 40}, {255, 220, 100}}, 0, 0},
    {"ocean", 4, {{0, 90, 160}, {0, 150, 170}, {40, 220, 200}, {200, 255, 240}}, 0, 0},
    {"toxic", 3, {{80, 160, 10}, {180, 255, 0}, {255, 255, 120}}, 0, 0},
    {"rainbow", 0, {{0}}, 0, 0},
    /* the catalogue's discrete RGB palettes, its hex values */
    {"colors_neon",
     5,
     {{0xFF, 0x00, 0x66},
      {0x00, 0xFF, 0x99},
      {0x66, 0x00, 0xFF},
      {0xFF, 0xFF, 0x00},
      {0x00, 0xCC, 0xFF}},
     1,
     0},
    {"colors_pastel",
     5,
     {{0xFF, 0xB3, 0xBA},
      {0xFF, 0xDF, 0xBA},
      {0xFF, 0xFF, 0xBA},
      {0xBA, 0xFF, 0xC9},
      {0xBA, 0xE1, 0xFF}},
     1,
     0},
    {"colors_mono_green",
     5,
     {{0x00, 0x28, 0x00},
      {0x00, 0x50, 0x00},
      {0x00, 0x8C, 0x00},
      {0x00, 0xC8, 0x00},
      {0x00, 0xFF, 0x00}},
     1,
     0},
    {"colors_mono_amber",
     5,
     {{0x28, 0x14, 0x00},
      {0x50, 0x32, 0x00},
      {0x8C, 0x5A, 0x00},
      {0xC8, 0x8C, 0x00},
      {0xFF, 0xBF, 0x00}},
     1,
     0},
    {"colors_cyberpunk",
     4,
     {{0xFF, 0x00, 0x3C}, {0x00, 0xFF, 0xC8}, {0xB4, 0x00, 0xFF}, {0xFF, 0xC8, 0x00}},
     1,
     0},
    {"colors_vaporwave",
     4,
     {{0xFF, 0x71, 0xCE}, {0x01, 0xCD, 0xFE}, {0xB9, 0x67, 0xFF}, {0x05, 0xFF, 0xA1}},
     1,
     0},
    {"colors_earth",
     5,
     {{0x56, 0x3A, 0x1A},
      {0x8B, 0x5A, 0x2B},
      {0xBD, 0x9A, 0x5B},
      {0xDE, 0xC1, 0x88},
      {0xF5, 0xE6, 0xC1}},
     1,
     0},
    {"colors_ice",
     5,
     {{0xC8, 0xE6, 0xFF},
      {0x96, 0xC8, 0xF0},
      {0x64, 0xAA, 0xE6},
      {0x3C, 0x82, 0xD2},
      {0x1E, 0x50, 0xB4}},
     1,
     0},
    {"colors_blood",
     5,
     {{0x50, 0x00, 0x00},
      {0x8C, 0x0A, 0x0A},
      {0xC8, 0x14, 0x14},
      {0xFF, 0x32, 0x1E},
      {0xFF, 0x64, 0x50}},
     1,
     0},
    {"colors_forest",
     5,
     {{0x0A, 0x1E, 0x0A},
      {0x14, 0x3C, 0x0F},
      {0x1E, 0x64, 0x14},
      {0x32, 0x96, 0x1E},
      {0x50, 0xC8, 0x32}},
     1,
     0},
    /* warm/cool: a cool blue into a warm orange, straight through OKLab */
    {"temperature", 2, {{40, 110, 255}, {255, 140, 40}}, 0, GFX_INTERP_OKLAB},
};
#define N_PALETTES (int)(sizeof palettes / sizeof palettes[0])

int gfx_colours_count(void)
{
    return N_PALETTES;
}
const char *gfx_colours_name(int palette)
{
    return palettes[palette].name;
}

int gfx_colours_find(const char *name)
{
    for (int i = 0; i < N_PALETTES; i++)
        if (!strcmp(name, palettes[i].name))
            return i;
    return -1;
}

void gfx_colours_lut(gfx_colour_lut *lut, int palette)
{
    int n = palettes[palette].n_stops;
    if (n == 0) {
        float h[256], v[256];
        for (int i = 0; i < 256; i++)
            h[i] = (float)i / 256.0f, v[i] = 1.0f;
        gfx_hsv_to_rgb(&lut->rgb[0][0], h, 1.0f, v, 256);
        lut->cyclic = 1;
        lut->n_entries = 0;
        return;
    }
    gfx_colours_build(lut, palettes[palette].stops, n, palettes[palette].interpolation,
                      palettes[palette].discrete);
}

static const char *const interpolation_names[GFX_INTERPOLATIONS] = {"rgb", "hsv", "oklab", "oklch"};
const char *gfx_interpolation_name(int interpolation)
{
    return interpolation_names[interpolation];
}
int gfx_interpolation_find(const char *name)
{
    for (int i = 0; i < GFX_INTERPOLATIONS; i++)
        if (!strcmp(name, interpolation_names[i]))
            return i;
    return -1;
}

static inline float clamp01(float x)
{
    return x < 0.0f ? 0.0f : x > 1.0f ? 1.0f : x;
}

static uint8_t to_byte(float x)
{
    return (uint8_t)lroundf(clamp01(x) * 255.0f);
}

void gfx_rgb_to_hsv(const uint8_t rgb[3], float hsv[3])
{
    float r = rgb[0] / 255.0f, g = rgb[1] / 255.0f, b = rgb[2] / 255.0f;
    float mx = fmaxf(r, fmaxf(g, b)), mn = fminf(r, fminf(g, b)), d = mx - mn, h = 0.0f;
    if (d > 0.0f) {
        if (mx == r)
            h = (g - b) / d;
        else if (mx == g)
            h = 2.0f + (b - r) / d;
        else
            h = 4.0f + (r - g) / d;
        h /= 6.0f;
        h -= floorf(h);
    }
    hsv[0] = h, hsv[1] = mx > 0.0f ? d / mx : 0.0f, hsv[2] = mx;
}

/* The shorter way from hue x to hue y (turns), as a signed step. */
static float hue_step(float x, float y)
{
    float d = y - x;
    return d - floorf(d + 0.5f);
}

static void lerp_stops(const uint8_t x[3], const uint8_t y[3], float t, int interpolation,
                       uint8_t out[3])
{
    switch (interpolation) {
    case GFX_INTERP_HSV: {
        float a[3], b[3];
        gfx_rgb_to_hsv(x, a);
        gfx_rgb_to_hsv(y, b);
        float h = a[0] + hue_step(a[0], b[0]) * t, v = a[2] + (b[2] - a[2]) * t;
        gfx_hsv_to_rgb(out, &h, a[1] + (b[1] - a[1]) * t, &v, 1);
        return;
    }
    case GFX_INTERP_OKLAB:
        gfx_oklab_to_rgb8(gfx_lerp_oklab(gfx_rgb8_to_oklab(x), gfx_rgb8_to_oklab(y), t), out);
        return;
    case GFX_INTERP_OKLCH:
        gfx_oklab_to_rgb8(
            gfx_oklch_to_oklab(gfx_lerp_oklch(gfx_oklab_to_oklch(gfx_rgb8_to_oklab(x)),
                                              gfx_oklab_to_oklch(gfx_rgb8_to_oklab(y)), t)),
            out);
        return;
    default:
        for (int ch = 0; ch < 3; ch++) {
            float a = x[ch], b = y[ch];
            out[ch] = (uint8_t)lroundf(a + (b - a) * t);
        }
    }
}

void gfx_colours_build(gfx_colour_lut *lut, const uint8_t (*stops)[3], int n, int interpolation,
                       int discrete)
{
    memset(lut, 0, sizeof *lut);
    if (discrete) {
        lut->cyclic = 1;
        lut->n_entries = n;
        memcpy(lut->rgb, stops, (size_t)n * sizeof *stops);
        return;
    }
    if (n == 1) {
        for (int i = 0; i < 256; i++)
            memcpy(lut->rgb[i], stops[0], 3);
        return;
    }
    for (int i = 0; i < 256; i++) {
        float pos = (float)i / 255.0f * (float)(n - 1);
        int s = (int)pos;
        if (s >= n - 1)
            s = n - 2;
        lerp_stops(stops[s], stops[s + 1], pos - (float)s, interpolation, lut->rgb[i]);
    }
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

int gfx_colour_parse_hex(const char *text, uint8_t rgb[3])
{
    size_t len = strlen(text);
    if (text[0] != '#' || (len != 7 && len != 4))
        return -1;
    int per = len == 7 ? 2 : 1;
    for (int ch = 0; ch < 3; ch++) {
        int v = 0;
        for (int k = 0; k < per; k++) {
            int d = hex_digit(text[1 + ch * per + k]);
            if (d < 0)
                return -1;
            v = v * 16 + d;
        }
        rgb[ch] = (uint8_t)(per == 1 ? v * 17 : v);
    }
    return 0;
}

/* ------------------------------------------------------------ OKLab, OKLCH */
const float gfx_oklab_lms_matrix[3][3] = {
    {0.4122214708f, 0.5363325363f, 0.0514459929f},
    {0.2119034982f, 0.6806995451f, 0.1073969566f},
    {0.0883024619f, 0.2817188376f, 0.6299787005f},
};
const float gfx_oklab_lab_matrix[3][3] = {
    {0.2104542553f, 0.7936177850f, -0.0040720468f},
    {1.9779984951f, -2.4285922050f, 0.4505937099f},
    {0.0259040371f, 0.7827717662f, -0.8086757660f},
};

float gfx_srgb_decode(float c)
{
    return c <= 0.04045f ? c / 12.92f : powf((c + 0.055f) / 1.055f, 2.4f);
}

float gfx_srgb_encode(float c)
{
    return c <= 0.0031308f ? 12.92f * c : 1.055f * powf(c, 1.0f / 2.4f) - 0.055f;
}

static void mat3(const float m[3][3], const float x[3], float y[3])
{
    for (int i = 0; i < 3; i++)
        y[i] = m[i][0] * x[0] + m[i][1] * x[1] + m[i][2] * x[2];
}

gfx_oklab gfx_linear_to_oklab(const float rgb[3])
{
    float lms[3], lab[3];
    mat3(gfx_oklab_lms_matrix, rgb, lms);
    for (int i = 0; i < 3; i++)
        lms[i] = cbrtf(lms[i]);
    mat3(gfx_oklab_lab_matrix, lms, lab);
    return (gfx_oklab){lab[0], lab[1], lab[2]};
}

/* The inverses of the two matrices, as Ottosson publishes them. */
void gfx_oklab_to_linear(gfx_oklab lab, float rgb[3])
{
    float l = lab.l + 0.3963377774f * lab.a + 0.2158037573f * lab.b;
    float m = lab.l - 0.1055613458f * lab.a - 0.0638541728f * lab.b;
    float s = lab.l - 0.0894841775f * lab.a - 1.2914855480f * lab.b;
    l = l * l * l, m = m * m * m, s = s * s * s;
    rgb[0] = 4.0767416621f * l - 3.3077115913f * m + 0.2309699292f * s;
    rgb[1] = -1.2684380046f * l + 2.6097574011f * m - 0.3413193965f * s;
    rgb[2] = -0.0041960863f * l - 0.7034186147f * m + 1.7076147010f * s;
}

gfx_oklab gfx_rgb8_to_oklab(const uint8_t rgb[3])
{
    float lin[3];
    for (int ch = 0; ch < 3; ch++)
        lin[ch] = gfx_srgb_decode(rgb[ch] / 255.0f);
    return gfx_linear_to_oklab(lin);
}

void gfx_oklab_to_rgb8(gfx_oklab lab, uint8_t rgb[3])
{
    float lin[3];
    gfx_oklab_to_linear(lab, lin);
    for (int ch = 0; ch < 3; ch++)
        rgb[ch] = to_byte(gfx_srgb_encode(clamp01(lin[ch])));
}

gfx_oklch gfx_oklab_to_oklch(gfx_oklab lab)
{
    float h = atan2f(lab.b, lab.a) * (float)(0.5 / M_PI);
    return (gfx_oklch){lab.l, sqrtf(lab.a * lab.a + lab.b * lab.b), h - floorf(h)};
}

gfx_oklab gfx_oklch_to_oklab(gfx_oklch lch)
{
    float angle = lch.h * (float)(2.0 * M_PI);
    return (gfx_oklab){lch.l, lch.c * cosf(angle), lch.c * sinf(angle)};
}

gfx_oklab gfx_lerp_oklab(gfx_oklab x, gfx_oklab y, float t)
{
    return (gfx_oklab){x.l + (y.l - x.l) * t, x.a + (y.a - x.a) * t, x.b + (y.b - x.b) * t};
}

gfx_oklch gfx_lerp_oklch(gfx_oklch x, gfx_oklch y, float t)
{
    float h = x.h + hue_step(x.h, y.h) * t;
    return (gfx_oklch){x.l + (y.l - x.l) * t, x.c + (y.c - x.c) * t, h - floorf(h)};
}

/* ---------------------------------------------------------------- harmonies */
static const char *const harmony_names[GFX_HARMONIES] = {
    "complementary", "triadic", "analogous", "split_complementary", "tetradic", "monochrome",
};
const char *gfx_harmony_name(int harmony)
{
    return harmony_names[harmony];
}
int gfx_harmony_find(const char *name)
{
    for (int i = 0; i < GFX_HARMONIES; i++)
        if (!strcmp(name, harmony_names[i]))
            return i;
    return -1;
}

int gfx_harmony_offsets(int harmony, float offsets[GFX_HARMONY_MAX])
{
    static const struct {
        int n;
        float at[GFX_HARMONY_MAX];
    } table[GFX_HARMONIES] = {
        {2, {0.0f, 0.5f}},
        {3, {0.0f, 0.333f, 0.667f}},
        {5, {-0.16f, -0.08f, 0.0f, 0.08f, 0.16f}},
        {3, {0.0f, 0.42f, 0.58f}},
        {4, {0.0f, 0.25f, 0.5f, 0.75f}},
        {5, {0.0f, 0.0f, 0.0f, 0.0f, 0.0f}},
    };
    memcpy(offsets, table[harmony].at, sizeof table[harmony].at);
    return table[harmony].n;
}

int gfx_harmony_colours(int harmony, const uint8_t seed[3], uint8_t out[GFX_HARMONY_MAX][3])
{
    gfx_oklch base = gfx_oklab_to_oklch(gfx_rgb8_to_oklab(seed));
    float offsets[GFX_HARMONY_MAX];
    int n = gfx_harmony_offsets(harmony, offsets);
    for (int k = 0; k < n; k++) {
        gfx_oklch c = base;
        if (harmony == GFX_HARMONY_MONOCHROME) {
            c.l = 0.3f + 0.15f * (float)k;
            c.c = base.c * (0.4f + 0.15f * (float)k);
        } else {
            c.h += offsets[k];
            c.h -= floorf(c.h);
        }
        gfx_oklab_to_rgb8(gfx_oklch_to_oklab(c), out[k]);
    }
    return n;
}

/* ------------------------------------------------------------ hue mappings */
static const char *const hue_names[GFX_HUE_MAPPINGS] = {
    "angle",         "distance",      "value",         "time",        "index",
    "effect",        "hf_fixed",      "hf_angle",      "hf_distance", "hf_time_cycle",
    "hf_audio_cent", "hf_gradient_h", "hf_gradient_v", "hf_plasma",   "hf_oklch_angle",
};

static const char *const hue_summaries[GFX_HUE_MAPPINGS] = {
    "around the centre, turning slowly",
    "from the centre, flowing outward",
    "the cell's value (linear on a gradient)",
    "the whole grid drifts, with a column skew",
    "the glyph's place in the ramp (linear)",
    "the effect's own hue",
    "one hue everywhere",
    "angle/2pi + offset + 0.05t",
    "base + scale dist + 0.03t",
    "speed t everywhere",
    "scale x spectral centroid",
    "start + c/cols (end - start)",
    "start + r/rows (end - start)",
    "0.5 sin(0.02c + speed t) + 0.5 sin(0.015r + 0.7 speed t)",
    "OKLCH(lightness, chroma, angle/2pi + offset + 0.05t), not the palette",
};

const char *gfx_hue_summary(int mapping)
{
    return hue_summaries[mapping];
}

static const gfx_param_desc hf_fixed_params[] = {{"hue", 0.0f, 0.0f, 1.0f, "the one hue"}};
static const gfx_param_desc hf_angle_params[] = {
    {"offset", 0.0f, -1.0f, 1.0f, "turns added to the angle"}};
static const gfx_param_desc hf_distance_params[] = {
    {"base", 0.5f, 0.0f, 1.0f, "hue at the centre"},
    {"scale", 0.02f, -1.0f, 1.0f, "hue per cell width from the centre"}};
static const gfx_param_desc hf_speed_params[] = {{"speed", 0.1f, -5.0f, 5.0f, "turns per second"}};
static const gfx_param_desc hf_audio_cent_params[] = {
    {"scale", 0.3f, -4.0f, 4.0f, "hue per unit of spectral centroid"}};
static const gfx_param_desc hf_gradient_params[] = {
    {"start", 0.0f, -4.0f, 4.0f, "hue at the first column (row)"},
    {"end", 1.0f, -4.0f, 4.0f, "hue at the last"}};
static const gfx_param_desc hf_plasma_params[] = {
    {"speed", 0.3f, -5.0f, 5.0f, "how fast the plasma flows"}};
static const gfx_param_desc hf_oklch_angle_params[] = {
    {"offset", 0.0f, -1.0f, 1.0f, "turns added to the angle"},
    {"chroma", 0.12f, 0.0f, 0.37f, "OKLCH chroma"},
    {"lightness", 0.7f, 0.0f, 1.0f, "OKLCH lightness"}};

const gfx_param_desc *gfx_hue_params(int mapping, int *n_params)
{
#define PARAMS(table) (*n_params = (int)(sizeof table / sizeof table[0]), table)
    switch (mapping) {
    case GFX_HUE_HF_FIXED: return PARAMS(hf_fixed_params);
    case GFX_HUE_HF_ANGLE: return PARAMS(hf_angle_params);
    case GFX_HUE_HF_DISTANCE: return PARAMS(hf_distance_params);
    case GFX_HUE_HF_TIME_CYCLE: return PARAMS(hf_speed_params);
    case GFX_HUE_HF_AUDIO_CENT: return PARAMS(hf_audio_cent_params);
    case GFX_HUE_HF_GRADIENT_H:
    case GFX_HUE_HF_GRADIENT_V: return PARAMS(hf_gradient_params);
    case GFX_HUE_HF_PLASMA: return PARAMS(hf_plasma_params);
    case GFX_HUE_HF_OKLCH_ANGLE: return PARAMS(hf_oklch_angle_params);
    default: *n_params = 0; return NULL;
    }
#undef PARAMS
}

const char *gfx_hue_name(int mapping)
{
    return hue_names[mapping];
}

int gfx_hue_find(const char *name)
{
    for (int i = 0; i < GFX_HUE_MAPPINGS; i++)
        if (!strcmp(name, hue_names[i]))
            return i;
    return -1;
}

void gfx_hsv_to_rgb(uint8_t *rgb, const float *h, float s, const float *v, int n)
{
    static const float offset[3] = {5.0f, 3.0f, 1.0f};
    for (int i = 0; i < n; i++) {
        float h6 = (h[i] - floorf(h[i])) * 6.0f, vi = clamp01(v[i]);
        for (int ch = 0; ch < 3; ch++) {
            float k = offset[ch] + h6;
            k -= k >= 6.0f ? 6.0f : 0.0f;
            float ramp = fminf(fminf(k, 4.0f - k), 1.0f);
            float c = vi - vi * s * fmaxf(ramp, 0.0f);
            rgb[3 * i + ch] = (uint8_t)(c * 255.0f + 0.5f);
        }
    }
}

/* ------------------------------------------------------------ colour stage */
/* The hue of cell i in [0, 1) for cyclic mappings, or the gradient
 * position in [0, 1] directly for the linear ones (value, index). */
static float hue_of(const gfx_colour_args *a, int i, int col, float v, int k, int *linear)
{
    const gfx_grid *g = a->grid;
    const float *p = a->hue_params;
    float t = (float)a->time;
    *linear = 0;
    switch (a->hue_mapping) {
    case GFX_HUE_HF_FIXED: return p[0];
    case GFX_HUE_HF_ANGLE:
    case GFX_HUE_HF_OKLCH_ANGLE: return g->angle[i] * (float)(0.5 / M_PI) + p[0] + 0.05f * t;
    case GFX_HUE_HF_DISTANCE: return p[0] + p[1] * g->dist[i] + 0.03f * t;
    case GFX_HUE_HF_TIME_CYCLE: return p[0] * t;
    case GFX_HUE_HF_AUDIO_CENT: return p[0] * a->centroid;
    case GFX_HUE_HF_GRADIENT_H: return p[0] + g->col[i] / (float)g->cols * (p[1] - p[0]);
    case GFX_HUE_HF_GRADIENT_V: return p[0] + g->row[i] / (float)g->rows * (p[1] - p[0]);
    case GFX_HUE_HF_PLASMA:
        return 0.5f * sinf(0.02f * g->col[i] + p[0] * t) +
               0.5f * sinf(0.015f * g->row[i] + 0.7f * p[0] * t);
    case GFX_HUE_ANGLE: return g->angle[i] * (float)(0.5 / M_PI) + 0.5f + 0.04f * t;
    case GFX_HUE_DISTANCE: return 0.8f * g->dist_n[i] - 0.1f * t;
    case GFX_HUE_TIME: return 0.05f * t + 0.25f * (float)col / (float)g->cols;
    case GFX_HUE_EFFECT: return a->hue[i];
    case GFX_HUE_INDEX: *linear = 1; return (float)k / (float)(a->ramp->n - 1);
    default: *linear = 1; return v;
    }
}

static int lut_index(const gfx_colour_lut *lut, float h, int linear)
{
    float pos;
    if (linear)
        pos = clamp01(h);
    else {
        float f = h - floorf(h);
        pos = lut->cyclic ? f : 1.0f - fabsf(2.0f * f - 1.0f);
    }
    if (lut->n_entries) {
        int e = (int)(pos * (float)lut->n_entries);
        return e < lut->n_entries ? e : lut->n_entries - 1;
    }
    return (int)(pos * 255.0f + 0.5f);
}

/* hf_oklch_angle's colours around the hue circle: a cyclic table built
 * once per call from its lightness and chroma. */
static void oklch_wheel(gfx_colour_lut *lut, float chroma, float lightness)
{
    for (int i = 0; i < 256; i++)
        gfx_oklab_to_rgb8(gfx_oklch_to_oklab((gfx_oklch){lightness, chroma, (float)i / 256.0f}),
                          lut->rgb[i]);
    lut->cyclic = 1;
    lut->n_entries = 0;
}

/* The HSV saturation of one colour scaled by s256 / 256 (value kept). */
static void saturate(uint8_t rgb[3], int s256)
{
    int m = rgb[0] > rgb[1] ? rgb[0] : rgb[1];
    m = m > rgb[2] ? m : rgb[2];
    for (int ch = 0; ch < 3; ch++) {
        int c = m - (((m - rgb[ch]) * s256 + 128) >> 8);
        rgb[ch] = (uint8_t)(c < 0 ? 0 : c);
    }
}

void gfx_colour_cells(const gfx_colour_args *a)
{
    const gfx_grid *g = a->grid;
    int top = a->ramp->n - 1;
    float floor_b = a->brightness_floor;
    const gfx_colour_lut *lut = a->lut;
    gfx_colour_lut wheel;
    if (a->hue_mapping == GFX_HUE_HF_OKLCH_ANGLE) {
        oklch_wheel(&wheel, a->hue_params[1], a->hue_params[2]);
        lut = &wheel;
    }
    int s256 = (int)lroundf(a->saturation * 256.0f);
    for (int r = 0; r < g->rows; r++)
        for (int c = 0; c < g->cols; c++) {
            int i = r * g->cols + c;
            float v = clamp01(a->value[i]);
            int k = (int)(v * (float)top + 0.5f);
            gfx_cell *cell = &a->cells[i];
            if (k == 0) {
                *cell = (gfx_cell){0};
                continue;
            }
            float pick = floorf(a->hue[i]); /* effect.h's glyph pick */
            if (pick >= 1.0f)
                k = 1 + ((int)pick - 1) % top;
            int linear;
            float h = hue_of(a, i, c, v, k, &linear);
            uint8_t rgb[3];
            memcpy(rgb, lut->rgb[lut_index(lut, h, linear)], 3);
            if (s256 != 256)
                saturate(rgb, s256);
            unsigned scale = (unsigned)((floor_b + (1.0f - floor_b) * v) * 256.0f + 0.5f);
            cell->glyph = a->ramp->glyph[k];
            cell->r = (uint8_t)((rgb[0] * scale) >> 8);
            cell->g = (uint8_t)((rgb[1] * scale) >> 8);
            cell->b = (uint8_t)((rgb[2] * scale) >> 8);
            cell->reserved = 0;
        }
}

void gfx_cells_saturate(gfx_cell *cells, int n, float saturation)
{
    int s256 = (int)lroundf(saturation * 256.0f);
    if (s256 == 256)
        return;
    for (int i = 0; i < n; i++) {
        uint8_t rgb[3] = {cells[i].r, cells[i].g, cells[i].b};
        saturate(rgb, s256);
        cells[i].r = rgb[0], cells[i].g = rgb[1], cells[i].b = rgb[2];
    }
}
