/* Benchmark results files (Google Benchmark JSON from glyphfx_bench, schema
 * "glyphfx_schema": "1" in its context): loading, the per-benchmark figures,
 * and the regression verdict `glyphfx bench --compare` gives. */
#ifndef GFX_BENCH_RESULTS_H
#define GFX_BENCH_RESULTS_H

#include <stddef.h>

#define GFX_BENCH_SCHEMA "1"

typedef struct gfx_bench_entry {
    const char *name;  /* stage/isa/size */
    int skipped;       /* the run reported an error (ISA missing...) */
    const char *error; /* its message, or NULL */
    double ms;         /* median CPU ms per frame (the single run without repetitions) */
    double min_ms;     /* the fastest repetition's (= ms when there is no "min") */
    double cv;         /* coefficient of variation of the repetitions; 0 if one run */
    int repetitions;
    double gbps, budget_ms, budget_used, seed_budget_used, memcpy_ms, x_memcpy; /* 0 if absent */
    const char *label;                                                          /* "" if none */
} gfx_bench_entry;

typedef struct gfx_bench_results {
    char path[1024];
    void *json; /* the parsed document; entries point into it */
    gfx_bench_entry *entries;
    int count;
    const char *cpu_model, *topology, *isa_best, *version, *commit; /* "" if absent */
} gfx_bench_results;

/* Loads a results file. Returns 0, or -1 with one line in err naming the
 * file and what is wrong (missing, not JSON, another schema, no benchmarks). */
int gfx_bench_results_load(gfx_bench_results *r, const char *path, char *err, size_t err_size);
void gfx_bench_results_free(gfx_bench_results *r);
const gfx_bench_entry *gfx_bench_results_find(const gfx_bench_results *r, const char *name);

/* Splits "stage/isa/size" into its parts (each buffer gets "" if missing). */
void gfx_bench_name_split(const char *name, char *stage, char *isa, char *size, size_t part_size);
/* Reference measurements (memcpy, canvas format), not stages held to a budget. */
int gfx_bench_is_reference(const char *name);

/* Merges the results of the same benchmarks run in n separate processes
 * into out_path: each benchmark's entries come from the process whose
 * fastest repetition was fastest (a process can land in a slow state as a
 * whole: memory placement, a neighbour's burst), and the context records
 * "glyphfx_processes". Returns 0, or -1 with one line in err. */
int gfx_bench_merge_runs(const char *const *paths, int n, const char *out_path, char *err,
                         size_t err_size);

enum gfx_verdict { GFX_SAME, GFX_FASTER, GFX_SLOWER, GFX_NOT_COMPARED };

/* How compare decides, on the fastest repetition (noise on a shared
 * machine only adds time, so the minimum is the most repeatable figure): a
 * benchmark is slower when gfx_bench_ratio exceeds 1 + max(floor, cv_factor *
 * (cv_old + cv_new)), faster when its inverse does. */
typedef struct gfx_compare_rule {
    double floor;     /* 0.5 by default: see README "Comparing results" for the runs behind it */
    double cv_factor; /* 2 */
} gfx_compare_rule;

/* new/old of the fastest repetitions, as the change both readings agree
 * on where both runs measured a memcpy of one frame: the plain ratio and
 * the ratio of each time over its own run's memcpy. The same machine runs
 * at different speeds from one day (or neighbour) to the next, but its
 * memory and its cores need not change together: a host whose memory got
 * 1.5x faster makes a compute-bound stage look 1.5x slower over memcpy,
 * one whose cores slowed makes it look slower plainly. When both readings
 * say slower the smaller slowdown is returned, when both say faster the
 * smaller speedup, and 1 when they disagree. */
double gfx_bench_ratio(const gfx_bench_entry *old_e, const gfx_bench_entry *new_e);

enum gfx_verdict gfx_bench_verdict(const gfx_bench_entry *old_e, const gfx_bench_entry *new_e,
                                   const gfx_compare_rule *rule, double *tolerance);

/* Both files must hold the same set of benchmark names. Returns 0, or -1
 * with one line in err saying how many differ and naming the first. */
int gfx_bench_same_set(const gfx_bench_results *a, const gfx_bench_results *b, char *err,
                       size_t err_size);

#endif
