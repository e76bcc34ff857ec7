/* glyphfx tune: time every kernel variant at every profile size and write
 * the wisdom later runs use (probe/wisdom.h); and the wisdom lines that
 * `probe` and `--version` print. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glyphfx_commit.h"
#include "commands.h"
#include "gfx_kernels.h"
#include "tune.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: glyphfx tune [--out FILE] [--quick]\n"
                 "  times every kernel variant this CPU runs (scalar, sse41, avx2, avx512; NEON\n"
                 "  through SIMDe is emulated and skipped) at every profile size, median of\n"
                 "  several runs, and writes the fastest per kernel and size as wisdom that\n"
                 "  later runs use. Every variant computes the same bytes: wisdom changes speed\n"
                 "  only.\n"
                 "  --out FILE   where to write (default $XDG_CONFIG_HOME/glyphfx/wisdom.json,\n"
                 "               or ~/.config/glyphfx/wisdom.json)\n"
                 "  --quick      3 runs per variant instead of 9 (a few seconds)\n"
                 "GLYPHFX_WISDOM=FILE reads another file; GLYPHFX_WISDOM=none disables wisdom.\n");
}

static void progress(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "glyphfx tune: %s\n", line);
}

static void print_table(const gfx_wisdom *w)
{
    printf("ms per call (median of %d, thread CPU time); * = fastest\n", w->runs);
    printf("%-28s %-10s", "kernel", "size");
    for (int i = 0; i < GFX_ISA_COUNT; i++)
        if (!w->skipped[i][0])
            printf(" %9s", gfx_isa_name((enum gfx_isa)i));
    printf("\n");
    for (int id = 0; id < GFX_K_COUNT; id++)
        for (int s = 0; s < w->n_sizes; s++) {
            const gfx_wisdom_size *ws = &w->sizes[s];
            char size[24];
            snprintf(size, sizeof size, "%dx%d", ws->width, ws->height);
            printf("%-28s %-10s", s ? "" : gfx_kernel_name((enum gfx_kernel_id)id), size);
            for (int i = 0; i < GFX_ISA_COUNT; i++)
                if (!w->skipped[i][0]) {
                    if (ws->ms[id][i] > 0)
                        printf(" %8.3f%c", ws->ms[id][i], ws->best[id] == i ? '*' : ' ');
                    else
                        printf(" %9s", "-");
                }
            printf("\n");
        }
    for (int i = 0; i < GFX_ISA_COUNT; i++)
        if (w->skipped[i][0])
            printf("%s not timed: %s\n", gfx_isa_name((enum gfx_isa)i), w->skipped[i]);
}

int cmd_tune(int argc, char **argv)
{
    const char *out = NULL;
    int quick = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--quick")) {
            quick = 1;
        } else if (!strcmp(argv[i], "--out") && i + 1 < argc) {
            out = argv[++i];
        } else if (!strncmp(argv[i], "--out=", 6) && argv[i][6]) {
            out = argv[i] + 6;
        } else {
            fprintf(stderr, "glyphfx tune: unknown option '%s'; expected --out FILE, --quick\n",
                    argv[i]);
            return 2;
        }
    }
    char default_path[4096];
    if (!out) {
        if (gfx_wisdom_default_path(default_path, sizeof default_path)) {
            fprintf(stderr, "glyphfx tune: neither XDG_CONFIG_HOME nor HOME is set; give --out "
                            "FILE\n");
            return 2;
        }
        out = default_path;
    }
    gfx_tune_options opt = {
        .runs = quick ? 3 : 9,
        .warmup = quick ? 1 : 2,
        .quick = quick,
        .commit = GLYPHFX_COMMIT,
        .progress = progress,
    };
    static gfx_wisdom w; /* large: not on the stack */
    char err[512] = "";
    if (gfx_tune_run(&w, &opt, err, sizeof err)) {
        fprintf(stderr, "glyphfx %s\n", err);
        return 1;
    }
    print_table(&w);
    if (gfx_wisdom_write(&w, out, err, sizeof err)) {
        fprintf(stderr, "glyphfx tune: %s\n", err);
        return 1;
    }
    printf("wrote %s for %s\n", out, w.cpu_model);
    return 0;
}

void print_wisdom_status(FILE *out)
{
    const gfx_wisdom_status *s = gfx_wisdom_status_get();
    if (s->state == GFX_WISDOM_IGNORED) {
        fprintf(out, "wisdom       %s\n", s->why);
        return;
    }
    if (s->state != GFX_WISDOM_USED) {
        fprintf(out, "wisdom       %s%s%s\n", gfx_wisdom_state_name(s->state),
                s->why[0] ? ": " : "", s->why);
        return;
    }
    const gfx_wisdom *w = &s->wisdom;
    const gfx_wisdom_size *size = &w->sizes[s->size_index];
    fprintf(out, "wisdom       %s (tuned %s by glyphfx %s, commit %s%s)\n", s->path, w->date,
            w->version, w->commit, w->quick ? ", quick" : "");
    if (s->why[0])
        fprintf(out, "             %s\n", s->why);
    fprintf(out,
            "             choices for %dx%d, from its %s %dx%d timings (a render chooses for "
            "its own size):\n",
            s->width, s->height, size->profile[0] ? size->profile : "size", size->width,
            size->height);
    const struct gfx_kernels *k = gfx_kernels_get();
    for (int id = 0; id < GFX_K_COUNT; id++)
        fprintf(out, "  %-28s %-7s %s%s%s\n", gfx_kernel_name((enum gfx_kernel_id)id),
                gfx_isa_name(k->isa_used[id]), s->chosen[id] >= 0 ? "wisdom" : "default",
                s->note[id][0] ? ": " : "", s->note[id]);
}
