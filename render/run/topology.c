/* One reader of the machine's topology: see topology.h. */
#include "topology.h"

#include <hwloc.h>
#include <pthread.h>
#include <stdio.h>

static gfx_topology snapshot;
static hwloc_topology_t loaded; /* kept for the process: the pool binds through it */
static pthread_once_t once = PTHREAD_ONCE_INIT;

void gfx_meminfo_read(uint64_t *total_bytes, uint64_t *available_bytes)
{
    FILE *f = fopen("/proc/meminfo", "r");
    if (!f)
        return;
    char line[256];
    unsigned long long kib;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "MemTotal: %llu kB", &kib) == 1)
            *total_bytes = kib * 1024;
        else if (sscanf(line, "MemAvailable: %llu kB", &kib) == 1)
            *available_bytes = kib * 1024;
    }
    fclose(f);
}

static const char *cache_kind(hwloc_obj_cache_type_t type)
{
    switch (type) {
    case HWLOC_OBJ_CACHE_DATA: return "data";
    case HWLOC_OBJ_CACHE_INSTRUCTION: return "instruction";
    default: return "unified";
    }
}

static void read_caches(gfx_topology *t, hwloc_topology_t topo)
{
    static const hwloc_obj_type_t types[] = {
        HWLOC_OBJ_L1CACHE, HWLOC_OBJ_L1ICACHE, HWLOC_OBJ_L2CACHE, HWLOC_OBJ_L2ICACHE,
        HWLOC_OBJ_L3CACHE, HWLOC_OBJ_L3ICACHE, HWLOC_OBJ_L4CACHE, HWLOC_OBJ_L5CACHE,
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0] && t->n_caches < GFX_MAX_CACHE_KINDS;
         i++) {
        int count = hwloc_get_nbobjs_by_type(topo, types[i]);
        hwloc_obj_t obj = hwloc_get_obj_by_type(topo, types[i], 0);
        if (count <= 0 || !obj)
            continue;
        t->caches[t->n_caches++] = (gfx_cache_info){
            .level = (int)obj->attr->cache.depth,
            .kind = cache_kind(obj->attr->cache.type),
            .size_bytes = obj->attr->cache.size,
            .count = count,
        };
    }
}

static void read_once(void)
{
    gfx_topology *t = &snapshot;
    gfx_meminfo_read(&t->mem_total_bytes, &t->mem_available_bytes);
    hwloc_topology_t topo;
    if (hwloc_topology_init(&topo) < 0)
        return;
    if (hwloc_topology_load(topo) < 0) {
        hwloc_topology_destroy(topo);
        return;
    }
    t->loaded = 1;
    t->packages = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PACKAGE);
    t->numa_nodes = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_NUMANODE);
    t->cores = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_CORE);
    t->pus = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PU);
    read_caches(t, topo);
    loaded = topo;
}

const gfx_topology *gfx_topology_get(void)
{
    pthread_once(&once, read_once);
    return &snapshot;
}

struct hwloc_topology *gfx_topology_hwloc(void)
{
    pthread_once(&once, read_once);
    return loaded;
}
