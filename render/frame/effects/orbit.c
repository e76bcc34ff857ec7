/* Orbit: rings of particles circling the centre (the catalogue's
 * emit_orbit: n 20, radius 15 + U(-2, 2), speed 1, PART_DOT).
 *
 * Closed form: particle j of ring i sits at angle 2 pi j / n_i + w_i t at
 * radius R_i + U(-2, 2) (hashed per particle), with n_i = n (i + 1),
 * R_i = radius (1 + spacing i) and w_i = +-speed / (1 + spacing i) (odd
 * rings turn the other way, outer rings slower). The bass swells every
 * radius and beats brighten the heads. Faint guides glow along each ring's
 * path (from grid->dist, so coordinate transforms bend them). Rings are
 * filled inner first, so the particle cap drops the outer ones. */
#include "particles.h"

enum { ORBIT_STREAM = 0x6f726274 };
enum { P_PARTICLES, P_RADIUS, P_SPEED, P_RINGS, P_SPACING, P_REACT, P_GUIDE, P_GLYPHS };

static const gfx_param_desc orbit_params[] = {
    {"particles", 20.0f, 3.0f, 200.0f,
     "particles on the inner ring (ring i has i + 1 times as many)"},
    {"radius", 15.0f, 2.0f, 60.0f, "inner ring radius, cell widths"},
    {"speed", 1.0f, -6.0f, 6.0f, "inner ring's turn rate, radians per second"},
    {"rings", 3.0f, 1.0f, 6.0f, "number of rings"},
    {"spacing", 0.6f, 0.2f, 2.0f, "ring i's radius is radius * (1 + spacing * i)"},
    {"reactivity", 0.7f, 0.0f, 1.0f, "how much bass swells the rings and beats light them"},
    {"guide", 0.12f, 0.0f, 0.4f, "brightness of the glow along each ring's path"},
    FX_GLYPHS_PARAM,
};

#define ORBIT_JITTER 2.0f
#define ORBIT_SWELL 0.2f

static int ring_count(const gfx_effect_ctx *ctx)
{
    return (int)(fx_param(ctx, P_RINGS) + 0.5f);
}
static int ring_particles(const gfx_effect_ctx *ctx, int ring)
{
    return (int)(fx_param(ctx, P_PARTICLES) + 0.5f) * (ring + 1);
}
static float ring_radius(const gfx_effect_ctx *ctx, int ring)
{
    return fx_param(ctx, P_RADIUS) * (1.0f + fx_param(ctx, P_SPACING) * (float)ring);
}
static float swell(const gfx_effect_ctx *ctx, int frame)
{
    return 1.0f + ORBIT_SWELL * fx_param(ctx, P_REACT) *
                      fx_features(ctx, frame)->bands_fast[GFX_BAND_BASS];
}

void fx_orbit_position(const gfx_effect_ctx *ctx, int ring, int j, int frame, float *x, float *y)
{
    const gfx_grid *g = ctx->grid;
    int n = ring_particles(ctx, ring);
    float spread = 1.0f + fx_param(ctx, P_SPACING) * (float)ring;
    float turn = fx_param(ctx, P_SPEED) / spread * (ring & 1 ? -1.0f : 1.0f);
    double t = (double)frame / ctx->fps;
    uint32_t h = fx_hash3(ctx->seed, ORBIT_STREAM, (uint32_t)(ring * 4096 + j));
    float r =
        (ring_radius(ctx, ring) + ORBIT_JITTER * (2.0f * fx_draw(h, 0) - 1.0f)) * swell(ctx, frame);
    /* the turn is reduced in double: t grows without bound */
    double angle = FX_TAU * (double)j / (double)n + (double)turn * t;
    angle -= FX_TAU * (double)(int64_t)(angle / FX_TAU);
    *x = 0.5f * (float)(g->cols - 1) + r * fx_cos((float)angle);
    *y = 0.5f * (float)(g->rows - 1) * g->aspect + r * fx_sin((float)angle);
}

/* Brightness from the beats and loudness, hue from the distance out. */
static void orbit_head(const gfx_effect_ctx *ctx, float x, float y, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    float react = fx_param(ctx, P_REACT);
    float dx = x - 0.5f * (float)(g->cols - 1), dy = y - 0.5f * (float)(g->rows - 1) * g->aspect;
    float out = sqrtf(dx * dx + dy * dy) / fx_maxf(ring_radius(ctx, ring_count(ctx) - 1), 1.0f);
    *value = fx_clamp01(0.6f + 0.4f * (react * (0.5f * ft->rms_fast + 0.5f * ft->beat_env) +
                                       (1.0f - react) * 0.3f));
    *hue = fx_frac(0.45f - 0.3f * fx_clamp01(out));
}

static void orbit_guides(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float level = fx_param(ctx, P_GUIDE) * (0.6f + 0.4f * ctx->feat->beat_env);
    int rings = ring_count(ctx), n = g->rows * g->cols;
    float grow = swell(ctx, ctx->frame);
    for (int i = 0; i < n; i++) {
        float v = 0.0f;
        for (int ring = 0; ring < rings; ring++)
            v = fx_maxf(
                v, fx_bump((g->dist[i] - ring_radius(ctx, ring) * grow) / (0.75f * ORBIT_JITTER)));
        value[i] = level * v;
        hue[i] = 0.2f;
    }
}

static void orbit_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    int budget = fx_particle_cap(ctx, &gfx_fx_orbit);
    int pick = fx_glyph_pick(fx_param(ctx, P_GLYPHS));
    orbit_guides(ctx, value, hue);
    for (int ring = 0; ring < ring_count(ctx); ring++)
        for (int j = 0; j < ring_particles(ctx, ring) && budget > 0; j++, budget--) {
            float x, y, v, h;
            fx_orbit_position(ctx, ring, j, ctx->frame, &x, &y);
            orbit_head(ctx, x, y, &v, &h);
            if (pick)
                h += fx_particle_pick(ctx->seed, (uint32_t)ring, (uint32_t)j);
            fx_splat_glow(ctx->grid, value, hue, x, y, v, h, FX_HEAD_HALO);
        }
}

/* ------------------------------------------- as a swarm, for the trails effect */

static int orbit_total(const gfx_effect_ctx *ctx)
{
    int total = 0;
    for (int ring = 0; ring < ring_count(ctx); ring++)
        total += ring_particles(ctx, ring);
    int cap = fx_particle_cap(ctx, &gfx_fx_orbit);
    return total < cap ? total : cap;
}

static size_t orbit_bytes(const gfx_grid *g, const float *params, int trail_len)
{
    (void)g;
    int rings = (int)(params[P_RINGS] + 0.5f), n = (int)(params[P_PARTICLES] + 0.5f);
    return fx_swarm_bytes(n * rings * (rings + 1) / 2, trail_len, 0);
}

static void orbit_place(const gfx_effect_ctx *ctx, fx_swarm *s)
{
    fx_particle *p = fx_swarm_particles(s);
    /* no more than the state holds: a scene may animate rings or particles */
    int k = 0, total = orbit_total(ctx) < s->capacity ? orbit_total(ctx) : s->capacity;
    for (int ring = 0; ring < ring_count(ctx) && k < total; ring++)
        for (int j = 0; j < ring_particles(ctx, ring) && k < total; j++, k++) {
            fx_orbit_position(ctx, ring, j, ctx->frame, &p[k].x, &p[k].y);
            p[k].life = 1.0f;
        }
    s->count = k;
}

static void orbit_init(const gfx_effect_ctx *ctx, fx_swarm *s, int trail_len)
{
    const float *params = ctx->params;
    int rings = (int)(params[P_RINGS] + 0.5f), n = (int)(params[P_PARTICLES] + 0.5f);
    fx_swarm_setup(s, n * rings * (rings + 1) / 2, trail_len);
    orbit_place(ctx, s);
}

static void orbit_step(const gfx_effect_ctx *ctx, fx_swarm *s)
{
    fx_swarm_record(s);
    orbit_place(ctx, s);
    s->steps++;
}

static void orbit_swarm_head(const gfx_effect_ctx *ctx, const fx_particle *p, float *value,
                             float *hue)
{
    orbit_head(ctx, p->x, p->y, value, hue);
}

const fx_swarm_kind fx_kind_orbit = {
    .effect = &gfx_fx_orbit,
    .bytes = orbit_bytes,
    .init = orbit_init,
    .step = orbit_step,
    .head = orbit_swarm_head,
};

const gfx_effect_desc gfx_fx_orbit = {
    .name = "orbit",
    .summary = "orbit: rings of particles circling the centre, swelling with the bass",
    .render = orbit_render,
    .params = orbit_params,
    .n_params = sizeof orbit_params / sizeof orbit_params[0],
    .default_ramp = "part_dot",
    .particle_caps = {200, 500, 1000},
    .group = GFX_EFFECT_PARTICLES,
};
