#include "ffmpeg_sink.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "encoders.h"
#include "ffmpeg_pipe.h"
#include "files.h"
#include "gfx_kernels.h"
#include "timing.h"

typedef struct ffmpeg_sink {
    gfx_sink base; /* first: the sink.h callbacks receive &base */
    gfx_child child;
    enum gfx_video_format format;
    enum gfx_pipe_format pipe;
    int width, height, frames;
    int failed; /* a failure was reported with the log's path: keep the log */
    char output[PATH_MAX];
    gfx_atomic out;     /* the temporary file ffmpeg writes */
    uint8_t *converted; /* the frame as the pipe carries it: yuv420p or RGBA */
    size_t converted_bytes;
    char description[PATH_MAX + 16];
} ffmpeg_sink;

/* ------------------------------------------------------------- checking */

int gfx_video_format_of(const char *path, char *err, size_t err_size)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash)) {
        if (!strcasecmp(dot, ".mp4"))
            return GFX_VIDEO_MP4;
        if (!strcasecmp(dot, ".gif"))
            return GFX_VIDEO_GIF;
        if (!strcasecmp(dot, ".webm"))
            return GFX_VIDEO_WEBM;
        if (!strcasecmp(dot, ".mov"))
            return GFX_VIDEO_MOV;
    }
    gfx_fail(err, err_size, GFX_BAD_INPUT,
             "-o %s: unknown video extension '%s'; expected .mp4, .gif, .webm or .mov "
             "(or --png-dir DIR for PNG frames)",
             path, dot && (!slash || dot > slash) ? dot : "");
    return -1;
}

static int has_encoder(const char *name)
{
    return gfx_ffmpeg_has_encoder(name) == 1;
}

static const char *video_encoder(enum gfx_video_format f)
{
    switch (f) {
    case GFX_VIDEO_MP4: return "libx264";
    case GFX_VIDEO_WEBM: return "libvpx-vp9";
    case GFX_VIDEO_MOV: return "prores_ks";
    case GFX_VIDEO_GIF: break;
    }
    return "gif";
}

static const char *format_name(enum gfx_video_format f)
{
    switch (f) {
    case GFX_VIDEO_MP4: return "mp4";
    case GFX_VIDEO_WEBM: return "webm";
    case GFX_VIDEO_MOV: return "mov";
    case GFX_VIDEO_GIF: break;
    }
    return "gif";
}

/* The directory part of a path ("." for a bare name). */
static void directory_of(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, size, ".");
    else if (slash == path)
        snprintf(dir, size, "/");
    else
        snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

/* Can we create a file there? access() says yes to root even on a read-only
 * mount's permission bits, so try for real: a files.h temporary (unique, so
 * segments may check the same directory from several threads), dropped. */
static int directory_writable(const char *dir)
{
    char probe[PATH_MAX];
    gfx_atomic a;
    if (snprintf(probe, sizeof probe, "%s/write-test", dir) >= (int)sizeof probe) {
        errno = ENAMETOOLONG;
        return 0;
    }
    if (gfx_atomic_open(&a, probe, GFX_ATOMIC_PATH, NULL, 0) < 0)
        return 0;
    gfx_atomic_abort(&a);
    return 1;
}

static gfx_status check_output_path(const char *output, char *err, size_t err_size)
{
    char dir[PATH_MAX];
    directory_of(output, dir, sizeof dir);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "-o %s: directory '%s' does not exist; expected an existing, "
                        "writable directory",
                        output, dir);
    if (stat(output, &st) == 0 && S_ISDIR(st.st_mode))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "-o %s: is a directory; expected a video file name", output);
    if (!directory_writable(dir))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "-o %s: directory '%s' is not writable (%s); expected a writable "
                        "directory",
                        output, dir, strerror(errno));
    return GFX_OK;
}

gfx_status gfx_ffmpeg_sink_check(const gfx_encode_settings *s, char *err, size_t err_size)
{
    int format = gfx_video_format_of(s->output, err, err_size);
    if (format < 0)
        return GFX_BAD_INPUT;
    if (s->alpha && (format == GFX_VIDEO_MP4 || format == GFX_VIDEO_GIF))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "-o %s: --alpha needs an output that carries transparency, and %s "
                        "cannot; expected -o FILE.mov (ProRes 4444), -o FILE.webm (VP9) or "
                        "--png-dir DIR (RGBA PNG)",
                        s->output, format == GFX_VIDEO_MP4 ? "MP4 (H.264, yuv420p)" : "GIF");
    char ffmpeg[PATH_MAX];
    if (!gfx_find_program("ffmpeg", ffmpeg, sizeof ffmpeg))
        return gfx_fail_missing_ffmpeg(err, err_size, "ffmpeg");
    const char *encoder = video_encoder((enum gfx_video_format)format);
    if (!gfx_ffmpeg_encoders()) {
        const char *tmpdir = getenv("TMPDIR");
        return gfx_fail(err, err_size, GFX_FAILED,
                        "-o %s: cannot run ffmpeg -encoders to look for %s: %s; expected a "
                        "writable TMPDIR (now %s) for its log",
                        s->output, encoder, strerror(errno), tmpdir && *tmpdir ? tmpdir : "/tmp");
    }
    if (!has_encoder(encoder))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "-o %s: this ffmpeg (%s) has no %s encoder; install a full build "
                        "(apt-get install ffmpeg) or use --png-dir DIR",
                        s->output, ffmpeg, encoder);
    if (format != GFX_VIDEO_GIF && (s->width % 2 || s->height % 2))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "resolution %dx%d: %s video needs an even width and height", s->width,
                        s->height, format_name((enum gfx_video_format)format));
    if (s->crf < 0 || s->crf > 51)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "--crf %d: out of range; expected 0 (lossless) to 51", s->crf);
    return check_output_path(s->output, err, err_size);
}

/* ------------------------------------------------------- ffmpeg command */

typedef struct arg_list {
    char *argv[96];
    int n;
    char numbers[16][32]; /* storage for formatted numbers */
    char audio_url[GFX_FFMPEG_URL_MAX], output_url[GFX_FFMPEG_URL_MAX];
    int n_numbers;
} arg_list;

static void add(arg_list *a, const char *arg)
{
    a->argv[a->n++] = (char *)arg;
    a->argv[a->n] = NULL;
}

static const char *formatted(arg_list *a, const char *fmt, ...)
{
    char *buf = a->numbers[a->n_numbers++];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof a->numbers[0], fmt, ap);
    va_end(ap);
    return buf;
}

static const char *audio_codec(enum gfx_video_format f)
{
    if (f == GFX_VIDEO_MP4)
        return "aac";
    if (f == GFX_VIDEO_MOV) /* uncompressed, as editors expect beside ProRes */
        return "pcm_s16le";
    if (f == GFX_VIDEO_WEBM)
        return has_encoder("libopus") ? "libopus" : has_encoder("libvorbis") ? "libvorbis" : NULL;
    return NULL;
}

static void add_video_input(arg_list *a, const gfx_encode_settings *s, enum gfx_pipe_format pipe)
{
    add(a, "-f"), add(a, "rawvideo");
    add(a, "-pix_fmt");
    add(a, pipe == GFX_PIPE_YUV420P ? "yuv420p" : pipe == GFX_PIPE_RGBA ? "rgba" : "rgb24");
    if (pipe == GFX_PIPE_YUV420P) /* say what the kernel produced, so ffmpeg does not convert */
        add(a, "-color_range"), add(a, "tv"), add(a, "-colorspace"), add(a, "bt709");
    add(a, "-video_size"), add(a, formatted(a, "%dx%d", s->width, s->height));
    add(a, "-framerate"), add(a, formatted(a, "%.6g", s->fps));
    add(a, "-i"), add(a, "pipe:0");
}

static void add_x264(arg_list *a, const gfx_encode_settings *s, enum gfx_pipe_format pipe)
{
    if (pipe == GFX_PIPE_RGB24)
        add(a, "-vf"), add(a, "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p");
    add(a, "-c:v"), add(a, "libx264");
    add(a, "-preset"), add(a, s->preset ? s->preset : "veryfast");
    add(a, "-crf"), add(a, formatted(a, "%d", s->crf));
    add(a, "-pix_fmt"), add(a, "yuv420p");
    add(a, "-colorspace"), add(a, "bt709"), add(a, "-color_primaries"), add(a, "bt709");
    add(a, "-color_trc"), add(a, "bt709"), add(a, "-color_range"), add(a, "tv");
}

static void add_vp9(arg_list *a, const gfx_encode_settings *s, enum gfx_pipe_format pipe)
{
    const char *pix_fmt = pipe == GFX_PIPE_RGBA ? "yuva420p" : "yuv420p";
    if (pipe != GFX_PIPE_YUV420P)
        add(a, "-vf"), add(a, pipe == GFX_PIPE_RGBA
                                  ? "scale=out_color_matrix=bt709:out_range=tv,format=yuva420p"
                                  : "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p");
    add(a, "-c:v"), add(a, "libvpx-vp9");
    add(a, "-crf"), add(a, formatted(a, "%d", s->crf > 63 ? 63 : s->crf));
    add(a, "-b:v"), add(a, "0");
    if (s->crf == 0)
        add(a, "-lossless"), add(a, "1");
    add(a, "-deadline"), add(a, "realtime"), add(a, "-cpu-used"), add(a, "8");
    add(a, "-row-mt"), add(a, "1");
    add(a, "-pix_fmt"), add(a, pix_fmt);
}

/* ProRes 4444 (profile 4), 10-bit 4:4:4, with a 16-bit alpha plane when the
 * pipe carries RGBA; no crf (ProRes picks its quantiser per frame). */
static void add_prores(arg_list *a, enum gfx_pipe_format pipe)
{
    const char *pix_fmt = pipe == GFX_PIPE_RGBA ? "yuva444p10le" : "yuv444p10le";
    add(a, "-vf"), add(a, pipe == GFX_PIPE_RGBA
                              ? "scale=out_color_matrix=bt709:out_range=tv,format=yuva444p10le"
                              : "scale=out_color_matrix=bt709:out_range=tv,format=yuv444p10le");
    add(a, "-c:v"), add(a, "prores_ks");
    add(a, "-profile:v"), add(a, "4444");
    add(a, "-vendor"), add(a, "apl0");
    add(a, "-pix_fmt"), add(a, pix_fmt);
    add(a, "-colorspace"), add(a, "bt709"), add(a, "-color_primaries"), add(a, "bt709");
    add(a, "-color_trc"), add(a, "bt709"), add(a, "-color_range"), add(a, "tv");
}

static void build_command(arg_list *a, const gfx_encode_settings *s, enum gfx_video_format format,
                          enum gfx_pipe_format pipe, const char *tmp)
{
    a->n = a->n_numbers = 0;
    add(a, "ffmpeg"), add(a, "-nostdin"), add(a, "-hide_banner"), add(a, "-v"), add(a, "error");
    add(a, "-y");
    add_video_input(a, s, format == GFX_VIDEO_GIF ? GFX_PIPE_RGB24 : pipe);
    const char *acodec = s->audio ? audio_codec(format) : NULL;
    if (acodec) {
        /* Cut the audio to the video's length at the input: exact, where
         * -shortest alone may overshoot by some audio packets. */
        if (s->audio_start > 0)
            add(a, "-ss"), add(a, formatted(a, "%.6f", s->audio_start));
        add(a, "-t"), add(a, formatted(a, "%.6f", s->n_frames / s->fps));
        gfx_ffmpeg_file_url(s->audio, a->audio_url, sizeof a->audio_url);
        add(a, "-i"), add(a, a->audio_url);
    }
    add(a, "-map"), add(a, "0:v:0");
    if (acodec)
        add(a, "-map"), add(a, "1:a:0");
    if (format == GFX_VIDEO_MP4)
        add_x264(a, s, pipe);
    else if (format == GFX_VIDEO_WEBM)
        add_vp9(a, s, pipe);
    else if (format == GFX_VIDEO_MOV)
        add_prores(a, pipe);
    else
        add(a, "-filter_complex"),
            add(a,
                "[0:v]split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=bayer");
    if (acodec) {
        add(a, "-c:a"), add(a, acodec);
        if (format != GFX_VIDEO_MOV)
            add(a, "-b:a"), add(a, format == GFX_VIDEO_MP4 ? "192k" : "128k");
        add(a, "-shortest");
    }
    if (!tmp) { /* a measurement: encode, then discard */
        add(a, "-f"), add(a, "null"), add(a, "-");
        return;
    }
    if (format == GFX_VIDEO_MP4)
        add(a, "-movflags"), add(a, "+faststart");
    add(a, "-f"), add(a, format_name(format));
    gfx_ffmpeg_file_url(tmp, a->output_url, sizeof a->output_url);
    add(a, a->output_url);
}

/* ------------------------------------------------------------ the sink */

/* The line, then the last lines of ffmpeg's log, each on its own line. */
static void fail_ffmpeg(ffmpeg_sink *fs, int status, const char *when, char *err, size_t err_size)
{
    char tail[2048];
    fs->failed = 1;
    gfx_log_tail(fs->child.log_path, 6, tail, sizeof tail);
    size_t len = strlen(tail);
    if (len > 0 && tail[len - 1] == '\n')
        tail[len - 1] = '\0';
    gfx_fail(err, err_size, GFX_FAILED,
             "ffmpeg failed %s %s (exit status %d, after %d frames); %s; its log %s ends:\n%s",
             when, fs->output, status, fs->frames, "nothing was written to the output",
             fs->child.log_path, tail[0] ? tail : "  | (empty)");
}

static void sink_free(ffmpeg_sink *fs)
{
    gfx_atomic_abort(&fs->out); /* nothing left to remove after a commit */
    free(fs->converted);
    free(fs);
}

/* Bytes of a width x height frame as `pipe` carries it. */
static size_t pipe_frame_bytes(enum gfx_pipe_format pipe, int width, int height)
{
    size_t pixels = (size_t)width * (size_t)height;
    if (pipe == GFX_PIPE_RGBA)
        return 4 * pixels;
    if (pipe == GFX_PIPE_YUV420P)
        return pixels + 2 * (size_t)((width + 1) / 2) * (size_t)((height + 1) / 2);
    return 3 * pixels;
}

/* The frame as `pipe` carries it: converted into buf (pipe_frame_bytes) for
 * yuv420p and RGBA, the frame's own bytes for RGB24. */
static const uint8_t *pipe_frame(enum gfx_pipe_format pipe, const gfx_image *f, uint8_t *buf)
{
    const struct gfx_kernels *k = gfx_kernels_get();
    if (pipe == GFX_PIPE_RGBA) {
        k->rgba_unpremultiply(buf, 4 * (ptrdiff_t)f->width, f->px, f->stride, f->width, f->height);
        return buf;
    }
    if (pipe != GFX_PIPE_YUV420P)
        return f->px;
    size_t luma = (size_t)f->width * f->height, chroma_stride = (size_t)(f->width + 1) / 2;
    size_t chroma = chroma_stride * (size_t)((f->height + 1) / 2);
    k->rgb_to_yuv420p(buf, f->width, buf + luma, buf + luma + chroma, (ptrdiff_t)chroma_stride,
                      f->px, f->stride, f->width, f->height);
    return buf;
}

static int sink_write(gfx_sink *sink, const gfx_image *frame, int frame_index, char *err,
                      size_t err_size)
{
    /* frames arrive in order (sink.h): frame_index only names the frame in messages */
    ffmpeg_sink *fs = (ffmpeg_sink *)sink;
    if (frame->width != fs->width || frame->height != fs->height) {
        gfx_fail(err, err_size, GFX_FAILED, "frame %d is %dx%d; the video is %dx%d", frame_index,
                 frame->width, frame->height, fs->width, fs->height);
        return -1;
    }
    int rc = gfx_child_write_all(&fs->child, pipe_frame(fs->pipe, frame, fs->converted),
                                 pipe_frame_bytes(fs->pipe, fs->width, fs->height));
    if (rc < 0 && errno == EINTR)
        return -1; /* interrupted: the caller aborts the sink, which ends ffmpeg */
    if (rc < 0) {
        int write_errno = errno;
        int status = gfx_child_wait(&fs->child);
        if (write_errno == EPIPE)
            fail_ffmpeg(fs, status, "while encoding", err, err_size);
        else
            gfx_fail(err, err_size, GFX_FAILED, "writing frame %d to ffmpeg for %s: %s",
                     frame_index, fs->output, strerror(write_errno));
        return -1;
    }
    fs->frames++;
    return 0;
}

static int sink_finish(gfx_sink *sink, char *err, size_t err_size)
{
    ffmpeg_sink *fs = (ffmpeg_sink *)sink;
    int status = gfx_child_wait(&fs->child);
    struct stat st;
    int rc = 0;
    if (status != 0) {
        fail_ffmpeg(fs, status, "finishing", err, err_size);
        rc = -1;
    } else if (stat(fs->out.tmp, &st) != 0 || st.st_size == 0) {
        gfx_fail(err, err_size, GFX_FAILED, "ffmpeg exited 0 but wrote nothing for %s; log %s",
                 fs->output, fs->child.log_path);
        rc = -1;
    } else {
        char why[PATH_MAX + 128];
        rc = gfx_atomic_commit(&fs->out, 0, why, sizeof why);
        if (rc)
            gfx_fail(err, err_size, GFX_FAILED, "-o %s", why);
    }
    if (rc == 0)
        gfx_child_remove_log(&fs->child);
    sink_free(fs); /* removes the temporary unless committed */
    return rc;
}

static void sink_abort(gfx_sink *sink)
{
    ffmpeg_sink *fs = (ffmpeg_sink *)sink;
    gfx_child_kill(&fs->child);
    if (!fs->failed)
        gfx_child_remove_log(&fs->child);
    sink_free(fs);
}

static enum gfx_pipe_format choose_pipe(const gfx_encode_settings *s, enum gfx_video_format format)
{
    if (s->alpha)
        return GFX_PIPE_RGBA;
    if (format == GFX_VIDEO_GIF || format == GFX_VIDEO_MOV)
        return GFX_PIPE_RGB24;
    enum gfx_pipe_format requested = s->pipe;
    const char *env = getenv("GLYPHFX_PIPE");
    if (env && !strcmp(env, "rgb24"))
        return GFX_PIPE_RGB24;
    if (env && !strcmp(env, "yuv420p"))
        return GFX_PIPE_YUV420P;
    if (requested != GFX_PIPE_AUTO)
        return requested;
    return GFX_PIPE_YUV420P; /* measured faster end to end: bench/e2e.sh */
}

gfx_sink *gfx_ffmpeg_sink_open(const gfx_encode_settings *s, gfx_status *status, char *err,
                               size_t err_size)
{
    *status = gfx_ffmpeg_sink_check(s, err, err_size);
    if (*status)
        return NULL;
    ffmpeg_sink *fs = calloc(1, sizeof *fs);
    if (!fs) {
        *status = gfx_fail(err, err_size, GFX_FAILED, "-o %s: out of memory for the video sink",
                           s->output);
        return NULL;
    }
    fs->format = (enum gfx_video_format)gfx_video_format_of(s->output, err, err_size);
    fs->pipe = choose_pipe(s, fs->format);
    fs->width = s->width;
    fs->height = s->height;
    snprintf(fs->output, sizeof fs->output, "%s", s->output);
    char why[PATH_MAX + 128];
    if (gfx_atomic_open(&fs->out, s->output, GFX_ATOMIC_PATH, why, sizeof why) < 0) {
        *status = gfx_fail(err, err_size, errno == ENAMETOOLONG ? GFX_BAD_INPUT : GFX_FAILED,
                           "-o %s", why);
        free(fs);
        return NULL;
    }
    if (fs->pipe == GFX_PIPE_YUV420P || fs->pipe == GFX_PIPE_RGBA) {
        fs->converted_bytes = pipe_frame_bytes(fs->pipe, s->width, s->height);
        fs->converted = malloc(fs->converted_bytes);
        if (!fs->converted) {
            *status = gfx_fail(err, err_size, GFX_FAILED, "-o %s: out of memory for the %s frame",
                               s->output, fs->pipe == GFX_PIPE_RGBA ? "RGBA" : "yuv420p");
            sink_free(fs);
            return NULL;
        }
    }
    signal(SIGPIPE, SIG_IGN);
    arg_list args;
    build_command(&args, s, fs->format, fs->pipe, fs->out.tmp);
    if (gfx_child_spawn(&fs->child, args.argv, GFX_PIPE_WRITE_STDIN, "encode") < 0) {
        *status = gfx_fail(err, err_size, GFX_FAILED, "-o %s: cannot start ffmpeg: %s", s->output,
                           strerror(errno));
        sink_free(fs);
        return NULL;
    }
    /* A bigger pipe means fewer wake-ups per frame (best effort). */
    fcntl(fs->child.fd, F_SETPIPE_SZ, 1 << 20);
    snprintf(fs->description, sizeof fs->description, "%s%s:%s", format_name(fs->format),
             s->alpha ? "+alpha" : "", s->output);
    fs->base = (gfx_sink){.write_frame = sink_write,
                          .finish = sink_finish,
                          .abort = sink_abort,
                          .description = fs->description};
    return &fs->base;
}

/* ------------------------------------------------- encoder measurement */

/* Seconds for ffmpeg to encode n frames to the null muxer, from its start
 * to its exit; a negative number on failure. buf holds a converted frame. */
static double encode_seconds(const gfx_encode_settings *s, enum gfx_video_format format,
                             enum gfx_pipe_format pipe, const gfx_image *const *frames, int n,
                             uint8_t *buf)
{
    arg_list args;
    gfx_encode_settings q = *s;
    q.audio = NULL;
    q.n_frames = n;
    build_command(&args, &q, format, pipe, NULL);
    gfx_child child;
    double t0 = gfx_now_s();
    if (gfx_child_spawn(&child, args.argv, GFX_PIPE_WRITE_STDIN, "measure") < 0)
        return -1.0;
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++)
        rc = gfx_child_write_all(&child, pipe_frame(pipe, frames[i], buf),
                                 pipe_frame_bytes(pipe, s->width, s->height));
    if (rc < 0) {
        gfx_child_kill(&child);
        gfx_child_remove_log(&child);
        return -1.0;
    }
    int status = gfx_child_wait(&child);
    double t = gfx_now_s() - t0;
    gfx_child_remove_log(&child);
    return status == 0 ? t : -1.0;
}

double gfx_ffmpeg_encode_ms(const gfx_encode_settings *s, const gfx_image *const *frames, int n)
{
    char unused[512];
    int format = s->output ? gfx_video_format_of(s->output, unused, sizeof unused) : GFX_VIDEO_MP4;
    if (format < 0 || n < 2)
        return -1.0;
    for (int i = 0; i < n; i++)
        if (frames[i]->width != s->width || frames[i]->height != s->height)
            return -1.0;
    enum gfx_pipe_format pipe = choose_pipe(s, (enum gfx_video_format)format);
    uint8_t *buf = NULL;
    if (pipe == GFX_PIPE_YUV420P || pipe == GFX_PIPE_RGBA) {
        buf = malloc(pipe_frame_bytes(pipe, s->width, s->height));
        if (!buf)
            return -1.0;
    }
    signal(SIGPIPE, SIG_IGN);
    /* Two runs, of 1 frame and of n: the difference is n - 1 frames of
     * encoding without ffmpeg's start-up and x264's set-up. */
    double one = encode_seconds(s, (enum gfx_video_format)format, pipe, frames, 1, buf);
    double all =
        one < 0 ? -1.0 : encode_seconds(s, (enum gfx_video_format)format, pipe, frames, n, buf);
    free(buf);
    if (all < 0)
        return -1.0;
    double per_frame = all > one ? (all - one) / (n - 1) : all / n;
    return 1e3 * per_frame;
}
