/* Matrix rain (catalogue section 4, eff_matrix_rain): every cell keeps its
 * glyph while bright heads fall down the columns, each trailing a tail that
 * fades linearly upwards; between the trails the screen is dark.
 *
 * Glyphs: a cell's glyph is a glyph pick (effect.h) hashed from the cell
 * and a slow step (a new glyph every RAIN_GLYPH_SECONDS, staggered per
 * cell), so a passing trail lights glyphs that stay in place. A pick is
 * never the ramp's space (the catalogue's layered variant), so trails are
 * solid rather than dashed.
 *
 * Motion, in closed form: drop d of column c has a hashed speed factor
 * (0.3..2.0), trail length, gap before it reappears at the top and phase.
 * Its head row is (phase + factor * travel) mod (rows + trail + gap) - gap,
 * where travel, the same for every column, is the sum over the frames
 * before this one of speed * (1 + reactivity * 6 bass) / fps, times
 * 1 + 1.5 reactivity on beat frames (the catalogue's 0.5 + 3 bass, x2.5 on
 * beats). The sum is recomputed from frame 0 on every call, in order, in
 * double: frame 1000 alone gives the bytes it gives after frames 0..999,
 * at the cost of one pass over the feature track (a microsecond per
 * thousand frames).
 *
 * Brightness: the head is value 1 with the hue at the palette's bright end
 * (0.5, see fx_common.h), so a palette ending in white ("matrix",
 * "phosphor") draws the catalogue's green-tinted white head under the
 * "value" and "effect" hue mappings; the trail falls from RAIN_TRAIL_LEVEL
 * to 0 over its length, its hue from the gradient's middle to its faint end. */
#include "fx_common.h"

enum { RAIN_STREAM = 0x7261696e, RAIN_GLYPH = 0x676c7970 };
enum { P_SPEED, P_TRAIL, P_DROPS, P_REACT };

#define RAIN_GLYPH_SECONDS 1.5f /* how long a cell keeps a glyph */
#define RAIN_TRAIL_LEVEL 0.6f   /* value of the trail just behind the head */
#define RAIN_TRAIL_HUE 0.35f    /* hue behind the head; 0 at the tail */

static const gfx_param_desc rain_params[] = {
    {"speed", 12.0f, 2.0f, 60.0f,
     "fall speed in silence, rows per second (times 0.3..2 per column)"},
    {"trail", 0.45f, 0.05f, 1.0f, "mean trail length, fraction of the grid height"},
    {"drops", 1.0f, 1.0f, 4.0f, "drops per column (rounded down)"},
    {"reactivity", 0.5f, 0.0f, 1.0f, "how much bass and beats speed the fall"},
};

/* Rows a speed factor of 1 has fallen before `frame`. */
static double rain_travel(const gfx_effect_ctx *ctx)
{
    float speed = fx_param(ctx, P_SPEED), react = fx_param(ctx, P_REACT);
    double rows = 0.0;
    for (int f = 0; f < ctx->frame; f++) {
        const gfx_features *ft = fx_features(ctx, f);
        float rate = speed * (1.0f + react * 6.0f * ft->bands[GFX_BAND_BASS]);
        if (ft->beat > 0.5f)
            rate *= 1.0f + 1.5f * react;
        rows += (double)rate;
    }
    return rows / ctx->fps;
}

/* Each cell's glyph pick, changing every RAIN_GLYPH_SECONDS at its own phase. */
static void rain_glyphs(const gfx_effect_ctx *ctx, float *hue)
{
    const gfx_grid *g = ctx->grid;
    float steps = (float)ctx->time / RAIN_GLYPH_SECONDS;
    for (int i = 0; i < g->rows * g->cols; i++) {
        uint32_t cell = fx_hash3(ctx->seed, RAIN_GLYPH, (uint32_t)i);
        uint32_t step = (uint32_t)fx_floor(steps + fx_unit(cell));
        uint32_t pick = gfx_hash32(cell ^ gfx_hash32(step)) % (GFX_GLYPH_PICKS - 1);
        hue[i] = (float)(1 + pick);
    }
}

static void rain_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    int drops = (int)fx_param(ctx, P_DROPS);
    double travel = rain_travel(ctx);

    for (int i = 0; i < g->rows * g->cols; i++)
        value[i] = 0.0f;
    rain_glyphs(ctx, hue);
    for (int c = 0; c < g->cols; c++)
        for (int d = 0; d < drops; d++) {
            uint32_t h = fx_hash3(ctx->seed, RAIN_STREAM, (uint32_t)(c * 4 + d));
            float factor = 0.3f + 1.7f * fx_draw(h, 0);
            int trail =
                (int)(fx_param(ctx, P_TRAIL) * (float)g->rows * (0.35f + 1.3f * fx_draw(h, 1)));
            trail = trail < 3 ? 3 : trail;
            float gap = (float)g->rows * (0.05f + 0.45f * fx_draw(h, 2));
            double period = (double)g->rows + trail + gap;
            double y = fmod(fx_draw(h, 3) * period + factor * travel, period) - gap;
            int head = fx_floor((float)y);
            for (int k = 0; k < trail; k++) {
                int r = head - k;
                if (r < 0)
                    break;
                if (r >= g->rows)
                    continue;
                float fade = 1.0f - (float)k / (float)trail;
                float v = k == 0 ? 1.0f : RAIN_TRAIL_LEVEL * fade;
                float colour = k == 0 ? 0.5f : RAIN_TRAIL_HUE * fade;
                int i = r * g->cols + c;
                if (v > value[i]) {
                    value[i] = v;
                    hue[i] = floorf(hue[i]) + colour;
                }
            }
        }
}

const gfx_effect_desc gfx_fx_rain = {
    .name = "rain",
    .summary = "matrix rain: glyphs that stay in place, lit by falling heads and fading trails",
    .render = rain_render,
    .params = rain_params,
    .n_params = sizeof rain_params / sizeof rain_params[0],
    .default_ramp = "kata",
    .group = GFX_EFFECT_CLASSIC,
};
