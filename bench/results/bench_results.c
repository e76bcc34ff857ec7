#include "bench_results.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "files.h"
#include "timing.h"

#define MAX_RESULTS_BYTES (256 << 20)

static const char *string_of(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static double number_of(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

/* cJSON saturates valueint, where casting valuedouble out of int's range
 * (1e300) is undefined behaviour. */
static int int_of(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsNumber(v) ? v->valueint : 0;
}

static double to_ms(double t, const char *unit)
{
    if (!strcmp(unit, "ns"))
        return t * 1e-6;
    if (!strcmp(unit, "us"))
        return t * 1e-3;
    if (!strcmp(unit, "s"))
        return t * 1e3;
    return t;
}

#define MAX_RUNS 64

/* Per-name accumulation while reading: single runs are kept so their
 * median can be taken when the file has no aggregates. */
typedef struct pending {
    double runs[MAX_RUNS];
    int n_runs;
    const cJSON *last_run, *median;
} pending;

static void take_counters(gfx_bench_entry *e, const cJSON *b)
{
    e->gbps = number_of(b, "GB/s");
    e->budget_ms = number_of(b, "budget_ms");
    e->budget_used = number_of(b, "budget_used");
    e->seed_budget_used = number_of(b, "seed_budget_used");
    e->memcpy_ms = number_of(b, "memcpy_ms");
    e->x_memcpy = number_of(b, "x_memcpy");
    e->label = string_of(b, "label");
}

static int entry_index(gfx_bench_results *r, const char *name)
{
    for (int i = 0; i < r->count; i++)
        if (!strcmp(r->entries[i].name, name))
            return i;
    return -1;
}

static void read_one(gfx_bench_results *r, pending *p, const cJSON *b)
{
    const char *name = string_of(b, "run_name");
    if (!*name)
        name = string_of(b, "name");
    int i = entry_index(r, name);
    if (i < 0) {
        i = r->count++;
        r->entries[i] = (gfx_bench_entry){.name = name, .label = ""};
    }
    gfx_bench_entry *e = &r->entries[i];
    double ms = to_ms(number_of(b, "cpu_time"), string_of(b, "time_unit"));
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(b, "error_occurred"))) {
        e->skipped = 1;
        e->error = string_of(b, "error_message");
    } else if (!strcmp(string_of(b, "run_type"), "aggregate")) {
        const char *agg = string_of(b, "aggregate_name");
        if (!strcmp(agg, "median")) {
            p[i].median = b;
            e->ms = ms;
            e->repetitions = int_of(b, "repetitions");
            take_counters(e, b);
        } else if (!strcmp(agg, "min")) {
            e->min_ms = ms;
        } else if (!strcmp(agg, "cv")) {
            e->cv = number_of(b, "cpu_time"); /* a fraction, whatever the time unit */
        }
    } else if (p[i].n_runs < MAX_RUNS) {
        p[i].runs[p[i].n_runs++] = ms;
        p[i].last_run = b;
    }
}

/* Names without a median aggregate get the median of their single runs. */
static void finish_pending(gfx_bench_results *r, pending *p)
{
    for (int i = 0; i < r->count; i++) {
        gfx_bench_entry *e = &r->entries[i];
        if (p[i].median || e->skipped || !p[i].n_runs)
            continue;
        e->ms = gfx_sort_median(p[i].runs, p[i].n_runs);
        e->repetitions = p[i].n_runs;
        e->min_ms = p[i].runs[0];
        take_counters(e, p[i].last_run);
    }
    for (int i = 0; i < r->count; i++)
        if (r->entries[i].min_ms <= 0)
            r->entries[i].min_ms = r->entries[i].ms;
}

static int check_schema(const cJSON *root, const char *path, char *err, size_t err_size)
{
    const cJSON *ctx = cJSON_GetObjectItemCaseSensitive(root, "context");
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(ctx, "glyphfx_schema");
    if (!cJSON_IsString(schema)) {
        snprintf(err, err_size,
                 "%s: no context.glyphfx_schema; expected a results file written by "
                 "glyphfx bench --out (schema %s)",
                 path, GFX_BENCH_SCHEMA);
        return -1;
    }
    if (strcmp(schema->valuestring, GFX_BENCH_SCHEMA)) {
        snprintf(err, err_size, "%s: results schema '%s'; this glyphfx reads schema %s", path,
                 schema->valuestring, GFX_BENCH_SCHEMA);
        return -1;
    }
    return 0;
}

/* The first number in the document that is not finite (1e999 parses to
 * inf), with the name of the benchmark or key holding it; NULL if none. */
static const cJSON *non_finite(const cJSON *item, const char **where)
{
    for (const cJSON *c = item ? item->child : NULL; c; c = c->next) {
        if (cJSON_IsNumber(c) && !isfinite(c->valuedouble)) {
            const char *name = string_of(item, "name");
            *where = *name ? name : c->string ? c->string : "?";
            return c;
        }
        const cJSON *bad = non_finite(c, where);
        if (bad)
            return bad;
    }
    return NULL;
}

int gfx_bench_results_load(gfx_bench_results *r, const char *path, char *err, size_t err_size)
{
    memset(r, 0, sizeof *r);
    snprintf(r->path, sizeof r->path, "%s", path);
    char *text;
    if (gfx_read_file(path, MAX_RESULTS_BYTES, "glyphfx bench results file", &text, NULL, err,
                      err_size) < 0)
        return -1;
    cJSON *root = cJSON_Parse(text);
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        long offset = at && at >= text && at <= text + strlen(text) ? (long)(at - text) : -1;
        snprintf(err, err_size,
                 "%s: not JSON (parse error near byte %ld); expected a glyphfx "
                 "bench results file",
                 path, offset);
        free(text);
        return -1;
    }
    free(text);
    r->json = root;
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "benchmarks");
    if (check_schema(root, path, err, err_size))
        goto fail;
    const char *where = NULL;
    const cJSON *bad = non_finite(root, &where);
    if (bad) {
        snprintf(err, err_size, "%s: %s: \"%s\" is %g; expected a finite number", path, where,
                 bad->string ? bad->string : "?", bad->valuedouble);
        goto fail;
    }
    int n = cJSON_GetArraySize(list);
    if (!cJSON_IsArray(list) || n == 0) {
        snprintf(err, err_size,
                 "%s: no benchmarks in it; expected a non-empty \"benchmarks\" array", path);
        goto fail;
    }
    r->entries = calloc((size_t)n, sizeof *r->entries);
    pending *p = calloc((size_t)n, sizeof *p);
    if (!r->entries || !p) {
        free(p);
        snprintf(err, err_size, "%s: out of memory", path);
        goto fail;
    }
    const cJSON *b;
    cJSON_ArrayForEach(b, list) read_one(r, p, b);
    finish_pending(r, p);
    free(p);
    const cJSON *ctx = cJSON_GetObjectItemCaseSensitive(root, "context");
    r->cpu_model = string_of(ctx, "cpu_model");
    r->topology = string_of(ctx, "topology");
    r->isa_best = string_of(ctx, "isa_best");
    r->version = string_of(ctx, "glyphfx_version");
    r->commit = string_of(ctx, "glyphfx_commit");
    return 0;
fail:
    gfx_bench_results_free(r);
    return -1;
}

void gfx_bench_results_free(gfx_bench_results *r)
{
    cJSON_Delete(r->json);
    free(r->entries);
    memset(r, 0, sizeof *r);
}

const gfx_bench_entry *gfx_bench_results_find(const gfx_bench_results *r, const char *name)
{
    for (int i = 0; i < r->count; i++)
        if (!strcmp(r->entries[i].name, name))
            return &r->entries[i];
    return NULL;
}

void gfx_bench_name_split(const char *name, char *stage, char *isa, char *size, size_t part_size)
{
    char *parts[3] = {stage, isa, size};
    for (int i = 0; i < 3; i++) {
        size_t len = strcspn(name, "/");
        snprintf(parts[i], part_size, "%.*s", (int)len, name);
        name += len + (name[len] == '/');
    }
}

int gfx_bench_is_reference(const char *name)
{
    return !strncmp(name, "memcpy/", 7) || !strncmp(name, "format_", 7);
}

double gfx_bench_ratio(const gfx_bench_entry *old_e, const gfx_bench_entry *new_e)
{
    double raw = new_e->min_ms / old_e->min_ms;
    if (old_e->memcpy_ms <= 0 || new_e->memcpy_ms <= 0)
        return raw;
    double scaled = raw * old_e->memcpy_ms / new_e->memcpy_ms;
    if (raw > 1 && scaled > 1)
        return raw < scaled ? raw : scaled;
    if (raw < 1 && scaled < 1)
        return raw > scaled ? raw : scaled;
    return 1;
}

enum gfx_verdict gfx_bench_verdict(const gfx_bench_entry *old_e, const gfx_bench_entry *new_e,
                                   const gfx_compare_rule *rule, double *tolerance)
{
    double tol = rule->cv_factor * (old_e->cv + new_e->cv);
    tol = tol > rule->floor ? tol : rule->floor;
    *tolerance = tol;
    if (old_e->skipped || new_e->skipped || old_e->min_ms <= 0 || new_e->min_ms <= 0)
        return GFX_NOT_COMPARED;
    double ratio = gfx_bench_ratio(old_e, new_e);
    if (ratio > 1 + tol)
        return GFX_SLOWER;
    if (1 / ratio > 1 + tol)
        return GFX_FASTER;
    return GFX_SAME;
}

static int count_missing(const gfx_bench_results *from, const gfx_bench_results *in,
                         const char **first)
{
    int n = 0;
    for (int i = 0; i < from->count; i++)
        if (!gfx_bench_results_find(in, from->entries[i].name) && n++ == 0)
            *first = from->entries[i].name;
    return n;
}

int gfx_bench_same_set(const gfx_bench_results *a, const gfx_bench_results *b, char *err,
                       size_t err_size)
{
    const char *only_a = "", *only_b = "";
    int in_a = count_missing(a, b, &only_a), in_b = count_missing(b, a, &only_b);
    if (!in_a && !in_b)
        return 0;
    snprintf(err, err_size,
             "%s and %s hold different benchmarks: %d only in the first%s%s%s, %d only in the "
             "second%s%s%s; expected the same set (run with the same filters)",
             a->path, b->path, in_a, in_a ? " (" : "", only_a, in_a ? "...)" : "", in_b,
             in_b ? " (" : "", only_b, in_b ? "...)" : "");
    return -1;
}

/* The fastest-repetition CPU time of run_name in a parsed results file, or
 * a huge number when it has none (skipped, or absent). */
static double fastest_in(const cJSON *doc, const char *run_name)
{
    double best = 1e300, single = 1e300;
    const cJSON *b;
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(doc, "benchmarks"))
    {
        if (strcmp(string_of(b, "run_name"), run_name) ||
            cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(b, "error_occurred")))
            continue;
        double ms = to_ms(number_of(b, "cpu_time"), string_of(b, "time_unit"));
        if (!strcmp(string_of(b, "aggregate_name"), "min"))
            best = ms;
        else if (strcmp(string_of(b, "run_type"), "aggregate") && ms < single)
            single = ms;
    }
    return best < 1e300 ? best : single;
}

static int write_json(const cJSON *doc, const char *path, char *err, size_t err_size)
{
    char *text = cJSON_Print(doc);
    gfx_atomic tmp;
    int ok = text && gfx_atomic_open(&tmp, path, GFX_ATOMIC_STREAM, err, err_size) == 0;
    if (ok) {
        fputs(text, tmp.f); /* commit checks the stream's error flag */
        ok = gfx_atomic_commit(&tmp, 0, err, err_size) == 0;
    } else if (!text) {
        snprintf(err, err_size, "%s: out of memory writing it", path);
    }
    cJSON_free(text);
    return ok ? 0 : -1;
}

int gfx_bench_merge_runs(const char *const *paths, int n, const char *out_path, char *err,
                         size_t err_size)
{
    gfx_bench_results *runs = calloc((size_t)n, sizeof *runs);
    if (!runs) {
        snprintf(err, err_size, "out of memory merging results");
        return -1;
    }
    int rc = 0, loaded = 0;
    for (; loaded < n && rc == 0; loaded++)
        rc = gfx_bench_results_load(&runs[loaded], paths[loaded], err, err_size);
    if (rc == 0) {
        cJSON *merged = cJSON_CreateArray();
        const cJSON *b;
        cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(runs[0].json, "benchmarks"))
        {
            const char *run_name = string_of(b, "run_name");
            int best = 0;
            for (int i = 1; i < n; i++)
                if (fastest_in(runs[i].json, run_name) < fastest_in(runs[best].json, run_name))
                    best = i;
            const cJSON *same = b;
            const cJSON *c;
            cJSON_ArrayForEach(
                c, cJSON_GetObjectItemCaseSensitive(
                       runs[best].json, "benchmarks")) if (!strcmp(string_of(c, "name"),
                                                                   string_of(b, "name"))) same = c;
            cJSON_AddItemToArray(merged, cJSON_Duplicate(same, 1));
        }
        cJSON *doc = runs[0].json;
        cJSON_ReplaceItemInObjectCaseSensitive(doc, "benchmarks", merged);
        char count[16];
        snprintf(count, sizeof count, "%d", n);
        cJSON_AddStringToObject(cJSON_GetObjectItemCaseSensitive(doc, "context"),
                                "glyphfx_processes", count);
        rc = write_json(doc, out_path, err, err_size);
    }
    for (int i = 0; i < loaded; i++)
        gfx_bench_results_free(&runs[i]);
    free(runs);
    return rc;
}
