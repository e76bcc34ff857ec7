/* The kernel table: scalar first, then one init per architecture fills it
 * (kernels/x86/init_x86.c, kernels/arm/init_arm.c). Nothing here prints: a
 * rejected level comes back as a status and one line for the caller. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gfx_kernels.h"
#include "kernels_c.h"
#include "arm/kernels_arm.h"
#include "x86/kernels_x86.h"

static const char *const isa_names[GFX_ISA_COUNT] = {"scalar", "sse41", "avx2", "avx512", "neon"};
static const char *const kernel_names[GFX_K_COUNT] = {
    "blit",          "bloom_downsample4_threshold",
    "box_blur3",     "bloom_upsample4_add",
    "vignette",      "grain",
    "crt",           "rgb_to_yuv420p",
    "png_filter",    "crc32",
    "adler32",       "blend",
    "mask_mix",      "colour_matrix",
    "remap_affine",  "rgba_unpremultiply",
    "cell_stats",
    "lut3",
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

void gfx_kernels_init_c(struct gfx_kernels *k)
{
    GFX_INSTALL(k, blit, GFX_K_BLIT, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, bloom_downsample4_threshold, GFX_K_BLOOM_DOWN, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, box_blur3, GFX_K_BOX_BLUR3, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, bloom_upsample4_add, GFX_K_BLOOM_UP, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, vignette, GFX_K_VIGNETTE, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, grain, GFX_K_GRAIN, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, crt, GFX_K_CRT, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, rgb_to_yuv420p, GFX_K_YUV420P, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, png_filter, GFX_K_PNG_FILTER, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, crc32, GFX_K_CRC32, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, adler32, GFX_K_ADLER32, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, blend, GFX_K_BLEND, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, mask_mix, GFX_K_MASK_MIX, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, colour_matrix, GFX_K_COLOUR_MATRIX, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, remap_affine, GFX_K_REMAP_AFFINE, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, rgba_unpremultiply, GFX_K_RGBA_UNPREMULTIPLY, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, cell_stats, GFX_K_CELL_STATS, scalar, GFX_ISA_SCALAR);
    GFX_INSTALL(k, lut3, GFX_K_LUT3, scalar, GFX_ISA_SCALAR);
}

enum gfx_isa gfx_kernels_init(struct gfx_kernels *k, enum gfx_isa isa)
{
    memset(k, 0, sizeof(*k));
    gfx_kernels_init_c(k);
    unsigned avail = gfx_isa_available();
    if (isa == GFX_ISA_NEON && !(avail & (1u << GFX_ISA_NEON)))
        isa = gfx_isa_best();
    if (isa == GFX_ISA_NEON) {
        gfx_kernels_init_arm(k, 1u << GFX_ISA_NEON);
        return isa;
    }
    /* x86 levels count up from scalar to the request and stop at the first
     * one this CPU or build lacks; init_x86 sees only those */
    int used = GFX_ISA_SCALAR;
    while (used < (int)isa && used < GFX_ISA_AVX512 && (avail & (1u << (used + 1))))
        used++;
    gfx_kernels_init_x86(k, avail & ((2u << used) - 1u));
    return (enum gfx_isa)used;
}

static struct gfx_kernels global_table;
static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static char env_rejected[160]; /* why GLYPHFX_ISA was not used; empty if it was */
static int forced_isa = -1;    /* GLYPHFX_ISA or gfx_kernels_force; -1: none */

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

int gfx_isa_request(const char *origin, const char *value, char *msg, size_t size)
{
    int isa = gfx_isa_parse(value);
    if (isa >= 0 && (gfx_isa_available() & (1u << isa)))
        return isa;
    char choices[64];
    list_choices(choices, sizeof choices);
    if (msg && size)
        snprintf(msg, size, "%s=%s is %s; expected one of %s (this CPU and build)", origin,
                 value ? value : "", isa < 0 ? "not an ISA level" : "not available here", choices);
    return -1;
}

static void init_global(void)
{
    const char *env = getenv("GLYPHFX_ISA");
    enum gfx_isa want = gfx_isa_best();
    if (env && *env) {
        int isa = gfx_isa_request("GLYPHFX_ISA", env, env_rejected, sizeof env_rejected);
        if (isa >= 0)
            want = (enum gfx_isa)isa;
    }
    enum gfx_isa used = gfx_kernels_init(&global_table, want);
    if (env && *env && !env_rejected[0])
        forced_isa = (int)used;
}

const struct gfx_kernels *gfx_kernels_get(void)
{
    pthread_once(&global_once, init_global);
    return &global_table;
}

int gfx_kernels_env_status(char *msg, size_t size)
{
    pthread_once(&global_once, init_global);
    if (!env_rejected[0])
        return 0;
    if (msg && size)
        snprintf(msg, size, "%s", env_rejected);
    return -1;
}

int gfx_kernels_force(enum gfx_isa isa)
{
    pthread_once(&global_once, init_global);
    if ((unsigned)isa >= GFX_ISA_COUNT || !(gfx_isa_available() & (1u << isa)))
        return -1;
    forced_isa = (int)gfx_kernels_init(&global_table, isa);
    return forced_isa;
}

int gfx_kernels_forced(void)
{
    pthread_once(&global_once, init_global);
    return forced_isa;
}

/* One entry of the table, pointer and level. */
static void copy_entry(struct gfx_kernels *dst, const struct gfx_kernels *src,
                       enum gfx_kernel_id id)
{
    switch (id) {
    case GFX_K_BLIT: dst->blit = src->blit; break;
    case GFX_K_BLOOM_DOWN:
        dst->bloom_downsample4_threshold = src->bloom_downsample4_threshold;
        break;
    case GFX_K_BOX_BLUR3: dst->box_blur3 = src->box_blur3; break;
    case GFX_K_BLOOM_UP: dst->bloom_upsample4_add = src->bloom_upsample4_add; break;
    case GFX_K_VIGNETTE: dst->vignette = src->vignette; break;
    case GFX_K_GRAIN: dst->grain = src->grain; break;
    case GFX_K_CRT: dst->crt = src->crt; break;
    case GFX_K_YUV420P: dst->rgb_to_yuv420p = src->rgb_to_yuv420p; break;
    case GFX_K_PNG_FILTER: dst->png_filter = src->png_filter; break;
    case GFX_K_CRC32: dst->crc32 = src->crc32; break;
    case GFX_K_ADLER32: dst->adler32 = src->adler32; break;
    case GFX_K_BLEND: dst->blend = src->blend; break;
    case GFX_K_MASK_MIX: dst->mask_mix = src->mask_mix; break;
    case GFX_K_COLOUR_MATRIX: dst->colour_matrix = src->colour_matrix; break;
    case GFX_K_REMAP_AFFINE: dst->remap_affine = src->remap_affine; break;
    case GFX_K_RGBA_UNPREMULTIPLY: dst->rgba_unpremultiply = src->rgba_unpremultiply; break;
    case GFX_K_CELL_STATS: dst->cell_stats = src->cell_stats; break;
    case GFX_K_LUT3: dst->lut3 = src->lut3; break;
    case GFX_K_COUNT: return;
    }
    dst->isa_used[id] = src->isa_used[id];
}

int gfx_kernels_choose(enum gfx_kernel_id id, enum gfx_isa isa)
{
    pthread_once(&global_once, init_global);
    if ((unsigned)id >= GFX_K_COUNT || (unsigned)isa >= GFX_ISA_COUNT ||
        !(gfx_isa_available() & (1u << isa)))
        return -1;
    /* the table of that level holds the variant, unless the kernel has none
     * there and fell back to a level below */
    struct gfx_kernels level;
    gfx_kernels_init(&level, isa);
    if (level.isa_used[id] != isa)
        return -1;
    copy_entry(&global_table, &level, id);
    return 0;
}
