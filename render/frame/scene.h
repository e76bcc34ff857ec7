/* Scenes: which layers, grids, palettes, transitions and shader chains play
 * when. docs/scene-format.md is the reference, with an example per key.
 *
 * A scene file is JSON:
 *   {"version": 2,                                    1 (default) or 2
 *    "ramps": {"mine": " .:-=+*#"},                   the file's own character ramps
 *    "colours": {"brand": ["#102030", "#ff8800"]},    the file's own colour palettes
 *    "segments": [{"start": 0, "end": 8,            seconds; in order, no overlap
 *                  "layers": [{                      bottom first, 1..GFX_MAX_LAYERS
 *                      "effect": "plasma",           gfx_effect_find
 *                      "grid": "sm",                 xs|sm|md|lg|xl|xxl (default md)
 *                      "palette": "default",         character ramp (default: the effect's), or {"glyphs"}
 *                      "colours": "neon",            colour palette (default neon), or stops / an object
 *                      "hue": "angle",               hue mapping (default angle), or {"name", "params"}
 *                      "saturation": 0.8,            0..2, a parameter (default 1)
 *                      "gamma": 0.8,                 tonemap gamma, 0.3..3
 *                      "params": {"speed": 1.5},     the effect's parameters
 *                      "blend": "screen",            onto the layers below (default screen)
 *                      "opacity": 0.7,               0..1, a parameter (default 1)
 *                      "cycle": {"every_beats": 4, "colours": [...], "palette": [...]},
 *                      "combine": {"effect": "voronoi", "op": "multiply", "params": {...}},
 *                      "transform": [{"type": "twist", "amount": 2}, ...]}],  transforms.h, in order
 *                  "shaders": [{"name": "bloom", "params": {"strength": 0.7}}, ...],
 *                  "transition": {"name": "iris", "duration": 1, "easing": "out_cubic"},
 *                  "fade": 1.0}, ...]}               transition length, 0.05..10 s
 * A version-1 segment has no "layers": its own effect, grid, palette,
 * colours, hue, gamma and params describe its one layer (a version-2
 * segment may do the same), and its transition is "cut" or "crossfade".
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
#include "feedback.h"
#include "masks.h"
#include "srt.h"
#include "text.h"
#include "palette.h"
#include "params.h"
#include "shaders.h"
#include "transforms.h"

#define GFX_SCENE_VERSION 2
#define GFX_MAX_LAYERS 6
#define GFX_MAX_CYCLE 8
#define GFX_MAX_MASK_NODES 16

/* How a section comes in: the outgoing section (A) gives way to this one
 * (B) over `duration` seconds with progress b = ease(t / duration).
 * ../shared/catalogue.md section 14's vocabulary; the masks are masks.h's. */
enum gfx_transition {
    GFX_TRANSITION_CUT = 0,         /* hard cut, moved to the nearest beat (snap_cuts) */
    GFX_TRANSITION_CROSSFADE,       /* pixels: (1 - b) A + b B */
    GFX_TRANSITION_GLYPH_CROSSFADE, /* cells: each cell shows B with probability b, redrawn every frame */
    GFX_TRANSITION_WIPE_LEFT,       /* B enters from the right edge, the edge moving left */
    GFX_TRANSITION_WIPE_RIGHT,
    GFX_TRANSITION_WIPE_UP,
    GFX_TRANSITION_WIPE_DOWN,
    GFX_TRANSITION_WIPE_RADIAL,   /* cells nearer the centre than b x the half diagonal show B */
    GFX_TRANSITION_WIPE_DIAGONAL, /* from the top-left corner */
    GFX_TRANSITION_DISSOLVE,      /* fixed per-cell noise below b shows B */
    GFX_TRANSITION_IRIS,          /* a circle of B opening from the centre */
    GFX_TRANSITION_IRIS_CLOSE,    /* A shrinking to a point */
    GFX_TRANSITION_GLITCH_CUT,    /* A until b = 1/2, then B, rows rolled around the cut */
    GFX_TRANSITION_FIELD_MORPH,   /* the first layers' value fields blended (one grid) */
    GFX_TRANSITION_BLEND,         /* B over A by a blend mode, opacity ramped, then B */
    GFX_TRANSITIONS
};
const char *gfx_transition_name(int transition);
int gfx_transition_find(const char *name); /* -1 if unknown */

/* A layer: one effect on one grid, coloured, then merged onto the section's
 * canvas below it by a blend mode at an opacity, through an optional mask.
 * The first layer lies on black. */
typedef struct gfx_layer {
    const gfx_effect_desc *effect; /* NULL for a text or video layer */
    gfx_text_item *text;           /* a text layer's item (scene-owned); NULL: effect */
    /* A video layer: the clip's picture as cells on the layer's grid
     * (video_cells.h, with the layer's ramp), box strokes on edges when
     * video_edges, at video_brightness (0..1; the catalogue's bg_video
     * backdrop is 0.5). */
    int video, video_edges;
    gfx_param_value video_brightness;
    /* ramp and colours index the built-in tables (palette.h), or past
     * their ends the scene's own: ramp gfx_ramp_count() + k is
     * scene->ramps[k], colours gfx_colours_count() + k scene->colours[k]. */
    int grid, ramp, colours, hue;
    gfx_param_value hue_params[GFX_HUE_MAX_PARAMS]; /* gfx_hue_params(hue)'s */
    gfx_param_value saturation;                     /* 0..2, 1 keeps the palette's */
    float gamma;
    gfx_param_value params[GFX_MAX_PARAMS]; /* in the order of effect->params */
    int blend;                              /* enum gfx_blend_mode */
    gfx_param_value opacity;                /* 0..1 */
    /* The mask: masks[mask] of the segment and the nodes before it (-1:
     * none). Its animated kinds run over [mask_from, mask_to) of the
     * section's seconds (both 0: over the whole section); mask_from_vf
     * reads mask_field's values on the layer's grid (NULL: the layer's
     * own, after the tonemap). */
    int mask;
    double mask_from, mask_to;
    const gfx_effect_desc *mask_field;
    gfx_param_value mask_field_params[GFX_MAX_PARAMS];
    /* Beat cycling: every `cycle_beats` beats since the section began the
     * layer takes the next of cycle_colours / cycle_ramps (n_* entries);
     * 0: no cycling. */
    int cycle_beats, n_cycle_colours, n_cycle_ramps;
    int cycle_colours[GFX_MAX_CYCLE], cycle_ramps[GFX_MAX_CYCLE];
    /* Coordinate transforms (transforms.h), applied in order to the
     * positions the effect reads; 0: the plain grid. */
    gfx_transform transforms[GFX_MAX_TRANSFORMS];
    int n_transforms;
    /* A second, stateless field combined into the layer's own before the
     * tonemap by combine_op (combine.h); NULL: none. combine_amount is
     * mix's amount. */
    const gfx_effect_desc *combine_field;
    gfx_param_value combine_params[GFX_MAX_PARAMS];
    int combine_op;
    gfx_param_value combine_amount;
} gfx_layer;

typedef struct gfx_segment {
    double start, end;
    gfx_layer layers[GFX_MAX_LAYERS]; /* bottom first */
    int n_layers;
    gfx_mask_node masks[GFX_MAX_MASK_NODES]; /* every layer's, operands first */
    int n_masks;
    int has_feedback; /* on the merged layers, before the shaders */
    gfx_feedback_params feedback;
    gfx_shader_step shaders[GFX_MAX_SHADERS]; /* on the merged canvas, after feedback */
    int n_shaders;
    int transition;       /* enum gfx_transition, into this segment */
    double fade;          /* its duration, seconds */
    int easing;           /* timeline.h easing of its progress */
    int transition_blend; /* GFX_TRANSITION_BLEND's mode */
} gfx_segment;

/* Where gfx_scene_snap_cuts may move a hard cut. */
enum gfx_cut_rule {
    GFX_CUTS_BEATS = 0,    /* a beat; with cut_every n > 1 a phrase: every n-th beat */
    GFX_CUTS_ENERGY_DROPS, /* where the music falls quiet (timeline.h) */
};

/* A character ramp or colour palette written in the scene file: named
 * under the top-level "ramps" / "colours", or inline in a layer (name:
 * the layer's JSON path). */
typedef struct gfx_scene_ramp {
    char name[64];
    int named;   /* 0: inline, not to be found by name */
    char *chars; /* UTF-8, checked by gfx_ramp_check_chars */
} gfx_scene_ramp;
typedef struct gfx_scene_colours {
    char name[64];
    int named;
    gfx_colour_lut lut;
} gfx_scene_colours;

typedef struct gfx_scene {
    gfx_segment *segments;
    int n;
    gfx_scene_ramp *ramps; /* the file's own ramps and palettes */
    int n_ramps;
    gfx_scene_colours *colours;
    int n_colours;
    int cut_rule;  /* enum gfx_cut_rule: top-level "cuts" */
    int cut_every; /* beats per phrase for GFX_CUTS_BEATS; 0 or 1: every beat */
    void **owned;  /* keyframe tracks, texts and text items the segments point to */
    int n_owned, owned_cap;
    gfx_lyrics lyrics; /* what lyric text layers show (gfx_scene_set_lyrics) */
    int lyric_layers;  /* text layers that show lyrics */
    int video_layers;  /* layers that show the clip: video layers, effects reading it */
} gfx_scene;

/* Reads and validates a scene file. 0, or -1 with one line in err. */
int gfx_scene_load(gfx_scene *scene, const char *path, char *err, size_t err_size);
/* The same from text; `name` stands for the file in messages. */
int gfx_scene_parse(gfx_scene *scene, const char *json, const char *name, char *err,
                    size_t err_size);

/* The built-in scene: the show's chosen effects in turn over `duration`
 * seconds, each section of 2.5 to about 8 s (all of one length) with its
 * own effect, character ramp, colours, hue mapping, background layer and
 * shader chain; transitions alternate cut and crossfade. */
int gfx_scene_default(gfx_scene *scene, double duration);
/* The built-in scene's number of looks: its sections before it repeats. */
int gfx_scene_default_looks(void);
/* The same sections for every effect, the show's first, seconds_each
 * long: the contact sheet's (an effect that reads the clip is black
 * without one). */
int gfx_scene_every_effect(gfx_scene *scene, double seconds_each);

/* Moves each hard cut between adjacent segments onto the music, by the
 * scene's rule: to the nearest beat within half a beat period (0.5 s
 * without a tempo); with "cuts": {"every_beats": n}, to the nearest n-th
 * beat within n half periods; with "cuts": {"at": "energy_drops"}, to the
 * nearest energy drop; never past the middle of either section. */
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

/* The composed look the benchmark's layered frame renders: plasma on the
 * sm grid, rings on md screened over it through a soft circle mask, stars
 * on lg added on top, the rainbow_trails feedback, and the benchmark's
 * five-shader chain. 0, or -1 with the line in err. */
int gfx_scene_layered_benchmark(gfx_scene *scene, char *err, size_t err_size);

/* Hands the scene the lyrics its lyric text layers show (moved: the scene
 * frees them). A scene without lyric layers gets one on top of every
 * section: the typewriter on the xl grid, lightening (a section
 * already at GFX_MAX_LAYERS keeps its layers). -1 with the line in err
 * when out of memory. */
int gfx_scene_set_lyrics(gfx_scene *scene, gfx_lyrics *lyrics, char *err, size_t err_size);
/* 0 when every lyric text layer has lyrics; else -1 with the line in err
 * naming the first such layer. */
int gfx_scene_check_lyrics(const gfx_scene *scene, const char *name, char *err, size_t err_size);

/* Video to ASCII, the built-in scene for a clip given as the only input:
 * one section of `duration` seconds holding the clip alone, a video layer
 * on the sm grid with edges (as gfx_scene_add_clip puts it), under a light
 * bloom and vignette. 0, or -1 when out of memory. */
int gfx_scene_clip(gfx_scene *scene, double duration);
/* For a render with a clip (--video): a scene without video layers gets one
 * on top of every section, the clip drawn whole: edges on, on the sm grid,
 * lightening (a section already at GFX_MAX_LAYERS keeps its layers). */
void gfx_scene_add_clip(gfx_scene *scene);
/* 0 when the scene's video layers have a clip to show (have_clip) or there
 * are none; else -1 with the line in err naming the first. */
int gfx_scene_check_clip(const gfx_scene *scene, int have_clip, const char *name, char *err,
                         size_t err_size);

void gfx_scene_free(gfx_scene *scene);

/* What plays at time t: *main the segment, and while its transition runs,
 * *outgoing the previous one and *progress the transition's eased progress
 * (0: all outgoing .. 1: all main); otherwise *outgoing is -1 and
 * *progress 1. */
void gfx_scene_at(const gfx_scene *scene, double t, int *main, int *outgoing, float *progress);

#endif
