/* The render job: see job.h. Each worker thread owns a renderer; the pool
 * hands finished frames to the sink in order (workers.h), so the bytes do
 * not depend on how many workers there are. */
#include "job.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ffmpeg_sink.h"
#include "gfx_kernels.h"
#include "grid.h"
#include "interrupt.h"
#include "parts.h"
#include "png_sink.h"
#include "progress.h"
#include "shaders.h"
#include "timing.h"

#define INTERRUPTED_MSG "interrupted; removed the partial output"

static void note(const gfx_job *job, const char *fmt, ...)
{
    if (!job->note)
        return;
    char line[4096 + 512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    job->note(job->note_user, line);
}

static gfx_status fail(gfx_status status, char *msg, size_t msg_size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, msg_size, fmt, ap);
    va_end(ap);
    return status;
}

gfx_renderer *gfx_job_renderer(const gfx_profile *p, const char *font_path, const char *video,
                               double video_image_fps, const gfx_scene *scene, const gfx_warn *warn,
                               char *err, size_t err_size)
{
    gfx_render_config cfg = {p->width,         p->height, p->fps, p->grid_scale, p->shader_level,
                             p->particles_max, font_path, warn,   video,         video_image_fps};
    gfx_renderer *r = gfx_renderer_create(&cfg, err, err_size);
    if (r && gfx_renderer_prepare(r, scene, err, err_size)) {
        gfx_renderer_free(r);
        r = NULL;
    }
    return r;
}

/* ------------------------------------------------------------ the workers */

/* What every worker and part of one run shares. */
struct run {
    const gfx_job *job;
    gfx_progress *progress;
    pthread_mutex_t lock; /* frames_done, the progress bar, err; concurrent parts share them */
    int frames_done;
    char err[2048]; /* the first failure's line */
};

static void run_error(struct run *run, const char *err)
{
    pthread_mutex_lock(&run->lock);
    if (!run->err[0])
        snprintf(run->err, sizeof run->err, "%s", err);
    pthread_mutex_unlock(&run->lock);
}

struct worker {
    gfx_renderer *renderer;
    const gfx_job *job;
    struct run *run;
    gfx_warn warn; /* the job's note */
};

static void *worker_new(void *user, int index)
{
    struct run *run = user;
    const gfx_job *job = run->job;
    struct worker *w = malloc(sizeof *w);
    if (!w)
        return NULL;
    char err[512];
    w->warn = (gfx_warn){job->note, job->note_user};
    /* only the first worker reports dropped characters: the others would repeat it */
    w->renderer = gfx_job_renderer(&job->profile, job->font_path, job->video, job->video_image_fps,
                                   job->scene, index == 0 ? &w->warn : NULL, err, sizeof err);
    w->job = job;
    w->run = run;
    if (!w->renderer) {
        run_error(run, err);
        free(w);
        return NULL;
    }
    return w;
}

static int worker_render(void *state, int frame, gfx_image *out)
{
    struct worker *w = state;
    const gfx_image *img =
        gfx_render_frame(w->renderer, w->job->scene, w->job->track, frame, w->job->seed);
    if (!img) {
        run_error(w->run, gfx_renderer_error(w->renderer));
        return -1;
    }
    /* A copy, not a buffer swap: swapping measured slower (each renderer then
     * cycles through every slot's buffer, and the working set leaves L3). */
    memcpy(out->px, img->px, gfx_image_bytes(img));
    return 0;
}

static void worker_free(void *state)
{
    struct worker *w = state;
    gfx_renderer_free(w->renderer);
    free(w);
}

static void worker_progress(void *user, int frames_done_here)
{
    (void)frames_done_here; /* one call per frame written; parts add up */
    struct run *run = user;
    pthread_mutex_lock(&run->lock);
    gfx_progress_update(run->progress, ++run->frames_done);
    pthread_mutex_unlock(&run->lock);
}

static void worker_warn(void *user, const char *line)
{
    struct run *run = user;
    note(run->job, "%s", line);
}

static int render_frames(struct run *run, const gfx_worker_plan *plan, int first, int last,
                         gfx_sink *sink)
{
    gfx_worker_callbacks cb = {worker_new,      worker_render, worker_free,
                               worker_progress, run,           worker_warn};
    char err[sizeof run->err];
    int rc = gfx_workers_run(plan, run->job->profile.width, run->job->profile.height, first, last,
                             &cb, sink, gfx_interrupt_flag(), err, sizeof err);
    if (rc < 0 && err[0])
        run_error(run, err);
    return rc;
}

static void run_start(struct run *run, const gfx_job *job, int frames, const char *stage)
{
    *run = (struct run){.job = job,
                        .progress = gfx_progress_new(job->quiet ? NULL : job->progress, frames)};
    pthread_mutex_init(&run->lock, NULL);
    gfx_progress_stage(run->progress, stage);
}

/* ------------------------------------------------------------ one sequence */

static gfx_encode_settings encode_settings(const gfx_job *job, const char *output, int first,
                                           int last, const char *mux_audio)
{
    const gfx_profile *p = &job->profile;
    return (gfx_encode_settings){.output = output,
                                 .audio = mux_audio,
                                 .audio_start = first / p->fps,
                                 .width = p->width,
                                 .height = p->height,
                                 .fps = p->fps,
                                 .n_frames = last - first,
                                 .crf = p->crf,
                                 .preset = job->preset,
                                 .alpha = job->alpha};
}

static gfx_sink *open_sink(const gfx_job *job, int first, int last, gfx_status *status, char *msg,
                           size_t msg_size)
{
    gfx_sink *sink = NULL;
    *status = GFX_FAILED;
    msg[0] = '\0';
    switch (job->sink) {
    case GFX_JOB_NULL:
        if (!(sink = gfx_null_sink_open()))
            snprintf(msg, msg_size, "out of memory opening the sink");
        break;
    case GFX_JOB_PNG:
        if (!(sink = gfx_png_sink_open(job->output, job->alpha, msg, msg_size)))
            *status = GFX_BAD_INPUT;
        break;
    case GFX_JOB_VIDEO: {
        gfx_encode_settings es = encode_settings(job, job->output, first, last, job->mux_audio);
        sink = gfx_ffmpeg_sink_open(&es, status, msg, msg_size);
        break;
    }
    }
    if (sink)
        *status = GFX_OK;
    return sink;
}

/* The time a short measured render predicts for this many workers. It is a
 * floor for a video: at large sizes x264, not the renderer, sets the pace. */
static void note_estimate(const gfx_job *job, int frames, int workers)
{
    const gfx_profile *p = &job->profile;
    gfx_topology_summary topo;
    gfx_topology_read(&topo);
    double ms = gfx_profile_measure_ms(p, 8);
    char estimate[96] = "unknown";
    if (ms > 0)
        snprintf(estimate, sizeof estimate, "%.0f s (%.1f ms/frame measured, %d worker%s)%s",
                 frames * ms / 1e3 / workers, ms, workers, workers == 1 ? "" : "s",
                 job->sink == GFX_JOB_VIDEO ? " plus what the encoder needs beyond it" : "");
    note(job,
         "hardware %d cores/%d PUs, %.1f GiB, kernels %s; profile %s %dx%d @%g fps crf %d; %d "
         "frames, estimated render time %s",
         topo.cores, topo.pus, topo.mem_gib, gfx_isa_name(gfx_kernels_get()->isa_used[GFX_K_BLIT]),
         p->name, p->width, p->height, p->fps, p->crf, frames, estimate);
}

gfx_status gfx_job_render(const gfx_job *job, int first, int last, gfx_job_result *result,
                          char *msg, size_t msg_size)
{
    const gfx_profile *p = &job->profile;
    gfx_worker_plan plan;
    gfx_status status;
    *result = (gfx_job_result){0};
    if (gfx_worker_plan_make_reserving(&plan, job->workers, job->pin, gfx_profile_worker_bytes(p),
                                       job->sink == GFX_JOB_VIDEO ? gfx_profile_encoder_bytes(p)
                                                                  : 0) < 0)
        return fail(GFX_BAD_INPUT, msg, msg_size, "%s", plan.why);
    gfx_sink *sink = open_sink(job, first, last, &status, msg, msg_size);
    if (!sink)
        return status;
    /* After the sink opened: a bad output path stays the only line printed. */
    note(job, "%s; pinned per %s", plan.why, gfx_pin_name(plan.pin));
    if (job->note) {
        note_estimate(job, last - first, plan.workers);
        note(job, "%dx%d @%g fps, %s shaders, frames %d..%d, %s", p->width, p->height, p->fps,
             gfx_shader_level_name(p->shader_level), first, last - 1, sink->description);
    }
    double t0 = gfx_now_s();
    struct run run;
    run_start(&run, job, last - first, "rendering");
    int rc = render_frames(&run, &plan, first, last, sink);
    pthread_mutex_destroy(&run.lock);
    if (rc || gfx_interrupted()) {
        gfx_progress_end(run.progress, 0);
        sink->abort(sink);
        if (gfx_interrupted())
            return fail(GFX_INTERRUPTED, msg, msg_size, INTERRUPTED_MSG);
        return fail(GFX_FAILED, msg, msg_size, "%s", run.err);
    }
    gfx_progress_stage(run.progress, "finishing");
    gfx_progress_end(run.progress, 0);
    char described[96];
    snprintf(described, sizeof described, "%s", sink->description);
    if (sink->finish(sink, msg, msg_size))
        return gfx_interrupted() ? GFX_INTERRUPTED : GFX_FAILED;
    double s = gfx_now_s() - t0;
    int frames = last - first;
    note(job, "%d frames in %.2f s (%.1f fps, %.2f ms/frame) to %s", frames, s, frames / s,
         1e3 * s / frames, described);
    result->video_written = job->sink == GFX_JOB_VIDEO;
    return GFX_OK;
}

/* ------------------------------------------------------------- parts and shards */

/* A path as every process of a cluster job sees it: absolute, so a shard
 * started from another working directory describes the same files. */
static const char *absolute(const char *path, char *buf, size_t size)
{
    if (!path)
        return NULL;
    char real[PATH_MAX];
    if (realpath(path, real))
        snprintf(buf, size, "%s", real);
    else
        snprintf(buf, size, "%s", path);
    return buf;
}

/* An input in the settings key: its absolute path, size and time (a file
 * edited in place changes the key), or `none`. An image sequence's pattern
 * or glob names no file and stats as 0:0. */
static const char *input_id(const char *path, char *buf, size_t size)
{
    if (!path)
        return "none";
    char where[PATH_MAX];
    struct stat st = {0};
    stat(path, &st);
    snprintf(buf, size, "%s:%lld:%lld", absolute(path, where, sizeof where), (long long)st.st_size,
             (long long)st.st_mtime);
    return buf;
}

void gfx_job_settings_key(const gfx_job *job, int total_frames, char key[17])
{
    const gfx_profile *p = &job->profile;
    char text[6 * PATH_MAX + 512], scene[PATH_MAX + 64], song[PATH_MAX + 64], font[PATH_MAX];
    char video[PATH_MAX + 64], lyrics[PATH_MAX + 64];
    snprintf(text, sizeof text,
             "v3 scene=%s audio=%s seed=%u %dx%d fps=%g frames=%d crf=%d preset=%s profile=%s "
             "bpm=%g font=%s video=%s@%g lyrics=%s",
             job->scene_path ? input_id(job->scene_path, scene, sizeof scene) : "built-in",
             job->song ? input_id(job->song, song, sizeof song) : "built-in", job->seed, p->width,
             p->height, p->fps, total_frames, p->crf, job->preset ? job->preset : "-", p->name,
             job->bpm, job->font_path ? absolute(job->font_path, font, sizeof font) : "-",
             input_id(job->video, video, sizeof video), job->video_image_fps,
             input_id(job->lyrics, lyrics, sizeof lyrics));
    gfx_plan_key(text, key);
}

gfx_status gfx_job_open_plan(const gfx_job *job, int total_frames, gfx_plan *plan, char *msg,
                             size_t msg_size)
{
    char key[17];
    gfx_job_settings_key(job, total_frames, key);
    int n = job->shard_count ? job->shard_count : job->n_parts;
    if (job->resume || job->join_only) {
        int found = 0;
        gfx_status st = gfx_plan_load(plan, job->output, &found, msg, msg_size);
        if (st)
            return st;
        if (!found && job->join_only)
            return fail(GFX_BAD_INPUT, msg, msg_size,
                        "--join %s: no plan (%s.parts/plan.json); nothing to join, render the "
                        "parts first (--parts N, --shard I/N or --slurm N)",
                        job->output, job->output);
        if (found && n <= 0)
            n = plan->n_parts;
    }
    if (job->shard_count > total_frames)
        return fail(GFX_BAD_INPUT, msg, msg_size,
                    "--shard %d/%d: the render has %d frames; expected at most %d shards",
                    job->shard_index, job->shard_count, total_frames, total_frames);
    if (n > total_frames)
        n = total_frames;
    gfx_status st = gfx_plan_open(plan, job->output, key, total_frames, n > 0 ? n : 1, "mp4",
                                  job->profile.fps, msg, msg_size);
    if (st)
        return st;
    if (!plan->created && !job->resume && !job->join_only && !job->shard_count)
        return fail(GFX_BAD_INPUT, msg, msg_size,
                    "%s exists with this render's plan; use --resume to render what is missing "
                    "and join, or remove %s to start over",
                    plan->dir, plan->dir);
    return GFX_OK;
}

struct part_run {
    struct run *run;
    const gfx_worker_plan *plan; /* workers per part */
    const gfx_plan *parts;
    const int *todo;
    int n_todo, next;
    int failed;
    pthread_mutex_t lock; /* next, failed */
};

static int render_one_part(struct part_run *pr, int index)
{
    const gfx_job *job = pr->run->job;
    char tmp[PATH_MAX], err[sizeof pr->run->err];
    int first, last;
    gfx_status status;
    gfx_part_range(pr->parts, index, &first, &last);
    if (gfx_part_temp_path(pr->parts, index, tmp, sizeof tmp, err, sizeof err)) {
        run_error(pr->run, err);
        return -1;
    }
    gfx_encode_settings es = encode_settings(job, tmp, first, last, NULL);
    gfx_sink *sink = gfx_ffmpeg_sink_open(&es, &status, err, sizeof err);
    if (!sink) {
        unlink(tmp);
        run_error(pr->run, err);
        return -1;
    }
    if (render_frames(pr->run, pr->plan, first, last, sink) < 0) {
        sink->abort(sink);
        unlink(tmp);
        return -1;
    }
    if (sink->finish(sink, err, sizeof err)) {
        unlink(tmp);
        run_error(pr->run, err);
        return -1;
    }
    if (gfx_part_commit(pr->parts, index, tmp, last - first, err, sizeof err)) {
        unlink(tmp);
        run_error(pr->run, err);
        return -1;
    }
    return 0;
}

static void *part_thread(void *arg)
{
    struct part_run *pr = arg;
    for (;;) {
        pthread_mutex_lock(&pr->lock);
        int i = pr->failed || gfx_interrupted() || pr->next >= pr->n_todo ? -1 : pr->next++;
        pthread_mutex_unlock(&pr->lock);
        if (i < 0)
            return NULL;
        if (render_one_part(pr, pr->todo[i]) < 0) {
            pthread_mutex_lock(&pr->lock);
            pr->failed = 1;
            pthread_mutex_unlock(&pr->lock);
            /* parts in flight finish and are recorded; no new one starts */
            return NULL;
        }
    }
}

/* Renders the listed parts, several at a time when there are workers to
 * spare: each running part gets its own ffmpeg and a share of them. */
static int render_parts(struct run *run, const gfx_worker_plan *plan, const gfx_plan *parts,
                        const int *todo, int n_todo)
{
    int concurrent = n_todo < plan->workers ? n_todo : plan->workers;
    if (concurrent < 1)
        concurrent = 1;
    if (concurrent > 64)
        concurrent = 64;
    gfx_worker_plan share = *plan;
    share.workers = plan->workers / concurrent > 0 ? plan->workers / concurrent : 1;
    struct part_run pr = {
        .run = run, .plan = &share, .parts = parts, .todo = todo, .n_todo = n_todo};
    pthread_mutex_init(&pr.lock, NULL);
    pthread_t threads[64];
    int started = 0;
    while (started < concurrent && pthread_create(&threads[started], NULL, part_thread, &pr) == 0)
        started++;
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_mutex_destroy(&pr.lock);
    return started == 0 || pr.failed || pr.next < n_todo ? -1 : 0;
}

/* The parts this run renders: for a shard, its own; otherwise every one
 * that is not done (saying why for a damaged one). */
static int parts_to_render(const gfx_job *job, const gfx_part_info *info, int n_parts, int *todo)
{
    int n = 0;
    for (int i = 0; i < n_parts; i++) {
        if ((job->shard_count && i != job->shard_index - 1) || info[i].state == GFX_PART_DONE)
            continue;
        if (info[i].state == GFX_PART_DAMAGED)
            note(job, "re-rendering %s", info[i].why);
        todo[n++] = i;
    }
    return n;
}

/* "--shard 2/4, 4/4" for the parts that are not done, at most a few named. */
static void list_missing(const gfx_part_info *info, int n_parts, char *out, size_t size)
{
    size_t used = 0;
    int listed = 0, missing = 0;
    out[0] = '\0';
    for (int i = 0; i < n_parts; i++) {
        if (info[i].state == GFX_PART_DONE)
            continue;
        if (listed < 8 && used < size) {
            used += (size_t)snprintf(out + used, size - used, "%s%d/%d", listed ? ", " : "", i + 1,
                                     n_parts);
            listed++;
        }
        missing++;
    }
    if (missing > listed && used < size)
        snprintf(out + used, size - used, " and %d more", missing - listed);
}

gfx_status gfx_job_render_parts(const gfx_job *job, int total_frames, gfx_job_result *result,
                                char *msg, size_t msg_size)
{
    *result = (gfx_job_result){0};
    msg[0] = '\0';
    gfx_worker_plan plan;
    if (!job->join_only && gfx_worker_plan_make(&plan, job->workers, job->pin,
                                                gfx_profile_worker_bytes(&job->profile)) < 0)
        return fail(GFX_BAD_INPUT, msg, msg_size, "%s", plan.why);
    gfx_plan parts;
    gfx_status status = gfx_job_open_plan(job, total_frames, &parts, msg, msg_size);
    if (status)
        return status;
    result->n_parts = parts.n_parts;
    gfx_part_info *info = calloc((size_t)parts.n_parts, sizeof *info);
    int *todo = calloc((size_t)parts.n_parts, sizeof *todo);
    if (!info || !todo) {
        free(info);
        free(todo);
        return fail(GFX_FAILED, msg, msg_size, "out of memory planning %d parts", parts.n_parts);
    }
    /* a shard looks at its own part only, and the join re-checks every
     * checksum itself: those take the cheap look */
    status = gfx_parts_status(
        &parts, job->shard_count || job->join_only ? GFX_PARTS_QUICK : GFX_PARTS_VERIFY, info,
        &result->parts_done, msg, msg_size);
    if (!status && job->shard_count) { /* its own part, checksum and all */
        int own = job->shard_index - 1, was_done = info[own].state == GFX_PART_DONE;
        status = gfx_part_status(&parts, own, GFX_PARTS_VERIFY, &info[own], msg, msg_size);
        if (!status && was_done && info[own].state != GFX_PART_DONE)
            result->parts_done--;
    }
    int n_todo = 0, frames = 0, rc = 0;
    if (!status && !job->join_only) {
        note(job, "%s; pinned per %s", plan.why, gfx_pin_name(plan.pin));
        n_todo = parts_to_render(job, info, parts.n_parts, todo);
        for (int i = 0; i < n_todo; i++)
            frames += info[todo[i]].last - info[todo[i]].first;
        note(job, "%d of %d parts to render (%d frames) into %s", n_todo, parts.n_parts, frames,
             parts.dir);
        struct run run;
        run_start(&run, job, frames, "rendering parts");
        rc = n_todo ? render_parts(&run, &plan, &parts, todo, n_todo) : 0;
        gfx_progress_end(run.progress, rc == 0);
        pthread_mutex_destroy(&run.lock);
        if (rc < 0)
            status = gfx_interrupted() ? fail(GFX_INTERRUPTED, msg, msg_size, INTERRUPTED_MSG)
                                       : fail(GFX_FAILED, msg, msg_size, "%s", run.err);
        else
            status =
                gfx_parts_status(&parts, GFX_PARTS_QUICK, info, &result->parts_done, msg, msg_size);
    }
    if (!status && job->shard_count) {
        /* a shard never joins: the other shards may still be running */
        note(job, "shard %d/%d done: part %d of %s; %d of %d parts done", job->shard_index,
             job->shard_count, job->shard_index - 1, parts.dir, result->parts_done, parts.n_parts);
    } else if (!status && result->parts_done < parts.n_parts) {
        char missing[256];
        list_missing(info, parts.n_parts, missing, sizeof missing);
        const char *why = "";
        for (int i = 0; i < parts.n_parts && !why[0]; i++)
            if (info[i].state != GFX_PART_DONE)
                why = info[i].why;
        status = fail(GFX_BAD_INPUT, msg, msg_size,
                      "cannot join %s: %d of %d parts missing or damaged (--shard %s; %s); "
                      "render them with --resume or those --shard runs",
                      job->output, parts.n_parts - result->parts_done, parts.n_parts, missing, why);
    } else if (!status) {
        status = gfx_parts_join(&parts, job->mux_audio, 0.0, job->output, msg, msg_size);
        if (!status) {
            note(job, "joined %d parts into %s", parts.n_parts, job->output);
            result->video_written = 1;
        }
    }
    free(info);
    free(todo);
    return status;
}
