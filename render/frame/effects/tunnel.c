/* Tunnel: the screen as the inside of a tube seen down its axis. Depth is
 * 1 / distance from the centre, so rings rush outwards as time moves the
 * texture along the tube; angular stripes twist with depth. The far end
 * (the centre) fades to dark; loudness and beats light the walls. */
#include "fx_common.h"

enum { P_SPEED, P_RINGS, P_SEGMENTS, P_TWIST, P_REACT };

static const gfx_param_desc tunnel_params[] = {
    {"speed", 1.2f, 0.0f, 6.0f, "travel speed, texture repeats per second"},
    {"rings", 4.0f, 0.5f, 12.0f, "rings per unit of depth"},
    {"segments", 12.0f, 2.0f, 32.0f, "stripes around the tube (rounded down)"},
    {"twist", 0.6f, -3.0f, 3.0f, "stripe twist per unit of depth"},
    {"reactivity", 0.7f, 0.0f, 1.0f, "how much loudness and beats light the walls"},
};

static void tunnel_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    float t = (float)ctx->time, react = fx_param(ctx, P_REACT);
    float travel = t * fx_param(ctx, P_SPEED);
    float rings = fx_param(ctx, P_RINGS), twist = fx_param(ctx, P_TWIST);
    float segments = (float)(int)fx_param(ctx, P_SEGMENTS);
    float spin = 0.25f * t;
    /* depth 1 at a distance of a sixth of the short side: a few rings on screen */
    float radius = fx_minf((float)g->cols, (float)g->rows * g->aspect) / 6.0f;
    float level = 0.65f + 0.35f * (react * ft->rms_fast + (1.0f - react) * 0.6f);
    float flash = 0.35f * react * ft->beat_env;
    int n = g->rows * g->cols;

    for (int i = 0; i < n; i++) {
        float depth = radius / fx_maxf(g->dist[i], 0.5f) + travel;
        float ring = fx_bump(3.0f * (fx_frac(depth * rings) - 0.5f)); /* a bright hoop per ring */
        float stripe =
            0.5f + 0.5f * fx_sin((g->angle[i] + spin) * segments + twist * depth * FX_TAU);
        float wall = 0.2f + 0.35f * stripe * stripe + ring * (0.55f + 0.35f * stripe);
        float fog = fx_clamp01(g->dist_n[i] * 2.2f - 0.1f); /* the far end is dark */
        value[i] = fx_clamp01(wall * fog * level + flash * fog * ring);
        hue[i] = fx_frac(depth * 0.25f + 0.6f);
    }
}

const gfx_effect_desc gfx_fx_tunnel = {
    .name = "tunnel",
    .summary = "tunnel: rushing rings and twisting stripes down a tube",
    .render = tunnel_render,
    .params = tunnel_params,
    .n_params = sizeof tunnel_params / sizeof tunnel_params[0],
    .default_ramp = "default",
    .group = GFX_EFFECT_CLASSIC,
};
