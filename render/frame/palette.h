/* Palettes and the colour stage: an effect's value[] and hue[] per cell
 * become gfx_cell {glyph, r, g, b} for the blit.
 *
 * Character ramps run from empty to dense; every ramp starts with a space,
 * so value 0 is always the blank glyph 0. Colour palettes are gradients
 * sampled into a 256-entry table; a hue mapping decides where on the
 * gradient each cell sits. */
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

/* --------------------------------------------------------- colour palettes */
int gfx_colours_count(void);
const char *gfx_colours_name(int palette);
int gfx_colours_find(const char *name); /* -1 if unknown */

/* A palette sampled at 256 positions. A cyclic palette (rainbow) is read
 * with the hue directly; a gradient is read back and forth (position =
 * 1 - |2h - 1|) so cyclic hue mappings have no seam. */
typedef struct gfx_colour_lut {
    uint8_t rgb[256][3];
    int cyclic;
} gfx_colour_lut;
void gfx_colours_lut(gfx_colour_lut *lut, int palette);

/* ------------------------------------------------------------ hue mappings */
enum gfx_hue_mapping {
    GFX_HUE_ANGLE = 0, /* around the centre, turning slowly with time */
    GFX_HUE_DISTANCE,  /* from the centre, flowing outward with time */
    GFX_HUE_VALUE,     /* the cell's value */
    GFX_HUE_TIME,      /* the whole grid drifts through the palette, with a column skew */
    GFX_HUE_INDEX,     /* the glyph's position in the ramp */
    GFX_HUE_EFFECT,    /* the effect's own hue[] */
    GFX_HUE_MAPPINGS
};
const char *gfx_hue_name(int mapping);
int gfx_hue_find(const char *name); /* -1 if unknown */

/* --------------------------------------------------------------- HSV, RGB
 * rgb[3*i..] = HSV(h[i] (cyclic, any real), s, v[i] (clamped to [0, 1]))
 * rounded to bytes; branch-free per element, so the loop vectorizes. */
void gfx_hsv_to_rgb(uint8_t *rgb, const float *h, float s, const float *v, int n);

/* ------------------------------------------------------------ colour stage */
typedef struct gfx_colour_args {
    const gfx_grid *grid;
    const float *value; /* rows*cols, [0, 1] (after the tonemap) */
    const float *hue;   /* rows*cols, the effect's hue suggestion */
    const gfx_ramp_glyphs *ramp;
    const gfx_colour_lut *lut;
    int hue_mapping;
    double time;
    float brightness_floor; /* colour brightness at the faintest visible glyph */
    gfx_cell *cells;        /* rows*cols, row-major */
} gfx_colour_args;

/* glyph = ramp[round(v * (n - 1))] (v <= 0 -> blank), or the effect's
 * glyph pick (effect.h) where that is not blank; colour = lut at the hue
 * position, scaled by floor + (1 - floor) * v. */
void gfx_colour_cells(const gfx_colour_args *a);

#endif
