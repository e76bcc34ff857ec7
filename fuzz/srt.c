/* libFuzzer harness: the SubRip lyrics parser (render/frame/srt.c) and the
 * text items that draw what it returns (render/frame/text.c). Lyrics that
 * parse must keep srt.h's promises (cues in order, not overlapping, each
 * with text); a refusal must be one line. Parsed cues are then drawn by
 * every lyric mode at each cue's start and middle, and the bytes themselves
 * as a stamp, ticker, beat word and message, on a small grid: no cell outside
 * it may be written (ASan watches the overlay). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "srt.h"
#include "text.h"

#define COLS 37
#define ROWS 11
#define FPS 10.0

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void draw_all(gfx_font *font, const gfx_lyrics *lyrics, const char *text, int frame)
{
    static gfx_features frames[64];
    frames[7].beat = frames[30].beat = 1;
    gfx_feature_track track = {64, FPS, frames, 120};
    gfx_grid grid = {.rows = ROWS, .cols = COLS, .cell_w = 10, .cell_h = 20, .aspect = 2};
    gfx_cell *cells = calloc(ROWS * COLS, sizeof *cells);
    if (!cells)
        abort();
    gfx_text_ctx ctx = {&grid, &track, frame, frame / FPS, FPS, 5, font};
    const char *strings[] = {text};
    for (int k = 0; k < gfx_text_kind_count(); k++) {
        gfx_text_item item;
        gfx_text_item_init(&item, k);
        item.lyrics = lyrics;
        item.strings = strings;
        item.n_strings = 1;
        gfx_text_render(&item, &ctx, cells);
    }
    free(cells);
}

/* One font for the whole run, closed at exit: fontconfig's caches hold
 * their pointers as offsets, which the leak checker cannot follow, so a
 * font left open reads as a leak once the fallback has queried them. */
static gfx_font *font;

static void close_font(void)
{
    gfx_font_close(font);
    font = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512] = "";
    if (!font) {
        if (!(font = gfx_font_open(NULL, err, sizeof err)))
            abort();
        atexit(close_font);
    }
    gfx_lyrics lyrics;
    gfx_status st = gfx_srt_parse("fuzz.srt", (const char *)data, size, &lyrics, err, sizeof err);
    if (st != GFX_OK) {
        if (!err[0] || strchr(err, '\n') || lyrics.n_cues || lyrics.cues)
            abort();
        lyrics = (gfx_lyrics){0};
    }
    for (int i = 0; i < lyrics.n_cues; i++) {
        const gfx_lyric_cue *c = &lyrics.cues[i];
        if (c->start_ms >= c->end_ms || !c->text[0] ||
            (i && (c->start_ms < c[-1].end_ms || c->number <= c[-1].number)))
            abort();
        if (gfx_lyrics_cue_at(&lyrics, c->start_ms / 1000.0) != i)
            abort();
        int start = (int)(c->start_ms / 100), middle = (int)((c->start_ms + c->end_ms) / 200);
        if (i < 8) {
            draw_all(font, &lyrics, c->text, start);
            draw_all(font, &lyrics, c->text, middle);
        }
    }
    char *text = malloc(size + 1);
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    draw_all(font, &lyrics, text, 7);
    draw_all(font, &lyrics, text, 35);
    free(text);
    gfx_lyrics_free(&lyrics);
    return 0;
}
