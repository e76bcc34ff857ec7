/* The roofline and worker-scaling additions of `glyphfx bench`
 * (tools/bench_roofline.c). */
#ifndef GFX_BENCH_ROOFLINE_TOOL_H
#define GFX_BENCH_ROOFLINE_TOOL_H

#include <stddef.h>

#include "bench_results.h"

typedef struct bench_roofline_options {
    int quick;               /* the quick bandwidth measurement */
    int scaling;             /* also run the worker-scaling curve */
    double scaling_duration; /* seconds of video per render */
    int scaling_rounds;      /* runs per worker count; the best is kept */
} bench_roofline_options;

/* Measures the bandwidths (and the scaling curve) and adds them, with each
 * benchmark's share of its roofline, to the results file at path (rewritten
 * under a temporary name). Prints progress lines to stderr. Returns 0, or -1
 * with one line in err. */
int bench_roofline_annotate(const char *path, const bench_roofline_options *o, char *err,
                            size_t err_size);

/* The roofline table (best ISA and plain-C stages) and the scaling curve,
 * when the results have them. */
void bench_roofline_print(const gfx_bench_results *r);

#endif
