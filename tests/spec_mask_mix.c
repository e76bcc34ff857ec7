/* The mask_mix reference against what gfx_kernels.h promises of it, for
 * every (dst, src, mask) byte triple: m = 0 keeps dst, m = 255 gives src,
 * and every result lies within one step of the real mix
 * dst + (src - dst) m / 255, between dst and src. */
#include <math.h>
#include <stdio.h>

#include "gfx_kernels.h"
#include "kernels_c.h"

int main(void)
{
    static uint8_t dst[256 * 256 * 3], src[256 * 256 * 3], mask[256 * 256];
    int failures = 0;
    double worst = 0;
    for (int m = 0; m < 256; m++) {
        for (int i = 0; i < 256 * 256; i++) {
            dst[3 * i] = dst[3 * i + 1] = dst[3 * i + 2] = (uint8_t)(i >> 8);
            src[3 * i] = src[3 * i + 1] = src[3 * i + 2] = (uint8_t)i;
            mask[i] = (uint8_t)m;
        }
        gfx_mask_mix_scalar(dst, 3 * 256, src, 3 * 256, mask, 256, 256, 256);
        for (int i = 0; i < 256 * 256; i++) {
            int d = i >> 8, s = i & 255, got = dst[3 * i];
            double real = d + (s - d) * m / 255.0, err = fabs(got - real);
            int lo = d < s ? d : s, hi = d < s ? s : d;
            worst = err > worst ? err : worst;
            if ((m == 0 && got != d) || (m == 255 && got != s) || err >= 1.0 || got < lo ||
                got > hi || dst[3 * i + 1] != got || dst[3 * i + 2] != got) {
                if (failures++ < 10)
                    fprintf(stderr, "FAIL d %d s %d m %d: %d, the real mix %.3f\n", d, s, m, got,
                            real);
            }
        }
    }
    printf("mask_mix: worst distance from the real mix %.3f\n", worst);
    return failures != 0;
}
