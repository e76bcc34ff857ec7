/* glyphfx render, across its files: the options (render_options.c), the
 * one-shot modes (render_modes.c) and the run (cmd_render.c). */
#ifndef GFX_TOOLS_RENDER_H
#define GFX_TOOLS_RENDER_H

#include <stdint.h>

#include "audio_features.h"
#include "profile.h"
#include "scene.h"

#define RENDER_DEFAULT_DURATION 30.0
#define RENDER_DEFAULT_BPM 120.0
#define RENDER_SLURM_OPTS_MAX 32

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
    int parts;                    /* --parts N (alias --segments N): 0 = one encoder */
    int shard_index, shard_count; /* --shard I/N: 0/0 = whole render */
    int resume;
    int join;  /* --join: join the parts only */
    int slurm; /* --slurm N: submit N shards and a join to Slurm; 0: none */
    const char *slurm_opts[RENDER_SLURM_OPTS_MAX]; /* --slurm-opt OPT, each passed to sbatch */
    int n_slurm_opts;
    int wait; /* --wait: with --slurm, wait for the join */
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

/* The command line of one shard of a --slurm render: `program` (absolute),
 * "render", then argv's options less those that choose the mode (--slurm,
 * --slurm-opt, --wait, --resume, --parts/--segments, --shard, --join, -o),
 * with the input, --scene and --font made absolute, then "-o OUTPUT" with
 * OUTPUT absolute. A malloc'd array of *n strings (render_args_free).
 * NULL when out of memory. */
char **render_shard_args(int argc, char **argv, const char *program, const char *output, int *n);
void render_args_free(char **args, int n);

/* The one-shot modes. Each returns the exit status after printing. */
void render_print_catalogue(void);
int render_test_frame(const struct render_options *o, const gfx_profile *p, const gfx_scene *scene,
                      const gfx_feature_track *track);
int render_contact_sheet(const struct render_options *o, const gfx_feature_track *track,
                         double fps);
int render_stage_times(const struct render_options *o, const gfx_profile *p,
                       const gfx_feature_track *track);

#endif
