/* glyphfx render's one-shot modes: the catalogue (--list), one test frame,
 * a contact sheet of every effect, and the time of each stage. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "combine.h"
#include "effect.h"
#include "gfx_kernels.h"
#include "grid.h"
#include "interrupt.h"
#include "job.h"
#include "palette.h"
#include "png_sink.h"
#include "render.h"
#include "shader_presets.h"
#include "shaders.h"
#include "timing.h"
#include "transforms.h"

static void print_warning(void *user, const char *line)
{
    (void)user;
    fprintf(stderr, "glyphfx render: %s\n", line);
}

static const gfx_warn warn_on_stderr = {print_warning, NULL};

static gfx_renderer *make_renderer(const gfx_profile *p, const struct render_options *o,
                                   const gfx_scene *scene)
{
    char err[512];
    gfx_renderer *r = gfx_job_renderer(p, o->font_path, o->clip, o->image_fps, scene,
                                       &warn_on_stderr, err, sizeof err);
    if (!r)
        fprintf(stderr, "glyphfx render: %s\n", err);
    return r;
}

/* The exit status for a PNG that could not be written (errno from
 * gfx_png_write): 2 when the path the user gave is wrong (a directory that
 * is missing, read-only or not a directory), 1 when the machine failed (the
 * disk is full, an I/O error). */
static int png_write_status(int e)
{
    switch (e) {
    case EACCES:
    case EPERM:
    case EROFS:
    case ENOENT:
    case ENOTDIR:
    case EISDIR:
    case ENAMETOOLONG:
    case EINVAL: return 2;
    default: return 1;
    }
}

static void print_params(const gfx_param_desc *p, int n)
{
    for (int j = 0; j < n; j++)
        printf("    %-12s %g (%g..%g)  %s\n", p[j].name, p[j].def, p[j].min, p[j].max,
               p[j].help ? p[j].help : "");
}

/* What a scene file may name. */
void render_print_catalogue(void)
{
    printf("effects:\n");
    for (int i = 0; i < gfx_effect_count(); i++) {
        const gfx_effect_desc *e = gfx_effect_at(i);
        printf("  %-10s %s (%s)\n", e->name, e->summary ? e->summary : "",
               gfx_effect_group_name(e->group));
        print_params(e->params, e->n_params);
    }
    printf("shaders:\n");
    for (int i = 0; i < GFX_SHADERS; i++) {
        const gfx_shader_desc *d = gfx_shader_at(i);
        printf("  %-10s %s (%s)\n", d->name, d->summary, gfx_shader_level_name(d->level));
        print_params(d->params, d->n_params);
    }
    printf("tints (a shaders item {\"tint\": NAME}: color_grade red green blue):\n");
    for (int i = 0; i < GFX_TINTS; i++) {
        const gfx_tint *t = gfx_tint_at(i);
        printf("  %-10s %.2f %.2f %.2f\n", t->name, t->red, t->green, t->blue);
    }
    printf("moods (a shaders item {\"mood\": NAME}: the chain in place):\n");
    for (int i = 0; i < GFX_MOODS; i++) {
        gfx_shader_step steps[GFX_MOOD_MAX_STEPS];
        int n = gfx_mood_expand(i, steps, GFX_MOOD_MAX_STEPS);
        printf("  %-18s %s (", gfx_mood_name(i), gfx_mood_summary(i));
        for (int j = 0; j < n; j++)
            printf("%s%s", j ? ", " : "", gfx_shader_at(steps[j].shader)->name);
        printf(")\n");
    }
    printf("palettes (characters):\n");
    for (int i = 0; i < gfx_ramp_count(); i++)
        printf("  %-10s \"%s\"\n", gfx_ramp_name(i), gfx_ramp_chars(i));
    printf("    or a layer's \"palette\": {\"glyphs\": \"...\"}; names from the top-level "
           "\"ramps\": {\"name\": \"glyphs\"}\n");
    printf("colours:");
    for (int i = 0; i < gfx_colours_count(); i++)
        printf(" %s", gfx_colours_name(i));
    printf("\n    or [\"#rrggbb\", ...] | {\"stops\": [...]} | {\"harmony\", \"seed\": "
           "\"#rrggbb\"}, with \"interpolate\" and \"discrete\"; names from the top-level "
           "\"colours\"\n    interpolations:");
    for (int i = 0; i < GFX_INTERPOLATIONS; i++)
        printf(" %s", gfx_interpolation_name(i));
    printf("\n    harmonies:");
    for (int i = 0; i < GFX_HARMONIES; i++)
        printf(" %s", gfx_harmony_name(i));
    printf("\nhue mappings:\n    a layer's \"hue\": a name or {\"name\", \"params\"}; "
           "\"saturation\": 0..2 (default 1), a parameter\n");
    for (int i = 0; i < GFX_HUE_MAPPINGS; i++) {
        int n = 0;
        const gfx_param_desc *p = gfx_hue_params(i, &n);
        printf("  %-16s %s\n", gfx_hue_name(i), gfx_hue_summary(i));
        print_params(p, n);
    }
    printf("grids: %s\nfeatures: %s\n", gfx_grid_size_choices(), gfx_feature_choices());
    printf("blend modes (a layer's \"blend\", default screen; the transition \"blend\"):");
    for (int i = 0; i < GFX_BLEND_COUNT; i++)
        printf(" %s", gfx_blend_mode_name((enum gfx_blend_mode)i));
    printf("\nmasks (a layer's \"mask\": a name or {\"kind\", parameters, operands, "
           "\"from\", \"to\", \"field\"}):\n");
    for (int i = 0; i < gfx_mask_kind_count(); i++) {
        const gfx_mask_kind *k = gfx_mask_kind_at(i);
        printf("  %-20s %s\n", k->name, k->summary);
        print_params(k->params, k->n_params);
        for (int o = 0; o < k->n_operands; o++)
            printf("    %-12s a mask (operand)\n", k->operand_names[o]);
        if (k->string_name)
            printf("    %-12s \"%s\"  %s\n", k->string_name,
                   k->string_default ? k->string_default : "", k->string_help);
    }
    printf("feedback (a segment's \"feedback\": a preset or {\"preset\", parameters}):\n");
    print_params(gfx_feedback_param_table(), GFX_FEEDBACK_PARAMS);
    printf("  presets:");
    for (int i = 0; gfx_feedback_preset_name(i); i++)
        printf(" %s", gfx_feedback_preset_name(i));
    printf("\n  transforms:");
    for (int i = 0; i < GFX_FEEDBACK_TRANSFORMS; i++)
        printf(" %s", gfx_feedback_transform_name((enum gfx_feedback_transform)i));
    printf("\ntransitions (a segment's \"transition\": a name or {\"name\", \"duration\" "
           "0.05..10 s, \"easing\", \"blend\"}):");
    for (int i = 0; i < GFX_TRANSITIONS; i++)
        printf(" %s", gfx_transition_name(i));
    printf("\neasings (transitions, keyframes [time, value, easing]): %s\n", gfx_easing_choices());
    printf("text layers (a layer's \"text\": {\"kind\", parameters, \"text\" or "
           "\"strings\"}; lyric kinds show --lyrics):\n");
    for (int i = 0; i < gfx_text_kind_count(); i++) {
        const gfx_text_kind_desc *d = gfx_text_kind_at(i);
        if (d->input == GFX_TEXT_INPUT_NONE)
            continue; /* a canvas pass, not a layer */
        printf("  %-16s %s (%s)\n", d->name, d->summary,
               d->input == GFX_TEXT_INPUT_STRING    ? "\"text\""
               : d->input == GFX_TEXT_INPUT_STRINGS ? "\"strings\""
                                                    : "the lyrics");
        print_params(d->params, d->n_params);
    }
    printf("cut rules (top-level \"cuts\"): {\"every_beats\": 1..64} | "
           "{\"at\": \"energy_drops\"}\n");
    printf("beat events: a layer's \"cycle\" {\"every_beats\", \"colours\": [...], "
           "\"palette\": [...]}; a shader's \"beats\" {\"every\", \"of\", \"at\"}\n");
    printf("transforms (a layer's \"transform\", a list of {\"type\", parameters} applied "
           "in order; parameters may follow features):");
    for (int i = 0; i < GFX_TRANSFORMS; i++)
        printf(" %s", gfx_transform_name(i));
    printf("\n");
    for (int i = 0; i < GFX_TRANSFORMS; i++) {
        const gfx_transform_desc *d = gfx_transform_at(i);
        printf("  %-20s %s\n", d->name, d->summary);
        print_params(d->params, d->n_params);
    }
    printf("combine ops (a layer's \"combine\" {\"effect\", \"op\", \"params\", \"amount\" "
           "for mix}): %s\n",
           gfx_combine_choices());
}

int render_test_frame_path(const struct render_options *o, char *path, size_t size)
{
    int len = o->output ? snprintf(path, size, "%s", o->output)
                        : snprintf(path, size, "%s/test_frame.png", o->png_dir ? o->png_dir : ".");
    return len < 0 || (size_t)len >= size ? -1 : len;
}

int render_test_frame(const struct render_options *o, const gfx_profile *p, const gfx_scene *scene,
                      const gfx_feature_track *track)
{
    char path[4096], err[512];
    if (render_test_frame_path(o, path, sizeof path) < 0) { /* a cut name could be another file */
        fprintf(stderr, "glyphfx render: --test-frame: output path too long (at most %zu bytes)\n",
                sizeof path - 1);
        return 2;
    }
    gfx_renderer *r = make_renderer(p, o, scene);
    if (!r)
        return 2;
    int frame = (int)lround(o->test_frame * p->fps);
    const gfx_image *img = gfx_render_frame(r, scene, track, frame, o->seed);
    int rc = img ? 0 : 1;
    if (!img)
        fprintf(stderr, "glyphfx render: %s\n", gfx_renderer_error(r));
    if (img && gfx_png_write(path, img, 1, err, sizeof err)) {
        rc = png_write_status(errno);
        fprintf(stderr, "glyphfx render: %s\n", err);
    } else if (img) {
        double mean;
        int max;
        gfx_image_brightness(img, &mean, &max);
        printf("%s: frame %d (%.2f s) %dx%d mean %.1f max %d\n", path, frame, frame / p->fps,
               img->width, img->height, mean, max);
    }
    gfx_renderer_free(r);
    return rc;
}

/* In render_sheets' order. */
enum sheet_group {
    SHEET_EFFECTS,
    SHEET_SHADERS,
    SHEET_RAMPS,
    SHEET_COLOURS,
    SHEET_HUES,
    SHEET_FIELDS,
    SHEET_CHARACTERS,
    SHEET_PARTICLES,
    SHEET_SIMULATIONS
};

/* The effect group a sheet tiles; GFX_EFFECT_GROUP_NONE for every effect
 * (the effects sheet) and for the sheets that are not of effects. */
static enum gfx_effect_group sheet_effect_group(int sheet)
{
    switch (sheet) {
    case SHEET_FIELDS: return GFX_EFFECT_FIELD;
    case SHEET_CHARACTERS: return GFX_EFFECT_CHARACTER;
    case SHEET_PARTICLES: return GFX_EFFECT_PARTICLES;
    case SHEET_SIMULATIONS: return GFX_EFFECT_SIMULATION;
    default: return GFX_EFFECT_GROUP_NONE;
    }
}

/* Whether a sheet tiles effects (all of them, or one group's) in the
 * built-in scene's look for each. */
static int sheet_of_effects(int sheet)
{
    return sheet == SHEET_EFFECTS || sheet_effect_group(sheet) != GFX_EFFECT_GROUP_NONE;
}

/* The effect a section of the every-effect scene shows (NULL for text). */
static const gfx_effect_desc *subject_effect(const gfx_segment *seg)
{
    return seg->layers[seg->n_layers - 1].effect;
}

/* Whether section seg of the sheet's scene gets a tile. */
static int sheet_shows(int sheet, const gfx_segment *seg)
{
    enum gfx_effect_group group = sheet_effect_group(sheet);
    return group == GFX_EFFECT_GROUP_NONE ||
           (subject_effect(seg) && subject_effect(seg)->group == group);
}

/* The group's i-th name (NULL past the last). */
static const char *sheet_item(int group, int i)
{
    switch (group) {
    case SHEET_SHADERS: return i < GFX_SHADERS ? gfx_shader_at(i)->name : NULL;
    case SHEET_RAMPS: return i < gfx_ramp_count() ? gfx_ramp_name(i) : NULL;
    case SHEET_COLOURS: return i < gfx_colours_count() ? gfx_colours_name(i) : NULL;
    case SHEET_HUES: return i < GFX_HUE_MAPPINGS ? gfx_hue_name(i) : NULL;
    default: return NULL;
    }
}

/* One section per item of a group other than effects: plasma, with the
 * item as its only shader, its ramp, colours or hue mapping. 0, or -1
 * after a line. */
static int sheet_scene(int group, gfx_scene *scene)
{
    static const char *const keys[] = {NULL, "shaders", "palette", "colours", "hue"};
    size_t cap = 1 << 16, len = 0;
    char *json = malloc(cap);
    if (!json)
        return -1;
    len += (size_t)snprintf(json, cap, "{\"version\": 2, \"segments\": [");
    const char *name;
    for (int i = 0; (name = sheet_item(group, i)) && len + 256 < cap; i++)
        len += (size_t)snprintf(json + len, cap - len,
                                "%s{\"start\": %d, \"end\": %d, \"effect\": \"plasma\", \"%s\": "
                                "%s\"%s\"%s}",
                                i ? ", " : "", 8 * i, 8 * (i + 1), keys[group],
                                group == SHEET_SHADERS ? "[{\"name\": " : "", name,
                                group == SHEET_SHADERS ? "}]" : "");
    snprintf(json + len, cap - len, "]}");
    char err[512];
    int rc = gfx_scene_parse(scene, json, "the contact sheet's scene", err, sizeof err);
    if (rc)
        fprintf(stderr, "glyphfx render: %s\n", err);
    free(json);
    return rc;
}

/* What a tile shows, for the sheet's listing. */
static const char *tile_name(int group, int i, const gfx_segment *seg)
{
    if (!sheet_of_effects(group))
        return sheet_item(group, i);
    return subject_effect(seg) ? subject_effect(seg)->name : "text";
}

/* One tile per item of the group (every effect, or one group's, in the
 * built-in scene's look for it; or plasma with each shader, ramp, colours
 * or hue mapping), at a quarter of 1280x720 scaled grids; 4 tiles a row. */
int render_contact_sheet(const struct render_options *o, const gfx_feature_track *track, double fps)
{
    enum { TILE_W = 640, TILE_H = 360, PER_ROW = 4 };
    gfx_scene scene;
    if (sheet_of_effects(o->sheet) ? gfx_scene_every_effect(&scene, 8.0)
                                   : sheet_scene(o->sheet, &scene)) {
        fprintf(stderr, "glyphfx render: no %s to show\n", render_sheets[o->sheet]);
        return 1;
    }
    int n = 0;
    for (int i = 0; i < scene.n; i++)
        n += sheet_shows(o->sheet, &scene.segments[i]);
    if (n == 0) {
        fprintf(stderr, "glyphfx render: no %s to show\n", render_sheets[o->sheet]);
        gfx_scene_free(&scene);
        return 1;
    }
    /* the destination first: a read-only directory fails before the renders */
    static gfx_atomic out; /* large: not on the stack */
    char err[GFX_FILE_PATH_MAX + 256];
    if (gfx_atomic_open(&out, o->contact_sheet, GFX_ATOMIC_STREAM, err, sizeof err) < 0) {
        int rc = png_write_status(errno);
        fprintf(stderr, "glyphfx render: --contact-sheet %s\n", err);
        gfx_scene_free(&scene);
        return rc;
    }
    int rows = (n + PER_ROW - 1) / PER_ROW;
    gfx_image sheet;
    gfx_profile tile = *gfx_profile_find("production");
    tile.width = TILE_W, tile.height = TILE_H, tile.fps = fps, tile.grid_scale = 0.5f;
    gfx_renderer *r = make_renderer(&tile, o, &scene);
    int sheet_failed = r && gfx_image_alloc(&sheet, TILE_W * PER_ROW, TILE_H * rows);
    if (sheet_failed)
        fprintf(stderr, "glyphfx render: --contact-sheet %s: out of memory for a %dx%d sheet\n",
                o->contact_sheet, TILE_W * PER_ROW, TILE_H * rows);
    if (!r || sheet_failed) {
        gfx_atomic_abort(&out);
        gfx_renderer_free(r);
        gfx_scene_free(&scene);
        return 1;
    }
    int rc = 0;
    for (int s = 0, i = 0; s < scene.n && rc == 0; s++) {
        if (!sheet_shows(o->sheet, &scene.segments[s]))
            continue; /* i counts the tiles */
        if (gfx_interrupted()) {
            fprintf(stderr, "glyphfx render: --contact-sheet %s: interrupted; nothing written\n",
                    o->contact_sheet);
            rc = GFX_INTERRUPTED;
            break;
        }
        gfx_segment *seg = &scene.segments[s];
        seg->transition = GFX_TRANSITION_CUT;
        /* Each tile's section starts at 0, so a simulation has run from
         * its start to the tile's moment rather than showing its seed. */
        seg->end -= seg->start;
        seg->start = 0.0;
        gfx_scene one = {.segments = seg, .n = 1};
        /* A moment inside the feature track (its length is the render's
         * duration), a little later for each tile so beats vary. */
        int frame = (int)lround((4.0 + 0.45 * (i % 40)) * fps);
        if (frame >= track->n_frames)
            frame = track->n_frames - 1;
        const gfx_image *img = gfx_render_frame(r, &one, track, frame, o->seed);
        if (!img) {
            fprintf(stderr, "glyphfx render: %s\n", gfx_renderer_error(r));
            rc = 1;
            break;
        }
        double mean;
        int max;
        gfx_image_brightness(img, &mean, &max);
        printf("%-20s mean %5.1f max %3d\n", tile_name(o->sheet, i, seg), mean, max);
        int tx = (i % PER_ROW) * TILE_W, ty = (i / PER_ROW) * TILE_H;
        for (int y = 0; y < TILE_H; y++)
            memcpy(sheet.px + (ty + y) * sheet.stride + 3 * tx, img->px + y * img->stride,
                   (size_t)TILE_W * 3);
        i++;
    }
    if (rc != 0) {
        gfx_atomic_abort(&out);
    } else if (gfx_png_commit(&out, &sheet, 1, err, sizeof err)) {
        rc = png_write_status(errno);
        fprintf(stderr, "glyphfx render: %s\n", err);
    } else
        printf("%s: %d %s, %dx%d\n", o->contact_sheet, n, render_sheets[o->sheet], sheet.width,
               sheet.height);
    gfx_image_free(&sheet);
    gfx_renderer_free(r);
    gfx_scene_free(&scene);
    return rc;
}

/* Median milliseconds of each stage over STAGE_FRAMES frames of the
 * benchmark scene (gfx_scene_benchmark): plasma through bloom, vignette,
 * crt + scanlines and grain (the whole frame of DESIGN.md's targets), and
 * each shader alone. */
int render_stage_times(const struct render_options *o, const gfx_profile *p,
                       const gfx_feature_track *track)
{
    enum { STAGE_FRAMES = 41, STAGES = 5 + GFX_SHADERS };
    gfx_scene scene;
    if (gfx_scene_benchmark(&scene))
        return 1;
    gfx_renderer *r = make_renderer(p, o, &scene);
    if (!r) {
        gfx_scene_free(&scene);
        return 2;
    }
    static double ms[STAGES][STAGE_FRAMES];
    const gfx_segment *seg = &scene.segments[0];
    gfx_image *canvas = gfx_renderer_canvas(r);
    for (int f = 0; f < STAGE_FRAMES; f++) {
        double t[6];
        t[0] = gfx_now_s();
        gfx_stage_effect(r, seg, &seg->layers[0], track, f, o->seed);
        t[1] = gfx_now_s();
        gfx_stage_tonemap(r, &seg->layers[0]);
        t[2] = gfx_now_s();
        gfx_stage_colour(r, seg, &seg->layers[0], track, f);
        t[3] = gfx_now_s();
        gfx_stage_blit(r, canvas);
        t[4] = gfx_now_s();
        gfx_stage_shaders(r, seg, canvas, track, f, o->seed);
        t[5] = gfx_now_s();
        for (int s = 0; s < 5; s++)
            ms[s][f] = 1e3 * (t[s + 1] - t[s]);
        for (int sh = 0; sh < GFX_SHADERS; sh++) {
            gfx_segment alone = *seg;
            alone.shaders[0] = gfx_shader_step_default(sh);
            alone.n_shaders = 1;
            double t0 = gfx_now_s();
            gfx_stage_shaders(r, &alone, canvas, track, f, o->seed);
            ms[5 + sh][f] = 1e3 * (gfx_now_s() - t0);
        }
    }
    static const char *const names[5] = {"effect (plasma)", "tonemap", "colour", "clear + blit",
                                         "shader chain"};
    printf("%dx%d, grid md x %.2f, kernels %s, median of %d frames (ms):\n", p->width, p->height,
           p->grid_scale, gfx_isa_name(gfx_kernels_get()->isa_used[GFX_K_BLIT]), STAGE_FRAMES);
    double total = 0.0;
    for (int s = 0; s < STAGES; s++) {
        double m = gfx_sort_median(ms[s], STAGE_FRAMES);
        if (s < 5) {
            total += m;
            printf("  %-22s %7.3f\n", names[s], m);
        } else
            printf("    alone: %-13s %7.3f%s\n", gfx_shader_at(s - 5)->name, m,
                   s - 5 == GFX_SHADER_HUE_ROTATE ? "   (turns the cells: part of colour)" : "");
        if (s == 4)
            printf("  %-22s %7.3f   (bloom, vignette, crt+scanlines, grain)\n", "whole frame",
                   total);
    }
    printf("renderer memory: %.1f MB\n", gfx_renderer_bytes(r) / 1048576.0);
    gfx_renderer_free(r);
    gfx_scene_free(&scene);
    return 0;
}
