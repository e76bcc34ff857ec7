/* glyphfx bench --ab OTHER: times the same benchmarks from this build and
 * another one, interleaved (per benchmark and round, one process each,
 * the order alternating AB, BA, ...), and reports each stage's change with
 * a 95% confidence interval of the per-round ratios and a Mann-Whitney U
 * test; a stage is flagged when p < alpha and the change exceeds the
 * threshold. Both builds meet the same machine state, so a shared, noisy
 * runner judges a 10% change where run-to-baseline comparisons cannot. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_modes.h"
#include "bench_results.h"
#include "bench_stats.h"
#include "gfx_kernels.h"

#define MAX_ROUNDS 100
#define DEFAULT_STAGES "blit,bloom,vignette,grain,crt,rgb_to_yuv420p"

typedef struct ab_options {
    const char *other, *stages, *isas, *sizes;
    int rounds, repetitions;
    double min_time, threshold, alpha;
} ab_options;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: glyphfx bench --ab OTHER_BUILD_DIR [--stage LIST] [--isa LIST] [--size LIST]\n"
            "                     [--rounds N] [--threshold PCT] [--alpha P]\n"
            "Times each benchmark from this build (new) and OTHER's glyphfx_bench (old) in\n"
            "alternating processes, N rounds, and prints per stage the change new/old - 1 (the\n"
            "geometric mean of the rounds' ratios) with its 95%% t-interval and the two-sided\n"
            "Mann-Whitney U p-value of the two samples. Flagged: p < alpha and |change| >\n"
            "threshold. Exit 1 when a stage is flagged slower.\n"
            "  --stage LIST      stages (default " DEFAULT_STAGES ")\n"
            "  --isa LIST        levels (default: this CPU's best)\n"
            "  --size LIST       sizes (default 1080p)\n"
            "  --rounds N        rounds (default 20)\n"
            "  --repetitions R   repetitions per process, the fastest kept (default 3)\n"
            "  --min-time S      seconds per repetition (default 0.05)\n"
            "  --threshold PCT   the least change flagged (default 5)\n"
            "  --alpha P         the largest p flagged (default 0.05)\n");
}

static int parse(int argc, char **argv, ab_options *o)
{
    *o = (ab_options){
        .rounds = 20, .repetitions = 3, .min_time = 0.05, .threshold = 0.05, .alpha = 0.05};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 1;
        }
        static const struct {
            const char *name;
            double lo, hi;
        } nums[] = {{"--rounds", 2, MAX_ROUNDS},
                    {"--repetitions", 1, 100},
                    {"--min-time", 0.001, 60},
                    {"--threshold", 0, 1000},
                    {"--alpha", 0, 1}};
        const char **target = !strcmp(a, "--ab")      ? &o->other
                              : !strcmp(a, "--stage") ? &o->stages
                              : !strcmp(a, "--isa")   ? &o->isas
                              : !strcmp(a, "--size")  ? &o->sizes
                                                      : NULL;
        int num = -1;
        for (int k = 0; k < 5; k++)
            if (!strcmp(a, nums[k].name))
                num = k;
        if ((target || num >= 0) && !v) {
            fprintf(stderr, "glyphfx bench --ab: %s needs a value\n", a);
            return 2;
        }
        if (target) {
            *target = argv[++i];
            continue;
        }
        if (num < 0) {
            fprintf(stderr, "glyphfx bench --ab: unknown option '%s' (glyphfx bench --ab --help)\n",
                    a);
            return 2;
        }
        char *end;
        double x = strtod(v, &end);
        if (end == v || *end || x < nums[num].lo || x > nums[num].hi) {
            fprintf(stderr, "glyphfx bench --ab: %s %s: expected a number from %g to %g\n", a, v,
                    nums[num].lo, nums[num].hi);
            return 2;
        }
        i++;
        switch (num) {
        case 0: o->rounds = (int)x; break;
        case 1: o->repetitions = (int)x; break;
        case 2: o->min_time = x; break;
        case 3: o->threshold = x / 100; break;
        default: o->alpha = x; break;
        }
    }
    return 0;
}

/* One process of `binary` timing exactly `name`: the fastest repetition's
 * CPU ms per frame, or -1. */
static double time_once(const char *binary, const char *name, const ab_options *o, const char *json)
{
    char *filter = malloc(strlen(name) + 32);
    char out_arg[PATH_MAX + 32], reps[32], mt[64], err[1024];
    if (!filter)
        return -1;
    sprintf(filter, "--benchmark_filter=^%s$", name);
    snprintf(out_arg, sizeof out_arg, "--benchmark_out=%s", json);
    snprintf(reps, sizeof reps, "--benchmark_repetitions=%d", o->repetitions);
    snprintf(mt, sizeof mt, "--benchmark_min_time=%g", o->min_time);
    char *argv[] = {(char *)binary, filter, out_arg, "--benchmark_out_format=json", reps, mt, NULL};
    int pid = gfx_spawn(argv, "/dev/null");
    free(filter);
    gfx_bench_results r;
    if (pid < 0 || gfx_wait(pid) || gfx_bench_results_load(&r, json, err, sizeof err)) {
        fprintf(stderr, "glyphfx bench --ab: %s %s failed\n", binary, name);
        return -1;
    }
    const gfx_bench_entry *e = gfx_bench_results_find(&r, name);
    double ms = e && !e->skipped ? e->min_ms : -1;
    if (e && e->skipped)
        fprintf(stderr, "glyphfx bench --ab: %s: %s\n", name, e->error ? e->error : "skipped");
    gfx_bench_results_free(&r);
    return ms;
}

static double median(const double *v, int n)
{
    double *s = malloc((size_t)n * sizeof *s);
    if (!s)
        return 0;
    memcpy(s, v, (size_t)n * sizeof *s);
    for (int i = 1; i < n; i++) /* insertion sort: n is a few rounds */
        for (int j = i; j > 0 && s[j - 1] > s[j]; j--) {
            double t = s[j];
            s[j] = s[j - 1], s[j - 1] = t;
        }
    double m = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    free(s);
    return m;
}

int cmd_bench_ab(int argc, char **argv)
{
    ab_options o;
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc == 1 ? 0 : rc;
    if (!o.other) {
        fprintf(stderr, "glyphfx bench --ab: expected another build directory after --ab\n");
        return 2;
    }
    char mine[PATH_MAX], other[PATH_MAX];
    if (gfx_bench_binary_at(NULL, mine, sizeof mine) ||
        gfx_bench_binary_at(o.other, other, sizeof other))
        return 2;
    gfx_name_list names_a, names_b, chosen = {0};
    if (gfx_name_list_read(mine, &names_a))
        return 1;
    if (gfx_name_list_read(other, &names_b)) {
        gfx_name_list_free(&names_a);
        return 1;
    }
    const char *stages = o.stages ? o.stages : DEFAULT_STAGES;
    const char *isas = o.isas ? o.isas : gfx_isa_name(gfx_isa_best());
    const char *sizes = o.sizes ? o.sizes : "1080p";
    for (int i = 0; i < names_a.n; i++) {
        char stage[64], isa[64], size[64];
        gfx_bench_name_split(names_a.names[i], stage, isa, size, sizeof stage);
        if (!gfx_in_list(stages, stage) || !gfx_in_list(isas, isa) || !gfx_in_list(sizes, size))
            continue;
        int in_b = 0;
        for (int j = 0; j < names_b.n && !in_b; j++)
            in_b = !strcmp(names_b.names[j], names_a.names[i]);
        if (!in_b)
            printf("%s: not in %s, not compared\n", names_a.names[i], other);
        else if (gfx_name_list_add(&chosen, names_a.names[i]))
            break;
    }
    gfx_name_list_free(&names_a);
    gfx_name_list_free(&names_b);
    if (chosen.n == 0) {
        fprintf(stderr,
                "glyphfx bench --ab: no benchmark in both builds matches (stages %s, isa %s, size "
                "%s)\n",
                stages, isas, sizes);
        return 2;
    }
    char json[PATH_MAX];
    snprintf(json, sizeof json, "%s/glyphfx-ab-%ld.json",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    double *a = calloc((size_t)chosen.n * o.rounds, sizeof *a);
    double *b = calloc((size_t)chosen.n * o.rounds, sizeof *b);
    rc = !a || !b;
    fprintf(stderr, "glyphfx bench --ab: %d benchmarks x %d rounds, this build against %s\n",
            chosen.n, o.rounds, other);
    for (int r = 0; r < o.rounds && !rc; r++)
        for (int i = 0; i < chosen.n && !rc; i++) {
            double *ta = &a[i * o.rounds + r], *tb = &b[i * o.rounds + r];
            for (int k = 0; k < 2 && !rc; k++) { /* AB on even rounds, BA on odd */
                int first_a = (r % 2 == 0) == (k == 0);
                double t = time_once(first_a ? mine : other, chosen.names[i], &o, json);
                *(first_a ? ta : tb) = t;
                rc = t <= 0;
            }
        }
    unlink(json);
    int slower = 0, faster = 0;
    if (!rc) {
        printf("new: %s\nold: %s\n%d rounds, alternating; per process the fastest of %d "
               "repetitions (CPU time)\n",
               mine, other, o.rounds, o.repetitions);
        printf("%-32s %9s %9s %8s %19s %9s  %s\n", "benchmark", "old ms", "new ms", "change",
               "95% interval", "U test p", "verdict");
        for (int i = 0; i < chosen.n; i++) {
            const double *ta = &a[i * o.rounds], *tb = &b[i * o.rounds];
            double ratio, lo, hi;
            gfx_paired_ratio_ci(ta, tb, o.rounds, &ratio, &lo, &hi);
            gfx_mwu u = gfx_mann_whitney(ta, o.rounds, tb, o.rounds);
            int flagged = u.p < o.alpha && fabs(ratio - 1) > o.threshold;
            slower += flagged && ratio > 1;
            faster += flagged && ratio < 1;
            printf("%-32s %9.4f %9.4f %+7.1f%% [%+6.1f%%, %+6.1f%%] %9.4f  %s\n", chosen.names[i],
                   median(tb, o.rounds), median(ta, o.rounds), 100 * (ratio - 1), 100 * (lo - 1),
                   100 * (hi - 1), u.p,
                   !flagged    ? "same"
                   : ratio > 1 ? "SLOWER"
                               : "FASTER");
        }
        printf("%d slower, %d faster, %d the same (flagged: p < %g and |change| > %g%%)\n", slower,
               faster, chosen.n - slower - faster, o.alpha, 100 * o.threshold);
    }
    free(a);
    free(b);
    gfx_name_list_free(&chosen);
    return rc ? 1 : slower ? 1 : 0;
}
