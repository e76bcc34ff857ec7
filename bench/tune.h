/* `glyphfx tune`: timing every exact variant of every kernel at every
 * profile size on this machine, into the wisdom that dispatch then uses
 * (probe/wisdom.h). It lives beside the benchmarks because it measures on
 * their frame fixture. */
#ifndef GFX_TUNE_H
#define GFX_TUNE_H

#include "status.h"
#include "wisdom.h"

typedef struct gfx_tune_options {
    int runs;           /* timed samples per variant; the median is kept */
    int warmup;         /* untimed calls before them */
    int quick;          /* recorded in the file */
    const char *commit; /* this build's, for the file (the version is GLYPHFX_VERSION) */
    /* called after each size with a one-line summary; may be NULL */
    void (*progress)(void *ctx, const char *line);
    void *ctx;
} gfx_tune_options;

/* Times every variant this CPU runs natively of every kernel (NEON through
 * SIMDe is emulated on x86 and skipped: its timings mean nothing) at every
 * profile size, on the frame fixture the benchmarks use, and fills w with
 * the machine's identity, the timings and the fastest variant of each.
 * Variants are interleaved round by round so a noisy machine's drift hits
 * them alike; each sample is a batch of calls of at least ~0.5 ms of thread
 * CPU time. Returns GFX_OK, or GFX_FAILED with one line in err. */
gfx_status gfx_tune_run(gfx_wisdom *w, const gfx_tune_options *opt, char *err, size_t err_size);

#endif
