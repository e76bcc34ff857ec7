/* Features without audio: a beat at a BPM and sine-wave bands, so effects
 * move to a pulse before (or instead of) analysing a song. Deterministic:
 * the same (n_frames, fps, bpm, seed) gives the same track. */
#ifndef GFX_SYNTH_FEATURES_H
#define GFX_SYNTH_FEATURES_H

#include <stdint.h>

#include "audio_features.h"

/* Fills track (allocating track->frames; free with gfx_feature_track_release).
 * Beats fall every 60/bpm seconds from t = 0; every field lies in [0, 1]:
 * kick-driven sub and bass, slow chord swells in the mids, hats on eighth
 * notes in the highs, section intensity changing every 8 bars by seed.
 * Returns 0, or -1 if out of memory or an argument is out of range
 * (n_frames < 1, fps <= 0, bpm outside 20..400). */
int gfx_synth_features(gfx_feature_track *track, int n_frames, double fps, float bpm,
                       uint32_t seed);

#endif
