/* Pieces of the simulation fields (reaction_diffusion.c, game_of_life.c)
 * that tests check on their own. Internal to render/frame/effects/.
 *
 * Both simulations live on the grid's own lattice of rows x cols cells,
 * wrapped at the edges (a torus); render() reads the lattice at the
 * position each cell reads (grid->col, grid->row), rounded and wrapped. */
#ifndef GFX_SIM_FIELDS_H
#define GFX_SIM_FIELDS_H

#include <stdint.h>

/* A Life-like rule: bit n of birth (survive) set when a dead (live) cell
 * with n live Moore neighbours is alive in the next generation. */
typedef struct fx_life_rule {
    const char *name, *bs; /* "life", "B3/S23" */
    uint16_t birth, survive;
} fx_life_rule;

#define FX_LIFE_RULES 5
/* life, coral, maze, anneal, day_night: the game_of_life "rule" index. */
extern const fx_life_rule fx_life_rules[FX_LIFE_RULES];

/* One generation of `rule` from `in` to `out` (rows x cols bytes, 1 alive,
 * 0 dead, wrapped at the edges; in and out must not overlap). */
void fx_life_generation(const fx_life_rule *rule, int rows, int cols, const uint8_t *in,
                        uint8_t *out);

/* Gray-Scott: one explicit step (dt 1) of A and B (rows x cols each) into
 * a_out, b_out: A += Da lap(A) - A B^2 + feed (1 - A), B += Db lap(B) +
 * A B^2 - (feed + kill) B, both clamped to [0, 1]. lap is the 3x3 stencil
 * with centre -1, edges 0.2, corners 0.05, wrapped. */
void fx_gray_scott_step(int rows, int cols, const float *a, const float *b, float *a_out,
                        float *b_out, float feed, float kill, float da, float db);

#endif
