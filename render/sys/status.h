/* The one error convention of library code (kernels/, render/, probe/).
 *
 * A function that can fail returns a gfx_status and, when it is not GFX_OK,
 * has filled the caller's gfx_error with one line: the file or option, the
 * value, and what was expected or what the system said. Library code never
 * prints and never exits; tools/ prints the line after its
 * "glyphfx COMMAND: " prefix and exits with the status, whose values are the
 * exit codes the command line promises. */
#ifndef GFX_STATUS_H
#define GFX_STATUS_H

typedef enum gfx_status {
    GFX_OK = 0,
    GFX_FAILED = 1,       /* the work failed (I/O, a child process, memory) */
    GFX_BAD_INPUT = 2,    /* the user's file, value or option is wrong */
    GFX_INTERRUPTED = 130 /* a signal asked us to stop; nothing was left behind */
} gfx_status;

#define GFX_ERROR_MAX 1024

typedef struct gfx_error {
    char line[GFX_ERROR_MAX]; /* empty while nothing failed */
} gfx_error;

/* Writes the message into err (when err is not NULL) and returns status, so
 * a failure reads `return gfx_fail(err, GFX_BAD_INPUT, "%s: ...", path);`.
 * A message longer than GFX_ERROR_MAX - 1 bytes is cut there. */
gfx_status gfx_fail(gfx_error *err, gfx_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
