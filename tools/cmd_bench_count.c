/* glyphfx bench --count: each stage's instructions and simulated cache
 * misses under valgrind, per ISA level valgrind runs, and the counting gate
 * (--compare) that flags a change of 3% or more either way.
 *
 * How it counts: one valgrind process (callgrind with its cache simulator,
 * fixed cache sizes, so nothing depends on this CPU's caches) per
 * benchmark runs one iteration of it (--benchmark_min_time of a
 * nanosecond), twice (two repetitions), and the second is counted.
 * Collection is on only inside glyphfx_bench_iteration, the function each
 * timed iteration of the bench runs in, and callgrind writes a part file
 * after it returns: exactly the stage, without the process's start-up, the
 * fixture or Google Benchmark. The
 * counts are the same on every x86-64 machine with AVX2: valgrind presents
 * the same CPU to the program on all of them (no AVX-512, so avx512 is not
 * counted), each ISA level is forced by name, and the cache geometry is
 * fixed here. Cachegrind itself (valgrind 3.19) cannot count a region, only
 * whole processes; callgrind's simulator is the same. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "glyphfx_commit.h"
#include "bench_count.h"
#include "bench_modes.h"
#include "bench_results.h"

#define MAX_JOBS 8
#define CACHES "--I1=32768,8,64", "--D1=32768,8,64", "--LL=8388608,16,64"
#define CACHES_TEXT "I1 32 KiB 8-way, D1 32 KiB 8-way, LL 8 MiB 16-way, 64-byte lines"
#define DEFAULT_ISAS "scalar,sse41,avx2,c"
#define DEFAULT_SIZES "540p"

typedef struct count_options {
    const char *stages, *isas, *sizes, *out, *baseline, *compare_new, *keep;
    double threshold;
    int jobs;
} count_options;

static void usage(FILE *out)
{
    fprintf(
        out,
        "usage: glyphfx bench --count [--stage LIST] [--isa LIST] [--size LIST] [--out FILE]\n"
        "       glyphfx bench --count --compare BASELINE.json [NEW.json] [--threshold PCT]\n"
        "Counts one (warm) iteration of each stage under valgrind (callgrind's cache simulator,\n"
        "fixed caches: " CACHES_TEXT "):\n"
        "instructions (Ir), D1 and LL misses, and est_cycles = Ir + 10 x L1 misses +\n"
        "100 x LL misses. The counts are exact and the same on any x86-64 with AVX2.\n"
        "  --stage LIST      stages (default: every stage; memcpy and format_ are not counted,\n"
        "                    nor the per-effect fx_ stages unless named)\n"
        "  --isa LIST        levels (default " DEFAULT_ISAS "; c = the plain-C stages;\n"
        "                    avx512 cannot run under valgrind, neon is SIMDe emulation)\n"
        "  --size LIST       sizes (default " DEFAULT_SIZES "; counts scale with pixels)\n"
        "  --jobs N          valgrind processes at once (default 2, 1 on one CPU)\n"
        "  --out FILE.json   write the counts (with --compare: the new counts; naming the\n"
        "                    baseline itself re-records it)\n"
        "  --compare BASE [NEW]  per stage old, new, change; exit 1 if Ir or est_cycles of\n"
        "                    any stage moved by the threshold or more, up or down (NEW\n"
        "                    omitted: count BASE's set now)\n"
        "  --threshold PCT   the change that counts (default 3)\n"
        "  --keep DIR        keep valgrind's output files there\n");
}

static int parse(int argc, char **argv, count_options *o)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    *o = (count_options){.threshold = 0.03, .jobs = cpus > 1 ? 2 : 1};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        const char **target = !strcmp(a, "--stage")  ? &o->stages
                              : !strcmp(a, "--isa")  ? &o->isas
                              : !strcmp(a, "--size") ? &o->sizes
                              : !strcmp(a, "--out")  ? &o->out
                              : !strcmp(a, "--keep") ? &o->keep
                                                     : NULL;
        if (!strcmp(a, "--count"))
            continue;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 1;
        }
        if (!v && (target || !strcmp(a, "--compare") || !strcmp(a, "--threshold") ||
                   !strcmp(a, "--jobs"))) {
            fprintf(stderr, "glyphfx bench --count: %s needs a value\n", a);
            return 2;
        }
        if (target) {
            *target = argv[++i];
        } else if (!strcmp(a, "--compare")) {
            o->baseline = argv[++i];
            if (i + 1 < argc && argv[i + 1][0] != '-')
                o->compare_new = argv[++i];
        } else if (!strcmp(a, "--threshold") || !strcmp(a, "--jobs")) {
            char *end;
            double x = strtod(v, &end);
            int jobs = !strcmp(a, "--jobs");
            if (end == v || *end ||
                (jobs ? x < 1 || x > MAX_JOBS || x != (int)x : x <= 0 || x > 100)) {
                fprintf(stderr, "glyphfx bench --count: %s %s: expected %s\n", a, v,
                        jobs ? "a whole number from 1 to 8" : "a percentage above 0, up to 100");
                return 2;
            }
            if (jobs)
                o->jobs = (int)x;
            else
                o->threshold = x / 100;
            i++;
        } else {
            fprintf(stderr,
                    "glyphfx bench --count: unknown option '%s' (glyphfx bench --count --help)\n",
                    a);
            return 2;
        }
    }
    return 0;
}

/* ------------------------------------------------------------ selection */

/* The benchmarks to count: the binary's stage benchmarks filtered by the
 * options (or the baseline's names), ISA levels valgrind cannot run left
 * out with a note. */
static int select_names(const count_options *o, const gfx_count_set *base, const char *binary,
                        gfx_name_list *chosen)
{
    gfx_name_list all;
    memset(chosen, 0, sizeof *chosen);
    if (gfx_name_list_read(binary, &all))
        return -1;
    const char *isas = o->isas ? o->isas : DEFAULT_ISAS;
    const char *sizes = o->sizes ? o->sizes : DEFAULT_SIZES;
    if (!o->isas || gfx_in_list(isas, "avx512"))
        printf(
            "avx512: not counted (valgrind cannot run AVX-512 code; the timing gate covers it)\n");
    if (gfx_in_list(isas, "neon"))
        printf("neon: not counted (on x86 it is SIMDe's emulation)\n");
    int rc = 0;
    for (int i = 0; i < all.n && !rc; i++) {
        char stage[64], isa[64], size[64];
        gfx_bench_name_split(all.names[i], stage, isa, size, sizeof stage);
        /* against a baseline: its names, narrowed by the options given */
        int want = base ? gfx_count_set_find(base, all.names[i]) != NULL &&
                              (!o->stages || gfx_in_list(o->stages, stage)) &&
                              (!o->isas || gfx_in_list(isas, isa)) &&
                              (!o->sizes || gfx_in_list(sizes, size))
                        : !gfx_bench_is_reference(all.names[i]) &&
                              (o->stages ? gfx_in_list(o->stages, stage)
                                         : strncmp(stage, "fx_", 3) != 0) &&
                              gfx_in_list(isas, isa) && gfx_in_list(sizes, size);
        if (want && (strcmp(isa, "avx512") && strcmp(isa, "neon")))
            rc = gfx_name_list_add(chosen, all.names[i]);
    }
    gfx_name_list_free(&all);
    if (!rc && chosen->n == 0) {
        fprintf(stderr,
                "glyphfx bench --count: no benchmark matches (stages %s, isa %s, size %s); see "
                "glyphfx bench --list\n",
                o->stages ? o->stages : "all", isas, sizes);
        rc = -1;
    }
    if (rc)
        gfx_name_list_free(chosen);
    return rc;
}

/* ------------------------------------------------------------ running */

typedef struct group {
    char base[1024]; /* DIR/gN: .out (parts .out.K), .json, .log, .txt */
    int pid;
} group;

static int start_group(group *g, const char *binary, const char *regex)
{
    char out_arg[PATH_MAX + 32], log_arg[PATH_MAX + 32], json_arg[PATH_MAX + 32], txt[PATH_MAX + 8];
    char *filter_arg = malloc(strlen(regex) + 32);
    if (!filter_arg)
        return -1;
    sprintf(filter_arg, "--benchmark_filter=%s", regex);
    snprintf(out_arg, sizeof out_arg, "--callgrind-out-file=%.1000s.out", g->base);
    snprintf(log_arg, sizeof log_arg, "--log-file=%.1000s.log", g->base);
    snprintf(json_arg, sizeof json_arg, "--benchmark_out=%.1000s.json", g->base);
    snprintf(txt, sizeof txt, "%.1000s.txt", g->base);
    const char *valgrind = getenv("VALGRIND") ? getenv("VALGRIND") : "valgrind";
    char *argv[] = {(char *)valgrind,
                    "--tool=callgrind",
                    "--cache-sim=yes",
                    CACHES,
                    "--collect-atstart=no",
                    "--toggle-collect=glyphfx_bench_iteration",
                    "--dump-after=glyphfx_bench_iteration",
                    out_arg,
                    log_arg,
                    (char *)binary,
                    filter_arg,
                    "--benchmark_min_time=0.000000001", /* one iteration */
                    "--benchmark_repetitions=2",
                    json_arg,
                    "--benchmark_out_format=json",
                    NULL};
    g->pid = gfx_spawn(argv, txt);
    free(filter_arg);
    return g->pid > 0 ? 0 : -1;
}

/* Reads a finished group, one benchmark run twice (two repetitions of one
 * iteration): Google Benchmark's JSON says whether it ran or was skipped;
 * part file 1 is the first, cold iteration and part 2 the second, the one
 * counted (its caches hold what the stage itself left, not the set-up's
 * leftovers, which vary from run to run by a few percent of the misses). */
static int read_group(const group *g, const char *name, gfx_count_set *out)
{
    char path[PATH_MAX + 32], err[512];
    snprintf(path, sizeof path, "%.1000s.json", g->base);
    char *text = gfx_read_text(path);
    cJSON *doc = text ? cJSON_Parse(text) : NULL;
    free(text);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "benchmarks");
    if (!cJSON_IsArray(list)) {
        fprintf(stderr, "glyphfx bench --count: %s: no benchmark results; see %s.log and %s.txt\n",
                path, g->base, g->base);
        cJSON_Delete(doc);
        return -1;
    }
    gfx_count c = {0};
    snprintf(c.name, sizeof c.name, "%s", name);
    int runs = 0, rc = 0;
    const cJSON *b;
    cJSON_ArrayForEach(b, list)
    {
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(b, "run_type");
        const cJSON *msg = cJSON_GetObjectItemCaseSensitive(b, "error_message");
        const cJSON *iters = cJSON_GetObjectItemCaseSensitive(b, "iterations");
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(b, "error_occurred"))) {
            c.skipped = 1;
            snprintf(c.note, sizeof c.note, "skipped under valgrind: %s",
                     cJSON_IsString(msg) ? msg->valuestring : "");
        } else if (cJSON_IsString(type) && !strcmp(type->valuestring, "iteration")) {
            runs++;
            if (!cJSON_IsNumber(iters) || iters->valuedouble != 1) {
                fprintf(stderr, "glyphfx bench --count: %s ran %g iterations; expected 1\n", name,
                        cJSON_IsNumber(iters) ? iters->valuedouble : 0);
                rc = -1;
            }
        }
    }
    cJSON_Delete(doc);
    if (!c.skipped && !rc) {
        snprintf(path, sizeof path, "%.1000s.out.3", g->base);
        if (runs != 2 || !access(path, F_OK)) {
            fprintf(stderr,
                    "glyphfx bench --count: %s: %d runs%s; expected 2 repetitions of one "
                    "iteration\n",
                    name, runs, runs == 2 ? " but more part files" : "");
            return -1;
        }
        snprintf(path, sizeof path, "%.1000s.out.2", g->base);
        char *counts = gfx_read_text(path);
        if (!counts || gfx_count_parse(counts, &c, err, sizeof err)) {
            fprintf(stderr, "glyphfx bench --count: %s (for %s): %s\n", path, name,
                    counts ? err : "missing");
            rc = -1;
        }
        free(counts);
    }
    return rc || gfx_count_set_add(out, &c) ? -1 : 0;
}

static int finish_group(const group *g)
{
    if (!gfx_wait(g->pid))
        return 0;
    fprintf(stderr, "glyphfx bench --count: valgrind failed; see %s.log and %s.txt\n", g->base,
            g->base);
    return -1;
}

static void remove_dir(const char *dir)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "glyphfx bench --count: could not remove %s\n", dir);
}

static void context(gfx_count_set *s)
{
    snprintf(s->commit, sizeof s->commit, "%s", GLYPHFX_COMMIT);
    snprintf(s->version, sizeof s->version, "%s", GLYPHFX_VERSION);
    snprintf(s->cache, sizeof s->cache, "%s", CACHES_TEXT);
    FILE *p = popen("${VALGRIND:-valgrind} --version 2>/dev/null", "r");
    if (p) {
        if (fgets(s->valgrind, sizeof s->valgrind, p))
            s->valgrind[strcspn(s->valgrind, "\n")] = 0;
        pclose(p);
    }
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512];
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "model name", 10) && strchr(line, ':')) {
            char *v = strchr(line, ':') + 1;
            v += strspn(v, " \t");
            v[strcspn(v, "\n")] = 0;
            snprintf(s->cpu_model, sizeof s->cpu_model, "%s", v);
            break;
        }
    if (f)
        fclose(f);
}

static int count_now(const count_options *o, const gfx_count_set *base, gfx_count_set *out)
{
    char binary[PATH_MAX];
    gfx_name_list names;
    memset(out, 0, sizeof *out);
    if (gfx_bench_binary_at(NULL, binary, sizeof binary) || select_names(o, base, binary, &names))
        return -1;
    if (!out->valgrind[0])
        context(out);
    if (!out->valgrind[0]) {
        fprintf(stderr, "glyphfx bench --count: valgrind is not installed; expected it on the "
                        "PATH (apt-get install valgrind, or run tools/setup.sh as root)\n");
        gfx_name_list_free(&names);
        return -1;
    }
    char dir[PATH_MAX];
    if (o->keep) {
        snprintf(dir, sizeof dir, "%s", o->keep);
        if (mkdir(dir, 0755) && errno != EEXIST) {
            fprintf(stderr, "glyphfx bench --count: --keep %s: %s\n", dir, strerror(errno));
            gfx_name_list_free(&names);
            return -1;
        }
    } else {
        const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
        snprintf(dir, sizeof dir, "%s/glyphfx-count-XXXXXX", tmp);
        if (!mkdtemp(dir)) {
            fprintf(stderr, "glyphfx bench --count: cannot make %s: %s\n", dir, strerror(errno));
            gfx_name_list_free(&names);
            return -1;
        }
    }
    int jobs = o->jobs < names.n ? o->jobs : names.n;
    fprintf(stderr, "glyphfx bench --count: %d benchmarks under valgrind, %d at a time\n", names.n,
            jobs);
    /* One process per benchmark, so that its count does not depend on what
     * else is counted (the simulated caches start from the same set-up);
     * up to `jobs` of them at once, read back in order. */
    group *groups = calloc((size_t)names.n, sizeof *groups);
    int rc = !groups, started = 0, waited = 0;
    while (started < names.n && !rc) {
        if (started - waited >= jobs) {
            rc = finish_group(&groups[waited++]);
            continue;
        }
        char *regex = gfx_names_regex(names.names, started, started + 1);
        snprintf(groups[started].base, sizeof groups[started].base, "%.1000s/b%d", dir, started);
        if (!regex || start_group(&groups[started], binary, regex))
            rc = -1;
        else
            started++;
        free(regex);
    }
    while (waited < started) /* every child is waited for, even after a failure */
        rc |= finish_group(&groups[waited++]);
    for (int j = 0; j < started && !rc; j++)
        rc = read_group(&groups[j], names.names[j], out);
    free(groups);
    gfx_name_list_free(&names);
    if (!o->keep && !rc)
        remove_dir(dir);
    else if (rc)
        fprintf(stderr, "glyphfx bench --count: valgrind's files kept in %s\n", dir);
    return rc;
}

/* ------------------------------------------------------------ printing */

static void print_counts(const gfx_count_set *s)
{
    printf("%-36s %14s %12s %10s %14s\n", "benchmark", "Ir", "D1 misses", "LL misses",
           "est. cycles");
    for (int i = 0; i < s->n; i++) {
        const gfx_count *c = &s->items[i];
        if (c->skipped)
            printf("%-36s %s\n", c->name, c->note);
        else
            printf("%-36s %14llu %12llu %10llu %14llu\n", c->name, c->ir, c->d1_misses,
                   c->ll_misses, c->est_cycles);
    }
    printf("the second iteration of each; est. cycles = Ir + 10 x L1 misses + 100 x LL misses "
           "(simulated: %s)\n",
           s->cache);
}

static int compare(const gfx_count_set *old_s, const gfx_count_set *new_s, double threshold,
                   const char *old_path, const char *new_path)
{
    printf("old: %s (commit %s, %s)\nnew: %s (commit %s, %s)\n", old_path, old_s->commit,
           old_s->valgrind, new_path, new_s->commit, new_s->valgrind);
    printf("%-36s %14s %14s %8s %14s %14s %8s  %s\n", "benchmark", "old Ir", "new Ir", "Ir",
           "old est.cyc", "new est.cyc", "est.cyc", "verdict");
    int n[4] = {0};
    for (int i = 0; i < old_s->n; i++) {
        const gfx_count *o = &old_s->items[i], *c = gfx_count_set_find(new_s, o->name);
        double change;
        enum gfx_count_verdict v = gfx_count_judge(o, c, threshold, &change);
        n[v]++;
        if (v == GFX_COUNT_MISSING) {
            printf("%-36s not compared (%s)\n", o->name,
                   !c           ? "absent from the new counts"
                   : o->skipped ? o->note
                                : c->note);
            continue;
        }
        printf("%-36s %14llu %14llu %+7.2f%% %14llu %14llu %+7.2f%%  %s\n", o->name, o->ir, c->ir,
               100 * ((double)c->ir / (double)o->ir - 1), o->est_cycles, c->est_cycles,
               100 * ((double)c->est_cycles / (double)o->est_cycles - 1),
               v == GFX_COUNT_MORE    ? "MORE"
               : v == GFX_COUNT_FEWER ? "FEWER (faster: re-record the baseline)"
                                      : "same");
    }
    printf(
        "%d more, %d fewer, %d the same (within %.0f%% in Ir and est. cycles), %d not compared\n",
        n[GFX_COUNT_MORE], n[GFX_COUNT_FEWER], n[GFX_COUNT_SAME], 100 * threshold,
        n[GFX_COUNT_MISSING]);
    return n[GFX_COUNT_MORE] + n[GFX_COUNT_FEWER];
}

int cmd_bench_count(int argc, char **argv)
{
    count_options o;
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc == 1 ? 0 : rc;
    char err[1024];
    gfx_count_set base = {0}, now = {0};
    if (o.baseline && gfx_count_set_load(&base, o.baseline, err, sizeof err)) {
        fprintf(stderr, "glyphfx bench --count: %s\n", err);
        return 2;
    }
    if (o.compare_new) {
        if (gfx_count_set_load(&now, o.compare_new, err, sizeof err)) {
            fprintf(stderr, "glyphfx bench --count: %s\n", err);
            gfx_count_set_free(&base);
            return 2;
        }
    } else if (count_now(&o, o.baseline ? &base : NULL, &now)) {
        gfx_count_set_free(&base);
        return 1;
    }
    rc = 0;
    if (!o.baseline)
        print_counts(&now);
    /* a narrowed comparison judges only what was counted */
    if (o.baseline && !o.compare_new && (o.stages || o.isas || o.sizes)) {
        int kept = 0;
        for (int i = 0; i < base.n; i++)
            if (gfx_count_set_find(&now, base.items[i].name))
                base.items[kept++] = base.items[i];
        base.n = kept;
    }
    if (o.out && !o.compare_new) {
        if (gfx_count_set_write(&now, o.out, err, sizeof err)) {
            fprintf(stderr, "glyphfx bench --count: %s\n", err);
            rc = 1;
        } else {
            printf("counts: %s\n", o.out);
        }
    }
    if (o.baseline && compare(&base, &now, o.threshold, o.baseline,
                              o.compare_new ? o.compare_new : "(counted now)")) {
        if (o.out && !strcmp(o.out, o.baseline) && !rc) {
            printf("baseline re-recorded: %s (commit it)\n", o.baseline);
        } else {
            printf("a stage's count moved by %.0f%% or more. If that is intended (a faster "
                   "kernel too), re-record the baseline and commit it:\n  glyphfx bench --count "
                   "--compare %s --out %s\n",
                   100 * o.threshold, o.baseline, o.baseline);
            rc = rc ? rc : 1;
        }
    }
    gfx_count_set_free(&base);
    gfx_count_set_free(&now);
    return rc;
}
