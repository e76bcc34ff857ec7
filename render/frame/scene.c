#include "scene.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "combine.h"
#include "files.h"
#include "grid.h"
#include "palette.h"
#include "shader_presets.h"
#include "timeline.h"

#define MAX_SCENE_BYTES (16 << 20)
#define DEFAULT_GAMMA 0.6f
#define DEFAULT_FADE 1.0

/* Everything a validation step needs to report one line. */
struct parse_ctx {
    const char *file;
    char *err;
    size_t err_size;
    gfx_scene *scene; /* owns the keyframe tracks and texts parsed */
    int version;
};

static int fail(const struct parse_ctx *ctx, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(ctx->err, ctx->err_size, "%s: %s: ", ctx->file, path);
    if (n >= 0 && (size_t)n < ctx->err_size)
        vsnprintf(ctx->err + n, ctx->err_size - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

/* A short rendering of a JSON value for messages. */
static void describe(const cJSON *v, char *buf, size_t size)
{
    if (cJSON_IsString(v))
        snprintf(buf, size, "\"%.60s\"", v->valuestring);
    else if (cJSON_IsNumber(v))
        snprintf(buf, size, "%g", v->valuedouble);
    else if (cJSON_IsBool(v))
        snprintf(buf, size, "%s", cJSON_IsTrue(v) ? "true" : "false");
    else if (cJSON_IsNull(v))
        snprintf(buf, size, "null");
    else if (cJSON_IsArray(v))
        snprintf(buf, size, "an array");
    else
        snprintf(buf, size, "an object");
}

/* Name lists for messages ("a|b|c"). */
typedef const char *(*name_at_fn)(int);
static void join_names(char *buf, size_t size, int n, name_at_fn name_at)
{
    size_t used = 0;
    buf[0] = 0;
    for (int i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? "|" : "", name_at(i));
}
static const char *effect_name_at(int i)
{
    return gfx_effect_at(i)->name;
}
static const char *shader_name_at(int i)
{
    return gfx_shader_at(i)->name;
}
static const char *tint_name_at(int i)
{
    return gfx_tint_at(i)->name;
}
static const char *mood_name_at(int i)
{
    return gfx_mood_name(i);
}

static int expect_number(const struct parse_ctx *ctx, const char *path, const cJSON *v, double min,
                         double max, double *out)
{
    char what[96];
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
        describe(v, what, sizeof what);
        return fail(ctx, path, "%s is not a number; expected %g..%g", what, min, max);
    }
    if (v->valuedouble < min || v->valuedouble > max)
        return fail(ctx, path, "%g is out of range; expected %g..%g", v->valuedouble, min, max);
    *out = v->valuedouble;
    return 0;
}

/* A string from a fixed set; *out is its index. */
static int expect_name(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                       const char *kind, int (*find)(const char *), int count, name_at_fn name_at,
                       int *out)
{
    char what[96], names[1024];
    join_names(names, sizeof names, count, name_at);
    if (!cJSON_IsString(v)) {
        describe(v, what, sizeof what);
        return fail(ctx, path, "%s is not a string; expected %s: %s", what, kind, names);
    }
    int i = find(v->valuestring);
    if (i < 0)
        return fail(ctx, path, "\"%.60s\" is not %s; expected %s", v->valuestring, kind, names);
    *out = i;
    return 0;
}

static int find_effect_index(const char *name)
{
    for (int i = 0; i < gfx_effect_count(); i++)
        if (!strcmp(gfx_effect_at(i)->name, name))
            return i;
    return -1;
}

/* An effect's name (a layer's mask field, its combine); *out is the effect. */
static int expect_effect(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                         const gfx_effect_desc **out)
{
    int effect = 0;
    if (expect_name(ctx, path, v, "an effect", find_effect_index, gfx_effect_count(),
                    effect_name_at, &effect))
        return -1;
    *out = gfx_effect_at(effect);
    return 0;
}

/* Checks that an object has only the keys in `allowed` (NULL-terminated, at
 * most 32), each at most once: cJSON keeps both copies of a repeated key and
 * lookups would silently take the first. */
static int check_keys(const struct parse_ctx *ctx, const char *path, const cJSON *obj,
                      const char *const *allowed)
{
    const cJSON *item;
    uint32_t seen = 0;
    cJSON_ArrayForEach(item, obj)
    {
        int known = -1;
        for (int a = 0; allowed[a] && known < 0; a++)
            if (!strcmp(item->string, allowed[a]))
                known = a;
        if (known >= 0 && (seen >> known & 1))
            return fail(ctx, path, "duplicate key \"%.60s\"; expected each key once", item->string);
        if (known >= 0)
            seen |= 1u << known;
        else {
            char names[256];
            size_t used = 0;
            for (const char *const *a = allowed; *a && used < sizeof names; a++)
                used += (size_t)snprintf(names + used, sizeof names - used, "%s%s",
                                         a == allowed ? "" : "|", *a);
            return fail(ctx, path, "unknown key \"%.60s\"; expected %s", item->string, names);
        }
    }
    return 0;
}

/* Hands a heap block to the scene, which frees it with itself; p (NULL
 * when out of memory: then p is freed). */
static void *scene_own(gfx_scene *scene, void *p)
{
    if (p && scene->n_owned == scene->owned_cap) {
        int cap = scene->owned_cap ? 2 * scene->owned_cap : 8;
        void **grown = realloc(scene->owned, (size_t)cap * sizeof *grown);
        if (!grown) {
            free(p);
            return NULL;
        }
        scene->owned = grown;
        scene->owned_cap = cap;
    }
    if (p)
        scene->owned[scene->n_owned++] = p;
    return p;
}

/* "keyframes": [[time, value], [time, value, "easing"], ...] */
static int parse_keyframes(const struct parse_ctx *ctx, const char *path, const cJSON *arr,
                           const cJSON *loop, const gfx_param_desc *d, gfx_param_value *out)
{
    int n = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
    if (n < 1 || n > GFX_KEYFRAMES_MAX)
        return fail(ctx, path,
                    "expected an array of 1 to %d keyframes [time, value] or "
                    "[time, value, \"easing\"]",
                    GFX_KEYFRAMES_MAX);
    gfx_keyframe_track *track = scene_own(ctx->scene, calloc(1, sizeof *track));
    if (!track)
        return fail(ctx, path, "out of memory");
    int i = 0;
    const cJSON *k;
    cJSON_ArrayForEach(k, arr)
    {
        char sub[256], field[300];
        snprintf(sub, sizeof sub, "%.200s[%d]", path, i++);
        int len = cJSON_IsArray(k) ? cJSON_GetArraySize(k) : 0;
        if (len < 2 || len > 3)
            return fail(ctx, sub, "expected [time, value] or [time, value, \"easing\"]");
        double t = 0.0, v = 0.0;
        int easing = GFX_EASE_IN_OUT_CUBIC;
        snprintf(field, sizeof field, "%s[0]", sub);
        if (expect_number(ctx, field, cJSON_GetArrayItem(k, 0), 0.0, 86400.0, &t))
            return -1;
        snprintf(field, sizeof field, "%s[1]", sub);
        if (expect_number(ctx, field, cJSON_GetArrayItem(k, 1), d->min, d->max, &v))
            return -1;
        snprintf(field, sizeof field, "%s[2]", sub);
        if (len == 3 && expect_name(ctx, field, cJSON_GetArrayItem(k, 2), "an easing",
                                    gfx_easing_find, GFX_EASINGS, gfx_easing_name, &easing))
            return -1;
        char why[200];
        if (gfx_keyframes_add(track, t, v, easing, why, sizeof why))
            return fail(ctx, sub, "%s", why);
    }
    if (loop && !cJSON_IsBool(loop)) {
        char sub[256], what[96];
        snprintf(sub, sizeof sub, "%.200s", path);
        describe(loop, what, sizeof what);
        return fail(ctx, sub, "loop: %s is not true or false", what);
    }
    track->loop = cJSON_IsTrue(loop);
    out->keys = track;
    return 0;
}

/* For objects whose keys come from tables rather than a fixed list: each
 * key at most once. */
static int check_unique_keys(const struct parse_ctx *ctx, const char *path, const cJSON *obj)
{
    for (const cJSON *a = obj->child; a; a = a->next)
        for (const cJSON *b = a->next; b; b = b->next)
            if (!strcmp(a->string, b->string))
                return fail(ctx, path, "duplicate key \"%.60s\"; expected each key once",
                            a->string);
    return 0;
}

/* One parameter value: a number, {"base", "feature", "amount"} or
 * {"keyframes", "loop", "feature", "amount"}. */
static int parse_param_value(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                             const gfx_param_desc *d, int must_be_constant, gfx_param_value *out)
{
    double x = 0.0;
    if (!cJSON_IsObject(v)) {
        if (expect_number(ctx, path, v, d->min, d->max, &x))
            return -1;
        *out = gfx_param_constant((float)x);
        return 0;
    }
    if (must_be_constant)
        return fail(ctx, path,
                    "an object, but %s sizes a cached table and must be a constant "
                    "number in %g..%g",
                    d->name, d->min, d->max);
    const cJSON *keyframes = cJSON_GetObjectItemCaseSensitive(v, "keyframes");
    static const char *const keys[] = {"base", "feature", "amount", NULL};
    static const char *const keyed[] = {"keyframes", "loop", "feature", "amount", NULL};
    if (check_keys(ctx, path, v, keyframes ? keyed : keys))
        return -1;
    *out = gfx_param_constant(d->def);
    char sub[256];
    if (keyframes) {
        snprintf(sub, sizeof sub, "%.200s.keyframes", path);
        if (parse_keyframes(ctx, sub, keyframes, cJSON_GetObjectItemCaseSensitive(v, "loop"), d,
                            out))
            return -1;
        if (!cJSON_GetObjectItemCaseSensitive(v, "feature"))
            return 0;
    } else {
        snprintf(sub, sizeof sub, "%.200s.base", path);
        if (expect_number(ctx, sub, cJSON_GetObjectItemCaseSensitive(v, "base"), d->min, d->max,
                          &x))
            return -1;
        out->base = (float)x;
    }
    snprintf(sub, sizeof sub, "%.200s.feature", path);
    if (expect_name(ctx, sub, cJSON_GetObjectItemCaseSensitive(v, "feature"), "a feature",
                    gfx_feature_find, GFX_FEATURES, gfx_feature_name, &out->feature))
        return -1;
    double span = (double)d->max - (double)d->min;
    snprintf(sub, sizeof sub, "%.200s.amount", path);
    if (expect_number(ctx, sub, cJSON_GetObjectItemCaseSensitive(v, "amount"), -span, span, &x))
        return -1;
    out->amount = (float)x;
    return 0;
}

/* An object of named parameters against a descriptor table; absent ones
 * take their defaults. */
static int parse_params(const struct parse_ctx *ctx, const char *path, const cJSON *obj,
                        const gfx_param_desc *descs, int n_descs, unsigned constant_mask,
                        const char *owner, gfx_param_value *out)
{
    for (int j = 0; j < n_descs; j++)
        out[j] = gfx_param_constant(descs[j].def);
    if (!obj)
        return 0;
    if (!cJSON_IsObject(obj)) {
        char what[96];
        describe(obj, what, sizeof what);
        return fail(ctx, path, "%s is not an object of parameters", what);
    }
    const cJSON *item;
    uint32_t seen = 0; /* constant_mask's bits: at most 32 parameters */
    cJSON_ArrayForEach(item, obj)
    {
        char sub[256];
        snprintf(sub, sizeof sub, "%s.%.60s", path, item->string);
        int j = 0;
        while (j < n_descs && strcmp(descs[j].name, item->string) != 0)
            j++;
        if (j < n_descs && (seen >> j & 1))
            return fail(ctx, sub, "duplicate parameter \"%.60s\"; expected each parameter once",
                        item->string);
        if (j < n_descs)
            seen |= 1u << j;
        if (j == n_descs) {
            char names[512];
            size_t used = 0;
            names[0] = 0;
            for (int k = 0; k < n_descs && used < sizeof names; k++)
                used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", k ? "|" : "",
                                         descs[k].name);
            return fail(ctx, sub, "\"%.60s\" is not a parameter of %s; expected %s", item->string,
                        owner, n_descs ? names : "none (it takes no parameters)");
        }
        if (parse_param_value(ctx, sub, item, &descs[j], (constant_mask >> j) & 1, &out[j]))
            return -1;
    }
    return 0;
}

/* A whole number in [min, max]. */
static int expect_count(const struct parse_ctx *ctx, const char *path, const cJSON *v, int min,
                        int max, int *out)
{
    double x = 0.0;
    if (expect_number(ctx, path, v, min, max, &x))
        return -1;
    if (x != floor(x))
        return fail(ctx, path, "%g is not a whole number; expected %d..%d", x, min, max);
    *out = (int)x;
    return 0;
}

/* "beats": {"every": n, "of": m, "at": k}: the step's beat window. */
static int parse_beat_window(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                             gfx_shader_step *step)
{
    if (!cJSON_IsObject(v))
        return fail(ctx, path, "expected an object {\"every\", \"of\", \"at\"}");
    static const char *const keys[] = {"every", "of", "at", NULL};
    if (check_keys(ctx, path, v, keys))
        return -1;
    char sub[256];
    step->beats_every = 1, step->beats_of = 2, step->beats_at = 0;
    const cJSON *item;
    snprintf(sub, sizeof sub, "%.200s.every", path);
    if ((item = cJSON_GetObjectItemCaseSensitive(v, "every")) &&
        expect_count(ctx, sub, item, 1, 64, &step->beats_every))
        return -1;
    snprintf(sub, sizeof sub, "%.200s.of", path);
    if ((item = cJSON_GetObjectItemCaseSensitive(v, "of")) &&
        expect_count(ctx, sub, item, 1, 16, &step->beats_of))
        return -1;
    snprintf(sub, sizeof sub, "%.200s.at", path);
    if ((item = cJSON_GetObjectItemCaseSensitive(v, "at")) &&
        expect_count(ctx, sub, item, 0, step->beats_of - 1, &step->beats_at))
        return -1;
    return 0;
}

/* One item of a "shaders" array into out[0..room): a step {"name",
 * "params", "beats"}, a tint {"tint", "beats"} (one color_grade step) or a
 * mood {"mood"} (its whole chain). Returns the steps written, or -1. */
static int parse_shader_item(const struct parse_ctx *ctx, int version, const char *sub,
                             const cJSON *s, gfx_shader_step *out, int room)
{
    char field[300];
    if (!cJSON_IsObject(s))
        return fail(ctx, sub, "expected an object {\"name\": ..., \"params\": {...}}");
    const cJSON *mood = cJSON_GetObjectItemCaseSensitive(s, "mood");
    const cJSON *tint = cJSON_GetObjectItemCaseSensitive(s, "tint");
    if (mood) {
        static const char *const mood_keys[] = {"mood", NULL};
        int m;
        snprintf(field, sizeof field, "%s.mood", sub);
        if (check_keys(ctx, sub, s, mood_keys) ||
            expect_name(ctx, field, mood, "a mood", gfx_mood_find, GFX_MOODS, mood_name_at, &m))
            return -1;
        int n = gfx_mood_expand(m, out, room);
        if (n < 0)
            return fail(ctx, field, "mood \"%s\" does not fit: at most %d shader steps in all",
                        gfx_mood_name(m), GFX_MAX_SHADERS);
        return n;
    }
    if (room < 1)
        return fail(ctx, sub, "more than %d shader steps (moods count their steps)",
                    GFX_MAX_SHADERS);
    gfx_shader_step *step = out;
    memset(step, 0, sizeof *step);
    if (tint) {
        static const char *const tint_keys[] = {"tint", NULL};
        static const char *const v2_tint_keys[] = {"tint", "beats", NULL};
        int t;
        snprintf(field, sizeof field, "%s.tint", sub);
        if (check_keys(ctx, sub, s, version < 2 ? tint_keys : v2_tint_keys) ||
            expect_name(ctx, field, tint, "a tint", gfx_tint_find, GFX_TINTS, tint_name_at, &t))
            return -1;
        *step = gfx_tint_step(t);
    } else {
        static const char *const keys[] = {"name", "params", NULL};
        static const char *const v2_keys[] = {"name", "params", "beats", NULL};
        if (check_keys(ctx, sub, s, version < 2 ? keys : v2_keys))
            return -1;
        snprintf(field, sizeof field, "%s.name", sub);
        if (expect_name(ctx, field, cJSON_GetObjectItemCaseSensitive(s, "name"), "a shader",
                        gfx_shader_find, GFX_SHADERS, shader_name_at, &step->shader))
            return -1;
        const gfx_shader_desc *d = gfx_shader_at(step->shader);
        snprintf(field, sizeof field, "%s.params", sub);
        if (parse_params(ctx, field, cJSON_GetObjectItemCaseSensitive(s, "params"), d->params,
                         d->n_params, d->constant_params, d->name, step->params))
            return -1;
    }
    snprintf(field, sizeof field, "%s.beats", sub);
    const cJSON *beats = cJSON_GetObjectItemCaseSensitive(s, "beats");
    if (beats && parse_beat_window(ctx, field, beats, step))
        return -1;
    return 1;
}

static int parse_shaders(const struct parse_ctx *ctx, int version, const char *path,
                         const cJSON *arr, gfx_segment *seg)
{
    seg->n_shaders = 0;
    if (!arr)
        return 0;
    if (!cJSON_IsArray(arr)) {
        char what[96];
        describe(arr, what, sizeof what);
        return fail(ctx, path, "%s is not an array of shaders", what);
    }
    int n = cJSON_GetArraySize(arr);
    if (n > GFX_MAX_SHADERS)
        return fail(ctx, path, "%d shaders; expected at most %d", n, GFX_MAX_SHADERS);
    int i = 0, steps = 0;
    const cJSON *s;
    cJSON_ArrayForEach(s, arr)
    {
        char sub[256];
        snprintf(sub, sizeof sub, "%s[%d]", path, i);
        int got =
            parse_shader_item(ctx, version, sub, s, &seg->shaders[steps], GFX_MAX_SHADERS - steps);
        if (got < 0)
            return -1;
        steps += got;
        i++;
    }
    seg->n_shaders = steps;
    return 0;
}

static int blend_name_find(const char *name)
{
    return gfx_blend_mode_parse(name);
}
static const char *blend_name_at(int i)
{
    return gfx_blend_mode_name((enum gfx_blend_mode)i);
}

/* ------------------------------------------------ the file's own ramps and colours */

/* The scene's entry named `name` among its ramps (colours = 0) or colour
 * palettes (1); -1 if none. Inline entries have no name to find. */
static int scene_custom_find(const gfx_scene *scene, int colours, const char *name)
{
    int n = colours ? scene->n_colours : scene->n_ramps;
    for (int k = 0; k < n; k++) {
        int named = colours ? scene->colours[k].named : scene->ramps[k].named;
        const char *at = colours ? scene->colours[k].name : scene->ramps[k].name;
        if (named && !strcmp(at, name))
            return k;
    }
    return -1;
}

/* A ramp (colours = 0) or colour palette name: a built-in one, or one the
 * file defines; *out is the layer's index (palette.h's, then the scene's
 * past them). */
static int expect_scene_name(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                             int colours, int *out)
{
    const char *kind = colours ? "a colour palette" : "a character palette";
    int builtin = colours ? gfx_colours_count() : gfx_ramp_count();
    char what[96], names[2048];
    join_names(names, sizeof names, builtin, colours ? gfx_colours_name : gfx_ramp_name);
    const gfx_scene *scene = ctx->scene;
    int n = colours ? scene->n_colours : scene->n_ramps;
    size_t used = strlen(names);
    for (int k = 0; k < n && used < sizeof names; k++) {
        int named = colours ? scene->colours[k].named : scene->ramps[k].named;
        if (named)
            used += (size_t)snprintf(names + used, sizeof names - used, "|%s",
                                     colours ? scene->colours[k].name : scene->ramps[k].name);
    }
    if (!cJSON_IsString(v)) {
        describe(v, what, sizeof what);
        return fail(ctx, path, "%s is not a string; expected %s: %s", what, kind, names);
    }
    int i = colours ? gfx_colours_find(v->valuestring) : gfx_ramp_find(v->valuestring);
    if (i >= 0) {
        *out = i;
        return 0;
    }
    int k = scene_custom_find(scene, colours, v->valuestring);
    if (k < 0)
        return fail(ctx, path, "\"%.60s\" is not %s; expected %s", v->valuestring, kind, names);
    *out = builtin + k;
    return 0;
}

static int new_in_version_2(const struct parse_ctx *ctx, const char *path, const char *what)
{
    return fail(ctx, path,
                "%s is new in scene version 2; expected a name, or \"version\": 2 at the top "
                "of the file",
                what);
}

/* Room for entry n of an array of `size`-byte entries that grows by
 * doubling (capacity 4, then each power of two as it fills): the same
 * pointer, a moved one, or NULL when out of memory (p still valid). */
static void *room_for_one_more(void *p, int n, size_t size)
{
    if (n != 0 && (n < 4 || (n & (n - 1)) != 0))
        return p;
    return realloc(p, (size_t)(n ? 2 * n : 4) * size);
}

/* Adds a ramp to the scene; *out is the layer index for it. */
static int add_scene_ramp(const struct parse_ctx *ctx, const char *path, const char *name,
                          int named, const cJSON *glyphs, int *out)
{
    char what[96], why[160];
    if (!cJSON_IsString(glyphs)) {
        describe(glyphs, what, sizeof what);
        return fail(ctx, path, "%s is not a string; expected the ramp's glyphs, empty to dense",
                    what);
    }
    if (gfx_ramp_check_chars(glyphs->valuestring, why, sizeof why))
        return fail(ctx, path, "\"%.60s\" %s; expected 1..%d glyphs, empty to dense",
                    glyphs->valuestring, why, GFX_RAMP_MAX - 1);
    gfx_scene *scene = ctx->scene;
    gfx_scene_ramp *grown = room_for_one_more(scene->ramps, scene->n_ramps, sizeof *grown);
    if (!grown)
        return fail(ctx, path, "out of memory");
    scene->ramps = grown;
    gfx_scene_ramp *r = &scene->ramps[scene->n_ramps];
    memset(r, 0, sizeof *r);
    if (!(r->chars = strdup(glyphs->valuestring)))
        return fail(ctx, path, "out of memory");
    snprintf(r->name, sizeof r->name, "%s", name);
    r->named = named;
    *out = gfx_ramp_count() + scene->n_ramps++;
    return 0;
}

/* A layer's "palette": a name, or (version 2) {"glyphs": "..."}. */
static int parse_layer_ramp(const struct parse_ctx *ctx, const char *path, const cJSON *v, int *out)
{
    if (!cJSON_IsObject(v))
        return expect_scene_name(ctx, path, v, 0, out);
    if (ctx->version < 2)
        return new_in_version_2(ctx, path, "a palette object");
    static const char *const keys[] = {"glyphs", NULL};
    if (check_keys(ctx, path, v, keys))
        return -1;
    char sub[256];
    snprintf(sub, sizeof sub, "%.200s.glyphs", path);
    return add_scene_ramp(ctx, sub, path, 0, cJSON_GetObjectItemCaseSensitive(v, "glyphs"), out);
}

/* 1..GFX_COLOURS_MAX_STOPS colours "#rrggbb" or "#rgb". */
static int parse_stops(const struct parse_ctx *ctx, const char *path, const cJSON *arr,
                       uint8_t (*stops)[3], int *n_out)
{
    int n = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
    if (n < 1 || n > GFX_COLOURS_MAX_STOPS)
        return fail(ctx, path, "expected an array of 1 to %d colours \"#rrggbb\"",
                    GFX_COLOURS_MAX_STOPS);
    int i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, arr)
    {
        char sub[256], what[96];
        snprintf(sub, sizeof sub, "%.200s[%d]", path, i);
        if (!cJSON_IsString(item) || gfx_colour_parse_hex(item->valuestring, stops[i])) {
            describe(item, what, sizeof what);
            return fail(ctx, sub, "%s is not a colour; expected \"#rrggbb\" or \"#rgb\"", what);
        }
        i++;
    }
    *n_out = n;
    return 0;
}

/* A colour palette written out: an array of stops, or an object
 * {"stops": [...]} or {"harmony", "seed"}, with "interpolate" and
 * "discrete". */
static int parse_colours_def(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                             gfx_colour_lut *lut)
{
    uint8_t stops[GFX_COLOURS_MAX_STOPS][3];
    int n = 0, interpolation = GFX_INTERP_RGB, discrete = 0;
    char sub[256], what[96];
    if (cJSON_IsArray(v)) {
        if (parse_stops(ctx, path, v, stops, &n))
            return -1;
        gfx_colours_build(lut, (const uint8_t(*)[3])stops, n, interpolation, discrete);
        return 0;
    }
    if (!cJSON_IsObject(v)) {
        describe(v, what, sizeof what);
        return fail(ctx, path,
                    "%s is not a colour palette; expected [\"#rrggbb\", ...], {\"stops\": "
                    "[...]} or {\"harmony\", \"seed\"}",
                    what);
    }
    static const char *const keys[] = {"stops", "harmony", "seed", "interpolate", "discrete", NULL};
    if (check_keys(ctx, path, v, keys))
        return -1;
    const cJSON *stop_list = cJSON_GetObjectItemCaseSensitive(v, "stops");
    const cJSON *harmony = cJSON_GetObjectItemCaseSensitive(v, "harmony");
    const cJSON *seed = cJSON_GetObjectItemCaseSensitive(v, "seed");
    if (!stop_list == !harmony)
        return fail(ctx, path, "expected either \"stops\" or \"harmony\" (with \"seed\")");
    if (stop_list) {
        if (seed)
            return fail(ctx, path, "\"seed\" goes with \"harmony\", not \"stops\"");
        snprintf(sub, sizeof sub, "%.200s.stops", path);
        if (parse_stops(ctx, sub, stop_list, stops, &n))
            return -1;
    } else {
        int h = 0;
        uint8_t seed_rgb[3];
        snprintf(sub, sizeof sub, "%.200s.harmony", path);
        if (expect_name(ctx, sub, harmony, "a harmony", gfx_harmony_find, GFX_HARMONIES,
                        gfx_harmony_name, &h))
            return -1;
        snprintf(sub, sizeof sub, "%.200s.seed", path);
        if (!seed || !cJSON_IsString(seed) || gfx_colour_parse_hex(seed->valuestring, seed_rgb)) {
            snprintf(what, sizeof what, "nothing");
            if (seed)
                describe(seed, what, sizeof what);
            return fail(ctx, sub, "%s is not a colour; expected \"#rrggbb\" or \"#rgb\"", what);
        }
        n = gfx_harmony_colours(h, seed_rgb, stops);
        discrete = 1; /* each cell takes one of the harmony's colours */
    }
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(v, "interpolate");
    snprintf(sub, sizeof sub, "%.200s.interpolate", path);
    if (item && expect_name(ctx, sub, item, "an interpolation", gfx_interpolation_find,
                            GFX_INTERPOLATIONS, gfx_interpolation_name, &interpolation))
        return -1;
    if ((item = cJSON_GetObjectItemCaseSensitive(v, "discrete"))) {
        if (!cJSON_IsBool(item)) {
            snprintf(sub, sizeof sub, "%.200s.discrete", path);
            describe(item, what, sizeof what);
            return fail(ctx, sub, "%s is not true or false", what);
        }
        discrete = cJSON_IsTrue(item);
    }
    gfx_colours_build(lut, (const uint8_t(*)[3])stops, n, interpolation, discrete);
    return 0;
}

static int add_scene_colours(const struct parse_ctx *ctx, const char *path, const char *name,
                             int named, const cJSON *v, int *out)
{
    gfx_scene *scene = ctx->scene;
    gfx_scene_colours *grown = room_for_one_more(scene->colours, scene->n_colours, sizeof *grown);
    if (!grown)
        return fail(ctx, path, "out of memory");
    scene->colours = grown;
    gfx_scene_colours *c = &scene->colours[scene->n_colours];
    memset(c, 0, sizeof *c);
    if (parse_colours_def(ctx, path, v, &c->lut))
        return -1;
    snprintf(c->name, sizeof c->name, "%s", name);
    c->named = named;
    *out = gfx_colours_count() + scene->n_colours++;
    return 0;
}

/* A layer's "colours": a name, or (version 2) a palette written out. */
static int parse_layer_colours(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                               int *out)
{
    if (cJSON_IsString(v))
        return expect_scene_name(ctx, path, v, 1, out);
    if (ctx->version < 2 && (cJSON_IsArray(v) || cJSON_IsObject(v)))
        return new_in_version_2(ctx, path, "a colour palette written out");
    return add_scene_colours(ctx, path, path, 0, v, out);
}

/* A name for the top-level "ramps" / "colours": lower-case letters,
 * digits and _, not a built-in's, not used twice. */
static int check_custom_name(const struct parse_ctx *ctx, const char *path, const char *name,
                             int colours)
{
    int ok = name[0] != 0 && strlen(name) < sizeof((gfx_scene_ramp *)0)->name;
    for (const char *p = name; *p && ok; p++)
        ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
    if (!ok)
        return fail(ctx, path,
                    "\"%.60s\" is not a name; expected 1..63 lower-case letters, digits or _",
                    name);
    if ((colours ? gfx_colours_find(name) : gfx_ramp_find(name)) >= 0)
        return fail(ctx, path, "\"%.60s\" is a built-in %s; expected a new name", name,
                    colours ? "colour palette" : "character palette");
    if (scene_custom_find(ctx->scene, colours, name) >= 0)
        return fail(ctx, path, "\"%.60s\" is defined twice; expected each name once", name);
    return 0;
}

/* Top-level "ramps": {"name": "glyphs" or {"glyphs"}} and "colours":
 * {"name": palette}. */
static int parse_custom_tables(const struct parse_ctx *ctx, int version, const cJSON *root)
{
    static const char *const tables[2] = {"ramps", "colours"};
    for (int colours = 0; colours < 2; colours++) {
        const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, tables[colours]);
        if (!obj)
            continue;
        if (version < 2)
            return fail(ctx, tables[colours],
                        "the file's own %s are new in scene version 2; expected \"version\": 2 "
                        "at the top of the file",
                        colours ? "colour palettes" : "character ramps");
        if (!cJSON_IsObject(obj))
            return fail(ctx, tables[colours], "expected an object {\"name\": %s, ...}",
                        colours ? "[\"#rrggbb\", ...]" : "\" .:-=+*#\"");
        const cJSON *item;
        cJSON_ArrayForEach(item, obj)
        {
            char sub[256];
            int index;
            snprintf(sub, sizeof sub, "%s.%.60s", tables[colours], item->string);
            if (check_custom_name(ctx, sub, item->string, colours))
                return -1;
            if (colours ? add_scene_colours(ctx, sub, item->string, 1, item, &index)
                        : add_scene_ramp(ctx, sub, item->string, 1,
                                         cJSON_IsObject(item)
                                             ? cJSON_GetObjectItemCaseSensitive(item, "glyphs")
                                             : item,
                                         &index))
                return -1;
        }
    }
    return 0;
}

/* An array of 1..GFX_MAX_CYCLE names from one set. */
static int parse_name_cycle(const struct parse_ctx *ctx, const char *path, const cJSON *arr,
                            const char *kind, int colours, int *out, int *n_out)
{
    int n = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
    if (n < 1 || n > GFX_MAX_CYCLE)
        return fail(ctx, path, "expected an array of 1 to %d names of %s", GFX_MAX_CYCLE, kind);
    int i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, arr)
    {
        char sub[256];
        snprintf(sub, sizeof sub, "%.200s[%d]", path, i);
        if (expect_scene_name(ctx, sub, item, colours, &out[i]))
            return -1;
        i++;
    }
    *n_out = n;
    return 0;
}

/* "cycle": {"every_beats": n, "colours": [...], "palette": [...]} */
static int parse_cycle(const struct parse_ctx *ctx, const char *path, const cJSON *obj,
                       gfx_layer *layer)
{
    if (!cJSON_IsObject(obj))
        return fail(ctx, path, "expected an object {\"every_beats\", \"colours\", \"palette\"}");
    static const char *const keys[] = {"every_beats", "colours", "palette", NULL};
    if (check_keys(ctx, path, obj, keys))
        return -1;
    char sub[256];
    layer->cycle_beats = 1;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "every_beats");
    snprintf(sub, sizeof sub, "%.200s.every_beats", path);
    if (v && expect_count(ctx, sub, v, 1, 64, &layer->cycle_beats))
        return -1;
    if ((v = cJSON_GetObjectItemCaseSensitive(obj, "colours"))) {
        snprintf(sub, sizeof sub, "%.200s.colours", path);
        if (parse_name_cycle(ctx, sub, v, "a colour palette", 1, layer->cycle_colours,
                             &layer->n_cycle_colours))
            return -1;
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(obj, "palette"))) {
        snprintf(sub, sizeof sub, "%.200s.palette", path);
        if (parse_name_cycle(ctx, sub, v, "a character palette", 0, layer->cycle_ramps,
                             &layer->n_cycle_ramps))
            return -1;
    }
    if (!layer->n_cycle_colours && !layer->n_cycle_ramps)
        return fail(ctx, path, "cycles nothing; expected \"colours\" or \"palette\" (or both)");
    return 0;
}

static int mask_kind_find(const char *name)
{
    const gfx_mask_kind *kind = gfx_mask_kind_find(name);
    for (int i = 0; kind && i < gfx_mask_kind_count(); i++)
        if (gfx_mask_kind_at(i) == kind)
            return i;
    return -1;
}
static const char *mask_kind_name_at(int i)
{
    return gfx_mask_kind_at(i)->name;
}

/* One mask node and, first, its operands, appended to seg->masks; *root is
 * its index. A name alone is the kind at its defaults. */
static int parse_mask_node(const struct parse_ctx *ctx, const char *path, const cJSON *v, int depth,
                           gfx_segment *seg, int *root)
{
    char sub[300];
    const cJSON *kind_v = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, "kind") : v;
    snprintf(sub, sizeof sub, "%.200s%s", path, kind_v == v ? "" : ".kind");
    int k = 0;
    if (expect_name(ctx, sub, kind_v, "a mask", mask_kind_find, gfx_mask_kind_count(),
                    mask_kind_name_at, &k))
        return -1;
    const gfx_mask_kind *kind = gfx_mask_kind_at(k);
    gfx_mask_node node;
    gfx_mask_node_init(&node, kind);
    if (depth > 8)
        return fail(ctx, path, "masks nested %d deep; expected at most 8", depth);
    if (cJSON_IsObject(v) && check_unique_keys(ctx, path, v))
        return -1;
    if (cJSON_IsObject(v)) {
        const cJSON *item;
        cJSON_ArrayForEach(item, v)
        {
            snprintf(sub, sizeof sub, "%.200s.%.60s", path, item->string);
            int p = gfx_mask_param_index(kind, item->string), o = -1;
            for (int j = 0; j < kind->n_operands; j++)
                if (!strcmp(item->string, kind->operand_names[j]))
                    o = j;
            int is_string = kind->string_name && !strcmp(item->string, kind->string_name);
            int root_key =
                depth == 0 && (!strcmp(item->string, "from") || !strcmp(item->string, "to") ||
                               !strcmp(item->string, "field"));
            if (!strcmp(item->string, "kind") || root_key)
                continue;
            double x = 0.0;
            if (p >= 0) {
                if (expect_number(ctx, sub, item, kind->params[p].min, kind->params[p].max, &x))
                    return -1;
                node.params[p] = (float)x;
            } else if (o >= 0) {
                if (parse_mask_node(ctx, sub, item, depth + 1, seg, &node.operands[o]))
                    return -1;
            } else if (is_string) {
                if (!cJSON_IsString(item))
                    return fail(ctx, sub, "expected a string: %s", kind->string_help);
                node.string = scene_own(ctx->scene, strdup(item->valuestring));
                if (!node.string)
                    return fail(ctx, sub, "out of memory");
            } else {
                char names[512] = "kind";
                size_t used = strlen(names);
                for (int j = 0; j < kind->n_params && used < sizeof names; j++)
                    used += (size_t)snprintf(names + used, sizeof names - used, "|%s",
                                             kind->params[j].name);
                for (int j = 0; j < kind->n_operands && used < sizeof names; j++)
                    used += (size_t)snprintf(names + used, sizeof names - used, "|%s",
                                             kind->operand_names[j]);
                if (kind->string_name && used < sizeof names)
                    snprintf(names + used, sizeof names - used, "|%s", kind->string_name);
                return fail(ctx, sub, "\"%.60s\" is not a setting of %s; expected %s%s",
                            item->string, kind->name, names, depth == 0 ? "|from|to|field" : "");
            }
        }
    }
    for (int j = 0; j < kind->n_operands; j++)
        if (!cJSON_IsObject(v) || !cJSON_GetObjectItemCaseSensitive(v, kind->operand_names[j]))
            return fail(ctx, path, "%s needs operand \"%s\"; expected a mask there", kind->name,
                        kind->operand_names[j]);
    if (seg->n_masks == GFX_MAX_MASK_NODES)
        return fail(ctx, path, "more than %d mask nodes in one segment", GFX_MAX_MASK_NODES);
    seg->masks[seg->n_masks] = node;
    char why[200];
    if (gfx_mask_check(seg->masks, seg->n_masks + 1, seg->n_masks, why, sizeof why))
        return fail(ctx, path, "%s", why);
    *root = seg->n_masks++;
    return 0;
}

/* A layer's "mask": a mask node tree, with at its root optional "from" and
 * "to" (section seconds of the animation) and "field" (the effect
 * mask_from_vf reads: {"effect", "params"}). */
static int parse_layer_mask(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                            gfx_segment *seg, gfx_layer *layer)
{
    if (parse_mask_node(ctx, path, v, 0, seg, &layer->mask))
        return -1;
    if (!cJSON_IsObject(v))
        return 0;
    char sub[300];
    const cJSON *from = cJSON_GetObjectItemCaseSensitive(v, "from");
    const cJSON *to = cJSON_GetObjectItemCaseSensitive(v, "to");
    snprintf(sub, sizeof sub, "%.200s.from", path);
    if (from && expect_number(ctx, sub, from, 0.0, 86400.0, &layer->mask_from))
        return -1;
    snprintf(sub, sizeof sub, "%.200s.to", path);
    if (to && expect_number(ctx, sub, to, 0.0, 86400.0, &layer->mask_to))
        return -1;
    if ((from || to) && !(layer->mask_to > layer->mask_from))
        return fail(ctx, sub, "%g is not after from %g; expected to > from", layer->mask_to,
                    layer->mask_from);
    const cJSON *field = cJSON_GetObjectItemCaseSensitive(v, "field");
    if (!field)
        return 0;
    snprintf(sub, sizeof sub, "%.200s.field", path);
    if (!cJSON_IsObject(field))
        return fail(ctx, sub, "expected {\"effect\": ..., \"params\": {...}}");
    static const char *const keys[] = {"effect", "params", NULL};
    if (check_keys(ctx, sub, field, keys))
        return -1;
    char item[320];
    snprintf(item, sizeof item, "%s.effect", sub);
    if (expect_effect(ctx, item, cJSON_GetObjectItemCaseSensitive(field, "effect"),
                      &layer->mask_field))
        return -1;
    snprintf(item, sizeof item, "%s.params", sub);
    return parse_params(ctx, item, cJSON_GetObjectItemCaseSensitive(field, "params"),
                        layer->mask_field->params, layer->mask_field->n_params, 0,
                        layer->mask_field->name, layer->mask_field_params);
}

/* A layer's "combine": {"effect", "op", "params", "amount"}, a second
 * stateless field and how it joins the layer's own (combine.h). */
static int parse_layer_combine(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                               gfx_layer *layer)
{
    if (!cJSON_IsObject(v))
        return fail(ctx, path, "expected {\"effect\": ..., \"op\": ..., \"params\": {...}}");
    static const char *const keys[] = {"effect", "op", "params", "amount", NULL};
    if (check_keys(ctx, path, v, keys))
        return -1;
    char item[320];
    const gfx_effect_desc *e = NULL;
    snprintf(item, sizeof item, "%.200s.effect", path);
    if (expect_effect(ctx, item, cJSON_GetObjectItemCaseSensitive(v, "effect"), &e))
        return -1;
    if (e->sim)
        return fail(ctx, item,
                    "\"%s\" carries state from frame to frame; expected a stateless field",
                    e->name);
    snprintf(item, sizeof item, "%.200s.op", path);
    if (expect_name(ctx, item, cJSON_GetObjectItemCaseSensitive(v, "op"), "a combine op",
                    gfx_combine_find, GFX_COMBINE_OPS, gfx_combine_name, &layer->combine_op))
        return -1;
    static const gfx_param_desc unit = {"amount", 0.5f, 0.0f, 1.0f, "mix: 0 the layer .. 1 b"};
    const cJSON *amount = cJSON_GetObjectItemCaseSensitive(v, "amount");
    snprintf(item, sizeof item, "%.200s.amount", path);
    layer->combine_amount = gfx_param_constant(unit.def);
    if (amount && layer->combine_op != GFX_COMBINE_MIX)
        return fail(ctx, item, "an amount is for op \"mix\" only, not \"%s\"",
                    gfx_combine_name(layer->combine_op));
    if (amount && parse_param_value(ctx, item, amount, &unit, 0, &layer->combine_amount))
        return -1;
    layer->combine_field = e;
    if (e->reads_video)
        ctx->scene->video_layers++;
    snprintf(item, sizeof item, "%.200s.params", path);
    return parse_params(ctx, item, cJSON_GetObjectItemCaseSensitive(v, "params"), e->params,
                        e->n_params, 0, e->name, layer->combine_params);
}

static const char *transform_name_at(int i)
{
    return gfx_transform_name(i);
}

/* The index of `word` in a "|"-separated list, or -1. */
static int word_index(const char *words, const char *word)
{
    size_t len = strlen(word);
    for (int k = 0;; k++) {
        const char *bar = strchr(words, '|');
        size_t at = bar ? (size_t)(bar - words) : strlen(words);
        if (at == len && !strncmp(words, word, len))
            return k;
        if (!bar)
            return -1;
        words = bar + 1;
    }
}

/* A transform parameter: a parameter value (params.h), or where the
 * transform names them, one of its words ("x|y"; JSON's booleans for
 * "false|true"). */
static int parse_transform_param(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                                 const gfx_param_desc *d, const char *words, gfx_param_value *out)
{
    if (!words || !(cJSON_IsString(v) || cJSON_IsBool(v)))
        return parse_param_value(ctx, path, v, d, 0, out);
    int k = -1;
    if (cJSON_IsString(v))
        k = word_index(words, v->valuestring);
    else if (!strcmp(words, "false|true"))
        k = cJSON_IsTrue(v);
    if (k < 0) {
        char what[96];
        describe(v, what, sizeof what);
        return fail(ctx, path, "%s is not a value of %s; expected %s or %g..%g", what, d->name,
                    words, d->min, d->max);
    }
    *out = gfx_param_constant((float)k);
    return 0;
}

/* One {"type": name, parameter: value, ...} of a layer's "transform". */
static int parse_transform(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                           gfx_transform *out)
{
    char what[96], names[512], sub[320];
    join_names(names, sizeof names, GFX_TRANSFORMS, transform_name_at);
    if (!cJSON_IsObject(v)) {
        describe(v, what, sizeof what);
        return fail(ctx, path, "%s is not an object; expected {\"type\": %s, its parameters}", what,
                    names);
    }
    if (check_unique_keys(ctx, path, v))
        return -1;
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(v, "type");
    if (!type)
        return fail(ctx, path, "no \"type\"; expected {\"type\": %s, its parameters}", names);
    snprintf(sub, sizeof sub, "%.200s.type", path);
    if (expect_name(ctx, sub, type, "a transform", gfx_transform_find, GFX_TRANSFORMS,
                    transform_name_at, &out->kind))
        return -1;
    const gfx_transform_desc *d = gfx_transform_at(out->kind);
    for (int j = 0; j < d->n_params; j++)
        out->params[j] = gfx_param_constant(d->params[j].def);
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        if (item == type)
            continue;
        snprintf(sub, sizeof sub, "%.200s.%.60s", path, item->string);
        int j = 0;
        while (j < d->n_params && strcmp(d->params[j].name, item->string) != 0)
            j++;
        if (j == d->n_params) {
            size_t used = 0;
            names[0] = 0;
            for (int k = 0; k < d->n_params && used < sizeof names; k++)
                used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", k ? "|" : "",
                                         d->params[k].name);
            return fail(ctx, sub, "\"%.60s\" is not a parameter of %s; expected %s", item->string,
                        d->name, d->n_params ? names : "none (it takes no parameters)");
        }
        if (parse_transform_param(ctx, sub, item, &d->params[j], d->words ? d->words[j] : NULL,
                                  &out->params[j]))
            return -1;
    }
    return 0;
}

/* A layer's "transform": 1..GFX_MAX_TRANSFORMS transforms, applied in order. */
static int parse_transforms(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                            gfx_layer *layer)
{
    if (!cJSON_IsArray(v)) {
        char what[96];
        describe(v, what, sizeof what);
        return fail(ctx, path, "%s is not an array; expected [{\"type\": ..., ...}, ...]", what);
    }
    int n = cJSON_GetArraySize(v);
    if (n < 1 || n > GFX_MAX_TRANSFORMS)
        return fail(ctx, path, "%d transforms; expected 1 to %d, applied in order", n,
                    GFX_MAX_TRANSFORMS);
    if (!layer->effect)
        return fail(ctx, path,
                    "a %s layer cannot be transformed; expected the transform on an effect "
                    "layer",
                    layer->video ? "video" : "text");
    const cJSON *item;
    int i = 0;
    cJSON_ArrayForEach(item, v)
    {
        char sub[256];
        snprintf(sub, sizeof sub, "%.200s[%d]", path, i);
        if (parse_transform(ctx, sub, item, &layer->transforms[i]))
            return -1;
        i++;
    }
    layer->n_transforms = n;
    return 0;
}

static int feedback_preset_find(const char *name)
{
    gfx_feedback_params p;
    for (int i = 0; gfx_feedback_preset_name(i); i++)
        if (!strcmp(gfx_feedback_preset_name(i), name))
            return gfx_feedback_preset(name, &p) ? -1 : i;
    return -1;
}

/* "feedback": a preset name, or {"preset", "decay", "blend", "opacity",
 * "transform", "transform_amt", "hue_shift"} (the preset's values, or the
 * catalogue's defaults, for those left out). */
static int parse_feedback(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                          gfx_segment *seg)
{
    seg->has_feedback = 1;
    seg->feedback = gfx_feedback_defaults();
    const cJSON *preset = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, "preset") : v;
    char sub[300];
    if (preset) {
        int i = 0;
        snprintf(sub, sizeof sub, "%.200s%s", path, preset == v ? "" : ".preset");
        if (expect_name(ctx, sub, preset, "a feedback preset", feedback_preset_find,
                        GFX_FEEDBACK_PRESETS, gfx_feedback_preset_name, &i))
            return -1;
        gfx_feedback_preset(gfx_feedback_preset_name(i), &seg->feedback);
    }
    if (!cJSON_IsObject(v))
        return 0;
    if (check_unique_keys(ctx, path, v))
        return -1;
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        if (!strcmp(item->string, "preset"))
            continue;
        snprintf(sub, sizeof sub, "%.200s.%.60s", path, item->string);
        char text[64], why[200];
        if (cJSON_IsNumber(item))
            snprintf(text, sizeof text, "%.17g", item->valuedouble);
        else if (cJSON_IsString(item))
            snprintf(text, sizeof text, "%.60s", item->valuestring);
        else
            describe(item, text, sizeof text);
        if (gfx_feedback_param_set(&seg->feedback, item->string, text, why, sizeof why))
            return fail(ctx, sub, "%s", why);
    }
    return 0;
}

static int text_kind_find(const char *name)
{
    return gfx_text_kind_find(name);
}
static const char *text_kind_name_at(int i)
{
    return gfx_text_kind_at(i)->name;
}

/* A text layer's "text": {"kind", its parameters, "text": "..." or
 * "strings": [...]} (lyric kinds take their text from the scene's lyrics). */
static int parse_text_item(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                           gfx_layer *layer)
{
    char sub[300];
    if (!cJSON_IsObject(v))
        return fail(ctx, path, "expected an object {\"kind\", parameters, \"text\"}");
    if (check_unique_keys(ctx, path, v))
        return -1;
    int kind = 0;
    snprintf(sub, sizeof sub, "%.200s.kind", path);
    if (expect_name(ctx, sub, cJSON_GetObjectItemCaseSensitive(v, "kind"), "a text item",
                    text_kind_find, gfx_text_kind_count(), text_kind_name_at, &kind))
        return -1;
    const gfx_text_kind_desc *d = gfx_text_kind_at(kind);
    gfx_text_item *item = scene_own(ctx->scene, calloc(1, sizeof *item));
    if (!item)
        return fail(ctx, path, "out of memory");
    gfx_text_item_init(item, kind);
    layer->text = item;
    const cJSON *e;
    cJSON_ArrayForEach(e, v)
    {
        snprintf(sub, sizeof sub, "%.200s.%.60s", path, e->string);
        int p = 0;
        while (p < d->n_params && strcmp(d->params[p].name, e->string) != 0)
            p++;
        double x = 0.0;
        if (!strcmp(e->string, "kind"))
            continue;
        if (p < d->n_params) {
            if (expect_number(ctx, sub, e, d->params[p].min, d->params[p].max, &x))
                return -1;
            item->params[p] = (float)x;
        } else if (!strcmp(e->string, "text") && d->input == GFX_TEXT_INPUT_STRING) {
            if (!cJSON_IsString(e))
                return fail(ctx, sub, "expected a string of UTF-8 text");
            char **one = scene_own(ctx->scene, calloc(1, sizeof *one));
            if (!one || !(one[0] = scene_own(ctx->scene, strdup(e->valuestring))))
                return fail(ctx, sub, "out of memory");
            item->strings = (const char *const *)one;
            item->n_strings = 1;
        } else if (!strcmp(e->string, "strings") && d->input == GFX_TEXT_INPUT_STRINGS) {
            int n = cJSON_IsArray(e) ? cJSON_GetArraySize(e) : 0;
            if (n < 1 || n > 256)
                return fail(ctx, sub, "expected an array of 1 to 256 strings");
            char **list = scene_own(ctx->scene, calloc((size_t)n, sizeof *list));
            if (!list)
                return fail(ctx, sub, "out of memory");
            int i = 0;
            const cJSON *s;
            cJSON_ArrayForEach(s, e)
            {
                if (!cJSON_IsString(s))
                    return fail(ctx, sub, "item %d is not a string; expected strings", i);
                if (!(list[i++] = scene_own(ctx->scene, strdup(s->valuestring))))
                    return fail(ctx, sub, "out of memory");
            }
            item->strings = (const char *const *)list;
            item->n_strings = n;
        } else {
            char names[512] = "kind";
            size_t used = strlen(names);
            for (int j = 0; j < d->n_params && used < sizeof names; j++)
                used +=
                    (size_t)snprintf(names + used, sizeof names - used, "|%s", d->params[j].name);
            if (used < sizeof names)
                snprintf(names + used, sizeof names - used, "%s",
                         d->input == GFX_TEXT_INPUT_STRING    ? "|text"
                         : d->input == GFX_TEXT_INPUT_STRINGS ? "|strings"
                                                              : "");
            return fail(ctx, sub, "\"%.60s\" is not a setting of %s; expected %s", e->string,
                        d->name, names);
        }
    }
    if ((d->input == GFX_TEXT_INPUT_STRING || d->input == GFX_TEXT_INPUT_STRINGS) &&
        !item->n_strings)
        return fail(ctx, path, "%s needs its %s; expected \"%s\"", d->name,
                    d->input == GFX_TEXT_INPUT_STRING ? "text" : "strings",
                    d->input == GFX_TEXT_INPUT_STRING ? "text" : "strings");
    if (d->input == GFX_TEXT_INPUT_LYRICS)
        ctx->scene->lyric_layers++;
    return 0;
}

static const char *hue_name_at(int i)
{
    return gfx_hue_name(i);
}

/* "hue": a mapping's name, or (version 2) {"name", "params"}. */
static int parse_hue(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                     gfx_layer *layer)
{
    const cJSON *name = v;
    if (cJSON_IsObject(v)) {
        if (ctx->version < 2)
            return new_in_version_2(ctx, path, "a hue object");
        static const char *const keys[] = {"name", "params", NULL};
        if (check_keys(ctx, path, v, keys))
            return -1;
        name = cJSON_GetObjectItemCaseSensitive(v, "name");
    }
    char sub[256];
    snprintf(sub, sizeof sub, "%.200s%s", path, name == v ? "" : ".name");
    if (expect_name(ctx, sub, name, "a hue mapping", gfx_hue_find, GFX_HUE_MAPPINGS, hue_name_at,
                    &layer->hue))
        return -1;
    int n = 0;
    const gfx_param_desc *descs = gfx_hue_params(layer->hue, &n);
    snprintf(sub, sizeof sub, "%.200s.params", path);
    return parse_params(ctx, sub, name == v ? NULL : cJSON_GetObjectItemCaseSensitive(v, "params"),
                        descs, n, 0, gfx_hue_name(layer->hue), layer->hue_params);
}

static void layer_defaults(gfx_layer *layer, const gfx_effect_desc *effect)
{
    memset(layer, 0, sizeof *layer);
    layer->effect = effect;
    layer->grid = GFX_GRID_MD;
    layer->ramp = effect->default_ramp ? gfx_ramp_find(effect->default_ramp) : -1;
    if (layer->ramp < 0)
        layer->ramp = gfx_ramp_find("default");
    layer->colours = gfx_colours_find("neon");
    layer->hue = GFX_HUE_ANGLE;
    layer->saturation = gfx_param_constant(1.0f);
    layer->gamma = DEFAULT_GAMMA;
    for (int j = 0; j < effect->n_params; j++)
        layer->params[j] = gfx_param_constant(effect->params[j].def);
    layer->blend = GFX_BLEND_SCREEN;
    layer->opacity = gfx_param_constant(1.0f);
    layer->mask = -1;
}

static void make_video_layer(gfx_scene *scene, gfx_layer *layer)
{
    layer->effect = NULL;
    layer->video = 1;
    layer->video_edges = 1;
    layer->video_brightness = gfx_param_constant(1.0f);
    layer->grid = GFX_GRID_SM;
    layer->ramp = gfx_ramp_find("default");
    layer->blend = GFX_BLEND_LIGHTEN;
    scene->video_layers++;
}

/* A layer's "video": true, or {"brightness": a parameter 0..1, "edges": a
 * boolean}. */
static int parse_video_layer(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                             gfx_layer *layer)
{
    if (!cJSON_IsTrue(v) && !cJSON_IsObject(v))
        return fail(ctx, path, "expected true or {\"brightness\", \"edges\"}");
    make_video_layer(ctx->scene, layer);
    if (!cJSON_IsObject(v))
        return 0;
    static const char *const keys[] = {"brightness", "edges", NULL};
    if (check_keys(ctx, path, v, keys))
        return -1;
    char sub[256];
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(v, "brightness");
    static const gfx_param_desc unit = {"brightness", 1.0f, 0.0f, 1.0f,
                                        "0 black .. 0.5 a backdrop .. 1 the clip as is"};
    snprintf(sub, sizeof sub, "%.200s.brightness", path);
    if (b && parse_param_value(ctx, sub, b, &unit, 0, &layer->video_brightness))
        return -1;
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(v, "edges");
    snprintf(sub, sizeof sub, "%.200s.edges", path);
    if (e && !cJSON_IsBool(e))
        return fail(ctx, sub, "expected true or false");
    if (e)
        layer->video_edges = cJSON_IsTrue(e);
    return 0;
}

/* A layer's keys, read from `obj`: a layers[] entry, or a version-1
 * segment, whose own keys describe its one layer. The caller has checked
 * that obj holds no other keys. */
static int parse_layer(const struct parse_ctx *ctx, const char *path, const cJSON *obj,
                       gfx_segment *seg, gfx_layer *layer)
{
    char field[300];
#define FIELD(name) (snprintf(field, sizeof field, "%.200s." name, path), field)
#define ITEM(name) cJSON_GetObjectItemCaseSensitive(obj, name)
    int effect = 0;
    if (!!ITEM("text") + !!ITEM("effect") + !!ITEM("video") > 1)
        return fail(ctx, path,
                    "a layer with more than one of effect, text and video; expected one");
    if (!ITEM("text") && !ITEM("video") &&
        expect_name(ctx, FIELD("effect"), ITEM("effect"), "an effect", find_effect_index,
                    gfx_effect_count(), effect_name_at, &effect))
        return -1;
    layer_defaults(layer, gfx_effect_at(effect));
    if (ITEM("video") && parse_video_layer(ctx, FIELD("video"), ITEM("video"), layer))
        return -1;
    if (layer->effect && layer->effect->reads_video)
        ctx->scene->video_layers++;
    if (ITEM("text")) {
        layer->effect = NULL;
        layer->grid = GFX_GRID_LG;
        layer->blend = GFX_BLEND_ADD;
        if (parse_text_item(ctx, FIELD("text"), ITEM("text"), layer))
            return -1;
    }
    if (ITEM("grid") &&
        expect_name(ctx, FIELD("grid"), ITEM("grid"), "a grid size", gfx_grid_size_parse,
                    GFX_GRID_SIZES, gfx_grid_size_name, &layer->grid))
        return -1;
    if (ITEM("palette") && parse_layer_ramp(ctx, FIELD("palette"), ITEM("palette"), &layer->ramp))
        return -1;
    if (ITEM("colours") &&
        parse_layer_colours(ctx, FIELD("colours"), ITEM("colours"), &layer->colours))
        return -1;
    if (ITEM("hue") && parse_hue(ctx, FIELD("hue"), ITEM("hue"), layer))
        return -1;
    static const gfx_param_desc saturation = {"saturation", 1.0f, 0.0f, 2.0f,
                                              "0 grey .. 1 the palette's .. 2 doubled"};
    if (ITEM("saturation") && parse_param_value(ctx, FIELD("saturation"), ITEM("saturation"),
                                                &saturation, 0, &layer->saturation))
        return -1;
    double x = DEFAULT_GAMMA;
    if (ITEM("gamma") && expect_number(ctx, FIELD("gamma"), ITEM("gamma"), 0.3, 3.0, &x))
        return -1;
    layer->gamma = (float)x;
    if (layer->effect &&
        parse_params(ctx, FIELD("params"), ITEM("params"), layer->effect->params,
                     layer->effect->n_params, 0, layer->effect->name, layer->params))
        return -1;
    if (!layer->effect && ITEM("params"))
        return fail(ctx, FIELD("params"), "a %s layer's parameters go in its \"%s\" object",
                    layer->video ? "video" : "text", layer->video ? "video" : "text");
    if (ITEM("blend") &&
        expect_name(ctx, FIELD("blend"), ITEM("blend"), "a blend mode", blend_name_find,
                    GFX_BLEND_COUNT, blend_name_at, &layer->blend))
        return -1;
    static const gfx_param_desc unit = {"opacity", 1.0f, 0.0f, 1.0f, "0 hidden .. 1 opaque"};
    if (ITEM("opacity") &&
        parse_param_value(ctx, FIELD("opacity"), ITEM("opacity"), &unit, 0, &layer->opacity))
        return -1;
    if (ITEM("cycle") && parse_cycle(ctx, FIELD("cycle"), ITEM("cycle"), layer))
        return -1;
    if (ITEM("mask") && parse_layer_mask(ctx, FIELD("mask"), ITEM("mask"), seg, layer))
        return -1;
    if (ITEM("combine") && !layer->effect)
        return fail(ctx, FIELD("combine"),
                    "a %s layer has no field to combine; expected an effect layer",
                    layer->video ? "video" : "text");
    if (ITEM("combine") && parse_layer_combine(ctx, FIELD("combine"), ITEM("combine"), layer))
        return -1;
    if (ITEM("transform") && parse_transforms(ctx, FIELD("transform"), ITEM("transform"), layer))
        return -1;
#undef FIELD
#undef ITEM
    return 0;
}

static const char *transition_name_at(int i)
{
    return gfx_transition_name(i);
}

/* "transition": a name, or {"name", "duration", "easing", "blend"}. */
static int parse_transition(const struct parse_ctx *ctx, const char *path, const cJSON *v,
                            int version, gfx_segment *seg)
{
    const cJSON *name = v;
    if (cJSON_IsObject(v)) {
        if (version < 2)
            return fail(ctx, path,
                        "an object is new in scene version 2; expected a name, or "
                        "\"version\": 2 at the top of the file");
        static const char *const keys[] = {"name", "duration", "easing", "blend", NULL};
        if (check_keys(ctx, path, v, keys))
            return -1;
        name = cJSON_GetObjectItemCaseSensitive(v, "name");
    }
    char sub[256];
    snprintf(sub, sizeof sub, "%.200s%s", path, name == v ? "" : ".name");
    if (expect_name(ctx, sub, name, "a transition", gfx_transition_find,
                    version < 2 ? GFX_TRANSITION_CROSSFADE + 1 : GFX_TRANSITIONS,
                    transition_name_at, &seg->transition))
        return -1;
    if (version < 2 && seg->transition > GFX_TRANSITION_CROSSFADE)
        return fail(ctx, sub,
                    "\"%s\" is new in scene version 2; expected cut|crossfade, or "
                    "\"version\": 2 at the top of the file",
                    gfx_transition_name(seg->transition));
    if (name == v)
        return 0;
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(v, "duration");
    snprintf(sub, sizeof sub, "%.200s.duration", path);
    if (d && expect_number(ctx, sub, d, 0.05, 10.0, &seg->fade))
        return -1;
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(v, "easing");
    snprintf(sub, sizeof sub, "%.200s.easing", path);
    if (e && expect_name(ctx, sub, e, "an easing", gfx_easing_find, GFX_EASINGS, gfx_easing_name,
                         &seg->easing))
        return -1;
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(v, "blend");
    snprintf(sub, sizeof sub, "%.200s.blend", path);
    if (b && expect_name(ctx, sub, b, "a blend mode", blend_name_find, GFX_BLEND_COUNT,
                         blend_name_at, &seg->transition_blend))
        return -1;
    return 0;
}

static int parse_layers(const struct parse_ctx *ctx, const char *path, const cJSON *arr,
                        gfx_segment *seg)
{
    int n = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
    if (n < 1 || n > GFX_MAX_LAYERS)
        return fail(ctx, path, "expected an array of 1 to %d layers, bottom first", GFX_MAX_LAYERS);
    static const char *const keys[] = {"effect",  "text",  "video", "grid",      "palette",
                                       "colours", "hue",   "gamma", "params",    "blend",
                                       "opacity", "cycle", "mask",  "transform", "saturation",
                                       "combine", NULL};
    int i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, arr)
    {
        char sub[256];
        snprintf(sub, sizeof sub, "%.200s[%d]", path, i);
        if (!cJSON_IsObject(item))
            return fail(ctx, sub, "expected an object {\"effect\", \"grid\", \"blend\", ...}");
        if (check_keys(ctx, sub, item, keys) || parse_layer(ctx, sub, item, seg, &seg->layers[i]))
            return -1;
        i++;
    }
    seg->n_layers = n;
    return 0;
}

static int parse_segment(const struct parse_ctx *ctx, int version, int index, const cJSON *s,
                         gfx_segment *seg, const gfx_segment *prev)
{
    char path[64], field[128];
    snprintf(path, sizeof path, "segments[%d]", index);
    if (!cJSON_IsObject(s))
        return fail(ctx, path, "expected an object {\"start\", \"end\", \"effect\", ...}");
    static const char *const v1_keys[] = {"start",      "end",  "effect", "grid",   "palette",
                                          "colours",    "hue",  "gamma",  "params", "shaders",
                                          "transition", "fade", NULL};
    static const char *const v2_one_layer[] = {
        "start",     "end",        "effect",  "video",    "grid",       "palette",
        "colours",   "hue",        "gamma",   "params",   "shaders",    "blend",
        "opacity",   "cycle",      "mask",    "feedback", "transition", "fade",
        "transform", "saturation", "combine", NULL};
    static const char *const v2_layered[] = {"start",      "end",  "layers",   "shaders",
                                             "transition", "fade", "feedback", NULL};
    const cJSON *layers = cJSON_GetObjectItemCaseSensitive(s, "layers");
    if (check_keys(ctx, path, s, version < 2 ? v1_keys : layers ? v2_layered : v2_one_layer))
        return -1;
#define FIELD(name) (snprintf(field, sizeof field, "%s." name, path), field)
#define ITEM(name) cJSON_GetObjectItemCaseSensitive(s, name)
    if (expect_number(ctx, FIELD("start"), ITEM("start"), 0.0, 86400.0, &seg->start) ||
        expect_number(ctx, FIELD("end"), ITEM("end"), 0.0, 86400.0, &seg->end))
        return -1;
    if (seg->end <= seg->start)
        return fail(ctx, FIELD("end"), "%g is not after start %g; expected end > start", seg->end,
                    seg->start);
    if (prev && seg->start < prev->end)
        return fail(ctx, FIELD("start"),
                    "%g is before the end of segments[%d] (%g); segments "
                    "must be in time order and must not overlap",
                    seg->start, index - 1, prev->end);
    if (layers) {
        if (parse_layers(ctx, FIELD("layers"), layers, seg))
            return -1;
    } else if (parse_layer(ctx, path, s, seg, &seg->layers[0]))
        return -1;
    else
        seg->n_layers = 1;
    if (parse_shaders(ctx, version, FIELD("shaders"), ITEM("shaders"), seg))
        return -1;
    if (ITEM("feedback") && parse_feedback(ctx, FIELD("feedback"), ITEM("feedback"), seg))
        return -1;
    seg->transition = GFX_TRANSITION_CUT;
    seg->easing = GFX_EASE_LINEAR;
    seg->transition_blend = GFX_BLEND_SCREEN;
    seg->fade = DEFAULT_FADE;
    if (ITEM("fade") && expect_number(ctx, FIELD("fade"), ITEM("fade"), 0.05, 10.0, &seg->fade))
        return -1;
    if (ITEM("transition") &&
        parse_transition(ctx, FIELD("transition"), ITEM("transition"), version, seg))
        return -1;
    const cJSON *t = ITEM("transition");
    if (seg->transition == GFX_TRANSITION_FIELD_MORPH &&
        !(cJSON_IsObject(t) && cJSON_GetObjectItemCaseSensitive(t, "easing")))
        seg->easing = GFX_EASE_IN_OUT_CUBIC; /* the catalogue's vf_morph */
    if (seg->transition == GFX_TRANSITION_FIELD_MORPH &&
        (!prev || prev->layers[0].grid != seg->layers[0].grid || !seg->layers[0].effect ||
         !prev->layers[0].effect))
        return fail(ctx, FIELD("transition"),
                    "field_morph blends the first layers' fields, which needs the previous "
                    "segment's first layer on the same grid (%s); expected another transition "
                    "or the same grid",
                    gfx_grid_size_name(seg->layers[0].grid));
#undef FIELD
#undef ITEM
    return 0;
}

/* "cuts": {"every_beats": n} or {"at": "energy_drops"} */
static int parse_cut_rule(const struct parse_ctx *ctx, int version, const cJSON *v,
                          gfx_scene *scene)
{
    if (version < 2)
        return fail(ctx, "cuts",
                    "a cut rule is new in scene version 2; expected \"version\": 2 "
                    "at the top of the file");
    if (!cJSON_IsObject(v))
        return fail(ctx, "cuts", "expected {\"every_beats\": n} or {\"at\": \"energy_drops\"}");
    static const char *const keys[] = {"every_beats", "at", NULL};
    if (check_keys(ctx, "cuts", v, keys))
        return -1;
    const cJSON *every = cJSON_GetObjectItemCaseSensitive(v, "every_beats");
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(v, "at");
    if (every && at)
        return fail(ctx, "cuts", "both every_beats and at; expected one rule");
    if (every)
        return expect_count(ctx, "cuts.every_beats", every, 1, 64, &scene->cut_every);
    if (!at || !cJSON_IsString(at) || strcmp(at->valuestring, "energy_drops") != 0) {
        char what[96] = "nothing";
        if (at)
            describe(at, what, sizeof what);
        return fail(ctx, "cuts.at", "%s is not a cut rule; expected \"energy_drops\"", what);
    }
    scene->cut_rule = GFX_CUTS_ENERGY_DROPS;
    return 0;
}

/* cJSON decodes \u0000 into a NUL that ends the C string, so "fire\u0000x"
 * would read as "fire" and two different keys as one. The index, in
 * document order, of the first string (key or value) of a valid JSON text
 * that holds the escape; -1 if none does. */
static long first_string_with_nul(const char *json)
{
    long token = -1;
    for (const char *p = json; *p; p++) {
        if (*p != '"')
            continue;
        token++;
        for (p++; *p != '"'; p++)
            if (*p == '\\') {
                if (!strncmp(p + 1, "u0000", 5))
                    return token;
                p++;
            }
    }
    return -1;
}

/* Names the string at `target`, counting keys and values in document order
 * as first_string_with_nul does; returns -1 (after fail) once it is found. */
static int refuse_string_with_nul(const struct parse_ctx *ctx, const cJSON *v, const char *path,
                                  long target, long *count)
{
    if (cJSON_IsString(v) && (*count)++ == target)
        return fail(ctx, path,
                    "\"%.60s\\u0000...\" holds a NUL character; expected text without \\u0000",
                    v->valuestring);
    if (!cJSON_IsArray(v) && !cJSON_IsObject(v))
        return 0;
    const cJSON *item;
    int i = 0;
    cJSON_ArrayForEach(item, v)
    {
        char sub[256];
        if (cJSON_IsObject(v)) {
            if ((*count)++ == target)
                return fail(ctx, path,
                            "key \"%.60s\\u0000...\" holds a NUL character; expected a key "
                            "without \\u0000",
                            item->string);
            if (!strcmp(path, "(top)"))
                snprintf(sub, sizeof sub, "%.60s", item->string);
            else
                snprintf(sub, sizeof sub, "%.180s.%.60s", path, item->string);
        } else
            snprintf(sub, sizeof sub, "%.200s[%d]", path, i);
        i++;
        if (refuse_string_with_nul(ctx, item, sub, target, count))
            return -1;
    }
    return 0;
}

/* Line and column of an offset, for JSON syntax errors. */
static void locate(const char *text, const char *at, int *line, int *col)
{
    *line = 1, *col = 1;
    for (const char *p = text; p < at && *p; p++) {
        if (*p == '\n')
            ++*line, *col = 1;
        else
            ++*col;
    }
}

int gfx_scene_parse(gfx_scene *scene, const char *json, const char *name, char *err,
                    size_t err_size)
{
    memset(scene, 0, sizeof *scene);
    struct parse_ctx ctx = {name, err, err_size, scene, 1};
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(json, &end, 1);
    if (!root) {
        int line, col;
        locate(json, end ? end : json, &line, &col);
        snprintf(err, err_size,
                 "%s: invalid JSON at line %d, column %d; expected a scene "
                 "object {\"segments\": [...]}",
                 name, line, col);
        return -1;
    }
    int rc = -1;
    const cJSON *segs = cJSON_GetObjectItemCaseSensitive(root, "segments");
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "version");
    double v = 1.0;
    static const char *const keys[] = {"version", "segments", "cuts", "ramps", "colours", NULL};
    long nul_at = first_string_with_nul(json), count = 0;
    if (nul_at >= 0 && refuse_string_with_nul(&ctx, root, "(top)", nul_at, &count))
        ;
    else if (!cJSON_IsObject(root))
        fail(&ctx, "(top)", "expected an object {\"segments\": [...]}");
    else if (check_keys(&ctx, "(top)", root, keys))
        ;
    else if (version && (expect_number(&ctx, "version", version, 1.0, GFX_SCENE_VERSION, &v) ||
                         (v != floor(v) && fail(&ctx, "version",
                                                "%g is not a version; expected "
                                                "1 or 2",
                                                v))))
        ;
    else if (cJSON_GetObjectItemCaseSensitive(root, "cuts") &&
             parse_cut_rule(&ctx, (int)v, cJSON_GetObjectItemCaseSensitive(root, "cuts"), scene))
        ;
    else if (parse_custom_tables(&ctx, (int)v, root))
        ;
    else if (!cJSON_IsArray(segs) || cJSON_GetArraySize(segs) == 0)
        fail(&ctx, "segments", "missing or empty; expected an array of at least one segment");
    else if (!(scene->segments = calloc((size_t)cJSON_GetArraySize(segs), sizeof *scene->segments)))
        snprintf(err, err_size, "%s: out of memory", name);
    else {
        /* cJSON_GetArrayItem walks the list from its head: index it in a
         * loop and 100k sections take a minute */
        scene->n = cJSON_GetArraySize(segs);
        ctx.version = (int)v;
        rc = 0;
        int i = 0;
        const cJSON *s;
        cJSON_ArrayForEach(s, segs)
        {
            rc = parse_segment(&ctx, (int)v, i, s, &scene->segments[i],
                               i ? &scene->segments[i - 1] : NULL);
            if (rc)
                break;
            i++;
        }
    }
    cJSON_Delete(root);
    if (rc)
        gfx_scene_free(scene);
    return rc;
}

int gfx_scene_load(gfx_scene *scene, const char *path, char *err, size_t err_size)
{
    memset(scene, 0, sizeof *scene);
    char *text;
    size_t n;
    if (gfx_read_file(path, MAX_SCENE_BYTES, "scene file", &text, &n, err, err_size) < 0)
        return -1;
    if (strlen(text) != n) {
        snprintf(err, err_size, "%s: contains NUL bytes; expected a JSON text file", path);
        free(text);
        return -1;
    }
    int rc = gfx_scene_parse(scene, text, path, err, err_size);
    free(text);
    return rc;
}

void gfx_scene_free(gfx_scene *scene)
{
    for (int i = 0; i < scene->n_ramps; i++)
        free(scene->ramps[i].chars);
    free(scene->ramps);
    free(scene->colours);
    for (int i = 0; i < scene->n_owned; i++)
        free(scene->owned[i]);
    free(scene->owned);
    gfx_lyrics_free(&scene->lyrics);
    free(scene->segments);
    memset(scene, 0, sizeof *scene);
}

static void segment_defaults(gfx_segment *seg, const gfx_effect_desc *effect)
{
    memset(seg, 0, sizeof *seg);
    layer_defaults(&seg->layers[0], effect);
    seg->n_layers = 1;
    seg->transition = GFX_TRANSITION_CUT;
    seg->fade = DEFAULT_FADE;
    seg->easing = GFX_EASE_LINEAR;
    seg->transition_blend = GFX_BLEND_SCREEN;
}

int gfx_scene_single(gfx_scene *scene, const gfx_effect_desc *effect, int grid, int ramp,
                     int colours, int hue, const gfx_shader_step *shaders, int n_shaders)
{
    memset(scene, 0, sizeof *scene);
    scene->segments = calloc(1, sizeof *scene->segments);
    if (!scene->segments || n_shaders > GFX_MAX_SHADERS)
        return -1;
    scene->n = 1;
    gfx_segment *seg = &scene->segments[0];
    segment_defaults(seg, effect);
    seg->end = 1e9;
    gfx_layer *layer = &seg->layers[0];
    layer->grid = grid;
    if (ramp >= 0)
        layer->ramp = ramp;
    layer->colours = colours;
    layer->hue = hue;
    memcpy(seg->shaders, shaders, (size_t)n_shaders * sizeof *shaders);
    seg->n_shaders = n_shaders;
    return 0;
}

int gfx_scene_clip(gfx_scene *scene, double duration)
{
    static const int chain[] = {GFX_SHADER_BLOOM, GFX_SHADER_VIGNETTE};
    gfx_shader_step steps[2];
    for (int i = 0; i < 2; i++)
        steps[i] = gfx_shader_step_default(chain[i]);
    if (gfx_scene_single(scene, gfx_effect_at(0), GFX_GRID_SM, -1, gfx_colours_find("neon"),
                         GFX_HUE_ANGLE, steps, 2))
        return -1;
    gfx_segment *seg = &scene->segments[0];
    seg->end = duration;
    layer_defaults(&seg->layers[0], gfx_effect_at(0));
    make_video_layer(scene, &seg->layers[0]);
    return 0;
}

int gfx_scene_benchmark(gfx_scene *scene)
{
    static const int chain[] = {GFX_SHADER_BLOOM, GFX_SHADER_VIGNETTE, GFX_SHADER_CRT,
                                GFX_SHADER_SCANLINES, GFX_SHADER_GRAIN};
    gfx_shader_step steps[5];
    for (int i = 0; i < 5; i++)
        steps[i] = gfx_shader_step_default(chain[i]);
    const gfx_effect_desc *plasma = gfx_effect_find("plasma");
    return gfx_scene_single(scene, plasma ? plasma : gfx_effect_at(0), GFX_GRID_MD, -1,
                            gfx_colours_find("neon"), GFX_HUE_ANGLE, steps, 5);
}

void gfx_scene_add_clip(gfx_scene *scene)
{
    if (scene->video_layers)
        return;
    for (int i = 0; i < scene->n; i++) {
        gfx_segment *seg = &scene->segments[i];
        if (seg->n_layers == GFX_MAX_LAYERS)
            continue;
        gfx_layer *layer = &seg->layers[seg->n_layers++];
        layer_defaults(layer, gfx_effect_at(0));
        make_video_layer(scene, layer);
    }
}

int gfx_scene_check_clip(const gfx_scene *scene, int have_clip, const char *name, char *err,
                         size_t err_size)
{
    for (int i = 0; !have_clip && i < scene->n; i++)
        for (int l = 0; l < scene->segments[i].n_layers; l++)
            if (scene->segments[i].layers[l].video ||
                (scene->segments[i].layers[l].effect &&
                 scene->segments[i].layers[l].effect->reads_video)) {
                snprintf(err, err_size,
                         "%s: segments[%d].layers[%d] shows a clip, and none is given; expected "
                         "--video CLIP, or a video as the input",
                         name, i, l);
                return -1;
            }
    return 0;
}

int gfx_scene_set_lyrics(gfx_scene *scene, gfx_lyrics *lyrics, char *err, size_t err_size)
{
    gfx_lyrics_free(&scene->lyrics);
    scene->lyrics = *lyrics;
    memset(lyrics, 0, sizeof *lyrics);
    if (!scene->lyric_layers) {
        gfx_text_item *item = scene_own(scene, calloc(1, sizeof *item));
        if (!item) {
            snprintf(err, err_size, "out of memory for the lyrics layer");
            return -1;
        }
        gfx_text_item_init(item, GFX_TEXT_TYPEWRITER);
        for (int i = 0; i < scene->n; i++) {
            gfx_segment *seg = &scene->segments[i];
            if (seg->n_layers == GFX_MAX_LAYERS)
                continue;
            gfx_layer *layer = &seg->layers[seg->n_layers++];
            layer_defaults(layer, gfx_effect_at(0));
            layer->effect = NULL;
            layer->text = item;
            layer->grid = GFX_GRID_XL; /* readable over a busy picture */
            layer->blend = GFX_BLEND_LIGHTEN;
            scene->lyric_layers++;
        }
    }
    for (int i = 0; i < scene->n; i++)
        for (int l = 0; l < scene->segments[i].n_layers; l++) {
            gfx_text_item *item = scene->segments[i].layers[l].text;
            if (item && gfx_text_kind_at(item->kind)->input == GFX_TEXT_INPUT_LYRICS)
                item->lyrics = &scene->lyrics;
        }
    return 0;
}

int gfx_scene_check_lyrics(const gfx_scene *scene, const char *name, char *err, size_t err_size)
{
    for (int i = 0; i < scene->n; i++)
        for (int l = 0; l < scene->segments[i].n_layers; l++) {
            const gfx_text_item *item = scene->segments[i].layers[l].text;
            if (item && gfx_text_kind_at(item->kind)->input == GFX_TEXT_INPUT_LYRICS &&
                !item->lyrics) {
                snprintf(err, err_size,
                         "%s: segments[%d].layers[%d].text: %s shows lyrics; expected "
                         "--lyrics FILE.srt",
                         name, i, l, gfx_text_kind_at(item->kind)->name);
                return -1;
            }
        }
    return 0;
}

int gfx_scene_layered_benchmark(gfx_scene *scene, char *err, size_t err_size)
{
    static const char json[] =
        "{\"version\": 2, \"segments\": [{\"start\": 0, \"end\": 86400, \"layers\": ["
        "{\"effect\": \"plasma\", \"grid\": \"sm\", \"colours\": \"ice\"},"
        "{\"effect\": \"rings\", \"grid\": \"md\", \"blend\": \"screen\", \"opacity\": 0.8,"
        " \"mask\": {\"kind\": \"mask_circle\", \"radius\": 0.4, \"feather\": 0.1}},"
        "{\"effect\": \"starfield\", \"grid\": \"lg\", \"blend\": \"add\", \"opacity\": 0.7}],"
        "\"feedback\": \"rainbow_trails\","
        "\"shaders\": [{\"name\": \"bloom\"}, {\"name\": \"vignette\"}, {\"name\": \"crt\"},"
        " {\"name\": \"scanlines\"}, {\"name\": \"grain\"}]}]}";
    return gfx_scene_parse(scene, json, "the layered benchmark scene", err, err_size);
}

/* The built-in looks, in the order the show plays them: colours, hue
 * mapping, grid, a ramp for when the effect's own ramp repeats the
 * previous section's, and a shader chain. Chosen per effect (rain is
 * green, fire is fire); an effect not listed plays after these and takes
 * the looks in turn. Neighbours differ in colours, hue mapping and chain.
 *
 * The order: a show under 5 s is its first section alone, and under 8
 * bars the built-in soundtrack is all groove (`glyphfx verify` wants a
 * mean above 15 there), so the show opens on full-screen colour (plasma),
 * then the beat (bars). Rain, the darkest and the one colour, sits in the
 * middle, where the full-length soundtrack breaks down; dissolve, the
 * brightest, ends it. */
struct look {
    const char *effect, *colours, *hue, *grid, *alt_ramp;
    int chain;
    const char *ramp;  /* instead of the effect's own; NULL: the effect's */
    float gamma;       /* tonemap gamma; 0: the default. Below it for effects
                       * whose values crowd the middle (plasma, spiral arms),
                       * so more cells reach the dense glyphs */
    const char *param; /* one of the effect's parameters set to value; NULL: none */
    float value;
    /* A dim background layer on a finer grid under the effect, which is
     * then merged over it by the max rule (lighten); NULL: none. The
     * sparse effects get one, so no section is flat black between its
     * sparks, drops and stars. */
    const char *bg_effect, *bg_grid, *bg_colours;
    float bg_opacity;
};
static const struct look looks[] = {
    /* Rain takes the catalogue's katakana ("kata"), which DejaVu Sans
     * Mono lacks: the font fallback draws them from the katakana font
     * setup installs (fonts-motoya-l-cedar). The sparse effects (waveform, particles, stars) take
     * block ramps: four to five times the ink of ASCII (explosion drops
     * from a mean of about 30 to 6 with the default ramp), which is what
     * lets them meet the seed's brightness targets (tests/test_brightness.c).
     * Blocks that fill cells from the bottom ("blocks") draw anything but
     * bars as scanline stripes, so particles take shade and quadrant.
     * Rain is one colour on black: "phosphor" (matrix's green with some red
     * and blue in it), longer trails and a lower gamma give it the light
     * of the others (a mean near 8 at draft in matrix green, 15-21 now).
     * Tunnel's hue rotation (chain 3) keeps luma, so cyberpunk's dark pinks
     * turned dim green at times (means of 10-12 at draft); vaporwave's
     * lighter colours keep it near 20. Plasma's contrast is lowered from
     * 1.8, where a third of the field clips to black: a small frame (160x90
     * at draft is 32 cells across, under one wavelength) could be half
     * black and read 12. Fire (gamma 0.5) and explosion (its smoke at 0.6,
     * lit between bursts) came within 1 of 15 at draft at some lengths. */
    {"plasma", "vaporwave", "angle", "md", "default", 0, NULL, 0.45f, "contrast", 1.2f, NULL, NULL,
     NULL, 0.0f},
    {"bars", "neon", "effect", "md", "blocks", 2, NULL, 0.0f, NULL, 0.0f, "plasma", "xs",
     "vaporwave", 0.2f},
    {"fire", "fire", "value", "md", "dense", 0, NULL, 0.5f, NULL, 0.0f, NULL, NULL, NULL, 0.0f},
    {"rings", "ice", "distance", "md", "dense", 1, NULL, 0.0f, NULL, 0.0f, NULL, NULL, NULL, 0.0f},
    {"explosion", "amber", "effect", "md", "stars", 2, "shade", 0.0f, "smoke", 0.6f, "plasma", "sm",
     "fire", 0.15f},
    {"tunnel", "vaporwave", "distance", "sm", "default", 3, "dense", 0.45f, NULL, 0.0f, NULL, NULL,
     NULL, 0.0f},
    {"rain", "phosphor", "value", "md", "dense", 1, "kata", 0.4f, "trail", 0.8f, "plasma", "sm",
     "matrix", 0.15f},
    {"spiral", "sunset", "angle", "sm", "default", 0, NULL, 0.35f, NULL, 0.0f, NULL, NULL, NULL,
     0.0f},
    {"waveform", "rainbow", "time", "lg", "box", 1, "blocks", 0.45f, NULL, 0.0f, "rings", "sm",
     "ice", 0.2f},
    {"embers", "fire", "value", "md", "stars", 2, "quadrant", 0.0f, NULL, 0.0f, "fire", "sm",
     "fire", 0.12f},
    {"starfield", "ice", "distance", "md", "dots", 0, "shade", 0.0f, NULL, 0.0f, "tunnel", "sm",
     "ice", 0.12f},
    {"dissolve", "toxic", "value", "md", "dense", 1, "quadrant", 0.45f, NULL, 0.0f, NULL, NULL,
     NULL, 0.0f},
    {"domain_warp", "ocean", "value", "md", "dense", 1, "shade", 0.5f, NULL, 0.0f, NULL, NULL, NULL,
     0.0f},
    /* The new range follows the first twelve: fields, simulations,
     * particles and character effects. Those that draw exact glyphs keep
     * their own glyph sets (alt_ramp too), in the "rainbow" palette read by
     * their own hues (block_corrupt's reddish blocks, hex_stream's green,
     * ice_fire's blues). */
    {"block_corrupt", "rainbow", "effect", "md", "corrupt", 1, NULL, 0.0f, NULL, 0.0f, "bg_noise",
     "sm", "fire", 0.4f},
    {"voronoi", "cyberpunk", "value", "md", "dense", 2, "box", 0.0f, "mode", 0.0f, "fbm", "sm",
     "ocean", 0.3f},
    {"spectrum", "neon", "effect", "md", "shade", 3, "blocks", 0.0f, NULL, 0.0f, "bg_smooth_noise",
     "sm", "vaporwave", 0.2f},
    {"scanbars", "neon", "effect", "md", "scan", 2, NULL, 0.0f, NULL, 0.0f, "bg_sinefield", "sm",
     "ice", 0.6f},
    {"reaction_diffusion", "toxic", "value", "sm", "dense", 0, "shade", 0.0f, "preset", 3.0f, NULL,
     NULL, NULL, 0.0f},
    {"hex_stream", "rainbow", "effect", "md", "terminal", 2, NULL, 0.0f, NULL, 0.0f,
     "bg_smooth_noise", "sm", "matrix", 0.5f},
    {"boids", "ice", "effect", "md", "quadrant", 1, "part_spark", 0.0f, NULL, 0.0f, "plasma", "sm",
     "ocean", 0.45f},
    {"error_text", "rainbow", "effect", "md", "terminal", 1, NULL, 0.0f, NULL, 0.0f, "bg_sinefield",
     "sm", "matrix", 0.6f},
    {"interference", "sunset", "value", "md", "dense", 2, "shade", 0.5f, NULL, 0.0f, NULL, NULL,
     NULL, 0.0f},
    {"ice_fire", "rainbow", "effect", "md", "gradient", 0, NULL, 0.0f, NULL, 0.0f,
     "bg_smooth_noise", "sm", "ice", 0.2f},
};
#define N_LOOKS (int)(sizeof looks / sizeof looks[0])

/* The i-th effect of a show: the looks' order, then (every_effect) any
 * effect they miss (one that needs a clip shows black without one). */
static const gfx_effect_desc *show_effect(int i, int every_effect)
{
    int listed = 0;
    for (int k = 0; k < N_LOOKS; k++)
        if (gfx_effect_find(looks[k].effect) && listed++ == i)
            return gfx_effect_find(looks[k].effect);
    for (int e = 0; every_effect && e < gfx_effect_count(); e++) {
        int in_looks = 0;
        for (int k = 0; k < N_LOOKS && !in_looks; k++)
            in_looks = !strcmp(looks[k].effect, gfx_effect_at(e)->name);
        if (!in_looks && listed++ == i)
            return gfx_effect_at(e);
    }
    return gfx_effect_at(0);
}

static int show_effect_count(int every_effect)
{
    int n = 0;
    for (int k = 0; k < N_LOOKS; k++)
        n += gfx_effect_find(looks[k].effect) != NULL;
    for (int e = 0; every_effect && e < gfx_effect_count(); e++) {
        int in_looks = 0;
        for (int k = 0; k < N_LOOKS && !in_looks; k++)
            in_looks = !strcmp(looks[k].effect, gfx_effect_at(e)->name);
        n += !in_looks;
    }
    return n;
}

/* Shader chains of the built-in scene; some parameters follow the music. */
static int build_chain(gfx_segment *seg, int chain)
{
    static const int chains[4][6] = {
        {GFX_SHADER_BLOOM, GFX_SHADER_VIGNETTE, GFX_SHADER_CRT, GFX_SHADER_SCANLINES,
         GFX_SHADER_GRAIN, -1},
        {GFX_SHADER_BLOOM, GFX_SHADER_CHROMATIC, GFX_SHADER_VIGNETTE, GFX_SHADER_GRAIN, -1},
        {GFX_SHADER_BLOOM, GFX_SHADER_SCANLINES, GFX_SHADER_VIGNETTE, GFX_SHADER_GRAIN, -1},
        {GFX_SHADER_HUE_ROTATE, GFX_SHADER_BLOOM, GFX_SHADER_VIGNETTE, GFX_SHADER_CRT,
         GFX_SHADER_GRAIN, -1},
    };
    seg->n_shaders = 0;
    for (const int *s = chains[chain]; *s >= 0; s++) {
        gfx_shader_step step = gfx_shader_step_default(*s);
        if (*s == GFX_SHADER_GRAIN)
            step.params[0] = gfx_param_following(4.0f, GFX_FEAT_RMS, 10.0f);
        else if (*s == GFX_SHADER_CHROMATIC)
            step.params[0] = gfx_param_following(1.0f, GFX_FEAT_BEAT_ENV, 5.0f);
        else if (*s == GFX_SHADER_BLOOM) {
            step.params[0] = gfx_param_constant(45.0f);
            step.params[1] = gfx_param_following(0.85f, GFX_FEAT_BASS, 0.15f);
        } else if (*s == GFX_SHADER_HUE_ROTATE)
            step.params[0] = gfx_param_following(0.0f, GFX_FEAT_RMS_SLOW, 120.0f);
        else if (*s == GFX_SHADER_VIGNETTE) /* the catalogue's limit: at most 0.25 */
            step.params[0] = gfx_param_constant(0.2f);
        seg->shaders[seg->n_shaders++] = step;
    }
    return 0;
}

/* The look's background under the section's one layer (see struct look). */
static void add_background(gfx_segment *seg, const struct look *look)
{
    seg->layers[1] = seg->layers[0];
    seg->layers[1].blend = GFX_BLEND_LIGHTEN;
    gfx_layer *bg = &seg->layers[0];
    layer_defaults(bg, gfx_effect_find(look->bg_effect));
    bg->grid = gfx_grid_size_parse(look->bg_grid);
    bg->colours = gfx_colours_find(look->bg_colours);
    bg->opacity = gfx_param_constant(look->bg_opacity);
    bg->blend = GFX_BLEND_NORMAL;
    seg->n_layers = 2;
}

static int build_show(gfx_scene *scene, double duration, int every_effect)
{
    memset(scene, 0, sizeof *scene);
    int n_effects = show_effect_count(every_effect);
    if (n_effects <= 0 || !(duration > 0.0))
        return -1;
    /* Sections of 2.5..8 s, all the same length: the rest of the duration
     * is spread over them rather than left as a short one at the end (3 s
     * would flash a half-second section) */
    double section = duration / n_effects;
    section = section < 2.5 ? 2.5 : section > 8.0 ? 8.0 : section;
    int n = (int)floor(duration / section + 1e-9);
    if (n < 1)
        n = 1;
    section = duration / n;
    scene->segments = calloc((size_t)n, sizeof *scene->segments);
    if (!scene->segments)
        return -1;
    scene->n = n;
    for (int i = 0; i < n; i++) {
        gfx_segment *seg = &scene->segments[i];
        const gfx_effect_desc *effect = show_effect(i % n_effects, every_effect);
        const struct look *look = &looks[i % N_LOOKS];
        for (int k = 0; k < N_LOOKS; k++)
            if (!strcmp(looks[k].effect, effect->name))
                look = &looks[k];
        segment_defaults(seg, effect);
        gfx_layer *layer = &seg->layers[0];
        if (look->ramp)
            layer->ramp = gfx_ramp_find(look->ramp);
        seg->start = i * section;
        seg->end = i + 1 == n ? duration : (i + 1) * section;
        const gfx_segment *prev = i ? &scene->segments[i - 1] : NULL;
        if (prev && layer->ramp == prev->layers[prev->n_layers - 1].ramp)
            layer->ramp = gfx_ramp_find(look->alt_ramp);
        layer->colours = gfx_colours_find(look->colours);
        layer->hue = gfx_hue_find(look->hue);
        layer->grid = gfx_grid_size_parse(look->grid);
        if (look->gamma > 0.0f)
            layer->gamma = look->gamma;
        for (int j = 0; look->param && j < effect->n_params; j++)
            if (!strcmp(effect->params[j].name, look->param))
                layer->params[j] = gfx_param_constant(look->value);
        seg->transition = i % 2 ? GFX_TRANSITION_CROSSFADE : GFX_TRANSITION_CUT;
        seg->fade = 0.75;
        build_chain(seg, look->chain);
        if (look->bg_effect)
            add_background(seg, look);
    }
    return 0;
}

int gfx_scene_default(gfx_scene *scene, double duration)
{
    return build_show(scene, duration, 0);
}

int gfx_scene_default_looks(void)
{
    return show_effect_count(0);
}

int gfx_scene_every_effect(gfx_scene *scene, double seconds_each)
{
    return build_show(scene, seconds_each * show_effect_count(1), 1);
}

/* The times a rule allows a cut at, as frames; n written (at most max). */
static int rule_cut_frames(const gfx_scene *scene, const gfx_feature_track *track, int *out,
                           int max)
{
    double end = track->n_frames / track->fps;
    if (scene->cut_rule == GFX_CUTS_ENERGY_DROPS) {
        gfx_energy_drop_rule rule = gfx_energy_drop_default();
        int n = gfx_energy_drop_cuts(track, 0.0, end, &rule, out, max);
        return n < max ? n : max;
    }
    int n = scene->cut_every > 1 ? gfx_beat_cuts(track, 0.0, end, scene->cut_every, out, max)
                                 : gfx_beat_frames(track, 0, track->n_frames, out, max);
    return n < 0 ? 0 : n < max ? n : max;
}

void gfx_scene_snap_cuts(gfx_scene *scene, const gfx_feature_track *track)
{
    if (!track || track->n_frames <= 0 || !(track->fps > 0.0))
        return;
    int *cuts = malloc((size_t)track->n_frames * sizeof *cuts);
    if (!cuts)
        return; /* the cuts stay where the file put them */
    int n_cuts = rule_cut_frames(scene, track, cuts, track->n_frames);
    double beat = track->bpm > 0.0f ? 60.0 / track->bpm : 1.0;
    int every = scene->cut_every > 0 ? scene->cut_every : 1;
    for (int i = 1; i < scene->n; i++) {
        gfx_segment *prev = &scene->segments[i - 1], *seg = &scene->segments[i];
        if (seg->transition != GFX_TRANSITION_CUT || prev->end != seg->start)
            continue;
        /* Half the rule's spacing (half a beat, or a phrase of beats), at
         * most half the shorter of the two sections. */
        double window = scene->cut_rule == GFX_CUTS_ENERGY_DROPS ? 1e9 : 0.5 * every * beat;
        double shorter = fmin(seg->start - prev->start, seg->end - seg->start);
        if (every > 1 || scene->cut_rule == GFX_CUTS_ENERGY_DROPS)
            window = fmin(window, 0.5 * shorter);
        if (scene->cut_rule == GFX_CUTS_BEATS && every == 1 && !(track->bpm > 0.0f))
            window = 0.5;
        double best = -1.0, best_gap = window;
        for (int c = 0; c < n_cuts; c++) {
            double t = cuts[c] / track->fps, gap = fabs(t - seg->start);
            if (gap <= best_gap && t > prev->start && t < seg->end)
                best = t, best_gap = gap;
        }
        if (best >= 0.0)
            prev->end = seg->start = best;
    }
    free(cuts);
}

void gfx_scene_at(const gfx_scene *scene, double t, int *main, int *outgoing, float *progress)
{
    int i = 0;
    while (i + 1 < scene->n && scene->segments[i + 1].start <= t)
        i++;
    *main = i;
    *outgoing = -1;
    *progress = 1.0f;
    const gfx_segment *seg = &scene->segments[i];
    if (i > 0 && seg->transition != GFX_TRANSITION_CUT && t >= seg->start &&
        t < seg->start + seg->fade) {
        *outgoing = i - 1;
        *progress = (float)gfx_easing_at(seg->easing, (t - seg->start) / seg->fade);
    }
}

static const char *const transition_names[GFX_TRANSITIONS] = {
    "cut",     "crossfade",  "glyph_crossfade", "wipe_left",     "wipe_right",
    "wipe_up", "wipe_down",  "wipe_radial",     "wipe_diagonal", "dissolve",
    "iris",    "iris_close", "glitch_cut",      "field_morph",   "blend",
};

const char *gfx_transition_name(int transition)
{
    return transition >= 0 && transition < GFX_TRANSITIONS ? transition_names[transition]
                                                           : "unknown";
}

int gfx_transition_find(const char *name)
{
    for (int i = 0; i < GFX_TRANSITIONS; i++)
        if (!strcmp(name, transition_names[i]))
            return i;
    return -1;
}
