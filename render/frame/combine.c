#include "combine.h"

#include <string.h>

static const char *const names[GFX_COMBINE_OPS] = {
    "add", "multiply", "difference", "modulate", "max", "min", "mix",
};

const char *gfx_combine_name(int op)
{
    return op >= 0 && op < GFX_COMBINE_OPS ? names[op] : NULL;
}

int gfx_combine_find(const char *name)
{
    for (int i = 0; name && i < GFX_COMBINE_OPS; i++)
        if (!strcmp(names[i], name))
            return i;
    return -1;
}

const char *gfx_combine_choices(void)
{
    return "add|multiply|difference|modulate|max|min|mix";
}

void gfx_combine_apply(int op, float amount, float *a, const float *b, int n)
{
    switch (op) {
    case GFX_COMBINE_ADD:
        for (int i = 0; i < n; i++) {
            float s = a[i] + b[i];
            a[i] = s < 1.0f ? s : 1.0f;
        }
        break;
    case GFX_COMBINE_MULTIPLY:
        for (int i = 0; i < n; i++)
            a[i] *= b[i];
        break;
    case GFX_COMBINE_DIFFERENCE:
        for (int i = 0; i < n; i++)
            a[i] = a[i] > b[i] ? a[i] - b[i] : b[i] - a[i];
        break;
    case GFX_COMBINE_MODULATE:
        for (int i = 0; i < n; i++)
            a[i] *= 0.3f + 0.7f * b[i];
        break;
    case GFX_COMBINE_MAX:
        for (int i = 0; i < n; i++)
            a[i] = a[i] > b[i] ? a[i] : b[i];
        break;
    case GFX_COMBINE_MIN:
        for (int i = 0; i < n; i++)
            a[i] = a[i] < b[i] ? a[i] : b[i];
        break;
    case GFX_COMBINE_MIX:
        for (int i = 0; i < n; i++)
            a[i] += (b[i] - a[i]) * amount;
        break;
    default: break;
    }
}
