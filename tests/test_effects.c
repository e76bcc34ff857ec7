/* Effects: the registry, output ranges, purity (a frame does not depend on
 * the frames rendered before it), reaction to audio, and particle caps. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "effect_fixture.h"
#include "effect.h"
#include "sim_state.h"

/* xorshift for test inputs only (the effects themselves must not use rand) */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static float rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (float)(rng_state >> 40) / 16777216.0f;
}
static int rnd_int(int lo, int hi)
{
    return lo + (int)(rnd() * (float)(hi - lo + 1)) % (hi - lo + 1);
}

/* ---------------------------------------------------------------- fixtures */

enum track_kind { TRACK_SILENT, TRACK_LOUD, TRACK_RANDOM };

/* A track at `fps`: silence, a steady loud beat every half second, or random
 * features with random beats. */
static gfx_feature_track track_make(int n_frames, double fps, enum track_kind kind)
{
    gfx_feature_track tr = {.n_frames = n_frames, .fps = fps, .bpm = 120.0f};
    tr.frames = calloc((size_t)n_frames, sizeof(gfx_features));
    int beat_every = (int)(fps / 2.0);
    float env = 0.0f;
    for (int f = 0; f < n_frames; f++) {
        gfx_features *ft = &tr.frames[f];
        if (kind == TRACK_SILENT)
            continue;
        float *fields = (float *)ft;
        for (size_t k = 0; k < sizeof *ft / sizeof(float); k++)
            fields[k] = kind == TRACK_LOUD ? 0.8f + 0.2f * rnd() : rnd();
        ft->beat = kind == TRACK_LOUD ? (f % beat_every == 0) : (rnd() < 0.08f);
        env = ft->beat > 0.5f ? 1.0f : env * 0.85f;
        ft->beat_env = env;
    }
    return tr;
}

/* A simulation's state as the renderer keeps it (sim_state.h), stepped
 * from frame 0 with default parameters; each context gets its own copy, one
 * of SIM_COPIES taken in turn: more than a test holds at once (test_purity
 * keeps one while it makes up to 60 others). */
enum { SIM_COPIES = 96 };
static gfx_sim_states *sim_states;
static void *sim_copies[SIM_COPIES];
static int sim_next_copy;

typedef struct sim_source {
    const gfx_effect_desc *e;
    const gfx_grid *g;
    const gfx_feature_track *tr;
    uint32_t seed;
} sim_source;

static void sim_ctx_at(const void *user, int frame, gfx_effect_ctx *ctx)
{
    const sim_source *src = user;
    *ctx = ctx_at(src->e, src->g, src->tr, frame, src->seed);
}

static void *sim_state_copy(const sim_source *src, int frame)
{
    char err[256];
    gfx_sim_key key = {src->e, src->e, src->g, src->tr, src->seed, 0};
    if (!sim_states && !(sim_states = gfx_sim_states_create()))
        exit(1);
    const void *state = gfx_sim_state_at(sim_states, &key, frame, sim_ctx_at, src, err, sizeof err);
    gfx_effect_ctx first = ctx_at(src->e, src->g, src->tr, 0, src->seed);
    size_t bytes = src->e->sim->state_bytes(src->g, first.params);
    void **copy = &sim_copies[sim_next_copy++ % SIM_COPIES];
    free(*copy);
    if (!state || !(*copy = malloc(bytes))) {
        fprintf(stderr, "out of memory for %s's state\n", src->e->name);
        exit(1);
    }
    return memcpy(*copy, state, bytes);
}

static void sim_states_free(void)
{
    gfx_sim_states_free(sim_states);
    for (int k = 0; k < SIM_COPIES; k++)
        free(sim_copies[k]);
}

static gfx_effect_ctx ctx_make(const gfx_effect_desc *e, const gfx_grid *g,
                               const gfx_feature_track *tr, int frame, uint32_t seed)
{
    gfx_effect_ctx ctx = ctx_at(e, g, tr, frame, seed);
    if (e->sim) {
        sim_source src = {e, g, tr, seed};
        ctx.state = sim_state_copy(&src, frame);
    }
    return ctx;
}

static int count_lit(const float *value, int n, float threshold)
{
    int lit = 0;
    for (int i = 0; i < n; i++)
        lit += value[i] > threshold;
    return lit;
}

static float sum_values(const float *value, int n)
{
    float s = 0.0f;
    for (int i = 0; i < n; i++)
        s += value[i];
    return s;
}

/* ------------------------------------------------------------------- tests */

static void test_registry(void)
{
    static const char *const required[] = {"rain",      "fire",   "plasma",    "tunnel",
                                           "rings",     "spiral", "bars",      "waveform",
                                           "explosion", "embers", "starfield", "dissolve"};
    for (size_t k = 0; k < sizeof required / sizeof required[0]; k++)
        CHECK(gfx_effect_find(required[k]) != NULL, "effect %s is not registered", required[k]);
    CHECK(gfx_effect_find("no-such-effect") == NULL, "unknown name found");
    CHECK(gfx_effect_find(NULL) == NULL, "NULL name found");
    CHECK(gfx_effect_at(-1) == NULL && gfx_effect_at(gfx_effect_count()) == NULL,
          "index out of range");

    for (int i = 0; i < gfx_effect_count(); i++) {
        const gfx_effect_desc *e = gfx_effect_at(i);
        CHECK(e && e->name && e->summary && e->render && e->default_ramp, "effect %d incomplete",
              i);
        if (!e)
            continue;
        CHECK(gfx_effect_find(e->name) == e, "%s: find does not return it (duplicate name?)",
              e->name);
        CHECK(e->n_params >= 1 && e->n_params <= GFX_MAX_PARAMS, "%s: %d params", e->name,
              e->n_params);
        for (int p = 0; p < e->n_params; p++) {
            const gfx_param_desc *d = &e->params[p];
            CHECK(d->name && d->help && d->min < d->max && d->def >= d->min && d->def <= d->max,
                  "%s: parameter %d (%s) has a bad range", e->name, p, d->name ? d->name : "?");
            for (int q = 0; q < p; q++)
                CHECK(strcmp(e->params[q].name, d->name) != 0, "%s: parameter %s twice", e->name,
                      d->name);
        }
    }

    /* the seed's table of particle caps: low, standard, high */
    static const struct {
        const char *name;
        int caps[3];
    } seed_caps[] = {{"explosion", {300, 1000, 2500}},
                     {"embers", {500, 1500, 3000}},
                     {"starfield", {300, 800, 1500}},
                     {"dissolve", {200, 600, 1200}}};
    static const int particles_max[3] = {500, 1200, 3000}; /* preview, production, max profiles */
    for (size_t k = 0; k < sizeof seed_caps / sizeof seed_caps[0]; k++) {
        const gfx_effect_desc *e = gfx_effect_find(seed_caps[k].name);
        for (int tier = 0; e && tier < 3; tier++)
            CHECK(gfx_effect_particle_cap(e, particles_max[tier]) == seed_caps[k].caps[tier],
                  "%s: cap for particles_max %d is %d, the seed says %d", e->name,
                  particles_max[tier], gfx_effect_particle_cap(e, particles_max[tier]),
                  seed_caps[k].caps[tier]);
    }
    CHECK(gfx_effect_particle_cap(gfx_effect_find("plasma"), 1200) == 0, "plasma has particles");
}

/* Every effect, random grids, parameters, features and frames: every cell
 * written (whatever the arrays held), values in [0, 1], hues in [0, 1)
 * after any glyph pick (effect.h: an integer in [1, GFX_GLYPH_PICKS)). */
static void test_ranges(void)
{
    for (int i = 0; i < gfx_effect_count(); i++) {
        const gfx_effect_desc *e = gfx_effect_at(i);
        for (int iter = 0; iter < 12; iter++) {
            int rows = iter == 0 ? 1 : rnd_int(1, 70), cols = iter == 0 ? 1 : rnd_int(1, 220);
            test_grid tg = grid_make(rows, cols, 1.5f + rnd());
            double fps = rnd_int(0, 1) ? 24.0 : 60.0;
            gfx_feature_track tr = track_make(rnd_int(1, 400), fps, TRACK_RANDOM);
            int frame = iter == 1 ? 0 : rnd_int(0, tr.n_frames + 50); /* past the end too */
            gfx_effect_ctx ctx = ctx_make(e, &tg.grid, &tr, frame, (uint32_t)rnd_int(0, 1 << 30));
            for (int p = 0; p < e->n_params; p++) {
                const gfx_param_desc *d = &e->params[p];
                float pick = rnd();
                ctx.params[p] = iter == 2   ? d->min
                                : iter == 3 ? d->max
                                            : d->min + (d->max - d->min) * pick;
            }
            ctx.particle_cap = rnd_int(0, 3000);
            if (iter == 4)
                ctx.track = NULL; /* no history: only this frame's features */
            size_t n = (size_t)rows * cols;
            float *value = malloc(n * sizeof(float)), *hue = malloc(n * sizeof(float));
            float *value2 = malloc(n * sizeof(float)), *hue2 = malloc(n * sizeof(float));
            for (size_t k = 0; k < n; k++) {
                value[k] = hue[k] = NAN;
                value2[k] = hue2[k] = 0.5f;
            }
            e->render(&ctx, value, hue);
            e->render(&ctx, value2, hue2);
            int bad = 0;
            for (size_t k = 0; k < n && !bad; k++)
                if (!(value[k] >= 0.0f && value[k] <= 1.0f && hue[k] >= 0.0f &&
                      hue[k] < (float)GFX_GLYPH_PICKS)) {
                    CHECK(0, "%s: %dx%d frame %d cell %zu: value %g hue %g", e->name, rows, cols,
                          frame, k, value[k], hue[k]);
                    bad = 1;
                }
            CHECK(memcmp(value, value2, n * sizeof(float)) == 0 &&
                      memcmp(hue, hue2, n * sizeof(float)) == 0,
                  "%s: output depends on the arrays' previous contents (%dx%d frame %d)", e->name,
                  rows, cols, frame);
            free(value), free(hue), free(value2), free(hue2);
            free(tr.frames);
            grid_free(&tg);
        }
    }
}

/* Frame f alone == frame f after rendering the frames before it. */
static void test_purity(void)
{
    test_grid tg = grid_make(40, 120, 1.9f);
    gfx_feature_track tr = track_make(600, 24.0, TRACK_RANDOM),
                      loud = track_make(200, 24.0, TRACK_LOUD);
    size_t n = 40 * 120;
    float *alone = malloc(n * sizeof(float)), *alone_hue = malloc(n * sizeof(float));
    float *seq = malloc(n * sizeof(float)), *seq_hue = malloc(n * sizeof(float));
    static const int targets[] = {0, 1, 37, 240, 599};
    for (int i = 0; i < gfx_effect_count(); i++) {
        const gfx_effect_desc *e = gfx_effect_at(i);
        for (size_t k = 0; k < sizeof targets / sizeof targets[0]; k++) {
            int f = targets[k];
            gfx_effect_ctx ctx = ctx_make(e, &tg.grid, &tr, f, 1234);
            e->render(&ctx, alone, alone_hue);
            for (int before = 0; before < f; before += 1 + f / 60) {
                gfx_effect_ctx prev = ctx_make(e, &tg.grid, &tr, before, 1234);
                e->render(&prev, seq, seq_hue);
            }
            e->render(&ctx, seq, seq_hue);
            CHECK(memcmp(alone, seq, n * sizeof(float)) == 0 &&
                      memcmp(alone_hue, seq_hue, n * sizeof(float)) == 0,
                  "%s: frame %d rendered after other frames differs from frame %d alone", e->name,
                  f, f);
        }
        if (e->reads_video) /* the clip drives it, not time: test_video_layer */
            continue;
        /* neighbouring frames must differ (a pure function of time, not a still);
         * the loud track has a beat every 12 frames, so beat-driven effects show */
        gfx_effect_ctx a = ctx_make(e, &tg.grid, &loud, 100, 1234),
                       b = ctx_make(e, &tg.grid, &loud, 105, 1234);
        e->render(&a, alone, alone_hue);
        e->render(&b, seq, seq_hue);
        CHECK(memcmp(alone, seq, n * sizeof(float)) != 0, "%s: frames 100 and 105 are identical",
              e->name);
    }
    free(alone), free(alone_hue), free(seq), free(seq_hue);
    free(tr.frames), free(loud.frames);
    grid_free(&tg);
}

/* Loud features change every effect; the seed changes the hashed ones. */
static void test_audio_reaction(void)
{
    test_grid tg = grid_make(56, 192, 1.9f);
    gfx_feature_track silent = track_make(200, 24.0, TRACK_SILENT);
    gfx_feature_track loud = track_make(200, 24.0, TRACK_LOUD);
    int n = 56 * 192;
    float *quiet_v = malloc(n * sizeof(float)), *loud_v = malloc(n * sizeof(float));
    float *hue = malloc(n * sizeof(float));
    int frame = 51; /* 3 frames after a beat of the loud track (every 12 frames) */
    for (int i = 0; i < gfx_effect_count(); i++) {
        const gfx_effect_desc *e = gfx_effect_at(i);
        gfx_effect_ctx q = ctx_make(e, &tg.grid, &silent, frame, 7),
                       l = ctx_make(e, &tg.grid, &loud, frame, 7);
        e->render(&q, quiet_v, hue);
        e->render(&l, loud_v, hue);
        float quiet_sum = sum_values(quiet_v, n), loud_sum = sum_values(loud_v, n);
        if (e->reads_video) /* the clip drives it, not the audio: test_video_layer */
            continue;
        if (!strcmp(e->name, "rain")) { /* rain answers with speed: test_rain */
            CHECK(memcmp(quiet_v, loud_v, n * sizeof(float)) != 0, "rain: loud frame as silence");
            continue;
        }
        CHECK(loud_sum > quiet_sum * 1.05f + 1.0f,
              "%s: loud frame (sum %.1f) not brighter than silence (%.1f)", e->name, loud_sum,
              quiet_sum);
    }

    /* fire grows with steady loudness alone (no beats to help it) */
    gfx_feature_track hum = track_make(200, 24.0, TRACK_LOUD);
    for (int f = 0; f < hum.n_frames; f++)
        hum.frames[f].beat = hum.frames[f].beat_env = 0.0f;
    const gfx_effect_desc *fire = gfx_effect_find("fire");
    gfx_effect_ctx q = ctx_make(fire, &tg.grid, &silent, frame, 7),
                   l = ctx_make(fire, &tg.grid, &hum, frame, 7);
    fire->render(&q, quiet_v, hue);
    fire->render(&l, loud_v, hue);
    CHECK(count_lit(loud_v, n, 0.2f) > count_lit(quiet_v, n, 0.2f) * 5 / 4,
          "fire: loud lights %d cells, silence %d", count_lit(loud_v, n, 0.2f),
          count_lit(quiet_v, n, 0.2f));

    static const char *const hashed[] = {"rain", "explosion", "embers", "starfield"};
    for (size_t k = 0; k < sizeof hashed / sizeof hashed[0]; k++) {
        const gfx_effect_desc *e = gfx_effect_find(hashed[k]);
        gfx_effect_ctx s1 = ctx_make(e, &tg.grid, &loud, frame, 1),
                       s2 = ctx_make(e, &tg.grid, &loud, frame, 2);
        e->render(&s1, quiet_v, hue);
        e->render(&s2, loud_v, hue);
        CHECK(memcmp(quiet_v, loud_v, n * sizeof(float)) != 0, "%s: seeds 1 and 2 render the same",
              e->name);
    }
    free(quiet_v), free(loud_v), free(hue);
    free(silent.frames), free(loud.frames), free(hum.frames);
    grid_free(&tg);
}

/* The row of column c's first head (value 1), -1 when none is on screen. */
static int head_row(const float *value, int rows, int cols, int c)
{
    for (int r = 0; r < rows; r++)
        if (value[r * cols + c] == 1.0f)
            return r;
    return -1;
}

/* Mean rows the heads fell from `frame` to frame + 1 (columns whose head
 * is on screen in both and did not wrap to the top). */
static float rain_fall(const gfx_effect_desc *rain, const gfx_grid *g, const gfx_feature_track *tr,
                       int frame, float *a, float *b, float *hue)
{
    gfx_effect_ctx c0 = ctx_make(rain, g, tr, frame, 3), c1 = ctx_make(rain, g, tr, frame + 1, 3);
    rain->render(&c0, a, hue);
    rain->render(&c1, b, hue);
    int moved = 0, n = 0;
    for (int c = 0; c < g->cols; c++) {
        int r0 = head_row(a, g->rows, g->cols, c), r1 = head_row(b, g->rows, g->cols, c);
        if (r0 >= 0 && r1 >= r0)
            moved += r1 - r0, n++;
    }
    return n ? (float)moved / (float)n : 0.0f;
}

/* Matrix rain: heads at full value with a dimmer trail above them, most of
 * the screen dark, glyph picks that stay put, a fall that speeds up with
 * bass and beats, and frame 1000 alone equal to frame 1000 after 0..999. */
static void test_rain(void)
{
    const gfx_effect_desc *rain = gfx_effect_find("rain");
    test_grid tg = grid_make(56, 192, 1.9f);
    const gfx_grid *g = &tg.grid;
    int n = g->rows * g->cols;
    gfx_feature_track tr = track_make(1200, 24.0, TRACK_RANDOM);
    float *v = malloc(n * sizeof(float)), *h = malloc(n * sizeof(float));
    float *v2 = malloc(n * sizeof(float)), *h2 = malloc(n * sizeof(float));
    for (int frame = 0; frame < 1000; frame += 97) {
        gfx_effect_ctx ctx = ctx_make(rain, g, &tr, frame, 5);
        rain->render(&ctx, v, h);
        int dark = 0, heads = 0, dim_above = 0;
        for (int i = 0; i < n; i++) {
            dark += v[i] == 0.0f;
            if (v[i] == 1.0f && i >= g->cols) {
                heads++;
                dim_above += v[i - g->cols] < 0.7f;
            }
        }
        CHECK(dark > n / 2, "rain frame %d: only %d of %d cells dark", frame, dark, n);
        CHECK(heads > g->cols / 4 && dim_above == heads,
              "rain frame %d: %d heads, %d of them with a dimmer cell above", frame, heads,
              dim_above);
        gfx_effect_ctx next = ctx_make(rain, g, &tr, frame + 1, 5);
        rain->render(&next, v2, h2);
        int kept = 0;
        for (int i = 0; i < n; i++)
            kept += floorf(h[i]) == floorf(h2[i]) && h[i] >= 1.0f;
        CHECK(kept > n * 9 / 10, "rain frame %d: %d of %d cells kept their glyph pick", frame, kept,
              n);
    }

    /* frame 1000 alone, and after rendering every frame before it */
    gfx_effect_ctx late = ctx_make(rain, g, &tr, 1000, 5);
    rain->render(&late, v, h);
    for (int f = 0; f <= 1000; f++) {
        gfx_effect_ctx ctx = ctx_make(rain, g, &tr, f, 5);
        rain->render(&ctx, v2, h2);
    }
    CHECK(memcmp(v, v2, n * sizeof(float)) == 0 && memcmp(h, h2, n * sizeof(float)) == 0,
          "rain: frame 1000 alone differs from frame 1000 in sequence");

    gfx_feature_track silent = track_make(200, 24.0, TRACK_SILENT);
    gfx_feature_track loud = track_make(200, 24.0, TRACK_LOUD);
    float quiet_fall = rain_fall(rain, g, &silent, 100, v, v2, h);
    float loud_fall = rain_fall(rain, g, &loud, 96, v, v2, h); /* 96: a beat frame */
    CHECK(quiet_fall > 0.0f && loud_fall > 2.0f * quiet_fall,
          "rain: heads fall %.2f rows a frame to loud bass, %.2f in silence", loud_fall,
          quiet_fall);
    free(v), free(h), free(v2), free(h2);
    free(tr.frames), free(silent.frames), free(loud.frames);
    grid_free(&tg);
}

/* Sets the named parameter of e to its minimum (a background layer off). */
static void param_to_min(const gfx_effect_desc *e, gfx_effect_ctx *ctx, const char *name)
{
    for (int p = 0; p < e->n_params; p++)
        if (strcmp(e->params[p].name, name) == 0) {
            ctx->params[p] = e->params[p].min;
            return;
        }
    CHECK(0, "%s has no parameter %s", e->name, name);
}

/* Explosions light cells only after a beat, and only for a while (with
 * the smoke backdrop, which is not tied to beats, turned off). */
static void test_explosion_beats(void)
{
    const gfx_effect_desc *e = gfx_effect_find("explosion");
    test_grid tg = grid_make(56, 192, 1.9f);
    gfx_feature_track tr = track_make(300, 24.0, TRACK_SILENT);
    int n = 56 * 192, beat = 100;
    tr.frames[beat].beat = 1.0f;
    tr.frames[beat].onset = 1.0f;
    float *value = malloc(n * sizeof(float)), *hue = malloc(n * sizeof(float));
    for (int f = 0; f < 300; f += 3) {
        gfx_effect_ctx ctx = ctx_make(e, &tg.grid, &tr, f, 99);
        param_to_min(e, &ctx, "smoke");
        e->render(&ctx, value, hue);
        int lit = count_lit(value, n, 0.0f);
        float age = (float)(f - beat) / 24.0f;
        if (f < beat || age > e->params[2].def) /* params[2]: life */
            CHECK(lit == 0, "explosion: frame %d (%.2f s from the beat) lights %d cells", f, age,
                  lit);
        else if (age < 0.5f * e->params[2].def)
            CHECK(lit > (age < 0.2f ? 0 : 50),
                  "explosion: frame %d, %.2f s after the beat, lights only %d cells", f, age, lit);
    }
    free(value), free(hue);
    free(tr.frames);
    grid_free(&tg);
}

/* Caps: lit cells stay within what `cap` particles can light (with the
 * uncapped background layers turned off), a larger cap lights more, and the
 * cap keeps the newest particles. */
static void test_particle_caps(void)
{
    test_grid tg = grid_make(56, 192, 1.9f);
    gfx_feature_track loud = track_make(400, 24.0, TRACK_LOUD);
    int n = 56 * 192;
    float *value = malloc(n * sizeof(float)), *hue = malloc(n * sizeof(float));
    static const struct {
        const char *name;
        int cells_per_particle; /* cells one particle may light */
        int frame;
        const char *off[2]; /* parameters set to their minimum so cells are countable */
    } systems[] = {
        /* a glowing head lights itself and its four neighbours */
        {"explosion", 7, 201, {"shock", "smoke"}},   /* head + two streak points */
        {"embers", 6, 201, {"glow", NULL}},          /* ember + the trail cell below */
        {"starfield", 5, 201, {"streak", "nebula"}}, /* one head per star */
        {"dissolve", 5, 141, {"dust", NULL}},        /* 5.9 s into a 6 s cycle: the disc is gone */
    };
    for (size_t k = 0; k < sizeof systems / sizeof systems[0]; k++) {
        const gfx_effect_desc *e = gfx_effect_find(systems[k].name);
        int lit_by_cap[2];
        static const int caps[2] = {40, 3000};
        for (int c = 0; c < 2; c++) {
            gfx_effect_ctx ctx = ctx_make(e, &tg.grid, &loud, systems[k].frame, 5);
            ctx.particle_cap = caps[c];
            for (int o = 0; o < 2 && systems[k].off[o]; o++)
                param_to_min(e, &ctx, systems[k].off[o]);
            e->render(&ctx, value, hue);
            lit_by_cap[c] = count_lit(value, n, 0.0f);
        }
        CHECK(lit_by_cap[0] > 0 && lit_by_cap[0] <= caps[0] * systems[k].cells_per_particle,
              "%s: cap %d lights %d cells", e->name, caps[0], lit_by_cap[0]);
        CHECK(lit_by_cap[1] > 2 * lit_by_cap[0], "%s: cap %d lights %d cells, cap %d only %d",
              e->name, caps[1], lit_by_cap[1], caps[0], lit_by_cap[0]);
    }

    /* Four beats in the window and a cap that each burst may take 40% of:
     * the three newest fill it, so the oldest beat's sparks are dropped,
     * exactly as if that beat were not there. */
    const gfx_effect_desc *blast = gfx_effect_find("explosion");
    gfx_feature_track two = track_make(100, 24.0, TRACK_SILENT),
                      one = track_make(100, 24.0, TRACK_SILENT);
    two.frames[35].beat = 1.0f;
    for (int f = 40; f <= 50; f += 5)
        two.frames[f].beat = one.frames[f].beat = 1.0f;
    float *value_one = malloc(n * sizeof(float));
    gfx_effect_ctx c2 = ctx_make(blast, &tg.grid, &two, 55, 3),
                   c1 = ctx_make(blast, &tg.grid, &one, 55, 3);
    param_to_min(blast, &c2, "shock");
    param_to_min(blast, &c1, "shock");
    param_to_min(blast, &c2, "smoke");
    param_to_min(blast, &c1, "smoke");
    c2.particle_cap = c1.particle_cap = 30;
    blast->render(&c2, value, hue);
    blast->render(&c1, value_one, hue);
    CHECK(count_lit(value, n, 0.0f) > 0 && memcmp(value, value_one, n * sizeof(float)) == 0,
          "explosion: with the cap full, the oldest beat's sparks still show");
    c2.particle_cap = 3000;
    blast->render(&c2, value, hue);
    CHECK(memcmp(value, value_one, n * sizeof(float)) != 0,
          "explosion: the older beat never shows");

    free(value_one);
    free(value), free(hue);
    free(loud.frames), free(two.frames), free(one.frames);
    grid_free(&tg);
}

int main(void)
{
    test_registry();
    test_ranges();
    test_purity();
    test_audio_reaction();
    test_rain();
    test_explosion_beats();
    test_particle_caps();
    sim_states_free();
    if (check_failures) {
        fprintf(stderr, "%d failure(s)\n", check_failures);
        return 1;
    }
    printf("effects: %d effects, all checks passed\n", gfx_effect_count());
    return 0;
}
