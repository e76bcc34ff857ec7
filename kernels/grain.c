/* Film grain, scalar reference (see gfx_kernels.h). */
#include "gfx_kernels.h"
#include "kernel_contracts.h"
#include "grain_variants.h"

void gfx_grain_scalar(uint8_t *canvas, ptrdiff_t stride, int width, int height, uint32_t key,
                      int amount)
{
    gfx_check_image(canvas, stride, width, height, 3);
    assert(amount >= 0 && amount <= 127);
    assert(width < 131072 && height < 131072);
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

void gfx_grain_init(struct gfx_kernels *k, enum gfx_isa isa)
{
    switch (isa) {
    case GFX_ISA_SCALAR: k->grain = gfx_grain_scalar; break;
#if GLYPHFX_HAVE_SSE41
    case GFX_ISA_SSE41: k->grain = gfx_grain_sse41; break;
#endif
#if GLYPHFX_HAVE_AVX2
    case GFX_ISA_AVX2: k->grain = gfx_grain_avx2; break;
#endif
#if GLYPHFX_HAVE_AVX512
    case GFX_ISA_AVX512: k->grain = gfx_grain_avx512; break;
#endif
#if GLYPHFX_HAVE_NEON
    case GFX_ISA_NEON: k->grain = gfx_grain_neon; break;
#endif
    default: return;
    }
    k->isa_used[GFX_K_GRAIN] = isa;
}
