/* Atomic writes, whole-file reads and checksums: see files.h. */
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TMP_TAG "glyphfx-tmp."
#define UNIQUE_LEN 6 /* the XXXXXX */
#define HOST_MAX 64

static int errorf(char *err, size_t size, const char *fmt, ...)
{
    if (err && size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, size, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* ------------------------------------------------------------- temporaries */

/* This host's name as temporary names carry it: letters, digits and '-'
 * (anything else becomes '_': no '.', which separates the fields), at most
 * HOST_MAX characters, never empty. */
static void host_name(char out[HOST_MAX + 1])
{
    char raw[256] = "";
    if (gethostname(raw, sizeof raw - 1) != 0)
        raw[0] = '\0';
    size_t n = 0;
    for (const char *c = raw; *c && n < HOST_MAX; c++)
        out[n++] = ((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ||
                    (*c >= 'A' && *c <= 'Z') || *c == '-')
                       ? *c
                       : '_';
    if (n == 0)
        out[n++] = '_';
    out[n] = '\0';
}

/* The fixed parts of the temporary name of the file NAME.EXT (the last
 * component of a destination): head ".NAME." TMP_TAG and suffix ".EXT" (or
 * ""). -1 when there is no name or the head does not fit. */
static int temporary_parts(const char *base, char *head, size_t size, const char **suffix)
{
    const char *dot = strrchr(base, '.');
    if (!*base)
        return -1;
    if (!dot || dot == base)
        dot = base + strlen(base);
    *suffix = dot;
    int n = snprintf(head, size, ".%.*s." TMP_TAG, (int)(dot - base), base);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* DIR/NAME.EXT -> DIR/.NAME.glyphfx-tmp.HOST.PID.XXXXXX.EXT (suffix_len =
 * strlen(".EXT")); a staging directory for DIR ->
 * DIR/.glyphfx-tmp.HOST.PID.XXXXXX. -1 when it does not fit, or a file
 * destination has no name. */
static int temporary_template(const char *path, int dir_kind, char *out, size_t size,
                              int *suffix_len)
{
    char host[HOST_MAX + 1];
    host_name(host);
    long pid = (long)getpid();
    int n;
    *suffix_len = 0;
    if (dir_kind) {
        size_t len = strlen(path);
        int slash = len > 0 && path[len - 1] == '/';
        n = snprintf(out, size, "%s%s." TMP_TAG "%s.%ld.XXXXXX", path, slash ? "" : "/", host, pid);
    } else {
        const char *slash = strrchr(path, '/');
        const char *base = slash ? slash + 1 : path;
        const char *suffix;
        char head[GFX_FILE_PATH_MAX];
        if (temporary_parts(base, head, sizeof head, &suffix) < 0)
            return -1;
        *suffix_len = (int)strlen(suffix);
        n = snprintf(out, size, "%.*s%s%s.%ld.XXXXXX%s", (int)(base - path), path, head, host, pid,
                     suffix);
    }
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* Parses the fields after TMP_TAG: HOST.PID.XXXXXX and then `suffix` (NULL:
 * "" or any ".EXT"). 0 and host/pid filled, or -1 when `rest` is not that. */
static int parse_owner(const char *rest, const char *suffix, char host[HOST_MAX + 1], long *pid)
{
    const char *dot = strchr(rest, '.');
    if (!dot || dot == rest || dot - rest > HOST_MAX)
        return -1;
    snprintf(host, HOST_MAX + 1, "%.*s", (int)(dot - rest), rest);
    char *end;
    errno = 0;
    *pid = strtol(dot + 1, &end, 10);
    if (errno || end == dot + 1 || *end != '.' || *pid <= 0 || *pid > INT32_MAX || dot[1] < '0' ||
        dot[1] > '9')
        return -1;
    const char *x = end + 1;
    for (int i = 0; i < UNIQUE_LEN; i++)
        if (!x[i] || x[i] == '.' || x[i] == '/')
            return -1;
    x += UNIQUE_LEN;
    if (suffix)
        return strcmp(x, suffix) ? -1 : 0;
    return (*x == '\0' || (*x == '.' && !strchr(x, '/'))) ? 0 : -1;
}

/* Whether the entry `name` of a directory is one of our temporaries: of the
 * destination `dest` in that directory (a file's name; NULL: of any
 * destination, the staging directories included). Fills host and pid. */
static int is_temporary(const char *name, const char *dest, char host[HOST_MAX + 1], long *pid)
{
    if (dest) {
        char head[GFX_FILE_PATH_MAX];
        const char *suffix;
        size_t h;
        return temporary_parts(dest, head, sizeof head, &suffix) == 0 &&
               !strncmp(name, head, h = strlen(head)) &&
               parse_owner(name + h, suffix, host, pid) == 0;
    }
    if (name[0] != '.')
        return 0;
    const char *tag = strstr(name, "." TMP_TAG);
    return tag && parse_owner(tag + 1 + strlen(TMP_TAG), NULL, host, pid) == 0;
}

/* Fills the XXXXXX before the suffix and creates the file with O_EXCL, mode
 * 0666 less the umask (mkstemps would make it 0600: a video the user could
 * not share). Returns the descriptor, or -1 (errno). */
static int create_unique(char *templ, int suffix_len)
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static uint64_t counter;
    char *x = templ + strlen(templ) - suffix_len - UNIQUE_LEN;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    for (int attempt = 0; attempt < 100; attempt++) {
        uint64_t v = __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
        v = v * 0x9e3779b97f4a7c15ull ^ (uint64_t)getpid() << 32 ^ (uint64_t)now.tv_nsec ^
            (uint64_t)now.tv_sec << 20;
        v ^= v >> 29, v *= 0xbf58476d1ce4e5b9ull, v ^= v >> 32;
        for (int i = 0; i < UNIQUE_LEN; i++, v /= 62)
            x[i] = letters[v % 62];
        int fd = open(templ, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

/* -1 with errno = e after the message (formatting may touch errno). */
static int fail_errno(int e, char *err, size_t err_size, const char *fmt, const char *path,
                      const char *detail)
{
    errorf(err, err_size, fmt, path, detail);
    errno = e;
    return -1;
}

int gfx_atomic_open(gfx_atomic *a, const char *path, enum gfx_atomic_kind kind, char *err,
                    size_t err_size)
{
    memset(a, 0, sizeof *a);
    a->kind = kind;
    size_t len = strlen(path);
    if (len == 0 || (kind != GFX_ATOMIC_DIR && path[len - 1] == '/'))
        return fail_errno(EINVAL, err, err_size, "'%s': %s", path, "expected a file name");
    int suffix_len;
    if (len >= sizeof a->path ||
        temporary_template(path, kind == GFX_ATOMIC_DIR, a->tmp, sizeof a->tmp, &suffix_len) < 0) {
        a->tmp[0] = '\0';
        errorf(err, err_size,
               "%.256s...: path too long (%zu bytes); expected one whose temporary name fits in "
               "%d bytes",
               path, len, GFX_FILE_PATH_MAX);
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(a->path, path, len + 1);
    if (kind == GFX_ATOMIC_DIR) {
        if (!mkdtemp(a->tmp)) {
            a->tmp[0] = '\0';
            return fail_errno(errno, err, err_size,
                              "%s: cannot create a temporary directory in it: %s", path,
                              strerror(errno));
        }
        return 0;
    }
    int fd = create_unique(a->tmp, suffix_len);
    if (fd < 0) {
        a->tmp[0] = '\0';
        return fail_errno(errno, err, err_size, "%s: cannot create a temporary file beside it: %s",
                          path, strerror(errno));
    }
    if (kind == GFX_ATOMIC_PATH) {
        close(fd);
        return 0;
    }
    a->f = fdopen(fd, "wb");
    if (!a->f) {
        int e = errno;
        close(fd);
        unlink(a->tmp);
        a->tmp[0] = '\0';
        return fail_errno(e, err, err_size, "%s: cannot open a temporary file: %s", path,
                          strerror(e));
    }
    return 0;
}

/* The names in a directory except . and .. (malloc'd; NULL and *count -1 on
 * failure). */
static char **list_directory(const char *dir, int *count)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    int n = 0, cap = 0;
    struct dirent *e = NULL;
    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            char **grown = realloc(names, (size_t)cap * sizeof *names);
            if (!grown)
                break;
            names = grown;
        }
        if (!(names[n] = strdup(e->d_name)))
            break;
        n++;
    }
    int failed = !d || e != NULL; /* a break above left e set */
    if (d)
        closedir(d);
    if (failed) {
        for (int i = 0; i < n; i++)
            free(names[i]);
        free(names);
        *count = -1;
        return NULL;
    }
    *count = n;
    return names;
}

static void free_names(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* DIR/name into buf; -1 when it does not fit. */
static int join(char *buf, size_t size, const char *dir, const char *name)
{
    int n = snprintf(buf, size, "%s/%s", dir, name);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* 0, or the errno of the failure (err says which file). */
static int commit_directory(gfx_atomic *a, char *err, size_t err_size)
{
    int n;
    char **names = list_directory(a->tmp, &n);
    if (n < 0) {
        int e = errno ? errno : ENOMEM;
        errorf(err, err_size, "%s: cannot list the temporary directory: %s", a->tmp, strerror(e));
        return e;
    }
    char from[GFX_FILE_PATH_MAX], to[GFX_FILE_PATH_MAX];
    int moved = 0, e = 0;
    for (; moved < n; moved++) {
        if (join(from, sizeof from, a->tmp, names[moved]) < 0 ||
            join(to, sizeof to, a->path, names[moved]) < 0) {
            e = ENAMETOOLONG;
            errorf(err, err_size, "%s/%s: path too long; expected at most %d bytes", a->path,
                   names[moved], GFX_FILE_PATH_MAX - 1);
            break;
        }
        if (rename(from, to) != 0) {
            e = errno;
            errorf(err, err_size, "%s: cannot rename into place: %s", to, strerror(e));
            break;
        }
    }
    /* a set that is not whole must not stay under final names */
    for (int i = 0; e && i < moved; i++)
        if (join(to, sizeof to, a->path, names[i]) == 0)
            unlink(to);
    free_names(names, n);
    return e;
}

/* fsync of a file or directory by name, without following a link or
 * blocking on a pipe. 0, or -1 (errno). */
static int sync_path(const char *path, int directory)
{
    int fd =
        open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}

/* The directory that holds `path` (for a DIR destination: path itself). */
static void sync_parent(const char *path, int dir_kind)
{
    char dir[GFX_FILE_PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (dir_kind)
        snprintf(dir, sizeof dir, "%s", path);
    else if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    sync_path(dir, 1);
}

/* Link `tmp` as `path` only if `path` does not exist: 0, or the errno
 * (EEXIST when it does). NFS may report a failure for a link that was made
 * (a lost reply to a retried request): the temporary's link count says. */
static int link_exclusive(const char *tmp, const char *path)
{
    if (link(tmp, path) == 0)
        return 0;
    int e = errno;
    struct stat st;
    if (e != EEXIST && stat(tmp, &st) == 0 && st.st_nlink == 2)
        return 0;
    return e;
}

static int commit(gfx_atomic *a, int durable, int exclusive, char *err, size_t err_size)
{
    if (!a->tmp[0]) {
        errorf(err, err_size, "%s: nothing to commit (already finished)", a->path);
        errno = EINVAL;
        return -1;
    }
    int e = 0; /* the errno of the first failure */
    if (exclusive && a->kind == GFX_ATOMIC_DIR) {
        e = EINVAL;
        errorf(err, err_size, "%s: a directory cannot be committed exclusively", a->path);
    }
    if (!e && a->kind == GFX_ATOMIC_STREAM) {
        FILE *f = a->f;
        a->f = NULL;
        errno = 0;
        if (fflush(f) != 0 || ferror(f) || (durable && fsync(fileno(f)) != 0))
            e = errno ? errno : EIO;
        if (fclose(f) != 0 && !e)
            e = errno;
        if (e)
            errorf(err, err_size, "%s: cannot write: %s", a->path, strerror(e));
    } else if (!e && a->kind == GFX_ATOMIC_PATH && durable && sync_path(a->tmp, 0) != 0) {
        e = errno;
        errorf(err, err_size, "%s: cannot write: %s", a->path, strerror(e));
    }
    if (!e && a->kind == GFX_ATOMIC_DIR) {
        e = commit_directory(a, err, err_size);
        if (!e)
            rmdir(a->tmp);
    } else if (!e && exclusive) {
        if ((e = link_exclusive(a->tmp, a->path)) != 0)
            errorf(err, err_size, "%s: cannot create: %s", a->path, strerror(e));
        else
            unlink(a->tmp);
    } else if (!e && rename(a->tmp, a->path) != 0) {
        e = errno;
        errorf(err, err_size, "%s: cannot rename into place: %s", a->path, strerror(e));
    }
    if (!e) {
        a->tmp[0] = '\0';
        if (durable)
            sync_parent(a->path, a->kind == GFX_ATOMIC_DIR);
        return 0;
    }
    gfx_atomic_abort(a);
    errno = e;
    return -1;
}

int gfx_atomic_commit(gfx_atomic *a, int durable, char *err, size_t err_size)
{
    return commit(a, durable, 0, err, err_size);
}

int gfx_atomic_commit_exclusive(gfx_atomic *a, int durable, char *err, size_t err_size)
{
    return commit(a, durable, 1, err, err_size);
}

int gfx_atomic_adopt(gfx_atomic *a, const char *path, const char *tmp, char *err, size_t err_size)
{
    memset(a, 0, sizeof *a);
    a->kind = GFX_ATOMIC_PATH;
    const char *slash = strrchr(path, '/'), *tslash = strrchr(tmp, '/');
    size_t dir_len = slash ? (size_t)(slash - path) : 0;
    size_t tdir_len = tslash ? (size_t)(tslash - tmp) : 0;
    char host[HOST_MAX + 1];
    long pid;
    struct stat st;
    if (strlen(path) >= sizeof a->path || strlen(tmp) >= sizeof a->tmp || dir_len != tdir_len ||
        strncmp(path, tmp, dir_len) ||
        !is_temporary(tslash ? tslash + 1 : tmp, slash ? slash + 1 : path, host, &pid))
        return fail_errno(EINVAL, err, err_size, "%s: not a temporary of %s", tmp, path);
    if (lstat(tmp, &st) != 0)
        return fail_errno(errno, err, err_size, "%s: %s", tmp, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return fail_errno(EINVAL, err, err_size, "%s: %s", tmp, "not a regular file");
    memcpy(a->path, path, strlen(path) + 1);
    memcpy(a->tmp, tmp, strlen(tmp) + 1);
    return 0;
}

/* Removes the temporaries in `dir` (of destination `dest`, or all), only
 * stale ones when `stale`; see files.h. A staging directory loses its files
 * (never a subdirectory) and then itself if empty. */
static int remove_temporaries(const char *dir, const char *dest, int stale)
{
    char mine[HOST_MAX + 1], host[HOST_MAX + 1], path[GFX_FILE_PATH_MAX];
    host_name(mine);
    int n, removed = 0;
    char **names = list_directory(dir, &n);
    for (int i = 0; i < n; i++) {
        long pid;
        struct stat st;
        if (!is_temporary(names[i], dest, host, &pid) ||
            (stale && (strcmp(host, mine) || !(kill((pid_t)pid, 0) < 0 && errno == ESRCH))) ||
            join(path, sizeof path, dir, names[i]) < 0 || lstat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            gfx_atomic staged = {.kind = GFX_ATOMIC_DIR};
            if (strncmp(names[i], "." TMP_TAG, strlen("." TMP_TAG)) || dest ||
                strlen(path) >= sizeof staged.tmp)
                continue;
            memcpy(staged.tmp, path, strlen(path) + 1);
            gfx_atomic_abort(&staged);
            removed += lstat(path, &st) != 0;
        } else {
            removed += unlink(path) == 0;
        }
    }
    free_names(names, n > 0 ? n : 0);
    return removed;
}

int gfx_remove_stale_temporaries(const char *dir, const char *dest)
{
    return remove_temporaries(dir, dest, 1);
}

int gfx_remove_temporaries(const char *dir, const char *dest)
{
    return remove_temporaries(dir, dest, 0);
}

void gfx_atomic_abort(gfx_atomic *a)
{
    if (a->f) {
        fclose(a->f);
        a->f = NULL;
    }
    if (!a->tmp[0])
        return;
    if (a->kind == GFX_ATOMIC_DIR) {
        int n;
        char **names = list_directory(a->tmp, &n);
        char file[GFX_FILE_PATH_MAX];
        for (int i = 0; i < n; i++)
            if (join(file, sizeof file, a->tmp, names[i]) == 0)
                unlink(file);
        free_names(names, n > 0 ? n : 0);
        rmdir(a->tmp);
    } else {
        unlink(a->tmp);
    }
    a->tmp[0] = '\0';
}

/* --------------------------------------------------------------- reading */

int gfx_read_file(const char *path, size_t max_bytes, const char *what, char **data, size_t *size,
                  char *err, size_t err_size)
{
    *data = NULL;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        errorf(err, err_size, "%s: cannot open %s: %s", path, what, strerror(e));
        errno = e;
        return -1;
    }
    struct stat st;
    int rc = -1;
    char *buf = NULL;
    if (fstat(fd, &st) != 0) {
        errorf(err, err_size, "%s: cannot open %s: %s", path, what, strerror(errno));
        goto done;
    }
    if (!S_ISREG(st.st_mode)) {
        errorf(err, err_size, "%s: %s; expected a %s", path,
               S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file", what);
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        goto done;
    }
    if ((uint64_t)st.st_size > max_bytes) {
        errorf(err, err_size, "%s: %lld bytes; expected a %s of at most %zu bytes", path,
               (long long)st.st_size, what, max_bytes);
        errno = EFBIG;
        goto done;
    }
    /* the file may change under us: read to EOF, but never past the cap */
    size_t cap = (size_t)st.st_size + 1, used = 0;
    for (;;) {
        if (!buf || used == cap) {
            size_t want = buf ? (cap > max_bytes / 2 ? max_bytes + 1 : 2 * cap) : cap;
            char *grown = realloc(buf, want + 1);
            if (!grown) {
                errorf(err, err_size, "%s: out of memory reading %s", path, what);
                errno = ENOMEM;
                goto done;
            }
            buf = grown, cap = want;
        }
        ssize_t got = read(fd, buf + used, cap - used);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            errorf(err, err_size, "%s: cannot read %s: %s", path, what, strerror(errno));
            goto done;
        }
        if (got == 0)
            break;
        used += (size_t)got;
        if (used > max_bytes) {
            errorf(err, err_size, "%s: over %zu bytes; expected a %s of at most %zu bytes", path,
                   max_bytes, what, max_bytes);
            errno = EFBIG;
            goto done;
        }
    }
    buf[used] = '\0';
    *data = buf;
    buf = NULL;
    if (size)
        *size = used;
    rc = 0;
done:
    free(buf);
    close(fd);
    return rc;
}

/* ----------------------------------------------------------- directories */

void gfx_made_dirs_undo(gfx_made_dirs *made)
{
    char dir[GFX_FILE_PATH_MAX];
    for (; made->n > 0; made->n--) {
        snprintf(dir, sizeof dir, "%.*s", made->len[made->n - 1], made->path);
        if (rmdir(dir) != 0)
            break;
    }
    made->n = 0;
}

/* One component: made, or already a directory. 0, or the errno. */
static int make_one(gfx_made_dirs *made, char *err, size_t err_size)
{
    const char *dir = made->path;
    if (mkdir(dir, 0777) == 0) {
        if (made->n == GFX_MADE_DIRS_MAX) {
            rmdir(dir);
            errorf(err, err_size, "%s: more than %d directories to create", dir, GFX_MADE_DIRS_MAX);
            return ENAMETOOLONG;
        }
        made->len[made->n++] = (int)strlen(dir);
        return 0;
    }
    int e = errno;
    struct stat st;
    if (e == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    if (e == EEXIST || e == ENOTDIR) {
        errorf(err, err_size, "%s: exists and is not a directory; expected a directory", dir);
        return ENOTDIR;
    }
    errorf(err, err_size, "%s: cannot create the directory: %s", dir, strerror(e));
    return e;
}

int gfx_make_dirs(const char *path, gfx_made_dirs *made, char *err, size_t err_size)
{
    made->n = 0;
    made->path[0] = '\0';
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    if (len == 0)
        return fail_errno(EINVAL, err, err_size, "'%s': %s", path, "expected a directory name");
    if (len >= sizeof made->path)
        return fail_errno(ENAMETOOLONG, err, err_size, "%.256s...: %s", path,
                          "path too long for a directory");
    char *p = made->path;
    memcpy(p, path, len);
    p[len] = '\0';
    int e = 0;
    for (size_t i = 1; i <= len && !e; i++) {
        if (i < len && (p[i] != '/' || p[i - 1] == '/'))
            continue;
        char saved = p[i];
        p[i] = '\0';
        e = make_one(made, err, err_size);
        p[i] = saved;
    }
    if (e) {
        p[len] = '\0';
        gfx_made_dirs_undo(made);
        errno = e;
        return -1;
    }
    return 0;
}

/* -------------------------------------------------------------- identity */

/* The directory part and last name of path ("a/b/" -> "a", "b"; "b" -> ".",
 * "b"). -1 when it does not fit. */
static int split_path(const char *path, char *dir, size_t dir_size, char *name, size_t name_size)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    size_t start = len;
    while (start > 0 && path[start - 1] != '/')
        start--;
    size_t dir_len = start;
    while (dir_len > 1 && path[dir_len - 1] == '/')
        dir_len--;
    int n = dir_len == 0 ? snprintf(dir, dir_size, ".")
                         : snprintf(dir, dir_size, "%.*s", (int)dir_len, path);
    int m = snprintf(name, name_size, "%.*s", (int)(len - start), path + start);
    return n < 0 || (size_t)n >= dir_size || m < 0 || (size_t)m >= name_size ? -1 : 0;
}

int gfx_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    int ea = stat(a, &sa) == 0, eb = stat(b, &sb) == 0;
    if (ea && eb)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    if (ea || eb)
        return 0;
    char da[GFX_FILE_PATH_MAX], db[GFX_FILE_PATH_MAX], na[GFX_FILE_PATH_MAX], nb[GFX_FILE_PATH_MAX];
    if (split_path(a, da, sizeof da, na, sizeof na) || split_path(b, db, sizeof db, nb, sizeof nb))
        return 0;
    return strcmp(na, nb) == 0 && stat(da, &sa) == 0 && stat(db, &sb) == 0 &&
           sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* ---------------------------------------------------------------- hashing */

#define FNV64_PRIME 0x100000001b3ull

uint64_t gfx_fnv1a64(uint64_t hash, const void *data, size_t size)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < size; i++)
        hash = (hash ^ p[i]) * FNV64_PRIME;
    return hash;
}

uint64_t gfx_hash64_words(uint64_t hash, const void *data, size_t size)
{
    const unsigned char *p = data;
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        uint64_t word;
        memcpy(&word, p + i, 8);
        hash = (hash ^ word) * FNV64_PRIME;
    }
    for (; i < size; i++)
        hash = (hash ^ p[i]) * FNV64_PRIME;
    return hash;
}

int gfx_file_hash(const char *path, gfx_hash64_fn hash_fn, uint64_t *hash, int64_t *bytes,
                  char *err, size_t err_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        errorf(err, err_size, "%s: cannot open: %s", path, strerror(e));
        errno = e;
        return -1;
    }
    enum { BLOCK = 1 << 16 };
    unsigned char *buf = malloc(BLOCK);
    uint64_t h = GFX_FNV1A64_OFFSET;
    int64_t total = 0;
    size_t n;
    while (buf && (n = fread(buf, 1, BLOCK, f)) > 0) {
        h = hash_fn(h, buf, n);
        total += (int64_t)n;
    }
    int failed = !buf || ferror(f);
    int e = !buf ? ENOMEM : EIO;
    free(buf);
    fclose(f);
    if (failed) {
        errorf(err, err_size, "%s: cannot read: %s", path, strerror(e));
        errno = e;
        return -1;
    }
    *hash = h;
    if (bytes)
        *bytes = total;
    return 0;
}

int gfx_file_checksum(const char *path, uint64_t *checksum, int64_t *bytes, char *err,
                      size_t err_size)
{
    return gfx_file_hash(path, gfx_fnv1a64, checksum, bytes, err, err_size);
}
