/* glyphfx render, across its files: the options (render_options.c), the
 * one-shot modes (render_modes.c) and the run (cmd_render.c). */
#ifndef GFX_TOOLS_RENDER_H
#define GFX_TOOLS_RENDER_H

#include <stdint.h>

#include "audio_features.h"
#include "profile.h"
#include "progress.h"
#include "scene.h"

#define RENDER_DEFAULT_DURATION 30.0
#define RENDER_DEFAULT_BPM 120.0
#define GFX_EXIT_INTERRUPTED 130

struct render_options {
    const char *audio; /* positional input, or NULL: synthesized features */
    const char *png_dir;
    const char *output; /* -o */
    const char *scene_path;
    const char *font_path;
    const char *contact_sheet;
    int quality;       /* index into render_qualities: draft|preview|production|max|auto */
    int width, height; /* 0: the profile's */
    double fps;        /* 0: the profile's */
    double duration;   /* 0: the input's, the scene's, or RENDER_DEFAULT_DURATION */
    double test_frame; /* < 0: none */
    int first, last;   /* --frames A:B, last < 0: all */
    uint32_t seed;
    double bpm;
    int workers;
    int pin;                      /* enum gfx_pin */
    int segments;                 /* --segments N: 0 = one encoder */
    int shard_index, shard_count; /* --shard I/N: 0/0 = whole render */
    int resume;
    int null_sink;
    int crf;    /* -1: the profile's */
    int preset; /* index into render_presets; -1: the sink's default */
    int quiet;  /* no progress, no profile line, no verification */
    int stage_times;
    int list;
};

extern const char *const render_qualities[]; /* NULL-terminated; "auto" last */
extern const char *const render_presets[];   /* x264's, NULL-terminated */

/* Fills o from argv: 0, 1 after printing the usage (--help), or 2 after one
 * line saying what is wrong. */
int render_parse_options(int argc, char **argv, struct render_options *o);

/* The one-shot modes. Each returns the exit status after printing. */
void render_print_catalogue(void);
int render_test_frame(const struct render_options *o, const gfx_profile *p, const gfx_scene *scene,
                      const gfx_feature_track *track);
/* Where --test-frame writes: -o, or test_frame.png in --png-dir or here.
 * Its length, or -1 when it does not fit in size. */
int render_test_frame_path(const struct render_options *o, char *path, size_t size);
int render_contact_sheet(const struct render_options *o, const gfx_feature_track *track,
                         double fps);
int render_stage_times(const struct render_options *o, const gfx_profile *p,
                       const gfx_feature_track *track);

/* The progress bar on stderr (progress_bar.c), for the render job. */
const gfx_progress_view *render_progress_bar(void);

#endif
