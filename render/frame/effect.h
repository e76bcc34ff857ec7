/* Effects: pure functions from (grid, features, frame, seed, params) to a
 * per-cell intensity and hue. The colour stage (palette.h) turns these into
 * glyphs and RGB cells for the blit kernel.
 *
 * Purity: an effect keeps no state between calls, except a simulation's,
 * which the renderer owns and replays (gfx_effect_sim below). Anything
 * else that looks like state (rain heads, particles) is computed in closed
 * form from time, or
 * replayed from spawn events found in the feature track (beats before
 * `frame`), with randomness from gfx_hash32 of (seed, event, index). So
 * rendering frame 1000 alone gives the same bytes as after frames 0..999. */
#ifndef GFX_EFFECT_H
#define GFX_EFFECT_H

#include <stddef.h>
#include <stdint.h>

#include "audio_features.h"

/* A grid of cells and its cached coordinate fields (computed once per grid). */
typedef struct gfx_grid {
    int rows, cols;
    int cell_w, cell_h;     /* pixels */
    int origin_x, origin_y; /* pixel position of cell (0, 0): the grid is centred */
    float aspect;           /* cell_h / cell_w: makes distances round on screen */
    /* rows*cols each, row-major */
    const float *dist;   /* distance from the centre in cell widths, aspect-corrected */
    const float *angle;  /* atan2 around the centre, radians in [-pi, pi] */
    const float *dist_n; /* dist / max(dist): 0 at the centre, 1 at the farthest cell */
    /* The position each cell reads, in cells: (c, r) on a plain grid. A
     * field whose formula names the column or row reads these, never its
     * loop indices, so that a coordinate transform moves it. */
    const float *col, *row;
} gfx_grid;

/* An effect parameter: name, default and allowed range (inclusive). Scene
 * files may set any of these; the scene parser rejects others. */
typedef struct gfx_param_desc {
    const char *name;
    float def, min, max;
    const char *help;
} gfx_param_desc;

#define GFX_MAX_PARAMS 8

typedef struct gfx_effect_ctx {
    const gfx_grid *grid;
    const gfx_feature_track *track; /* whole track: for replaying past events */
    const gfx_features *feat;       /* this frame's features */
    int frame;
    double time; /* frame / fps, seconds */
    double fps;
    uint32_t seed;
    int particle_cap; /* this effect's cap: gfx_effect_particle_cap(); <= 0: its standard cap */
    float params[GFX_MAX_PARAMS]; /* in the order of the effect's param table */
    void *state; /* the effect's gfx_effect_sim state at this frame; NULL without one */
    /* For effects that read the clip (reads_video): its picture's cell
     * stats on this grid at this frame (gfx_kernels.h); NULL without one. */
    const struct gfx_cell_planes *video;
} gfx_effect_ctx;

/* Writes rows*cols values:
 *   value[i] in [0, 1]: 0 = empty cell, 1 = densest glyph, brightest colour
 *   hue[i] in [0, 1): the effect's own hue suggestion (used when the scene's
 *   hue mapping is "effect"; e.g. spectrum bars by band, particles by age).
 * Both arrays are fully written (no reliance on previous contents).
 *
 * Glyph pick: an effect whose cells keep their glyph whatever their
 * brightness (rain's katakana stay in place as trails pass) adds an integer
 * k in [1, GFX_GLYPH_PICKS) to hue[i]. The colour stage then shows ramp
 * glyph 1 + (k - 1) mod (n - 1) wherever the value shows a glyph at all,
 * the value setting only the colour and its brightness; the hue is the
 * fractional part (hue mappings are cyclic, so it always was). Below 4096
 * the fraction keeps 12 bits, more than the palette's 8. */
#define GFX_GLYPH_PICKS 4096
typedef void (*gfx_effect_fn)(const gfx_effect_ctx *ctx, float *value, float *hue);

/* Effects that carry state from frame to frame (simulations: reaction-
 * diffusion, life, boids) describe it here; the renderer owns the state.
 * It is initialised at the section's first frame and stepped once per
 * frame after it, so frame f's state is a pure function of the scene, the
 * features and the seed: a renderer that starts mid-section (another
 * worker, a shard, a frame range) replays the steps from the section's
 * start. Steps see only the grid, features and params, never pixels, so a
 * replay costs the steps alone. render() then reads ctx->state. */
typedef struct gfx_effect_sim {
    size_t (*state_bytes)(const gfx_grid *grid, const float *params);
    /* ctx->frame is the section's first frame; state is zeroed before. */
    void (*init)(const gfx_effect_ctx *ctx, void *state);
    /* Advances the state from frame ctx->frame - 1 to ctx->frame. */
    void (*step)(const gfx_effect_ctx *ctx, void *state);
} gfx_effect_sim;

/* The effect's family, as the README and the catalogue count them, for
 * catalogues and contact sheets (glyphfx render --list, --sheet fields ...).
 * Every effect names one; 0 is "none", which the registry's test refuses.
 *   classic     the first effects that are not particle systems: rain,
 *               fire, plasma, tunnel, rings, spiral, bars, waveform
 *   character   the character-level effects: backgrounds, rays, glow,
 *               frequency waves, spectrum, glitches, error text, hex
 *               streams, ice fire, screen shake
 *   particles   particle systems, whether replayed in closed form from
 *               the beats (explosion, embers, starfield, dissolve, orbit)
 *               or stepped as a simulation (boids, flow field, trails,
 *               gravity well: they have a sim)
 *   field       the value-field generators: trigonometric and noise
 *               fields, voronoi, SDF shapes
 *   simulation  the field simulations: reaction-diffusion, game of life,
 *               strange attractors (whose density is closed form: no sim)
 *   video       the clip's picture (reads_video) */
enum gfx_effect_group {
    GFX_EFFECT_GROUP_NONE = 0,
    GFX_EFFECT_CLASSIC,
    GFX_EFFECT_CHARACTER,
    GFX_EFFECT_PARTICLES,
    GFX_EFFECT_FIELD,
    GFX_EFFECT_SIMULATION,
    GFX_EFFECT_VIDEO,
    GFX_EFFECT_GROUPS
};

/* "classic", "character", ...; "none" for 0 and out-of-range values. */
const char *gfx_effect_group_name(int group);

typedef struct gfx_effect_desc {
    const char *name;
    const char *summary;
    gfx_effect_fn render;
    const gfx_param_desc *params; /* n_params entries */
    int n_params;
    const char *default_ramp; /* palette.h ramp name that suits it, e.g. "katakana" for rain */
    int particle_caps[3]; /* the seed's caps for low, standard, high profiles; 0: no particles */
    const gfx_effect_sim *sim; /* NULL: stateless */
    int reads_video;           /* 1: the renderer hands it the clip's cells (ctx->video) */
    enum gfx_effect_group group;
} gfx_effect_desc;

/* A particle system's cap for a quality profile's particles_max (the seed's
 * table: up to 500 reads as low, up to 1200 as standard, above as high);
 * 0 for effects without particles. The renderer passes it in
 * gfx_effect_ctx.particle_cap; the effect keeps the newest particles. */
int gfx_effect_particle_cap(const gfx_effect_desc *effect, int particles_max);

/* Registry of all effects, in a stable order. */
int gfx_effect_count(void);
const gfx_effect_desc *gfx_effect_at(int i);
const gfx_effect_desc *gfx_effect_find(const char *name); /* NULL if unknown */

#endif
