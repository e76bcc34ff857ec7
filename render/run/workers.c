/* Worker pool with hwloc placement and an in-order writer: see workers.h. */
#include "workers.h"

#include <errno.h>
#include <hwloc.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cpus.h"

int gfx_pin_parse(const char *s)
{
    if (!s)
        return -1;
    if (!strcmp(s, "none"))
        return GFX_PIN_NONE;
    if (!strcmp(s, "core"))
        return GFX_PIN_CORE;
    if (!strcmp(s, "pu"))
        return GFX_PIN_PU;
    return -1;
}

const char *gfx_pin_name(enum gfx_pin pin)
{
    return pin == GFX_PIN_CORE ? "core" : pin == GFX_PIN_PU ? "pu" : "none";
}

static int at_least_one(int n)
{
    return n > 0 ? n : 1;
}

int gfx_topology_read(gfx_topology_summary *t)
{
    const gfx_topology *topo = gfx_topology_get();
    t->packages = at_least_one(topo->packages);
    t->numa_nodes = at_least_one(topo->numa_nodes);
    t->cores = at_least_one(topo->cores);
    t->pus = at_least_one(topo->pus);
    t->mem_gib = topo->mem_total_bytes > 0 ? (double)topo->mem_total_bytes / (1 << 30)
                                           : 8.0; /* the seed's guess when unknown */
    return topo->loaded ? 0 : -1;
}

int gfx_worker_plan_make(gfx_worker_plan *plan, int requested, enum gfx_pin pin,
                         size_t bytes_per_worker)
{
    return gfx_worker_plan_make_reserving(plan, requested, pin, bytes_per_worker, 0);
}

int gfx_worker_plan_make_reserving(gfx_worker_plan *plan, int requested, enum gfx_pin pin,
                                   size_t bytes_per_worker, size_t reserved_bytes)
{
    memset(plan, 0, sizeof *plan);
    plan->pin = pin;
    gfx_topology_read(&plan->topo);
    int cores = plan->topo.cores;
    /* a shard on a shared node counts its own CPUs, not the node's cores;
     * pinning would place it on cores other processes were given */
    char source[64];
    int allowed = gfx_cpus_available(source, sizeof source);
    char share[128] = "";
    if (allowed > 0 && allowed < plan->topo.pus) {
        if (allowed < cores)
            cores = allowed;
        plan->pin = GFX_PIN_NONE;
        snprintf(share, sizeof share, " (%d CPUs from %s; not pinned)", allowed, source);
    }
    if (requested < 0 || requested > 4 * plan->topo.pus) {
        snprintf(plan->why, sizeof plan->why,
                 "--workers %d: expected 0 (auto) to %d (4x the %d PUs)", requested,
                 4 * plan->topo.pus, plan->topo.pus);
        return -1;
    }
    if (requested > 0) {
        plan->workers = requested;
        snprintf(plan->why, sizeof plan->why, "%d workers as requested", requested);
        return 0;
    }
    int reserve = cores >= 16 ? 2 : cores >= 4 ? 1 : 0;
    int workers = cores - reserve;
    double per_worker_gib = (double)(bytes_per_worker ? bytes_per_worker : 1) / (1 << 30);
    double reserved_gib = (double)reserved_bytes / (1 << 30);
    /* can pass INT_MAX: tiny workers */
    double fits = (plan->topo.mem_gib * 0.6 - reserved_gib) / per_worker_gib;
    int by_memory = fits < 1.0 ? 1 : fits > INT_MAX ? INT_MAX : (int)fits;
    plan->workers = workers < by_memory ? workers : by_memory;
    char less[64] = "";
    if (reserved_bytes)
        snprintf(less, sizeof less, " less %.0f MiB for the encoder", reserved_gib * 1024);
    snprintf(plan->why, sizeof plan->why,
             "%d workers: %d cores%s, %d left to the encoder and system, memory allows %d "
             "(60%% of %.1f GiB%s, at %.0f MiB each)",
             plan->workers, cores, share, reserve, by_memory, plan->topo.mem_gib, less,
             per_worker_gib * 1024);
    return 0;
}

/* ------------------------------------------------------------------ the pool */

struct slot {
    gfx_image image;
    int allowed; /* the next frame this slot may take */
    int ready;   /* the frame whose pixels it holds, or -1 */
};

struct pool {
    const gfx_worker_plan *plan;
    const gfx_worker_callbacks *cb;
    hwloc_topology_t topo; /* topology.h's; NULL when pinning is off or hwloc failed */
    hwloc_obj_t *cores;    /* placement order: round-robin over NUMA nodes */
    int n_cores;
    struct slot *slots;
    int n_slots;
    int first, last, next_frame;
    int failed;
    int *stop;
    char *err; /* the caller's message buffer: the first failure's line */
    size_t err_size;
    pthread_mutex_t lock;
    pthread_cond_t changed;
};

struct worker_arg {
    struct pool *pool;
    int index;
};

/* Orders the cores so consecutive workers land on different NUMA nodes. */
static int order_cores(struct pool *p)
{
    int n = hwloc_get_nbobjs_by_type(p->topo, HWLOC_OBJ_CORE);
    int nodes = hwloc_get_nbobjs_by_type(p->topo, HWLOC_OBJ_NUMANODE);
    if (n <= 0)
        return -1;
    p->cores = calloc((size_t)n, sizeof *p->cores);
    if (!p->cores)
        return -1;
    if (nodes <= 1) {
        for (int i = 0; i < n; i++)
            p->cores[i] = hwloc_get_obj_by_type(p->topo, HWLOC_OBJ_CORE, (unsigned)i);
        p->n_cores = n;
        return 0;
    }
    int *taken = calloc((size_t)n, sizeof *taken);
    if (!taken)
        return -1;
    while (p->n_cores < n) {
        int placed = 0;
        for (int node = 0; node < nodes; node++) {
            hwloc_obj_t numa = hwloc_get_obj_by_type(p->topo, HWLOC_OBJ_NUMANODE, (unsigned)node);
            for (int i = 0; i < n; i++) {
                hwloc_obj_t core = hwloc_get_obj_by_type(p->topo, HWLOC_OBJ_CORE, (unsigned)i);
                if (!taken[i] && hwloc_bitmap_intersects(core->cpuset, numa->cpuset)) {
                    taken[i] = 1;
                    p->cores[p->n_cores++] = core;
                    placed = 1;
                    break;
                }
            }
        }
        if (!placed) /* cores outside every node's cpuset: append them */
            for (int i = 0; i < n; i++)
                if (!taken[i]) {
                    taken[i] = 1;
                    p->cores[p->n_cores++] =
                        hwloc_get_obj_by_type(p->topo, HWLOC_OBJ_CORE, (unsigned)i);
                }
    }
    free(taken);
    return 0;
}

/* A line for the callbacks' warn, when it has one; the pool goes on. */
static void warn(const struct pool *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(const struct pool *p, const char *fmt, ...)
{
    if (!p->cb->warn)
        return;
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    p->cb->warn(p->cb->user, line);
}

static void bind_worker(struct pool *p, int index)
{
    if (!p->topo || p->n_cores == 0)
        return;
    hwloc_obj_t core = p->cores[index % p->n_cores];
    hwloc_cpuset_t set = hwloc_bitmap_dup(core->cpuset);
    if (!set)
        return;
    if (p->plan->pin == GFX_PIN_PU) {
        /* workers beyond the core count take the core's next PU */
        int pus = hwloc_bitmap_weight(set), nth = (index / p->n_cores) % (pus > 0 ? pus : 1);
        int id = hwloc_bitmap_first(set);
        while (nth-- > 0)
            id = hwloc_bitmap_next(set, id);
        hwloc_bitmap_only(set, (unsigned)id);
    }
    if (hwloc_set_cpubind(p->topo, set, HWLOC_CPUBIND_THREAD) < 0)
        warn(p, "could not pin worker %d (%s); it runs unpinned", index, strerror(errno));
    /* first-touch would do on Linux; binding says so explicitly where supported */
    hwloc_set_membind(p->topo, set, HWLOC_MEMBIND_BIND, HWLOC_MEMBIND_THREAD);
    hwloc_bitmap_free(set);
}

/* Read without the lock by design (a signal handler may set *stop), hence atomics. */
static int stopping(const struct pool *p)
{
    return __atomic_load_n(&p->failed, __ATOMIC_ACQUIRE) ||
           (p->stop && __atomic_load_n(p->stop, __ATOMIC_RELAXED));
}

/* Waits on the pool's condition for at most 100 ms, so a stop request set by
 * a signal handler (which cannot signal a condition) is seen promptly. */
static void wait_changed(struct pool *p)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 100 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    pthread_cond_timedwait(&p->changed, &p->lock, &ts);
}

static void fail(struct pool *p)
{
    pthread_mutex_lock(&p->lock);
    __atomic_store_n(&p->failed, 1, __ATOMIC_RELEASE);
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

static void *worker_main(void *arg_)
{
    struct worker_arg *arg = arg_;
    struct pool *p = arg->pool;
    bind_worker(p, arg->index);
    void *state = p->cb->worker_new(p->cb->user, arg->index);
    if (!state) {
        fail(p);
        return NULL;
    }
    for (;;) {
        pthread_mutex_lock(&p->lock);
        int frame = p->next_frame;
        if (frame >= p->last || stopping(p)) {
            pthread_mutex_unlock(&p->lock);
            break;
        }
        p->next_frame++;
        struct slot *s = &p->slots[(frame - p->first) % p->n_slots];
        while (s->allowed != frame && !stopping(p))
            wait_changed(p);
        pthread_mutex_unlock(&p->lock);
        if (stopping(p))
            break;
        if (p->cb->render(state, frame, &s->image) < 0) {
            fail(p);
            break;
        }
        pthread_mutex_lock(&p->lock);
        s->ready = frame;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
    }
    p->cb->worker_free(state);
    return NULL;
}

/* The calling thread: hands frames to the sink in order. */
static int write_in_order(struct pool *p, gfx_sink *sink)
{
    for (int frame = p->first; frame < p->last; frame++) {
        struct slot *s = &p->slots[(frame - p->first) % p->n_slots];
        pthread_mutex_lock(&p->lock);
        while (s->ready != frame && !stopping(p))
            wait_changed(p);
        pthread_mutex_unlock(&p->lock);
        if (stopping(p))
            return -1;
        if (sink->write_frame(sink, &s->image, frame, p->err, p->err_size) < 0) {
            fail(p);
            return -1;
        }
        pthread_mutex_lock(&p->lock);
        s->ready = -1;
        s->allowed = frame + p->n_slots;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
        if (p->cb->progress)
            p->cb->progress(p->cb->user, frame - p->first + 1);
    }
    return 0;
}

static void pool_free(struct pool *p)
{
    for (int i = 0; p->slots && i < p->n_slots; i++)
        gfx_image_free(&p->slots[i].image);
    free(p->slots);
    free(p->cores);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->changed);
}

static int pool_init(struct pool *p, const gfx_worker_plan *plan, int width, int height)
{
    /* two slots per worker: one being rendered while the other waits its turn */
    p->n_slots = 2 * plan->workers;
    p->slots = calloc((size_t)p->n_slots, sizeof *p->slots);
    if (!p->slots)
        return -1;
    for (int i = 0; i < p->n_slots; i++) {
        p->slots[i].allowed = p->first + i;
        p->slots[i].ready = -1;
        if (gfx_image_alloc(&p->slots[i].image, width, height) < 0)
            return -1;
    }
    if (plan->pin != GFX_PIN_NONE) {
        p->topo = gfx_topology_hwloc();
        if (!p->topo || order_cores(p) < 0) {
            warn(p, "hwloc could not read the topology; workers run unpinned");
            p->topo = NULL;
        }
    }
    return 0;
}

int gfx_workers_run(const gfx_worker_plan *plan, int width, int height, int first, int last,
                    const gfx_worker_callbacks *cb, gfx_sink *sink, int *stop, char *err,
                    size_t err_size)
{
    if (err_size)
        err[0] = '\0';
    if (last <= first)
        return 0;
    struct pool p = {.plan = plan,
                     .cb = cb,
                     .first = first,
                     .last = last,
                     .next_frame = first,
                     .stop = stop,
                     .err = err,
                     .err_size = err_size};
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.changed, NULL);
    int n = plan->workers > 0 ? plan->workers : 1;
    pthread_t *threads = calloc((size_t)n, sizeof *threads);
    struct worker_arg *args = calloc((size_t)n, sizeof *args);
    if (!threads || !args || pool_init(&p, plan, width, height) < 0) {
        gfx_fail(err, err_size, GFX_FAILED, "out of memory for %d workers at %dx%d", n, width,
                 height);
        free(threads), free(args);
        pool_free(&p);
        return -1;
    }
    int started = 0;
    for (; started < n; started++) {
        args[started] = (struct worker_arg){&p, started};
        if (pthread_create(&threads[started], NULL, worker_main, &args[started]) != 0) {
            gfx_fail(err, err_size, GFX_FAILED, "could not start worker %d", started);
            fail(&p);
            break;
        }
    }
    int rc = started == n ? write_in_order(&p, sink) : -1;
    if (rc < 0)
        fail(&p);
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    rc = (rc < 0 || p.failed) ? -1 : 0;
    free(threads), free(args);
    pool_free(&p);
    return rc;
}
