/* The video sink: frames go to ffmpeg's stdin as raw video, and ffmpeg
 * writes an MP4 (libx264, yuv420p, AAC 192k audio), a GIF (palettegen and
 * paletteuse in one filter graph), a WebM (libvpx-vp9, Opus audio) or a MOV
 * (ProRes 4444 by prores_ks, yuv444p10le, PCM audio), chosen by the output's
 * extension.
 *
 * Alpha (settings.alpha): each frame becomes straight RGBA through the
 * kernel table's rgba_unpremultiply (gfx_kernels.h: alpha is the brightest
 * channel, so black is transparent) and goes to ffmpeg as rgba; a MOV is
 * then ProRes 4444 with alpha (yuva444p10le), a WebM VP9 with alpha
 * (yuva420p, tagged alpha_mode=1). MP4 and GIF cannot carry it: the check
 * refuses them. Without alpha a MOV (yuv444p10le) and a WebM are opaque.
 *
 * Safety: ffmpeg writes a temporary file beside the output
 * (".NAME.glyphfx-tmp.HOST.PID.XXXXXX.EXT", files.h), renamed over the output only when ffmpeg
 * exits 0; any failure or abort removes it, so a video the user already had
 * survives. ffmpeg's stderr goes to a log file in $TMPDIR, removed after
 * success and named (with its last lines) after a failure. If ffmpeg dies
 * mid-way (killed, disk full), the next frame write fails with EPIPE and the
 * sink reports it at once. Colour: BT.709 limited range, tagged in the file;
 * the yuv420p pipe uses the glyphfx kernel (gfx_kernels.h), the rgb24 pipe
 * lets ffmpeg convert with the same matrix. */
#ifndef GFX_FFMPEG_SINK_H
#define GFX_FFMPEG_SINK_H

#include "sink.h"
#include "status.h"

enum gfx_video_format { GFX_VIDEO_MP4, GFX_VIDEO_GIF, GFX_VIDEO_WEBM, GFX_VIDEO_MOV };

/* What crosses the pipe: RGB24 (ffmpeg converts) or yuv420p converted by
 * glyphfx (half the bytes). AUTO is the measured faster one (bench/e2e.sh),
 * overridable with GLYPHFX_PIPE=rgb24|yuv420p. Alpha always pipes RGBA, a
 * MOV without alpha RGB24 (its 4:4:4 gains nothing from yuv420p). */
enum gfx_pipe_format { GFX_PIPE_AUTO, GFX_PIPE_RGB24, GFX_PIPE_YUV420P, GFX_PIPE_RGBA };

typedef struct gfx_encode_settings {
    const char *output; /* .mp4, .gif, .webm or .mov */
    const char *audio;  /* a file to mux (its first audio stream), or NULL for none */
    double audio_start; /* seconds into `audio` where frame 0 sits (segments) */
    int width, height;
    double fps;
    int n_frames;       /* frames that will be written: the audio is cut to this length */
    int crf;            /* 0 = lossless (x264); clamped to the encoder's range */
    const char *preset; /* x264 preset; NULL = "veryfast" */
    enum gfx_pipe_format pipe;
    int alpha; /* frames with transparency: .mov or .webm only */
} gfx_encode_settings;

/* The format for a path's extension (case-insensitive), or -1 with one line
 * in err naming the path and the extensions expected. */
int gfx_video_format_of(const char *path, char *err, size_t err_size);

/* Everything that can be checked before rendering: the extension, alpha
 * only for .mov and .webm, ffmpeg in PATH and its encoder (`ffmpeg
 * -encoders`, asked once per process), the output's directory existing and
 * writable, the output not a directory, even width and height (but GIF),
 * crf 0..51 (ProRes has no crf: a MOV ignores it). Returns GFX_OK, or a status
 * with one line in err that says what is wrong and what was expected. */
gfx_status gfx_ffmpeg_sink_check(const gfx_encode_settings *s, char *err, size_t err_size);

/* Starts ffmpeg. Returns the sink, or NULL with *status and one line in err
 * (the check above is repeated first). A failure of ffmpeg itself quotes the
 * last lines of its log after the line, so give err a few KiB. */
gfx_sink *gfx_ffmpeg_sink_open(const gfx_encode_settings *s, gfx_status *status, char *err,
                               size_t err_size);

/* Milliseconds ffmpeg takes to encode one frame with the sink's settings for
 * s (the format of s->output, or MP4 when NULL; size, crf, preset, pipe),
 * written to the null muxer: n frames (n >= 2, each s->width x s->height)
 * encoded once as 1 and once as n, the difference divided by n - 1, so
 * ffmpeg's start-up does not count. Measured alone, with every core free.
 * A negative number when ffmpeg cannot run or fails. Prints nothing. */
double gfx_ffmpeg_encode_ms(const gfx_encode_settings *s, const gfx_image *const *frames, int n);

#endif
