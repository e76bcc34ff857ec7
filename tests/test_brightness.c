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
 * Short shows too: `glyphfx render --duration 1` (or 2, 3) synthesizes a
 * soundtrack of that length (all groove, so every sample but the very
 * first is active) under a built-in scene of one or two sections. Those
 * are sampled where `glyphfx verify` samples them: 8 frames spread evenly
 * over the video, crossfades included.
 *
 * The means here are of the RGB canvas; `glyphfx verify` reads the video
 * after glyphfx's yuv420p conversion, x264 and the decoder's conversion
 * back to RGB. Limited range lifts black to 16 and the decoder brings it
 * back to 0, but chroma subsampling spreads thin coloured glyphs into the
 * black around them and the way back to RGB clips the negative side at 0:
 * verify reads about 1.0-1.1 times the canvas's mean on plasma and up to
 * 1.3 times on rain (tonemap.h), so the canvas is the stricter measure
 * (tests/test_show_verify.sh checks the videos themselves).
 *
 * Every sample is printed; GLYPHFX_BRIGHTNESS_PNGS=DIR also writes each
 * one to DIR/<profile>-<duration>s-<section>-<effect>-<k>.png, for looking
 * at them.
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
#define VERIFY_SAMPLES 8 /* glyphfx verify's default */

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

static void write_sample(const char *dir, const gfx_image *img, const gfx_profile *p,
                         double duration, int section, const char *effect, int k)
{
    char path[1024], err[512];
    snprintf(path, sizeof path, "%s/%s-%02.0fs-%02d-%s-%d.png", dir, p->name, duration, section,
             effect, k);
    if (gfx_png_write(path, img, 1, err, sizeof err))
        fprintf(stderr, "test_brightness: %s\n", err);
}

/* One sample: renders frame `frame`, prints its mean and whether it meets
 * its target; returns 1 when it does not. */
static int check_sample(gfx_renderer *r, const gfx_scene *scene, const gfx_feature_track *track,
                        const gfx_profile *p, double duration, int frame, int k,
                        const char *png_dir)
{
    const gfx_image *img = gfx_render_frame(r, scene, track, frame, SEED);
    if (!img) {
        fprintf(stderr, "test_brightness: frame %d failed\n", frame);
        exit(1);
    }
    int main_seg, outgoing;
    float mix;
    gfx_scene_at(scene, frame / p->fps, &main_seg, &outgoing, &mix);
    if (png_dir)
        write_sample(png_dir, img, p, duration, main_seg,
                     scene->segments[main_seg].layers[0].effect->name, k);
    double mean;
    int max;
    gfx_image_brightness(img, &mean, &max);
    int active = gfx_features_at(track, frame)->rms_slow > ACTIVE_RMS_SLOW;
    int ok = mean > (active ? ACTIVE_MEAN : QUIET_MEAN);
    printf("  %5.1f%c%s", mean, active ? 'a' : 'q', ok ? "" : " TOO DARK");
    return !ok;
}

/* The built-in show of `duration` seconds at profile p, as `glyphfx render`
 * with no input renders it. The full-length show is sampled per section;
 * a short one where `glyphfx verify` samples it. */
static int check_profile(const gfx_profile *p, double duration, const char *png_dir)
{
    size_t n_samples;
    float *samples = gfx_soundtrack_synthesize(duration, GFX_AUDIO_RATE, &n_samples);
    gfx_feature_track track;
    if (!samples || gfx_audio_analyze(samples, n_samples, GFX_AUDIO_RATE, p->fps, &track)) {
        fprintf(stderr, "test_brightness: soundtrack or analysis failed\n");
        exit(1);
    }
    free(samples);
    gfx_scene scene;
    if (gfx_scene_default(&scene, duration)) {
        fprintf(stderr, "test_brightness: no built-in scene\n");
        exit(1);
    }
    gfx_scene_snap_cuts(&scene, &track);
    gfx_render_config cfg = {p->width,         p->height, p->fps, p->grid_scale, p->shader_level,
                             p->particles_max, NULL,      NULL,   NULL,          0.0};
    char err[256];
    gfx_renderer *r = gfx_renderer_create(&cfg, err, sizeof err);
    if (!r || gfx_renderer_prepare(r, &scene, err, sizeof err)) {
        fprintf(stderr, "test_brightness: %s\n", err);
        exit(1);
    }
    int failures = 0;
    if (duration < GFX_SOUNDTRACK_SECONDS) {
        long frames = lround(duration * p->fps);
        printf("%-10s %4.1f s show:", p->name, duration);
        for (int k = 0; k < VERIFY_SAMPLES; k++) {
            int frame = (int)((2 * k + 1) * frames / (2 * VERIFY_SAMPLES));
            failures += check_sample(r, &scene, &track, p, duration, frame, k, png_dir);
        }
        printf("\n");
    }
    for (int s = 0; duration >= GFX_SOUNDTRACK_SECONDS && s < scene.n; s++) {
        const gfx_segment *seg = &scene.segments[s];
        double start = seg->start + (seg->transition != GFX_TRANSITION_CUT ? seg->fade : 0.0);
        printf("%-10s %-9s %5.2f-%5.2f s:", p->name, seg->layers[0].effect->name, seg->start,
               seg->end);
        for (int k = 0; k < SAMPLES_PER_SECTION; k++) {
            double t = start + (seg->end - start) * (k + 0.5) / SAMPLES_PER_SECTION;
            failures += check_sample(r, &scene, &track, p, duration, (int)(t * p->fps), k, png_dir);
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
    check_tonemap_floor();
    const char *png_dir = getenv("GLYPHFX_BRIGHTNESS_PNGS");
    printf("mean brightness per sample (a: active, target > %g; q: quiet, target > %g)\n",
           ACTIVE_MEAN, QUIET_MEAN);
    static const double durations[] = {1.0, 2.0, 3.0, GFX_SOUNDTRACK_SECONDS};
    int failures = 0;
    for (int i = GFX_PROFILE_DRAFT; i <= GFX_PROFILE_PRODUCTION; i++)
        for (size_t d = 0; d < sizeof durations / sizeof *durations; d++)
            failures += check_profile(gfx_profile_at(i), durations[d], png_dir);
    if (failures)
        fprintf(stderr, "test_brightness: %d sample(s) below the brightness targets\n", failures);
    return failures || CHECK_EXIT_STATUS() ? 1 : 0;
}
