/* Explosion: every beat bursts a cloud of sparks that fly out, slow under
 * drag, fall under gravity and cool from white-hot to red as they die.
 *
 * Replayed, not simulated: the beats of the last `life` seconds are found in
 * the feature track; each beat's sparks have hashed directions, speeds and
 * lifetimes, and their positions are the closed-form solution of the motion,
 * so frame f alone equals frame f after 0..f-1. Newest beats first, so the
 * particle cap drops the oldest sparks. A faint shock ring (not a particle,
 * so not capped) runs out with the fastest sparks around a fireball that
 * fades as it swells, over a backdrop of slowly rising smoke that the
 * loudness thickens and every beat lights up. */
#include "fx_common.h"

#include <math.h>

enum { BLAST_STREAM = 0x626c7374, BLAST_SMOKE = 0x736d6f6b };
enum { P_PARTICLES, P_SPEED, P_LIFE, P_GRAVITY, P_DRAG, P_SHOCK, P_SMOKE };

static const gfx_param_desc explosion_params[] = {
    {"particles", 400.0f, 10.0f, 2500.0f,
     "sparks per beat at full strength (at most 40% of the particle cap)"},
    {"speed", 80.0f, 5.0f, 200.0f, "launch speed, cell widths per second"},
    {"life", 1.6f, 0.2f, 5.0f, "longest spark life, seconds"},
    {"gravity", 25.0f, 0.0f, 200.0f, "downward pull, cell widths per second squared"},
    {"drag", 1.8f, 0.0f, 10.0f, "air drag, per second"},
    {"shock", 0.5f, 0.0f, 0.6f, "brightness of the shock ring and the fireball"},
    {"smoke", 0.45f, 0.0f, 0.6f, "brightness of the smoke behind the bursts"},
};

#define BLAST_MAX_BEATS 64
#define BLAST_CAP_SHARE 0.4f

/* A faint ring running out from the burst with its fastest sparks, and
 * inside it a fireball, brightest at the centre, dimmer as it swells. */
static void shock_ring(const gfx_grid *g, float x0, float y0, float radius, float width,
                       float level, float ring_hue, float *value, float *hue)
{
    float reach = radius + width, inv_core = 1.0f / fx_maxf(0.8f * radius, 1.0f);
    float core_level = level * fx_minf(1.0f, 6.0f / fx_maxf(radius, 1.0f));
    int r0, r1, c0, c1;
    fx_cells_around(g, x0, y0, reach, &r0, &r1, &c0, &c1);
    for (int r = r0; r <= r1; r++) {
        float dy = (float)r * g->aspect - y0;
        for (int c = c0; c <= c1; c++) {
            float dx = (float)c - x0;
            float d = sqrtf(dx * dx + dy * dy);
            float v =
                fx_maxf(level * fx_bump((d - radius) / width), core_level * fx_bump(d * inv_core));
            int i = r * g->cols + c;
            if (v > value[i]) {
                value[i] = v;
                hue[i] = ring_hue;
            }
        }
    }
}

static void explosion_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float life = fx_param(ctx, P_LIFE), speed = fx_param(ctx, P_SPEED);
    float gravity = fx_param(ctx, P_GRAVITY), drag = fx_param(ctx, P_DRAG);
    float height = (float)g->rows * g->aspect; /* in cell widths */
    int beats[BLAST_MAX_BEATS];
    int n_beats = fx_recent_beats(ctx, (int)(life * ctx->fps) + 1, beats, BLAST_MAX_BEATS);
    int budget = fx_particle_cap(ctx, &gfx_fx_explosion);

    const gfx_features *ft = ctx->feat;
    fx_cloud_style smoke = {.scale = 0.07f,
                            .rise = 0.25f * (float)ctx->time,
                            .level = fx_param(ctx, P_SMOKE) *
                                     (0.4f + 0.3f * ft->rms_fast + 0.6f * ft->beat_env),
                            .hue0 = 0.0f,
                            .hue_span = 0.1f,
                            .cover = 0.6f};
    fx_clouds(g, fx_hash3(ctx->seed, BLAST_SMOKE, 0), &smoke, value, hue);
    for (int e = 0; e < n_beats && budget > 0; e++) {
        const gfx_features *at = fx_features(ctx, beats[e]);
        float strength = fx_clamp01(0.4f + 0.6f * fx_maxf(at->onset, at->bands[GFX_BAND_BASS]));
        float tau = (float)((ctx->frame - beats[e]) / ctx->fps);
        uint32_t event = fx_hash3(ctx->seed, BLAST_STREAM, (uint32_t)beats[e]);
        float x0 = (float)g->cols * (0.5f + 0.5f * (fx_draw(event, 0) - 0.5f));
        float y0 = height * (0.45f + 0.4f * (fx_draw(event, 1) - 0.5f));
        /* the bright half of a gradient (hue 0.25..0.5, palette.h), each
         * burst a little different */
        float event_hue = 0.3f + 0.1f * fx_draw(event, 2);
        /* at most a share of the cap per burst, so the last few bursts
         * stay on screen together under a low cap */
        int sparks = (int)fx_minf(fx_param(ctx, P_PARTICLES) * (0.5f + 0.5f * strength),
                                  BLAST_CAP_SHARE * (float)fx_particle_cap(ctx, &gfx_fx_explosion));
        fx_drag now = fx_drag_at(drag, tau), before = fx_drag_at(drag, 0.85f * tau),
                earlier = fx_drag_at(drag, 0.7f * tau);
        float fading = 1.0f - tau / life;
        shock_ring(g, x0, y0, 1.1f * speed * now.reach, 1.5f + 3.0f * tau,
                   fx_param(ctx, P_SHOCK) * fading * fading * strength, event_hue, value, hue);

        for (int j = 0; j < sparks && budget > 0; j++) {
            uint32_t h = gfx_hash32(event + (uint32_t)j * 0x9e3779b9U);
            float spark_life = life * (0.45f + 0.55f * fx_draw(h, 0));
            if (tau >= spark_life)
                continue;
            budget--;
            float heading = FX_TAU * fx_draw(h, 1);
            /* sqrt-shaped speeds fill the disc instead of piling on its rim */
            float u = fx_draw(h, 2);
            float v0 = speed * (0.15f + 0.85f * u * (2.0f - u)) * (0.7f + 0.6f * strength);
            float vx = v0 * fx_cos(heading), vy = v0 * fx_sin(heading) - 0.3f * speed;
            float heat = 1.0f - tau / spark_life;
            float glow = heat * (0.55f + 0.45f * heat) * (0.7f + 0.3f * strength);
            float spark_hue = event_hue - 0.05f + 0.15f * heat + 0.05f * fx_draw(h, 3);
            /* dimmer points a little earlier on the path: a motion streak */
            fx_splat(g, value, hue, x0 + vx * earlier.reach,
                     y0 + vy * earlier.reach + gravity * earlier.fall, 0.3f * glow, spark_hue);
            fx_splat(g, value, hue, x0 + vx * before.reach,
                     y0 + vy * before.reach + gravity * before.fall, 0.55f * glow, spark_hue);
            fx_splat_glow(g, value, hue, x0 + vx * now.reach,
                          y0 + vy * now.reach + gravity * now.fall, glow, spark_hue, 0.5f);
        }
    }
}

const gfx_effect_desc gfx_fx_explosion = {
    .name = "explosion",
    .summary = "explosion: a burst of sparks on every beat",
    .render = explosion_render,
    .params = explosion_params,
    .n_params = sizeof explosion_params / sizeof explosion_params[0],
    .default_ramp = "default",
    .particle_caps = {300, 1000, 2500},
    .group = GFX_EFFECT_PARTICLES,
};
