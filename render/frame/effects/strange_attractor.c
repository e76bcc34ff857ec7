/* Strange attractors (Clifford, De Jong, Bedhead): points iterated through
 * a 2D map whose four constants drift slowly with time, binned into a
 * density over the grid; ln(1 + count) / ln(1 + max) shows the thin
 * filaments as well as the dense folds. Rebuilt every frame, so stateless.
 * The catalogue's drifting constants a, b, c, d serve Clifford and De Jong;
 * Bedhead, which they collapse onto two points, drifts around (a, b) =
 * (-0.81, -0.92) by 0.1 instead.
 *
 * The catalogue's 50 000 points x 500 iterations a frame (25 million
 * iterations) would cost about a second; an orbit reaches the attractor in
 * a few iterations, so each of N hashed starting points in U(-0.1, 0.1)^2
 * is iterated WARMUP times unplotted and then PLOTTED times plotted, N
 * from the quality's particle cap: 12 000 / 24 000 / 36 000 plotted
 * samples (about 2 per cell of a 1080p md grid at standard, which costs
 * about 1.3 ms a frame on one core of the development machine). The
 * starting points are the same every frame, so the picture morphs
 * smoothly. The frame's bounding box (+0.1 margin) comes from the first
 * eighth of the points, run once more for it; points outside it are
 * dropped. */
#include "fx_common.h"

enum { ATTRACTOR_STREAM = 0x61747472 };
enum { P_KIND, P_BRIGHTNESS, P_SPEED, P_REACT };
enum { WARMUP = 12, PLOTTED = 24, BLOCK = 64 };

static const gfx_param_desc attractor_params[] = {
    {"kind", 0.0f, 0.0f, 2.0f, "0 clifford, 1 de_jong, 2 bedhead"},
    {"brightness", 0.8f, 0.1f, 2.0f, "density scale"},
    {"speed", 1.0f, 0.0f, 5.0f, "how fast the constants drift"},
    {"reactivity", 1.0f, 0.0f, 1.0f, "how much loudness brightens it"},
};

typedef struct attractor {
    int kind;
    float a, b, c, d;
} attractor;

/* One iteration of a block of points. */
static void iterate(const attractor *m, float *restrict x, float *restrict y, int n)
{
    for (int i = 0; i < n; i++) {
        float px = x[i], py = y[i], nx, ny;
        if (m->kind == 1) {
            nx = fx_sin(m->a * py) - fx_cos(m->b * px);
            ny = fx_sin(m->c * px) - fx_cos(m->d * py);
        } else if (m->kind == 2) {
            nx = fx_sin(px * py / m->b) + fx_cos(m->a * px - py);
            ny = px * fx_sin(m->a * py) + fx_cos(m->b * px - py);
        } else {
            nx = fx_sin(m->a * py) + m->c * fx_cos(m->a * px);
            ny = fx_sin(m->b * px) + m->d * fx_cos(m->b * py);
        }
        x[i] = nx;
        y[i] = ny;
    }
}

static void start_block(uint32_t key, int first, int n, float *x, float *y)
{
    for (int i = 0; i < n; i++) {
        uint32_t base = gfx_hash32(key ^ (uint32_t)(first + i));
        x[i] = 0.2f * fx_draw(base, 0) - 0.1f;
        y[i] = 0.2f * fx_draw(base, 1) - 0.1f;
    }
}

/* ln(x) for x >= 1 from the exponent and an atanh series on the mantissa:
 * only exact operations and + * /, so the same bytes everywhere. */
static float exact_log(float x)
{
    int e;
    float m = frexpf(x, &e); /* x = m 2^e, m in [0.5, 1) */
    float s = (m - 1.0f) / (m + 1.0f), s2 = s * s;
    float ln_m = 2.0f * s * (1.0f + s2 * (1.0f / 3 + s2 * (1.0f / 5 + s2 * (1.0f / 7 + s2 / 9))));
    return (float)e * 0.693147181f + ln_m;
}

typedef struct framing {
    float x0, y0, scale_c, scale_r; /* lattice col = (x - x0) scale_c, row = (y - y0) scale_r */
} framing;

static framing frame_box(const attractor *m, const gfx_grid *g, uint32_t key, int points)
{
    float lo_x = 1e30f, hi_x = -1e30f, lo_y = 1e30f, hi_y = -1e30f;
    float x[BLOCK], y[BLOCK];
    int sample = points / 8 > BLOCK ? points / 8 : BLOCK;
    for (int first = 0; first < sample; first += BLOCK) {
        start_block(key, first, BLOCK, x, y);
        for (int k = 0; k < WARMUP + PLOTTED; k++) {
            iterate(m, x, y, BLOCK);
            if (k < WARMUP)
                continue;
            for (int i = 0; i < BLOCK; i++) {
                lo_x = fx_minf(lo_x, x[i]);
                hi_x = fx_maxf(hi_x, x[i]);
                lo_y = fx_minf(lo_y, y[i]);
                hi_y = fx_maxf(hi_y, y[i]);
            }
        }
    }
    float w = hi_x - lo_x + 0.2f, h = hi_y - lo_y + 0.2f;
    w = w > 1e-3f ? w : 1e-3f;
    h = h > 1e-3f ? h : 1e-3f;
    /* one scale in cell widths both ways (rows are aspect widths tall), centred */
    float scale = fx_minf((float)g->cols / w, (float)g->rows * g->aspect / h);
    float mid_x = 0.5f * (lo_x + hi_x), mid_y = 0.5f * (lo_y + hi_y);
    framing f = {mid_x - 0.5f * (float)g->cols / scale,
                 mid_y - 0.5f * (float)g->rows * g->aspect / scale, scale, scale / g->aspect};
    return f;
}

static void attractor_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    int n = g->rows * g->cols;
    float t = (float)ctx->time * fx_param(ctx, P_SPEED);
    attractor m = {
        (int)(fx_param(ctx, P_KIND) + 0.5f),    -1.4f + 0.3f * fx_sin(0.05f * t),
        1.6f + 0.2f * fx_cos(0.07f * t),        1.0f + 0.3f * fx_sin(0.03f * t + 1.0f),
        0.7f + 0.2f * fx_cos(0.04f * t + 2.0f),
    };
    if (m.kind == 2) { /* the shared constants collapse Bedhead to a 2-cycle */
        m.a = -0.81f + 0.1f * fx_sin(0.05f * t);
        m.b = -0.92f + 0.1f * fx_cos(0.07f * t);
    }
    int cap = fx_particle_cap(ctx, &gfx_fx_strange_attractor);
    int points = (cap / PLOTTED + BLOCK - 1) / BLOCK * BLOCK;
    uint32_t key = fx_hash3(ctx->seed, ATTRACTOR_STREAM, 0);
    framing f = frame_box(&m, g, key, points);

    float *count = hue; /* the counts per lattice cell, until the hues are written */
    for (int i = 0; i < n; i++)
        count[i] = 0.0f;
    float x[BLOCK], y[BLOCK];
    for (int first = 0; first < points; first += BLOCK) {
        start_block(key, first, BLOCK, x, y);
        for (int k = 0; k < WARMUP + PLOTTED; k++) {
            iterate(&m, x, y, BLOCK);
            if (k < WARMUP)
                continue;
            for (int i = 0; i < BLOCK; i++) {
                float c = (x[i] - f.x0) * f.scale_c, r = (y[i] - f.y0) * f.scale_r;
                if (c >= 0.0f && r >= 0.0f && c < (float)g->cols && r < (float)g->rows)
                    count[(int)r * g->cols + (int)c] += 1.0f;
            }
        }
    }
    float top = 1.0f;
    for (int i = 0; i < n; i++)
        top = fx_maxf(top, count[i]);
    float react = fx_param(ctx, P_REACT);
    float gain = fx_param(ctx, P_BRIGHTNESS) *
                 (1.0f - react + react * (0.5f + 0.8f * ctx->feat->rms_fast)) /
                 exact_log(1.0f + top);
    /* value at the lattice cell each cell reads (nothing outside the lattice) */
    for (int i = 0; i < n; i++) {
        int c = fx_floor(g->col[i] + 0.5f), r = fx_floor(g->row[i] + 0.5f);
        float k = c >= 0 && r >= 0 && c < g->cols && r < g->rows ? count[r * g->cols + c] : 0.0f;
        value[i] = fx_clamp01(exact_log(1.0f + k) * gain);
    }
    for (int i = 0; i < n; i++)
        hue[i] = fx_frac(0.05f + 0.45f * value[i] + 0.02f * t);
}

const gfx_effect_desc gfx_fx_strange_attractor = {
    .name = "strange_attractor",
    .summary = "strange_attractor: Clifford, De Jong or Bedhead attractor densities, drifting",
    .render = attractor_render,
    .params = attractor_params,
    .n_params = sizeof attractor_params / sizeof attractor_params[0],
    .default_ramp = "default",
    .particle_caps = {12000, 24000, 36000},
    .group = GFX_EFFECT_SIMULATION,
};
