/* Combining two value fields per cell (../shared/catalogue.md 3e): a
 * layer's own field `a` with a second effect's field `b`, both in [0, 1]
 * on the same grid, into `a`:
 *   add         min(a + b, 1)          clipped sum (union)
 *   multiply    a b                    intersection
 *   difference  |a - b|                XOR-like interference
 *   modulate    a (0.3 + 0.7 b)        b modulates a's brightness
 *   max         max(a, b)
 *   min         min(a, b)
 *   mix         a + (b - a) amount     amount in [0, 1]
 * The result stays in [0, 1]; the hue stays a's. */
#ifndef GFX_COMBINE_H
#define GFX_COMBINE_H

enum gfx_combine_op {
    GFX_COMBINE_ADD = 0,
    GFX_COMBINE_MULTIPLY,
    GFX_COMBINE_DIFFERENCE,
    GFX_COMBINE_MODULATE,
    GFX_COMBINE_MAX,
    GFX_COMBINE_MIN,
    GFX_COMBINE_MIX,
    GFX_COMBINE_OPS
};

const char *gfx_combine_name(int op);   /* NULL if out of range */
int gfx_combine_find(const char *name); /* -1 if unknown */
/* "add|multiply|...", for error messages and --list. */
const char *gfx_combine_choices(void);

/* a[i] = op(a[i], b[i]) for i < n; amount is read by mix only. */
void gfx_combine_apply(int op, float amount, float *a, const float *b, int n);

#endif
