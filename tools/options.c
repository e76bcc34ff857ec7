/* The table-driven option parser: see options.h. */
#include "options.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int say(const gfx_command_line *cl, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", cl->prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return GFX_OPTIONS_BAD;
}

static int parse_whole(const char *s, double min, double max, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || (double)v < min || (double)v > max)
        return -1;
    *out = v;
    return 0;
}

static int parse_finite(const char *s, const gfx_option *o, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v))
        return -1;
    if ((o->flags & GFX_OPT_ABOVE_MIN) ? v <= o->min : v < o->min)
        return -1;
    if (v > o->max)
        return -1;
    *out = v;
    return 0;
}

static int parse_choice(const char *s, const char *const *choices, int *out)
{
    for (int i = 0; choices[i]; i++)
        if (!strcmp(s, choices[i])) {
            *out = i;
            return 0;
        }
    return -1;
}

/* Parses one value into its field: 0, or -1 with a line in err ("" when the
 * option's `bad` format says it). */
static int parse_value(const gfx_option *o, const char *v, void *opts, char *err, size_t err_size)
{
    char *field = (char *)opts + o->offset;
    long long whole;
    err[0] = '\0';
    switch (o->kind) {
    case GFX_OPT_STRING: *(const char **)field = v; return 0;
    case GFX_OPT_INT:
        if (parse_whole(v, o->min, o->max, &whole))
            return -1;
        *(int *)field = (int)whole;
        return 0;
    case GFX_OPT_U32:
        if (parse_whole(v, o->min, o->max, &whole))
            return -1;
        *(uint32_t *)field = (uint32_t)whole;
        return 0;
    case GFX_OPT_DOUBLE: return parse_finite(v, o, (double *)field);
    case GFX_OPT_ENUM: return parse_choice(v, o->choices, (int *)field);
    case GFX_OPT_CUSTOM: return o->parse(v, opts, err, err_size);
    case GFX_OPT_FLAG: break;
    }
    return -1;
}

static const gfx_option *find(const gfx_command_line *cl, const char *arg)
{
    for (int i = 0; i < cl->n_options; i++) {
        const gfx_option *o = &cl->options[i];
        if (!strcmp(arg, o->name) || (o->alias && !strcmp(arg, o->alias)))
            return o;
    }
    return NULL;
}

int gfx_options_parse(const gfx_command_line *cl, int argc, char **argv, void *opts)
{
    const gfx_option *after = NULL; /* the option whose value came last */
    int options_ended = 0;
    char err[1024];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int positional = options_ended || a[0] != '-' || (cl->dash_is_positional && !a[1]);
        if (!positional && !strcmp(a, "--")) {
            options_ended = 1;
            continue;
        }
        if (positional) {
            if (!cl->positional)
                return say(cl, cl->unknown, a);
            if (cl->positional(a, after, opts, err, sizeof err))
                return say(cl, "%s", err);
            after = NULL;
            continue;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h"))
            return GFX_OPTIONS_HELP;
        const gfx_option *o = find(cl, a);
        if (!o)
            return say(cl, cl->unknown, a);
        if (o->kind == GFX_OPT_FLAG) {
            *(int *)((char *)opts + o->offset) = 1;
            after = NULL;
            continue;
        }
        if (i + 1 >= argc)
            return say(cl, o->missing ? o->missing : cl->missing, a);
        const char *v = argv[++i];
        if (parse_value(o, v, opts, err, sizeof err))
            return err[0] ? say(cl, "%s", err) : say(cl, o->bad, a, v);
        after = o;
    }
    return GFX_OPTIONS_OK;
}
