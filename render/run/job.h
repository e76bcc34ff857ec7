/* A render job: the frames of a scene over a feature track, rendered by the
 * worker pool (workers.h) into one sink (a PNG sequence, a video, or
 * nothing), or into MP4 parts, each with its own record, joined by a
 * separate step (parts.h). The job is plain data the caller fills; the job makes
 * the worker plan, opens the sinks, owns the renderers, and reports.
 *
 * Reporting: what a user reads along the way (the plan, the sink, frames
 * per second, parts left) goes, one line at a time and unprefixed, to
 * `note` when one is given; frames and stages go to the `progress` view
 * (progress.h). A failure is the returned status and one line in msg. */
#ifndef GFX_JOB_H
#define GFX_JOB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "audio_features.h"
#include "frame.h"
#include "parts.h"
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
    int alpha;             /* PNG, VIDEO (.mov, .webm): frames with transparency */
    /* parts (parts.h), only for an MP4 video: n_parts > 0 renders every part
     * not done here, then joins; a shard renders part shard_index - 1 of
     * shard_count and never joins; resume takes the existing plan's parts;
     * join_only renders nothing and joins */
    int n_parts;
    int shard_index, shard_count; /* 0/0: the whole render */
    int resume;
    int join_only;
    /* what else decides a part's bytes, for the plan's settings key */
    const char *scene_path; /* NULL: the built-in scene */
    const char *song;       /* NULL: the built-in soundtrack */
    /* the clip the scene's video layers show (render/frame/video_clip.h), or
     * NULL; glyphfx render sets it to the song when the song has a picture */
    const char *video;
    double video_image_fps; /* the video's rate if it is an image sequence; 0: the default */
    const char *lyrics;     /* the SRT the scene's lyric layers show, or NULL */
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
    int n_parts;       /* parts: the plan's count */
    int parts_done;    /* parts: how many are done after this run */
} gfx_job_result;

/* Renders frames [first, last) into the job's sink. */
gfx_status gfx_job_render(const gfx_job *job, int first, int last, gfx_job_result *result,
                          char *msg, size_t msg_size);

/* The settings key of the job's plan: everything that decides a part's
 * bytes, with input paths made absolute (a shard started from another
 * working directory computes the same key). */
void gfx_job_settings_key(const gfx_job *job, int total_frames, char key[17]);

/* Opens the job's plan for a total_frames render (gfx_plan_open with the
 * job's key): n_parts or shard_count parts, or with resume/join_only the
 * existing plan's count. A plan with other settings is refused; one that
 * exists is refused too unless this is a shard, a resume or a join. */
gfx_status gfx_job_open_plan(const gfx_job *job, int total_frames, gfx_plan *plan, char *msg,
                             size_t msg_size);

/* The job's parts of a total_frames render: renders those not done (a
 * shard: its own only, and it never joins), then joins them into
 * job->output when every one is (join_only: joins only, refusing with one
 * line naming the parts missing or damaged). */
gfx_status gfx_job_render_parts(const gfx_job *job, int total_frames, gfx_job_result *result,
                                char *msg, size_t msg_size);

/* A renderer for the profile, the font, the clip (NULL: none) and the
 * scene, warning through warn (NULL: silent; it must outlive the
 * renderer). NULL with one line in err. */
gfx_renderer *gfx_job_renderer(const gfx_profile *p, const char *font_path, const char *video,
                               double video_image_fps, const gfx_scene *scene, const gfx_warn *warn,
                               char *err, size_t err_size);

#endif
