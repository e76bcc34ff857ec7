/* glyphfx play: renders a scene and plays it in the terminal as it renders,
 * one character per grid cell (render/output/terminal.h).
 *
 * Only the stages that make the cells run (effect, tonemap, colour): the
 * terminal shows characters, so the pixel stages (blit, shaders, crossfade)
 * would be invisible work. A crossfade shows the outgoing segment until its
 * midpoint, then the incoming one.
 *
 * Pacing: frame f is due at t0 + f / fps on the monotonic clock, which
 * stands for the audio clock (ffplay, with --audio, starts at t0). Frames
 * whose time has passed before they are rendered are skipped, a frame
 * rendered after its slot ended is not shown: both count as dropped, so a
 * frame is never shown late.
 *
 * Measured (--stats) on a 200x60 pty drained by script(1), this 2-core
 * machine at load 20-25 (shared), 30 fps, 24-bit:
 *   script -qfc "stty rows 60 cols 200; COLORTERM=truecolor  *       glyphfx play --duration 10 --fps 30 --stats 2>stats.txt" /dev/null >/dev/null
 * The built-in scene (a 192x56 view of the grids): cells 0.27 ms and encode
 * 0.7-0.8 ms a frame; writing 6-16 ms on average but stalling up to 230 ms
 * when the machine is busy, so 267-300 of 300 frames shown, and the view
 * sustains 61-148 fps (1000 / (cells + encode + write)). A plasma on every
 * cell (the worst case: every cell changes every frame), 5 s: 153.8 KB a
 * frame at 8 bits a channel, 96.9 KB at 6 (the default), 61.3 KB at 5,
 * 12.7 KB at 256 colours; the write, not the render, sets the pace. */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "ffmpeg_pipe.h"
#include "frame.h"
#include "interrupt.h"
#include "job.h"
#include "options.h"
#include "render.h"
#include "source.h"
#include "terminal.h"
#include "timing.h"

#define PROG "glyphfx play"
#define DEFAULT_COLOUR_BITS 6

struct play_options {
    struct render_options r; /* first: render's shared options write here */
    int depth;               /* enum gfx_term_depth; -1: from the environment */
    int colour_bits;         /* 24-bit: bits kept per channel */
    int stats;
    int audio;
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: glyphfx play [AUDIO] [options]\n\n"
            "Renders the video and plays it in this terminal while it renders: one character\n"
            "per grid cell, coloured, at the video's frame rate. Frames that cannot be\n"
            "rendered in time are dropped (never shown late); the count is printed at the\n"
            "end. q or Ctrl-C stops. Without AUDIO the features are synthesized at --bpm.\n\n"
            "  --colours DEPTH      24bit|256|16 (default: COLORTERM truecolor/24bit -> 24bit,\n"
            "                       TERM *256color -> 256, else 16)\n"
            "  --colour-bits N      24bit: bits sent per channel, 1..8 (default %d: steps of\n"
            "                       4/255, about a third fewer bytes than 8 for the terminal)\n"
            "  --audio              play the sound with ffplay (the song, or the built-in\n"
            "                       soundtrack without AUDIO); its messages go to a log\n"
            "  --stats              per-frame render and terminal times, the fps sustained\n"
            "  --scene FILE         JSON scene (default: the built-in scene list)\n"
            "  --quality Q          draft|preview|production|max: the grid's scale and the\n"
            "                       frame rate (default production; auto is production)\n"
            "  --resolution WxH     the frame the grid is laid out in (more pixels: more cells)\n"
            "  --fps N              frame rate (1..240)\n"
            "  --duration SEC       length (default: the scene's end, or %.0f s)\n"
            "  --font FILE          the font whose cell size sets the grid\n"
            "  --seed N, --bpm N    as for glyphfx render\n"
            "  --quiet              no lines before and after playing\n\n"
            "The grid is fitted to the terminal: shown whole if it fits, else sampled to the\n"
            "largest size that does; resizing the terminal redraws at the new size.\n",
            DEFAULT_COLOUR_BITS, RENDER_DEFAULT_DURATION);
}

static int parse_depth(const char *s, void *opts, char *err, size_t err_size)
{
    (void)err, (void)err_size;
    int depth = gfx_term_depth_parse(s);
    if (depth < 0)
        return -1;
    ((struct play_options *)opts)->depth = depth;
    return 0;
}

static int parse_play_options(int argc, char **argv, struct play_options *o)
{
    static const char *const shared[] = {"--scene", "--font",     "--quality", "--resolution",
                                         "--fps",   "--duration", "--seed",    "--bpm",
                                         "--quiet", NULL};
    static const gfx_option extra[] = {
        {GFX_OPT_CUSTOM_("--colours", parse_depth, "%s %s: expected 24bit, 256 or 16")},
        {GFX_OPT_INT_("--colour-bits", offsetof(struct play_options, colour_bits), 1, 8,
                      "%s %s: expected bits per channel, 1..8")},
        {GFX_OPT_FLAG_("--stats", NULL, offsetof(struct play_options, stats))},
        {GFX_OPT_FLAG_("--audio", NULL, offsetof(struct play_options, audio))},
    };
    static const render_subset subset = {PROG, shared, extra, sizeof extra / sizeof *extra};
    o->depth = -1; /* the parse sets render's defaults only */
    o->stats = o->audio = 0;
    o->colour_bits = DEFAULT_COLOUR_BITS;
    int rc = render_parse_subset(argc, argv, &subset, o);
    if (rc == GFX_OPTIONS_HELP)
        usage(stdout);
    if (o->r.quality == 4) /* auto: nothing to measure when only cells are made */
        o->r.quality = 2;
    return rc;
}

/* ------------------------------------------------------------------- audio */

/* ffplay playing `path` with no window, in its own process group, its
 * messages in a log (render/sys/ffmpeg_pipe.h). 0, or -1 after a warning. */
static int start_audio(const char *path, gfx_child *child)
{
    char url[GFX_FFMPEG_URL_MAX];
    gfx_ffmpeg_file_url(path, url, sizeof url);
    char *const args[] = {"ffplay", "-nodisp", "-autoexit", "-loglevel", "warning", url, NULL};
    if (gfx_child_spawn(child, args, GFX_PIPE_WRITE_STDIN, "play-ffplay") == 0)
        return 0;
    fprintf(stderr, PROG ": warning: --audio: cannot start ffplay (%s); playing without sound\n",
            strerror(errno));
    return -1;
}

/* -------------------------------------------------------------------- play */

struct play_stats {
    int frames;  /* in the video */
    int reached; /* frames whose time came (all, unless stopped) */
    int shown;
    int quit;                      /* q typed */
    double render_s, render_max_s; /* cells of the shown and late frames */
    int rendered;
    double show_s, show_max_s; /* encode + write of the shown frames */
    double wall_s;
};

/* Sleeps until t on the monotonic clock, or a Ctrl-C. */
static void sleep_until(double t)
{
    struct timespec ts = {.tv_sec = (time_t)t, .tv_nsec = (long)((t - floor(t)) * 1e9)};
    while (!gfx_interrupted() &&
           clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
        ;
}

/* The cells of frame f in cells (resized to rows x cols): 0, or -1 with the
 * renderer's line in err. */
static int frame_cells(gfx_renderer *r, const gfx_scene *scene, const gfx_feature_track *track,
                       int f, const struct play_options *o, double fps, gfx_term_cell **cells,
                       size_t *cap, int *rows, int *cols, char *err, size_t err_size)
{
    int main_segment, outgoing;
    float mix;
    gfx_scene_at(scene, f / fps, &main_segment, &outgoing, &mix);
    const gfx_segment *seg =
        &scene->segments[outgoing >= 0 && mix > 0.5f ? outgoing : main_segment];
    /* the bottom effect layer: the section's subject or its background */
    const gfx_layer *layer = &seg->layers[0];
    for (int l = seg->n_layers - 1; l >= 0; l--)
        if (seg->layers[l].effect)
            layer = &seg->layers[l];
    if (!layer->effect) {
        snprintf(err, err_size, "a section of text layers only has no cells to play");
        return -1;
    }
    if (gfx_stage_effect(r, seg, layer, track, f, o->r.seed)) {
        snprintf(err, err_size, "%s", gfx_renderer_error(r));
        return -1;
    }
    gfx_stage_tonemap(r, layer);
    gfx_stage_colour(r, seg, layer, track, f);
    const gfx_font *font;
    const gfx_cell *grid = gfx_renderer_text_cells(r, rows, cols, &font);
    size_t n = (size_t)*rows * (size_t)*cols;
    if (n > *cap) {
        gfx_term_cell *more = realloc(*cells, n * sizeof *more);
        if (!more) {
            snprintf(err, err_size, "out of memory for %dx%d cells", *cols, *rows);
            return -1;
        }
        *cells = more, *cap = n;
    }
    for (size_t i = 0; i < n; i++)
        (*cells)[i] = (gfx_term_cell){gfx_font_codepoint(font, grid[i].glyph), grid[i].r, grid[i].g,
                                      grid[i].b};
    return 0;
}

/* Plays every frame on the open terminal: GFX_OK, GFX_INTERRUPTED, or a
 * failure with its line in err. */
static gfx_status play_frames(gfx_term *term, gfx_renderer *r, const gfx_scene *scene,
                              const gfx_feature_track *track, const struct play_options *o,
                              double fps, double t0, struct play_stats *st, char *err,
                              size_t err_size)
{
    gfx_term_cell *cells = NULL;
    size_t cap = 0;
    gfx_status status = GFX_OK;
    int f = 0;
    while (f < st->frames) {
        if (gfx_interrupted()) {
            status = GFX_INTERRUPTED;
            break;
        }
        if (gfx_term_quit_key(STDIN_FILENO)) {
            st->quit = 1;
            break;
        }
        int due = (int)floor((gfx_now_s() - t0) * fps);
        f = due > f ? due : f; /* frames whose time passed are not rendered at all */
        if (f >= st->frames)
            break;
        double start = gfx_now_s();
        int rows, cols;
        if (frame_cells(r, scene, track, f, o, fps, &cells, &cap, &rows, &cols, err, err_size)) {
            status = GFX_FAILED;
            break;
        }
        double rendered = gfx_now_s();
        st->rendered++;
        st->render_s += rendered - start;
        st->render_max_s = fmax(st->render_max_s, rendered - start);
        if ((rendered - t0) * fps >= f + 1) { /* its slot is over: not shown late */
            f++;
            continue;
        }
        sleep_until(t0 + f / fps);
        if (gfx_interrupted())
            continue;
        double shown = gfx_now_s();
        if ((status = gfx_term_show(term, cells, rows, cols, err, err_size)))
            break;
        double done = gfx_now_s();
        st->shown++;
        st->show_s += done - shown;
        st->show_max_s = fmax(st->show_max_s, done - shown);
        f++;
    }
    st->reached = f < st->frames ? f : st->frames;
    st->wall_s = gfx_now_s() - t0;
    free(cells);
    return status;
}

static void print_summary(const struct play_options *o, const gfx_term *term, double fps,
                          const struct play_stats *st)
{
    if (o->r.quiet && !o->stats)
        return;
    fprintf(stderr,
            PROG ": %d of %d frames at %.3g fps in %.1f s%s: %d shown, %d dropped "
                 "(rendered too late or skipped)\n",
            st->reached, st->frames, fps, st->wall_s, st->quit ? " (q typed)" : "", st->shown,
            st->reached - st->shown);
    if (!o->stats)
        return;
    double render_ms = st->rendered ? 1e3 * st->render_s / st->rendered : 0.0;
    double show_ms = st->shown ? 1e3 * st->show_s / st->shown : 0.0;
    fprintf(stderr,
            PROG ": view %dx%d cells of a %dx%d grid on a %dx%d terminal, %s colours, "
                 "%d full redraws, %.0f bytes/frame\n",
            term->fit.cols, term->fit.rows, term->fit.grid_cols, term->fit.grid_rows,
            term->term_cols, term->term_rows, gfx_term_depth_name(term->depth), (int)term->redraws,
            term->frames ? (double)term->bytes / (double)term->frames : 0.0);
    double frames = term->frames ? (double)term->frames : 1.0;
    fprintf(stderr,
            PROG ": per frame: cells %.2f ms (max %.2f), terminal %.2f ms (max %.2f: encode "
                 "%.2f, write %.2f); sustains %.0f fps (1000 / (cells + terminal))\n",
            render_ms, 1e3 * st->render_max_s, show_ms, 1e3 * st->show_max_s,
            1e3 * term->encode_s / frames, 1e3 * term->write_s / frames,
            render_ms + show_ms > 0.0 ? 1e3 / (render_ms + show_ms) : 0.0);
}

static void print_warning(void *user, const char *line)
{
    (void)user;
    fprintf(stderr, PROG ": %s\n", line);
}

/* With the inputs loaded: the renderer, the terminal, the frames. */
static int play_loaded(const struct play_options *o, const gfx_profile *profile,
                       const gfx_scene *scene, const gfx_feature_source *src)
{
    char err[4096 + 256];
    static const gfx_warn warn = {print_warning, NULL};
    gfx_renderer *r =
        gfx_job_renderer(profile, o->r.font_path, NULL, 0.0, scene, &warn, err, sizeof err);
    if (!r) {
        fprintf(stderr, PROG ": %s\n", err);
        return 1;
    }
    enum gfx_term_depth depth = o->depth >= 0
                                    ? (enum gfx_term_depth)o->depth
                                    : gfx_term_depth_detect(getenv("COLORTERM"), getenv("TERM"));
    /* before the terminal is taken: its warning must reach the main screen */
    gfx_child audio;
    int playing_audio = o->audio && src->mux_audio && start_audio(src->mux_audio, &audio) == 0;
    gfx_term term;
    gfx_status status = gfx_term_open(&term, STDOUT_FILENO, depth, o->colour_bits, err, sizeof err);
    if (status) {
        if (playing_audio)
            gfx_child_kill(&audio);
        gfx_renderer_free(r);
        return render_exit_status_as(PROG, status, err);
    }
    struct play_stats st = {.frames = src->track.n_frames};
    status = play_frames(&term, r, scene, &src->track, o, profile->fps, gfx_now_s(), &st, err,
                         sizeof err);
    if (playing_audio)
        gfx_child_kill(&audio);
    gfx_term_close(&term);
    gfx_renderer_free(r);
    print_summary(o, &term, profile->fps, &st);
    if (playing_audio && !o->r.quiet)
        fprintf(stderr, PROG ": ffplay's messages are in %s\n", audio.log_path);
    if (status == GFX_INTERRUPTED)
        return render_exit_status_as(PROG, status, "interrupted");
    return render_exit_status_as(PROG, status, err);
}

int cmd_play(int argc, char **argv)
{
    struct play_options o;
    int rc = parse_play_options(argc, argv, &o);
    if (rc)
        return rc == GFX_OPTIONS_HELP ? 0 : rc;
    if (!isatty(STDOUT_FILENO)) {
        fprintf(stderr, PROG ": standard output is not a terminal; expected a terminal "
                             "(use glyphfx render -o FILE to write a video)\n");
        return 2;
    }
    gfx_interrupt_install();
    if (o.r.font_path && (rc = render_check_font(PROG, o.r.font_path)))
        return rc;
    char err[512];
    gfx_scene scene = {0};
    if (o.r.scene_path && gfx_scene_load(&scene, o.r.scene_path, err, sizeof err)) {
        fprintf(stderr, PROG ": %s\n", err);
        return 2;
    }
    double duration = o.r.duration;
    if (duration <= 0.0)
        duration = scene.n ? scene.segments[scene.n - 1].end : RENDER_DEFAULT_DURATION;
    gfx_profile profile = render_choose_profile(&o.r, PROG, duration);
    gfx_feature_source src;
    if ((rc = render_open_features(&o.r, PROG, o.audio, profile.fps, &duration, &src))) {
        gfx_scene_free(&scene);
        return rc;
    }
    if (!o.r.scene_path && gfx_scene_default(&scene, duration)) {
        fprintf(stderr, PROG ": no effects are built in\n");
        gfx_feature_source_close(&src);
        return 1;
    }
    gfx_scene_snap_cuts(&scene, &src.track);
    rc = gfx_interrupted() ? render_exit_status_as(PROG, GFX_INTERRUPTED, "interrupted")
                           : play_loaded(&o, &profile, &scene, &src);
    gfx_feature_source_close(&src);
    gfx_scene_free(&scene);
    return rc;
}
