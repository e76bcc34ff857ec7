#include "particles.h"


/* A trail stops at a step longer than this (cell widths): a wrap across an
 * edge or a respawn, not motion. */
#define TRAIL_JUMP 16.0f
#define TRAIL_FLOOR 0.05f

size_t fx_swarm_bytes(int capacity, int trail_len, size_t extra_bytes)
{
    return sizeof(fx_swarm) + (size_t)capacity * sizeof(fx_particle) +
           2 * sizeof(float) * (size_t)trail_len * (size_t)capacity + extra_bytes;
}

void fx_swarm_setup(fx_swarm *s, int capacity, int trail_len)
{
    s->capacity = capacity;
    s->count = 0;
    s->trail_len = trail_len < 0 ? 0 : trail_len > FX_TRAIL_MAX ? FX_TRAIL_MAX : trail_len;
    s->steps = 0;
    s->spawned = 0;
}

void fx_swarm_record(fx_swarm *s)
{
    if (s->trail_len <= 0)
        return;
    fx_particle *p = fx_swarm_particles(s);
    /* the row that fx_swarm_past(s, 1, j) reads once steps has advanced */
    float *row =
        (float *)(p + s->capacity) + 2 * (size_t)(s->steps % s->trail_len) * (size_t)s->capacity;
    for (int j = 0; j < s->count; j++) {
        row[2 * j] = p[j].x;
        row[2 * j + 1] = p[j].y;
    }
}

void fx_swarm_draw(const gfx_effect_ctx *ctx, const fx_swarm_kind *kind, fx_swarm *s,
                   const fx_swarm_style *style, float *value, float *hue)
{
    float halo = style->halo, fade = style->fade;
    const gfx_grid *g = ctx->grid;
    const fx_particle *p = fx_swarm_particles(s);
    for (int j = 0; j < s->count; j++) {
        if (p[j].life <= 0.0f)
            continue;
        float v, h;
        kind->head(ctx, &p[j], &v, &h);
        float glyph =
            style->pick ? fx_particle_pick(ctx->seed, (uint32_t)j, (uint32_t)p[j].born) : 0.0f;
        h += glyph;
        if (halo > 0.0f)
            fx_splat_glow(g, value, hue, p[j].x, p[j].y, v, h, halo);
        else
            fx_splat(g, value, hue, p[j].x, p[j].y, v, h);
        if (fade <= 0.0f)
            continue;
        float x = p[j].x, y = p[j].y, level = v;
        int reach = s->steps - p[j].born;
        for (int back = 1; back <= s->trail_len && back <= reach; back++) {
            level *= fade;
            if (level < TRAIL_FLOOR)
                break;
            const float *past = fx_swarm_past(s, back, j);
            if (fabsf(past[0] - x) > TRAIL_JUMP || fabsf(past[1] - y) > TRAIL_JUMP)
                break;
            x = past[0];
            y = past[1];
            /* older copies cool towards the faint end of the palette */
            fx_splat(g, value, hue, x, y, level, glyph + fx_frac(h - 0.03f * (float)back));
        }
    }
}

void fx_swarm_default_params(const fx_swarm_kind *kind, float *params)
{
    for (int k = 0; k < GFX_MAX_PARAMS; k++)
        params[k] = k < kind->effect->n_params ? kind->effect->params[k].def : 0.0f;
}
