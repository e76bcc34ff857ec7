/* A clean stop on Ctrl-C or SIGTERM, honoured by every room.
 *
 * After gfx_interrupt_install, SIGINT and SIGTERM only set a flag; a second
 * one while glyphfx is cleaning up ends it at once. Every loop that can run
 * for more than a fraction of a second (decoding, analysis, synthesis,
 * rendering, writing to a stalled ffmpeg, the join) polls gfx_interrupted()
 * at least every 0.1 s, stops, removes what it had started and returns
 * GFX_INTERRUPTED. SIGPIPE is ignored, so a dead ffmpeg shows as EPIPE on
 * the write instead of killing glyphfx. */
#ifndef GFX_INTERRUPT_H
#define GFX_INTERRUPT_H

void gfx_interrupt_install(void);
int gfx_interrupted(void);
/* The flag itself, for pools that poll an int (gfx_workers_run's stop). */
int *gfx_interrupt_flag(void);

#endif
