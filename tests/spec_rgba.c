/* The scalar rgba_unpremultiply against what gfx_kernels.h writes down,
 * over every pair (c, a), c <= a: U(c) is 255 c / a rounded to nearest
 * (ties up), and U(c) composited over black with alpha a gives back c within
 * a/510 < 1/2 in real numbers, so within 1 with any rounding to a byte, and
 * exactly c rounded to nearest. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "gfx_kernels.h"

static int failures;

static void expect(int ok, const char *what, int c, int a, double got)
{
    if (!ok && failures++ < 10)
        fprintf(stderr, "FAIL: %s for c=%d a=%d (got %.4f)\n", what, c, a, got);
}

int main(void)
{
    struct gfx_kernels k;
    gfx_kernels_init(&k, GFX_ISA_SCALAR);
    double worst_real = 0.0;
    int worst_byte = 0, off_by_one = 0;
    for (int a = 0; a < 256; a++)
        for (int c = 0; c <= a; c++) {
            /* c in R, a in G: a is the maximum, B below both */
            uint8_t src[3] = {(uint8_t)c, (uint8_t)a, (uint8_t)(c / 2)}, dst[4];
            k.rgba_unpremultiply(dst, 4, src, 3, 1, 1);
            expect(dst[3] == a, "alpha is max(R, G, B)", c, a, dst[3]);
            expect(dst[1] == (a ? 255 : 0), "the brightest channel is 255", c, a, dst[1]);
            double exact = a ? 255.0 * c / a : 0.0;
            /* nearest, ties up: floor(exact + 1/2), exact as a ratio of integers */
            int nearest = a ? (2 * 255 * c + a) / (2 * a) : 0;
            expect(dst[0] == nearest, "U(c) = 255 c / a to nearest, ties up", c, a, dst[0]);
            expect(fabs(dst[0] - exact) <= 0.5, "|U(c) - 255 c / a| <= 1/2", c, a, dst[0] - exact);
            double over_black = dst[0] * a / 255.0;
            double real_error = fabs(over_black - c);
            int nearest_byte = (int)gfx_div255((unsigned)dst[0] * (unsigned)a);
            int floor_byte = (int)((unsigned)dst[0] * (unsigned)a / 255u);
            int byte_error = abs(floor_byte - c);
            expect(real_error <= a / 510.0 + 1e-9 && real_error < 0.5,
                   "over black within a/510 < 1/2 of c", c, a, real_error);
            expect(byte_error <= 1, "over black, floored to a byte, within 1 of c", c, a,
                   floor_byte);
            expect(nearest_byte == c, "over black, rounded to nearest, exactly c", c, a,
                   nearest_byte);
            worst_real = real_error > worst_real ? real_error : worst_real;
            worst_byte = byte_error > worst_byte ? byte_error : worst_byte;
            off_by_one += byte_error == 1;
        }
    uint8_t black[3] = {0, 0, 0}, out[4] = {1, 1, 1, 1};
    k.rgba_unpremultiply(out, 4, black, 3, 1, 1);
    expect(!out[0] && !out[1] && !out[2] && !out[3], "black is transparent black", 0, 0, out[0]);
    printf("every (c, a), c <= a: over black within %.4f of c in reals; floored to a byte "
           "within %d (%d of 32896 pairs off by one), rounded to nearest exact\n",
           worst_real, worst_byte, off_by_one);
    if (failures)
        fprintf(stderr, "%d failures\n", failures);
    return failures ? 1 : 0;
}
