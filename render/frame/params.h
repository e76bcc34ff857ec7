/* Scene parameters that may follow the music: a number, or
 * {"base": x, "feature": "rms", "amount": y} meaning x + y * rms(frame),
 * clamped to the parameter's range. */
#ifndef GFX_PARAMS_H
#define GFX_PARAMS_H

#include "audio_features.h"
#include "effect.h"

enum gfx_feature_id {
    GFX_FEAT_RMS = 0,
    GFX_FEAT_SUB,
    GFX_FEAT_BASS,
    GFX_FEAT_LOWMID,
    GFX_FEAT_MID,
    GFX_FEAT_HIGHMID,
    GFX_FEAT_HIGH,
    GFX_FEAT_CENTROID,
    GFX_FEAT_FLATNESS,
    GFX_FEAT_FLUX,
    GFX_FEAT_ONSET,
    GFX_FEAT_BEAT,
    GFX_FEAT_BEAT_ENV,
    GFX_FEAT_RMS_FAST,
    GFX_FEAT_RMS_SLOW,
    GFX_FEAT_BASS_RATIO,
    GFX_FEAT_HIGH_RATIO,
    GFX_FEATURES
};
const char *gfx_feature_name(int feature);
int gfx_feature_find(const char *name); /* -1 if unknown */
/* "rms|sub|bass|...", for error messages. */
const char *gfx_feature_choices(void);
float gfx_feature_get(const gfx_features *f, int feature);

typedef struct gfx_param_value {
    float base;
    int feature; /* -1: constant */
    float amount;
} gfx_param_value;

static inline gfx_param_value gfx_param_constant(float v)
{
    return (gfx_param_value){v, -1, 0.0f};
}
/* base + amount * feature, clamped to [d->min, d->max]. */
float gfx_param_eval(const gfx_param_value *p, const gfx_param_desc *d, const gfx_features *f);

#endif
