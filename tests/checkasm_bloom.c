/* checkasm for the three bloom stages: every variant against the scalar
 * reference on random sizes, strides, offsets, contents and parameters.
 *
 * Outputs live in guarded buffers (stray writes), the bytes of each row past
 * the width must come back untouched, and read-only inputs are allocated to
 * their exact size so that the sanitizer build catches any read past them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkasm.h"

/* An input buffer that ends exactly at its last byte and starts unaligned. */
typedef struct exact_buf {
    uint8_t *base, *data;
} exact_buf;

static exact_buf exact_new(size_t size)
{
    size_t misalign = 1 + ck_rand() % 15;
    exact_buf b;
    b.base = malloc(misalign + size);
    if (!b.base) {
        fprintf(stderr, "checkasm_bloom: out of memory\n");
        exit(2);
    }
    b.data = b.base + misalign;
    ck_fill(b.data, size);
    return b;
}

/* Widths 1..130 hit every vector tail; every 16th case is frame-sized. */
static int pick_width(int iteration, int frame_width)
{
    if (iteration % 16 == 15)
        return ck_rand_range(frame_width - 40, frame_width + 10);
    return ck_rand_range(1, 130);
}

static int pick_height(int iteration)
{
    return iteration % 16 == 15 ? ck_rand_range(1, 24) : ck_rand_range(1, 13);
}

static ptrdiff_t pick_stride(int row_bytes)
{
    return row_bytes + ck_rand_range(0, 45);
}

/* Extremes come up often; otherwise uniform over [0, max]. */
static int pick_param(int max)
{
    switch (ck_rand() % 6) {
    case 0: return 0;
    case 1: return max;
    case 2: return 1;
    case 3: return max - 1;
    default: return ck_rand_range(0, max);
    }
}

/* Runs one output image check: guards, padding and the bytes themselves. */
static void expect_output(const ck_buf *original, const ck_buf *expect, const ck_buf *got,
                          ptrdiff_t stride, int width_bytes, int height)
{
    ck_guards_ok(expect, "reference output");
    ck_guards_ok(got, "output");
    ck_expect_row_slack_untouched(original->data, got->data, stride, width_bytes, height,
                                  original->size, "output");
    ck_expect_row_slack_untouched(original->data, expect->data, stride, width_bytes, height,
                                  original->size, "reference output");
    ck_expect_image(expect->data, got->data, stride, width_bytes, height, "output");
}

static void check_downsample(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                             enum gfx_isa level)
{
    (void)level;
    for (int it = 0; it < ck_iterations(); it++) {
        int w = pick_width(it, 1920), h = pick_height(it);
        int sw = (w + 3) / 4, sh = (h + 3) / 4;
        ptrdiff_t stride = pick_stride(3 * w), small_stride = pick_stride(3 * sw);
        int threshold = pick_param(255);
        ck_case("w=%d h=%d stride=%td small_stride=%td threshold=%d", w, h, stride, small_stride,
                threshold);
        exact_buf canvas = exact_new((size_t)(stride * (h - 1) + 3 * w));
        ck_buf original = ck_buf_new((size_t)(small_stride * sh));
        ck_buf expect = ck_buf_copy(&original), got = ck_buf_copy(&original);
        ref->bloom_downsample4_threshold(expect.data, small_stride, canvas.data, stride, w, h,
                                         (uint8_t)threshold);
        isa->bloom_downsample4_threshold(got.data, small_stride, canvas.data, stride, w, h,
                                         (uint8_t)threshold);
        expect_output(&original, &expect, &got, small_stride, 3 * sw, sh);
        ck_buf_free(&original), ck_buf_free(&expect), ck_buf_free(&got);
        free(canvas.base);
    }
}

/* The scratch is a guarded buffer of exactly GFX_BOX_BLUR3_SCRATCH(w) values
 * (2-byte aligned, random contents): a variant may not rely on it being
 * cleared, nor use more of it than the contract grants. */
static uint16_t *scratch_of(ck_buf *b)
{
    return (uint16_t *)(void *)(b->data + ((uintptr_t)b->data & 1));
}

static void check_box_blur3(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                            enum gfx_isa level)
{
    (void)level;
    for (int it = 0; it < ck_iterations(); it++) {
        int w = pick_width(it, 480), h = pick_height(it);
        ptrdiff_t src_stride = pick_stride(3 * w), dst_stride = pick_stride(3 * w);
        ck_case("w=%d h=%d src_stride=%td dst_stride=%td", w, h, src_stride, dst_stride);
        exact_buf src = exact_new((size_t)(src_stride * (h - 1) + 3 * w));
        if (it % 4 == 0) /* also flat and saturated areas: every sum at its extremes */
            for (int y = 0; y < h; y++)
                memset(src.data + y * src_stride, it % 8 ? 255 : 0, 3 * (size_t)w);
        ck_buf original = ck_buf_new((size_t)(dst_stride * h));
        ck_buf expect = ck_buf_copy(&original), got = ck_buf_copy(&original);
        const size_t scratch_bytes = GFX_BOX_BLUR3_SCRATCH(w) * sizeof(uint16_t);
        ck_buf scratch_ref = ck_buf_new(scratch_bytes + 1), scratch = ck_buf_new(scratch_bytes + 1);
        ref->box_blur3(expect.data, dst_stride, src.data, src_stride, w, h,
                       scratch_of(&scratch_ref));
        isa->box_blur3(got.data, dst_stride, src.data, src_stride, w, h, scratch_of(&scratch));
        expect_output(&original, &expect, &got, dst_stride, 3 * w, h);
        ck_guards_ok(&scratch, "scratch");
        ck_buf_free(&original), ck_buf_free(&expect), ck_buf_free(&got);
        ck_buf_free(&scratch_ref), ck_buf_free(&scratch);
        free(src.base);
    }
}

static void check_upsample_add(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                               enum gfx_isa level)
{
    (void)level;
    for (int it = 0; it < ck_iterations(); it++) {
        int w = pick_width(it, 1920), h = pick_height(it);
        int sw = (w + 3) / 4, sh = (h + 3) / 4;
        ptrdiff_t stride = pick_stride(3 * w), small_stride = pick_stride(3 * sw);
        unsigned strength = (unsigned)pick_param(256);
        ck_case("w=%d h=%d stride=%td small_stride=%td strength_q8=%u", w, h, stride, small_stride,
                strength);
        exact_buf small = exact_new((size_t)(small_stride * (sh - 1) + 3 * sw));
        ck_buf original = ck_buf_new((size_t)(stride * h));
        ck_buf expect = ck_buf_copy(&original), got = ck_buf_copy(&original);
        ref->bloom_upsample4_add(expect.data, stride, w, h, small.data, small_stride, strength);
        isa->bloom_upsample4_add(got.data, stride, w, h, small.data, small_stride, strength);
        expect_output(&original, &expect, &got, stride, 3 * w, h);
        ck_buf_free(&original), ck_buf_free(&expect), ck_buf_free(&got);
        free(small.base);
    }
}

int main(int argc, char **argv)
{
    static const struct checkasm_test tests[] = {
        {"bloom_downsample4_threshold", GFX_K_BLOOM_DOWN, check_downsample},
        {"box_blur3", GFX_K_BOX_BLUR3, check_box_blur3},
        {"bloom_upsample4_add", GFX_K_BLOOM_UP, check_upsample_add},
    };
    return checkasm_main(argc, argv, tests, (int)(sizeof tests / sizeof tests[0]));
}
