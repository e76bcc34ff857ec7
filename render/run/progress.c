#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "timing.h"

struct gfx_progress {
    int total, done, quiet, is_tty;
    double start, last_draw;
    char stage[32];
};

gfx_progress *gfx_progress_new(int total_frames, int quiet)
{
    gfx_progress *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->total = total_frames;
    p->quiet = quiet;
    p->is_tty = isatty(STDERR_FILENO);
    p->start = gfx_now_s();
    p->last_draw = -1e9;
    snprintf(p->stage, sizeof p->stage, "starting");
    return p;
}

static void format_clock(char *buf, size_t size, double seconds)
{
    if (seconds < 0 || seconds > 359999)
        snprintf(buf, size, "--:--");
    else
        snprintf(buf, size, "%d:%02d", (int)seconds / 60, (int)seconds % 60);
}

static void draw(gfx_progress *p, double now)
{
    double elapsed = now - p->start;
    double fps = elapsed > 0 ? p->done / elapsed : 0;
    double eta = fps > 0 ? (p->total - p->done) / fps : -1;
    char el[16], et[16];
    format_clock(el, sizeof el, elapsed);
    format_clock(et, sizeof et, eta);
    int pct = p->total > 0 ? (int)(100.0 * p->done / p->total) : 0;
    if (p->is_tty) {
        enum { WIDTH = 24 };
        char bar[WIDTH + 1];
        int filled = p->total > 0 ? WIDTH * p->done / p->total : 0;
        for (int i = 0; i < WIDTH; i++)
            bar[i] = i < filled ? '#' : '-';
        bar[WIDTH] = '\0';
        fprintf(stderr, "\r[%s] %3d%%  %d/%d frames  %5.1f fps  %s elapsed  ETA %s  %-10s\033[K",
                bar, pct, p->done, p->total, fps, el, et, p->stage);
    } else {
        fprintf(stderr, "glyphfx: %s: %d/%d frames (%d%%), %.1f fps, %s elapsed, ETA %s\n",
                p->stage, p->done, p->total, pct, fps, el, et);
    }
    fflush(stderr);
    p->last_draw = now;
}

void gfx_progress_stage(gfx_progress *p, const char *stage)
{
    if (!p)
        return;
    snprintf(p->stage, sizeof p->stage, "%s", stage);
    if (!p->quiet && p->is_tty)
        draw(p, gfx_now_s());
}

void gfx_progress_update(gfx_progress *p, int frames_done)
{
    if (!p)
        return;
    p->done = frames_done;
    if (p->quiet)
        return;
    double now = gfx_now_s(), interval = p->is_tty ? 0.1 : 5.0;
    if (now - p->last_draw >= interval || (p->is_tty && frames_done == p->total))
        draw(p, now);
}

void gfx_progress_end(gfx_progress *p, int completed)
{
    if (!p)
        return;
    if (!p->quiet) {
        if (p->is_tty)
            fprintf(stderr, "\r\033[K");
        if (completed) {
            double elapsed = gfx_now_s() - p->start;
            fprintf(stderr, "glyphfx: %d frames in %.1f s (%.1f fps)\n", p->done, elapsed,
                    elapsed > 0 ? p->done / elapsed : 0.0);
        }
    }
    free(p);
}
