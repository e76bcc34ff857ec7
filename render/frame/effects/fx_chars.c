#include "fx_chars.h"

/* The "terminal" ramp (palette.c): digits, capitals, then '_' and 'x'. */
int fx_terminal_glyph(char ch)
{
    if (ch >= '0' && ch <= '9')
        return 1 + (ch - '0');
    if (ch >= 'A' && ch <= 'Z')
        return 11 + (ch - 'A');
    if (ch == '_')
        return 37;
    if (ch == 'x')
        return 38;
    return 0;
}

const char *const fx_base_names[FX_BASES] = {
    "bg_sinefield", "plasma", "tunnel", "rings", "spectrum", "freq_waves", "rain", "bars",
};

void fx_render_base(const gfx_effect_ctx *ctx, int index, float *value, float *hue)
{
    index = index < 0 ? 0 : index >= FX_BASES ? FX_BASES - 1 : index;
    const gfx_effect_desc *base = gfx_effect_find(fx_base_names[index]);
    if (!base) {
        fx_clear(ctx->grid, value, hue, 0.0f);
        return;
    }
    gfx_effect_ctx inner = *ctx;
    for (int p = 0; p < base->n_params; p++)
        inner.params[p] = base->params[p].def;
    inner.particle_cap = 0;
    inner.state = NULL;
    base->render(&inner, value, hue);
}

static void reverse(float *a, int n)
{
    for (int i = 0, j = n - 1; i < j; i++, j--) {
        float t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

void fx_roll(float *a, int n, int shift)
{
    if (n < 2)
        return;
    int s = shift % n;
    s = s < 0 ? s + n : s;
    if (!s)
        return;
    reverse(a, n);
    reverse(a, s);
    reverse(a + s, n - s);
}
