#include "machine.h"

#include <stdio.h>
#include <string.h>

#include "encoders.h"
#include "gfx_kernels.h"

static void read_cpu_model(char *buf, size_t size)
{
    snprintf(buf, size, "unknown CPU");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "model name", 10) && strncmp(line, "Model", 5))
            continue;
        char *colon = strchr(line, ':');
        if (colon) {
            snprintf(buf, size, "%s", colon + 2);
            buf[strcspn(buf, "\n")] = 0;
        }
        break;
    }
    fclose(f);
}

static void append_word(char *buf, size_t size, const char *word)
{
    size_t len = strlen(buf);
    snprintf(buf + len, size - len, "%s%s", len ? " " : "", word);
}

static void read_cpu_flags(char *buf, size_t size)
{
    buf[0] = 0;
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
#define FLAG(name)                                                                                 \
    do {                                                                                           \
        if (__builtin_cpu_supports(name))                                                          \
            append_word(buf, size, name);                                                          \
    } while (0)
    FLAG("sse2");
    FLAG("ssse3");
    FLAG("sse4.1");
    FLAG("sse4.2");
    FLAG("popcnt");
    FLAG("avx");
    FLAG("fma");
    FLAG("bmi2");
    FLAG("avx2");
    FLAG("avx512f");
    FLAG("avx512bw");
    FLAG("avx512vl");
    FLAG("avx512dq");
    FLAG("avx512vbmi");
    FLAG("avx512vnni");
    FLAG("gfni");
#undef FLAG
#elif defined(__aarch64__)
    append_word(buf, size, "neon");
#endif
}

static int read_topology(gfx_machine *m)
{
    const gfx_topology *t = gfx_topology_get();
    m->mem_total_bytes = t->mem_total_bytes;
    m->mem_available_bytes = t->mem_available_bytes;
    if (!t->loaded)
        return -1;
    m->packages = t->packages;
    m->numa_nodes = t->numa_nodes;
    m->cores = t->cores;
    m->pus = t->pus;
    for (int i = 0; i < t->n_caches; i++)
        m->caches[i] = t->caches[i];
    m->n_caches = t->n_caches;
    return 0;
}

void gfx_machine_probe_cpu(gfx_machine *m)
{
    memset(m, 0, sizeof *m);
#if defined(__x86_64__)
    m->arch = "x86_64";
#elif defined(__aarch64__)
    m->arch = "aarch64";
#else
    m->arch = "other";
#endif
    read_cpu_model(m->cpu_model, sizeof m->cpu_model);
    read_cpu_flags(m->cpu_flags, sizeof m->cpu_flags);
    m->isa_built = gfx_isa_built();
    m->isa_cpu = gfx_isa_cpu();
    m->isa_available = gfx_isa_available();
}

int gfx_machine_probe(gfx_machine *m)
{
    gfx_machine_probe_cpu(m);
    /* hwloc does not give MemAvailable: what a render can use without
     * pushing the page cache out */
    gfx_meminfo_read(&m->mem_total_bytes, &m->mem_available_bytes);
    return read_topology(m);
}

void gfx_machine_probe_ffmpeg(gfx_ffmpeg_info *ff)
{
    memset(ff, 0, sizeof *ff);
    FILE *p = popen("ffmpeg -hide_banner -version 2>/dev/null", "r");
    if (!p)
        return;
    char line[4096];
    if (fgets(line, sizeof line, p) && sscanf(line, "ffmpeg version %63s", ff->version) == 1)
        ff->present = 1;
    while (fgets(line, sizeof line, p)) /* drain, so ffmpeg never blocks on a full pipe */
        ;
    pclose(p);
    if (!ff->present)
        return;
    ff->has_libx264 = gfx_ffmpeg_has_encoder("libx264") == 1;
}

static void format_bytes(char *buf, size_t size, uint64_t bytes)
{
    if (bytes >= (1ull << 30) && bytes % (1ull << 30) == 0)
        snprintf(buf, size, "%llu GiB", (unsigned long long)(bytes >> 30));
    else if (bytes >= (1ull << 20) && bytes % (1ull << 20) == 0)
        snprintf(buf, size, "%llu MiB", (unsigned long long)(bytes >> 20));
    else
        snprintf(buf, size, "%llu KiB", (unsigned long long)(bytes >> 10));
}

static const char *plural(int n)
{
    return n == 1 ? "" : "s";
}

void gfx_machine_summary(const gfx_machine *m, char *buf, size_t size)
{
    snprintf(buf, size, "%d package%s, %d NUMA node%s, %d core%s, %d PU%s", m->packages,
             plural(m->packages), m->numa_nodes, plural(m->numa_nodes), m->cores, plural(m->cores),
             m->pus, plural(m->pus));
    for (int i = 0; i < m->n_caches; i++) {
        const gfx_cache_info *c = &m->caches[i];
        char sz[32];
        format_bytes(sz, sizeof sz, c->size_bytes);
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%sL%d%s %s x%d", i ? ", " : "; ", c->level,
                 !strcmp(c->kind, "data")          ? "d"
                 : !strcmp(c->kind, "instruction") ? "i"
                                                   : "",
                 sz, c->count);
    }
}

uint64_t gfx_machine_last_level_cache(const gfx_machine *m)
{
    uint64_t largest = 0;
    for (int i = 0; i < m->n_caches; i++)
        if (m->caches[i].size_bytes > largest)
            largest = m->caches[i].size_bytes;
    return largest;
}

static cJSON *isa_array(unsigned mask)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < GFX_ISA_COUNT; i++)
        if (mask & (1u << i))
            cJSON_AddItemToArray(a, cJSON_CreateString(gfx_isa_name((enum gfx_isa)i)));
    return a;
}

cJSON *gfx_machine_to_json(const gfx_machine *m)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "cpu_model", m->cpu_model);
    cJSON_AddStringToObject(o, "arch", m->arch);
    cJSON *topo = cJSON_AddObjectToObject(o, "topology");
    cJSON_AddNumberToObject(topo, "packages", m->packages);
    cJSON_AddNumberToObject(topo, "numa_nodes", m->numa_nodes);
    cJSON_AddNumberToObject(topo, "cores", m->cores);
    cJSON_AddNumberToObject(topo, "pus", m->pus);
    cJSON *caches = cJSON_AddArrayToObject(topo, "caches");
    for (int i = 0; i < m->n_caches; i++) {
        cJSON *c = cJSON_CreateObject();
        cJSON_AddNumberToObject(c, "level", m->caches[i].level);
        cJSON_AddStringToObject(c, "kind", m->caches[i].kind);
        cJSON_AddNumberToObject(c, "size_bytes", (double)m->caches[i].size_bytes);
        cJSON_AddNumberToObject(c, "count", m->caches[i].count);
        cJSON_AddItemToArray(caches, c);
    }
    cJSON *mem = cJSON_AddObjectToObject(o, "memory");
    cJSON_AddNumberToObject(mem, "total_bytes", (double)m->mem_total_bytes);
    cJSON_AddNumberToObject(mem, "available_bytes", (double)m->mem_available_bytes);
    cJSON *isa = cJSON_AddObjectToObject(o, "isa");
    cJSON_AddStringToObject(isa, "cpu_flags", m->cpu_flags);
    cJSON_AddItemToObject(isa, "built", isa_array(m->isa_built));
    cJSON_AddItemToObject(isa, "cpu", isa_array(m->isa_cpu));
    cJSON_AddItemToObject(isa, "available", isa_array(m->isa_available));
    cJSON *ff = cJSON_AddObjectToObject(o, "ffmpeg");
    cJSON_AddBoolToObject(ff, "present", m->ffmpeg.present);
    cJSON_AddStringToObject(ff, "version", m->ffmpeg.version);
    cJSON_AddBoolToObject(ff, "libx264", m->ffmpeg.has_libx264);
    return o;
}
