/* The clock and the median behind every timing glyphfx prints (the plan's
 * micro-render, --stage-times, selfcheck, bench results, progress): one
 * definition, so they all measure the same way. */
#ifndef GFX_TIMING_H
#define GFX_TIMING_H

/* Seconds on the monotonic clock; only differences mean anything. */
double gfx_now_s(void);

/* Sorts v[0..n) ascending (n >= 1) and returns v[n / 2]: the median, the
 * upper of the middle two for even n. v[0] is then the fastest. */
double gfx_sort_median(double *v, int n);

#endif
