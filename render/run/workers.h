/* Parallel rendering: a pool of worker threads, placed by hwloc's view of the
 * machine, rendering frames into a bounded reorder buffer that one writer
 * drains into a sink in frame order.
 *
 * Placement: one worker per physical core, the cores taken round-robin over
 * NUMA nodes (so a half-used two-socket machine still uses both memory
 * controllers), each worker bound to its core (--pin core), to one PU of it
 * (--pin pu) or left to the scheduler (--pin none). A worker's per-thread
 * state is created on the worker thread after binding, so its canvas and
 * atlas are first touched, and so allocated, on the worker's own NUMA node.
 *
 * Determinism: workers only decide *who* renders frame f, never *what* frame
 * f is; the writer hands frames to the sink strictly in order. So the output
 * is the same bytes for any worker count. */
#ifndef GFX_WORKERS_H
#define GFX_WORKERS_H

#include <stddef.h>
#include <stdint.h>

#include "image.h"
#include "sink.h"
#include "status.h"
#include "topology.h"

enum gfx_pin { GFX_PIN_NONE, GFX_PIN_CORE, GFX_PIN_PU };

typedef struct gfx_topology_summary {
    int packages, numa_nodes, cores, pus;
    double mem_gib;
} gfx_topology_summary;

typedef struct gfx_worker_plan {
    int workers;
    enum gfx_pin pin;
    gfx_topology_summary topo;
    char why[256]; /* one line: how the count was chosen */
} gfx_worker_plan;

/* Parses "none|core|pu"; -1 otherwise. */
int gfx_pin_parse(const char *s);
const char *gfx_pin_name(enum gfx_pin pin);

/* The machine summary from topology.h's snapshot, each count at least 1.
 * Returns 0, or -1 if hwloc could not load the topology (then a one-core
 * summary is filled in). */
int gfx_topology_read(gfx_topology_summary *topo);

/* The worker count glyphfx picks, following the seed's rule: leave cores to
 * the encoder and the system (>= 16 cores: 2; 4..15: 1; fewer: none), then
 * cap by memory at 60% of RAM over bytes_per_worker. The cores counted are
 * at most the CPUs this process may use (cpus.h: SLURM_CPUS_PER_TASK, else
 * the affinity mask); when those are fewer than the machine's PUs the plan
 * does not pin (pin becomes GFX_PIN_NONE). `requested` > 0
 * overrides the count (it must be at most 4x the PUs: otherwise -1 with a
 * message in plan->why). */
int gfx_worker_plan_make(gfx_worker_plan *plan, int requested, enum gfx_pin pin,
                         size_t bytes_per_worker);
/* The same, with reserved_bytes (the encoder's, gfx_profile_encoder_bytes)
 * taken from the 60% before it is divided among the workers. */
int gfx_worker_plan_make_reserving(gfx_worker_plan *plan, int requested, enum gfx_pin pin,
                                   size_t bytes_per_worker, size_t reserved_bytes);

/* What each worker thread does. */
typedef struct gfx_worker_callbacks {
    /* Called once on each worker thread after pinning; returns that worker's
     * state (e.g. a renderer) or NULL on failure. */
    void *(*worker_new)(void *user, int worker_index);
    /* Renders frame `frame` into `out` (allocated by the pool at the size
     * given to gfx_workers_run). Returns 0, or -1; the callbacks' owner keeps
     * the reason (render/run/job.c records it for its caller). */
    int (*render)(void *worker_state, int frame, gfx_image *out);
    void (*worker_free)(void *worker_state);
    /* Optional: called by the writer after each frame reaches the sink. */
    void (*progress)(void *user, int frames_done);
    void *user;
    /* Optional: a line about something that did not work while the pool
     * goes on (a worker that could not be pinned runs unpinned). */
    void (*warn)(void *user, const char *line);
} gfx_worker_callbacks;

/* Renders frames [first, last) with plan->workers threads and writes them to
 * `sink` in order (the sink is not finished or aborted here: the caller
 * decides). Stops early, returning -1, when a render or a sink write fails
 * or *stop becomes non-zero (set it with __atomic_store_n, e.g. from a SIGINT
 * handler; the pool polls it at least every 100 ms). After a failure of the
 * pool or the sink, err holds its line; it stays empty after a stop, or a
 * failed render whose reason the callbacks' owner keeps. */
int gfx_workers_run(const gfx_worker_plan *plan, int width, int height, int first, int last,
                    const gfx_worker_callbacks *cb, gfx_sink *sink, int *stop, char *err,
                    size_t err_size);

#endif
