#include "isa_report.h"

#include <string.h>

void gfx_isa_list(char *buf, size_t size, unsigned mask)
{
    buf[0] = 0;
    for (int i = 0; i < GFX_ISA_COUNT; i++) {
        if (!(mask & (1u << i)))
            continue;
        const char *note = "";
#if !defined(__aarch64__)
        if (i == GFX_ISA_NEON)
            note = "(SIMDe)";
#endif
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s%s", len ? " " : "", gfx_isa_name((enum gfx_isa)i),
                 note);
    }
}

void gfx_isa_report_kernels(FILE *out, const struct gfx_kernels *k)
{
    for (int id = 0; id < GFX_K_COUNT; id++)
        fprintf(out, "  %-28s %s\n", gfx_kernel_name((enum gfx_kernel_id)id),
                gfx_isa_name(k->isa_used[id]));
}
