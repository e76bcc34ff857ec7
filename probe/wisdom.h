/* Wisdom (after FFTW's): which variant of each kernel is fastest on this
 * machine, per frame size, as `glyphfx tune` measured it (gfx_tune_run),
 * kept in a JSON file that later runs import. Every variant computes the same
 * bytes, so wisdom changes speed only: a wisdom file that is missing, broken,
 * from another machine or names a variant this CPU lacks is ignored (with one
 * line saying why), never an error that stops a render.
 *
 * Where: GLYPHFX_WISDOM=FILE, else $XDG_CONFIG_HOME/glyphfx/wisdom.json, else
 * ~/.config/glyphfx/wisdom.json; GLYPHFX_WISDOM=none disables it. A level
 * forced by GLYPHFX_ISA or --isa overrides wisdom for every kernel.
 *
 * Which size: the file holds a choice per kernel for each profile size; a
 * render takes the one whose pixel count is nearest its own frame's (the
 * kernels are memory bound, so what matters is how the frame sits in the
 * caches). Until the render's size is known, the production size's.
 *
 * The file:
 *   {"glyphfx_wisdom": 1,
 *    "glyphfx": {"version": "0.1.0", "commit": "..."},
 *    "machine": {"cpu_model": "...", "arch": "x86_64", "cpu_flags": "sse2 ...",
 *                "isa_available": ["scalar", ...]},
 *    "tuned": {"date": "...", "runs": 9, "quick": false, "clock": "...",
 *              "skipped": {"neon": "why"}},
 *    "sizes": [{"profile": "draft", "width": 960, "height": 540,
 *               "kernels": {"blit": {"best": "avx2", "ms": {"scalar": 1.9, ...}}, ...}}]}
 * It belongs to the machine whose cpu_model and cpu_flags match exactly. */
#ifndef GFX_WISDOM_H
#define GFX_WISDOM_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "gfx_kernels.h"
#include "status.h"

#define GFX_WISDOM_FORMAT 1
#define GFX_WISDOM_MAX_SIZES 8

typedef struct gfx_wisdom_size {
    char profile[16]; /* "production"; empty for a size that is no profile's */
    int width, height;
    signed char best[GFX_K_COUNT];         /* enum gfx_isa; -1: no choice */
    double ms[GFX_K_COUNT][GFX_ISA_COUNT]; /* median ms per call; 0: not timed */
} gfx_wisdom_size;

typedef struct gfx_wisdom {
    char cpu_model[128], cpu_flags[256], arch[16];
    char version[32], commit[48], date[32];
    unsigned isa_available; /* bits 1u << enum gfx_isa */
    int runs, quick;
    char skipped[GFX_ISA_COUNT][96]; /* why a level was not timed; empty if it was */
    int n_sizes;
    gfx_wisdom_size sizes[GFX_WISDOM_MAX_SIZES];
} gfx_wisdom;

/* The default file: $XDG_CONFIG_HOME/glyphfx/wisdom.json, or
 * $HOME/.config/glyphfx/wisdom.json. Returns 0, or -1 if neither variable
 * is set. */
int gfx_wisdom_default_path(char *buf, size_t size);

/* Reads and checks a wisdom file. A missing file, bad JSON or a field of the
 * wrong type is GFX_BAD_INPUT with one line in err ("PATH: what is wrong");
 * names this build does not know (a kernel, an ISA) are kept as "no choice"
 * and listed in `unknown` (may be NULL), so newer files still load. */
gfx_status gfx_wisdom_read(gfx_wisdom *w, const char *path, char *unknown, size_t unknown_size,
                           char *err, size_t err_size);
/* The file as JSON (the format above). */
cJSON *gfx_wisdom_to_json(const gfx_wisdom *w);
/* Writes w to path, creating its directory, under a temporary name renamed
 * when complete (an existing wisdom survives a failed write). */
gfx_status gfx_wisdom_write(const gfx_wisdom *w, const char *path, char *err, size_t err_size);

/* -------------------------------------------------- this process's wisdom */
enum gfx_wisdom_state {
    GFX_WISDOM_NONE,     /* no file at the default path, or not loaded yet */
    GFX_WISDOM_DISABLED, /* GLYPHFX_WISDOM=none */
    GFX_WISDOM_FORCED,   /* a forced ISA level overrides it */
    GFX_WISDOM_IGNORED,  /* a file was found but not used: `why` says why */
    GFX_WISDOM_USED
};

typedef struct gfx_wisdom_status {
    enum gfx_wisdom_state state;
    char path[4096]; /* the file looked at; empty when none */
    char why[6144];  /* one line: why it is not used, or notes on a used one */
    gfx_wisdom wisdom;
    int width, height; /* the frame size the choice was made for */
    int size_index;    /* wisdom.sizes[] the choice came from */
    /* per kernel: the variant wisdom put in the table, or -1 (the default
     * kept: no choice, or one this CPU and build cannot run, see note) */
    signed char chosen[GFX_K_COUNT];
    char note[GFX_K_COUNT][96];
} gfx_wisdom_status;

/* Finds, reads and applies this process's wisdom (for the production size).
 * Returns 0 if it is used or there is none to use; 1 if a good file is
 * ignored (another machine's: a note); 2 if the file cannot be read or is
 * malformed (a warning). Either way msg has one line (no prefix, no
 * newline) naming the file and why, and the default kernels stay. */
int gfx_wisdom_load(char *msg, size_t size);
/* Chooses again for a frame size (a render's): call before worker threads
 * start. Does nothing unless wisdom is in use. */
void gfx_wisdom_apply(int width, int height);
const gfx_wisdom_status *gfx_wisdom_status_get(void);
const char *gfx_wisdom_state_name(enum gfx_wisdom_state state);
/* The status as JSON, for `glyphfx probe --json`. */
cJSON *gfx_wisdom_status_json(void);

#endif
