/* A frame's worth of kernel inputs with realistic content, for the
 * benchmark harness's per-kernel stages (glyphfx_bench.cc; the probe and
 * the pipeline stages render real frames instead): a full grid of 16 px
 * DejaVu Sans Mono cells (render/frame/font.h's FreeType atlas of the
 * printable ASCII characters) with random glyphs and colours, every cache
 * the shaders use (vignette mask, CRT table, scanline gains), and every
 * output buffer, all allocated once. Frame sizes are the quality profiles'
 * (render/run/profile.h).
 *
 * Content is a pure function of (width, height, seed) and the font. */
#ifndef GFX_FRAME_FIXTURE_H
#define GFX_FRAME_FIXTURE_H

#include <stdint.h>

#include "feedback.h"
#include "font.h"
#include "gfx_kernels.h"
#include "image.h"

#define GFX_FIXTURE_PIXEL_HEIGHT 16

typedef struct gfx_frame_fixture {
    int width, height;
    gfx_image canvas;           /* the blitted grid after gfx_frame_fixture_init */
    gfx_image crt_out;          /* CRT writes here (it is out of place) */
    gfx_image small, small_tmp; /* bloom's quarter-size images */
    uint8_t *vignette_mask;     /* width x height, stride width */
    uint8_t *row_gain;          /* scanlines, one per row */
    uint32_t *crt_table;        /* width x height source offsets */
    uint16_t *blur_scratch;
    uint8_t *yuv_y, *yuv_u, *yuv_v;
    ptrdiff_t uv_stride;
    uint8_t *rgba; /* width x height straight RGBA, stride 4 * width */
    gfx_cell *cells;
    int rows, cols;
    gfx_font *font;
    gfx_glyph_atlas *glyph_atlas;
    const gfx_atlas *atlas;
    gfx_blit_args blit;   /* draws the whole grid into canvas */
    uint8_t *cell_planes; /* cell stats' seven rows x cols planes */
    uint16_t *cell_scratch;
} gfx_frame_fixture;

/* Returns 0, or -1 when out of memory or the font cannot be opened (a line
 * on stderr says which; f is then freed). */
int gfx_frame_fixture_init(gfx_frame_fixture *f, int width, int height, uint32_t seed);
void gfx_frame_fixture_free(gfx_frame_fixture *f);

/* Bytes of one RGB24 frame (what a memcpy of "the same bytes" copies). */
static inline size_t gfx_frame_fixture_bytes(const gfx_frame_fixture *f)
{
    return gfx_image_bytes(&f->canvas);
}

/* The stages, each as one frame runs it (the canvas is modified in place by
 * all but CRT and yuv420p). */
void gfx_fixture_blit(gfx_frame_fixture *f, const struct gfx_kernels *k);
void gfx_fixture_bloom(gfx_frame_fixture *f, const struct gfx_kernels *k);
void gfx_fixture_vignette(gfx_frame_fixture *f, const struct gfx_kernels *k);
void gfx_fixture_grain(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t frame);
void gfx_fixture_crt(gfx_frame_fixture *f, const struct gfx_kernels *k);
void gfx_fixture_yuv420p(gfx_frame_fixture *f, const struct gfx_kernels *k, const gfx_image *from);
/* The canvas as straight RGBA into rgba. */
void gfx_fixture_rgba(gfx_frame_fixture *f, const struct gfx_kernels *k);
/* Cell stats of the canvas over the blit's grid, crt_out as the previous
 * frame (whatever it holds). */
void gfx_fixture_cell_stats(gfx_frame_fixture *f, const struct gfx_kernels *k);
/* Blends crt_out (the top layer; whatever it holds) onto the canvas. */
void gfx_fixture_blend(gfx_frame_fixture *f, const struct gfx_kernels *k, enum gfx_blend_mode mode,
                       unsigned opacity_q8);
/* Mixes crt_out over the canvas through a mask as gfx_mask_apply_canvas
 * does: one mask row per band of cell-height rows (mask stride 0), here the
 * vignette mask's first row of each band. */
void gfx_fixture_mask_mix(gfx_frame_fixture *f, const struct gfx_kernels *k);
/* The same through the whole vignette mask, a row of it per pixel row. */
void gfx_fixture_mask_mix_pixels(gfx_frame_fixture *f, const struct gfx_kernels *k);

/* The feedback's kernels: its decay and hue shift (rainbow_trails': 0.7 and
 * 0.02 of a turn) in place on the canvas, and a transform of the canvas into
 * crt_out (amt as the presets use it). */
void gfx_fixture_colour_matrix(gfx_frame_fixture *f, const struct gfx_kernels *k);
void gfx_fixture_remap(gfx_frame_fixture *f, const struct gfx_kernels *k,
                       enum gfx_feedback_transform t, float amt);
/* A curve (contrast 1.5 around 128) through the lut3 kernel, in place: the
 * same table on every channel, as the curve shaders have. */
void gfx_fixture_lut3(gfx_frame_fixture *f, const struct gfx_kernels *k);
/* Three different tables (a duotone colour ramp's), which some variants
 * need three lookups for. */
void gfx_fixture_lut3_split(gfx_frame_fixture *f, const struct gfx_kernels *k);

#endif
