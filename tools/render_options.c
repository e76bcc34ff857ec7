/* glyphfx render's options: the usage and the table gfx_options_parse reads. */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "render.h"
#include "segments.h"
#include "workers.h"

#define MAX_WIDTH 7680
#define MAX_HEIGHT 4320

const char *const render_qualities[] = {"draft", "preview", "production", "max", "auto", NULL};
const char *const render_presets[] = {"ultrafast", "superfast", "veryfast", "faster",
                                      "fast",      "medium",    "slow",     "slower",
                                      "veryslow",  "placebo",   NULL};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: glyphfx render [AUDIO] [options]\n\n"
            "Renders an audio-reactive ASCII-art video. AUDIO is any file ffmpeg reads (its\n"
            "features are cached next to it). Without AUDIO a video gets the built-in\n"
            "soundtrack, and other outputs synthesized features at --bpm. With no arguments\n"
            "at all, writes demo.mp4.\n\n"
            "output (one of):\n"
            "  --png-dir DIR        PNG sequence DIR/frame_000000.png ... (DIR made if missing)\n"
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
            RENDER_DEFAULT_DURATION, RENDER_DEFAULT_BPM);
}

static int parse_dimension(const char *s, long max, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 1 || v > max)
        return -1;
    *out = (int)v;
    return 0;
}

/* WxH, each within the largest frame glyphfx renders. */
static int parse_resolution(const char *s, void *opts, char *err, size_t err_size)
{
    (void)err, (void)err_size;
    struct render_options *o = opts;
    const char *x = strchr(s, 'x');
    char width[32];
    size_t n = x ? (size_t)(x - s) : 0;
    if (n == 0 || n >= sizeof width)
        return -1;
    memcpy(width, s, n);
    width[n] = 0;
    int w, h;
    if (parse_dimension(width, MAX_WIDTH, &w) || parse_dimension(x + 1, MAX_HEIGHT, &h))
        return -1;
    o->width = w, o->height = h;
    return 0;
}

static int parse_frames(const char *s, void *opts, char *err, size_t err_size)
{
    struct render_options *o = opts;
    return gfx_parse_frame_range(s, &o->first, &o->last, err, err_size) ? -1 : 0;
}

static int parse_shard(const char *s, void *opts, char *err, size_t err_size)
{
    struct render_options *o = opts;
    return gfx_parse_shard(s, &o->shard_index, &o->shard_count, err, err_size) ? -1 : 0;
}

static int parse_pin(const char *s, void *opts, char *err, size_t err_size)
{
    (void)err, (void)err_size;
    int pin = gfx_pin_parse(s);
    if (pin < 0)
        return -1;
    ((struct render_options *)opts)->pin = pin;
    return 0;
}

static int second_input(const char *arg, const gfx_option *after, void *opts, char *err,
                        size_t err_size)
{
    (void)after;
    struct render_options *o = opts;
    if (o->audio) {
        snprintf(err, err_size, ": a second input '%s'; expected one AUDIO file", arg);
        return -1;
    }
    o->audio = arg;
    return 0;
}

#define AT(field) offsetof(struct render_options, field)

static const gfx_option options[] = {
    {GFX_OPT_FLAG_("--null", NULL, AT(null_sink))},
    {GFX_OPT_FLAG_("--quiet", "-q", AT(quiet))},
    {GFX_OPT_FLAG_("--stage-times", NULL, AT(stage_times))},
    {GFX_OPT_FLAG_("--resume", NULL, AT(resume))},
    {GFX_OPT_FLAG_("--list", NULL, AT(list))},
    {GFX_OPT_STRING_("--png-dir", NULL, AT(png_dir))},
    {GFX_OPT_STRING_("--output", "-o", AT(output))},
    {GFX_OPT_STRING_("--scene", NULL, AT(scene_path))},
    {GFX_OPT_STRING_("--font", NULL, AT(font_path))},
    {GFX_OPT_STRING_("--contact-sheet", NULL, AT(contact_sheet))},
    {GFX_OPT_ENUM_("--quality", AT(quality), render_qualities,
                   "%s %s: unknown quality; expected draft|preview|production|max|auto")},
    {GFX_OPT_CUSTOM_("--resolution", parse_resolution,
                     "%s %s: expected WxH with 1 <= W <= 7680 and 1 <= H <= 4320")},
    {GFX_OPT_DOUBLE_("--fps", AT(fps), 1, 240, "%s %s: expected a frame rate in 1..240")},
    {GFX_OPT_DOUBLE_("--duration", AT(duration), 0, 86400, "%s %s: expected seconds in (0, 86400]"),
     .flags = GFX_OPT_ABOVE_MIN},
    {GFX_OPT_DOUBLE_("--test-frame", AT(test_frame), 0, 86400,
                     "%s %s: expected a time in seconds, 0..86400")},
    {GFX_OPT_CUSTOM_("--frames", parse_frames, NULL)},
    {GFX_OPT_U32_("--seed", AT(seed), 0, 4294967295.0,
                  "%s %s: expected an integer in 0..4294967295")},
    {GFX_OPT_DOUBLE_("--bpm", AT(bpm), 20, 400, "%s %s: expected a tempo in 20..400")},
    {GFX_OPT_INT_("--crf", AT(crf), 0, 51, "%s %s: expected 0 (lossless) .. 51")},
    {GFX_OPT_ENUM_("--preset", AT(preset), render_presets,
                   "%s %s: unknown preset; expected ultrafast|superfast|veryfast|faster|fast|"
                   "medium|slow|slower|veryslow|placebo")},
    {GFX_OPT_INT_("--workers", AT(workers), 0, INT_MAX,
                  "%s %s: expected a worker count, 0 (auto) or more")},
    {GFX_OPT_CUSTOM_("--pin", parse_pin, "%s %s: expected none|core|pu")},
    {GFX_OPT_INT_("--segments", AT(segments), 1, 10000,
                  "%s %s: expected a segment count, 1..10000")},
    {GFX_OPT_CUSTOM_("--shard", parse_shard, NULL)},
};

int render_parse_options(int argc, char **argv, struct render_options *o)
{
    *o = (struct render_options){.quality = 4, /* auto */
                                 .test_frame = -1.0,
                                 .last = -1,
                                 .seed = 1,
                                 .bpm = RENDER_DEFAULT_BPM,
                                 .crf = -1,
                                 .preset = -1,
                                 .pin = GFX_PIN_CORE};
    static const gfx_command_line cl = {
        .prog = "glyphfx render",
        .options = options,
        .n_options = sizeof options / sizeof *options,
        .unknown = "%s: unknown option; see glyphfx render --help",
        .missing = "%s needs a value; see glyphfx render --help",
        .positional = second_input,
    };
    int rc = gfx_options_parse(&cl, argc, argv, o);
    if (rc == GFX_OPTIONS_HELP)
        usage(stdout);
    return rc;
}
