/* What `glyphfx bench` adds to a results file beside the benchmarks: this
 * machine's bandwidths (probe/bandwidth.h), each stage's share of the
 * bandwidth of the level its working set fits in, and the worker-scaling
 * curve of `glyphfx render --null` (--scaling). bench/results/roofline.h
 * reads them back. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "bandwidth.h"
#include "bench_roofline.h"
#include "files.h"
#include "machine.h"
#include "roofline.h"

#define MAX_RESULTS_BYTES (256 << 20)

static double num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static void set_number(cJSON *o, const char *key, double v)
{
    cJSON_DeleteItemFromObjectCaseSensitive(o, key);
    cJSON_AddNumberToObject(o, key, v);
}

/* Per benchmark with GB/s: bytes per frame = GB/s x time, the level its
 * working set fits in (the bench's working_set_bytes counter; the bytes it
 * moves when that is absent), that level's one-core ceiling, the share. */
static void add_shares(cJSON *doc, const gfx_bandwidth *bw)
{
    cJSON *b;
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(doc, "benchmarks"))
    {
        double gbps = num(b, "GB/s"), ms = num(b, "ms_per_frame");
        if (gbps <= 0 || ms <= 0)
            continue;
        double bytes = gbps * 1e9 * ms * 1e-3;
        double ws = num(b, "working_set_bytes");
        const gfx_bw_level *l = gfx_bandwidth_level_for(bw, ws > 0 ? ws : bytes);
        if (!l)
            return;
        double ceiling = l->triad_1 > l->copy_1 ? l->triad_1 : l->copy_1;
        if (ceiling <= 0)
            continue;
        set_number(b, "bytes_per_frame", bytes);
        cJSON_DeleteItemFromObjectCaseSensitive(b, "roofline_level");
        cJSON_AddStringToObject(b, "roofline_level", l->name);
        set_number(b, "roofline_gbps", ceiling);
        set_number(b, "roofline_share", gbps / ceiling);
    }
}

/* The fps `glyphfx render` prints on its closing line: "N frames in S s (F fps, ...". */
static double render_fps(const char *self, int workers, double duration)
{
    char cmd[PATH_MAX + 160];
    snprintf(cmd, sizeof cmd,
             "'%s' render --null --quality production --duration %g --workers %d 2>&1", self,
             duration, workers);
    fflush(NULL);
    FILE *p = popen(cmd, "r");
    if (!p)
        return 0;
    char line[1024];
    double fps = 0;
    while (fgets(line, sizeof line, p)) {
        const char *at = strstr(line, " frames in ");
        double f;
        if (at && (at = strchr(at, '(')) && sscanf(at, "(%lf fps", &f) == 1)
            fps = f;
    }
    return pclose(p) == 0 ? fps : 0;
}

static cJSON *measure_scaling(int cores, double duration, int rounds, char *err, size_t err_size)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0 || memchr(self, '\'', (size_t)n)) {
        snprintf(err, err_size, "--scaling: cannot name this glyphfx binary to run it");
        return NULL;
    }
    self[n] = 0;
    double best[GFX_ROOFLINE_MAX_WORKERS] = {0};
    cores = cores < 1 ? 1 : cores > GFX_ROOFLINE_MAX_WORKERS ? GFX_ROOFLINE_MAX_WORKERS : cores;
    /* rounds interleave the worker counts, so a neighbour's burst hits them alike */
    for (int r = 0; r < rounds; r++)
        for (int k = 1; k <= cores; k++) {
            fprintf(stderr, "glyphfx bench: scaling, round %d of %d: %d worker%s\n", r + 1, rounds,
                    k, k == 1 ? "" : "s");
            double fps = render_fps(self, k, duration);
            if (fps <= 0) {
                snprintf(err, err_size,
                         "--scaling: glyphfx render --null --workers %d failed or printed no fps",
                         k);
                return NULL;
            }
            best[k - 1] = fps > best[k - 1] ? fps : best[k - 1];
        }
    cJSON *sc = cJSON_CreateObject();
    char command[160];
    snprintf(command, sizeof command,
             "glyphfx render --null --quality production --duration %g --workers K", duration);
    cJSON_AddStringToObject(sc, "command", command);
    cJSON_AddNumberToObject(sc, "duration_s", duration);
    cJSON_AddNumberToObject(sc, "rounds", rounds);
    cJSON_AddStringToObject(sc, "fps_is", "the best round's frames per wall-clock second");
    cJSON *points = cJSON_AddArrayToObject(sc, "points");
    for (int k = 1; k <= cores; k++) {
        cJSON *p = cJSON_CreateObject();
        double speedup = best[k - 1] / best[0];
        cJSON_AddNumberToObject(p, "workers", k);
        cJSON_AddNumberToObject(p, "fps", best[k - 1]);
        cJSON_AddNumberToObject(p, "speedup", speedup);
        cJSON_AddNumberToObject(p, "efficiency", speedup / k);
        cJSON_AddItemToArray(points, p);
    }
    return sc;
}

int bench_roofline_annotate(const char *path, const bench_roofline_options *o, char *err,
                            size_t err_size)
{
    char *text;
    if (gfx_read_file(path, MAX_RESULTS_BYTES, "glyphfx bench results file", &text, NULL, err,
                      err_size) < 0)
        return -1;
    cJSON *doc = cJSON_Parse(text);
    free(text);
    cJSON *ctx = cJSON_GetObjectItemCaseSensitive(doc, "context");
    if (!cJSON_IsObject(ctx)) {
        snprintf(err, err_size, "%s: no context object to add the bandwidths to", path);
        cJSON_Delete(doc);
        return -1;
    }
    gfx_machine m;
    gfx_machine_probe(&m);
    gfx_bandwidth bw;
    fprintf(stderr, "glyphfx bench: measuring this machine's bandwidths%s\n",
            o->quick ? " (quick)" : "");
    if (gfx_bandwidth_measure(&bw, &m, o->quick, err, err_size)) {
        cJSON_Delete(doc);
        return -1;
    }
    cJSON_DeleteItemFromObjectCaseSensitive(ctx, "glyphfx_bandwidth");
    cJSON_AddItemToObject(ctx, "glyphfx_bandwidth", gfx_bandwidth_to_json(&bw));
    add_shares(doc, &bw);
    if (o->scaling) {
        cJSON *sc = measure_scaling(m.cores, o->scaling_duration, o->scaling_rounds, err, err_size);
        if (!sc) {
            cJSON_Delete(doc);
            return -1;
        }
        cJSON_DeleteItemFromObjectCaseSensitive(ctx, "glyphfx_scaling");
        cJSON_AddItemToObject(ctx, "glyphfx_scaling", sc);
    }
    char *out = cJSON_Print(doc);
    cJSON_Delete(doc);
    gfx_atomic tmp;
    int ok = out && gfx_atomic_open(&tmp, path, GFX_ATOMIC_STREAM, err, err_size) == 0;
    if (ok) {
        fputs(out, tmp.f);
        ok = gfx_atomic_commit(&tmp, 0, err, err_size) == 0;
    } else if (!out) {
        snprintf(err, err_size, "%s: out of memory writing it", path);
    }
    cJSON_free(out);
    return ok ? 0 : -1;
}

static void format_bytes(char *buf, size_t size, double bytes)
{
    if (bytes >= 1 << 20)
        snprintf(buf, size, "%.1f MiB", bytes / (1 << 20));
    else
        snprintf(buf, size, "%.0f KiB", bytes / (1 << 10));
}

void bench_roofline_print(const gfx_bench_results *r)
{
    gfx_roofline rl;
    if (gfx_roofline_read(r, &rl))
        return;
    if (rl.n_ceilings) {
        printf("\nroofline: each stage's GB/s against the one-core bandwidth of the level its "
               "working set fits in\n  ceilings (GB/s, 1 core / all %d):",
               rl.threads);
        for (int i = 0; i < rl.n_ceilings; i++)
            printf(" %s %.0f/%.0f", rl.ceilings[i].level, rl.ceilings[i].gbps_1,
                   rl.ceilings[i].gbps_all);
        printf("\n");
        int shown = 0;
        for (int i = 0; i < rl.n_stages; i++) {
            const gfx_roofline_stage *s = &rl.stages[i];
            if (!gfx_roofline_stage_shown(r, s->name))
                continue;
            if (!shown++)
                printf("  %-40s %11s %9s %5s %9s %11s\n", "benchmark", "bytes/frame", "GB/s",
                       "level", "ceiling", "of roofline");
            char bytes[32];
            format_bytes(bytes, sizeof bytes, s->bytes_per_frame);
            printf("  %-40s %11s %9.1f %5s %9.1f %10.0f%%\n", s->name, bytes, s->gbps, s->level,
                   s->ceiling_gbps, 100 * s->share);
        }
    }
    if (rl.n_points) {
        printf("\nworker scaling (%s):\n  %7s %8s %8s %10s\n", rl.scaling_command, "workers", "fps",
               "speed-up", "efficiency");
        for (int i = 0; i < rl.n_points; i++)
            printf("  %7d %8.1f %7.2fx %9.0f%%\n", rl.points[i].workers, rl.points[i].fps,
                   rl.points[i].speedup, 100 * rl.points[i].efficiency);
    }
    gfx_roofline_free(&rl);
}
