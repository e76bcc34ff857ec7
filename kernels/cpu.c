/* Which ISAs this CPU can run: cpuid for the instruction sets, xgetbv for the
 * OS having enabled the register state they need. */
#include "gfx_kernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static uint64_t xgetbv0(void)
{
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}

static unsigned x86_isas(void)
{
    unsigned a, b, c, d, isas = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return 0;
    if (c & bit_SSE4_1)
        isas |= 1u << GFX_ISA_SSE41;
    int osxsave = (c & bit_OSXSAVE) != 0, avx = (c & bit_AVX) != 0;
    if (!osxsave || !avx || __get_cpuid_max(0, NULL) < 7)
        return isas;
    uint64_t xcr0 = xgetbv0();
    int ymm_state = (xcr0 & 0x6) == 0x6;                /* SSE + AVX state */
    int zmm_state = ymm_state && (xcr0 & 0xe0) == 0xe0; /* opmask + ZMM */
    __cpuid_count(7, 0, a, b, c, d);
    /* each level checks what its files are built with (kernels/CMakeLists.txt):
     * AVX2 -mavx2; AVX-512 -mavx512f/bw/vl plus -mavx2 and -mbmi2 */
    if (ymm_state && (b & bit_AVX2))
        isas |= 1u << GFX_ISA_AVX2;
    if (zmm_state && (b & bit_AVX512F) && (b & bit_AVX512BW) && (b & bit_AVX512VL) &&
        (b & bit_BMI2) && (isas & (1u << GFX_ISA_AVX2)))
        isas |= 1u << GFX_ISA_AVX512;
    return isas;
}
#endif

unsigned gfx_isa_cpu(void)
{
    unsigned isas = 1u << GFX_ISA_SCALAR;
#if defined(__x86_64__) || defined(__i386__)
    isas |= x86_isas();
#endif
    /* NEON runs natively on aarch64 (always present there) and, where it is
     * built through SIMDe, on whatever this is. */
    isas |= 1u << GFX_ISA_NEON;
    return isas;
}

unsigned gfx_isa_built(void)
{
    unsigned isas = 1u << GFX_ISA_SCALAR;
#if GLYPHFX_HAVE_SSE41
    isas |= 1u << GFX_ISA_SSE41;
#endif
#if GLYPHFX_HAVE_AVX2
    isas |= 1u << GFX_ISA_AVX2;
#endif
#if GLYPHFX_HAVE_AVX512
    isas |= 1u << GFX_ISA_AVX512;
#endif
#if GLYPHFX_HAVE_NEON
    isas |= 1u << GFX_ISA_NEON;
#endif
    return isas;
}

unsigned gfx_isa_available(void)
{
    return gfx_isa_built() & gfx_isa_cpu();
}

enum gfx_isa gfx_isa_best(void)
{
    unsigned avail = gfx_isa_available();
#if defined(__aarch64__)
    if (avail & (1u << GFX_ISA_NEON))
        return GFX_ISA_NEON;
#endif
    for (int isa = GFX_ISA_AVX512; isa > GFX_ISA_SCALAR; isa--)
        if (avail & (1u << isa))
            return (enum gfx_isa)isa;
    return GFX_ISA_SCALAR;
}
