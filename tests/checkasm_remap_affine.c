/* checkasm: every affine remap variant against gfx_remap_affine_scalar, on
 * the feedback's transforms (shifts, mirror, zoom, shrink, rotations) and
 * on random maps with negative and far-away coordinates. The source ends
 * right before an unreadable page, so a variant that reads a word at the
 * last pixel crashes (and the harness reports it). */
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "checkasm.h"

typedef struct fenced {
    uint8_t *data; /* size bytes, the last one just before a PROT_NONE page */
    uint8_t *map;
    size_t map_size;
} fenced;

static fenced fenced_new(size_t size)
{
    const size_t page = (size_t)sysconf(_SC_PAGESIZE);
    fenced f;
    f.map_size = (size + page - 1) / page * page + page;
    f.map = mmap(NULL, f.map_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (f.map == MAP_FAILED || mprotect(f.map + f.map_size - page, page, PROT_NONE)) {
        ck_fail("cannot map a fenced buffer of %zu bytes", size);
        f.map = NULL, f.data = NULL;
        return f;
    }
    f.data = f.map + f.map_size - page - size;
    ck_fill(f.data, size);
    return f;
}

static void fenced_free(fenced *f)
{
    if (f->map)
        munmap(f->map, f->map_size);
}

static double rand_unit(void)
{
    return (double)ck_rand() / 4294967296.0;
}

static const char *pick_map(gfx_affine_q16 *t, int dw, int dh, int sw, int sh)
{
    const double cx = 0.5 * dw, cy = 0.5 * dh, sx = 0.5 * sw, sy = 0.5 * sh;
    switch (ck_rand() % 6) {
    case 0: { /* whole-pixel shift: the copy path, rows off either end */
        *t = (gfx_affine_q16){.a = 65536, .e = 65536};
        t->c = (int64_t)ck_rand_range(-sw - 2, sw + 2) * 65536 + ck_rand_range(0, 65535);
        t->f = (int64_t)ck_rand_range(-sh - 2, sh + 2) * 65536 + ck_rand_range(0, 65535);
        return "shift";
    }
    case 1:
        *t = (gfx_affine_q16){
            .a = -65536, .e = 65536, .c = ((int64_t)sw - 1) * 65536 + 32768, .f = 32768};
        return "mirror";
    case 2: { /* zoom in or out about the centres */
        double s = 0.25 + 3.0 * rand_unit();
        *t = gfx_affine_q16_from(s, 0, sx - s * cx, 0, s, sy - s * cy);
        return "scale";
    }
    case 3: { /* rotation about the centres, any angle */
        double th = 2.0 * M_PI * rand_unit(), c = cos(th), s = sin(th);
        *t = gfx_affine_q16_from(c, -s, sx - c * cx + s * cy, s, c, sy - s * cx - c * cy);
        return "rotate";
    }
    default: { /* anything: steep, negative, far away */
        int32_t k[4];
        for (int i = 0; i < 4; i++)
            k[i] = ck_rand() % 5 == 0 ? 0 : (int32_t)ck_rand() >> ck_rand_range(0, 20);
        *t = (gfx_affine_q16){.a = k[0], .b = k[1], .d = k[2], .e = k[3]};
        /* times a power of two: a left shift of a negative value is undefined */
        t->c = (int64_t)(int32_t)ck_rand() * ((int64_t)1 << ck_rand_range(0, 26));
        t->f = (int64_t)(int32_t)ck_rand() * ((int64_t)1 << ck_rand_range(0, 26));
        return "random";
    }
    }
}

static void check_case(const struct gfx_kernels *ref, const struct gfx_kernels *isa, int dw, int dh,
                       int sw, int sh)
{
    gfx_affine_q16 t;
    const char *kind = pick_map(&t, dw, dh, sw, sh);
    ptrdiff_t dst_stride = 3 * (ptrdiff_t)dw + ck_rand_range(0, 70);
    ptrdiff_t src_stride = 3 * (ptrdiff_t)sw + (ck_rand() & 1 ? 0 : ck_rand_range(0, 70));
    size_t dst_size = (size_t)dst_stride * (size_t)(dh - 1) + 3 * (size_t)dw;
    size_t src_size = (size_t)src_stride * (size_t)(sh - 1) + 3 * (size_t)sw;
    if (ck_rand() & 1)
        dst_size = (size_t)dst_stride * (size_t)dh;
    ck_case(
        "%s %dx%d from %dx%d, dst stride %td, src stride %td, a %d b %d c %lld d %d e %d f %lld",
        kind, dw, dh, sw, sh, dst_stride, src_stride, t.a, t.b, (long long)t.c, t.d, t.e,
        (long long)t.f);

    fenced src = fenced_new(src_size);
    if (!src.data)
        return;
    ck_buf dst = ck_buf_new(dst_size);
    ck_buf expect = ck_buf_copy(&dst), got = ck_buf_copy(&dst);
    ref->remap_affine(expect.data, dst_stride, dw, dh, src.data, src_stride, sw, sh, &t);
    isa->remap_affine(got.data, dst_stride, dw, dh, src.data, src_stride, sw, sh, &t);
    ck_expect_image(expect.data, got.data, dst_stride, 3 * dw, dh, "dst");
    ck_expect_row_slack_untouched(dst.data, got.data, dst_stride, 3 * dw, dh, dst_size, "dst");
    ck_guards_ok(&got, "dst");
    ck_buf_free(&dst), ck_buf_free(&expect), ck_buf_free(&got);
    fenced_free(&src);
}

static void check_remap_affine(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                               enum gfx_isa level)
{
    (void)level;
    for (int i = 0; i < 4 * ck_iterations(); i++) {
        int dw = ck_rand() % 32 == 0 ? ck_rand_range(1000, 1920) : ck_rand_range(1, 130);
        int dh = ck_rand_range(1, 6);
        int sw = ck_rand_range(1, 140), sh = ck_rand_range(1, 20);
        if (ck_rand() & 1) /* the feedback's case: same size */
            sw = dw, sh = dh;
        check_case(ref, isa, dw, dh, sw, sh);
    }
    for (int i = 0; i < 3; i++)
        check_case(ref, isa, 1920, 1080, 1920, 1080);
}

int main(int argc, char **argv)
{
    static const struct checkasm_test tests[] = {
        {"remap_affine", GFX_K_REMAP_AFFINE, check_remap_affine}};
    return checkasm_main(argc, argv, tests, 1);
}
