/* The bandwidth table of `glyphfx probe` (probe/bandwidth.h measures it). */
#include <stdio.h>

#include "bandwidth.h"
#include "commands.h"

static void format_size(char *buf, size_t size, uint64_t bytes)
{
    if (bytes >= (1u << 20))
        snprintf(buf, size, "%.0f MiB", (double)bytes / (1 << 20));
    else
        snprintf(buf, size, "%.0f KiB", (double)bytes / (1 << 10));
}

void print_bandwidth(FILE *out, const gfx_bandwidth *bw)
{
    fprintf(out,
            "bandwidth    GB/s, STREAM-like triad (a = b + s*c) and copy, best of %s; "
            "%.1f s%s\n",
            bw->quick ? "5 (--quick)" : "11", bw->seconds,
            bw->pinned ? "" : "; threads not bound to cores");
    fprintf(out, "  %-5s %10s %10s %9s %9s %9s %9s\n", "level", "cache", "array set", "triad",
            "copy", "triad", "copy");
    fprintf(out, "  %-5s %10s %10s %19s %19s\n", "", "", "(1 core)", "1 core",
            bw->threads == 1 ? "all (1 core)" : "all cores");
    for (int i = 0; i < bw->n_levels; i++) {
        const gfx_bw_level *l = &bw->levels[i];
        char cache[24] = "-", ws[24];
        if (l->cache_bytes)
            format_size(cache, sizeof cache, l->cache_bytes);
        format_size(ws, sizeof ws, l->working_set);
        fprintf(out, "  %-5s %10s %10s %9.1f %9.1f %9.1f %9.1f\n", l->name, cache, ws, l->triad_1,
                l->copy_1, l->triad_n, l->copy_n);
    }
    fprintf(out,
            "  (all cores: %d thread%s, one per core; a shared level and DRAM split "
            "their arrays between them)\n",
            bw->threads, bw->threads == 1 ? "" : "s");
}
