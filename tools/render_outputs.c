/* glyphfx render, before any work: where the outputs go (the defaults, the
 * directories to make), that none of them is an input, that the font is
 * one, and how a library's status becomes the exit code. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "files.h"
#include "font.h"
#include "interrupt.h"
#include "render.h"

/* Frames go to ffmpeg (-o with a video extension, not a test frame). */
int render_wants_video(const struct render_options *o)
{
    return o->output && !o->null_sink && !o->png_dir && o->test_frame < 0.0 && !o->contact_sheet;
}

/* Prints a library's line, if it has one, and says what it means as an exit
 * status: 1 for a failure of the machine or a program, 2 for bad input. */
int render_exit_status(gfx_status status, const char *msg)
{
    return render_exit_status_as("glyphfx render", status, msg);
}

int render_exit_status_as(const char *prog, gfx_status status, const char *msg)
{
    /* whatever fails after a Ctrl-C fails because of it (a child's pipe cut,
     * a wait ended): the user hears that it was interrupted, not what broke */
    if (status != GFX_OK && status != GFX_INTERRUPTED && gfx_interrupted())
        return render_exit_status_as(prog, GFX_INTERRUPTED, "interrupted; nothing was written");
    if (status != GFX_OK && msg[0])
        fprintf(stderr, "%s: %s\n", prog, msg);
    switch (status) {
    case GFX_OK: return 0;
    case GFX_BAD_INPUT: return 2;
    case GFX_INTERRUPTED: return GFX_EXIT_INTERRUPTED;
    case GFX_FAILED: break;
    }
    return 1;
}

/* Opens the font once up front, so a bad --font is a usage error (2). */
int render_check_font(const char *prog, const char *path)
{
    char err[512];
    gfx_font *font = gfx_font_open(path, err, sizeof err);
    if (!font) {
        fprintf(stderr, "%s: --font %s\n", prog, err);
        return 2;
    }
    gfx_font_close(font);
    return 0;
}

/* Without an output named, the main job: a finished video, demo.mp4 or
 * SONG.mp4 here (.mov with --alpha). */
void render_default_output(struct render_options *o, char *buf, size_t size)
{
    if (o->output || o->png_dir || o->null_sink || o->test_frame >= 0.0 || o->contact_sheet ||
        o->stage_times)
        return;
    const char *base = o->audio ? strrchr(o->audio, '/') : NULL;
    base = base ? base + 1 : o->audio;
    const char *dot = base ? strrchr(base, '.') : NULL;
    const char *ext = o->alpha ? "mov" : "mp4"; /* an MP4 cannot carry alpha */
    if (base)
        snprintf(buf, size, "%.*s.%s",
                 (int)(dot && dot != base ? (size_t)(dot - base) : strlen(base)), base, ext);
    else
        snprintf(buf, size, "demo.%s", ext);
    o->output = buf;
    if (!o->quiet)
        fprintf(stderr, "glyphfx render: writing %s\n", o->output);
}

int render_check_alpha(const struct render_options *o)
{
    const char *mode = o->test_frame >= 0.0 ? "--test-frame"
                       : o->contact_sheet   ? "--contact-sheet"
                       : o->stage_times     ? "--stage-times"
                       : o->null_sink       ? "--null"
                                            : NULL;
    if (!o->alpha || !mode)
        return 0;
    fprintf(stderr,
            "glyphfx render: --alpha with %s: it writes no frames with transparency; expected "
            "-o FILE.mov, -o FILE.webm or --png-dir DIR\n",
            mode);
    return 2;
}

/* An output that is one of the inputs (by file identity: a hard link, a
 * symlink or another spelling of the same path counts) would be replaced by
 * the render: refused before anything runs. */
static int check_output_is_not_input(const struct render_options *o, const char *what,
                                     const char *out)
{
    const struct {
        const char *kind, *path;
    } inputs[] = {{"the input", o->audio},    {"--scene", o->scene_path},
                  {"--font", o->font_path},   {"--lyrics", o->lyrics_path},
                  {"--video", o->video_path}, {"--narration", o->narration_path}};
    for (size_t i = 0; out && i < sizeof inputs / sizeof *inputs; i++)
        if (inputs[i].path && gfx_same_file(inputs[i].path, out)) {
            fprintf(stderr,
                    "glyphfx render: %s %s is the same file as %s %s; the render would replace "
                    "it: expected another output name\n",
                    what, out, inputs[i].kind, inputs[i].path);
            return 2;
        }
    return 0;
}

/* Every file the render will write, against every input. */
int render_check_outputs(const struct render_options *o)
{
    char frame_path[4096];
    if (o->stage_times)
        return 0;
    if (o->contact_sheet)
        return check_output_is_not_input(o, "--contact-sheet", o->contact_sheet);
    if (o->test_frame >= 0.0)
        return render_test_frame_path(o, frame_path, sizeof frame_path) < 0
                   ? 0 /* refused as too long where it is written */
                   : check_output_is_not_input(o, "--test-frame output", frame_path);
    if (render_wants_video(o))
        return check_output_is_not_input(o, "-o", o->output);
    return 0;
}

/* --png-dir DIR is created with its parents when missing (the directory the
 * frames, or a test frame, go to); the directories made are removed again,
 * if still empty, when the render fails or is interrupted. */
const char *render_directory_to_make(const struct render_options *o)
{
    if (!o->png_dir || o->stage_times || o->contact_sheet)
        return NULL;
    return (o->test_frame >= 0.0 ? !o->output : !o->null_sink) ? o->png_dir : NULL;
}
