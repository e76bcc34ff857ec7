/* Wisdom files: where they are, reading and checking, writing, and this
 * process's choice of kernel variants (the format is in wisdom.h). */
#include "wisdom.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "machine.h"
#include "profile.h"

int gfx_wisdom_default_path(char *buf, size_t size)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg)
        snprintf(buf, size, "%s/glyphfx/wisdom.json", xdg);
    else if (home && *home)
        snprintf(buf, size, "%s/.config/glyphfx/wisdom.json", home);
    else
        return -1;
    return 0;
}

/* ------------------------------------------------------------------ reading */

/* A wisdom file is a few kilobytes; anything past 16 MiB is not one. */
#define WISDOM_MAX_BYTES (16u << 20)

static char *read_text(const char *path, char *err, size_t err_size)
{
    char *text = NULL;
    if (gfx_read_file(path, WISDOM_MAX_BYTES, "wisdom file", &text, NULL, err, err_size) < 0)
        return NULL;
    return text;
}

static int line_of(const char *text, const char *at)
{
    int line = 1;
    for (const char *p = text; p < at && *p; p++)
        line += *p == '\n';
    return line;
}

static void append_name(char *list, size_t size, const char *name)
{
    if (!list || !size)
        return;
    size_t len = strlen(list);
    snprintf(list + len, size - len, "%s%s", len ? ", " : "", name);
}

/* A string member: copied to out; a missing one is "" unless required. */
static gfx_status get_string(const cJSON *obj, const char *key, int required, char *out,
                             size_t size, const char *path, const char *where, char *err,
                             size_t err_size)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    out[0] = 0;
    if (!v && !required)
        return GFX_OK;
    if (!cJSON_IsString(v))
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: %s%s: expected a string", path, where,
                        key);
    snprintf(out, size, "%s", v->valuestring);
    return GFX_OK;
}

static gfx_status read_size(gfx_wisdom_size *s, const cJSON *item, int index, const char *path,
                            char *unknown, size_t unknown_size, char *err, size_t err_size)
{
    char where[48];
    snprintf(where, sizeof where, "sizes[%d].", index);
    memset(s, 0, sizeof *s);
    memset(s->best, -1, sizeof s->best);
    if (!cJSON_IsObject(item))
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: sizes[%d]: expected an object", path,
                        index);
    if (get_string(item, "profile", 0, s->profile, sizeof s->profile, path, where, err, err_size))
        return GFX_BAD_INPUT;
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(item, "width");
    const cJSON *h = cJSON_GetObjectItemCaseSensitive(item, "height");
    if (!cJSON_IsNumber(w) || !cJSON_IsNumber(h) || w->valuedouble < 1 || h->valuedouble < 1 ||
        w->valuedouble > 65536 || h->valuedouble > 65536 || w->valuedouble != w->valueint ||
        h->valuedouble != h->valueint)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: %swidth and height: expected whole numbers 1..65536", path, where);
    s->width = w->valueint, s->height = h->valueint;
    const cJSON *kernels = cJSON_GetObjectItemCaseSensitive(item, "kernels");
    if (!cJSON_IsObject(kernels))
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: %skernels: expected an object", path,
                        where);
    const cJSON *k;
    cJSON_ArrayForEach(k, kernels)
    {
        int id = 0;
        while (id < GFX_K_COUNT && strcmp(k->string, gfx_kernel_name((enum gfx_kernel_id)id)))
            id++;
        if (id == GFX_K_COUNT) {
            append_name(unknown, unknown_size, k->string);
            continue;
        }
        if (!cJSON_IsObject(k))
            return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: %skernels.%s: expected an object",
                            path, where, k->string);
        const cJSON *best = cJSON_GetObjectItemCaseSensitive(k, "best");
        if (!cJSON_IsString(best))
            return gfx_fail(err, err_size, GFX_BAD_INPUT,
                            "%s: %skernels.%s.best: expected an ISA name", path, where, k->string);
        s->best[id] = (signed char)gfx_isa_parse(best->valuestring);
        if (s->best[id] < 0)
            append_name(unknown, unknown_size, best->valuestring);
        const cJSON *ms = cJSON_GetObjectItemCaseSensitive(k, "ms"), *t;
        cJSON_ArrayForEach(t, ms)
        {
            int isa = gfx_isa_parse(t->string);
            if (isa >= 0 && cJSON_IsNumber(t) && t->valuedouble > 0)
                s->ms[id][isa] = t->valuedouble;
        }
    }
    return GFX_OK;
}

static gfx_status read_root(gfx_wisdom *w, const cJSON *root, const char *path, char *unknown,
                            size_t unknown_size, char *err, size_t err_size)
{
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(root, "glyphfx_wisdom");
    if (!cJSON_IsObject(root) || !format)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: not a glyphfx wisdom file (no \"glyphfx_wisdom\" member)", path);
    if (!cJSON_IsNumber(format) || format->valuedouble != GFX_WISDOM_FORMAT)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: glyphfx_wisdom: expected %d (the format read here)", path,
                        GFX_WISDOM_FORMAT);
    const cJSON *machine = cJSON_GetObjectItemCaseSensitive(root, "machine");
    if (!cJSON_IsObject(machine))
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: machine: expected an object", path);
    const cJSON *glyphfx = cJSON_GetObjectItemCaseSensitive(root, "glyphfx");
    const cJSON *tuned = cJSON_GetObjectItemCaseSensitive(root, "tuned");
    if (get_string(machine, "cpu_model", 1, w->cpu_model, sizeof w->cpu_model, path, "machine.",
                   err, err_size) ||
        get_string(machine, "cpu_flags", 1, w->cpu_flags, sizeof w->cpu_flags, path, "machine.",
                   err, err_size) ||
        get_string(machine, "arch", 0, w->arch, sizeof w->arch, path, "machine.", err, err_size) ||
        get_string(glyphfx, "version", 0, w->version, sizeof w->version, path, "glyphfx.", err,
                   err_size) ||
        get_string(glyphfx, "commit", 0, w->commit, sizeof w->commit, path, "glyphfx.", err,
                   err_size) ||
        get_string(tuned, "date", 0, w->date, sizeof w->date, path, "tuned.", err, err_size))
        return GFX_BAD_INPUT;
    const cJSON *avail = cJSON_GetObjectItemCaseSensitive(machine, "isa_available"), *a;
    cJSON_ArrayForEach(a, avail)
    {
        int isa = cJSON_IsString(a) ? gfx_isa_parse(a->valuestring) : -1;
        if (isa >= 0)
            w->isa_available |= 1u << isa;
    }
    const cJSON *runs = cJSON_GetObjectItemCaseSensitive(tuned, "runs");
    w->runs = cJSON_IsNumber(runs) ? runs->valueint : 0;
    w->quick = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(tuned, "quick"));
    const cJSON *skipped = cJSON_GetObjectItemCaseSensitive(tuned, "skipped"), *s;
    cJSON_ArrayForEach(s, skipped)
    {
        int isa = gfx_isa_parse(s->string);
        if (isa >= 0 && cJSON_IsString(s))
            snprintf(w->skipped[isa], sizeof w->skipped[isa], "%s", s->valuestring);
    }
    const cJSON *sizes = cJSON_GetObjectItemCaseSensitive(root, "sizes");
    if (!cJSON_IsArray(sizes) || cJSON_GetArraySize(sizes) < 1)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: sizes: expected an array of frame sizes",
                        path);
    const cJSON *item;
    cJSON_ArrayForEach(item, sizes)
    {
        if (w->n_sizes == GFX_WISDOM_MAX_SIZES)
            return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: sizes: more than %d", path,
                            GFX_WISDOM_MAX_SIZES);
        if (read_size(&w->sizes[w->n_sizes], item, w->n_sizes, path, unknown, unknown_size, err,
                      err_size))
            return GFX_BAD_INPUT;
        w->n_sizes++;
    }
    return GFX_OK;
}

gfx_status gfx_wisdom_read(gfx_wisdom *w, const char *path, char *unknown, size_t unknown_size,
                           char *err, size_t err_size)
{
    memset(w, 0, sizeof *w);
    if (unknown && unknown_size)
        unknown[0] = 0;
    char *text = read_text(path, err, err_size);
    if (!text)
        return GFX_BAD_INPUT;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
    gfx_status st;
    if (!root)
        st = gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: not valid JSON (line %d)", path,
                      line_of(text, end ? end : text));
    else
        st = read_root(w, root, path, unknown, unknown_size, err, err_size);
    cJSON_Delete(root);
    free(text);
    return st;
}

/* ------------------------------------------------------------------ writing */

cJSON *gfx_wisdom_to_json(const gfx_wisdom *w)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "glyphfx_wisdom", GFX_WISDOM_FORMAT);
    cJSON *g = cJSON_AddObjectToObject(root, "glyphfx");
    cJSON_AddStringToObject(g, "version", w->version);
    cJSON_AddStringToObject(g, "commit", w->commit);
    cJSON *m = cJSON_AddObjectToObject(root, "machine");
    cJSON_AddStringToObject(m, "cpu_model", w->cpu_model);
    cJSON_AddStringToObject(m, "arch", w->arch);
    cJSON_AddStringToObject(m, "cpu_flags", w->cpu_flags);
    cJSON *avail = cJSON_AddArrayToObject(m, "isa_available");
    for (int i = 0; i < GFX_ISA_COUNT; i++)
        if (w->isa_available & (1u << i))
            cJSON_AddItemToArray(avail, cJSON_CreateString(gfx_isa_name((enum gfx_isa)i)));
    cJSON *t = cJSON_AddObjectToObject(root, "tuned");
    cJSON_AddStringToObject(t, "date", w->date);
    cJSON_AddNumberToObject(t, "runs", w->runs);
    cJSON_AddBoolToObject(t, "quick", w->quick);
    cJSON_AddStringToObject(t, "clock", "thread CPU time, median of runs, ms per call");
    cJSON *skipped = cJSON_AddObjectToObject(t, "skipped");
    for (int i = 0; i < GFX_ISA_COUNT; i++)
        if (w->skipped[i][0])
            cJSON_AddStringToObject(skipped, gfx_isa_name((enum gfx_isa)i), w->skipped[i]);
    cJSON *sizes = cJSON_AddArrayToObject(root, "sizes");
    for (int s = 0; s < w->n_sizes; s++) {
        const gfx_wisdom_size *ws = &w->sizes[s];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "profile", ws->profile);
        cJSON_AddNumberToObject(o, "width", ws->width);
        cJSON_AddNumberToObject(o, "height", ws->height);
        cJSON *ks = cJSON_AddObjectToObject(o, "kernels");
        for (int id = 0; id < GFX_K_COUNT; id++) {
            if (ws->best[id] < 0)
                continue;
            cJSON *k = cJSON_AddObjectToObject(ks, gfx_kernel_name((enum gfx_kernel_id)id));
            cJSON_AddStringToObject(k, "best", gfx_isa_name((enum gfx_isa)ws->best[id]));
            cJSON *ms = cJSON_AddObjectToObject(k, "ms");
            for (int i = 0; i < GFX_ISA_COUNT; i++)
                if (ws->ms[id][i] > 0)
                    cJSON_AddNumberToObject(ms, gfx_isa_name((enum gfx_isa)i),
                                            round(ws->ms[id][i] * 1e5) / 1e5);
        }
        cJSON_AddItemToArray(sizes, o);
    }
    return root;
}

/* mkdir -p of the directory part of path. */
static int make_parent_dirs(const char *path)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = 0;
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(dir, 0755) && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(dir, 0755) && errno != EEXIST ? -1 : 0;
}

static gfx_status write_file_atomic(const char *path, const char *text, char *err, size_t err_size)
{
    if (make_parent_dirs(path))
        return gfx_fail(err, err_size, GFX_FAILED, "%s: cannot create its directory: %s", path,
                        strerror(errno));
    gfx_atomic a;
    if (gfx_atomic_open(&a, path, GFX_ATOMIC_STREAM, err, err_size) < 0)
        return GFX_FAILED;
    if (fputs(text, a.f) < 0) {
        gfx_atomic_abort(&a);
        return gfx_fail(err, err_size, GFX_FAILED, "%s: %s", path, strerror(errno));
    }
    return gfx_atomic_commit(&a, 1, err, err_size) < 0 ? GFX_FAILED : GFX_OK;
}

gfx_status gfx_wisdom_write(const gfx_wisdom *w, const char *path, char *err, size_t err_size)
{
    cJSON *root = gfx_wisdom_to_json(w);
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text)
        return gfx_fail(err, err_size, GFX_FAILED, "%s: out of memory", path);
    size_t len = strlen(text);
    char *line = malloc(len + 2);
    gfx_status st = GFX_FAILED;
    if (line) {
        memcpy(line, text, len);
        memcpy(line + len, "\n", 2);
        st = write_file_atomic(path, line, err, err_size);
    } else {
        gfx_fail(err, err_size, GFX_FAILED, "%s: out of memory", path);
    }
    free(line);
    cJSON_free(text);
    return st;
}

/* ------------------------------------------------- this process's choice */

static gfx_wisdom_status status = {.state = GFX_WISDOM_NONE};

const gfx_wisdom_status *gfx_wisdom_status_get(void)
{
    return &status;
}

const char *gfx_wisdom_state_name(enum gfx_wisdom_state state)
{
    static const char *const names[] = {"none", "disabled", "overridden", "ignored", "used"};
    return (unsigned)state < sizeof names / sizeof names[0] ? names[state] : "unknown";
}

/* "this is Y" against "the file's X", naming the first flag that differs. */
static void describe_other_machine(char *buf, size_t size, const gfx_wisdom *w,
                                   const gfx_machine *m)
{
    if (strcmp(w->cpu_model, m->cpu_model)) {
        snprintf(buf, size, "it was tuned on \"%s\", this is \"%s\"", w->cpu_model, m->cpu_model);
        return;
    }
    snprintf(buf, size, "same CPU model, but its cpu flags \"%s\" differ from these \"%s\"",
             w->cpu_flags, m->cpu_flags);
}

int gfx_wisdom_load(char *msg, size_t size)
{
    memset(&status, 0, sizeof status);
    memset(status.chosen, -1, sizeof status.chosen);
    if (msg && size)
        msg[0] = 0;
    const char *env = getenv("GLYPHFX_WISDOM");
    int explicit = env && *env;
    if (explicit && !strcmp(env, "none")) {
        status.state = GFX_WISDOM_DISABLED;
        snprintf(status.why, sizeof status.why, "GLYPHFX_WISDOM=none");
        return 0;
    }
    if (explicit)
        snprintf(status.path, sizeof status.path, "%s", env);
    else if (gfx_wisdom_default_path(status.path, sizeof status.path)) {
        snprintf(status.why, sizeof status.why, "neither XDG_CONFIG_HOME nor HOME is set");
        return 0;
    }
    if (!explicit && access(status.path, F_OK) != 0) {
        snprintf(status.why, sizeof status.why, "no file at %s (glyphfx tune writes it)",
                 status.path);
        return 0;
    }
    int forced = gfx_kernels_forced();
    if (forced >= 0) {
        status.state = GFX_WISDOM_FORCED;
        snprintf(status.why, sizeof status.why,
                 "a forced ISA level (GLYPHFX_ISA or --isa: %s) overrides it",
                 gfx_isa_name((enum gfx_isa)forced));
        return 0;
    }
    char err[512] = "";
    char unknown[256];
    int rc = 1;
    status.state = GFX_WISDOM_IGNORED;
    if (gfx_wisdom_read(&status.wisdom, status.path, unknown, sizeof unknown, err, sizeof err)) {
        snprintf(status.why, sizeof status.why, "wisdom %s; ignored", err);
        rc = 2;
    } else {
        gfx_machine m;
        gfx_machine_probe_cpu(&m);
        if (strcmp(status.wisdom.cpu_model, m.cpu_model) ||
            strcmp(status.wisdom.cpu_flags, m.cpu_flags)) {
            char other[640];
            describe_other_machine(other, sizeof other, &status.wisdom, &m);
            snprintf(status.why, sizeof status.why,
                     "wisdom %s is from another machine (%s); ignored (glyphfx tune measures "
                     "this one)",
                     status.path, other);
        } else {
            status.state = GFX_WISDOM_USED;
            if (unknown[0])
                snprintf(status.why, sizeof status.why, "names unknown to this glyphfx skipped: %s",
                         unknown);
            const gfx_profile *production = gfx_profile_find("production");
            gfx_wisdom_apply(production->width, production->height);
            return 0;
        }
    }
    if (msg && size)
        snprintf(msg, size, "%s", status.why);
    return rc;
}

/* The wisdom size nearest to width x height in pixel count (ratio). */
static int nearest_size(const gfx_wisdom *w, int width, int height)
{
    int best = 0;
    double best_d = INFINITY, px = (double)width * height;
    for (int i = 0; i < w->n_sizes; i++) {
        double d = fabs(log(px / ((double)w->sizes[i].width * w->sizes[i].height)));
        if (d < best_d)
            best_d = d, best = i;
    }
    return best;
}

void gfx_wisdom_apply(int width, int height)
{
    if (status.state != GFX_WISDOM_USED || status.wisdom.n_sizes < 1)
        return;
    status.width = width, status.height = height;
    status.size_index = nearest_size(&status.wisdom, width, height);
    const gfx_wisdom_size *s = &status.wisdom.sizes[status.size_index];
    struct gfx_kernels fallback;
    gfx_kernels_init(&fallback, gfx_isa_best());
    for (int id = 0; id < GFX_K_COUNT; id++) {
        int isa = s->best[id];
        status.chosen[id] = -1;
        status.note[id][0] = 0;
        if (isa < 0)
            snprintf(status.note[id], sizeof status.note[id], "no choice in the file");
        else if (gfx_kernels_choose((enum gfx_kernel_id)id, (enum gfx_isa)isa) == 0)
            status.chosen[id] = (signed char)isa;
        else
            snprintf(status.note[id], sizeof status.note[id],
                     "wisdom names %s, which this CPU or build lacks", gfx_isa_name(isa));
        if (status.chosen[id] < 0)
            gfx_kernels_choose((enum gfx_kernel_id)id, fallback.isa_used[id]);
    }
}

cJSON *gfx_wisdom_status_json(void)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "state", gfx_wisdom_state_name(status.state));
    if (status.path[0])
        cJSON_AddStringToObject(o, "file", status.path);
    if (status.why[0])
        cJSON_AddStringToObject(o, "why", status.why);
    if (status.state != GFX_WISDOM_USED)
        return o;
    const gfx_wisdom *w = &status.wisdom;
    cJSON_AddStringToObject(o, "tuned", w->date);
    cJSON_AddStringToObject(o, "tuned_by", w->version);
    cJSON_AddStringToObject(o, "tuned_commit", w->commit);
    cJSON *size = cJSON_AddObjectToObject(o, "chosen_for");
    cJSON_AddNumberToObject(size, "width", status.width);
    cJSON_AddNumberToObject(size, "height", status.height);
    cJSON_AddStringToObject(size, "wisdom_size", w->sizes[status.size_index].profile);
    cJSON *ks = cJSON_AddObjectToObject(o, "kernels");
    for (int id = 0; id < GFX_K_COUNT; id++) {
        cJSON *k = cJSON_AddObjectToObject(ks, gfx_kernel_name((enum gfx_kernel_id)id));
        cJSON_AddStringToObject(k, "isa", gfx_isa_name(gfx_kernels_get()->isa_used[id]));
        cJSON_AddStringToObject(k, "from", status.chosen[id] >= 0 ? "wisdom" : "default");
        if (status.note[id][0])
            cJSON_AddStringToObject(k, "note", status.note[id]);
    }
    return o;
}
