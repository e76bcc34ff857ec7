/* Reaction-diffusion (Gray-Scott): two chemicals on the grid's lattice, A
 * fed in everywhere, B eating it (A + 2B -> 3B) and being killed. From a
 * few seeds of B, spots, worms, coral or labyrinths grow, depending on the
 * feed and kill rates. The state is two pairs of float fields (a step reads
 * one pair and writes the other); steps_per_frame steps a frame. Bass
 * raises the feed, the high band's share the kill, so the pattern breathes
 * with the music. Shows B: clip(2B (0.6 + 0.8 rms)), loudness brightening it.
 *
 * Preset: 0 keeps feed and kill as set; 1-7 replace them by the
 * catalogue's pairs (spots, worms, coral, mitosis, labyrinth, holes,
 * chaos), the audio still added on top. Init: 0 spots (max(3, cells/200)
 * hashed 3x3 squares of B), 1 centre (a 6x6 block), 2 ring (a band at 0.2
 * to 0.3 of the short side from the centre). */
#include "fx_common.h"
#include "sim_fields.h"

enum { RD_STREAM = 0x72646966 };
enum { P_FEED, P_KILL, P_DA, P_DB, P_STEPS, P_PRESET, P_INIT, P_REACT };

static const gfx_param_desc rd_params[] = {
    {"feed", 0.055f, 0.01f, 0.1f, "feed rate F of A (used when preset is 0)"},
    {"kill", 0.062f, 0.03f, 0.08f, "kill rate k of B (used when preset is 0)"},
    {"da", 1.0f, 0.1f, 1.0f, "diffusion rate of A"},
    {"db", 0.5f, 0.05f, 1.0f, "diffusion rate of B"},
    {"steps_per_frame", 8.0f, 1.0f, 32.0f, "simulation steps per frame"},
    {"preset", 0.0f, 0.0f, 7.0f,
     "0 feed/kill as set; 1 spots 2 worms 3 coral 4 mitosis 5 labyrinth 6 holes 7 chaos"},
    {"init", 0.0f, 0.0f, 2.0f, "starting B: 0 spots, 1 centre block, 2 ring"},
    {"reactivity", 1.0f, 0.0f, 2.0f, "scale of the audio's push on feed (bass) and kill (highs)"},
};

static const float preset_feed_kill[7][2] = {
    {0.055f, 0.062f}, {0.046f, 0.063f}, {0.037f, 0.060f}, {0.028f, 0.062f},
    {0.029f, 0.057f}, {0.039f, 0.058f}, {0.026f, 0.051f},
};

/* State: this header, then four rows x cols float fields: (A, B) of the
 * pair `current`, then the other pair. */
typedef struct rd_state {
    int rows, cols, current, pad;
} rd_state;

static float *rd_field(rd_state *st, int pair, int which)
{
    size_t n = (size_t)st->rows * (size_t)st->cols;
    return (float *)(st + 1) + ((size_t)pair * 2 + (size_t)which) * n;
}

static size_t rd_state_bytes(const gfx_grid *grid, const float *params)
{
    (void)params;
    return sizeof(rd_state) + 4 * (size_t)grid->rows * (size_t)grid->cols * sizeof(float);
}

static void rd_init(const gfx_effect_ctx *ctx, void *state)
{
    const gfx_grid *g = ctx->grid;
    rd_state *st = state;
    st->rows = g->rows;
    st->cols = g->cols;
    int rows = g->rows, cols = g->cols, n = rows * cols;
    float *a = rd_field(st, 0, 0), *b = rd_field(st, 0, 1);
    for (int i = 0; i < n; i++)
        a[i] = 1.0f;
    int init = (int)(fx_param(ctx, P_INIT) + 0.5f);
    if (init == 1) {
        for (int r = rows / 2 - 3; r < rows / 2 + 3; r++)
            for (int c = cols / 2 - 3; c < cols / 2 + 3; c++)
                b[((r + rows) % rows) * cols + (c + cols) % cols] = 1.0f;
    } else if (init == 2) {
        float half = 0.5f * fx_minf((float)cols, (float)rows * g->aspect);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) {
                float dx = (float)c - 0.5f * (float)cols,
                      dy = ((float)r - 0.5f * (float)rows) * g->aspect;
                float d = sqrtf(dx * dx + dy * dy) / half;
                if (d > 0.4f && d < 0.6f)
                    b[r * cols + c] = 1.0f;
            }
    } else {
        int spots = n / 200 > 3 ? n / 200 : 3;
        for (int k = 0; k < spots; k++) {
            uint32_t base = fx_hash3(ctx->seed, RD_STREAM, (uint32_t)k);
            int r0 = (int)(fx_draw(base, 0) * (float)rows),
                c0 = (int)(fx_draw(base, 1) * (float)cols);
            for (int r = r0 - 1; r <= r0 + 1; r++)
                for (int c = c0 - 1; c <= c0 + 1; c++)
                    b[((r + rows) % rows) * cols + (c + cols) % cols] = 1.0f;
        }
    }
}

/* Cell c of a row from its up, here and down rows; l and r are its left
 * and right columns (wrapped at the edges). */
static inline void gray_scott_cell(int c, int l, int r, const float *au, const float *a0,
                                   const float *ad, const float *bu, const float *b0,
                                   const float *bd, float *a_out, float *b_out, float feed,
                                   float kill, float da, float db)
{
    float lap_a =
        0.2f * (au[c] + ad[c] + a0[l] + a0[r]) + 0.05f * (au[l] + au[r] + ad[l] + ad[r]) - a0[c];
    float lap_b =
        0.2f * (bu[c] + bd[c] + b0[l] + b0[r]) + 0.05f * (bu[l] + bu[r] + bd[l] + bd[r]) - b0[c];
    float reaction = a0[c] * b0[c] * b0[c];
    a_out[c] = fx_clamp01(a0[c] + da * lap_a - reaction + feed * (1.0f - a0[c]));
    b_out[c] = fx_clamp01(b0[c] + db * lap_b + reaction - (feed + kill) * b0[c]);
}

/* One row; the edge columns apart, so the inner loop has no wrapping. */
static void gray_scott_row(int cols, const float *au, const float *a0, const float *ad,
                           const float *bu, const float *b0, const float *bd, float *restrict a_out,
                           float *restrict b_out, float feed, float kill, float da, float db)
{
    gray_scott_cell(0, cols - 1, cols > 1 ? 1 : 0, au, a0, ad, bu, b0, bd, a_out, b_out, feed, kill,
                    da, db);
    for (int c = 1; c < cols - 1; c++)
        gray_scott_cell(c, c - 1, c + 1, au, a0, ad, bu, b0, bd, a_out, b_out, feed, kill, da, db);
    if (cols > 1)
        gray_scott_cell(cols - 1, cols - 2, 0, au, a0, ad, bu, b0, bd, a_out, b_out, feed, kill, da,
                        db);
}

void fx_gray_scott_step(int rows, int cols, const float *a, const float *b, float *a_out,
                        float *b_out, float feed, float kill, float da, float db)
{
    for (int r = 0; r < rows; r++) {
        size_t up = (size_t)(r == 0 ? rows - 1 : r - 1) * (size_t)cols;
        size_t here = (size_t)r * (size_t)cols;
        size_t down = (size_t)(r == rows - 1 ? 0 : r + 1) * (size_t)cols;
        gray_scott_row(cols, a + up, a + here, a + down, b + up, b + here, b + down, a_out + here,
                       b_out + here, feed, kill, da, db);
    }
}

static void rd_step(const gfx_effect_ctx *ctx, void *state)
{
    rd_state *st = state;
    int preset = (int)(fx_param(ctx, P_PRESET) + 0.5f);
    float feed = preset > 0 ? preset_feed_kill[preset - 1][0] : fx_param(ctx, P_FEED);
    float kill = preset > 0 ? preset_feed_kill[preset - 1][1] : fx_param(ctx, P_KILL);
    float react = fx_param(ctx, P_REACT);
    feed += 0.003f * react * ctx->feat->bands_fast[GFX_BAND_BASS];
    kill += 0.002f * react * ctx->feat->high_ratio;
    int steps = (int)(fx_param(ctx, P_STEPS) + 0.5f);
    for (int k = 0; k < steps; k++) {
        int from = st->current, to = 1 - from;
        fx_gray_scott_step(st->rows, st->cols, rd_field(st, from, 0), rd_field(st, from, 1),
                           rd_field(st, to, 0), rd_field(st, to, 1), feed, kill,
                           fx_param(ctx, P_DA), fx_param(ctx, P_DB));
        st->current = to;
    }
}

/* Lattice index of the position cell i reads, rounded and wrapped. */
static int lattice_index(const gfx_grid *g, int i)
{
    int c = fx_floor(g->col[i] + 0.5f) % g->cols, r = fx_floor(g->row[i] + 0.5f) % g->rows;
    c += c < 0 ? g->cols : 0;
    r += r < 0 ? g->rows : 0;
    return r * g->cols + c;
}

static void rd_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    rd_state *st = ctx->state;
    const float *a = rd_field(st, st->current, 0), *b = rd_field(st, st->current, 1);
    float drift = 0.01f * (float)ctx->time;
    float level = 2.0f * (0.6f + 0.8f * ctx->feat->rms_fast);
    for (int i = 0; i < g->rows * g->cols; i++) {
        int k = lattice_index(g, i);
        value[i] = fx_clamp01(level * b[k]);
        /* the reaction front (A and B both present) warmer than the cores */
        hue[i] = fx_frac(0.55f + 0.6f * a[k] * b[k] + 0.2f * b[k] + drift);
    }
}

static const gfx_effect_sim rd_sim = {rd_state_bytes, rd_init, rd_step};

const gfx_effect_desc gfx_fx_reaction_diffusion = {
    .name = "reaction_diffusion",
    .summary = "reaction_diffusion: Gray-Scott spots, worms and coral growing on the grid",
    .render = rd_render,
    .params = rd_params,
    .n_params = sizeof rd_params / sizeof rd_params[0],
    .default_ramp = "default",
    .sim = &rd_sim,
    .group = GFX_EFFECT_SIMULATION,
};
