#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gfx_kernels.h"

/* ------------------------------------------------------------ kind table */

#define COLOUR_PARAMS(r, g, b)                                                                     \
    {"r", r, 0, 255, "red of the text colour"}, {"g", g, 0, 255, "green of the text colour"},      \
    {                                                                                              \
        "b", b, 0, 255, "blue of the text colour"                                                  \
    }
#define BLOCK_PARAMS                                                                               \
    {"y", 0.5f, 0, 1, "vertical place: 0 top, 0.5 middle, 1 bottom"},                              \
    {                                                                                              \
        "wrap", 0, 0, 500, "word wrap width in glyphs; 0: 50 landscape, 25 portrait"               \
    }

static const gfx_param_desc stamp_params[] = {
    {"x", 0, 0, 1, "horizontal place: 0 left, 0.5 centred, 1 right"},
    {"y", 0, 0, 1, "vertical place: 0 top, 0.5 middle, 1 bottom"},
    COLOUR_PARAMS(255, 255, 255),
};
static const gfx_param_desc ticker_params[] = {
    {"speed", 15, 0, 240, "glyphs per second, scrolling left"},
    {"y", 1, 0, 1, "vertical place: 0 top, 0.5 middle, 1 bottom"},
    COLOUR_PARAMS(80, 100, 140),
};
static const gfx_param_desc beat_words_params[] = {
    {"spread", 5, 0, 100, "rows above or below the middle a word may land"},
    {"hold", 1, 1, 240, "frames a word stays, counting its beat frame"},
    COLOUR_PARAMS(255, 240, 220),
};
static const gfx_param_desc fading_messages_params[] = {
    {"period", 4, 0.5f, 60, "seconds per message"},
    {"fade", 1, 0.01f, 30, "seconds of fade in and of fade out"},
    BLOCK_PARAMS,
    COLOUR_PARAMS(220, 220, 220),
};
static const gfx_param_desc typewriter_params[] = {
    {"lead", 1, 0.1f, 4, "reveal speed: 1 completes at the cue's end, 1.2 ahead of speech"},
    {"cursor", 1, 0, 1, "1: a blinking cursor until the line is complete"},
    BLOCK_PARAMS,
    COLOUR_PARAMS(230, 230, 230),
};
static const gfx_param_desc tts_typewriter_params[] = {
    {"lead", 1.2f, 0.1f, 4, "reveal speed: 1 completes at the cue's end, 1.2 ahead of speech"},
    {"cursor", 1, 0, 1, "1: a blinking cursor until the line is complete"},
    BLOCK_PARAMS,
    COLOUR_PARAMS(230, 230, 230),
};
static const gfx_param_desc fade_in_params[] = {
    {"rise", 0.3f, 0.01f, 1, "share of the cue's time spent brightening"},
    BLOCK_PARAMS,
    COLOUR_PARAMS(255, 255, 255),
};
static const gfx_param_desc flash_params[] = {
    {"decay", 0.85f, 0, 1, "brightness kept per frame after a beat"},
    {"floor", 0.2f, 0, 1, "brightness between beats"},
    BLOCK_PARAMS,
    COLOUR_PARAMS(255, 255, 255),
};
static const gfx_param_desc scatter_params[] = {
    {"settle", 0.3f, 0.01f, 1, "share of the cue's time the glyphs fly"},
    BLOCK_PARAMS,
    COLOUR_PARAMS(255, 255, 255),
};
static const gfx_param_desc wave_params[] = {
    {"amplitude", 1.5f, 0, 20, "rows up and down"},
    {"wavelength", 12, 1, 200, "glyphs per wave"},
    {"speed", 0.5f, 0, 10, "waves per second"},
    BLOCK_PARAMS,
    COLOUR_PARAMS(255, 255, 255),
};
static const gfx_param_desc backdrop_params[] = {
    {"padding", 80, 0, 400, "pixels the box extends past the text"},
    {"darkness", 0.75f, 0, 1, "how much of the background the box takes away"},
};

#define KIND(name, summary, input, params)                                                         \
    {                                                                                              \
        name, summary, input, params, (int)(sizeof params / sizeof params[0])                      \
    }

static const gfx_text_kind_desc kinds[GFX_TEXT_KINDS] = {
    KIND("stamp", "a string written at a place in one colour, clipped", GFX_TEXT_INPUT_STRING,
         stamp_params),
    KIND("ticker", "string + 3 spaces + string scrolling left across the grid",
         GFX_TEXT_INPUT_STRING, ticker_params),
    KIND("beat_words", "on each beat a random word, centred, at the middle row +-spread",
         GFX_TEXT_INPUT_STRINGS, beat_words_params),
    KIND("fading_messages", "message t/period in turn: fade in, hold, fade out",
         GFX_TEXT_INPUT_STRINGS, fading_messages_params),
    KIND("typewriter", "lyrics revealed glyph by glyph over the cue, with glow and cursor",
         GFX_TEXT_INPUT_LYRICS, typewriter_params),
    KIND("tts_typewriter", "typewriter 1.2x ahead of the speech", GFX_TEXT_INPUT_LYRICS,
         tts_typewriter_params),
    KIND("fade_in", "the whole lyric line from dark to bright", GFX_TEXT_INPUT_LYRICS,
         fade_in_params),
    KIND("flash", "the lyric line full on a beat, then fading", GFX_TEXT_INPUT_LYRICS,
         flash_params),
    KIND("scatter", "lyric glyphs fly from random cells to their places", GFX_TEXT_INPUT_LYRICS,
         scatter_params),
    KIND("wave", "lyric glyphs ride a travelling sine", GFX_TEXT_INPUT_LYRICS, wave_params),
    KIND("text_backdrop", "a blurred dark box behind all text, for readability",
         GFX_TEXT_INPUT_NONE, backdrop_params),
};

int gfx_text_kind_count(void)
{
    return GFX_TEXT_KINDS;
}

const gfx_text_kind_desc *gfx_text_kind_at(int kind)
{
    return kind >= 0 && kind < GFX_TEXT_KINDS ? &kinds[kind] : NULL;
}

int gfx_text_kind_find(const char *name)
{
    for (int i = 0; i < GFX_TEXT_KINDS; i++)
        if (!strcmp(kinds[i].name, name))
            return i;
    return -1;
}

void gfx_text_item_init(gfx_text_item *item, int kind)
{
    memset(item, 0, sizeof *item);
    item->kind = kind;
    const gfx_text_kind_desc *d = gfx_text_kind_at(kind);
    for (int i = 0; d && i < d->n_params; i++)
        item->params[i] = d->params[i].def;
}

/* ---------------------------------------------------------------- layout */

#define MAX_GLYPHS 1024
#define MAX_LINES 256
#define HIDDEN_BELOW 0.05f
#define CURSOR_CODEPOINT 0x258c /* ▌ */

/* A block of text placed on the grid: glyph k (reading order) at (row, col). */
typedef struct text_block {
    int n;
    uint32_t cp[MAX_GLYPHS];
    int row[MAX_GLYPHS], col[MAX_GLYPHS];
    int line_of[MAX_GLYPHS];
} text_block;

/* Lines under construction: glyphs in cp[], line i is [start[i], start[i+1]). */
typedef struct line_builder {
    text_block *b;
    int start[MAX_LINES + 1];
    int n_lines;
} line_builder;

static void push_glyph(line_builder *lb, uint32_t cp)
{
    if (lb->b->n < MAX_GLYPHS)
        lb->b->cp[lb->b->n++] = cp;
}

static void end_line(line_builder *lb)
{
    if (lb->n_lines < MAX_LINES)
        lb->start[++lb->n_lines] = lb->b->n;
}

static int line_length(const line_builder *lb)
{
    return lb->b->n - lb->start[lb->n_lines];
}

static int decode(const char *s, uint32_t *cp, int max)
{
    int n = 0;
    uint32_t c;
    while (n < max && (c = gfx_utf8_next(&s)) != 0)
        cp[n++] = c;
    return n;
}

static int is_blank_cp(uint32_t c)
{
    return c == ' ' || c == '\t';
}

/* One paragraph (no '\n'), greedily wrapped at `wrap` glyphs: words are
 * runs of non-spaces, joined by one space; a word longer than a line is cut. */
static void wrap_paragraph(line_builder *lb, const uint32_t *cp, int n, int wrap)
{
    for (int i = 0; i < n;) {
        while (i < n && is_blank_cp(cp[i]))
            i++;
        int w = i;
        while (w < n && !is_blank_cp(cp[w]))
            w++;
        for (int len = w - i; len > 0;) {
            int used = line_length(lb);
            if (used && used + 1 + len > wrap) {
                end_line(lb);
                used = 0;
            }
            if (used)
                push_glyph(lb, ' ');
            int take = len < wrap ? len : wrap;
            for (int k = 0; k < take; k++)
                push_glyph(lb, cp[i + k]);
            i += take;
            len -= take;
            if (len)
                end_line(lb);
        }
        i = w;
    }
    end_line(lb);
}

/* Lays out `text` (lines at '\n'; wrap > 0: each line word-wrapped, else
 * kept as written) aligned by x, y in the grid, lines `pitch` rows apart. */
static void layout(text_block *b, const char *text, int wrap, int pitch, float x, float y,
                   const gfx_grid *g)
{
    static const int max_input = 4 * MAX_GLYPHS;
    uint32_t *cp = malloc(sizeof *cp * (size_t)max_input);
    line_builder lb = {.b = b};
    b->n = 0;
    int n = cp ? decode(text, cp, max_input) : 0;
    for (int i = 0; i <= n;) {
        int e = i;
        while (e < n && cp[e] != '\n')
            e++;
        if (wrap > 0)
            wrap_paragraph(&lb, cp + i, e - i, wrap);
        else {
            for (int k = i; k < e; k++)
                push_glyph(&lb, cp[k]);
            end_line(&lb);
        }
        i = e + 1;
    }
    free(cp);
    b->n = lb.start[lb.n_lines]; /* glyphs past the last line that fits are dropped */
    int height = lb.n_lines ? (lb.n_lines - 1) * pitch + 1 : 0;
    int top = (int)lround(y * (g->rows - height));
    for (int l = 0; l < lb.n_lines; l++) {
        int len = lb.start[l + 1] - lb.start[l];
        int left = (int)lround(x * (g->cols - len));
        for (int k = lb.start[l]; k < lb.start[l + 1]; k++) {
            b->row[k] = top + l * pitch;
            b->col[k] = left + k - lb.start[l];
            b->line_of[k] = l;
        }
    }
}

static int resolve_wrap(float wrap, const gfx_grid *g)
{
    int w = wrap >= 1 ? (int)wrap : g->cols >= g->rows * g->aspect ? 50 : 25;
    int most = g->cols - 2 > 1 ? g->cols - 2 : 1;
    return w < most ? w : most;
}

/* ----------------------------------------------------------------- cells */

static uint8_t channel(float c, float brightness)
{
    float v = c * brightness;
    return (uint8_t)lroundf(v < 0 ? 0 : v > 255 ? 255 : v);
}

static void put(gfx_cell *overlay, const gfx_text_ctx *ctx, int row, int col, uint32_t cp,
                const float rgb[3], float brightness)
{
    const gfx_grid *g = ctx->grid;
    if (row < 0 || row >= g->rows || col < 0 || col >= g->cols || brightness < HIDDEN_BELOW)
        return;
    uint16_t glyph = gfx_font_glyph(ctx->font, cp);
    if (!glyph)
        return;
    gfx_cell *c = &overlay[(size_t)row * (size_t)g->cols + (size_t)col];
    *c = (gfx_cell){glyph, channel(rgb[0], brightness), channel(rgb[1], brightness),
                    channel(rgb[2], brightness), 0};
}

static void draw_block(gfx_cell *overlay, const gfx_text_ctx *ctx, const text_block *b,
                       const float rgb[3], float brightness)
{
    for (int k = 0; k < b->n; k++)
        put(overlay, ctx, b->row[k], b->col[k], b->cp[k], rgb, brightness);
}

static uint32_t text_hash(uint32_t seed, uint32_t event, uint32_t index, uint32_t stream)
{
    return gfx_hash32(gfx_noise_key(seed, event, stream) ^ gfx_hash32(index));
}

enum { STREAM_WORD = 0x7e47, STREAM_ROW, STREAM_SCATTER_ROW, STREAM_SCATTER_COL };

static int is_beat(const gfx_feature_track *track, int frame)
{
    return track && track->n_frames > 0 && frame >= 0 && frame < track->n_frames &&
           track->frames[frame].beat > 0.5f;
}

static float clip01(double v)
{
    return v < 0 ? 0.0f : v > 1 ? 1.0f : (float)v;
}

/* ------------------------------------------------------- non-lyric items */

static void render_stamp(const gfx_text_item *it, const gfx_text_ctx *ctx, gfx_cell *overlay)
{
    text_block *b = malloc(sizeof *b);
    if (!b)
        return;
    layout(b, it->strings[0], 0, 1, it->params[0], it->params[1], ctx->grid);
    draw_block(overlay, ctx, b, &it->params[2], 1.0f);
    free(b);
}

/* The loop "text   text" read from floor(speed t) mod (len + 3), one grid width. */
static void render_ticker(const gfx_text_item *it, const gfx_text_ctx *ctx, gfx_cell *overlay)
{
    uint32_t cp[MAX_GLYPHS];
    int n = decode(it->strings[0], cp, MAX_GLYPHS - 3);
    for (int i = 0; i < n; i++)
        if (cp[i] == '\n')
            cp[i] = ' ';
    for (int i = 0; i < 3; i++)
        cp[n + i] = ' ';
    int loop = n + 3;
    long start = ((long)floor(it->params[0] * ctx->time) % loop + loop) % loop;
    int row = (int)lround(it->params[1] * (ctx->grid->rows - 1));
    for (int c = 0; c < ctx->grid->cols; c++)
        put(overlay, ctx, row, c, cp[(start + c) % loop], &it->params[2], 1.0f);
}

/* The newest beat in (frame - hold, frame] picks a word and a row. */
static void render_beat_words(const gfx_text_item *it, const gfx_text_ctx *ctx, gfx_cell *overlay)
{
    int hold = (int)it->params[1], beat = -1;
    for (int f = ctx->frame; f > ctx->frame - hold && f >= 0 && beat < 0; f--)
        if (is_beat(ctx->track, f))
            beat = f;
    if (beat < 0)
        return;
    int spread = (int)it->params[0];
    uint32_t word = text_hash(ctx->seed, (uint32_t)beat, 0, STREAM_WORD) % (uint32_t)it->n_strings;
    int offset =
        (int)(text_hash(ctx->seed, (uint32_t)beat, 0, STREAM_ROW) % (uint32_t)(2 * spread + 1)) -
        spread;
    uint32_t cp[MAX_GLYPHS];
    int n = decode(it->strings[word], cp, MAX_GLYPHS);
    int row = ctx->grid->rows / 2 + offset, left = (ctx->grid->cols - n) / 2;
    for (int k = 0; k < n; k++)
        put(overlay, ctx, row, left + k, cp[k], &it->params[2], 1.0f);
}

/* Message floor(t / period) mod n at min(1, phase / fade) min(1, (period - phase) / fade). */
static void render_fading_messages(const gfx_text_item *it, const gfx_text_ctx *ctx,
                                   gfx_cell *overlay)
{
    double period = it->params[0], fade = it->params[1];
    double turns = floor(ctx->time / period), phase = ctx->time - turns * period;
    float brightness = clip01(phase / fade) * clip01((period - phase) / fade);
    long index = (long)fmod(turns, (double)it->n_strings);
    if (brightness < HIDDEN_BELOW || index < 0)
        return;
    text_block *b = malloc(sizeof *b);
    if (!b)
        return;
    layout(b, it->strings[index], resolve_wrap(it->params[3], ctx->grid), 1, 0.5f, it->params[2],
           ctx->grid);
    draw_block(overlay, ctx, b, &it->params[4], brightness);
    free(b);
}

/* ------------------------------------------------------------ lyric modes */

/* What every lyric mode sees: the cue on screen, its progress p in [0, 1)
 * and its text laid out. Mode parameters come first in each table; then
 * y, wrap, r, g, b (BLOCK_PARAMS, COLOUR_PARAMS). */
typedef struct lyric_state {
    const gfx_lyric_cue *cue;
    double p;
    const float *mode;   /* the mode's own parameters */
    const float *colour; /* r, g, b */
    text_block block;
} lyric_state;

static void render_typewriter(const gfx_text_ctx *ctx, gfx_cell *overlay, const lyric_state *s)
{
    const text_block *b = &s->block;
    double progress = s->mode[0] * s->p < 1 ? s->mode[0] * s->p : 1;
    int shown = (int)floor(b->n * progress + 1e-9);
    for (int k = 0; k < shown; k++) {
        /* fresh glyphs brightest, settling to half; a slow shimmer red against blue */
        float age = (float)(shown - k);
        float brightness = fminf(1.0f, 0.5f + 0.5f / (1.0f + 0.015f * age));
        float shimmer = 0.05f * (float)sin(0.3 * k + 2.0 * ctx->time);
        float rgb[3] = {s->colour[0] * (1 + shimmer), s->colour[1], s->colour[2] * (1 - shimmer)};
        put(overlay, ctx, b->row[k], b->col[k], b->cp[k], rgb, brightness);
    }
    int cursor_on = s->mode[1] >= 0.5f && (long)floor(3.0 * ctx->time) % 2 == 0;
    if (cursor_on && shown < b->n) {
        static const float cursor_rgb[3] = {255, 220, 100};
        put(overlay, ctx, b->row[shown], b->col[shown], CURSOR_CODEPOINT, cursor_rgb, 1.0f);
    }
}

/* Brightness decay^(frames since the newest beat in the cue), at least floor;
 * the cue's first frame counts as a beat. */
static float flash_brightness(const gfx_text_ctx *ctx, const lyric_state *s)
{
    int first = (int)ceil(s->cue->start_ms / 1000.0 * ctx->fps - 1e-9);
    int beat = first;
    /* no beats past the track's end: a cue hours long is not walked frame by frame */
    int last =
        ctx->track && ctx->frame >= ctx->track->n_frames ? ctx->track->n_frames - 1 : ctx->frame;
    for (int f = last; f > first; f--)
        if (is_beat(ctx->track, f)) {
            beat = f;
            break;
        }
    float b = (float)pow(s->mode[0], ctx->frame - beat);
    return b > s->mode[1] ? b : s->mode[1];
}

/* Each glyph starts at a random cell (per cue and glyph) and eases out
 * (1 - (1 - q)^3) to its place, q = p / settle. */
static void render_scatter(const gfx_text_ctx *ctx, gfx_cell *overlay, const lyric_state *s)
{
    const gfx_grid *g = ctx->grid;
    const text_block *b = &s->block;
    double q = clip01(s->p / s->mode[0]), ease = 1 - (1 - q) * (1 - q) * (1 - q);
    uint32_t cue = (uint32_t)s->cue->number;
    for (int k = 0; k < b->n; k++) {
        int r0 =
            (int)(text_hash(ctx->seed, cue, (uint32_t)k, STREAM_SCATTER_ROW) % (uint32_t)g->rows);
        int c0 =
            (int)(text_hash(ctx->seed, cue, (uint32_t)k, STREAM_SCATTER_COL) % (uint32_t)g->cols);
        int row = (int)lround(r0 + (b->row[k] - r0) * ease);
        int col = (int)lround(c0 + (b->col[k] - c0) * ease);
        put(overlay, ctx, row, col, b->cp[k], s->colour, 1.0f);
    }
}

/* Row offset round(amplitude sin(2 pi (speed t - col / wavelength))). */
static void render_wave(const gfx_text_ctx *ctx, gfx_cell *overlay, const lyric_state *s)
{
    const text_block *b = &s->block;
    for (int k = 0; k < b->n; k++) {
        double phase = 2 * M_PI * (s->mode[2] * ctx->time - b->col[k] / (double)s->mode[1]);
        int row = b->row[k] + (int)lround(s->mode[0] * sin(phase));
        put(overlay, ctx, row, b->col[k], b->cp[k], s->colour, 1.0f);
    }
}

static void render_lyrics(const gfx_text_item *it, const gfx_text_ctx *ctx, gfx_cell *overlay)
{
    int cue = gfx_lyrics_cue_at(it->lyrics, ctx->time);
    if (cue < 0)
        return;
    int n_mode = kinds[it->kind].n_params - 5;
    lyric_state *s = malloc(sizeof *s);
    if (!s)
        return;
    s->cue = &it->lyrics->cues[cue];
    s->p = (ctx->time * 1000.0 - s->cue->start_ms) / (double)(s->cue->end_ms - s->cue->start_ms);
    s->mode = it->params;
    s->colour = &it->params[n_mode + 2];
    /* waving lines keep clear of each other: offsets reach +-round(amplitude) */
    int pitch = it->kind == GFX_TEXT_WAVE ? 2 * (int)lroundf(it->params[0]) + 1 : 1;
    layout(&s->block, s->cue->text, resolve_wrap(it->params[n_mode + 1], ctx->grid), pitch, 0.5f,
           it->params[n_mode], ctx->grid);
    switch (it->kind) {
    case GFX_TEXT_TYPEWRITER:
    case GFX_TEXT_TTS_TYPEWRITER: render_typewriter(ctx, overlay, s); break;
    case GFX_TEXT_FADE_IN:
        draw_block(overlay, ctx, &s->block, s->colour, clip01(s->p / s->mode[0]));
        break;
    case GFX_TEXT_FLASH:
        draw_block(overlay, ctx, &s->block, s->colour, flash_brightness(ctx, s));
        break;
    case GFX_TEXT_SCATTER: render_scatter(ctx, overlay, s); break;
    case GFX_TEXT_WAVE: render_wave(ctx, overlay, s); break;
    }
    free(s);
}

void gfx_text_render(const gfx_text_item *item, const gfx_text_ctx *ctx, gfx_cell *overlay)
{
    const gfx_text_kind_desc *d = gfx_text_kind_at(item->kind);
    if (!d || ctx->grid->rows < 1 || ctx->grid->cols < 1)
        return;
    if (d->input == GFX_TEXT_INPUT_LYRICS && (!item->lyrics || !item->lyrics->n_cues))
        return;
    if ((d->input == GFX_TEXT_INPUT_STRING || d->input == GFX_TEXT_INPUT_STRINGS) &&
        (!item->strings || item->n_strings < 1))
        return;
    switch (item->kind) {
    case GFX_TEXT_STAMP: render_stamp(item, ctx, overlay); break;
    case GFX_TEXT_TICKER: render_ticker(item, ctx, overlay); break;
    case GFX_TEXT_BEAT_WORDS: render_beat_words(item, ctx, overlay); break;
    case GFX_TEXT_FADING_MESSAGES: render_fading_messages(item, ctx, overlay); break;
    case GFX_TEXT_BACKDROP: break;
    default: render_lyrics(item, ctx, overlay);
    }
}

/* -------------------------------------------------------------- backdrop */

/* Share of the pixel centred at `at` inside [lo, hi) after a Gaussian blur:
 * the difference of two erf steps; a hard edge when sigma is tiny. */
static float blurred_step(double at, double lo, double hi, double sigma)
{
    if (sigma < 1e-3)
        return at >= lo && at < hi ? 1.0f : 0.0f;
    double k = 1.0 / (sigma * M_SQRT2);
    return (float)(0.5 * (erf((hi - at) * k) - erf((lo - at) * k)));
}

/* mask = 255 - floor(row_dark * gx + 0.5): a truncating conversion of a
 * non-negative value, which the compiler vectorizes (lroundf it does not). */
static void mask_row(uint8_t *restrict mask, const float *restrict gx, float row_dark, int w)
{
    for (int x = 0; x < w; x++)
        mask[x] = (uint8_t)(255 - (int)(row_dark * gx[x] + 0.5f));
}

int gfx_text_backdrop_build(gfx_text_backdrop *b, const gfx_cell *overlay, const gfx_grid *grid,
                            int canvas_w, int canvas_h, float padding, float darkness)
{
    int rmin = grid->rows, rmax = -1, cmin = grid->cols, cmax = -1;
    for (int r = 0; r < grid->rows; r++)
        for (int c = 0; c < grid->cols; c++)
            if (overlay[(size_t)r * (size_t)grid->cols + (size_t)c].glyph) {
                rmin = r < rmin ? r : rmin;
                rmax = r > rmax ? r : rmax;
                cmin = c < cmin ? c : cmin;
                cmax = c > cmax ? c : cmax;
            }
    b->x = b->y = b->width = b->height = 0;
    if (rmax < 0)
        return 0;
    double sigma = 0.6 * padding;
    double x0 = grid->origin_x + cmin * grid->cell_w - padding;
    double x1 = grid->origin_x + (cmax + 1) * grid->cell_w + padding + 50;
    double y0 = grid->origin_y + rmin * grid->cell_h - padding;
    double y1 = grid->origin_y + (rmax + 1) * grid->cell_h + padding + 60;
    int left = (int)fmax(0, floor(x0 - 3 * sigma)),
        right = (int)fmin(canvas_w, ceil(x1 + 3 * sigma));
    int top = (int)fmax(0, floor(y0 - 3 * sigma)),
        bottom = (int)fmin(canvas_h, ceil(y1 + 3 * sigma));
    if (right <= left || bottom <= top)
        return 0;
    int w = right - left, h = bottom - top;
    size_t need = (size_t)w * (size_t)h;
    if (need > b->capacity) {
        uint8_t *grown = realloc(b->mask, need);
        if (!grown)
            return -1;
        b->mask = grown;
        b->capacity = need;
    }
    float *gx = malloc(sizeof *gx * (size_t)(w + h)), *gy = gx + w;
    if (!gx)
        return -1;
    for (int x = 0; x < w; x++)
        gx[x] = blurred_step(left + x + 0.5, x0, x1, sigma);
    for (int y = 0; y < h; y++)
        gy[y] = blurred_step(top + y + 0.5, y0, y1, sigma);
    for (int y = 0; y < h; y++)
        mask_row(b->mask + (size_t)y * (size_t)w, gx, 255.0f * darkness * gy[y], w);
    free(gx);
    b->x = left;
    b->y = top;
    b->width = w;
    b->height = h;
    return 0;
}

void gfx_text_backdrop_apply(const gfx_text_backdrop *b, gfx_image *canvas)
{
    if (b->width <= 0 || b->height <= 0)
        return;
    uint8_t *at = canvas->px + (ptrdiff_t)b->y * canvas->stride + 3 * (ptrdiff_t)b->x;
    gfx_kernels_get()->vignette(at, canvas->stride, b->width, b->height, b->mask, b->width);
}

void gfx_text_backdrop_free(gfx_text_backdrop *b)
{
    free(b->mask);
    memset(b, 0, sizeof *b);
}
