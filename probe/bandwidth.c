#include "bandwidth.h"

#include <hwloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"
#include "timing.h"

/* The widest vectors the CPU has, chosen at load time: a triad compiled for
 * SSE2 alone halves L1's figure on an AVX-512 machine. Not under
 * ThreadSanitizer: the clones' ifunc resolver runs while the program is
 * being relocated, before TSan's runtime exists, and crashes every start. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__has_attribute) && \
    !defined(__SANITIZE_THREAD__)
#if __has_attribute(target_clones)
#define BW_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif
#endif
#ifndef BW_CLONES
#define BW_CLONES
#endif

BW_CLONES __attribute__((noinline)) static void triad(double *restrict a, const double *restrict b,
                                                      const double *restrict c, double s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        a[i] = b[i] + s * c[i];
}

BW_CLONES __attribute__((noinline)) static void copy(double *restrict a, const double *restrict b,
                                                     size_t n)
{
    for (size_t i = 0; i < n; i++)
        a[i] = b[i];
}

enum { KERNEL_TRIAD, KERNEL_COPY, KERNELS };

typedef struct phase {
    int threads;
    size_t n;   /* elements of each array, per thread */
    int passes; /* over the arrays per timed repetition */
    int reps;
    hwloc_topology_t topo; /* NULL: no binding */
    pthread_barrier_t barrier;
    pthread_mutex_t lock; /* with start: go is 0 until every thread exists, then 1 (or -1) */
    pthread_cond_t start;
    int go;
    double t0, best[KERNELS];
    int failed, pinned;
} phase;

typedef struct worker {
    phase *ph;
    int index;
} worker;

static void bind_to_core(phase *ph, int index)
{
    if (!ph->topo)
        return;
    int cores = hwloc_get_nbobjs_by_type(ph->topo, HWLOC_OBJ_CORE);
    hwloc_obj_t core =
        cores > 0 ? hwloc_get_obj_by_type(ph->topo, HWLOC_OBJ_CORE, index % cores) : NULL;
    if (!core || !core->cpuset)
        return;
    hwloc_bitmap_t set = hwloc_bitmap_dup(core->cpuset);
    hwloc_bitmap_singlify(set);
    if (hwloc_set_cpubind(ph->topo, set, HWLOC_CPUBIND_THREAD) < 0)
        __atomic_store_n(&ph->pinned, 0, __ATOMIC_RELAXED);
    hwloc_bitmap_free(set);
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    phase *ph = w->ph;
    pthread_mutex_lock(&ph->lock);
    while (!ph->go)
        pthread_cond_wait(&ph->start, &ph->lock);
    int go = ph->go;
    pthread_mutex_unlock(&ph->lock);
    if (go < 0)
        return NULL;
    bind_to_core(ph, w->index);
    /* allocated and first touched here, after binding: on this core's node */
    size_t bytes = ph->n * sizeof(double);
    double *a = aligned_alloc(64, (bytes + 63) / 64 * 64);
    double *b = aligned_alloc(64, (bytes + 63) / 64 * 64);
    double *c = aligned_alloc(64, (bytes + 63) / 64 * 64);
    if (!a || !b || !c)
        __atomic_store_n(&ph->failed, 1, __ATOMIC_RELAXED);
    else
        for (size_t i = 0; i < ph->n; i++) {
            a[i] = 0;
            b[i] = 1.0 + (double)(i & 7);
            c[i] = 2.0;
        }
    for (int k = 0; k < KERNELS; k++)
        for (int r = 0; r < ph->reps; r++) {
            pthread_barrier_wait(&ph->barrier);
            int ok = !__atomic_load_n(&ph->failed, __ATOMIC_RELAXED);
            if (w->index == 0)
                ph->t0 = gfx_now_s();
            for (int p = 0; ok && p < ph->passes; p++) {
                if (k == KERNEL_TRIAD)
                    triad(a, b, c, 3.0, ph->n);
                else
                    copy(a, b, ph->n);
                __asm__ volatile("" ::"r"(a) : "memory");
            }
            pthread_barrier_wait(&ph->barrier);
            if (w->index == 0) {
                double t = gfx_now_s() - ph->t0;
                if (ph->best[k] <= 0 || t < ph->best[k])
                    ph->best[k] = t;
            }
        }
    free(a);
    free(b);
    free(c);
    return NULL;
}

/* Runs triad and copy on `threads` threads, each over its own arrays of n
 * elements; fills GB/s of both (all threads together). */
static int run_phase(phase *ph, double *triad_gbps, double *copy_gbps)
{
    pthread_t tid[256];
    worker w[256];
    if (ph->threads > 256)
        ph->threads = 256;
    if (pthread_barrier_init(&ph->barrier, NULL, (unsigned)ph->threads))
        return -1;
    ph->best[0] = ph->best[1] = 0;
    pthread_mutex_init(&ph->lock, NULL);
    pthread_cond_init(&ph->start, NULL);
    int started = 0;
    for (; started < ph->threads; started++) {
        w[started] = (worker){ph, started};
        if (pthread_create(&tid[started], NULL, worker_main, &w[started]))
            break;
    }
    /* the barrier counts every thread: without all of them, none runs */
    pthread_mutex_lock(&ph->lock);
    ph->go = started == ph->threads ? 1 : -1;
    pthread_cond_broadcast(&ph->start);
    pthread_mutex_unlock(&ph->lock);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    pthread_barrier_destroy(&ph->barrier);
    pthread_cond_destroy(&ph->start);
    pthread_mutex_destroy(&ph->lock);
    if (ph->go < 0)
        return -1;
    if (ph->failed)
        return -1;
    double elems = (double)ph->n * ph->passes * ph->threads;
    *triad_gbps = ph->best[KERNEL_TRIAD] > 0 ? 24 * elems / ph->best[KERNEL_TRIAD] * 1e-9 : 0;
    *copy_gbps = ph->best[KERNEL_COPY] > 0 ? 16 * elems / ph->best[KERNEL_COPY] * 1e-9 : 0;
    return 0;
}

/* The data (or unified) cache of each level, innermost first. */
static void add_cache_levels(gfx_bandwidth *bw, const gfx_machine *m, int *shared_by)
{
    for (int level = 1; level <= 5 && bw->n_levels < GFX_BW_MAX_LEVELS - 1; level++)
        for (int i = 0; i < m->n_caches; i++) {
            const gfx_cache_info *c = &m->caches[i];
            if (c->level != level || !strcmp(c->kind, "instruction") || !c->size_bytes)
                continue;
            gfx_bw_level *l = &bw->levels[bw->n_levels];
            snprintf(l->name, sizeof l->name, "L%d", level);
            l->cache_bytes = c->size_bytes;
            int per = c->count > 0 && m->cores > c->count ? m->cores / c->count : 1;
            shared_by[bw->n_levels++] = per;
            break;
        }
}

int gfx_bandwidth_measure(gfx_bandwidth *bw, const gfx_machine *m, int quick, char *err,
                          size_t err_size)
{
    double start = gfx_now_s();
    memset(bw, 0, sizeof *bw);
    bw->quick = quick;
    int shared_by[GFX_BW_MAX_LEVELS] = {0};
    add_cache_levels(bw, m, shared_by);
    uint64_t llc = gfx_machine_last_level_cache(m);
    gfx_bw_level *dram = &bw->levels[bw->n_levels];
    snprintf(dram->name, sizeof dram->name, "DRAM");
    shared_by[bw->n_levels++] = 0;
    /* working sets: half of each cache (and more than the level inside it),
     * a quarter of the last one (neighbours and the OS share it); DRAM:
     * several times the last level, however small it is */
    uint64_t inner = 0;
    for (int i = 0; i < bw->n_levels; i++) {
        gfx_bw_level *l = &bw->levels[i];
        if (l->cache_bytes) {
            uint64_t ws = l->cache_bytes / (i + 1 < bw->n_levels - 1 ? 2 : 4);
            l->working_set = ws > inner ? ws : (inner + l->cache_bytes) / 2;
            inner = l->cache_bytes;
        } else {
            uint64_t ws = (quick ? 2 : 4) * llc, floor = (uint64_t)(quick ? 32 : 64) << 20;
            l->working_set = ws > floor ? ws : floor;
        }
    }
    hwloc_topology_t topo = NULL;
    if (hwloc_topology_init(&topo) < 0 || hwloc_topology_load(topo) < 0) {
        if (topo)
            hwloc_topology_destroy(topo);
        topo = NULL;
    }
    int cores = m->cores > 0 ? m->cores : 1;
    bw->threads = cores;
    bw->pinned = topo != NULL;
    /* bytes moved per timed repetition in a cache: enough for a few ms */
    const double per_rep = (quick ? 32.0 : 128.0) * (1 << 20);
    const int reps = quick ? 5 : 11;
    int rc = 0;
    for (int i = 0; i < bw->n_levels && rc == 0; i++) {
        gfx_bw_level *l = &bw->levels[i];
        for (int all = 0; all < 2 && rc == 0; all++) {
            int threads = all ? cores : 1;
            /* a shared level (and DRAM) is split between the threads using it */
            uint64_t ws = l->working_set;
            if (all && !l->cache_bytes)
                ws /= (uint64_t)threads;
            else if (all && shared_by[i] > 1)
                ws /= (uint64_t)(shared_by[i] < threads ? shared_by[i] : threads);
            size_t n = (size_t)(ws / 3 / sizeof(double)) / 8 * 8;
            n = n < 64 ? 64 : n;
            double pass_bytes = 24.0 * (double)n;
            int passes = l->cache_bytes ? (int)(per_rep / pass_bytes) : 1;
            phase ph = {.threads = threads,
                        .n = n,
                        .passes = passes < 1 ? 1 : passes,
                        .reps = reps,
                        .topo = topo,
                        .pinned = 1};
            double *t = all ? &l->triad_n : &l->triad_1, *c = all ? &l->copy_n : &l->copy_1;
            if (run_phase(&ph, t, c))
                rc =
                    gfx_fail(err, err_size, GFX_FAILED,
                             "bandwidth: cannot run %d thread%s over %llu bytes each (%s)", threads,
                             threads == 1 ? "" : "s", (unsigned long long)(3 * n * sizeof(double)),
                             ph.failed ? "out of memory" : "threads");
            bw->pinned &= ph.pinned;
        }
    }
    if (topo)
        hwloc_topology_destroy(topo);
    bw->seconds = gfx_now_s() - start;
    return rc;
}

const gfx_bw_level *gfx_bandwidth_level_for(const gfx_bandwidth *bw, double bytes)
{
    for (int i = 0; i < bw->n_levels; i++)
        if (!bw->levels[i].cache_bytes || bytes <= (double)bw->levels[i].cache_bytes)
            return &bw->levels[i];
    return bw->n_levels ? &bw->levels[bw->n_levels - 1] : NULL;
}

cJSON *gfx_bandwidth_to_json(const gfx_bandwidth *bw)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "threads", bw->threads);
    cJSON_AddBoolToObject(o, "pinned", bw->pinned);
    cJSON_AddBoolToObject(o, "quick", bw->quick);
    cJSON_AddNumberToObject(o, "seconds", bw->seconds);
    cJSON *levels = cJSON_AddArrayToObject(o, "levels");
    for (int i = 0; i < bw->n_levels; i++) {
        const gfx_bw_level *l = &bw->levels[i];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "level", l->name);
        cJSON_AddNumberToObject(j, "cache_bytes", (double)l->cache_bytes);
        cJSON_AddNumberToObject(j, "working_set_bytes", (double)l->working_set);
        cJSON_AddNumberToObject(j, "triad_gbps_1core", l->triad_1);
        cJSON_AddNumberToObject(j, "copy_gbps_1core", l->copy_1);
        cJSON_AddNumberToObject(j, "triad_gbps_all", l->triad_n);
        cJSON_AddNumberToObject(j, "copy_gbps_all", l->copy_n);
        cJSON_AddItemToArray(levels, j);
    }
    return o;
}

static double num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

int gfx_bandwidth_from_json(gfx_bandwidth *bw, const cJSON *o)
{
    memset(bw, 0, sizeof *bw);
    const cJSON *levels = cJSON_GetObjectItemCaseSensitive(o, "levels");
    if (!cJSON_IsObject(o) || !cJSON_IsArray(levels))
        return -1;
    bw->threads = (int)num(o, "threads");
    bw->pinned = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "pinned"));
    bw->quick = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "quick"));
    bw->seconds = num(o, "seconds");
    const cJSON *j;
    cJSON_ArrayForEach(j, levels)
    {
        if (bw->n_levels == GFX_BW_MAX_LEVELS)
            break;
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(j, "level");
        if (!cJSON_IsString(name))
            return -1;
        gfx_bw_level *l = &bw->levels[bw->n_levels++];
        snprintf(l->name, sizeof l->name, "%s", name->valuestring);
        double cache = num(j, "cache_bytes"), ws = num(j, "working_set_bytes");
        l->cache_bytes = cache > 0 && cache < 1e18 ? (uint64_t)cache : 0;
        l->working_set = ws > 0 && ws < 1e18 ? (uint64_t)ws : 0;
        l->triad_1 = num(j, "triad_gbps_1core");
        l->copy_1 = num(j, "copy_gbps_1core");
        l->triad_n = num(j, "triad_gbps_all");
        l->copy_n = num(j, "copy_gbps_all");
    }
    return bw->n_levels ? 0 : -1;
}
