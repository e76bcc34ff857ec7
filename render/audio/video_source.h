/* Video input: a clip's frames as RGB24 at the render size, one output
 * frame at a time, the same bytes for a frame whoever asks for it.
 *
 * Probe: ffprobe states the first video stream (cover art, an attached
 * picture, does not count): size, frame rate (r_frame_rate, else
 * avg_frame_rate), start time, duration, frame count (nb_frames, else
 * duration * rate rounded). A file that is missing, empty, not a regular
 * file, unreadable by ffprobe (corrupt, truncated before its index, not
 * media), without a video stream, or a still image gets one line naming the
 * file and what was expected.
 *
 * Frames: output frame f (time f / fps_out) shows input frame
 *   n(f) = floor(f * fps_in / fps_out)       (exact, in integer rationals)
 * the frame on screen at that time, counting from the stream's start time.
 * Input frame n is the n-th frame ffmpeg decodes (-fps_mode passthrough: no
 * frame dropped or doubled), fitted into the render size with black bars
 * (scale keeping the aspect ratio, bicubic, centred; the bars are black,
 * 0,0,0). Frames at or past the clip's end are black.
 * How frames are fetched never changes their bytes:
 *   - sequentially: one ffmpeg pipe stays open and is read on, skipping the
 *     input frames no output frame shows (and repeating the last one when
 *     fps_out > fps_in);
 *   - by a jump (a worker's first frame, a shard, a backwards step, or more
 *     than GFX_VIDEO_SKIP_MAX input frames ahead): ffmpeg restarts with a
 *     keyframe seek GFX_VIDEO_SEEK_MARGIN frames before n (-noaccurate_seek
 *     -ss, original timestamps kept with -copyts) and a select filter that
 *     passes the frames from the middle of frame n-1 on, start_time +
 *     (n - 1/2) / fps_in: the first frame it hands over is frame n whatever
 *     the timestamps' rounding. A plain accurate `-ss` is not enough: in an
 *     MPEG-TS file it lands mid-GOP, the decoder drops the frames up to the
 *     next keyframe, and the first frame out is a later one.
 * tests/test_video_source.c holds sequential and random-order reads of
 * clips (with B-frames, with a non-zero start time) byte for byte equal.
 * Limits: frames are counted at the stated rate, so a variable-frame-rate
 * clip gets a seek target that may not be its n-th frame; and a clip whose
 * keyframes lie further apart than the margin may start a seek after frame
 * n. Such clips are exact only when read from their start (one worker, no
 * shards).
 *
 * ffmpeg's stderr goes to a log file (render/sys/ffmpeg_pipe.h), named in
 * the message when decoding fails. One source per thread: the calls on one
 * source are not thread safe; workers each open their own. */
#ifndef GFX_VIDEO_SOURCE_H
#define GFX_VIDEO_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* Input frames read and thrown away rather than restarting ffmpeg with a
 * seek: about two seconds of 30 fps video, cheaper than a restart. */
#define GFX_VIDEO_SKIP_MAX 60
/* How far before its target a seek lands, in input frames: more than the
 * longest default keyframe interval of the usual encoders (x264 and x265
 * 250, libvpx 240 frames), so a keyframe lies between. */
#define GFX_VIDEO_SEEK_MARGIN 300

typedef struct gfx_video_info {
    int width, height;    /* of the stream's pictures */
    int fps_num, fps_den; /* fps_in = fps_num / fps_den */
    double start_time;    /* seconds (0 where the stream states none) */
    double duration;      /* seconds; 0 when unknown */
    long frame_count;     /* as stated or estimated; 0 when unknown */
} gfx_video_info;

/* Probes `path` with ffprobe. GFX_BAD_INPUT for a file that is not a video
 * (see above), GFX_FAILED when ffprobe cannot run. */
gfx_status gfx_video_probe(const char *path, gfx_video_info *info, char *err, size_t err_size);

typedef struct gfx_video_source gfx_video_source;

/* Probes `path` and prepares frames of width x height (each 1..16384) at
 * fps_out = fps_num / fps_den; starts no ffmpeg yet. *out is NULL on
 * failure. */
gfx_status gfx_video_open(gfx_video_source **out, const char *path, int width, int height,
                          int fps_num, int fps_den, char *err, size_t err_size);

/* What the probe found. */
const gfx_video_info *gfx_video_source_info(const gfx_video_source *v);

/* The input frame output frame f shows: n(f) above (f >= 0). */
long gfx_video_input_frame(const gfx_video_source *v, long f);

/* Writes output frame f into rgb (height rows of 3 * width bytes, stride
 * apart). GFX_FAILED (with the ffmpeg log's path and last line) when ffmpeg
 * fails, GFX_INTERRUPTED on an interrupt; rgb is then unspecified. */
gfx_status gfx_video_frame(gfx_video_source *v, long f, uint8_t *rgb, ptrdiff_t stride, char *err,
                           size_t err_size);

/* How many times ffmpeg was started (a first start or a seek): tells tests
 * and the progress report which path frames took. */
int gfx_video_source_starts(const gfx_video_source *v);

/* Ends ffmpeg if running and frees v (NULL is fine). */
void gfx_video_close(gfx_video_source *v);

#endif
