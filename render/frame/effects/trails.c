/* Trails: one of the other particle systems drawn with the catalogue's
 * draw_particle_trails (max_trail 8, fade 0.7): each particle's last
 * `length` positions are kept, and the copy k frames old is drawn at the
 * head's brightness times fade^k (stopped below 0.05, at an edge wrap or a
 * respawn). Brighter cells win, so trails never cover heads, and the ramp
 * picks thinner glyphs for the fainter, older copies (glyph by age).
 *
 * `system` picks the particles: 0 orbit, 1 gravity_well, 2 boids,
 * 3 flow_field, each run with its own parameters at their defaults (scene
 * files tune those on the system's own effect). The chosen system is
 * simulated through gfx_effect_sim with room for the trail (orbit, closed
 * form by itself, is stepped too, so that it keeps its past positions). */
#include "particles.h"

enum { P_SYSTEM, P_LENGTH, P_FADE, P_GLYPHS };

static const gfx_param_desc trails_params[] = {
    {"system", 2.0f, 0.0f, 3.0f, "whose particles: 0 orbit, 1 gravity_well, 2 boids, 3 flow_field"},
    {"length", 8.0f, 1.0f, FX_TRAIL_MAX, "past positions drawn behind each particle"},
    {"fade", 0.7f, 0.3f, 0.95f, "brightness kept from one trail position to the next"},
    FX_GLYPHS_PARAM,
};

static int system_index(const float *params)
{
    int k = (int)(params[P_SYSTEM] + 0.5f);
    return k < 0 ? 0 : k > 3 ? 3 : k;
}

static const fx_swarm_kind *system_kind(int system)
{
    static const fx_swarm_kind *const kinds[] = {&fx_kind_orbit, &fx_kind_gravity_well,
                                                 &fx_kind_boids, &fx_kind_flow_field};
    return kinds[system];
}

static int trail_length(const float *params)
{
    return (int)(params[P_LENGTH] + 0.5f);
}

/* The context the chosen system sees: its own parameters at their defaults. */
static gfx_effect_ctx system_ctx(const gfx_effect_ctx *ctx, const fx_swarm_kind *kind)
{
    gfx_effect_ctx c = *ctx;
    fx_swarm_default_params(kind, c.params);
    return c;
}

static size_t trails_bytes(const gfx_grid *g, const float *params)
{
    const fx_swarm_kind *kind = system_kind(system_index(params));
    float defaults[GFX_MAX_PARAMS];
    fx_swarm_default_params(kind, defaults);
    return sizeof(fx_trails_state) + kind->bytes(g, defaults, trail_length(params));
}

static void trails_init(const gfx_effect_ctx *ctx, void *state)
{
    int system = system_index(ctx->params);
    const fx_swarm_kind *kind = system_kind(system);
    gfx_effect_ctx c = system_ctx(ctx, kind);
    ((fx_trails_state *)state)->system = system;
    kind->init(&c, fx_trails_swarm(state), trail_length(ctx->params));
}

static void trails_step(const gfx_effect_ctx *ctx, void *state)
{
    const fx_swarm_kind *kind = system_kind(((fx_trails_state *)state)->system);
    gfx_effect_ctx c = system_ctx(ctx, kind);
    kind->step(&c, fx_trails_swarm(state));
}

static void trails_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const fx_swarm_kind *kind = system_kind(((fx_trails_state *)ctx->state)->system);
    gfx_effect_ctx c = system_ctx(ctx, kind);
    fx_clear(ctx->grid, value, hue, 0.0f);
    fx_swarm_style style = {0.0f, fx_param(ctx, P_FADE), fx_glyph_pick(fx_param(ctx, P_GLYPHS))};
    fx_swarm_draw(&c, kind, fx_trails_swarm(ctx->state), &style, value, hue);
}

static const gfx_effect_sim trails_sim = {
    .state_bytes = trails_bytes,
    .init = trails_init,
    .step = trails_step,
};

const gfx_effect_desc gfx_fx_trails = {
    .name = "trails",
    .summary = "trails: a particle system drawn with its fading past positions",
    .render = trails_render,
    .params = trails_params,
    .n_params = sizeof trails_params / sizeof trails_params[0],
    .default_ramp = "part_dot",
    .particle_caps = {200, 500, 1000},
    .sim = &trails_sim,
    .group = GFX_EFFECT_PARTICLES,
};
