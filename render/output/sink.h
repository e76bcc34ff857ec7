/* Where finished frames go: a PNG sequence, an ffmpeg pipe, or nothing.
 * Frames arrive in order, each exactly once. A sink writes under temporary
 * names and makes its output visible only in finish(); abort() removes
 * everything it wrote, so a failed or interrupted run leaves what the user
 * had untouched. */
#ifndef GFX_SINK_H
#define GFX_SINK_H

#include <stddef.h>

#include "image.h"

typedef struct gfx_sink gfx_sink;
struct gfx_sink {
    /* 0 on success; -1 with one line in err that says what failed (an
     * ffmpeg failure adds the last lines of its log: give a few KiB). */
    int (*write_frame)(gfx_sink *sink, const gfx_image *frame, int frame_index, char *err,
                       size_t err_size);
    /* Completes and renames; frees the sink. 0, or -1 with one line in err. */
    int (*finish)(gfx_sink *sink, char *err, size_t err_size);
    void (*abort)(gfx_sink *sink); /* removes partial output; frees the sink */
    const char *description;       /* for progress lines, e.g. "png:out/" */
};

#endif
