#include "status.h"

#include <stdarg.h>
#include <stdio.h>

gfx_status gfx_fail(gfx_error *err, gfx_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->line, sizeof err->line, fmt, ap);
        va_end(ap);
    }
    return status;
}
