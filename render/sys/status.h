/* What a render/ call that can fail returns, next to one line in a message
 * buffer the caller owns: the library says what went wrong, tools/ prints
 * it and chooses the exit status. An empty message means the line was
 * already printed (by an older render/ function that still prints). */
#ifndef GFX_STATUS_H
#define GFX_STATUS_H

typedef enum gfx_status {
    GFX_OK = 0,
    GFX_FAILED,      /* the machine or a program failed: memory, ffmpeg, a write */
    GFX_BAD_INPUT,   /* a file, path or setting the user gave is wrong */
    GFX_INTERRUPTED, /* stopped by a signal; partial outputs removed */
} gfx_status;

/* The status behind the int some render/ functions still return: 0, 2 for
 * bad input, 130 for an interrupt, anything else a failure. */
static inline gfx_status gfx_status_from_code(int rc)
{
    return rc == 0 ? GFX_OK : rc == 2 ? GFX_BAD_INPUT : rc == 130 ? GFX_INTERRUPTED : GFX_FAILED;
}

#endif
