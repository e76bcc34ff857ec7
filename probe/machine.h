/* What this machine is: topology and caches (hwloc), ISA flags (cpuid),
 * memory, and the ffmpeg glyphfx would run. Used by `glyphfx probe` and by
 * the benchmark results' context. */
#ifndef GFX_MACHINE_H
#define GFX_MACHINE_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "topology.h"

typedef struct gfx_ffmpeg_info {
    int present;
    char version[64]; /* "5.1.6-0+deb12u1", empty when absent */
    int has_libx264;
} gfx_ffmpeg_info;

typedef struct gfx_machine {
    char cpu_model[128];
    const char *arch; /* "x86_64", "aarch64" */
    int packages, numa_nodes, cores, pus;
    gfx_cache_info caches[GFX_MAX_CACHE_KINDS];
    int n_caches;
    uint64_t mem_total_bytes, mem_available_bytes;
    char cpu_flags[256]; /* the ISA-relevant cpuid flags this CPU has, space separated */
    unsigned isa_built, isa_cpu, isa_available; /* masks of 1u << enum gfx_isa */
    gfx_ffmpeg_info ffmpeg;
} gfx_machine;

/* Fills the CPU's identity only (arch, model, cpu_flags, the ISA masks):
 * cheap, no hwloc; what wisdom files are matched against. */
void gfx_machine_probe_cpu(gfx_machine *m);
/* Fills everything but ffmpeg, the topology, caches and memory from
 * render/run/topology.h's snapshot. Returns 0, or -1 if hwloc could not load
 * the topology (the fields it would give are then 0). */
int gfx_machine_probe(gfx_machine *m);
/* Runs `ffmpeg -version` (stderr discarded) and reads the encoders from
 * render/output/encoders.h's one query. */
void gfx_machine_probe_ffmpeg(gfx_ffmpeg_info *ff);

/* "1 package, 1 NUMA node, 2 cores, 2 PUs; L1d 48 KiB x2, L2 1 MiB x2, L3 32 MiB x1" */
void gfx_machine_summary(const gfx_machine *m, char *buf, size_t size);
/* The largest cache of any level, in bytes (0 if unknown). */
uint64_t gfx_machine_last_level_cache(const gfx_machine *m);
/* The fields above as a JSON object (ffmpeg included). */
cJSON *gfx_machine_to_json(const gfx_machine *m);

#endif
