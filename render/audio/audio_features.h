/* Audio features per video frame: what effects and shaders react to.
 * Every field is normalized to 0..1 over the whole track (computed once,
 * before rendering), so a scene reads the same on a quiet or a loud song. */
#ifndef GFX_AUDIO_FEATURES_H
#define GFX_AUDIO_FEATURES_H

#include <stdint.h>

enum gfx_band {
    GFX_BAND_SUB = 0, /* 20-80 Hz */
    GFX_BAND_BASS,    /* 80-250 */
    GFX_BAND_LOWMID,  /* 250-500 */
    GFX_BAND_MID,     /* 500-2k */
    GFX_BAND_HIGHMID, /* 2k-6k */
    GFX_BAND_HIGH,    /* 6k+ */
    GFX_BANDS
};

typedef struct gfx_features {
    float rms;
    float bands[GFX_BANDS];
    float centroid;           /* spectral centroid, normalized */
    float flatness;           /* 0 tonal .. 1 noisy */
    float flux;               /* spectral flux */
    float onset;              /* onset strength (smoothed flux above its local mean) */
    float beat;               /* 1 on a beat frame, else 0 */
    float beat_env;           /* 1 at a beat, decaying towards the next */
    float rms_fast, rms_slow; /* smoothed rms: fast and slow attack/release */
    float bands_fast[GFX_BANDS], bands_slow[GFX_BANDS];
    float bass_ratio, high_ratio; /* band energy share of the total */
} gfx_features;

typedef struct gfx_feature_track {
    int n_frames;
    double fps;
    gfx_features *frames; /* n_frames entries */
    float bpm;            /* estimated tempo, 0 if unknown */
} gfx_feature_track;

/* Frame f's features, clamped to the track (a frame past the end reads the
 * last one; an empty track reads zeros). */
const gfx_features *gfx_features_at(const gfx_feature_track *track, int frame);

/* Frees a track's frames, whoever filled them (analysis, cache, synthesis),
 * and zeroes it. */
void gfx_feature_track_release(gfx_feature_track *track);

#endif
