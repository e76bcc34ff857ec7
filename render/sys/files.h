/* File plumbing: atomic writes, whole-file reads, FNV-1a 64 and file
 * checksums. The one place that renames output into place.
 *
 * Errors: every function that can fail returns 0 or -1 and, on -1, sets
 * errno and fills the caller's `err` (err_size bytes; err may be NULL) with
 * one line naming the file, the value and what failed or was expected. Nothing here prints or exits, and nothing keeps
 * state between calls, so any thread may call any function.
 *
 * Temporary names: the temporary for DIR/NAME.EXT is
 * DIR/.NAME.glyphfx-tmp.HOST.PID.XXXXXX.EXT (hidden, beside the destination
 * so the rename stays on one file system, made unique by the XXXXXX, and
 * keeping the extension so that a child such as ffmpeg picks its muxer from
 * it). A staging directory for the directory DIR is
 * DIR/.glyphfx-tmp.HOST.PID.XXXXXX. HOST is this host's name (letters,
 * digits and '-', anything else as '_', at most 64 characters) and PID the
 * creating process's id, so that a temporary left by a killed process can be
 * told from a live one: see gfx_remove_stale_temporaries. A destination whose
 * temporary name does not fit in GFX_FILE_PATH_MAX bytes is refused, never
 * truncated. */
#ifndef GFX_FILES_H
#define GFX_FILES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define GFX_FILE_PATH_MAX 4096

enum gfx_atomic_kind {
    GFX_ATOMIC_STREAM, /* `f` is open ("wb") on the temporary file */
    GFX_ATOMIC_PATH,   /* the temporary file exists, empty and closed: hand `tmp` to a
                          child process (ffmpeg -y) that writes it */
    GFX_ATOMIC_DIR,    /* `path` is an existing directory; `tmp` is a new staging directory
                          inside it; commit moves every file in it into `path` */
};

typedef struct gfx_atomic {
    enum gfx_atomic_kind kind;
    FILE *f;                      /* GFX_ATOMIC_STREAM only; NULL otherwise */
    char path[GFX_FILE_PATH_MAX]; /* the destination */
    char tmp[GFX_FILE_PATH_MAX];  /* the temporary file or staging directory */
} gfx_atomic;

/* Creates the temporary for `path`. 0, or -1 (err) when the name is too long
 * or the temporary cannot be created; nothing is left behind then. */
int gfx_atomic_open(gfx_atomic *a, const char *path, enum gfx_atomic_kind kind, char *err,
                    size_t err_size);

/* Puts the temporary in place. STREAM: fsync when `durable`, then fclose,
 * checking ferror (a failed fprintf only sets the stream's flag). PATH: fsync
 * when `durable`. STREAM and PATH: rename over `path`. DIR: every entry of
 * the staging directory is renamed to the same name in `path`; if one fails, those already moved are
 * removed again, so a set is all or nothing. Then the staging directory is
 * removed. On failure the temporary is removed (as by abort) and -1 (err)
 * returned; the old destination is untouched (DIR: see above). Either way
 * the gfx_atomic is finished. `durable` also fsyncs the directory that
 * holds `path` after the rename (for DIR, `path` itself). */
int gfx_atomic_commit(gfx_atomic *a, int durable, char *err, size_t err_size);

/* gfx_atomic_commit, but `path` is only created, never replaced: the
 * temporary is hard-linked as `path` (an atomic create-if-absent, on NFS too:
 * a link reported failed that was made is recognized by the temporary's link
 * count) and then unlinked. -1 with errno EEXIST (err) when `path` exists,
 * the temporary removed. STREAM and PATH only (DIR: EINVAL). */
int gfx_atomic_commit_exclusive(gfx_atomic *a, int durable, char *err, size_t err_size);

/* Takes over, as a GFX_ATOMIC_PATH gfx_atomic, the temporary `tmp` that
 * gfx_atomic_open(path, GFX_ATOMIC_PATH) made, possibly in another call that
 * only passed its name on. -1 (err; EINVAL), the gfx_atomic finished, when
 * `tmp` is not a temporary name of `path` (the same directory, as written,
 * and the naming scheme above) or not a regular file. Commit or abort it. */
int gfx_atomic_adopt(gfx_atomic *a, const char *path, const char *tmp, char *err, size_t err_size);

/* Closes and removes the temporary (for DIR, its files and the directory);
 * the destination is untouched. Safe on a finished gfx_atomic. */
void gfx_atomic_abort(gfx_atomic *a);

/* A scratch file that is never put in place (a list for a child process):
 * open a STREAM, fflush it, use a.tmp, and gfx_atomic_abort it. */

/* Removes, in `dir`, the temporaries (files, and staging directories with
 * the files in them) of this naming scheme whose HOST is this host and whose
 * PID no longer exists (kill(pid, 0) fails with ESRCH): those of a killed
 * process. One of another host or of a live process is left alone; a
 * recycled pid only keeps a stale temporary longer. `dest` NULL: every
 * temporary in dir; else only those of the file dir/dest. Never follows a
 * link. Returns how many it removed. */
int gfx_remove_stale_temporaries(const char *dir, const char *dest);

/* Removes every temporary in `dir` (of `dest`, or all when NULL), whoever
 * made it: for a directory whose work is finished. Returns how many. */
int gfx_remove_temporaries(const char *dir, const char *dest);

/* Reads a whole regular file into a malloc'd buffer with a NUL after the last
 * byte (the caller frees *data; `size` may be NULL). `what` names the kind of
 * file expected, for the message ("scene file"). Refuses, with -1 (err), a
 * file that cannot be opened (errno says why: ENOENT when missing), one that
 * is not a regular file (a directory, /dev/zero, a pipe) and one over
 * `max_bytes`. */
int gfx_read_file(const char *path, size_t max_bytes, const char *what, char **data, size_t *size,
                  char *err, size_t err_size);

/* Directories made by gfx_make_dirs, deepest last, so they can be taken back. */
#define GFX_MADE_DIRS_MAX 64
typedef struct gfx_made_dirs {
    char path[GFX_FILE_PATH_MAX];
    int n;                      /* how many were created */
    int len[GFX_MADE_DIRS_MAX]; /* each one is path[0 .. len) */
} gfx_made_dirs;

/* mkdir -p: creates `path` and the parents it lacks, mode 0777 less the
 * umask, recording in *made the ones it created (none when path is already
 * a directory). 0, or -1 (err; errno set; what it created is removed again)
 * when a component exists and is not a directory (ENOTDIR), one cannot be
 * created (EACCES...), the path is too long or has over GFX_MADE_DIRS_MAX
 * missing components. */
int gfx_make_dirs(const char *path, gfx_made_dirs *made, char *err, size_t err_size);

/* Removes the directories *made records, deepest first, each only if it is
 * empty (rmdir): stops at the first that is not. Then records none. */
void gfx_made_dirs_undo(gfx_made_dirs *made);

/* 1 when paths a and b name the same file, by identity rather than by name:
 * both exist and have the same st_dev and st_ino after following links (so
 * a hard link or a symlink to a file is that file), or neither exists and
 * their directories are the same directory and their last names are equal
 * ("out/../song.mp4" and "song.mp4" before it is written). 0 otherwise,
 * including when one exists and the other does not (writing the one cannot
 * replace the other). Never fails: a path that cannot be examined is
 * treated as not existing. */
int gfx_same_file(const char *a, const char *b);

/* FNV-1a 64, byte by byte, continuing from `hash` (start with
 * GFX_FNV1A64_OFFSET): hash = (hash ^ byte) * 0x100000001b3. The published
 * test vectors hold: "" -> cbf29ce484222325, "a" -> af63dc4c8601ec8c. */
#define GFX_FNV1A64_OFFSET 0xcbf29ce484222325ull
uint64_t gfx_fnv1a64(uint64_t hash, const void *data, size_t size);

/* NOT FNV-1a: FNV's offset and prime applied to 8-byte words (read in host
 * byte order), then bytewise to the tail; 8x fewer dependent multiplies. The
 * audio feature cache's keys and checksums are values of this function, so it
 * stays for them; use gfx_fnv1a64 for anything new. Same start value. */
uint64_t gfx_hash64_words(uint64_t hash, const void *data, size_t size);

/* A streaming 64-bit hash: continues `hash` over `size` bytes. */
typedef uint64_t (*gfx_hash64_fn)(uint64_t hash, const void *data, size_t size);

/* Feeds a file's bytes to `hash_fn` from GFX_FNV1A64_OFFSET, in blocks of
 * 64 KiB (a multiple of 8: a word hash sees the file as one buffer), and
 * counts them (`bytes` may be NULL). 0, or -1 (err; errno set). */
int gfx_file_hash(const char *path, gfx_hash64_fn hash_fn, uint64_t *hash, int64_t *bytes,
                  char *err, size_t err_size);

/* The FNV-1a 64 of a file's bytes (gfx_fnv1a64 over all of them) and its
 * size: gfx_file_hash with gfx_fnv1a64. */
int gfx_file_checksum(const char *path, uint64_t *checksum, int64_t *bytes, char *err,
                      size_t err_size);

#endif
