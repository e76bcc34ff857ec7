/* Flow field: particles that climb the gradient of a moving value field
 * (the catalogue's update_flow_particles: cap 500, speed 1, life_drain
 * 0.005, 10 new a frame at random cells). Simulated through gfx_effect_sim.
 *
 * The field is plasma-like and internal to the effect:
 *   F = 0.5 + (sin(k x + 0.6 t) cos(k y - 0.4 t) + sin(0.7 k (x + y) + 0.9 t)) / 4
 * in [0, 1], x and y in cell widths, k = `scale`. Each step a particle's
 * velocity becomes 0.9 v + 10 speed grad F (central differences one cell
 * width apart) and it moves, wrapping at the edges, while its life drains;
 * so particles stream towards the field's ridges, which drift. New
 * particles (spawn a frame, more when loud) take the oldest slots: the
 * swarm is a ring of the newest min(particles, cap). Behind them the
 * field's contour lines glow faintly (at screen positions, like the
 * particles, not grid->col/row: a coordinate transform would move the
 * lines away from the particles that follow them). */
#include "particles.h"

enum { FLOW_STREAM = 0x666c6f77 };
enum { P_PARTICLES, P_SPEED, P_DRAIN, P_SPAWN, P_SCALE, P_REACT, P_FIELD, P_GLYPHS };

static const gfx_param_desc flow_field_params[] = {
    {"particles", 500.0f, 50.0f, 3000.0f, "particles kept, newest first (capped by the profile)"},
    {"speed", 1.0f, 0.1f, 4.0f, "how hard the gradient pushes"},
    {"life_drain", 0.005f, 0.001f, 0.05f, "life lost per frame (1 at birth)"},
    {"spawn", 10.0f, 1.0f, 60.0f, "new particles per frame at steady loudness"},
    {"scale", 0.06f, 0.01f, 0.3f, "spatial frequency of the field, radians per cell width"},
    {"reactivity", 0.7f, 0.0f, 1.0f, "how much loudness sets the spawn rate and brightness"},
    {"field", 0.3f, 0.0f, 0.5f, "brightness of the field's contour lines behind the particles"},
    FX_GLYPHS_PARAM,
};

#define FLOW_DAMPING 0.9f
#define FLOW_GAIN 10.0f
#define FLOW_CONTOURS 5.0f
#define FLOW_LINE_WIDTH 0.25f

static float field_at(float k, float t, float x, float y)
{
    float wave = fx_sin(k * x + 0.6f * t) * fx_cos(k * y - 0.4f * t);
    float diagonal = fx_sin(0.7f * k * (x + y) + 0.9f * t);
    return 0.5f + 0.25f * (wave + diagonal);
}

/* Seconds into the field's drift, kept small so fx_sin stays exact. */
static float field_time(const gfx_effect_ctx *ctx)
{
    double t = ctx->time;
    return (float)(t - 1000.0 * FX_TAU * (double)(int64_t)(t / (1000.0 * FX_TAU)));
}

static float wrap(float x, float size)
{
    x -= size * (float)fx_floor(x / size);
    return x >= 0.0f && x < size ? x : 0.0f;
}

static int kept(const gfx_effect_ctx *ctx, const fx_swarm *s)
{
    int cap = fx_particle_cap(ctx, &gfx_fx_flow_field);
    return s->capacity < cap ? s->capacity : cap;
}

/* Places the next particle in the ring (the oldest slot once it is full). */
static void spawn(const gfx_effect_ctx *ctx, fx_swarm *s, float life)
{
    const gfx_grid *g = ctx->grid;
    int ring = kept(ctx, s);
    uint32_t h = fx_hash3(ctx->seed, FLOW_STREAM, (uint32_t)s->spawned);
    fx_particle *p = fx_swarm_particles(s) + s->spawned % ring;
    *p = (fx_particle){.x = (float)g->cols * fx_draw(h, 0),
                       .y = (float)g->rows * g->aspect * fx_draw(h, 1),
                       .life = life,
                       .born = s->steps};
    s->spawned++;
    if (s->count < ring)
        s->count++;
}

static size_t flow_field_bytes(const gfx_grid *g, const float *params, int trail_len)
{
    (void)g;
    return fx_swarm_bytes((int)params[P_PARTICLES], trail_len, 0);
}

static void flow_field_init(const gfx_effect_ctx *ctx, fx_swarm *s, int trail_len)
{
    fx_swarm_setup(s, (int)fx_param(ctx, P_PARTICLES), trail_len);
    /* half full, at mixed ages, as if it had been running */
    int start = kept(ctx, s) / 2;
    for (int j = 0; j < start; j++)
        spawn(ctx, s, 0.2f + 0.8f * (float)(j + 1) / (float)start);
}

static void flow_field_step(const gfx_effect_ctx *ctx, fx_swarm *s)
{
    const gfx_grid *g = ctx->grid;
    float width = (float)g->cols, height = (float)g->rows * g->aspect;
    float k = fx_param(ctx, P_SCALE), t = field_time(ctx);
    float push = 0.5f * FLOW_GAIN * fx_param(ctx, P_SPEED); /* 0.5: central difference */
    float drain = fx_param(ctx, P_DRAIN), react = fx_param(ctx, P_REACT);
    fx_swarm_record(s);
    fx_particle *p = fx_swarm_particles(s);
    for (int j = 0; j < s->count; j++) {
        if (p[j].life <= 0.0f)
            continue;
        float gx = field_at(k, t, p[j].x + 1.0f, p[j].y) - field_at(k, t, p[j].x - 1.0f, p[j].y);
        float gy = field_at(k, t, p[j].x, p[j].y + 1.0f) - field_at(k, t, p[j].x, p[j].y - 1.0f);
        p[j].vx = FLOW_DAMPING * p[j].vx + push * gx;
        p[j].vy = FLOW_DAMPING * p[j].vy + push * gy;
        p[j].x = wrap(p[j].x + p[j].vx, width);
        p[j].y = wrap(p[j].y + p[j].vy, height);
        p[j].life = fx_maxf(0.0f, p[j].life - drain);
    }
    s->steps++;
    float rate =
        fx_param(ctx, P_SPAWN) * (1.0f - react + react * (0.4f + 1.2f * ctx->feat->rms_fast));
    int fresh = (int)(rate + 0.5f);
    for (int j = 0; j < fresh; j++)
        spawn(ctx, s, 1.0f);
}

static void flow_field_head(const gfx_effect_ctx *ctx, const fx_particle *p, float *value,
                            float *hue)
{
    float react = fx_param(ctx, P_REACT);
    float level = 0.75f + 0.25f * (react * ctx->feat->rms_fast + (1.0f - react) * 0.5f);
    *value = fx_clamp01((0.3f + 0.7f * p->life) * level);
    *hue = 0.2f + 0.25f * p->life;
}

/* The field's contour lines (FLOW_CONTOURS levels), like a map's: the
 * particles climb across them towards the peaks. */
static void field_contours(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float k = fx_param(ctx, P_SCALE), t = field_time(ctx);
    float level = fx_param(ctx, P_FIELD) * (0.7f + 0.3f * ctx->feat->beat_env);
    for (int r = 0; r < g->rows; r++)
        for (int c = 0; c < g->cols; c++) {
            float f = field_at(k, t, (float)c, (float)r * g->aspect);
            int i = r * g->cols + c;
            float step = fx_frac(f * FLOW_CONTOURS);
            float off_line = 2.0f * fx_minf(step, 1.0f - step); /* 0 on a contour */
            value[i] = level * (0.4f + 0.6f * f) * fx_bump(off_line / FLOW_LINE_WIDTH);
            hue[i] = fx_frac(0.6f + 0.3f * f);
        }
}

const fx_swarm_kind fx_kind_flow_field = {
    .effect = &gfx_fx_flow_field,
    .bytes = flow_field_bytes,
    .init = flow_field_init,
    .step = flow_field_step,
    .head = flow_field_head,
};

static size_t flow_field_sim_bytes(const gfx_grid *g, const float *params)
{
    return flow_field_bytes(g, params, 0);
}
static void flow_field_sim_init(const gfx_effect_ctx *ctx, void *state)
{
    flow_field_init(ctx, state, 0);
}
static void flow_field_sim_step(const gfx_effect_ctx *ctx, void *state)
{
    flow_field_step(ctx, state);
}

static void flow_field_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    field_contours(ctx, value, hue);
    fx_swarm_style style = {FX_HEAD_HALO, 0.0f, fx_glyph_pick(fx_param(ctx, P_GLYPHS))};
    fx_swarm_draw(ctx, &fx_kind_flow_field, ctx->state, &style, value, hue);
}

static const gfx_effect_sim flow_field_sim = {
    .state_bytes = flow_field_sim_bytes,
    .init = flow_field_sim_init,
    .step = flow_field_sim_step,
};

const gfx_effect_desc gfx_fx_flow_field = {
    .name = "flow_field",
    .summary = "flow field: particles streaming up the slopes of a drifting field",
    .render = flow_field_render,
    .params = flow_field_params,
    .n_params = sizeof flow_field_params / sizeof flow_field_params[0],
    .default_ramp = "part_dot",
    .particle_caps = {250, 500, 1000},
    .sim = &flow_field_sim,
    .group = GFX_EFFECT_PARTICLES,
};
