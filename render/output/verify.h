/* Checking a finished video the way a viewer would notice problems: frames
 * grabbed at evenly spaced sample times (through ffmpeg, as rgb24), their
 * mean and max brightness against the seed's targets, and the audio and
 * video streams' durations (through ffprobe).
 *
 * Targets: a sample's mean brightness (over all bytes of the RGB frame, 0..255)
 * must exceed GFX_VERIFY_QUIET_MEAN where the music is quiet and
 * GFX_VERIFY_ACTIVE_MEAN where it is active. Quiet or active comes from the
 * video's own audio track (slow rms below or above 0.35 of its loudest);
 * a video without audio is held to the quiet target. Durations agree when
 * they differ by at most 1.5 video frames (an AAC frame is ~23 ms). */
#ifndef GFX_VERIFY_H
#define GFX_VERIFY_H

#include "status.h"

#define GFX_VERIFY_QUIET_MEAN 5.0
#define GFX_VERIFY_ACTIVE_MEAN 15.0
#define GFX_VERIFY_MAX_SAMPLES 64

typedef struct gfx_verify_sample {
    int frame;     /* index of the sampled frame */
    double time;   /* its time, seconds */
    double seek;   /* where ffmpeg is asked to seek for it */
    double mean;   /* 0..255 */
    int max;       /* 0..255 */
    int active;    /* the music is active here */
    double target; /* the mean must exceed it */
} gfx_verify_sample;

typedef struct gfx_verify_report {
    int width, height;
    double fps;
    char video_codec[32], audio_codec[32];
    double video_duration, audio_duration; /* seconds; audio 0 when there is none */
    int has_audio;
    int n_samples;
    gfx_verify_sample samples[GFX_VERIFY_MAX_SAMPLES];
} gfx_verify_report;

/* Measures `path` at n_samples (clamped to 1..GFX_VERIFY_MAX_SAMPLES)
 * frames spread evenly from its first to its last frame. Returns GFX_OK;
 * GFX_BAD_INPUT for a missing file, one that is not a video, or a missing
 * ffmpeg/ffprobe; GFX_FAILED when a frame cannot be decoded. */
gfx_status gfx_verify_video(const char *path, int n_samples, gfx_verify_report *r, char *err,
                            size_t err_size);

/* Samples whose mean misses the target; and whether the durations agree. */
int gfx_verify_dark_samples(const gfx_verify_report *r);
int gfx_verify_durations_agree(const gfx_verify_report *r);

#endif
