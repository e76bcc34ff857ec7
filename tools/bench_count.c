#include "bench_count.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "bench_modes.h"

/* ------------------------------------------------------------ valgrind's output */

/* The value of `key` ("events:") at the start of a line of text, or NULL. */
static const char *line_value(const char *text, const char *key, size_t *len)
{
    size_t klen = strlen(key);
    for (const char *at = text; at && *at; at = strchr(at, '\n'), at = at ? at + 1 : NULL) {
        if (!strncmp(at, key, klen)) {
            at += klen;
            *len = strcspn(at, "\n");
            return at;
        }
    }
    return NULL;
}

int gfx_count_parse(const char *text, gfx_count *c, char *err, size_t err_size)
{
    size_t elen, vlen;
    const char *events = line_value(text, "events:", &elen);
    const char *values = line_value(text, "summary:", &vlen);
    if (!values)
        values = line_value(text, "totals:", &vlen);
    if (!events || !values) {
        snprintf(err, err_size, "no %s line; expected a cachegrind or callgrind output file",
                 events ? "summary: or totals:" : "events:");
        return -1;
    }
    char names[512], nums[1024];
    snprintf(names, sizeof names, "%.*s", (int)elen, events);
    snprintf(nums, sizeof nums, "%.*s", (int)vlen, values);
    unsigned long long ir = 0, dr = 0, dw = 0, i1 = 0, d1 = 0, ll = 0;
    int have_ir = 0;
    char *name_save, *num_save;
    char *name = strtok_r(names, " \t", &name_save);
    char *num = strtok_r(nums, " \t", &num_save);
    for (; name; name = strtok_r(NULL, " \t", &name_save)) {
        unsigned long long v = 0;
        if (num) {
            char *end;
            errno = 0;
            v = strtoull(num, &end, 10);
            if (*end || errno) {
                snprintf(err, err_size, "counts line: '%s' is not a count", num);
                return -1;
            }
            num = strtok_r(NULL, " \t", &num_save);
        }
        if (!strcmp(name, "Ir"))
            ir = v, have_ir = 1;
        else if (!strcmp(name, "Dr"))
            dr = v;
        else if (!strcmp(name, "Dw"))
            dw = v;
        else if (!strcmp(name, "I1mr"))
            i1 = v;
        else if (!strcmp(name, "D1mr") || !strcmp(name, "D1mw"))
            d1 += v;
        else if (!strcmp(name, "ILmr") || !strcmp(name, "DLmr") || !strcmp(name, "DLmw"))
            ll += v;
    }
    if (!have_ir) {
        snprintf(err, err_size, "events '%.*s' have no Ir; expected valgrind's instruction counts",
                 (int)elen, events);
        return -1;
    }
    c->ir = ir, c->dr = dr, c->dw = dw, c->i1_misses = i1, c->d1_misses = d1, c->ll_misses = ll;
    c->est_cycles = gfx_count_est_cycles(c);
    return 0;
}

unsigned long long gfx_count_est_cycles(const gfx_count *c)
{
    return c->ir + 10 * (c->i1_misses + c->d1_misses) + 100 * c->ll_misses;
}

/* ------------------------------------------------------------ the set */

int gfx_count_set_add(gfx_count_set *s, const gfx_count *c)
{
    if (s->n == s->cap) {
        int cap = s->cap ? 2 * s->cap : 64;
        gfx_count *bigger = realloc(s->items, (size_t)cap * sizeof *bigger);
        if (!bigger)
            return -1;
        s->items = bigger, s->cap = cap;
    }
    s->items[s->n++] = *c;
    return 0;
}

const gfx_count *gfx_count_set_find(const gfx_count_set *s, const char *name)
{
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->items[i].name, name))
            return &s->items[i];
    return NULL;
}

void gfx_count_set_free(gfx_count_set *s)
{
    free(s->items);
    memset(s, 0, sizeof *s);
}

#define CYCLES_FORMULA "Ir + 10 * (I1mr + D1mr + D1mw) + 100 * (ILmr + DLmr + DLmw)"

int gfx_count_set_write(const gfx_count_set *s, const char *path, char *err, size_t err_size)
{
    cJSON *doc = cJSON_CreateObject(), *ctx = cJSON_AddObjectToObject(doc, "context");
    cJSON_AddStringToObject(ctx, "glyphfx_counts_schema", GFX_COUNT_SCHEMA);
    cJSON_AddStringToObject(ctx, "glyphfx_version", s->version);
    cJSON_AddStringToObject(ctx, "glyphfx_commit", s->commit);
    cJSON_AddStringToObject(ctx, "valgrind", s->valgrind);
    cJSON_AddStringToObject(ctx, "simulated_caches", s->cache);
    cJSON_AddStringToObject(ctx, "recorded_on", s->cpu_model);
    cJSON_AddStringToObject(ctx, "est_cycles", CYCLES_FORMULA);
    cJSON_AddStringToObject(
        ctx, "counted",
        "the second iteration of each benchmark, inside glyphfx_bench_iteration only");
    cJSON *list = cJSON_AddArrayToObject(doc, "counts");
    for (int i = 0; i < s->n; i++) {
        const gfx_count *c = &s->items[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", c->name);
        if (c->skipped) {
            cJSON_AddTrueToObject(o, "skipped");
            cJSON_AddStringToObject(o, "note", c->note);
        } else {
            /* exact below 2^53, which is some 9e15 instructions */
            cJSON_AddNumberToObject(o, "Ir", (double)c->ir);
            cJSON_AddNumberToObject(o, "Dr", (double)c->dr);
            cJSON_AddNumberToObject(o, "Dw", (double)c->dw);
            cJSON_AddNumberToObject(o, "I1_misses", (double)c->i1_misses);
            cJSON_AddNumberToObject(o, "D1_misses", (double)c->d1_misses);
            cJSON_AddNumberToObject(o, "LL_misses", (double)c->ll_misses);
            cJSON_AddNumberToObject(o, "est_cycles", (double)c->est_cycles);
        }
        cJSON_AddItemToArray(list, o);
    }
    char *text = cJSON_Print(doc);
    cJSON_Delete(doc);
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
    FILE *f = text ? fopen(tmp, "w") : NULL;
    int ok = f && fputs(text, f) >= 0 && fputc('\n', f) != EOF;
    ok = f && fclose(f) == 0 && ok && rename(tmp, path) == 0;
    if (!ok) {
        snprintf(err, err_size, "%s: cannot write (%s)", path, strerror(errno));
        unlink(tmp);
    }
    cJSON_free(text);
    return ok ? 0 : -1;
}

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static unsigned long long count_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) && v->valuedouble > 0 ? (unsigned long long)v->valuedouble : 0;
}

int gfx_count_set_load(gfx_count_set *s, const char *path, char *err, size_t err_size)
{
    memset(s, 0, sizeof *s);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_size,
                 "%s: cannot open (%s); expected a counts file from glyphfx bench --count", path,
                 strerror(errno));
        return -1;
    }
    char *text = gfx_read_stream(f);
    fclose(f);
    if (!text) {
        snprintf(err, err_size, "%s: out of memory reading it", path);
        return -1;
    }
    cJSON *doc = cJSON_Parse(text);
    free(text);
    const cJSON *ctx = cJSON_GetObjectItemCaseSensitive(doc, "context");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "counts");
    int rc = -1;
    if (!doc)
        snprintf(err, err_size, "%s: not JSON; expected a counts file from glyphfx bench --count",
                 path);
    else if (strcmp(str_of(ctx, "glyphfx_counts_schema"), GFX_COUNT_SCHEMA))
        snprintf(err, err_size,
                 "%s: context.glyphfx_counts_schema is '%s'; expected '%s' (a counts file from "
                 "glyphfx bench --count)",
                 path, str_of(ctx, "glyphfx_counts_schema"), GFX_COUNT_SCHEMA);
    else if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) == 0)
        snprintf(err, err_size, "%s: no counts in it; expected a non-empty \"counts\" array", path);
    else
        rc = 0;
    const cJSON *o;
    if (rc == 0)
        cJSON_ArrayForEach(o, list)
        {
            gfx_count c = {0};
            snprintf(c.name, sizeof c.name, "%s", str_of(o, "name"));
            c.skipped = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "skipped"));
            snprintf(c.note, sizeof c.note, "%s", str_of(o, "note"));
            c.ir = count_of(o, "Ir"), c.dr = count_of(o, "Dr"), c.dw = count_of(o, "Dw");
            c.i1_misses = count_of(o, "I1_misses"), c.d1_misses = count_of(o, "D1_misses");
            c.ll_misses = count_of(o, "LL_misses");
            c.est_cycles = gfx_count_est_cycles(&c);
            if (!c.name[0] || (!c.skipped && !c.ir)) {
                snprintf(err, err_size, "%s: a count without a name or Ir; expected both", path);
                rc = -1;
                break;
            }
            if (gfx_count_set_add(s, &c)) {
                snprintf(err, err_size, "%s: out of memory", path);
                rc = -1;
                break;
            }
        }
    if (rc == 0) {
        snprintf(s->commit, sizeof s->commit, "%s", str_of(ctx, "glyphfx_commit"));
        snprintf(s->version, sizeof s->version, "%s", str_of(ctx, "glyphfx_version"));
        snprintf(s->valgrind, sizeof s->valgrind, "%s", str_of(ctx, "valgrind"));
        snprintf(s->cache, sizeof s->cache, "%s", str_of(ctx, "simulated_caches"));
        snprintf(s->cpu_model, sizeof s->cpu_model, "%s", str_of(ctx, "recorded_on"));
    } else {
        gfx_count_set_free(s);
    }
    cJSON_Delete(doc);
    return rc;
}

/* ------------------------------------------------------------ the rule */

static double rel(unsigned long long old_v, unsigned long long new_v)
{
    return old_v ? (double)new_v / (double)old_v - 1 : (new_v ? 1 : 0);
}

enum gfx_count_verdict gfx_count_judge(const gfx_count *old_c, const gfx_count *new_c,
                                       double threshold, double *change)
{
    *change = 0;
    if (!old_c || !new_c || old_c->skipped || new_c->skipped)
        return GFX_COUNT_MISSING;
    double ir = rel(old_c->ir, new_c->ir), cy = rel(old_c->est_cycles, new_c->est_cycles);
    *change = ir < 0 ? -ir : ir;
    *change = (cy < 0 ? -cy : cy) > *change ? cy : ir;
    /* a relative change computed in doubles: 3% of a count is exact enough */
    double size = *change < 0 ? -*change : *change;
    if (size + 1e-12 < threshold)
        return GFX_COUNT_SAME;
    return *change > 0 ? GFX_COUNT_MORE : GFX_COUNT_FEWER;
}
