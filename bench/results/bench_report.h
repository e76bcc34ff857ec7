/* The picture of a results file: per stage, bars of ms per frame per ISA and
 * frame size, on a log scale of the stage's budget (the budget line at 1),
 * with the seed's budget and the in-run memcpy bound (the roofline) drawn
 * across them. FILE.svg is the chart alone; FILE.html adds the machine, the
 * roofline and worker-scaling charts when the results have them
 * (report_roofline.h), and a table of every figure. Both are self-contained (no scripts, no network)
 * and well-formed XML. Written to a temporary name and renamed. */
#ifndef GFX_BENCH_REPORT_H
#define GFX_BENCH_REPORT_H

#include <stddef.h>

#include "bench_results.h"

/* Returns 0, or -1 with one line in err (bad extension, cannot write). */
int gfx_bench_report_write(const gfx_bench_results *r, const char *path, char *err,
                           size_t err_size);

#endif
