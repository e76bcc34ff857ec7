#include "synth_features.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gfx_kernels.h"

/* Uniform in [0, 1) from (seed, stream, index): the same noise every run. */
static float unit_noise(uint32_t seed, uint32_t stream, uint32_t index)
{
    return (float)(gfx_hash32(gfx_noise_key(seed, index, stream)) >> 8) * (1.0f / 16777216.0f);
}

static float clamp01(float x)
{
    return x < 0.0f ? 0.0f : x > 1.0f ? 1.0f : x;
}

/* Raw (unsmoothed) features of one frame. */
static void synth_frame(gfx_features *f, double t, double beat_period, uint32_t seed)
{
    double beats = t / beat_period;
    double phase = beats - floor(beats); /* 0 at a beat */
    double eighth = 2.0 * beats - floor(2.0 * beats);
    uint32_t section = (uint32_t)(beats / 32.0); /* 8 bars of 4 beats */
    float intensity = 0.55f + 0.45f * unit_noise(seed, 1, section);
    float kick = (float)exp(-phase * 7.0);
    float hat =
        (float)exp(-eighth * 18.0) * (0.4f + 0.6f * unit_noise(seed, 2, (uint32_t)(2.0 * beats)));
    float swell = 0.5f + 0.5f * (float)sin(2.0 * M_PI * t / (beat_period * 16.0));
    float wobble = 0.5f + 0.5f * (float)sin(2.0 * M_PI * t * 0.37 + unit_noise(seed, 3, 0) * 6.0);

    f->bands[GFX_BAND_SUB] = clamp01(intensity * (0.15f + 0.85f * kick));
    f->bands[GFX_BAND_BASS] = clamp01(intensity * (0.25f + 0.6f * kick + 0.15f * wobble));
    f->bands[GFX_BAND_LOWMID] = clamp01(intensity * (0.3f + 0.5f * swell + 0.2f * kick));
    f->bands[GFX_BAND_MID] = clamp01(intensity * (0.25f + 0.6f * swell * wobble));
    f->bands[GFX_BAND_HIGHMID] = clamp01(intensity * (0.2f + 0.5f * hat + 0.3f * wobble));
    f->bands[GFX_BAND_HIGH] = clamp01(intensity * (0.1f + 0.9f * hat));
    float total = 0.0f;
    for (int b = 0; b < GFX_BANDS; b++)
        total += f->bands[b];
    f->rms = clamp01(0.8f * total / GFX_BANDS + 0.2f * kick * intensity);
    f->bass_ratio = (f->bands[GFX_BAND_SUB] + f->bands[GFX_BAND_BASS]) / (total + 1e-6f);
    f->high_ratio = (f->bands[GFX_BAND_HIGHMID] + f->bands[GFX_BAND_HIGH]) / (total + 1e-6f);
    f->centroid = clamp01(0.2f + 0.6f * f->high_ratio + 0.2f * wobble);
    f->flatness = clamp01(0.1f + 0.6f * hat);
    f->flux = clamp01(0.7f * kick + 0.3f * hat);
    f->onset = clamp01(kick);
}

static void smooth(float *out, float x, float attack, float release)
{
    float k = x > *out ? attack : release;
    *out += k * (x - *out);
}

int gfx_synth_features(gfx_feature_track *track, int n_frames, double fps, float bpm, uint32_t seed)
{
    memset(track, 0, sizeof *track);
    if (n_frames < 1 || !(fps > 0.0) || !(bpm >= 20.0f && bpm <= 400.0f))
        return -1;
    track->frames = calloc((size_t)n_frames, sizeof *track->frames);
    if (!track->frames)
        return -1;
    track->n_frames = n_frames;
    track->fps = fps;
    track->bpm = bpm;
    double beat_period = 60.0 / bpm;
    /* Smoothing constants per frame follow the frame rate, so a track at
     * 12 fps and one at 60 fps have the same feel in seconds. */
    float fast_attack = 1.0f - expf(-(float)(1.0 / fps) / 0.02f);
    float fast_release = 1.0f - expf(-(float)(1.0 / fps) / 0.12f);
    float slow_attack = 1.0f - expf(-(float)(1.0 / fps) / 0.3f);
    float slow_release = 1.0f - expf(-(float)(1.0 / fps) / 1.0f);
    long last_beat = -1;
    for (int i = 0; i < n_frames; i++) {
        gfx_features *f = &track->frames[i];
        double t = i / fps;
        synth_frame(f, t, beat_period, seed);
        /* A beat lands on the frame nearest to its time. */
        long nearest = lround(floor(t / beat_period + 0.5));
        double beat_time = (double)nearest * beat_period;
        if (nearest != last_beat && fabs(beat_time - t) <= 0.5 / fps) {
            f->beat = 1.0f;
            last_beat = nearest;
        }
        double since = t - floor(t / beat_period) * beat_period;
        f->beat_env = (float)exp(-since * 4.0);
        const gfx_features *prev = i ? &track->frames[i - 1] : f;
        f->rms_fast = prev->rms_fast, f->rms_slow = prev->rms_slow;
        smooth(&f->rms_fast, f->rms, fast_attack, fast_release);
        smooth(&f->rms_slow, f->rms, slow_attack, slow_release);
        for (int b = 0; b < GFX_BANDS; b++) {
            f->bands_fast[b] = prev->bands_fast[b], f->bands_slow[b] = prev->bands_slow[b];
            smooth(&f->bands_fast[b], f->bands[b], fast_attack, fast_release);
            smooth(&f->bands_slow[b], f->bands[b], slow_attack, slow_release);
        }
    }
    return 0;
}
