/* Scenes: which effect, grid, palettes and shader chain play when.
 *
 * A scene file is JSON:
 *   {"segments": [{"start": 0, "end": 8,            seconds; in order, no overlap
 *                  "effect": "plasma",               gfx_effect_find
 *                  "grid": "md",                     xs|sm|md|lg|xl|xxl (default md)
 *                  "palette": "default",             character ramp (default: the effect's)
 *                  "colours": "neon",                colour palette (default neon)
 *                  "hue": "angle",                   hue mapping (default angle)
 *                  "gamma": 0.8,                     tonemap gamma, 0.3..3
 *                  "params": {"speed": 1.5, "zoom": {"base": 1, "feature": "bass", "amount": 0.5}},
 *                  "shaders": [{"name": "bloom", "params": {"strength": 0.7}}, ...],
 *                  "transition": "cut",              into this segment: cut | crossfade
 *                  "fade": 1.0}, ...]}               crossfade length, 0.05..10 s
 * A parameter is a number or {"base", "feature", "amount"} (params.h).
 * A key may appear once per object, and no string may hold \u0000.
 * Between segments (a gap) and past the end the last segment that started
 * keeps playing; before the first, the first plays.
 *
 * Every mistake is one line naming the file, the JSON path, the value and
 * what is allowed, e.g.
 *   my.json: segments[2].shaders[0].name: "blom" is not a shader; expected bloom|vignette|...
 */
#ifndef GFX_SCENE_H
#define GFX_SCENE_H

#include <stddef.h>

#include "audio_features.h"
#include "effect.h"
#include "params.h"
#include "shaders.h"

enum gfx_transition { GFX_TRANSITION_CUT = 0, GFX_TRANSITION_CROSSFADE };

typedef struct gfx_segment {
    double start, end;
    const gfx_effect_desc *effect;
    int grid, ramp, colours, hue;
    float gamma;
    gfx_param_value params[GFX_MAX_PARAMS]; /* in the order of effect->params */
    gfx_shader_step shaders[GFX_MAX_SHADERS];
    int n_shaders;
    int transition;
    double fade;
} gfx_segment;

typedef struct gfx_scene {
    gfx_segment *segments;
    int n;
} gfx_scene;

/* Reads and validates a scene file. 0, or -1 with one line in err. */
int gfx_scene_load(gfx_scene *scene, const char *path, char *err, size_t err_size);
/* The same from text; `name` stands for the file in messages. */
int gfx_scene_parse(gfx_scene *scene, const char *json, const char *name, char *err,
                    size_t err_size);

/* The built-in scene: every effect in turn over `duration` seconds, each
 * section of 2.5 to about 8 s (all of one length) with its own effect, character ramp, colours, hue
 * mapping and shader chain; transitions alternate cut and crossfade. */
int gfx_scene_default(gfx_scene *scene, double duration);

/* Moves each cut between adjacent segments to the nearest beat of the
 * track within half a beat period (or 0.5 s without a tempo), so hard cuts
 * land on the music. */
void gfx_scene_snap_cuts(gfx_scene *scene, const gfx_feature_track *track);

/* One segment holding the whole time range: for tests, the contact sheet
 * and the speed probe. Effect params at their defaults. */
int gfx_scene_single(gfx_scene *scene, const gfx_effect_desc *effect, int grid, int ramp,
                     int colours, int hue, const gfx_shader_step *shaders, int n_shaders);

/* The look every speed measurement renders: plasma on every cell of the md
 * grid (neon colours, hue by angle) through the full shader chain (bloom,
 * vignette, crt, scanlines, grain; a profile's shader level trims it). The
 * quality probe (gfx_profile_measure_ms), `glyphfx render --stage-times` and
 * the bench's pipeline stages all use it, so their numbers compare. */
int gfx_scene_benchmark(gfx_scene *scene);

void gfx_scene_free(gfx_scene *scene);

/* What plays at time t: *main the segment, and while a crossfade runs,
 * *outgoing the previous one with weight *mix (0..1) of the outgoing frame;
 * otherwise *outgoing is -1. */
void gfx_scene_at(const gfx_scene *scene, double t, int *main, int *outgoing, float *mix);

#endif
