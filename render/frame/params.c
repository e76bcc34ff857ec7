#include "params.h"

#include <string.h>

static const char *const feature_names[GFX_FEATURES] = {
    "rms",
    "sub",
    "bass",
    "lowmid",
    "mid",
    "highmid",
    "high",
    "centroid",
    "flatness",
    "flux",
    "onset",
    "beat",
    "beat_env",
    "rms_fast",
    "rms_slow",
    "bass_ratio",
    "high_ratio",
    "progress",
    "time",
    "video_brightness",
    "video_contrast",
    "video_edge_density",
    "video_motion",
    "video_dominant_hue",
    "video_color_variance",
};

const char *gfx_feature_name(int feature)
{
    return feature_names[feature];
}

int gfx_feature_find(const char *name)
{
    for (int i = 0; i < GFX_FEATURES; i++)
        if (!strcmp(name, feature_names[i]))
            return i;
    return -1;
}

const char *gfx_feature_choices(void)
{
    return "rms|sub|bass|lowmid|mid|highmid|high|centroid|flatness|flux|onset|beat|beat_env|"
           "rms_fast|rms_slow|bass_ratio|high_ratio|progress|time|video_brightness|"
           "video_contrast|video_edge_density|video_motion|video_dominant_hue|"
           "video_color_variance";
}

float gfx_feature_get(const gfx_features *f, int feature)
{
    switch (feature) {
    case GFX_FEAT_RMS: return f->rms;
    case GFX_FEAT_SUB:
    case GFX_FEAT_BASS:
    case GFX_FEAT_LOWMID:
    case GFX_FEAT_MID:
    case GFX_FEAT_HIGHMID:
    case GFX_FEAT_HIGH: return f->bands[feature - GFX_FEAT_SUB];
    case GFX_FEAT_CENTROID: return f->centroid;
    case GFX_FEAT_FLATNESS: return f->flatness;
    case GFX_FEAT_FLUX: return f->flux;
    case GFX_FEAT_ONSET: return f->onset;
    case GFX_FEAT_BEAT: return f->beat;
    case GFX_FEAT_BEAT_ENV: return f->beat_env;
    case GFX_FEAT_RMS_FAST: return f->rms_fast;
    case GFX_FEAT_RMS_SLOW: return f->rms_slow;
    case GFX_FEAT_BASS_RATIO: return f->bass_ratio;
    case GFX_FEAT_HIGH_RATIO: return f->high_ratio;
    default: return 0.0f;
    }
}

static float input_get(const gfx_param_inputs *in, int feature)
{
    if (feature == GFX_FEAT_PROGRESS)
        return in->progress;
    if (feature == GFX_FEAT_TIME)
        return (float)in->time;
    if (feature >= GFX_FEAT_VIDEO_BRIGHTNESS)
        return in->video ? in->video[feature - GFX_FEAT_VIDEO_BRIGHTNESS] : 0.0f;
    return gfx_feature_get(in->feat, feature);
}

float gfx_param_eval(const gfx_param_value *p, const gfx_param_desc *d, const gfx_param_inputs *in)
{
    float v = p->keys ? (float)gfx_keyframes_at(p->keys, in->time) : p->base;
    if (p->feature >= 0)
        v += p->amount * input_get(in, p->feature);
    return v < d->min ? d->min : v > d->max ? d->max : v;
}

gfx_param_inputs gfx_param_inputs_of(const gfx_features *feat)
{
    return (gfx_param_inputs){feat, 0.0, 0.0f, 0, NULL};
}
