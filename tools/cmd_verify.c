/* glyphfx verify VIDEO: brightness at sample times against the seed's
 * targets, and audio/video duration agreement. Exit 0 when both hold, 1
 * when not, 2 for bad input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
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
    const char *video = NULL;
    int samples = 8;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--samples")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "glyphfx verify: --samples needs a value: a whole number 1..%d\n",
                        GFX_VERIFY_MAX_SAMPLES);
                return 2;
            }
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end || n < 1 || n > GFX_VERIFY_MAX_SAMPLES) {
                fprintf(stderr, "glyphfx verify: --samples %s: expected a whole number 1..%d\n",
                        argv[i], GFX_VERIFY_MAX_SAMPLES);
                return 2;
            }
            samples = (int)n;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr,
                    "glyphfx verify: unknown option '%s'; expected --samples N or a video file\n",
                    argv[i]);
            return 2;
        } else if (video) {
            fprintf(stderr, "glyphfx verify: '%s': one video at a time (already have '%s')\n",
                    argv[i], video);
            return 2;
        } else {
            video = argv[i];
        }
    }
    if (!video) {
        usage(stderr);
        return 2;
    }
    gfx_verify_report report;
    gfx_error err;
    gfx_status rc = gfx_verify_video(video, samples, &report, &err);
    if (rc != GFX_OK) {
        fprintf(stderr, "glyphfx verify: %s\n", err.line);
        return rc;
    }
    print_report(&report, video);
    return gfx_verify_dark_samples(&report) || !gfx_verify_durations_agree(&report) ? 1 : 0;
}
