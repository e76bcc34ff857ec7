/* glyphfx: the command line. Dispatches to a subcommand (one file each,
 * commands.h); --isa LEVEL or --isa=LEVEL, at any position, forces a kernel
 * level for every command but bench, which takes --isa as a filter of the
 * levels it times. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyphfx_commit.h"
#include "commands.h"
#include "gfx_kernels.h"
#include "wisdom.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    {"render", cmd_render, "a music video from a song; PNG frames, a test frame, a contact sheet"},
    {"play", cmd_play, "render and play a video in this terminal as it renders (24-bit colour)"},
    {"selfcheck", cmd_selfcheck, "CPU, ISA per kernel, and a quick timing of each kernel"},
    {"probe", cmd_probe, "this machine: topology, ISAs, ffmpeg, workers, render-time estimates"},
    {"bench", cmd_bench,
     "every stage per ISA and size against its budget; results, compare, report"},
    {"verify", cmd_verify,
     "check a finished video: brightness at sample times, audio/video lengths"},
    {"tune", cmd_tune, "time every kernel variant here and write wisdom that later runs use"},
};
#define N_COMMANDS (int)(sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
    fprintf(out, "usage: glyphfx COMMAND [options]   (glyphfx COMMAND --help for its options)\n\n");
    for (int i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\nglobal options:\n"
            "  --isa LEVEL   force kernels to scalar|sse41|avx2|avx512|neon (capped by this CPU);\n"
            "                the environment variable GLYPHFX_ISA does the same\n"
            "  --version     print version, commit, the ISAs built in and the wisdom in use\n"
            "\nGLYPHFX_WISDOM=FILE|none: the per-kernel choices `glyphfx tune` wrote (default\n"
            "$XDG_CONFIG_HOME/glyphfx/wisdom.json or ~/.config/glyphfx/wisdom.json)\n");
}

/* Removes argv[i] and argv[i+1..i+n-1] in place. */
static void drop_args(int *argc, char **argv, int i, int n)
{
    memmove(&argv[i], &argv[i + n], (size_t)(*argc - i - n + 1) * sizeof *argv);
    *argc -= n;
}

static int apply_isa_option(int *argc, char **argv)
{
    for (int i = 1; i < *argc; i++) {
        const char *value = NULL;
        int n = 0;
        if (!strcmp(argv[i], "--isa")) {
            if (i + 1 >= *argc) {
                fprintf(stderr, "glyphfx: --isa needs a value: scalar|sse41|avx2|avx512|neon\n");
                return 2;
            }
            value = argv[i + 1], n = 2;
        } else if (!strncmp(argv[i], "--isa=", 6)) {
            value = argv[i] + 6, n = 1;
        } else {
            continue;
        }
        int isa = gfx_isa_parse(value);
        if (isa < 0) {
            fprintf(stderr,
                    "glyphfx: --isa %s: unknown level; expected scalar|sse41|avx2|avx512|neon\n",
                    value);
            return 2;
        }
        if (gfx_kernels_force((enum gfx_isa)isa) < 0) {
            char why[160];
            gfx_isa_request("--isa", value, why, sizeof why);
            fprintf(stderr, "glyphfx: %s\n", why);
            return 2;
        }
        drop_args(argc, argv, i, n);
        i--;
    }
    return 0;
}

/* A GLYPHFX_ISA the kernels could not use leaves the best level in place;
 * say so once, before anything runs. */
static void report_isa_env(void)
{
    char why[160];
    if (gfx_kernels_env_status(why, sizeof why) < 0) {
        fprintf(stderr, "glyphfx: %s\n", why);
        fprintf(stderr, "glyphfx: using %s instead\n", gfx_isa_name(gfx_isa_best()));
    }
}

/* Wisdom (glyphfx tune) picks a variant per kernel, after any forced level
 * is known. A file that cannot be used is a note or a warning, never a
 * failure; tune and bench time every variant themselves. */
static void load_wisdom(const char *command)
{
    static const char *const without[] = {"tune", "bench", "--help", "-h", "help"};
    for (size_t i = 0; i < sizeof without / sizeof without[0]; i++)
        if (!strcmp(command, without[i]))
            return;
    char note[6144];
    int ignored = gfx_wisdom_load(note, sizeof note);
    if (ignored)
        fprintf(stderr, "glyphfx: %s: %s\n", ignored == 2 ? "warning" : "note", note);
}

static void print_version(void)
{
    printf("glyphfx %s (commit %s)\nISAs built in:", GLYPHFX_VERSION, GLYPHFX_COMMIT);
    unsigned built = gfx_isa_built();
    for (int i = 0; i < GFX_ISA_COUNT; i++)
        if (built & (1u << i))
            printf(" %s", gfx_isa_name((enum gfx_isa)i));
    if (gfx_wisdom_status_get()->state == GFX_WISDOM_USED)
        printf("\nISA in use: per kernel, from wisdom\n");
    else
        printf("\nISA in use: %s\n", gfx_isa_name(gfx_kernels_get()->isa_used[GFX_K_BLIT]));
    print_wisdom_status(stdout);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--help") && strcmp(argv[1], "-h") && strcmp(argv[1], "help"))
        report_isa_env();
    /* bench takes --isa as a filter: it times every level itself */
    int rc = argc > 1 && !strcmp(argv[1], "bench") ? 0 : apply_isa_option(&argc, argv);
    if (rc)
        return rc;
    if (argc > 1)
        load_wisdom(argv[1]);
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        usage(stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        print_version();
        return 0;
    }
    for (int i = 0; i < N_COMMANDS; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "glyphfx: unknown command '%s'; expected one of:", argv[1]);
    for (int i = 0; i < N_COMMANDS; i++)
        fprintf(stderr, " %s", commands[i].name);
    fprintf(stderr, "\n");
    return 2;
}
