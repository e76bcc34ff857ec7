/* glyphfx render: reads the options (render_options.c), finds the features
 * (render/audio/source.h), picks the profile and where the frames go, then
 * runs a one-shot mode (render_modes.c) or the render job (render/run/job.h),
 * printing what they report and turning their status into the exit code. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "ffmpeg_sink.h"
#include "font.h"
#include "interrupt.h"
#include "job.h"
#include "parts.h"
#include "progress.h"
#include "render.h"
#include "slurm.h"
#include "timing.h"
#include "source.h"
#include "verify.h"
#include "workers.h"

#define AUTO_BUDGET_S 3600.0 /* the seed: downgrade when a render would pass an hour */

/* Prints a library's line, if it has one, and says what it means as an exit
 * status: 1 for a failure of the machine or a program, 2 for bad input. */
static int exit_status(gfx_status status, const char *msg)
{
    if (msg[0])
        fprintf(stderr, "glyphfx render: %s\n", msg);
    switch (status) {
    case GFX_OK: return 0;
    case GFX_BAD_INPUT: return 2;
    case GFX_INTERRUPTED: return GFX_EXIT_INTERRUPTED;
    case GFX_FAILED: break;
    }
    return 1;
}

static void print_note(void *user, const char *line)
{
    (void)user;
    fprintf(stderr, "glyphfx render: %s\n", line);
}

/* Frames go to ffmpeg (-o with a video extension, not a test frame). */
static int wants_video(const struct render_options *o)
{
    return o->output && !o->null_sink && !o->png_dir && o->test_frame < 0.0 && !o->contact_sheet;
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

/* The profile, with auto measured on this machine. */
static gfx_profile choose_profile(const struct render_options *o, double duration)
{
    const gfx_profile *p = gfx_profile_find(render_qualities[o->quality]);
    if (!p) {
        double ms[GFX_PROFILES] = {0};
        for (int i = GFX_PROFILE_DRAFT; i <= GFX_PROFILE_PRODUCTION; i++)
            ms[i] = gfx_profile_measure_ms(gfx_profile_at(i), 5);
        char why[256];
        gfx_worker_plan plan;
        int workers = gfx_worker_plan_make(
                          &plan, o->workers, (enum gfx_pin)o->pin,
                          gfx_profile_worker_bytes(gfx_profile_at(GFX_PROFILE_PRODUCTION))) == 0
                          ? plan.workers
                          : 1;
        p = gfx_profile_choose(ms, workers, duration > 0.0 ? duration : RENDER_DEFAULT_DURATION,
                               AUTO_BUDGET_S, why, sizeof why);
        if (!o->quiet)
            fprintf(stderr, "glyphfx render: quality auto -> %s\n", why);
    }
    gfx_profile chosen = *p;
    if (o->width)
        chosen.width = o->width, chosen.height = o->height;
    if (o->fps > 0.0)
        chosen.fps = o->fps;
    return chosen;
}

/* Opens the font once up front, so a bad --font is a usage error (2). */
static int check_font(const char *path)
{
    char err[512];
    gfx_font *font = gfx_font_open(path, err, sizeof err);
    if (!font) {
        fprintf(stderr, "glyphfx render: --font %s\n", err);
        return 2;
    }
    gfx_font_close(font);
    return 0;
}

/* Without an output named, the main job: a finished video, demo.mp4 or
 * SONG.mp4 here. */
static void default_output(struct render_options *o, char *buf, size_t size)
{
    if (o->output || o->png_dir || o->null_sink || o->test_frame >= 0.0 || o->contact_sheet ||
        o->stage_times)
        return;
    const char *base = o->audio ? strrchr(o->audio, '/') : NULL;
    base = base ? base + 1 : o->audio;
    const char *dot = base ? strrchr(base, '.') : NULL;
    if (base)
        snprintf(buf, size, "%.*s.mp4",
                 (int)(dot && dot != base ? (size_t)(dot - base) : strlen(base)), base);
    else
        snprintf(buf, size, "demo.mp4");
    o->output = buf;
    if (!o->quiet)
        fprintf(stderr, "glyphfx render: writing %s\n", o->output);
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
                              .preset = preset_of(o)};
    return gfx_ffmpeg_sink_check(&es);
}

/* The features of every frame: the song's, the built-in soundtrack's (a
 * video without input) or synthesized. *duration becomes the render's. */
static int open_features(const struct render_options *o, double fps, double *duration,
                         gfx_feature_source *src)
{
    gfx_source_config cfg = {.song = o->audio,
                             .soundtrack = wants_video(o),
                             .fps = fps,
                             .requested = o->duration,
                             .duration = *duration,
                             .bpm = (float)o->bpm,
                             .seed = o->seed};
    char msg[4096 + 256];
    gfx_status status = gfx_feature_source_open(src, &cfg, msg, sizeof msg);
    if (status)
        return exit_status(status, msg);
    *duration = src->duration;
    if (src->kind == GFX_SOURCE_SONG && !o->quiet) {
        if (src->song.from_cache)
            fprintf(stderr, "glyphfx render: %s: %.1f s, features from the cache %s\n", o->audio,
                    src->song.duration, src->song.cache_path);
        else
            fprintf(stderr, "glyphfx render: %s: %.1f s, %.0f BPM, analyzed in %.2f s\n", o->audio,
                    src->song.duration, src->track.bpm, src->load_s);
    }
    if (src->kind == GFX_SOURCE_SONG && src->song.container_duration > src->song.duration + 0.5)
        fprintf(stderr,
                "glyphfx render: warning: %s: decoded %.1f s of audio, but the file says it lasts "
                "%.1f s (truncated or damaged?); the video follows the decoded %.1f s\n",
                o->audio, src->song.duration, src->song.container_duration, src->song.duration);
    return 0;
}

/* The command that finishes a parts render: the same options with `flag`
 * (--join or --resume) in place of those that chose the mode. */
static void print_finish_hint(int argc, char **argv, const char *output)
{
    int n = 0;
    char **args = render_shard_args(argc, argv, "glyphfx", output, &n);
    char line[8192] = "";
    for (int i = 0; args && i < n; i++) {
        if (i)
            strcat(line, " ");
        if (gfx_shell_quote_append(args[i], line, sizeof line - 64) < 0)
            break;
    }
    render_args_free(args, n);
    fprintf(stderr,
            "glyphfx render: when every shard is done, join with:\n  %s --join\n"
            "glyphfx render: (or --resume instead of --join: renders what is missing, then "
            "joins)\n",
            line);
}

/* ----------------------------------------------------------------- Slurm */

static int slurm_sleep(double seconds)
{
    for (double t = 0; t < seconds; t += 0.1) {
        if (gfx_interrupted())
            return -1;
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return 0;
}

/* --wait: the parts done, from their records, until the join job ends. */
static int slurm_wait(const gfx_slurm_jobs *jobs, const gfx_plan *plan, const char *output,
                      const char *log_dir, const char *retry)
{
    int last_done = -1;
    double t0 = gfx_now_s();
    char err[2048];
    for (;;) {
        int done = 0;
        if (gfx_parts_status(plan, GFX_PARTS_QUICK, NULL, &done, err, sizeof err) == GFX_OK &&
            done > last_done && access(plan->dir, F_OK) == 0) {
            fprintf(stderr, "glyphfx render: %d of %d parts done (%.0f s)\n", done, plan->n_parts,
                    gfx_now_s() - t0);
            last_done = done;
        }
        gfx_slurm_state join;
        if (gfx_slurm_job_state(jobs->join_id, &join, err, sizeof err)) {
            fprintf(stderr, "glyphfx render: %s\n", err);
            return 1;
        }
        if (!join.known || gfx_slurm_state_final(&join)) {
            struct stat st;
            int ok = (!join.known || join.completed == join.records) && stat(output, &st) == 0 &&
                     S_ISREG(st.st_mode);
            if (ok) {
                fprintf(stderr, "glyphfx render: join job %s completed: %s (%.1f s)\n",
                        jobs->join_id, output, gfx_now_s() - t0);
                return 0;
            }
            fprintf(stderr,
                    "glyphfx render: join job %s ended %s without %s (a shard failed or was "
                    "cancelled?); logs in %s; retry the missing parts with:\n  %s\n",
                    jobs->join_id, join.known ? join.last : "(forgotten by Slurm)", output, log_dir,
                    retry);
            return 1;
        }
        if (slurm_sleep(1.0) < 0) {
            fprintf(stderr,
                    "glyphfx render: stopped waiting; the jobs keep running (scancel %s %s to "
                    "stop them)\n",
                    jobs->array_id, jobs->join_id);
            return GFX_EXIT_INTERRUPTED;
        }
    }
}

/* --slurm N: writes the plan, submits the shards not done and a join job,
 * says how to watch them, and with --wait waits for the join. */
static int run_slurm(const struct render_options *o, gfx_job *job, int n_frames, int argc,
                     char **argv)
{
    char msg[4096 + 256], self[PATH_MAX];
    gfx_plan plan;
    gfx_status status = gfx_job_open_plan(job, n_frames, &plan, msg, sizeof msg);
    if (status)
        return exit_status(status, msg);
    if (plan.n_parts != o->slurm)
        fprintf(stderr, "glyphfx render: the plan in %s has %d parts; submitting %d shards\n",
                plan.dir, plan.n_parts, plan.n_parts);
    gfx_part_info *info = calloc((size_t)plan.n_parts, sizeof *info);
    int *tasks = calloc((size_t)plan.n_parts, sizeof *tasks);
    int n_tasks = 0;
    if (!info || !tasks) {
        free(info);
        free(tasks);
        return exit_status(GFX_FAILED, "out of memory");
    }
    status = gfx_parts_status(&plan, GFX_PARTS_VERIFY, info, NULL, msg, sizeof msg);
    for (int i = 0; !status && i < plan.n_parts; i++)
        if (info[i].state != GFX_PART_DONE)
            tasks[n_tasks++] = i + 1;
    free(info);
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (!status && len <= 0)
        status = gfx_fail(msg, sizeof msg, GFX_FAILED, "cannot find this program's path: %s",
                          strerror(errno));
    if (status) {
        free(tasks);
        return exit_status(status, msg);
    }
    self[len] = '\0';
    int n_args = 0;
    char **args = render_shard_args(argc, argv, self, plan.output, &n_args);
    char log_dir[PATH_MAX + 16], name[64];
    snprintf(log_dir, sizeof log_dir, "%s.slurm", plan.output);
    if (!args || (mkdir(log_dir, 0777) < 0 && errno != EEXIST)) {
        snprintf(msg, sizeof msg, "%s: cannot create the log directory: %s", log_dir,
                 args ? strerror(errno) : "out of memory");
        render_args_free(args, n_args);
        free(tasks);
        return exit_status(GFX_FAILED, msg);
    }
    const char *base = strrchr(plan.output, '/');
    snprintf(name, sizeof name, "glyphfx-%.40s", base ? base + 1 : plan.output);
    gfx_slurm_submission sub = {.command = (const char *const *)args,
                                .n_command = n_args,
                                .join_flag = "--join",
                                .n_shards = plan.n_parts,
                                .tasks = tasks,
                                .n_tasks = n_tasks,
                                .sbatch_options = o->slurm_opts,
                                .n_sbatch_options = o->n_slurm_opts,
                                .log_dir = log_dir,
                                .name = name};
    gfx_slurm_jobs jobs;
    status = gfx_slurm_submit(&sub, &jobs, msg, sizeof msg);
    /* the retry: the same render, absolute paths, from any directory */
    char retry[8192] = "glyphfx";
    for (int i = 1; i < n_args; i++) {
        strcat(retry, " ");
        gfx_shell_quote_append(args[i], retry, sizeof retry - 64);
    }
    char count[32];
    snprintf(count, sizeof count, " --slurm %d", plan.n_parts);
    strcat(retry, count);
    for (int i = 0; i < o->n_slurm_opts; i++) {
        strcat(retry, " --slurm-opt ");
        gfx_shell_quote_append(o->slurm_opts[i], retry, sizeof retry - 64);
    }
    strcat(retry, " --resume");
    render_args_free(args, n_args);
    if (status) {
        free(tasks);
        return exit_status(status, msg);
    }
    char list[256];
    if (n_tasks == plan.n_parts)
        snprintf(list, sizeof list, "1-%d", n_tasks);
    else if (gfx_slurm_task_list(tasks, n_tasks, list, sizeof list) < 0)
        snprintf(list, sizeof list, "%d tasks", n_tasks);
    if (jobs.array_id[0])
        fprintf(stderr, "glyphfx render: submitted shards %s of %d as job array %s\n", list,
                plan.n_parts, jobs.array_id);
    else
        fprintf(stderr, "glyphfx render: every part is done; submitted only the join\n");
    fprintf(stderr,
            "glyphfx render: submitted the join as job %s (runs after the array succeeds)\n"
            "glyphfx render: watch: squeue -j %s%s%s; logs in %s\n"
            "glyphfx render: if a shard fails, the join is cancelled; retry the missing parts "
            "with:\n  %s\n",
            jobs.join_id, jobs.array_id[0] ? jobs.array_id : "", jobs.array_id[0] ? "," : "",
            jobs.join_id, log_dir, retry);
    printf("%s %s\n", jobs.array_id[0] ? jobs.array_id : "-", jobs.join_id);
    fflush(stdout);
    free(tasks);
    if (!o->wait)
        return 0;
    return slurm_wait(&jobs, &plan, plan.output, log_dir, retry);
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
    if (parted && !wants_video(o)) {
        fprintf(stderr, "glyphfx render: --parts, --shard, --resume, --join and --slurm need a "
                        "video output (-o FILE.mp4)\n");
        return 2;
    }
    if (parted && gfx_video_format_of(o->output) != GFX_VIDEO_MP4) {
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
                   .n_parts = o->slurm ? o->slurm : o->parts,
                   .shard_index = o->shard_index,
                   .shard_count = o->shard_count,
                   .resume = o->resume,
                   .join_only = o->join,
                   .scene_path = o->scene_path,
                   .song = o->audio,
                   .bpm = (float)o->bpm,
                   .quiet = o->quiet,
                   .report = o->quiet ? NULL : stderr,
                   .note = o->quiet ? NULL : print_note};
    job.profile.crf = crf_of(o, profile);
    if (job.sink == GFX_JOB_VIDEO && !job.output) {
        fprintf(stderr, "glyphfx render: no output; expected --png-dir DIR, --test-frame SEC, "
                        "--contact-sheet FILE or --null\n");
        return 2;
    }
    if (o->slurm)
        return run_slurm(o, &job, n_frames, argc, argv);
    gfx_job_result result;
    char msg[4096 + 256];
    gfx_status status =
        parted ? gfx_job_render_parts(&job, n_frames, &result, msg, sizeof msg)
               : gfx_job_render(&job, o->last > 0 ? o->first : 0, o->last > 0 ? o->last : n_frames,
                                &result, msg, sizeof msg);
    int rc = exit_status(status, msg);
    if (rc == 0 && o->shard_count && !o->quiet)
        print_finish_hint(argc, argv, o->output);
    if (rc == 0 && result.video_written && !o->quiet)
        check_video(o->output);
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
    default_output(&o, default_path, sizeof default_path);
    if (o.font_path && (rc = check_font(o.font_path)))
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
    gfx_profile profile = choose_profile(&o, duration);
    gfx_feature_source src;
    if ((wants_video(&o) && (rc = check_video_output(&o, &profile))) ||
        (rc = open_features(&o, profile.fps, &duration, &src))) {
        gfx_scene_free(&scene);
        return rc;
    }
    if (gfx_interrupted()) {
        gfx_feature_source_close(&src);
        gfx_scene_free(&scene);
        return GFX_EXIT_INTERRUPTED;
    }
    if (!o.scene_path && gfx_scene_default(&scene, duration)) {
        fprintf(stderr, "glyphfx render: no effects are built in\n");
        gfx_feature_source_close(&src);
        return 1;
    }
    gfx_scene_snap_cuts(&scene, &src.track);

    if (o.stage_times)
        rc = render_stage_times(&o, &profile, &src.track);
    else if (o.contact_sheet)
        rc = render_contact_sheet(&o, &src.track, profile.fps);
    else if (o.test_frame >= 0.0)
        rc = render_test_frame(&o, &profile, &scene, &src.track);
    else
        rc = run_job(&o, &profile, &scene, &src, argc, argv);
    gfx_feature_source_close(&src);
    gfx_scene_free(&scene);
    return rc;
}
