/* tools/options.c, the table-driven option parser: every kind of value,
 * its range and its refusals (nan and inf for doubles), '--', a missing
 * value, an unknown option given last, and the one line each refusal prints. */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "options.h"

struct opts {
    int flag, i, e;
    const char *s, *pos;
    uint32_t u;
    double d;
};

static const char *const letters[] = {"a", "b", "c", NULL};

static int parse_custom(const char *v, void *o, char *err, size_t err_size)
{
    (void)o;
    if (!strcmp(v, "ok"))
        return 0;
    if (!strcmp(v, "own"))
        snprintf(err, err_size, "custom: its own line");
    return -1;
}

static int one_positional(const char *arg, const gfx_option *after, void *opts, char *err,
                          size_t err_size)
{
    (void)after;
    struct opts *o = opts;
    if (o->pos) {
        snprintf(err, err_size, "'%s': one only", arg);
        return -1;
    }
    o->pos = arg;
    return 0;
}

#define AT(f) offsetof(struct opts, f)
static const gfx_option table[] = {
    {GFX_OPT_FLAG_("--flag", "-f", AT(flag))},
    {GFX_OPT_STRING_("--str", NULL, AT(s))},
    {GFX_OPT_INT_("--int", AT(i), 1, 10, "%s %s: bad int")},
    {GFX_OPT_U32_("--u32", AT(u), 0, 4294967295.0, "%s %s: bad u32")},
    {GFX_OPT_DOUBLE_("--dbl", AT(d), 0, 1, "%s %s: bad double"), .flags = GFX_OPT_ABOVE_MIN},
    {GFX_OPT_ENUM_("--enum", AT(e), letters, "%s %s: bad enum")},
    {GFX_OPT_CUSTOM_("--custom", parse_custom, "%s %s: bad custom"), .missing = "%s wants more"},
};
static const gfx_command_line cl = {.prog = "t",
                                    .options = table,
                                    .n_options = sizeof table / sizeof *table,
                                    .unknown = "%s: unknown option",
                                    .missing = "%s needs a value",
                                    .positional = one_positional};

static char line[1024]; /* what the last parse printed */

/* Parses the space-separated words of args into *o; the printed line lands in `line`. */
static int parse(const char *args, struct opts *o)
{
    char buf[512], *argv[32] = {"t"};
    int argc = 1;
    snprintf(buf, sizeof buf, "%s", args);
    for (char *w = strtok(buf, " "); w && argc < 31; w = strtok(NULL, " "))
        argv[argc++] = w;
    *o = (struct opts){.i = -1, .e = -1};
    char path[] = "/tmp/glyphfx-test-options-XXXXXX";
    int fd = mkstemp(path), saved = dup(2);
    fflush(stderr);
    dup2(fd, 2);
    int rc = gfx_options_parse(&cl, argc, argv, o);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    ssize_t n = pread(fd, line, sizeof line - 1, 0);
    line[n > 0 ? n : 0] = '\0';
    close(fd);
    unlink(path);
    /* the strings point into buf: keep only what the checks compare */
    o->s = o->s ? "set" : NULL;
    o->pos = o->pos ? (strcmp(o->pos, "--flag") ? "set" : "--flag") : NULL;
    return rc;
}

static void bad(const char *args, const char *expected)
{
    struct opts o;
    int rc = parse(args, &o);
    CHECK(rc == GFX_OPTIONS_BAD, "'%s': %d, expected BAD", args, rc);
    CHECK(!strcmp(line, expected), "'%s': printed '%s', expected '%s'", args, line, expected);
}

int main(void)
{
    struct opts o;
    CHECK(parse("-f --str x --int 10 --u32 4294967295 --dbl 1 --enum c --custom ok in", &o) ==
                  GFX_OPTIONS_OK &&
              o.flag && o.s && o.i == 10 && o.u == 4294967295u && o.d == 1.0 && o.e == 2 && o.pos,
          "every kind: %s", line);
    CHECK(parse("--dbl 1e-300", &o) == GFX_OPTIONS_OK && o.d == 1e-300, "just above min");
    CHECK(parse("in -- --flag", &o) == GFX_OPTIONS_BAD, "-- then a second positional");
    CHECK(parse("-- --flag", &o) == GFX_OPTIONS_OK && !o.flag && o.pos && !strcmp(o.pos, "--flag"),
          "after --, an option is an argument");
    CHECK(parse("--int 3 -h --nope", &o) == GFX_OPTIONS_HELP && !line[0], "help, nothing printed");
    bad("--int 11", "t: --int 11: bad int\n");
    bad("--int 0", "t: --int 0: bad int\n");
    bad("--int 1.5", "t: --int 1.5: bad int\n");
    bad("--int 99999999999999999999", "t: --int 99999999999999999999: bad int\n");
    bad("--u32 4294967296", "t: --u32 4294967296: bad u32\n");
    bad("--u32 -1", "t: --u32 -1: bad u32\n");
    bad("--dbl 0", "t: --dbl 0: bad double\n");
    bad("--dbl nan", "t: --dbl nan: bad double\n");
    bad("--dbl inf", "t: --dbl inf: bad double\n");
    bad("--dbl 1e400", "t: --dbl 1e400: bad double\n");
    bad("--dbl 0.5x", "t: --dbl 0.5x: bad double\n");
    bad("--enum d", "t: --enum d: bad enum\n");
    bad("--custom no", "t: --custom no: bad custom\n");
    bad("--custom own", "t: custom: its own line\n");
    bad("--int", "t: --int needs a value\n");
    bad("--custom", "t: --custom wants more\n");
    bad("--nope", "t: --nope: unknown option\n");
    bad("--nope 3", "t: --nope: unknown option\n");
    bad("--flag --int", "t: --int needs a value\n");
    bad("a b", "t: 'b': one only\n");
    bad("-", "t: -: unknown option\n");
    return CHECK_EXIT_STATUS();
}
