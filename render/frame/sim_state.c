#include "sim_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Enough for a transition's two sections of GFX_MAX_LAYERS layers, each
 * with a mask field; more fields than this take the least recently used
 * slot, which only costs a replay. */
#define SIM_SLOTS 32

struct sim_slot {
    gfx_sim_key key;
    int in_use;
    int frame; /* the frame the state was stepped to */
    unsigned used;
    void *state;
    size_t capacity;
};

struct gfx_sim_states {
    struct sim_slot slots[SIM_SLOTS];
    unsigned clock;
};

gfx_sim_states *gfx_sim_states_create(void)
{
    return calloc(1, sizeof(gfx_sim_states));
}

void gfx_sim_states_free(gfx_sim_states *states)
{
    if (!states)
        return;
    for (int i = 0; i < SIM_SLOTS; i++)
        free(states->slots[i].state);
    free(states);
}

size_t gfx_sim_states_bytes(const gfx_sim_states *states)
{
    size_t bytes = sizeof *states;
    for (int i = 0; i < SIM_SLOTS; i++)
        bytes += states->slots[i].capacity;
    return bytes;
}

void gfx_sim_states_forget(gfx_sim_states *states)
{
    for (int i = 0; i < SIM_SLOTS; i++)
        states->slots[i].in_use = 0;
}

static int same_key(const gfx_sim_key *a, const gfx_sim_key *b)
{
    return a->field == b->field && a->effect == b->effect && a->grid == b->grid &&
           a->track == b->track && a->seed == b->seed && a->first == b->first;
}

static struct sim_slot *find_slot(gfx_sim_states *states, const gfx_sim_key *key)
{
    struct sim_slot *oldest = &states->slots[0];
    for (int i = 0; i < SIM_SLOTS; i++) {
        struct sim_slot *s = &states->slots[i];
        if (s->in_use && same_key(&s->key, key))
            return s;
        if (!s->in_use ? oldest->in_use : (oldest->in_use && s->used < oldest->used))
            oldest = s;
    }
    oldest->in_use = 0; /* taken over: started again below */
    oldest->key = *key;
    return oldest;
}

/* Zeroed state, init at the section's first frame. */
static int start_over(struct sim_slot *s, gfx_sim_ctx_fn ctx_at, const void *user, char *err,
                      size_t err_size)
{
    const gfx_effect_sim *sim = s->key.effect->sim;
    gfx_effect_ctx ctx;
    ctx_at(user, s->key.first, &ctx);
    size_t bytes = sim->state_bytes(s->key.grid, ctx.params);
    if (bytes > s->capacity) {
        void *grown = realloc(s->state, bytes);
        if (!grown) {
            snprintf(err, err_size, "out of memory for %s's state (%zu bytes)", s->key.effect->name,
                     bytes);
            return -1;
        }
        s->state = grown;
        s->capacity = bytes;
    }
    memset(s->state, 0, bytes);
    ctx.state = s->state;
    sim->init(&ctx, s->state);
    s->frame = s->key.first;
    s->in_use = 1;
    return 0;
}

void *gfx_sim_state_at(gfx_sim_states *states, const gfx_sim_key *key, int frame,
                       gfx_sim_ctx_fn ctx_at, const void *user, char *err, size_t err_size)
{
    struct sim_slot *s = find_slot(states, key);
    s->used = ++states->clock;
    int target = frame < key->first ? key->first : frame;
    if ((!s->in_use || s->frame > target) && start_over(s, ctx_at, user, err, err_size))
        return NULL;
    const gfx_effect_sim *sim = key->effect->sim;
    while (s->frame < target) {
        gfx_effect_ctx ctx;
        ctx_at(user, s->frame + 1, &ctx);
        ctx.state = s->state;
        sim->step(&ctx, s->state);
        s->frame++;
    }
    return s->state;
}
