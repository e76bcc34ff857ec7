/* Boids: a flock steering by its neighbours (the catalogue's update_boids:
 * n 200, perception 8 cells, max_speed 2, separation 1.5, alignment 1.0,
 * cohesion 1.0), simulated through gfx_effect_sim.
 *
 * Each step, per boid, over the neighbours within `perception` (found
 * through a spatial hash of cells at least perception wide, 3x3 lookup,
 * wrapping like the edges):
 *   separation  -sum d / |d|^2 over neighbours nearer than 0.4 perception
 *   alignment   0.1 w (mean neighbour velocity - v)
 *   cohesion    0.01 w (mean neighbour position - p)
 * (d: the offset to the neighbour, w: the parameter's weight), plus, on a
 * beat frame with the bass above 0.5, a kick of 2 bass (p - m) / (|p - m| + 1)
 * scaled by reactivity, m the mean position of the boid's neighbours: the
 * flocks burst apart on the beat and gather again. (The catalogue pushes
 * from the screen's centre whenever the bass is up; on a plane whose edges
 * wrap that herds the whole flock onto the edges, where it stays.)
 * Velocities are computed from the previous step's state for
 * every boid, then the speed is clamped to [max_speed / 2, max_speed] and
 * positions move and wrap at the edges.
 * Brightness and hue rise with speed (s = |v| / max_speed: brightness
 * 0.5 + 0.5 s, hue 0.1 + 0.35 s on the palette's cold-to-hot half), and
 * loudness lifts the brightness. */
#include "particles.h"

enum { BOID_STREAM = 0x626f6964 };
enum {
    P_BOIDS,
    P_PERCEPTION,
    P_MAX_SPEED,
    P_SEPARATION,
    P_ALIGNMENT,
    P_COHESION,
    P_REACT,
    P_GLYPHS
};

static const gfx_param_desc boids_params[] = {
    {"boids", 200.0f, 2.0f, 1000.0f, "flock size (capped by the quality profile)"},
    {"perception", 8.0f, 2.0f, 30.0f, "how far a boid sees its neighbours, cell widths"},
    {"max_speed", 2.0f, 0.2f, 6.0f, "speed limit, cell widths per frame"},
    {"separation", 1.5f, 0.0f, 5.0f, "weight of keeping apart"},
    {"alignment", 1.0f, 0.0f, 5.0f, "weight of matching the neighbours' heading"},
    {"cohesion", 1.0f, 0.0f, 5.0f, "weight of moving towards the neighbours"},
    {"reactivity", 1.0f, 0.0f, 1.0f, "how much bass scatters the flock and loudness lights it"},
    FX_GLYPHS_PARAM,
};

#define SEPARATION_SHARE 0.4f
#define BASS_THRESHOLD 0.5f
#define MIN_SPEED_SHARE 0.5f

/* The spatial hash: hx * hy cells covering the wrapped plane. */
typedef struct boid_hash {
    int hx, hy;
    float cell_w, cell_h;
} boid_hash;

static boid_hash hash_shape(const gfx_grid *g, float perception)
{
    boid_hash h;
    float width = (float)g->cols, height = (float)g->rows * g->aspect;
    h.hx = (int)(width / perception);
    h.hy = (int)(height / perception);
    h.hx = h.hx < 1 ? 1 : h.hx;
    h.hy = h.hy < 1 ? 1 : h.hy;
    h.cell_w = width / (float)h.hx;
    h.cell_h = height / (float)h.hy;
    return h;
}

/* Scratch after the trail rows: the hash's shape, fixed at init (the
 * state's size depends on it, and a scene may animate perception), new
 * velocities (2 per boid), each boid's hash cell, the boids sorted by
 * cell, and where each cell's run starts. */
static size_t scratch_bytes(const gfx_grid *g, const float *params)
{
    int capacity = (int)params[P_BOIDS];
    boid_hash h = hash_shape(g, params[P_PERCEPTION]);
    return sizeof(boid_hash) + sizeof(float) * 2 * (size_t)capacity +
           sizeof(int) * 2 * (size_t)capacity + sizeof(int) * ((size_t)h.hx * (size_t)h.hy + 1);
}

static size_t boids_bytes(const gfx_grid *g, const float *params, int trail_len)
{
    return fx_swarm_bytes((int)params[P_BOIDS], trail_len, scratch_bytes(g, params));
}

static float wrap(float x, float size)
{
    x -= size * (float)fx_floor(x / size);
    return x >= 0.0f && x < size ? x : 0.0f;
}

/* The offset from a to b on a plane that wraps every `size`. */
static float wrapped_offset(float a, float b, float size)
{
    float d = b - a;
    return d > 0.5f * size ? d - size : d < -0.5f * size ? d + size : d;
}

static void boids_init(const gfx_effect_ctx *ctx, fx_swarm *s, int trail_len)
{
    const gfx_grid *g = ctx->grid;
    int capacity = (int)fx_param(ctx, P_BOIDS), cap = fx_particle_cap(ctx, &gfx_fx_boids);
    float max_speed = fx_param(ctx, P_MAX_SPEED);
    fx_swarm_setup(s, capacity, trail_len);
    s->count = capacity < cap ? capacity : cap;
    *(boid_hash *)fx_swarm_extra(s) = hash_shape(g, fx_param(ctx, P_PERCEPTION));
    fx_particle *p = fx_swarm_particles(s);
    for (int j = 0; j < s->count; j++) {
        uint32_t h = fx_hash3(ctx->seed, BOID_STREAM, (uint32_t)j);
        float heading = FX_TAU * fx_draw(h, 2), speed = max_speed * (0.5f + 0.5f * fx_draw(h, 3));
        p[j] = (fx_particle){.x = (float)g->cols * fx_draw(h, 0),
                             .y = (float)g->rows * g->aspect * fx_draw(h, 1),
                             .vx = speed * fx_cos(heading),
                             .vy = speed * fx_sin(heading),
                             .life = 1.0f};
    }
    s->spawned = s->count;
}

/* Counting sort of the boids by hash cell: order[start[c] .. start[c+1]) are cell c's. */
static void hash_build(const fx_swarm *s, const fx_particle *p, const boid_hash *h, int *cell_of,
                       int *order, int *start)
{
    int cells = h->hx * h->hy;
    for (int c = 0; c <= cells; c++)
        start[c] = 0;
    for (int j = 0; j < s->count; j++) {
        int cx = (int)(p[j].x / h->cell_w), cy = (int)(p[j].y / h->cell_h);
        cx = cx < h->hx ? cx : h->hx - 1;
        cy = cy < h->hy ? cy : h->hy - 1;
        cell_of[j] = cy * h->hx + cx;
        start[cell_of[j] + 1]++;
    }
    for (int c = 0; c < cells; c++)
        start[c + 1] += start[c];
    for (int j = 0; j < s->count; j++) /* start[c] runs ahead while filling... */
        order[start[cell_of[j]]++] = j;
    for (int c = cells; c > 0; c--) /* ...and is moved back one cell after */
        start[c] = start[c - 1];
    start[0] = 0;
}

static void boids_step(const gfx_effect_ctx *ctx, fx_swarm *s)
{
    const gfx_grid *g = ctx->grid;
    float width = (float)g->cols, height = (float)g->rows * g->aspect;
    const boid_hash h = *(const boid_hash *)fx_swarm_extra(s);
    /* no farther than the hash's cells, which the 3x3 lookup covers */
    float perception = fx_minf(fx_param(ctx, P_PERCEPTION), fx_minf(h.cell_w, h.cell_h));
    float max_speed = fx_param(ctx, P_MAX_SPEED);
    float sep_w = fx_param(ctx, P_SEPARATION), align_w = 0.1f * fx_param(ctx, P_ALIGNMENT);
    float coh_w = 0.01f * fx_param(ctx, P_COHESION);
    float bass = ctx->feat->bands_fast[GFX_BAND_BASS];
    float push =
        bass > BASS_THRESHOLD ? 2.0f * bass * ctx->feat->beat * fx_param(ctx, P_REACT) : 0.0f;
    float near2 = perception * perception, sep2 = SEPARATION_SHARE * SEPARATION_SHARE * near2;
    fx_particle *p = fx_swarm_particles(s);
    float *nv = (float *)((boid_hash *)fx_swarm_extra(s) + 1);
    int *cell_of = (int *)(nv + 2 * (size_t)s->capacity), *order = cell_of + s->capacity;
    int *start = order + s->capacity;
    /* 3x3 lookup, fewer when the hash is narrower than three cells (no cell twice) */
    int nx = h.hx < 3 ? h.hx : 3, ny = h.hy < 3 ? h.hy : 3;

    fx_swarm_record(s);
    hash_build(s, p, &h, cell_of, order, start);
    for (int i = 0; i < s->count; i++) {
        int hcx = cell_of[i] % h.hx, hcy = cell_of[i] / h.hx;
        float sep_x = 0, sep_y = 0, sum_vx = 0, sum_vy = 0, sum_dx = 0, sum_dy = 0;
        int seen = 0;
        for (int oy = 0; oy < ny; oy++)
            for (int ox = 0; ox < nx; ox++) {
                int cxx = (hcx + ox - (nx == 3) + h.hx) % h.hx;
                int cyy = (hcy + oy - (ny == 3) + h.hy) % h.hy;
                int c = cyy * h.hx + cxx;
                for (int k = start[c]; k < start[c + 1]; k++) {
                    int j = order[k];
                    if (j == i)
                        continue;
                    float dx = wrapped_offset(p[i].x, p[j].x, width);
                    float dy = wrapped_offset(p[i].y, p[j].y, height);
                    float d2 = dx * dx + dy * dy;
                    if (d2 >= near2)
                        continue;
                    seen++;
                    sum_vx += p[j].vx;
                    sum_vy += p[j].vy;
                    sum_dx += dx;
                    sum_dy += dy;
                    if (d2 < sep2 && d2 > 1e-12f) {
                        sep_x -= dx / d2;
                        sep_y -= dy / d2;
                    }
                }
            }
        float vx = p[i].vx + sep_w * sep_x, vy = p[i].vy + sep_w * sep_y;
        if (seen) {
            float inv = 1.0f / (float)seen, mx = sum_dx * inv, my = sum_dy * inv;
            vx += align_w * (sum_vx * inv - p[i].vx) + coh_w * mx;
            vy += align_w * (sum_vy * inv - p[i].vy) + coh_w * my;
            /* (mx, my) is m - p: the kick points the other way */
            float out = push / (sqrtf(mx * mx + my * my) + 1.0f);
            vx -= out * mx;
            vy -= out * my;
        }
        /* clamped both ways: alignment with neighbours heading every which
         * way averages speeds down, and a flock that stops does not flock */
        float speed = sqrtf(vx * vx + vy * vy), min_speed = MIN_SPEED_SHARE * max_speed;
        if (speed > max_speed) {
            vx *= max_speed / speed;
            vy *= max_speed / speed;
        } else if (speed < min_speed && speed > 1e-6f) {
            vx *= min_speed / speed;
            vy *= min_speed / speed;
        }
        nv[2 * i] = vx;
        nv[2 * i + 1] = vy;
    }
    for (int i = 0; i < s->count; i++) {
        p[i].vx = nv[2 * i];
        p[i].vy = nv[2 * i + 1];
        p[i].x = wrap(p[i].x + p[i].vx, width);
        p[i].y = wrap(p[i].y + p[i].vy, height);
    }
    s->steps++;
}

static void boids_head(const gfx_effect_ctx *ctx, const fx_particle *p, float *value, float *hue)
{
    float react = fx_param(ctx, P_REACT);
    float s = fx_clamp01(sqrtf(p->vx * p->vx + p->vy * p->vy) / fx_param(ctx, P_MAX_SPEED));
    float level = 0.7f + 0.3f * (react * ctx->feat->rms_fast + (1.0f - react) * 0.5f);
    *value = fx_clamp01((0.5f + 0.5f * s) * level);
    *hue = 0.1f + 0.35f * s;
}

const fx_swarm_kind fx_kind_boids = {
    .effect = &gfx_fx_boids,
    .bytes = boids_bytes,
    .init = boids_init,
    .step = boids_step,
    .head = boids_head,
};

static size_t boids_sim_bytes(const gfx_grid *g, const float *params)
{
    return boids_bytes(g, params, 0);
}
static void boids_sim_init(const gfx_effect_ctx *ctx, void *state)
{
    boids_init(ctx, state, 0);
}
static void boids_sim_step(const gfx_effect_ctx *ctx, void *state)
{
    boids_step(ctx, state);
}

static void boids_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    fx_clear(ctx->grid, value, hue, 0.0f);
    fx_swarm_style style = {FX_HEAD_HALO, 0.0f, fx_glyph_pick(fx_param(ctx, P_GLYPHS))};
    fx_swarm_draw(ctx, &fx_kind_boids, ctx->state, &style, value, hue);
}

static const gfx_effect_sim boids_sim = {
    .state_bytes = boids_sim_bytes,
    .init = boids_sim_init,
    .step = boids_sim_step,
};

const gfx_effect_desc gfx_fx_boids = {
    .name = "boids",
    .summary = "boids: a flock that keeps apart, aligns and gathers; bass scatters it",
    .render = boids_render,
    .params = boids_params,
    .n_params = sizeof boids_params / sizeof boids_params[0],
    .default_ramp = "part_dot",
    .particle_caps = {200, 500, 1000},
    .sim = &boids_sim,
    .group = GFX_EFFECT_PARTICLES,
};
