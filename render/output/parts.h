/* Video parts: a render split into contiguous frame ranges ("parts"), each
 * encoded to its own file, possibly by different processes on different
 * hosts, and joined by ffmpeg's concat demuxer as a stream copy (every part
 * starts with its own keyframe).
 *
 * On disk, everything lives in one directory beside the output, OUTPUT.parts,
 * where OUTPUT is the output made absolute (realpath of its directory, plus
 * its name), so a shard started from another working directory finds the
 * same directory:
 *
 *   OUTPUT.parts/plan.json       the plan, written once (see gfx_plan_open)
 *   OUTPUT.parts/part-0003.mp4   part 3's video
 *   OUTPUT.parts/part-0003.done  part 3's record: JSON {version, index, first,
 *                                last, frames, bytes, checksum, settings_key}
 *   OUTPUT.parts/.part-0003.glyphfx-tmp.HOST.PID.XXXXXX.mp4 (and .done),
 *   .plan.glyphfx-tmp.*, .concat.glyphfx-tmp.*
 *                                temporaries (render/sys/files.h names them)
 *
 * File names are derived from the part index, never read from a record, and
 * every frame range comes from the plan (total frames, number of parts); a
 * record is only a claim that the plan's part is finished, checked against
 * the plan and the part file's size and checksum (FNV-1a 64) before use.
 * Numbers read from JSON are range-checked before any conversion; files are
 * opened without following symbolic links and only regular files are read.
 *
 * Every file is put in place by render/sys/files.h (gfx_atomic_*). Each
 * part writes its own record (a temporary, fsync, rename), so shards
 * never rewrite each other's; two processes that finish the same part both
 * rename a complete record into place and the last one wins.
 *
 * Temporaries carry the host name and process id of their writer, and stale
 * ones (this host's, of a process that no longer exists) are removed by
 * gfx_remove_stale_temporaries (files.h): by gfx_plan_open,
 * gfx_part_temp_path and gfx_parts_join in the parts directory, and by
 * gfx_parts_join for the output's own temporaries beside it
 * (.NAME.glyphfx-tmp.HOST.PID.XXXXXX.EXT). One from another host or a live
 * process is left alone.
 *
 * Every function follows render/sys/status.h: a status, one line in err. */
#ifndef GFX_PARTS_H
#define GFX_PARTS_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

#define GFX_PLAN_VERSION 1
#define GFX_PARTS_MAX 9999 /* part-0000 .. part-9998 */

typedef struct gfx_plan {
    char output[PATH_MAX]; /* the output, absolute */
    char dir[PATH_MAX];    /* OUTPUT.parts, absolute */
    char settings_key[17]; /* 16 lowercase hex digits */
    int total_frames;      /* frames [0, total_frames) */
    int n_parts;           /* 1 <= n_parts <= min(total_frames, GFX_PARTS_MAX) */
    char ext[9];           /* the parts' extension, e.g. "mp4" */
    double fps;            /* frames per second (the join trims audio to it) */
    int created;           /* gfx_plan_open wrote the plan (0: it existed) */
} gfx_plan;

/* FNV-1a 64 of a description of everything that decides the pixels, as 16
 * hex digits: the plan's settings key. */
void gfx_plan_key(const char *settings, char key[17]);

/* Plans n_parts equal parts of [0, total_frames) for `output`, or joins the
 * plan another process made: creates OUTPUT.parts and writes its plan.json
 * once (gfx_atomic_commit_exclusive: an atomic create-if-absent that holds
 * on NFS too). If a plan exists, it is loaded and must equal this one, else
 * GFX_BAD_INPUT: "OUTPUT.parts was planned with other settings (key X, N
 * parts); remove OUTPUT.parts or use the same settings". plan->created says
 * which happened. */
gfx_status gfx_plan_open(gfx_plan *plan, const char *output, const char *settings_key,
                         int total_frames, int n_parts, const char *ext, double fps, char *err,
                         size_t err_size);

/* Loads the plan of `output` as it is (a progress view, a join). *found is 0
 * (and GFX_OK) when there is none. A plan.json that is not a valid plan is
 * GFX_BAD_INPUT. */
gfx_status gfx_plan_load(gfx_plan *plan, const char *output, int *found, char *err,
                         size_t err_size);

/* Part `index` (0-based) covers frames [*first, *last). */
void gfx_part_range(const gfx_plan *plan, int index, int *first, int *last);

/* OUTPUT.parts/part-NNNN.EXT and OUTPUT.parts/part-NNNN.done. 0, or -1 when
 * the index is outside the plan or the path does not fit. */
int gfx_part_path(const gfx_plan *plan, int index, char *path, size_t size);
int gfx_part_record_path(const gfx_plan *plan, int index, char *path, size_t size);

/* Creates a new, empty, uniquely named hidden file in OUTPUT.parts for the
 * encoder to write part `index` into (the gfx_atomic_open GFX_ATOMIC_PATH
 * temporary of part-NNNN.EXT: the extension is kept so ffmpeg picks the
 * muxer), after removing stale temporaries. The caller removes it if it
 * gives up. */
gfx_status gfx_part_temp_path(const gfx_plan *plan, int index, char *path, size_t size, char *err,
                              size_t err_size);

/* Finishes part `index`: tmp_path must be a temporary of this part made by
 * gfx_part_temp_path, a regular file holding exactly `frames` video frames,
 * and `frames` must be the part's range (counted with ffprobe). Renames it to
 * the part's name and writes its record (gfx_atomic_adopt, then durable
 * commits: the file before its record). On failure nothing is recorded and
 * the caller removes the temporary (one that failed to rename is already
 * gone). */
gfx_status gfx_part_commit(const gfx_plan *plan, int index, const char *tmp_path, int frames,
                           char *err, size_t err_size);

typedef enum gfx_part_state {
    GFX_PART_MISSING, /* no record: never finished (or never started) */
    GFX_PART_DONE,    /* a valid record and the file it describes */
    GFX_PART_DAMAGED  /* a record that is invalid or does not match the file */
} gfx_part_state;

typedef struct gfx_part_info {
    int index, first, last;
    gfx_part_state state;
    char why[256]; /* for MISSING and DAMAGED: what is wrong */
} gfx_part_info;

enum gfx_parts_check {
    GFX_PARTS_QUICK, /* records and file sizes: cheap, for a progress view */
    GFX_PARTS_VERIFY /* also re-checksums every part file */
};

/* The state of every part: info (plan->n_parts entries, may be NULL) and
 * *n_done (may be NULL). GFX_OK unless interrupted (GFX_INTERRUPTED). */
gfx_status gfx_parts_status(const gfx_plan *plan, enum gfx_parts_check check, gfx_part_info *info,
                            int *n_done, char *err, size_t err_size);

/* The state of part `index` alone, as gfx_parts_status gives it (a shard
 * verifies its own part without reading the others). */
gfx_status gfx_part_status(const gfx_plan *plan, int index, enum gfx_parts_check check,
                           gfx_part_info *info, char *err, size_t err_size);

/* FNV-1a 64 and size of a regular file (a link, a device or a pipe is
 * refused, so a hostile name cannot make it hang). 0, or -1 with errno
 * (EINTR once gfx_interrupted()). */
int gfx_part_file_checksum(const char *path, uint64_t *checksum, int64_t *bytes);

/* The number of video packets (frames) of a video file, via ffprobe. */
gfx_status gfx_part_count_frames(const char *path, int64_t *frames, char *err, size_t err_size);

/* Joins the parts into `output` (NULL: the plan's output): checks every part
 * (record, range, file, size, checksum), writes the concat list, runs ffmpeg
 * as a stream copy with `audio` (NULL for none) from `start_time` seconds
 * trimmed to total_frames / fps (-t on its input) as AAC 192k, counts the
 * joined video's frames, renames the result into place and removes
 * OUTPUT.parts. A missing or damaged part is GFX_BAD_INPUT naming it; every
 * failure leaves the parts as they were. */
gfx_status gfx_parts_join(const gfx_plan *plan, const char *audio, double start_time,
                          const char *output, char *err, size_t err_size);

/* Removes OUTPUT.parts: the plan, every part and record, the temporaries. */
void gfx_parts_remove(const gfx_plan *plan);

/* "I/N" with 1 <= I <= N: which part of an N-way split to render (--shard).
 * 0, or -1 with a line in err. */
int gfx_parse_shard(const char *text, int *index, int *count, char *err, size_t err_size);

/* "A:B" with 0 <= A < B: frames [A, B) (--frames). 0, or -1 with a line in
 * err. */
int gfx_parse_frame_range(const char *text, int *first, int *last, char *err, size_t err_size);

/* The frames of slice `index` (1-based) of `count` over total_frames: the
 * same split as gfx_part_range's. */
void gfx_shard_range(int total_frames, int index, int count, int *first, int *last);

#endif
