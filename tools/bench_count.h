/* Instruction and simulated-cache counts of the benchmark stages (`glyphfx
 * bench --count`): parsing valgrind's output, the counts file, and the rule
 * the counting gate applies. No valgrind or timing here, so
 * tests/test_bench_count.c checks all of it on canned files.
 *
 * Estimated cycles, the figure the gate judges with Ir:
 *   est_cycles = Ir + 10 * (I1mr + D1mr + D1mw) + 100 * (ILmr + DLmr + DLmw)
 * (the weights of KCachegrind's "cycle estimation": an L1 miss that hits
 * the last level costs about 10 cycles, a last-level miss about 100). */
#ifndef GFX_BENCH_COUNT_H
#define GFX_BENCH_COUNT_H

#include <stddef.h>

#define GFX_COUNT_SCHEMA "1"

typedef struct gfx_count {
    char name[96];                 /* stage/isa/size */
    unsigned long long ir;         /* instructions executed */
    unsigned long long dr, dw;     /* data reads, writes */
    unsigned long long i1_misses;  /* I1mr */
    unsigned long long d1_misses;  /* D1mr + D1mw */
    unsigned long long ll_misses;  /* ILmr + DLmr + DLmw */
    unsigned long long est_cycles; /* see above */
    int skipped;                   /* did not run (an ISA valgrind or the CPU lacks) */
    char note[160];                /* why it was skipped, or "" */
} gfx_count;

/* Reads the counts of one cachegrind or callgrind output file's text: the
 * "events:" line names the columns and "summary:" (or callgrind's
 * "totals:") holds them; missing trailing columns are 0. Returns 0, or -1
 * with one line in err. */
int gfx_count_parse(const char *text, gfx_count *c, char *err, size_t err_size);
unsigned long long gfx_count_est_cycles(const gfx_count *c);

typedef struct gfx_count_set {
    gfx_count *items;
    int n, cap;
    char commit[64], version[32], valgrind[64], cache[128], cpu_model[128];
} gfx_count_set;

int gfx_count_set_add(gfx_count_set *s, const gfx_count *c);
const gfx_count *gfx_count_set_find(const gfx_count_set *s, const char *name);
void gfx_count_set_free(gfx_count_set *s);
/* The counts file: {"context": {...}, "counts": [{"name", "Ir", ...}]}. */
int gfx_count_set_write(const gfx_count_set *s, const char *path, char *err, size_t err_size);
int gfx_count_set_load(gfx_count_set *s, const char *path, char *err, size_t err_size);

enum gfx_count_verdict { GFX_COUNT_SAME, GFX_COUNT_MORE, GFX_COUNT_FEWER, GFX_COUNT_MISSING };

/* The gate's rule: a stage changed when its Ir or its est_cycles moved by
 * threshold (0.03) or more, up or down; *change is the larger relative
 * move of the two, signed (+0.05 = 5% more). A stage skipped or absent on
 * either side is MISSING. */
enum gfx_count_verdict gfx_count_judge(const gfx_count *old_c, const gfx_count *new_c,
                                       double threshold, double *change);

#endif
