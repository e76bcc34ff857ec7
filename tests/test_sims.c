/* The simulation fields and the renderer's side of their state.
 *
 * Fields: reaction_diffusion, game_of_life and strange_attractor write
 * values in [0, 1] and hues in [0, 1); every Life rule gives what its B/S
 * string says on random grids, and a glider moves one cell diagonally every
 * four generations; Gray-Scott stays in [0, 1], keeps its uniform state,
 * grows patterns from its seeds and answers the bass; a beat switches on
 * about beat_cells of the Life grid.
 *
 * State: a scene whose layers (and a mask field) are simulations, with
 * feedback, a field morph and transitions, renders the same bytes in
 * sequence, each frame alone, split between two renderers as workers take
 * frames, as a forward range from the middle, backwards and under every
 * ISA; and the glyphfx binary writes the same PNGs with 1 and 3 workers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "effect.h"
#include "frame.h"
#include "gfx_kernels.h"
#include "grid.h"
#include "image_hash.h"
#include "scene.h"
#include "sim_fields.h"
#include "sim_state.h"
#include "synth_features.h"

#define SEED 23u
#define FPS 6.0

static float test_unit(uint32_t seed, uint32_t i)
{
    return (float)(gfx_hash32(seed ^ gfx_hash32(i)) >> 8) * (1.0f / 16777216.0f);
}

/* ------------------------------------------------------------ the fields */

typedef struct sim_run {
    const gfx_effect_desc *e;
    gfx_effect_ctx ctx;
    void *state;
} sim_run;

static void sim_start(sim_run *run, const char *name, const gfx_grid *grid,
                      const gfx_features *feat, uint32_t seed)
{
    memset(run, 0, sizeof *run);
    run->e = gfx_effect_find(name);
    CHECK(run->e != NULL, "no effect named %s", name);
    if (!run->e)
        exit(1);
    run->ctx = (gfx_effect_ctx){.grid = grid, .feat = feat, .fps = FPS, .seed = seed};
    for (int j = 0; j < run->e->n_params; j++)
        run->ctx.params[j] = run->e->params[j].def;
}

static int param_index(const gfx_effect_desc *e, const char *name)
{
    for (int j = 0; j < e->n_params; j++)
        if (strcmp(e->params[j].name, name) == 0)
            return j;
    fprintf(stderr, "test_sims: %s has no parameter %s\n", e->name, name);
    exit(1);
}

static void sim_set(sim_run *run, const char *param, float v)
{
    run->ctx.params[param_index(run->e, param)] = v;
}

/* Zeroed state, init at frame 0 (a stateless effect has none). */
static void sim_init(sim_run *run)
{
    if (!run->e->sim)
        return;
    size_t bytes = run->e->sim->state_bytes(run->ctx.grid, run->ctx.params);
    free(run->state);
    run->state = calloc(1, bytes);
    if (!run->state)
        exit(1);
    run->ctx.frame = 0;
    run->ctx.time = 0.0;
    run->ctx.state = run->state;
    run->e->sim->init(&run->ctx, run->state);
}

static void sim_step_to(sim_run *run, int frame)
{
    while (run->ctx.frame < frame) {
        run->ctx.frame++;
        run->ctx.time = run->ctx.frame / FPS;
        if (run->ctx.track)
            run->ctx.feat = gfx_features_at(run->ctx.track, run->ctx.frame);
        if (run->e->sim)
            run->e->sim->step(&run->ctx, run->state);
    }
}

static void sim_render(sim_run *run, float *value, float *hue)
{
    run->e->render(&run->ctx, value, hue);
}

static void check_ranges(const gfx_grid *grid, const gfx_feature_track *track)
{
    static const char *names[] = {"reaction_diffusion", "game_of_life", "strange_attractor"};
    int n = grid->rows * grid->cols;
    float *value = malloc((size_t)n * sizeof *value), *hue = malloc((size_t)n * sizeof *hue);
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        sim_run run;
        sim_start(&run, names[k], grid, gfx_features_at(track, 0), SEED);
        run.ctx.track = track;
        sim_init(&run);
        int bad = 0, lit_frames = 0;
        for (int f = 0; f < track->n_frames; f++) {
            sim_step_to(&run, f);
            sim_render(&run, value, hue);
            int lit = 0;
            for (int i = 0; i < n; i++) {
                bad += !(value[i] >= 0.0f && value[i] <= 1.0f && hue[i] >= 0.0f && hue[i] < 1.0f);
                lit += value[i] > 0.05f;
            }
            lit_frames += lit > n / 50;
        }
        CHECK(bad == 0, "%s: %d values outside [0, 1] or hues outside [0, 1)", names[k], bad);
        CHECK(lit_frames > track->n_frames * 9 / 10, "%s: only %d of %d frames show anything",
              names[k], lit_frames, track->n_frames);
        free(run.state);
    }
    free(value);
    free(hue);
}

/* ------------------------------------------------------------------ Life */

/* Bit n set for each digit n after `letter` up to the next '/' or end. */
static unsigned bs_bits(const char *bs, char letter)
{
    const char *p = strchr(bs, letter);
    unsigned bits = 0;
    for (p = p ? p + 1 : ""; *p >= '0' && *p <= '8'; p++)
        bits |= 1u << (*p - '0');
    return bits;
}

static void life_reference(const char *bs, int rows, int cols, const uint8_t *in, uint8_t *out)
{
    unsigned birth = bs_bits(bs, 'B'), survive = bs_bits(bs, 'S');
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            int live = 0;
            for (int dr = -1; dr <= 1; dr++)
                for (int dc = -1; dc <= 1; dc++)
                    if (dr || dc)
                        live += in[((r + dr + rows) % rows) * cols + (c + dc + cols) % cols];
            unsigned rule = in[r * cols + c] ? survive : birth;
            out[r * cols + c] = (rule >> live) & 1u;
        }
}

static void check_life_rules(void)
{
    static const char *expected[FX_LIFE_RULES][2] = {
        {"life", "B3/S23"},         {"coral", "B3/S45678"},        {"maze", "B3/S12345"},
        {"anneal", "B4678/S35678"}, {"day_night", "B3678/S34678"},
    };
    enum { ROWS = 19, COLS = 23, N = ROWS * COLS };
    uint8_t in[N], out[N], want[N];
    for (int k = 0; k < FX_LIFE_RULES; k++) {
        const fx_life_rule *rule = &fx_life_rules[k];
        CHECK(strcmp(rule->name, expected[k][0]) == 0 && strcmp(rule->bs, expected[k][1]) == 0,
              "rule %d is %s %s, expected %s %s", k, rule->name, rule->bs, expected[k][0],
              expected[k][1]);
        int differ = 0, changed = 0;
        for (int trial = 0; trial < 20; trial++) {
            float density = 0.1f + 0.04f * (float)trial;
            for (int i = 0; i < N; i++)
                in[i] = test_unit((uint32_t)(k * 100 + trial), (uint32_t)i) < density;
            fx_life_generation(rule, ROWS, COLS, in, out);
            life_reference(expected[k][1], ROWS, COLS, in, want);
            differ += memcmp(out, want, N) != 0;
            changed += memcmp(out, in, N) != 0;
        }
        CHECK(differ == 0, "%s: %d of 20 random grids differ from %s", rule->name, differ,
              expected[k][1]);
        CHECK(changed > 0, "%s: no grid changed", rule->name);
    }
}

static int count_live(const uint8_t *cells, int n)
{
    int live = 0;
    for (int i = 0; i < n; i++)
        live += cells[i];
    return live;
}

static void place_glider(uint8_t *cells, int cols, int r0, int c0)
{
    static const int glider[5][2] = {{0, 1}, {1, 2}, {2, 0}, {2, 1}, {2, 2}};
    for (int k = 0; k < 5; k++)
        cells[(r0 + glider[k][0]) * cols + c0 + glider[k][1]] = 1;
}

static void check_glider(void)
{
    enum { ROWS = 10, COLS = 12, N = ROWS * COLS };
    uint8_t a[N] = {0}, b[N], want[N] = {0};
    place_glider(a, COLS, 1, 1);
    for (int g = 0; g < 4; g++) {
        fx_life_generation(&fx_life_rules[0], ROWS, COLS, a, b);
        memcpy(a, b, N);
        CHECK(count_live(a, N) == 5, "glider generation %d has %d cells, expected 5", g + 1,
              count_live(a, N));
    }
    place_glider(want, COLS, 2, 2);
    CHECK(memcmp(a, want, N) == 0, "after 4 generations the glider is not one cell down-right");
    /* across the wrapped edges: 4 * 60 generations move it 60 cells each way,
     * a whole number of turns of 10 rows and 12 columns */
    for (int g = 0; g < 240; g++) {
        fx_life_generation(&fx_life_rules[0], ROWS, COLS, a, b);
        memcpy(a, b, N);
    }
    CHECK(memcmp(a, want, N) == 0, "the glider does not come round the torus intact");
}

/* A beat switches on about beat_cells of the cells (on top of the soup's
 * own generation, which is the same either way). */
static void check_life_beats(const gfx_grid *grid)
{
    int n = grid->rows * grid->cols;
    float *v_beat = malloc((size_t)n * sizeof(float)), *v_calm = malloc((size_t)n * sizeof(float));
    float *hue = malloc((size_t)n * sizeof(float));
    gfx_features calm = {0}, beat = {0};
    beat.beat = 1.0f;
    sim_run a, b;
    sim_start(&a, "game_of_life", grid, &beat, SEED);
    sim_start(&b, "game_of_life", grid, &calm, SEED);
    sim_set(&a, "density", 0.05f);
    sim_set(&b, "density", 0.05f);
    sim_init(&a);
    sim_init(&b);
    sim_step_to(&a, 1);
    sim_step_to(&b, 1);
    sim_render(&a, v_beat, hue);
    sim_render(&b, v_calm, hue);
    int extra = 0, lost = 0;
    for (int i = 0; i < n; i++) {
        extra += v_beat[i] == 1.0f && v_calm[i] != 1.0f;
        lost += v_calm[i] == 1.0f && v_beat[i] != 1.0f;
    }
    CHECK(lost == 0, "a beat killed %d cells", lost);
    CHECK(extra > n / 100 && extra < n * 3 / 100,
          "a beat switched on %d of %d cells, expected about 2%%", extra, n);
    free(a.state);
    free(b.state);
    free(v_beat);
    free(v_calm);
    free(hue);
}

/* -------------------------------------------------------------- Gray-Scott */

static void check_gray_scott(const gfx_grid *grid)
{
    /* A = 1, B = 0 everywhere is a fixed point: no feed, no reaction. */
    enum { R = 7, C = 9, N = R * C };
    float a[N], b[N], a2[N], b2[N];
    for (int i = 0; i < N; i++) {
        a[i] = 1.0f;
        b[i] = 0.0f;
    }
    fx_gray_scott_step(R, C, a, b, a2, b2, 0.055f, 0.062f, 1.0f, 0.5f);
    int moved = 0;
    for (int i = 0; i < N; i++)
        moved += a2[i] != 1.0f || b2[i] != 0.0f;
    CHECK(moved == 0, "the uniform state A = 1, B = 0 moved in %d cells", moved);

    int n = grid->rows * grid->cols;
    float *value = malloc((size_t)n * sizeof(float)), *hue = malloc((size_t)n * sizeof(float));
    float *first = malloc((size_t)n * sizeof(float)), *loud = malloc((size_t)n * sizeof(float));
    gfx_features quiet = {0}, bass = {0};
    bass.bands_fast[GFX_BAND_BASS] = 1.0f;
    bass.high_ratio = 1.0f;
    static const float presets[] = {1, 2, 3, 5};
    for (size_t p = 0; p < sizeof presets / sizeof presets[0]; p++) {
        sim_run run;
        sim_start(&run, "reaction_diffusion", grid, &quiet, SEED);
        sim_set(&run, "preset", presets[p]);
        sim_init(&run);
        sim_step_to(&run, 1);
        sim_render(&run, first, hue);
        sim_step_to(&run, 150); /* 1200 steps */
        sim_render(&run, value, hue);
        double sum = 0, sum2 = 0;
        int bad = 0, lit = 0, changed = 0;
        for (int i = 0; i < n; i++) {
            bad += !(value[i] >= 0.0f && value[i] <= 1.0f);
            sum += value[i];
            sum2 += (double)value[i] * value[i];
            lit += value[i] > 0.2f;
            changed += value[i] != first[i];
        }
        double mean = sum / n, spread = sum2 / n - mean * mean;
        CHECK(bad == 0, "preset %g: %d values outside [0, 1]", presets[p], bad);
        CHECK(lit > n / 20 && lit < n * 19 / 20 && spread > 0.01,
              "preset %g: no pattern after 1200 steps (%d of %d cells lit, variance %.4f)",
              presets[p], lit, n, spread);
        CHECK(changed > n / 4, "preset %g: only %d of %d cells changed", presets[p], changed, n);
        if (p == 0) {
            /* the same start under the bass and the highs grows another pattern */
            sim_run pushed;
            sim_start(&pushed, "reaction_diffusion", grid, &bass, SEED);
            sim_set(&pushed, "preset", presets[p]);
            sim_init(&pushed);
            sim_step_to(&pushed, 150);
            sim_render(&pushed, loud, hue);
            int differ = 0;
            for (int i = 0; i < n; i++)
                differ += loud[i] != value[i];
            CHECK(differ > n / 10, "the audio changed only %d of %d cells", differ, n);
            free(pushed.state);
        }
        free(run.state);
    }
    free(value);
    free(hue);
    free(first);
    free(loud);
}

/* ------------------------------------------------------- sim_state.h */

/* A counting simulation: state[0] is the frame it was stepped to (each step
 * checks it is the next one), state[1] the field's tag from its params. */
typedef struct counter_field {
    float tag;
    int contexts; /* contexts built for it: one per init or step */
} counter_field;

static size_t counter_bytes(const gfx_grid *grid, const float *params)
{
    (void)grid;
    (void)params;
    return 2 * sizeof(int);
}

static void counter_init(const gfx_effect_ctx *ctx, void *state)
{
    int *s = state;
    CHECK(s[0] == 0 && s[1] == 0, "init got state that was not zeroed");
    s[0] = ctx->frame;
    s[1] = (int)ctx->params[0];
}

static void counter_step(const gfx_effect_ctx *ctx, void *state)
{
    int *s = state;
    CHECK(ctx->frame == s[0] + 1, "stepped to frame %d from %d", ctx->frame, s[0]);
    CHECK(ctx->state == state, "the step's context holds another state");
    s[0] = ctx->frame;
}

static void counter_render(const gfx_effect_ctx *ctx, float *value, float *hue)
{
    (void)ctx;
    (void)value;
    (void)hue;
}

static const gfx_effect_sim counter_sim = {counter_bytes, counter_init, counter_step};
static const gfx_effect_desc counter_effect = {
    .name = "counter", .render = counter_render, .sim = &counter_sim};

static void counter_ctx_at(const void *user, int frame, gfx_effect_ctx *ctx)
{
    counter_field *field = (counter_field *)user; /* the test's own, writable */
    *ctx = (gfx_effect_ctx){.frame = frame};
    ctx->params[0] = field->tag;
    field->contexts++;
}

static int *counter_at(gfx_sim_states *states, counter_field *field, int first, uint32_t seed,
                       int frame)
{
    char err[256];
    gfx_sim_key key = {field, &counter_effect, NULL, NULL, seed, first};
    int *s = gfx_sim_state_at(states, &key, frame, counter_ctx_at, field, err, sizeof err);
    if (!s) {
        fprintf(stderr, "test_sims: %s\n", err);
        exit(1);
    }
    return s;
}

static void check_sim_states(void)
{
    gfx_sim_states *states = gfx_sim_states_create();
    counter_field a = {7.0f, 0}, b = {9.0f, 0};
    int *s = counter_at(states, &a, 3, 1, 10);
    CHECK(s[0] == 10 && s[1] == 7, "a at frame 10: state %d tag %d", s[0], s[1]);
    CHECK(a.contexts == 8,
          "a fresh start at frame 10 of a section from 3 built %d contexts, "
          "expected 8 (an init and 7 steps)",
          a.contexts);
    a.contexts = 0;
    s = counter_at(states, &b, 3, 1, 4);
    CHECK(s[0] == 4 && s[1] == 9, "b at frame 4: state %d tag %d", s[0], s[1]);
    s = counter_at(states, &a, 3, 1, 12);
    CHECK(s[0] == 12 && s[1] == 7 && a.contexts == 2,
          "a from 10 to 12 after b: state %d tag %d in %d steps", s[0], s[1], a.contexts);
    a.contexts = 0;
    s = counter_at(states, &a, 3, 1, 12);
    CHECK(s[0] == 12 && a.contexts == 0, "a at 12 again took %d steps", a.contexts);
    s = counter_at(states, &a, 3, 1, 5);
    CHECK(s[0] == 5 && a.contexts == 3, "a back at 5: state %d after %d contexts (expected 3)",
          s[0], a.contexts);
    s = counter_at(states, &a, 3, 1, 1);
    CHECK(s[0] == 3, "a before its section's first frame: state %d, expected 3", s[0]);
    s = counter_at(states, &a, 3, 2, 6);
    CHECK(s[0] == 6, "a under another seed: state %d", s[0]);
    s = counter_at(states, &a, 0, 2, 6);
    CHECK(s[0] == 6, "a in a section from 0: state %d", s[0]);
    gfx_sim_states_forget(states);
    a.contexts = 0;
    s = counter_at(states, &a, 0, 2, 6);
    CHECK(s[0] == 6 && a.contexts == 7, "a after forget: state %d after %d contexts (expected 7)",
          s[0], a.contexts);
    /* more fields than slots: each still gets its own state */
    counter_field many[50];
    for (int k = 0; k < 50; k++)
        many[k] = (counter_field){(float)k, 0};
    for (int round = 1; round <= 3; round++)
        for (int k = 0; k < 50; k++) {
            s = counter_at(states, &many[k], 0, 1, round * 5 + k);
            CHECK(s[0] == round * 5 + k && s[1] == k, "field %d round %d: state %d tag %d", k,
                  round, s[0], s[1]);
        }
    CHECK(gfx_sim_states_bytes(states) > 0, "no bytes");
    gfx_sim_states_free(states);
}

/* ------------------------------------------------ the renderer's state */

/* Simulations on every path that runs an effect: layers on two grids, one
 * seen through animated transforms, a mask field, feedback (which composes earlier frames again), a crossfade,
 * a field morph between two simulations and a dissolve. */
static const char scene_json[] =
    "{\"version\": 2, \"segments\": ["
    "{\"start\": 0, \"end\": 4, \"layers\": ["
    "  {\"effect\": \"reaction_diffusion\", \"grid\": \"sm\", \"params\": {\"preset\": 2}},"
    "  {\"effect\": \"game_of_life\", \"grid\": \"md\", \"blend\": \"screen\", \"opacity\": 0.8,"
    "   \"transform\": [{\"type\": \"rotate\", \"speed\": 0.5}, {\"type\": \"tile\", \"nx\": 2,"
    "                  \"ny\": 2, \"mirror\": true}],"
    "   \"mask\": {\"kind\": \"mask_from_vf\", \"threshold\": 0.3,"
    "             \"field\": {\"effect\": \"game_of_life\", \"params\": {\"rule\": 2}}}}]},"
    "{\"start\": 4, \"end\": 8, \"effect\": \"game_of_life\", \"params\": {\"rule\": 4,"
    "  \"steps\": 2}, \"feedback\": \"ghostly_echo\","
    " \"transition\": {\"name\": \"crossfade\", \"duration\": 1}},"
    "{\"start\": 8, \"end\": 12, \"effect\": \"reaction_diffusion\", \"params\": {\"init\": 2,"
    "  \"preset\": 5}, \"transition\": {\"name\": \"field_morph\", \"duration\": 1}},"
    "{\"start\": 12, \"end\": 15, \"effect\": \"strange_attractor\", \"params\": {\"kind\": 1},"
    " \"transition\": {\"name\": \"dissolve\", \"duration\": 1}}"
    "]}";

enum { WIDTH = 240, HEIGHT = 136 };

static gfx_renderer *new_renderer(const gfx_scene *scene)
{
    gfx_render_config cfg = {.width = WIDTH,
                             .height = HEIGHT,
                             .fps = FPS,
                             .grid_scale = 0.75f,
                             .shader_level = 2,
                             .particles_max = 1200};
    char err[256];
    gfx_renderer *r = gfx_renderer_create(&cfg, err, sizeof err);
    if (!r || gfx_renderer_prepare(r, scene, err, sizeof err)) {
        fprintf(stderr, "test_sims: %s\n", err);
        exit(1);
    }
    return r;
}

static uint64_t frame_hash(gfx_renderer *r, const gfx_scene *scene, const gfx_feature_track *track,
                           int frame, uint32_t seed)
{
    const gfx_image *img = gfx_render_frame(r, scene, track, frame, seed);
    if (!img) {
        fprintf(stderr, "test_sims: frame %d failed: %s\n", frame, gfx_renderer_error(r));
        exit(1);
    }
    return image_hash(img);
}

static void check_renderer(const gfx_scene *scene, const gfx_feature_track *track)
{
    int n = track->n_frames;
    uint64_t *seq = malloc((size_t)n * sizeof *seq);
    gfx_renderer *a = new_renderer(scene);
    for (int f = 0; f < n; f++)
        seq[f] = frame_hash(a, scene, track, f, SEED);

    int distinct = 0, seed_changes = 0;
    for (int f = 1; f < n; f++)
        distinct += seq[f] != seq[f - 1];
    for (int f = 3; f < n; f += 11)
        seed_changes += frame_hash(a, scene, track, f, SEED + 1) != seq[f];
    CHECK(distinct > n * 3 / 4 && seed_changes > 0,
          "%d of %d frames differ from the one before, another seed changes %d: the "
          "comparisons below prove nothing",
          distinct, n, seed_changes);

    /* Each frame alone, by a fresh renderer: replayed from its section's start. */
    int alone = 0;
    for (int f = 2; f < n; f += 7) {
        gfx_renderer *fresh = new_renderer(scene);
        uint64_t h = frame_hash(fresh, scene, track, f, SEED);
        alone += h != seq[f];
        CHECK(h == seq[f], "frame %d alone %016llx, in sequence %016llx", f, (unsigned long long)h,
              (unsigned long long)seq[f]);
        gfx_renderer_free(fresh);
    }

    /* Two workers taking frames in turn, each with its own renderer. */
    gfx_renderer *even = new_renderer(scene), *odd = new_renderer(scene);
    for (int f = 0; f < n; f++) {
        uint64_t h = frame_hash(f % 2 ? odd : even, scene, track, f, SEED);
        CHECK(h == seq[f], "frame %d on worker %d of 2: %016llx, in sequence %016llx", f, f % 2,
              (unsigned long long)h, (unsigned long long)seq[f]);
    }
    gfx_renderer_free(even);
    gfx_renderer_free(odd);

    /* A range from the middle of a section, then backwards. */
    gfx_renderer *range = new_renderer(scene);
    for (int f = n / 2 + 3; f < n; f++) {
        uint64_t h = frame_hash(range, scene, track, f, SEED);
        CHECK(h == seq[f], "frame %d of a range starting at %d: %016llx, in sequence %016llx", f,
              n / 2 + 3, (unsigned long long)h, (unsigned long long)seq[f]);
    }
    for (int f = n - 1; f >= 0; f -= 3) {
        uint64_t h = frame_hash(range, scene, track, f, SEED);
        CHECK(h == seq[f], "frame %d backwards: %016llx, in sequence %016llx", f,
              (unsigned long long)h, (unsigned long long)seq[f]);
    }
    gfx_renderer_free(range);

    unsigned available = gfx_isa_available();
    for (int isa = 0; isa < GFX_ISA_COUNT; isa++) {
        if (!(available & (1u << isa)))
            continue;
        gfx_kernels_force((enum gfx_isa)isa);
        gfx_renderer *r = new_renderer(scene);
        for (int f = 5; f < n; f += 19) {
            uint64_t h = frame_hash(r, scene, track, f, SEED);
            CHECK(h == seq[f], "frame %d under %s: %016llx, in sequence %016llx", f,
                  gfx_isa_name((enum gfx_isa)isa), (unsigned long long)h,
                  (unsigned long long)seq[f]);
        }
        gfx_renderer_free(r);
    }
    gfx_kernels_force(gfx_isa_best());

    size_t bytes = gfx_renderer_bytes(a);
    CHECK(bytes > 0, "the renderer reports no memory");
    gfx_renderer_free(a);
    free(seq);
    printf("renderer: %d frames, %d alone differ, %zu bytes held\n", n, alone, bytes);
}

/* Two layers of one simulation on one grid keep their own states: the
 * scene and its layers swapped (screen is symmetric) give the same bytes;
 * a shared state would show one rule twice, a different one each way. */
static void check_layers_apart(const gfx_feature_track *track)
{
    static const char *order[2] = {"0, 2", "2, 0"};
    uint64_t h[2][3];
    for (int k = 0; k < 2; k++) {
        char json[1024];
        int r0 = k ? 2 : 0, r1 = k ? 0 : 2;
        snprintf(json, sizeof json,
                 "{\"version\": 2, \"segments\": [{\"start\": 0, \"end\": 9, \"layers\": ["
                 "{\"effect\": \"game_of_life\", \"params\": {\"rule\": %d}},"
                 "{\"effect\": \"game_of_life\", \"blend\": \"screen\", \"params\": "
                 "{\"rule\": %d}}]}]}",
                 r0, r1);
        gfx_scene scene;
        char err[512];
        if (gfx_scene_parse(&scene, json, "layers.json", err, sizeof err)) {
            fprintf(stderr, "test_sims: %s\n", err);
            exit(1);
        }
        gfx_renderer *r = new_renderer(&scene);
        for (int f = 0; f < 3; f++)
            h[k][f] = frame_hash(r, &scene, track, 10 + 15 * f, SEED);
        gfx_renderer_free(r);
        gfx_scene_free(&scene);
    }
    for (int f = 0; f < 3; f++)
        CHECK(h[0][f] == h[1][f], "frame %d: life rules %s and %s on one grid differ", 10 + 15 * f,
              order[0], order[1]);
}

/* The binary with 1 and 3 workers over a frame range: the same PNGs. */
static void check_workers(void)
{
    const char *bin = getenv("GLYPHFX_BIN");
    if (!bin) {
        printf("skip: workers through the binary: GLYPHFX_BIN is not set\n");
        return;
    }
    if (check_temp_dir("glyphfx-sims"))
        exit(1);
    FILE *f = fopen(check_at("scene.json"), "w");
    if (!f || fputs(scene_json, f) < 0 || fclose(f)) {
        fprintf(stderr, "test_sims: cannot write %s\n", check_at("scene.json"));
        exit(1);
    }
    char cmd[2048];
    for (int workers = 1; workers <= 3; workers += 2) {
        snprintf(cmd, sizeof cmd,
                 "mkdir -p '%s/w%d' && '%s' render --scene '%s/scene.json' --quality draft "
                 "--resolution 160x90 --fps 6 --frames 20:44 --workers %d --png-dir '%s/w%d' -q",
                 check_dir, workers, bin, check_dir, workers, check_dir, workers);
        CHECK(system(cmd) == 0, "failed: %s", cmd);
    }
    snprintf(cmd, sizeof cmd,
             "n=$(ls '%s/w1' | wc -l) && [ \"$n\" -eq 24 ] && diff -r '%s/w1' '%s/w3' >/dev/null",
             check_dir, check_dir, check_dir);
    CHECK(system(cmd) == 0, "1 and 3 workers wrote different PNGs (or not 24 each) in %s/w1, w3",
          check_dir);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", check_dir);
    if (!check_failures && system(cmd) != 0)
        fprintf(stderr, "test_sims: could not remove %s\n", check_dir);
}

int main(void)
{
    gfx_feature_track track;
    if (gfx_synth_features(&track, (int)(15 * FPS), FPS, 128.0f, SEED)) {
        fprintf(stderr, "test_sims: cannot synthesize features\n");
        return 1;
    }
    gfx_grid_fields fields;
    if (gfx_grid_fields_build(&fields, 640, 360, 10, 14)) {
        fprintf(stderr, "test_sims: cannot build a grid\n");
        return 1;
    }
    check_ranges(&fields.grid, &track);
    check_life_rules();
    check_glider();
    check_life_beats(&fields.grid);
    check_gray_scott(&fields.grid);
    check_sim_states();
    gfx_grid_fields_free(&fields);

    gfx_scene scene;
    char err[512];
    if (gfx_scene_parse(&scene, scene_json, "sims.json", err, sizeof err)) {
        fprintf(stderr, "test_sims: %s\n", err);
        return 1;
    }
    gfx_scene_snap_cuts(&scene, &track);
    check_renderer(&scene, &track);
    check_layers_apart(&track);
    gfx_scene_free(&scene);
    gfx_feature_track_release(&track);
    check_workers();
    printf("%s test_sims\n", check_failures ? "FAIL" : "ok");
    return CHECK_EXIT_STATUS();
}
