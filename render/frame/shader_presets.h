/* Named shader settings a scene can ask for by name: the 11 tints (RGB
 * multipliers, run as one color_grade step) and the 9 moods (short shader
 * chains). In a scene's "shaders" array {"tint": "sepia"} stands for one
 * step and {"mood": "cinematic"} for its whole chain, in place. */
#ifndef GFX_SHADER_PRESETS_H
#define GFX_SHADER_PRESETS_H

#include "shaders.h"

typedef struct gfx_tint {
    const char *name;
    float red, green, blue;
} gfx_tint;

#define GFX_TINTS 11
const gfx_tint *gfx_tint_at(int i);
int gfx_tint_find(const char *name); /* -1 if unknown */
/* The color_grade step with the tint's multipliers. */
gfx_shader_step gfx_tint_step(int tint);

#define GFX_MOODS 9
#define GFX_MOOD_MAX_STEPS 6
const char *gfx_mood_name(int mood);
const char *gfx_mood_summary(int mood);
int gfx_mood_find(const char *name); /* -1 if unknown */
/* Writes the mood's steps (every parameter not set by the mood at its
 * default) to out and returns how many, or -1 when more than `room`. */
int gfx_mood_expand(int mood, gfx_shader_step *out, int room);

#endif
