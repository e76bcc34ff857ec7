#include "bench_stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EXACT_MAX 20

typedef struct ranked {
    double v;
    int from_x;
} ranked;

static int by_value(const void *a, const void *b)
{
    double x = ((const ranked *)a)->v, y = ((const ranked *)b)->v;
    return (x > y) - (x < y);
}

/* P(U <= u) * C(m + n, m): the number of orderings of m x's and n y's with
 * at most u (x, y) pairs where x > y, by the recurrence
 * N(m, n, u) = N(m - 1, n, u - n) + N(m, n - 1, u). */
static double exact_count_le(int m, int n, int u)
{
    static double f[EXACT_MAX + 1][EXACT_MAX + 1][EXACT_MAX * EXACT_MAX + 1];
    memset(f, 0, sizeof f);
    for (int i = 0; i <= m; i++)
        for (int j = 0; j <= n; j++)
            for (int k = 0; k <= i * j; k++) {
                if (i == 0 || j == 0) {
                    f[i][j][k] = k == 0;
                    continue;
                }
                f[i][j][k] = (k >= j ? f[i - 1][j][k - j] : 0) + f[i][j - 1][k];
            }
    double total = 0;
    for (int k = 0; k <= u && k <= m * n; k++)
        total += f[m][n][k];
    return total;
}

gfx_mwu gfx_mann_whitney(const double *x, int nx, const double *y, int ny)
{
    gfx_mwu r = {0, 0, 1, 0};
    int n = nx + ny;
    ranked *all = malloc((size_t)n * sizeof *all);
    if (!all || nx < 1 || ny < 1) {
        free(all);
        return r;
    }
    for (int i = 0; i < nx; i++)
        all[i] = (ranked){x[i], 1};
    for (int i = 0; i < ny; i++)
        all[nx + i] = (ranked){y[i], 0};
    qsort(all, (size_t)n, sizeof *all, by_value);
    /* midranks; the tie term sums t^3 - t over groups of t equal values */
    double rank_x = 0, tie_term = 0;
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && all[j].v == all[i].v)
            j++;
        double mid = (i + 1 + j) / 2.0; /* ranks i+1..j */
        for (int k = i; k < j; k++)
            rank_x += all[k].from_x ? mid : 0;
        double t = j - i;
        tie_term += t * t * t - t;
        i = j;
    }
    free(all);
    r.u = rank_x - nx * (nx + 1) / 2.0;
    double u_big = fmax(r.u, (double)nx * ny - r.u);
    if (tie_term == 0 && nx <= EXACT_MAX && ny <= EXACT_MAX) {
        /* 2 P(U >= u_big) = 2 (1 - P(U <= u_big - 1)) */
        double all_orders = exact_count_le(nx, ny, nx * ny);
        double below = exact_count_le(nx, ny, (int)u_big - 1);
        r.p = fmin(1, 2 * (all_orders - below) / all_orders);
        r.exact = 1;
        return r;
    }
    r.p = gfx_mann_whitney_normal_p(r.u, nx, ny, tie_term, &r.z);
    return r;
}

double gfx_mann_whitney_normal_p(double u, int nx, int ny, double tie_term, double *z)
{
    int n = nx + ny;
    double u_big = fmax(u, (double)nx * ny - u);
    double mu = nx * (double)ny / 2;
    double s = sqrt(nx * (double)ny / 12 * ((n + 1) - tie_term / ((double)n * (n - 1))));
    *z = 0;
    if (!(s > 0)) /* every value the same */
        return 1;
    *z = (u_big - mu - 0.5) / s;
    return fmin(1, fmax(0, erfc(*z / sqrt(2))));
}

double gfx_t975(int df)
{
    static const double t[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365,
                               2.306, 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                               2.120, 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069,
                               2.064, 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
    if (df < 1)
        return INFINITY;
    if (df <= 30)
        return t[df];
    /* Cornish-Fisher expansion around the normal quantile: within 0.001 above 30 */
    double z = 1.959964, z3 = z * z * z, z5 = z3 * z * z;
    return z + (z3 + z) / (4.0 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * df * df);
}

int gfx_paired_ratio_ci(const double *new_t, const double *old_t, int n, double *ratio, double *lo,
                        double *hi)
{
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; i++) {
        if (!(new_t[i] > 0) || !(old_t[i] > 0))
            return -1;
        double d = log(new_t[i] / old_t[i]);
        sum += d;
        sum2 += d * d;
    }
    if (n < 1)
        return -1;
    double mean = sum / n;
    double half = 0;
    if (n > 1) {
        double var = fmax(0, (sum2 - n * mean * mean) / (n - 1));
        half = gfx_t975(n - 1) * sqrt(var / n);
    }
    *ratio = exp(mean);
    *lo = exp(mean - half);
    *hi = exp(mean + half);
    return 0;
}
