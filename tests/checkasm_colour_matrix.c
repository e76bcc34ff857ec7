/* checkasm: every colour matrix variant against gfx_colour_matrix_scalar,
 * in place and out of place, on random and realistic matrices. */
#include <string.h>

#include "checkasm.h"

static void pick_size(int *width, int *height)
{
    if (ck_rand() % 64 == 0) { /* full-size rows */
        *width = ck_rand_range(1000, 1920);
        *height = ck_rand_range(1, 4);
    } else { /* every tail of every vector width */
        *width = ck_rand_range(1, 130);
        *height = ck_rand_range(1, 5);
    }
}

static int16_t random_coefficient(void)
{
    switch (ck_rand() % 6) {
    case 0: return -32768;
    case 1: return 32767;
    case 2: return 0;
    case 3: return GFX_COLOUR_MATRIX_ONE;
    default: return (int16_t)ck_rand();
    }
}

/* Anything the contract allows, or what the feedback and the shaders use:
 * a decayed hue rotation, rounded or floored. */
static void pick_matrix(gfx_colour_matrix *cm)
{
    if (ck_rand() & 1) {
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++)
                cm->m[r][c] = random_coefficient();
            cm->offset[r] = ck_rand() % 4 == 0 ? 0 : ck_rand_range(-(1 << 24), 1 << 24);
        }
    } else {
        double turns = (double)ck_rand() / 4294967296.0, scale = ck_rand_range(0, 1200) / 1000.0;
        gfx_colour_matrix_hue(cm, turns, scale, ck_rand() & 1 ? -2048 : 0);
    }
}

static void run_colour_matrix(const struct gfx_kernels *k, uint8_t *dst, ptrdiff_t dst_stride,
                              const uint8_t *src, ptrdiff_t src_stride, int width, int height,
                              const void *arg)
{
    k->colour_matrix(dst, dst_stride, src, src_stride, width, height, arg);
}

static void check_case(const struct gfx_kernels *ref, const struct gfx_kernels *isa, int width,
                       int height, const gfx_colour_matrix *cm, int in_place)
{
    ck_rgb_pass p = ck_pick_rgb_pass(width, height, in_place);
    ck_case("%dx%d %s, dst stride %td, src stride %td, m %d %d %d / %d %d %d / %d %d %d, "
            "offset %d %d %d",
            width, height, in_place ? "in place" : "out of place", p.dst_stride, p.src_stride,
            cm->m[0][0], cm->m[0][1], cm->m[0][2], cm->m[1][0], cm->m[1][1], cm->m[1][2],
            cm->m[2][0], cm->m[2][1], cm->m[2][2], cm->offset[0], cm->offset[1], cm->offset[2]);
    ck_check_rgb_pass(&p, ref, isa, run_colour_matrix, cm, ck_sprinkle_extremes);
}

static void check_colour_matrix(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                                enum gfx_isa level)
{
    (void)level;
    for (int i = 0; i < 4 * ck_iterations(); i++) {
        int width, height;
        gfx_colour_matrix cm;
        pick_size(&width, &height);
        pick_matrix(&cm);
        check_case(ref, isa, width, height, &cm, (int)(ck_rand() & 1));
    }
    gfx_colour_matrix cm;
    pick_matrix(&cm);
    check_case(ref, isa, 1920, 1080, &cm, 1);
}

int main(int argc, char **argv)
{
    static const struct checkasm_test tests[] = {
        {"colour_matrix", GFX_K_COLOUR_MATRIX, check_colour_matrix}};
    return checkasm_main(argc, argv, tests, 1);
}
