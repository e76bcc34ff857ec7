/* Colour matrix, scalar reference, and the hue rotation's coefficients
 * (see gfx_kernels.h). */
#include <math.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_c.h"

void gfx_hue_rotation(double m[3][3], double radians)
{
    const double cs = cos(radians), sn = sin(radians);
    /* rows: R, G, B out; the luma weights 0.213, 0.715, 0.072 are SVG's */
    const double rows[3][3] = {
        {0.213 + cs * 0.787 - sn * 0.213, 0.715 - cs * 0.715 - sn * 0.715,
         0.072 - cs * 0.072 + sn * 0.928},
        {0.213 - cs * 0.213 + sn * 0.143, 0.715 + cs * 0.285 + sn * 0.140,
         0.072 - cs * 0.072 - sn * 0.283},
        {0.213 - cs * 0.213 - sn * 0.787, 0.715 - cs * 0.715 + sn * 0.715,
         0.072 + cs * 0.928 + sn * 0.072},
    };
    memcpy(m, rows, sizeof rows);
}

void gfx_colour_matrix_hue(gfx_colour_matrix *cm, double turns, double scale, int32_t offset)
{
    double m[3][3];
    gfx_hue_rotation(m, 2.0 * M_PI * turns);
    for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
            double q = round(m[r][c] * scale * GFX_COLOUR_MATRIX_ONE);
            cm->m[r][c] = (int16_t)(q < -32768.0 ? -32768.0 : q > 32767.0 ? 32767.0 : q);
        }
        cm->offset[r] = offset;
    }
}

void gfx_colour_matrix_scalar(uint8_t *dst, ptrdiff_t dst_stride, const uint8_t *src,
                              ptrdiff_t src_stride, int width, int height,
                              const gfx_colour_matrix *cm)
{
    gfx_check_colour_matrix(dst, dst_stride, src, src_stride, width, height, cm);
    for (int y = 0; y < height; y++) {
        uint8_t *d = dst + y * dst_stride;
        const uint8_t *s = src + y * src_stride;
        for (int x = 0; x < width; x++) {
            const int32_t in[3] = {s[3 * x], s[3 * x + 1], s[3 * x + 2]};
            for (int c = 0; c < 3; c++) {
                int32_t t = cm->m[c][0] * in[0] + cm->m[c][1] * in[1] + cm->m[c][2] * in[2] +
                            cm->offset[c] + 2048;
                /* t >> 12 is the floor for t >= 0; anything below is 0 anyway */
                d[3 * x + c] = (uint8_t)(t < 0 ? 0 : (t >> 12) > 255 ? 255 : t >> 12);
            }
        }
    }
}
