/* Command-line options from a table: each subcommand lists its options
 * (name, kind of value, where it goes in the command's options struct, the
 * range or choices allowed, the line that refuses a bad value) and calls
 * gfx_options_parse, which walks argv once, in order.
 *
 * Kinds, each with one parse helper:
 *   FLAG    no value; sets an int to 1
 *   STRING  any value; stores the const char * (argv's own string)
 *   INT     a whole number in [min, max], base 10, into an int
 *   U32     a whole number in [min, max], base 10, into a uint32_t
 *   DOUBLE  a finite number (nan and inf refused) in [min, max], into a
 *           double; GFX_OPT_ABOVE_MIN makes the lower bound exclusive
 *   ENUM    one of `choices` (NULL-terminated); stores its index in an int
 *   CUSTOM  parse(value, opts, err): the option parses its own value
 *
 * An argument not starting with '-' (and every argument after "--") is
 * positional; "-h" and "--help" ask for the usage. The first problem ends
 * the parse with one line on stderr, prefixed with the command's name. */
#ifndef GFX_OPTIONS_H
#define GFX_OPTIONS_H

#include <stddef.h>

enum gfx_opt_kind {
    GFX_OPT_FLAG,
    GFX_OPT_STRING,
    GFX_OPT_INT,
    GFX_OPT_U32,
    GFX_OPT_DOUBLE,
    GFX_OPT_ENUM,
    GFX_OPT_CUSTOM
};

#define GFX_OPT_ABOVE_MIN 1u /* DOUBLE: value > min, not >= */

typedef struct gfx_option {
    const char *name;  /* "--fps" */
    const char *alias; /* "-o", or NULL */
    enum gfx_opt_kind kind;
    size_t offset; /* of the field in the command's options struct */
    double min, max;
    unsigned flags;
    const char *const *choices; /* ENUM */
    /* CUSTOM: 0, or -1 with a line in err (or err left "" to use `bad`). */
    int (*parse)(const char *value, void *opts, char *err, size_t err_size);
    /* The line for a refused value: a format taking the option as typed and
     * the value, e.g. "%s %s: expected a frame rate in 1..240". */
    const char *bad;
    /* The line for a missing value, a format taking the option; NULL: the
     * command's `missing`. */
    const char *missing;
} gfx_option;

/* A table entry's fields, to write inside braces, e.g.
 *   {GFX_OPT_DOUBLE_("--fps", offsetof(struct o, fps), 1, 240, "%s %s: expected 1..240")}
 * more fields (.flags, .missing) may follow. */
#define GFX_OPT_FLAG_(nm, al, off)                                                                 \
    .name = (nm), .alias = (al), .kind = GFX_OPT_FLAG, .offset = (off)
#define GFX_OPT_STRING_(nm, al, off)                                                               \
    .name = (nm), .alias = (al), .kind = GFX_OPT_STRING, .offset = (off)
#define GFX_OPT_INT_(nm, off, lo, hi, msg)                                                         \
    .name = (nm), .kind = GFX_OPT_INT, .offset = (off), .min = (lo), .max = (hi), .bad = (msg)
#define GFX_OPT_U32_(nm, off, lo, hi, msg)                                                         \
    .name = (nm), .kind = GFX_OPT_U32, .offset = (off), .min = (lo), .max = (hi), .bad = (msg)
#define GFX_OPT_DOUBLE_(nm, off, lo, hi, msg)                                                      \
    .name = (nm), .kind = GFX_OPT_DOUBLE, .offset = (off), .min = (lo), .max = (hi), .bad = (msg)
#define GFX_OPT_ENUM_(nm, off, list, msg)                                                          \
    .name = (nm), .kind = GFX_OPT_ENUM, .offset = (off), .choices = (list), .bad = (msg)
#define GFX_OPT_CUSTOM_(nm, fn, msg)                                                               \
    .name = (nm), .kind = GFX_OPT_CUSTOM, .parse = (fn), .bad = (msg)

/* A macro's value as a string literal, for messages: GFX_OPT_STR(MAX) "64". */
#define GFX_OPT_STR_(x) #x
#define GFX_OPT_STR(x) GFX_OPT_STR_(x)

typedef struct gfx_command_line {
    const char *prog; /* "glyphfx render": every line starts "glyphfx render: " */
    const gfx_option *options;
    int n_options;
    /* Formats taking the argument: an unknown option (and a positional
     * argument when `positional` is NULL), and an option without its value. */
    const char *unknown;
    const char *missing;
    /* A positional argument; `after` is the option whose value came just
     * before it (NULL if none). 0, or -1 with a line in err. */
    int (*positional)(const char *arg, const gfx_option *after, void *opts, char *err,
                      size_t err_size);
    int dash_is_positional; /* a lone "-" is a positional argument (stdin-like) */
} gfx_command_line;

enum { GFX_OPTIONS_OK = 0, GFX_OPTIONS_HELP = 1, GFX_OPTIONS_BAD = 2 };

/* Parses argv[1..argc-1] into opts (already holding the defaults). Returns
 * GFX_OPTIONS_OK, GFX_OPTIONS_HELP (nothing printed: the caller prints its
 * usage) or GFX_OPTIONS_BAD after one line on stderr. */
int gfx_options_parse(const gfx_command_line *cl, int argc, char **argv, void *opts);

#endif
