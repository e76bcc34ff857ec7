/* Gravity well: particles fall towards one or more wells that circle the
 * centre; arrivals (and strays far off screen) respawn at the edges.
 * Simulated through gfx_effect_sim.
 *
 * Each step a particle's velocity gains, per well at offset d,
 * strength (0.5 + reactivity bass) d / (|d|^2 + 9)^(3/2) (inverse square,
 * softened within 3 cell widths), its speed is clamped to max_speed and it
 * moves. Within 2.5 cell widths of a well, or 10 outside the screen, it
 * respawns at a hashed point on the screen's edge, drifting sideways
 * around the nearest well so the falls curve into spirals. Wells sit on a
 * circle about the centre (one well: at the centre) and turn slowly; each
 * glows faintly, brighter on beats. Particles brighten and heat up with
 * speed, so they flare as they dive in. */
#include "particles.h"

enum { WELL_STREAM = 0x77656c6c };
enum { P_PARTICLES, P_WELLS, P_STRENGTH, P_MAX_SPEED, P_REACT, P_GLOW, P_GLYPHS };

static const gfx_param_desc gravity_well_params[] = {
    {"particles", 700.0f, 20.0f, 3000.0f, "particles in flight (capped by the quality profile)"},
    {"wells", 2.0f, 1.0f, 4.0f, "number of wells"},
    {"strength", 60.0f, 0.0f, 300.0f, "pull of each well"},
    {"max_speed", 3.0f, 0.5f, 8.0f, "speed limit, cell widths per frame"},
    {"reactivity", 0.8f, 0.0f, 1.0f, "how much bass deepens the wells and loudness lights them"},
    {"glow", 0.3f, 0.0f, 0.6f, "brightness of the glow around each well"},
    FX_GLYPHS_PARAM,
};

#define WELL_SOFTENING2 9.0f
#define WELL_ARRIVAL 2.5f
#define WELL_STRAY 10.0f
#define WELL_TURN 0.2f /* radians per second */

static int well_count(const gfx_effect_ctx *ctx)
{
    return (int)(fx_param(ctx, P_WELLS) + 0.5f);
}

static void well_position(const gfx_effect_ctx *ctx, int k, float *x, float *y)
{
    const gfx_grid *g = ctx->grid;
    float width = (float)g->cols, height = (float)g->rows * g->aspect;
    int wells = well_count(ctx);
    float r = wells > 1 ? 0.28f * fx_minf(width, height) : 0.0f;
    double turn = WELL_TURN * ctx->time;
    turn -= FX_TAU * (double)(int64_t)(turn / FX_TAU);
    float angle = FX_TAU * (float)k / (float)wells + (float)turn;
    *x = 0.5f * width + 1.6f * r * fx_cos(angle); /* wider than tall, like the screen */
    *y = 0.5f * height + r * fx_sin(angle);
}

/* A point on the screen's edge, moving sideways around the nearest well. */
static void respawn(const gfx_effect_ctx *ctx, fx_particle *p, uint32_t h, int born)
{
    const gfx_grid *g = ctx->grid;
    float width = (float)g->cols, height = (float)g->rows * g->aspect;
    float along = (2.0f * width + 2.0f * height) * fx_draw(h, 0);
    if (along < width)
        p->x = along, p->y = 0.0f;
    else if (along < width + height)
        p->x = width, p->y = along - width;
    else if (along < 2.0f * width + height)
        p->x = along - width - height, p->y = height;
    else
        p->x = 0.0f, p->y = along - 2.0f * width - height;
    float wx, wy, best = 1e30f, bx = 0.0f, by = 0.0f;
    for (int k = 0; k < well_count(ctx); k++) {
        well_position(ctx, k, &wx, &wy);
        float d2 = (wx - p->x) * (wx - p->x) + (wy - p->y) * (wy - p->y);
        if (d2 < best)
            best = d2, bx = wx - p->x, by = wy - p->y;
    }
    float inv = 1.0f / (sqrtf(best) + 1e-3f), side = fx_draw(h, 1) < 0.5f ? -1.0f : 1.0f;
    float sideways = fx_param(ctx, P_MAX_SPEED) * (0.1f + 0.25f * fx_draw(h, 2)) * side;
    p->vx = -by * inv * sideways;
    p->vy = bx * inv * sideways;
    p->life = 1.0f;
    p->born = born;
}

static size_t gravity_well_bytes(const gfx_grid *g, const float *params, int trail_len)
{
    (void)g;
    return fx_swarm_bytes((int)params[P_PARTICLES], trail_len, 0);
}

static void gravity_well_init(const gfx_effect_ctx *ctx, fx_swarm *s, int trail_len)
{
    const gfx_grid *g = ctx->grid;
    int capacity = (int)fx_param(ctx, P_PARTICLES),
        cap = fx_particle_cap(ctx, &gfx_fx_gravity_well);
    fx_swarm_setup(s, capacity, trail_len);
    s->count = capacity < cap ? capacity : cap;
    fx_particle *p = fx_swarm_particles(s);
    for (int j = 0; j < s->count; j++) {
        /* start anywhere on screen, as if the fall were under way */
        uint32_t h = fx_hash3(ctx->seed, WELL_STREAM, (uint32_t)j);
        respawn(ctx, &p[j], h, 0);
        p[j].x = (float)g->cols * fx_draw(h, 3);
        p[j].y = (float)g->rows * g->aspect * fx_draw(h, 4);
    }
    s->spawned = s->count;
}

static void gravity_well_step(const gfx_effect_ctx *ctx, fx_swarm *s)
{
    const gfx_grid *g = ctx->grid;
    float width = (float)g->cols, height = (float)g->rows * g->aspect;
    float pull = fx_param(ctx, P_STRENGTH) *
                 (0.5f + fx_param(ctx, P_REACT) * ctx->feat->bands_fast[GFX_BAND_BASS]);
    float max_speed = fx_param(ctx, P_MAX_SPEED);
    float wx[4], wy[4];
    int wells = well_count(ctx);
    for (int k = 0; k < wells; k++)
        well_position(ctx, k, &wx[k], &wy[k]);
    fx_swarm_record(s);
    fx_particle *p = fx_swarm_particles(s);
    for (int j = 0; j < s->count; j++) {
        int arrived = 0;
        for (int k = 0; k < wells; k++) {
            float dx = wx[k] - p[j].x, dy = wy[k] - p[j].y, d2 = dx * dx + dy * dy;
            float soft = d2 + WELL_SOFTENING2;
            float a = pull / (soft * sqrtf(soft));
            p[j].vx += a * dx;
            p[j].vy += a * dy;
            arrived |= d2 < WELL_ARRIVAL * WELL_ARRIVAL;
        }
        float speed = sqrtf(p[j].vx * p[j].vx + p[j].vy * p[j].vy);
        if (speed > max_speed) {
            p[j].vx *= max_speed / speed;
            p[j].vy *= max_speed / speed;
        }
        p[j].x += p[j].vx;
        p[j].y += p[j].vy;
        int stray = p[j].x < -WELL_STRAY || p[j].y < -WELL_STRAY || p[j].x > width + WELL_STRAY ||
                    p[j].y > height + WELL_STRAY;
        if (arrived || stray)
            respawn(ctx, &p[j],
                    fx_hash3(ctx->seed, WELL_STREAM,
                             (uint32_t)(s->steps + 1) * (uint32_t)s->capacity + (uint32_t)j),
                    s->steps + 1);
    }
    s->steps++;
}

static void gravity_well_head(const gfx_effect_ctx *ctx, const fx_particle *p, float *value,
                              float *hue)
{
    float react = fx_param(ctx, P_REACT);
    float s = fx_clamp01(sqrtf(p->vx * p->vx + p->vy * p->vy) / fx_param(ctx, P_MAX_SPEED));
    float level = 0.7f + 0.3f * (react * ctx->feat->rms_fast + (1.0f - react) * 0.5f);
    *value = fx_clamp01((0.55f + 0.45f * s) * level);
    *hue = 0.05f + 0.45f * s;
}

/* Each well's glow: a soft disc around it, swelling on beats. */
static void well_glow(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float level = fx_param(ctx, P_GLOW) * (0.6f + 0.4f * ctx->feat->beat_env);
    float reach = 5.0f + 3.0f * ctx->feat->beat_env;
    fx_clear(g, value, hue, 0.5f);
    if (level <= 0.0f)
        return;
    for (int k = 0; k < well_count(ctx); k++) {
        float x0, y0;
        well_position(ctx, k, &x0, &y0);
        int r0, r1, c0, c1;
        fx_cells_around(g, x0, y0, reach, &r0, &r1, &c0, &c1);
        for (int r = r0; r <= r1; r++)
            for (int c = c0; c <= c1; c++) {
                float dx = (float)c - x0, dy = (float)r * g->aspect - y0;
                float v = level * fx_bump(sqrtf(dx * dx + dy * dy) / reach);
                int i = r * g->cols + c;
                if (v > value[i])
                    value[i] = v, hue[i] = 0.5f;
            }
    }
}

const fx_swarm_kind fx_kind_gravity_well = {
    .effect = &gfx_fx_gravity_well,
    .bytes = gravity_well_bytes,
    .init = gravity_well_init,
    .step = gravity_well_step,
    .head = gravity_well_head,
};

static size_t gravity_well_sim_bytes(const gfx_grid *g, const float *params)
{
    return gravity_well_bytes(g, params, 0);
}
static void gravity_well_sim_init(const gfx_effect_ctx *ctx, void *state)
{
    gravity_well_init(ctx, state, 0);
}
static void gravity_well_sim_step(const gfx_effect_ctx *ctx, void *state)
{
    gravity_well_step(ctx, state);
}

static void gravity_well_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    well_glow(ctx, value, hue);
    fx_swarm_style style = {0.0f, 0.0f, fx_glyph_pick(fx_param(ctx, P_GLYPHS))};
    fx_swarm_draw(ctx, &fx_kind_gravity_well, ctx->state, &style, value, hue);
}

static const gfx_effect_sim gravity_well_sim = {
    .state_bytes = gravity_well_sim_bytes,
    .init = gravity_well_sim_init,
    .step = gravity_well_sim_step,
};

const gfx_effect_desc gfx_fx_gravity_well = {
    .name = "gravity_well",
    .summary = "gravity well: particles spiral into wells that circle the centre",
    .render = gravity_well_render,
    .params = gravity_well_params,
    .n_params = sizeof gravity_well_params / sizeof gravity_well_params[0],
    .default_ramp = "part_spark",
    .particle_caps = {300, 800, 1500},
    .sim = &gravity_well_sim,
    .group = GFX_EFFECT_PARTICLES,
};
