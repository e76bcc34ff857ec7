/* Segmented renders: a video split into contiguous frame ranges, each encoded
 * to its own file by its own ffmpeg, recorded in a manifest, and joined by
 * ffmpeg's concat demuxer as a stream copy (each segment starts with its own
 * keyframe, so every boundary is one).
 *
 * The manifest (JSON, next to the output as OUTPUT.parts/manifest.json) lists
 * the planned segments and, for each finished one, its size and checksum.
 * It also records a settings key (a hash of everything that decides the
 * pixels: scene, seed, size, fps, quality): a resume with other settings is
 * refused rather than mixing two videos. The manifest is rewritten through a
 * temporary file and a rename after every finished segment, so a killed
 * render loses at most the segments in flight. */
#ifndef GFX_SEGMENTS_H
#define GFX_SEGMENTS_H

#include <stddef.h>
#include <stdint.h>

#define GFX_PATH_MAX 1024

typedef struct gfx_segment_file {
    int first, last;         /* frames [first, last) */
    char file[GFX_PATH_MAX]; /* the segment's video file */
    int done;                /* finished and recorded */
    int64_t bytes;
    uint64_t checksum; /* FNV-1a 64 of the file's bytes */
} gfx_segment_file;

typedef struct gfx_manifest {
    char path[GFX_PATH_MAX]; /* the manifest file */
    char dir[GFX_PATH_MAX];  /* OUTPUT.parts */
    char settings_key[17];   /* 16 hex digits */
    int total_frames;
    int n_segments;
    gfx_segment_file *segments;
} gfx_manifest;

/* "I/N" with 1 <= I <= N: which slice of an N-way split to render. */
int gfx_parse_shard(const char *text, int *index, int *count, char *err, size_t err_size);
/* "A:B" with 0 <= A < B: frames [A, B). */
int gfx_parse_frame_range(const char *text, int *first, int *last, char *err, size_t err_size);

/* The frames of slice `index` (1-based) of `count` over total_frames. */
void gfx_shard_range(int total_frames, int index, int count, int *first, int *last);

/* FNV-1a 64 of a settings description: the manifest's settings key. */
void gfx_settings_key(const char *settings, char key[17]);

/* Plans n_segments equal contiguous segments over [0, total_frames) for
 * `output` (files OUTPUT.parts/seg-NNNN.EXT with EXT from `segment_ext`).
 * Returns 0, or -1 with a message in err. */
int gfx_manifest_plan(gfx_manifest *m, const char *output, const char *settings_key,
                      int total_frames, int n_segments, const char *segment_ext, char *err,
                      size_t err_size);
void gfx_manifest_free(gfx_manifest *m);

/* Loads OUTPUT.parts/manifest.json. Returns 0; 1 when there is none; -1 when
 * it is unreadable, not a manifest, or for other settings (err says which). */
int gfx_manifest_load(gfx_manifest *m, const char *output, const char *settings_key, char *err,
                      size_t err_size);
/* Writes the manifest (temporary file, then rename). 0 or -1 (err). */
int gfx_manifest_save(const gfx_manifest *m, char *err, size_t err_size);

/* Records a finished segment: measures its file and saves the manifest. */
int gfx_manifest_mark_done(gfx_manifest *m, int segment, char *err, size_t err_size);

/* Checks a finished segment against the manifest: 1 intact; 0 missing or
 * damaged (why in err). */
int gfx_segment_intact(const gfx_segment_file *s, char *err, size_t err_size);

/* Checks the segments tile [0, total_frames) without gaps or overlaps and
 * every one is done and intact. 0, or -1 naming the first problem in err. */
int gfx_manifest_check_complete(const gfx_manifest *m, char *err, size_t err_size);

/* Removes the segment files, the concat list, the manifest and the
 * directory: called once the joined video is in place. */
void gfx_manifest_remove(const gfx_manifest *m);

/* Joins the segments into `output` with the concat demuxer (stream copy),
 * muxing `audio` (NULL for none) as AAC 192k, trimmed to the shorter stream.
 * Writes to a temporary name beside `output` and renames on success; on
 * failure prints one line quoting ffmpeg's log and leaves every segment. */
int gfx_segments_join(const gfx_manifest *m, const char *audio, const char *output);

#endif
