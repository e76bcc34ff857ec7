/* glyphfx verify VIDEO: brightness at sample times against the seed's
 * targets, and audio/video duration agreement. Exit 0 when both hold, 1
 * when not, 2 for bad input. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "verify.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: glyphfx verify VIDEO [--samples N]\n"
            "  grabs N frames (default 8) at evenly spaced times and prints their mean and max\n"
            "  brightness against the targets (mean > %.0f where the music is quiet, > %.0f where\n"
            "  it is active), then checks that the audio and video streams last as long.\n"
            "  exit 0: ok; 1: too dark somewhere or lengths differ; 2: bad input\n",
            GFX_VERIFY_QUIET_MEAN, GFX_VERIFY_ACTIVE_MEAN);
}

struct verify_options {
    const char *video;
    int samples;
};

static int one_video(const char *arg, const gfx_option *after, void *opts, char *err,
                     size_t err_size)
{
    (void)after;
    struct verify_options *o = opts;
    if (o->video) {
        snprintf(err, err_size, "'%s': one video at a time (already have '%s')", arg, o->video);
        return -1;
    }
    o->video = arg;
    return 0;
}

#define SAMPLES_RANGE "1.." GFX_OPT_STR(GFX_VERIFY_MAX_SAMPLES)

static const gfx_option options[] = {
    {GFX_OPT_INT_("--samples", offsetof(struct verify_options, samples), 1, GFX_VERIFY_MAX_SAMPLES,
                  "%s %s: expected a whole number " SAMPLES_RANGE),
     .missing = "%s needs a value: a whole number " SAMPLES_RANGE},
};

/* One line per sample, then the streams and durations, then the verdict. */
static void print_report(const gfx_verify_report *r, const char *path)
{
    printf("%s: %s %dx%d @ %.3g fps, %.3f s", path, r->video_codec, r->width, r->height, r->fps,
           r->video_duration);
    if (r->has_audio)
        printf("; %s audio %.3f s\n", r->audio_codec, r->audio_duration);
    else
        printf("; no audio\n");
    for (int i = 0; i < r->n_samples; i++) {
        const gfx_verify_sample *s = &r->samples[i];
        printf("  t=%7.2fs  mean %6.1f  max %3d  %-6s target mean > %2.0f  %s\n", s->time, s->mean,
               s->max, s->active ? "active" : "quiet", s->target,
               s->mean > s->target ? "ok" : "TOO DARK");
    }
    int dark = gfx_verify_dark_samples(r), agree = gfx_verify_durations_agree(r);
    if (r->has_audio)
        printf("  durations: video %.3f s, audio %.3f s: %s (tolerance %.3f s)\n",
               r->video_duration, r->audio_duration, agree ? "agree" : "DISAGREE", 1.5 / r->fps);
    printf("%s: %s\n", path,
           !dark && agree ? "ok"
           : dark         ? "too dark in places"
                          : "audio and video lengths differ");
}

int cmd_verify(int argc, char **argv)
{
    static const gfx_command_line cl = {
        .prog = "glyphfx verify",
        .options = options,
        .n_options = sizeof options / sizeof *options,
        .unknown = "unknown option '%s'; expected --samples N or a video file",
        .positional = one_video,
        .dash_is_positional = 1,
    };
    struct verify_options o = {.samples = 8};
    int rc = gfx_options_parse(&cl, argc, argv, &o);
    if (rc == GFX_OPTIONS_HELP)
        usage(stdout);
    if (rc)
        return rc == GFX_OPTIONS_HELP ? 0 : 2;
    if (!o.video) {
        usage(stderr);
        return 2;
    }
    gfx_verify_report report;
    char err[4096 + 256];
    gfx_status status = gfx_verify_video(o.video, o.samples, &report, err, sizeof err);
    if (status != GFX_OK) {
        fprintf(stderr, "glyphfx verify: %s\n", err);
        return status;
    }
    print_report(&report, o.video);
    return gfx_verify_dark_samples(&report) || !gfx_verify_durations_agree(&report) ? 1 : 0;
}
