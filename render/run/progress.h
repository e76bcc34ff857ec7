/* Progress of a render on stderr.
 *
 * On a terminal: one bar redrawn in place at most 10 times a second
 * (frames done/total, fps, elapsed, ETA, stage). Not a terminal (a log, CI):
 * a plain line every few seconds. Quiet: nothing. The bar is only drawn
 * from one thread (the writer), so it needs no lock.
 * Interrupts are sys/interrupt.h's; a render that stops for one exits with
 * GFX_EXIT_INTERRUPTED. */
#ifndef GFX_PROGRESS_H
#define GFX_PROGRESS_H

#include "interrupt.h"

#define GFX_EXIT_INTERRUPTED 130

typedef struct gfx_progress gfx_progress;

/* quiet: print nothing. Returns NULL only when out of memory (every call
 * below accepts NULL and does nothing). */
gfx_progress *gfx_progress_new(int total_frames, int quiet);
/* Names what is happening now: "analyzing", "rendering", "verifying"... */
void gfx_progress_stage(gfx_progress *p, const char *stage);
void gfx_progress_update(gfx_progress *p, int frames_done);
/* Prints the closing line (frames, seconds, average fps) unless quiet or
 * `completed` is 0, and frees p. */
void gfx_progress_end(gfx_progress *p, int completed);

#endif
