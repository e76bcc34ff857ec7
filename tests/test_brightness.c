/* The seed's brightness targets on the built-in scene: a frame's mean
 * brightness (gfx_image_brightness) above 15 where the music is active and
 * above 5 where it is quiet, in every section, at the draft, preview and
 * production profiles.
 *
 * It renders what `glyphfx render` with no input renders: the built-in
 * soundtrack, analysed the same way, under the built-in scene with its cuts
 * snapped to the beats, with each profile's grid scale, shader level and
 * particle budget, at the profile's own size: a smaller frame with a
 * smaller grid scale is not the same picture (4-pixel glyphs carry more ink
 * per cell; particles crowd fewer cells), and four frames per section at
 * full size take about a second. Samples lie outside the crossfades. Active or quiet follows
 * `glyphfx verify`: the slow rms above 0.35.
 *
 * Every sample is printed; GLYPHFX_BRIGHTNESS_PNGS=DIR also writes each
 * one to DIR/<profile>-<section>-<effect>-<k>.png, for looking at them.
 *
 * First, the tonemap's mean floor (tonemap.h), the mechanism most of the
 * sparse effects lean on: an evenly lit frame keeps the scene's gamma
 * exactly, a dim one is lifted to the mean target, a sparse one to the
 * minimum gamma and no further. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "audio.h"
#include "check.h"
#include "frame.h"
#include "grid.h"
#include "png_sink.h"
#include "profile.h"
#include "scene.h"
#include "soundtrack.h"
#include "tonemap.h"

#define SEED 1u
#define ACTIVE_MEAN 15.0
#define QUIET_MEAN 5.0
#define ACTIVE_RMS_SLOW 0.35f
#define SAMPLES_PER_SECTION 4

#define CELLS 4096

/* Every lit cell (the i % every == 0 ones) gets lo + (hi - lo) * u^skew,
 * u spread evenly over [0, 1): skew > 1 makes most of them dim. */
static void fill_cells(float *v, int every, float lo, float hi, float skew)
{
    for (int i = 0; i < CELLS; i++)
        v[i] = i % every ? 0.0f : lo + (hi - lo) * powf((float)(i * 7919 % CELLS) / CELLS, skew);
}

/* The largest difference between the tonemapped cells and
 * clamp((v - lo) / (hi - lo))^e computed directly, over cells stretched to
 * at least 0.01 (below that, the steep power between two of the
 * tonemap's table entries is a different question). */
static float distance_to_power(const float *in, const float *out, gfx_tonemap_range r, float e)
{
    float worst = 0.0f;
    for (int i = 0; i < CELLS; i++) {
        if (in[i] <= 0.0f)
            continue;
        float x = (in[i] - r.lo) / (r.hi - r.lo);
        if (x < 0.01f)
            continue;
        x = x > 1.0f ? 1.0f : x;
        float d = fabsf(powf(x, e) - out[i]);
        worst = d > worst ? d : worst;
    }
    return worst;
}

static float mean_of(const float *v)
{
    double sum = 0.0;
    for (int i = 0; i < CELLS; i++)
        sum += v[i];
    return (float)(sum / CELLS);
}

static void check_tonemap_floor(void)
{
    static float in[CELLS], out[CELLS];
    const float gamma = 0.6f;

    fill_cells(in, 1, 0.2f, 1.0f, 1.0f); /* every cell lit, evenly */
    gfx_tonemap_range r = gfx_tonemap_measure(in, CELLS);
    for (int i = 0; i < CELLS; i++)
        out[i] = in[i];
    gfx_tonemap_apply(out, CELLS, r, gamma);
    CHECK(distance_to_power(in, out, r, gamma) < 0.003f,
          "a dense frame is not mapped with the scene's gamma (off by %g)",
          distance_to_power(in, out, r, gamma));

    fill_cells(in, 1, 0.02f, 0.6f, 6.0f); /* every cell lit, most of them dim */
    r = gfx_tonemap_measure(in, CELLS);
    for (int i = 0; i < CELLS; i++)
        out[i] = in[i];
    gfx_tonemap_apply(out, CELLS, r, gamma);
    float mean = mean_of(out);
    CHECK(mean > GFX_TONEMAP_MEAN_TARGET - 0.02f && mean < GFX_TONEMAP_MEAN_TARGET + 0.03f,
          "a dim frame's mean is %g after the tonemap, expected about %g", mean,
          GFX_TONEMAP_MEAN_TARGET);

    fill_cells(in, 20, 0.02f, 0.3f, 1.0f); /* one cell in 20 lit: the target is out of reach */
    r = gfx_tonemap_measure(in, CELLS);
    for (int i = 0; i < CELLS; i++)
        out[i] = in[i];
    gfx_tonemap_apply(out, CELLS, r, gamma);
    CHECK(distance_to_power(in, out, r, GFX_TONEMAP_MIN_GAMMA) < 0.003f,
          "a sparse frame is not lifted to the minimum gamma %g (off by %g)", GFX_TONEMAP_MIN_GAMMA,
          distance_to_power(in, out, r, GFX_TONEMAP_MIN_GAMMA));
}

static void write_sample(const char *dir, const gfx_image *img, const gfx_profile *p, int section,
                         const char *effect, int k)
{
    char path[1024], err[512];
    snprintf(path, sizeof path, "%s/%s-%02d-%s-%d.png", dir, p->name, section, effect, k);
    if (gfx_png_write(path, img, 1, err, sizeof err))
        fprintf(stderr, "test_brightness: %s\n", err);
}

static int check_profile(const gfx_profile *p, const float *samples, size_t n_samples,
                         const char *png_dir)
{
    gfx_feature_track track;
    if (gfx_audio_analyze(samples, n_samples, GFX_AUDIO_RATE, p->fps, &track)) {
        fprintf(stderr, "test_brightness: analysis failed\n");
        exit(1);
    }
    gfx_scene scene;
    if (gfx_scene_default(&scene, GFX_SOUNDTRACK_SECONDS)) {
        fprintf(stderr, "test_brightness: no built-in scene\n");
        exit(1);
    }
    gfx_scene_snap_cuts(&scene, &track);
    gfx_render_config cfg = {p->width,        p->height,        p->fps, p->grid_scale,
                             p->shader_level, p->particles_max, NULL,   NULL};
    char err[256];
    gfx_renderer *r = gfx_renderer_create(&cfg, err, sizeof err);
    if (!r || gfx_renderer_prepare(r, &scene, err, sizeof err)) {
        fprintf(stderr, "test_brightness: %s\n", err);
        exit(1);
    }
    int failures = 0;
    for (int s = 0; s < scene.n; s++) {
        const gfx_segment *seg = &scene.segments[s];
        double start = seg->start + (seg->transition == GFX_TRANSITION_CROSSFADE ? seg->fade : 0.0);
        printf("%-10s %-9s %5.2f-%5.2f s:", p->name, seg->effect->name, seg->start, seg->end);
        for (int k = 0; k < SAMPLES_PER_SECTION; k++) {
            double t = start + (seg->end - start) * (k + 0.5) / SAMPLES_PER_SECTION;
            int frame = (int)(t * p->fps);
            const gfx_image *img = gfx_render_frame(r, &scene, &track, frame, SEED);
            if (!img) {
                fprintf(stderr, "test_brightness: frame %d failed\n", frame);
                exit(1);
            }
            if (png_dir)
                write_sample(png_dir, img, p, s, seg->effect->name, k);
            double mean;
            int max;
            gfx_image_brightness(img, &mean, &max);
            int active = gfx_features_at(&track, frame)->rms_slow > ACTIVE_RMS_SLOW;
            int ok = mean > (active ? ACTIVE_MEAN : QUIET_MEAN);
            failures += !ok;
            printf("  %5.1f%c%s", mean, active ? 'a' : 'q', ok ? "" : " TOO DARK");
        }
        printf("\n");
    }
    gfx_renderer_free(r);
    gfx_scene_free(&scene);
    gfx_feature_track_release(&track);
    return failures;
}

int main(void)
{
    size_t n_samples;
    float *samples = gfx_soundtrack_synthesize(GFX_SOUNDTRACK_SECONDS, GFX_AUDIO_RATE, &n_samples);
    if (!samples) {
        fprintf(stderr, "test_brightness: out of memory\n");
        return 1;
    }
    check_tonemap_floor();
    const char *png_dir = getenv("GLYPHFX_BRIGHTNESS_PNGS");
    printf("mean brightness per sample (a: active, target > %g; q: quiet, target > %g)\n",
           ACTIVE_MEAN, QUIET_MEAN);
    int failures = 0;
    for (int i = GFX_PROFILE_DRAFT; i <= GFX_PROFILE_PRODUCTION; i++)
        failures += check_profile(gfx_profile_at(i), samples, n_samples, png_dir);
    free(samples);
    if (failures)
        fprintf(stderr, "test_brightness: %d sample(s) below the brightness targets\n", failures);
    return failures || CHECK_EXIT_STATUS() ? 1 : 0;
}
