/* Video input: a clip's frames as RGB24 at the render size, one output
 * frame at a time, the same bytes for a frame whoever asks for it.
 *
 * The input is one of (gfx_picture_kind):
 *   - a clip: a file with a video stream (below);
 *   - a still image (PNG, JPEG...: ffmpeg's image2 or *_pipe formats): its
 *     one picture on every output frame, decoded once, never sought;
 *   - an image sequence, given by a path that names no file: a printf
 *     pattern (shots/img_%04d.png, numbered from 0..4 on: ffmpeg's image2
 *     demuxer) or a glob (shots/img_*.png: the files it matches sorted by
 *     name, -pattern_type glob), shown at image_fps as a clip of that rate:
 *     every rule below holds, an image being a keyframe (a seek lands one image early, not
 *     GFX_VIDEO_SEEK_MARGIN). A pattern or glob that matches no file is bad
 *     input. A glob's files are opened by name, so a name holding ':' reads
 *     as an ffmpeg protocol.
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
/* An image sequence's rate when none is given (--image-fps). */
#define GFX_IMAGE_FPS_DEFAULT 12.0

typedef enum gfx_picture_kind {
    GFX_PICTURE_CLIP,
    GFX_PICTURE_STILL,
    GFX_PICTURE_SEQUENCE
} gfx_picture_kind;

typedef struct gfx_video_info {
    gfx_picture_kind kind;
    int width, height;    /* of the stream's pictures */
    int fps_num, fps_den; /* fps_in = fps_num / fps_den */
    double start_time;    /* seconds (0 where the stream states none) */
    double duration;      /* seconds; 0 when unknown */
    long frame_count;     /* as stated or estimated; 0 when unknown */
} gfx_video_info;

/* Probes `path` with ffprobe; image_fps is an image sequence's rate in
 * (0, 1000] (<= 0: GFX_IMAGE_FPS_DEFAULT), rounded to 1/1000. GFX_BAD_INPUT
 * for a path that is not a video or images (see above), GFX_FAILED when
 * ffprobe cannot run. */
gfx_status gfx_video_probe(const char *path, double image_fps, gfx_video_info *info, char *err,
                           size_t err_size);

typedef struct gfx_video_source gfx_video_source;

/* Probes `path` (image_fps as above) and prepares frames of width x height
 * (each 1..16384) at fps_out = fps_num / fps_den; starts no ffmpeg yet.
 * *out is NULL on failure. */
gfx_status gfx_video_open(gfx_video_source **out, const char *path, double image_fps, int width,
                          int height, int fps_num, int fps_den, char *err, size_t err_size);

/* What the probe found. */
const gfx_video_info *gfx_video_source_info(const gfx_video_source *v);

/* The input frame output frame f shows: n(f) above (f >= 0); 0 for a
 * still. */
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
