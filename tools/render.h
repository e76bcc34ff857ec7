/* glyphfx render, across its files: the options (render_options.c), the
 * checks of its outputs and the exit status (render_outputs.c), the one-shot
 * modes (render_modes.c), cluster jobs (render_cluster.c) and the run
 * (cmd_render.c). */
#ifndef GFX_TOOLS_RENDER_H
#define GFX_TOOLS_RENDER_H

#include <stdint.h>

#include "audio_features.h"
#include "job.h"
#include "profile.h"
#include "progress.h"
#include "scene.h"

#define RENDER_DEFAULT_DURATION 30.0
#define RENDER_DEFAULT_BPM 120.0
#define GFX_EXIT_INTERRUPTED 130
#define RENDER_SLURM_OPTS_MAX 32

struct render_options {
    const char *audio; /* positional input, or NULL: synthesized features */
    const char *png_dir;
    const char *output; /* -o */
    const char *scene_path;
    const char *lyrics_path;    /* --lyrics FILE.srt */
    const char *video_path;     /* --video CLIP: its picture over the frames */
    const char *narration_path; /* --narration FILE: spoken under the music (narration.h) */
    const char *voice;          /* --voice NAME: espeak-ng's voice; NULL: en */
    double image_fps;           /* --image-fps N: an image sequence's rate; 0: the default */
    const char *clip;           /* the picture shown: --video, or the song when it is a clip (set by
                         render_attach_clip); NULL: none */
    const char *font_path;
    const char *contact_sheet;
    int sheet; /* index into render_sheets: what --contact-sheet tiles */
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
    int alpha;  /* --alpha: frames with transparency (.mov, .webm, --png-dir) */
    int crf;    /* -1: the profile's */
    int preset; /* index into render_presets; -1: the sink's default */
    int quiet;  /* no progress, no profile line, no verification */
    int stage_times;
    int list;
};

extern const char *const render_qualities[]; /* NULL-terminated; "auto" last */
extern const char *const render_sheets[];    /* NULL-terminated; "effects" first */
extern const char *const render_presets[];   /* x264's, NULL-terminated */

/* Fills o from argv: 0, 1 after printing the usage (--help), or 2 after one
 * line saying what is wrong. */
int render_parse_options(int argc, char **argv, struct render_options *o);

/* Another command taking some of render's options (glyphfx play): opts
 * points to a struct that starts with struct render_options (so the shared
 * options' offsets hold), followed by the fields of `extra`. */
struct gfx_option;
typedef struct render_subset {
    const char *prog;               /* "glyphfx play" */
    const char *const *shared;      /* render's option names, NULL-terminated */
    const struct gfx_option *extra; /* the command's own */
    int n_extra;
} render_subset;
/* Sets render's defaults, then parses like render_parse_options (the same
 * input rules), returning GFX_OPTIONS_OK, _HELP (nothing printed) or _BAD. */
int render_parse_subset(int argc, char **argv, const render_subset *subset, void *opts);

/* The command line of one shard of a --slurm render: `program` (absolute),
 * "render", then argv's options less those that choose the mode (--slurm,
 * --slurm-opt, --wait, --resume, --parts/--segments, --shard, --join, -o),
 * with the input, --scene and --font made absolute, then "-o OUTPUT" with
 * OUTPUT absolute. A malloc'd array of *n strings (render_args_free).
 * NULL when out of memory. */
char **render_shard_args(int argc, char **argv, const char *program, const char *output, int *n);
void render_args_free(char **args, int n);

/* Frames go to ffmpeg (-o with a video extension, not a test frame). */
int render_wants_video(const struct render_options *o);
/* Prints a library's line, if it has one, and returns the exit status the
 * status means: 1 a failure of the machine or a program, 2 bad input, 130
 * interrupted (also for any failure after a Ctrl-C). */
int render_exit_status(gfx_status status, const char *msg);
/* The same, the line starting "PROG: " (another command's name). */
int render_exit_status_as(const char *prog, gfx_status status, const char *msg);
/* 0, or the exit status after a line starting "PROG: ": the font cannot be
 * used. */
int render_check_font(const char *prog, const char *path);
/* No output named: demo.mp4, or the song's name with .mp4, here (in buf);
 * .mov with --alpha. */
void render_default_output(struct render_options *o, char *buf, size_t size);
/* 0, or 2 after a line: --alpha with a mode that writes no frames with
 * transparency (a test frame, a contact sheet, stage times, --null). The
 * video formats are the sink's check (.mp4 and .gif refused there). */
int render_check_alpha(const struct render_options *o);

/* ---- inputs (render_inputs.c) */
/* 0, or the exit status after one line: --video is not a video, image or
 * image sequence, or --image-fps comes without it. */
int render_check_video_input(const struct render_options *o);
/* Finds the clip (o->clip), builds the built-in scene when there is no
 * --scene (the clip alone when it is the only input, else the show,
 * `duration` seconds) and gives the scene its video layer when it has
 * none: 0, or the exit status after one line (the scene's video layers
 * have no clip to show). Before render_attach_lyrics: lyrics go on top. */
int render_attach_clip(struct render_options *o, gfx_scene *scene, double duration);
/* --lyrics into the scene, and every lyric layer has lyrics: 0, or the
 * exit status after one line. */
int render_attach_lyrics(const struct render_options *o, gfx_scene *scene);
/* --narration needs a video with sound, espeak-ng and a UTF-8 text: 0, or
 * the exit status after one line (checked before anything is written). */
int render_check_narration(const struct render_options *o);
/* 0, or 2 after a line: an output is one of the inputs (song, scene, font). */
int render_check_outputs(const struct render_options *o);
/* The --png-dir to create with its parents, or NULL. */
const char *render_directory_to_make(const struct render_options *o);

/* The profile of --quality (auto: measured here, a line on stderr after
 * "PROG: " unless --quiet) with --resolution and --fps applied. */
gfx_profile render_choose_profile(const struct render_options *o, const char *prog,
                                  double duration);
/* The features of every frame: the song's, the built-in soundtrack's (when
 * `soundtrack`, without a song) or synthesized; *duration becomes the
 * render's. 0, or the exit status after lines starting "PROG: ". */
struct gfx_feature_source;
int render_open_features(const struct render_options *o, const char *prog, int soundtrack,
                         double fps, double *duration, struct gfx_feature_source *src);

/* When every shard is done: the command that joins them, on stderr. */
void render_print_finish_hint(int argc, char **argv, const char *output);
/* --slurm N: submits the shards and the join of job's n_frames, and with
 * --wait follows them. The exit status, after printing. */
int render_slurm(const struct render_options *o, gfx_job *job, int n_frames, int argc, char **argv);

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
