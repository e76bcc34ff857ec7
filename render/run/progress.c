#include "progress.h"

#include <stdio.h>
#include <stdlib.h>

#include "timing.h"

struct gfx_progress {
    const gfx_progress_view *view;
    int total, done;
    double start;
    char stage[32];
};

gfx_progress *gfx_progress_new(const gfx_progress_view *view, int total_frames)
{
    gfx_progress *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->view = view;
    p->total = total_frames;
    p->start = gfx_now_s();
    snprintf(p->stage, sizeof p->stage, "starting");
    return p;
}

static gfx_progress_state state_of(const gfx_progress *p)
{
    return (gfx_progress_state){
        .done = p->done, .total = p->total, .elapsed_s = gfx_now_s() - p->start, .stage = p->stage};
}

void gfx_progress_stage(gfx_progress *p, const char *stage)
{
    if (!p)
        return;
    snprintf(p->stage, sizeof p->stage, "%s", stage);
    if (p->view && p->view->stage) {
        gfx_progress_state now = state_of(p);
        p->view->stage(p->view->user, &now);
    }
}

void gfx_progress_update(gfx_progress *p, int frames_done)
{
    if (!p)
        return;
    p->done = frames_done;
    if (p->view && p->view->update) {
        gfx_progress_state now = state_of(p);
        p->view->update(p->view->user, &now);
    }
}

void gfx_progress_end(gfx_progress *p, int completed)
{
    if (!p)
        return;
    if (p->view && p->view->end) {
        gfx_progress_state now = state_of(p);
        p->view->end(p->view->user, &now, completed);
    }
    free(p);
}
