/* Film grain, scalar reference (see gfx_kernels.h). */
#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "kernels_c.h"

void gfx_grain_scalar(uint8_t *canvas, ptrdiff_t stride, int width, int height, uint32_t key,
                      int amount)
{
    gfx_check_grain(canvas, stride, width, height, amount);
    uint32_t range = 2u * (uint32_t)amount + 1u;
    for (int y = 0; y < height; y++) {
        uint8_t *px = canvas + y * stride;
        uint32_t by = (uint32_t)y >> 1;
        for (int x = 0; x < width; x++) {
            uint32_t h = gfx_hash32(key ^ (by << 16 | (uint32_t)x >> 1));
            int n = (int)(((h >> 16) * range) >> 16) - amount;
            for (int ch = 0; ch < 3; ch++)
                px[3 * x + ch] = gfx_sat_u8(px[3 * x + ch] + n);
        }
    }
}
