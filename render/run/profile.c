#include "profile.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ffmpeg_sink.h"
#include "frame.h"
#include "scene.h"
#include "shaders.h"
#include "synth_features.h"
#include "timing.h"

static const gfx_profile profiles[GFX_PROFILES] = {
    {"draft", 960, 540, 12.0, 28, 0.5f, GFX_SHADERS_MINIMAL, 200},
    {"preview", 1280, 720, 15.0, 25, 0.75f, GFX_SHADERS_STANDARD, 500},
    {"production", 1920, 1080, 24.0, 20, 1.0f, GFX_SHADERS_FULL, 1200},
    {"max", 3840, 2160, 30.0, 15, 2.0f, GFX_SHADERS_FULL, 3000},
};

const gfx_profile *gfx_profile_at(int i)
{
    return &profiles[i];
}

const gfx_profile *gfx_profile_find(const char *name)
{
    for (int i = 0; i < GFX_PROFILES; i++)
        if (!strcmp(name, profiles[i].name))
            return &profiles[i];
    return NULL;
}

size_t gfx_profile_worker_bytes(const gfx_profile *profile)
{
    return (size_t)profile->width * (size_t)profile->height * 3 * 7 + ((size_t)8 << 20);
}

size_t gfx_profile_encoder_bytes(const gfx_profile *profile)
{
    return (size_t)profile->width * (size_t)profile->height * 128;
}

/* A renderer for p with the benchmark scene prepared, and synthetic
 * features for `frames` frames: what both measurements render. */
typedef struct benchmark_run {
    gfx_renderer *r;
    gfx_feature_track track;
    gfx_scene scene;
} benchmark_run;

static void benchmark_close(benchmark_run *b)
{
    gfx_scene_free(&b->scene);
    gfx_feature_track_release(&b->track);
    gfx_renderer_free(b->r);
}

/* 0, or -1 with nothing left to close. */
static int benchmark_open(benchmark_run *b, const gfx_profile *p, int frames)
{
    gfx_render_config cfg = {p->width,         p->height, p->fps, p->grid_scale, p->shader_level,
                             p->particles_max, NULL,      NULL,   NULL,          0.0};
    char err[256];
    memset(b, 0, sizeof *b);
    b->r = gfx_renderer_create(&cfg, err, sizeof err);
    if (!b->r || gfx_synth_features(&b->track, frames, p->fps, 120.0f, 1)) {
        gfx_renderer_free(b->r);
        return -1;
    }
    if (gfx_scene_benchmark(&b->scene) || gfx_renderer_prepare(b->r, &b->scene, err, sizeof err)) {
        benchmark_close(b);
        return -1;
    }
    return 0;
}

static double measure_now(const gfx_profile *p, int frames)
{
    int n = frames < 1 ? 1 : frames > 64 ? 64 : frames;
    benchmark_run b;
    if (benchmark_open(&b, p, n + 1))
        return -1.0;
    double result = -1.0;
    if (gfx_render_frame(b.r, &b.scene, &b.track, 0, 1)) {
        double ms[64];
        int ok = 1;
        for (int f = 0; f < n && ok; f++) {
            double t0 = gfx_now_s();
            ok = gfx_render_frame(b.r, &b.scene, &b.track, f + 1, 1) != NULL;
            ms[f] = 1e3 * (gfx_now_s() - t0);
        }
        if (ok)
            result = gfx_sort_median(ms, n);
    }
    benchmark_close(&b);
    return result;
}

/* What decides a frame's cost; crf and the name do not. */
static int same_rendering(const gfx_profile *a, const gfx_profile *b)
{
    return a->width == b->width && a->height == b->height && a->fps == b->fps &&
           a->grid_scale == b->grid_scale && a->shader_level == b->shader_level &&
           a->particles_max == b->particles_max;
}

double gfx_profile_measure_ms(const gfx_profile *p, int frames)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static struct {
        gfx_profile profile;
        double ms;
    } measured[2 * GFX_PROFILES];
    static int n_measured;
    pthread_mutex_lock(&lock);
    double ms = -1.0;
    int i = 0;
    while (i < n_measured && !same_rendering(&measured[i].profile, p))
        i++;
    if (i < n_measured) {
        ms = measured[i].ms;
    } else {
        ms = measure_now(p, frames);
        if (ms >= 0.0 && n_measured < (int)(sizeof measured / sizeof measured[0])) {
            measured[n_measured].profile = *p;
            measured[n_measured++].ms = ms;
        }
    }
    pthread_mutex_unlock(&lock);
    return ms;
}

void gfx_profile_measure_video(const gfx_profile *p, int frames, const gfx_encode_settings *encode,
                               int encode_frames, double *render_ms, double *encode_ms)
{
    *render_ms = gfx_profile_measure_ms(p, frames);
    *encode_ms = -1.0;
    if (!encode || *render_ms < 0.0)
        return;
    enum { MAX_FRAMES = 32 };
    int n = encode_frames < 2 ? 2 : encode_frames > MAX_FRAMES ? MAX_FRAMES : encode_frames;
    gfx_image images[MAX_FRAMES] = {0};
    const gfx_image *list[MAX_FRAMES];
    int made = 0;
    benchmark_run b;
    if (benchmark_open(&b, p, n) == 0) {
        for (; made < n; made++) {
            const gfx_image *img = gfx_render_frame(b.r, &b.scene, &b.track, made, 1);
            if (!img || gfx_image_alloc(&images[made], img->width, img->height))
                break;
            for (int y = 0; y < img->height; y++)
                memcpy(images[made].px + y * images[made].stride, img->px + y * img->stride,
                       (size_t)img->width * 3);
            list[made] = &images[made];
        }
        benchmark_close(&b);
    }
    if (made == n) {
        gfx_encode_settings s = *encode;
        s.width = p->width, s.height = p->height, s.fps = p->fps;
        s.crf = encode->crf < 0 ? p->crf : encode->crf;
        *encode_ms = gfx_ffmpeg_encode_ms(&s, list, n);
    }
    for (int i = 0; i < made; i++)
        gfx_image_free(&images[i]);
}

const gfx_profile *gfx_profile_choose_video(const double render_ms[GFX_PROFILES],
                                            const double encode_ms[GFX_PROFILES], int workers,
                                            double duration_s, double budget_s, char *why,
                                            int why_size)
{
    if (workers < 1)
        workers = 1;
    for (int i = GFX_PROFILE_PRODUCTION; i >= GFX_PROFILE_DRAFT; i--) {
        if (render_ms[i] <= 0.0)
            continue;
        const gfx_profile *p = &profiles[i];
        double render = render_ms[i] / workers;
        double encode = encode_ms && encode_ms[i] > 0.0 ? encode_ms[i] : 0.0;
        double est = duration_s * p->fps * (render > encode ? render : encode) / 1000.0;
        if (est <= budget_s || i == GFX_PROFILE_DRAFT) {
            if (encode > 0.0)
                snprintf(why, (size_t)why_size,
                         "%s: measured %.1f ms/frame rendering (%d worker(s)) and %.1f ms/frame "
                         "encoding at %dx%d; they run at once, the %s sets the pace: about %.0f s "
                         "to render and encode %.0f s of video (budget %.0f s)",
                         p->name, render_ms[i], workers, encode, p->width, p->height,
                         encode > render ? "encoder" : "renderer", est, duration_s, budget_s);
            else
                snprintf(why, (size_t)why_size,
                         "%s: measured %.1f ms/frame at %dx%d, %d worker(s): about %.0f s of "
                         "rendering for %.0f s of video (budget %.0f s)",
                         p->name, render_ms[i], p->width, p->height, workers, est, duration_s,
                         budget_s);
            return p;
        }
    }
    snprintf(why, (size_t)why_size, "draft: no profile was measured");
    return &profiles[GFX_PROFILE_DRAFT];
}

const gfx_profile *gfx_profile_choose(const double ms_per_frame[GFX_PROFILES], int workers,
                                      double duration_s, double budget_s, char *why, int why_size)
{
    return gfx_profile_choose_video(ms_per_frame, NULL, workers, duration_s, budget_s, why,
                                    why_size);
}
