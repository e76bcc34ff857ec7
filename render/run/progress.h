/* Progress of a render, as numbers: the job counts the frames that reached
 * the sink and names the stage it is in; a view that tools/ gives draws them
 * (tools/progress_bar.c: a bar on a terminal, a line every few seconds in a
 * log). The library itself never prints: without a view nothing is shown.
 * Calls come from one thread at a time (the job holds its lock around
 * updates), so a view needs no lock of its own. */
#ifndef GFX_PROGRESS_H
#define GFX_PROGRESS_H

#include "interrupt.h"

typedef struct gfx_progress_state {
    int done, total;  /* frames */
    double elapsed_s; /* since gfx_progress_new */
    const char *stage;
} gfx_progress_state;

typedef struct gfx_progress_view {
    void (*stage)(void *user, const gfx_progress_state *now);  /* the stage changed */
    void (*update)(void *user, const gfx_progress_state *now); /* a frame more: throttle */
    /* the last call; completed: the frames all reached the sink and stay */
    void (*end)(void *user, const gfx_progress_state *now, int completed);
    void *user;
} gfx_progress_view;

typedef struct gfx_progress gfx_progress;

/* view NULL: show nothing. Returns NULL only when out of memory (every call
 * below accepts NULL and does nothing). */
gfx_progress *gfx_progress_new(const gfx_progress_view *view, int total_frames);
/* Names what is happening now: "analyzing", "rendering", "verifying"... */
void gfx_progress_stage(gfx_progress *p, const char *stage);
void gfx_progress_update(gfx_progress *p, int frames_done);
/* Tells the view the run ended (completed or not), and frees p. */
void gfx_progress_end(gfx_progress *p, int completed);

#endif
