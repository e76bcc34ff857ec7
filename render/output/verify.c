#include "verify.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audio.h"
#include "ffmpeg_pipe.h"

/* A stream's duration: "duration", or Matroska's "HH:MM:SS.fraction" tag. */
static double stream_duration(const char *line)
{
    char v[64];
    if (gfx_ffprobe_field(line, "duration", v, sizeof v) && strcmp(v, "N/A"))
        return atof(v);
    int h, m;
    double s;
    if (gfx_ffprobe_field(line, "tag:DURATION", v, sizeof v) &&
        sscanf(v, "%d:%d:%lf", &h, &m, &s) == 3)
        return h * 3600.0 + m * 60.0 + s;
    return 0;
}

static gfx_status probe_streams(const char *path, const char *url, gfx_verify_report *r, char *err,
                                size_t err_size)
{
    char *argv[] = {
        "ffprobe",
        "-v",
        "error",
        "-show_entries",
        "stream=codec_type,codec_name,width,height,duration,r_frame_rate:stream_tags=DURATION",
        "-of",
        "compact=p=0",
        (char *)url,
        NULL};
    gfx_child child;
    if (gfx_child_spawn(&child, argv, GFX_PIPE_READ_STDOUT, "probe") < 0)
        return gfx_fail(err, err_size, GFX_FAILED, "cannot start ffprobe: %s", strerror(errno));
    unsigned char *data = NULL;
    ptrdiff_t n = gfx_child_read_all(&child, &data);
    int status = gfx_child_wait(&child);
    if (n < 0 || status != 0) {
        char tail[512], *rest;
        gfx_log_tail(child.log_path, 1, tail, sizeof tail);
        gfx_child_remove_log(&child);
        free(data);
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: ffprobe cannot read it as a video (%s); expected a video file", path,
                        tail[0] ? strtok_r(tail + 4, "\n", &rest) : "no message");
    }
    gfx_child_remove_log(&child);
    unsigned char *text = realloc(data, (size_t)n + 1);
    if (!text) {
        free(data);
        return gfx_fail(err, err_size, GFX_FAILED, "out of memory reading ffprobe's answer for %s",
                        path);
    }
    data = text;
    data[n] = '\0';
    char *rest;
    for (char *line = strtok_r((char *)data, "\n", &rest); line;
         line = strtok_r(NULL, "\n", &rest)) {
        char type[16] = "", v[64];
        gfx_ffprobe_field(line, "codec_type", type, sizeof type);
        if (!strcmp(type, "video") && !r->width) {
            gfx_ffprobe_field(line, "codec_name", r->video_codec, sizeof r->video_codec);
            r->width = gfx_ffprobe_field(line, "width", v, sizeof v) ? atoi(v) : 0;
            r->height = gfx_ffprobe_field(line, "height", v, sizeof v) ? atoi(v) : 0;
            int num = 0, den = 1;
            if (gfx_ffprobe_field(line, "r_frame_rate", v, sizeof v) &&
                sscanf(v, "%d/%d", &num, &den) == 2 && den)
                r->fps = (double)num / den;
            r->video_duration = stream_duration(line);
        } else if (!strcmp(type, "audio") && !r->has_audio) {
            r->has_audio = 1;
            gfx_ffprobe_field(line, "codec_name", r->audio_codec, sizeof r->audio_codec);
            r->audio_duration = stream_duration(line);
        }
    }
    free(data);
    /* ffmpeg reads any text file as a video through its tty demuxer */
    if (r->width <= 0 || r->height <= 0 || r->fps <= 0 || !strcmp(r->video_codec, "ansi"))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "%s: has no video stream; expected a video file", path);
    return GFX_OK;
}

static gfx_status grab_frame(const char *path, const char *url, gfx_verify_sample *s, int width,
                             int height, char *err, size_t err_size)
{
    char at[32];
    snprintf(at, sizeof at, "%.6f", s->seek);
    char *argv[] = {"ffmpeg",   "-nostdin", "-hide_banner", "-v",        "error", "-ss",
                    at,         "-i",       (char *)url,    "-frames:v", "1",     "-f",
                    "rawvideo", "-pix_fmt", "rgb24",        "pipe:1",    NULL};
    gfx_child child;
    if (gfx_child_spawn(&child, argv, GFX_PIPE_READ_STDOUT, "grab") < 0)
        return gfx_fail(err, err_size, GFX_FAILED, "cannot start ffmpeg: %s", strerror(errno));
    unsigned char *px = NULL;
    ptrdiff_t n = gfx_child_read_all(&child, &px);
    int status = gfx_child_wait(&child);
    size_t expected = (size_t)width * height * 3;
    if (n < 0 || status != 0 || (size_t)n < expected) {
        char tail[512], *rest;
        gfx_log_tail(child.log_path, 1, tail, sizeof tail);
        gfx_child_remove_log(&child);
        free(px);
        return gfx_fail(err, err_size, GFX_FAILED,
                        "%s: cannot decode frame %d at %.3f s (ffmpeg status %d, %td of %zu "
                        "bytes%s%s)",
                        path, s->frame, s->time, status, n, expected, tail[0] ? ": " : "",
                        tail[0] ? strtok_r(tail + 4, "\n", &rest) : "");
    }
    gfx_child_remove_log(&child);
    unsigned long long sum = 0;
    int max = 0;
    for (size_t i = 0; i < expected; i++) {
        sum += px[i];
        if (px[i] > max)
            max = px[i];
    }
    free(px);
    s->mean = (double)sum / expected;
    s->max = max;
    return GFX_OK;
}

/* Marks samples active where the video's own audio is loud. */
static void classify_samples(const char *path, gfx_verify_report *r)
{
    float *samples;
    size_t n;
    gfx_feature_track track;
    char err[1024]; /* best effort: without the audio, every sample keeps its default target */
    if (!r->has_audio || gfx_audio_decode(path, &samples, &n, err, sizeof err) != GFX_OK)
        return;
    int ok = gfx_audio_analyze(samples, n, GFX_AUDIO_RATE, r->fps, &track) == 0;
    free(samples);
    if (!ok)
        return;
    for (int i = 0; i < r->n_samples; i++) {
        gfx_verify_sample *s = &r->samples[i];
        s->active = gfx_features_at(&track, s->frame)->rms_slow > 0.35f;
        s->target = s->active ? GFX_VERIFY_ACTIVE_MEAN : GFX_VERIFY_QUIET_MEAN;
    }
    gfx_feature_track_release(&track);
}

/* Samples fall on whole frames spread evenly over the video, the last one
 * no later than its last frame. ffmpeg's input seek returns the first frame
 * whose time is at or after the seek point, so the seek sits a quarter frame
 * before the frame's own time: rounding in the container's time base cannot
 * then skip to the next frame, or past the end. */
static void place_samples(gfx_verify_report *r, int n_samples)
{
    long frames = lround(r->video_duration * r->fps);
    if (frames < 1)
        frames = 1;
    r->n_samples = n_samples < 1                        ? 1
                   : n_samples > GFX_VERIFY_MAX_SAMPLES ? GFX_VERIFY_MAX_SAMPLES
                                                        : n_samples;
    for (int i = 0; i < r->n_samples; i++) {
        gfx_verify_sample *s = &r->samples[i];
        s->frame = (int)((2 * i + 1) * frames / (2 * r->n_samples));
        s->time = s->frame / r->fps;
        s->seek = s->frame > 0 ? (s->frame - 0.25) / r->fps : 0;
        s->target = GFX_VERIFY_QUIET_MEAN;
    }
}

gfx_status gfx_verify_video(const char *path, int n_samples, gfx_verify_report *r, char *err,
                            size_t err_size)
{
    memset(r, 0, sizeof *r);
    struct stat st;
    if (stat(path, &st) != 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: %s; expected a video file", path,
                        strerror(errno));
    if (!S_ISREG(st.st_mode) || st.st_size == 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: %s; expected a video file", path,
                        S_ISREG(st.st_mode) ? "is empty" : "not a file");
    char url[GFX_FFMPEG_URL_MAX];
    if (gfx_ffmpeg_file_url(path, url, sizeof url) != 0)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "%s: path too long (over %d bytes)", path,
                        GFX_FFMPEG_URL_MAX - 6);
    char program[PATH_MAX];
    if (!gfx_find_program("ffmpeg", program, sizeof program))
        return gfx_fail_missing_ffmpeg(err, err_size, "ffmpeg");
    if (!gfx_find_program("ffprobe", program, sizeof program))
        return gfx_fail_missing_ffmpeg(err, err_size, "ffprobe");
    gfx_status rc = probe_streams(path, url, r, err, err_size);
    if (rc)
        return rc;
    place_samples(r, n_samples);
    classify_samples(path, r);
    for (int i = 0; i < r->n_samples; i++)
        if ((rc = grab_frame(path, url, &r->samples[i], r->width, r->height, err, err_size)) !=
            GFX_OK)
            return rc;
    return GFX_OK;
}

int gfx_verify_dark_samples(const gfx_verify_report *r)
{
    int dark = 0;
    for (int i = 0; i < r->n_samples; i++)
        dark += !(r->samples[i].mean > r->samples[i].target);
    return dark;
}

int gfx_verify_durations_agree(const gfx_verify_report *r)
{
    if (!r->has_audio)
        return 1;
    return fabs(r->video_duration - r->audio_duration) <= 1.5 / r->fps;
}
