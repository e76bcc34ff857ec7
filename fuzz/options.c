/* libFuzzer harness: the command-line parser (tools/options.c) through
 * render's table (tools/render_options.c), and the shard command line built
 * from what it accepted. The input is split at newlines into the arguments
 * after "glyphfx render". Options it accepts must hold values in their
 * documented ranges; a refusal must be one of the parser's statuses. The
 * parser prints a line per refusal: tools/fuzz.sh runs this one with
 * -close_fd_mask=3, so libFuzzer keeps its own reports and drops those. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096 || memchr(data, 0, size)) /* argv strings hold no NUL */
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    char *argv[MAX_ARGS + 2] = {"render"};
    int argc = 1;
    for (char *line = text, *next; line && argc < MAX_ARGS; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        argv[argc++] = line;
    }
    argv[argc] = NULL;
    struct render_options o;
    int rc = render_parse_options(argc, argv, &o);
    if (rc == 0) {
        if (o.workers < 0 || o.crf < -1 || o.crf > 51 || !isfinite(o.duration) || o.duration < 0 ||
            !isfinite(o.fps) || o.fps < 0 || !isfinite(o.test_frame))
            abort();
        int n = 0;
        char **args = render_shard_args(argc, argv, "/usr/bin/glyphfx", "/tmp/out.mp4", &n);
        if (args && n < 2)
            abort();
        render_args_free(args, n);
    } else if (rc != GFX_OPTIONS_HELP && rc != 2) {
        abort();
    }
    free(text);
    return 0;
}
