/* Statistics for `glyphfx bench --ab`: the Mann-Whitney U rank test (as
 * Google Benchmark's compare.py applies it) and a t-based confidence
 * interval of a paired ratio. Plain C, no timing: tests/test_bench_stats.c
 * checks them against known values. */
#ifndef GFX_BENCH_STATS_H
#define GFX_BENCH_STATS_H

typedef struct gfx_mwu {
    double u;  /* U of the first sample: pairs (x, y) with x > y, ties counting 1/2 */
    double z;  /* the normal approximation's z (0 when exact) */
    double p;  /* two-sided p-value */
    int exact; /* 1: p from the exact distribution (no ties, both n <= 20) */
} gfx_mwu;

/* Two-sided Mann-Whitney U test of x[0..nx) against y[0..ny) (both >= 1).
 * Without ties and with both samples of at most 20, p is exact (twice the
 * smaller tail of U's distribution, capped at 1); otherwise it is the normal
 * approximation with the tie correction and a continuity correction of 1/2,
 * as scipy.stats.mannwhitneyu(alternative="two-sided") computes it. */
gfx_mwu gfx_mann_whitney(const double *x, int nx, const double *y, int ny);

/* The normal approximation's two-sided p (and z) for U of samples of nx
 * and ny with the given tie term (the sum of t^3 - t over groups of t
 * equal values): what gfx_mann_whitney uses when it cannot be exact. */
double gfx_mann_whitney_normal_p(double u, int nx, int ny, double tie_term, double *z);

/* The two-sided 97.5% quantile of Student's t with df degrees of freedom
 * (df >= 1): the half-width factor of a 95% interval. */
double gfx_t975(int df);

/* The mean of log(new[i] / old[i]) over n paired rounds, as a ratio with
 * its 95% t-interval: *ratio = exp(mean), [*lo, *hi] = exp(mean -/+ t * sd /
 * sqrt(n)). With n = 1 the interval is the point. Returns 0, or -1 when a
 * value is not positive. */
int gfx_paired_ratio_ci(const double *new_t, const double *old_t, int n, double *ratio, double *lo,
                        double *hi);

#endif
