#include "video_source.h"

#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ffmpeg_pipe.h"
#include "interrupt.h"

/* How ffmpeg is to read the path: a file, or images by pattern or glob. */
enum input_form { FORM_FILE, FORM_PATTERN, FORM_GLOB };

/* The path as ffmpeg's input: the url, and the options before -i. */
typedef struct input {
    enum input_form form;
    char url[GFX_FFMPEG_URL_MAX];
    char rate[32]; /* -framerate for a sequence */
} input;

struct gfx_video_source {
    char path[PATH_MAX];
    input in;
    gfx_video_info info;
    int stream_index; /* ffprobe's index of the video stream, for -map */
    int seek_margin;  /* input frames a seek lands before its target */
    int width, height, fps_num, fps_den;
    gfx_child child;
    int running;
    long next_input;  /* the input frame the pipe hands over next */
    long end;         /* the first input frame past the clip; -1 while unknown */
    uint8_t *frame;   /* the last input frame read */
    long frame_input; /* its index; -1 for none */
    int starts;
};

/* ------------------------------------------------------------------ probe */

static gfx_status check_file(const char *path, char *err, size_t err_size)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: %s; expected a video or image file",
                        path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return gfx_fail(
            err, err_size, GFX_BAD_INPUT,
            "%s: is not a regular file; expected a video or image file (frames are read by "
            "seeking in it)",
            path);
    if (st.st_size == 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: is empty (0 bytes); expected a video or image file", path);
    if (access(path, R_OK) != 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: %s; expected a readable video or image file", path, strerror(errno));
    return GFX_OK;
}

/* A printf number in the path (%d, %04d; %% is a percent sign): ffmpeg's
 * image2 reads it as a pattern. */
static const char *pattern_number(const char *path)
{
    for (const char *p = strchr(path, '%'); p; p = strchr(p, '%')) {
        const char *start = p++;
        if (*p == '%') {
            p++;
            continue;
        }
        p += strspn(p, "0123456789");
        if (*p == 'd')
            return start;
    }
    return NULL;
}

static enum input_form form_of(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return FORM_FILE;
    if (pattern_number(path))
        return FORM_PATTERN;
    return strpbrk(path, "*?[") ? FORM_GLOB : FORM_FILE;
}

/* A pattern's numbers as glob stars: what the files it names look like. */
static int glob_of_pattern(const char *path, char *out, size_t size)
{
    size_t o = 0;
    for (const char *p = path; *p && o + 1 < size; p++) {
        const char *number = *p == '%' ? pattern_number(p) : NULL;
        if (number == p) {
            p += 1 + strspn(p + 1, "0123456789");
            out[o++] = '*';
        } else {
            p += *p == '%' && p[1] == '%';
            out[o++] = *p;
        }
    }
    out[o] = '\0';
    return o + 1 < size ? 0 : -1;
}

/* A pattern or glob that matches no file fails here, before ffprobe (which
 * takes an empty glob for a picture of size 0). */
static gfx_status check_sequence(const char *path, enum input_form form, char *err, size_t err_size)
{
    const char *expected = form == FORM_PATTERN
                               ? "expected images named by a printf pattern (img_%04d.png)"
                               : "expected images matched by a glob (img_*.png)";
    char pattern[PATH_MAX];
    if (form == FORM_PATTERN ? glob_of_pattern(path, pattern, sizeof pattern) != 0
                             : snprintf(pattern, sizeof pattern, "%s", path) >= (int)sizeof pattern)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: path too long; %s", path, expected);
    glob_t found;
    memset(&found, 0, sizeof found);
    size_t n = glob(pattern, 0, NULL, &found) == 0 ? found.gl_pathc : 0;
    globfree(&found);
    return n ? GFX_OK
             : gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: matches no file; %s", path, expected);
}

/* Checks the path and sets up how ffmpeg reads it. */
static gfx_status input_of(const char *path, double image_fps, input *in, char *err,
                           size_t err_size)
{
    memset(in, 0, sizeof *in);
    in->form = form_of(path);
    const long milli = lround((image_fps > 0 ? image_fps : GFX_IMAGE_FPS_DEFAULT) * 1000);
    if (in->form != FORM_FILE && (milli < 1 || milli > 1000000))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: images at %g fps; expected a rate in 0.001..1000", path, image_fps);
    snprintf(in->rate, sizeof in->rate, "%ld/1000", milli);
    gfx_status status = in->form == FORM_FILE ? check_file(path, err, err_size)
                                              : check_sequence(path, in->form, err, err_size);
    if (status)
        return status;
    /* a glob goes to ffmpeg as is: glob() would take "file:" for a folder */
    int too_long = in->form == FORM_GLOB
                       ? snprintf(in->url, sizeof in->url, "%s", path) >= (int)sizeof in->url
                       : gfx_ffmpeg_file_url(path, in->url, sizeof in->url) != 0;
    return too_long ? gfx_fail(err, err_size, GFX_BAD_INPUT,
                               "%s: path too long; expected at most %d bytes", path,
                               GFX_FFMPEG_URL_MAX - 6)
                    : GFX_OK;
}

/* ffmpeg's (or ffprobe's) options for reading `in`, ending in -i URL: the
 * count added to argv. */
static int input_args(const input *in, char **argv)
{
    int a = 0;
    if (in->form != FORM_FILE)
        argv[a++] = "-f", argv[a++] = "image2", argv[a++] = "-framerate",
        argv[a++] = (char *)in->rate;
    if (in->form == FORM_GLOB)
        argv[a++] = "-pattern_type", argv[a++] = "glob";
    argv[a++] = "-i", argv[a++] = (char *)in->url;
    return a;
}

/* The last line of a child's log, without the tail's "  | " prefix. */
static void last_log_line(const gfx_child *child, char *line, size_t size)
{
    char tail[1024];
    gfx_log_tail(child->log_path, 1, tail, sizeof tail);
    size_t len = strcspn(tail, "\n");
    snprintf(line, size, "%.*s", len > 4 ? (int)(len - 4) : 0, tail + 4);
    if (!line[0])
        snprintf(line, size, "no message");
}

/* ffprobe's compact answer for the video streams and the container. */
static gfx_status run_ffprobe(const char *path, const input *in, char **text, char *err,
                              size_t err_size)
{
    char program[PATH_MAX];
    if (!gfx_find_program("ffprobe", program, sizeof program))
        return gfx_fail_missing_ffmpeg(err, err_size, "ffprobe");
    char *argv[24] = {"ffprobe",
                      "-v",
                      "error",
                      "-select_streams",
                      "v",
                      "-show_entries",
                      "stream=index,width,height,r_frame_rate,avg_frame_rate,start_time,duration,"
                      "nb_frames:stream_disposition=attached_pic:format=format_name,duration",
                      "-of",
                      "compact"};
    int a = 0;
    while (argv[a]) /* past the fixed options */
        a++;
    a += input_args(in, argv + a);
    argv[a] = NULL;
    gfx_child child;
    if (gfx_child_spawn(&child, argv, GFX_PIPE_READ_STDOUT, "probe") < 0)
        return gfx_fail(err, err_size, GFX_FAILED, "%s: cannot start ffprobe: %s", path,
                        strerror(errno));
    unsigned char *data = NULL;
    ptrdiff_t n = gfx_child_read_all(&child, &data);
    int status = gfx_child_wait(&child);
    if (n < 0 || status != 0) {
        char line[512];
        last_log_line(&child, line, sizeof line);
        gfx_child_remove_log(&child);
        free(data);
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        in->form == FORM_FILE
                            ? "%s: ffprobe cannot read it (%s); expected a video or image file, "
                              "complete and not corrupt"
                            : "%s: ffprobe cannot read the images (%s); expected images, "
                              "numbered from 0..4 on for a pattern, not corrupt",
                        path, line);
    }
    gfx_child_remove_log(&child);
    char *grown = realloc(data, (size_t)n + 1);
    if (!grown) {
        free(data);
        return gfx_fail(err, err_size, GFX_FAILED, "%s: out of memory for ffprobe's answer", path);
    }
    grown[n] = '\0';
    *text = grown;
    return GFX_OK;
}

static double number_field(const char *line, const char *key)
{
    char v[64];
    if (!gfx_ffprobe_field(line, key, v, sizeof v))
        return 0;
    char *end;
    double x = strtod(v, &end);
    return end != v && isfinite(x) && x > 0 ? x : 0;
}

static int rate_field(const char *line, const char *key, int *num, int *den)
{
    char v[64];
    return gfx_ffprobe_field(line, key, v, sizeof v) && sscanf(v, "%d/%d", num, den) == 2 &&
           *num > 0 && *den > 0;
}

/* Fills info from the first video stream that is not an attached picture;
 * -1 when there is none. */
static int parse_stream(char *line, gfx_video_info *info, int *index)
{
    char v[64];
    if (gfx_ffprobe_field(line, "disposition:attached_pic", v, sizeof v) && !strcmp(v, "1"))
        return -1;
    info->width = gfx_ffprobe_field(line, "width", v, sizeof v) ? atoi(v) : 0;
    info->height = gfx_ffprobe_field(line, "height", v, sizeof v) ? atoi(v) : 0;
    *index = gfx_ffprobe_field(line, "index", v, sizeof v) ? atoi(v) : 0;
    if (!rate_field(line, "r_frame_rate", &info->fps_num, &info->fps_den) &&
        !rate_field(line, "avg_frame_rate", &info->fps_num, &info->fps_den))
        info->fps_num = info->fps_den = 0;
    info->start_time = number_field(line, "start_time");
    info->duration = number_field(line, "duration");
    info->frame_count = (long)number_field(line, "nb_frames");
    return 0;
}

static gfx_status probe(const char *path, const input *in, gfx_video_info *info, int *index,
                        char *err, size_t err_size)
{
    memset(info, 0, sizeof *info);
    char *text = NULL;
    gfx_status status = run_ffprobe(path, in, &text, err, err_size);
    if (status)
        return status;
    int found = 0;
    double container_duration = 0;
    char format[128] = "";
    char *rest;
    for (char *line = strtok_r(text, "\n", &rest); line; line = strtok_r(NULL, "\n", &rest)) {
        if (!strncmp(line, "stream|", 7) && !found)
            found = parse_stream(line, info, index) == 0;
        else if (!strncmp(line, "format|", 7)) {
            gfx_ffprobe_field(line, "format_name", format, sizeof format);
            container_duration = number_field(line, "duration");
        }
    }
    free(text);
    if (!found)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: has no video stream (%s%s); expected a video or image file", path,
                        format[0] ? "format " : "", format[0] ? format : "unknown format");
    size_t len = strlen(format);
    if (in->form != FORM_FILE)
        info->kind = GFX_PICTURE_SEQUENCE;
    else if (!strcmp(format, "image2") || (len > 5 && !strcmp(format + len - 5, "_pipe"))) {
        /* one picture, whatever rate image2 states */
        info->kind = GFX_PICTURE_STILL;
        info->fps_num = info->fps_den = 1;
        info->duration = info->start_time = 0;
        info->frame_count = 1;
    }
    if (info->width <= 0 || info->height <= 0 || info->fps_num <= 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: its video stream states no %s; expected a video or image file "
                        "with one",
                        path, info->fps_num <= 0 ? "frame rate" : "picture size");
    if (info->duration == 0)
        info->duration = container_duration;
    if (info->frame_count == 0)
        info->frame_count = lround(info->duration * info->fps_num / info->fps_den);
    return GFX_OK;
}

gfx_status gfx_video_probe(const char *path, double image_fps, gfx_video_info *info, char *err,
                           size_t err_size)
{
    memset(info, 0, sizeof *info);
    input in;
    gfx_status status = input_of(path, image_fps, &in, err, err_size);
    int index;
    return status ? status : probe(path, &in, info, &index, err, err_size);
}

/* ----------------------------------------------------------------- frames */

gfx_status gfx_video_open(gfx_video_source **out, const char *path, double image_fps, int width,
                          int height, int fps_num, int fps_den, char *err, size_t err_size)
{
    *out = NULL;
    if (width < 1 || width > 16384 || height < 1 || height > 16384 || fps_num < 1 || fps_den < 1)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: frames of %dx%d at %d/%d fps; expected 1..16384 pixels a side and a "
                        "positive rate",
                        path, width, height, fps_num, fps_den);
    if (strlen(path) >= PATH_MAX)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: path too long", path);
    gfx_video_source *v = calloc(1, sizeof *v);
    if (v)
        v->frame = malloc((size_t)width * (size_t)height * 3);
    if (!v || !v->frame) {
        free(v);
        return gfx_fail(err, err_size, GFX_FAILED, "%s: out of memory for %dx%d frames", path,
                        width, height);
    }
    snprintf(v->path, sizeof v->path, "%s", path);
    gfx_status status = input_of(path, image_fps, &v->in, err, err_size);
    if (!status)
        status = probe(path, &v->in, &v->info, &v->stream_index, err, err_size);
    if (status) {
        gfx_video_close(v);
        return status;
    }
    v->width = width, v->height = height, v->fps_num = fps_num, v->fps_den = fps_den;
    v->end = v->frame_input = -1;
    v->seek_margin = v->info.kind == GFX_PICTURE_SEQUENCE ? 1 : GFX_VIDEO_SEEK_MARGIN;
    *out = v;
    return GFX_OK;
}

const gfx_video_info *gfx_video_source_info(const gfx_video_source *v)
{
    return &v->info;
}

long gfx_video_input_frame(const gfx_video_source *v, long f)
{
    /* f * (in_num / in_den) / (out_num / out_den), floored; 63 bits hold
     * any rate of up to 6 digits over hours of frames */
    if (v->info.kind == GFX_PICTURE_STILL)
        return 0;
    long long num = (long long)f * v->info.fps_num * v->fps_den;
    long long den = (long long)v->info.fps_den * v->fps_num;
    return (long)(num / den);
}

int gfx_video_source_starts(const gfx_video_source *v)
{
    return v->starts;
}

static void stop(gfx_video_source *v)
{
    if (!v->running)
        return;
    gfx_child_kill(&v->child);
    gfx_child_remove_log(&v->child);
    v->running = 0;
}

/* Starts ffmpeg so that the next frame it hands over is input frame n. */
static gfx_status start_at(gfx_video_source *v, long n, char *err, size_t err_size)
{
    stop(v);
    char ffmpeg[PATH_MAX];
    if (!gfx_find_program("ffmpeg", ffmpeg, sizeof ffmpeg))
        return gfx_fail_missing_ffmpeg(err, err_size, "ffmpeg");
    const double frame_s = v->info.fps_den / (double)v->info.fps_num;
    /* frame n is the first whose timestamp reaches the middle of frame n-1 */
    const double target = v->info.start_time + ((double)n - 0.5) * frame_s;
    const double seek = ((double)n - v->seek_margin) * frame_s;
    char seek_arg[64], map[32], filter[320];
    snprintf(seek_arg, sizeof seek_arg, "%.6f", seek);
    snprintf(map, sizeof map, "0:%d", v->stream_index);
    int len = n > 0 ? snprintf(filter, sizeof filter, "select=gte(t\\,%.6f),", target) : 0;
    snprintf(filter + len, sizeof filter - (size_t)len,
             "scale=%d:%d:force_original_aspect_ratio=decrease:flags=bicubic,"
             "pad=%d:%d:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1",
             v->width, v->height, v->width, v->height);
    char *argv[32];
    int a = 0;
    argv[a++] = "ffmpeg", argv[a++] = "-nostdin", argv[a++] = "-hide_banner";
    argv[a++] = "-v", argv[a++] = "error";
    if (seek > 0)
        argv[a++] = "-noaccurate_seek", argv[a++] = "-ss", argv[a++] = seek_arg;
    argv[a++] = "-copyts";
    a += input_args(&v->in, argv + a);
    argv[a++] = "-map";
    argv[a++] = map, argv[a++] = "-fps_mode", argv[a++] = "passthrough", argv[a++] = "-vf";
    argv[a++] = filter, argv[a++] = "-pix_fmt", argv[a++] = "rgb24", argv[a++] = "-f";
    argv[a++] = "rawvideo", argv[a++] = "pipe:1", argv[a] = NULL;
    if (gfx_child_spawn(&v->child, argv, GFX_PIPE_READ_STDOUT, "video") < 0)
        return gfx_fail(err, err_size, GFX_FAILED, "%s: cannot start ffmpeg to decode it: %s",
                        v->path, strerror(errno));
    v->running = 1;
    v->next_input = n;
    v->starts++;
    return GFX_OK;
}

/* The pipe ended before input frame next_input: the clip's end, or
 * ffmpeg's failure. */
static gfx_status pipe_ended(gfx_video_source *v, char *err, size_t err_size)
{
    int status = gfx_child_wait(&v->child);
    v->running = 0;
    if (status == 0 && v->next_input > 0) {
        gfx_child_remove_log(&v->child);
        v->end = v->next_input;
        return GFX_OK;
    }
    char line[512];
    last_log_line(&v->child, line, sizeof line);
    gfx_status failed =
        status == 0 ? gfx_fail(err, err_size, GFX_BAD_INPUT,
                               "%s: decodes to no frames; expected a video or images, complete "
                               "and not corrupt",
                               v->path)
                    : gfx_fail(err, err_size, GFX_FAILED,
                               "%s: ffmpeg failed decoding frame %ld (%s; log %s)", v->path,
                               v->next_input, line, v->child.log_path);
    return failed;
}

/* Reads one whole frame into v->frame: 1, 0 at the end of the pipe, -1 on
 * a read error (errno set). */
static int read_frame(gfx_video_source *v)
{
    const size_t bytes = (size_t)v->width * (size_t)v->height * 3;
    size_t got = 0;
    while (got < bytes) {
        ptrdiff_t n = gfx_child_read(&v->child, v->frame + got, bytes - got);
        if (n < 0)
            return -1;
        if (n == 0)
            return 0; /* a partial last frame counts as none */
        got += (size_t)n;
    }
    return 1;
}

/* Reads on until input frame n is in v->frame, or the clip ends. */
static gfx_status read_until(gfx_video_source *v, long n, char *err, size_t err_size)
{
    while (v->running && v->next_input <= n) {
        v->frame_input = -1;
        int rc = read_frame(v);
        if (rc < 0) {
            int read_errno = errno;
            stop(v);
            if (gfx_interrupted())
                return gfx_fail(err, err_size, GFX_INTERRUPTED, "interrupted while decoding %s",
                                v->path);
            return gfx_fail(err, err_size, GFX_FAILED, "%s: reading decoded frames failed: %s",
                            v->path, strerror(read_errno));
        }
        if (rc == 0)
            return pipe_ended(v, err, err_size);
        v->frame_input = v->next_input++;
    }
    return GFX_OK;
}

static void copy_rows(uint8_t *dst, ptrdiff_t stride, const uint8_t *src, int width, int height)
{
    for (int y = 0; y < height; y++)
        if (src)
            memcpy(dst + y * stride, src + (size_t)y * 3 * (size_t)width, 3 * (size_t)width);
        else
            memset(dst + y * stride, 0, 3 * (size_t)width);
}

gfx_status gfx_video_frame(gfx_video_source *v, long f, uint8_t *rgb, ptrdiff_t stride, char *err,
                           size_t err_size)
{
    const long n = gfx_video_input_frame(v, f);
    if (n != v->frame_input && (v->end < 0 || n < v->end)) {
        if (!v->running || n < v->next_input || n - v->next_input > GFX_VIDEO_SKIP_MAX) {
            gfx_status status = start_at(v, n, err, err_size);
            if (status)
                return status;
        }
        gfx_status status = read_until(v, n, err, err_size);
        if (status)
            return status;
    }
    copy_rows(rgb, stride, n == v->frame_input ? v->frame : NULL, v->width, v->height);
    return GFX_OK;
}

void gfx_video_close(gfx_video_source *v)
{
    if (!v)
        return;
    stop(v);
    free(v->frame);
    free(v);
}
