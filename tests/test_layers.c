/* A layer merges as the scene reference says, in every blend mode, with and
 * without a mask: the frame of a two-layer section equals
 *   mix(A, blend(A, B, mode, opacity), mask)
 * computed here from the two layers rendered alone (A, and B drawn on
 * black) with the kernels and the mask module directly. The renderer takes
 * shortcuts for some modes (only the non-blank cells of a mode whose black
 * is the identity are drawn and blended; an opaque lighten layer is drawn
 * straight on): this is what holds them to the whole-frame formula. A text
 * backdrop layer darkens only behind the text above it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "font.h"
#include "frame.h"
#include "gfx_kernels.h"
#include "grid.h"
#include "masks.h"
#include "scene.h"
#include "synth_features.h"

#define WIDTH 320
#define HEIGHT 180
#define FPS 12.0
#define FRAME 17
#define SEED 5u
#define SCALE 1.0f

static const char bottom[] = "{\"effect\": \"plasma\", \"grid\": \"sm\"}";
static const char top[] = "{\"effect\": \"starfield\", \"grid\": \"md\", \"colours\": \"fire\"}";

/* One section of the given layers; the image is copied into out. */
static void render_layers(const char *layers, const gfx_feature_track *track, gfx_image *out)
{
    char json[1024], err[512];
    snprintf(json, sizeof json,
             "{\"version\": 2, \"segments\": [{\"start\": 0, \"end\": 10, \"layers\": [%s]}]}",
             layers);
    gfx_scene scene;
    if (gfx_scene_parse(&scene, json, "layers.json", err, sizeof err)) {
        fprintf(stderr, "test_layers: %s\n", err);
        exit(1);
    }
    gfx_render_config cfg = {WIDTH, HEIGHT, FPS, SCALE, 2, 1200, NULL, NULL, NULL, 0.0};
    gfx_renderer *r = gfx_renderer_create(&cfg, err, sizeof err);
    const gfx_image *img = r && !gfx_renderer_prepare(r, &scene, err, sizeof err)
                               ? gfx_render_frame(r, &scene, track, FRAME, SEED)
                               : NULL;
    if (!img) {
        fprintf(stderr, "test_layers: %s\n", r ? gfx_renderer_error(r) : err);
        exit(1);
    }
    memcpy(out->px, img->px, gfx_image_bytes(out));
    gfx_renderer_free(r);
    gfx_scene_free(&scene);
}

/* The top layer's mask, a soft circle, per cell of the md grid. */
static void top_mask(uint8_t **mask, gfx_grid_fields *fields)
{
    char err[256];
    gfx_font *font = gfx_font_open(NULL, err, sizeof err);
    int cw, ch;
    if (!font || gfx_font_cell_size(font, gfx_grid_pixel_height(GFX_GRID_MD, SCALE), &cw, &ch) ||
        gfx_grid_fields_build(fields, WIDTH, HEIGHT, cw, ch)) {
        fprintf(stderr, "test_layers: no font or grid: %s\n", err);
        exit(1);
    }
    gfx_mask_node node;
    gfx_mask_node_init(&node, gfx_mask_kind_find("mask_circle"));
    node.params[gfx_mask_param_index(node.kind, "radius")] = 0.3f;
    node.params[gfx_mask_param_index(node.kind, "feather")] = 0.1f;
    gfx_mask_input in = {.grid = &fields->grid, .progress = 0.0f, .field = NULL, .font = font};
    *mask = malloc((size_t)fields->grid.rows * (size_t)fields->grid.cols);
    if (!*mask || gfx_mask_eval(&node, 1, 0, &in, *mask, err, sizeof err)) {
        fprintf(stderr, "test_layers: %s\n", err);
        exit(1);
    }
    gfx_font_close(font);
}

/* A backdrop layer darkens what lies below behind the text of the text
 * layer above it, and nothing else: no pixel gets brighter, pixels near the
 * text get darker, and a corner far from the text keeps its bytes. */
static void backdrop_darkens(const gfx_feature_track *track)
{
    static const char stamp[] = "{\"text\": {\"kind\": \"stamp\", \"text\": \"HI\", \"x\": 0.5, "
                                "\"y\": 0.5}, \"blend\": \"add\"}";
    char layers[512];
    gfx_image plain, dark;
    if (gfx_image_alloc(&plain, WIDTH, HEIGHT) || gfx_image_alloc(&dark, WIDTH, HEIGHT))
        exit(1);
    snprintf(layers, sizeof layers, "%s, %s", bottom, stamp);
    render_layers(layers, track, &plain);
    snprintf(layers, sizeof layers,
             "%s, {\"text\": {\"kind\": \"text_backdrop\", \"padding\": 12, \"darkness\": 0.9}}, "
             "%s",
             bottom, stamp);
    render_layers(layers, track, &dark);
    size_t brighter = 0, darker = 0, corner_changed = 0;
    for (int y = 0; y < HEIGHT; y++)
        for (int x = 0; x < 3 * WIDTH; x++) {
            uint8_t p = plain.px[y * plain.stride + x], d = dark.px[y * dark.stride + x];
            brighter += d > p;
            darker += d < p;
            corner_changed += d != p && y < 10 && x < 30;
        }
    CHECK(brighter == 0, "backdrop: %zu bytes brighter", brighter);
    CHECK(darker > 1000, "backdrop: only %zu bytes darker behind the text", darker);
    CHECK(corner_changed == 0, "backdrop: %zu bytes changed in the far corner", corner_changed);
    printf("%s: a text backdrop darkens %zu bytes behind the text\n",
           brighter || darker <= 1000 || corner_changed ? "FAIL" : "ok", darker);
    gfx_image_free(&plain), gfx_image_free(&dark);
}

int main(void)
{
    gfx_feature_track track;
    if (gfx_synth_features(&track, 64, FPS, 120.0f, SEED))
        return 1;
    gfx_image a, b, got, want, mixed;
    if (gfx_image_alloc(&a, WIDTH, HEIGHT) || gfx_image_alloc(&b, WIDTH, HEIGHT) ||
        gfx_image_alloc(&got, WIDTH, HEIGHT) || gfx_image_alloc(&want, WIDTH, HEIGHT) ||
        gfx_image_alloc(&mixed, WIDTH, HEIGHT))
        return 1;
    render_layers(bottom, &track, &a);
    render_layers(top, &track, &b);
    uint8_t *mask;
    gfx_grid_fields fields;
    top_mask(&mask, &fields);
    const struct gfx_kernels *k = gfx_kernels_get();
    const float opacities[] = {0.7f, 1.0f};
    int cases = 0, differing_modes = 0;
    for (int mode = 0; mode < GFX_BLEND_COUNT; mode++)
        for (int masked = 0; masked < 2; masked++)
            for (int o = 0; o < 2; o++) {
                char layers[512];
                snprintf(layers, sizeof layers,
                         "%s, {\"effect\": \"starfield\", \"grid\": \"md\", \"colours\": \"fire\", "
                         "\"blend\": \"%s\", \"opacity\": %g%s}",
                         bottom, gfx_blend_mode_name((enum gfx_blend_mode)mode), opacities[o],
                         masked ? ", \"mask\": {\"kind\": \"mask_circle\", \"radius\": 0.3, "
                                  "\"feather\": 0.1}"
                                : "");
                render_layers(layers, &track, &got);
                unsigned q8 = (unsigned)lroundf(opacities[o] * 256.0f);
                memcpy(mixed.px, a.px, gfx_image_bytes(&a));
                k->blend(mixed.px, mixed.stride, b.px, b.stride, WIDTH, HEIGHT,
                         (enum gfx_blend_mode)mode, q8);
                memcpy(want.px, mixed.px, gfx_image_bytes(&mixed));
                if (masked) {
                    memcpy(want.px, a.px, gfx_image_bytes(&a));
                    char err[256];
                    CHECK(gfx_mask_apply_canvas(k, &fields.grid, mask, want.px, want.stride,
                                                mixed.px, mixed.stride, WIDTH, HEIGHT, err,
                                                sizeof err) == GFX_OK,
                          "%s", err);
                }
                size_t bad = 0;
                for (size_t i = 0; i < gfx_image_bytes(&got); i++)
                    bad += got.px[i] != want.px[i];
                CHECK(bad == 0, "%s%s at opacity %g: %zu bytes differ from the formula",
                      gfx_blend_mode_name((enum gfx_blend_mode)mode), masked ? " masked" : "",
                      opacities[o], bad);
                differing_modes += memcmp(got.px, a.px, gfx_image_bytes(&a)) != 0;
                cases++;
            }
    /* the comparison can fail: the top layer changes the picture */
    CHECK(differing_modes > cases / 2, "only %d of %d cases differ from the bottom layer alone",
          differing_modes, cases);
    printf("%s: %d cases (20 modes, masked or not, two opacities)\n",
           check_failures ? "FAIL" : "ok", cases);
    free(mask);
    gfx_grid_fields_free(&fields);
    gfx_image_free(&a), gfx_image_free(&b), gfx_image_free(&got), gfx_image_free(&want);
    gfx_image_free(&mixed);
    backdrop_darkens(&track);
    gfx_feature_track_release(&track);
    return CHECK_EXIT_STATUS();
}
