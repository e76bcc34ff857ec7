/* Time control (catalogue §15): easings, keyframe tracks, directional arcs
 * and beat-synced cutting.
 *
 * Everything here is a pure function of its arguments: no state, no
 * allocation, so any frame can be evaluated alone, in any order, on any
 * worker. Time inside a section is section-local seconds derived from the
 * integer frame index (gfx_local_time), never summed frame by frame, so it
 * does not drift and is the same however a render is split.
 *
 * Sections and cuts are frames: a time s starts at frame ⌊s fps⌋
 * (gfx_time_frame); a cut's time is frame / fps. fps must be > 0 (a track's
 * fps is). */
#ifndef GFX_TIMELINE_H
#define GFX_TIMELINE_H

#include <stddef.h>

#include "audio_features.h"
#include "status.h"

/* ------------------------------------------------------------------ time */
/* ⌊seconds fps⌋, with 1e-9 of slack so 0.7 s at 30 fps is frame 21 and not
 * 20 (0.7 * 30 lands just under 21 in binary). */
int gfx_time_frame(double seconds, double fps);
/* Seconds since the section's first frame: (frame - first_frame) / fps. */
double gfx_local_time(int frame, int first_frame, double fps);
/* Progress through a section: t / duration clamped to [0, 1]; a section
 * without length (duration <= 0) is complete, 1. */
double gfx_time_progress(double t, double duration);

/* --------------------------------------------------------------- easings */
/* u is clamped to [0, 1] and every easing returns exactly 0 at u = 0 and
 * exactly 1 at u = 1 (elastic and bounce too, whose formulas miss 1 by
 * rounding or by 2^-10). In between, the catalogue's formulas:
 *   linear u            in_quad u²          out_quad u(2 - u)
 *   in_out_quad  u < ½ ? 2u² : -1 + (4 - 2u)u
 *   in_cubic u³         out_cubic (u - 1)³ + 1
 *   in_out_cubic u < ½ ? 4u³ : 1 - (2 - 2u)³/2
 *   in_expo 2^(10(u - 1))                 out_expo 1 - 2^(-10u)
 *   elastic (out) 2^(-10u) sin((10u - 0.75) 2π/3) + 1: overshoots above 1
 *   bounce (out; n = 7.5625, d = 2.75): u < 1/d: n u²; < 2/d: n(u - 1.5/d)² + 0.75;
 *     < 2.5/d: n(u - 2.25/d)² + 0.9375; else n(u - 2.625/d)² + 0.984375
 * All but elastic and bounce are non-decreasing and stay within [0, 1]. */
enum gfx_easing {
    GFX_EASE_LINEAR = 0,
    GFX_EASE_IN_QUAD,
    GFX_EASE_OUT_QUAD,
    GFX_EASE_IN_OUT_QUAD,
    GFX_EASE_IN_CUBIC,
    GFX_EASE_OUT_CUBIC,
    GFX_EASE_IN_OUT_CUBIC,
    GFX_EASE_IN_EXPO,
    GFX_EASE_OUT_EXPO,
    GFX_EASE_ELASTIC,
    GFX_EASE_BOUNCE,
    GFX_EASINGS
};
int gfx_easing_count(void);
const char *gfx_easing_name(int easing);
int gfx_easing_find(const char *name); /* -1 if unknown */
/* "linear|in_quad|...", for error messages. */
const char *gfx_easing_choices(void);
/* The eased value of u; an unknown easing is linear. */
double gfx_easing_at(int easing, double u);

/* ------------------------------------------------------------- keyframes */
/* A value that follows sorted (time, value, easing) points. Before the first
 * point and after the last the value is held; between points i and i + 1 it
 * is v_i + (v_i+1 - v_i) ease_i(u), u = (t - t_i)/(t_i+1 - t_i), with the
 * easing of the segment's starting point (in_out_cubic unless set). With
 * loop, t is first wrapped into [t_first, t_last) (period t_last - t_first,
 * before the first point too), so a loop whose last value equals its first
 * has no seam. */
#define GFX_KEYFRAMES_MAX 32
typedef struct gfx_keyframe {
    double time; /* section-local seconds */
    double value;
    int easing; /* enum gfx_easing, towards the next point */
} gfx_keyframe;
typedef struct gfx_keyframe_track {
    gfx_keyframe points[GFX_KEYFRAMES_MAX];
    int n;
    int loop;
} gfx_keyframe_track;

/* Appends a point. Bad input (a time not after the previous point's, a
 * time or value that is not finite, an unknown easing, more than
 * GFX_KEYFRAMES_MAX points) leaves the track as it was, returns
 * GFX_BAD_INPUT and writes one line naming the value and what was expected
 * (the caller prefixes its file). */
gfx_status gfx_keyframes_add(gfx_keyframe_track *track, double time, double value, int easing,
                             char *err, size_t err_size);
/* The value at section-local time t; 0 for a track without points. */
double gfx_keyframes_at(const gfx_keyframe_track *track, double t);

/* ------------------------------------------------------ directional arcs */
/* The shape in which a section's defining parameter travels from its start
 * value a to its end value b: a + (b - a) gfx_arc_at(arc, p), p the progress
 * (clamped to [0, 1]). All run from 0 at p = 0 to 1 at p = 1:
 *   linear p            ease_out 1 - (1 - p)²      ease_in p²
 *   step_reveal clip((p - 0.5)/0.25): nothing until halfway, all by 3/4
 *   build_hold min(1, 1.5p): full from p = 2/3 on */
enum gfx_arc {
    GFX_ARC_LINEAR = 0,
    GFX_ARC_EASE_OUT,
    GFX_ARC_EASE_IN,
    GFX_ARC_STEP_REVEAL,
    GFX_ARC_BUILD_HOLD,
    GFX_ARCS
};
int gfx_arc_count(void);
const char *gfx_arc_name(int arc);
int gfx_arc_find(const char *name);   /* -1 if unknown */
const char *gfx_arc_choices(void);    /* "linear|ease_out|..." */
double gfx_arc_at(int arc, double p); /* an unknown arc is linear */

/* ----------------------------------------------------------------- beats */
/* A beat is a frame of the track whose beat feature is above 0.5; frames
 * outside the track are never beats. Each helper scans the track, so its
 * answer depends only on its arguments. Frame ranges are half-open,
 * [from, to), and are clipped to the track. */
int gfx_is_beat(const gfx_feature_track *track, int frame);
int gfx_beats_between(const gfx_feature_track *track, int from, int to);
/* The beat frames of [from, to), in order: all of them are counted in the
 * return value, the first `max` are written to out (like snprintf). */
int gfx_beat_frames(const gfx_feature_track *track, int from, int to, int *out, int max);

/* Which of n looks (shaders, palettes) is showing at `frame`: the number of
 * beats in [start_frame, frame], mod n. It changes on the beat frame itself
 * and is 0 before the first beat, before start_frame, and when n < 1. */
int gfx_beat_event(const gfx_feature_track *track, int start_frame, int frame, int n);

/* Cut points every `every` beats in the time range [start_s, end_s): the
 * range's first beat is the downbeat of a phrase, and a cut falls on each
 * following beat number every, 2 every, ... (0-based). Returns the number
 * of cuts (the first max written to out as frames), or -1 when every < 1. */
int gfx_beat_cuts(const gfx_feature_track *track, double start_s, double end_s, int every, int *out,
                  int max);

/* Cut points where the music drops. The rule, on the smoothed rms (rms_fast:
 * 10 ms attack, 120 ms release, about the catalogue's EMA α 0.3 at 24 fps):
 * with m(f) the maximum of rms_fast over the `window_s` seconds before frame
 * f (frames [f - ⌈window_s fps⌉, f) of the track), frame f is below
 * when m(f) >= floor and rms_fast(f) < fraction m(f). A cut is the first
 * frame of a run of below frames that lies at least min_spacing_s after the
 * range's start and after the previous cut. The floor keeps quiet passages,
 * whose "drops" are noise, from cutting; only the fall into a drop cuts,
 * not its length. */
typedef struct gfx_energy_drop_rule {
    double fraction;      /* 0.5: falls below half the recent peak */
    double window_s;      /* 2.0: the recent past */
    double min_spacing_s; /* 2.0: the shortest section a drop makes */
    double floor;         /* 0.2: a recent peak quieter than this is no drop */
} gfx_energy_drop_rule;
gfx_energy_drop_rule gfx_energy_drop_default(void);
/* Returns the number of cuts in [start_s, end_s), the first max written to
 * out as frames. */
int gfx_energy_drop_cuts(const gfx_feature_track *track, double start_s, double end_s,
                         const gfx_energy_drop_rule *rule, int *out, int max);

#endif
