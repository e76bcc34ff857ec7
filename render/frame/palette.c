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

void gfx_ramp_resolve(gfx_ramp_glyphs *out, int ramp, gfx_font *font, const gfx_warn *warn)
{
    uint32_t first = 0;
    int missing = resolve_chars(out, ramps[ramp].chars, font, &first);
    if (!missing)
        return;
    if (out->n >= 3) {
        gfx_warnf(warn,
                  "%s and the installed fonts lack %d character(s) of palette \"%s\" (first "
                  "U+%04X); dropped from it",
                  gfx_font_path(font), missing, ramps[ramp].name, (unsigned)first);
        return;
    }
    gfx_warnf(warn,
              "%s and the installed fonts lack the characters of palette \"%s\" (U+%04X...); "
              "using \"%s\" instead",
              gfx_font_path(font), ramps[ramp].name, (unsigned)first, FALLBACK_RAMP);
    resolve_chars(out, ramps[gfx_ramp_find(FALLBACK_RAMP)].chars, font, &first);
}

/* ------------------------------------------------------------ colour palettes */
#define MAX_STOPS 6
static const struct {
    const char *name;
    int n_stops;
    uint8_t stops[MAX_STOPS][3]; /* evenly spaced, first = faint end */
} palettes[] = {
    {"neon", 4, {{255, 0, 170}, {170, 0, 255}, {0, 200, 255}, {0, 255, 140}}},
    {"matrix", 3, {{0, 150, 40}, {40, 240, 90}, {210, 255, 210}}},
    /* matrix's green, lit as a phosphor screen: the faint end carries some
     * red and blue, so dim trails read as more than a third of their green */
    {"phosphor", 3, {{30, 200, 90}, {110, 255, 150}, {225, 255, 225}}},
    {"amber", 3, {{170, 70, 0}, {255, 160, 0}, {255, 230, 150}}},
    {"cyberpunk", 4, {{255, 0, 110}, {140, 0, 255}, {0, 230, 255}, {250, 250, 0}}},
    {"vaporwave",
     5,
     {{255, 113, 206}, {185, 103, 255}, {1, 205, 254}, {5, 255, 161}, {255, 251, 150}}},
    {"ice", 3, {{40, 110, 230}, {60, 190, 255}, {230, 250, 255}}},
    {"fire", 4, {{190, 30, 0}, {255, 80, 0}, {255, 180, 20}, {255, 250, 200}}},
    {"mono", 2, {{200, 200, 200}, {255, 255, 255}}},
    {"sunset", 4, {{150, 40, 190}, {255, 50, 100}, {255, 140, 40}, {255, 220, 100}}},
    {"ocean", 4, {{0, 90, 160}, {0, 150, 170}, {40, 220, 200}, {200, 255, 240}}},
    {"toxic", 3, {{80, 160, 10}, {180, 255, 0}, {255, 255, 120}}},
    {"rainbow", 0, {{0}}},
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
        return;
    }
    for (int i = 0; i < 256; i++) {
        float pos = (float)i / 255.0f * (float)(n - 1);
        int s = (int)pos;
        if (s >= n - 1)
            s = n - 2;
        float f = pos - (float)s;
        for (int ch = 0; ch < 3; ch++) {
            float a = palettes[palette].stops[s][ch], b = palettes[palette].stops[s + 1][ch];
            lut->rgb[i][ch] = (uint8_t)lroundf(a + (b - a) * f);
        }
    }
    lut->cyclic = 0;
}

/* ------------------------------------------------------------ hue mappings */
static const char *const hue_names[GFX_HUE_MAPPINGS] = {
    "angle", "distance", "value", "time", "index", "effect",
};

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

static inline float clamp01(float x)
{
    return x < 0.0f ? 0.0f : x > 1.0f ? 1.0f : x;
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
    float t = (float)a->time;
    *linear = 0;
    switch (a->hue_mapping) {
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
    return (int)(pos * 255.0f + 0.5f);
}

void gfx_colour_cells(const gfx_colour_args *a)
{
    const gfx_grid *g = a->grid;
    int top = a->ramp->n - 1;
    float floor_b = a->brightness_floor;
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
            const uint8_t *rgb = a->lut->rgb[lut_index(a->lut, h, linear)];
            unsigned scale = (unsigned)((floor_b + (1.0f - floor_b) * v) * 256.0f + 0.5f);
            cell->glyph = a->ramp->glyph[k];
            cell->r = (uint8_t)((rgb[0] * scale) >> 8);
            cell->g = (uint8_t)((rgb[1] * scale) >> 8);
            cell->b = (uint8_t)((rgb[2] * scale) >> 8);
            cell->reserved = 0;
        }
}
