/* Voronoi (catalogue 3b.4): n_cells seeds, each swinging about its home
 * (vx sin(0.5t + 0.8i), vy cos(0.4t + 1.1i)), wrapped into the grid; d1
 * and d2 are the nearest and second-nearest seed distances in cell widths
 * (rows scaled by the aspect, so cells are round on screen).
 * mode 0 "distance": bright cores, clip(1 - d1 / (0.15 cols)) (0.5 + 0.7 rms)
 * mode 1 "edge":     bright cracks, clip(1 - (d2 - d1) / edge_width) (0.5 + 0.8 rms)
 * mode 2 "cell_id":  flat tiles, (id / n) mod 1
 * The hue is the nearest seed's id / n in every mode, so tiles keep their colour. */
#include "fields_common.h"

enum { VORONOI_STREAM = 0x766f726f };
enum { VOR_CELLS, VOR_SPEED, VOR_EDGE, VOR_MODE, VOR_SEED };
enum { MODE_DISTANCE = 0, MODE_EDGE, MODE_CELL_ID };

static const gfx_param_desc voronoi_params[] = {
    {"n_cells", 20.0f, 2.0f, 64.0f, "seeds (rounded down)"},
    {"speed", 0.3f, 0.0f, 3.0f, "how far the seeds swing"},
    {"edge_width", 1.5f, 0.2f, 10.0f, "crack width in edge mode, cells"},
    {"mode", 0.0f, 0.0f, 2.0f, "0 distance (bright cores), 1 edge (cracks), 2 cell_id (tiles)"},
    {"seed", 42.0f, 0.0f, 65535.0f, "which seeds (rounded down)"},
};

#define VOR_MAX_CELLS 64

static float wrap(float x, float period)
{
    return x - period * (float)fx_floor(x / period);
}

static void voronoi_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float t = (float)ctx->time, speed = fx_param(ctx, VOR_SPEED);
    int cells = (int)fx_param(ctx, VOR_CELLS), mode = (int)fx_param(ctx, VOR_MODE);
    uint32_t key = fx_hash3(ctx->seed, VORONOI_STREAM, (uint32_t)fx_param(ctx, VOR_SEED));
    float cols = (float)g->cols, rows = (float)g->rows;
    float sx[VOR_MAX_CELLS], sy[VOR_MAX_CELLS];
    for (int k = 0; k < cells; k++) {
        uint32_t h = gfx_hash32(key + (uint32_t)k * 0x9e3779b9U);
        float vx = (fx_draw(h, 2) - 0.5f) * 10.0f * speed;
        float vy = (fx_draw(h, 3) - 0.5f) * 10.0f * speed;
        float fk = (float)k;
        sx[k] = wrap(fx_draw(h, 0) * cols + vx * fx_sin(0.5f * t + 0.8f * fk), cols);
        sy[k] = wrap(fx_draw(h, 1) * rows + vy * fx_cos(0.4f * t + 1.1f * fk), rows) * g->aspect;
    }
    float rms = fld_rms(ctx->feat);
    float core_scale = 1.0f / (0.15f * cols), core_level = 0.5f + 0.7f * rms;
    float edge_scale = 1.0f / fx_param(ctx, VOR_EDGE), edge_level = 0.5f + 0.8f * rms;
    float inv_cells = 1.0f / (float)cells;
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        float x = g->col[i], y = g->row[i] * g->aspect;
        float best = 3.0e38f, second = 3.0e38f;
        int id = 0;
        for (int k = 0; k < cells; k++) {
            float dx = x - sx[k], dy = y - sy[k], d = dx * dx + dy * dy;
            if (d < best) {
                second = best;
                best = d;
                id = k;
            } else if (d < second)
                second = d;
        }
        float d1 = sqrtf(best), d2 = cells > 1 ? sqrtf(second) : d1;
        float v = mode == MODE_DISTANCE ? fx_clamp01(1.0f - d1 * core_scale) * core_level
                  : mode == MODE_EDGE   ? fx_clamp01(1.0f - (d2 - d1) * edge_scale) * edge_level
                                        : (float)id * inv_cells;
        value[i] = fx_clamp01(v);
        hue[i] = (float)id * inv_cells;
    }
}

const gfx_effect_desc gfx_fx_voronoi = {
    .name = "voronoi",
    .summary = "voronoi: swinging cells as bright cores, cracks or flat tiles",
    .render = voronoi_render,
    .params = voronoi_params,
    .n_params = sizeof voronoi_params / sizeof voronoi_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_FIELD,
};
