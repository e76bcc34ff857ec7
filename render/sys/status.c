#include "status.h"

#include <stdarg.h>
#include <stdio.h>

gfx_status gfx_fail(char *err, size_t err_size, gfx_status status, const char *fmt, ...)
{
    if (err && err_size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, err_size, fmt, ap);
        va_end(ap);
    }
    return status;
}

void gfx_warnf(const gfx_warn *warn, const char *fmt, ...)
{
    if (!warn || !warn->line)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    warn->line(warn->user, line);
}
