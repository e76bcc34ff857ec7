/* Blend modes, scalar reference and mode names (see gfx_kernels.h). */
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_c.h"

static const char *const mode_names[GFX_BLEND_COUNT] = {
    "normal",     "add",       "subtract",    "multiply",      "screen",
    "overlay",    "softlight", "hardlight",   "difference",    "exclusion",
    "colordodge", "colorburn", "linearlight", "vividlight",    "pin_light",
    "hard_mix",   "lighten",   "darken",      "grain_extract", "grain_merge",
};

const char *gfx_blend_mode_name(enum gfx_blend_mode mode)
{
    return (unsigned)mode < GFX_BLEND_COUNT ? mode_names[mode] : "unknown";
}

int gfx_blend_mode_parse(const char *name)
{
    for (int i = 0; i < GFX_BLEND_COUNT; i++)
        if (name && !strcmp(name, mode_names[i]))
            return i;
    return -1;
}

static int clamp255(int v)
{
    return v < 0 ? 0 : v > 255 ? 255 : v;
}

static int min_int(int x, int y)
{
    return x < y ? x : y;
}

static int max_int(int x, int y)
{
    return x > y ? x : y;
}

/* Q(x, d): 255 x / d rounded half up, clipped to 255; x / 0 = 255, 0 / 0 = 0. */
static int blend_quotient(int x, int d)
{
    if (x == 0)
        return 0;
    if (x >= d)
        return 255;
    return (255 * x + (d >> 1)) / d;
}

static int blend_mode_px(enum gfx_blend_mode mode, int a, int b)
{
    switch (mode) {
    case GFX_BLEND_NORMAL: return b;
    case GFX_BLEND_ADD: return min_int(255, a + b);
    case GFX_BLEND_SUBTRACT: return max_int(0, a - b);
    case GFX_BLEND_MULTIPLY: return (int)gfx_div255((unsigned)(a * b));
    case GFX_BLEND_SCREEN: return 255 - (int)gfx_div255((unsigned)((255 - a) * (255 - b)));
    case GFX_BLEND_OVERLAY:
        return a < 128 ? (int)gfx_div255((unsigned)(2 * a * b))
                       : 255 - (int)gfx_div255((unsigned)(2 * (255 - a) * (255 - b)));
    case GFX_BLEND_SOFTLIGHT: {
        int t = b * (255 - a) + 64;
        return (int)gfx_div255((unsigned)(a * (a + ((t + (t >> 8)) >> 7))));
    }
    case GFX_BLEND_HARDLIGHT:
        return b < 128 ? (int)gfx_div255((unsigned)(2 * a * b))
                       : 255 - (int)gfx_div255((unsigned)(2 * (255 - a) * (255 - b)));
    case GFX_BLEND_DIFFERENCE: return a > b ? a - b : b - a;
    case GFX_BLEND_EXCLUSION: return clamp255(a + b - 2 * (int)gfx_div255((unsigned)(a * b)));
    case GFX_BLEND_COLORDODGE: return blend_quotient(a, 255 - b);
    case GFX_BLEND_COLORBURN: return 255 - blend_quotient(255 - a, b);
    case GFX_BLEND_LINEARLIGHT: return clamp255(a + 2 * b - 255);
    case GFX_BLEND_VIVIDLIGHT:
        return b < 128 ? 255 - blend_quotient(255 - a, 2 * b) : blend_quotient(a, 2 * (255 - b));
    case GFX_BLEND_PIN_LIGHT: return b < 128 ? min_int(a, 2 * b) : max_int(a, 2 * b - 255);
    case GFX_BLEND_HARD_MIX: return a + b >= 255 ? 255 : 0;
    case GFX_BLEND_LIGHTEN: return max_int(a, b);
    case GFX_BLEND_DARKEN: return min_int(a, b);
    case GFX_BLEND_GRAIN_EXTRACT: return clamp255(a - b + 128);
    case GFX_BLEND_GRAIN_MERGE: return clamp255(a + b - 128);
    case GFX_BLEND_COUNT: break;
    }
    return b;
}

void gfx_blend_scalar(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
                      int width, int height, enum gfx_blend_mode mode, unsigned opacity_q8)
{
    gfx_check_blend(dst, dst_stride, src, src_stride, width, height, mode, opacity_q8);
    const int op = (int)opacity_q8;
    for (int y = 0; y < height; y++) {
        uint8_t *d = dst + y * dst_stride;
        const uint8_t *s = src + y * src_stride;
        for (int i = 0; i < 3 * width; i++) {
            int a = d[i], r = blend_mode_px(mode, a, s[i]);
            d[i] = (uint8_t)((a * (256 - op) + r * op + 128) >> 8);
        }
    }
}
