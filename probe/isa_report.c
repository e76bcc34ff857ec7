#include "isa_report.h"

#include <stdio.h>
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
