/* Game of Life and its cousins on the grid's lattice (a torus): cells are
 * born or survive by their count of live Moore neighbours. Dead cells keep
 * a ghost of their last life that fades by `fade` each frame, so gliders
 * and oscillators leave trails. A beat switches on a hashed beat_cells
 * share of the cells, so a soup that has settled into still lifes wakes up
 * with the music.
 *
 * Rules (the "rule" index): 0 life B3/S23, 1 coral B3/S45678, 2 maze
 * B3/S12345, 3 anneal B4678/S35678, 4 day_night B3678/S34678. */
#include "fx_common.h"
#include "sim_fields.h"

enum { LIFE_SOUP = 0x6c696665, LIFE_BEAT = 0x62656174 };
enum { P_RULE, P_DENSITY, P_FADE, P_STEPS, P_BEAT_CELLS };

static const gfx_param_desc life_params[] = {
    {"rule", 0.0f, 0.0f, 4.0f, "0 life, 1 coral, 2 maze, 3 anneal, 4 day_night"},
    {"density", 0.3f, 0.05f, 0.9f, "share of live cells at the start"},
    {"fade", 0.92f, 0.0f, 0.99f, "ghost brightness kept per frame (0.5 fast, 0.9 slow trails)"},
    {"steps", 1.0f, 1.0f, 8.0f, "generations per frame"},
    {"beat_cells", 0.02f, 0.0f, 0.2f, "share of cells a beat switches on"},
};

#define BITS(a, b, c, d, e) ((1u << (a)) | (1u << (b)) | (1u << (c)) | (1u << (d)) | (1u << (e)))
const fx_life_rule fx_life_rules[FX_LIFE_RULES] = {
    {"life", "B3/S23", 1u << 3, (1u << 2) | (1u << 3)},
    {"coral", "B3/S45678", 1u << 3, BITS(4, 5, 6, 7, 8)},
    {"maze", "B3/S12345", 1u << 3, BITS(1, 2, 3, 4, 5)},
    {"anneal", "B4678/S35678", (1u << 4) | (1u << 6) | (1u << 7) | (1u << 8), BITS(3, 5, 6, 7, 8)},
    {"day_night", "B3678/S34678", (1u << 3) | (1u << 6) | (1u << 7) | (1u << 8),
     BITS(3, 4, 6, 7, 8)},
};

void fx_life_generation(const fx_life_rule *rule, int rows, int cols, const uint8_t *in,
                        uint8_t *out)
{
    for (int r = 0; r < rows; r++) {
        const uint8_t *up = in + (size_t)(r == 0 ? rows - 1 : r - 1) * (size_t)cols;
        const uint8_t *here = in + (size_t)r * (size_t)cols;
        const uint8_t *down = in + (size_t)(r == rows - 1 ? 0 : r + 1) * (size_t)cols;
        uint8_t *o = out + (size_t)r * (size_t)cols;
        for (int c = 0; c < cols; c++) {
            int l = c == 0 ? cols - 1 : c - 1, rt = c == cols - 1 ? 0 : c + 1;
            unsigned n = up[l] + up[c] + up[rt] + here[l] + here[rt] + down[l] + down[c] + down[rt];
            unsigned mask = here[c] ? rule->survive : rule->birth;
            o[c] = (uint8_t)((mask >> n) & 1u);
        }
    }
}

/* State: this header, the ghosts (rows x cols floats), then two
 * generations of cells (rows x cols bytes each): `current` is the live one. */
typedef struct life_state {
    int rows, cols, current, pad;
} life_state;

static float *life_ghosts(life_state *st)
{
    return (float *)(st + 1);
}

static uint8_t *life_cells(life_state *st, int which)
{
    size_t n = (size_t)st->rows * (size_t)st->cols;
    return (uint8_t *)(life_ghosts(st) + n) + (size_t)which * n;
}

static size_t life_state_bytes(const gfx_grid *grid, const float *params)
{
    (void)params;
    size_t n = (size_t)grid->rows * (size_t)grid->cols;
    return sizeof(life_state) + n * sizeof(float) + 2 * n;
}

static void life_init(const gfx_effect_ctx *ctx, void *state)
{
    life_state *st = state;
    st->rows = ctx->grid->rows;
    st->cols = ctx->grid->cols;
    float density = fx_param(ctx, P_DENSITY);
    uint32_t key = fx_hash3(ctx->seed, LIFE_SOUP, 0);
    uint8_t *cells = life_cells(st, 0);
    float *ghosts = life_ghosts(st);
    for (int i = 0; i < st->rows * st->cols; i++) {
        cells[i] = fx_unit(gfx_hash32(key ^ (uint32_t)i)) < density;
        ghosts[i] = cells[i];
    }
}

static void life_step(const gfx_effect_ctx *ctx, void *state)
{
    life_state *st = state;
    int rule = (int)(fx_param(ctx, P_RULE) + 0.5f), steps = (int)(fx_param(ctx, P_STEPS) + 0.5f);
    for (int k = 0; k < steps; k++) {
        fx_life_generation(&fx_life_rules[rule], st->rows, st->cols, life_cells(st, st->current),
                           life_cells(st, 1 - st->current));
        st->current = 1 - st->current;
    }
    int n = st->rows * st->cols;
    uint8_t *cells = life_cells(st, st->current);
    if (ctx->feat->beat > 0.5f) {
        float share = fx_param(ctx, P_BEAT_CELLS);
        uint32_t key = fx_hash3(ctx->seed, LIFE_BEAT, (uint32_t)ctx->frame);
        for (int i = 0; i < n; i++)
            cells[i] |= fx_unit(gfx_hash32(key ^ (uint32_t)i)) < share;
    }
    float fade = fx_param(ctx, P_FADE), *ghosts = life_ghosts(st);
    for (int i = 0; i < n; i++)
        ghosts[i] = cells[i] ? 1.0f : ghosts[i] * fade;
}

static void life_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    life_state *st = ctx->state;
    const float *ghosts = life_ghosts(st);
    for (int i = 0; i < g->rows * g->cols; i++) {
        int c = fx_floor(g->col[i] + 0.5f) % g->cols, r = fx_floor(g->row[i] + 0.5f) % g->rows;
        c += c < 0 ? g->cols : 0;
        r += r < 0 ? g->rows : 0;
        float v = ghosts[r * g->cols + c];
        value[i] = v;
        hue[i] = 0.1f + 0.4f * v; /* live cells hot, ghosts cooling */
    }
}

static const gfx_effect_sim life_sim = {life_state_bytes, life_init, life_step};

const gfx_effect_desc gfx_fx_game_of_life = {
    .name = "game_of_life",
    .summary = "game_of_life: Life-like cellular automata with fading ghosts, woken by beats",
    .render = life_render,
    .params = life_params,
    .n_params = sizeof life_params / sizeof life_params[0],
    .default_ramp = "gradient",
    .sim = &life_sim,
    .group = GFX_EFFECT_SIMULATION,
};
