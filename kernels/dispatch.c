/* The kernel table: filled once, scalar first, then each wider level. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gfx_kernels.h"

static const char *const isa_names[GFX_ISA_COUNT] = {"scalar", "sse41", "avx2", "avx512", "neon"};
static const char *const kernel_names[GFX_K_COUNT] = {
    "blit",       "bloom_downsample4_threshold",
    "box_blur3",  "bloom_upsample4_add",
    "vignette",   "grain",
    "crt",        "rgb_to_yuv420p",
    "png_filter", "crc32",
    "adler32",
};

const char *gfx_isa_name(enum gfx_isa isa)
{
    return (unsigned)isa < GFX_ISA_COUNT ? isa_names[isa] : "unknown";
}

const char *gfx_kernel_name(enum gfx_kernel_id k)
{
    return (unsigned)k < GFX_K_COUNT ? kernel_names[k] : "unknown";
}

int gfx_isa_parse(const char *name)
{
    for (int i = 0; i < GFX_ISA_COUNT; i++)
        if (name && strcmp(name, isa_names[i]) == 0)
            return i;
    return -1;
}

static void init_level(struct gfx_kernels *k, enum gfx_isa isa)
{
    gfx_blit_init(k, isa);
    gfx_bloom_init(k, isa);
    gfx_vignette_init(k, isa);
    gfx_grain_init(k, isa);
    gfx_crt_init(k, isa);
    gfx_yuv420p_init(k, isa);
    gfx_png_init(k, isa);
}

enum gfx_isa gfx_kernels_init(struct gfx_kernels *k, enum gfx_isa isa)
{
    memset(k, 0, sizeof(*k));
    unsigned avail = gfx_isa_available();
    init_level(k, GFX_ISA_SCALAR);
    if (isa == GFX_ISA_NEON)
        isa = (avail & (1u << GFX_ISA_NEON)) ? GFX_ISA_NEON : gfx_isa_best();
    if (isa == GFX_ISA_NEON) {
        init_level(k, GFX_ISA_NEON);
        return isa;
    }
    enum gfx_isa used = GFX_ISA_SCALAR;
    for (int level = GFX_ISA_SSE41; level <= GFX_ISA_AVX512 && level <= (int)isa; level++) {
        if (!(avail & (1u << level)))
            break;
        init_level(k, (enum gfx_isa)level);
        used = (enum gfx_isa)level;
    }
    return used;
}

static struct gfx_kernels global_table;
static pthread_once_t global_once = PTHREAD_ONCE_INIT;

static void list_choices(char *buf, size_t size)
{
    buf[0] = 0;
    unsigned avail = gfx_isa_available();
    for (int i = 0; i < GFX_ISA_COUNT; i++)
        if (avail & (1u << i)) {
            strncat(buf, buf[0] ? "|" : "", size - strlen(buf) - 1);
            strncat(buf, isa_names[i], size - strlen(buf) - 1);
        }
}

static int isa_available_or_complain(int isa, const char *value, const char *origin)
{
    if (isa >= 0 && (gfx_isa_available() & (1u << isa)))
        return 1;
    char choices[64];
    list_choices(choices, sizeof choices);
    fprintf(stderr, "glyphfx: %s=%s is %s; expected one of %s (this CPU and build)\n", origin,
            value, isa < 0 ? "not an ISA level" : "not available here", choices);
    return 0;
}

static void init_global(void)
{
    const char *env = getenv("GLYPHFX_ISA");
    enum gfx_isa want = gfx_isa_best();
    if (env && *env) {
        int parsed = gfx_isa_parse(env);
        if (isa_available_or_complain(parsed, env, "GLYPHFX_ISA"))
            want = (enum gfx_isa)parsed;
        else
            fprintf(stderr, "glyphfx: using %s instead\n", gfx_isa_name(want));
    }
    gfx_kernels_init(&global_table, want);
}

const struct gfx_kernels *gfx_kernels_get(void)
{
    pthread_once(&global_once, init_global);
    return &global_table;
}

int gfx_kernels_force(enum gfx_isa isa)
{
    pthread_once(&global_once, init_global);
    if (!isa_available_or_complain((int)isa, gfx_isa_name(isa), "--isa"))
        return -1;
    return (int)gfx_kernels_init(&global_table, isa);
}
