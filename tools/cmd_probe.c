/* glyphfx probe: what this machine is and what glyphfx would do on it.
 * Human-readable by default; --json prints one JSON object for tools. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "glyphfx_commit.h"
#include "bandwidth.h"
#include "commands.h"
#include "gfx_kernels.h"
#include "isa_report.h"
#include "machine.h"
#include "options.h"
#include "plan.h"
#include "wisdom.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: glyphfx probe [--json] [--bandwidth [--quick]]\n"
                 "  topology, caches, memory, ISA flags, the variant each kernel runs, ffmpeg,\n"
                 "  the workers and quality profile glyphfx would pick, and render-time\n"
                 "  estimates from a ~1 s micro-render of each profile\n"
                 "  and memory bandwidths per cache level (a quick measurement)\n"
                 "  --json       one JSON object instead of the text report\n"
                 "  --bandwidth  only the bandwidths, measured fully (a few seconds)\n"
                 "  --quick      with --bandwidth: the quick measurement\n");
}

static cJSON *kernels_json(const struct gfx_kernels *k)
{
    cJSON *o = cJSON_CreateObject();
    for (int id = 0; id < GFX_K_COUNT; id++)
        cJSON_AddStringToObject(o, gfx_kernel_name((enum gfx_kernel_id)id),
                                gfx_isa_name(k->isa_used[id]));
    return o;
}

static int print_json(const gfx_machine *m, const struct gfx_kernels *k, const gfx_plan *plan,
                      const gfx_bandwidth *bw)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *g = cJSON_AddObjectToObject(root, "glyphfx");
    cJSON_AddStringToObject(g, "version", GLYPHFX_VERSION);
    cJSON_AddStringToObject(g, "commit", GLYPHFX_COMMIT);
    cJSON_AddItemToObject(root, "machine", gfx_machine_to_json(m));
    if (k) {
        cJSON_AddItemToObject(root, "kernels", kernels_json(k));
        cJSON_AddItemToObject(root, "wisdom", gfx_wisdom_status_json());
    }
    if (plan)
        cJSON_AddItemToObject(root, "plan", gfx_plan_to_json(plan));
    if (bw)
        cJSON_AddItemToObject(root, "bandwidth", gfx_bandwidth_to_json(bw));
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return 1;
    puts(text);
    cJSON_free(text);
    return 0;
}

static void format_duration(char *buf, size_t size, double s)
{
    if (s < 10)
        snprintf(buf, size, "%.1f s", s);
    else if (s < 90)
        snprintf(buf, size, "%.0f s", s);
    else if (s < 5400)
        snprintf(buf, size, "%.1f min", s / 60);
    else
        snprintf(buf, size, "%.1f h", s / 3600);
}

static void print_plan(const gfx_plan *plan)
{
    printf("workers      %s\n", plan->workers_why);
    printf("profile      %s\n", plan->profile_why);
    printf("\nmicro-render, %.1f s: each profile's whole frame (effect, colour, blit, its "
           "shader chain),\nmedian of a few frames on one core; estimates are rendering only "
           "(x264 runs alongside)\n",
           plan->measure_s);
    printf("  %-11s %-10s %4s %10s   render time with %d worker%s for a video of\n", "profile",
           "size", "fps", "ms/frame", plan->workers, plan->workers == 1 ? "" : "s");
    printf("  %-11s %-10s %4s %10s  %9s %9s %9s\n", "", "", "", "(1 core)", "30 s", "3.5 min",
           "10 min");
    for (int i = 0; i < GFX_PROFILES; i++) {
        const gfx_profile_timing *t = &plan->timing[i];
        char size[24], est[GFX_PLAN_DURATIONS][24];
        snprintf(size, sizeof size, "%dx%d", t->profile->width, t->profile->height);
        for (int d = 0; d < GFX_PLAN_DURATIONS; d++)
            format_duration(est[d], sizeof est[d], t->estimate_s[d]);
        printf("  %-11s %-10s %4.0f %10.2f  %9s %9s %9s\n", t->profile->name, size, t->profile->fps,
               t->ms_per_frame, est[0], est[1], est[2]);
    }
    printf("encoder memory: x264 (mostly its lookahead) holds about");
    for (int i = 0; i < GFX_PROFILES; i++)
        printf("%s %s %.0f MiB", i ? "," : "", plan->timing[i].profile->name,
               gfx_profile_encoder_bytes(plan->timing[i].profile) / 1048576.0);
    printf(";\n  a video's worker plan keeps it out of the memory it shares among workers\n");
}

static void print_text(const gfx_machine *m, const struct gfx_kernels *k, const gfx_plan *plan,
                       const gfx_bandwidth *bw)
{
    char buf[512];
    printf("glyphfx %s (commit %s)\n", GLYPHFX_VERSION, GLYPHFX_COMMIT);
    printf("CPU          %s (%s)\n", m->cpu_model, m->arch);
    gfx_machine_summary(m, buf, sizeof buf);
    printf("topology     %s\n", buf);
    printf("memory       %.1f GiB total, %.1f GiB available\n",
           (double)m->mem_total_bytes / (1 << 30), (double)m->mem_available_bytes / (1 << 30));
    printf("cpuid flags  %s\n", m->cpu_flags);
    gfx_isa_list(buf, sizeof buf, m->isa_built);
    printf("ISAs built   %s\n", buf);
    gfx_isa_list(buf, sizeof buf, m->isa_available);
    printf("ISAs here    %s\n", buf);
    printf("kernels      (GLYPHFX_ISA or --isa force a level; glyphfx tune writes wisdom)\n");
    for (int id = 0; id < GFX_K_COUNT; id++)
        printf("  %-28s %s\n", gfx_kernel_name((enum gfx_kernel_id)id),
               gfx_isa_name(k->isa_used[id]));
    print_wisdom_status(stdout);
    if (m->ffmpeg.present)
        printf("ffmpeg       %s, libx264 %s\n", m->ffmpeg.version,
               m->ffmpeg.has_libx264 ? "yes" : "no (mp4 output needs it)");
    else
        printf("ffmpeg       not found on PATH (needed for audio and video output)\n");
    print_bandwidth(stdout, bw);
    print_plan(plan);
}

typedef struct probe_options {
    int json, bandwidth_only, quick;
} probe_options;

int cmd_probe(int argc, char **argv)
{
    static const gfx_option options[] = {
        {GFX_OPT_FLAG_("--json", NULL, offsetof(probe_options, json))},
        {GFX_OPT_FLAG_("--bandwidth", NULL, offsetof(probe_options, bandwidth_only))},
        {GFX_OPT_FLAG_("--quick", NULL, offsetof(probe_options, quick))},
    };
    static const gfx_command_line cl = {
        .prog = "glyphfx probe",
        .options = options,
        .n_options = sizeof options / sizeof options[0],
        .unknown = "unknown option '%s'; expected --json, --bandwidth, --quick or --help",
    };
    probe_options o = {0};
    int rc = gfx_options_parse(&cl, argc, argv, &o);
    if (rc == GFX_OPTIONS_HELP)
        usage(stdout);
    if (rc)
        return rc == GFX_OPTIONS_HELP ? 0 : 2;
    gfx_machine m;
    if (gfx_machine_probe(&m))
        fprintf(stderr, "glyphfx probe: hwloc could not read the topology; counts are 0\n");
    gfx_bandwidth bw;
    char err[256];
    /* the whole report takes the quick measurement; --bandwidth alone the full one */
    if (gfx_bandwidth_measure(&bw, &m, o.bandwidth_only ? o.quick : 1, err, sizeof err)) {
        fprintf(stderr, "glyphfx probe: %s\n", err);
        return 1;
    }
    if (o.bandwidth_only) {
        if (o.json)
            return print_json(&m, NULL, NULL, &bw);
        print_bandwidth(stdout, &bw);
        return 0;
    }
    gfx_machine_probe_ffmpeg(&m.ffmpeg);
    const struct gfx_kernels *k = gfx_kernels_get();
    gfx_plan plan;
    if (gfx_plan_make(&plan, err, sizeof err)) {
        fprintf(stderr, "glyphfx probe: %s\n", err);
        return 1;
    }
    if (o.json)
        return print_json(&m, k, &plan, &bw);
    print_text(&m, k, &plan, &bw);
    return 0;
}
