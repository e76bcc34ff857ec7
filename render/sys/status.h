/* The one error convention of library code (kernels/, render/, probe/).
 *
 * A function that can fail returns a status and, on failure, has written one
 * line into the caller's message buffer (char *err, size_t err_size): the
 * file or option, the value, and what was expected or what the system said.
 * Library code never prints and never exits; tools/ prints the line after its
 * "glyphfx COMMAND: " prefix and maps the status to an exit code. Functions
 * that cannot fail on bad input return 0 / -1 with the same message buffer. */
#ifndef GFX_STATUS_H
#define GFX_STATUS_H

#include <stddef.h>

typedef enum gfx_status {
    GFX_OK = 0,
    GFX_FAILED = 1,       /* the machine or a program failed: memory, ffmpeg, a write */
    GFX_BAD_INPUT = 2,    /* a file, path or setting the user gave is wrong */
    GFX_INTERRUPTED = 130 /* stopped by a signal; partial outputs removed */
} gfx_status;

/* Writes the message into err (when err is not NULL) and returns status, so
 * a failure reads `return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: ...", path);`.
 * A message longer than the buffer is cut at its end. */
gfx_status gfx_fail(char *err, size_t err_size, gfx_status status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Where library code sends a warning while it goes on (a font that lacks a
 * palette's characters): one line, unprefixed, for tools/ to print. A NULL
 * gfx_warn, or one without a line function, drops it. */
typedef struct gfx_warn {
    void (*line)(void *user, const char *line);
    void *user;
} gfx_warn;

/* Formats one line and hands it to warn (nothing when warn is NULL). */
void gfx_warnf(const gfx_warn *warn, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
