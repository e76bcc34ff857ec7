/* The progress view of glyphfx render (render/run/progress.h) on stderr.
 *
 * On a terminal: one bar redrawn in place at most 10 times a second
 * (frames done/total, fps, elapsed, ETA, stage). Not a terminal (a log, CI):
 * a plain line every few seconds. */
#include <stdio.h>
#include <unistd.h>

#include "render.h"

struct progress_bar {
    int is_tty;
    double last_draw; /* elapsed seconds at the last draw */
};

static void format_clock(char *buf, size_t size, double seconds)
{
    if (seconds < 0 || seconds > 359999)
        snprintf(buf, size, "--:--");
    else
        snprintf(buf, size, "%d:%02d", (int)seconds / 60, (int)seconds % 60);
}

static void draw(struct progress_bar *b, const gfx_progress_state *s)
{
    double fps = s->elapsed_s > 0 ? s->done / s->elapsed_s : 0;
    double eta = fps > 0 ? (s->total - s->done) / fps : -1;
    char el[16], et[16];
    format_clock(el, sizeof el, s->elapsed_s);
    format_clock(et, sizeof et, eta);
    int pct = s->total > 0 ? (int)(100.0 * s->done / s->total) : 0;
    if (b->is_tty) {
        enum { WIDTH = 24 };
        char bar[WIDTH + 1];
        int filled = s->total > 0 ? WIDTH * s->done / s->total : 0;
        for (int i = 0; i < WIDTH; i++)
            bar[i] = i < filled ? '#' : '-';
        bar[WIDTH] = '\0';
        fprintf(stderr, "\r[%s] %3d%%  %d/%d frames  %5.1f fps  %s elapsed  ETA %s  %-10s\033[K",
                bar, pct, s->done, s->total, fps, el, et, s->stage);
    } else {
        fprintf(stderr, "glyphfx render: %s: %d/%d frames (%d%%), %.1f fps, %s elapsed, ETA %s\n",
                s->stage, s->done, s->total, pct, fps, el, et);
    }
    fflush(stderr);
    b->last_draw = s->elapsed_s;
}

static void bar_stage(void *user, const gfx_progress_state *s)
{
    struct progress_bar *b = user;
    if (b->is_tty)
        draw(b, s);
}

static void bar_update(void *user, const gfx_progress_state *s)
{
    struct progress_bar *b = user;
    double interval = b->is_tty ? 0.1 : 5.0;
    if (s->elapsed_s - b->last_draw >= interval || (b->is_tty && s->done == s->total))
        draw(b, s);
}

static void bar_end(void *user, const gfx_progress_state *s, int completed)
{
    struct progress_bar *b = user;
    if (b->is_tty)
        fprintf(stderr, "\r\033[K");
    if (completed)
        fprintf(stderr, "glyphfx render: %d frames in %.1f s (%.1f fps)\n", s->done, s->elapsed_s,
                s->elapsed_s > 0 ? s->done / s->elapsed_s : 0.0);
    b->last_draw = -1e9; /* the next run draws at once */
}

const gfx_progress_view *render_progress_bar(void)
{
    static struct progress_bar bar = {.last_draw = -1e9};
    static gfx_progress_view view = {bar_stage, bar_update, bar_end, &bar};
    bar.is_tty = isatty(STDERR_FILENO);
    return &view;
}
