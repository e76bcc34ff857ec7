/* `glyphfx tune`'s measuring: every variant of every kernel at every profile
 * size, on the benchmarks' frame fixture (probe/frame_fixture.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frame_fixture.h"
#include "machine.h"
#include "profile.h"
#include "tune.h"

/* the fixture's bloom settings (frame_fixture.c) */
#define TUNE_BLOOM_THRESHOLD 100
#define TUNE_BLOOM_STRENGTH_Q8 160
/* a timed sample is a batch of calls at least this long */
#define TUNE_MIN_SAMPLE_S 0.5e-3
#define TUNE_MAX_BATCH 4096

typedef void (*tune_call)(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i);

static void call_blit(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    gfx_fixture_blit(f, k);
}
static void call_bloom_down(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    k->bloom_downsample4_threshold(f->small.px, f->small.stride, f->canvas.px, f->canvas.stride,
                                   f->width, f->height, TUNE_BLOOM_THRESHOLD);
}
static void call_box_blur3(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    k->box_blur3(f->small_tmp.px, f->small_tmp.stride, f->small.px, f->small.stride, f->small.width,
                 f->small.height, f->blur_scratch);
}
static void call_bloom_up(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    k->bloom_upsample4_add(f->canvas.px, f->canvas.stride, f->width, f->height, f->small.px,
                           f->small.stride, TUNE_BLOOM_STRENGTH_Q8);
}
static void call_vignette(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    gfx_fixture_vignette(f, k);
}
static void call_grain(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    gfx_fixture_grain(f, k, i);
}
static void call_crt(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    gfx_fixture_crt(f, k);
}
static void call_yuv420p(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    gfx_fixture_yuv420p(f, k, &f->canvas);
}
static void call_rgba(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    gfx_fixture_rgba(f, k);
}

static void call_cell_stats(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    gfx_fixture_cell_stats(f, k);
}
static void call_blend(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    gfx_fixture_blend(f, k, GFX_BLEND_SCREEN, 192);
}
static void call_mask_mix(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    gfx_fixture_mask_mix(f, k);
}

/* The PNG kernels over the frame: each row filtered (into one row's worth of
 * output, the profiles are at most 8K wide), and the checksums over it all. */
static uint8_t filtered_row[3 * 8192 + 1];
static void call_png_filter(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    const uint8_t *prev = f->canvas.px;
    for (int y = 0; y < f->height && 3 * f->width < (int)sizeof filtered_row; y++) {
        const uint8_t *row = f->canvas.px + (ptrdiff_t)y * f->canvas.stride;
        k->png_filter(filtered_row, row, prev, f->width, 3);
        prev = row;
    }
}
static uint32_t checksum_sink; /* keeps the checksums from being optimized away */
static void call_crc32(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    checksum_sink ^= k->crc32(0, f->canvas.px, (size_t)f->canvas.stride * f->height);
}
static void call_adler32(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    checksum_sink ^= k->adler32(1, f->canvas.px, (size_t)f->canvas.stride * f->height);
}

static void call_colour_matrix(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    gfx_fixture_colour_matrix(f, k);
}
static void call_remap_affine(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    gfx_fixture_remap(f, k, GFX_FEEDBACK_ROTATE_CW, 0.005f);
}

static void call_lut3(gfx_frame_fixture *f, const struct gfx_kernels *k, uint32_t i)
{
    (void)i;
    gfx_fixture_lut3(f, k);
}

static const tune_call calls[GFX_K_COUNT] = {
    [GFX_K_BLIT] = call_blit,
    [GFX_K_BLOOM_DOWN] = call_bloom_down,
    [GFX_K_BOX_BLUR3] = call_box_blur3,
    [GFX_K_BLOOM_UP] = call_bloom_up,
    [GFX_K_VIGNETTE] = call_vignette,
    [GFX_K_GRAIN] = call_grain,
    [GFX_K_CRT] = call_crt,
    [GFX_K_YUV420P] = call_yuv420p,
    [GFX_K_PNG_FILTER] = call_png_filter,
    [GFX_K_CRC32] = call_crc32,
    [GFX_K_ADLER32] = call_adler32,
    [GFX_K_BLEND] = call_blend,
    [GFX_K_MASK_MIX] = call_mask_mix,
    [GFX_K_COLOUR_MATRIX] = call_colour_matrix,
    [GFX_K_REMAP_AFFINE] = call_remap_affine,
    [GFX_K_RGBA_UNPREMULTIPLY] = call_rgba,
    [GFX_K_CELL_STATS] = call_cell_stats,
    [GFX_K_LUT3] = call_lut3,
};

/* Thread CPU time, as the benchmarks count it: a shared machine's
 * descheduling is not charged to the kernel. */
static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Which levels are timed; the others get a reason in w->skipped. */
static unsigned levels_to_time(gfx_wisdom *w)
{
    unsigned timed = 0, built = gfx_isa_built(), cpu = gfx_isa_cpu();
    for (int i = 0; i < GFX_ISA_COUNT; i++) {
        const char *why = NULL;
        if (!(built & (1u << i)))
            why = "not built into this glyphfx";
        else if (!(cpu & (1u << i)))
            why = "this CPU lacks it";
#if !defined(__aarch64__)
        else if (i == GFX_ISA_NEON)
            why = "emulated through SIMDe on this CPU: its timings mean nothing";
#endif
        if (why)
            snprintf(w->skipped[i], sizeof w->skipped[i], "%s", why);
        else
            timed |= 1u << i;
    }
    return timed;
}

/* One kernel at one size: each level's median ms per call, sampled round by
 * round across the levels. */
static void time_kernel(gfx_wisdom_size *s, gfx_frame_fixture *f, const uint8_t *pristine,
                        enum gfx_kernel_id id, const struct gfx_kernels tables[GFX_ISA_COUNT],
                        unsigned timed, const gfx_tune_options *opt, double *samples)
{
    int reps[GFX_ISA_COUNT] = {0};
    uint32_t iteration = 0;
    memcpy(f->canvas.px, pristine, gfx_image_bytes(&f->canvas));
    for (int isa = 0; isa < GFX_ISA_COUNT; isa++) {
        /* a level whose table falls back for this kernel has no variant of its own */
        if (!(timed & (1u << isa)) || tables[isa].isa_used[id] != (enum gfx_isa)isa)
            continue;
        for (int w = 0; w < opt->warmup; w++)
            calls[id](f, &tables[isa], iteration++);
        double t0 = cpu_s();
        calls[id](f, &tables[isa], iteration++);
        double one = cpu_s() - t0;
        reps[isa] = one > 0 ? (int)(TUNE_MIN_SAMPLE_S / one) + 1 : TUNE_MAX_BATCH;
        if (reps[isa] > TUNE_MAX_BATCH)
            reps[isa] = TUNE_MAX_BATCH;
    }
    for (int run = 0; run < opt->runs; run++)
        for (int isa = 0; isa < GFX_ISA_COUNT; isa++) {
            if (!reps[isa])
                continue;
            double t0 = cpu_s();
            for (int r = 0; r < reps[isa]; r++)
                calls[id](f, &tables[isa], iteration++);
            samples[isa * opt->runs + run] = (cpu_s() - t0) / reps[isa];
        }
    double best_ms = 0;
    for (int isa = 0; isa < GFX_ISA_COUNT; isa++) {
        if (!reps[isa])
            continue;
        double *mine = samples + isa * opt->runs;
        qsort(mine, (size_t)opt->runs, sizeof *mine, cmp_double);
        double median = opt->runs % 2 ? mine[opt->runs / 2]
                                      : (mine[opt->runs / 2 - 1] + mine[opt->runs / 2]) / 2;
        s->ms[id][isa] = median * 1e3 > 1e-6 ? median * 1e3 : 1e-6;
        if (s->best[id] < 0 || s->ms[id][isa] < best_ms)
            s->best[id] = (signed char)isa, best_ms = s->ms[id][isa];
    }
}

static gfx_status tune_size(gfx_wisdom_size *s, const gfx_profile *p, unsigned timed,
                            const gfx_tune_options *opt, char *err, size_t err_size)
{
    memset(s, 0, sizeof *s);
    memset(s->best, -1, sizeof s->best);
    snprintf(s->profile, sizeof s->profile, "%s", p->name);
    s->width = p->width, s->height = p->height;
    gfx_frame_fixture f;
    if (gfx_frame_fixture_init(&f, p->width, p->height, 1))
        return gfx_fail(err, err_size, GFX_FAILED,
                        "tune: could not build the %dx%d frame fixture (font or memory)", p->width,
                        p->height);
    size_t bytes = gfx_image_bytes(&f.canvas);
    uint8_t *pristine = malloc(bytes);
    double *samples = calloc((size_t)GFX_ISA_COUNT * (size_t)opt->runs, sizeof *samples);
    if (!pristine || !samples) {
        free(pristine), free(samples);
        gfx_frame_fixture_free(&f);
        return gfx_fail(err, err_size, GFX_FAILED, "tune: out of memory at %dx%d", p->width,
                        p->height);
    }
    memcpy(pristine, f.canvas.px, bytes);
    struct gfx_kernels tables[GFX_ISA_COUNT];
    for (int isa = 0; isa < GFX_ISA_COUNT; isa++)
        if (timed & (1u << isa))
            gfx_kernels_init(&tables[isa], (enum gfx_isa)isa);
    /* in kernel order: bloom's downsample fills the small image the blur reads */
    for (int id = 0; id < GFX_K_COUNT; id++)
        time_kernel(s, &f, pristine, (enum gfx_kernel_id)id, tables, timed, opt, samples);
    free(samples);
    free(pristine);
    gfx_frame_fixture_free(&f);
    return GFX_OK;
}

gfx_status gfx_tune_run(gfx_wisdom *w, const gfx_tune_options *opt, char *err, size_t err_size)
{
    memset(w, 0, sizeof *w);
    if (opt->runs < 1 || opt->warmup < 0)
        return gfx_fail(err, err_size, GFX_FAILED, "tune: runs must be at least 1");
    gfx_machine m;
    gfx_machine_probe_cpu(&m);
    snprintf(w->cpu_model, sizeof w->cpu_model, "%s", m.cpu_model);
    snprintf(w->cpu_flags, sizeof w->cpu_flags, "%s", m.cpu_flags);
    snprintf(w->arch, sizeof w->arch, "%s", m.arch);
    snprintf(w->version, sizeof w->version, "%s", GLYPHFX_VERSION);
    snprintf(w->commit, sizeof w->commit, "%s", opt->commit ? opt->commit : "unknown");
    time_t now = time(NULL);
    strftime(w->date, sizeof w->date, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    w->isa_available = m.isa_available;
    w->runs = opt->runs;
    w->quick = opt->quick;
    unsigned timed = levels_to_time(w);
    for (int i = 0; i < GFX_PROFILES && i < GFX_WISDOM_MAX_SIZES; i++) {
        const gfx_profile *p = gfx_profile_at(i);
        double t0 = cpu_s();
        gfx_status st = tune_size(&w->sizes[i], p, timed, opt, err, err_size);
        if (st)
            return st;
        w->n_sizes++;
        if (opt->progress) {
            char line[512];
            int n = snprintf(line, sizeof line, "%s %dx%d (%.1f s):", p->name, p->width, p->height,
                             cpu_s() - t0);
            for (int id = 0; id < GFX_K_COUNT && n < (int)sizeof line; id++)
                n += snprintf(line + n, sizeof line - (size_t)n, " %s %s",
                              gfx_kernel_name((enum gfx_kernel_id)id),
                              gfx_isa_name((enum gfx_isa)w->sizes[i].best[id]));
            opt->progress(opt->ctx, line);
        }
    }
    return GFX_OK;
}
