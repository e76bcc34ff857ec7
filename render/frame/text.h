/* Text overlays and lyric display (catalogue section 17): items drawn as
 * glyph cells over a grid, for the frame code to blit after the effect.
 *
 * An item is plain data: a kind from the table below, its parameters (floats
 * in the order of the kind's gfx_param_desc list, like an effect's), and its
 * text: one string, a list of strings, or lyric cues (srt.h). A scene parser
 * and `--list` read the table; gfx_text_item_init fills the defaults.
 *
 * Rendering is a pure function of (item, grid, feature track, frame, time,
 * seed): the same cells whatever was rendered before. Randomness is
 * gfx_hash32 of (seed, frame or cue, glyph index); beats are frames whose
 * `beat` > 0.5. Characters become glyph indices through gfx_font_glyph, which
 * adds a character the font has to its set on first use (so any script the
 * font covers renders; refresh the atlas with gfx_glyph_atlas_view before
 * blitting). Text is UTF-8 decoded by gfx_utf8_next, one code point per cell.
 *
 * Placement: `x` and `y` align a block of text in the grid: 0 puts it at the
 * left / top, 1 at the right / bottom, 0.5 centres it (each line of a block
 * is aligned on its own, so centred lines stay centred). Multi-line text
 * (lyrics, messages) is greedily word-wrapped at `wrap` glyphs, 0 meaning the
 * catalogue's choice: 50 on a landscape grid, 25 on a portrait one, never
 * more than the grid's width less 2 Lines follow each other on the next row; wave's
 * lines are 2 round(amplitude) + 1 rows apart, so that waving lines never
 * meet.
 *
 * Colours: an item's (r, g, b) scaled by its brightness b in [0, 1] per
 * channel, round(c * b); a glyph whose brightness is below 0.05 is not
 * drawn. Cells of an overlay are overwritten by the glyphs an item draws
 * and left alone elsewhere, so several items may share one overlay; spaces
 * draw nothing (glyph 0 is transparent).
 *
 * What each kind draws at time t (params in the kind's table; p = progress
 * through the lyric cue on screen, (t - start) / (end - start), in [0, 1)):
 *   stamp            strings[0], lines as written (no wrap), at x, y.
 *   ticker           on row round(y (rows - 1)), column c shows glyph
 *                    (floor(speed t) + c) mod (n + 3) of "text" + 3 spaces.
 *   beat_words       the newest beat frame B in (frame - hold, frame] picks
 *                    word hash(seed, B) mod n, centred on row
 *                    rows / 2 + (hash'(seed, B) mod (2 spread + 1)) - spread.
 *   fading_messages  message floor(t / period) mod n at brightness
 *                    min(1, phase / fade) min(1, (period - phase) / fade).
 *   typewriter       the first floor(n min(1, lead p) + 1e-9) glyphs (the
 *                    slack makes p = k / n show k); glyph k, age a = shown - k,
 *                    at min(1, 0.5 + 0.5 / (1 + 0.015 a)), red x (1 + s) and
 *                    blue x (1 - s), s = 0.05 sin(0.3 k + 2 t); "▌" in
 *                    (255, 220, 100) on the next glyph's cell while
 *                    floor(3 t) is even, until all are shown.
 *   tts_typewriter   typewriter with lead 1.2 (a little ahead of speech).
 *   fade_in          the whole cue at min(1, p / rise).
 *   flash            the cue at max(floor, decay^(frame - B)), B the newest
 *                    beat frame since the cue began, else its first frame.
 *   scatter          glyph k from cell (hash(seed, cue, k) mod rows,
 *                    hash'(seed, cue, k) mod cols) to its own, eased
 *                    e = 1 - (1 - q)^3, q = min(1, p / settle), rounded.
 *   wave             glyph in column c raised round(amplitude
 *                    sin(2 pi (speed t - c / wavelength))) rows.
 *   text_backdrop    nothing in cells: see gfx_text_backdrop below.
 * Glyph positions round half away from zero (lround). */
#ifndef GFX_TEXT_H
#define GFX_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "effect.h"
#include "font.h"
#include "image.h"
#include "srt.h"

enum gfx_text_kind {
    GFX_TEXT_STAMP = 0,       /* a string at a place, in one colour */
    GFX_TEXT_TICKER,          /* a string scrolling left, repeating */
    GFX_TEXT_BEAT_WORDS,      /* a random word on each beat */
    GFX_TEXT_FADING_MESSAGES, /* messages in turn, faded in and out */
    GFX_TEXT_TYPEWRITER,      /* lyric mode: revealed glyph by glyph, cursor, glow */
    GFX_TEXT_TTS_TYPEWRITER,  /* the same, a little ahead of the speech */
    GFX_TEXT_FADE_IN,         /* lyric mode: the line from dark to bright */
    GFX_TEXT_FLASH,           /* lyric mode: full on a beat, then fading */
    GFX_TEXT_SCATTER,         /* lyric mode: glyphs fly from random cells to their slots */
    GFX_TEXT_WAVE,            /* lyric mode: glyphs ride a sine */
    GFX_TEXT_BACKDROP,        /* a blurred dark box behind the text: a canvas pass */
    GFX_TEXT_KINDS
};

/* What an item's text is. */
enum gfx_text_input {
    GFX_TEXT_INPUT_NONE = 0, /* backdrop */
    GFX_TEXT_INPUT_STRING,   /* strings[0] */
    GFX_TEXT_INPUT_STRINGS,  /* strings[0 .. n_strings), at least one */
    GFX_TEXT_INPUT_LYRICS,   /* lyrics cues */
};

typedef struct gfx_text_kind_desc {
    const char *name; /* as in the catalogue: "typewriter", "ticker", ... */
    const char *summary;
    enum gfx_text_input input;
    const gfx_param_desc *params; /* n_params entries, at most GFX_MAX_PARAMS */
    int n_params;
} gfx_text_kind_desc;

int gfx_text_kind_count(void); /* GFX_TEXT_KINDS */
const gfx_text_kind_desc *gfx_text_kind_at(int kind);
int gfx_text_kind_find(const char *name); /* the kind, or -1 */

typedef struct gfx_text_item {
    int kind; /* enum gfx_text_kind */
    float params[GFX_MAX_PARAMS];
    const char *const *strings; /* UTF-8, borrowed; '\n' breaks a line */
    int n_strings;
    const gfx_lyrics *lyrics; /* borrowed; cue times are song times */
} gfx_text_item;

/* kind with its default parameters and no text. */
void gfx_text_item_init(gfx_text_item *item, int kind);

typedef struct gfx_text_ctx {
    const gfx_grid *grid;
    const gfx_feature_track *track; /* beats, for beat words and flash */
    int frame;
    double time; /* seconds into the song: frame / fps */
    double fps;
    uint32_t seed;
    gfx_font *font; /* glyph indices; gains characters as text meets them */
} gfx_text_ctx;

/* Draws the item at ctx's time into overlay (grid rows * cols cells,
 * row-major). A backdrop draws nothing here (see below); an item without
 * its text, or a lyric item between cues, draws nothing. */
void gfx_text_render(const gfx_text_item *item, const gfx_text_ctx *ctx, gfx_cell *overlay);

/* The text backdrop (`apply_text_backdrop`): a box around every glyph of an
 * overlay, grown by `padding` px on each side and 50 px more on the right
 * and 60 px more below, blurred by a Gaussian of sigma 0.6 * padding (in
 * closed form: the product of two erf steps), darkens the canvas behind the
 * text: pixel * (1 - darkness * box). The mask byte is
 * 255 - floor(255 darkness box + 0.5) and the vignette kernel applies it
 * (gfx_div255(pixel * mask)), over the box and 3 sigma around it only.
 * Apply after the background is drawn and before the text is blitted. */
typedef struct gfx_text_backdrop {
    int x, y, width, height; /* the canvas rectangle the mask covers; width 0: none */
    uint8_t *mask;           /* width * height, rows `width` apart; reused between frames */
    size_t capacity;
} gfx_text_backdrop;

/* padding and darkness as the backdrop kind's params (80 px, 0.75).
 * 0, or -1 when out of memory. */
int gfx_text_backdrop_build(gfx_text_backdrop *b, const gfx_cell *overlay, const gfx_grid *grid,
                            int canvas_w, int canvas_h, float padding, float darkness);
void gfx_text_backdrop_apply(const gfx_text_backdrop *b, gfx_image *canvas);
void gfx_text_backdrop_free(gfx_text_backdrop *b);

#endif
