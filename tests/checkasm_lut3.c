/* checkasm: every per-channel LUT variant against gfx_lut3_scalar, in place
 * and out of place, on random tables (every entry distinct from its
 * neighbours' sub-tables) and on the shaders' curves; widths hit every tail. */
#include <string.h>

#include "checkasm.h"

static void pick_size(int *width, int *height)
{
    if (ck_rand() % 64 == 0) { /* full-size rows */
        *width = ck_rand_range(1000, 1920);
        *height = ck_rand_range(1, 4);
    } else { /* every tail of every block size (16, 32, 64 pixels) */
        *width = ck_rand_range(1, 200);
        *height = ck_rand_range(1, 5);
    }
}

/* Random tables half the time; otherwise identity, inversion or a constant,
 * where a wrong sub-table shows at once; a quarter of the time one table
 * for all three channels (the curve shaders', which some variants take a
 * shorter path for). */
static void pick_lut(gfx_lut3 *lut)
{
    for (int c = 0; c < 3; c++) {
        int kind = (int)(ck_rand() % 6), k = (int)(ck_rand() & 255);
        for (int v = 0; v < 256; v++)
            lut->t[c][v] = (uint8_t)(kind == 0   ? v
                                     : kind == 1 ? 255 - v
                                     : kind == 2 ? k
                                                 : (int)ck_rand());
    }
    if (ck_rand() % 4 == 0)
        memcpy(lut->t[1], lut->t[0], 256), memcpy(lut->t[2], lut->t[0], 256);
}

static void run_lut3(const struct gfx_kernels *k, uint8_t *dst, ptrdiff_t dst_stride,
                     const uint8_t *src, ptrdiff_t src_stride, int width, int height,
                     const void *arg)
{
    k->lut3(dst, dst_stride, src, src_stride, width, height, arg);
}

static void check_case(const struct gfx_kernels *ref, const struct gfx_kernels *isa, int width,
                       int height, const gfx_lut3 *lut, int in_place)
{
    ck_rgb_pass p = ck_pick_rgb_pass(width, height, in_place);
    ck_case("%dx%d %s, dst stride %td, src stride %td, tables start %d %d %d", width, height,
            in_place ? "in place" : "out of place", p.dst_stride, p.src_stride, lut->t[0][0],
            lut->t[1][0], lut->t[2][0]);
    /* ck_fill: every byte value, not only the extremes */
    ck_check_rgb_pass(&p, ref, isa, run_lut3, lut, ck_fill);
}

#if GLYPHFX_HAVE_AVX512
/* AVX-512 has two variants: VBMI's, which dispatch installs where the CPU
 * has it, and the AVX-512BW one, checked here as well so a VBMI machine
 * still tests it. */
gfx_decl_lut3_fn(gfx_lut3_avx512);
#endif

static void check_cases(const struct gfx_kernels *ref, const struct gfx_kernels *isa)
{
    for (int i = 0; i < 4 * ck_iterations(); i++) {
        int width, height;
        gfx_lut3 lut;
        pick_size(&width, &height);
        pick_lut(&lut);
        check_case(ref, isa, width, height, &lut, (int)(ck_rand() & 1));
    }
    gfx_lut3 lut;
    pick_lut(&lut);
    check_case(ref, isa, 1920, 1080, &lut, 1); /* and one full 1080p frame */
}

static void check_lut3(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                       enum gfx_isa level)
{
    check_cases(ref, isa);
#if GLYPHFX_HAVE_AVX512
    if (level == GFX_ISA_AVX512 && isa->lut3 != gfx_lut3_avx512) {
        struct gfx_kernels bw = *isa;
        bw.lut3 = gfx_lut3_avx512;
        check_cases(ref, &bw);
    }
#else
    (void)level;
#endif
}

int main(int argc, char **argv)
{
    static const struct checkasm_test tests[] = {{"lut3", GFX_K_LUT3, check_lut3}};
    return checkasm_main(argc, argv, tests, 1);
}
