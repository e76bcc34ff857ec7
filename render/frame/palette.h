/* Palettes and the colour stage: an effect's value[] and hue[] per cell
 * become gfx_cell {glyph, r, g, b} for the blit.
 *
 * Character ramps run from empty to dense; every ramp starts with a space,
 * so value 0 is always the blank glyph 0. Colour palettes are gradients
 * sampled into a 256-entry table (stops interpolated in RGB, HSV, OKLab or
 * OKLCH) or discrete tables of a few colours; a hue mapping decides where
 * on the palette each cell sits. Scene files add their own ramps and
 * palettes (scene.h); the conversions and harmonies here build them. */
#ifndef GFX_PALETTE_H
#define GFX_PALETTE_H

#include <stdint.h>
#include <stdio.h>

#include "effect.h"
#include "font.h"
#include "gfx_kernels.h"

/* ------------------------------------------------------------ char ramps
 * The catalogue's 29 ramps (section 8), in its order and with its glyphs:
 * default dense minimal binary gradient blocks blocks_ext shade math box
 * circuit rune alchemic zodiac arrows music kata greek cyrillic arabic dots
 * stars braille halffill hatch hermes ocean organic machine; then the three
 * older ramps it has no name for: quadrant, katakana (57 half-width
 * katakana) and code; then the catalogue's 13 particle sets (section 5),
 * PART_ENERGY ... PART_DASH as part_energy ... part_dash (prefixed: binary,
 * rune, zodiac and dots are already ramps), each its set's glyphs in its
 * order after the space, for any effect's layer. Choices where the
 * catalogue left room:
 * - names are its PAL_ names in lower case (PAL_BLOCKS_EXT: "blocks_ext");
 *   older ramps of the same name (default, dense, minimal, binary, shade,
 *   blocks, box, braille, stars, dots) now draw the catalogue's glyphs, so
 *   every old name still parses, some with another look;
 * - ocean's repeated ≈ are kept (same glyph, so the same ink at those
 *   steps), as is math's ASCII x; binary is two glyphs (space, █);
 * - the order is the catalogue's even where ink does not rise along it
 *   (box, arrows, zodiac are sets of shapes, not densities). */
/* Then three glyph sets for the character effects' glyph picks (effect.h),
 * not densities: corrupt (block_corrupt's blocks and katakana), scan
 * (scanbars' strokes) and terminal (digits, capitals, '_' and 'x': hex
 * streams and error words). */
int gfx_ramp_count(void);
const char *gfx_ramp_name(int ramp);
const char *gfx_ramp_chars(int ramp); /* UTF-8, empty to dense */
int gfx_ramp_find(const char *name);  /* -1 if unknown */

#define GFX_RAMP_MAX 96
/* A ramp resolved against a font: glyph[0] = 0 (blank), then the ramp's
 * characters in order, each from the font or its per-glyph fallback
 * (font.h); those no installed font has are dropped, so there are no dark
 * holes. When fewer than two visible characters survive, the ramp falls
 * back to "code" (plain ASCII, which every font has). What was dropped is
 * reported in one line to `warn` (NULL: silent). */
typedef struct gfx_ramp_glyphs {
    uint16_t glyph[GFX_RAMP_MAX];
    int n;
} gfx_ramp_glyphs;
void gfx_ramp_resolve(gfx_ramp_glyphs *out, int ramp, gfx_font *font, const gfx_warn *warn);
/* The same for a ramp written in a scene file: `name` for the report. */
void gfx_ramp_resolve_chars(gfx_ramp_glyphs *out, const char *name, const char *chars,
                            gfx_font *font, const gfx_warn *warn);
/* Whether `chars` can be a ramp: valid UTF-8 without control characters,
 * 1..GFX_RAMP_MAX - 1 characters other than space (a leading space is
 * optional: glyph 0 is always blank). 0, or -1 with what is wrong in why. */
int gfx_ramp_check_chars(const char *chars, char *why, size_t why_size);

/* --------------------------------------------------------- colour palettes
 * The built-in gradients, then the catalogue's 10 discrete RGB palettes
 * (section 7: COLORS_NEON ... COLORS_FOREST, named in lower case:
 * colors_neon ...) and "temperature" (a cool blue to a warm orange through
 * OKLab: the catalogue's warm/cool strategy). */
int gfx_colours_count(void);
const char *gfx_colours_name(int palette);
int gfx_colours_find(const char *name); /* -1 if unknown */

/* A palette sampled at 256 positions. A cyclic palette (rainbow) is read
 * with the hue directly; a gradient is read back and forth (position =
 * 1 - |2h - 1|) so cyclic hue mappings have no seam. A discrete palette
 * (n_entries > 0) holds its colours in rgb[0 .. n_entries - 1] and is read
 * as the catalogue's rgb_palette_map: position p picks entry floor(p n)
 * (the last one at p = 1); cyclic mappings read it with the hue mod 1. */
typedef struct gfx_colour_lut {
    uint8_t rgb[256][3];
    int cyclic;
    int n_entries;
} gfx_colour_lut;
void gfx_colours_lut(gfx_colour_lut *lut, int palette);

/* How a gradient runs between its stops. */
enum gfx_interpolation {
    GFX_INTERP_RGB = 0, /* straight in sRGB bytes (the built-in gradients) */
    GFX_INTERP_HSV,     /* hue along the shorter way round, then S and V */
    GFX_INTERP_OKLAB,   /* straight in OKLab: no muddy detours */
    GFX_INTERP_OKLCH,   /* L, C and the hue along the shorter arc */
    GFX_INTERPOLATIONS
};
const char *gfx_interpolation_name(int interpolation);
int gfx_interpolation_find(const char *name); /* -1 if unknown */

#define GFX_COLOURS_MAX_STOPS 32
/* A palette from 2..GFX_COLOURS_MAX_STOPS stops (1 gives a flat palette):
 * a gradient with the stops evenly spaced, or discrete (the stops are the
 * entries). */
void gfx_colours_build(gfx_colour_lut *lut, const uint8_t (*stops)[3], int n, int interpolation,
                       int discrete);

/* "#rrggbb" or "#rgb" (case-insensitive); 0, or -1 when it is neither. */
int gfx_colour_parse_hex(const char *text, uint8_t rgb[3]);

/* ------------------------------------------------------------ OKLab, OKLCH
 * sRGB transfer: decode c <= 0.04045 ? c/12.92 : ((c + 0.055)/1.055)^2.4,
 * encode c <= 0.0031308 ? 12.92c : 1.055c^(1/2.4) - 0.055 (c in 0..1).
 * Linear RGB <-> OKLab by Björn Ottosson's published matrices (LMS, cube
 * root, Lab). OKLCH: C = sqrt(a^2 + b^2), h = atan2(b, a) / 2pi mod 1 (in
 * turns, like every hue here). Bytes out are clamped and rounded. */
typedef struct gfx_oklab {
    float l, a, b;
} gfx_oklab;
typedef struct gfx_oklch {
    float l, c, h;
} gfx_oklch;
extern const float gfx_oklab_lms_matrix[3][3]; /* linear sRGB -> LMS */
extern const float gfx_oklab_lab_matrix[3][3]; /* cube-rooted LMS -> Lab */
float gfx_srgb_decode(float c);
float gfx_srgb_encode(float c);
gfx_oklab gfx_linear_to_oklab(const float rgb[3]);
void gfx_oklab_to_linear(gfx_oklab lab, float rgb[3]); /* unclamped */
gfx_oklab gfx_rgb8_to_oklab(const uint8_t rgb[3]);
void gfx_oklab_to_rgb8(gfx_oklab lab, uint8_t rgb[3]);
gfx_oklch gfx_oklab_to_oklch(gfx_oklab lab);
gfx_oklab gfx_oklch_to_oklab(gfx_oklch lch);
gfx_oklab gfx_lerp_oklab(gfx_oklab x, gfx_oklab y, float t);
/* L and C straight, h along the shorter arc (result h in [0, 1)). */
gfx_oklch gfx_lerp_oklch(gfx_oklch x, gfx_oklch y, float t);

/* ---------------------------------------------------------------- harmonies
 * Palettes from one seed colour: its OKLCH L and C kept, its hue turned by
 * the catalogue's offsets (in turns), the seed first:
 *   complementary 0, +0.5        triadic 0, +0.333, +0.667
 *   analogous -0.16, -0.08, 0, +0.08, +0.16 (in that order)
 *   split_complementary 0, +0.42, +0.58      tetradic 0, +0.25, +0.5, +0.75
 * and monochrome (the catalogue's strategy: one hue, lightness and chroma
 * varied): L 0.3, 0.45, 0.6, 0.75, 0.9 with C the seed's times 0.4, 0.55,
 * 0.7, 0.85, 1. */
enum gfx_harmony {
    GFX_HARMONY_COMPLEMENTARY = 0,
    GFX_HARMONY_TRIADIC,
    GFX_HARMONY_ANALOGOUS,
    GFX_HARMONY_SPLIT_COMPLEMENTARY,
    GFX_HARMONY_TETRADIC,
    GFX_HARMONY_MONOCHROME,
    GFX_HARMONIES
};
#define GFX_HARMONY_MAX 5
const char *gfx_harmony_name(int harmony);
int gfx_harmony_find(const char *name); /* -1 if unknown */
/* The hue offsets (turns) of a rotating harmony; returns their count. */
int gfx_harmony_offsets(int harmony, float offsets[GFX_HARMONY_MAX]);
/* The harmony's colours into out; returns their count. */
int gfx_harmony_colours(int harmony, const uint8_t seed[3], uint8_t out[GFX_HARMONY_MAX][3]);

/* ------------------------------------------------------------ hue mappings */
enum gfx_hue_mapping {
    GFX_HUE_ANGLE = 0, /* around the centre, turning slowly with time */
    GFX_HUE_DISTANCE,  /* from the centre, flowing outward with time */
    GFX_HUE_VALUE,     /* the cell's value */
    GFX_HUE_TIME,      /* the whole grid drifts through the palette, with a column skew */
    GFX_HUE_INDEX,     /* the glyph's position in the ramp */
    GFX_HUE_EFFECT,    /* the effect's own hue[] */
    /* The catalogue's 9 hue fields (section 7), under its names, t in
     * seconds, c and r the cell's column and row, all mod 1:
     * hf_fixed(hue) hue; hf_angle(offset) angle/2pi + offset + 0.05t;
     * hf_distance(base, scale) base + scale dist + 0.03t (dist in cell
     * widths); hf_time_cycle(speed) speed t; hf_audio_cent(scale) scale x
     * the spectral centroid; hf_gradient_h(start, end) start + (c/cols)
     * (end - start); hf_gradient_v the same over rows; hf_plasma(speed)
     * 0.5 sin(0.02c + speed t) + 0.5 sin(0.015r + 0.7 speed t);
     * hf_oklch_angle(offset, chroma, lightness) the colour OKLCH(lightness,
     * chroma, angle/2pi + offset + 0.05t) itself, not a palette position. */
    GFX_HUE_HF_FIXED,
    GFX_HUE_HF_ANGLE,
    GFX_HUE_HF_DISTANCE,
    GFX_HUE_HF_TIME_CYCLE,
    GFX_HUE_HF_AUDIO_CENT,
    GFX_HUE_HF_GRADIENT_H,
    GFX_HUE_HF_GRADIENT_V,
    GFX_HUE_HF_PLASMA,
    GFX_HUE_HF_OKLCH_ANGLE,
    GFX_HUE_MAPPINGS
};
#define GFX_HUE_MAX_PARAMS 3
const char *gfx_hue_name(int mapping);
int gfx_hue_find(const char *name);       /* -1 if unknown */
const char *gfx_hue_summary(int mapping); /* one line for --list */
/* A mapping's parameters (n_params may be 0), in the order colour args
 * take their values. */
const gfx_param_desc *gfx_hue_params(int mapping, int *n_params);

/* --------------------------------------------------------------- HSV, RGB
 * rgb[3*i..] = HSV(h[i] (cyclic, any real), s, v[i] (clamped to [0, 1]))
 * rounded to bytes; branch-free per element, so the loop vectorizes. */
void gfx_hsv_to_rgb(uint8_t *rgb, const float *h, float s, const float *v, int n);
/* HSV of a byte colour: h in turns [0, 1) (0 for a grey), s and v in [0, 1]. */
void gfx_rgb_to_hsv(const uint8_t rgb[3], float hsv[3]);

/* ------------------------------------------------------------ colour stage */
typedef struct gfx_colour_args {
    const gfx_grid *grid;
    const float *value; /* rows*cols, [0, 1] (after the tonemap) */
    const float *hue;   /* rows*cols, the effect's hue suggestion */
    const gfx_ramp_glyphs *ramp;
    const gfx_colour_lut *lut;
    int hue_mapping;
    float hue_params[GFX_HUE_MAX_PARAMS]; /* gfx_hue_params' order */
    float centroid;                       /* the frame's spectral centroid (hf_audio_cent) */
    double time;
    float brightness_floor; /* colour brightness at the faintest visible glyph */
    float saturation;       /* 1 keeps the palette's colours, 0 greys, up to 2 */
    gfx_cell *cells;        /* rows*cols, row-major */
} gfx_colour_args;

/* glyph = ramp[round(v * (n - 1))] (v <= 0 -> blank), or the effect's
 * glyph pick (effect.h) where that is not blank; colour = lut at the hue
 * position, its HSV saturation scaled by `saturation` (each channel c
 * becomes m - s (m - c), m the largest channel, so the value stays),
 * then scaled by floor + (1 - floor) * v. */
void gfx_colour_cells(const gfx_colour_args *a);

/* The same saturation scaling on cells already coloured (a video or text
 * layer's); 1 leaves them as they are. */
void gfx_cells_saturate(gfx_cell *cells, int n, float saturation);

#endif
