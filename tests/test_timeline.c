/* The time-control vocabulary against values worked by hand from the
 * catalogue's formulas (§15), and beat / drop cuts on a track built here. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "timeline.h"

#define NEAR(got, want) (fabs((got) - (want)) < 1e-12)

/* ------------------------------------------------------------------ time */
static void test_time(void)
{
    CHECK(gfx_time_frame(0.7, 30.0) == 21, "0.7 s at 30 fps: frame %d", gfx_time_frame(0.7, 30.0));
    CHECK(gfx_time_frame(2.0, 24.0) == 48, "2 s at 24 fps");
    CHECK(gfx_time_frame(1.99, 24.0) == 47, "1.99 s at 24 fps");
    CHECK(NEAR(gfx_local_time(130, 100, 24.0), 1.25), "local time");
    CHECK(NEAR(gfx_time_progress(5.0, 10.0), 0.5), "progress half");
    CHECK(gfx_time_progress(15.0, 10.0) == 1.0, "progress past the end");
    CHECK(gfx_time_progress(-1.0, 10.0) == 0.0, "progress before the start");
    CHECK(gfx_time_progress(1.0, 0.0) == 1.0, "progress of an empty section");
}

/* --------------------------------------------------------------- easings */
/* The value at u = 0.25 and 0.5, worked from each formula:
 * in_out_quad(0.5) = -1 + 3 * 0.5; out_cubic(0.25) = 1 - 0.75³;
 * in_out_cubic(0.5) = 1 - 1³/2; in_expo(0.25) = 2^-7.5, (0.5) = 2^-5;
 * elastic(0.25) = 2^-2.5 sin(7π/6) + 1 = 1 - 2^-2.5 / 2,
 * elastic(0.5) = 2^-5 sin(17π/6) + 1 = 1 + 2^-6;
 * bounce(0.25) = 7.5625 / 16; bounce(0.5) = 7.5625 (1/22)² + 0.75 = 1/64 + 0.75. */
static const struct {
    const char *name;
    double quarter, half;
} eased[] = {
    {"linear", 0.25, 0.5},
    {"in_quad", 0.0625, 0.25},
    {"out_quad", 0.4375, 0.75},
    {"in_out_quad", 0.125, 0.5},
    {"in_cubic", 0.015625, 0.125},
    {"out_cubic", 0.578125, 0.875},
    {"in_out_cubic", 0.0625, 0.5},
    {"in_expo", 0.005524271728019903, 0.03125},
    {"out_expo", 0.8232233047033631, 0.96875},
    {"elastic", 0.9116116523516816, 1.015625},
    {"bounce", 0.47265625, 0.765625},
};

static void test_easings(void)
{
    int n = (int)(sizeof eased / sizeof eased[0]);
    CHECK(gfx_easing_count() == n, "%d easings, expected %d", gfx_easing_count(), n);
    char choices[256] = "";
    for (int i = 0; i < n; i++) {
        int e = gfx_easing_find(eased[i].name);
        CHECK(e >= 0 && !strcmp(gfx_easing_name(e), eased[i].name), "%s not found", eased[i].name);
        if (e < 0)
            continue;
        double at[] = {gfx_easing_at(e, 0.0), gfx_easing_at(e, 0.25), gfx_easing_at(e, 0.5),
                       gfx_easing_at(e, 1.0)};
        CHECK(at[0] == 0.0, "%s(0) = %.17g, expected exactly 0", eased[i].name, at[0]);
        CHECK(NEAR(at[1], eased[i].quarter), "%s(0.25) = %.17g, expected %.17g", eased[i].name,
              at[1], eased[i].quarter);
        CHECK(NEAR(at[2], eased[i].half), "%s(0.5) = %.17g, expected %.17g", eased[i].name, at[2],
              eased[i].half);
        CHECK(at[3] == 1.0, "%s(1) = %.17g, expected exactly 1", eased[i].name, at[3]);
        CHECK(gfx_easing_at(e, -0.5) == 0.0 && gfx_easing_at(e, 1.5) == 1.0,
              "%s: input not clamped", eased[i].name);
        strcat(strcat(choices, i ? "|" : ""), eased[i].name);

        /* Monotonic and within [0, 1], except the two that overshoot or bounce. */
        if (e == GFX_EASE_ELASTIC || e == GFX_EASE_BOUNCE)
            continue;
        double prev = 0.0;
        for (int k = 1; k <= 1000; k++) {
            double v = gfx_easing_at(e, k / 1000.0);
            CHECK(v >= prev && v <= 1.0, "%s not monotonic at %g: %g after %g", eased[i].name,
                  k / 1000.0, v, prev);
            prev = v;
        }
    }
    CHECK(!strcmp(gfx_easing_choices(), choices), "choices \"%s\", expected \"%s\"",
          gfx_easing_choices(), choices);
    CHECK(gfx_easing_find("ease") == -1, "unknown easing found");
    /* Bounce falls back after its first landing at 1/2.75; its last two arcs
     * bottom out at u = 2.25/2.75 and 2.625/2.75. Elastic(0.75) =
     * 2^-7.5 sin(4.5π) + 1. */
    int b = GFX_EASE_BOUNCE;
    CHECK(NEAR(gfx_easing_at(b, 2.25 / 2.75), 0.9375), "bounce third arc");
    CHECK(NEAR(gfx_easing_at(b, 2.625 / 2.75), 0.984375), "bounce last arc");
    CHECK(NEAR(gfx_easing_at(GFX_EASE_ELASTIC, 0.75), 1.005524271728019903), "elastic(0.75)");
    CHECK(gfx_easing_at(b, 0.5) < gfx_easing_at(b, 1.0 / 2.75 - 1e-9), "bounce does not bounce");
    CHECK(gfx_easing_at(GFX_EASE_ELASTIC, 0.5) > 1.0, "elastic does not overshoot");
}

/* ------------------------------------------------------------- keyframes */
static void test_keyframes(void)
{
    char err[256];
    gfx_keyframe_track held = {.n = 0};
    CHECK(gfx_keyframes_at(&held, 3.0) == 0.0, "empty track");
    CHECK(gfx_keyframes_add(&held, 1.0, 0.0, GFX_EASE_LINEAR, err, sizeof err) == GFX_OK, "add");
    CHECK(gfx_keyframes_add(&held, 3.0, 10.0, GFX_EASE_OUT_QUAD, err, sizeof err) == GFX_OK, "add");
    CHECK(gfx_keyframes_add(&held, 5.0, 4.0, GFX_EASE_IN_OUT_CUBIC, err, sizeof err) == GFX_OK,
          "add");
    /* Held outside; each segment uses its starting point's easing:
     * t = 2: linear, 0 + 10 * 0.5; t = 4: out_quad(0.5) = 0.75, 10 - 6 * 0.75. */
    double t[] = {0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0};
    double want[] = {0.0, 0.0, 5.0, 10.0, 5.5, 4.0, 4.0};
    for (int i = 0; i < 7; i++)
        CHECK(NEAR(gfx_keyframes_at(&held, t[i]), want[i]), "held track at %g: %g, expected %g",
              t[i], gfx_keyframes_at(&held, t[i]), want[i]);

    /* Bad points leave the track as it was. */
    err[0] = 0;
    CHECK(gfx_keyframes_add(&held, 5.0, 1.0, GFX_EASE_LINEAR, err, sizeof err) == GFX_BAD_INPUT &&
              held.n == 3 && err[0],
          "a repeated time is accepted");
    CHECK(gfx_keyframes_add(&held, 6.0, 1.0, GFX_EASINGS, err, sizeof err) == GFX_BAD_INPUT &&
              held.n == 3,
          "an unknown easing is accepted");
    CHECK(gfx_keyframes_add(&held, 6.0, NAN, GFX_EASE_LINEAR, err, sizeof err) == GFX_BAD_INPUT &&
              held.n == 3,
          "NaN is accepted");
    gfx_keyframe_track full = {.n = 0};
    for (int i = 0; i < GFX_KEYFRAMES_MAX; i++)
        gfx_keyframes_add(&full, i, i, GFX_EASE_LINEAR, err, sizeof err);
    CHECK(full.n == GFX_KEYFRAMES_MAX && gfx_keyframes_add(&full, 99.0, 0.0, GFX_EASE_LINEAR, err,
                                                           sizeof err) == GFX_BAD_INPUT,
          "a track past its capacity");

    /* The catalogue's twist: 1, 5, 2, 8, 1 at 0/5/10/15/20 s, looping, in_out_cubic
     * (0.25 -> 0.0625, 0.5 -> 0.5). */
    gfx_keyframe_track twist = {.n = 0, .loop = 1};
    double values[] = {1.0, 5.0, 2.0, 8.0, 1.0};
    for (int i = 0; i < 5; i++)
        gfx_keyframes_add(&twist, 5.0 * i, values[i], GFX_EASE_IN_OUT_CUBIC, err, sizeof err);
    double lt[] = {0.0, 1.25, 2.5, 5.0, 12.5, 20.0, 22.5, 41.25, -2.5};
    double lwant[] = {1.0, 1.25, 3.0, 5.0, 5.0, 1.0, 3.0, 1.25, 4.5};
    for (int i = 0; i < 9; i++)
        CHECK(NEAR(gfx_keyframes_at(&twist, lt[i]), lwant[i]), "twist at %g: %g, expected %g",
              lt[i], gfx_keyframes_at(&twist, lt[i]), lwant[i]);
}

/* ------------------------------------------------------------------ arcs */
static void test_arcs(void)
{
    static const struct {
        const char *name;
        double at[5]; /* p = 0.25, 0.5, 0.625, 0.75, 1 */
    } arcs[] = {
        {"linear", {0.25, 0.5, 0.625, 0.75, 1.0}},
        {"ease_out", {0.4375, 0.75, 0.859375, 0.9375, 1.0}},
        {"ease_in", {0.0625, 0.25, 0.390625, 0.5625, 1.0}},
        {"step_reveal", {0.0, 0.0, 0.5, 1.0, 1.0}},
        {"build_hold", {0.375, 0.75, 0.9375, 1.0, 1.0}},
    };
    double p[] = {0.25, 0.5, 0.625, 0.75, 1.0};
    CHECK(gfx_arc_count() == 5, "%d arcs", gfx_arc_count());
    char choices[128] = "";
    for (int i = 0; i < 5; i++) {
        int a = gfx_arc_find(arcs[i].name);
        CHECK(a >= 0 && !strcmp(gfx_arc_name(a), arcs[i].name), "arc %s not found", arcs[i].name);
        strcat(strcat(choices, i ? "|" : ""), arcs[i].name);
        CHECK(gfx_arc_at(a, 0.0) == 0.0 && gfx_arc_at(a, 2.0) == 1.0, "%s ends", arcs[i].name);
        for (int k = 0; k < 5; k++)
            CHECK(NEAR(gfx_arc_at(a, p[k]), arcs[i].at[k]), "%s(%g) = %g, expected %g",
                  arcs[i].name, p[k], gfx_arc_at(a, p[k]), arcs[i].at[k]);
    }
    CHECK(!strcmp(gfx_arc_choices(), choices), "arc choices \"%s\"", gfx_arc_choices());
}

/* ----------------------------------------------------------------- beats */
/* 10 s at 24 fps, 120 bpm: beats on frames 6, 18, 30, ... 234 (20 of them);
 * frame 100 reads exactly 0.5, which is not a beat. rms_fast: loud 1.0 to
 * frame 95, 0.1 to 143, 0.9 to 191, then 0.05. */
#define N_FRAMES 240
static gfx_features frames[N_FRAMES];

static gfx_feature_track synthetic_track(float loudness)
{
    memset(frames, 0, sizeof frames);
    for (int f = 0; f < N_FRAMES; f++) {
        frames[f].beat = f % 12 == 6 ? 1.0f : 0.0f;
        frames[f].rms_fast = loudness * (f < 96 ? 1.0f : f < 144 ? 0.1f : f < 192 ? 0.9f : 0.05f);
    }
    frames[100].beat = 0.5f;
    return (gfx_feature_track){.n_frames = N_FRAMES, .fps = 24.0, .frames = frames, .bpm = 120.0f};
}

static void test_beats(void)
{
    gfx_feature_track track = synthetic_track(1.0f);
    CHECK(gfx_is_beat(&track, 6) && gfx_is_beat(&track, 234), "beat frames");
    CHECK(!gfx_is_beat(&track, 7) && !gfx_is_beat(&track, 100), "frames that are no beat");
    CHECK(!gfx_is_beat(&track, -6) && !gfx_is_beat(&track, 246), "beats outside the track");
    CHECK(gfx_beats_between(&track, 0, N_FRAMES) == 20, "%d beats in the track",
          gfx_beats_between(&track, 0, N_FRAMES));
    CHECK(gfx_beats_between(&track, -50, 1000) == 20, "a range past the track");
    CHECK(gfx_beats_between(&track, 0, 24) == 2, "beats in the first second");
    CHECK(gfx_beats_between(&track, 6, 7) == 1 && gfx_beats_between(&track, 7, 18) == 0,
          "[from, to) is half open");
    CHECK(gfx_beats_between(&track, 30, 30) == 0 && gfx_beats_between(&track, 40, 20) == 0,
          "empty ranges");

    int out[4] = {-1, -1, -1, -1};
    CHECK(gfx_beat_frames(&track, 0, N_FRAMES, out, 3) == 20, "all beats counted");
    CHECK(out[0] == 6 && out[1] == 18 && out[2] == 30 && out[3] == -1, "beat frames %d %d %d %d",
          out[0], out[1], out[2], out[3]);

    /* Event index from frame 0, 3 looks: 0 until the first beat, then 1, 2, 0, ... */
    int ev_frame[] = {0, 5, 6, 17, 18, 29, 30, 42};
    int ev_want[] = {0, 0, 1, 1, 2, 2, 0, 1};
    for (int i = 0; i < 8; i++)
        CHECK(gfx_beat_event(&track, 0, ev_frame[i], 3) == ev_want[i], "event at %d: %d, not %d",
              ev_frame[i], gfx_beat_event(&track, 0, ev_frame[i], 3), ev_want[i]);
    CHECK(gfx_beat_event(&track, 20, 18, 3) == 0 && gfx_beat_event(&track, 0, 100, 0) == 0,
          "events before the start or of no looks");
    CHECK(gfx_beat_event(&track, 20, 30, 4) == 1, "events count from the start frame");

    /* [1 s, 8 s) = frames [24, 192): beats 30, 42, ... 186, 14 of them; cuts
     * on beats 4, 8, 12 counted from 0: frames 78, 126, 174. */
    int cuts[8];
    CHECK(gfx_beat_cuts(&track, 1.0, 8.0, 4, cuts, 8) == 3 && cuts[0] == 78 && cuts[1] == 126 &&
              cuts[2] == 174,
          "cuts every 4 beats: %d, %d, %d", cuts[0], cuts[1], cuts[2]);
    CHECK(gfx_beat_cuts(&track, 0.0, 10.0, 1, NULL, 0) == 19, "every beat but the first cuts");
    CHECK(gfx_beat_cuts(&track, 0.0, 10.0, 0, cuts, 8) == -1, "every 0 beats is refused");
}

/* Default rule at 24 fps: a 48-frame window and spacing. The fall at 96
 * (0.1 < 0.5 * 1.0) and the one at 192 (0.05 < 0.5 * 0.9) cut; the rise at
 * 144 does not, nor do the frames that stay low after a fall. */
static void test_energy_drops(void)
{
    gfx_feature_track track = synthetic_track(1.0f);
    gfx_energy_drop_rule rule = gfx_energy_drop_default();
    int cuts[4] = {-1, -1, -1, -1};
    int n = gfx_energy_drop_cuts(&track, 0.0, 10.0, &rule, cuts, 4);
    CHECK(n == 2 && cuts[0] == 96 && cuts[1] == 192, "drops: %d cuts, %d %d", n, cuts[0], cuts[1]);
    /* From 3 s (frame 72), the fall at 96 is too close to the start. */
    n = gfx_energy_drop_cuts(&track, 3.0, 10.0, &rule, cuts, 4);
    CHECK(n == 1 && cuts[0] == 192, "drops from 3 s: %d cuts, first %d", n, cuts[0]);
    /* Ending at 8 s (frame 192) leaves the second fall out. */
    CHECK(gfx_energy_drop_cuts(&track, 0.0, 8.0, &rule, cuts, 4) == 1, "drops before 8 s");
    /* The same shape ten times quieter: its peaks are under the floor. */
    track = synthetic_track(0.1f);
    CHECK(gfx_energy_drop_cuts(&track, 0.0, 10.0, &rule, cuts, 4) == 0, "a quiet track cuts");
}

int main(void)
{
    test_time();
    test_easings();
    test_keyframes();
    test_arcs();
    test_beats();
    test_energy_drops();
    return CHECK_EXIT_STATUS();
}
