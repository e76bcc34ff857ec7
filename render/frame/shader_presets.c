#include "shader_presets.h"

#include <string.h>

/* The catalogue's multipliers, exactly. */
static const gfx_tint tints[GFX_TINTS] = {
    {"warm", 1.15f, 1.0f, 0.85f}, {"cool", 0.85f, 0.95f, 1.15f}, {"matrix", 0.7f, 1.2f, 0.7f},
    {"amber", 1.2f, 0.9f, 0.6f},  {"sepia", 1.2f, 1.05f, 0.8f},  {"neon_pink", 1.3f, 0.7f, 1.1f},
    {"ice", 0.8f, 1.0f, 1.3f},    {"blood", 1.4f, 0.7f, 0.7f},   {"forest", 0.8f, 1.15f, 0.75f},
    {"void", 0.85f, 0.85f, 1.1f}, {"sunset", 1.3f, 0.85f, 0.7f},
};

const gfx_tint *gfx_tint_at(int i)
{
    return &tints[i];
}

int gfx_tint_find(const char *name)
{
    for (int i = 0; i < GFX_TINTS; i++)
        if (!strcmp(name, tints[i].name))
            return i;
    return -1;
}

gfx_shader_step gfx_tint_step(int tint)
{
    gfx_shader_step s = gfx_shader_step_default(GFX_SHADER_COLOR_GRADE);
    s.params[0] = gfx_param_constant(tints[tint].red);
    s.params[1] = gfx_param_constant(tints[tint].green);
    s.params[2] = gfx_param_constant(tints[tint].blue);
    return s;
}

/* A step: the shader and its first n parameters (the rest at default). */
struct mood_step {
    int shader, n;
    float p[3];
};
struct mood {
    const char *name, *summary;
    struct mood_step steps[GFX_MOOD_MAX_STEPS];
    int n;
};

#define STEP(shader, ...)                                                                          \
    {                                                                                              \
        shader, (int)(sizeof((float[]){__VA_ARGS__}) / sizeof(float)),                             \
        {                                                                                          \
            __VA_ARGS__                                                                            \
        }                                                                                          \
    }

/* The catalogue names each mood's shaders; its numbers come from the example
 * chains (matrix: crt 0.05, scanlines 0.12, the matrix tint, bloom 100;
 * cathedral: bloom 100, chromatic 5, color_wobble 0.2, vignette 0.18); the
 * rest are chosen here ("light", "strong", "low" read as below). Feedback
 * is the section's own "feedback" key, not a shader. */
static const struct mood moods[GFX_MOODS] = {
    {"retro_terminal",
     "green phosphor on a curved tube",
     {STEP(GFX_SHADER_BLOOM, 100.0f), STEP(GFX_SHADER_COLOR_GRADE, 0.7f, 1.2f, 0.7f),
      STEP(GFX_SHADER_CRT, 0.05f), STEP(GFX_SHADER_SCANLINES, 0.12f), STEP(GFX_SHADER_GRAIN, 8.0f)},
     5},
    {"clean_modern",
     "light glow, subtle edges",
     {STEP(GFX_SHADER_BLOOM, 160.0f, 0.4f), STEP(GFX_SHADER_VIGNETTE, 0.15f)},
     2},
    {"glitch_art",
     "split, unstable colour, torn rows and sorted runs",
     {STEP(GFX_SHADER_CHROMATIC, 6.0f), STEP(GFX_SHADER_GLITCH_BANDS),
      STEP(GFX_SHADER_COLOR_WOBBLE, 0.4f), STEP(GFX_SHADER_PIXEL_SORT),
      STEP(GFX_SHADER_CONTRAST, 1.25f)},
     5},
    {"cinematic",
     "warm film look",
     {STEP(GFX_SHADER_BLOOM, 120.0f, 0.6f), STEP(GFX_SHADER_COLOR_GRADE, 1.08f, 1.0f, 0.9f),
      STEP(GFX_SHADER_VIGNETTE, 0.22f), STEP(GFX_SHADER_GRAIN, 6.0f)},
     4},
    {"dreamy",
     "soft glowing haze",
     {STEP(GFX_SHADER_BLOOM, 50.0f, 1.0f), STEP(GFX_SHADER_SOFT_FOCUS, 0.4f),
      STEP(GFX_SHADER_COLOR_WOBBLE, 0.15f, 2.0f), STEP(GFX_SHADER_CONTRAST, 0.8f)},
     4},
    {"harsh_industrial",
     "hard and gritty, no glow",
     {STEP(GFX_SHADER_CONTRAST, 1.6f), STEP(GFX_SHADER_GRAIN, 14.0f),
      STEP(GFX_SHADER_SCANLINES, 0.3f)},
     3},
    {"psychedelic",
     "saturated, shifting colour, folded into a kaleidoscope",
     {STEP(GFX_SHADER_KALEIDOSCOPE, 6.0f), STEP(GFX_SHADER_BLOOM, 100.0f),
      STEP(GFX_SHADER_SATURATION, 1.8f), STEP(GFX_SHADER_COLOR_WOBBLE, 0.2f),
      STEP(GFX_SHADER_CHROMATIC, 5.0f), STEP(GFX_SHADER_VIGNETTE, 0.18f)},
     6},
    {"data_corruption",
     "banded, broken data",
     {STEP(GFX_SHADER_PIXEL_SORT), STEP(GFX_SHADER_DATA_BEND), STEP(GFX_SHADER_BLOCK_GLITCH),
      STEP(GFX_SHADER_POSTERIZE, 4.0f), STEP(GFX_SHADER_CHROMATIC, 3.0f)},
     5},
    {"recursive_infinite",
     "glow for a zoom feedback (the section's own key)",
     {STEP(GFX_SHADER_SATURATION, 1.3f), STEP(GFX_SHADER_BLOOM, 110.0f),
      STEP(GFX_SHADER_VIGNETTE, 0.2f)},
     3},
};

const char *gfx_mood_name(int mood)
{
    return moods[mood].name;
}

const char *gfx_mood_summary(int mood)
{
    return moods[mood].summary;
}

int gfx_mood_find(const char *name)
{
    for (int i = 0; i < GFX_MOODS; i++)
        if (!strcmp(name, moods[i].name))
            return i;
    return -1;
}

int gfx_mood_expand(int mood, gfx_shader_step *out, int room)
{
    const struct mood *m = &moods[mood];
    if (m->n > room)
        return -1;
    for (int i = 0; i < m->n; i++) {
        const struct mood_step *s = &m->steps[i];
        out[i] = gfx_shader_step_default(s->shader);
        for (int j = 0; j < s->n; j++)
            out[i].params[j] = gfx_param_constant(s->p[j]);
    }
    return m->n;
}
