/* Particle systems and particle sets: the 13 sets as ramps with the
 * catalogue's glyphs; orbit on its closed form; boids inside the plane,
 * under the speed limit, kept apart by separation; caps respected; and the
 * simulations deterministic: two runs give the same bytes, and the state
 * stepped from a section's start is what a replay gives. The simulations
 * are driven here as the renderer drives them (effect.h: init at the
 * section's first frame, one step per frame after it, render with the
 * state). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../render/frame/effects/particles.h"
#include "check.h"
#include "effect_fixture.h"
#include "palette.h"

/* ---------------------------------------------------------------- fixtures */

/* Loud with a beat every 12 frames (bass high), or silent. */
static gfx_feature_track track_make(int n_frames, int loud)
{
    gfx_feature_track tr = {.n_frames = n_frames, .fps = 24.0, .bpm = 120.0f};
    tr.frames = calloc((size_t)n_frames, sizeof(gfx_features));
    float env = 0.0f;
    for (int f = 0; loud && f < n_frames; f++) {
        gfx_features *ft = &tr.frames[f];
        float level = 0.6f + 0.4f * (float)((f * 7) % 11) / 10.0f;
        ft->rms = ft->rms_fast = ft->rms_slow = level;
        for (int b = 0; b < GFX_BANDS; b++)
            ft->bands[b] = ft->bands_fast[b] = ft->bands_slow[b] = level;
        ft->beat = f % 12 == 0;
        env = ft->beat > 0.5f ? 1.0f : env * 0.85f;
        ft->beat_env = env;
    }
    return tr;
}

static void set_param(const gfx_effect_desc *e, gfx_effect_ctx *ctx, const char *name, float v)
{
    ctx->params[param_index(e, name)] = v;
}

/* A simulation's state, driven as the renderer drives it. */
typedef struct sim_run {
    const gfx_effect_desc *e;
    gfx_effect_ctx ctx; /* frame, time and features follow the steps */
    void *state;
    size_t bytes;
} sim_run;

static sim_run sim_start(const gfx_effect_ctx *base, const gfx_effect_desc *e, int first_frame)
{
    sim_run run = {.e = e, .ctx = *base};
    run.bytes = e->sim->state_bytes(base->grid, base->params);
    run.state = calloc(1, run.bytes);
    if (!run.state) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    run.ctx.frame = first_frame;
    run.ctx.time = first_frame / base->fps;
    run.ctx.feat = gfx_features_at(base->track, first_frame);
    e->sim->init(&run.ctx, run.state);
    run.ctx.state = run.state;
    return run;
}

static void sim_step_to(sim_run *run, int frame)
{
    while (run->ctx.frame < frame) {
        run->ctx.frame++;
        run->ctx.time = run->ctx.frame / run->ctx.fps;
        run->ctx.feat = gfx_features_at(run->ctx.track, run->ctx.frame);
        run->e->sim->step(&run->ctx, run->state);
    }
}

/* The swarm inside a simulation's state (trails keeps a header first). */
static const fx_swarm *sim_swarm(const sim_run *run)
{
    return strcmp(run->e->name, "trails") ? run->state : fx_trails_swarm(run->state);
}

static void sim_free(sim_run *run)
{
    free(run->state);
}

static int count_lit(const float *value, int n)
{
    int lit = 0;
    for (int i = 0; i < n; i++)
        lit += value[i] > 0.0f;
    return lit;
}

/* ------------------------------------------------------------------- tests */

/* The 13 sets, exact glyphs in order (catalogue section 5), after the space
 * every ramp starts with. */
static void test_sets(void)
{
    static const struct {
        const char *ramp, *glyphs;
    } sets[] = {
        {"part_energy", "*+#@⚡✦★█▓"},    {"part_spark", "·•●★✶*+"},
        {"part_leaf", "❀❁❂❃✿☘•"},        {"part_snow", "❄❅❆·•*○"},
        {"part_rain", "|│┃║/\\"},        {"part_bubble", "○◎◉●∘∙°"},
        {"part_data", "01{}[]<>|/\\"},   {"part_hex", "0123456789ABCDEF"},
        {"part_binary", "01"},           {"part_rune", "ᚠᚢᚦᚱᚷᛁᛇᛒᛖᛚᛞᛟ✦★"},
        {"part_zodiac", "♈♉♊♋♌♍♎♏♐♑♒♓"}, {"part_dot", "·•●"},
        {"part_dash", "-=~─═"},
    };
    for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++) {
        int ramp = gfx_ramp_find(sets[k].ramp);
        CHECK(ramp >= 0, "set %s is not a ramp", sets[k].ramp);
        if (ramp < 0)
            continue;
        const char *chars = gfx_ramp_chars(ramp);
        CHECK(chars[0] == ' ' && !strcmp(chars + 1, sets[k].glyphs),
              "ramp %s is \"%s\", the catalogue's set is \" %s\"", sets[k].ramp, chars,
              sets[k].glyphs);
    }
    /* names stay unique across all ramps */
    for (int i = 0; i < gfx_ramp_count(); i++)
        CHECK(gfx_ramp_find(gfx_ramp_name(i)) == i, "ramp %s named twice", gfx_ramp_name(i));
    /* every new effect names a ramp that exists */
    static const char *const systems[] = {"orbit", "gravity_well", "boids", "flow_field", "trails"};
    for (size_t k = 0; k < sizeof systems / sizeof systems[0]; k++) {
        const gfx_effect_desc *e = gfx_effect_find(systems[k]);
        CHECK(e && gfx_ramp_find(e->default_ramp) >= 0, "%s: no effect or unknown ramp",
              systems[k]);
    }
}

/* Orbit: ring 0's particle j sits at angle 2 pi j / n + speed t, at radius
 * 15 + U(-2, 2) from the centre (silence: no swell), and its cell is lit. */
static void test_orbit_formula(void)
{
    const gfx_effect_desc *e = gfx_effect_find("orbit");
    test_grid tg = grid_make(56, 192, 1.9f);
    gfx_feature_track tr = track_make(400, 0);
    int n_cells = 56 * 192;
    float *value = malloc(n_cells * sizeof(float)), *hue = malloc(n_cells * sizeof(float));
    static const int frames[] = {0, 17, 240, 399};
    for (size_t k = 0; k < sizeof frames / sizeof frames[0]; k++) {
        gfx_effect_ctx ctx = ctx_at(e, &tg.grid, &tr, frames[k], 11);
        set_param(e, &ctx, "rings", 1);
        e->render(&ctx, value, hue);
        float cx = 0.5f * 191.0f, cy = 0.5f * 55.0f * 1.9f;
        int n = 20, bad = 0;
        for (int j = 0; j < n; j++) {
            float x, y;
            fx_orbit_position(&ctx, 0, j, frames[k], &x, &y);
            float r = sqrtf((x - cx) * (x - cx) + (y - cy) * (y - cy));
            double want = FX_TAU * j / n + 1.0 * ctx.time;
            double got = atan2((double)(y - cy), (double)(x - cx));
            double diff = remainder(got - want, 2.0 * M_PI);
            int cell = (int)(y / 1.9f + 0.5f) * 192 + (int)(x + 0.5f);
            if (!(r >= 13.0f - 1e-3f && r <= 17.0f + 1e-3f && fabs(diff) < 1e-3 &&
                  value[cell] >= 0.5f) &&
                !bad++)
                CHECK(0, "orbit frame %d particle %d: radius %.3f, angle off by %.4f, cell %.2f",
                      frames[k], j, r, diff, value[cell]);
        }
    }
    /* rings = 3 puts 20 + 40 + 60 heads on screen; a cap of 30 only 30 */
    gfx_effect_ctx ctx = ctx_at(e, &tg.grid, &tr, 50, 11);
    set_param(e, &ctx, "guide", 0);
    e->render(&ctx, value, hue);
    int all = count_lit(value, n_cells);
    ctx.particle_cap = 30;
    e->render(&ctx, value, hue);
    int capped = count_lit(value, n_cells);
    CHECK(capped > 0 && capped <= 30 * 5 && all > 3 * capped,
          "orbit: 120 particles light %d cells, a cap of 30 lights %d", all, capped);
    free(value), free(hue), free(tr.frames);
    grid_free(&tg);
}

/* Boids: inside the plane, under the speed limit, on a loud track whose
 * beats push them out. */
static void test_boids_bounds(void)
{
    const gfx_effect_desc *e = gfx_effect_find("boids");
    test_grid tg = grid_make(56, 192, 1.9f);
    gfx_feature_track tr = track_make(400, 1);
    gfx_effect_ctx base = ctx_at(e, &tg.grid, &tr, 0, 5);
    sim_run run = sim_start(&base, e, 0);
    float width = 192.0f, height = 56.0f * 1.9f, max_speed = e->params[2].def;
    int outside = 0, fast = 0;
    for (int f = 1; f <= 300; f++) {
        sim_step_to(&run, f);
        const fx_swarm *s = run.state;
        const fx_particle *p = fx_swarm_particles_const(s);
        for (int j = 0; j < s->count; j++) {
            outside += !(p[j].x >= 0.0f && p[j].x < width && p[j].y >= 0.0f && p[j].y < height);
            fast += sqrtf(p[j].vx * p[j].vx + p[j].vy * p[j].vy) > max_speed * 1.0001f;
        }
    }
    const fx_swarm *s = run.state;
    CHECK(s->count == 200, "boids: %d in the flock, 200 by default", s->count);
    CHECK(!outside && !fast, "boids: %d positions outside the plane, %d speeds over %.1f", outside,
          fast, max_speed);
    sim_free(&run);
    free(tr.frames);
    grid_free(&tg);
}

/* Two boids a cell width apart, at rest, cohesion off: separation drives
 * them apart (with its weight at 0 they stay put). */
static void test_boids_separation(void)
{
    const gfx_effect_desc *e = gfx_effect_find("boids");
    test_grid tg = grid_make(56, 192, 1.9f);
    gfx_feature_track tr = track_make(10, 0);
    float gap[2];
    for (int weighted = 0; weighted < 2; weighted++) {
        gfx_effect_ctx base = ctx_at(e, &tg.grid, &tr, 0, 5);
        set_param(e, &base, "boids", 2);
        set_param(e, &base, "separation", weighted ? 1.5f : 0.0f);
        set_param(e, &base, "cohesion", 0.0f);
        sim_run run = sim_start(&base, e, 0);
        fx_particle *p = fx_swarm_particles(run.state);
        p[0] = (fx_particle){.x = 50.0f, .y = 50.0f, .life = 1.0f};
        p[1] = (fx_particle){.x = 51.0f, .y = 50.0f, .life = 1.0f};
        sim_step_to(&run, 1);
        gap[weighted] = hypotf(p[1].x - p[0].x, p[1].y - p[0].y);
        sim_free(&run);
    }
    CHECK(fabsf(gap[0] - 1.0f) < 1e-4f && gap[1] > 2.0f,
          "boids: two boids 1 apart end %.3f apart without separation, %.3f with it", gap[0],
          gap[1]);
    free(tr.frames);
    grid_free(&tg);
}

/* A scene may animate any parameter, but the state was sized at init:
 * boids keep their hash (perception 30 at init, 2 after), trails keep
 * drawing the system they started with. */
static void test_animated_params(void)
{
    test_grid tg = grid_make(56, 192, 1.9f);
    gfx_feature_track tr = track_make(100, 1);
    int n = 56 * 192;
    const gfx_effect_desc *boids = gfx_effect_find("boids");
    gfx_effect_ctx base = ctx_at(boids, &tg.grid, &tr, 0, 4);
    set_param(boids, &base, "perception", 30.0f);
    sim_run run = sim_start(&base, boids, 0);
    set_param(boids, &run.ctx, "perception", 2.0f);
    sim_step_to(&run, 60);
    const fx_swarm *s = run.state;
    const fx_particle *p = fx_swarm_particles_const(s);
    int outside = 0;
    for (int j = 0; j < s->count; j++)
        outside += !(p[j].x >= 0.0f && p[j].x < 192.0f && p[j].y >= 0.0f && p[j].y < 56 * 1.9f);
    CHECK(s->count == 200 && !outside, "boids with perception animated: %d boids, %d outside",
          s->count, outside);
    sim_free(&run);

    const gfx_effect_desc *trails = gfx_effect_find("trails");
    float *a = malloc(n * sizeof(float)), *b = malloc(n * sizeof(float));
    float *hue = malloc(n * sizeof(float));
    for (int animated = 0; animated < 2; animated++) {
        gfx_effect_ctx start = ctx_at(trails, &tg.grid, &tr, 0, 4);
        sim_run t = sim_start(&start, trails, 0);
        if (animated)
            set_param(trails, &t.ctx, "system", 0.0f);
        sim_step_to(&t, 50);
        trails->render(&t.ctx, animated ? b : a, hue);
        sim_free(&t);
    }
    CHECK(!memcmp(a, b, n * sizeof(float)), "trails: animating system changed the drawing");
    free(a), free(b), free(hue), free(tr.frames);
    grid_free(&tg);
}

/* With glyphs 1 every lit cell of a boid carries its glyph pick, the same
 * from frame to frame (its identity's hash); with 0 none does. */
static void test_glyph_picks(void)
{
    const gfx_effect_desc *e = gfx_effect_find("boids");
    test_grid tg = grid_make(56, 192, 1.9f);
    gfx_feature_track tr = track_make(100, 0);
    int n = 56 * 192;
    float *value = malloc(n * sizeof(float)), *hue = malloc(n * sizeof(float));
    for (int pick = 0; pick < 2; pick++) {
        gfx_effect_ctx base = ctx_at(e, &tg.grid, &tr, 0, 8);
        set_param(e, &base, "glyphs", (float)pick);
        sim_run run = sim_start(&base, e, 0);
        int kept = 0, heads = 0, wrong = 0;
        for (int f = 40; f <= 41; f++) {
            sim_step_to(&run, f);
            e->render(&run.ctx, value, hue);
            for (int i = 0; i < n; i++)
                wrong += value[i] > 0.0f && (pick ? hue[i] < 1.0f : hue[i] >= 1.0f);
            const fx_swarm *s = run.state;
            const fx_particle *p = fx_swarm_particles_const(s);
            for (int j = 0; pick && j < s->count; j++) {
                int cell = (int)(p[j].y / 1.9f + 0.5f) * 192 + (int)(p[j].x + 0.5f);
                if (cell < 0 || cell >= n)
                    continue;
                heads++;
                kept += floorf(hue[cell]) == fx_particle_pick(8, (uint32_t)j, (uint32_t)p[j].born);
            }
        }
        CHECK(!wrong, "boids glyphs %d: %d lit cells with%s a glyph pick", pick, wrong,
              pick ? "out" : "");
        CHECK(!pick || kept > heads * 9 / 10, "boids: %d of %d heads show their own glyph", kept,
              heads);
        sim_free(&run);
    }
    free(value), free(hue), free(tr.frames);
    grid_free(&tg);
}

/* Caps: a simulation keeps at most the cap's particles, and lights at most
 * what they can light (a head and its four neighbours; trails 1 + length). */
static void test_caps(void)
{
    static const struct {
        const char *name;
        int cells_per_particle;
        const char *off; /* a backdrop to turn off so cells are countable */
    } systems[] = {{"gravity_well", 5, "glow"},
                   {"boids", 5, NULL},
                   {"flow_field", 5, "field"},
                   {"trails", 5 + 8, NULL}};
    test_grid tg = grid_make(56, 192, 1.9f);
    gfx_feature_track tr = track_make(400, 1);
    int n = 56 * 192;
    float *value = malloc(n * sizeof(float)), *hue = malloc(n * sizeof(float));
    for (size_t k = 0; k < sizeof systems / sizeof systems[0]; k++) {
        const gfx_effect_desc *e = gfx_effect_find(systems[k].name);
        int lit[2];
        static const int caps[2] = {25, 1000};
        for (int c = 0; c < 2; c++) {
            gfx_effect_ctx base = ctx_at(e, &tg.grid, &tr, 0, 9);
            base.particle_cap = caps[c];
            if (systems[k].off)
                set_param(e, &base, systems[k].off, 0.0f);
            sim_run run = sim_start(&base, e, 0);
            sim_step_to(&run, 120);
            const fx_swarm *s = sim_swarm(&run);
            CHECK(s->count <= caps[c] && s->count <= s->capacity,
                  "%s: %d particles under a cap of %d", e->name, s->count, caps[c]);
            e->render(&run.ctx, value, hue);
            lit[c] = count_lit(value, n);
            sim_free(&run);
        }
        CHECK(lit[0] > 0 && lit[0] <= caps[0] * systems[k].cells_per_particle,
              "%s: cap %d lights %d cells", e->name, caps[0], lit[0]);
        CHECK(lit[1] > 2 * lit[0], "%s: cap %d lights %d cells, cap %d only %d", e->name, caps[1],
              lit[1], caps[0], lit[0]);
    }
    /* the profiles' caps (low, standard, high) */
    static const struct {
        const char *name;
        int caps[3];
    } table[] = {{"orbit", {200, 500, 1000}},
                 {"gravity_well", {300, 800, 1500}},
                 {"boids", {200, 500, 1000}},
                 {"flow_field", {250, 500, 1000}},
                 {"trails", {200, 500, 1000}}};
    static const int particles_max[3] = {500, 1200, 3000};
    for (size_t k = 0; k < sizeof table / sizeof table[0]; k++)
        for (int tier = 0; tier < 3; tier++)
            CHECK(gfx_effect_particle_cap(gfx_effect_find(table[k].name), particles_max[tier]) ==
                      table[k].caps[tier],
                  "%s: cap for tier %d", table[k].name, tier);
    free(value), free(hue), free(tr.frames);
    grid_free(&tg);
}

/* Determinism: the same steps give the same state and frame bytes; a
 * different seed another. (Replay from a section's start, as the renderer
 * owns the state, is test_sims' and test_determinism's.) */
static void test_determinism(void)
{
    static const char *const sims[] = {"gravity_well", "boids", "flow_field", "trails"};
    test_grid tg = grid_make(40, 120, 1.9f);
    gfx_feature_track tr = track_make(600, 1);
    int n = 40 * 120, target = 300;
    float *a = malloc(n * sizeof(float)), *ah = malloc(n * sizeof(float));
    float *b = malloc(n * sizeof(float)), *bh = malloc(n * sizeof(float));
    for (size_t k = 0; k < sizeof sims / sizeof sims[0]; k++) {
        const gfx_effect_desc *e = gfx_effect_find(sims[k]);
        gfx_effect_ctx base = ctx_at(e, &tg.grid, &tr, 0, 21);
        sim_run one = sim_start(&base, e, 0), two = sim_start(&base, e, 0);
        sim_step_to(&one, target);
        sim_step_to(&two, target);
        e->render(&one.ctx, a, ah);
        e->render(&two.ctx, b, bh);
        CHECK(one.bytes == two.bytes && !memcmp(one.state, two.state, one.bytes) &&
                  !memcmp(a, b, n * sizeof(float)) && !memcmp(ah, bh, n * sizeof(float)),
              "%s: two runs of %d steps differ", e->name, target);
        sim_free(&two);

        base.seed = 22;
        two = sim_start(&base, e, 0);
        sim_step_to(&two, target);
        CHECK(memcmp(one.state, two.state, one.bytes) != 0, "%s: seeds 21 and 22 step alike",
              e->name);
        sim_free(&two);
        sim_free(&one);

    }
    free(a), free(ah), free(b), free(bh), free(tr.frames);
    grid_free(&tg);
}

/* Trails draw past positions: more cells lit than the heads alone, and
 * fainter than the heads. */
static void test_trails(void)
{
    const gfx_effect_desc *trails = gfx_effect_find("trails");
    test_grid tg = grid_make(56, 192, 1.9f);
    gfx_feature_track tr = track_make(200, 0);
    int n = 56 * 192;
    float *value = malloc(n * sizeof(float)), *hue = malloc(n * sizeof(float));
    for (int system = 0; system < 4; system++) {
        int lit[2];
        for (int len = 0; len < 2; len++) {
            gfx_effect_ctx base = ctx_at(trails, &tg.grid, &tr, 0, 3);
            set_param(trails, &base, "system", (float)system);
            set_param(trails, &base, "length", len ? 8.0f : 1.0f);
            set_param(trails, &base, "fade", len ? 0.7f : 0.3f); /* 0.3: one faint copy */
            sim_run run = sim_start(&base, trails, 0);
            sim_step_to(&run, 100);
            trails->render(&run.ctx, value, hue);
            lit[len] = count_lit(value, n);
            sim_free(&run);
        }
        CHECK(lit[1] > lit[0] + lit[0] / 4, "trails of system %d: length 8 lights %d, 1 %d", system,
              lit[1], lit[0]);
    }
    free(value), free(hue), free(tr.frames);
    grid_free(&tg);
}

int main(void)
{
    test_sets();
    test_orbit_formula();
    test_boids_bounds();
    test_boids_separation();
    test_caps();
    test_animated_params();
    test_glyph_picks();
    test_determinism();
    test_trails();
    if (check_failures) {
        fprintf(stderr, "%d failure(s)\n", check_failures);
        return 1;
    }
    printf("particles: all checks passed\n");
    return 0;
}
