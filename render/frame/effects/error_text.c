/* error_text (catalogue section 4, glitch: error messages): words of one
 * themed vocabulary stamped as glitch text at random places. Word slot k
 * holds a word for `hold` seconds (the slots staggered, so words come and
 * go one by one), then jumps to another word and place; there are
 *   floor(count_base + 6 bdecay + 4 flux) slots this frame,
 * so beats flood the screen. Each glyph is, with probability
 * corruption (0.3 + bdecay) fresh every frame, a random character instead.
 * Letters are glyph picks on the "terminal" ramp; value 0.6 + 0.4 rms,
 * hue = hue + 0.05 per word slot. */
#include <string.h>

#include "fx_chars.h"

enum { ERROR_STREAM = 0x6572726f, ERROR_FLICKER = 0x666c6b72 };
enum { P_THEME, P_COUNT_BASE, P_HOLD, P_CORRUPTION, P_HUE };

#define ERROR_MAX_SLOTS 64
#define TERMINAL_GLYPHS 38 /* the "terminal" ramp's characters, picks 1..38 */

static const char *const tech_words[] = {
    "SEGFAULT",      "0xDEADBEEF",  "STACK_SMASH", "KERNEL_PANIC", "NULL_POINTER",
    "HEAP_OVERFLOW", "CORE_DUMPED", "BUS_ERROR",   "0xBADC0DE",    "BUFFER_OVERRUN",
};
static const char *const cosmic_words[] = {
    "VOID_BREACH",   "TIME_PARADOX",     "ENTROPY_SPIKE",   "WORMHOLE_COLLAPSE",
    "EVENT_HORIZON", "DARK_MATTER_LEAK", "STAR_CORE_FAULT", "GRAVITY_INVERSION",
};
static const char *const organic_words[] = {
    "DNA_MISMATCH",    "SYNAPSE_TIMEOUT", "CELL_DIVISION_ERR",
    "PROTEIN_MISFOLD", "MITOSIS_HALT",    "NEURAL_OVERLOAD",
};
static const struct {
    const char *const *words;
    int n;
} themes[] = {
    {tech_words, sizeof tech_words / sizeof tech_words[0]},
    {cosmic_words, sizeof cosmic_words / sizeof cosmic_words[0]},
    {organic_words, sizeof organic_words / sizeof organic_words[0]},
};

static const gfx_param_desc error_params[] = {
    {"theme", 0.0f, 0.0f, 2.0f, "vocabulary: 0 tech, 1 cosmic, 2 organic (rounded down)"},
    {"count_base", 6.0f, 0.0f, 32.0f, "words on screen in silence (beats and flux add up to 10)"},
    {"hold", 0.6f, 0.05f, 5.0f, "seconds a word stays in place"},
    {"corruption", 0.1f, 0.0f, 1.0f, "share of glyphs swapped for random ones (more on beats)"},
    {"hue", 0.0f, 0.0f, 1.0f, "hue of the first word"},
};

static void error_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    const gfx_grid *g = ctx->grid;
    const gfx_features *ft = ctx->feat;
    fx_clear(g, value, hue, 0.0f);
    int theme = (int)fx_param(ctx, P_THEME);
    int slots = fx_floor(fx_param(ctx, P_COUNT_BASE) + 6.0f * ft->beat_env + 4.0f * ft->flux);
    slots = slots > ERROR_MAX_SLOTS ? ERROR_MAX_SLOTS : slots;
    float steps = (float)ctx->time / fx_param(ctx, P_HOLD);
    float corrupt = fx_param(ctx, P_CORRUPTION) * (0.3f + ft->beat_env);
    float v = fx_clamp01(0.6f + 0.4f * ft->rms_fast);
    uint32_t flicker = fx_hash3(ctx->seed, ERROR_FLICKER, (uint32_t)ctx->frame);

    for (int k = 0; k < slots; k++) {
        uint32_t slot = fx_hash3(ctx->seed, ERROR_STREAM, (uint32_t)k);
        uint32_t step = (uint32_t)fx_floor(steps + fx_unit(slot));
        uint32_t h = gfx_hash32(slot ^ gfx_hash32(step));
        const char *word = themes[theme].words[(int)(fx_draw(h, 0) * (float)themes[theme].n)];
        int len = (int)strlen(word);
        int room = g->cols - len;
        int c0 = room > 0 ? (int)(fx_draw(h, 1) * (float)(room + 1)) : 0;
        int r = (int)(fx_draw(h, 2) * (float)g->rows);
        float word_hue = fx_param(ctx, P_HUE) + 0.05f * (float)k;
        for (int j = 0; j < len && c0 + j < g->cols; j++) {
            int i = r * g->cols + c0 + j;
            uint32_t f = gfx_hash32(flicker ^ (uint32_t)i * 0x9e3779b9U);
            int glyph = fx_draw(f, 0) < corrupt ? 1 + (int)(fx_draw(f, 1) * TERMINAL_GLYPHS)
                                                : fx_terminal_glyph(word[j]);
            value[i] = v;
            hue[i] = fx_pick(glyph, word_hue);
        }
    }
}

const gfx_effect_desc gfx_fx_error_text = {
    .name = "error_text",
    .summary = "glitch: themed error messages stamped about, flooding on beats",
    .render = error_render,
    .params = error_params,
    .n_params = sizeof error_params / sizeof error_params[0],
    .default_ramp = "terminal",
    .group = GFX_EFFECT_CHARACTER,
};
