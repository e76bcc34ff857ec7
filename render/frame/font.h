/* Font and glyph atlases: FreeType rasterizes each character once per pixel
 * size into the coverage layout the blit kernel reads (gfx_atlas).
 *
 * One gfx_font holds the face and the character set. Glyph indices are
 * shared by every atlas of that font: index i (1-based) is the i-th
 * character added, 0 is the blank glyph (space). So a palette resolved once
 * to glyph indices works at every grid size.
 *
 * Per-glyph fallback: a character the main font lacks (FT_Get_Char_Index ==
 * 0: katakana, braille, runes, arabic in DejaVu Sans Mono) comes from the
 * first font in fontconfig's FcFontSort order for the main font's family
 * (scalable fonts, trimmed to those adding coverage) whose charset has it.
 * The choice depends only on the fontconfig configuration (the system's
 * and the user's) and the installed fonts, not on the locale (the query's
 * language is fixed), so it is fixed per machine; another may draw the same
 * character from another font (tools/packages.sh installs the one this
 * project counts on for katakana). The atlas draws such a glyph at the main
 * font's cell size: scaled down (never up) until its advance fits the cell
 * width and its font's line (ascender - descender) fits the cell height,
 * then centred across the cell, and its line box centred down the cell, so
 * its baseline sits near the main one. Fallback faces are opened once, at
 * most 15 per gfx_font, and kept with it. A character no installed font has
 * maps to index 0; the palette that asked reports it (palette.h).
 *
 * Not thread-safe: FreeType faces are not; a renderer owns its font. */
#ifndef GFX_FONT_H
#define GFX_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "gfx_kernels.h"
#include "status.h"

typedef struct gfx_font gfx_font;
typedef struct gfx_glyph_atlas gfx_glyph_atlas;

/* Default font: DejaVu Sans Mono through fontconfig, else this path. */
#define GFX_FONT_FALLBACK "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"

/* Opens `path`, or the default font when path is NULL. On failure returns
 * NULL and writes one line to err naming the file and what was expected. */
gfx_font *gfx_font_open(const char *path, char *err, size_t err_size);
void gfx_font_close(gfx_font *font);
const char *gfx_font_path(const gfx_font *font);
/* Where a character dropped past the set's limit is reported (NULL: nowhere;
 * warn must outlive the font). */
void gfx_font_set_warn(gfx_font *font, const gfx_warn *warn);

/* Glyph index of a code point, adding it to the character set on first
 * use (from the fallback when the font lacks it); 0 for space, control
 * characters and characters no installed font has. */
uint16_t gfx_font_glyph(gfx_font *font, uint32_t codepoint);
/* The code point of a glyph index (the reverse of gfx_font_glyph): ' ' for
 * 0 and for indices past the set. */
uint32_t gfx_font_codepoint(const gfx_font *font, uint16_t glyph);
/* The font file a glyph index is drawn from: the main font's path or the
 * fallback's; NULL for 0 and indices not in the set. */
const char *gfx_font_glyph_file(const gfx_font *font, uint16_t glyph);
/* Characters in the set (the atlas glyph_count is this + 1). */
int gfx_font_char_count(const gfx_font *font);

/* Cell size of a pixel height: width = advance of "M", height = ascent +
 * descent, both rounded from the size metrics. 0 on success. */
int gfx_font_cell_size(gfx_font *font, int pixel_height, int *cell_w, int *cell_h);

/* An atlas at one pixel height, holding every character of the font's set.
 * NULL (err written) when the cell would exceed the blit's 64x128 limit or
 * memory runs out. */
gfx_glyph_atlas *gfx_glyph_atlas_create(gfx_font *font, int pixel_height, char *err,
                                        size_t err_size);
void gfx_glyph_atlas_free(gfx_glyph_atlas *atlas);
/* The kernel's view, after rasterizing characters added to the font since
 * the last call (lazy: overlay text met mid-render). NULL if out of memory. */
const gfx_atlas *gfx_glyph_atlas_view(gfx_glyph_atlas *atlas);
size_t gfx_glyph_atlas_bytes(const gfx_glyph_atlas *atlas);

/* A line of text as coverage, 0..255 a byte, row-major with stride width. */
typedef struct gfx_text_bitmap {
    uint8_t *px; /* NULL when width is 0 */
    int width, height;
} gfx_text_bitmap;

/* Rasterizes the first `len` bytes of a UTF-8 string as one line at a pixel
 * height: glyphs placed by their advances (no kerning or shaping), height
 * ascent + descent with the baseline at the ascent, width the sum of the
 * advances (overhangs past either end are cut). A character the font lacks
 * advances as its missing-glyph box. Does not touch the character set.
 * Returns 0, or -1 when FreeType fails or memory runs out (err written). */
int gfx_font_render_line(gfx_font *font, const char *utf8, size_t len, int pixel_height,
                         gfx_text_bitmap *out, char *err, size_t err_size);
void gfx_text_bitmap_free(gfx_text_bitmap *b);

/* Decodes one UTF-8 sequence at *s, advancing it; invalid bytes decode as
 * U+FFFD one byte at a time. Returns 0 at the terminating NUL. */
uint32_t gfx_utf8_next(const char **s);

#endif
