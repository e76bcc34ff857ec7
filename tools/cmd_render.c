/* glyphfx render: reads the options (render_options.c), finds the features
 * (render/audio/source.h), picks the profile and where the frames go, then
 * runs a one-shot mode (render_modes.c) or the render job (render/run/job.h),
 * printing what they report and turning their status into the exit code. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "ffmpeg_sink.h"
#include "files.h"
#include "interrupt.h"
#include "job.h"
#include "narration.h"
#include "render.h"
#include "source.h"
#include "verify.h"
#include "wisdom.h"

#define AUTO_BUDGET_S 3600.0 /* the seed: downgrade when a render would pass an hour */

static void print_note(void *user, const char *line)
{
    (void)user;
    fprintf(stderr, "glyphfx render: %s\n", line);
}

static int crf_of(const struct render_options *o, const gfx_profile *p)
{
    return o->crf >= 0 ? o->crf : p->crf;
}

static const char *preset_of(const struct render_options *o)
{
    return o->preset >= 0 ? render_presets[o->preset] : NULL;
}

/* After a video is written: the brightness and duration checks of
 * `glyphfx verify`, as warnings. */
static void check_video(const char *path)
{
    gfx_verify_report report;
    char err[4096 + 256];
    if (gfx_verify_video(path, 6, &report, err, sizeof err) != GFX_OK) {
        fprintf(stderr, "glyphfx render: warning: cannot check the video: %s\n", err);
        return;
    }
    int dark = gfx_verify_dark_samples(&report);
    for (int i = 0; i < report.n_samples && dark; i++) {
        const gfx_verify_sample *s = &report.samples[i];
        if (!(s->mean > s->target))
            fprintf(stderr,
                    "glyphfx render: warning: %s is dark at %.1f s (mean brightness %.1f; "
                    "the target for a %s part is above %.0f)\n",
                    path, s->time, s->mean, s->active ? "loud" : "quiet", s->target);
    }
    if (!gfx_verify_durations_agree(&report))
        fprintf(stderr, "glyphfx render: warning: %s: video lasts %.3f s, audio %.3f s\n", path,
                report.video_duration, report.audio_duration);
    if (!dark && gfx_verify_durations_agree(&report))
        fprintf(stderr,
                "glyphfx render: checked %s: brightness and durations ok "
                "(glyphfx verify %s for details)\n",
                path, path);
}

/* Frames ffmpeg encodes for auto's measurement of the encoder, per profile. */
#define AUTO_ENCODE_FRAMES 10

/* The profile, with auto measured on this machine: the renderer, and for a
 * video the encoder too (the slower of the two sets the pace). */
gfx_profile render_choose_profile(const struct render_options *o, const char *prog, double duration)
{
    const gfx_profile *p = gfx_profile_find(render_qualities[o->quality]);
    if (!p) {
        double ms[GFX_PROFILES] = {0}, encode_ms[GFX_PROFILES] = {0};
        gfx_encode_settings es = {
            .output = o->output, .crf = o->crf, .preset = preset_of(o), .alpha = o->alpha};
        for (int i = GFX_PROFILE_DRAFT; i <= GFX_PROFILE_PRODUCTION; i++)
            gfx_profile_measure_video(gfx_profile_at(i), 5, render_wants_video(o) ? &es : NULL,
                                      AUTO_ENCODE_FRAMES, &ms[i], &encode_ms[i]);
        char why[512];
        gfx_worker_plan plan;
        int workers = gfx_worker_plan_make(
                          &plan, o->workers, (enum gfx_pin)o->pin,
                          gfx_profile_worker_bytes(gfx_profile_at(GFX_PROFILE_PRODUCTION))) == 0
                          ? plan.workers
                          : 1;
        p = gfx_profile_choose_video(ms, encode_ms, workers,
                                     duration > 0.0 ? duration : RENDER_DEFAULT_DURATION,
                                     AUTO_BUDGET_S, why, sizeof why);
        if (!o->quiet)
            fprintf(stderr, "%s: quality auto -> %s\n", prog, why);
    }
    gfx_profile chosen = *p;
    if (o->width)
        chosen.width = o->width, chosen.height = o->height;
    if (o->fps > 0.0)
        chosen.fps = o->fps;
    return chosen;
}

/* Bad output settings fail before the analysis, not after. */
static int check_video_output(const struct render_options *o, const gfx_profile *p)
{
    gfx_encode_settings es = {.output = o->output,
                              .width = p->width,
                              .height = p->height,
                              .fps = p->fps,
                              .n_frames = 1,
                              .crf = crf_of(o, p),
                              .preset = preset_of(o),
                              .alpha = o->alpha};
    char msg[1024] = "";
    return render_exit_status(gfx_ffmpeg_sink_check(&es, msg, sizeof msg), msg);
}

int render_open_features(const struct render_options *o, const char *prog, int soundtrack,
                         double fps, double *duration, gfx_feature_source *src)
{
    gfx_source_config cfg = {.song = o->audio,
                             .soundtrack = soundtrack,
                             .fps = fps,
                             .requested = o->duration,
                             .duration = *duration,
                             .bpm = (float)o->bpm,
                             .seed = o->seed};
    char msg[4096 + 256];
    gfx_status status = gfx_feature_source_open(src, &cfg, msg, sizeof msg);
    if (status)
        return render_exit_status_as(prog, status, msg);
    *duration = src->duration;
    if (src->kind == GFX_SOURCE_SONG && !o->quiet) {
        if (src->song.from_cache)
            fprintf(stderr, "%s: %s: %.1f s, features from the cache %s\n", prog, o->audio,
                    src->song.duration, src->song.cache_path);
        else
            fprintf(stderr, "%s: %s: %.1f s, %.0f BPM, analyzed in %.2f s\n", prog, o->audio,
                    src->song.duration, src->track.bpm, src->load_s);
    }
    if (src->kind == GFX_SOURCE_SONG && src->song.container_duration > src->song.duration + 0.5)
        fprintf(stderr,
                "%s: warning: %s: decoded %.1f s of audio, but the file says it lasts "
                "%.1f s (truncated or damaged?); the video follows the decoded %.1f s\n",
                prog, o->audio, src->song.duration, src->song.container_duration,
                src->song.duration);
    return 0;
}

/* The render job from the options: the CLI's part is only to say where the
 * frames go and what to print. */
static int run_job(const struct render_options *o, const gfx_profile *profile,
                   const gfx_scene *scene, const gfx_feature_source *src, int argc, char **argv)
{
    int n_frames = src->track.n_frames;
    int parted = o->parts || o->shard_count || o->resume || o->join || o->slurm;
    if (o->last > n_frames) {
        fprintf(stderr,
                "glyphfx render: --frames %d:%d: the render has %d frames; expected B <= %d\n",
                o->first, o->last, n_frames, n_frames);
        return 2;
    }
    if (parted && o->last > 0) {
        fprintf(stderr, "glyphfx render: --frames renders one range; it does not combine with "
                        "--parts, --shard, --resume, --join or --slurm\n");
        return 2;
    }
    if ((o->shard_count != 0) + (o->join != 0) + (o->slurm != 0) > 1 ||
        (o->shard_count && o->resume) || (o->join && o->resume)) {
        fprintf(stderr, "glyphfx render: --shard, --join and --slurm are different steps; give "
                        "one (--resume goes with --parts or --slurm)\n");
        return 2;
    }
    if (o->shard_count && o->parts && o->parts != o->shard_count) {
        fprintf(stderr, "glyphfx render: --parts %d with --shard %d/%d: expected one count\n",
                o->parts, o->shard_index, o->shard_count);
        return 2;
    }
    if ((o->wait || o->n_slurm_opts) && !o->slurm) {
        fprintf(stderr, "glyphfx render: --wait and --slurm-opt go with --slurm N\n");
        return 2;
    }
    if (parted && !render_wants_video(o)) {
        fprintf(stderr, "glyphfx render: --parts, --shard, --resume, --join and --slurm need a "
                        "video output (-o FILE.mp4)\n");
        return 2;
    }
    char msg[4096 + 256];
    int format = parted ? gfx_video_format_of(o->output, msg, sizeof msg) : GFX_VIDEO_MP4;
    if (format < 0)
        return render_exit_status(GFX_BAD_INPUT, msg);
    if (format != GFX_VIDEO_MP4) {
        fprintf(stderr,
                "glyphfx render: -o %s: --parts, --shard, --resume, --join and --slurm write "
                "MP4 parts; expected an .mp4 output\n",
                o->output);
        return 2;
    }
    gfx_job job = {.profile = *profile,
                   .scene = scene,
                   .track = &src->track,
                   .font_path = o->font_path,
                   .seed = o->seed,
                   .workers = o->workers,
                   .pin = (enum gfx_pin)o->pin,
                   .sink = o->null_sink ? GFX_JOB_NULL
                           : o->png_dir ? GFX_JOB_PNG
                                        : GFX_JOB_VIDEO,
                   .output = o->png_dir && !o->null_sink ? o->png_dir : o->output,
                   .mux_audio = src->mux_audio,
                   .preset = preset_of(o),
                   .alpha = o->alpha,
                   .n_parts = o->slurm ? o->slurm : o->parts,
                   .shard_index = o->shard_index,
                   .shard_count = o->shard_count,
                   .resume = o->resume,
                   .join_only = o->join,
                   .scene_path = o->scene_path,
                   .song = o->audio,
                   .video = o->clip,
                   .lyrics = o->lyrics_path,
                   .video_image_fps = o->image_fps,
                   .bpm = (float)o->bpm,
                   .quiet = o->quiet,
                   .progress = render_progress_bar(),
                   .note = o->quiet ? NULL : print_note};
    job.profile.crf = crf_of(o, profile);
    if (job.sink == GFX_JOB_VIDEO && !job.output) {
        fprintf(stderr, "glyphfx render: no output; expected --png-dir DIR, --test-frame SEC, "
                        "--contact-sheet FILE or --null\n");
        return 2;
    }
    if (o->slurm)
        return render_slurm(o, &job, n_frames, argc, argv);
    gfx_job_result result;
    gfx_status status =
        parted ? gfx_job_render_parts(&job, n_frames, &result, msg, sizeof msg)
               : gfx_job_render(&job, o->last > 0 ? o->first : 0, o->last > 0 ? o->last : n_frames,
                                &result, msg, sizeof msg);
    int rc = render_exit_status(status, msg);
    if (rc == 0 && o->shard_count && !o->quiet)
        render_print_finish_hint(argc, argv, o->output);
    if (rc == 0 && result.video_written && !o->quiet)
        check_video(o->output);
    return rc;
}

/* The render job with the narration mixed under src's sound, when asked. */
static int run_job_narrated(const struct render_options *o, const gfx_profile *profile,
                            const gfx_scene *scene, gfx_feature_source *src, int argc, char **argv)
{
    if (!o->narration_path)
        return run_job(o, profile, scene, src, argc, argv);
    char err[4096 + 256];
    gfx_narration narration;
    gfx_status st =
        gfx_narration_mix(o->narration_path, o->voice, src->mux_audio, &narration, err, sizeof err);
    if (st)
        return render_exit_status(st, err);
    if (!o->quiet)
        fprintf(stderr, "glyphfx render: %s: spoken by espeak-ng (voice %s), mixed under %s\n",
                o->narration_path, o->voice ? o->voice : "en",
                o->audio ? o->audio : "the built-in soundtrack");
    src->mux_audio = narration.mix.tmp;
    int rc = run_job(o, profile, scene, src, argc, argv);
    gfx_narration_remove(&narration);
    return rc;
}

/* The render once its outputs are settled: the exit status. */
static int render_to_outputs(const struct render_options *opts, int argc, char **argv)
{
    struct render_options o = *opts;
    int rc;
    if (o.font_path && (rc = render_check_font("glyphfx render", o.font_path)))
        return rc;

    if ((rc = render_check_video_input(&o)))
        return rc;
    char err[512];
    gfx_scene scene = {0};
    if (o.scene_path && gfx_scene_load(&scene, o.scene_path, err, sizeof err)) {
        fprintf(stderr, "glyphfx render: %s\n", err);
        return 2;
    }
    double duration = o.duration;
    if (duration <= 0.0)
        duration = scene.n ? scene.segments[scene.n - 1].end : RENDER_DEFAULT_DURATION;
    gfx_profile profile = render_choose_profile(&o, "glyphfx render", duration);
    gfx_wisdom_apply(profile.width, profile.height); /* wisdom's choice for this frame size */
    gfx_feature_source src;
    if ((render_wants_video(&o) && (rc = check_video_output(&o, &profile))) ||
        (rc = render_open_features(&o, "glyphfx render", render_wants_video(&o), profile.fps,
                                   &duration, &src))) {
        gfx_scene_free(&scene);
        return rc;
    }
    if (gfx_interrupted()) {
        gfx_feature_source_close(&src);
        gfx_scene_free(&scene);
        return render_exit_status(GFX_INTERRUPTED, "interrupted; nothing was written");
    }
    if ((rc = render_attach_clip(&o, &scene, duration)) ||
        (rc = render_attach_lyrics(&o, &scene))) {
        gfx_feature_source_close(&src);
        gfx_scene_free(&scene);
        return rc;
    }
    gfx_scene_snap_cuts(&scene, &src.track);

    if (o.stage_times)
        rc = render_stage_times(&o, &profile, &src.track);
    else if (o.contact_sheet)
        rc = render_contact_sheet(&o, &src.track, profile.fps);
    else if (o.test_frame >= 0.0)
        rc = render_test_frame(&o, &profile, &scene, &src.track);
    else
        rc = run_job_narrated(&o, &profile, &scene, &src, argc, argv);
    gfx_feature_source_close(&src);
    gfx_scene_free(&scene);
    return rc;
}

int cmd_render(int argc, char **argv)
{
    struct render_options o;
    int rc = render_parse_options(argc, argv, &o);
    if (rc)
        return rc == 1 ? 0 : rc;
    if (o.list) {
        render_print_catalogue();
        return 0;
    }
    gfx_interrupt_install();
    char default_path[4096];
    if ((rc = render_check_alpha(&o)))
        return rc;
    render_default_output(&o, default_path, sizeof default_path);
    if ((rc = render_check_outputs(&o)) || (rc = render_check_narration(&o)))
        return rc;
    static gfx_made_dirs made; /* large: not on the stack */
    const char *dir = render_directory_to_make(&o);
    char err[GFX_FILE_PATH_MAX + 256];
    if (dir && gfx_make_dirs(dir, &made, err, sizeof err) < 0) {
        fprintf(stderr, "glyphfx render: --png-dir %s\n", err);
        return errno == EACCES || errno == EPERM || errno == EROFS || errno == ENOTDIR ||
                       errno == ENAMETOOLONG || errno == EINVAL
                   ? 2
                   : 1;
    }
    rc = render_to_outputs(&o, argc, argv);
    if (rc)
        gfx_made_dirs_undo(&made);
    return rc;
}
