/* A frame is a pure function of (scene, features, frame, seed): the
 * built-in scene (every effect, both transitions, every shader chain) is
 * rendered in sequence by one renderer, then frame by frame in a scrambled
 * order by a second, then each sampled frame by a fresh renderer and under
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
    gfx_render_config cfg = {WIDTH, HEIGHT, FPS, 0.75f, 2, 1200, NULL, NULL};
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

int main(void)
{
    gfx_scene scene;
    double duration = gfx_effect_count() * 3.0;
    gfx_feature_track track;
    if (gfx_scene_default(&scene, duration) ||
        gfx_synth_features(&track, (int)(duration * FPS), FPS, 128.0f, SEED)) {
        fprintf(stderr, "test_determinism: cannot build the scene or features\n");
        return 1;
    }
    gfx_scene_snap_cuts(&scene, &track);
    int n = track.n_frames, failures = 0;
    uint64_t *seq = malloc((size_t)n * sizeof *seq);
    if (!seq)
        return 1;

    gfx_renderer *a = new_renderer(&scene);
    for (int f = 0; f < n; f++)
        seq[f] = render_hash(a, &scene, &track, f, SEED);

    /* A stride coprime with n visits every frame once, out of order. */
    gfx_renderer *b = new_renderer(&scene);
    int stride = 7;
    while (n % stride == 0)
        stride += 2;
    for (int k = 0; k < n; k++) {
        int f = (int)(((long)k * stride + 3) % n);
        uint64_t h = render_hash(b, &scene, &track, f, SEED);
        if (h != seq[f]) {
            printf("FAIL frame %d: scrambled order %016llx, in sequence %016llx\n", f,
                   (unsigned long long)h, (unsigned long long)seq[f]);
            failures++;
        }
    }

    unsigned available = gfx_isa_available();
    for (int f = 0; f < n; f += 9) {
        gfx_renderer *fresh = new_renderer(&scene);
        uint64_t h = render_hash(fresh, &scene, &track, f, SEED);
        if (h != seq[f]) {
            printf("FAIL frame %d: fresh renderer %016llx, in sequence %016llx\n", f,
                   (unsigned long long)h, (unsigned long long)seq[f]);
            failures++;
        }
        for (int isa = 0; isa < GFX_ISA_COUNT; isa++) {
            if (!(available & (1u << isa)))
                continue;
            gfx_kernels_force((enum gfx_isa)isa);
            h = render_hash(fresh, &scene, &track, f, SEED);
            if (h != seq[f]) {
                printf("FAIL frame %d under %s: %016llx, in sequence %016llx\n", f,
                       gfx_isa_name((enum gfx_isa)isa), (unsigned long long)h,
                       (unsigned long long)seq[f]);
                failures++;
            }
        }
        gfx_kernels_force(gfx_isa_best());
        gfx_renderer_free(fresh);
    }

    int seed_changes = 0;
    for (int f = 0; f < n; f += 5)
        seed_changes += render_hash(a, &scene, &track, f, SEED + 1) != seq[f];
    if (seed_changes == 0) {
        printf("FAIL another seed renders the same frames: the hashes prove nothing\n");
        failures++;
    }

    gfx_renderer_free(a);
    gfx_renderer_free(b);
    free(seq);
    printf("%s: %d frames of %d segments, %d failures\n", failures ? "FAIL" : "ok", n, scene.n,
           failures);
    gfx_feature_track_release(&track);
    gfx_scene_free(&scene);
    return failures ? 1 : 0;
}
