/* Simulated particle swarms (internal to render/frame/effects/): the state
 * that gravity_well, boids and flow_field carry from frame to frame through
 * gfx_effect_sim (effect.h), the past positions the trails effect draws,
 * and the orbit system stepped the same way so trails can follow it too.
 *
 * State layout, one block the renderer owns (no pointers inside, so it may
 * be copied): an fx_swarm header, `capacity` fx_particle slots, then
 * trail_len rows of capacity (x, y) pairs (the positions of the last
 * trail_len frames, a ring indexed by step), then the kind's own scratch
 * (boids: the spatial hash). Units as fx_common.h: x and y in cell widths,
 * velocities in cell widths per frame (the catalogue's integration step).
 *
 * Randomness comes from fx_hash3 of (seed, stream, step * capacity + slot),
 * so stepping is a pure function of the scene, the features and the seed. */
#ifndef GFX_PARTICLES_H
#define GFX_PARTICLES_H

#include "fx_common.h"

#define FX_TRAIL_MAX 8
/* A head's four neighbours glow at this share of its brightness. */
#define FX_HEAD_HALO 0.35f

typedef struct fx_particle {
    float x, y;   /* cell widths */
    float vx, vy; /* cell widths per frame */
    float life;   /* 1 -> 0; a slot at 0 is empty */
    int born;     /* the step it was placed at: its trail reaches no further back */
} fx_particle;

typedef struct fx_swarm {
    int capacity;  /* particle slots */
    int count;     /* slots in use, the first `count` (newest kept under the cap) */
    int trail_len; /* past positions kept, 0..FX_TRAIL_MAX */
    int steps;     /* steps since init */
    int spawned;   /* particles placed so far (flow_field's ring position) */
    int pad[3];    /* keeps the particles 16-byte aligned */
} fx_swarm;

static inline fx_particle *fx_swarm_particles(fx_swarm *s)
{
    return (fx_particle *)(s + 1);
}
static inline const fx_particle *fx_swarm_particles_const(const fx_swarm *s)
{
    return (const fx_particle *)(s + 1);
}
/* (x, y) of slot j, `back` frames ago (1 <= back <= trail_len, back <= steps). */
static inline float *fx_swarm_past(fx_swarm *s, int back, int j)
{
    float *rows = (float *)(fx_swarm_particles(s) + s->capacity);
    int row = (s->steps - back) % s->trail_len;
    return rows + 2 * ((size_t)row * (size_t)s->capacity + (size_t)j);
}
/* The kind's scratch after the trail rows. */
static inline void *fx_swarm_extra(fx_swarm *s)
{
    float *rows = (float *)(fx_swarm_particles(s) + s->capacity);
    return rows + 2 * (size_t)s->trail_len * (size_t)s->capacity;
}
size_t fx_swarm_bytes(int capacity, int trail_len, size_t extra_bytes);
/* Sets up the header in a zeroed block of fx_swarm_bytes(). */
void fx_swarm_setup(fx_swarm *s, int capacity, int trail_len);
/* Called by a step before it moves anything: keeps this frame's positions
 * in the trail ring. The step increments s->steps after moving. */
void fx_swarm_record(fx_swarm *s);

/* A swarm kind: the system's own effect (whose parameter defaults the
 * trails effect uses), how big its state is, how to start and advance it,
 * and each live particle's head brightness and hue. ctx->params are the
 * system's parameters. */
typedef struct fx_swarm_kind {
    const gfx_effect_desc *effect;
    size_t (*bytes)(const gfx_grid *g, const float *params, int trail_len);
    void (*init)(const gfx_effect_ctx *ctx, fx_swarm *s, int trail_len);
    void (*step)(const gfx_effect_ctx *ctx, fx_swarm *s);
    void (*head)(const gfx_effect_ctx *ctx, const fx_particle *p, float *value, float *hue);
} fx_swarm_kind;

extern const fx_swarm_kind fx_kind_orbit, fx_kind_gravity_well, fx_kind_boids, fx_kind_flow_field;

/* How fx_swarm_draw draws: each head with a halo (its four neighbours at
 * `halo` times its brightness; 0: none); when fade > 0, its last trail_len
 * positions at brightness head * fade^k (k frames ago), stopped below 0.05,
 * at a wrap or respawn jump, or before the particle was born; with `pick`,
 * each particle keeps one glyph of the layer's ramp (a glyph pick,
 * effect.h, hashed from its slot and birth) whatever its brightness,
 * instead of the glyph its brightness picks along the ramp. */
typedef struct fx_swarm_style {
    float halo, fade;
    int pick;
} fx_swarm_style;

/* The `glyphs` parameter every particle system has, last in its table:
 * read it with fx_glyph_pick(). */
#define FX_GLYPHS_PARAM                                                                            \
    {                                                                                              \
        "glyphs", 0.0f, 0.0f, 1.0f,                                                                \
            "0: glyph by brightness along the ramp; 1: each particle keeps one glyph of it"        \
    }
static inline int fx_glyph_pick(float param)
{
    return param >= 0.5f;
}
/* A particle's glyph pick, an integer in [1, GFX_GLYPH_PICKS), from its
 * identity (two numbers: slot and birth, ring and index). */
static inline float fx_particle_pick(uint32_t seed, uint32_t a, uint32_t b)
{
    return (float)(1 + fx_hash3(seed, a * 0x9e3779b9U + b, 0x7069636bU) % (GFX_GLYPH_PICKS - 1));
}

/* Draws the live particles over what value/hue hold, in `style`. Brighter
 * cells win (fx_splat), so a trail never covers a head. */
void fx_swarm_draw(const gfx_effect_ctx *ctx, const fx_swarm_kind *kind, fx_swarm *s,
                   const fx_swarm_style *style, float *value, float *hue);

/* The trails effect's state: the system chosen at init (a scene may
 * animate `system`; the state was sized for this one), then its swarm. */
typedef struct fx_trails_state {
    int system; /* 0 orbit, 1 gravity_well, 2 boids, 3 flow_field */
    int pad[7]; /* keeps the swarm as aligned as the block */
} fx_trails_state;
static inline fx_swarm *fx_trails_swarm(void *state)
{
    return (fx_swarm *)((fx_trails_state *)state + 1);
}


/* The system's parameters at their defaults (the kind's effect table). */
void fx_swarm_default_params(const fx_swarm_kind *kind, float *params);

/* Orbit's closed form (orbit.c): particle j of ring `ring` at `frame`
 * (ctx->params are orbit's). */
void fx_orbit_position(const gfx_effect_ctx *ctx, int ring, int j, int frame, float *x, float *y);

#endif
