#include "fx_common.h"

void fx_clear(const gfx_grid *g, float *value, float *hue, float hue_fill)
{
    int n = g->rows * g->cols;
    for (int i = 0; i < n; i++) {
        value[i] = 0.0f;
        hue[i] = hue_fill;
    }
}

void fx_clouds(const gfx_grid *g, uint32_t key, const fx_cloud_style *st, float *value, float *hue)
{
    /* noise above 1 - cover is cloud, stretched to 0..1 */
    float cut = 1.0f - st->cover, gain = 1.0f / fx_maxf(st->cover, 0.05f);
    /* a per-cell grain that moves with the clouds (whole rows at a time),
     * so a cloud reads as a drift of glyphs, not a flat slab */
    int shift = fx_floor(st->rise / (g->aspect * st->scale));
    uint32_t grain_key = gfx_hash32(key ^ 0x67726169U);
    for (int r = 0; r < g->rows; r++) {
        float *v = value + (size_t)r * g->cols, *h = hue + (size_t)r * g->cols;
        uint32_t row_key = gfx_hash32(grain_key + (uint32_t)(r + shift) * 0x9e3779b9U);
        fx_noise_row(key, st->scale, (float)r * g->aspect * st->scale + st->rise, g->cols, v);
        for (int c = 0; c < g->cols; c++) {
            float cloud = fx_clamp01((v[c] - cut) * gain);
            float grain = 0.45f + 0.55f * fx_unit(gfx_hash32(row_key ^ (uint32_t)c));
            h[c] = fx_frac(st->hue0 + st->hue_span * cloud);
            v[c] = st->level * cloud * cloud * grain;
        }
    }
}

void fx_noise_row(uint32_t key, float x_scale, float y, int cols, float *out)
{
    int iy = fx_floor(y);
    float fy = fx_smooth(y - (float)iy);
    int lattice_x = -2; /* none yet: x >= 0, so ix >= 0 never follows it */
    float left = 0.0f, right = 0.0f;
    for (int c = 0; c < cols; c++) {
        float x = (float)c * x_scale;
        int ix = fx_floor(x);
        if (ix != lattice_x) {
            /* the next lattice column's left edge is this one's right edge */
            left = ix == lattice_x + 1
                       ? right
                       : fx_lattice(key, ix, iy) +
                             (fx_lattice(key, ix, iy + 1) - fx_lattice(key, ix, iy)) * fy;
            float b = fx_lattice(key, ix + 1, iy), e = fx_lattice(key, ix + 1, iy + 1);
            right = b + (e - b) * fy;
            lattice_x = ix;
        }
        out[c] = left + (right - left) * fx_smooth(x - (float)ix);
    }
}

int fx_recent_beats(const gfx_effect_ctx *ctx, int window_frames, int *beat_frames, int max_beats)
{
    const gfx_feature_track *track = ctx->track;
    if (!track || track->n_frames <= 0 || !track->frames)
        return 0;
    int newest = ctx->frame < track->n_frames - 1 ? ctx->frame : track->n_frames - 1;
    int oldest = ctx->frame - window_frames + 1;
    if (oldest < 0)
        oldest = 0;
    int n = 0;
    for (int f = newest; f >= oldest && n < max_beats; f--)
        if (track->frames[f].beat > 0.5f)
            beat_frames[n++] = f;
    return n;
}

float fx_band_at(const float *bands, float position)
{
    if (position <= 0.0f)
        return bands[0];
    if (position >= (float)(GFX_BANDS - 1))
        return bands[GFX_BANDS - 1];
    int b = (int)position;
    float w = position - (float)b;
    return bands[b] + (bands[b + 1] - bands[b]) * w;
}

int fx_particle_cap(const gfx_effect_ctx *ctx, const gfx_effect_desc *desc)
{
    return ctx->particle_cap > 0 ? ctx->particle_cap : desc->particle_caps[1];
}

fx_drag fx_drag_at(float k, float tau)
{
    fx_drag d;
    if (k < 1e-4f) {
        d.reach = tau;
        d.fall = 0.5f * tau * tau;
    } else {
        d.reach = (1.0f - fx_exp(-k * tau)) / k;
        d.fall = (tau - d.reach) / k;
    }
    return d;
}
