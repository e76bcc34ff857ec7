/* The render job: see job.h. Each worker thread owns a renderer; the pool
 * hands finished frames to the sink in order (workers.h), so the bytes do
 * not depend on how many workers there are. */
#include "job.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ffmpeg_sink.h"
#include "gfx_kernels.h"
#include "png_sink.h"
#include "progress.h"
#include "segments.h"
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

gfx_renderer *gfx_job_renderer(const gfx_profile *p, const char *font_path, const gfx_scene *scene,
                               const gfx_warn *warn, char *err, size_t err_size)
{
    gfx_render_config cfg = {p->width,        p->height,        p->fps,    p->grid_scale,
                             p->shader_level, p->particles_max, font_path, warn};
    gfx_renderer *r = gfx_renderer_create(&cfg, err, err_size);
    if (r && gfx_renderer_prepare(r, scene, err, err_size)) {
        gfx_renderer_free(r);
        r = NULL;
    }
    return r;
}

/* ------------------------------------------------------------ the workers */

/* What every worker and segment of one run shares. */
struct run {
    const gfx_job *job;
    gfx_progress *progress;
    pthread_mutex_t lock; /* frames_done, the progress bar, err; concurrent segments share them */
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
    w->renderer = gfx_job_renderer(&job->profile, job->font_path, job->scene,
                                   index == 0 ? &w->warn : NULL, err, sizeof err);
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
    (void)frames_done_here; /* one call per frame written; segments add up */
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
                                 .preset = job->preset};
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
        if (!(sink = gfx_png_sink_open(job->output, msg, msg_size)))
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
    note(job, "%s; pinned per %s", plan.why, gfx_pin_name(job->pin));
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

/* ------------------------------------------------------- segments and shards */

/* Everything that decides a segment's bytes: a resume with other settings
 * must not reuse them. Files are named by path, size and modification time
 * (the built-in soundtrack, rewritten per run, by its name only). */
static void settings_key(const gfx_job *job, int total_frames, char key[17])
{
    const gfx_profile *p = &job->profile;
    char text[4096];
    struct stat scene = {0}, audio = {0};
    if (job->scene_path)
        stat(job->scene_path, &scene);
    if (job->song)
        stat(job->song, &audio);
    snprintf(text, sizeof text,
             "v1 scene=%s:%lld:%lld audio=%s:%lld:%lld seed=%u %dx%d fps=%g frames=%d crf=%d "
             "preset=%s profile=%s bpm=%g font=%s",
             job->scene_path ? job->scene_path : "built-in", (long long)scene.st_size,
             (long long)scene.st_mtime, job->song ? job->song : "built-in",
             (long long)audio.st_size, (long long)audio.st_mtime, job->seed, p->width, p->height,
             p->fps, total_frames, p->crf, job->preset ? job->preset : "-", p->name, job->bpm,
             job->font_path ? job->font_path : "-");
    gfx_settings_key(text, key);
}

struct segment_run {
    struct run *run;
    const gfx_worker_plan *plan; /* workers per segment */
    gfx_manifest *manifest;
    const int *todo;
    int n_todo, next;
    int failed;
    pthread_mutex_t lock; /* next, failed, the manifest */
};

static int render_one_segment(struct segment_run *sr, int index)
{
    const gfx_job *job = sr->run->job;
    gfx_segment_file *seg = &sr->manifest->segments[index];
    gfx_status status;
    char err[sizeof sr->run->err];
    gfx_encode_settings es = encode_settings(job, seg->file, seg->first, seg->last, NULL);
    gfx_sink *sink = gfx_ffmpeg_sink_open(&es, &status, err, sizeof err);
    if (!sink) {
        run_error(sr->run, err);
        return -1;
    }
    if (render_frames(sr->run, sr->plan, seg->first, seg->last, sink) < 0) {
        sink->abort(sink);
        return -1;
    }
    if (sink->finish(sink, err, sizeof err)) {
        run_error(sr->run, err);
        return -1;
    }
    pthread_mutex_lock(&sr->lock);
    int rc = gfx_manifest_mark_done(sr->manifest, index, err, sizeof err);
    pthread_mutex_unlock(&sr->lock);
    if (rc < 0)
        run_error(sr->run, err);
    return rc;
}

static void *segment_thread(void *arg)
{
    struct segment_run *sr = arg;
    for (;;) {
        pthread_mutex_lock(&sr->lock);
        int i = sr->failed || gfx_interrupted() || sr->next >= sr->n_todo ? -1 : sr->next++;
        pthread_mutex_unlock(&sr->lock);
        if (i < 0)
            return NULL;
        if (render_one_segment(sr, sr->todo[i]) < 0) {
            pthread_mutex_lock(&sr->lock);
            sr->failed = 1;
            pthread_mutex_unlock(&sr->lock);
            /* segments in flight finish and are recorded; no new one starts */
            return NULL;
        }
    }
}

/* Renders the listed segments, several at a time when there are workers to
 * spare: each running segment gets its own ffmpeg and a share of them. */
static int render_segments(struct run *run, const gfx_worker_plan *plan, gfx_manifest *m,
                           const int *todo, int n_todo)
{
    int concurrent = n_todo < plan->workers ? n_todo : plan->workers;
    if (concurrent < 1)
        concurrent = 1;
    gfx_worker_plan share = *plan;
    share.workers = plan->workers / concurrent > 0 ? plan->workers / concurrent : 1;
    struct segment_run sr = {
        .run = run, .plan = &share, .manifest = m, .todo = todo, .n_todo = n_todo};
    pthread_mutex_init(&sr.lock, NULL);
    pthread_t threads[64];
    if (concurrent > 64)
        concurrent = 64;
    int started = 0;
    while (started < concurrent &&
           pthread_create(&threads[started], NULL, segment_thread, &sr) == 0)
        started++;
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_mutex_destroy(&sr.lock);
    return started == 0 || sr.failed || sr.next < n_todo ? -1 : 0;
}

/* The manifest for this render: resumed, or newly planned (never over one
 * that exists: that would discard finished segments). */
static gfx_status open_manifest(const gfx_job *job, const char *key, int total_frames,
                                gfx_manifest *m, char *msg, size_t msg_size)
{
    int n = job->shard_count ? job->shard_count : job->n_segments;
    int rc = gfx_manifest_load(m, job->output, key, msg, msg_size);
    if (rc < 0)
        return GFX_BAD_INPUT;
    if (rc == 0 && !job->resume && !job->shard_count) {
        fail(GFX_BAD_INPUT, msg, msg_size,
             "%s exists with finished segments; use --resume to finish and join them, or "
             "remove %s to start over",
             m->path, m->dir);
        gfx_manifest_free(m);
        return GFX_BAD_INPUT;
    }
    if (rc == 0 && job->shard_count && m->n_segments != job->shard_count) {
        fail(GFX_BAD_INPUT, msg, msg_size, "--shard %d/%d: %s was planned with %d segments",
             job->shard_index, job->shard_count, m->path, m->n_segments);
        gfx_manifest_free(m);
        return GFX_BAD_INPUT;
    }
    if (rc == 1) {
        if (gfx_manifest_plan(m, job->output, key, total_frames, n > 0 ? n : 1, "mp4", msg,
                              msg_size) < 0 ||
            gfx_manifest_save(m, msg, msg_size) < 0) {
            gfx_manifest_free(m);
            return GFX_BAD_INPUT;
        }
    }
    return GFX_OK;
}

/* The segments this run renders: for a shard, its own; otherwise every one
 * that is not finished and intact (saying why for each on a resume). */
static int segments_to_render(const gfx_job *job, const gfx_manifest *m, int *todo)
{
    int n = 0;
    char why[2048];
    for (int i = 0; i < m->n_segments; i++) {
        if (job->shard_count && i != job->shard_index - 1)
            continue;
        if (gfx_segment_intact(&m->segments[i], why, sizeof why))
            continue;
        if (m->segments[i].done)
            note(job, "re-rendering segment %d: %s", i, why);
        todo[n++] = i;
    }
    return n;
}

/* After the segments ran: join them when every one is there. */
static gfx_status join(const gfx_job *job, gfx_manifest *m, gfx_job_result *result, char *msg,
                       size_t msg_size)
{
    char err[2048];
    if (gfx_manifest_check_complete(m, err, sizeof err) < 0) {
        if (!job->shard_count)
            return fail(GFX_BAD_INPUT, msg, msg_size, "cannot join: %s", err);
        /* the other shards are still out there */
        note(job, "shard %d/%d done; join with --resume once every shard is (%s)", job->shard_index,
             job->shard_count, err);
        return GFX_OK;
    }
    if (gfx_segments_join(m, job->mux_audio, job->output) < 0)
        return GFX_FAILED;
    gfx_manifest_remove(m);
    note(job, "joined %d segments into %s", m->n_segments, job->output);
    result->video_written = 1;
    return GFX_OK;
}

gfx_status gfx_job_render_segments(const gfx_job *job, int total_frames, gfx_job_result *result,
                                   char *msg, size_t msg_size)
{
    *result = (gfx_job_result){0};
    msg[0] = '\0';
    gfx_worker_plan plan;
    if (gfx_worker_plan_make(&plan, job->workers, job->pin,
                             gfx_profile_worker_bytes(&job->profile)) < 0)
        return fail(GFX_BAD_INPUT, msg, msg_size, "%s", plan.why);
    char key[17];
    settings_key(job, total_frames, key);
    gfx_manifest m;
    gfx_status status = open_manifest(job, key, total_frames, &m, msg, msg_size);
    if (status)
        return status;
    note(job, "%s; pinned per %s", plan.why, gfx_pin_name(job->pin));
    int *todo = calloc((size_t)m.n_segments, sizeof *todo);
    if (!todo) {
        gfx_manifest_free(&m);
        return GFX_FAILED;
    }
    int n_todo = segments_to_render(job, &m, todo), frames = 0;
    for (int i = 0; i < n_todo; i++)
        frames += m.segments[todo[i]].last - m.segments[todo[i]].first;
    note(job, "%d of %d segments to render (%d frames) into %s", n_todo, m.n_segments, frames,
         m.dir);
    struct run run;
    run_start(&run, job, frames, "rendering segments");
    int rc = n_todo ? render_segments(&run, &plan, &m, todo, n_todo) : 0;
    gfx_progress_end(run.progress, rc == 0);
    pthread_mutex_destroy(&run.lock);
    free(todo);
    if (rc < 0)
        status = gfx_interrupted() ? fail(GFX_INTERRUPTED, msg, msg_size, INTERRUPTED_MSG)
                                   : fail(GFX_FAILED, msg, msg_size, "%s", run.err);
    else
        status = join(job, &m, result, msg, msg_size);
    gfx_manifest_free(&m);
    return status;
}
