/* glyphfx render's options: the usage and the table gfx_options_parse reads. */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "options.h"
#include "render.h"
#include "parts.h"
#include "video_source.h"
#include "workers.h"

#define MAX_WIDTH 7680
#define MAX_HEIGHT 4320

const char *const render_qualities[] = {"draft", "preview", "production", "max", "auto", NULL};
const char *const render_sheets[] = {"effects", "shaders",    "ramps",     "colours",     "hues",
                                     "fields",  "characters", "particles", "simulations", NULL};
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
            "  --sheet GROUP        what the sheet tiles: effects (default), shaders, ramps,\n"
            "                       colours or hues (each over plasma); or the effects of\n"
            "                       one group: fields, characters, particles or simulations\n"
            "                       (each effect's group ends its --list line)\n"
            "  --null               render and discard (timing)\n"
            "  --stage-times        time each stage of plasma + the full shader chain\n"
            "  --list               effects, palettes, hue mappings, shaders and their params\n"
            "  -o FILE              video: .mp4 (H.264 + AAC), .gif, .webm (VP9 + Opus) or\n"
            "                       .mov (ProRes 4444 + PCM) (default demo.mp4, or AUDIO's\n"
            "                       name with .mp4; with --alpha .mov)\n"
            "  --alpha              transparency, for overlays in a video editor: black is\n"
            "                       transparent, alpha is each pixel's brightest channel and\n"
            "                       the colour is straight (not premultiplied). Outputs that\n"
            "                       carry it: -o FILE.mov (ProRes 4444, yuva444p10le),\n"
            "                       -o FILE.webm (VP9, yuva420p) and --png-dir DIR (RGBA PNG);\n"
            "                       .mp4 and .gif cannot. Without it every output is opaque\n\n"
            "what and how:\n"
            "  --quality Q          draft|preview|production|max|auto (default auto: measured)\n"
            "  --resolution WxH     override the profile's size (1x1 .. 7680x4320)\n"
            "  --fps N              override the profile's frame rate (1..240)\n"
            "  --duration SEC       length (default: the scene's end, or %.0f s)\n"
            "  --frames A:B         render frames A..B-1 only\n"
            "  --scene FILE         JSON scene (default: the built-in scene list)\n"
            "  --lyrics FILE.srt    SRT lyrics, timed to the song: the scene's lyric text\n"
            "                       layers show them, or a typewriter line on top\n"
            "  --video CLIP         draw CLIP's picture as ASCII over the frames; with AUDIO\n"
            "                       a hybrid: the song's sound and features, the clip's\n"
            "                       picture (AUDIO itself may be a clip: its own picture).\n"
            "                       CLIP may be a still image (PNG, JPEG...: on every\n"
            "                       frame) or an image sequence, a printf pattern\n"
            "                       ('shots/img_%%04d.png', numbered from 0..4 on) or a\n"
            "                       glob ('shots/*.png', by name): one image per frame\n"
            "                       at --image-fps, black after the last\n"
            "  --image-fps N        an image sequence's rate, 0.001..1000 (default %g)\n"
            "  --narration FILE     speak the UTF-8 text FILE with espeak-ng (offline; apt-get\n"
            "                       install espeak-ng) and mix it, loudness-normalized, under\n"
            "                       the music with the music ducked (video with sound only)\n"
            "  --voice NAME         espeak-ng voice for --narration (default en; espeak-ng\n"
            "                       --voices lists them)\n"
            "  --font FILE          TrueType/OpenType font (default DejaVu Sans Mono)\n"
            "  --seed N             noise and feature seed (default 1)\n"
            "  --bpm N              tempo of the synthesized features (default %.0f)\n"
            "  --workers N          render threads (0 = auto: cores less 1-2 for the encoder)\n"
            "  --pin MODE           bind workers per core (default), per pu, or none\n"
            "  --crf N              video quality, 0 (lossless) .. 51 (default: the profile's)\n"
            "  --preset P           x264 preset, ultrafast .. veryslow (default veryfast)\n"
            "  --quiet              no progress, no profile line, no check of the video\n"
            "\nparts (MP4 only; the plan and a record per finished part in OUTPUT.parts/):\n"
            "  --parts N            N contiguous parts, several ffmpegs at once, then the join\n"
            "                       (--segments N is the same option, its older name)\n"
            "  --shard I/N          render only part I of N (one process of a cluster job);\n"
            "                       a shard never joins: --join does, once all are done\n"
            "  --resume             render the missing or damaged parts, then join\n"
            "  --join               join the finished parts only (refused, naming the missing\n"
            "                       ones, until every part is done)\n"
            "  --slurm N            submit N shards as a Slurm job array plus a join job\n"
            "                       (with --resume: only the missing parts and a new join)\n"
            "  --slurm-opt OPT      pass OPT to sbatch, e.g. --slurm-opt --partition=gpu\n"
            "                       --slurm-opt --time=1:00:00 (repeatable)\n"
            "  --wait               with --slurm: show the parts done until the join ends\n",
            RENDER_DEFAULT_DURATION, GFX_IMAGE_FPS_DEFAULT, RENDER_DEFAULT_BPM);
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

static int parse_slurm_opt(const char *s, void *opts, char *err, size_t err_size)
{
    struct render_options *o = opts;
    if (o->n_slurm_opts >= RENDER_SLURM_OPTS_MAX) {
        snprintf(err, err_size, "--slurm-opt %s: more than %d; expected at most %d", s,
                 RENDER_SLURM_OPTS_MAX, RENDER_SLURM_OPTS_MAX);
        return -1;
    }
    if (s[0] != '-') {
        snprintf(err, err_size, "--slurm-opt %s: expected an sbatch option, e.g. --partition=X", s);
        return -1;
    }
    o->slurm_opts[o->n_slurm_opts++] = s;
    return 0;
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
    if (!strcmp(arg, "-")) {
        snprintf(err, err_size,
                 "-: the song cannot come from standard input (it is read twice: hashed for the "
                 "feature cache, then decoded); expected an audio file");
        return -1;
    }
    if (o->audio) {
        snprintf(err, err_size, "a second input '%s'; expected one AUDIO file", arg);
        return -1;
    }
    o->audio = arg;
    return 0;
}

#define AT(field) offsetof(struct render_options, field)

static const gfx_option options[] = {
    {GFX_OPT_FLAG_("--null", NULL, AT(null_sink))},
    {GFX_OPT_FLAG_("--alpha", NULL, AT(alpha))},
    {GFX_OPT_FLAG_("--quiet", "-q", AT(quiet))},
    {GFX_OPT_FLAG_("--stage-times", NULL, AT(stage_times))},
    {GFX_OPT_FLAG_("--resume", NULL, AT(resume))},
    {GFX_OPT_FLAG_("--list", NULL, AT(list))},
    {GFX_OPT_STRING_("--png-dir", NULL, AT(png_dir))},
    {GFX_OPT_STRING_("--output", "-o", AT(output))},
    {GFX_OPT_STRING_("--scene", NULL, AT(scene_path))},
    {GFX_OPT_STRING_("--lyrics", NULL, AT(lyrics_path))},
    {GFX_OPT_STRING_("--video", NULL, AT(video_path))},
    {GFX_OPT_STRING_("--narration", NULL, AT(narration_path))},
    {GFX_OPT_STRING_("--voice", NULL, AT(voice))},
    {GFX_OPT_DOUBLE_("--image-fps", AT(image_fps), 0.001, 1000,
                     "%s %s: expected images per second in 0.001..1000")},
    {GFX_OPT_STRING_("--font", NULL, AT(font_path))},
    {GFX_OPT_STRING_("--contact-sheet", NULL, AT(contact_sheet))},
    {GFX_OPT_ENUM_("--sheet", AT(sheet), render_sheets,
                   "%s %s: unknown group; expected effects|shaders|ramps|colours|hues")},
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
    {GFX_OPT_INT_("--parts", AT(parts), 1, GFX_PARTS_MAX,
                  "%s %s: expected a part count, 1.." GFX_OPT_STR(GFX_PARTS_MAX))},
    {GFX_OPT_INT_("--segments", AT(parts), 1, GFX_PARTS_MAX,
                  "%s %s: expected a part count, 1.." GFX_OPT_STR(GFX_PARTS_MAX))},
    {GFX_OPT_CUSTOM_("--shard", parse_shard, NULL)},
    {GFX_OPT_FLAG_("--join", NULL, AT(join))},
    {GFX_OPT_INT_("--slurm", AT(slurm), 1, GFX_PARTS_MAX,
                  "%s %s: expected a shard count, 1.." GFX_OPT_STR(GFX_PARTS_MAX))},
    {GFX_OPT_CUSTOM_("--slurm-opt", parse_slurm_opt, NULL)},
    {GFX_OPT_FLAG_("--wait", NULL, AT(wait))},
};

static void set_defaults(struct render_options *o)
{
    *o = (struct render_options){.quality = 4, /* auto */
                                 .test_frame = -1.0,
                                 .last = -1,
                                 .seed = 1,
                                 .bpm = RENDER_DEFAULT_BPM,
                                 .crf = -1,
                                 .preset = -1,
                                 .pin = GFX_PIN_CORE};
}

int render_parse_options(int argc, char **argv, struct render_options *o)
{
    set_defaults(o);
    static const gfx_command_line cl = {
        .prog = "glyphfx render",
        .options = options,
        .n_options = sizeof options / sizeof *options,
        .unknown = "%s: unknown option; see glyphfx render --help",
        .missing = "%s needs a value; see glyphfx render --help",
        .positional = second_input,
        .dash_is_positional = 1,
    };
    int rc = gfx_options_parse(&cl, argc, argv, o);
    if (rc == GFX_OPTIONS_HELP)
        usage(stdout);
    return rc;
}

static const gfx_option *find_option(const char *name)
{
    for (size_t i = 0; i < sizeof options / sizeof *options; i++)
        if (!strcmp(options[i].name, name) || (options[i].alias && !strcmp(options[i].alias, name)))
            return &options[i];
    return NULL;
}

#define SUBSET_MAX 32

int render_parse_subset(int argc, char **argv, const render_subset *subset, void *opts)
{
    gfx_option table[SUBSET_MAX];
    int n = 0;
    for (int i = 0; subset->shared[i] && n < SUBSET_MAX; i++) {
        const gfx_option *o = find_option(subset->shared[i]);
        if (o)
            table[n++] = *o;
    }
    for (int i = 0; i < subset->n_extra && n < SUBSET_MAX; i++)
        table[n++] = subset->extra[i];
    set_defaults((struct render_options *)opts);
    char unknown[128], missing[128];
    snprintf(unknown, sizeof unknown, "%%s: unknown option; see %s --help", subset->prog);
    snprintf(missing, sizeof missing, "%%s needs a value; see %s --help", subset->prog);
    gfx_command_line cl = {
        .prog = subset->prog,
        .options = table,
        .n_options = n,
        .unknown = unknown,
        .missing = missing,
        .positional = second_input,
        .dash_is_positional = 1,
    };
    return gfx_options_parse(&cl, argc, argv, opts);
}

/* ------------------------------------------------- a shard's command line */

/* An existing file's real path; anything else made absolute against the
 * working directory. malloc'd. */
static char *absolute_path(const char *path)
{
    char real[PATH_MAX], cwd[PATH_MAX];
    if (realpath(path, real))
        return strdup(real);
    if (path[0] == '/' || !getcwd(cwd, sizeof cwd))
        return strdup(path);
    size_t n = strlen(cwd) + strlen(path) + 2;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%s/%s", cwd, path);
    return out;
}

void render_args_free(char **args, int n)
{
    for (int i = 0; args && i < n; i++)
        free(args[i]);
    free(args);
}

char **render_shard_args(int argc, char **argv, const char *program, const char *output, int *n)
{
    static const char *const dropped[] = {"--slurm",  "--slurm-opt", "--wait",  "--resume",
                                          "--parts",  "--segments",  "--shard", "--join",
                                          "--output", NULL};
    static const char *const paths[] = {"--scene",     "--lyrics", "--video",
                                        "--narration", "--font",   NULL};
    char **args = calloc((size_t)argc + 8, sizeof *args);
    if (!args)
        return NULL;
    int k = 0, ended = 0, ok = 1;
    args[k++] = strdup(program);
    args[k++] = strdup("render");
    for (int i = 1; i < argc && ok; i++) {
        const char *a = argv[i];
        if (!ended && !strcmp(a, "--")) {
            ended = 1;
            continue;
        }
        if (ended || a[0] != '-') { /* the input */
            args[k++] = absolute_path(a);
            continue;
        }
        const gfx_option *o = find_option(a);
        int takes_value = o && o->kind != GFX_OPT_FLAG && i + 1 < argc;
        int drop = 0, path = 0;
        for (int j = 0; o && dropped[j]; j++)
            drop |= !strcmp(o->name, dropped[j]);
        for (int j = 0; o && paths[j]; j++)
            path |= !strcmp(o->name, paths[j]);
        if (drop) {
            i += takes_value;
            continue;
        }
        args[k++] = strdup(a);
        if (takes_value) {
            i++;
            args[k++] = path ? absolute_path(argv[i]) : strdup(argv[i]);
        }
    }
    args[k++] = strdup("-o");
    args[k++] = absolute_path(output);
    for (int i = 0; i < k; i++)
        ok &= args[i] != NULL;
    if (!ok) {
        render_args_free(args, k);
        return NULL;
    }
    *n = k;
    return args;
}
