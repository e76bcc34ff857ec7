/* The statistics of glyphfx bench --ab against known values: the Mann-Whitney
 * U test (exact and normal approximation, scipy's example and hand-worked
 * cases with ties), Student's t quantiles, and the paired ratio interval. */
#include <math.h>

#include "bench_stats.h"
#include "check.h"

static int near(double a, double b, double rel)
{
    return fabs(a - b) <= rel * fabs(b) + 1e-15;
}

int main(void)
{
    /* scipy.stats.mannwhitneyu's documented example (males, females):
     * U1 = 17, exact p = 0.1111..., asymptotic p = 0.11134688653314041 */
    const double males[] = {19, 22, 16, 29, 24}, females[] = {20, 11, 17, 12};
    gfx_mwu r = gfx_mann_whitney(males, 5, females, 4);
    CHECK(r.u == 17 && r.exact, "U %g exact %d, expected 17 and exact", r.u, r.exact);
    CHECK(near(r.p, 1.0 / 9, 1e-12), "exact p %.17g, expected 1/9", r.p);
    double z;
    double p = gfx_mann_whitney_normal_p(17, 5, 4, 0, &z);
    CHECK(near(p, 0.11134688653314041, 1e-9), "asymptotic p %.17g, expected 0.111346886533", p);
    /* the other way round: U2 = 3, the same two-sided p */
    r = gfx_mann_whitney(females, 4, males, 5);
    CHECK(r.u == 3 && near(r.p, 1.0 / 9, 1e-12), "U %g p %g, expected 3 and 1/9", r.u, r.p);

    /* fully separated samples of 3: U = 0, p = 2 / C(6,3) = 0.1 */
    const double lo3[] = {1, 2, 3}, hi3[] = {4, 5, 6};
    r = gfx_mann_whitney(lo3, 3, hi3, 3);
    CHECK(r.u == 0 && near(r.p, 0.1, 1e-12), "U %g p %g, expected 0 and 0.1", r.u, r.p);
    /* 2 and 2: U counts 0..4 occur 1,1,2,1,1 times in 6; U = 1 -> p = 2 * 2/6 */
    const double a2[] = {1, 3}, b2[] = {2, 4};
    r = gfx_mann_whitney(a2, 2, b2, 2);
    CHECK(r.u == 1 && near(r.p, 2.0 / 3, 1e-12), "U %g p %g, expected 1 and 2/3", r.u, r.p);

    /* ties: x = {1,2,2}, y = {2,3,4}: the 2s share rank 3, R_x = 7, U = 1,
     * tie term 24, sigma = sqrt(9/12 * (7 - 24/30)), z = 3 / sigma = 1.39122,
     * p = erfc(z / sqrt 2) = 0.164159728... */
    const double xt[] = {1, 2, 2}, yt[] = {2, 3, 4};
    r = gfx_mann_whitney(xt, 3, yt, 3);
    CHECK(r.u == 1 && !r.exact, "U %g exact %d, expected 1 by the approximation", r.u, r.exact);
    CHECK(near(r.z, 1.3912166872805047, 1e-9), "z %.17g, expected 1.39121668728", r.z);
    CHECK(near(r.p, 0.16415972847851523, 1e-9), "p %.17g, expected 0.164159728479", r.p);

    /* 25 against 25, separated: beyond the exact range; z = 6.05369 */
    double x25[25], y25[25];
    for (int i = 0; i < 25; i++)
        x25[i] = i + 26, y25[i] = i + 1;
    r = gfx_mann_whitney(x25, 25, y25, 25);
    CHECK(r.u == 625 && !r.exact, "U %g exact %d, expected 625, approximated", r.u, r.exact);
    CHECK(near(r.p, 1.4156562248495634e-09, 1e-6), "p %.17g, expected 1.41565622485e-9", r.p);

    /* identical samples: nothing to tell apart */
    const double same[] = {5, 5, 5};
    r = gfx_mann_whitney(same, 3, same, 3);
    CHECK(r.p == 1, "p %g for identical samples, expected 1", r.p);

    /* 10 rounds each, all of one above all of the other: p = 2 / C(20,10) */
    double ten_a[10], ten_b[10];
    for (int i = 0; i < 10; i++)
        ten_a[i] = 1.1 + i * 0.001, ten_b[i] = 1.0 + i * 0.001;
    r = gfx_mann_whitney(ten_a, 10, ten_b, 10);
    CHECK(r.u == 100 && near(r.p, 2.0 / 184756, 1e-12), "U %g p %g, expected 100 and 2/184756", r.u,
          r.p);

    /* Student's t, 97.5%: tables and the large-df expansion */
    CHECK(near(gfx_t975(1), 12.706, 1e-4) && near(gfx_t975(9), 2.262, 1e-4) &&
              near(gfx_t975(30), 2.042, 1e-4),
          "t975(1, 9, 30) = %g %g %g", gfx_t975(1), gfx_t975(9), gfx_t975(30));
    CHECK(near(gfx_t975(40), 2.021, 5e-4) && near(gfx_t975(120), 1.980, 5e-4) &&
              near(gfx_t975(100000), 1.960, 5e-4),
          "t975(40, 120, 1e5) = %g %g %g", gfx_t975(40), gfx_t975(120), gfx_t975(100000));

    /* the paired ratio: constant 10% -> [1.1, 1.1]; ratios 1.0 and 1.21 ->
     * geometric mean 1.1, interval exp(0.09531 -/+ 12.706 * 0.09531) */
    double ratio, lo, hi;
    const double n1[] = {1.1, 2.2, 3.3}, o1[] = {1, 2, 3};
    CHECK(!gfx_paired_ratio_ci(n1, o1, 3, &ratio, &lo, &hi) && near(ratio, 1.1, 1e-12) &&
              near(lo, 1.1, 1e-12) && near(hi, 1.1, 1e-12),
          "ratio %g [%g, %g], expected 1.1 [1.1, 1.1]", ratio, lo, hi);
    const double n2[] = {1.0, 1.21}, o2[] = {1, 1};
    double m = log(1.1);
    CHECK(!gfx_paired_ratio_ci(n2, o2, 2, &ratio, &lo, &hi) && near(ratio, 1.1, 1e-12) &&
              near(lo, exp(m - 12.706 * m), 1e-9) && near(hi, exp(m + 12.706 * m), 1e-9),
          "ratio %g [%g, %g]", ratio, lo, hi);
    const double bad[] = {1, 0};
    CHECK(gfx_paired_ratio_ci(bad, o2, 2, &ratio, &lo, &hi) == -1, "a zero time accepted");
    return CHECK_EXIT_STATUS();
}
