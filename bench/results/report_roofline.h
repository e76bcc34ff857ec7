/* The roofline and worker-scaling part of the HTML report: two inline SVG
 * charts (id "roofline": stages as points, working set against achieved
 * GB/s, under the bandwidth ceiling of each level; id "scaling": fps per
 * worker count against the ideal line) and their tables. Draws nothing for
 * what the results file lacks. Every string from the file goes through
 * `text`, the report's one escape function. */
#ifndef GFX_REPORT_ROOFLINE_H
#define GFX_REPORT_ROOFLINE_H

#include <stdio.h>

#include "bench_results.h"

void gfx_report_roofline(FILE *out, const gfx_bench_results *r,
                         void (*text)(FILE *out, const char *s));

#endif
