#include "ffmpeg_pipe.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "interrupt.h"

extern char **environ;

const char *gfx_find_program(const char *program, char *found, size_t size)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/bin:/bin";
    while (*path) {
        size_t len = strcspn(path, ":");
        if (len > 0 && snprintf(found, size, "%.*s/%s", (int)len, path, program) < (int)size) {
            struct stat st;
            if (stat(found, &st) == 0 && S_ISREG(st.st_mode) && access(found, X_OK) == 0)
                return found;
        }
        path += len;
        if (*path == ':')
            path++;
    }
    return NULL;
}

gfx_status gfx_fail_missing_ffmpeg(char *err, size_t err_size, const char *program)
{
    return gfx_fail(err, err_size, GFX_BAD_INPUT,
                    "%s not found in PATH; install it (e.g. apt-get install ffmpeg) or render a "
                    "PNG sequence with --png-dir DIR, which needs no ffmpeg",
                    program);
}

int gfx_ffmpeg_file_url(const char *path, char *url, size_t size)
{
    size_t need = strlen("file:") + strlen(path) + 1;
    if (need > size) {
        if (size)
            url[0] = '\0';
        return -1;
    }
    snprintf(url, size, "file:%s", path);
    return 0;
}

static int open_log(char *path, size_t size, const char *tag)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    if (snprintf(path, size, "%s/glyphfx-%s-%ld-XXXXXX.log", dir, tag, (long)getpid()) >=
        (int)size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = mkstemps(path, 4);
    if (fd >= 0)
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    return fd;
}

static int spawn_with_fds(gfx_child *child, char *const argv[], int stdin_fd, int stdout_fd,
                          int stderr_fd)
{
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
    posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
    posix_spawn_file_actions_adddup2(&actions, stderr_fd, 2);
    posix_spawnattr_init(&attr);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGXFSZ);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
    int err = posix_spawnp(&child->pid, argv[0], &actions, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (err) {
        errno = err;
        return -1;
    }
    return 0;
}

int gfx_child_spawn(gfx_child *child, char *const argv[], enum gfx_pipe_dir dir,
                    const char *log_tag)
{
    child->pid = -1;
    child->fd = -1;
    int log_fd = open_log(child->log_path, sizeof child->log_path, log_tag);
    if (log_fd < 0)
        return -1;
    int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    int pipe_fds[2];
    if (null_fd < 0 || pipe2(pipe_fds, O_CLOEXEC) < 0) {
        int saved = errno;
        if (null_fd >= 0)
            close(null_fd);
        close(log_fd);
        unlink(child->log_path);
        errno = saved;
        return -1;
    }
    int rc;
    if (dir == GFX_PIPE_READ_STDOUT) {
        rc = spawn_with_fds(child, argv, null_fd, pipe_fds[1], log_fd);
        child->fd = pipe_fds[0];
        close(pipe_fds[1]);
    } else {
        rc = spawn_with_fds(child, argv, pipe_fds[0], null_fd, log_fd);
        child->fd = pipe_fds[1];
        close(pipe_fds[0]);
    }
    /* Our end only (the child's end stays blocking): reads and writes wait
     * in poll, where an interrupt is seen. */
    fcntl(child->fd, F_SETFL, fcntl(child->fd, F_GETFL) | O_NONBLOCK);
    int saved = errno;
    close(null_fd);
    close(log_fd);
    if (rc < 0) {
        close(child->fd);
        child->fd = -1;
        unlink(child->log_path);
        errno = saved;
    }
    return rc;
}

static int exit_code(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 255;
}

int gfx_child_wait(gfx_child *child)
{
    if (child->fd >= 0) {
        close(child->fd);
        child->fd = -1;
    }
    if (child->pid <= 0)
        return 255;
    int status = 0;
    while (waitpid(child->pid, &status, 0) < 0) {
        if (errno != EINTR) {
            child->pid = -1;
            return 255;
        }
    }
    child->pid = -1;
    return exit_code(status);
}

/* Polls for the child's exit for up to `ms` milliseconds; 1 once reaped. */
static int reap_within(gfx_child *child, int ms)
{
    for (int waited = 0; waited <= ms; waited += 10) {
        int status;
        pid_t r = waitpid(child->pid, &status, WNOHANG);
        if (r == child->pid || (r < 0 && errno != EINTR))
            return 1;
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
    }
    return 0;
}

void gfx_child_kill(gfx_child *child)
{
    if (child->fd >= 0) {
        close(child->fd);
        child->fd = -1;
    }
    if (child->pid <= 0)
        return;
    /* SIGCONT too: a stopped ffmpeg would hold SIGTERM until resumed */
    kill(child->pid, SIGTERM);
    kill(child->pid, SIGCONT);
    if (!reap_within(child, 300)) {
        kill(child->pid, SIGKILL);
        while (waitpid(child->pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    child->pid = -1;
}

void gfx_child_remove_log(gfx_child *child)
{
    if (child->log_path[0])
        unlink(child->log_path);
    child->log_path[0] = '\0';
}

void gfx_log_tail(const char *log_path, int max_lines, char *buf, size_t size)
{
    buf[0] = '\0';
    FILE *f = fopen(log_path, "rb");
    if (!f)
        return;
    char tail[4096];
    fseek(f, 0, SEEK_END);
    long end = ftell(f);
    long start = end > (long)sizeof tail - 1 ? end - (long)sizeof tail + 1 : 0;
    fseek(f, start, SEEK_SET);
    size_t n = fread(tail, 1, sizeof tail - 1, f);
    fclose(f);
    while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == '\r'))
        n--;
    tail[n] = '\0';
    /* Walk back over max_lines line breaks to find where the tail starts. */
    size_t from = n;
    for (int lines = 0; from > 0; from--)
        if (tail[from - 1] == '\n' && ++lines == max_lines)
            break;
    size_t used = 0;
    for (char *line = tail + from; *line && used + 1 < size;) {
        size_t len = strcspn(line, "\n");
        int w = snprintf(buf + used, size - used, "  | %.*s\n", (int)len, line);
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
        line += len + (line[len] == '\n');
    }
}

/* Waits until fd is ready for `events`, polling the interrupt flag every
 * 0.1 s: a stalled or stopped ffmpeg cannot hold glyphfx past a Ctrl-C.
 * Returns 0, or -1 with errno EINTR once interrupted. */
static int wait_ready(int fd, short events)
{
    for (;;) {
        if (gfx_interrupted()) {
            errno = EINTR;
            return -1;
        }
        struct pollfd p = {.fd = fd, .events = events};
        int n = poll(&p, 1, 100);
        if (n > 0)
            return 0;
        if (n < 0 && errno != EINTR)
            return -1;
    }
}

ptrdiff_t gfx_child_read(gfx_child *child, void *buf, size_t size)
{
    for (;;) {
        ssize_t got = read(child->fd, buf, size);
        if (got >= 0)
            return got;
        if (errno != EINTR && errno != EAGAIN)
            return -1;
        if (wait_ready(child->fd, POLLIN) < 0)
            return -1;
    }
}

ptrdiff_t gfx_child_read_all(gfx_child *child, unsigned char **data)
{
    size_t cap = 1 << 20, used = 0;
    unsigned char *buf = malloc(cap);
    if (!buf)
        return -1;
    for (;;) {
        if (used == cap) {
            unsigned char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                return -1;
            }
            buf = bigger;
            cap *= 2;
        }
        ptrdiff_t got = gfx_child_read(child, buf + used, cap - used);
        if (got == 0)
            break;
        if (got < 0) {
            free(buf);
            return -1;
        }
        used += (size_t)got;
    }
    *data = buf;
    return (ptrdiff_t)used;
}

int gfx_child_write_all(gfx_child *child, const void *data, size_t size)
{
    const unsigned char *p = data;
    while (size > 0) {
        ssize_t put = write(child->fd, p, size);
        if (put < 0) {
            if (errno != EINTR && errno != EAGAIN)
                return -1;
            if (wait_ready(child->fd, POLLOUT) < 0)
                return -1;
            continue;
        }
        p += put;
        size -= (size_t)put;
    }
    return 0;
}

int gfx_ffprobe_field(const char *line, const char *key, char *out, size_t size)
{
    size_t klen = strlen(key);
    for (const char *p = line; p && *p; p = strchr(p, '|'), p = p ? p + 1 : NULL) {
        if (!strncmp(p, key, klen) && p[klen] == '=') {
            size_t len = strcspn(p + klen + 1, "|\n");
            snprintf(out, size, "%.*s", (int)len, p + klen + 1);
            return 1;
        }
    }
    return 0;
}
