/* What ISAs are built in and which this CPU runs, as text: `glyphfx probe`,
 * `selfcheck` and the bench harness's context print the lists. (`glyphfx
 * --version` writes its own, without the SIMDe note.) */
#ifndef GFX_ISA_REPORT_H
#define GFX_ISA_REPORT_H

#include <stddef.h>

#include "gfx_kernels.h"

/* "scalar sse41 avx2 avx512 neon(SIMDe)": the ISAs in `mask`, space separated. */
void gfx_isa_list(char *buf, size_t size, unsigned mask);
#endif
