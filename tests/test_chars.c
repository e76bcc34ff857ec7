/* The character-level effects (catalogue section 4): ranges on a 1080p md
 * grid, determinism (same bytes twice; frame N alone == frame N after the
 * frames before it), not black under music, reaction to audio (beats make
 * block_corrupt, glitch_displace, error_text and rays react), and what each
 * promises: exact glyphs through glyph picks (error words spell their
 * theme's words in the "terminal" ramp, hex runs are hex digits, corrupt
 * blocks use the 11 corrupt glyphs in reddish hues), glitch_displace and
 * shake only move their base's cells, spectrum is mirrored, freq_waves is
 * dark in silence. End to end, the colour stage draws the words' letters
 * from the font. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "effect_fixture.h"
#include "effect.h"
#include "font.h"
#include "grid.h"
#include "palette.h"

static const char *const char_effects[] = {
    "bg_sinefield", "bg_noise",   "bg_smooth_noise", "bg_cellular",   "rays",
    "glow",         "freq_waves", "glitch_displace", "block_corrupt", "scanbars",
    "error_text",   "hex_stream", "spectrum",        "ice_fire",      "shake",
};
#define N_CHAR_EFFECTS (int)(sizeof char_effects / sizeof char_effects[0])

#define FPS 24.0
#define BEAT_EVERY 12 /* frames: 120 bpm at 24 fps */

enum track_kind { TRACK_SILENT, TRACK_MUSIC };

/* Silence, or music: bands, loudness and flux moving smoothly, a beat every
 * BEAT_EVERY frames with beat_env decaying after it. */
static gfx_feature_track track_make(int n_frames, enum track_kind kind)
{
    gfx_feature_track tr = {.n_frames = n_frames, .fps = FPS, .bpm = 120.0f};
    tr.frames = calloc((size_t)n_frames, sizeof(gfx_features));
    if (!tr.frames) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    for (int f = 0; kind == TRACK_MUSIC && f < n_frames; f++) {
        gfx_features *ft = &tr.frames[f];
        float t = (float)f / (float)FPS;
        int since = f % BEAT_EVERY;
        ft->rms = ft->rms_fast = ft->rms_slow = 0.55f + 0.25f * sinf(0.7f * t);
        for (int b = 0; b < GFX_BANDS; b++)
            ft->bands[b] = ft->bands_fast[b] = ft->bands_slow[b] =
                0.45f + 0.3f * sinf(1.3f * t + (float)b);
        ft->centroid = 0.4f + 0.2f * sinf(0.3f * t);
        ft->flatness = 0.3f;
        ft->beat = since == 0 ? 1.0f : 0.0f;
        ft->beat_env = expf(-0.35f * (float)since);
        ft->flux = 0.2f + 0.5f * ft->beat_env;
    }
    return tr;
}

static gfx_effect_ctx ctx_make(const gfx_effect_desc *e, const gfx_grid *g,
                               const gfx_feature_track *tr, int frame)
{
    return ctx_at(e, g, tr, frame, 42);
}

typedef struct frame_buf {
    float *value, *hue;
    int n;
} frame_buf;

static frame_buf buf_make(const gfx_grid *g)
{
    frame_buf b = {.n = g->rows * g->cols};
    b.value = malloc((size_t)b.n * sizeof(float));
    b.hue = malloc((size_t)b.n * sizeof(float));
    if (!b.value || !b.hue) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return b;
}

static void buf_free(frame_buf *b)
{
    free(b->value);
    free(b->hue);
}

static void render(const gfx_effect_ctx *ctx, const char *name, frame_buf *out)
{
    gfx_effect_find(name)->render(ctx, out->value, out->hue);
}

static int same(const frame_buf *a, const frame_buf *b)
{
    return !memcmp(a->value, b->value, (size_t)a->n * sizeof(float)) &&
           !memcmp(a->hue, b->hue, (size_t)a->n * sizeof(float));
}

/* Cells the colour stage shows a glyph in with a 10-glyph ramp. */
static int count_lit(const frame_buf *b)
{
    int lit = 0;
    for (int i = 0; i < b->n; i++)
        lit += b->value[i] >= 0.5f / 9.0f;
    return lit;
}

static double sum_values(const frame_buf *b)
{
    double s = 0.0;
    for (int i = 0; i < b->n; i++)
        s += b->value[i];
    return s;
}

/* The code points of a ramp, space first, as gfx_utf8_next reads them. */
static int ramp_codepoints(const char *ramp, uint32_t *out, int max)
{
    const char *s = gfx_ramp_chars(gfx_ramp_find(ramp));
    int n = 0;
    uint32_t cp;
    while ((cp = gfx_utf8_next(&s)) && n < max)
        out[n++] = cp;
    return n;
}

/* --------------------------------------------------------------- tests */

/* Registered with the catalogue's defaults; values in [0, 1], hues in
 * [0, GFX_GLYPH_PICKS); same bytes twice; frame N alone == after 0..N-1. */
static void test_ranges_and_determinism(const gfx_grid *g)
{
    gfx_feature_track music = track_make(400, TRACK_MUSIC);
    frame_buf a = buf_make(g), b = buf_make(g);
    static const int frames[] = {0, 1, 61, 240, 399, 450};
    for (int k = 0; k < N_CHAR_EFFECTS; k++) {
        const gfx_effect_desc *e = gfx_effect_find(char_effects[k]);
        CHECK(e != NULL, "%s is not registered", char_effects[k]);
        if (!e)
            continue;
        CHECK(gfx_ramp_find(e->default_ramp) >= 0, "%s: default ramp %s unknown", e->name,
              e->default_ramp);
        for (size_t f = 0; f < sizeof frames / sizeof frames[0]; f++) {
            gfx_effect_ctx ctx = ctx_make(e, g, &music, frames[f]);
            for (int i = 0; i < a.n; i++)
                a.value[i] = a.hue[i] = NAN;
            render(&ctx, e->name, &a);
            int bad = 0;
            for (int i = 0; i < a.n && !bad; i++)
                if (!(a.value[i] >= 0.0f && a.value[i] <= 1.0f && a.hue[i] >= 0.0f &&
                      a.hue[i] < (float)GFX_GLYPH_PICKS)) {
                    CHECK(0, "%s frame %d cell %d: value %g hue %g", e->name, frames[f], i,
                          a.value[i], a.hue[i]);
                    bad = 1;
                }
            for (int i = 0; i < b.n; i++)
                b.value[i] = b.hue[i] = 0.25f;
            render(&ctx, e->name, &b);
            CHECK(same(&a, &b), "%s frame %d: two renders differ", e->name, frames[f]);
            for (int before = 0; before < frames[f]; before += 7) {
                gfx_effect_ctx prev = ctx_make(e, g, &music, before);
                render(&prev, e->name, &b);
            }
            render(&ctx, e->name, &b);
            CHECK(same(&a, &b), "%s frame %d alone differs from after earlier frames", e->name,
                  frames[f]);
        }
    }
    buf_free(&a), buf_free(&b);
    free(music.frames);
}

/* Under music every effect lights a share of the screen, and it moves. */
static void test_not_black(const gfx_grid *g)
{
    gfx_feature_track music = track_make(200, TRACK_MUSIC);
    frame_buf a = buf_make(g), b = buf_make(g);
    for (int k = 0; k < N_CHAR_EFFECTS; k++) {
        const char *name = char_effects[k];
        int least = a.n; /* fewest lit cells over a few frames, beats and between */
        for (int f = 100; f < 100 + BEAT_EVERY; f += 3) {
            gfx_effect_ctx ctx = ctx_make(gfx_effect_find(name), g, &music, f);
            render(&ctx, name, &a);
            int lit = count_lit(&a);
            least = lit < least ? lit : least;
        }
        CHECK(least >= a.n / 200, "%s: as few as %d of %d cells lit under music", name, least, a.n);
        gfx_effect_ctx c1 = ctx_make(gfx_effect_find(name), g, &music, 130),
                       c2 = ctx_make(gfx_effect_find(name), g, &music, 131);
        render(&c1, name, &a);
        render(&c2, name, &b);
        CHECK(!same(&a, &b), "%s: frames 130 and 131 are identical", name);
    }
    buf_free(&a), buf_free(&b);
    free(music.frames);
}

/* Beats make the glitch effects react: a beat frame (beat_env 1, flux up)
 * against a frame late in the beat, and against silence. */
static void test_beats(const gfx_grid *g)
{
    gfx_feature_track music = track_make(200, TRACK_MUSIC), silent = track_make(200, TRACK_SILENT);
    frame_buf on = buf_make(g), off = buf_make(g), base = buf_make(g);
    int beat = 12 * BEAT_EVERY, late = beat - 2; /* 10 frames after the previous beat */

    /* more corrupt blocks on a beat */
    const gfx_effect_desc *bc = gfx_effect_find("block_corrupt");
    gfx_effect_ctx c_on = ctx_make(bc, g, &music, beat), c_off = ctx_make(bc, g, &music, late);
    render(&c_on, bc->name, &on);
    render(&c_off, bc->name, &off);
    CHECK(count_lit(&on) > count_lit(&off) * 3 / 2, "block_corrupt: %d cells on a beat, %d after",
          count_lit(&on), count_lit(&off));

    /* more rows torn, further, on a beat; none moved without sound (only
     * the base's own motion) */
    const gfx_effect_desc *gd = gfx_effect_find("glitch_displace");
    const gfx_effect_desc *spectrum = gfx_effect_find("spectrum");
    int moved[2];
    for (int k = 0; k < 2; k++) {
        int frame = k ? beat : late;
        gfx_effect_ctx cg = ctx_make(gd, g, &music, frame),
                       cs = ctx_make(spectrum, g, &music, frame);
        render(&cg, gd->name, &on);
        render(&cs, spectrum->name, &base);
        moved[k] = 0;
        for (int i = 0; i < on.n; i++)
            moved[k] += on.value[i] != base.value[i];
    }
    CHECK(moved[1] > moved[0] * 3 / 2 && moved[1] > 0,
          "glitch_displace: %d cells moved on a beat, %d after", moved[1], moved[0]);

    /* error words flood in on a beat */
    const gfx_effect_desc *et = gfx_effect_find("error_text");
    gfx_effect_ctx e_on = ctx_make(et, g, &music, beat), e_off = ctx_make(et, g, &music, late);
    render(&e_on, et->name, &on);
    render(&e_off, et->name, &off);
    CHECK(count_lit(&on) > count_lit(&off) * 3 / 2, "error_text: %d cells on a beat, %d after",
          count_lit(&on), count_lit(&off));

    /* rays flash on beats */
    const gfx_effect_desc *rays = gfx_effect_find("rays");
    gfx_effect_ctx r_on = ctx_make(rays, g, &music, beat), r_off = ctx_make(rays, g, &music, late);
    render(&r_on, rays->name, &on);
    render(&r_off, rays->name, &off);
    CHECK(sum_values(&on) > 2.0 * sum_values(&off), "rays: %.0f on a beat, %.0f after",
          sum_values(&on), sum_values(&off));

    /* loudness lifts every effect above silence */
    for (int k = 0; k < N_CHAR_EFFECTS; k++) {
        const gfx_effect_desc *e = gfx_effect_find(char_effects[k]);
        gfx_effect_ctx loud = ctx_make(e, g, &music, beat), quiet = ctx_make(e, g, &silent, beat);
        render(&loud, e->name, &on);
        render(&quiet, e->name, &off);
        CHECK(sum_values(&on) > sum_values(&off) * 1.05 + 1.0,
              "%s: music (%.0f) not brighter than silence (%.0f)", e->name, sum_values(&on),
              sum_values(&off));
    }

    /* in silence shake stands still: its base exactly */
    const gfx_effect_desc *shake = gfx_effect_find("shake");
    const gfx_effect_desc *tunnel = gfx_effect_find("tunnel");
    gfx_effect_ctx s_q = ctx_make(shake, g, &silent, 50), t_q = ctx_make(tunnel, g, &silent, 50);
    render(&s_q, shake->name, &on);
    render(&t_q, tunnel->name, &base);
    CHECK(same(&on, &base), "shake: moved in silence");
    free(music.frames), free(silent.frames);
    buf_free(&on), buf_free(&off), buf_free(&base);
}

/* glitch_displace rolls rows of its base; shake rolls the whole grid. */
static void test_rolls(const gfx_grid *g)
{
    gfx_feature_track music = track_make(200, TRACK_MUSIC);
    frame_buf out = buf_make(g), base = buf_make(g);
    int cols = g->cols, rows = g->rows;
    for (int frame = 96; frame < 110; frame += 2) {
        const gfx_effect_desc *gd = gfx_effect_find("glitch_displace");
        gfx_effect_ctx cg = ctx_make(gd, g, &music, frame);
        int pb = param_index(gd, "base");
        cg.params[pb] = 1.0f; /* plasma: no two rows alike */
        render(&cg, gd->name, &out);
        gfx_effect_ctx cp = ctx_make(gfx_effect_find("plasma"), g, &music, frame);
        render(&cp, "plasma", &base);
        for (int r = 0; r < rows; r++) {
            int found = 0;
            for (int s = 0; s < cols && !found; s++) {
                int match = 1;
                for (int c = 0; c < cols && match; c++)
                    match = out.value[r * cols + (c + s) % cols] == base.value[r * cols + c] &&
                            out.hue[r * cols + (c + s) % cols] == base.hue[r * cols + c];
                found = match;
            }
            CHECK(found, "glitch_displace frame %d row %d is not a roll of its base row", frame, r);
        }

        const gfx_effect_desc *shake = gfx_effect_find("shake");
        gfx_effect_ctx cs = ctx_make(shake, g, &music, frame);
        render(&cs, shake->name, &out);
        gfx_effect_ctx ct = ctx_make(gfx_effect_find("tunnel"), g, &music, frame);
        render(&ct, "tunnel", &base);
        int found = 0;
        for (int dr = -4; dr <= 4 && !found; dr++)
            for (int dc = -12; dc <= 12 && !found; dc++) {
                int match = 1;
                for (int r = 0; r < rows && match; r++)
                    for (int c = 0; c < cols && match; c++) {
                        int rr = ((r + dr) % rows + rows) % rows,
                            cc = ((c + dc) % cols + cols) % cols;
                        match = out.value[rr * cols + cc] == base.value[r * cols + c];
                    }
                found = match;
            }
        CHECK(found, "shake frame %d: not a roll of its base within the amplitudes", frame);
    }
    buf_free(&out), buf_free(&base);
    free(music.frames);
}

/* The glyph pick of a cell: 0 where none. */
static int pick_of(const frame_buf *b, int i)
{
    return b->value[i] > 0.0f ? (int)floorf(b->hue[i]) : 0;
}

/* Exact glyphs: error words spell their theme's words, hex runs are hex
 * digits of 8..20 (where not touching another), corrupt blocks use the
 * corrupt glyphs in reddish hues. */
static void test_glyphs(const gfx_grid *g)
{
    gfx_feature_track music = track_make(200, TRACK_MUSIC);
    frame_buf b = buf_make(g);
    uint32_t terminal[64];
    int n_terminal = ramp_codepoints("terminal", terminal, 64);
    CHECK(n_terminal == 39, "terminal ramp: %d characters", n_terminal);

    static const char *const known[] = {"SEGFAULT",     "0xDEADBEEF",   "VOID_BREACH",
                                        "TIME_PARADOX", "DNA_MISMATCH", "SYNAPSE_TIMEOUT",
                                        "STACK_SMASH"};
    const gfx_effect_desc *et = gfx_effect_find("error_text");
    int whole_words = 0, themes_seen = 0;
    for (int theme = 0; theme < 3; theme++) {
        int words_this_theme = 0;
        for (int frame = 0; frame < 200; frame += 5) {
            gfx_effect_ctx ctx = ctx_make(et, g, &music, frame);
            ctx.params[param_index(et, "theme")] = (float)theme;
            ctx.params[param_index(et, "corruption")] = 0.0f;
            render(&ctx, et->name, &b);
            for (int r = 0; r < g->rows; r++) {
                char run[128];
                int len = 0;
                for (int c = 0; c <= g->cols; c++) {
                    int p = c < g->cols ? pick_of(&b, r * g->cols + c) : 0;
                    if (p > 0 && p < n_terminal && len < 127) {
                        run[len++] = (char)terminal[p];
                        continue;
                    }
                    run[len] = 0;
                    for (size_t k = 0; len && k < sizeof known / sizeof known[0]; k++)
                        if (!strcmp(run, known[k])) {
                            whole_words++;
                            words_this_theme++;
                        }
                    len = 0;
                }
            }
        }
        themes_seen += words_this_theme > 0;
    }
    CHECK(whole_words >= 10 && themes_seen == 3,
          "error_text: %d whole known words, from %d of 3 themes", whole_words, themes_seen);

    const gfx_effect_desc *hx = gfx_effect_find("hex_stream");
    int bad_digit = 0, runs_ok = 0, runs_bad = 0;
    for (int frame = 0; frame < 200; frame += 9) {
        gfx_effect_ctx ctx = ctx_make(hx, g, &music, frame);
        render(&ctx, hx->name, &b);
        for (int r = 0; r < g->rows; r++) {
            int len = 0;
            for (int c = 0; c <= g->cols; c++) {
                int p = c < g->cols ? pick_of(&b, r * g->cols + c) : 0;
                if (p) {
                    bad_digit += p > 16;
                    len++;
                    continue;
                }
                if (len && c < g->cols) { /* runs clipped by the right edge may be short */
                    runs_ok += len >= 8;
                    runs_bad += len < 8;
                }
                len = 0;
            }
        }
    }
    CHECK(bad_digit == 0, "hex_stream: %d cells show a non-hex glyph", bad_digit);
    CHECK(runs_ok > 50 && runs_bad == 0, "hex_stream: %d runs of 8+ digits, %d shorter", runs_ok,
          runs_bad);

    const gfx_effect_desc *bc = gfx_effect_find("block_corrupt");
    int bad_glyph = 0, bad_hue = 0, blocks = 0;
    for (int frame = 0; frame < 60; frame += 3) {
        gfx_effect_ctx ctx = ctx_make(bc, g, &music, frame);
        render(&ctx, bc->name, &b);
        for (int i = 0; i < b.n; i++) {
            if (b.value[i] <= 0.0f)
                continue;
            blocks++;
            int p = pick_of(&b, i);
            float h = b.hue[i] - floorf(b.hue[i]);
            bad_glyph += p < 1 || p > 11;
            /* R 100-255 above G 0-100 and B 0-80: red, through orange to yellow
             * (1/6) when G leads, to magenta-red (5/6) when B does */
            bad_hue += !(h <= 1.0f / 6.0f + 1e-3f || h >= 5.0f / 6.0f - 1e-3f);
            bad_hue += b.value[i] < 100.0f / 255.0f - 1e-6f;
        }
    }
    CHECK(blocks > 0 && bad_glyph == 0 && bad_hue == 0,
          "block_corrupt: %d cells, %d outside the corrupt glyphs, %d not reddish", blocks,
          bad_glyph, bad_hue);
    buf_free(&b);
    free(music.frames);
}

/* spectrum mirrors about the middle row; freq_waves is dark in silence;
 * scanbars stay within their bars' columns. */
static void test_shapes(const gfx_grid *g)
{
    gfx_feature_track music = track_make(200, TRACK_MUSIC), silent = track_make(200, TRACK_SILENT);
    frame_buf b = buf_make(g);
    const gfx_effect_desc *sp = gfx_effect_find("spectrum");
    gfx_effect_ctx cs = ctx_make(sp, g, &music, 77);
    render(&cs, sp->name, &b);
    int mid = g->rows / 2, asym = 0;
    for (int k = 0; k < mid && mid + k < g->rows; k++)
        for (int c = 0; c < g->cols; c++)
            asym += b.value[(mid - 1 - k) * g->cols + c] != b.value[(mid + k) * g->cols + c];
    CHECK(asym == 0 && count_lit(&b) > 0, "spectrum: %d cells differ from their mirror", asym);

    const gfx_effect_desc *fw = gfx_effect_find("freq_waves");
    gfx_effect_ctx cq = ctx_make(fw, g, &silent, 77);
    render(&cq, fw->name, &b);
    CHECK(count_lit(&b) == 0, "freq_waves: %d cells lit in silence", count_lit(&b));

    const gfx_effect_desc *sb = gfx_effect_find("scanbars");
    gfx_effect_ctx cb = ctx_make(sb, g, &music, 77);
    render(&cb, sb->name, &b);
    int lit_cols = 0;
    for (int c = 0; c < g->cols; c++) {
        int any = 0;
        for (int r = 0; r < g->rows; r++)
            any |= b.value[r * g->cols + c] > 0.0f;
        lit_cols += any;
    }
    /* n_base 4 + 12 himid_r, the ratio at most 1 */
    CHECK(lit_cols >= 1 && lit_cols <= 16, "scanbars: %d columns lit", lit_cols);
    buf_free(&b);
    free(music.frames), free(silent.frames);
}

/* The colour stage draws an error word's letters from the font: the glyph
 * picks land on the "terminal" ramp's characters, none dropped. */
static void test_colour_stage(const gfx_grid *g)
{
    char err[512];
    gfx_font *font = gfx_font_open(NULL, err, sizeof err);
    CHECK(font != NULL, "font: %s", err);
    if (!font)
        return;
    gfx_ramp_glyphs ramp;
    gfx_ramp_resolve(&ramp, gfx_ramp_find("terminal"), font, NULL);
    CHECK(ramp.n == 39, "terminal ramp resolved %d of 39 glyphs", ramp.n);
    gfx_colour_lut lut;
    gfx_colours_lut(&lut, gfx_colours_find("rainbow"));
    gfx_feature_track music = track_make(200, TRACK_MUSIC);
    frame_buf b = buf_make(g);
    gfx_cell *cells = calloc((size_t)b.n, sizeof *cells);
    const gfx_effect_desc *et = gfx_effect_find("error_text");
    gfx_effect_ctx ctx = ctx_make(et, g, &music, 30);
    ctx.params[param_index(et, "corruption")] = 0.0f;
    render(&ctx, et->name, &b);
    gfx_colour_args args = {.grid = g,
                            .value = b.value,
                            .hue = b.hue,
                            .ramp = &ramp,
                            .lut = &lut,
                            .hue_mapping = GFX_HUE_EFFECT,
                            .brightness_floor = 0.3f,
                            .cells = cells};
    gfx_colour_cells(&args);
    uint32_t terminal[64];
    ramp_codepoints("terminal", terminal, 64);
    int drawn = 0, wrong = 0;
    for (int i = 0; cells && i < b.n; i++) {
        int p = pick_of(&b, i);
        if (!p)
            continue;
        drawn++;
        wrong += cells[i].glyph != gfx_font_glyph(font, terminal[p]);
    }
    CHECK(drawn > 0 && wrong == 0, "error_text: %d of %d letters drawn with another glyph", wrong,
          drawn);
    free(cells);
    buf_free(&b);
    free(music.frames);
    gfx_font_close(font);
}

int main(void)
{
    gfx_grid_fields gf;
    if (gfx_grid_fields_build(&gf, 1920, 1080, 10, 19)) { /* md at 1080p: 192 x 56 */
        fprintf(stderr, "grid: out of memory\n");
        return 1;
    }
    const gfx_grid *g = &gf.grid;
    test_ranges_and_determinism(g);
    test_not_black(g);
    test_beats(g);
    test_rolls(g);
    test_glyphs(g);
    test_shapes(g);
    test_colour_stage(g);
    gfx_grid_fields_free(&gf);
    if (!CHECK_EXIT_STATUS())
        printf("chars: %d character effects, all checks passed\n", N_CHAR_EFFECTS);
    return CHECK_EXIT_STATUS();
}
