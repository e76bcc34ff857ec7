/* What ISAs are built in, which this CPU runs, and which variant each
 * kernel uses, as text: `glyphfx probe` prints both, `selfcheck` and the
 * bench harness's context the ISA lists. (`glyphfx --version` writes its
 * own, without the SIMDe note.) */
#ifndef GFX_ISA_REPORT_H
#define GFX_ISA_REPORT_H

#include <stdio.h>

#include "gfx_kernels.h"

/* "scalar sse41 avx2 avx512 neon(SIMDe)": the ISAs in `mask`, space separated. */
void gfx_isa_list(char *buf, size_t size, unsigned mask);
/* Lines "  kernel   isa" for each kernel of k. */
void gfx_isa_report_kernels(FILE *out, const struct gfx_kernels *k);

#endif
