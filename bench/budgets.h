/* Per-stage time budgets: the one table the benchmarks hold each stage to.
 *
 * Two budgets per stage, both in ms per frame at 1920x1080 on one core,
 * scaled by pixel count for the other frame sizes:
 *   glyphfx: issue 2's targets (blit 1.0, bloom 1.2, vignette 0.7, grain 0.8,
 *            CRT 2.0) and issue 4's whole frame (5.0); the shader chain gets
 *            the sum of its kernels' (4.7). The rest are ours: yuv420p and
 *            each plain-C shader are one pass like vignette (0.7); the
 *            per-cell stages (effect 0.5, tonemap 0.1, colour 0.3 for the
 *            56x192 cells of 1080p) leave the frame to the pixel passes;
 *            a PNG (20) lets two workers keep a 24 fps sequence going;
 *            the PNG encoder alone (png_encode, 14) is 150 megapixels a
 *            second, the goal set against fpnge's 180-800; libpng at zlib
 *            level 1 (png_zlib1) is held to the PNG budget.
 *            each blend mode is one pass over two layers (0.7, as vignette),
 *            and so is the mask mix (mask_mix, 0.7; mask_mix_pixels,
 *            a mask byte per pixel instead of a row per cell row, 0.7).
 *            each blend mode is one pass over two layers (0.7, as vignette);
 *            colour_matrix is one in-place pass (0.7, as vignette) and each
 *            remap_ transform one out-of-place resampling (1.0: half CRT's,
 *            which reads a 4-byte table per pixel besides).
 *            each blend mode is one pass over two layers (0.7, as vignette).
 *            rgba_unpremultiply (for outputs with alpha) divides three
 *            channels per pixel and writes a third more than it reads (1.5).
 *            cell_stats (video input per cell) reads two frames and writes
 *            a few bytes per cell: 0.45, 1.5x the 0.3 ms memcpy of a 1080p
 *            frame on the slower days of the EPYC VM; the goal set for it.
 *            lut3 (the per-channel colour curves) is held to the same
 *            1.5x memcpy goal (0.45), one in-place pass over the frame,
 *            with one curve on all channels (lut3) or three (lut3_split).
 *            remap_table (the geometry shaders) copies through a 4-byte
 *            table per pixel: 1.0, as each remap_ transform; so are the
 *            shaders on it (shader_kaleidoscope, the mirrors, pixelate,
 *            displacement_map: 1.0, their tables cached). The other
 *            geometry and glitch shaders are one pass (0.7, as vignette),
 *            or read two table samples per pixel (rgb_split_radial,
 *            radial_blur 1.5), the luma's neighbours (edge_glow 1.5), a
 *            half-size blur (soft_focus 1.2, as bloom), blocks (halftone
 *            1.0, static 0.8 as grain) or sort runs (pixel_sort 2.0).
 *   seed:    the Python seed's per-component table (effect 2-15 ms,
 *            character render 80-150 ms, shader pipeline 5-25 ms for all
 *            shaders together, ffmpeg encode ~5 ms, 100-200 ms a frame);
 *            its upper ends. Tonemap counts as effect, colour as character
 *            render, PNG as the encode.
 * Bloom's three kernels are each held to the whole bloom budget, so their
 * budget_used figures say what share of it each takes. */
#ifndef GFX_BENCH_BUDGETS_H
#define GFX_BENCH_BUDGETS_H

#include <string.h>

typedef struct gfx_stage_budget {
    const char *stage;
    double glyphfx_ms_1080p;
    double seed_ms_1080p;
} gfx_stage_budget;

static const gfx_stage_budget gfx_stage_budgets[] = {
    {"blit", 1.0, 150.0},
    {"bloom", 1.2, 25.0},
    {"bloom_downsample4_threshold", 1.2, 25.0},
    {"box_blur3", 1.2, 25.0},
    {"bloom_upsample4_add", 1.2, 25.0},
    {"vignette", 0.7, 25.0},
    {"grain", 0.8, 25.0},
    {"crt", 2.0, 25.0},
    {"rgb_to_yuv420p", 0.7, 5.0},
    {"effect", 0.5, 15.0},
    {"tonemap", 0.1, 15.0},
    {"colour", 0.3, 150.0},
    {"shaders", 4.7, 25.0},
    {"shader_chromatic", 0.7, 25.0},
    {"shader_posterize", 0.7, 25.0},
    {"shader_invert", 0.7, 25.0},
    {"shader_threshold", 0.7, 25.0},
    {"shader_color_ramp", 0.7, 25.0},
    {"blend_normal", 0.7, 25.0},
    {"blend_add", 0.7, 25.0},
    {"blend_multiply", 0.7, 25.0},
    {"blend_screen", 0.7, 25.0},
    {"blend_overlay", 0.7, 25.0},
    {"blend_softlight", 0.7, 25.0},
    {"blend_colordodge", 0.7, 25.0},
    {"blend_vividlight", 0.7, 25.0},
    {"mask_mix", 0.7, 25.0},
    {"mask_mix_pixels", 0.7, 25.0},
    {"colour_matrix", 0.7, 25.0},
    {"remap_zoom", 1.0, 25.0},
    {"remap_shrink", 1.0, 25.0},
    {"remap_rotate", 1.0, 25.0},
    {"remap_mirror", 1.0, 25.0},
    {"remap_shift", 1.0, 25.0},
    {"rgba_unpremultiply", 1.5, 5.0},
    {"cell_stats", 0.45, 25.0},
    {"lut3", 0.45, 25.0},
    {"lut3_split", 0.45, 25.0},
    {"remap_table", 1.0, 25.0},
    {"shader_kaleidoscope", 1.0, 25.0},
    {"shader_mirror_h", 1.0, 25.0},
    {"shader_mirror_v", 1.0, 25.0},
    {"shader_mirror_quad", 1.0, 25.0},
    {"shader_mirror_diag", 1.0, 25.0},
    {"shader_pixelate", 1.0, 25.0},
    {"shader_displacement_map", 1.0, 25.0},
    {"shader_wave_distort", 0.7, 25.0},
    {"shader_channel_shift", 0.7, 25.0},
    {"shader_rgb_split_radial", 1.5, 25.0},
    {"shader_edge_glow", 1.5, 25.0},
    {"shader_soft_focus", 1.2, 25.0},
    {"shader_radial_blur", 1.5, 25.0},
    {"shader_reverse_vignette", 0.7, 25.0},
    {"shader_halftone", 1.0, 25.0},
    {"shader_static", 0.8, 25.0},
    {"shader_glitch_bands", 0.7, 25.0},
    {"shader_block_glitch", 0.7, 25.0},
    {"shader_pixel_sort", 2.0, 25.0},
    {"shader_data_bend", 0.7, 25.0},
    {"png", 20.0, 5.0},
    {"png_encode", 14.0, 5.0},
    {"png_zlib1", 20.0, 5.0},
    {"frame", 5.0, 200.0},
    /* three grids, two blend modes, a mask, feedback and the same chain:
     * at most twice the single-layer frame */
    {"layered_frame", 10.0, 400.0},
    /* each fx_<effect> stage (one effect on the 1080p md grid): the effect budget */
    {"fx", 0.5, 15.0},
};

static inline const gfx_stage_budget *gfx_stage_budget_find(const char *stage)
{
    for (size_t i = 0; i < sizeof gfx_stage_budgets / sizeof gfx_stage_budgets[0]; i++)
        if (!strcmp(gfx_stage_budgets[i].stage, stage))
            return &gfx_stage_budgets[i];
    return NULL;
}

/* A budget at another frame size: proportional to the pixels. */
static inline double gfx_budget_scale(double ms_1080p, int width, int height)
{
    return ms_1080p * (double)width * (double)height / (1920.0 * 1080.0);
}

#endif
