/* A render job: the frames of a scene over a feature track, rendered by the
 * worker pool (workers.h) into one sink (a PNG sequence, a video, or
 * nothing), or into MP4 segments recorded in a manifest and joined at the
 * end (segments.h). The job is plain data the caller fills; the job makes
 * the worker plan, opens the sinks, owns the renderers, and reports.
 *
 * Reporting: what a user reads along the way (the plan, the sink, frames
 * per second, segments left) goes, one line at a time and unprefixed, to
 * `note` when one is given; frames and stages go to the `progress` view
 * (progress.h). A failure is the returned status and one line in msg (empty
 * when the segments' join already printed it). */
#ifndef GFX_JOB_H
#define GFX_JOB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "audio_features.h"
#include "frame.h"
#include "profile.h"
#include "progress.h"
#include "scene.h"
#include "status.h"
#include "workers.h"

enum gfx_job_sink { GFX_JOB_NULL, GFX_JOB_PNG, GFX_JOB_VIDEO };

typedef struct gfx_job {
    /* what: the profile as overridden (size, fps, crf), and its inputs */
    gfx_profile profile;
    const gfx_scene *scene;
    const gfx_feature_track *track;
    const char *font_path; /* NULL: the default font */
    uint32_t seed;
    /* how */
    int workers; /* 0: the plan's choice */
    enum gfx_pin pin;
    /* where */
    enum gfx_job_sink sink;
    const char *output;    /* PNG: the directory; VIDEO: the file */
    const char *mux_audio; /* VIDEO: the sound to mux, or NULL */
    const char *preset;    /* VIDEO: x264 preset, NULL: the sink's default */
    /* segments: n_segments > 0 or a shard; only for an MP4 video */
    int n_segments;
    int shard_index, shard_count; /* 0/0: the whole render */
    int resume;
    /* what else decides a segment's bytes, for the manifest's settings key */
    const char *scene_path; /* NULL: the built-in scene */
    const char *song;       /* NULL: the built-in soundtrack */
    float bpm;
    /* reporting */
    int quiet;                         /* no progress */
    const gfx_progress_view *progress; /* NULL: none */
    /* also the first renderer's notes on dropped characters and the pool's
     * warnings; NULL: none */
    void (*note)(void *user, const char *line);
    void *note_user;
} gfx_job;

typedef struct gfx_job_result {
    int video_written; /* the video at job->output is complete */
} gfx_job_result;

/* Renders frames [first, last) into the job's sink. */
gfx_status gfx_job_render(const gfx_job *job, int first, int last, gfx_job_result *result,
                          char *msg, size_t msg_size);

/* Renders the job's segments of a total_frames render that are not done
 * (a shard: its own), then joins them into job->output when every one is. */
gfx_status gfx_job_render_segments(const gfx_job *job, int total_frames, gfx_job_result *result,
                                   char *msg, size_t msg_size);

/* A renderer for the profile, the font and the scene, warning through warn
 * (NULL: silent; it must outlive the renderer). NULL with one line in err. */
gfx_renderer *gfx_job_renderer(const gfx_profile *p, const char *font_path, const gfx_scene *scene,
                               const gfx_warn *warn, char *err, size_t err_size);

#endif
