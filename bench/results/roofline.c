#include "roofline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

static double num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* Figures outside these never come from a real run; a file with them
 * (hand-edited, fuzzed) draws without them rather than with absurd axes. */
static int plausible(double v, double most)
{
    return v > 0 && v < most;
}

static double larger(double a, double b)
{
    return a > b ? a : b;
}

static void read_ceilings(const cJSON *bw, gfx_roofline *rl)
{
    rl->threads = (int)num(bw, "threads");
    const cJSON *l;
    cJSON_ArrayForEach(l, cJSON_GetObjectItemCaseSensitive(bw, "levels"))
    {
        if (rl->n_ceilings == GFX_ROOFLINE_MAX_LEVELS)
            break;
        gfx_roofline_ceiling *c = &rl->ceilings[rl->n_ceilings];
        snprintf(c->level, sizeof c->level, "%s", str(l, "level"));
        c->cache_bytes = num(l, "cache_bytes");
        c->gbps_1 = larger(num(l, "triad_gbps_1core"), num(l, "copy_gbps_1core"));
        c->gbps_all = larger(num(l, "triad_gbps_all"), num(l, "copy_gbps_all"));
        if (c->level[0] && plausible(c->gbps_1, 1e6) && c->gbps_all >= 0 && c->gbps_all < 1e6 &&
            c->cache_bytes >= 0 && c->cache_bytes < 1e15)
            rl->n_ceilings++;
    }
}

static void read_scaling(const cJSON *sc, gfx_roofline *rl)
{
    rl->scaling_duration_s = num(sc, "duration_s");
    rl->scaling_command = str(sc, "command");
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(sc, "points"))
    {
        if (rl->n_points == GFX_ROOFLINE_MAX_WORKERS)
            break;
        gfx_scaling_point *s = &rl->points[rl->n_points];
        double w = num(p, "workers");
        s->workers = w >= 1 && w <= 1e6 ? (int)w : 0;
        s->fps = num(p, "fps");
        s->speedup = num(p, "speedup");
        s->efficiency = num(p, "efficiency");
        if (s->workers > 0 && plausible(s->fps, 1e7) && s->speedup >= 0 && s->speedup < 1e7 &&
            s->efficiency >= 0 && s->efficiency < 1e7)
            rl->n_points++;
    }
}

/* The benchmark object whose figures the results use for run_name: the
 * median aggregate, else the last single run. */
static int figures_of(const cJSON *b)
{
    return !strcmp(str(b, "aggregate_name"), "median") || strcmp(str(b, "run_type"), "aggregate");
}

int gfx_roofline_read(const gfx_bench_results *r, gfx_roofline *rl)
{
    memset(rl, 0, sizeof *rl);
    rl->scaling_command = "";
    const cJSON *root = r->json;
    const cJSON *ctx = cJSON_GetObjectItemCaseSensitive(root, "context");
    read_ceilings(cJSON_GetObjectItemCaseSensitive(ctx, "glyphfx_bandwidth"), rl);
    read_scaling(cJSON_GetObjectItemCaseSensitive(ctx, "glyphfx_scaling"), rl);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "benchmarks");
    int n = cJSON_GetArraySize(list);
    if (n <= 0)
        return 0;
    rl->stages = calloc((size_t)n, sizeof *rl->stages);
    if (!rl->stages)
        return -1;
    const cJSON *b;
    cJSON_ArrayForEach(b, list)
    {
        if (!figures_of(b) ||
            !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(b, "roofline_share")))
            continue;
        const char *name = str(b, "run_name");
        if (!*name)
            name = str(b, "name");
        int i = 0;
        while (i < rl->n_stages && strcmp(rl->stages[i].name, name))
            i++;
        if (i == rl->n_stages)
            rl->n_stages++;
        gfx_roofline_stage *s = &rl->stages[i];
        s->name = name;
        s->bytes_per_frame = num(b, "bytes_per_frame");
        s->working_set = num(b, "working_set_bytes");
        if (s->working_set <= 0)
            s->working_set = s->bytes_per_frame;
        s->gbps = num(b, "GB/s");
        s->ceiling_gbps = num(b, "roofline_gbps");
        s->share = num(b, "roofline_share");
        snprintf(s->level, sizeof s->level, "%s", str(b, "roofline_level"));
    }
    return 0;
}

void gfx_roofline_free(gfx_roofline *rl)
{
    free(rl->stages);
    rl->stages = NULL;
    rl->n_stages = 0;
}

int gfx_roofline_stage_shown(const gfx_bench_results *r, const char *name)
{
    if (gfx_bench_is_reference(name))
        return 0;
    char stage[64], isa[64], size[64];
    gfx_bench_name_split(name, stage, isa, size, sizeof stage);
    if (!strcmp(isa, "c"))
        return 1;
    /* the file's best ISA; a run without it (--isa) shows the first level it has */
    const char *shown = NULL;
    for (int i = 0; i < r->count && !shown; i++) {
        const gfx_bench_entry *e = &r->entries[i];
        char st[64], is[64], sz[64];
        gfx_bench_name_split(e->name, st, is, sz, sizeof st);
        if (!e->skipped && !gfx_bench_is_reference(e->name) && *r->isa_best &&
            !strcmp(is, r->isa_best))
            shown = r->isa_best;
    }
    for (int i = 0; i < r->count && !shown; i++) {
        const gfx_bench_entry *e = &r->entries[i];
        char st[64], is[64], sz[64];
        gfx_bench_name_split(e->name, st, is, sz, sizeof st);
        if (!e->skipped && !gfx_bench_is_reference(e->name) && strcmp(is, "c") && e->gbps > 0) {
            if (!strcmp(is, isa))
                return 1;
            return 0;
        }
    }
    return shown && !strcmp(isa, shown);
}
