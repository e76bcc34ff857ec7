/* Running ffmpeg (or ffprobe) as a child process with one pipe: glyphfx
 * either reads the child's stdout (decoding) or writes its stdin (encoding).
 * The child's stderr always goes to a log file, never to a pipe: a pipe
 * nobody drains fills at 64 KB and deadlocks both processes. The child runs
 * in its own process group, so a Ctrl-C in the terminal reaches glyphfx
 * only, and glyphfx decides how ffmpeg ends. */
#ifndef GFX_FFMPEG_PIPE_H
#define GFX_FFMPEG_PIPE_H

#include <stddef.h>
#include <sys/types.h>

#include "status.h"

enum gfx_pipe_dir {
    GFX_PIPE_READ_STDOUT, /* child's stdin is /dev/null; fd reads its stdout */
    GFX_PIPE_WRITE_STDIN, /* child's stdout is /dev/null; fd writes its stdin */
};

typedef struct gfx_child {
    pid_t pid;
    int fd;             /* our end of the pipe; -1 once closed */
    char log_path[512]; /* the child's stderr */
} gfx_child;

/* Full path of `program` found through PATH, written to `found` (size
 * bytes; PATH_MAX is enough), which is returned; NULL when not found. No
 * shared state: segment threads call it at the same time. */
const char *gfx_find_program(const char *program, char *found, size_t size);

/* The line for a missing `program` (ffmpeg or ffprobe): how to install it,
 * and that --png-dir works without it. Returns GFX_BAD_INPUT. */
gfx_status gfx_fail_missing_ffmpeg(char *err, size_t err_size, const char *program);

/* ffmpeg reads "a:b.mp3" as protocol "a" and "-" as a pipe: every path
 * handed to ffmpeg or ffprobe goes through here, which makes it a "file:"
 * URL. Returns 0, or -1 with url empty when it does not fit in size (ffmpeg
 * then fails on the empty name instead of reading another file). */
#define GFX_FFMPEG_URL_MAX (4096 + 6)
int gfx_ffmpeg_file_url(const char *path, char *url, size_t size);

/* Starts argv[0] (looked up in PATH) with its stderr appended to a new log
 * file named after `log_tag` in the temporary directory ($TMPDIR or /tmp).
 * SIGPIPE and SIGINT are reset to default in the child. Returns 0, or -1
 * with errno set (the log file is removed again). */
int gfx_child_spawn(gfx_child *child, char *const argv[], enum gfx_pipe_dir dir,
                    const char *log_tag);

/* Closes our end of the pipe (the child sees EOF) and waits. Returns the
 * exit status 0..255, or 128 + signal number when a signal ended it. */
int gfx_child_wait(gfx_child *child);

/* Ends the child now (SIGTERM and SIGCONT, then SIGKILL after 0.3 s) and
 * reaps it. */
void gfx_child_kill(gfx_child *child);

/* Removes the log (after success, or when the caller has reported it). */
void gfx_child_remove_log(gfx_child *child);

/* Copies the last `max_lines` lines of a log file into buf, each line
 * prefixed with "  | ", NUL-terminated; empty when the file is unreadable. */
void gfx_log_tail(const char *log_path, int max_lines, char *buf, size_t size);

/* Reads up to size bytes of the child's stdout, waiting while it is silent.
 * Returns the count, 0 at EOF, or -1 with errno set (EINTR once
 * gfx_interrupted(): an interrupt ends the wait within 0.1 s). */
ptrdiff_t gfx_child_read(gfx_child *child, void *buf, size_t size);

/* Reads the child's stdout until EOF into a growing buffer (malloc'd; the
 * caller frees it). Returns the number of bytes, or -1 on a read error. */
ptrdiff_t gfx_child_read_all(gfx_child *child, unsigned char **data);

/* Writes all bytes to the child's stdin, waiting while its pipe is full.
 * Returns 0, or -1 with errno set: EPIPE when the child has gone, EINTR once
 * gfx_interrupted() (within 0.1 s, even when the child is stalled). */
int gfx_child_write_all(gfx_child *child, const void *data, size_t size);

/* The value of `key` in one line of ffprobe's compact output ("k=v|k=v"),
 * copied into out (cut to size). Returns 1, or 0 when the line lacks it. */
int gfx_ffprobe_field(const char *line, const char *key, char *out, size_t size);

#endif
