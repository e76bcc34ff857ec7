/* A frame is a pure function of (scene, features, frame, seed): the
 * built-in scene (every effect, both transitions, every shader chain) and
 * a composition scene (layers, masks, feedback, every transition) are
 * rendered in sequence by one renderer, then frame by frame in a scrambled
 * order by a second, backwards by a third, then each sampled frame by a fresh renderer and under
 * every ISA; all must give the same bytes. A different seed must change
 * the picture (so the comparison can fail). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "gfx_kernels.h"
#include "image_hash.h"
#include "profile.h"
#include "scene.h"
#include "synth_features.h"

#define WIDTH 240
#define HEIGHT 136
#define FPS 6.0
#define SEED 11u

static gfx_renderer *new_renderer(const gfx_scene *scene)
{
    gfx_render_config cfg = {WIDTH, HEIGHT, FPS, 0.75f, 2, 1200, NULL, NULL, NULL, 0.0};
    char err[256];
    gfx_renderer *r = gfx_renderer_create(&cfg, err, sizeof err);
    if (!r || gfx_renderer_prepare(r, scene, err, sizeof err)) {
        fprintf(stderr, "test_determinism: %s\n", err);
        exit(1);
    }
    return r;
}

static uint64_t render_hash(gfx_renderer *r, const gfx_scene *scene, const gfx_feature_track *track,
                            int frame, uint32_t seed)
{
    const gfx_image *img = gfx_render_frame(r, scene, track, frame, seed);
    if (!img) {
        fprintf(stderr, "test_determinism: frame %d failed\n", frame);
        exit(1);
    }
    return image_hash(img);
}

/* Every feature of composition, a section or two each: layers on three
 * grids with blend modes and opacities, masks (a shape, a field through
 * another effect, text, an animated iris, booleans), feedback presets with
 * every kind of transform, and every transition into the next section. */
static const char composition[] =
    "{\"version\": 2, \"segments\": ["
    "{\"start\": 0, \"end\": 3, \"layers\": ["
    "  {\"effect\": \"plasma\", \"grid\": \"sm\", \"opacity\": 0.4, \"blend\": \"normal\"},"
    "  {\"effect\": \"rings\", \"grid\": \"md\", \"blend\": \"screen\","
    "   \"opacity\": {\"keyframes\": [[0, 0.2], [2, 1, \"bounce\"]]},"
    "   \"mask\": {\"kind\": \"mask_union\", \"a\": {\"kind\": \"mask_circle\", \"radius\": 0.3},"
    "             \"b\": {\"kind\": \"mask_from_vf\", \"threshold\": 0.6}}},"
    "  {\"effect\": \"starfield\", \"grid\": \"lg\", \"blend\": \"add\", \"opacity\": 0.7,"
    "   \"cycle\": {\"every_beats\": 1, \"colours\": [\"fire\", \"ice\"]}}],"
    " \"feedback\": \"infinite_zoom_tunnel\","
    " \"shaders\": [{\"name\": \"bloom\"}, {\"name\": \"invert\", \"beats\": {\"of\": 2, \"at\": "
    "1}}]},"
    "{\"start\": 3, \"end\": 5, \"effect\": \"tunnel\", \"feedback\": {\"preset\": "
    "  \"kaleidoscopic_recursion\", \"transform\": \"rotate_ccw\"},"
    " \"mask\": {\"kind\": \"mask_iris\", \"from\": 0, \"to\": 1.5},"
    " \"transition\": {\"name\": \"iris\", \"duration\": 0.8, \"easing\": \"out_cubic\"}},"
    "{\"start\": 5, \"end\": 7, \"effect\": \"fire\", \"feedback\": \"rising_heat_haze\","
    " \"transition\": {\"name\": \"glitch_cut\", \"duration\": 1}},"
    "{\"start\": 7, \"end\": 9, \"effect\": \"fire\", \"feedback\": \"ghostly_echo\","
    " \"transition\": {\"name\": \"field_morph\", \"duration\": 1}},"
    "{\"start\": 9, \"end\": 11, \"layers\": [{\"effect\": \"spiral\","
    "  \"mask\": {\"kind\": \"mask_text\", \"text\": \"GLYPH\"}}],"
    " \"feedback\": \"multiplied_depth\","
    " \"transition\": {\"name\": \"dissolve\", \"duration\": 1}},"
    "{\"start\": 11, \"end\": 13, \"effect\": \"bars\", \"feedback\": {\"transform\": \"shrink\"},"
    " \"transition\": {\"name\": \"blend\", \"blend\": \"difference\", \"duration\": 1}},"
    "{\"start\": 13, \"end\": 15, \"effect\": \"waveform\", \"feedback\": \"rainbow_trails\","
    " \"transition\": {\"name\": \"wipe_radial\", \"duration\": 1}},"
    "{\"start\": 15, \"end\": 17, \"effect\": \"embers\", \"feedback\": \"color_evolution\","
    " \"transition\": {\"name\": \"glyph_crossfade\", \"duration\": 1}},"
    "{\"start\": 17, \"end\": 19, \"effect\": \"dissolve\", \"feedback\": {\"transform\": "
    "\"mirror_h\"},"
    " \"transition\": {\"name\": \"wipe_diagonal\", \"duration\": 1}},"
    "{\"start\": 19, \"end\": 21, \"effect\": \"explosion\", \"feedback\": {\"transform\": "
    "  \"shift_down\"}, \"transition\": {\"name\": \"wipe_left\", \"duration\": 1}},"
    "{\"start\": 21, \"end\": 23, \"effect\": \"rain\", \"feedback\": {\"transform\": "
    "\"rotate_cw\"},"
    " \"transition\": {\"name\": \"crossfade\", \"duration\": 1}}"
    "]}";

/* The scene in sequence, scrambled, each sampled frame alone under every
 * ISA, and with another seed. Returns the failures. */
static int check_scene(const gfx_scene *scene, const gfx_feature_track *track, const char *name)
{
    int n = track->n_frames, failures = 0;
    uint64_t *seq = malloc((size_t)n * sizeof *seq);
    if (!seq)
        return 1;

    gfx_renderer *a = new_renderer(scene);
    for (int f = 0; f < n; f++)
        seq[f] = render_hash(a, scene, track, f, SEED);

    /* A stride coprime with n visits every frame once, out of order. */
    gfx_renderer *b = new_renderer(scene);
    int stride = 7;
    while (n % stride == 0)
        stride += 2;
    for (int k = 0; k < n; k++) {
        int f = (int)(((long)k * stride + 3) % n);
        uint64_t h = render_hash(b, scene, track, f, SEED);
        if (h != seq[f]) {
            printf("FAIL %s frame %d: scrambled order %016llx, in sequence %016llx\n", name, f,
                   (unsigned long long)h, (unsigned long long)seq[f]);
            failures++;
        }
    }

    /* Backwards, a renderer that carries state (feedback) must start again
     * from the section's beginning for every frame. */
    gfx_renderer *back = new_renderer(scene);
    for (int f = n - 1; f >= 0; f--) {
        uint64_t h = render_hash(back, scene, track, f, SEED);
        if (h != seq[f]) {
            printf("FAIL %s frame %d: backwards %016llx, in sequence %016llx\n", name, f,
                   (unsigned long long)h, (unsigned long long)seq[f]);
            failures++;
        }
    }
    gfx_renderer_free(back);

    unsigned available = gfx_isa_available();
    for (int f = 0; f < n; f += 9) {
        gfx_renderer *fresh = new_renderer(scene);
        uint64_t h = render_hash(fresh, scene, track, f, SEED);
        if (h != seq[f]) {
            printf("FAIL %s frame %d: fresh renderer %016llx, in sequence %016llx\n", name, f,
                   (unsigned long long)h, (unsigned long long)seq[f]);
            failures++;
        }
        for (int isa = 0; isa < GFX_ISA_COUNT; isa++) {
            if (!(available & (1u << isa)))
                continue;
            gfx_kernels_force((enum gfx_isa)isa);
            gfx_renderer *alone = new_renderer(scene);
            h = render_hash(alone, scene, track, f, SEED);
            gfx_renderer_free(alone);
            if (h != seq[f]) {
                printf("FAIL %s frame %d under %s: %016llx, in sequence %016llx\n", name, f,
                       gfx_isa_name((enum gfx_isa)isa), (unsigned long long)h,
                       (unsigned long long)seq[f]);
                failures++;
            }
        }
        gfx_kernels_force(gfx_isa_best());
        gfx_renderer_free(fresh);
    }

    int seed_changes = 0, distinct = 0;
    for (int f = 0; f < n; f += 5)
        seed_changes += render_hash(a, scene, track, f, SEED + 1) != seq[f];
    for (int f = 1; f < n; f++)
        distinct += seq[f] != seq[f - 1];
    if (seed_changes == 0 || distinct < n / 2) {
        printf("FAIL %s: another seed changes %d frames, %d of %d differ from the one before: "
               "the hashes prove nothing\n",
               name, seed_changes, distinct, n);
        failures++;
    }

    gfx_renderer_free(a);
    gfx_renderer_free(b);
    free(seq);
    printf("%s %s: %d frames of %d segments, %d failures\n", failures ? "FAIL" : "ok", name, n,
           scene->n, failures);
    return failures;
}

int main(void)
{
    gfx_scene scene;
    double duration = gfx_scene_default_looks() * 3.0; /* every look once */
    gfx_feature_track track;
    if (gfx_scene_default(&scene, duration) ||
        gfx_synth_features(&track, (int)(duration * FPS), FPS, 128.0f, SEED)) {
        fprintf(stderr, "test_determinism: cannot build the scene or features\n");
        return 1;
    }
    gfx_scene_snap_cuts(&scene, &track);
    int failures = check_scene(&scene, &track, "built-in show");
    gfx_scene_free(&scene);

    char err[512];
    if (gfx_scene_parse(&scene, composition, "composition.json", err, sizeof err)) {
        fprintf(stderr, "test_determinism: %s\n", err);
        return 1;
    }
    gfx_scene_snap_cuts(&scene, &track);
    failures += check_scene(&scene, &track, "composition");
    gfx_feature_track_release(&track);
    gfx_scene_free(&scene);
    return failures ? 1 : 0;
}
