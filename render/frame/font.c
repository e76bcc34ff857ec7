#include "font.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

/* Code point -> glyph index, open addressing. Characters the font lacks are
 * stored with index 0 so they are reported only once. */
#define CHAR_MAP_SIZE 4096 /* power of two, > 2x the largest character set */
#define MAX_CHARS 1800
/* Misses are remembered only while they leave a slot for every character
 * the set can still take, so the map never fills and every probe ends (text
 * overlays look up whatever characters a user's lyrics hold). */
#define MAX_MISSES (CHAR_MAP_SIZE - MAX_CHARS - 1)
#define MAX_FALLBACK_FACES 15 /* distinct fallback fonts per gfx_font */

struct char_slot {
    uint32_t codepoint; /* 0 = empty slot */
    uint16_t glyph;
};

/* A font the fallback query chose, opened once and kept with the gfx_font. */
struct fallback_face {
    FT_Face face;
    char *file;
    int index; /* face index within the file (collections) */
};

struct gfx_font {
    FT_Library library;
    FT_Face face;
    char *path;
    int current_px;            /* pixel size the face is set to, 0 = none yet */
    uint32_t chars[MAX_CHARS]; /* chars[i] has glyph index i + 1 */
    uint8_t source[MAX_CHARS]; /* 0: the main face; k: fallback[k - 1] */
    int n_chars;
    int n_misses; /* map slots holding index 0 */
    struct fallback_face fallback[MAX_FALLBACK_FACES];
    int n_fallback;
    /* Fontconfig's ordered candidates for missing characters, queried on
     * the first one; NULL until then (or when fontconfig has none). */
    FcConfig *fc_config;
    FcFontSet *fc_candidates;
    int fc_queried;
    struct char_slot map[CHAR_MAP_SIZE];
    const gfx_warn *warn; /* characters dropped past MAX_CHARS */
};

struct gfx_glyph_atlas {
    gfx_font *font;
    int pixel_height, baseline;
    gfx_atlas view;
    uint8_t *rgb;
    int capacity; /* glyphs allocated */
};

/* Through a private fontconfig configuration, destroyed afterwards: no
 * process-wide fontconfig state is created, so renderers on several threads
 * do not share any, and nothing stays allocated. */
static char *default_font_path(void)
{
    char *found = NULL;
    FcConfig *config = FcInitLoadConfigAndFonts();
    FcPattern *pattern = config ? FcNameParse((const FcChar8 *)"DejaVu Sans Mono") : NULL;
    if (pattern) {
        FcConfigSubstitute(config, pattern, FcMatchPattern);
        FcDefaultSubstitute(pattern);
        FcResult result;
        FcPattern *match = FcFontMatch(config, pattern, &result);
        FcChar8 *file = NULL;
        if (match && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch)
            found = strdup((const char *)file);
        if (match)
            FcPatternDestroy(match);
        FcPatternDestroy(pattern);
    }
    if (config)
        FcConfigDestroy(config);
    return found ? found : strdup(GFX_FONT_FALLBACK);
}

gfx_font *gfx_font_open(const char *path, char *err, size_t err_size)
{
    gfx_font *font = calloc(1, sizeof *font);
    if (!font) {
        snprintf(err, err_size, "out of memory opening a font");
        return NULL;
    }
    font->path = path ? strdup(path) : default_font_path();
    if (!font->path || FT_Init_FreeType(&font->library)) {
        snprintf(err, err_size, "cannot start FreeType");
        free(font->path);
        free(font);
        return NULL;
    }
    FILE *probe = fopen(font->path, "rb");
    if (!probe) {
        snprintf(err, err_size, "%s: cannot open font: %s", font->path, strerror(errno));
        gfx_font_close(font);
        return NULL;
    }
    fclose(probe);
    if (FT_New_Face(font->library, font->path, 0, &font->face) || !FT_IS_SCALABLE(font->face)) {
        snprintf(err, err_size, "%s: not a scalable font file (expected TrueType or OpenType)",
                 font->path);
        gfx_font_close(font);
        return NULL;
    }
    if (!FT_Get_Char_Index(font->face, 'M')) {
        snprintf(err, err_size, "%s: the font has no \"M\", which sets the cell width", font->path);
        gfx_font_close(font);
        return NULL;
    }
    return font;
}

void gfx_font_close(gfx_font *font)
{
    if (!font)
        return;
    if (font->face)
        FT_Done_Face(font->face);
    for (int i = 0; i < font->n_fallback; i++) {
        FT_Done_Face(font->fallback[i].face);
        free(font->fallback[i].file);
    }
    if (font->fc_candidates)
        FcFontSetDestroy(font->fc_candidates);
    if (font->fc_config)
        FcConfigDestroy(font->fc_config);
    if (font->library)
        FT_Done_FreeType(font->library);
    free(font->path);
    free(font);
}

const char *gfx_font_path(const gfx_font *font)
{
    return font->path;
}

uint32_t gfx_font_codepoint(const gfx_font *font, uint16_t glyph)
{
    return glyph >= 1 && glyph <= font->n_chars ? font->chars[glyph - 1] : ' ';
}

const char *gfx_font_glyph_file(const gfx_font *font, uint16_t glyph)
{
    if (glyph < 1 || glyph > font->n_chars)
        return NULL;
    int source = font->source[glyph - 1];
    return source ? font->fallback[source - 1].file : font->path;
}

int gfx_font_char_count(const gfx_font *font)
{
    return font->n_chars;
}

void gfx_font_set_warn(gfx_font *font, const gfx_warn *warn)
{
    font->warn = warn;
}

/* Fontconfig's fonts in its order of preference for the main font's family
 * (FcFontSort: the configuration's substitutes for that family first, then
 * the rest by closeness), trimmed to those that add coverage, which never
 * removes the first font holding a given character. */
static void query_candidates(gfx_font *font)
{
    font->fc_queried = 1;
    font->fc_config = FcInitLoadConfigAndFonts();
    if (!font->fc_config)
        return;
    FcPattern *pattern = FcPatternCreate();
    if (!pattern)
        return;
    const char *family = font->face->family_name ? font->face->family_name : "monospace";
    FcPatternAddString(pattern, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
    /* a fixed language, else FcDefaultSubstitute takes the locale's and
     * LANG=ja_JP would rank other fonts first than LANG=C */
    FcPatternAddString(pattern, FC_LANG, (const FcChar8 *)"en");
    FcConfigSubstitute(font->fc_config, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result;
    font->fc_candidates = FcFontSort(font->fc_config, pattern, FcTrue, NULL, &result);
    FcPatternDestroy(pattern);
}

/* The fallback slot (1-based) of an opened face of file/index, opening it
 * when new; 0 when it cannot be opened or the slots are full. */
static int fallback_slot(gfx_font *font, const char *file, int index)
{
    for (int i = 0; i < font->n_fallback; i++)
        if (font->fallback[i].index == index && !strcmp(font->fallback[i].file, file))
            return i + 1;
    if (font->n_fallback == MAX_FALLBACK_FACES)
        return 0;
    struct fallback_face *f = &font->fallback[font->n_fallback];
    if (FT_New_Face(font->library, file, index, &f->face))
        return 0;
    if (!FT_IS_SCALABLE(f->face) || !(f->file = strdup(file))) {
        FT_Done_Face(f->face);
        return 0;
    }
    f->index = index;
    return ++font->n_fallback;
}

/* The first fontconfig candidate that has the character, as a fallback
 * slot; 0 when no installed font has it. */
static int find_fallback(gfx_font *font, uint32_t codepoint)
{
    if (!font->fc_queried)
        query_candidates(font);
    const FcFontSet *set = font->fc_candidates;
    for (int i = 0; set && i < set->nfont; i++) {
        FcCharSet *charset;
        FcChar8 *file;
        int index = 0;
        if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &charset) != FcResultMatch ||
            !FcCharSetHasChar(charset, codepoint) ||
            FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
            continue;
        FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
        int slot = fallback_slot(font, (const char *)file, index);
        if (slot && FT_Get_Char_Index(font->fallback[slot - 1].face, codepoint))
            return slot;
    }
    return 0;
}

uint16_t gfx_font_glyph(gfx_font *font, uint32_t codepoint)
{
    if (codepoint <= ' ' || codepoint == 0x7f || codepoint == 0x3000)
        return 0;
    uint32_t slot = gfx_hash32(codepoint) & (CHAR_MAP_SIZE - 1);
    while (font->map[slot].codepoint) {
        if (font->map[slot].codepoint == codepoint)
            return font->map[slot].glyph;
        slot = (slot + 1) & (CHAR_MAP_SIZE - 1);
    }
    uint16_t glyph = 0;
    int source = FT_Get_Char_Index(font->face, codepoint) ? 0 : -1;
    if (source < 0 && font->n_chars < MAX_CHARS) {
        int fallback = find_fallback(font, codepoint);
        source = fallback ? fallback : -1;
    }
    if (source < 0)
        glyph = 0;
    else if (font->n_chars >= MAX_CHARS)
        gfx_warnf(font->warn, "more than %d distinct characters; U+%04X dropped", MAX_CHARS,
                  (unsigned)codepoint);
    else {
        font->source[font->n_chars] = (uint8_t)source;
        font->chars[font->n_chars++] = codepoint;
        glyph = (uint16_t)font->n_chars;
    }
    if (glyph || font->n_misses < MAX_MISSES) {
        font->n_misses += !glyph;
        font->map[slot].codepoint = codepoint;
        font->map[slot].glyph = glyph;
    }
    return glyph;
}

static int set_pixel_height(gfx_font *font, int pixel_height)
{
    if (font->current_px == pixel_height)
        return 0;
    if (FT_Set_Pixel_Sizes(font->face, 0, (FT_UInt)pixel_height))
        return -1;
    font->current_px = pixel_height;
    return 0;
}

static int round26_6(FT_Pos v)
{
    return (int)((v + 32) >> 6);
}

/* round26_6 for values that may be negative (C's >> of those is the
 * compiler's choice): floor((v + 32) / 64). */
static int round26_6_signed(int64_t v)
{
    int64_t w = v + 32;
    return (int)(w >= 0 ? w / 64 : -((-w + 63) / 64));
}

int gfx_font_cell_size(gfx_font *font, int pixel_height, int *cell_w, int *cell_h)
{
    if (set_pixel_height(font, pixel_height) || FT_Load_Char(font->face, 'M', FT_LOAD_DEFAULT))
        return -1;
    const FT_Size_Metrics *m = &font->face->size->metrics;
    *cell_w = round26_6(font->face->glyph->advance.x);
    *cell_h = round26_6(m->ascender - m->descender);
    return 0;
}

/* Copies a rendered bitmap into a glyph's atlas slot with its origin
 * (pen position on the baseline) at pixel (x0, baseline), clipped to the
 * cell (a glyph wider than "M" loses its overhang rather than bleeding into
 * the neighbour, which the blit would otherwise overwrite anyway). */
static void copy_bitmap(const gfx_atlas *v, uint8_t *dst, const FT_GlyphSlot slot, int x0,
                        int baseline)
{
    const FT_Bitmap *bm = &slot->bitmap;
    if (bm->pixel_mode != FT_PIXEL_MODE_GRAY)
        return;
    int top = baseline - slot->bitmap_top;
    for (unsigned by = 0; by < bm->rows; by++) {
        int y = top + (int)by;
        if (y < 0 || y >= v->cell_h)
            continue;
        const uint8_t *src = bm->buffer + (ptrdiff_t)by * bm->pitch;
        uint8_t *row = dst + (ptrdiff_t)y * v->row_bytes;
        for (unsigned bx = 0; bx < bm->width; bx++) {
            int x = x0 + slot->bitmap_left + (int)bx;
            if (x < 0 || x >= v->cell_w)
                continue;
            row[3 * x] = row[3 * x + 1] = row[3 * x + 2] = src[bx];
        }
    }
}

/* A fallback font's character, sized so its advance fits the cell width
 * and the font's line (ascender - descender) fits the cell height, never
 * larger than the main font's pixel height; then centred: its advance
 * across the cell, its line box down the cell. Sizes are 26.6 integers. */
static void rasterize_fallback(gfx_glyph_atlas *atlas, FT_Face face, uint32_t codepoint,
                               uint8_t *dst)
{
    const gfx_atlas *v = &atlas->view;
    int64_t size = (int64_t)atlas->pixel_height * 64;
    if (FT_Set_Char_Size(face, 0, (FT_F26Dot6)size, 72, 72) ||
        FT_Load_Char(face, codepoint, FT_LOAD_DEFAULT))
        return;
    int64_t advance = face->glyph->advance.x;
    int64_t line = face->size->metrics.ascender - face->size->metrics.descender;
    int64_t fitted = size;
    if (advance > (int64_t)v->cell_w * 64)
        fitted = size * v->cell_w * 64 / advance;
    if (line > (int64_t)v->cell_h * 64 && size * v->cell_h * 64 / line < fitted)
        fitted = size * v->cell_h * 64 / line;
    if (fitted < 64)
        fitted = 64;
    if (FT_Set_Char_Size(face, 0, (FT_F26Dot6)fitted, 72, 72) ||
        FT_Load_Char(face, codepoint, FT_LOAD_RENDER | FT_LOAD_TARGET_NORMAL))
        return;
    const FT_Size_Metrics *m = &face->size->metrics;
    int x0 = round26_6_signed(((int64_t)v->cell_w * 64 - face->glyph->advance.x) / 2);
    int baseline = round26_6_signed(((int64_t)v->cell_h * 64 - (m->ascender - m->descender)) / 2 +
                                    m->ascender);
    copy_bitmap(v, dst, face->glyph, x0, baseline);
}

/* Renders one character's coverage into its atlas slot. */
static void rasterize(gfx_glyph_atlas *atlas, int glyph)
{
    gfx_font *font = atlas->font;
    const gfx_atlas *v = &atlas->view;
    uint8_t *dst = atlas->rgb + (ptrdiff_t)glyph * v->glyph_bytes;
    memset(dst, 0, (size_t)v->glyph_bytes);
    uint32_t codepoint = font->chars[glyph - 1];
    int source = font->source[glyph - 1];
    if (source) {
        rasterize_fallback(atlas, font->fallback[source - 1].face, codepoint, dst);
        return;
    }
    if (set_pixel_height(font, atlas->pixel_height) ||
        FT_Load_Char(font->face, codepoint, FT_LOAD_RENDER | FT_LOAD_TARGET_NORMAL))
        return;
    copy_bitmap(v, dst, font->face->glyph, 0, atlas->baseline);
}

static int grow(gfx_glyph_atlas *atlas, int glyphs_needed)
{
    if (glyphs_needed <= atlas->capacity)
        return 0;
    int capacity = atlas->capacity ? atlas->capacity : 64;
    while (capacity < glyphs_needed)
        capacity *= 2;
    uint8_t *rgb = realloc(atlas->rgb, (size_t)capacity * (size_t)atlas->view.glyph_bytes);
    if (!rgb)
        return -1;
    atlas->rgb = rgb;
    atlas->capacity = capacity;
    return 0;
}

gfx_glyph_atlas *gfx_glyph_atlas_create(gfx_font *font, int pixel_height, char *err,
                                        size_t err_size)
{
    int cell_w, cell_h;
    if (gfx_font_cell_size(font, pixel_height, &cell_w, &cell_h)) {
        snprintf(err, err_size, "%s: cannot size the font at %d px", font->path, pixel_height);
        return NULL;
    }
    if (cell_w < 1 || cell_w > 64 || cell_h < 1 || cell_h > 128) {
        snprintf(err, err_size,
                 "%s: a %d px cell is %dx%d pixels; expected at most 64x128 (choose a smaller "
                 "grid or quality)",
                 font->path, pixel_height, cell_w, cell_h);
        return NULL;
    }
    gfx_glyph_atlas *atlas = calloc(1, sizeof *atlas);
    if (!atlas) {
        snprintf(err, err_size, "out of memory for a glyph atlas");
        return NULL;
    }
    atlas->font = font;
    atlas->pixel_height = pixel_height;
    atlas->baseline = round26_6(font->face->size->metrics.ascender);
    atlas->view.cell_w = cell_w;
    atlas->view.cell_h = cell_h;
    atlas->view.row_bytes = (3 * cell_w + 63) & ~63;
    atlas->view.glyph_bytes = atlas->view.row_bytes * cell_h;
    atlas->view.glyph_count = 1;
    if (grow(atlas, 1)) {
        snprintf(err, err_size, "out of memory for a glyph atlas");
        free(atlas);
        return NULL;
    }
    memset(atlas->rgb, 0, (size_t)atlas->view.glyph_bytes);
    atlas->view.rgb = atlas->rgb;
    if (!gfx_glyph_atlas_view(atlas)) {
        snprintf(err, err_size, "out of memory for a glyph atlas");
        gfx_glyph_atlas_free(atlas);
        return NULL;
    }
    return atlas;
}

void gfx_glyph_atlas_free(gfx_glyph_atlas *atlas)
{
    if (!atlas)
        return;
    free(atlas->rgb);
    free(atlas);
}

const gfx_atlas *gfx_glyph_atlas_view(gfx_glyph_atlas *atlas)
{
    int wanted = atlas->font->n_chars + 1;
    if (atlas->view.glyph_count == wanted)
        return &atlas->view;
    if (grow(atlas, wanted))
        return NULL;
    for (int g = atlas->view.glyph_count; g < wanted; g++)
        rasterize(atlas, g);
    atlas->view.rgb = atlas->rgb;
    atlas->view.glyph_count = wanted;
    return &atlas->view;
}

size_t gfx_glyph_atlas_bytes(const gfx_glyph_atlas *atlas)
{
    return (size_t)atlas->capacity * (size_t)atlas->view.glyph_bytes;
}

/* The 26.6 pen advance of every character of the line, summed. */
static int line_advance(gfx_font *font, const char *utf8, size_t len, FT_Pos *total)
{
    *total = 0;
    for (const char *p = utf8, *end = utf8 + len; p < end && *p;) {
        uint32_t cp = gfx_utf8_next(&p);
        if (FT_Load_Char(font->face, cp, FT_LOAD_DEFAULT))
            return -1;
        *total += font->face->glyph->advance.x;
    }
    return 0;
}

static void draw_glyph(gfx_text_bitmap *b, const FT_GlyphSlot slot, int pen_x, int baseline)
{
    const FT_Bitmap *bm = &slot->bitmap;
    if (bm->pixel_mode != FT_PIXEL_MODE_GRAY)
        return;
    for (unsigned by = 0; by < bm->rows; by++) {
        int y = baseline - slot->bitmap_top + (int)by;
        if (y < 0 || y >= b->height)
            continue;
        const uint8_t *src = bm->buffer + (ptrdiff_t)by * bm->pitch;
        uint8_t *row = b->px + (ptrdiff_t)y * b->width;
        for (unsigned bx = 0; bx < bm->width; bx++) {
            int x = pen_x + slot->bitmap_left + (int)bx;
            if (x >= 0 && x < b->width && src[bx] > row[x])
                row[x] = src[bx];
        }
    }
}

int gfx_font_render_line(gfx_font *font, const char *utf8, size_t len, int pixel_height,
                         gfx_text_bitmap *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    FT_Pos total;
    if (pixel_height < 1 || set_pixel_height(font, pixel_height) ||
        line_advance(font, utf8, len, &total)) {
        gfx_fail(err, err_size, GFX_FAILED, "%s: cannot lay out text at %d px", font->path,
                 pixel_height);
        return -1;
    }
    const FT_Size_Metrics *m = &font->face->size->metrics;
    int baseline = round26_6(m->ascender);
    out->height = round26_6(m->ascender - m->descender);
    out->width = round26_6(total);
    if (out->width <= 0 || out->height <= 0) {
        out->width = 0;
        return 0;
    }
    out->px = calloc((size_t)out->width * (size_t)out->height, 1);
    if (!out->px) {
        gfx_fail(err, err_size, GFX_FAILED, "out of memory for a %dx%d text line", out->width,
                 out->height);
        return -1;
    }
    FT_Pos pen = 0;
    for (const char *p = utf8, *end = utf8 + len; p < end && *p;) {
        uint32_t cp = gfx_utf8_next(&p);
        if (FT_Load_Char(font->face, cp, FT_LOAD_RENDER | FT_LOAD_TARGET_NORMAL)) {
            gfx_text_bitmap_free(out);
            gfx_fail(err, err_size, GFX_FAILED, "%s: cannot render U+%04X", font->path,
                     (unsigned)cp);
            return -1;
        }
        draw_glyph(out, font->face->glyph, round26_6(pen), baseline);
        pen += font->face->glyph->advance.x;
    }
    return 0;
}

void gfx_text_bitmap_free(gfx_text_bitmap *b)
{
    free(b->px);
    memset(b, 0, sizeof *b);
}

uint32_t gfx_utf8_next(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    if (!*p)
        return 0;
    int len = *p < 0x80             ? 1
              : (*p & 0xe0) == 0xc0 ? 2
              : (*p & 0xf0) == 0xe0 ? 3
              : (*p & 0xf8) == 0xf0 ? 4
                                    : 0;
    if (!len) {
        *s += 1;
        return 0xfffd;
    }
    uint32_t cp = len == 1 ? *p : *p & (0x7f >> len);
    for (int i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80) {
            *s += 1;
            return 0xfffd;
        }
        cp = (cp << 6) | (p[i] & 0x3f);
    }
    *s += len;
    return cp;
}
