/* block_corrupt (catalogue section 4, glitch: eff_block_corrupt): corrupt
 * blocks flickering over a dark screen. Each frame draws anew
 *   floor(count_base + 60 flux + 40 bdecay) rectangles of 2-6 x 1-4 cells,
 * each filled with one glyph of "█▄▀▐▌ｦｧｨｩｪｫ" (glyph picks on the "corrupt"
 * ramp) in a random reddish colour R 100-255, G 0-100, B 0-80, given as
 * value max(R, G, B) / 255 and hue the colour's HSV hue (so the "rainbow"
 * palette with the "effect" hue mapping shows the catalogue's colours; other
 * palettes read the hue as a place on their gradient). Beats and spectral
 * flux multiply the blocks. */
#include "fx_chars.h"

enum { CORRUPT_STREAM = 0x636f7272 };
enum { P_COUNT_BASE };

#define CORRUPT_GLYPHS 11 /* the "corrupt" ramp's glyphs, picks 1..11 */

static const gfx_param_desc corrupt_params[] = {
    {"count_base", 20.0f, 0.0f, 200.0f,
     "blocks per frame in silence (flux and beats add up to 100)"},
};

/* HSV hue of a colour whose red is the largest channel. */
static float reddish_hue(float r, float g, float b)
{
    float low = fx_minf(g, b), span = fx_maxf(r - low, 1e-6f);
    return fx_frac((g - b) / span * (1.0f / 6.0f));
}

static void corrupt_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    fx_clear(g, value, hue, 0.0f);
    int count = fx_floor(fx_param(ctx, P_COUNT_BASE) + 60.0f * ft->flux + 40.0f * ft->beat_env);
    uint32_t key = fx_hash3(ctx->seed, CORRUPT_STREAM, (uint32_t)ctx->frame);
    for (int k = 0; k < count; k++) {
        uint32_t h = gfx_hash32(key + (uint32_t)k * 0x9e3779b9U);
        int w = 2 + (int)(fx_draw(h, 0) * 5.0f), ht = 1 + (int)(fx_draw(h, 1) * 4.0f);
        int c0 = (int)(fx_draw(h, 2) * (float)g->cols), r0 = (int)(fx_draw(h, 3) * (float)g->rows);
        int glyph = 1 + (int)(fx_draw(h, 4) * CORRUPT_GLYPHS);
        float red = 100.0f + 155.0f * fx_draw(h, 5), green = 100.0f * fx_draw(h, 6);
        float blue = 80.0f * fx_draw(h, 7);
        float v = red * (1.0f / 255.0f), cell_hue = fx_pick(glyph, reddish_hue(red, green, blue));
        for (int r = r0; r < r0 + ht && r < g->rows; r++)
            for (int c = c0; c < c0 + w && c < g->cols; c++) {
                value[r * g->cols + c] = v;
                hue[r * g->cols + c] = cell_hue;
            }
    }
}

const gfx_effect_desc gfx_fx_block_corrupt = {
    .name = "block_corrupt",
    .summary = "glitch: reddish blocks of corrupt glyphs, more of them on beats",
    .render = corrupt_render,
    .params = corrupt_params,
    .n_params = sizeof corrupt_params / sizeof corrupt_params[0],
    .default_ramp = "corrupt",
    .group = GFX_EFFECT_CHARACTER,
};
