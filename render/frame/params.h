/* Scene parameters that may follow the music and the clock: a number, or
 * {"base": x, "feature": "rms", "amount": y} meaning x + y * rms(frame),
 * clamped to the parameter's range. Besides the audio features a parameter
 * may follow "progress" (0 at a section's first frame, 1 at its end) and
 * "time" (seconds since the section began), both derived from the integer
 * frame index. Instead of a fixed base a parameter may follow keyframes
 * (timeline.h) on the section's clock:
 *   {"keyframes": [[0, 1], [5, 2, "out_cubic"], [10, 1]], "loop": true,
 *    "feature": "bass", "amount": 0.5}
 * is the keyframed value plus 0.5 * bass, clamped.
 *
 * With a clip (--video) six video features follow its picture (the
 * catalogue's, from the clip's frame at the same output frame, computed on
 * the analysis grid of gfx_video_clip_features): video_brightness,
 * video_contrast, video_edge_density, video_motion, video_dominant_hue,
 * video_color_variance, each in [0, 1]; without a clip they read 0. */
#ifndef GFX_PARAMS_H
#define GFX_PARAMS_H

#include "audio_features.h"
#include "effect.h"
#include "timeline.h"

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
    GFX_FEAT_PROGRESS, /* the section clock, not the track: see gfx_param_inputs */
    GFX_FEAT_TIME,
    GFX_FEAT_VIDEO_BRIGHTNESS, /* the clip's: gfx_param_inputs.video */
    GFX_FEAT_VIDEO_CONTRAST,
    GFX_FEAT_VIDEO_EDGE_DENSITY,
    GFX_FEAT_VIDEO_MOTION,
    GFX_FEAT_VIDEO_DOMINANT_HUE,
    GFX_FEAT_VIDEO_COLOR_VARIANCE,
    GFX_FEATURES
};
#define GFX_VIDEO_FEATURES (GFX_FEATURES - GFX_FEAT_VIDEO_BRIGHTNESS)
const char *gfx_feature_name(int feature);
int gfx_feature_find(const char *name); /* -1 if unknown */
/* "rms|sub|bass|...", for error messages. */
const char *gfx_feature_choices(void);
/* An audio feature's value; 0 for the clock's and the clip's. */
float gfx_feature_get(const gfx_features *f, int feature);

/* What a parameter may follow at one frame. */
typedef struct gfx_param_inputs {
    const gfx_features *feat; /* the frame's audio features */
    double time;              /* seconds since the section began */
    float progress;           /* time / the section's length, in [0, 1] */
    int beats;                /* beats from the section's first frame to this one, inclusive */
    const float *video;       /* GFX_VIDEO_FEATURES values of the clip's frame; NULL: none */
} gfx_param_inputs;

typedef struct gfx_param_value {
    float base;
    int feature; /* -1: constant */
    float amount;
    const gfx_keyframe_track *keys; /* instead of base; NULL: base. Owned by the scene */
} gfx_param_value;

static inline gfx_param_value gfx_param_constant(float v)
{
    return (gfx_param_value){v, -1, 0.0f, NULL};
}
static inline gfx_param_value gfx_param_following(float base, int feature, float amount)
{
    return (gfx_param_value){base, feature, amount, NULL};
}
/* (keys at the section time, else base) + amount * feature, clamped to
 * [d->min, d->max]. */
float gfx_param_eval(const gfx_param_value *p, const gfx_param_desc *d, const gfx_param_inputs *in);
/* The inputs of a frame that belongs to no section (time and progress 0). */
gfx_param_inputs gfx_param_inputs_of(const gfx_features *feat);

#endif
