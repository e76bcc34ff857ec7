/* checkasm harness: see checkasm.h. */
#include "checkasm.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define GUARD_BYTE 0xa5
#define GUARD_SIZE 64

static uint64_t rng_state;
static int iterations = 200;
static int failures_in_check;
static char case_text[256];
static const char *current_kernel = "";
static const char *current_isa = "";

/* --digest: FNV-1a of every output each variant wrote (and of the scalar
 * reference's on the same cases), so runs on two machines, e.g. NEON through
 * SIMDe on x86 and native on aarch64, can be compared byte for byte. */
static int digest_mode;
static uint64_t digest_got, digest_ref;

static uint64_t fnv1a(uint64_t h, const void *data, size_t n)
{
    const uint8_t *p = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

static uint64_t digest_image(uint64_t h, const uint8_t *px, ptrdiff_t stride, int width_bytes,
                             int height)
{
    int size[2] = {width_bytes, height};
    h = fnv1a(h, size, sizeof size);
    for (int y = 0; y < height; y++)
        h = fnv1a(h, px + y * stride, (size_t)width_bytes);
    return h;
}

uint32_t ck_rand(void)
{
    /* splitmix64: tiny, good enough, replayable */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (uint32_t)((z ^ (z >> 31)) >> 32);
}

int ck_rand_range(int lo, int hi)
{
    return lo + (int)(ck_rand() % (uint32_t)(hi - lo + 1));
}

void ck_fill(uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)ck_rand();
}

void ck_sprinkle_extremes(uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t r = ck_rand() % 16;
        if (r == 0)
            p[i] = 0;
        else if (r == 1)
            p[i] = 255;
    }
}

int ck_iterations(void)
{
    return iterations;
}

ck_buf ck_buf_new(size_t size)
{
    ck_buf b;
    size_t misalign = 1 + ck_rand() % 15; /* never vector aligned */
    b.guard = GUARD_SIZE + misalign;
    b.size = size;
    b.base = malloc(size + b.guard + GUARD_SIZE);
    if (!b.base) {
        fprintf(stderr, "checkasm: out of memory\n");
        exit(2);
    }
    memset(b.base, GUARD_BYTE, size + b.guard + GUARD_SIZE);
    b.data = b.base + b.guard;
    ck_fill(b.data, size);
    return b;
}

ck_buf ck_buf_copy(const ck_buf *src)
{
    ck_buf b = ck_buf_new(src->size);
    memcpy(b.data, src->data, src->size);
    return b;
}

void ck_buf_free(ck_buf *b)
{
    free(b->base);
    b->base = b->data = NULL;
}

void ck_fail(const char *fmt, ...)
{
    va_list ap;
    failures_in_check++;
    if (failures_in_check > 5)
        return; /* the first few say enough */
    fprintf(stderr, "  FAIL %s/%s [%s]: ", current_kernel, current_isa, case_text);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void ck_case(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(case_text, sizeof case_text, fmt, ap);
    va_end(ap);
}

int ck_guards_ok(const ck_buf *b, const char *what)
{
    for (size_t i = 0; i < b->guard; i++)
        if (b->base[i] != GUARD_BYTE) {
            ck_fail("%s: write %zu bytes before the buffer", what, b->guard - i);
            return 0;
        }
    for (size_t i = 0; i < GUARD_SIZE; i++)
        if (b->data[b->size + i] != GUARD_BYTE) {
            ck_fail("%s: write %zu bytes past the end", what, i);
            return 0;
        }
    return 1;
}

int ck_expect_image(const uint8_t *expect, const uint8_t *got, ptrdiff_t stride, int width_bytes,
                    int height, const char *what)
{
    if (digest_mode) {
        digest_ref = digest_image(digest_ref, expect, stride, width_bytes, height);
        digest_got = digest_image(digest_got, got, stride, width_bytes, height);
    }
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width_bytes; x++) {
            uint8_t e = expect[y * stride + x], g = got[y * stride + x];
            if (e != g) {
                ck_fail("%s differs at byte %d of row %d (in RGB24: pixel %d, channel %d): "
                        "expected %u, got %u",
                        what, x, y, x / 3, x % 3, e, g);
                return 0;
            }
        }
    return 1;
}

void ck_expect_row_slack_untouched(const uint8_t *before, const uint8_t *after, ptrdiff_t stride,
                                   int row_bytes, int height, size_t size, const char *what)
{
    for (int y = 0; y < height; y++)
        for (ptrdiff_t x = row_bytes; x < stride; x++) {
            size_t at = (size_t)y * (size_t)stride + (size_t)x;
            if (at < size && before[at] != after[at]) {
                ck_fail("%s: byte %td of row %d, past the row's %d bytes, was changed", what, x, y,
                        row_bytes);
                return;
            }
        }
}

/* --bench: every call of the scalar reference and of the variant under test
 * goes through a wrapper that times it, so each level reports ns per call
 * over the same random cases as its check, next to scalar's (the sizes are
 * the check's, from 1 pixel to 1080p: a smoke test, not a benchmark). */
enum { SLOT_REF, SLOT_ISA };
static struct gfx_kernels timed_real[2];
static uint64_t timed_ns[2], timed_calls[2];

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

#define TIMED(slot, field, params, args)                                                           \
    static void timed_##field##_##slot params                                                      \
    {                                                                                              \
        uint64_t t0 = now_ns();                                                                    \
        timed_real[slot].field args;                                                               \
        timed_ns[slot] += now_ns() - t0;                                                           \
        timed_calls[slot]++;                                                                       \
    }
#define TIMED_BOTH(field, params, args) TIMED(0, field, params, args) TIMED(1, field, params, args)

TIMED_BOTH(blit, (const gfx_blit_args *a), (a))
TIMED_BOTH(bloom_downsample4_threshold,
           (uint8_t * small, ptrdiff_t small_stride, const uint8_t *canvas, ptrdiff_t stride,
            int width, int height, uint8_t threshold),
           (small, small_stride, canvas, stride, width, height, threshold))
TIMED_BOTH(box_blur3,
           (uint8_t * dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
            int width, int height, uint16_t *scratch),
           (dst, dst_stride, src, src_stride, width, height, scratch))
TIMED_BOTH(bloom_upsample4_add,
           (uint8_t * canvas, ptrdiff_t stride, int width, int height, const uint8_t *small,
            ptrdiff_t small_stride, unsigned strength_q8),
           (canvas, stride, width, height, small, small_stride, strength_q8))
TIMED_BOTH(vignette,
           (uint8_t * canvas, ptrdiff_t stride, int width, int height, const uint8_t *mask,
            ptrdiff_t mask_stride),
           (canvas, stride, width, height, mask, mask_stride))
TIMED_BOTH(grain,
           (uint8_t * canvas, ptrdiff_t stride, int width, int height, uint32_t key, int amount),
           (canvas, stride, width, height, key, amount))
TIMED_BOTH(crt,
           (uint8_t * dst, ptrdiff_t dst_stride, const uint8_t *src, const uint32_t *table,
            int width, int height, const uint8_t *row_gain),
           (dst, dst_stride, src, table, width, height, row_gain))
TIMED_BOTH(rgb_to_yuv420p,
           (uint8_t * y, ptrdiff_t y_stride, uint8_t *u, uint8_t *v, ptrdiff_t uv_stride,
            const uint8_t *rgb, ptrdiff_t stride, int width, int height),
           (y, y_stride, u, v, uv_stride, rgb, stride, width, height))
TIMED_BOTH(blend,
           (uint8_t * dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
            int width, int height, enum gfx_blend_mode mode, unsigned opacity_q8),
           (dst, dst_stride, src, src_stride, width, height, mode, opacity_q8))
TIMED_BOTH(mask_mix,
           (uint8_t * dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
            const uint8_t *mask, ptrdiff_t mask_stride, int width, int height),
           (dst, dst_stride, src, src_stride, mask, mask_stride, width, height))

TIMED_BOTH(colour_matrix,
           (uint8_t * dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
            int width, int height, const gfx_colour_matrix *cm),
           (dst, dst_stride, src, src_stride, width, height, cm))
TIMED_BOTH(remap_affine,
           (uint8_t * dst, ptrdiff_t dst_stride, int dst_width, int dst_height, const uint8_t *src,
            ptrdiff_t src_stride, int src_width, int src_height, const gfx_affine_q16 *t),
           (dst, dst_stride, dst_width, dst_height, src, src_stride, src_width, src_height, t))
TIMED_BOTH(cell_stats, (const gfx_cell_stats_args *a), (a))
TIMED_BOTH(lut3,
           (uint8_t * dst, ptrdiff_t dst_stride, const uint8_t *src, ptrdiff_t src_stride,
            int width, int height, const gfx_lut3 *lut),
           (dst, dst_stride, src, src_stride, width, height, lut))
TIMED_BOTH(remap_table,
           (uint8_t * dst, ptrdiff_t dst_stride, const uint8_t *src, const uint32_t *table,
            int width, int height),
           (dst, dst_stride, src, table, width, height))

#define TIME_FIELD(k, field, slot) (k)->field = (slot) ? timed_##field##_1 : timed_##field##_0

/* Routes every kernel of k through the timing wrappers of `slot`. */
static void timed_table(struct gfx_kernels *k, int slot)
{
    timed_real[slot] = *k;
    timed_ns[slot] = timed_calls[slot] = 0;
    TIME_FIELD(k, blit, slot);
    TIME_FIELD(k, bloom_downsample4_threshold, slot);
    TIME_FIELD(k, box_blur3, slot);
    TIME_FIELD(k, bloom_upsample4_add, slot);
    TIME_FIELD(k, vignette, slot);
    TIME_FIELD(k, grain, slot);
    TIME_FIELD(k, crt, slot);
    TIME_FIELD(k, rgb_to_yuv420p, slot);
    TIME_FIELD(k, blend, slot);
    TIME_FIELD(k, mask_mix, slot);
    TIME_FIELD(k, colour_matrix, slot);
    TIME_FIELD(k, remap_affine, slot);
    TIME_FIELD(k, cell_stats, slot);
    TIME_FIELD(k, lut3, slot);
    TIME_FIELD(k, remap_table, slot);
}

/* Names the emulator this runs under, or NULL on the real thing: the
 * GLYPHFX_EMULATED environment variable (tools/test_aarch64.sh sets it), or
 * an aarch64 binary that sees no ARM CPU in /proc/cpuinfo (qemu-user passes
 * the host's through). */
static const char *emulator(void)
{
    const char *env = getenv("GLYPHFX_EMULATED");
    if (env && *env)
        return env;
#if defined(__aarch64__)
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return NULL;
    char line[256];
    int arm = 0;
    while (!arm && fgets(line, sizeof line, f))
        arm = strncmp(line, "CPU implementer", 15) == 0;
    fclose(f);
    return arm ? NULL : "qemu";
#else
    return NULL;
#endif
}

static void print_bench(const char *kernel, enum gfx_isa level)
{
    double isa = timed_calls[SLOT_ISA] ? (double)timed_ns[SLOT_ISA] / timed_calls[SLOT_ISA] : 0;
    double ref = timed_calls[SLOT_REF] ? (double)timed_ns[SLOT_REF] / timed_calls[SLOT_REF] : 0;
    printf("  bench %-28s %-7s %12.1f ns/call, scalar %12.1f (x%.2f) over %llu calls%s\n", kernel,
           gfx_isa_name(level), isa, ref, isa > 0 ? ref / isa : 0.0,
           (unsigned long long)timed_calls[SLOT_ISA],
#if !defined(__aarch64__) && !defined(__arm__)
           level == GFX_ISA_NEON ? " (NEON through SIMDe: means nothing)" :
#endif
                                 "");
}

static void usage(const char *prog)
{
    fprintf(stderr,
            "usage: %s [--seed N] [--isa LEVEL] [--function NAME] [--iterations N] [--digest] "
            "[--bench]\n",
            prog);
}

/* A crash in a variant (or in the reference it is compared with) jumps back
 * here and is a failure of the kernel, ISA and case that were running, as in
 * dav1d's checkasm; the run goes on with the next check. */
static sigjmp_buf crash_jump;
static volatile sig_atomic_t in_check;
static const int crash_signals[] = {SIGSEGV, SIGILL, SIGBUS, SIGFPE};

static void on_crash(int sig)
{
    if (in_check) {
        in_check = 0;
        siglongjmp(crash_jump, sig);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void trap_crashes(void)
{
    /* an own stack, so that a stack overflow is caught too */
    static uint8_t alt_stack[1 << 16];
    stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof alt_stack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++)
        sigaction(crash_signals[i], &sa, NULL);
}

static const char *signal_text(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV (bad memory access)";
    case SIGILL: return "SIGILL (illegal instruction)";
    case SIGBUS: return "SIGBUS (bus error)";
    case SIGFPE: return "SIGFPE (arithmetic exception)";
    default: return "a signal";
    }
}

static void run_check(const struct checkasm_test *test, const struct gfx_kernels *ref,
                      const struct gfx_kernels *k, enum gfx_isa level)
{
    int sig = sigsetjmp(crash_jump, 1);
    if (sig == 0) {
        in_check = 1;
        test->run(ref, k, level);
        in_check = 0;
    } else {
        ck_fail("crashed with %s", signal_text(sig));
    }
}

static void list_tests(FILE *out, const struct checkasm_test *tests, int count)
{
    for (int t = 0; t < count; t++)
        fprintf(out, "%s%s", t ? ", " : "", tests[t].name);
    fputc('\n', out);
}

static void list_levels(char *buf, size_t size, unsigned levels)
{
    buf[0] = 0;
    for (int i = GFX_ISA_SSE41; i < GFX_ISA_COUNT; i++)
        if (levels & (1u << i))
            snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", buf[0] ? " " : "",
                     gfx_isa_name((enum gfx_isa)i));
    if (!buf[0])
        snprintf(buf, size, "none");
}

int checkasm_main(int argc, char **argv, const struct checkasm_test *tests, int count)
{
    uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)clock() << 20);
    int only_isa = -1, seed_given = 0, bench = 0;
    const char *only_function = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
            seed = strtoull(argv[++i], NULL, 0);
            seed_given = 1;
        } else if (!strcmp(argv[i], "--digest")) {
            digest_mode = 1;
        } else if (!strcmp(argv[i], "--bench")) {
            bench = 1;
        } else if (!strcmp(argv[i], "--iterations") && i + 1 < argc) {
            iterations = atoi(argv[++i]);
        } else if (!strcmp(argv[i], "--function") && i + 1 < argc) {
            only_function = argv[++i];
        } else if (!strcmp(argv[i], "--isa") && i + 1 < argc) {
            only_isa = gfx_isa_parse(argv[++i]);
            if (only_isa < 0) {
                fprintf(stderr, "checkasm: --isa %s: expected scalar|sse41|avx2|avx512|neon\n",
                        argv[i]);
                return 2;
            }
        } else {
            usage(argv[0]);
            return 2;
        }
    }
    if (iterations < 1) {
        usage(argv[0]);
        return 2;
    }
    if (only_function) {
        int found = 0;
        for (int t = 0; t < count; t++)
            found |= !strcmp(tests[t].name, only_function);
        if (!found) {
            fprintf(stderr,
                    "checkasm: --function %s: no such test here; expected one of: ", only_function);
            list_tests(stderr, tests, count);
            return 2;
        }
    }
    unsigned avail = gfx_isa_available();
    if (only_isa == GFX_ISA_SCALAR) {
        printf("checkasm: skipped: scalar is the reference the other levels are compared with; "
               "nothing to check\n");
        return CHECKASM_SKIP;
    }
    if (only_isa >= 0 && !(avail & (1u << only_isa))) {
        char levels[64];
        list_levels(levels, sizeof levels, avail);
        printf("checkasm: skipped: --isa %s is not available on this CPU and build "
               "(available: %s)\n",
               gfx_isa_name((enum gfx_isa)only_isa), levels);
        return CHECKASM_SKIP;
    }
    if (digest_mode && !seed_given)
        seed = 1; /* digests compare between runs only on the same cases */
    printf("checkasm: seed %llu (replay with --seed %llu)\n", (unsigned long long)seed,
           (unsigned long long)seed);
    /* what the process-wide table (GLYPHFX_ISA, or the best level) holds */
    printf("checkasm: dispatch: %s\n",
           gfx_isa_name(gfx_kernels_get()->isa_used[count > 0 ? tests[0].kernel : 0]));
    const char *emulated = bench ? emulator() : NULL;
    if (emulated)
        printf("checkasm: bench: emulated (%s): timings mean nothing\n", emulated);
    trap_crashes();

    struct gfx_kernels ref;
    gfx_kernels_init(&ref, GFX_ISA_SCALAR);
    int passed = 0, failed = 0, missing = 0;
    for (int level = GFX_ISA_SSE41; level < GFX_ISA_COUNT; level++) {
        if (!(avail & (1u << level)) || (only_isa >= 0 && only_isa != level))
            continue;
        struct gfx_kernels k;
        gfx_kernels_init(&k, (enum gfx_isa)level);
        for (int t = 0; t < count; t++) {
            if (only_function && strcmp(tests[t].name, only_function))
                continue;
            current_kernel = tests[t].name;
            current_isa = gfx_isa_name((enum gfx_isa)level);
            case_text[0] = 0;
            failures_in_check = 0;
            enum gfx_isa used = k.isa_used[tests[t].kernel];
            if (used != (enum gfx_isa)level) {
                /* dispatch falls back to the best variant below: nothing
                 * new to compare at this level, but say so */
                printf("  %-28s %-7s no variant (dispatch uses %s)\n", current_kernel, current_isa,
                       gfx_isa_name(used));
                missing++;
                continue;
            }
            /* each check starts from a seed derived from the run's, so a
             * single --isa or --function replay sees the same cases */
            rng_state = seed ^ ((uint64_t)(t + 1) << 40);
            digest_got = digest_ref = 0xcbf29ce484222325ULL;
            if (bench) {
                struct gfx_kernels timed_ref = ref, timed_isa = k;
                timed_table(&timed_ref, SLOT_REF);
                timed_table(&timed_isa, SLOT_ISA);
                run_check(&tests[t], &timed_ref, &timed_isa, (enum gfx_isa)level);
            } else {
                run_check(&tests[t], &ref, &k, (enum gfx_isa)level);
            }
            printf("  %-28s %-7s %s\n", current_kernel, current_isa,
                   failures_in_check ? "FAILED" : "ok");
            if (digest_mode)
                printf("  digest %s %s %016llx (scalar on the same cases: %016llx)\n",
                       current_kernel, current_isa, (unsigned long long)digest_got,
                       (unsigned long long)digest_ref);
            if (bench)
                print_bench(current_kernel, (enum gfx_isa)level);
            if (failures_in_check)
                failed++;
            else
                passed++;
        }
    }
    printf("%d passed, %d failed", passed, failed);
    if (missing)
        printf(", %d without a variant at their level (not a failure)", missing);
    printf("\n");
    if (passed + failed == 0) {
        char levels[64];
        list_levels(levels, sizeof levels, avail);
        printf("checkasm: skipped: nothing ran (levels available beyond scalar: %s)\n", levels);
        return CHECKASM_SKIP;
    }
    return failed ? 1 : 0;
}

void ck_pick_rgb_size(int *width, int *height)
{
    uint32_t r = ck_rand() % 32;
    if (r == 0) { /* full-size rows */
        *width = ck_rand_range(1000, 1920);
        *height = ck_rand_range(1, 12);
    } else if (r == 1) { /* a larger frame, rarely */
        *width = ck_rand_range(600, 1920);
        *height = ck_rand_range(100, 360);
    } else { /* every tail of every vector width */
        *width = ck_rand_range(1, 130);
        *height = ck_rand_range(1, 6);
    }
}

size_t ck_image_bytes(ptrdiff_t stride, int row_bytes, int height)
{
    return (size_t)stride * (size_t)(height - 1) + (size_t)row_bytes;
}

size_t ck_pick_image_bytes(ptrdiff_t stride, int row_bytes, int height)
{
    if (ck_rand() & 1)
        return (size_t)stride * (size_t)height;
    return ck_image_bytes(stride, row_bytes, height);
}

void *ck_alloc(size_t size)
{
    void *p = malloc(size);
    if (!p) {
        fprintf(stderr, "checkasm: out of memory\n");
        exit(2);
    }
    return p;
}

ck_rgb_pass ck_pick_rgb_pass(int width, int height, int in_place)
{
    ck_rgb_pass p = {.width = width, .height = height, .in_place = in_place};
    p.dst_stride = 3 * (ptrdiff_t)width + ck_rand_range(0, 70);
    p.src_stride = in_place ? p.dst_stride : 3 * (ptrdiff_t)width + ck_rand_range(0, 70);
    p.dst_size = ck_pick_image_bytes(p.dst_stride, 3 * width, height);
    p.src_size = in_place ? ck_image_bytes(p.src_stride, 3 * width, height)
                          : ck_pick_image_bytes(p.src_stride, 3 * width, height);
    return p;
}

void ck_check_rgb_pass(const ck_rgb_pass *p, const struct gfx_kernels *ref,
                       const struct gfx_kernels *isa, ck_rgb_pass_fn run, const void *arg,
                       void (*fill)(uint8_t *p, size_t n))
{
    const int width = p->width, height = p->height;
    ck_buf dst = ck_buf_new(p->dst_size), src = ck_buf_new(p->src_size);
    fill(dst.data, p->dst_size);
    fill(src.data, p->src_size);
    ck_buf expect = ck_buf_copy(&dst), got = ck_buf_copy(&dst), src_before = ck_buf_copy(&src);
    if (p->in_place) {
        run(ref, expect.data, p->dst_stride, expect.data, p->dst_stride, width, height, arg);
        run(isa, got.data, p->dst_stride, got.data, p->dst_stride, width, height, arg);
    } else {
        run(ref, expect.data, p->dst_stride, src.data, p->src_stride, width, height, arg);
        run(isa, got.data, p->dst_stride, src.data, p->src_stride, width, height, arg);
        ck_expect_image(src_before.data, src.data, p->src_stride, 3 * width, height,
                        "src (read only)");
        ck_guards_ok(&src, "src");
    }
    ck_expect_image(expect.data, got.data, p->dst_stride, 3 * width, height, "dst");
    ck_expect_row_slack_untouched(dst.data, got.data, p->dst_stride, 3 * width, height, p->dst_size,
                                  "dst");
    ck_guards_ok(&got, "dst");
    ck_buf_free(&dst), ck_buf_free(&src), ck_buf_free(&expect), ck_buf_free(&got);
    ck_buf_free(&src_before);
}
