/* The blend modes' scalar reference against the formulas it implements
 * (gfx_kernels.h, ../shared/catalogue.md section 10): a table of values
 * worked by hand from the integer formulas, the opacity mix, and every
 * (a, b) pair of every mode against the catalogue's real-valued formula
 * within the error the header states. checkasm holds every SIMD variant to
 * this reference; this test pins the reference itself. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gfx_kernels.h"

static int failures;

/* f(a, b) at opacity 1 (or any opacity) through the table's scalar entry on
 * a one-pixel image: what the variants are compared with. */
static int blend_px(const struct gfx_kernels *k, enum gfx_blend_mode mode, int a, int b,
                    unsigned opacity_q8)
{
    uint8_t dst[3] = {(uint8_t)a, (uint8_t)a, (uint8_t)a};
    const uint8_t src[3] = {(uint8_t)b, (uint8_t)b, (uint8_t)b};
    k->blend(dst, 3, src, 3, 1, 1, mode, opacity_q8);
    if (dst[0] != dst[1] || dst[1] != dst[2]) {
        printf("FAIL %s(%d, %d): channels differ (%u %u %u)\n", gfx_blend_mode_name(mode), a, b,
               dst[0], dst[1], dst[2]);
        failures++;
    }
    return dst[0];
}

/* Worked by hand from the header's integer formulas; D(x) = x/255 to
 * nearest, Q(x, d) = 255 x / d rounded, clipped to 255. */
static const struct {
    enum gfx_blend_mode mode;
    int a, b, expect;
    const char *why;
} table[] = {
    {GFX_BLEND_NORMAL, 200, 100, 100, "b"},
    {GFX_BLEND_ADD, 30, 60, 90, "30 + 60"},
    {GFX_BLEND_ADD, 200, 100, 255, "300 clipped"},
    {GFX_BLEND_SUBTRACT, 200, 100, 100, "200 - 100"},
    {GFX_BLEND_SUBTRACT, 64, 192, 0, "-128 clipped"},
    {GFX_BLEND_MULTIPLY, 128, 128, 64, "16384/255 = 64.25"},
    {GFX_BLEND_MULTIPLY, 200, 100, 78, "20000/255 = 78.43"},
    {GFX_BLEND_MULTIPLY, 255, 77, 77, "255 is one"},
    {GFX_BLEND_SCREEN, 128, 128, 192, "255 - 127*127/255 = 255 - 63.25"},
    {GFX_BLEND_SCREEN, 64, 192, 208, "255 - 191*63/255 = 255 - 47.19"},
    {GFX_BLEND_SCREEN, 0, 90, 90, "0 is neutral"},
    {GFX_BLEND_OVERLAY, 64, 192, 96, "a < 128: 2*64*192/255 = 96.38"},
    {GFX_BLEND_OVERLAY, 200, 100, 188, "a >= 128: 255 - 2*55*155/255 = 255 - 66.86"},
    {GFX_BLEND_OVERLAY, 31, 31, 8, "catalogue: 0.12 on 0.12 gives 0.03 (2*961/255 = 7.54)"},
    {GFX_BLEND_SOFTLIGHT, 64, 192, 88, "E(192*191 = 36672) = 288, 64*(64+288)/255 = 88.3"},
    {GFX_BLEND_SOFTLIGHT, 200, 100, 191, "E(100*55 = 5500) = 43, 200*243/255 = 190.6"},
    {GFX_BLEND_SOFTLIGHT, 100, 0, 39, "b = 0: a*a/255 = 39.2"},
    {GFX_BLEND_SOFTLIGHT, 100, 255, 161, "b = 1: E(39525) = 310, 100*410/255 = 160.8"},
    {GFX_BLEND_HARDLIGHT, 64, 192, 161, "b >= 128: 255 - 2*191*63/255 = 255 - 94.38"},
    {GFX_BLEND_HARDLIGHT, 200, 100, 157, "b < 128: 2*200*100/255 = 156.86"},
    {GFX_BLEND_DIFFERENCE, 64, 192, 128, "|64 - 192|"},
    {GFX_BLEND_DIFFERENCE, 90, 90, 0, "identical layers are black"},
    {GFX_BLEND_EXCLUSION, 64, 192, 160, "256 - 2*D(12288 = 48.19 -> 48)"},
    {GFX_BLEND_EXCLUSION, 128, 128, 128, "256 - 2*64"},
    {GFX_BLEND_COLORDODGE, 30, 60, 39, "(255*30 + 97)/195 = 39.7 -> 39"},
    {GFX_BLEND_COLORDODGE, 100, 200, 255, "100 >= 55: clipped"},
    {GFX_BLEND_COLORDODGE, 0, 255, 0, "0/0 = 0"},
    {GFX_BLEND_COLORDODGE, 1, 255, 255, "x/0 = 255"},
    {GFX_BLEND_COLORBURN, 200, 100, 115, "255 - (255*55 + 50)/100 = 255 - 140"},
    {GFX_BLEND_COLORBURN, 128, 128, 2, "255 - (255*127 + 64)/128 = 255 - 253"},
    {GFX_BLEND_COLORBURN, 255, 0, 255, "255 - Q(0, 0)"},
    {GFX_BLEND_LINEARLIGHT, 64, 192, 193, "64 + 384 - 255"},
    {GFX_BLEND_LINEARLIGHT, 30, 60, 0, "-105 clipped"},
    {GFX_BLEND_VIVIDLIGHT, 200, 100, 185, "b < 128: 255 - (255*55 + 100)/200 = 255 - 70"},
    {GFX_BLEND_VIVIDLIGHT, 100, 200, 232, "b >= 128: (255*100 + 55)/110 = 232.3"},
    {GFX_BLEND_VIVIDLIGHT, 64, 192, 130, "(255*64 + 63)/126 = 130.0"},
    {GFX_BLEND_PIN_LIGHT, 64, 192, 129, "b >= 128: max(64, 129)"},
    {GFX_BLEND_PIN_LIGHT, 200, 100, 200, "b < 128: min(200, 200)"},
    {GFX_BLEND_PIN_LIGHT, 30, 60, 30, "min(30, 120)"},
    {GFX_BLEND_HARD_MIX, 128, 127, 255, "a + b = 255"},
    {GFX_BLEND_HARD_MIX, 127, 127, 0, "a + b = 254"},
    {GFX_BLEND_LIGHTEN, 64, 192, 192, "max"},
    {GFX_BLEND_DARKEN, 64, 192, 64, "min"},
    {GFX_BLEND_GRAIN_EXTRACT, 200, 100, 228, "200 - 100 + 128"},
    {GFX_BLEND_GRAIN_EXTRACT, 64, 192, 0, "-0 clipped"},
    {GFX_BLEND_GRAIN_MERGE, 200, 100, 172, "200 + 100 - 128"},
    {GFX_BLEND_GRAIN_MERGE, 0, 255, 127, "0 + 255 - 128"},
};

/* The opacity mix, (a (256 - op) + r op + 128) >> 8, by hand. */
static const struct {
    enum gfx_blend_mode mode;
    int a, b;
    unsigned opacity_q8;
    int expect;
} mixes[] = {
    {GFX_BLEND_NORMAL, 0, 255, 128, 128},   /* (255*128 + 128) >> 8 = 128.0 */
    {GFX_BLEND_NORMAL, 100, 200, 64, 125},  /* (100*192 + 200*64 + 128) >> 8 = 125.5 */
    {GFX_BLEND_SCREEN, 128, 128, 192, 176}, /* (128*64 + 192*192 + 128) >> 8 = 176.5 */
    {GFX_BLEND_MULTIPLY, 255, 0, 0, 255},   /* opacity 0 keeps a */
    {GFX_BLEND_ADD, 200, 100, 256, 255},    /* opacity 1 is r */
    {GFX_BLEND_DIFFERENCE, 90, 90, 255, 0}, /* (90 + 0 + 128) >> 8 */
    {GFX_BLEND_DIFFERENCE, 0, 255, 1, 1},   /* (0*255 + 255*1 + 128) >> 8 = 383 >> 8 */
};

static double clip01(double v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* The catalogue's f(a, b) on [0, 1], with its ε and ½ as 128/255 where the
 * header says so. */
static double formula(enum gfx_blend_mode mode, int ia, int ib)
{
    const double a = ia / 255.0, b = ib / 255.0, e = 1e-6, half = 128 / 255.0;
    switch (mode) {
    case GFX_BLEND_NORMAL: return b;
    case GFX_BLEND_ADD: return a + b;
    case GFX_BLEND_SUBTRACT: return a - b;
    case GFX_BLEND_MULTIPLY: return a * b;
    case GFX_BLEND_SCREEN: return 1 - (1 - a) * (1 - b);
    case GFX_BLEND_OVERLAY: return ia < 128 ? 2 * a * b : 1 - 2 * (1 - a) * (1 - b);
    case GFX_BLEND_SOFTLIGHT: return (1 - 2 * b) * a * a + 2 * a * b;
    case GFX_BLEND_HARDLIGHT: return ib < 128 ? 2 * a * b : 1 - 2 * (1 - a) * (1 - b);
    case GFX_BLEND_DIFFERENCE: return fabs(a - b);
    case GFX_BLEND_EXCLUSION: return a + b - 2 * a * b;
    case GFX_BLEND_COLORDODGE: return a / (1 - b + e);
    case GFX_BLEND_COLORBURN: return 1 - (1 - a) / (b + e);
    case GFX_BLEND_LINEARLIGHT: return a + 2 * b - 1;
    case GFX_BLEND_VIVIDLIGHT: return ib < 128 ? 1 - (1 - a) / (2 * b + e) : a / (2 * (1 - b) + e);
    case GFX_BLEND_PIN_LIGHT: return ib < 128 ? fmin(a, 2 * b) : fmax(a, 2 * b - 1);
    case GFX_BLEND_HARD_MIX: return ia + ib >= 255 ? 1 : 0;
    case GFX_BLEND_LIGHTEN: return fmax(a, b);
    case GFX_BLEND_DARKEN: return fmin(a, b);
    case GFX_BLEND_GRAIN_EXTRACT: return a - b + half;
    case GFX_BLEND_GRAIN_MERGE: return a + b - half;
    case GFX_BLEND_COUNT: break;
    }
    return b;
}

static double tolerance(enum gfx_blend_mode mode)
{
    switch (mode) {
    case GFX_BLEND_SOFTLIGHT:
    case GFX_BLEND_EXCLUSION: return 1.0;
    case GFX_BLEND_COLORDODGE:
    case GFX_BLEND_COLORBURN:
    case GFX_BLEND_VIVIDLIGHT: return 0.52;
    default: return 0.5 + 1e-9;
    }
}

int main(void)
{
    struct gfx_kernels k;
    gfx_kernels_init(&k, GFX_ISA_SCALAR);

    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        int got = blend_px(&k, table[i].mode, table[i].a, table[i].b, 256);
        if (got != table[i].expect) {
            printf("FAIL %s(%d, %d) = %d, expected %d (%s)\n", gfx_blend_mode_name(table[i].mode),
                   table[i].a, table[i].b, got, table[i].expect, table[i].why);
            failures++;
        }
    }
    for (size_t i = 0; i < sizeof mixes / sizeof mixes[0]; i++) {
        int got = blend_px(&k, mixes[i].mode, mixes[i].a, mixes[i].b, mixes[i].opacity_q8);
        if (got != mixes[i].expect) {
            printf("FAIL %s(%d, %d) at opacity %u/256 = %d, expected %d\n",
                   gfx_blend_mode_name(mixes[i].mode), mixes[i].a, mixes[i].b, mixes[i].opacity_q8,
                   got, mixes[i].expect);
            failures++;
        }
    }
    for (int m = 0; m < GFX_BLEND_COUNT; m++) {
        double worst = 0;
        int wa = 0, wb = 0, wr = 0;
        for (int a = 0; a < 256; a++)
            for (int b = 0; b < 256; b++) {
                int r = blend_px(&k, (enum gfx_blend_mode)m, a, b, 256);
                double err = fabs(r - 255 * clip01(formula((enum gfx_blend_mode)m, a, b)));
                if (err > worst)
                    worst = err, wa = a, wb = b, wr = r;
            }
        int ok = worst <= tolerance((enum gfx_blend_mode)m);
        printf("%-4s %-13s max |reference - formula| = %.3f (at a %d, b %d: %d)\n",
               ok ? "ok" : "FAIL", gfx_blend_mode_name((enum gfx_blend_mode)m), worst, wa, wb, wr);
        failures += !ok;
    }
    for (int m = 0; m < GFX_BLEND_COUNT; m++)
        if (gfx_blend_mode_parse(gfx_blend_mode_name((enum gfx_blend_mode)m)) != m) {
            printf("FAIL name %s does not parse back\n",
                   gfx_blend_mode_name((enum gfx_blend_mode)m));
            failures++;
        }
    if (gfx_blend_mode_parse("plus") != -1 || gfx_blend_mode_parse(NULL) != -1) {
        printf("FAIL an unknown name parses\n");
        failures++;
    }
    printf("%s\n", failures ? "FAILED" : "all blend formulas hold");
    return failures ? 1 : 0;
}
