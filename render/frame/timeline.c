#include "timeline.h"

#include <math.h>
#include <string.h>

static double clip01(double x)
{
    return x < 0.0 ? 0.0 : x > 1.0 ? 1.0 : x;
}

/* ------------------------------------------------------------------ time */

int gfx_time_frame(double seconds, double fps)
{
    return (int)floor(seconds * fps + 1e-9);
}

double gfx_local_time(int frame, int first_frame, double fps)
{
    return (double)(frame - first_frame) / fps;
}

double gfx_time_progress(double t, double duration)
{
    return duration > 0.0 ? clip01(t / duration) : 1.0;
}

/* --------------------------------------------------------------- easings */

static const char *const easing_names[GFX_EASINGS] = {
    "linear",       "in_quad", "out_quad", "in_out_quad", "in_cubic", "out_cubic",
    "in_out_cubic", "in_expo", "out_expo", "elastic",     "bounce",
};

int gfx_easing_count(void)
{
    return GFX_EASINGS;
}

const char *gfx_easing_name(int easing)
{
    return easing >= 0 && easing < GFX_EASINGS ? easing_names[easing] : "?";
}

int gfx_easing_find(const char *name)
{
    for (int i = 0; i < GFX_EASINGS; i++)
        if (!strcmp(name, easing_names[i]))
            return i;
    return -1;
}

const char *gfx_easing_choices(void)
{
    return "linear|in_quad|out_quad|in_out_quad|in_cubic|out_cubic|in_out_cubic|in_expo|"
           "out_expo|elastic|bounce";
}

static double bounce(double u)
{
    const double n = 7.5625, d = 2.75;
    if (u < 1.0 / d)
        return n * u * u;
    if (u < 2.0 / d)
        return n * (u - 1.5 / d) * (u - 1.5 / d) + 0.75;
    if (u < 2.5 / d)
        return n * (u - 2.25 / d) * (u - 2.25 / d) + 0.9375;
    return n * (u - 2.625 / d) * (u - 2.625 / d) + 0.984375;
}

/* The formulas on the open interval; the ends are pinned by the caller. */
static double ease_inside(int easing, double u)
{
    switch (easing) {
    case GFX_EASE_IN_QUAD: return u * u;
    case GFX_EASE_OUT_QUAD: return u * (2.0 - u);
    case GFX_EASE_IN_OUT_QUAD: return u < 0.5 ? 2.0 * u * u : -1.0 + (4.0 - 2.0 * u) * u;
    case GFX_EASE_IN_CUBIC: return u * u * u;
    case GFX_EASE_OUT_CUBIC: return (u - 1.0) * (u - 1.0) * (u - 1.0) + 1.0;
    case GFX_EASE_IN_OUT_CUBIC: {
        double w = 2.0 - 2.0 * u;
        return u < 0.5 ? 4.0 * u * u * u : 1.0 - w * w * w / 2.0;
    }
    case GFX_EASE_IN_EXPO: return exp2(10.0 * (u - 1.0));
    case GFX_EASE_OUT_EXPO: return 1.0 - exp2(-10.0 * u);
    case GFX_EASE_ELASTIC:
        return exp2(-10.0 * u) * sin((10.0 * u - 0.75) * (2.0 * M_PI / 3.0)) + 1.0;
    case GFX_EASE_BOUNCE: return bounce(u);
    default: return u;
    }
}

double gfx_easing_at(int easing, double u)
{
    if (!(u > 0.0)) /* NaN too */
        return 0.0;
    if (u >= 1.0)
        return 1.0;
    return ease_inside(easing, u);
}

/* ------------------------------------------------------------- keyframes */

gfx_status gfx_keyframes_add(gfx_keyframe_track *track, double time, double value, int easing,
                             char *err, size_t err_size)
{
    if (track->n >= GFX_KEYFRAMES_MAX)
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "keyframe at %g s: too many keyframes, expected at most %d", time,
                        GFX_KEYFRAMES_MAX);
    if (!isfinite(time) || !isfinite(value))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "keyframe (%g s, %g): expected a finite time and value", time, value);
    if (track->n > 0 && !(time > track->points[track->n - 1].time))
        return gfx_fail(err, err_size, GFX_BAD_INPUT,
                        "keyframe at %g s: expected a time after the previous keyframe's %g s",
                        time, track->points[track->n - 1].time);
    if (easing < 0 || easing >= GFX_EASINGS)
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "keyframe at %g s: easing %d, expected %s",
                        time, easing, gfx_easing_choices());
    track->points[track->n++] = (gfx_keyframe){time, value, easing};
    return GFX_OK;
}

/* t moved into [first, last) by whole periods. */
static double wrap_time(double t, double first, double last)
{
    double period = last - first, r = fmod(t - first, period);
    if (r < 0.0)
        r += period;
    return first + (r < period ? r : 0.0);
}

double gfx_keyframes_at(const gfx_keyframe_track *track, double t)
{
    int n = track->n;
    if (n <= 0)
        return 0.0;
    const gfx_keyframe *k = track->points;
    if (track->loop && n >= 2)
        t = wrap_time(t, k[0].time, k[n - 1].time);
    if (!(t > k[0].time))
        return k[0].value;
    if (t >= k[n - 1].time)
        return k[n - 1].value;
    int i = 0;
    while (t >= k[i + 1].time)
        i++;
    double u = (t - k[i].time) / (k[i + 1].time - k[i].time);
    return k[i].value + (k[i + 1].value - k[i].value) * gfx_easing_at(k[i].easing, u);
}

/* ------------------------------------------------------ directional arcs */

static const char *const arc_names[GFX_ARCS] = {
    "linear", "ease_out", "ease_in", "step_reveal", "build_hold",
};

int gfx_arc_count(void)
{
    return GFX_ARCS;
}

const char *gfx_arc_name(int arc)
{
    return arc >= 0 && arc < GFX_ARCS ? arc_names[arc] : "?";
}

int gfx_arc_find(const char *name)
{
    for (int i = 0; i < GFX_ARCS; i++)
        if (!strcmp(name, arc_names[i]))
            return i;
    return -1;
}

const char *gfx_arc_choices(void)
{
    return "linear|ease_out|ease_in|step_reveal|build_hold";
}

double gfx_arc_at(int arc, double p)
{
    p = clip01(p);
    switch (arc) {
    case GFX_ARC_EASE_OUT: return 1.0 - (1.0 - p) * (1.0 - p);
    case GFX_ARC_EASE_IN: return p * p;
    case GFX_ARC_STEP_REVEAL: return clip01((p - 0.5) / 0.25);
    case GFX_ARC_BUILD_HOLD: return fmin(1.0, 1.5 * p);
    default: return p;
    }
}

/* ----------------------------------------------------------------- beats */

int gfx_is_beat(const gfx_feature_track *track, int frame)
{
    return frame >= 0 && frame < track->n_frames && track->frames[frame].beat > 0.5f;
}

int gfx_beat_frames(const gfx_feature_track *track, int from, int to, int *out, int max)
{
    if (from < 0)
        from = 0;
    if (to > track->n_frames)
        to = track->n_frames;
    int count = 0;
    for (int f = from; f < to; f++)
        if (gfx_is_beat(track, f)) {
            if (count < max)
                out[count] = f;
            count++;
        }
    return count;
}

int gfx_beats_between(const gfx_feature_track *track, int from, int to)
{
    return gfx_beat_frames(track, from, to, NULL, 0);
}

int gfx_beat_event(const gfx_feature_track *track, int start_frame, int frame, int n)
{
    if (n < 1 || frame < start_frame)
        return 0;
    return gfx_beats_between(track, start_frame, frame + 1) % n;
}

int gfx_beat_cuts(const gfx_feature_track *track, double start_s, double end_s, int every, int *out,
                  int max)
{
    if (every < 1)
        return -1;
    int from = gfx_time_frame(start_s, track->fps), to = gfx_time_frame(end_s, track->fps);
    int count = 0, beat = 0;
    for (int f = from < 0 ? 0 : from; f < to && f < track->n_frames; f++) {
        if (!gfx_is_beat(track, f))
            continue;
        if (beat > 0 && beat % every == 0) {
            if (count < max)
                out[count] = f;
            count++;
        }
        beat++;
    }
    return count;
}

gfx_energy_drop_rule gfx_energy_drop_default(void)
{
    return (gfx_energy_drop_rule){
        .fraction = 0.5, .window_s = 2.0, .min_spacing_s = 2.0, .floor = 0.2};
}

static int energy_below(const gfx_feature_track *track, const gfx_energy_drop_rule *rule,
                        int window, int f)
{
    if (f <= 0 || f >= track->n_frames)
        return 0;
    float peak = 0.0f;
    for (int g = f - window < 0 ? 0 : f - window; g < f; g++)
        peak = fmaxf(peak, track->frames[g].rms_fast);
    return peak >= rule->floor && track->frames[f].rms_fast < rule->fraction * peak;
}

int gfx_energy_drop_cuts(const gfx_feature_track *track, double start_s, double end_s,
                         const gfx_energy_drop_rule *rule, int *out, int max)
{
    int from = gfx_time_frame(start_s, track->fps), to = gfx_time_frame(end_s, track->fps);
    int window = (int)ceil(rule->window_s * track->fps);
    int spacing = (int)ceil(rule->min_spacing_s * track->fps);
    int count = 0, last = from;
    for (int f = from < 0 ? 0 : from; f < to && f < track->n_frames; f++) {
        if (f - last < spacing || !energy_below(track, rule, window, f) ||
            energy_below(track, rule, window, f - 1))
            continue;
        if (count < max)
            out[count] = f;
        count++;
        last = f;
    }
    return count;
}
