/* checkasm-style harness (after dav1d's tests/checkasm): every variant of a
 * kernel runs on random inputs of random sizes and is compared byte for byte
 * with the scalar reference, with guard bytes around every output.
 *
 * A test file supplies one function per kernel and calls checkasm_main:
 *
 *   static void check_vignette(const struct gfx_kernels *ref,
 *                              const struct gfx_kernels *isa, enum gfx_isa level)
 *   { ... for many random cases: ck_* to build inputs; call ref and isa on
 *         copies; ck_expect_equal(...); ck_guards_ok(...) ... }
 *   int main(int argc, char **argv) {
 *       static const struct checkasm_test tests[] = {{"vignette", GFX_K_VIGNETTE, check_vignette}};
 *       return checkasm_main(argc, argv, tests, 1);
 *   }
 *
 * Options: --seed N replays a run (the seed is printed first);
 *          --isa LEVEL tests only that level; --function NAME only that
 *          test (an unknown name is an error listing the choices);
 *          --iterations N (default 200); --digest prints a hash of each
 *          variant's outputs (seed 1 unless given), to compare two
 *          machines; --bench prints ns per call of each variant and of
 *          scalar over the check's cases, and says when the timings are
 *          emulated (qemu, or NEON through SIMDe).
 * Every ISA level this CPU and build have is tested. A kernel with no
 * variant at a level is not a failure: dispatch falls back to the best
 * variant below it (gfx_kernels_init), which its own level already checked,
 * and the run prints "no variant (dispatch uses LEVEL)" for it.
 * A crash (SIGSEGV, SIGILL, SIGBUS, SIGFPE) during a check is a failure
 * naming the kernel, ISA and case; the run goes on with the next check.
 * Exit status: 0 all passed, 1 a failure, 2 bad usage, CHECKASM_SKIP (77,
 * ctest's SKIP_RETURN_CODE) when --isa names a level this CPU or build
 * lacks, or nothing ran; a line on stdout says why.
 */
#ifndef CHECKASM_H
#define CHECKASM_H

#include <stddef.h>
#include <stdint.h>

#include "gfx_kernels.h"

typedef void (*checkasm_fn)(const struct gfx_kernels *ref, const struct gfx_kernels *isa,
                            enum gfx_isa level);
struct checkasm_test {
    const char *name;
    enum gfx_kernel_id kernel; /* the table entry whose variant is checked */
    checkasm_fn run;
};

#define CHECKASM_SKIP 77

int checkasm_main(int argc, char **argv, const struct checkasm_test *tests, int count);

/* Number of random cases each check should run. */
int ck_iterations(void);

/* Deterministic random numbers from the run's seed. */
uint32_t ck_rand(void);
int ck_rand_range(int lo, int hi); /* inclusive */
void ck_fill(uint8_t *p, size_t n);
/* Sets about one byte in 8 to 0 or 255, the ends where saturation and
 * rounding go wrong first. */
void ck_sprinkle_extremes(uint8_t *p, size_t n);

/* A buffer whose `size` usable bytes start at an odd offset (unaligned) and
 * are surrounded by guard bytes. */
typedef struct ck_buf {
    uint8_t *data; /* usable region */
    size_t size;
    uint8_t *base;
    size_t guard;
} ck_buf;
ck_buf ck_buf_new(size_t size);
ck_buf ck_buf_copy(const ck_buf *src); /* same size, same contents, fresh guards */
void ck_buf_free(ck_buf *b);
/* Returns 1 if the guards are intact; otherwise records a failure. */
int ck_guards_ok(const ck_buf *b, const char *what);

/* Compares two images row by row (only width_bytes of each row, the rest of
 * the stride may legitimately differ); on mismatch records a failure naming
 * the first differing (x byte, y) and the case description. */
int ck_expect_image(const uint8_t *expect, const uint8_t *got, ptrdiff_t stride, int width_bytes,
                    int height, const char *what);
/* The bytes of each row between row_bytes and the stride (within the
 * buffer's `size`) belong to someone else: records a failure if any differs
 * between `before` and `after`. */
void ck_expect_row_slack_untouched(const uint8_t *before, const uint8_t *after, ptrdiff_t stride,
                                   int row_bytes, int height, size_t size, const char *what);

/* Records a failure with a printf-style message; the current kernel/ISA and
 * case are prefixed. Used by the checks for anything else that must hold. */
void ck_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The description of the current case, printed with any failure. */
void ck_case(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Sizes for an RGB pass: now and then full-size rows or a larger frame,
 * mostly every tail of every vector width. */
void ck_pick_rgb_size(int *width, int *height);
/* The bytes of `height` rows of `row_bytes` at `stride`, ending right after
 * the last pixel. */
size_t ck_image_bytes(ptrdiff_t stride, int row_bytes, int height);
/* Half the time ck_image_bytes, half the time whole strides. */
size_t ck_pick_image_bytes(ptrdiff_t stride, int row_bytes, int height);
/* malloc, or exit 2 after a line on stderr. */
void *ck_alloc(size_t size);

/* One case of an RGB pass from src to dst (dst == src in place, the same
 * stride), random strides and buffer sizes: ck_pick_rgb_pass draws them
 * (the check then names its case), ck_check_rgb_pass fills the buffers with
 * `fill`, runs `run` with the reference's and the variant's kernels, and
 * checks the output, the bytes around it and the source. */
typedef struct ck_rgb_pass {
    int width, height, in_place;
    ptrdiff_t dst_stride, src_stride;
    size_t dst_size, src_size;
} ck_rgb_pass;
typedef void (*ck_rgb_pass_fn)(const struct gfx_kernels *k, uint8_t *dst, ptrdiff_t dst_stride,
                               const uint8_t *src, ptrdiff_t src_stride, int width, int height,
                               const void *arg);
ck_rgb_pass ck_pick_rgb_pass(int width, int height, int in_place);
void ck_check_rgb_pass(const ck_rgb_pass *p, const struct gfx_kernels *ref,
                       const struct gfx_kernels *isa, ck_rgb_pass_fn run, const void *arg,
                       void (*fill)(uint8_t *p, size_t n));

#endif
