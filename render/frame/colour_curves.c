#include "colour_curves.h"

#include <math.h>
#include <string.h>

static uint8_t round_byte(double v)
{
    return (uint8_t)(v <= 0.0 ? 0 : v >= 255.0 ? 255 : lround(v));
}

/* The same curve on all three channels. */
static void fill_all(gfx_lut3 *lut, const uint8_t *curve)
{
    for (int c = 0; c < 3; c++)
        memcpy(lut->t[c], curve, 256);
}

void gfx_lut3_levels(gfx_lut3 *lut, double black, double white, double midtone)
{
    uint8_t curve[256];
    double span = fmax(1.0, white - black);
    for (int x = 0; x < 256; x++) {
        double v = fmin(1.0, fmax(0.0, (x - black) / span));
        curve[x] = round_byte(pow(v, 1.0 / midtone) * 255.0);
    }
    fill_all(lut, curve);
}

void gfx_lut3_contrast(gfx_lut3 *lut, double factor)
{
    uint8_t curve[256];
    for (int x = 0; x < 256; x++)
        curve[x] = round_byte((x - 128) * factor + 128.0);
    fill_all(lut, curve);
}

void gfx_lut3_gamma(gfx_lut3 *lut, double gamma)
{
    uint8_t curve[256];
    for (int x = 0; x < 256; x++)
        curve[x] = round_byte(255.0 * pow(x / 255.0, 1.0 / gamma));
    fill_all(lut, curve);
}

void gfx_lut3_brightness(gfx_lut3 *lut, double factor)
{
    uint8_t curve[256];
    for (int x = 0; x < 256; x++)
        curve[x] = round_byte(x * factor);
    fill_all(lut, curve);
}

void gfx_lut3_solarize(gfx_lut3 *lut, double threshold)
{
    uint8_t curve[256];
    for (int x = 0; x < 256; x++)
        curve[x] = (uint8_t)(x > threshold ? 255 - x : x);
    fill_all(lut, curve);
}

void gfx_lut3_posterize(gfx_lut3 *lut, int levels)
{
    uint8_t curve[256];
    uint16_t l = (uint16_t)levels, scale = (uint16_t)lround(65280.0 / (levels - 1));
    for (int x = 0; x < 256; x++) {
        uint16_t q = (uint16_t)(x * l) >> 8;
        curve[x] = (uint8_t)((uint16_t)(q * scale + 128) >> 8);
    }
    fill_all(lut, curve);
}

void gfx_lut3_invert(gfx_lut3 *lut, double mix)
{
    uint8_t curve[256];
    uint16_t m = (uint16_t)lround(mix * 256.0), keep = (uint16_t)(256 - m);
    for (int x = 0; x < 256; x++)
        curve[x] = (uint8_t)((uint16_t)(x * keep + (255 - x) * m + 128) >> 8);
    fill_all(lut, curve);
}

void gfx_lut3_threshold(gfx_lut3 *lut, int threshold)
{
    uint8_t curve[256];
    for (int x = 0; x < 256; x++)
        curve[x] = (uint8_t)(x > threshold ? 255 : 0);
    fill_all(lut, curve);
}

void gfx_lut3_ramp(gfx_lut3 *lut, const uint8_t (*stops)[3], int n)
{
    for (int g = 0; g < 256; g++) {
        double pos = g / 255.0 * (n - 1);
        int i = (int)pos < n - 1 ? (int)pos : n - 2;
        double f = pos - i;
        for (int c = 0; c < 3; c++)
            lut->t[c][g] = round_byte(stops[i][c] + (stops[i + 1][c] - stops[i][c]) * f);
    }
}

static int16_t q12(double v)
{
    double q = round(v * GFX_COLOUR_MATRIX_ONE);
    return (int16_t)(q < -32768.0 ? -32768.0 : q > 32767.0 ? 32767.0 : q);
}

static void matrix_clear(gfx_colour_matrix *cm)
{
    memset(cm, 0, sizeof *cm);
}

void gfx_colour_matrix_mean_grey(gfx_colour_matrix *cm)
{
    for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++)
            cm->m[r][c] = 1366;
        cm->offset[r] = 3072 - 2048; /* the kernel adds the other 2048 */
    }
}

void gfx_colour_matrix_saturation(gfx_colour_matrix *cm, double factor)
{
    static const double luma[3] = {0.213, 0.715, 0.072};
    for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++)
            cm->m[r][c] = q12((1.0 - factor) * luma[c] + (r == c ? factor : 0.0));
        cm->offset[r] = 0;
    }
}

void gfx_colour_matrix_grade(gfx_colour_matrix *cm, double red, double green, double blue)
{
    matrix_clear(cm);
    cm->m[0][0] = q12(red), cm->m[1][1] = q12(green), cm->m[2][2] = q12(blue);
}

void gfx_colour_matrix_channels(gfx_colour_matrix *cm, const int from[3])
{
    matrix_clear(cm);
    for (int r = 0; r < 3; r++)
        cm->m[r][from[r]] = GFX_COLOUR_MATRIX_ONE;
}
