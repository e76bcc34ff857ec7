/* glyphfx render: frames from a scene and features, to a PNG sequence, one
 * test frame, a contact sheet, or nowhere (--null, for timing).
 *
 * The two places that grow with the audio and video paths are
 * load_features() (where the frames' features come from) and open_sink()
 * (where frames go); everything else is option handling and the loop. */
#include <errno.h>
#include <pthread.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio.h"
#include "commands.h"
#include "ffmpeg_sink.h"
#include "gfx_kernels.h"
#include "font.h"
#include "frame.h"
#include "gfx_kernels.h"
#include "grid.h"
#include "palette.h"
#include "png_sink.h"
#include "profile.h"
#include "progress.h"
#include "scene.h"
#include "segments.h"
#include "soundtrack.h"
#include "synth_features.h"
#include "verify.h"
#include "wisdom.h"
#include "workers.h"
#include "timing.h"

#define MAX_WIDTH 7680
#define MAX_HEIGHT 4320
#define DEFAULT_DURATION 30.0
#define DEFAULT_BPM 120.0f
#define AUTO_BUDGET_S 3600.0 /* the seed: downgrade when a render would pass an hour */

struct render_options {
    const char *audio; /* positional input, or NULL: synthesized features */
    const char *png_dir;
    const char *output; /* -o */
    const char *scene_path;
    const char *font_path;
    const char *contact_sheet;
    const char *quality; /* draft|preview|production|max|auto */
    int width, height;   /* 0: the profile's */
    double fps;          /* 0: the profile's */
    double duration;     /* 0: the input's, the scene's, or DEFAULT_DURATION */
    double test_frame;   /* < 0: none */
    int first, last;     /* --frames A:B, last < 0: all */
    uint32_t seed;
    float bpm;
    int workers;
    enum gfx_pin pin;
    int segments;                 /* --segments N: 0 = one encoder */
    int shard_index, shard_count; /* --shard I/N: 0/0 = whole render */
    int resume;
    int null_sink;
    int crf;            /* -1: the profile's */
    const char *preset; /* x264 preset; NULL: the sink's default */
    int quiet;          /* no progress, no profile line, no verification */
    int stage_times;
    int list;
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: glyphfx render [AUDIO] [options]\n\n"
            "Renders an audio-reactive ASCII-art video. AUDIO is any file ffmpeg reads (its\n"
            "features are cached next to it). Without AUDIO a video gets the built-in\n"
            "soundtrack, and other outputs synthesized features at --bpm. With no arguments\n"
            "at all, writes demo.mp4.\n\n"
            "output (one of):\n"
            "  --png-dir DIR        PNG sequence DIR/frame_000000.png ...\n"
            "  --test-frame SEC     one frame at SEC seconds to -o FILE.png (default\n"
            "                       test_frame.png, or in --png-dir); prints its brightness\n"
            "  --contact-sheet FILE one frame of every effect, tiled, to FILE.png\n"
            "  --null               render and discard (timing)\n"
            "  --stage-times        time each stage of plasma + the full shader chain\n"
            "  --list               effects, palettes, hue mappings, shaders and their params\n"
            "  -o FILE              video: .mp4 (H.264 + AAC), .gif or .webm (default\n"
            "                       demo.mp4, or AUDIO's name with .mp4)\n\n"
            "what and how:\n"
            "  --quality Q          draft|preview|production|max|auto (default auto: measured)\n"
            "  --resolution WxH     override the profile's size (1x1 .. 7680x4320)\n"
            "  --fps N              override the profile's frame rate (1..240)\n"
            "  --duration SEC       length (default: the scene's end, or %.0f s)\n"
            "  --frames A:B         render frames A..B-1 only\n"
            "  --scene FILE         JSON scene (default: the built-in scene list)\n"
            "  --font FILE          TrueType/OpenType font (default DejaVu Sans Mono)\n"
            "  --seed N             noise and feature seed (default 1)\n"
            "  --bpm N              tempo of the synthesized features (default %.0f)\n"
            "  --workers N          render threads (0 = auto: cores less 1-2 for the encoder)\n"
            "  --pin MODE           bind workers per core (default), per pu, or none\n"
            "  --segments N         N contiguous segments, each its own ffmpeg, joined at the end\n"
            "                       (MP4; a manifest in OUTPUT.parts/ records finished ones)\n"
            "  --shard I/N          render only segment I of N (a cluster job); the last joins\n"
            "  --resume             re-render missing or damaged segments, then join\n"
            "  --crf N              video quality, 0 (lossless) .. 51 (default: the profile's)\n"
            "  --preset P           x264 preset, ultrafast .. veryslow (default veryfast)\n"
            "  --quiet              no progress, no profile line, no check of the video\n",
            DEFAULT_DURATION, DEFAULT_BPM);
}

static int bad(const char *fmt, const char *opt, const char *value)
{
    fprintf(stderr, "glyphfx render: ");
    fprintf(stderr, fmt, opt, value);
    fputc('\n', stderr);
    return 2;
}

static int parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int parse_int(const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

static int parse_resolution(const char *s, int *w, int *h)
{
    char *x = strchr(s, 'x');
    if (!x)
        return -1;
    char width[32];
    size_t n = (size_t)(x - s);
    if (n == 0 || n >= sizeof width)
        return -1;
    memcpy(width, s, n);
    width[n] = 0;
    long lw, lh;
    if (parse_int(width, 1, MAX_WIDTH, &lw) || parse_int(x + 1, 1, MAX_HEIGHT, &lh))
        return -1;
    *w = (int)lw, *h = (int)lh;
    return 0;
}

/* 0 ok, 1 --help printed, 2 bad usage (a line printed). */
static int parse_options(int argc, char **argv, struct render_options *o)
{
    *o = (struct render_options){.quality = "auto",
                                 .test_frame = -1.0,
                                 .last = -1,
                                 .seed = 1,
                                 .bpm = DEFAULT_BPM,
                                 .crf = -1,
                                 .pin = GFX_PIN_CORE};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 1;
        }
        if (!strcmp(a, "--null")) {
            o->null_sink = 1;
            continue;
        }
        if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            o->quiet = 1;
            continue;
        }
        if (!strcmp(a, "--stage-times")) {
            o->stage_times = 1;
            continue;
        }
        if (!strcmp(a, "--resume")) {
            o->resume = 1;
            continue;
        }
        if (!strcmp(a, "--list")) {
            o->list = 1;
            continue;
        }
        if (a[0] != '-') {
            if (o->audio)
                return bad("%s: a second input '%s'; expected one AUDIO file", "", a);
            o->audio = a;
            continue;
        }
        if (i + 1 >= argc)
            return bad("%s needs a value%s; see glyphfx render --help", a, "");
        const char *v = argv[++i];
        double d;
        long l;
        if (!strcmp(a, "--png-dir"))
            o->png_dir = v;
        else if (!strcmp(a, "-o") || !strcmp(a, "--output"))
            o->output = v;
        else if (!strcmp(a, "--scene"))
            o->scene_path = v;
        else if (!strcmp(a, "--font"))
            o->font_path = v;
        else if (!strcmp(a, "--contact-sheet"))
            o->contact_sheet = v;
        else if (!strcmp(a, "--quality")) {
            if (strcmp(v, "auto") != 0 && !gfx_profile_find(v))
                return bad("%s %s: unknown quality; expected draft|preview|production|max|auto", a,
                           v);
            o->quality = v;
        } else if (!strcmp(a, "--resolution")) {
            if (parse_resolution(v, &o->width, &o->height))
                return bad("%s %s: expected WxH with 1 <= W <= 7680 and 1 <= H <= 4320", a, v);
        } else if (!strcmp(a, "--fps")) {
            if (parse_double(v, &d) || d < 1.0 || d > 240.0)
                return bad("%s %s: expected a frame rate in 1..240", a, v);
            o->fps = d;
        } else if (!strcmp(a, "--duration")) {
            if (parse_double(v, &d) || d <= 0.0 || d > 86400.0)
                return bad("%s %s: expected seconds in (0, 86400]", a, v);
            o->duration = d;
        } else if (!strcmp(a, "--test-frame")) {
            if (parse_double(v, &d) || d < 0.0 || d > 86400.0)
                return bad("%s %s: expected a time in seconds, 0..86400", a, v);
            o->test_frame = d;
        } else if (!strcmp(a, "--frames")) {
            char err[256];
            if (gfx_parse_frame_range(v, &o->first, &o->last, err, sizeof err))
                return bad("%s%s", err, "");
        } else if (!strcmp(a, "--seed")) {
            if (parse_int(v, 0, UINT32_MAX, &l))
                return bad("%s %s: expected an integer in 0..4294967295", a, v);
            o->seed = (uint32_t)l;
        } else if (!strcmp(a, "--bpm")) {
            if (parse_double(v, &d) || d < 20.0 || d > 400.0)
                return bad("%s %s: expected a tempo in 20..400", a, v);
            o->bpm = (float)d;
        } else if (!strcmp(a, "--crf")) {
            if (parse_int(v, 0, 51, &l))
                return bad("%s %s: expected 0 (lossless) .. 51", a, v);
            o->crf = (int)l;
        } else if (!strcmp(a, "--preset")) {
            static const char *const presets[] = {"ultrafast", "superfast", "veryfast", "faster",
                                                  "fast",      "medium",    "slow",     "slower",
                                                  "veryslow",  "placebo"};
            int known = 0;
            for (size_t k = 0; k < sizeof presets / sizeof *presets; k++)
                known |= !strcmp(v, presets[k]);
            if (!known)
                return bad("%s %s: unknown preset; expected ultrafast|superfast|veryfast|faster|"
                           "fast|medium|slow|slower|veryslow|placebo",
                           a, v);
            o->preset = v;
        } else if (!strcmp(a, "--workers")) {
            if (parse_int(v, 0, INT_MAX, &l))
                return bad("%s %s: expected a worker count, 0 (auto) or more", a, v);
            o->workers = (int)l;
        } else if (!strcmp(a, "--pin")) {
            int pin = gfx_pin_parse(v);
            if (pin < 0)
                return bad("%s %s: expected none|core|pu", a, v);
            o->pin = (enum gfx_pin)pin;
        } else if (!strcmp(a, "--segments")) {
            if (parse_int(v, 1, 10000, &l))
                return bad("%s %s: expected a segment count, 1..10000", a, v);
            o->segments = (int)l;
        } else if (!strcmp(a, "--shard")) {
            char err[256];
            if (gfx_parse_shard(v, &o->shard_index, &o->shard_count, err, sizeof err))
                return bad("%s%s", err, "");
        } else
            return bad("%s: unknown option%s; see glyphfx render --help", a, "");
    }
    return 0;
}

/* Frames go to ffmpeg (-o with a video extension, not a test frame). */
static int wants_video(const struct render_options *o)
{
    return o->output && !o->null_sink && !o->png_dir && o->test_frame < 0.0 && !o->contact_sheet;
}

/* The song's features (analyzed, or from the cache next to it). The song
 * sets the length unless --duration asks for less. */
static int load_audio_features(const struct render_options *o, double fps, double *duration,
                               gfx_feature_track *track)
{
    gfx_audio_info info;
    double t0 = gfx_now_s();
    int rc = gfx_audio_load(o->audio, fps, track, &info);
    if (rc)
        return rc;
    if (!o->quiet) {
        if (info.from_cache)
            fprintf(stderr, "glyphfx render: %s: %.1f s, features from the cache %s\n", o->audio,
                    info.duration, info.cache_path);
        else
            fprintf(stderr, "glyphfx render: %s: %.1f s, %.0f BPM, analyzed in %.2f s\n", o->audio,
                    info.duration, track->bpm, gfx_now_s() - t0);
    }
    if (info.container_duration > info.duration + 0.5)
        fprintf(stderr,
                "glyphfx render: warning: %s: decoded %.1f s of audio, but the file says it lasts "
                "%.1f s (truncated or damaged?); the video follows the decoded %.1f s\n",
                o->audio, info.duration, info.container_duration, info.duration);
    *duration = o->duration > 0.0 && o->duration < info.duration ? o->duration : info.duration;
    int n_frames = (int)ceil(*duration * fps - 1e-9);
    if (n_frames < track->n_frames)
        track->n_frames = n_frames < 1 ? 1 : n_frames;
    return 0;
}

/* The built-in soundtrack as a WAV in $TMPDIR (removed at exit), so a video
 * without an input still has sound; its features are analyzed in-process. */
static char soundtrack_path[4096];

static void remove_soundtrack(void)
{
    if (soundtrack_path[0])
        unlink(soundtrack_path);
}

static int load_soundtrack(const struct render_options *o, double fps, double *duration,
                           gfx_feature_track *track, char *mux_audio, size_t mux_size)
{
    double seconds = o->duration > 0.0 ? o->duration : GFX_SOUNDTRACK_SECONDS;
    size_t n;
    float *samples = gfx_soundtrack_synthesize(seconds, GFX_AUDIO_RATE, &n);
    if (!samples || gfx_audio_analyze(samples, n, GFX_AUDIO_RATE, fps, track)) {
        free(samples);
        if (gfx_interrupted())
            return GFX_EXIT_INTERRUPTED;
        fprintf(stderr, "glyphfx render: out of memory for %.0f s of soundtrack\n", seconds);
        return 1;
    }
    const char *tmp = getenv("TMPDIR");
    int len = snprintf(soundtrack_path, sizeof soundtrack_path, "%s/glyphfx-soundtrack-%ld.wav",
                       tmp && *tmp ? tmp : "/tmp", (long)getpid());
    if (len < 0 || (size_t)len >= sizeof soundtrack_path) { /* a cut name could be another file */
        soundtrack_path[0] = '\0';
        free(samples);
        gfx_feature_track_release(track);
        fprintf(stderr, "glyphfx render: TMPDIR=%s: too long for the built-in soundtrack's file\n",
                tmp);
        return 2;
    }
    atexit(remove_soundtrack);
    int rc = gfx_write_wav(soundtrack_path, samples, n, GFX_AUDIO_RATE);
    free(samples);
    if (rc) {
        fprintf(stderr, "glyphfx render: %s: cannot write the built-in soundtrack: %s\n",
                soundtrack_path, strerror(errno));
        soundtrack_path[0] = '\0';
        return 1;
    }
    snprintf(mux_audio, mux_size, "%s", soundtrack_path);
    *duration = seconds;
    return 0;
}

static void print_params(const gfx_param_desc *p, int n)
{
    for (int j = 0; j < n; j++)
        printf("    %-12s %g (%g..%g)  %s\n", p[j].name, p[j].def, p[j].min, p[j].max,
               p[j].help ? p[j].help : "");
}

/* What a scene file may name. */
static void print_catalogue(void)
{
    printf("effects:\n");
    for (int i = 0; i < gfx_effect_count(); i++) {
        const gfx_effect_desc *e = gfx_effect_at(i);
        printf("  %-10s %s\n", e->name, e->summary ? e->summary : "");
        print_params(e->params, e->n_params);
    }
    printf("shaders:\n");
    for (int i = 0; i < GFX_SHADERS; i++) {
        const gfx_shader_desc *d = gfx_shader_at(i);
        printf("  %-10s %s (%s)\n", d->name, d->summary, gfx_shader_level_name(d->level));
        print_params(d->params, d->n_params);
    }
    printf("palettes (characters):\n");
    for (int i = 0; i < gfx_ramp_count(); i++)
        printf("  %-10s \"%s\"\n", gfx_ramp_name(i), gfx_ramp_chars(i));
    printf("colours:");
    for (int i = 0; i < gfx_colours_count(); i++)
        printf(" %s", gfx_colours_name(i));
    printf("\nhue mappings:");
    for (int i = 0; i < GFX_HUE_MAPPINGS; i++)
        printf(" %s", gfx_hue_name(i));
    printf("\ngrids: %s\nfeatures: %s\n", gfx_grid_size_choices(), gfx_feature_choices());
}

/* The features of every frame: from the audio file, the built-in soundtrack
 * (video output without input), or synthesized. *duration is set from the
 * input when the user gave none; mux_audio receives the file whose sound
 * goes into the video ("" for none). 0, or the exit status after printing
 * why. */
static int load_features(const struct render_options *o, double fps, double *duration,
                         gfx_feature_track *track, char *mux_audio, size_t mux_size)
{
    mux_audio[0] = '\0';
    if (o->audio) {
        snprintf(mux_audio, mux_size, "%s", o->audio);
        return load_audio_features(o, fps, duration, track);
    }
    if (wants_video(o))
        return load_soundtrack(o, fps, duration, track, mux_audio, mux_size);
    int n_frames = (int)ceil(*duration * fps - 1e-9);
    if (gfx_synth_features(track, n_frames < 1 ? 1 : n_frames, fps, o->bpm, o->seed)) {
        fprintf(stderr, "glyphfx render: out of memory for %d frames of features\n", n_frames);
        return 1;
    }
    return 0;
}

static gfx_encode_settings encode_settings(const struct render_options *o,
                                           const gfx_profile *profile, int first, int last,
                                           const char *mux_audio)
{
    return (gfx_encode_settings){.output = o->output,
                                 .audio = mux_audio && mux_audio[0] ? mux_audio : NULL,
                                 .audio_start = first / profile->fps,
                                 .width = profile->width,
                                 .height = profile->height,
                                 .fps = profile->fps,
                                 .n_frames = last - first,
                                 .crf = o->crf >= 0 ? o->crf : profile->crf,
                                 .preset = o->preset};
}

/* Where the frames go. NULL after printing why, with *status the exit code. */
static gfx_sink *open_sink(const struct render_options *o, const gfx_profile *profile, int first,
                           int last, const char *mux_audio, int *status)
{
    char err[512];
    gfx_sink *sink = NULL;
    *status = 2;
    if (o->null_sink) {
        sink = gfx_null_sink_open();
        *status = 1;
    } else if (o->png_dir) {
        sink = gfx_png_sink_open(o->png_dir, err, sizeof err);
        if (!sink)
            fprintf(stderr, "glyphfx render: %s\n", err);
        return sink;
    } else if (o->output) {
        gfx_encode_settings es = encode_settings(o, profile, first, last, mux_audio);
        return gfx_ffmpeg_sink_open(&es, status);
    } else {
        fprintf(stderr, "glyphfx render: no output; expected --png-dir DIR, --test-frame SEC, "
                        "--contact-sheet FILE or --null\n");
        return NULL;
    }
    if (!sink)
        fprintf(stderr, "glyphfx render: out of memory opening the sink\n");
    return sink;
}

/* One line before rendering: the machine, the profile, and the time a
 * short measured render predicts for this many workers. It is a floor for
 * a video: at large sizes x264, not the renderer, sets the pace. */
static void print_plan(const gfx_profile *p, int frames, int crf, int workers, int video)
{
    gfx_topology_summary topo;
    gfx_topology_read(&topo);
    double ms = gfx_profile_measure_ms(p, 8);
    char estimate[96] = "unknown";
    if (ms > 0)
        snprintf(estimate, sizeof estimate, "%.0f s (%.1f ms/frame measured, %d worker%s)%s",
                 frames * ms / 1e3 / workers, ms, workers, workers == 1 ? "" : "s",
                 video ? " plus what the encoder needs beyond it" : "");
    fprintf(stderr,
            "glyphfx render: hardware %d cores/%d PUs, %.1f GiB, kernels %s; profile %s "
            "%dx%d @%g fps crf %d; %d frames, estimated render time %s\n",
            topo.cores, topo.pus, topo.mem_gib,
            gfx_isa_name(gfx_kernels_get()->isa_used[GFX_K_BLIT]), p->name, p->width, p->height,
            p->fps, crf, frames, estimate);
}

/* After a video is written: the brightness and duration checks of
 * `glyphfx verify`, as warnings. */
static void check_video(const char *path)
{
    gfx_verify_report report;
    gfx_error err;
    if (gfx_verify_video(path, 6, &report, &err) != GFX_OK) {
        fprintf(stderr, "glyphfx render: warning: cannot check the video: %s\n", err.line);
        return;
    }
    int dark = gfx_verify_dark_samples(&report);
    for (int i = 0; i < report.n_samples && dark; i++) {
        const gfx_verify_sample *s = &report.samples[i];
        if (!(s->mean > s->target))
            fprintf(stderr,
                    "glyphfx render: warning: %s is dark at %.1f s (mean brightness %.1f; "
                    "the target for a %s part is above %.0f)\n",
                    path, s->time, s->mean, s->active ? "loud" : "quiet", s->target);
    }
    if (!gfx_verify_durations_agree(&report))
        fprintf(stderr, "glyphfx render: warning: %s: video lasts %.3f s, audio %.3f s\n", path,
                report.video_duration, report.audio_duration);
    if (!dark && gfx_verify_durations_agree(&report))
        fprintf(stderr,
                "glyphfx render: checked %s: brightness and durations ok "
                "(glyphfx verify %s for details)\n",
                path, path);
}

/* The profile, with auto measured on this machine. */
static gfx_profile choose_profile(const struct render_options *o, double duration)
{
    const gfx_profile *p = gfx_profile_find(o->quality);
    if (!p) {
        double ms[GFX_PROFILES] = {0};
        for (int i = GFX_PROFILE_DRAFT; i <= GFX_PROFILE_PRODUCTION; i++)
            ms[i] = gfx_profile_measure_ms(gfx_profile_at(i), 5);
        char why[256];
        gfx_worker_plan plan;
        int workers = gfx_worker_plan_make(
                          &plan, o->workers, o->pin,
                          gfx_profile_worker_bytes(gfx_profile_at(GFX_PROFILE_PRODUCTION))) == 0
                          ? plan.workers
                          : 1;
        p = gfx_profile_choose(ms, workers, duration > 0.0 ? duration : DEFAULT_DURATION,
                               AUTO_BUDGET_S, why, sizeof why);
        if (!o->quiet)
            fprintf(stderr, "glyphfx render: quality auto -> %s\n", why);
    }
    gfx_profile chosen = *p;
    if (o->width)
        chosen.width = o->width, chosen.height = o->height;
    if (o->fps > 0.0)
        chosen.fps = o->fps;
    return chosen;
}

/* Opens the font once up front, so a bad --font is a usage error (2). */
static int check_font(const char *path)
{
    char err[512];
    gfx_font *font = gfx_font_open(path, err, sizeof err);
    if (!font) {
        fprintf(stderr, "glyphfx render: --font %s\n", err);
        return 2;
    }
    gfx_font_close(font);
    return 0;
}

static gfx_renderer *make_renderer(const gfx_profile *p, const struct render_options *o,
                                   const gfx_scene *scene, FILE *report)
{
    gfx_render_config cfg = {p->width,        p->height,        p->fps,       p->grid_scale,
                             p->shader_level, p->particles_max, o->font_path, report};
    char err[512];
    gfx_renderer *r = gfx_renderer_create(&cfg, err, sizeof err);
    if (r && gfx_renderer_prepare(r, scene, err, sizeof err)) {
        gfx_renderer_free(r);
        r = NULL;
    }
    if (!r)
        fprintf(stderr, "glyphfx render: %s\n", err);
    return r;
}

static int write_test_frame(const struct render_options *o, const gfx_profile *p,
                            const gfx_scene *scene, const gfx_feature_track *track)
{
    char path[4096], err[512];
    int len = o->output
                  ? snprintf(path, sizeof path, "%s", o->output)
                  : snprintf(path, sizeof path, "%s/test_frame.png", o->png_dir ? o->png_dir : ".");
    if (len < 0 || (size_t)len >= sizeof path) { /* a cut name could be another file */
        fprintf(stderr,
                "glyphfx render: --test-frame: output path too long (%d bytes, at most %zu)\n", len,
                sizeof path - 1);
        return 2;
    }
    gfx_renderer *r = make_renderer(p, o, scene, stderr);
    if (!r)
        return 2;
    int frame = (int)lround(o->test_frame * p->fps);
    const gfx_image *img = gfx_render_frame(r, scene, track, frame, o->seed);
    int rc = img ? 0 : 1;
    if (img && gfx_png_write(path, img, 1, err, sizeof err)) {
        fprintf(stderr, "glyphfx render: %s\n", err);
        rc = 2;
    } else if (img) {
        double mean;
        int max;
        gfx_image_brightness(img, &mean, &max);
        printf("%s: frame %d (%.2f s) %dx%d mean %.1f max %d\n", path, frame, frame / p->fps,
               img->width, img->height, mean, max);
    }
    gfx_renderer_free(r);
    return rc;
}

/* One tile per effect, in the built-in scene's look for it, at a quarter of
 * 1280x720 scaled grids; 4 tiles a row. */
static int write_contact_sheet(const struct render_options *o, const gfx_feature_track *track,
                               double fps)
{
    enum { TILE_W = 640, TILE_H = 360, PER_ROW = 4 };
    int n = gfx_effect_count();
    gfx_scene scene;
    if (n <= 0 || gfx_scene_default(&scene, n * 8.0)) {
        fprintf(stderr, "glyphfx render: no effects to show\n");
        return 1;
    }
    int rows = (n + PER_ROW - 1) / PER_ROW;
    gfx_image sheet;
    gfx_profile tile = *gfx_profile_find("production");
    tile.width = TILE_W, tile.height = TILE_H, tile.fps = fps, tile.grid_scale = 0.5f;
    gfx_renderer *r = make_renderer(&tile, o, &scene, stderr);
    int sheet_failed = r && gfx_image_alloc(&sheet, TILE_W * PER_ROW, TILE_H * rows);
    if (sheet_failed)
        fprintf(stderr, "glyphfx render: --contact-sheet %s: out of memory for a %dx%d sheet\n",
                o->contact_sheet, TILE_W * PER_ROW, TILE_H * rows);
    if (!r || sheet_failed) {
        gfx_renderer_free(r);
        gfx_scene_free(&scene);
        return 1;
    }
    int rc = 0;
    for (int i = 0; i < scene.n && i < n && rc == 0; i++) {
        gfx_segment *seg = &scene.segments[i];
        seg->transition = GFX_TRANSITION_CUT;
        gfx_scene one = {seg, 1};
        /* A moment inside the feature track (its length is the render's
         * duration), a little later for each effect so beats vary. */
        int frame = (int)lround((4.0 + 0.45 * i) * fps);
        if (frame >= track->n_frames)
            frame = track->n_frames - 1;
        const gfx_image *img = gfx_render_frame(r, &one, track, frame, o->seed);
        if (!img) {
            rc = 1;
            break;
        }
        double mean;
        int max;
        gfx_image_brightness(img, &mean, &max);
        printf("%-10s %-9s %-9s %-8s mean %5.1f max %3d\n", seg->effect->name,
               gfx_ramp_name(seg->ramp), gfx_colours_name(seg->colours), gfx_hue_name(seg->hue),
               mean, max);
        int tx = (i % PER_ROW) * TILE_W, ty = (i / PER_ROW) * TILE_H;
        for (int y = 0; y < TILE_H; y++)
            memcpy(sheet.px + (ty + y) * sheet.stride + 3 * tx, img->px + y * img->stride,
                   (size_t)TILE_W * 3);
    }
    char err[512];
    if (rc == 0 && gfx_png_write(o->contact_sheet, &sheet, 1, err, sizeof err)) {
        fprintf(stderr, "glyphfx render: %s\n", err);
        rc = 2;
    } else if (rc == 0)
        printf("%s: %d effects, %dx%d\n", o->contact_sheet, n, sheet.width, sheet.height);
    gfx_image_free(&sheet);
    gfx_renderer_free(r);
    gfx_scene_free(&scene);
    return rc;
}

/* Median milliseconds of each stage over STAGE_FRAMES frames of one
 * segment: plasma through bloom, vignette, crt + scanlines and grain (the
 * issue's whole frame), and each shader alone. */
static int print_stage_times(const struct render_options *o, const gfx_profile *p,
                             const gfx_feature_track *track)
{
    enum { STAGE_FRAMES = 41, STAGES = 5 + GFX_SHADERS };
    static const int chain[] = {GFX_SHADER_BLOOM, GFX_SHADER_VIGNETTE, GFX_SHADER_CRT,
                                GFX_SHADER_SCANLINES, GFX_SHADER_GRAIN};
    gfx_shader_step steps[GFX_SHADERS];
    for (int i = 0; i < GFX_SHADERS; i++)
        steps[i] = gfx_shader_step_default(i < 5 ? chain[i] : 0);
    const gfx_effect_desc *effect = gfx_effect_find("plasma");
    gfx_scene scene;
    if (!effect || gfx_scene_single(&scene, effect, GFX_GRID_MD, -1, gfx_colours_find("neon"),
                                    GFX_HUE_ANGLE, steps, 5))
        return 1;
    gfx_renderer *r = make_renderer(p, o, &scene, stderr);
    if (!r) {
        gfx_scene_free(&scene);
        return 2;
    }
    static double ms[STAGES][STAGE_FRAMES];
    const gfx_segment *seg = &scene.segments[0];
    gfx_image *canvas = gfx_renderer_canvas(r);
    for (int f = 0; f < STAGE_FRAMES; f++) {
        double t[6];
        t[0] = gfx_now_s();
        gfx_stage_effect(r, seg, track, f, o->seed);
        t[1] = gfx_now_s();
        gfx_stage_tonemap(r, seg);
        t[2] = gfx_now_s();
        gfx_stage_colour(r, seg, f);
        t[3] = gfx_now_s();
        gfx_stage_blit(r, canvas);
        t[4] = gfx_now_s();
        gfx_stage_shaders(r, seg, canvas, track, f, o->seed);
        t[5] = gfx_now_s();
        for (int s = 0; s < 5; s++)
            ms[s][f] = 1e3 * (t[s + 1] - t[s]);
        for (int sh = 0; sh < GFX_SHADERS; sh++) {
            gfx_segment alone = *seg;
            alone.shaders[0] = gfx_shader_step_default(sh);
            alone.n_shaders = 1;
            double t0 = gfx_now_s();
            gfx_stage_shaders(r, &alone, canvas, track, f, o->seed);
            ms[5 + sh][f] = 1e3 * (gfx_now_s() - t0);
        }
    }
    static const char *const names[5] = {"effect (plasma)", "tonemap", "colour", "clear + blit",
                                         "shader chain"};
    printf("%dx%d, grid md x %.2f, kernels %s, median of %d frames (ms):\n", p->width, p->height,
           p->grid_scale, gfx_isa_name(gfx_kernels_get()->isa_used[GFX_K_BLIT]), STAGE_FRAMES);
    double total = 0.0;
    for (int s = 0; s < STAGES; s++) {
        double m = gfx_sort_median(ms[s], STAGE_FRAMES);
        if (s < 5) {
            total += m;
            printf("  %-22s %7.3f\n", names[s], m);
        } else
            printf("    alone: %-13s %7.3f%s\n", gfx_shader_at(s - 5)->name, m,
                   s - 5 == GFX_SHADER_HUE_ROTATE ? "   (turns the cells: part of colour)" : "");
        if (s == 4)
            printf("  %-22s %7.3f   (bloom, vignette, crt+scanlines, grain)\n", "whole frame",
                   total);
    }
    printf("renderer memory: %.1f MB\n", gfx_renderer_bytes(r) / 1048576.0);
    gfx_renderer_free(r);
    gfx_scene_free(&scene);
    return 0;
}

/* ------------------------------------------------------------ parallel render
 * Each worker thread owns a renderer; the pool hands finished frames to the
 * sink in order (render/workers.h), so the bytes do not depend on how many
 * workers there are. */

struct render_job {
    const struct render_options *o;
    const gfx_profile *p;
    const gfx_scene *scene;
    const gfx_feature_track *track;
    gfx_progress *progress;
    pthread_mutex_t progress_lock; /* concurrent segments share one bar */
    int frames_done;
};

struct worker {
    gfx_renderer *renderer;
    const struct render_job *job;
};

static void *worker_new(void *user, int index)
{
    const struct render_job *job = user;
    struct worker *w = malloc(sizeof *w);
    if (!w)
        return NULL;
    /* only the first worker reports dropped characters: the others would repeat it */
    w->renderer =
        make_renderer(job->p, job->o, job->scene, index == 0 && !job->o->quiet ? stderr : NULL);
    w->job = job;
    if (!w->renderer) {
        free(w);
        return NULL;
    }
    return w;
}

static int worker_render(void *state, int frame, gfx_image *out)
{
    struct worker *w = state;
    const gfx_image *img =
        gfx_render_frame(w->renderer, w->job->scene, w->job->track, frame, w->job->o->seed);
    if (!img)
        return -1;
    /* A copy, not a buffer swap: swapping measured slower (each renderer then
     * cycles through every slot's buffer, and the working set leaves L3). */
    memcpy(out->px, img->px, gfx_image_bytes(img));
    return 0;
}

static void worker_free(void *state)
{
    struct worker *w = state;
    gfx_renderer_free(w->renderer);
    free(w);
}

static void worker_progress(void *user, int frames_done_here)
{
    (void)frames_done_here; /* one call per frame written; segments add up */
    struct render_job *job = user;
    pthread_mutex_lock(&job->progress_lock);
    gfx_progress_update(job->progress, ++job->frames_done);
    pthread_mutex_unlock(&job->progress_lock);
}

static int render_frames(struct render_job *job, const gfx_worker_plan *plan, int first, int last,
                         gfx_sink *sink)
{
    gfx_worker_callbacks cb = {worker_new, worker_render, worker_free, worker_progress, job};
    return gfx_workers_run(plan, job->p->width, job->p->height, first, last, &cb, sink,
                           gfx_interrupt_flag());
}

static int interrupted_exit(void)
{
    fprintf(stderr, "glyphfx render: interrupted; removed the partial output\n");
    return GFX_EXIT_INTERRUPTED;
}

static int make_plan(const struct render_options *o, const gfx_profile *p, gfx_worker_plan *plan)
{
    if (gfx_worker_plan_make(plan, o->workers, o->pin, gfx_profile_worker_bytes(p)) < 0) {
        fprintf(stderr, "glyphfx render: %s\n", plan->why);
        return 2;
    }
    return 0;
}

static void print_workers(const struct render_options *o, const gfx_worker_plan *plan)
{
    if (!o->quiet)
        fprintf(stderr, "glyphfx render: %s; pinned per %s\n", plan->why, gfx_pin_name(o->pin));
}

static int render_sequence(const struct render_options *o, const gfx_profile *p,
                           const gfx_scene *scene, const gfx_feature_track *track, int first,
                           int last, const char *mux_audio)
{
    gfx_worker_plan plan;
    int status = make_plan(o, p, &plan);
    if (status)
        return status;
    gfx_sink *sink = open_sink(o, p, first, last, mux_audio, &status);
    if (!sink)
        return status;
    /* After the sink opened: a bad output path stays the only line printed. */
    print_workers(o, &plan);
    if (!o->quiet) {
        print_plan(p, last - first, o->crf >= 0 ? o->crf : p->crf, plan.workers, wants_video(o));
        fprintf(stderr, "glyphfx render: %dx%d @%g fps, %s shaders, frames %d..%d, %s\n", p->width,
                p->height, p->fps, gfx_shader_level_name(p->shader_level), first, last - 1,
                sink->description);
    }
    double t0 = gfx_now_s();
    struct render_job job = {.o = o,
                             .p = p,
                             .scene = scene,
                             .track = track,
                             .progress = gfx_progress_new(last - first, o->quiet)};
    pthread_mutex_init(&job.progress_lock, NULL);
    gfx_progress_stage(job.progress, "rendering");
    int rc = render_frames(&job, &plan, first, last, sink);
    pthread_mutex_destroy(&job.progress_lock);
    if (rc || gfx_interrupted()) {
        gfx_progress_end(job.progress, 0);
        sink->abort(sink);
        return gfx_interrupted() ? interrupted_exit() : 1;
    }
    gfx_progress_stage(job.progress, "finishing");
    gfx_progress_end(job.progress, 0);
    char described[96];
    snprintf(described, sizeof described, "%s", sink->description);
    if (sink->finish(sink))
        return gfx_interrupted() ? GFX_EXIT_INTERRUPTED : 1;
    double s = gfx_now_s() - t0;
    int frames = last - first;
    if (!o->quiet)
        fprintf(stderr, "glyphfx render: %d frames in %.2f s (%.1f fps, %.2f ms/frame) to %s\n",
                frames, s, frames / s, 1e3 * s / frames, described);
    if (wants_video(o) && !o->quiet)
        check_video(o->output);
    return 0;
}

/* ------------------------------------------------------- segments and shards */

/* Everything that decides a segment's bytes: a resume with other settings
 * must not reuse them. Files are named by path, size and modification time
 * (the built-in soundtrack, rewritten per run, by its name only). */
static void settings_key(const struct render_options *o, const gfx_profile *p, int total_frames,
                         char key[17])
{
    char text[4096];
    struct stat scene = {0}, audio = {0};
    if (o->scene_path)
        stat(o->scene_path, &scene);
    if (o->audio)
        stat(o->audio, &audio);
    snprintf(text, sizeof text,
             "v1 scene=%s:%lld:%lld audio=%s:%lld:%lld seed=%u %dx%d fps=%g frames=%d crf=%d "
             "preset=%s profile=%s bpm=%g font=%s",
             o->scene_path ? o->scene_path : "built-in", (long long)scene.st_size,
             (long long)scene.st_mtime, o->audio ? o->audio : "built-in", (long long)audio.st_size,
             (long long)audio.st_mtime, o->seed, p->width, p->height, p->fps, total_frames,
             o->crf >= 0 ? o->crf : p->crf, o->preset ? o->preset : "-", p->name, o->bpm,
             o->font_path ? o->font_path : "-");
    gfx_settings_key(text, key);
}

struct segment_run {
    struct render_job *job;
    const gfx_worker_plan *plan; /* workers per segment */
    gfx_manifest *manifest;
    const int *todo;
    int n_todo, next;
    int failed;
    pthread_mutex_t lock; /* next, failed, the manifest */
};

static int render_one_segment(struct segment_run *run, int index)
{
    const struct render_options *o = run->job->o;
    gfx_segment_file *seg = &run->manifest->segments[index];
    struct render_options seg_opts = *o;
    seg_opts.output = seg->file;
    int status;
    gfx_encode_settings es = encode_settings(&seg_opts, run->job->p, seg->first, seg->last, NULL);
    gfx_sink *sink = gfx_ffmpeg_sink_open(&es, &status);
    if (!sink)
        return -1;
    if (render_frames(run->job, run->plan, seg->first, seg->last, sink) < 0) {
        sink->abort(sink);
        return -1;
    }
    if (sink->finish(sink))
        return -1;
    char err[2048];
    pthread_mutex_lock(&run->lock);
    int rc = gfx_manifest_mark_done(run->manifest, index, err, sizeof err);
    pthread_mutex_unlock(&run->lock);
    if (rc < 0)
        fprintf(stderr, "glyphfx render: %s\n", err);
    return rc;
}

static void *segment_thread(void *arg)
{
    struct segment_run *run = arg;
    for (;;) {
        pthread_mutex_lock(&run->lock);
        int i = run->failed || gfx_interrupted() || run->next >= run->n_todo ? -1 : run->next++;
        pthread_mutex_unlock(&run->lock);
        if (i < 0)
            return NULL;
        if (render_one_segment(run, run->todo[i]) < 0) {
            pthread_mutex_lock(&run->lock);
            run->failed = 1;
            pthread_mutex_unlock(&run->lock);
            /* segments in flight finish and are recorded; no new one starts */
            return NULL;
        }
    }
}

/* Renders the listed segments, several at a time when there are workers to
 * spare: each running segment gets its own ffmpeg and a share of them. */
static int render_segments(struct render_job *job, const gfx_worker_plan *plan, gfx_manifest *m,
                           const int *todo, int n_todo)
{
    int concurrent = n_todo < plan->workers ? n_todo : plan->workers;
    if (concurrent < 1)
        concurrent = 1;
    gfx_worker_plan share = *plan;
    share.workers = plan->workers / concurrent > 0 ? plan->workers / concurrent : 1;
    struct segment_run run = {
        .job = job, .plan = &share, .manifest = m, .todo = todo, .n_todo = n_todo};
    pthread_mutex_init(&run.lock, NULL);
    pthread_t threads[64];
    if (concurrent > 64)
        concurrent = 64;
    int started = 0;
    while (started < concurrent &&
           pthread_create(&threads[started], NULL, segment_thread, &run) == 0)
        started++;
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_mutex_destroy(&run.lock);
    return started == 0 || run.failed || run.next < n_todo ? -1 : 0;
}

/* The manifest for this render: resumed, or newly planned (never over one
 * that exists: that would discard finished segments). */
static int open_manifest(const struct render_options *o, const char *key, int total_frames,
                         gfx_manifest *m)
{
    char err[2048];
    int n = o->shard_count ? o->shard_count : o->segments;
    int rc = gfx_manifest_load(m, o->output, key, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "glyphfx render: %s\n", err);
        return 2;
    }
    if (rc == 0 && !o->resume && !o->shard_count) {
        fprintf(stderr,
                "glyphfx render: %s exists with finished segments; use --resume to finish "
                "and join them, or remove %s to start over\n",
                m->path, m->dir);
        gfx_manifest_free(m);
        return 2;
    }
    if (rc == 0 && o->shard_count && m->n_segments != o->shard_count) {
        fprintf(stderr, "glyphfx render: --shard %d/%d: %s was planned with %d segments\n",
                o->shard_index, o->shard_count, m->path, m->n_segments);
        gfx_manifest_free(m);
        return 2;
    }
    if (rc == 1) {
        if (gfx_manifest_plan(m, o->output, key, total_frames, n > 0 ? n : 1, "mp4", err,
                              sizeof err) < 0 ||
            gfx_manifest_save(m, err, sizeof err) < 0) {
            fprintf(stderr, "glyphfx render: %s\n", err);
            gfx_manifest_free(m);
            return 2;
        }
    }
    return 0;
}

/* The segments this run renders: for a shard, its own; otherwise every one
 * that is not finished and intact (saying why for each on a resume). */
static int segments_to_render(const struct render_options *o, const gfx_manifest *m, int *todo)
{
    int n = 0;
    char why[2048];
    for (int i = 0; i < m->n_segments; i++) {
        if (o->shard_count && i != o->shard_index - 1)
            continue;
        if (gfx_segment_intact(&m->segments[i], why, sizeof why))
            continue;
        if (m->segments[i].done && !o->quiet)
            fprintf(stderr, "glyphfx render: re-rendering segment %d: %s\n", i, why);
        todo[n++] = i;
    }
    return n;
}

static int render_segmented(const struct render_options *o, const gfx_profile *p,
                            const gfx_scene *scene, const gfx_feature_track *track,
                            int total_frames, const char *mux_audio)
{
    if (gfx_video_format_of(o->output) != GFX_VIDEO_MP4) {
        fprintf(stderr,
                "glyphfx render: -o %s: --segments, --shard and --resume write MP4 "
                "segments; expected an .mp4 output\n",
                o->output);
        return 2;
    }
    gfx_worker_plan plan;
    int rc = make_plan(o, p, &plan);
    if (rc)
        return rc;
    char key[17];
    settings_key(o, p, total_frames, key);
    gfx_manifest m;
    if ((rc = open_manifest(o, key, total_frames, &m)))
        return rc;
    print_workers(o, &plan);
    int *todo = calloc((size_t)m.n_segments, sizeof *todo);
    if (!todo) {
        gfx_manifest_free(&m);
        return 1;
    }
    int n_todo = segments_to_render(o, &m, todo), frames = 0;
    for (int i = 0; i < n_todo; i++)
        frames += m.segments[todo[i]].last - m.segments[todo[i]].first;
    if (!o->quiet)
        fprintf(stderr, "glyphfx render: %d of %d segments to render (%d frames) into %s\n", n_todo,
                m.n_segments, frames, m.dir);
    struct render_job job = {.o = o,
                             .p = p,
                             .scene = scene,
                             .track = track,
                             .progress = gfx_progress_new(frames, o->quiet)};
    pthread_mutex_init(&job.progress_lock, NULL);
    gfx_progress_stage(job.progress, "rendering segments");
    rc = n_todo ? render_segments(&job, &plan, &m, todo, n_todo) : 0;
    gfx_progress_end(job.progress, rc == 0);
    pthread_mutex_destroy(&job.progress_lock);
    free(todo);
    char err[2048];
    if (rc < 0)
        rc = gfx_interrupted() ? interrupted_exit() : 1;
    else if (gfx_manifest_check_complete(&m, err, sizeof err) < 0) {
        if (!o->shard_count) {
            fprintf(stderr, "glyphfx render: cannot join: %s\n", err);
            rc = 2;
        } else if (!o->quiet) { /* the other shards are still out there */
            fprintf(stderr,
                    "glyphfx render: shard %d/%d done; join with --resume once every "
                    "shard is (%s)\n",
                    o->shard_index, o->shard_count, err);
        }
    } else if (gfx_segments_join(&m, mux_audio[0] ? mux_audio : NULL, o->output) < 0) {
        rc = 1;
    } else {
        gfx_manifest_remove(&m);
        if (!o->quiet) {
            fprintf(stderr, "glyphfx render: joined %d segments into %s\n", m.n_segments,
                    o->output);
            check_video(o->output);
        }
    }
    gfx_manifest_free(&m);
    return rc;
}

int cmd_render(int argc, char **argv)
{
    struct render_options o;
    int rc = parse_options(argc, argv, &o);
    if (rc)
        return rc == 1 ? 0 : rc;
    if (o.list) {
        print_catalogue();
        return 0;
    }
    gfx_interrupt_install();
    char default_output[4096];
    if (!o.output && !o.png_dir && !o.null_sink && o.test_frame < 0.0 && !o.contact_sheet &&
        !o.stage_times) {
        /* The main job: a finished video, demo.mp4 or SONG.mp4 here. */
        const char *base = o.audio ? strrchr(o.audio, '/') : NULL;
        base = base ? base + 1 : o.audio;
        const char *dot = base ? strrchr(base, '.') : NULL;
        if (base)
            snprintf(default_output, sizeof default_output, "%.*s.mp4",
                     (int)(dot && dot != base ? (size_t)(dot - base) : strlen(base)), base);
        else
            snprintf(default_output, sizeof default_output, "demo.mp4");
        o.output = default_output;
        if (!o.quiet)
            fprintf(stderr, "glyphfx render: writing %s\n", o.output);
    }
    if (o.font_path && (rc = check_font(o.font_path)))
        return rc;

    char err[512];
    gfx_scene scene = {0};
    if (o.scene_path && gfx_scene_load(&scene, o.scene_path, err, sizeof err)) {
        fprintf(stderr, "glyphfx render: %s\n", err);
        return 2;
    }
    double duration = o.duration;
    if (duration <= 0.0)
        duration = scene.n ? scene.segments[scene.n - 1].end : DEFAULT_DURATION;
    gfx_profile profile = choose_profile(&o, duration);
    gfx_wisdom_apply(profile.width, profile.height); /* wisdom's choice for this frame size */
    if (wants_video(&o)) {
        /* Bad output settings fail now, not after the analysis. */
        gfx_encode_settings es = encode_settings(&o, &profile, 0, 1, NULL);
        if ((rc = gfx_ffmpeg_sink_check(&es))) {
            gfx_scene_free(&scene);
            return rc;
        }
    }
    gfx_feature_track track;
    char mux_audio[4096];
    if ((rc = load_features(&o, profile.fps, &duration, &track, mux_audio, sizeof mux_audio))) {
        gfx_scene_free(&scene);
        return gfx_interrupted() ? interrupted_exit() : rc;
    }
    if (gfx_interrupted()) {
        gfx_synth_features_free(&track);
        gfx_scene_free(&scene);
        return GFX_EXIT_INTERRUPTED;
    }
    if (!o.scene_path && gfx_scene_default(&scene, duration)) {
        fprintf(stderr, "glyphfx render: no effects are built in\n");
        gfx_synth_features_free(&track);
        return 1;
    }
    gfx_scene_snap_cuts(&scene, &track);

    int n_frames = track.n_frames;
    if (o.stage_times)
        rc = print_stage_times(&o, &profile, &track);
    else if (o.contact_sheet)
        rc = write_contact_sheet(&o, &track, profile.fps);
    else if (o.test_frame >= 0.0)
        rc = write_test_frame(&o, &profile, &scene, &track);
    else if (o.last > n_frames) {
        fprintf(stderr,
                "glyphfx render: --frames %d:%d: the render has %d frames; expected B <= %d\n",
                o.first, o.last, n_frames, n_frames);
        rc = 2;
    } else if ((o.segments || o.shard_count || o.resume) && o.last > 0) {
        fprintf(stderr, "glyphfx render: --frames renders one range; it does not combine with "
                        "--segments, --shard or --resume\n");
        rc = 2;
    } else if ((o.segments || o.shard_count || o.resume) && !wants_video(&o)) {
        fprintf(stderr, "glyphfx render: --segments, --shard and --resume need a video output "
                        "(-o FILE.mp4)\n");
        rc = 2;
    } else if (o.segments || o.shard_count || o.resume)
        rc = render_segmented(&o, &profile, &scene, &track, n_frames, mux_audio);
    else
        rc = render_sequence(&o, &profile, &scene, &track, o.last > 0 ? o.first : 0,
                             o.last > 0 ? o.last : n_frames, mux_audio);
    gfx_synth_features_free(&track);
    gfx_scene_free(&scene);
    return rc;
}
