/* Character ramps through the per-glyph font fallback (font.h): no ramp
 * drops a character that some installed font has, katakana and braille
 * included; fallback glyphs light pixels inside their cell; the font a
 * character comes from is the same for every gfx_font of this machine.
 *
 * Ramps with fewer than two installed characters fall back to "code".
 * Skipped (77) when no installed font has half-width katakana: the font
 * tools/packages.sh installs for it is GLYPHFX_KATAKANA_PACKAGE.
 *
 *   test_ramps [SHEET.png]
 * also draws every ramp to SHEET.png: its name, each glyph once, and a
 * gradient strip (value 0 to 1 across 64 cells), to look at. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

#include "check.h"
#include "font.h"
#include "gfx_kernels.h"
#include "image.h"
#include "palette.h"
#include "png_sink.h"

#define GLYPHFX_KATAKANA_PACKAGE "fonts-motoya-l-cedar"
#define SHEET_PX 16
#define SHEET_NAME_COLS 12
#define SHEET_STRIP_COLS 64
#define SHEET_COLS (SHEET_NAME_COLS + 2 * GFX_RAMP_MAX / 3)

/* Whether any installed scalable font has the character, asked of
 * fontconfig directly rather than through the code under test. */
static int installed_somewhere(FcConfig *config, uint32_t codepoint)
{
    FcPattern *pattern = FcPatternCreate();
    FcCharSet *charset = FcCharSetCreate();
    FcCharSetAddChar(charset, codepoint);
    FcPatternAddCharSet(pattern, FC_CHARSET, charset);
    FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
    FcObjectSet *objects = FcObjectSetBuild(FC_FILE, (char *)0);
    FcFontSet *set = FcFontList(config, pattern, objects);
    int found = set && set->nfont > 0;
    if (set)
        FcFontSetDestroy(set);
    FcObjectSetDestroy(objects);
    FcCharSetDestroy(charset);
    FcPatternDestroy(pattern);
    return found;
}

/* Every ramp keeps each character an installed font has; the three
 * script ramps the project counts on keep all of theirs. */
static void check_ramps_keep_installed(gfx_font *font, FcConfig *config)
{
    static const char *const complete[] = {"kata", "katakana", "braille"};
    for (int i = 0; i < gfx_ramp_count(); i++) {
        gfx_ramp_glyphs g;
        gfx_ramp_resolve(&g, i, font, NULL);
        int available = 0, chars = 0;
        const char *s = gfx_ramp_chars(i);
        uint32_t cp;
        while ((cp = gfx_utf8_next(&s))) {
            if (cp == ' ')
                continue;
            chars++;
            int there = installed_somewhere(config, cp);
            available += there;
            CHECK(!there || gfx_font_glyph(font, cp) != 0,
                  "ramp %s: U+%04X is installed but did not resolve", gfx_ramp_name(i),
                  (unsigned)cp);
        }
        if (available >= 2) /* else the ramp falls back to "code" (palette.h) */
            CHECK(g.n == 1 + available, "ramp %s: %d glyphs resolved, %d installed",
                  gfx_ramp_name(i), g.n - 1, available);
        for (size_t k = 0; k < sizeof complete / sizeof complete[0]; k++)
            if (!strcmp(gfx_ramp_name(i), complete[k]))
                CHECK(g.n == 1 + chars, "ramp %s: %d of %d glyphs", gfx_ramp_name(i), g.n - 1,
                      chars);
        if (available < chars)
            printf("ramp %-10s %d of %d characters in no installed font\n", gfx_ramp_name(i),
                   chars - available, chars);
    }
}

/* Ink of glyph g in the atlas: the sum of its coverage. */
static long glyph_ink(const gfx_atlas *atlas, uint16_t g)
{
    long ink = 0;
    const uint8_t *px = atlas->rgb + (size_t)g * (size_t)atlas->glyph_bytes;
    for (int y = 0; y < atlas->cell_h; y++)
        for (int x = 0; x < atlas->cell_w; x++)
            ink += px[(size_t)y * (size_t)atlas->row_bytes + 3 * (size_t)x];
    return ink;
}

/* Katakana and braille come from a fallback font, light pixels at several
 * sizes, and come from the same file in a second gfx_font. */
static void check_fallback_glyphs(gfx_font *font)
{
    static const uint32_t probes[] = {0xff76, 0xff66, 0x2801, 0x283f, 'M'};
    char err[512];
    gfx_font *again = gfx_font_open(NULL, err, sizeof err);
    CHECK(again != NULL, "second font: %s", err);
    if (!again)
        return;
    for (size_t k = 0; k < sizeof probes / sizeof probes[0]; k++) {
        uint16_t g = gfx_font_glyph(font, probes[k]), g2 = gfx_font_glyph(again, probes[k]);
        CHECK(g && g2, "U+%04X did not resolve", (unsigned)probes[k]);
        if (!g || !g2)
            continue;
        const char *file = gfx_font_glyph_file(font, g);
        CHECK(file && !strcmp(file, gfx_font_glyph_file(again, g2)),
              "U+%04X from %s in one font, %s in another", (unsigned)probes[k], file,
              gfx_font_glyph_file(again, g2));
        if (probes[k] == 0xff76)
            CHECK(strcmp(file, gfx_font_path(font)) != 0,
                  "U+FF76 from the main font %s, which has no katakana", file);
        for (int px = 8; px <= 40; px += 16) {
            gfx_glyph_atlas *atlas = gfx_glyph_atlas_create(font, px, err, sizeof err);
            CHECK(atlas != NULL, "atlas at %d px: %s", px, err);
            if (!atlas)
                continue;
            const gfx_atlas *view = gfx_glyph_atlas_view(atlas);
            CHECK(glyph_ink(view, g) > 0, "U+%04X lights no pixel at %d px (%s)",
                  (unsigned)probes[k], px, file);
            gfx_glyph_atlas_free(atlas);
        }
    }
    gfx_font_close(again);
}

static void put_text(gfx_cell *row, gfx_font *font, const char *text)
{
    uint32_t cp;
    for (int c = 0; (cp = gfx_utf8_next(&text)) && c < SHEET_NAME_COLS - 1; c++)
        row[c] = (gfx_cell){gfx_font_glyph(font, cp), 150, 150, 150, 0};
}

/* Three rows per ramp: name and each glyph once, the gradient, a gap. */
static int write_sheet(const char *path, gfx_font *font)
{
    int rows = 3 * gfx_ramp_count(), cols = SHEET_COLS;
    gfx_cell *cells = calloc((size_t)rows * (size_t)cols, sizeof *cells);
    for (int i = 0; i < gfx_ramp_count(); i++) {
        gfx_ramp_glyphs g;
        gfx_ramp_resolve(&g, i, font, NULL);
        gfx_cell *row = cells + (size_t)(3 * i) * (size_t)cols, *strip = row + cols;
        put_text(row, font, gfx_ramp_name(i));
        for (int k = 1; k < g.n && SHEET_NAME_COLS + 2 * k - 2 < cols; k++)
            row[SHEET_NAME_COLS + 2 * k - 2] = (gfx_cell){g.glyph[k], 255, 255, 255, 0};
        for (int c = 0; c < SHEET_STRIP_COLS; c++) {
            float v = (float)c / (float)(SHEET_STRIP_COLS - 1);
            int k = (int)(v * (float)(g.n - 1) + 0.5f);
            uint8_t level = (uint8_t)(80.0f + 175.0f * v);
            strip[SHEET_NAME_COLS + c] = (gfx_cell){g.glyph[k], (uint8_t)(level * 3 / 4), level,
                                                    (uint8_t)(level * 3 / 4), 0};
        }
    }
    char err[512];
    gfx_glyph_atlas *atlas = gfx_glyph_atlas_create(font, SHEET_PX, err, sizeof err);
    const gfx_atlas *view = atlas ? gfx_glyph_atlas_view(atlas) : NULL;
    gfx_image img = {0};
    int ok = view && !gfx_image_alloc(&img, cols * view->cell_w, rows * view->cell_h);
    if (ok) {
        gfx_blit_args a = {.canvas = img.px,
                           .stride = img.stride,
                           .width = img.width,
                           .height = img.height,
                           .cells = cells,
                           .cells_stride = cols,
                           .rows = rows,
                           .cols = cols,
                           .atlas = view};
        gfx_kernels_get()->blit(&a);
        ok = !gfx_png_write(path, &img, 1, err, sizeof err);
    }
    if (!ok)
        fprintf(stderr, "test_ramps: %s: %s\n", path, err);
    gfx_image_free(&img);
    gfx_glyph_atlas_free(atlas);
    free(cells);
    return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
    FcConfig *config = FcInitLoadConfigAndFonts();
    if (!config || !installed_somewhere(config, 0xff76)) {
        printf("test_ramps: skipped: no installed font has half-width katakana (install %s: "
               "tools/setup.sh does)\n",
               GLYPHFX_KATAKANA_PACKAGE);
        if (config)
            FcConfigDestroy(config);
        return 77;
    }
    char err[512];
    gfx_font *font = gfx_font_open(NULL, err, sizeof err);
    CHECK(font != NULL, "default font: %s", err);
    if (font) {
        check_ramps_keep_installed(font, config);
        check_fallback_glyphs(font);
        if (argc > 1)
            CHECK(write_sheet(argv[1], font) == 0, "contact sheet not written");
        gfx_font_close(font);
    }
    FcConfigDestroy(config);
    if (check_failures) {
        fprintf(stderr, "%d failure(s)\n", check_failures);
        return 1;
    }
    printf("ramps: %d ramps, all installed characters resolved\n", gfx_ramp_count());
    return 0;
}
