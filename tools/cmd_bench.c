/* glyphfx bench: runs glyphfx_bench (next to this binary), prints each
 * stage against its budget, writes results JSON, compares two results for
 * regressions, and draws the report. */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_modes.h"
#include "bench_report.h"
#include "bench_results.h"
#include "bench_roofline.h"
#include "commands.h"
#include "options.h"

#define MAX_PROCESSES 9

typedef struct bench_options {
    const char *stages, *isas, *sizes, *filter;
    int repetitions, processes, processes_given;
    double min_time, tolerance_pct;
    const char *out, *in, *report, *baseline, *compare_new;
    int list_only;
    gfx_compare_rule rule;
    bench_roofline_options roof;
} bench_options;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: glyphfx bench [filters] [--out FILE.json] [--report FILE.html|FILE.svg]\n"
            "       glyphfx bench --compare BASELINE.json [NEW.json] [--tolerance PCT]\n"
            "       glyphfx bench --in RESULTS.json [--report FILE.html|FILE.svg]\n"
            "       glyphfx bench --count ...  counts under valgrind (--count --help)\n"
            "       glyphfx bench --ab BUILD_DIR ...  A/B timing (--ab --help)\n"
            "Runs every stage per ISA level and frame size (stage/isa/size) on one core and\n"
            "prints ms per frame against the stage's budget and the in-run memcpy bound.\n"
            "  --stage LIST      comma-separated stages (blit,bloom,...; see --list)\n"
            "                    fx_EFFECT: one effect alone on the 1080p md grid (render,\n"
            "                    or step + render for simulations), one stage per effect;\n"
            "                    fx_all: all of them. Only chosen by --stage (or --filter),\n"
            "                    not in the default run: --stage fx_all --list names them\n"
            "  --isa LIST        comma-separated ISA levels (scalar,sse41,avx2,avx512,neon)\n"
            "  --size LIST       comma-separated sizes (540p,720p,1080p,2160p or profile names)\n"
            "  --filter REGEX    a raw Google Benchmark filter instead of the three above\n"
            "  --list            print the names of the benchmarks the filters select\n"
            "  --repetitions N   runs per benchmark, medians reported (default 5)\n"
            "  --min-time S      seconds per run (default 0.1)\n"
            "  --processes N     run everything in N processes, keeping per benchmark the\n"
            "                    process with the fastest repetition (default 1; 3 for a\n"
            "                    fresh run against --compare's baseline)\n"
            "  --out FILE.json   keep the results (Google Benchmark JSON with glyphfx context)\n"
            "  --in FILE.json    read results instead of running\n"
            "  --report FILE     draw the results (.html with a table, or .svg)\n"
            "  --scaling         also time glyphfx render --null --quality production with\n"
            "                    1..all cores' workers (fps, speed-up, efficiency)\n"
            "  --scaling-duration S  seconds of video per scaling render (default 10)\n"
            "  --compare BASE [NEW]  per benchmark old, new, change; exit 1 if a stage got\n"
            "                    slower beyond tolerance (NEW omitted: run BASE's set now)\n"
            "  --tolerance PCT   the least change of the fastest repetition that counts\n"
            "                    (default 50; raised to 2x the runs' coefficients of\n"
            "                    variation where those are larger)\n");
}

/* ------------------------------------------------------------ filters */

/* The per-effect stages (fx_<effect>/c/1080p), one per registered effect:
 * chosen by name or all at once with --stage fx_all, never by default, so
 * that the default run keeps its length as effects are added. */
#define FX_PREFIX "fx_"
#define FX_ALL FX_PREFIX "all"
/* A stage name that is not fx_*, as a POSIX extended regex. */
#define NOT_FX_STAGE "([^f/][^/]*|f[^x/][^/]*|fx[^_/][^/]*|fx?)"

static int is_fx_stage(const char *stage)
{
    return !strncmp(stage, FX_PREFIX, strlen(FX_PREFIX));
}

/* Checks each comma-separated item of `list` is a `part` (0 stage, 1 isa,
 * 2 size) of some stage benchmark, and appends "a|b|c" to regex; the stage
 * fx_all stands for every fx_ stage. */
static int filter_part(const gfx_name_list *names, const char *option, const char *list, int part,
                       char *regex, size_t size)
{
    char items[1024];
    snprintf(items, sizeof items, "%s", list);
    strncat(regex, "(", size - strlen(regex) - 1);
    int first = 1;
    for (char *item = strtok(items, ","); item; item = strtok(NULL, ",")) {
        if (part == 0 && !strcmp(item, FX_ALL)) {
            strncat(regex, first ? "" : "|", size - strlen(regex) - 1);
            strncat(regex, FX_PREFIX "[^/]+", size - strlen(regex) - 1);
            first = 0;
            continue;
        }
        int found = 0;
        for (int i = 0; i < names->n && !found; i++) {
            char p[3][64];
            gfx_bench_name_split(names->names[i], p[0], p[1], p[2], sizeof p[0]);
            found = !gfx_bench_is_reference(names->names[i]) && !strcmp(p[part], item);
        }
        if (!found) {
            fprintf(stderr, "glyphfx bench: %s %s: unknown; expected one of:", option, item);
            char seen[2048] = "";
            for (int i = 0; i < names->n; i++) {
                char p[3][64], word[70];
                gfx_bench_name_split(names->names[i], p[0], p[1], p[2], sizeof p[0]);
                snprintf(word, sizeof word, " %s ", p[part]);
                if (!gfx_bench_is_reference(names->names[i]) && !is_fx_stage(p[0]) &&
                    !strstr(seen, word)) {
                    strncat(seen, word, sizeof seen - strlen(seen) - 1);
                    fprintf(stderr, " %s", p[part]);
                }
            }
            fprintf(stderr, part == 0 ? " " FX_ALL " (or " FX_PREFIX "EFFECT)\n" : "\n");
            return -1;
        }
        strncat(regex, first ? "" : "|", size - strlen(regex) - 1);
        strncat(regex, item, size - strlen(regex) - 1);
        first = 0;
    }
    strncat(regex, ")", size - strlen(regex) - 1);
    return 0;
}

/* Size names may be profile names: "production" means 1080p. */
static void sizes_to_labels(const char *list, char *out, size_t size)
{
    static const char *const profiles[][2] = {
        {"draft", "540p"}, {"preview", "720p"}, {"production", "1080p"}, {"max", "2160p"}};
    char items[1024];
    snprintf(items, sizeof items, "%s", list);
    out[0] = 0;
    for (char *item = strtok(items, ","); item; item = strtok(NULL, ",")) {
        for (size_t p = 0; p < sizeof profiles / sizeof profiles[0]; p++)
            if (!strcmp(item, profiles[p][0]))
                item = (char *)profiles[p][1];
        strncat(out, *out ? "," : "", size - strlen(out) - 1);
        strncat(out, item, size - strlen(out) - 1);
    }
}

static int build_filter(const bench_options *o, const gfx_name_list *names, char *regex,
                        size_t size)
{
    if (o->filter) {
        snprintf(regex, size, "%s", o->filter);
        return 0;
    }
    regex[0] = 0;
    char sizes[1024] = "";
    if (o->sizes)
        sizes_to_labels(o->sizes, sizes, sizeof sizes);
    const char *option[3] = {"--stage", "--isa", "--size"};
    const char *list[3] = {o->stages, o->isas, o->sizes ? sizes : NULL};
    strncat(regex, "^", size - 1);
    for (int part = 0; part < 3; part++) {
        strncat(regex, part ? "/" : "", size - strlen(regex) - 1);
        if (!list[part])
            strncat(regex, part ? "[^/]+" : NOT_FX_STAGE, size - strlen(regex) - 1);
        else if (filter_part(names, option[part], list[part], part, regex, size))
            return -1;
    }
    strncat(regex, "$", size - strlen(regex) - 1);
    return 0;
}

/* "^(a|b|c)$" for exactly the benchmarks of a results file. */
static char *filter_for(const gfx_bench_results *r)
{
    size_t size = 8;
    for (int i = 0; i < r->count; i++)
        size += strlen(r->entries[i].name) + 1;
    char *regex = malloc(size);
    if (!regex)
        return NULL;
    strcpy(regex, "^(");
    for (int i = 0; i < r->count; i++) {
        strcat(regex, i ? "|" : "");
        strcat(regex, r->entries[i].name);
    }
    strcat(regex, ")$");
    return regex;
}

/* ------------------------------------------------------------ running */

static int list_matching(const char *binary, const char *regex)
{
    char filter_arg[4200];
    snprintf(filter_arg, sizeof filter_arg, "--benchmark_filter=%s", *regex ? regex : ".");
    char *argv[] = {(char *)binary, "--benchmark_list_tests=true", filter_arg, NULL};
    return gfx_run(argv, 1) ? 1 : 0;
}

/* Runs the benchmarks matching regex into results_path (JSON). */
static int run_benchmarks(const char *binary, const char *regex, int repetitions, double min_time,
                          const char *results_path)
{
    char *filter_arg = malloc(strlen(regex) + 32);
    char out_arg[PATH_MAX + 32], reps_arg[64], time_arg[64];
    if (!filter_arg)
        return -1;
    sprintf(filter_arg, "--benchmark_filter=%s", *regex ? regex : ".");
    snprintf(out_arg, sizeof out_arg, "--benchmark_out=%s", results_path);
    snprintf(reps_arg, sizeof reps_arg, "--benchmark_repetitions=%d", repetitions);
    snprintf(time_arg, sizeof time_arg, "--benchmark_min_time=%g", min_time);
    char *argv[] = {(char *)binary,
                    filter_arg,
                    out_arg,
                    "--benchmark_out_format=json",
                    reps_arg,
                    time_arg,
                    repetitions > 1 ? "--benchmark_report_aggregates_only=true" : NULL,
                    NULL};
    int rc = gfx_run(argv, 0);
    free(filter_arg);
    return rc;
}

/* Runs the selection in `processes` separate processes into `out` (or a
 * temporary file), merged by gfx_bench_merge_runs, and loads the results.
 * The file appears under its name only when every run completed. */
static int run_and_load(const bench_options *o, const char *binary, const char *regex,
                        int repetitions, gfx_bench_results *r)
{
    const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char runs[MAX_PROCESSES][PATH_MAX], merged[PATH_MAX];
    const char *run_paths[MAX_PROCESSES];
    int rc = 0, done = 0;
    for (; done < o->processes && rc == 0; done++) {
        snprintf(runs[done], sizeof runs[done], "%s/glyphfx-bench-%ld-%d.json", dir, (long)getpid(),
                 done);
        run_paths[done] = runs[done];
        rc = run_benchmarks(binary, regex, repetitions, o->min_time, runs[done]);
    }
    snprintf(merged, sizeof merged, "%s/glyphfx-bench-%ld.json", dir, (long)getpid());
    const char *final = o->out ? o->out : merged;
    char err[1024];
    if (rc == 0 && gfx_bench_merge_runs(run_paths, o->processes, final, err, sizeof err)) {
        fprintf(stderr, "glyphfx bench: %s\n", err);
        rc = -1;
    }
    /* this machine's bandwidths, each stage's share of its roofline, scaling */
    if (rc == 0 && bench_roofline_annotate(final, &o->roof, err, sizeof err)) {
        fprintf(stderr, "glyphfx bench: %s\n", err);
        rc = -1;
    }
    if (rc == 0 && gfx_bench_results_load(r, final, err, sizeof err)) {
        fprintf(stderr, "glyphfx bench: %s\n", err);
        rc = -1;
    }
    for (int i = 0; i < done; i++)
        unlink(runs[i]);
    unlink(merged);
    return rc;
}

/* ------------------------------------------------------------ printing */

static void print_summary(const gfx_bench_results *r)
{
    printf("%-40s %9s %9s %8s %12s %8s  %s\n", "benchmark", "ms/frame", "GB/s", "budget",
           "budget used", "x memcpy", "note");
    int over = 0, within = 0;
    for (int i = 0; i < r->count; i++) {
        const gfx_bench_entry *e = &r->entries[i];
        if (e->skipped) {
            printf("%-40s skipped: %s\n", e->name, e->error ? e->error : "");
            continue;
        }
        printf("%-40s %9.3f", e->name, e->ms);
        if (e->gbps > 0)
            printf(" %9.1f", e->gbps);
        else
            printf(" %9s", "");
        if (e->budget_ms > 0) {
            printf(" %8.2f %5.0f%% %-6s", e->budget_ms, 100 * e->budget_used,
                   e->budget_used > 1 ? "OVER" : "within");
            over += e->budget_used > 1;
            within += e->budget_used <= 1;
        } else {
            printf(" %8s %12s", "", "");
        }
        if (e->x_memcpy > 0)
            printf(" %8.2f", e->x_memcpy);
        else
            printf(" %8s", "");
        printf("  %s\n", e->label);
    }
    printf("%d within budget, %d over; x memcpy: against a warm memcpy of one frame "
           "measured just before each stage\n",
           within, over);
}

static const char *verdict_name(enum gfx_verdict v)
{
    switch (v) {
    case GFX_FASTER: return "faster";
    case GFX_SLOWER: return "SLOWER";
    case GFX_SAME: return "same";
    default: return "n/a";
    }
}

/* Prints old, new, change per benchmark; returns the number of stages
 * (reference measurements aside) that got slower, or -1 after a line when
 * the gate cannot judge: a benchmark that ran in both has no positive time,
 * or nothing was compared at all. */
static int compare(const gfx_bench_results *old_r, const gfx_bench_results *new_r,
                   const gfx_compare_rule *rule)
{
    printf("old: %s (%s, commit %s)\nnew: %s (%s, commit %s)\n", old_r->path, old_r->cpu_model,
           old_r->commit, new_r->path, new_r->cpu_model, new_r->commit);
    printf("%-40s %9s %9s %8s %9s  %s\n", "benchmark", "old min", "new min", "change", "tolerance",
           "verdict");
    int count[4] = {0}, n_unusable = 0;
    const gfx_bench_entry *unusable = NULL; /* ran in both, but without a time */
    double unusable_new = 0;
    for (int i = 0; i < old_r->count; i++) {
        const gfx_bench_entry *o = &old_r->entries[i];
        const gfx_bench_entry *n = gfx_bench_results_find(new_r, o->name);
        double tol;
        enum gfx_verdict v = gfx_bench_verdict(o, n, rule, &tol);
        if (!o->skipped && !n->skipped && !(o->min_ms > 0 && n->min_ms > 0) && n_unusable++ == 0)
            unusable = o, unusable_new = n->min_ms;
        int reference = gfx_bench_is_reference(o->name);
        if (!reference)
            count[v]++;
        if (v == GFX_NOT_COMPARED) {
            printf("%-40s %9s %9s %8s %9s  n/a (skipped)\n", o->name, "", "", "", "");
            continue;
        }
        printf("%-40s %9.3f %9.3f %+7.1f%% %8.0f%%  %s%s\n", o->name, o->min_ms, n->min_ms,
               100 * (gfx_bench_ratio(o, n) - 1), 100 * tol, verdict_name(v),
               reference ? " (reference, not judged)" : "");
    }
    printf("%d slower, %d faster, %d the same, %d not compared (fastest repetition's CPU time, "
           "the change both plainly and over its run's memcpy of a frame agree on; tolerance "
           "max(%.0f%%, %.0fx the "
           "runs' cv))\n",
           count[GFX_SLOWER], count[GFX_FASTER], count[GFX_SAME], count[GFX_NOT_COMPARED],
           100 * rule->floor, rule->cv_factor);
    if (unusable) {
        fprintf(stderr,
                "glyphfx bench: %s: no usable time (%g ms in %s, %g ms in %s)%s; expected a "
                "positive CPU time for every benchmark that ran\n",
                unusable->name, unusable->min_ms, old_r->path, unusable_new, new_r->path,
                n_unusable > 1 ? " and others" : "");
        return -1;
    }
    if (count[GFX_SLOWER] + count[GFX_FASTER] + count[GFX_SAME] == 0) {
        fprintf(stderr,
                "glyphfx bench: %s and %s: no benchmark compared (all skipped); expected at "
                "least one stage timed in both\n",
                old_r->path, new_r->path);
        return -1;
    }
    return count[GFX_SLOWER];
}

/* ------------------------------------------------------------ options */

/* --compare BASELINE [NEW]: NEW is the argument right after BASELINE. */
static int compare_new(const char *arg, const gfx_option *after, void *opts, char *err,
                       size_t err_size)
{
    bench_options *o = opts;
    if (!after || strcmp(after->name, "--compare") || o->compare_new) {
        snprintf(err, err_size, "unknown option '%s' (glyphfx bench --help)", arg);
        return -1;
    }
    o->compare_new = arg;
    return 0;
}

#define AT(field) offsetof(bench_options, field)
#define NUMBER(name, field, kind, lo, hi)                                                          \
    {                                                                                              \
        kind(name, AT(field), lo, hi, "%s %s: expected a number from " #lo " to " #hi),            \
            .missing = "%s (missing): expected a number from " #lo " to " #hi                      \
    }

static const gfx_option options[] = {
    {GFX_OPT_STRING_("--stage", NULL, AT(stages))},
    {GFX_OPT_STRING_("--isa", NULL, AT(isas))},
    {GFX_OPT_STRING_("--size", NULL, AT(sizes))},
    {GFX_OPT_STRING_("--filter", NULL, AT(filter))},
    {GFX_OPT_STRING_("--out", NULL, AT(out))},
    {GFX_OPT_STRING_("--in", NULL, AT(in))},
    {GFX_OPT_STRING_("--report", NULL, AT(report))},
    {GFX_OPT_STRING_("--compare", NULL, AT(baseline)),
     .missing = "%s needs a baseline results file"},
    NUMBER("--repetitions", repetitions, GFX_OPT_INT_, 1, 100),
    NUMBER("--processes", processes, GFX_OPT_INT_, 1, 9),
    NUMBER("--min-time", min_time, GFX_OPT_DOUBLE_, 0.001, 60),
    NUMBER("--tolerance", tolerance_pct, GFX_OPT_DOUBLE_, 0, 1000),
    {GFX_OPT_FLAG_("--list", NULL, AT(list_only))},
    {GFX_OPT_FLAG_("--scaling", NULL, AT(roof.scaling))},
    NUMBER("--scaling-duration", roof.scaling_duration, GFX_OPT_DOUBLE_, 0.5, 600),
};

static int parse_options(int argc, char **argv, bench_options *o)
{
    static const gfx_command_line cl = {
        .prog = "glyphfx bench",
        .options = options,
        .n_options = sizeof options / sizeof *options,
        .unknown = "unknown option '%s' (glyphfx bench --help)",
        .missing = "%s needs a value",
        .positional = compare_new,
    };
    _Static_assert(MAX_PROCESSES == 9, "--processes' range in the option table");
    *o = (bench_options){.repetitions = 5,
                         .min_time = 0.1,
                         .tolerance_pct = 50,
                         .rule = {0, 2.0},
                         .roof = {.scaling_duration = 10, .scaling_rounds = 2}};
    int rc = gfx_options_parse(&cl, argc, argv, o);
    if (rc == GFX_OPTIONS_HELP)
        usage(stdout);
    o->processes_given = o->processes > 0;
    o->processes = o->processes_given ? o->processes : 1;
    o->rule.floor = o->tolerance_pct / 100;
    return rc;
}

static int load_or_complain(gfx_bench_results *r, const char *path)
{
    char err[1024];
    if (gfx_bench_results_load(r, path, err, sizeof err)) {
        fprintf(stderr, "glyphfx bench: %s\n", err);
        return -1;
    }
    return 0;
}

static int write_report(const bench_options *o, const gfx_bench_results *r)
{
    char err[1024];
    if (!o->report)
        return 0;
    if (gfx_bench_report_write(r, o->report, err, sizeof err)) {
        fprintf(stderr, "glyphfx bench: %s\n", err);
        return 2;
    }
    printf("report: %s\n", o->report);
    return 0;
}

/* --compare: both from files, or the baseline's set run now. */
static int run_compare(const bench_options *o)
{
    gfx_bench_results old_r, new_r;
    if (load_or_complain(&old_r, o->baseline))
        return 2;
    int rc = 0;
    if (o->compare_new || o->in) {
        rc = load_or_complain(&new_r, o->compare_new ? o->compare_new : o->in) ? 2 : 0;
    } else {
        char binary[PATH_MAX];
        char *regex = filter_for(&old_r);
        int reps = old_r.entries[0].repetitions > 0 ? old_r.entries[0].repetitions : 1;
        bench_options fresh = *o;
        fresh.processes = o->processes_given ? o->processes : 3;
        rc = !regex || gfx_bench_binary_at(NULL, binary, sizeof binary) ||
                     run_and_load(&fresh, binary, regex, reps, &new_r)
                 ? 1
                 : 0;
        free(regex);
    }
    if (rc) {
        gfx_bench_results_free(&old_r);
        return rc;
    }
    char err[1024];
    if (gfx_bench_same_set(&old_r, &new_r, err, sizeof err)) {
        fprintf(stderr, "glyphfx bench: %s\n", err);
        rc = 2;
    } else {
        int slower = compare(&old_r, &new_r, &o->rule);
        rc = slower < 0 ? 2 : slower ? 1 : 0;
        int report_rc = write_report(o, &new_r);
        rc = report_rc ? report_rc : rc;
    }
    gfx_bench_results_free(&old_r);
    gfx_bench_results_free(&new_r);
    return rc;
}

int cmd_bench(int argc, char **argv)
{
    /* --count (valgrind) and --ab (two builds) are modes with their own options */
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--count") || !strcmp(argv[i], "--ab"))
            return argv[i][2] == 'c' ? cmd_bench_count(argc, argv) : cmd_bench_ab(argc, argv);
    bench_options o;
    int rc = parse_options(argc, argv, &o);
    if (rc)
        return rc == 1 ? 0 : rc;
    if (o.baseline)
        return run_compare(&o);
    gfx_bench_results r;
    if (o.in) {
        if (load_or_complain(&r, o.in))
            return 2;
    } else {
        char binary[PATH_MAX], regex[4096];
        gfx_name_list names;
        if (gfx_bench_binary_at(NULL, binary, sizeof binary) || gfx_name_list_read(binary, &names))
            return 1;
        int bad = build_filter(&o, &names, regex, sizeof regex);
        gfx_name_list_free(&names);
        if (bad)
            return 2;
        if (o.list_only)
            return list_matching(binary, regex);
        if (run_and_load(&o, binary, regex, o.repetitions, &r))
            return 1;
    }
    print_summary(&r);
    bench_roofline_print(&r);
    rc = write_report(&o, &r);
    gfx_bench_results_free(&r);
    return rc;
}
