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

struct char_slot {
    uint32_t codepoint; /* 0 = empty slot */
    uint16_t glyph;
};

struct gfx_font {
    FT_Library library;
    FT_Face face;
    char *path;
    int current_px;            /* pixel size the face is set to, 0 = none yet */
    uint32_t chars[MAX_CHARS]; /* chars[i] has glyph index i + 1 */
    int n_chars;
    int n_misses; /* map slots holding index 0 */
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

int gfx_font_char_count(const gfx_font *font)
{
    return font->n_chars;
}

void gfx_font_set_warn(gfx_font *font, const gfx_warn *warn)
{
    font->warn = warn;
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
    if (!FT_Get_Char_Index(font->face, codepoint))
        glyph = 0;
    else if (font->n_chars >= MAX_CHARS)
        gfx_warnf(font->warn, "more than %d distinct characters; U+%04X dropped", MAX_CHARS,
                  (unsigned)codepoint);
    else {
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

int gfx_font_cell_size(gfx_font *font, int pixel_height, int *cell_w, int *cell_h)
{
    if (set_pixel_height(font, pixel_height) || FT_Load_Char(font->face, 'M', FT_LOAD_DEFAULT))
        return -1;
    const FT_Size_Metrics *m = &font->face->size->metrics;
    *cell_w = round26_6(font->face->glyph->advance.x);
    *cell_h = round26_6(m->ascender - m->descender);
    return 0;
}

/* Renders one character's coverage into its atlas slot, clipped to the
 * cell (a glyph wider than "M" loses its overhang rather than bleeding into
 * the neighbour, which the blit would otherwise overwrite anyway). */
static void rasterize(gfx_glyph_atlas *atlas, int glyph)
{
    gfx_font *font = atlas->font;
    const gfx_atlas *v = &atlas->view;
    uint8_t *dst = atlas->rgb + (ptrdiff_t)glyph * v->glyph_bytes;
    memset(dst, 0, (size_t)v->glyph_bytes);
    if (set_pixel_height(font, atlas->pixel_height) ||
        FT_Load_Char(font->face, font->chars[glyph - 1], FT_LOAD_RENDER | FT_LOAD_TARGET_NORMAL))
        return;
    const FT_GlyphSlot slot = font->face->glyph;
    const FT_Bitmap *bm = &slot->bitmap;
    if (bm->pixel_mode != FT_PIXEL_MODE_GRAY)
        return;
    int top = atlas->baseline - slot->bitmap_top;
    for (unsigned by = 0; by < bm->rows; by++) {
        int y = top + (int)by;
        if (y < 0 || y >= v->cell_h)
            continue;
        const uint8_t *src = bm->buffer + (ptrdiff_t)by * bm->pitch;
        uint8_t *row = dst + (ptrdiff_t)y * v->row_bytes;
        for (unsigned bx = 0; bx < bm->width; bx++) {
            int x = slot->bitmap_left + (int)bx;
            if (x < 0 || x >= v->cell_w)
                continue;
            row[3 * x] = row[3 * x + 1] = row[3 * x + 2] = src[bx];
        }
    }
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
