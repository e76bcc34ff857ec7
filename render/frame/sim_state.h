/* The simulations' state (effect.h's gfx_effect_sim), owned by a renderer.
 *
 * One slot per simulated field the renderer has run, keyed by everything
 * the state is a function of: the field (its parameter array, one per
 * layer or mask field of a scene), the effect, the grid, the feature track,
 * the seed and the section's first frame. A slot remembers the frame it was
 * stepped to. Asking for frame f steps it from there when that lies behind
 * f; otherwise (a new slot, or an earlier frame) it starts again: zeroed,
 * init at the section's first frame, then one step per frame up to f.
 * In order that is one step a frame; a frame alone costs (f - first) steps.
 * So the state at f never depends on what the renderer did before. */
#ifndef GFX_SIM_STATE_H
#define GFX_SIM_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "effect.h"

typedef struct gfx_sim_states gfx_sim_states;

typedef struct gfx_sim_key {
    const void *field; /* the field's parameter array: tells layers apart */
    const gfx_effect_desc *effect;
    const gfx_grid *grid;
    const gfx_feature_track *track;
    uint32_t seed;
    int first; /* the section's first frame: init runs there */
} gfx_sim_key;

/* Fills *ctx as the effect sees frame `frame` (params evaluated there),
 * ctx->state left NULL. */
typedef void (*gfx_sim_ctx_fn)(const void *user, int frame, gfx_effect_ctx *ctx);

/* NULL when out of memory. */
gfx_sim_states *gfx_sim_states_create(void);
void gfx_sim_states_free(gfx_sim_states *states);
size_t gfx_sim_states_bytes(const gfx_sim_states *states);
/* Forgets every state (keeping the memory): keys hold pointers into a
 * scene, which another scene may reuse, so a renderer calls this when it
 * is prepared for a scene. */
void gfx_sim_states_forget(gfx_sim_states *states);

/* The state of key's field at `frame` (a frame before the first reads the
 * first frame's state), stepped or replayed as above; ctx_at(user, g, ...)
 * builds each frame's context. NULL with one line in err when out of
 * memory. Valid until the next call. */
void *gfx_sim_state_at(gfx_sim_states *states, const gfx_sim_key *key, int frame,
                       gfx_sim_ctx_fn ctx_at, const void *user, char *err, size_t err_size);

#endif
