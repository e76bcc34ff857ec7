/* Text overlays (render/frame/text.h): the kind table against catalogue
 * section 17, and each item rendered to cells at chosen times, checked
 * against the formulas in the header: which characters stand in which cells,
 * in what colour. Last, every kind is drawn over a test background into
 * build/text_overlays/<kind>.png (backdrop, blit kernel), for a person to
 * look at. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "font.h"
#include "grid.h"
#include "png_sink.h"
#include "text.h"

#define FPS 10.0

static gfx_font *font;

/* A grid of cols x rows cells of 10x20 px, without the coordinate fields. */
static gfx_grid grid_of(int cols, int rows)
{
    return (gfx_grid){.rows = rows, .cols = cols, .cell_w = 10, .cell_h = 20, .aspect = 2.0f};
}

typedef struct scene {
    gfx_grid grid;
    gfx_feature_track track;
    gfx_cell *cells;
} scene;

static void scene_init(scene *s, int cols, int rows, int n_frames, const int *beats, int n_beats)
{
    s->grid = grid_of(cols, rows);
    s->track = (gfx_feature_track){.n_frames = n_frames, .fps = FPS};
    s->track.frames = calloc((size_t)n_frames, sizeof *s->track.frames);
    for (int i = 0; i < n_beats; i++)
        s->track.frames[beats[i]].beat = 1.0f;
    s->cells = calloc((size_t)cols * (size_t)rows, sizeof *s->cells);
}

static void scene_free(scene *s)
{
    free(s->track.frames);
    free(s->cells);
}

/* The item at `frame` into a cleared overlay. */
static void draw(scene *s, const gfx_text_item *item, int frame, uint32_t seed)
{
    memset(s->cells, 0, sizeof *s->cells * (size_t)s->grid.rows * (size_t)s->grid.cols);
    gfx_text_ctx ctx = {&s->grid, &s->track, frame, frame / FPS, FPS, seed, font};
    gfx_text_render(item, &ctx, s->cells);
}

static const gfx_cell *at(const scene *s, int row, int col)
{
    return &s->cells[row * s->grid.cols + col];
}

static int drawn(const scene *s)
{
    int n = 0;
    for (int i = 0; i < s->grid.rows * s->grid.cols; i++)
        n += s->cells[i].glyph != 0;
    return n;
}

static int param_index(int kind, const char *name)
{
    const gfx_text_kind_desc *d = gfx_text_kind_at(kind);
    for (int i = 0; i < d->n_params; i++)
        if (!strcmp(d->params[i].name, name))
            return i;
    CHECK(0, "kind %s has no param %s", d->name, name);
    return 0;
}

static void set_param(gfx_text_item *item, const char *name, float v)
{
    item->params[param_index(item->kind, name)] = v;
}

static float param(int kind, const char *name)
{
    gfx_text_item item;
    gfx_text_item_init(&item, kind);
    return item.params[param_index(kind, name)];
}

static gfx_lyrics lyrics_of(const char *srt)
{
    gfx_lyrics l;
    char err[256];
    CHECK(gfx_srt_parse("test.srt", srt, strlen(srt), &l, err, sizeof err) == GFX_OK, "%s", err);
    return l;
}

static void test_table(void)
{
    CHECK(gfx_text_kind_count() == GFX_TEXT_KINDS, "count %d", gfx_text_kind_count());
    for (int k = 0; k < gfx_text_kind_count(); k++) {
        const gfx_text_kind_desc *d = gfx_text_kind_at(k);
        CHECK(d && d->name && d->summary && d->params, "kind %d incomplete", k);
        CHECK(gfx_text_kind_find(d->name) == k, "%s not found as itself", d->name);
        CHECK(d->n_params >= 1 && d->n_params <= GFX_MAX_PARAMS, "%s: %d params", d->name,
              d->n_params);
        for (int p = 0; p < d->n_params; p++) {
            const gfx_param_desc *q = &d->params[p];
            CHECK(q->min <= q->def && q->def <= q->max, "%s.%s default outside its range", d->name,
                  q->name);
            for (int o = 0; o < p; o++)
                CHECK(strcmp(q->name, d->params[o].name), "%s: two params %s", d->name, q->name);
        }
    }
    CHECK(gfx_text_kind_find("stencil") == -1, "unknown name found");
    CHECK(gfx_text_kind_at(GFX_TEXT_KINDS) == NULL, "kind past the end");
    /* the catalogue's constants */
    CHECK(param(GFX_TEXT_TICKER, "speed") == 15 && param(GFX_TEXT_TICKER, "r") == 80 &&
              param(GFX_TEXT_TICKER, "g") == 100 && param(GFX_TEXT_TICKER, "b") == 140,
          "ticker defaults");
    CHECK(param(GFX_TEXT_BEAT_WORDS, "spread") == 5 && param(GFX_TEXT_BEAT_WORDS, "g") == 240,
          "beat words defaults");
    CHECK(param(GFX_TEXT_FADING_MESSAGES, "period") == 4 &&
              param(GFX_TEXT_FADING_MESSAGES, "fade") == 1 &&
              param(GFX_TEXT_FADING_MESSAGES, "r") == 220,
          "fading messages defaults");
    CHECK(fabsf(param(GFX_TEXT_TTS_TYPEWRITER, "lead") - 1.2f) < 1e-6f, "tts lead");
    CHECK(param(GFX_TEXT_BACKDROP, "padding") == 80 &&
              fabsf(param(GFX_TEXT_BACKDROP, "darkness") - 0.75f) < 1e-6f,
          "backdrop defaults");
}

static void test_stamp(void)
{
    scene s;
    scene_init(&s, 20, 6, 1, NULL, 0);
    const char *text[] = {"Hi there\nПривет, мир"};
    gfx_text_item item;
    gfx_text_item_init(&item, GFX_TEXT_STAMP);
    item.strings = text;
    item.n_strings = 1;
    set_param(&item, "g", 128);
    draw(&s, &item, 0, 1);
    CHECK(at(&s, 0, 0)->glyph == gfx_font_glyph(font, 'H'), "H not at (0, 0)");
    CHECK(at(&s, 0, 1)->glyph == gfx_font_glyph(font, 'i'), "i not at (0, 1)");
    CHECK(at(&s, 0, 2)->glyph == 0, "a space drew a glyph");
    CHECK(at(&s, 0, 7)->glyph == gfx_font_glyph(font, 'e'), "e not at (0, 7)");
    CHECK(at(&s, 0, 0)->r == 255 && at(&s, 0, 0)->g == 128 && at(&s, 0, 0)->b == 255,
          "stamp colour %d %d %d", at(&s, 0, 0)->r, at(&s, 0, 0)->g, at(&s, 0, 0)->b);
    uint16_t pe = gfx_font_glyph(font, 0x41f); /* П */
    CHECK(pe != 0, "the font lacks Cyrillic");
    CHECK(at(&s, 1, 0)->glyph == pe, "Cyrillic line not on row 1");
    CHECK(drawn(&s) == 7 + 10, "%d glyphs, expected 17", drawn(&s));
    /* bottom right, clipped: a 30-glyph line on a 20-wide grid keeps its right part */
    const char *wide[] = {"abcdefghijklmnopqrstuvwxyz0123"};
    item.strings = wide;
    set_param(&item, "x", 1);
    set_param(&item, "y", 1);
    draw(&s, &item, 0, 1);
    CHECK(at(&s, 5, 19)->glyph == gfx_font_glyph(font, '3'), "last glyph not at the corner");
    CHECK(at(&s, 5, 0)->glyph == gfx_font_glyph(font, 'k'), "clipped line starts wrong");
    CHECK(drawn(&s) == 20, "%d glyphs in a clipped line", drawn(&s));
    scene_free(&s);
}

static void test_ticker(void)
{
    scene s;
    scene_init(&s, 40, 5, 1, NULL, 0);
    const char *text[] = {"NEWS: glyphs everywhere"}; /* 23 glyphs, loop of 26 */
    gfx_text_item item;
    gfx_text_item_init(&item, GFX_TEXT_TICKER);
    item.strings = text;
    item.n_strings = 1;
    gfx_cell before[40], after[40];
    draw(&s, &item, 3, 1); /* t = 0.3: starts at glyph floor(4.5) = 4 */
    memcpy(before, &s.cells[4 * 40], sizeof before);
    CHECK(before[0].glyph == gfx_font_glyph(font, ':'), "ticker at t 0.3 does not start at ':'");
    CHECK(before[0].r == 80 && before[0].g == 100 && before[0].b == 140, "ticker colour");
    const char *loop = "NEWS: glyphs everywhere   ";
    int glyphs = 0;
    for (int c = 0; c < 40; c++)
        glyphs += loop[(4 + c) % 26] != ' ';
    CHECK(drawn(&s) == glyphs, "%d glyphs, expected %d", drawn(&s), glyphs);
    draw(&s, &item, 13, 1); /* one second on: 15 glyphs further left */
    memcpy(after, &s.cells[4 * 40], sizeof after);
    for (int c = 0; c + 15 < 40; c++)
        CHECK(after[c].glyph == before[c + 15].glyph, "column %d after 1 s: not 15 to the left", c);
    CHECK(memcmp(after, before, sizeof after), "ticker did not move");
    scene_free(&s);
}

static void test_typewriter(void)
{
    scene s;
    scene_init(&s, 30, 9, 100, NULL, 0);
    gfx_lyrics l = lyrics_of("1\n00:00:01,000 --> 00:00:02,000\nABCDEFGHIJ\n");
    gfx_text_item item;
    gfx_text_item_init(&item, GFX_TEXT_TYPEWRITER);
    item.lyrics = &l;
    const int row = 4, left = 10; /* centred: round(0.5 * (9 - 1)), round(0.5 * (30 - 10)) */
    uint16_t cursor = gfx_font_glyph(font, 0x258c);
    for (int k = 0; k <= 10; k++) {
        int frame = 10 + k; /* p = k / 10 */
        draw(&s, &item, frame, 1);
        int letters = 0;
        for (int c = 0; c < 10; c++)
            if (at(&s, row, left + c)->glyph == gfx_font_glyph(font, (uint32_t)('A' + c)))
                letters++;
        CHECK(letters == (k < 10 ? k : 0), "typewriter after %d steps shows %d letters", k,
              letters);
        int blink_on = (int)floor(3.0 * frame / FPS) % 2 == 0;
        if (k < 10)
            CHECK((at(&s, row, left + k)->glyph == cursor) == blink_on,
                  "step %d: cursor %s at the insertion point", k, blink_on ? "missing" : "shown");
        if (k > 0 && k < 10)
            CHECK(drawn(&s) == k + blink_on, "step %d: %d cells drawn", k, drawn(&s));
    }
    /* the freshest glyph glows: brighter than the oldest (green has no shimmer) */
    draw(&s, &item, 19, 1);
    CHECK(at(&s, row, left + 8)->g > at(&s, row, left)->g + 10, "freshest %d, oldest %d",
          at(&s, row, left + 8)->g, at(&s, row, left)->g);
    CHECK(at(&s, row, left)->g == lroundf(230 * (0.5f + 0.5f / (1 + 0.015f * 9))),
          "oldest glyph brightness %d", at(&s, row, left)->g);
    /* 1.2 ahead: complete at p = 1 / 1.2 */
    item.kind = GFX_TEXT_TTS_TYPEWRITER;
    set_param(&item, "lead", 1.2f);
    draw(&s, &item, 19, 1);
    CHECK(at(&s, row, left + 9)->glyph == gfx_font_glyph(font, 'J'), "tts not complete at 0.9");
    draw(&s, &item, 15, 1);
    CHECK(at(&s, row, left + 5)->glyph == gfx_font_glyph(font, 'F'), "tts at p 0.5 lacks F");
    CHECK(at(&s, row, left + 6)->glyph != gfx_font_glyph(font, 'G'), "tts at p 0.5 shows G");
    draw(&s, &item, 25, 1);
    CHECK(drawn(&s) == 0, "typewriter after the cue drew %d cells", drawn(&s));
    gfx_lyrics_free(&l);
    scene_free(&s);
}

static void test_fade_in(void)
{
    scene s;
    scene_init(&s, 30, 9, 100, NULL, 0);
    gfx_lyrics l = lyrics_of("1\n00:00:01,000 --> 00:00:03,000\nfade\n");
    gfx_text_item item;
    gfx_text_item_init(&item, GFX_TEXT_FADE_IN); /* rise 0.3: bright after 0.6 s */
    item.lyrics = &l;
    draw(&s, &item, 10, 1);
    CHECK(drawn(&s) == 0, "fade-in at p 0 drew %d cells", drawn(&s));
    int last = 0;
    for (int frame = 11; frame <= 16; frame++) {
        draw(&s, &item, frame, 1);
        int r = at(&s, 4, 13)->r;
        CHECK(at(&s, 4, 13)->glyph == gfx_font_glyph(font, 'f'), "frame %d: no f", frame);
        CHECK(r > last || r == 255, "frame %d: red %d after %d", frame, r, last);
        int expected = (int)lround(255 * fmin(1.0, (frame - 10) / 6.0));
        CHECK(abs(r - expected) <= 1, "frame %d: red %d, expected %d", frame, r, expected);
        last = r;
    }
    CHECK(last == 255, "fade-in never reached full: %d", last);
    gfx_lyrics_free(&l);
    scene_free(&s);
}

static void test_flash(void)
{
    static const int beats[] = {20, 35};
    scene s;
    scene_init(&s, 30, 9, 100, beats, 2);
    gfx_lyrics l = lyrics_of("1\n00:00:01,000 --> 00:00:05,000\nflash\n");
    gfx_text_item item;
    gfx_text_item_init(&item, GFX_TEXT_FLASH); /* decay 0.85 a frame, floor 0.2 */
    item.lyrics = &l;
    static const struct {
        int frame;
        double brightness;
    } want[] = {{10, 1}, {12, 0.7225}, {19, 0.231617}, {20, 1}, {21, 0.85}, {30, 0.2}, {35, 1}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        draw(&s, &item, want[i].frame, 1);
        int expected = (int)lround(255 * want[i].brightness);
        CHECK(abs(at(&s, 4, 13)->g - expected) <= 1, "frame %d: green %d, expected %d",
              want[i].frame, at(&s, 4, 13)->g, expected);
        CHECK(at(&s, 4, 13)->glyph == gfx_font_glyph(font, 'f'), "frame %d: no f", want[i].frame);
    }
    gfx_lyrics_free(&l);
    scene_free(&s);
}

static void test_beat_words(void)
{
    static const int beats[] = {5, 9, 30};
    scene s;
    scene_init(&s, 40, 21, 60, beats, 3);
    const char *words[] = {"ALPHA", "BRAVO", "CHARLIE"};
    gfx_text_item item;
    gfx_text_item_init(&item, GFX_TEXT_BEAT_WORDS);
    item.strings = words;
    item.n_strings = 3;
    draw(&s, &item, 6, 1);
    CHECK(drawn(&s) == 0, "a word off the beat (hold 1)");
    int seen[3] = {0};
    for (uint32_t seed = 0; seed < 40; seed++) {
        draw(&s, &item, 30, seed);
        int row = -1, n = drawn(&s);
        for (int r = 0; r < 21; r++)
            if (at(&s, r, 20)->glyph || at(&s, r, 19)->glyph)
                row = r;
        CHECK(row >= 10 - 5 && row <= 10 + 5, "seed %u: word on row %d", seed, row);
        for (int w = 0; w < 3; w++) {
            int len = (int)strlen(words[w]), left = (40 - len) / 2;
            if (n == len && row >= 0 &&
                at(&s, row, left)->glyph == gfx_font_glyph(font, words[w][0]))
                seen[w]++;
        }
        CHECK(at(&s, row < 0 ? 0 : row, 20)->b == 220, "beat word colour");
    }
    CHECK(seen[0] && seen[1] && seen[2], "words seen %d %d %d times in 40 seeds", seen[0], seen[1],
          seen[2]);
    set_param(&item, "hold", 3);
    draw(&s, &item, 11, 7);
    CHECK(drawn(&s) > 0, "hold 3: the beat at 9 gone at 11");
    draw(&s, &item, 12, 7);
    CHECK(drawn(&s) == 0, "hold 3: the beat at 9 still there at 12");
    scene_free(&s);
}

static void test_fading_messages(void)
{
    scene s;
    scene_init(&s, 40, 9, 200, NULL, 0);
    const char *messages[] = {"first", "second"};
    gfx_text_item item;
    gfx_text_item_init(&item, GFX_TEXT_FADING_MESSAGES);
    item.strings = messages;
    item.n_strings = 2;
    static const struct {
        int frame;
        char first;
        int red;
    } want[] = {{0, 0, 0},      {5, 'f', 110},  {20, 'f', 220}, {35, 'f', 110},
                {45, 's', 110}, {60, 's', 220}, {80, 0, 0},     {85, 'f', 110}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        draw(&s, &item, want[i].frame, 1);
        int len = want[i].first == 's' ? 6 : 5, left = (int)lround(0.5 * (40 - len));
        if (!want[i].first) {
            CHECK(drawn(&s) == 0, "frame %d: %d cells, expected none", want[i].frame, drawn(&s));
            continue;
        }
        const gfx_cell *c = at(&s, 4, left);
        CHECK(c->glyph == gfx_font_glyph(font, (uint32_t)want[i].first) && c->r == want[i].red,
              "frame %d: glyph %d red %d, expected %c at %d", want[i].frame, c->glyph, c->r,
              want[i].first, want[i].red);
    }
    scene_free(&s);
}

static void test_scatter_and_wave(void)
{
    scene s;
    scene_init(&s, 40, 15, 100, NULL, 0);
    gfx_lyrics l = lyrics_of("1\n00:00:01,000 --> 00:00:03,000\nscatter me\n");
    gfx_text_item item;
    gfx_text_item_init(&item, GFX_TEXT_SCATTER); /* settle 0.3: in place after 0.6 s */
    item.lyrics = &l;
    const int row = 7, left = 15;
    draw(&s, &item, 16, 1);
    for (int c = 0; c < 10; c++)
        CHECK(at(&s, row, left + c)->glyph == gfx_font_glyph(font, (uint32_t) "scatter me"[c]),
              "settled scatter: column %d", c);
    draw(&s, &item, 10, 1);
    int home = 0;
    for (int c = 0; c < 10; c++)
        home += at(&s, row, left + c)->glyph != 0;
    CHECK(home < 5, "%d glyphs already home at the cue's start", home);
    /* half way (q = 0.5, eased 0.875): every glyph within an eighth of the
     * grid (and rounding) of a slot holding its letter */
    draw(&s, &item, 13, 1);
    for (int r = 0; r < 15; r++)
        for (int c = 0; c < 40; c++) {
            if (!at(&s, r, c)->glyph)
                continue;
            int near = 0;
            for (int k = 0; k < 10; k++)
                near |= at(&s, r, c)->glyph == gfx_font_glyph(font, (uint32_t) "scatter me"[k]) &&
                        abs(r - row) <= 0.125 * 14 + 1 && abs(c - (left + k)) <= 0.125 * 39 + 1;
            CHECK(near, "half way, the glyph at (%d, %d) is far from its slot", r, c);
        }
    draw(&s, &item, 10, 1);
    gfx_cell *first = malloc(sizeof *first * 40 * 15);
    memcpy(first, s.cells, sizeof *first * 40 * 15);
    draw(&s, &item, 50, 1); /* another frame between: no state */
    draw(&s, &item, 10, 1);
    CHECK(!memcmp(first, s.cells, sizeof *first * 40 * 15), "scatter not a pure function");
    draw(&s, &item, 10, 2);
    CHECK(memcmp(first, s.cells, sizeof *first * 40 * 15), "scatter ignores the seed");
    free(first);

    item.kind = GFX_TEXT_WAVE;
    gfx_text_item_init(&item, GFX_TEXT_WAVE);
    item.lyrics = &l;
    set_param(&item, "speed", 0);
    set_param(&item, "wavelength", 10); /* no glyph exactly between two rows */
    draw(&s, &item, 12, 1);
    for (int c = 0; c < 10; c++) {
        if (c == 7)
            continue; /* the space */
        int col = left + c, r = row + (int)lround(1.5 * sin(-2 * M_PI * col / 10.0));
        CHECK(at(&s, r, col)->glyph == gfx_font_glyph(font, (uint32_t) "scatter me"[c]),
              "wave: glyph %d not on row %d", c, r);
    }
    gfx_lyrics_free(&l);
    scene_free(&s);
}

static void test_wrap(void)
{
    scene s;
    scene_init(&s, 40, 80, 100, NULL, 0); /* portrait: 400 x 1600 px */
    gfx_lyrics l = lyrics_of("1\n00:00:00,000 --> 00:00:09,000\n"
                             "one two three four five six seven eight nine ten eleven\n");
    gfx_text_item item;
    gfx_text_item_init(&item, GFX_TEXT_FADE_IN);
    item.lyrics = &l;
    draw(&s, &item, 50, 1);
    int lines = 0, widest = 0;
    for (int r = 0; r < 80; r++) {
        int lo = 40, hi = -1;
        for (int c = 0; c < 40; c++)
            if (at(&s, r, c)->glyph) {
                lo = c < lo ? c : lo;
                hi = c;
            }
        if (hi >= 0) {
            lines++;
            widest = hi - lo + 1 > widest ? hi - lo + 1 : widest;
        }
    }
    CHECK(lines == 3 && widest <= 25, "portrait wrap: %d lines, widest %d", lines, widest);
    gfx_lyrics_free(&l);
    scene_free(&s);
}

static void test_backdrop(void)
{
    gfx_grid g = grid_of(20, 10);
    g.origin_x = 100;
    g.origin_y = 50;
    gfx_cell cells[200] = {{0}};
    cells[5 * 20 + 10].glyph = 1;
    gfx_text_backdrop b = {0};
    gfx_image img;
    CHECK(gfx_image_alloc(&img, 600, 400) == 0, "no image");
    memset(img.px, 200, gfx_image_bytes(&img));
    CHECK(gfx_text_backdrop_build(&b, cells, &g, 600, 400, 20, 0.75f) == 0, "build failed");
    gfx_text_backdrop_apply(&b, &img);
    /* the glyph's cell: x 200..210, y 150..170; the box 180..280 x 130..250, sigma 12 */
    const uint8_t *centre = img.px + 190 * img.stride + 3 * 240;
    CHECK(abs(centre[0] - 50) <= 1, "inside the box: %d, expected 200 * 0.25", centre[0]);
    CHECK(img.px[20 * img.stride + 3 * 20] == 200, "far corner darkened");
    const uint8_t *edge = img.px + 190 * img.stride + 3 * 180;
    double k = 1 / (12 * sqrt(2.0));
    double across = 0.5 * (erf((280 - 180.5) * k) - erf((180 - 180.5) * k));
    double down = 0.5 * (erf((250 - 190.5) * k) - erf((130 - 190.5) * k));
    int expected = (int)lround(200 * (1 - 0.75 * across * down));
    CHECK(abs(edge[0] - expected) <= 1, "at the box's edge: %d, expected %d", edge[0], expected);
    /* the right and bottom edges carry the extra 50 and 60 px */
    const uint8_t *corner = img.px + 250 * img.stride + 3 * 280;
    across = 0.5 * (erf((280 - 280.5) * k) - erf((180 - 280.5) * k));
    down = 0.5 * (erf((250 - 250.5) * k) - erf((130 - 250.5) * k));
    expected = (int)lround(200 * (1 - 0.75 * across * down));
    CHECK(abs(corner[0] - expected) <= 1, "at the bottom right corner: %d, expected %d", corner[0],
          expected);
    memset(cells, 0, sizeof cells);
    CHECK(gfx_text_backdrop_build(&b, cells, &g, 600, 400, 20, 0.75f) == 0 && b.width == 0,
          "an empty overlay has a backdrop");
    gfx_text_backdrop_free(&b);
    gfx_image_free(&img);
}

/* User text may hold any characters: thousands no font has (plane 16 private use)
 * must not fill the font's character map (a lookup would never end). */
static void test_many_characters(void)
{
    char err[256];
    gfx_font *fresh = gfx_font_open(NULL, err, sizeof err);
    CHECK(fresh != NULL, "no font: %s", err);
    if (!fresh)
        return;
    int found = 0;
    for (uint32_t cp = 0x100000; cp < 0x100000 + 6000; cp++)
        found += gfx_font_glyph(fresh, cp) != 0;
    CHECK(gfx_font_glyph(fresh, 'A') != 0, "A lost after 6000 missing characters");
    CHECK(gfx_font_glyph(fresh, 0x41f) != 0, "Cyrillic lost after 6000 missing characters");
    CHECK(found < 100, "%d private-use characters in the font", found);
    gfx_font_close(fresh);
}

/* ------------------------------------------------------------ the pictures */

static void background(gfx_image *img)
{
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++) {
            uint8_t *p = img->px + y * img->stride + 3 * x;
            int stripe = ((x / 40 + y / 40) & 1) ? 60 : 0;
            p[0] = (uint8_t)(10 + 50 * x / img->width + stripe / 2);
            p[1] = (uint8_t)(10 + 30 * y / img->height);
            p[2] = (uint8_t)(30 + stripe);
        }
}

static int write_pictures(void)
{
    const char *bin = getenv("GLYPHFX_BINARY_DIR");
    char dir[1024], path[1200], err[256];
    snprintf(dir, sizeof dir, "%s/text_overlays", bin ? bin : ".");
    mkdir(dir, 0777);
    gfx_grid_fields gf;
    int cw, ch;
    if (gfx_font_cell_size(font, 20, &cw, &ch) || gfx_grid_fields_build(&gf, 1280, 720, cw, ch))
        return -1;
    gfx_glyph_atlas *atlas = gfx_glyph_atlas_create(font, 20, err, sizeof err);
    gfx_image img;
    gfx_cell *cells = calloc((size_t)gf.grid.rows * (size_t)gf.grid.cols, sizeof *cells);
    if (!atlas || !cells || gfx_image_alloc(&img, 1280, 720))
        return -1;
    int beats[] = {150, 160};
    gfx_feature_track track = {.n_frames = 400, .fps = FPS};
    track.frames = calloc(400, sizeof *track.frames);
    for (int i = 0; i < 2; i++)
        track.frames[beats[i]].beat = 1;
    gfx_lyrics l = lyrics_of("1\n00:00:10,000 --> 00:00:20,000\n"
                             "the night is young and the lights are bright, "
                             "Ночь молода — γλυφές everywhere\n");
    const char *one[] = {"GLYPHFX // text overlays // stamp, ticker and lyric modes"};
    const char *words[] = {"BASS", "DROP", "GLITCH", "ΦΩΣ"};
    gfx_text_backdrop backdrop = {0};
    for (int k = 0; k < GFX_TEXT_KINDS; k++) {
        gfx_text_item item, stamp;
        gfx_text_item_init(&item, k);
        item.strings = k == GFX_TEXT_BEAT_WORDS ? words : one;
        item.n_strings = k == GFX_TEXT_BEAT_WORDS ? 4 : 1;
        item.lyrics = &l;
        gfx_text_item_init(&stamp, GFX_TEXT_STAMP);
        stamp.strings = (const char *[]){gfx_text_kind_at(k)->name};
        stamp.n_strings = 1;
        int frame = k == GFX_TEXT_BEAT_WORDS || k == GFX_TEXT_FLASH ? 160
                    : k == GFX_TEXT_SCATTER                         ? 110
                    : k == GFX_TEXT_FADING_MESSAGES                 ? 15
                                                                    : 147;
        gfx_text_ctx ctx = {&gf.grid, &track, frame, frame / FPS, FPS, 1, font};
        memset(cells, 0, sizeof *cells * (size_t)gf.grid.rows * (size_t)gf.grid.cols);
        gfx_text_render(k == GFX_TEXT_BACKDROP
                            ? &(gfx_text_item){.kind = GFX_TEXT_TYPEWRITER,
                                               .params = {1, 1, 0.5f, 0, 230, 230, 230},
                                               .lyrics = &l}
                            : &item,
                        &ctx, cells);
        background(&img);
        if (k == GFX_TEXT_BACKDROP && gfx_text_backdrop_build(&backdrop, cells, &gf.grid, 1280, 720,
                                                              item.params[0], item.params[1]) == 0)
            gfx_text_backdrop_apply(&backdrop, &img);
        gfx_text_render(&stamp, &ctx, cells);
        gfx_blit_args a = {img.px,
                           img.stride,
                           img.width,
                           img.height,
                           cells,
                           gf.grid.cols,
                           gf.grid.rows,
                           gf.grid.cols,
                           gf.grid.origin_x,
                           gf.grid.origin_y,
                           gfx_glyph_atlas_view(atlas)};
        gfx_kernels_get()->blit(&a);
        snprintf(path, sizeof path, "%s/%s.png", dir, gfx_text_kind_at(k)->name);
        if (gfx_png_write(path, &img, 1, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            return -1;
        }
    }
    printf("pictures in %s\n", dir);
    gfx_text_backdrop_free(&backdrop);
    gfx_lyrics_free(&l);
    free(track.frames);
    free(cells);
    gfx_image_free(&img);
    gfx_glyph_atlas_free(atlas);
    gfx_grid_fields_free(&gf);
    return 0;
}

int main(void)
{
    char err[256];
    font = gfx_font_open(NULL, err, sizeof err);
    if (!font) {
        printf("skipped: no font: %s\n", err);
        return 77;
    }
    test_table();
    test_stamp();
    test_ticker();
    test_typewriter();
    test_fade_in();
    test_flash();
    test_beat_words();
    test_fading_messages();
    test_scatter_and_wave();
    test_wrap();
    test_backdrop();
    test_many_characters();
    CHECK(write_pictures() == 0, "pictures not written");
    gfx_font_close(font);
    return CHECK_EXIT_STATUS();
}
